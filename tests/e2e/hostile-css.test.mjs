// examples/hostile-css.html: a host with an `all: unset` reset, content-box everywhere, a 10px
// root font, text-transform and letter-spacing on body, and rules for textarea, button, h3, a.
// The widget keeps its own look and size, the host keeps its own styles and its own #hash.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import {
  assertNoPanic, diffSnapshots, hasCode, hostBeforeAfter, hostSnapshot, launch, problems, shot, typeInto,
  waitWidget, widgetStyles, serveAndLaunch } from './helpers.mjs';

const W = '#widget';
const ready = (p) => waitWidget(p, W, hasCode('MPE_ENC_ENCRYPTION_REQUIRED'), 'the data-query finding');

describe('hostile-css.html: aggressive host CSS', () => {
  let server;
  let browser;
  serveAndLaunch((s, b) => {
    server = s;
    browser = b;
  });

  test('the widget renders, dark, with its own sizes and fonts despite the host rules', async () => {
    const { page, before: b, after: a } = await hostBeforeAfter(browser, server.url('/hostile-css.html#pricing'), { ready });
    const st = await widgetStyles(page, W, {
      '.ams-errors': ['font-size', 'background-color', 'text-transform', 'letter-spacing', 'text-align', 'padding-top'],
      '[data-testid="query"]': ['rect', 'font-size', 'box-sizing', 'border-top-color', 'resize'],
      '[data-testid="finding"]': ['rect', 'text-transform', 'letter-spacing', 'font-size'],
      '[data-testid="finding"] h3': ['font-size', 'color', 'text-decoration-line'],
      '[data-testid="share"]': ['font-size', 'background-color', 'box-sizing'],
    });
    const root = st['.ams-errors'];
    assert.equal(root['font-size'], '16px', 'the host 10px font size reached the widget');
    assert.equal(root['background-color'], 'rgb(13, 17, 23)', 'data-theme="dark" background');
    assert.equal(root['padding-top'], '16px');
    for (const sel of ['.ams-errors', '[data-testid="finding"]']) {
      assert.equal(st[sel]['text-transform'], 'none', `${sel}: the host's text-transform leaked in`);
      assert.equal(st[sel]['letter-spacing'], 'normal', `${sel}: the host's letter-spacing leaked in`);
    }
    assert.equal(root['text-align'], 'start', "the host's text-align leaked in");
    const box = st['[data-testid="query"]'];
    assert.ok(box.rect[0] >= 300 && box.rect[1] >= 60, `the widget's textarea is ${box.rect} px`);
    assert.equal(box['font-size'], '15px');
    assert.equal(box['box-sizing'], 'border-box');
    assert.notEqual(box['border-top-color'], 'rgb(255, 0, 0)', "the host's red textarea border reached in");
    if (st['[data-testid="finding"] h3']) {
      assert.notEqual(st['[data-testid="finding"] h3']['font-size'], '40px', 'the host h3 rule reached in');
      assert.notEqual(st['[data-testid="finding"] h3'].color, 'rgb(255, 0, 255)');
    }
    assert.notEqual(st['[data-testid="share"]']['background-color'], 'rgb(0, 0, 0)', 'the host button rule reached in');
    assert.ok(st['[data-testid="finding"]'].rect[0] >= 300, 'the finding card is squeezed');

    assert.deepEqual(diffSnapshots(b, a), [], 'the widget changed the host page');
    // The host's own textarea and button still get the host's rules.
    const host = await page.evaluate(() => {
      const ta = getComputedStyle(document.getElementById('host-ta'));
      const h3 = getComputedStyle(document.getElementById('host-h3'));
      return { taWidth: ta.width, taSizing: ta.boxSizing, h3Size: h3.fontSize, htmlSize: getComputedStyle(document.documentElement).fontSize };
    });
    assert.deepEqual(host, { taWidth: '10px', taSizing: 'content-box', h3Size: '40px', htmlSize: '10px' });
    assert.deepEqual(await problems(page), []);
    assertNoPanic(page);
    console.log('screenshot:', await shot(page, 'hostile-css'));
    await page.context().close();
  });

  test("typing works and the host's #pricing hash and history are left alone", async () => {
    const { page, before: b } = await hostBeforeAfter(browser, server.url('/hostile-css.html#pricing'), { ready });
    const len = await page.evaluate(() => history.length);
    await typeInto(page, W, 'HTTP/1.1 415 Unsupported Media Type\nx-ms-error-code: MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL');
    await waitWidget(page, W, hasCode('MPE_ENC_ENCRYPTION_NOT_SPECIFIED_IN_URL'), 'the pasted code');
    assert.equal(await page.evaluate(() => location.hash), '#pricing');
    assert.equal(await page.evaluate(() => history.length), len);
    assert.deepEqual(diffSnapshots(b, await hostSnapshot(page)), [], 'typing changed the host page');
    // Clicking the host's own anchor still works as the host intends.
    await page.click('#host-link');
    assert.equal(await page.evaluate(() => location.hash), '#pricing');
    assertNoPanic(page);
    await page.context().close();
  });
});
