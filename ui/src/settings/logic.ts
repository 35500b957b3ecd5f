/**
 * Pure helpers for the Settings screen: the editable draft of the site settings, checks that
 * mirror the backend's (it has the last word), list editing, and default paths for backups
 * and exports.
 */
import type { ImportSummary, SiteSettings } from '../lib/ipc';

// ---------- The draft ----------

export interface SectionRow {
  key: number;
  title: string;
  slug: string;
  home: boolean;
  /** The slug the section had when loaded; '' for a section added here. */
  was: string;
}

export interface NavRow {
  key: number;
  label: string;
  link: string;
}

export interface SocialRow {
  key: number;
  label: string;
  url: string;
}

export interface PartnerRow {
  key: number;
  name: string;
  url: string;
  /** `media:name`, or ''. */
  logo: string;
}

/** The settings as the form edits them: text instead of null, and a stable key per row. */
export interface SettingsDraft {
  title: string;
  tagline: string;
  base_url: string;
  language: string;
  timezone: string;
  sections: SectionRow[];
  navigation: NavRow[];
  social: SocialRow[];
  newsletter_url: string;
  partners: PartnerRow[];
  logo: string;
  accent_color: string;
  favicon: string;
  social_image: string;
  footer: string;
  /** A previous website's archive addresses: not edited here, kept as they are. */
  redirects: SiteSettings['redirects'];
}

let lastKey = 0;

/** A key no other row has, for keyed lists. */
export function rowKey(): number {
  lastKey += 1;
  return lastKey;
}

export const newSection = (): SectionRow => ({ key: rowKey(), title: '', slug: '', home: false, was: '' });
export const newNavRow = (): NavRow => ({ key: rowKey(), label: '', link: '' });
export const newSocialRow = (): SocialRow => ({ key: rowKey(), label: '', url: '' });
export const newPartner = (): PartnerRow => ({ key: rowKey(), name: '', url: '', logo: '' });

export function toDraft(s: SiteSettings): SettingsDraft {
  return {
    title: s.title,
    tagline: s.tagline ?? '',
    base_url: s.base_url ?? '',
    language: s.language,
    timezone: s.timezone,
    sections: s.sections.map((x) => ({ key: rowKey(), title: x.title, slug: x.slug, home: x.home, was: x.slug })),
    navigation: s.navigation.map((x) => ({ key: rowKey(), label: x.label, link: x.link })),
    social: s.social.map((x) => ({ key: rowKey(), label: x.label, url: x.url })),
    newsletter_url: s.newsletter_url ?? '',
    partners: s.partners.map((x) => ({ key: rowKey(), name: x.name, url: x.url ?? '', logo: x.logo ?? '' })),
    logo: s.logo ?? '',
    accent_color: s.accent_color ?? '',
    favicon: s.favicon ?? '',
    social_image: s.social_image ?? '',
    footer: s.footer ?? '',
    redirects: s.redirects,
  };
}

/** Trimmed text, or null when empty. */
export function textOrNull(value: string): string | null {
  const t = value.trim();
  return t === '' ? null : t;
}

const blank = (...values: string[]): boolean => values.every((v) => v.trim() === '');

/**
 * What the Save button sends: text trimmed, empty text as null, rows left completely empty
 * dropped, the base URL ending in `/`, the accent colour as `#rrggbb` when it can be read.
 */
export function toSettings(d: SettingsDraft): SiteSettings {
  const base = textOrNull(d.base_url);
  const accent = textOrNull(d.accent_color);
  return {
    title: d.title.trim(),
    tagline: textOrNull(d.tagline),
    base_url: base === null ? null : withTrailingSlash(base),
    language: d.language.trim(),
    timezone: d.timezone.trim(),
    sections: d.sections
      .filter((s) => !blank(s.title, s.slug))
      .map((s) => ({ slug: s.slug.trim(), title: s.title.trim(), home: s.home })),
    navigation: d.navigation
      .filter((n) => !blank(n.label, n.link))
      .map((n) => ({ label: n.label.trim(), link: n.link.trim() })),
    social: d.social.filter((n) => !blank(n.label, n.url)).map((n) => ({ label: n.label.trim(), url: n.url.trim() })),
    newsletter_url: textOrNull(d.newsletter_url),
    partners: d.partners
      .filter((p) => !blank(p.name, p.url, p.logo))
      .map((p) => ({ name: p.name.trim(), url: textOrNull(p.url), logo: textOrNull(p.logo) })),
    logo: textOrNull(d.logo),
    accent_color: accent === null ? null : (normalizeHex(accent) ?? accent),
    favicon: textOrNull(d.favicon),
    social_image: textOrNull(d.social_image),
    footer: textOrNull(d.footer),
    redirects: d.redirects,
  };
}

