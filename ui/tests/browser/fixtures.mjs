/**
 * Test data and a stateful fake of the article commands, answered in Node through
 * `openApp({ handlers })`.
 */

/** @typedef {import('../../src/lib/ipc').Article} Article */
/** @typedef {import('../../src/lib/ipc').ArticleSummary} ArticleSummary */
/** @typedef {import('../../src/lib/ipc').Revision} Revision */

export const SITE = {
  title: 'Riverbank Alliance',
  path: '/home/comms/Sites/riverbank-alliance',
  articles: 3,
  slides: 4,
  pages: 7,
  media: 128,
  language: 'en',
  author: 'Comms team',
  sections: [
    { slug: 'news', title: 'News' },
    { slug: 'events', title: 'Events' },
    { slug: 'reports', title: 'Reports' },
  ],
  tags: ['water', 'volunteers', 'reports'],
};

/**
 * @param {Partial<Article> & { id: number, title: string }} a
 * @returns {Article}
 */
export function article(a) {
  return {
    slug: a.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
    date: null,
    status: 'draft',
    section: 'news',
    tags: [],
    author: 'Comms team',
    summary: null,
    image: null,
    image_alt: null,
    seo_title: null,
    seo_description: null,
    lang: 'en',
    event_start: null,
    event_end: null,
    location: null,
    body: 'Body text.\n',
    version: 1,
    created_at: '2025-06-01T09:00:00Z',
    updated_at: '2025-06-01T09:00:00Z',
    updated_by: 'Comms team',
    ...a,
  };
}

/** @param {Article} a @returns {ArticleSummary} */
export function summary(a) {
  // Lists come without bodies.
  return { ...a, body: '' };
}

/** @param {string} s */
const escapeHtml = (s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A fake backend: articles in memory, saves bump the version and keep revisions. */
export class FakeBackend {
  /** @param {Article[]} articles */
  constructor(articles) {
    /** @type {Map<number, Article>} */
    this.articles = new Map(articles.map((a) => [a.id, structuredClone(a)]));
    /** @type {Map<number, Revision[]>} */
    this.revisions = new Map();
    /** @type {Set<number>} */
    this.trashed = new Set();
    /** @type {{ code: string, message: string } | null} Next save fails with this. */
    this.failNextSave = null;
    this.nextId = 100;
  }

  /** @param {number} id */
  get(id) {
    const a = this.articles.get(id);
    if (!a || this.trashed.has(id)) throw { code: 'not_found', message: `No article ${id}` };
    return a;
  }

  /** @returns {Record<string, (args: any) => unknown>} */
  handlers() {
    return {
      site_info: () => SITE,
      list_articles: () =>
        [...this.articles.values()].filter((a) => !this.trashed.has(a.id)).map(summary),
      get_article: ({ id }) => this.get(id),
      create_article: ({ section }) => {
        const a = article({ id: this.nextId++, title: 'Untitled article', section, body: '' });
        a.slug = `untitled-article-${a.id}`;
        this.articles.set(a.id, a);
        return a;
      },
      save_article: ({ article: sent }) => {
        const stored = this.get(sent.id);
        if (this.failNextSave) {
          const error = this.failNextSave;
          this.failNextSave = null;
          throw error;
        }
        if (sent.version !== stored.version) {
          throw {
            code: 'conflict',
            message: 'This article was changed elsewhere since you opened it. Reload to see the latest version.',
          };
        }
        const list = this.revisions.get(sent.id) ?? [];
        list.unshift({
          id: list.length + 1,
          author: stored.updated_by,
          created_at: stored.updated_at,
          updated_at: stored.updated_at,
          snapshot: structuredClone(stored),
        });
        this.revisions.set(sent.id, list);
        const saved = { ...sent, version: stored.version + 1, updated_at: '2025-06-15T12:00:00Z' };
        this.articles.set(sent.id, saved);
        return saved;
      },
      discard_untouched: ({ kind, id }) => {
        const a = this.articles.get(id);
        if (kind !== 'article' || !a || a.version !== 1 || this.trashed.has(id)) return false;
        this.articles.delete(id);
        return true;
      },
      duplicate_article: ({ id }) => {
        const copy = { ...this.get(id), id: this.nextId++, status: /** @type {const} */ ('draft') };
        copy.title = `${copy.title} (copy)`;
        copy.slug = `${copy.slug}-copy`;
        this.articles.set(copy.id, copy);
        return copy;
      },
      trash_article: ({ id }) => {
        this.trashed.add(id);
        return null;
      },
      restore_article: ({ id }) => {
        this.trashed.delete(id);
        return null;
      },
      list_trash: () =>
        [...this.trashed].map((id) => ({
          kind: 'article',
          id,
          key: this.articles.get(id)?.slug ?? String(id),
          deleted_at: '2025-06-15T11:00:00Z',
        })),
      search_articles: ({ query }) => {
        const q = String(query).toLowerCase();
        return [...this.articles.values()]
          .filter((a) => `${a.title}\n${a.body}`.toLowerCase().includes(q))
          .map((a) => {
            const text = `${a.title} ${a.body}`;
            const at = text.toLowerCase().indexOf(q);
            const snippet = `${text.slice(0, at)}[${text.slice(at, at + q.length)}]${text.slice(at + q.length, at + 60)}`;
            return { id: a.id, slug: a.slug, title: a.title, snippet };
          });
      },
      render_preview: ({ article: a }) =>
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(a.title)}</title></head>` +
        `<body><h1>${escapeHtml(a.title)}</h1><pre>${escapeHtml(a.body)}</pre></body></html>`,
      list_revisions: ({ id }) => this.revisions.get(id) ?? [],
      restore_revision: ({ id, revisionId, baseVersion }) => {
        const current = this.get(id);
        if (baseVersion !== current.version) throw { code: 'conflict', message: 'Changed elsewhere.' };
        const revision = (this.revisions.get(id) ?? []).find((r) => r.id === revisionId);
        if (!revision) throw { code: 'not_found', message: 'No such revision' };
        const restored = { ...revision.snapshot, version: current.version + 1 };
        this.articles.set(id, restored);
        return restored;
      },
      list_link_targets: () => [
        { ref: 'article:annual-report-2024', title: 'Annual report 2024', kind: 'article' },
        { ref: 'page:about', title: 'About us', kind: 'page' },
        { ref: 'media:river.jpg', title: 'The river at dawn', kind: 'media' },
      ],
      list_media: () => [],
      add_media: ({ fileName }) => ({
        media: { name: String(fileName).toLowerCase(), mime: 'image/png', bytes: 68, width: 1, height: 1, alt: null, title: null, pages: null },
        warnings: [],
      }),
    };
  }
}
