import { describe, expect, it } from 'vitest';
import { canOpen, KINDS, progressText, summaryText } from './website-import';

const report = { articles: 7, pages: 3, slides: 1, media: 4, redirects: 22, skipped: [], warnings: [], ms: 30 };

describe('import a website', () => {
  it('offers the four kinds of source the backend reads', () => {
    expect(KINDS.map((k) => k.kind)).toEqual(['wordpress', 'hugo', 'zola', 'jekyll']);
  });

  it('says how far the import has come', () => {
    expect(progressText(null)).toBe('Starting…');
    expect(progressText({ stage: 'files', done: 3, total: 12 })).toBe('Getting the pictures and files: 3 of 12');
    expect(progressText({ stage: 'saving', done: 0, total: 1 })).toBe('Saving…');
    expect(progressText({ stage: 'converting', done: 1200, total: 5000 })).toBe('Converting the content: 1,200 of 5,000');
  });

  it('sums the report up, as a plan on a dry run', () => {
    expect(summaryText(report, false)).toBe('Imported 7 articles, 3 pages, 1 slide, 4 files and 22 redirects from old addresses.');
    expect(summaryText({ ...report, redirects: 1 }, true)).toMatch(/^Would import .* and 1 redirect from/);
  });

  it('links only to items that were imported', () => {
    expect(canOpen('article:hello', false)).toBe(true);
    expect(canOpen('article:hello', true)).toBe(false);
    expect(canOpen('site', false)).toBe(false);
    expect(canOpen('article:', false)).toBe(false);
  });
});
