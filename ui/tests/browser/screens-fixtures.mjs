/**
 * One fake backend for every screen (articles, editor, pages, slides, media, publish,
 * settings), with realistic titles and lengths, for the layout and screenshot tests.
 */
import { article, FakeBackend, SITE } from './fixtures.mjs';
import { FakeSettingsBackend } from './settings-fixtures.mjs';

export const NOW = new Date('2025-06-15T12:00:00Z');

export const ARTICLES = [
  article({
    id: 1,
    title: 'Spring river clean-up: 2 tonnes of waste removed from the lower weir',
    status: 'published',
    date: '2025-05-20T08:00:00Z',
    section: 'news',
    tags: ['water', 'volunteers'],
    summary: 'Over 300 volunteers joined the annual clean-up along the lower river.',
    body: 'The clean-up removed **2 tonnes** of waste.\n\nThank you to every volunteer who came.\n',
  }),
  article({
    id: 2,
    title: 'Annual report 2024 — draft for board review',
    status: 'review',
    section: 'reports',
    summary: 'Working copy; figures still to be confirmed by finance.',
  }),
  article({
    id: 3,
    title: 'World Environment Day open event at the old mill',
    status: 'published',
    date: '2025-06-28T09:30:00Z',
    section: 'events',
    summary: 'Guided walks, a water-testing workshop and a family picnic at the old mill.',
  }),
  article({
    id: 4,
    title: 'Volunteers wanted: river monitors for the summer season',
    status: 'ready',
    date: '2025-06-02T07:00:00Z',
    section: 'news',
    summary: 'Training takes one Saturday morning; kits are provided.',
  }),
  article({ id: 5, title: 'New article', status: 'draft', body: '' }),
];

/** @type {import('../../src/lib/ipc').Page[]} */
export const PAGES = [
  { id: 21, version: 1, title: 'About us', slug: 'about', body: 'We keep the river clean.\n', status: 'published', created_at: '2025-05-01T09:00:00Z', updated_at: '2025-05-01T09:00:00Z', updated_by: 'Ana Costa' },
  { id: 22, version: 1, title: 'Partners and funders of the Riverbank Alliance', slug: 'partners', body: 'Our partners.\n', status: 'published', created_at: '2025-05-01T09:00:00Z', updated_at: '2025-05-01T09:00:00Z', updated_by: 'Ana Costa', host_state: 'changed' },
  { id: 23, version: 1, title: 'Newsletter', slug: 'newsletter', body: 'Sign up.\n', status: 'draft', created_at: '2025-05-01T09:00:00Z', updated_at: '2025-05-01T09:00:00Z', updated_by: 'Ana Costa' },
];

/** @param {Partial<import('../../src/lib/ipc').Slide> & { id: number, headline: string, position: number }} s */
const slide = (s) => ({
  version: 1,
  slug: s.headline.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
  blurb: '',
  cta: 'Read more',
  link: null,
  image: null,
  image_alt: null,
  show_from: null,
  show_until: null,
  status: /** @type {const} */ ('published'),
  updated_at: '2025-06-01T09:00:00Z',
  updated_by: 'Comms team',
  ...s,
});

export const SLIDES = [
  slide({ id: 11, position: 1, headline: 'Annual report 2024 is out', blurb: 'Two tonnes of waste removed and 40 new river monitors trained.', cta: 'Download the report', link: 'page:about', show_from: '2025-06-01', show_until: '2025-06-30' }),
  slide({ id: 12, position: 2, headline: 'Join the World Environment Day walk', cta: 'Learn more', link: 'page:about', show_from: '2025-06-20' }),
  slide({ id: 13, position: 3, headline: 'Spring clean-up: thank you!', show_until: '2025-06-14' }),
  slide({ id: 14, position: 4, headline: 'Become a river monitor', status: 'draft', cta: null, link: 'https://example.org/volunteer' }),
  slide({ id: 15, position: 5, headline: 'Our partners: the Water Trust', cta: 'Learn more', link: 'page:about' }),
  slide({ id: 16, position: 6, headline: 'Newsletter: sign up for monthly news', cta: 'Sign up', link: 'page:about' }),
  slide({ id: 17, position: 7, headline: 'Donate to keep the river clean', status: 'ready', cta: 'Donate', link: 'https://example.org/donate' }),
];

