//! # sitrep-server
//!
//! The HTTP API and web UI over a [`sitrep_store::Store`] (axum 0.8 on
//! tokio). Store calls are synchronous and run in `spawn_blocking`.
//!
//! | Route | What |
//! |---|---|
//! | `GET /api/events` | events matching filters → `{"events": [...], "total": N, "next": cursor-or-null}` |
//! | `GET /api/events/{id}` | one event, its document excerpt and the spans to highlight |
//! | `GET /api/documents/{id}` | a document: text, versions, near-duplicates, events, places |
//! | `GET /api/stories` | the matching events merged across articles (same filters; at most [`sitrep_query::stories::MAX_STORY_EVENTS`] events) → `{"stories": [...], "total": N, "events": M}` |
//! | `GET /api/stats` | counts by day × category × country → `{"stats": [...], "total": N}` |
//! | `GET /api/alerts` | crisis alerts over the stored events, cached (see [`mod@alerts`] and [`sitrep_query::alerts`]) → `{"alerts": [...], "total": N}` |
//! | `GET /api/export?format=csv\|jsonl\|geojson\|parquet` | every matching event, streamed (see [`mod@sitrep_query::export`]; parquet with the cargo feature `parquet`) |
//! | `POST /api/documents` | code and store one or many documents (bearer token) |
//! | `GET /healthz`, `GET /readyz` | alive; the store answers (`{"status": "ready", "generation": ...}`, 503 otherwise) |
//! | `GET /metrics` | Prometheus text format (see [`mod@metrics`]) |
//! | `GET /openapi.json` | OpenAPI 3 description of the above |
//! | `GET /` | the web UI (embedded, works offline) |
//!
//! Filters (all optional): `category` (comma-separated), `country`,
//! `actor`, `from`, `to` (`YYYY-MM-DD`), `bbox`
//! (`min_lon,min_lat,max_lon,max_lat`), `q`, `doc_id`; paging: `sort`
//! (`-date`, `date`, `-intensity`, `intensity`), `limit` (capped at
//! [`ServerConfig::max_page`]), `cursor` (the previous page's `next`),
//! `offset`. An unknown or unparsable parameter is a 400.
//!
//! Every error is JSON `{"status": <code>, "message": "..."}`, including
//! the 400/408/414/431 answers hyper writes itself to requests it cannot
//! parse (see [`mod@conn`]). Write
//! endpoints are closed (403) unless a token is configured; the token is
//! compared in constant time. Reads are public unless
//! [`ServerConfig::read_token`] or [`ServerConfig::private_reads`] is set:
//! then every `GET /api/*` and `/openapi.json` needs `Authorization:
//! Bearer <read or write token>` (401 with `WWW-Authenticate: Bearer`
//! otherwise) while the UI's static files stay public (the page asks for
//! the token). Every store read is limited to
//! [`ServerConfig::query_timeout`] (5 s by default): a query over it is
//! stopped and answers 503 instead of holding a worker. Request bodies are limited
//! ([`ServerConfig::max_body_bytes`], 413 beyond). CORS headers are sent
//! only when [`ServerConfig::cors_origin`] is set. The default address is
//! loopback, `127.0.0.1:8080`.
//!
//! `POST /api/documents` takes `{id, text, title?, published?, source?,
//! url?}` or an array of them (`published`: `YYYY-MM-DD` or RFC 3339) and
//! runs the [`Coder`] given in the config on each. Each result says the
//! `outcome` (`added`, `unchanged`, `new_version`, `older_version`), the
//! `document` it was stored under (another id when it is an update of a
//! stored article), `why`, and how many near-`duplicates` were linked.
//!
//! ## Embedding
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! let store = Arc::new(sitrep_store::Store::open("sitrep.db")?);
//! let mut config = sitrep_server::ServerConfig::new(store);
//! config.token = std::env::var("SITREP_TOKEN").ok();
//! config.coder = Some(Arc::new(|doc: sitrep_coder::Document| {
//!     // run the real coder here
//!     (Vec::new(), Vec::new())
//! }));
//! sitrep_server::serve(config).await?;
//! # Ok(()) }
//! ```
//! Tests build the router with [`router`] and serve it on `127.0.0.1:0`.
//!
//! ## Web UI
//! `web/index.html`, `web/app.js`, `web/app.css` and the vendored
//! libraries in `web/vendor/` (Leaflet 1.9.4, topojson-client 3.1.0,
//! world-atlas 2.0.2 countries-50m, uPlot 1.6.32, with licences; refreshed
//! by `scripts/vendor-web.sh`) are compiled in ([`web::ASSETS`]). The page
//! shows country shapes and event markers (no tile server), a timeline of
//! counts per day, filters (category, country, dates, text), the event list
//! with paging, and an event view with the sentence and its actor, target,
//! trigger, date and place highlighted and a link to the document, and an
//! alerts panel (`/api/alerts`: kind, country, date, reason, number of
//! events; clicking one filters to its country and days and lists its
//! events).
//!
//! ## Trying it and testing it
//! * `cargo run -p sitrep-server --example demo -- --addr 127.0.0.1:8080`
//!   serves a store of synthetic events (no coder needed), with one
//!   deliberate crisis so that the alerts panel shows alerts.
//! * `cargo test -p sitrep-server` — API tests over loopback HTTP
//!   (`--features parquet` adds the Parquet export test).
//! * `scripts/install-test-deps.sh && scripts/browser-test.sh` — headless
//!   Chromium through playwright-core (`web/tests/`).
//! * `cargo run --release -p sitrep-server --example bench` — ingest
//!   throughput and `/api/events` latency over 1,000,000 events.
//! * `cargo run --release -p sitrep-server --example alerts_bench -- --db
//!   PATH` — `/api/alerts` miss and hit latency, generation check, memory.
//! * `cargo run --release -p sitrep-server --example load -- --seconds 60`
//!   (or `scripts/load-test.sh`) — concurrent readers and writers against
//!   the real router and coder on loopback; counts stored documents against
//!   acknowledged ones afterwards.

