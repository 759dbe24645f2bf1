//! sitrep-feeds: a polite RSS/Atom watcher that turns new feed items into
//! [`sitrep_coder::Document`]s and hands them to a sink supplied by the
//! caller (the CLI's `sitrep watch --config FILE` stores and codes them).
//!
//! # Behaviour
//!
//! - **Polling.** [`poll_once`] requests every configured feed that is not
//!   backing off; [`watch`] loops, polling each feed when its interval has
//!   passed, saving the state after every round, until a stop flag is set.
//! - **Conditional GET.** The `ETag` and `Last-Modified` of the last
//!   complete fetch are sent back as `If-None-Match` / `If-Modified-Since`;
//!   `304 Not Modified` means nothing new. Validators are stored only when
//!   every new item of the fetch reached the sink, so failed items are
//!   retried on the next poll instead of being hidden behind a 304.
//! - **Politeness.** Two requests to one host (feeds and article pages
//!   alike) are never closer than `host_delay_ms`, counted from the end of
//!   the earlier request to the start of the next.
//! - **Backoff.** A transport error, a timeout, an HTTP error status, an
//!   oversize or unparsable feed puts the feed in backoff: `backoff_base_secs`
//!   doubled per error in a row, capped at `max_backoff_secs`, with "equal
//!   jitter" from a seedable SplitMix64 (`jitter_seed`). A `Retry-After`
//!   (seconds or HTTP date) on any error response is used instead, capped
//!   at `max_backoff_secs`. The feed is not requested before the backoff
//!   expires; a success resets it.
//! - **Limits.** Every request has a whole-request timeout
//!   (`timeout_secs`); feed bodies above `max_feed_bytes` and pages above
//!   `max_item_bytes` are refused (by `Content-Length` up front, or while
//!   reading) — a refused page falls back to the item's text.
//! - **Items.** Feeds are parsed with `feed-rs` (RSS 0.9x/1.0/2.0, Atom).
//!   An item is known by its guid/id (keyed per feed) and by its link;
//!   either one seen before means the item is skipped. A new item's link is
//!   fetched and its main text extracted by `sitrep_ingest` (Readability);
//!   when the page cannot be fetched or has no text, the item's content or
//!   description is used. The document has: `id` = a stable 128-bit FNV-1a
//!   hash of the link (`web-` + 32 hex digits; of feed URL and guid when
//!   there is no link), `title` from the item (else the page), `published`
//!   from the item's published/updated time as feed-rs read it (UTC; else
//!   the page's date), `source` = the
//!   feed's `name` (else its host), `url` = the link. Items are handed over
//!   oldest first (the reverse of feed order).
//! - **State.** ETags, Last-Modified, backoff, and the seen items with
//!   first/last-seen times are kept in a JSON state file, written
//!   atomically (temporary file, then rename), so a restart does not
//!   re-ingest. Seen items that left their feed (a later full fetch no
//!   longer lists them) more than `seen_retention_days` ago are forgotten.
//! - **Errors.** One feed's or item's failure is recorded in the
//!   [`PollReport`] and the others go on; a sink error leaves the item
//!   unseen, to be retried on the next poll.
//!
//! # Configuration (TOML; JSON when the file name ends in `.json`)
//!
//! ```toml
//! state_file = "watch-state.json"   # relative to the config file's folder
//!
//! [defaults]                        # every field optional; defaults shown
//! interval_secs = 900
//! user_agent = "sitrep-feeds/0.1.0"
//! timeout_secs = 30
//! max_item_bytes = 5000000
//! max_feed_bytes = 10000000
//! host_delay_ms = 2000
//! backoff_base_secs = 60
//! max_backoff_secs = 21600
//! # jitter_seed = 42
//! seen_retention_days = 90
//!
//! [[feeds]]
//! url = "https://news.example.org/world/rss.xml"
//! name = "Example News"             # optional: the documents' source
//! interval_secs = 600               # optional: overrides the default
//! ```
//!
//! Unknown fields are errors; every error names the file and the field.

mod config;
mod state;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sitrep_coder::published::find_published;
use sitrep_coder::{Document, DocumentParts, Published};
use thiserror::Error;

pub use config::{ConfigError, Defaults, FeedConfig, WatchConfig};
pub use state::{
    backoff_delay, parse_retry_after, FeedState, SeenItem, SplitMix64, WatchState, STATE_VERSION,
};

