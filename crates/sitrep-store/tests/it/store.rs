//! Store tests, run against SQLite always and against PostgreSQL when
//! `SITREP_TEST_PG` holds a connection URL (each test in its own schema,
//! dropped at the end).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::NaiveDate;
use sitrep_store::{EventQuery, IngestOutcome, Sort, Store};
use sitrep_testkit::corpus::{corpus, item, Item};
use sitrep_testkit::store::batch;
use sitrep_testkit::{postgres_url, Scratch};

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique(name: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{name}_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// One backend under test; cleans up when dropped.
enum Target {
    Sqlite(Scratch),
    Postgres { url: String, schema: String },
}

impl Target {
    fn label(&self) -> &'static str {
        match self {
            Target::Sqlite(_) => "sqlite",
            Target::Postgres { .. } => "postgres",
        }
    }
    fn open(&self) -> Store {
        match self {
            Target::Sqlite(dir) => Store::open(&dir.db()).expect("open sqlite"),
            Target::Postgres { url, schema } => {
                Store::open_postgres(url, Some(schema), 2).expect("open postgres")
            }
        }
    }
}

impl Drop for Target {
    fn drop(&mut self) {
        match self {
            // The scratch folder removes itself.
            Target::Sqlite(_) => {}
            Target::Postgres { url, schema } => {
                if let Ok(mut c) = postgres::Client::connect(url, postgres::NoTls) {
                    let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
                }
            }
        }
    }
}

