/**
 * The editor's document schema as TipTap extensions, without anything that needs a DOM, so
 * the Markdown round trip can be tested in Node. `Editor.svelte` adds the node views.
 */
import {
  Node,
  type AnyExtension,
  type JSONContent,
  type MarkdownParseHelpers,
  type MarkdownParseResult,
  type MarkdownToken,
  type NodeViewRenderer,
} from '@tiptap/core';
import Code from '@tiptap/extension-code';
import CodeBlock from '@tiptap/extension-code-block';
import Heading from '@tiptap/extension-heading';
import Link from '@tiptap/extension-link';
import Paragraph from '@tiptap/extension-paragraph';
import { TableCell, TableHeader, TableKit } from '@tiptap/extension-table';
import { BulletList, OrderedList } from '@tiptap/extension-list';
import StarterKit from '@tiptap/starter-kit';
import { fenceFor } from './blocks/fields';
import { isAllowedHref } from './hrefs';
import { FootnoteDef, FootnoteRef } from './footnotes';
import { htmlNodes } from './htmlNodes';
import { InlineHtml } from './inlineHtml';
import { InlineImage, imageNode } from './inlineImage';
import { escapeHeading, escapeParagraph, linkDestination, linkTitle } from './markdown/escape';

function textOf(node: JSONContent): string {
  return (node.content ?? []).map((c) => c.text ?? '').join('');
}

const MhParagraph = Paragraph.extend({
  // The stock parser lifts a lone picture out of its paragraph (for a block image node).
  parseMarkdown: (token, h) => {
    const tokens = token.tokens ?? [];
    if (tokens.length === 1 && tokens[0]?.type === 'image') return h.createNode('paragraph', undefined, h.parseInline(tokens));
    const stock = Paragraph.config.parseMarkdown as (t: MarkdownToken, h: MarkdownParseHelpers) => MarkdownParseResult;
    return stock(token, h);
  },
  renderMarkdown: (node, h) => {
    const content = node.content ?? [];
    return content.length ? escapeParagraph(h.renderChildren(content)) : '';
  },
});

const MhHeading = Heading.extend({
  renderMarkdown: (node, h) => {
    const level = Number(node.attrs?.level ?? 2);
    return `${'#'.repeat(level)} ${escapeHeading(h.renderChildren(node.content ?? []))}`;
  },
});

/**
 * Inline code can be linked, bold or italic (`` [`opts`](#opts) ``, `` **`npm i`** ``): the
 * stock mark excludes every other mark, so such text would not load.
 */
const MhCode = Code.extend({ excludes: '' });

const MhCodeBlock = CodeBlock.extend({
  renderMarkdown: (node) => {
    const text = textOf(node);
    const fence = fenceFor(text);
    const language = String(node.attrs?.language ?? '');
    return `${fence}${language}\n${text}\n${fence}`;
  },
});

const MhLink = Link.extend({
  // A link around a picture alone (a badge) is the picture's link.
  parseMarkdown: (token, h) => {
    const inner = (token.tokens ?? []).filter((t) => !(t.type === 'text' && !t.raw));
    const image = inner.length === 1 && inner[0]?.type === 'image' ? inner[0] : null;
    if (image) return imageNode(image, { href: String(token.href ?? ''), title: token.title ? String(token.title) : null });
    return h.applyMark('link', h.parseInline(token.tokens ?? []), {
      href: String(token.href ?? ''),
      title: token.title ? String(token.title) : null,
    });
  },
  renderMarkdown: (node, h) => {
    const href = linkDestination(String(node.attrs?.href ?? ''));
    const title = node.attrs?.title ? ` ${linkTitle(String(node.attrs.title))}` : '';
    return `[${h.renderChildren(node)}](${href}${title})`;
  },
});

/**
 * Lists remember whether they were loose (items a blank line apart, rendered as paragraphs),
 * which TipTap does not model; `markdownToDoc` sets it from the source.
 */
const looseAttribute = {
  loose: { default: false, rendered: false },
};

const MhBulletList = BulletList.extend({
  addAttributes() {
    return { ...this.parent?.(), ...looseAttribute };
  },
  renderMarkdown: (node, h) =>
    node.content ? h.renderChildren(node.content, node.attrs?.loose ? '\n\n' : '\n') : '',
});

