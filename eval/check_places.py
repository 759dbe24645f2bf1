#!/usr/bin/env python3
"""Places gate: compares the figures score_places.py wrote (--json) for each geoparse
corpus with the floors in eval/places-min.json, and prints one line per figure.

usage: check_places.py --floors eval/places-min.json --results DIR
  DIR holds geoparse-<corpus>.places.json for every corpus the floors name.
Floors: {"<corpus>": {"span_f1": x, "acc161": x, "country_accuracy": x}, ...}; a figure
missing from a corpus' floors is not checked. Exit 1 when any figure is below its floor,
2 on a missing or unreadable file.
"""
import argparse
import json
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--floors", required=True)
    ap.add_argument("--results", required=True)
    args = ap.parse_args()
    try:
        with open(args.floors, encoding="utf-8") as handle:
            floors = json.load(handle)
    except (OSError, json.JSONDecodeError) as err:
        print(f"check_places.py: {args.floors}: {err}", file=sys.stderr)
        return 2
    failed = False
    for corpus, wanted in sorted(floors.items()):
        if corpus.startswith("_"):
            continue  # comments
        path = f"{args.results}/geoparse-{corpus}.places.json"
        try:
            with open(path, encoding="utf-8") as handle:
                got = json.load(handle)
        except (OSError, json.JSONDecodeError) as err:
            print(f"check_places.py: {path}: {err}", file=sys.stderr)
            return 2
        for figure, floor in sorted(wanted.items()):
            value = got.get(figure)
            ok = value is not None and value >= floor
            failed |= not ok
            shown = "n/a" if value is None else f"{value:.3f}"
            print(f"{corpus:9} {figure:17} {shown:>6}  floor {floor:.3f}  {'ok' if ok else 'BELOW'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
