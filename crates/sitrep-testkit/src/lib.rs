//! What sitrep's tests share, written once: a dev-dependency only, never
//! a dependency of a production crate.
//!
//! - [`Scratch`]: a temporary folder per test, removed when dropped.
//! - [`http`]: a plain HTTP/1.1 client for servers on loopback
//!   ([`http::request`], [`http::raw`]) and a recording mock server
//!   ([`http::MockServer`]) for webhooks and feeds.
//! - [`cases`]: the tally of the data-driven table tests, where rows marked
//!   as known failures are reported but do not fail.
//! - [`text::news_text`]: ordinary news text of any size.
//! - [`postgres_url`]: the PostgreSQL opt-in (`SITREP_TEST_PG`), saying once
//!   when the PostgreSQL tests are skipped.
//! - `corpus` (feature `corpus`): the synthetic documents and records of the
//!   store and server tests, benchmarks and demos; `store` (feature `store`)
//!   stores them in batches; `server` (feature `server`) serves the API on
//!   a loopback port.

pub mod cases;
#[cfg(feature = "corpus")]
pub mod corpus;
pub mod http;
mod pg;
mod scratch;
#[cfg(feature = "server")]
pub mod server;
#[cfg(feature = "store")]
pub mod store;
pub mod text;

pub use pg::{postgres_url, PG_VAR};
pub use scratch::Scratch;
