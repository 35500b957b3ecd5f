import { describe, expect, it } from 'vitest';
import type { MediaDetails, Variant } from '../lib/ipc';
import {
  describeUser,
  draftOf,
  editOf,
  filterMedia,
  focalFromPoint,
  formatBytes,
  formatDimensions,
  formatFocal,
  formatPages,
  isDirty,
  librarySummary,
  mediaKind,
  needsAlt,
  nudgeFocal,
  originalPath,
  parseFocal,
  pickVariant,
  picturePath,
  siteUrl,
  uploadSummary,
} from './logic';

function variant(width: number, format: Variant['format'], name = 'river.jpg'): Variant {
  const ext = format === 'jpeg' ? 'jpg' : format;
  return {
    width,
    height: Math.round((width * 9) / 16),
    format,
    bytes: width * 40,
    url: `/media/${width}/${name.replace(/\.[^.]+$/, '')}.${ext}`,
  };
}

function media(m: Partial<MediaDetails> & { id: number; name: string }): MediaDetails {
  return {
    version: 1,
    hash: '0'.repeat(64),
    updated_at: '2025-06-01T09:00:00Z',
    updated_by: 'Comms team',
    original_name: m.name,
    mime: 'image/jpeg',
    bytes: 120_000,
    alt: null,
    decorative: false,
    caption: null,
    credit: null,
    width: 1600,
    height: 900,
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

const RIVER = media({
  id: 1,
  name: 'river.jpg',
  original_name: 'IMG_2041.JPG',
  alt: 'The river at dawn',
  caption: 'Volunteers at the lower weir',
  credit: 'Ana Ruiz',
  created_at: '2025-05-01T08:00:00Z',
  used_by: [{ entity: 'article:spring-clean-up', field: 'image' }],
});
const REPORT = media({
  id: 2,
  name: 'annual-report-2025.pdf',
  mime: 'application/pdf',
  width: null,
  height: null,
  title: 'Annual report 2025',
  author: 'Finance team',
  pages: 48,
  created_at: '2025-06-10T08:00:00Z',
});
const LOGO = media({ id: 3, name: 'partner-logo.png', mime: 'image/png', created_at: '2025-06-12T08:00:00Z' });

describe('mediaKind and needsAlt', () => {
  it('tells images from PDFs', () => {
    expect(mediaKind(RIVER)).toBe('image');
    expect(mediaKind(REPORT)).toBe('pdf');
    expect(mediaKind({ mime: 'text/plain' })).toBe('other');
  });

  it('flags images without alt text only', () => {
    expect(needsAlt(LOGO)).toBe(true);
    expect(needsAlt({ ...LOGO, alt: '   ' })).toBe(true);
    expect(needsAlt(RIVER)).toBe(false);
    expect(needsAlt(REPORT)).toBe(false);
  });
});

describe('filterMedia', () => {
  const all = [RIVER, REPORT, LOGO];

  it('lists everything newest first without a query', () => {
    expect(filterMedia(all, '').map((m) => m.id)).toEqual([3, 2, 1]);
  });

  it('matches every word in names, alt text, captions, credits, titles and authors', () => {
    expect(filterMedia(all, 'river').map((m) => m.id)).toEqual([1]);
    expect(filterMedia(all, 'img_2041').map((m) => m.id)).toEqual([1]);
    expect(filterMedia(all, 'WEIR ruiz').map((m) => m.id)).toEqual([1]);
    expect(filterMedia(all, 'finance').map((m) => m.id)).toEqual([2]);
    expect(filterMedia(all, 'annual 2025').map((m) => m.id)).toEqual([2]);
    expect(filterMedia(all, 'river finance')).toEqual([]);
    expect(filterMedia(all, '  ').length).toBe(3);
  });

  it('filters by kind, missing alt text and usage', () => {
    expect(filterMedia(all, '', 'image').map((m) => m.id)).toEqual([3, 1]);
    expect(filterMedia(all, '', 'pdf').map((m) => m.id)).toEqual([2]);
    expect(filterMedia(all, '', 'needs-alt').map((m) => m.id)).toEqual([3]);
    expect(filterMedia(all, '', 'unused').map((m) => m.id)).toEqual([3, 2]);
    expect(filterMedia(all, 'logo', 'pdf')).toEqual([]);
  });

  it('does not reorder its input', () => {
    const input = [RIVER, REPORT];
    filterMedia(input, '');
    expect(input.map((m) => m.id)).toEqual([1, 2]);
  });
});

describe('formatBytes', () => {
  it('uses B, KB, MB and GB', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(12_345)).toBe('12 KB');
    expect(formatBytes(3.4 * 1024 * 1024)).toBe('3.4 MB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5 GB');
    expect(formatBytes(-1)).toBe('');
  });

  it('formats dimensions and page counts', () => {
    expect(formatDimensions(RIVER)).toBe('1600 × 900');
    expect(formatDimensions(REPORT)).toBeNull();
    expect(formatPages(48)).toBe('48 pages');
    expect(formatPages(1)).toBe('1 page');
    expect(formatPages(null)).toBeNull();
  });
});

