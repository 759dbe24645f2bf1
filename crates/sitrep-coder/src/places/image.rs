//! The gazetteer's binary image: every place as a fixed-width record, the
//! sorted name index and the country and region tables, read in place.
//!
//! The built-in gazetteer's image is written at build time by `build.rs`
//! (which compiles this file, the row parser and `names.rs` as its own
//! modules) and embedded in the binary: start-up reads a 28-byte header and
//! nothing else — no text is parsed, no name hashed, nothing sorted or
//! allocated per place. A `--data` gazetteer is parsed and validated at run
//! time and encoded into the same image in memory, so both are read by the
//! same code. Layout: `data/gazetteer/FORMAT.md`, "The binary image".
//!
//! An image is two parts: the fixed-width sections (bytes, little endian,
//! read with `from_le_bytes`, so no alignment is needed and no `unsafe`)
//! and the strings (UTF-8 text that names, country codes and admin1 codes
//! point into, valid by construction: a `&'static str` when built in).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::collections::HashMap;

use crate::lexicon::gazetteer::{PlaceRow, MAX_PLACES};
use crate::lexicon::LexiconError;
use crate::places::names::key_of;
use crate::places::PlaceKind;

/// The first bytes of an image; the last digits are the layout's version.
const MAGIC: &[u8; 8] = b"SRGAZ001";
/// Magic and five `u32` counts: places, index entries, countries,
/// regions, string bytes.
const HEADER: usize = 8 + 5 * 4;
/// Bytes of one place record.
const RECORD: usize = 45;

// Field offsets within a record.
const LAT: usize = 0;
const LON: usize = 8;
const POPULATION: usize = 16;
const GEONAMEID: usize = 24;
const NAME: usize = 28;
const COUNTRY: usize = 32;
const ADMIN1: usize = 36;
const NAME_LEN: usize = 40;
const COUNTRY_LEN: usize = 42;
const ADMIN1_LEN: usize = 43;
const KIND: usize = 44;
/// The `KIND` byte's flag of a country's capital.
const CAPITAL: u8 = 0x80;

// An index entry's flags above its 28-bit place number.
const PLACE_BITS: u32 = (1 << 28) - 1;
const MAIN: u32 = 1 << 28;
const SHORT: u32 = 1 << 29;
const CAPS: u32 = 1 << 30;
const AFTER_COMMA: u32 = 1 << 31;

/// How one name in the index points at one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub(super) place: u32,
    /// The place's own name rather than an alternate.
    pub(super) main: bool,
    /// A leading part of the place's own name ("New York" for "New York
    /// City"): as good as the name, except against a place named exactly so.
    pub(super) short: bool,
    /// An all-capitals form ("US", "UK"): must appear in capitals in the text.
    pub(super) caps: bool,
    /// A dotted abbreviation ("Va.", "Calif."): only read after "Town, ".
    pub(super) after_comma: bool,
}

impl Entry {
    fn pack(self) -> u32 {
        let flag = |on: bool, bit: u32| if on { bit } else { 0 };
        (self.place & PLACE_BITS)
            | flag(self.main, MAIN)
            | flag(self.short, SHORT)
            | flag(self.caps, CAPS)
            | flag(self.after_comma, AFTER_COMMA)
    }

    fn unpack(v: u32) -> Entry {
        Entry {
            place: v & PLACE_BITS,
            main: v & MAIN != 0,
            short: v & SHORT != 0,
            caps: v & CAPS != 0,
            after_comma: v & AFTER_COMMA != 0,
        }
    }
}

/// One gazetteer entry, read from the image.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place<'g> {
    /// GeoNames id; 0 when the source gives none (most regions).
    pub geonameid: u32,
    pub name: &'g str,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-3 of the country the place lies in (empty for continents).
    pub country: &'g str,
    pub kind: PlaceKind,
    pub population: u64,
    /// GeoNames first-order division code (may be empty).
    pub admin1: &'g str,
    /// The country's capital (a city).
    pub capital: bool,
}

