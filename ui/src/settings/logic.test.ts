import { describe, expect, it } from 'vitest';
import type { SiteSettings } from '../lib/ipc';
import {
  accentProblem,
  appendItem,
  backupFileName,
  baseName,
  baseUrlProblem,
  defaultBackupPath,
  defaultExportFolder,
  exportText,
  importSummaryText,
  isDirty,
  isHexColor,
  isSlug,
  isWebUrl,
  joinPath,
  languageName,
  languageProblem,
  linkProblem,
  moveItem,
  newNavRow,
  newSection,
  normalizeHex,
  removeAt,
  removedText,
  settingsProblems,
  slugProblem,
  splitFieldMessage,
  toDraft,
  toSettings,
  withTrailingSlash,
} from './logic';

const SETTINGS: SiteSettings = {
  title: 'Riverbank Alliance',
  tagline: 'Clean water for every village',
  base_url: 'https://www.riverbank.example/',
  language: 'en',
  timezone: 'Europe/Brussels',
  sections: [
    { slug: 'news', title: 'News', home: true },
    { slug: 'reports', title: 'Reports', home: false },
  ],
  navigation: [{ label: 'About us', link: 'page:about' }],
  social: [{ label: 'LinkedIn', url: 'https://www.linkedin.com/company/riverbank' }],
  newsletter_url: null,
  partners: [{ name: 'Water Trust', url: null, logo: 'media:water-trust.png' }],
  logo: 'media:logo.svg',
  accent_color: '#0b6e4f',
  favicon: null,
  social_image: null,
  footer: null,
  redirects: [{ from: '/category/news/', to: '/news/' }],
};

describe('slugs', () => {
  it('accepts lower-case words joined by single hyphens', () => {
    for (const s of ['news', 'annual-reports', 'a1', '2024-review']) expect(isSlug(s)).toBe(true);
  });

  it('refuses capitals, spaces, leading, trailing and double hyphens', () => {
    for (const s of ['', 'News', 'annual reports', '-news', 'news-', 'a--b', 'café', 'a_b', 'x'.repeat(201)]) {
      expect(isSlug(s)).toBe(false);
    }
  });

  it('explains what is wrong', () => {
    expect(slugProblem('news')).toBeNull();
    expect(slugProblem(' news ')).toBeNull();
    expect(slugProblem('')).toMatch(/Give the section a slug/);
    expect(slugProblem('Annual Reports')).toMatch(/lower-case letters/);
    expect(slugProblem('x'.repeat(201))).toMatch(/200 characters/);
  });
});

