//! `GET /metrics`: counters and histograms in the Prometheus text format
//! (version 0.0.4), kept in memory by the server. Names:
//!
//! | metric | type | labels |
//! |---|---|---|
//! | `sitrep_http_requests_total` | counter | `route`, `status` |
//! | `sitrep_http_request_duration_seconds` | histogram | `route` |
//! | `sitrep_http_requests_in_flight` | gauge | |
//! | `sitrep_refusals_total` | counter | `limit` (see [`Limit`]) |
//! | `sitrep_store_query_duration_seconds` | histogram | |
//! | `sitrep_documents_ingested_total`, `sitrep_events_ingested_total` | counter | |
//! | `sitrep_alert_computations_total` | counter | |
//! | `sitrep_alert_computation_seconds` | gauge (last) | |
//! | `sitrep_connections_open` | gauge | |
//!
//! `route` is the matched route pattern (`/api/events/{id}`), never the raw
//! path, so that the label set stays small.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency buckets, seconds.
const BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The limits a request or connection can be refused by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Limit {
    /// More open connections than `max_connections`.
    Connections,
    /// A declared `Content-Length` over the body limit.
    ContentLength,
    /// A body larger than the limit (without a declared length).
    BodySize,
    /// A body not received within the body timeout.
    BodyTimeout,
    /// A posted document over the per-document text limit.
    DocumentSize,
    /// The request's deadline passed.
    Deadline,
    /// No scan slot free before the deadline.
    Scans,
    /// More concurrent exports than allowed.
    Exports,
    /// An export client did not read within the write timeout.
    ExportWriteTimeout,
    /// A `Host` header outside the allow-list.
    Host,
    /// A missing or wrong token.
    Auth,
    /// A connection idle past the keep-alive timeout.
    IdleTimeout,
}

impl Limit {
    pub fn as_str(self) -> &'static str {
        match self {
            Limit::Connections => "connections",
            Limit::ContentLength => "content_length",
            Limit::BodySize => "body_size",
            Limit::BodyTimeout => "body_timeout",
            Limit::DocumentSize => "document_size",
            Limit::Deadline => "deadline",
            Limit::Scans => "scans",
            Limit::Exports => "exports",
            Limit::ExportWriteTimeout => "export_write_timeout",
            Limit::Host => "host",
            Limit::Auth => "auth",
            Limit::IdleTimeout => "idle_timeout",
        }
    }
}

#[derive(Debug, Default, Clone)]
struct Histogram {
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, secs: f64) {
        for (b, upper) in self.buckets.iter_mut().zip(BUCKETS) {
            if secs <= upper {
                *b += 1;
            }
        }
        self.count += 1;
        self.sum += secs;
    }

    fn render(&self, out: &mut String, name: &str, labels: &str) {
        let sep = if labels.is_empty() { "" } else { "," };
        for (b, upper) in self.buckets.iter().zip(BUCKETS) {
            let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"{upper}\"}} {b}");
        }
        let _ = writeln!(
            out,
            "{name}_bucket{{{labels}{sep}le=\"+Inf\"}} {}",
            self.count
        );
        let braces = if labels.is_empty() {
            String::new()
        } else {
            format!("{{{labels}}}")
        };
        let _ = writeln!(out, "{name}_sum{braces} {}", self.sum);
        let _ = writeln!(out, "{name}_count{braces} {}", self.count);
    }
}

/// The server's metrics; shared behind an `Arc`.
#[derive(Debug, Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
    in_flight: AtomicI64,
    connections: AtomicI64,
    refusals: Mutex<BTreeMap<Limit, u64>>,
    store_queries: Mutex<Histogram>,
    documents: AtomicU64,
    events: AtomicU64,
    alert_computations: AtomicU64,
    alert_millis: AtomicU64,
}

