/**
 * The editor's code run off screen, while the app is idle after it starts. WebKit's JavaScript
 * engine runs code slowly until it has run it often enough to compile it, which the first
 * article opened used to pay for: ~60 ms of a 5,000-word article's first open in WebKitGTK.
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

/**
 * One round of the editor on a sample, laid out (never painted) with the editor's styles so
 * that the fonts the text uses are loaded too. (Twenty rounds made the first open of a
 * 5,000-word article ~5 ms faster, but the app held ~20 MB more for a while after.)
 */
function warmUp(): void {
  const host = document.createElement('div');
  host.className = 'mh-editor-body';
  host.setAttribute('aria-hidden', 'true');
  host.style.cssText = 'position: fixed; top: 0; left: -10000px; width: 600px; visibility: hidden';
  document.body.append(host);
  const manager = markdownManager();
  const editor = new Editor({
    element: host,
    injectCSS: false,
    extensions: schemaExtensions({ richBlock: richBlockView, rawBlock: rawBlockView }),
    content: markdownToDoc(`${SAMPLE}\n\n${SAMPLE}`, manager),
    editorProps: { attributes: { class: 'mh-prose' } },
  });
  void host.offsetHeight;
  docToMarkdown(editor.getJSON(), manager);
  editor.destroy();
  host.remove();
}

/** Warms the editor up once, after the next paint. */
export function warmUpEditor(): void {
  if (started) return;
  started = true;
  requestAnimationFrame(() => setTimeout(warmUp));
}
