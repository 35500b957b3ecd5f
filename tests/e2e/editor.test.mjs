// The editor in the real app: write an article with bold text and a list, see it autosaved to
// the SQLite file and shown in the live preview with the site's own CSS, find it again after a
// restart, and bring back an earlier revision.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { demoSite, launchApp, masthead, saveState, settle } from './app.mjs';

const out = process.env.E2E_OUT ?? 'target/e2e';
const CTRL = '\uE009';
const ENTER = '\uE007';

/** The stored article with this title (the CLI reads the same SQLite file). @param {string} site @param {string} title */
function stored(site, title) {
  const all = JSON.parse(masthead(['--site', site, 'list', 'articles', '--json']));
  return all.find((/** @type {any} */ a) => a.title === title);
}

/** Text of the preview page, once it contains `needle`. @param {any} session @param {string} needle */
const previewWith = (session, needle) =>
  session.waitFor(
    async () => {
      const html = await session.exec(() => {
        const f = /** @type {HTMLIFrameElement | null} */ (document.querySelector('[data-testid="preview-frame"]'));
        return f?.contentDocument?.body?.innerHTML ?? '';
      });
      return html.includes(needle) ? html : null;
    },
    { timeout: 15_000 },
  );

test('write, autosave, preview, restart, search and restore a revision', async () => {
  const { dir, site } = demoSite();
  const config = join(dir, 'config');
  const title = 'Rivers report launched';
  let app = await launchApp({ site, config });
  try {
    const { session } = app;
    await session.click(await session.find('[data-testid="new-article"]'));
    const titleInput = await session.find('[data-testid="title-input"]');
    await session.exec((el) => /** @type {HTMLInputElement} */ (el).select(), [session.ref(titleInput)]);
    await session.type(titleInput, title);
    const editor = await session.find('[data-testid="editor"]');
    await session.click(editor);
    // A modifier stays down until the end of a send-keys call (WebKitWebDriver has no NULL key).
    for (const keys of ['Our rivers are ', `${CTRL}b`, 'cleaner', `${CTRL}b`, ` than ever.${ENTER}- first finding${ENTER}second finding`]) {
      await session.type(editor, keys);
    }
    await saveState(session, 'saving');
    await saveState(session, 'saved');

    // The SQLite file has the Markdown the renderer reads.
    const saved = await session.waitFor(() => stored(site, title)?.body?.includes('second finding') && stored(site, title));
    assert.match(saved.body, /Our rivers are \*\*cleaner\*\* than ever\./);
    assert.match(saved.body, /^- first finding\n- second finding$/m);
    assert.equal(saved.slug, 'rivers-report-launched');
    assert.equal(saved.status, 'draft');

    // The preview is the real page, styled by the theme's CSS served to the app.
    const html = await previewWith(session, 'second finding');
    assert.match(html, /<strong>cleaner<\/strong>/);
    assert.match(html, /<li>first finding<\/li>/);
    const styled = await session.waitFor(async () => {
      const s = await session.exec(() => {
        const f = /** @type {HTMLIFrameElement} */ (document.querySelector('[data-testid="preview-frame"]'));
        const doc = f.contentDocument;
        const link = doc?.querySelector('link[rel="stylesheet"]');
        return { href: link ? /** @type {HTMLLinkElement} */ (link).href : '', sheets: doc?.styleSheets.length ?? 0, margin: doc ? getComputedStyle(doc.body).margin : '' };
      });
      return s.margin === '0px' ? s : null;
    });
    assert.match(styled.href, /^(preview:\/\/localhost|http:\/\/preview\.localhost)\/assets\/site\.css$/);
    await settle(session);
    await session.screenshot(join(out, 'editor.png'));

    // Ctrl+S saves at once and closes this revision; more typing starts the next one.
    await session.type(editor, `${CTRL}s`);
    await saveState(session, 'saved');
    await session.type(editor, ' Extra sentence.');
    await session.waitFor(() => stored(site, title)?.body?.includes('Extra sentence.'), { timeout: 15_000 });
  } finally {
    await app.stop();
  }

  // After a restart the article is found by full-text search, and an earlier revision restored.
  app = await launchApp({ site, config });
  try {
    const { session } = app;
    await session.find('[data-testid="article-item"]');
    await session.type(await session.find('[data-testid="article-search"]'), 'cleaner');
    await session.find('[data-testid="search-result"]');
    const hits = () => session.exec(() => document.querySelector('[data-testid="search-results"]')?.textContent ?? '');
    await session.waitFor(async () => (await hits()).includes(title));
    await session.click(await session.find('[data-testid="search-result"] button'));
    const editor = await session.find('[data-testid="editor"]');
    await session.waitFor(async () => (await session.text(editor)).includes('Extra sentence.'));

    await session.click(await session.find('[data-testid="revisions-button"]'));
    const items = await session.waitFor(async () => {
      const found = await session.findAll('[data-testid="revision-item"]');
      return found.length >= 2 ? found : null;
    });
    // Newest first: the open revision with the extra sentence, then the one Ctrl+S closed.
    await session.click(items[1]);
    await session.click(await session.find('[data-testid="revision-restore"]'));
    await session.waitFor(async () => !(await session.text(editor)).includes('Extra sentence.'));
    const restored = await session.waitFor(() => {
      const a = stored(site, title);
      return a && !a.body.includes('Extra sentence.') ? a : null;
    });
    assert.match(restored.body, /second finding/);
  } finally {
    await app.stop();
  }
});

test('closing the window right after typing saves what was typed first', async () => {
  const { dir, site } = demoSite();
  const config = join(dir, 'config');
  const app = await launchApp({ site, config });
  try {
    const { session } = app;
    await session.click(await session.find('[data-testid="new-article"]'));
    const editor = await session.find('[data-testid="editor"]');
    await session.click(editor);
    await session.type(editor, 'Typed just before closing.');
    // At once, before the autosave delay, as the window's close button does: the window asks
    // the editor to save, then closes.
    execFileSync('/usr/bin/python3', [fileURLToPath(new URL('wm_close.py', import.meta.url)), 'Masthead']);
    const saved = await session.waitFor(
      () =>
        JSON.parse(masthead(['--site', site, 'list', 'articles', '--json'])).find((/** @type {any} */ a) =>
          a.body.includes('Typed just before closing.'),
        ),
      { timeout: 15_000 },
    );
    assert.equal(saved.status, 'draft');
    // …and then the app is gone.
    const running = () => {
      try {
        return execFileSync('pgrep', ['-f', process.env.MASTHEAD_APP ?? 'masthead-app'], { encoding: 'utf8' }).trim() !== '';
      } catch {
        return false;
      }
    };
    await session.waitFor(() => !running(), { timeout: 15_000 });
  } finally {
    await app.stop();
  }
});
