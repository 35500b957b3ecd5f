import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { article, FakeBackend } from './fixtures.mjs';
import { caretToEnd, openApp, screenshot, useBrowser } from './harness.mjs';

const NOW = new Date('2025-06-15T12:00:00Z');

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{font-family:Calibri}</style></head>
<body><!--StartFragment-->
<h2 style="font-family:Cambria;color:#365F91">Results from the field</h2>
<p class=MsoNormal><span style="font-family:Calibri">We tested <b>40 wells</b> and <i>25 springs</i>, see <a href="https://example.org/report">the report</a>.</span><o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style="mso-list:l0 level1 lfo1"><![if !supportLists]><span style="mso-list:Ignore">·<span>&nbsp;&nbsp;</span></span><![endif]>Kibera</p>
<p class=MsoListParagraphCxSpLast style="mso-list:l0 level1 lfo1"><![if !supportLists]><span style="mso-list:Ignore">·<span>&nbsp;&nbsp;</span></span><![endif]>Mathare</p>
<table class=MsoTableGrid style="border-collapse:collapse"><tr><td><p>District</p></td><td><p>Wells</p></td></tr><tr><td><p>Kibera</p></td><td><p>40</p></td></tr></table>
<script>alert(1)</script>
<!--EndFragment--></body></html>`;

const GOOGLE_DOCS_HTML = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1234"><p dir="ltr" style="line-height:1.38"><span style="font-size:11pt;font-family:Arial;font-weight:700">Bold from Docs</span><span style="font-size:11pt;font-family:Arial;font-weight:400"> and </span><span style="font-size:11pt;font-family:Arial;font-style:italic">italic from Docs</span></p><ol><li><p><span>first step</span></p></li><li><p><span>second step</span></p></li></ol></b>`;

