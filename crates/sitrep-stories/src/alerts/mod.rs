//! Alerts: early warning an analyst can trust.
//!
//! What decides whether an alert means something is which events count,
//! on which day, and what a signal means; the jobs, one module each:
//!
//! * [`series`] — counting: only events dated to the day (or week, spread
//!   over its days) count, on the day they happened; month, year, carried
//!   and publication-default dates never do; events recalled from well
//!   before their article (`background_days`, 10) never count as new;
//!   mentions are merged into happenings with the story merge, weighted by
//!   the number of sources confirming them.
//! * [`catalogue`] — the signals catalogue (`data/alerts/signals.tsv`):
//!   coup, state of emergency, curfew, foreign troops, mass arrests and
//!   killings (counts read from the sentence by [`numbers`]), expelled
//!   diplomats, sanctions, internet shutdown — as data.
//! * [`surge`] — conflict categories only, against each country's baseline
//!   with a floor (Poisson tail over 1/3/5/7-day windows).
//! * [`first_of_kind`] — the first event of a signal for a country in a
//!   year of record.
//! * [`escalation`] — PROTEST → COERCE → ASSAULT as a chain of related
//!   happenings (same place, same actor, or one article).
//! * [`cooperation`] — the non-alerting cooperation indicator.
//!
//! Every alert says why (`reason`), names its events (`events`) and, through
//! them, links to their sentences. Cost: one merge (O(n log n)), one sort per
//! series, prefix sums and binary searches for window counts.

pub mod catalogue;
pub mod cooperation;
pub mod escalation;
pub mod first_of_kind;
pub mod numbers;
pub mod series;
pub mod surge;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_coder::record::EventRecord;
use sitrep_coder::{ActorHow, Category};

use crate::error::StoriesError;

pub use catalogue::SignalCatalogue;
pub use cooperation::{cooperation_indicator, CooperationDay, COOPERATION_CATEGORIES};
pub use surge::{surge_warns, SURGE_CATEGORIES};

/// The detector that raised an alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AlertKind {
    Surge,
    FirstOfKind,
    Escalation,
}

impl AlertKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::Surge => "surge",
            AlertKind::FirstOfKind => "first-of-kind",
            AlertKind::Escalation => "escalation",
        }
    }
}

/// One alert; serialises to one JSON line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    /// Stable id: a hash of kind, series, signal and date.
    pub id: String,
    pub kind: AlertKind,
    /// ISO alpha-3 or IGO code.
    pub country: String,
    /// PLOVER category (for an escalation, `ASSAULT`).
    pub category: Category,
    /// ISO date the alert is about.
    pub date: String,
    pub score: f64,
    /// A sentence saying why: the series, the baseline, the threshold and
    /// what happened.
    pub reason: String,
    /// Event ids behind the alert (at most `max_events_per_alert`).
    pub events: Vec<String>,
    /// Actor pair `[source, target]` for a pair series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actors: Option<[String; 2]>,
    /// First-of-kind signal: a SIGNAL of `data/alerts/signals.tsv`
    /// (`coup`, `state-of-emergency`, `curfew`, `foreign-troops`,
    /// `mass-arrests`, `mass-killings`, `expelled-diplomats`, `sanctions`,
    /// `internet-shutdown`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signal: Option<String>,
}

impl Alert {
    /// The alert as one JSON line (no trailing newline).
    pub fn to_json_line(&self) -> Result<String, StoriesError> {
        serde_json::to_string(self).map_err(|e| StoriesError::Json(e.to_string()))
    }
}

