/**
 * Shared helpers for the browser tests: a static server for `dist/`, a Chromium
 * launcher (Debian's /usr/bin/chromium through playwright-core) and a page
 * factory that injects the Tauri IPC mock.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { installTauriMock } from './tauri-mock.mjs';

/** @typedef {import('./tauri-mock.mjs').MockRoute} MockRoute */

export const UI_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const DIST_DIR = join(UI_DIR, 'dist');
export const RESULTS_DIR = join(UI_DIR, 'test-results');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/**
 * As strict as the desktop app should be: nothing inline, nothing remote, no eval.
 * The ipc:/asset: entries mirror what Tauri v2 needs in its own CSP.
 */
export const TEST_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: asset: http://asset.localhost",
  "connect-src 'self' ipc: http://ipc.localhost",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

/** @type {Record<string, string>} */
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves `root` on 127.0.0.1 at a free port, with the test CSP on every response.
 * @param {string} [root]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStaticServer(root = DIST_DIR) {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html not found: run \`npm run build\` first`);
  }
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) throw new Error('outside root');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': TEST_CSP,
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((ok) => server.close(() => ok(undefined))),
  };
}

/** @returns {Promise<import('playwright-core').Browser>} */
export function launchChromium() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    timeout: 60_000,
  });
}

/**
 * @typedef {object} AppPageOptions
 * @property {Record<string, MockRoute>} routes  IPC responses by command name.
 * @property {Date} [now]  Freezes `Date.now()` / `new Date()` in the page.
 * @property {'light' | 'dark'} [colorScheme]
 * @property {string} [locale]
 */

/**
 * Opens the built app in a fresh 1280×800 context with the IPC mock installed.
 * `problems` collects page errors, console errors and CSP violations.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {AppPageOptions} options
 */
export async function openApp(browser, url, options) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: options.locale ?? 'en-GB',
    timezoneId: 'UTC',
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  /** @type {string[]} */
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  if (options.now) await page.clock.setFixedTime(options.now);
  await page.addInitScript(installTauriMock, { routes: options.routes });
  await page.goto(url);
  return {
    page,
    problems,
    /** IPC calls and CSP violations recorded in the page so far. */
    recorded: () =>
      page.evaluate(() => {
        /** @type {any} */
        const w = window;
        return /** @type {{ calls: { cmd: string, args: unknown }[], cspViolations: unknown[] }} */ (
          w.__MASTHEAD_TEST__
        );
      }),
    close: () => context.close(),
  };
}

/**
 * Saves a full-window PNG into ui/test-results/.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
export async function screenshot(page, name) {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, name);
  await page.screenshot({ path });
  return path;
}
