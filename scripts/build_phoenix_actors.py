#!/usr/bin/env python3
"""Generate data/actors/phoenix_organisations.tsv and phoenix_people.tsv from
the Phoenix actor dictionaries (PETRARCH-2 / phoenix_pipeline, MIT).

Input: PETRARCH-2's `Phoenix.International.actors.txt` (IGOs, NGOs,
international people) and `Phoenix.MilNonState.actors.txt` (non-state armed
groups), in /work/shared/lexicons/petrarch2/ or the folder given with --src;
the repo's hand-made `countries.tsv` and `organisations.tsv` (country codes,
organisation codes and names used for the crosswalk below).

Mapping of the CAMEO actor codes (`FRAREB`, `IGOUNO`, `IGOWSTNAT`...):
- a code that starts with a country code of countries.tsv keeps that country
  and takes its sector from the first role chunk that has a PLOVER sector
  (`GOV`, `MIL`, `REB`, `INS` -> REB...); a code without such a chunk is left
  out;
- an organisation code (`IGO...`, `NGO...`, `IMG...`) is mapped to a code of
  organisations.tsv when one of the Phoenix entries carrying that CAMEO code
  has a name that organisations.tsv also lists (`THE_UNITED_NATIONS_
  [IGOUNO]` -> `UN`): the crosswalk is learnt from the names, not written by
  hand. Codes that no name ties to an organisation of the repo are left out,
  and so are multinational companies (`MNC...`: brands are no actors).
- Dated roles (`[IGOUNO 970101-061231]`, `>date`, `<date`; two-digit years
  up to 14 are 20YY, the files are from 2014) go to phoenix_people.tsv, one
  line per role; undated entries go to phoenix_organisations.tsv.

Variants: `_`-joined upper-case words become title case ("al", "of", "the"...
lower case), a leading "the" and parenthesised acronyms are dropped. Only
variants of two words or more are kept (one-word names are too ambiguous in
news without a hand check), none that the hand-made files already list, and
none that would map to two codes.

Usage: scripts/build_phoenix_actors.py [--src DIR] [repo_root]
"""
import argparse
import collections
import datetime
import os
import re
import sys

SRC = "/work/shared/lexicons/petrarch2"
FILES = ["Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"]

# CAMEO role chunk -> PLOVER sector (first chunk that maps wins).
ROLE_SECTOR = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "SPY": "COP", "JUD": "JUD",
    "LEG": "LEG", "OPP": "OPP", "PTY": "PTY", "REB": "REB", "INS": "REB",
    "SEP": "REB", "UAF": "REB", "CRM": "CRM", "BUS": "BUS", "MED": "MED",
    "NGO": "NGO", "HRI": "NGO", "DEV": "NGO", "ENV": "NGO", "REL": "REL",
    "EDU": "EDU", "HLH": "HLH", "LAB": "LAB", "CVL": "CVL", "REF": "CVL",
    "AGR": "CVL",
}
# CAMEO codes of organisations without a country (a placeholder country such
# as `KKL` is not one of them).
ORG_PREFIXES = ("IGO", "NGO", "IMG")
# Role and religion chunks that qualify an organisation code without naming
# one (`NGOMUS`, `IMGMUSxxx` keep their last chunk).
GENERIC_CHUNKS = {"MUS", "CHR", "JEW", "BUD", "HIN", "SHI", "SUN", "CTH", "ORT", "PRO",
                  "MOD", "RAD", "ELI", "IGO", "NGO", "IMG", "UAF", "INT"}
LOWER_WORDS = {"of", "the", "and", "for", "al", "el", "ad", "as", "de", "du", "des",
               "la", "le", "bin", "ibn", "in", "on", "to", "an", "a", "at", "ul"}
CODE_RE = re.compile(r"\[([A-Z~]{3,})(?:\s+([<>]?\d{6,8})(?:-(\d{6,8}))?)?\s*\]")
VARIANT_OK = re.compile(r"^[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9 .'&/-]*$")