use state::Runtime;

/// Everything that can go wrong; none of it stops a poll.
#[derive(Debug, Error)]
pub enum FeedError {
    #[error("{url}: request failed: {source}")]
    Http {
        url: String,
        #[source]
        source: Box<ureq::Error>,
    },
    #[error("{url}: HTTP status {status}{}", retry_after.map(|d| format!(" (Retry-After {} s)", d.as_secs())).unwrap_or_default())]
    Status {
        url: String,
        status: u16,
        retry_after: Option<Duration>,
    },
    #[error("{url}: body larger than the limit of {limit} bytes")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: cannot read the body: {reason}")]
    Body { url: String, reason: String },
    #[error("{url}: not a readable feed: {reason}")]
    Parse { url: String, reason: String },
    #[error("{url}: not an HTML or text page ({content_type})")]
    NotHtml { url: String, content_type: String },
    #[error("{url}: unusable URL: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("{url}: neither the page nor the feed item has text")]
    NoText { url: String },
    #[error("{url}: the sink refused the document: {reason}")]
    Sink { url: String, reason: String },
    #[error("state file {}: {source}", path.display())]
    StateIo {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("state file {}: {reason}", path.display())]
    StateFormat { path: PathBuf, reason: String },
    #[error(transparent)]
    Config(#[from] ConfigError),
}

/// One error of a poll, with where it happened.
#[derive(Debug)]
pub struct ReportedError {
    /// The feed URL.
    pub feed: String,
    /// The item's link (or guid) when the error concerns one item.
    pub item: Option<String>,
    pub error: FeedError,
}

/// What one poll did.
#[derive(Debug, Default)]
pub struct PollReport {
    /// Feeds requested.
    pub feeds_polled: usize,
    /// Feeds that answered 304 Not Modified.
    pub feeds_not_modified: usize,
    /// Feeds skipped because they are backing off.
    pub feeds_backing_off: usize,
    /// Items not seen before.
    pub items_new: usize,
    /// Items skipped as already seen.
    pub items_seen: usize,
    /// Article pages fetched successfully.
    pub pages_fetched: usize,
    /// Documents built from the item's own text after the page failed.
    pub page_fallbacks: usize,
    /// Documents the sink accepted.
    pub documents: usize,
    pub errors: Vec<ReportedError>,
}

impl PollReport {
    fn error(&mut self, feed: &str, item: Option<&str>, error: FeedError) {
        self.errors.push(ReportedError {
            feed: feed.to_string(),
            item: item.map(str::to_string),
            error,
        });
    }
}

impl std::fmt::Display for PollReport {
    /// One line: the counts, then the number of errors.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} feeds polled ({} not modified, {} backing off), {} new items, {} seen, \
             {} pages fetched, {} fallbacks, {} documents, {} errors",
            self.feeds_polled,
            self.feeds_not_modified,
            self.feeds_backing_off,
            self.items_new,
            self.items_seen,
            self.pages_fetched,
            self.page_fallbacks,
            self.documents,
            self.errors.len()
        )
    }
}

impl std::fmt::Display for ReportedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.item {
            Some(item) => write!(f, "feed {}: item {}: {}", self.feed, item, self.error),
            None => write!(f, "feed {}: {}", self.feed, self.error),
        }
    }
}

/// The document sink: `Err` is reported and the item retried next poll.
pub type Sink<'a> = dyn FnMut(Document) -> Result<(), String> + 'a;

/// Polls every feed once (except feeds backing off) and hands new items
/// to `sink`. The caller saves `state` afterwards ([`WatchState::save`]).
pub fn poll_once(config: &WatchConfig, state: &mut WatchState, sink: &mut Sink) -> PollReport {
    poll(config, state, sink, false, None)
}

/// Polls the feeds whose interval has passed since their last poll.
pub fn poll_due(config: &WatchConfig, state: &mut WatchState, sink: &mut Sink) -> PollReport {
    poll(config, state, sink, true, None)
}

/// Loads the state from `state_path`, then polls feeds as they fall due
/// until `stop` is set, saving the state after every round that requested
/// something. Returns when stopped, or on a state file error.
pub fn watch(
    config: &WatchConfig,
    state_path: &Path,
    sink: &mut Sink,
    stop: &AtomicBool,
) -> Result<(), FeedError> {
    watch_with(config, state_path, sink, &mut |_| {}, stop)
}

