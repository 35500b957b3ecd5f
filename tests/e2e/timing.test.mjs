// A timing report of the real app (not a pass/fail on speed): start to an interactive list,
// opening an article, a keystroke to the updated preview of a 5,000-word article, search
// results, and memory (PSS summed over the app's processes: with the demo site open, and after
// editing the 5,000-word article with its preview). Written to E2E_OUT/timing.json.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { demoSite, launchApp, masthead } from './app.mjs';

const out = process.env.E2E_OUT ?? 'target/e2e';
const WORDS = 5000;

/** A 5,000-word article in the portable format. @param {string} dir */
function longArticle(dir) {
  const words = ['migrant', 'integration', 'policy', 'report', 'cities', 'education', 'labour', 'data'];
  const paragraphs = [];
  for (let i = 0; i < WORDS / 100; i++) {
    const p = Array.from({ length: 100 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ');
    paragraphs.push(i % 10 === 0 ? `## Part ${i / 10 + 1}\n\n${p}.` : `${p}.`);
  }
  const folder = join(dir, 'long', 'articles');
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'a-very-long-report.md'),
    `---\ntitle: A very long report on quokkas\nslug: a-very-long-report\nstatus: draft\nsection: news\n---\n\n${paragraphs.join('\n\n')}\n`,
  );
  return join(dir, 'long');
}

/** PSS in kB of `pid` and all its descendants. @param {number} pid */
function pssTree(pid) {
  const ps = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map();
  for (const line of ps.trim().split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number);
    children.set(pp, [...(children.get(pp) ?? []), p]);
  }
  let total = 0;
  const todo = [pid];
  while (todo.length) {
    const p = /** @type {number} */ (todo.pop());
    try {
      const m = readFileSync(`/proc/${p}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      total += m ? Number(m[1]) : 0;
    } catch {
      // gone
    }
    todo.push(...(children.get(p) ?? []));
  }
  return total;
}

/** @param {any} session @param {() => Promise<unknown>} cond */
async function timed(session, cond) {
  const t0 = performance.now();
  await session.waitFor(cond, { timeout: 30_000, interval: 5 });
  return Math.round(performance.now() - t0);
}

test('timing report', async () => {
  const { dir, site } = demoSite();
  masthead(['--site', site, 'import', longArticle(dir)]);
  const t0 = performance.now();
  const app = await launchApp({ site, config: join(dir, 'config') });
  try {
    const { session } = app;
    await session.waitFor(async () => (await session.findAll('[data-testid="article-item"]')).length > 30, { interval: 5, timeout: 30_000 });
    const start = Math.round(performance.now() - t0);
    const appPid = Number(execFileSync('pgrep', ['-n', '-f', process.env.MASTHEAD_APP ?? 'masthead-app'], { encoding: 'utf8' }).trim());
    // Memory with the demo site open, once the list has settled.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const pssOpen = Math.round(pssTree(appPid) / 1024);

    await session.type(await session.find('[data-testid="article-search"]'), 'quokkas');
    const searchMs = await timed(session, async () => (await session.findAll('[data-testid="search-result"]')).length > 0);
    const open = await session.find('[data-testid="search-result"] button');
    const t1 = performance.now();
    await session.click(open);
    await session.waitFor(
      async () => (await session.exec(() => document.querySelector('[data-testid="editor"]')?.textContent ?? '')).includes('Part 5'),
      { interval: 5, timeout: 30_000 },
    ).catch(async (e) => {
      await session.screenshot(join(out, 'timing-failed.png'));
      const t = await session.exec(() => document.querySelector('[data-testid="editor"]')?.textContent?.slice(0, 300) ?? 'no editor');
      throw new Error(`${e}: ${t}`);
    });
    const openMs = Math.round(performance.now() - t1);

    const editor = await session.find('[data-testid="editor"]');
    await session.exec(() => {
      const el = document.querySelector('[data-testid="editor"]');
      el?.focus();
    });
    const previewHas = (/** @type {string} */ s) => async () =>
      (await session.exec(
        (needle) => {
          const f = /** @type {HTMLIFrameElement | null} */ (document.querySelector('[data-testid="preview-frame"]'));
          return f?.contentDocument?.body?.textContent?.includes(needle) ?? false;
        },
        [s],
      ));
    await session.waitFor(previewHas('Part 5'), { timeout: 30_000 });
    const keystrokes = [];
    for (const marker of ['zqx', 'zqy', 'zqw']) {
      await session.type(editor, ` ${marker}`);
      const t = performance.now();
      await session.waitFor(previewHas(marker), { timeout: 30_000, interval: 5 });
      keystrokes.push(Math.round(performance.now() - t));
    }
    const report = {
      build: (process.env.MASTHEAD_APP ?? '').includes('/release/') ? 'release' : 'debug',
      start_to_list_ms: start,
      search_ms: searchMs,
      open_5000_words_ms: openMs,
      keystroke_to_preview_ms: keystrokes,
      pss_demo_site_open_mb: pssOpen,
      pss_after_editing_5000_words_mb: Math.round(pssTree(appPid) / 1024),
    };
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'timing.json'), JSON.stringify(report, null, 2));
    console.log(`timing: ${JSON.stringify(report)}`);
    assert.ok(report.pss_demo_site_open_mb > 0, 'the app was found');
  } finally {
    await app.stop();
  }
});
