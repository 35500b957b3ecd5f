/**
 * Regression tests of issue 17: Markdown written elsewhere opens as editor nodes (not raw
 * blocks) and is written back so that it renders the same.
 */
import { describe, expect, it } from 'vitest';
import type { JSONContent } from '@tiptap/core';
import { sameHtml } from './commonmark';
import { docToMarkdown } from './markdown';
import { manager, roundTrip } from './testing';

function types(node: JSONContent, out: string[] = []): string[] {
  if (node.type) out.push(node.type);
  (node.content ?? []).forEach((c) => types(c, out));
  return out;
}

/** Loads, checks the document has no raw block, and returns what it saves. */
function editable(source: string): { doc: JSONContent; markdown: string } {
  const result = roundTrip(source);
  expect(types(result.doc), source).not.toContain('rawBlock');
  expect(sameHtml(result.markdown, source), result.markdown).toBe(true);
  expect(roundTrip(result.markdown).markdown).toBe(result.markdown);
  return result;
}

describe('Markdown from elsewhere as editor nodes', () => {
  it('opens inline code that is also a link, bold or italic, and writes it as it was', () => {
    const source = 'Set [`opts`](#opts), run **`npm install`**, read *`README.md`* and ***`x`***.\n';
    expect(editable(source).markdown).toBe(source);
  });

  it('turns reference links into links, and keeps a definition only while a raw block uses it', () => {
    const { markdown } = editable('See [the docs][d] and [Docs].\n\n[d]: https://example.org/d "D"\n[docs]: <https://example.org/a b>\n');
    expect(markdown).toBe('See [the docs](https://example.org/d "D") and [Docs](<https://example.org/a b>).\n');
    const kept = roundTrip('A [link][r].\n\n<div>[r] in HTML</div>\n\n[r]: https://example.org/r\n').markdown;
    expect(kept).toContain('[r]: https://example.org/r');
  });

  it('opens pictures with titles and linked badges', () => {
    const source = '![River](media:river.jpg "The river") [![CI](https://example.org/ci.svg)](https://example.org/ci)\n';
    const { doc, markdown } = editable(source);
    expect(markdown).toBe(source);
    expect(types(doc).filter((t) => t === 'inlineImage')).toHaveLength(2);
  });

  it('opens details with a summary around Markdown', () => {
    const source = '<details>\n<summary>More &amp; less</summary>\n\nText *inside*.\n\n- a\n- b\n\n</details>\n';
    const { doc, markdown } = editable(source);
    expect(markdown).toBe(source);
    expect(types(doc)).toEqual(expect.arrayContaining(['details', 'detailsSummary', 'detailsContent', 'bulletList']));
    const bold = '<details open><summary><b>Click</b> to see &lt;T&gt;</summary>\n\nInside.\n\n</details>\n';
    expect(editable(bold).markdown).toBe('<details open>\n<summary><b>Click</b> to see &lt;T&gt;</summary>\n\nInside.\n\n</details>\n');
  });

  it('opens comments as notes and <br> lines as space, and a typed --> cannot end a note', () => {
    const { doc } = editable('<!-- a note -->\n\n<br>\n<br />\n\nText.\n');
    expect(types(doc)).toEqual(expect.arrayContaining(['htmlComment', 'htmlSpacer']));
    const note = { type: 'doc', content: [{ type: 'htmlComment', content: [{ type: 'text', text: 'a --> b' }] }] };
    expect(docToMarkdown(note, manager)).toBe('<!--a -- > b-->\n');
  });

  it('opens footnotes: references and definitions of several paragraphs', () => {
    const source = 'A claim.[^1] Another.[^long]\n\n[^1]: The source.\n\n[^long]: First paragraph\n    goes on.\n\n    Second paragraph.\n';
    const { doc, markdown } = editable(source);
    expect(markdown).toBe(source);
    expect(types(doc)).toEqual(expect.arrayContaining(['footnoteRef', 'footnoteDef']));
  });

  it('keeps HTML inside text as written, around editable words', () => {
    const source = 'H<sub>2</sub>O, <kbd>Ctrl</kbd>+<kbd>S</kbd>, a<br>b and <a name="x"></a>an anchor.\n';
    const { doc, markdown } = editable(source);
    expect(markdown).toBe(source);
    expect(types(doc)).toContain('inlineHtml');
  });

  it('keeps tables with inline formatting and alignment, nested quotes and breaks in list items', () => {
    editable('| Name | **Count** |\n| :--- | ---: |\n| `a` [x](https://x.example/) | *2* |\n');
    editable('> Quote\n>\n> > Nested quote\n');
    editable('- First line  \n  second line\n- Next\n');
  });

  it('keeps what it would misread as written: a list numbered from 0', () => {
    const { doc, markdown } = roundTrip('0. zero\n1. one\n');
    expect(markdown).toBe('0. zero\n1. one\n');
    expect(types(doc)).toContain('rawBlock');
  });
});
