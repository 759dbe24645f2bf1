//! # sitrep-store
//!
//! The record people query: documents, their versions, the events coded
//! from them (in the exact `sitrep code` JSON), actors and places, in
//! SQLite (default, embedded) or PostgreSQL (shared, several writers).
//!
//! ```no_run
//! # fn main() -> Result<(), sitrep_store::StoreError> {
//! use sitrep_store::{Store, EventQuery};
//! let store = Store::open("sitrep.db")?; // or "postgres://user@host/db"
//! # let (doc, events, places) = (Default::default(), vec![], vec![]);
//! let outcome = store.ingest_document(&doc, &events, &places)?;
//! let q = EventQuery::from_pairs([("country", "UKR"), ("from", "2024-01-01")], &[], 100)?;
//! let page = store.events(&q)?;
//! # Ok(()) }
//! ```
//!
//! ## Backends
//! * **SQLite** through `rusqlite` with the bundled library: WAL journal,
//!   `synchronous = NORMAL` (in WAL mode a commit is atomic and survives a
//!   crash or kill of the process; only a power loss may drop the last few
//!   commits, never corrupt the file — the usual trade for ~10× faster
//!   ingest than `FULL`), `foreign_keys = ON`, a 64 MiB page cache, statement journals in
//!   memory, WAL checkpoints every 128 MiB on a background thread (so the
//!   writer never stalls on them), a 10 s busy timeout, one
//!   writer connection and four reader connections (a read takes a free
//!   one; readers are not blocked by an ingest in WAL mode, nor quick pages
//!   by a slow scan). Full text: an FTS5 table (`porter unicode61`)
//!   whose rowid is `events.id`.
//! * **PostgreSQL** through the synchronous `postgres` crate. Chosen over
//!   sqlx because the store's API is synchronous like rusqlite's (the CLI
//!   ingests in a plain loop, the server calls it in `spawn_blocking`), it
//!   builds faster, needs no compile-time query checking or offline query
//!   data, and it keeps one SQL text per dialect visible in this crate. Full
//!   text: a generated `tsvector` column (`english`) with a GIN index.
//!   `Store::open_postgres` can put the tables in their own schema (tests).
//!
//! ## Schema and migrations
//! Versioned SQL files under `migrations/{sqlite,postgres}/NNNN_name.sql`
//! are compiled in and applied on open, each in its own transaction, and
//! recorded in `schema_migrations`; PostgreSQL openers take an advisory lock
//! so concurrent processes migrate once. A database newer than this build
//! is refused ([`StoreError::SchemaTooNew`]).
//!
//! Tables: `documents` (current version: id, title, source, url,
//! published, text, `content_hash`, version), `document_versions` (every
//! version ever stored, with its text), `events` (one column per filterable
//! `EventRecord` field plus `record`, the full JSON), `actors` (source and
//! target of each event), `places` (resolved place mentions),
//! `event_countries` (one row per distinct country code of an event, keyed
//! `(code, date_key, event_id)`: a country filter is one index range in date
//! order), `document_bands` (MinHash LSH band keys of each document's body,
//! keyed `(band, hash, doc_id)`) and `document_links` (near-duplicates and
//! the ids versions arrived with, with similarity and reason). Migration 6
//! adds `documents.version_key` (indexed), `body_start`, `is_update` and
//! `document_versions.arrived_as`, `why`; applying it computes the keys
//! and bands of the documents already stored ([`Store::backfill_version_keys`]).
//!
//! ## Ingest
//! [`Store::ingest_document`] stores a document, its events and places in
//! one transaction and reports an [`IngestOutcome`]: `Added` (new id),
//! `Unchanged` (same content hash as the current version; nothing written)
//! or `NewVersion` (changed content: the next version is recorded in the
//! history and its events and places replace the previous ones). The
//! content hash is SHA-256 over title, source, url, publication time and
//! text.
//!
//! **Versions across ids** ([`links`]): a document whose id is not stored
//! is still a version of a stored article when it has the same source and
//! headline once update markers are removed, or the same source and a body
//! sharing ≥ 50 % of its word 5-shingles (Jaccard; candidates from the
//! stored LSH bands) — the rules of `sitrep-stories`, which the store
//! calls itself. It is then stored under the article's id: as its new
//! current version (`NewVersion`: its events replace the earlier ones) or,
//! when it was published before the current version, in the history only
//! (`OlderVersion`: the current version and its events stay). The id it
//! arrived with is kept (`arrived_as`), and re-ingesting it is
//! `Unchanged`. Documents of another source whose bodies share ≥ 60 % of
//! their shingles are linked as near-duplicates (`duplicates` in
//! [`DocumentView`]). [`Store::ingest_report`] says where a document went
//! and why.
//!
//! [`Store::ingest_batch`] stores many documents in one transaction with a
//! savepoint per document (a failing document is rolled back alone and
//! reported at its index): use it for bulk loads, it is several times
//! faster than one transaction per document.
//!
//! Concurrency on PostgreSQL: the document row is created with
//! `INSERT … ON CONFLICT (id) DO NOTHING`; when it exists the transaction
//! reads it `FOR UPDATE`, so ingesters of the same id queue on that row and
//! each sees the other's committed result: several processes ingesting
//! overlapping inputs neither duplicate nor lose documents. Events are
//! keyed by their `event_id` (`ON CONFLICT DO NOTHING`). Serialisation
//! failures and deadlocks are retried.
//!
//! ## Queries
//! [`EventFilter`]: `category` (any of, comma-separated), `country`
//! (source, target or location code), `actor` (case-insensitive substring
//! of source/target text or code), `from`/`to` (event date, inclusive),
//! `bbox` (`min_lon,min_lat,max_lon,max_lat`), `q` (all words in the
//! sentence), `doc_id`. [`Page`]: `sort` (`-date` default, `date`,
//! `intensity`, `-intensity`; ties by `event_id`), `limit` (capped at
//! [`MAX_LIMIT`]), `cursor` (keyset, from the previous page's `next`) and
//! `offset`. [`Store::stats`] counts events per day × category × country
//! (country = location code, else source code, else target code). Every
//! value reaches SQL as a bound parameter.
//!
//! [`Store::set_query_timeout`] limits every read (the server sets 5 s by
//! default): on SQLite a progress handler checks the deadline every 10,000
//! virtual-machine steps and interrupts the statement; on PostgreSQL the
//! session's `statement_timeout` is set for reads (and reset to none before
//! writes, which are never limited). A read over the limit returns
//! [`StoreError::QueryTimeout`]; the connection stays usable.
//! [`with_deadline`] bounds every read on the calling thread by one
//! request's deadline as well: waiting for a free reader connection, each
//! page of [`Store::for_each_event`] and each statement stop there with
//! [`StoreError::DeadlinePassed`].
//!
//! ## Tests
//! `cargo test -p sitrep-store` runs every test against SQLite, and also
//! against PostgreSQL when `SITREP_TEST_PG` is set, e.g.
//! `SITREP_TEST_PG=postgres://postgres@127.0.0.1:5432/test` (each test in
//! its own schema, dropped afterwards; an unreachable server fails the
//! tests). Without it the PostgreSQL half is skipped with the message
//! "PostgreSQL tests skipped: SITREP_TEST_PG not set". The concurrency
//! tests run four ingesters (own connections, overlapping inputs, single
//! documents and batches) and count documents, versions, events, places.
//! The synthetic documents and records they store come from the dev-only
//! `sitrep-testkit` crate (`corpus`), not from this library.

