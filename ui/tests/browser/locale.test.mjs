/**
 * Dates follow the user's language (the page's navigator.language), the same way on every
 * screen: one helper, Intl.DateTimeFormat with that locale.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openApp, useBrowser } from './harness.mjs';
import { everyScreen, NOW, realProblems } from './screens-fixtures.mjs';

/** @typedef {import('playwright-core').Page} Page */

/**
 * The dates each screen shows: the article list, the trash, the publish history, the
 * slides' show windows and the media item's upload date.
 * @param {Page} page
 */
async function datesShown(page) {
  const text = async (/** @type {import('playwright-core').Locator} */ l) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  await page.getByTestId('article-item').first().waitFor();
  const articleDates = (await page.getByTestId('article-date').allTextContents()).map((t) => t.trim());

  await page.getByTestId('article-trash').first().click();
  await page.getByTestId('articles-trash-toggle').click();
  const trash = await text(page.getByTestId('trash-item').first().locator('.muted'));
  await page.getByTestId('articles-trash-toggle').click();

  await page.getByTestId('nav-publish').click();
  // The history arrives after the screen: wait for its first entry.
  await page.getByTestId('publish-history').locator('strong').first().waitFor();
  const history = (await page.getByTestId('publish-history').locator('strong').allTextContents()).map((t) => t.trim());

  await page.getByTestId('nav-slides').click();
  await page.getByTestId('slide-item').first().waitFor();
  const slideWindow = await text(page.locator('.slide-window-text').first());

  await page.getByTestId('nav-media').click();
  await page.locator('[data-testid="media-item"][data-name="river-at-dawn.jpg"]').click();
  const added = await text(page.getByTestId('media-details').locator('dt:text-is("Added") + dd'));
  return { articleDates, trash, history, slideWindow, added };
}

describe('dates in the user’s locale (built app, mocked IPC)', () => {
  const ctx = useBrowser();

  test('en-GB: day before month, 24-hour clock', async () => {
    const app = await openApp(ctx.browser, ctx.server.url, { now: NOW, locale: 'en-GB', routes: {}, handlers: everyScreen() });
    try {
      assert.deepEqual(await datesShown(app.page), {
        articleDates: ['No date', 'No date', '28 Jun 2025, 09:30', '2 Jun 2025, 07:00', '20 May 2025, 08:00'],
        trash: 'Deleted 15 Jun 2025, 11:00',
        history: ['14 Jun 2025, 16:45', '20 May 2025, 08:10'],
        slideWindow: '1 Jun 2025 – 30 Jun 2025',
        added: '2 May 2025',
      });
      assert.deepEqual(realProblems(app.problems), []);
    } finally {
      await app.close();
    }
  });

  test('en-US: month first, 12-hour clock', async () => {
    const app = await openApp(ctx.browser, ctx.server.url, { now: NOW, locale: 'en-US', routes: {}, handlers: everyScreen() });
    try {
      assert.deepEqual(await datesShown(app.page), {
        articleDates: ['No date', 'No date', 'Jun 28, 2025, 9:30 AM', 'Jun 2, 2025, 7:00 AM', 'May 20, 2025, 8:00 AM'],
        trash: 'Deleted Jun 15, 2025, 11:00 AM',
        history: ['Jun 14, 2025, 4:45 PM', 'May 20, 2025, 8:10 AM'],
        slideWindow: 'Jun 1, 2025 – Jun 30, 2025',
        added: 'May 2, 2025',
      });
      assert.deepEqual(realProblems(app.problems), []);
    } finally {
      await app.close();
    }
  });

  test('the page’s language wins where the engine’s default differs (fr-BE in an en-US engine)', async () => {
    const app = await openApp(ctx.browser, ctx.server.url, { now: NOW, locale: 'en-US', routes: {}, handlers: everyScreen() });
    try {
      const { page } = app;
      // As in a webview whose Intl default is not the user's language.
      await page.addInitScript(() => {
        Object.defineProperty(Navigator.prototype, 'language', { get: () => 'fr-BE' });
        Object.defineProperty(Navigator.prototype, 'languages', { get: () => ['fr-BE', 'fr'] });
      });
      // After the first load's own requests (the editor's chunk, fetched ahead), not during them.
      await page.waitForLoadState('networkidle');
      await page.reload();
      const expected = await page.evaluate(() => {
        const long = new Intl.DateTimeFormat('fr-BE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
        return long.format(new Date('2025-06-14T16:45:00Z'));
      });
      assert.match(expected, /^14 juin 2025/);
      const shown = await datesShown(page);
      assert.equal(shown.history[0], expected);
      assert.match(shown.articleDates[2] ?? '', /^28 juin 2025/);
      assert.match(shown.added, /^2 mai 2025$/);
      assert.deepEqual(realProblems(app.problems), []);
    } finally {
      await app.close();
    }
  });
});
