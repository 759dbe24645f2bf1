//! The alert webhook: POSTs each new alert (JSON body = the alert, exactly
//! the `sitrep alerts` line) to a configured URL.
//!
//! **New** means: not in the sent-ids state file. An id is added only after
//! the receiver answered 2xx, and the file is rewritten atomically (temp
//! file, fsync, rename) after every delivery round, so a crash can at worst
//! send an alert twice, never lose it (at-least-once). The first run over a
//! store posts every alert it has; use `--since` to skip history.
//!
//! **Failures.** Each request has a whole-request timeout; a connection
//! error, a timeout or a 5xx answer is retried with exponential backoff
//! (`backoff`, doubled each time, `retries` times). A 4xx answer is not
//! retried (the receiver refused this alert); the alert stays unsent and is
//! tried again at the next check. When one alert gives up after its
//! retries, the rest of the round is left for the next check, so a dead
//! receiver costs one alert's retry budget per round (at most about
//! 4 × timeout + 3.5 s with the defaults), not one per alert. Nothing here returns an error to the
//! caller's ingest or serving loop: failures are logged and counted in the
//! [`DeliveryReport`].

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use sitrep_stories::Alert;

/// Where and how to post.
#[derive(Debug, Clone)]
pub struct WebhookConfig {
    pub url: String,
    /// Whole-request timeout.
    pub timeout: Duration,
    /// Retries after the first attempt, on 5xx and transport errors.
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub backoff: Duration,
}

impl WebhookConfig {
    /// Defaults: 10 s timeout, 3 retries, backoff 0.5 s, 1 s, 2 s.
    pub fn new(url: &str) -> WebhookConfig {
        WebhookConfig {
            url: url.to_owned(),
            timeout: Duration::from_secs(10),
            retries: 3,
            backoff: Duration::from_millis(500),
        }
    }
}

/// The ids already delivered, kept in a JSON file
/// `{"version": 1, "sent": ["a-…", …]}`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentState {
    pub sent: BTreeSet<String>,
}

impl SentState {
    /// Reads `path`; a missing file is an empty state.
    pub fn load(path: &Path) -> Result<SentState> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(SentState::default()),
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        let value: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a webhook state file", path.display()))?;
        let ids = value
            .get("sent")
            .and_then(|s| s.as_array())
            .with_context(|| format!("{}: no `sent` list", path.display()))?;
        let mut sent = BTreeSet::new();
        for id in ids {
            let id = id
                .as_str()
                .with_context(|| format!("{}: `sent` holds a non-string", path.display()))?;
            sent.insert(id.to_owned());
        }
        Ok(SentState { sent })
    }

    /// Writes `path` atomically: a reader sees the old or the new file.
    pub fn save(&self, path: &Path) -> Result<()> {
        let body = serde_json::json!({"version": 1, "sent": self.sent});
        let json = serde_json::to_vec_pretty(&body).context("serialising webhook state")?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let mut tmp_name = path.as_os_str().to_owned();
        tmp_name.push(".tmp");
        let tmp = PathBuf::from(tmp_name);
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(&json)?;
            f.write_all(b"\n")?;
            f.sync_all()?;
            std::fs::rename(&tmp, path)
        };
        write()
            .inspect_err(|_| {
                let _ = std::fs::remove_file(&tmp);
            })
            .with_context(|| format!("writing {}", path.display()))
    }

    /// The alerts of `alerts` not delivered yet, in their order.
    pub fn new_alerts<'a>(&self, alerts: &'a [Alert]) -> Vec<&'a Alert> {
        alerts
            .iter()
            .filter(|a| !self.sent.contains(&a.id))
            .collect()
    }
}

/// What one delivery round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    /// Alerts delivered (2xx).
    pub sent: usize,
    /// Alerts that could not be delivered this round.
    pub failed: usize,
    /// Alerts skipped as already delivered.
    pub already_sent: usize,
    /// Requests made, retries included.
    pub requests: usize,
}

impl std::fmt::Display for DeliveryReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "webhook: {} alerts sent, {} failed, {} already sent ({} requests)",
            self.sent, self.failed, self.already_sent, self.requests
        )
    }
}

/// Why one alert was not delivered.
#[derive(Debug)]
enum PostError {
    /// The receiver refused it (4xx, or another non-retried status).
    Refused(u16),
    /// 5xx or transport error after every retry.
    GaveUp(String),
}

impl std::fmt::Display for PostError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PostError::Refused(s) => write!(f, "refused with HTTP {s} (not retried)"),
            PostError::GaveUp(why) => write!(f, "gave up after retries: {why}"),
        }
    }
}

/// Posts alerts and remembers what was sent.
pub struct Webhook {
    config: WebhookConfig,
    state_path: PathBuf,
    state: SentState,
    agent: ureq::Agent,
}

