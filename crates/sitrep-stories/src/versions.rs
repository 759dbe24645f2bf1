//! Article versions: an "(UPDATE)" or corrected re-issue of an article is a
//! new version of the same document, not a new document.
//!
//! Two documents are versions of one another when they come from the same
//! source (both unknown counts as the same) and either
//! * their headlines are equal once update markers are removed ("(UPDATE)",
//!   "(UPDATE 2)", "UPDATE 1-", "UPDATED:", "(Corrected)", "CORRECTED-",
//!   "REFILE-", "(Updated 10:15 GMT)") and case and punctuation ignored, or
//! * their bodies, without marker lines ("Details added ...", "Updated
//!   ...", "First version posted ...", "Correction: ..."), share at least
//!   [`VERSION_JACCARD`] of their word 5-shingles (Jaccard). 0.5 keeps an
//!   update that rewrites a third of a text; different articles on one topic
//!   stay far below it (under 0.1 in the tests), and wire copies from another
//!   source are excluded by the source condition (they are near-duplicates,
//!   see `dedup`),
//!
//! and they were published within [`VERSION_WINDOW_HOURS`] of each other
//! (on the same date when a time is missing): recurring items ("Daily
//! briefing") repeat source and headline on other days and are other
//! articles. See [`within_version_window`].
//!
//! The newest version is the one published last; at equal times, the one
//! that says it is an update; then the later in the input.

use std::collections::HashMap;

use sitrep_coder::record::EventRecord;
use sitrep_coder::{Document, Published, PublishedKey};

use crate::dedup::{DuplicateIndex, MinHashParams};
use crate::text::{jaccard, shingles, words};

/// Minimal body Jaccard similarity (word 5-shingles) of two versions whose
/// headlines differ.
pub const VERSION_JACCARD: f64 = 0.5;

/// Words per shingle for the body comparison.
pub const VERSION_SHINGLE: usize = 5;

/// Longest gap between two versions of one article whose publication times
/// are both known, in hours. Recurring items ("Daily briefing", "Markets
/// today") repeat their source and headline every day; taking them for
/// versions would replace one day's events with the next day's, so two
/// documents published further apart are never versions of each other.
/// With only dates known, versions must share the calendar date.
pub const VERSION_WINDOW_HOURS: i64 = 18;

/// Whether two documents were published close enough to be versions of one
/// article: always when either publication date is unknown; within
/// [`VERSION_WINDOW_HOURS`] when both times are known (UTC offsets applied
/// when given); on the same date otherwise.
pub fn within_version_window(a: Option<&Published>, b: Option<&Published>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    match (a.utc_datetime(), b.utc_datetime()) {
        (Some(ta), Some(tb)) => (ta - tb).num_minutes().abs() <= VERSION_WINDOW_HOURS * 60,
        _ => a.date == b.date,
    }
}

/// What identifies an article across versions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VersionKey {
    /// The source (outlet) lower-cased; empty when unknown.
    pub source: String,
    /// The headline without update markers: lower-case words joined by one
    /// space; empty when the document has no headline.
    pub headline: String,
}

/// How a later document relates to an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionRelation {
    /// The same text and headline (a re-ingested copy).
    Same,
    /// An updated or corrected version.
    NewVersion,
    /// Another article.
    Unrelated,
}

/// One article and its versions.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionGroup {
    pub key: VersionKey,
    /// Indexes into the input, oldest version first.
    pub members: Vec<usize>,
    /// Document ids in the same order.
    pub ids: Vec<String>,
    /// Index of the newest version (the last member).
    pub latest: usize,
    /// Why the members were grouped, one line per joined member.
    pub why: Vec<String>,
}

