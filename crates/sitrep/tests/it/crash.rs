//! Crash safety (issue 5): `sitrep ingest` killed with SIGKILL at random
//! points must leave every document either fully stored or absent, no
//! orphan rows, a sound database file, and a store that a second,
//! uninterrupted run completes to exactly what one uninterrupted run gives.
//!
//! Two corpora with the same ids: `A` (new documents) and `B` (every third
//! document of `A` changed, so it becomes version 2 with its events
//! replaced, plus documents `A` does not have). Even iterations kill an
//! ingest of `A` into an empty store; odd ones kill an ingest of `B` into a
//! copy of the finished `A` store, so a kill can land inside a new version's
//! delete-and-reinsert. After each kill every document must equal its state
//! in the uninterrupted `A` run, its state in the uninterrupted `A`+`B`
//! run, or be absent (new documents only).
//!
//! `SITREP_KILL_ITERATIONS` (default 20) sets the number of kills,
//! `SITREP_KILL_SEED` the seed of the kill points; `SITREP_BIN` picks the
//! binary like the bad-input tests. The PostgreSQL half runs when
//! `SITREP_TEST_PG` is set (a database per store, dropped afterwards).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Scratch;

/// Documents in corpus `A`; `B` changes a third of them and adds a fifth more.
const DOCUMENTS: usize = 300;

/// Countries (name, capital) rotated through the documents so that the
/// documents code to different actors, targets and places.
const COUNTRIES: &[(&str, &str)] = &[
    ("Ghana", "Accra"),
    ("Kenya", "Nairobi"),
    ("France", "Paris"),
    ("Egypt", "Cairo"),
    ("Poland", "Warsaw"),
    ("Turkey", "Ankara"),
    ("Brazil", "Brasilia"),
    ("Japan", "Tokyo"),
    ("Nigeria", "Abuja"),
    ("Germany", "Berlin"),
];

/// The example articles' bodies (after the dateline) and headlines.
fn example_articles() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/articles")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("read example article");
            let paragraphs: Vec<&str> = text
                .split("\n\n")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            let headline = paragraphs.first().copied().unwrap_or_default().to_owned();
            // Body: the paragraphs after the dateline (the one in capitals).
            let body_start = paragraphs
                .iter()
                .position(|p| {
                    p.split(',')
                        .next()
                        .is_some_and(|w| w.len() > 2 && w.chars().all(|c| !c.is_lowercase()))
                })
                .map_or(2, |i| i + 1);
            (headline, paragraphs[body_start..].join("\n\n"))
        })
        .collect()
}

/// One JSONL document: an example article, a sentence naming two rotated
/// countries, a publication date shifted by `i` days; `changed` adds a
/// sentence (a new version of the same id).
fn document_line(articles: &[(String, String)], i: usize, changed: bool) -> String {
    let (headline, body) = &articles[i % articles.len()];
    let (a, capital) = COUNTRIES[i % COUNTRIES.len()];
    let (b, _) = COUNTRIES[(i / COUNTRIES.len() + i + 1) % COUNTRIES.len()];
    let mut text = format!(
        "{body}\n\n{a}'s foreign minister met {b}'s ambassador in {capital} on Monday and offered to mediate."
    );
    if changed {
        text.push_str(&format!(
            "\n\n{b} on Wednesday accused {a} of violating the ceasefire agreement."
        ));
    }
    let day = chrono::NaiveDate::from_ymd_opt(2023, 1, 2).expect("date")
        + chrono::Days::new(i as u64 % 700);
    // Each document is its own article (own outlet and headline): with one
    // source and one headline the store would rightly take them all for
    // versions of one article. Across outlets they are wire copies, so the
    // near-duplicate links are exercised too.
    serde_json::json!({
        "id": format!("kill-{i:04}"),
        "title": format!("{headline} ({i})"),
        "text": text,
        "published": format!("{day}T11:05:00+00:00"),
        "source": format!("outlet-{i:04}"),
    })
    .to_string()
}

