/**
 * A stand-in for the Tauri v2 IPC bridge, injected into the built page with
 * `page.addInitScript(installTauriMock, spec)` before any app code runs.
 *
 * It reproduces the shape `mockIPC` from `@tauri-apps/api/mocks` writes to
 * `window.__TAURI_INTERNALS__` (invoke, transformCallback, unregisterCallback,
 * runCallback, callbacks, convertFileSrc, metadata), so the app's
 * `invoke` from `@tauri-apps/api/core` works unchanged. Because Playwright
 * serialises the function and its argument, responses are data, not callbacks.
 *
 * @typedef {{ result?: unknown, error?: unknown, delayMs?: number }} MockRoute
 *   `error` (any JSON value, e.g. `{ code, message }`) makes the call reject with it;
 *   otherwise it resolves with `result`.
 * @typedef {{ routes: Record<string, MockRoute>, dynamic?: string[] }} MockSpec
 *   `dynamic` commands are answered by Node-side handlers (see `openApp({ handlers })`),
 *   reached through the `__mastheadIpc` binding Playwright exposes: no eval in the page.
 */

/**
 * Runs inside the page. Must stay self-contained: no closures over module scope.
 * @param {MockSpec} spec
 */
export function installTauriMock(spec) {
  /** @type {any} */
  const w = window;
  /** @type {{ cmd: string, args: unknown }[]} */
  const calls = [];
  /** @type {{ directive: string, blocked: string }[]} */
  const cspViolations = [];
  /** @type {Map<number, (data: unknown) => void>} */
  const callbacks = new Map();
  let nextCallbackId = 1;

  document.addEventListener('securitypolicyviolation', (e) => {
    cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI });
  });

  /** @param {string} cmd @param {Record<string, unknown>} [args] */
  function invoke(cmd, args = {}) {
    calls.push({ cmd, args: JSON.parse(JSON.stringify(args ?? {})) });
    if (spec.dynamic?.includes(cmd)) {
      return w.__mastheadIpc(cmd, args).then(
        (/** @type {{ result?: unknown, error?: unknown }} */ answer) =>
          'error' in answer ? Promise.reject(answer.error) : answer.result,
      );
    }
    const route = spec.routes[cmd];
    if (!route && cmd.startsWith('plugin:event|')) {
      // Let `listen()` / `emit()` from @tauri-apps/api/event succeed as no-ops.
      return Promise.resolve(cmd === 'plugin:event|listen' ? args.handler : null);
    }
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        if (!route) {
          reject({ code: 'unknown_command', message: `IPC mock has no route for "${cmd}"` });
        } else if ('error' in route) {
          reject(structuredClone(route.error));
        } else {
          resolve(structuredClone(route.result));
        }
      }, route?.delayMs ?? 0);
    });
  }

  /** @param {(data: unknown) => void} callback @param {boolean} [once] */
  function transformCallback(callback, once = false) {
    const id = nextCallbackId++;
    callbacks.set(id, (data) => {
      if (once) callbacks.delete(id);
      return callback && callback(data);
    });
    return id;
  }

  w.__TAURI_INTERNALS__ = {
    invoke,
    transformCallback,
    unregisterCallback: (/** @type {number} */ id) => callbacks.delete(id),
    runCallback: (/** @type {number} */ id, /** @type {unknown} */ data) => callbacks.get(id)?.(data),
    callbacks,
    convertFileSrc: (/** @type {string} */ path, protocol = 'asset') =>
      `${protocol}://localhost/${encodeURIComponent(path)}`,
    metadata: {
      currentWindow: { label: 'main' },
      currentWebview: { windowLabel: 'main', label: 'main' },
    },
  };
  w.__TAURI_EVENT_PLUGIN_INTERNALS__ = {
    unregisterListener: (/** @type {string} */ _event, /** @type {number} */ id) =>
      callbacks.delete(id),
  };
  w.__MASTHEAD_TEST__ = { calls, cspViolations };
}
