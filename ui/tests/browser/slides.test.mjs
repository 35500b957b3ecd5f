import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SITE } from './fixtures.mjs';
import { axeProblems, openApp, screenshot, useBrowser } from './harness.mjs';

/** @typedef {import('../../src/lib/ipc').Slide} Slide */
/** @typedef {import('../../src/lib/ipc').MediaDetails} MediaDetails */

/** The page's clock is frozen here (UTC), so current, upcoming and expired are stable. */
const NOW = new Date('2025-06-15T12:00:00Z');

/**
 * @param {Partial<Slide> & { id: number, headline: string, position: number }} s
 * @returns {Slide}
 */
function slide(s) {
  return {
    version: 1,
    slug: s.headline.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
    blurb: '',
    cta: 'Read more',
    link: null,
    image: null,
    image_alt: null,
    show_from: null,
    show_until: null,
    status: 'published',
    created_at: '2025-06-01T09:00:00Z',
    updated_at: '2025-06-01T09:00:00Z',
    updated_by: 'Comms team',
    ...s,
  };
}

function slides() {
  return [
    slide({
      id: 11,
      position: 1,
      headline: 'Annual report 2024 is out',
      blurb: 'Two tonnes of waste removed and 40 new river monitors trained.',
      cta: 'Download the report',
      link: 'media:annual-report-2024.pdf',
      image: 'media:river.jpg',
      image_alt: 'The river at dawn',
      show_from: '2025-06-01',
      show_until: '2025-06-30',
    }),
    slide({
      id: 12,
      position: 2,
      headline: 'Join the World Environment Day walk',
      cta: 'Learn more',
      link: 'article:world-environment-day',
      show_from: '2025-06-20',
    }),
    slide({ id: 13, position: 3, headline: 'Spring clean-up: thank you!', show_until: '2025-06-14' }),
    slide({
      id: 14,
      position: 4,
      headline: 'Become a river monitor',
      status: 'draft',
      cta: null,
      link: 'https://example.org/volunteer',
    }),
  ];
}

const TARGETS = [
  { ref: 'article:world-environment-day', title: 'World Environment Day open event', kind: 'article' },
  { ref: 'page:about', title: 'About us', kind: 'page' },
  { ref: 'media:annual-report-2024.pdf', title: 'Annual report 2024 (PDF)', kind: 'media' },
  { ref: 'media:river.jpg', title: 'The river at dawn', kind: 'media' },
];

/**
 * No variants: their `preview://` addresses are outside the test page's CSP.
 * @param {Partial<MediaDetails> & { id: number, name: string, mime: string }} m
 * @returns {MediaDetails}
 */
function media(m) {
  return {
    version: 1,
    hash: '0'.repeat(64),
    updated_at: '2025-06-01T09:00:00Z',
    updated_by: 'Comms team',
    original_name: m.name,
    bytes: 120_000,
    alt: null,
    decorative: false,
    caption: null,
    credit: null,
    width: null,
    height: null,
    title: null,
    pages: null,
    author: null,
    focal: null,
    created_at: '2025-05-01T09:00:00Z',
    variants: [],
    used_by: [],
    ...m,
  };
}

const MEDIA = [
  media({ id: 1, name: 'river.jpg', mime: 'image/jpeg', alt: 'The river at dawn', width: 1920, height: 1080 }),
  media({ id: 2, name: 'volunteers.jpg', mime: 'image/jpeg', alt: 'Volunteers with litter pickers' }),
  media({ id: 3, name: 'annual-report-2024.pdf', mime: 'application/pdf', pages: 32 }),
];

