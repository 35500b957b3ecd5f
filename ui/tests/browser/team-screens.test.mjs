import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { article } from './fixtures.mjs';
import { openApp, useBrowser } from './harness.mjs';
import { NOW, PAGES, SLIDES, everyScreen, realProblems } from './screens-fixtures.mjs';
import { FakeTeamBackend } from './team-fixtures.mjs';

/**
 * Every screen on a site in a team: colleagues' pages and slides come in with a sync, one per
 * sync, as the fake team backend's articles do.
 */
function teamSite() {
  const team = new FakeTeamBackend({ inTeam: true });
  team.articles = [
    article({ id: 7, title: 'Harbour cleanup', updated_by: 'Bob Jones', updated_at: '2025-06-15T11:55:00Z' }),
    article({ id: 8, title: 'Boat trip', updated_by: 'Ana Costa', updated_at: '2025-06-12T09:00:00Z' }),
  ];
  const pages = structuredClone(PAGES);
  const slides = structuredClone(SLIDES);
  /** @type {(() => void)[]} */
  const incoming = [];
  const handlers = {
    ...everyScreen(),
    ...team.handlers(),
    list_pages: () => pages.map((p) => ({ ...p, body: '' })),
    list_slides: () => structuredClone(slides),
    team_sync: () => {
      incoming.shift()?.();
      return { sent: 0, received: 1, merged: 0, conflicts: 0, failed: [], ms: 3 };
    },
  };
  return { handlers, pages, slides, incoming };
}

describe('a team site: who changed what, and screens that refresh (built app, mocked IPC)', () => {
  const ctx = useBrowser();

  test('the article list says who changed each article last, and when', async () => {
    const site = teamSite();
    const app = await openApp(ctx.browser, ctx.server.url, { now: NOW, routes: {}, handlers: site.handlers });
    try {
      const { page } = app;
      const changed = page.getByTestId('article-changed');
      await changed.first().waitFor();
      assert.deepEqual(await changed.allTextContents().then((t) => t.map((s) => s.trim().replace(/\s+/g, ' '))), [
        'Changed by Ana Costa, on 12 Jun 2025',
        'Changed by Bob Jones, 5 min ago',
      ]);
      assert.deepEqual(realProblems(app.problems), []);
    } finally {
      await app.close();
    }
  });

  test('Settings → Team: a new team key, after a confirmation, and the new invitation to copy', async () => {
    const site = teamSite();
    const app = await openApp(ctx.browser, ctx.server.url, { now: NOW, routes: {}, handlers: site.handlers });
    try {
      const { page } = app;
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('team-members').waitFor();
      /** @type {string[]} */
      const asked = [];
      page.once('dialog', (d) => {
        asked.push(d.message());
        void d.dismiss();
      });
      await page.getByTestId('team-rekey').click();
      await page.waitForFunction(() => true);
      assert.match(asked[0] ?? '', /change it too/);
      assert.equal(await page.getByTestId('team-invitation').count(), 0, 'nothing done when not confirmed');
      page.once('dialog', (d) => void d.accept());
      await page.getByTestId('team-rekey').click();
      const field = page.getByTestId('team-invitation');
      await field.waitFor();
      assert.match(await field.inputValue(), /-new$/);
      assert.match(await page.getByTestId('team-result').textContent() ?? '', /every member who stays/);
      assert.deepEqual(realProblems(app.problems), []);
    } finally {
      await app.close();
    }
  });

  test('a colleague’s page and slide appear on the Pages and Slides screens after a sync', async () => {
    const site = teamSite();
    const app = await openApp(ctx.browser, ctx.server.url, { now: NOW, routes: {}, handlers: site.handlers });
    try {
      const { page } = app;
      await page.getByTestId('article-item').first().waitFor();
      await page.getByTestId('nav-pages').click();
      await page.getByTestId('page-item').first().waitFor();
      assert.equal(await page.getByTestId('page-item').count(), PAGES.length);
      site.incoming.push(() =>
        site.pages.push({ .../** @type {any} */ (PAGES[0]), id: 31, title: 'Volunteer with us', slug: 'volunteer', updated_by: 'Bob Jones' }),
      );
      await page.getByTestId('sync-state').click();
      await page.getByTestId('page-title').getByText('Volunteer with us').waitFor();

      await page.getByTestId('nav-slides').click();
      await page.getByTestId('slide-item').first().waitFor();
      assert.equal(await page.getByTestId('slide-item').count(), SLIDES.length);
      // Bob's new slide, and Bob moved the last slide to the top.
      site.incoming.push(() => {
        const last = /** @type {any} */ (site.slides.pop());
        site.slides.unshift({ ...last, position: 0 });
        site.slides.push({ .../** @type {any} */ (SLIDES[0]), id: 41, headline: 'River festival in July', slug: 'river-festival', position: 9 });
      });
      await page.getByTestId('sync-state').click();
      await page.getByTestId('slide-item-headline').getByText('River festival in July').waitFor();
      const headlines = await page.getByTestId('slide-item-headline').allTextContents();
      assert.equal(headlines[0], 'Donate to keep the river clean', `${headlines}`);
      assert.deepEqual(realProblems(app.problems), []);
    } finally {
      await app.close();
    }
  });
});
