// Opening an article on the real editor screen in WebKitGTK, the app's web engine:
// `xvfb-run -a node bench/screen.mjs [runs] [long|short]`. The app is built as for Tauri and
// served with the IPC mocked in the page (tests/browser/tauri-mock.mjs); each run is a fresh
// MiniBrowser at the app's window size that opens the article once (cold, as the first open
// after the app starts) and then three more times (warm). Times are from the click on the
// article in the list to the frame that shows its text, in the editor and in the preview, in ms.
import { readFileSync } from 'node:fs';
import { article, SITE, summary } from '../tests/browser/fixtures.mjs';
import { installTauriMock } from '../tests/browser/tauri-mock.mjs';
import { longArticle } from './article.mjs';
import { serveUi } from './serve.mjs';
import { withWebKit } from './webkit.mjs';

const RUNS = Number(process.argv[2] ?? 5);
const WHICH = process.argv[3] === 'short' ? 'short' : 'long';
const WARM = 3;
const THEME_CSS = readFileSync(new URL('../../themes/default/assets/site.css', import.meta.url));

const long = article({ id: 1, title: 'A very long report on quokkas', body: longArticle(), tags: ['reports'] });
const short = article({ id: 2, title: 'Four words only', body: 'Volunteers cleared the river.\n' });
const others = Array.from({ length: 40 }, (_, i) =>
  article({ id: 10 + i, title: `News item ${i + 1}`, status: i % 3 ? 'published' : 'draft', date: '2025-05-20', summary: 'A line.' }),
);
const opened = WHICH === 'long' ? { doc: long, marker: 'Part 5' } : { doc: short, marker: 'cleared the river' };

/**
 * The theme's page for `a`, roughly as the renderer makes it (its CSS from another origin).
 * @param {{ title: string, body: string }} a @param {string} origin
 */
function previewHtml(a, origin) {
  const blocks = a.body.trim().split(/\n\n+/).map((b) => (b.startsWith('## ') ? `<h2>${b.slice(3)}</h2>` : `<p>${b}</p>`));
  return (
    `<!DOCTYPE html><html lang="en"><head><base href="${origin}/"><meta charset="utf-8"><title>${a.title}</title>` +
    '<link rel="stylesheet" href="/assets/site.css"></head><body><header class="site-header"><a href="/">Riverbank Alliance</a></header>' +
    `<main><article class="article"><h1>${a.title}</h1>${blocks.join('')}</article></main><footer>Riverbank Alliance</footer></body></html>`
  );
}

/** The classic script put in front of the app's bundle: the IPC mock and its data. @param {string} origin */
function mockScript(origin) {
  const docs = Object.fromEntries([long, short, ...others].map((a) => [a.id, a]));
  const targets = [
    ...[long, short, ...others].map((a) => ({ ref: `article:${a.slug}`, title: a.title, kind: 'article' })),
    ...Array.from({ length: 30 }, (_, i) => ({ ref: `media:photo-${i}.jpg`, title: `Photo ${i}`, kind: 'media' })),
  ];
  const routes = {
    site_info: { result: SITE },
    list_articles: { result: [long, short, ...others].map(summary) },
    list_link_targets: { result: targets },
    render_preview: { result: previewHtml(opened.doc, origin) },
    should_welcome: { result: false },
    guard_close: { result: null },
  };
  // The mock's "dynamic" commands go to `__mastheadIpc`, answered here in the page.
  return (
    `const docs = ${JSON.stringify(docs)};\n` +
    'window.__mastheadIpc = (cmd, args) => new Promise((ok) => setTimeout(() => ok({ result: docs[args.id] }), 0));\n' +
    `(${installTauriMock})(${JSON.stringify({ routes, dynamic: ['get_article'] })});\n`
  );
}

const server = await serveUi(mockScript, (path) => (path === '/assets/site.css' ? ['.css', THEME_CSS] : null));

/**
 * Runs in the page: clicks the article titled `title` and reports, per place (editor, preview),
 * the time to the end of the first frame whose DOM holds `marker`.
 * @param {string} title @param {string} marker @param {(times: Record<string, number>) => void} done
 */
function openAndTime(title, marker, done) {
  const item = [...document.querySelectorAll('[data-testid="article-item"]')].find((li) => li.textContent?.includes(title));
  /** @type {Record<string, number>} */
  const times = {};
  const places = {
    editor: () => document.querySelector('[data-testid="editor"]'),
    preview: () => /** @type {HTMLIFrameElement | null} */ (document.querySelector('[data-testid="preview-frame"]'))?.contentDocument?.body,
  };
  const start = performance.now();
  /** @type {HTMLElement | null | undefined} */ (item?.querySelector('[data-testid="article-open"]'))?.click();
  const frame = () => {
    for (const [name, find] of Object.entries(places)) {
      if (!(name in times) && find()?.textContent?.includes(marker)) {
        times[name] = NaN;
        // Runs after this frame's rendering update.
        setTimeout(() => (times[name] = performance.now() - start));
      }
    }
    if (Object.keys(places).every((name) => times[name] > 0)) done(times);
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

const sleep = (/** @type {number} */ ms) => new Promise((ok) => setTimeout(ok, ms));

/** @param {Awaited<Parameters<Parameters<typeof withWebKit>[0]>[0]>} session */
async function oneRun(session) {
  await session.request('POST', `/session/${session.id}/window/rect`, { width: 1280, height: 800 });
  await session.goto(server.url);
  // The list renders only the rows in view: wait for the article's row (undated, so on top).
  const listed = () =>
    session.exec(
      (/** @type {string} */ title) =>
        [...document.querySelectorAll('[data-testid="article-item"]')].some((li) => li.textContent?.includes(title)),
      [opened.doc.title],
    );
  await session.waitFor(listed, { timeout: 30_000 });
  await sleep(1000);
  const open = () => session.execAsync(openAndTime, [opened.doc.title, opened.marker]);
  const cold = await open();
  const warm = [];
  for (let i = 0; i < WARM; i++) {
    await session.click(await session.find('[data-testid="editor-back"]'));
    await session.waitFor(listed);
    await sleep(300);
    warm.push(await open());
  }
  return { cold, warm };
}

const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const fmt = (/** @type {number[]} */ xs) => `${median(xs).toFixed(0)} (${xs.map((x) => x.toFixed(0)).join(' ')})`;

try {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await withWebKit(oneRun));
  console.log(`WebKit, ${WHICH} article, ${RUNS} runs: median (all runs), ms`);
  for (const place of ['editor', 'preview']) {
    console.log(`  ${place.padEnd(8)} cold ${fmt(runs.map((r) => r.cold[place]))}`);
    console.log(`  ${place.padEnd(8)} warm ${fmt(runs.map((r) => median(r.warm.map((w) => w[place]))))}`);
  }
} finally {
  server.close();
}
