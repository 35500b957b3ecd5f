// The updater in the real (debug) app against a feed on 127.0.0.1 (docs/updates.md): the check
// at start finds a newer signed release, Settings → About shows it with its notes, and each bad
// feed is refused with its message while the app keeps working: a signature by another key, a
// feed announcing another version than the signed one, a package cut short, an older version.
// The debug build reads the feed and the public key from MASTHEAD_UPDATE_FEED and
// MASTHEAD_UPDATE_PUBKEY (a throwaway key made here). Nothing is installed: the good release is
// found and verified by the plugin only when installing, which would replace this debug binary,
// so the install itself is left to the package test (docs/updates.md).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { keyPair, tauri } from '../install/signing.mjs';
import { demoSite, launchApp, masthead } from './app.mjs';
import { tempDir } from '../tmp.mjs';


/** The .sig of `file` by `key`, naming `version` in its trusted comment. @param {string} file @param {{ path: string }} key @param {string} version */
function sign(file, key, version) {
  execFileSync(tauri, ['signer', 'sign', '--app-version', version, file], {
    stdio: 'ignore',
    env: { ...process.env, TAURI_SIGNING_PRIVATE_KEY_PATH: key.path, TAURI_SIGNING_PRIVATE_KEY_PASSWORD: '' },
  });
  return readFileSync(`${file}.sig`, 'utf8');
}

/** @param {any} session @param {string} testid */
const byTestId = (session, testid) => session.find(`[data-testid="${testid}"]`, { timeout: 20_000 });

test('the app finds a signed update on a local feed and refuses each bad one in words', async () => {
  const { dir, site } = demoSite();
  const work = tempDir('masthead-updates-');
  const ours = keyPair(work, 'ours.key');
  const other = keyPair(work, 'other.key');
  const pkg = join(work, 'Masthead_99.0.0_amd64.deb');
  const bytes = randomBytes(600_000);
  writeFileSync(pkg, bytes);
  const signature = { ours: sign(pkg, ours, '99.0.0') };
  signature.other = sign(pkg, other, '99.0.0');
  signature.older = sign(pkg, ours, '98.0.0');

  let feed = { version: '99.0.0', notes: '* Faster publishing\n* Settings → About', pub_date: '2027-01-15T09:00:00Z', path: '/pkg', signature: signature.ours };
  /** @type {string[]} */
  const requests = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/latest.json') {
      const { path, signature: sig, ...rest } = feed;
      const url = `http://127.0.0.1:${/** @type {any} */ (server.address()).port}${path}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...rest, platforms: { 'linux-x86_64': { url, signature: sig } } }));
    } else if (req.url === '/pkg') {
      res.writeHead(200, { 'content-length': bytes.length });
      res.end(bytes);
    } else if (req.url === '/cut') {
      // The whole length announced, a third sent, then the connection drops.
      res.writeHead(200, { 'content-length': bytes.length });
      res.write(bytes.subarray(0, 200_000), () => res.destroy());
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  const port = /** @type {any} */ (server.address()).port;
  const version = masthead(['--version']).trim().split(/\s+/).at(-1);
  const config = join(dir, 'config');
  const app = await launchApp({
    site,
    config,
    env: { MASTHEAD_UPDATE_FEED: `http://127.0.0.1:${port}/latest.json`, MASTHEAD_UPDATE_PUBKEY: ours.pub },
  });
  try {
    const { session } = app;
    // The check at start looked at the feed without a click, and noted when.
    await session.waitFor(() => requests.includes('/latest.json'), { timeout: 20_000 });
    await session.waitFor(() => JSON.parse(readFileSync(join(config, 'prefs.json'), 'utf8')).last_update_check);
    // The sidebar marks Settings, where About has the release.
    await byTestId(session, 'nav-update');
    await session.click(await byTestId(session, 'nav-settings'));
    const about = await byTestId(session, 'about-version');
    await session.waitFor(async () => (await session.text(about)) === `Masthead ${version}`);
    const status = await byTestId(session, 'update-status');
    await session.waitFor(async () => (await session.text(status)) === 'Masthead 99.0.0 is available.');
    assert.match(await session.text(await byTestId(session, 'update-notes')), /Faster publishing/);
    assert.equal(requests.filter((r) => r !== '/latest.json').length, 0, 'nothing downloaded without a click');

    /** Checks the feed, clicks Install, and returns the refusal's words. */
    const refusal = async () => {
      await session.click(await byTestId(session, 'update-check'));
      await session.waitFor(async () => (await session.attr(status, 'data-state')) === 'available');
      await session.click(await byTestId(session, 'update-install'));
      return session.text(await byTestId(session, 'update-error'));
    };
    const kept = /Nothing was installed: this version keeps working\./;

    feed = { ...feed, signature: signature.other };
    let words = await refusal();
    assert.match(words, /signed with another key/, words);
    assert.match(words, kept);

    feed = { ...feed, signature: signature.older };
    words = await refusal();
    assert.match(words, /announces version 99\.0\.0, but the package it points to was signed as version 98\.0\.0/, words);

    feed = { ...feed, signature: signature.ours, path: '/cut' };
    words = await refusal();
    assert.match(words, /stopped before the end \(\d+ of 600000 bytes\)/, words);
    assert.match(words, kept);

    feed = { ...feed, path: '/pkg', version: '0.0.1' };
    await session.click(await byTestId(session, 'update-check'));
    await session.waitFor(async () => (await session.attr(status, 'data-state')) === 'newest');
    assert.match(await session.text(status), new RegExp(`offers version 0\\.0\\.1, which is older than this Masthead \\(${version}\\)`));

    server.close();
    server.closeAllConnections();
    await session.click(await byTestId(session, 'update-check'));
    words = await session.text(await byTestId(session, 'update-error'));
    assert.match(words, /could not be reached/, words);
    // Still the same version, still working.
    assert.equal(masthead(['--version']).trim().split(/\s+/).at(-1), version);
    await session.click(await byTestId(session, 'nav-articles'));
    await byTestId(session, 'article-item');
  } finally {
    await app.stop();
    server.close();
  }
});
