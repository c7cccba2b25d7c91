#!/usr/bin/env bash
# One command: set up a fresh machine, build the packages and serve the demo site.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export TURBO_TELEMETRY_DISABLED=1
pnpm demo
