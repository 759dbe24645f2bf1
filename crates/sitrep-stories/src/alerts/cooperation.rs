//! The cooperation indicator: how much cooperation (agreements, talks,
//! aid) a country saw each day. Never an alert — ministers signing many
//! agreements in one visit is news, not a warning — but shown beside the
//! alerts so an analyst sees both sides. Counted like the surge series:
//! day-precision happenings, not mentions.

use std::collections::BTreeMap;
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_coder::record::EventRecord;
use sitrep_coder::Category;

use super::series::{counted_all, date_of, happenings};
use super::AlertParams;

/// The PLOVER types the indicator counts.
pub const COOPERATION_CATEGORIES: &[Category] = &[
    Category::Agree,
    Category::Consult,
    Category::Cooperate,
    Category::Aid,
    Category::Support,
];

/// One country's cooperation on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CooperationDay {
    pub country: String,
    pub date: String,
    /// Distinct cooperative happenings.
    pub happenings: usize,
    /// Their weight (confirmation by several sources counts more).
    pub weight: f64,
}

/// Cooperation per country and day, by country then date.
pub fn cooperation_indicator(
    events: &[EventRecord],
    published: Option<&HashMap<String, NaiveDate>>,
    params: &AlertParams,
) -> Vec<CooperationDay> {
    let counted = counted_all(events, published, params);
    let haps = happenings(events, &counted, params);
    let mut by: BTreeMap<(&str, i64), (usize, f64)> = BTreeMap::new();
    for h in &haps {
        if !COOPERATION_CATEGORIES.contains(&h.category) {
            continue;
        }
        for c in h.countries() {
            let slot = by.entry((c, h.days.first)).or_default();
            slot.0 += 1;
            slot.1 += h.weight;
        }
    }
    by.into_iter()
        .map(|((c, d), (n, w))| CooperationDay {
            country: c.to_string(),
            date: date_of(d),
            happenings: n,
            weight: w,
        })
        .collect()
}
