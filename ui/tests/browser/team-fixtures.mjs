/**
 * A fake of the team-sync commands, answered in Node through `openApp({ handlers })`, on top
 * of the settings backend (for Settings → Team and Settings → Sites → Join a team) and a few
 * articles (for the conflict banner and the "Two versions" view).
 */
import { article, summary } from './fixtures.mjs';
import { FakeSettingsBackend } from './settings-fixtures.mjs';

/** @typedef {import('../../src/lib/ipc').TeamStatus} TeamStatus */
/** @typedef {import('../../src/lib/ipc').TeamConflict} TeamConflict */
/** @typedef {import('../../src/lib/ipc').SyncReport} SyncReport */
/** @typedef {import('../../src/lib/ipc').Target} Target */

export const INVITATION = 'masthead-team:eyJ2IjoxLCJ0ZWFtIjoidCIsInRhcmdldCI6InRlYW0ifQ';

/** @type {Target[]} */
export const TARGETS = [
  { name: 'live', url: 'sftp://www.riverbank.example/var/www', user: 'ana', key_file: null, insecure: false, last_publish: null },
  { name: 'private', url: 'webdavs://files.riverbank.example/team', user: 'ana', key_file: null, insecure: false, last_publish: null },
];

export const HARBOUR = article({
  id: 7,
  title: 'Harbour cleanup',
  body: 'The harbour cleanup starts on Saturday.\n\nBring gloves. Ana brings bags.\n',
});

/** @type {TeamConflict} */
export const CONFLICT = {
  entity: 'article:harbour-cleanup',
  mine: { author: 'Ana Costa', at: '2025-06-15T11:58:00Z' },
  theirs: { author: 'Bob Jones', at: '2025-06-15T11:57:00Z' },
  mine_body: HARBOUR.body,
  theirs_body: 'The harbour cleanup starts on Saturday.\n\nBring gloves and boots.\n',
  merged_body: 'The harbour cleanup starts on Saturday.\n\nBring gloves. Ana brings bags.\n\nBring gloves and boots.\n',
};

/** @returns {TeamStatus} */
export function teamStatus(pending = 0, conflicts = 0) {
  return {
    team: 'b3a1',
    target: 'private',
    members: [
      { member: 'm1', name: 'Ana Costa', me: true, seq: 4, seen_at: '2025-06-15T11:59:00Z' },
      { member: 'm2', name: 'Bob Jones', me: false, seq: 9, seen_at: '2025-06-15T11:59:00Z' },
    ],
    last_sync: '2025-06-15T11:59:00Z',
    pending,
    conflicts,
    failed: [],
  };
}

export class FakeTeamBackend extends FakeSettingsBackend {
  /** @param {{ inTeam?: boolean, conflicts?: TeamConflict[] }} [options] */
  constructor(options = {}) {
    super();
    /** @type {TeamStatus | null} */
    this.team = options.inTeam ? teamStatus() : null;
    /** @type {TeamConflict[]} */
    this.conflicts = options.conflicts ?? [];
    if (this.team) this.team.conflicts = this.conflicts.length;
    /** Articles colleagues' syncs bring, one per sync. */
    /** @type {import('../../src/lib/ipc').Article[]} */
    this.incoming = [];
    /** @type {import('../../src/lib/ipc').Article[]} */
    this.articles = [HARBOUR];
  }

  /** @returns {Record<string, (args: any) => unknown>} */
  handlers() {
    return {
      ...super.handlers(),
      list_articles: () => this.articles.map(summary),
      list_targets: () => TARGETS,
      targets_needing_user: () => [],
      team_status: () => structuredClone(this.team),
      team_create: ({ target }) => {
        this.record('team_create', { target });
        this.team = { ...teamStatus(), target, members: teamStatus().members.slice(0, 1) };
        return { invitation: INVITATION, target, sent: 12 };
      },
      team_join: (args) => {
        this.record('team_join', args);
        this.sites.current = args.folder;
        return 40;
      },
      /** @returns {SyncReport} */
      team_sync: () => {
        this.record('team_sync', {});
        const next = this.incoming.shift();
        if (next) this.articles = [...this.articles, next];
        return { sent: 0, received: next ? 1 : 0, merged: 0, conflicts: 0, failed: [], ms: 3 };
      },
      team_conflicts: () => structuredClone(this.conflicts),
      team_rekey: () => {
        this.record('team_rekey', {});
        return `${INVITATION}-new`;
      },
      /** @returns {SyncReport} */
      team_take_new_key: ({ invitation }) => {
        this.record('team_take_new_key', { invitation });
        delete this.fail.team_sync;
        return { sent: 3, received: 2, merged: 0, conflicts: 0, failed: [], ms: 5 };
      },
      team_resolve_text: ({ entity, text }) => {
        this.record('team_resolve_text', { entity, text });
        this.conflicts = this.conflicts.filter((c) => c.entity !== entity);
        if (this.team) this.team.conflicts = this.conflicts.length;
        return null;
      },
      team_resolve: ({ entity, keep }) => {
        this.record('team_resolve', { entity, keep });
        this.conflicts = this.conflicts.filter((c) => c.entity !== entity);
        if (this.team) this.team.conflicts = this.conflicts.length;
        return null;
      },
    };
  }
}
