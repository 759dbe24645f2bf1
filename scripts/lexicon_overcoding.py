#!/usr/bin/env python3
"""Measure how each generated lexicon entry codes, to decide what goes into pruned.tsv.

usage: scripts/lexicon_overcoding.py --pred DIR [--sample FILE] [--shared DIR] [--min-fp N]

DIR holds the coder's output on the labelled sets, one file per set (dev.jsonl,
realnews.jsonl, plover-gsr.jsonl, petr2-gsr.jsonl: what /tmp/ev/score.sh writes);
their gold comes from the shared folder (dev, realnews) and /tmp/prepared (the
GSR sets). FILE is the coder's output on the unlabelled geoparsing sample.

For every rule that fired, it scores the events strictly (`score.py --targets own`;
PETR2-GSR at CAMEO root), counts true and false positives, and prints one
candidate `pruned.tsv` line for each generated entry whose false positives
outnumber its true positives (at least N of them). The lines are candidates: the
entry goes into pruned.tsv with this evidence, never because of one article's words.
"""

import argparse
import json
import os
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def labelled_sets(shared):
    return [
        ("dev", os.path.join(shared, "eval", "dev"), "category"),
        ("realnews", os.path.join(shared, "eval", "realnews"), "category"),
        ("plover-gsr", "/tmp/prepared/plover-gsr", "category"),
        ("petr2-gsr", "/tmp/prepared/petr2-gsr", "cameo-root"),
    ]


def is_generated(rule):
    return rule.split(".", 1)[0] in ("petr2", "tabari")


def entry_of(rule):
    """A rule as reported (`petr2.L6268.contribute+intent`) -> its entry id."""
    return rule.split("+", 1)[0]


def count_rules(score, pred_dir, sets):
    tp, fp = Counter(), Counter()
    for name, gold_dir, level in sets:
        path = os.path.join(pred_dir, f"{name}.jsonl")
        if not os.path.exists(path):
            print(f"no {path}: set {name} left out", file=sys.stderr)
            continue
        gold = {r["doc_id"]: r["events"] for r in score.load_jsonl(os.path.join(gold_dir, "gold.jsonl"))}
        preds = {}
        for r in score.load_jsonl(path):
            preds.setdefault(r.get("doc_id"), []).append(r)
        for doc_id, events in gold.items():
            res = score.score_doc(events, preds.get(doc_id, []), strict=True, level=level, targets_rule="own")
            for _, p in res["pairs"]:
                tp[entry_of(p["rule"])] += 1
            for p in res["fp"]:
                fp[entry_of(p["rule"])] += 1
    return tp, fp


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pred", required=True)
    ap.add_argument("--sample", default=None)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--min-fp", type=int, default=2)
    args = ap.parse_args()
    sys.path.insert(0, os.path.join(args.shared, "eval"))
    import score  # the shared scorer: same matching as the reported figures

    tp, fp = count_rules(score, args.pred, labelled_sets(args.shared))
    fired = Counter()
    if args.sample:
        with open(args.sample, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    fired[entry_of(json.loads(line)["rule"])] += 1
    rules = sorted(r for r in set(tp) | set(fp) if is_generated(r))
    print(f"# generated entries that coded on the labelled sets: {len(rules)}; "
          f"tp {sum(tp[r] for r in rules)} fp {sum(fp[r] for r in rules)}", file=sys.stderr)
    for r in rules:
        if fp[r] > tp[r] and fp[r] >= args.min_fp:
            print(f"{r}\tover-codes\tlabelled sets: tp {tp[r]} fp {fp[r]}; geoparse sample: {fired[r]} events")


if __name__ == "__main__":
    main()
