// First-view benchmark (a report, not a test: it always exits 0). How soon is the widget usable on
// a slow phone-class connection, next to a bare Yew hello-world built the same way?
//
// Both builds are served from one local HTTP server with gzip (node's zlib), and each page is
// loaded in headless Chromium in a fresh context with, over CDP, slow-4G network emulation
// (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up), CPU throttling x4 and the cache disabled.
// The loads alternate (bare, widget, widget deep link, order rotated each round), N times each,
// after one warm-up load of each that is not counted. Measured, from navigation start
// (performance.now() in the page, so the polling itself adds at most one 10 ms step):
//   box usable     a [data-testid="query"] textarea (searched in open shadow roots too) exists,
//                  is visible and enabled, and a character typed into it (a real key event over
//                  CDP) is in its value
//   first finding  (widget only) index.html#code=415 shows a visible [data-testid="finding"]
// and the bytes transferred per load (CDP encodedDataLength: headers plus gzipped bodies).
// A typed character that lands and then goes again (the page reset its box after showing it) is
// counted as lost, and the box is timed from the next character that stays (checked 250 ms on).
// FIRST_VIEW_DEBUG=1 prints, per load, when the box was first seen, the keys typed and lost.
//
// Build the baseline once (from /work/main; a few minutes, it compiles yew):
//   source scripts/env.sh && cd benches/first-view/bare &&
//   CARGO_TARGET_DIR=/tmp/bare-target trunk build --release --offline --dist /tmp/bare-dist
// then, with the widget built in dist/ (trunk build --release):
//   node benches/first-view/run.mjs [--dist <widget dist>] [--bare <bare dist>] [--runs 7]
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '../..');

const GOAL_BOX = 1.1; // widget box usable / bare box usable
const GOAL_DEEP = 1.6; // widget deep-link first finding / bare box usable
const NETWORK = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 }; // bytes/s
const CPU_RATE = 4;
const TIMEOUT_MS = 90_000;
const POLL_MS = 10;

function parseArgs(argv) {
  const bareDefault = existsSync(join(HERE, 'bare/dist/index.html')) ? join(HERE, 'bare/dist') : '/tmp/bare-dist';
  const out = { dist: join(ROOT, 'dist'), bare: bareDefault, runs: 7, warmup: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (flag === '--dist') out.dist = resolve(value());
    else if (flag === '--bare') out.bare = resolve(value());
    else if (flag === '--runs') out.runs = Math.max(1, Number(value()) | 0);
    else if (flag === '--warmup') out.warmup = Math.max(0, Number(value()) | 0);
    else if (flag === '--help' || flag === '-h') {
      console.log('node benches/first-view/run.mjs [--dist <widget dist>] [--bare <bare dist>] [--runs N] [--warmup N]');
      process.exit(0);
    } else console.warn(`ignoring unknown argument ${argv[i]}`);
  }
  return out;
}

// ---- the server: /widget/* from the widget's dist, /bare/* from the bare page's, gzipped ----

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};
const GZIP = new Set(['.html', '.js', '.mjs', '.wasm', '.css']);

async function startServer(roots) {
  const cache = new Map(); // file -> gzipped body, compressed once so the server's CPU is not measured
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [, name, rest] = path.match(/^\/([^/]+)\/(.*)$/) || [];
    const base = roots[name];
    const headers = { 'Cache-Control': 'no-store' };
    const file = base && normalize(join(base, rest || 'index.html'));
    if (!file || !file.startsWith(base + sep)) return res.writeHead(404, headers).end('not found');
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const ext = extname(file);
      let body = await readFile(file);
      if (GZIP.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        if (!cache.has(file)) cache.set(file, gzipSync(body));
        body = cache.get(file);
        headers['Content-Encoding'] = 'gzip';
        headers.Vary = 'Accept-Encoding';
      }
      headers['Content-Type'] = TYPES[ext] || 'application/octet-stream';
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, headers).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    close: () => new Promise((ok) => (server.closeAllConnections(), server.close(() => ok()))),
  };
}