/** @param {string} s */
const escapeHtml = (s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A fake of the slide commands: slides in memory, moves renumber and save what moved. */
class FakeSlides {
  /** @param {Slide[]} list */
  constructor(list) {
    /** @type {Slide[]} in home page order */
    this.slides = structuredClone(list);
    /** @type {{ code: string, message: string } | null} Next save fails with this. */
    this.failNextSave = null;
    this.nextId = 100;
  }

  /** @param {number} id */
  get(id) {
    const s = this.slides.find((x) => x.id === id);
    if (!s) throw { code: 'not_found', message: `There is no slide ${id}.` };
    return s;
  }

  /** A colleague saves the slide elsewhere. @param {number} id @param {Partial<Slide>} change */
  editElsewhere(id, change) {
    const s = this.get(id);
    Object.assign(s, change, { version: s.version + 1, updated_by: 'A colleague' });
  }

  /** @returns {Record<string, (args: any) => unknown>} */
  handlers() {
    return {
      list_slides: () => structuredClone(this.slides),
      get_slide: ({ id }) => structuredClone(this.get(id)),
      create_slide: () => {
        const s = slide({ id: this.nextId++, headline: 'New slide', position: this.slides.length + 1, status: 'draft' });
        s.slug = `new-slide-${s.id}`;
        this.slides.push(s);
        return structuredClone(s);
      },
      save_slide: ({ slide: sent, mode }) => {
        const stored = this.get(sent.id);
        if (!['explicit', 'autosave'].includes(mode)) throw { code: 'invalid', message: `Unknown mode ${mode}` };
        if (this.failNextSave) {
          const error = this.failNextSave;
          this.failNextSave = null;
          throw error;
        }
        if (sent.version !== stored.version) {
          throw { code: 'conflict', message: 'This slide was changed elsewhere since you opened it.' };
        }
        const saved = { ...sent, version: stored.version + 1, updated_at: '2025-06-15T12:00:00Z' };
        this.slides[this.slides.indexOf(stored)] = saved;
        return structuredClone(saved);
      },
      move_slide: ({ id, to }) => {
        const from = this.slides.findIndex((s) => s.id === id);
        if (from < 0) throw { code: 'not_found', message: `There is no slide ${id}.` };
        const [moved] = this.slides.splice(from, 1);
        if (moved) this.slides.splice(Math.min(to, this.slides.length), 0, moved);
        this.slides.forEach((s, i) => {
          if (s.position !== i + 1) {
            s.position = i + 1;
            s.version += 1;
          }
        });
        return structuredClone(this.slides);
      },
      trash_slide: ({ id }) => {
        this.slides = this.slides.filter((s) => s.id !== id);
        return null;
      },
      render_home_preview: ({ slide: s }) =>
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home</title></head><body>' +
        `<section class="carousel"><h2>${escapeHtml(s.headline)}</h2><p>${escapeHtml(s.blurb)}</p>` +
        `<a href="#">${escapeHtml(s.cta ?? '')}</a></section></body></html>`,
    };
  }
}

/**
 * Opens the app on the slides screen.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{ backend?: FakeSlides, colorScheme?: 'light' | 'dark' }} [options]
 */
async function open(browser, url, options = {}) {
  const backend = options.backend ?? new FakeSlides(slides());
  const app = await openApp(browser, url, {
    now: NOW,
    colorScheme: options.colorScheme,
    routes: {
      site_info: { result: SITE },
      list_articles: { result: [] },
      list_link_targets: { result: TARGETS },
      media_library: { result: MEDIA },
    },
    handlers: backend.handlers(),
  });
  await app.page.getByTestId('nav-slides').click();
  await app.page.getByTestId('slide-item').first().waitFor();
  return { ...app, backend };
}

/**
 * @param {{ recorded: () => Promise<{ calls: { cmd: string, args: any }[] }> }} app
 * @param {string} cmd
 */
async function callsOf(app, cmd) {
  return (await app.recorded()).calls.filter((c) => c.cmd === cmd);
}

/** @param {import('playwright-core').Page} page */
async function headlines(page) {
  return (await page.getByTestId('slide-item-headline').allTextContents()).map((t) => t.trim());
}

/** @param {import('playwright-core').Page} page @param {string} headline */
async function openSlide(page, headline) {
  await page.getByTestId('slide-item').filter({ hasText: headline }).getByTestId('slide-open').click();
  await page.waitForFunction(
    (h) => /** @type {HTMLInputElement | null} */ (document.querySelector('[data-testid="slide-headline"]'))?.value === h,
    headline,
  );
}

/** @param {import('playwright-core').Page} page */
function focusedInfo(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      testid: el?.getAttribute('data-testid') ?? null,
      slide: el?.closest('[data-slide-id]')?.getAttribute('data-slide-id') ?? null,
    };
  });
}

