// Shared by the embedding tests: headless Chromium (the system one, never downloaded), a page that
// records console errors, panics, CSP violations, posted messages and every request, and small
// readers of a widget through its open shadow root (DOM hooks of INTERFACE.md only, never prose).
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

export const PANIC = /panicked at|RuntimeError: unreachable|unreachable executed|wasm trap/i;

// Chromium's omnibox popup is a WebUI page of its own: headless Chromium 156 loads it in a renderer
// (about 200 chrome:// scripts) at times of its choosing, a core's worth of work for half a second
// or more, which lands on whatever a test or benchmark is timing. No page ever sees it.
// $CHROMIUM_FLAGS adds flags, space-separated, to look inside a run: with DEBUG=pw:browser,
// `--js-flags=--trace-wasm-compilation-times` prints what V8 compiles, when and how long it takes.
const QUIET = ['--disable-features=WebUIOmniboxPopup', ...(process.env.CHROMIUM_FLAGS ?? '').split(' ').filter(Boolean)];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', ...QUIET],
  });
}

// Runs in every document (host and frames) before its own scripts.
const INIT = () => {
  const R = (window.__e2e = { csp: [], messages: [] });
  document.addEventListener('securitypolicyviolation', (e) =>
    R.csp.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
  );
  window.addEventListener('message', (e) => {
    try {
      R.messages.push({ origin: e.origin, data: JSON.parse(JSON.stringify(e.data)) });
    } catch {
      R.messages.push({ origin: e.origin, data: String(e.data) });
    }
  });
};

/**
 * A fresh context + page. `log.console` holds console errors/warnings, `log.pageErrors` uncaught
 * exceptions, `log.requests` every URL the page (and its frames and workers) asked for.
 */
