//! The store's integration tests: one test binary, one module per concern.
//! SQLite always; PostgreSQL too when `SITREP_TEST_PG` is set.

mod recurring;
mod reingest_props;
mod store;
mod timeout;
