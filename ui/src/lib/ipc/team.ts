/** Team sync: starting a team, joining one, syncing, and the items with two versions. */
import type * as b from '../bindings';
import { commands, run } from './core';

export type TeamStatus = b.TeamStatus;
export type TeamMember = b.TeamMember;
export type TeamStarted = b.TeamStarted;
export type SyncReport = b.SyncReport;
export type TeamConflict = b.TeamConflict;
export type Keep = b.Keep;
export type SyncFailure = b.SyncFailure;

/** Where the open site is in its team; `null` for a site on its own. */
export const teamStatus = (): Promise<TeamStatus | null> => run(() => commands.teamStatus());
/** Starts a team on the host `target`; the invitation is for colleagues. */
export const teamCreate = (target: string): Promise<TeamStarted> => run(() => commands.teamCreate(target));
/** Makes a new site in `folder` from an invitation and opens it; resolves with the items received. */
export const teamJoin = (
  folder: string,
  invitation: string,
  user: string | null,
  keyFile: string | null,
  secret: string | null,
): Promise<number> => run(() => commands.teamJoin(folder, invitation, user, keyFile, secret));
export const teamSync = (): Promise<SyncReport> => run(() => commands.teamSync());
export const teamConflicts = (): Promise<TeamConflict[]> => run(() => commands.teamConflicts());
/** Keeps one version of an item with two versions (`article:slug` …) and sends the choice. */
export const teamResolve = (entity: string, keep: Keep): Promise<null> => run(() => commands.teamResolve(entity, keep));
/** Settles an item with two versions with a text merged by hand, and sends it. */
export const teamResolveText = (entity: string, text: string): Promise<null> =>
  run(() => commands.teamResolveText(entity, text));
/** Makes a new team key (a member left) and writes the team space again; resolves with the new invitation. */
export const teamRekey = (): Promise<string> => run(() => commands.teamRekey());
/** After a re-key: takes the new key from the new invitation on this site, and syncs. */
export const teamTakeNewKey = (invitation: string): Promise<SyncReport> =>
  run(() => commands.teamTakeNewKey(invitation));
