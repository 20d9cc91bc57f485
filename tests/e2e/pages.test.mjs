// The static pages crates/site writes into dist/ (codes/<NAME>.html, codes/index.html): axe-core
// finds no accessibility violation on the index and a sample of pages (an origin code, a live
// event, a live code, a bare status, a code wrapping a WinHTTP error, a name in two tables), in
// light and in dark; the pages follow the reader's colour scheme; they load no script and no wasm,
// only their own HTML and CSS, with no CSP violation; every link between them resolves; an
// embedded widget's cards link these pages; print hides the navigation, goes black on white and
// shows where links go.
// Serves AMS_DIST (default dist/) under a sub-path, as a help site would.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { ROOT, SUBPATH } from './server.mjs';
import { launch, newPage, problems, shot } from './helpers.mjs';

const DIST = resolve(process.env.AMS_DIST || join(ROOT, 'dist'));
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const SAMPLE = [
  'index',
  'MPE_ENC_ENCRYPTION_REQUIRED', // origin code
  'LiveEventEncoderDisconnected', // live event
  'MPE_RTMP_SESSION_IDLE_TIMEOUT', // live code
  '415', // bare status
  'MPE_STORAGE_SOCKET_TIMEOUT', // wraps a WinHTTP error
  'MPE_BAD_URL_SYNTAX', // one name, an origin and a live card
];
const SCHEMES = { light: 'rgb(255, 255, 255)', dark: 'rgb(13, 17, 23)' };
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** dist/ under SUBPATH, every request path recorded. */
async function serveDist() {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const file = path.startsWith(SUBPATH) && normalize(join(DIST, path.slice(SUBPATH.length) || 'index.html'));
    try {
      if (!file || !file.startsWith(DIST + sep) || !(await stat(file)).isFile()) throw new Error('not found');
      const type = TYPES[extname(file)] || 'application/octet-stream';
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(await readFile(file));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    requests,
    url: (p) => `${origin}${SUBPATH}${p}`,
    close: () => new Promise((ok) => (server.closeAllConnections(), server.close(() => ok()))),
  };
}