fn targets(name: &str) -> Vec<Target> {
    let mut v = vec![Target::Sqlite(Scratch::new(&format!("store-{name}")))];
    if let Some(url) = postgres_url("sitrep-store") {
        v.push(Target::Postgres {
            url,
            schema: unique(&format!("t_{name}")).to_lowercase(),
        });
    }
    v
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn ingest_all(store: &Store, items: &[Item]) {
    for it in items {
        store
            .ingest_document(&it.doc, &it.events, &it.places)
            .expect("ingest");
    }
}

fn query(pairs: &[(&str, &str)]) -> EventQuery {
    EventQuery::from_pairs(pairs.iter().copied(), &[], 1000).expect("query")
}

#[test]
fn ingest_is_idempotent_and_versioned() {
    for t in targets("versions") {
        let s = t.open();
        let a = item("doc-a", day("2024-01-05"), 3, 1, 0);
        assert_eq!(
            s.ingest_document(&a.doc, &a.events, &a.places)
                .expect("ingest"),
            IngestOutcome::Added
        );
        let c1 = s.counts().expect("counts");
        assert_eq!(
            (c1.documents, c1.versions, c1.events, c1.actors, c1.places),
            (1, 1, 3, 6, 3),
            "{}",
            t.label()
        );
        assert_eq!(
            s.ingest_document(&a.doc, &a.events, &a.places)
                .expect("ingest"),
            IngestOutcome::Unchanged
        );
        assert_eq!(s.counts().expect("counts"), c1, "{}", t.label());

        let b = item("doc-a", day("2024-01-06"), 2, 2, 1);
        assert_eq!(
            s.ingest_document(&b.doc, &b.events, &b.places)
                .expect("ingest"),
            IngestOutcome::NewVersion
        );
        let c2 = s.counts().expect("counts");
        assert_eq!(
            (c2.documents, c2.versions, c2.events, c2.actors, c2.places),
            (1, 2, 2, 4, 2),
            "{}",
            t.label()
        );
        let view = s.document("doc-a").expect("doc").expect("exists");
        assert_eq!(view.summary.version, 2);
        assert_eq!(view.text, b.doc.text);
        assert_eq!(view.versions.len(), 2);
        assert_eq!(view.versions[0].event_count, 3);
        assert_eq!(view.versions[1].event_count, 2);
        assert_eq!(view.events, b.events, "{}: events replaced", t.label());
        assert_eq!(view.places.len(), 2);
        // Old events are gone from queries; the old text stays in history.
        let page = s.events(&query(&[("doc_id", "doc-a")])).expect("events");
        assert_eq!(page.total, 2);
        assert!(page.events.iter().all(|e| e.event_id.contains("-v1-")));
        // Same content again is unchanged; re-opening re-applies nothing.
        assert_eq!(
            s.ingest_document(&b.doc, &b.events, &b.places)
                .expect("ingest"),
            IngestOutcome::Unchanged
        );
        drop(s);
        let s = t.open();
        assert_eq!(s.counts().expect("counts"), c2);
        assert!(s.document("nope").expect("doc").is_none());
    }
}

#[test]
fn events_round_trip_exact_json() {
    for t in targets("roundtrip") {
        let s = t.open();
        let a = item("doc-rt", day("2024-02-01"), 4, 9, 0);
        ingest_all(&s, std::slice::from_ref(&a));
        let page = s
            .events(&query(&[("sort", "date"), ("doc_id", "doc-rt")]))
            .expect("events");
        let mut want = a.events.clone();
        want.sort_by(|x, y| (&x.date, &x.event_id).cmp(&(&y.date, &y.event_id)));
        assert_eq!(page.events, want, "{}", t.label());
        for e in &a.events {
            let d = s.event(&e.event_id).expect("event").expect("exists");
            assert_eq!(&d.event, e);
            let sent: String = d
                .excerpt
                .chars()
                .skip(e.span[0] - d.excerpt_start)
                .take(e.span[1] - e.span[0])
                .collect();
            assert_eq!(sent, e.sentence);
            let kinds: Vec<&str> = d.highlights.iter().map(|h| h.kind).collect();
            assert_eq!(
                kinds,
                ["sentence", "source", "target", "trigger", "date", "location"]
            );
            assert_eq!(d.document.id, "doc-rt");
        }
        assert!(s.event("missing").expect("event").is_none());
    }
}

#[test]
fn a_failed_ingest_leaves_nothing() {
    for t in targets("atomic") {
        let s = t.open();
        let mut a = item("doc-bad", day("2024-01-05"), 3, 1, 0);
        // NaN is NULL to SQLite (NOT NULL fails); NUL is refused by PostgreSQL.
        a.places[2].lat = f64::NAN;
        a.places[2].text = "bad\0text".into();
        assert!(
            s.ingest_document(&a.doc, &a.events, &a.places).is_err(),
            "{}",
            t.label()
        );
        let c = s.counts().expect("counts");
        assert_eq!(
            (c.documents, c.versions, c.events, c.actors, c.places),
            (0, 0, 0, 0, 0),
            "{}",
            t.label()
        );
        // The store still works afterwards.
        let ok = item("doc-ok", day("2024-01-05"), 1, 1, 0);
        assert_eq!(
            s.ingest_document(&ok.doc, &ok.events, &ok.places)
                .expect("ingest"),
            IngestOutcome::Added
        );
    }
}

#[test]
fn filters_match_a_naive_scan() {
    let items = corpus("f", 40, 5, day("2024-01-01"), 30, 7);
    let all: Vec<_> = items.iter().flat_map(|i| i.events.clone()).collect();
    for t in targets("filters") {
        let s = t.open();
        ingest_all(&s, &items);
        let total =
            |pairs: &[(&str, &str)]| s.events(&query(pairs)).expect("events").total as usize;
        assert_eq!(total(&[]), all.len());
        let n = all
            .iter()
            .filter(|e| e.category == "PROTEST" || e.category == "AID")
            .count();
        assert_eq!(
            total(&[("category", "protest,AID")]),
            n,
            "{} category",
            t.label()
        );
        let has = |a: &Option<sitrep_coder::record::ActorRecord>, c: &str| {
            a.as_ref().is_some_and(|a| a.code == c)
        };
        let n = all
            .iter()
            .filter(|e| {
                has(&e.source, "UKR")
                    || has(&e.target, "UKR")
                    || e.location.as_ref().is_some_and(|l| l.code == "UKR")
            })
            .count();
        assert_eq!(total(&[("country", "ukr")]), n, "{} country", t.label());
        let n = all
            .iter()
            .filter(|e| {
                [&e.source, &e.target].iter().any(|a| {
                    a.as_ref().is_some_and(|a| {
                        a.text.to_lowercase().contains("kazakh")
                            || a.code.to_lowercase().contains("kazakh")
                    })
                })
            })
            .count();
        assert!(n > 0);
        assert_eq!(total(&[("actor", "KAZAKH")]), n, "{} actor", t.label());
        let n = all
            .iter()
            .filter(|e| {
                e.date
                    .as_deref()
                    .is_some_and(|d| ("2024-01-10"..="2024-01-20").contains(&d))
            })
            .count();
        assert_eq!(
            total(&[("from", "2024-01-10"), ("to", "2024-01-20")]),
            n,
            "{} dates",
            t.label()
        );
        // bbox around Europe: Kyiv, Moscow, Paris.
        let n = all
            .iter()
            .filter(|e| {
                e.location
                    .as_ref()
                    .is_some_and(|l| matches!(l.code.as_str(), "UKR" | "RUS" | "FRA"))
            })
            .count();
        assert_eq!(total(&[("bbox", "-10,40,45,60")]), n, "{} bbox", t.label());
        let n = all
            .iter()
            .filter(|e| e.sentence.contains("shelled"))
            .count();
        assert!(n > 0);
        assert_eq!(total(&[("q", "shelled")]), n, "{} q", t.label());
        let n = all
            .iter()
            .filter(|e| e.sentence.contains("shelled") && e.sentence.contains("Cairo"))
            .count();
        assert_eq!(
            total(&[("q", "Shelled cairo")]),
            n,
            "{} q two words",
            t.label()
        );
        let n = all
            .iter()
            .filter(|e| {
                e.category == "ASSAULT" && e.location.as_ref().is_some_and(|l| l.code == "RUS")
            })
            .count();
        assert_eq!(
            total(&[
                ("category", "ASSAULT"),
                ("country", "RUS"),
                ("bbox", "30,50,40,60")
            ]),
            n,
            "{} combined",
            t.label()
        );
    }
}

#[test]
fn hostile_values_are_only_data() {
    for t in targets("hostile") {
        let s = t.open();
        ingest_all(&s, &corpus("h", 3, 2, day("2024-01-01"), 3, 3));
        for v in [
            "'; DROP TABLE events; --",
            "\" OR 1=1 --",
            "%",
            "_",
            "\\",
            "a' OR 'a'='a",
            "NEAR(x y)",
            "*",
        ] {
            for k in ["category", "country", "actor", "doc_id"] {
                let page = s.events(&query(&[(k, v)])).expect("no SQL error");
                if k == "actor" && (v == "%" || v == "_" || v == "\\") {
                    assert_eq!(page.total, 0, "wildcards are literal");
                } else {
                    assert_eq!(page.total, 0, "{k}={v}");
                }
                s.stats(&query(&[(k, v)]).filter).expect("stats");
            }
            if let Ok(q) = EventQuery::from_pairs([("q", v)], &[], 100) {
                s.events(&q).expect("fts with hostile text");
            }
        }
        assert_eq!(
            s.counts().expect("counts").events,
            6,
            "{}: table still there",
            t.label()
        );
    }
}

#[test]
fn cursor_pagination_visits_every_event_once() {
    let items = corpus("p", 25, 4, day("2024-03-01"), 5, 11);
    for t in targets("pages") {
        let s = t.open();
        ingest_all(&s, &items);
        for sort in ["-date", "date", "intensity", "-intensity"] {
            let mut seen = Vec::new();
            let mut q = query(&[("sort", sort), ("limit", "7")]);
            loop {
                let page = s.events(&q).expect("page");
                assert_eq!(page.total, 100);
                assert!(page.events.len() <= 7);
                seen.extend(
                    page.events
                        .iter()
                        .map(|e| (e.date.clone(), e.intensity, e.event_id.clone())),
                );
                match page.next {
                    Some(n) => q = query(&[("cursor", n.as_str()), ("limit", "7")]),
                    None => break,
                }
            }
            assert_eq!(seen.len(), 100, "{} {sort}", t.label());
            let mut ids: Vec<_> = seen.iter().map(|x| x.2.clone()).collect();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), 100, "{} {sort}: no duplicates", t.label());
            let sorted = seen.windows(2).all(|w| match sort {
                "-date" => w[0].0 >= w[1].0,
                "date" => w[0].0 <= w[1].0,
                "intensity" => w[0].1 <= w[1].1,
                _ => w[0].1 >= w[1].1,
            });
            assert!(sorted, "{} {sort}: ordered", t.label());
        }
        // offset paging agrees with cursor paging
        let first = s
            .events(&query(&[("sort", "date"), ("limit", "10")]))
            .expect("page");
        let off = s
            .events(&query(&[("sort", "date"), ("limit", "5"), ("offset", "5")]))
            .expect("page");
        assert_eq!(off.events, first.events[5..].to_vec());
        // limit is capped
        let big = s
            .events(&EventQuery::from_pairs([("limit", "100000")], &[], 100_000).expect("q"))
            .expect("page");
        assert_eq!(big.events.len(), 100);
        assert_eq!(Sort::default(), Sort::DateDesc);
    }
}

