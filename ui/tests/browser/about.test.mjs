import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openApp, screenshot, useBrowser } from './harness.mjs';
import { FakeSettingsBackend } from './settings-fixtures.mjs';

const FEED = 'https://updates.riverbank.example/masthead/latest.json';
const RELEASE = {
  state: 'available',
  version: '0.2.0',
  notes: '* Settings → About checks for updates\n* Faster publishing',
  date: '2027-01-15T09:00:00Z',
};

/**
 * The Settings backend plus the update commands, answered in Node; `install` is held until the
 * test lets it finish, so the progress bar can be seen.
 */
class FakeAbout extends FakeSettingsBackend {
  constructor() {
    super();
    /** @type {import('../../src/lib/ipc').UpdateSettings} */
    this.update = { version: '0.1.0', feed: FEED, chosen_feed: null, check_on_start: true, last_check: null };
    /** @type {unknown} */
    this.outcome = RELEASE;
    /** @type {unknown} */
    this.found = null;
    /** @type {((error?: unknown) => void) | null} */
    this.finishInstall = null;
  }

  handlers() {
    return {
      ...super.handlers(),
      update_settings: () => structuredClone(this.update),
      save_update_settings: (/** @type {{ feed: string | null, checkOnStart: boolean }} */ { feed, checkOnStart }) => {
        this.record('save_update_settings', { feed, checkOnStart });
        if (feed && !feed.startsWith('https://')) {
          throw { code: 'invalid', message: `“${feed}” is not an update feed's address.` };
        }
        this.update = { ...this.update, chosen_feed: feed, feed: feed ?? FEED, check_on_start: checkOnStart };
        return structuredClone(this.update);
      },
      check_for_update: () => {
        this.record('check_for_update', {});
        if ('code' in /** @type {object} */ (this.outcome)) throw this.outcome;
        return structuredClone(this.outcome);
      },
      found_update: () => structuredClone(this.found),
      install_update: () => {
        this.record('install_update', {});
        return new Promise((resolve, reject) => {
          this.finishInstall = (error) => (error ? reject(error) : resolve(null));
        });
      },
      restart_app: () => {
        this.record('restart_app', {});
        return null;
      },
    };
  }
}

/** @param {import('playwright-core').Browser} browser @param {string} url @param {FakeAbout} backend */
async function open(browser, url, backend) {
  const app = await openApp(browser, url, { routes: {}, handlers: backend.handlers() });
  await app.page.getByTestId('article-list-empty').waitFor();
  await app.page.getByTestId('nav-settings').click();
  await app.page.getByTestId('settings-about').waitFor();
  await app.page.getByTestId('about-version').getByText('Masthead 0.1.0').waitFor();
  return app;
}

/** Sends an app event to the page's listeners, as the app's `emit` does. */
async function emit(/** @type {import('playwright-core').Page} */ page, /** @type {string} */ event, /** @type {unknown} */ payload) {
  await page.evaluate(
    ([event, payload]) => {
      const w = /** @type {any} */ (window);
      for (const call of w.__MASTHEAD_TEST__.calls) {
        if (call.cmd === 'plugin:event|listen' && call.args.event === event) {
          w.__TAURI_INTERNALS__.runCallback(call.args.handler, { event, id: 1, payload });
        }
      }
    },
    [event, payload],
  );
}

const status = (/** @type {import('playwright-core').Page} */ page) => page.getByTestId('update-status');

