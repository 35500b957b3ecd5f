/**
 * A second opinion on what a block means. marked (the reference lexer) misreads a few things
 * CommonMark readers such as the site's renderer agree on (backslashes in code spans, nested
 * brackets in link text); a block is only rewritten when a CommonMark renderer (markdown-it)
 * also gives the same HTML for what was written and for what is saved.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: true, linkify: false });

/** HTML with the whitespace a browser collapses collapsed (not inside `<pre>`). */
function normalized(html: string): string {
  return html
    .split(/(<pre[\s\S]*?<\/pre>)/)
    .map((part, i) => (i % 2 ? part : part.replace(/\s+/g, ' ').replace(/ ?(<\/?(?:p|li|ul|ol|h[1-6]|table|thead|tbody|tr|td|th|blockquote|hr|br|details|summary)\b[^>]*>) ?/g, '$1')))
    .join('')
    .trim();
}

/** Whether two pieces of Markdown render the same. */
export function sameHtml(a: string, b: string): boolean {
  return normalized(md.render(a)) === normalized(md.render(b));
}
