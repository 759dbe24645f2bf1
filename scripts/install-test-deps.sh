#!/usr/bin/env bash
# Installs what the browser test needs: Debian's headless-capable chromium
# and the npm packages of web/tests (playwright-core, from package-lock.json).
# Safe to re-run; .ci/run calls it before scripts/browser-test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
fi
if [ -f web/tests/package.json ]; then
  (cd web/tests && npm ci --no-audit --no-fund --ignore-scripts)
fi