/// Parameters of the detectors (see the module doc for what each does and
/// why the defaults).
#[derive(Debug, Clone, PartialEq)]
pub struct AlertParams {
    pub baseline_days: i64,
    pub min_history_days: i64,
    /// Lowest baseline rate, events per day.
    pub rate_floor: f64,
    /// Window lengths (days) of the surge test.
    pub windows: Vec<i64>,
    /// Family-wise tail probability of the surge test.
    pub p_threshold: f64,
    pub min_count: u64,
    pub cooldown_days: i64,
    pub first_of_kind_lookback_days: i64,
    pub escalation_window_days: i64,
    /// Longest gap (days) between two linked happenings of an escalation.
    pub escalation_link_days: i64,
    /// Also test actor-pair series for surges.
    pub pair_series: bool,
    pub max_events_per_alert: usize,
    /// Events dated more than this many days before their article are
    /// background: they never count as new.
    pub background_days: i64,
    /// Extra weight of a happening per confirming source (up to two).
    pub confirm_weight: f64,
    /// The first-of-kind signals.
    pub signals: Arc<SignalCatalogue>,
}

impl Default for AlertParams {
    fn default() -> Self {
        AlertParams {
            baseline_days: 28,
            min_history_days: 14,
            rate_floor: 0.1,
            windows: vec![1, 3, 5, 7],
            p_threshold: 1e-3,
            min_count: 3,
            cooldown_days: 7,
            first_of_kind_lookback_days: 365,
            escalation_window_days: 14,
            escalation_link_days: 3,
            pair_series: true,
            max_events_per_alert: 100,
            background_days: 10,
            confirm_weight: 0.5,
            signals: Arc::new(SignalCatalogue::embedded()),
        }
    }
}

impl AlertParams {
    pub fn validate(&self) -> Result<(), StoriesError> {
        let bad = |name, why: &str| {
            Err(StoriesError::InvalidParam {
                name,
                why: why.to_string(),
            })
        };
        if self.baseline_days < 1 {
            return bad("baseline_days", "must be at least 1");
        }
        if self.min_history_days < 1 || self.min_history_days > self.baseline_days {
            return bad("min_history_days", "must lie in 1..=baseline_days");
        }
        if !(self.rate_floor > 0.0 && self.rate_floor.is_finite()) {
            return bad("rate_floor", "must be positive");
        }
        if self.windows.is_empty() || self.windows.iter().any(|&w| w < 1) {
            return bad("windows", "must be non-empty and each at least 1 day");
        }
        if !(self.p_threshold > 0.0 && self.p_threshold < 1.0) {
            return bad("p_threshold", "must lie in (0, 1)");
        }
        if self.escalation_window_days < 0 || self.first_of_kind_lookback_days < 0 {
            return bad("escalation_window_days", "windows cannot be negative");
        }
        if self.escalation_link_days < 0 || self.background_days < 0 {
            return bad("escalation_link_days", "windows cannot be negative");
        }
        if !(self.confirm_weight >= 0.0 && self.confirm_weight.is_finite()) {
            return bad("confirm_weight", "must be zero or positive");
        }
        Ok(())
    }
}

/// `ln n!`: exact sum below 32, Stirling's series above (error < 1e-13).
fn ln_factorial(n: u64) -> f64 {
    if n < 32 {
        return (2..=n).map(|k| (k as f64).ln()).sum();
    }
    let x = n as f64;
    x * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI * x).ln() + 1.0 / (12.0 * x)
        - 1.0 / (360.0 * x.powi(3))
        + 1.0 / (1260.0 * x.powi(5))
}

/// `P(X ≥ k)` for `X ~ Poisson(mu)`; exact series for `k > mu`, and 1 for
/// `k ≤ mu` (never a surge).
pub fn poisson_sf(k: u64, mu: f64) -> f64 {
    if k == 0 || mu.is_nan() || mu <= 0.0 {
        return if k == 0 { 1.0 } else { 0.0 };
    }
    if (k as f64) <= mu {
        return 1.0;
    }
    let log_first = -mu + k as f64 * mu.ln() - ln_factorial(k);
    let (mut term, mut sum) = (1.0f64, 1.0f64);
    let mut j = k;
    for _ in 0..100_000 {
        j += 1;
        term *= mu / j as f64;
        sum += term;
        if term < 1e-17 * sum {
            break;
        }
    }
    (log_first + sum.ln()).exp().min(1.0)
}