pub mod alerts;
pub mod conn;
pub mod metrics;
pub mod openapi;
pub mod stories;
pub mod web;

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::rejection::PathRejection;
use axum::extract::{DefaultBodyLimit, MatchedPath, Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use sitrep_coder::record::{EventRecord, PlaceRecord};
use sitrep_coder::{Document, DocumentParts, Published};
use sitrep_store::{EventQuery, FilterError, IngestOutcome, Store, StoreError};
use tokio::sync::Semaphore;
use tracing::Instrument;

use metrics::{Limit, Metrics};
use sitrep_query::alerts::AlertCache;
use sitrep_query::export::{self, ExportFormat};

/// The coder the write endpoint runs on each posted document.
pub type Coder = Arc<dyn Fn(Document) -> (Vec<EventRecord>, Vec<PlaceRecord>) + Send + Sync>;

/// Most documents one `POST /api/documents` may carry.
pub const MAX_POST_DOCUMENTS: usize = 1000;

/// Server settings.
#[derive(Clone)]
pub struct ServerConfig {
    pub store: Arc<Store>,
    /// Address to listen on; loopback by default.
    pub addr: SocketAddr,
    /// Bearer token for write endpoints; `None` closes them.
    pub token: Option<String>,
    /// Coder for `POST /api/documents`; `None` answers 503.
    pub coder: Option<Coder>,
    /// Largest request body, bytes.
    pub max_body_bytes: usize,
    /// Largest page of `/api/events`.
    pub max_page: usize,
    /// `Access-Control-Allow-Origin` value; `None` sends no CORS headers.
    pub cors_origin: Option<String>,
    /// Alerts of `GET /api/alerts`, recomputed when the store changes;
    /// shared so that a webhook can reuse the same computation.
    pub alert_cache: Arc<AlertCache>,
    /// Bearer token for reads. When set, every `GET /api/*` and
    /// `/openapi.json` needs it or the write token (401 otherwise); the
    /// static UI files stay public.
    pub read_token: Option<String>,
    /// Reads need a token even without `read_token`: the write token then
    /// opens reads too. With neither token set every read is refused.
    pub private_reads: bool,
    /// Time limit of each store read; a query over it answers 503.
    /// `None` lets queries run as long as they need.
    pub query_timeout: Option<Duration>,
    /// Largest text of one posted document, bytes (413 beyond).
    pub max_document_bytes: usize,
    /// One deadline per request from its arrival: waiting for a store
    /// connection or a scan slot, every page and the response. Past it,
    /// 503 with `Retry-After`. `POST /api/documents` has the body timeout
    /// instead; exports have it per page.
    pub request_deadline: Duration,
    /// Most open client connections; more are answered 503 and closed.
    pub max_connections: usize,
    /// Time for a client to send a request's headers.
    pub header_timeout: Duration,
    /// Time for a client to send a request's body.
    pub body_timeout: Duration,
    /// A connection with no request in flight and no bytes moving for
    /// this long is closed.
    pub idle_timeout: Duration,
    /// An export whose client does not take the next chunk within this
    /// long is stopped.
    pub write_timeout: Duration,
    /// Most exports streaming at once (503 beyond).
    pub max_exports: usize,
    /// Most scans (text and actor searches, stats, stories, export pages,
    /// alert computations) reading the store at once; the other reader
    /// connections stay free for cheap indexed reads.
    pub max_scans: usize,
    /// Names the `Host` header may carry (without port). `None`: loopback
    /// names when bound to a loopback address, any name otherwise.
    pub allowed_hosts: Option<Vec<String>>,
    /// How often the background task checks whether alerts need
    /// recomputing (one cheap query).
    pub alerts_refresh: Duration,
    /// Counters and histograms of `GET /metrics`.
    pub metrics: Arc<Metrics>,
}

impl std::fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerConfig")
            .field("store", &self.store)
            .field("addr", &self.addr)
            .field("token", &self.token.as_ref().map(|_| "<set>"))
            .field("coder", &self.coder.as_ref().map(|_| "<set>"))
            .field("max_body_bytes", &self.max_body_bytes)
            .field("max_page", &self.max_page)
            .field("cors_origin", &self.cors_origin)
            .field("alert_cache", &"<cache>")
            .field("read_token", &self.read_token.as_ref().map(|_| "<set>"))
            .field("private_reads", &self.private_reads)
            .field("query_timeout", &self.query_timeout)
            .field("max_document_bytes", &self.max_document_bytes)
            .field("request_deadline", &self.request_deadline)
            .field("max_connections", &self.max_connections)
            .field("header_timeout", &self.header_timeout)
            .field("body_timeout", &self.body_timeout)
            .field("idle_timeout", &self.idle_timeout)
            .field("write_timeout", &self.write_timeout)
            .field("max_exports", &self.max_exports)
            .field("max_scans", &self.max_scans)
            .field("allowed_hosts", &self.allowed_hosts)
            .field("alerts_refresh", &self.alerts_refresh)
            .finish()
    }
}