// ---- in-page probes (run by page.evaluate; they search open shadow roots too) ----

const FIND_BOX = () => {
  const deepAll = (root, sel, out = []) => {
    out.push(...root.querySelectorAll(sel));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) deepAll(el.shadowRoot, sel, out);
    return out;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0)) return false;
    return el.checkVisibility ? el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) : true;
  };
  const box = deepAll(document, 'textarea[data-testid="query"]').find((el) => visible(el) && !el.disabled && !el.readOnly);
  if (!box) return null;
  box.focus();
  let active = document.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
  if (active !== box) return null;
  if (window.__firstViewBox !== box) {
    window.__firstViewBox = box;
    box.addEventListener('input', () => window.__firstViewKeys.push(performance.now()));
  }
  window.__firstViewKeys = [];
  return { seen: performance.now(), before: box.value };
};

// After a typed 'x': the time it is seen in the box, or `lost` when its input event fired but the
// box no longer holds it (the page reset the box), or null while the key is still on its way.
const LANDED = (before) => {
  const box = window.__firstViewBox;
  if (box && box.isConnected && box.value !== before && box.value.includes('x'))
    return { t: performance.now(), input: window.__firstViewKeys.length ? window.__firstViewKeys[0] : null };
  return window.__firstViewKeys.length || !(box && box.isConnected) ? { lost: performance.now() } : null;
};

const FIND_FINDING = () => {
  const deepAll = (root, sel, out = []) => {
    out.push(...root.querySelectorAll(sel));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) deepAll(el.shadowRoot, sel, out);
    return out;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0)) return false;
    return el.checkVisibility ? el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) : true;
  };
  const f = deepAll(document, '[data-testid="finding"]').find(visible);
  return f ? { t: performance.now(), code: f.getAttribute('data-code') } : null;
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** page.evaluate that treats a context torn down mid-navigation as "not yet". */
async function tryEval(page, fn, arg) {
  try {
    return await page.evaluate(fn, arg);
  } catch (e) {
    if (/context was destroyed|navigat|Target closed|has been closed/i.test(String(e))) return null;
    throw e;
  }
}

// ---- one load ----

async function load(browser, url, kind) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const bytes = new Map(); // requestId -> encodedDataLength
    const urls = new Map();
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e.message || e)));

    await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    const end = Date.now() + TIMEOUT_MS;
    let result = null;
    let firstSeen = null; // when the box first looked usable
    let attempts = 0; // characters typed (more than one: an earlier one did not stay in the box)
    const lost = []; // when a typed character was seen to have gone from the box again
    while (!result && Date.now() < end) {
      if (kind === 'box') {
        const found = await tryEval(page, FIND_BOX);
        if (found) {
          firstSeen ??= found.seen;
          attempts++;
          const typed = performance.now();
          await page.keyboard.type('x');
          const sent = performance.now() - typed;
          // The key event is handled on the page's main thread: give it a few polls to land.
          for (let i = 0; i < 100; i++) {
            const t = await tryEval(page, LANDED, found.before);
            if (t && t.lost != null) {
              lost.push(t.lost);
              break; // type again at once
            }
            if (t != null) {
              // Still there a moment later? (A page that resets its box after showing it loses it.)
              await sleep(250);
              const again = await tryEval(page, LANDED, found.before);
              if (again && again.t != null) result = { ms: t.t, seen: found.seen, firstSeen, attempts, lost, input: t.input, sent };
              else lost.push(again && again.lost != null ? again.lost : t.t);
              break;
            }
            await sleep(POLL_MS);
          }
        }
      } else {
        const f = await tryEval(page, FIND_FINDING);
        if (f) result = { ms: f.t, code: f.code };
      }
      if (!result) await sleep(POLL_MS);
    }
    // Count everything the first view fetched: wait for the load event and a quiet moment.
    await page.waitForLoadState('load', { timeout: TIMEOUT_MS }).catch(() => {});
    await sleep(300);
    const total = [...bytes.values()].reduce((a, b) => a + b, 0);
    const files = [...bytes.entries()].map(([id, n]) => [urls.get(id) || id, n]);
    return { ...(result || { ms: null }), bytes: total, requests: bytes.size, files, errors };
  } finally {
    await context.close();
  }
}

