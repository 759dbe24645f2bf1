//! The query time limit (`Store::set_query_timeout`): a read over the limit
//! is stopped with `StoreError::QueryTimeout`, the connection stays usable,
//! writes are never limited. SQLite always; PostgreSQL when
//! `SITREP_TEST_PG` is set (own schema, dropped afterwards).

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use sitrep_store::{EventQuery, Store, StoreError};
use sitrep_testkit::corpus::corpus;
use sitrep_testkit::store::ingest_in_batches;
use sitrep_testkit::{postgres_url, Scratch};

/// Events in the test store: enough that a full scan takes well over the
/// 1 ms limit, even in an optimised build.
const DOCS: usize = 4000;
const EVENTS_PER_DOC: usize = 10;

fn fill(store: &Store) {
    let items = corpus(
        "t",
        DOCS,
        EVENTS_PER_DOC,
        NaiveDate::from_ymd_opt(2023, 1, 1).expect("date"),
        365,
        3,
    );
    ingest_in_batches(store, &items, 500).expect("documents stored");
}

/// A query no index serves: an actor substring that matches nothing makes
/// the store scan every event (and count them).
fn slow_query() -> EventQuery {
    EventQuery::from_pairs([("actor", "no-such-actor-anywhere")], &[], 100).expect("query")
}

fn check(store: &Store, label: &str) {
    fill(store);
    let q = slow_query();

    // No limit: the scan finishes.
    store.set_query_timeout(None);
    let t = Instant::now();
    let page = store.events(&q).expect("unlimited query");
    let unlimited = t.elapsed();
    assert_eq!(page.total, 0, "{label}");

    // 1 ms: stopped, and fast.
    store.set_query_timeout(Some(Duration::from_millis(1)));
    assert_eq!(store.query_timeout(), Some(Duration::from_millis(1)));
    let t = Instant::now();
    let r = store.events(&q);
    let stopped = t.elapsed();
    assert!(
        matches!(r, Err(StoreError::QueryTimeout { limit_ms: 1 })),
        "{label}: over the limit ({unlimited:?} unlimited): {r:?}"
    );
    assert!(
        stopped < unlimited + Duration::from_millis(500),
        "{label}: stopped after {stopped:?}"
    );
    let message = r.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("1 ms"), "{message}");

    // Writes are not limited, and the connection still answers.
    let extra = corpus(
        "after",
        3,
        EVENTS_PER_DOC,
        NaiveDate::from_ymd_opt(2024, 1, 1).expect("date"),
        3,
        9,
    );
    for it in &extra {
        store
            .ingest_document(&it.doc, &it.events, &it.places)
            .expect("a write under a 1 ms read limit");
    }
    store.set_query_timeout(Some(Duration::from_secs(60)));
    let page = store.events(&q).expect("generous limit");
    assert_eq!(page.total, 0);
    let doc = store
        .document(&extra[0].doc.id)
        .expect("read after a timeout");
    assert!(doc.is_some(), "{label}");
    eprintln!(
        "{label}: unlimited scan of {} events {unlimited:?}, stopped at 1 ms after {stopped:?}",
        DOCS * EVENTS_PER_DOC
    );
}

#[test]
fn sqlite_reads_over_the_limit_are_stopped() {
    let dir = Scratch::new("timeout");
    let store = Store::open(&dir.db()).expect("open");
    check(&store, "sqlite");
}

#[test]
fn postgres_reads_over_the_limit_are_stopped() {
    let Some(url) = postgres_url("sitrep-store timeout") else {
        return;
    };
    let schema = format!("sitrep_timeout_{}", std::process::id());
    let store = Store::open_postgres(&url, Some(&schema), 2).expect("open postgres");
    check(&store, "postgres");
    drop(store);
    if let Ok(mut c) = postgres::Client::connect(&url, postgres::NoTls) {
        let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
    }
}