describe('featured slides screen (built app, mocked IPC)', () => {
  const ctx = useBrowser();

  test('lists the slides in home page order with CTA, status and show window', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      assert.equal(await page.getByTestId('slide-item').count(), 4);
      assert.deepEqual(await headlines(page), [
        'Annual report 2024 is out',
        'Join the World Environment Day walk',
        'Spring clean-up: thank you!',
        'Become a river monitor',
      ]);
      const windows = await page
        .getByTestId('slide-window')
        .evaluateAll((els) => els.map((el) => `${el.getAttribute('data-state')}:${el.textContent?.trim()}`));
      assert.deepEqual(windows, ['current:Current', 'upcoming:Upcoming', 'expired:Expired', 'current:Current']);
      const texts = (await page.locator('.slide-window-text').allTextContents()).map((t) => t.trim());
      assert.deepEqual(texts, ['1 Jun 2025 – 30 Jun 2025', 'From 20 Jun 2025', 'Until 14 Jun 2025', 'Always']);
      const ctas = (await page.getByTestId('slide-item-cta').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
      assert.equal(ctas[0], 'Download the report → media:annual-report-2024.pdf');
      assert.equal(ctas[3], 'No button → https://example.org/volunteer');
      const statuses = (await page.getByTestId('slide-item-status').allTextContents()).map((t) => t.trim());
      assert.deepEqual(statuses, ['Published', 'Published', 'Published', 'Draft']);
      // Only the first one is published and inside its window.
      assert.match((await page.getByTestId('slides-count').textContent()) ?? '', /4 slides · 1 on the home page now/);
      // At either end the arrow stays focusable but says it cannot move.
      const first = page.getByTestId('slide-item').first();
      assert.equal(await first.getByTestId('slide-move-up').getAttribute('aria-disabled'), 'true');
      assert.equal(await first.getByTestId('slide-move-down').getAttribute('aria-disabled'), 'false');
      assert.equal(await first.getByTestId('slide-move-up').getAttribute('aria-label'), 'Move “Annual report 2024 is out” up');
      await page.getByTestId('slide-none').waitFor();

      assert.deepEqual(await axeProblems(page), []);
      const recorded = await app.recorded();
      assert.deepEqual(recorded.cspViolations, []);
      assert.deepEqual(app.problems, []);
      await screenshot(page, 'slides.png');
    } finally {
      await app.close();
    }
  });

  test('moves a slide down with the buttons, keeping the focus for the next press', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await page.getByTestId('slide-item').first().getByTestId('slide-move-down').click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="slide-item-headline"]')?.textContent?.trim() === 'Join the World Environment Day walk',
      );
      assert.deepEqual(await headlines(page), [
        'Join the World Environment Day walk',
        'Annual report 2024 is out',
        'Spring clean-up: thank you!',
        'Become a river monitor',
      ]);
      let moves = await callsOf(app, 'move_slide');
      assert.deepEqual(moves.map((c) => c.args), [{ id: 11, to: 1 }]);
      assert.deepEqual(await focusedInfo(page), { testid: 'slide-move-down', slide: '11' });
      assert.match(
        (await page.getByTestId('slides-announcement').textContent()) ?? '',
        /Moved “Annual report 2024 is out” to position 2 of 4\./,
      );

      // Keyboard: press again on the focused button, twice, to the bottom.
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="slide-item"]')[2]?.getAttribute('data-slide-id') === '11');
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="slide-item"]')[3]?.getAttribute('data-slide-id') === '11');
      assert.deepEqual(await focusedInfo(page), { testid: 'slide-move-down', slide: '11' });
      assert.equal(
        await page.getByTestId('slide-item').last().getByTestId('slide-move-down').getAttribute('aria-disabled'),
        'true',
      );
      // At the bottom another press does nothing (and calls nothing).
      await page.keyboard.press('Enter');
      await page.waitForTimeout(100);
      moves = await callsOf(app, 'move_slide');
      assert.deepEqual(moves.map((c) => c.args), [
        { id: 11, to: 1 },
        { id: 11, to: 2 },
        { id: 11, to: 3 },
      ]);
      assert.deepEqual(app.backend.slides.map((s) => s.id), [12, 13, 14, 11]);

      // Up again, and the focus follows the up button.
      await page.getByTestId('slide-item').last().getByTestId('slide-move-up').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="slide-item"]')[2]?.getAttribute('data-slide-id') === '11');
      assert.deepEqual(await focusedInfo(page), { testid: 'slide-move-up', slide: '11' });
      assert.deepEqual((await callsOf(app, 'move_slide')).pop()?.args, { id: 11, to: 2 });
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('the open slide moves to the top or the bottom in one click (a new slide too)', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      assert.equal(await page.getByTestId('slide-move-top').count(), 0, 'only the open slide has them');
      await page.getByTestId('slide-item').last().getByTestId('slide-open').click();
      await page.getByTestId('slide-headline').waitFor();
      await page.getByTestId('slide-move-top').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="slide-item"]')[0]?.getAttribute('data-slide-id') === '14');
      assert.deepEqual((await callsOf(app, 'move_slide')).map((c) => c.args), [{ id: 14, to: 0 }]);
      assert.deepEqual(await focusedInfo(page), { testid: 'slide-move-top', slide: '14' });
      await page.getByTestId('slide-move-bottom').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="slide-item"]')[3]?.getAttribute('data-slide-id') === '14');
      assert.deepEqual(app.backend.slides.map((s) => s.id), [11, 12, 13, 14]);

      const asked = (await callsOf(app, 'site_info')).length;
      await page.getByTestId('new-slide').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="slide-item"]').length === 5);
      // The sidebar's count is asked for again.
      assert.ok((await callsOf(app, 'site_info')).length > asked);
      await page.getByTestId('slide-move-top').click();
      await page.waitForFunction(() => {
        const first = document.querySelectorAll('[data-testid="slide-item"]')[0];
        return first && !['11', '12', '13', '14'].includes(first.getAttribute('data-slide-id') ?? '');
      });
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('reorders by drag and drop', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      const items = page.getByTestId('slide-item');
      // The last row onto the top half of the first: it becomes the first.
      await items.nth(3).dragTo(items.nth(0), { targetPosition: { x: 120, y: 4 } });
      await page.waitForFunction(() => document.querySelector('[data-testid="slide-item"]')?.getAttribute('data-slide-id') === '14');
      assert.deepEqual((await callsOf(app, 'move_slide')).map((c) => c.args), [{ id: 14, to: 0 }]);
      assert.deepEqual(await headlines(page), [
        'Become a river monitor',
        'Annual report 2024 is out',
        'Join the World Environment Day walk',
        'Spring clean-up: thank you!',
      ]);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('edits the CTA and saves; the preview shows the edit; a move in between does not conflict', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await openSlide(page, 'Annual report 2024 is out');
      // The preview renders the home page with this slide.
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="preview-frame"]')?.getAttribute('srcdoc')?.includes('Download the report'),
      );
      assert.equal(await page.getByTestId('slide-link').inputValue(), 'media:annual-report-2024.pdf');
      assert.match((await page.getByTestId('slide-link-note').textContent()) ?? '', /File: Annual report 2024 \(PDF\)/);
      assert.equal(await page.getByTestId('slide-status').inputValue(), 'published');
      assert.equal(await page.getByTestId('slide-image').textContent(), 'river.jpg');
      // The CTA offers the presets.
      const presets = await page.locator('#slide-cta-presets option').evaluateAll((els) =>
        els.map((el) => el.getAttribute('value')),
      );
      assert.deepEqual(presets, ['Read more', 'Learn more', 'Read the report', 'Download the report', 'Watch the event']);

      // Moving the open slide bumps its version and position on the backend.
      await page.getByTestId('slide-item').first().getByTestId('slide-move-down').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="slide-item"]')[1]?.getAttribute('data-slide-id') === '11');

      const cta = page.getByTestId('slide-cta');
      await cta.fill('');
      await cta.type('Read the full report');
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="preview-frame"]')?.getAttribute('srcdoc')?.includes('Read the full report'),
      );
      await page.getByTestId('slide-save').click();
      await page.waitForSelector('[data-testid="slide-save-status"][data-state="saved"]');

      const saves = await callsOf(app, 'save_slide');
      assert.ok(saves.length >= 1);
      const last = saves[saves.length - 1]?.args;
      assert.equal(last.mode, 'explicit');
      assert.equal(last.slide.id, 11);
      assert.equal(last.slide.cta, 'Read the full report');
      assert.equal(last.slide.headline, 'Annual report 2024 is out');
      assert.equal(last.slide.position, 2, 'keeps the position the move gave it');
      assert.equal(app.backend.get(11).cta, 'Read the full report');
      assert.equal(app.backend.get(11).position, 2);
      assert.equal(await page.getByTestId('slide-conflict').count(), 0);
      // The row shows the new label.
      assert.match(
        (await page.getByTestId('slide-item').nth(1).getByTestId('slide-item-cta').textContent()) ?? '',
        /Read the full report/,
      );
      const previews = await callsOf(app, 'render_home_preview');
      assert.ok(previews.some((c) => c.args.slide.cta === 'Read the full report'));

      // Ctrl+S saves too, explicitly.
      await page.getByTestId('slide-headline').fill('The 2024 annual report is out');
      await page.keyboard.press('Control+s');
      await page.waitForSelector('[data-testid="slide-save-status"][data-state="saved"]');
      assert.equal(app.backend.get(11).headline, 'The 2024 annual report is out');

      assert.deepEqual(await axeProblems(page), []);
      assert.deepEqual(app.problems, []);
      await screenshot(page, 'slides-editor.png');
    } finally {
      await app.close();
    }
  });

  test('the carousel preview shows the slide being edited, not the first one', async () => {
    const backend = new FakeSlides(slides());
    const base = backend.handlers.bind(backend);
    // The theme's markup: the first slide current; a long page above, so the carousel is below the fold.
    /** @param {{ slide: Slide }} args */
    const render = ({ slide: s }) => {
      const all = backend.slides.map((x) => (x.id === s.id ? s : x));
      const items = all
        .map(
          (x, i) =>
            `<li class="mh-slide${i === 0 ? ' is-current' : ''}"><div class="mh-slide-inner"><div class="mh-slide-text">` +
            `<h3 class="mh-slide-headline">${escapeHtml(x.headline)}</h3><p class="mh-slide-blurb">${escapeHtml(x.blurb)}</p>` +
            '</div></div></li>',
        )
        .join('');
      return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home</title></head><body>' +
        '<p>Welcome.</p>'.repeat(120) +
        '<section class="mh-carousel"><div class="mh-carousel-controls"><p class="mh-carousel-count">' +
        `<span class="mh-carousel-current">1</span> / ${all.length}</p></div>` +
        `<ul class="mh-slides" id="mh-slides">${items}</ul></section></body></html>`
      );
    };
    backend.handlers = () => ({ ...base(), render_home_preview: render });
    const app = await open(ctx.browser, ctx.server.url, { backend });
    try {
      const { page } = app;
      const shown = () =>
        page.evaluate(() => {
          const frame = /** @type {HTMLIFrameElement | null} */ (document.querySelector('[data-testid="preview-frame"]'));
          const doc = frame?.contentDocument;
          const current = [...(doc?.querySelectorAll('.mh-slide.is-current') ?? [])];
          const rect = current[0]?.getBoundingClientRect();
          return {
            current: current.map((li) => li.querySelector('.mh-slide-headline')?.textContent),
            count: doc?.querySelector('.mh-carousel-current')?.textContent,
            inView: !!rect && !!frame?.contentWindow && rect.top >= 0 && rect.bottom <= frame.contentWindow.innerHeight,
          };
        });
      for (const [headline, index] of /** @type {const} */ ([
        ['Spring clean-up: thank you!', '3'],
        ['Join the World Environment Day walk', '2'],
      ])) {
        await openSlide(page, headline);
        await page.waitForFunction(
          (h) =>
            /** @type {HTMLIFrameElement | null} */ (document.querySelector('[data-testid="preview-frame"]'))?.contentDocument
              ?.querySelector('.mh-slide.is-current .mh-slide-headline')?.textContent === h,
          headline,
        );
        assert.deepEqual(await shown(), { current: [headline], count: index, inView: true });
      }
      // Still so after an edit re-renders the page.
      await page.getByTestId('slide-blurb').fill('Walk with us along the river.');
      await page.waitForFunction(() =>
        /** @type {HTMLIFrameElement | null} */ (document.querySelector('[data-testid="preview-frame"]'))
          ?.getAttribute('srcdoc')
          ?.includes('Walk with us along the river.'),
      );
      await page.waitForTimeout(100);
      assert.deepEqual(await shown(), { current: ['Join the World Environment Day walk'], count: '2', inView: true });
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('checks links and alt text, shows backend errors and conflicts', async () => {
    const app = await open(ctx.browser, ctx.server.url);
    try {
      const { page } = app;
      await openSlide(page, 'Join the World Environment Day walk');
      const link = page.getByTestId('slide-link');
      const note = page.getByTestId('slide-link-note');

      await link.fill('www.example.org/walk');
      assert.match((await note.textContent()) ?? '', /try https:\/\/www\.example\.org\/walk/);
      assert.equal(await link.getAttribute('aria-invalid'), 'true');
      await link.fill('article:no-such-article');
      assert.match((await note.textContent()) ?? '', /no article “no-such-article”/);
      await page.getByTestId('slide-save').click();
      await page.waitForSelector('[data-testid="slide-save-status"][data-state="error"]');
      assert.equal((await callsOf(app, 'save_slide')).length, 0, 'not sent');

      // The picker sets a reference from the link targets.
      await page.getByTestId('slide-link-pick').click();
      await page.getByTestId('link-dialog').getByRole('button', { name: /About us/ }).click();
      await page.getByTestId('link-dialog').getByRole('button', { name: 'Apply' }).click();
      assert.equal(await link.inputValue(), 'page:about');
      assert.match((await note.textContent()) ?? '', /Page: About us/);

      // An image needs alt text.
      await page.getByTestId('slide-image-pick').click();
      // The picker's search finds words of the alt text (typed key by key), images only.
      const choices = page.getByTestId('slide-image-dialog').getByTestId('slide-image-choice');
      assert.equal(await choices.count(), 2);
      await page.getByTestId('slide-image-dialog').getByRole('searchbox').pressSequentially('pickers volunteers');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="slide-image-choice"]').length === 1);
      assert.match((await choices.first().textContent()) ?? '', /volunteers\.jpg/);
      await choices.filter({ hasText: 'volunteers.jpg' }).click();
      assert.equal(await page.getByTestId('slide-image').textContent(), 'volunteers.jpg');
      assert.equal(await page.getByTestId('slide-image-alt').inputValue(), 'Volunteers with litter pickers');
      await page.getByTestId('slide-image-alt').fill('');
      assert.equal(await page.getByTestId('slide-image-alt').getAttribute('aria-invalid'), 'true');
      await page.getByTestId('slide-image-alt').fill('Volunteers on the river bank');

      // A validation error from the backend shows next to the form.
      app.backend.failNextSave = { code: 'invalid', message: 'show_until: the slide would stop showing before it starts.' };
      await page.getByTestId('slide-save').click();
      await page.getByTestId('slide-form-error').getByText('show_until: the slide would stop showing before it starts.').waitFor();
      await page.getByTestId('slide-save').click();
      await page.waitForSelector('[data-testid="slide-save-status"][data-state="saved"]');
      assert.equal(await page.getByTestId('slide-form-error').count(), 0);
      const saved = app.backend.get(12);
      assert.equal(saved.link, 'page:about');
      assert.equal(saved.image, 'media:volunteers.jpg');
      assert.equal(saved.image_alt, 'Volunteers on the river bank');

      // A colleague saves it meanwhile: say so and offer to reload.
      app.backend.editElsewhere(12, { headline: 'World Environment Day: walk with us' });
      await page.getByTestId('slide-blurb').fill('Meet at the old mill at ten.');
      await page.getByTestId('slide-save').click();
      const conflict = page.getByTestId('slide-conflict');
      await conflict.waitFor();
      assert.match((await conflict.textContent()) ?? '', /colleague changed this slide/);
      await page.getByTestId('slide-conflict-reload').click();
      await conflict.waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('slide-headline').inputValue(), 'World Environment Day: walk with us');
      assert.equal(await page.getByTestId('slide-blurb').inputValue(), '');
      await page.waitForSelector('[data-testid="slide-save-status"][data-state="saved"]');
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });

  test('adds a slide, sets its status and dates, and deletes it to the trash', async () => {
    const app = await open(ctx.browser, ctx.server.url, { colorScheme: 'dark' });
    try {
      const { page } = app;
      await page.getByTestId('new-slide').click();
      await page.getByTestId('slide-item').nth(4).waitFor();
      const headline = page.getByTestId('slide-headline');
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'slide-headline');
      await page.keyboard.type('Watch the river festival live');
      await page.getByTestId('slide-cta').fill('Watch the event');
      await page.getByTestId('slide-status').selectOption('ready');
      await page.getByTestId('slide-show-from').fill('2025-07-01');
      await page.getByTestId('slide-show-until').fill('2025-06-30');
      await page.getByText('The slide would stop showing before it starts.').waitFor();
      await page.getByTestId('slide-show-until').fill('2025-07-02');
      assert.match((await page.getByTestId('slide-window-summary').textContent()) ?? '', /Upcoming/);
      await page.getByTestId('slide-save').click();
      await page.waitForSelector('[data-testid="slide-save-status"][data-state="saved"]');
      const created = app.backend.get(100);
      assert.equal(created.headline, 'Watch the river festival live');
      assert.equal(created.status, 'ready');
      assert.equal(created.show_from, '2025-07-01');
      assert.equal(created.show_until, '2025-07-02');
      assert.equal(await headline.inputValue(), 'Watch the river festival live');
      assert.deepEqual(await axeProblems(page), []);
      await screenshot(page, 'slides-dark.png');

      await page.getByTestId('slide-trash').click();
      await page.getByTestId('slide-trash-confirm').click();
      await page.getByTestId('slide-none').waitFor();
      assert.equal(await page.getByTestId('slide-item').count(), 4);
      assert.deepEqual((await callsOf(app, 'trash_slide')).map((c) => c.args), [{ id: 100 }]);
      assert.deepEqual(app.problems, []);
    } finally {
      await app.close();
    }
  });
});
