#!/usr/bin/env bash
# Installs what the browser test and the CSV reader check need: Debian's
# headless-capable chromium and r-base-core, pandas from PyPI, and the npm
# packages of web/tests (playwright-core, from package-lock.json).
# Safe to re-run; .ci/run calls it before scripts/browser-test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
if ! command -v chromium >/dev/null 2>&1 || ! command -v Rscript >/dev/null 2>&1; then
  $SUDO apt-get update -qq
fi
if ! command -v chromium >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
fi
if ! command -v Rscript >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends r-base-core
fi
python3 -c 'import pandas' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check pandas
if [ -f web/tests/package.json ]; then
  (cd web/tests && npm ci --no-audit --no-fund --ignore-scripts)
fi
