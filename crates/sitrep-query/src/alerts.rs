//! Crisis alerts over a store, cached: the alerts of [`stored_alerts`]
//! (every stored event, with the stored publication dates), kept with
//! the store's [`Generation`] so that they are recomputed only when the
//! store changed (a new document, a new version or new events change it,
//! an unchanged re-ingest does not; ingests by other processes are seen
//! the same way). Computations are single-flight: one at a time, and a
//! caller that waited for one does not start another for the same
//! generation. The events are read without their text (sentence, actor
//! and place phrases, spans), which no detector uses, to keep the memory
//! of a computation down.
//!
//! [`AlertQuery`] is what `GET /api/alerts` asks for (its parameters are
//! [`ALERT_PARAMS`]) and selects the matching alerts, newest first. The
//! server keeps the cache current in the background and answers from it;
//! `sitrep watch --webhook` uses the same cache.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use sitrep_coder::record::EventRecord;
use sitrep_store::{EventFilter, Generation, Sort, Store, StoreError};
use sitrep_stories::{compute_alerts_with, Alert, AlertKind, AlertParams};

/// Alerts per response unless `limit` says otherwise.
pub const DEFAULT_ALERT_LIMIT: usize = 100;
/// Largest `limit`.
pub const MAX_ALERT_LIMIT: usize = 5000;
/// The parameters `GET /api/alerts` accepts.
pub const ALERT_PARAMS: &[&str] = &["since", "country", "kind", "category", "limit"];

/// Alerts computed at one store generation.
#[derive(Debug, Clone)]
pub struct AlertSnapshot {
    /// The store's generation when the alerts were computed.
    pub generation: Generation,
    /// All alerts, in `compute_alerts` order (oldest first).
    pub alerts: Arc<Vec<Alert>>,
}

/// The last computed alerts of a store; recomputed when the store's
/// generation changes. Shared by the API and by anything else that wants
/// the current alerts without computing them twice (the binary's webhook).
#[derive(Debug)]
pub struct AlertCache {
    params: AlertParams,
    /// The last result; locked only to read or replace it.
    last: Mutex<Option<AlertSnapshot>>,
    /// Held during a computation (single-flight).
    computing: Mutex<()>,
}

impl Default for AlertCache {
    fn default() -> Self {
        AlertCache::new(AlertParams::default())
    }
}

impl AlertCache {
    pub fn new(params: AlertParams) -> AlertCache {
        AlertCache {
            params,
            last: Mutex::new(None),
            computing: Mutex::new(()),
        }
    }

