//! The commands over the event store: `ingest`, `serve` (with the alert
//! webhook), `export`, `demo`, `watch` (with the alert webhook), the
//! webhook flags, and reading events back for `stories --db`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use sitrep_coder::{code_document, Lexicon};

use crate::batch;
use sitrep_query::alerts::AlertCache;
use sitrep_query::ExportFormat;
use sitrep_server::ServerConfig;
use sitrep_store::{EventFilter, IngestItem, IngestOutcome, IngestReport, Sort, Store};
use sitrep_stories::AlertParams;

use crate::inputs;
use crate::webhook::{self, Webhook, WebhookConfig};

/// The webhook flags of `alerts`, `serve` and `watch`.
#[derive(Debug, Default, clap::Args)]
pub struct WebhookArgs {
    /// POST each new alert (JSON) to this URL.
    #[arg(long, value_name = "URL")]
    pub webhook: Option<String>,
    /// File remembering the ids of the alerts already posted (JSON, written
    /// atomically).
    #[arg(
        long = "webhook-state",
        visible_alias = "state",
        value_name = "FILE",
        default_value = "sitrep-alerts-sent.json"
    )]
    pub state: PathBuf,
    /// Whole-request timeout of one webhook POST, seconds.
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    pub webhook_timeout: u64,
    /// Retries of a POST that failed with a 5xx status or a connection
    /// error (backoff 0.5 s, doubled each time).
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub webhook_retries: u32,
}

impl WebhookArgs {
    /// The webhook, if `--webhook` was given; reads the state file.
    pub fn open(&self) -> Result<Option<Webhook>> {
        let Some(url) = &self.webhook else {
            return Ok(None);
        };
        anyhow::ensure!(
            url.starts_with("http://") || url.starts_with("https://"),
            "--webhook `{url}`: expected an http:// or https:// URL"
        );
        let mut config = WebhookConfig::new(url);
        config.timeout = std::time::Duration::from_secs(self.webhook_timeout.max(1));
        config.retries = self.webhook_retries;
        Webhook::new(config, &self.state).map(Some)
    }
}

/// The default store: `sitrep.db` in the current folder.
pub const DEFAULT_DB: &str = "sitrep.db";

/// Most documents stored per transaction: a larger batch writes each
/// index page it touches once for more documents (the store's benchmark:
/// 8,053 events/s at 1,000 documents per batch, 6,616 at 100).
const BATCH: usize = 256;

/// A batch is committed at the latest this long after its first document,
/// so a slow input still lands in the store as it goes.
const BATCH_AGE: Duration = Duration::from_secs(1);

/// Coded documents waiting for the store; bounds memory when the store is
/// slower than the coder.
const QUEUE: usize = 512;

pub fn open(db: &str) -> Result<Store> {
    Store::open(db).with_context(|| format!("opening store {db}"))
}

