import { describe, expect, it } from 'vitest';
import {
  allTags,
  changedLine,
  filterArticles,
  formatArticleDate,
  hostBadge,
  NO_FILTER,
  snippetParts,
  sortArticlesBy,
  isoDateAttr,
  parseArticleDate,
  sortArticles,
  windowRange,
  statusBadge,
} from './logic';

const NOW = new Date(2025, 5, 15, 12, 0, 0); // 15 June 2025, 12:00 local

describe('parseArticleDate', () => {
  it('reads YYYY-MM-DD as local midnight', () => {
    const p = parseArticleDate('2025-06-01');
    expect(p?.dateOnly).toBe(true);
    expect(p?.date.getFullYear()).toBe(2025);
    expect(p?.date.getMonth()).toBe(5);
    expect(p?.date.getDate()).toBe(1);
    expect(p?.date.getHours()).toBe(0);
  });

  it('reads ISO date-times with an offset', () => {
    const p = parseArticleDate('2025-06-01T10:00:00Z');
    expect(p?.dateOnly).toBe(false);
    expect(p?.date.toISOString()).toBe('2025-06-01T10:00:00.000Z');
  });

  it('accepts a space between date and time', () => {
    expect(parseArticleDate('2025-06-01 10:30')?.date.getMinutes()).toBe(30);
  });

  it('rejects empty, impossible and garbage dates', () => {
    expect(parseArticleDate(null)).toBeNull();
    expect(parseArticleDate(undefined)).toBeNull();
    expect(parseArticleDate('  ')).toBeNull();
    expect(parseArticleDate('2025-02-30')).toBeNull();
    expect(parseArticleDate('soon')).toBeNull();
  });
});

describe('statusBadge', () => {
  it('labels each status', () => {
    expect(statusBadge('draft', null, NOW)).toEqual({ kind: 'draft', label: 'Draft' });
    expect(statusBadge('review', null, NOW)).toEqual({ kind: 'review', label: 'In review' });
    expect(statusBadge('ready', '2030-01-01', NOW)).toEqual({ kind: 'ready', label: 'Ready' });
    expect(statusBadge('published', '2025-06-01', NOW)).toEqual({
      kind: 'published',
      label: 'Published',
    });
  });

  it('shows a published article dated in the future as scheduled', () => {
    expect(statusBadge('published', '2025-06-16', NOW)).toEqual({
      kind: 'scheduled',
      label: 'Scheduled',
    });
    const inAMinute = new Date(NOW.getTime() + 60_000).toISOString();
    expect(statusBadge('published', inAMinute, NOW).kind).toBe('scheduled');
  });

  it('treats a date-only of today as already published', () => {
    expect(statusBadge('published', '2025-06-15', NOW).kind).toBe('published');
  });

  it('treats published without a usable date as published', () => {
    expect(statusBadge('published', null, NOW).kind).toBe('published');
    expect(statusBadge('published', 'tbc', NOW).kind).toBe('published');
  });

  it('passes unknown statuses through', () => {
    expect(statusBadge('archived', null, NOW)).toEqual({ kind: 'unknown', label: 'archived' });
    expect(statusBadge('toString', null, NOW).kind).toBe('unknown');
    expect(statusBadge('', null, NOW).label).toBe('Unknown');
  });
});

describe('formatArticleDate', () => {
  it('formats a date-only value without shifting the day', () => {
    expect(formatArticleDate('2025-06-01', 'en-GB')).toBe('1 Jun 2025');
    expect(formatArticleDate('2025-06-01', 'en-US')).toBe('Jun 1, 2025');
  });

  it('formats a date-time with its time', () => {
    const text = formatArticleDate('2025-06-01T10:05:00Z', 'en-GB', 'UTC');
    expect(text).toContain('1 Jun 2025');
    expect(text).toContain('10:05');
  });

  it('returns null for no date and the raw text for garbage', () => {
    expect(formatArticleDate(null, 'en-GB')).toBeNull();
    expect(formatArticleDate('', 'en-GB')).toBeNull();
    expect(formatArticleDate('next week', 'en-GB')).toBe('next week');
  });
});

describe('isoDateAttr', () => {
  it('gives a machine-readable date', () => {
    expect(isoDateAttr('2025-06-01')).toBe('2025-06-01');
    expect(isoDateAttr('2025-06-01T10:00:00+02:00')).toBe('2025-06-01T08:00:00.000Z');
    expect(isoDateAttr('nope')).toBeNull();
  });
});

describe('sortArticles', () => {
  it('puts the newest first, undated first, ties by id', () => {
    const list = [
      { id: 1, date: '2024-01-01' },
      { id: 2, date: '2025-03-01T09:00:00Z' },
      { id: 3, date: null },
      { id: 4, date: '2025-03-01T09:00:00Z' },
      { id: 5, date: '2026-01-01' },
      { id: 6, date: null },
    ];
    expect(sortArticles(list).map((a) => a.id)).toEqual([6, 3, 5, 4, 2, 1]);
  });

  it('does not mutate its input', () => {
    const list = [
      { id: 1, date: '2024-01-01' },
      { id: 2, date: '2025-01-01' },
    ];
    sortArticles(list);
    expect(list.map((a) => a.id)).toEqual([1, 2]);
  });
});

