// The built UI on 127.0.0.1 for the WebKit benches, with a script that mocks Tauri's IPC
// loaded before the app.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const UI = fileURLToPath(new URL('..', import.meta.url));
const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/**
 * Builds the UI and serves it; `/mock.js` answers `mock(origin)`, and `extra` may answer
 * other paths (with a body and its extension).
 * @param {(origin: string) => string} mock
 * @param {(path: string) => [string, string | Buffer] | null} [extra]
 * @returns {Promise<{ url: string, origin: string, close: () => void }>}
 *   `url` opens the app; `origin` is the same server under another name (another origin, as
 *   `preview://localhost` is in the app).
 */
export async function serveUi(mock, extra = () => null) {
  const out = mkdtempSync(join(tmpdir(), 'masthead-bench-'));
  await build({ root: UI, logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
  let origin = '';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (/** @type {string} */ ext, /** @type {string | Buffer} */ body) =>
      res.writeHead(200, { 'content-type': MIME[/** @type {keyof MIME} */ (ext)] ?? 'text/plain' }).end(body);
    try {
      if (path === '/mock.js') return void send('.js', mock(origin));
      const answer = extra(path);
      if (answer) return void send(answer[0], answer[1]);
      const file = join(out, path === '/' ? 'index.html' : path);
      let body = readFileSync(file);
      if (path === '/') body = Buffer.from(body.toString().replace('<head>', '<head><script src="./mock.js"></script>'));
      send(extname(file), body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://localhost:${port}`;
  return {
    url: `http://127.0.0.1:${port}/`,
    origin,
    close: () => {
      server.close();
      rmSync(out, { recursive: true, force: true });
    },
  };
}
