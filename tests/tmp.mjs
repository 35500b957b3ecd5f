// Temporary folders for the Node tests (site, E2E, install), removed when the test process
// ends, passed or failed, so that runs do not pile up in /tmp (the update test's alone is
// 120 MB). MASTHEAD_KEEP_TMP=1 keeps them, to look into a failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @type {string[]} */
const made = [];

process.on('exit', () => {
  if (process.env.MASTHEAD_KEEP_TMP) return;
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // (A server that has not stopped yet may still write there: what is left is left.)
    }
  }
});

/**
 * A new folder in the system's temporary folder, removed when this process ends.
 * @param {string} prefix
 */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
