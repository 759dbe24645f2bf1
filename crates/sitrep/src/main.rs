//! The `sitrep` binary: command line, data loading, wiring.
fn main() {}
