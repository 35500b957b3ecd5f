/**
 * Typed wrappers for the slides, pages, media library and publish screens. Every wrapper
 * rejects with a `CommandError` ({ code, message }), as in `api.ts`.
 */
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { call, type ArticleStatus, type HostState, type SaveMode } from './api';

/** A featured slide on the home page's carousel. */
export interface Slide {
  id: number;
  /** 0 for a slide not saved yet. */
  version: number;
  slug: string;
  headline: string;
  /** A sentence or two under the headline (plain text, up to 2,000 characters). */
  blurb: string;
  /** Call-to-action label ("Read more", "Download the report"). */
  cta: string | null;
  /** Where the call to action leads: `article:slug`, `page:slug`, `media:name` or `https://…`. */
  link: string | null;
  /** `media:name` of the picture. */
  image: string | null;
  image_alt: string | null;
  /** Order on the home page, from 1. */
  position: number;
  /** `YYYY-MM-DD` or ISO 8601 date-time; null = no limit. */
  show_from: string | null;
  show_until: string | null;
  status: ArticleStatus;
  updated_at: string;
  updated_by: string;
  host_state?: HostState;
}

export interface Page {
  id: number;
  version: number;
  title: string;
  slug: string;
  /** Markdown, as for articles (empty in lists). */
  body: string;
  status: ArticleStatus;
  updated_at: string;
  updated_by: string;
  host_state?: HostState;
}

export interface Variant {
  width: number;
  height: number;
  format: 'jpeg' | 'png' | 'webp';
  bytes: number;
  /** Site path, e.g. `/media/v/<name>/960.webp`; served in the app under `preview://localhost`. */
  url: string;
}

/** A media item as the library shows it. */
export interface MediaDetails {
  id: number;
  version: number;
  /** Unique file name, the `media:name` reference. */
  name: string;
  original_name: string;
  mime: string;
  bytes: number;
  alt: string | null;
  /** A picture that only decorates: it needs no alt text and is published with an empty one. */
  decorative: boolean;
  caption: string | null;
  credit: string | null;
  width: number | null;
  height: number | null;
  /** PDFs: document title, page count and author. */
  title: string | null;
  pages: number | null;
  author: string | null;
  /** Images: the point crops keep in view, `30% 40%`. */
  focal: string | null;
  created_at: string;
  variants: Variant[];
  /** Why no variants or cover could be made. */
  note?: string;
  /** Who uses it: `article:slug`, `page:slug`, `slide:slug`, with the field. */
  used_by: { entity: string; field: string }[];
}

export interface MediaEdit {
  name: string;
  version: number;
  alt: string | null;
  decorative: boolean;
  caption: string | null;
  credit: string | null;
  title: string | null;
  focal: string | null;
}

export interface Target {
  name: string;
  url: string;
  user: string | null;
  key_file: string | null;
  insecure: boolean;
  last_publish: string | null;
}

export interface SavedTarget {
  target: Target;
  warnings: string[];
}

export interface Problem {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  /** `article:slug`, `page:slug`, `slide:slug`, `media:name` or `site`. */
  entity: string;
  field: string;
  /** The item as people know it (title, headline, file name); may be empty. */
  title?: string;
}

export interface PublishReport {
  uploaded: number;
  deleted: number;
  unchanged: number;
  bytes: number;
  ms: number;
  conflict: boolean;
}

export interface PublishProgress {
  files_done: number;
  files_total: number;
  bytes_done: number;
  bytes_total: number;
  current: string;
}

export interface PublishDone {
  target: string;
  report: PublishReport | null;
  error: { code: string; message: string } | null;
  automatic: boolean;
}

export interface PublishLog {
  id: string;
  target: string;
  at: string;
  author: string;
  uploaded: number;
  deleted: number;
  bytes: number;
  ms: number;
  changed: string[];
}

