import { describe, expect, it } from 'vitest';
import type { LinkTarget } from '../lib/ipc';
import type { Variant } from '../lib/ipc';
import {
  charLength,
  CTA_PRESETS,
  dateInputValue,
  describeWindow,
  dropSlot,
  dropTarget,
  hasProblems,
  hasTime,
  linkKind,
  linkProblem,
  linkTarget,
  mediaName,
  movedMessage,
  orNull,
  replaceSlide,
  slideProblems,
  stepTarget,
  thumbnailUrl,
  windowBackwards,
  windowBadge,
  windowState,
} from './logic';

/** Local times, so the tests hold in any time zone. */
const at = (y: number, m: number, d: number, h = 12, min = 0): Date => new Date(y, m - 1, d, h, min);

const TARGETS: LinkTarget[] = [
  { ref: 'article:annual-report-2024', title: 'Annual report 2024', kind: 'article' },
  { ref: 'page:about', title: 'About us', kind: 'page' },
  { ref: 'media:annual-report-2024.pdf', title: 'Annual report (PDF)', kind: 'media' },
];

describe('windowState', () => {
  it('is current without limits', () => {
    expect(windowState(null, null, at(2025, 6, 15))).toBe('current');
    expect(windowState('', '  ', at(2025, 6, 15))).toBe('current');
  });

  it('is upcoming before show_from and current from its first moment', () => {
    expect(windowState('2025-06-16', null, at(2025, 6, 15, 23, 59))).toBe('upcoming');
    expect(windowState('2025-06-16', null, at(2025, 6, 16, 0, 0))).toBe('current');
    expect(windowState('2025-06-15', null, at(2025, 6, 15, 0, 0))).toBe('current');
  });

  it('counts a plain show_until date through the end of that day', () => {
    expect(windowState(null, '2025-06-15', at(2025, 6, 15, 0, 0))).toBe('current');
    expect(windowState(null, '2025-06-15', at(2025, 6, 15, 23, 59))).toBe('current');
    expect(windowState(null, '2025-06-15', at(2025, 6, 16, 0, 0))).toBe('expired');
    expect(windowState(null, '2025-06-14', at(2025, 6, 15))).toBe('expired');
  });

  it('ends a date-time show_until at that moment', () => {
    const until = at(2025, 6, 15, 9, 30).toISOString();
    expect(windowState(null, until, at(2025, 6, 15, 9, 29))).toBe('current');
    expect(windowState(null, until, at(2025, 6, 15, 9, 30))).toBe('expired');
  });

  it('handles both ends, and a one-day window', () => {
    expect(windowState('2025-06-01', '2025-06-30', at(2025, 5, 31))).toBe('upcoming');
    expect(windowState('2025-06-01', '2025-06-30', at(2025, 6, 15))).toBe('current');
    expect(windowState('2025-06-01', '2025-06-30', at(2025, 7, 1))).toBe('expired');
    expect(windowState('2025-06-15', '2025-06-15', at(2025, 6, 15, 18))).toBe('current');
  });

  it('treats an unreadable date as no limit', () => {
    expect(windowState('soon', 'later', at(2025, 6, 15))).toBe('current');
  });

  it('gives each state a badge', () => {
    expect(windowBadge(null, null, at(2025, 6, 15))).toEqual({ state: 'current', label: 'Current', kind: 'published' });
    expect(windowBadge('2099-01-01', null, at(2025, 6, 15)).kind).toBe('scheduled');
    expect(windowBadge(null, '2000-01-01', at(2025, 6, 15)).label).toBe('Expired');
  });
});

describe('describeWindow', () => {
  it('words each shape of window', () => {
    expect(describeWindow(null, null, 'en-GB')).toBe('Always');
    expect(describeWindow('2025-06-01', null, 'en-GB')).toBe('From 1 Jun 2025');
    expect(describeWindow(null, '2025-06-30', 'en-GB')).toBe('Until 30 Jun 2025');
    expect(describeWindow('2025-06-01', '2025-06-30', 'en-GB')).toBe('1 Jun 2025 – 30 Jun 2025');
    expect(describeWindow('whenever', null, 'en-GB')).toBe('From whenever');
  });
});

