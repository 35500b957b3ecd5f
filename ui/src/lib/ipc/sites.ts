/** The open site, its settings, the sites this computer knows, and the editor's own name. */
import type * as b from '../bindings';
import { commands, run, type Sent } from './core';

export type Section = b.SectionInfo;
export type SiteInfo = b.SiteInfo;
export type SiteSettings = Sent<b.Settings>;
export type SitesInfo = b.SitesInfo;
export type ImportSummary = b.Imported;

export const siteInfo = (): Promise<SiteInfo> => run(() => commands.siteInfo());
export const getSettings = (): Promise<SiteSettings> => run(() => commands.getSettings()) as Promise<SiteSettings>;
export const saveSettings = (settings: SiteSettings): Promise<SiteSettings> =>
  run(() => commands.saveSettings(settings)) as Promise<SiteSettings>;
export const getEditorName = (): Promise<string> => run(() => commands.getEditorName());
export const setEditorName = (name: string): Promise<null> => run(() => commands.setEditorName(name));
export const shouldWelcome = (): Promise<boolean> => run(() => commands.shouldWelcome());
export const dismissWelcome = (): Promise<null> => run(() => commands.dismissWelcome());
export const listSites = (): Promise<SitesInfo> => run(() => commands.listSites());
export const openSite = (path: string): Promise<null> => run(() => commands.openSite(path));
export const createSite = (path: string, demo: boolean): Promise<null> => run(() => commands.createSite(path, demo));
export const removeDemoContent = (): Promise<number> => run(() => commands.removeDemoContent());
export const backupSite = (file: string): Promise<string> => run(() => commands.backupSite(file));
export const restoreSite = (file: string, folder: string): Promise<null> =>
  run(() => commands.restoreSite(file, folder));
export const exportSite = (folder: string): Promise<number> => run(() => commands.exportSite(folder));
export const importFolder = (folder: string): Promise<ImportSummary> => run(() => commands.importFolder(folder));
