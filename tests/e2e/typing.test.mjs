// Typing as a person types: every text field of every screen of the real app gets real key
// events, one key at a time (WebDriver Actions: key down, key up, a pause), never the element
// "send keys" shortcut that sets a value in one go. After each field the text on screen must be
// exactly what it held plus what was typed, with the focus still in the field; after the save,
// the same text must be on screen and in the SQLite file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { demoSite, launchApp } from './app.mjs';

const KEY = { CTRL: '\uE009', END: '\uE010', ENTER: '\uE007', A: 'a' };
// What people type: capitals, punctuation, a dash, accents, braces and an ampersand.
const WORDS = " – Brüssel & {draft} 'Jobs'";

/** @param {any} session @param {{ type: string, value?: string, duration?: number }[]} steps */
async function keyActions(session, steps) {
  await session.request('POST', `/session/${session.id}/actions`, { actions: [{ type: 'key', id: 'keyboard', actions: steps }] });
  await session.request('DELETE', `/session/${session.id}/actions`);
}

/** One key down and up for each character, 20 ms apart. @param {any} session @param {string} text */
function typeKeys(session, text) {
  const steps = [];
  for (const ch of text) {
    steps.push({ type: 'keyDown', value: ch }, { type: 'keyUp', value: ch }, { type: 'pause', duration: 20 });
  }
  return keyActions(session, steps);
}

/** Ctrl+key. @param {any} session @param {string} key */
const chord = (session, key) =>
  keyActions(session, [
    { type: 'keyDown', value: KEY.CTRL },
    { type: 'keyDown', value: key },
    { type: 'keyUp', value: key },
    { type: 'keyUp', value: KEY.CTRL },
  ]);

/** @param {any} session @param {string} css */
async function field(session, css) {
  const el = await session.find(css, { timeout: 20_000 });
  await session.exec((e) => /** @type {HTMLElement} */ (e).scrollIntoView({ block: 'center' }), [session.ref(el)]);
  return el;
}

/** @param {any} session @param {string} el */
const valueOf = (session, el) =>
  session.exec((e) => {
    const f = /** @type {HTMLInputElement} */ (e);
    return { value: f.value, focused: document.activeElement === f };
  }, [session.ref(el)]);

/**
 * Clicks the field, puts the caret at its end (or selects all of it with `replace`), types
 * `text` key by key and checks what the field then holds. Returns that value.
 * @param {any} session @param {string} testid @param {string} text @param {{ replace?: boolean }} [opts]
 */
async function typeInto(session, testid, text, { replace = false } = {}) {
  const el = await field(session, `[data-testid="${testid}"]`);
  await session.click(el);
  const before = replace ? '' : (await valueOf(session, el)).value;
  await chord(session, replace ? KEY.A : KEY.END);
  await typeKeys(session, text);
  const after = await valueOf(session, el);
  assert.equal(after.value, before + text, `${testid}: the field holds exactly what was typed`);
  assert.ok(after.focused, `${testid}: the focus stayed in the field`);
  return after.value;
}

/** Types at the end of the body editor and returns nothing; the stored body is checked. @param {any} session @param {string} text */
async function typeInBody(session, text) {
  const editor = await field(session, '[data-testid="editor"]');
  await session.click(editor);
  await chord(session, KEY.END);
  await typeKeys(session, text);
  const shown = await session.exec((e) => /** @type {HTMLElement} */ (e).innerText, [session.ref(editor)]);
  assert.ok(shown.includes(text.trim()), `the editor shows what was typed: ${shown.slice(-200)}`);
}

/** Rows of a query on the site's SQLite file (Python's sqlite3: the app keeps its own open). @param {string} site @param {string} query @param {unknown[]} [params] */
function sql(site, query, params = []) {
  const script = 'import sqlite3,json,sys\nc=sqlite3.connect(sys.argv[1])\nc.row_factory=sqlite3.Row\nprint(json.dumps([dict(r) for r in c.execute(sys.argv[2], json.loads(sys.argv[3]))]))';
  return JSON.parse(execFileSync('python3', ['-c', script, join(site, 'site.db'), query, JSON.stringify(params)], { encoding: 'utf8' }));
}

