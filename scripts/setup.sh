#!/usr/bin/env bash
# Installs what building and testing need, each only when missing (idempotent, quick when all
# is there): the wasm32 target, trunk 0.21, wasm-bindgen-cli at the version Cargo.lock pins,
# binaryen's wasm-opt, esbuild, playwright-core and the players the tests drive (hls.js,
# shaka-player, dashjs, video.js) from npm (package-lock.json), and with --browser Debian's
# chromium and chromedriver. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf 'setup: %s\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

export PATH="$HOME/.cargo/bin:$PATH"
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing trunk 0.21 (about 8 minutes, once)"
  cargo install trunk --version '~0.21' --locked
fi

wbg=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [[ -z $wbg ]]; then say "cannot read the wasm-bindgen version from Cargo.lock"; exit 1; fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wbg"; then
  say "installing wasm-bindgen-cli $wbg"
  cargo install wasm-bindgen-cli --version "$wbg"
fi

players=(hls.js/dist/hls.js shaka-player/dist/shaka-player.compiled.debug.js dashjs/dist/modern/umd/dash.all.debug.js video.js/dist/video.js)
missing_player=false
for f in "${players[@]}"; do [[ -f node_modules/$f ]] || missing_player=true; done
if [[ ! -x node_modules/.bin/wasm-opt || ! -f node_modules/esbuild/lib/main.js || ! -d node_modules/playwright-core || ! -f node_modules/axe-core/axe.min.js ]] || $missing_player; then
  say "installing npm tools (binaryen, esbuild, playwright-core, axe-core) and the players the tests drive (hls.js, shaka-player, dashjs, video.js)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [[ ${1:-} == --browser ]]; then
  if ! have chromium || ! have chromedriver || ! have brotli; then
    say "installing chromium, chromedriver and brotli (Debian)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver brotli >/dev/null
  fi
fi
