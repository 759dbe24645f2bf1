//! Cross-source events: mentions of one real-world happening, coded from
//! different articles, merged into one [`MergedEvent`].
//!
//! Two mentions are merged only when all of these hold:
//! * the same PLOVER category;
//! * compatible actors: the same source and target codes, or — for the
//!   symmetric categories [`SYMMETRIC`] (CONSULT, AGREE, COOPERATE, ASSAULT
//!   clashes) — source and target swapped; a missing code is compatible with
//!   a present one;
//! * overlapping date windows, `[date, date_end]` widened by
//!   `date_tolerance_days` (1) on each side, compared with the window of the
//!   merged event's first mention (so daily repeats do not chain into one
//!   long event); mentions whose window is longer than `max_window_days` (3:
//!   "in January") are never merged;
//! * the same location country (or both without a location), and the same
//!   place or a place missing on one side.
//!
//! Conservative: when a mention is compatible with several merged events
//! (e.g. two same-day protests in different cities and a mention naming
//! neither) it joins the one it matches exactly (same actors, same place),
//! and when there is no single such event it stays on its own. Every join
//! records a sentence saying why.
//!
//! Cost: mentions are sorted once by (category, country, start date) and
//! swept; each is compared only with the open merged events of its group
//! that share an actor code (or, without actors, with the open events of
//! its group), so the work is O(n log n) plus the number of same-day,
//! same-country, same-category events sharing an actor. A consequence: a
//! mention whose only code is its source (`KAZ→—`) is not compared with a
//! merged event whose only code is a target (`—→KAZ` is, `—→RUS` is not),
//! so such half-known pairs stay apart.
//!
//! Mentions from the same document can merge too (an article that
//! describes one protest in two sentences); `mentions` counts records and
//! `sources` distinct documents.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sitrep_coder::record::EventRecord;
use sitrep_coder::Category;

use crate::text::stable_id;

/// Categories where "A with B" and "B with A" are the same happening.
pub const SYMMETRIC: &[Category] = &[
    Category::Consult,
    Category::Agree,
    Category::Cooperate,
    Category::Assault,
];

/// Parameters of the merge.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeParams {
    /// Days by which two date windows may miss each other and still match.
    pub date_tolerance_days: i64,
    /// Longest date window (days, inclusive) a mention may have to be merged.
    pub max_window_days: i64,
}

impl Default for MergeParams {
    fn default() -> Self {
        MergeParams {
            date_tolerance_days: 1,
            max_window_days: 3,
        }
    }
}

/// A link to one mention of a merged event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionLink {
    pub event_id: String,
    pub doc_id: String,
    /// The sentence's span (code points) in its document.
    pub span: [usize; 2],
}

/// One real-world happening and every mention of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergedEvent {
    /// Stable id: a hash of the member event ids.
    pub id: String,
    pub category: Category,
    /// Actor codes; the first mention that gives one sets it.
    pub source: Option<String>,
    pub target: Option<String>,
    /// Window of the members' dates (ISO), when they have dates.
    pub date_start: Option<String>,
    pub date_end: Option<String>,
    /// Location country (ISO alpha-3) and place.
    pub location: Option<String>,
    pub place: Option<String>,
    /// How many mentions (event records) were merged.
    pub mentions: usize,
    /// Distinct documents that reported it, in first-mention order.
    pub sources: Vec<String>,
    /// Earliest publication date (ISO) of those documents.
    pub first_seen: Option<String>,
    /// Member event ids, in date order.
    pub members: Vec<String>,
    pub links: Vec<MentionLink>,
    /// One sentence per join saying why.
    pub why: Vec<String>,
}

fn parse_date(s: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s?.get(..10)?, "%Y-%m-%d").ok()
}

/// A mention as the merge sees it.
struct Mention<'e> {
    ev: &'e EventRecord,
    source: Option<&'e str>,
    target: Option<&'e str>,
    country: Option<&'e str>,
    place: Option<&'e str>,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
}

