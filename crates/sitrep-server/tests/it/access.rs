//! Access and query limits over real HTTP on 127.0.0.1: private reads
//! (read token, write token, `private_reads`), public static files, and
//! the query time limit answering 503 instead of holding a worker.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use sitrep_server::ServerConfig;
use sitrep_store::Store;
use sitrep_testkit::corpus::corpus;
use sitrep_testkit::http::{request, Resp};
use sitrep_testkit::server::serve;
use sitrep_testkit::store::ingest_in_batches;
use sitrep_testkit::Scratch;

/// A store of `docs` synthetic documents with 10 events each.
fn store(docs: usize) -> (Arc<Store>, Scratch) {
    let dir = Scratch::new("access-test");
    let store = Store::open(&dir.db()).expect("store");
    let items = corpus(
        "d",
        docs,
        10,
        NaiveDate::from_ymd_opt(2024, 1, 1).expect("date"),
        200,
        11,
    );
    ingest_in_batches(&store, &items, 500).expect("stored");
    (Arc::new(store), dir)
}

fn get(addr: SocketAddr, path: &str, token: Option<&str>) -> Resp {
    let auth = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = auth
        .as_deref()
        .map(|a| vec![("Authorization", a)])
        .unwrap_or_default();
    request(addr, "GET", path, &headers, b"")
}

fn assert_refused(r: &Resp, what: &str) {
    assert_eq!(
        r.status,
        401,
        "{what}: {}",
        String::from_utf8_lossy(&r.body)
    );
    let j = r.json();
    assert_eq!(j["status"], 401, "{what}");
    assert!(
        j["message"]
            .as_str()
            .is_some_and(|m| m.contains("bearer token")),
        "{what}: {j}"
    );
    assert!(
        r.headers
            .get("www-authenticate")
            .is_some_and(|v| v.starts_with("Bearer")),
        "{what}: {:?}",
        r.headers
    );
}

fn fake_coder() -> sitrep_server::Coder {
    Arc::new(|doc: sitrep_coder::Document| {
        let item = sitrep_testkit::corpus::item(
            &doc.id,
            NaiveDate::from_ymd_opt(2024, 3, 1).expect("date"),
            2,
            1,
            0,
        );
        (item.events, item.places)
    })
}

/// Every API read the server has, with an id that exists.
fn read_paths(store: &Store) -> Vec<String> {
    let page = store
        .events(&sitrep_store::EventQuery::from_pairs([("limit", "1")], &[], 10).expect("q"))
        .expect("page");
    let event = &page.events[0];
    vec![
        "/api/events".into(),
        "/api/events?country=UKR&limit=5".into(),
        format!("/api/events/{}", event.event_id),
        format!("/api/documents/{}", event.doc_id),
        "/api/stats".into(),
        "/api/export?format=csv".into(),
        "/api/no-such-route".into(),
        "/openapi.json".into(),
    ]
}

#[test]
fn private_reads_need_the_read_or_write_token() {
    let (store, _dir) = store(20);
    let paths = read_paths(&store);
    let mut config = ServerConfig::new(Arc::clone(&store));
    config.token = Some("write-secret".into());
    config.read_token = Some("read-secret".into());
    config.coder = Some(fake_coder());
    assert!(config.reads_are_private());
    let addr = serve(config);

    for p in &paths {
        assert_refused(&get(addr, p, None), &format!("{p} without a token"));
        assert_refused(
            &get(addr, p, Some("read-secre")),
            &format!("{p}, wrong token"),
        );
        assert_refused(
            &get(addr, p, Some("read-secret-and-more")),
            &format!("{p}, longer token"),
        );
        let basic = request(
            addr,
            "GET",
            p,
            &[("Authorization", "Basic cmVhZDpzZWNyZXQ=")],
            b"",
        );
        assert_refused(&basic, &format!("{p}, basic auth"));
        let expected = if p.contains("no-such-route") {
            404
        } else {
            200
        };
        for token in ["read-secret", "write-secret"] {
            let r = get(addr, p, Some(token));
            assert_eq!(r.status, expected, "{p} with {token}");
        }
    }
    // HEAD is a read too.
    assert_eq!(request(addr, "HEAD", "/api/events", &[], b"").status, 401);

    // The UI's files stay public: the page must load to ask for the token.
    for p in [
        "/",
        "/index.html",
        "/app.js",
        "/app.css",
        "/vendor/leaflet.js",
    ] {
        let r = get(addr, p, None);
        assert_eq!(r.status, 200, "{p}");
    }
    let app = String::from_utf8_lossy(&get(addr, "/app.js", None).body).into_owned();
    assert!(app.contains("sessionStorage") && app.contains("Authorization"));

    // The read token does not open writes; the write token does.
    let doc = br#"{"id": "p1", "text": "Mali accused Burkina Faso."}"#;
    let r = request(
        addr,
        "POST",
        "/api/documents",
        &[
            ("Authorization", "Bearer read-secret"),
            ("Content-Type", "application/json"),
        ],
        doc,
    );
    assert_eq!(r.status, 401, "read token used to write");
    let r = request(
        addr,
        "POST",
        "/api/documents",
        &[
            ("Authorization", "Bearer write-secret"),
            ("Content-Type", "application/json"),
        ],
        doc,
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));

    // The description says so.
    let j = get(addr, "/openapi.json", Some("read-secret")).json();
    for (method, path) in sitrep_server::openapi::ROUTES {
        let op = &j["paths"][*path][*method];
        assert_eq!(
            op["security"],
            serde_json::json!([{"bearer": []}]),
            "{method} {path}"
        );
        if *method == "get" {
            assert!(op["responses"]["401"].is_object(), "{method} {path}");
        }
    }
}