fn locked<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding a metrics lock leaves plain numbers behind.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Metrics {
    pub fn request_started(&self) {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
    }

    pub fn request_finished(&self, route: &str, status: u16, took: Duration) {
        self.in_flight.fetch_sub(1, Ordering::Relaxed);
        *locked(&self.requests)
            .entry((route.to_owned(), status))
            .or_default() += 1;
        locked(&self.latency)
            .entry(route.to_owned())
            .or_default()
            .observe(took.as_secs_f64());
    }

    pub fn refused(&self, limit: Limit) {
        *locked(&self.refusals).entry(limit).or_default() += 1;
    }

    /// How many refusals `limit` has counted.
    pub fn refusals(&self, limit: Limit) -> u64 {
        locked(&self.refusals).get(&limit).copied().unwrap_or(0)
    }

    pub fn store_query(&self, took: Duration) {
        locked(&self.store_queries).observe(took.as_secs_f64());
    }

    pub fn ingested(&self, documents: u64, events: u64) {
        self.documents.fetch_add(documents, Ordering::Relaxed);
        self.events.fetch_add(events, Ordering::Relaxed);
    }

    pub fn alert_computation(&self, took: Duration) {
        self.alert_computations.fetch_add(1, Ordering::Relaxed);
        self.alert_millis.store(
            u64::try_from(took.as_millis()).unwrap_or(u64::MAX),
            Ordering::Relaxed,
        );
    }

    pub fn connection_opened(&self) {
        self.connections.fetch_add(1, Ordering::Relaxed);
    }

    pub fn connection_closed(&self) {
        self.connections.fetch_sub(1, Ordering::Relaxed);
    }

    /// The Prometheus text exposition of every metric.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP sitrep_http_requests_total HTTP requests answered, by route and status.\n# TYPE sitrep_http_requests_total counter\n");
        for ((route, status), n) in locked(&self.requests).iter() {
            let _ = writeln!(
                out,
                "sitrep_http_requests_total{{route=\"{}\",status=\"{status}\"}} {n}",
                escape(route)
            );
        }
        out.push_str("# HELP sitrep_http_request_duration_seconds Time from a request's arrival to its response headers.\n# TYPE sitrep_http_request_duration_seconds histogram\n");
        for (route, h) in locked(&self.latency).iter() {
            h.render(
                &mut out,
                "sitrep_http_request_duration_seconds",
                &format!("route=\"{}\"", escape(route)),
            );
        }
        let _ = writeln!(out, "# HELP sitrep_http_requests_in_flight Requests being answered.\n# TYPE sitrep_http_requests_in_flight gauge\nsitrep_http_requests_in_flight {}", self.in_flight.load(Ordering::Relaxed));
        let _ = writeln!(out, "# HELP sitrep_connections_open Open client connections.\n# TYPE sitrep_connections_open gauge\nsitrep_connections_open {}", self.connections.load(Ordering::Relaxed));
        out.push_str("# HELP sitrep_refusals_total Requests or connections refused, by the limit that refused them.\n# TYPE sitrep_refusals_total counter\n");
        for (limit, n) in locked(&self.refusals).iter() {
            let _ = writeln!(
                out,
                "sitrep_refusals_total{{limit=\"{}\"}} {n}",
                limit.as_str()
            );
        }
        out.push_str("# HELP sitrep_store_query_duration_seconds Time of store reads made for requests, waiting included.\n# TYPE sitrep_store_query_duration_seconds histogram\n");
        locked(&self.store_queries).render(&mut out, "sitrep_store_query_duration_seconds", "");
        let _ = writeln!(out, "# HELP sitrep_documents_ingested_total Documents stored through POST /api/documents.\n# TYPE sitrep_documents_ingested_total counter\nsitrep_documents_ingested_total {}", self.documents.load(Ordering::Relaxed));
        let _ = writeln!(out, "# HELP sitrep_events_ingested_total Events stored through POST /api/documents.\n# TYPE sitrep_events_ingested_total counter\nsitrep_events_ingested_total {}", self.events.load(Ordering::Relaxed));
        let _ = writeln!(out, "# HELP sitrep_alert_computations_total Alert recomputations (each after a store change).\n# TYPE sitrep_alert_computations_total counter\nsitrep_alert_computations_total {}", self.alert_computations.load(Ordering::Relaxed));
        let _ = writeln!(out, "# HELP sitrep_alert_computation_seconds Duration of the last alert computation.\n# TYPE sitrep_alert_computation_seconds gauge\nsitrep_alert_computation_seconds {}", self.alert_millis.load(Ordering::Relaxed) as f64 / 1000.0);
        out
    }
}

/// Escapes a label value (backslash, quote, line feed).
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_histograms() {
        let m = Metrics::default();
        m.request_started();
        m.request_finished("/api/events", 200, Duration::from_millis(30));
        m.refused(Limit::Deadline);
        let text = m.render();
        assert!(text.contains("sitrep_http_requests_total{route=\"/api/events\",status=\"200\"} 1"));
        assert!(text.contains(
            "sitrep_http_request_duration_seconds_bucket{route=\"/api/events\",le=\"0.05\"} 1"
        ));
        assert!(text.contains(
            "sitrep_http_request_duration_seconds_bucket{route=\"/api/events\",le=\"0.025\"} 0"
        ));
        assert!(text.contains("sitrep_refusals_total{limit=\"deadline\"} 1"));
        assert!(text.contains("sitrep_http_requests_in_flight 0"));
    }
}
