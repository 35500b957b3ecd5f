/**
 * What the editor screen edits: articles, or pages shown through the same editor. A page
 * travels inside the editor as an article without the article-only fields.
 */
import {
  getArticle,
  listLinkTargets,
  renderPreview,
  saveArticle,
  type Article,
  type LinkTarget,
  type SaveMode,
} from '../lib/ipc';
import { discardUntouched, getPage, renderPagePreview, savePage, type Page } from '../lib/ipc';

export interface DocApi {
  noun: 'article' | 'page';
  get(id: number): Promise<Article>;
  save(doc: Article, mode: SaveMode): Promise<Article>;
  preview(doc: Article): Promise<string>;
  /** What links and images can point at (the link picker, image blocks). */
  linkTargets(): Promise<LinkTarget[]>;
  /** Deletes a new item nobody saved since it was created (nothing is left of a "New" left untouched). */
  discard(id: number): Promise<boolean>;
}

export const ARTICLES: DocApi = {
  noun: 'article',
  get: getArticle,
  save: saveArticle,
  preview: renderPreview,
  linkTargets: listLinkTargets,
  discard: (id) => discardUntouched('article', id),
};

export function pageAsArticle(p: Page): Article {
  return {
    ...p,
    date: null,
    section: null,
    tags: [],
    author: null,
    summary: null,
    image: null,
    image_alt: null,
    seo_title: null,
    seo_description: null,
    lang: null,
    event_start: null,
    event_end: null,
    location: null,
  };
}

export function articleAsPage(a: Article): Page {
  const { id, version, title, slug, body, status, created_at, updated_at, updated_by } = a;
  return { id, version, title, slug, body, status, created_at, updated_at, updated_by };
}

export const PAGES: DocApi = {
  noun: 'page',
  get: async (id) => pageAsArticle(await getPage(id)),
  save: async (doc, mode) => pageAsArticle(await savePage(articleAsPage(doc), mode)),
  preview: (doc) => renderPagePreview(articleAsPage(doc)),
  linkTargets: listLinkTargets,
  discard: (id) => discardUntouched('page', id),
};