fn kind_code(kind: PlaceKind) -> u8 {
    match kind {
        PlaceKind::Continent => 0,
        PlaceKind::Country => 1,
        PlaceKind::Region => 2,
        PlaceKind::District => 3,
        PlaceKind::City => 4,
    }
}

fn kind_of(code: u8) -> Option<PlaceKind> {
    match code {
        0 => Some(PlaceKind::Continent),
        1 => Some(PlaceKind::Country),
        2 => Some(PlaceKind::Region),
        3 => Some(PlaceKind::District),
        4 => Some(PlaceKind::City),
        _ => None,
    }
}

/// The name index over validated rows: (key, entry) pairs sorted by key,
/// then place, own name first, with repeated (key, place) pairs merged.
pub fn name_index(rows: &[PlaceRow<'_>]) -> Vec<(u64, Entry)> {
    let mut pairs: Vec<(u64, Entry)> = Vec::with_capacity(rows.len() * 3);
    for (idx, row) in rows.iter().enumerate() {
        // The parser refuses more rows than an entry numbers.
        let place = u32::try_from(idx).unwrap_or(PLACE_BITS) & PLACE_BITS;
        add_name(&mut pairs, row.name, place, true, false, row.kind);
        for alt in row
            .alternates
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
        {
            // "New York" for "New York City" is as good as the name itself,
            // and so is "Quebec City" for Québec.
            let short_form = row.name.starts_with(alt) && !alt.ends_with('.');
            let own = short_form || name_with_city_word(row.name, alt);
            add_name(&mut pairs, alt, place, own, short_form, row.kind);
        }
    }
    pairs.sort_unstable_by_key(|(k, e)| (*k, e.place, !e.main));
    pairs.dedup_by(|later, kept| {
        let same = later.0 == kept.0 && later.1.place == kept.1.place;
        if same {
            // The own name wins over a short form of it.
            kept.1.short = (kept.1.short || !kept.1.main) && (later.1.short || !later.1.main);
            kept.1.main |= later.1.main;
        }
        same
    });
    pairs
}

/// "Quebec City" for Québec, "Gaza City" for Gaza: the name written with the
/// word City after it, which news uses to tell a city from the region or
/// country of its name, is the city's own name, not a weaker alternate.
fn name_with_city_word(name: &str, alt: &str) -> bool {
    let Some(split) = alt.len().checked_sub(" city".len()) else {
        return false;
    };
    alt.get(split..)
        .is_some_and(|word| word.eq_ignore_ascii_case(" city"))
        && alt
            .get(..split)
            .and_then(key_of)
            .is_some_and(|k| key_of(name) == Some(k))
}

/// One name of a place with the case rules its form implies.
fn add_name(
    pairs: &mut Vec<(u64, Entry)>,
    name: &str,
    place: u32,
    main: bool,
    short: bool,
    kind: PlaceKind,
) {
    let Some(key) = key_of(name) else {
        return;
    };
    let mut letters = 0;
    let mut caps = true;
    for c in name.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        caps &= c.is_uppercase();
    }
    let caps = caps && letters > 0;
    // "Va." and, for regions, postal codes ("TX", "ON") name a place only as a qualifier.
    // Dotted capitals ("S.C.", "B.C.", "D.C.") are no word of English: read anywhere.
    let dotted = name.ends_with('.') && letters <= 5 && !caps;
    let postal = caps && letters == 2 && kind == PlaceKind::Region && !name.contains('.');
    let after_comma = !main && (dotted || postal);
    pairs.push((
        key,
        Entry {
            place,
            main,
            short,
            caps,
            after_comma,
        },
    ));
}

/// An image as written: the fixed-width sections and the strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageParts {
    pub fixed: Vec<u8>,
    pub strings: String,
}

/// The strings of an image being written: names appended, codes shared.
#[derive(Default)]
struct StringsWriter<'a> {
    text: String,
    codes: HashMap<&'a str, u32>,
}

