import { describe, expect, it } from 'vitest';
import { slugFollowsTitle, slugify } from './slugify';

describe('slugify', () => {
  it('lowercases and joins words with hyphens', () => {
    expect(slugify('Spring river clean-up: 2 tonnes of waste removed')).toBe(
      'spring-river-clean-up-2-tonnes-of-waste-removed',
    );
  });

  it('strips diacritics', () => {
    expect(slugify('Café Zürich – Çà et là, Łódź')).toBe('cafe-zurich-ca-et-la-odz');
    expect(slugify('Straße')).toBe('strasse');
  });

  it('collapses and trims separators', () => {
    expect(slugify('  --Hello,   world!!--  ')).toBe('hello-world');
    expect(slugify('MPG’s 2013 year “at a glance”')).toBe('mpg-s-2013-year-at-a-glance');
  });

  it('gives an empty slug for a title without letters or digits', () => {
    expect(slugify('¿¡!?')).toBe('');
  });

  it('keeps at most 80 characters and never ends on a hyphen', () => {
    const slug = slugify(`${'word '.repeat(30)}end`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
    expect(slugify('a'.repeat(100))).toHaveLength(80);
  });

  it('follows the title only until published or edited by hand', () => {
    expect(slugFollowsTitle({ everPublished: false, editedByHand: false })).toBe(true);
    expect(slugFollowsTitle({ everPublished: true, editedByHand: false })).toBe(false);
    expect(slugFollowsTitle({ everPublished: false, editedByHand: true })).toBe(false);
  });
});
