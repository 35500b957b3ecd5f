/** The "Two versions" view of an item team sync could not merge: both texts, side by side. */
import { lineDiff } from '../editor/diff';
import type { TeamConflict } from '../lib/ipc';

export interface SideLine {
  text: string;
  /** Not in the other version. */
  changed: boolean;
}

/** Both texts line by line, each line marked where it is not in the other version. */
export function sideBySide(mine: string, theirs: string): { mine: SideLine[]; theirs: SideLine[] } {
  const out = { mine: [] as SideLine[], theirs: [] as SideLine[] };
  for (const line of lineDiff(mine, theirs)) {
    if (line.kind !== 'added') out.mine.push({ text: line.text, changed: line.kind === 'removed' });
    if (line.kind !== 'removed') out.theirs.push({ text: line.text, changed: line.kind === 'added' });
  }
  return out;
}

/** `article:slug` → `{ kind: 'article', key: 'slug' }`; `settings` has no key. */
export function entityParts(entity: string): { kind: string; key: string | null } {
  const colon = entity.indexOf(':');
  return colon < 0 ? { kind: entity, key: null } : { kind: entity.slice(0, colon), key: entity.slice(colon + 1) };
}

const KIND_NAMES: Record<string, string> = {
  article: 'The article',
  page: 'The page',
  slide: 'The slide',
  media: 'The file',
  settings: 'The settings',
};

/** "The article “water-report” has two versions: yours and Bob Jones’s." */
export function conflictText(c: TeamConflict, title?: string): string {
  const { kind, key } = entityParts(c.entity);
  const what = KIND_NAMES[kind] ?? 'An item';
  const name = title ?? key;
  const named = name ? `${what} “${name}”` : what;
  const theirs = c.theirs.author ? `${c.theirs.author}’s` : 'a colleague’s';
  return `${named} ${kind === 'settings' ? 'have' : 'has'} two versions: yours and ${theirs}.`;
}
