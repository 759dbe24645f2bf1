#!/usr/bin/env python3
"""Check that every required gold event of one document is matched by a prediction.

usage: check_required.py --gold DIR --pred FILE --doc DOC_ID [--doc DOC_ID ...]

Matching follows the strict rule of GUIDELINES.md (the one score.py applies): the category is
in the gold list, the source code is in the gold source list, the target code is in the gold
target list (or the gold target is null), and the date is inside the gold window (or the gold
date is null). Matching is one-to-one and maximal over the required events.

Exit status: 0 when every required event is matched, 1 listing the unmatched ones, 2 on bad
input (unknown doc id, unreadable file). Standard library only.
"""
import argparse
import json
import sys


def as_list(value):
    if value is None:
        return None
    return value if isinstance(value, list) else [value]


def code_of(actor):
    if isinstance(actor, str):
        return actor.upper()
    if isinstance(actor, dict) and isinstance(actor.get("code"), str):
        return actor["code"].upper()
    return None


def date_of(pred):
    for key in ("date", "date_start", "start"):
        value = pred.get(key)
        if isinstance(value, str) and len(value) >= 10:
            return value[:10]
    return None


def fits(gold, pred):
    categories = [c.upper() for c in as_list(gold.get("category")) or []]
    if str(pred.get("category", "")).upper() not in categories:
        return False
    sources = as_list(gold.get("source"))
    if sources is not None and code_of(pred.get("source")) not in sources:
        return False
    targets = as_list(gold.get("target"))
    if targets is not None and code_of(pred.get("target")) not in targets:
        return False
    window = gold.get("date")
    if window is not None:
        day = date_of(pred)
        if day is None or not window[0] <= day <= window[1]:
            return False
    return True


def max_matching(golds, preds):
    """Gold index -> prediction index, maximum one-to-one (augmenting paths)."""
    owner = {}  # prediction index -> gold index

    def augment(g, seen):
        for p, pred in enumerate(preds):
            if p in seen or not fits(golds[g], pred):
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(golds)):
        augment(g, set())
    return {g: p for p, g in owner.items()}


def load_jsonl(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    except (OSError, json.JSONDecodeError) as err:
        print(f"check_required: {path}: {err}", file=sys.stderr)
        sys.exit(2)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True, help="folder holding gold.jsonl")
    ap.add_argument("--pred", required=True, help="predicted events, one JSON object per line")
    ap.add_argument("--doc", required=True, action="append", help="doc id to check (repeatable)")
    args = ap.parse_args()

    gold = {row["doc_id"]: row["events"] for row in load_jsonl(f"{args.gold}/gold.jsonl")}
    preds = load_jsonl(args.pred)
    failed = False
    for doc_id in args.doc:
        if doc_id not in gold:
            print(f"check_required: no gold document {doc_id!r}", file=sys.stderr)
            sys.exit(2)
        required = [e for e in gold[doc_id] if e.get("required", True)]
        doc_preds = [p for p in preds if p.get("doc_id") == doc_id]
        matched = max_matching(required, doc_preds)
        missing = [e for i, e in enumerate(required) if i not in matched]
        print(f"{doc_id}: {len(matched)}/{len(required)} required events matched")
        for e in missing:
            failed = True
            print(f"  UNMATCHED {e.get('category')} {e.get('source')} -> {e.get('target')} "
                  f"{e.get('date')} | {e.get('evidence', '')}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
