/**
 * Clicking a problem found before publishing opens the item at the field, with the field
 * highlighted and the problem's message next to it (built app, mocked IPC).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openApp, useBrowser } from './harness.mjs';
import { everyScreen, NOW, realProblems } from './screens-fixtures.mjs';

/** @typedef {import('playwright-core').Page} Page */

const ARTICLE = 'spring-river-clean-up-2-tonnes-of-waste-removed-from-the-lower-weir';

const PROBLEMS = [
  {
    severity: 'error',
    code: 'summary_long',
    message: 'The summary is too long for search results.',
    entity: `article:${ARTICLE}`,
    field: 'summary',
    title: 'Spring river clean-up',
  },
  {
    severity: 'error',
    code: 'slide_link',
    message: 'The slide links to a page that does not exist.',
    entity: 'slide:join-the-world-environment-day-walk',
    field: 'link',
    title: 'Join the World Environment Day walk',
  },
  {
    severity: 'warning',
    code: 'no_base_url',
    message: 'Set the website address so links shared on social media work.',
    entity: 'site',
    field: 'base_url',
    title: '',
  },
];

/** @param {import('playwright-core').Browser} browser @param {string} url */
const open = (browser, url) =>
  openApp(browser, url, { now: NOW, routes: {}, handlers: { ...everyScreen(), check_site: () => PROBLEMS } });

/** @param {Page} page @param {string} message */
async function clickProblem(page, message) {
  await page.getByTestId('nav-publish').click();
  await page.getByTestId('publish-button').click();
  await page.getByTestId('publish-problem').filter({ hasText: message }).getByRole('button').click();
}

/**
 * The field is focused, highlighted, and described by the visible note with the message.
 * @param {Page} page @param {string} testid @param {string} message
 */
async function assertAtField(page, testid, message) {
  const field = page.getByTestId(testid);
  await page.waitForFunction(
    (id) => document.activeElement === document.querySelector(`[data-testid="${id}"]`),
    testid,
  );
  assert.match((await field.getAttribute('class')) ?? '', /field-highlight/);
  const note = page.getByTestId('problem-note');
  assert.match(await note.innerText(), new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const noteId = await note.getAttribute('id');
  assert.ok(noteId);
  assert.ok(((await field.getAttribute('aria-describedby')) ?? '').split(' ').includes(noteId));
  assert.ok(await field.isVisible());
}

describe('problems before publishing lead to the field', () => {
  const ctx = useBrowser();

  test('an article field inside the closed "Article details" opens it, focused and highlighted', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await page.getByTestId('article-item').first().waitFor();
      await clickProblem(page, 'The summary is too long');
      await page.getByTestId('editor').waitFor();
      await assertAtField(page, 'summary-input', 'The summary is too long for search results.');
      assert.equal(await page.getByTestId('meta-panel').evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open), true);
      // The panel keeps owning its state: the user can close it again.
      await page.locator('[data-testid="meta-panel"] > summary').click();
      assert.equal(await page.getByTestId('meta-panel').evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open), false);
      assert.deepEqual(realProblems(app.problems), []);
    } finally {
      await app.close();
    }
  });

  test('a slide problem opens that slide at the field', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await page.getByTestId('article-item').first().waitFor();
      await clickProblem(page, 'links to a page');
      await assertAtField(page, 'slide-link', 'The slide links to a page that does not exist.');
      assert.equal(await page.getByTestId('slide-headline').inputValue(), 'Join the World Environment Day walk');
      assert.deepEqual(realProblems(app.problems), []);
    } finally {
      await app.close();
    }
  });

  test('a site problem opens Settings at the field; the highlight goes when the user leaves', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await page.getByTestId('article-item').first().waitFor();
      await clickProblem(page, 'Set the website address');
      await assertAtField(page, 'settings-base-url', 'Set the website address so links shared on social media work.');
      await page.getByTestId('nav-articles').click();
      await page.getByTestId('article-item').first().waitFor();
      assert.equal(await page.getByTestId('problem-note').count(), 0);
      assert.deepEqual(realProblems(app.problems), []);
    } finally {
      await app.close();
    }
  });
});