impl ServerConfig {
    /// Defaults: `127.0.0.1:8080`, no token (read-only), public reads, no
    /// coder, 10 MiB bodies, 1 MiB documents, pages of at most 500 events,
    /// no CORS, reads stopped after [`DEFAULT_QUERY_TIMEOUT`], a 10 s
    /// request deadline, 10 s for headers, 30 s for a body, 60 s idle,
    /// 10 s export write timeout, 8 exports, 2 scans, connections capped
    /// below the descriptor limit (at most 1,024).
    pub fn new(store: Arc<Store>) -> ServerConfig {
        ServerConfig {
            store,
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            coder: None,
            max_body_bytes: 10 * 1024 * 1024,
            max_page: 500,
            cors_origin: None,
            alert_cache: Arc::new(AlertCache::default()),
            read_token: None,
            private_reads: false,
            query_timeout: Some(DEFAULT_QUERY_TIMEOUT),
            max_document_bytes: 1024 * 1024,
            request_deadline: Duration::from_secs(10),
            max_connections: conn::default_max_connections(),
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60),
            write_timeout: Duration::from_secs(10),
            max_exports: 8,
            max_scans: 2,
            allowed_hosts: None,
            alerts_refresh: Duration::from_secs(1),
            metrics: Arc::new(Metrics::default()),
        }
    }

    /// The `Host` names accepted (lower case, no port); `None` = any.
    fn host_allow_list(&self) -> Option<Vec<String>> {
        match &self.allowed_hosts {
            Some(list) if list.iter().any(|h| h == "*") => None,
            Some(list) => Some(list.iter().map(|h| h.to_ascii_lowercase()).collect()),
            None if self.addr.ip().is_loopback() => Some(
                ["localhost", "127.0.0.1", "[::1]", "::1"]
                    .iter()
                    .map(|h| (*h).to_owned())
                    .collect(),
            ),
            None => None,
        }
    }

    /// Whether reads need a bearer token.
    pub fn reads_are_private(&self) -> bool {
        self.private_reads || self.read_token.as_deref().is_some_and(|t| !t.is_empty())
    }
}

/// Default time limit of one store read.
pub const DEFAULT_QUERY_TIMEOUT: Duration = Duration::from_secs(5);

/// Errors starting the server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

struct AppState {
    store: Arc<Store>,
    token_hash: Option<[u8; 32]>,
    /// Digests of the tokens that open reads; `None` = reads are public.
    read_hashes: Option<Vec<[u8; 32]>>,
    coder: Option<Coder>,
    max_page: usize,
    openapi: Bytes,
    cors: Option<HeaderValue>,
    max_body_bytes: usize,
    max_document_bytes: usize,
    request_deadline: Duration,
    body_timeout: Duration,
    write_timeout: Duration,
    /// Permits of concurrent scans.
    scans: Arc<Semaphore>,
    /// Permits of concurrent exports.
    exports: Arc<Semaphore>,
    /// Accepted `Host` names; `None` = any.
    hosts: Option<Vec<String>>,
    alert_cache: Arc<AlertCache>,
    metrics: Arc<Metrics>,
    next_request: AtomicU64,
}

tokio::task_local! {
    /// The deadline of the request being answered by this task.
    static DEADLINE: Instant;
}

/// The deadline of the request this task answers, if it has one.
fn current_deadline() -> Option<Instant> {
    DEADLINE.try_with(|d| *d).ok()
}

/// When a request arrived (set by the outermost middleware).
#[derive(Debug, Clone, Copy)]
struct Arrival(Instant);

/// An error answered as `{"status": N, "message": "..."}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// Seconds for `Retry-After` (503s).
    pub retry_after: Option<u32>,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            retry_after: None,
        }
    }
    /// A 503 with `Retry-After: 1`.
    fn unavailable(message: impl Into<String>) -> Self {
        ApiError {
            retry_after: Some(1),
            ..ApiError::new(StatusCode::SERVICE_UNAVAILABLE, message)
        }
    }
    fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
    fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
    fn internal(what: impl std::fmt::Display) -> Self {
        tracing::error!(error = %what, "internal error");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error (see the server log)",
        )
    }
}

impl From<FilterError> for ApiError {
    fn from(e: FilterError) -> Self {
        ApiError::bad_request(e.to_string())
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Filter(f) => f.into(),
            StoreError::QueryTimeout { limit_ms } => ApiError::unavailable(format!(
                "the query took longer than this server's limit of {limit_ms} ms and was stopped; narrow the filters (dates, country, category) and try again"
            )),
            StoreError::DeadlinePassed { .. } => ApiError::unavailable(
                "the server is busy: this request's deadline passed; retry shortly",
            ),
            other => ApiError::internal(other),
        }
    }
}

fn error_body(status: StatusCode, message: &str) -> Response {
    let body = serde_json::json!({"status": status.as_u16(), "message": message});
    (status, Json(body)).into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = error_body(self.status, &self.message);
        if let Some(secs) = self.retry_after {
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"sitrep\""),
            );
        }
        r
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// Runs store work on a blocking thread, bounded by the request's
/// deadline (waiting for a connection included), and times it.
async fn blocking<T: Send + 'static>(
    s: &AppState,
    f: impl FnOnce() -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let deadline = current_deadline();
    let started = Instant::now();
    let r = tokio::task::spawn_blocking(move || sitrep_store::with_deadline(deadline, f))
        .await
        .map_err(|e| ApiError::internal(format!("task failed: {e}")))?;
    s.metrics.store_query(started.elapsed());
    if let Err(e) = &r {
        if e.status == StatusCode::SERVICE_UNAVAILABLE {
            s.metrics.refused(Limit::Deadline);
        }
    }
    r
}

