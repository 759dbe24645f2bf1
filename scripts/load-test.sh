#!/usr/bin/env bash
# Bounded load test on loopback (issue 5): the real router and coder on
# 127.0.0.1:0, concurrent GET /api/events readers and POST /api/documents
# writers for --seconds (default 60), then stored documents counted against
# the acknowledged ones. Exits non-zero on any error or lost document.
#
#   scripts/load-test.sh                                   # 60 s, fresh SQLite file
#   scripts/load-test.sh --seconds 60 --db postgres://postgres@127.0.0.1:5432/test
#   scripts/load-test.sh --readers 8 --writers 4 --private
#
# Options are those of crates/sitrep-server/examples/load.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --release --locked -q -p sitrep-server --example load -- "$@"
