/** Linking the selection (Ctrl+K): the dialog works on the range selected when it opened. */
import type { Editor } from '@tiptap/core';

export interface LinkRequest {
  href: string;
  hasLink: boolean;
  from: number;
  to: number;
}

/** What the link dialog starts from; null without an editor. */
export function linkRequest(editor: Editor | null): LinkRequest | null {
  if (!editor) return null;
  const href = (editor.getAttributes('link').href as string | undefined) ?? '';
  // The dialog takes the focus; remember the selection to link.
  const { from, to } = editor.state.selection;
  return { href, hasLink: href !== '', from, to };
}

/** Links the range, or inserts the target's title as a link when nothing was selected. */
export function applyLink(
  editor: Editor,
  range: LinkRequest,
  href: string,
  title: string | null,
): void {
  const chain = editor.chain().focus().setTextSelection({ from: range.from, to: range.to });
  if (range.from === range.to && !editor.isActive('link')) {
    chain.insertContent({ type: 'text', text: title ?? href, marks: [{ type: 'link', attrs: { href } }] }).run();
  } else {
    chain.extendMarkRange('link').setLink({ href }).run();
  }
}

export function removeLink(editor: Editor, range: LinkRequest): void {
  editor.chain().focus().setTextSelection(range).extendMarkRange('link').unsetLink().run();
}
