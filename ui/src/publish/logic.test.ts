import { describe, expect, it } from 'vitest';
import { advice, folderOf, formatBytes, percent, placeOf, planSummary, resultSummary, splitProblems } from './logic';

const report = { uploaded: 3, deleted: 1, unchanged: 200, bytes: 2_400_000, ms: 1500, conflict: false };

describe('publish logic', () => {
  it('formats sizes', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(2_400_000)).toBe('2.3 MB');
  });

  it('splits problems and names their place', () => {
    const e = { severity: 'error' as const, code: 'x', message: 'm', entity: 'article:a-b', field: 'image', title: '' };
    const w = { ...e, severity: 'warning' as const, entity: 'site', field: 'base_url' };
    expect(splitProblems([w, e])).toEqual({ errors: [e], warnings: [w] });
    expect(placeOf(e)).toBe('Article “a-b” · featured image');
    expect(placeOf({ ...e, title: 'Annual report: out now', field: 'seo_description' })).toBe(
      'Article “Annual report: out now” · SEO description',
    );
    expect(placeOf(w)).toBe('Site settings · website address');
    expect(placeOf({ ...e, entity: 'media:x:y.pdf', field: '' })).toBe('File “x:y.pdf”');
    expect(placeOf({ ...e, field: 'some_new_field' })).toBe('Article “a-b” · some new field');
  });

  it('summarises the plan and the result', () => {
    expect(planSummary(report)).toBe('3 files to send (2.3 MB), 1 file to delete, 200 files unchanged.');
    expect(planSummary({ ...report, uploaded: 0, deleted: 0 })).toMatch(/up to date/);
    expect(resultSummary(report)).toBe('Published: 3 files sent (2.3 MB), 1 file deleted in 1.5 s.');
  });

  it('measures progress by bytes, else files', () => {
    expect(percent({ files_done: 1, files_total: 4, bytes_done: 50, bytes_total: 200, current: '' })).toBe(25);
    expect(percent({ files_done: 1, files_total: 2, bytes_done: 0, bytes_total: 0, current: '' })).toBe(50);
    expect(percent({ files_done: 0, files_total: 0, bytes_done: 0, bytes_total: 0, current: '' })).toBe(0);
  });

  it('says what to do for each kind of failure', () => {
    expect(advice('conflict')).toMatch(/colleague/);
    expect(advice('host')).toMatch(/Test connection/);
    expect(advice('whatever')).toMatch(/publish again/);
  });

  it('knows the folder of a folder host', () => {
    expect(folderOf({ url: 'file:///srv/www/our%20site' })).toBe('/srv/www/our site');
    expect(folderOf({ url: 'webdavs://example.org/site' })).toBeNull();
    expect(folderOf(undefined)).toBeNull();
  });
});
