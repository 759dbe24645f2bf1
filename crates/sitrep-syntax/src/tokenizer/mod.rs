//! spaCy's English tokenizer (`spacy/tokenizer.pyx` with the rules of
//! `en_core_web_sm` 3.8), reproduced on byte offsets.
//!
//! The algorithm, as spaCy runs it:
//! 1. Split the text into runs of whitespace and of non-whitespace (Python's
//!    `str.isspace`). A single space after a token becomes its
//!    `space_after`; any other whitespace run is a token of its own.
//! 2. A run that is a special case is replaced by its pieces. Otherwise
//!    prefixes and suffixes are split off in a loop that stops at a special
//!    case, and what remains is a special case, a URL, or is cut at infixes.
//! 3. Special cases whose text contains affixes ("a.m.)" style pieces)
//!    cannot be seen by step 2; spaCy finds them again with a phrase matcher
//!    over the tokens and merges them. [`Tokenizer::apply_special_matches`]
//!    does the same, longest match first.
//!
//! spaCy's cache only memoizes step 2 per run and does not change results.
//!
//! Model file sections (written by `scripts/syntax/tokenizer_data.py`;
//! integers little endian, a string is a u32 byte length + UTF-8):
//! - `tokenizer.special_cases`: u32 count; per special case, sorted by
//!   chunk: string chunk, u8 piece count, per piece: string ORTH, u8 has
//!   NORM (0/1), string NORM (empty when absent).
//! - `tokenizer.affixes`: three pattern blocks, prefix then suffix then
//!   infix. A block: u32 alternative count; per alternative, in Python's
//!   order: u8 look-behind width in characters (0: none), string
//!   look-behind pattern, u32 core count + core patterns (the core's own
//!   alternatives, split apart only when a look-ahead follows, so that
//!   Python's backtracking into them can be repeated), u8 look-ahead kind
//!   (0 none, 1 positive, 2 negative), string look-ahead pattern. Patterns
//!   are Rust `regex` syntax without anchors; Python's `\w \d \s` are
//!   written out as explicit code point ranges.
//! - `tokenizer.url`: u32 present (0/1); string head (scheme and user
//!   part); u32 host alternative count, per alternative: u32 count + strings
//!   of excluded starts (Python's negative look-aheads), string body;
//!   string tail (port and path).

mod patterns;
mod special;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::container::{ModelFile, Reader};
use crate::{SyntaxError, Token};
use patterns::{AffixPatterns, Placement, UrlMatcher};
use special::{Piece, SpecialCases};

/// Token texts of special cases, grouped by their first token's text.
type SpecialPatterns = HashMap<Box<str>, Vec<Box<[Box<str>]>>>;

/// The tokenizer: spaCy's rules for English, loaded from the model file.
#[derive(Debug, Clone)]
pub struct Tokenizer {
    specials: SpecialCases,
    prefixes: AffixPatterns,
    suffixes: AffixPatterns,
    infixes: AffixPatterns,
    url: Option<UrlMatcher>,
    /// Special cases the run-level lookup cannot see, found again over the
    /// tokens: derived from the special cases and affixes (every special
    /// case tokenised), so made on the first text tokenised, not at load.
    matcher: OnceLock<SpecialMatcher>,
}

/// Special cases the run-level lookup cannot see (their text has affixes):
/// their tokens without special cases, by first token.
#[derive(Debug, Clone)]
struct SpecialMatcher {
    patterns: SpecialPatterns,
    /// First bytes and longest length of the first tokens: most tokens are
    /// ruled out without hashing them.
    first_bytes: [bool; 256],
    first_max_len: usize,
}

impl SpecialMatcher {
    fn new(patterns: SpecialPatterns) -> SpecialMatcher {
        let mut first_bytes = [false; 256];
        let mut first_max_len = 0;
        for first in patterns.keys() {
            if let Some(&b) = first.as_bytes().first() {
                first_bytes[usize::from(b)] = true;
            }
            first_max_len = first_max_len.max(first.len());
        }
        SpecialMatcher {
            patterns,
            first_bytes,
            first_max_len,
        }
    }
}

/// Whether spaCy treats `c` as whitespace: Python's `str.isspace`, which
/// also counts U+001C..U+001F (unlike Rust's `char::is_whitespace`).
pub fn is_python_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{1c}'..='\u{20}'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

fn token(start: usize, end: usize) -> Token {
    Token {
        start,
        end,
        space_after: false,
        norm: None,
    }
}

