//! End-to-end tests against the test kit's mock HTTP server on 127.0.0.1
//! (ephemeral port) serving the fixtures under `test_data/`. No public
//! host is used.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sitrep_coder::Document;
use sitrep_feeds::{
    doc_id, poll_once, watch, Defaults, FeedConfig, FeedError, PollReport, WatchConfig, WatchState,
};
use sitrep_testkit::http::{MockServer, Request, Response};
use sitrep_testkit::Scratch;

// ---------------------------------------------------------------- server

type Handler = Box<dyn Fn(&Request, &str) -> Response + Send + Sync>;

/// Serves `test_data/` (with `{{BASE}}` replaced by the server's base
/// URL), plus handlers registered for particular paths.
fn start(handlers: Vec<(&str, Handler)>) -> MockServer {
    let handlers: HashMap<String, Handler> = handlers
        .into_iter()
        .map(|(p, h)| (p.to_string(), h))
        .collect();
    MockServer::start(move |req, base| match handlers.get(&req.path) {
        Some(h) => h(req, base),
        None => fixture(&req.path, base),
    })
}

fn test_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data")
}

/// A fixture file with `{{BASE}}` filled in, or 404.
fn fixture(path: &str, base: &str) -> Response {
    let rel = path.trim_start_matches('/');
    if rel.contains("..") {
        return Response::status(404);
    }
    match std::fs::read_to_string(test_data().join(rel)) {
        Ok(text) => {
            let ct = if rel.ends_with(".html") {
                "text/html; charset=utf-8"
            } else {
                "application/rss+xml"
            };
            Response::ok(ct, text.replace("{{BASE}}", base))
        }
        Err(_) => Response::status(404),
    }
}

// ---------------------------------------------------------------- helpers

fn config(server: &MockServer, feeds: &[&str], tweak: impl FnOnce(&mut Defaults)) -> WatchConfig {
    let mut defaults = Defaults {
        host_delay_ms: 10,
        timeout_secs: 5,
        backoff_base_secs: 30,
        jitter_seed: Some(1),
        ..Defaults::default()
    };
    tweak(&mut defaults);
    WatchConfig {
        feeds: feeds
            .iter()
            .map(|p| FeedConfig {
                url: server.url(p),
                name: Some("Fixture".into()),
                interval_secs: None,
            })
            .collect(),
        defaults,
        state_file: PathBuf::from("unused.json"),
    }
}

fn run(config: &WatchConfig, state: &mut WatchState) -> (PollReport, Vec<Document>) {
    let mut docs = Vec::new();
    let report = poll_once(config, state, &mut |d| {
        docs.push(d);
        Ok(())
    });
    (report, docs)
}

// ---------------------------------------------------------------- tests

#[test]
fn rss_items_become_documents() {
    let server = start(vec![]);
    let cfg = config(&server, &["/rss.xml"], |_| {});
    let mut state = WatchState::default();
    let (report, docs) = run(&cfg, &mut state);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.feeds_polled, 1);
    assert_eq!(report.items_new, 2);
    assert_eq!(report.pages_fetched, 2);
    assert_eq!(report.documents, 2);
    // Oldest first.
    let talks = &docs[0];
    let protest = &docs[1];
    let link = server.url("/articles/protest.html");
    assert_eq!(protest.id, doc_id(&link));
    assert_eq!(protest.url.as_deref(), Some(link.as_str()));
    assert_eq!(protest.source.as_deref(), Some("Fixture"));
    assert_eq!(
        protest.title.as_deref(),
        Some("Police detain protesters in Almaty")
    );
    assert!(
        protest.text.contains("took at least forty people away"),
        "{}",
        protest.text
    );
    assert!(!protest.text.contains("All rights reserved"));
    let published = protest.published.expect("published");
    assert_eq!(published.date.to_string(), "2022-01-06");
    assert_eq!(
        published.time.map(|t| t.to_string()).as_deref(),
        Some("09:30:00")
    );
    assert!(talks.text.contains("agreed to meet again next month"));
    // The feed sent no validators: the pages came with the right Accept.
    let reqs = server.requests();
    assert_eq!(reqs.len(), 3);
    assert!(reqs[0].headers["accept"].contains("rss+xml"));
    assert!(reqs[0].headers["user-agent"].starts_with("sitrep-feeds/"));
}

