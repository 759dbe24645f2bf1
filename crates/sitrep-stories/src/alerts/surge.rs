//! Surges: more conflict than a country's own baseline allows.
//!
//! Only the categories in [`SURGE_CATEGORIES`] are tested: a burst of
//! agreements or visits is news, not a warning (cooperation is shown as a
//! separate indicator, never an alert). For a series (country × category,
//! or actor pair × category) and a day `t` with happenings, and each window
//! `w` in `windows` (1, 3, 5, 7 days), the weighted count `x` over
//! `[t−w+1, t]` (rounded) is compared with a baseline rate from the
//! `baseline_days` (28) days before the window:
//! `r = max(rate_floor, mean) + ½·sqrt(mean / n)` (`n` = baseline days
//! observed, at least `min_history_days`); the floor keeps a quiet country
//! from alarming on a couple of happenings. The tail `p = P(X ≥ x)` for
//! `X ~ Poisson(w·r)` is exact in log space. An alert fires when at least
//! `min_count` distinct happenings lie in the window and the smallest `p`
//! over the windows is at most `p_threshold / windows.len()`; then the
//! series is quiet for `cooldown_days`.

use std::collections::HashMap;

use sitrep_coder::Category;

use super::series::{date_of, Happening};
use super::{poisson_sf, Alert, AlertKind, AlertParams};
use crate::text::stable_id;

/// The PLOVER types whose surges warn.
pub const SURGE_CATEGORIES: &[Category] = &[
    Category::Protest,
    Category::Coerce,
    Category::Assault,
    Category::Mobilize,
    Category::Threaten,
    Category::Sanction,
];

