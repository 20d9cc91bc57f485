// examples/scripted.html: a host mounts two widgets from its own module with mount(element,
// options). Covers the options (query, theme, syncHash), clear errors for bad options (never a
// panic), handle.setQuery and handle.unmount, independence of several widgets, one wasm fetch,
// and syncHash: true keeping the host's #code= current (and reading it on load).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import {
  assertNoPanic, diffSnapshots, hasStatus, hostBeforeAfter, launch, newPage, problems, shot, typeInto, waitWidget,
  widgetState, widgetStyles, serveAndLaunch } from './helpers.mjs';

const TICKET = '#ticket-widget';
const LOG = '#log-widget';
const hasHresult = (h) => (s) => s.findings.some((f) => f.hresult === h);
const bothReady = async (p) => {
  await waitWidget(p, TICKET, hasStatus(415), 'the ticket widget (query 415)');
  await waitWidget(p, LOG, hasHresult('0x8088024C'), 'the log widget (query 0x8088024C)');
};

describe('scripted.html: mount() from the host\'s own module', () => {
  let server;
  let browser;
  serveAndLaunch((s, b) => {
    server = s;
    browser = b;
  });

  test('two widgets from mount() options; the wasm is fetched and instantiated once', async () => {
    server.requests.length = 0;
    const page = await newPage(browser);
    await page.goto(server.url('/scripted.html'));
    await bothReady(page);
    assert.equal((await widgetState(page, TICKET)).theme, 'auto', 'default theme');
    assert.equal((await widgetState(page, LOG)).theme, 'dark', 'theme: "dark"');
    const dark = await widgetStyles(page, LOG, { '.ams-errors': ['background-color'] });
    assert.equal(dark['.ams-errors']['background-color'], 'rgb(13, 17, 23)');
    assert.equal(server.requests.filter((p) => p.endsWith('.wasm')).length, 1, `requests: ${server.requests}`);
    assert.equal(server.requests.filter((p) => /\/ams-errors-[0-9a-f]{8}\.js$/.test(p)).length, 1);
    // The page's own bad-option demo shows the error message, naming the option.
    assert.match(await page.textContent('#status'), /option `theme` to be one of "light", "dark", "auto"/);
    assert.deepEqual(await problems(page), []);
    assertNoPanic(page);
    console.log('screenshot:', await shot(page, 'scripted'));
    await page.context().close();
  });

  test('bad arguments reject with an Error naming the option and what was expected, no panic', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/scripted.html'));
    await bothReady(page);
    const results = await page.evaluate(async () => {
      const { mount } = await import('/help/ams-errors/embed.js');
      const el = () => document.body.appendChild(document.createElement('div'));
      const cases = {
        'theme: 42': () => mount(el(), { theme: 42 }),
        'theme: "purple"': () => mount(el(), { theme: 'purple' }),
        'syncHash: "yes"': () => mount(el(), { syncHash: 'yes' }),
        'query: 415 (a number)': () => mount(el(), { query: 415 }),
        'bogus: 1': () => mount(el(), { bogus: 1 }),
        'options "dark"': () => mount(el(), 'dark'),
        'a selector string': () => mount('#ticket-widget', {}),
        null: () => mount(null, {}),
        'an element already mounted': () => mount(document.getElementById('ticket-widget'), {}),
      };
      const out = {};
      for (const [name, run] of Object.entries(cases)) {
        try {
          await run();
          out[name] = { ok: true };
        } catch (e) {
          out[name] = { isError: e instanceof Error, message: String(e && e.message) };
        }
      }
      return out;
    });
    const expect = {
      'theme: 42': [/`theme`/, /"light", "dark", "auto"/, /number 42/],
      'theme: "purple"': [/`theme`/, /"light", "dark", "auto"/, /purple/],
      'syncHash: "yes"': [/`syncHash`/, /true or false/, /"yes"/],
      'query: 415 (a number)': [/`query`/, /a string/],
      'bogus: 1': [/`bogus`/, /query, theme and syncHash/],
      'options "dark"': [/options must be an object/],
      'a selector string': [/DOM element/],
      null: [/DOM element/],
      'an element already mounted': [/already hosts a widget/, /unmount\(\)/],
    };
    for (const [name, res] of Object.entries(results)) {
      assert.ok(!res.ok, `${name}: was accepted`);
      assert.ok(res.isError, `${name}: rejected with a non-Error: ${res.message}`);
      for (const re of expect[name]) assert.match(res.message, re, `${name}: ${res.message}`);
      assert.doesNotMatch(res.message, /unreachable|panicked/i);
    }
    // Nothing was half-mounted by a failed call, and the two widgets still work.
    const leftovers = await page.evaluate(() =>
      [...document.querySelectorAll('body > div')].filter((d) => d.shadowRoot || d.hasAttribute('data-ams-errors-mounted')).length,
    );
    assert.equal(leftovers, 0, 'a rejected mount() left a shadow root or marker behind');
    await typeInto(page, TICKET, '404');
    await waitWidget(page, TICKET, hasStatus(404), '404 after the bad calls');
    assertNoPanic(page);
    await page.context().close();
  });

  test('several widgets are independent: typing in one leaves the other alone', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/scripted.html'));
    await bothReady(page);
    const logBefore = await widgetState(page, LOG);
    await typeInto(page, TICKET, 'MPE_INGEST_CODEC_NOT_SUPPORTED');
    await waitWidget(page, TICKET, (s) => s.findings.some((f) => f.code === 'MPE_INGEST_CODEC_NOT_SUPPORTED'), 'the typed code');
    assert.deepEqual(await widgetState(page, LOG), logBefore, 'typing in the first widget changed the second');
    await typeInto(page, LOG, '');
    await waitWidget(page, LOG, (s) => s.findings.length === 0, 'an empty second widget');
    const ticket = await widgetState(page, TICKET);
    assert.equal(ticket.query, 'MPE_INGEST_CODEC_NOT_SUPPORTED', 'clearing the second widget changed the first');
    assertNoPanic(page);
    await page.context().close();
  });

  test('handle.setQuery() updates its widget; handle.unmount() empties its element; it can be mounted again', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/scripted.html'));
    await bothReady(page);
    await page.click('#show-404'); // log.setQuery('404')
    const s = await waitWidget(page, LOG, (x) => hasStatus(404)(x) && x.query === '404', '404 in the box and a 404 finding');
    assert.ok(!hasHresult('0x8088024C')(s), 'the old finding stayed');
    assert.ok(hasStatus(415)(await widgetState(page, TICKET)), 'setQuery on one handle changed the other widget');

    await page.click('#remove'); // log.unmount()
    const empty = await page.evaluate((sel) => {
      const e = document.querySelector(sel);
      return { children: e.children.length, shadow: e.shadowRoot ? e.shadowRoot.childNodes.length : 0,
        sheets: e.shadowRoot ? e.shadowRoot.adoptedStyleSheets.length : 0, text: e.textContent };
    }, LOG);
    assert.deepEqual(empty, { children: 0, shadow: 0, sheets: 0, text: '' }, 'unmount() left something behind');
    assert.ok(hasStatus(415)(await widgetState(page, TICKET)), 'unmounting one widget broke the other');

    const after = await page.evaluate(async (sel) => {
      const out = {};
      try { window.amsErrorsDemo.log.setQuery('415'); } catch (e) { out.setQueryAfterUnmount = e.message; }
      window.amsErrorsDemo.log.unmount(); // twice is harmless
      const { mount } = await import('/help/ams-errors/embed.js');
      window.again = await mount(document.querySelector(sel), { query: 'LiveEventEncoderDisconnected' });
      return out;
    }, LOG);
    assert.match(after.setQueryAfterUnmount, /unmounted/, 'setQuery after unmount should say so');
    await waitWidget(page, LOG, (x) => x.findings.some((f) => f.kind === 'live'), 'a live finding after mounting again');
    assert.match(await page.evaluate(() => window.again.setQuery(42)).catch((e) => e.message), /expected a string/);
    assertNoPanic(page);
    await page.context().close();
  });

  test('syncHash: true keeps the host #code= current with replaceState (codes only); false leaves it', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/scripted.html'));
    await bothReady(page);
    const len = await page.evaluate(() => history.length);
    assert.equal(await page.evaluate(() => location.hash), '', 'mounting wrote to the URL');
    // The unsynced widget never touches the URL.
    await typeInto(page, LOG, '404');
    await waitWidget(page, LOG, hasStatus(404), '404');
    assert.equal(await page.evaluate(() => location.hash), '');
    // The synced one writes the identified code, never the pasted text (which may hold secrets).
    await typeInto(page, TICKET, 'GET /v1/manifest HTTP/1.1\nAuthorization: Bearer sekrit-token-123\n\nHTTP/1.1 415 Unsupported Media Type\nx-ms-error-code: MPE_ENC_ENCRYPTION_REQUIRED');
    await waitWidget(page, TICKET, (s) => s.findings.some((f) => f.code === 'MPE_ENC_ENCRYPTION_REQUIRED'), 'the pasted code');
    await page.waitForFunction(() => location.hash.startsWith('#code='));
    const hash = await page.evaluate(() => location.hash);
    assert.match(hash, /MPE_ENC_ENCRYPTION_REQUIRED/);
    assert.doesNotMatch(decodeURIComponent(hash), /sekrit|Bearer|manifest/);
    assert.equal(await page.evaluate(() => history.length), len, 'typing added history entries');
    assertNoPanic(page);
    await page.context().close();
  });

  test('syncHash: true reads the host #code= on load (it wins over query); the other widget ignores it', async () => {
    const page = await newPage(browser);
    await page.goto(server.url('/scripted.html#code=404'));
    await waitWidget(page, TICKET, hasStatus(404), '404 from the host URL');
    const t = await widgetState(page, TICKET);
    assert.ok(!hasStatus(415)(t), 'query: "415" won over the deep link');
    await waitWidget(page, LOG, hasHresult('0x8088024C'), 'the second widget keeps its own query');
    assert.ok(!hasStatus(404)(await widgetState(page, LOG)));
    assert.equal(await page.evaluate(() => location.hash), '#code=404');
    await page.context().close();
  });

  test('the host page is untouched by two mounted widgets', async () => {
    const { page, before: b, after: a } = await hostBeforeAfter(browser, server.url('/scripted.html'), {
      skip: [TICKET, LOG, '#status'],
      ready: bothReady,
    });
    assert.deepEqual(diffSnapshots(b, a), []);
    await page.context().close();
  });
});