#[test]
fn atom_entries_become_documents_with_host_as_source() {
    let server = start(vec![]);
    let mut cfg = config(&server, &["/atom.xml"], |_| {});
    cfg.feeds[0].name = None;
    let mut state = WatchState::default();
    let (report, docs) = run(&cfg, &mut state);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc.source.as_deref(), Some("127.0.0.1"));
    assert_eq!(
        doc.title.as_deref(),
        Some("Ceasefire agreed in border dispute")
    );
    assert!(doc.text.contains("withdraw heavy weapons"));
    assert_eq!(
        doc.published.map(|p| p.date.to_string()).as_deref(),
        Some("2022-01-10")
    );
    assert_eq!(
        doc.url.as_deref(),
        Some(server.url("/articles/ceasefire.html").as_str())
    );
}

#[test]
fn rss_1_0_items_become_documents() {
    let server = start(vec![]);
    let cfg = config(&server, &["/rdf.xml"], |_| {});
    let mut state = WatchState::default();
    let (report, docs) = run(&cfg, &mut state);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(docs.len(), 1);
    assert!(docs[0].text.contains("agreed to meet again next month"));
    assert_eq!(
        docs[0].published.map(|p| p.date.to_string()).as_deref(),
        Some("2022-01-05")
    );
}

/// A feed that answers 304 when the request carries the validator it sent.
fn conditional_server(header: &'static str, value: &'static str) -> MockServer {
    let request_header = match header {
        "ETag" => "if-none-match",
        _ => "if-modified-since",
    };
    start(vec![(
        "/feed.xml",
        Box::new(move |req: &Request, base: &str| {
            if req.headers.get(request_header).map(String::as_str) == Some(value) {
                Response::status(304)
            } else {
                let mut r = fixture("/rss.xml", base);
                r.headers.push((header.into(), value.into()));
                r
            }
        }),
    )])
}

#[test]
fn etag_gives_304_and_nothing_new() {
    let server = conditional_server("ETag", "\"v1\"");
    let cfg = config(&server, &["/feed.xml"], |_| {});
    let mut state = WatchState::default();
    let (first, docs) = run(&cfg, &mut state);
    assert_eq!((first.documents, docs.len()), (2, 2));
    assert_eq!(
        state.feeds[&cfg.feeds[0].url].etag.as_deref(),
        Some("\"v1\"")
    );
    let (second, docs) = run(&cfg, &mut state);
    assert!(second.errors.is_empty(), "{:?}", second.errors);
    assert_eq!(second.feeds_polled, 1);
    assert_eq!(second.feeds_not_modified, 1);
    assert_eq!(second.items_new + second.documents + docs.len(), 0);
    let feed_reqs: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.path == "/feed.xml")
        .collect();
    assert_eq!(feed_reqs.len(), 2);
    assert!(!feed_reqs[0].headers.contains_key("if-none-match"));
    assert_eq!(feed_reqs[1].headers["if-none-match"], "\"v1\"");
    assert_eq!(server.count("/articles/protest.html"), 1);
}

#[test]
fn last_modified_gives_304_and_nothing_new() {
    let server = conditional_server("Last-Modified", "Thu, 06 Jan 2022 10:00:00 GMT");
    let cfg = config(&server, &["/feed.xml"], |_| {});
    let mut state = WatchState::default();
    let (first, _) = run(&cfg, &mut state);
    assert_eq!(first.documents, 2);
    let (second, docs) = run(&cfg, &mut state);
    assert_eq!(second.feeds_not_modified, 1);
    assert!(docs.is_empty());
    assert_eq!(
        server
            .requests()
            .last()
            .map(|r| r.headers["if-modified-since"].clone()),
        Some("Thu, 06 Jan 2022 10:00:00 GMT".to_string())
    );
}

#[test]
fn seen_items_are_not_re_emitted_after_a_restart() {
    let server = start(vec![]);
    let dir = Scratch::new("feeds-restart");
    let state_path = dir.join("state.json");
    let cfg = config(&server, &["/rss.xml", "/atom.xml"], |_| {});
    let mut state = WatchState::load(&state_path).expect("fresh");
    let (first, _) = run(&cfg, &mut state);
    assert_eq!(first.documents, 3);
    state.save(&state_path).expect("save");
    drop(state);

    let mut reloaded = WatchState::load(&state_path).expect("reload");
    let (second, docs) = run(&cfg, &mut reloaded);
    assert!(second.errors.is_empty(), "{:?}", second.errors);
    assert_eq!(second.feeds_polled, 2);
    assert_eq!(second.items_seen, 3);
    assert_eq!(second.items_new, 0);
    assert!(docs.is_empty());
    // Pages were fetched once only.
    assert_eq!(server.count("/articles/protest.html"), 1);
    assert_eq!(server.count("/articles/ceasefire.html"), 1);
    let saved = std::fs::read_to_string(&state_path).expect("state");
    assert!(saved.contains("fixture-protest-1") && saved.contains("first_seen"));
}

