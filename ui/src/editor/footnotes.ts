/**
 * Footnotes in the editor: a reference (`[^1]`, shown as a superscript label) and a
 * definition (`[^1]: …`, a block holding the note's paragraphs). The site renderer numbers
 * them and links each reference to its note.
 */
import { Node } from '@tiptap/core';

const label = (attrs: Record<string, unknown> | undefined): string =>
  typeof attrs?.label === 'string' ? attrs.label : '';

const labelAttribute = {
  label: {
    default: '',
    parseHTML: (el: HTMLElement) => el.getAttribute('data-label') ?? '',
    renderHTML: (attrs: Record<string, unknown>) => ({ 'data-label': label(attrs) }),
  },
};

export const FootnoteRef = Node.create({
  name: 'footnoteRef',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes: () => labelAttribute,
  parseHTML() {
    return [{ tag: 'sup[data-footnote-ref]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return ['sup', { ...HTMLAttributes, 'data-footnote-ref': '', class: 'mh-footnote-ref' }, label(node.attrs)];
  },
  markdownTokenName: 'footnoteRef',
  parseMarkdown: (token) => ({ type: 'footnoteRef', attrs: { label: String(token.label ?? '') } }),
  renderMarkdown: (node) => `[^${label(node.attrs)}]`,
});

export const FootnoteDef = Node.create({
  name: 'footnoteDef',
  group: 'block',
  content: 'block+',
  defining: true,
  addAttributes: () => labelAttribute,
  parseHTML() {
    return [{ tag: 'div[data-footnote-def]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', { ...HTMLAttributes, 'data-footnote-def': '', class: 'mh-footnote-def' }, 0];
  },
  markdownTokenName: 'footnoteDef',
  parseMarkdown: (token, h) => {
    const content = h.parseChildren(token.tokens ?? []);
    return { type: 'footnoteDef', attrs: { label: String(token.label ?? '') }, content: content.length ? content : [{ type: 'paragraph' }] };
  },
  // Every line after the first is indented by four spaces, so that it stays in the note.
  renderMarkdown: (node, h) => {
    const inner = h.renderChildren(node.content ?? [], '\n\n').replace(/\s+$/, '');
    const body = inner.split('\n').map((line, i) => (i === 0 || !line ? line : `    ${line}`)).join('\n');
    return `[^${label(node.attrs)}]: ${body}`;
  },
});