mod checkpoint;
pub mod db;
pub mod filter;
pub mod links;
pub mod model;
mod ops;
pub mod sql;

use std::cell::Cell;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use sitrep_coder::record::{EventRecord, PlaceRecord};
use sitrep_coder::Document;

pub use filter::{
    Bbox, Cursor, EventFilter, EventQuery, FilterError, Page, Sort, DEFAULT_LIMIT, MAX_LIMIT,
    QUERY_PARAMS,
};
pub use model::*;
pub use ops::content_hash;

use db::Exec;

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("postgres: {0}")]
    Postgres(#[from] postgres::Error),
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Filter(#[from] FilterError),
    #[error("bad database address `{0}`: {1}")]
    BadUrl(String, String),
    #[error("database schema version {found} is newer than this build knows ({known})")]
    SchemaTooNew { found: i64, known: i64 },
    #[error("store is inconsistent: {0}")]
    Corrupt(String),
    #[error("a connection lock was poisoned by a panic")]
    Poisoned,
    /// A read query ran longer than [`Store::set_query_timeout`] allows
    /// and was stopped (SQLite progress handler, PostgreSQL
    /// `statement_timeout`).
    #[error("the query was stopped after the time limit of {limit_ms} ms")]
    QueryTimeout { limit_ms: u64 },
    /// The request's deadline (see [`with_deadline`]) passed while the
    /// read waited for a connection or ran.
    #[error(
        "the request's deadline passed after {waited_ms} ms (waiting for a connection or reading)"
    )]
    DeadlinePassed { waited_ms: u64 },
}

