/**
 * The formatting toolbar's tools, most used first: the row shows as many as fit on one line,
 * in this order, and the "More" menu the rest (`fitTools`).
 */
import type { Editor } from '@tiptap/core';
import type { IconName } from '../lib/Icon.svelte';
import { BLOCK_FIELDS, BLOCK_NAMES, bodyFromFields, type BlockName } from './blocks/fields';

export interface Tool {
  id: string;
  /** The accessible name, and the text in the menu. */
  label: string;
  /** The tooltip (with the shortcut). */
  title: string;
  testid: string;
  /** What the row shows: an icon, a short word, or a bold or italic letter. */
  face: { icon?: IconName; text?: string; style?: 'bold' | 'italic' };
  /** Tools of one group sit together, between separators. */
  group: number;
  /** The mark or node this tool turns on and off (for its pressed state). */
  toggles?: string;
  /** Only while the editor can (undo, redo). */
  needs?: 'undo' | 'redo';
  run: (editor: Editor) => void;
}

const mod = /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? '') ? '⌘' : 'Ctrl+';

const DEFAULTS: Record<BlockName, Record<string, string>> = {
  figure: { image: '', alt: '', caption: '' },
  download: { file: '', title: '', label: '' },
  cta: { label: '', link: '', style: 'primary' },
  video: { url: '' },
  callout: { tone: 'info', text: '' },
};

function insertBlock(editor: Editor, name: BlockName): void {
  editor
    .chain()
    .focus()
    .insertContent({ type: 'richBlock', attrs: { info: name, body: bodyFromFields(DEFAULTS[name]) } })
    .run();
}

/** The tools; `link` and `image` need the app (a dialog, a file picker). */
export function toolbarTools(actions: { link: () => void; image: () => void }): Tool[] {
  const blocks: Tool[] = BLOCK_NAMES.map((name) => ({
    id: name,
    label: BLOCK_FIELDS[name].title.split(' ')[0] ?? name,
    title: `Insert ${BLOCK_FIELDS[name].title.toLowerCase()}`,
    testid: `insert-${name}`,
    face: { text: BLOCK_FIELDS[name].title.split(' ')[0] },
    group: 5,
    run: (editor) => insertBlock(editor, name),
  }));
  return [
    {
      id: 'bold',
      label: 'Bold',
      title: `Bold (${mod}B)`,
      testid: 'tool-bold',
      face: { text: 'B', style: 'bold' },
      group: 1,
      toggles: 'bold',
      run: (e) => e.chain().focus().toggleBold().run(),
    },
    {
      id: 'italic',
      label: 'Italic',
      title: `Italic (${mod}I)`,
      testid: 'tool-italic',
      face: { text: 'I', style: 'italic' },
      group: 1,
      toggles: 'italic',
      run: (e) => e.chain().focus().toggleItalic().run(),
    },
    {
      id: 'link',
      label: 'Link',
      title: `Link (${mod}K)`,
      testid: 'tool-link',
      face: { text: 'Link' },
      group: 1,
      toggles: 'link',
      run: () => actions.link(),
    },
    {
      id: 'bullets',
      label: 'Bulleted list',
      title: 'Bulleted list',
      testid: 'tool-bullets',
      face: { icon: 'bullets' },
      group: 2,
      toggles: 'bulletList',
      run: (e) => e.chain().focus().toggleBulletList().run(),
    },
    {
      id: 'numbers',
      label: 'Numbered list',
      title: 'Numbered list',
      testid: 'tool-numbers',
      face: { icon: 'numbers' },
      group: 2,
      toggles: 'orderedList',
      run: (e) => e.chain().focus().toggleOrderedList().run(),
    },
    {
      id: 'quote',
      label: 'Quote',
      title: 'Quote',
      testid: 'tool-quote',
      face: { icon: 'quote' },
      group: 2,
      toggles: 'blockquote',
      run: (e) => e.chain().focus().toggleBlockquote().run(),
    },
    {
      id: 'undo',
      label: 'Undo',
      title: `Undo (${mod}Z)`,
      testid: 'tool-undo',
      face: { icon: 'undo' },
      group: 3,
      needs: 'undo',
      run: (e) => e.chain().focus().undo().run(),
    },
    {
      id: 'redo',
      label: 'Redo',
      title: `Redo (${mod}Shift+Z)`,
      testid: 'tool-redo',
      face: { icon: 'redo' },
      group: 3,
      needs: 'redo',
      run: (e) => e.chain().focus().redo().run(),
    },
    {
      id: 'image',
      label: 'Image',
      title: 'Upload an image',
      testid: 'tool-image',
      face: { text: 'Image' },
      group: 4,
      run: () => actions.image(),
    },
    {
      id: 'table',
      label: 'Table',
      title: 'Insert table',
      testid: 'tool-table',
      face: { text: 'Table' },
      group: 4,
      run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    },
    {
      id: 'rule',
      label: 'Horizontal rule',
      title: 'Horizontal rule',
      testid: 'tool-rule',
      face: { icon: 'rule' },
      group: 4,
      run: (e) => e.chain().focus().setHorizontalRule().run(),
    },
    ...blocks,
  ];
}

/**
 * How many tools, from the first, fit on the row: `room` px for them all; `widths[i]` is
 * what tool i takes (with the gap and a separator before it, if any); `more` what the "More"
 * button takes. All of them if they fit without it; otherwise as many as fit beside it.
 */
export function fitTools(widths: readonly number[], room: number, more: number): number {
  const total = widths.reduce((sum, w) => sum + w, 0);
  if (total <= room) return widths.length;
  let used = more;
  let count = 0;
  for (const w of widths) {
    if (used + w > room) break;
    used += w;
    count += 1;
  }
  return count;
}
