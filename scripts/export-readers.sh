#!/usr/bin/env bash
# Reads `sitrep export --format csv` with pandas and with R, each with no
# options, and checks what they read against the JSON-lines export of the
# same store: same rows, same 28 columns in order, numbers as numbers, and
# every text cell (sentences with commas, quotes, line breaks, non-ASCII)
# exactly as coded. Run scripts/install-test-deps.sh first (it installs
# pandas from PyPI and Debian's r-base-core).
#
# SITREP_BIN names the binary (default target/release/sitrep, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${SITREP_BIN:-target/release/sitrep}"
[ -x "$bin" ] || cargo build --release --locked -q
command -v Rscript >/dev/null || { echo "export-readers: Rscript missing: run scripts/install-test-deps.sh" >&2; exit 1; }
python3 -c 'import pandas' 2>/dev/null || { echo "export-readers: pandas missing: run scripts/install-test-deps.sh" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The example articles plus one written here whose sentences carry the
# characters CSV readers get wrong most often.
mkdir -p "$work/in"
cp examples/articles/*.txt "$work/in/"
cat >"$work/in/quoting.jsonl" <<'EOF'
{"id":"quoting-1","title":"Quoting check","published":"2024-03-02","text":"Protesters in São Paulo, Brazil, on Friday accused the \"interim\" government of fraud, saying: \"We won't leave.\"\nPolice in Lagos, Nigeria arrested 40 protesters on Saturday; officials said the 'curfew' stays."}
EOF
"$bin" ingest --db "$work/x.db" "$work/in" 2>"$work/ingest.log" || { cat "$work/ingest.log" >&2; exit 1; }
"$bin" export --db "$work/x.db" --format csv >"$work/events.csv"
"$bin" export --db "$work/x.db" --format jsonl >"$work/events.jsonl"
rows=$(wc -l <"$work/events.jsonl")
[ "$rows" -ge 10 ] || { echo "export-readers: only $rows events exported" >&2; exit 1; }

# pandas: pd.read_csv(path), nothing else.
python3 - "$work/events.csv" "$work/events.jsonl" <<'EOF'
import json, math, sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
want = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
cols = ["event_id", "doc_id", "date", "date_end", "date_precision", "category", "mode", "context",
        "cameo", "intensity", "source_code", "source_sector", "source_text", "target_code",
        "target_sector", "target_text", "location_code", "place", "lat", "lon", "geonameid",
        "location_feature", "trigger", "date_text", "sentence", "span_start", "span_end", "rule"]
assert list(df.columns) == cols, list(df.columns)
assert len(df) == len(want), (len(df), len(want))
for c in ["intensity", "lat", "lon", "span_start", "span_end"]:
    assert pd.api.types.is_numeric_dtype(df[c]), (c, df[c].dtype)
for i, w in enumerate(want):
    r = df.iloc[i]
    assert r["event_id"] == w["event_id"] and r["sentence"] == w["sentence"], i
    assert r["category"] == w["category"] and r["rule"] == w["rule"], i
    assert r["span_start"] == w["span"][0] and r["span_end"] == w["span"][1], i
    assert math.isclose(r["intensity"], w["intensity"], abs_tol=1e-6), i
    # Documented: cameo is inferred as a number; the code is its digits.
    assert str(r["cameo"]).lstrip("0") == w["cameo"].lstrip("0"), (r["cameo"], w["cameo"])
    src = w.get("source") or {}
    got = r["source_text"]
    assert (isinstance(got, float) and math.isnan(got)) if not src else got == src["text"], i
assert any('"' in s for s in df["sentence"]) and any("ã" in s for s in df["sentence"]), "quoting article not coded"
print(f"export-readers: pandas {pd.__version__}: {len(df)} rows x {len(df.columns)} columns, all cells as coded")
EOF

# R: read.csv(path), nothing else; jsonlite is not needed, the check file
# is written by Python as a plain table R reads with the same defaults.
python3 - "$work/events.jsonl" "$work/expect.tsv" <<'EOF'
import json, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for l in open(sys.argv[1], encoding="utf-8"):
        w = json.loads(l)
        out.write("\t".join([w["event_id"], str(w["span"][0]), str(w["span"][1]),
                             str(len(w["sentence"])), w["sentence"].encode("utf-8").hex()]) + "\n")
EOF
Rscript --vanilla - "$work/events.csv" "$work/expect.tsv" <<'EOF'
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
e <- read.delim(args[2], header = FALSE, quote = "", colClasses = "character")
stopifnot(ncol(d) == 28, nrow(d) == nrow(e))
stopifnot(identical(names(d)[c(1, 9, 25, 28)], c("event_id", "cameo", "sentence", "rule")))
stopifnot(is.numeric(d$intensity), is.numeric(d$lat), is.numeric(d$lon), is.numeric(d$span_start))
stopifnot(all(d$event_id == e$V1))
stopifnot(all(d$span_start == as.integer(e$V2)), all(d$span_end == as.integer(e$V3)))
hex <- vapply(d$sentence, function(s) paste(as.character(charToRaw(enc2utf8(s))), collapse = ""), "")
stopifnot(all(unname(hex) == e$V5))
stopifnot(all(nchar(d$sentence) == as.integer(e$V4)))
cat(sprintf("export-readers: %s: %d rows x %d columns, all sentences byte-identical\n",
            R.version.string, nrow(d), ncol(d)))
EOF
