import { describe, expect, it } from 'vitest';
import type { TeamConflict } from '../lib/ipc';
import { conflictText, entityParts, sideBySide } from './two-versions';

describe('two versions side by side', () => {
  it('marks on each side the lines the other version does not have', () => {
    const mine = 'Intro\n\nThe well opened in May.\n\nThanks';
    const theirs = 'Intro\n\nThe well opened in June.\n\nThanks';
    const s = sideBySide(mine, theirs);
    expect(s.mine.map((l) => l.text).join('\n')).toBe(mine);
    expect(s.theirs.map((l) => l.text).join('\n')).toBe(theirs);
    expect(s.mine.filter((l) => l.changed).map((l) => l.text)).toEqual(['The well opened in May.']);
    expect(s.theirs.filter((l) => l.changed).map((l) => l.text)).toEqual(['The well opened in June.']);
  });

  it('marks nothing when both texts are the same', () => {
    const s = sideBySide('a\nb', 'a\nb');
    expect([...s.mine, ...s.theirs].some((l) => l.changed)).toBe(false);
  });

  it('names the item and the colleague', () => {
    const c: TeamConflict = {
      entity: 'article:water-report',
      mine: { author: 'Ann', at: '2026-12-07T10:00:00Z' },
      theirs: { author: 'Bob Jones', at: '2026-12-07T10:01:00Z' },
      mine_body: 'a',
      theirs_body: 'b',
      merged_body: 'a\n\nb',
    };
    expect(conflictText(c)).toBe('The article “water-report” has two versions: yours and Bob Jones’s.');
    expect(conflictText(c, 'Water report')).toBe('The article “Water report” has two versions: yours and Bob Jones’s.');
    expect(conflictText({ ...c, entity: 'settings' })).toBe('The settings have two versions: yours and Bob Jones’s.');
    expect(entityParts('media:a:b.png')).toEqual({ kind: 'media', key: 'a:b.png' });
  });
});