describe('focal points', () => {
  it('reads the forms the backend accepts', () => {
    expect(parseFocal('30% 40%')).toEqual({ x: 30, y: 40 });
    expect(parseFocal('30 40')).toEqual({ x: 30, y: 40 });
    expect(parseFocal('12.345,100')).toEqual({ x: 12.345, y: 100 });
    expect(parseFocal(' 0%  0% ')).toEqual({ x: 0, y: 0 });
  });

  it('refuses what the backend refuses', () => {
    for (const bad of ['', '50%', '101% 2%', 'a b', '1 2 3', '-1% 5%', null, undefined, '5%% 5']) {
      expect(parseFocal(bad)).toBeNull();
    }
  });

  it('writes them with one decimal, clamped', () => {
    expect(formatFocal({ x: 30, y: 40 })).toBe('30% 40%');
    expect(formatFocal({ x: 12.345, y: 100 })).toBe('12.3% 100%');
    expect(formatFocal({ x: -4, y: 104 })).toBe('0% 100%');
  });

  it('turns a click on the picture into percentages', () => {
    const rect = { left: 100, top: 50, width: 400, height: 200 };
    expect(focalFromPoint(rect, 220, 130)).toEqual({ x: 30, y: 40 });
    expect(focalFromPoint(rect, 90, 300)).toEqual({ x: 0, y: 100 });
    expect(focalFromPoint(rect, 100 + 400 / 3, 50)).toEqual({ x: 33.3, y: 0 });
    expect(focalFromPoint({ ...rect, width: 0 }, 1, 1)).toBeNull();
  });

  it('nudges from the centre when there is none yet', () => {
    expect(nudgeFocal(null, 5, 0)).toEqual({ x: 55, y: 50 });
    expect(nudgeFocal({ x: 98, y: 2 }, 5, -5)).toEqual({ x: 100, y: 0 });
  });
});

describe('picture URLs', () => {
  it('puts site paths under the preview origin', () => {
    expect(siteUrl('/media/v/x/480.webp', 'preview://localhost/')).toBe('preview://localhost/media/v/x/480.webp');
    expect(siteUrl('/media/x.jpg', 'http://preview.localhost')).toBe('http://preview.localhost/media/x.jpg');
    expect(originalPath('annual report.pdf')).toBe('/media/annual%20report.pdf');
  });

  it('picks the narrowest WebP at least as wide as asked, else the widest', () => {
    const variants = [variant(480, 'jpeg'), variant(480, 'webp'), variant(960, 'jpeg'), variant(960, 'webp')];
    expect(pickVariant(variants, 300)?.url).toBe('/media/480/river.webp');
    expect(pickVariant(variants, 600)?.url).toBe('/media/960/river.webp');
    expect(pickVariant(variants, 2000)?.url).toBe('/media/960/river.webp');
    expect(pickVariant([variant(480, 'png')], 100)?.url).toBe('/media/480/river.png');
    expect(pickVariant([], 100)).toBeNull();
  });

  it('shows an image without variants from its original, a PDF from its cover', () => {
    expect(picturePath(RIVER, 240)).toBe('/media/river.jpg');
    const withVariants = { ...RIVER, variants: [variant(480, 'webp')] };
    expect(picturePath(withVariants, 240)).toBe('/media/480/river.webp');
    expect(picturePath(REPORT, 240)).toBeNull();
    const cover = { ...REPORT, variants: [variant(600, 'jpeg', REPORT.name), variant(600, 'webp', REPORT.name)] };
    expect(picturePath(cover, 240)).toBe('/media/600/annual-report-2025.webp');
  });
});

