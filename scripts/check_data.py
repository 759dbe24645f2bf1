#!/usr/bin/env python3
"""Validate the sitrep data files (stdlib only).

Checks data/actors/{countries,organisations,people,phoenix_organisations,phoenix_people}.tsv and data/events/cameo.tsv
(its PLOVER types, and the web UI's category list, against the list in
data/events/categories.tsv):
column counts, codes, sectors, fields, dates, variant syntax, duplicate
variants mapping to different codes; and the coder's content word lists
under data/lexicon/ (WORD_LISTS, CASED_LISTS): entry shape, duplicates. Prints OK or one error per line as
file:line: message, and exits 1 on errors. Usage: scripts/check_data.py [repo_root]
"""
import datetime
import os
import re
import sys

# Sectors: only their form is checked here; which sectors exist is the coder's
# `Sector` enum (crates/sitrep-coder/src/vocab.rs), checked by `sitrep check-data`
# at load, so the list lives in one place.
SECTOR = re.compile(r"^[A-Z]{3}$")
FIELDS = {"name", "adj", "people", "seat"}
ORG_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")
ALPHA3 = re.compile(r"^[A-Z]{3}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CAMEO = re.compile(r"^\d{2,4}$")

errors = []


ROOT = "."


def err(path, n, msg):
    errors.append(f"{os.path.relpath(path, ROOT)}:{n}: {msg}")


def open_data(path):
    """The data file opened for reading, or None with the error reported."""
    try:
        return open(path, encoding="utf-8")
    except OSError as e:
        err(path, 0, f"cannot open: {e}")
        return None


def records(path, ncols):
    """Yield (line_no, fields) for data lines; report column-count errors."""
    f = open_data(path)
    if f is None:
        return
    with f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.endswith("\r"):
                err(path, n, "CR line ending")
                line = line.rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != ncols:
                err(path, n, f"expected {ncols} columns, found {len(cols)}")
                continue
            bad = [c for c in cols if c != c.strip() or c == ""]
            if bad:
                err(path, n, f"empty field or surrounding spaces: {bad!r}")
                continue
            yield n, cols


def variants(path, n, field):
    out = []
    for v in field.split("|"):
        if v == "" or v != v.strip():
            err(path, n, f"empty variant or surrounding spaces in {field!r}")
            continue
        if "  " in v:
            err(path, n, f"double space in variant {v!r}")
        out.append(v)
    seen = set()
    for v in out:
        if v in seen:
            err(path, n, f"variant repeated on the line: {v!r}")
        seen.add(v)
    return out


def parse_date(path, n, s):
    if s == "-":
        return None
    if not DATE.match(s):
        err(path, n, f"bad date {s!r} (want YYYY-MM-DD or -)")
        return None
    try:
        return datetime.date.fromisoformat(s)
    except ValueError:
        err(path, n, f"invalid date {s!r}")
        return None


def check_countries(path):
    codes = set()
    seen_field = set()
    owner = {}
    for n, (code, field, var) in records(path, 3):
        if not ALPHA3.match(code):
            err(path, n, f"bad country code {code!r}")
        if field not in FIELDS:
            err(path, n, f"bad field {field!r} (want one of {sorted(FIELDS)})")
        if (code, field) in seen_field:
            err(path, n, f"second {field!r} line for {code}")
        seen_field.add((code, field))
        codes.add(code)
        for v in variants(path, n, var):
            prev = owner.get(v)
            if prev and prev[0] != code:
                err(path, n, f"variant {v!r} maps to {code} here and to {prev[0]} at line {prev[1]}")
            else:
                owner.setdefault(v, (code, n))
    if len(codes) < 249:
        err(path, 0, f"only {len(codes)} country codes; ISO 3166-1 has 249 (plus XKX)")
    for code in sorted(codes):
        if (code, "name") not in seen_field:
            err(path, 0, f"{code} has no 'name' line")
    return codes


def check_orgs(path, countries):
    codes = set()
    owner = {}
    for n, (code, sector, var) in records(path, 3):
        if code not in countries and not ORG_CODE.match(code):
            err(path, n, f"bad organisation code {code!r}")
        if code in countries and sector == "IGO":
            err(path, n, f"code {code!r} is a country code but sector is IGO; IGO codes must not collide with country codes")
        if not SECTOR.match(sector):
            err(path, n, f"bad sector {sector!r}")
        codes.add(code)
        for v in variants(path, n, var):
            prev = owner.get(v)
            if prev and prev[0] != code:
                err(path, n, f"variant {v!r} maps to {code} here and to {prev[0]} at line {prev[1]}")
            else:
                owner.setdefault(v, (code, n))
    return codes


def check_people(path, countries, orgs):
    owner = {}  # variant -> list of (code, from, to, line)
    lo, hi = datetime.date(1900, 1, 1), datetime.date(2100, 1, 1)
    for n, (code, sector, dfrom, dto, var) in records(path, 5):
        if code not in countries and code not in orgs:
            err(path, n, f"code {code!r} is neither a country in countries.tsv nor an organisation in organisations.tsv")
        if not SECTOR.match(sector):
            err(path, n, f"bad sector {sector!r}")
        a = parse_date(path, n, dfrom)
        b = parse_date(path, n, dto)
        if a and b and a > b:
            err(path, n, f"FROM {dfrom} is after TO {dto}")
        for d in (a, b):
            if d and not (lo <= d <= hi):
                err(path, n, f"implausible date {d}")
        a = a or lo
        b = b or hi
        for v in variants(path, n, var):
            for (c2, a2, b2, n2) in owner.get(v, []):
                # touching ranges (b == a2) are a handover, not an overlap
                if c2 != code and a < b2 and a2 < b:
                    err(path, n, f"name {v!r} maps to {code} here and to {c2} at line {n2} in overlapping periods")
            owner.setdefault(v, []).append((code, a, b, n))


def plover_types(path):
    """The PLOVER types: the first column of data/events/categories.tsv (the
    coder checks at start-up that the file lists exactly its own types)."""
    types = set()
    for n, fields in records(path, 8):
        if not re.match(r"^[A-Z]+$", fields[0]):
            err(path, n, f"bad PLOVER type {fields[0]!r}")
        elif fields[0] in types:
            err(path, n, f"PLOVER type {fields[0]} listed twice")
        types.add(fields[0])
    return types


def check_cameo(path, types):
    seen = {}
    for n, (code, plover, gold, name) in records(path, 4):
        if not CAMEO.match(code):
            err(path, n, f"bad CAMEO code {code!r}")
            continue
        if code in seen:
            err(path, n, f"duplicate CAMEO code {code} (first at line {seen[code]})")
        seen[code] = n
        if plover != "-" and plover not in types:
            err(path, n, f"bad PLOVER type {plover!r}")
        try:
            g = float(gold)
            if not -10.0 <= g <= 10.0:
                err(path, n, f"Goldstein {gold} out of range")
            if not re.match(r"^-?\d{1,2}\.\d$", gold):
                err(path, n, f"Goldstein {gold!r} not written with one decimal")
        except ValueError:
            err(path, n, f"bad Goldstein value {gold!r}")
        root = int(code[:2])
        if not 1 <= root <= 20:
            err(path, n, f"CAMEO root {code[:2]} out of 01..20")
    for code, n in seen.items():
        parent = code[:-1] if len(code) == 4 else (code[:2] if len(code) == 3 else None)
        if parent and parent not in seen:
            err(path, n, f"parent code {parent} of {code} missing")
    roots = {f"{i:02d}" for i in range(1, 21)}
    for r in sorted(roots - set(seen)):
        err(path, 0, f"root code {r} missing")


def check_web_types(path, types):
    """The web UI's category filter lists exactly the PLOVER types."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"const PLOVER = \[([^\]]*)\]", text)
    if not m:
        err(path, 0, "no `const PLOVER = [...]` list")
        return
    n = text[: m.start()].count("\n") + 1
    listed = re.findall(r'"([A-Z]+)"', m.group(1))
    for t in sorted(set(listed) - types):
        err(path, n, f"PLOVER list names {t}, not in data/events/categories.tsv")
    for t in sorted(types - set(listed)):
        err(path, n, f"PLOVER list lacks {t} (data/events/categories.tsv)")
    if len(listed) != len(set(listed)):
        err(path, n, "PLOVER list names a type twice")


# The content word lists of the coder's stages (data/lexicon/FORMAT.md), as
# `Lexicon::load` reads them: a word of letters with ' or - inside, or (for
# the lists matched as written, kept in their case) words of letters
# separated by single spaces; each entry once (case-folded for the lower-case
# lists, as written for the cased ones).
WORD_LISTS = [
    "crash_words.txt", "vehicle_nouns.txt", "vehicle_weapons.txt", "deliberate_words.txt",
    "strike_nouns.txt", "description_modifiers.txt", "meeting_words.txt", "statement_nouns.txt", "envoy_nouns.txt",
    "proposal_nouns.txt", "claim_nouns.txt", "issued_documents.txt", "document_nouns.txt",
    "street_nouns.txt", "avenue_nouns.txt", "place_kind_nouns.txt", "offices.txt",
    "titles.txt", "dotted_titles.txt", "unblamed_happenings.txt", "warned_measures.txt", "failure_nouns.txt", "accord_nouns.txt",
    "court_acts.txt", "care_words.txt", "currency_words.txt", "outlet_staff_words.txt",
]
CASED_LISTS = ["american_local_words.txt", "commonwealth_spellings.txt"]


def is_word(w):
    """Letters, with ' or - (a word of letters, as word_list.rs reads it)."""
    return any(c.isalpha() for c in w) and all(c.isalpha() or c in "'-" for c in w)


def check_word_list(path, cased):
    """One word per line (a phrase of such words for a cased list), each once."""
    f = open_data(path)
    if f is None:
        return
    seen = {}
    with f:
        for n, line in enumerate(f, 1):
            entry = line.strip()
            if not entry or entry.startswith("#"):
                continue
            if cased:
                if not all(is_word(w) for w in entry.split(" ")):
                    err(path, n, f"`{entry}` is not words of letters separated by single spaces")
                    continue
                key = entry
            else:
                if not is_word(entry):
                    err(path, n, f"`{entry}` is not one word of letters")
                    continue
                key = entry.lower()
            if key in seen:
                err(path, n, f"`{entry}` is listed twice (first at line {seen[key]})")
                continue
            seen[key] = n


def main():
    global ROOT
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    ROOT = root
    actors = os.path.join(root, "data", "actors")
    events = os.path.join(root, "data", "events")
    countries = check_countries(os.path.join(actors, "countries.tsv"))
    orgs = check_orgs(os.path.join(actors, "organisations.tsv"), countries)
    check_people(os.path.join(actors, "people.tsv"), countries, orgs)
    # Generated from the Phoenix dictionaries (scripts/build_phoenix_actors.py).
    check_orgs(os.path.join(actors, "phoenix_organisations.tsv"), countries)
    check_people(os.path.join(actors, "phoenix_people.tsv"), countries, orgs)
    types = plover_types(os.path.join(events, "categories.tsv"))
    check_cameo(os.path.join(events, "cameo.tsv"), types)
    check_web_types(os.path.join(root, "web", "app.js"), types)
    lexicon = os.path.join(root, "data", "lexicon")
    for name in WORD_LISTS:
        check_word_list(os.path.join(lexicon, name), cased=False)
    for name in CASED_LISTS:
        check_word_list(os.path.join(lexicon, name), cased=True)
    if errors:
        print("\n".join(errors))
        print(f"{len(errors)} error(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
