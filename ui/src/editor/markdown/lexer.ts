/**
 * A plain CommonMark + GFM lexer (marked, without TipTap's tokenizers) used as the reference
 * for what a piece of Markdown means, and a structural fingerprint of its tokens.
 *
 * Bare-URL autolinks are off: the site renderer (pulldown-cmark) does not make them.
 */
import { Marked, type Token, type Tokens } from 'marked';
import { blockStarts } from './blockStarts';
import { decodeEntities, hasUnknownEntity } from './entities';
import { footnoteTokens } from './footnotes';

/**
 * A marked instance that reads Markdown the way the site renderer does, with quick checks in
 * front of the block rules that are slow in WebKit (see `blockStarts`).
 */
export function createMarked(): Marked {
  const marked = new Marked({ gfm: true, breaks: false, pedantic: false });
  marked.use({ tokenizer: { ...blockStarts, url: () => undefined } }, footnoteTokens);
  return marked;
}

const reference = createMarked();

/** Top-level block tokens of a document. */
export function lexBlocks(markdown: string): Token[] {
  return reference.lexer(markdown);
}

type Shape = string | number | boolean | null | Shape[] | { [key: string]: Shape };

/** Token types whose content is plain text in a fingerprint. */
const TEXTY = new Set(['text', 'escape']);

function inline(tokens: readonly Token[] | undefined): Shape[] {
  const out: Shape[] = [];
  let text = '';
  const flush = (): void => {
    if (text) out.push(text);
    text = '';
  };
  for (const token of tokens ?? []) {
    if (TEXTY.has(token.type) && !('tokens' in token && token.tokens?.length)) {
      const value = String((token as Tokens.Text | Tokens.Escape).text);
      text += token.type === 'escape' ? value : decodeEntities(value);
      continue;
    }
    flush();
    out.push(fingerprint(token));
  }
  flush();
  return out;
}

/**
 * What a token means, without how it was written: the same fingerprint means the same HTML.
 * Whitespace inside text is collapsed, since HTML collapses it too.
 */
export function fingerprint(token: Token): Shape {
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph':
    case 'heading':
    case 'text':
    case 'strong':
    case 'em':
    case 'del':
      return {
        t: token.type,
        depth: token.type === 'heading' ? (token as Tokens.Heading).depth : null,
        c: collapse(inline(token.tokens)),
      };
    case 'link':
      return {
        t: 'link',
        href: (token as Tokens.Link).href,
        title: (token as Tokens.Link).title ?? null,
        c: collapse(inline(token.tokens)),
      };
    case 'image':
      return {
        t: 'image',
        href: (token as Tokens.Image).href,
        title: (token as Tokens.Image).title ?? null,
        alt: decodeEntities((token as Tokens.Image).text),
      };
    case 'footnoteRef':
      return { t: 'footnoteRef', label: String((token).label) };
    case 'footnoteDef':
      return { t: 'footnoteDef', label: String((token).label), c: blocks(token.tokens) };
    case 'codespan':
      return { t: 'codespan', text: decodeEntities(token.text as string) };
    case 'code':
      return { t: 'code', lang: (token as Tokens.Code).lang?.split(/\s/)[0] ?? '', text: token.text as string };
    case 'br':
    case 'hr':
      return { t: token.type };
    case 'blockquote':
      return { t: 'blockquote', c: blocks(token.tokens) };
    case 'list': {
      const list = token as Tokens.List;
      return {
        t: 'list',
        ordered: list.ordered,
        start: list.ordered ? (list.start === '' ? 1 : Number(list.start)) : null,
        loose: list.loose,
        items: list.items.map((item) => ({ task: item.task, c: blocks(item.tokens) })),
      };
    }
    case 'table': {
      const table = token as Tokens.Table;
      const cell = (c: Tokens.TableCell): Shape => collapse(inline(c.tokens));
      return {
        t: 'table',
        align: table.align,
        header: table.header.map(cell),
        rows: table.rows.map((row) => row.map(cell)),
      };
    }
    default:
      return { t: token.type, raw: token.raw };
  }
}

function blocks(tokens: readonly Token[] | undefined): Shape[] {
  return (tokens ?? []).map(fingerprint).filter((s) => s !== null);
}

function collapse(parts: Shape[]): Shape[] {
  const out = parts.map((p) => (typeof p === 'string' ? p.replace(/[ \t\n]+/g, ' ') : p));
  const first = out[0];
  if (typeof first === 'string') out[0] = first.trimStart();
  const last = out[out.length - 1];
  if (typeof last === 'string') out[out.length - 1] = last.trimEnd();
  return out.filter((p) => p !== '');
}

/** The fingerprint of a whole piece of Markdown, as one comparable string. */
export function meaning(markdown: string): string {
  return JSON.stringify(blocks(lexBlocks(markdown)));
}

/** Inline or block constructs the editor has no node for, found anywhere in a token. */
export function unsupported(token: Token): string | null {
  switch (token.type) {
    case 'html':
      // HTML inside text is kept as written; HTML blocks are raw.
      if ((token as Tokens.HTML).block) return token.type;
      break;
    case 'def':
      return token.type;
    case 'heading':
      if (/\{[^}]*\}\s*$/.test(token.raw.trim())) return 'heading attributes';
      break;
    case 'list':
      if ((token as Tokens.List).items.some((i) => i.task)) return 'task list';
      for (const item of (token as Tokens.List).items) {
        const found = unsupportedIn(item.tokens);
        if (found) return found;
      }
      return null;
    case 'table': {
      const table = token as Tokens.Table;
      for (const c of [...table.header, ...table.rows.flat()]) {
        const found = unsupportedIn(c.tokens);
        if (found) return found;
      }
      break;
    }
    default:
      break;
  }
  // A `[^` that did not make a footnote token: a shape the editor does not write.
  if (token.type === 'text' && !token.tokens?.length && /\[\^/.test(token.raw)) return 'footnote';
  if (hasUnknownEntity(token.raw)) return 'character reference';
  return 'tokens' in token ? unsupportedIn(token.tokens) : null;
}

function unsupportedIn(tokens: readonly Token[] | undefined): string | null {
  for (const t of tokens ?? []) {
    const found = unsupported(t);
    if (found) return found;
  }
  return null;
}
