//! Escalation: a chain of *related* happenings in one country — a PROTEST,
//! then a COERCE, then an ASSAULT — not any three categories in a window.
//!
//! Two happenings are related when their places do not contradict each
//! other (both named and different) and they share something: the same
//! place, an actor with the same code and sector (protesters → police
//! detain protesters → police fire on protesters), or an article that
//! reports both. Each link spans at most `escalation_link_days` (3), the
//! whole chain `escalation_window_days` (14). The alert fires on the
//! ASSAULT's day, once per window per country; `score = window / max(1,
//! span)`, so a faster escalation scores higher.

use std::collections::HashMap;

use sitrep_coder::record::EventRecord;
use sitrep_coder::{Category, Sector};

use super::series::{date_of, Happening};
use super::{Alert, AlertKind, AlertParams};
use crate::text::stable_id;

fn stage(category: Category) -> Option<u8> {
    match category {
        Category::Protest => Some(0),
        Category::Coerce => Some(1),
        Category::Assault => Some(2),
        _ => None,
    }
}

/// Why two happenings belong to one chain, or `None`.
pub(crate) fn related(a: &Happening, b: &Happening) -> Option<String> {
    fn actors<'e>(h: &Happening<'e>) -> Vec<(&'e str, Sector)> {
        [h.source, h.target]
            .into_iter()
            .flatten()
            .filter_map(|(c, s)| s.map(|s| (c, s)))
            .collect()
    }
    if let (Some(p), Some(q)) = (a.place, b.place) {
        if p != q {
            return None;
        }
        return Some(format!("same place {p}"));
    }
    let bs = actors(b);
    if let Some((c, s)) = actors(a).into_iter().find(|x| bs.contains(x)) {
        return Some(format!("same actor {c} {s}"));
    }
    a.docs
        .iter()
        .find(|d| b.docs.contains(d))
        .map(|d| format!("reported together in {d}"))
}

pub(crate) fn escalations(
    events: &[EventRecord],
    haps: &[Happening],
    since_day: Option<i64>,
    params: &AlertParams,
    out: &mut Vec<Alert>,
) {
    let mut by: HashMap<&str, Vec<(i64, u8, usize)>> = HashMap::new();
    for (i, h) in haps.iter().enumerate() {
        let (Some(s), Some(c)) = (stage(h.category), h.home()) else {
            continue;
        };
        by.entry(c).or_default().push((h.days.first, s, i));
    }
    let win = params.escalation_window_days;
    let link = params.escalation_link_days;
    let mut countries: Vec<&str> = by.keys().copied().collect();
    countries.sort_unstable();
    for country in countries {
        let Some(items) = by.get_mut(country) else {
            continue;
        };
        items.sort_unstable();
        let mut last_alert: Option<i64> = None;
        for (k, &(d3, s3, h3)) in items.iter().enumerate() {
            if s3 != 2 || last_alert.is_some_and(|l| d3 - l <= win) {
                continue;
            }
            let Some(chain) = find_chain(items, k, haps, link, win) else {
                continue;
            };
            last_alert = Some(d3);
            if since_day.is_some_and(|sd| d3 < sd) {
                continue;
            }
            let ((d1, h1, why12), (d2, h2, why23)) = chain;
            let span = d3 - d1;
            let date = date_of(d3);
            let mut ids: Vec<String> = Vec::new();
            for h in [h1, h2, h3] {
                for &m in &haps[h].members {
                    if let Some(e) = events.get(m) {
                        if ids.len() < params.max_events_per_alert && !ids.contains(&e.event_id) {
                            ids.push(e.event_id.clone());
                        }
                    }
                }
            }
            let reason = format!(
                "Escalation in {country}: PROTEST on {}, then COERCE on {} ({why12}), then ASSAULT on {date} ({why23}), {span} day(s) from first to last (links at most {link} days, window {win} days).",
                date_of(d1),
                date_of(d2),
            );
            out.push(Alert {
                id: stable_id("a", &["escalation", country, &date]),
                kind: AlertKind::Escalation,
                country: country.to_string(),
                category: Category::Assault,
                date,
                score: win as f64 / span.max(1) as f64,
                reason,
                events: ids,
                actors: None,
                signal: None,
            });
        }
    }
}

type Link = (i64, usize, String);

/// A PROTEST → COERCE chain ending at the ASSAULT `items[k]`: the latest
/// related COERCE within `link` days before it, then the latest related
/// PROTEST within `link` days before that, the whole within `win`.
fn find_chain(
    items: &[(i64, u8, usize)],
    k: usize,
    haps: &[Happening],
    link: i64,
    win: i64,
) -> Option<(Link, Link)> {
    let (d3, _, h3) = items[k];
    // Items are sorted by day: the candidates lie in one slice.
    let before = |day: i64, stage_want: u8| {
        let lo = items.partition_point(|x| x.0 < day - link);
        let hi = items.partition_point(|x| x.0 <= day).max(lo);
        items[lo..hi]
            .iter()
            .rev()
            .filter(move |&&(_, s, _)| s == stage_want)
    };
    for &(d2, _, h2) in before(d3, 1) {
        let Some(why23) = related(&haps[h2], &haps[h3]) else {
            continue;
        };
        for &(d1, _, h1) in before(d2, 0) {
            if d3 - d1 > win {
                continue;
            }
            if let Some(why12) = related(&haps[h1], &haps[h2]) {
                return Some(((d1, h1, why12), (d2, h2, why23)));
            }
        }
    }
    None
}