impl<'e> Mention<'e> {
    fn new(ev: &'e EventRecord) -> Self {
        let start = parse_date(ev.date.as_deref());
        let end = parse_date(ev.date_end.as_deref()).or(start);
        let end = match (start, end) {
            (Some(s), Some(e)) if e < s => Some(s),
            (_, e) => e,
        };
        Mention {
            ev,
            source: ev.source.as_ref().map(|a| a.code.as_str()),
            target: ev.target.as_ref().map(|a| a.code.as_str()),
            country: ev.location.as_ref().map(|l| l.code.as_str()),
            place: ev.location.as_ref().and_then(|l| l.place.as_deref()),
            start,
            end,
        }
    }
}

/// A merged event being built.
struct Cluster<'e> {
    members: Vec<usize>,
    source: Option<&'e str>,
    target: Option<&'e str>,
    place: Option<&'e str>,
    /// Window of the first mention.
    core: (NaiveDate, NaiveDate),
    why: Vec<String>,
}

fn opt(s: Option<&str>) -> &str {
    s.unwrap_or("—")
}

/// How a mention fits a cluster: `None` when it does not, else whether it
/// fits exactly and the actor relation.
fn fits(m: &Mention, c: &Cluster, symmetric: bool, tol: i64) -> Option<(bool, bool)> {
    let dt = chrono::Duration::days(tol);
    let (s, e) = (m.start?, m.end?);
    if s > c.core.1 + dt || c.core.0 > e + dt {
        return None;
    }
    let eq = |a: Option<&str>, b: Option<&str>| a.is_none() || b.is_none() || a == b;
    let place_ok = eq(m.place, c.place);
    if !place_ok {
        return None;
    }
    let straight = eq(m.source, c.source) && eq(m.target, c.target);
    let swapped = symmetric
        && m.source.is_some()
        && m.target.is_some()
        && eq(m.source, c.target)
        && eq(m.target, c.source);
    if !straight && !swapped {
        return None;
    }
    let exact_actors = if straight {
        m.source == c.source && m.target == c.target
    } else {
        m.source == c.target && m.target == c.source
    };
    Some((exact_actors && m.place == c.place, !straight))
}

/// Merges mentions with default parameters; `first_seen` comes from the
/// events (see [`merge_events_with`]).
pub fn merge_events(events: &[EventRecord]) -> Vec<MergedEvent> {
    merge_events_with(events, &MergeParams::default(), None)
}

