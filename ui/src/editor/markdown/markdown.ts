/**
 * The Markdown round trip. Loading splits the document into top-level blocks; each block
 * TipTap can represent is parsed by @tiptap/markdown, written back at once and kept only when
 * the result means the same thing (same token structure) as the original. Anything else,
 * and anything the editor has no node for, becomes a raw block holding the exact source.
 */
import type { JSONContent } from '@tiptap/core';
import type { MarkdownManager } from '@tiptap/markdown';
import type { Token, Tokens } from 'marked';
import { isBlockName, parseFields } from '../blocks/fields';
import { sameHtml } from './commonmark';
import { decodeNamedForEditor } from './entities';
import { fingerprint, lexBlocks, meaning, unsupported } from './lexer';
import { detailsBlock, htmlBlockNode } from './htmlBlocks';
import { definitionUsed, definitionsOf, withDefinitions } from './references';

function rawBlock(text: string): JSONContent {
  return text ? { type: 'rawBlock', content: [{ type: 'text', text }] } : { type: 'rawBlock' };
}

function isCode(node: JSONContent, parent: JSONContent | null): boolean {
  return (
    parent?.type === 'codeBlock' ||
    parent?.type === 'rawBlock' ||
    (node.marks ?? []).some((m) => m.type === 'code')
  );
}

/**
 * Drops empty paragraphs (TipTap makes them from extra blank lines and writes them back as
 * `&nbsp;`) and turns named character references into the characters they stand for.
 */
function clean(nodes: readonly JSONContent[], parent: JSONContent | null): JSONContent[] {
  const out = nodes.flatMap((node): JSONContent[] => {
    if (node.type === 'paragraph' && !node.content?.length && nodes.length > 1) return [];
    if (node.type === 'text' && node.text && !isCode(node, parent)) {
      return [{ ...node, text: decodeNamedForEditor(node.text) }];
    }
    return node.content ? [{ ...node, content: clean(node.content, node) }] : [node];
  });
  return out.length ? out : nodes.slice(0, 1);
}

/** Writes top-level nodes, a blank line apart. */
export function serializeNodes(nodes: readonly JSONContent[], manager: MarkdownManager): string {
  const parts: string[] = [];
  let previous: { type?: string; alternate: boolean } = { alternate: false };
  for (const node of clean(nodes, null)) {
    let text = manager.serialize({ type: 'doc', content: [node] }).replace(/^\n+|\s+$/g, '');
    // Two lists of the same kind in a row would merge into one unless their markers differ.
    const isList = node.type === 'bulletList' || node.type === 'orderedList';
    const alternate = isList && previous.type === node.type && !previous.alternate;
    if (alternate) {
      text =
        node.type === 'bulletList'
          ? text.replace(/^- /gm, '* ')
          : text.replace(/^(\d{1,9})\. /gm, '$1) ');
    }
    previous = { type: node.type, alternate };
    if (text) parts.push(text);
  }
  return parts.length ? `${parts.join('\n\n')}\n` : '';
}

/** The editor document as the Markdown the renderer reads. */
export function docToMarkdown(doc: JSONContent, manager: MarkdownManager): string {
  return serializeNodes(doc.content ?? [], manager);
}

function richBlock(token: Token): JSONContent | null {
  if (token.type !== 'code' || (token as Tokens.Code).codeBlockStyle === 'indented') return null;
  const info = ((token as Tokens.Code).lang ?? '').trim();
  const name = info.split(/\s/)[0] ?? '';
  if (!isBlockName(name) || parseFields(token.text as string) === null) return null;
  return { type: 'richBlock', attrs: { info, body: token.text as string } };
}

function listTokens(token: Token, out: Tokens.List[] = []): Tokens.List[] {
  if (token.type === 'list') {
    out.push(token as Tokens.List);
    for (const item of (token as Tokens.List).items) item.tokens.forEach((t) => listTokens(t, out));
  } else if ('tokens' in token && token.tokens) {
    token.tokens.forEach((t) => listTokens(t, out));
  }
  return out;
}

