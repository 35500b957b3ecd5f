/**
 * Team sync while the app is open: a sync soon after every save and once a minute, less often
 * while the host cannot be reached (offline), and what the small indicator says.
 */
import { teamStatus, teamSync as syncTeam, toCommandError, type SyncReport, type TeamStatus } from './ipc';
import { contentArrived, siteChanged } from './site-changed';

/** One sync a minute while the app is open. */
export const EVERY_MS = 60_000;
/** The longest wait between two tries while offline. */
export const MAX_BACKOFF_MS = 16 * 60_000;
/** A save is sent this long after it (saves typed in a row go together). */
export const AFTER_SAVE_MS = 2_000;

/** When to try again after `failures` syncs in a row could not reach the host. */
export function nextDelay(failures: number): number {
  if (failures <= 0) return EVERY_MS;
  return Math.min(EVERY_MS * 2 ** failures, MAX_BACKOFF_MS);
}

export type SyncState = 'none' | 'syncing' | 'synced' | 'pending' | 'offline' | 'error';

/** What the indicator shows. */
export interface SyncView {
  state: SyncState;
  status: TeamStatus | null;
  /** What stopped the last sync, for its tooltip (offline, or a key or team-space problem). */
  problem: string | null;
  /** The last sync stopped because the team space has a new key (a member made one): this
   * site needs the new invitation. */
  newKey?: boolean;
}

export const NO_TEAM: SyncView = { state: 'none', status: null, problem: null };

/** The indicator's words: "Synced", "3 to send", "Offline". */
export function syncText(view: SyncView): string {
  const pending = view.status?.pending ?? 0;
  switch (view.state) {
    case 'none':
      return '';
    case 'syncing':
      return 'Syncing…';
    case 'offline':
      return pending > 0 ? `Offline · ${pending} to send` : 'Offline';
    case 'error':
      return 'Sync stopped';
    case 'pending':
      return `${pending} to send`;
    case 'synced':
      return 'Synced';
  }
}

/** The state once the status is known, after a sync or a save. */
export function settled(status: TeamStatus, offline: boolean, problem: string | null): SyncView {
  if (problem !== null && !offline) return { state: 'error', status, problem };
  if (offline) return { state: 'offline', status, problem };
  return { state: status.pending > 0 ? 'pending' : 'synced', status, problem: null };
}

export interface SyncDeps {
  status: () => Promise<TeamStatus | null>;
  sync: () => Promise<SyncReport>;
  /** Colleagues' work came in. */
  onreceived: (report: SyncReport) => void;
  setTimer?: (f: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

/** Runs the syncs of the open site; listeners hear every change of the indicator. */
export class TeamSync {
  #deps: Required<SyncDeps>;
  #view: SyncView = NO_TEAM;
  #listeners = new Set<(v: SyncView) => void>();
  #timer: unknown = null;
  #running: Promise<void> | null = null;
  #again = false;
  #failures = 0;
  #stopped = false;

  constructor(deps: SyncDeps) {
    this.#deps = {
      setTimer: (f, ms) => setTimeout(f, ms),
      clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
      ...deps,
    };
  }

  get view(): SyncView {
    return this.#view;
  }

  subscribe(f: (v: SyncView) => void): () => void {
    this.#listeners.add(f);
    f(this.#view);
    return () => this.#listeners.delete(f);
  }

  #set(view: SyncView): void {
    this.#view = view;
    for (const f of this.#listeners) f(view);
  }

  #schedule(ms: number): void {
    if (this.#timer !== null) this.#deps.clearTimer(this.#timer);
    this.#timer = this.#stopped ? null : this.#deps.setTimer(() => void this.syncNow(), ms);
  }

  /** Looks whether the site is in a team; if it is, syncs now and then on schedule. */
  async start(): Promise<void> {
    this.#stopped = false;
    let status: TeamStatus | null;
    try {
      status = await this.#deps.status();
    } catch {
      // An app without team sync, or no site open: nothing to show.
      status = null;
    }
    if (status === null) {
      this.#set(NO_TEAM);
      return;
    }
    this.#set(settled(status, false, null));
    await this.syncNow();
  }

  /** A save happened: the indicator counts it, and a sync sends it shortly. */
  async saved(): Promise<void> {
    if (this.#view.state === 'none') return;
    try {
      const status = await this.#deps.status();
      if (status && this.#view.state !== 'syncing') {
        this.#set(settled(status, this.#view.state === 'offline', this.#view.problem));
      }
    } catch {
      // The count is refreshed by the sync.
    }
    // While offline the back-off decides; a save does not hammer an unreachable host.
    if (this.#view.state !== 'offline') this.#schedule(AFTER_SAVE_MS);
  }

  /** Syncs now (a second call while one runs makes one more after it). */
  syncNow(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#run().finally(() => {
      this.#running = null;
      if (this.#again) {
        this.#again = false;
        void this.syncNow();
      }
    });
    return this.#running;
  }

  async #run(): Promise<void> {
    if (this.#view.state === 'none') return;
    this.#set({ ...this.#view, state: 'syncing' });
    let offline = false;
    let problem: string | null = null;
    let newKey = false;
    try {
      const report = await this.#deps.sync();
      this.#failures = 0;
      if (report.received > 0 || report.conflicts > 0) this.#deps.onreceived(report);
    } catch (error) {
      const e = toCommandError(error);
      offline = e.code === 'host';
      newKey = e.code === 'team_key' && /new team key/.test(e.message);
      problem = e.message;
      this.#failures += 1;
    }
    let status = this.#view.status;
    try {
      status = (await this.#deps.status()) ?? status;
    } catch {
      // Keep the last known status.
    }
    if (status) this.#set({ ...settled(status, offline, problem), newKey });
    this.#schedule(nextDelay(offline ? this.#failures : 0));
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) this.#deps.clearTimer(this.#timer);
    this.#timer = null;
  }
}

/** The open site's syncs (App starts it; the Team card and the indicator use it). */
export const teamSync = new TeamSync({
  status: teamStatus,
  sync: syncTeam,
  onreceived: () => {
    contentArrived();
    siteChanged();
  },
});
