//! The stories crate's integration tests: one test binary, one module per
//! concern (alerts, merging, versions and near-duplicates, the seed case
//! with the real coder).

mod alerts;
mod common;
mod merge;
mod seed;
mod versions_dedup;
