#!/usr/bin/env bash
# Browser test of the web UI: runs `sitrep demo` (the example corpus of
# examples/articles, coded into a fresh store) on a free loopback port and
# drives headless Debian chromium through playwright-core (web/tests). Run
# scripts/install-test-deps.sh first. It regenerates the README's
# screenshots (docs/screenshot.png and docs/screenshot-story.png; set
# SCREENSHOT=PATH to write elsewhere, SCREENSHOT= to write none).
#
# SITREP_SERVE_CMD may name another command that serves the UI over the
# example corpus and prints "http://127.0.0.1:PORT/".
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
  cargo build -q --bin sitrep
  target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
  "$target_dir/debug/sitrep" demo --addr 127.0.0.1:0 --db "$work/demo.db" >"$work/server.log" 2>&1 &
fi
server_pid=$!

url=""
# Coding the corpus comes first (a debug build under load: minutes).
for _ in $(seq 1 1500); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/server.log" | head -1 || true)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "browser-test: server exited" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { cat "$work/server.log" >&2; echo "browser-test: server did not start" >&2; exit 1; }

echo "browser-test: UI at $url"
SITREP_URL="$url" SCREENSHOT="${SCREENSHOT-docs/screenshot.png}" node web/tests/ui.test.mjs
