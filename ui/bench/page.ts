// Loaded by browsers.mjs: what opening the article costs in this browser, cold (first call in
// a fresh page, as when the app opens its first article) and warm (median of 15). `open` is
// the Markdown read, the editor made and the page laid out.
import { Editor } from '@tiptap/core';
import '../src/app.css';
import { rawBlockView, richBlockView } from '../src/editor/blocks/richBlockView';
import '../src/editor/editor.css';
import { lexBlocks } from '../src/editor/markdown/lexer';
import { markdownManager } from '../src/editor/markdown/manager';
import { markdownToDoc } from '../src/editor/markdown/markdown';
import { schemaExtensions } from '../src/editor/schema';
import { longArticle } from './article.mjs';

function ms(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function median(run: () => unknown): number {
  const times = Array.from({ length: 15 }, () => ms(run)).sort((a, b) => a - b);
  return times[7] ?? NaN;
}

const markdown = longArticle();
const manager = markdownManager();
const element = document.getElementById('editor') as HTMLElement;
const extensions = schemaExtensions({ richBlock: richBlockView, rawBlock: rawBlockView });

function open(): Editor {
  const editor = new Editor({ element, injectCSS: false, extensions, content: markdownToDoc(markdown, manager) });
  void element.offsetHeight;
  return editor;
}

const result = {
  coldParse: ms(() => markdownToDoc(markdown, manager)),
  coldOpen: ms(() => open().destroy()),
  parse: median(() => markdownToDoc(markdown, manager)),
  lexWhole: median(() => lexBlocks(markdown)),
  open: median(() => open().destroy()),
};
(window as unknown as { result: typeof result }).result = result;
