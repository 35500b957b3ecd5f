import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { article, SITE, summary } from './fixtures.mjs';
import { openApp, screenshot, useBrowser } from './harness.mjs';
import { SETTINGS, settingsRoutes } from './settings-fixtures.mjs';

/** The page's clock is frozen here, so "future" and "past" are stable. */
const NOW = new Date('2025-06-15T12:00:00Z');

const THREE_ARTICLES = /** @type {import('../../src/lib/ipc').ArticleSummary[]} */ ([
  article({
    id: 1,
    title: 'Spring river clean-up: 2 tonnes of waste removed',
    status: 'published',
    date: '2025-05-20',
    section: 'news',
    summary: 'Over 300 volunteers joined the annual clean-up along the lower river.',
  }),
  article({
    id: 2,
    title: 'Annual report 2024 — draft for board review',
    status: 'draft',
    date: null,
    section: 'reports',
    summary: 'Working copy; figures still to be confirmed by finance.',
  }),
  article({
    id: 3,
    title: 'World Environment Day open event',
    status: 'published',
    date: '2025-06-28T11:30:00+02:00',
    section: 'events',
    summary: 'Guided walks, a water-testing workshop and a family picnic at the old mill.',
  }),
].map(summary));

describe('articles screen (built app, mocked IPC)', () => {
  const ctx = useBrowser();

  test('lists articles with status badges and shows the site title', async () => {
    const app = await openApp(ctx.browser, ctx.server.url, {
      now: NOW,
      routes: { site_info: { result: SITE }, list_articles: { result: THREE_ARTICLES } },
    });
    try {
      const { page } = app;
      const items = page.getByTestId('article-item');
      await items.nth(2).waitFor();
      assert.equal(await items.count(), 3);

      // Newest first: the undated draft, then the scheduled event, then the past news.
      const titles = await page.getByTestId('article-title').allTextContents();
      assert.deepEqual(
        titles.map((t) => t.trim()),
        [THREE_ARTICLES[1]?.title, THREE_ARTICLES[2]?.title, THREE_ARTICLES[0]?.title],
      );
      const badges = await page.getByTestId('status-badge').allTextContents();
      assert.deepEqual(
        badges.map((b) => b.trim()),
        ['Draft', 'Scheduled', 'Published'],
      );
      const sections = await page.getByTestId('article-section').allTextContents();
      assert.deepEqual(
        sections.map((s) => s.trim()),
        ['reports', 'events', 'news'],
      );
      const dates = await page.getByTestId('article-date').allTextContents();
      assert.deepEqual(
        dates.map((d) => d.trim()),
        ['No date', '28 Jun 2025, 09:30', '20 May 2025'],
      );

      await page.getByTestId('site-title').getByText(SITE.title).waitFor();
      assert.equal(await page.getByTestId('error-banner').count(), 0);
      assert.equal(await page.title(), `${SITE.title} · Masthead`);

      const recorded = await app.recorded();
      // `guard_close`: closing the window now waits for the editor to save; `team_status`:
      // unanswered here, so a site on its own (no sync indicator).
      // `should_welcome`: unanswered here, so no first-run welcome (and no error).
      // `found_update`: unanswered here, so no update mark on Settings.
      const commands = recorded.calls.map((c) => c.cmd).filter((c) => !c.startsWith('plugin:event|'));
      assert.deepEqual(commands.sort(), ['found_update', 'guard_close', 'list_articles', 'should_welcome', 'site_info', 'team_status']);
      assert.equal(await page.getByTestId('welcome').count(), 0);
      assert.deepEqual(recorded.cspViolations, []);
      assert.deepEqual(app.problems, []);

      await screenshot(page, 'articles.png');
    } finally {
      await app.close();
    }
  });

  test('shows the backend error message in a banner', async () => {
    const message = 'The site folder /home/comms/Sites/riverbank-alliance no longer exists.';
    const app = await openApp(ctx.browser, ctx.server.url, {
      now: NOW,
      routes: {
        site_info: { result: SITE },
        list_articles: { error: { code: 'site_missing', message } },
      },
    });
    try {
      const { page } = app;
      const banner = page.getByTestId('error-banner');
      await banner.waitFor();
      assert.match((await banner.textContent()) ?? '', new RegExp(message.replace(/[.]/g, '\\.')));
      await page.getByTestId('articles-failed').waitFor();
      assert.equal(await page.getByTestId('article-item').count(), 0);
      await page.getByTestId('site-title').getByText(SITE.title).waitFor();
      assert.deepEqual(app.problems, []);
      await screenshot(page, 'articles-error.png');

      await page.getByRole('button', { name: 'Dismiss' }).click();
      await banner.waitFor({ state: 'detached' });
    } finally {
      await app.close();
    }
  });

  test('shows the empty state, and goes to another screen and back', async () => {
    const app = await openApp(ctx.browser, ctx.server.url, {
      now: NOW,
      routes: { ...settingsRoutes(), site_info: { result: { ...SITE, articles: 0 } }, list_articles: { result: [] } },
    });
    try {
      const { page } = app;
      await page.getByTestId('article-list-empty').waitFor();

      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-form').waitFor();
      assert.equal(await page.getByTestId('settings-title').inputValue(), SETTINGS.title);
      assert.match((await page.locator('h1').textContent()) ?? '', /Settings/);
      assert.equal(await page.getByTestId('nav-settings').getAttribute('aria-current'), 'page');

      await page.getByTestId('nav-articles').click();
      await page.getByTestId('article-list-empty').waitFor();
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('dark mode renders every badge kind', async () => {
    const statuses = /** @type {const} */ (['draft', 'review', 'ready', 'published']);
    const many = [
      ...THREE_ARTICLES,
      ...statuses.map((status, i) => ({
        host_state: i === 3 ? /** @type {const} */ ('live') : i === 2 ? /** @type {const} */ ('changed') : undefined,
        ...summary(article({
          id: 10 + i,
          title: `Partner spotlight #${i + 1}: community water monitors`,
          status,
          date: `2025-0${i + 1}-1${i}`,
          section: ['stories', 'campaigns', 'press', 'news'][i] ?? 'news',
          summary: i % 2 ? null : 'Volunteers in three villages now test water quality every week.',
        })),
      })),
    ];
    const app = await openApp(ctx.browser, ctx.server.url, {
      now: NOW,
      colorScheme: 'dark',
      routes: { site_info: { result: SITE }, list_articles: { result: many } },
    });
    try {
      const { page } = app;
      await page.getByTestId('article-item').nth(many.length - 1).waitFor();
      const kinds = await page
        .getByTestId('status-badge')
        .evaluateAll((els) => els.map((el) => el.className.replace(/.*badge-/, '')));
      assert.deepEqual(new Set(kinds), new Set(['draft', 'review', 'ready', 'published', 'scheduled']));
      assert.deepEqual(app.problems, []);
      await screenshot(page, 'articles-dark.png');
    } finally {
      await app.close();
    }
  });
});