function listNodes(nodes: readonly JSONContent[], out: JSONContent[] = []): JSONContent[] {
  for (const node of nodes) {
    if (node.type === 'bulletList' || node.type === 'orderedList') out.push(node);
    if (node.content) listNodes(node.content, out);
  }
  return out;
}

/** Copies looseness from the reference tokens onto the lists TipTap made, in document order. */
function markLooseLists(token: Token, nodes: JSONContent[]): void {
  const tokens = listTokens(token);
  const lists = listNodes(nodes);
  if (tokens.length !== lists.length) return;
  lists.forEach((list, i) => {
    if (tokens[i]?.loose) list.attrs = { ...list.attrs, loose: true };
  });
}

/**
 * A block as editor nodes, when they write back to Markdown that means the same: the same
 * text, byte for byte (most blocks: nothing to lex again), or text with the same fingerprint.
 */
function blockToNodes(token: Token, manager: MarkdownManager, definitions: string): JSONContent[] {
  const raw = token.raw.replace(/\s+$/, '');
  const rich = richBlock(token);
  if (rich) return [rich];
  if (unsupported(token)) return [rawBlock(raw)];
  try {
    const nodes = clean(manager.parse(withDefinitions(raw, definitions)).content ?? [], null);
    markLooseLists(token, nodes);
    if (!nodes.length) return [rawBlock(raw)];
    const written = serializeNodes(nodes, manager);
    if (written === `${raw}\n`) return nodes;
    const expected = JSON.stringify([fingerprint(token)].filter((s) => s !== null));
    if (meaning(written) === expected && sameHtml(withDefinitions(raw, definitions), withDefinitions(written, definitions))) {
      return nodes;
    }
  } catch {
    // A parser bug must not lose text: fall through to the raw block.
  }
  return [rawBlock(raw)];
}

/** A definition's place, decided once the whole document is read (see `dropUnusedDefinitions`). */
const DEFINITION = 'definition';

/** Blocks as editor nodes, HTML `<details>` sections holding theirs. */
function tokensToNodes(tokens: readonly Token[], manager: MarkdownManager, definitions: string): JSONContent[] {
  const out: JSONContent[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    // (`[^x]: …` that the footnote rule did not take is a footnote to the site renderer.)
    if (token.type === 'def' && !(token as Tokens.Def).tag.startsWith('^')) {
      out.push({ type: DEFINITION, attrs: { token } });
      continue;
    }
    const html = htmlBlockNode(token);
    const details = html ? null : detailsBlock(tokens, i, (inner) => tokensToNodes(inner, manager, definitions));
    if (html) out.push(html);
    else if (details) {
      out.push(details.node);
      i = details.end;
    } else out.push(...blockToNodes(token, manager, definitions));
  }
  return out;
}

function rawBlocks(nodes: readonly JSONContent[], out: JSONContent[] = []): JSONContent[] {
  for (const node of nodes) {
    if (node.type === 'rawBlock') out.push(node);
    else if (node.content) rawBlocks(node.content, out);
  }
  return out;
}

/** Definitions stay (where they were, as raw blocks) only for the raw blocks that still use them. */
function dropUnusedDefinitions(nodes: JSONContent[], raws: readonly JSONContent[]): JSONContent[] {
  return nodes.flatMap((node) => {
    if (node.type === DEFINITION) {
      const token = node.attrs?.token as Token;
      return definitionUsed(token, raws) ? [rawBlock(token.raw.replace(/\s+$/, ''))] : [];
    }
    if (!node.content) return [node];
    const content = dropUnusedDefinitions(node.content, raws);
    // A details section left with nothing but unused definitions keeps an empty paragraph.
    return [{ ...node, content: content.length || node.type !== 'detailsContent' ? content : [{ type: 'paragraph' }] }];
  });
}

/** Reads a Markdown body into an editor document. */
export function markdownToDoc(markdown: string, manager: MarkdownManager): JSONContent {
  const source = markdown.replace(/\r\n?/g, '\n');
  const tokens = lexBlocks(source).filter((token) => token.type !== 'space');
  const definitions = definitionsOf(tokens);
  const nodes = tokensToNodes(tokens, manager, definitions);
  const content = dropUnusedDefinitions(nodes, rawBlocks(nodes));
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
}
