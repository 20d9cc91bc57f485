#!/usr/bin/env bash
# Transfer size of what dist/index.html loads, brotli -q 11 and gzip -9, wasm and JS apart,
# against the 160,000-byte brotli budget. Fails when over budget. Usage: scripts/size.sh [dist]
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-dist}
budget=160000
total_br=0 total_gz=0 total_raw=0
printf '%-28s %9s %9s %9s\n' file raw gzip brotli
for f in index.html embed.js ams-errors.js ams-errors_bg.wasm page.css; do
  p=$dist/$f
  [[ -f $p ]] || { echo "size: $p missing" >&2; exit 1; }
  raw=$(wc -c <"$p") gz=$(gzip -9 -c "$p" | wc -c) br=$(brotli -q 11 -c "$p" | wc -c)
  printf '%-28s %9d %9d %9d\n' "$f" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
done
printf '%-28s %9d %9d %9d   (budget %d brotli)\n' total "$total_raw" "$total_gz" "$total_br" "$budget"
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
if ((total_br > budget)); then
  echo "size: over budget by $((total_br - budget)) bytes" >&2
  exit 1
fi