impl Webhook {
    /// Loads the sent-ids state from `state_path` (missing = nothing sent).
    pub fn new(config: WebhookConfig, state_path: &Path) -> Result<Webhook> {
        let state = SentState::load(state_path)?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(config.timeout))
            .user_agent(concat!(
                "sitrep/",
                env!("CARGO_PKG_VERSION"),
                " (alert webhook)"
            ))
            .max_redirects(0)
            .build()
            .into();
        Ok(Webhook {
            config,
            state_path: state_path.to_path_buf(),
            state,
            agent,
        })
    }

    pub fn url(&self) -> &str {
        &self.config.url
    }

    /// Posts every alert not sent yet and saves the state. Never fails:
    /// problems are logged to stderr and counted.
    pub fn deliver(&mut self, alerts: &[Alert]) -> DeliveryReport {
        let fresh = self.state.new_alerts(alerts);
        let mut report = DeliveryReport {
            already_sent: alerts.len() - fresh.len(),
            ..DeliveryReport::default()
        };
        let mut delivered = Vec::new();
        let total = fresh.len();
        for (i, alert) in fresh.into_iter().enumerate() {
            match self.post(alert, &mut report.requests) {
                Ok(()) => {
                    report.sent += 1;
                    delivered.push(alert.id.clone());
                }
                Err(e) => {
                    report.failed += 1;
                    eprintln!(
                        "sitrep: webhook {}: alert {} not delivered: {e}",
                        self.config.url, alert.id
                    );
                    // An unreachable receiver would cost every remaining
                    // alert its full retry budget and hold up the caller
                    // (watch polls in the same thread): leave the rest for
                    // the next check.
                    if matches!(e, PostError::GaveUp(_)) && i + 1 < total {
                        let left = total - i - 1;
                        report.failed += left;
                        eprintln!(
                            "sitrep: webhook {}: unreachable; {left} more alerts left for the next check",
                            self.config.url
                        );
                        break;
                    }
                }
            }
        }
        if !delivered.is_empty() {
            self.state.sent.extend(delivered);
            if let Err(e) = self.state.save(&self.state_path) {
                eprintln!("sitrep: webhook: {e:#} (sent alerts may be sent again)");
            }
        }
        report
    }

    fn post(&self, alert: &Alert, requests: &mut usize) -> Result<(), PostError> {
        let body = serde_json::to_vec(alert).map_err(|e| PostError::GaveUp(e.to_string()))?;
        let mut wait = self.config.backoff;
        let mut last_error = String::new();
        for attempt in 0..=self.config.retries {
            if attempt > 0 {
                std::thread::sleep(wait);
                wait = wait.saturating_mul(2);
            }
            *requests += 1;
            let result = self
                .agent
                .post(&self.config.url)
                .header("content-type", "application/json")
                .header("x-sitrep-alert-id", &alert.id)
                .send(&body[..]);
            match result {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    if (200..300).contains(&status) {
                        return Ok(());
                    }
                    if status < 500 {
                        return Err(PostError::Refused(status));
                    }
                    last_error = format!("HTTP {status}");
                }
                Err(e) => last_error = e.to_string(),
            }
        }
        Err(PostError::GaveUp(last_error))
    }
}

/// The alerts of a store, then delivered: one check of `serve --webhook` or
/// `watch --webhook`. Errors reading the store are logged, never returned.
pub fn check_store(
    hook: &mut Webhook,
    cache: &sitrep_query::alerts::AlertCache,
    store: &sitrep_store::Store,
) {
    match cache.current(store) {
        Ok((snapshot, _)) => {
            let report = hook.deliver(&snapshot.alerts);
            if report.sent + report.failed > 0 {
                eprintln!("sitrep: {report}");
            }
        }
        Err(e) => eprintln!("sitrep: webhook: cannot compute alerts: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_stories::AlertKind;

    fn alert(id: &str) -> Alert {
        Alert {
            id: id.to_owned(),
            kind: AlertKind::FirstOfKind,
            country: "KAZ".to_owned(),
            category: sitrep_coder::Category::Coerce,
            date: "2022-01-05".to_owned(),
            score: 1.0,
            reason: "r".to_owned(),
            events: vec![],
            actors: None,
            signal: None,
        }
    }

    #[test]
    fn state_round_trips_and_selects_new_alerts() {
        let dir = sitrep_testkit::Scratch::new("webhook-unit");
        let path = dir.join("sent.json");
        let mut s = SentState::load(&path).expect("missing file is empty");
        assert!(s.sent.is_empty());
        s.sent.insert("a1".into());
        s.save(&path).expect("save");
        let back = SentState::load(&path).expect("load");
        assert_eq!(back, s);
        assert!(!path.with_extension("json.tmp").exists());
        let alerts = [alert("a1"), alert("a2")];
        let fresh: Vec<&str> = back
            .new_alerts(&alerts)
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(fresh, ["a2"]);
        std::fs::write(&path, "{\"sent\": [1]}").expect("write");
        assert!(SentState::load(&path).is_err());
    }
}