/// Codes and stores every input document; a bad input or document is
/// reported and the rest go on. Returns whether any document was stored.
pub fn ingest(lex: &Lexicon, store: &Store, paths: &[PathBuf]) -> Result<bool> {
    let progress = inputs::Progress::new(paths);
    let (mut added, mut unchanged, mut versions, mut failed) = (0usize, 0usize, 0usize, 0usize);
    let (mut older, mut duplicates) = (0usize, 0usize);
    let mut batch = Vec::with_capacity(BATCH);
    let mut unreadable = 0usize;
    let mut flush =
        |batch: &mut Vec<(sitrep_coder::Document, sitrep_coder::CodedDocument)>| -> Result<()> {
            if batch.is_empty() {
                return Ok(());
            }
            let items: Vec<IngestItem<'_>> = batch
                .iter()
                .map(|(doc, coded)| IngestItem {
                    doc,
                    events: &coded.events,
                    places: &coded.places,
                })
                .collect();
            let results = store
                .ingest_batch_reports(&items)
                .context("storing documents")?;
            for ((doc, _), r) in batch.iter().zip(results) {
                if let Ok(IngestReport { why: Some(why), .. }) = &r {
                    eprintln!("sitrep: {} stored as a version: {why}", doc.id);
                }
                match r {
                    Ok(r) => {
                        duplicates += r.duplicates;
                        match r.outcome {
                            IngestOutcome::Added => added += 1,
                            IngestOutcome::Unchanged => unchanged += 1,
                            IngestOutcome::NewVersion => versions += 1,
                            IngestOutcome::OlderVersion => older += 1,
                        }
                    }
                    Err(e) => {
                        eprintln!("sitrep: not stored: {}: {e}", doc.id);
                        failed += 1;
                    }
                }
            }
            batch.clear();
            Ok(())
        };
    // Reading and coding run on a thread of their own and the store writes
    // on this one, so a two-core machine codes the next documents while the
    // last batch is written. One producer keeps the input order.
    let stored = std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel(QUEUE);
        let progress = &progress;
        let coder = scope.spawn(move || {
            let mut unreadable = 0usize;
            // Coded on `--jobs` threads, handed on in input order; a send
            // error (the store failed) stops the coding.
            let _ = batch::code_stream(lex, paths, |item| {
                match item {
                    batch::Streamed::Coded(coded) => {
                        progress.tick(&coded.0.id);
                        tx.send(*coded)
                            .map_err(|_| anyhow::anyhow!("the store stopped"))?;
                    }
                    batch::Streamed::Unreadable(e) => {
                        eprintln!("sitrep: skipped: {e}");
                        unreadable += 1;
                    }
                }
                Ok(())
            });
            unreadable
        });
        let result = (|| -> Result<()> {
            let mut started = std::time::Instant::now();
            loop {
                match rx.recv_timeout(BATCH_AGE) {
                    Ok(item) => {
                        if batch.is_empty() {
                            started = std::time::Instant::now();
                        }
                        batch.push(item);
                    }
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
                }
                if batch.len() >= BATCH || (!batch.is_empty() && started.elapsed() >= BATCH_AGE) {
                    flush(&mut batch)?;
                }
            }
            flush(&mut batch)
        })();
        drop(rx); // on a store error, the coder's next send fails and it stops
        unreadable = coder
            .join()
            .map_err(|_| anyhow::anyhow!("the coding thread panicked"))?;
        result
    });
    stored?;
    failed += unreadable;
    progress.finish();
    eprintln!(
        "sitrep: {} — {added} added, {versions} new versions, {older} older versions kept in \
         history, {unchanged} unchanged, {duplicates} near-duplicate links, {failed} failed",
        store.description()
    );
    Ok(added + versions + older + unchanged > 0 || failed == 0)
}

/// Who may read, and how long a query may run (`sitrep serve` flags).
#[derive(Debug, clap::Args)]
pub struct AccessArgs {
    /// Reads (GET /api/*, /openapi.json) need a bearer token: the one in
    /// SITREP_READ_TOKEN or the write token in SITREP_TOKEN. Setting
    /// SITREP_READ_TOKEN alone also makes reads private.
    #[arg(long)]
    pub private: bool,
    /// Stop any store query after this many milliseconds and answer 503
    /// (0 = no limit).
    #[arg(long, default_value_t = 5000)]
    pub query_timeout_ms: u64,
}

impl Default for AccessArgs {
    fn default() -> Self {
        AccessArgs {
            private: false,
            query_timeout_ms: 5000,
        }
    }
}

