// Opening an article in Node: `npx vitest bench --run bench/open.bench.ts`. V8 lexes far faster
// than WebKit, the app's webview; `node bench/browsers.mjs` measures both.
import { bench, describe } from 'vitest';
import { lexBlocks } from '../src/editor/markdown/lexer';
import { markdownManager } from '../src/editor/markdown/manager';
import { markdownToDoc } from '../src/editor/markdown/markdown';
import { longArticle } from './article.mjs';

const markdown = longArticle();
const manager = markdownManager();

describe('open a 5,000-word article', () => {
  bench('markdownToDoc (what the editor loads)', () => {
    markdownToDoc(markdown, manager);
  });
  bench('lex the whole article', () => {
    lexBlocks(markdown);
  });
});
