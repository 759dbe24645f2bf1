//! Name stop words (`data/lexicon/name_stopwords.txt`): capitalised words
//! that never start or continue an unknown name ("The", "Monday"). Format:
//! `data/lexicon/FORMAT.md`.

use std::collections::HashMap;
use std::collections::HashSet;

use super::LexiconError;

/// Words that never start or continue an unknown name, lower-cased.
#[derive(Debug, Default)]
pub struct NameStopwords(HashSet<String>);

impl NameStopwords {
    /// Parses one word per line (any case); `#` lines and blank lines are
    /// comments. A line that is not one word of letters, or a word listed
    /// twice, is refused with its line.
    pub fn parse(src: &str, file: &str) -> Result<Self, LexiconError> {
        let mut first_seen: HashMap<String, usize> = HashMap::new();
        for (i, line) in src.lines().enumerate() {
            let line_no = i + 1;
            let word = line.trim();
            if word.is_empty() || word.starts_with('#') {
                continue;
            }
            // Apostrophes and hyphens occur inside words ("o'clock").
            let letters = word.chars().any(char::is_alphabetic)
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '-');
            if !letters {
                return Err(LexiconError::new(
                    file,
                    line_no,
                    format!("`{word}` is not one word of letters"),
                ));
            }
            let lower = word.to_lowercase();
            if let Some(first) = first_seen.get(&lower) {
                return Err(LexiconError::new(
                    file,
                    line_no,
                    format!("`{word}` is listed twice (first at line {first})"),
                ));
            }
            first_seen.insert(lower, line_no);
        }
        Ok(NameStopwords(first_seen.into_keys().collect()))
    }

    pub fn contains(&self, lower: &str) -> bool {
        self.0.contains(lower)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_in_any_case() {
        let s = NameStopwords::parse("# comment\n\nThe\nmonday\n  o'clock \r\n", "s.txt")
            .expect("valid");
        assert!(s.contains("the") && s.contains("monday") && s.contains("o'clock"));
        assert!(!s.contains("The"), "looked up lower-cased");
    }

    #[test]
    fn bad_lines_name_file_line_and_reason() {
        for (src, want) in [
            (
                "the\nnew york\n",
                "s.txt:2: `new york` is not one word of letters",
            ),
            (
                "the\nmonday\tx\n",
                "s.txt:2: `monday\tx` is not one word of letters",
            ),
            ("1999\n", "s.txt:1: `1999` is not one word of letters"),
            (
                "The\n\nthe\n",
                "s.txt:3: `the` is listed twice (first at line 1)",
            ),
        ] {
            let e = NameStopwords::parse(src, "s.txt").expect_err(want);
            assert_eq!(e.to_string(), want);
        }
    }
}
