//! `sitrep serve` access flags: `--private` refuses to start without a
//! token; with `SITREP_READ_TOKEN` reads need it; `--query-timeout-ms` is
//! accepted. Talks to the binary over loopback only.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use sitrep_testkit::http::request;

use crate::support::Scratch;

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_sitrep"))
}

/// Status code of `GET path` with an optional bearer token.
fn status(addr: &str, path: &str, token: Option<&str>) -> u16 {
    let addr: SocketAddr = addr.parse().expect("a socket address");
    let auth = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = auth.iter().map(|a| ("Authorization", a.as_str())).collect();
    request(addr, "GET", path, &headers, b"").status
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
    let mut child = Command::new(binary())
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--query-timeout-ms",
            "2000",
            "--db",
        ])
        .arg(s.join("s.db"))
        .env_remove("SITREP_TOKEN")
        .env("SITREP_READ_TOKEN", "reader-secret")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sitrep serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    // "sitrep: serving sqlite:… on http://127.0.0.1:PORT/"
    let mut addr = None;
    let mut seen = Vec::new();
    for line in lines.by_ref().take(20) {
        let line = line.unwrap_or_default();
        if let Some(url) = line.split("http://").nth(1) {
            addr = Some(url.trim_end_matches('/').to_owned());
            break;
        }
        seen.push(line);
    }
    let Some(addr) = addr else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("no address printed: {seen:?}");
    };
    assert!(
        seen.iter().any(|l| l.contains("reads are private")),
        "{seen:?}"
    );
    let checks = [
        status(&addr, "/api/events", None),
        status(&addr, "/api/events", Some("wrong")),
        status(&addr, "/api/events", Some("reader-secret")),
        status(&addr, "/openapi.json", None),
        status(&addr, "/", None),
    ];
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(checks, [401, 401, 200, 401, 200]);
}