const MhOrderedList = OrderedList.extend({
  addAttributes() {
    return { ...this.parent?.(), ...looseAttribute };
  },
  renderMarkdown: (node, h) =>
    node.content ? h.renderChildren(node.content, node.attrs?.loose ? '\n\n' : '\n') : '',
});

/**
 * Cell alignment as a data attribute: the app's CSP blocks `style` attributes, which is how
 * TipTap writes it.
 */
const alignAttribute = {
  align: {
    default: null,
    parseHTML: (el: HTMLElement) => {
      const align = (el.getAttribute('data-align') || el.style.textAlign || el.getAttribute('align') || '').toLowerCase();
      return ['left', 'center', 'right'].includes(align) ? align : null;
    },
    renderHTML: (attrs: Record<string, unknown>) =>
      typeof attrs.align === 'string' ? { 'data-align': attrs.align } : {},
  },
};

// GFM cells hold one line of inline text: no lists or blocks inside.
const MhTableCell = TableCell.extend({
  content: 'paragraph+',
  addAttributes() {
    return { ...this.parent?.(), ...alignAttribute };
  },
});

const MhTableHeader = TableHeader.extend({
  content: 'paragraph+',
  addAttributes() {
    return { ...this.parent?.(), ...alignAttribute };
  },
});

/** A rich block (figure, download, cta, video, callout): its info string and `key: value` body. */
export const RichBlock = Node.create({
  name: 'richBlock',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      info: { default: 'figure' },
      body: { default: '' },
    };
  },
  parseHTML() {
    return [
      {
        tag: 'div[data-rich-block]',
        getAttrs: (el) => ({
          info: el.getAttribute('data-rich-block') ?? 'figure',
          body: el.getAttribute('data-body') ?? '',
        }),
      },
    ];
  },
  renderHTML({ node }) {
    return ['div', { 'data-rich-block': String(node.attrs.info), 'data-body': String(node.attrs.body) }];
  },
  renderMarkdown: (node) => {
    const body = String(node.attrs?.body ?? '');
    const fence = fenceFor(body);
    return `${fence}${String(node.attrs?.info ?? '')}\n${body}\n${fence}`;
  },
});

/** Markdown the editor cannot represent, kept exactly as written and editable as text. */
export const RawBlock = Node.create({
  name: 'rawBlock',
  group: 'block',
  content: 'text*',
  marks: '',
  code: true,
  defining: true,
  parseHTML() {
    return [{ tag: 'pre[data-raw-block]', preserveWhitespace: 'full' }];
  },
  renderHTML() {
    return ['pre', { 'data-raw-block': '', class: 'mh-raw-block' }, ['code', 0]];
  },
  renderMarkdown: (node) => textOf(node),
});

export interface NodeViews {
  richBlock: NodeViewRenderer;
  rawBlock: NodeViewRenderer;
}

/**
 * The extensions that define the document, and how each reads and writes Markdown. The
 * editor passes node views (they need a DOM); the Markdown tests do without.
 */
export function schemaExtensions(views?: NodeViews): AnyExtension[] {
  return [
    StarterKit.configure({
      paragraph: false,
      heading: false,
      code: false,
      codeBlock: false,
      link: false,
      bulletList: false,
      orderedList: false,
      // Underline has no Markdown form the site renderer reads.
      underline: false,
    }),
    MhParagraph,
    MhHeading.configure({ levels: [1, 2, 3, 4, 5, 6] }),
    MhCode,
    InlineImage,
    InlineHtml,
    MhCodeBlock,
    MhBulletList,
    MhOrderedList,
    MhLink.configure({
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      HTMLAttributes: { target: null, rel: null },
      isAllowedUri: (url) => isAllowedHref(url),
    }),
    TableKit.configure({ table: { resizable: false }, tableCell: false, tableHeader: false }),
    MhTableCell,
    MhTableHeader,
    ...htmlNodes,
    FootnoteRef,
    FootnoteDef,
    views ? RichBlock.extend({ addNodeView: () => views.richBlock }) : RichBlock,
    views ? RawBlock.extend({ addNodeView: () => views.rawBlock }) : RawBlock,
  ];
}
