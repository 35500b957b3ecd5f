import { toCommandError } from '../lib/ipc';

/**
 * A preview that follows typing: `schedule()` renders after `delayMs` of quiet, and only the
 * newest render is shown (a slow older one arriving late is dropped).
 */
export class LivePreview {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private seq = 0;
  private disposed = false;

  constructor(
    private readonly render: () => Promise<string> | null,
    private readonly show: (html: string | null, error: string | null) => void,
    private readonly delayMs: number,
  ) {}

  /** Renders after `delay` ms of quiet (`delayMs` unless told). */
  schedule(delay = this.delayMs): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  async refresh(): Promise<void> {
    const rendering = this.render();
    if (!rendering) return;
    const seq = ++this.seq;
    try {
      const html = await rendering;
      if (seq === this.seq) this.show(html, null);
    } catch (e) {
      if (seq === this.seq) this.show(null, toCommandError(e).message);
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
