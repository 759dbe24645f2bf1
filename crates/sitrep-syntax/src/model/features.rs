//! The token features the embedding tables see, computed as spaCy computes
//! them: the attribute strings (NORM, PREFIX, SUFFIX, SHAPE) and flags
//! (SPACY, IS_SPACE), spaCy's string ids (MurmurHash64A, seed 1, with the
//! reserved symbols) and thinc's HashEmbed row hashing (its MurmurHash3
//! x86-128 variant over one `u64`).

use std::collections::HashMap;

use crate::container::Reader;
use crate::{SyntaxError, Token};

/// The attribute columns of an embedding tower, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribute {
    Norm,
    Prefix,
    Suffix,
    Shape,
    /// Whitespace follows the token (spaCy's `SPACY`).
    Spacy,
    IsSpace,
}

impl Attribute {
    pub fn parse(name: &str) -> Option<Attribute> {
        Some(match name {
            "NORM" => Attribute::Norm,
            "PREFIX" => Attribute::Prefix,
            "SUFFIX" => Attribute::Suffix,
            "SHAPE" => Attribute::Shape,
            "SPACY" => Attribute::Spacy,
            "IS_SPACE" => Attribute::IsSpace,
            _ => return None,
        })
    }
}

/// The values of every attribute of one token (string ids or 0/1 flags).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct TokenFeatures {
    pub norm: u64,
    pub prefix: u64,
    pub suffix: u64,
    pub shape: u64,
    pub spacy: u64,
    pub is_space: u64,
}

impl TokenFeatures {
    pub fn get(&self, attribute: Attribute) -> u64 {
        match attribute {
            Attribute::Norm => self.norm,
            Attribute::Prefix => self.prefix,
            Attribute::Suffix => self.suffix,
            Attribute::Shape => self.shape,
            Attribute::Spacy => self.spacy,
            Attribute::IsSpace => self.is_space,
        }
    }
}

/// spaCy's string ids and the `lexeme_norm` table (section `model.strings`).
#[derive(Debug, Clone, Default)]
pub struct Strings {
    /// Reserved symbols: strings whose id is a small integer, not their hash.
    symbols: HashMap<String, u64>,
    /// string id of a token text → its NORM (the model's table).
    lexeme_norm: HashMap<u64, String>,
    /// token text → its NORM (spaCy's `BASE_NORMS`: quotes, dashes,
    /// currency signs), consulted after the table.
    base_norms: HashMap<String, String>,
}

impl Strings {
    /// Layout: `u32` symbol count, per symbol (string, `u64` id); `u32` norm
    /// count, per norm (`u64` string id of the text, string NORM); `u32`
    /// base norm count, per base norm (string text, string NORM).
    pub fn read(r: &mut Reader<'_>) -> Result<Strings, SyntaxError> {
        let n = r.u32()? as usize;
        let mut symbols = HashMap::with_capacity(n.min(4096));
        for _ in 0..n {
            let s = r.string()?.to_string();
            let id = r.u64()?;
            symbols.insert(s, id);
        }
        let n = r.u32()? as usize;
        let mut lexeme_norm = HashMap::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            let key = r.u64()?;
            lexeme_norm.insert(key, r.string()?.to_string());
        }
        let n = r.u32()? as usize;
        let mut base_norms = HashMap::with_capacity(n.min(4096));
        for _ in 0..n {
            let text = r.string()?.to_string();
            base_norms.insert(text, r.string()?.to_string());
        }
        Ok(Strings {
            symbols,
            lexeme_norm,
            base_norms,
        })
    }

    /// spaCy's id of a string: 0 for "", the symbol id for reserved
    /// symbols, else MurmurHash64A (seed 1) of the UTF-8 bytes.
    pub fn id(&self, s: &str) -> u64 {
        if s.is_empty() {
            0
        } else if let Some(&id) = self.symbols.get(s) {
            id
        } else {
            murmurhash64a(s.as_bytes(), 1)
        }
    }

    /// NORM of a token text without a tokenizer exception: the
    /// `lexeme_norm` table, else spaCy's base norms, else lower case.
    pub fn lexeme_norm(&self, text: &str) -> String {
        match self
            .lexeme_norm
            .get(&self.id(text))
            .or_else(|| self.base_norms.get(text))
        {
            Some(norm) => norm.clone(),
            None => text.to_lowercase(),
        }
    }

    /// The features of every token of `text`.
    pub fn token_features(&self, text: &str, tokens: &[Token]) -> Vec<TokenFeatures> {
        tokens
            .iter()
            .map(|t| {
                let word = text.get(t.start..t.end).unwrap_or("");
                let norm_id = match &t.norm {
                    Some(norm) => self.id(norm),
                    None => self.id(&self.lexeme_norm(word)),
                };
                TokenFeatures {
                    norm: norm_id,
                    prefix: self.id(prefix(word)),
                    suffix: self.id(suffix(word)),
                    shape: self.id(&word_shape(word)),
                    spacy: u64::from(t.space_after),
                    is_space: u64::from(is_space(word)),
                }
            })
            .collect()
    }
}

