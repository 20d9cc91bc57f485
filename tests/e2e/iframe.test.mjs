// examples/iframe.html: index.html?embed=1#code=415 in an <iframe>. The bare widget (no page
// chrome) shows the deep link, posts { type: "ams-errors:resize", height } to the parent whenever
// its height changes, and the host's few lines size the frame (ignoring other senders).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { assertNoPanic, foreignRequests, hasStatus, launch, messages, newPage, problems, shot, typeInto, waitWidget, widgetState, serveAndLaunch } from './helpers.mjs';

const resizes = async (page) => (await messages(page)).filter((m) => m.data && m.data.type === 'ams-errors:resize');
const frameHeight = (page) => page.evaluate(() => document.getElementById('ams-errors-frame').getBoundingClientRect().height);
const widgetFrame = (page) => page.frames().find((f) => f.url().includes('embed=1'));

async function settled(page) {
  // Wait until the frame has been sized to the last height posted, and stays so.
  let last = null;
  for (let i = 0; i < 100; i++) {
    const m = await resizes(page);
    const h = m.length ? m[m.length - 1].data.height : null;
    const fh = await frameHeight(page);
    const key = `${m.length}:${h}:${fh}`;
    if (h && Math.abs(fh - h) < 1 && key === last) return { height: h, count: m.length };
    last = key;
    await page.waitForTimeout(100);
  }
  assert.fail(`the frame was never sized to the posted height: ${JSON.stringify(await resizes(page))}, frame ${await frameHeight(page)}`);
}

describe('iframe.html: the ?embed=1 frame', () => {
  let server;
  let browser;
  serveAndLaunch((s, b) => {
    server = s;
    browser = b;
  });

  test('shows #code=415 bare, posts its height, and the host sizes the frame to fit', async () => {
    server.requests.length = 0;
    const page = await newPage(browser);
    await page.goto(server.url('/iframe.html'));
    const frame = widgetFrame(page);
    assert.ok(frame, 'no ?embed=1 frame');
    await waitWidget(frame, '#ams-errors', hasStatus(415), 'the 415 deep link inside the frame');
    const chrome = await frame.evaluate(() => ({
      embed: document.documentElement.getAttribute('data-embed'),
      head: getComputedStyle(document.querySelector('.page-head')).display,
      foot: getComputedStyle(document.querySelector('.page-foot')).display,
    }));
    assert.deepEqual(chrome, { embed: '1', head: 'none', foot: 'none' }, 'page chrome shows in embed mode');

    const first = await settled(page);
    assert.ok(first.height > 100, `posted height ${first.height}`);
    const msgs = await resizes(page);
    assert.ok(msgs.every((m) => m.origin === server.origin && m.data.height > 0 && Number.isFinite(m.data.height)));
    // The frame shows all of its content: no inner scrolling.
    const inner = await frame.evaluate(() => [document.documentElement.scrollHeight, innerHeight]);
    assert.ok(inner[0] <= inner[1] + 1, `the frame content (${inner[0]} px) overflows the frame (${inner[1]} px)`);
    // No resize loop: once sized, the frame stops posting.
    await page.waitForTimeout(600);
    assert.equal((await resizes(page)).length, first.count, 'the frame keeps posting heights');

    assert.equal(server.requests.filter((p) => p.endsWith('.wasm')).length, 1);
    assert.deepEqual(foreignRequests(page, [server.origin]), [], 'no request may leave the site');
    assert.deepEqual(await problems(page), []);
    assertNoPanic(page);
    console.log('screenshot:', await shot(page, 'iframe'));
    await page.context().close();
  });

  test('posts again when the content grows and shrinks; the frame follows; host URL untouched', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/iframe.html'));
    const frame = widgetFrame(page);
    await waitWidget(frame, '#ams-errors', hasStatus(415), '415');
    const first = await settled(page);

    await typeInto(frame, '#ams-errors', 'x-ms-error-code: MPE_ENC_ENCRYPTION_REQUIRED\n404\nLiveEventEncoderDisconnected\n0x8088024C');
    await waitWidget(frame, '#ams-errors', (s) => s.findings.length >= 3, 'several findings');
    const grown = await settled(page);
    assert.ok(grown.count > first.count && grown.height > first.height + 100,
      `no bigger height posted: ${first.height} -> ${grown.height}`);

    await typeInto(frame, '#ams-errors', '');
    await waitWidget(frame, '#ams-errors', (s) => s.findings.length === 0, 'an empty widget');
    const shrunk = await settled(page);
    assert.ok(shrunk.height < first.height, `no smaller height posted: ${shrunk.height} vs ${first.height}`);
    assert.equal(await page.evaluate(() => location.hash), '', "the frame's hash sync reached the host URL");
    assertNoPanic(page);
    await page.context().close();
  });

  test("the host's listener ignores resize messages that do not come from the frame", async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/iframe.html'));
    await waitWidget(widgetFrame(page), '#ams-errors', hasStatus(415), '415');
    const { height } = await settled(page);
    await page.evaluate(() => window.postMessage({ type: 'ams-errors:resize', height: 5 }, '*'));
    await page.waitForTimeout(200);
    assert.ok(Math.abs((await frameHeight(page)) - height) < 1, 'a message from another window resized the frame');
    await page.context().close();
  });

  test("under a strict host CSP the iframe way needs only frame-src (and the listener's script)", async () => {
    const policy = "default-src 'none'; frame-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'";
    const page = await newPage(browser);
    await page.route('**/iframe.html', async (route) => {
      const res = await route.fetch();
      const html = (await res.text()).replace('<head>', `<head>\n  <meta http-equiv="Content-Security-Policy" content="${policy}">`);
      await route.fulfill({ response: res, body: html });
    });
    await page.goto(server.url('/iframe.html'));
    await waitWidget(widgetFrame(page), '#ams-errors', hasStatus(415), '415 in the frame under the host CSP');
    await settled(page);
    assert.deepEqual(await problems(page), [], 'CSP violations or errors');
    await page.context().close();
  });

  test('index.html (not framed) keeps its page chrome and posts nothing', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/help/ams-errors/index.html?embed=1#code=404'));
    await waitWidget(page, '#ams-errors', hasStatus(404), '404 at top level with ?embed=1');
    await page.waitForTimeout(300);
    assert.deepEqual(await resizes(page), [], 'a top-level page posted to itself');
    await page.goto(server.url('/help/ams-errors/index.html#code=404'));
    await waitWidget(page, '#ams-errors', hasStatus(404), '404 on the standalone page');
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.page-head')).display), 'block');
    assert.ok((await widgetState(page, '#ams-errors')).mounted);
    await page.context().close();
  });
});
