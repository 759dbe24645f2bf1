//! # sitrep-query
//!
//! The reads over a [`sitrep_store::Store`] that are more than one store
//! call and are not HTTP, shared by the server (`sitrep-server`, which
//! adds routing, status codes and streaming bodies) and the command line
//! (`sitrep export`, `sitrep stories --db`, `sitrep watch --webhook`):
//!
//! * [`mod@export`] — every matching event as CSV, JSON lines or GeoJSON (and
//!   Parquet with the cargo feature `parquet`), a page at a time;
//! * [`alerts`] — the crisis alerts of every stored event, cached by store
//!   generation and recomputed single-flight, and the selection of a
//!   request's alerts;
//! * [`stories`] — the matching events merged across articles.
//!
//! Blocking, like the store; depends on the store and `sitrep-stories`,
//! never on the server.

pub mod alerts;
pub mod export;
#[cfg(feature = "parquet")]
pub mod parquet_export;
pub mod stories;

pub use export::{export, ExportError, ExportFormat, CSV_COLUMNS};