/// A scan slot, waited for until the request's deadline (503 past it).
async fn scan_slot(s: &AppState) -> ApiResult<tokio::sync::OwnedSemaphorePermit> {
    let acquire = Arc::clone(&s.scans).acquire_owned();
    let permit = match current_deadline() {
        Some(d) => tokio::time::timeout_at(d.into(), acquire).await.ok(),
        None => Some(acquire.await),
    };
    match permit {
        Some(Ok(p)) => Ok(p),
        _ => {
            s.metrics.refused(Limit::Scans);
            Err(ApiError::unavailable(
                "the server is busy with other searches; retry shortly or narrow the filters",
            ))
        }
    }
}

/// [`blocking`] for a scan: waits for a scan slot first, so that scans
/// never take every reader connection from cheap reads.
pub(crate) async fn blocking_scan<T: Send + 'static>(
    s: &AppState,
    f: impl FnOnce() -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let _slot = scan_slot(s).await?;
    blocking(s, f).await
}

/// Whether a query reads many rows: text and actor searches and offsets.
fn is_scan(q: &EventQuery) -> bool {
    q.filter.q.is_some() || q.filter.actor.is_some() || q.page.offset > 0
}

/// The query's `key=value` pairs; a key given twice is a 400 (one rule for
/// every parameter: no "first wins" or "last wins").
fn pairs(raw: &Option<String>) -> ApiResult<Vec<(String, String)>> {
    let all: Vec<(String, String)> = raw
        .as_deref()
        .map(|q| {
            form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    for (k, _) in &all {
        if !seen.insert(k.as_str()) {
            return Err(ApiError::bad_request(format!(
                "invalid parameter `{k}`: given more than once (join several values with commas where a filter takes a list)"
            )));
        }
    }
    Ok(all)
}

fn parse_query(
    raw: &Option<String>,
    extra: &[&str],
    max_page: usize,
) -> ApiResult<(EventQuery, Vec<(String, String)>)> {
    let p = pairs(raw)?;
    let q = EventQuery::from_pairs(
        p.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        extra,
        max_page,
    )?;
    Ok((q, p))
}

fn sha256(s: &[u8]) -> [u8; 32] {
    Sha256::digest(s).into()
}

/// Constant-time equality of two digests.
fn same_digest(a: &[u8; 32], b: &[u8; 32]) -> bool {
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Builds the router (for tests and embedding). Sets the store's query
/// time limit to `config.query_timeout`.
pub fn router(config: &ServerConfig) -> Router {
    config.store.set_query_timeout(config.query_timeout);
    let token_hash = config
        .token
        .as_deref()
        .filter(|t| !t.is_empty())
        .map(|t| sha256(t.as_bytes()));
    let read_hashes = config.reads_are_private().then(|| {
        config
            .read_token
            .as_deref()
            .filter(|t| !t.is_empty())
            .map(|t| sha256(t.as_bytes()))
            .into_iter()
            .chain(token_hash)
            .collect::<Vec<_>>()
    });
    let mut openapi_doc = openapi::document(
        config.max_page.clamp(1, sitrep_store::MAX_LIMIT),
        config.max_body_bytes,
    );
    if read_hashes.is_some() {
        openapi::require_token_for_reads(&mut openapi_doc);
    }
    let state = Arc::new(AppState {
        store: Arc::clone(&config.store),
        token_hash,
        read_hashes,
        coder: config.coder.clone(),
        max_page: config.max_page.clamp(1, sitrep_store::MAX_LIMIT),
        openapi: Bytes::from(serde_json::to_vec_pretty(&openapi_doc).unwrap_or_default()),
        cors: config
            .cors_origin
            .as_deref()
            .and_then(|o| HeaderValue::from_str(o).ok()),
        max_body_bytes: config.max_body_bytes,
        max_document_bytes: config.max_document_bytes,
        request_deadline: config.request_deadline,
        body_timeout: config.body_timeout,
        write_timeout: config.write_timeout,
        scans: Arc::new(Semaphore::new(config.max_scans.max(1))),
        exports: Arc::new(Semaphore::new(config.max_exports.max(1))),
        hosts: config.host_allow_list(),
        alert_cache: Arc::clone(&config.alert_cache),
        metrics: Arc::clone(&config.metrics),
        next_request: AtomicU64::new(1),
    });
    // Alerts are computed in the background, never on a request's path.
    if let Ok(rt) = tokio::runtime::Handle::try_current() {
        rt.spawn(alerts::refresh_in_background(
            Arc::downgrade(&config.store),
            Arc::clone(&config.alert_cache),
            Arc::clone(&config.metrics),
            Arc::clone(&state.scans),
            config.alerts_refresh.max(Duration::from_millis(10)),
        ));
    }
    Router::new()
        .route("/api/events", get(list_events))
        .route("/api/events/{id}", get(get_event))
        .route("/api/documents", axum::routing::post(post_documents))
        .route("/api/documents/{id}", get(get_document))
        .route("/api/stats", get(get_stats))
        .route("/api/stories", get(stories::get_stories))
        .route("/api/export", get(get_export))
        .route("/api/alerts", get(alerts::get_alerts))
        .route("/openapi.json", get(get_openapi))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(get_metrics))
        .fallback(static_or_404)
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            with_deadline,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            require_token,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            check_host,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            finish,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            observe,
        ))
        .with_state(state)
}