describe('filterArticles and sortArticlesBy', () => {
  const base = { status: 'draft', section: 'news', tags: [] as string[], date: null as string | null };
  const list = [
    { ...base, id: 1, title: 'Zebra crossing', status: 'published', date: '2025-01-01', tags: ['roads'] },
    { ...base, id: 2, title: 'apple harvest', section: 'events', tags: ['food', 'roads'] },
    { ...base, id: 3, title: 'Mango day', status: 'published', date: '2025-07-01' },
    { ...base, id: 4, title: 'Banana report 10', status: 'review', section: 'reports' },
    { ...base, id: 5, title: 'Banana report 9', status: 'review', section: 'reports' },
  ];

  it('filters by status, with scheduled as its own status', () => {
    expect(filterArticles(list, { ...NO_FILTER, status: 'published' }, NOW).map((a) => a.id)).toEqual([1]);
    expect(filterArticles(list, { ...NO_FILTER, status: 'scheduled' }, NOW).map((a) => a.id)).toEqual([3]);
    expect(filterArticles(list, { ...NO_FILTER, status: 'review' }, NOW).map((a) => a.id)).toEqual([4, 5]);
  });

  it('filters by section and tag together', () => {
    expect(filterArticles(list, { ...NO_FILTER, tag: 'roads' }, NOW).map((a) => a.id)).toEqual([1, 2]);
    expect(
      filterArticles(list, { status: '', section: 'events', tag: 'roads' }, NOW).map((a) => a.id),
    ).toEqual([2]);
    expect(filterArticles(list, NO_FILTER, NOW)).toHaveLength(5);
  });

  it('sorts by title, ignoring case and reading numbers as numbers', () => {
    expect(sortArticlesBy(list, 'title').map((a) => a.id)).toEqual([2, 5, 4, 3, 1]);
  });

  it('sorts by date like sortArticles', () => {
    expect(sortArticlesBy(list, 'date').map((a) => a.id)).toEqual(sortArticles(list).map((a) => a.id));
  });

  it('collects tags', () => {
    expect(allTags(list)).toEqual(['food', 'roads']);
  });
});

describe('hostBadge and snippetParts', () => {
  it('labels the hosting state', () => {
    expect(hostBadge(undefined)).toBeNull();
    expect(hostBadge('never')).toBeNull();
    expect(hostBadge('live')?.label).toBe('Live');
    expect(hostBadge('changed')?.label).toBe('Changed since publish');
  });

  it('splits a snippet into text and matches', () => {
    expect(snippetParts('the [river] clean-up by the [River] team')).toEqual([
      { text: 'the ', match: false },
      { text: 'river', match: true },
      { text: ' clean-up by the ', match: false },
      { text: 'River', match: true },
      { text: ' team', match: false },
    ]);
    expect(snippetParts('no match')).toEqual([{ text: 'no match', match: false }]);
  });
});

describe('windowRange', () => {
  it('renders the rows in view plus the overscan, within the list', () => {
    expect(windowRange(0, 600, 60, 10_000, 5)).toEqual({ start: 0, end: 15 });
    expect(windowRange(6000, 600, 60, 10_000, 5)).toEqual({ start: 95, end: 115 });
    expect(windowRange(6030, 600, 60, 10_000, 5)).toEqual({ start: 95, end: 116 });
    expect(windowRange(599_400, 600, 60, 10_000, 5)).toEqual({ start: 9985, end: 10_000 });
  });
  it('handles a list lower down, above the view, empty', () => {
    expect(windowRange(-200, 600, 60, 10_000, 5)).toEqual({ start: 0, end: 12 });
    expect(windowRange(-900, 600, 60, 10_000, 5)).toEqual({ start: 0, end: 0 });
    expect(windowRange(700_000, 600, 60, 10_000, 5)).toEqual({ start: 10_000, end: 10_000 });
    expect(windowRange(0, 600, 60, 0, 5)).toEqual({ start: 0, end: 0 });
  });
});

describe('changedLine', () => {
  const now = new Date('2025-06-15T12:00:00Z');
  it('says who changed an article last, and how long ago', () => {
    expect(changedLine('Bob Jones', '2025-06-15T11:59:40Z', now)).toBe('Changed by Bob Jones, just now');
    expect(changedLine('Bob Jones', '2025-06-15T11:55:00Z', now)).toBe('Changed by Bob Jones, 5 min ago');
    expect(changedLine('Ana', '2025-06-15T09:00:00Z', now)).toBe('Changed by Ana, 3 h ago');
    expect(changedLine('Ana', '2025-06-01T09:00:00Z', now, 'en-GB')).toBe('Changed by Ana, on 1 Jun 2025');
  });
  it('does without a name or a readable time', () => {
    expect(changedLine(' ', '2025-06-15T11:55:00Z', now)).toBe('Changed, 5 min ago');
    expect(changedLine('Ana', 'soon', now)).toBe('Changed by Ana');
  });
});
