/**
 * Reference links (`[text][label]`, `[label]`) and their definitions (`[label]: url`). The
 * editor has one kind of link, so loading resolves references into ordinary links (the page
 * renders the same) and keeps a definition only while a raw block still uses it.
 */
import type { JSONContent } from '@tiptap/core';
import type { Token, Tokens } from 'marked';

function defTokens(tokens: readonly Token[], out: Tokens.Def[] = []): Tokens.Def[] {
  for (const token of tokens) {
    if (token.type === 'def') out.push(token as Tokens.Def);
    else if ('tokens' in token && token.tokens) defTokens(token.tokens, out);
    if (token.type === 'list') (token as Tokens.List).items.forEach((i) => defTokens(i.tokens, out));
  }
  return out;
}

/** Every definition in the document, as Markdown to append to a block parsed on its own. */
export function definitionsOf(tokens: readonly Token[]): string {
  return defTokens(tokens)
    .map((d) => d.raw.trim().replace(/^\s+/gm, ''))
    .join('\n');
}

/** Text with the definitions it may use appended, so that its references resolve. */
export function withDefinitions(raw: string, definitions: string): string {
  return definitions && raw.includes('[') ? `${raw}\n\n${definitions}` : raw;
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Whether a definition is still needed: some raw block (which keeps its references as
 * written) mentions its label.
 */
export function definitionUsed(def: Token, nodes: readonly JSONContent[]): boolean {
  const label = `[${normalize((def as Tokens.Def).tag)}]`;
  return nodes.some(
    (n) => n.type === 'rawBlock' && normalize((n.content ?? []).map((c) => c.text ?? '').join('')).includes(label),
  );
}