impl<'a> StringsWriter<'a> {
    /// Appends `s`; its offset.
    fn push(&mut self, s: &str) -> Option<u32> {
        let at = u32::try_from(self.text.len()).ok()?;
        self.text.push_str(s);
        u32::try_from(self.text.len()).ok().map(|_| at)
    }

    /// A country or admin1 code, written once however many places name it.
    fn code(&mut self, s: &'a str) -> Option<u32> {
        if let Some(&at) = self.codes.get(s) {
            return Some(at);
        }
        let at = self.push(s)?;
        self.codes.insert(s, at);
        Some(at)
    }
}

/// Reads and validates a gazetteer file and writes its image: what the
/// build does with `data/gazetteer/places.tsv`. A bad line is the error.
pub fn image_of_file(text: &str, origin: &str) -> Result<ImageParts, LexiconError> {
    let rows = crate::lexicon::gazetteer::parse_rows(text, origin)?;
    encode(&rows, origin)
}

/// Writes the image of validated rows (`lexicon::gazetteer::parse_rows`);
/// `origin` names the file in the error of a gazetteer too large to number.
pub fn encode(rows: &[PlaceRow<'_>], origin: &str) -> Result<ImageParts, LexiconError> {
    let too_large = || LexiconError::new(origin, 0, "gazetteer too large for its image");
    if rows.len() > MAX_PLACES {
        return Err(too_large());
    }
    let index = name_index(rows);
    let mut strings = StringsWriter::default();
    let mut records = Vec::with_capacity(rows.len() * RECORD);
    for row in rows {
        let name = strings.push(row.name).ok_or_else(too_large)?;
        let country = strings.code(row.country).ok_or_else(too_large)?;
        let admin1 = strings.code(row.admin1).ok_or_else(too_large)?;
        let name_len = u16::try_from(row.name.len()).map_err(|_| too_large())?;
        let country_len = u8::try_from(row.country.len()).map_err(|_| too_large())?;
        let admin1_len = u8::try_from(row.admin1.len()).map_err(|_| too_large())?;
        let start = records.len();
        records.extend_from_slice(&row.lat.to_le_bytes());
        records.extend_from_slice(&row.lon.to_le_bytes());
        records.extend_from_slice(&row.population.to_le_bytes());
        records.extend_from_slice(&row.geonameid.to_le_bytes());
        records.extend_from_slice(&name.to_le_bytes());
        records.extend_from_slice(&country.to_le_bytes());
        records.extend_from_slice(&admin1.to_le_bytes());
        records.extend_from_slice(&name_len.to_le_bytes());
        records.push(country_len);
        records.push(admin1_len);
        records.push(kind_code(row.kind) | if row.capital { CAPITAL } else { 0 });
        debug_assert_eq!(records.len() - start, RECORD);
    }
    // As the maps they replace: a later row wins over an earlier one with
    // the same code (the parser refuses a second country).
    let mut countries: BTreeMap<&str, u32> = BTreeMap::new();
    let mut regions: BTreeMap<(&str, &str), u32> = BTreeMap::new();
    for (idx, row) in rows.iter().enumerate() {
        let idx = u32::try_from(idx).map_err(|_| too_large())?;
        match row.kind {
            PlaceKind::Country => {
                countries.insert(row.country, idx);
            }
            PlaceKind::Region => {
                regions.insert((row.country, row.admin1), idx);
            }
            _ => {}
        }
    }
    let count = |n: usize| u32::try_from(n).map_err(|_| too_large());
    let mut fixed = Vec::with_capacity(
        HEADER + records.len() + index.len() * 12 + (countries.len() + regions.len()) * 4,
    );
    fixed.extend_from_slice(MAGIC);
    for n in [
        rows.len(),
        index.len(),
        countries.len(),
        regions.len(),
        strings.text.len(),
    ] {
        fixed.extend_from_slice(&count(n)?.to_le_bytes());
    }
    fixed.extend_from_slice(&records);
    for (key, _) in &index {
        fixed.extend_from_slice(&key.to_le_bytes());
    }
    for (_, entry) in &index {
        fixed.extend_from_slice(&entry.pack().to_le_bytes());
    }
    for idx in countries.values().chain(regions.values()) {
        fixed.extend_from_slice(&idx.to_le_bytes());
    }
    Ok(ImageParts {
        fixed,
        strings: strings.text,
    })
}

/// An image being read: where each section starts.
#[derive(Clone)]
pub(super) struct Image {
    fixed: Cow<'static, [u8]>,
    strings: Cow<'static, str>,
    places: usize,
    index: usize,
    countries: usize,
    regions: usize,
    keys_at: usize,
    entries_at: usize,
    countries_at: usize,
    regions_at: usize,
}

impl Default for Image {
    /// No places.
    fn default() -> Self {
        Image {
            fixed: Cow::Borrowed(&[]),
            strings: Cow::Borrowed(""),
            places: 0,
            index: 0,
            countries: 0,
            regions: 0,
            keys_at: HEADER,
            entries_at: HEADER,
            countries_at: HEADER,
            regions_at: HEADER,
        }
    }
}

/// Reads `N` bytes at `at`; zeros past the end (sections are checked
/// against their counts when an image is opened).
fn bytes_at<const N: usize>(b: &[u8], at: usize) -> [u8; N] {
    let mut out = [0; N];
    if let Some(s) = b.get(at..at + N) {
        out.copy_from_slice(s);
    }
    out
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes_at(b, at))
}

