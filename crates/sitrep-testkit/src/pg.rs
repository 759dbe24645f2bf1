//! The PostgreSQL opt-in: tests run against PostgreSQL only when
//! `SITREP_TEST_PG` holds a connection URL.

use std::io::Write;
use std::sync::Once;

/// The variable that holds the test database's URL.
pub const PG_VAR: &str = "SITREP_TEST_PG";

/// The URL in `SITREP_TEST_PG`, or `None` after saying (once per test
/// binary, on stderr, so that a plain `cargo test` shows it) that `what`
/// is skipped.
pub fn postgres_url(what: &str) -> Option<String> {
    match std::env::var(PG_VAR) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            static ONCE: Once = Once::new();
            ONCE.call_once(|| {
                // Written to stderr directly: the harness does not capture it.
                let _ = writeln!(
                    std::io::stderr(),
                    "{what}: PostgreSQL tests skipped: {PG_VAR} not set \
                     (e.g. {PG_VAR}=postgres://postgres@127.0.0.1:5432/test)"
                );
            });
            None
        }
    }
}
