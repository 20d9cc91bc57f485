#!/usr/bin/env bash
# Transfer size of what dist/index.html loads, brotli -q 11 and gzip -9, wasm and JS apart,
# against the 160,000-byte brotli budget. Fails when over budget. Usage: scripts/size.sh [dist]
# What it loads is read from the files themselves (the names carry content hashes): index.html,
# the files its <link>, <script> and <img> elements name, then what those scripts import or name
# with new URL(..., import.meta.url), and what the stylesheets name with url() or @import.
# With --report it only reports. The worker that reads files and its own wasm, which the page
# starts by name when a file is opened, are listed apart.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-dist}
report_only=false
[[ ${2:-} == --report ]] && report_only=true
budget=160000
[[ -f $dist/index.html ]] || { echo "size: $dist/index.html missing" >&2; exit 1; }
mapfile -t loaded < <(node - "$dist" <<'EOF'
const { readFileSync, statSync } = require('node:fs');
const { dirname, join, normalize } = require('node:path');
const dist = process.argv[2];
const out = ['index.html'];
const todo = [];
// A relative URL found in file `from`, as a path in dist (null: another origin, data:, a fragment).
const add = (ref, from) => {
  if (!ref || /^([a-z][\w+.-]*:|\/\/|#)/i.test(ref)) return;
  const rel = normalize(join(dirname(from), decodeURIComponent(ref.replace(/[?#].*$/, ''))));
  if (ref.endsWith('/') || out.includes(rel)) return; // a directory (the page's base URL), or seen
  let file = false;
  try {
    file = statSync(join(dist, rel)).isFile();
  } catch {}
  if (!file) {
    console.error(`size: ${from} names ${ref}, missing from ${dist}`);
    process.exit(1);
  }
  out.push(rel);
  todo.push(rel);
};
const attr = (tag, name) => (tag.match(new RegExp(`\\s${name}\\s*=\\s*("[^"]*"|'[^']*'|[^\\s"'>]+)`, 'i')) || [])[1]?.replace(/^["']|["']$/g, '');
const html = readFileSync(join(dist, 'index.html'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
for (const [tag, name] of html.matchAll(/<(link|script|img|source)\b[^>]*>/gi)) {
  if (name.toLowerCase() === 'link') {
    const rel = (attr(tag, 'rel') || '').toLowerCase().split(/\s+/);
    if (!rel.some((r) => ['canonical', 'alternate', 'dns-prefetch', 'preconnect'].includes(r))) add(attr(tag, 'href'), 'index.html');
  } else add(attr(tag, 'src'), 'index.html');
}
const JS = /\bimport\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']|\bnew\s+URL\s*\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url/g;
const CSS = /url\(\s*["']?([^"')\s]+)["']?\s*\)|@import\s+["']([^"']+)["']/g;
while (todo.length) {
  const file = todo.shift();
  const re = /\.m?js$/.test(file) ? JS : /\.css$/.test(file) ? CSS : null;
  if (!re) continue;
  for (const m of readFileSync(join(dist, file), 'utf8').matchAll(re)) add(m.slice(1).find((x) => x !== undefined), file);
}
console.log(out.join('\n'));
EOF
)
((${#loaded[@]})) || exit 1
total_br=0 total_gz=0 total_raw=0
printf '%-28s %9s %9s %9s\n' file raw gzip brotli
for f in "${loaded[@]}"; do
  p=$dist/$f
  raw=$(wc -c <"$p") gz=$(gzip -9 -c "$p" | wc -c) br=$(brotli -q 11 -c "$p" | wc -c)
  printf '%-28s %9d %9d %9d\n' "$f" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
done
printf '%-28s %9d %9d %9d   (budget %d brotli)\n' total "$total_raw" "$total_gz" "$total_br" "$budget"
# The worker that reads files and its wasm (crates/worker): loaded when a file is opened, not by
# index.html, so outside the budget.
if [[ -f $dist/worker.js ]]; then
  for p in "$dist"/worker.js "$dist"/ams-errors-worker*.js "$dist"/ams-errors-worker*.wasm; do
    [[ -f $p ]] || continue
    printf '%-28s %9d %9d %9d   (when a file is opened)\n' "${p#"$dist"/}" "$(wc -c <"$p")" "$(gzip -9 -c "$p" | wc -c)" "$(brotli -q 11 -c "$p" | wc -c)"
  done
fi
# The pages per code and the catalog as data (not loaded by index.html: outside the budget).
if [[ -d $dist/codes ]]; then
  printf '\n%-40s %9s %9s %9s\n' "beside it (not loaded)" raw gzip brotli
  pages=("$dist"/codes/*.html)
  sum=0; for p in "${pages[@]}"; do sum=$((sum + $(wc -c <"$p"))); done
  printf '%-40s %9d %9s %9s\n' "codes/*.html (${#pages[@]}, mean)" $((sum / ${#pages[@]})) - -
  for f in codes/MPE_ENC_ENCRYPTION_REQUIRED.html codes/index.html codes/codes.css catalog.json catalog.schema.json; do
    p=$dist/$f
    [[ -f $p ]] || continue
    printf '%-40s %9d %9d %9d\n' "$f" "$(wc -c <"$p")" "$(gzip -9 -c "$p" | wc -c)" "$(brotli -q 11 -c "$p" | wc -c)"
  done
fi
if ((total_br > budget)) && ! $report_only; then
  echo "size: over budget by $((total_br - budget)) bytes" >&2
  exit 1
fi
