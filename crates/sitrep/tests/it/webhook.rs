//! The alert webhook (`sitrep alerts --db … --webhook URL --state FILE`)
//! against the test kit's recording mock server on 127.0.0.1: every
//! new alert is posted once, a 500 is retried, a second run sends nothing,
//! and a dead webhook does not fail the command.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use sitrep_testkit::http::{refused_url, MockServer, Response};

use crate::support::{self, sitrep, Scratch, LIMIT};

/// The seed article: a state of emergency in Kazakhstan (a first-of-kind
/// alert).
const SEED: &str = "CSTO defence ministers agree to pull peacekeepers out of Kazakhstan\n\n\
Kazakhstan 13 January 2022 17:09 (UTC +04:00)\n\n\
BAKU, Azerbaijan, Jan. 13\n\n\n\
The defence ministers of the Collective Security Treaty Organization \
signed a joint statement on the withdrawal of the peacekeeping contingent from Kazakhstan, \
the CSTO secretariat said on Thursday.\n\n\
Protests over fuel prices began on Jan. 2 in western Kazakhstan and spread to Almaty.\n\n\
On Jan. 5 the government declared a state of emergency all over the country.\n\n\
On Jan. 6 the divisions of the united peacekeeping contingent of the CSTO arrived in Kazakhstan to help restore order.\n";

/// One POST the server saw: path, body, and the status it answered.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    body: String,
    status: u16,
}

/// Serves on an ephemeral loopback port; answers 500 to the first
/// `fail_first` POSTs and 200 after. Returns the hook's URL.
fn recording_server(fail_first: usize) -> (String, MockServer) {
    let server = site(fail_first, Vec::new());
    (server.url("/hook"), server)
}

/// The same server, also answering GET `path` with (content type, body)
/// from `pages` (`{{BASE}}` in a body becomes the server's base URL).
fn site(fail_first: usize, pages: Vec<(&'static str, &'static str, &'static str)>) -> MockServer {
    let posts = AtomicUsize::new(0);
    MockServer::start(move |req, base| {
        if req.method == "GET" {
            return match pages.iter().find(|(p, ..)| *p == req.path) {
                Some((_, ctype, text)) => Response::ok(ctype, text.replace("{{BASE}}", base)),
                None => Response::status(404),
            };
        }
        if posts.fetch_add(1, Ordering::SeqCst) < fail_first {
            Response::status(500)
        } else {
            Response::status(200)
        }
    })
}

/// The POSTs the server saw, in order.
fn posts(server: &MockServer) -> Vec<Seen> {
    server
        .exchanges()
        .into_iter()
        .filter(|e| e.request.method == "POST")
        .map(|e| Seen {
            body: e.request.text(),
            path: e.request.path,
            status: e.status,
        })
        .collect()
}

#[test]
fn new_alerts_are_posted_once_with_a_retry_after_500() {
    let scratch = Scratch::new("webhook");
    let article = scratch.file("seed.txt", SEED);
    let db = scratch.join("s.db");
    let state = scratch.join("sent.json");
    let ingest = sitrep(&[&"ingest", &"--db", &db, &article], LIMIT);
    assert_eq!(ingest.code, 0, "{}", ingest.stderr);

    let (url, seen) = recording_server(1);
    let args: [&dyn AsRef<std::ffi::OsStr>; 8] = [
        &"alerts",
        &"--db",
        &db,
        &"--webhook",
        &url,
        &"--state",
        &state,
        &"--webhook-retries=2",
    ];
    let first = sitrep(&args, LIMIT);
    first.assert_clean();
    assert_eq!(first.code, 0, "{}", first.stderr);
    let printed = first.events();
    assert!(
        printed
            .iter()
            .any(|a| a["kind"] == "first-of-kind" && a["country"] == "KAZ"),
        "the seed article raises a Kazakhstan alert: {}",
        first.stdout
    );
    let log = posts(&seen);
    assert_eq!(log.len(), printed.len() + 1, "one retry: {log:?}");
    assert_eq!(log[0].status, 500);
    assert!(log.iter().all(|s| s.path == "/hook"));
    // The retried request is the same alert; every alert arrived once with a 200.
    assert_eq!(log[0].body, log[1].body);
    let delivered: Vec<serde_json::Value> = log
        .iter()
        .filter(|s| s.status == 200)
        .map(|s| serde_json::from_str(&s.body).expect("JSON body"))
        .collect();
    assert_eq!(delivered, printed, "bodies are the JSONL alerts, once each");
    assert!(
        first
            .stderr
            .contains(&format!("{} alerts sent, 0 failed", printed.len())),
        "{}",
        first.stderr
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&state).expect("state file")).expect("json");
    assert_eq!(
        saved["sent"].as_array().map(Vec::len),
        Some(printed.len()),
        "{saved}"
    );

    let second = sitrep(&args, LIMIT);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert_eq!(posts(&seen).len(), log.len(), "nothing re-sent");
    assert!(
        second.stderr.contains(&format!(
            "0 alerts sent, 0 failed, {} already sent",
            printed.len()
        )),
        "{}",
        second.stderr
    );
}

