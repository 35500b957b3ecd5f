import { readdirSync, readFileSync } from 'node:fs';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { footnoteTokens } from './footnotes';
import { createMarked } from './lexer';

/** marked as configured before the first-line checks. */
const plain = new Marked({ gfm: true, breaks: false, pedantic: false });
plain.use({ tokenizer: { url: () => undefined } }, footnoteTokens);
const fast = createMarked();

function same(markdown: string): void {
  const expected = plain.lexer(markdown);
  const actual = fast.lexer(markdown);
  expect(JSON.stringify(actual), JSON.stringify(markdown)).toBe(JSON.stringify(expected));
  expect(actual.links).toEqual(expected.links);
}

const EDGES = [
  'Title\n===\n\npara',
  'Title\n---',
  'a\nb\n  ---  \nc',
  'para\n\n---\n',
  'para\n \u00a0\n===',
  'para\u2028more\n===',
  'Foo\n    ===',
  '- - -\n***\n_ _ _\n   ---\n    ---\n\t---',
  '- a\n\n---\n- b',
  '# h\n---\ntext',
  '> quote\ncontinued\n===',
  '  > q\n>\n> ---',
  '<div>\nhi\n</div>\n\ntext',
  '</div\n>\ntext',
  '</div\n\n  >\ntext',
  '</div  \n\nx>',
  '</span\n>\ntext',
  '</x-y\n\n  >\nt',
  '<!-- c\n-->\ntext',
  '<script>\nx\n</script>',
  '<script\ntype="a">\n</script>',
  '<?php\n?>',
  '<![CDATA[\nx\n]]>',
  '<!DOCTYPE html>',
  '<div\nclass="x">',
  '<span>inline</span> text',
  '<https://example.org>',
  '<a href="x">\n\nlink</a>',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  'a | b\n-- | --\n1 | 2',
  'a\n|-|',
  'a\n:-:',
  'a | b\n--- | ---',
  'a\n- b',
  'text\n= not',
  '1. one\n2. two\n\n---\n\n[ref]: /x\n\n[ref]',
  '```\n---\n```\n\n~~~\n<div>\n~~~',
];

/** Lines that start or end blocks, mixed at random (seeded) into documents. */
const PIECES = [
  '', ' ', 'text', 'more *text*', '===', '---', ' - -', '***', '# h', '> q', '>', '- item', '1. one',
  '    code', '```', '<div>', '</div>', '</p', '</em', '>', '<!--', '-->', '| a | b |', '|---|:-:|',
  'a | b', '-- | --', '[r]: /x', '[r]', '\u00a0', '\t', '<span>x</span>', '<x-y a="1">',
];

function documents(count: number): string[] {
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: 2 + next(12) }, () => PIECES[next(PIECES.length)]).join('\n'),
  );
}

function corpus(dir: URL): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(new URL(f, dir), 'utf8'));
}

describe('first-line checks in front of the block rules', () => {
  it('lex the corpus and the site articles as marked does', () => {
    [
      ...corpus(new URL('./corpus/', import.meta.url)),
      ...corpus(new URL('../../../../content/articles/', import.meta.url)),
    ].forEach(same);
  });

  it('lex edge cases as marked does', () => {
    EDGES.forEach(same);
    same(EDGES.join('\n'));
    same(EDGES.join('\n\n'));
  });

  it('lex random mixes of block starts as marked does', () => {
    documents(3000).forEach(same);
  });
});