/** True when saving the draft would change the saved settings. */
export function isDirty(draft: SettingsDraft, saved: SiteSettings): boolean {
  return JSON.stringify(toSettings(draft)) !== JSON.stringify(toSettings(toDraft(saved)));
}

// ---------- Checks ----------

export const SLUG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SLUG_MAX = 200;

export function isSlug(text: string): boolean {
  return text.length <= SLUG_MAX && SLUG_RE.test(text);
}

/** Why the slug is not allowed, or null. */
export function slugProblem(slug: string): string | null {
  const s = slug.trim();
  if (isSlug(s)) return null;
  if (s === '') return 'Give the section a slug: its address, like news for /news/.';
  if (s.length > SLUG_MAX) return `Keep the slug to ${SLUG_MAX} characters.`;
  return 'Use lower-case letters a–z, digits and single hyphens, like annual-reports.';
}

/** `#rrggbb`. */
export function isHexColor(text: string): boolean {
  return /^#[0-9a-fA-F]{6}$/.test(text);
}

/** `#0B6E4F`, `0b6e4f` or `#0b6` as `#0b6e4f`; null when it is not a colour. */
export function normalizeHex(text: string): string | null {
  const t = text.trim().replace(/^#/, '').toLowerCase();
  if (/^[0-9a-f]{6}$/.test(t)) return `#${t}`;
  if (/^[0-9a-f]{3}$/.test(t)) return `#${[...t].map((c) => c + c).join('')}`;
  return null;
}

export function accentProblem(text: string): string | null {
  const t = text.trim();
  if (t === '' || normalizeHex(t)) return null;
  return 'Write the colour as #rrggbb, e.g. #0b6e4f, or pick it with the colour button.';
}

const SCHEME = /^(https?:\/\/|mailto:)/i;
const LOOKS_LIKE_DOMAIN = /^(www\.)?[\w-]+(\.[\w-]+)*\.[a-z]{2,}(\/|$)/i;

/** An `https://` or `http://` address with a host and no spaces. */
export function isWebUrl(text: string): boolean {
  return /^https?:\/\/[^\s/?#@]+[^\s]*$/i.test(text) && /^https?:\/\/[^/?#]*[a-z0-9]/i.test(text);
}

/** The base URL as stored: with a trailing slash (`https://example.org` → `https://example.org/`). */
export function withTrailingSlash(url: string): string {
  const t = url.trim();
  if (t === '' || t.endsWith('/')) return t;
  return `${t}/`;
}

/** Why the website's address is not usable, or null (empty is allowed: not published yet). */
export function baseUrlProblem(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  if (/\s/.test(t)) return 'A web address cannot contain spaces.';
  if (!/^https?:\/\//i.test(t)) {
    return LOOKS_LIKE_DOMAIN.test(t)
      ? `Web addresses start with https:// — try https://${t}.`
      : 'Write the full address, starting with https://, like https://www.example.org/.';
  }
  if (!isWebUrl(t)) return 'Add the rest of the address, like https://www.example.org/.';
  if (/[?#]/.test(t)) return 'Leave out the part from ? or #: the website’s address only.';
  return null;
}

const REFERENCE = /^(article|page):[a-z0-9]+(-[a-z0-9]+)*$/;
const MEDIA_REFERENCE = /^media:[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]{1,5}$/;

/**
 * Why a link is not one the backend accepts, or null: `article:slug`, `page:slug`,
 * `media:name`, an `https://`, `http://` or `mailto:` address, or a path on the site (`/news/`).
 * `webOnly`: the field wants an address on the web (social links, the newsletter).
 */
export function linkProblem(text: string, webOnly = false): string | null {
  const t = text.trim();
  if (t === '') return null;
  if (SCHEME.test(t)) {
    if (/\s/.test(t)) return 'A web address cannot contain spaces.';
    if (/^mailto:/i.test(t)) return t.length > 7 ? null : 'Add the e-mail address after mailto:.';
    return isWebUrl(t) ? null : 'Add the rest of the web address.';
  }
  if (LOOKS_LIKE_DOMAIN.test(t)) return `Web addresses start with https:// — try https://${t}.`;
  if (!webOnly) {
    if (REFERENCE.test(t) || MEDIA_REFERENCE.test(t)) return null;
    if (t.startsWith('/') && !t.startsWith('//')) {
      const leaves = t.split(/[/?#]/).some((seg) => seg === '..');
      return leaves || /\s/.test(t) ? 'A path on the site cannot contain spaces or “..”.' : null;
    }
    if (/^(article|page|media):/.test(t)) return 'That is not a valid reference: pick one from the list.';
    return 'Use a web address (https://…), a path on the site (/news/), or pick an article or page.';
  }
  if (REFERENCE.test(t) || MEDIA_REFERENCE.test(t) || (t.startsWith('/') && !t.startsWith('//') && !/\s/.test(t))) {
    return null;
  }
  return 'Write the full web address, starting with https://.';
}

/** BCP 47, loosely: `en`, `fr`, `pt-BR`, `zh-Hant`. */
export function languageProblem(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  return /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(t)
    ? null
    : 'Use a language code, like en, fr or pt-BR.';
}

/** `English` for `en`; null when the code is not known. */
export function languageName(code: string, locale = 'en'): string | null {
  const t = code.trim();
  if (languageProblem(t) !== null || t === '') return null;
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(t);
    return name && name.toLowerCase() !== t.toLowerCase() ? name : null;
  } catch {
    return null;
  }
}

/** Problems by field: `title`, `base_url`, … and `sections.<key>.slug` for a row's field. */
export type Problems = Record<string, string>;

/**
 * What keeps the draft from being saved. `requireFilled`: also complain about required fields
 * left empty (only once the user tried to save, so new rows do not start out red).
 */
export function settingsProblems(d: SettingsDraft, requireFilled = true): Problems {
  const p: Problems = {};
  const put = (key: string, problem: string | null): void => {
    if (problem) p[key] = problem;
  };
  const need = (key: string, value: string, message: string): void => {
    if (requireFilled && value.trim() === '') p[key] = message;
  };

  need('title', d.title, 'The site needs a title.');
  put('base_url', baseUrlProblem(d.base_url));
  need('language', d.language, 'Give the site’s language, like en.');
  put('language', languageProblem(d.language));
  need('timezone', d.timezone, 'Give the time zone, like Europe/Brussels or UTC.');
  put('accent_color', accentProblem(d.accent_color));

  const slugs = new Set<string>();
  for (const s of d.sections) {
    if (blank(s.title, s.slug)) continue;
    need(`sections.${s.key}.title`, s.title, 'Give the section a title.');
    const slug = s.slug.trim();
    if (slug !== '' || requireFilled) put(`sections.${s.key}.slug`, slugProblem(slug));
    if (slug !== '' && slugs.has(slug)) p[`sections.${s.key}.slug`] = `Another section already uses ${slug}.`;
    slugs.add(slug);
  }
  for (const n of d.navigation) {
    if (blank(n.label, n.link)) continue;
    need(`navigation.${n.key}.label`, n.label, 'Give the menu entry a label.');
    need(`navigation.${n.key}.link`, n.link, 'Say where the entry leads.');
    put(`navigation.${n.key}.link`, linkProblem(n.link));
  }
  for (const s of d.social) {
    if (blank(s.label, s.url)) continue;
    need(`social.${s.key}.label`, s.label, 'Name the network, like LinkedIn.');
    need(`social.${s.key}.url`, s.url, 'Give the address of your page there.');
    put(`social.${s.key}.url`, linkProblem(s.url, true));
  }
  put('newsletter_url', linkProblem(d.newsletter_url, true));
  for (const x of d.partners) {
    if (blank(x.name, x.url, x.logo)) continue;
    need(`partners.${x.key}.name`, x.name, 'Give the partner’s name.');
    put(`partners.${x.key}.url`, linkProblem(x.url, true));
  }
  return p;
}

/** The fields a backend `invalid` message may start with (`base_url: …`). */
export const SETTINGS_FIELDS = [
  'title',
  'tagline',
  'base_url',
  'language',
  'timezone',
  'sections',
  'navigation',
  'social',
  'newsletter_url',
  'partners',
  'logo',
  'accent_color',
  'favicon',
  'social_image',
  'footer',
] as const;

export type SettingsField = (typeof SETTINGS_FIELDS)[number];

/** The field a backend message names (`base_url: … is not a valid link`), and the rest of it. */
export function splitFieldMessage(message: string): { field: SettingsField | null; text: string } {
  const m = /^([a-z_]+):\s*(.+)$/s.exec(message);
  const field = SETTINGS_FIELDS.find((f) => f === m?.[1]) ?? null;
  if (!field || !m?.[2]) return { field: null, text: message };
  const text = m[2];
  return { field, text: text.charAt(0).toUpperCase() + text.slice(1) };
}

// ---------- Lists ----------

/** The list with the item at `index` moved one place up (-1) or down (+1); unchanged at either end. */
export function moveItem<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  const copy = [...list];
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return copy;
  const [item] = copy.splice(index, 1) as [T];
  copy.splice(to, 0, item);
  return copy;
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export function appendItem<T>(list: readonly T[], item: T): T[] {
  return [...list, item];
}

// ---------- Paths and messages for the Sites card ----------

/** `YYYY-MM-DD` of the local date. */
export function localDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function backupFileName(date: Date): string {
  return `masthead-backup-${localDate(date)}.tar`;
}

/** `dir` + `name` with the separator `dir` already uses (`\` on Windows paths). */
export function joinPath(dir: string, name: string): string {
  const d = dir.trim();
  if (d === '') return name;
  const sep = d.includes('\\') && !d.includes('/') ? '\\' : '/';
  const stripped = d.replace(/[\\/]+$/, '');
  return `${stripped === '' && sep === '/' ? '' : stripped}${sep}${name}`;
}

export function defaultBackupPath(documents: string, date: Date): string {
  return joinPath(documents, backupFileName(date));
}

export function defaultExportFolder(documents: string): string {
  return joinPath(documents, 'masthead-export');
}

/** The last part of a path, for short labels. */
export function baseName(path: string): string {
  const parts = path.replace(/[\\/]+$/, '').split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

export function importSummaryText(s: ImportSummary): string {
  if (s.created + s.updated + s.unchanged === 0) return 'The folder held nothing to import.';
  return `Imported: ${s.created.toLocaleString('en')} new, ${s.updated.toLocaleString('en')} updated, ${s.unchanged.toLocaleString('en')} unchanged.`;
}

export function exportText(files: number, folder: string): string {
  return `Wrote ${count(files, 'file')} to ${folder}.`;
}

export function removedText(items: number): string {
  if (items === 0) return 'There was nothing to remove.';
  return `Moved ${count(items, 'item')} to the trash.`;
}

// ---------- Suggestions ----------

/** Time zones the system knows (for suggestions; the backend checks the value). */
export function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/** Languages offered as suggestions; any BCP 47 tag may be typed. */
export const COMMON_LANGUAGES = [
  'en', 'fr', 'es', 'pt', 'de', 'it', 'nl', 'ar', 'sw', 'am', 'ha', 'yo', 'ru', 'uk', 'pl', 'ro',
  'tr', 'fa', 'hi', 'bn', 'ur', 'id', 'zh', 'ja', 'ko', 'vi', 'th',
] as const;
