// The update feed that scripts/release-feed.sh writes (docs/updates.md): with a throwaway key
// (as CI makes one; the project's private key is never in the repository), each package's
// signature in latest.json verifies against the public key over the package's bytes, binds the
// feed's version, and a changed byte or another key fails the same check. The check is
// minisign's, done here with Node's own Ed25519 and BLAKE2b (the updater does the same with
// the minisign-verify crate).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { keyPair } from './signing.mjs';
import { tempDir } from '../tmp.mjs';

const root = new URL('../..', import.meta.url).pathname;
const version = readFileSync(join(root, 'packaging/changelog'), 'utf8').match(/^masthead \(([^)]+)\)/)?.[1];

/** A small .deb of `version`. @param {string} dir */
function debPackage(dir) {
  const tree = join(dir, 'tree');
  mkdirSync(join(tree, 'DEBIAN'), { recursive: true });
  writeFileSync(
    join(tree, 'DEBIAN/control'),
    `Package: masthead\nVersion: ${version}\nArchitecture: amd64\nMaintainer: M <m@masthead.invalid>\nDescription: test\n`,
  );
  mkdirSync(join(dir, 'dist'));
  const deb = join(dir, 'dist', `Masthead_${version}_amd64.deb`);
  execFileSync('dpkg-deb', ['-b', tree, deb], { stdio: 'ignore' });
  return deb;
}

/**
 * minisign's check: the signature (Ed25519 over BLAKE2b-512 of the file) by the key with the
 * public key's id, and the global signature over it and the trusted comment.
 * Returns the trusted comment, or throws.
 * @param {Buffer} data @param {string} signatureB64 @param {string} pubB64
 */
function minisignVerify(data, signatureB64, pubB64) {
  const pubLines = Buffer.from(pubB64, 'base64').toString('utf8').trim().split('\n');
  const pub = Buffer.from(pubLines[1], 'base64');
  const [, sigLine, trustedLine, globalLine] = Buffer.from(signatureB64, 'base64').toString('utf8').trim().split('\n');
  const sig = Buffer.from(sigLine, 'base64');
  assert.equal(sig.subarray(0, 2).toString(), 'ED', 'a prehashed (BLAKE2b) signature');
  assert.deepEqual(sig.subarray(2, 10), pub.subarray(2, 10), 'signed by the key with this id');
  const key = createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pub.subarray(10, 42)]),
    format: 'der',
    type: 'spki',
  });
  const digest = createHash('blake2b512').update(data).digest();
  if (!verify(null, digest, key, sig.subarray(10, 74))) throw new Error('the signature does not match the file');
  const trusted = trustedLine.replace(/^trusted comment: /, '');
  const global = Buffer.from(globalLine, 'base64');
  if (!verify(null, Buffer.concat([sig.subarray(10, 74), Buffer.from(trusted)]), key, global)) {
    throw new Error('the trusted comment was changed');
  }
  return trusted;
}

test('release-feed.sh signs the packages and writes latest.json that verifies', () => {
  assert.ok(version, 'packaging/changelog starts with an entry');
  const dir = tempDir('masthead-feed-');
  const key = keyPair(dir, 'updater.key');
  const deb = debPackage(dir);
  execFileSync(join(root, 'scripts/release-feed.sh'), ['https://updates.example.org/masthead', join(dir, 'dist')], {
    env: { ...process.env, TAURI_SIGNING_PRIVATE_KEY_PATH: key.path, TAURI_SIGNING_PRIVATE_KEY_PASSWORD: '' },
    stdio: 'ignore',
  });
  const feed = JSON.parse(readFileSync(join(dir, 'dist/latest.json'), 'utf8'));
  assert.equal(feed.version, version);
  assert.match(feed.notes, /first packaged release/);
  assert.ok(!Number.isNaN(Date.parse(feed.pub_date)), `pub_date is a date: ${feed.pub_date}`);
  assert.deepEqual(Object.keys(feed.platforms).sort(), ['linux-x86_64', 'linux-x86_64-deb']);
  const bytes = readFileSync(deb);
  for (const [platform, entry] of Object.entries(feed.platforms)) {
    assert.equal(entry.url, `https://updates.example.org/masthead/${basename(deb)}`, platform);
    const trusted = minisignVerify(bytes, entry.signature, key.pub);
    assert.match(trusted, new RegExp(`\\bversion:${version.replaceAll('.', '\\.')}\\b`), 'the signature binds the version');
  }
  // The same check refuses a changed package, and the signature under another key.
  const changed = Buffer.from(bytes);
  changed[changed.length - 1] ^= 1;
  assert.throws(() => minisignVerify(changed, feed.platforms['linux-x86_64-deb'].signature, key.pub), /does not match/);
  const other = keyPair(dir, 'other.key');
  assert.throws(() => minisignVerify(bytes, feed.platforms['linux-x86_64-deb'].signature, other.pub), /key with this id/);
});

test('release-feed.sh refuses without a key, and without packages of the version', () => {
  const dir = tempDir('masthead-feed-');
  const noKey = { ...process.env };
  delete noKey.TAURI_SIGNING_PRIVATE_KEY_PATH;
  assert.throws(
    () => execFileSync(join(root, 'scripts/release-feed.sh'), ['https://x.example/', dir], { env: noKey, stdio: 'pipe' }),
    /TAURI_SIGNING_PRIVATE_KEY_PATH/,
  );
  const key = keyPair(dir, 'updater.key');
  assert.throws(
    () =>
      execFileSync(join(root, 'scripts/release-feed.sh'), ['https://x.example/', dir], {
        env: { ...process.env, TAURI_SIGNING_PRIVATE_KEY_PATH: key.path },
        stdio: 'pipe',
      }),
    /run make package first/,
  );
});
