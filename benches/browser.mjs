// Browser benchmark (not a test): diagnosing a 2 MB HAR paste in headless Chromium, against the
// same browser's JSON.parse of the same text, in the same page and run. Prints medians and the
// ratio. Needs a release build in dist/ (trunk build --release). Run: node benches/browser.mjs
import { startServer, SUBPATH } from '../tests/e2e/server.mjs';
import { launch } from '../tests/e2e/helpers.mjs';

const ROUNDS = 7;

// A HAR of about 2 MB: media segment requests with base64 bodies, three failing with origin
// error bodies (the shape of what people export from devtools).
const makeHar = () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const host = 'https://contoso-usea.streaming.media.azure.net/2f4e6a1c-0b1d-4c3e-9f8a-5d6e7f809a1b/video.ism';
  const entries = [];
  for (let n = 1; JSON.stringify(entries).length < 1_700_000; n++) {
    let body = '';
    for (let i = 0; i < 900; i++) body += b64[Math.floor(rnd() * 64)];
    entries.push({
      startedDateTime: '2024-05-01T10:00:00.000Z', time: 12.5,
      request: { method: 'GET', url: `${host}/QualityLevels(800000)/Fragments(video=${n * 20000000},format=m3u8-cmaf)`,
        httpVersion: 'HTTP/2', headers: [{ name: 'accept', value: '*/*' }], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
      response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/2', headers: [{ name: 'content-type', value: 'video/mp4' }],
        content: { size: 900, mimeType: 'video/mp4', text: body, encoding: 'base64' }, redirectURL: '', headersSize: -1, bodySize: 900 },
      cache: {}, timings: { send: 0.1, wait: 20, receive: 3 },
    });
  }
  const fail = [['MPE_ENC_ENCRYPTION_REQUIRED', 403], ['MPE_STORAGE_AUTHENTICATION_FAILED', 403], ['MPE_FRAGMENT_NOT_READY', 412]];
  fail.forEach(([code, status], k) => {
    const e = entries[Math.floor((entries.length - 1) * (k + 1) / 4)];
    e.response.status = status;
    e.response.content = { size: 300, mimeType: 'application/xml', text: `<serverError><status>${status}</status><subStatus>0</subStatus><hresult>${code}</hresult></serverError>` };
  });
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries } }, null, 2);
};

const MEASURE = async ({ text, codes, rounds }) => {
  const host = document.querySelector('[data-ams-errors-page]');
  const box = host.shadowRoot.querySelector('[data-testid="query"]');
  const have = () => {
    const shown = new Set([...host.shadowRoot.querySelectorAll('[data-testid="finding"]')].map((f) => f.dataset.code));
    return codes.every((c) => shown.has(c));
  };
  const settle = (t0) => new Promise((resolve) => {
    const tick = () => (have() ? resolve(performance.now() - t0) : requestAnimationFrame(tick));
    queueMicrotask(tick);
  });
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const diag = [], parse = [];
  for (let i = 0; i <= rounds; i++) {
    let t0 = performance.now();
    JSON.parse(text);
    const p = performance.now() - t0;
    box.value = '';
    box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await new Promise((r) => setTimeout(r, 50));
    box.value = text; // the browser's own cost of filling a textarea is not the widget's
    t0 = performance.now();
    box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
    const d = await settle(t0);
    if (i > 0) { diag.push(d); parse.push(p); } // round 0 warms up
  }
  return { diag: median(diag), parse: median(parse), all: diag };
};

const server = await startServer({ examples: false });
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(server.url(`${SUBPATH}index.html`));
  await page.waitForFunction(() => document.querySelector('[data-ams-errors-page]')?.shadowRoot?.querySelector('[data-testid="query"]'));
  const text = makeHar();
  const r = await page.evaluate(MEASURE, { text, codes: ['MPE_ENC_ENCRYPTION_REQUIRED', 'MPE_STORAGE_AUTHENTICATION_FAILED', 'MPE_FRAGMENT_NOT_READY'], rounds: ROUNDS });
  console.log(`HAR ${(text.length / 1048576).toFixed(2)} MB, ${ROUNDS} rounds after a warm-up`);
  console.log(`diagnose (input event to all three findings shown): median ${r.diag.toFixed(1)} ms  [${r.all.map((x) => x.toFixed(1)).join(', ')}]`);
  console.log(`JSON.parse of the same text:                      median ${r.parse.toFixed(1)} ms`);
  console.log(`ratio: ${(r.diag / r.parse).toFixed(1)} x JSON.parse`);
} finally {
  await browser.close();
  await server.close();
}
