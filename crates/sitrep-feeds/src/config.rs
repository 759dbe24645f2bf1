//! The watch configuration: feeds, defaults and the state file, read from
//! TOML (or JSON when the file name ends in `.json`) and validated.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A configuration file that cannot be used. Every variant names the file;
/// `Invalid` also names the field (`feeds[2].url`, `defaults.timeout_secs`).
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {reason}", path.display())]
    Parse { path: PathBuf, reason: String },
    #[error("{}: field `{field}`: {reason}", path.display())]
    Invalid {
        path: PathBuf,
        field: String,
        reason: String,
    },
}

/// One feed to watch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedConfig {
    /// `http://` or `https://` URL of an RSS or Atom feed.
    pub url: String,
    /// Name used as the documents' `source`; the feed's host when absent.
    #[serde(default)]
    pub name: Option<String>,
    /// Seconds between polls of this feed; `defaults.interval_secs` when absent.
    #[serde(default)]
    pub interval_secs: Option<u64>,
}

/// Settings shared by all feeds. Every field has a default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Defaults {
    /// Seconds between polls of a feed.
    pub interval_secs: u64,
    /// `User-Agent` header of every request.
    pub user_agent: String,
    /// Whole-request timeout (connect, headers and body), seconds.
    pub timeout_secs: u64,
    /// Largest article page read, bytes; larger pages are refused.
    pub max_item_bytes: u64,
    /// Largest feed document read, bytes.
    pub max_feed_bytes: u64,
    /// Minimum time between the end of one request to a host and the
    /// start of the next one to the same host, milliseconds.
    pub host_delay_ms: u64,
    /// First backoff after an error (doubled on each further error).
    pub backoff_base_secs: u64,
    /// Longest backoff, also the cap on a server's `Retry-After`.
    pub max_backoff_secs: u64,
    /// Seed of the backoff jitter; from the clock when absent.
    pub jitter_seed: Option<u64>,
    /// Seen items no longer in their feed are forgotten after this many days.
    pub seen_retention_days: u64,
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults {
            interval_secs: 900,
            user_agent: concat!("sitrep-feeds/", env!("CARGO_PKG_VERSION")).to_string(),
            timeout_secs: 30,
            max_item_bytes: 5_000_000,
            max_feed_bytes: 10_000_000,
            host_delay_ms: 2_000,
            backoff_base_secs: 60,
            max_backoff_secs: 6 * 3600,
            jitter_seed: None,
            seen_retention_days: 90,
        }
    }
}

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    state_file: PathBuf,
    #[serde(default)]
    defaults: Defaults,
    feeds: Vec<FeedConfig>,
}

/// A validated configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchConfig {
    pub feeds: Vec<FeedConfig>,
    pub defaults: Defaults,
    /// Where the state is kept; a relative path in the file is taken
    /// relative to the configuration file's folder.
    pub state_file: PathBuf,
}

impl WatchConfig {
    /// Reads and validates a configuration file: TOML, or JSON when the
    /// name ends in `.json`.
    pub fn load(path: &Path) -> Result<WatchConfig, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if json {
            WatchConfig::from_json_str(&text, path)
        } else {
            WatchConfig::from_toml_str(&text, path)
        }
    }

    /// Parses TOML text; `path` names it in errors and anchors a relative
    /// `state_file`.
    pub fn from_toml_str(text: &str, path: &Path) -> Result<WatchConfig, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            reason: e.to_string().trim_end().to_string(),
        })?;
        WatchConfig::validate(raw, path)
    }

    /// Parses JSON text, otherwise as [`WatchConfig::from_toml_str`].
    pub fn from_json_str(text: &str, path: &Path) -> Result<WatchConfig, ConfigError> {
        let raw: RawConfig = serde_json::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        WatchConfig::validate(raw, path)
    }

    fn validate(raw: RawConfig, path: &Path) -> Result<WatchConfig, ConfigError> {
        let invalid = |field: String, reason: &str| ConfigError::Invalid {
            path: path.to_path_buf(),
            field,
            reason: reason.to_string(),
        };
        let d = &raw.defaults;
        for (field, value) in [
            ("interval_secs", d.interval_secs),
            ("timeout_secs", d.timeout_secs),
            ("max_item_bytes", d.max_item_bytes),
            ("max_feed_bytes", d.max_feed_bytes),
            ("backoff_base_secs", d.backoff_base_secs),
            ("max_backoff_secs", d.max_backoff_secs),
            ("seen_retention_days", d.seen_retention_days),
        ] {
            if value == 0 {
                return Err(invalid(format!("defaults.{field}"), "must be above 0"));
            }
        }
        if d.max_backoff_secs < d.backoff_base_secs {
            return Err(invalid(
                "defaults.max_backoff_secs".into(),
                "must not be below defaults.backoff_base_secs",
            ));
        }
        if d.user_agent.trim().is_empty() || d.user_agent.chars().any(char::is_control) {
            return Err(invalid(
                "defaults.user_agent".into(),
                "must be a non-empty single line",
            ));
        }
        if raw.state_file.as_os_str().is_empty() {
            return Err(invalid("state_file".into(), "must not be empty"));
        }
        if raw.feeds.is_empty() {
            return Err(invalid("feeds".into(), "at least one feed is needed"));
        }
        let mut urls = std::collections::HashSet::new();
        for (i, feed) in raw.feeds.iter().enumerate() {
            if let Err(reason) = check_url(&feed.url) {
                return Err(invalid(format!("feeds[{i}].url"), &reason));
            }
            if !urls.insert(feed.url.as_str()) {
                return Err(invalid(format!("feeds[{i}].url"), "listed twice"));
            }
            if feed.interval_secs == Some(0) {
                return Err(invalid(
                    format!("feeds[{i}].interval_secs"),
                    "must be above 0",
                ));
            }
            if feed.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
                return Err(invalid(format!("feeds[{i}].name"), "must not be empty"));
            }
        }
        let state_file = if raw.state_file.is_relative() {
            path.parent()
                .map_or_else(|| raw.state_file.clone(), |dir| dir.join(&raw.state_file))
        } else {
            raw.state_file
        };
        Ok(WatchConfig {
            feeds: raw.feeds,
            defaults: raw.defaults,
            state_file,
        })
    }

    /// How often `feed` is polled.
    pub fn interval(&self, feed: &FeedConfig) -> Duration {
        Duration::from_secs(feed.interval_secs.unwrap_or(self.defaults.interval_secs))
    }
}

