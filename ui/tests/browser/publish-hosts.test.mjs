/**
 * A host a colleague shared comes without a user name or password: the Publish screen says so
 * next to the host and above the Publish button, and no more once the member has given theirs
 * (built app, mocked IPC).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openApp, useBrowser } from './harness.mjs';
import { everyScreen, NOW, realProblems } from './screens-fixtures.mjs';

const WEBSITE = { name: 'Website', url: 'sftp://www.riverbank.example/var/www/html', user: 'riverbank', key_file: null, insecure: false, last_publish: null };
const SHARED = { name: 'team-host', url: 'webdavs://files.riverbank.example/site', user: null, key_file: null, insecure: false, last_publish: null };

describe('a shared host that still needs this member’s user', () => {
  const ctx = useBrowser();

  test('is flagged on the Publish screen until a user is given', async () => {
    let needing = ['team-host'];
    const app = await openApp(ctx.browser, ctx.server.url, {
      now: NOW,
      routes: {},
      handlers: {
        ...everyScreen(),
        list_targets: () => [SHARED, WEBSITE],
        targets_needing_user: () => needing,
        save_target: () => {
          needing = [];
          return { target: { ...SHARED, user: 'ana' }, warnings: [] };
        },
      },
    });
    try {
      const { page } = app;
      await page.getByTestId('nav-publish').click();
      const host = page.locator('[data-testid="target-item"][data-name="team-host"]');
      await host.getByTestId('target-needs-user').waitFor();
      assert.equal(await page.locator('[data-testid="target-item"][data-name="Website"] [data-testid="target-needs-user"]').count(), 0);
      assert.match(await page.getByTestId('publish-needs-user').innerText(), /team-host was shared by a colleague/);
      // Another host chosen: nothing to say about it.
      await page.getByTestId('publish-target').selectOption('Website');
      assert.equal(await page.getByTestId('publish-needs-user').count(), 0);
      // The member gives their user: the notes go.
      await host.getByRole('button', { name: 'Edit' }).click();
      await page.getByTestId('target-user').fill('ana');
      await page.getByTestId('target-save').click();
      await host.getByTestId('target-needs-user').waitFor({ state: 'detached' });
      await page.getByTestId('publish-target').selectOption('team-host');
      assert.equal(await page.getByTestId('publish-needs-user').count(), 0);
      assert.deepEqual(realProblems(app.problems), []);
    } finally {
      await app.close();
    }
  });
});
