//! Load test (not a test target): the real router with the real coder on
//! `127.0.0.1:0`, concurrent `GET /api/events` readers (with filters) and
//! `POST /api/documents` writers (bearer token, distinct documents) for a
//! bounded time, then a count of the stored documents against the ones the
//! server acknowledged.
//!
//! ```text
//! cargo run --release -p sitrep-server --example load -- \
//!     [--seconds 60] [--db PATH|postgres://…] [--readers 4] [--writers 2]
//!     [--seed-docs 2000] [--max-requests 200000] [--private]
//! ```
//!
//! Every client loop stops by itself at the deadline or after
//! `--max-requests` requests, whichever comes first; only loopback is
//! contacted. Prints requests/s, p50/p99/max latency and errors per
//! endpoint, then `documents acknowledged` vs `stored`; exits 1 on any
//! error or lost document (`scripts/load-test.sh` and `.ci/run` rely on
//! that). With `--db postgres://…` the store lives in its own schema
//! `sitrep_load_<pid>`, dropped afterwards; the default store is a fresh
//! SQLite file in the temp folder, removed afterwards. `--private` makes
//! reads need the token too (readers send it).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use sitrep_coder::{code_document, Lexicon};
use sitrep_server::{router, ServerConfig};
use sitrep_store::Store;
use sitrep_testkit::corpus::corpus;
use sitrep_testkit::store::ingest_in_batches;

/// Filters the readers cycle through: plain pages, country + dates,
/// categories, full text, intensity order, an actor substring.
const READ_PATHS: &[&str] = &[
    "/api/events?limit=50",
    "/api/events?country=UKR&from=2023-03-01&to=2023-09-30&limit=50",
    "/api/events?category=PROTEST,ASSAULT,COERCE&limit=50",
    "/api/events?q=government&limit=20",
    "/api/events?sort=-intensity&limit=50",
    "/api/events?country=MLI&limit=100",
    "/api/events?actor=minister&from=2023-01-01&limit=25",
];

/// (country, adjective, capital) for the posted articles.
const COUNTRIES: &[(&str, &str, &str)] = &[
    ("Mali", "Malian", "Bamako"),
    ("Ukraine", "Ukrainian", "Kyiv"),
    ("Moldova", "Moldovan", "Chisinau"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Poland", "Polish", "Warsaw"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Japan", "Japanese", "Tokyo"),
];

/// A distinct political article: two countries, a protest, an accusation
/// and an aid pledge, dated by `n`.
fn article(writer: usize, n: u64) -> serde_json::Value {
    let i = (writer * 7919 + n as usize) % COUNTRIES.len();
    let (a, adj, capital) = COUNTRIES[i];
    let (b, _, _) = COUNTRIES[(i + 1 + (n as usize / COUNTRIES.len())) % COUNTRIES.len()];
    let day = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default() + chrono::Days::new(n % 365);
    let text = format!(
        "Thousands of protesters rallied outside the government building in {capital} on Sunday, \
         demanding lower fuel prices.\n\n\
         Police detained {k} organisers of the rally late on Sunday, the {adj} Interior Ministry said.\n\n\
         {a}'s government on Tuesday accused {b} of sending troops across the border.\n\n\
         The European Union announced on Monday that it would send {m} million euros in aid to {a}.",
        k = 2 + n % 9,
        m = 10 + n % 90,
    );
    serde_json::json!({
        "id": format!("load-w{writer}-{n:07}"),
        "title": format!("Protest in {capital}; {a} accuses {b} (report {n})"),
        "text": text,
        "published": format!("{day}T10:00:00+00:00"),
        // One outlet per article: the texts share a template, and the store
        // rightly takes same-source texts this alike for versions of one
        // article (across outlets they are linked as near-duplicates).
        "source": format!("load-outlet-{writer}-{n}"),
    })
}

#[derive(Default)]
struct Samples {
    latencies_us: Vec<u64>,
    /// Read latencies by index into `READ_PATHS`.
    by_path: Vec<(usize, u64)>,
    errors: u64,
    first_errors: Vec<String>,
}

