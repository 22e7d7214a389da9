// A small static file server for www/, bound to 127.0.0.1 only.
//
// It serves files under the root and nothing else: the decoded path is resolved against the
// root and refused unless it stays inside it, so `..`, encoded `%2e%2e` and absolute paths
// cannot escape. Only GET and HEAD are answered. `.wasm` goes out as application/wasm, which
// WebAssembly.instantiateStreaming requires.
//
// Usage: node scripts/serve.mjs   (port from $PORT, else 8080, else any free port)

import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { isMain, ROOT } from './util.mjs';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 8080;

/** The folder the page is served from. */
export const WWW = join(ROOT, 'www');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a URL path names inside `root`, or null when it is malformed or escapes root. */
export function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    return null;
  }
  const base = resolve(root);
  const file = resolve(base, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (file !== base && !file.startsWith(base + sep)) {
    return null;
  }
  return file;
}

function statFile(file) {
  try {
    const st = statSync(file);
    if (st.isDirectory()) {
      const index = join(file, 'index.html');
      const ist = statSync(index);
      return ist.isFile() ? { file: index, size: ist.size } : null;
    }
    return st.isFile() ? { file, size: st.size } : null;
  } catch {
    return null;
  }
}

function send(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function handle(root, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'Method Not Allowed\n');
    return;
  }
  const file = resolveInside(root, req.url || '/');
  if (!file) {
    send(res, 400, 'Bad Request\n');
    return;
  }
  const found = statFile(file);
  if (!found) {
    send(res, 404, 'Not Found\n');
    return;
  }
  res.writeHead(200, {
    'Content-Type': MIME[extname(found.file).toLowerCase()] || 'application/octet-stream',
    'Content-Length': found.size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(found.file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function listen(server, port) {
  return new Promise((ok, fail) => {
    const onError = (err) => {
      server.off('listening', onListening);
      fail(err);
    };
    const onListening = () => {
      server.off('error', onError);
      ok(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, HOST);
  });
}

/**
 * Starts serving `root` (www/ by default) on 127.0.0.1:`port`; port 0 picks a free port, and a
 * busy port falls back to a free one. Resolves to `{ url, port, close() }`.
 */
export async function startServer(port = 0, { root = WWW } = {}) {
  const server = createServer((req, res) => handle(root, req, res));
  let actual;
  try {
    actual = await listen(server, port);
  } catch (err) {
    if (err.code !== 'EADDRINUSE' || port === 0) {
      throw err;
    }
    console.log(`port ${port} is busy; using a free port instead`);
    actual = await listen(server, 0);
  }
  return {
    port: actual,
    url: `http://${HOST}:${actual}/`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/** The port asked for in $PORT, or the default. */
export function requestedPort() {
  const fromEnv = Number.parseInt(process.env.PORT || '', 10);
  return Number.isInteger(fromEnv) && fromEnv >= 0 && fromEnv < 65536 ? fromEnv : DEFAULT_PORT;
}

if (isMain(import.meta.url)) {
  const { url } = await startServer(requestedPort());
  console.log(`nianbao: serving www/ at ${url}  (Ctrl+C to stop)`);
}