/// Limits of `sitrep serve` (issue 14: bounded work under hostile load).
#[derive(Debug, clap::Args)]
pub struct LimitArgs {
    /// One deadline per read request from its arrival, covering waiting
    /// for a store connection, every page and the response; past it the
    /// answer is 503 with Retry-After.
    #[arg(long, default_value_t = 10_000, value_name = "MS")]
    pub request_deadline_ms: u64,
    /// Most open client connections (default: 1,024, or less below the
    /// descriptor limit); more are answered 503 and closed.
    #[arg(long, value_name = "N")]
    pub max_connections: Option<usize>,
    /// Time for a client to send a request's headers.
    #[arg(long, default_value_t = 10_000, value_name = "MS")]
    pub header_timeout_ms: u64,
    /// Time for a client to send a request body (408 beyond).
    #[arg(long, default_value_t = 30_000, value_name = "MS")]
    pub body_timeout_ms: u64,
    /// Close a keep-alive connection idle this long.
    #[arg(long, default_value_t = 60_000, value_name = "MS")]
    pub idle_timeout_ms: u64,
    /// Stop an export whose client does not read for this long.
    #[arg(long, default_value_t = 10_000, value_name = "MS")]
    pub write_timeout_ms: u64,
    /// Most exports streaming at once (503 beyond).
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub max_exports: usize,
    /// Most scans (text/actor searches, stats, stories, export pages,
    /// alert computations) reading the store at once; the other reader
    /// connections stay free for cheap reads.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub max_scans: usize,
    /// Largest request body, bytes (413 beyond; a declared Content-Length
    /// over it is refused before the body is read).
    #[arg(long, default_value_t = 10 * 1024 * 1024, value_name = "BYTES")]
    pub max_body_bytes: usize,
    /// Accept this Host name (repeatable; `*` for any). Default: loopback
    /// names when bound to a loopback address, any name otherwise.
    #[arg(long = "allowed-host", value_name = "NAME")]
    pub allowed_hosts: Vec<String>,
    /// The global `--max-document-bytes`, copied here by `main`.
    #[arg(skip = sitrep_ingest::DEFAULT_MAX_DOCUMENT_BYTES)]
    pub max_document_bytes: usize,
}

impl Default for LimitArgs {
    fn default() -> Self {
        LimitArgs {
            request_deadline_ms: 10_000,
            max_connections: None,
            header_timeout_ms: 10_000,
            body_timeout_ms: 30_000,
            idle_timeout_ms: 60_000,
            write_timeout_ms: 10_000,
            max_exports: 8,
            max_scans: 2,
            max_body_bytes: 10 * 1024 * 1024,
            allowed_hosts: Vec::new(),
            max_document_bytes: sitrep_ingest::DEFAULT_MAX_DOCUMENT_BYTES,
        }
    }
}

impl LimitArgs {
    fn apply(&self, config: &mut ServerConfig) -> Result<()> {
        let ms = Duration::from_millis;
        anyhow::ensure!(
            self.request_deadline_ms > 0
                && self.header_timeout_ms > 0
                && self.body_timeout_ms > 0
                && self.idle_timeout_ms > 0
                && self.write_timeout_ms > 0,
            "timeouts and the request deadline must be at least 1 ms"
        );
        anyhow::ensure!(
            self.max_exports > 0 && self.max_scans > 0 && self.max_connections != Some(0),
            "--max-exports, --max-scans and --max-connections must be at least 1"
        );
        config.request_deadline = ms(self.request_deadline_ms);
        if let Some(n) = self.max_connections {
            config.max_connections = n;
        }
        config.header_timeout = ms(self.header_timeout_ms);
        config.body_timeout = ms(self.body_timeout_ms);
        config.idle_timeout = ms(self.idle_timeout_ms);
        config.write_timeout = ms(self.write_timeout_ms);
        config.max_exports = self.max_exports;
        config.max_scans = self.max_scans;
        config.max_body_bytes = self.max_body_bytes;
        config.max_document_bytes = self.max_document_bytes;
        if !self.allowed_hosts.is_empty() {
            for h in &self.allowed_hosts {
                anyhow::ensure!(
                    !h.trim().is_empty() && !h.contains(['/', ' ']),
                    "--allowed-host `{h}` is not a host name"
                );
            }
            config.allowed_hosts = Some(self.allowed_hosts.clone());
        }
        Ok(())
    }
}

