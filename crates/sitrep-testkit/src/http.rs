//! HTTP on loopback for tests: a plain HTTP/1.1 client (one request per
//! connection, `Connection: close`) that sees exactly what the server sent,
//! and a mock server that records every request and answers from a
//! handler. Std sockets only: no client library hides a status, a header
//! or a half-read body from the test.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long the client waits for an answer: long enough for a debug
/// build on a busy machine, short enough that a hang fails the test.
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);

// ------------------------------------------------------------------ client

/// A response as the client read it.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    /// Header names in lower case.
    pub headers: HashMap<String, String>,
    /// The body, de-chunked.
    pub body: Vec<u8>,
}

impl Resp {
    /// The body as JSON (panics with the body when it is not).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A header's value (`name` in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}

/// One request on a new connection; panics when the server cannot be
/// reached or its answer is not HTTP.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Resp {
    try_request(addr, method, path, headers, body)
        .unwrap_or_else(|e| panic!("{method} {path} on {addr}: {e}"))
}

/// `GET path` with no extra header.
pub fn get(addr: SocketAddr, path: &str) -> Resp {
    request(addr, "GET", path, &[], b"")
}

/// One request on a new connection (`Connection: close`), as a result for
/// examples and benchmarks.
pub fn try_request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<Resp> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(READ_TIMEOUT))?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes())?;
    // A server may refuse a big body before reading it: the answer counts.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    parse_response(&raw).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not an HTTP response: {:?}", String::from_utf8_lossy(&raw)),
        )
    })
}

/// Status line, headers and body of a whole response.
fn parse_response(raw: &[u8]) -> Option<Resp> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())?;
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    if headers
        .get("transfer-encoding")
        .is_some_and(|v| v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Some(Resp {
        status,
        headers,
        body,
    })
}

/// The data of a chunked body (stops at the last chunk or at a cut one).
fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(i) = b.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&b[..i])
            .ok()
            .and_then(|t| usize::from_str_radix(t.trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 || b.len() < i + 2 + size {
            break;
        }
        out.extend_from_slice(&b[i + 2..i + 2 + size]);
        b = &b[(i + 4 + size).min(b.len())..];
    }
    out
}

/// Sends `bytes` as they are and returns what came back within `wait`
/// (one read) and how long that took: for requests no client would send.
pub fn raw(addr: SocketAddr, bytes: &[u8], wait: Duration) -> (String, Duration) {
    let started = Instant::now();
    let mut s = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect {addr}: {e}"));
    s.set_read_timeout(Some(wait)).expect("read timeout");
    s.write_all(bytes).expect("write");
    let mut buf = vec![0u8; 4096];
    let n = s.read(&mut buf).unwrap_or(0);
    (
        String::from_utf8_lossy(&buf[..n]).into_owned(),
        started.elapsed(),
    )
}

/// Sends `bytes` as they are and reads the whole answer, until the server
/// closes (or 5 s pass); the server may answer before reading all of it.
pub fn raw_to_end(addr: SocketAddr, bytes: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect {addr}: {e}"));
    s.set_read_timeout(Some(Duration::from_secs(5)))
        .expect("read timeout");
    let _ = s.write_all(bytes);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// A loopback URL ending in `path` where nothing listens: the port was
/// free a moment ago, so connections are refused.
pub fn refused_url(path: &str) -> String {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    format!("http://127.0.0.1:{port}{path}")
}

// ------------------------------------------------------------- mock server

/// A request as the mock server read it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// Header names in lower case.
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
    /// When the connection was accepted.
    pub at: Instant,
}

impl Request {
    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// What the handler answers.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    body: Body,
}

#[derive(Debug, Clone)]
enum Body {
    /// Sent with its `Content-Length`.
    Whole(Vec<u8>),
    /// `chunk` sent `times` times with chunked encoding (no length known
    /// in advance); the client may stop reading at any point.
    Chunked { chunk: Vec<u8>, times: usize },
}

impl Response {
    /// 200 with a body of `content_type`.
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response::status(200)
            .header("Content-Type", content_type)
            .body(body)
    }

    /// `status` with an empty body.
    pub fn status(status: u16) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body: Body::Whole(Vec::new()),
        }
    }

    /// 200 with `chunk` repeated `times` times in a chunked body.
    pub fn chunked(content_type: &str, chunk: impl Into<Vec<u8>>, times: usize) -> Response {
        let mut r = Response::status(200).header("Content-Type", content_type);
        r.body = Body::Chunked {
            chunk: chunk.into(),
            times,
        };
        r
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Replaces the body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Response {
        self.body = Body::Whole(body.into());
        self
    }
}

/// A request and the status it was answered with.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub request: Request,
    pub status: u16,
}

/// Answers a request; the second argument is the server's base URL
/// (`http://127.0.0.1:PORT`), for pages that link back to it.
pub type Handler = dyn Fn(&Request, &str) -> Response + Send + Sync;