#[test]
fn retry_after_backs_off_until_it_expires() {
    let hits = Arc::new(AtomicUsize::new(0));
    let h = hits.clone();
    let server = start(vec![(
        "/feed.xml",
        Box::new(move |_: &Request, base: &str| {
            if h.fetch_add(1, Ordering::SeqCst) == 0 {
                Response::status(503).header("Retry-After", "1")
            } else {
                fixture("/atom.xml", base)
            }
        }),
    )]);
    let cfg = config(&server, &["/feed.xml"], |_| {});
    let mut state = WatchState::default();
    let started = Instant::now();
    let (first, _) = run(&cfg, &mut state);
    assert_eq!(first.errors.len(), 1);
    assert!(
        matches!(
            first.errors[0].error,
            FeedError::Status {
                status: 503,
                retry_after: Some(d),
                ..
            } if d == Duration::from_secs(1)
        ),
        "{:?}",
        first.errors
    );
    let fs = &state.feeds[&cfg.feeds[0].url];
    assert_eq!(fs.failures, 1);
    assert!(fs.backoff_until.is_some());

    // Before Retry-After has passed: not requested at all.
    let (second, docs) = run(&cfg, &mut state);
    assert_eq!(second.feeds_backing_off, 1);
    assert_eq!(second.feeds_polled, 0);
    assert!(docs.is_empty());
    assert_eq!(server.count("/feed.xml"), 1);

    // After it: polled again, and the backoff is cleared.
    std::thread::sleep(Duration::from_millis(1050).saturating_sub(started.elapsed()));
    let mut docs;
    loop {
        let (report, d) = run(&cfg, &mut state);
        docs = d;
        if report.feeds_polled == 1 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(3));
        std::thread::sleep(Duration::from_millis(20));
    }
    let reqs = server.requests();
    let feed_reqs: Vec<_> = reqs.iter().filter(|r| r.path == "/feed.xml").collect();
    assert_eq!(feed_reqs.len(), 2);
    assert!(feed_reqs[1].at - feed_reqs[0].at >= Duration::from_secs(1));
    assert_eq!(docs.len(), 1);
    let fs = &state.feeds[&cfg.feeds[0].url];
    assert_eq!((fs.failures, fs.backoff_until), (0, None));
}

#[test]
fn errors_without_retry_after_back_off_exponentially() {
    let server = start(vec![(
        "/feed.xml",
        Box::new(|_: &Request, _: &str| Response::status(500)),
    )]);
    let cfg = config(&server, &["/feed.xml"], |d| {
        d.backoff_base_secs = 100;
        d.max_backoff_secs = 1000;
    });
    let mut state = WatchState::default();
    let (report, _) = run(&cfg, &mut state);
    assert!(matches!(
        report.errors[0].error,
        FeedError::Status { status: 500, .. }
    ));
    let fs = &state.feeds[&cfg.feeds[0].url];
    let wait = fs.backoff_until.expect("backoff") - chrono::Utc::now();
    assert!(
        wait.num_seconds() >= 49 && wait.num_seconds() <= 100,
        "{wait}"
    );
    assert!(fs.last_error.as_deref().is_some_and(|e| e.contains("500")));
}

#[test]
fn per_host_delay_is_respected() {
    let server = start(vec![]);
    let delay = Duration::from_millis(120);
    let cfg = config(&server, &["/rss.xml", "/atom.xml"], |d| {
        d.host_delay_ms = 120;
    });
    let mut state = WatchState::default();
    let (report, _) = run(&cfg, &mut state);
    assert_eq!(report.documents, 3);
    let reqs = server.requests();
    assert_eq!(reqs.len(), 5); // 2 feeds + 3 pages, all on 127.0.0.1
    for pair in reqs.windows(2) {
        let gap = pair[1].at - pair[0].at;
        assert!(
            gap >= delay,
            "{} -> {}: {gap:?}",
            pair[0].path,
            pair[1].path
        );
    }
    // Politeness also holds across polls.
    let (_, _) = run(&cfg, &mut state);
    let reqs = server.requests();
    let gap = reqs[5].at - reqs[4].at;
    assert!(gap >= delay, "{gap:?}");
}

