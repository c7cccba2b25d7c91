#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: pnpm (pinned), Debian's chromium for the
# browser tests, and the workspace's packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1

PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm -v 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  # corepack cannot fetch pnpm on these machines (no registry signatures); npm can.
  npm install -g "pnpm@$PNPM_VERSION" --no-fund --no-audit >/dev/null
fi

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests…"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Browser tests need Chromium: install Debian's 'chromium' package or set CHROMIUM_PATH." >&2
  fi
fi

if [ -n "${CI:-}" ]; then pnpm install --frozen-lockfile; else pnpm install; fi