#[test]
fn stats_count_by_day_category_country() {
    let items = corpus("s", 20, 3, day("2024-01-01"), 4, 5);
    let all: Vec<_> = items.iter().flat_map(|i| i.events.clone()).collect();
    for t in targets("stats") {
        let s = t.open();
        ingest_all(&s, &items);
        let rows = s.stats(&Default::default()).expect("stats");
        assert_eq!(rows.iter().map(|r| r.count).sum::<u64>(), all.len() as u64);
        for r in &rows {
            let n = all
                .iter()
                .filter(|e| {
                    e.date.as_deref() == Some(r.day.as_str())
                        && e.category == r.category
                        && e.location.as_ref().map(|l| l.code.as_str()) == Some(r.country.as_str())
                })
                .count() as u64;
            assert_eq!(n, r.count, "{} {r:?}", t.label());
        }
        let f = query(&[("category", "AID")]).filter;
        let aid = s.stats(&f).expect("stats");
        assert!(aid.iter().all(|r| r.category == "AID"));
        assert_eq!(
            aid.iter().map(|r| r.count).sum::<u64>(),
            all.iter().filter(|e| e.category == "AID").count() as u64
        );
    }
}

#[test]
fn concurrent_ingesters_neither_duplicate_nor_lose() {
    // 60 documents; ingester k takes documents [10k, 10k+30): every document
    // but the first and last ten is ingested by two to three ingesters at once.
    let items = Arc::new(corpus("c", 60, 3, day("2024-01-01"), 10, 21));
    for t in targets("concurrent") {
        let t = Arc::new(t);
        let mut handles = Vec::new();
        for k in 0..4usize {
            let items = Arc::clone(&items);
            let t = Arc::clone(&t);
            handles.push(std::thread::spawn(move || {
                let s = t.open();
                let mut added = 0;
                for it in items.iter().skip(10 * k).take(30) {
                    if s.ingest_document(&it.doc, &it.events, &it.places)
                        .expect("ingest")
                        == IngestOutcome::Added
                    {
                        added += 1;
                    }
                }
                added
            }));
        }
        let added: usize = handles.into_iter().map(|h| h.join().expect("thread")).sum();
        let s = t.open();
        let c = s.counts().expect("counts");
        assert_eq!(added, 60, "{}: each document added exactly once", t.label());
        assert_eq!(
            (c.documents, c.versions, c.events, c.actors, c.places),
            (60, 60, 180, 360, 180),
            "{}",
            t.label()
        );
    }
}