/// An absolute `http`/`https` URL with a host, or why not.
pub(crate) fn check_url(url: &str) -> Result<(), String> {
    let uri: ureq::http::Uri = url.parse().map_err(|e| format!("not a valid URL ({e})"))?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        _ => return Err("must start with http:// or https://".into()),
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err("has no host".into());
    }
    Ok(())
}

/// The lower-case host of a URL, if it has one.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let uri: ureq::http::Uri = url.parse().ok()?;
    uri.host()
        .filter(|h| !h.is_empty())
        .map(str::to_ascii_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<WatchConfig, ConfigError> {
        WatchConfig::from_toml_str(text, Path::new("conf/watch.toml"))
    }

    #[test]
    fn minimal_config_gets_defaults_and_relative_state() {
        let c = parse("state_file = \"state.json\"\n[[feeds]]\nurl = \"https://a.example/rss\"\n")
            .expect("valid");
        assert_eq!(c.state_file, Path::new("conf/state.json"));
        assert_eq!(c.defaults, Defaults::default());
        assert_eq!(c.interval(&c.feeds[0]), Duration::from_secs(900));
    }

    #[test]
    fn errors_name_file_and_field() {
        let cases = [
            (
                "state_file = \"s\"\nbogus = 1\n[[feeds]]\nurl = \"https://a.example/\"\n",
                "bogus",
            ),
            (
                "state_file = \"s\"\n[[feeds]]\nurl = \"ftp://a.example/\"\n",
                "feeds[0].url",
            ),
            (
                "state_file = \"s\"\n[[feeds]]\nurl = \"https://a.example/\"\n[[feeds]]\nurl = \"https://a.example/\"\n",
                "feeds[1].url",
            ),
            (
                "state_file = \"s\"\n[defaults]\ntimeout_secs = 0\n[[feeds]]\nurl = \"https://a.example/\"\n",
                "defaults.timeout_secs",
            ),
            (
                "state_file = \"s\"\n[defaults]\nhost_dela_ms = 5\n[[feeds]]\nurl = \"https://a.example/\"\n",
                "host_dela_ms",
            ),
            (
                "state_file = \"s\"\n[[feeds]]\nurl = \"https://a.example/\"\ninterval_secs = 0\n",
                "feeds[0].interval_secs",
            ),
            ("state_file = \"s\"\nfeeds = []\n", "feeds"),
            ("[[feeds]]\nurl = \"https://a.example/\"\n", "state_file"),
        ];
        for (text, field) in cases {
            let err = parse(text).expect_err(text).to_string();
            assert!(err.starts_with("conf/watch.toml: "), "{err}");
            assert!(err.contains(field), "{field}: {err}");
        }
    }

    #[test]
    fn json_config() {
        let c = WatchConfig::from_json_str(
            r#"{"state_file": "/tmp/s.json", "defaults": {"host_delay_ms": 5},
                "feeds": [{"url": "http://127.0.0.1:8/x", "name": "X"}]}"#,
            Path::new("w.json"),
        )
        .expect("valid");
        assert_eq!(c.defaults.host_delay_ms, 5);
        assert_eq!(c.state_file, Path::new("/tmp/s.json"));
        assert_eq!(host_of(&c.feeds[0].url).as_deref(), Some("127.0.0.1"));
    }
}
