/**
 * Writing first: the title and the body come before the article's details, an empty body
 * invites to start writing, and the formatting toolbar keeps one line at every window width
 * from 1024 px, the tools that do not fit in a keyboard-usable "More" menu.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { article, FakeBackend } from './fixtures.mjs';
import { axeProblems, caretToEnd, openApp, screenshot, useBrowser } from './harness.mjs';

const NOW = new Date('2025-06-15T12:00:00Z');

/** @typedef {import('playwright-core').Page} Page */

function articles() {
  return [
    article({ id: 1, title: 'Spring river clean-up', status: 'published', date: '2025-05-20', body: 'The clean-up removed **2 tonnes** of waste.\n' }),
    article({ id: 2, title: 'An empty one', body: '' }),
  ];
}

/** @param {import('playwright-core').Browser} browser @param {string} url */
async function open(browser, url, backend = new FakeBackend(articles())) {
  const app = await openApp(browser, url, { now: NOW, routes: {}, handlers: backend.handlers() });
  return { ...app, backend };
}

/** @param {Page} page @param {string} title */
async function openArticle(page, title) {
  await page.getByTestId('article-item').filter({ hasText: title }).getByTestId('article-open').click();
  await page.getByTestId('editor').waitFor();
}

/**
 * The toolbar's rows: the distinct tops of what it shows, and what it holds in its main row.
 * @param {Page} page
 */
function toolbarLayout(page) {
  return page.evaluate(() => {
    const bar = /** @type {HTMLElement} */ (document.querySelector('[role="toolbar"]'));
    const box = bar.getBoundingClientRect();
    const shown = [...bar.querySelectorAll('button, select')].filter(
      (el) => el.getClientRects().length > 0 && !el.closest('[role="menu"]'),
    );
    const tops = new Set(shown.map((el) => Math.round(el.getBoundingClientRect().top)));
    const outside = shown.filter((el) => {
      const r = el.getBoundingClientRect();
      return r.left < box.left || r.right > box.right + 0.5;
    });
    return {
      rows: tops.size,
      height: Math.round(box.height),
      outside: outside.map((el) => el.getAttribute('aria-label') ?? el.textContent?.trim()),
      names: shown.map((el) => el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''),
    };
  });
}

