//! What the watcher remembers between polls and restarts, and the backoff
//! arithmetic.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::FeedError;

/// Version of the state file layout.
pub const STATE_VERSION: u32 = 1;

/// Per-feed state: validators for conditional GET and the backoff.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    /// `ETag` of the last complete fetch, sent back as `If-None-Match`.
    #[serde(default)]
    pub etag: Option<String>,
    /// `Last-Modified` of the last complete fetch, sent as `If-Modified-Since`.
    #[serde(default)]
    pub last_modified: Option<String>,
    /// When the feed was last requested (whatever the outcome).
    #[serde(default)]
    pub last_polled: Option<DateTime<Utc>>,
    /// Errors in a row; 0 after a success.
    #[serde(default)]
    pub failures: u32,
    /// The feed is not requested before this time.
    #[serde(default)]
    pub backoff_until: Option<DateTime<Utc>>,
    /// The last error, for people reading the file.
    #[serde(default)]
    pub last_error: Option<String>,
    /// When the feed was last fetched and parsed in full (not a 304).
    #[serde(default)]
    pub last_fetched: Option<DateTime<Utc>>,
}

/// An item already handed to the sink.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenItem {
    /// URL of the feed that listed it.
    #[serde(default)]
    pub feed: String,
    pub first_seen: DateTime<Utc>,
    /// Last time the item was still listed in its feed.
    pub last_seen: DateTime<Utc>,
}

/// Everything the watcher remembers; persisted as JSON by [`WatchState::save`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct WatchState {
    #[serde(default)]
    pub version: u32,
    /// By feed URL.
    #[serde(default)]
    pub feeds: BTreeMap<String, FeedState>,
    /// Seen items by key: `id:<feed url> <guid>` and `link:<url>`.
    #[serde(default)]
    pub seen: BTreeMap<String, SeenItem>,
    /// Process-local: last request time per host and the jitter generator.
    #[serde(skip)]
    pub(crate) runtime: Runtime,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Runtime {
    /// When the last request to each host ended.
    pub host_last: HashMap<String, Instant>,
    pub rng: Option<SplitMix64>,
}

impl WatchState {
    /// Reads the state file; a missing file is a fresh state. A file that
    /// cannot be read or parsed is an error (starting afresh would
    /// re-ingest every item).
    pub fn load(path: &Path) -> Result<WatchState, FeedError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(WatchState {
                    version: STATE_VERSION,
                    ..WatchState::default()
                })
            }
            Err(source) => {
                return Err(FeedError::StateIo {
                    path: path.to_path_buf(),
                    source,
                })
            }
        };
        let state: WatchState =
            serde_json::from_str(&text).map_err(|e| FeedError::StateFormat {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        if state.version > STATE_VERSION {
            return Err(FeedError::StateFormat {
                path: path.to_path_buf(),
                reason: format!(
                    "version {} is newer than this program's {STATE_VERSION}",
                    state.version
                ),
            });
        }
        Ok(state)
    }

    /// Writes the state atomically: a temporary file next to `path`,
    /// flushed to disk, then renamed over it.
    pub fn save(&self, path: &Path) -> Result<(), FeedError> {
        let io = |source| FeedError::StateIo {
            path: path.to_path_buf(),
            source,
        };
        let mut value = self.clone();
        value.version = STATE_VERSION;
        let json = serde_json::to_vec_pretty(&value).map_err(|e| FeedError::StateFormat {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let tmp = temp_path(path);
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(&json)?;
            file.write_all(b"\n")?;
            file.sync_all()?;
            std::fs::rename(&tmp, path)
        };
        write().map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            io(e)
        })
    }

    /// Whether any of `keys` was seen before.
    pub fn is_seen<'k>(&self, mut keys: impl Iterator<Item = &'k String>) -> bool {
        keys.any(|k| self.seen.contains_key(k))
    }

    /// Forgets seen items last listed before `cutoff` whose feed has
    /// since been fetched in full without them (or is no longer known). An
    /// item of a feed that only answered 304 or failed since is kept, so
    /// it cannot come back as new.
    pub fn prune_seen(&mut self, cutoff: DateTime<Utc>) {
        let feeds = &self.feeds;
        self.seen.retain(|_, item| {
            item.last_seen >= cutoff
                || feeds
                    .get(&item.feed)
                    .is_some_and(|f| f.last_fetched.is_none_or(|t| t <= item.last_seen))
        });
    }
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "state.json".into());
    name.push(format!(".tmp{}", std::process::id()));
    path.with_file_name(name)
}