    /// The last computed alerts, if any, without touching the store.
    pub fn latest(&self) -> Option<AlertSnapshot> {
        // A poisoned lock only means a computation panicked; the cached
        // value (if any) is still a complete snapshot.
        self.last.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Recomputes the alerts if the store's generation differs from the
    /// last result's; returns how long the computation took, `None` when
    /// nothing changed. Blocking (reads the store); one computation at a
    /// time: a second caller waits for the running one and then finds the
    /// generation unchanged.
    pub fn refresh(&self, store: &Store) -> Result<Option<std::time::Duration>, StoreError> {
        let _one = self.computing.lock().unwrap_or_else(|p| p.into_inner());
        let generation = store.generation()?;
        if self.latest().is_some_and(|s| s.generation == generation) {
            return Ok(None);
        }
        let started = std::time::Instant::now();
        let alerts = Arc::new(stored_alerts(store, &self.params, None)?);
        *self.last.lock().unwrap_or_else(|p| p.into_inner()) =
            Some(AlertSnapshot { generation, alerts });
        Ok(Some(started.elapsed()))
    }

    /// The current alerts of `store` and whether they came from the cache
    /// (recomputed first when the store changed). Blocking.
    pub fn current(&self, store: &Store) -> Result<(AlertSnapshot, bool), StoreError> {
        let computed = self.refresh(store)?.is_some();
        match self.latest() {
            Some(s) => Ok((s, !computed)),
            // Only reachable if another thread invalidated in between.
            None => self.current(store),
        }
    }

    /// Forgets the cached alerts: the next refresh recomputes.
    pub fn invalidate(&self) {
        *self.last.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}

/// The alerts of every stored event, each document dated by its stored
/// publication day (which events are background, when a story was first
/// seen), keeping those dated on or after `since`: what `GET /api/alerts`
/// (through [`AlertCache`]), the webhooks and `sitrep alerts --db` compute,
/// so they give the same alerts on the same store.
pub fn stored_alerts(
    store: &Store,
    params: &AlertParams,
    since: Option<NaiveDate>,
) -> Result<Vec<Alert>, StoreError> {
    let events = all_events(store, params)?;
    let published = store.publication_days()?;
    Ok(compute_alerts_with(
        &events,
        Some(&published),
        since,
        params,
    ))
}

/// Every stored event, oldest first, without the text the detectors do not
/// read ([`sitrep_stories::alert_view`]: the sentence is kept where a signal
/// reads it, such as the counts of mass arrests).
pub fn all_events(store: &Store, params: &AlertParams) -> Result<Vec<EventRecord>, StoreError> {
    let mut out = Vec::new();
    store.for_each_event(&EventFilter::default(), Sort::DateAsc, |e| {
        out.push(sitrep_stories::alert_view(e, params));
        Ok::<(), StoreError>(())
    })?;
    Ok(out)
}

/// A copy of `e` with what alerts need (ids, category, mode, CAMEO, rule,
/// dates, actor and location codes) and empty text: the sentence, trigger,
/// date phrase, actor phrases and place names are most of a record's size.
pub fn without_text(e: &EventRecord) -> EventRecord {
    let mut e = e.clone();
    e.sentence = String::new();
    e.trigger.text = String::new();
    e.date_text = None;
    for a in [e.source.as_mut(), e.target.as_mut()].into_iter().flatten() {
        a.text = String::new();
        a.how = sitrep_coder::ActorHow::Unstated;
    }
    if let Some(l) = e.location.as_mut() {
        l.place = None;
        l.text = None;
        l.how = String::new();
    }
    e
}

/// What a request asks for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AlertQuery {
    pub since: Option<NaiveDate>,
    pub country: Option<String>,
    pub kinds: Vec<AlertKind>,
    pub categories: Vec<String>,
    pub limit: usize,
}

/// A parameter of an [`AlertQuery`] that is unknown or malformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid parameter `{name}`: {why}")]
pub struct AlertQueryError {
    /// The parameter's name.
    pub name: String,
    /// What is wrong with it.
    pub why: String,
}

fn bad(name: &str, why: impl std::fmt::Display) -> AlertQueryError {
    AlertQueryError {
        name: name.to_owned(),
        why: why.to_string(),
    }
}

impl AlertQuery {
    /// Parses the query pairs; any unknown or malformed parameter is an
    /// error naming it.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<AlertQuery, AlertQueryError> {
        let mut q = AlertQuery {
            limit: DEFAULT_ALERT_LIMIT,
            ..AlertQuery::default()
        };
        for (k, v) in pairs {
            let v = v.trim();
            match k {
                "since" => {
                    if !v.is_empty() {
                        q.since = Some(
                            NaiveDate::parse_from_str(v, "%Y-%m-%d")
                                .map_err(|_| bad("since", format!("`{v}` is not YYYY-MM-DD")))?,
                        );
                    }
                }
                "country" => {
                    if !v.is_empty() {
                        if v.len() > 16 || !v.chars().all(|c| c.is_ascii_alphanumeric()) {
                            return Err(bad("country", "expected a country or IGO code"));
                        }
                        q.country = Some(v.to_ascii_uppercase());
                    }
                }
                "kind" => {
                    for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                        let kind = match part {
                            "surge" => AlertKind::Surge,
                            "first-of-kind" => AlertKind::FirstOfKind,
                            "escalation" => AlertKind::Escalation,
                            other => {
                                return Err(bad(
                                    "kind",
                                    format!("`{other}` is not surge, first-of-kind or escalation"),
                                ))
                            }
                        };
                        q.kinds.push(kind);
                    }
                }
                "category" => {
                    for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                        if part.len() > 32 || !part.chars().all(|c| c.is_ascii_alphabetic()) {
                            return Err(bad(
                                "category",
                                format!("`{part}` is not a PLOVER category"),
                            ));
                        }
                        q.categories.push(part.to_ascii_uppercase());
                    }
                }
                "limit" => {
                    let n: usize = v
                        .parse()
                        .map_err(|_| bad("limit", format!("`{v}` is not a positive integer")))?;
                    if n == 0 || n > MAX_ALERT_LIMIT {
                        return Err(bad("limit", format!("must lie in 1..={MAX_ALERT_LIMIT}")));
                    }
                    q.limit = n;
                }
                other => return Err(bad(other, "unknown parameter")),
            }
        }
        Ok(q)
    }

    /// Whether `a` passes the filters (not the limit); `since` is the
    /// `since` date as `YYYY-MM-DD` (ISO dates compare as strings).
    fn matches(&self, a: &Alert, since: Option<&str>) -> bool {
        since.is_none_or(|s| a.date.as_str() >= s)
            && self.country.as_ref().is_none_or(|c| &a.country == c)
            && (self.kinds.is_empty() || self.kinds.contains(&a.kind))
            && (self.categories.is_empty()
                || self.categories.iter().any(|c| a.category == c.as_str()))
    }

    /// The matching alerts, newest first, at most `limit`, and how many
    /// matched.
    pub fn select<'a>(&self, alerts: &'a [Alert]) -> (Vec<&'a Alert>, usize) {
        let since = self.since.map(|d| d.format("%Y-%m-%d").to_string());
        let mut total = 0usize;
        let mut page = Vec::new();
        for a in alerts
            .iter()
            .rev()
            .filter(|a| self.matches(a, since.as_deref()))
        {
            total += 1;
            if page.len() < self.limit {
                page.push(a);
            }
        }
        (page, total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alert(date: &str, kind: AlertKind, country: &str, category: &str) -> Alert {
        Alert {
            id: format!("{date}-{country}-{category}"),
            kind,
            country: country.to_owned(),
            category: category.parse().expect("a PLOVER event type"),
            date: date.to_owned(),
            score: 1.0,
            reason: "because".to_owned(),
            events: vec![],
            actors: None,
            signal: None,
        }
    }

    fn parse(q: &[(&str, &str)]) -> Result<AlertQuery, AlertQueryError> {
        AlertQuery::from_pairs(q.iter().copied())
    }

    #[test]
    fn filters_and_orders_newest_first() {
        let all = vec![
            alert("2024-01-01", AlertKind::Surge, "UKR", "PROTEST"),
            alert("2024-01-05", AlertKind::FirstOfKind, "KAZ", "COERCE"),
            alert("2024-01-09", AlertKind::Surge, "UKR", "ASSAULT"),
        ];
        let q = parse(&[]).expect("empty query");
        let (page, total) = q.select(&all);
        assert_eq!(total, 3);
        assert_eq!(page[0].date, "2024-01-09");
        let q = parse(&[("country", "ukr"), ("kind", "surge")]).expect("query");
        assert_eq!(q.select(&all).1, 2);
        let q = parse(&[("since", "2024-01-05"), ("category", "coerce,assault")]).expect("q");
        assert_eq!(q.select(&all).1, 2);
        let q = parse(&[("limit", "1")]).expect("q");
        let (page, total) = q.select(&all);
        assert_eq!((page.len(), total), (1, 3));
    }

    #[test]
    fn bad_parameters_are_named() {
        for (k, v) in [
            ("since", "yesterday"),
            ("kind", "spike"),
            ("limit", "0"),
            ("limit", "x"),
            ("limit", "99999"),
            ("category", "PRO;TEST"),
            ("country", "U K R"),
            ("from", "2024-01-01"),
        ] {
            let e = parse(&[(k, v)]).expect_err(k);
            assert_eq!(e.name, k);
            assert!(e.to_string().contains(&format!("`{k}`")), "{e}");
        }
    }
}
