// First view: the box is there before the wasm. The standalone page's HTML holds a plain box and
// embed.js puts one in each embedded widget's place at once; what a person types there before the
// wasm arrives (held back here on purpose) is taken over by the widget, with focus and caret,
// and a deep link wins over it. The module glue and the wasm are fetched side by side.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SUBPATH } from './server.mjs';
import { assertNoPanic, hasCode, newPage, problems, serveAndLaunch, waitWidget } from './helpers.mjs';

/** Holds every request for the wasm until `release()` is called. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route('**/*.wasm', async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

describe('first view: a box to paste into before the wasm arrives', () => {
  let server;
  let browser;
  serveAndLaunch((s, b) => {
    server = s;
    browser = b;
  });

  test('the page: text typed before the wasm is diagnosed after, focus and caret kept', async () => {
    const page = await newPage(browser);
    const release = await holdWasm(page);
    await page.goto(server.url(SUBPATH + 'index.html'));
    await page.locator('#ams-errors-prebox').click();
    await page.keyboard.type('x-ms-error-code: MPE_ENC_ENCRYPTION_REQUIRED');
    assert.equal((await waitWidget(page, '[data-ams-errors-page]', () => true, 'state')).mounted, false, 'no widget before the wasm');
    const glueAsked = server.requests.some((p) => /\/ams-errors-[0-9a-f]{8}\.js$/.test(p));
    assert.ok(glueAsked, 'the glue is fetched while the wasm is still held');
    release();
    const typed = 'x-ms-error-code: MPE_ENC_ENCRYPTION_REQUIRED';
    await waitWidget(page, '[data-ams-errors-page]', (x) => hasCode('MPE_ENC_ENCRYPTION_REQUIRED')(x) && x.query === typed,
      'the pre-typed text in the box and its code found');
    assert.equal(await page.locator('#ams-errors-prebox').count(), 0, 'the plain box is gone');
    const focus = await page.evaluate(() => {
      const a = document.querySelector('[data-ams-errors-page]').shadowRoot.activeElement;
      return a && { testid: a.getAttribute('data-testid'), caret: a.selectionStart, len: a.value.length };
    });
    assert.deepEqual(focus, { testid: 'query', caret: 44, len: 44 }, 'focus and caret moved to the widget box');
    await page.waitForFunction(() => /#code=MPE_ENC_ENCRYPTION_REQUIRED/.test(location.hash));
    assert.deepEqual(await problems(page), []);
    assertNoPanic(page);
    await page.context().close();
  });

  test('the page: a deep link wins over text typed before the wasm', async () => {
    const page = await newPage(browser);
    const release = await holdWasm(page);
    await page.goto(server.url(SUBPATH + 'index.html#code=415'));
    await page.locator('#ams-errors-prebox').fill('MPE_FRAGMENT_NOT_READY');
    release();
    await waitWidget(page, '[data-ams-errors-page]', (x) => x.query === '415' && x.findings.map((f) => f.code).join() === '415',
      'the deep link, not the text typed before the wasm');
    await page.context().close();
  });

  test('an embedded widget: a stand-in box at once, its text taken over', async () => {
    const page = await newPage(browser);
    const release = await holdWasm(page);
    await page.goto(server.url('/plain.html'));
    const standIn = page.locator('[data-ams-errors] > textarea[data-ams-errors-prebox]');
    await standIn.waitFor();
    assert.equal(await standIn.inputValue(), '415', 'the stand-in starts with data-query');
    await standIn.fill('MPE_STORAGE_CONFLICT');
    release();
    await waitWidget(page, '[data-ams-errors]', (x) => hasCode('MPE_STORAGE_CONFLICT')(x) && x.query === 'MPE_STORAGE_CONFLICT',
      'the text typed into the stand-in, in the box and found');
    assert.equal(await standIn.count(), 0, 'the stand-in is gone');
    assert.deepEqual(await problems(page), []);
    await page.context().close();
  });
});