def parse_date(s):
    """YYMMDD (two-digit years up to 14 are 20YY) or YYYYMMDD; None if bad."""
    try:
        if len(s) == 6:
            yy = int(s[:2])
            year = 2000 + yy if yy <= 14 else 1900 + yy
            return datetime.date(year, int(s[2:4]), int(s[4:6]))
        if len(s) == 8:
            return datetime.date(int(s[:4]), int(s[4:6]), int(s[6:8]))
    except ValueError:
        return None
    return None


def parse_roles(text):
    """[(cameo_code, from, to)] of the bracketed codes in text; a role whose
    date does not parse is dropped."""
    roles = []
    for code, a, b in CODE_RE.findall(text):
        start = end = None
        if a.startswith(">"):
            start = parse_date(a[1:])
            if start is None:
                continue
        elif a.startswith("<"):
            end = parse_date(a[1:])
            if end is None:
                continue
        elif a:
            start, end = parse_date(a), parse_date(b) if b else None
            if start is None or (b and end is None) or (end and end < start):
                continue
        roles.append((code, start, end))
    return roles


def parse_file(path):
    """Entries as (line, [raw names], [roles])."""
    entries = []
    cur = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            body = line.split("#", 1)[0]
            if not body.strip():
                if cur is not None and not line.strip():
                    entries.append(cur)
                    cur = None
                continue
            stripped = body.strip()
            if stripped.startswith("+"):
                if cur is not None:
                    name = stripped[1:].split("[", 1)[0].strip()
                    cur[1].append(name)
                    cur[2].extend(parse_roles(stripped))
                continue
            if body[0] in " \t" and stripped.startswith("["):
                if cur is not None:
                    cur[2].extend(parse_roles(stripped))
                continue
            if cur is not None:
                entries.append(cur)
            name = stripped.split("[", 1)[0].strip().split("\t")[0].strip()
            cur = (n, [name], parse_roles(stripped))
    if cur is not None:
        entries.append(cur)
    return entries


def word_case(w):
    if "." in w or any(c.isdigit() for c in w):
        return w
    parts = w.split("-")
    out = []
    for p in parts:
        low = p.lower()
        if low in LOWER_WORDS:
            out.append(low)
        else:
            out.append(p[:1].upper() + p[1:].lower())
    return "-".join(out)


def variant(raw):
    """A Phoenix name as it is written in news, or None."""
    words = [w for w in raw.strip().strip("_").split("_") if w]
    words = [w for w in words if not (w.startswith("(") and w.endswith(")"))]
    if words and words[0].upper() == "THE":
        words = words[1:]
    if len(words) < 2 or any("(" in w or ")" in w for w in words):
        return None
    cased = [word_case(w) for w in words]
    # The first word keeps its capital ("Al-Qaeda in Iraq" starts a name).
    first = cased[0]
    if first in LOWER_WORDS:
        first = first.capitalize()
    v = " ".join([first] + cased[1:])
    if not VARIANT_OK.match(v) or all(w.lower() in LOWER_WORDS for w in cased):
        return None
    return v


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line.split("\t")


