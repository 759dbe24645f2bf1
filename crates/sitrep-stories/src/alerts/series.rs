//! Which events count, on which day, and as which happening.
//!
//! * **Day precision only.** An event counts when its date is precise to the
//!   day (on its first day) or to the week (spread evenly over the week's
//!   days). Month, year, carried and publication-default dates say when a
//!   thing was *reported* or roughly when it happened, never that it
//!   happened on the 1st: they feed no series and no signal.
//! * **Not background.** An event dated more than `background_days` before
//!   its article's publication is the article recalling the past
//!   ("in 2019 the government declared…"); it never counts as new.
//! * **Happenings, not mentions.** Counted events are merged across
//!   articles with the story merge ([`crate::merge_events`]); a happening
//!   weighs `1 + confirm_weight × (min(sources, 3) − 1)`: confirmation by
//!   several sources raises it, restatements do not multiply it.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use sitrep_coder::record::EventRecord;
use sitrep_coder::{Category, Sector};

use super::AlertParams;

/// Day number (days from the common era) of an ISO date's first ten chars.
pub(crate) fn day_of(s: Option<&str>) -> Option<i64> {
    let d = NaiveDate::parse_from_str(s?.get(..10)?, "%Y-%m-%d").ok()?;
    Some(i64::from(d.num_days_from_ce()))
}

pub(crate) fn day_of_date(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

pub(crate) fn date_of(day: i64) -> String {
    i32::try_from(day)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .map_or_else(|| day.to_string(), |d| d.to_string())
}

/// Why an event does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Uncounted {
    NoDate,
    /// Month, year, carried or publication date.
    Imprecise,
    /// Dated well before its article.
    Background,
}

/// An event's counted days: first day and number of days it is spread
/// over (1 for a day, up to 7 for a week).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CountedDays {
    pub first: i64,
    pub spread: i64,
}

/// The day each document was published: from the caller when known, else
/// the date of its events dated by publication (the coder dates an event
/// by publication when its sentence gives no date). A document with
/// neither has no known day, and none of its events is background.
pub(crate) fn publication_days<'e>(
    events: &'e [EventRecord],
    published: Option<&HashMap<String, NaiveDate>>,
) -> HashMap<&'e str, i64> {
    let mut out: HashMap<&str, i64> = HashMap::new();
    for e in events {
        if e.date_precision != "publication" {
            continue;
        }
        if let Some(d) = day_of(e.date.as_deref()) {
            out.entry(e.doc_id.as_str())
                .and_modify(|x| *x = (*x).min(d))
                .or_insert(d);
        }
    }
    if let Some(p) = published {
        for e in events {
            if let Some(d) = p.get(&e.doc_id) {
                out.insert(e.doc_id.as_str(), day_of_date(*d));
            }
        }
    }
    out
}

/// Whether and when an event counts (see the module doc).
pub(crate) fn counted_days(
    e: &EventRecord,
    published: Option<i64>,
    params: &AlertParams,
) -> Result<CountedDays, Uncounted> {
    let first = day_of(e.date.as_deref()).ok_or(Uncounted::NoDate)?;
    let spread = match e.date_precision.as_str() {
        "day" => 1,
        "week" => {
            let end = day_of(e.date_end.as_deref()).unwrap_or(first + 6);
            (end - first + 1).clamp(1, 7)
        }
        _ => return Err(Uncounted::Imprecise),
    };
    if published.is_some_and(|p| first + spread - 1 < p - params.background_days) {
        return Err(Uncounted::Background);
    }
    Ok(CountedDays { first, spread })
}

