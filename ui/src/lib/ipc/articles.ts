/** Articles: the list, the editor, revisions, search and the trash. */
import type * as b from '../bindings';
import { noteSaved } from '../site-changed';
import { commands, run, type Sent } from './core';

export type ArticleStatus = b.Status;
/** Whether the published site has an item, and whether it changed since. */
export type HostState = b.HostState;
export type SaveMode = b.SaveMode;
/** An article as the editor has it (Markdown body, rich blocks as named fenced blocks). */
export type Article = Sent<b.Article>;
/** An article as the list shows it (the body left empty), with its state on the host. */
export type ArticleSummary = Article & { host_state?: HostState | null };
export type TrashKind = b.Kind;
export type TrashItem = Sent<b.TrashItem>;
export type SearchHit = b.ArticleHit;
export type Revision = Sent<b.RevisionOf<b.Article>>;

export const listArticles = (): Promise<ArticleSummary[]> =>
  run(() => commands.listArticles()) as Promise<ArticleSummary[]>;
export const getArticle = (id: number): Promise<Article> =>
  run(() => commands.getArticle(id)) as Promise<Article>;
export const createArticle = (section: string | null): Promise<Article> =>
  run(() => commands.createArticle(section)) as Promise<Article>;
export const saveArticle = (article: Article, mode: SaveMode): Promise<Article> =>
  (run(() => commands.saveArticle(article, mode)) as Promise<Article>).then(noteSaved);
export const duplicateArticle = (id: number): Promise<Article> =>
  run(() => commands.duplicateArticle(id)) as Promise<Article>;
export const trashArticle = (id: number): Promise<null> => run(() => commands.trashArticle(id));
export const restoreArticle = (id: number): Promise<null> => run(() => commands.restoreArticle(id));
export const listTrash = (): Promise<TrashItem[]> => run(() => commands.listTrash());
export const restoreFromTrash = (kind: TrashKind, id: number): Promise<null> =>
  run(() => commands.restoreFromTrash(kind, id));
/** Deletes a new article or page that was left without a save. */
export const discardUntouched = (kind: 'article' | 'page', id: number): Promise<boolean> =>
  run(() => commands.discardUntouched(kind, id));
/** Full-text search, best first; matches are wrapped in `[` and `]` in the snippet. */
export const searchArticles = (query: string): Promise<SearchHit[]> => run(() => commands.searchArticles(query));
/** The article's page on the website, as it is in the editor. */
export const renderPreview = (article: Article): Promise<string> => run(() => commands.renderPreview(article));
export const listRevisions = (id: number): Promise<Revision[]> =>
  run(() => commands.listRevisions(id)) as Promise<Revision[]>;
export const restoreRevision = (id: number, revisionId: number, baseVersion: number): Promise<Article> =>
  run(() => commands.restoreRevision(id, revisionId, baseVersion)) as Promise<Article>;
