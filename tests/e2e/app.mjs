// Starts the real desktop app under WebKitWebDriver for end-to-end tests.
// Needs: a display (run under `xvfb-run -a`), WebKitWebDriver (Debian webkit2gtk-driver),
// MASTHEAD_APP (the built app binary) and MASTHEAD_BIN (the `masthead` CLI).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { newSession, waitFor } from './webdriver.mjs';
import { tempDir } from '../tmp.mjs';

/** @returns {Promise<number>} a free TCP port on 127.0.0.1 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** @param {string} name */
function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run the end-to-end tests with \`make test\``);
  return value;
}

/** Runs the `masthead` CLI and returns its stdout. @param {string[]} args */
export function masthead(args, env = {}) {
  return execFileSync(required('MASTHEAD_BIN'), args, { env: { ...process.env, ...env }, encoding: 'utf8' });
}

/** A fresh demo site in a temporary folder. */
export function demoSite() {
  const dir = tempDir('masthead-e2e-');
  const site = join(dir, 'site');
  masthead(['--site', site, 'init', '--demo']);
  return { dir, site };
}

/**
 * Starts the app on `site` and returns a WebDriver session plus `stop()`. The first-run
 * welcome is marked as seen unless `welcome` is set (a fresh config shows it); `env` adds to
 * the app's environment.
 * @param {{ site: string, config: string, welcome?: boolean, env?: Record<string, string> }} opts
 */
export async function launchApp({ site, config, welcome = false, env = {} }) {
  if (!welcome && !existsSync(join(config, 'prefs.json'))) {
    mkdirSync(config, { recursive: true });
    writeFileSync(join(config, 'prefs.json'), JSON.stringify({ welcomed: true }));
  }
  const app = required('MASTHEAD_APP');
  const port = await freePort();
  // Its own process group, so that stopping it also stops the app it launched.
  const driver = spawn('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, ...env, TAURI_WEBVIEW_AUTOMATION: 'true', MASTHEAD_SITE: site, MASTHEAD_CONFIG_DIR: config },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const kill = () => {
    try {
      process.kill(-driver.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    driver.stderr.destroy();
    driver.unref();
  };
  let log = '';
  driver.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${base}/status`)).ok, { timeout: 15_000 });
  try {
    const session = await newSession(base, { 'webkitgtk:browserOptions': { binary: app, args: [] } }, { timeout: 15_000 });
    return {
      session,
      async stop() {
        await session.quit().catch(() => {});
        kill();
      },
      /** SIGKILL to the driver and the app, with no chance to save: a power cut, a crash. */
      crash: kill,
    };
  } catch (e) {
    kill();
    throw new Error(`the app did not start under WebDriver: ${e instanceof Error ? e.message : e}\n${log}`);
  }
}

/**
 * A private D-Bus session bus (Debian's dbus-daemon), as a desktop session has; the app's
 * single-instance guard uses it on Linux. Returns its address and `stop()`. (Give the apps on
 * it `NO_AT_BRIDGE=1`, or GTK starts the accessibility bus on it.)
 */
export async function sessionBus() {
  const daemon = spawn('dbus-daemon', ['--session', '--nofork', '--nopidfile', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  daemon.stdout.on('data', (d) => (out += d));
  const address = await waitFor(() => (out.includes('\n') ? out.trim() : null), { timeout: 10_000 });
  return {
    address,
    stop() {
      daemon.kill('SIGKILL');
      daemon.stdout.destroy();
    },
  };
}

/** Waits two animation frames so a screenshot shows the latest DOM. @param {any} session */
export const settle = (session) =>
  session.execAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));

/** Waits until the editor's save status is `state` (`saving`, `saved` …). @param {any} session @param {string} state */
export const saveState = (session, state) =>
  session.waitFor(
    async () => (await session.exec(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-state'))) === state,
    { timeout: 15_000 },
  );