describe('Settings → About (built app, mocked IPC)', () => {
  const ctx = useBrowser();

  test('checks, shows the notes, installs with progress on a click, and offers a restart', async () => {
    const backend = new FakeAbout();
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      assert.match(await status(page).innerText(), /Updates come from https:\/\/updates\.riverbank\.example/);
      assert.equal(await page.getByTestId('nav-update').count(), 0, 'no mark before anything is found');
      assert.equal(await page.getByTestId('update-install').count(), 0, 'nothing to install before a check');
      await page.getByTestId('update-check').click();
      await page.getByTestId('update-install').waitFor();
      assert.equal(await status(page).innerText(), 'Masthead 0.2.0 is available.');
      assert.match(await page.getByTestId('update-release').innerText(), /What’s new in 0\.2\.0 \(2027-01-15\)/);
      assert.equal(await page.getByTestId('update-notes').innerText(), RELEASE.notes);
      assert.ok(!backend.log.some((c) => c.cmd === 'install_update'), 'nothing installs without a click');

      await page.getByTestId('update-install').click();
      await page.getByTestId('update-progress').waitFor();
      await page.waitForFunction(() => document.querySelector('[data-testid="update-status"]')?.getAttribute('data-state') === 'installing');
      await emit(page, 'masthead://update-progress', { received: 7_000_000, total: 14_000_000 });
      await page.getByTestId('update-progress-text').getByText('7.0 MB of 14.0 MB').waitFor();
      assert.equal(await page.getByTestId('update-progress').getAttribute('value'), '50');
      assert.ok(await page.getByTestId('update-check').isDisabled(), 'no second check during an install');
      await screenshot(page, 'about-installing.png');

      backend.finishInstall?.();
      await page.getByTestId('update-restart').waitFor();
      assert.equal(await status(page).innerText(), 'Masthead 0.2.0 is installed. Restart Masthead to use it.');
      await page.getByTestId('update-restart').click();
      await page.waitForFunction(() => true);
      assert.ok(backend.log.some((c) => c.cmd === 'restart_app'));
    } finally {
      await app.close();
    }
  });

  test('a refused update shows the reason and can be tried again; no update says so', async () => {
    const backend = new FakeAbout();
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      await page.getByTestId('update-check').click();
      await page.getByTestId('update-install').click();
      await page.getByTestId('update-progress').waitFor();
      const refusal = 'The downloaded update does not match its signature. Nothing was installed: this version keeps working.';
      backend.finishInstall?.({ code: 'update', message: refusal });
      await page.getByTestId('update-error').getByText(refusal).waitFor();
      assert.equal(await page.getByTestId('update-install').innerText(), 'Try again');
      assert.equal(await page.getByTestId('update-notes').innerText(), RELEASE.notes, 'the notes stay');

      backend.outcome = { state: 'up_to_date', message: 'Masthead 0.1.0 is the newest version.' };
      await page.getByTestId('update-check').click();
      await status(page).getByText('Masthead 0.1.0 is the newest version.').waitFor();
      assert.equal(await page.getByTestId('update-error').count(), 0);
      assert.equal(await page.getByTestId('update-install').count(), 0);

      backend.outcome = { code: 'update', message: 'The update feed could not be reached (Connection refused).' };
      await page.getByTestId('update-check').click();
      await page.getByTestId('update-error').getByText('Connection refused').waitFor();
      await screenshot(page, 'about-error.png');
    } finally {
      await app.close();
    }
  });

  test('the feed and the check at start are saved; a bad address is refused next to the field', async () => {
    const backend = new FakeAbout();
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      assert.ok(await page.getByTestId('update-on-start').isChecked());
      assert.ok(await page.getByTestId('update-settings-save').isDisabled(), 'nothing changed yet');
      await page.getByTestId('update-feed').fill('updates.example/latest.json');
      await page.getByTestId('update-settings-save').click();
      await page.getByTestId('update-settings-status').getByText('is not an update feed').waitFor();
      assert.equal(await page.getByTestId('update-settings-status').getAttribute('data-state'), 'error');

      await page.getByTestId('update-feed').fill('https://org.example/masthead/latest.json');
      await page.getByTestId('update-on-start').uncheck();
      await page.getByTestId('update-settings-save').click();
      await page.getByTestId('update-settings-status').getByText('Saved.').waitFor();
      const saves = backend.log.filter((c) => c.cmd === 'save_update_settings').map((c) => c.args);
      assert.deepEqual(saves.at(-1), { feed: 'https://org.example/masthead/latest.json', checkOnStart: false });
      assert.match(await status(page).innerText(), /Updates come from https:\/\/org\.example\/masthead\/latest\.json/);
    } finally {
      await app.close();
    }
  });

  test('a version found by the check at start is shown without a click', async () => {
    const backend = new FakeAbout();
    backend.found = RELEASE;
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      await app.page.getByTestId('update-install').waitFor();
      assert.equal(await status(app.page).innerText(), 'Masthead 0.2.0 is available.');
      assert.ok(!backend.log.some((c) => c.cmd === 'check_for_update'));
      // The sidebar marks Settings, so it is seen from any screen.
      assert.equal(await app.page.getByTestId('nav-update').getAttribute('title'), 'Masthead 0.2.0 is available: Settings → About');
    } finally {
      await app.close();
    }
  });
});
