// Desktop smoke test: the real app, in a real WebKit webview under Xvfb, shows the demo
// site's articles from the store.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { demoSite, launchApp, masthead, sessionBus, settle } from './app.mjs';

const out = process.env.E2E_OUT ?? 'target/e2e';

test('the app opens on the site and lists its articles', async () => {
  const { dir, site } = demoSite();
  const expected = JSON.parse(masthead(['--site', site, 'list', 'articles', '--json']));
  // No D-Bus session bus (as in CI): the app starts all the same, only without its
  // single-instance guard.
  const noBus = { DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-bus')}` };
  const { session, stop } = await launchApp({ site, config: join(dir, 'config'), env: noBus });
  try {
    await session.find('[data-testid="article-list"]');
    await session.find('[data-testid="article-item"]');
    // The list renders only the rows in view: scroll it from top to bottom and gather every row
    // seen (its id and textContent, not WebDriver's rendered text: WebKit leaves out text in
    // clamped cells).
    /** @type {Record<string, string>} */
    const seen = await session.execAsync((/** @type {(rows: Record<string, string>) => void} */ done) => {
      const scroller = /** @type {HTMLElement} */ (document.querySelector('main'));
      /** @type {Record<string, string>} */
      const rows = {};
      const gather = () => {
        for (const row of document.querySelectorAll('[data-testid="article-item"]')) {
          rows[row.getAttribute('data-article-id') ?? ''] = row.textContent ?? '';
        }
      };
      scroller.scrollTop = 0;
      const step = () => {
        gather();
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) {
          scroller.scrollTop = 0;
          done(rows);
        } else {
          scroller.scrollTop += scroller.clientHeight / 2;
          requestAnimationFrame(() => requestAnimationFrame(step));
        }
      };
      requestAnimationFrame(step);
    });
    assert.equal(Object.keys(seen).length, expected.length, 'every article has a row');
    const text = Object.values(seen).join('\n');
    for (const a of expected) assert.ok(text.includes(a.title), `missing ${a.title}`);
    const nav = await session.exec(() => document.querySelector('nav, aside')?.textContent ?? '');
    assert.ok(nav.includes('Migration Policy Group'), `sidebar shows the site title: ${nav}`);
    await settle(session);
    await session.screenshot(join(out, 'smoke-articles.png'));
  } finally {
    await stop();
  }
});

test('a missing site is reported in the window, not a crash', async () => {
  const { dir } = demoSite();
  const { session, stop } = await launchApp({ site: join(dir, 'does-not-exist'), config: join(dir, 'config') });
  try {
    const banner = await session.find('[data-testid="error-banner"]');
    const text = await session.waitFor(async () => {
      const t = await session.text(banner);
      return t.includes('No Masthead site') ? t : null;
    });
    assert.match(text, /masthead --site .* init/);
  } finally {
    await stop();
  }
});

test('a second start brings the open window forward instead of opening another', async () => {
  const { dir, site } = demoSite();
  const config = join(dir, 'config');
  // The guard (tauri-plugin-single-instance) uses the session bus on Linux.
  const bus = await sessionBus();
  const env = { DBUS_SESSION_BUS_ADDRESS: bus.address, NO_AT_BRIDGE: '1' };
  const { session, stop } = await launchApp({ site, config, env });
  try {
    await session.find('[data-testid="article-list"]');
    const second = spawnSync(process.env.MASTHEAD_APP ?? '', [], {
      env: { ...process.env, ...env, MASTHEAD_SITE: site, MASTHEAD_CONFIG_DIR: config },
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(second.status, 0, `the second start ends at once: ${second.stderr}`);
    assert.match(second.stderr, /already open/);
    assert.ok((await session.findAll('[data-testid="article-item"]')).length > 0, 'the first window carries on');
    // Another preferences folder counts as another user for the guard: that app opens (it is
    // still running after 3 s, where a handed-over start ends at once).
    const other = spawn(process.env.MASTHEAD_APP ?? '', [], {
      env: { ...process.env, ...env, MASTHEAD_SITE: site, MASTHEAD_CONFIG_DIR: join(dir, 'other') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let otherErr = '';
    other.stderr.on('data', (d) => (otherErr += d));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const running = other.exitCode === null;
    other.kill('SIGKILL');
    assert.ok(running, `an app with its own preferences opens: ${otherErr}`);
    assert.doesNotMatch(otherErr, /already open/);
  } finally {
    await stop();
    bus.stop();
  }
});
