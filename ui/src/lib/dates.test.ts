import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate, pageLocales } from './dates';

const AT = new Date('2015-10-20T08:00:00Z');

afterEach(() => vi.unstubAllGlobals());

describe('formatDate', () => {
  it('writes the day and month in the order of the locale, the month in words', () => {
    expect(formatDate(AT, { locale: 'en-GB', timeZone: 'UTC' })).toBe('20 Oct 2015');
    expect(formatDate(AT, { locale: 'en-US', timeZone: 'UTC' })).toBe('Oct 20, 2015');
    expect(formatDate(AT, { locale: 'en-GB', timeZone: 'UTC', time: true })).toBe('20 Oct 2015, 08:00');
    expect(formatDate(AT, { locale: 'en-US', timeZone: 'UTC', time: true })).toBe('Oct 20, 2015, 8:00 AM');
    expect(formatDate(AT, { locale: 'fr-BE', timeZone: 'UTC', time: true })).toMatch(/^20 oct\. 2015,? 08:00$/);
  });

  it('takes the page’s language, not the engine’s default', () => {
    vi.stubGlobal('navigator', { language: 'fr-BE', languages: ['fr-BE', 'fr'] });
    expect(pageLocales()).toEqual(['fr-BE', 'fr']);
    expect(formatDate('2015-10-20T08:00:00Z', { timeZone: 'UTC' })).toBe('20 oct. 2015');
    vi.stubGlobal('navigator', { language: 'en-GB', languages: [] });
    expect(pageLocales()).toEqual(['en-GB']);
    expect(formatDate('2015-10-20T08:00:00Z', { timeZone: 'UTC', time: true })).toBe('20 Oct 2015, 08:00');
    vi.stubGlobal('navigator', { language: 'en-US', languages: ['en-US'] });
    expect(formatDate('2015-10-20T08:00:00Z', { timeZone: 'UTC', time: true })).toBe('Oct 20, 2015, 8:00 AM');
  });

  it('leaves out language tags Intl refuses (a desktop with LANG=C)', () => {
    vi.stubGlobal('navigator', { language: 'c', languages: ['c', 'en-GB'] });
    expect(pageLocales()).toEqual(['en-GB']);
    vi.stubGlobal('navigator', { language: 'c', languages: ['c'] });
    expect(pageLocales()).toBeUndefined();
    expect(() => formatDate(AT, { timeZone: 'UTC' })).not.toThrow();
  });

  it('gives back text that is not a date', () => {
    expect(formatDate('next week', { locale: 'en-GB' })).toBe('next week');
  });
});
