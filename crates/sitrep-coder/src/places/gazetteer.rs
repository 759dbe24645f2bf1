//! The gazetteer: entries and the name index (the file is read and
//! validated by `lexicon::gazetteer`).

use std::collections::HashMap;

use super::names::key_of;
use super::{Place, PlaceKind};
use crate::lexicon::gazetteer::parse_rows;
pub use crate::lexicon::gazetteer::PlaceRow;
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
    /// Format: `data/gazetteer/FORMAT.md`; the parser is
    /// `lexicon::gazetteer`.
    pub fn parse(src: &str, origin: &str) -> Result<Gazetteer, LexiconError> {
        Ok(Gazetteer::from_rows(parse_rows(src, origin)?))
    }

    /// Builds the name index over validated rows.
    pub fn from_rows(rows: Vec<PlaceRow<'_>>) -> Gazetteer {
        let mut g = Gazetteer::default();
        g.places.reserve(rows.len());
        g.extra.reserve(rows.len());
        g.keys.reserve(rows.len() * 3);
        g.entries.reserve(rows.len() * 3);
        for row in rows {
            let idx = g.places.len();
            // The parser refuses more rows than u32 holds.
            let idx32 = u32::try_from(idx).unwrap_or(u32::MAX);
            let kind = row.place.kind;
            match kind {
                PlaceKind::Country => {
                    g.countries.insert(row.place.country.clone(), idx);
                }
                PlaceKind::Region => {
                    g.regions
                        .insert((row.place.country.clone(), row.admin1.to_string()), idx);
                }
                _ => {}
            }
            let name = row.place.name.clone();
            g.places.push(row.place);
            g.extra.push(Extra {
                admin1: row.admin1.to_string(),
                capital: row.capital,
            });
            g.add_name(&name, idx32, true, false, kind);
            for alt in row
                .alternates
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
        g
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
        // Dotted capitals ("S.C.", "B.C.", "D.C.") are no word of English: read anywhere.
        let dotted = name.ends_with('.') && letters <= 5 && !caps;
        let postal = caps && letters == 2 && kind == PlaceKind::Region && !name.contains('.');
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