/// `GET /healthz`: the process is alive and answering.
async fn healthz() -> Response {
    Json(serde_json::json!({"status": "ok"})).into_response()
}

/// `GET /readyz`: the store answers a query (migrations are applied when
/// the store is opened, so an open store that answers is migrated).
async fn readyz(State(s): State<Arc<AppState>>) -> ApiResult<Response> {
    let store = Arc::clone(&s.store);
    match blocking(&s, move || Ok(store.generation()?)).await {
        Ok(g) => Ok(Json(serde_json::json!({"status": "ready", "generation": g})).into_response()),
        Err(e) => Err(ApiError::unavailable(format!(
            "the store is not ready: {}",
            e.message
        ))),
    }
}

/// `GET /metrics`: Prometheus text format.
async fn get_metrics(State(s): State<Arc<AppState>>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        s.metrics.render(),
    )
        .into_response()
}

/// Outermost layer: a request id, the request's arrival time (its
/// deadline counts from there), metrics and one log line per request.
async fn observe(State(state): State<Arc<AppState>>, mut req: Request, next: Next) -> Response {
    let arrival = Instant::now();
    let id = format!(
        "{:x}-{}",
        std::process::id(),
        state.next_request.fetch_add(1, Ordering::Relaxed)
    );
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "other".to_owned(), |m| m.as_str().to_owned());
    req.extensions_mut().insert(Arrival(arrival));
    let method = req.method().clone();
    state.metrics.request_started();
    let span = tracing::info_span!("request", id = %id, method = %method, route = %route);
    let mut resp = next.run(req).instrument(span.clone()).await;
    let took = arrival.elapsed();
    let status = resp.status().as_u16();
    state.metrics.request_finished(&route, status, took);
    span.in_scope(|| {
        if status >= 500 {
            tracing::warn!(status, ms = took.as_millis() as u64, "answered");
        } else {
            tracing::debug!(status, ms = took.as_millis() as u64, "answered");
        }
    });
    if let Ok(v) = HeaderValue::from_str(&id) {
        resp.headers_mut().insert("x-request-id", v);
    }
    resp
}

/// Refuses a `Host` outside the allow-list (DNS rebinding: a page of
/// another site resolving its name to this loopback server).
async fn check_host(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if let Some(allowed) = &state.hosts {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .map(host_name);
        if let Some(h) = host {
            if !allowed.contains(&h) {
                state.metrics.refused(Limit::Host);
                return error_body(
                    StatusCode::MISDIRECTED_REQUEST,
                    &format!(
                        "host `{h}` is not served here (allowed: {}; see --allowed-host)",
                        allowed.join(", ")
                    ),
                );
            }
        }
    }
    next.run(req).await
}

/// The name of a `Host` header value, lower case, without the port.
fn host_name(h: &str) -> String {
    let h = h.trim().to_ascii_lowercase();
    if h.starts_with('[') {
        return h
            .split_once(']')
            .map_or(h.clone(), |(a, _)| format!("{a}]"));
    }
    match h.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !name.contains(':') => {
            name.to_owned()
        }
        _ => h,
    }
}

/// Bounds every read request by one deadline from its arrival: store
/// reads see it (waiting for a connection included) and the whole answer
/// must be ready by then, else 503 with `Retry-After`. Writes have the
/// body timeout instead; static files need no deadline.
async fn with_deadline(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let bounded = (req.method() == Method::GET || req.method() == Method::HEAD)
        && (req.uri().path().starts_with("/api/") || req.uri().path() == "/readyz");
    if !bounded {
        return next.run(req).await;
    }
    let arrival = req
        .extensions()
        .get::<Arrival>()
        .map_or_else(Instant::now, |a| a.0);
    let deadline = arrival + state.request_deadline;
    let run = DEADLINE.scope(deadline, next.run(req));
    match tokio::time::timeout_at(deadline.into(), run).await {
        Ok(r) => r,
        Err(_) => {
            state.metrics.refused(Limit::Deadline);
            ApiError::unavailable(format!(
                "the server is busy: no answer within this server's deadline of {} ms; retry shortly",
                state.request_deadline.as_millis()
            ))
            .into_response()
        }
    }
}

/// Serves on `config.addr` until Ctrl-C.
pub async fn serve(config: ServerConfig) -> Result<(), ServerError> {
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| ServerError::Bind(config.addr, e))?;
    let addr = listener.local_addr()?;
    // The address ends the line: scripts and tests read it from there.
    tracing::info!("serving {} on http://{addr}/", config.store.description());
    serve_listener(listener, config).await
}

/// Serves on an already bound listener until Ctrl-C.
pub async fn serve_listener(
    listener: tokio::net::TcpListener,
    config: ServerConfig,
) -> Result<(), ServerError> {
    let app = router(&config);
    let limits = conn::ConnLimits {
        max_connections: config.max_connections,
        header_timeout: config.header_timeout,
        idle_timeout: config.idle_timeout,
    };
    conn::serve_with_limits(listener, app, limits, Arc::clone(&config.metrics), async {
        // If the signal handler cannot be installed, serve until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    })
    .await?;
    Ok(())
}

/// Adds security and CORS headers and turns any non-JSON error response
/// (405, 413 and others produced by axum itself) into a JSON error.
async fn finish(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if req.method() == Method::OPTIONS {
        if let Some(origin) = &state.cors {
            let mut r = StatusCode::NO_CONTENT.into_response();
            let h = r.headers_mut();
            h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("GET, POST, OPTIONS"),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("authorization, content-type"),
            );
            h.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("600"),
            );
            return r;
        }
    }
    let mut resp = next.run(req).await;
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        let allow = resp.headers().get(header::ALLOW).cloned();
        let message = status.canonical_reason().unwrap_or("error");
        resp = error_body(status, message);
        if let Some(a) = allow {
            resp.headers_mut().insert(header::ALLOW, a);
        }
    }
    let h = resp.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if let Some(origin) = &state.cors {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
    }
    resp
}

