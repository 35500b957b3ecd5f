import { describe, expect, it } from 'vitest';
import { Latest } from './latest';

/** A request whose answer the test gives by hand. */
function manual() {
  const calls: { input: string; answer: (r: string) => void; fail: (e: unknown) => void }[] = [];
  const run = (input: string) =>
    new Promise<string>((answer, fail) => calls.push({ input, answer, fail }));
  /** The `i`th request made. */
  const call = (i: number) => {
    const c = calls[i];
    if (!c) throw new Error(`no request ${i}`);
    return c;
  };
  return { calls, call, run };
}

const tick = () => new Promise((ok) => setTimeout(ok, 0));

describe('Latest', () => {
  it('starts the first request at once and shows its answer', async () => {
    const { calls, call, run } = manual();
    const shown: string[] = [];
    const latest = new Latest(run, (r) => shown.push(r), () => {});
    latest.request('q');
    expect(calls.map((c) => c.input)).toEqual(['q']);
    call(0).answer('hits for q');
    await tick();
    expect(shown).toEqual(['hits for q']);
  });

  it('sends only the newest input typed while a request runs, and drops older answers', async () => {
    const { calls, call, run } = manual();
    const shown: string[] = [];
    const latest = new Latest(run, (r) => shown.push(r), () => {});
    latest.request('q');
    latest.request('qu');
    latest.request('quo');
    expect(calls.map((c) => c.input)).toEqual(['q']);
    call(0).answer('hits for q');
    await tick();
    expect(calls.map((c) => c.input)).toEqual(['q', 'quo']);
    call(1).answer('hits for quo');
    await tick();
    expect(shown).toEqual(['hits for quo']);
  });

  it('drops answers and errors after cancel, and starts afresh', async () => {
    const { calls, call, run } = manual();
    const shown: string[] = [];
    const errors: unknown[] = [];
    const latest = new Latest(run, (r) => shown.push(r), (e) => errors.push(e));
    latest.request('q');
    latest.cancel();
    call(0).fail(new Error('gone'));
    await tick();
    expect(errors).toEqual([]);
    latest.request('r');
    expect(calls.map((c) => c.input)).toEqual(['q', 'r']);
    call(1).fail(new Error('broken'));
    await tick();
    expect(shown).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});
