#!/usr/bin/env bash
# Scaling of the coder with one document's size (issue 14): codes one
# document of ordinary news sentences (the texts of
# $SHARED/eval/realnews/docs.jsonl, concatenated and repeated, cut at a
# sentence end) of each size given (KiB; default 256 1024 4096) with the
# release binary (`sitrep bench --rounds 1`: coding only, start-up
# excluded) and prints the coding wall and CPU time, the process's peak
# RSS (/usr/bin/time -v), the events found, and the ratio of each CPU time
# to the first size's.
#
#   scripts/scaling.sh                 # 256 KiB, 1 MiB, 4 MiB
#   scripts/scaling.sh 128 512         # other sizes
#
# --max-document-bytes is raised to the largest size for the run.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared}"
sizes=("$@")
[[ ${#sizes[@]} -eq 0 ]] && sizes=(256 1024 4096)
cargo build --release --locked -q --bin sitrep
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
max=0
for k in "${sizes[@]}"; do (( k > max )) && max=$k; done
limit=$(( max * 1024 + 1024 ))
first=""
printf '%8s %10s %10s %12s %8s %7s\n' KiB wall_s cpu_s peak_rss_MB events ratio
for k in "${sizes[@]}"; do
  python3 - "$shared/eval/realnews/docs.jsonl" "$((k * 1024))" "$dir/doc.jsonl" <<'PY'
import json, sys
src, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
texts = [json.loads(l)["text"].strip() for l in open(src, encoding="utf-8") if l.strip()]
parts, n = [], 0
while n < size:
    for t in texts:
        parts.append(t)
        n += len(t.encode()) + 2
        if n >= size:
            break
text = "\n\n".join(parts)
cut = text.encode()[:size].decode("utf-8", "ignore")
end = cut.rfind(". ")
text = cut[: end + 1] if end > 0 else cut
with open(out, "w", encoding="utf-8") as f:
    json.dump({"id": f"scaling-{size}", "published": "2024-01-01", "text": text}, f)
    f.write("\n")
PY
  /usr/bin/time -v target/release/sitrep --max-document-bytes "$limit" bench --rounds 1 "$dir/doc.jsonl" \
    >"$dir/bench.json" 2>"$dir/time.txt" || { cat "$dir/time.txt" >&2; exit 1; }
  read -r wall cpu events < <(python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); print(b["seconds"], b["cpu_seconds"], b["events"])' "$dir/bench.json")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$dir/time.txt")
  [[ -z "$first" ]] && first=$cpu
  ratio=$(awk -v a="$cpu" -v b="$first" 'BEGIN {printf "%.2f", a/b}')
  printf '%8s %10s %10s %12s %8s %7s\n' "$k" "$wall" "$cpu" "$rss" "$events" "$ratio"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