impl StoreError {
    /// Whether retrying the transaction may succeed (PostgreSQL
    /// serialisation failure or deadlock, SQLite busy).
    fn retryable(&self) -> bool {
        match self {
            StoreError::Postgres(e) => {
                matches!(e.code().map(|c| c.code()), Some("40001") | Some("40P01"))
            }
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.code == rusqlite::ErrorCode::DatabaseBusy
            }
            _ => false,
        }
    }
}

const SQLITE_MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/sqlite/0001_init.sql")),
    (
        2,
        include_str!("../migrations/sqlite/0002_event_countries.sql"),
    ),
    (3, include_str!("../migrations/sqlite/0003_stats_index.sql")),
    (
        4,
        include_str!("../migrations/sqlite/0004_drop_unused_indexes.sql"),
    ),
    (
        5,
        include_str!("../migrations/sqlite/0005_actors_by_event_row.sql"),
    ),
    (
        6,
        include_str!("../migrations/sqlite/0006_versions_and_links.sql"),
    ),
    (
        7,
        include_str!("../migrations/sqlite/0007_published_key.sql"),
    ),
];
const PG_MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/postgres/0001_init.sql")),
    (
        2,
        include_str!("../migrations/postgres/0002_event_countries.sql"),
    ),
    (
        3,
        include_str!("../migrations/postgres/0003_stats_index.sql"),
    ),
    (
        4,
        include_str!("../migrations/postgres/0004_drop_unused_indexes.sql"),
    ),
    (
        5,
        include_str!("../migrations/postgres/0005_actors_by_event_row.sql"),
    ),
    (
        6,
        include_str!("../migrations/postgres/0006_versions_and_links.sql"),
    ),
    (
        7,
        include_str!("../migrations/postgres/0007_published_key.sql"),
    ),
];

/// Latest schema version this build knows.
pub const SCHEMA_VERSION: i64 = 7;

enum Backend {
    Sqlite {
        write: Box<Mutex<rusqlite::Connection>>,
        /// Reader connections; a read takes a free one, so a slow scan
        /// does not hold up the quick pages behind it.
        read: Vec<Mutex<rusqlite::Connection>>,
        /// Dropped with the store: stops after a last checkpoint.
        _checkpointer: Option<checkpoint::Checkpointer>,
    },
    Postgres {
        pool: Vec<Mutex<PgConn>>,
    },
}

/// One document of a batch for [`Store::ingest_batch`].
#[derive(Debug, Clone, Copy)]
pub struct IngestItem<'a> {
    pub doc: &'a Document,
    pub events: &'a [EventRecord],
    pub places: &'a [PlaceRecord],
}

/// The event store. Cheap to share behind an `Arc`: all methods take `&self`.
pub struct Store {
    backend: Backend,
    description: String,
    /// Time limit of each read, in ms; 0 = none. Atomic so that a server
    /// can set it on a store already shared behind an `Arc`.
    query_timeout_ms: AtomicU64,
}

/// SQLite reader connections (WAL mode: readers never block each other
/// nor the writer).
const SQLITE_READERS: usize = 4;

/// SQLite virtual-machine steps between two deadline checks of a read: a
/// few microseconds of work, so a stopped query overshoots its limit by
/// about that much.
const SQLITE_PROGRESS_STEPS: std::os::raw::c_int = 10_000;

/// PostgreSQL's SQLSTATE for a statement cancelled by `statement_timeout`.
const PG_QUERY_CANCELED: &str = "57014";

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("db", &self.description)
            .finish()
    }
}

/// One PostgreSQL connection and its prepared statements.
struct PgConn {
    client: postgres::Client,
    cache: db::StatementCache,
    /// The `statement_timeout` this session has now, in ms (0 = none), so
    /// that it is only sent when it changes between reads and writes.
    statement_timeout_ms: u64,
}

impl PgConn {
    /// Sets the session's `statement_timeout` to `ms` (0 = none) if it
    /// differs. Writes run without a limit: an ingest is never cut short
    /// by a limit meant for interactive reads.
    fn set_statement_timeout(&mut self, ms: u64) -> Result<(), StoreError> {
        if self.statement_timeout_ms != ms {
            // `ms` is an integer, so formatting it into SQL is safe.
            self.client
                .batch_execute(&format!("SET statement_timeout = {ms}"))?;
            self.statement_timeout_ms = ms;
        }
        Ok(())
    }

