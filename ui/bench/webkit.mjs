// WebKitGTK for the benches: MiniBrowser (the app's web engine) under WebKitWebDriver.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { newSession, waitFor } from '../../tests/e2e/webdriver.mjs';

const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** @returns {Promise<number>} a free port on 127.0.0.1 */
function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Runs `use` with a fresh MiniBrowser (a new web process, as a freshly started app has),
 * then quits it and its driver.
 * @template T
 * @param {(session: Awaited<ReturnType<typeof newSession>>) => Promise<T>} use
 * @returns {Promise<T>}
 */
export async function withWebKit(use) {
  const port = await freePort();
  const driver = spawn('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], { stdio: 'ignore', detached: true });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${base}/status`)).ok, { timeout: 15_000 });
    const session = await newSession(base, { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } });
    try {
      return await use(session);
    } finally {
      await session.quit();
    }
  } finally {
    if (driver.pid) process.kill(-driver.pid, 'SIGKILL');
  }
}
