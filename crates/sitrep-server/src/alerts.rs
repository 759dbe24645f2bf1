//! `GET /api/alerts`: the alerts of [`sitrep_stories::compute_alerts`] over
//! every stored event, from the [`AlertCache`] of `sitrep-query`.
//!
//! Computing alerts reads every event and runs the detectors (seconds for
//! 1,000,000 events), so it never runs on the request path: a background
//! task looks at the store's generation every
//! [`ServerConfig::alerts_refresh`](crate::ServerConfig) (one cheap query)
//! and recomputes only when it changed (single-flight, see
//! [`sitrep_query::alerts`]). A request answers at once with
//! the last result and its `generation`; only before the first result
//! exists does it wait for it (within its deadline, else 503 with
//! `Retry-After`).
//!
//! Query parameters (all optional): `since` (`YYYY-MM-DD`, alerts dated on
//! or after it; earlier events still form the baselines, exactly as
//! `sitrep alerts --since`), `country` (code, case-insensitive), `kind`
//! (`surge`, `first-of-kind`, `escalation`; comma-separated for several),
//! `category` (PLOVER, comma-separated), `limit` (1..=5000, default 100;
//! [`sitrep_query::alerts::MAX_ALERT_LIMIT`]). The answer is
//! `{"alerts": [...], "total": N}`, newest first; `total` counts every match before `limit`.
//! Each alert is the JSON object `sitrep alerts` prints on one line;
//! `generation` is the store generation the alerts were computed at. The
//! `x-sitrep-alerts-cache` header says `hit` (a stored result) or `miss`
//! (the request waited for the first computation).

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::Json;
use sitrep_query::alerts::{AlertCache, AlertQuery};
use sitrep_store::Store;

use crate::{pairs, ApiError, ApiResult, AppState};

/// The `GET /api/alerts` handler.
pub(crate) async fn get_alerts(
    State(s): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let p = pairs(&raw)?;
    let q = AlertQuery::from_pairs(p.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let (snapshot, hit) = match s.alert_cache.latest() {
        Some(snap) => (snap, true),
        None => {
            // No result yet (just started): wait for the first computation,
            // as a scan, within this request's deadline.
            let cache = Arc::clone(&s.alert_cache);
            let store = Arc::clone(&s.store);
            let metrics = Arc::clone(&s.metrics);
            let took = crate::blocking_scan(&s, move || Ok(cache.refresh(&store)?)).await?;
            if let Some(t) = took {
                metrics.alert_computation(t);
            }
            match s.alert_cache.latest() {
                Some(snap) => (snap, false),
                None => return Err(ApiError::unavailable("alerts are being computed")),
            }
        }
    };
    let (page, total) = q.select(&snapshot.alerts);
    let mut resp = Json(serde_json::json!({
        "alerts": page,
        "total": total,
        "generation": snapshot.generation,
    }))
    .into_response();
    resp.headers_mut().insert(
        "x-sitrep-alerts-cache",
        HeaderValue::from_static(if hit { "hit" } else { "miss" }),
    );
    Ok(resp)
}

/// Keeps `cache` current in the background: looks at the store's
/// generation every `every` and recomputes when it changed. Ends when the
/// store is dropped.
pub(crate) async fn refresh_in_background(
    store: std::sync::Weak<Store>,
    cache: Arc<AlertCache>,
    metrics: Arc<crate::metrics::Metrics>,
    scans: Arc<tokio::sync::Semaphore>,
    every: std::time::Duration,
) {
    loop {
        let Some(st) = store.upgrade() else { return };
        let c = Arc::clone(&cache);
        // A recomputation is a scan: it waits for a scan slot like any other.
        let Ok(slot) = Arc::clone(&scans).acquire_owned().await else {
            return;
        };
        let done = tokio::task::spawn_blocking(move || c.refresh(&st)).await;
        drop(slot);
        match done {
            Ok(Ok(Some(took))) => {
                metrics.alert_computation(took);
                tracing::info!(took_ms = took.as_millis() as u64, "alerts recomputed");
            }
            Ok(Ok(None)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "alert recomputation failed"),
            Err(e) => tracing::warn!(error = %e, "alert recomputation panicked"),
        }
        tokio::time::sleep(every).await;
    }
}
