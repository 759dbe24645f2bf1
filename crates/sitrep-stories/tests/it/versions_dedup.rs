//! Article versions and near-duplicate (wire copy) detection on
//! constructed article sets.

use sitrep_coder::Document;
use sitrep_stories::{
    collapse_versions, is_new_version, keep_latest_versions, version_key, DuplicateIndex,
    MinHashParams, VersionRelation,
};

const BODY: &str = "The defense ministers of the member-states of the Collective Security \
Treaty Organization signed a joint statement on the withdrawal of the military contingent \
from Kazakhstan, the secretariat said on Thursday.\n\n\
The process of withdrawing the collective peacekeeping forces from Kazakhstan was launched \
on January 13 and will be completed within ten days, the statement said.\n\n\
President Kassym-Jomart Tokayev had asked the bloc for help after protests over fuel prices \
turned violent in Almaty and other cities, and declared a state of emergency on January 5.\n\n\
The ministers took part in a videoconference meeting chaired by Armenia, which holds the \
rotating presidency of the organisation this year.";

fn article(id: &str, headline: &str, marker: &str, time: &str, body: &str) -> Document {
    let text = format!(
        "{headline}\n\nKazakhstan 13 January 2022 {time} (UTC +04:00)\n\n{marker}BAKU, Azerbaijan, Jan. 13\n\n\n{body}\n"
    );
    Document::from_article(id, text)
}

#[test]
fn an_article_and_its_update_are_one_group() {
    let first = article(
        "csto-1709",
        "Defense Ministers of CSTO member-states decide to withdraw peacekeepers from Kazakhstan",
        "",
        "17:09",
        BODY,
    );
    let update = article(
        "csto-1739",
        "Defense Ministers of CSTO member-states decide to withdraw peacekeepers from Kazakhstan (UPDATE)",
        "Details added (first version posted on 17:09)\n\n",
        "17:39",
        &format!("{BODY}\n\nThe first contingents flew home from Almaty airport on Thursday evening."),
    );
    assert!(update.is_update);
    assert_eq!(version_key(&first), version_key(&update));
    assert_eq!(is_new_version(&first, &update), VersionRelation::NewVersion);

    // Given in either order, one group whose newest version is the update.
    for docs in [
        vec![first.clone(), update.clone()],
        vec![update.clone(), first.clone()],
    ] {
        let groups = collapse_versions(&docs);
        assert_eq!(groups.len(), 1, "{groups:?}");
        let g = &groups[0];
        assert_eq!(g.ids, vec!["csto-1709", "csto-1739"]);
        assert_eq!(docs[g.latest].id, "csto-1739");
        assert_eq!(g.why.len(), 1);
        assert!(g.why[0].contains("headline"), "{}", g.why[0]);

        // Both versions coded: the events are reported once (the update's).
        let events = vec![
            crate::common::ev(
                "e1",
                "csto-1709",
                "RETREAT",
                "0874",
                "r",
                (Some("CSTO"), Some("KAZ")),
                None,
                "2022-01-13",
            ),
            crate::common::ev(
                "e2",
                "csto-1739",
                "RETREAT",
                "0874",
                "r",
                (Some("CSTO"), Some("KAZ")),
                None,
                "2022-01-13",
            ),
            crate::common::ev(
                "e3",
                "other",
                "PROTEST",
                "141",
                "r",
                (Some("KAZ"), None),
                None,
                "2022-01-02",
            ),
        ];
        let kept = keep_latest_versions(&docs, &groups, events);
        let ids: Vec<&str> = kept.iter().map(|e| e.event_id.as_str()).collect();
        assert_eq!(ids, vec!["e2", "e3"]);
    }
}

#[test]
fn a_version_with_a_changed_sentence_and_a_new_headline() {
    let a = article("v1", "Peacekeepers to leave Kazakhstan", "", "17:09", BODY);
    let changed = BODY.replace(
        "will be completed within ten days",
        "should be over before the end of the month",
    );
    let b = article(
        "v2",
        "CSTO starts pulling peacekeepers out of Kazakhstan",
        "",
        "18:30",
        &changed,
    );
    assert_ne!(version_key(&a), version_key(&b));
    assert_eq!(is_new_version(&a, &b), VersionRelation::NewVersion);
    let groups = collapse_versions(&[a.clone(), b.clone()]);
    assert_eq!(groups.len(), 1);
    assert!(
        groups[0].why[0].contains("5-shingles"),
        "{:?}",
        groups[0].why
    );
    assert_eq!(groups[0].ids, vec!["v1", "v2"]);

    // The same document twice is `Same`.
    assert_eq!(is_new_version(&a, &a.clone()), VersionRelation::Same);
}