#[test]
fn a_dead_webhook_does_not_fail_the_command() {
    let scratch = Scratch::new("webhook-dead");
    let article = scratch.file("seed.txt", SEED);
    let db = scratch.join("s.db");
    let state = scratch.join("sent.json");
    let ingest = sitrep(&[&"ingest", &"--db", &db, &article], LIMIT);
    assert_eq!(ingest.code, 0, "{}", ingest.stderr);
    // A port that was free a moment ago: connections are refused.
    let url = refused_url("/hook");
    let run = sitrep(
        &[
            &"alerts",
            &"--db",
            &db,
            &"--webhook",
            &url,
            &"--state",
            &state,
            &"--webhook-retries=1",
        ],
        LIMIT,
    );
    run.assert_clean();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.events().is_empty(), "alerts still printed");
    assert!(run.stderr.contains("not delivered"), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("not delivered").count(),
        1,
        "after one alert gives up, the rest wait for the next check: {}",
        run.stderr
    );
    assert!(!state.exists(), "nothing recorded as sent");
}

/// A second article: a state of emergency in Peru (a new first-of-kind
/// alert once stored).
const PERU: &str = "Peru declares emergency in Lima\n\n\
Lima 3 March 2022 10:00 (UTC -05:00)\n\n\
LIMA, Peru, March 3\n\n\n\
On March 3 the government of Peru declared a state of emergency in Lima after days of protests.\n";

fn wait_for(seen: &MockServer, what: &str, ok: impl Fn(&[Seen]) -> bool) {
    seen.wait_for(what, Duration::from_secs(60), |_| ok(&posts(seen)));
}

#[test]
fn serve_posts_alerts_of_documents_ingested_while_it_runs() {
    let scratch = Scratch::new("webhook-serve");
    let seed = scratch.file("seed.txt", SEED);
    let peru = scratch.file("peru.txt", PERU);
    let db = scratch.join("s.db");
    let state = scratch.join("sent.json");
    let ingest = sitrep(&[&"ingest", &"--db", &db, &seed], LIMIT);
    assert_eq!(ingest.code, 0, "{}", ingest.stderr);
    let before = sitrep(&[&"alerts", &"--db", &db], LIMIT).events().len();
    assert!(before > 0);

    let (url, seen) = recording_server(0);
    let _server = support::serve(
        &[],
        &[
            &"--webhook-interval",
            &"1",
            &"--db",
            &db,
            &"--webhook",
            &url,
            &"--webhook-state",
            &state,
        ],
        &[],
    );
    wait_for(&seen, "the stored alerts", |s| s.len() >= before);

    // Another process stores a new article; the server's next check posts
    // its alert, and nothing twice.
    let ingest = sitrep(&[&"ingest", &"--db", &db, &peru], LIMIT);
    assert_eq!(ingest.code, 0, "{}", ingest.stderr);
    wait_for(&seen, "the Peru alert", |s| {
        s.iter().any(|r| r.body.contains("\"country\":\"PER\""))
    });
    // The webhook carries the catalogue's signal, as the API and the CLI do.
    assert!(
        posts(&seen)
            .iter()
            .any(|r| r.body.contains("\"country\":\"PER\"")
                && r.body.contains("\"signal\":\"state-of-emergency\"")),
        "the Peru alert names its signal"
    );
    std::thread::sleep(Duration::from_millis(2500));
    let log = posts(&seen);
    let mut ids: Vec<String> = log
        .iter()
        .map(|r| {
            let v: serde_json::Value = serde_json::from_str(&r.body).expect("JSON body");
            v["id"].as_str().unwrap_or_default().to_owned()
        })
        .collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "no alert posted twice: {log:?}");
    assert_eq!(n, before + 1, "{log:?}");
}

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test wire</title><link>{{BASE}}/</link><description>t</description>
<item><title>Peru declares emergency in Lima</title><link>{{BASE}}/peru.html</link><guid>peru-1</guid>
<pubDate>Thu, 03 Mar 2022 10:00:00 -0500</pubDate>
<description>On March 3 the government of Peru declared a state of emergency in Lima after days of protests.</description></item>
</channel></rss>"#;

const PAGE: &str = "<!doctype html><html><head><title>Peru declares emergency in Lima</title></head><body>\
<article><h1>Peru declares emergency in Lima</h1>\
<p>LIMA, Peru, March 3 - On March 3 the government of Peru declared a state of emergency in Lima after days of protests over fuel prices in the capital and in several provinces.</p>\
<p>The measure suspends some civil liberties for thirty days, officials said, and lets the armed forces support the police in keeping order in the streets of the capital.</p>\
</article></body></html>";

#[test]
fn watch_posts_the_alerts_of_new_feed_articles() {
    let scratch = Scratch::new("webhook-watch");
    let seen = site(
        0,
        vec![
            ("/feed.xml", "application/rss+xml", FEED),
            ("/peru.html", "text/html", PAGE),
        ],
    );
    let base = seen.base();
    let config = scratch.file(
        "watch.toml",
        format!(
            "state_file = \"watch-state.json\"\n[defaults]\nhost_delay_ms = 0\ntimeout_secs = 5\n[[feeds]]\nurl = \"{base}/feed.xml\"\n"
        ),
    );
    let db = scratch.join("s.db");
    let state = scratch.join("sent.json");
    let hook = format!("{base}/hook");
    let args: [&dyn AsRef<std::ffi::OsStr>; 10] = [
        &"watch",
        &"--config",
        &config,
        &"--db",
        &db,
        &"--once",
        &"--webhook",
        &hook,
        &"--webhook-state",
        &state,
    ];
    let run = sitrep(&args, LIMIT);
    run.assert_clean();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let log = posts(&seen);
    assert!(
        log.iter()
            .any(|r| r.path == "/hook" && r.body.contains("\"country\":\"PER\"")),
        "the Peru alert was posted: {log:?}\n{}",
        run.stderr
    );
    // Polling again finds nothing new and posts nothing.
    let again = sitrep(&args, LIMIT);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(posts(&seen).len(), log.len());
}
