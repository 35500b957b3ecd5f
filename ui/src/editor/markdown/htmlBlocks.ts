/**
 * HTML blocks the editor has nodes for (see `../htmlNodes`): a lone comment, `<br>` lines, and
 * `<details>` + `<summary>` … `</details>` around Markdown blocks. Anything else stays raw.
 */
import type { JSONContent } from '@tiptap/core';
import type { Token } from 'marked';
import { decodeEntities } from './entities';

const COMMENT = /^<!--((?:(?!-->)[\s\S])*)-->$/;
const SPACER = /^(?:<br\s*\/?>[ \t]*\n?)+$/i;
/** A summary's text, with phrasing tags (`<b>`, `<code>` …) but no other elements. */
const SUMMARY_TEXT = String.raw`((?:[^<]|<\/?(?:a|b|strong|i|em|code|kbd|sup|sub|span|small|mark|s|u)\b[^<>]*>)*)`;
const DETAILS_OPEN = new RegExp(String.raw`^<details(\s+open)?\s*>(?:\s*<summary>${SUMMARY_TEXT}<\/summary>)?$`, 'i');
const SUMMARY = new RegExp(String.raw`^<summary>${SUMMARY_TEXT}<\/summary>$`, 'i');
const DETAILS_CLOSE = /^<\/details>$/i;

function html(token: Token | undefined): string | null {
  return token?.type === 'html' && (token as { block?: boolean }).block ? token.raw.trim() : null;
}

/** The node for a lone comment or for `<br>` lines. */
export function htmlBlockNode(token: Token): JSONContent | null {
  const raw = html(token);
  if (raw === null) return null;
  const comment = COMMENT.exec(raw);
  if (comment) {
    const text = comment[1] ?? '';
    return { type: 'htmlComment', content: text ? [{ type: 'text', text }] : [] };
  }
  if (SPACER.test(raw)) return { type: 'htmlSpacer', attrs: { html: raw } };
  return null;
}

/** A summary's HTML as text (entities decoded) and its tags as inline HTML nodes. */
function summaryNodes(html: string): JSONContent[] {
  return html
    .split(/(<[^<>]*>)/)
    .filter(Boolean)
    .map((part) =>
      part.startsWith('<')
        ? { type: 'inlineHtml', attrs: { html: part } }
        : { type: 'text', text: decodeEntities(part) },
    );
}

/** A `<details>` opening at `tokens[i]`: its summary, whether open, and its first inner token. */
function detailsOpen(tokens: readonly Token[], i: number): { summary: string; open: boolean; next: number } | null {
  const open = DETAILS_OPEN.exec(html(tokens[i]) ?? '');
  if (!open) return null;
  if (open[2] !== undefined) return { summary: open[2], open: Boolean(open[1]), next: i + 1 };
  const summary = SUMMARY.exec(html(tokens[i + 1]) ?? '');
  return summary ? { summary: summary[1] ?? '', open: Boolean(open[1]), next: i + 2 } : null;
}

/**
 * A `<details>` block starting at `tokens[i]`, with its inner blocks made by `inner`, and the
 * index of its `</details>`; null when the tokens are not that shape.
 */
export function detailsBlock(
  tokens: readonly Token[],
  i: number,
  inner: (tokens: Token[]) => JSONContent[],
): { node: JSONContent; end: number } | null {
  const open = detailsOpen(tokens, i);
  if (!open) return null;
  let depth = 1;
  for (let j = open.next; j < tokens.length; j += 1) {
    const raw = html(tokens[j]) ?? '';
    if (DETAILS_OPEN.test(raw) || /^<details[\s>]/i.test(raw)) depth += 1;
    if (DETAILS_CLOSE.test(raw)) depth -= 1;
    if (/<\/details>/i.test(raw) && !DETAILS_CLOSE.test(raw)) return null;
    if (depth === 0) {
      const body = inner(tokens.slice(open.next, j));
      return {
        node: {
          type: 'details',
          attrs: { open: open.open },
          content: [
            { type: 'detailsSummary', content: summaryNodes(open.summary) },
            { type: 'detailsContent', content: body.length ? body : [{ type: 'paragraph' }] },
          ],
        },
        end: j,
      };
    }
  }
  return null;
}
