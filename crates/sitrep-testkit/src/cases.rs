//! The tally of a data-driven table test: every row is run, rows marked as
//! known failures are listed but do not fail, known failures that now pass
//! are listed so that their mark can be dropped, and the test fails once,
//! at the end, with every unexpected failure. [`rows`] reads the tables
//! themselves (tab-separated, `#` comments).

use std::ops::RangeInclusive;

/// One row of a table: its line (from 1) and its tab-separated columns.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub line: usize,
    pub cols: Vec<&'a str>,
}

/// The rows of `src` (the text of `table`), blank lines and `#` comments
/// skipped; panics naming the line when a row's column count is outside
/// `columns`.
pub fn rows<'a>(table: &str, src: &'a str, columns: RangeInclusive<usize>) -> Vec<Row<'a>> {
    src.lines()
        .enumerate()
        .filter(|(_, raw)| !raw.trim().is_empty() && !raw.starts_with('#'))
        .map(|(i, raw)| {
            let cols: Vec<&str> = raw.split('\t').collect();
            assert!(
                columns.contains(&cols.len()),
                "{table}:{}: {columns:?} columns expected, got {}",
                i + 1,
                cols.len()
            );
            Row { line: i + 1, cols }
        })
        .collect()
}

/// Panics naming both lines when two rows share their first column (a
/// case's name): a name says which row failed, so it must be one row's.
pub fn assert_unique_names(table: &str, rows: &[Row<'_>]) {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for r in rows {
        let Some(name) = r.cols.first() else { continue };
        if let Some(first) = seen.insert(name, r.line) {
            panic!(
                "{table}:{}: case name {name:?} is already used on line {first}",
                r.line
            );
        }
    }
}

/// A column that may start with `!`, the mark of a known failure:
/// (marked, the column without the mark).
pub fn known_mark(col: &str) -> (bool, &str) {
    match col.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, col),
    }
}

/// Outcomes of a table's rows, by kind.
#[derive(Debug, Default)]
pub struct Tally {
    table: String,
    rows: usize,
    failures: Vec<String>,
    known: Vec<String>,
    fixed: Vec<String>,
}

impl Tally {
    /// A tally for `table` (the file name shown in every message).
    pub fn new(table: &str) -> Tally {
        Tally {
            table: table.to_string(),
            ..Tally::default()
        }
    }

    /// Records row `line`: `failure` is why it failed (`None`: it passed),
    /// `known` the reason it is marked as a known failure (`Some("")` when
    /// the mark gives none).
    pub fn record(&mut self, line: usize, failure: Option<String>, known: Option<&str>) {
        self.rows += 1;
        let at = format!("{}:{line}", self.table);
        match (failure, known) {
            (Some(why), None) => self.failures.push(format!("{at}: {why}")),
            (Some(why), Some("")) => self.known.push(format!("{at}: {why}")),
            (Some(why), Some(reason)) => self.known.push(format!("{at}: {why} — known: {reason}")),
            (None, Some(_)) => self.fixed.push(at),
            (None, None) => {}
        }
    }

    /// How many rows passed.
    pub fn passing(&self) -> usize {
        self.rows - self.failures.len() - self.known.len()
    }

    /// Prints the known failures and the fixed ones, then fails with every
    /// unexpected failure.
    pub fn finish(self) {
        if !self.known.is_empty() {
            eprintln!(
                "known failures of {} ({}):\n{}",
                self.table,
                self.known.len(),
                self.known.join("\n")
            );
        }
        if !self.fixed.is_empty() {
            eprintln!(
                "known failures of {} that now pass (drop their mark):\n{}",
                self.table,
                self.fixed.join("\n")
            );
        }
        assert!(
            self.failures.is_empty(),
            "{} of {} rows of {} fail:\n{}",
            self.failures.len(),
            self.rows,
            self.table,
            self.failures.join("\n")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{assert_unique_names, known_mark, rows, Tally};

    #[test]
    fn rows_skip_comments_and_blanks() {
        let src = "# head\na\tb\n\n!c\td\n";
        let got = rows("t.tsv", src, 2..=2);
        assert_eq!(got.len(), 2);
        assert_eq!((got[1].line, known_mark(got[1].cols[0])), (4, (true, "c")));
    }

    #[test]
    #[should_panic(expected = "t.tsv:2: case name \"a\" is already used on line 1")]
    fn repeated_case_names_are_refused() {
        assert_unique_names("t.tsv", &rows("t.tsv", "a\tx\na\ty\n", 2..=2));
    }

    #[test]
    #[should_panic(expected = "t.tsv:1: 3..=3 columns expected, got 2")]
    fn rows_check_their_width() {
        rows("t.tsv", "a\tb\n", 3..=3);
    }

    #[test]
    fn known_failures_do_not_fail() {
        let mut t = Tally::new("t.tsv");
        t.record(1, None, None);
        t.record(2, Some("wrong".into()), Some("parser"));
        t.record(3, None, Some(""));
        assert_eq!(t.passing(), 2);
        t.finish();
    }

    #[test]
    #[should_panic(expected = "1 of 2 rows of t.tsv fail")]
    fn unexpected_failures_fail_at_the_end() {
        let mut t = Tally::new("t.tsv");
        t.record(1, Some("wrong".into()), None);
        t.record(2, None, None);
        t.finish();
    }
}
