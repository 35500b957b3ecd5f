// The installed app updates itself (docs/updates.md). Run by scripts/test-install.sh's update
// stage, as root, after `dpkg -i` of the debug package (OLD_VERSION); NEW_DEB is the same app
// built as a newer version. The feed is made as a maintainer makes it (scripts/release-feed.sh,
// with a throwaway key) and served on 127.0.0.1. The installed app, started from
// /usr/bin/masthead-app under WebDriver, refuses a damaged copy of the package at install time
// (the feed's signature is the good package's) with the old version still installed and working,
// then installs the good one through its own updater (dpkg -i, through sudo here: there is no
// desktop password prompt), and the app started again is the new version.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { demoSite, launchApp } from '../e2e/app.mjs';
import { keyPair } from './signing.mjs';
import { tempDir } from '../tmp.mjs';

const root = new URL('../..', import.meta.url).pathname;
const newDeb = process.env.NEW_DEB ?? '';
const oldVersion = process.env.OLD_VERSION ?? '';
const installed = () => execFileSync('dpkg-query', ['-W', '-f=${Version}', 'masthead'], { encoding: 'utf8' });
const sha = (/** @type {string} */ file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** @param {any} session @param {string} testid */
const byTestId = (session, testid) => session.find(`[data-testid="${testid}"]`, { timeout: 20_000 });

test('the installed app refuses a damaged update, then installs a signed one and runs as the new version', async () => {
  assert.ok(newDeb && oldVersion, 'run by scripts/test-install.sh (NEW_DEB, OLD_VERSION)');
  assert.equal(installed(), oldVersion);
  const newVersion = execFileSync('dpkg-deb', ['-f', newDeb, 'Version'], { encoding: 'utf8' }).trim();
  const work = tempDir('masthead-update-');
  const key = keyPair(work, 'updater.key');

  // The feed's folder, as an organisation would upload it, and a damaged copy of the package
  // (one byte changed, same length) that the same feed can be made to point to.
  const server = createServer((req, res) => {
    const name = basename(req.url ?? '');
    try {
      const body = readFileSync(join(req.url?.startsWith('/damaged/') ? damaged : feedDir, name));
      res.writeHead(200, { 'content-length': body.length }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  const url = `http://127.0.0.1:${/** @type {any} */ (server.address()).port}/`;
  const feedDir = join(work, 'feed');
  const damaged = join(work, 'damaged');
  mkdirSync(feedDir);
  mkdirSync(damaged);
  copyFileSync(newDeb, join(feedDir, basename(newDeb)));
  const changelog = join(work, 'changelog');
  writeFileSync(
    changelog,
    `masthead (${newVersion}) unstable; urgency=medium\n\n  * The update test's release.\n\n -- Masthead maintainers <maintainers@masthead.invalid>  Mon, 07 Dec 2026 12:00:00 +0000\n`,
  );
  execFileSync(join(root, 'scripts/release-feed.sh'), [url, feedDir], {
    env: { ...process.env, CHANGELOG: changelog, TAURI_SIGNING_PRIVATE_KEY_PATH: key.path, TAURI_SIGNING_PRIVATE_KEY_PASSWORD: '' },
    stdio: 'pipe',
  });
  const latest = JSON.parse(readFileSync(join(feedDir, 'latest.json'), 'utf8'));
  assert.equal(latest.version, newVersion);
  const bytes = readFileSync(newDeb);
  bytes[Math.floor(bytes.length / 2)] ^= 0xff;
  writeFileSync(join(damaged, basename(newDeb)), bytes);
  const damagedFeed = JSON.stringify(latest).replaceAll(url, `${url}damaged/`);
  writeFileSync(join(damaged, 'latest.json'), damagedFeed);

  const { dir, site } = demoSite();
  const config = join(dir, 'config');
  const start = (/** @type {string} */ feed) =>
    launchApp({ site, config, env: { MASTHEAD_UPDATE_FEED: feed, MASTHEAD_UPDATE_PUBKEY: key.pub } });
  const about = async (/** @type {any} */ session) => {
    await session.click(await byTestId(session, 'nav-settings'));
    return byTestId(session, 'about-version');
  };
  /** Checks the feed and clicks Install; returns the status element. @param {any} session */
  const checkAndInstall = async (session) => {
    const status = await byTestId(session, 'update-status');
    await session.click(await byTestId(session, 'update-check'));
    await session.waitFor(async () => (await session.attr(status, 'data-state')) === 'available', { timeout: 20_000 });
    assert.equal(await session.text(status), `Masthead ${newVersion} is available.`);
    await session.click(await byTestId(session, 'update-install'));
    return status;
  };

  try {
    // 1. The damaged package: refused when installing, nothing installed, the app works.
    let app = await start(`${url}damaged/latest.json`);
    try {
      const { session } = app;
      const version = await about(session);
      await session.waitFor(async () => (await session.text(version)) === `Masthead ${oldVersion}`);
      await checkAndInstall(session);
      const words = await session.text(await byTestId(session, 'update-error'));
      assert.match(words, /does not match its signature/, words);
      assert.match(words, /Nothing was installed: this version keeps working\./, words);
      assert.equal(installed(), oldVersion);
      await session.click(await byTestId(session, 'nav-articles'));
      await byTestId(session, 'article-item');
    } finally {
      await app.stop();
    }

    // 2. The signed package: installed by the running app through dpkg.
    app = await start(`${url}latest.json`);
    try {
      const { session } = app;
      await about(session);
      const status = await checkAndInstall(session);
      await session.waitFor(async () => (await session.attr(status, 'data-state')) === 'installed', { timeout: 120_000 });
      assert.equal(await session.text(status), `Masthead ${newVersion} is installed. Restart Masthead to use it.`);
      await byTestId(session, 'update-restart');
    } finally {
      await app.stop();
    }
    assert.equal(installed(), newVersion);
    const unpacked = join(work, 'unpacked');
    execFileSync('dpkg-deb', ['-x', newDeb, unpacked]);
    assert.equal(sha('/usr/bin/masthead-app'), sha(join(unpacked, 'usr/bin/masthead-app')), 'the new package’s app is installed');

    // 3. Started again, it is the new version, finds nothing newer, and works on the same site.
    app = await start(`${url}latest.json`);
    try {
      const { session } = app;
      const version = await about(session);
      await session.waitFor(async () => (await session.text(version)) === `Masthead ${newVersion}`);
      const status = await byTestId(session, 'update-status');
      await session.click(await byTestId(session, 'update-check'));
      await session.waitFor(async () => (await session.attr(status, 'data-state')) === 'newest', { timeout: 20_000 });
      await session.click(await byTestId(session, 'nav-articles'));
      await byTestId(session, 'article-item');
    } finally {
      await app.stop();
    }
  } finally {
    server.close();
    server.closeAllConnections();
  }
});