/// A mock HTTP/1.1 server on an ephemeral loopback port, a thread per
/// connection, for the rest of the test process. Records every request.
pub struct MockServer {
    addr: SocketAddr,
    base: String,
    log: Arc<Mutex<Vec<Exchange>>>,
}

impl MockServer {
    /// Serves `handler`.
    pub fn start(
        handler: impl Fn(&Request, &str) -> Response + Send + Sync + 'static,
    ) -> MockServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address");
        let base = format!("http://{addr}");
        let log = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let (log2, base2) = (Arc::clone(&log), base.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let at = Instant::now();
                let (log, handler, base) = (Arc::clone(&log2), Arc::clone(&handler), base2.clone());
                std::thread::spawn(move || answer(stream, at, &log, handler.as_ref(), &base));
            }
        });
        MockServer { addr, base, log }
    }

    /// The socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The server's URL for `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Every request so far, in the order they were answered.
    pub fn requests(&self) -> Vec<Request> {
        self.exchanges().into_iter().map(|e| e.request).collect()
    }

    /// Every request so far with the status it got.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.log.lock().expect("request log").clone()
    }

    /// How many requests asked for `path`.
    pub fn count(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path == path).count()
    }

    /// Waits up to `limit` until `done` holds for the exchanges so far;
    /// panics naming `what` otherwise.
    pub fn wait_for(&self, what: &str, limit: Duration, done: impl Fn(&[Exchange]) -> bool) {
        let started = Instant::now();
        while !done(&self.exchanges()) {
            assert!(
                started.elapsed() < limit,
                "{what} not seen within {limit:?}; requests: {:?}",
                self.exchanges()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A loopback base URL that accepts connections and never answers.
    pub fn silent() -> String {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let base = format!("http://{}", listener.local_addr().expect("local address"));
        std::thread::spawn(move || {
            // Held, never read: the client's timeout is what is tested.
            let held: Vec<_> = listener.incoming().collect();
            drop(held);
        });
        base
    }
}

/// Reads one request from `stream`, answers it and records it.
fn answer(
    stream: TcpStream,
    at: Instant,
    log: &Mutex<Vec<Exchange>>,
    handler: &Handler,
    base: &str,
) {
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let Some(request) = read_request(&stream, at) else {
        return;
    };
    let response = handler(&request, base);
    log.lock().expect("request log").push(Exchange {
        request,
        status: response.status,
    });
    let _ = write_response(&stream, &response);
}

fn read_request(stream: &TcpStream, at: Instant) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let path = parts.next().unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let length = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0usize);
    let mut body = vec![0u8; length];
    let _ = reader.read_exact(&mut body);
    Some(Request {
        method,
        path,
        headers,
        body,
        at,
    })
}

fn write_response(mut stream: &TcpStream, resp: &Response) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    for (k, v) in &resp.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    match &resp.body {
        Body::Whole(body) => {
            head.push_str(&format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            ));
            stream.write_all(head.as_bytes())?;
            stream.write_all(body)?;
        }
        Body::Chunked { chunk, times } => {
            head.push_str("Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            stream.write_all(head.as_bytes())?;
            for _ in 0..*times {
                write!(stream, "{:x}\r\n", chunk.len())?;
                stream.write_all(chunk)?;
                stream.write_all(b"\r\n")?;
            }
            stream.write_all(b"0\r\n\r\n")?;
        }
    }
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        304 => "Not Modified",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "X",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_reads_what_the_mock_server_answers() {
        let server = MockServer::start(|req, base| match req.path.as_str() {
            "/page" => Response::ok("text/plain", format!("at {base}")).header("ETag", "\"v1\""),
            "/chunks" => Response::chunked("text/plain", "ab", 3),
            _ => Response::status(404),
        });
        let addr = server.addr();
        let page = request(addr, "POST", "/page", &[("X-Test", "1")], b"hello");
        assert_eq!(page.status, 200);
        assert_eq!(page.header("etag"), Some("\"v1\""));
        assert_eq!(page.text(), format!("at {}", server.base()));
        assert_eq!(get(addr, "/chunks").text(), "ababab");
        assert_eq!(get(addr, "/nothing").status, 404);
        let seen = server.exchanges();
        assert_eq!(seen.len(), 3);
        assert_eq!(seen[0].request.text(), "hello");
        assert_eq!(seen[0].request.headers["x-test"], "1");
        assert_eq!(seen[2].status, 404);
        assert_eq!(server.count("/page"), 1);
    }

    #[test]
    fn a_refused_url_refuses() {
        let url = refused_url("/hook");
        let addr: SocketAddr = url["http://".len()..url.len() - "/hook".len()]
            .parse()
            .expect("address");
        assert!(try_request(addr, "GET", "/", &[], b"").is_err());
    }
}
