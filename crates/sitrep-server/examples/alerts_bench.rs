//! Benchmark (not a test): `GET /api/alerts` over real HTTP on a store,
//! first request (the cache is empty: read every event, compute the
//! alerts) and then cached requests (one row-count check each).
//!
//! ```text
//! cargo run --release -p sitrep-server --example alerts_bench -- --db PATH|postgres://… [--queries 50]
//! ```
//!
//! Fill the store first, e.g. with the `bench` example (`--events 1000000`).
//!
//! Measured 2026-12-01 (release build, SQLite store of 1,000,000 synthetic
//! events from `bench --events 1000000`, 2-core Intel Xeon VM shared with
//! two other builds, load average 6–8):
//!
//! | what | figure |
//! |---|---|
//! | read 1,000,000 events without text | 14.5 s wall, 6.3 CPU s |
//! | compute the alerts (390) | 1.0 s wall, 1.0 CPU s |
//! | first `GET /api/alerts` (cache miss: read + compute) | 10.0 s (27 s at load 8) |
//! | cached `GET /api/alerts`, 50 requests | p50 0.5 ms, p90 0.8 ms, max 7.3 ms |
//! | generation check alone | 6.4 ms (row counts, used at first: 76–325 ms) |
//! | peak RSS during a recomputation | 1.8 GB (2.5 GB before the text was dropped) |
//! Prints the time to read the events and to compute the alerts (directly,
//! outside the server), the miss and hit latencies over HTTP, the cost of
//! the generation check alone, and the peak resident memory (which is that
//! of one recomputation: the events are dropped once the alerts exist).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Instant;

use sitrep_server::{router, ServerConfig};
use sitrep_store::Store;

fn get(
    addr: std::net::SocketAddr,
    path: &str,
) -> Result<(u16, String), Box<dyn std::error::Error>> {
    let mut s = TcpStream::connect(addr)?;
    s.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    )?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.get(9..12).and_then(|t| t.parse().ok()).unwrap_or(0);
    let cache = text
        .lines()
        .find_map(|l| l.strip_prefix("x-sitrep-alerts-cache: "))
        .unwrap_or("?")
        .trim()
        .to_owned();
    Ok((status, cache))
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// User + system CPU seconds of this process (Linux, 100 ticks/s): steady
/// when other processes share the cores, unlike wall time.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = stat.rsplit_once(')').map_or("", |r| r.1);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut db = None;
    let mut queries = 50usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--db" => db = Some(value()?),
            "--queries" => queries = value()?.parse::<usize>()?.max(1),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let db = db.ok_or("--db PATH is required")?;
    let store = Arc::new(Store::open(&db)?);
    let counts = store.counts()?;
    println!(
        "store {} holds {} events",
        store.description(),
        counts.events
    );

    // Directly: reading the events and computing the alerts.
    let (t, c) = (Instant::now(), cpu_seconds());
    let events = sitrep_query::alerts::all_events(&store, &sitrep_stories::AlertParams::default())?;
    let (read_ms, read_cpu) = (ms(t), cpu_seconds() - c);
    let (t, c) = (Instant::now(), cpu_seconds());
    let alerts = sitrep_stories::compute_alerts(&events, None, &Default::default());
    let (compute_ms, compute_cpu) = (ms(t), cpu_seconds() - c);
    println!(
        "direct: read {} events in {read_ms:.0} ms ({read_cpu:.1} CPU s), computed {} alerts in {compute_ms:.0} ms ({compute_cpu:.1} CPU s)",
        events.len(),
        alerts.len()
    );
    drop(events);

    // The generation check alone, and the row counts it replaced.
    let t = Instant::now();
    for _ in 0..queries {
        store.generation()?;
    }
    println!("generation check: {:.1} ms each", ms(t) / queries as f64);
    let t = Instant::now();
    for _ in 0..5 {
        store.counts()?;
    }
    println!("(row counts, for comparison: {:.1} ms each)", ms(t) / 5.0);

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let addr = listener.local_addr()?;
    let app = router(&ServerConfig::new(Arc::clone(&store)));
    rt.spawn(async move { axum::serve(listener, app).await });

    let t = Instant::now();
    let (status, cache) = get(addr, "/api/alerts?limit=100")?;
    println!(
        "first GET /api/alerts: HTTP {status}, cache {cache}, {:.0} ms",
        ms(t)
    );
    let mut lat = Vec::with_capacity(queries);
    for i in 0..queries {
        let path = if i % 2 == 0 {
            "/api/alerts?limit=100"
        } else {
            "/api/alerts?country=UKR&kind=surge&since=2023-06-01"
        };
        let t = Instant::now();
        let (status, cache) = get(addr, path)?;
        lat.push(ms(t));
        if status != 200 || cache != "hit" {
            return Err(format!("{path}: HTTP {status}, cache {cache}").into());
        }
    }
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| lat[((lat.len() - 1) as f64 * p).round() as usize];
    println!(
        "cached GET /api/alerts ({queries}): p50 {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        pct(0.5),
        pct(0.9),
        pct(1.0)
    );
    println!(
        "peak RSS {}",
        peak_rss_mb().map_or("?".to_string(), |m| format!("{m:.0} MB"))
    );
    Ok(())
}