describe('editor content: paste, links, images (built app, mocked IPC)', () => {
  const ctx = useBrowser();

  async function openEmpty() {
    const backend = new FakeBackend([article({ id: 1, title: 'Field notes', body: 'Start here.\n' })]);
    const app = await openApp(ctx.browser, ctx.server.url, { now: NOW, routes: {}, handlers: backend.handlers() });
    const { page } = app;
    await page.getByTestId('article-open').click();
    await caretToEnd(page);
    await page.keyboard.press('Enter');
    return app;
  }

  /** @param {import('playwright-core').Page} page */
  async function savedBody(page) {
    await page.keyboard.press('Control+s');
    await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
    return page.evaluate(() => {
      /** @type {any} */
      const w = window;
      const saves = w.__MASTHEAD_TEST__.calls.filter((/** @type {any} */ c) => c.cmd === 'save_article');
      return /** @type {string} */ (saves[saves.length - 1].args.article.body);
    });
  }

  /** @param {import('playwright-core').Page} page @param {string} html */
  function paste(page, html) {
    return page.getByTestId('editor').evaluate((el, data) => {
      const transfer = new DataTransfer();
      transfer.setData('text/html', data);
      transfer.setData('text/plain', 'plain fallback');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, html);
  }

  test('paste from Word and Google Docs keeps structure and drops styles and scripts', async () => {
    const app = await openEmpty();
    try {
      const { page } = app;
      await paste(page, GOOGLE_DOCS_HTML);
      // Out of the pasted list: a new item, then Enter on the empty item leaves the list.
      await caretToEnd(page);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await paste(page, WORD_HTML);
      const body = await savedBody(page);
      assert.match(body, /^## Results from the field$/m);
      assert.match(body, /We tested \*\*40 wells\*\* and \*25 springs\*, see \[the report\]\(https:\/\/example\.org\/report\)\./);
      assert.match(body, /^- Kibera\n- Mathare$/m);
      assert.match(body, /^\| District \| Wells \|\n\| -+ \| -+ \|\n\| Kibera +\| 40 +\|$/m);
      assert.match(body, /\*\*Bold from Docs\*\* and \*italic from Docs\*/);
      assert.match(body, /^1\. first step\n2\. second step$/m);
      assert.doesNotMatch(body, /mso|font-family|alert|Calibri|·/);
      assert.deepEqual((await app.recorded()).cspViolations, []);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('Ctrl+K links the selection to an article, page or file picked from the list', async () => {
    const app = await openEmpty();
    try {
      const { page } = app;
      await page.keyboard.type('about us');
      await page.keyboard.press('Shift+Home');
      // ProseMirror picks up keyboard selection on the (asynchronous) selectionchange event.
      await page.waitForFunction(() => window.getSelection()?.toString() === 'about us');
      await page.waitForTimeout(50);
      await page.keyboard.press('Control+k');
      const dialog = page.getByTestId('link-dialog');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: /About us/ }).click();
      assert.equal(await dialog.getByTestId('link-href').inputValue(), 'page:about');
      await dialog.getByRole('button', { name: 'Apply' }).click();
      await dialog.waitFor({ state: 'detached' });
      const body = await savedBody(page);
      assert.match(body, /^\[about us\]\(page:about\)$/m);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('an image from the picker is uploaded with its alt text and inserted as a figure', async () => {
    const app = await openEmpty();
    try {
      const { page } = app;
      await page.locator('input[type="file"]').setInputFiles({ name: 'River.png', mimeType: 'image/png', buffer: PNG });
      const dialog = page.getByTestId('alt-dialog');
      await dialog.waitFor();
      await dialog.getByTestId('alt-input').fill('The river at dawn');
      await dialog.getByRole('button', { name: 'Add image' }).click();
      const card = page.getByTestId('rich-block');
      await card.waitFor();
      assert.equal(await card.getByLabel('Alt text').inputValue(), 'The river at dawn');
      const uploads = (await app.recorded()).calls.filter((c) => c.cmd === 'add_media');
      assert.equal(uploads.length, 1);
      const args = /** @type {any} */ (uploads[0]?.args);
      assert.equal(args.fileName, 'River.png');
      assert.equal(args.alt, 'The river at dawn');
      assert.equal(args.dataBase64, PNG.toString('base64'));
      const body = await savedBody(page);
      assert.match(body, /```figure\nimage: media:river\.png\nalt: The river at dawn\n```/);
      assert.deepEqual((await app.recorded()).cspViolations, []);
      assert.deepEqual(app.problems, []);
      await screenshot(page, 'editor-image.png');
    } finally {
      await app.close();
    }
  });

  test('an image added as decorative gets `decorative: true` and no alt text', async () => {
    const app = await openEmpty();
    try {
      const { page } = app;
      await page.locator('input[type="file"]').setInputFiles({ name: 'River.png', mimeType: 'image/png', buffer: PNG });
      const dialog = page.getByTestId('alt-dialog');
      await dialog.waitFor();
      await dialog.getByLabel('Decorative image').check();
      assert.equal(await dialog.getByTestId('alt-input').isEnabled(), false);
      await dialog.getByRole('button', { name: 'Add image' }).click();
      const card = page.getByTestId('rich-block');
      await card.waitFor();
      assert.equal(await card.getByLabel('Decorative image').isChecked(), true);
      const uploads = (await app.recorded()).calls.filter((c) => c.cmd === 'add_media');
      assert.equal(/** @type {any} */ (uploads[0])?.args.alt, null);
      const body = await savedBody(page);
      assert.match(body, /```figure\nimage: media:river\.png\ndecorative: true\n```/);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('dark mode editor', async () => {
    const backend = new FakeBackend([
      article({ id: 1, title: 'Field notes', body: '## Notes\n\n- a\n- b\n\n```callout\ntone: info\ntext: Hello\n```\n\n<div>raw html</div>\n' }),
    ]);
    const app = await openApp(ctx.browser, ctx.server.url, { now: NOW, colorScheme: 'dark', routes: {}, handlers: backend.handlers() });
    try {
      const { page } = app;
      await page.getByTestId('article-open').click();
      await page.getByTestId('raw-block').waitFor();
      assert.equal(await page.getByTestId('rich-block').getAttribute('data-block'), 'callout');
      assert.deepEqual((await app.recorded()).cspViolations, []);
      assert.deepEqual(app.problems, []);
      await screenshot(page, 'editor-dark.png');
    } finally {
      await app.close();
    }
  });
});
