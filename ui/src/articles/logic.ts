/** Pure, framework-free logic behind the article list. */
import type { Article, ArticleStatus, ArticleSummary, HostState } from '../lib/ipc';
import { formatDate } from '../lib/dates';

export type BadgeKind = ArticleStatus | 'scheduled' | 'unknown';

export interface StatusBadge {
  kind: BadgeKind;
  label: string;
}

export interface ParsedDate {
  date: Date;
  /** True for a bare `YYYY-MM-DD`, which means a whole local calendar day. */
  dateOnly: boolean;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_SPACE_TIME = /^(\d{4}-\d{2}-\d{2}) (\d)/;

/**
 * Parses an article date. A bare `YYYY-MM-DD` is taken as local midnight (so it
 * never shifts a day in any time zone); anything else goes through `Date.parse`
 * (ISO 8601 with or without an offset, also with a space instead of `T`).
 * Returns null for a missing or unparseable value.
 */
export function parseArticleDate(value: string | null | undefined): ParsedDate | null {
  const text = value?.trim();
  if (!text) return null;
  const m = DATE_ONLY.exec(text);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]) - 1;
    const day = Number(m[3]);
    const date = new Date(year, month, day);
    const valid =
      date.getFullYear() === year && date.getMonth() === month && date.getDate() === day;
    return valid ? { date, dateOnly: true } : null;
  }
  const ms = Date.parse(text.replace(DATE_SPACE_TIME, '$1T$2'));
  return Number.isNaN(ms) ? null : { date: new Date(ms), dateOnly: false };
}

const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'Draft',
  review: 'In review',
  ready: 'Ready',
  published: 'Published',
};

export function isArticleStatus(value: string): value is ArticleStatus {
  // Not `Object.hasOwn`: the macOS build target (Safari 13) lacks it.
  return Object.prototype.hasOwnProperty.call(STATUS_LABELS, value);
}

/**
 * The badge for an article: its status, except that a published article whose
 * date is still in the future is "Scheduled".
 */
export function statusBadge(status: string, date: string | null, now: Date): StatusBadge {
  if (status === 'published') {
    const parsed = parseArticleDate(date);
    if (parsed && parsed.date.getTime() > now.getTime()) {
      return { kind: 'scheduled', label: 'Scheduled' };
    }
  }
  if (isArticleStatus(status)) {
    return { kind: status, label: STATUS_LABELS[status] };
  }
  return { kind: 'unknown', label: status || 'Unknown' };
}

/**
 * Formats an article date for display (see `formatDate`): date only for `YYYY-MM-DD`, date
 * and time otherwise. Returns null when there is no date and the raw text when it cannot be
 * parsed. Without `locale`, in the user's language.
 */
export function formatArticleDate(
  value: string | null | undefined,
  locale?: string | string[],
  timeZone?: string,
): string | null {
  if (!value?.trim()) return null;
  const parsed = parseArticleDate(value);
  if (!parsed) return value;
  return formatDate(parsed.date, { time: !parsed.dateOnly, timeZone: parsed.dateOnly ? undefined : timeZone, locale });
}

/** Machine-readable value for a `<time datetime>` attribute, or null. */
export function isoDateAttr(value: string | null | undefined): string | null {
  const parsed = parseArticleDate(value);
  if (!parsed) return null;
  return parsed.dateOnly ? (value?.trim() ?? null) : parsed.date.toISOString();
}

/**
 * Newest first. Undated articles (usually fresh drafts) come before dated ones;
 * ties, and unparseable dates among themselves, fall back to the higher id first.
 * Returns a new array.
 */
export function sortArticles<T extends Pick<Article, 'id' | 'date'>>(articles: readonly T[]): T[] {
  // Each date parsed once, not in every comparison (10,000 articles: ~270,000 comparisons).
  const keyed = articles.map((a) => ({
    a,
    key: parseArticleDate(a.date)?.date.getTime() ?? Number.POSITIVE_INFINITY,
  }));
  keyed.sort((x, y) => {
    if (x.key !== y.key) return x.key < y.key ? 1 : -1;
    return y.a.id - x.a.id;
  });
  return keyed.map((k) => k.a);
}

export type SortKey = 'date' | 'title';

/** `scheduled` filters on the badge (published with a future date), the rest on the status. */
export interface ArticleFilter {
  status: BadgeKind | '';
  section: string;
  tag: string;
}

export const NO_FILTER: ArticleFilter = { status: '', section: '', tag: '' };

type Listable = Pick<ArticleSummary, 'id' | 'date' | 'title' | 'section' | 'tags'> & { status: string };

/** The articles matching every set part of the filter. */
export function filterArticles<T extends Listable>(
  articles: readonly T[],
  filter: ArticleFilter,
  now: Date,
): T[] {
  return articles.filter(
    (a) =>
      (!filter.status || statusBadge(a.status, a.date, now).kind === filter.status) &&
      (!filter.section || a.section === filter.section) &&
      (!filter.tag || a.tags.includes(filter.tag)),
  );
}

const byTitle = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Sorted by date (newest first, see `sortArticles`) or by title (A–Z). Returns a new array. */
export function sortArticlesBy<T extends Listable>(articles: readonly T[], key: SortKey): T[] {
  if (key === 'date') return sortArticles(articles);
  return [...articles].sort((a, b) => byTitle.compare(a.title, b.title) || b.id - a.id);
}

/** Every tag used by the articles, sorted. */
export function allTags(articles: readonly Pick<ArticleSummary, 'tags'>[]): string[] {
  return [...new Set(articles.flatMap((a) => a.tags))].sort(byTitle.compare);
}

/** The badge telling whether the published site has the article, if the backend says. */
export function hostBadge(state: HostState | null | undefined): StatusBadge | null {
  if (state === 'live') return { kind: 'published', label: 'Live' };
  if (state === 'changed') return { kind: 'review', label: 'Changed since publish' };
  return null;
}

/** A search snippet split into plain text and matches (the parts the backend put in `[` `]`). */
export function snippetParts(snippet: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  const re = /\[([^\]]*)\]/g;
  let last = 0;
  for (const m of snippet.matchAll(re)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), match: false });
    if (m[1]) parts.push({ text: m[1], match: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), match: false });
  return parts;
}

/**
 * The rows of a list of fixed-height rows to render: those in view plus `overscan` on each
 * side, as `[start, end)` indices. `viewTop` is the top of the visible area measured from the
 * list's top (negative while the list starts lower down), `viewHeight` its height.
 */
export function windowRange(
  viewTop: number,
  viewHeight: number,
  rowHeight: number,
  count: number,
  overscan: number,
): { start: number; end: number } {
  const clamp = (n: number): number => Math.min(Math.max(n, 0), count);
  const start = clamp(Math.floor(viewTop / rowHeight) - overscan);
  const end = clamp(Math.ceil((viewTop + Math.max(viewHeight, 0)) / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}

/** "Changed by Bob Jones, 5 min ago": who saved an article last (in a team), and when. */
export function changedLine(by: string, at: string, now: Date, locale?: string): string {
  const who = by.trim() ? `Changed by ${by.trim()}` : 'Changed';
  const then = new Date(at);
  if (Number.isNaN(then.getTime())) return who;
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60000);
  let ago: string;
  if (minutes < 1) ago = 'just now';
  else if (minutes < 60) ago = `${minutes} min ago`;
  else if (minutes < 24 * 60) ago = `${Math.floor(minutes / 60)} h ago`;
  else ago = `on ${then.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' })}`;
  return `${who}, ${ago}`;
}
