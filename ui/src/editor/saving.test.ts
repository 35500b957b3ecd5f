import { describe, expect, it, vi } from 'vitest';
import { CommandError } from '../lib/ipc';
import { Autosaver } from './autosave';
import { refused, saveBeforeLeaving, takeSaved } from './saving';

const item = () => ({ slug: 'a', version: 1, updated_at: 't1', updated_by: 'Ann' });

describe('saving', () => {
  it('takes over the version and the slug the app chose, unless the slug changed meanwhile', () => {
    const open = item();
    takeSaved(open, item(), { slug: 'a-2', version: 2, updated_at: 't2', updated_by: 'Ben' });
    expect(open).toEqual({ slug: 'a-2', version: 2, updated_at: 't2', updated_by: 'Ben' });
    const typed = { ...item(), slug: 'typed-meanwhile' };
    takeSaved(typed, item(), { slug: 'a-2', version: 2, updated_at: 't2', updated_by: 'Ben' });
    expect(typed.slug).toBe('typed-meanwhile');
    expect(typed.version).toBe(2);
  });

  it('pauses saving on a conflict and reports anything else on the form', async () => {
    const save = vi.fn(() => Promise.resolve());
    const autosaver = new Autosaver({ save, onState: () => {}, delayMs: 1 });
    const conflict = refused(new CommandError('conflict', 'Ann saved it.'), autosaver);
    expect(conflict).toMatchObject({ conflict: 'Ann saved it.', formError: null });
    autosaver.change();
    await autosaver.flush();
    expect(save).not.toHaveBeenCalled();
    const other = refused({ code: 'invalid', message: 'The title is empty.' }, autosaver);
    expect(other).toMatchObject({ conflict: null, formError: 'The title is empty.' });
    expect(other.error.code).toBe('invalid');
  });

  it('leaves once what is pending is saved, and asks when the save fails', async () => {
    let fail = false;
    const autosaver = new Autosaver({
      save: () => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve()),
      onState: () => {},
      delayMs: 1000,
    });
    const ask = vi.fn(() => false);
    autosaver.change();
    expect(await saveBeforeLeaving(autosaver, 'Leave?', ask)).toBe(true);
    expect(ask).not.toHaveBeenCalled();
    fail = true;
    autosaver.change();
    expect(await saveBeforeLeaving(autosaver, 'Leave?', ask)).toBe(false);
    expect(ask).toHaveBeenCalledWith('Leave?');
  });
});
