/**
 * Typed wrappers around the Tauri commands exposed by the Rust backend.
 *
 * Every wrapper rejects with a {@link CommandError} (an `Error` carrying the
 * backend's `{ code, message }`), whatever shape the rejection had on the wire.
 */
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';

export interface Section {
  slug: string;
  title: string;
}

export interface SiteInfo {
  title: string;
  path: string;
  articles: number;
  slides: number;
  pages: number;
  media: number;
  /** BCP 47 tag of the site's language, e.g. `en`; the editor spell-checks in it. */
  language?: string;
  /** Default author for new articles. */
  author?: string;
  sections?: Section[];
  /** Every tag used on the site, for autocomplete. */
  tags?: string[];
  /** The website's address (`https://…/`), once set in the settings. */
  base_url?: string | null;
}

export type ArticleStatus = 'draft' | 'review' | 'ready' | 'published';

/** Whether the published site has this article, and whether it changed since. */
export type HostState = 'never' | 'live' | 'changed';

/** An article as the list shows it: everything but the body. */
export interface ArticleSummary {
  id: number;
  title: string;
  slug: string;
  /** `YYYY-MM-DD` or an ISO 8601 date-time; null while undated. */
  date: string | null;
  status: ArticleStatus;
  section: string | null;
  tags: string[];
  author: string | null;
  summary: string | null;
  image: string | null;
  image_alt: string | null;
  seo_title: string | null;
  seo_description: string | null;
  lang: string | null;
  event_start: string | null;
  event_end: string | null;
  location: string | null;
  /** Bumped by every save; a save must name the version it was based on. */
  version: number;
  updated_at: string;
  updated_by: string;
  host_state?: HostState;
}

export interface Article extends ArticleSummary {
  /** Markdown (CommonMark + GFM, with rich blocks as named fenced code blocks). */
  body: string;
}

export type SaveMode = 'autosave' | 'explicit';

export type TrashKind = 'article' | 'page' | 'slide' | 'media';

export interface TrashItem {
  kind: TrashKind;
  id: number;
  key: string;
  deleted_at: string;
}

export interface SearchHit {
  id: number;
  slug: string;
  title: string;
  /** Text around the matches, each match wrapped in `[` and `]`. */
  snippet: string;
}

export interface Revision {
  id: number;
  author: string;
  created_at: string;
  updated_at: string;
  snapshot: Article;
}

export interface LinkTarget {
  /** `article:slug`, `page:slug` or `media:name`. */
  ref: string;
  title: string;
  kind: 'article' | 'page' | 'media';
}

export interface MediaItem {
  name: string;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  alt: string | null;
  title: string | null;
  pages: number | null;
}

export interface AddedMedia {
  media: MediaItem;
  warnings: string[];
}

/** The error shape every backend command rejects with. */
export interface CommandErrorPayload {
  code: string;
  message: string;
}

export class CommandError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Normalises anything a rejected `invoke` (or our own code) can throw. */
export function toCommandError(error: unknown): CommandError {
  if (error instanceof CommandError) return error;
  if (isRecord(error) && typeof error.message === 'string') {
    const code = typeof error.code === 'string' ? error.code : 'unknown';
    return new CommandError(code, error.message);
  }
  if (typeof error === 'string' && error.length > 0) return new CommandError('unknown', error);
  return new CommandError('unknown', 'Something went wrong. Please try again.');
}

/** True when the Tauri IPC bridge (or a test mock of it) is present. */
export function hasBackend(): boolean {
  const internals = (globalThis as { __TAURI_INTERNALS__?: { invoke?: unknown } })
    .__TAURI_INTERNALS__;
  return typeof internals?.invoke === 'function';
}

export async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  if (!hasBackend()) {
    throw new CommandError(
      'no_backend',
      'The Masthead backend is not available. Start the app with `cargo tauri dev` rather than opening the page in a browser.',
    );
  }
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toCommandError(error);
  }
}

export function siteInfo(): Promise<SiteInfo> {
  return call<SiteInfo>('site_info');
}

export function listArticles(): Promise<ArticleSummary[]> {
  return call<ArticleSummary[]>('list_articles');
}

export function getArticle(id: number): Promise<Article> {
  return call<Article>('get_article', { id });
}

export function createArticle(section: string | null): Promise<Article> {
  return call<Article>('create_article', { section });
}

export function saveArticle(article: Article, mode: SaveMode): Promise<Article> {
  return call<Article>('save_article', { article, mode });
}

export function duplicateArticle(id: number): Promise<Article> {
  return call<Article>('duplicate_article', { id });
}

export function trashArticle(id: number): Promise<null> {
  return call<null>('trash_article', { id });
}

export function restoreArticle(id: number): Promise<null> {
  return call<null>('restore_article', { id });
}

export function listTrash(): Promise<TrashItem[]> {
  return call<TrashItem[]>('list_trash');
}

export function searchArticles(query: string): Promise<SearchHit[]> {
  return call<SearchHit[]>('search_articles', { query });
}

export function renderPreview(article: Article): Promise<string> {
  return call<string>('render_preview', { article });
}

export function listRevisions(id: number): Promise<Revision[]> {
  return call<Revision[]>('list_revisions', { id });
}

export function restoreRevision(id: number, revisionId: number, baseVersion: number): Promise<Article> {
  return call<Article>('restore_revision', { id, revisionId, baseVersion });
}

export function listLinkTargets(): Promise<LinkTarget[]> {
  return call<LinkTarget[]>('list_link_targets');
}

export function listMedia(): Promise<MediaItem[]> {
  return call<MediaItem[]>('list_media');
}

export function addMedia(fileName: string, dataBase64: string, alt: string | null): Promise<AddedMedia> {
  return call<AddedMedia>('add_media', { fileName, dataBase64, alt });
}

/**
 * From now on, closing the window first asks `mayClose` (the editor saves what is pending);
 * the window closes only when it answers yes.
 */
export async function guardClose(mayClose: () => Promise<boolean>): Promise<void> {
  await listen('masthead://close-requested', () => {
    void mayClose().then((yes) => (yes ? call<null>('close_window') : null));
  });
  await call<null>('guard_close');
}
