/** Shared by the Markdown tests: load as the editor would, then save. */
import { getSchema, type JSONContent } from '@tiptap/core';
import { schemaExtensions } from '../schema';
import { markdownManager } from './manager';
import { docToMarkdown, markdownToDoc } from './markdown';

export const manager = markdownManager();
const schema = getSchema(schemaExtensions());

/** Load into a checked ProseMirror document (as the editor would) and save again. */
export function roundTrip(markdown: string): { doc: JSONContent; markdown: string } {
  const json = markdownToDoc(markdown, manager);
  const node = schema.nodeFromJSON(json);
  node.check();
  const doc = node.toJSON() as JSONContent;
  return { doc, markdown: docToMarkdown(doc, manager) };
}
