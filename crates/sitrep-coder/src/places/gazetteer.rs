//! The gazetteer: entries, their validation at load and the name index.

use std::collections::HashMap;

use super::names::key_of;
use super::{Place, PlaceKind};
use crate::lexicon::LexiconError;

/// How one name in the index points at one place.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
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

/// Facts about a place that the public `Place` does not carry.
#[derive(Debug, Clone, Default)]
pub(super) struct Extra {
    pub(super) admin1: String,
    pub(super) capital: bool,
}

/// The gazetteer, loaded from `data/gazetteer/*.tsv`.
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub(super) places: Vec<Place>,
    pub(super) extra: Vec<Extra>,
    /// Name index: hashed normalised names (`key_of`), sorted, with the entry
    /// at the same position. A sorted vector builds faster than a hash map
    /// (sequential memory) and a lookup is a binary search.
    keys: Vec<u64>,
    entries: Vec<Entry>,
    pub(super) countries: HashMap<String, usize>,
    /// (alpha-3, admin1 code) → region entry.
    pub(super) regions: HashMap<(String, String), usize>,
}

impl Gazetteer {
    /// Parses the gazetteer file; `origin` names it in errors.
    /// Format: `data/gazetteer/FORMAT.md`.
    pub fn parse(src: &str, origin: &str) -> Result<Gazetteer, LexiconError> {
        let mut g = Gazetteer::default();
        let rows = src.bytes().filter(|&b| b == b'\n').count() + 1;
        g.places.reserve(rows);
        g.extra.reserve(rows);
        g.keys.reserve(rows * 3);
        g.entries.reserve(rows * 3);
        for (line_no, line) in data_lines(src) {
            let err = |reason: String| LexiconError::new(origin, line_no, reason);
            let fields = split_fields(line)
                .map_err(|found| err(format!("expected 9 tab-separated fields, found {found}")))?;
            let geonameid: u32 = fields[0]
                .parse()
                .map_err(|_| err(format!("bad geonameid `{}`", fields[0])))?;
            let (kind, capital) = match fields[1] {
                "continent" => (PlaceKind::Continent, false),
                "country" => (PlaceKind::Country, false),
                "region" => (PlaceKind::Region, false),
                "district" => (PlaceKind::District, false),
                "city" => (PlaceKind::City, false),
                "capital" => (PlaceKind::City, true),
                other => return Err(err(format!("unknown kind `{other}`"))),
            };
            let name = fields[2];
            if name.is_empty() {
                return Err(err("empty name".to_string()));
            }
            let lat: f64 = fields[3]
                .parse()
                .ok()
                .filter(|v: &f64| (-90.0..=90.0).contains(v))
                .ok_or_else(|| err(format!("bad latitude `{}`", fields[3])))?;
            let lon: f64 = fields[4]
                .parse()
                .ok()
                .filter(|v: &f64| (-180.0..=180.0).contains(v))
                .ok_or_else(|| err(format!("bad longitude `{}`", fields[4])))?;
            let country = fields[5];
            let valid_country =
                country.len() == 3 && country.bytes().all(|b| b.is_ascii_uppercase());
            if kind == PlaceKind::Continent {
                if !country.is_empty() {
                    return Err(err("a continent has no country code".to_string()));
                }
            } else if !valid_country {
                return Err(err(format!("bad ISO alpha-3 country code `{country}`")));
            }
            let population: u64 = fields[7]
                .parse()
                .map_err(|_| err(format!("bad population `{}`", fields[7])))?;
            let idx = g.places.len();
            let Ok(idx32) = u32::try_from(idx) else {
                return Err(err("too many places".to_string()));
            };
            match kind {
                PlaceKind::Country if g.countries.insert(country.to_string(), idx).is_some() => {
                    return Err(err(format!("second entry for country `{country}`")));
                }
                PlaceKind::Region => {
                    g.regions
                        .insert((country.to_string(), fields[6].to_string()), idx);
                }
                _ => {}
            }
            g.places.push(Place {
                geonameid,
                name: name.to_string(),
                lat,
                lon,
                country: country.to_string(),
                kind,
                population,
            });
            g.extra.push(Extra {
                admin1: fields[6].to_string(),
                capital,
            });
            g.add_name(name, idx32, true, false, kind);
            for alt in fields[8]
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
            {
                // "New York" for "New York City" is as good as the name itself.
                let short_form = name.starts_with(alt) && !alt.ends_with('.');
                g.add_name(alt, idx32, short_form, short_form, kind);
            }
        }
        g.sort_index();
        Ok(g)
    }

    fn add_name(&mut self, name: &str, place: u32, main: bool, short: bool, kind: PlaceKind) {
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
        let dotted = name.ends_with('.') && letters <= 5 && !caps;
        let postal = caps && letters == 2 && kind == PlaceKind::Region;
        let after_comma = !main && (dotted || postal);
        self.keys.push(key);
        self.entries.push(Entry {
            place,
            main,
            short,
            caps,
            after_comma,
        });
    }

    /// Sorts the index by key and merges repeated (key, place) pairs.
    fn sort_index(&mut self) {
        let mut pairs: Vec<(u64, Entry)> =
            self.keys.drain(..).zip(self.entries.drain(..)).collect();
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
        self.keys = pairs.iter().map(|p| p.0).collect();
        self.entries = pairs.into_iter().map(|p| p.1).collect();
    }

    /// The index entries of a name.
    pub(super) fn entries_of(&self, key: u64) -> &[Entry] {
        let start = self.keys.partition_point(|&k| k < key);
        let end = start + self.keys[start..].partition_point(|&k| k == key);
        &self.entries[start..end]
    }

    pub fn place(&self, index: usize) -> &Place {
        &self.places[index]
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The country entry for an ISO alpha-3 code (its centroid, for events
    /// placed only at country level).
    pub fn country(&self, alpha3: &str) -> Option<&Place> {
        self.countries.get(alpha3).map(|&i| &self.places[i])
    }
}

/// The data lines of the file with their 1-based numbers: blank lines and
/// `#` comments skipped, a trailing `\r` dropped. (Like `lexicon::tsv_lines`,
/// without a vector per line: the gazetteer has some 200,000 lines.)
fn data_lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    src.lines().enumerate().filter_map(|(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let content = line.trim_start();
        (!content.is_empty() && !content.starts_with('#')).then_some((i + 1, line))
    })
}

/// The nine trimmed fields of a line, or the number of fields found.
fn split_fields(line: &str) -> Result<[&str; 9], usize> {
    let mut fields = [""; 9];
    let mut n = 0;
    for f in line.split('\t') {
        if n < 9 {
            fields[n] = f.trim();
        }
        n += 1;
    }
    if n == 9 {
        Ok(fields)
    } else {
        Err(n)
    }
}
