/** Pure, framework-free logic behind the featured slides screen. */
import { parseArticleDate } from '../articles/logic';
import type { LinkTarget } from '../lib/ipc';
import type { MediaDetails, Slide } from '../lib/ipc';
import { formatDate } from '../lib/dates';

/** The call-to-action labels offered in the CTA field; any other text is fine too. */
export const CTA_PRESETS = [
  'Read more',
  'Learn more',
  'Read the report',
  'Download the report',
  'Watch the event',
] as const;

/** The longest blurb the backend accepts, in characters. */
export const BLURB_LIMIT = 2000;

export type WindowState = 'current' | 'upcoming' | 'expired';

export interface WindowBadge {
  state: WindowState;
  label: string;
  /** The `.badge-*` class suffix from app.css. */
  kind: 'published' | 'scheduled' | 'draft';
}

const WINDOW_BADGES: Record<WindowState, WindowBadge> = {
  current: { state: 'current', label: 'Current', kind: 'published' },
  upcoming: { state: 'upcoming', label: 'Upcoming', kind: 'scheduled' },
  expired: { state: 'expired', label: 'Expired', kind: 'draft' },
};

/** The first moment the slide shows, or null for no limit (and for a date that cannot be read). */
function windowStart(from: string | null | undefined): Date | null {
  return parseArticleDate(from)?.date ?? null;
}

/**
 * The first moment the slide no longer shows, or null for no limit. A plain `YYYY-MM-DD`
 * means through the end of that (local) day.
 */
function windowEnd(until: string | null | undefined): Date | null {
  const parsed = parseArticleDate(until);
  if (!parsed) return null;
  if (!parsed.dateOnly) return parsed.date;
  const d = parsed.date;
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
}

/**
 * Whether the show-from/until window contains `now` (current), lies ahead (upcoming) or is
 * over (expired). An empty end means no limit; a plain date is a whole local day, so a slide
 * shown until `2025-06-30` is still current at 23:59 that day. Mirrors the renderer's rule.
 */
export function windowState(
  from: string | null | undefined,
  until: string | null | undefined,
  now: Date,
): WindowState {
  const start = windowStart(from);
  const end = windowEnd(until);
  const t = now.getTime();
  if (end && t >= end.getTime()) return 'expired';
  if (start && t < start.getTime()) return 'upcoming';
  return 'current';
}

export function windowBadge(
  from: string | null | undefined,
  until: string | null | undefined,
  now: Date,
): WindowBadge {
  return WINDOW_BADGES[windowState(from, until, now)];
}

function formatDay(value: string, locale?: string | string[]): string {
  const parsed = parseArticleDate(value);
  return parsed ? formatDate(parsed.date, { time: !parsed.dateOnly, locale }) : value;
}

/** The window in words: "Always", "From 1 Jun 2025", "Until 30 Jun 2025", "1 Jun 2025 – 30 Jun 2025". */
export function describeWindow(
  from: string | null | undefined,
  until: string | null | undefined,
  locale?: string | string[],
): string {
  const f = from?.trim() ? formatDay(from.trim(), locale) : null;
  const u = until?.trim() ? formatDay(until.trim(), locale) : null;
  if (f && u) return `${f} – ${u}`;
  if (f) return `From ${f}`;
  if (u) return `Until ${u}`;
  return 'Always';
}

/**
 * True when both ends are set and the last day comes before the first, as the backend
 * checks it (the two values compared as written, each plain date at its midnight).
 */
export function windowBackwards(from: string | null | undefined, until: string | null | undefined): boolean {
  const start = windowStart(from);
  const end = parseArticleDate(until)?.date ?? null;
  return start !== null && end !== null && end.getTime() < start.getTime();
}

/** The `YYYY-MM-DD` a date input shows for a stored date or date-time ('' when empty). */
export function dateInputValue(value: string | null | undefined): string {
  return /^(\d{4}-\d{2}-\d{2})/.exec(value?.trim() ?? '')?.[1] ?? '';
}

/** True when the stored value carries a time of day that a date input cannot show. */
export function hasTime(value: string | null | undefined): boolean {
  return /^\d{4}-\d{2}-\d{2}[T ]\d/.test(value?.trim() ?? '');
}

/** Empty text is stored as null. */
export function orNull(value: string): string | null {
  return value.trim() === '' ? null : value;
}

/** Where a move up or down takes the slide at `index` of `length`, or null at either end. */
export type Step = 'up' | 'down' | 'top' | 'bottom';

export function stepTarget(index: number, direction: Step, length: number): number | null {
  if (index < 0 || index >= length) return null;
  const to = { up: index - 1, down: index + 1, top: 0, bottom: length - 1 }[direction];
  return to < 0 || to >= length || to === index ? null : to;
}

/**
 * The `moveSlide` index for a drop into the gap before row `slot` (0 … length; `length` is
 * after the last row) of the slide now at `from`, or null when it would not move. `moveSlide`
 * takes the slide out first, so gaps below it count one less.
 */
export function dropTarget(from: number, slot: number): number | null {
  if (from < 0 || slot < 0) return null;
  const to = slot > from ? slot - 1 : slot;
  return to === from ? null : to;
}

