// The real-player harness: a page server for the player pages (and the built widget), Chromium
// launched as the project launches it, a DevTools-style console recorder, one capture per
// player x scenario (console text, HAR, the error object), and a reader of the widget's findings.
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DIST = resolve(process.env.AMS_DIST || join(ROOT, 'dist'));
export const OUT = resolve(process.env.PLAYERS_OUT || join(tmpdir(), 'ams-errors-players'));
const PAGES = join(ROOT, 'tests/players/pages');
const MODULES = join(ROOT, 'node_modules');

/** The players: each page loads `lib` (from node_modules, served as /lib/<file name>) and `script`. */
export const PLAYERS = [
  { id: 'hlsjs', name: 'hls.js', pkg: 'hls.js', format: 'hls', lib: 'hls.js/dist/hls.js', script: 'hlsjs-page.js' },
  { id: 'shaka', name: 'Shaka Player', pkg: 'shaka-player', format: 'dash', lib: 'shaka-player/dist/shaka-player.compiled.debug.js', script: 'shaka-page.js' },
  { id: 'dashjs', name: 'dash.js', pkg: 'dashjs', format: 'dash', lib: 'dashjs/dist/modern/umd/dash.all.debug.js', script: 'dashjs-page.js' },
  { id: 'videojs', name: 'video.js (VHS)', pkg: 'video.js', format: 'hls', lib: 'video.js/dist/video.js', css: 'video.js/dist/video-js.css', script: 'videojs-page.js' },
];
export const CAPTURES = ['console', 'har', 'error'];
export const captureFile = (player, scenario, kind) => `${player}-${scenario}.${kind === 'error' ? 'error.json' : kind === 'har' ? 'har' : 'console.txt'}`;

export function version(pkg) {
  return JSON.parse(readFileSync(join(MODULES, pkg, 'package.json'), 'utf8')).version;
}

/** Fail with a clear message when something the run needs is missing. */
export function requirements() {
  const missing = [];
  if (!existsSync(join(DIST, 'index.html')) || !existsSync(join(DIST, 'embed.js'))) {
    missing.push(`the built widget (${DIST}/index.html, embed.js): run \`source scripts/env.sh && trunk build --release --offline\` or set AMS_DIST`);
  }
  for (const p of PLAYERS) {
    for (const f of [p.lib, p.css].filter(Boolean)) if (!existsSync(join(MODULES, f))) missing.push(`node_modules/${f}: run \`npm ci\``);
  }
  const exe = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(exe)) missing.push(`${exe}: run \`scripts/setup.sh --browser\``);
  if (missing.length) throw new Error('cannot run the player tests; missing:\n  ' + missing.join('\n  '));
}

// ---- Chromium --------------------------------------------------------------------------------

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true, // playwright passes --headless; it also gives each launch a fresh user-data-dir
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
      // No omnibox popup page loading in the background (see tests/e2e/helpers.mjs).
      '--disable-features=WebUIOmniboxPopup',
      // Everything is on 127.0.0.1: any other host fails at once instead of waiting on a network.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

// ---- the page server: player pages, their libraries, the built widget --------------------------

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json',
};

