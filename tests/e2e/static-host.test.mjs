// What a static host or CDN is handed (README, "Serve it from a static host"): the wasm, its glue
// and the stylesheet carry a hash of their content in their names (cacheable for a year), behind
// the stable embed.js and index.html, which name only files that exist; and every file has .br and
// .gz siblings that decompress to exactly it; the wasm's imports carry short names. No browser: it reads the build, AMS_DIST (default dist/).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, relative, resolve } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { ROOT } from './server.mjs';

const DIST = resolve(process.env.AMS_DIST || join(ROOT, 'dist'));
const HASHED = /^(.+)-([0-9a-f]{8})\.(js|wasm|css)$/;
const ASSET = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.svg', '.txt', '.xml', '.map']);

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
  );
}
const read = (name) => readFileSync(join(DIST, name), 'utf8');
const attr = (tag, name) =>
  (tag.match(new RegExp(`\\s${name}\\s*=\\s*("[^"]*"|'[^']*'|[^\\s"'>]+)`, 'i')) || [])[1]?.replace(/^["']|["']$/g, '');

/** The dist paths of the relative URLs `urls` found in dist file `from` (not other origins, data: or directories). */
function targets(urls, from) {
  return urls
    .filter((u) => u && !/^([a-z][\w+.-]*:|\/\/|#)/i.test(u) && !u.endsWith('/'))
    .map((u) => normalize(join(dirname(from), decodeURIComponent(u.replace(/[?#].*$/, '')))));
}
/** What index.html loads: its <link> hrefs (but links to other documents) and src attributes. */
function htmlRefs(name) {
  const html = read(name).replace(/<!--[\s\S]*?-->/g, '');
  const urls = [];
  for (const [tag, el] of html.matchAll(/<(link|script|img|source)\b[^>]*>/gi)) {
    if (el.toLowerCase() !== 'link') urls.push(attr(tag, 'src'));
    else if (!/\b(canonical|alternate|dns-prefetch|preconnect)\b/i.test(attr(tag, 'rel') || '')) urls.push(attr(tag, 'href'));
  }
  return targets(urls, name);
}
/** What a module imports or names with new URL(..., import.meta.url), and any quoted *.wasm. */
function jsRefs(name) {
  const js = read(name);
  const re = /\bimport\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']|\bnew\s+URL\s*\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url|["']([^"'\s]+\.wasm)["']/g;
  return targets([...js.matchAll(re)].map((m) => m.slice(1).find((x) => x !== undefined)), name);
}

describe('static host: hashed names behind stable entry points, precompressed files', () => {
  if (!existsSync(join(DIST, 'index.html')) || !existsSync(join(DIST, 'embed.js'))) {
    throw new Error(`${DIST} is not built (no index.html or embed.js): run \`source scripts/env.sh && trunk build --release --offline\` or set AMS_DIST`);
  }
  const top = readdirSync(DIST).filter((n) => statSync(join(DIST, n)).isFile());
  const glue = top.filter((n) => /^ams-errors-[0-9a-f]{8}\.js$/.test(n));
  const wasm = top.filter((n) => /^ams-errors_bg-[0-9a-f]{8}\.wasm$/.test(n));

  test('the glue, the wasm and the stylesheet are named by a hash of their content', () => {
    assert.equal(glue.length, 1, `one hashed glue, ams-errors-<hash>.js: ${top}`);
    assert.equal(wasm.length, 1, `one hashed wasm, ams-errors_bg-<hash>.wasm: ${top}`);
    for (const old of ['ams-errors.js', 'ams-errors_bg.wasm', 'page.css']) assert.ok(!top.includes(old), `${old} is left unhashed`);
    const hashed = top.filter((n) => HASHED.test(n));
    assert.ok(hashed.some((n) => /^page-[0-9a-f]{8}\.css$/.test(n)), `page-<hash>.css: ${top}`);
    for (const n of hashed) {
      const sha = createHash('sha256').update(readFileSync(join(DIST, n))).digest('hex');
      assert.equal(n.match(HASHED)[2], sha.slice(0, 8), `${n}: the name's hash is not the first 8 hex of its SHA-256 (${sha})`);
    }
    // Only the stable entry points (the worker that reads files too: the wasm names it) and the
    // hashed files sit at the top, besides the data.
    const other = top.filter((n) => !HASHED.test(n) && !/\.(br|gz)$/.test(n));
    assert.deepEqual(other.sort(), ['catalog.json', 'catalog.schema.json', 'embed.js', 'index.html', 'worker.js']);
  });

  test('index.html and embed.js name the hashed files, and only files that exist', () => {
    const page = htmlRefs('index.html');
    for (const n of [glue[0], wasm[0], 'embed.js']) assert.ok(page.includes(n), `index.html does not load ${n}: ${page}`);
    const embed = jsRefs('embed.js');
    assert.deepEqual(embed.sort(), [glue[0], wasm[0]].sort(), 'embed.js imports the glue and fetches the wasm, by their hashed names');
    // The glue's own default wasm URL (unused when embed.js hands it the fetch) names the wasm too.
    assert.deepEqual(jsRefs(glue[0]), [wasm[0]]);
    for (const [from, refs] of [['index.html', page], ['embed.js', embed], [glue[0], jsRefs(glue[0])]]) {
      for (const r of refs) assert.ok(existsSync(join(DIST, r)) && statSync(join(DIST, r)).isFile(), `${from} names ${r}, missing from ${DIST}`);
    }
    for (const f of ['index.html', 'embed.js', glue[0]]) {
      assert.doesNotMatch(read(f), /ams-errors\.js|ams-errors_bg\.wasm|page\.css/, `${f} still names an unhashed file`);
    }
  });

  test('every file has .br and .gz siblings that decompress to exactly it', () => {
    const all = files(DIST).map((p) => relative(DIST, p));
    const assets = all.filter((n) => ASSET.has(extname(n)));
    assert.ok(assets.length > 100, `only ${assets.length} files`);
    const skipped = [];
    for (const n of assets) {
      const raw = readFileSync(join(DIST, n));
      for (const [ext, unzip, zip] of [
        ['.br', brotliDecompressSync, (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })],
        ['.gz', gunzipSync, (b) => gzipSync(b, { level: 9 })],
      ]) {
        const sib = join(DIST, n + ext);
        if (!existsSync(sib)) {
          // Left out only where it would not help.
          assert.ok(zip(raw).length >= raw.length, `${n}${ext} is missing`);
          skipped.push(n + ext);
          continue;
        }
        const packed = readFileSync(sib);
        assert.ok(packed.length < raw.length, `${n}${ext} (${packed.length} B) is no smaller than ${n} (${raw.length} B)`);
        assert.ok(unzip(packed).equals(raw), `${n}${ext} does not decompress to ${n}`);
      }
    }
    for (const n of all.filter((x) => /\.(br|gz)$/.test(x))) {
      assert.ok(all.includes(n.slice(0, -3)), `${n} has no ${n.slice(0, -3)} beside it`);
    }
    if (skipped.length) console.log(`not precompressed (no smaller): ${skipped.join(', ')}`);
  });

  test("the wasm's imports have short names, each a key of the glue's import object", async () => {
    assert.equal(glue.length, 1);
    assert.equal(wasm.length, 1);
    const module = await WebAssembly.compile(readFileSync(join(DIST, wasm[0])));
    const imports = WebAssembly.Module.imports(module);
    assert.ok(imports.length > 50, `${imports.length} imports`);
    assert.deepEqual([...new Set(imports.map((i) => i.module))], ['w']);
    const long = imports.filter((i) => !/^[a-zA-Z]{1,2}$/.test(i.name));
    assert.deepEqual(long, [], 'imports left with their long names');
    const js = read(glue[0]);
    assert.ok(!/__wbg_\w+_[0-9a-f]{16}/.test(js), 'the glue still holds a hashed wasm-bindgen import name');
    // The glue's import object: "w":{__proto__:null,a:function(…){…},b:…}. The browser tests
    // instantiate it; here, every import name is one of its keys.
    const object = js.slice(js.indexOf('"w":{'));
    assert.ok(object.length < js.length, 'no "w" module in the glue');
    const keys = new Set([...object.matchAll(/[{,]([a-zA-Z]{1,2})(?=[:(])/g)].map((m) => m[1]));
    for (const i of imports) assert.ok(keys.has(i.name), `import ${i.name} is not a key in the glue`);
  });
});
