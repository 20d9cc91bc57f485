#!/usr/bin/env bash
# Runs every test from a fresh machine: installs what is missing, then lint (fmt, clippy for the
# host and for wasm32), native tests (catalog, query, diagnosis, property tests, Yew SSR render
# tests), browser tests in headless Chromium (wasm-bindgen-test), the release build, the
# embedding examples in Chromium (node --test), real players' failures (hls.js, Shaka, dash.js,
# video.js against a local origin) explained by the built widget, and the size report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
source scripts/env.sh
step() { printf '\n==> %s\n' "$*"; }

step "format"
cargo fmt --all --check
step "clippy (native and wasm32)"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --tests --locked -- -D warnings
step "native tests"
cargo test --workspace --locked
step "browser tests (headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown --test browser
step "release build"
trunk build --release --offline
step "embedding examples (headless Chromium)"
node --test tests/e2e/
step "real players (headless Chromium)"
node --test tests/players/
step "size"
scripts/size.sh
