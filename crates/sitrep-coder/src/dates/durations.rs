//! Durations: "for two weeks", "for more than 10 days", "three-day".

use super::calendar::unit_days;
use super::tokens::is_dash;
use super::{Cx, Hit, TimeValue};

/// Hedges allowed between "for" and a count ("for more than two weeks").
pub(super) const DURATION_HEDGES: [&[&str]; 16] = [
    &["more", "than"],
    &["less", "than"],
    &["at", "least"],
    &["up", "to"],
    &["the", "past"],
    &["the", "last"],
    &["the", "next"],
    &["a", "further"],
    &["nearly"],
    &["almost"],
    &["about"],
    &["around"],
    &["over"],
    &["some"],
    &["roughly"],
    &["another"],
];

impl Cx<'_> {
    /// "for [hedge] N units".
    pub(super) fn duration(&self, i: usize) -> Option<Hit> {
        if !self.is(i, "for") {
            return None;
        }
        let mut j = i + 1;
        for h in DURATION_HEDGES {
            if h.iter().enumerate().all(|(k, w)| self.is(j + k, w)) {
                j += h.len();
                break;
            }
        }
        let n = self.qty_at(j)?;
        let unit = self.unit_at(j + 1)?;
        Some(Hit {
            end: j + 2,
            value: TimeValue::Duration {
                days: unit_days(unit, n)?,
            },
            part: None,
        })
    }

    /// "three-day", "48-hour" (not "12-year-old").
    pub(super) fn adjective_duration(&self, i: usize) -> Option<Hit> {
        let n = self.qty_at(i)?;
        if self.is_any(i, &["a", "an"]) || !(self.adjacent(i) && self.adjacent(i + 1)) {
            return None;
        }
        if !is_dash(self.tok(i + 1)) {
            return None;
        }
        let unit = self.unit_at(i + 2)?;
        if self.tok(i + 2).ends_with(['s', 'S']) {
            return None;
        }
        if is_dash(self.tok(i + 3)) && self.is(i + 4, "old") {
            return None;
        }
        Some(Hit {
            end: i + 3,
            value: TimeValue::Duration {
                days: unit_days(unit, n)?,
            },
            part: None,
        })
    }
}
