//! Cross-source merging: several outlets describing one event merge; distinct
//! same-day events stay apart.

use std::collections::HashMap;

use crate::common::ev;
use chrono::NaiveDate;
use sitrep_stories::{merge_events, merge_events_with, MergeParams, MergedEvent};

fn find<'m>(merged: &'m [MergedEvent], member: &str) -> &'m MergedEvent {
    merged
        .iter()
        .find(|m| m.members.iter().any(|x| x == member))
        .unwrap_or_else(|| panic!("{member} not in any merged event"))
}

#[test]
fn several_outlets_one_protest_and_distinct_same_day_events() {
    let almaty = Some(("KAZ", Some("Almaty")));
    let aktobe = Some(("KAZ", Some("Aktobe")));
    let events = vec![
        // One protest in Almaty on 5 January, reported by four outlets; one
        // dates it a day later, one gives no place, one no target.
        ev(
            "p1",
            "reuters",
            "PROTEST",
            "141",
            "r",
            (Some("KAZ"), Some("KAZ")),
            almaty,
            "2022-01-05",
        ),
        ev(
            "p2",
            "ap",
            "PROTEST",
            "141",
            "r",
            (Some("KAZ"), Some("KAZ")),
            almaty,
            "2022-01-05",
        ),
        ev(
            "p3",
            "tass",
            "PROTEST",
            "141",
            "r",
            (Some("KAZ"), Some("KAZ")),
            almaty,
            "2022-01-06",
        ),
        ev(
            "p4",
            "trend",
            "PROTEST",
            "141",
            "r",
            (Some("KAZ"), None),
            almaty,
            "2022-01-05",
        ),
        // Same day, another city: a different protest.
        ev(
            "q1",
            "reuters",
            "PROTEST",
            "141",
            "r",
            (Some("KAZ"), Some("KAZ")),
            aktobe,
            "2022-01-05",
        ),
        ev(
            "q2",
            "bbc",
            "PROTEST",
            "141",
            "r",
            (Some("KAZ"), Some("KAZ")),
            aktobe,
            "2022-01-05",
        ),
        // Same day and place, different target: a different event.
        ev(
            "r1",
            "ap",
            "PROTEST",
            "141",
            "r",
            (Some("KAZ"), Some("RUS")),
            almaty,
            "2022-01-05",
        ),
        // A week later: a new protest.
        ev(
            "s1",
            "ap",
            "PROTEST",
            "141",
            "r",
            (Some("KAZ"), Some("KAZ")),
            almaty,
            "2022-01-12",
        ),
        // Talks reported from both sides (symmetric CONSULT, swapped actors).
        ev(
            "c1",
            "tass",
            "CONSULT",
            "040",
            "r",
            (Some("RUS"), Some("KAZ")),
            Some(("RUS", Some("Moscow"))),
            "2022-01-10",
        ),
        ev(
            "c2",
            "reuters",
            "CONSULT",
            "040",
            "r",
            (Some("KAZ"), Some("RUS")),
            Some(("RUS", Some("Moscow"))),
            "2022-01-10",
        ),
        // A non-symmetric type with swapped actors stays apart.
        ev(
            "x1",
            "tass",
            "ACCUSE",
            "112",
            "r",
            (Some("RUS"), Some("KAZ")),
            None,
            "2022-01-10",
        ),
        ev(
            "x2",
            "reuters",
            "ACCUSE",
            "112",
            "r",
            (Some("KAZ"), Some("RUS")),
            None,
            "2022-01-10",
        ),
    ];
    let mut published = HashMap::new();
    published.insert(
        "tass".to_string(),
        NaiveDate::from_ymd_opt(2022, 1, 4).expect("date"),
    );
    let merged = merge_events_with(&events, &MergeParams::default(), Some(&published));

    let almaty_protest = find(&merged, "p1");
    assert_eq!(almaty_protest.members, vec!["p1", "p2", "p4", "p3"]);
    assert_eq!(almaty_protest.mentions, 4);
    assert_eq!(
        almaty_protest.sources,
        vec!["reuters", "ap", "trend", "tass"]
    );
    assert_eq!(almaty_protest.place.as_deref(), Some("Almaty"));
    assert_eq!(almaty_protest.date_start.as_deref(), Some("2022-01-05"));
    assert_eq!(almaty_protest.date_end.as_deref(), Some("2022-01-06"));
    assert_eq!(almaty_protest.first_seen.as_deref(), Some("2022-01-04"));
    assert_eq!(almaty_protest.why.len(), 3);
    assert_eq!(almaty_protest.links.len(), 4);
    for w in &almaty_protest.why {
        assert!(
            w.contains("same category PROTEST") && w.contains("same country KAZ"),
            "{w}"
        );
    }
    assert!(almaty_protest
        .why
        .iter()
        .any(|w| w.contains("a missing code matches")));

    let aktobe_protest = find(&merged, "q1");
    assert_eq!(aktobe_protest.members, vec!["q1", "q2"]);
    assert_ne!(aktobe_protest.id, almaty_protest.id);
    assert_eq!(find(&merged, "r1").mentions, 1);
    assert_eq!(find(&merged, "s1").mentions, 1);

    let talks = find(&merged, "c1");
    assert_eq!(talks.mentions, 2);
    assert!(talks.why[0].contains("swapped"), "{:?}", talks.why);
    assert_ne!(find(&merged, "x1").id, find(&merged, "x2").id);

    assert_eq!(merged.len(), 7);
    let total: usize = merged.iter().map(|m| m.mentions).sum();
    assert_eq!(total, events.len());
}

