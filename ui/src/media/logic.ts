/**
 * Pure helpers of the media library screen: search, sizes, focal points, picture URLs, the
 * edit form and who uses an item. No DOM and no IPC here, so vitest covers them directly.
 */
import type { MediaDetails, MediaEdit, Variant } from '../lib/ipc';
import { formatDate } from '../lib/dates';

/** What the file input and the drop zone take (the backend checks the bytes anyway). */
export const ACCEPT =
  'image/jpeg,image/png,image/gif,image/webp,application/pdf,.jpg,.jpeg,.png,.gif,.webp,.pdf';

export type MediaKind = 'image' | 'pdf' | 'other';

export function mediaKind(item: Pick<MediaDetails, 'mime'>): MediaKind {
  if (item.mime === 'application/pdf') return 'pdf';
  if (item.mime.startsWith('image/')) return 'image';
  return 'other';
}

/** Images without alt text block publishing when public content uses them, unless decorative. */
export function needsAlt(item: Pick<MediaDetails, 'mime' | 'alt'> & { decorative?: boolean }): boolean {
  return mediaKind(item) === 'image' && !item.decorative && !(item.alt ?? '').trim();
}

export type MediaFilter = '' | 'image' | 'pdf' | 'needs-alt' | 'unused';

function haystack(item: MediaDetails): string {
  return [
    item.name,
    item.original_name,
    item.alt,
    item.caption,
    item.credit,
    item.title,
    item.author,
  ]
    .filter((s): s is string => typeof s === 'string')
    .join('\n')
    .toLowerCase();
}

/**
 * The items matching every word of `query` (in the name, original name, alt text, caption,
 * credit, title or author) and the kind filter, newest first.
 */
