/** One MarkdownManager for the app, built from the document schema (no editor needed). */
import { MarkdownManager } from '@tiptap/markdown';
import type { marked } from 'marked';
import { schemaExtensions } from '../schema';
import { inlineHtmlTokens } from '../inlineHtml';
import { createMarked } from './lexer';

let shared: MarkdownManager | null = null;

export function markdownManager(): MarkdownManager {
  shared ??= new MarkdownManager({
    marked: createMarked().use(inlineHtmlTokens) as unknown as typeof marked,
    extensions: schemaExtensions(),
  });
  return shared;
}
