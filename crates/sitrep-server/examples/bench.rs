//! Benchmarks (not a test): ingest throughput into a store and
//! `/api/events` latency with country + date filters over real HTTP.
//!
//! ```text
//! cargo run --release -p sitrep-server --example bench -- \
//!     [--db PATH|postgres://…] [--events 1000000] [--per-doc 10] [--batch 1000]
//!     [--queries 500] [--skip-ingest] [--order date|cycle]
//! ```
//!
//! Events are synthetic (`sitrep_testkit::corpus`), spread over 365 days
//! of 2023: in date order by default, as a feed or a backfill delivers
//! them (`--order date`), or cycling through the year document by
//! document (`--order cycle`, the worst case for the date-keyed indexes).
//! `--batch 1` stores each document in its own transaction
//! (`Store::ingest_document`); `--batch N` stores N documents per
//! transaction with a savepoint each (`Store::ingest_batch`). Prints
//! events/s, then p50/p90/p99/max of the queries.
//!
//! Measured 2026-12-01 on the 2-core Intel Xeon dev VM, release build,
//! 10 events per document, 1,000,000 events into a fresh SQLite file.
//!
//! **The current code** (schema 6: versions across ids and near-duplicate
//! lookups at ingest, 42 LSH band rows per document), machine otherwise
//! idle (load average 1.2–1.4):
//!
//! | SQLite store | wall | events/s | CPU (user + sys) | written to disk | `/api/events` country + date |
//! |---|---|---|---|---|---|
//! | batch 1000 (the default), `--order date` | 124 s | **8,053** | 105 + 25 s | 17.3 GB | 200 queries: p50 1.61 ms, p99 2.75 ms, max 3.5 ms |
//! | batch 1000, `--order cycle` (worst case) | 194 s | **5,143** | 130 + 59 s | 31.2 GB | 200 queries: p50 1.67 ms, p99 2.85 ms |
//! | batch 100, `--order date` | 151 s | 6,616 | 124 + 39 s | 30.4 GB | 500 queries: p50 1.71 ms, p99 2.96 ms |
//!
//! Peak RSS 156 MB. A 256 MiB writer cache (instead of 64 MiB) gave the same
//! throughput (6,235 events/s at batch 100, 7,649 at batch 1000) for 380 MB
//! of RSS, so the cache stays at 64 MiB.
//!
//! **How it got there** (schema 5 and before, no version or duplicate
//! lookups yet; batch 100; three other builds were running, load average
//! 5–8, so the process got 39–61% of a core):
//!
//! | SQLite store | wall | events/s | CPU (user + sys) | written to disk | `/api/events` country + date, 200 queries |
//! |---|---|---|---|---|---|
//! | before (schema 4, checkpoint in the writer), `--order cycle` | 371 s | 2,693 | 75 + 46 s | 34.0 GB | p50 1.98 ms, p99 13.5 ms |
//! | background checkpoints, `--order cycle` | 291 s | 3,432 | 80 + 37 s | 28.3 GB | p50 1.93 ms, p99 21.7 ms |
//! | + actors keyed by event row (schema 5), `--order cycle` | 212 s | 4,711 | 78 + 35 s | 26.2 GB | p50 1.99 ms, p99 10.8 ms |
//! | the same, `--order date` | 106 s | 9,418 | 58 + 8 s | 8.6 GB | p50 1.75 ms, p99 7.3 ms, max 9.2 ms |
//! | the same, machine quieter (90% of a core) | 72 s | 13,973 | 57 + 9 s | 8.1 GB | 500 queries: p50 1.70 ms, p99 9.1 ms |
//!
//! The version and duplicate lookups cost about 0.5–0.7 ms of CPU per
//! document at this scale (42 band lookups and 42 band inserts at random
//! places of a 4.2-million-row index, plus candidate checks; the synthetic
//! documents share much template text, so they meet more candidates than
//! news does).
//!
//! | PostgreSQL 15 on loopback, `--order date`, 1,000,000 events into a fresh database | wall | events/s | `/api/events` country + date |
//! |---|---|---|---|
//! | schema 6 (the current code), batch 1000, machine otherwise idle; band lookups in one round trip | 409 s | **2,447** | after `VACUUM ANALYZE`, 500 queries: p50 3.3 ms, p99 6.1 ms, max 31.9 ms |
//! | schema 6 before that, 42 band lookups per document (first 100k events only) | — | 1,507 | — |
//! | schema 5 (no version or duplicate lookups), batch 100, load 4–6 | 190 s | 5,250 | before `VACUUM ANALYZE`: p50 9.2 ms, p99 24.0 ms; after it: p50 3.4 ms, p99 7.4 ms, max 9.6 ms |
//!
//! On PostgreSQL the client got 19% of a core: the server's inserts into
//! the 4.2-million-row band index and the per-document round trips of the
//! version lookups bound it.
//!
//! Most of the SQLite cost is write volume: each commit writes every index
//! page it touched, and an index keyed by a hash or by a date far from the
//! last one is touched at a random page; bigger batches touch each such page
//! for more documents. PostgreSQL plans the country + date query well only
//! once its statistics are fresh: run `VACUUM ANALYZE` (or let autovacuum
//! catch up) after a bulk load.

