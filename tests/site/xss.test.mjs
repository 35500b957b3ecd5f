// The XSS campaign: 64 hostile strings go into every field a person can type (titles, slugs,
// summaries, bodies with raw HTML and links, headings, alt texts, captions, credits, tags,
// authors, event locations, slide headlines, blurbs and button labels, navigation, footer,
// tagline, social and partner names, captions and credits of files), through the portable import as a colleague's
// folder would bring them; and PDFs named after each payload, with it as their title and author,
// added with `media add`. The site is built by the real CLI and every page (and the search
// page, which renders results in the page) is loaded in headless Chromium: no script may run
// and no element may carry an event handler or a script address.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { files, serveFolder } from './www.mjs';
import { tempDir } from '../tmp.mjs';

const require = createRequire(new URL('../../ui/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = process.env.MASTHEAD_BIN;

/** Each calls `xss(n)` (or alert) if it ever runs; n tells which one did. */
export const PAYLOADS = [
  '<script>xss(0)</script>',
  '<img src=x onerror=xss(1)>',
  '<svg onload=xss(2)>',
  '<svg><script>xss(3)</script></svg>',
  '"><script>xss(4)</script>',
  "'><img src=x onerror=xss(5)>",
  '</title><script>xss(6)</script>',
  '</textarea><script>xss(7)</script>',
  '</script><script>xss(8)</script>',
  '<!--<script>xss(9)</script>-->',
  '<iframe src="javascript:xss(10)"></iframe>',
  '<a href="javascript:xss(11)">click</a>',
  '<a href="JaVaScRiPt:xss(12)">click</a>',
  '<a href="jav&#x09;ascript:xss(13)">click</a>',
  '<a href=" javascript:xss(14)">click</a>',
  '<a href="data:text/html,<script>xss(15)</script>">click</a>',
  '<body onload=xss(16)>',
  '<details open ontoggle=xss(17)>',
  '<video><source onerror=xss(18)></video>',
  '<audio src=x onerror=xss(19)>',
  '<input autofocus onfocus=xss(20)>',
  '<select autofocus onfocus=xss(21)>',
  '<marquee onstart=xss(22)>',
  '<object data="javascript:xss(23)">',
  '<embed src="javascript:xss(24)">',
  '<form action="javascript:xss(25)"><button>x</button></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror=xss(26)>',
  '<noscript><p title="</noscript><img src=x onerror=xss(27)>">',
  '<style>@import "javascript:xss(28)";</style>',
  '<div style="background:url(javascript:xss(29))">x</div>',
  '<meta http-equiv="refresh" content="0;url=javascript:xss(30)">',
  '<base href="javascript:xss(31)//">',
  '<link rel=import href="data:text/html,<script>xss(32)</script>">',
  '<img src=x:x onerror="xss(33)">',
  '<img """><script>xss(34)</script>">',
  '<scr<script>ipt>xss(35)</scr</script>ipt>',
  '<ScRiPt>xss(36)</sCrIpT>',
  '<script src="data:,xss(37)"></script>',
  '<svg><a xlink:href="javascript:xss(38)"><text y="20">x</text></a></svg>',
  '<svg><animate onbegin=xss(39) attributeName=x dur=1s>',
  '<img src=1 onerror=&#x78;ss(40)>',
  '<img src=1 oNeRrOr=xss(41)>',
  '<img/src=1/onerror=xss(42)>',
  '<img src=1 onerror\n=xss(43)>',
  '\u2028<script>xss(44)</script>\u2029',
  '<template><script>xss(45)</script></template>',
  '<table background="javascript:xss(46)">',
  '<isindex type=image src=1 onerror=xss(47)>',
  '<keygen autofocus onfocus=xss(48)>',
  '<frameset onload=xss(49)>',
  '[click](javascript:xss(50))',
  '[click](<javascript:xss(51)>)',
  '![x](javascript:xss(52))',
  '[click](vbscript:xss(53))',
  '<https://example.org/"onmouseover="xss(54)>',
  '# heading {onclick=xss(55)}',
  '## heading {#id onmouseover=xss(56)}',
  '`</code><script>xss(57)</script>`',
  '{{ "<script>xss(58)</script>" }}',
  '{% raw %}<script>xss(59)</script>{% endraw %}',
  '${xss(60)}',
  '<x onclick=xss(61)>click</x>',
  '<a href="https://example.org" onclick="xss(62)">ok</a>',
  '"onmouseover="xss(63)',
];

/** A YAML double-quoted scalar (JSON's string syntax is YAML's). @param {string} s */
const q = (s) => JSON.stringify(s);

/** The import folder: one article, page and slide per payload, the settings with all of them. */
function hostileFolder(dir) {
  for (const sub of ['articles', 'pages', 'slides', 'media']) mkdirSync(join(dir, sub), { recursive: true });
  const pdf = join(repo, 'content/media/sirius-final-conference-report.pdf');
  const png = join(repo, 'content/media/partner-coe.png');
  PAYLOADS.forEach((p, i) => {
    const token = `xsscanary${i}`;
    const section = i % 2 ? 'events' : 'news';
    writeFileSync(
      join(dir, 'articles', `a${i}.md`),
      [
        '---',
        `title: ${q(`${token} ${p}`)}`,
        `slug: a${i}`,
        'status: published',
        `date: 2026-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00+01:00`,
        `section: ${section}`,
        `tags: [${q(p)}, ${q(token)}]`,
        `author: ${q(p)}`,
        `summary: ${q(p)}`,
        `seo_title: ${q(p)}`,
        `seo_description: ${q(p)}`,
        `image: media:photo-${i}.png`,
        `image_alt: ${q(p)}`,
        ...(section === 'events'
          ? ['event_start: 2026-03-01T09:00:00+01:00', 'event_end: 2026-03-01T17:00:00+01:00', `location: ${q(p)}`]
          : []),
        '---',
        '',
        p,
        '',
        `Text with ${p} inline, a [link](https://example.org/${encodeURIComponent(p)}) and ${token}.`,
        '',
        `## ${p}`,
        '',
        `- ${p}`,
        '',
        `> ${p}`,
        '',
        '```figure',
        `image: media:photo-${i}.png`,
        `alt: ${q(p)}`,
        `caption: ${q(p)}`,
        `credit: ${q(p)}`,
        '```',
        '',
        '```download',
        `file: media:report-${i}.pdf`,
        `label: ${q(p)}`,
        '```',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'pages', `p${i}.md`), ['---', `title: ${q(p)}`, `slug: p${i}`, 'status: published', '---', '', p, ''].join('\n'));
    writeFileSync(
      join(dir, 'slides', `s${i}.md`),
      [
        '---',
        `slug: s${i}`,
        `headline: ${q(p)}`,
        `cta: ${q(p)}`,
        `link: article:a${i}`,
        `image: media:photo-${i}.png`,
        `image_alt: ${q(p)}`,
        `position: ${i + 1}`,
        'status: published',
        '---',
        '',
        p,
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'media', `photo-${i}.png`), Buffer.concat([readFileSync(png), Buffer.from([i])]));
    writeFileSync(join(dir, 'media', `photo-${i}.png.yml`), [`alt: ${q(p)}`, `caption: ${q(p)}`, `credit: ${q(p)}`, ''].join('\n'));
    writeFileSync(join(dir, 'media', `report-${i}.pdf`), Buffer.concat([readFileSync(pdf), Buffer.from(`\n%${i}\n`)]));
    writeFileSync(join(dir, 'media', `report-${i}.pdf.yml`), [`caption: ${q(p)}`, `credit: ${q(p)}`, ''].join('\n'));
  });
  const some = PAYLOADS.slice(0, 24);
  writeFileSync(
    join(dir, 'site.yml'),
    [
      `title: ${q(PAYLOADS[4])}`,
      `tagline: ${q(PAYLOADS[1])}`,
      'base_url: https://www.example.org/',
      'language: en',
      'timezone: Europe/Brussels',
      'sections:',
      `  - slug: news\n    title: ${q(PAYLOADS[2])}\n    home: true`,
      `  - slug: events\n    title: ${q(PAYLOADS[6])}\n    home: true`,
      'navigation:',
      ...some.map((p, i) => `  - label: ${q(p)}\n    link: page:p${i}`),
      'social:',
      ...some.slice(0, 8).map((p) => `  - label: ${q(p)}\n    url: https://social.example/x`),
      'partners:',
      ...some.slice(8, 16).map((p) => `  - name: ${q(p)}\n    url: https://partner.example/`),
      `footer: ${q(some.join(' '))}`,
      '',
    ].join('\n'),
  );
}

/**
 * A one-page PDF whose document title and author are `text` (a literal string, escaped).
 * @param {string} text
 */
function pdfWithMetadata(text) {
  const lit = `(${Buffer.from(text, 'latin1').toString('latin1').replace(/[\\()]/g, (c) => `\\${c}`)})`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>',
    '<< /Length 0 >>\nstream\n\nendstream',
    `<< /Title ${lit} /Author ${lit} >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = Buffer.byteLength(out, 'latin1');
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * PDFs added the way a person adds them (`media add`), each named after a payload and carrying
 * it as its title and author, then offered for download in one article. Returns how many.
 * @param {string} dir @param {string} site @param {NodeJS.ProcessEnv} env
 */
function hostileFiles(dir, site, env) {
  const files = join(dir, 'files');
  mkdirSync(files, { recursive: true });
  const paths = PAYLOADS.map((p, i) => {
    // A file name may hold anything but `/` and NUL.
    const path = join(files, `${p.replaceAll('/', '_').slice(0, 120)} ${i}.pdf`);
    writeFileSync(path, pdfWithMetadata(p));
    return path;
  });
  execFileSync(bin, ['--site', site, 'media', 'add', ...paths], { env });
  const media = JSON.parse(execFileSync(bin, ['--site', site, 'list', 'media', '--json'], { env, encoding: 'utf8' }));
  const added = media.filter((/** @type {any} */ m) => PAYLOADS.some((p) => m.title === p));
  const body = added.map((/** @type {any} */ m) => `\`\`\`download\nfile: media:${m.name}\n\`\`\`\n`).join('\n');
  const folder = join(dir, 'pdfs');
  mkdirSync(join(folder, 'articles'), { recursive: true });
  writeFileSync(join(folder, 'articles', 'pdfs.md'), `---\ntitle: Reports\nslug: pdfs\nstatus: published\ndate: 2026-01-30T10:00:00Z\nsection: news\n---\n\n${body}`);
  execFileSync(bin, ['--site', site, 'import', folder], { env });
  return added.length;
}

let www;
let server;
let base;
let pdfs = 0;

before(async () => {
  assert.ok(bin, 'MASTHEAD_BIN is not set: run with `make test`');
  const dir = tempDir('masthead-xss-');
  const env = { ...process.env, MASTHEAD_CONFIG_DIR: join(dir, 'config') };
  const folder = join(dir, 'hostile');
  hostileFolder(folder);
  execFileSync(bin, ['--site', join(dir, 'site'), 'init'], { env });
  execFileSync(bin, ['--site', join(dir, 'site'), 'import', folder], { env });
  pdfs = hostileFiles(dir, join(dir, 'site'), env);
  www = join(dir, 'www');
  execFileSync(bin, ['--site', join(dir, 'site'), 'build', '--out', www, '--now', '2026-02-01T12:00:00Z'], { env });
  server = await serveFolder(www);
  base = server.base;
});

after(() => server?.close());

/** In the page: what would show that a payload ran or could run. */
function findings() {
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const value = a.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (a.name.toLowerCase().startsWith('on')) out.push(`${el.tagName} has ${a.name}`);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'background', 'poster'].includes(a.name.toLowerCase()) && /^(javascript|vbscript|data:text\/html)/.test(value)) {
        out.push(`${el.tagName} ${a.name}=${a.value}`);
      }
    }
  }
  for (const s of document.querySelectorAll('script')) {
    const ok = s.type === 'application/ld+json' || /^\/assets\/(site|search)\.js$/.test(s.getAttribute('src') ?? '');
    if (!ok) out.push(`script ${s.outerHTML.slice(0, 80)}`);
  }
  // The theme's own search forms are the only forms.
  for (const f of document.querySelectorAll('form')) {
    if (f.getAttribute('action') !== '/search/') out.push(`form ${f.outerHTML.slice(0, 80)}`);
  }
  for (const tag of ['iframe', 'object', 'embed', 'base', 'meta[http-equiv]', 'frameset']) {
    for (const el of document.querySelectorAll(tag)) out.push(`element ${el.outerHTML.slice(0, 80)}`);
  }
  return out;
}

