// examples/csp.html: a strict host Content-Security-Policy. The widget works with exactly
//   script-src <dist origin> 'wasm-unsafe-eval'; connect-src <dist origin>
// and nothing else (no style-src for it: its styles are a constructed sheet in its shadow root);
// dropping either of the two breaks it, which is what README says a host must allow.
// Also data-theme="auto" following the reader's colour scheme.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { assertNoPanic, cspViolations, foreignRequests, launch, newPage, problems, shot, waitWidget, widgetState, widgetStyles, serveAndLaunch } from './helpers.mjs';

const W = '[data-ams-errors]';
const CODE = 'MPE_INGEST_CODEC_NOT_SUPPORTED';
const POLICY = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'";
const found = (s) => s.findings.some((f) => f.code === CODE);

/** Load csp.html with its policy (and optionally its markup) rewritten. */
async function openWith(browser, server, edit, opts) {
  const page = await newPage(browser, opts);
  if (edit) {
    await page.route('**/csp.html', async (route) => {
      const res = await route.fetch();
      const body = edit(await res.text());
      await route.fulfill({ response: res, body });
    });
  }
  await page.goto(server.url('/csp.html'));
  return page;
}

describe('csp.html: a strict host CSP', () => {
  let server;
  let browser;
  serveAndLaunch((s, b) => {
    server = s;
    browser = b;
  });

  test('the example policy is the one documented, and the widget works with no violation', async () => {
    const page = await openWith(browser, server, (html) => {
      assert.ok(html.includes(`content="${POLICY}"`), 'examples/csp.html no longer carries the policy this test checks');
      return html;
    });
    await waitWidget(page, W, found, CODE);
    await page.waitForTimeout(300);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(await problems(page), []);
    assert.deepEqual(foreignRequests(page, [server.origin]), [], 'no request may leave the site');
    const st = await widgetStyles(page, W, { '.ams-errors': ['padding-top'], '[data-testid="query"]': ['font-size', 'rect'] });
    assert.equal(st['.ams-errors']['padding-top'], '16px', 'the widget is unstyled under the CSP');
    assert.equal(st['[data-testid="query"]']['font-size'], '15px');
    assertNoPanic(page);
    console.log('screenshot:', await shot(page, 'csp'));
    await page.context().close();
  });

  test("the widget needs no style-src at all (style-src 'none', no host sheet): still styled, no violation", async () => {
    const page = await openWith(browser, server, (html) =>
      html.replace("style-src 'self'", "style-src 'none'").replace(/<link rel="stylesheet"[^>]*>/, ''),
    );
    await waitWidget(page, W, found, CODE);
    await page.waitForTimeout(300);
    assert.deepEqual(await cspViolations(page), []);
    const st = await widgetStyles(page, W, { '.ams-errors': ['padding-top', 'font-size'] });
    assert.deepEqual(st['.ams-errors'], { 'padding-top': '16px', 'font-size': '16px' });
    await page.context().close();
  });

  for (const [what, from, to, directive] of [
    ["'wasm-unsafe-eval'", "script-src 'self' 'wasm-unsafe-eval'", "script-src 'self'", /script-src/],
    ["connect-src 'self'", "connect-src 'self'; ", '', /connect-src|default-src/],
  ]) {
    test(`without ${what} the widget cannot start (so README lists it)`, async () => {
      const page = await openWith(browser, server, (html) => html.replace(from, to));
      await page.waitForTimeout(1500);
      assert.equal((await widgetState(page, W)).mounted, false, `the widget started without ${what}`);
      const v = await cspViolations(page);
      assert.ok(v.some((l) => directive.test(l)), `expected a ${directive} violation, got ${JSON.stringify(v)}`);
      await page.context().close();
    });
  }

  test('data-theme="auto" follows the reader\'s colour scheme', async () => {
    for (const [scheme, bg] of [['dark', 'rgb(13, 17, 23)'], ['light', 'rgb(255, 255, 255)']]) {
      const page = await openWith(browser, server, null, { colorScheme: scheme });
      const s = await waitWidget(page, W, found, CODE);
      assert.equal(s.theme, 'auto');
      const st = await widgetStyles(page, W, { '.ams-errors': ['background-color'] });
      assert.equal(st['.ams-errors']['background-color'], bg, `${scheme} scheme`);
      if (scheme === 'dark') console.log('screenshot:', await shot(page, 'csp-auto-dark'));
      await page.context().close();
    }
  });
});
