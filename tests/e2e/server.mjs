// A tiny static server for the embedding tests: node:http on 127.0.0.1, an ephemeral port.
//   /help/ams-errors/*  -> dist/       (the widget, served from a sub-path as a help site would)
//   /*                  -> examples/   (the host pages)
// It records every request path (so a test can check the wasm is fetched once), can add the CORS
// header a cross-origin host needs, and can rewrite a placeholder origin in the example pages.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
// AMS_DIST serves another build in its place (relative to the repo root, or absolute).
export const DIST = resolve(ROOT, process.env.AMS_DIST || 'dist');
export const EXAMPLES = join(ROOT, 'examples');
export const SUBPATH = '/help/ams-errors/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Fail with a clear message when dist/ has not been built. */
export function requireDist() {
  if (!existsSync(join(DIST, 'index.html')) || !existsSync(join(DIST, 'embed.js'))) {
    throw new Error(
      `${relative(ROOT, DIST) || DIST}/ is not built (no ${join(DIST, 'index.html')} or embed.js): run ` +
        '`source scripts/env.sh && trunk build --release --offline` first (scripts/test.sh does).',
    );
  }
}

/**
 * Start a server. Options:
 *   cors:     value of Access-Control-Allow-Origin to send with every response (or none)
 *   examples: serve examples/ at / (default true)
 *   dist:     serve dist/ under /help/ams-errors/ (default true)
 *   rewrite:  [from, to] - replace `from` with `to` in the example pages served (cross-origin demo)
 *   port:     port to listen on (default 0: an ephemeral one)
 * Resolves to { origin, url(path), requests, set(options), close() }; `requests` lists every path
 * asked for; set() changes options of the running server (e.g. cors, once the host origin is known).
 */
export async function startServer(options = {}) {
  requireDist();
  const opts = { cors: null, examples: true, dist: true, rewrite: null, port: 0, ...options };
  const requests = [];
  const server = createServer(async (req, res) => {
    const { cors, examples, dist, rewrite } = opts;
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (cors) headers['Access-Control-Allow-Origin'] = cors;
    let base = null;
    let rel = null;
    if (dist && path.startsWith(SUBPATH)) {
      base = DIST;
      rel = path.slice(SUBPATH.length) || 'index.html';
    } else if (examples && !path.startsWith(SUBPATH)) {
      base = EXAMPLES;
      rel = path.slice(1) || 'index.html';
    }
    const file = base && normalize(join(base, rel));
    if (!file || !(file === base || file.startsWith(base + sep))) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      let body = await readFile(file);
      const ext = extname(file);
      if (rewrite && base === EXAMPLES && ext === '.html') {
        body = Buffer.from(body.toString('utf8').replaceAll(rewrite[0], rewrite[1]));
      }
      headers['Content-Type'] = TYPES[ext] || 'application/octet-stream';
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, headers).end('not found');
    }
  });
  await new Promise((ok) => server.listen(opts.port, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    requests,
    url: (p) => origin + p,
    set: (more) => Object.assign(opts, more),
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

// `node tests/e2e/server.mjs [port]`: serve the examples by hand (http://127.0.0.1:<port>/plain.html).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] || 8090);
  requireDist();
  const s = await startServer({ port });
  console.log(`examples at ${s.origin}/plain.html (dist/ at ${s.origin}${SUBPATH}); Ctrl-C stops`);
}