/// Whether a request reads the API (and so needs a token when reads are
/// private). Static UI files are not API reads: the page must load to ask
/// for the token.
fn is_api_read(method: &Method, path: &str) -> bool {
    (method == Method::GET || method == Method::HEAD)
        && (path.starts_with("/api/")
            || matches!(path, "/openapi.json" | "/healthz" | "/readyz" | "/metrics"))
}

/// The bearer token of a request, if any (the scheme name is
/// case-insensitive, RFC 9110 §11.1).
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = v.split_once(char::is_whitespace)?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// Whether `given` matches any of `accepted`, comparing every digest in
/// constant time (no early exit on the first match either).
fn token_accepted(given: Option<&str>, accepted: &[[u8; 32]]) -> bool {
    let Some(given) = given else {
        return false;
    };
    let digest = sha256(given.as_bytes());
    accepted
        .iter()
        .fold(false, |ok, a| ok | same_digest(&digest, a))
}

/// Checks tokens before anything else reads the request: API reads need a
/// read (or write) token when reads are private; `POST /api/documents`
/// needs the write token and a declared `Content-Length` within the body
/// limit, both checked before a byte of the body is read.
async fn require_token(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if let Some(accepted) = &state.read_hashes {
        if is_api_read(req.method(), req.uri().path())
            && !token_accepted(bearer(req.headers()), accepted)
        {
            state.metrics.refused(Limit::Auth);
            return ApiError::new(
                StatusCode::UNAUTHORIZED,
                "reads on this server are private: missing or wrong bearer token (send `Authorization: Bearer <token>`)",
            )
            .into_response();
        }
    }
    if req.method() == Method::POST && req.uri().path() == "/api/documents" {
        if let Err(e) = check_token(&state, req.headers()) {
            state.metrics.refused(Limit::Auth);
            return e.into_response();
        }
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > state.max_body_bytes as u64) {
            state.metrics.refused(Limit::ContentLength);
            return ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the body is larger than this server's limit of {} bytes",
                    state.max_body_bytes
                ),
            )
            .into_response();
        }
    }
    next.run(req).await
}

async fn list_events(
    State(s): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let (q, _) = parse_query(&raw, &[], s.max_page)?;
    let store = Arc::clone(&s.store);
    let scan = is_scan(&q);
    let read = move || Ok(store.events(&q)?);
    let page = if scan {
        blocking_scan(&s, read).await?
    } else {
        blocking(&s, read).await?
    };
    Ok(Json(page).into_response())
}