#[test]
fn concurrent_new_versions_keep_history_consistent() {
    // Four ingesters push the same three versions of one document.
    let versions: Arc<Vec<Item>> = Arc::new(
        (0..3)
            .map(|v| item("cv", day("2024-01-01"), 2, v as u64, v))
            .collect(),
    );
    for t in targets("concurrent_versions") {
        let t = Arc::new(t);
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let t = Arc::clone(&t);
                let versions = Arc::clone(&versions);
                std::thread::spawn(move || {
                    let s = t.open();
                    for it in versions.iter() {
                        s.ingest_document(&it.doc, &it.events, &it.places)
                            .expect("ingest");
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().expect("thread");
        }
        let s = t.open();
        let view = s.document("cv").expect("doc").expect("exists");
        let n = view.versions.len() as i64;
        assert_eq!(view.summary.version, n, "{}", t.label());
        assert!(n >= 3);
        let cur = view.versions.last().expect("current");
        assert_eq!(cur.content_hash, view.content_hash);
        assert_eq!(
            view.events.len(),
            2,
            "{}: only the current version's events",
            t.label()
        );
        assert_eq!(s.counts().expect("counts").events, 2);
    }
}

#[test]
fn bad_urls_are_errors() {
    assert!(Store::open_postgres("postgres://x@127.0.0.1:1/none", Some("Bad-Name"), 1).is_err());
    assert!(Store::open("postgres://%%%").is_err());
    assert!(Store::open("/nonexistent-dir/sub/x.db").is_err());
}

#[test]
fn batches_roll_back_only_the_failing_document() {
    for t in targets("batch") {
        let s = t.open();
        let mut items = corpus("b", 5, 2, day("2024-01-01"), 5, 1);
        items[2].places[0].lat = f64::NAN;
        items[2].places[0].text = "bad\0".into();
        let res = s.ingest_batch(&batch(&items)).expect("batch");
        assert_eq!(res.len(), 5);
        for (i, r) in res.iter().enumerate() {
            if i == 2 {
                assert!(r.is_err(), "{}", t.label());
            } else {
                assert_eq!(
                    r.as_ref().ok(),
                    Some(&IngestOutcome::Added),
                    "{} {i}",
                    t.label()
                );
            }
        }
        let c = s.counts().expect("counts");
        assert_eq!(
            (c.documents, c.versions, c.events, c.places),
            (4, 4, 8, 8),
            "{}",
            t.label()
        );
        assert!(s.document("b2").expect("doc").is_none());
        // again: all unchanged but the fixed one, which is added
        items[2] = item("b2", day("2024-01-03"), 2, 3, 0);
        let res = s.ingest_batch(&batch(&items)).expect("batch");
        let outcomes: Vec<_> = res.into_iter().map(|r| r.expect("ok")).collect();
        assert_eq!(
            outcomes
                .iter()
                .filter(|o| **o == IngestOutcome::Unchanged)
                .count(),
            4
        );
        assert_eq!(outcomes[2], IngestOutcome::Added);
    }
}

#[test]
fn concurrent_batches_neither_duplicate_nor_lose() {
    // Four ingesters, overlapping batches of 10, in different orders.
    let items = Arc::new(corpus("cb", 60, 3, day("2024-01-01"), 10, 5));
    for t in targets("concurrent_batches") {
        let t = Arc::new(t);
        let handles: Vec<_> = (0..4usize)
            .map(|k| {
                let items = Arc::clone(&items);
                let t = Arc::clone(&t);
                std::thread::spawn(move || {
                    let s = t.open();
                    let mut mine: Vec<Item> = items.iter().skip(10 * k).take(30).cloned().collect();
                    if k % 2 == 1 {
                        mine.reverse();
                    }
                    let mut added = 0;
                    for chunk in mine.chunks(10) {
                        for r in s.ingest_batch(&batch(chunk)).expect("batch") {
                            if r.expect("ingest") == IngestOutcome::Added {
                                added += 1;
                            }
                        }
                    }
                    added
                })
            })
            .collect();
        let added: usize = handles.into_iter().map(|h| h.join().expect("thread")).sum();
        let c = t.open().counts().expect("counts");
        assert_eq!(added, 60, "{}", t.label());
        assert_eq!(
            (c.documents, c.versions, c.events, c.places),
            (60, 60, 180, 180),
            "{}",
            t.label()
        );
    }
}

#[test]
fn duplicate_event_ids_are_stored_once() {
    for t in targets("dupes") {
        let s = t.open();
        let mut a = item("dup", day("2024-01-05"), 3, 1, 0);
        a.events[1].event_id = a.events[0].event_id.clone();
        // an event claiming another document is stored under this one
        a.events[2].doc_id = "elsewhere".into();
        s.ingest_document(&a.doc, &a.events, &a.places)
            .expect("ingest");
        let c = s.counts().expect("counts");
        assert_eq!((c.events, c.actors), (2, 4), "{}", t.label());
        let page = s.events(&query(&[("doc_id", "dup")])).expect("events");
        assert_eq!(page.total, 2);
        assert!(page.events.iter().all(|e| e.doc_id == "dup"));
    }
}

// ------------------------------------------------ versions and duplicates

const CSTO_BODY: &str = "The defense ministers of the member-states of the Collective Security \
Treaty Organization signed a joint statement on the withdrawal of the military contingent \
from Kazakhstan, the secretariat said on Thursday.\n\n\
The process of withdrawing the collective peacekeeping forces from Kazakhstan was launched \
on January 13 and will be completed within ten days, the statement said.\n\n\
President Kassym-Jomart Tokayev had asked the bloc for help after protests over fuel prices \
turned violent in Almaty and other cities, and declared a state of emergency on January 5.";

/// An article laid out like the seed article: headline, date line,
/// optional marker line, dateline, body.
fn article(
    id: &str,
    headline: &str,
    marker: &str,
    time: &str,
    body: &str,
) -> sitrep_coder::Document {
    let text = format!(
        "{headline}\n\nKazakhstan 13 January 2022 {time} (UTC +04:00)\n\n{marker}BAKU, Azerbaijan, Jan. 13\n\n\n{body}\n"
    );
    let mut doc = sitrep_coder::Document::from_article(id, text);
    doc.source = Some("Trend".into());
    doc
}

/// `n` synthetic events of document `id`, with ids tagged `tag`.
fn events_of(id: &str, tag: &str, n: usize) -> Vec<sitrep_coder::record::EventRecord> {
    item(id, day("2022-01-13"), n, 77, 0)
        .events
        .into_iter()
        .enumerate()
        .map(|(i, mut e)| {
            e.doc_id = id.to_owned();
            e.event_id = format!("{tag}-e{i}");
            e
        })
        .collect()
}

fn csto_pair() -> (sitrep_coder::Document, sitrep_coder::Document) {
    let first = article(
        "csto-1709",
        "Defense Ministers of CSTO member-states decide to withdraw peacekeepers from Kazakhstan",
        "",
        "17:09",
        CSTO_BODY,
    );
    let update = article(
        "csto-1739",
        "Defense Ministers of CSTO member-states decide to withdraw peacekeepers from Kazakhstan (UPDATE)",
        "Details added (first version posted on 17:09)\n\n",
        "17:39",
        &format!("{CSTO_BODY}\n\nThe first contingents flew home from Almaty airport on Thursday evening."),
    );
    (first, update)
}

#[test]
fn an_update_under_another_id_is_a_new_version() {
    let (first, update) = csto_pair();
    let first_events = events_of(&first.id, "first", 2);
    let update_events = events_of(&update.id, "update", 3);
    for t in targets("update_id") {
        let s = t.open();
        let r1 = s.ingest_report(&first, &first_events, &[]).expect("ingest");
        assert_eq!(r1.outcome, IngestOutcome::Added, "{}", t.label());
        let r2 = s
            .ingest_report(&update, &update_events, &[])
            .expect("ingest");
        assert_eq!(r2.outcome, IngestOutcome::NewVersion, "{}", t.label());
        assert_eq!(r2.doc_id, "csto-1709");
        let why = r2.why.expect("why");
        assert!(why.contains("headline"), "{why}");
        let c = s.counts().expect("counts");
        assert_eq!(
            (c.documents, c.versions, c.events),
            (1, 2, 3),
            "{}",
            t.label()
        );
        let view = s.document("csto-1709").expect("doc").expect("exists");
        assert_eq!(view.versions.len(), 2);
        assert_eq!(view.versions[0].arrived_as, "csto-1709");
        assert_eq!(view.versions[1].arrived_as, "csto-1739");
        assert!(view.versions[1].current && !view.versions[0].current);
        assert_eq!(view.text, update.text);
        assert!(view
            .events
            .iter()
            .all(|e| e.event_id.starts_with("update-")));
        assert!(view.events.iter().all(|e| e.doc_id == "csto-1709"));
        // Both again: nothing changes.
        for (d, e) in [(&first, &first_events), (&update, &update_events)] {
            assert_eq!(
                s.ingest_document(d, e, &[]).expect("ingest"),
                IngestOutcome::Unchanged,
                "{}: {}",
                t.label(),
                d.id
            );
        }
        assert_eq!(s.counts().expect("counts"), c);
    }
}

#[test]
fn an_older_version_arriving_late_does_not_replace_the_newer() {
    let (first, update) = csto_pair();
    let first_events = events_of(&first.id, "first", 2);
    let update_events = events_of(&update.id, "update", 3);
    for t in targets("older_late") {
        let s = t.open();
        s.ingest_document(&update, &update_events, &[])
            .expect("ingest");
        let r = s.ingest_report(&first, &first_events, &[]).expect("ingest");
        assert_eq!(r.outcome, IngestOutcome::OlderVersion, "{}", t.label());
        assert_eq!(r.doc_id, "csto-1739");
        let c = s.counts().expect("counts");
        assert_eq!(
            (c.documents, c.versions, c.events),
            (1, 2, 3),
            "{}",
            t.label()
        );
        let view = s.document("csto-1739").expect("doc").expect("exists");
        assert_eq!(view.text, update.text, "the newer text stays current");
        assert_eq!(view.summary.version, 1);
        assert!(view.versions[0].current && !view.versions[1].current);
        assert_eq!(view.versions[1].arrived_as, "csto-1709");
        assert!(view
            .events
            .iter()
            .all(|e| e.event_id.starts_with("update-")));
    }
}

#[test]
fn an_article_and_its_update_in_one_batch_are_one_document() {
    let (first, update) = csto_pair();
    let first_events = events_of(&first.id, "first", 2);
    let update_events = events_of(&update.id, "update", 3);
    let a = sitrep_store::IngestItem {
        doc: &first,
        events: &first_events,
        places: &[],
    };
    let b = sitrep_store::IngestItem {
        doc: &update,
        events: &update_events,
        places: &[],
    };
    for items in [[a, b], [b, a]] {
        for t in targets("update_batch") {
            let s = t.open();
            let out = s.ingest_batch(&items).expect("batch");
            assert!(out.iter().all(|r| r.is_ok()), "{out:?}");
            let c = s.counts().expect("counts");
            assert_eq!(
                (c.documents, c.versions, c.events),
                (1, 2, 3),
                "{}",
                t.label()
            );
            // The batch stores in id order: csto-1709 first.
            let view = s.document("csto-1709").expect("doc").expect("exists");
            assert_eq!(view.text, update.text);
        }
    }
}

#[test]
fn mostly_the_same_text_from_the_same_source_is_a_version() {
    let (first, _) = csto_pair();
    let edited = article(
        "trend-88",
        "CSTO peacekeepers to leave Kazakhstan within ten days",
        "",
        "18:30",
        &format!("{CSTO_BODY}\n\nArmenia chairs the organisation this year."),
    );
    for t in targets("same_text") {
        let s = t.open();
        s.ingest_document(&first, &events_of(&first.id, "a", 1), &[])
            .expect("ingest");
        let r = s
            .ingest_report(&edited, &events_of(&edited.id, "b", 1), &[])
            .expect("ingest");
        assert_eq!(r.outcome, IngestOutcome::NewVersion, "{}", t.label());
        assert_eq!(r.doc_id, first.id);
        assert!(
            r.why.as_deref().is_some_and(|w| w.contains("shingles")),
            "{r:?}"
        );
        assert_eq!(s.counts().expect("counts").documents, 1);
    }
}

#[test]
fn wire_copies_in_other_outlets_are_linked_as_duplicates() {
    let (first, _) = csto_pair();
    let mut copy = article(
        "tass-1",
        "CSTO troops to pull out of Kazakhstan",
        "",
        "17:20",
        &CSTO_BODY.replace("said on Thursday", "said on Thursday in Moscow"),
    );
    copy.source = Some("TASS".into());
    let mut other = article(
        "tass-2",
        "Talks on fuel prices resume in Almaty",
        "",
        "19:00",
        "Government officials and protest leaders met in Almaty on Friday to discuss the price \
         of liquefied gas, which doubled at the start of the year and set off the unrest. \
         Both sides said the talks would continue next week after a pause for consultations \
         with regional governors and the national energy company.",
    );
    other.source = Some("TASS".into());
    for t in targets("duplicates") {
        let s = t.open();
        for d in [&first, &copy, &other] {
            s.ingest_document(d, &events_of(&d.id, &d.id, 1), &[])
                .expect("ingest");
        }
        assert_eq!(s.counts().expect("counts").documents, 3, "{}", t.label());
        let a = s.document("csto-1709").expect("doc").expect("exists");
        assert_eq!(a.duplicates.len(), 1, "{}: {:?}", t.label(), a.duplicates);
        assert_eq!(a.duplicates[0].id, "tass-1");
        assert!(a.duplicates[0].similarity >= 0.6);
        assert_eq!(a.duplicates[0].source.as_deref(), Some("TASS"));
        let b = s.document("tass-1").expect("doc").expect("exists");
        assert_eq!(b.duplicates.len(), 1);
        assert_eq!(b.duplicates[0].id, "csto-1709");
        assert!(b.duplicates[0].reason.contains("shingles"));
        let c = s.document("tass-2").expect("doc").expect("exists");
        assert!(c.duplicates.is_empty(), "{:?}", c.duplicates);
    }
}

#[test]
fn concurrent_ingesters_of_an_article_and_its_update_store_one_document() {
    let (first, update) = csto_pair();
    let docs = Arc::new([
        (first.clone(), events_of(&first.id, "first", 2)),
        (update.clone(), events_of(&update.id, "update", 3)),
    ]);
    for t in targets("concurrent_update") {
        let t = Arc::new(t);
        let handles: Vec<_> = (0..4usize)
            .map(|k| {
                let (t, docs) = (Arc::clone(&t), Arc::clone(&docs));
                std::thread::spawn(move || {
                    let s = t.open();
                    for i in [k % 2, 1 - k % 2] {
                        let (d, e) = &docs[i];
                        s.ingest_document(d, e, &[]).expect("ingest");
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().expect("thread");
        }
        let s = t.open();
        let c = s.counts().expect("counts");
        assert_eq!(
            (c.documents, c.versions, c.events),
            (1, 2, 3),
            "{}: one document, both versions, the update's events",
            t.label()
        );
        let id = if s.document("csto-1709").expect("doc").is_some() {
            "csto-1709"
        } else {
            "csto-1739"
        };
        let view = s.document(id).expect("doc").expect("exists");
        assert_eq!(view.text, update.text, "{}", t.label());
    }
}

#[test]
fn documents_stored_before_version_keys_are_backfilled() {
    let (first, update) = csto_pair();
    for t in targets("backfill") {
        let s = t.open();
        s.ingest_document(&first, &events_of(&first.id, "first", 2), &[])
            .expect("ingest");
        // As a store migrated from schema 4 has it: no key, no bands.
        let forget = "UPDATE documents SET version_key = NULL; DELETE FROM document_bands;";
        match &t {
            Target::Sqlite(dir) => rusqlite::Connection::open(dir.join("t.db"))
                .expect("open")
                .execute_batch(forget)
                .expect("forget"),
            Target::Postgres { url, schema } => {
                let mut c = postgres::Client::connect(url, postgres::NoTls).expect("connect");
                c.batch_execute(&format!("SET search_path TO {schema}; {forget}"))
                    .expect("forget");
            }
        }
        assert_eq!(s.backfill_version_keys().expect("backfill"), 1);
        let r = s
            .ingest_report(&update, &events_of(&update.id, "update", 3), &[])
            .expect("ingest");
        assert_eq!(r.outcome, IngestOutcome::NewVersion, "{}", t.label());
        assert_eq!(r.doc_id, first.id);
        assert_eq!(s.counts().expect("counts").documents, 1);
    }
}

#[test]
fn a_schema_4_sqlite_file_is_migrated_and_backfilled() {
    let (first, update) = csto_pair();
    let dir = Scratch::new("store-schema4");
    let path = dir.join("old.db");
    {
        let c = rusqlite::Connection::open(&path).expect("open");
        c.execute_batch(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
        )
        .expect("table");
        for (v, sql) in [
            (1, include_str!("../../migrations/sqlite/0001_init.sql")),
            (
                2,
                include_str!("../../migrations/sqlite/0002_event_countries.sql"),
            ),
            (
                3,
                include_str!("../../migrations/sqlite/0003_stats_index.sql"),
            ),
            (
                4,
                include_str!("../../migrations/sqlite/0004_drop_unused_indexes.sql"),
            ),
        ] {
            c.execute_batch(sql).expect("migration");
            c.execute("INSERT INTO schema_migrations VALUES (?1, 'then')", [v])
                .expect("record");
        }
        let hash = sitrep_store::content_hash(&first);
        c.execute(
            "INSERT INTO documents (id, version, title, source, url, published, text, content_hash, ingested_at) \
             VALUES (?1, 1, ?2, ?3, NULL, '2022-01-13T17:09:00+04:00', ?4, ?5, 'then')",
            rusqlite::params![first.id, first.title, first.source, first.text, hash],
        )
        .expect("document");
        c.execute(
            "INSERT INTO document_versions (doc_id, version, title, source, url, published, text, content_hash, ingested_at, event_count) \
             VALUES (?1, 1, ?2, ?3, NULL, '2022-01-13T17:09:00+04:00', ?4, ?5, 'then', 0)",
            rusqlite::params![first.id, first.title, first.source, first.text, hash],
        )
        .expect("version");
    }
    let s = Store::open(&path.to_string_lossy()).expect("migrate");
    let r = s
        .ingest_report(&update, &events_of(&update.id, "update", 3), &[])
        .expect("ingest");
    assert_eq!(r.outcome, IngestOutcome::NewVersion);
    assert_eq!(r.doc_id, first.id);
    let view = s.document(&first.id).expect("doc").expect("exists");
    assert_eq!(view.versions.len(), 2);
    assert_eq!(
        view.versions[0].arrived_as, first.id,
        "old rows: their own id"
    );
    drop(s);
}

#[test]
fn generation_changes_exactly_when_something_is_stored() {
    for t in targets("generation") {
        let s = t.open();
        let g0 = s.generation().expect("generation");
        assert_eq!((g0.versions, g0.last_event_row), (0, 0), "{}", t.label());
        let a = item("gen-a", day("2024-01-05"), 3, 1, 0);
        s.ingest_document(&a.doc, &a.events, &a.places)
            .expect("ingest");
        let g1 = s.generation().expect("generation");
        assert_ne!(g1, g0, "{}: a new document", t.label());
        s.ingest_document(&a.doc, &a.events, &a.places)
            .expect("ingest");
        assert_eq!(
            s.generation().expect("generation"),
            g1,
            "{}: unchanged",
            t.label()
        );
        // A new version without events removes events and adds none.
        let b = item("gen-a", day("2024-01-06"), 0, 2, 1);
        s.ingest_document(&b.doc, &b.events, &b.places)
            .expect("ingest");
        let g2 = s.generation().expect("generation");
        assert_ne!(g2, g1, "{}: a new version", t.label());
        assert_eq!(s.counts().expect("counts").events, 0);
        // Paging through everything (no per-page totals) still sees all.
        let many = corpus("gen-m", 30, 40, day("2024-02-01"), 10, 5);
        ingest_all(&s, &many);
        let mut seen = 0usize;
        s.for_each_event(&Default::default(), Default::default(), |_| {
            seen += 1;
            Ok::<(), sitrep_store::StoreError>(())
        })
        .expect("scan");
        assert_eq!(seen, 1200, "{}", t.label());
        assert_ne!(s.generation().expect("generation"), g2);
    }
}

#[test]
fn publication_days_are_the_current_versions() {
    let (first, update) = csto_pair();
    let mut undated = item("undated", day("2024-05-02"), 1, 5, 0);
    undated.doc.published = None;
    for t in targets("publication_days") {
        let s = t.open();
        ingest_all(
            &s,
            &[item("a", day("2024-05-01"), 2, 3, 0), undated.clone()],
        );
        s.ingest_document(&first, &events_of(&first.id, "f", 1), &[])
            .expect("ingest");
        s.ingest_document(&update, &events_of(&update.id, "u", 1), &[])
            .expect("ingest");
        let days = s.publication_days().expect("publication days");
        assert_eq!(days.get("a"), Some(&day("2024-05-01")), "{}", t.label());
        assert_eq!(days.get("undated"), None, "{}", t.label());
        // The update is stored under the article's id; the arrival id is
        // no document of its own.
        assert_eq!(days.get("csto-1709"), Some(&day("2022-01-13")));
        assert_eq!(days.len(), 2, "{}", t.label());
        // More ids than one query takes, unknown ones among them.
        let mut ids: Vec<String> = (0..1200).map(|i| format!("nothing-{i}")).collect();
        ids.insert(700, "csto-1709".to_owned());
        ids.push("a".to_owned());
        ids.push("undated".to_owned());
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let some = s.publication_days_of(&refs).expect("publication days of");
        assert_eq!(
            some.into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
            days.into_iter().collect(),
            "{}",
            t.label()
        );
    }
}
