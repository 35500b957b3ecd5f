/** The open site, its settings, the sites this computer knows, and the editor's own name. */
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type * as b from '../bindings';
import { noteSaved } from '../site-changed';
import { commands, run, type Sent } from './core';

export type Section = b.SectionInfo;
export type SiteInfo = b.SiteInfo;
export type SiteSettings = Sent<b.Settings>;
export type SitesInfo = b.SitesInfo;
export type ImportSummary = b.Imported;

export const siteInfo = (): Promise<SiteInfo> => run(() => commands.siteInfo());
export const getSettings = (): Promise<SiteSettings> => run(() => commands.getSettings()) as Promise<SiteSettings>;
export const saveSettings = (settings: SiteSettings): Promise<SiteSettings> =>
  (run(() => commands.saveSettings(settings)) as Promise<SiteSettings>).then(noteSaved);
export const getEditorName = (): Promise<string> => run(() => commands.getEditorName());
export const setEditorName = (name: string): Promise<null> => run(() => commands.setEditorName(name));
export const shouldWelcome = (): Promise<boolean> => run(() => commands.shouldWelcome());
export const dismissWelcome = (): Promise<null> => run(() => commands.dismissWelcome());
/** The system's folder picker; `null` when the person cancels. */
export const chooseFolder = (title: string): Promise<string | null> => run(() => commands.chooseFolder(title));
export const listSites = (): Promise<SitesInfo> => run(() => commands.listSites());
export const openSite = (path: string): Promise<null> => run(() => commands.openSite(path));
export const createSite = (path: string, demo: boolean): Promise<null> => run(() => commands.createSite(path, demo));
export const removeDemoContent = (): Promise<number> => run(() => commands.removeDemoContent());
export const backupSite = (file: string): Promise<string> => run(() => commands.backupSite(file));
export const restoreSite = (file: string, folder: string): Promise<null> =>
  run(() => commands.restoreSite(file, folder));
export const exportSite = (folder: string): Promise<number> => run(() => commands.exportSite(folder));
export const importFolder = (folder: string): Promise<ImportSummary> => run(() => commands.importFolder(folder));

/** The kinds of website `importWebsite` reads. */
export type WebsiteKind = b.SourceKind;
/** What a website import did (the JSON of `masthead import --from … --json`). */
export type WebsiteImportReport = b.WebsiteImportReport;
/** How far an import has come: `stage` is reading, files, converting or saving. */
export type WebsiteImportProgress = b.WebsiteImportProgress;

/** Brings a WordPress export or a Hugo, Zola or Jekyll site in (with `dryRun`, changes nothing). */
export const importWebsite = (
  from: WebsiteKind,
  source: string,
  mediaFrom: string | null,
  dryRun: boolean,
): Promise<WebsiteImportReport> => run(() => commands.importWebsite(from, source, mediaFrom, dryRun));

export function onImportProgress(f: (p: WebsiteImportProgress) => void): Promise<UnlistenFn> {
  return listen<WebsiteImportProgress>('masthead://import-progress', (e) => f(e.payload));
}
