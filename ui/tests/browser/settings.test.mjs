import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { axeProblems, openApp, screenshot, useBrowser } from './harness.mjs';
import { FakeSettingsBackend, SETTINGS, SITES } from './settings-fixtures.mjs';

/** The page's clock is frozen here: the default backup file name carries the date. */
const NOW = new Date('2025-06-15T12:00:00Z');

/**
 * Opens the app on a fake settings backend and goes to the Settings screen.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{ backend?: FakeSettingsBackend, colorScheme?: 'light' | 'dark', stay?: boolean }} [options]
 */
async function open(browser, url, options = {}) {
  const backend = options.backend ?? new FakeSettingsBackend();
  const app = await openApp(browser, url, {
    now: NOW,
    colorScheme: options.colorScheme,
    routes: {},
    handlers: backend.handlers(),
  });
  if (!options.stay) {
    await app.page.getByTestId('article-list-empty').waitFor();
    await app.page.getByTestId('nav-settings').click();
    await app.page.getByTestId('settings-form').waitFor();
  }
  return { ...app, backend };
}

/** @param {import('playwright-core').Page} page */
const saveState = (page) => page.getByTestId('settings-save-status').getAttribute('data-state');

/** @param {import('playwright-core').Page} page @param {string} state */
async function waitForSaveState(page, state) {
  await page.waitForFunction(
    (s) => document.querySelector('[data-testid="settings-save-status"]')?.getAttribute('data-state') === s,
    state,
  );
}

