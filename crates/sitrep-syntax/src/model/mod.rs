//! The neural model: spaCy's `en_core_web_sm` 3.8 tok2vec, tagger, parser
//! and NER, run on tokens the tokenizer gave.
//!
//! Sections of the model file (written by `scripts/syntax/weights_data.py`;
//! integers and floats little endian, strings = `u32` length + UTF-8, an
//! array = `u32` rank, `u32` per dimension, then `f32` values in C order):
//!
//! | section | content | reader |
//! |---|---|---|
//! | `model.strings` | spaCy's reserved symbols, `lexeme_norm` table | [`features::Strings::read`] |
//! | `model.tok2vec` | shared embedding + encoder (6 attributes) | [`tok2vec::Tok2Vec::read`] |
//! | `model.tagger` | tag labels, affine layer | [`tagger::Tagger::read`] |
//! | `model.parser` | actions, projection, lower, upper layers | [`scorer::StateScorer::read`] |
//! | `model.ner.tok2vec` | the NER's own embedding + encoder (4 attributes) | [`tok2vec::Tok2Vec::read`] |
//! | `model.ner` | actions, projection, lower, upper layers | [`scorer::StateScorer::read`] |
//!
//! Every section must be read to its end; a wrong shape, an unknown label
//! or a truncated array is a [`SyntaxError`] naming the section.

pub mod features;
pub mod linalg;
pub mod ner;
pub mod nonproj;
pub mod parser;
pub mod scorer;
pub mod tagger;
pub mod tok2vec;
mod weights;

use crate::container::{ModelFile, Reader};
use crate::{Entity, ModelAnalysis, SyntaxError, Token};
use features::Strings;
use ner::Ner;
use parser::Parser;
use tagger::Tagger;
use tok2vec::Tok2Vec;

/// Borrows the model bytes it was read from (`'m`, [`Tok2Vec`]).
#[derive(Debug, Clone)]
pub struct Model<'m> {
    strings: Strings,
    tok2vec: Tok2Vec<'m>,
    tagger: Tagger,
    parser: Parser,
    ner_tok2vec: Tok2Vec<'m>,
    ner: Ner,
}

/// Reads section `name` with `read`, which must consume all of it.
fn read_section<'m, T>(
    file: &ModelFile<'m>,
    name: &'m str,
    read: impl FnOnce(&mut Reader<'m>) -> Result<T, SyntaxError>,
) -> Result<T, SyntaxError> {
    let data = file.section(name)?;
    let mut r = Reader::new(name, data);
    let value = read(&mut r)?;
    if !r.is_empty() {
        return Err(r.error("trailing bytes"));
    }
    Ok(value)
}

