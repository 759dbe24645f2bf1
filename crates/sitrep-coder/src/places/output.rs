//! Output: what a resolved mention says about its place, in the same words
//! for `sitrep places` and for an event's `location`.

use super::{Gazetteer, PlaceKind, PlaceMention};
use crate::record::{CharIndex, PlaceRecord};

impl Gazetteer {
    /// The place's ISO alpha-3 country; `None` for continents and large regions.
    pub fn country_of(&self, place: usize) -> Option<&str> {
        Some(self.place(place).country).filter(|c| !c.is_empty())
    }

    /// The first-order division a place lies in (or is): its GeoNames code and,
    /// when the gazetteer holds it, its name. `None` for countries, continents
    /// and places without a division code.
    pub fn admin1_of(&self, place: usize) -> Option<(&str, Option<&str>)> {
        let p = &self.place(place);
        if matches!(p.kind, PlaceKind::Country | PlaceKind::Continent) {
            return None;
        }
        let code = self.place(place).admin1;
        if code.is_empty() {
            return None;
        }
        let name = self.region(p.country, code).map(|r| self.place(r).name);
        Some((code, name))
    }

    /// The output record of one resolved mention of `text`.
    pub fn place_record(
        &self,
        doc_id: &str,
        text: &str,
        chars: &CharIndex,
        mention: &PlaceMention,
    ) -> PlaceRecord {
        let p = &self.place(mention.place);
        let admin1 = self.admin1_of(mention.place);
        PlaceRecord {
            doc_id: doc_id.to_string(),
            start: chars.chars(mention.span.start),
            end: chars.chars(mention.span.end),
            text: mention.span.of(text).to_string(),
            lat: p.lat,
            lon: p.lon,
            geonameid: p.geonameid,
            country: self.country_of(mention.place).map(str::to_string),
            admin1: admin1.map(|(code, _)| code.to_string()),
            admin1_name: admin1.and_then(|(_, name)| name).map(str::to_string),
            feature: p.kind.as_str().to_string(),
        }
    }
}