impl Image {
    /// Opens an image: checks the magic and that the sections fill the
    /// bytes exactly; the reason is the error.
    pub(super) fn open(
        fixed: Cow<'static, [u8]>,
        strings: Cow<'static, str>,
    ) -> Result<Image, String> {
        if fixed.get(..MAGIC.len()) != Some(MAGIC.as_slice()) || fixed.len() < HEADER {
            return Err("not a gazetteer image of this version (bad magic)".into());
        }
        let count = |i: usize| u32_at(&fixed, MAGIC.len() + 4 * i) as usize;
        let (places, index, countries, regions, strings_len) =
            (count(0), count(1), count(2), count(3), count(4));
        // Where each section starts, and where the last ends; `None` when a
        // count overflows the address space (a corrupt header).
        let after = |start: usize, n: usize, width: usize| start.checked_add(n.checked_mul(width)?);
        let sections = after(HEADER, places, RECORD).and_then(|keys_at| {
            let entries_at = after(keys_at, index, 8)?;
            let countries_at = after(entries_at, index, 4)?;
            let regions_at = after(countries_at, countries, 4)?;
            Some((
                keys_at,
                entries_at,
                countries_at,
                regions_at,
                after(regions_at, regions, 4)?,
            ))
        });
        let Some((keys_at, entries_at, countries_at, regions_at, end)) = sections else {
            return Err("image header counts overflow".into());
        };
        if end != fixed.len() {
            return Err(format!(
                "image is {} bytes, its header says {end}",
                fixed.len()
            ));
        }
        if strings_len != strings.len() {
            return Err(format!(
                "image strings are {} bytes, its header says {strings_len}",
                strings.len()
            ));
        }
        Ok(Image {
            fixed,
            strings,
            places,
            index,
            countries,
            regions,
            keys_at,
            entries_at,
            countries_at,
            regions_at,
        })
    }