impl<'m> Model<'m> {
    pub fn from_model(file: &ModelFile<'m>) -> Result<Model<'m>, SyntaxError> {
        let strings = read_section(file, "model.strings", Strings::read)?;
        let tok2vec = read_section(file, "model.tok2vec", Tok2Vec::read)?;
        let width = tok2vec.width();
        let tagger = read_section(file, "model.tagger", |r| Tagger::read(r, width))?;
        let parser = read_section(file, "model.parser", |r| Parser::read(r, width))?;
        let ner_tok2vec = read_section(file, "model.ner.tok2vec", Tok2Vec::read)?;
        let ner_width = ner_tok2vec.width();
        let ner = read_section(file, "model.ner", |r| Ner::read(r, ner_width))?;
        Ok(Model {
            strings,
            tok2vec,
            tagger,
            parser,
            ner_tok2vec,
            ner,
        })
    }

    /// spaCy's NORM of a token text without a tokenizer exception.
    pub fn lexeme_norm(&self, word: &str) -> String {
        self.strings.lexeme_norm(word)
    }

    /// Tags, parse, sentence starts and (when `with_entities`) entities of
    /// `tokens` (offsets into `text`).
    /// Whether a document of `n` tokens is parsed from streamed rows.
    pub(crate) fn parser_streams(&self, n: usize) -> bool {
        self.parser.scorer().streams(n)
    }

    /// The features the embedding tables see, per token.
    pub(crate) fn features(&self, text: &str, tokens: &[Token]) -> Vec<features::TokenFeatures> {
        self.strings.token_features(text, tokens)
    }

    pub fn analyse(&self, text: &str, tokens: &[Token], with_entities: bool) -> ModelAnalysis {
        let n = tokens.len();
        if n == 0 {
            return ModelAnalysis::default();
        }
        let features = self.features(text, tokens);
        let is_space: Vec<bool> = features.iter().map(|f| f.is_space == 1).collect();
        let (tags, parse) = if self.parser_streams(n) {
            self.tag_and_parse_streamed(&features, &is_space)
        } else {
            self.tag_and_parse_whole(&features, &is_space)
        };
        let entities = if with_entities {
            self.entities(
                &features,
                &is_space,
                &parse.sent_starts,
                self.ner.scorer().streams(n),
            )
        } else {
            Vec::new()
        };
        ModelAnalysis {
            tags,
            heads: parse.heads,
            deps: parse.deps,
            sent_starts: parse.sent_starts,
            entities,
        }
    }

    /// Named entities from the NER's own tok2vec. `streamed` (a long
    /// document): its rows are computed as the recogniser reaches them and
    /// dropped behind it, like the parser's, instead of all held at once.
    pub(crate) fn entities(
        &self,
        features: &[features::TokenFeatures],
        is_space: &[bool],
        sent_starts: &[bool],
        streamed: bool,
    ) -> Vec<Entity> {
        let scorer = self.ner.scorer();
        let doc = if streamed {
            scorer.prepare_streamed(features.len(), tok2vec::CHUNK_TOKENS, |k, rows| {
                let (vectors, count) = self.ner_tok2vec.forward_chunk(features, k);
                scorer.project(&vectors, count, rows);
            })
        } else {
            let mut projected = Vec::new();
            self.ner_tok2vec.forward_chunks(features, |vectors, rows| {
                scorer.project(vectors, rows, &mut projected);
            });
            scorer.prepare(projected)
        };
        self.ner.recognise(doc, is_space, sent_starts)
    }

    /// Tags and parse from the whole document's projected rows. Each chunk
    /// of tok2vec vectors is tagged and projected as soon as it is
    /// encoded: the whole document's vectors are never held.
    pub(crate) fn tag_and_parse_whole(
        &self,
        features: &[features::TokenFeatures],
        is_space: &[bool],
    ) -> (Vec<crate::Tag>, parser::Parse) {
        let mut tags = Vec::with_capacity(features.len());
        let mut projected = Vec::new();
        self.tok2vec.forward_chunks(features, |vectors, rows| {
            tags.extend(self.tagger.tag(vectors, rows));
            self.parser.scorer().project(vectors, rows, &mut projected);
        });
        let parse = self
            .parser
            .parse(self.parser.scorer().prepare(projected), is_space);
        (tags, parse)
    }

    /// Tags and parse of a long document: the parser asks for each chunk of
    /// tok2vec vectors when it reaches it (tagged the first time), and its
    /// projected rows are dropped once the parse has moved past them, so
    /// memory does not grow with the document's length (the whole
    /// document's projected rows were 256 bytes a token).
    pub(crate) fn tag_and_parse_streamed(
        &self,
        features: &[features::TokenFeatures],
        is_space: &[bool],
    ) -> (Vec<crate::Tag>, parser::Parse) {
        let n = features.len();
        let chunks = tok2vec::chunk_count(n);
        let mut tagged = vec![Vec::new(); chunks];
        let parse = {
            let tagged = &mut tagged;
            let scorer = self.parser.scorer();
            let doc = scorer.prepare_streamed(n, tok2vec::CHUNK_TOKENS, move |k, rows| {
                let (vectors, count) = self.tok2vec.forward_chunk(features, k);
                if let Some(slot) = tagged.get_mut(k).filter(|t| t.is_empty()) {
                    *slot = self.tagger.tag(&vectors, count);
                }
                scorer.project(&vectors, count, rows);
            });
            self.parser.parse(doc, is_space)
        };
        // A parse stopped short (only a looping model could) leaves chunks
        // never computed: they are tagged all the same.
        let mut tags = Vec::with_capacity(n);
        for (k, chunk_tags) in tagged.into_iter().enumerate() {
            if chunk_tags.is_empty() {
                let (vectors, count) = self.tok2vec.forward_chunk(features, k);
                tags.extend(self.tagger.tag(&vectors, count));
            } else {
                tags.extend(chunk_tags);
            }
        }
        (tags, parse)
    }
}
