#!/usr/bin/env bash
# Scale-out check: four `sitrep ingest` processes write overlapping inputs to
# one PostgreSQL database at the same time; afterwards every document is
# stored exactly once and the event count equals a single-process run.
# Needs a PostgreSQL server (SITREP_TEST_PG, default the CI one) and psql.
set -euo pipefail
cd "$(dirname "$0")/.."
base="${SITREP_TEST_PG:-postgres://postgres@127.0.0.1:5432/test}"
server="${base%/*}"
bin="${SITREP:-target/release/sitrep}"
[ -x "$bin" ] || cargo build --release --locked -q
shared="${SHARED:-../shared}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Four overlapping input sets over the example articles, the coder's test
# articles and (when present) the shared dev articles.
mkdir -p "$work/all"
cp examples/articles/*.txt crates/sitrep-coder/test_data/articles/*.txt "$work/all/"
[ -d "$shared/eval/dev" ] && cp "$shared"/eval/dev/*.txt "$work/all/"
mapfile -t files < <(ls "$work"/all/*.txt | sort)
n=${#files[@]}
for k in 0 1 2 3; do
  mkdir -p "$work/set$k"
  # each set takes about two thirds of the files, starting at a different point
  for ((i = 0; i < n * 2 / 3; i++)); do
    cp "${files[$(((i + k * n / 4) % n))]}" "$work/set$k/"
  done
done

for db in sitrep_concurrent sitrep_single; do
  psql -q "$base" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done

pids=()
for k in 0 1 2 3; do
  "$bin" ingest --db "$server/sitrep_concurrent" "$work/set$k" 2>"$work/log$k" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
"$bin" ingest --db "$server/sitrep_single" "$work/all" 2>"$work/single.log"

count() { psql -tA "$server/$1" -c "$2"; }
docs_c=$(count sitrep_concurrent "SELECT count(*) FROM documents")
docs_s=$(count sitrep_single "SELECT count(*) FROM documents")
ev_c=$(count sitrep_concurrent "SELECT count(*) FROM events")
ev_s=$(count sitrep_single "SELECT count(*) FROM events")
dup=$(count sitrep_concurrent "SELECT count(*) FROM (SELECT id FROM documents GROUP BY id HAVING count(*) > 1) d")
vers=$(count sitrep_concurrent "SELECT count(*) FROM document_versions")
echo "concurrent-ingest: $n distinct documents; 4 processes stored $docs_c documents ($vers versions, $dup duplicated ids), $ev_c events; one process: $docs_s documents, $ev_s events"
for db in sitrep_concurrent sitrep_single; do psql -q "$base" -c "DROP DATABASE IF EXISTS $db"; done
[ "$docs_c" = "$n" ] && [ "$docs_s" = "$n" ] && [ "$ev_c" = "$ev_s" ] && [ "$dup" = 0 ] && [ "$vers" = "$n" ] || {
  echo "concurrent-ingest: FAILED" >&2
  cat "$work"/log* >&2
  exit 1
}
echo "concurrent-ingest: ok"
