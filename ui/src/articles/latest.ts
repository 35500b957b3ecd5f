/**
 * Runs a request for the newest input only, without waiting for the typing to pause: the
 * first request starts at once; while one runs, only the newest input since then waits for
 * it (the ones in between are never sent). An answer for an input that was replaced, or
 * cancelled, is dropped.
 */
export class Latest<Q, R> {
  private running = false;
  private next: { input: Q } | null = null;
  private seq = 0;

  constructor(
    private readonly run: (input: Q) => Promise<R>,
    private readonly done: (result: R) => void,
    private readonly failed: (error: unknown) => void,
  ) {}

  request(input: Q): void {
    this.seq += 1;
    this.next = { input };
    if (!this.running) void this.pump();
  }

  /** Drops the waiting input and any answer still to come. */
  cancel(): void {
    this.seq += 1;
    this.next = null;
  }

  private async pump(): Promise<void> {
    this.running = true;
    while (this.next) {
      const { input } = this.next;
      this.next = null;
      const seq = this.seq;
      try {
        const result = await this.run(input);
        if (seq === this.seq) this.done(result);
      } catch (e) {
        if (seq === this.seq) this.failed(e);
      }
    }
    this.running = false;
  }
}