    /// The image of validated rows.
    pub(super) fn build(rows: &[PlaceRow<'_>], origin: &str) -> Result<Image, LexiconError> {
        let parts = encode(rows, origin)?;
        Image::open(Cow::Owned(parts.fixed), Cow::Owned(parts.strings))
            .map_err(|reason| LexiconError::new(origin, 0, reason))
    }

    pub(super) fn len(&self) -> usize {
        self.places
    }

    /// Place `index`. Panics past the last place, like a slice.
    pub(super) fn place(&self, index: usize) -> Place<'_> {
        assert!(index < self.places, "place {index} of {}", self.places);
        let at = HEADER + index * RECORD;
        let r: [u8; RECORD] = bytes_at(&self.fixed, at);
        let f64_at = |i| f64::from_le_bytes(bytes_at(&r, i));
        let u32_field = |i| u32_at(&r, i);
        let text = |at: usize, len: usize| self.strings.get(at..at + len).unwrap_or("");
        let name_len = usize::from(u16::from_le_bytes(bytes_at(&r, NAME_LEN)));
        Place {
            geonameid: u32_field(GEONAMEID),
            name: text(u32_field(NAME) as usize, name_len),
            lat: f64_at(LAT),
            lon: f64_at(LON),
            country: text(u32_field(COUNTRY) as usize, usize::from(r[COUNTRY_LEN])),
            kind: kind_of(r[KIND] & !CAPITAL).unwrap_or(PlaceKind::City),
            population: u64::from_le_bytes(bytes_at(&r, POPULATION)),
            admin1: text(u32_field(ADMIN1) as usize, usize::from(r[ADMIN1_LEN])),
            capital: r[KIND] & CAPITAL != 0,
        }
    }

    fn key(&self, i: usize) -> u64 {
        u64::from_le_bytes(bytes_at(&self.fixed, self.keys_at + i * 8))
    }

    /// The index entries of a name's key, in index order.
    pub(super) fn entries_of(&self, key: u64) -> impl ExactSizeIterator<Item = Entry> + '_ {
        let start = partition_point(self.index, |i| self.key(i) < key);
        let end = start + partition_point(self.index - start, |i| self.key(start + i) <= key);
        (start..end).map(|i| Entry::unpack(u32_at(&self.fixed, self.entries_at + i * 4)))
    }

    /// The country entry of an ISO alpha-3 code.
    pub(super) fn country(&self, alpha3: &str) -> Option<usize> {
        let at = |i: usize| u32_at(&self.fixed, self.countries_at + i * 4) as usize;
        let i = partition_point(self.countries, |i| self.place(at(i)).country < alpha3);
        (i < self.countries)
            .then(|| at(i))
            .filter(|&p| self.place(p).country == alpha3)
    }

    /// The region entry of a country's admin1 code.
    pub(super) fn region(&self, country: &str, admin1: &str) -> Option<usize> {
        let at = |i: usize| u32_at(&self.fixed, self.regions_at + i * 4) as usize;
        let code = |p: usize| {
            let p = self.place(p);
            (p.country, p.admin1)
        };
        let i = partition_point(self.regions, |i| code(at(i)) < (country, admin1));
        (i < self.regions)
            .then(|| at(i))
            .filter(|&p| code(p) == (country, admin1))
    }

    /// Both parts, as written (for comparing images).
    #[cfg(test)]
    pub(super) fn parts(&self) -> (&[u8], &str) {
        (&self.fixed, &self.strings)
    }
}