/// Merges mentions of the same happening. `published` maps doc ids to
/// publication dates for `first_seen`; without it (or for a document not in
/// it) a document's publication date is taken from its events dated by
/// publication (`date_precision` "publication"), else the event's own date.
pub fn merge_events_with(
    events: &[EventRecord],
    params: &MergeParams,
    published: Option<&HashMap<String, NaiveDate>>,
) -> Vec<MergedEvent> {
    let mentions: Vec<Mention> = events.iter().map(Mention::new).collect();
    let mut doc_pub: HashMap<&str, NaiveDate> = HashMap::new();
    for m in &mentions {
        if m.ev.date_precision == "publication" {
            if let Some(d) = m.start {
                doc_pub
                    .entry(m.ev.doc_id.as_str())
                    .and_modify(|x| *x = (*x).min(d))
                    .or_insert(d);
            }
        }
    }
    let seen_date = |m: &Mention| -> Option<NaiveDate> {
        published
            .and_then(|p| p.get(&m.ev.doc_id).copied())
            .or_else(|| doc_pub.get(m.ev.doc_id.as_str()).copied())
            .or(m.start)
    };

    // Sort once by (category, country, start, event id), comparing interned
    // ranks and day numbers instead of strings (ranks follow string order,
    // so the result does not depend on the input order).
    let cat_rank = rank_of(mentions.iter().map(|m| m.ev.category.as_str()).collect());
    let country_rank = rank_of(mentions.iter().filter_map(|m| m.country).collect());
    let keys: Vec<(u32, u32, i64)> = mentions
        .iter()
        .map(|m| {
            (
                cat_rank.get(m.ev.category.as_str()).copied().unwrap_or(0),
                m.country
                    .and_then(|c| country_rank.get(c).copied())
                    .map_or(0, |r| r.saturating_add(1)),
                m.start.map_or(i64::MIN, |d| {
                    i64::from(chrono::Datelike::num_days_from_ce(&d))
                }),
            )
        })
        .collect();
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        keys[a]
            .cmp(&keys[b])
            .then_with(|| mentions[a].ev.event_id.cmp(&mentions[b].ev.event_id))
            .then(a.cmp(&b))
    });

    let tol = params.date_tolerance_days.max(0);
    let max_len = params.max_window_days.max(1);
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut i = 0;
    while i < order.len() {
        // One (category, country) group.
        let head = &mentions[order[i]];
        let mut j = i;
        while j < order.len()
            && mentions[order[j]].ev.category == head.ev.category
            && mentions[order[j]].country == head.country
        {
            j += 1;
        }
        let symmetric = SYMMETRIC.contains(&head.ev.category);
        // Open clusters of this group, by actor code and without actors.
        let mut by_code: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut no_actor: Vec<usize> = Vec::new();
        let mut stamp: HashSet<usize> = HashSet::new();
        for &k in &order[i..j] {
            let m = &mentions[k];
            let (Some(s), Some(e)) = (m.start, m.end) else {
                clusters.push(singleton(k, m));
                continue;
            };
            if (e - s).num_days() + 1 > max_len {
                clusters.push(singleton(k, m));
                continue;
            }
            let expired = |c: &Cluster| c.core.1 + chrono::Duration::days(tol) < s;
            let mut cands: Vec<usize> = Vec::new();
            stamp.clear();
            let codes: Vec<&str> = [m.source, m.target].into_iter().flatten().collect();
            if codes.is_empty() {
                // Any open cluster of the group: every list.
                for l in by_code.values_mut() {
                    l.retain(|&c| !expired(&clusters[c]));
                }
                for l in by_code.values() {
                    cands.extend(l.iter().copied());
                }
            } else {
                for code in &codes {
                    if let Some(l) = by_code.get_mut(code) {
                        l.retain(|&c| !expired(&clusters[c]));
                        cands.extend(l.iter().copied());
                    }
                }
            }
            no_actor.retain(|&c| !expired(&clusters[c]));
            cands.extend(no_actor.iter().copied());
            cands.retain(|c| stamp.insert(*c));
            cands.sort_unstable();
            let mut exact = Vec::new();
            let mut loose = Vec::new();
            for &c in &cands {
                if let Some((is_exact, swapped)) = fits(m, &clusters[c], symmetric, tol) {
                    if is_exact {
                        exact.push((c, swapped));
                    } else {
                        loose.push((c, swapped));
                    }
                }
            }
            let chosen = match (exact.as_slice(), loose.as_slice()) {
                ([one], _) => Some(*one),
                ([], [one]) => Some(*one),
                _ => None,
            };
            match chosen {
                Some((c, swapped)) => {
                    let reason = join_reason(m, &clusters[c], &mentions, swapped, tol);
                    let cl = &mut clusters[c];
                    cl.members.push(k);
                    cl.why.push(reason);
                    let before = [cl.source, cl.target];
                    if swapped {
                        cl.source = cl.source.or(m.target);
                        cl.target = cl.target.or(m.source);
                    } else {
                        cl.source = cl.source.or(m.source);
                        cl.target = cl.target.or(m.target);
                    }
                    cl.place = cl.place.or(m.place);
                    let had_none = before.iter().all(Option::is_none);
                    for code in [cl.source, cl.target].into_iter().flatten() {
                        if !before.contains(&Some(code)) {
                            by_code.entry(code).or_default().push(c);
                        }
                    }
                    if had_none && (cl.source.is_some() || cl.target.is_some()) {
                        no_actor.retain(|&x| x != c);
                    }
                }
                None => {
                    let c = clusters.len();
                    clusters.push(Cluster {
                        members: vec![k],
                        source: m.source,
                        target: m.target,
                        place: m.place,
                        core: (s, e),
                        why: Vec::new(),
                    });
                    if codes.is_empty() {
                        no_actor.push(c);
                    }
                    for code in codes {
                        by_code.entry(code).or_default().push(c);
                    }
                }
            }
        }
        i = j;
    }

    // Output order: date, category, country, id; the first member of a
    // cluster is its earliest, so its sort key gives the first three.
    let mut out: Vec<((i64, u32, u32), MergedEvent)> = clusters
        .into_iter()
        .filter_map(|c| {
            let (cat, country, day) = *keys.get(*c.members.first()?)?;
            let m = build(c, &mentions, &seen_date)?;
            Some(((day, cat, country), m))
        })
        .collect();
    out.sort_unstable_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| a.id.cmp(&b.id)));
    out.into_iter().map(|(_, m)| m).collect()
}