/// A token from the environment: unset is `None`; set but blank is an
/// error (it would silently leave the endpoint it guards open or closed).
fn env_token(name: &str) -> Result<Option<String>> {
    match std::env::var(name) {
        Ok(t) if t.trim().is_empty() => {
            anyhow::bail!("{name} is set but blank; set a token or unset the variable")
        }
        Ok(t) => Ok(Some(t.trim().to_owned())),
        Err(_) => Ok(None),
    }
}

/// Checks a `--cors-origin` value: `*` or `scheme://host[:port]`.
fn valid_cors_origin(o: &str) -> Result<String> {
    let ok = o == "*"
        || o.split_once("://").is_some_and(|(scheme, rest)| {
            matches!(scheme, "http" | "https")
                && !rest.is_empty()
                && !rest.contains(['/', ' ', '?', '#'])
                && rest.is_ascii()
        });
    anyhow::ensure!(
        ok,
        "--cors-origin `{o}` is not an origin (expected `*` or scheme://host[:port], e.g. https://example.org)"
    );
    Ok(o.to_owned())
}

/// Serves the API and web UI until Ctrl-C. The write endpoint is open only
/// when the `SITREP_TOKEN` environment variable holds a bearer token; reads
/// need a token when `SITREP_READ_TOKEN` is set or `access.private` is.
/// With a webhook, a thread checks for new alerts every `interval` (sharing
/// the API's alert cache, so alerts are recomputed only when the store
/// changed) and posts them; its failures are logged and never stop the
/// server. Alerts use `alert_params` (the signals of `--data DIR`).
#[allow(clippy::too_many_arguments)] // the command's flags, passed through
pub fn serve(
    lex: Lexicon,
    alert_params: AlertParams,
    store: Store,
    addr: SocketAddr,
    cors: Option<String>,
    access: &AccessArgs,
    limits: &LimitArgs,
    webhook: Option<(Webhook, std::time::Duration)>,
) -> Result<()> {
    let lex = Arc::new(lex);
    let mut config = ServerConfig::new(Arc::new(store));
    config.alert_cache = Arc::new(AlertCache::new(alert_params));
    config.addr = addr;
    config.token = env_token("SITREP_TOKEN")?;
    config.read_token = env_token("SITREP_READ_TOKEN")?;
    limits.apply(&mut config)?;
    config.private_reads = access.private;
    config.query_timeout =
        (access.query_timeout_ms > 0).then(|| Duration::from_millis(access.query_timeout_ms));
    config.cors_origin = cors.as_deref().map(valid_cors_origin).transpose()?;
    if config.private_reads && config.token.is_none() && config.read_token.is_none() {
        anyhow::bail!(
            "--private needs a token to read with: set SITREP_READ_TOKEN (or SITREP_TOKEN)"
        );
    }
    if let Some((mut hook, interval)) = webhook {
        let store = Arc::clone(&config.store);
        let cache = Arc::clone(&config.alert_cache);
        eprintln!(
            "sitrep: posting new alerts to {} (checked every {} s)",
            hook.url(),
            interval.as_secs()
        );
        std::thread::Builder::new()
            .name("alert-webhook".into())
            .spawn(move || loop {
                webhook::check_store(&mut hook, &cache, &store);
                std::thread::sleep(interval);
            })
            .context("starting the webhook thread")?;
    }
    if config.reads_are_private() {
        tracing::info!("reads are private (GET /api/* needs a bearer token)");
    }
    config.coder = Some(Arc::new(move |doc| {
        let coded = code_document(&lex, &doc);
        (coded.events, coded.places)
    }));
    if config.token.is_none() {
        tracing::info!("POST /api/documents is closed (set SITREP_TOKEN to open it)");
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server runtime")?;
    rt.block_on(sitrep_server::serve(config)).context("serving")
}

/// Filters for `export` and `alerts --db`, from the command line.
#[derive(Debug, Default, clap::Args)]
pub struct FilterArgs {
    /// PLOVER category (repeatable).
    #[arg(long = "category")]
    pub categories: Vec<String>,
    /// Country or IGO code (source, target or location).
    #[arg(long)]
    pub country: Option<String>,
    /// Text or code of the source or target actor.
    #[arg(long)]
    pub actor: Option<String>,
    /// First event date, YYYY-MM-DD.
    #[arg(long, value_parser = crate::parse_day)]
    pub from: Option<chrono::NaiveDate>,
    /// Last event date, YYYY-MM-DD.
    #[arg(long, value_parser = crate::parse_day)]
    pub to: Option<chrono::NaiveDate>,
    /// Words that must all occur in the sentence.
    #[arg(long)]
    pub q: Option<String>,
}

impl FilterArgs {
    pub fn filter(&self) -> EventFilter {
        EventFilter {
            categories: self.categories.iter().map(|c| c.to_uppercase()).collect(),
            country: self.country.as_ref().map(|c| c.to_uppercase()),
            actor: self.actor.clone(),
            from: self.from,
            to: self.to,
            bbox: None,
            q: self.q.clone(),
            doc_id: None,
        }
    }
}

/// Writes the matching events in `format` to `out` (a file) or stdout.
pub fn export(
    store: &Store,
    format: &str,
    filter: &EventFilter,
    out: Option<&Path>,
) -> Result<u64> {
    let format = ExportFormat::parse(format).with_context(|| {
        format!("unknown export format `{format}` (csv, jsonl, geojson, parquet)")
    })?;
    let n = match out {
        Some(path) => {
            let mut f = std::io::BufWriter::new(
                std::fs::File::create(path)
                    .with_context(|| format!("creating {}", path.display()))?,
            );
            sitrep_query::export(store, format, filter, Sort::default(), &mut f)
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            sitrep_query::export(store, format, filter, Sort::default(), &mut lock)
        }
    }
    .context("exporting events")?;
    Ok(n)
}

/// Polls the configured feeds and stores every new article, coded.
/// With a webhook, new alerts are checked for at start and after every poll
/// that stored documents.
pub fn watch(
    lex: &Lexicon,
    alert_params: &AlertParams,
    store: &Store,
    config_path: &Path,
    once: bool,
    mut hook: Option<Webhook>,
) -> Result<()> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let config = sitrep_feeds::WatchConfig::load(config_path)
        .with_context(|| format!("reading feed configuration {}", config_path.display()))?;
    let state_path = config.state_file.clone();
    let cache = AlertCache::new(alert_params.clone());
    if let Some(h) = hook.as_mut() {
        webhook::check_store(h, &cache, store);
    }
    let mut sink = |doc: sitrep_coder::Document| -> Result<(), String> {
        let coded = code_document(lex, &doc);
        store
            .ingest_document(&doc, &coded.events, &coded.places)
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    if once {
        let mut state =
            sitrep_feeds::WatchState::load(&state_path).context("reading watch state")?;
        let report = sitrep_feeds::poll_once(&config, &mut state, &mut sink);
        state.save(&state_path).context("saving watch state")?;
        eprintln!("sitrep: {report}");
        if let Some(h) = hook.as_mut().filter(|_| report.documents > 0) {
            webhook::check_store(h, &cache, store);
        }
        return Ok(());
    }
    static STOP: AtomicBool = AtomicBool::new(false);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the signal handler")?;
    std::thread::spawn(move || {
        rt.block_on(async {
            let _ = tokio::signal::ctrl_c().await;
            STOP.store(true, Ordering::Relaxed);
        })
    });
    let mut log = |r: &sitrep_feeds::PollReport| {
        eprintln!("sitrep: {r}");
        if let Some(h) = hook.as_mut().filter(|_| r.documents > 0) {
            webhook::check_store(h, &cache, store);
        }
    };
    sitrep_feeds::watch_with(&config, &state_path, &mut sink, &mut log, &STOP)
        .context("watching feeds")
}
