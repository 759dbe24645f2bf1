//! The commands over the event store: `ingest`, `serve` (with the alert
//! webhook), `export`, `demo`, `watch` (with the alert webhook), the
//! webhook flags, and reading events back for `stories --db`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use sitrep_coder::{code_document, Lexicon};
use sitrep_server::{ExportFormat, ServerConfig};
use sitrep_store::{EventFilter, IngestItem, IngestOutcome, IngestReport, Sort, Store};

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
            for doc in inputs::read(paths) {
                match doc {
                    Ok(d) => {
                        let coded = code_document(lex, &d);
                        progress.tick(&d.id);
                        if tx.send((d, coded)).is_err() {
                            break; // the store failed: stop coding
                        }
                    }
                    Err(e) => {
                        eprintln!("sitrep: skipped: {e}");
                        unreadable += 1;
                    }
                }
            }
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

fn env_token(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|t| !t.trim().is_empty())
}

/// Serves the API and web UI until Ctrl-C. The write endpoint is open only
/// when the `SITREP_TOKEN` environment variable holds a bearer token; reads
/// need a token when `SITREP_READ_TOKEN` is set or `access.private` is.
/// With a webhook, a thread checks for new alerts every `interval` (sharing
/// the API's alert cache, so alerts are recomputed only when the store
/// changed) and posts them; its failures are logged and never stop the
/// server.
pub fn serve(
    lex: Lexicon,
    store: Store,
    addr: SocketAddr,
    cors: Option<String>,
    access: &AccessArgs,
    webhook: Option<(Webhook, std::time::Duration)>,
) -> Result<()> {
    let lex = Arc::new(lex);
    let mut config = ServerConfig::new(Arc::new(store));
    config.addr = addr;
    config.token = env_token("SITREP_TOKEN");
    config.read_token = env_token("SITREP_READ_TOKEN");
    config.private_reads = access.private;
    config.query_timeout =
        (access.query_timeout_ms > 0).then(|| Duration::from_millis(access.query_timeout_ms));
    config.cors_origin = cors;
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
        eprintln!("sitrep: reads are private (GET /api/* needs a bearer token)");
    }
    config.coder = Some(Arc::new(move |doc| {
        let coded = code_document(&lex, &doc);
        (coded.events, coded.places)
    }));
    if config.token.is_none() {
        eprintln!("sitrep: POST /api/documents is closed (set SITREP_TOKEN to open it)");
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
            sitrep_server::export(store, format, filter, Sort::default(), &mut f)
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            sitrep_server::export(store, format, filter, Sort::default(), &mut lock)
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
    store: &Store,
    config_path: &Path,
    once: bool,
    mut hook: Option<Webhook>,
) -> Result<()> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let config = sitrep_feeds::WatchConfig::load(config_path)
        .with_context(|| format!("reading feed configuration {}", config_path.display()))?;
    let state_path = config.state_file.clone();
    let cache = sitrep_server::alerts::AlertCache::default();
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
