import { describe, expect, it } from 'vitest';
import { CommandError, type SyncReport, type TeamStatus } from './ipc';
import { AFTER_SAVE_MS, EVERY_MS, MAX_BACKOFF_MS, nextDelay, settled, syncText, TeamSync, type SyncView } from './team-sync';

const status = (pending: number, conflicts = 0): TeamStatus => ({
  team: 't',
  target: 'team',
  members: [],
  last_sync: '2026-12-07T10:00:00Z',
  pending,
  conflicts,
  failed: [],
});

const report = (received = 0, conflicts = 0): SyncReport => ({ sent: 0, received, merged: 0, conflicts, failed: [], ms: 5 });

/** A TeamSync on a fake clock, whose host answers as `answers` says, one answer per sync. */
function harness(answers: (SyncReport | CommandError)[], pending = () => 0) {
  const timers: { f: () => void; ms: number }[] = [];
  const received: SyncReport[] = [];
  const views: SyncView[] = [];
  let syncs = 0;
  const sync = new TeamSync({
    status: () => Promise.resolve(status(pending())),
    sync: () => {
      const a = answers[Math.min(syncs++, answers.length - 1)];
      return a instanceof CommandError ? Promise.reject(a) : Promise.resolve(a as SyncReport);
    },
    onreceived: (r) => received.push(r),
    setTimer: (f, ms) => {
      const t = { f, ms };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => timers.splice(timers.indexOf(t as (typeof timers)[number]), 1),
  });
  sync.subscribe((v) => views.push(v));
  return { sync, timers, received, views, syncs: () => syncs };
}

const offline = new CommandError('host', 'Connecting to dav.example.org failed: refused');

describe('the sync schedule', () => {
  it('waits a minute while online, and twice as long after each failure while offline, up to a limit', () => {
    expect(nextDelay(0)).toBe(EVERY_MS);
    expect(nextDelay(1)).toBe(2 * EVERY_MS);
    expect(nextDelay(2)).toBe(4 * EVERY_MS);
    expect(nextDelay(10)).toBe(MAX_BACKOFF_MS);
  });

  it('does nothing for a site in no team', async () => {
    let syncs = 0;
    const none = new TeamSync({
      status: () => Promise.resolve(null),
      sync: () => Promise.resolve((syncs++, report())),
      onreceived: () => {},
    });
    await none.start();
    await none.syncNow();
    await none.saved();
    expect(none.view.state).toBe('none');
    expect(syncText(none.view)).toBe('');
    expect(syncs).toBe(0);
  });

  it('syncs at start, tells when colleagues’ work came in, and syncs again a minute later', async () => {
    const h = harness([report(3), report(0)]);
    await h.sync.start();
    expect(h.syncs()).toBe(1);
    expect(h.received).toEqual([report(3)]);
    expect(h.sync.view.state).toBe('synced');
    expect(h.views.map((v) => v.state)).toEqual(['none', 'synced', 'syncing', 'synced']);
    expect(h.timers.map((t) => t.ms)).toEqual([EVERY_MS]);
    h.timers[0]?.f();
    expect(h.syncs()).toBe(2);
    expect(h.received.length).toBe(1);
  });

  it('says offline and backs off while the host cannot be reached, then comes back', async () => {
    let pending = 2;
    const h = harness([offline, offline, report()], () => pending);
    await h.sync.start();
    expect(h.sync.view.state).toBe('offline');
    expect(syncText(h.sync.view)).toBe('Offline · 2 to send');
    expect(h.sync.view.problem).toMatch(/refused/);
    expect(h.timers.at(-1)?.ms).toBe(2 * EVERY_MS);
    // A save while offline is counted but does not bring the next try forward.
    pending = 3;
    await h.sync.saved();
    expect(syncText(h.sync.view)).toBe('Offline · 3 to send');
    expect(h.timers.at(-1)?.ms).toBe(2 * EVERY_MS);
    await h.sync.syncNow();
    expect(h.timers.at(-1)?.ms).toBe(4 * EVERY_MS);
    pending = 0;
    await h.sync.syncNow();
    expect(h.sync.view.state).toBe('synced');
    expect(syncText(h.sync.view)).toBe('Synced');
    expect(h.timers.at(-1)?.ms).toBe(EVERY_MS);
    expect(h.timers.length).toBe(1);
  });

  it('sends a save shortly after it, counting it meanwhile', async () => {
    let pending = 0;
    const h = harness([report()], () => pending);
    await h.sync.start();
    pending = 1;
    await h.sync.saved();
    expect(syncText(h.sync.view)).toBe('1 to send');
    expect(h.timers.map((t) => t.ms)).toEqual([AFTER_SAVE_MS]);
  });

  it('shows a key problem as stopped, not as offline', async () => {
    const h = harness([new CommandError('team_key', 'The team file x was refused')]);
    await h.sync.start();
    expect(h.sync.view.state).toBe('error');
    expect(syncText(h.sync.view)).toBe('Sync stopped');
  });

  it('runs one sync at a time: a click during a sync makes one more after it', async () => {
    const h = harness([report()]);
    await h.sync.start();
    const first = h.sync.syncNow();
    const second = h.sync.syncNow();
    await first;
    await second;
    await new Promise((r) => setTimeout(r, 0));
    expect(h.syncs()).toBe(3);
  });
});

describe('the indicator', () => {
  it('counts what is left to send', () => {
    expect(syncText(settled(status(0), false, null))).toBe('Synced');
    expect(syncText(settled(status(4), false, null))).toBe('4 to send');
    expect(syncText(settled(status(0), true, 'x'))).toBe('Offline');
  });
});
