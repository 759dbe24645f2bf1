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
//! | `GET /api/stories` | the matching events merged across articles (same filters; at most [`stories::MAX_STORY_EVENTS`] events) → `{"stories": [...], "total": N, "events": M}` |
//! | `GET /api/stats` | counts by day × category × country → `{"stats": [...], "total": N}` |
//! | `GET /api/alerts` | crisis alerts over the stored events, cached (see [`mod@alerts`]) → `{"alerts": [...], "total": N}` |
//! | `GET /api/export?format=csv\|jsonl\|geojson\|parquet` | every matching event, streamed (see [`mod@export`]; parquet with the cargo feature `parquet`) |
//! | `POST /api/documents` | code and store one or many documents (bearer token) |
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
//! Every error is JSON `{"status": <code>, "message": "..."}`. Write
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
pub mod export;
pub mod openapi;
#[cfg(feature = "parquet")]
pub mod parquet_export;
pub mod stories;
pub mod web;

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use sitrep_coder::record::{EventRecord, PlaceRecord};
use sitrep_coder::{Document, Published};
use sitrep_store::{EventQuery, FilterError, IngestOutcome, Store, StoreError};

pub use export::{export, ExportError, ExportFormat, CSV_COLUMNS};

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
    pub alert_cache: Arc<alerts::AlertCache>,
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
            .finish()
    }
}

impl ServerConfig {
    /// Defaults: `127.0.0.1:8080`, no token (read-only), public reads, no
    /// coder, 10 MiB bodies, pages of at most 500 events, no CORS, reads
    /// stopped after [`DEFAULT_QUERY_TIMEOUT`].
    pub fn new(store: Arc<Store>) -> ServerConfig {
        ServerConfig {
            store,
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            coder: None,
            max_body_bytes: 10 * 1024 * 1024,
            max_page: 500,
            cors_origin: None,
            alert_cache: Arc::new(alerts::AlertCache::default()),
            read_token: None,
            private_reads: false,
            query_timeout: Some(DEFAULT_QUERY_TIMEOUT),
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
}

/// An error answered as `{"status": N, "message": "..."}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }
    fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
    fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
    fn internal(what: impl std::fmt::Display) -> Self {
        eprintln!("sitrep-server: internal error: {what}");
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
            StoreError::QueryTimeout { limit_ms } => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the query took longer than this server's limit of {limit_ms} ms and was stopped; narrow the filters (dates, country, category) and try again"
                ),
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
        error_body(self.status, &self.message)
    }
}

type ApiResult<T> = Result<T, ApiError>;

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::internal(format!("task failed: {e}")))?
}

fn pairs(raw: &Option<String>) -> Vec<(String, String)> {
    raw.as_deref()
        .map(|q| {
            form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

fn parse_query(
    raw: &Option<String>,
    extra: &[&str],
    max_page: usize,
) -> ApiResult<(EventQuery, Vec<(String, String)>)> {
    let p = pairs(raw);
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
    });
    Router::new()
        .route("/api/events", get(list_events))
        .route("/api/events/{id}", get(get_event))
        .route("/api/documents", axum::routing::post(post_documents))
        .route("/api/documents/{id}", get(get_document))
        .route("/api/stats", get(get_stats))
        .route("/api/stories", get(stories::get_stories))
        .route("/api/export", get(get_export))
        .route(
            "/api/alerts",
            alerts::route(Arc::clone(&config.store), Arc::clone(&config.alert_cache)),
        )
        .route("/openapi.json", get(get_openapi))
        .fallback(static_or_404)
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            require_read_token,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            finish,
        ))
        .with_state(state)
}

/// Serves on `config.addr` until Ctrl-C.
pub async fn serve(config: ServerConfig) -> Result<(), ServerError> {
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| ServerError::Bind(config.addr, e))?;
    let addr = listener.local_addr()?;
    eprintln!(
        "sitrep: serving {} on http://{addr}/",
        config.store.description()
    );
    serve_listener(listener, config).await
}

/// Serves on an already bound listener until Ctrl-C.
pub async fn serve_listener(
    listener: tokio::net::TcpListener,
    config: ServerConfig,
) -> Result<(), ServerError> {
    let app = router(&config);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
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
        && (path.starts_with("/api/") || path == "/openapi.json")
}

