// Settings and sites in the real app: the first-run welcome, a site setting saved to the
// SQLite file, the editor's name kept in the preferences, and a backup restored into a new
// folder that the app then opens.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { demoSite, launchApp, masthead } from './app.mjs';

/** @param {any} session @param {string} testid */
const byTestId = (session, testid) => session.find(`[data-testid="${testid}"]`, { timeout: 20_000 });

/** @param {any} session @param {string} el @param {string} text */
async function retype(session, el, text) {
  await session.exec((e) => /** @type {HTMLInputElement} */ (e).select(), [session.ref(el)]);
  await session.type(el, text);
}

/** Waits for a result element's data-state to settle, and returns it with its text. @param {any} session @param {string} testid */
async function outcome(session, testid) {
  return session.waitFor(
    async () => {
      const [el] = await session.findAll(`[data-testid="${testid}"]`);
      const state = el && (await session.attr(el, 'data-state'));
      return state && state !== 'running' ? { state, text: await session.text(el) } : null;
    },
    { timeout: 30_000 },
  );
}

test('welcome, settings, editor name, and a backup restored as a new site', async () => {
  const { dir, site } = demoSite();
  const config = join(dir, 'config');
  const app = await launchApp({ site, config, welcome: true });
  try {
    const { session } = app;
    // A fresh computer: the welcome points to writing, previewing and publishing.
    const welcome = await byTestId(session, 'welcome');
    assert.match(await session.text(welcome), /write[\s\S]*preview[\s\S]*publish/i);
    // It asks for the name written on what this person writes (never "Masthead" or a login).
    await session.type(await byTestId(session, 'welcome-name'), 'Sam Jones');
    await session.click(await byTestId(session, 'welcome-dismiss'));
    await session.waitFor(async () => (await session.findAll('[data-testid="welcome"]')).length === 0);
    await session.waitFor(() => JSON.parse(readFileSync(join(config, 'prefs.json'), 'utf8')).editor_name === 'Sam Jones');
    assert.equal(JSON.parse(readFileSync(join(config, 'prefs.json'), 'utf8')).welcomed, true);

    await byTestId(session, 'article-item');
    await session.click(await byTestId(session, 'nav-settings'));
    await retype(session, await byTestId(session, 'settings-title'), 'Rivers Trust');
    await session.click(await byTestId(session, 'settings-save'));
    await session.waitFor(async () => (await session.attr(await byTestId(session, 'settings-save-status'), 'data-state')) === 'saved');
    masthead(['--site', site, 'export', join(dir, 'exported')]);
    assert.match(readFileSync(join(dir, 'exported', 'site.yml'), 'utf8'), /title: Rivers Trust/);

    await retype(session, await byTestId(session, 'editor-name'), 'Ann Smith');
    await session.click(await byTestId(session, 'editor-name-save'));
    await session.waitFor(() => JSON.parse(readFileSync(join(config, 'prefs.json'), 'utf8')).editor_name === 'Ann Smith');

    const backup = join(dir, 'backups', 'rivers.tar');
    await retype(session, await byTestId(session, 'site-backup-path'), backup);
    await session.click(await byTestId(session, 'site-backup'));
    const saved = await outcome(session, 'site-backup-result');
    assert.equal(saved.state, 'ok', saved.text);
    assert.ok(existsSync(backup));

    const restored = join(dir, 'restored');
    await retype(session, await byTestId(session, 'site-restore-file'), backup);
    await retype(session, await byTestId(session, 'site-restore-folder'), restored);
    await session.click(await byTestId(session, 'site-restore'));
    // The window reloads onto the restored site.
    await session.waitFor(
      async () =>
        (await session.exec(() => document.querySelector('.brand-path')?.textContent ?? '')).includes('restored'),
      { timeout: 30_000 },
    );
    const title = await session.exec(() => document.querySelector('[data-testid="site-title"]')?.textContent ?? '');
    assert.equal(title.trim(), 'Rivers Trust');
    const articles = JSON.parse(masthead(['--site', restored, 'list', 'articles', '--json']));
    assert.equal(articles.length, JSON.parse(masthead(['--site', site, 'list', 'articles', '--json'])).length);
    assert.equal(JSON.parse(readFileSync(join(config, 'prefs.json'), 'utf8')).current_site, restored);
  } finally {
    await app.stop();
  }
});