async fn get_event(
    State(s): State<Arc<AppState>>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Response> {
    let Path(id) = id.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let store = Arc::clone(&s.store);
    let id2 = id.clone();
    match blocking(&s, move || Ok(store.event(&id2)?)).await? {
        Some(d) => Ok(Json(d).into_response()),
        None => Err(ApiError::not_found(format!("no event `{id}`"))),
    }
}

async fn get_document(
    State(s): State<Arc<AppState>>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Response> {
    let Path(id) = id.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let store = Arc::clone(&s.store);
    let id2 = id.clone();
    match blocking(&s, move || Ok(store.document(&id2)?)).await? {
        Some(d) => Ok(Json(d).into_response()),
        None => Err(ApiError::not_found(format!("no document `{id}`"))),
    }
}

/// The event filters of an endpoint that answers for every matching event
/// (no paging): a paging parameter is a 400 naming `route`.
pub(crate) fn filter_only_query(
    raw: &Option<String>,
    route: &str,
    max_page: usize,
) -> ApiResult<EventQuery> {
    let p = pairs(raw)?;
    if let Some((k, _)) = p
        .iter()
        .find(|(k, _)| matches!(k.as_str(), "sort" | "limit" | "cursor" | "offset"))
    {
        return Err(ApiError::bad_request(format!(
            "invalid parameter `{k}`: not a filter of {route}"
        )));
    }
    Ok(EventQuery::from_pairs(
        p.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        &[],
        max_page,
    )?)
}

async fn get_stats(State(s): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> ApiResult<Response> {
    let q = filter_only_query(&raw, "/api/stats", s.max_page)?;
    let store = Arc::clone(&s.store);
    let rows = blocking_scan(&s, move || Ok(store.stats(&q.filter)?)).await?;
    let total: u64 = rows.iter().map(|r| r.count).sum();
    Ok(Json(serde_json::json!({"stats": rows, "total": total})).into_response())
}

struct ReceiverStream(tokio::sync::mpsc::Receiver<Result<Bytes, std::io::Error>>);

impl futures_core::Stream for ReceiverStream {
    type Item = Result<Bytes, std::io::Error>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.poll_recv(cx)
    }
}

async fn get_export(
    State(s): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let (q, p) = parse_query(&raw, &["format"], s.max_page)?;
    if p.iter()
        .any(|(k, _)| matches!(k.as_str(), "limit" | "cursor" | "offset"))
    {
        return Err(ApiError::bad_request(
            "export takes filters and `sort`, not paging parameters",
        ));
    }
    let fmt_text = p
        .iter()
        .find(|(k, _)| k == "format")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let format = match ExportFormat::parse(fmt_text) {
        Some(f) => f,
        None if fmt_text == "parquet" => {
            return Err(ApiError::bad_request(
                "parquet export is not built into this server",
            ))
        }
        None => {
            return Err(ApiError::bad_request(
                "invalid parameter `format`: expected csv, jsonl or geojson",
            ))
        }
    };
    let Ok(slot) = Arc::clone(&s.exports).try_acquire_owned() else {
        s.metrics.refused(Limit::Exports);
        return Err(ApiError::unavailable(
            "too many exports are streaming; retry shortly",
        ));
    };
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    #[cfg(feature = "parquet")]
    if format == ExportFormat::Parquet {
        spawn_parquet_export(&s, q, tx, slot);
        return Ok(export_response_with(
            format,
            Body::from_stream(ReceiverStream(rx)),
        ));
    }
    let state = Arc::clone(&s);
    tokio::spawn(
        async move {
            let _slot = slot;
            if let Err(why) = stream_export(&state, format, &q, &tx).await {
                // A client that left is not worth a log line above debug.
                tracing::debug!(reason = %why, "export stopped");
                let _ = tx.try_send(Err(std::io::Error::other(why)));
            }
        }
        .in_current_span(),
    );
    Ok(export_response_with(
        format,
        Body::from_stream(ReceiverStream(rx)),
    ))
}

/// The headers of an export answer around its streamed body.
fn export_response_with(format: ExportFormat, body: Body) -> Response {
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"sitrep-events.{}\"",
        format.extension()
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}

/// Streams an export a page at a time: each page is read on a blocking
/// thread as a scan (bounded by the request deadline counted from the
/// page's start), encoded, and handed to the client, who must take it
/// within the write timeout. No thread waits for a slow client.
async fn stream_export(
    s: &Arc<AppState>,
    format: ExportFormat,
    q: &EventQuery,
    tx: &tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
) -> Result<(), String> {
    let mut enc = export::Encoder::new(format);
    let send = |bytes: Vec<u8>| async {
        if bytes.is_empty() {
            return Ok(());
        }
        match tokio::time::timeout(s.write_timeout, tx.send(Ok(Bytes::from(bytes)))).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err("the client went away".to_owned()),
            Err(_) => {
                s.metrics.refused(Limit::ExportWriteTimeout);
                Err(format!(
                    "the client did not read for {} ms",
                    s.write_timeout.as_millis()
                ))
            }
        }
    };
    send(enc.begin().map_err(|e| e.to_string())?).await?;
    let mut page_q = export::first_page(&q.filter, q.page.sort);
    loop {
        let deadline = Instant::now() + s.request_deadline;
        let store = Arc::clone(&s.store);
        let pq = page_q.clone();
        let page = DEADLINE
            .scope(
                deadline,
                blocking_scan(s, move || Ok(store.events_page_without_total(&pq)?)),
            )
            .await
            .map_err(|e| e.message)?;
        send(enc.page(&page.events).map_err(|e| e.to_string())?).await?;
        match page.next {
            Some(n) => {
                page_q.page.cursor =
                    Some(sitrep_store::Cursor::decode(&n).map_err(|e| e.to_string())?)
            }
            None => break,
        }
    }
    send(enc.end().map_err(|e| e.to_string())?).await
}

#[cfg(feature = "parquet")]
fn spawn_parquet_export(
    s: &Arc<AppState>,
    q: EventQuery,
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    slot: tokio::sync::OwnedSemaphorePermit,
) {
    // Parquet is written whole by the arrow writer: a blocking thread with
    // the write timeout on each chunk, within the export cap.
    let store = Arc::clone(&s.store);
    let write_timeout = s.write_timeout;
    let rt = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        let mut w = ChunkWriter {
            tx: tx.clone(),
            buf: Vec::new(),
            rt,
            write_timeout,
        };
        if let Err(e) = export::export(
            &store,
            ExportFormat::Parquet,
            &q.filter,
            q.page.sort,
            &mut w,
        ) {
            tracing::debug!(error = %e, "parquet export stopped");
            let _ = tx.try_send(Err(std::io::Error::other(e.to_string())));
        }
    });
}

/// An `io::Write` that sends 64 KiB chunks, each within the write timeout.
#[cfg(feature = "parquet")]
struct ChunkWriter {
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    buf: Vec<u8>,
    rt: tokio::runtime::Handle,
    write_timeout: Duration,
}

#[cfg(feature = "parquet")]
impl ChunkWriter {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::take(&mut self.buf));
        let (tx, t) = (self.tx.clone(), self.write_timeout);
        match self
            .rt
            .block_on(async move { tokio::time::timeout(t, tx.send(Ok(chunk))).await })
        {
            Ok(Ok(())) => Ok(()),
            _ => Err(std::io::Error::new(
                std::io::ErrorKind::BrokenPipe,
                "client went away or stopped reading",
            )),
        }
    }
}

#[cfg(feature = "parquet")]
impl std::io::Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= 64 * 1024 {
            self.send()?;
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

async fn get_openapi(State(s): State<Arc<AppState>>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        s.openapi.clone(),
    )
        .into_response()
}