def norm(v):
    v = v.lower().replace("’", "'")
    return v[4:] if v.startswith("the ") else v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default=SRC)
    ap.add_argument("root", nargs="?", default=os.path.join(os.path.dirname(__file__), ".."))
    args = ap.parse_args()
    actors = os.path.join(args.root, "data", "actors")
    countries = {f[0] for f in read_tsv(os.path.join(actors, "countries.tsv"))}
    known = set()  # variants of the hand-made files
    for f in read_tsv(os.path.join(actors, "countries.tsv")):
        known.update(norm(v) for v in f[2].split("|"))
    org_by_name, org_sector = {}, {}
    for f in read_tsv(os.path.join(actors, "organisations.tsv")):
        org_sector.setdefault(f[0], f[1])
        for v in f[2].split("|"):
            org_by_name.setdefault(norm(v), f[0])
            known.add(norm(v))
    for f in read_tsv(os.path.join(actors, "people.tsv")):
        known.update(norm(v) for v in f[4].split("|"))

    parsed = []
    for name in FILES:
        for line, names, roles in parse_file(os.path.join(args.src, name)):
            parsed.append((name, line, names, roles))

    # Crosswalk of organisation CAMEO codes, learnt from shared names.
    votes = collections.defaultdict(collections.Counter)
    for _, _, names, roles in parsed:
        for code, start, end in roles:
            if not code.startswith(ORG_PREFIXES) or start or end:
                continue
            for raw in names:
                words = [w for w in raw.strip("_").split("_") if w]
                key = norm(" ".join(words))
                if key in org_by_name:
                    votes[code][org_by_name[key]] += 1
    # A code made of the prefix and role chunks only (`NGODEV`, `NGOHRI`)
    # covers many organisations: one shared name does not make it one.
    def specific(code):
        chunks = [code[i:i + 3] for i in range(3, len(code), 3)]
        return any(c not in ROLE_SECTOR and c not in GENERIC_CHUNKS for c in chunks)

    crosswalk = {c: v.most_common(1)[0][0] for c, v in votes.items() if specific(c)}

    def actor_of(code):
        if code.startswith("MNC"):
            return None
        if code[:3] in countries:
            for i in range(3, len(code), 3):
                s = ROLE_SECTOR.get(code[i:i + 3])
                if s:
                    return code[:3], s
            return None
        org = crosswalk.get(code) if code.startswith(ORG_PREFIXES) else None
        return (org, org_sector[org]) if org else None

    orgs = collections.OrderedDict()   # (code, sector) -> [variants]
    people = []                        # (code, sector, from, to, [variants])
    codes_of = collections.defaultdict(set)
    dated_only = collections.defaultdict(lambda: True)
    for _, _, names, roles in parsed:
        vs = []
        for raw in names:
            v = variant(raw)
            if v and norm(v) not in known and v not in vs:
                vs.append(v)
        if not vs:
            continue
        mapped = [(actor_of(c), s, e) for c, s, e in roles]
        mapped = [(a, s, e) for a, s, e in mapped if a]
        if not mapped:
            continue
        if any(s or e for _, s, e in mapped):
            for (code, sector), s, e in mapped:
                if not (s or e):
                    continue
                people.append((code, sector, s, e, vs))
                for v in vs:
                    codes_of[norm(v)].add(code)
        else:
            (code, sector), _, _ = mapped[0]
            orgs.setdefault((code, sector), []).extend(vs)
            for v in vs:
                codes_of[norm(v)].add(code)
                dated_only[norm(v)] = False

    # A variant that names two codes is dropped, unless every use is a dated
    # role (a person's successive offices).
    def ok(v):
        return len(codes_of[norm(v)]) == 1 or dated_only[norm(v)]

    header = ("# Generated by scripts/build_phoenix_actors.py from PETRARCH-2's Phoenix actor dictionaries\n"
              "# (Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt; openeventdata/petrarch2,\n"
              "# MIT licence, see LICENSE.phoenix.txt). Do not edit: change the script or the hand-made files.\n")
    out_o = os.path.join(actors, "phoenix_organisations.tsv")
    n_o = 0
    seen = set()
    with open(out_o, "w", encoding="utf-8") as f:
        f.write(header + "# Columns: CODE, SECTOR, VARIANTS (format of organisations.tsv, FORMAT.md).\n")
        for (code, sector), vs in sorted(orgs.items()):
            keep = []
            for v in vs:
                if ok(v) and norm(v) not in seen:
                    seen.add(norm(v))
                    keep.append(v)
            if keep:
                f.write(f"{code}\t{sector}\t{'|'.join(keep)}\n")
                n_o += 1
    out_p = os.path.join(actors, "phoenix_people.tsv")
    n_p = 0
    rows = set()
    with open(out_p, "w", encoding="utf-8") as f:
        f.write(header + "# Columns: CODE, SECTOR, FROM, TO, VARIANTS (format of people.tsv, FORMAT.md).\n")
        for code, sector, s, e, vs in sorted(people, key=lambda r: (r[0], r[4][0], str(r[2]))):
            keep = [v for v in vs if ok(v) and norm(v) not in seen]
            if not keep:
                continue
            row = f"{code}\t{sector}\t{s or '-'}\t{e or '-'}\t{'|'.join(keep)}"
            if row not in rows:
                rows.add(row)
                f.write(row + "\n")
                n_p += 1
    print(f"crosswalk {len(crosswalk)} organisation codes; {n_o} organisation lines, {n_p} role lines",
          file=sys.stderr)


if __name__ == "__main__":
    main()
