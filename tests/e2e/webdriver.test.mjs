// Exercises every method of webdriver.mjs against chromedriver + Debian Chromium.
// Needs Debian's chromium and chromium-driver (scripts/install-deps.sh installs them).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { freePort } from './app.mjs';
import { newSession, waitFor, WebDriverError } from './webdriver.mjs';

const CHROMEDRIVER = process.env.CHROMEDRIVER ?? '/usr/bin/chromedriver';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
for (const bin of [CHROMEDRIVER, CHROMIUM]) {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run scripts/install-deps.sh`);
}

const PAGE = `<!doctype html><title>WebDriver selftest</title>
<input id="name" value="">
<button id="go">Greet</button>
<a id="link" href="https://example.invalid/x" data-kind="external">link</a>
<ul><li>one</li><li>two</li><li>three</li></ul>
<script>
  window.ticks = 0;
  setInterval(() => window.ticks++, 20);
  document.getElementById('go').addEventListener('click', () => setTimeout(() => {
    const p = document.createElement('p');
    p.id = 'done';
    p.textContent = 'Hello, ' + document.getElementById('name').value;
    document.body.append(p);
  }, 300));
</script>`;


/** @type {import('node:child_process').ChildProcess | undefined} */
let driver;
/** @type {Awaited<ReturnType<typeof newSession>>} */
let wd;
const shot = join(tmpdir(), `webdriver-selftest-${process.pid}.png`);

before(async () => {
  const port = await freePort();
  driver = spawn(CHROMEDRIVER, [`--port=${port}`], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await (await fetch(`${base}/status`)).json()).value.ready, { timeout: 15_000 });
  wd = await newSession(base, {
    browserName: 'chrome',
    'goog:chromeOptions': {
      binary: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync', '--window-size=800,600'],
    },
  }, { timeout: 5_000 });
  await wd.goto(`data:text/html;charset=utf-8,${encodeURIComponent(PAGE)}`);
});

after(async () => {
  await wd?.quit().catch(() => {});
  driver?.kill();
  await rm(shot, { force: true });
});

test('find, type, click and read text (find polls for late elements)', async () => {
  const input = await wd.find('#name');
  await wd.type(input, 'Masthead');
  assert.equal(await wd.exec('return arguments[0].value', [wd.ref(input)]), 'Masthead');
  await wd.click(await wd.find('#go'));
  const done = await wd.find('#done'); // appears 300 ms after the click
  assert.equal(await wd.text(done), 'Hello, Masthead');
});

test('findAll and attr', async () => {
  const items = await wd.findAll('li');
  assert.equal(items.length, 3);
  assert.deepEqual(await Promise.all(items.map((el) => wd.text(el))), ['one', 'two', 'three']);
  assert.deepEqual(await wd.findAll('.nothing-here'), []);
  const link = await wd.find('#link');
  assert.equal(await wd.attr(link, 'data-kind'), 'external');
  assert.equal(await wd.attr(link, 'missing'), null);
});

test('exec and execAsync, with strings and functions', async () => {
  assert.equal(await wd.exec('return document.title'), 'WebDriver selftest');
  assert.equal(await wd.exec((/** @type {number} */ a, /** @type {number} */ b) => a + b, [2, 3]), 5);
  const title = await wd.execAsync('const done = arguments[arguments.length - 1]; setTimeout(() => done(document.title), 50);');
  assert.equal(title, 'WebDriver selftest');
});

test('waitFor polls until truthy and reports timeouts', async () => {
  const ticks = await wd.waitFor(async () => {
    const n = await wd.exec('return window.ticks');
    return n >= 5 ? n : 0;
  });
  assert.ok(ticks >= 5);
  await assert.rejects(wd.waitFor(() => false, { timeout: 200 }), /timed out after 200 ms/);
});

test('errors carry the WebDriver error and message', async () => {
  const started = Date.now();
  await assert.rejects(wd.find('#never', { timeout: 300 }), (/** @type {any} */ e) => {
    assert.ok(e instanceof WebDriverError);
    assert.equal(e.error, 'no such element');
    assert.match(e.message, /find\("#never"\) gave up: POST \/session\/.+\/element -> no such element: .+/);
    return true;
  });
  assert.ok(Date.now() - started >= 300, 'find should have polled until its timeout');
  await assert.rejects(wd.find('a[', { timeout: 5_000 }), /invalid selector/);
  await assert.rejects(wd.exec('throw new Error("boom from page")'), (/** @type {any} */ e) => {
    assert.equal(e.error, 'javascript error');
    assert.match(e.message, /boom from page/);
    return true;
  });
});

test('screenshot writes a PNG', async () => {
  assert.equal(await wd.screenshot(shot), shot);
  const png = await readFile(shot);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.length > 1000);
});

test('quit ends the session and is idempotent', async () => {
  await wd.quit();
  await wd.quit();
  await assert.rejects(wd.exec('return 1'), (/** @type {any} */ e) => e.error === 'invalid session id');
});
