//! POS, morphology and lemmas, as spaCy's `attribute_ruler` and rule
//! `lemmatizer` give them after the tagger and the parser.
//!
//! The attribute ruler ([`ruler`]) matches token patterns (on the tag, the
//! lower-cased text, the dependency label, whether the token is whitespace)
//! against the analysis the model gave, and sets POS, morphology, lemma and
//! sometimes the tag and the label: all matches are found first, then applied
//! rule by rule, a later rule overriding an earlier one. The lemmatizer
//! ([`lemmatizer`]) then gives a lemma to every token the ruler left without
//! one, from suffix rules, a word index and exceptions per POS.
//!
//! # Sections of the model file (written by `scripts/syntax/lexical_data.py`)
//!
//! Integers little endian; `str` = `u32` byte length + UTF-8 (container's
//! `Reader::string`).
//!
//! `lexical.attribute_ruler`: `u32` rule count, then per rule, in the
//! model's order (the order is the precedence):
//! - `u8` target: which token of a matched span receives the attributes;
//! - `u32` pattern count, per pattern `u32` token count, per token `u32`
//!   constraint count, per constraint: `str` attribute (`TAG`, `LOWER`,
//!   `ORTH`, `TEXT`, `DEP`, `IS_SPACE`), `str` predicate (`==`, `IN`,
//!   `NOT_IN`, `REGEX`), `u32` value count, `str` values (`IS_SPACE`
//!   compares with `true`/`false`; a missing label is the empty string);
//! - `u32` assignment count, per assignment `str` attribute (`POS`, `MORPH`,
//!   `LEMMA`, `TAG`, `DEP`) and `str` value (MORPH already normalized the way
//!   spaCy prints it, empty for none).
//!
//! `lexical.lemmatizer`: `str` mode (`rule`), `u32` table count, per table
//! (sorted by POS): `str` lower-case POS (`noun`), `u32` rule count and
//! `(str old suffix, str new suffix)` pairs in the model's order, `u32` index
//! count and the index words (sorted by bytes, no repeats), `u32` exception
//! count and per exception `str` form (sorted, no repeats), `u32` lemma
//! count, `str` lemmas.
//!
//! `lexical.isalpha`: `str` Unicode version, `u32` range count, `(u32
//! first, u32 last)` code point ranges, sorted and disjoint, where Python's
//! `str.isalpha` holds (the lemmatizer tests it; Rust's `is_alphabetic` is a
//! different property).

mod lemmatizer;
mod ruler;
mod unicode;

use crate::container::ModelFile;
use crate::{Dep, LexicalAnalysis, Pos, SyntaxError, Tag, Token};
use lemmatizer::Lemmatizer;
use ruler::{AttributeRuler, TokenView};

/// The attribute ruler and the lemmatizer, loaded from the model file.
#[derive(Debug, Clone)]
pub struct Lexical {
    ruler: AttributeRuler,
    lemmatizer: Lemmatizer,
}

impl Lexical {
    /// Reads and validates the `lexical.*` sections.
    pub fn from_model(model: &ModelFile<'_>) -> Result<Lexical, SyntaxError> {
        let alpha =
            unicode::AlphaRanges::read("lexical.isalpha", model.section("lexical.isalpha")?)?;
        let ruler = AttributeRuler::read(
            "lexical.attribute_ruler",
            model.section("lexical.attribute_ruler")?,
        )?;
        let lemmatizer = Lemmatizer::read(
            "lexical.lemmatizer",
            model.section("lexical.lemmatizer")?,
            alpha,
        )?;
        Ok(Lexical { ruler, lemmatizer })
    }

    /// POS, morphology and lemma of each token, and its tag and label after
    /// the ruler. `tags` has one tag per token; `deps` one label per token,
    /// or is empty when the text was not parsed (patterns on the label then
    /// see none, as in spaCy). A token beyond the end of `tags` counts as
    /// untagged (only a caller's mistake can cause that; it does not panic).
    pub fn annotate(
        &self,
        text: &str,
        tokens: &[Token],
        tags: &[Tag],
        deps: &[Dep],
    ) -> Vec<LexicalAnalysis> {
        let mut out = Vec::with_capacity(tokens.len());
        self.annotate_each(text, tokens, tags, deps, |_, a| {
            out.push(LexicalAnalysis {
                tag: a.tag,
                dep: a.dep,
                pos: a.pos,
                morph: a.morph.to_string(),
                lemma: a.lemma.to_string(),
            });
        });
        out
    }

    /// The same, handed to `each` token by token in order (index, analysis)
    /// and computed a window of tokens at a time, so that a long document's
    /// working memory (a view and the ruler's assignments per token) stays
    /// bounded. Patterns are of fixed length, so the matches that reach a
    /// window's tokens are found from the window and the longest pattern's
    /// length of tokens either side: the result is the whole text's.
    pub fn annotate_each(
        &self,
        text: &str,
        tokens: &[Token],
        tags: &[Tag],
        deps: &[Dep],
        each: impl FnMut(usize, Lexeme<'_>),
    ) {
        self.annotate_windows(WINDOW_TOKENS, text, tokens, tags, deps, each);
    }

    /// [`Self::annotate_each`] with windows of `window` tokens.
    pub(crate) fn annotate_windows(
        &self,
        window: usize,
        text: &str,
        tokens: &[Token],
        tags: &[Tag],
        deps: &[Dep],
        mut each: impl FnMut(usize, Lexeme<'_>),
    ) {
        let reach = self.ruler.longest_pattern();
        let mut start = 0;
        while start < tokens.len() {
            let end = start.saturating_add(window.max(1)).min(tokens.len());
            let lo = start.saturating_sub(reach);
            let hi = (end + reach).min(tokens.len());
            let views: Vec<TokenView<'_>> = (lo..hi)
                .map(|i| {
                    TokenView::new(
                        token_text(text, &tokens[i]),
                        tags.get(i).copied(),
                        deps.get(i).copied(),
                    )
                })
                .collect();
            let assigned = self.ruler.apply_to(&views, start - lo..end - lo);
            for (k, set) in assigned.into_iter().enumerate() {
                let view = &views[start - lo + k];
                let morph = set.morph.unwrap_or_default();
                // spaCy's lemmatizer fills only lemmas that are still unset
                // (an empty string counts as unset).
                let lemmatized;
                let lemma = match set.lemma {
                    Some(lemma) if !lemma.is_empty() => lemma,
                    _ => {
                        lemmatized = self.lemmatizer.lemmatize(view.text, set.pos, morph);
                        lemmatized.as_str()
                    }
                };
                each(
                    start + k,
                    Lexeme {
                        tag: set.tag.or(view.tag).unwrap_or(Tag::Xx),
                        dep: set.dep.or(view.dep),
                        pos: set.pos.unwrap_or(Pos::X),
                        morph,
                        lemma,
                    },
                );
            }
            start = end;
        }
    }
}

/// Tokens annotated at once by [`Lexical::annotate_each`].
const WINDOW_TOKENS: usize = 4096;

/// One token's [`LexicalAnalysis`], borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lexeme<'a> {
    pub tag: Tag,
    pub dep: Option<Dep>,
    pub pos: Pos,
    pub morph: &'a str,
    pub lemma: &'a str,
}

/// The token's text; empty when its offsets do not fall on the text's
/// character boundaries (only a caller's mistake can cause that).
fn token_text<'t>(text: &'t str, token: &Token) -> &'t str {
    text.get(token.start..token.end).unwrap_or("")
}
