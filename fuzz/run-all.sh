#!/usr/bin/env bash
# Runs every fuzz target one after another for FUZZ_SECONDS each (default
# 180), or SECONDS_<target> for one target (SECONDS_syntax_parse=600).
# FUZZ_BUILD (default "-O -a -s none": optimised, with debug assertions and
# overflow checks, without AddressSanitizer — the crates have no `unsafe`)
# picks the build. Logs and a summary line per target go to fuzz/logs/.
set -u
cd "$(dirname "$0")"
secs="${FUZZ_SECONDS:-180}"
build="${FUZZ_BUILD:--O -a -s none}"
mkdir -p logs
for t in ${TARGETS:-document sentences dates html lexicon coder syntax_tokenizer syntax_parse}; do
  var="SECONDS_$t"
  # shellcheck disable=SC2086 # the build flags are words
  RUSTC_BOOTSTRAP=1 cargo fuzz run $build "$t" "corpus/$t" -- \
    -max_total_time="${!var:-$secs}" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 > "logs/$t.log" 2>&1
  echo "$t exit $?" >> logs/summary.txt
done
