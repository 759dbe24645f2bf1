//! Word tokens with byte spans: the unit every later stage works on.
//!
//! Rules chosen for news English: hyphenated words stay whole
//! ("Kassym-Jomart", "anti-terrorist"); dotted abbreviations made of single
//! letters stay whole with their last dot ("U.S.", "U.N."); a possessive
//! "'s"/"’s" and a negative "n't" become tokens of their own; any other
//! character that is not a letter or digit is a one-character token.

use crate::document::Span;

/// One token: its byte span in the document and its lower-cased text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub lower: String,
    /// First character is upper-case.
    pub capitalised: bool,
    /// A letter/digit word (not punctuation).
    pub is_word: bool,
    /// The part after the first hyphen starts upper-case ("al-Sisi").
    pub capitalised_tail: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Tokenises `text[within]`.
pub fn tokenize(text: &str, within: Span) -> Vec<Token> {
    let mut out = Vec::new();
    let Some(slice) = text.get(within.start..within.end) else {
        return out;
    };
    let base = within.start;
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let end_of = |i: usize| -> usize { chars.get(i).map(|&(b, _)| b).unwrap_or(slice.len()) };
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if (c == 'n' || c == 'N') && is_negation_at(&chars, i + 1) {
            push(&mut out, slice, base, start, end_of(i + 3));
            i += 3;
            continue;
        }
        if is_word_char(c) {
            let mut j = i + 1;
            loop {
                match chars.get(j) {
                    Some(&(_, d)) if is_word_char(d) => j += 1,
                    // Inner hyphen or dot between word characters: "anti-terror", "3.5".
                    Some(&(_, d))
                        if (d == '-' || d == '‑' || (d == '.' && c.is_ascii_digit()))
                            && chars.get(j + 1).is_some_and(|&(_, e)| is_word_char(e)) =>
                    {
                        j += 2
                    }
                    // Inner apostrophe: "O'Leary", but not "'s" or "n't".
                    Some(&(_, d))
                        if is_apostrophe(d)
                            && chars.get(j + 1).is_some_and(|&(_, e)| e.is_alphabetic())
                            && !is_possessive_at(&chars, j)
                            && !is_negation_at(&chars, j) =>
                    {
                        j += 2
                    }
                    _ => break,
                }
            }
            // "didn't": keep "n't" apart.
            let mut word_end = j;
            if is_negation_at(&chars, j) && j > i + 1 {
                if let Some(&(_, 'n' | 'N')) = chars.get(j - 1) {
                    word_end = j - 1;
                }
            }
            // Dotted single-letter abbreviations: U.S., U.N., U.K.
            if word_end == i + 1
                && c.is_alphabetic()
                && chars.get(j).is_some_and(|&(_, d)| d == '.')
            {
                let mut k = j;
                let mut letters = 1;
                while chars.get(k).is_some_and(|&(_, d)| d == '.')
                    && chars.get(k + 1).is_some_and(|&(_, d)| d.is_alphabetic())
                    && !chars.get(k + 2).is_some_and(|&(_, d)| is_word_char(d))
                {
                    k += 2;
                    letters += 1;
                }
                if letters >= 2 && chars.get(k).is_some_and(|&(_, d)| d == '.') {
                    push(&mut out, slice, base, start, end_of(k + 1));
                    i = k + 1;
                    continue;
                }
            }
            push(&mut out, slice, base, start, end_of(word_end));
            i = word_end;
            continue;
        }
        if is_apostrophe(c) && is_possessive_at(&chars, i) {
            push(&mut out, slice, base, start, end_of(i + 2));
            i += 2;
            continue;
        }
        push(&mut out, slice, base, start, end_of(i + 1));
        i += 1;
    }
    out
}

/// `'s` / `’s` at `j`, not followed by a letter.
fn is_possessive_at(chars: &[(usize, char)], j: usize) -> bool {
    chars.get(j).is_some_and(|&(_, c)| is_apostrophe(c))
        && chars.get(j + 1).is_some_and(|&(_, c)| c == 's' || c == 'S')
        && !chars.get(j + 2).is_some_and(|&(_, c)| c.is_alphanumeric())
}

/// `'t` at `j` preceded by `n` ("didn't").
fn is_negation_at(chars: &[(usize, char)], j: usize) -> bool {
    j > 0
        && chars.get(j - 1).is_some_and(|&(_, c)| c == 'n' || c == 'N')
        && chars.get(j).is_some_and(|&(_, c)| is_apostrophe(c))
        && chars.get(j + 1).is_some_and(|&(_, c)| c == 't' || c == 'T')
        && !chars.get(j + 2).is_some_and(|&(_, c)| c.is_alphanumeric())
}

