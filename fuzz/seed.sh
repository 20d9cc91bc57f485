#!/bin/sh
# Builds the fuzz seed corpus from the test fixtures, outside the repo by default.
# usage: fuzz/seed.sh [DIR]   (default /tmp/fuzz-corpus)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/fuzz-corpus}
mkdir -p "$out"
for f in "$root"/tests/fixtures/pastes/* "$root"/tests/fixtures/players/*; do
    [ -f "$f" ] || continue
    case $f in *.md) continue ;; esac
    cp "$f" "$out/$(basename "$(dirname "$f")")_$(basename "$f")"
done
echo "$(ls "$out" | wc -l) files in $out"
