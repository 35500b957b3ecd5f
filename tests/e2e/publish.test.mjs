// Running the website from the app alone, against a real WebDAV server (nginx + dav-ext on
// 127.0.0.1): upload an image and a PDF through the file input, move a slide down, point a
// slide's call to action at the PDF, add the host, publish, and check with an HTTP client that
// the host serves the new home page in the new order and the PDF. Then edit one article in
// the editor, publish again, and check in the server's own log that only the files that
// edit affects were sent.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { demoSite, launchApp, masthead, settle } from './app.mjs';
import { startHost } from './host.mjs';

const out = process.env.E2E_OUT ?? 'target/e2e';
const repo = fileURLToPath(new URL('../../', import.meta.url));

/** @param {any} session @param {string} testid */
const byTestId = (session, testid) => session.find(`[data-testid="${testid}"]`, { timeout: 20_000 });

/** Selects an input's text and types over it. @param {any} session @param {string} el @param {string} text */
async function retype(session, el, text) {
  await session.exec((e) => /** @type {HTMLInputElement} */ (e).select(), [session.ref(el)]);
  await session.type(el, text);
}

/** Texts of all elements matching `css`. @param {any} session @param {string} css @returns {Promise<string[]>} */
const texts = (session, css) =>
  session.exec((sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent?.trim() ?? ''), [css]);

