// File-read benchmark (a report, not a test: it exits 0 unless something breaks). How fast does the
// widget read a capture file, next to the fastest any page can read one? See README.md here.
//
// For a 100 MB generated HAR (and, with --big, a 1 GB one; scripts/gen-har.mjs, in the temp
// directory, deleted after) it loads the standalone page of the built widget (dist/, or
// --dist / $AMS_DIST) in headless Chromium and, per round, in that same page:
//   widget  the file set on [data-testid="file"]: from the input's change event to
//           data-state=done on [data-testid="file-status"], both seen in the page (performance.now(),
//           a MutationObserver), with every main-thread long task (PerformanceObserver 'longtask')
//           and the largest data-memory (the worker's wasm memory, bytes) the status showed;
//   floor   the same file, from an <input type="file"> of the page's own, posted to a Worker that
//           does nothing but file.stream() + TextDecoder (stream mode): from the post to its answer,
//           worker start included as the widget's is.
// Rounds alternate which goes first; each round is a fresh page. Prints medians: MiB/s for both,
// the ratio, the longest long task, the peak wasm memory ("n/a" when the status has no data-memory).
// With --hover, the widget's file is set as a person sets it: the pointer rests on "Open a file…"
// for a second first (the time a file dialog takes at the least), which starts the worker ahead.
//
//   node benches/file-read/run.mjs [--big] [--hover] [--runs 3] [--dist dist]
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MB, tempHar } from '../../scripts/gen-har.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, dflt) => {
  const i = args.findIndex((a) => a === name || a.startsWith(name + '='));
  if (i < 0) return dflt;
  return args[i].includes('=') ? args[i].split(/=(.*)/s)[1] : args[i + 1];
};
if (flag('--help') || flag('-h')) {
  console.log('node benches/file-read/run.mjs [--big] [--hover] [--runs N] [--dist <build>]');
  process.exit(0);
}
const RUNS = Math.max(1, Number(value('--runs', 3)) | 0);
const SIZES = flag('--big') ? [100, 1024] : [100];
const HOVER = flag('--hover');
process.env.AMS_DIST = value('--dist', process.env.AMS_DIST || 'dist');

// server.mjs reads AMS_DIST when loaded: imported after it is set.
const { DIST, SUBPATH, startServer } = await import('../../tests/e2e/server.mjs');
const { launch } = await import('../../tests/e2e/helpers.mjs');
if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`${join(DIST, 'index.html')} is missing: build the widget first:`);
  console.error('  source scripts/env.sh && trunk build --release --offline');
  process.exit(2);
}

const HOST = '[data-ams-errors-page]';
const TIMEOUT = 15 * 60_000;
// The floor's worker, served same-origin under the dist path by a route (the page's CSP allows
// workers from 'self' only); it never touches the server.
const FLOOR_PATH = `${SUBPATH}__bench-floor-worker.js`;
const FLOOR_JS = `onmessage = async ({ data: file }) => {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder();
  let bytes = 0, chars = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    chars += decoder.decode(value, { stream: true }).length;
  }
  chars += decoder.decode().length;
  postMessage({ bytes, chars });
};`;

// In the page, before the file is set: timestamps of the change event and of data-state=done, the
// long tasks, the largest data-memory.
const WATCH = (sel) => {
  const root = document.querySelector(sel).shadowRoot;
  const w = (window.__bench = { change: null, end: null, state: null, memory: null, longtasks: [] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.longtasks.push(e.duration);
  }).observe({ type: 'longtask' });
  root.querySelector('[data-testid="file"]').addEventListener('change', () => (w.change ??= performance.now()), { capture: true });
  const check = () => {
    const s = root.querySelector('[data-testid="file-status"]');
    if (!s) return;
    const m = s.getAttribute('data-memory');
    if (m !== null && m !== '') w.memory = Math.max(w.memory ?? 0, Number(m));
    const state = s.getAttribute('data-state');
    if (w.change !== null && w.end === null && ['done', 'cancelled', 'failed'].includes(state)) {
      w.end = performance.now();
      w.state = state;
      w.text = s.textContent.trim();
    }
  };
  new MutationObserver(check).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
};

const FLOOR = (path) =>
  new Promise((resolve, reject) => {
    const file = document.getElementById('bench-floor').files[0];
    const t0 = performance.now();
    const worker = new Worker(path);
    worker.onmessage = ({ data }) => {
      worker.terminate();
      resolve({ ms: performance.now() - t0, ...data });
    };
    worker.onerror = (e) => reject(new Error(`floor worker: ${e.message || 'failed to start'}`));
    worker.postMessage(file);
  });