// Slides
export const listSlides = (): Promise<Slide[]> => call('list_slides');
export const getSlide = (id: number): Promise<Slide> => call('get_slide', { id });
export const createSlide = (): Promise<Slide> => call('create_slide');
export const saveSlide = (slide: Slide, mode: SaveMode): Promise<Slide> => call('save_slide', { slide, mode });
/** Moves a slide to index `to` (0 = first); resolves to the new order. */
export const moveSlide = (id: number, to: number): Promise<Slide[]> => call('move_slide', { id, to });
export const trashSlide = (id: number): Promise<null> => call('trash_slide', { id });
/** The home page with `slide` as edited (html for a sandboxed iframe's srcdoc). */
export const renderHomePreview = (slide: Slide): Promise<string> => call('render_home_preview', { slide });

// Pages
export const listPages = (): Promise<Page[]> => call('list_pages');
export const getPage = (id: number): Promise<Page> => call('get_page', { id });
export const createPage = (): Promise<Page> => call('create_page');
export const savePage = (page: Page, mode: SaveMode): Promise<Page> => call('save_page', { page, mode });
export const trashPage = (id: number): Promise<null> => call('trash_page', { id });
export const renderPagePreview = (page: Page): Promise<string> => call('render_page_preview', { page });

// Media library (adding files: `addMedia` in api.ts)
export const mediaLibrary = (): Promise<MediaDetails[]> => call('media_library');
export const saveMedia = (edit: MediaEdit): Promise<MediaDetails> => call('save_media', { edit });
/** Rejects with code `invalid` naming the users while the item is still used. */
export const deleteMedia = (name: string): Promise<null> => call('delete_media', { name });

// Hosts and publishing
export const listTargets = (): Promise<Target[]> => call('list_targets');
export const saveTarget = (t: {
  name: string;
  url: string;
  user: string | null;
  keyFile: string | null;
  insecure: boolean;
  secret: string | null;
}): Promise<SavedTarget> => call('save_target', t);
export const removeTarget = (name: string): Promise<null> => call('remove_target', { name });
/** Resolves to an SSH host key fingerprint seen for the first time, else null. */
export const testTarget = (name: string): Promise<string | null> => call('test_target', { name });
export const checkSite = (): Promise<Problem[]> => call('check_site');
export const planPublish = (target: string, verify: boolean): Promise<PublishReport> =>
  call('plan_publish', { target, verify });
export const startPublish = (target: string, verify: boolean): Promise<null> =>
  call('start_publish', { target, verify });
export const cancelPublish = (): Promise<null> => call('cancel_publish');
export const publishHistory = (): Promise<PublishLog[]> => call('publish_history');

export function onPublishProgress(f: (p: PublishProgress) => void): Promise<UnlistenFn> {
  return listen<PublishProgress>('masthead://publish-progress', (e) => f(e.payload));
}

export function onPublishDone(f: (d: PublishDone) => void): Promise<UnlistenFn> {
  return listen<PublishDone>('masthead://publish-done', (e) => f(e.payload));
}

// Site settings, the editor's name, and sites

export interface SiteSettings {
  title: string;
  tagline: string | null;
  /** The website's address, `https://www.example.org/`. */
  base_url: string | null;
  /** BCP 47, e.g. `en`. */
  language: string;
  /** IANA zone, e.g. `Europe/Brussels`. */
  timezone: string;
  /** `home`: shown on the home page. Slugs: lowercase letters, digits and `-`. */
  sections: { slug: string; title: string; home: boolean }[];
  /** `link`: a reference (`page:about`, `article:slug`, a site path `/news/`) or `https://…`. */
  navigation: { label: string; link: string }[];
  social: { label: string; url: string }[];
  newsletter_url: string | null;
  /** `logo`: `media:name`. */
  partners: { name: string; url: string | null; logo: string | null }[];
  /** `media:name` references. */
  logo: string | null;
  /** `#rrggbb`. */
  accent_color: string | null;
  favicon: string | null;
  social_image: string | null;
  footer: string | null;
}

export interface SitesInfo {
  /** The open site's folder. */
  current: string;
  /** Folders opened before, newest first (the current one included). */
  recent: string[];
  /** Where a new site goes by default (a folder next to the default site). */
  suggested_folder: string;
  /** Where backups and exports go by default (the user's documents folder). */
  documents: string;
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
}