export function filterMedia(
  items: readonly MediaDetails[],
  query: string,
  filter: MediaFilter = '',
): MediaDetails[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return items
    .filter((item) => {
      if (filter === 'image' && mediaKind(item) !== 'image') return false;
      if (filter === 'pdf' && mediaKind(item) !== 'pdf') return false;
      if (filter === 'needs-alt' && !needsAlt(item)) return false;
      if (filter === 'unused' && item.used_by.length > 0) return false;
      if (words.length === 0) return true;
      const text = haystack(item);
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
}

/** `512 B`, `1.5 KB`, `12 KB`, `3.4 MB`, `1.2 GB` (binary multiples, as file managers show). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 1023.96 KB rounds to 1024: say 1 MB instead.
  if (shown >= 1024 && unit < units.length - 1) return `1 ${units[unit + 1]}`;
  return `${shown} ${units[unit]}`;
}

/** `1600 × 900`, or null when unknown. */
export function formatDimensions(item: Pick<MediaDetails, 'width' | 'height'>): string | null {
  return item.width && item.height ? `${item.width} × ${item.height}` : null;
}

export function formatPages(pages: number | null): string | null {
  if (pages === null || pages === undefined) return null;
  return pages === 1 ? '1 page' : `${pages} pages`;
}

/** The day of an ISO 8601 timestamp (in UTC), in the user's language: `12 Jun 2025`. */
export function formatAdded(value: string, locale?: string): string {
  return formatDate(value, { timeZone: 'UTC', locale });
}

export interface Focal {
  /** Percent from the left edge, 0–100. */
  x: number;
  /** Percent from the top edge, 0–100. */
  y: number;
}

/**
 * Reads a focal point as the backend does (`30% 40%`, `30 40`, `30%,40%`): two percentages
 * from the left and top edges, each 0–100. Null when the text is not one.
 */
export function parseFocal(text: string | null | undefined): Focal | null {
  const parts = (text ?? '').split(/[ ,]+/).filter(Boolean);
  if (parts.length !== 2) return null;
  const values = parts.map((p) => {
    const s = p.endsWith('%') ? p.slice(0, -1) : p;
    if (!/^\d+(\.\d*)?$|^\.\d+$/.test(s)) return null;
    const v = Number(s);
    return v >= 0 && v <= 100 ? v : null;
  });
  const [x, y] = values;
  return x === null || x === undefined || y === null || y === undefined ? null : { x, y };
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

/** `30% 40%`, with at most one decimal, clamped to 0–100. */
export function formatFocal(focal: Focal): string {
  const clamp = (v: number): number => round1(Math.min(100, Math.max(0, v)));
  return `${clamp(focal.x)}% ${clamp(focal.y)}%`;
}

/** The focal point under a click at (`clientX`, `clientY`) on a picture drawn in `rect`. */
export function focalFromPoint(
  rect: { left: number; top: number; width: number; height: number },
  clientX: number,
  clientY: number,
): Focal | null {
  if (rect.width <= 0 || rect.height <= 0) return null;
  const pct = (v: number): number => round1(Math.min(100, Math.max(0, v * 100)));
  return { x: pct((clientX - rect.left) / rect.width), y: pct((clientY - rect.top) / rect.height) };
}

/** Moves a focal point by (`dx`, `dy`) percent, staying inside the picture. */
export function nudgeFocal(focal: Focal | null, dx: number, dy: number): Focal {
  const from = focal ?? { x: 50, y: 50 };
  const clamp = (v: number): number => round1(Math.min(100, Math.max(0, v)));
  return { x: clamp(from.x + dx), y: clamp(from.y + dy) };
}

/** `preview://localhost/` + a site path (`/media/v/x/480.webp`). */
export function siteUrl(path: string, origin: string): string {
  const base = origin.endsWith('/') ? origin : `${origin}/`;
  return base + path.replace(/^\/+/, '');
}

/** The site path of an item's original file. */
export function originalPath(name: string): string {
  return `/media/${encodeURIComponent(name)}`;
}

/**
 * The variant to show `width` CSS pixels wide: WebP first, the narrowest at least that wide,
 * else the widest there is. Null when the item has no variants.
 */
export function pickVariant(variants: readonly Variant[], width: number): Variant | null {
  if (variants.length === 0) return null;
  const webp = variants.filter((v) => v.format === 'webp');
  const pool = [...(webp.length > 0 ? webp : variants)].sort((a, b) => a.width - b.width);
  return pool.find((v) => v.width >= width) ?? pool[pool.length - 1] ?? null;
}

/**
 * The site path of the picture for an item shown `width` pixels wide: a variant, or for an
 * image without variants (a GIF, a note) its original file; a PDF without a cover has none.
 */
export function picturePath(item: MediaDetails, width: number): string | null {
  if (mediaKind(item) === 'pdf') {
    const cover = pickVariant(item.variants, width) ?? item.variants[0] ?? null;
    return cover?.url ?? null;
  }
  const variant = pickVariant(item.variants, width);
  if (variant) return variant.url;
  return mediaKind(item) === 'image' ? originalPath(item.name) : null;
}

/** The editable fields, as the form holds them (empty string = none). */
export interface MediaDraft {
  alt: string;
  decorative: boolean;
  caption: string;
  credit: string;
  title: string;
  focal: string;
}

export function draftOf(item: MediaDetails): MediaDraft {
  return {
    alt: item.alt ?? '',
    decorative: item.decorative ?? false,
    caption: item.caption ?? '',
    credit: item.credit ?? '',
    title: item.title ?? '',
    focal: item.focal ?? '',
  };
}

const orNull = (s: string): string | null => (s.trim() ? s.trim() : null);

/**
 * What `save_media` gets for `draft`: trimmed text, null for empty, the item's version;
 * the focal point in the backend's `30% 40%` form when it reads as one (else as typed, for the
 * backend to explain).
 */
export function editOf(item: MediaDetails, draft: MediaDraft): MediaEdit {
  const focalText = orNull(draft.focal);
  const focal = focalText === null ? null : parseFocal(focalText);
  return {
    name: item.name,
    version: item.version,
    alt: orNull(draft.alt),
    decorative: draft.decorative,
    caption: orNull(draft.caption),
    credit: orNull(draft.credit),
    title: orNull(draft.title),
    focal: focalText === null ? null : focal ? formatFocal(focal) : focalText,
  };
}

/** True when saving `draft` would change the item. */
export function isDirty(item: MediaDetails, draft: MediaDraft): boolean {
  const edit = editOf(item, draft);
  const focal = item.focal ? (parseFocal(item.focal) ?? null) : null;
  return (
    edit.alt !== (item.alt ?? null) ||
    edit.decorative !== (item.decorative ?? false) ||
    edit.caption !== (item.caption ?? null) ||
    edit.credit !== (item.credit ?? null) ||
    edit.title !== (item.title ?? null) ||
    edit.focal !== (focal ? formatFocal(focal) : (item.focal ?? null))
  );
}

export interface MediaUser {
  kind: string;
  /** `Article`, `Page`, `Slide`. */
  kindLabel: string;
  key: string;
  /** What part of it uses the item, in words. */
  fieldLabel: string;
  entity: string;
}

const KIND_LABELS: Record<string, string> = {
  article: 'Article',
  page: 'Page',
  slide: 'Slide',
  media: 'Media',
  site: 'Site',
};

const FIELD_LABELS: Record<string, string> = {
  body: 'in the text',
  image: 'as its picture',
  summary: 'in the summary',
  link: 'as its link',
  blurb: 'in the blurb',
};

/** `{ entity: 'article:annual-report', field: 'body' }` in words. */
export function describeUser(user: { entity: string; field: string }): MediaUser {
  const at = user.entity.indexOf(':');
  const kind = at > 0 ? user.entity.slice(0, at) : user.entity;
  const key = at > 0 ? user.entity.slice(at + 1) : '';
  const kindLabel = KIND_LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
  const fieldLabel = FIELD_LABELS[user.field] ?? (user.field ? `in ${user.field.replace(/_/g, ' ')}` : '');
  return { kind, kindLabel, key, fieldLabel, entity: user.entity };
}

/** `3 files`, `1 file`, with how many need alt text. */
export function librarySummary(items: readonly MediaDetails[]): string {
  const files = items.length === 1 ? '1 file' : `${items.length} files`;
  const missing = items.filter(needsAlt).length;
  if (missing === 0) return files;
  return `${files} · ${missing === 1 ? '1 image needs' : `${missing} images need`} alt text`;
}

/** One file's outcome in an upload batch. */
export interface UploadResult {
  file: string;
  /** The library name it got, when added. */
  name?: string;
  warnings: string[];
  error?: string;
}

/** `Added 2 of 3 files.` */
export function uploadSummary(results: readonly UploadResult[]): string {
  const added = results.filter((r) => r.error === undefined).length;
  const total = results.length;
  if (total === 0) return '';
  if (added === total) return added === 1 ? 'Added 1 file.' : `Added ${added} files.`;
  if (added === 0) return total === 1 ? 'The file could not be added.' : `None of the ${total} files could be added.`;
  return `Added ${added} of ${total} files.`;
}

/** A message under the details form: saved, a conflict, a refusal. */
export interface DetailsNotice {
  kind: 'error' | 'success' | 'info';
  text: string;
}
