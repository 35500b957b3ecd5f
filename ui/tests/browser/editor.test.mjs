import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { article, FakeBackend } from './fixtures.mjs';
import { axeProblems, caretToEnd, openApp, screenshot, useBrowser } from './harness.mjs';

const NOW = new Date('2025-06-15T12:00:00Z');

const FIGURE_BODY = [
  'The workshop ran for three days.',
  '',
  '```figure',
  'image: media:nairobi-workshop.jpg',
  'alt: Two people at a workshop',
  'caption: The Nairobi workshop',
  'credit: Jane Doe',
  '```',
  '',
  'Thanks to every volunteer.',
  '',
].join('\n');

/** The media library as `media_library` answers (no variants: their addresses are outside the test CSP). */
const LIBRARY = [
  { id: 1, name: 'river.jpg', mime: 'image/jpeg', alt: 'The river at dawn', caption: 'The lower weir', credit: 'Ana Costa', created_at: '2025-05-01T09:00:00Z' },
  { id: 2, name: 'volunteers.jpg', mime: 'image/jpeg', alt: 'Volunteers with litter pickers', created_at: '2025-05-03T09:00:00Z' },
  { id: 3, name: 'annual-report.pdf', mime: 'application/pdf', alt: null, created_at: '2025-05-04T09:00:00Z' },
].map((m) => ({ version: 1, original_name: m.name, bytes: 1000, caption: null, credit: null, width: null, height: null, title: null, pages: null, author: null, focal: null, variants: [], used_by: [], ...m }));