impl Tokenizer {
    pub fn from_model(model: &ModelFile<'_>) -> Result<Tokenizer, SyntaxError> {
        let name = "tokenizer.special_cases";
        let mut r = Reader::new(name, model.section(name)?);
        let specials = SpecialCases::read(&mut r)?;
        expect_end(&r)?;
        let name = "tokenizer.affixes";
        let mut r = Reader::new(name, model.section(name)?);
        let prefixes = AffixPatterns::read(&mut r, Placement::Prefix)?;
        let suffixes = AffixPatterns::read(&mut r, Placement::Suffix)?;
        let infixes = AffixPatterns::read(&mut r, Placement::Infix)?;
        expect_end(&r)?;
        let name = "tokenizer.url";
        let mut r = Reader::new(name, model.section(name)?);
        let url = UrlMatcher::read(&mut r)?;
        expect_end(&r)?;
        Ok(Tokenizer {
            specials,
            prefixes,
            suffixes,
            infixes,
            url,
            matcher: OnceLock::new(),
        })
    }

    /// Tokens of `text` with byte offsets, in order; whitespace other than a
    /// single space after a token is kept as tokens, as spaCy does.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
        self.tokenize_affixes(text, true, &mut tokens);
        self.apply_special_matches(text, &mut tokens);
        tokens
    }

    /// spaCy adds a special case to its phrase matcher when the chunk has a
    /// prefix, suffix or infix, or a space (`faster_heuristics`); the
    /// pattern is the chunk tokenized without special cases.
    fn special_matcher(&self) -> SpecialPatterns {
        let mut chunks: Vec<&str> = self.specials.chunks().collect();
        chunks.sort_unstable();
        let mut matcher: SpecialPatterns = HashMap::new();
        let mut infixes = Vec::new();
        for chunk in chunks {
            self.infixes.infixes(chunk, &mut infixes);
            let has_affix = self.prefixes.prefix_len(chunk) != 0
                || !infixes.is_empty()
                || self.suffixes.suffix_len(chunk) != 0
                || chunk.contains(' ');
            if !has_affix {
                continue;
            }
            let mut tokens = Vec::new();
            self.tokenize_affixes(chunk, false, &mut tokens);
            let texts: Box<[Box<str>]> = tokens
                .iter()
                .map(|t| Box::from(&chunk[t.start..t.end]))
                .collect();
            if let Some(first) = texts.first() {
                matcher.entry(first.clone()).or_default().push(texts);
            }
        }
        matcher
    }

    /// Steps 1 and 2 of the module documentation.
    fn tokenize_affixes(&self, text: &str, with_specials: bool, out: &mut Vec<Token>) {
        let Some(first) = text.chars().next() else {
            return;
        };
        let mut in_space = is_python_space(first);
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if is_python_space(c) == in_space {
                continue;
            }
            if start < i {
                self.tokenize_run(text, start, i, with_specials, out);
            }
            if c == ' ' {
                if let Some(last) = out.last_mut() {
                    last.space_after = true;
                }
                start = i + 1;
            } else {
                start = i;
            }
            in_space = !in_space;
        }
        if start < text.len() {
            self.tokenize_run(text, start, text.len(), with_specials, out);
            if let Some(last) = out.last_mut() {
                last.space_after = false;
            }
        }
    }

    fn special(&self, s: &str, with_specials: bool) -> Option<&[Piece]> {
        if with_specials {
            self.specials.get(s)
        } else {
            None
        }
    }

    fn push_special(pieces: &[Piece], start: usize, out: &mut Vec<Token>) {
        let mut at = start;
        for piece in pieces {
            out.push(Token {
                start: at,
                end: at + piece.len,
                space_after: false,
                norm: piece.norm.clone(),
            });
            at += piece.len;
        }
    }

    /// One whitespace-delimited run `text[start..end]` (spaCy's
    /// `_split_affixes` and `_attach_tokens`).
    fn tokenize_run(
        &self,
        text: &str,
        start: usize,
        end: usize,
        with_specials: bool,
        out: &mut Vec<Token>,
    ) {
        if let Some(pieces) = self.special(&text[start..end], with_specials) {
            Self::push_special(pieces, start, out);
            return;
        }
        let (mut lo, mut hi) = (start, end);
        let mut suffixes: Vec<(usize, usize)> = Vec::new();
        let mut last_len = usize::MAX;
        while lo < hi && hi - lo != last_len {
            let s = &text[lo..hi];
            if self.special(s, with_specials).is_some() {
                break;
            }
            last_len = s.len();
            let pre_len = self.prefixes.prefix_len(s);
            if pre_len != 0
                && pre_len < s.len()
                && self.special(&s[pre_len..], with_specials).is_some()
            {
                out.push(token(lo, lo + pre_len));
                lo += pre_len;
                break;
            }
            let suf_len = self.suffixes.suffix_len(&s[pre_len..]);
            if suf_len != 0
                && suf_len < s.len()
                && self
                    .special(&s[..s.len() - suf_len], with_specials)
                    .is_some()
            {
                suffixes.push((hi - suf_len, hi));
                hi -= suf_len;
                break;
            }
            if pre_len != 0 {
                out.push(token(lo, lo + pre_len));
                lo += pre_len;
            }
            if suf_len != 0 {
                suffixes.push((hi - suf_len, hi));
                hi -= suf_len;
            }
        }
        if lo < hi {
            self.attach_middle(text, lo, hi, with_specials, out);
        }
        out.extend(suffixes.iter().rev().map(|&(s, e)| token(s, e)));
    }

    /// What is left between the affixes: a special case, a URL, or pieces
    /// cut at infixes.
    fn attach_middle(
        &self,
        text: &str,
        lo: usize,
        hi: usize,
        with_specials: bool,
        out: &mut Vec<Token>,
    ) {
        let s = &text[lo..hi];
        if let Some(pieces) = self.special(s, with_specials) {
            Self::push_special(pieces, lo, out);
            return;
        }
        if self.url.as_ref().is_some_and(|url| url.matches(s)) {
            out.push(token(lo, hi));
            return;
        }
        let mut infixes = Vec::new();
        self.infixes.infixes(s, &mut infixes);
        let mut start = 0;
        for &(infix_start, infix_end) in &infixes {
            // spaCy skips an infix at the very start: it stays with what follows.
            if infix_start == 0 {
                continue;
            }
            if infix_start != start {
                out.push(token(lo + start, lo + infix_start));
            }
            if infix_start != infix_end {
                out.push(token(lo + infix_start, lo + infix_end));
            }
            start = infix_end;
        }
        if start < s.len() {
            out.push(token(lo + start, hi));
        }
    }

    /// Step 3: special cases found again over the tokens. Like spaCy, longer
    /// matches first (earlier first among equal lengths); a match is taken
    /// when neither its first nor its last token was covered by a match
    /// looked at before, taken or not.
    fn apply_special_matches(&self, text: &str, tokens: &mut Vec<Token>) {
        let matcher = self
            .matcher
            .get_or_init(|| SpecialMatcher::new(self.special_matcher()));
        if matcher.patterns.is_empty() {
            return;
        }
        let token_text = |t: &Token| &text[t.start..t.end];
        let mut matches: Vec<(usize, usize)> = Vec::new();
        for (i, first) in tokens.iter().enumerate() {
            let first = token_text(first);
            let may_start = first.len() <= matcher.first_max_len
                && first
                    .as_bytes()
                    .first()
                    .is_some_and(|&b| matcher.first_bytes[usize::from(b)]);
            if !may_start {
                continue;
            }
            let Some(patterns) = matcher.patterns.get(first) else {
                continue;
            };
            for pattern in patterns {
                let Some(window) = tokens.get(i..i + pattern.len()) else {
                    continue;
                };
                if pattern
                    .iter()
                    .zip(window)
                    .all(|(p, t)| **p == *token_text(t))
                {
                    matches.push((i, i + pattern.len()));
                }
            }
        }
        if matches.is_empty() {
            return;
        }
        matches.sort_unstable_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
        let mut seen = vec![false; tokens.len()];
        let mut taken = Vec::new();
        for &(start, end) in &matches {
            if !seen[start] && !seen[end - 1] {
                taken.push((start, end));
            }
            seen[start..end].iter_mut().for_each(|s| *s = true);
        }
        taken.sort_unstable();
        let old = std::mem::take(tokens);
        tokens.reserve(old.len());
        let mut next = 0;
        for (start, end) in taken {
            tokens.extend_from_slice(&old[next..start]);
            let span = &text[old[start].start..old[end - 1].end];
            match self.specials.get(span) {
                Some(pieces) => {
                    Self::push_special(pieces, old[start].start, tokens);
                    if let Some(last) = tokens.last_mut() {
                        last.space_after = old[end - 1].space_after;
                    }
                }
                None => tokens.extend_from_slice(&old[start..end]),
            }
            next = end;
        }
        tokens.extend_from_slice(&old[next..]);
    }
}

fn expect_end(r: &Reader<'_>) -> Result<(), SyntaxError> {
    if r.is_empty() {
        Ok(())
    } else {
        Err(r.error("trailing bytes"))
    }
}

#[cfg(test)]
mod tests;
