/**
 * Editor nodes for the HTML README and documentation authors put between Markdown blocks:
 * a comment (`<!-- … -->`, a note that is not published), `<br>` lines (extra space), and
 * `<details>` with a `<summary>` around Markdown (a section the reader opens).
 */
import { Node, type JSONContent } from '@tiptap/core';

function textOf(node: JSONContent | undefined): string {
  return (node?.content ?? []).map((c) => c.text ?? '').join('');
}

/** Text for inside an HTML element. */
export function escapeHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A summary's text, escaped, and its tags as they were written. */
function summaryHtml(summary: JSONContent | undefined): string {
  return (summary?.content ?? [])
    .map((c) => (c.type === 'text' ? escapeHtmlText(c.text ?? '') : typeof c.attrs?.html === 'string' ? c.attrs.html : ''))
    .join('');
}

/** A comment: its text is edited as plain text and written back between `<!--` and `-->`. */
export const HtmlComment = Node.create({
  name: 'htmlComment',
  group: 'block',
  content: 'text*',
  marks: '',
  code: true,
  defining: true,
  parseHTML() {
    return [{ tag: 'div[data-html-comment]', preserveWhitespace: 'full' }];
  },
  renderHTML() {
    return ['div', { 'data-html-comment': '', class: 'mh-html-comment', title: 'A note, not published' }, 0];
  },
  // A `-->` typed in the note would end it early and publish the rest.
  renderMarkdown: (node) => `<!--${textOf(node).replace(/--!?>/g, '-- >')}-->`,
});

/** One or more `<br>` lines between blocks, written back as they were. */
export const HtmlSpacer = Node.create({
  name: 'htmlSpacer',
  group: 'block',
  atom: true,
  selectable: true,
  addAttributes() {
    return { html: { default: '<br>', rendered: false } };
  },
  parseHTML() {
    return [{ tag: 'div[data-html-spacer]' }];
  },
  renderHTML() {
    return ['div', { 'data-html-spacer': '', class: 'mh-html-spacer' }, 'Extra space'];
  },
  renderMarkdown: (node) => String(node.attrs?.html ?? '<br>'),
});

export const DetailsSummary = Node.create({
  name: 'detailsSummary',
  content: '(text | inlineHtml)*',
  marks: '',
  defining: true,
  parseHTML() {
    return [{ tag: 'div[data-details-summary]' }];
  },
  renderHTML() {
    return ['div', { 'data-details-summary': '', class: 'mh-details-summary' }, 0];
  },
});

export const DetailsContent = Node.create({
  name: 'detailsContent',
  content: 'block+',
  defining: true,
  parseHTML() {
    return [{ tag: 'div[data-details-content]' }];
  },
  renderHTML() {
    return ['div', { 'data-details-content': '', class: 'mh-details-content' }, 0];
  },
});

/** A section the reader opens: a summary line, and Markdown blocks inside. */
export const Details = Node.create({
  name: 'details',
  group: 'block',
  content: 'detailsSummary detailsContent',
  defining: true,
  addAttributes() {
    return {
      open: {
        default: false,
        parseHTML: (el: HTMLElement) => el.hasAttribute('data-open'),
        renderHTML: (attrs: Record<string, unknown>) => (attrs.open ? { 'data-open': '' } : {}),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-details]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', { ...HTMLAttributes, 'data-details': '', class: 'mh-details' }, 0];
  },
  renderMarkdown: (node, h) => {
    const [summary, body] = node.content ?? [];
    const inner = body?.content?.length ? h.renderChildren(body.content, '\n\n').replace(/\s+$/, '') : '';
    const open = node.attrs?.open ? ' open' : '';
    return `<details${open}>\n<summary>${summaryHtml(summary)}</summary>\n\n${inner ? `${inner}\n\n` : ''}</details>`;
  },
});

export const htmlNodes = [HtmlComment, HtmlSpacer, Details, DetailsSummary, DetailsContent];
