/**
 * The editor screen run once off screen, while the app is idle after it starts. In WebKitGTK
 * the first open of an article paid for work done only once: the editor's code running before
 * the engine compiles it, and the first style and layout of the screen's own markup (~20 ms
 * of a 5,000-word article's first open). Mounting the real screen on a sample, laid out but
 * never painted, pays for both before anyone clicks.
 */
import { flushSync, mount, tick, unmount } from 'svelte';
import type { Article } from '../lib/ipc';
import { pageAsArticle, type DocApi } from './docs';

/** A bit of everything the editor reads and writes. */
const SAMPLE = [
  '## A heading',
  'A paragraph with **bold**, *italic*, `code` and a [link](article:a-slug "A title").',
  '- One\n- Two',
  '1. First\n2. Second',
  '> A quote',
  '```figure\nimage: media:photo.jpg\nalt: A photo\n```',
].join('\n\n');

/** The sample as an article with nothing but a title and a body. */
const SAMPLE_ARTICLE: Article = pageAsArticle({
  id: 0,
  version: 0,
  title: 'A sample',
  slug: 'a-sample',
  body: `${SAMPLE}\n\n${SAMPLE}\n`,
  status: 'draft',
  created_at: '',
  updated_at: '',
  updated_by: '',
});

/** Hands the screen the sample; nothing is ever saved or previewed. */
const SAMPLE_DOCS: DocApi = {
  noun: 'article',
  get: () => Promise.resolve(structuredClone(SAMPLE_ARTICLE)),
  save: () => Promise.reject(new Error('The warm-up screen does not save.')),
  preview: () => Promise.resolve(''),
  linkTargets: () => Promise.resolve([]),
  discard: () => Promise.resolve(false),
};

let started = false;

/**
 * Mounts the screen hidden, lays it out and removes it, all before the page's next task (the
 * sample arrives in a microtask), so nothing else can see the hidden copy. Returns whether the
 * editor was there to lay out.
 */
async function warmUpScreen(): Promise<boolean> {
  const { default: EditorScreen } = await import('./EditorScreen.svelte');
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.inert = true;
  host.style.cssText = `position: fixed; top: 0; left: -20000px; width: ${innerWidth}px; height: ${innerHeight}px; visibility: hidden`;
  document.body.append(host);
  const screen = mount(EditorScreen, {
    target: host,
    props: { id: 0, site: null, docs: SAMPLE_DOCS, onclose: () => {}, onerror: () => {} },
  });
  try {
    flushSync();
    // The sample's promise, then the screen's effects that mount the editor.
    for (let i = 0; i < 5 && !host.querySelector('.ProseMirror'); i++) await tick();
    void host.offsetHeight;
    return host.querySelector('.ProseMirror') !== null;
  } finally {
    await unmount(screen);
    host.remove();
  }
}

/** Warms the editor screen up once, after the next paint. */
export function warmUpEditor(): void {
  if (started) return;
  started = true;
  const failed = (why: unknown): void => console.error('The editor warm-up did not run:', why);
  requestAnimationFrame(() =>
    setTimeout(() => {
      warmUpScreen()
        .then((laidOut) => laidOut || failed('the editor did not mount'))
        .catch(failed);
    }),
  );
}
