#!/usr/bin/env bash
# Evaluate sitrep: dev gate, external report, speed bench.
#
# usage (from anywhere; paths are relative to the repo root):
#   scripts/eval.sh [gate|dev] dev gate: strict F1 on ../shared/eval/dev >= eval/dev-min-f1,
#                              and every required event of csto-withdrawal matched
#   scripts/eval.sh places     places gate: span F1, acc@161 km and country accuracy on the
#                              four geoparse sets >= the floors in eval/places-min.json
#   scripts/eval.sh report     dev score + external sets; rewrites docs/EVALUATION.md
#   scripts/eval.sh bench      speed, start-up, peak RSS; rewrites docs/PERFORMANCE.md
#   scripts/eval.sh all        the three in turn
#
# SHARED overrides the shared folder (default: ../shared beside the repo).
# Builds sitrep in release once (cargo skips it when up to date); SITREP=path skips the build.
# Scratch output goes to target/eval/ (git-ignored).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SHARED=${SHARED:-$ROOT/../shared}
EVAL=$SHARED/eval
WORK=target/eval
OUT=$WORK/out
PREP=$WORK/prepared
mode=${1:-gate}

case $mode in
  gate|dev|places|report|bench|all) ;;
  -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "eval.sh: unknown mode '$mode' (gate, places, report, bench, all)" >&2; exit 2 ;;
esac
[[ -f $EVAL/score.py ]] || { echo "eval.sh: $EVAL/score.py not found; set SHARED" >&2; exit 2; }

if [[ -n ${SITREP:-} ]]; then
  BIN=$SITREP
else
  echo "== building sitrep (release)" >&2
  cargo build --release --locked -p sitrep --quiet
  BIN=${CARGO_TARGET_DIR:-target}/release/sitrep
fi
mkdir -p "$OUT"

# One taskset prefix for every timed run, when the tool exists.
PIN=()
if command -v taskset >/dev/null 2>&1; then PIN=(taskset -c 0); fi

