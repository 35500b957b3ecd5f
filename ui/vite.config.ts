import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Tauri sets TAURI_ENV_PLATFORM while running `tauri dev` / `tauri build`.
const platform = process.env.TAURI_ENV_PLATFORM;
// `tauri android/ios dev` needs the dev server on a LAN address.
const host = process.env.TAURI_DEV_HOST;

export default defineConfig({
  plugins: [svelte()],
  // Relative asset URLs so the bundle works wherever Tauri serves it from.
  base: './',
  // Keep Rust errors visible when run from `tauri dev`.
  clearScreen: false,
  envPrefix: ['VITE_', 'TAURI_ENV_'],
  server: {
    port: 1420,
    strictPort: true,
    host: host || false,
    hmr: host ? { protocol: 'ws', host, port: 1421 } : undefined,
    watch: { ignored: ['**/src-tauri/**'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // WebView2 on Windows is Chromium; WKWebView / WebKitGTK elsewhere.
    target: platform === 'windows' ? 'chrome105' : 'safari13',
    // Loaded from disk by the desktop app: the app, and the editor (TipTap) as its own chunk.
    chunkSizeWarningLimit: 1000,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
