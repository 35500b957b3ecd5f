/**
 * Every screen at a big (1440×900) and a small (1024×700) window: nothing needs scrolling
 * sideways, titles get the room, the sidebar folds to icons (and stays so), a slide opened in
 * a narrow window is in view; and a screenshot of each screen for the docs.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openApp, screenshot, useBrowser } from './harness.mjs';
import { everyScreen, NOW, realProblems } from './screens-fixtures.mjs';

/** @typedef {import('playwright-core').Page} Page */

/**
 * What would scroll sideways: the page itself, or a box in it wider than what it shows.
 * @param {Page} page
 */
function sidewaysScroll(page) {
  return page.evaluate(() => {
    const out = [];
    const root = /** @type {Element} */ (document.scrollingElement);
    if (root.scrollWidth > root.clientWidth) out.push(`page: ${root.scrollWidth} > ${root.clientWidth}`);
    for (const el of document.querySelectorAll('body *')) {
      if (!/(auto|scroll)/.test(getComputedStyle(el).overflowX) || el.clientWidth === 0) continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    return out;
  });
}

/**
 * Text cut short or running into its neighbour: labels of the list heads, and any button
 * whose text does not fit.
 * @param {Page} page
 */
function clippedText(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.list-head > span, .main button, .sidebar button')]
      .filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()} "${el.textContent?.trim()}": ${el.scrollWidth} > ${el.clientWidth}`),
  );
}

/** @param {Page} page @param {string} testid */
const widths = (page, testid) =>
  page.getByTestId(testid).evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().width)));

/** The screens, each with what shows it is ready. */
const SCREENS = /** @type {const} */ ([
  ['articles', 'article-item'],
  ['editor', 'editor'],
  ['pages', 'page-item'],
  ['slides', 'slide-headline'],
  ['media', 'media-item'],
  ['publish', 'publish-history'],
  ['settings', 'settings-form'],
]);

/** @param {Page} page @param {string} name */
async function show(page, name) {
  if (name === 'editor') {
    await page.getByTestId('nav-articles').click();
    // The first article with a body and a long title.
    await page.getByTestId('article-item').filter({ hasText: 'Spring river clean-up' }).getByTestId('article-open').click();
  } else if (name === 'slides') {
    await page.getByTestId('nav-slides').click();
    await page.getByTestId('slide-open').first().click();
  } else {
    await page.getByTestId(`nav-${name}`).click();
  }
}

/** @param {import('playwright-core').Browser} browser @param {string} url */
const open = (browser, url) => openApp(browser, url, { now: NOW, routes: {}, handlers: everyScreen() });

describe('every screen at 1440×900 and 1024×700 (built app, mocked IPC)', () => {
  const ctx = useBrowser();

  for (const { width, height } of [
    { width: 1440, height: 900 },
    { width: 1024, height: 700 },
  ]) {
    test(`${width}×${height}: nothing scrolls sideways, titles get the room; screenshots`, async () => {
      const app = await open(ctx.browser, ctx.server.url);
      try {
        const { page } = app;
        await page.setViewportSize({ width, height });
        await page.getByTestId('article-item').first().waitFor();
        /** @type {string[]} */
        const wrong = [];
        for (const [name, ready] of SCREENS) {
          await show(page, name);
          await page.getByTestId(ready).first().waitFor();
          await page.waitForTimeout(150);
          wrong.push(...(await sidewaysScroll(page)).map((w) => `${name}: ${w}`));
          wrong.push(...(await clippedText(page)).map((w) => `${name}: ${w}`));
          if (name === 'articles' || name === 'pages') {
            const titles = await widths(page, `${name === 'articles' ? 'article' : 'page'}-title`);
            assert.ok(titles.length > 0 && titles.every((w) => w >= 200), `${name} titles: ${titles}`);
          }
          // Pictured from the top (an opened slide scrolls its editor into view in narrow windows).
          await page.locator('.main').evaluate((el) => el.scrollTo(0, 0));
          await screenshot(page, `screen-${name}-${width}.png`);
        }
        assert.deepEqual(wrong, []);
        assert.deepEqual(realProblems(app.problems), []);
      } finally {
        await app.close();
      }
    });
  }

  test('the sidebar folds to icons, names kept for screen readers, and stays folded', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.getByTestId('article-item').first().waitFor();
      const toggle = page.getByTestId('sidebar-toggle');
      const sidebarWidth = () => page.locator('.sidebar').evaluate((el) => el.getBoundingClientRect().width);
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      const before = await widths(page, 'article-title');
      assert.ok((await sidebarWidth()) > 180);

      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      assert.ok((await sidebarWidth()) <= 72, `folded sidebar ${await sidebarWidth()} px`);
      // Each section keeps its name (as its accessible name and tooltip), not shown.
      const slides = page.getByTestId('nav-slides');
      assert.equal(await page.getByRole('button', { name: /^Slides/ }).count(), 1);
      assert.equal(await slides.getAttribute('title'), 'Slides');
      assert.equal(await slides.locator('.nav-label').isVisible(), false);
      const after = await widths(page, 'article-title');
      assert.ok((after[0] ?? 0) > (before[0] ?? 0) + 100, `titles ${before} → ${after}`);
      await screenshot(page, 'sidebar-folded-1024.png');

      // Remembered: a new start opens folded.
      await page.waitForLoadState('networkidle');
      await page.reload();
      await page.getByTestId('article-item').first().waitFor();
      assert.equal(await page.getByTestId('sidebar-toggle').getAttribute('aria-expanded'), 'false');
      assert.ok((await sidebarWidth()) <= 72);
      await slides.click();
      await page.getByTestId('slide-item').first().waitFor();
      assert.equal(await slides.getAttribute('aria-current'), 'page');

      await page.getByTestId('sidebar-toggle').click();
      assert.equal(await page.getByTestId('sidebar-toggle').getAttribute('aria-expanded'), 'true');
      await page.waitForLoadState('networkidle');
      await page.reload();
      await page.getByTestId('article-item').first().waitFor();
      assert.equal(await page.getByTestId('sidebar-toggle').getAttribute('aria-expanded'), 'true');
      assert.deepEqual(realProblems(app.problems), []);
    } finally {
      await app.close();
    }
  });

  test('1024×700: a slide opened in the list is edited in view, not far below it', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.getByTestId('nav-slides').click();
      for (const index of [0, 6, 2]) {
        await page.getByTestId('slide-open').nth(index).click();
        const headline = page.getByTestId('slide-headline');
        await page.waitForFunction(
          (h) => /** @type {HTMLInputElement | null} */ (document.querySelector('[data-testid="slide-headline"]'))?.value === h,
          (await page.getByTestId('slide-item-headline').nth(index).textContent())?.trim(),
        );
        await page.waitForTimeout(100);
        const box = await headline.boundingBox();
        assert.ok(box && box.y >= 0 && box.y + box.height <= 700, `slide ${index}: headline field at ${JSON.stringify(box)}`);
      }
      await screenshot(page, 'slides-opened-1024.png');
      assert.deepEqual(realProblems(app.problems), []);
    } finally {
      await app.close();
    }
  });
});