/// [`watch`], also handing each round's report to `on_report`.
pub fn watch_with(
    config: &WatchConfig,
    state_path: &Path,
    sink: &mut Sink,
    on_report: &mut dyn FnMut(&PollReport),
    stop: &AtomicBool,
) -> Result<(), FeedError> {
    let mut state = WatchState::load(state_path)?;
    while !stop.load(Ordering::Relaxed) {
        let report = poll(config, &mut state, sink, true, Some(stop));
        if report.feeds_polled > 0 {
            state.save(state_path)?;
            on_report(&report);
        }
        let wait = next_due(config, &state, Utc::now());
        let until = Instant::now() + wait;
        while !stop.load(Ordering::Relaxed) {
            let now = Instant::now();
            if now >= until {
                break;
            }
            std::thread::sleep((until - now).min(Duration::from_millis(100)));
        }
    }
    state.save(state_path)
}

/// How long until the next feed is due.
fn next_due(config: &WatchConfig, state: &WatchState, now: DateTime<Utc>) -> Duration {
    config
        .feeds
        .iter()
        .map(|feed| {
            let Some(fs) = state.feeds.get(&feed.url) else {
                return Duration::ZERO;
            };
            let mut due = fs
                .last_polled
                .map_or(now, |t| t + to_chrono(config.interval(feed)));
            if let Some(b) = fs.backoff_until {
                due = due.max(b);
            }
            (due - now).to_std().unwrap_or(Duration::ZERO)
        })
        .min()
        .unwrap_or(Duration::from_secs(60))
}

fn to_chrono(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

fn poll(
    config: &WatchConfig,
    state: &mut WatchState,
    sink: &mut Sink,
    only_due: bool,
    stop: Option<&AtomicBool>,
) -> PollReport {
    let mut report = PollReport::default();
    let d = &config.defaults;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(d.timeout_secs)))
        .user_agent(d.user_agent.as_str())
        .max_redirects(5)
        .build()
        .into();
    if state.runtime.rng.is_none() {
        state.runtime.rng = Some(
            d.jitter_seed
                .map_or_else(SplitMix64::from_clock, SplitMix64::new),
        );
    }
    let mut http = Http {
        agent,
        runtime: &mut state.runtime,
        host_delay: Duration::from_millis(d.host_delay_ms),
    };
    for feed in &config.feeds {
        if stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
            break;
        }
        let fs = state.feeds.entry(feed.url.clone()).or_default();
        let now = Utc::now();
        if fs.backoff_until.is_some_and(|until| now < until) {
            report.feeds_backing_off += 1;
            continue;
        }
        if only_due
            && fs
                .last_polled
                .is_some_and(|t| now < t + to_chrono(config.interval(feed)))
        {
            continue;
        }
        poll_feed(
            config,
            feed,
            fs,
            &mut state.seen,
            &mut http,
            sink,
            &mut report,
            stop,
        );
    }
    let retention = chrono::Duration::days(d.seen_retention_days.min(1_000_000) as i64);
    state.prune_seen(Utc::now() - retention);
    state.version = STATE_VERSION;
    report
}

/// The HTTP side: one agent, per-host politeness.
struct Http<'a> {
    agent: ureq::Agent,
    runtime: &'a mut Runtime,
    host_delay: Duration,
}

/// A response that was read completely.
struct Fetched {
    status: u16,
    body: Vec<u8>,
    etag: Option<String>,
    last_modified: Option<String>,
    content_type: Option<String>,
}

