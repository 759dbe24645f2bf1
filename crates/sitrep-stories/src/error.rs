//! Errors of the crate: only parameter validation and serialisation can
//! fail; data that does not fit (an unparseable date, an empty text) is
//! skipped, not an error.

/// What can go wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoriesError {
    #[error("invalid parameter `{name}`: {why}")]
    InvalidParam { name: &'static str, why: String },
    #[error("{file}:{line}: {why}")]
    Data {
        file: String,
        line: usize,
        why: String,
    },
    #[error("cannot serialise: {0}")]
    Json(String),
}
