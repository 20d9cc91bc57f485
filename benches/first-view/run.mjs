// First-view benchmark (a report, not a test: it always exits 0). How soon is the widget usable on
// a slow phone-class connection, next to a bare Yew hello-world built the same way?
//
// Both builds are served from one local HTTP server, compressed as a static host serves them
// (brotli -q 11 by default, as the budget counts and the build's .br files are; --encoding gzip for
// gzip -9; each file compressed once, before the first load), and each page is
// loaded in headless Chromium in a fresh context with, over CDP, slow-4G network emulation
// (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up), CPU throttling x4 and the cache disabled.
// The loads alternate (bare, widget, widget deep link, order rotated each round), N times each,
// after one warm-up load of each that is not counted. Measured, from navigation start
// (performance.now() in the page, so the polling itself adds at most one 10 ms step):
//   box usable     the first box a person can type into (any visible, enabled, writable textarea or
//                  text field, searched in open shadow roots too: the widget page's plain pre-box
//                  counts, as does the bare page's box) takes a character typed into it (a real key
//                  event over CDP)
//   own box usable (widget only) then the widget's own box, [data-testid="query"] in its shadow
//                  root, takes another: the wasm has taken over (and the first character should have
//                  been handed over to it)
//   first finding  (widget only) index.html#code=415 shows a visible [data-testid="finding"]
// and the bytes transferred per load (CDP encodedDataLength: headers plus compressed bodies).
// A typed character that lands and then goes again from every box (the page reset its box after
// showing it) is counted as lost, and the box is timed from the next character that stays (checked
// 250 ms on); a character the widget's box took over from the plain box counts as kept.
// FIRST_VIEW_DEBUG=1 prints, per load, when the box was first seen, the keys typed and lost, and for
// the last round each request's start, first byte and end.
//
// Build the baseline once (from /work/main; a few minutes, it compiles yew):
//   source scripts/env.sh && cd benches/first-view/bare &&
//   CARGO_TARGET_DIR=/tmp/bare-target trunk build --release --offline --dist /tmp/bare-dist
// then, with the widget built in dist/ (trunk build --release):
//   node benches/first-view/run.mjs [--dist <widget dist>] [--bare <bare dist>] [--runs 7] [--encoding br|gzip]
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '../..');

const GOAL_BOX = 1.1; // widget box usable / bare box usable
const GOAL_DEEP = 1.6; // widget deep-link first finding / bare box usable
const NETWORK = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 }; // bytes/s
const CPU_RATE = 4;
const TIMEOUT_MS = 90_000;
const POLL_MS = 10;
const HANDOVER_MS = 3000; // how long a typed key may be out of every box and still count as kept

function parseArgs(argv) {
  const bareDefault = existsSync(join(HERE, 'bare/dist/index.html')) ? join(HERE, 'bare/dist') : '/tmp/bare-dist';
  const out = { dist: join(ROOT, 'dist'), bare: bareDefault, runs: 7, warmup: 1, encoding: 'br' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (flag === '--dist') out.dist = resolve(value());
    else if (flag === '--bare') out.bare = resolve(value());
    else if (flag === '--runs') out.runs = Math.max(1, Number(value()) | 0);
    else if (flag === '--warmup') out.warmup = Math.max(0, Number(value()) | 0);
    else if (flag === '--encoding') out.encoding = value() === 'gzip' ? 'gzip' : 'br';
    else if (flag === '--help' || flag === '-h') {
      console.log('node benches/first-view/run.mjs [--dist <widget dist>] [--bare <bare dist>] [--runs N] [--warmup N] [--encoding br|gzip]');
      process.exit(0);
    } else console.warn(`ignoring unknown argument ${argv[i]}`);
  }
  return out;
}

// ---- the server: /widget/* from the widget's dist, /bare/* from the bare page's, compressed ----

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};
const COMPRESS = new Set(['.html', '.js', '.mjs', '.wasm', '.css']);
const ENCODE = {
  br: (b) => brotliCompressSync(b, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: b.length } }),
  gzip: (b) => gzipSync(b, { level: 9 }),
};

