/**
 * HTML tags written inside text (`<sup>`, `<br>`, `<kbd>`, `<a name="x">`): kept exactly as
 * written, each shown as a small tag in the text, so that the words around them stay
 * editable. (The site renderer cleans them; `check` reports pictures without alt text.)
 */
import { Node } from '@tiptap/core';
import { Tokenizer, type MarkedExtension } from 'marked';

/** The token type the editor's Markdown parser gives inline HTML (see `inlineHtmlTokens`). */
export const INLINE_HTML = 'inlineHtml';

/** For marked: inline HTML gets its own token type, which `InlineHtml` parses. */
export const inlineHtmlTokens: MarkedExtension = {
  tokenizer: {
    tag(this: Tokenizer, src: string) {
      const token = Tokenizer.prototype.tag.call(this, src);
      if (token) (token as { type: string }).type = INLINE_HTML;
      return token;
    },
  },
};

export const InlineHtml = Node.create({
  name: 'inlineHtml',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      html: {
        default: '',
        parseHTML: (el: HTMLElement) => el.getAttribute('data-html') ?? '',
        renderHTML: (attrs: Record<string, unknown>) => ({ 'data-html': typeof attrs.html === 'string' ? attrs.html : '' }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'span[data-inline-html]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return ['span', { ...HTMLAttributes, 'data-inline-html': '', class: 'mh-inline-html' }, String(node.attrs.html ?? '')];
  },
  markdownTokenName: INLINE_HTML,
  parseMarkdown: (token) => ({ type: 'inlineHtml', attrs: { html: String(token.raw ?? '') } }),
  renderMarkdown: (node) => String(node.attrs?.html ?? ''),
});