/// Writes corpora `A` and `B`; returns their paths.
fn write_corpora(s: &Scratch) -> (PathBuf, PathBuf) {
    let articles = example_articles();
    assert!(!articles.is_empty(), "examples/articles has articles");
    let a: Vec<String> = (0..DOCUMENTS)
        .map(|i| document_line(&articles, i, false))
        .collect();
    let b: Vec<String> = (0..DOCUMENTS + DOCUMENTS / 5)
        .map(|i| document_line(&articles, i, i % 3 == 0))
        .collect();
    (
        s.file("a.jsonl", a.join("\n") + "\n"),
        s.file("b.jsonl", b.join("\n") + "\n"),
    )
}

/// The binary under test (`SITREP_BIN`, relative to the repository root).
fn binary() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::var_os("SITREP_BIN")
        .map(|b| root.join(b))
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_sitrep")))
}

fn ingest_command(db: &str, corpus: &Path) -> Command {
    let mut c = Command::new(binary());
    c.arg("ingest")
        .arg("--db")
        .arg(db)
        .arg(corpus)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// Runs an ingest to completion; returns how long it took.
fn ingest(db: &str, corpus: &Path) -> Duration {
    let started = Instant::now();
    let out = ingest_command(db, corpus)
        .output()
        .expect("start sitrep ingest");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && !stderr.contains("panicked") && !stderr.contains("not stored"),
        "ingest into {db} failed ({}):\n{stderr}",
        out.status
    );
    started.elapsed()
}