function playerPage(p) {
  const file = p.lib.split('/').pop();
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${p.name} ${version(p.pkg)}</title><link rel="icon" href="data:,">
${p.css ? `<link rel="stylesheet" href="/lib/${p.css.split('/').pop()}">` : ''}
</head><body>
<video id="video" class="video-js" muted playsinline width="320" height="240"></video>
<script src="/lib/${file}"></script>
<script src="/players/common.js"></script>
<script src="/players/${p.script}"></script>
</body></html>
`;
}

/**
 *   /players/<id>.html?src=URL  a player page;  /players/*.js  tests/players/pages/
 *   /lib/<file>                 a player library from node_modules
 *   /widget/*                   the built widget (AMS_DIST)
 */
export async function startPageServer() {
  const libs = new Map();
  for (const p of PLAYERS) for (const f of [p.lib, p.css].filter(Boolean)) libs.set(f.split('/').pop(), join(MODULES, f));
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const headers = { 'Cache-Control': 'no-store' };
    const notFound = () => res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
    let file = null;
    let m;
    if ((m = /^\/players\/([a-z]+)\.html$/.exec(path))) {
      const p = PLAYERS.find((x) => x.id === m[1]);
      if (!p) return notFound();
      res.writeHead(200, { ...headers, 'Content-Type': TYPES['.html'] }).end(playerPage(p));
      return;
    } else if ((m = /^\/players\/([\w-]+\.js)$/.exec(path))) {
      file = join(PAGES, m[1]);
    } else if ((m = /^\/lib\/([\w.-]+)$/.exec(path))) {
      file = libs.get(m[1]);
    } else if (path.startsWith('/widget/')) {
      const f = normalize(join(DIST, path.slice('/widget/'.length) || 'index.html'));
      if (f === DIST || f.startsWith(DIST + sep)) file = f;
    }
    if (!file) return notFound();
    try {
      if (!(await stat(file)).isFile()) return notFound();
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' }).end(body);
    } catch {
      notFound();
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise((ok, no) => server.once('error', no).listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

// ---- the console, as DevTools shows it ---------------------------------------------------------

const base = (url) => {
  if (!url) return '';
  try {
    const u = new URL(url);
    return u.pathname.split('/').pop() || u.host;
  } catch {
    return url;
  }
};
const frameLoc = (f) => (f && f.url ? `${base(f.url)}:${f.lineNumber + 1}` : '');

/** One property of an object preview, as in DevTools' collapsed line. */
function propText(p) {
  switch (p.type) {
    case 'string': return `'${p.value}'`;
    case 'function': return 'ƒ';
    case 'undefined': return 'undefined';
    case 'accessor': return '(...)';
    case 'object':
      if (p.subtype === 'null') return 'null';
      if (p.valuePreview) return previewText(p.valuePreview, true);
      if (p.subtype === 'array' || p.subtype === 'error' || p.subtype === 'node') return p.value;
      return p.value && p.value !== 'Object' ? p.value : '{…}';
    default: return String(p.value);
  }
}

function previewText(pv, nested = false) {
  if (pv.subtype === 'array' || pv.subtype === 'typedarray') {
    const items = pv.properties.map(propText);
    const len = /\((\d+)\)/.exec(pv.description || '');
    return `${len && !nested ? `(${len[1]}) ` : ''}[${items.join(', ')}${pv.overflow ? ', …' : ''}]`;
  }
  if (nested && pv.type === 'object' && !pv.properties.length) return pv.description === 'Object' ? '{}' : pv.description;
  const name = pv.description && pv.description !== 'Object' ? pv.description + ' ' : '';
  const props = pv.properties.map((p) => `${/^[A-Za-z_$][\w$]*$/.test(p.name) ? p.name : `'${p.name}'`}: ${propText(p)}`);
  if (pv.entries) props.push(...pv.entries.map((e) => `${e.key ? previewText(e.key, true) + ' => ' : ''}${previewText(e.value, true)}`));
  return `${name}{${props.join(', ')}${pv.overflow ? ', …' : ''}}`;
}

/** A console argument (a CDP RemoteObject) as DevTools prints it on the collapsed line. */
function argText(a, top = true) {
  if (a.type === 'string') return top ? a.value : `'${a.value}'`;
  if (a.type === 'undefined') return 'undefined';
  if (a.unserializableValue) return a.unserializableValue;
  if (a.type === 'object') {
    if (a.subtype === 'null') return 'null';
    if (a.subtype === 'error') return a.description;
    if (a.preview) return previewText(a.preview);
    return a.description;
  }
  if (a.type === 'function') return a.description;
  return a.value === undefined ? a.description : String(a.value);
}

/** console.log's format string: %s %d %i %f %o %O %c, then the remaining arguments. */
function formatArgs(args) {
  if (!args.length) return '';
  const rest = [...args];
  let head = '';
  if (rest[0].type === 'string' && /%[sdifoOc]/.test(rest[0].value)) {
    const fmt = rest.shift().value;
    head = fmt.replace(/%([sdifoOc%])/g, (all, k) => {
      if (k === '%') return '%';
      if (k === 'c') {
        rest.shift();
        return '';
      }
      const a = rest.shift();
      if (!a) return all;
      if (k === 'd' || k === 'i') return a.type === 'number' ? String(Math.trunc(a.value)) : 'NaN';
      if (k === 'f') return a.type === 'number' ? String(a.value) : 'NaN';
      return argText(a, k === 's');
    });
    return [head, ...rest.map((a) => argText(a))].join(' ');
  }
  return rest.map((a) => argText(a)).join(' ');
}

const STATUS_TEXT = { 200: 'OK', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 410: 'Gone', 412: 'Precondition Failed', 415: 'Unsupported Media Type', 500: 'Internal Server Error', 503: 'Service Unavailable' };
const TYPE = { warning: 'warn', startGroup: 'group', startGroupCollapsed: 'group', endGroup: 'groupEnd' };

/**
 * Record a page's console through its own DevTools session: console API calls (with object
 * previews), uncaught exceptions and the browser's own entries (failed requests, CORS blocks).
 * Resolves to { lines() } giving `<file>:<line> [type] text` lines (the location when there is one),
 * a failed request written as DevTools writes it: `GET <url> 412 (Precondition Failed)`.
 */
export async function recordConsole(page) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  const requests = new Map();
  cdp.on('Runtime.consoleAPICalled', (e) => events.push({ kind: 'api', e }));
  cdp.on('Runtime.exceptionThrown', (e) => events.push({ kind: 'exception', e }));
  cdp.on('Log.entryAdded', (e) => events.push({ kind: 'log', e: e.entry }));
  cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, { method: e.request.method, url: e.request.url, initiator: e.initiator }));
  cdp.on('Network.responseReceived', (e) => Object.assign(requests.get(e.requestId) || {}, { status: e.response.status, statusText: e.response.statusText || STATUS_TEXT[e.response.status] }));
  // A response the browser blocked (CORS) has no responseReceived; its status comes with the extra info.
  cdp.on('Network.responseReceivedExtraInfo', (e) => {
    const r = requests.get(e.requestId);
    if (r && !r.status) Object.assign(r, { status: e.statusCode, statusText: /^HTTP\/[\d.]+ \d+ (.*)/.exec(e.headersText || '')?.[1]?.trim() || STATUS_TEXT[e.statusCode] });
  });
  cdp.on('Network.loadingFailed', (e) => Object.assign(requests.get(e.requestId) || {}, { errorText: e.errorText }));
  await Promise.all([cdp.send('Runtime.enable'), cdp.send('Log.enable'), cdp.send('Network.enable')]);

  const render = ({ kind, e }) => {
    if (kind === 'api') {
      const type = TYPE[e.type] || e.type;
      if (type === 'groupEnd') return null;
      return { loc: frameLoc(e.stackTrace && e.stackTrace.callFrames[0]), type, text: formatArgs(e.args) };
    }
    if (kind === 'exception') {
      const d = e.exceptionDetails;
      const text = d.exception ? d.exception.description || argText(d.exception) : d.text;
      return { loc: frameLoc(d.stackTrace && d.stackTrace.callFrames[0]) || (d.url ? `${base(d.url)}:${d.lineNumber + 1}` : ''), type: 'error', text: `Uncaught ${text}` };
    }
    const type = e.level === 'warning' ? 'warn' : e.level === 'verbose' ? 'debug' : e.level;
    const r = e.networkRequestId && requests.get(e.networkRequestId);
    if (r && e.source === 'network') {
      // DevTools shows a failed request as the request line and where the script made it.
      const frames = (r.initiator && r.initiator.stack && r.initiator.stack.callFrames) || [];
      const status = r.status ? ` ${r.status} (${r.statusText || ''})` : '';
      const err = r.errorText && r.errorText !== 'net::ERR_ABORTED' ? ` ${r.errorText}` : '';
      return { loc: frameLoc(frames[0]), type, text: `${r.method} ${r.url}${err}${status}` };
    }
    const frames = (e.stackTrace && e.stackTrace.callFrames) || [];
    return { loc: frameLoc(frames[0]) || (e.url && e.source !== 'network' ? `${base(e.url)}:${(e.lineNumber || 0) + 1}` : ''), type, text: e.text };
  };
  return {
    lines: () =>
      events
        .map(render)
        .filter(Boolean)
        .map((l) => `${l.loc ? l.loc + ' ' : ''}[${l.type}] ${l.text}`),
    detach: () => cdp.detach().catch(() => {}),
  };
}

// ---- one capture -------------------------------------------------------------------------------

export function freshOut() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  return OUT;
}

/**
 * Play `src` in `player`'s page, wait for its fatal error (`timeout` ms), and save the three
 * captures to OUT. Resolves to { files: {console, har, error}, error (the JSON text or null),
 * lines, ms }.
 */
export async function capture(browser, pages, player, scenario, src, { timeout = 10000 } = {}) {
  const t0 = Date.now();
  const files = Object.fromEntries(CAPTURES.map((k) => [k, join(OUT, captureFile(player.id, scenario.id, k))]));
  const context = await browser.newContext({ recordHar: { path: files.har, content: 'embed' }, viewport: { width: 640, height: 480 } });
  let con;
  let error = null;
  let problem = null;
  try {
    const page = await context.newPage();
    con = await recordConsole(page);
    await page.goto(`${pages.origin}/players/${player.id}.html?src=${encodeURIComponent(src)}`);
    try {
      await page.waitForFunction(() => window.__playerError !== null, null, { timeout, polling: 50 });
      error = await page.evaluate(() => window.__playerError);
    } catch {
      problem = `no fatal error from ${player.name} within ${timeout} ms`;
    }
    await page.waitForTimeout(250); // the browser's own console entries for the failed request
  } finally {
    const lines = con ? con.lines() : [];
    writeFileSync(files.console, lines.join('\n') + '\n');
    writeFileSync(files.error, (error ?? 'null') + '\n');
    await con?.detach();
    await context.close(); // writes the HAR
  }
  return { files, error, problem, ms: Date.now() - t0 };
}

// ---- the widget ----------------------------------------------------------------------------------

const HOST = '#ams-errors';

function widgetRead(page) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel)?.shadowRoot;
    if (!root) return { mounted: false, findings: [], noMatch: false, length: -1 };
    const box = root.querySelector('[data-testid="query"]');
    return {
      mounted: !!box,
      length: box ? box.value.length : -1,
      noMatch: !!root.querySelector('[data-testid="no-match"]'),
      findings: [...root.querySelectorAll('[data-testid="finding"]')].map((f) => ({
        kind: f.getAttribute('data-kind'),
        code: f.getAttribute('data-code'),
        status: f.getAttribute('data-status'),
        hresult: f.getAttribute('data-hresult'),
      })),
    };
  }, HOST);
}

async function until(page, pred, what, timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await widgetRead(page);
    if (pred(s)) return s;
    if (Date.now() > end) throw new Error(`widget: timed out waiting for ${what}; it shows ${JSON.stringify(s).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

/** The built widget's standalone page (dist/index.html), ready for pastes. */
export async function openWidget(browser, pages) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(String(e && (e.stack || e.message || e))));
  await page.goto(`${pages.origin}/widget/index.html`);
  await until(page, (s) => s.mounted, 'the widget to mount');
  page.problems = problems;
  return page;
}

/** Paste `text` into the widget (set the value, dispatch a paste `input`), and read its findings. */
export async function paste(page, text) {
  const set = (t) =>
    page.evaluate(
      ([sel, t]) => {
        const box = document.querySelector(sel).shadowRoot.querySelector('[data-testid="query"]');
        box.value = t;
        box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: t ? 'insertFromPaste' : 'deleteContentBackward' }));
      },
      [HOST, t],
    );
  await set('');
  await until(page, (s) => s.length === 0 && !s.findings.length && !s.noMatch, 'the box to clear');
  await set(text);
  const s = await until(page, (x) => x.length > 0 && (x.findings.length > 0 || x.noMatch), 'findings or no-match');
  return s.findings;
}