#[test]
fn broken_feed_is_reported_and_others_still_polled() {
    let server = start(vec![]);
    let cfg = config(
        &server,
        &["/broken.xml", "/nowhere.xml", "/atom.xml"],
        |_| {},
    );
    let mut state = WatchState::default();
    let (report, docs) = run(&cfg, &mut state);
    assert_eq!(report.feeds_polled, 3);
    assert_eq!(docs.len(), 1);
    assert_eq!(report.errors.len(), 2, "{:?}", report.errors);
    assert!(report.errors[0].feed.ends_with("/broken.xml"));
    assert!(matches!(report.errors[0].error, FeedError::Parse { .. }));
    assert!(report.errors[0].error.to_string().contains("broken.xml"));
    assert!(matches!(
        report.errors[1].error,
        FeedError::Status { status: 404, .. }
    ));
    assert!(state.feeds[&cfg.feeds[0].url].backoff_until.is_some());
}

#[test]
fn page_failure_and_oversize_page_fall_back_to_description() {
    let server = start(vec![(
        "/articles/big.html",
        Box::new(|_: &Request, _: &str| {
            let para = "<p>A very long page about the emergency budget.</p>\n".repeat(2000);
            Response::ok("text/html", format!("<html><body>{para}</body></html>"))
        }),
    )]);
    let cfg = config(&server, &["/fallback.xml"], |d| d.max_item_bytes = 20_000);
    let mut state = WatchState::default();
    let (report, docs) = run(&cfg, &mut state);
    assert_eq!(report.items_new, 2);
    assert_eq!(report.documents, 2);
    assert_eq!(report.page_fallbacks, 2);
    assert_eq!(report.pages_fetched, 0);
    let missing = docs
        .iter()
        .find(|d| {
            d.url
                .as_deref()
                .is_some_and(|u| u.ends_with("missing.html"))
        })
        .expect("missing page item");
    assert_eq!(
        missing.text,
        "Foreign troops arrived at the airport on Friday, officials said."
    );
    assert_eq!(
        missing.title.as_deref(),
        Some("Troops arrive at the airport")
    );
    let big = docs
        .iter()
        .find(|d| d.url.as_deref().is_some_and(|u| u.ends_with("big.html")))
        .expect("big page item");
    assert_eq!(
        big.text,
        "Parliament approved an emergency budget on Friday."
    );
    let reasons: Vec<String> = report.errors.iter().map(|e| e.error.to_string()).collect();
    assert!(report
        .errors
        .iter()
        .any(|e| matches!(e.error, FeedError::Status { status: 404, .. })));
    assert!(
        report
            .errors
            .iter()
            .any(|e| matches!(e.error, FeedError::TooLarge { limit: 20_000, .. })),
        "{reasons:?}"
    );
}

#[test]
fn oversize_page_without_content_length_is_cut_off() {
    // A chunked page: the size is only known while reading.
    let server = MockServer::start(|req, base| {
        if req.path == "/feed.xml" {
            let feed = std::fs::read_to_string(test_data().join("fallback.xml")).expect("fixture");
            Response::ok("application/rss+xml", feed.replace("{{BASE}}", base))
        } else {
            Response::chunked("text/html", "<p>endless page text</p>".repeat(100), 200)
        }
    });
    let base = server.base();
    let cfg = WatchConfig {
        feeds: vec![FeedConfig {
            url: format!("{base}/feed.xml"),
            name: None,
            interval_secs: None,
        }],
        defaults: Defaults {
            host_delay_ms: 0,
            max_item_bytes: 10_000,
            ..Defaults::default()
        },
        state_file: PathBuf::from("unused.json"),
    };
    let mut state = WatchState::default();
    let (report, docs) = run(&cfg, &mut state);
    assert_eq!(docs.len(), 2);
    assert_eq!(
        report
            .errors
            .iter()
            .filter(|e| matches!(e.error, FeedError::TooLarge { limit: 10_000, .. }))
            .count(),
        2,
        "{:?}",
        report.errors
    );
}