/// First character (spaCy's PREFIX).
pub fn prefix(word: &str) -> &str {
    match word.char_indices().nth(1) {
        Some((i, _)) => &word[..i],
        None => word,
    }
}

/// Last three characters (spaCy's SUFFIX).
pub fn suffix(word: &str) -> &str {
    match word.char_indices().rev().nth(2) {
        Some((i, _)) => &word[i..],
        None => word,
    }
}

/// Python's `str.isspace()` on the whole token (false when empty); Python
/// also counts the information separators U+001C..U+001F as space.
pub fn is_space(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

/// Python's `isdigit`: decimal and other digits, but not fractions, which
/// Rust's `is_numeric` also accepts.
fn is_digit(c: char) -> bool {
    c.is_numeric() && !matches!(c, '\u{bc}'..='\u{be}' | '\u{2150}'..='\u{215f}' | '\u{2189}')
}

/// spaCy's word shape: letters to X/x, digits to d, other characters kept,
/// runs of one shape character capped at four; "LONG" from 100 characters.
pub fn word_shape(word: &str) -> String {
    if word.chars().count() >= 100 {
        return "LONG".to_string();
    }
    let mut shape = String::with_capacity(word.len());
    let mut last: Option<char> = None;
    let mut run = 0;
    for c in word.chars() {
        let shape_char = if c.is_alphabetic() {
            if c.is_uppercase() {
                'X'
            } else {
                'x'
            }
        } else if is_digit(c) {
            'd'
        } else {
            c
        };
        if Some(shape_char) == last {
            run += 1;
        } else {
            run = 0;
            last = Some(shape_char);
        }
        if run < 4 {
            shape.push(shape_char);
        }
    }
    shape
}

/// MurmurHash64A (Austin Appleby's 64-bit hash for 64-bit platforms), as
/// the `murmurhash` package's `hash64` that spaCy's string store uses.
pub fn murmurhash64a(data: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mut h = seed ^ (data.len() as u64).wrapping_mul(M);
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let mut k = chunk
            .iter()
            .rev()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (i, &b) in tail.iter().enumerate() {
            h ^= u64::from(b) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// thinc's `ops.hash` for one id: its MurmurHash3 x86-128 variant over the
/// 8 bytes of a `u64`, giving four `u32` (the HashEmbed row keys).
pub fn thinc_hash(value: u64, seed: u32) -> [u32; 4] {
    let seed = u64::from(seed);
    let mut h1 = value.wrapping_mul(0x87c3_7b91_1142_53d5);
    h1 = h1.rotate_left(31);
    h1 = h1.wrapping_mul(0x4cf5_ad43_2745_937f);
    h1 ^= seed;
    h1 ^= 8;
    let mut h2 = seed ^ 8;
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    [h1 as u32, (h1 >> 32) as u32, h2 as u32, (h2 >> 32) as u32]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_ids_match_spacy() {
        // Values printed by spaCy 3.8 (`nlp.vocab.strings[...]`).
        let strings = Strings::default();
        assert_eq!(strings.id("the"), 7425985699627899538);
        assert_eq!(strings.id("of"), 886050111519832510);
        assert_eq!(strings.id("."), 12646065887601541794);
        assert_eq!(strings.id("ber"), 8529155809759507800);
        assert_eq!(strings.id("n"), 13210364986222294696);
        assert_eq!(strings.id(""), 0);
    }

    #[test]
    fn shapes_prefixes_and_suffixes() {
        assert_eq!(word_shape("The"), "Xxx");
        assert_eq!(word_shape("people"), "xxxx");
        assert_eq!(word_shape("6,500"), "d,ddd");
        assert_eq!(word_shape("U.S."), "X.X.");
        assert_eq!(prefix("Été"), "É");
        assert_eq!(suffix("people"), "ple");
        assert_eq!(suffix("of"), "of");
        assert!(is_space("  \n") && !is_space("") && !is_space(" a"));
    }
}
