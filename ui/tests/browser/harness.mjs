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
import { after, before } from 'node:test';
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
 * @property {Record<string, (args: any) => unknown>} [handlers]  Commands answered in Node
 *   (stateful fakes); a handler rejects a call by throwing `{ code, message }`.
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
    // The init scripts below are injected into every frame, the script-less preview too.
    const sandboxed = m.location().url === 'about:srcdoc' && /Blocked script execution/.test(m.text());
    if (m.type() === 'error' && !sandboxed) problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  if (options.now) await page.clock.setFixedTime(options.now);
  const handlers = options.handlers ?? {};
  await page.exposeFunction(
    '__mastheadIpc',
    async (/** @type {string} */ cmd, /** @type {unknown} */ args) => {
      try {
        return { result: (await handlers[cmd]?.(args)) ?? null };
      } catch (error) {
        return { error };
      }
    },
  );
  await page.addInitScript(installTauriMock, {
    routes: options.routes,
    dynamic: Object.keys(handlers),
  });
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
 * Puts the caret at the end of the editor and waits until ProseMirror has seen it (it reads
 * keyboard selection changes on the asynchronous selectionchange event).
 * @param {import('playwright-core').Page} page
 */
export async function caretToEnd(page) {
  await page.getByTestId('editor').click();
  await page.keyboard.press('Control+End');
  await page.waitForFunction(() => {
    const editor = document.querySelector('[data-testid="editor"]');
    const sel = window.getSelection();
    if (!editor || !sel?.isCollapsed || !sel.focusNode) return false;
    const range = document.createRange();
    range.selectNodeContents(editor);
    range.setStart(sel.focusNode, sel.focusOffset);
    return range.toString() === '';
  });
  await page.waitForTimeout(50);
}

const AXE_SOURCE = join(UI_DIR, 'node_modules', 'axe-core', 'axe.min.js');

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, so the page's CSP
 * stays strict) and returns the serious and critical violations.
 * @param {import('playwright-core').Page} page
 * @param {string} [within]  A CSS selector: only that part of the page (a dialog).
 */
export async function axeProblems(page, within) {
  await page.evaluate(await readFile(AXE_SOURCE, 'utf8'));
  return page.evaluate(async (selector) => {
    /** @type {any} */
    const w = window;
    const result = await w.axe.run(selector ?? document, { resultTypes: ['violations'] });
    return /** @type {{ id: string, impact: string, nodes: { target: string[] }[] }[]} */ (
      result.violations
    )
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, within);
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

/**
 * For a `describe` block: starts the static server and Chromium before its tests and stops
 * them after. Read `ctx.browser` and `ctx.server.url` inside the tests.
 */
export function useBrowser() {
  /** @type {{ browser: import('playwright-core').Browser, server: { url: string, close: () => Promise<void> } }} */
  const ctx = /** @type {any} */ ({});
  before(async () => {
    ctx.server = await startStaticServer();
    ctx.browser = await launchChromium();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}