/** The gap a pointer at `y` over a row spanning `top`…`top + height` points at. */
export function dropSlot(rowIndex: number, y: number, top: number, height: number): number {
  return y < top + height / 2 ? rowIndex : rowIndex + 1;
}

export type LinkKind = 'none' | 'url' | 'reference' | 'invalid';

const REFERENCE = /^(article|page|media):\S+$/;
const WEB_URL = /^https?:\/\/[^\s/?#]+\S*$/i;

/** What kind of link the text is, by its form. */
export function linkKind(link: string | null | undefined): LinkKind {
  const text = link?.trim() ?? '';
  if (!text) return 'none';
  if (WEB_URL.test(text)) return 'url';
  if (REFERENCE.test(text)) return 'reference';
  return 'invalid';
}

/**
 * Why the link cannot be saved, or null when it can. A web address must start with https://
 * or http:// (and hold no spaces); a reference (`article:slug`, `page:slug`, `media:name`)
 * must be one of the link targets. `targets` null means they are not known (not loaded):
 * any well-formed reference passes.
 */
export function linkProblem(
  link: string | null | undefined,
  targets: readonly LinkTarget[] | null,
): string | null {
  const text = link?.trim() ?? '';
  switch (linkKind(text)) {
    case 'none':
    case 'url':
      return null;
    case 'reference':
      if (targets === null || targets.some((t) => t.ref === text)) return null;
      return `There is no ${text.slice(0, text.indexOf(':'))} “${text.slice(text.indexOf(':') + 1)}” on this site. Pick one with Choose….`;
    default:
      if (/^https?:\/\//i.test(text)) {
        return /\s/.test(text) ? 'A web address cannot contain spaces.' : 'Add the rest of the web address.';
      }
      if (/^[\w.-]+\.[a-z]{2,}(\/|$)/i.test(text)) return `Web addresses start with https:// — try https://${text}.`;
      return 'Use a web address starting with https:// or http://, or choose an article, page or file.';
  }
}

/** The link target a reference points at, if known. */
export function linkTarget(
  link: string | null | undefined,
  targets: readonly LinkTarget[] | null,
): LinkTarget | null {
  const text = link?.trim() ?? '';
  return targets?.find((t) => t.ref === text) ?? null;
}

export interface SlideProblems {
  headline?: string;
  link?: string;
  image_alt?: string;
  show_until?: string;
  blurb?: string;
}

/** Length in characters (Unicode code points), as the backend counts the blurb. */
export function charLength(text: string): number {
  return [...text].length;
}

/** What keeps the slide from being saved, field by field (empty when it can be saved). */
export function slideProblems(
  slide: Pick<Slide, 'headline' | 'blurb' | 'link' | 'image' | 'image_alt' | 'show_from' | 'show_until'>,
  targets: readonly LinkTarget[] | null,
): SlideProblems {
  const problems: SlideProblems = {};
  if (!slide.headline.trim()) problems.headline = 'A slide needs a headline.';
  if (charLength(slide.blurb.trim()) > BLURB_LIMIT) {
    problems.blurb = 'The blurb is limited to 2,000 characters; keep it to a sentence or two.';
  }
  const link = linkProblem(slide.link, targets);
  if (link) problems.link = link;
  if (slide.image?.trim() && !slide.image_alt?.trim()) {
    problems.image_alt = 'Describe the image for people who cannot see it.';
  }
  if (windowBackwards(slide.show_from, slide.show_until)) {
    problems.show_until = 'The slide would stop showing before it starts.';
  }
  return problems;
}

export function hasProblems(problems: SlideProblems): boolean {
  return Object.values(problems).some(Boolean);
}

/** `media:name` → `name` (null for anything else). */
export function mediaName(ref: string | null | undefined): string | null {
  const text = ref?.trim() ?? '';
  return text.startsWith('media:') && text.length > 6 ? text.slice(6) : null;
}

export function isImage(item: Pick<MediaDetails, 'mime'>): boolean {
  return item.mime.startsWith('image/');
}

/**
 * The address of the smallest variant at least `width` pixels wide (else the widest), under
 * `base` (where the app serves site paths, e.g. `preview://localhost/`); null without variants.
 */
export function thumbnailUrl(
  item: Pick<MediaDetails, 'variants'> | null | undefined,
  width: number,
  base: string,
): string | null {
  const variants = [...(item?.variants ?? [])].sort((a, b) => a.width - b.width);
  if (variants.length === 0) return null;
  const pick = variants.find((v) => v.width >= width) ?? variants[variants.length - 1];
  if (!pick) return null;
  const root = base.endsWith('/') ? base : `${base}/`;
  return root + pick.url.replace(/^\//, '');
}

/** Replaces the slide with the same id (a new array; unknown ids leave it as it was). */
export function replaceSlide<T extends { id: number }>(list: readonly T[], slide: T): T[] {
  return list.map((s) => (s.id === slide.id ? slide : s));
}

/** The words a screen reader hears after a move. */
export function movedMessage(headline: string, index: number, length: number): string {
  return `Moved “${headline || 'Untitled slide'}” to position ${index + 1} of ${length}.`;
}
