//! The server's integration tests over real HTTP on 127.0.0.1: one test
//! binary, one module per concern.

mod access;
mod alerts;
mod api;
mod limits;