#[test]
fn different_articles_and_other_sources_are_not_versions() {
    let a = article("k1", "Peacekeepers to leave Kazakhstan", "", "17:09", BODY);
    let other = article(
        "k2",
        "Kazakhstan restores price caps on fuel",
        "",
        "12:00",
        "Kazakhstan's government announced late on Tuesday that it was restoring price caps \
         on liquefied gas in the Mangystau region, after big demonstrations erupted on Sunday \
         in parts of the country over a sharp rise in fuel prices. Ministers resigned.",
    );
    assert_eq!(is_new_version(&a, &other), VersionRelation::Unrelated);
    let mut wire = a.clone();
    wire.id = "k3".into();
    wire.source = Some("Reuters".into());
    assert_eq!(is_new_version(&a, &wire), VersionRelation::Unrelated);
    let groups = collapse_versions(&[a, other, wire]);
    assert_eq!(groups.len(), 3);
}

/// Words of a made-up wire story, deterministic.
fn story(seed: u64, n: usize) -> Vec<String> {
    const VOCAB: &[&str] = &[
        "protesters",
        "police",
        "gathered",
        "square",
        "capital",
        "government",
        "fuel",
        "prices",
        "minister",
        "said",
        "on",
        "the",
        "in",
        "of",
        "and",
        "a",
        "to",
        "demanded",
        "resignation",
        "troops",
        "were",
        "deployed",
        "streets",
        "after",
        "clashes",
        "killed",
        "wounded",
        "officials",
        "told",
        "reporters",
        "Tuesday",
        "Almaty",
        "city",
        "hundreds",
        "thousands",
        "rally",
        "opposition",
        "leaders",
        "called",
        "for",
        "calm",
        "curfew",
    ];
    let mut rng = sitrep_stories::prng::SplitMix64::new(seed);
    (0..n)
        .map(|_| VOCAB[rng.below(VOCAB.len() as u64) as usize].to_string())
        .collect()
}

#[test]
fn wire_copies_are_linked_and_same_topic_articles_are_not() {
    let mut index = DuplicateIndex::new(MinHashParams::default()).expect("params");
    let base = story(1, 300);
    assert!(index.insert("reuters", &base.join(" ")).is_empty());

    // Copy 1: three words changed.
    let mut c1 = base.clone();
    for i in [40, 150, 260] {
        c1[i] = "edited".into();
    }
    // Copy 2: a lead sentence added and the last paragraph cut.
    let mut c2: Vec<String> = "an outlet rewrote the first sentence here"
        .split(' ')
        .map(String::from)
        .collect();
    c2.extend(base[..260].iter().cloned());
    // Copy 3: punctuation and case differences only.
    let c3 = base
        .iter()
        .map(|w| w.to_uppercase())
        .collect::<Vec<_>>()
        .join(", ");

    let r1 = index.insert("copy-1", &c1.join(" "));
    assert_eq!(r1.len(), 1, "{r1:?}");
    assert_eq!(r1[0].0, "reuters");
    assert!(r1[0].1 > 0.9, "{r1:?}");
    let r2 = index.insert("copy-2", &c2.join(" "));
    assert!(
        r2.iter().any(|(id, s)| id == "reuters" && *s > 0.8),
        "{r2:?}"
    );
    let r3 = index.insert("copy-3", &c3);
    assert_eq!(
        r3.first().map(|x| (x.0.as_str(), x.1)),
        Some(("reuters", 1.0))
    );

    // Different stories from the same vocabulary (same topic): no link.
    for seed in 2..40 {
        let other = story(seed, 300).join(" ");
        let r = index.insert(&format!("other-{seed}"), &other);
        assert!(r.is_empty(), "seed {seed}: {r:?}");
    }
    assert_eq!(index.len(), 4 + 38);
    // Empty text matches nothing.
    assert!(index.insert("empty", "").is_empty());
}

#[test]
fn wire_copies_recall_over_many_random_edits() {
    // 200 stories, each with a copy that has 1–6 words edited; every copy
    // must find its original (similarity ≥ 0.6 is guaranteed by the edit
    // count; LSH may only lose it with probability < 1e-4).
    let mut index = DuplicateIndex::new(MinHashParams::default()).expect("params");
    let mut rng = sitrep_stories::prng::SplitMix64::new(99);
    let mut found = 0;
    for s in 0..200u64 {
        let base = story(1000 + s, 250);
        index.insert(&format!("orig-{s}"), &base.join(" "));
        let mut copy = base.clone();
        for _ in 0..(1 + rng.below(6)) {
            let i = rng.below(250) as usize;
            copy[i] = "changed".into();
        }
        let r = index.insert(&format!("copy-{s}"), &copy.join(" "));
        if r.iter().any(|(id, _)| *id == format!("orig-{s}")) {
            found += 1;
        }
        assert!(r.len() <= 1, "{r:?}");
    }
    assert_eq!(found, 200);
}
