/**
 * What the article, page and slide editors do around a save, in one place: taking over what
 * the app returns, a refused save (a colleague's save in between stops saving until the
 * item is reloaded), and saving what is pending before leaving.
 */
import { toCommandError, type CommandError } from '../lib/ipc';
import type { Autosaver } from './autosave';

/** The fields a save changes on the item being edited. */
export interface Versioned {
  slug: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

/**
 * Takes over the version, time and author of `saved`, and the slug the app gave it unless
 * the slug was changed while the save ran (`sent` is what was sent). The rest stays as it is
 * now: it may have been typed meanwhile.
 */
export function takeSaved(item: Versioned, sent: Versioned, saved: Versioned): void {
  item.version = saved.version;
  item.updated_at = saved.updated_at;
  item.updated_by = saved.updated_by;
  if (item.slug === sent.slug) item.slug = saved.slug;
}

/** What a refused save means for the screen. */
export interface Refusal {
  error: CommandError;
  /** A colleague saved in between: the message; saving is paused until a reload. */
  conflict: string | null;
  /** Anything else: the message for the form. */
  formError: string | null;
}

export function refused(e: unknown, autosaver: Autosaver): Refusal {
  const error = toCommandError(e);
  if (error.code === 'conflict') {
    autosaver.pause();
    return { error, conflict: error.message, formError: null };
  }
  return { error, conflict: null, formError: error.message };
}

/** After a reload: saving starts again from the item as loaded. */
export function restart(autosaver: Autosaver): void {
  autosaver.reset();
  autosaver.resume();
}

/**
 * Saves what is pending before the editor closes; when that fails, asks whether to leave
 * anyway (`question`). Resolves with whether to leave.
 */
export async function saveBeforeLeaving(
  autosaver: Autosaver,
  question: string,
  confirm: (q: string) => boolean = (q) => globalThis.confirm(q),
): Promise<boolean> {
  try {
    await autosaver.flush();
  } catch {
    // The state says error; asked below.
  }
  if (autosaver.state !== 'error') return true;
  return confirm(question);
}
