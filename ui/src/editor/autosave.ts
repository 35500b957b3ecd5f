/**
 * When to save: a second after the last change (autosave), at once on Ctrl+S (explicit), and
 * before anything that would lose the changes (flush). One save runs at a time; changes made
 * while it runs are saved after it.
 */
import type { SaveMode } from '../lib/ipc';

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

export interface AutosaverOptions {
  delayMs?: number;
  /** Saves the current state. Rejecting puts the saver in `error` until the next change or save. */
  save: (mode: SaveMode) => Promise<void>;
  onState?: (state: SaveState, error?: unknown) => void;
}

export const AUTOSAVE_DELAY_MS = 1000;

export class Autosaver {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<void> | null = null;
  #dirty = false;
  #state: SaveState = 'saved';
  #paused = false;
  readonly #delay: number;
  readonly #save: (mode: SaveMode) => Promise<void>;
  readonly #onState: (state: SaveState, error?: unknown) => void;

  constructor(options: AutosaverOptions) {
    this.#delay = options.delayMs ?? AUTOSAVE_DELAY_MS;
    this.#save = options.save;
    this.#onState = options.onState ?? (() => {});
  }

  get state(): SaveState {
    return this.#state;
  }

  /** True while there are changes no save has started on. */
  get dirty(): boolean {
    return this.#dirty;
  }

  /** Records a change and (re)starts the delay. */
  change(): void {
    this.#dirty = true;
    this.#set('pending');
    this.#clearTimer();
    if (!this.#paused) this.#timer = setTimeout(() => void this.#run('autosave'), this.#delay);
  }

  /** Saves now (Ctrl+S), even without changes. */
  saveNow(mode: SaveMode = 'explicit'): Promise<void> {
    this.#dirty = true;
    return this.#run(mode);
  }

  /** Saves pending changes at once and waits for every save to finish. */
  async flush(): Promise<void> {
    if (this.#dirty && !this.#paused) await this.#run('autosave');
    else if (this.#running) await this.#running;
  }

  /** Stops saving on its own (after a conflict) until `resume`. */
  pause(): void {
    this.#paused = true;
    this.#clearTimer();
  }

  resume(): void {
    this.#paused = false;
  }

  /** Forgets pending changes (after reloading the article). */
  reset(): void {
    this.#clearTimer();
    this.#dirty = false;
    this.#set('saved');
  }

  dispose(): void {
    this.#clearTimer();
  }

  async #run(mode: SaveMode): Promise<void> {
    this.#clearTimer();
    // Wait for the save in flight; then save whatever changed meanwhile.
    while (this.#running) await this.#running;
    if (!this.#dirty) return;
    this.#dirty = false;
    this.#set('saving');
    const run = this.#save(mode).then(
      () => {
        if (!this.#dirty) this.#set('saved');
        else this.#set('pending');
      },
      (error: unknown) => {
        this.#dirty = true;
        this.#set('error', error);
      },
    );
    this.#running = run;
    try {
      await run;
    } finally {
      this.#running = null;
    }
    if (this.#dirty && this.#state === 'pending' && !this.#paused && !this.#timer) {
      this.#timer = setTimeout(() => void this.#run('autosave'), this.#delay);
    }
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #set(state: SaveState, error?: unknown): void {
    this.#state = state;
    this.#onState(state, error);
  }
}
