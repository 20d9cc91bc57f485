// examples/cross-origin.html: the host page on one origin, dist/ on another (two loopback
// servers, two ports). With Access-Control-Allow-Origin on dist/'s files the widget works, loads
// everything from dist/'s origin (under its sub-path) and fetches the wasm once; without the
// header it cannot load, which is why README names the header.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, SUBPATH } from './server.mjs';
import { assertNoPanic, foreignRequests, launch, newPage, problems, shot, waitWidget, widgetState } from './helpers.mjs';

const PLACEHOLDER = 'https://errors.example.com';
const W = '#widget';
const live = (s) => s.findings.some((f) => f.kind === 'live' && f.code === 'LiveEventEncoderDisconnected');

async function servers(cors) {
  const dist = await startServer({ examples: false });
  const host = await startServer({ dist: false, rewrite: [PLACEHOLDER, dist.origin] });
  dist.set({ cors: cors === 'HOST' ? host.origin : cors });
  return { dist, host, close: () => Promise.all([dist.close(), host.close()]) };
}

describe('cross-origin.html: dist/ served from another origin', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  for (const cors of ['*', 'HOST']) {
    test(`works with Access-Control-Allow-Origin: ${cors === 'HOST' ? "the host's origin" : cors}`, async () => {
      const s = await servers(cors);
      try {
        assert.notEqual(s.host.origin, s.dist.origin);
        const page = await newPage(browser);
        await page.goto(s.host.url('/cross-origin.html'));
        await waitWidget(page, W, live, 'the LiveEventEncoderDisconnected finding');
        assert.deepEqual(s.host.requests.filter((p) => p !== '/favicon.ico'), ['/cross-origin.html'], 'the host served widget files');
        assert.ok(s.dist.requests.every((p) => p.startsWith(SUBPATH)), `dist requests: ${s.dist.requests}`);
        assert.equal(s.dist.requests.filter((p) => p.endsWith('.wasm')).length, 1, 'the wasm is fetched exactly once');
        assert.deepEqual(foreignRequests(page, [s.host.origin, s.dist.origin]), []);
        assert.equal(await page.evaluate(() => location.hash), '');
        assert.deepEqual(await problems(page), []);
        assertNoPanic(page);
        if (cors === '*') console.log('screenshot:', await shot(page, 'cross-origin'));
        await page.context().close();
      } finally {
        await s.close();
      }
    });
  }

  test('without the CORS header the widget cannot load (module scripts and the wasm fetch are CORS requests)', async () => {
    const s = await servers(null);
    try {
      const page = await newPage(browser);
      await page.goto(s.host.url('/cross-origin.html'));
      await page.waitForTimeout(1500);
      assert.equal((await widgetState(page, W)).mounted, false, 'the widget loaded without Access-Control-Allow-Origin');
      assert.ok(page.log.console.some((l) => /CORS|Access-Control-Allow-Origin/.test(l)), `console: ${page.log.console}`);
      await page.context().close();
    } finally {
      await s.close();
    }
  });
});
