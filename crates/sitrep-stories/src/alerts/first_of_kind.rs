//! First-of-kind: events that matter on their own, recognised by the
//! signals catalogue (`data/alerts/signals.tsv`: PLOVER type, CAMEO codes,
//! actor sectors, relation, counts read from the sentence). The alert fires
//! on the first day such an event happens for a country (and, for a
//! foreign relation, from one foreign actor: Russian troops after Turkish
//! ones are news) when there was none of that signal for that country in
//! the previous
//! `first_of_kind_lookback_days` (365); at the start of the record the
//! first one fires. Only counted events (day or week precision, not
//! recalled background) can fire or reset the look-back.

use std::collections::{BTreeMap, HashMap};

use sitrep_coder::record::EventRecord;

use super::catalogue::SignalRule;
use super::series::{date_of, CountedDays};
use super::{Alert, AlertKind, AlertParams};
use crate::text::stable_id;

/// One matching event.
struct Hit<'c> {
    idx: usize,
    rule: &'c SignalRule,
    count: Option<u64>,
}

pub(crate) fn first_of_kind(
    events: &[EventRecord],
    counted: &[Option<CountedDays>],
    since_day: Option<i64>,
    params: &AlertParams,
    out: &mut Vec<Alert>,
) {
    // (signal, country, foreign actor) → day → hits; BTreeMap keeps days
    // sorted.
    type Key<'c> = (&'c str, String, Option<String>);
    let mut by: HashMap<Key, BTreeMap<i64, Vec<Hit>>> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        let Some(days) = counted[i] else { continue };
        for m in params.signals.matches(e) {
            by.entry((m.rule.signal.as_str(), m.country, m.foreign))
                .or_default()
                .entry(days.first)
                .or_default()
                .push(Hit {
                    idx: i,
                    rule: m.rule,
                    count: m.count,
                });
        }
    }
    let mut keys: Vec<Key> = by.keys().cloned().collect();
    keys.sort();
    for key in keys {
        let Some(days) = by.get(&key) else { continue };
        let mut prev: Option<i64> = None;
        for (&d, hits) in days {
            let fresh = prev.is_none_or(|p| d - p > params.first_of_kind_lookback_days);
            prev = Some(d);
            if !fresh || since_day.is_some_and(|s| d < s) {
                continue;
            }
            let (signal, country) = (key.0, key.1.as_str());
            let from = key
                .2
                .as_deref()
                .map_or(String::new(), |f| format!(" from {f}"));
            let date = date_of(d);
            let Some(first) = hits.first() else { continue };
            let Some(first_event) = events.get(first.idx) else {
                continue;
            };
            // The largest count of the day, for the reason.
            let count = hits.iter().filter_map(|h| h.count).max();
            let lead = hits
                .iter()
                .find(|h| h.count == count)
                .map_or(first.rule, |h| h.rule);
            let what: Vec<String> = hits
                .iter()
                .take(3)
                .filter_map(|h| events.get(h.idx).map(|e| (h, e)))
                .map(|(h, e)| {
                    format!(
                        "{} {} by {}{}{} (rule {}, signal line {})",
                        e.category,
                        e.cameo,
                        actor(e.source.as_ref()),
                        e.target.as_ref().map_or(String::new(), |_| format!(
                            " against {}",
                            actor(e.target.as_ref())
                        )),
                        e.location
                            .as_ref()
                            .map_or(String::new(), |l| format!(" in {}", l.code)),
                        e.rule,
                        h.rule.line
                    )
                })
                .collect();
            let mut docs: Vec<&str> = hits
                .iter()
                .filter_map(|h| events.get(h.idx).map(|e| e.doc_id.as_str()))
                .collect();
            docs.sort_unstable();
            docs.dedup();
            let reason = format!(
                "First {signal} signal{from} for {country} in {} days of record: {}. {} event(s) on {date} in {} article(s): {}.",
                params.first_of_kind_lookback_days,
                lead.reason_for(country, count),
                hits.len(),
                docs.len(),
                what.join("; ")
            );
            let mut ids: Vec<String> = Vec::new();
            for h in hits {
                if let Some(e) = events.get(h.idx) {
                    if ids.len() < params.max_events_per_alert && !ids.contains(&e.event_id) {
                        ids.push(e.event_id.clone());
                    }
                }
            }
            out.push(Alert {
                id: match key.2.as_deref() {
                    // Ids of alerts without a foreign actor keep their form.
                    None => stable_id("a", &["first-of-kind", signal, country, &date]),
                    Some(f) => stable_id("a", &["first-of-kind", signal, country, &date, f]),
                },
                kind: AlertKind::FirstOfKind,
                country: country.to_string(),
                category: first_event.category,
                date,
                score: hits.len() as f64,
                reason,
                events: ids,
                actors: None,
                signal: Some(signal.to_string()),
            });
        }
    }
}

fn actor(a: Option<&sitrep_coder::record::ActorRecord>) -> String {
    match a {
        None => "—".to_string(),
        Some(a) => match &a.sector {
            Some(s) => format!("{} {s}", a.code),
            None => a.code.clone(),
        },
    }
}
