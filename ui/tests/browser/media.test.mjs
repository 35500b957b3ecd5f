import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SITE } from './fixtures.mjs';
import { axeProblems, openApp, screenshot, useBrowser } from './harness.mjs';

/** @typedef {import('../../src/lib/ipc').MediaDetails} MediaDetails */
/** @typedef {import('../../src/lib/ipc').Variant} Variant */

const NOW = new Date('2025-06-15T12:00:00Z');

/** A 1×1 transparent PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/**
 * @param {string} name
 * @param {number[]} widths
 * @param {Variant['format']} format
 * @returns {Variant[]}
 */
function variants(name, widths, format) {
  const stem = name.replace(/\.[^.]+$/, '');
  const ext = format === 'jpeg' ? 'jpg' : format;
  return widths.flatMap((width) => [
    { width, height: Math.round((width * 2) / 3), format, bytes: width * 90, url: `/media/${width}/${stem}.${ext}` },
    { width, height: Math.round((width * 2) / 3), format: /** @type {const} */ ('webp'), bytes: width * 60, url: `/media/${width}/${stem}.webp` },
  ]);
}

/**
 * @param {Partial<MediaDetails> & { id: number, name: string }} m
 * @returns {MediaDetails}
 */
function media(m) {
  return {
    version: 1,
    hash: '0'.repeat(64),
    updated_at: '2025-06-01T09:00:00Z',
    updated_by: 'Comms team',
    original_name: m.name,
    mime: 'image/jpeg',
    bytes: 245_000,
    alt: null,
    decorative: false,
    caption: null,
    credit: null,
    width: 1600,
    height: 1067,
    title: null,
    pages: null,
    author: null,
    focal: null,
    created_at: '2025-06-01T09:00:00Z',
    variants: [],
    used_by: [],
    ...m,
  };
}

function library() {
  return [
    media({
      id: 1,
      name: 'river-at-dawn.jpg',
      original_name: 'IMG_2041.JPG',
      alt: 'Mist over the river at dawn',
      caption: 'The lower weir before the clean-up',
      credit: 'Ana Ruiz',
      focal: '50% 40%',
      created_at: '2025-05-02T08:00:00Z',
      variants: variants('river-at-dawn.jpg', [480, 960, 1600], 'jpeg'),
      used_by: [{ entity: 'article:spring-clean-up', field: 'image' }],
    }),
    media({
      id: 2,
      name: 'volunteers.png',
      mime: 'image/png',
      bytes: 812_000,
      width: 1200,
      height: 800,
      created_at: '2025-06-03T08:00:00Z',
      variants: variants('volunteers.png', [480, 960], 'png'),
    }),
    media({
      id: 3,
      name: 'annual-report-2025.pdf',
      original_name: 'Annual Report 2025 (final).pdf',
      mime: 'application/pdf',
      bytes: 3_400_000,
      width: null,
      height: null,
      title: 'Annual report 2025',
      author: 'Finance team',
      pages: 48,
      created_at: '2025-06-10T08:00:00Z',
      variants: variants('annual-report-2025.pdf', [600], 'jpeg'),
      used_by: [
        { entity: 'article:annual-report-2025', field: 'body' },
        { entity: 'slide:annual-report', field: 'link' },
      ],
    }),
    media({
      id: 4,
      name: 'weir-map.gif',
      mime: 'image/gif',
      bytes: 54_000,
      width: 640,
      height: 480,
      alt: 'Map of the weir and the two footbridges',
      created_at: '2025-04-20T08:00:00Z',
    }),
  ];
}

/** The media commands in memory, as the backend answers them. */
class FakeMedia {
  constructor() {
    /** @type {MediaDetails[]} */
    this.items = library();
    this.nextId = 10;
    /** @type {Set<string>} Uploads of these (lower-cased) names wait for `release(name)`. */
    this.hold = new Set();
    /** @type {Map<string, () => void>} The uploads waiting. */
    this.waiting = new Map();
  }