/** axe's violations on the loaded page, one readable line per failing node. */
async function axeViolations(page, source) {
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n}`));
}

describe('the static pages (codes/)', () => {
  let server;
  let browser;
  let axeSource;
  before(async () => {
    if (!existsSync(join(DIST, 'codes', 'index.html'))) {
      throw new Error(`${DIST}/codes/index.html is missing: run \`source scripts/env.sh && trunk build --release --offline\` (its post_build hook runs crates/site) or set AMS_DIST`);
    }
    if (!existsSync(AXE)) throw new Error(`${AXE} is missing: run \`npm ci\` (axe-core is in package.json)`);
    axeSource = await readFile(AXE, 'utf8');
    server = await serveDist();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const scheme of Object.keys(SCHEMES)) {
    for (const name of SAMPLE) {
      test(`${name}.html in ${scheme}: no axe violation, own theme, no script`, async () => {
        server.requests.length = 0;
        const page = await newPage(browser, { colorScheme: scheme });
        const res = await page.goto(server.url(`codes/${name}.html`));
        assert.equal(res.status(), 200);
        await page.waitForLoadState('load');
        const look = await page.evaluate(() => ({
          bg: getComputedStyle(document.body).backgroundColor,
          html: getComputedStyle(document.documentElement).backgroundColor,
          scripts: document.scripts.length,
          findings: [...document.querySelectorAll('[data-testid="finding"]')].map((f) => f.getAttribute('data-code')),
          h1: document.querySelectorAll('h1').length,
        }));
        assert.equal(look.html, SCHEMES[scheme], `the page follows the ${scheme} colour scheme`);
        assert.equal(look.scripts, 0, 'no script element');
        assert.equal(look.h1, 1, 'one h1');
        if (name !== 'index') assert.ok(look.findings.length >= 1 && look.findings.every((c) => c === name), `${look.findings}`);
        const loaded = server.requests.filter((p) => p !== SUBPATH + `codes/${name}.html`);
        assert.deepEqual(loaded, [SUBPATH + 'codes/codes.css'], 'the page loads its stylesheet and nothing else');
        const outside = page.log.requests.filter((u) => !u.startsWith(server.origin + '/') && !u.startsWith('data:'));
        assert.deepEqual(outside, [], 'no request leaves the site');
        assert.ok(!page.log.requests.some((u) => /\.(m?js|wasm)(\?|$)/.test(u)), `no JS or wasm: ${page.log.requests}`);
        assert.deepEqual(await problems(page), [], 'console errors, CSP violations, failed requests');
        assert.deepEqual(await axeViolations(page, axeSource), [], `axe on ${name}.html (${scheme})`);
        if (name === 'MPE_BAD_URL_SYNTAX' || name === 'index') console.log('screenshot:', await shot(page, `page-${name}-${scheme}`));
        await page.context().close();
      });
    }
  }

  test('every link of the index and of a status page resolves', async () => {
    const hrefs = async (name) => {
      const page = await newPage(browser);
      await page.goto(server.url(`codes/${name}.html`));
      const out = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href));
      await page.context().close();
      return out;
    };
    const index = await hrefs('index');
    const local = [...new Set([...index, ...(await hrefs('403'))])].filter((u) => u.startsWith(server.origin));
    const pages = local.filter((u) => /\/codes\/[^/]+\.html$/.test(u));
    assert.ok(pages.length > 100, `the index links every page (${pages.length} links)`);
    for (const u of local) {
      const res = await fetch(u.split('#')[0]);
      assert.equal(res.status, 200, `${u} does not resolve`);
    }
    assert.ok(index.includes(server.url('index.html')), 'the index links the explainer');
  });

  test("an embedded widget's cards link their code's page, which resolves", async () => {
    const page = await newPage(browser);
    // A host page beside dist/ (embed.js resolves next to it), served by the test itself.
    await page.route(server.url('host.html'), (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><title>host</title><div data-ams-errors data-query="MPE_BAD_URL_SYNTAX"></div><script type="module" src="embed.js"></script>',
      }),
    );
    await page.goto(server.url('host.html'));
    let links = [];
    for (const end = Date.now() + 15000; Date.now() < end && links.length < 2; await new Promise((r) => setTimeout(r, 50))) {
      links = await page.evaluate(() => {
        const root = document.querySelector('[data-ams-errors]')?.shadowRoot;
        const cards = root ? [...root.querySelectorAll('[data-testid="finding"]')] : [];
        return cards.flatMap((c) => [...c.querySelectorAll('a[href]')].map((a) => a.href).filter((u) => u.includes('/codes/')));
      });
    }
    assert.deepEqual(links, Array(2).fill(server.url('codes/MPE_BAD_URL_SYNTAX.html')), 'both cards link the one page of their name');
    assert.equal((await fetch(links[0])).status, 200);
    assert.deepEqual(await problems(page), []);
    await page.context().close();
  });

  test('print: no navigation, black on white, link URLs shown', async () => {
    const page = await newPage(browser, { colorScheme: 'dark' });
    await page.goto(server.url('codes/403.html'));
    await page.emulateMedia({ media: 'print' });
    const print = await page.evaluate(() => {
      const source = document.querySelector('.ams-errors__source a');
      const related = document.querySelector('.ams-errors__related ul');
      return {
        nav: getComputedStyle(document.querySelector('.page-nav')).display,
        bg: getComputedStyle(document.documentElement).backgroundColor,
        card: getComputedStyle(document.querySelector('.ams-errors__finding')).backgroundColor,
        fg: getComputedStyle(document.querySelector('.ams-errors__summary')).color,
        after: getComputedStyle(source, '::after').content,
        related: related.getBoundingClientRect().height,
      };
    });
    assert.equal(print.nav, 'none', 'navigation hidden');
    assert.equal(print.bg, 'rgb(255, 255, 255)', 'white page, even with a dark system theme');
    assert.equal(print.card, 'rgb(255, 255, 255)', 'white card');
    assert.equal(print.fg, 'rgb(0, 0, 0)', 'black text');
    assert.match(print.after, /https:\/\/learn\.microsoft\.com\//, 'the source link URL after the link');
    assert.ok(print.related > 0, 'the related codes print although their list is closed');
    await page.context().close();
  });
});