describe('settings screen (built app, mocked IPC)', () => {
  const ctx = useBrowser();

  test('loads the settings, edits the title, accent and sections, and saves them', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page, backend } = app;
      assert.equal(await page.getByTestId('settings-title').inputValue(), SETTINGS.title);
      assert.equal(await page.getByTestId('settings-base-url').inputValue(), SETTINGS.base_url);
      assert.equal(await page.getByTestId('settings-timezone').inputValue(), 'Europe/Brussels');
      assert.equal(await page.getByTestId('settings-accent').inputValue(), '#0b6e4f');
      assert.equal(await page.getByTestId('settings-logo').inputValue(), 'media:logo.svg');
      assert.equal(await page.getByTestId('section-row').count(), 3);
      assert.equal(await page.getByTestId('navigation-row').count(), 2);
      assert.equal(await page.getByTestId('partner-row').getByTestId('partner-logo').inputValue(), 'media:water-trust.png');
      // Only images are offered for the logo: the PDF is not.
      const logoOptions = await page.getByTestId('settings-logo').locator('option').allTextContents();
      assert.deepEqual(logoOptions, ['None', 'logo.svg (240×60)', 'river-at-dawn.jpg (1600×900)', 'water-trust.png (300×120)']);
      assert.equal(await saveState(page), 'saved');
      assert.equal(await page.getByTestId('settings-save').isDisabled(), true);
      assert.equal(await page.getByTestId('editor-name').inputValue(), 'Ana Costa');
      assert.equal(await page.getByTestId('sites-current').textContent(), SITES.current);
      assert.deepEqual(await axeProblems(page), []);
      await screenshot(page, 'settings.png');

      await page.getByTestId('settings-title').fill('Riverbank Water Alliance');
      await waitForSaveState(page, 'unsaved');
      // The text box takes a colour as typed; the picker follows.
      await page.getByTestId('settings-accent').fill('#C0392B');
      assert.equal(await page.getByTestId('settings-accent-picker').inputValue(), '#c0392b');

      const rows = page.getByTestId('section-row');
      await rows.nth(2).getByTestId('section-title').fill('Reports and studies');
      await rows.nth(1).getByTestId('section-home').uncheck();
      // A new section takes its slug from its title, and moves up one place.
      await page.getByTestId('section-add').click();
      const added = rows.nth(3);
      assert.equal(await added.getByTestId('section-title').evaluate((el) => el === document.activeElement), true);
      await added.getByTestId('section-title').fill('Our stories');
      await added.getByTestId('section-title').press('Tab');
      assert.equal(await added.getByTestId('section-slug').inputValue(), 'our-stories');
      await added.getByTestId('section-up').click();
      assert.equal(await rows.nth(2).getByTestId('section-slug').inputValue(), 'our-stories');

      await page.getByTestId('settings-save').click();
      await waitForSaveState(page, 'saved');
      assert.equal((await page.getByTestId('settings-save-status').textContent())?.trim(), 'Saved');
      const saves = backend.calls('save_settings');
      assert.equal(saves.length, 1);
      assert.deepEqual(saves[0].settings, {
        ...SETTINGS,
        title: 'Riverbank Water Alliance',
        accent_color: '#c0392b',
        sections: [
          { slug: 'news', title: 'News', home: true },
          { slug: 'events', title: 'Events', home: false },
          { slug: 'our-stories', title: 'Our stories', home: false },
          { slug: 'reports', title: 'Reports and studies', home: false },
        ],
      });
      assert.equal(await page.title(), 'Riverbank Water Alliance · Masthead');
      assert.equal(await page.getByTestId('settings-save').isDisabled(), true);
      assert.equal(await page.getByTestId('error-banner').count(), 0);
      assert.deepEqual((await app.recorded()).cspViolations, []);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('checks fields before saving, and shows the backend’s message next to its field', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page, backend } = app;
      // Caught here: nothing is sent.
      const reports = page.getByTestId('section-row').nth(2);
      await reports.getByTestId('section-slug').fill('Our Reports');
      const slugNote = reports.getByTestId('settings-problem');
      assert.match((await slugNote.textContent()) ?? '', /lower-case letters/);
      await page.getByTestId('settings-base-url').fill('www.riverbank.example');
      await page.getByTestId('settings-save').click();
      await waitForSaveState(page, 'error');
      assert.match((await page.getByTestId('settings-save-status').textContent()) ?? '', /fix the 2 marked fields/);
      assert.equal(await reports.getByTestId('section-slug').getAttribute('aria-invalid'), 'true');
      assert.match(
        (await page.locator('[data-testid="settings-problem"][data-field="base_url"]').textContent()) ?? '',
        /try https:\/\/www\.riverbank\.example/,
      );
      assert.equal(backend.calls('save_settings').length, 0);

      await reports.getByTestId('section-slug').fill('our-reports');
      await page.getByTestId('settings-base-url').fill('https://www.riverbank.example');
      // Only the backend knows its time zones.
      await page.getByTestId('settings-timezone').fill('Europe/Brusels');
      await page.getByTestId('settings-save').click();
      const note = page.locator('[data-testid="settings-problem"][data-field="timezone"]');
      await note.waitFor();
      assert.equal((await note.textContent())?.trim(), '`Europe/Brusels` is not a known time zone, like Europe/Brussels.');
      await waitForSaveState(page, 'error');
      assert.equal((await page.getByTestId('settings-save-status').textContent())?.trim(), 'Not saved: see Time zone.');
      const zone = page.getByTestId('settings-timezone');
      assert.equal(await zone.getAttribute('aria-invalid'), 'true');
      assert.equal(await zone.evaluate((el) => el === document.activeElement), true);
      assert.equal(backend.calls('save_settings')[0]?.settings.base_url, 'https://www.riverbank.example/');
      assert.equal(await page.getByTestId('error-banner').count(), 0);
      await screenshot(page, 'settings-invalid.png');

      // Editing the field clears the message; the next save goes through.
      await zone.fill('Europe/Brussels');
      await note.waitFor({ state: 'detached' });
      await page.getByTestId('settings-save').click();
      await waitForSaveState(page, 'saved');
      assert.equal(backend.settings.sections[2]?.slug, 'our-reports');
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('asks before leaving with unsaved settings', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page, backend } = app;
      await page.getByTestId('settings-tagline').fill('Every village, clean water');
      await page.getByTestId('nav-articles').click();
      const dialog = page.getByTestId('settings-leave-dialog');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Stay here' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('settings-tagline').inputValue(), 'Every village, clean water');

      await page.getByTestId('nav-articles').click();
      await page.getByTestId('settings-leave-save').click();
      await page.getByTestId('article-list-empty').waitFor();
      assert.equal(backend.calls('save_settings')[0]?.settings.tagline, 'Every village, clean water');
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('saves the editor’s name on its own', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page, backend } = app;
      const name = page.getByTestId('editor-name');
      const save = page.getByTestId('editor-name-save');
      assert.equal(await save.isDisabled(), true);
      await name.fill('   ');
      await save.click();
      const status = page.getByTestId('editor-name-status');
      assert.equal(await status.getAttribute('data-state'), 'error');
      assert.equal(backend.calls('set_editor_name').length, 0);

      await name.fill('Ana Costa Pereira');
      await save.click();
      await page.locator('[data-testid="editor-name-status"][data-state="saved"]').waitFor();
      assert.deepEqual(backend.calls('set_editor_name'), [{ name: 'Ana Costa Pereira' }]);
      assert.equal(backend.editorName, 'Ana Costa Pereira');
      assert.equal(await save.isDisabled(), true);
      // The site settings are not touched.
      assert.equal(backend.calls('save_settings').length, 0);
      assert.equal(await saveState(page), 'saved');

      backend.fail.set_editor_name = { code: 'io', message: 'The preferences file could not be written.' };
      await name.fill('Ana');
      await save.click();
      await page.locator('[data-testid="editor-name-status"][data-state="error"]').waitFor();
      assert.equal((await status.textContent())?.trim(), 'The preferences file could not be written.');
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('sites: back up, export, import, remove the demo content, create and open sites', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page, backend } = app;
      const backupPath = '/home/ana/Documents/masthead-backup-2025-06-15.tar';
      assert.equal(await page.getByTestId('site-backup-path').inputValue(), backupPath);
      assert.equal(await page.getByTestId('site-export-path').inputValue(), '/home/ana/Documents/masthead-export');
      assert.equal(await page.getByTestId('site-create-path').inputValue(), SITES.suggested_folder);
      assert.equal(await page.getByTestId('site-restore-file').inputValue(), backupPath);
      const recent = await page.getByTestId('site-recent').evaluateAll((els) => els.map((el) => el.getAttribute('data-path')));
      assert.deepEqual(recent, SITES.recent.slice(1));

      await page.getByTestId('site-backup').click();
      const backup = page.getByTestId('site-backup-result');
      await page.locator('[data-testid="site-backup-result"][data-state="ok"]').waitFor();
      assert.match((await backup.textContent()) ?? '', new RegExp(`Backed up to ${backupPath.replace(/[.]/g, '\\.')}\\.`));
      assert.deepEqual(backend.calls('backup_site'), [{ file: backupPath }]);

      await page.getByTestId('site-export').click();
      await page.locator('[data-testid="site-export-result"][data-state="ok"]').waitFor();
      assert.equal(
        (await page.getByTestId('site-export-result').textContent())?.trim(),
        'Wrote 42 files to /home/ana/Documents/masthead-export.',
      );

      await page.getByTestId('site-import-path').fill('/home/ana/Downloads/partner-site');
      await page.getByTestId('site-import').click();
      await page.locator('[data-testid="site-import-result"][data-state="ok"]').waitFor();
      assert.equal(
        (await page.getByTestId('site-import-result').textContent())?.trim(),
        'Imported: 3 new, 1 updated, 12 unchanged.',
      );
      assert.deepEqual(backend.calls('import_folder'), [{ folder: '/home/ana/Downloads/partner-site' }]);

      await page.getByTestId('remove-demo').click();
      const confirm = page.getByTestId('remove-demo-dialog');
      await confirm.waitFor();
      assert.match((await confirm.textContent()) ?? '', /trash/);
      assert.deepEqual(await axeProblems(page), []);
      await confirm.getByRole('button', { name: 'Keep it' }).click();
      await confirm.waitFor({ state: 'detached' });
      assert.equal(backend.calls('remove_demo_content').length, 0);
      await page.getByTestId('remove-demo').click();
      await page.getByTestId('remove-demo-confirm').click();
      await page.locator('[data-testid="remove-demo-result"][data-state="ok"]').waitFor();
      assert.equal((await page.getByTestId('remove-demo-result').textContent())?.trim(), 'Moved 17 items to the trash.');

      // A refusal shows next to its button, and nothing reloads.
      backend.fail.create_site = { code: 'invalid', message: 'The folder /home/ana/Sites/new-site is not empty.' };
      await page.getByTestId('site-create-demo').check();
      await page.getByTestId('site-create').click();
      await page.locator('[data-testid="site-create-result"][data-state="error"]').waitFor();
      assert.equal(
        (await page.getByTestId('site-create-result').textContent())?.trim(),
        'The folder /home/ana/Sites/new-site is not empty.',
      );
      assert.deepEqual(backend.calls('create_site'), [{ path: SITES.suggested_folder, demo: true }]);
      await screenshot(page, 'settings-sites.png');

      // "Choose…" fills a folder field from the system's folder picker; cancelling leaves it.
      await page.getByTestId('site-open-choose').click();
      await page.waitForFunction(
        () => /** @type {HTMLInputElement | null} */ (document.querySelector('[data-testid="site-open-path"]'))?.value === '/home/ana/Sites/picked',
      );
      backend.chosenFolder = null;
      const createPath = await page.getByTestId('site-create-path').inputValue();
      await page.getByTestId('site-create-choose').click();
      for (let i = 0; i < 50 && backend.calls('choose_folder').length < 2; i++) await page.waitForTimeout(20);
      assert.deepEqual(backend.calls('choose_folder'), [{ title: 'Open a Masthead site' }, { title: 'Folder for the new site' }]);
      assert.equal(await page.getByTestId('site-create-path').inputValue(), createPath);

      // Opening another site reloads the window on it.
      await Promise.all([
        page.waitForEvent('load'),
        page.getByTestId('site-recent').nth(0).getByTestId('site-open').click(),
      ]);
      assert.deepEqual(backend.calls('open_site'), [{ path: '/home/ana/Sites/youth-network' }]);
      await page.getByTestId('article-list-empty').waitFor();
      await page.getByText('/home/ana/Sites/youth-network').first().waitFor();
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('the first-run welcome points to write, preview and publish, and goes away for good', async () => {
    const backend = new FakeSettingsBackend();
    backend.welcome = true;
    const app = await open(ctx.browser, ctx.server.url, { backend, stay: true });
    try {
      const { page } = app;
      const welcome = page.getByTestId('welcome');
      await welcome.waitFor();
      const text = (await welcome.textContent()) ?? '';
      for (const word of ['Write', 'Preview', 'Publish', 'New article', 'add your host']) assert.ok(text.includes(word), word);
      assert.equal(await welcome.getAttribute('role'), 'dialog');
      assert.deepEqual(await axeProblems(page), []);
      await screenshot(page, 'welcome.png');

      await page.getByTestId('welcome-dismiss').click();
      await welcome.waitFor({ state: 'detached' });
      assert.equal(backend.calls('dismiss_welcome').length, 1);
      assert.equal(await page.getByTestId('nav-articles').getAttribute('aria-current'), 'page');

      // Dismissed: a reload shows no welcome.
      await page.reload();
      await page.getByTestId('article-list-empty').waitFor();
      await page.waitForFunction(() =>
        /** @type {any} */ (window).__MASTHEAD_TEST__.calls.some((/** @type {any} */ c) => c.cmd === 'should_welcome'),
      );
      await page.waitForTimeout(100);
      assert.equal(await welcome.count(), 0);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('the welcome’s Publish button goes to the Publish screen', async () => {
    const backend = new FakeSettingsBackend();
    backend.welcome = true;
    const app = await open(ctx.browser, ctx.server.url, { backend, stay: true, colorScheme: 'dark' });
    try {
      const { page } = app;
      await page.getByTestId('welcome').waitFor();
      await screenshot(page, 'welcome-dark.png');
      await page.getByTestId('welcome-publish').click();
      await page.getByTestId('welcome').waitFor({ state: 'detached' });
      await page.getByTestId('publish-button').waitFor();
      assert.equal(await page.getByTestId('nav-publish').getAttribute('aria-current'), 'page');
      assert.equal(backend.calls('dismiss_welcome').length, 1);

      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-form').waitFor();
      assert.deepEqual(await axeProblems(page), []);
      await screenshot(page, 'settings-dark.png');
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });
});
