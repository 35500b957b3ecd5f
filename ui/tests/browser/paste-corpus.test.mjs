// HTML as Word, Google Docs and web pages put it on the clipboard (fixtures in ./paste/,
// written from those formats' documented shapes) pasted into the editor: the words survive,
// the styles and scripts do not, nothing is left as a raw block, and the Markdown saved is
// saved again byte for byte when the article is opened and saved once more.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { article, FakeBackend } from './fixtures.mjs';
import { caretToEnd, openApp, useBrowser } from './harness.mjs';

const NOW = new Date('2025-06-15T12:00:00Z');

/** Each fixture and what its Markdown must hold. */
const FIXTURES = {
  'word-report.html': [
    /^# Annual report 2025$/m,
    /Our \*\*water programme\*\* reached \*12 districts\* this year, as the \[full report\]\(https:\/\/example\.org\/report\.pdf\) explains\./,
    /^## What we did$/m,
    /Trained 40 local technicians/,
    /in Kisumu and Nakuru/,
    /Repaired \*\*112\*\* hand pumps/,
    /\| \*\*District\*\* +\| \*\*Pumps\*\* +\|/,
    /\| Kisumu +\| 64 +\|/,
    /\[info@example\.org\]\(mailto:info@example\.org\)/,
    /\+254 20 000 000/,
    /Figures from the district offices\./,
  ],
  'gdocs-notes.html': [
    /^## Meeting notes, 3 March$/m,
    /\*\*Present:\*\* Amina, Jonas and \*the board\*\./,
    /^- Budget approved$/m,
    /^ {2}- see the \[budget sheet\]\(https:\/\/docs\.google\.com\/spreadsheets\/d\/1AbC\/edit\)$/m,
    /^- Run backup\.sh weekly$/m,
    /\| \*\*Action\*\* +\| \*\*Owner\*\* +\|/,
    /\| Send minutes \\\| share +\| Jonas +\|/,
  ],
  'web-article.html': [
    /^# A new well for Kibera/m,
    /Set \[`opts`\]\(https:\/\/example\.org\/docs#opts\) first, then run \*\*`npm install`\*\* and \*`npm test`\*\./,
    /The new well, March 2025/,
    /^> Water is life\.$/m,
    /A quote in a quote\./,
    /^```(sh)?\ncurl -O https:\/\/example\.org\/data\.csv\nwc -l data\.csv\n```$/m,
    /First line/,
    /second line of the same item/,
    /\[About us\]\(\/about\/\)/,
    /\| \*Soweto East\* +\| \*\*1,200\*\* +\|/,
    /How we measured/,
    /Household survey, n = 400\./,
    /Borehole/,
    /A deep, narrow well\./,
    /^3\. third\n4\. fourth$/m,
    /Survey by the district office\./,
  ],
};

describe('paste from Word, Google Docs and web pages (built app, mocked IPC)', () => {
  const ctx = useBrowser();

  /**
   * Opens an article with `body`, runs `act`, saves, and returns the body saved (and what the editor showed).
   * @param {string} body
   * @param {(page: import('playwright-core').Page) => Promise<void>} act
   */
  async function edit(body, act) {
    const backend = new FakeBackend([article({ id: 1, title: 'Pasted', body })]);
    const app = await openApp(ctx.browser, ctx.server.url, { now: NOW, routes: {}, handlers: backend.handlers() });
    try {
      const { page } = app;
      await page.getByTestId('article-open').click();
      await caretToEnd(page);
      await act(page);
      await page.keyboard.press('Control+s');
      await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
      const saved = await page.evaluate(() => {
        /** @type {any} */
        const w = window;
        const saves = w.__MASTHEAD_TEST__.calls.filter((/** @type {any} */ c) => c.cmd === 'save_article');
        return /** @type {string} */ (saves[saves.length - 1].args.article.body);
      });
      const raw = await page.locator('[data-testid="editor"] [data-testid="raw-block"]').count();
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="editor"] [class^="mh-"]')].map((e) => e.className.split(' ')[0]),
      );
      assert.deepEqual((await app.recorded()).cspViolations, []);
      assert.deepEqual(app.problems, []);
      return { saved, raw, shown };
    } finally {
      await app.close();
    }
  }

  test('Markdown written elsewhere opens as editor nodes, shown in the editor, and saves as it was', async () => {
    const body = [
      'Set [`opts`](#opts) and run **`npm install`**.[^1] H<sub>2</sub>O.',
      '![River](https://example.org/river.jpg "The river") [![CI](https://example.org/ci.svg)](https://example.org/ci)',
      '<!-- a note for the team -->',
      '<br>',
      '<details>\n<summary>More</summary>\n\nInside *details*.\n\n</details>',
      '[^1]: The source.\n',
    ].join('\n\n');
    const opened = await edit(body, async (page) => {
      await page.keyboard.type('x');
      await page.keyboard.press('Backspace');
    });
    assert.equal(opened.saved, body);
    assert.equal(opened.raw, 0);
    for (const cls of ['mh-inline-image', 'mh-inline-html', 'mh-html-comment', 'mh-html-spacer', 'mh-details', 'mh-details-summary', 'mh-footnote-ref', 'mh-footnote-def']) {
      assert.ok(opened.shown.includes(cls), `${cls} in ${opened.shown.join(' ')}`);
    }
    // What the editor cannot write the same way stays a raw block, as written.
    const raw = await edit('0. zero\n1. one\n', async (page) => {
      await page.keyboard.type('x');
      await page.keyboard.press('Backspace');
    });
    assert.equal(raw.raw, 1);
    assert.equal(raw.saved, '0. zero\n1. one\n');
  });

  test('copying the editor’s own nodes to another article keeps them', async () => {
    const body = 'Run **`npm install`**.[^1] H<sub>2</sub>O ![River](https://example.org/river.jpg "The river").\n\n<!-- a note -->\n\n<details>\n<summary>More</summary>\n\nInside.\n\n</details>\n\n[^1]: The source.\n';
    /** @type {string} */
    let copied = '';
    await edit(body, async (page) => {
      await page.keyboard.press('Control+a');
      copied = await page.getByTestId('editor').evaluate((/** @type {HTMLElement} */ el) => {
        const transfer = new DataTransfer();
        el.dispatchEvent(new ClipboardEvent('copy', { clipboardData: transfer, bubbles: true, cancelable: true }));
        return transfer.getData('text/html');
      });
    });
    assert.match(copied, /data-inline-html/);
    const pasted = await edit('', async (page) => {
      await page.getByTestId('editor').evaluate((/** @type {HTMLElement} */ el, /** @type {string} */ data) => {
        const transfer = new DataTransfer();
        transfer.setData('text/html', data);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      }, copied);
    });
    assert.equal(pasted.saved, body);
  });

  for (const [name, expected] of Object.entries(FIXTURES)) {
    test(`${name}: keeps the words and the structure, and saves again byte for byte`, async () => {
      const html = readFileSync(new URL(`./paste/${name}`, import.meta.url), 'utf8');
      const first = await edit('Pasted below.\n', async (page) => {
        await page.keyboard.press('Enter');
        await page.getByTestId('editor').evaluate((/** @type {HTMLElement} */ el, /** @type {string} */ data) => {
          const transfer = new DataTransfer();
          transfer.setData('text/html', data);
          transfer.setData('text/plain', 'plain fallback');
          el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
        }, html);
      });
      for (const pattern of expected) assert.match(first.saved, pattern);
      assert.doesNotMatch(first.saved, /mso-|font-family|style=|<script|document\.title|Calibri|plain fallback|docs-internal/);
      assert.equal(first.raw, 0, 'no raw blocks after a paste');
      // Opened again and saved after an edit that changes nothing: the same bytes.
      const second = await edit(first.saved, async (page) => {
        await page.keyboard.type('x');
        await page.keyboard.press('Backspace');
      });
      assert.equal(second.saved, first.saved);
      assert.equal(second.raw, 0, 'no raw blocks when opened again');
    });
  }
});