describe('colours', () => {
  it('knows #rrggbb', () => {
    expect(isHexColor('#0b6e4f')).toBe(true);
    expect(isHexColor('#0B6E4F')).toBe(true);
    expect(isHexColor('0b6e4f')).toBe(false);
    expect(isHexColor('#0b6')).toBe(false);
    expect(isHexColor('#0b6e4g')).toBe(false);
  });

  it('normalises what people type', () => {
    expect(normalizeHex('#0B6E4F')).toBe('#0b6e4f');
    expect(normalizeHex(' 0b6e4f ')).toBe('#0b6e4f');
    expect(normalizeHex('#0b6')).toBe('#00bb66');
    expect(normalizeHex('green')).toBeNull();
    expect(normalizeHex('#0b6e4')).toBeNull();
  });

  it('allows an empty accent (the theme default)', () => {
    expect(accentProblem('')).toBeNull();
    expect(accentProblem('#abc')).toBeNull();
    expect(accentProblem('teal')).toMatch(/#rrggbb/);
  });
});

describe('addresses', () => {
  it('recognises web addresses', () => {
    expect(isWebUrl('https://www.example.org/')).toBe(true);
    expect(isWebUrl('http://localhost:8080')).toBe(true);
    expect(isWebUrl('https://')).toBe(false);
    expect(isWebUrl('https:///path')).toBe(false);
    expect(isWebUrl('https://exa mple.org')).toBe(false);
    expect(isWebUrl('ftp://example.org')).toBe(false);
  });

  it('ends the base URL with a slash', () => {
    expect(withTrailingSlash('https://www.example.org')).toBe('https://www.example.org/');
    expect(withTrailingSlash('https://www.example.org/')).toBe('https://www.example.org/');
    expect(withTrailingSlash('https://example.org/ngo')).toBe('https://example.org/ngo/');
    expect(withTrailingSlash(' https://example.org ')).toBe('https://example.org/');
    expect(withTrailingSlash('')).toBe('');
  });

  it('checks the base URL', () => {
    expect(baseUrlProblem('')).toBeNull();
    expect(baseUrlProblem('https://www.example.org/')).toBeNull();
    expect(baseUrlProblem('https://www.example.org')).toBeNull();
    expect(baseUrlProblem('www.example.org')).toMatch(/try https:\/\/www\.example\.org/);
    expect(baseUrlProblem('my website')).toMatch(/cannot contain spaces/);
    expect(baseUrlProblem('example')).toMatch(/starting with https:\/\//);
    expect(baseUrlProblem('https://')).toMatch(/rest of the address/);
    expect(baseUrlProblem('https://example.org/?x=1')).toMatch(/Leave out/);
  });

  it('checks links the way the backend reads references', () => {
    for (const ok of ['', 'page:about', 'article:spring-clean-up', 'media:report-2024.pdf', '/news/', 'https://x.org/a', 'mailto:info@x.org']) {
      expect(linkProblem(ok)).toBeNull();
    }
    expect(linkProblem('example.org/about')).toMatch(/try https:\/\/example\.org\/about/);
    expect(linkProblem('page:About Us')).toMatch(/not a valid reference/);
    expect(linkProblem('about')).toMatch(/Use a web address/);
    expect(linkProblem('/a/../b')).toMatch(/cannot contain/);
    expect(linkProblem('https://x.org/a b')).toMatch(/spaces/);
    expect(linkProblem('https://')).toMatch(/rest of the web address/);
    expect(linkProblem('mailto:')).toMatch(/e-mail/);
  });

  it('asks for a web address where one is expected', () => {
    expect(linkProblem('https://www.linkedin.com/company/x', true)).toBeNull();
    expect(linkProblem('linkedin.com/company/x', true)).toMatch(/try https:\/\//);
    expect(linkProblem('my page', true)).toMatch(/starting with https:\/\//);
    // What the backend accepts stays accepted.
    expect(linkProblem('/newsletter/', true)).toBeNull();
  });
});

describe('language', () => {
  it('takes BCP 47 tags', () => {
    for (const ok of ['', 'en', 'fr', 'pt-BR', 'zh-Hant']) expect(languageProblem(ok)).toBeNull();
    expect(languageProblem('English')).toMatch(/language code/);
    expect(languageProblem('e')).toMatch(/language code/);
  });

  it('names it', () => {
    expect(languageName('fr')).toBe('French');
    expect(languageName('English')).toBeNull();
    expect(languageName('')).toBeNull();
  });
});

describe('the draft', () => {
  it('round-trips the settings unchanged', () => {
    const draft = toDraft(SETTINGS);
    expect(toSettings(draft)).toEqual(SETTINGS);
    expect(isDirty(draft, SETTINGS)).toBe(false);
  });

  it('gives every row its own key', () => {
    const draft = toDraft(SETTINGS);
    const keys = [...draft.sections, ...draft.navigation, ...draft.social, ...draft.partners].map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(draft.sections[0]?.was).toBe('news');
  });

  it('trims, stores empty text as null, normalises the URL and colour', () => {
    const draft = toDraft(SETTINGS);
    draft.title = '  Riverbank  ';
    draft.tagline = '   ';
    draft.base_url = 'https://riverbank.example';
    draft.accent_color = '#0B6E4F';
    draft.partners[0]!.logo = '';
    const s = toSettings(draft);
    expect(s.title).toBe('Riverbank');
    expect(s.tagline).toBeNull();
    expect(s.base_url).toBe('https://riverbank.example/');
    expect(s.accent_color).toBe('#0b6e4f');
    expect(s.partners[0]).toEqual({ name: 'Water Trust', url: null, logo: null });
  });

  it('drops rows left empty', () => {
    const draft = toDraft(SETTINGS);
    draft.sections.push(newSection());
    draft.navigation.push(newNavRow());
    expect(toSettings(draft)).toEqual(SETTINGS);
    expect(isDirty(draft, SETTINGS)).toBe(false);
  });

  it('tracks changes', () => {
    const draft = toDraft(SETTINGS);
    draft.sections[1]!.home = true;
    expect(isDirty(draft, SETTINGS)).toBe(true);
    draft.sections[1]!.home = false;
    draft.title = 'Riverbank Alliance ';
    expect(isDirty(draft, SETTINGS)).toBe(false);
  });
});

describe('settingsProblems', () => {
  it('finds none in good settings', () => {
    expect(settingsProblems(toDraft(SETTINGS))).toEqual({});
  });

  it('names fields and rows', () => {
    const draft = toDraft(SETTINGS);
    draft.title = ' ';
    draft.base_url = 'riverbank.example';
    draft.accent_color = 'green';
    const [news, reports] = draft.sections as [ReturnType<typeof newSection>, ReturnType<typeof newSection>];
    reports.slug = 'News';
    const problems = settingsProblems(draft);
    expect(Object.keys(problems).sort()).toEqual(['accent_color', 'base_url', `sections.${reports.key}.slug`, 'title']);
    reports.slug = 'news';
    expect(settingsProblems(draft)[`sections.${reports.key}.slug`]).toMatch(/already uses news/);
    expect(settingsProblems(draft)[`sections.${news.key}.slug`]).toBeUndefined();
  });

  it('leaves empty required fields alone until the user tries to save', () => {
    const draft = toDraft(SETTINGS);
    const row = newSection();
    row.title = 'Events';
    draft.sections.push(row);
    draft.title = '';
    expect(settingsProblems(draft, false)).toEqual({});
    expect(Object.keys(settingsProblems(draft, true)).sort()).toEqual([`sections.${row.key}.slug`, 'title']);
  });

  it('checks navigation, social and partner links', () => {
    const draft = toDraft(SETTINGS);
    draft.navigation[0]!.link = 'about';
    draft.social[0]!.url = 'linkedin.com/x';
    draft.partners[0]!.url = 'watertrust.org';
    draft.newsletter_url = 'news letter';
    const keys = Object.keys(settingsProblems(draft, false)).sort();
    expect(keys).toEqual([
      `navigation.${draft.navigation[0]!.key}.link`,
      'newsletter_url',
      `partners.${draft.partners[0]!.key}.url`,
      `social.${draft.social[0]!.key}.url`,
    ]);
  });
});

describe('backend messages', () => {
  it('finds the field a message names', () => {
    expect(splitFieldMessage('base_url: `x` is not a valid link.')).toEqual({
      field: 'base_url',
      text: '`x` is not a valid link.',
    });
    expect(splitFieldMessage('sections: `news` is listed twice.').field).toBe('sections');
    expect(splitFieldMessage('title: the site needs a title.')).toEqual({ field: 'title', text: 'The site needs a title.' });
  });

  it('keeps other messages whole', () => {
    expect(splitFieldMessage('The database is locked.')).toEqual({ field: null, text: 'The database is locked.' });
    expect(splitFieldMessage('colour: nope')).toEqual({ field: null, text: 'colour: nope' });
  });
});

describe('list helpers', () => {
  const list = ['a', 'b', 'c'];

  it('moves an item up and down', () => {
    expect(moveItem(list, 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(list, 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(list, 0, -1)).toEqual(list);
    expect(moveItem(list, 2, 1)).toEqual(list);
    expect(moveItem(list, 5, 1)).toEqual(list);
    expect(list).toEqual(['a', 'b', 'c']);
  });

  it('removes and appends without touching the original', () => {
    expect(removeAt(list, 1)).toEqual(['a', 'c']);
    expect(removeAt(list, 9)).toEqual(list);
    expect(appendItem(list, 'd')).toEqual(['a', 'b', 'c', 'd']);
    expect(list).toHaveLength(3);
  });
});

describe('paths', () => {
  const day = new Date(2025, 5, 9, 23, 30);

  it('names backups by the local date', () => {
    expect(backupFileName(day)).toBe('masthead-backup-2025-06-09.tar');
  });

  it('joins with the separator the folder uses', () => {
    expect(joinPath('/home/ana/Documents', 'x.tar')).toBe('/home/ana/Documents/x.tar');
    expect(joinPath('/home/ana/Documents/', 'x.tar')).toBe('/home/ana/Documents/x.tar');
    expect(joinPath('C:\\Users\\Ana\\Documents', 'x.tar')).toBe('C:\\Users\\Ana\\Documents\\x.tar');
    expect(joinPath('/', 'x.tar')).toBe('/x.tar');
    expect(joinPath('', 'x.tar')).toBe('x.tar');
  });

  it('suggests backup and export places in the documents folder', () => {
    expect(defaultBackupPath('/home/ana/Documents', day)).toBe('/home/ana/Documents/masthead-backup-2025-06-09.tar');
    expect(defaultExportFolder('C:\\Users\\Ana\\Documents')).toBe('C:\\Users\\Ana\\Documents\\masthead-export');
  });

  it('shortens paths to their last part', () => {
    expect(baseName('/home/ana/Sites/riverbank/')).toBe('riverbank');
    expect(baseName('C:\\Sites\\riverbank')).toBe('riverbank');
  });
});

describe('messages', () => {
  it('summarises an import', () => {
    expect(importSummaryText({ created: 3, updated: 1, unchanged: 1200, warnings: [] })).toBe(
      'Imported: 3 new, 1 updated, 1,200 unchanged.',
    );
    expect(importSummaryText({ created: 0, updated: 0, unchanged: 0, warnings: [] })).toMatch(/nothing/);
  });

  it('counts exported files and removed items', () => {
    expect(exportText(1, '/tmp/out')).toBe('Wrote 1 file to /tmp/out.');
    expect(exportText(42, '/tmp/out')).toBe('Wrote 42 files to /tmp/out.');
    expect(removedText(0)).toMatch(/nothing/);
    expect(removedText(14)).toBe('Moved 14 items to the trash.');
  });
});