describe('the edit form', () => {
  it('starts from the item and sends trimmed values, null for empty, with the version', () => {
    const item = { ...RIVER, version: 7, focal: '30% 40%' };
    const draft = draftOf(item);
    expect(draft).toEqual({
      alt: 'The river at dawn',
      decorative: false,
      caption: 'Volunteers at the lower weir',
      credit: 'Ana Ruiz',
      title: '',
      focal: '30% 40%',
    });
    expect(isDirty(item, draft)).toBe(false);
    const edit = editOf(item, { ...draft, alt: '  Dawn on the river ', credit: ' ', focal: '12.345, 60' });
    expect(edit).toEqual({
      name: 'river.jpg',
      version: 7,
      alt: 'Dawn on the river',
      decorative: false,
      caption: 'Volunteers at the lower weir',
      credit: null,
      title: null,
      focal: '12.3% 60%',
    });
  });

  it('is dirty only when something would change', () => {
    const draft = draftOf(LOGO);
    expect(isDirty(LOGO, { ...draft, alt: '  ' })).toBe(false);
    expect(isDirty(LOGO, { ...draft, alt: 'Logo' })).toBe(true);
    expect(isDirty({ ...LOGO, focal: '30% 40%' }, { ...draft, focal: '30 40' })).toBe(false);
    expect(isDirty(LOGO, { ...draft, focal: 'nonsense' })).toBe(true);
    expect(editOf(LOGO, { ...draft, focal: 'nonsense' }).focal).toBe('nonsense');
    expect(isDirty(LOGO, { ...draft, decorative: true })).toBe(true);
  });

  it('a decorative picture does not need alt text', () => {
    expect(needsAlt({ ...LOGO, alt: null })).toBe(true);
    expect(needsAlt({ ...LOGO, alt: null, decorative: true })).toBe(false);
  });
});

describe('users and summaries', () => {
  it('describes who uses an item', () => {
    expect(describeUser({ entity: 'article:annual-report-2025', field: 'body' })).toEqual({
      kind: 'article',
      kindLabel: 'Article',
      key: 'annual-report-2025',
      fieldLabel: 'in the text',
      entity: 'article:annual-report-2025',
    });
    expect(describeUser({ entity: 'slide:donate', field: 'image' }).fieldLabel).toBe('as its picture');
    expect(describeUser({ entity: 'widget:x', field: 'hero_image' })).toMatchObject({
      kindLabel: 'Widget',
      key: 'x',
      fieldLabel: 'in hero image',
    });
  });

  it('counts files and missing alt text', () => {
    expect(librarySummary([])).toBe('0 files');
    expect(librarySummary([RIVER])).toBe('1 file');
    expect(librarySummary([RIVER, REPORT, LOGO])).toBe('3 files · 1 image needs alt text');
    expect(librarySummary([LOGO, { ...LOGO, id: 9 }])).toBe('2 files · 2 images need alt text');
  });

  it('sums up an upload', () => {
    expect(uploadSummary([])).toBe('');
    expect(uploadSummary([{ file: 'a.jpg', warnings: [] }])).toBe('Added 1 file.');
    expect(uploadSummary([{ file: 'a.jpg', warnings: [] }, { file: 'b.jpg', warnings: [] }])).toBe('Added 2 files.');
    expect(uploadSummary([{ file: 'a.jpg', warnings: [] }, { file: 'b.txt', warnings: [], error: 'No.' }])).toBe(
      'Added 1 of 2 files.',
    );
    expect(uploadSummary([{ file: 'b.txt', warnings: [], error: 'No.' }])).toBe('The file could not be added.');
  });
});