    fn exec(&mut self) -> db::PgExec<'_, postgres::Client> {
        db::PgExec {
            client: &mut self.client,
            cache: &mut self.cache,
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> Result<MutexGuard<'_, T>, StoreError> {
    m.lock().map_err(|_| StoreError::Poisoned)
}

fn sqlite_conn(path: &Path) -> Result<rusqlite::Connection, StoreError> {
    let c = rusqlite::Connection::open(path)?;
    c.busy_timeout(std::time::Duration::from_secs(10))?;
    c.pragma_update(None, "journal_mode", "WAL")?;
    c.pragma_update(None, "synchronous", "NORMAL")?;
    c.pragma_update(None, "foreign_keys", "ON")?;
    // 64 MiB page cache (negative = KiB): indexes of a large store stay hot.
    c.pragma_update(None, "cache_size", -65536)?;
    // Savepoint (per-document) journals in memory, not in temporary files.
    c.pragma_update(None, "temp_store", "MEMORY")?;
    // The background checkpointer (`checkpoint.rs`) copies the WAL back
    // every 128 MiB; the connection's own checkpoint, which would stall the
    // writer, is only a safety net at 1 GiB (262,144 pages of 4 KiB). A
    // WAL is truncated back to 64 MiB once it has been copied.
    c.pragma_update(None, "wal_autocheckpoint", 262_144)?;
    c.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
    c.set_prepared_statement_cache_capacity(64);
    Ok(c)
}

fn valid_schema_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.starts_with(|c: char| c.is_ascii_digit())
}

