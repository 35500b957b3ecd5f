/** The window: closing it only once the editor has saved what is pending. */
import { listen } from '@tauri-apps/api/event';
import { commands, run } from './core';

/**
 * From now on, closing the window first asks `mayClose` (the editor saves what is pending);
 * the window closes only when it answers yes.
 */
export async function guardClose(mayClose: () => Promise<boolean>): Promise<void> {
  await listen('masthead://close-requested', () => {
    void mayClose().then((yes) => (yes ? run(() => commands.closeWindow()) : null));
  });
  await run(() => commands.guardClose());
}