/// One real-world happening: counted events merged across articles.
#[derive(Debug, Clone)]
pub(crate) struct Happening<'e> {
    /// Indexes of the member events in the caller's slice.
    pub members: Vec<usize>,
    pub days: CountedDays,
    pub category: Category,
    /// Actor codes with sectors (`GIN`, `Some("COP")`).
    pub source: Option<(&'e str, Option<Sector>)>,
    pub target: Option<(&'e str, Option<Sector>)>,
    pub location: Option<&'e str>,
    /// A city or region (never a country-level place).
    pub place: Option<&'e str>,
    /// Distinct documents.
    pub docs: Vec<&'e str>,
    pub weight: f64,
}

impl<'e> Happening<'e> {
    /// Distinct countries among source, target and location.
    pub fn countries(&self) -> Vec<&'e str> {
        let mut out: Vec<&str> = Vec::with_capacity(3);
        for c in [
            self.source.map(|a| a.0),
            self.target.map(|a| a.0),
            self.location,
        ]
        .into_iter()
        .flatten()
        {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// The country it happened in: the location's, else the source's.
    pub fn home(&self) -> Option<&'e str> {
        self.location.or(self.source.map(|a| a.0))
    }
}

/// A place below the country (a city, a region): a location given only as
/// the country says nothing about which part of it.
fn local_place(l: &sitrep_coder::record::LocationRecord) -> Option<&str> {
    if l.feature == "country" {
        return None;
    }
    l.place.as_deref()
}

fn actor_key(a: Option<&sitrep_coder::record::ActorRecord>) -> Option<(&str, Option<Sector>)> {
    a.map(|a| (a.code.as_str(), a.sector))
}

/// The counted days of every event (`None` when it does not count).
pub(crate) fn counted_all(
    events: &[EventRecord],
    published: Option<&HashMap<String, NaiveDate>>,
    params: &AlertParams,
) -> Vec<Option<CountedDays>> {
    let pub_days = publication_days(events, published);
    events
        .iter()
        .map(|e| counted_days(e, pub_days.get(e.doc_id.as_str()).copied(), params).ok())
        .collect()
}

/// The happenings of the counted events, by the story merge.
pub(crate) fn happenings<'e>(
    events: &'e [EventRecord],
    counted: &[Option<CountedDays>],
    params: &AlertParams,
) -> Vec<Happening<'e>> {
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
        if counted[i].is_some() {
            index.entry(e.event_id.as_str()).or_insert(i);
        }
    }
    let merged = crate::merge_events(events);
    let mut out = Vec::new();
    for m in merged {
        let members: Vec<usize> = m
            .members
            .iter()
            .filter_map(|id| index.get(id.as_str()).copied())
            .collect();
        let Some(&first) = members.first() else {
            continue;
        };
        // Day-precision members fix the day; else the week spread.
        let days = members
            .iter()
            .filter_map(|&i| counted[i])
            .min_by_key(|d| (d.spread, d.first));
        let Some(days) = days else { continue };
        let e = &events[first];
        let mut docs: Vec<&str> = Vec::new();
        let mut place = None;
        let (mut source, mut target) = (None, None);
        for &i in &members {
            let m = &events[i];
            if !docs.contains(&m.doc_id.as_str()) {
                docs.push(m.doc_id.as_str());
            }
            place = place.or(m.location.as_ref().and_then(local_place));
            source = merge_actor(source, actor_key(m.source.as_ref()));
            target = merge_actor(target, actor_key(m.target.as_ref()));
        }
        let confirmations = docs.len().clamp(1, 3) - 1;
        out.push(Happening {
            days,
            category: e.category,
            source,
            target,
            location: e.location.as_ref().map(|l| l.code.as_str()),
            place,
            weight: 1.0 + params.confirm_weight * confirmations as f64,
            docs,
            members,
        });
    }
    out
}

/// The first known actor, its sector filled in by a later mention of the
/// same code.
fn merge_actor<'e>(
    have: Option<(&'e str, Option<Sector>)>,
    new: Option<(&'e str, Option<Sector>)>,
) -> Option<(&'e str, Option<Sector>)> {
    match (have, new) {
        (Some((c, None)), Some((n, s))) if c == n => Some((c, s)),
        (Some(h), _) => Some(h),
        (None, n) => n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_formatted_back() {
        let d = day_of(Some("2025-03-10")).unwrap_or_default();
        assert_eq!(date_of(d), "2025-03-10");
        assert_eq!(day_of(Some("March")), None);
    }
}
