/** Where the app serves the site's files (theme assets, media and their variants). */
import { convertFileSrc } from '@tauri-apps/api/core';
import { hasBackend } from '../lib/ipc';

/**
 * `preview://localhost/` (`http://preview.localhost/` on Windows and Android), as the backend's
 * preview scheme answers it; the same default without the app (the browser tests).
 */
export function previewOrigin(): string {
  if (hasBackend()) {
    try {
      return convertFileSrc('', 'preview');
    } catch {
      // A partial IPC stand-in: fall back to the desktop default.
    }
  }
  return 'preview://localhost/';
}