async function poll(page, fn, arg, what) {
  const end = Date.now() + TIMEOUT;
  for (;;) {
    const v = await page.evaluate(fn, arg);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function widgetRun(page, path) {
  if (HOVER) {
    await page.locator(`${HOST} .ams-errors__open`).hover();
    await new Promise((r) => setTimeout(r, 1000));
  }
  await page.evaluate(WATCH, HOST);
  await page.locator(`${HOST} [data-testid="file"]`).setInputFiles(path);
  const w = await poll(page, () => window.__bench.end !== null && window.__bench, null, 'the widget to finish');
  if (w.state !== 'done') throw new Error(`the widget's read ended ${w.state}: ${w.text}`);
  return { ms: w.end - w.change, longest: w.longtasks.length ? Math.max(...w.longtasks) : 0, longtasks: w.longtasks.length, memory: w.memory };
}

async function floorRun(page, path) {
  await page.evaluate(() => {
    const input = Object.assign(document.createElement('input'), { type: 'file', id: 'bench-floor', hidden: true });
    document.body.append(input);
  });
  await page.locator('#bench-floor').setInputFiles(path);
  return page.evaluate(FLOOR, FLOOR_PATH);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mibs = (bytes, ms) => bytes / MB / (ms / 1000);
const fmtMem = (b) => (b == null ? 'n/a' : `${(b / MB).toFixed(1)} MiB`);

const server = await startServer({ examples: false });
const browser = await launch();
const made = [];
try {
  for (const mb of SIZES) {
    const har = await tempHar(mb, `bench-${mb}mb.har`);
    made.push(har);
    const size = (await stat(har.path)).size;
    const widget = [];
    const floor = [];
    for (let round = 0; round < RUNS; round++) {
      const context = await browser.newContext();
      await context.route(`**${FLOOR_PATH}`, (r) => r.fulfill({ contentType: 'text/javascript', body: FLOOR_JS }));
      const page = await context.newPage();
      await page.goto(server.url(`${SUBPATH}index.html`));
      await page.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot?.querySelector('[data-testid="file"]'), HOST);
      const order = round % 2 ? ['floor', 'widget'] : ['widget', 'floor'];
      for (const which of order) {
        if (which === 'widget') widget.push(await widgetRun(page, har.path));
        else {
          const f = await floorRun(page, har.path);
          if (f.bytes !== size) throw new Error(`the floor read ${f.bytes} of ${size} bytes`);
          floor.push(f);
        }
      }
      await context.close();
      const w = widget.at(-1);
      const f = floor.at(-1);
      console.log(`  round ${round + 1}: widget ${(w.ms / 1000).toFixed(2)} s, floor ${(f.ms / 1000).toFixed(2)} s, longest long task ${Math.round(w.longest)} ms`);
    }
    const wms = median(widget.map((x) => x.ms));
    const fms = median(floor.map((x) => x.ms));
    const longest = Math.max(...widget.map((x) => x.longest));
    const memory = widget.some((x) => x.memory != null) ? Math.max(...widget.map((x) => x.memory ?? 0)) : null;
    console.log(`${(size / MB).toFixed(0)} MiB HAR (${size} bytes), ${RUNS} round(s), medians:`);
    console.log(`  widget (change event to data-state=done${HOVER ? ", after the pointer rested on Open a file" : ""}): ${(wms / 1000).toFixed(2)} s  ${mibs(size, wms).toFixed(1)} MiB/s`);
    console.log(`  floor  (Worker: file.stream() + TextDecoder only):  ${(fms / 1000).toFixed(2)} s  ${mibs(size, fms).toFixed(1)} MiB/s`);
    console.log(`  ratio: the widget takes ${(wms / fms).toFixed(2)}x the floor's time (${((100 * fms) / wms).toFixed(0)}% of its speed)`);
    console.log(`  longest main-thread long task during the widget's reads: ${longest ? `${Math.round(longest)} ms` : 'none (no task over 50 ms)'}`);
    console.log(`  worker peak wasm memory (data-memory): ${fmtMem(memory)}`);
    await har.remove();
  }
} finally {
  await Promise.all(made.map((h) => h.remove()));
  await browser.close();
  await server.close();
}
