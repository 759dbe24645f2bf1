//! sitrep-syntax: spaCy's small English model (`en_core_web_sm` 3.8) run in
//! pure Rust, sans-IO: text in, tokens with tags, lemmas, heads, labels,
//! sentences and entities out.
//!
//! Stages, top to bottom (each a module with one job):
//! `tokenizer` (spaCy's English rules) → `model` (tok2vec, tagger, parser,
//! NER) → `lexical` (attribute ruler: POS and morphology; rule lemmatizer) →
//! [`ParsedDoc`]. `container` reads the one model file (sections by name);
//! `labels` holds the closed vocabularies; `conllu` prints a parse.

pub mod conllu;
pub mod container;
pub mod labels;
pub mod lexical;
pub mod model;
pub mod pipeline;
pub mod tokenizer;

pub use labels::{Dep, EntityLabel, Pos, Tag};
pub use pipeline::Pipeline;

/// A token as the tokenizer gives it: byte offsets into the text (end
/// exclusive), whether whitespace follows, and the NORM a tokenizer
/// exception assigns (spaCy's special cases: "n't" → "not"), if any.
/// Whitespace runs that spaCy keeps as tokens (`is_space`) are tokens too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub space_after: bool,
    pub norm: Option<Box<str>>,
}

/// What the neural model gives for a tokenized text (`model::Model`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelAnalysis {
    /// One Penn tag per token.
    pub tags: Vec<Tag>,
    /// Head index per token (a root is its own head), after de-projectivization.
    pub heads: Vec<usize>,
    pub deps: Vec<Dep>,
    /// True where a sentence starts (the first token always).
    pub sent_starts: Vec<bool>,
    /// Empty when NER was not run.
    pub entities: Vec<Entity>,
}

/// What the attribute ruler and the lemmatizer give per token (`lexical`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexicalAnalysis {
    /// The tag after the attribute ruler: the model's, except that spaCy's
    /// rules give every whitespace token `_SP`.
    pub tag: Tag,
    /// The label after the attribute ruler: the model's, except that spaCy's
    /// rules label every parsed whitespace token `dep`. None when no labels
    /// were given (text not parsed).
    pub dep: Option<Dep>,
    pub pos: Pos,
    /// spaCy's morphology string ("Number=Sing|Person=3"), empty when none.
    pub morph: String,
    pub lemma: String,
}

/// One analysed token. Offsets are bytes into the text given to the
/// pipeline (end exclusive). Lemma and morphology are entries of the
/// document's [`Strings`] ([`ParsedDoc::lemma`], [`ParsedDoc::morph`]): a
/// long document repeats few of them, and two strings per token were most
/// of a parse's memory.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenAnalysis {
    pub start: usize,
    pub end: usize,
    /// A space follows the token in the text (spaCy's `whitespace_`).
    pub space_after: bool,
    pub tag: Tag,
    pub pos: Pos,
    /// Morphological features as spaCy prints them ("Number=Sing|Person=3"),
    /// empty when none.
    pub morph: Sym,
    pub lemma: Sym,
    /// Index of the head token in [`ParsedDoc::tokens`]; a root is its own head.
    pub head: usize,
    pub dep: Dep,
}

/// A string of a document's [`Strings`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Sym(u32);

/// The distinct lemmas and morphology strings of one document, each held
/// once. [`Sym::default`] is the empty string.
#[derive(Debug, Clone, PartialEq)]
pub struct Strings {
    strings: Vec<Box<str>>,
    index: std::collections::HashMap<Box<str>, Sym>,
}

impl Default for Strings {
    fn default() -> Strings {
        Strings {
            strings: vec![Box::from("")],
            index: std::collections::HashMap::from([(Box::from(""), Sym(0))]),
        }
    }
}

impl Strings {
    /// The entry for `s`, added if new. Past `u32::MAX` entries (more than
    /// any text a process can hold has) a new string reads as "".
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(&sym) = self.index.get(s) {
            return sym;
        }
        let Ok(id) = u32::try_from(self.strings.len()) else {
            return Sym::default();
        };
        self.strings.push(Box::from(s));
        self.index.insert(Box::from(s), Sym(id));
        Sym(id)
    }

    /// The string of `sym`; "" for an entry of another table.
    pub fn get(&self, sym: Sym) -> &str {
        self.strings.get(sym.0 as usize).map_or("", |s| s)
    }

    /// The number of distinct strings (the empty one included).
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    /// Never true: the empty string is always an entry.
    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }
}

/// A named entity: tokens `start..end` (indices into [`ParsedDoc::tokens`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub label: EntityLabel,
}

/// The analysis of one text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedDoc {
    pub tokens: Vec<TokenAnalysis>,
    /// Sentences as token index ranges, in order, covering every token.
    pub sentences: Vec<std::ops::Range<usize>>,
    /// Entities in text order, not overlapping.
    pub entities: Vec<Entity>,
    /// The lemmas and morphology strings the tokens name.
    pub strings: Strings,
}

impl ParsedDoc {
    /// Token `i`'s lemma ("" past the last token).
    pub fn lemma(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| self.strings.get(t.lemma))
    }

    /// Token `i`'s morphology ("" when none, or past the last token).
    pub fn morph(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| self.strings.get(t.morph))
    }
}

/// Errors reading the model file.
#[derive(Debug, thiserror::Error)]
pub enum SyntaxError {
    #[error("model file: {0}")]
    Format(String),
    #[error("model file: section {section}: {reason}")]
    Section { section: String, reason: String },
}
