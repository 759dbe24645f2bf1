//! Limits under hostile use (issue 14): authentication and a declared
//! length checked before any body byte is read, the per-document limit,
//! one rule for repeated parameters, the Host allow-list, the request
//! deadline, health and metrics endpoints, and the connection limits of
//! `serve_listener` (cap, idle timeout, JSON bodies on the answers hyper
//! writes itself).

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use common::{request, Resp, Scratch};
use sitrep_server::ServerConfig;
use sitrep_store::synthetic::corpus;
use sitrep_store::Store;

struct Server {
    addr: SocketAddr,
    _dir: Scratch,
}

fn store(dir: &Scratch) -> Arc<Store> {
    let store = Arc::new(Store::open(&dir.db()).expect("store"));
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    for it in corpus("d", 20, 4, start, 20, 7) {
        store
            .ingest_document(&it.doc, &it.events, &it.places)
            .expect("ingest");
    }
    store
}

fn start(configure: impl FnOnce(&mut ServerConfig)) -> Server {
    let dir = Scratch::new("sitrep-limits-test");
    let mut config = ServerConfig::new(store(&dir));
    configure(&mut config);
    let addr = common::serve(config);
    Server { addr, _dir: dir }
}

fn get(s: &Server, path: &str, headers: &[(&str, &str)]) -> Resp {
    request(s.addr, "GET", path, headers, b"")
}

/// Sends raw bytes and reads what comes back within `wait`.
fn raw(addr: SocketAddr, bytes: &[u8], wait: Duration) -> (String, Duration) {
    let started = Instant::now();
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(wait)).expect("timeout");
    s.write_all(bytes).expect("write");
    let mut buf = vec![0u8; 4096];
    let n = s.read(&mut buf).unwrap_or(0);
    (
        String::from_utf8_lossy(&buf[..n]).into_owned(),
        started.elapsed(),
    )
}

#[test]
fn posts_are_refused_before_the_body_is_read() {
    let s = start(|c| c.token = Some("secret".into()));
    // 100 GB declared, no token: answered at once, nothing read.
    let (answer, took) = raw(
        s.addr,
        b"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000000\r\n\r\n[{",
        Duration::from_secs(5),
    );
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("www-authenticate: bearer"),
        "{answer}"
    );
    assert!(took < Duration::from_secs(1), "{took:?}");
    // With the token, the declared length alone is refused.
    let (answer, took) = raw(
        s.addr,
        b"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: bearer secret\r\nContent-Length: 100000000000\r\n\r\n[{",
        Duration::from_secs(5),
    );
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn bearer_scheme_is_case_insensitive_and_every_401_names_it() {
    let s = start(|c| {
        c.read_token = Some("reader".into());
    });
    for scheme in ["Bearer", "bearer", "BEARER"] {
        let auth = format!("{scheme} reader");
        let r = get(&s, "/api/stats", &[("Authorization", &auth)]);
        assert_eq!(r.status, 200, "{scheme}: {}", r.text());
    }
    for path in ["/api/stats", "/healthz", "/metrics", "/readyz"] {
        let r = get(&s, path, &[]);
        assert_eq!(r.status, 401, "{path}");
        assert!(r.headers.contains_key("www-authenticate"), "{path}");
    }
    let r = request(s.addr, "POST", "/api/documents", &[], b"{}");
    assert_eq!(r.status, 403, "no write token: closed");
}

#[test]
fn documents_over_the_limit_are_413() {
    let s = start(|c| {
        c.token = Some("t".into());
        c.max_document_bytes = 100;
        c.coder = Some(Arc::new(|_| (Vec::new(), Vec::new())));
    });
    let body = serde_json::json!([
        {"id": "a", "text": "short"},
        {"id": "b", "text": "x".repeat(101)},
    ])
    .to_string();
    let r = request(
        s.addr,
        "POST",
        "/api/documents",
        &[("Authorization", "Bearer t")],
        body.as_bytes(),
    );
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.text().contains("document 1"), "{}", r.text());
}

#[test]
fn repeated_parameters_are_400() {
    let s = start(|_| {});
    for path in [
        "/api/events?country=UKR&country=RUS",
        "/api/export?format=csv&format=jsonl",
        "/api/alerts?kind=surge&kind=surge",
        "/api/stats?from=2024-01-01&from=2024-01-02",
    ] {
        let r = get(&s, path, &[]);
        assert_eq!(r.status, 400, "{path}: {}", r.text());
        assert!(r.text().contains("more than once"), "{path}: {}", r.text());
    }
}