impl Http<'_> {
    /// A GET with extra headers, waiting first for the host's delay. Error
    /// statuses (4xx/5xx) are `FeedError::Status`; 304 is returned with an
    /// empty body.
    fn get(
        &mut self,
        url: &str,
        headers: &[(&str, &str)],
        limit: u64,
    ) -> Result<Fetched, FeedError> {
        config::check_url(url).map_err(|reason| FeedError::BadUrl {
            url: url.to_string(),
            reason,
        })?;
        let host = config::host_of(url).unwrap_or_default();
        if let Some(last) = self.runtime.host_last.get(&host) {
            let ready = *last + self.host_delay;
            let now = Instant::now();
            if ready > now {
                std::thread::sleep(ready - now);
            }
        }
        let result = self.send(url, headers, limit);
        self.runtime.host_last.insert(host, Instant::now());
        result
    }

    fn send(&self, url: &str, headers: &[(&str, &str)], limit: u64) -> Result<Fetched, FeedError> {
        let http_err = |e: ureq::Error| match e {
            ureq::Error::BodyExceedsLimit(_) => FeedError::TooLarge {
                url: url.to_string(),
                limit,
            },
            e => FeedError::Http {
                url: url.to_string(),
                source: Box::new(e),
            },
        };
        let mut req = self.agent.get(url);
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        let mut resp = req.call().map_err(http_err)?;
        let status = resp.status().as_u16();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let etag = header("etag");
        let last_modified = header("last-modified");
        let content_type = header("content-type");
        let retry_after = header("retry-after");
        if status >= 400 {
            return Err(FeedError::Status {
                url: url.to_string(),
                status,
                retry_after: retry_after.and_then(|v| parse_retry_after(&v, Utc::now())),
            });
        }
        if status == 304 {
            return Ok(Fetched {
                status,
                body: Vec::new(),
                etag,
                last_modified,
                content_type,
            });
        }
        if resp.body().content_length().is_some_and(|n| n > limit) {
            return Err(FeedError::TooLarge {
                url: url.to_string(),
                limit,
            });
        }
        let mut body = Vec::new();
        resp.body_mut()
            .with_config()
            .limit(limit)
            .reader()
            .read_to_end(&mut body)
            .map_err(|e| {
                // The body reader reports ureq errors wrapped in io::Error.
                let text = e.to_string();
                match e
                    .into_inner()
                    .and_then(|inner| inner.downcast::<ureq::Error>().ok())
                {
                    Some(inner) => http_err(*inner),
                    None => FeedError::Body {
                        url: url.to_string(),
                        reason: text,
                    },
                }
            })?;
        Ok(Fetched {
            status,
            body,
            etag,
            last_modified,
            content_type,
        })
    }
}

/// Requests one feed and processes its items.
#[allow(clippy::too_many_arguments)]
fn poll_feed(
    config: &WatchConfig,
    feed: &FeedConfig,
    fs: &mut FeedState,
    seen: &mut std::collections::BTreeMap<String, SeenItem>,
    http: &mut Http,
    sink: &mut Sink,
    report: &mut PollReport,
    stop: Option<&AtomicBool>,
) {
    let d = &config.defaults;
    let mut headers: Vec<(&str, &str)> = vec![(
        "accept",
        "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
    )];
    if let Some(etag) = &fs.etag {
        headers.push(("if-none-match", etag));
    }
    if let Some(lm) = &fs.last_modified {
        headers.push(("if-modified-since", lm));
    }
    report.feeds_polled += 1;
    fs.last_polled = Some(Utc::now());
    let fetched = http.get(&feed.url, &headers, d.max_feed_bytes);
    let fetched = match fetched {
        Ok(f) if f.status == 304 => {
            report.feeds_not_modified += 1;
            succeed(fs);
            return;
        }
        Ok(f) => f,
        Err(e) => {
            fail(config, fs, http, &e);
            report.error(&feed.url, None, e);
            return;
        }
    };
    let parsed = feed_rs::parser::Builder::new()
        .base_uri(Some(&feed.url))
        .id_generator(|_, _, _| String::new())
        .build()
        .parse(fetched.body.as_slice());
    let parsed = match parsed {
        Ok(p) => p,
        Err(e) => {
            let e = FeedError::Parse {
                url: feed.url.clone(),
                reason: e.to_string(),
            };
            fail(config, fs, http, &e);
            report.error(&feed.url, None, e);
            return;
        }
    };
    succeed(fs);
    fs.last_fetched = fs.last_polled;
    let source = feed
        .name
        .clone()
        .or_else(|| config::host_of(&feed.url))
        .unwrap_or_else(|| feed.url.clone());
    let mut all_delivered = true;
    for entry in parsed.entries.iter().rev() {
        if stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
            all_delivered = false;
            break;
        }
        let item = Item::from_entry(entry);
        let keys = item.keys(&feed.url);
        if keys.is_empty() {
            continue;
        }
        let now = Utc::now();
        if keys.iter().any(|k| seen.contains_key(k)) {
            report.items_seen += 1;
            for k in &keys {
                if let Some(s) = seen.get_mut(k) {
                    s.last_seen = now;
                }
            }
            continue;
        }
        report.items_new += 1;
        let label = item.link.clone().unwrap_or_else(|| keys[0].clone());
        let doc = match build_document(config, feed, &item, &source, http, report) {
            Ok(doc) => doc,
            Err(e) => {
                report.error(&feed.url, Some(&label), e);
                all_delivered = false;
                continue;
            }
        };
        match sink(doc) {
            Ok(()) => {
                report.documents += 1;
                for k in keys {
                    seen.insert(
                        k,
                        SeenItem {
                            feed: feed.url.clone(),
                            first_seen: now,
                            last_seen: now,
                        },
                    );
                }
            }
            Err(reason) => {
                all_delivered = false;
                report.error(
                    &feed.url,
                    Some(&label),
                    FeedError::Sink {
                        url: label.clone(),
                        reason,
                    },
                );
            }
        }
    }
    if all_delivered {
        fs.etag = fetched.etag;
        fs.last_modified = fetched.last_modified;
    } else {
        fs.etag = None;
        fs.last_modified = None;
    }
}

