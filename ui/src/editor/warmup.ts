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

/**
 * Rounds of the warm-up, each in a task of its own so that a click waits for one round at
 * most (the first ~80 ms, the others ~5–15 ms in WebKitGTK). Twenty rounds rather than one cut
 * the first open of a 5,000-word article by another ~10–20 ms.
 */
const ROUNDS = 20;

let started = false;

function warmUp(round: number): void {
  const host = document.createElement('div');
  if (round === 0) {
    // Laid out (never painted) with the editor's styles, so that the fonts the text uses are
    // loaded before the first article opens.
    host.className = 'mh-editor-body';
    host.setAttribute('aria-hidden', 'true');
    host.style.cssText = 'position: fixed; top: 0; left: -10000px; width: 600px; visibility: hidden';
    document.body.append(host);
  }
  const manager = markdownManager();
  const editor = new Editor({
    element: host,
    injectCSS: false,
    extensions: schemaExtensions({ richBlock: richBlockView, rawBlock: rawBlockView }),
    content: markdownToDoc(`${SAMPLE}\n\n${SAMPLE}`, manager),
    editorProps: { attributes: { class: 'mh-prose' } },
  });
  if (round === 0) void host.offsetHeight;
  docToMarkdown(editor.getJSON(), manager);
  editor.destroy();
  host.remove();
  if (round + 1 < ROUNDS) setTimeout(() => warmUp(round + 1));
}

/** Warms the editor up once, after the next paint. */
export function warmUpEditor(): void {
  if (started) return;
  started = true;
  requestAnimationFrame(() => setTimeout(() => warmUp(0)));
}
