// Throwaway minisign keys for the update tests, made as a maintainer makes the real one
// (`tauri signer generate`, docs/updates.md), without a password.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
/** The tauri CLI of ui/node_modules, which signs as `make release-feed` does. */
export const tauri = join(root, 'ui/node_modules/.bin/tauri');

/** A key pair in `dir`: its private key's path and its public key (base64, as tauri.conf.json has it). @param {string} dir @param {string} name */
export function keyPair(dir, name) {
  const path = join(dir, name);
  execFileSync(tauri, ['signer', 'generate', '--ci', '-p', '', '-w', path], { stdio: 'ignore' });
  return { path, pub: readFileSync(`${path}.pub`, 'utf8').trim() };
}