/// Each distinct name's rank in sorted order.
fn rank_of(mut names: Vec<&str>) -> HashMap<&str, u32> {
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .enumerate()
        .map(|(i, n)| (n, u32::try_from(i).unwrap_or(u32::MAX)))
        .collect()
}

fn singleton<'e>(k: usize, m: &Mention<'e>) -> Cluster<'e> {
    let d = m.start.unwrap_or_default();
    Cluster {
        members: vec![k],
        source: m.source,
        target: m.target,
        place: m.place,
        core: (d, m.end.unwrap_or(d)),
        why: Vec::new(),
    }
}

fn join_reason(m: &Mention, c: &Cluster, mentions: &[Mention], swapped: bool, tol: i64) -> String {
    let first = c.members.first().map(|&f| &mentions[f]);
    let first_id = first.map_or("?", |f| f.ev.event_id.as_str());
    let first_doc = first.map_or("?", |f| f.ev.doc_id.as_str());
    let actors = if swapped {
        format!(
            "actors {}→{} are {}→{} swapped ({} is symmetric)",
            opt(m.source),
            opt(m.target),
            opt(c.source),
            opt(c.target),
            m.ev.category
        )
    } else if m.source == c.source && m.target == c.target {
        format!("same actors {}→{}", opt(m.source), opt(m.target))
    } else {
        format!(
            "compatible actors {}→{} and {}→{} (a missing code matches)",
            opt(m.source),
            opt(m.target),
            opt(c.source),
            opt(c.target)
        )
    };
    let place = match (m.place, c.place) {
        (Some(a), Some(_)) => format!("same place {a}"),
        (None, None) => "no place on either side".to_string(),
        _ => "place given on one side only".to_string(),
    };
    format!(
        "{} ({}) merged with {} ({}): same category {}; {}; dates {}..{} within ±{} day(s) of {}..{}; same country {}; {}",
        m.ev.event_id,
        m.ev.doc_id,
        first_id,
        first_doc,
        m.ev.category,
        actors,
        m.start.map_or_else(String::new, |d| d.to_string()),
        m.end.map_or_else(String::new, |d| d.to_string()),
        tol,
        c.core.0,
        c.core.1,
        opt(m.country),
        place
    )
}

fn build(
    c: Cluster,
    mentions: &[Mention],
    seen_date: &impl Fn(&Mention) -> Option<NaiveDate>,
) -> Option<MergedEvent> {
    let first = mentions.get(*c.members.first()?)?;
    let mut members = Vec::with_capacity(c.members.len());
    let mut links = Vec::with_capacity(c.members.len());
    let mut sources: Vec<String> = Vec::new();
    let mut start: Option<NaiveDate> = None;
    let mut end: Option<NaiveDate> = None;
    let mut seen: Option<NaiveDate> = None;
    for &k in &c.members {
        let m = &mentions[k];
        members.push(m.ev.event_id.clone());
        links.push(MentionLink {
            event_id: m.ev.event_id.clone(),
            doc_id: m.ev.doc_id.clone(),
            span: m.ev.span,
        });
        if !sources.contains(&m.ev.doc_id) {
            sources.push(m.ev.doc_id.clone());
        }
        start = min_opt(start, m.start);
        end = max_opt(end, m.end);
        seen = min_opt(seen, seen_date(m));
    }
    let id_parts: Vec<&str> = members.iter().map(String::as_str).collect();
    Some(MergedEvent {
        id: stable_id("m", &id_parts),
        category: first.ev.category,
        source: c.source.map(str::to_string),
        target: c.target.map(str::to_string),
        date_start: start.map(|d| d.to_string()),
        date_end: end.map(|d| d.to_string()),
        location: first.country.map(str::to_string),
        place: c.place.map(str::to_string),
        mentions: members.len(),
        sources,
        first_seen: seen.map(|d| d.to_string()),
        members,
        links,
        why: c.why,
    })
}

fn min_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

fn max_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}
