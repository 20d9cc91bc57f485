#!/usr/bin/env bash
# Runs every test from a fresh machine: installs what is missing, then lint (fmt, clippy for the
# host and for wasm32), native tests (catalog, query, diagnosis, property tests, Yew SSR render
# tests), browser tests in headless Chromium (wasm-bindgen-test), the worker's SIMD scans in a
# wasm under node, the release build, the embedding examples in Chromium (node --test), real
# players' failures (hls.js, Shaka, dash.js, video.js against a local origin) explained by the
# built widget, the pages per code (axe-core), opening files and redacted copies in the built
# widget, the command line installed from this checkout, and the size report.
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
cargo clippy --target wasm32-unknown-unknown --locked -p ams-errors-worker -- -D warnings
cargo clippy --target wasm32-unknown-unknown --locked -p ams-errors-core --features simd --lib --tests -- -D warnings
step "native tests"
cargo test --workspace --locked
step "browser tests (headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown --test browser
step "the worker's SIMD scans against the plain ones (wasm, under node)"
cargo test --locked --target wasm32-unknown-unknown -p ams-errors-core --features simd --lib
step "release build"
trunk build --release --offline
step "embedding examples (headless Chromium)"
node --test tests/e2e/
step "real players (headless Chromium)"
node --test tests/players/
step "opening files, redacted copies (headless Chromium)"
node --test tests/files/
step "command line, installed as README says"
cli_root=$(mktemp -d)
cargo install --locked --quiet --path crates/cli --root "$cli_root" --target-dir target/cli-install
explained=$("$cli_root/bin/ams-errors" explain MPE_ENC_ENCRYPTION_REQUIRED)
# diagnose exits 1 when it finds an error, as it should here.
found=$(printf 'HTTP/1.1 412 Precondition Failed\nx-ms-error-code: MPE_FRAGMENT_NOT_READY\n' | "$cli_root/bin/ams-errors" diagnose) && { echo "ams-errors diagnose: exit 0 on an error" >&2; exit 1; }
rm -rf "$cli_root"
grep -q "HTTP 403" <<<"$explained" && grep -q MPE_FRAGMENT_NOT_READY <<<"$found" \
  || { echo "the installed ams-errors did not answer as expected" >&2; exit 1; }
echo "ams-errors installs and answers"
step "size"
scripts/size.sh
