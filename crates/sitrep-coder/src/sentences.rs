//! Sentence splitting that survives news prose: abbreviations ("Jan.",
//! "Gen.", "U.S.", "Lt."), initials, numbers, ellipses, quotes, brackets,
//! paragraph breaks and headline-like lines without final punctuation.
//!
//! The splitter is a single forward byte scan: every structural character it
//! looks for is ASCII or a fixed UTF-8 sequence (`…`, `”`, `’`, `»`), so no
//! per-character decoding or regex is needed, and every cut lands on a char
//! boundary. The abbreviation list lives in `data/lexicon/abbreviations.txt`.

use std::sync::LazyLock;

use crate::document::Span;
pub use crate::lexicon::abbreviations::Abbreviations;

/// The built-in list, for callers without a [`crate::Lexicon`]; a broken
/// file is caught by the unit test, so at run time an unreadable list
/// degrades to "no abbreviations" rather than panic.
static ABBREVIATIONS: LazyLock<Abbreviations> =
    LazyLock::new(|| Abbreviations::embedded().unwrap_or_default());

/// Capitalised words that usually open a sentence. After an abbreviation
/// that may end a sentence ("U.S.", "Inc."), a split is made only before one
/// of these, since proper names after "U.S." are far more often continuations.
const SENTENCE_STARTERS: &[&str] = &[
    "A",
    "About",
    "According",
    "After",
    "Also",
    "Although",
    "An",
    "And",
    "Another",
    "As",
    "At",
    "Authorities",
    "Before",
    "Both",
    "But",
    "By",
    "Critics",
    "Despite",
    "During",
    "Earlier",
    "Each",
    "Even",
    "For",
    "From",
    "He",
    "Her",
    "Here",
    "His",
    "However",
    "I",
    "If",
    "In",
    "Instead",
    "It",
    "Its",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "More",
    "Most",
    "Neither",
    "No",
    "Nor",
    "Now",
    "Officials",
    "On",
    "One",
    "Only",
    "Our",
    "Over",
    "Police",
    "Since",
    "So",
    "Some",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "To",
    "Two",
    "Under",
    "Until",
    "We",
    "What",
    "When",
    "Where",
    "Whether",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Yet",
    "You",
];

/// Lower-case words that cannot end a line of prose: a single line break
/// after one of them is a hard wrap, not the end of a headline.
const CONTINUATION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
    "but", "as", "that", "which", "who", "its", "his", "her", "their", "is", "are", "was", "were",
    "be", "has", "have", "had", "will", "would", "into", "than", "said", "says",
];

/// Splits `text[within]` into sentences, returned as byte spans of `text`
/// with surrounding white space trimmed off. Paragraph breaks (blank lines)
/// always end a sentence. Never panics, whatever the text.
pub fn split_sentences(text: &str, within: Span) -> Vec<Span> {
    split_sentences_with(text, within, &ABBREVIATIONS)
}

/// [`split_sentences`] with the abbreviation list of a [`crate::Lexicon`]
/// (which `--data DIR` may replace).
pub fn split_sentences_with(text: &str, within: Span, abbr: &Abbreviations) -> Vec<Span> {
    let (base, end) = clamp(text, within);
    let body = text.get(base..end).unwrap_or("");
    let mut out = Vec::new();
    let mut splitter = Splitter {
        body,
        bytes: body.as_bytes(),
        base,
        out: &mut out,
        start: 0,
        abbr,
    };
    splitter.run();
    cap_length(text, out)
}

/// Longest sentence handed on, in bytes (some 700 words). Longer
/// "sentences" — run-on text without end punctuation: tables, lists, junk
/// pages — are cut at white space, so that per-sentence work, which is
/// quadratic in places, stays bounded.
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// Cuts sentences longer than [`MAX_SENTENCE_BYTES`] into pieces at the last
/// white space before the limit (at a char boundary when there is none).
fn cap_length(text: &str, spans: Vec<Span>) -> Vec<Span> {
    if spans.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES) {
        return spans;
    }
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        let mut start = s.start;
        while s.end.saturating_sub(start) > MAX_SENTENCE_BYTES {
            let mut limit = start + MAX_SENTENCE_BYTES;
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let window = text.get(start..limit).unwrap_or("");
            let cut = window
                .rfind(char::is_whitespace)
                .filter(|&k| k > 0)
                .map_or(limit, |k| start + k);
            let piece = text.get(start..cut).unwrap_or("").trim_end();
            if !piece.is_empty() {
                out.push(Span::new(start, start + piece.len()));
            }
            let rest = text.get(cut..s.end).unwrap_or("");
            start = s.end - rest.trim_start().len();
        }
        if start < s.end {
            out.push(Span::new(start, s.end));
        }
    }
    out
}

