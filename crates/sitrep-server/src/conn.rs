//! Connections: the accept loop with its limits. A connection over
//! [`ServerConfig::max_connections`](crate::ServerConfig) is answered 503
//! and closed at once (not left in the kernel's backlog, where it would
//! hold a descriptor and a client); request headers must arrive within the
//! header timeout (hyper's `header_read_timeout`); a connection with no
//! request in flight and no bytes moving for the idle timeout is closed.
//! Bodies have their own timeout, applied where they are read.
//!
//! hyper answers requests it cannot parse itself (400 malformed, 408
//! header timeout, 414 URI too long, 431 headers too large) with an empty
//! body; the connection's writer swaps those answers for the same status
//! with the JSON error body every other error has.

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

/// A TCP stream that records when bytes last moved and gives hyper's own
/// error answers a JSON body.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
    /// A rewritten answer (or what is left of it) still to be sent.
    pending: Vec<u8>,
}

impl Watched {
    fn new(inner: TcpStream, activity: Arc<Activity>) -> Watched {
        Watched {
            inner,
            activity,
            pending: Vec::new(),
        }
    }

    /// Sends what is pending; ready once all of it is written.
    fn poll_pending(&mut self, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        while !self.pending.is_empty() {
            match Pin::new(&mut self.inner).poll_write(cx, &self.pending) {
                Poll::Ready(Ok(0)) => {
                    return Poll::Ready(Err(std::io::ErrorKind::WriteZero.into()))
                }
                Poll::Ready(Ok(n)) => {
                    self.pending.drain(..n);
                    self.activity.touch();
                }
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
        Poll::Ready(Ok(()))
    }
}

/// The message of a status hyper answers on its own, before any handler.
fn automatic_answer_message(status: u16) -> Option<&'static str> {
    match status {
        400 => Some("malformed HTTP request"),
        408 => Some("request headers took too long to arrive"),
        414 => Some("request URI too long"),
        431 => Some("request header fields too large"),
        _ => None,
    }
}

/// hyper's answer to a request it could not parse is written whole in one
/// write: a status line of one of [`automatic_answer_message`]'s statuses,
/// header lines with `content-length: 0`, and the blank line. The handlers'
/// errors always have a body, and bodies are never written at the start of
/// a write (chunk sizes or `{` come first), so only hyper's own answers
/// match. Returns the same answer with a JSON body.
fn with_json_body(data: &[u8]) -> Option<Vec<u8>> {
    if data.len() > 1024 || !data.ends_with(b"\r\n\r\n") {
        return None;
    }
    let head = std::str::from_utf8(data).ok()?;
    let mut lines = head.trim_end_matches("\r\n").split("\r\n");
    let status_line = lines.next()?;
    let status: u16 = status_line
        .strip_prefix("HTTP/1.1 ")?
        .get(..3)?
        .parse()
        .ok()?;
    let message = automatic_answer_message(status)?;
    let mut headers = Vec::new();
    let mut empty = false;
    for line in lines {
        let (name, value) = line.split_once(':')?;
        if name.eq_ignore_ascii_case("content-length") {
            empty = value.trim() == "0";
        } else if !name.eq_ignore_ascii_case("content-type") {
            headers.push(line);
        }
    }
    if !empty {
        return None;
    }
    let body = serde_json::json!({"status": status, "message": message}).to_string();
    let mut out = format!("{status_line}\r\ncontent-type: application/json\r\n");
    for h in headers {
        out.push_str(h);
        out.push_str("\r\n");
    }
    out.push_str(&format!("content-length: {}\r\n\r\n{body}", body.len()));
    Some(out.into_bytes())
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
        if let Err(e) = std::task::ready!(self.poll_pending(cx)) {
            return Poll::Ready(Err(e));
        }
        if let Some(answer) = with_json_body(data) {
            // hyper's bytes count as written: the JSON answer goes out in
            // their place, now or on the next write, flush or shutdown.
            self.pending = answer;
            if let Poll::Ready(Err(e)) = self.poll_pending(cx) {
                return Poll::Ready(Err(e));
            }
            return Poll::Ready(Ok(data.len()));
        }
        let r = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        r
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        std::task::ready!(self.poll_pending(cx))?;
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        std::task::ready!(self.poll_pending(cx))?;
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
        let io = TokioIo::new(Watched::new(stream, Arc::clone(&activity)));
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

#[cfg(test)]
mod tests {
    use super::with_json_body;

    fn rewritten(head: &str) -> Option<String> {
        with_json_body(head.as_bytes()).map(|b| String::from_utf8_lossy(&b).into_owned())
    }

    #[test]
    fn hypers_empty_error_answers_get_a_json_body() {
        let out = rewritten(
            "HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\ndate: Wed, 02 Dec 2026 07:00:00 GMT\r\n\r\n",
        )
        .expect("rewritten");
        let (head, body) = out.split_once("\r\n\r\n").expect("head");
        assert!(head.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        assert!(head.contains("content-type: application/json"));
        assert!(head.contains("date: Wed, 02 Dec 2026"));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        let j: serde_json::Value = serde_json::from_str(body).expect("json");
        assert_eq!(j["status"], 431);
    }

    #[test]
    fn other_writes_are_left_alone() {
        for data in [
            // a handler's error: it has a body
            "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}",
            // an empty answer of another status
            "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n",
            // a head whose body follows in another write
            "HTTP/1.1 400 Bad Request\r\ncontent-length: 45\r\n\r\n",
            // a chunk of a streamed body
            "3e8\r\nevent_id,doc_id\r\n\r\n",
        ] {
            assert!(rewritten(data).is_none(), "{data}");
        }
    }
}
