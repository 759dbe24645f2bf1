#!/usr/bin/env python3
"""Score `sitrep alerts` output against a stream's known onsets.

usage: score_alerts.py --stream eval/streams/NAME --alerts alerts.jsonl
                       [--json out.json] [--floors eval/alerts-floors.json]

A stream folder holds the articles (*.txt), `onsets.jsonl` (one known onset
a line: country, date, what, headline) and `stream.json` (the countries the
stream is about and its first and last day).

- An onset is **detected** when an alert for its country is dated on the
  onset's day or up to 2 days after it.
- **Lead time** of a detected onset: onset day minus the day of the
  earliest alert for its country from 3 days before to 2 days after it
  (positive = the alert came first; 0 = same day; negative = late).
- A **false alarm** is an alert explained by no onset: no onset of its
  country from 7 days before to 3 days after the alert's day (a warning up
  to 3 days early, a follow-up within a week). Rate: per 100 country-weeks
  (countries of the stream x its weeks).

With --floors, exits 1 when a figure is worse than the stream's floor.
"""
import argparse
import datetime as dt
import json
import sys
from pathlib import Path

DETECT_DAYS = 2
WARN_BEFORE = 3
FOLLOW_UP = 7


def day(s):
    return dt.date.fromisoformat(s[:10])


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{path}:{n}: {e}")


def score(stream, alerts):
    meta = json.loads((stream / "stream.json").read_text(encoding="utf-8"))
    onsets = list(read_jsonl(stream / "onsets.jsonl"))
    start, end = day(meta["start"]), day(meta["end"])
    weeks = ((end - start).days + 1) / 7
    country_weeks = len(meta["countries"]) * weeks
    by_country = {}
    for a in alerts:
        by_country.setdefault(a["country"], []).append(a)
    rows = []
    for o in onsets:
        od = day(o["date"])
        near = [a for a in by_country.get(o["country"], [])
                if -WARN_BEFORE <= (day(a["date"]) - od).days <= DETECT_DAYS]
        hit = [a for a in near if 0 <= (day(a["date"]) - od).days <= DETECT_DAYS]
        lead = (od - min(day(a["date"]) for a in near)).days if hit else None
        rows.append({**o, "detected": bool(hit), "lead_days": lead,
                     "alerts": [f'{a["kind"]}:{a.get("signal") or a["category"]}@{a["date"]}' for a in hit]})
    false = []
    for a in alerts:
        ad = day(a["date"])
        # an onset from 7 days before to 3 days after the alert
        explained = any(o["country"] == a["country"]
                        and -FOLLOW_UP <= (day(o["date"]) - ad).days <= WARN_BEFORE
                        for o in onsets)
        if not explained:
            false.append(a)
    heads = [r for r in rows if r["headline"]]
    leads = [r["lead_days"] for r in rows if r["lead_days"] is not None]
    return {
        "onsets": len(rows),
        "detected": sum(r["detected"] for r in rows),
        "detected_fraction": sum(r["detected"] for r in rows) / max(1, len(rows)),
        "headline_onsets": len(heads),
        "headline_detected": sum(r["detected"] for r in heads),
        "headline_fraction": sum(r["detected"] for r in heads) / max(1, len(heads)),
        "mean_lead_days": sum(leads) / len(leads) if leads else None,
        "alerts": len(alerts),
        "false_alarms": len(false),
        "country_weeks": round(country_weeks, 2),
        "false_alarms_per_100_country_weeks": 100 * len(false) / country_weeks,
        "rows": rows,
        "false": [f'{a["country"]} {a["kind"]}:{a.get("signal") or a["category"]}@{a["date"]}' for a in false],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stream", required=True, type=Path)
    ap.add_argument("--alerts", required=True, type=Path)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--floors", type=Path)
    args = ap.parse_args()
    s = score(args.stream, list(read_jsonl(args.alerts)))
    name = args.stream.name
    for r in s["rows"]:
        mark = "ok  " if r["detected"] else "MISS"
        head = "*" if r["headline"] else " "
        print(f'{mark} {head} {r["country"]} {r["date"]} lead {r["lead_days"]}: {r["what"]}  {", ".join(r["alerts"])}')
    for f in s["false"]:
        print(f"FALSE {f}")
    print(f'{name}: {s["detected"]}/{s["onsets"]} onsets detected within {DETECT_DAYS} days '
          f'({s["headline_detected"]}/{s["headline_onsets"]} headline), mean lead '
          f'{s["mean_lead_days"] if s["mean_lead_days"] is None else round(s["mean_lead_days"], 2)} days, '
          f'{s["false_alarms"]} false alarms of {s["alerts"]} alerts = '
          f'{s["false_alarms_per_100_country_weeks"]:.1f} per 100 country-weeks ({s["country_weeks"]} country-weeks)')
    if args.json:
        args.json.write_text(json.dumps(s, indent=1), encoding="utf-8")
    if args.floors:
        floors = json.loads(args.floors.read_text(encoding="utf-8")).get(name)
        if floors is None:
            sys.exit(f"score_alerts.py: no floors for stream {name} in {args.floors}")
        bad = []
        if s["detected_fraction"] < floors["min_detected_fraction"]:
            bad.append(f'detected {s["detected_fraction"]:.2f} < {floors["min_detected_fraction"]}')
        if s["headline_fraction"] < floors["min_headline_fraction"]:
            bad.append(f'headline {s["headline_fraction"]:.2f} < {floors["min_headline_fraction"]}')
        if s["false_alarms_per_100_country_weeks"] > floors["max_false_alarms_per_100_country_weeks"]:
            bad.append(f'false alarms {s["false_alarms_per_100_country_weeks"]:.1f} > '
                       f'{floors["max_false_alarms_per_100_country_weeks"]} per 100 country-weeks')
        if bad:
            print(f"score_alerts.py: {name} below its floors: " + "; ".join(bad), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
