// examples/plain.html: the loader auto-mounts [data-ams-errors] (data-query, data-theme), from
// dist/ served under a sub-path; the wasm is fetched once; theming custom properties apply; the
// host's styles, DOM and URL are left alone; no request leaves the site.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, SUBPATH } from './server.mjs';
import {
  assertNoPanic, diffSnapshots, foreignRequests, hasCode, hasStatus, hostBeforeAfter, hostSnapshot, launch, newPage, problems,
  shot, typeInto, waitWidget, widgetState, widgetStyles, serveAndLaunch } from './helpers.mjs';

describe('plain.html: one widget from data attributes', () => {
  let server;
  let browser;
  serveAndLaunch((s, b) => {
    server = s;
    browser = b;
  });

  test('auto-mounts with data-query="415" and data-theme="light", served from /help/ams-errors/', async () => {
    server.requests.length = 0;
    const page = await newPage(browser, { colorScheme: 'dark' });
    await page.goto(server.url('/plain.html'));
    const s = await waitWidget(page, '[data-ams-errors]', (x) => hasStatus(415)(x) && x.query === '415',
      'the 415 finding, and data-query in the box');
    assert.equal(s.theme, 'light', 'data-theme="light" wins over a dark system setting');
    const bg = await widgetStyles(page, '[data-ams-errors]', { '.ams-errors': ['background-color'] });
    assert.equal(bg['.ams-errors']['background-color'], 'rgb(255, 255, 255)');

    // Sub-path: every dist/ file came from /help/ams-errors/, nothing 404'd at the site root.
    const distFiles = server.requests.filter((p) => p.startsWith(SUBPATH));
    assert.ok(distFiles.includes(SUBPATH + 'embed.js'), `requests: ${server.requests}`);
    assert.equal(distFiles.filter((p) => p.endsWith('.wasm')).length, 1, 'the wasm is fetched exactly once');
    const outside = server.requests.filter((p) => !p.startsWith(SUBPATH) && p !== '/plain.html' && p !== '/favicon.ico');
    assert.deepEqual(outside, [], 'a widget asset was requested outside the sub-path');
    assert.deepEqual(foreignRequests(page, [server.origin]), [], 'no request may leave the site');
    assert.deepEqual(await problems(page), []);
    assertNoPanic(page);
    console.log('screenshot:', await shot(page, 'plain'));
    await page.context().close();
  });

  test('theming custom properties set by the host reach the widget', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/plain.html'));
    await waitWidget(page, '[data-ams-errors]', hasStatus(415), 'the 415 finding');
    const st = await widgetStyles(page, '[data-ams-errors]', {
      '.ams-errors': ['font-family', 'border-top-left-radius'],
      '[data-testid="finding"] a': ['color'],
    });
    assert.match(st['.ams-errors']['font-family'], /Trebuchet MS/, '--ams-errors-font');
    assert.equal(st['.ams-errors']['border-top-left-radius'], '4px', '--ams-errors-radius');
    if (st['[data-testid="finding"] a']) {
      assert.equal(st['[data-testid="finding"] a'].color, 'rgb(123, 44, 191)', '--ams-errors-accent (#7b2cbf)');
    }
    await page.context().close();
  });

  test('the host page is untouched: styles, DOM, style sheets, URL and history', async () => {
    const { page, before: b, after: a } = await hostBeforeAfter(browser, server.url('/plain.html#contact'), {
      ready: (p) => waitWidget(p, '[data-ams-errors]', hasStatus(415), 'the 415 finding'),
    });
    assert.deepEqual(diffSnapshots(b, a), [], 'the widget changed the host page');
    const historyBefore = await page.evaluate(() => history.length);
    await typeInto(page, '[data-ams-errors]', 'MPE_ENC_ENCRYPTION_REQUIRED');
    await waitWidget(page, '[data-ams-errors]', hasCode('MPE_ENC_ENCRYPTION_REQUIRED'), 'the typed code');
    assert.equal(await page.evaluate(() => location.hash), '#contact', 'the host hash is left alone');
    assert.equal(await page.evaluate(() => history.length), historyBefore, 'no history entry');
    assert.deepEqual(diffSnapshots(b, await hostSnapshot(page)), [], 'typing changed the host page');
    await page.context().close();
  });

  test('without syncHash, a #code= in the host URL is neither read nor rewritten', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/plain.html#code=404'));
    const s = await waitWidget(page, '[data-ams-errors]', hasStatus(415), 'the data-query finding');
    assert.ok(!s.findings.some((f) => f.status === '404'), 'the widget followed the host hash');
    await typeInto(page, '[data-ams-errors]', '0x8088024C');
    await waitWidget(page, '[data-ams-errors]', (x) => x.findings.some((f) => f.hresult === '0x8088024C'), '0x8088024C');
    assert.equal(await page.evaluate(() => location.hash), '#code=404');
    await page.context().close();
  });

  test('an element added later with data-ams-errors is mounted too; one wasm fetch for all', async () => {
    server.requests.length = 0;
    const page = await newPage(browser);
    await page.goto(server.url('/plain.html'));
    await waitWidget(page, '[data-ams-errors]', hasStatus(415), 'the first widget');
    await page.evaluate(() => {
      const el = document.createElement('div');
      el.id = 'late';
      el.setAttribute('data-ams-errors', '');
      el.dataset.query = 'LiveEventEncoderDisconnected';
      el.dataset.theme = 'dark';
      document.body.append(el);
    });
    const s = await waitWidget(page, '#late', (x) => x.findings.some((f) => f.kind === 'live'), 'a live finding');
    assert.equal(s.theme, 'dark');
    assert.equal(server.requests.filter((p) => p.endsWith('.wasm')).length, 1, 'the wasm is fetched exactly once');
    // The first widget is unaffected.
    assert.ok(hasStatus(415)(await widgetState(page, '.help-widget')));
    assertNoPanic(page);
    await page.context().close();
  });

  test('a bad data-theme is reported as a clear console error naming the option, no panic', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/plain.html'));
    await waitWidget(page, '[data-ams-errors]', hasStatus(415), 'the first widget');
    await page.evaluate(() => {
      const el = document.createElement('div');
      el.id = 'bad';
      el.setAttribute('data-ams-errors', '');
      el.dataset.theme = 'purple';
      document.body.append(el);
    });
    await page.waitForTimeout(300);
    const err = page.log.console.find((l) => /theme/.test(l));
    assert.ok(err, `no console error for data-theme="purple": ${page.log.console}`);
    assert.match(err, /"light", "dark", "auto"/);
    assert.equal((await widgetState(page, '#bad')).mounted, false);
    assertNoPanic(page);
    await page.context().close();
  });
});
