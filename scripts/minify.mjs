// Trunk post_build hook: minify the JS files in the staging directory with esbuild (ES module
// format kept, exports and import.meta.url untouched), and drop from index.html the
// `<link data-trunk rel="rust" ...>` that Trunk leaves in place when it injects no loader (its
// build settings are no use to a browser). Without esbuild installed it leaves the JS as it is,
// so a plain `trunk build` still works.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('minify.mjs: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)');
  process.exit(1);
}
const page = join(dir, 'index.html');
const html = await readFile(page, 'utf8');
await writeFile(page, html.replace(/<link\b[^>]*\bdata-trunk\b[^>]*>/g, ''));

let esbuild;
try {
  esbuild = await import(new URL('../node_modules/esbuild/lib/main.js', import.meta.url));
} catch {
  console.warn('minify.mjs: esbuild is not installed (scripts/setup.sh installs it); JS left unminified');
  process.exit(0);
}
for (const name of await readdir(dir)) {
  if (!name.endsWith('.js')) continue;
  const path = join(dir, name);
  const src = await readFile(path, 'utf8');
  const out = await esbuild.transform(src, { minify: true, format: 'esm', target: 'es2020' });
  await writeFile(path, out.code);
}