fn succeed(fs: &mut FeedState) {
    fs.failures = 0;
    fs.backoff_until = None;
    fs.last_error = None;
}

fn fail(config: &WatchConfig, fs: &mut FeedState, http: &mut Http, e: &FeedError) {
    let d = &config.defaults;
    let max = Duration::from_secs(d.max_backoff_secs);
    fs.failures = fs.failures.saturating_add(1);
    let delay = match e {
        FeedError::Status {
            retry_after: Some(after),
            ..
        } => (*after).min(max),
        _ => {
            let rng = http.runtime.rng.get_or_insert_with(SplitMix64::from_clock);
            backoff_delay(
                fs.failures,
                Duration::from_secs(d.backoff_base_secs),
                max,
                rng,
            )
        }
    };
    fs.backoff_until = Some(Utc::now() + to_chrono(delay));
    fs.last_error = Some(e.to_string());
}

/// The parts of a feed entry the watcher uses.
struct Item {
    guid: String,
    link: Option<String>,
    title: Option<String>,
    published: Option<DateTime<Utc>>,
    /// Content or summary, as text or HTML.
    body: Option<(String, bool)>,
}

impl Item {
    fn from_entry(entry: &feed_rs::model::Entry) -> Item {
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.trim().to_string())
            .filter(|l| !l.is_empty());
        let is_html = |mime: &str| mime.contains("html");
        let content = entry.content.as_ref().and_then(|c| {
            c.body
                .clone()
                .filter(|b| !b.trim().is_empty())
                .map(|b| (b, is_html(c.content_type.as_ref())))
        });
        let summary = entry.summary.as_ref().and_then(|t| {
            Some(t.content.clone())
                .filter(|b| !b.trim().is_empty())
                .map(|b| (b, is_html(t.content_type.as_ref())))
        });
        Item {
            guid: entry.id.trim().to_string(),
            link,
            title: entry
                .title
                .as_ref()
                .map(|t| clean_line(&t.content))
                .filter(|t| !t.is_empty()),
            published: entry.published.or(entry.updated),
            body: content.or(summary),
        }
    }

    /// Seen-keys: the guid within its feed, and the link; the title within
    /// its feed when there is neither.
    fn keys(&self, feed_url: &str) -> Vec<String> {
        let mut keys = Vec::new();
        if !self.guid.is_empty() {
            keys.push(format!("id:{feed_url} {}", self.guid));
        }
        if let Some(link) = &self.link {
            keys.push(format!("link:{link}"));
        }
        if keys.is_empty() {
            if let Some(title) = &self.title {
                keys.push(format!("title:{feed_url} {title}"));
            }
        }
        keys
    }

    /// The item's own text, if any.
    fn text(&self) -> Option<String> {
        let (body, html) = self.body.as_ref()?;
        let text = if *html || body.contains('<') {
            html_fragment_text(body)
        } else {
            body.trim().to_string()
        };
        Some(text).filter(|t| !t.trim().is_empty())
    }
}