  /** Lets the held upload of `name` answer, once it has arrived. @param {string} name */
  async release(name) {
    for (let i = 0; i < 250 && !this.waiting.has(name); i++) await new Promise((ok) => setTimeout(ok, 20));
    const go = this.waiting.get(name);
    if (!go) throw new Error(`no upload of ${name} arrived`);
    go();
  }

  /** @param {string} name */
  find(name) {
    const m = this.items.find((i) => i.name === name);
    if (!m) throw { code: 'not_found', message: `There is no media item ${name}.` };
    return m;
  }

  /** @returns {Record<string, (args: any) => unknown>} */
  handlers() {
    return {
      site_info: () => ({ ...SITE, media: this.items.length }),
      list_articles: () => [],
      media_library: () => this.items,
      save_media: ({ edit }) => {
        const m = this.find(edit.name);
        if (edit.version !== m.version) {
          throw { code: 'conflict', message: `${m.name} was changed elsewhere since you opened it.` };
        }
        const saved = { ...m, ...edit, version: m.version + 1 };
        this.items = this.items.map((i) => (i.name === m.name ? saved : i));
        return saved;
      },
      delete_media: ({ name }) => {
        const m = this.find(name);
        if (m.used_by.length > 0) {
          const users = m.used_by.map((u) => `${u.entity} (${u.field})`).join(', ');
          throw { code: 'invalid', message: `\`${name}\` is still used by ${users}. Remove it from those first.` };
        }
        this.items = this.items.filter((i) => i.name !== name);
        return null;
      },
      add_media: async ({ fileName, dataBase64 }) => {
        const name = String(fileName).toLowerCase();
        if (name.endsWith('.txt')) {
          throw { code: 'invalid', message: 'This file type is not accepted: Masthead accepts JPEG, PNG, GIF and WebP images and PDF documents.' };
        }
        if (this.hold.has(name)) await new Promise((ok) => this.waiting.set(name, () => ok(undefined)));
        const item = media({
          id: this.nextId++,
          name,
          mime: 'image/png',
          bytes: Buffer.from(String(dataBase64), 'base64').length,
          width: 1,
          height: 1,
          created_at: `2025-06-15T12:00:0${this.nextId - 10}Z`,
        });
        this.items.push(item);
        const { variants: _v, used_by: _u, ...rest } = item;
        return {
          media: rest,
          warnings: name.startsWith('tiny') ? ['The image is only 1 × 1 pixels; it will look blurred on most screens.'] : [],
        };
      },
    };
  }
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{ colorScheme?: 'light' | 'dark' }} [options]
 */
async function openMedia(browser, url, options = {}) {
  const backend = new FakeMedia();
  const app = await openApp(browser, url, { now: NOW, routes: {}, handlers: backend.handlers(), ...options });
  await app.page.getByTestId('nav-media').click();
  await app.page.getByTestId('media-item').nth(3).waitFor();
  return { ...app, backend };
}

/**
 * @param {{ recorded: () => Promise<{ calls: { cmd: string, args: any }[] }> }} app
 * @param {string} cmd
 */
async function callsOf(app, cmd) {
  return (await app.recorded()).calls.filter((c) => c.cmd === cmd);
}

/**
 * Problems other than the pictures: `preview://` is the app's own scheme, which the test
 * server's CSP (rightly) does not allow, so those pictures fail here and show placeholders.
 * @param {{ problems: string[], recorded: () => Promise<{ cspViolations: unknown[] }> }} app
 */
async function realProblems(app) {
  const csp = (await app.recorded()).cspViolations.filter(
    (v) => !String(/** @type {{ blocked: string }} */ (v).blocked).startsWith('preview'),
  );
  return [...app.problems.filter((p) => !p.includes('preview://localhost/')), ...csp.map((v) => JSON.stringify(v))];
}

/** @param {import('playwright-core').Page} page */
async function tileNames(page) {
  return page.getByTestId('media-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-name')));
}

/** @param {import('playwright-core').Page} page @param {string} name */
const tile = (page, name) => page.locator(`[data-testid="media-item"][data-name="${name}"]`);

