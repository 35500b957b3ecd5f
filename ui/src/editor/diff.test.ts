import { describe, expect, it } from 'vitest';
import { lineDiff } from './diff';

const kinds = (before: string, after: string) =>
  lineDiff(before, after).map((l) => `${{ same: ' ', added: '+', removed: '-' }[l.kind]}${l.text}`);

describe('lineDiff', () => {
  it('marks nothing when equal', () => {
    expect(kinds('a\nb', 'a\nb')).toEqual([' a', ' b']);
  });

  it('finds an insertion, a deletion and a change', () => {
    expect(kinds('a\nb\nc', 'a\nx\nb\nc')).toEqual([' a', '+x', ' b', ' c']);
    expect(kinds('a\nb\nc', 'a\nc')).toEqual([' a', '-b', ' c']);
    expect(kinds('title\nold line\nend', 'title\nnew line\nend')).toEqual([
      ' title',
      '-old line',
      '+new line',
      ' end',
    ]);
  });

  it('aligns on the longest common subsequence', () => {
    expect(kinds('a\nb\nc\nd', 'b\nc\nd\ne')).toEqual(['-a', ' b', ' c', ' d', '+e']);
    expect(kinds('', 'a')).toEqual(['-', '+a']);
  });

  it('keeps every line of both sides', () => {
    const before = 'one\ntwo\nthree\nfour\nfive';
    const after = 'zero\ntwo\nthree and a half\nfour\nsix';
    const diff = lineDiff(before, after);
    expect(diff.filter((l) => l.kind !== 'added').map((l) => l.text)).toEqual(before.split('\n'));
    expect(diff.filter((l) => l.kind !== 'removed').map((l) => l.text)).toEqual(after.split('\n'));
  });
});
