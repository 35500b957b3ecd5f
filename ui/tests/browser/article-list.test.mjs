// The windowed article list (ArticleList.svelte) with 10,000 articles: only the rows in view
// are in the DOM, scrolling shows the right ones, and the keyboard reaches all of them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { article, SITE, summary } from './fixtures.mjs';
import { openApp, screenshot, useBrowser } from './harness.mjs';

const NOW = new Date('2025-06-15T12:00:00Z');
const COUNT = 10_000;
const DAY = 86_400_000;

/** Article i (1…10,000) is dated i days after 1 Jan 2000: newest first puts 10,000 on top. */
const ARTICLES = Array.from({ length: COUNT }, (_, k) => {
  const i = k + 1;
  return summary(
    article({
      id: i,
      title: `Article number ${i}`,
      status: i % 4 ? 'published' : 'draft',
      date: new Date(Date.UTC(2000, 0, 1) + i * DAY).toISOString().slice(0, 10),
      summary: i % 2 ? `Summary of article ${i}.` : null,
    }),
  );
});

/** The list's rows in the DOM: their place in the list (1-based) and title. @param {import('playwright-core').Page} page */
const domRows = (page) =>
  page.getByTestId('article-item').evaluateAll((els) =>
    els.map((el) => ({
      pos: Number(el.getAttribute('aria-posinset')),
      size: Number(el.getAttribute('aria-setsize')),
      title: el.querySelector('[data-testid="article-title"]')?.textContent?.trim() ?? '',
    })),
  );

/** Rows visible in the scrolling area, top to bottom. @param {import('playwright-core').Page} page */
const visibleRows = (page) =>
  page.evaluate(() => {
    const view = /** @type {HTMLElement} */ (document.querySelector('main')).getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid="article-item"]')]
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.bottom > view.top && box.top < view.bottom && box.height > 0)
      .sort((a, b) => a.box.top - b.box.top)
      .map(({ el }) => Number(el.getAttribute('aria-posinset')));
  });

/**
 * Scrolls the page's scrolling area to `top` and waits for the list to follow: rows in view,
 * then two more frames. (Usually one frame; later when a long task, such as the editor's
 * warm-up after the list first shows, comes between.)
 * @param {import('playwright-core').Page} page @param {number} top
 */
async function scrollTo(page, top) {
  await page.evaluate((t) => {
    /** @type {HTMLElement} */ (document.querySelector('main')).scrollTop = t;
  }, top);
  await page.waitForFunction(() => {
    const view = /** @type {HTMLElement} */ (document.querySelector('main')).getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid="article-item"]')].some((el) => {
      const box = el.getBoundingClientRect();
      return box.bottom > view.top && box.top < view.bottom;
    });
  });
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

/** The row (1-based place, title) holding the focus, if any. @param {import('playwright-core').Page} page */
const focusedRow = (page) =>
  page.evaluate(() => {
    const li = document.activeElement?.closest('[data-testid="article-item"]');
    return li
      ? {
          pos: Number(li.getAttribute('aria-posinset')),
          title: li.querySelector('[data-testid="article-title"]')?.textContent?.trim(),
          testid: document.activeElement?.getAttribute('data-testid'),
        }
      : null;
  });

