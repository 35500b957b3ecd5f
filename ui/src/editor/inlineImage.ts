/**
 * A picture inside text, as Markdown writes it: `![alt](src "title")`, optionally linked
 * (`[![alt](src)](href)`, the shape of README badges). The editor shows it as a chip with its
 * description rather than fetching the picture; figures are the way to place a photo.
 */
import { Node, type JSONContent, type MarkdownToken } from '@tiptap/core';
import { linkDestination, linkTitle } from './markdown/escape';

/** An attribute as text (attributes of a node read from JSON are `unknown`). */
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** An image's description as Markdown text: brackets and backslashes escaped. */
function altText(alt: string): string {
  return alt.replace(/[\\[\]]/g, '\\$&');
}

export function imageMarkdown(attrs: Record<string, unknown>): string {
  const src = linkDestination(str(attrs.src));
  const title = attrs.title ? ` ${linkTitle(str(attrs.title))}` : '';
  const image = `![${altText(str(attrs.alt))}](${src}${title})`;
  if (!attrs.href) return image;
  const linkTitleText = attrs.linkTitle ? ` ${linkTitle(str(attrs.linkTitle))}` : '';
  return `[${image}](${linkDestination(str(attrs.href))}${linkTitleText})`;
}

/** The node for an image token, with the link around it when there is one. */
export function imageNode(token: MarkdownToken, link?: { href: string; title: string | null }): JSONContent {
  return {
    type: 'inlineImage',
    attrs: {
      src: str(token.href),
      alt: str(token.text),
      title: str(token.title) || null,
      href: link?.href ?? null,
      linkTitle: link?.title ?? null,
    },
  };
}

export const InlineImage = Node.create({
  name: 'inlineImage',
  group: 'inline',
  inline: true,
  atom: true,
  draggable: true,
  addAttributes() {
    const attr = (name: string) => ({
      default: null,
      parseHTML: (el: HTMLElement) => el.getAttribute(`data-${name}`),
      renderHTML: (attrs: Record<string, unknown>) =>
        attrs[name] ? { [`data-${name.toLowerCase()}`]: str(attrs[name]) } : {},
    });
    return { src: attr('src'), alt: attr('alt'), title: attr('title'), href: attr('href'), linkTitle: attr('linkTitle') };
  },
  parseHTML() {
    return [{ tag: 'span[data-inline-image]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const alt = str(node.attrs.alt);
    return [
      'span',
      { ...HTMLAttributes, 'data-inline-image': '', class: 'mh-inline-image', title: str(node.attrs.src) },
      alt ? `🖼 ${alt}` : '🖼',
    ];
  },
  markdownTokenName: 'image',
  parseMarkdown: (token) => imageNode(token),
  renderMarkdown: (node) => imageMarkdown(node.attrs ?? {}),
});