/// Removes update markers from a headline and normalises it to lower-case
/// words.
pub fn clean_headline(title: &str) -> String {
    let mut s = title.trim().to_string();
    // Bracketed markers anywhere: "(UPDATE)", "(UPDATE 2)", "(Corrected)",
    // "(Updated 10:15 GMT)", "[REFILE]".
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(open) = rest.find(['(', '[']) {
        let close_char = if rest[open..].starts_with('(') {
            ')'
        } else {
            ']'
        };
        let Some(close_rel) = rest[open..].find(close_char) else {
            break;
        };
        let inner = &rest[open + 1..open + close_rel];
        out.push_str(&rest[..open]);
        if !is_marker_word(inner) {
            out.push_str(&rest[open..=open + close_rel]);
        }
        rest = &rest[open + close_rel + 1..];
    }
    out.push_str(rest);
    s = out;
    // Leading markers: "UPDATE 2-", "UPDATED:", "CORRECTED-", "REFILE-".
    loop {
        let t = s.trim_start();
        let first: String = t
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == ' ')
            .collect();
        let lead = first.trim_end();
        let after = &t[lead.len()..];
        let sep = after.trim_start();
        let is_sep = sep.starts_with(['-', ':', '—', '–']);
        if is_sep && !lead.is_empty() && lead.len() <= 12 && is_marker_word(lead) {
            s = sep.trim_start_matches(['-', ':', '—', '–']).to_string();
        } else {
            break;
        }
    }
    // A trailing "UPDATED" / "UPDATE" word.
    let w = words(&s);
    let mut w: Vec<String> = w;
    while w
        .last()
        .is_some_and(|x| matches!(x.as_str(), "update" | "updated" | "corrected"))
        && w.len() > 1
    {
        w.pop();
    }
    if w.first()
        .is_some_and(|x| matches!(x.as_str(), "updated" | "corrected" | "refile"))
    {
        w.remove(0);
    }
    w.join(" ")
}

/// "UPDATE", "UPDATE 2", "Updated 10:15 GMT", "Corrected", "REFILE", "Adds
/// quotes", "Recasts".
fn is_marker_word(s: &str) -> bool {
    let lower = s.trim().to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    matches!(
        first,
        "update"
            | "updated"
            | "updates"
            | "corrected"
            | "correction"
            | "corrects"
            | "refile"
            | "refiled"
            | "recasts"
            | "adds"
            | "wrapup"
    )
}

