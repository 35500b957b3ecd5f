// Minimal W3C WebDriver client: no dependencies, Node >= 20 (global fetch keeps
// connections alive). For WebKitWebDriver, tauri-driver, chromedriver, geckodriver.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** W3C key under which an element reference travels. */
export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** Makes the page paint a frame without changing a pixel: an invisible 1-px box, gone two frames later. */
const REPAINT = `const box = document.createElement('div');
box.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;pointer-events:none';
document.documentElement.append(box);
requestAnimationFrame(() => requestAnimationFrame(() => box.remove()));`;

export class WebDriverError extends Error {
  /**
   * @param {string} command e.g. "POST /session/…/element"
   * @param {number} status HTTP status, 0 when the request itself failed
   * @param {string} error W3C error code, e.g. "no such element"
   * @param {string} message the driver's own message
   */
  constructor(command, status, error, message) {
    super(`${command} -> ${error}: ${message}`);
    this.name = 'WebDriverError';
    this.command = command;
    this.status = status;
    this.error = error;
    this.driverMessage = message;
  }
}

/** @typedef {{ timeout?: number, interval?: number }} WaitOptions  ms; defaults 10000 / 100 */

/**
 * Polls `fn` until it returns something truthy and returns that. A throw counts
 * as "not yet"; the last one is quoted if time runs out.
 * @template T
 * @param {() => T | Promise<T>} fn
 * @param {WaitOptions} [options]
 * @returns {Promise<NonNullable<T>>}
 */
export async function waitFor(fn, { timeout = 10_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  /** @type {unknown} */
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return /** @type {NonNullable<T>} */ (value);
    } catch (e) {
      last = e;
    }
    if (Date.now() >= deadline) {
      const why = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`waitFor timed out after ${timeout} ms${why}`, { cause: last });
    }
    await sleep(interval);
  }
}

/**
 * Starts a session. Plain capabilities are sent as `alwaysMatch`; an object that
 * already has `alwaysMatch` or `firstMatch` is sent as is.
 * @param {string} baseUrl e.g. "http://127.0.0.1:4444"
 * @param {Record<string, unknown>} [capabilities]
 * @param {{ timeout?: number, requestTimeout?: number }} [options]
 *   timeout: default for find/waitFor (10 s); requestTimeout: per HTTP call (60 s)
 */
export async function newSession(baseUrl, capabilities = {}, options = {}) {
  const root = baseUrl.replace(/\/+$/, '');
  const { timeout = 10_000, requestTimeout = 60_000 } = options;

  /** @param {'GET' | 'POST' | 'DELETE'} method @param {string} path @param {unknown} [body] */
  async function request(method, path, body) {
    const command = `${method} ${path}`;
    let res, text;
    try {
      res = await fetch(root + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(requestTimeout),
      });
      text = await res.text();
    } catch (e) {
      const err = /** @type {Error} */ (e);
      throw new WebDriverError(command, 0, 'request failed', `${err.message}${err.cause ? ` (${err.cause})` : ''}`);
    }
    let value;
    try {
      value = JSON.parse(text).value;
    } catch {
      throw new WebDriverError(command, res.status, `HTTP ${res.status}`, text.slice(0, 500));
    }
    if (!res.ok || typeof value?.error === 'string') {
      throw new WebDriverError(command, res.status, value?.error ?? `HTTP ${res.status}`, value?.message ?? text.slice(0, 500));
    }
    return value;
  }

  const wrapped = 'alwaysMatch' in capabilities || 'firstMatch' in capabilities;
  const created = await request('POST', '/session', { capabilities: wrapped ? capabilities : { alwaysMatch: capabilities } });
  const s = `/session/${created.sessionId}`;
  /** @param {{ [ELEMENT_KEY]: string }} v */
  const elementId = (v) => v[ELEMENT_KEY];
  /** @param {string | Function} script a function body using `arguments`, or a function */
  const source = (script) => (typeof script === 'function' ? `return (${script}).apply(null, arguments);` : script);
  const by = (/** @type {string} */ css) => ({ using: 'css selector', value: css });
  let closed = false;

  return {
    id: /** @type {string} */ (created.sessionId),
    /** @type {Record<string, unknown>} */
    capabilities: created.capabilities,
    request,
    /** Element id -> reference to pass in exec args. @param {string} el */
    ref: (el) => ({ [ELEMENT_KEY]: el }),
    /** @param {string} url */
    goto: (url) => request('POST', `${s}/url`, { url }),
    /** First element matching `css`, polling while there is none. @param {string} css @param {WaitOptions} [opts] @returns {Promise<string>} */
    async find(css, opts = {}) {
      const deadline = Date.now() + (opts.timeout ?? timeout);
      for (;;) {
        try {
          return elementId(await request('POST', `${s}/element`, by(css)));
        } catch (e) {
          const missing = e instanceof WebDriverError && e.error === 'no such element';
          if (!missing) throw e;
          if (Date.now() >= deadline) throw Object.assign(e, { message: `find(${JSON.stringify(css)}) gave up: ${e.message}` });
        }
        await sleep(opts.interval ?? 100);
      }
    },
    /** All elements matching `css` now, maybe none. @param {string} css @returns {Promise<string[]>} */
    findAll: async (css) => (await request('POST', `${s}/elements`, by(css))).map(elementId),
    /** @param {string} el */
    click: (el) => request('POST', `${s}/element/${el}/click`, {}),
    /** @param {string} el @param {string} text */
    type: (el, text) => request('POST', `${s}/element/${el}/value`, { text }),
    /** Rendered text. @param {string} el @returns {Promise<string>} */
    text: (el) => request('GET', `${s}/element/${el}/text`),
    /** @param {string} el @param {string} name @returns {Promise<string | null>} */
    attr: (el, name) => request('GET', `${s}/element/${el}/attribute/${encodeURIComponent(name)}`),
    /** Runs `script` in the page, returns its result. @param {string | Function} script @param {unknown[]} [args] */
    exec: (script, args = []) => request('POST', `${s}/execute/sync`, { script: source(script), args }),
    /** As exec; the script ends by calling `arguments[arguments.length - 1](result)`. @param {string | Function} script @param {unknown[]} [args] */
    execAsync: (script, args = []) => request('POST', `${s}/execute/async`, { script: source(script), args }),
    /** @template T @param {() => T | Promise<T>} fn @param {WaitOptions} [opts] */
    waitFor: (fn, opts = {}) => waitFor(fn, { timeout, ...opts }),
    /**
     * Saves a PNG of the viewport; returns `path`. WebKitGTK without compositing
     * (WEBKIT_DISABLE_COMPOSITING_MODE=1) answers only once the page has painted a new frame,
     * which a page where nothing changes never does: while the answer is pending, the page is
     * asked every 250 ms for a paint that changes no pixel.
     * @param {string} path
     */
    async screenshot(path) {
      let pending = true;
      const nudge = async () => {
        while (pending) {
          await sleep(250);
          if (pending) await request('POST', `${s}/execute/sync`, { script: REPAINT, args: [] }).catch(() => {});
        }
      };
      void nudge();
      let png;
      try {
        png = await request('GET', `${s}/screenshot`);
      } finally {
        pending = false;
      }
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, Buffer.from(png, 'base64'));
      return path;
    },
    /** Ends the session; a second call does nothing. */
    async quit() {
      if (closed) return;
      closed = true;
      await request('DELETE', s);
    },
  };
}