impl Store {
    /// Opens `url`: `postgres://…`/`postgresql://…` selects PostgreSQL,
    /// `sqlite:PATH` or any other text is a SQLite file path.
    pub fn open(url: &str) -> Result<Store, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Store::open_postgres(url, None, 4)
        } else {
            let path = url
                .strip_prefix("sqlite://")
                .or_else(|| url.strip_prefix("sqlite:"))
                .unwrap_or(url);
            Store::open_sqlite(Path::new(path))
        }
    }

    /// Opens (creating if needed) a SQLite file and migrates it.
    pub fn open_sqlite(path: &Path) -> Result<Store, StoreError> {
        // Processes or threads opening a new file at once contend for the
        // journal-mode switch and the migrations; SQLite may answer busy
        // without waiting there, so the open is retried.
        let mut attempt = 0;
        let write = loop {
            attempt += 1;
            let r = sqlite_conn(path).and_then(|mut c| migrate_sqlite(&mut c).map(|()| c));
            match r {
                Err(e) if attempt < 8 && e.retryable() => {
                    std::thread::sleep(std::time::Duration::from_millis(25 * attempt));
                }
                other => break other?,
            }
        };
        let read = (0..SQLITE_READERS)
            .map(|_| sqlite_conn(path).map(Mutex::new))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Store {
            backend: Backend::Sqlite {
                write: Box::new(Mutex::new(write)),
                read,
                _checkpointer: checkpoint::Checkpointer::start(path),
            },
            description: format!("sqlite:{}", path.display()),
            query_timeout_ms: AtomicU64::new(0),
        })
    }

    /// Connects to PostgreSQL with `pool` connections (at least one), in
    /// `schema` when given (created if missing; lower-case letters, digits
    /// and `_` only), and migrates.
    pub fn open_postgres(
        url: &str,
        schema: Option<&str>,
        pool: usize,
    ) -> Result<Store, StoreError> {
        if let Some(s) = schema {
            if !valid_schema_name(s) {
                return Err(StoreError::BadUrl(
                    url.to_owned(),
                    format!("bad schema name `{s}`"),
                ));
            }
        }
        let config: postgres::Config = url
            .parse()
            .map_err(|e: postgres::Error| StoreError::BadUrl(url.to_owned(), e.to_string()))?;
        let mut clients = Vec::new();
        for i in 0..pool.max(1) {
            let mut c = config.connect(postgres::NoTls)?;
            if let Some(s) = schema {
                if i == 0 {
                    let mut tx = c.transaction()?;
                    tx.execute("SELECT pg_advisory_xact_lock(7351, hashtext($1))", &[&s])?;
                    tx.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {s}"))?;
                    tx.commit()?;
                }
                c.batch_execute(&format!("SET search_path TO {s}"))?;
            }
            if i == 0 {
                migrate_postgres(&mut c)?;
            }
            clients.push(Mutex::new(PgConn {
                client: c,
                cache: db::StatementCache::default(),
                statement_timeout_ms: 0,
            }));
        }
        let description = match config.get_dbname() {
            Some(db) => format!(
                "postgres:{db}{}",
                schema.map(|s| format!("/{s}")).unwrap_or_default()
            ),
            None => "postgres".to_owned(),
        };
        Ok(Store {
            backend: Backend::Postgres { pool: clients },
            description,
            query_timeout_ms: AtomicU64::new(0),
        })
    }

    /// `sqlite:PATH` or `postgres:DB[/SCHEMA]`, for logs.
    pub fn description(&self) -> &str {
        &self.description
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.backend, Backend::Postgres { .. })
    }

    /// Limits every read (queries, pages, counts, stats, document views)
    /// to `limit`; `None` (the default) lets reads run as long as they
    /// need. Writes are never limited. A read over the limit is stopped and
    /// returns [`StoreError::QueryTimeout`]; the connection stays usable.
    pub fn set_query_timeout(&self, limit: Option<Duration>) {
        // At least 1 ms: 0 means "no limit".
        let ms = limit.map_or(0, |d| d.as_millis().clamp(1, u128::from(u64::MAX)) as u64);
        self.query_timeout_ms.store(ms, Ordering::Relaxed);
    }

    /// The limit set by [`Store::set_query_timeout`].
    pub fn query_timeout(&self) -> Option<Duration> {
        match self.query_timeout_ms.load(Ordering::Relaxed) {
            0 => None,
            ms => Some(Duration::from_millis(ms)),
        }
    }

    /// Runs `f` on a connection for reading, within the query time limit
    /// and the calling thread's request deadline ([`with_deadline`]), which
    /// also bounds the wait for a free connection.
    fn read<R>(
        &self,
        f: impl FnOnce(&mut dyn Exec) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        let started = Instant::now();
        let request_deadline = REQUEST_DEADLINE.with(Cell::get);
        let passed = || StoreError::DeadlinePassed {
            waited_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        };
        if request_deadline.is_some_and(|d| started >= d) {
            return Err(passed());
        }
        let limit_ms = self.query_timeout_ms.load(Ordering::Relaxed);
        match &self.backend {
            Backend::Sqlite { read, .. } => {
                let mut c = wait_for_free(read, request_deadline)?.ok_or_else(passed)?;
                let query_deadline =
                    (limit_ms > 0).then(|| Instant::now() + Duration::from_millis(limit_ms));
                let deadline = match (query_deadline, request_deadline) {
                    (Some(a), Some(b)) => a.min(b),
                    (a, b) => match a.or(b) {
                        Some(d) => d,
                        None => return f(&mut *c),
                    },
                };
                let by_request = request_deadline.is_some_and(|r| r <= deadline);
                // Returning true from the handler interrupts the running
                // statement (SQLITE_INTERRUPT); the deadline covers every
                // statement `f` runs (a page and its total count).
                c.progress_handler(
                    SQLITE_PROGRESS_STEPS,
                    Some(move || Instant::now() >= deadline),
                )?;
                let r = f(&mut *c);
                c.progress_handler(0, None::<fn() -> bool>)?;
                r.map_err(|e| match e {
                    StoreError::Sqlite(rusqlite::Error::SqliteFailure(fe, _))
                        if fe.code == rusqlite::ErrorCode::OperationInterrupted =>
                    {
                        if by_request {
                            passed()
                        } else {
                            StoreError::QueryTimeout { limit_ms }
                        }
                    }
                    other => other,
                })
            }
            Backend::Postgres { pool } => {
                let mut g = wait_for_free(pool, request_deadline)?.ok_or_else(passed)?;
                // The session limit is the smaller of the query limit and
                // what is left of the request's time.
                let left_ms = request_deadline.map(|d| {
                    u64::try_from(d.saturating_duration_since(Instant::now()).as_millis())
                        .unwrap_or(u64::MAX)
                        .max(1)
                });
                let (ms, by_request) = match (limit_ms, left_ms) {
                    (0, Some(l)) => (l, true),
                    (q, Some(l)) if l < q => (l, true),
                    (q, _) => (q, false),
                };
                g.set_statement_timeout(ms)?;
                f(&mut g.exec()).map_err(|e| match e {
                    StoreError::Postgres(pe)
                        if pe.code().map(|c| c.code()) == Some(PG_QUERY_CANCELED) =>
                    {
                        if by_request {
                            passed()
                        } else {
                            StoreError::QueryTimeout { limit_ms }
                        }
                    }
                    other => other,
                })
            }
        }
    }

    /// Runs `f` in one write transaction, retrying transient failures.
    fn write<R>(
        &self,
        f: impl Fn(&mut dyn Exec) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let r = self.write_once(&f);
            match r {
                Err(e) if attempt < 5 && e.retryable() => {
                    std::thread::sleep(std::time::Duration::from_millis(10 * attempt));
                }
                other => return other,
            }
        }
    }

    fn write_once<R>(
        &self,
        f: &impl Fn(&mut dyn Exec) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        match &self.backend {
            Backend::Sqlite { write, .. } => {
                let mut c = lock(write)?;
                c.execute_batch("BEGIN IMMEDIATE")?;
                let r = f(&mut *c).and_then(|v| {
                    c.execute_batch("COMMIT")?;
                    Ok(v)
                });
                if r.is_err() {
                    // Nothing to do if the rollback fails too: the
                    // connection has no open transaction then.
                    let _ = c.execute_batch("ROLLBACK");
                }
                r
            }
            Backend::Postgres { pool } => {
                let i = thread_slot(pool.len());
                let mut guard = lock(&pool[i])?;
                guard.set_statement_timeout(0)?;
                let PgConn { client, cache, .. } = &mut *guard;
                let mut tx = client.transaction()?;
                let v = f(&mut db::PgExec {
                    client: &mut tx,
                    cache,
                })?;
                tx.commit()?;
                Ok(v)
            }
        }
    }

    /// Stores a document with its events and places in one transaction.
    /// See the crate docs for the outcomes.
    pub fn ingest_document(
        &self,
        doc: &Document,
        events: &[EventRecord],
        places: &[PlaceRecord],
    ) -> Result<IngestOutcome, StoreError> {
        Ok(self.ingest_report(doc, events, places)?.outcome)
    }

    /// [`Store::ingest_document`] that also says under which id the
    /// document was stored (another one when it is a version of a stored
    /// article) and why.
    pub fn ingest_report(
        &self,
        doc: &Document,
        events: &[EventRecord],
        places: &[PlaceRecord],
    ) -> Result<IngestReport, StoreError> {
        self.write(|x| ops::ingest(x, doc, events, places))
    }

    /// Stores several documents in one transaction, each inside its own
    /// savepoint: a document that fails is rolled back alone (its error is
    /// in the result at its index) and the others are kept; a crash loses
    /// the whole batch, never part of a document. Much faster than one
    /// transaction per document (one commit, one full-text flush).
    /// Documents are written in id order so that concurrent PostgreSQL
    /// batches lock rows in the same order.
    pub fn ingest_batch(
        &self,
        items: &[IngestItem<'_>],
    ) -> Result<Vec<Result<IngestOutcome, StoreError>>, StoreError> {
        Ok(self
            .ingest_batch_reports(items)?
            .into_iter()
            .map(|r| r.map(|r| r.outcome))
            .collect())
    }

    /// [`Store::ingest_batch`] with an [`IngestReport`] per document.
    pub fn ingest_batch_reports(
        &self,
        items: &[IngestItem<'_>],
    ) -> Result<Vec<Result<IngestReport, StoreError>>, StoreError> {
        self.write(|x| {
            let mut order: Vec<usize> = (0..items.len()).collect();
            order.sort_by(|&a, &b| items[a].doc.id.cmp(&items[b].doc.id));
            let mut out: Vec<Option<Result<IngestReport, StoreError>>> =
                items.iter().map(|_| None).collect();
            for i in order {
                let it = &items[i];
                x.exec("SAVEPOINT sitrep_doc", &[])?;
                match ops::ingest(x, it.doc, it.events, it.places) {
                    Ok(o) => {
                        x.exec("RELEASE SAVEPOINT sitrep_doc", &[])?;
                        out[i] = Some(Ok(o));
                    }
                    Err(e) if e.retryable() => return Err(e),
                    Err(e) => {
                        x.exec("ROLLBACK TO SAVEPOINT sitrep_doc", &[])?;
                        x.exec("RELEASE SAVEPOINT sitrep_doc", &[])?;
                        out[i] = Some(Err(e));
                    }
                }
            }
            Ok(out
                .into_iter()
                .map(|r| r.unwrap_or(Err(StoreError::Corrupt("batch item skipped".into()))))
                .collect())
        })
    }

    /// One page of events matching the query, with the total and the cursor
    /// of the next page.
    pub fn events(&self, q: &EventQuery) -> Result<EventPage, StoreError> {
        self.read(|x| ops::events(x, q))
    }

    /// Number of events matching `f`.
    pub fn count_events(&self, f: &EventFilter) -> Result<u64, StoreError> {
        self.read(|x| ops::count(x, f))
    }

    /// Event counts by day × category × country.
    pub fn stats(&self, f: &EventFilter) -> Result<Vec<StatRow>, StoreError> {
        self.read(|x| ops::stats(x, f))
    }

    /// One event with its document excerpt and highlight spans.
    pub fn event(&self, event_id: &str) -> Result<Option<EventDetail>, StoreError> {
        self.read(|x| ops::event(x, event_id))
    }

    /// A document with its versions, events and places.
    pub fn document(&self, id: &str) -> Result<Option<DocumentView>, StoreError> {
        self.read(|x| ops::document(x, id))
    }

    /// Recomputes the version keys and body bands of documents stored
    /// without them (migration 6 does this once for documents stored
    /// before it). Returns how many documents were updated.
    pub fn backfill_version_keys(&self) -> Result<usize, StoreError> {
        self.write(links::backfill)
    }

    /// A cheap value that changes whenever a document, a version or events
    /// are stored (see [`Generation`]); for caches over the whole store.
    pub fn generation(&self) -> Result<Generation, StoreError> {
        self.read(ops::generation)
    }

    /// The publication day of every stored document that gives one, by
    /// document id: what the story merge and the alerts read to date a
    /// document (first sighting, background events) instead of guessing it
    /// from its events.
    pub fn publication_days(
        &self,
    ) -> Result<std::collections::HashMap<String, chrono::NaiveDate>, StoreError> {
        self.read(ops::publication_days)
    }

    /// [`Store::publication_days`] of the documents `ids` only (unknown ids
    /// and documents without a date are left out): for a query over a few
    /// of the stored documents.
    pub fn publication_days_of(
        &self,
        ids: &[&str],
    ) -> Result<std::collections::HashMap<String, chrono::NaiveDate>, StoreError> {
        self.read(|x| ops::publication_days_of(x, ids))
    }

    /// Row counts of all tables.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        self.read(ops::counts)
    }

    /// One page of events without the total count (the cheap way to walk
    /// every match a page at a time; `next` continues).
    pub fn events_page_without_total(&self, q: &EventQuery) -> Result<EventPage, StoreError> {
        self.read(|x| ops::events_page(x, q, false))
    }

    /// Calls `f` for every event matching `filter` in `sort` order, a page
    /// at a time (memory stays bounded). Stops at `f`'s first error.
    pub fn for_each_event<E: From<StoreError>>(
        &self,
        filter: &EventFilter,
        sort: Sort,
        mut f: impl FnMut(&EventRecord) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut q = EventQuery {
            filter: filter.clone(),
            page: Page {
                sort,
                limit: MAX_LIMIT,
                cursor: None,
                offset: 0,
            },
        };
        loop {
            // No total per page: counting every match each page made
            // reading 1,000,000 events take 15 s instead of a few.
            let page = self.read(|x| ops::events_page(x, &q, false))?;
            for e in &page.events {
                f(e)?;
            }
            match page.next {
                Some(n) => q.page.cursor = Some(Cursor::decode(&n).map_err(StoreError::from)?),
                None => return Ok(()),
            }
        }
    }
}