export async function newPage(browser, { colorScheme = 'light', viewport = { width: 1100, height: 900 } } = {}) {
  const context = await browser.newContext({ colorScheme, viewport });
  await context.addInitScript(INIT);
  const page = await context.newPage();
  const log = { console: [], pageErrors: [], requests: [], failed: [] };
  page.on('console', (m) => {
    // The browser asks for /favicon.ico on its own; the examples have none.
    if (/\/favicon\.ico$/.test(m.location().url || '')) return;
    if (m.type() === 'error' || m.type() === 'warning') log.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => log.pageErrors.push(String(e && (e.stack || e.message || e))));
  context.on('request', (r) => log.requests.push(r.url()));
  context.on('response', (r) => r.status() >= 400 && log.failed.push(`${r.status()} ${r.url()}`));
  page.log = log;
  page.panics = () => [...log.console, ...log.pageErrors].filter((l) => PANIC.test(l));
  return page;
}

/** Everything that went wrong in the page: console errors, uncaught errors, CSP violations. */
export async function problems(page) {
  const csp = await cspViolations(page);
  return [...page.log.console.filter((l) => l.startsWith('error')), ...page.log.pageErrors, ...csp, ...page.log.failed];
}

export async function cspViolations(page) {
  const out = [];
  for (const f of page.frames()) {
    try {
      out.push(...(await f.evaluate(() => (window.__e2e ? window.__e2e.csp : []))));
    } catch {
      /* a detached or cross-origin frame */
    }
  }
  return out;
}

export function assertNoPanic(page) {
  assert.deepEqual(page.panics(), [], 'a Rust panic reached the console');
}

/** Requests that left the given origins (data: and blob: URLs are local). */
export function foreignRequests(page, origins) {
  return page.log.requests.filter((u) => !/^(data|blob|about):/.test(u) && !origins.some((o) => u.startsWith(o + '/')));
}

/**
 * What the widget mounted in the element matching `hostSel` shows, read through its open shadow
 * root: { mounted, query (the box's value), findings: [{kind, code, status, hresult}], noMatch, theme }.
 */
export function widgetState(target, hostSel) {
  return target.evaluate((sel) => {
    const host = document.querySelector(sel);
    const root = host && host.shadowRoot;
    if (!root) return { mounted: false, findings: [], noMatch: false };
    const box = root.querySelector('[data-testid="query"]');
    const top = root.querySelector('.ams-errors, [data-theme]');
    return {
      mounted: !!box,
      query: box ? box.value : null,
      findings: [...root.querySelectorAll('[data-testid="finding"]')].map((f) => ({
        kind: f.getAttribute('data-kind'),
        code: f.getAttribute('data-code'),
        status: f.getAttribute('data-status'),
        hresult: f.getAttribute('data-hresult'),
      })),
      noMatch: !!root.querySelector('[data-testid="no-match"]'),
      theme: top ? top.getAttribute('data-theme') : null,
    };
  }, hostSel);
}

/** Wait until `pred(state)` holds for the widget in `hostSel`; returns the state or fails with it. */
export async function waitWidget(target, hostSel, pred, what, timeout = 15000) {
  const end = Date.now() + timeout;
  let s;
  for (;;) {
    s = await widgetState(target, hostSel);
    if (pred(s)) return s;
    if (Date.now() > end) assert.fail(`${hostSel}: timed out waiting for ${what}; widget shows ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const hasStatus = (st) => (s) => s.findings.some((f) => f.status === String(st));
export const hasCode = (code) => (s) => s.findings.some((f) => f.code === code);

/** The widget's text box (an ElementHandle), through the host element's open shadow root. */
export async function queryBox(target, hostSel) {
  const h = await target.evaluateHandle(
    (sel) => document.querySelector(sel).shadowRoot.querySelector('[data-testid="query"]'),
    hostSel,
  );
  const el = h.asElement();
  assert.ok(el, `${hostSel}: no [data-testid="query"] in its shadow root`);
  return el;
}

/** Type (fill) text into the widget in `hostSel`, as a person pasting would. */
export async function typeInto(target, hostSel, text) {
  const box = await queryBox(target, hostSel);
  await box.fill(text);
}

/** Computed styles inside a widget's shadow root: { selector: { prop: value } }. */
export function widgetStyles(target, hostSel, picks) {
  return target.evaluate(
    ([sel, picks]) => {
      const root = document.querySelector(sel).shadowRoot;
      const out = {};
      for (const [s, props] of Object.entries(picks)) {
        const e = root.querySelector(s);
        if (!e) continue;
        const cs = getComputedStyle(e);
        const r = e.getBoundingClientRect();
        out[s] = Object.fromEntries(props.map((p) => [p, p === 'rect' ? [Math.round(r.width), Math.round(r.height)] : cs.getPropertyValue(p)]));
      }
      return out;
    },
    [hostSel, picks],
  );
}

const HOST_PROPS = [
  'color', 'background-color', 'font-family', 'font-size', 'font-weight', 'line-height', 'letter-spacing',
  'text-transform', 'text-align', 'box-sizing', 'display', 'margin-top', 'margin-left', 'padding-top',
  'padding-left', 'border-top-width', 'border-top-style', 'outline-style', 'text-decoration-line',
];
const SIZED = new Set(['TEXTAREA', 'INPUT', 'BUTTON', 'SELECT', 'IMG']);

/**
 * Computed styles of every host element outside the widgets' own elements ([data-ams-errors] and
 * the other mount points listed in `skip`), plus the document's own style sheets. Compared
 * between a load with the loader blocked and a normal load, it shows what the widget changed.
 */
export function hostSnapshot(page, skip = []) {
  return page.evaluate(
    ([props, sized, skip]) => {
      const out = {};
      const skipSel = ['[data-ams-errors]', ...skip].join(',');
      const els = [document.documentElement, ...document.querySelectorAll('body, body *')].filter(
        (e) => !e.matches(skipSel) && !['SCRIPT', 'STYLE', 'IFRAME'].includes(e.tagName),
      );
      els.forEach((e, i) => {
        const cs = getComputedStyle(e);
        const key = `${i}:${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}`;
        const ps = sized.includes(e.tagName) ? [...props, 'width', 'height'] : props;
        out[key] = Object.fromEntries(ps.map((p) => [p, cs.getPropertyValue(p)]));
      });
      out['document.styleSheets'] = document.styleSheets.length;
      out['document.adoptedStyleSheets'] = (document.adoptedStyleSheets || []).length;
      out['head children'] = document.head.children.length;
      out['html attributes'] = [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`).join(' ');
      out['body attributes'] = [...document.body.attributes].map((a) => `${a.name}=${a.value}`).join(' ');
      return out;
    },
    [HOST_PROPS, [...SIZED], skip],
  );
}

/** hostSnapshot of `url` with embed.js blocked (the host alone), then with the widget(s) working. */
export async function hostBeforeAfter(browser, url, { skip = [], ready, colorScheme } = {}) {
  const bare = await newPage(browser, { colorScheme });
  await bare.route('**/embed.js', (r) => r.abort());
  await bare.goto(url);
  await bare.waitForLoadState('load');
  const before = await hostSnapshot(bare, skip);
  await bare.context().close();

  const page = await newPage(browser, { colorScheme });
  await page.goto(url);
  await ready(page);
  const after = await hostSnapshot(page, skip);
  return { page, before, after };
}

/** The differences between two hostSnapshots, as readable lines. */
export function diffSnapshots(a, b) {
  const lines = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[k];
    const y = b[k];
    if (typeof x === 'object' && x && typeof y === 'object' && y) {
      for (const p of Object.keys(x)) if (x[p] !== y[p]) lines.push(`${k} ${p}: ${x[p]} -> ${y[p]}`);
    } else if (x !== y) lines.push(`${k}: ${JSON.stringify(x)} -> ${JSON.stringify(y)}`);
  }
  return lines;
}

/** Screenshot to the temp dir (/tmp/embed-<name>.png), for a person to look at. */
export async function shot(page, name) {
  const path = join(process.env.E2E_SCREENSHOTS || tmpdir(), `embed-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Messages the top document received (recorded by INIT). */
export function messages(page) {
  return page.evaluate(() => window.__e2e.messages);
}

/** For a suite: start the static server and Chromium before its tests, stop both after, and hand them to `set`. */
export function serveAndLaunch(set) {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launch();
    set(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}