impl Samples {
    fn error(&mut self, what: String) {
        self.errors += 1;
        if self.first_errors.len() < 5 {
            self.first_errors.push(what);
        }
    }
    fn merge(&mut self, other: Samples) {
        self.latencies_us.extend(other.latencies_us);
        self.by_path.extend(other.by_path);
        self.errors += other.errors;
        for e in other.first_errors {
            if self.first_errors.len() < 5 {
                self.first_errors.push(e);
            }
        }
    }
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)] as f64 / 1000.0
}

struct Options {
    seconds: u64,
    db: Option<String>,
    readers: usize,
    writers: usize,
    seed_docs: usize,
    max_requests: u64,
    private: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        seconds: 60,
        db: None,
        readers: 4,
        writers: 2,
        seed_docs: 2000,
        max_requests: 200_000,
        private: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        let number = |v: String, name: &str| {
            v.parse::<u64>()
                .map_err(|e| format!("{name}: `{v}` is not a number ({e})"))
        };
        match a.as_str() {
            "--seconds" => o.seconds = number(value(&a)?, &a)?,
            "--db" => o.db = Some(value(&a)?),
            "--readers" => o.readers = number(value(&a)?, &a)? as usize,
            "--writers" => o.writers = number(value(&a)?, &a)? as usize,
            "--seed-docs" => o.seed_docs = number(value(&a)?, &a)? as usize,
            "--max-requests" => o.max_requests = number(value(&a)?, &a)?,
            "--private" => o.private = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if o.seconds == 0 || o.seconds > 3600 {
        return Err("--seconds must be 1..3600".into());
    }
    Ok(o)
}

/// Where the store lives, and how to clean it up afterwards.
enum Place {
    SqliteFile(std::path::PathBuf),
    PostgresSchema { url: String, schema: String },
}

fn open_store(o: &Options) -> Result<(Store, Place), Box<dyn std::error::Error>> {
    match o.db.as_deref() {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            let schema = format!("sitrep_load_{}", std::process::id());
            let store = Store::open_postgres(url, Some(&schema), 4)?;
            Ok((
                store,
                Place::PostgresSchema {
                    url: url.to_owned(),
                    schema,
                },
            ))
        }
        given => {
            let path = given.map(std::path::PathBuf::from).unwrap_or_else(|| {
                std::env::temp_dir().join(format!("sitrep-load-{}.db", std::process::id()))
            });
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            Ok((Store::open_sqlite(&path)?, Place::SqliteFile(path)))
        }
    }
}

