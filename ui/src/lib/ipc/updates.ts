/** Settings → About: the version, the update feed, a check, and installing what it found. */
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type * as b from '../bindings';
import { commands, run } from './core';

export type UpdateSettings = b.UpdateSettings;
export type CheckOutcome = b.CheckOutcome;
export type UpdateProgress = b.UpdateProgress;

export const updateSettings = (): Promise<UpdateSettings> => run(() => commands.updateSettings());
/** Saves the feed (empty: the package's own) and the check at start. */
export const saveUpdateSettings = (feed: string | null, checkOnStart: boolean): Promise<UpdateSettings> =>
  run(() => commands.saveUpdateSettings(feed, checkOnStart));
export const checkForUpdate = (): Promise<CheckOutcome> => run(() => commands.checkForUpdate());
/** The newer version the last check found (the one at start too), if any. */
export const foundUpdate = (): Promise<CheckOutcome | null> => run(() => commands.foundUpdate());
/** Downloads, verifies and installs the version found; progress comes by {@link onUpdateProgress}. */
export const installUpdate = (): Promise<null> => run(() => commands.installUpdate());
export const restartApp = (): Promise<void> => run(() => commands.restartApp());

export function onUpdateProgress(f: (p: UpdateProgress) => void): Promise<UnlistenFn> {
  return listen<UpdateProgress>('masthead://update-progress', (e) => f(e.payload));
}

export function onUpdateFound(f: (o: CheckOutcome) => void): Promise<UnlistenFn> {
  return listen<CheckOutcome>('masthead://update-found', (e) => f(e.payload));
}