/// Collapses white space to single spaces.
fn clean_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text of an HTML fragment (a feed description).
fn html_fragment_text(fragment: &str) -> String {
    let page = format!("<html><body><article>{fragment}</article></body></html>");
    sitrep_ingest::extract_html(&page).text.trim().to_string()
}

/// The stable document id of a link: `web-` and a 128-bit FNV-1a hash.
pub fn doc_id(link: &str) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013B;
    let mut h = OFFSET;
    for b in link.as_bytes() {
        h ^= u128::from(*b);
        h = h.wrapping_mul(PRIME);
    }
    format!("web-{h:032x}")
}

/// Fetches the item's page and builds its document, falling back to the
/// item's own text when the page fails.
fn build_document(
    config: &WatchConfig,
    feed: &FeedConfig,
    item: &Item,
    source: &str,
    http: &mut Http,
    report: &mut PollReport,
) -> Result<Document, FeedError> {
    let id = match &item.link {
        Some(link) => doc_id(link),
        None => doc_id(&item.keys(&feed.url).join(" ")),
    };
    let mut page = None;
    if let Some(link) = &item.link {
        match fetch_page(config, link, http) {
            Ok(p) if !p.text.trim().is_empty() => {
                report.pages_fetched += 1;
                page = Some(p);
            }
            Ok(_) => {
                report.pages_fetched += 1;
                report.error(
                    &feed.url,
                    Some(link),
                    FeedError::NoText { url: link.clone() },
                );
            }
            Err(e) => report.error(&feed.url, Some(link), e),
        }
    }
    let (text, page_title, page_published) = match page {
        Some(p) => (p.text, p.title, p.published),
        None => {
            let text = item.text().ok_or_else(|| FeedError::NoText {
                url: item.link.clone().unwrap_or_else(|| item.guid.clone()),
            })?;
            if item.link.is_some() {
                report.page_fallbacks += 1;
            }
            (text, None, None)
        }
    };
    let title = item.title.clone().or(page_title);
    // feed-rs has already read the item's time: it is taken as it is (in
    // UTC, offset 0), not written out and parsed again. A page's own date is
    // text and read loosely.
    let published = item
        .published
        .as_ref()
        .map(Published::from_datetime)
        .or_else(|| {
            page_published
                .as_deref()
                .and_then(find_published)
                .map(|(p, _)| p)
        });
    Ok(Document::from_parts(DocumentParts {
        id,
        text,
        title,
        published,
        source: Some(source.to_string()),
        url: item.link.clone(),
    }))
}

/// Fetches and extracts one article page.
fn fetch_page(
    config: &WatchConfig,
    link: &str,
    http: &mut Http,
) -> Result<sitrep_ingest::HtmlText, FeedError> {
    let fetched = http.get(
        link,
        &[(
            "accept",
            "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5",
        )],
        config.defaults.max_item_bytes,
    )?;
    let mime = fetched
        .content_type
        .as_deref()
        .map(|c| c.to_ascii_lowercase())
        .unwrap_or_default();
    let charset = mime
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .next()
        .and_then(|c| encoding_rs::Encoding::for_label(c.trim_matches('"').as_bytes()));
    if mime.starts_with("text/plain") {
        let text = sitrep_ingest::decode(&fetched.body, charset);
        return Ok(sitrep_ingest::HtmlText {
            text: text.trim().to_string(),
            ..Default::default()
        });
    }
    if !(mime.is_empty() || mime.contains("html")) {
        return Err(FeedError::NotHtml {
            url: link.to_string(),
            content_type: mime,
        });
    }
    let declared = charset.or_else(|| sitrep_ingest::html_declared_charset(&fetched.body));
    let html = sitrep_ingest::decode(&fetched.body, declared);
    Ok(sitrep_ingest::extract_html(&html))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_ids_are_stable_and_distinct() {
        assert_eq!(doc_id("https://a.example/x"), doc_id("https://a.example/x"));
        assert_ne!(doc_id("https://a.example/x"), doc_id("https://a.example/y"));
        assert_eq!(doc_id("").len(), 4 + 32);
        // FNV-1a 128 of the empty string is its offset basis.
        assert_eq!(doc_id(""), "web-6c62272e07bb014262b821756295c58d");
    }

    #[test]
    fn fragments_to_text() {
        assert_eq!(
            html_fragment_text("<p>Police said <b>ten</b> people were held.</p>"),
            "Police said ten people were held."
        );
    }
}
