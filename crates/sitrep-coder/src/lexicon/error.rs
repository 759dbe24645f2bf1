//! The error of every data file parser. A file of its own: the build
//! script (`build.rs`) compiles it with the gazetteer's row parser, so that a
//! bad line fails the build with the same file, line and reason.

use std::fmt;

/// A data file that could not be loaded, pointing at the offending line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct LexiconError {
    /// The file name as given to the parser (for embedded data, its repo path).
    pub file: String,
    /// 1-based line number; 0 when the problem concerns the whole file.
    pub line: usize,
    pub reason: String,
}

impl LexiconError {
    pub fn new(file: &str, line: usize, reason: impl fmt::Display) -> Self {
        LexiconError {
            file: file.to_string(),
            line,
            reason: reason.to_string(),
        }
    }
}
