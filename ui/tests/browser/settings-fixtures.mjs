/**
 * Test data for the Settings screen and the first-run welcome, and a stateful fake of their
 * commands answered in Node through `openApp({ handlers })`.
 */

/** @typedef {import('../../src/lib/ipc').SiteSettings} SiteSettings */
/** @typedef {import('../../src/lib/ipc').SitesInfo} SitesInfo */
/** @typedef {import('../../src/lib/ipc').MediaItem} MediaItem */

/** @type {SiteSettings} */
export const SETTINGS = {
  title: 'Riverbank Alliance',
  tagline: 'Clean water for every village',
  base_url: 'https://www.riverbank.example/',
  language: 'en',
  timezone: 'Europe/Brussels',
  sections: [
    { slug: 'news', title: 'News', home: true },
    { slug: 'events', title: 'Events', home: true },
    { slug: 'reports', title: 'Reports', home: false },
  ],
  navigation: [
    { label: 'About us', link: 'page:about' },
    { label: 'News', link: '/news/' },
  ],
  social: [{ label: 'LinkedIn', url: 'https://www.linkedin.com/company/riverbank-alliance' }],
  newsletter_url: 'https://lists.riverbank.example/subscribe',
  partners: [{ name: 'Water Trust', url: 'https://watertrust.example/', logo: 'media:water-trust.png' }],
  logo: 'media:logo.svg',
  accent_color: '#0b6e4f',
  favicon: null,
  social_image: 'media:river-at-dawn.jpg',
  footer: 'Riverbank Alliance · 12 Mill Lane · info@riverbank.example',
  redirects: [{ from: '/category/news/', to: '/news/' }],
};

/** @type {SitesInfo} */
export const SITES = {
  current: '/home/ana/Sites/riverbank-alliance',
  recent: ['/home/ana/Sites/riverbank-alliance', '/home/ana/Sites/youth-network', '/home/ana/Sites/old-campaign'],
  suggested_folder: '/home/ana/Sites/new-site',
  documents: '/home/ana/Documents',
};

export const SITE_INFO = {
  title: SETTINGS.title,
  path: SITES.current,
  articles: 0,
  slides: 0,
  pages: 2,
  media: 4,
  language: 'en',
  author: 'Ana Costa',
  sections: SETTINGS.sections.map(({ slug, title }) => ({ slug, title })),
  tags: [],
  base_url: SETTINGS.base_url,
};

/** @param {string} name @param {string} mime @returns {MediaItem} */
const media = (name, mime, width = 800, height = 600) => ({
  id: 0,
  version: 1,
  created_at: '2025-05-01T09:00:00Z',
  updated_at: '2025-05-01T09:00:00Z',
  updated_by: 'Ana Costa',
  name,
  hash: '0'.repeat(64),
  original_name: name,
  mime,
  bytes: 20_000,
  width,
  height,
  alt: null,
  decorative: false,
  caption: null,
  credit: null,
  title: null,
  pages: null,
  author: null,
  focal: null,
});

/** @type {MediaItem[]} */
export const MEDIA = [
  media('logo.svg', 'image/svg+xml', 240, 60),
  media('river-at-dawn.jpg', 'image/jpeg', 1600, 900),
  media('water-trust.png', 'image/png', 300, 120),
  { ...media('annual-report-2024.pdf', 'application/pdf'), width: null, height: null, pages: 48 },
];

export const LINK_TARGETS = [
  { ref: 'page:about', title: 'About us', kind: 'page' },
  { ref: 'page:contact', title: 'Contact', kind: 'page' },
  { ref: 'article:annual-report-2024', title: 'Annual report 2024', kind: 'article' },
];

const ZONES = new Set(['UTC', 'Europe/Brussels', 'Africa/Nairobi']);

/** Static routes for every command the Settings screen and the welcome use. */
export function settingsRoutes() {
  return {
    get_settings: { result: SETTINGS },
    get_editor_name: { result: 'Ana Costa' },
    list_sites: { result: SITES },
    list_media: { result: MEDIA },
    list_link_targets: { result: LINK_TARGETS },
    should_welcome: { result: false },
  };
}

/** A fake backend for settings, the editor's name, sites and the welcome. */
export class FakeSettingsBackend {
  constructor() {
    /** @type {SiteSettings} */
    this.settings = structuredClone(SETTINGS);
    this.editorName = 'Ana Costa';
    this.welcome = false;
    /** @type {SitesInfo} */
    this.sites = structuredClone(SITES);
    /** Site actions, kept in Node: they outlive the page reloads that follow some of them. */
    /** @type {{ cmd: string, args: any }[]} */
    this.log = [];
    /** @type {Record<string, { code: string, message: string }>} Next call of a command fails with this. */
    this.fail = {};
    /** @type {string | null} What the system's folder picker answers (`null`: cancelled). */
    this.chosenFolder = '/home/ana/Sites/picked';
  }

  /** @param {string} cmd @param {any} args */
  record(cmd, args) {
    this.log.push({ cmd, args: structuredClone(args ?? {}) });
    const error = this.fail[cmd];
    if (error) {
      delete this.fail[cmd];
      throw error;
    }
  }

  /** @returns {Record<string, (args: any) => unknown>} */
  handlers() {
    return {
      site_info: () => ({ ...SITE_INFO, title: this.settings.title, path: this.sites.current }),
      list_articles: () => [],
      list_targets: () => [],
      targets_needing_user: () => [],
      publish_history: () => [],
      list_media: () => MEDIA,
      list_link_targets: () => LINK_TARGETS,
      get_settings: () => structuredClone(this.settings),
      save_settings: ({ settings }) => {
        this.record('save_settings', { settings });
        if (!ZONES.has(settings.timezone)) {
          throw { code: 'invalid', message: `timezone: \`${settings.timezone}\` is not a known time zone, like Europe/Brussels.` };
        }
        this.settings = structuredClone(settings);
        return this.settings;
      },
      get_editor_name: () => this.editorName,
      set_editor_name: ({ name }) => {
        this.record('set_editor_name', { name });
        this.editorName = name;
        return null;
      },
      should_welcome: () => this.welcome,
      dismiss_welcome: () => {
        this.record('dismiss_welcome', {});
        this.welcome = false;
        return null;
      },
      list_sites: () => structuredClone(this.sites),
      choose_folder: ({ title }) => {
        this.record('choose_folder', { title });
        return this.chosenFolder;
      },
      open_site: ({ path }) => {
        this.record('open_site', { path });
        this.sites.current = path;
        return null;
      },
      create_site: ({ path, demo }) => {
        this.record('create_site', { path, demo });
        this.sites.current = path;
        return null;
      },
      remove_demo_content: () => {
        this.record('remove_demo_content', {});
        return 17;
      },
      backup_site: ({ file }) => {
        this.record('backup_site', { file });
        return file;
      },
      restore_site: ({ file, folder }) => {
        this.record('restore_site', { file, folder });
        this.sites.current = folder;
        return null;
      },
      export_site: ({ folder }) => {
        this.record('export_site', { folder });
        return 42;
      },
      import_folder: ({ folder }) => {
        this.record('import_folder', { folder });
        return { created: 3, updated: 1, unchanged: 12 };
      },
    };
  }

  /** @param {string} cmd */
  calls(cmd) {
    return this.log.filter((c) => c.cmd === cmd).map((c) => c.args);
  }
}
