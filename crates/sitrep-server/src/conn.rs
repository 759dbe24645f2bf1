//! Connections: the accept loop with its limits. A connection over
//! [`ServerConfig::max_connections`](crate::ServerConfig) is answered 503
//! and closed at once (not left in the kernel's backlog, where it would
//! hold a descriptor and a client); request headers must arrive within the
//! header timeout (hyper's `header_read_timeout`); a connection with no
//! request in flight and no bytes moving for the idle timeout is closed.
//! Bodies have their own timeout, applied where they are read.

use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

use crate::metrics::{Limit, Metrics};

/// The answer to a connection over the cap, written before closing it.
fn too_many_connections() -> Vec<u8> {
    let body = r#"{"status":503,"message":"too many open connections; retry in a second"}"#;
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Connection limits.
#[derive(Debug, Clone, Copy)]
pub struct ConnLimits {
    pub max_connections: usize,
    pub header_timeout: Duration,
    pub idle_timeout: Duration,
}

/// Activity of one connection, read by its idle watchdog.
#[derive(Debug)]
struct Activity {
    started: Instant,
    /// Milliseconds after `started` of the last byte read or written.
    last_ms: AtomicU64,
    /// Requests of this connection being answered.
    in_flight: AtomicUsize,
}

impl Activity {
    fn touch(&self) {
        let ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.store(ms, Ordering::Relaxed);
    }
    fn idle_for(&self) -> Duration {
        let now = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(now.saturating_sub(self.last_ms.load(Ordering::Relaxed)))
    }
}

/// A TCP stream that records when bytes last moved.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.touch();
        }
        r
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        r
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Counts a request of a connection as in flight until dropped.
struct InFlight(Arc<Activity>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
        self.0.touch();
    }
}

/// Serves `app` on `listener` with `limits` until `shutdown` completes.
pub async fn serve_with_limits(
    listener: TcpListener,
    app: Router,
    limits: ConnLimits,
    metrics: Arc<Metrics>,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    tokio::pin!(shutdown);
    loop {
        let (mut stream, _peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of descriptors or a reset before accept: wait a moment
                // instead of spinning, then go on serving.
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => return Ok(()),
        };
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            metrics.refused(Limit::Connections);
            tokio::spawn(async move {
                let _ = tokio::time::timeout(
                    Duration::from_secs(1),
                    stream.write_all(&too_many_connections()),
                )
                .await;
            });
            continue;
        };
        let _ = stream.set_nodelay(true);
        let activity = Arc::new(Activity {
            started: Instant::now(),
            last_ms: AtomicU64::new(0),
            in_flight: AtomicUsize::new(0),
        });
        let io = TokioIo::new(Watched {
            inner: stream,
            activity: Arc::clone(&activity),
        });
        let app = app.clone();
        let metrics = Arc::clone(&metrics);
        tokio::spawn(async move {
            let _slot = slot;
            metrics.connection_opened();
            let per_request = Arc::clone(&activity);
            let service =
                hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    per_request.in_flight.fetch_add(1, Ordering::Relaxed);
                    let guard = InFlight(Arc::clone(&per_request));
                    let mut app = app.clone();
                    async move {
                        use tower::Service;
                        let resp = app.call(req.map(axum::body::Body::new)).await;
                        drop(guard);
                        resp
                    }
                });
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .keep_alive(true)
                .serve_connection(io, service);
            tokio::pin!(conn);
            let idle = limits.idle_timeout;
            loop {
                tokio::select! {
                    _ = conn.as_mut() => break,
                    () = tokio::time::sleep(idle / 4 + Duration::from_millis(10)) => {
                        if activity.in_flight.load(Ordering::Relaxed) == 0
                            && activity.idle_for() >= idle
                        {
                            metrics.refused(Limit::IdleTimeout);
                            conn.as_mut().graceful_shutdown();
                            // A peer that never reads may stall the
                            // shutdown: give it a moment, then drop.
                            let _ = tokio::time::timeout(Duration::from_secs(1), conn.as_mut()).await;
                            break;
                        }
                    }
                }
            }
            metrics.connection_closed();
        });
    }
}

/// The soft limit of open file descriptors (Linux `/proc/self/limits`).
pub fn open_files_limit() -> Option<usize> {
    let text = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = text.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// Default connection cap: 1,024, or less when the descriptor limit would
/// be reached first (64 descriptors kept for the store, files and logs).
pub fn default_max_connections() -> usize {
    match open_files_limit() {
        Some(n) => n.saturating_sub(64).clamp(16, 1024),
        None => 1024,
    }
}