#[test]
fn timeouts_and_oversize_feeds_are_errors_and_others_go_on() {
    // A host that accepts connections and never answers.
    let silent_url = format!("{}/feed.xml", MockServer::silent());
    let server = start(vec![]);
    let mut cfg = config(&server, &["/rss.xml", "/atom.xml"], |d| {
        d.timeout_secs = 1;
        d.max_feed_bytes = 700; // rss.xml is larger, atom.xml smaller
    });
    cfg.feeds.insert(
        0,
        FeedConfig {
            url: silent_url,
            name: None,
            interval_secs: None,
        },
    );
    let mut state = WatchState::default();
    let started = Instant::now();
    let (report, docs) = run(&cfg, &mut state);
    assert!(started.elapsed() < Duration::from_secs(4));
    assert_eq!(report.feeds_polled, 3);
    assert_eq!(docs.len(), 1);
    assert_eq!(report.errors.len(), 2, "{:?}", report.errors);
    assert!(matches!(report.errors[0].error, FeedError::Http { .. }));
    assert!(matches!(
        report.errors[1].error,
        FeedError::TooLarge { limit: 700, .. }
    ));
    let line = report.to_string();
    assert!(
        line.contains("3 feeds polled") && line.contains("2 errors"),
        "{line}"
    );
}

#[test]
fn a_sink_error_is_reported_and_the_item_retried() {
    let server = conditional_server("ETag", "\"v1\"");
    let cfg = config(&server, &["/feed.xml"], |_| {});
    let mut state = WatchState::default();
    let mut accepted = Vec::new();
    let report = poll_once(&cfg, &mut state, &mut |d: Document| {
        if d.title.as_deref().is_some_and(|t| t.contains("Geneva")) {
            Err("store is full".to_string())
        } else {
            accepted.push(d.id);
            Ok(())
        }
    });
    assert_eq!(report.documents, 1);
    assert_eq!(accepted.len(), 1);
    assert_eq!(report.errors.len(), 1);
    assert!(report.errors[0].error.to_string().contains("store is full"));
    // The ETag was not kept, so the next poll sees the item again.
    assert_eq!(state.feeds[&cfg.feeds[0].url].etag, None);
    let (again, docs) = run(&cfg, &mut state);
    assert_eq!((again.items_new, again.items_seen), (1, 1));
    assert_eq!(docs.len(), 1);
    assert!(docs[0].text.contains("Geneva"));
    let (third, _) = run(&cfg, &mut state);
    assert_eq!(third.feeds_not_modified, 1);
}

#[test]
fn watch_loops_until_stopped_and_saves_state() {
    let server = start(vec![]);
    let dir = Scratch::new("feeds-watch");
    let state_path = dir.join("state.json");
    let cfg = config(&server, &["/rss.xml"], |d| d.interval_secs = 1);
    let stop = Arc::new(AtomicBool::new(false));
    let stop2 = stop.clone();
    let (cfg2, path2) = (cfg.clone(), state_path.clone());
    let docs = Arc::new(Mutex::new(Vec::new()));
    let docs2 = docs.clone();
    let handle = std::thread::spawn(move || {
        watch(
            &cfg2,
            &path2,
            &mut |d| {
                docs2.lock().map_err(|e| e.to_string())?.push(d);
                Ok(())
            },
            &stop2,
        )
    });
    // Two rounds: the interval is 1 s.
    let started = Instant::now();
    while server.count("/rss.xml") < 2 && started.elapsed() < Duration::from_secs(4) {
        std::thread::sleep(Duration::from_millis(20));
    }
    stop.store(true, Ordering::Relaxed);
    handle.join().expect("thread").expect("watch");
    assert_eq!(server.count("/rss.xml"), 2);
    assert_eq!(docs.lock().expect("docs").len(), 2);
    let state = WatchState::load(&state_path).expect("state saved");
    assert_eq!(state.seen.len(), 4); // guid and link keys of two items
}

#[test]
fn example_config_parses() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/watch.toml");
    let cfg = WatchConfig::load(&path).expect("example config");
    assert_eq!(cfg.feeds.len(), 2);
    assert_eq!(cfg.feeds[0].name.as_deref(), Some("Example News"));
    assert_eq!(cfg.interval(&cfg.feeds[1]), Duration::from_secs(600));
    assert_eq!(cfg.defaults.host_delay_ms, 2000);
    assert_eq!(
        cfg.state_file,
        path.parent().expect("dir").join("watch-state.json")
    );
}

#[test]
fn config_errors_name_the_file() {
    let dir = Scratch::new("feeds-config");
    let path = dir.join("bad.toml");
    std::fs::write(
        &path,
        "state_file = \"s.json\"\n[[feeds]]\nurl = \"https://a.example/rss\"\nnmae = \"typo\"\n",
    )
    .expect("write");
    let err = WatchConfig::load(&path)
        .expect_err("unknown field")
        .to_string();
    assert!(err.contains("bad.toml") && err.contains("nmae"), "{err}");
    let err = WatchConfig::load(&dir.join("absent.toml"))
        .expect_err("missing")
        .to_string();
    assert!(err.contains("absent.toml"), "{err}");
}