test('64 payloads in every field: no script runs and no handler is published', { timeout: 600_000 }, async () => {
  const pages = files(www).filter((f) => f.endsWith('.html')).map((f) => f.slice(www.length).replace(/index\.html$/, ''));
  assert.ok(pages.length > 3 * PAYLOADS.length, `${pages.length} pages`);
  const searches = ['xsscanary', 'script', 'onerror', 'javascript', '<img src=x onerror=xss(99)>'].map((term) => `/search/?q=${encodeURIComponent(term)}`);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    const context = await browser.newContext();
    /** @type {string[]} */
    const ran = [];
    await context.exposeFunction('__xssRan', (/** @type {string} */ what) => ran.push(what));
    await context.addInitScript(() => {
      const report = (/** @type {unknown} */ n) => /** @type {any} */ (window).__xssRan(`${location.pathname}${location.search}: ${n}`);
      Object.assign(window, { xss: report, alert: report, confirm: report, prompt: report });
    });
    const page = await context.newPage();
    // The detector works: a page with a handler is caught both ways.
    writeFileSync(join(www, 'control.html'), '<!doctype html><title>c</title><img src=x onerror=xss("control")>');
    await page.goto(`${base}/control.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(100);
    assert.equal(ran.length, 1, 'the control payload ran');
    assert.equal((await page.evaluate(findings)).length, 1);
    ran.length = 0;
    // The payloads did reach the pages, as text.
    assert.match(readFileSync(join(www, 'news/a0/index.html'), 'utf8'), /&lt;script&gt;xss\(0\)&lt;\/script&gt;/);
    // So did the PDFs' titles, as the download cards' text.
    assert.ok(pdfs >= PAYLOADS.length - 4, `${pdfs} PDFs kept their hostile title`);
    assert.match(readFileSync(join(www, 'news/pdfs/index.html'), 'utf8'), /&lt;img src=x onerror=xss\(1\)&gt;/);
    /** @type {string[]} */
    const problems = [];
    for (const path of [...pages, ...searches]) {
      await page.goto(base + path, { waitUntil: 'load' });
      if (path.startsWith('/search/')) await page.waitForTimeout(300);
      // Focus and hover everything once: handlers that wait for a person would run now.
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('a, input, select, button, details')) {
          el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
          /** @type {HTMLElement} */ (el).focus?.();
        }
      });
      for (const f of await page.evaluate(findings)) problems.push(`${path}: ${f}`);
    }
    await page.waitForTimeout(200);
    assert.deepEqual(ran, [], 'a payload ran');
    assert.deepEqual(problems.slice(0, 40), [], `${problems.length} findings`);
    console.log(`xss campaign: ${PAYLOADS.length} payloads (and ${pdfs} PDFs named after them, with them as title and author), ${pages.length} pages and ${searches.length} searches loaded, 0 ran, 0 handlers`);
  } finally {
    await browser.close();
  }
});