/// The bearer token of a request, if any.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
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

/// Refuses API reads without a read (or write) token when reads are private.
async fn require_read_token(
    State(state): State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    if let Some(accepted) = &state.read_hashes {
        if is_api_read(req.method(), req.uri().path())
            && !token_accepted(bearer(req.headers()), accepted)
        {
            let mut r = error_body(
                StatusCode::UNAUTHORIZED,
                "reads on this server are private: missing or wrong bearer token (send `Authorization: Bearer <token>`)",
            );
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"sitrep\""),
            );
            return r;
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
    let page = blocking(move || Ok(store.events(&q)?)).await?;
    Ok(Json(page).into_response())
}

async fn get_event(
    State(s): State<Arc<AppState>>,
    id: Result<Path<String>, PathRejection>,
) -> ApiResult<Response> {
    let Path(id) = id.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let store = Arc::clone(&s.store);
    let id2 = id.clone();
    match blocking(move || Ok(store.event(&id2)?)).await? {
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
    match blocking(move || Ok(store.document(&id2)?)).await? {
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
    let p = pairs(raw);
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
    let rows = blocking(move || Ok(store.stats(&q.filter)?)).await?;
    let total: u64 = rows.iter().map(|r| r.count).sum();
    Ok(Json(serde_json::json!({"stats": rows, "total": total})).into_response())
}

/// An `io::Write` that sends 64 KiB chunks to the response body.
struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    buf: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::take(&mut self.buf));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client went away"))
    }
}

impl std::io::Write for ChannelWriter {
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
    let (tx, rx) = tokio::sync::mpsc::channel(8);
    let store = Arc::clone(&s.store);
    tokio::task::spawn_blocking(move || {
        let mut w = ChannelWriter {
            tx: tx.clone(),
            buf: Vec::new(),
        };
        if let Err(e) = export::export(&store, format, &q.filter, q.page.sort, &mut w) {
            eprintln!("sitrep-server: export failed: {e}");
            let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
        }
    });
    let mut resp = Body::from_stream(ReceiverStream(rx)).into_response();
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
    Ok(resp)
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

fn parse_published(s: &str) -> Option<Published> {
    let s = s.trim();
    if let Ok(date) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(Published {
            date,
            time: None,
            utc_offset_minutes: None,
        });
    }
    let dt = chrono::DateTime::parse_from_rfc3339(s).ok()?;
    Some(Published {
        date: dt.date_naive(),
        time: Some(dt.time()),
        utc_offset_minutes: Some(dt.offset().local_minus_utc() / 60),
    })
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
        Some(p) => Some(
            parse_published(p).ok_or_else(|| at("`published` is not YYYY-MM-DD or RFC 3339"))?,
        ),
        None => None,
    };
    Ok(Document {
        id: d.id,
        text: d.text,
        title: d.title,
        published,
        source: d.source,
        url: d.url,
        ..Document::default()
    })
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
        _ => {
            let mut e = ApiError::new(StatusCode::UNAUTHORIZED, "missing or wrong bearer token");
            e.message
                .push_str(" (send `Authorization: Bearer <token>`)");
            Err(e)
        }
    }
}

async fn post_documents(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Response> {
    check_token(&s, &headers)?;
    let body = body.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
    let value: serde_json::Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("body is not JSON: {e}")))?;
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
        docs.push(to_document(i, d)?);
    }
    let Some(coder) = s.coder.clone() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "this server has no coder configured",
        ));
    };
    let store = Arc::clone(&s.store);
    let results = blocking(move || {
        let mut out = Vec::with_capacity(docs.len());
        for doc in docs {
            let id = doc.id.clone();
            let (events, places) = coder(doc.clone());
            let report = store.ingest_report(&doc, &events, &places)?;
            let stored = match report.outcome {
                IngestOutcome::Unchanged | IngestOutcome::OlderVersion => 0,
                IngestOutcome::Added | IngestOutcome::NewVersion => events.len(),
            };
            out.push(serde_json::json!({
                "id": id,
                "outcome": report.outcome,
                "events": stored,
                "document": report.doc_id,
                "why": report.why,
                "duplicates": report.duplicates,
            }));
        }
        Ok(out)
    })
    .await?;
    Ok(Json(serde_json::json!({"results": results})).into_response())
}