use std::sync::Arc;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use sitrep_server::ServerConfig;
use sitrep_store::Store;
use sitrep_testkit::corpus::{item, Rng, COUNTRIES};
use sitrep_testkit::store::ingest_in_batches;

/// Status and body size of `GET path`.
fn get(addr: std::net::SocketAddr, path: &str) -> Result<(u16, usize), Box<dyn std::error::Error>> {
    let r = sitrep_testkit::http::try_request(addr, "GET", path, &[], b"")?;
    Ok((r.status, r.body.len()))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut db = std::env::temp_dir()
        .join("sitrep-bench.db")
        .to_string_lossy()
        .into_owned();
    let mut events = 1_000_000usize;
    let mut per_doc = 10usize;
    let mut queries = 500usize;
    let mut skip_ingest = false;
    let mut batch = 1000usize;
    let mut date_order = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--db" => db = value()?,
            "--events" => events = value()?.parse()?,
            "--per-doc" => per_doc = value()?.parse()?,
            "--queries" => queries = value()?.parse()?,
            "--skip-ingest" => skip_ingest = true,
            "--batch" => batch = value()?.parse::<usize>()?.max(1),
            "--order" => {
                date_order = match value()?.as_str() {
                    "date" => true,
                    "cycle" => false,
                    other => return Err(format!("--order date|cycle, not {other}").into()),
                }
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let store = Arc::new(Store::open(&db)?);
    let start = NaiveDate::from_ymd_opt(2023, 1, 1).ok_or("date")?;
    if !skip_ingest {
        let docs = events / per_doc.max(1);
        let before = store.counts()?.events;
        let t = Instant::now();
        let run = format!("b{}-", std::process::id());
        let mut pending = Vec::with_capacity(batch);
        for i in 0..docs {
            // News arrives roughly in date order (`date`); `cycle` gives
            // each document the next day of the year in turn, so every
            // transaction writes all over the date-keyed indexes.
            let day_index = if date_order {
                i * 365 / docs.max(1)
            } else {
                i % 365
            };
            let day = start
                .checked_add_days(Days::new(day_index as u64))
                .ok_or("date")?;
            pending.push(item(&format!("{run}{i}"), day, per_doc, i as u64, 0));
            if pending.len() == batch || i + 1 == docs {
                if batch == 1 {
                    let it = &pending[0];
                    store.ingest_document(&it.doc, &it.events, &it.places)?;
                } else {
                    ingest_in_batches(&store, &pending, batch)?;
                }
                pending.clear();
            }
            if i > 0 && i % 10_000 == 0 {
                eprintln!(
                    "  {i} documents, {:.0} events/s",
                    (i * per_doc) as f64 / t.elapsed().as_secs_f64()
                );
            }
        }
        let secs = t.elapsed().as_secs_f64();
        let added = store.counts()?.events - before;
        println!(
            "ingest {} (batch {batch}): {docs} documents, {added} events in {secs:.1} s = {:.0} events/s ({:.0} documents/s)",
            store.description(),
            added as f64 / secs,
            docs as f64 / secs
        );
    }
    let total = store.counts()?.events;
    println!("store holds {total} events");

    let addr = sitrep_testkit::server::serve(ServerConfig::new(Arc::clone(&store)));

    let mut rng = Rng::new(99);
    let mut lat = Vec::with_capacity(queries);
    let mut sizes = 0usize;
    for i in 0..queries + 20 {
        let country = COUNTRIES[rng.below(COUNTRIES.len())].0;
        let from = start
            .checked_add_days(Days::new(rng.below(330) as u64))
            .ok_or("date")?;
        let to = from
            .checked_add_days(Days::new(1 + rng.below(30) as u64))
            .ok_or("date")?;
        let path = format!("/api/events?country={country}&from={from}&to={to}&limit=50");
        let t = Instant::now();
        let (status, n) = get(addr, &path)?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        if status != 200 {
            return Err(format!("{path}: HTTP {status}").into());
        }
        if i >= 20 {
            lat.push(ms); // the first 20 warm the caches
            sizes += n;
        }
    }
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| lat[((lat.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "/api/events country+date (limit 50, with total) over {total} events, {queries} queries: \
         p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms (mean response {} bytes)",
        pct(0.5),
        pct(0.9),
        pct(0.99),
        pct(1.0),
        sizes / lat.len().max(1)
    );
    Ok(())
}
