// The article list and search on 10,000 articles in WebKitGTK, the app's web engine:
// `WEBKIT_DISABLE_COMPOSITING_MODE=1 xvfb-run -a node bench/list.mjs [runs]`. The app is
// built as for Tauri and served with the IPC mocked in the page (tests/browser/tauri-mock.mjs),
// answering at once, so the figures are the UI's own work. Each run is a fresh MiniBrowser at
// the app's window size. Times in ms, to the end of the first frame that shows the result:
// - list: from the answer of `list_articles` (10,000 articles) to the list's first rows;
// - first search: from the input event to the results, replacing the list of 10,000;
// - rare / common: from the input event to the results that replace other results: 40 hits,
//   and 50 (the backend's limit: `search_articles` returns at most 50).
import { article, SITE, summary } from '../tests/browser/fixtures.mjs';
import { installTauriMock } from '../tests/browser/tauri-mock.mjs';
import { serveUi } from './serve.mjs';
import { withWebKit } from './webkit.mjs';

const RUNS = Number(process.argv[2] ?? 5);
const REPEAT = 5;
const COUNT = 10_000;

const articles = Array.from({ length: COUNT }, (_, i) =>
  summary(
    article({
      id: i + 1,
      title: `Report ${i} on policy and integration`,
      status: i % 5 ? 'published' : 'draft',
      date: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`,
      section: ['news', 'events', 'reports'][i % 3],
      summary: i % 2 ? 'Volunteers in three villages now test water quality every week.' : null,
    }),
  ),
);

/** The classic script put in front of the app's bundle: the IPC mock and its data. */
function mockScript() {
  const routes = {
    site_info: { result: { ...SITE, articles: COUNT } },
    list_articles: { result: articles },
    should_welcome: { result: false },
    guard_close: { result: null },
  };
  // `search_articles`: `rare…` finds 40 articles, anything else 50 (the backend's limit).
  // `list_articles` is answered here too, to note when its answer arrives.
  return (
    `const all = ${JSON.stringify(articles)};\n` +
    'window.__benchListed = 0;\n' +
    'window.__mastheadIpc = (cmd, args) => new Promise((ok) => setTimeout(() => {\n' +
    "  if (cmd === 'list_articles') { window.__benchListed = performance.now(); return ok({ result: all }); }\n" +
    "  const n = args.query.startsWith('rare') ? 40 : 50;\n" +
    '  ok({ result: Array.from({ length: n }, (_, i) => ({ id: i * 7 + 1, slug: `s${i}`, title: `${args.query} hit ${i}`,\n' +
    "    snippet: `…policy research [${args.query}] report network migrant integration equality…` })) });\n" +
    '}, 0));\n' +
    `(${installTauriMock})(${JSON.stringify({ routes, dynamic: ['search_articles', 'list_articles'] })});\n`
  );
}

const mock = mockScript();
const server = await serveUi(() => mock);

/**
 * Runs in the page: the time from the answer of `list_articles` to the end of the first
 * frame that shows a row, and the number of rows then in the DOM.
 * @param {(r: { ms: number, rows: number }) => void} done
 */
function timeList(done) {
  const frame = () => {
    const w = /** @type {any} */ (window);
    if (w.__benchListed && document.querySelector('[data-testid="article-item"]')) {
      setTimeout(() => done({ ms: performance.now() - w.__benchListed, rows: document.querySelectorAll('[data-testid="article-item"]').length }));
    } else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * Runs in the page: types `q` in the search box (one input event) and reports the time to
 * the end of the first frame that shows its results.
 * @param {string} q @param {(ms: number) => void} done
 */
function timeSearch(q, done) {
  const box = /** @type {HTMLInputElement} */ (document.querySelector('[data-testid="article-search"]'));
  const start = performance.now();
  box.value = q;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  const frame = () => {
    if (document.querySelector('[data-testid="search-result"]')?.textContent?.includes(`${q} hit 0`)) {
      setTimeout(() => done(performance.now() - start));
    } else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

const sleep = (/** @type {number} */ ms) => new Promise((ok) => setTimeout(ok, ms));

/** @param {Awaited<Parameters<Parameters<typeof withWebKit>[0]>[0]>} session */
async function oneRun(session) {
  await session.request('POST', `/session/${session.id}/window/rect`, { width: 1280, height: 800 });
  await session.goto(server.url);
  const list = /** @type {{ ms: number, rows: number }} */ (await session.execAsync(timeList));
  await sleep(1000);
  const first = /** @type {number} */ (await session.execAsync(timeSearch, ['first']));
  /** @type {{ rare: number[], common: number[] }} */
  const times = { rare: [], common: [] };
  for (let i = 0; i < REPEAT; i++) {
    for (const kind of /** @type {const} */ (['rare', 'common'])) {
      await sleep(100);
      times[kind].push(/** @type {number} */ (await session.execAsync(timeSearch, [`${kind}${i}`])));
    }
  }
  return { list: list.ms, rows: list.rows, first, rare: median(times.rare), common: median(times.common) };
}

const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const fmt = (/** @type {number[]} */ xs) => `${median(xs).toFixed(0)} (${xs.map((x) => x.toFixed(0)).join(' ')})`;

try {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await withWebKit(oneRun));
  console.log(`WebKit, ${COUNT} articles, ${RUNS} runs: median (all runs), ms`);
  console.log(`  list to first rows      ${fmt(runs.map((r) => r.list))}  rows in the DOM: ${runs[0]?.rows}`);
  console.log(`  first search (from list) ${fmt(runs.map((r) => r.first))}`);
  console.log(`  search, 40 hits          ${fmt(runs.map((r) => r.rare))}`);
  console.log(`  search, 50 hits          ${fmt(runs.map((r) => r.common))}`);
} finally {
  server.close();
}