fn push(out: &mut Vec<Token>, slice: &str, base: usize, start: usize, end: usize) {
    let Some(s) = slice.get(start..end) else {
        return;
    };
    let first = s.chars().next().unwrap_or(' ');
    let lower = if s.contains('’') {
        s.replace('’', "'").to_lowercase()
    } else {
        s.to_lowercase()
    };
    out.push(Token {
        span: Span::new(base + start, base + end),
        lower,
        capitalised: first.is_uppercase(),
        is_word: first.is_alphanumeric(),
        capitalised_tail: s
            .split_once('-')
            .and_then(|(_, tail)| tail.chars().next())
            .is_some_and(char::is_uppercase),
    });
}

/// Tokenises a dictionary phrase (lower-case tokens), as text would be.
pub fn phrase_tokens(phrase: &str) -> Vec<String> {
    if let Some(words) = plain_words(phrase) {
        return words.map(str::to_ascii_lowercase).collect();
    }
    tokenize(phrase, Span::new(0, phrase.len()))
        .into_iter()
        .map(|t| t.lower)
        .collect()
}

/// Whether each token of a dictionary phrase starts with a capital
/// ([`Token::capitalised`]), as text would be tokenised.
pub fn phrase_capitals(phrase: &str) -> Vec<bool> {
    if let Some(words) = plain_words(phrase) {
        return words
            .map(|w| w.as_bytes().first().is_some_and(u8::is_ascii_uppercase))
            .collect();
    }
    tokenize(phrase, Span::new(0, phrase.len()))
        .iter()
        .map(|t| t.capitalised)
        .collect()
}

/// The words of a phrase made of ASCII letters, digits and spaces only,
/// which are exactly its tokens: the dictionaries' tens of thousands of
/// phrases are mostly such, and [`tokenize`] (a vector of characters and a
/// lower-cased string per token) was a third of loading them.
fn plain_words(phrase: &str) -> Option<impl Iterator<Item = &str>> {
    phrase
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b' ')
        .then(|| phrase.split(' ').filter(|w| !w.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain-phrase path gives what the tokenizer gives, on every
    /// field of every built-in data file read as text, and on edge cases.
    #[test]
    fn plain_phrases_tokenise_as_text() {
        let mut phrases = vec![
            "",
            " ",
            "  two  spaces ",
            "Al Qaeda",
            "a1 B2 3c",
            "U.S. Army",
            "didn't",
            "anti-war",
            "O'Brien",
            "caf\u{e9}",
            "tab\there",
            "CAPS ONLY",
        ];
        let files: Vec<&str> = crate::lexicon::DATA_FILES
            .iter()
            .filter_map(|e| e.embedded.text())
            .collect();
        for text in &files {
            for line in text.lines() {
                phrases.extend(line.split(['\t', '|', ',']));
            }
        }
        for p in phrases {
            let tokens = tokenize(p, Span::new(0, p.len()));
            let lower: Vec<String> = tokens.iter().map(|t| t.lower.clone()).collect();
            let caps: Vec<bool> = tokens.iter().map(|t| t.capitalised).collect();
            assert_eq!(phrase_tokens(p), lower, "{p:?}");
            assert_eq!(phrase_capitals(p), caps, "{p:?}");
        }
    }

    fn words(s: &str) -> Vec<String> {
        tokenize(s, Span::new(0, s.len()))
            .into_iter()
            .map(|t| t.span.of(s).to_string())
            .collect()
    }

    #[test]
    fn news_tokens() {
        assert_eq!(
            words("Kazakhstan’s President Kassym-Jomart Tokayev didn't go to the U.S. on Jan. 4."),
            vec![
                "Kazakhstan",
                "’s",
                "President",
                "Kassym-Jomart",
                "Tokayev",
                "did",
                "n't",
                "go",
                "to",
                "the",
                "U.S.",
                "on",
                "Jan",
                ".",
                "4",
                "."
            ]
        );
        assert_eq!(
            words("O'Leary paid 3.5 bn"),
            vec!["O'Leary", "paid", "3.5", "bn"]
        );
        assert_eq!(
            words("the 27 leaders' summit"),
            vec!["the", "27", "leaders", "'", "summit"]
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in ["", "'", "n't", "’s", "U.", "a.b.", "🙂🙂", "n’", "-", "x-"] {
            let _ = words(s);
        }
    }
}
