#!/usr/bin/env bash
# Browser test of the web UI: serves a store seeded with synthetic events on
# a free loopback port and drives headless Debian chromium through
# playwright-core (web/tests). Run scripts/install-test-deps.sh first.
#
# SITREP_SERVE_CMD may name another command that serves the UI and prints
# "listening on http://ADDR/" (default: the sitrep-server demo example).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { echo "browser-test: chromium missing: run scripts/install-test-deps.sh" >&2; exit 1; }
[ -d web/tests/node_modules/playwright-core ] || (cd web/tests && npm ci --no-audit --no-fund --ignore-scripts)

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${SITREP_SERVE_CMD:-}" ]; then
  $SITREP_SERVE_CMD >"$work/server.log" 2>&1 &
else
  cargo build -q -p sitrep-server --example demo
  target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
  "$target_dir/debug/examples/demo" --addr 127.0.0.1:0 --db "$work/ui.db" --docs 60 >"$work/server.log" 2>&1 &
fi
server_pid=$!

url=""
for _ in $(seq 1 300); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/server.log" | head -1 || true)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "browser-test: server exited" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { cat "$work/server.log" >&2; echo "browser-test: server did not start" >&2; exit 1; }

echo "browser-test: UI at $url"
SITREP_URL="$url" SCREENSHOT="${SCREENSHOT:-}" node web/tests/ui.test.mjs