/// A short line in the body that only says the article changed.
fn is_marker_line(line: &str) -> bool {
    let t = line.trim().trim_start_matches(['(', '[']);
    if t.is_empty() || t.len() > 120 {
        return false;
    }
    let lower = t.to_lowercase();
    [
        "details added",
        "first version posted",
        "updated",
        "update ",
        "last updated",
        "correction:",
        "corrects ",
        "corrected",
        "editor's note",
        "adds ",
        "recasts",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

fn headline_of(doc: &Document) -> Option<&str> {
    doc.title
        .as_deref()
        .or_else(|| doc.headline.map(|s| s.of(&doc.text)))
}

/// The key that identifies an article across its versions.
pub fn version_key(doc: &Document) -> VersionKey {
    VersionKey {
        source: source_key(doc.source.as_deref()),
        headline: headline_of(doc).map(clean_headline).unwrap_or_default(),
    }
}

/// The body's words without marker lines.
fn body_words(doc: &Document) -> Vec<String> {
    body_words_of(&doc.text, doc.body_start)
}

/// The words of `text` from byte `body_start` on (the whole text when that
/// is not a character boundary), without marker lines.
fn body_words_of(text: &str, body_start: usize) -> Vec<String> {
    let body = text.get(body_start..).unwrap_or(text);
    let kept: Vec<&str> = body.lines().filter(|l| !is_marker_line(l)).collect();
    words(&kept.join("\n"))
}

/// The body's shingle set, as compared between versions.
pub fn body_shingles(doc: &Document) -> Vec<u64> {
    shingles(&body_words(doc), VERSION_SHINGLE)
}

/// [`body_shingles`] of a stored text whose body starts at byte
/// `body_start`: what a store compares when it holds the text, not the
/// [`Document`].
pub fn body_shingles_of(text: &str, body_start: usize) -> Vec<u64> {
    shingles(&body_words_of(text, body_start), VERSION_SHINGLE)
}

/// How `version_key` normalises a source name: trimmed, lower-case.
pub fn source_key(source: Option<&str>) -> String {
    source.map(|s| s.trim().to_lowercase()).unwrap_or_default()
}

/// Whether `new` is the same article as `old`, a new version of it, or
/// another article. See the module doc for the rule.
pub fn is_new_version(old: &Document, new: &Document) -> VersionRelation {
    let (ko, kn) = (version_key(old), version_key(new));
    if ko.source != kn.source
        || !within_version_window(old.published.as_ref(), new.published.as_ref())
    {
        return VersionRelation::Unrelated;
    }
    let (wo, wn) = (body_words(old), body_words(new));
    let same_headline = !ko.headline.is_empty() && ko.headline == kn.headline;
    let similar = same_headline
        || jaccard(
            &shingles(&wo, VERSION_SHINGLE),
            &shingles(&wn, VERSION_SHINGLE),
        ) >= VERSION_JACCARD;
    if !similar {
        return VersionRelation::Unrelated;
    }
    let raw_same = headline_of(old).map(str::trim) == headline_of(new).map(str::trim);
    if wo == wn && raw_same && old.is_update == new.is_update {
        VersionRelation::Same
    } else {
        VersionRelation::NewVersion
    }
}

/// The order of an article's versions: by the publication time's sort key
/// ([`sitrep_coder::PublishedKey`], UTC; unknown first, a date before its
/// times), then the one that says it is an update. Written once: here for
/// documents in memory, and by the store over its stored keys (the key's
/// text form sorts the same).
pub fn version_order<K: Ord>(published_key: Option<K>, is_update: bool) -> (Option<K>, bool) {
    (published_key, is_update)
}

fn doc_version_order(doc: &Document) -> (Option<PublishedKey>, bool) {
    version_order(
        doc.published.as_ref().map(Published::sort_key),
        doc.is_update,
    )
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Groups documents into articles and their versions. Documents sharing a
/// [`VersionKey`] with a non-empty headline are grouped; documents of one
/// source whose bodies have Jaccard ≥ [`VERSION_JACCARD`] are grouped too
/// (candidates come from a MinHash index, so this is near-linear). Groups
/// come in the order of their first member in the input.
pub fn collapse_versions(docs: &[Document]) -> Vec<VersionGroup> {
    let n = docs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut why: HashMap<usize, String> = HashMap::new();
    let keys: Vec<VersionKey> = docs.iter().map(version_key).collect();
    let mut by_key: HashMap<&VersionKey, usize> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if k.headline.is_empty() {
            continue;
        }
        if let Some(&first) = by_key.get(k) {
            if !within_version_window(docs[first].published.as_ref(), docs[i].published.as_ref()) {
                by_key.insert(k, i); // a recurring headline: a new article
                continue;
            }
            let (a, b) = (find(&mut parent, first), find(&mut parent, i));
            if a != b {
                parent[b] = a;
            }
            why.entry(i).or_insert_with(|| {
                format!(
                    "{} has the headline of {} once update markers are removed (\"{}\")",
                    docs[i].id, docs[first].id, k.headline
                )
            });
        } else {
            by_key.insert(k, i);
        }
    }
    let params = MinHashParams {
        shingle: VERSION_SHINGLE,
        threshold: VERSION_JACCARD,
        ..MinHashParams::default()
    };
    if let Ok(mut index) = DuplicateIndex::new(params) {
        let ids: Vec<String> = (0..n).map(|i| i.to_string()).collect();
        for (i, doc) in docs.iter().enumerate() {
            let body = body_words(doc).join(" ");
            for (other, sim) in index.insert(&ids[i], &body) {
                let Ok(j) = other.parse::<usize>() else {
                    continue;
                };
                if keys[j].source != keys[i].source
                    || !within_version_window(
                        docs[j].published.as_ref(),
                        docs[i].published.as_ref(),
                    )
                {
                    continue;
                }
                let (a, b) = (find(&mut parent, j), find(&mut parent, i));
                if a != b {
                    parent[b] = a;
                    why.entry(i).or_insert_with(|| {
                        format!(
                            "{} shares {:.0}% of its word 5-shingles with {} (threshold {:.0}%)",
                            docs[i].id,
                            sim * 100.0,
                            docs[j].id,
                            VERSION_JACCARD * 100.0
                        )
                    });
                }
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        let g = *slot.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    groups
        .into_iter()
        .filter_map(|mut members| {
            members.sort_by(|&a, &b| {
                doc_version_order(&docs[a])
                    .cmp(&doc_version_order(&docs[b]))
                    .then(a.cmp(&b))
            });
            let latest = *members.last()?;
            let first = *members.first()?;
            Some(VersionGroup {
                key: keys[first].clone(),
                ids: members.iter().map(|&m| docs[m].id.clone()).collect(),
                why: members.iter().filter_map(|m| why.get(m).cloned()).collect(),
                latest,
                members,
            })
        })
        .collect()
}

/// Keeps the events of the newest version of each group (and of documents
/// in no group), dropping those of superseded versions.
pub fn keep_latest_versions(
    docs: &[Document],
    groups: &[VersionGroup],
    events: Vec<EventRecord>,
) -> Vec<EventRecord> {
    let mut superseded: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for g in groups {
        for &m in &g.members {
            if m != g.latest {
                if let Some(d) = docs.get(m) {
                    superseded.insert(d.id.as_str());
                }
            }
        }
    }
    // A superseded id that is also the id of a latest version is kept.
    for g in groups {
        if let Some(d) = docs.get(g.latest) {
            superseded.remove(d.id.as_str());
        }
    }
    events
        .into_iter()
        .filter(|e| !superseded.contains(e.doc_id.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published(date: &str, time: Option<&str>, off: Option<i32>) -> sitrep_coder::Published {
        sitrep_coder::Published {
            date: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap_or_default(),
            time: time.and_then(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M").ok()),
            utc_offset_minutes: off,
        }
    }

    #[test]
    fn version_window() {
        let mon7 = published("2024-03-04", Some("07:00"), None);
        let mon23 = published("2024-03-04", Some("23:00"), None);
        let tue7 = published("2024-03-05", Some("07:00"), None);
        let tue0 = published("2024-03-05", Some("00:30"), None);
        assert!(
            within_version_window(Some(&mon7), Some(&mon23)),
            "16 h apart"
        );
        assert!(
            within_version_window(Some(&mon23), Some(&tue0)),
            "across midnight"
        );
        assert!(
            !within_version_window(Some(&mon7), Some(&tue7)),
            "a day apart"
        );
        // 23:00 at UTC+10 is 13:00 UTC: 18 h before 07:00 UTC the next day.
        let east = published("2024-03-04", Some("23:00"), Some(600));
        assert!(within_version_window(Some(&east), Some(&tue7)));
        let mon = published("2024-03-04", None, None);
        let tue = published("2024-03-05", None, None);
        assert!(within_version_window(Some(&mon), Some(&mon23)), "same date");
        assert!(
            !within_version_window(Some(&mon), Some(&tue)),
            "dates only: other day"
        );
        assert!(
            within_version_window(None, Some(&tue)),
            "unknown dates do not separate"
        );
    }

    #[test]
    fn headline_markers_are_removed() {
        for (raw, want) in [
            ("Troops pull back (UPDATE)", "troops pull back"),
            ("UPDATE 2-Troops pull back", "troops pull back"),
            ("UPDATED: Troops pull back", "troops pull back"),
            ("Troops pull back (Corrected)", "troops pull back"),
            ("CORRECTED-Troops pull back", "troops pull back"),
            ("Troops pull back (Updated 10:15 GMT)", "troops pull back"),
            ("Troops pull back UPDATED", "troops pull back"),
            ("REFILE-Troops pull back (UPDATE 3)", "troops pull back"),
            ("Troops (and tanks) pull back", "troops and tanks pull back"),
            ("Update on talks: none", "update on talks none"),
        ] {
            assert_eq!(clean_headline(raw), want, "{raw}");
        }
    }

    #[test]
    fn marker_lines() {
        assert!(is_marker_line(
            "Details added (first version posted on 17:09)"
        ));
        assert!(is_marker_line("(Updated 10:15 GMT)"));
        assert!(!is_marker_line("The army withdrew."));
    }
}
