/**
 * The editor's code run once, off screen, while the app is idle after it starts. WebKit's
 * JavaScript engine runs code slowly until it has compiled it, which the first article opened
 * used to pay for: ~60 ms of a 5,000-word article's first open in WebKitGTK.
 */
import { Editor } from '@tiptap/core';
import { rawBlockView, richBlockView } from './blocks/richBlockView';
import { markdownManager } from './markdown/manager';
import { docToMarkdown, markdownToDoc } from './markdown/markdown';
import { schemaExtensions } from './schema';

/** A bit of everything the editor reads and writes. */
const SAMPLE = [
  '## A heading',
  'A paragraph with **bold**, *italic*, `code` and a [link](article:a-slug "A title").',
  '- One\n- Two',
  '1. First\n2. Second',
  '> A quote',
  '```figure\nimage: media:photo.jpg\nalt: A photo\n```',
].join('\n\n');

let started = false;

function warmUp(): void {
  const manager = markdownManager();
  const editor = new Editor({
    element: document.createElement('div'),
    injectCSS: false,
    extensions: schemaExtensions({ richBlock: richBlockView, rawBlock: rawBlockView }),
    content: markdownToDoc(SAMPLE, manager),
  });
  docToMarkdown(editor.getJSON(), manager);
  editor.destroy();
}

/** Warms the editor up once, after the next paint. */
export function warmUpEditor(): void {
  if (started) return;
  started = true;
  requestAnimationFrame(() => setTimeout(warmUp));
}