/** Site paths sent with PUT so far (the host's record under .masthead/ left out). @param {string} log */
function puts(log) {
  return readFileSync(log, 'utf8')
    .split('\n')
    .map((line) => /"PUT (\S+) HTTP/.exec(line)?.[1])
    .filter((p) => p !== undefined && !p.startsWith('/.masthead/'));
}

/** Clicks Publish, confirms the plan and waits for the result. @param {any} session */
async function publish(session) {
  await session.click(await byTestId(session, 'publish-button'));
  await byTestId(session, 'publish-checks');
  await session.click(await byTestId(session, 'publish-confirm'));
  const result = await session.waitFor(
    async () => {
      const [el] = await session.findAll('[data-testid="publish-result"]');
      return el && (await session.attr(el, 'data-state')) ? el : null;
    },
    { timeout: 60_000 },
  );
  const state = await session.attr(result, 'data-state');
  const text = await session.text(result);
  assert.equal(state, 'done', text);
  return text;
}

test('slides, media and one-click publish to a real WebDAV host', async () => {
  const host = await startHost('webdav-nginx');
  const { dir, site } = demoSite();
  const config = join(dir, 'config');
  const jpg = join(dir, 'river-survey.jpg');
  const pdf = join(dir, 'annual-accounts-2026.pdf');
  // New files (the library knows files it already has by their content).
  execFileSync('convert', ['-size', '1600x900', 'gradient:#1b6ca8-#f4a259', jpg]);
  execFileSync('qpdf', ['--linearize', join(repo, 'content/media/sirius-final-conference-report.pdf'), pdf]);
  // The desktop's "open this address" command, as the app finds it on PATH: it notes what it was given.
  const bin = join(dir, 'bin');
  const opened = join(dir, 'opened.txt');
  mkdirSync(bin);
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, { mode: 0o755 });
  process.env.PATH = `${bin}:${process.env.PATH}`;
  const app = await launchApp({ site, config });
  try {
    const { session } = app;

    // Media: two files at once through the file input (once the window has loaded, as a person would).
    await byTestId(session, 'article-item');
    await session.click(await byTestId(session, 'nav-media'));
    await session.type(await byTestId(session, 'media-upload'), `${jpg}\n${pdf}`);
    await session.find('[data-testid="media-item"][data-name="annual-accounts-2026.pdf"]', { timeout: 30_000 });
    await session.find('[data-testid="media-item"][data-name="river-survey.jpg"]');
    await settle(session);
    await session.screenshot(join(out, 'media.png'));

    // Slides: the first one moves down a place.
    await session.click(await byTestId(session, 'nav-slides'));
    await byTestId(session, 'slide-item');
    const before = await texts(session, '[data-testid="slide-item-headline"]');
    assert.ok(before.length >= 3, `the demo has slides: ${before}`);
    // The first match is the first row's button.
    await session.click(await byTestId(session, 'slide-move-down'));
    await session.waitFor(async () => (await texts(session, '[data-testid="slide-item-headline"]'))[1] === before[0]);
    const stored = () =>
      JSON.parse(masthead(['--site', site, 'list', 'slides', '--json'])).sort(
        (/** @type {any} */ a, /** @type {any} */ b) => a.position - b.position,
      );
    assert.deepEqual(
      stored().slice(0, 2).map((/** @type {any} */ s) => s.headline),
      [before[1], before[0]],
    );

    // The moved slide's call to action now downloads the report just uploaded.
    const rows = await session.findAll('[data-testid="slide-open"]');
    await session.click(rows[1]);
    await retype(session, await byTestId(session, 'slide-cta'), 'Download the report');
    await retype(session, await byTestId(session, 'slide-link'), 'media:annual-accounts-2026.pdf');
    await session.click(await byTestId(session, 'slide-save'));
    const moved = await session.waitFor(() => {
      const s = stored().find((/** @type {any} */ x) => x.headline === before[0]);
      return s?.cta === 'Download the report' ? s : null;
    });
    assert.equal(moved.link, 'media:annual-accounts-2026.pdf');
    await settle(session);
    await session.screenshot(join(out, 'slides.png'));

    // The host, added and tested from the Publish screen.
    await session.click(await byTestId(session, 'nav-publish'));
    await session.click(await byTestId(session, 'target-add'));
    await retype(session, await byTestId(session, 'target-name'), 'live');
    await session.type(await byTestId(session, 'target-url'), host.info.url);
    await session.type(await byTestId(session, 'target-user'), 'comms');
    await session.type(await byTestId(session, 'target-secret'), 'a password nginx does not ask for');
    await session.click(await byTestId(session, 'target-save'));
    await session.click(await byTestId(session, 'target-test'));
    const tested = await byTestId(session, 'target-test-result');
    await session.waitFor(async () => /It works/.test(await session.text(tested)), { timeout: 20_000 });

    const first = await publish(session);
    // "Open the website" opens the site's own address in the browser.
    await session.click(await byTestId(session, 'open-website'));
    await session.waitFor(() => existsSync(opened) && readFileSync(opened, 'utf8') === 'https://www.migpolgroup.example/');
    assert.match(first, /Published: [\d,]+ files sent/);
    await settle(session);
    await session.screenshot(join(out, 'publish.png'));

    // What a visitor gets from the host.
    const home = await (await fetch(host.info.http_url)).text();
    const at = (/** @type {string} */ h) => home.indexOf(h.replace(/&/g, '&amp;'));
    assert.ok(at(before[1]) >= 0 && at(before[0]) > at(before[1]), 'the home page has the new slide order');
    assert.match(home, /href="\/media\/annual-accounts-2026\.pdf"[^>]*>\s*Download the report/);
    const served = Buffer.from(await (await fetch(`${host.info.http_url}media/annual-accounts-2026.pdf`)).arrayBuffer());
    assert.ok(served.equals(readFileSync(pdf)), 'the host serves the uploaded PDF byte for byte');

    // One article edited in the editor: the next publish sends only what that edit affects.
    const sentBefore = puts(host.info.log).length;
    const article = JSON.parse(masthead(['--site', site, 'list', 'articles', '--json'])).find(
      (/** @type {any} */ a) => a.status === 'published' && a.section === 'news',
    );
    await session.click(await byTestId(session, 'nav-articles'));
    await byTestId(session, 'article-item');
    await session.exec((title) => {
      const row = [...document.querySelectorAll('[data-testid="article-item"]')].find((r) => r.textContent?.includes(title));
      /** @type {HTMLElement | null | undefined} */ (row?.querySelector('button'))?.click();
    }, [article.title]);
    const editor = await byTestId(session, 'editor');
    await session.exec((e) => {
      const el = /** @type {HTMLElement} */ (e);
      el.focus();
      const range = document.createRange();
      range.selectNodeContents(el);
      range.collapse(false);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    }, [session.ref(editor)]);
    await session.type(editor, ' Updated after the launch.');
    await session.waitFor(
      () =>
        JSON.parse(masthead(['--site', site, 'list', 'articles', '--json']))
          .find((/** @type {any} */ a) => a.id === article.id)
          ?.body.includes('Updated after the launch.'),
      { timeout: 15_000 },
    );
    await session.click(await byTestId(session, 'nav-publish'));
    const second = await publish(session);
    const sent = puts(host.info.log).slice(sentBefore);
    const count = Number(/Published: ([\d,]+) files? sent/.exec(second)?.[1]);
    assert.equal(sent.length, count, `the result counts what the server received: ${sent}`);
    assert.ok(count >= 1 && count <= 12, `one edit sent ${count} files: ${sent}`);
    console.log(`publish after one article edit: ${count} files sent: ${sent.join(' ')}`);
    assert.ok(sent.includes(`/${article.section}/${article.slug}/index.html`), `${sent}`);
    const page = await (await fetch(`${host.info.http_url}${article.section}/${article.slug}/`)).text();
    assert.match(page, /Updated after the launch\./);
  } catch (e) {
    await app.session.screenshot(join(out, 'publish-failure.png')).catch(() => {});
    const shown = await app.session.exec(() => document.querySelector('main')?.innerText ?? '').catch(() => '');
    throw Object.assign(/** @type {Error} */ (e), { message: `${/** @type {Error} */ (e).message}\nOn screen:\n${shown}` });
  } finally {
    await app.stop();
    await host.stop();
  }
});
