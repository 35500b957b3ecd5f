import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addMedia,
  CommandError,
  hasBackend,
  listArticles,
  restoreRevision,
  saveArticle,
  searchArticles,
  siteInfo,
  toCommandError,
  type Article,
} from '.';

describe('toCommandError', () => {
  it('keeps code and message from a backend error object', () => {
    const e = toCommandError({ code: 'site_missing', message: 'No site at /x' });
    expect(e).toBeInstanceOf(CommandError);
    expect(e.code).toBe('site_missing');
    expect(e.message).toBe('No site at /x');
  });

  it('wraps a plain string error', () => {
    expect(toCommandError('boom')).toMatchObject({ code: 'unknown', message: 'boom' });
  });

  it('uses the message of an Error', () => {
    expect(toCommandError(new TypeError('bad'))).toMatchObject({ code: 'unknown', message: 'bad' });
  });

  it('falls back to a generic message', () => {
    expect(toCommandError(undefined).message).toMatch(/went wrong/);
    expect(toCommandError({ code: 'x' }).message).toMatch(/went wrong/);
  });

  it('returns a CommandError unchanged', () => {
    const e = new CommandError('a', 'b');
    expect(toCommandError(e)).toBe(e);
  });
});

describe('command wrappers', () => {
  beforeEach(() => {
    // mockIPC writes to `window`; in the node environment alias it to globalThis.
    vi.stubGlobal('window', globalThis);
  });

  afterEach(() => {
    clearMocks();
    vi.unstubAllGlobals();
    delete (globalThis as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__;
  });

  it('calls site_info', async () => {
    const info = { title: 'NGO', path: '/s', articles: 1, slides: 0, pages: 2, media: 3 };
    const seen: string[] = [];
    mockIPC((cmd) => {
      seen.push(cmd);
      return info;
    });
    await expect(siteInfo()).resolves.toEqual(info);
    expect(seen).toEqual(['site_info']);
  });

  it('rejects with a CommandError carrying the backend code', async () => {
    // Tauri rejects with the serialised Rust error, a plain object, not an Error.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    mockIPC(() => Promise.reject({ code: 'site_missing', message: 'Site folder is gone' }));
    const error = await listArticles().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect(error).toMatchObject({ code: 'site_missing', message: 'Site folder is gone' });
  });

  it('passes arguments in the camelCase the Rust commands expect', async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return null;
    });
    const article = { id: 7, version: 3, body: 'x' } as Article;
    await saveArticle(article, 'explicit');
    await restoreRevision(7, 2, 3);
    await addMedia('River.png', 'AAAA', null);
    await searchArticles('river');
    expect(seen).toEqual([
      ['save_article', { article, mode: 'explicit' }],
      ['restore_revision', { id: 7, revisionId: 2, baseVersion: 3 }],
      ['add_media', { fileName: 'River.png', dataBase64: 'AAAA', alt: null }],
      ['search_articles', { query: 'river' }],
    ]);
  });

  it('reports a missing backend instead of crashing', async () => {
    expect(hasBackend()).toBe(false);
    await expect(listArticles()).rejects.toMatchObject({ code: 'no_backend' });
  });
});
