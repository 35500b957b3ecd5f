// Opening a 5,000-word article in WebKitGTK (the app's webview, through MiniBrowser under
// WebKitWebDriver) and in Chromium: `xvfb-run -a node bench/browsers.mjs [runs]`.
// Each run is a fresh page; prints the median over runs of each figure, in ms.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium } from '../tests/browser/harness.mjs';
import { withWebKit } from './webkit.mjs';

const RUNS = Number(process.argv[2] ?? 5);
const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

const out = mkdtempSync(join(tmpdir(), 'masthead-bench-'));
await build({
  root: fileURLToPath(new URL('..', import.meta.url)),
  base: './',
  configFile: false,
  logLevel: 'warn',
  build: { outDir: out, emptyOutDir: true, target: 'safari13', chunkSizeWarningLimit: 5000, rollupOptions: { input: 'bench/page.html' } },
});
const server = createServer((req, res) => {
  try {
    const file = join(out, new URL(req.url ?? '/', 'http://x').pathname);
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': MIME[/** @type {keyof MIME} */ (extname(file))] ?? 'text/plain' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/bench/page.html`;

/** @param {string} name @param {Record<string, number>[]} results */
function report(name, results) {
  const median = (/** @type {string} */ key) => results.map((r) => r[key] ?? NaN).sort((a, b) => a - b)[results.length >> 1];
  const keys = ['coldParse', 'coldOpen', 'parse', 'lexWhole', 'open'];
  console.log(`${name.padEnd(9)} ${keys.map((k) => `${k} ${median(k)?.toFixed(1)}`).join('  ')}`);
}

async function webkit() {
  const results = await withWebKit(async (session) => {
    const results = [];
    for (let i = 0; i < RUNS; i++) {
      await session.goto(url);
      results.push(await session.waitFor(() => session.exec(() => /** @type {any} */ (window).result), { timeout: 60_000 }));
    }
    return results;
  });
  report('WebKit', results);
}

async function chromium() {
  const browser = await launchChromium();
  const results = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage();
      await page.goto(url);
      results.push(await (await page.waitForFunction(() => /** @type {any} */ (window).result, null, { timeout: 60_000 })).jsonValue());
      await page.close();
    }
  } finally {
    await browser.close();
  }
  report('Chromium', results);
}

try {
  await webkit();
  await chromium();
} finally {
  server.close();
  rmSync(out, { recursive: true, force: true });
}