/// Clamps `within` to `text` and moves both ends back onto char boundaries.
fn clamp(text: &str, within: Span) -> (usize, usize) {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while i > 0 && !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let end = floor(within.end);
    let start = floor(within.start).min(end);
    (start, end)
}

struct Splitter<'a, 'o> {
    body: &'a str,
    bytes: &'a [u8],
    base: usize,
    out: &'o mut Vec<Span>,
    /// Start (in `body`) of the sentence being built.
    start: usize,
    abbr: &'a Abbreviations,
}

/// How a word before a period bears on a split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordKind {
    Plain,
    Ambiguous,
    Prefix,
}

impl Splitter<'_, '_> {
    fn run(&mut self) {
        let len = self.bytes.len();
        // Byte position of the latest unmatched "(" or "[" in this sentence:
        // a period inside a short bracket does not end the sentence.
        let mut open_bracket: Option<usize> = None;
        let mut i = 0;
        while i < len {
            let b = self.bytes[i];
            if b == b'\n' {
                i = self.line_break(i);
                open_bracket = None;
                continue;
            }
            if b == b'(' || b == b'[' {
                open_bracket = Some(i);
            } else if b == b')' || b == b']' {
                open_bracket = None;
            }
            let term = terminal_len(self.bytes, i);
            if term == 0 {
                i += 1;
                continue;
            }
            let (after, kind, closes_bracket) = self.terminal_run(i);
            if closes_bracket {
                open_bracket = None;
            }
            let inside_bracket = open_bracket.is_some_and(|p| i - p < 200);
            if !inside_bracket && self.should_split(after, kind) {
                self.cut(after);
                open_bracket = None;
            }
            i = after.max(i + 1);
        }
        self.cut(len);
    }

    /// Handles a `\n` at `i`; returns where scanning resumes.
    fn line_break(&mut self, i: usize) -> usize {
        let len = self.bytes.len();
        let mut j = i + 1;
        while j < len && matches!(self.bytes[j], b' ' | b'\t' | b'\r') {
            j += 1;
        }
        if j >= len || self.bytes[j] == b'\n' {
            // Blank line: paragraph break.
            self.cut(i);
            return j;
        }
        let line = self.body.get(self.start..i).unwrap_or("");
        let prev = line.trim_end();
        if prev.trim_start().is_empty() {
            return i + 1;
        }
        let next_first = self.body.get(j..).and_then(|s| s.chars().next());
        let continues = next_first.is_some_and(char::is_lowercase)
            || prev.ends_with([',', ';', '-', '–', '—', '(', '&', '/'])
            || prev
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .is_some_and(|w| CONTINUATION_WORDS.contains(&w));
        if !continues {
            self.cut(i);
        }
        i + 1
    }

    /// Reads a run of terminal punctuation at `i` plus closing quotes and
    /// brackets; returns the end of the run, what precedes it, and whether
    /// the run closes a bracket.
    fn terminal_run(&self, i: usize) -> (usize, Option<WordKind>, bool) {
        let mut j = i;
        let mut periods = 0;
        let mut others = 0;
        let mut closers = 0;
        let mut closes_bracket = false;
        loop {
            let t = terminal_len(self.bytes, j);
            if t > 0 {
                if self.bytes[j] == b'.' {
                    periods += 1;
                } else {
                    others += 1;
                }
                j += t;
                continue;
            }
            let c = closer_len(self.bytes, j);
            if c > 0 {
                closers += 1;
                closes_bracket |= matches!(self.bytes[j], b')' | b']');
                j += c;
                continue;
            }
            break;
        }
        // Only a lone period directly after a word can be an abbreviation.
        let kind = if periods == 1 && others == 0 && closers == 0 {
            Some(self.word_kind(i))
        } else {
            None
        };
        (j, kind, closes_bracket)
    }

