import { readdirSync, readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { docToMarkdown } from './markdown';
import { manager, roundTrip } from './testing';

/** CommonMark + GFM tables and strikethrough, raw HTML on: a stand-in for the site renderer. */
const md = new MarkdownIt({ html: true, linkify: false });
const render = (source: string): string => md.render(source);

function corpus(dir: URL): [string, string][] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => [f, readFileSync(new URL(f, dir), 'utf8')]);
}

const OWN = corpus(new URL('./corpus/', import.meta.url));
const SITE = corpus(new URL('../../../../content/articles/', import.meta.url)).map(
  ([name, text]): [string, string] => [name, text.replace(/^---\n[\s\S]*?\n---\n/, '')],
);

function types(doc: { type?: string; content?: unknown[] }): string[] {
  const out: string[] = [];
  const walk = (n: { type?: string; content?: unknown[] }): void => {
    if (n.type) out.push(n.type);
    (n.content ?? []).forEach((c) => walk(c as { type?: string; content?: unknown[] }));
  };
  walk(doc);
  return out;
}

describe('Markdown round trip', () => {
  it.each([...OWN, ...SITE])('%s renders the same after load and save', (_name, source) => {
    const saved = roundTrip(source).markdown;
    expect(render(saved)).toBe(render(source));
    // Saving what was saved changes nothing.
    expect(roundTrip(saved).markdown).toBe(saved);
  });

  it('represents every supported construct as an editor node, not a raw block', () => {
    for (const [name, source] of OWN.filter(([n]) => !n.includes('unsupported'))) {
      const { doc } = roundTrip(source);
      const raw = (doc.content ?? []).filter((n) => n.type === 'rawBlock');
      expect(raw, name).toEqual([]);
    }
    const all = new Set(OWN.flatMap(([, s]) => types(roundTrip(s).doc)));
    for (const type of [
      'heading',
      'paragraph',
      'bulletList',
      'orderedList',
      'listItem',
      'blockquote',
      'table',
      'tableHeader',
      'tableCell',
      'codeBlock',
      'horizontalRule',
      'hardBreak',
      'richBlock',
      'rawBlock',
    ]) {
      expect(all, type).toContain(type);
    }
  });

  it('keeps site articles editable: no raw blocks in the demo content', () => {
    for (const [name, source] of SITE) {
      const raw = (roundTrip(source).doc.content ?? []).filter((n) => n.type === 'rawBlock');
      expect(raw, name).toEqual([]);
    }
  });

  it('keeps what the editor cannot represent exactly as written', () => {
    const source = OWN.find(([n]) => n.includes('05-unsupported'))?.[1] ?? '';
    const { doc, markdown } = roundTrip(source);
    const kept = [
      '- [ ] write the report\n- [x] book the room',
      '<div class="partner-logos">\n  <img src="/media/logo.png" alt="Logo">\n</div>',
      '## Heading with an id {#custom-id}',
      'Strange entity: &hearts; suits.',
    ];
    for (const text of kept) expect(markdown).toContain(text);
    // Footnotes are editor nodes, written back as they were.
    expect(markdown).toContain('Here is a claim that needs a source.[^1]\n\n[^1]: The source, with *emphasis*.');
    expect(types(doc)).toEqual(expect.arrayContaining(['footnoteRef', 'footnoteDef']));
    // HTML inside text is kept as written, in an editable paragraph.
    expect(markdown).toContain('A paragraph with <abbr title="Migration Policy Group">MPG</abbr> inline HTML.');
    const rawTexts = (doc.content ?? [])
      .filter((n) => n.type === 'rawBlock')
      .map((n) => n.content?.[0]?.text);
    expect(rawTexts).toEqual(expect.arrayContaining(kept));
  });

  it('reads rich blocks as blocks and ordinary fences as code', () => {
    const { doc } = roundTrip(
      '```figure\nimage: media:a.jpg\nalt: A\n```\n\n```rust\nfn x() {}\n```\n\n```callout\ntone: info\ntext: Hi\n```\n',
    );
    expect(doc.content?.map((n): unknown[] => [n.type, n.attrs?.info ?? n.attrs?.language])).toEqual([
      ['richBlock', 'figure'],
      ['codeBlock', 'rust'],
      ['richBlock', 'callout'],
    ]);
  });

  it('writes rich blocks exactly as they were read', () => {
    const source = '```figure\nimage: media:photo.jpg\nalt: Two people at a workshop\ncaption: The Nairobi workshop\ncredit: Jane Doe\n```\n';
    expect(roundTrip(source).markdown).toBe(source);
  });

  it('escapes text that would otherwise start a block', () => {
    const para = (text: string) => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    });
    const cases = ['# not a heading', '- not a list', '1. not a list', '---', '    not code', '> not a quote', '<div>x</div>', '```js'];
    for (const text of cases) {
      const saved = docToMarkdown(para(text), manager);
      expect(render(saved), text).toBe(`<p>${md.utils.escapeHtml(text.trim())}</p>\n`);
    }
  });

  it('keeps braces typed at the end of a heading as text, not an id', () => {
    const doc = {
      type: 'doc',
      content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Agenda {#draft}' }] }],
    };
    const saved = docToMarkdown(doc, manager);
    expect(saved.trim()).toBe('## Agenda \\{#draft}');
    expect(roundTrip(saved).markdown).toBe(saved);
  });

  it('writes consecutive lists of one kind so they stay two lists', () => {
    const source = '- a\n- b\n\n* c\n* d\n\n1. e\n\n1) f\n';
    expect(render(roundTrip(source).markdown)).toBe(render(source));
  });

  it('writes link destinations and titles that need care', () => {
    const source = '[a](<https://example.org/a b> "say \\"hi\\"") [b](https://example.org/x(1))\n';
    expect(render(roundTrip(source).markdown)).toBe(render(source));
  });

  it('saves an empty document as an empty body', () => {
    expect(roundTrip('').markdown).toBe('');
  });
});
