// A real host on 127.0.0.1 for the end-to-end tests, started by tests/hosts/hostctl.py (the
// same servers the Rust publish tests use). It stops when its stdin closes.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../tmp.mjs';

const HOSTCTL = fileURLToPath(new URL('../hosts/hostctl.py', import.meta.url));

/**
 * @param {string} kind e.g. `webdav-nginx`
 * @returns {Promise<{ info: Record<string, any>, stop: () => Promise<void> }>}
 */
export async function startHost(kind) {
  const dir = tempDir(`masthead-host-${kind}-`);
  const child = spawn('python3', [HOSTCTL, 'serve', kind, '--dir', dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const line = await new Promise((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`hostctl serve ${kind} exited with ${code} before starting`)));
  });
  const info = JSON.parse(/** @type {string} */ (line));
  return {
    info,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}
