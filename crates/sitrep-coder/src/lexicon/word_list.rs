//! Word lists (`data/lexicon/*.txt`): sets of lower-cased words or phrases
//! that a stage looks words up in — the name stop words ("The", "Monday"
//! never start a name) and the common words that are not places ("Mobile",
//! "Police"), and the content words of the coder's stages
//! ([`CoderWords`]). Format: `data/lexicon/FORMAT.md`.

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

/// A list of words or phrases kept as written, for a stage that looks for
/// them in running text with their case (American local news: "Board of
/// Education" names an American school board, "board of education" need
/// not). Each line is a [`LineShape::Phrase`].
#[derive(Debug, Default, Clone)]
pub struct CasedPhrases(Vec<String>);

impl CasedPhrases {
    /// Parses one phrase per line, kept in its case; `#` lines and blank
    /// lines are comments. A line that is not a phrase, or a phrase listed
    /// twice in the same case, is refused with its line.
    pub fn parse(src: &str, file: &str) -> Result<Self, LexiconError> {
        let mut first_seen: HashMap<&str, usize> = HashMap::new();
        let mut phrases = Vec::new();
        for (i, line) in src.lines().enumerate() {
            let line_no = i + 1;
            let entry = line.trim();
            if entry.is_empty() || entry.starts_with('#') {
                continue;
            }
            if let Some(reason) = shape_error(entry, LineShape::Phrase) {
                return Err(LexiconError::new(file, line_no, reason));
            }
            if let Some(first) = first_seen.insert(entry, line_no) {
                return Err(LexiconError::new(
                    file,
                    line_no,
                    format!("`{entry}` is listed twice (first at line {first})"),
                ));
            }
            phrases.push(entry.to_string());
        }
        Ok(CasedPhrases(phrases))
    }

    /// Whether `text` holds one of the phrases, as written, anywhere (also
    /// inside a longer word: "centre" in "centres").
    pub fn any_in(&self, text: &str) -> bool {
        self.0.iter().any(|p| text.contains(p.as_str()))
    }
}

/// The content words the coder's stages look up, each list a file of
/// `data/lexicon/` (what each is for: that file's header and `FORMAT.md`).
#[derive(Debug, Default, Clone)]
pub struct CoderWords {
    /// American local government and schools, as written
    /// (`american_local_words.txt`).
    pub american_local: CasedPhrases,
    /// Commonwealth spellings, as written (`commonwealth_spellings.txt`).
    pub commonwealth_spellings: CasedPhrases,
    /// Words of a vehicle accident, as tokens (`crash_words.txt`).
    pub crash: WordList,
    /// Vehicles, as tokens (`vehicle_nouns.txt`).
    pub vehicles: WordList,
    /// Nouns after a vehicle that make it a weapon, as tokens
    /// (`vehicle_weapons.txt`).
    pub vehicle_weapons: WordList,
    /// Words of intent that make a vehicle's blow an attack, as tokens
    /// (`deliberate_words.txt`).
    pub deliberate: WordList,
    /// Nouns of a strike aimed at a place, as tokens (`strike_nouns.txt`).
    pub strike_nouns: WordList,
    /// Verbs and nouns of meeting, by lemma (`meeting_words.txt`).
    pub meeting_words: WordList,
    /// Nouns whose clause is a statement's content, by lemma
    /// (`statement_nouns.txt`).
    pub statement_nouns: WordList,
    /// Last words of a phrase naming a state's representative abroad, as
    /// tokens (`envoy_nouns.txt`).
    pub envoy_nouns: WordList,
    /// Nouns of a proposal or request, by lemma (`proposal_nouns.txt`).
    pub proposal_nouns: WordList,
    /// Nouns of saying that a denial can deny, by lemma (`claim_nouns.txt`).
    pub claim_nouns: WordList,
    /// Documents issued somewhere that speak for their issuer, by lemma
    /// (`issued_documents.txt`).
    pub issued_documents: WordList,
    /// Texts whose participle says what their issuer does, by lemma
    /// (`document_nouns.txt`).
    pub document_nouns: WordList,
}

/// The words the toponym spotter (`places/spot.rs`) reads around a name,
/// each list a file of `data/lexicon/`; all lower-case words as tokens are
/// written.
#[derive(Debug, Default, Clone)]
pub struct PlaceWords {
    /// Words after a name that make it a street's (`street_nouns.txt`).
    pub street_nouns: WordList,
    /// Words of an avenue, a street only after a house number
    /// (`avenue_nouns.txt`).
    pub avenue_nouns: WordList,
    /// Words for a kind of place written after its name
    /// (`place_kind_nouns.txt`).
    pub place_kind_nouns: WordList,
    /// Offices written after the name of the place they serve
    /// (`offices.txt`).
    pub offices: WordList,
    /// Titles before a person's name (`titles.txt`).
    pub titles: WordList,
    /// Titles written abbreviated with a dot (`dotted_titles.txt`).
    pub dotted_titles: WordList,
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

    #[test]
    fn cased_phrases_match_as_written() {
        let p =
            CasedPhrases::parse("# c\nTown Board\ntown board\nharbour\n", "c.txt").expect("valid");
        assert!(p.any_in("the Town Board met") && p.any_in("the harbours"));
        assert!(!p.any_in("the TOWN BOARD met"), "case counts");
    }

    #[test]
    fn cased_phrases_refuse_bad_lines_with_file_and_line() {
        for (src, want) in [
            (
                "Town Board\nTown Board\n",
                "c.txt:2: `Town Board` is listed twice (first at line 1)",
            ),
            (
                "harbour\nroute 9\n",
                "c.txt:2: `route 9` is not words of letters separated by single spaces",
            ),
        ] {
            let e = CasedPhrases::parse(src, "c.txt").expect_err(want);
            assert_eq!(e.to_string(), want);
        }
    }
}