// ---- report ----

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const DEBUG = !!process.env.FIRST_VIEW_DEBUG;
/** FIRST_VIEW_DEBUG=1: what happened in one box load. */
const detail = (r) =>
  r.firstSeen == null
    ? r.code ? ` [${r.code}]` : ''
    : ` [box first seen ${ms(r.firstSeen)}, ${r.attempts} typed, input event ${ms(r.input)}, ` +
      `key sent in ${ms(r.sent)}${r.lost.length ? `, lost at ${r.lost.map(ms).join(', ')}` : ''}]`;
const ms = (x) => (x == null ? '—' : `${Math.round(x)} ms`);
const kb = (n) => (n == null ? '—' : `${(n / 1024).toFixed(1)} KiB`);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const missing = [];
  if (!existsSync(join(opts.dist, 'index.html')) || !existsSync(join(opts.dist, 'embed.js')))
    missing.push(`the widget is not built in ${opts.dist} (no index.html or embed.js): run trunk build --release first`);
  if (!existsSync(join(opts.bare, 'index.html')))
    missing.push(
      `the bare page is not built in ${opts.bare}: from /work/main run\n    source scripts/env.sh && cd benches/first-view/bare && ` +
        `CARGO_TARGET_DIR=/tmp/bare-target trunk build --release --offline --dist ${opts.bare}`,
    );
  if (missing.length) {
    console.log(`first-view: nothing measured:\n  ${missing.join('\n  ')}`);
    return;
  }

  // Serve copies taken now, so a rebuild of dist/ during the run cannot change or break it.
  const snap = await mkdtemp(join(tmpdir(), 'first-view-'));
  await cp(opts.dist, join(snap, 'widget'), { recursive: true });
  await cp(opts.bare, join(snap, 'bare'), { recursive: true });
  const wasmOf = async (dir) => {
    const names = (await readdir(dir)).filter((n) => n.endsWith('.wasm'));
    return (await Promise.all(names.map(async (n) => `${n} ${(await stat(join(dir, n))).size} B raw`))).join(', ');
  };
  console.log(`first-view: serving copies of ${opts.dist} (${await wasmOf(join(snap, 'widget'))}) and ${opts.bare} (${await wasmOf(join(snap, 'bare'))})`);
  const cases = [
    { id: 'bare', label: 'bare Yew page: box usable', path: '/bare/index.html', kind: 'box' },
    { id: 'widget', label: 'widget: box usable', path: '/widget/index.html', kind: 'box' },
    { id: 'deep', label: 'widget #code=415: first finding', path: '/widget/index.html#code=415', kind: 'finding' },
  ];
  const samples = Object.fromEntries(cases.map((c) => [c.id, []]));
  const load0 = loadavg()[0];
  const t0 = Date.now();
  let server;
  let browser;
  try {
    server = await startServer({ widget: join(snap, 'widget'), bare: join(snap, 'bare') });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    console.log(
      `first-view: ${opts.runs} loads each (+${opts.warmup} warm-up), ` +
        `latency ${NETWORK.latency} ms, ${(NETWORK.downloadThroughput * 8) / 1e6} Mbit/s down, ` +
        `${(NETWORK.uploadThroughput * 8) / 1e3} kbit/s up, CPU x${CPU_RATE}, gzip, cache disabled`,
    );
    for (let round = -opts.warmup; round < opts.runs; round++) {
      const order = cases.map((_, i) => cases[(i + Math.max(round, 0)) % cases.length]);
      const line = [];
      for (const c of order) {
        const r = await load(browser, server.origin + c.path, c.kind);
        if (round >= 0) samples[c.id].push(r);
        line.push(`${c.id} ${ms(r.ms)}${r.lost && r.lost.length ? ' (a typed key was lost)' : ''}${DEBUG ? detail(r) : ''}`);
        if (r.ms == null) line.push(`(${c.id} timed out${r.errors.length ? ': ' + r.errors[0] : ''})`);
      }
      console.log(`  ${round < 0 ? 'warm-up' : `round ${round + 1}`}: ${line.join(', ')}`);
    }
  } finally {
    await browser?.close();
    await server?.close();
    await rm(snap, { recursive: true, force: true });
  }

  const med = Object.fromEntries(cases.map((c) => [c.id, median(samples[c.id].map((r) => r.ms))]));
  const seen = Object.fromEntries(cases.map((c) => [c.id, median(samples[c.id].map((r) => r.firstSeen ?? null))]));
  const lostIn = (id) => samples[id].filter((r) => r.lost && r.lost.length).length;
  const rows = cases.map((c) => {
    const xs = samples[c.id].map((r) => r.ms).filter((x) => x != null);
    const b = samples[c.id][0] || {};
    return [
      c.label,
      ms(med[c.id]),
      xs.length ? `${ms(Math.min(...xs))} – ${ms(Math.max(...xs))}` : '—',
      `${xs.length}/${samples[c.id].length}`,
      `${kb(median(samples[c.id].map((r) => r.bytes)))} in ${b.requests ?? '—'} requests`,
    ];
  });
  const head = ['', 'median', 'range', 'ok', 'transferred'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  console.log('');
  console.log(head.map((h, i) => (i === 0 ? pad(h, w[i]) : lpad(h, w[i]))).join('  '));
  for (const r of rows) console.log(r.map((x, i) => (i === 0 ? pad(x, w[i]) : lpad(x, w[i]))).join('  '));
  console.log('');
  const ratio = (a, b) => (a != null && b ? a / b : null);
  const box = ratio(med.widget, med.bare);
  const deep = ratio(med.deep, med.bare);
  const verdict = (r, goal) => (r == null ? 'not measured' : `${r.toFixed(2)}x  (goal ≤ ${goal}x: ${r <= goal ? 'met' : 'not met'})`);
  console.log(`widget box usable / bare box usable:           ${verdict(box, GOAL_BOX)}`);
  console.log(`widget deep-link finding / bare box usable:    ${verdict(deep, GOAL_DEEP)}`);
  const input = Object.fromEntries(cases.map((c) => [c.id, median(samples[c.id].map((r) => r.input ?? null))]));
  const part = (id) => `${ms(seen[id])} / ${ms(input[id])}`;
  console.log(
    `box first seen / key's input event (medians): bare ${part('bare')}, widget ${part('widget')}; ` +
      `widget/bare ${(ratio(seen.widget, seen.bare) ?? NaN).toFixed(2)}x / ${(ratio(input.widget, input.bare) ?? NaN).toFixed(2)}x`,
  );
  console.log(`loads where a typed key was lost again:       bare ${lostIn('bare')}/${samples.bare.length}, widget ${lostIn('widget')}/${samples.widget.length} (the page reset its box after showing it; timed from the retyped key)`);
  for (const c of cases.slice(0, 2)) {
    const files = (samples[c.id][0] || {}).files || [];
    const list = files.map(([u, n]) => `${u.replace(/^https?:\/\/[^/]+\/[^/]+\//, '')} ${kb(n)}`).join(', ');
    console.log(`${pad(c.id + ' files:', 13)} ${list}`);
  }
  const errs = [...new Set(Object.values(samples).flat().flatMap((r) => r.errors))];
  if (errs.length) console.log(`page errors: ${errs.join(' | ')}`);
  console.log(
    `(took ${((Date.now() - t0) / 1000).toFixed(0)} s; 1-minute load average ${load0.toFixed(2)} before, ` +
      `${loadavg()[0].toFixed(2)} after: other work on the machine skews the numbers)`,
  );
}

try {
  await main();
} catch (e) {
  console.log(`first-view: the benchmark failed: ${e && e.stack ? e.stack : e}`);
}
process.exit(0);
