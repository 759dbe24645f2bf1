//! Serves the API and UI over a store seeded with synthetic events, for the
//! browser test and for trying the UI before the coder is plugged in:
//!
//! ```text
//! cargo run -p sitrep-server --example demo -- [--db PATH] [--addr 127.0.0.1:8080] [--docs N]
//! ```
//!
//! Prints `listening on http://ADDR/` once the port is bound (`--addr
//! 127.0.0.1:0` picks a free port).

use std::sync::Arc;

use chrono::NaiveDate;
use sitrep_server::{serve_listener, ServerConfig};
use sitrep_store::synthetic::corpus;
use sitrep_store::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut db = std::env::temp_dir().join(format!("sitrep-demo-{}.db", std::process::id()));
    let mut addr = "127.0.0.1:8080".to_owned();
    let mut docs = 60usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--db" => db = value()?.into(),
            "--addr" => addr = value()?,
            "--docs" => docs = value()?.parse()?,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let store = Arc::new(Store::open(&db.to_string_lossy())?);
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?;
    for it in corpus("demo-", docs, 4, start, 45, 7) {
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
