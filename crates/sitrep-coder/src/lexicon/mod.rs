//! Parsers for the data files under `data/`: every dictionary, pattern table
//! and gazetteer is text with a documented format (`data/*/FORMAT.md`), read
//! once at start-up. A bad line is refused with its file, line and reason.

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

/// The data lines of a tab-separated file: 1-based line number and fields.
/// Blank lines and lines starting with `#` are skipped; a trailing `\r` is dropped.
pub fn tsv_lines(src: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    src.lines().enumerate().filter_map(|(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            None
        } else {
            Some((i + 1, line.split('\t').map(str::trim).collect()))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_comments_and_blank_lines() {
        let src = "# header\n\nA\tB\r\n  # indented comment\nC\tD\n";
        let lines: Vec<_> = tsv_lines(src).collect();
        assert_eq!(lines, vec![(3, vec!["A", "B"]), (5, vec!["C", "D"])]);
    }

    #[test]
    fn error_names_file_and_line() {
        let e = LexiconError::new("data/x.tsv", 7, "unknown sector `XYZ`");
        assert_eq!(e.to_string(), "data/x.tsv:7: unknown sector `XYZ`");
    }
}
