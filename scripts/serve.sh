#!/usr/bin/env bash
# Builds the page (release, as it ships) and serves it on http://127.0.0.1:8080/ until stopped.
# Installs what is missing first. Pass other trunk serve flags after it, e.g. --port 9000.
# No autoreload: trunk would inject an inline script for it, which the page's own CSP blocks (an
# error in the console); reload the page by hand after a rebuild.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
# Defaults through trunk's environment variables, so that flags given here override them (a
# flag given twice is an error to trunk).
export TRUNK_SERVE_ADDRESS=${TRUNK_SERVE_ADDRESS:-127.0.0.1} TRUNK_SERVE_PORT=${TRUNK_SERVE_PORT:-8080}
export TRUNK_SERVE_NO_AUTORELOAD=${TRUNK_SERVE_NO_AUTORELOAD:-true}
exec trunk serve --release "$@"