function articles() {
  return [
    article({ id: 1, title: 'Spring river clean-up', status: 'published', date: '2025-05-20', body: 'The clean-up removed **2 tonnes** of waste.\n' }),
    article({ id: 2, title: 'Nairobi workshop', body: FIGURE_BODY }),
  ];
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {FakeBackend} [backend]
 */
async function open(browser, url, backend = new FakeBackend(articles())) {
  const routes = { media_library: { result: LIBRARY } };
  const app = await openApp(browser, url, { now: NOW, routes, handlers: backend.handlers() });
  return { ...app, backend };
}

/**
 * @param {{ recorded: () => Promise<{ calls: { cmd: string, args: any }[] }> }} app
 * @param {string} cmd
 */
async function callsOf(app, cmd) {
  return (await app.recorded()).calls.filter((c) => c.cmd === cmd);
}

/** @param {import('playwright-core').Page} page @param {string} title */
async function openArticle(page, title) {
  await page.getByTestId('article-item').filter({ hasText: title }).getByTestId('article-open').click();
  await page.getByTestId('editor').waitFor();
}

describe('article editor (built app, mocked IPC)', () => {
  const ctx = useBrowser();

  test('types a title and body, autosaves Markdown, saves on Ctrl+S, updates the preview', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await openArticle(page, 'Spring river clean-up');
      const editor = page.getByTestId('editor');
      assert.equal(await editor.getAttribute('contenteditable'), 'true');
      assert.equal(await editor.getAttribute('spellcheck'), 'true');
      assert.equal(await editor.getAttribute('lang'), 'en');
      const frame = page.getByTestId('preview-frame');
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="preview-frame"]')?.getAttribute('srcdoc')?.includes('2 tonnes'),
      );
      assert.equal(await frame.getAttribute('sandbox'), 'allow-same-origin');

      await page.getByTestId('title-input').fill('River clean-up: the results');
      // The article was published: its slug no longer follows the title.
      assert.equal(await page.getByTestId('slug-input').inputValue(), 'spring-river-clean-up');

      await caretToEnd(page);
      await page.keyboard.press('Enter');
      await page.keyboard.type('Volunteers were ');
      await page.keyboard.press('Control+b');
      await page.keyboard.type('amazing');
      await page.keyboard.press('Control+b');
      await page.keyboard.type('.');
      await page.keyboard.press('Enter');
      await page.keyboard.type('- first bag');
      await page.keyboard.press('Enter');
      await page.keyboard.type('second bag');

      const status = page.getByTestId('save-status');
      await page.waitForSelector('[data-testid="save-status"][data-state="saving"]');
      await page.waitForSelector('[data-testid="save-status"][data-state="saved"]', { timeout: 5000 });
      assert.match((await status.textContent()) ?? '', /Saved/);

      const saves = await callsOf(app, 'save_article');
      assert.ok(saves.length >= 1, 'autosaved');
      const last = saves[saves.length - 1]?.args;
      assert.equal(last.mode, 'autosave');
      assert.equal(last.article.title, 'River clean-up: the results');
      assert.equal(last.article.version, saves.length);
      assert.match(last.article.body, /Volunteers were \*\*amazing\*\*\./);
      assert.match(last.article.body, /^- first bag\n- second bag$/m);
      assert.match(last.article.body, /The clean-up removed \*\*2 tonnes\*\* of waste\./);

      // The preview follows the unsaved text.
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="preview-frame"]')?.getAttribute('srcdoc')?.includes('second bag'),
      );
      const previews = await callsOf(app, 'render_preview');
      assert.ok(previews.length >= 2);

      await page.keyboard.type(' and a third');
      await page.keyboard.press('Control+s');
      await page.waitForFunction(
        () => /** @type {any} */ (window).__MASTHEAD_TEST__.calls.some((/** @type {any} */ c) => c.cmd === 'save_article' && c.args.mode === 'explicit'),
      );
      await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
      const explicit = (await callsOf(app, 'save_article')).filter((c) => c.args.mode === 'explicit');
      assert.equal(explicit.length, 1);
      assert.match(explicit[0]?.args.article.body, /second bag and a third/);

      // Desktop is a real desktop width (the page lays out at 1280 px), scaled to fit the column.
      const desktop = await page.evaluate(() => {
        const f = /** @type {HTMLIFrameElement} */ (document.querySelector('[data-testid="preview-frame"]'));
        const stage = /** @type {HTMLElement} */ (f.parentElement);
        return { inner: f.contentWindow?.innerWidth, shown: f.getBoundingClientRect().width, stage: stage.clientWidth };
      });
      assert.equal(desktop.inner, 1280);
      assert.ok(desktop.shown <= desktop.stage + 0.5 && desktop.shown > desktop.stage - 2, JSON.stringify(desktop));
      await page.getByTestId('preview-mobile').click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="preview-frame"]')?.getBoundingClientRect().width === 390,
      );
      assert.equal(await page.evaluate(() => /** @type {HTMLIFrameElement} */ (document.querySelector('[data-testid="preview-frame"]')).contentWindow?.innerWidth), 390);

      assert.deepEqual((await app.recorded()).cspViolations, []);
      assert.deepEqual(await axeProblems(page), []);
      assert.deepEqual(app.problems, []);
      await screenshot(page, 'editor.png');
    } finally {
      await app.close();
    }
  });

  test('a new article opens with its title focused and its slug following the title', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await page.getByTestId('new-article').click();
      await page.getByTestId('editor').waitFor();
      const title = page.getByTestId('title-input');
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'title-input');
      await page.keyboard.type('Café opening in Zürich');
      assert.equal(await title.inputValue(), 'Café opening in Zürich');
      assert.equal(await page.getByTestId('slug-input').inputValue(), 'cafe-opening-in-zurich');
      await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
      assert.equal((await callsOf(app, 'create_article')).length, 1);
      assert.deepEqual((await app.recorded()).cspViolations, []);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('a long article lays out its first screen first, then all of it; keys move through all of it', async () => {
    const paragraphs = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1}: ${'word '.repeat(90).trim()}.`);
    const body = `${paragraphs.join('\n\n')}\n`;
    const app = await open(ctx.browser, ctx.server.url, new FakeBackend([article({ id: 3, title: 'A long report', body })]));
    try {
      const { page } = app;
      // Records whether the editor's body came with `mh-lazy` (it goes a little later).
      await page.evaluate(() => {
        const seen = /** @type {any} */ (window).__lazySeen = { value: false };
        new MutationObserver(() => {
          if (document.querySelector('.mh-editor-body.mh-lazy')) seen.value = true;
        }).observe(document.body, { childList: true, subtree: true });
      });
      await openArticle(page, 'A long report');
      assert.equal(await page.evaluate(() => /** @type {any} */ (window).__lazySeen.value), true, 'opened lazily');
      await page.waitForSelector('.mh-editor-body:not(.mh-lazy)', { timeout: 5000 });
      // Laid out for real: the last paragraph's height is its text's, not the guess (6em).
      const last = await page.locator('.ProseMirror > p').last().boundingBox();
      assert.ok(last && last.height > 120, `the last paragraph is ${last?.height}px tall`);

      await caretToEnd(page);
      await page.keyboard.type(' The end.');
      await page.keyboard.press('Control+s');
      await page.waitForFunction(() => /** @type {any} */ (window).__MASTHEAD_TEST__.calls.some((/** @type {any} */ c) => c.cmd === 'save_article'));
      const saved = (await callsOf(app, 'save_article'))[0]?.args.article.body;
      assert.equal(saved, body.replace(/\.\n$/, '. The end.\n'));
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('a figure block is an editable card and round-trips', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await openArticle(page, 'Nairobi workshop');
      const card = page.getByTestId('rich-block');
      await card.waitFor();
      assert.equal(await card.getAttribute('data-block'), 'figure');
      const caption = card.getByLabel('Caption');
      assert.equal(await caption.inputValue(), 'The Nairobi workshop');
      assert.equal(await card.getByLabel('Alt text').inputValue(), 'Two people at a workshop');

      // Saving without edits gives back the same Markdown.
      await page.keyboard.press('Control+s');
      await page.waitForFunction(() => /** @type {any} */ (window).__MASTHEAD_TEST__.calls.some((/** @type {any} */ c) => c.cmd === 'save_article'));
      const first = (await callsOf(app, 'save_article'))[0]?.args.article.body;
      assert.equal(first, FIGURE_BODY);

      await caption.fill('The Nairobi workshop, day two');
      await page.keyboard.press('Control+s');
      await page.waitForFunction(() => /** @type {any} */ (window).__MASTHEAD_TEST__.calls.filter((/** @type {any} */ c) => c.cmd === 'save_article').length >= 2);
      await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
      const saves = await callsOf(app, 'save_article');
      const body = saves[saves.length - 1]?.args.article.body;
      assert.equal(body, FIGURE_BODY.replace('caption: The Nairobi workshop', 'caption: The Nairobi workshop, day two'));
      assert.deepEqual((await app.recorded()).cspViolations, []);
      assert.deepEqual(await axeProblems(page), []);
      assert.deepEqual(app.problems, []);
      await screenshot(page, 'editor-figure.png');
    } finally {
      await app.close();
    }
  });

  test('a figure can be marked decorative: `decorative: true`, no alt text asked for', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await openArticle(page, 'Nairobi workshop');
      const card = page.getByTestId('rich-block');
      await card.waitFor();
      const decorative = card.getByLabel('Decorative image');
      assert.equal(await decorative.isChecked(), false);
      assert.equal(await card.getByLabel('Alt text').isEnabled(), true);

      await decorative.check();
      assert.equal(await card.getByLabel('Alt text').isEnabled(), false);
      await page.keyboard.press('Control+s');
      await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
      let saves = await callsOf(app, 'save_article');
      assert.equal(
        saves[saves.length - 1]?.args.article.body,
        FIGURE_BODY.replace('credit: Jane Doe\n', 'credit: Jane Doe\ndecorative: true\n'),
      );

      await decorative.uncheck();
      assert.equal(await card.getByLabel('Alt text').isEnabled(), true);
      await page.keyboard.press('Control+s');
      await page.waitForFunction(
        (n) => /** @type {any} */ (window).__MASTHEAD_TEST__.calls.filter((/** @type {any} */ c) => c.cmd === 'save_article').length > n,
        saves.length,
      );
      await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
      saves = await callsOf(app, 'save_article');
      assert.equal(saves[saves.length - 1]?.args.article.body, FIGURE_BODY);
      assert.deepEqual(await axeProblems(page), []);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('figure and download cards choose their file with the media picker; a figure takes the texts it lacks', async () => {
    const body = ['Intro.', '', '```figure', 'caption: Kept as written', '```', '', '```download', 'label: Get it', '```', ''].join('\n');
    const backend = new FakeBackend([...articles(), article({ id: 3, title: 'Blocks to fill', body })]);
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      await openArticle(page, 'Blocks to fill');
      const figure = page.locator('[data-testid="rich-block"][data-block="figure"]');
      const download = page.locator('[data-testid="rich-block"][data-block="download"]');
      await figure.waitFor();
      assert.equal(await figure.locator('input[data-field="image"]').count(), 0, 'no reference to type');
      assert.equal(await figure.getByTestId('block-media-name').textContent(), 'None chosen');

      await figure.getByRole('button', { name: 'Choose an image…' }).click();
      const images = page.getByTestId('slide-image-choice');
      await images.first().waitFor();
      assert.deepEqual(await images.evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))), ['volunteers.jpg', 'river.jpg']);
      await images.filter({ hasText: 'river.jpg' }).click();
      assert.equal(await figure.getByTestId('block-media-name').textContent(), 'river.jpg');
      assert.equal(await figure.getByLabel('Alt text').inputValue(), 'The river at dawn');
      assert.equal(await figure.getByLabel('Caption').inputValue(), 'Kept as written');
      assert.equal(await figure.getByLabel('Credit').inputValue(), 'Ana Costa');

      await download.getByRole('button', { name: 'Choose a file…' }).click();
      const files = page.getByTestId('file-choice');
      await files.first().waitFor();
      assert.deepEqual(await files.evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))), [
        'annual-report.pdf',
        'volunteers.jpg',
        'river.jpg',
      ]);
      await files.filter({ hasText: 'annual-report.pdf' }).click();
      assert.equal(await download.getByTestId('block-media-name').textContent(), 'annual-report.pdf');

      await page.keyboard.press('Control+s');
      await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-state') === 'saved');
      const saves = await callsOf(app, 'save_article');
      assert.equal(
        saves[saves.length - 1]?.args.article.body,
        [
          'Intro.',
          '',
          '```figure',
          'caption: Kept as written',
          'image: media:river.jpg',
          'alt: The river at dawn',
          'credit: Ana Costa',
          '```',
          '',
          '```download',
          'label: Get it',
          'file: media:annual-report.pdf',
          '```',
          '',
        ].join('\n'),
      );
      assert.deepEqual(await axeProblems(page), []);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('search calls search_articles and shows the hits', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await page.getByTestId('article-item').first().waitFor();
      await page.getByTestId('article-search').fill('tonnes');
      const hit = page.getByTestId('search-result');
      await hit.first().waitFor();
      assert.equal(await hit.count(), 1);
      assert.equal(await hit.locator('mark').textContent(), 'tonnes');
      const searches = await callsOf(app, 'search_articles');
      assert.equal(searches[searches.length - 1]?.args.query, 'tonnes');
      await page.getByTestId('article-search').fill('');
      await page.getByTestId('article-item').first().waitFor();
      assert.equal(await hit.count(), 0);

      await page.getByTestId('article-search').fill('workshop');
      await hit.first().getByRole('button').click();
      await page.getByTestId('editor').waitFor();
      assert.equal(await page.getByTestId('title-input').inputValue(), 'Nairobi workshop');
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('a conflicting save shows the message and Reload loads the latest version', async () => {
    const backend = new FakeBackend(articles());
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      await openArticle(page, 'Spring river clean-up');
      // Someone else saves meanwhile.
      const stored = backend.get(1);
      backend.articles.set(1, { ...stored, version: 5, body: 'Edited on another computer.\n' });
      await page.getByTestId('editor').click();
      await page.keyboard.type(' More.');
      const message = page.getByTestId('conflict-message');
      await message.waitFor({ timeout: 5000 });
      assert.match((await message.textContent()) ?? '', /changed elsewhere/);
      assert.equal(await page.getByTestId('save-status').getAttribute('data-state'), 'error');
      await page.getByTestId('conflict-reload').click();
      await message.waitFor({ state: 'detached' });
      await page.getByTestId('editor').getByText('Edited on another computer.').waitFor();
      assert.equal(await page.getByTestId('save-status').getAttribute('data-state'), 'saved');
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('an invalid save shows the message near the form', async () => {
    const backend = new FakeBackend(articles());
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      await openArticle(page, 'Nairobi workshop');
      backend.failNextSave = { code: 'invalid', message: 'The slug “about” is already used by a page.' };
      assert.equal(await page.getByTestId('slug-input').isVisible(), false);
      await page.getByText('Article details').click();
      await page.getByTestId('slug-input').fill('about');
      await page.getByTestId('form-error').waitFor({ timeout: 5000 });
      assert.equal(await page.getByTestId('save-status').getAttribute('data-state'), 'error');
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('the revisions panel lists revisions, diffs and restores one', async () => {
    const backend = new FakeBackend(articles());
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      await openArticle(page, 'Spring river clean-up');
      await caretToEnd(page);
      await page.keyboard.press('Enter');
      await page.keyboard.type('A new closing line.');
      await page.keyboard.press('Control+s');
      await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
      await page.waitForFunction(() => /** @type {any} */ (window).__MASTHEAD_TEST__.calls.some((/** @type {any} */ c) => c.cmd === 'save_article'));

      await page.getByTestId('revisions-button').click();
      const items = page.getByTestId('revision-item');
      await items.first().waitFor();
      assert.equal(await items.count(), 1);
      const diff = page.getByTestId('revision-diff');
      assert.match((await diff.textContent()) ?? '', /\+ A new closing line\./);
      await page.getByTestId('revision-restore').click();
      await page.getByTestId('revisions-panel').waitFor({ state: 'detached' });
      const restores = await callsOf(app, 'restore_revision');
      assert.deepEqual(restores[0]?.args, { id: 1, revisionId: 1, baseVersion: 2 });
      assert.equal(await page.getByTestId('editor').getByText('A new closing line.').count(), 0);
      assert.deepEqual((await app.recorded()).cspViolations, []);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('leaving the editor flushes the pending save; delete and restore from the trash', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await openArticle(page, 'Nairobi workshop');
      await page.getByTestId('title-input').fill('Nairobi workshop report');
      // Straight to another screen, before the autosave delay is over. (This fake backend does
      // not answer the settings commands: the screen still shows, with the error in place.)
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-screen').waitFor();
      await page.getByTestId('settings-load-error').waitFor();
      const saves = await callsOf(app, 'save_article');
      assert.equal(saves.length, 1);
      assert.equal(saves[0]?.args.article.title, 'Nairobi workshop report');

      await page.getByTestId('nav-articles').click();
      const row = page.getByTestId('article-item').filter({ hasText: 'Nairobi workshop report' });
      await row.getByTestId('article-trash').click();
      await row.waitFor({ state: 'detached' });
      await page.getByTestId('articles-trash-toggle').click();
      await page.getByTestId('trash-item').first().waitFor();
      await page.getByTestId('trash-restore').click();
      await page.getByTestId('articles-trash-toggle').click();
      await page.getByTestId('article-item').filter({ hasText: 'Nairobi workshop report' }).waitFor();
      assert.deepEqual(
        (await callsOf(app, 'restore_article')).map((c) => c.args),
        [{ id: 2 }],
      );
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('typing key by key in the closed details of an existing article keeps the panel open and the text in order', async () => {
    const backend = new FakeBackend([
      article({ id: 1, title: 'Vacancy: Communications Officer', status: 'review', date: '2025-05-20', summary: 'Our report', body: 'Hi\n' }),
    ]);
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      await openArticle(page, 'Vacancy: Communications Officer');
      const panel = page.getByTestId('meta-panel');
      assert.equal(await panel.evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open), false, 'an existing article opens with its text first');
      await panel.locator('summary').click();
      const seo = page.getByTestId('seo-title-input');
      await seo.click();
      await page.keyboard.type('Jobs', { delay: 30 });
      assert.equal(await seo.inputValue(), 'Jobs');
      assert.equal(await panel.evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open), true, 'the panel stays open');
      const summaryInput = page.getByTestId('summary-input');
      await summaryInput.click();
      await page.keyboard.press('End');
      await page.keyboard.type(' Read', { delay: 30 });
      assert.equal(await summaryInput.inputValue(), 'Our report Read');
      await page.keyboard.press('Control+s');
      await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-state') === 'saved');
      const saved = backend.articles.get(1);
      assert.equal(saved?.seo_title, 'Jobs');
      assert.equal(saved?.summary, 'Our report Read');
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('publishing an undated article dates it now', async () => {
    const backend = new FakeBackend([article({ id: 1, title: 'Undated news', status: 'draft', date: null, body: 'Text\n' })]);
    const app = await open(ctx.browser, ctx.server.url, backend);
    try {
      const { page } = app;
      await openArticle(page, 'Undated news');
      await page.getByTestId('meta-panel').locator('summary').click();
      assert.match((await page.getByTestId('date-note').textContent()) ?? '', /No date yet/);
      await page.getByTestId('status-select').selectOption('published');
      assert.equal(await page.getByTestId('date-input').inputValue(), '2025-06-15');
      await page.keyboard.press('Control+s');
      await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-state') === 'saved');
      assert.equal(backend.articles.get(1)?.date, '2025-06-15T12:00');
      assert.equal(backend.articles.get(1)?.status, 'published');
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('a new article left without typing leaves no draft; one with a title stays', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page, backend } = app;
      await page.getByTestId('new-article').click();
      await page.getByTestId('editor').waitFor();
      await page.getByTestId('editor-back').click();
      await page.getByTestId('article-list').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="article-item"]').length === 2);
      assert.deepEqual([...backend.articles.values()].map((a) => a.title).sort(), ['Nairobi workshop', 'Spring river clean-up']);
      assert.equal((await callsOf(app, 'discard_untouched')).length, 1);

      await page.getByTestId('new-article').click();
      await page.getByTestId('editor').waitFor();
      await page.keyboard.type('Kept', { delay: 20 });
      await page.getByTestId('editor-back').click();
      await page.getByTestId('article-item').filter({ hasText: 'Kept' }).waitFor();
      assert.ok([...backend.articles.values()].some((a) => a.title === 'Kept'));
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('the featured image is chosen from the library, newest first, and brings its alt text', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page, backend } = app;
      await openArticle(page, 'Spring river clean-up');
      await page.getByTestId('meta-panel').locator('summary').click();
      assert.equal(await page.getByTestId('image-input').count(), 0, 'no reference to type');
      await page.getByTestId('image-pick').click();
      const choices = page.getByTestId('slide-image-choice');
      await choices.first().waitFor();
      assert.deepEqual(await choices.evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))), ['volunteers.jpg', 'river.jpg']);
      await choices.filter({ hasText: 'river.jpg' }).click();
      assert.equal(await page.getByTestId('image-name').textContent(), 'river.jpg');
      assert.equal(await page.getByTestId('image-alt-input').inputValue(), 'The river at dawn');
      // Another picture replaces the alt text that described the first.
      await page.getByTestId('image-pick').click();
      await choices.filter({ hasText: 'volunteers.jpg' }).click();
      assert.equal(await page.getByTestId('image-alt-input').inputValue(), 'Volunteers with litter pickers');
      await page.keyboard.press('Control+s');
      await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-state') === 'saved');
      assert.equal(backend.articles.get(1)?.image, 'media:volunteers.jpg');
      assert.equal(backend.articles.get(1)?.image_alt, 'Volunteers with litter pickers');
      await page.getByTestId('image-remove').click();
      assert.equal(await page.getByTestId('image-name').textContent(), 'None chosen');
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });
});
