#!/usr/bin/env node
// Collects real Markdown written by other people (the README and docs files of the crates in
// the local cargo registry and of the npm packages in ui/node_modules) into
// tests/corpus/markdown.jsonl.gz: one JSON object a line, {source, license, text}.
//
//   node scripts/corpus.mjs            # rewrite the corpus from this machine's packages
//   node scripts/corpus.mjs --list     # print what would be taken, write nothing
//
// The selection is deterministic for a given set of packages: one version per crate (the
// highest), files sorted by name, texts between 200 bytes and 60 KB that are valid UTF-8,
// no two with the same content.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'tests/corpus/markdown.jsonl.gz');
const MIN = 200;
const MAX = 60 * 1024;
// Files that are licences or boilerplate rather than documents someone wrote for readers.
const SKIP =
  /^(licen[cs]e|copying|notice|authors|contributors|code[-_]of[-_]conduct|security|funding|change[-_]?log|changes|releases?|history|agents)/i;

const decoder = new TextDecoder('utf-8', { fatal: true });

function text(path) {
  const size = statSync(path).size;
  if (size < MIN || size > MAX) return null;
  try {
    return decoder.decode(readFileSync(path)).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

function markdownFiles(dir, depth = 1) {
  const out = [];
  let names;
  try {
    names = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name) && !SKIP.test(entry.name)) {
      out.push(path);
    } else if (entry.isDirectory() && depth > 0 && /^(docs?|guide)$/i.test(entry.name)) {
      out.push(...markdownFiles(path, depth - 1));
    }
  }
  return out;
}

/** Compares version strings numerically, part by part. */
function compareVersions(a, b) {
  const pa = a.split(/[.+-]/);
  const pb = b.split(/[.+-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const c = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny;
    if (c) return c;
  }
  return 0;
}

function crates() {
  const base = join(homedir(), '.cargo/registry/src');
  if (!existsSync(base)) return [];
  const latest = new Map();
  for (const index of readdirSync(base).sort()) {
    for (const dir of readdirSync(join(base, index)).sort()) {
      const m = /^(.+?)-(\d+\.\d+\.\d+.*)$/.exec(dir);
      if (!m) continue;
      const [, name, version] = m;
      const seen = latest.get(name);
      if (!seen || compareVersions(version, seen.version) > 0) {
        latest.set(name, { version, path: join(base, index, dir), dir });
      }
    }
  }
  const out = [];
  for (const name of [...latest.keys()].sort()) {
    const { path, dir } = latest.get(name);
    let license = '';
    try {
      const toml = readFileSync(join(path, 'Cargo.toml'), 'utf8');
      license = /^license\s*=\s*"([^"]*)"/m.exec(toml)?.[1] ?? '';
      if (!license && /^license-file\s*=/m.test(toml)) license = 'see license-file';
    } catch {
      // No manifest: the licence stays unknown.
    }
    for (const file of markdownFiles(path)) {
      out.push({ source: `crates.io ${dir}/${file.slice(path.length + 1)}`, license, file });
    }
  }
  return out;
}

function npmPackages() {
  const base = join(ROOT, 'ui/node_modules');
  const dirs = [];
  for (const name of readdirSync(base).sort()) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) {
      for (const sub of readdirSync(join(base, name)).sort()) dirs.push(join(name, sub));
    } else {
      dirs.push(name);
    }
  }
  const out = [];
  for (const dir of dirs) {
    const path = join(base, dir);
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? '');
    for (const file of markdownFiles(path)) {
      out.push({ source: `npm ${pkg.name}@${pkg.version}/${file.slice(path.length + 1)}`, license, file });
    }
  }
  return out;
}

const seen = new Set();
const docs = [];
for (const { source, license, file } of [...crates(), ...npmPackages()]) {
  const body = text(file);
  if (body === null || !body.trim()) continue;
  const hash = createHash('sha256').update(body).digest('hex');
  if (seen.has(hash)) continue;
  seen.add(hash);
  docs.push({ source, license, text: body });
}

if (process.argv.includes('--list')) {
  for (const d of docs) console.log(`${d.text.length}\t${d.license}\t${d.source}`);
} else {
  const jsonl = docs.map((d) => JSON.stringify(d)).join('\n') + '\n';
  const gz = gzipSync(jsonl, { level: 9 });
  // A fixed header time so the same corpus writes the same bytes.
  gz.writeUInt32LE(0, 4);
  writeFileSync(OUT, gz);
  console.log(`${docs.length} documents, ${jsonl.length} bytes, ${gz.length} bytes gzipped → ${basename(OUT)}`);
}
