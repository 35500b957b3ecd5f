import type { Problem, PublishProgress, PublishReport } from '../lib/ipc';

/** `1.2 MB`, `340 KB`, `12 bytes`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} byte${n === 1 ? '' : 's'}`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** Errors first; the counts say whether publishing may go on. */
export function splitProblems(problems: Problem[]): { errors: Problem[]; warnings: Problem[] } {
  return {
    errors: problems.filter((p) => p.severity === 'error'),
    warnings: problems.filter((p) => p.severity === 'warning'),
  };
}

/** Where a problem is, for people: "Article annual-report · image". */
/** Fields as the screens label them. */
const FIELD_LABELS: Record<string, string> = {
  body: 'text',
  title: 'title',
  slug: 'address',
  summary: 'summary',
  section: 'section',
  date: 'date',
  image: 'featured image',
  image_alt: 'image alt text',
  seo_title: 'SEO title',
  seo_description: 'SEO description',
  link: 'button link',
  headline: 'headline',
  blurb: 'blurb',
  base_url: 'website address',
  logo: 'logo',
  favicon: 'browser icon',
  social_image: 'social sharing image',
  navigation: 'navigation',
  alt: 'alt text',
};

/** Where a problem is, in plain words: `Article “Title” · image alt text`. */
export function placeOf(p: Problem): string {
  const colon = p.entity.indexOf(':');
  const kind = colon < 0 ? p.entity : p.entity.slice(0, colon);
  const key = colon < 0 ? '' : p.entity.slice(colon + 1);
  const labels: Record<string, string> = {
    article: 'Article',
    page: 'Page',
    slide: 'Slide',
    media: 'File',
    site: 'Site settings',
  };
  const label = labels[kind] ?? kind;
  const name = kind === 'site' ? '' : (p.title || key);
  const field = p.field ? (FIELD_LABELS[p.field] ?? p.field.replace(/_/g, ' ')) : '';
  return [name ? `${label} “${name}”` : label, field].filter(Boolean).join(' · ');
}

export function planSummary(r: PublishReport): string {
  if (r.uploaded === 0 && r.deleted === 0) return 'The website is up to date: nothing to send.';
  const parts = [`${plural(r.uploaded, 'file')} to send (${formatBytes(r.bytes)})`];
  if (r.deleted) parts.push(`${plural(r.deleted, 'file')} to delete`);
  parts.push(`${plural(r.unchanged, 'file')} unchanged`);
  return parts.join(', ') + '.';
}

export function resultSummary(r: PublishReport): string {
  if (r.uploaded === 0 && r.deleted === 0) return 'Nothing had changed: the website was already up to date.';
  const secs = (r.ms / 1000).toFixed(1);
  const deleted = r.deleted ? `, ${plural(r.deleted, 'file')} deleted` : '';
  return `Published: ${plural(r.uploaded, 'file')} sent (${formatBytes(r.bytes)})${deleted} in ${secs} s.`;
}

/** 0–100, by bytes when there are any, else by files. */
export function percent(p: PublishProgress): number {
  const [done, total] = p.bytes_total > 0 ? [p.bytes_done, p.bytes_total] : [p.files_done, p.files_total];
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
}

/** What to do about a failed publish, by error code. */
export function advice(code: string): string {
  switch (code) {
    case 'conflict':
      return 'A colleague published in between. Compare with the host and publish on top of it: their changes that are also in this site are kept, files only they added are removed.';
    case 'host':
      return 'Check the host in Hosts below ("Test connection"): the address, the user name and password, and that this computer is online. If the host is full, free space there or ask your provider.';
    case 'cancelled':
      return 'The website is still whole. Publish again to send the rest.';
    case 'busy':
      return 'Wait for the publish under way to finish.';
    default:
      return 'Nothing on the website was changed by the failed step. Fix what the message says and publish again.';
  }
}

/** The local folder a `file://` host writes to, or null for other hosts. */
export function folderOf(target: { url: string } | undefined): string | null {
  const url = target?.url ?? '';
  if (!/^file:\/\//i.test(url)) return null;
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return url.slice('file://'.length);
  }
}