/// The first `i` in `0..n` where `before(i)` is false (`before` is true
/// then false over the range), as `slice::partition_point`.
fn partition_point(n: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::gazetteer::parse_rows;

    const ROWS: &str = "\
6255148\tcontinent\tEurope\t48.69\t9.14\t\t\t741000000\tEU
6252001\tcountry\tUnited States\t39.83\t-98.58\tUSA\t\t327167434\tU.S.|US|America
0\tregion\tVirginia\t37.5\t-78.8\tUSA\tVA\t8000000\tVa.|VA
0\tregion\tOld Virginia\t37.0\t-78.0\tUSA\tVA\t1\t
4140963\tcapital\tWashington\t38.89511\t-77.03637\tUSA\tDC\t689545\tWashington D.C.
4791259\tcity\tS\u{e3}o Vicente\t-23.96\t-46.39\tBRA\t27\t332445\tSao Vicente
";

    fn image(text: &str) -> Image {
        let rows = parse_rows(text, "g.tsv").expect("valid rows");
        Image::build(&rows, "g.tsv").expect("image")
    }

    #[test]
    fn places_read_back_as_written() {
        let rows = parse_rows(ROWS, "g.tsv").expect("valid rows");
        let img = image(ROWS);
        assert_eq!(img.len(), rows.len());
        for (i, row) in rows.iter().enumerate() {
            let p = img.place(i);
            assert_eq!(
                (p.geonameid, p.name, p.country, p.admin1, p.kind, p.capital),
                (
                    row.geonameid,
                    row.name,
                    row.country,
                    row.admin1,
                    row.kind,
                    row.capital
                )
            );
            assert_eq!(
                (p.lat.to_bits(), p.lon.to_bits(), p.population),
                (row.lat.to_bits(), row.lon.to_bits(), row.population)
            );
        }
    }

    #[test]
    fn index_reads_back_as_built() {
        let rows = parse_rows(ROWS, "g.tsv").expect("valid rows");
        let img = image(ROWS);
        let index = name_index(&rows);
        for (key, _) in &index {
            let expected: Vec<Entry> = index
                .iter()
                .filter(|(k, _)| k == key)
                .map(|(_, e)| *e)
                .collect();
            assert_eq!(img.entries_of(*key).collect::<Vec<_>>(), expected);
        }
        let us = key_of("US").expect("a key");
        let entries: Vec<Entry> = img.entries_of(us).collect();
        assert_eq!(entries.len(), 1);
        assert!(entries[0].caps && !entries[0].main && entries[0].place == 1);
        assert_eq!(img.entries_of(key_of("Atlantis").expect("a key")).len(), 0);
    }

    #[test]
    fn name_with_city_word_is_the_own_name() {
        assert!(name_with_city_word("Québec", "Quebec City"));
        assert!(name_with_city_word("Dublin", "Dublin city"));
        assert!(!name_with_city_word("Dublin", "Dublin"));
        assert!(!name_with_city_word("Gaza", "Kuwait City"));
        assert!(!name_with_city_word("Gaza", "City"));
        assert!(!name_with_city_word("Gaza", "Gaza Citý"));
    }

    #[test]
    fn countries_and_regions_by_code() {
        let img = image(ROWS);
        assert_eq!(img.country("USA"), Some(1));
        assert_eq!(img.country("BRA"), None);
        assert_eq!(img.country(""), None);
        // Two regions with one code: the later row, as a map's insert.
        assert_eq!(img.region("USA", "VA"), Some(3));
        assert_eq!(img.region("USA", "DC"), None);
        assert_eq!(img.region("BRA", "27"), None);
    }

    #[test]
    fn a_bad_line_fails_the_build_with_file_line_and_reason() {
        let bad = "# header\n1\tcity\tA\t1\t2\tUSA\t\t5\t\n2\tcity\tB\t1\t200\tUSA\t\t5\t\n";
        let e = image_of_file(bad, "data/gazetteer/places.tsv").expect_err("bad longitude");
        assert_eq!(
            e.to_string(),
            "data/gazetteer/places.tsv:3: bad longitude `200`"
        );
    }

    #[test]
    fn a_damaged_image_is_refused() {
        let parts = image_of_file(ROWS, "g.tsv").expect("valid");
        let open = |fixed: &[u8], strings: &str| {
            Image::open(Cow::Owned(fixed.to_vec()), Cow::Owned(strings.to_string())).map(|_| ())
        };
        assert_eq!(open(&parts.fixed, &parts.strings), Ok(()));
        let cut = &parts.fixed[..parts.fixed.len() - 1];
        assert!(open(cut, &parts.strings).is_err());
        assert!(open(&parts.fixed, "").is_err());
        let mut magic = parts.fixed.clone();
        magic[0] = b'X';
        assert!(open(&magic, &parts.strings).is_err());
        let mut huge = parts.fixed.clone();
        huge[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(open(&huge, &parts.strings).is_err());
    }
}
