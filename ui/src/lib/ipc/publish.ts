/** Hosts and publishing: targets, the checks, a publish with its progress, the history. */
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type * as b from '../bindings';
import { commands, run, type Sent } from './core';

export type Target = b.Target;
export type SavedTarget = b.SavedTarget;
export type Problem = b.Problem;
export type PublishReport = Sent<b.Report, 'host_key'>;
export type PublishProgress = b.Progress;
export type PublishDone = b.Done;
export type PublishLog = b.PublishLog;

export const listTargets = (): Promise<Target[]> => run(() => commands.listTargets());
/** The hosts a colleague shared that still need this member's own user, by name. */
export const targetsNeedingUser = (): Promise<string[]> => run(() => commands.targetsNeedingUser());
/** Adds or changes a host; a non-empty `secret` goes to the keychain. */
export const saveTarget = (t: {
  name: string;
  url: string;
  user: string | null;
  keyFile: string | null;
  insecure: boolean;
  secret: string | null;
}): Promise<SavedTarget> => run(() => commands.saveTarget(t.name, t.url, t.user, t.keyFile, t.insecure, t.secret));
export const removeTarget = (name: string): Promise<null> => run(() => commands.removeTarget(name));
/** Resolves with an SSH host key's fingerprint seen for the first time. */
export const testTarget = (name: string): Promise<string | null> => run(() => commands.testTarget(name));
export const checkSite = (): Promise<Problem[]> => run(() => commands.checkSite());
export const planPublish = (target: string, verify: boolean): Promise<PublishReport> =>
  run(() => commands.planPublish(target, verify));
export const startPublish = (target: string, verify: boolean): Promise<null> =>
  run(() => commands.startPublish(target, verify));
export const cancelPublish = (): Promise<void> => run(() => commands.cancelPublish());
export const publishHistory = (): Promise<PublishLog[]> => run(() => commands.publishHistory());
/** Opens the website in the browser. */
export const openWebsite = (): Promise<null> => run(() => commands.openWebsite());

export function onPublishProgress(f: (p: PublishProgress) => void): Promise<UnlistenFn> {
  return listen<PublishProgress>('masthead://publish-progress', (e) => f(e.payload));
}

export function onPublishDone(f: (d: PublishDone) => void): Promise<UnlistenFn> {
  return listen<PublishDone>('masthead://publish-done', (e) => f(e.payload));
}
