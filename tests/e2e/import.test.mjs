// Importing a website in the real app (Settings → Sites → Import a website): a trial that
// changes nothing, then the import with its progress and report, and a warning's link that
// opens the imported article.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { demoSite, launchApp, masthead } from './app.mjs';

const fixtures = new URL('../fixtures/import/wordpress/', import.meta.url).pathname;

/** @param {any} session @param {string} testid */
const byTestId = (session, testid) => session.find(`[data-testid="${testid}"]`, { timeout: 20_000 });

/** Waits for the import report and returns its text. @param {any} session @param {string} dryRun */
async function reportText(session, dryRun) {
  return session.waitFor(
    async () => {
      const [failed] = await session.findAll('[data-testid="import-website-error"]');
      if (failed) throw new Error(`the import failed: ${await session.text(failed)}`);
      const [el] = await session.findAll(`[data-testid="import-website-report"][data-dry-run="${dryRun}"]`);
      return el ? session.text(el) : null;
    },
    { timeout: 60_000 },
  );
}

test('a WordPress export comes in from Settings, with its report and links to what came in', async () => {
  const { dir, site } = demoSite();
  const articles = () => JSON.parse(masthead(['--site', site, 'list', 'articles', '--json'])).length;
  const before = articles();
  const app = await launchApp({ site, config: join(dir, 'config') });
  try {
    const { session } = app;
    await byTestId(session, 'article-item');
    await session.click(await byTestId(session, 'nav-settings'));
    await session.type(await byTestId(session, 'import-website-source'), join(fixtures, 'export.xml'));
    await session.type(await byTestId(session, 'import-website-uploads'), join(fixtures, 'uploads'));

    await session.click(await byTestId(session, 'import-website-try'));
    const trial = await reportText(session, 'true').catch(async (e) => {
      throw new Error(`${e}; the form shows: ${await session.text(await byTestId(session, 'import-website'))}`);
    });
    // The fixture's pictures are files of the demo, which the library reuses (0 new files); the
    // demo's about page takes /about/, so the imported one is about-2 and /about/ is one more
    // old address (23, not the 22 of an empty site), and 4 more are category and tag archives.
    assert.match(trial, /Would import 7 articles, 3 pages, 2 slides, 0 files and 27 redirects/);
    assert.match(trial, /Not imported/);
    assert.equal(articles(), before, 'the trial changed nothing');

    await session.click(await byTestId(session, 'import-website-start'));
    const done = await reportText(session, 'false');
    assert.match(done, /Imported 7 articles/);
    assert.match(done, /page:about-2/, 'the demo has an about page: the clash is reported');
    assert.equal(articles(), before + 7);

    // A warning's link opens the article it is about.
    const links = await session.findAll('[data-testid="import-website-warnings"] button');
    const texts = await Promise.all(links.map((l) => session.text(l)));
    assert.ok(texts.includes('page:about-2'), texts.join(', '));
    await session.click(links[texts.indexOf('article:hello-from-the-field')]);
    await byTestId(session, 'editor-back');
    await session.waitFor(async () => (await session.exec(() => document.body.innerText)).includes('Our volunteers arrived in the village'), {
      timeout: 20_000,
    });
  } finally {
    await app.stop();
  }
});
