#!/usr/bin/env bash
# Builds the page (release, as it ships) and serves it on http://127.0.0.1:8080/ until stopped.
# Installs what is missing first. Pass other trunk serve flags after it, e.g. --port 9000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
exec trunk serve --release --address 127.0.0.1 --port 8080 "$@"