/** @param {Partial<import('../../src/lib/ipc').MediaDetails> & { id: number, name: string }} m */
const media = (m) => ({
  version: 1,
  original_name: m.name,
  mime: 'image/jpeg',
  bytes: 245_000,
  alt: null,
  caption: null,
  credit: null,
  width: 1600,
  height: 1067,
  title: null,
  pages: null,
  author: null,
  focal: null,
  created_at: '2025-06-01T09:00:00Z',
  variants: [],
  used_by: [],
  ...m,
});

const MEDIA = [
  media({ id: 1, name: 'river-at-dawn.jpg', alt: 'Mist over the river at dawn', created_at: '2025-05-02T08:00:00Z' }),
  media({ id: 2, name: 'volunteers-with-litter-pickers-at-the-weir.png', mime: 'image/png', created_at: '2025-06-03T08:00:00Z' }),
  media({ id: 3, name: 'annual-report-2024.pdf', mime: 'application/pdf', width: null, height: null, pages: 48, title: 'Annual report 2024', created_at: '2025-06-10T08:00:00Z' }),
  media({ id: 4, name: 'weir-map.gif', mime: 'image/gif', alt: 'Map of the weir', created_at: '2025-04-20T08:00:00Z' }),
];

const TARGETS = [
  { name: 'Website', url: 'sftp://www.riverbank.example/var/www/html', user: 'riverbank', key_file: null, insecure: false, last_publish: '2025-06-14T16:45:00Z' },
];

const HISTORY = [
  { id: '3', target: 'Website', at: '2025-06-14T16:45:00Z', author: 'Ana Costa', uploaded: 12, deleted: 1, bytes: 840_000, ms: 4200, changed: ['article:spring-river-clean-up', 'page:about'] },
  { id: '2', target: 'Website', at: '2025-05-20T08:10:00Z', author: 'Ana Costa', uploaded: 140, deleted: 0, bytes: 12_400_000, ms: 31_000, changed: [] },
];

/**
 * Problems other than the pictures: the app serves them on its own `preview://` scheme, which
 * the test page's CSP (rightly) blocks, so they show their placeholders here.
 * @param {string[]} problems
 */
export const realProblems = (problems) => problems.filter((p) => !p.includes('preview://localhost/'));

/**
 * Handlers for every command the seven screens use.
 * @returns {Record<string, (args: any) => unknown>}
 */
export function everyScreen() {
  const articles = new FakeBackend(ARTICLES);
  const settings = new FakeSettingsBackend();
  const slides = structuredClone(SLIDES);
  const pages = structuredClone(PAGES);
  const info = { ...SITE, articles: ARTICLES.length, slides: SLIDES.length, pages: PAGES.length, media: MEDIA.length, base_url: 'https://www.riverbank.example/' };
  const preview = (/** @type {string} */ title) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1></body></html>`;
  return {
    ...settings.handlers(),
    ...articles.handlers(),
    site_info: () => info,
    should_welcome: () => false,
    guard_close: () => null,
    list_pages: () => pages.map((p) => ({ ...p, body: '' })),
    get_page: ({ id }) => {
      const p = pages.find((x) => x.id === id);
      if (!p) throw { code: 'not_found', message: `No page ${id}` };
      return p;
    },
    save_page: ({ page }) => ({ ...page, version: page.version + 1 }),
    render_page_preview: ({ page }) => preview(page.title),
    list_slides: () => slides,
    get_slide: ({ id }) => slides.find((s) => s.id === id),
    save_slide: ({ slide: s }) => ({ ...s, version: s.version + 1 }),
    render_home_preview: ({ slide: s }) => preview(s.headline),
    media_library: () => MEDIA,
    list_targets: () => TARGETS,
    targets_needing_user: () => [],
    publish_history: () => HISTORY,
  };
}
