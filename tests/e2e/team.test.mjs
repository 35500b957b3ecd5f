// Team sync in the real app (issue 19), two members on one machine with their own config
// folders and a shared folder as the host: Ann starts the team with the CLI, Bob joins in the
// app from her invitation, her article appears in his app without a restart, and an edit of
// the same paragraph by both is shown as two versions and settled in the app.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { launchApp, masthead, saveState, settle } from './app.mjs';
import { tempDir } from '../tmp.mjs';

const out = process.env.E2E_OUT ?? 'target/e2e';
const CTRL = '\uE009';
const END = '\uE010';

/** @param {any} session @param {string} testid */
const byTestId = (session, testid) => session.find(`[data-testid="${testid}"]`, { timeout: 30_000 });

/** A member: a config folder with their name, and the CLI run as them. @param {string} root @param {string} name */
function member(root, name) {
  const config = join(root, `${name}-config`);
  mkdirSync(config, { recursive: true });
  writeFileSync(join(config, 'prefs.json'), JSON.stringify({ editor_name: name, welcomed: true }));
  const site = join(root, `${name}-site`);
  const run = (/** @type {string[]} */ args) =>
    masthead(['--site', site, ...args], { MASTHEAD_CONFIG_DIR: config });
  return { config, site, run };
}

/**
 * Ann's article as a portable folder, imported (new or changed) into her site.
 * @param {ReturnType<typeof member>} ann @param {string} root @param {string} last
 */
function annWrites(ann, root, last) {
  const dir = mkdtempSync(join(root, 'ann-import-'));
  mkdirSync(join(dir, 'articles'));
  const body = `The harbour cleanup starts on Saturday.\n\nVolunteers meet at the old pier.\n\n${last}\n`;
  writeFileSync(join(dir, 'articles', 'harbour-cleanup.md'), `---\ntitle: Harbour cleanup\nstatus: draft\n---\n${body}`);
  ann.run(['import', dir]);
}

/** The article as stored in a member's site (the CLI reads the same SQLite file). @param {ReturnType<typeof member>} m */
const stored = (m) =>
  JSON.parse(m.run(['list', 'articles', '--json'])).find((/** @type {any} */ a) => a.slug === 'harbour-cleanup');

/** @param {any} session */
const syncState = async (session) => {
  const [el] = await session.findAll('[data-testid="sync-state"]');
  return el ? session.attr(el, 'data-state') : null;
};

