import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveMode } from '../lib/ipc';
import { Autosaver, type SaveState } from './autosave';

function setup(saveImpl?: (mode: SaveMode) => Promise<void>) {
  const saves: SaveMode[] = [];
  const states: SaveState[] = [];
  const saver = new Autosaver({
    delayMs: 1000,
    save: (mode) => {
      saves.push(mode);
      return saveImpl ? saveImpl(mode) : Promise.resolve();
    },
    onState: (s) => states.push(s),
  });
  return { saver, saves, states };
}

describe('Autosaver', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once, a second after typing stops', async () => {
    const { saver, saves, states } = setup();
    saver.change();
    await vi.advanceTimersByTimeAsync(600);
    saver.change();
    await vi.advanceTimersByTimeAsync(600);
    saver.change();
    await vi.advanceTimersByTimeAsync(999);
    expect(saves).toEqual([]);
    expect(saver.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(saves).toEqual(['autosave']);
    expect(saver.state).toBe('saved');
    expect(states).toContain('saving');
  });

  it('saves at once on Ctrl+S and cancels the pending autosave', async () => {
    const { saver, saves } = setup();
    saver.change();
    await saver.saveNow();
    expect(saves).toEqual(['explicit']);
    await vi.advanceTimersByTimeAsync(5000);
    expect(saves).toEqual(['explicit']);
  });

  it('flushes pending changes and does nothing when clean', async () => {
    const { saver, saves } = setup();
    await saver.flush();
    expect(saves).toEqual([]);
    saver.change();
    await saver.flush();
    expect(saves).toEqual(['autosave']);
    expect(saver.dirty).toBe(false);
  });

  it('runs one save at a time and saves changes made during a save afterwards', async () => {
    let release: () => void = () => {};
    const { saver, saves } = setup(
      (mode) =>
        new Promise<void>((ok) => {
          release = ok;
          void mode;
        }),
    );
    saver.change();
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves).toHaveLength(1);
    saver.change();
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves).toHaveLength(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(saves).toHaveLength(2);
    expect(saver.state).toBe('saving');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.state).toBe('saved');
  });

  it('reports errors and keeps the changes for the next try', async () => {
    let fail = true;
    const { saver, saves } = setup(() =>
      fail ? Promise.reject(new Error('disk full')) : Promise.resolve(),
    );
    saver.change();
    await vi.advanceTimersByTimeAsync(1000);
    expect(saver.state).toBe('error');
    expect(saver.dirty).toBe(true);
    fail = false;
    await saver.flush();
    expect(saves).toHaveLength(2);
    expect(saver.state).toBe('saved');
  });

  it('does not autosave while paused', async () => {
    const { saver, saves } = setup();
    saver.pause();
    saver.change();
    await vi.advanceTimersByTimeAsync(5000);
    await saver.flush();
    expect(saves).toEqual([]);
    saver.resume();
    saver.reset();
    expect(saver.state).toBe('saved');
  });
});