/// Computes all alerts over `events`, keeping those dated on or after
/// `since`. Earlier events still feed baselines and look-backs. Invalid
/// parameters fall back to the defaults (call `AlertParams::validate` to
/// report them). Sorted by date, kind, country, category and id. Each
/// document's publication day is taken from its events (see
/// [`compute_alerts_with`] to pass stored publication dates).
pub fn compute_alerts(
    events: &[EventRecord],
    since: Option<NaiveDate>,
    params: &AlertParams,
) -> Vec<Alert> {
    compute_alerts_with(events, None, since, params)
}

/// [`compute_alerts`] with the documents' publication dates (doc id →
/// date), which decide which events are background.
pub fn compute_alerts_with(
    events: &[EventRecord],
    published: Option<&HashMap<String, NaiveDate>>,
    since: Option<NaiveDate>,
    params: &AlertParams,
) -> Vec<Alert> {
    let defaults;
    let params = if params.validate().is_ok() {
        params
    } else {
        defaults = AlertParams::default();
        &defaults
    };
    let since_day = since.map(series::day_of_date);
    let counted = series::counted_all(events, published, params);
    let Some(record_start) = counted.iter().flatten().map(|c| c.first).min() else {
        return Vec::new();
    };
    let haps = series::happenings(events, &counted, params);
    let mut out = Vec::new();
    surge::surges(events, &haps, record_start, since_day, params, &mut out);
    first_of_kind::first_of_kind(events, &counted, since_day, params, &mut out);
    escalation::escalations(events, &haps, since_day, params, &mut out);
    out.sort_by(|a, b| {
        (&a.date, a.kind, &a.country, &a.category, &a.id).cmp(&(
            &b.date,
            b.kind,
            &b.country,
            &b.category,
            &b.id,
        ))
    });
    out
}

/// A copy of `e` with what the detectors read and no other text: the
/// trigger, date phrase, actor phrases and place texts are dropped, and the
/// sentence is kept only when a signal reads it (a count or a word). For
/// callers that hold many events in memory (the server's alert cache).
pub fn alert_view(e: &EventRecord, params: &AlertParams) -> EventRecord {
    let keep_sentence = params.signals.reads_text(e);
    let mut e = e.clone();
    if !keep_sentence {
        e.sentence = String::new();
    }
    e.trigger.text = String::new();
    e.date_text = None;
    for a in [e.source.as_mut(), e.target.as_mut()].into_iter().flatten() {
        a.text = String::new();
        a.how = ActorHow::Unstated;
    }
    if let Some(l) = e.location.as_mut() {
        l.text = None;
        l.how = String::new();
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poisson_tail_matches_direct_sums() {
        // P(X ≥ 9 | 2) = 1 − Σ_{k<9} e^-2 2^k / k!
        let mut cdf = 0.0;
        let mut term = (-2.0f64).exp();
        for k in 0..9 {
            if k > 0 {
                term *= 2.0 / f64::from(k);
            }
            cdf += term;
        }
        let want = 1.0 - cdf;
        let got = poisson_sf(9, 2.0);
        assert!((got - want).abs() < 1e-12 * 10.0, "{got} {want}");
        assert_eq!(poisson_sf(0, 3.0), 1.0);
        assert_eq!(poisson_sf(2, 3.0), 1.0);
        assert!(poisson_sf(200, 20.0) < 1e-60);
        let big = ln_factorial(40);
        let exact: f64 = (2..=40).map(|k| f64::from(k).ln()).sum();
        assert!((big - exact).abs() < 1e-10);
    }

    #[test]
    fn params_are_validated() {
        assert!(AlertParams::default().validate().is_ok());
        let bad = AlertParams {
            windows: vec![],
            ..AlertParams::default()
        };
        assert!(bad.validate().is_err());
    }
}