thread_local! {
    /// The deadline of the request this thread works for, if any.
    static REQUEST_DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Runs `f` with every store read on this thread bounded by `deadline`:
/// waiting for a reader connection and running queries both stop there
/// ([`StoreError::DeadlinePassed`]). Servers call it on the blocking
/// thread that serves one request, with the deadline counted from the
/// request's arrival.
pub fn with_deadline<R>(deadline: Option<Instant>, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Instant>);
    impl Drop for Restore {
        fn drop(&mut self) {
            REQUEST_DEADLINE.with(|d| d.set(self.0));
        }
    }
    let _restore = Restore(REQUEST_DEADLINE.with(|d| d.replace(deadline)));
    f()
}

/// How long a read waits between two looks for a free connection.
const CONNECTION_POLL: Duration = Duration::from_millis(2);

/// A free connection of `pool`: the first unlocked one; when all are busy,
/// looks again until one frees up or `deadline` passes (`None` then).
/// Without a deadline, waits on one chosen by thread id.
fn wait_for_free<T>(
    pool: &[Mutex<T>],
    deadline: Option<Instant>,
) -> Result<Option<MutexGuard<'_, T>>, StoreError> {
    loop {
        if let Some(g) = pool.iter().find_map(|c| c.try_lock().ok()) {
            return Ok(Some(g));
        }
        match deadline {
            None => return lock(&pool[thread_slot(pool.len())]).map(Some),
            Some(d) if Instant::now() >= d => return Ok(None),
            Some(_) => std::thread::sleep(CONNECTION_POLL),
        }
    }
}

