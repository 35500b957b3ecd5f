// The real app killed with SIGKILL at random moments while it autosaves: every save the app
// said was done is in the SQLite file after the kill, the text is never torn (it is the text
// of one autosave, word for word), `PRAGMA integrity_check` is ok, and the next start goes on.
// `E2E_CRASH_CYCLES` sets how many autosave cycles (make test: 24; the long form: 200 or more).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { demoSite, launchApp, masthead, saveState } from './app.mjs';

const CYCLES = Number(process.env.E2E_CRASH_CYCLES ?? 24);
const TITLE = 'Crash diary';

/** @param {string} site */
function storedBody(site) {
  const all = JSON.parse(masthead(['--site', site, 'list', 'articles', '--json']));
  return all.find((/** @type {any} */ a) => a.title === TITLE)?.body ?? null;
}

/** @param {string} site */
function integrity(site) {
  return execFileSync('python3', ['-c', 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])', join(site, 'site.db')], { encoding: 'utf8' }).trim();
}

test(`the app killed while autosaving keeps every confirmed save (${CYCLES} cycles)`, { timeout: 600_000 + CYCLES * 20_000 }, async () => {
  const { dir, site } = demoSite();
  const config = join(dir, 'config');
  const seed = join(dir, 'in', 'articles');
  mkdirSync(seed, { recursive: true });
  writeFileSync(join(seed, 'crash-diary.md'), `---\ntitle: ${TITLE}\ndate: 2030-01-01T10:00:00Z\n---\nc0.\n`);
  masthead(['--site', site, 'import', join(dir, 'in')]);
  let cycle = 0;
  let confirmed = 0;
  let launches = 0;
  let unsaved = 0;
  // The stored text when the app starts, and the words typed since.
  let base = 'c0.';
  while (cycle < CYCLES) {
    const app = await launchApp({ site, config });
    launches += 1;
    const { session } = app;
    /** @type {string[]} */
    const typed = [];
    let confirmedHere = 0;
    try {
      await session.waitFor(() =>
        session.exec((title) => {
          const open = [...document.querySelectorAll('[data-testid="article-open"]')].find((b) => b.textContent?.includes(title));
          /** @type {HTMLElement | undefined} */ (open)?.click();
          return Boolean(open);
        }, [TITLE]),
      );
      const editor = await session.find('[data-testid="editor"]');
      // What the editor shows is what was stored: the last save before the kill.
      const shown = await session.waitFor(() => session.exec((e) => /** @type {HTMLElement} */ (e).innerText.trim() || null, [session.ref(editor)]));
      assert.equal(shown.replace(/\s+/g, ' '), base, 'after a restart the editor shows the stored text');
      await session.click(editor);
      const end = cycle + 4 + Math.floor(Math.random() * 8);
      while (cycle < Math.min(end, CYCLES)) {
        cycle += 1;
        await session.exec(() => {
          const sel = window.getSelection();
          const ed = document.querySelector('[data-testid="editor"] [contenteditable]') ?? document.querySelector('[data-testid="editor"]');
          if (sel && ed) {
            sel.selectAllChildren(ed);
            sel.collapseToEnd();
          }
        });
        await session.type(editor, ` c${cycle}.`);
        typed.push(`c${cycle}.`);
        if (cycle < end) {
          await saveState(session, 'saved');
          if (storedBody(site).includes(` c${cycle}.`)) {
            confirmed = cycle;
            confirmedHere = typed.length;
          }
        }
      }
      // The last words typed, then the kill at a random moment: before, during or after the save.
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 2500)));
    } finally {
      app.crash();
    }
    assert.equal(integrity(site), 'ok', `after kill ${launches}`);
    const body = storedBody(site).trim();
    // The file holds the text of one autosave: what was there, plus the first k words typed,
    // with k at least the words whose save the app confirmed.
    const k = typed.findIndex((_, i) => body === [base, ...typed.slice(0, i + 1)].join(' '));
    const kept = body === base ? 0 : k + 1;
    assert.ok(body === base || k >= 0, `kill ${launches}: the file holds a text no autosave made: …${body.slice(-80)}`);
    assert.ok(kept >= confirmedHere, `kill ${launches}: ${confirmedHere} words were confirmed saved, the file has ${kept}`);
    unsaved += typed.length - kept;
    base = body;
  }
  console.log(
    `crash: ${CYCLES} autosave cycles, ${launches} kills, every confirmed save kept (last: c${confirmed}.), ` +
      `${unsaved} words typed in the last moments before a kill and not yet saved`,
  );
});
