//! `GET /api/alerts` over real HTTP on 127.0.0.1: the alerts equal
//! `compute_alerts` over the stored events, every filter, bad parameters,
//! and the cache (a hit while the store is unchanged, recomputed after an
//! ingest).

mod common;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use chrono::NaiveDate;
use common::Scratch;
use serde_json::Value;
use sitrep_server::ServerConfig;
use sitrep_store::synthetic::{corpus, crisis_item};
use sitrep_store::Store;

struct Server {
    addr: SocketAddr,
    store: Arc<Store>,
    _dir: Scratch,
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// A store of 40 days of random events plus a crisis in Kazakhstan on
/// 2024-01-31, served on an ephemeral loopback port.
fn start() -> Server {
    let dir = Scratch::new("sitrep-alerts-test");
    let store = Arc::new(Store::open(&dir.db()).expect("store"));
    for it in corpus("d", 40, 4, day("2024-01-01"), 40, 42) {
        store
            .ingest_document(&it.doc, &it.events, &it.places)
            .expect("ingest");
    }
    let it = crisis_item("crisis", day("2024-01-31"), 6);
    store
        .ingest_document(&it.doc, &it.events, &it.places)
        .expect("ingest");
    let addr = common::serve(ServerConfig::new(Arc::clone(&store)));
    Server {
        addr,
        store,
        _dir: dir,
    }
}

/// A response whose body is JSON.
struct Resp {
    status: u16,
    headers: HashMap<String, String>,
    body: Value,
}

fn get(s: &Server, path: &str) -> Resp {
    let r = common::request(s.addr, "GET", path, &[], b"");
    Resp {
        status: r.status,
        body: r.json(),
        headers: r.headers,
    }
}

fn alerts_of(r: &Resp) -> &Vec<Value> {
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["alerts"].as_array().expect("alerts array")
}

/// What `sitrep alerts --db` prints, as JSON values, oldest first:
/// computed over the full records (the server reads them without text).
fn expected(s: &Server) -> Vec<Value> {
    let mut events = Vec::new();
    s.store
        .for_each_event(&Default::default(), sitrep_store::Sort::DateAsc, |e| {
            events.push(e.clone());
            Ok::<(), sitrep_store::StoreError>(())
        })
        .expect("events");
    sitrep_stories::compute_alerts(&events, None, &Default::default())
        .iter()
        .map(|a| serde_json::to_value(a).expect("json"))
        .collect()
}

#[test]
fn alerts_are_the_jsonl_alerts_newest_first_with_a_surge_and_a_first_of_kind() {
    let s = start();
    let r = get(&s, "/api/alerts?limit=5000");
    let got = alerts_of(&r);
    let mut want = expected(&s);
    want.reverse();
    assert_eq!(got, &want);
    assert_eq!(r.body["total"], want.len());
    let kaz = |kind: &str| {
        got.iter().any(|a| {
            a["kind"] == kind
                && a["country"] == "KAZ"
                && a["date"] == "2024-01-31"
                && a["events"].as_array().is_some_and(|e| !e.is_empty())
                && a["reason"].as_str().is_some_and(|t| t.len() > 20)
        })
    };
    assert!(kaz("first-of-kind"), "state of emergency alert: {got:?}");
    assert!(kaz("surge"), "protest surge alert: {got:?}");
    for a in got {
        for field in [
            "id", "kind", "country", "category", "date", "score", "reason", "events",
        ] {
            assert!(a.get(field).is_some(), "{field} in {a}");
        }
    }
}

#[test]
fn every_filter_and_the_limit() {
    let s = start();
    let all = expected(&s);
    let count = |f: &dyn Fn(&Value) -> bool| all.iter().filter(|a| f(a)).count();
    let cases: Vec<(&str, usize)> = vec![
        ("country=kaz", count(&|a| a["country"] == "KAZ")),
        ("kind=surge", count(&|a| a["kind"] == "surge")),
        (
            "kind=surge,first-of-kind",
            count(&|a| a["kind"] == "surge" || a["kind"] == "first-of-kind"),
        ),
        ("category=protest", count(&|a| a["category"] == "PROTEST")),
        (
            "since=2024-01-31",
            count(&|a| a["date"].as_str().is_some_and(|d| d >= "2024-01-31")),
        ),
        (
            "since=2024-01-20&country=KAZ&kind=first-of-kind&category=COERCE",
            count(&|a| {
                a["date"].as_str().is_some_and(|d| d >= "2024-01-20")
                    && a["country"] == "KAZ"
                    && a["kind"] == "first-of-kind"
                    && a["category"] == "COERCE"
            }),
        ),
        ("country=ATA", 0),
    ];
    for (q, n) in cases {
        let r = get(&s, &format!("/api/alerts?{q}&limit=5000"));
        assert_eq!(alerts_of(&r).len(), n, "{q}");
        assert_eq!(r.body["total"], n, "{q}");
    }
    assert!(
        count(&|a| a["country"] == "KAZ") >= 2,
        "the crisis raises alerts"
    );
    let r = get(&s, "/api/alerts?limit=1");
    assert_eq!(alerts_of(&r).len(), 1);
    assert_eq!(r.body["total"], all.len());
    // `since` gives what `sitrep alerts --since` gives.
    let events =
        sitrep_query::alerts::all_events(&s.store, &sitrep_stories::AlertParams::default())
            .expect("events");
    let since =
        sitrep_stories::compute_alerts(&events, Some(day("2024-01-25")), &Default::default());
    let r = get(&s, "/api/alerts?since=2024-01-25&limit=5000");
    assert_eq!(alerts_of(&r).len(), since.len());
}

#[test]
fn bad_parameters_are_400_json() {
    let s = start();
    for q in [
        "since=2024-13-01",
        "since=yesterday",
        "kind=spike",
        "limit=0",
        "limit=-3",
        "limit=100000",
        "category=PRO%3BTEST",
        "country=%27%3B--",
        "from=2024-01-01",
        "sort=-date",
    ] {
        let r = get(&s, &format!("/api/alerts?{q}"));
        assert_eq!(r.status, 400, "{q}: {}", r.body);
        assert!(r
            .headers
            .get("content-type")
            .is_some_and(|c| c.starts_with("application/json")));
        assert_eq!(r.body["status"], 400);
        let name = q.split('=').next().unwrap_or_default();
        assert!(
            r.body["message"]
                .as_str()
                .is_some_and(|m| m.contains(&format!("`{name}`"))),
            "{q}: {}",
            r.body
        );
    }
}

/// The `generation` an alerts answer was computed at.
fn generation_of(r: &Resp) -> serde_json::Value {
    r.body["generation"].clone()
}

/// Asks for alerts until their generation differs from `before` (the
/// background task recomputes within a second of a store change).
fn alerts_after_change(s: &Server, path: &str, before: &serde_json::Value) -> Resp {
    for _ in 0..100 {
        let r = get(s, path);
        if generation_of(&r) != *before {
            return r;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("alerts were not recomputed within 10 s of a store change");
}

#[test]
fn recomputed_in_the_background_when_the_store_changes() {
    let s = start();
    let first = get(&s, "/api/alerts?country=EGY&limit=5000");
    assert!(matches!(
        first
            .headers
            .get("x-sitrep-alerts-cache")
            .map(String::as_str),
        Some("miss" | "hit")
    ));
    let g0 = generation_of(&first);
    assert!(g0.is_object(), "{}", first.body);
    let again = get(&s, "/api/alerts?country=EGY&limit=5000");
    assert_eq!(
        again
            .headers
            .get("x-sitrep-alerts-cache")
            .map(String::as_str),
        Some("hit")
    );
    assert_eq!(first.body["alerts"], again.body["alerts"]);
    // A crisis in Egypt (written directly into the store, as another
    // process would) is seen without any request computing it.
    let mut it = crisis_item("egypt", day("2024-02-05"), 6);
    for e in &mut it.events {
        for code in [
            e.source.as_mut().map(|a| &mut a.code),
            e.target.as_mut().map(|a| &mut a.code),
            e.location.as_mut().map(|l| &mut l.code),
        ]
        .into_iter()
        .flatten()
        {
            *code = "EGY".to_owned();
        }
    }
    s.store
        .ingest_document(&it.doc, &it.events, &it.places)
        .expect("ingest");
    let after = alerts_after_change(&s, "/api/alerts?country=EGY&limit=5000", &g0);
    let n = |r: &Resp| alerts_of(r).len();
    assert!(n(&after) > n(&first), "new alerts after the ingest");
    assert!(alerts_of(&after)
        .iter()
        .any(|a| a["kind"] == "first-of-kind" && a["date"] == "2024-02-05"));
    // Ingesting the same document again changes nothing: same generation.
    let g1 = generation_of(&after);
    s.store
        .ingest_document(&it.doc, &it.events, &it.places)
        .expect("ingest");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let same = get(&s, "/api/alerts?country=EGY&limit=5000");
    assert_eq!(generation_of(&same), g1);
}

#[test]
fn openapi_documents_exactly_the_accepted_parameters() {
    let s = start();
    let j = get(&s, "/openapi.json").body;
    let op = &j["paths"]["/api/alerts"]["get"];
    let mut documented: Vec<&str> = op["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    documented.sort_unstable();
    let mut accepted = sitrep_query::alerts::ALERT_PARAMS.to_vec();
    accepted.sort_unstable();
    assert_eq!(documented, accepted);
    assert!(j["components"]["schemas"]["Alert"]["required"]
        .as_array()
        .is_some_and(|r| r.len() == 8));
    // Every accepted parameter is really accepted.
    for (k, v) in [
        ("since", "2024-01-01"),
        ("country", "KAZ"),
        ("kind", "escalation"),
        ("category", "ASSAULT"),
        ("limit", "3"),
    ] {
        assert!(accepted.contains(&k));
        assert_eq!(get(&s, &format!("/api/alerts?{k}={v}")).status, 200, "{k}");
    }
}
