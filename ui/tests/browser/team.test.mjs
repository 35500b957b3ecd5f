import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { axeProblems, openApp, screenshot, useBrowser } from './harness.mjs';
import { article } from './fixtures.mjs';
import { CONFLICT, FakeTeamBackend, INVITATION } from './team-fixtures.mjs';

const NOW = new Date('2025-06-15T12:00:00Z');

/**
 * Opens the app on a fake team backend, on the Articles screen.
 * @param {import('playwright-core').Browser} browser @param {string} url @param {FakeTeamBackend} backend
 */
async function open(browser, url, backend) {
  const app = await openApp(browser, url, { now: NOW, routes: {}, handlers: backend.handlers() });
  await app.page.getByTestId('article-item').first().waitFor();
  return app;
}

describe('team sync (built app, mocked IPC)', () => {
  const ctx = useBrowser();

  test('a site on its own starts a team on a host and shows the invitation to copy', async () => {
    const backend = new FakeTeamBackend();
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      assert.equal(await page.getByTestId('sync-state').count(), 0, 'no indicator for a site on its own');
      await page.getByTestId('nav-settings').click();
      const card = page.getByTestId('team-card');
      await card.waitFor();
      assert.deepEqual(await page.getByTestId('team-target').locator('option').allTextContents(), [
        'live · sftp://www.riverbank.example/var/www',
        'private · webdavs://files.riverbank.example/team',
      ]);
      await page.getByTestId('team-target').selectOption('private');
      await page.getByTestId('team-start').click();
      assert.equal(await page.getByTestId('team-invitation').inputValue(), INVITATION);
      assert.match(await page.getByTestId('team-result').textContent() ?? '', /started on “private”: 12 items sent/);
      assert.deepEqual(backend.calls('team_create'), [{ target: 'private' }]);
      // Started: the card shows the team, and the sidebar its sync state.
      await page.getByTestId('team-members').waitFor();
      assert.equal(await page.getByTestId('sync-state').textContent(), 'Synced');
      assert.ok(backend.calls('team_sync').length >= 1, 'a sync follows the start');

      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.server.url });
      await page.getByTestId('team-copy').click();
      await page.getByTestId('team-copy').getByText('Copied').waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), INVITATION);
      assert.deepEqual(await axeProblems(page), []);
      await screenshot(page, 'team-started.png');
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('a colleague’s article appears after a sync, and "Sync now" syncs', async () => {
    const backend = new FakeTeamBackend({ inTeam: true });
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      await page.getByTestId('sync-state').getByText('Synced').waitFor();
      assert.equal(await page.getByTestId('article-item').count(), 1);
      backend.incoming.push(article({ id: 8, title: 'Boat trip for volunteers', updated_by: 'Bob Jones' }));
      await page.getByTestId('sync-state').click();
      await page.getByTestId('article-title').getByText('Boat trip for volunteers').waitFor();
      assert.equal(await page.getByTestId('article-item').count(), 2);

      await page.getByTestId('nav-settings').click();
      assert.match(await page.getByTestId('team-members').textContent() ?? '', /Ana Costa \(you\).*Bob Jones/s);
      assert.match(await page.getByTestId('team-status').textContent() ?? '', /Last sync .* nothing to send/);
      const before = backend.calls('team_sync').length;
      await page.getByTestId('team-sync-now').click();
      await page.waitForFunction(() => !document.querySelector('[data-testid="team-sync-now"]')?.hasAttribute('disabled'));
      assert.equal(backend.calls('team_sync').length, before + 1);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('an offline host is said, not shown as an error banner', async () => {
    const backend = new FakeTeamBackend({ inTeam: true });
    backend.fail.team_sync = { code: 'host', message: 'Connecting to files.riverbank.example failed: no route to host' };
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      const state = page.getByTestId('sync-state');
      await state.getByText('Offline').waitFor();
      assert.equal(await state.getAttribute('data-state'), 'offline');
      assert.match(await state.getAttribute('title') ?? '', /no route to host/);
      assert.equal(await page.getByTestId('error-banner').count(), 0);
      // It comes back with the next try.
      await state.click();
      await state.getByText('Synced').waitFor();
    } finally {
      await app.close();
    }
  });

  test('after a colleague made a new team key, the indicator leads to Settings → Team, where the new invitation is pasted', async () => {
    const backend = new FakeTeamBackend({ inTeam: true });
    backend.fail.team_sync = {
      code: 'team_key',
      message:
        'The team space no longer opens with this site’s team key: a member made a new team key (`masthead team rekey`). Ask them for the new invitation and run `masthead --site THIS_SITE team join INVITATION`; nothing saved here is lost meanwhile.',
    };
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      const state = page.getByTestId('sync-state');
      await state.getByText('Sync stopped').waitFor();
      assert.match(await state.getAttribute('title') ?? '', /paste the new invitation/);
      await state.click();
      const card = page.getByTestId('team-card');
      await card.waitFor();
      const field = card.getByTestId('team-new-invitation');
      await field.waitFor();
      // Nothing pasted: said, nothing called.
      await card.getByTestId('team-take-key').click();
      await card.getByTestId('team-result').getByText(/Paste the new invitation/).waitFor();
      assert.equal(backend.calls('team_take_new_key').length, 0);
      assert.deepEqual(await axeProblems(page, '[data-testid="team-card"]'), []);
      await field.fill(`  ${INVITATION}-new\n`);
      await card.getByTestId('team-take-key').click();
      await card.getByTestId('team-result').getByText(/has the team’s new key: 2 items received, 3 sent/).waitFor();
      assert.deepEqual(backend.calls('team_take_new_key'), [{ invitation: `${INVITATION}-new` }]);
      // The sync that follows goes through: the form goes, the indicator is back to normal.
      await state.getByText('Synced').waitFor();
      await field.waitFor({ state: 'detached' });
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('an article with two versions: the banner, both texts side by side, keep theirs', async () => {
    const backend = new FakeTeamBackend({ inTeam: true, conflicts: [CONFLICT] });
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      const banner = page.getByTestId('conflict-banner');
      await banner.waitFor();
      assert.match(await banner.textContent() ?? '', /“Harbour cleanup” has two versions: yours and Bob Jones’s/);
      await page.getByTestId('conflict-compare').click();
      const view = page.getByTestId('two-versions');
      await view.waitFor();
      assert.match(await page.getByTestId('version-mine').textContent() ?? '', /Bring gloves\. Ana brings bags\./);
      assert.match(await page.getByTestId('version-theirs').textContent() ?? '', /Bring gloves and boots\./);
      // Only the paragraph that differs is marked, on each side.
      assert.deepEqual(await page.getByTestId('version-mine').locator('.changed').allTextContents(), [
        'Bring gloves. Ana brings bags.\n',
      ]);
      assert.deepEqual(await page.getByTestId('version-theirs').locator('.changed').allTextContents(), [
        'Bring gloves and boots.\n',
      ]);
      assert.deepEqual(await axeProblems(page, '[data-testid="two-versions"]'), []);
      await screenshot(page, 'team-two-versions.png');

      await page.getByTestId('keep-theirs').click();
      await view.waitFor({ state: 'detached' });
      await banner.waitFor({ state: 'detached' });
      assert.deepEqual(backend.calls('team_resolve'), [{ entity: 'article:harbour-cleanup', keep: 'theirs' }]);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('two versions: edit a merged text that starts with both paragraphs, and save it', async () => {
    const backend = new FakeTeamBackend({ inTeam: true, conflicts: [CONFLICT] });
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      await page.getByTestId('conflict-compare').click();
      await page.getByTestId('edit-merged').click();
      const text = page.getByTestId('merged-text');
      assert.equal(await text.inputValue(), CONFLICT.merged_body, 'both paragraphs, no conflict markers');
      assert.doesNotMatch(await text.inputValue(), /<<<|>>>/);
      assert.deepEqual(await axeProblems(page, '[data-testid="two-versions"]'), []);
      // Back to both versions and again: the texts side by side are still there.
      await page.getByTestId('merged-back').click();
      await page.getByTestId('version-mine').waitFor();
      await page.getByTestId('edit-merged').click();
      const merged = 'The harbour cleanup starts on Saturday.\n\nBring gloves and boots. Ana brings bags.\n';
      await text.fill(merged);
      await page.getByTestId('save-merged').click();
      await page.getByTestId('two-versions').waitFor({ state: 'detached' });
      await page.getByTestId('conflict-banner').waitFor({ state: 'detached' });
      assert.deepEqual(backend.calls('team_resolve_text'), [{ entity: 'article:harbour-cleanup', text: merged }]);
      assert.deepEqual(backend.calls('team_resolve'), []);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('two versions of something with no text (the settings): no merged text to edit', async () => {
    const settings = { ...CONFLICT, entity: 'settings', merged_body: null };
    const backend = new FakeTeamBackend({ inTeam: true, conflicts: [settings] });
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      await page.getByTestId('conflict-compare').click();
      await page.getByTestId('keep-mine').waitFor();
      assert.equal(await page.getByTestId('edit-merged').count(), 0);
    } finally {
      await app.close();
    }
  });

  test('joining: a pasted text that is no invitation is refused before anything is sent', async () => {
    const backend = new FakeTeamBackend();
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      await page.getByTestId('nav-settings').click();
      const join = page.getByTestId('join-team');
      await join.waitFor();
      assert.equal(await page.getByTestId('join-folder').inputValue(), '/home/ana/Sites/team-site');
      await page.getByTestId('join-invitation').fill('hello Ana, here is the link');
      await page.getByTestId('join-team-start').click();
      assert.match(await page.getByTestId('join-team-result').textContent() ?? '', /not a Masthead team invitation/);
      assert.deepEqual(backend.calls('team_join'), []);

      await page.getByTestId('join-invitation').fill(`  ${INVITATION}\n`);
      await page.getByTestId('join-user').fill('bob');
      await page.getByTestId('join-secret').fill('s3cret');
      await page.getByTestId('join-team-start').click();
      // The joined site opens: the page reloads on it.
      await page.waitForFunction(() => document.querySelector('[data-testid="join-team"]') === null);
      assert.deepEqual(backend.calls('team_join'), [
        { folder: '/home/ana/Sites/team-site', invitation: INVITATION, user: 'bob', keyFile: null, secret: 's3cret' },
      ]);
    } finally {
      await app.close();
    }
  });
});
