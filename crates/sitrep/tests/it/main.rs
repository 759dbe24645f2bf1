//! Integration tests of the `sitrep` binary: one test binary, one module per
//! concern. Every test runs the built binary on inputs it generates in its
//! own temporary folder.

mod alerts;
mod bad_input;
mod crash;
mod parse;
mod scaling;
mod serve;
mod support;
mod versions;
mod webhook;