async function startServer(roots, encoding) {
  // file -> compressed body. The files beside index.html (all a first view loads) are compressed
  // before the first load, so the server's CPU is not measured; any other on its first request.
  const cache = new Map();
  for (const dir of Object.values(roots)) {
    for (const name of await readdir(dir)) {
      const file = join(dir, name);
      if (COMPRESS.has(extname(file))) cache.set(file, ENCODE[encoding](await readFile(file)));
    }
  }
  const accepts = new RegExp(`\\b${encoding}\\b`);
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
      if (COMPRESS.has(ext) && accepts.test(req.headers['accept-encoding'] || '')) {
        if (!cache.has(file)) cache.set(file, ENCODE[encoding](body));
        body = cache.get(file);
        headers['Content-Encoding'] = encoding;
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

// Installed before the page's own scripts (addInitScript): what the probes share, and a record
// of every input event (composed, so one listener on window sees the widget's shadow box too).
const INIT = () => {
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
  const fv = (window.__fv = { deepAll, visible, inputs: [] });
  window.addEventListener('input', () => fv.inputs.push(performance.now()), true);
};

// A box a person can type into: any text area or text field; the widget's own (in its shadow root) is
// [data-testid="query"], and the bare page's box carries the same test id.
const ANY_BOX = 'textarea, input:not([type]), input[type="text"], input[type="search"]';
const WASM_BOX = 'textarea[data-testid="query"]';

// The first visible, enabled, writable box matching `sel`, focused; null while there is none.
const FIND_BOX = (sel) => {
  const fv = window.__fv;
  const box = fv.deepAll(document, sel).find((el) => fv.visible(el) && !el.disabled && !el.readOnly);
  if (!box) return null;
  box.focus();
  let active = document.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
  if (active !== box) return null;
  fv.inputs = [];
  return { seen: performance.now() };
};

// After typing `ch`: the time it is seen in a box (the one typed into, or the one that took its text
// over) and the time of the key's input event; null while no box holds it.
const HELD = (ch) => {
  const fv = window.__fv;
  const held = fv.deepAll(document, 'textarea, input').some((el) => el.value.includes(ch));
  return held ? { t: performance.now(), input: fv.inputs.length ? fv.inputs[0] : null } : null;
};

const FIND_FINDING = () => {
  const f = window.__fv.deepAll(document, '[data-testid="finding"]').find(window.__fv.visible);
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

/** Runs probe `fn(arg)` in the page every POLL_MS until it answers (non-null) or `end` (Date.now()) passes. */
async function poll(page, fn, arg, end) {
  while (Date.now() < end) {
    const v = await tryEval(page, fn, arg);
    if (v != null) return v;
    await sleep(POLL_MS);
  }
  return null;
}

/**
 * Waits for a box matching `sel`, types `ch` into it (a real key event over CDP) and waits for it to
 * land and still be there 250 ms on (in that box, or in the one that took its text over: the widget's
 * box shows empty for a moment before the plain box's text is written into it, so "still there" may
 * take up to HANDOVER_MS more to show). A key that does not land within a second, or goes for good, is
 * counted as lost and typed anew. Resolves to
 * { ms (when it landed), seen, firstSeen, attempts, lost, input (its input event), sent (how long CDP
 * took to send it) }, or null.
 */
async function typeAndKeep(page, sel, ch, end) {
  let firstSeen = null;
  let attempts = 0;
  const lost = [];
  while (Date.now() < end) {
    const found = await poll(page, FIND_BOX, sel, end);
    if (!found) break;
    firstSeen ??= found.seen;
    attempts++;
    const typed = performance.now();
    await page.keyboard.type(ch);
    const sent = performance.now() - typed;
    // The key event is handled on the page's main thread: give it up to a second to land.
    const t = await poll(page, HELD, ch, Math.min(end, Date.now() + 1000));
    if (t) {
      await sleep(250);
      if (await poll(page, HELD, ch, Math.min(end, Date.now() + HANDOVER_MS))) {
        return { ms: t.t, seen: found.seen, firstSeen, attempts, lost, input: t.input, sent };
      }
    }
    lost.push(await tryEval(page, () => performance.now()));
    await sleep(POLL_MS);
  }
  return null;
}

// ---- one load ----

/**
 * One load of `url` in a fresh context. `kind`: 'box' times the first box that takes a key ('x'),
 * then with `wasmBox` the widget's own box taking another ('y'); 'finding' the first finding.
 * `timeline` (FIRST_VIEW_DEBUG) adds each request's start, first byte and end, from navigation.
 */
async function load(browser, url, { kind, wasmBox }) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  try {
    await context.addInitScript(INIT);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const reqs = new Map(); // requestId -> { url, start, first, end, bytes } (CDP seconds)
    cdp.on('Network.requestWillBeSent', (e) => reqs.set(e.requestId, { url: e.request.url, start: e.timestamp }));
    cdp.on('Network.responseReceived', (e) => {
      const r = reqs.get(e.requestId);
      const t = e.response.timing; // requestTime in seconds, receiveHeadersEnd in ms after it
      if (r) r.first = t ? t.requestTime + t.receiveHeadersEnd / 1000 : e.timestamp;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = reqs.get(e.requestId);
      if (r) Object.assign(r, { end: e.timestamp, bytes: e.encodedDataLength });
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e.message || e)));

    await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    const end = Date.now() + TIMEOUT_MS;
    let result = null;
    if (kind === 'box') {
      const box = await typeAndKeep(page, ANY_BOX, 'x', end);
      result = box && { ...box };
      if (box && wasmBox) {
        const w = await typeAndKeep(page, WASM_BOX, 'y', end);
        result.wasm = w;
        // Was the 'x' typed into the plain box handed over to the widget's box?
        result.handedOver = w ? await tryEval(page, (sel) => window.__fv.deepAll(document, sel).some((el) => el.value.includes('x')), WASM_BOX) : null;
      }
    } else {
      result = await poll(page, FIND_FINDING, null, end);
      if (result) result = { ms: result.t, code: result.code };
    }
    // Count everything the first view fetched: wait for the load event and a quiet moment.
    await page.waitForLoadState('load', { timeout: TIMEOUT_MS }).catch(() => {});
    await sleep(300);
    const done = [...reqs.values()].filter((r) => r.end != null);
    const t0 = Math.min(...[...reqs.values()].map((r) => r.start));
    const rel = (t) => (t == null ? null : (t - t0) * 1000);
    const timeline = done.map((r) => ({ url: r.url, start: rel(r.start), first: rel(r.first), end: rel(r.end), bytes: r.bytes }));
    const total = done.reduce((a, r) => a + r.bytes, 0);
    const files = done.map((r) => [r.url, r.bytes]);
    return { ...(result || { ms: null }), bytes: total, requests: done.length, files, timeline, errors };
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
/** FIRST_VIEW_DEBUG=1: each request of one load, in the order they started. */
const timeline = (r) =>
  (r.timeline || [])
    .sort((a, b) => a.start - b.start)
    .map((q) => `    ${pad(q.url.replace(/^https?:\/\/[^/]+\/[^/]+\//, ''), 34)} ${lpad(ms(q.start), 8)} ${lpad(ms(q.first), 8)} ${lpad(ms(q.end), 8)}  ${kb(q.bytes)}`)
    .join('\n');
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
    { id: 'bare', path: '/bare/index.html', kind: 'box' },
    { id: 'widget', path: '/widget/index.html', kind: 'box', wasmBox: true },
    { id: 'deep', path: '/widget/index.html#code=415', kind: 'finding' },
  ];
  // What is reported, each a time read from one case's loads.
  const series = [
    { id: 'bare', label: 'bare Yew page: box usable', of: 'bare', pick: (r) => r },
    { id: 'box', label: 'widget: box usable (any box; the plain box counts)', of: 'widget', pick: (r) => r },
    { id: 'wasm', label: 'widget: its own box usable (the wasm took over)', of: 'widget', pick: (r) => r.wasm },
    { id: 'deep', label: 'widget #code=415: first finding', of: 'deep', pick: (r) => r },
  ];
  const samples = Object.fromEntries(cases.map((c) => [c.id, []]));
  const load0 = loadavg()[0];
  const t0 = Date.now();
  let server;
  let browser;
  try {
    server = await startServer({ widget: join(snap, 'widget'), bare: join(snap, 'bare') }, opts.encoding);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    console.log(
      `first-view: ${opts.runs} loads each (+${opts.warmup} warm-up), ` +
        `latency ${NETWORK.latency} ms, ${(NETWORK.downloadThroughput * 8) / 1e6} Mbit/s down, ` +
        `${(NETWORK.uploadThroughput * 8) / 1e3} kbit/s up, CPU x${CPU_RATE}, ${opts.encoding === 'br' ? 'brotli -q 11' : 'gzip -9'}, cache disabled`,
    );
    for (let round = -opts.warmup; round < opts.runs; round++) {
      const order = cases.map((_, i) => cases[(i + Math.max(round, 0)) % cases.length]);
      const line = [];
      for (const c of order) {
        const r = await load(browser, server.origin + c.path, c);
        if (round >= 0) samples[c.id].push(r);
        const lostKey = r.lost?.length || r.wasm?.lost?.length ? ' (a typed key was lost)' : '';
        const wasm = c.wasmBox ? `, wasm box ${ms(r.wasm?.ms)}${DEBUG && r.wasm ? detail(r.wasm) : ''}` : '';
        line.push(`${c.id} ${ms(r.ms)}${DEBUG ? detail(r) : ''}${wasm}${lostKey}`);
        if (r.ms == null || (c.wasmBox && r.wasm?.ms == null)) line.push(`(${c.id} timed out${r.errors.length ? ': ' + r.errors[0] : ''})`);
        if (DEBUG && round === opts.runs - 1) console.log(`  ${c.id} requests (start / first byte / end, from the first request):\n${timeline(r)}`);
      }
      console.log(`  ${round < 0 ? 'warm-up' : `round ${round + 1}`}: ${line.join(', ')}`);
    }
  } finally {
    await browser?.close();
    await server?.close();
    await rm(snap, { recursive: true, force: true });
  }

  const times = (s) => samples[s.of].map((r) => s.pick(r)?.ms ?? null);
  const med = Object.fromEntries(series.map((s) => [s.id, median(times(s))]));
  const rows = series.map((s) => {
    const xs = times(s).filter((x) => x != null);
    const b = samples[s.of][0] || {};
    return [
      s.label,
      ms(med[s.id]),
      xs.length ? `${ms(Math.min(...xs))} – ${ms(Math.max(...xs))}` : '—',
      `${xs.length}/${samples[s.of].length}`,
      `${kb(median(samples[s.of].map((r) => r.bytes)))} in ${b.requests ?? '—'} requests`,
    ];
  });
  const head = ['', 'median', 'range', 'ok', 'transferred'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  console.log('');
  console.log(head.map((h, i) => (i === 0 ? pad(h, w[i]) : lpad(h, w[i]))).join('  '));
  for (const r of rows) console.log(r.map((x, i) => (i === 0 ? pad(x, w[i]) : lpad(x, w[i]))).join('  '));
  console.log('');
  const ratio = (a, b) => (a != null && b ? a / b : null);
  const verdict = (r, goal) =>
    r == null ? 'not measured' : `${r.toFixed(2)}x${goal ? `  (goal ≤ ${goal}x: ${r <= goal ? 'met' : 'not met'})` : ''}`;
  console.log(`widget box usable / bare box usable:           ${verdict(ratio(med.box, med.bare), GOAL_BOX)}`);
  console.log(`widget deep-link finding / bare box usable:    ${verdict(ratio(med.deep, med.bare), GOAL_DEEP)}`);
  console.log(`widget's own box usable / bare box usable:     ${verdict(ratio(med.wasm, med.bare))}  (no goal: the wasm taking over)`);
  const medOf = (id, f) => median(samples[id].map((r) => f(r) ?? null));
  const part = (id, f = (r) => r) => `${ms(medOf(id, (r) => f(r)?.firstSeen))} / ${ms(medOf(id, (r) => f(r)?.input))}`;
  console.log(
    `box first seen / key's input event (medians): bare ${part('bare')}, widget ${part('widget')}, ` +
      `widget's own box ${part('widget', (r) => r.wasm)}`,
  );
  const lostIn = (id, f = (r) => r) => samples[id].filter((r) => f(r)?.lost?.length).length;
  const n = samples.widget.length;
  console.log(
    `loads where a typed key was lost again:       bare ${lostIn('bare')}/${samples.bare.length}, widget ${lostIn('widget')}/${n}, ` +
      `widget's own box ${lostIn('widget', (r) => r.wasm)}/${n} (the page reset its box after showing it; timed from the retyped key)`,
  );
  const handed = samples.widget.filter((r) => r.handedOver).length;
  console.log(`text typed before the wasm, in the widget's box after: ${handed}/${n} loads`);
  for (const c of cases.slice(0, 2)) {
    const files = (samples[c.id][0] || {}).files || [];
    const list = files.map(([u, b]) => `${u.replace(/^https?:\/\/[^/]+\/[^/]+\//, '')} ${kb(b)}`).join(', ');
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
