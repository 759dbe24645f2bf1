//! Serves the API and UI over a store seeded with synthetic events, for the
//! browser test and for trying the UI before the coder is plugged in:
//!
//! ```text
//! cargo run -p sitrep-server --example demo -- [--db PATH] [--addr 127.0.0.1:8080] [--docs N] [--no-crisis]
//! ```
//!
//! Prints `listening on http://ADDR/` once the port is bound (`--addr
//! 127.0.0.1:0` picks a free port).
//!
//! Besides the random corpus, the store holds one deliberate crisis
//! ([`sitrep_testkit::corpus::crisis_item`]): a state of emergency and six
//! protests in Kazakhstan on 2024-01-31, so that `/api/alerts` and the
//! alerts panel show at least a first-of-kind and a surge alert (the random
//! corpus alone may raise none). `--no-crisis` leaves it out.

use std::sync::Arc;

use chrono::NaiveDate;
use sitrep_server::{serve_listener, ServerConfig};
use sitrep_store::Store;
use sitrep_testkit::corpus::{corpus, crisis_item};
use sitrep_testkit::store::ingest_in_batches;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut db = std::env::temp_dir().join(format!("sitrep-demo-{}.db", std::process::id()));
    let mut addr = "127.0.0.1:8080".to_owned();
    let mut docs = 60usize;
    let mut crisis = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--db" => db = value()?.into(),
            "--addr" => addr = value()?,
            "--docs" => docs = value()?.parse()?,
            "--no-crisis" => crisis = false,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let store = Arc::new(Store::open(&db.to_string_lossy())?);
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?;
    // Batches of 256 documents (one transaction each): a 20,000-document
    // store for the hostile-load test is seeded in seconds.
    let items = corpus("demo-", docs, 4, start, 45, 7);
    ingest_in_batches(&store, &items, 256)?;
    if crisis {
        let day = NaiveDate::from_ymd_opt(2024, 1, 31).ok_or("date")?;
        let it = crisis_item("demo-crisis", day, 6);
        store.ingest_document(&it.doc, &it.events, &it.places)?;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&addr).await?;
        println!("listening on http://{}/", listener.local_addr()?);
        let config = ServerConfig::new(store);
        serve_listener(listener, config).await?;
        Ok::<(), Box<dyn std::error::Error>>(())
    })
}
