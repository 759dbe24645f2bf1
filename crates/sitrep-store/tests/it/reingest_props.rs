//! Property: re-ingesting what a store already holds changes nothing, and
//! how documents are split into batches does not change what is stored.
//!
//! Documents come from `sitrep_testkit::corpus` with ids drawn from a small
//! pool, so the same id arrives several times (with other events, or as an
//! "(update N)" version, in any order). SQLite only: each case opens fresh
//! files, and the PostgreSQL store shares this code path.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use sitrep_store::{EventFilter, Sort, Store, StoreError};
use sitrep_testkit::corpus::{item, Item};
use sitrep_testkit::store::ingest_in_batches as ingest;
use sitrep_testkit::Scratch;

/// What a store holds, without ingest timestamps.
#[derive(Debug, PartialEq)]
struct Snapshot {
    counts: String,
    events: Vec<String>,
    versions: Vec<String>,
}

fn snapshot(store: &Store, ids: &[String]) -> Result<Snapshot, StoreError> {
    let mut events = Vec::new();
    store.for_each_event(
        &EventFilter::default(),
        Sort::default(),
        |e| -> Result<(), StoreError> {
            events.push(serde_json::to_string(e)?);
            Ok(())
        },
    )?;
    events.sort();
    let mut versions = Vec::new();
    for id in ids {
        if let Some(d) = store.document(id)? {
            let mut v = serde_json::to_value(&d.versions)?;
            if let Some(list) = v.as_array_mut() {
                for x in list {
                    if let Some(o) = x.as_object_mut() {
                        o.remove("ingested_at");
                    }
                }
            }
            versions.push(format!("{id}: {v}"));
        }
    }
    let c = store.counts()?;
    Ok(Snapshot {
        counts: format!(
            "{} documents, {} versions, {} events, {} actors, {} places",
            c.documents, c.versions, c.events, c.actors, c.places
        ),
        events,
        versions,
    })
}

/// (id from a pool of 5, events, day offset, seed, update number)
fn documents() -> impl Strategy<Value = Vec<(u8, usize, u64, u64, u32)>> {
    prop::collection::vec((0u8..5, 0usize..5, 0u64..30, 0u64..1000, 0u32..3), 1..10)
}

fn build(spec: &[(u8, usize, u64, u64, u32)]) -> Vec<Item> {
    let start = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default();
    spec.iter()
        .map(|&(id, n, day, seed, variant)| {
            let published = start.checked_add_days(Days::new(day)).unwrap_or(start);
            item(&format!("doc-{id}"), published, n, seed, variant)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn reingest_changes_nothing_and_batches_do_not_matter(
        spec in documents(),
        batch_a in 1usize..6,
        batch_b in 1usize..6,
    ) {
        let s = Scratch::new("reingest");
        let items = build(&spec);
        let ids: Vec<String> = (0..5).map(|i| format!("doc-{i}")).collect();

        let a = Store::open_sqlite(&s.join("a.db")).map_err(|e| TestCaseError::fail(e.to_string()))?;
        ingest(&a, &items, batch_a).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let first = snapshot(&a, &ids).map_err(|e| TestCaseError::fail(e.to_string()))?;
        ingest(&a, &items, batch_b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let again = snapshot(&a, &ids).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&first, &again, "re-ingesting the same documents changed the store");

        let b = Store::open_sqlite(&s.join("b.db")).map_err(|e| TestCaseError::fail(e.to_string()))?;
        ingest(&b, &items, batch_b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let other = snapshot(&b, &ids).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&first, &other, "another batch split stored something else");
    }
}