#[test]
fn hosts_outside_the_allow_list_are_refused_on_loopback() {
    let s = start(|_| {});
    let r = get(&s, "/api/stats", &[]);
    assert_eq!(r.status, 200);
    // A rebinding page: the browser sends its own host name.
    let (answer, _) = raw(
        s.addr,
        b"GET /api/stats HTTP/1.1\r\nHost: evil.example:8080\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    );
    assert!(answer.starts_with("HTTP/1.1 421"), "{answer}");
    let (answer, _) = raw(
        s.addr,
        b"GET /api/stats HTTP/1.1\r\nHost: LOCALHOST:8080\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[test]
fn a_passed_deadline_is_503_with_retry_after() {
    let s = start(|c| c.request_deadline = Duration::from_nanos(1));
    let r = get(&s, "/api/events?limit=5", &[]);
    assert_eq!(r.status, 503, "{}", r.text());
    assert_eq!(r.headers.get("retry-after").map(String::as_str), Some("1"));
    assert_eq!(r.json()["status"], 503);
}

#[test]
fn health_readiness_and_metrics() {
    let s = start(|_| {});
    assert_eq!(get(&s, "/healthz", &[]).status, 200);
    let ready = get(&s, "/readyz", &[]);
    assert_eq!(ready.status, 200);
    assert_eq!(ready.json()["status"], "ready");
    let _ = get(&s, "/api/events?limit=1", &[]);
    let _ = get(&s, "/api/events?cursor=zz", &[]);
    let m = get(&s, "/metrics", &[]);
    assert_eq!(m.status, 200);
    assert!(m
        .headers
        .get("content-type")
        .is_some_and(|c| c.starts_with("text/plain")));
    let text = m.text();
    for want in [
        "sitrep_http_requests_total{route=\"/api/events\",status=\"200\"} 1",
        "sitrep_http_requests_total{route=\"/api/events\",status=\"400\"} 1",
        "sitrep_http_request_duration_seconds_bucket{route=\"/api/events\",le=\"+Inf\"} 2",
        "sitrep_http_requests_in_flight 1",
        "sitrep_store_query_duration_seconds_count",
        "sitrep_alert_computations_total",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    assert!(get(&s, "/api/events?limit=1", &[])
        .headers
        .contains_key("x-request-id"));
}

/// Serves with `serve_listener` (connection limits) on a thread of its own.
fn serve_with_limits(configure: impl FnOnce(&mut ServerConfig)) -> (SocketAddr, Scratch) {
    let dir = Scratch::new("sitrep-conn-test");
    let mut config = ServerConfig::new(store(&dir));
    configure(&mut config);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let l = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(l.local_addr().expect("addr")).expect("send");
            sitrep_server::serve_listener(l, config)
                .await
                .expect("serve");
        });
    });
    (rx.recv().expect("server address"), dir)
}

#[test]
fn connections_over_the_cap_get_503_and_idle_ones_are_closed() {
    let (addr, _dir) = serve_with_limits(|c| {
        c.max_connections = 2;
        c.idle_timeout = Duration::from_millis(300);
        c.header_timeout = Duration::from_millis(300);
    });
    let mut held: Vec<TcpStream> = (0..2)
        .map(|_| TcpStream::connect(addr).expect("connect"))
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    let (answer, _) = raw(
        addr,
        b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        Duration::from_secs(2),
    );
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    // The idle ones are closed after the timeout: reads see the end.
    for s in &mut held {
        s.set_read_timeout(Some(Duration::from_secs(3)))
            .expect("timeout");
        let mut buf = [0u8; 512];
        let n = s.read(&mut buf).unwrap_or(0);
        let text = String::from_utf8_lossy(&buf[..n]);
        assert!(n == 0 || text.starts_with("HTTP/1.1 408"), "{text}");
    }
    drop(held);
    std::thread::sleep(Duration::from_millis(200));
    let (answer, _) = raw(
        addr,
        b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        Duration::from_secs(2),
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

/// Sends `bytes` and reads the whole answer (the server closes after it).
fn raw_to_end(addr: SocketAddr, bytes: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    // The server may answer and close before reading everything sent.
    let _ = s.write_all(bytes);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn requests_hyper_cannot_parse_get_json_errors() {
    let (addr, _dir) = serve_with_limits(|_| {});
    let long_uri = format!(
        "GET /api/events?q={} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "a".repeat(70_000)
    );
    let big_headers = format!(
        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n{}\r\n",
        (0..120)
            .map(|i| format!("x-filler-{i}: {}\r\n", "b".repeat(4000)))
            .collect::<String>()
    );
    let cases: [(&str, Vec<u8>, u16); 4] = [
        ("garbage", b"\x01\x02 nonsense\r\n\r\n".to_vec(), 400),
        (
            "bad header line",
            b"GET /healthz HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n".to_vec(),
            400,
        ),
        ("long URI", long_uri.into_bytes(), 414),
        ("large headers", big_headers.into_bytes(), 431),
    ];
    for (what, bytes, status) in cases {
        let answer = raw_to_end(addr, &bytes);
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status} ")),
            "{what}: {answer:.200}"
        );
        let (head, body) = answer.split_once("\r\n\r\n").expect("head and body");
        assert!(
            head.to_ascii_lowercase()
                .contains("content-type: application/json"),
            "{what}: {head}"
        );
        let json: serde_json::Value = serde_json::from_str(body).expect("JSON body");
        assert_eq!(json["status"], status, "{what}");
        assert!(json["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    // The server goes on answering.
    let ok = raw_to_end(
        addr,
        b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    );
    assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
}