dev_gate() {
  echo "== dev gate" >&2
  "$BIN" code "$EVAL"/dev/*.txt > "$OUT/dev.pred.jsonl"
  local floor
  floor=$(tr -d '[:space:]' < eval/dev-min-f1)
  local status=0
  python3 "$EVAL/score.py" --gold "$EVAL/dev" --pred "$OUT/dev.pred.jsonl" \
    --json "$OUT/dev.score.json" --min-f1 "$floor" || status=$?
  if [[ $status -ne 0 ]]; then
    echo "eval.sh: dev strict F1 below the floor $floor (eval/dev-min-f1)" >&2
  fi
  python3 eval/check_required.py --gold "$EVAL/dev" --pred "$OUT/dev.pred.jsonl" \
    --doc csto-withdrawal || status=1
  return $status
}

# Runs `sitrep places` on the four geoparse sets and scores them into $OUT.
score_places() {
  local c
  for c in lgl gwn tr-news geovirus; do
    echo "== places: $c" >&2
    "$BIN" places "$PREP/geoparse-$c/docs.jsonl" > "$OUT/geoparse-$c.places.jsonl"
    python3 "$EVAL/score_places.py" --gold "$PREP/geoparse-$c/places_gold.jsonl" \
      --pred "$OUT/geoparse-$c.places.jsonl" --json "$OUT/geoparse-$c.places.json"
  done
}

places_gate() {
  prepare
  score_places
  echo "== places gate (eval/places-min.json)" >&2
  python3 eval/check_places.py --floors eval/places-min.json --results "$OUT" || {
    echo "eval.sh: a place figure is below its floor (eval/places-min.json)" >&2
    return 1
  }
}

prepare() {
  if [[ ! -f $PREP/geoparse-geovirus/docs.jsonl || $EVAL/external/prepare.py -nt $PREP/plover-gsr/gold.jsonl ]]; then
    echo "== preparing external sets into $PREP" >&2
    python3 "$EVAL/external/prepare.py" "$PREP" >&2
  fi
}

report() {
  prepare
  echo "== dev set" >&2
  "$BIN" code "$EVAL"/dev/*.txt > "$OUT/dev.pred.jsonl"
  python3 "$EVAL/score.py" --gold "$EVAL/dev" --pred "$OUT/dev.pred.jsonl" --json "$OUT/dev.score.json" \
    | tee "$OUT/dev.score.txt"
  echo "== plover-gsr" >&2
  "$BIN" code "$PREP/plover-gsr/docs.jsonl" > "$OUT/plover-gsr.pred.jsonl"
  python3 "$EVAL/score.py" --gold "$PREP/plover-gsr" --pred "$OUT/plover-gsr.pred.jsonl" \
    --json "$OUT/plover-gsr.category.json" | tee "$OUT/plover-gsr.category.txt"
  echo "== petr2-gsr" >&2
  "$BIN" code "$PREP/petr2-gsr/docs.jsonl" > "$OUT/petr2-gsr.pred.jsonl"
  python3 "$EVAL/score.py" --gold "$PREP/petr2-gsr" --pred "$OUT/petr2-gsr.pred.jsonl" \
    --json "$OUT/petr2-gsr.category.json" | tee "$OUT/petr2-gsr.category.txt"
  python3 "$EVAL/score.py" --gold "$PREP/petr2-gsr" --pred "$OUT/petr2-gsr.pred.jsonl" \
    --level cameo-root --json "$OUT/petr2-gsr.cameo-root.json"
  score_places
  python3 eval/report.py evaluation --results "$OUT" --out docs/EVALUATION.md
  echo "wrote docs/EVALUATION.md" >&2
}

bench() {
  prepare
  local corpora=("$PREP"/geoparse-{lgl,gwn,tr-news,geovirus}/docs.jsonl)
  local runs=${BENCH_RUNS:-5} i
  echo "== bench on ${#corpora[@]} geoparse corpora, pinned: ${PIN[*]:-no}, $runs runs (the fastest is reported)" >&2
  rm -f "$OUT"/bench.*.json "$OUT"/bench.*.time.txt
  for ((i = 1; i <= runs; i++)); do
    local timev=()
    if [[ -x /usr/bin/time ]]; then timev=(/usr/bin/time -v -o "$OUT/bench.$i.time.txt"); fi
    "${timev[@]}" "${PIN[@]}" "$BIN" bench --rounds 3 "${corpora[@]}" > "$OUT/bench.$i.json"
    cat "$OUT/bench.$i.json"
  done
  echo "== start-up: sitrep check-data, 20 runs" >&2
  rm -f "$OUT/startup.hyperfine.json" "$OUT/startup.json"
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --runs 20 --warmup 3 -N --export-json "$OUT/startup.hyperfine.json" \
      "${PIN[*]} $BIN check-data" >&2
  else
    python3 - "$OUT/startup.json" "${PIN[@]}" "$BIN" check-data <<'PY'
import json, resource, statistics, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
for _ in range(3):  # warm the page cache
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
runs, cpu = [], []
for _ in range(20):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    runs.append((time.perf_counter() - t) * 1e3)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1e3)
line = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
fig = {"tool": "python subprocess", "runs": len(runs), "median_ms": statistics.median(runs),
       "mean_ms": statistics.fmean(runs), "min_ms": min(runs), "max_ms": max(runs),
       "cpu_median_ms": statistics.median(cpu),
       "check_data": line}
json.dump(fig, open(out, "w"), indent=2)
print(f"start-up median {fig['median_ms']:.1f} ms (min {fig['min_ms']:.1f}, max {fig['max_ms']:.1f})", file=sys.stderr)
PY
  fi
  python3 eval/report.py performance --results "$OUT" --out docs/PERFORMANCE.md \
    --pinned "${PIN[*]:-}"
  echo "wrote docs/PERFORMANCE.md" >&2
}

case $mode in
  gate|dev) dev_gate ;;
  places) places_gate ;;
  report) report ;;
  bench) bench ;;
  all) dev_gate; places_gate; report; bench ;;
esac