test('join from an invitation, a colleague’s article arrives, two versions are settled', async () => {
  const root = tempDir('masthead-e2e-team-');
  const host = join(root, 'host');
  const ann = member(root, 'Ann');
  const bob = member(root, 'Bob');
  ann.run(['init']);
  ann.run(['target', 'add', 'team', `file://${host}`]);
  const { invitation } = JSON.parse(ann.run(['team', 'create', 'team', '--json']));
  assert.match(invitation, /^masthead-team:/);

  // Bob's app starts on a site of his own; he joins the team into a new folder.
  const own = join(root, 'bob-own');
  masthead(['--site', own, 'init'], { MASTHEAD_CONFIG_DIR: bob.config });
  const app = await launchApp({ site: own, config: bob.config });
  try {
    const { session } = app;
    await byTestId(session, 'articles-count');
    assert.equal(await syncState(session), null, 'a site on its own shows no sync indicator');
    await session.click(await byTestId(session, 'nav-settings'));
    await byTestId(session, 'join-team');
    await session.type(await byTestId(session, 'join-invitation'), invitation);
    const folder = await byTestId(session, 'join-folder');
    await session.exec((e) => /** @type {HTMLInputElement} */ (e).select(), [session.ref(folder)]);
    await session.type(folder, bob.site);
    await session.click(await byTestId(session, 'join-team-start'));

    // The joined site opens: the sidebar shows its folder and that it is in step with the team.
    await session.waitFor(
      async () => {
        const [failed] = await session.findAll('[data-testid="join-team-result"][data-state="error"]');
        if (failed) throw new Error(`the join failed: ${await session.text(failed)}`);
        return (await session.exec(() => document.body.innerText)).includes('Bob-site');
      },
      { timeout: 30_000 },
    );
    await session.waitFor(async () => (await syncState(session)) === 'synced', { timeout: 30_000 });
    assert.equal(JSON.parse(bob.run(['team', 'status', '--json'])).target, 'team');

    // Ann writes and syncs; Bob's list shows her article after his next sync, no restart.
    annWrites(ann, root, 'Bring gloves.');
    assert.equal(JSON.parse(ann.run(['sync', '--json'])).sent > 0, true);
    await session.click(await byTestId(session, 'nav-articles'));
    await session.click(await byTestId(session, 'sync-state'));
    // Asked again each time: the list is drawn anew when her work comes in.
    await session.waitFor(
      async () => (await session.exec(() => document.querySelector('[data-testid="article-title"]')?.textContent ?? '')).includes('Harbour cleanup'),
      { timeout: 30_000 },
    );

    // Bob opens it; meanwhile Ann changes its last paragraph and syncs first.
    await session.click(await byTestId(session, 'article-open'));
    const editor = await byTestId(session, 'editor');
    await session.waitFor(async () => (await session.text(editor)).includes('Bring gloves.'));
    annWrites(ann, root, 'Bring gloves and boots.');
    ann.run(['sync', '--json']);
    // Bob changes the same paragraph; his save is synced soon after it, second: a conflict.
    await session.click(editor);
    await session.type(editor, `${CTRL}${END}`);
    await session.type(editor, ' Bob brings bags.');
    await saveState(session, 'saved');
    await session.waitFor(async () => stored(bob)?.body?.includes('Bob brings bags.'), { timeout: 15_000 });
    await session.waitFor(() => JSON.parse(bob.run(['conflicts', '--json'])).length === 1, { timeout: 30_000 });
    await session.click(await byTestId(session, 'editor-back'));

    // The list says the article has two versions; the view shows both, differences marked.
    const banner = await byTestId(session, 'conflict-banner');
    assert.match(await session.text(banner), /Harbour cleanup.*two versions.*Ann/s);
    await session.click(await byTestId(session, 'conflict-compare'));
    const view = await byTestId(session, 'two-versions');
    const mine = await session.text(await byTestId(session, 'version-mine'));
    const theirs = await session.text(await byTestId(session, 'version-theirs'));
    assert.match(mine, /Bring gloves\. Bob brings bags\./);
    assert.match(theirs, /Bring gloves and boots\./);
    const marked = await session.exec(() =>
      [...document.querySelectorAll('[data-testid="version-theirs"] .changed')].map((e) => e.textContent?.trim()),
    );
    assert.deepEqual(marked, ['Bring gloves and boots.']);
    await settle(session);
    await session.screenshot(join(out, 'team-two-versions.png'));
    assert.ok(view);

    // Bob keeps Ann's; the choice reaches Ann with her next sync, and no conflict is left.
    await session.click(await byTestId(session, 'keep-theirs'));
    await session.waitFor(async () => (await session.findAll('[data-testid="two-versions"]')).length === 0, {
      timeout: 30_000,
    });
    await session.waitFor(async () => (await session.findAll('[data-testid="conflict-banner"]')).length === 0);
    assert.match(stored(bob).body, /Bring gloves and boots\.\n*$/);
    assert.doesNotMatch(stored(bob).body, /Bob brings bags/);
    assert.deepEqual(JSON.parse(bob.run(['conflicts', '--json'])), []);
    ann.run(['sync', '--json']);
    assert.deepEqual(JSON.parse(ann.run(['conflicts', '--json'])), []);
    assert.equal(stored(ann).body, stored(bob).body);
  } finally {
    await app.stop();
  }
});
