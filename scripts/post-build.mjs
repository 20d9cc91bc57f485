// Trunk post_build hook (see Trunk.toml), run in the staging directory after the site generator:
//  1. drops from index.html the `<link data-trunk rel="rust" ...>` that Trunk leaves in place when it
//     injects no loader (its build settings are no use to a browser);
//  2. minifies the JS with esbuild (ES module format kept, exports and import.meta.url untouched);
//     without esbuild installed it leaves the JS as it is, so a plain `trunk build` still works;
//  3. gives the wasm's imports short names, in the wasm and in the glue's import object
//     (scripts/wasm-imports.mjs: wasm-bindgen's hashed import names cost ~4 KB brotli);
//  4. gives the wasm, the wasm-bindgen glue and the stylesheet (every top-level .wasm, .js and .css
//     but the loader embed.js) content-hashed names, <stem>-<8 hex of SHA-256>.<ext>, and rewrites
//     every reference to them in the top-level HTML, JS and CSS (index.html's links, embed.js's
//     import and fetch, the glue's default wasm URL). A file is hashed after the files it names, so
//     its hash covers the final names inside it. embed.js, index.html, codes/ and the JSON keep
//     their names: they are the stable entry points, short-cached (README, "Serve it from a static host");
//  5. in a release build, writes <file>.br (brotli, quality 11) and <file>.gz (gzip -9) beside every
//     compressible file of the directory, the pages per code included, unless that is no smaller.
// Fails (and so fails the build) when a reference to an old name is left.
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

import { shortenImports } from './wasm-imports.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('post-build.mjs: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)');
  process.exit(1);
}
const fail = (msg) => {
  console.error(`post-build.mjs: ${msg}`);
  process.exit(1);
};
/**
 * Never hashed: the loader host pages include by name (INTERFACE.md), and the worker that reads
 * files, which the wasm names.
 */
const STABLE = new Set(['embed.js', 'worker.js']);
const HASHED = new Set(['.js', '.mjs', '.wasm', '.css']);
const TEXT = new Set(['.html', '.js', '.mjs', '.css']);
const COMPRESS = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.svg', '.txt', '.xml', '.map']);

// ---- 1. Trunk's leftover link ----
const page = join(dir, 'index.html');
const html = await readFile(page, 'utf8');
await writeFile(page, html.replace(/<link\b[^>]*\bdata-trunk\b[^>]*>/g, ''));

const top = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);

// ---- 2. minify ----
let esbuild = null;
try {
  esbuild = await import(new URL('../node_modules/esbuild/lib/main.js', import.meta.url));
} catch {
  console.warn('post-build.mjs: esbuild is not installed (scripts/setup.sh installs it); JS left unminified');
}
if (esbuild) {
  for (const name of top.filter((n) => n.endsWith('.js'))) {
    const path = join(dir, name);
    const out = await esbuild.transform(await readFile(path, 'utf8'), { minify: true, format: 'esm', target: 'es2020' });
    await writeFile(path, out.code);
  }
}

// ---- 3. short import names ----
const wasms = top.filter((n) => n.endsWith('.wasm'));
for (const w of wasms) {
  const stem = w.replace(/_bg\.wasm$/, '');
  const glue = `${stem}.js`;
  if (stem === w || !top.includes(glue)) continue;
  try {
    const out = shortenImports(await readFile(join(dir, w)), await readFile(join(dir, glue), 'utf8'));
    await writeFile(join(dir, w), out.wasm);
    await writeFile(join(dir, glue), out.glue);
    console.error(`post-build.mjs: ${out.renamed} imports of ${w} renamed short`);
  } catch (e) {
    fail(`${w}: ${e.message}`);
  }
}

// ---- 4. content-hashed names ----
const texts = new Map(); // top-level text file -> its content, rewritten as files are renamed
for (const name of top.filter((n) => TEXT.has(extname(n)))) texts.set(name, await readFile(join(dir, name), 'utf8'));
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A reference to a file of this directory as the HTML, JS and CSS here write one: the bare name or
// ./name, after a quote, `=` (unquoted attribute), `(` (CSS url()) or a space; not sub/name.
const reference = (name) => new RegExp(`(^|[\\s"'\`=(])(\\./)?${escape(name)}(?=$|[\\s"'\`>?#),;])`, 'g');
// Any mention at all, to prove none is left behind.
const mention = (name) => new RegExp(`(^|[^\\w.-])${escape(name)}(?![\\w-])`);

const pending = new Set(top.filter((n) => HASHED.has(extname(n)) && !STABLE.has(n)));
const renamed = new Map(); // old name -> new name
while (pending.size) {
  // Next: a file that names no other file still to be hashed (the wasm first, then the glue).
  const next = [...pending].find((n) => !texts.has(n) || [...pending].every((o) => o === n || !reference(o).test(texts.get(n))));
  if (!next) fail(`these files name each other, so none can be hashed first: ${[...pending].join(', ')}`);
  pending.delete(next);
  const body = texts.has(next) ? Buffer.from(texts.get(next)) : await readFile(join(dir, next));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 8);
  const ext = extname(next);
  const name = `${next.slice(0, -ext.length)}-${hash}${ext}`;
  renamed.set(next, name);
  if (texts.has(next)) {
    // Written under its new name below, with the others; the old file goes then.
    texts.delete(next);
    texts.set(name, body.toString('utf8'));
  } else {
    await rename(join(dir, next), join(dir, name));
  }
  for (const [file, text] of texts) texts.set(file, text.replace(reference(next), (_, pre, dot) => `${pre}${dot || ''}${name}`));
}
for (const [name, text] of texts) await writeFile(join(dir, name), text);
for (const old of renamed.keys()) await rm(join(dir, old), { force: true });
for (const [file, text] of texts) {
  for (const old of renamed.keys()) if (mention(old).test(text)) fail(`${file} still names ${old} (renamed ${renamed.get(old)})`);
}
for (const name of renamed.values()) {
  if (![...texts].some(([file, text]) => file !== name && reference(name).test(text))) {
    console.warn(`post-build.mjs: nothing here names ${name}`);
  }
}
console.error(`post-build.mjs: ${[...renamed].map(([a, b]) => `${a} -> ${b}`).join(', ') || 'nothing to hash'}`);

// ---- 5. precompressed siblings ----
if (process.env.TRUNK_PROFILE === 'debug') {
  console.error('post-build.mjs: debug build, no .br/.gz written');
  process.exit(0);
}
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
async function* walk(d) {
  for (const e of await readdir(d, { withFileTypes: true })) {
    if (e.isDirectory()) yield* walk(join(d, e.name));
    else if (e.isFile()) yield join(d, e.name);
  }
}
const jobs = [];
for await (const path of walk(dir)) {
  const ext = extname(path);
  if (!COMPRESS.has(ext)) continue;
  jobs.push(
    (async () => {
      const raw = await readFile(path);
      const [br, gz] = await Promise.all([
        brotli(raw, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
            [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
            [zlib.constants.BROTLI_PARAM_MODE]: ext === '.wasm' ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        }),
        gzip(raw, { level: 9 }),
      ]);
      let n = 0;
      for (const [suffix, data] of [['.br', br], ['.gz', gz]]) {
        if (data.length >= raw.length) continue; // no help: the host serves the file itself
        await writeFile(path + suffix, data);
        n++;
      }
      return n ? 1 : 0;
    })(),
  );
}
const done = (await Promise.all(jobs)).reduce((a, b) => a + b, 0);
console.error(`post-build.mjs: .br and .gz beside ${done} of ${jobs.length} files in ${dir}`);