#[test]
fn an_ambiguous_mention_stays_apart() {
    let events = vec![
        ev(
            "a",
            "d1",
            "PROTEST",
            "141",
            "r",
            (Some("KAZ"), None),
            Some(("KAZ", Some("Almaty"))),
            "2022-01-05",
        ),
        ev(
            "b",
            "d2",
            "PROTEST",
            "141",
            "r",
            (Some("KAZ"), None),
            Some(("KAZ", Some("Aktobe"))),
            "2022-01-05",
        ),
        // Names neither city: it could be either, so it joins none.
        ev(
            "c",
            "d3",
            "PROTEST",
            "141",
            "r",
            (Some("KAZ"), None),
            Some(("KAZ", None)),
            "2022-01-05",
        ),
    ];
    let merged = merge_events(&events);
    assert_eq!(merged.len(), 3);
    assert!(merged.iter().all(|m| m.mentions == 1 && m.why.is_empty()));
}

#[test]
fn long_windows_undated_and_other_countries_are_not_merged() {
    let mut month = ev(
        "m1",
        "d1",
        "ASSAULT",
        "190",
        "r",
        (Some("RUS"), Some("UKR")),
        Some(("UKR", None)),
        "2022-03-01",
    );
    month.date_end = Some("2022-03-31".into());
    let month2 = {
        let mut e = month.clone();
        e.event_id = "m2".into();
        e.doc_id = "d2".into();
        e
    };
    let mut undated = ev(
        "u1",
        "d3",
        "ASSAULT",
        "190",
        "r",
        (Some("RUS"), Some("UKR")),
        Some(("UKR", None)),
        "x",
    );
    undated.date = None;
    let undated2 = {
        let mut e = undated.clone();
        e.event_id = "u2".into();
        e
    };
    let other_country = ev(
        "o1",
        "d4",
        "ASSAULT",
        "190",
        "r",
        (Some("RUS"), Some("UKR")),
        Some(("RUS", None)),
        "2022-03-01",
    );
    let here = ev(
        "h1",
        "d5",
        "ASSAULT",
        "190",
        "r",
        (Some("RUS"), Some("UKR")),
        Some(("UKR", None)),
        "2022-03-01",
    );
    let merged = merge_events(&[month, month2, undated, undated2, other_country, here]);
    assert_eq!(merged.len(), 6, "{merged:#?}");
}

#[test]
fn merge_is_deterministic_and_order_independent() {
    let mut events = Vec::new();
    let mut rng = sitrep_stories::prng::SplitMix64::new(5);
    let codes = ["KAZ", "RUS", "UKR", "USA"];
    let cats = ["PROTEST", "CONSULT", "ASSAULT"];
    for i in 0..400 {
        let s = codes[rng.below(4) as usize];
        let t = codes[rng.below(4) as usize];
        let c = cats[rng.below(3) as usize];
        let day = 1 + rng.below(20);
        events.push(ev(
            &format!("e{i}"),
            &format!("d{}", rng.below(50)),
            c,
            "000",
            "r",
            (Some(s), Some(t)),
            Some((t, None)),
            &format!("2022-01-{day:02}"),
        ));
    }
    let a = merge_events(&events);
    events.reverse();
    let b = merge_events(&events);
    assert_eq!(a, b);
    let total: usize = a.iter().map(|m| m.mentions).sum();
    assert_eq!(total, 400);
    assert!(a.len() < 400);
    // Invariants: members share category and country, their dates lie
    // within 1 + 2 days of each other, and every join has a reason.
    let by_id: HashMap<&str, &sitrep_coder::record::EventRecord> =
        events.iter().map(|e| (e.event_id.as_str(), e)).collect();
    for m in &a {
        assert_eq!(m.why.len(), m.mentions - 1);
        let dates: Vec<&str> = m
            .members
            .iter()
            .map(|id| {
                let e = by_id[id.as_str()];
                assert_eq!(e.category, m.category);
                assert_eq!(e.location.as_ref().map(|l| &l.code), m.location.as_ref());
                e.date.as_deref().unwrap_or("")
            })
            .collect();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        let (lo, hi) = (
            dates.iter().map(|d| day(d)).min().expect("members"),
            dates.iter().map(|d| day(d)).max().expect("members"),
        );
        assert!((hi - lo).num_days() <= 2, "{m:#?}");
    }
}
