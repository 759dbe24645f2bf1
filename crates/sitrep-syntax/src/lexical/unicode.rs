//! Python's character classes where spaCy's behaviour depends on them and
//! Rust's differ.

use crate::container::Reader;
use crate::SyntaxError;

/// Python's `str.isspace()` for one character: Rust's White_Space plus the
/// four information separators U+001C..U+001F, which Python counts (their
/// bidirectional class is B or S).
pub(super) fn python_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Code point ranges where Python's `str.isalpha()` holds (general
/// categories Lu, Ll, Lt, Lm, Lo), read from the model file so that the
/// Unicode version is the one spaCy ran with.
#[derive(Debug, Clone)]
pub(super) struct AlphaRanges {
    ranges: Vec<(u32, u32)>,
}

impl AlphaRanges {
    pub fn read(section: &str, data: &[u8]) -> Result<AlphaRanges, SyntaxError> {
        let mut r = Reader::new(section, data);
        let _unicode_version = r.string()?;
        let count = r.u32()?;
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for i in 0..count {
            let (first, last) = (r.u32()?, r.u32()?);
            let after_previous = ranges
                .last()
                .is_none_or(|&(_, prev_last)| first > prev_last);
            if first > last || last > 0x10FFFF || !after_previous {
                return Err(r.error(format!("range {i} ({first:#x}..={last:#x}) out of order")));
            }
            ranges.push((first, last));
        }
        if !r.is_empty() {
            return Err(r.error("trailing bytes after the last range"));
        }
        Ok(AlphaRanges { ranges })
    }

    /// Python's `s.isalpha()`: non-empty and every character alphabetic.
    pub fn is_alpha(&self, s: &str) -> bool {
        !s.is_empty() && s.chars().all(|c| self.char_is_alpha(c))
    }

    fn char_is_alpha(&self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_alphabetic();
        }
        let cp = u32::from(c);
        let i = self.ranges.partition_point(|&(_, last)| last < cp);
        self.ranges.get(i).is_some_and(|&(first, _)| first <= cp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_counts_information_separators_as_space() {
        assert!(python_isspace('\u{1f}'));
        assert!(python_isspace('\u{a0}'));
        assert!(python_isspace('\n'));
        assert!(!python_isspace('\u{200b}'));
        assert!(!python_isspace('x'));
    }

    #[test]
    fn alpha_ranges_are_searched_and_validated() {
        let mut data = Vec::new();
        data.extend(2u32.to_le_bytes());
        data.extend(b"14");
        data.extend(2u32.to_le_bytes());
        for v in [0xC0u32, 0xD6, 0x3B1, 0x3C9] {
            data.extend(v.to_le_bytes());
        }
        let alpha = AlphaRanges::read("t", &data).expect("valid ranges");
        assert!(alpha.is_alpha("abcÀω"));
        assert!(!alpha.is_alpha("a×"));
        assert!(!alpha.is_alpha(""));
        assert!(!alpha.is_alpha("a1"));
        let mut bad = data.clone();
        bad[10..14].copy_from_slice(&0xD7u32.to_le_bytes());
        assert!(AlphaRanges::read("t", &bad).is_err());
    }
}
