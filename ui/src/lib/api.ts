/**
 * Typed wrappers around the Tauri commands exposed by the Rust backend.
 *
 * Every wrapper rejects with a {@link CommandError} (an `Error` carrying the
 * backend's `{ code, message }`), whatever shape the rejection had on the wire.
 */
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';

export interface SiteInfo {
  title: string;
  path: string;
  articles: number;
  slides: number;
  pages: number;
  media: number;
}

export type ArticleStatus = 'draft' | 'review' | 'ready' | 'published';

export interface Article {
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
  body: string;
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

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
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

export function listArticles(): Promise<Article[]> {
  return call<Article[]>('list_articles');
}