/// SplitMix64: a tiny, seedable generator, plenty for jitter.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// Seeded from the clock and the process id.
    pub fn from_clock() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        SplitMix64(nanos ^ (u64::from(std::process::id()) << 32))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Backoff after the `failures`-th error in a row (1 = first): `base`
/// doubled per further error, capped at `max`, then "equal jitter" — half
/// the delay fixed, the other half uniformly random — so that many
/// watchers do not retry in step.
pub fn backoff_delay(
    failures: u32,
    base: Duration,
    max: Duration,
    rng: &mut SplitMix64,
) -> Duration {
    let doublings = failures.saturating_sub(1).min(30);
    let full = base.saturating_mul(1u32 << doublings).min(max);
    let half = full / 2;
    half + half.mul_f64(rng.next_f64())
}

/// A `Retry-After` value: delay seconds or an HTTP date (past dates give 0).
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = DateTime::parse_from_rfc2822(value)
        .ok()?
        .with_timezone(&Utc);
    Some((when - now).to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_capped_and_is_deterministic() {
        let base = Duration::from_secs(60);
        let max = Duration::from_secs(3600);
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        let da: Vec<Duration> = (1..=10)
            .map(|n| backoff_delay(n, base, max, &mut a))
            .collect();
        let db: Vec<Duration> = (1..=10)
            .map(|n| backoff_delay(n, base, max, &mut b))
            .collect();
        assert_eq!(da, db);
        for (i, d) in da.iter().enumerate() {
            let full = (base * (1 << i)).min(max);
            assert!(*d >= full / 2 && *d <= full, "{i}: {d:?}");
        }
        assert!(da[9] <= max);
        let mut c = SplitMix64::new(8);
        let dc: Vec<Duration> = (1..=10)
            .map(|n| backoff_delay(n, base, max, &mut c))
            .collect();
        assert_ne!(da, dc);
        // Huge failure counts do not overflow.
        assert!(backoff_delay(u32::MAX, base, max, &mut c) <= max);
    }

    #[test]
    fn retry_after_forms() {
        let now = DateTime::parse_from_rfc3339("2015-10-21T07:28:00Z")
            .expect("date")
            .with_timezone(&Utc);
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:30:00 GMT", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn save_and_load_round_trip() {
        let dir = sitrep_testkit::Scratch::new("feeds-state");
        let path = dir.join("sub").join("state.json");
        let mut state = WatchState::load(&path).expect("missing file is fresh");
        assert!(state.feeds.is_empty());
        let now = Utc::now();
        state.feeds.insert(
            "http://h/f".into(),
            FeedState {
                etag: Some("\"x\"".into()),
                ..FeedState::default()
            },
        );
        state.seen.insert(
            "link:http://h/a".into(),
            SeenItem {
                feed: "http://h/f".into(),
                first_seen: now,
                last_seen: now,
            },
        );
        state.save(&path).expect("save");
        let back = WatchState::load(&path).expect("load");
        assert_eq!(back.feeds, state.feeds);
        assert_eq!(back.seen, state.seen);
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().expect("dir"))
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
            .collect();
        assert!(leftovers.is_empty());

        // Pruning: old items go once their feed was fetched without them.
        let mut pruned = back.clone();
        let old = now - chrono::Duration::days(100);
        pruned.seen.insert(
            "link:http://h/old".into(),
            SeenItem {
                feed: "http://h/f".into(),
                first_seen: old,
                last_seen: old,
            },
        );
        pruned.prune_seen(now - chrono::Duration::days(90));
        assert_eq!(pruned.seen.len(), 2, "kept: feed not fetched since");
        pruned
            .feeds
            .get_mut("http://h/f")
            .expect("feed")
            .last_fetched = Some(now);
        pruned.prune_seen(now - chrono::Duration::days(90));
        assert_eq!(pruned.seen.len(), 1);
        assert!(pruned.seen.contains_key("link:http://h/a"));
        std::fs::write(&path, "{not json").expect("write");
        let err = WatchState::load(&path).expect_err("bad json").to_string();
        assert!(err.contains("state.json"), "{err}");
    }
}