#[test]
fn private_flag_alone_makes_the_write_token_open_reads() {
    let (store, _dir) = store(5);
    let mut config = ServerConfig::new(Arc::clone(&store));
    config.token = Some("only-token".into());
    config.private_reads = true;
    let addr = serve(config);
    assert_refused(&get(addr, "/api/events", None), "no token");
    assert_eq!(get(addr, "/api/events", Some("only-token")).status, 200);
    assert_eq!(get(addr, "/", None).status, 200);

    // Private with no token at all: every read refused (the CLI does not
    // start like that).
    let mut config = ServerConfig::new(Arc::clone(&store));
    config.private_reads = true;
    let addr = serve(config);
    assert_refused(&get(addr, "/api/stats", None), "no token configured");
    assert_refused(&get(addr, "/api/stats", Some("")), "empty token");
}

#[test]
fn reads_are_public_by_default() {
    let (store, _dir) = store(5);
    let config = ServerConfig::new(Arc::clone(&store));
    assert!(!config.reads_are_private());
    assert_eq!(
        config.query_timeout,
        Some(sitrep_server::DEFAULT_QUERY_TIMEOUT)
    );
    let addr = serve(config);
    assert_eq!(get(addr, "/api/events", None).status, 200);
    let j = get(addr, "/openapi.json", None).json();
    assert!(j["paths"]["/api/events"]["get"]["security"].is_null());
    assert!(j["paths"]["/api/events"]["get"]["responses"]["503"].is_object());
}

#[test]
fn a_query_over_the_time_limit_answers_503() {
    // 40,000 events; an actor substring that matches nothing scans them all.
    let (store, _dir) = store(4000);
    let slow = "/api/events?actor=no-such-actor-anywhere";

    let mut config = ServerConfig::new(Arc::clone(&store));
    config.query_timeout = Some(Duration::from_millis(1));
    let addr = serve(config);
    let t = Instant::now();
    let r = get(addr, slow, None);
    let took = t.elapsed();
    assert_eq!(r.status, 503, "{}", String::from_utf8_lossy(&r.body));
    let j = r.json();
    assert_eq!(j["status"], 503);
    assert!(
        j["message"].as_str().is_some_and(|m| m.contains("1 ms")),
        "{j}"
    );
    assert!(took < Duration::from_secs(5), "stopped after {took:?}");
    // The worker is free again: more slow queries, all stopped, then a
    // cheap request still answers.
    let handles: Vec<_> = (0..8)
        .map(|_| std::thread::spawn(move || get(addr, slow, None).status))
        .collect();
    for h in handles {
        assert_eq!(h.join().expect("client"), 503);
    }
    assert_eq!(get(addr, "/api/events/no-such-event", None).status, 404);
    assert_eq!(get(addr, "/openapi.json", None).status, 200);

    // The same query under a generous limit answers.
    let mut config = ServerConfig::new(Arc::clone(&store));
    config.query_timeout = Some(Duration::from_secs(60));
    let addr = serve(config);
    let r = get(addr, slow, None);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.json()["total"], 0);
}
