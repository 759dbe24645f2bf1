#!/usr/bin/env bash
# Runs every fuzz target one after another for FUZZ_SECONDS (default 180).
set -u
cd "$(dirname "$0")"
secs="${FUZZ_SECONDS:-180}"
mkdir -p logs
for t in ${TARGETS:-document sentences dates html lexicon coder syntax_tokenizer}; do
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$t" "corpus/$t" -- \
    -max_total_time="$secs" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 > "logs/$t.log" 2>&1
  echo "$t exit $?" >> logs/summary.txt
done