describe('media library (built app, mocked IPC)', () => {
  const ctx = useBrowser();

  test('shows the grid newest first, with alt-text and PDF badges, and searches it', async () => {
    const app = await openMedia(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      assert.deepEqual(await tileNames(page), [
        'annual-report-2025.pdf',
        'volunteers.png',
        'river-at-dawn.jpg',
        'weir-map.gif',
      ]);
      assert.match((await page.getByTestId('media-count').textContent()) ?? '', /4 files · 1 image needs alt text/);

      // Only the image without alt text carries the badge; the PDF shows its page count.
      assert.equal(await page.getByTestId('media-needs-alt').count(), 1);
      assert.equal(await tile(page, 'volunteers.png').getByTestId('media-needs-alt').count(), 1);
      assert.equal((await tile(page, 'annual-report-2025.pdf').getByTestId('media-pages').textContent())?.trim(), '48 pages');

      // Thumbnails come from the preview scheme: a WebP variant, the original GIF.
      // Thumbnails load from the preview scheme: the narrowest WebP variant, a PDF's cover, a
      // GIF without variants from its original. (The test CSP blocks them; the app's allows them.)
      await page.waitForFunction(() => document.querySelectorAll('.media-thumb-fallback').length === 4);
      /** Failed requests reach Node as events, a little after the page saw them. */
      const failedRequests = () =>
        new Set(app.problems.filter((p) => p.startsWith('request failed: ')).map((p) => p.slice('request failed: '.length)));
      for (let i = 0; i < 50 && failedRequests().size < 4; i++) await page.waitForTimeout(20);
      const requested = failedRequests();
      assert.deepEqual([...requested].sort(), [
        'preview://localhost/media/480/river-at-dawn.webp',
        'preview://localhost/media/480/volunteers.webp',
        'preview://localhost/media/600/annual-report-2025.webp',
        'preview://localhost/media/weir-map.gif',
      ]);


      // The input is a real, multi-file input for images and PDFs, not display:none.
      const upload = page.getByTestId('media-upload');
      assert.equal(await upload.getAttribute('type'), 'file');
      assert.equal(await upload.getAttribute('multiple'), '');
      assert.match((await upload.getAttribute('accept')) ?? '', /application\/pdf/);
      assert.notEqual(await upload.evaluate((el) => getComputedStyle(el).display), 'none');

      const search = page.getByTestId('media-search');
      await search.fill('weir');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="media-item"]').length === 2);
      assert.deepEqual(await tileNames(page), ['river-at-dawn.jpg', 'weir-map.gif']);
      await search.fill('finance report');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="media-item"]').length === 1);
      assert.deepEqual(await tileNames(page), ['annual-report-2025.pdf']);
      await search.fill('no such thing');
      await page.getByTestId('media-empty').waitFor();
      await search.fill('');
      await page.getByTestId('media-item').nth(3).waitFor();

      await page.getByTestId('media-filter').selectOption('needs-alt');
      assert.deepEqual(await tileNames(page), ['volunteers.png']);
      await page.getByTestId('media-filter').selectOption('');

      // The PDF's details: title, pages, cover and its users.
      await tile(page, 'annual-report-2025.pdf').click();
      await page.getByTestId('media-details').waitFor();
      assert.equal(await page.getByTestId('media-title').inputValue(), 'Annual report 2025');
      assert.equal((await page.getByTestId('media-page-count').textContent())?.trim(), '48 pages');
      await page.getByTestId('media-cover').waitFor();
      const users = await page.getByTestId('media-used-by').locator('li').evaluateAll((els) =>
        els.map((el) => el.getAttribute('data-entity')),
      );
      assert.deepEqual(users, ['article:annual-report-2025', 'slide:annual-report']);
      assert.equal(await page.getByTestId('media-variants').locator('li').count(), 2);

      const commands = (await app.recorded()).calls.map((c) => c.cmd);
      assert.equal(commands.filter((c) => c === 'media_library').length, 1);
      assert.deepEqual(await axeProblems(page), []);
      assert.deepEqual(await realProblems(app), []);
      await screenshot(page, 'media.png');
    } finally {
      await app.close();
    }
  });

  test('uploads several files one after another with a progress bar, then reloads the grid', async () => {
    const app = await openMedia(ctx.browser, ctx.server.url);
    try {
      const { page, backend } = app;
      backend.hold = new Set(['group-photo.png', 'tiny-badge.png']);
      await page.getByTestId('media-upload').setInputFiles([
        { name: 'Group-Photo.png', mimeType: 'image/png', buffer: PNG },
        { name: 'tiny-badge.png', mimeType: 'image/png', buffer: PNG },
      ]);

      // The first file is on its way; the second waits for it.
      const progress = page.getByTestId('media-upload-progress');
      await progress.waitFor();
      /** @param {string} text */
      const progressShows = (text) =>
        page.waitForFunction(
          (t) => document.querySelector('[data-testid="media-upload-progress"]')?.textContent?.trim() === t,
          text,
        );
      /** @param {number} n */
      const addCalls = (n) =>
        page.waitForFunction((count) => {
          const w = /** @type {any} */ (window);
          return w.__MASTHEAD_TEST__.calls.filter((/** @type {{ cmd: string }} */ c) => c.cmd === 'add_media').length === count;
        }, n);
      await progressShows('0 of 2');
      await addCalls(1);
      await page.waitForTimeout(100);
      assert.equal((await callsOf(app, 'add_media')).length, 1, 'one file at a time');
      assert.equal(await progress.evaluate((el) => /** @type {HTMLProgressElement} */ (el).max), 2);

      await backend.release('group-photo.png');
      await progressShows('1 of 2');
      assert.equal(await progress.evaluate((el) => /** @type {HTMLProgressElement} */ (el).value), 1);
      await addCalls(2);
      let adds = await callsOf(app, 'add_media');
      assert.deepEqual(adds[0]?.args, { fileName: 'Group-Photo.png', dataBase64: PNG.toString('base64'), alt: null });
      assert.equal(adds[1]?.args.fileName, 'tiny-badge.png');
      const before = (await callsOf(app, 'media_library')).length;

      await backend.release('tiny-badge.png');
      await progress.waitFor({ state: 'detached' });
      const results = page.getByTestId('media-upload-results');
      await results.waitFor();
      assert.match((await results.textContent()) ?? '', /Added 2 files\./);
      assert.match(
        (await page.getByTestId('media-upload-warning').textContent()) ?? '',
        /tiny-badge\.png: The image is only 1 × 1 pixels/,
      );
      adds = await callsOf(app, 'add_media');
      assert.equal(adds.length, 2);
      assert.equal((await callsOf(app, 'media_library')).length, before + 1, 'the grid reloads once at the end');
      await tile(page, 'group-photo.png').waitFor();
      await tile(page, 'tiny-badge.png').waitFor();
      assert.equal(await page.getByTestId('media-item').count(), 6);
      // New images have no alt text yet; the first one opens, ready for it.
      assert.equal(await tile(page, 'group-photo.png').getByTestId('media-needs-alt').count(), 1);
      await page.getByTestId('media-details').getByRole('heading', { name: 'group-photo.png' }).waitFor();
      assert.deepEqual(await realProblems(app), []);
      await screenshot(page, 'media-uploaded.png');
    } finally {
      await app.close();
    }
  });

  test('a file that fails shows its error and the others are still added', async () => {
    const app = await openMedia(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await page.getByTestId('media-upload').setInputFiles([
        { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') },
        { name: 'bridge.png', mimeType: 'image/png', buffer: PNG },
      ]);
      const results = page.getByTestId('media-upload-results');
      await results.waitFor();
      assert.match((await results.textContent()) ?? '', /Added 1 of 2 files\./);
      assert.match(
        (await page.getByTestId('media-upload-error').textContent()) ?? '',
        /notes\.txt: This file type is not accepted/,
      );
      await tile(page, 'bridge.png').waitFor();
      assert.equal((await callsOf(app, 'add_media')).length, 2);
      assert.deepEqual(await realProblems(app), []);
    } finally {
      await app.close();
    }
  });

  test('files dropped on the grid are uploaded too', async () => {
    const app = await openMedia(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await page.getByTestId('media-grid').evaluate((grid, base64) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const data = new DataTransfer();
        data.items.add(new File([bytes], 'Dropped Map.png', { type: 'image/png' }));
        const at = grid.getBoundingClientRect();
        const init = { bubbles: true, cancelable: true, dataTransfer: data, clientX: at.left + 20, clientY: at.top + 20 };
        grid.dispatchEvent(new DragEvent('dragenter', init));
        grid.dispatchEvent(new DragEvent('dragover', init));
        grid.dispatchEvent(new DragEvent('drop', init));
      }, PNG.toString('base64'));
      await tile(page, 'dropped map.png').waitFor();
      const adds = await callsOf(app, 'add_media');
      assert.deepEqual(adds.map((c) => c.args), [{ fileName: 'Dropped Map.png', dataBase64: PNG.toString('base64'), alt: null }]);
      assert.match((await page.getByTestId('media-upload-results').textContent()) ?? '', /Added 1 file\./);
      assert.deepEqual(await realProblems(app), []);
    } finally {
      await app.close();
    }
  });

  test('edits alt text and the focal point, saves with the version, and reports a conflict', async () => {
    const app = await openMedia(ctx.browser, ctx.server.url);
    try {
      const { page, backend } = app;
      await tile(page, 'volunteers.png').click();
      const save = page.getByTestId('media-save');
      assert.equal(await save.isDisabled(), true, 'nothing to save yet');

      await page.getByTestId('media-alt').fill('  Six volunteers with litter pickers on the riverbank ');
      await page.getByTestId('media-credit').fill('Photo: Sam Okafor');
      // A click on the picture sets the focal point; the marker follows.
      const picker = page.getByTestId('media-focal-picker');
      const box = await picker.boundingBox();
      assert.ok(box);
      await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.75);
      const [fx = NaN, fy = NaN] = (await page.getByTestId('media-focal').inputValue()).split(' ').map(parseFloat);
      assert.ok(Math.abs(fx - 25) < 1 && Math.abs(fy - 75) < 1, `focal ${fx}% ${fy}%`);
      const marker = page.getByTestId('media-focal-marker');
      assert.equal(await marker.evaluate((el) => /** @type {HTMLElement} */ (el).style.left), `${fx}%`);
      assert.equal(await marker.evaluate((el) => /** @type {HTMLElement} */ (el).style.top), `${fy}%`);
      // The arrow keys move it too.
      await picker.press('ArrowRight');
      assert.equal(await page.getByTestId('media-focal').inputValue(), `${Math.round((fx + 1) * 10) / 10}% ${fy}%`);
      // And it can be typed; a wrong one is explained and cannot be saved.
      await page.getByTestId('media-focal').fill('130% 2%');
      assert.equal(await save.isDisabled(), true);
      await page.getByTestId('media-focal').fill('30 60');
      await save.click();

      await page.getByTestId('media-notice').getByText('Saved.').waitFor();
      const saves = await callsOf(app, 'save_media');
      assert.deepEqual(saves.map((c) => c.args), [
        {
          edit: {
            name: 'volunteers.png',
            version: 1,
            alt: 'Six volunteers with litter pickers on the riverbank',
            decorative: false,
            caption: null,
            credit: 'Photo: Sam Okafor',
            title: null,
            focal: '30% 60%',
          },
        },
      ]);
      assert.equal(await tile(page, 'volunteers.png').getByTestId('media-needs-alt').count(), 0);
      assert.equal(await page.getByTestId('media-needs-alt').count(), 0);
      assert.equal(await save.isDisabled(), true);

      // A colleague changes it meanwhile: the next save is refused and their version shown.
      const current = backend.find('volunteers.png');
      backend.items = backend.items.map((i) =>
        i === current ? { ...i, version: i.version + 1, caption: 'Volunteers at the weir' } : i,
      );
      await page.getByTestId('media-caption').fill('My caption');
      await save.click();
      const notice = page.getByTestId('media-notice');
      await notice.getByText(/colleague changed this file/).waitFor();
      assert.equal(await page.getByTestId('media-caption').inputValue(), 'Volunteers at the weir');
      assert.equal((await callsOf(app, 'save_media'))[1]?.args.edit.version, 2);
      assert.deepEqual(await realProblems(app), []);
      await screenshot(page, 'media-details.png');
    } finally {
      await app.close();
    }
  });

  test('a picture marked decorative needs no alt text', async () => {
    const app = await openMedia(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await tile(page, 'volunteers.png').getByTestId('media-needs-alt').waitFor();
      await tile(page, 'volunteers.png').click();
      const alt = page.getByTestId('media-alt');
      assert.equal(await alt.isDisabled(), false);
      await page.getByTestId('media-decorative').check();
      assert.equal(await alt.isDisabled(), true, 'nothing to describe');
      await page.getByTestId('media-save').click();
      await page.getByTestId('media-notice').getByText('Saved.').waitFor();
      const [save] = await callsOf(app, 'save_media');
      assert.equal(save?.args.edit.decorative, true);
      assert.equal(save?.args.edit.alt, null);
      assert.equal(await tile(page, 'volunteers.png').getByTestId('media-needs-alt').count(), 0);
      assert.equal(await page.getByTestId('media-decorative').isChecked(), true, 'the saved item shows it');
      await screenshot(page, 'media-decorative.png');
      assert.deepEqual(await realProblems(app), []);
    } finally {
      await app.close();
    }
  });

  test('delete asks first, shows the users when refused, and removes an unused file', async () => {
    const app = await openMedia(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await tile(page, 'river-at-dawn.jpg').click();
      await page.getByTestId('media-delete').click();
      const dialog = page.getByTestId('media-delete-dialog');
      await dialog.waitFor();
      // Cancel leaves it alone.
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal((await callsOf(app, 'delete_media')).length, 0);

      await page.getByTestId('media-delete').click();
      await page.getByTestId('media-delete-confirm').click();
      const refused = page.getByTestId('media-delete-refused');
      await refused.waitFor();
      assert.match(
        (await refused.textContent()) ?? '',
        /`river-at-dawn\.jpg` is still used by article:spring-clean-up \(image\)/,
      );
      const usedBy = page.getByTestId('media-used-by');
      assert.match((await usedBy.textContent()) ?? '', /Article\s*spring-clean-up\s*as its picture/);
      assert.deepEqual((await callsOf(app, 'delete_media')).map((c) => c.args), [{ name: 'river-at-dawn.jpg' }]);
      await tile(page, 'river-at-dawn.jpg').waitFor();

      // An unused file goes.
      await tile(page, 'weir-map.gif').click();
      assert.equal(await page.getByTestId('media-delete-refused').count(), 0);
      await page.getByTestId('media-delete').click();
      await page.getByTestId('media-delete-confirm').click();
      await page.getByTestId('media-flash').getByText('weir-map.gif was moved to the trash.').waitFor();
      await tile(page, 'weir-map.gif').waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('media-details').count(), 0);
      assert.deepEqual(await realProblems(app), []);
    } finally {
      await app.close();
    }
  });

  test('dark mode', async () => {
    const app = await openMedia(ctx.browser, ctx.server.url, { colorScheme: 'dark' });
    try {
      const { page } = app;
      await tile(page, 'river-at-dawn.jpg').click();
      await page.getByTestId('media-details').waitFor();
      const bg = await page.getByTestId('media-grid').evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(bg, 'rgb(31, 34, 40)');
      assert.deepEqual(await axeProblems(page), []);
      assert.deepEqual(await realProblems(app), []);
      await screenshot(page, 'media-dark.png');
    } finally {
      await app.close();
    }
  });
});