fn thread_slot(n: usize) -> usize {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::thread::current().id().hash(&mut h);
    (h.finish() % n.max(1) as u64) as usize
}

/// Applies every pending migration in one transaction: a process killed
/// while upgrading leaves the store at its old schema, never half-way
/// between two versions.
fn migrate_sqlite(c: &mut rusqlite::Connection) -> Result<(), StoreError> {
    c.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
    )?;
    c.execute_batch("BEGIN IMMEDIATE")?;
    let r = (|| -> Result<(), StoreError> {
        let max: i64 = c.query_row(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            [],
            |r| r.get(0),
        )?;
        if max > SCHEMA_VERSION {
            return Err(StoreError::SchemaTooNew {
                found: max,
                known: SCHEMA_VERSION,
            });
        }
        for (version, sql) in SQLITE_MIGRATIONS {
            let done: i64 = c.query_row(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = ?1",
                [version],
                |r| r.get(0),
            )?;
            if done == 0 {
                c.execute_batch(sql)?;
                if *version == links::BACKFILL_MIGRATION {
                    links::backfill(c)?;
                }
                c.execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, datetime('now'))",
                    [version],
                )?;
            }
        }
        c.execute_batch("COMMIT")?;
        Ok(())
    })();
    if let Err(e) = r {
        let _ = c.execute_batch("ROLLBACK");
        return Err(e);
    }
    Ok(())
}

