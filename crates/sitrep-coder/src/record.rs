//! The output contract: one `EventRecord` per coded event and one
//! `PlaceRecord` per resolved place mention, serialised as JSON lines.
//! These are the only serde types of the coder. Offsets here count Unicode
//! code points (end exclusive) in the document's text, as GUIDELINES.md asks.
//!
//! `RECORD_VERSION` changes whenever a field changes meaning or is removed.

use serde::{Deserialize, Serialize};

use crate::vocab::{ActorHow, Category, Sector};

/// Version of the record layout below.
pub const RECORD_VERSION: u32 = 1;

/// A text span as `[start, end)` in code points.
pub type CharSpan = [usize; 2];

/// One actor of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRecord {
    /// ISO 3166-1 alpha-3 country code or IGO acronym (`KAZ`, `CSTO`).
    pub code: String,
    /// PLOVER sector (`GOV`, `MIL`, `COP`, `CVL`, `IGO`...), when known.
    pub sector: Option<Sector>,
    /// The noun phrase the actor was read from.
    pub text: String,
    pub span: CharSpan,
    /// How the actor was resolved: `dict:FILE:LINE`, `coref:PRONOUN`,
    /// `coref:name`, `coref:head`, `coref:event`, `apposition`, `place`, `place:qualifier`,
    /// `place:sentence`, `default:sentence`,
    /// `default:document`, `default:country`, `default:other-party`,
    /// `default:domestic` (the README lists what each means); empty in
    /// alert views.
    pub how: ActorHow,
}

/// Where an event took place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocationRecord {
    /// ISO alpha-3 of the country.
    pub code: String,
    /// Place name as the gazetteer gives it.
    pub place: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonameid: Option<u32>,
    /// `country`, `region`, `district` or `city`.
    pub feature: String,
    /// GeoNames first-order division code (`TX`, `08`) of the place, when it lies in one.
    #[serde(default)]
    pub admin1: Option<String>,
    /// That division's name (`Texas`, `Ontario`).
    #[serde(default)]
    pub admin1_name: Option<String>,
    /// The place's text in the document, when the location came from one.
    pub text: Option<String>,
    pub span: Option<CharSpan>,
    /// Where the location came from: `sentence`, `dateline`, `target`, `source`.
    pub how: String,
}

/// A piece of text that triggered or dated an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    pub text: String,
    pub span: CharSpan,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Stable id: a hash of doc id, sentence span, rule and actors.
    pub event_id: String,
    pub doc_id: String,
    /// PLOVER event type (`RETREAT`, `PROTEST`...).
    pub category: Category,
    /// PLOVER mode (`sign`, `demonstrate`...), when the rule gives one.
    pub mode: Option<String>,
    /// PLOVER contexts (`military`, `economic`...), possibly empty.
    pub context: Vec<String>,
    /// CAMEO code for users of older data (`0874`).
    pub cameo: String,
    /// Goldstein-style intensity, −10 (most hostile) to +10 (most cooperative).
    pub intensity: f32,
    /// Id of the pattern that fired (`data/events/patterns.tsv`).
    pub rule: String,
    pub source: Option<ActorRecord>,
    pub target: Option<ActorRecord>,
    /// ISO date the event happened (first day when it spans several).
    pub date: Option<String>,
    /// Last day, when the text gives a duration or a window.
    pub date_end: Option<String>,
    /// `day`, `week`, `month`, `year`; `carried` (the last date the text set
    /// before this undated event, in its paragraph or event chain, never
    /// after the publication),
    /// `publication` (no date in the text) or `unknown` (neither).
    pub date_precision: String,
    /// The time expression the date was read from.
    pub date_text: Option<TextSpan>,
    pub location: Option<LocationRecord>,
    pub trigger: TextSpan,
    pub sentence: String,
    /// The sentence's span.
    pub span: CharSpan,
}

/// One resolved place mention (`sitrep places`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceRecord {
    pub doc_id: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub lat: f64,
    pub lon: f64,
    /// GeoNames id; 0 when the gazetteer has none (large regions, districts).
    pub geonameid: u32,
    /// ISO alpha-3; null for continents and large regions (never `""`).
    pub country: Option<String>,
    /// GeoNames first-order division code (`TX`, `08`), when the place lies in one.
    #[serde(default)]
    pub admin1: Option<String>,
    /// That division's name (`Texas`, `Ontario`).
    #[serde(default)]
    pub admin1_name: Option<String>,
    /// `continent`, `country`, `region` (first-order division), `district`
    /// (second-order division) or `city`.
    pub feature: String,
}

/// Converts byte offsets of one text into code-point offsets, in O(log n).
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every char boundary that starts a non-ASCII char,
    /// with the count of extra bytes before it; empty for ASCII text.
    multibyte: Vec<(usize, usize)>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut multibyte = Vec::new();
        let mut extra = 0;
        for (i, c) in text.char_indices() {
            let n = c.len_utf8();
            if n > 1 {
                extra += n - 1;
                multibyte.push((i + n, extra));
            }
        }
        CharIndex { multibyte }
    }

    /// Code-point offset of byte offset `byte` (which should be a char boundary).
    pub fn chars(&self, byte: usize) -> usize {
        let idx = self.multibyte.partition_point(|&(b, _)| b <= byte);
        if idx == 0 {
            byte
        } else {
            byte - self.multibyte[idx - 1].1
        }
    }

    pub fn span(&self, span: crate::Span) -> CharSpan {
        [self.chars(span.start), self.chars(span.end)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_counts_code_points() {
        let text = "a’b Ü c";
        let idx = CharIndex::new(text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.chars(byte), chars);
        }
        assert_eq!(idx.chars(text.len()), text.chars().count());
    }
}
