// Phones and narrow columns: the standalone page at 320, 375 and 768 px wide, and a widget
// embedded (embed.js, data-ams-errors) in a 300 px column of a host page, each filled with hard
// input (a curl -v transcript with a very long signed URL, a HAR, a long error name, a word
// search, the deep link #code=415). For each it checks that
//   - the document does not scroll sideways (scrollWidth <= clientWidth), nor the column;
//   - no card (finding, no-match, notice) is wider than its box, and nothing pokes out of the
//     widget: a long URL or excerpt wraps, or scrolls inside a box of its own (overflow-x);
//   - every visible control (links, buttons, the theme select, the box, summaries) is at least
//     24 x 24 CSS px (WCAG 2.2 target size, minimum), or an undersized one that WCAG 2.5.8
//     exempts: a link inline in a sentence (an inline <a> in a <p> with words of its own, no
//     taller than its line), or one a 24 px circle on whose centre meets no other target nor
//     another undersized target's circle;
//   - every control is within the viewport (or the column) horizontally, so it can be reached.
// Screenshots (the page at 320 px, the column) go to $WIDTHS_SHOTS (default /tmp/h2-shots/).
// It serves $AMS_DIST (default dist/) under /help/ams-errors/, and the host page itself.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { ROOT, SUBPATH } from './server.mjs';
import { assertNoPanic, launch, newPage, problems, waitWidget } from './helpers.mjs';

const DIST = resolve(process.env.AMS_DIST || join(ROOT, 'dist'));
const SHOTS = process.env.WIDTHS_SHOTS || '/tmp/h2-shots';
const FIXTURES = join(ROOT, 'tests/fixtures/pastes');
const MIN = 24;

// ---- inputs ----