    /// Classifies the word that ends at the period at `dot`.
    fn word_kind(&self, dot: usize) -> WordKind {
        let mut s = dot;
        while s > self.start {
            let b = self.bytes[s - 1];
            if b.is_ascii_whitespace() || matches!(b, b'(' | b'[' | b'"' | b'\'' | b'/') {
                break;
            }
            s -= 1;
        }
        // `s` may sit inside a multi-byte char (e.g. after "“"); move forward.
        while s < dot && !self.body.is_char_boundary(s) {
            s += 1;
        }
        let word = self.body.get(s..dot).unwrap_or("");
        let word = word.trim_start_matches(['“', '‘', '«']);
        if word.is_empty() {
            return WordKind::Plain;
        }
        // "1." or "12." opening a line or sentence numbers a list item.
        if word.len() <= 2
            && word.bytes().all(|b| b.is_ascii_digit())
            && self
                .body
                .get(self.start..s)
                .is_some_and(|p| p.trim().is_empty())
        {
            return WordKind::Prefix;
        }
        let abbr = self.abbr;
        if abbr.prefix.contains(word) {
            return WordKind::Prefix;
        }
        if abbr.ambiguous.contains(word) || is_initialism(word) {
            return WordKind::Ambiguous;
        }
        WordKind::Plain
    }

    /// Decides whether the terminal run ending at `after` ends a sentence.
    fn should_split(&self, after: usize, kind: Option<WordKind>) -> bool {
        let len = self.bytes.len();
        if after >= len {
            return true;
        }
        // Terminal punctuation must be followed by white space ("3.5", "x.com").
        let Some(next) = self.body.get(after..).and_then(|s| s.chars().next()) else {
            return true;
        };
        if !next.is_whitespace() {
            return false;
        }
        // Skip inline space; a line break after a terminal ends the sentence.
        let mut j = after;
        while j < len {
            match self.bytes[j] {
                b' ' | b'\t' | b'\r' => j += 1,
                b'\n' => return true,
                0xC2 if self.bytes.get(j + 1) == Some(&0xA0) => j += 2,
                _ => break,
            }
        }
        let rest = self.body.get(j..).unwrap_or("");
        let mut opened = false;
        let mut word_start = rest.len();
        for (k, c) in rest.char_indices() {
            if matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[') {
                opened = true;
                continue;
            }
            word_start = k;
            break;
        }
        let word_rest = rest.get(word_start..).unwrap_or("");
        let Some(first) = word_rest.chars().next() else {
            return true;
        };
        if first.is_lowercase() {
            return false;
        }
        match kind {
            None | Some(WordKind::Plain) => true,
            Some(WordKind::Prefix) => false,
            Some(WordKind::Ambiguous) => {
                if opened && first.is_uppercase() {
                    return true;
                }
                let word_end = word_rest
                    .find(|c: char| !c.is_alphabetic())
                    .unwrap_or(word_rest.len());
                let word = word_rest.get(..word_end).unwrap_or("");
                SENTENCE_STARTERS.contains(&word)
            }
        }
    }

    /// Ends the current sentence at `end` (body offset), trimming white space.
    fn cut(&mut self, end: usize) {
        let Some(raw) = self.body.get(self.start..end) else {
            return;
        };
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            let s = self.base + self.start + lead;
            self.out.push(Span::new(s, s + trimmed.len()));
        }
        self.start = end;
    }
}

/// Length of a sentence-ending mark at `i`: `.`, `!`, `?` or `…`.
fn terminal_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'.' | b'!' | b'?') => 1,
        Some(0xE2) if bytes.get(i + 1..i + 3) == Some(&[0x80, 0xA6]) => 3,
        _ => 0,
    }
}

/// Length of a closing quote or bracket at `i` that stays with the sentence.
fn closer_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'"' | b'\'' | b')' | b']') => 1,
        // ” ’
        Some(0xE2) if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x9D | 0x99])) => 3,
        // »
        Some(0xC2) if bytes.get(i + 1) == Some(&0xBB) => 2,
        _ => 0,
    }
}

