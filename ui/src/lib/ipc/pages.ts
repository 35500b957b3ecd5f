/** Standing pages (about, newsletters, partners …). */
import type * as b from '../bindings';
import type { HostState, SaveMode } from './articles';
import { noteSaved } from '../site-changed';
import { commands, run, type Sent } from './core';

export type Page = Sent<b.Page> & { host_state?: HostState | null };

export const listPages = (): Promise<Page[]> => run(() => commands.listPages()) as Promise<Page[]>;
export const getPage = (id: number): Promise<Page> => run(() => commands.getPage(id)) as Promise<Page>;
export const createPage = (): Promise<Page> => run(() => commands.createPage()) as Promise<Page>;
export const savePage = (page: Page, mode: SaveMode): Promise<Page> =>
  (run(() => commands.savePage(page, mode)) as Promise<Page>).then(noteSaved);
export const trashPage = (id: number): Promise<null> => run(() => commands.trashPage(id));
export const renderPagePreview = (page: Page): Promise<string> => run(() => commands.renderPagePreview(page));