/// Whether surges of `category` are alerts.
pub fn surge_warns(category: Category) -> bool {
    SURGE_CATEGORIES.contains(&category)
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum SeriesKey<'e> {
    Country(&'e str, Category),
    Pair(&'e str, &'e str, Category),
}

/// One day's share of a happening in a series.
#[derive(Debug, Clone, Copy)]
struct Item {
    day: i64,
    weight: f64,
    happening: usize,
}

pub(crate) fn surges(
    events: &[sitrep_coder::record::EventRecord],
    haps: &[Happening],
    record_start: i64,
    since_day: Option<i64>,
    params: &AlertParams,
    out: &mut Vec<Alert>,
) {
    let mut series: HashMap<SeriesKey, Vec<Item>> = HashMap::new();
    for (h_idx, h) in haps.iter().enumerate() {
        if !surge_warns(h.category) {
            continue;
        }
        let mut keys: Vec<SeriesKey> = h
            .countries()
            .into_iter()
            .map(|c| SeriesKey::Country(c, h.category))
            .collect();
        if params.pair_series {
            if let (Some(s), Some(t)) = (h.source, h.target) {
                if s.0 != t.0 {
                    keys.push(SeriesKey::Pair(s.0, t.0, h.category));
                }
            }
        }
        let spread = h.days.spread.max(1);
        for key in keys {
            let items = series.entry(key).or_default();
            for d in 0..spread {
                items.push(Item {
                    day: h.days.first + d,
                    weight: h.weight / spread as f64,
                    happening: h_idx,
                });
            }
        }
    }
    let mut keys: Vec<SeriesKey> = series.keys().cloned().collect();
    keys.sort();
    let per_test = params.p_threshold / params.windows.len() as f64;
    for key in keys {
        let Some(mut items) = series.remove(&key) else {
            continue;
        };
        items.sort_by_key(|it| (it.day, it.happening));
        let mut prefix = Vec::with_capacity(items.len() + 1);
        prefix.push(0.0f64);
        for it in &items {
            let last = prefix.last().copied().unwrap_or(0.0);
            prefix.push(last + it.weight);
        }
        let range = |a: i64, b: i64| -> (usize, usize) {
            let lo = items.partition_point(|it| it.day < a);
            let hi = items.partition_point(|it| it.day <= b);
            (lo, hi.max(lo))
        };
        let weight = |a: i64, b: i64| -> f64 {
            let (lo, hi) = range(a, b);
            prefix[hi] - prefix[lo]
        };
        let distinct = |a: i64, b: i64| -> u64 {
            let (lo, hi) = range(a, b);
            let mut hs: Vec<usize> = items[lo..hi].iter().map(|it| it.happening).collect();
            hs.sort_unstable();
            hs.dedup();
            hs.len() as u64
        };
        let mut day_list: Vec<i64> = items.iter().map(|it| it.day).collect();
        day_list.dedup();
        let mut last_alert: Option<i64> = None;
        for &t in &day_list {
            if last_alert.is_some_and(|l| t - l <= params.cooldown_days) {
                continue;
            }
            // (p, window, weighted count, happenings, baseline rate, days)
            let mut best: Option<(f64, i64, u64, u64, f64, i64)> = None;
            for &w in &params.windows {
                let n_haps = distinct(t - w + 1, t);
                if n_haps < params.min_count {
                    continue;
                }
                let x = weight(t - w + 1, t).round().max(0.0) as u64;
                let base_end = t - w;
                let base_lo = (base_end - params.baseline_days + 1).max(record_start);
                let n = base_end - base_lo + 1;
                if n < params.min_history_days {
                    continue;
                }
                let mean = weight(base_lo, base_end) / n as f64;
                let rate = mean.max(params.rate_floor) + 0.5 * (mean / n as f64).sqrt();
                let p = poisson_sf(x, rate * w as f64);
                if best.is_none_or(|b| p < b.0) {
                    best = Some((p, w, x, n_haps, rate, n));
                }
            }
            let Some((p, w, x, n_haps, rate, n)) = best else {
                continue;
            };
            if p > per_test {
                continue;
            }
            last_alert = Some(t);
            if since_day.is_some_and(|s| t < s) {
                continue;
            }
            let (lo, hi) = range(t - w + 1, t);
            let mut ids: Vec<String> = Vec::new();
            for it in &items[lo..hi] {
                for &m in &haps[it.happening].members {
                    if let Some(e) = events.get(m) {
                        if ids.len() < params.max_events_per_alert && !ids.contains(&e.event_id) {
                            ids.push(e.event_id.clone());
                        }
                    }
                }
            }
            let mut docs: Vec<&str> = items[lo..hi]
                .iter()
                .flat_map(|it| haps[it.happening].docs.iter().copied())
                .collect();
            docs.sort_unstable();
            docs.dedup();
            let (country, category, actors, series_name) = match key {
                SeriesKey::Country(c, cat) => (c, cat, None, format!("{c} {cat}")),
                SeriesKey::Pair(s, tg, cat) => (
                    s,
                    cat,
                    Some([s.to_string(), tg.to_string()]),
                    format!("{s}→{tg} {cat}"),
                ),
            };
            let date = date_of(t);
            let window = if w == 1 {
                format!("on {date}")
            } else {
                format!("in the {w} days to {date}")
            };
            let reason = format!(
                "Surge in the {series_name} series: {n_haps} distinct happenings ({} events in {} articles, weighted {x}) {window} against a baseline of {rate:.2} a day ({:.1} expected) over the previous {n} days; the Poisson tail probability {p:.1e} is below the threshold {per_test:.1e} ({:.0e} shared by {} windows).",
                ids.len(),
                docs.len(),
                rate * w as f64,
                params.p_threshold,
                params.windows.len()
            );
            let pair_part = actors
                .as_ref()
                .map_or(String::new(), |a: &[String; 2]| a[1].clone());
            out.push(Alert {
                id: stable_id(
                    "a",
                    &["surge", country, &pair_part, category.as_str(), &date],
                ),
                kind: AlertKind::Surge,
                country: country.to_string(),
                category,
                date,
                score: -p.max(1e-300).log10(),
                reason,
                events: ids,
                actors,
                signal: None,
            });
        }
    }
}