export const getSettings = (): Promise<SiteSettings> => call('get_settings');
/** Rejects with code `invalid` and a message naming the field when a value is not allowed. */
export const saveSettings = (settings: SiteSettings): Promise<SiteSettings> => call('save_settings', { settings });
/** The name written on revisions and publishes (this computer's, not the site's). */
export const getEditorName = (): Promise<string> => call('get_editor_name');
export const setEditorName = (name: string): Promise<null> => call('set_editor_name', { name });
/** True until the welcome has been dismissed once on this computer. */
export const shouldWelcome = (): Promise<boolean> => call('should_welcome');
export const dismissWelcome = (): Promise<null> => call('dismiss_welcome');

export const listSites = (): Promise<SitesInfo> => call('list_sites');
/** Opens another site folder; the app then shows it (reload the window after). */
export const openSite = (path: string): Promise<null> => call('open_site', { path });
/** Creates a site in an empty or new folder (with the demo content if asked) and opens it. */
export const createSite = (path: string, demo: boolean): Promise<null> => call('create_site', { path, demo });
/** Moves every article, slide, page and unused file to the trash; resolves to how many. */
export const removeDemoContent = (): Promise<number> => call('remove_demo_content');
/** Writes the whole site (database and files) into one archive file; resolves to its path. */
export const backupSite = (file: string): Promise<string> => call('backup_site', { file });
/** Unpacks a backup into a new folder and opens it. */
export const restoreSite = (file: string, folder: string): Promise<null> => call('restore_site', { file, folder });
/** Writes the portable folder (Markdown + media); resolves to how many files were written. */
export const exportSite = (folder: string): Promise<number> => call('export_site', { folder });
export const importFolder = (folder: string): Promise<ImportSummary> => call('import_folder', { folder });

/** The kinds of website `importWebsite` reads. */
export type WebsiteKind = 'wordpress' | 'hugo' | 'zola' | 'jekyll';

/** What a website import did (the JSON of `masthead import --from … --json`). */
export interface WebsiteImportReport {
  articles: number;
  pages: number;
  slides: number;
  media: number;
  redirects: number;
  /** Every item of the source that was not imported, and why. */
  skipped: { source: string; reason: string }[];
  /** Imported items to look at: `entity` is `article:slug`, `page:slug`, … */
  warnings: { source: string; entity: string; message: string }[];
  ms: number;
}

/** How far an import has come: `stage` is reading, files, converting or saving. */
export interface WebsiteImportProgress {
  stage: 'reading' | 'files' | 'converting' | 'saving';
  done: number;
  total: number;
}

/** Brings a WordPress export or a Hugo, Zola or Jekyll site in (with `dryRun`, changes nothing). */
export const importWebsite = (
  from: WebsiteKind,
  source: string,
  mediaFrom: string | null,
  dryRun: boolean,
): Promise<WebsiteImportReport> => call('import_website', { from, source, mediaFrom, dryRun });

export function onImportProgress(f: (p: WebsiteImportProgress) => void): Promise<UnlistenFn> {
  return listen<WebsiteImportProgress>('masthead://import-progress', (e) => f(e.payload));
}

/** Opens the website (its address from the settings) in the user's browser. */
export const openWebsite = (): Promise<null> => call('open_website');

/** Deletes a new article or page nobody saved since it was created; resolves to whether it was. */
export const discardUntouched = (kind: 'article' | 'page', id: number): Promise<boolean> =>
  call('discard_untouched', { kind, id });

/** Takes an item of any kind out of the trash (`restoreArticle` in api.ts for articles). */
export const restoreFromTrash = (kind: 'article' | 'page' | 'slide' | 'media', id: number): Promise<null> =>
  call('restore_from_trash', { kind, id });

/** Puts a new file (same type) behind an existing item, keeping its name and descriptions. */
export const replaceMedia = (name: string, fileName: string, dataBase64: string): Promise<{ media: MediaDetails; warnings: string[] }> =>
  call('replace_media', { name, fileName, dataBase64 });