fn clean_up(place: &Place) {
    match place {
        Place::SqliteFile(path) => {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        Place::PostgresSchema { url, schema } => {
            match postgres::Client::connect(url, postgres::NoTls).and_then(|mut c| {
                c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
            }) {
                Ok(()) => {}
                Err(e) => eprintln!("load: could not drop schema {schema}: {e}"),
            }
        }
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

fn reader(base: String, token: Option<String>, id: usize, deadline: Instant, max: u64) -> Samples {
    let agent = agent();
    let mut s = Samples::default();
    let mut n = 0u64;
    while Instant::now() < deadline && n < max {
        let which = (id + n as usize) % READ_PATHS.len();
        let path = READ_PATHS[which];
        n += 1;
        let started = Instant::now();
        let mut req = agent.get(format!("{base}{path}"));
        if let Some(t) = &token {
            req = req.header("Authorization", format!("Bearer {t}"));
        }
        match req.call() {
            Ok(mut resp) => {
                let status = resp.status().as_u16();
                let body = resp.body_mut().read_to_string();
                let us = started.elapsed().as_micros() as u64;
                s.latencies_us.push(us);
                s.by_path.push((which, us));
                match body {
                    Ok(b) if status == 200 && b.starts_with("{\"events\":") => {}
                    Ok(b) => s.error(format!("GET {path}: {status} {}", truncate(&b))),
                    Err(e) => s.error(format!("GET {path}: body: {e}")),
                }
            }
            Err(e) => s.error(format!("GET {path}: {e}")),
        }
    }
    s
}

fn truncate(s: &str) -> &str {
    let mut end = s.len().min(200);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Posts one new document per request; returns the samples and the ids the
/// server acknowledged as added.
fn writer(
    base: String,
    token: String,
    id: usize,
    deadline: Instant,
    max: u64,
) -> (Samples, Vec<String>) {
    let agent = agent();
    let mut s = Samples::default();
    let mut acknowledged = Vec::new();
    let mut n = 0u64;
    while Instant::now() < deadline && n < max {
        let doc = article(id, n);
        n += 1;
        let doc_id = doc["id"].as_str().unwrap_or_default().to_owned();
        let started = Instant::now();
        let r = agent
            .post(format!("{base}/api/documents"))
            .header("Authorization", format!("Bearer {token}"))
            .header("Content-Type", "application/json")
            .send(doc.to_string());
        match r {
            Ok(mut resp) => {
                let status = resp.status().as_u16();
                let body = resp.body_mut().read_to_string();
                s.latencies_us.push(started.elapsed().as_micros() as u64);
                let parsed = body
                    .as_deref()
                    .ok()
                    .and_then(|b| serde_json::from_str::<serde_json::Value>(b).ok());
                let added = parsed.as_ref().is_some_and(|v| {
                    v["results"][0]["id"] == doc_id.as_str()
                        && v["results"][0]["outcome"] == "added"
                        && v["results"][0]["events"].as_u64().is_some_and(|e| e > 0)
                });
                if status == 200 && added {
                    acknowledged.push(doc_id);
                } else {
                    s.error(format!(
                        "POST {doc_id}: {status} {}",
                        body.as_deref().map(truncate).unwrap_or("(no body)")
                    ));
                }
            }
            Err(e) => s.error(format!("POST {doc_id}: {e}")),
        }
    }
    (s, acknowledged)
}

fn report(name: &str, s: &mut Samples, seconds: f64) {
    s.latencies_us.sort_unstable();
    println!(
        "| {name} | {} | {:.1} | {:.2} | {:.2} | {:.2} | {} |",
        s.latencies_us.len(),
        s.latencies_us.len() as f64 / seconds,
        percentile(&s.latencies_us, 0.50),
        percentile(&s.latencies_us, 0.99),
        s.latencies_us.last().copied().unwrap_or(0) as f64 / 1000.0,
        s.errors
    );
    for e in &s.first_errors {
        eprintln!("load: {name} error: {e}");
    }
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::FAILURE,
        Err(e) => {
            eprintln!("load: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

fn run() -> Result<bool, Box<dyn std::error::Error>> {
    let o = parse_args()?;
    let (store, place) = open_store(&o)?;
    let store = Arc::new(store);
    let result = load(&o, &store);
    drop(store);
    clean_up(&place);
    result
}

fn load(o: &Options, store: &Arc<Store>) -> Result<bool, Box<dyn std::error::Error>> {
    // Something to read from the first request on: synthetic documents.
    let started = Instant::now();
    let seed = corpus(
        "seed",
        o.seed_docs,
        10,
        NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default(),
        365,
        7,
    );
    ingest_in_batches(store, &seed, 200)?;
    let before = store.counts()?;
    eprintln!(
        "load: {} seeded with {} documents / {} events in {:.1} s",
        store.description(),
        before.documents,
        before.events,
        started.elapsed().as_secs_f64()
    );

    let lexicon = Arc::new(Lexicon::embedded()?);
    let token = format!(
        "load-{}-{}",
        std::process::id(),
        started.elapsed().as_nanos()
    );
    let mut config = ServerConfig::new(Arc::clone(store));
    config.token = Some(token.clone());
    config.private_reads = o.private;
    let lex = Arc::clone(&lexicon);
    config.coder = Some(Arc::new(move |doc| {
        let coded = code_document(&lex, &doc);
        (coded.events, coded.places)
    }));
    let app = router(&config);

    let (addr_tx, addr_rx) = std::sync::mpsc::channel::<std::io::Result<SocketAddr>>();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || -> Result<(), String> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        rt.block_on(async move {
            let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
                Ok(l) => l,
                Err(e) => {
                    let _ = addr_tx.send(Err(e));
                    return Ok(());
                }
            };
            let _ = addr_tx.send(listener.local_addr());
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stop_rx.await;
                })
                .await
                .map_err(|e| e.to_string())
        })
    });
    let addr = addr_rx.recv()??;
    let base = format!("http://{addr}");
    eprintln!(
        "load: serving on {base}; {} readers, {} writers for {} s (at most {} requests each){}",
        o.readers,
        o.writers,
        o.seconds,
        o.max_requests,
        if o.private { ", private reads" } else { "" }
    );

    let t0 = Instant::now();
    let deadline = t0 + Duration::from_secs(o.seconds);
    let done = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..o.readers)
        .map(|i| {
            let (base, token) = (base.clone(), o.private.then(|| token.clone()));
            let max = o.max_requests;
            std::thread::spawn(move || reader(base, token, i, deadline, max))
        })
        .collect();
    let writers: Vec<_> = (0..o.writers)
        .map(|i| {
            let (base, token) = (base.clone(), token.clone());
            let max = o.max_requests;
            std::thread::spawn(move || writer(base, token, i, deadline, max))
        })
        .collect();
    // A progress line every 10 s, so a long run shows it is alive.
    let progress = {
        let done = Arc::clone(&done);
        let store = Arc::clone(store);
        let last = Arc::new(AtomicU64::new(before.documents));
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(500));
                let s = t0.elapsed().as_secs();
                if s > 0 && s.is_multiple_of(10) && !done.load(Ordering::Relaxed) {
                    if let Ok(c) = store.counts() {
                        if last.swap(c.documents, Ordering::Relaxed) != c.documents {
                            eprintln!("load: {s} s, {} documents stored", c.documents);
                        }
                    }
                    std::thread::sleep(Duration::from_millis(600));
                }
            }
        })
    };
    let mut reads = Samples::default();
    for r in readers {
        reads.merge(r.join().map_err(|_| "a reader thread panicked")?);
    }
    let mut writes = Samples::default();
    let mut acknowledged = Vec::new();
    for w in writers {
        let (s, ids) = w.join().map_err(|_| "a writer thread panicked")?;
        writes.merge(s);
        acknowledged.extend(ids);
    }
    let elapsed = t0.elapsed().as_secs_f64();
    done.store(true, Ordering::Relaxed);
    let _ = progress.join();
    let _ = stop_tx.send(());
    match server.join() {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(format!("server: {e}").into()),
        Err(_) => return Err("the server thread panicked".into()),
    }

    // Every acknowledged document must be stored, and nothing else added.
    let after = store.counts()?;
    let stored_new = after.documents - before.documents;
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|id| !matches!(store.document(id), Ok(Some(_))))
        .collect();

    println!(
        "\nload test: {} for {elapsed:.1} s on loopback, {} readers + {} writers\n",
        store.description(),
        o.readers,
        o.writers
    );
    println!("| endpoint | requests | requests/s | p50 ms | p99 ms | max ms | errors |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    report("GET /api/events", &mut reads, elapsed);
    report("POST /api/documents", &mut writes, elapsed);
    println!("\n| read | requests | p50 ms | p99 ms |\n|---|---:|---:|---:|");
    for (i, path) in READ_PATHS.iter().enumerate() {
        let mut l: Vec<u64> = reads
            .by_path
            .iter()
            .filter(|(p, _)| *p == i)
            .map(|(_, us)| *us)
            .collect();
        l.sort_unstable();
        println!(
            "| `{path}` | {} | {:.2} | {:.2} |",
            l.len(),
            percentile(&l, 0.50),
            percentile(&l, 0.99)
        );
    }
    println!(
        "\ndocuments acknowledged: {}, stored: {stored_new}, missing: {}, events stored: {}",
        acknowledged.len(),
        missing.len(),
        after.events - before.events
    );
    let ok = reads.errors == 0
        && writes.errors == 0
        && missing.is_empty()
        && stored_new == acknowledged.len() as u64
        && (o.writers == 0 || !acknowledged.is_empty())
        && (o.readers == 0 || !reads.latencies_us.is_empty());
    println!(
        "load test: {}",
        if ok {
            "PASS (0 errors, no lost document)"
        } else {
            "FAIL"
        }
    );
    Ok(ok)
}