/** A deterministic run of URL-safe base64 characters (a signature, a policy). */
const b64 = (n, seed) => {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let x = seed;
  let s = '';
  for (let i = 0; i < n; i++) s += abc[((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 16) % 64];
  return s;
};

async function inputs() {
  // The fixture's curl -v transcript, its manifest asked for with a CDN-signed URL (policy,
  // signature and key id: some 900 characters without a space).
  const curl = await readFile(join(FIXTURES, 'curl_v_encryption_required.txt'), 'utf8');
  const path = '/1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d/video.ism/manifest(format=m3u8-aapl)';
  const signed = `${path}?Policy=${b64(520, 7)}&Signature=${b64(344, 11)}&Key-Pair-Id=K2JCJMDEHXQW5F`;
  const longCurl = curl.replaceAll(path, signed);
  // A browser console: the failing request's line holds the signed URL, so its excerpt does.
  const consoleLog = (await readFile(join(FIXTURES, 'chrome_console_403.txt'), 'utf8')).replace(
    'Manifest(video,format=m3u8-aapl) 403',
    `Manifest(video,format=m3u8-aapl)?Policy=${b64(520, 13)}&Signature=${b64(344, 17)}&Key-Pair-Id=K2JCJMDEHXQW5F 403`,
  );
  const har = await readFile(join(FIXTURES, 'har_fragment_not_ready.har'), 'utf8');
  return [
    { id: 'curl', text: longCurl, done: (s) => s.findings.some((f) => f.code === 'MPE_ENC_ENCRYPTION_REQUIRED') },
    { id: 'console', text: consoleLog, done: (s) => s.findings.some((f) => f.status === '403') },
    { id: 'har', text: har, done: (s) => s.findings.some((f) => f.code === 'MPE_FRAGMENT_NOT_READY') },
    {
      id: 'long-name',
      text: 'x-ms-error-code: MPE_FILTER_COMPOSITION_MULTIPLE_FIRST_QUALITY_OPERATOR_NOT_ALLOWED',
      done: (s) => s.findings.some((f) => f.code === 'MPE_FILTER_COMPOSITION_MULTIPLE_FIRST_QUALITY_OPERATOR_NOT_ALLOWED'),
    },
    { id: 'misspelt', text: 'MPE_FILTER_COMPOSITION_MULTIPLE_FIRST_QUALITY_OPERATER_NOT_ALOWED_X', done: (s) => s.noMatch },
    { id: 'search', text: 'encryption', done: (s) => s.noMatch },
  ];
}

// ---- the server: dist/ under /help/ams-errors/, and a help page with a 300 px column ----

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

const COLUMN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Help: streaming errors</title>
<style>
  *, *::before, *::after { box-sizing: border-box; }
  body { margin: 0; font: 17px/1.6 Georgia, serif; color: #222; }
  .layout { display: flex; gap: 24px; padding: 16px; }
  .article { flex: 1 1 auto; min-width: 0; }
  .side { flex: 0 0 300px; width: 300px; border-left: 1px solid #ddd; }
</style></head>
<body><div class="layout">
  <main class="article"><h1>My stream fails with an error</h1><p>Paste what your player or curl printed into the box beside this article.</p></main>
  <aside class="side"><div id="col" data-ams-errors data-theme="light"></div></aside>
</div>
<script type="module" src="${SUBPATH}embed.js"></script>
</body></html>`;

async function startServer() {
  if (!existsSync(join(DIST, 'index.html')) || !existsSync(join(DIST, 'embed.js')))
    throw new Error(`${DIST} is not built (no index.html or embed.js): run trunk build --release first, or set AMS_DIST`);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const headers = { 'Cache-Control': 'no-store' };
    if (path === '/column.html') return res.writeHead(200, { ...headers, 'Content-Type': TYPES['.html'] }).end(COLUMN_PAGE);
    const file = path.startsWith(SUBPATH) && normalize(join(DIST, path.slice(SUBPATH.length) || 'index.html'));
    try {
      if (!file || !file.startsWith(DIST + sep)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404, headers).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { url: (p) => origin + p, close: () => new Promise((ok) => (server.closeAllConnections(), server.close(ok))) };
}

// ---- the in-page check ----

/**
 * Runs in the page. `sel` is the widget's element, `frame` the box it must keep within (the
 * viewport when null, else that element's content box). Returns lists of what is wrong, and
 * `targets`, every visible control with its size.
 */
const CHECK = ([sel, frameSel, MIN]) => {
  const host = document.querySelector(sel);
  const root = host && host.shadowRoot;
  const doc = document.documentElement;
  const out = { doc: null, frame: null, poking: [], overflowing: [], cards: [], small: [], unreachable: [], targets: [] };
  if (doc.scrollWidth > doc.clientWidth) out.doc = `document ${doc.scrollWidth} px wide in a ${doc.clientWidth} px viewport`;
  const frameEl = frameSel ? document.querySelector(frameSel) : null;
  let bound = { left: 0, right: doc.clientWidth };
  if (frameEl) {
    const r = frameEl.getBoundingClientRect();
    const cs = getComputedStyle(frameEl);
    bound = { left: r.left + parseFloat(cs.borderLeftWidth), right: r.right - parseFloat(cs.borderRightWidth) };
    if (frameEl.scrollWidth > frameEl.clientWidth) out.frame = `${frameSel} scrolls: ${frameEl.scrollWidth} > ${frameEl.clientWidth}`;
  }
  const name = (el) => {
    const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
    const tid = el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : '';
    const text = (el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `${el.tagName.toLowerCase()}${cls}${tid}${text ? ` "${text}"` : ''}`;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true });
  };
  const scrolls = (el) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  // The nearest ancestor (in the widget) that clips or scrolls sideways.
  const clipOf = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) if (scrolls(p)) return p;
    return null;
  };
  // The widget's shadow tree, and the light DOM around it: the page, or the column.
  const els = [...(root ? root.querySelectorAll('*') : []), ...(frameEl || document.body).querySelectorAll('*')];
  const seen = els.filter((el) => !['STYLE', 'SCRIPT', 'OPTION', 'BR'].includes(el.tagName) && visible(el));
  for (const el of seen) {
    const r = el.getBoundingClientRect();
    const clip = clipOf(el);
    const b = clip ? clip.getBoundingClientRect() : bound;
    if (r.left < b.left - 0.5 || r.right > b.right + 0.5)
      out.poking.push(`${name(el)} spans x ${Math.round(r.left)}..${Math.round(r.right)}, outside ${clip ? name(clip) : 'the frame'} ${Math.round(b.left)}..${Math.round(b.right)}`);
    // Content wider than its box that neither wraps nor scrolls in a box of its own (in the
    // widget and its stand-in: the page's own layout may pull a child out on purpose).
    const cs = getComputedStyle(el);
    if ((el.getRootNode() === root || host.contains(el)) && cs.display !== 'inline' && !scrolls(el) && el.tagName !== 'TEXTAREA' && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
      out.overflowing.push(`${name(el)}: content ${el.scrollWidth} px in a ${el.clientWidth} px box`);
  }
  if (root) {
    for (const card of root.querySelectorAll('[data-testid="finding"], [data-testid="no-match"], .ams-errors__notice')) {
      if (card.scrollWidth > card.clientWidth) out.cards.push(`${name(card)}: ${card.scrollWidth} > ${card.clientWidth}`);
    }
  }
  // Controls: the widget's, and on the page its own (the footer's links, the plain box).
  const TARGET = 'a[href], button, select, input:not([type="hidden"]), textarea, summary, [tabindex]:not([tabindex="-1"])';
  const targets = seen.filter((el) => el.matches(TARGET));
  const rects = targets.map((el) => el.getBoundingClientRect());
  const centre = (r) => [(r.left + r.right) / 2, (r.top + r.bottom) / 2];
  // Distance from point p to rectangle r (0 inside).
  const dist = ([x, y], r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  // WCAG 2.5.8's inline exception: a link in a sentence, its height set by the line's. Here: an
  // inline <a> in a <p> that has words of its own besides its links, no taller than its line.
  const inSentence = (el, r) => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    let p = el.parentElement;
    while (p && getComputedStyle(p).display === 'inline') p = p.parentElement;
    if (!p || p.tagName !== 'P' || r.height > parseFloat(getComputedStyle(p).lineHeight)) return false;
    let rest = p.textContent;
    for (const t of p.querySelectorAll(TARGET)) rest = rest.replace(t.textContent, ' ');
    return (rest.match(/\p{L}{2,}/gu) || []).length >= 3;
  };
  const undersized = rects.map((r) => r.width < MIN - 0.01 || r.height < MIN - 0.01);
  const exempt = targets.map((el, i) => undersized[i] && inSentence(el, rects[i]));
  targets.forEach((el, i) => {
    const r = rects[i];
    out.targets.push(`${name(el)} ${r.width.toFixed(1)}x${r.height.toFixed(1)}${exempt[i] ? ' (inline in a sentence)' : ''}`);
    if (r.left < bound.left - 0.5 || r.right > bound.right + 0.5)
      out.unreachable.push(`${name(el)} at x ${Math.round(r.left)}..${Math.round(r.right)}, outside ${Math.round(bound.left)}..${Math.round(bound.right)}`);
    if (!undersized[i] || exempt[i]) return;
    // WCAG 2.5.8's spacing exception: a 24 px circle on this target's centre must not meet
    // another target, nor the circle of another undersized target.
    const c = centre(r);
    const clash = targets.findIndex((_, j) => {
      if (j === i || targets[j].contains(el) || el.contains(targets[j])) return false;
      const d = dist(c, rects[j]);
      if (d < MIN / 2) return true;
      return undersized[j] && Math.hypot(c[0] - centre(rects[j])[0], c[1] - centre(rects[j])[1]) < MIN;
    });
    if (clash >= 0) out.small.push(`${name(el)} is ${r.width.toFixed(1)}x${r.height.toFixed(1)} px, and too close to ${name(targets[clash])}`);
  });
  return out;
};

/** Opens every <details> in the widget, so the links inside are checked too. */
const OPEN_DETAILS = (sel) => {
  for (const d of document.querySelector(sel).shadowRoot.querySelectorAll('details')) d.open = true;
};

async function check(page, sel, frameSel, what) {
  await page.evaluate(OPEN_DETAILS, sel).catch(() => {});
  // Two frames: layout and the widget's resize settle.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const c = await page.evaluate(CHECK, [sel, frameSel, MIN]);
  if (process.env.WIDTHS_REPORT) console.log(`${what}: targets\n  ${c.targets.join('\n  ')}`);
  const problemsFound = [
    c.doc && `the document scrolls sideways: ${c.doc}`,
    c.frame && `the column scrolls sideways: ${c.frame}`,
    ...c.cards.map((x) => `card wider than its box: ${x}`),
    ...c.poking.map((x) => `pokes out: ${x}`),
    ...c.overflowing.map((x) => `overflows: ${x}`),
    ...c.unreachable.map((x) => `control out of reach: ${x}`),
    ...c.small.map((x) => `target under ${MIN} px: ${x}`),
  ].filter(Boolean);
  assert.deepEqual(problemsFound, [], `${what}: ${problemsFound.length} problem(s)`);
  assert.ok(c.targets.length > 0, `${what}: no control found`);
  return c;
}

async function fill(page, sel, text) {
  const box = (await page.evaluateHandle((s) => document.querySelector(s).shadowRoot.querySelector('[data-testid="query"]'), sel)).asElement();
  await box.fill(text);
}

// ---- the tests ----

describe('phones and narrow columns: nothing scrolls sideways, every control is 24 px or more', () => {
  let server;
  let browser;
  let cases;
  before(async () => {
    server = await startServer();
    browser = await launch();
    cases = await inputs();
    await mkdir(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const width of [320, 375, 768]) {
    test(`the page at ${width} px: the plain box, #code=415, then each hard input`, async () => {
      const page = await newPage(browser, { viewport: { width, height: 800 } });
      const sel = '[data-ams-errors-page]';
      // The plain box before the wasm (held back until it has been checked).
      let release;
      const gate = new Promise((r) => (release = r));
      await page.route('**/*.wasm', async (route) => (await gate, route.continue()));
      await page.goto(server.url(SUBPATH + 'index.html#code=415'));
      await page.locator('#ams-errors-prebox').waitFor();
      await check(page, sel, null, `${width} px, the plain box before the wasm`);
      if (width === 320) await page.screenshot({ path: join(SHOTS, 'page-320-prebox.png'), fullPage: true });
      release();
      await waitWidget(page, sel, (s) => s.findings.some((f) => f.code === '415'), 'the deep link #code=415');
      await check(page, sel, null, `${width} px, #code=415`);
      if (width === 320) await page.screenshot({ path: join(SHOTS, 'page-320-415.png'), fullPage: true });
      for (const c of cases) {
        await fill(page, sel, c.text);
        await waitWidget(page, sel, c.done, c.id);
        await check(page, sel, null, `${width} px, ${c.id}`);
        if (width === 320) await page.screenshot({ path: join(SHOTS, `page-320-${c.id}.png`), fullPage: true });
      }
      // The copy fallback: with copying refused, the link shows in a field of its own.
      await fill(page, sel, cases[0].text);
      await waitWidget(page, sel, cases[0].done, 'curl again');
      await page.evaluate((s) => {
        navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
        document.querySelector(s).shadowRoot.querySelector('[data-testid="share"]').click();
      }, sel);
      await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('input[readonly]'), sel);
      await check(page, sel, null, `${width} px, after "Copy link"`);
      if (width === 320) await page.screenshot({ path: join(SHOTS, 'page-320-share.png'), fullPage: true });
      assert.deepEqual(await problems(page), []);
      assertNoPanic(page);
      await page.context().close();
    });
  }

  test('a widget in a 300 px column of a host page (embed.js, data-ams-errors)', async () => {
    const page = await newPage(browser, { viewport: { width: 1000, height: 800 } });
    const sel = '#col';
    let release;
    const gate = new Promise((r) => (release = r));
    await page.route('**/*.wasm', async (route) => (await gate, route.continue()));
    await page.goto(server.url('/column.html'));
    await page.locator('#col > textarea[data-ams-errors-prebox]').waitFor();
    const standIn = await page.locator('#col > textarea').boundingBox();
    await page.locator('.side').screenshot({ path: join(SHOTS, 'column-prebox.png') });
    assert.ok(standIn.width <= 300 && standIn.height >= MIN, `the stand-in box is ${standIn.width}x${standIn.height}`);
    release();
    await waitWidget(page, sel, (s) => s.mounted, 'the widget');
    await check(page, sel, '.side', 'column, empty');
    await page.locator('.side').screenshot({ path: join(SHOTS, 'column-empty.png') });
    for (const c of cases) {
      await fill(page, sel, c.text);
      await waitWidget(page, sel, c.done, c.id);
      await check(page, sel, '.side', `column, ${c.id}`);
      await page.locator('.side').screenshot({ path: join(SHOTS, `column-${c.id}.png`) });
    }
    assert.deepEqual(await problems(page), []);
    assertNoPanic(page);
    await page.context().close();
  });
});
