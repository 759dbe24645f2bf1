//! `sitrep serve` access flags: `--private` refuses to start without a
//! token; with `SITREP_READ_TOKEN` reads need it; `--query-timeout-ms` is
//! accepted. A posted document is stored like the same JSONL line through
//! `sitrep ingest`. Talks to the binary over loopback only.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use sitrep_testkit::http;

use crate::support::{self, sitrep, Scratch, Served};

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_sitrep"))
}

/// Status code and body of one request with an optional bearer token and
/// JSON body.
fn request(addr: &str, method: &str, path: &str, token: Option<&str>, body: &str) -> (u16, String) {
    let addr: SocketAddr = addr.parse().expect("a socket address");
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers: Vec<(&str, &str)> =
        auth.iter().map(|a| ("Authorization", a.as_str())).collect();
    headers.push(("Content-Type", "application/json"));
    let resp = http::request(addr, method, path, &headers, body.as_bytes());
    (resp.status, resp.text())
}

/// Status code of `GET path` with an optional bearer token.
fn status(addr: &str, path: &str, token: Option<&str>) -> u16 {
    request(addr, "GET", path, token, "").0
}

/// Starts `sitrep serve --db DB` with `extra` arguments and environment.
fn serve(db: &Path, extra: &[&str], env: &[(&str, &str)]) -> Served {
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = extra.iter().map(|a| a as _).collect();
    args.push(&"--db");
    args.push(&db);
    support::serve(&[], &args, env)
}

#[test]
fn private_without_a_token_refuses_to_start() {
    let s = Scratch::new("serve-private");
    let out = Command::new(binary())
        .args(["serve", "--private", "--addr", "127.0.0.1:0", "--db"])
        .arg(s.join("s.db"))
        .env_remove("SITREP_TOKEN")
        .env_remove("SITREP_READ_TOKEN")
        .stdin(Stdio::null())
        .output()
        .expect("run sitrep serve");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("--private needs a token") && stderr.contains("SITREP_READ_TOKEN"),
        "{stderr}"
    );
}

#[test]
fn read_token_makes_reads_private() {
    let s = Scratch::new("serve-read-token");
    let server = serve(
        &s.join("s.db"),
        &["--query-timeout-ms", "2000"],
        &[("SITREP_READ_TOKEN", "reader-secret")],
    );
    let (addr, seen) = (&server.addr, &server.before);
    assert!(
        seen.iter().any(|l| l.contains("reads are private")),
        "{seen:?}"
    );
    let checks = [
        status(addr, "/api/events", None),
        status(addr, "/api/events", Some("wrong")),
        status(addr, "/api/events", Some("reader-secret")),
        status(addr, "/openapi.json", None),
        status(addr, "/", None),
    ];
    assert_eq!(checks, [401, 401, 200, 401, 200]);
}

/// The stored events of `doc_id` and the document's stored fields, as the
/// API gives them (arrival times left out).
fn stored(addr: &str, doc_id: &str) -> (serde_json::Value, serde_json::Value) {
    let get = |path: &str| -> serde_json::Value {
        let (code, body) = request(addr, "GET", path, None, "");
        assert_eq!(code, 200, "{path}: {body}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"))
    };
    let events = get(&format!("/api/events?doc_id={doc_id}"))["events"].clone();
    let mut doc = get(&format!("/api/documents/{doc_id}"));
    if let Some(d) = doc.as_object_mut() {
        d.remove("ingested_at");
        d.remove("versions");
    }
    (events, doc)
}

#[test]
fn posted_document_is_stored_like_the_same_jsonl_line() {
    let s = Scratch::new("serve-post-like-ingest");
    // Headline repeated in the text, inline dateline, update marker in the
    // title, a publication time with its offset: everything `from_parts` reads.
    let line = r#"{"id":"bk-1","title":"Kyrgyz troops shell Tajik border posts (UPDATE)","published":"2022-09-16T10:30:00+06:00","source":"Wire","url":"https://example.org/bk-1","text":"Kyrgyz troops shell Tajik border posts (UPDATE)\n\nBISHKEK, Kyrgyzstan (AP) — Kyrgyz troops shelled Tajik border posts on Friday, officials said. Tajikistan accused Kyrgyzstan of breaking the ceasefire agreed on Wednesday."}"#;
    let jsonl = s.file("doc.jsonl", format!("{line}\n"));
    let ingested_db = s.join("ingested.db");
    let run = sitrep(
        &[&"ingest", &"--db", &ingested_db, &jsonl],
        Duration::from_secs(120),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ingested = serve(&ingested_db, &[], &[]);
    let from_ingest = stored(&ingested.addr, "bk-1");

    let posted = serve(&s.join("posted.db"), &[], &[("SITREP_TOKEN", "w")]);
    let (code, body) = request(&posted.addr, "POST", "/api/documents", Some("w"), line);
    assert_eq!(code, 200, "{body}");
    let from_post = stored(&posted.addr, "bk-1");

    let events = from_ingest.0.as_array().map_or(0, Vec::len);
    assert!(events > 0, "no events stored: {from_ingest:?}");
    assert_eq!(from_post, from_ingest);
    // The headline is not coded as body text.
    let quoted = from_post.0.to_string();
    assert!(!quoted.contains("(UPDATE)"), "{quoted}");
}