/// A single capital ("K") or a letter-dot chain ("U.S", "D.C", "U.A.E").
fn is_initialism(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_alphabetic() {
        return false;
    }
    let rest = chars.as_str();
    if rest.is_empty() {
        return first.is_uppercase();
    }
    // Alternating letter '.' letter '.' ... letter.
    let mut expect_dot = true;
    for c in rest.chars() {
        if expect_dot {
            if c != '.' {
                return false;
            }
        } else if !c.is_alphabetic() {
            return false;
        }
        expect_dot = !expect_dot;
    }
    !expect_dot || rest.ends_with(|c: char| c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences as strings, for readable assertions.
    fn split(text: &str) -> Vec<&str> {
        split_sentences(text, Span::new(0, text.len()))
            .into_iter()
            .map(|s| s.of(text))
            .collect()
    }

    /// Regression (bad-input suite): a 1 MB line without end punctuation
    /// was one sentence, and event finding, quadratic in its tokens, took
    /// minutes. Overlong sentences are now cut at white space.
    #[test]
    fn overlong_sentences_are_cut() {
        let unit = "Mali's government accused Burkina Faso of sending troops and ";
        let text = unit.repeat(20_000);
        let spans = split_sentences(&text, Span::new(0, text.len()));
        assert!(spans.len() > 1);
        let mut last = 0;
        for s in &spans {
            assert!(s.len() <= MAX_SENTENCE_BYTES && !s.is_empty(), "{s:?}");
            assert!(s.start >= last && text.is_char_boundary(s.start));
            assert!(text.is_char_boundary(s.end));
            let piece = s.of(&text);
            assert_eq!(piece, piece.trim(), "trimmed");
            last = s.end;
        }
        let covered: usize = spans
            .iter()
            .map(|s| s.of(&text).split_whitespace().count())
            .sum();
        assert_eq!(covered, text.split_whitespace().count(), "no word lost");
        // No white space at all, multi-byte chars: cut on char boundaries.
        let blob = "é".repeat(10_000);
        let spans = split_sentences(&blob, Span::new(0, blob.len()));
        assert!(spans
            .iter()
            .all(|s| s.len() <= MAX_SENTENCE_BYTES && blob.is_char_boundary(s.end)));
        assert_eq!(spans.iter().map(Span::len).sum::<usize>(), blob.len());
        // Ordinary sentences are untouched.
        assert_eq!(split("One. Two."), vec!["One.", "Two."]);
    }

    #[test]
    fn abbreviation_file_parses() {
        let parsed = Abbreviations::embedded();
        let abbr = parsed.expect("embedded abbreviation list must parse");
        assert!(abbr.prefix.contains("Gen"));
        assert!(abbr.ambiguous.contains("Jan"));
    }

    #[test]
    fn bad_abbreviation_lines_are_refused() {
        assert!(Abbreviations::parse("t", "Gen").is_err());
        assert!(Abbreviations::parse("t", "Gen.\tfoo").is_err());
        assert!(Abbreviations::parse("t", "Gen.\tprefix\tx").is_err());
    }

    #[test]
    fn initialisms() {
        assert!(is_initialism("K"));
        assert!(is_initialism("U.S"));
        assert!(is_initialism("U.A.E"));
        assert!(!is_initialism("k"));
        assert!(!is_initialism("US"));
        assert!(!is_initialism("U..S"));
    }

    #[test]
    fn within_is_respected_and_clamped() {
        let text = "Skip me. Take this. And this.";
        let spans = split_sentences(text, Span::new(9, text.len()));
        let got: Vec<&str> = spans.iter().map(|s| s.of(text)).collect();
        assert_eq!(got, ["Take this.", "And this."]);
        assert!(split_sentences(text, Span::new(50, 60)).is_empty());
        // A span cutting into a multi-byte char is moved onto a boundary.
        let t = "Él dijo. Ya.";
        let _ = split_sentences(t, Span::new(1, 100));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let cases = [
            "",
            ".",
            "...",
            "“",
            "”.",
            "a.\u{a0}B",
            "\n\n\n",
            "(((((.",
            "é.É",
            "U.",
            ". . .",
            "\u{2026}\u{2026}",
            "Mr.",
            "x.\r\nY",
            "«Да.» Нет.",
            "🙂. 🙂! 🙂? ",
        ];
        for c in cases {
            for s in split_sentences(c, Span::new(0, c.len())) {
                assert!(c.get(s.start..s.end).is_some(), "bad span in {c:?}");
                assert!(!s.is_empty());
            }
        }
    }

    /// Pseudo-random texts from a small alphabet rich in the characters the
    /// splitter cares about: no panic, and every span valid and trimmed.
    #[test]
    fn random_text_gives_valid_spans() {
        const PIECES: &[&str] = &[
            ".",
            "!",
            "?",
            "…",
            "\"",
            "”",
            "“",
            "(",
            ")",
            " ",
            "\n",
            "\n\n",
            "\r\n",
            "U.S",
            "Mr",
            "Jan",
            "K",
            "3",
            "é",
            "Москва",
            "🙂",
            "\u{a0}",
            "the",
            "The",
            "a.m",
            "'",
            "»",
            "«",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..2_000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            let within = Span::new(
                (seed % 7) as usize,
                text.len().saturating_sub((seed % 3) as usize),
            );
            let mut last_end = 0;
            for s in split_sentences(&text, within) {
                let got = text.get(s.start..s.end).expect("span on char boundaries");
                assert!(!got.is_empty() && got.trim() == got, "{text:?} -> {got:?}");
                assert!(s.start >= last_end, "overlap in {text:?}");
                last_end = s.end;
            }
        }
    }

    /// A long text splits in one pass, every sentence found. Its speed is
    /// measured by `sitrep bench`, not asserted here (a timed test fails on
    /// a busy machine, not on slow code).
    #[test]
    fn splits_a_long_text() {
        let para = "Gen. J. R. Smith arrived in the U.S. on Jan. 5 at 3 p.m. local time. \
                    “We will stay,” he said. The talks ended! Officials said 3.5 percent agreed. ";
        let text = para.repeat(5_000);
        let n = split_sentences(&text, Span::new(0, text.len())).len();
        assert_eq!(n, 20_000);
    }

    #[test]
    fn smoke() {
        assert_eq!(
            split("He met Mr. Smith. They talked."),
            ["He met Mr. Smith.", "They talked."]
        );
    }

    /// Runs every case in `test_data/sentences.txt`, reporting all failures.
    #[test]
    fn data_driven_cases() {
        let src = include_str!("../test_data/sentences.txt");
        let cases = parse_cases(src);
        assert!(cases.len() >= 40, "only {} cases", cases.len());
        let mut failures = Vec::new();
        for case in &cases {
            let got = split(&case.input);
            if got != case.expected {
                failures.push(format!(
                    "case {:?} (line {}):\n  expected {:#?}\n  got      {:#?}",
                    case.name, case.line, case.expected, got
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} cases failed:\n{}",
            failures.len(),
            cases.len(),
            failures.join("\n")
        );
    }

    struct Case {
        name: String,
        line: usize,
        input: String,
        expected: Vec<String>,
    }

    /// Format (see the header of `test_data/sentences.txt`): `=== name`
    /// opens a case, its input runs to a `---` line, then one expected
    /// sentence per line, where `\n` stands for a line break.
    fn parse_cases(src: &str) -> Vec<Case> {
        let mut cases: Vec<Case> = Vec::new();
        let mut in_expected = false;
        let mut input_lines: Vec<&str> = Vec::new();
        // Split on '\n' only, so a case can keep a '\r' (CRLF input).
        for (i, raw) in src.split('\n').enumerate() {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if let Some(name) = line.strip_prefix("=== ") {
                if let Some(last) = cases.last_mut() {
                    if !in_expected {
                        last.input = input_lines.join("\n");
                    }
                }
                cases.push(Case {
                    name: name.trim().to_string(),
                    line: i + 1,
                    input: String::new(),
                    expected: Vec::new(),
                });
                input_lines.clear();
                in_expected = false;
                continue;
            }
            let Some(case) = cases.last_mut() else {
                continue; // header comments
            };
            if !in_expected {
                if line == "---" {
                    case.input = input_lines.join("\n");
                    in_expected = true;
                } else {
                    input_lines.push(raw);
                }
            } else if !line.trim().is_empty() {
                case.expected.push(line.replace("\\n", "\n"));
            }
        }
        cases
    }
}