async fn static_or_404(method: Method, uri: axum::http::Uri) -> Response {
    let path = uri.path();
    if !path.starts_with("/api/") && (method == Method::GET || method == Method::HEAD) {
        if let Some((ctype, bytes)) = web::asset(path) {
            let mut r = ([(header::CONTENT_TYPE, ctype)], bytes).into_response();
            if path == "/" || path == "/index.html" {
                r.headers_mut().insert(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'",
                    ),
                );
            }
            return r;
        }
    }
    error_body(
        StatusCode::NOT_FOUND,
        &format!("no route for {method} {path}"),
    )
}

/// A document as posted to `POST /api/documents`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewDocument {
    id: String,
    text: String,
    title: Option<String>,
    published: Option<String>,
    source: Option<String>,
    url: Option<String>,
}

fn to_document(i: usize, d: NewDocument) -> ApiResult<Document> {
    let at = |m: &str| ApiError::bad_request(format!("document {i}: {m}"));
    if d.id.trim().is_empty() || d.id.len() > 512 || d.id.chars().any(char::is_control) {
        return Err(at("`id` must be 1..512 bytes without control characters"));
    }
    if d.text.trim().is_empty() {
        return Err(at("`text` is empty"));
    }
    let published = match d.published.as_deref() {
        Some(p) => Some(Published::parse(p).map_err(|e| at(&format!("`published`: {e}")))?),
        None => None,
    };
    // The same constructor as a JSONL line through `sitrep ingest`: the
    // headline, dateline, body start and update marker are read alike.
    Ok(Document::from_parts(DocumentParts {
        id: d.id,
        text: d.text,
        title: d.title,
        published,
        source: d.source,
        url: d.url,
    }))
}

fn check_token(s: &AppState, headers: &HeaderMap) -> ApiResult<()> {
    let Some(expected) = &s.token_hash else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "write endpoints are closed: the server was started without a token",
        ));
    };
    match bearer(headers) {
        Some(t) if same_digest(&sha256(t.as_bytes()), expected) => Ok(()),
        _ => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "missing or wrong bearer token (send `Authorization: Bearer <token>`)",
        )),
    }
}

/// Set when the request that started a batch is gone (its future was
/// dropped: the client disconnected); the batch stops at the next document.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

async fn post_documents(State(s): State<Arc<AppState>>, req: Request) -> ApiResult<Response> {
    // The token and a declared length were checked before (require_token).
    check_token(&s, req.headers())?;
    let read = axum::body::to_bytes(req.into_body(), s.max_body_bytes);
    let body = match tokio::time::timeout(s.body_timeout, read).await {
        Ok(Ok(b)) => b,
        Ok(Err(_)) => {
            s.metrics.refused(Limit::BodySize);
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the body is larger than this server's limit of {} bytes (or was cut off)",
                    s.max_body_bytes
                ),
            ));
        }
        Err(_) => {
            s.metrics.refused(Limit::BodyTimeout);
            return Err(ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the body did not arrive within {} ms",
                    s.body_timeout.as_millis()
                ),
            ));
        }
    };
    let value: serde_json::Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("body is not JSON: {e}")))?;
    drop(body);
    let items = match value {
        serde_json::Value::Array(a) => a,
        v @ serde_json::Value::Object(_) => vec![v],
        _ => {
            return Err(ApiError::bad_request(
                "body must be a document object or an array of them",
            ))
        }
    };
    if items.is_empty() {
        return Err(ApiError::bad_request("no documents"));
    }
    if items.len() > MAX_POST_DOCUMENTS {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("at most {MAX_POST_DOCUMENTS} documents per request"),
        ));
    }
    let mut docs = Vec::with_capacity(items.len());
    for (i, v) in items.into_iter().enumerate() {
        let d: NewDocument = serde_json::from_value(v)
            .map_err(|e| ApiError::bad_request(format!("document {i}: {e}")))?;
        if d.text.len() > s.max_document_bytes {
            s.metrics.refused(Limit::DocumentSize);
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "document {i}: `text` is {} bytes, over this server's limit of {} bytes per document",
                    d.text.len(),
                    s.max_document_bytes
                ),
            ));
        }
        docs.push(to_document(i, d)?);
    }
    let Some(coder) = s.coder.clone() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "this server has no coder configured",
        ));
    };
    let store = Arc::clone(&s.store);
    let cancelled = Arc::new(AtomicBool::new(false));
    let _cancel = CancelOnDrop(Arc::clone(&cancelled));
    let total = docs.len();
    let results = blocking(&s, move || {
        let mut out = Vec::with_capacity(docs.len());
        for doc in docs {
            if cancelled.load(Ordering::Relaxed) {
                tracing::info!(done = out.len(), total, "client gone: batch stopped");
                break;
            }
            let id = doc.id.clone();
            let (events, places) = coder(doc.clone());
            let report = store.ingest_report(&doc, &events, &places)?;
            let stored = match report.outcome {
                IngestOutcome::Unchanged | IngestOutcome::OlderVersion => 0,
                IngestOutcome::Added | IngestOutcome::NewVersion => events.len(),
            };
            out.push((
                stored,
                serde_json::json!({
                    "id": id,
                    "outcome": report.outcome,
                    "events": stored,
                    "document": report.doc_id,
                    "why": report.why,
                    "duplicates": report.duplicates,
                }),
            ));
        }
        Ok(out)
    })
    .await?;
    let events: usize = results.iter().map(|(n, _)| n).sum();
    s.metrics.ingested(results.len() as u64, events as u64);
    let results: Vec<serde_json::Value> = results.into_iter().map(|(_, v)| v).collect();
    Ok(Json(serde_json::json!({"results": results})).into_response())
}