/// Applies every pending migration in one transaction (PostgreSQL's DDL is
/// transactional), under an advisory lock so concurrent processes upgrade
/// once: a kill while upgrading leaves the old schema whole.
fn migrate_postgres(c: &mut postgres::Client) -> Result<(), StoreError> {
    let mut tx = c.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock(7351, 1)", &[])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )?;
    let max: i64 = tx
        .query_one(
            "SELECT COALESCE(MAX(version), 0)::BIGINT FROM schema_migrations",
            &[],
        )?
        .get(0);
    if max > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            found: max,
            known: SCHEMA_VERSION,
        });
    }
    for (version, sql) in PG_MIGRATIONS {
        let done: i64 = tx
            .query_one(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = $1",
                &[version],
            )?
            .get(0);
        if done == 0 {
            tx.batch_execute(sql)?;
            if *version == links::BACKFILL_MIGRATION {
                let mut cache = db::StatementCache::default();
                links::backfill(&mut db::PgExec {
                    client: &mut tx,
                    cache: &mut cache,
                })?;
            }
            tx.execute(
                "INSERT INTO schema_migrations (version) VALUES ($1)",
                &[version],
            )?;
        }
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_one_to_schema_version() {
        for list in [SQLITE_MIGRATIONS, PG_MIGRATIONS] {
            let versions: Vec<i64> = list.iter().map(|(v, _)| *v).collect();
            assert_eq!(versions, (1..=SCHEMA_VERSION).collect::<Vec<_>>());
        }
    }

    /// A store written by a version-4 build keeps its actors when opened
    /// by this one: migration 5 re-keys them by event row.
    #[test]
    fn version_4_store_migrates_actors() -> Result<(), Box<dyn std::error::Error>> {
        let dir = sitrep_testkit::Scratch::new("mig5");
        let path = dir.join("v4.db");
        {
            let c = rusqlite::Connection::open(&path)?;
            c.execute_batch(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
            )?;
            for (version, sql) in SQLITE_MIGRATIONS.iter().filter(|(v, _)| *v <= 4) {
                c.execute_batch(sql)?;
                c.execute(
                    "INSERT INTO schema_migrations VALUES (?1, datetime('now'))",
                    [version],
                )?;
            }
            c.execute_batch(
                "INSERT INTO documents (id, version, text, content_hash, ingested_at) VALUES ('d', 1, 't', 'h', 'now');
                 INSERT INTO events (id, event_id, doc_id, doc_version, category, cameo, intensity, rule, date_key,
                     date_precision, country, sentence, span_start, span_end, record)
                     VALUES (7, 'e1', 'd', 1, 'PROTEST', '141', -6.5, 'r', '2024-01-01', 'day', 'UKR', 's', 0, 1, '{}');
                 INSERT INTO actors VALUES ('e1', 'd', 'source', 'UKR', 'CVL', 'Protesters', 0, 10);
                 INSERT INTO actors VALUES ('e1', 'd', 'target', 'UKR', 'GOV', 'the government', 20, 34);
                 INSERT INTO actors VALUES ('gone', 'd', 'source', 'RUS', NULL, 'Russia', 0, 6);",
            )?;
        }
        let store = Store::open_sqlite(&path)?;
        assert_eq!(store.counts()?.actors, 2, "the orphan actor is dropped");
        drop(store);
        let c = rusqlite::Connection::open(&path)?;
        let rows: Vec<(i64, String, String)> = c
            .prepare("SELECT event_row, role, text FROM actors ORDER BY event_row, role")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        assert_eq!(
            rows,
            vec![
                (7, "source".to_owned(), "Protesters".to_owned()),
                (7, "target".to_owned(), "the government".to_owned())
            ]
        );
        drop(c);
        Ok(())
    }
}