/// Starts an ingest and kills it (SIGKILL) after `after`. Returns whether
/// the kill landed before the process ended by itself.
fn ingest_killed(db: &str, corpus: &Path, after: Duration) -> bool {
    let mut child = ingest_command(db, corpus)
        .spawn()
        .expect("start sitrep ingest");
    let mut stderr = child.stderr.take().expect("stderr pipe");
    let drain = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    let mut killed = false;
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if started.elapsed() >= after {
            // `Child::kill` sends SIGKILL on Unix: no handler, no cleanup.
            killed = child.kill().is_ok();
            let _ = child.wait();
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let stderr = drain.join().unwrap_or_default();
    assert!(!stderr.contains("panicked"), "{stderr}");
    killed
}

/// Small deterministic generator for kill points (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A duration uniformly in `[0, max)`.
    fn below(&mut self, max: Duration) -> Duration {
        let micros = max.as_micros().max(1) as u64;
        Duration::from_micros(self.next() % micros)
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Everything the store holds about one document, without the columns
/// that differ between two runs (row ids, ingestion times).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct DocState {
    /// version and content hash of `documents`.
    current: Vec<String>,
    /// `document_versions`: version, hash, event_count.
    versions: Vec<String>,
    /// `events`: event_id, version, record.
    events: Vec<String>,
    actors: Vec<String>,
    places: Vec<String>,
    countries: Vec<String>,
    /// Full-text rows (SQLite only): event_id and sentence.
    fts: Vec<String>,
}

/// The whole store by document id, plus the problems found (orphans,
/// integrity, disagreeing counts).
struct Snapshot {
    docs: BTreeMap<String, DocState>,
    problems: Vec<String>,
}

/// Reads rows as text cells joined by a separator.
trait Rows {
    fn rows(&mut self, sql: &str) -> Vec<Vec<String>>;
}

struct Sqlite(rusqlite::Connection);

impl Rows for Sqlite {
    fn rows(&mut self, sql: &str) -> Vec<Vec<String>> {
        let mut st = self.0.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
        let n = st.column_count();
        let mut rows = st.query([]).expect("query");
        let mut out = Vec::new();
        while let Some(r) = rows.next().expect("row") {
            out.push(
                (0..n)
                    .map(|i| {
                        use rusqlite::types::ValueRef;
                        match r.get_ref(i).expect("cell") {
                            ValueRef::Null => "NULL".to_owned(),
                            ValueRef::Integer(v) => v.to_string(),
                            ValueRef::Real(v) => v.to_string(),
                            ValueRef::Text(t) | ValueRef::Blob(t) => {
                                String::from_utf8_lossy(t).into_owned()
                            }
                        }
                    })
                    .collect(),
            );
        }
        out
    }
}

struct Postgres(postgres::Client);

impl Rows for Postgres {
    fn rows(&mut self, sql: &str) -> Vec<Vec<String>> {
        let rows = self
            .0
            .query(sql, &[])
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        rows.iter()
            .map(|r| (0..r.len()).map(|i| pg_cell(r, i)).collect())
            .collect()
    }
}

/// A PostgreSQL cell as text, whatever its (text, integer or float) type.
fn pg_cell(r: &postgres::Row, i: usize) -> String {
    let or_null = |v: Option<String>| v.unwrap_or_else(|| "NULL".to_owned());
    if let Ok(v) = r.try_get::<_, Option<String>>(i) {
        return or_null(v);
    }
    if let Ok(v) = r.try_get::<_, Option<i64>>(i) {
        return or_null(v.map(|v| v.to_string()));
    }
    if let Ok(v) = r.try_get::<_, Option<i32>>(i) {
        return or_null(v.map(|v| v.to_string()));
    }
    if let Ok(v) = r.try_get::<_, Option<f64>>(i) {
        return or_null(v.map(|v| v.to_string()));
    }
    panic!(
        "column {i} of type {} is not read by the kill test",
        r.columns()[i].type_()
    )
}

fn snapshot(db: &mut dyn Rows, postgres: bool) -> Snapshot {
    // A kill before the first migration committed leaves no tables (or no
    // file): every document is absent, which is a valid state.
    let has_tables = if postgres {
        db.rows("SELECT to_regclass('event_countries')::text")
            .first()
            .and_then(|r| r.first())
            .is_some_and(|v| v != "NULL")
    } else {
        !db.rows("SELECT name FROM sqlite_master WHERE name = 'event_countries'")
            .is_empty()
    };
    if !has_tables {
        let mut problems = Vec::new();
        if !postgres {
            let integrity = db.rows("PRAGMA integrity_check");
            if integrity != vec![vec!["ok".to_owned()]] {
                problems.push(format!("integrity_check: {integrity:?}"));
            }
        }
        return Snapshot {
            docs: BTreeMap::new(),
            problems,
        };
    }
    let mut docs: BTreeMap<String, DocState> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut fill = |sql: &str, pick: fn(&mut DocState) -> &mut Vec<String>| {
        for r in db.rows(sql) {
            let (id, rest) = r.split_first().expect("a document id column");
            pick(docs.entry(id.clone()).or_default()).push(rest.join("\u{1f}"));
        }
    };
    fill("SELECT id, version, content_hash FROM documents", |d| {
        &mut d.current
    });
    fill(
        "SELECT doc_id, version, content_hash, event_count FROM document_versions",
        |d| &mut d.versions,
    );
    fill(
        "SELECT doc_id, event_id, doc_version, record FROM events",
        |d| &mut d.events,
    );
    fill(
        "SELECT doc_id, event_id, role, code, COALESCE(sector, ''), text, span_start, span_end FROM actors",
        |d| &mut d.actors,
    );
    fill(
        "SELECT doc_id, start, \"end\", text, lat, lon, geonameid, country, feature FROM places",
        |d| &mut d.places,
    );
    fill(
        "SELECT doc_id, code, date_key, event_id FROM event_countries",
        |d| &mut d.countries,
    );
    if !postgres {
        fill(
            "SELECT e.doc_id, e.event_id, f.sentence FROM events_fts f JOIN events e ON e.id = f.rowid",
            |d| &mut d.fts,
        );
    }
    for d in docs.values_mut() {
        for v in [
            &mut d.current,
            &mut d.versions,
            &mut d.events,
            &mut d.actors,
            &mut d.places,
            &mut d.countries,
            &mut d.fts,
        ] {
            v.sort();
        }
    }
    // Rows that point at nothing.
    let orphans: &[(&str, &str)] = &[
        (
            "events without their document",
            "SELECT event_id FROM events WHERE doc_id NOT IN (SELECT id FROM documents)",
        ),
        (
            "versions without their document",
            "SELECT doc_id FROM document_versions WHERE doc_id NOT IN (SELECT id FROM documents)",
        ),
        (
            "documents without their current version row",
            "SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_versions v WHERE v.doc_id = d.id AND v.version = d.version)",
        ),
        (
            "actors without their event",
            "SELECT event_id FROM actors WHERE event_id NOT IN (SELECT event_id FROM events)",
        ),
        (
            "places without their document",
            "SELECT doc_id FROM places WHERE doc_id NOT IN (SELECT id FROM documents)",
        ),
        (
            "country rows without their event",
            "SELECT event_id FROM event_countries c WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = c.event_id AND e.id = c.id)",
        ),
        (
            "documents whose event_count differs from their stored events",
            "SELECT d.id FROM documents d JOIN document_versions v ON v.doc_id = d.id AND v.version = d.version \
             WHERE v.event_count <> (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id)",
        ),
        (
            "LSH bands without their document",
            "SELECT doc_id FROM document_bands WHERE doc_id NOT IN (SELECT id FROM documents)",
        ),
        (
            "links from a missing document",
            "SELECT doc_id FROM document_links WHERE doc_id NOT IN (SELECT id FROM documents)",
        ),
        (
            // A version link names the id the version arrived under, which
            // is no document of its own; a duplicate names a document.
            "near-duplicate links to a missing document",
            "SELECT doc_id FROM document_links WHERE kind = 'duplicate' \
             AND other_id NOT IN (SELECT id FROM documents)",
        ),
        (
            "events of an older version than their document's",
            "SELECT e.event_id FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.doc_version <> d.version",
        ),
    ];
    for (what, sql) in orphans {
        let n = db.rows(sql).len();
        if n > 0 {
            problems.push(format!("{n} {what}"));
        }
    }
    if !postgres {
        for (what, sql) in [
            (
                "full-text rows without their event",
                "SELECT rowid FROM events_fts WHERE rowid NOT IN (SELECT id FROM events)",
            ),
            (
                "events without their full-text row",
                "SELECT id FROM events WHERE id NOT IN (SELECT rowid FROM events_fts)",
            ),
        ] {
            let n = db.rows(sql).len();
            if n > 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        let integrity = db.rows("PRAGMA integrity_check");
        if integrity != vec![vec!["ok".to_owned()]] {
            problems.push(format!("integrity_check: {integrity:?}"));
        }
        // FTS5's own consistency check errors out on a damaged index.
        let _ = db.rows("INSERT INTO events_fts(events_fts) VALUES ('integrity-check')");
    }
    Snapshot { docs, problems }
}

/// A store under test: SQLite file or PostgreSQL database.
trait Backend {
    /// Name for messages.
    fn name(&self) -> &'static str;
    /// A new, empty store; returns its `--db` address.
    fn fresh(&mut self, label: &str) -> String;
    /// A copy of the store at `db` (no process has it open).
    fn copy(&mut self, db: &str, label: &str) -> String;
    fn snapshot(&mut self, db: &str) -> Snapshot;
}

struct SqliteBackend {
    dir: PathBuf,
}

impl Backend for SqliteBackend {
    fn name(&self) -> &'static str {
        "sqlite"
    }
    fn fresh(&mut self, label: &str) -> String {
        let path = self.dir.join(format!("{label}.db"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        path.display().to_string()
    }
    fn copy(&mut self, db: &str, label: &str) -> String {
        let to = self.fresh(label);
        for suffix in ["", "-wal"] {
            let from = format!("{db}{suffix}");
            if Path::new(&from).exists() {
                std::fs::copy(&from, format!("{to}{suffix}")).expect("copy store");
            }
        }
        to
    }
    fn snapshot(&mut self, db: &str) -> Snapshot {
        // Opening runs recovery from the WAL exactly as the next sitrep
        // process would.
        let c = rusqlite::Connection::open(db).expect("open killed store");
        snapshot(&mut Sqlite(c), false)
    }
}

struct PgBackend {
    /// `SITREP_TEST_PG` (an admin connection's database).
    admin_url: String,
    admin: postgres::Client,
    created: Vec<String>,
}

/// `url` with its database name replaced by `db`.
fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    format!("{host_part}/{db}{query}")
}

impl PgBackend {
    fn database_name(label: &str) -> String {
        format!("sitrep_kill_{}_{label}", std::process::id())
    }
    fn drop_database(&mut self, name: &str) {
        let _ = self
            .admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    }
}

impl Drop for PgBackend {
    fn drop(&mut self) {
        for name in std::mem::take(&mut self.created) {
            self.drop_database(&name);
        }
    }
}

impl Backend for PgBackend {
    fn name(&self) -> &'static str {
        "postgres"
    }
    fn fresh(&mut self, label: &str) -> String {
        let name = Self::database_name(label);
        self.drop_database(&name);
        self.admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create database");
        if !self.created.contains(&name) {
            self.created.push(name.clone());
        }
        with_database(&self.admin_url, &name)
    }
    fn copy(&mut self, db: &str, label: &str) -> String {
        let from = db
            .rsplit('/')
            .next()
            .and_then(|s| s.split('?').next())
            .unwrap_or_default()
            .to_owned();
        let name = Self::database_name(label);
        self.drop_database(&name);
        // The template must have no sessions; the snapshot's connection
        // may still be closing on the server, so wait for it a little.
        let mut attempt = 0;
        while let Err(e) = self
            .admin
            .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {from}"))
        {
            attempt += 1;
            assert!(attempt < 50, "copy database {from}: {e}");
            std::thread::sleep(Duration::from_millis(100));
        }
        if !self.created.contains(&name) {
            self.created.push(name.clone());
        }
        with_database(&self.admin_url, &name)
    }
    fn snapshot(&mut self, db: &str) -> Snapshot {
        let c = postgres::Client::connect(db, postgres::NoTls).expect("connect to killed store");
        snapshot(&mut Postgres(c), true)
    }
}

/// What one iteration saw, for the summary line.
struct Kill {
    at: Duration,
    killed: bool,
    present: usize,
    changed: usize,
}

/// Checks a killed store: each document equals one of its `allowed`
/// states or is absent where `may_be_absent` says so.
fn check_killed(
    snap: &Snapshot,
    allowed: &[&BTreeMap<String, DocState>],
    may_be_absent: impl Fn(&str) -> bool,
    context: &str,
) {
    assert!(
        snap.problems.is_empty(),
        "{context}: {}",
        snap.problems.join("; ")
    );
    let known = allowed
        .iter()
        .flat_map(|m| m.keys())
        .collect::<std::collections::BTreeSet<_>>();
    for id in snap.docs.keys() {
        assert!(known.contains(id), "{context}: unexpected document {id}");
    }
    for id in known {
        match snap.docs.get(id.as_str()) {
            None => assert!(
                may_be_absent(id),
                "{context}: document {id} was stored before and is now lost"
            ),
            Some(state) => assert!(
                allowed.iter().any(|m| m.get(id.as_str()) == Some(state)),
                "{context}: document {id} is partly stored: {state:#?}\nexpected one of {:#?}",
                allowed
                    .iter()
                    .filter_map(|m| m.get(id.as_str()))
                    .collect::<Vec<_>>()
            ),
        }
    }
}

fn assert_same(snap: &Snapshot, expected: &BTreeMap<String, DocState>, context: &str) {
    assert!(
        snap.problems.is_empty(),
        "{context}: {}",
        snap.problems.join("; ")
    );
    let lost: Vec<&String> = expected
        .keys()
        .filter(|k| !snap.docs.contains_key(*k))
        .collect();
    assert!(lost.is_empty(), "{context}: documents lost: {lost:?}");
    for (id, state) in expected {
        assert_eq!(
            snap.docs.get(id),
            Some(state),
            "{context}: document {id} differs from the uninterrupted run"
        );
    }
    assert_eq!(
        snap.docs.len(),
        expected.len(),
        "{context}: extra documents"
    );
}

fn kill_test(backend: &mut dyn Backend) {
    let s = Scratch::new(&format!("kill-{}", backend.name()));
    let (corpus_a, corpus_b) = write_corpora(&s);
    let iterations = env_number("SITREP_KILL_ITERATIONS", 20);
    let mut rng = Rng(env_number("SITREP_KILL_SEED", 5));

    // The uninterrupted runs: A into an empty store, then B on top.
    let full = backend.fresh("full");
    let time_a = ingest(&full, &corpus_a);
    let expected_a = backend.snapshot(&full).docs;
    let after_a = backend.copy(&full, "after_a");
    let time_b = ingest(&full, &corpus_b);
    let expected_ab = backend.snapshot(&full).docs;
    assert_eq!(expected_a.len(), DOCUMENTS, "every document of A stored");
    assert!(
        expected_a.values().all(|d| !d.events.is_empty()
            && !d.actors.is_empty()
            && !d.places.is_empty()
            && !d.countries.is_empty()),
        "every document yields events, actors, places"
    );
    let versions_2 = expected_ab
        .values()
        .filter(|d| d.current.first().is_some_and(|c| c.starts_with("2\u{1f}")))
        .count();
    assert_eq!(versions_2, DOCUMENTS / 3, "B makes new versions");
    let events_a: usize = expected_a.values().map(|d| d.events.len()).sum();
    eprintln!(
        "kill test ({}): corpus A {} documents / {events_a} events in {time_a:?}, B in {time_b:?}, {iterations} kills",
        backend.name(),
        expected_a.len()
    );

    let mut kills = Vec::new();
    for i in 0..iterations {
        let on_b = i % 2 == 1;
        let (db, corpus, end) = if on_b {
            (backend.copy(&after_a, "iter"), &corpus_b, time_b)
        } else {
            (backend.fresh("iter"), &corpus_a, time_a)
        };
        // A point between the start and the uninterrupted run's end (a
        // little past it, as a loaded machine runs slower).
        let at = rng.below(end + end / 10);
        let killed = ingest_killed(&db, corpus, at);
        let context = format!(
            "{} kill {i} at {at:?} ({})",
            backend.name(),
            if on_b { "B over A" } else { "A into empty" }
        );
        let snap = backend.snapshot(&db);
        let (present, changed);
        if on_b {
            check_killed(
                &snap,
                &[&expected_a, &expected_ab],
                |id| !expected_a.contains_key(id),
                &context,
            );
            changed = snap
                .docs
                .iter()
                .filter(|(id, st)| expected_a.get(*id) != Some(*st))
                .count();
        } else {
            check_killed(&snap, &[&expected_a], |_| true, &context);
            changed = snap.docs.len();
        }
        present = snap.docs.len();
        // Finish the interrupted work; the result must equal the
        // uninterrupted run's.
        ingest(&db, corpus);
        let done = backend.snapshot(&db);
        assert_same(
            &done,
            if on_b { &expected_ab } else { &expected_a },
            &format!("{context}, after re-running ingest"),
        );
        kills.push(Kill {
            at,
            killed,
            present,
            changed,
        });
    }
    let summary: Vec<String> = kills
        .iter()
        .enumerate()
        .map(|(i, k)| {
            format!(
                "{i}:{}{}ms→{}{}",
                if i % 2 == 1 { "B@" } else { "A@" },
                k.at.as_millis(),
                if k.killed { "" } else { "(done) " },
                if i % 2 == 1 {
                    format!("{} docs, {} from B", k.present, k.changed)
                } else {
                    format!("{} docs", k.present)
                }
            )
        })
        .collect();
    eprintln!(
        "kill test ({}): {} kills ({} before the process ended), 0 documents lost or partial; {}",
        backend.name(),
        kills.len(),
        kills.iter().filter(|k| k.killed).count(),
        summary.join(", ")
    );
}

#[test]
fn sigkill_during_ingest_sqlite() {
    let s = Scratch::new("kill-stores");
    kill_test(&mut SqliteBackend {
        dir: s.path().to_path_buf(),
    });
}

#[test]
fn sigkill_during_ingest_postgres() {
    let Some(url) = sitrep_testkit::postgres_url("sitrep kill test") else {
        return;
    };
    let admin = postgres::Client::connect(&url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("SITREP_TEST_PG={url} is not reachable: {e}"));
    kill_test(&mut PgBackend {
        admin_url: url,
        admin,
        created: Vec::new(),
    });
}

#[test]
fn database_names_are_replaced_in_urls() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
        "postgres://postgres@127.0.0.1:5432/x"
    );
    assert_eq!(
        with_database("postgres://u@h/test?sslmode=disable", "x"),
        "postgres://u@h/x?sslmode=disable"
    );
    assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
}