describe('windowBackwards', () => {
  it('flags an end before the start, as the backend does', () => {
    expect(windowBackwards('2025-06-10', '2025-06-09')).toBe(true);
    expect(windowBackwards('2025-06-10', '2025-06-10')).toBe(false);
    expect(windowBackwards('2025-06-10', null)).toBe(false);
    expect(windowBackwards(null, '2025-06-10')).toBe(false);
    expect(windowBackwards('2025-06-10T12:00', '2025-06-10T11:00')).toBe(true);
  });
});

describe('date inputs', () => {
  it('shows the date part and notices a time', () => {
    expect(dateInputValue('2025-06-01')).toBe('2025-06-01');
    expect(dateInputValue('2025-06-01T09:00:00+02:00')).toBe('2025-06-01');
    expect(dateInputValue(null)).toBe('');
    expect(hasTime('2025-06-01T09:00')).toBe(true);
    expect(hasTime('2025-06-01 09:00')).toBe(true);
    expect(hasTime('2025-06-01')).toBe(false);
    expect(hasTime(null)).toBe(false);
    expect(orNull('')).toBeNull();
    expect(orNull('  ')).toBeNull();
    expect(orNull('x')).toBe('x');
  });
});

describe('reordering', () => {
  it('steps up and down within the list', () => {
    expect(stepTarget(1, 'up', 3)).toBe(0);
    expect(stepTarget(1, 'down', 3)).toBe(2);
    expect(stepTarget(0, 'up', 3)).toBeNull();
    expect(stepTarget(2, 'down', 3)).toBeNull();
    expect(stepTarget(5, 'up', 3)).toBeNull();
    expect(stepTarget(28, 'top', 29)).toBe(0);
    expect(stepTarget(0, 'bottom', 29)).toBe(28);
    expect(stepTarget(0, 'top', 29)).toBeNull();
    expect(stepTarget(28, 'bottom', 29)).toBeNull();
  });

  it('turns a drop gap into a moveSlide index', () => {
    // Rows A B C D; dragging B (1).
    expect(dropTarget(1, 0)).toBe(0); // before A
    expect(dropTarget(1, 1)).toBeNull(); // before itself
    expect(dropTarget(1, 2)).toBeNull(); // just after itself
    expect(dropTarget(1, 3)).toBe(2); // before D
    expect(dropTarget(1, 4)).toBe(3); // at the end
    expect(dropTarget(3, 0)).toBe(0);
    expect(dropTarget(-1, 0)).toBeNull();
  });

  it('picks the gap by the half of the row under the pointer', () => {
    expect(dropSlot(2, 105, 100, 40)).toBe(2);
    expect(dropSlot(2, 125, 100, 40)).toBe(3);
  });

  it('replaces a slide by id and words the move', () => {
    const list = [{ id: 1, h: 'a' }, { id: 2, h: 'b' }];
    expect(replaceSlide(list, { id: 2, h: 'B' })).toEqual([{ id: 1, h: 'a' }, { id: 2, h: 'B' }]);
    expect(replaceSlide(list, { id: 9, h: 'x' })).toEqual(list);
    expect(movedMessage('Annual report', 1, 4)).toBe('Moved “Annual report” to position 2 of 4.');
    expect(movedMessage('', 0, 1)).toBe('Moved “Untitled slide” to position 1 of 1.');
  });
});

