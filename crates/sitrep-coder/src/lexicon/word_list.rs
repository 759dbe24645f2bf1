//! Word lists (`data/lexicon/*.txt`): sets of lower-cased words or phrases
//! that a stage looks words up in — the name stop words ("The", "Monday"
//! never start a name) and the common words that are not places ("Mobile",
//! "Police"). Format: `data/lexicon/FORMAT.md`.

use std::collections::HashMap;
use std::collections::HashSet;

use super::LexiconError;

/// What one line of a list may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineShape {
    /// One word: letters, with `'` or `-` inside ("o'clock").
    Word,
    /// One or more such words separated by single spaces ("white house").
    Phrase,
}

/// A set of words or phrases, lower-cased.
#[derive(Debug, Default, Clone)]
pub struct WordList(HashSet<String>);

impl WordList {
    /// Parses one entry per line (any case); `#` lines and blank lines are
    /// comments. A line that does not have `shape`, or an entry listed
    /// twice, is refused with its line.
    pub fn parse(src: &str, file: &str, shape: LineShape) -> Result<Self, LexiconError> {
        let mut first_seen: HashMap<String, usize> = HashMap::new();
        for (i, line) in src.lines().enumerate() {
            let line_no = i + 1;
            let entry = line.trim();
            if entry.is_empty() || entry.starts_with('#') {
                continue;
            }
            if let Some(reason) = shape_error(entry, shape) {
                return Err(LexiconError::new(file, line_no, reason));
            }
            let lower = entry.to_lowercase();
            if let Some(first) = first_seen.get(&lower) {
                return Err(LexiconError::new(
                    file,
                    line_no,
                    format!("`{entry}` is listed twice (first at line {first})"),
                ));
            }
            first_seen.insert(lower, line_no);
        }
        Ok(WordList(first_seen.into_keys().collect()))
    }

    /// Whether the list holds `lower` (already lower-cased).
    pub fn contains(&self, lower: &str) -> bool {
        self.0.contains(lower)
    }
}

/// Why `entry` is not a line of `shape`, if it is not.
fn shape_error(entry: &str, shape: LineShape) -> Option<String> {
    let is_word = |w: &str| {
        w.chars().any(char::is_alphabetic)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
    };
    match shape {
        LineShape::Word if !is_word(entry) => Some(format!("`{entry}` is not one word of letters")),
        LineShape::Phrase if !entry.split(' ').all(is_word) => Some(format!(
            "`{entry}` is not words of letters separated by single spaces"
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_in_any_case() {
        let s = WordList::parse(
            "# comment\n\nThe\nmonday\n  o'clock \r\n",
            "s.txt",
            LineShape::Word,
        )
        .expect("valid");
        assert!(s.contains("the") && s.contains("monday") && s.contains("o'clock"));
        assert!(!s.contains("The"), "looked up lower-cased");
        let p =
            WordList::parse("White House\nmobile\n", "p.txt", LineShape::Phrase).expect("valid");
        assert!(p.contains("white house") && p.contains("mobile"));
    }

    #[test]
    fn bad_lines_name_file_line_and_reason() {
        for (src, shape, want) in [
            (
                "the\nnew york\n",
                LineShape::Word,
                "s.txt:2: `new york` is not one word of letters",
            ),
            (
                "the\nmonday\tx\n",
                LineShape::Word,
                "s.txt:2: `monday\tx` is not one word of letters",
            ),
            (
                "1999\n",
                LineShape::Word,
                "s.txt:1: `1999` is not one word of letters",
            ),
            (
                "The\n\nthe\n",
                LineShape::Word,
                "s.txt:3: `the` is listed twice (first at line 1)",
            ),
            (
                "white  house\n",
                LineShape::Phrase,
                "s.txt:1: `white  house` is not words of letters separated by single spaces",
            ),
            (
                "route 66\n",
                LineShape::Phrase,
                "s.txt:1: `route 66` is not words of letters separated by single spaces",
            ),
        ] {
            let e = WordList::parse(src, "s.txt", shape).expect_err(want);
            assert_eq!(e.to_string(), want);
        }
    }
}