describe('windowed article list (built app, mocked IPC)', () => {
  const ctx = useBrowser();

  async function open() {
    const app = await openApp(ctx.browser, ctx.server.url, {
      now: NOW,
      routes: { site_info: { result: { ...SITE, articles: COUNT } }, list_articles: { result: ARTICLES } },
    });
    await app.page.getByTestId('article-item').first().waitFor();
    return app;
  }

  test('10,000 articles: only the rows in view are in the DOM, and scrolling shows the right ones', async () => {
    const app = await open();
    try {
      const { page } = app;
      assert.equal((await page.getByTestId('articles-count').textContent())?.trim(), '10000 articles');
      let rows = await domRows(page);
      assert.ok(rows.length > 5 && rows.length <= 30, `rows in the DOM at the top: ${rows.length}`);
      assert.deepEqual(rows[0], { pos: 1, size: COUNT, title: 'Article number 10000' });
      assert.ok(rows.every((r) => r.size === COUNT && r.title === `Article number ${COUNT + 1 - r.pos}`));
      const atTop = await visibleRows(page);
      assert.equal(atTop[0], 1);
      // The list is as high as all its rows: the page scrolls as far as 10,000 rows reach.
      const height = await page.evaluate(() => /** @type {HTMLElement} */ (document.querySelector('main')).scrollHeight);
      assert.ok(height > COUNT * 60, `scroll height ${height}`);

      // The middle: the rows in view are those at that offset, and still few in the DOM.
      const listTop = await page.evaluate(
        () =>
          /** @type {HTMLElement} */ (document.querySelector('[data-testid="article-list"] ul')).getBoundingClientRect().top -
          /** @type {HTMLElement} */ (document.querySelector('main')).getBoundingClientRect().top,
      );
      const row = await page.getByTestId('article-item').first().evaluate((el) => el.getBoundingClientRect().height);
      await scrollTo(page, listTop + 5000 * row);
      const middle = await visibleRows(page);
      assert.ok(middle[0] === 5001 || middle[0] === 5000, `first row in view: ${middle[0]}`);
      rows = await domRows(page);
      assert.ok(rows.length <= 30, `rows in the DOM in the middle: ${rows.length}`);
      for (const pos of middle) {
        assert.ok(rows.some((r) => r.pos === pos && r.title === `Article number ${COUNT + 1 - pos}`), `row ${pos}`);
      }

      // The end: the last article is shown.
      await scrollTo(page, 1e9);
      const end = await visibleRows(page);
      assert.equal(end.at(-1), COUNT);
      await page.getByTestId('article-item').filter({ hasText: 'Article number 1' }).last().waitFor();
      rows = await domRows(page);
      assert.ok(rows.length <= 30, `rows in the DOM at the end: ${rows.length}`);
      assert.deepEqual(rows.at(-1), { pos: COUNT, size: COUNT, title: 'Article number 1' });
      await screenshot(page, 'articles-windowed-end.png');

      // And back to the top.
      await scrollTo(page, 0);
      assert.equal((await visibleRows(page))[0], 1);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('the keyboard moves through all rows, and the focused row stays while scrolled away', async () => {
    const app = await open();
    try {
      const { page } = app;
      await page.getByTestId('article-open').first().focus();
      assert.deepEqual(await focusedRow(page), { pos: 1, title: 'Article number 10000', testid: 'article-open' });
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      assert.deepEqual(await focusedRow(page), { pos: 3, title: 'Article number 9998', testid: 'article-open' });
      await page.keyboard.press('ArrowUp');
      assert.equal((await focusedRow(page))?.pos, 2);
      // Tab still goes through the row's buttons.
      await page.keyboard.press('Tab');
      assert.deepEqual(await focusedRow(page), { pos: 2, title: 'Article number 9999', testid: 'article-duplicate' });
      await page.keyboard.press('Shift+Tab');

      // Down past the rows first rendered: the list follows the focus.
      for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown');
      assert.deepEqual(await focusedRow(page), { pos: 42, title: 'Article number 9959', testid: 'article-open' });
      assert.ok((await visibleRows(page)).includes(42), 'the focused row is in view');

      // End and Home: the last and the first article, in view.
      await page.keyboard.press('End');
      await page.waitForFunction(() => document.activeElement?.closest('[aria-posinset="10000"]'));
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      assert.deepEqual(await focusedRow(page), { pos: COUNT, title: 'Article number 1', testid: 'article-open' });
      assert.ok((await visibleRows(page)).includes(COUNT), 'the last row is in view');
      assert.ok((await domRows(page)).length <= 31);
      await page.keyboard.press('Home');
      await page.waitForFunction(() => document.activeElement?.closest('[aria-posinset="1"]'));
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      assert.ok((await visibleRows(page)).includes(1), 'the first row is in view');

      // Scrolled away with the mouse, the focused row keeps the focus (it stays in the DOM).
      await scrollTo(page, 300_000);
      assert.deepEqual(await focusedRow(page), { pos: 1, title: 'Article number 10000', testid: 'article-open' });
      assert.ok((await domRows(page)).length <= 31);
      // Enter opens the focused article.
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !document.querySelector('[data-testid="article-list"]'));
      // The editor screen asks for the article once it is mounted (its code may still load).
      await page.waitForFunction(() => /** @type {any} */ (window).__MASTHEAD_TEST__.calls.some((/** @type {any} */ c) => c.cmd === 'get_article'));
      const recorded = await app.recorded();
      assert.ok(
        recorded.calls.some((c) => c.cmd === 'get_article' && /** @type {any} */ (c.args).id === COUNT),
        'Enter opens article 10000',
      );
    } finally {
      await app.close();
    }
  });
});