describe('links', () => {
  it('tells the kinds apart', () => {
    expect(linkKind(null)).toBe('none');
    expect(linkKind(' ')).toBe('none');
    expect(linkKind('https://example.org/report')).toBe('url');
    expect(linkKind('HTTP://example.org')).toBe('url');
    expect(linkKind('article:annual-report-2024')).toBe('reference');
    expect(linkKind('media:report.pdf')).toBe('reference');
    expect(linkKind('/about')).toBe('invalid');
    expect(linkKind('mailto:info@example.org')).toBe('invalid');
    expect(linkKind('https://')).toBe('invalid');
  });

  it('accepts web addresses, known references and no link', () => {
    expect(linkProblem(null, TARGETS)).toBeNull();
    expect(linkProblem('', TARGETS)).toBeNull();
    expect(linkProblem('https://example.org/x?y=1#z', TARGETS)).toBeNull();
    expect(linkProblem('http://example.org', TARGETS)).toBeNull();
    expect(linkProblem('article:annual-report-2024', TARGETS)).toBeNull();
    expect(linkProblem(' page:about ', TARGETS)).toBeNull();
    expect(linkProblem('media:annual-report-2024.pdf', TARGETS)).toBeNull();
  });

  it('explains what is wrong otherwise', () => {
    expect(linkProblem('article:gone', TARGETS)).toMatch(/no article “gone”/);
    expect(linkProblem('example.org/report', TARGETS)).toMatch(/https:\/\/example\.org\/report/);
    expect(linkProblem('https://example.org/a b', TARGETS)).toMatch(/spaces/);
    expect(linkProblem('https://', TARGETS)).toMatch(/rest of the web address/);
    expect(linkProblem('/about', TARGETS)).toMatch(/https:\/\//);
    expect(linkProblem('ftp://example.org', TARGETS)).toMatch(/https:\/\//);
  });

  it('does not refuse references while the targets are unknown', () => {
    expect(linkProblem('article:anything', null)).toBeNull();
    expect(linkProblem('/about', null)).not.toBeNull();
  });

  it('finds the target of a reference', () => {
    expect(linkTarget('page:about', TARGETS)?.title).toBe('About us');
    expect(linkTarget('https://example.org', TARGETS)).toBeNull();
    expect(linkTarget('page:about', null)).toBeNull();
  });
});

describe('slideProblems', () => {
  const slide = {
    headline: 'Annual report 2024',
    blurb: 'What we did last year.',
    link: 'article:annual-report-2024',
    image: 'media:river.jpg',
    image_alt: 'The river at dawn',
    show_from: '2025-06-01',
    show_until: '2025-06-30',
  };

  it('is empty for a good slide', () => {
    expect(slideProblems(slide, TARGETS)).toEqual({});
    expect(hasProblems(slideProblems(slide, TARGETS))).toBe(false);
    expect(slideProblems({ ...slide, image: null, image_alt: null }, TARGETS)).toEqual({});
  });

  it('requires alt text when there is an image', () => {
    expect(slideProblems({ ...slide, image_alt: ' ' }, TARGETS).image_alt).toMatch(/Describe/);
    expect(slideProblems({ ...slide, image_alt: null }, TARGETS).image_alt).toBeDefined();
  });

  it('flags each field', () => {
    const p = slideProblems(
      {
        ...slide,
        headline: '  ',
        blurb: 'é'.repeat(2001),
        link: 'www.example.org',
        show_from: '2025-07-01',
        show_until: '2025-06-30',
      },
      TARGETS,
    );
    expect(Object.keys(p).sort()).toEqual(['blurb', 'headline', 'link', 'show_until']);
    expect(hasProblems(p)).toBe(true);
    expect(charLength('é')).toBe(1);
    expect(slideProblems({ ...slide, blurb: 'a'.repeat(2000) }, TARGETS).blurb).toBeUndefined();
  });
});

describe('media', () => {
  const variant = (width: number): Variant => ({
    width,
    height: width / 2,
    format: 'webp',
    bytes: width * 10,
    url: `/media/v/river.jpg/${width}.webp`,
  });

  it('reads media references', () => {
    expect(mediaName('media:river.jpg')).toBe('river.jpg');
    expect(mediaName('media:')).toBeNull();
    expect(mediaName('article:x')).toBeNull();
    expect(mediaName(null)).toBeNull();
  });

  it('picks the smallest variant wide enough', () => {
    const item = { variants: [variant(1920), variant(480), variant(960)] };
    expect(thumbnailUrl(item, 300, 'preview://localhost/')).toBe('preview://localhost/media/v/river.jpg/480.webp');
    expect(thumbnailUrl(item, 600, 'http://preview.localhost')).toBe(
      'http://preview.localhost/media/v/river.jpg/960.webp',
    );
    expect(thumbnailUrl(item, 4000, 'preview://localhost/')).toBe('preview://localhost/media/v/river.jpg/1920.webp');
    expect(thumbnailUrl({ variants: [] }, 300, 'preview://localhost/')).toBeNull();
    expect(thumbnailUrl(null, 300, 'preview://localhost/')).toBeNull();
  });

  it('offers the common call-to-action labels', () => {
    expect(CTA_PRESETS).toContain('Download the report');
    expect(CTA_PRESETS).toHaveLength(5);
  });
});