/** @param {any} session @param {string} testid @param {string} state */
const stateIs = (session, testid, state) =>
  session.waitFor(
    async () => (await session.exec((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-state'), [testid])) === state,
    { timeout: 20_000 },
  );

/** Waits until `query` returns a row that `ok` accepts, and returns it. @param {any} session @param {string} site @param {string} query @param {unknown[]} params @param {(row: any) => boolean} ok */
const storedRow = (session, site, query, params, ok) =>
  session.waitFor(() => sql(site, query, params).find(ok) ?? null, { timeout: 20_000 });

/** The values on screen now, by test id. @param {any} session @param {Record<string, string>} typed */
async function assertStillShown(session, typed) {
  for (const [testid, value] of Object.entries(typed)) {
    const el = await session.find(`[data-testid="${testid}"]`);
    assert.equal((await valueOf(session, el)).value, value, `${testid} after saving`);
  }
}

/** @param {any} session @param {string} testid */
const go = async (session, testid) => session.click(await session.find(`[data-testid="${testid}"]`, { timeout: 20_000 }));

/** Opens an article of the list by its title (searching for it). @param {any} session @param {string} title */
async function openArticle(session, title) {
  await go(session, 'nav-articles');
  const search = await field(session, '[data-testid="article-search"]');
  await session.click(search);
  await chord(session, KEY.A);
  await typeKeys(session, title.split(':')[0]);
  const open = await session.waitFor(async () => {
    for (const item of await session.findAll('[data-testid="search-result"]')) {
      if ((await session.text(item)).includes(title)) return item;
    }
    return null;
  });
  const button = await session.request('POST', `/session/${session.id}/element/${open}/element`, { using: 'css selector', value: '.article-open' });
  await session.click(Object.values(button)[0]);
  await session.find('[data-testid="editor"]', { timeout: 20_000 });
}

test('every text field takes real key events exactly, on screen, after saving and in SQLite', async () => {
  const { dir, site } = demoSite();
  const config = join(dir, 'config');
  const app = await launchApp({ site, config });
  try {
    const { session } = app;
    await session.find('[data-testid="article-item"]', { timeout: 30_000 });

    // An existing article: its details panel starts closed and must stay open while typing.
    await openArticle(session, 'Vacancy: Communications Officer');
    const vacancy = sql(site, 'SELECT * FROM articles WHERE slug = ?', ['vacancy-communications-officer'])[0];
    await session.click(await session.find('[data-testid="meta-panel"] > summary'));
    /** @type {Record<string, string>} */
    const typed = {};
    typed['seo-title-input'] = await typeInto(session, 'seo-title-input', 'Jobs');
    assert.equal(await session.exec(() => /** @type {HTMLDetailsElement} */ (document.querySelector('[data-testid="meta-panel"]')).open), true);
    typed['summary-input'] = await typeInto(session, 'summary-input', ' Read');
    typed['title-input'] = await typeInto(session, 'title-input', WORDS);
    typed['slug-input'] = await typeInto(session, 'slug-input', '-2026');
    typed['author-input'] = await typeInto(session, 'author-input', ' & Ann Müller');
    // The featured image comes from the picker (no reference to type) with the library's alt text.
    await go(session, 'image-pick');
    await session.click(await session.find('[data-testid="slide-image-choice"][data-name="brussels-conference.jpg"]', { timeout: 20_000 }));
    const libraryAlt = sql(site, 'SELECT alt FROM media WHERE name = ?', ['brussels-conference.jpg'])[0].alt;
    typed['image-alt-input'] = await typeInto(session, 'image-alt-input', ', typed');
    assert.equal(typed['image-alt-input'], `${libraryAlt}, typed`);
    typed['seo-description-input'] = await typeInto(session, 'seo-description-input', `Apply${WORDS}`);
    await typeInto(session, 'tag-input', 'careers');
    await typeKeys(session, KEY.ENTER);
    await typeInBody(session, ' Typed in the body.');
    await stateIs(session, 'save-status', 'saved');
    const saved = await storedRow(session, site, 'SELECT * FROM articles WHERE id = ?', [vacancy.id], (r) => r.body.includes('Typed in the body.') && r.version > vacancy.version);
    assert.equal(saved.title, typed['title-input']);
    assert.equal(saved.summary, typed['summary-input']);
    assert.equal(saved.slug, typed['slug-input']);
    assert.equal(saved.author, typed['author-input']);
    assert.equal(saved.image, 'media:brussels-conference.jpg');
    assert.equal(saved.image_alt, typed['image-alt-input']);
    assert.equal(saved.seo_title, 'Jobs');
    assert.equal(saved.seo_description, typed['seo-description-input']);
    assert.deepEqual(JSON.parse(saved.tags), ['mpg', 'jobs', 'careers']);
    await assertStillShown(session, typed);

    // An event: its location.
    await openArticle(session, 'MIPEX 2015 final conference');
    await session.click(await session.find('[data-testid="meta-panel"] > summary'));
    const location = await typeInto(session, 'location-input', 'Résidence Palace, Rue de la Loi 155');
    await stateIs(session, 'save-status', 'saved');
    await storedRow(session, site, 'SELECT location FROM articles WHERE slug = ?', ['mipex-2015-final-conference'], (r) => r.location === location);

    // A new article: the title has the focus, the details are open.
    await go(session, 'nav-articles');
    await go(session, 'new-article');
    await session.find('[data-testid="editor"]', { timeout: 20_000 });
    await typeKeys(session, `Typed new article${WORDS}`);
    const title = await session.exec(() => /** @type {HTMLInputElement} */ (document.querySelector('[data-testid="title-input"]')).value);
    assert.equal(title, `Typed new article${WORDS}`);
    const summary = await typeInto(session, 'summary-input', 'A summary typed key by key.');
    await typeInBody(session, 'The first paragraph, typed.');
    await stateIs(session, 'save-status', 'saved');
    const fresh = await storedRow(session, site, 'SELECT * FROM articles WHERE title = ?', [title], (r) => r.body.includes('The first paragraph, typed.'));
    assert.equal(fresh.summary, summary);

    // Pages: an existing one and a new one.
    await go(session, 'nav-pages');
    await go(session, 'page-open');
    await session.find('[data-testid="editor"]', { timeout: 20_000 });
    const pageTitle = await typeInto(session, 'title-input', WORDS);
    const pageSlug = await typeInto(session, 'slug-input', '-us');
    await typeInBody(session, ' Typed on a page.');
    await stateIs(session, 'save-status', 'saved');
    const savedPage = await storedRow(session, site, 'SELECT * FROM pages WHERE slug = ?', [pageSlug], (r) => r.body.includes('Typed on a page.'));
    assert.equal(savedPage.title, pageTitle);
    await go(session, 'editor-back');
    await go(session, 'new-page');
    await session.find('[data-testid="editor"]', { timeout: 20_000 });
    await typeKeys(session, 'Typed new page');
    await typeInBody(session, 'Words of a new page.');
    await stateIs(session, 'save-status', 'saved');
    await storedRow(session, site, 'SELECT * FROM pages WHERE title = ?', ['Typed new page'], (r) => r.body.includes('Words of a new page.'));

    // Slides: the first one, then a new one.
    await go(session, 'nav-slides');
    await go(session, 'slide-open');
    await session.find('[data-testid="slide-headline"]', { timeout: 20_000 });
    const slideId = Number(await session.exec(() => document.querySelector('[data-testid="slide-item"][aria-current], [data-testid="slide-item"]')?.getAttribute('data-slide-id')));
    /** @type {Record<string, string>} */
    const slide = {};
    slide['slide-headline'] = await typeInto(session, 'slide-headline', WORDS);
    slide['slide-blurb'] = await typeInto(session, 'slide-blurb', ` Typed${WORDS}`);
    slide['slide-cta'] = await typeInto(session, 'slide-cta', 'Read the report', { replace: true });
    slide['slide-link'] = await typeInto(session, 'slide-link', 'https://www.example.org/jobs?x=1&y=2', { replace: true });
    slide['slide-image-alt'] = await typeInto(session, 'slide-image-alt', ', typed');
    await stateIs(session, 'slide-save-status', 'saved');
    const savedSlide = await storedRow(session, site, 'SELECT * FROM slides WHERE headline = ?', [slide['slide-headline']], (r) => r.image_alt === slide['slide-image-alt']);
    if (slideId) assert.equal(savedSlide.id, slideId);
    assert.equal(savedSlide.blurb, slide['slide-blurb']);
    assert.equal(savedSlide.cta, slide['slide-cta']);
    assert.equal(savedSlide.link, slide['slide-link']);
    await assertStillShown(session, slide);
    const count = (await session.findAll('[data-testid="slide-item"]')).length;
    await go(session, 'new-slide');
    await session.waitFor(async () => (await session.findAll('[data-testid="slide-item"]')).length === count + 1);
    await session.find('[data-testid="slide-headline"]');
    const newHeadline = await typeInto(session, 'slide-headline', `New slide${WORDS}`, { replace: true });
    await stateIs(session, 'slide-save-status', 'saved');
    await storedRow(session, site, 'SELECT * FROM slides WHERE headline = ?', [newHeadline], () => true);

    // Media details: a photo, then the report PDF (its title).
    await go(session, 'nav-media');
    const tile = await session.find('[data-testid="media-item"][data-name="brussels-conference.jpg"]', { timeout: 30_000 });
    await session.click(tile);
    /** @type {Record<string, string>} */
    const media = {};
    media['media-alt'] = await typeInto(session, 'media-alt', ', typed');
    media['media-caption'] = await typeInto(session, 'media-caption', `A caption${WORDS}`, { replace: true });
    media['media-credit'] = await typeInto(session, 'media-credit', 'Photo: Ann Müller', { replace: true });
    await go(session, 'media-save');
    const savedMedia = await storedRow(session, site, 'SELECT * FROM media WHERE name = ?', ['brussels-conference.jpg'], (r) => r.credit === media['media-credit']);
    assert.equal(savedMedia.alt, media['media-alt']);
    assert.equal(savedMedia.caption, media['media-caption']);
    await assertStillShown(session, media);
    await session.click(await session.find('[data-testid="media-item"][data-name="sirius-final-conference-report.pdf"]'));
    const pdfTitle = await typeInto(session, 'media-title', `Final report${WORDS}`, { replace: true });
    await go(session, 'media-save');
    await storedRow(session, site, 'SELECT * FROM media WHERE name = ?', ['sirius-final-conference-report.pdf'], (r) => r.title === pdfTitle);

    // Settings.
    await go(session, 'nav-settings');
    /** @type {Record<string, string>} */
    const settings = {};
    settings['settings-title'] = await typeInto(session, 'settings-title', WORDS);
    settings['settings-tagline'] = await typeInto(session, 'settings-tagline', `A tagline${WORDS}`, { replace: true });
    settings['settings-footer'] = await typeInto(session, 'settings-footer', ` Typed${WORDS}`);
    settings['settings-newsletter'] = await typeInto(session, 'settings-newsletter', 'https://lists.example.org/join?list=news&lang=en', { replace: true });
    settings['navigation-label'] = await typeInto(session, 'navigation-label', ' typed');
    settings['section-title'] = await typeInto(session, 'section-title', ' & typed');
    settings['partner-name'] = await typeInto(session, 'partner-name', ' Müller');
    await go(session, 'settings-save');
    await stateIs(session, 'settings-save-status', 'saved');
    const data = JSON.parse(sql(site, 'SELECT data FROM settings')[0].data);
    /** @type {string[]} */
    const strings = [];
    JSON.stringify(data, (_k, v) => (typeof v === 'string' && strings.push(v), v));
    for (const [testid, value] of Object.entries(settings)) assert.ok(strings.includes(value), `${testid}: "${value}" is stored`);
    await assertStillShown(session, settings);
    const name = await typeInto(session, 'editor-name', 'Ann Müller-Dupont', { replace: true });
    await go(session, 'editor-name-save');
    await session.waitFor(() => JSON.parse(readFileSync(join(config, 'prefs.json'), 'utf8')).editor_name === name);

    // A host (SFTP with a key file in a folder with a space in its name).
    const keyFile = join(dir, 'my keys', 'id_ed25519');
    mkdirSync(join(dir, 'my keys'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile]);
    await go(session, 'nav-publish');
    await go(session, 'target-add');
    const target = {
      name: await typeInto(session, 'target-name', 'staging', { replace: true }),
      url: await typeInto(session, 'target-url', 'sftp://www.example.org:2222/var/www/our site', { replace: true }),
      user: await typeInto(session, 'target-user', 'comms-team'),
      key: await typeInto(session, 'target-key-file', keyFile),
    };
    await typeInto(session, 'target-secret', 'p4ss word & more');
    await go(session, 'target-save');
    const host = await session.waitFor(async () => {
      const refused = await session.exec(() => document.querySelector('[data-testid="target-error"]')?.textContent);
      if (refused) throw new Error(`the host was refused: ${refused}`);
      return sql(site, 'SELECT * FROM targets WHERE name = ?', [target.name])[0] ?? null;
    }, { timeout: 20_000 });
    assert.equal(host.url, target.url);
    assert.equal(host.user, target.user);
    assert.equal(host.key_file, target.key);
  } finally {
    await app.stop();
  }
});
