//! `GET /api/alerts` of `sitrep serve` and `sitrep alerts --db` read the
//! same inputs: the stored events with the stored publication dates, and
//! the signals catalogue of `--data DIR`. Talks to the server over loopback.

use std::path::{Path, PathBuf};

use sitrep_testkit::http;

use crate::support::{self, copy_dir, sitrep, Scratch, Served, LIMIT};

/// Published on 3 March: a state of emergency that day (new).
const ECUADOR: &str = "Ecuador declares emergency in Quito\n\n\
Quito 3 March 2022 10:00 (UTC -05:00)\n\n\
QUITO, Ecuador, March 3\n\n\n\
On March 3 the government of Ecuador declared a state of emergency in Quito after days of protests.\n";

/// Published on 20 March, recalling a state of emergency of 3 March: every
/// event is dated by its sentence, so only the stored publication date says
/// that it is background, not new.
const PERU_RECALLED: &str = "Peru lifts measures in Lima\n\n\
Lima 20 March 2022 10:00 (UTC -05:00)\n\n\
LIMA, Peru, March 20\n\n\n\
On March 3 the government of Peru declared a state of emergency in Lima after days of protests.\n";

/// Starts `sitrep [--data DIR] serve --db DB` on a free port.
fn serve(data: Option<&Path>, db: &Path) -> Served {
    match data {
        Some(d) => support::serve(&[&"--data", &d], &[&"--db", &db], &[]),
        None => support::serve(&[], &[&"--db", &db], &[]),
    }
}

/// The body of `GET path` (status 200 asserted).
fn get(addr: &str, path: &str) -> String {
    let resp = http::get(addr.parse().expect("a socket address"), path);
    assert_eq!(resp.status, 200, "{}", resp.text());
    resp.text()
}

/// The alerts of the API (oldest first, like the CLI's lines).
fn api_alerts(addr: &str) -> Vec<serde_json::Value> {
    let v: serde_json::Value =
        serde_json::from_str(&get(addr, "/api/alerts?limit=5000")).expect("JSON");
    let mut alerts = v["alerts"].as_array().cloned().unwrap_or_default();
    alerts.reverse();
    alerts
}

/// A store with both articles; returns its path.
fn store(s: &Scratch) -> PathBuf {
    let ecuador = s.file("ecuador.txt", ECUADOR);
    let peru = s.file("peru.txt", PERU_RECALLED);
    let db = s.join("s.db");
    let run = sitrep(&[&"ingest", &"--db", &db, &ecuador, &peru], LIMIT);
    assert_eq!(run.code, 0, "{}", run.stderr);
    db
}

#[test]
fn api_alerts_are_the_cli_alerts_with_stored_dates() {
    let s = Scratch::new("alerts-same");
    let db = store(&s);
    let cli = sitrep(&[&"alerts", &"--db", &db], LIMIT);
    assert_eq!(cli.code, 0, "{}", cli.stderr);
    let cli = cli.events();
    let emergency =
        |a: &serde_json::Value, c: &str| a["country"] == c && a["signal"] == "state-of-emergency";
    assert!(cli.iter().any(|a| emergency(a, "ECU")), "{cli:#?}");
    assert!(
        !cli.iter().any(|a| emergency(a, "PER")),
        "recalled 17 days after: background, no alert: {cli:#?}"
    );
    let server = serve(None, &db);
    let addr = server.addr.as_str();
    assert_eq!(api_alerts(addr), cli);
}

#[test]
fn serve_reads_the_signals_of_the_data_folder() {
    let s = Scratch::new("alerts-data");
    let db = store(&s);
    let data = s.join("data");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data"),
        &data,
    );
    let signals = data.join("alerts/signals.tsv");
    let text = std::fs::read_to_string(&signals).expect("signals");
    let changed = text.replace(
        "state of emergency or martial law in {country}",
        "emergency rule (local catalogue) in {country}",
    );
    assert_ne!(changed, text);
    std::fs::write(&signals, changed).expect("write signals");
    let cli = sitrep(&[&"--data", &data, &"alerts", &"--db", &db], LIMIT);
    assert_eq!(cli.code, 0, "{}", cli.stderr);
    let cli = cli.events();
    assert!(
        cli.iter().any(|a| a["reason"]
            .as_str()
            .is_some_and(|r| r.contains("local catalogue"))),
        "{cli:#?}"
    );
    let server = serve(Some(&data), &db);
    let addr = server.addr.as_str();
    assert_eq!(api_alerts(addr), cli, "serve reads --data's catalogue");
}

#[test]
fn serve_and_watch_refuse_a_bad_signal_line() {
    let s = Scratch::new("alerts-bad-data");
    let data = s.join("data");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data"),
        &data,
    );
    let signals = data.join("alerts/signals.tsv");
    let text = std::fs::read_to_string(&signals).expect("signals");
    let mut lines: Vec<&str> = text.lines().collect();
    lines[6] = "curfew\tCOERCE\t1723\t*\t*\tsideways\tlocation\t-\t-\t-\tcurfew";
    std::fs::write(&signals, lines.join("\n") + "\n").expect("write signals");
    let db = s.join("s.db");
    let config = s.file("watch.toml", "");
    for args in [
        vec!["serve", "--addr", "127.0.0.1:0"],
        vec!["watch", "--once", "--config"],
    ] {
        let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"--data", &data];
        all.extend(args.iter().map(|a| a as &dyn AsRef<std::ffi::OsStr>));
        if args[0] == "watch" {
            all.push(&config);
        }
        all.extend([&"--db" as &dyn AsRef<std::ffi::OsStr>, &db]);
        let run = sitrep(&all, LIMIT);
        assert_ne!(
            run.code, 0,
            "{args:?} starts with a bad line: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("alerts/signals.tsv:7: "),
            "{args:?}: {}",
            run.stderr
        );
    }
}
