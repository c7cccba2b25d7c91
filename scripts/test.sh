#!/usr/bin/env bash
# One command: set up a fresh machine and run every test (unit, property, type, size, browser).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export TURBO_TELEMETRY_DISABLED=1
pnpm test
