/**
 * Pure helpers for "Import a website" (Settings → Sites): the kinds of source, what the
 * progress bar says, and the report's summary.
 */
import type { WebsiteImportProgress, WebsiteImportReport, WebsiteKind } from '../lib/ipc';

export const KINDS: { kind: WebsiteKind; label: string; source: string; placeholder: string }[] = [
  { kind: 'wordpress', label: 'WordPress', source: 'Export file (.xml)', placeholder: 'From Tools → Export in WordPress' },
  { kind: 'hugo', label: 'Hugo', source: 'Site folder', placeholder: 'The folder with hugo.toml and content/' },
  { kind: 'zola', label: 'Zola', source: 'Site folder', placeholder: 'The folder with config.toml and content/' },
  { kind: 'jekyll', label: 'Jekyll', source: 'Site folder', placeholder: 'The folder with _config.yml and _posts/' },
];

/** The description of a kind of source (WordPress when unknown). */
export function kindOf(kind: WebsiteKind): (typeof KINDS)[number] {
  return KINDS.find((k) => k.kind === kind) ?? { kind: 'wordpress', label: 'WordPress', source: 'Export file (.xml)', placeholder: '' };
}

const STAGES: Record<WebsiteImportProgress['stage'], string> = {
  reading: 'Reading the website',
  files: 'Getting the pictures and files',
  converting: 'Converting the content',
  saving: 'Saving',
};

/** The progress bar's words: “Getting the pictures and files: 3 of 12”. */
export function progressText(p: WebsiteImportProgress | null): string {
  if (!p) return 'Starting…';
  const stage = STAGES[p.stage] ?? p.stage;
  return p.total > 1 ? `${stage}: ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')}` : `${stage}…`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** “Imported 7 articles, 3 pages, 2 slides, 4 files and 22 redirects.” */
export function summaryText(r: WebsiteImportReport, dryRun: boolean): string {
  const parts = [
    count(r.articles, 'article'),
    count(r.pages, 'page'),
    count(r.slides, 'slide'),
    count(r.media, 'file'),
  ];
  const verb = dryRun ? 'Would import' : 'Imported';
  return `${verb} ${parts.join(', ')} and ${count(r.redirects, 'redirect')} from old addresses.`;
}

/** Whether a warning's item can be opened (it was imported: not on a dry run, and not `site`). */
export function canOpen(entity: string, dryRun: boolean): boolean {
  return !dryRun && /^(article|page|slide|media):./.test(entity);
}