describe('writing first in the editor (built app, mocked IPC)', () => {
  const ctx = useBrowser();

  test('title, then the text, then the article details; an empty body says where to start', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await openArticle(page, 'An empty one');
      const top = async (/** @type {string} */ id) => (await page.getByTestId(id).boundingBox())?.y ?? -1;
      const title = await top('title-input');
      const body = await top('editor');
      const details = await top('meta-panel');
      assert.ok(title < body && body < details, `title ${title}, body ${body}, details ${details}`);

      // The empty body shows a hint (not text: nothing is saved of it).
      const hint = await page.evaluate(() => {
        const p = document.querySelector('[data-testid="editor"] p');
        return p ? getComputedStyle(p, '::before').content : null;
      });
      assert.equal(hint, '"Start writing…"');
      await caretToEnd(page);
      await page.keyboard.type('Hello');
      assert.equal(
        await page.evaluate(() => getComputedStyle(/** @type {Element} */ (document.querySelector('[data-testid="editor"] p')), '::before').content),
        'none',
      );
      await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
      const saved = app.backend.articles.get(2);
      assert.equal(saved?.body.trim(), 'Hello');
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  for (const width of [1024, 1280, 1440]) {
    test(`${width} px: the toolbar keeps one line; the rest is in "More"`, async () => {
      const app = await open(ctx.browser, ctx.server.url);
      try {
        const { page } = app;
        await page.setViewportSize({ width, height: width === 1024 ? 700 : 900 });
        await openArticle(page, 'Spring river clean-up');
        const layout = await toolbarLayout(page);
        assert.equal(layout.rows, 1, JSON.stringify(layout));
        assert.ok(layout.height <= 46, JSON.stringify(layout));
        assert.deepEqual(layout.outside, []);
        // The most used stay in view.
        for (const name of ['Text style', 'Bold', 'Italic', 'Link']) assert.ok(layout.names.includes(name), `${name} in ${layout.names}`);
        if (width >= 1280) {
          for (const name of ['Bulleted list', 'Numbered list', 'Undo', 'Redo']) assert.ok(layout.names.includes(name), `${name} in ${layout.names}`);
        }
        // Whatever is not in the row is in the menu, once.
        const more = page.getByTestId('toolbar-more');
        assert.equal(await more.getAttribute('aria-haspopup'), 'menu');
        assert.equal(await more.getAttribute('aria-expanded'), 'false');
        await more.click();
        assert.equal(await more.getAttribute('aria-expanded'), 'true');
        const menu = page.getByRole('menu');
        await menu.waitFor();
        const items = await menu.locator('[role^="menuitem"]').evaluateAll((els) =>
          els.map((el) => el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''),
        );
        for (const name of ['Figure', 'Download', 'Call-to-action', 'Video', 'Callout']) {
          assert.equal(
            Number(layout.names.some((n) => n.startsWith(name))) + Number(items.some((n) => n.startsWith(name))),
            1,
            `${name}: row ${layout.names} / menu ${items}`,
          );
        }
        // Each tool's test id is there once, in the row or in the menu.
        for (const id of ['insert-figure', 'insert-download', 'insert-cta', 'insert-video', 'insert-callout']) {
          assert.equal(await page.getByTestId(id).count(), 1, id);
        }
        await page.keyboard.press('Escape');
        assert.equal(await more.getAttribute('aria-expanded'), 'false');
        assert.equal(await page.getByRole('menu').count(), 0);
        assert.deepEqual(await axeProblems(page), []);
        await screenshot(page, `editor-toolbar-${width}.png`);
        assert.deepEqual(app.problems, []);
      } finally {
        await app.close();
      }
    });
  }

  test('the More menu works from the keyboard and inserts a block', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await page.setViewportSize({ width: 1024, height: 700 });
      await openArticle(page, 'Spring river clean-up');
      await caretToEnd(page);
      const more = page.getByTestId('toolbar-more');
      await more.focus();
      await page.keyboard.press('Enter');
      const menu = page.getByRole('menu');
      await menu.waitFor();
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.textContent?.trim());
      const first = await focused();
      await page.keyboard.press('ArrowDown');
      const second = await focused();
      assert.notEqual(first, second);
      await page.keyboard.press('ArrowUp');
      assert.equal(await focused(), first);
      await page.keyboard.press('End');
      const last = await focused();
      await page.keyboard.press('ArrowDown');
      assert.equal(await focused(), first, 'wraps to the first');
      await page.keyboard.press('Home');
      assert.equal(await focused(), first);
      assert.notEqual(last, first);
      // Escape closes and gives the focus back to the button.
      await page.keyboard.press('Escape');
      assert.equal(await page.getByRole('menu').count(), 0);
      assert.equal(await focused(), 'toolbar-more');

      // Open with the arrow, go to the callout, insert it.
      await page.keyboard.press('ArrowDown');
      await menu.waitFor();
      for (let i = 0; i < 20 && (await focused()) !== 'insert-callout'; i++) await page.keyboard.press('ArrowDown');
      assert.equal(await focused(), 'insert-callout');
      await page.keyboard.press('Enter');
      assert.equal(await page.getByRole('menu').count(), 0);
      await page.locator('.mh-card').first().waitFor();
      await page.keyboard.press('Control+s');
      await page.waitForFunction(() =>
        /** @type {any} */ (window).__MASTHEAD_TEST__.calls.some((/** @type {any} */ c) => c.cmd === 'save_article' && /```callout/.test(c.args.article.body)),
      );

      // A click outside closes it too.
      await more.click();
      await menu.waitFor();
      await page.getByTestId('title-input').click();
      assert.equal(await page.getByRole('menu').count(), 0);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });
});
