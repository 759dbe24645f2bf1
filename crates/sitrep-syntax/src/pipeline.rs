//! The whole analysis of a text: tokenizer → model (tags, parse, sentences,
//! entities) → lexical (attribute ruler: POS, morphology and spaCy's
//! whitespace tag/label; lemmas) → [`ParsedDoc`].

use crate::container::ModelFile;
use crate::lexical::Lexical;
use crate::model::Model;
use crate::tokenizer::Tokenizer;
use crate::{ParsedDoc, Strings, SyntaxError, TokenAnalysis};

/// The model file committed with the crate (see `model/NOTICE`).
pub static EMBEDDED_MODEL: &[u8] = include_bytes!("../model/en_core_web_sm.srsyn");

/// Borrows the model bytes it was read from (`'m`): the embedded model's
/// are `'static`.
#[derive(Debug, Clone)]
pub struct Pipeline<'m> {
    tokenizer: Tokenizer,
    model: Model<'m>,
    lexical: Lexical,
}

impl<'m> Pipeline<'m> {
    /// Reads and validates every section of a model file.
    pub fn from_bytes(bytes: &'m [u8]) -> Result<Pipeline<'m>, SyntaxError> {
        let file = ModelFile::parse(bytes)?;
        Ok(Pipeline {
            tokenizer: Tokenizer::from_model(&file)?,
            model: Model::from_model(&file)?,
            lexical: Lexical::from_model(&file)?,
        })
    }

    /// The pipeline of the model file embedded in the binary.
    pub fn embedded() -> Result<Pipeline<'static>, SyntaxError> {
        Pipeline::from_bytes(EMBEDDED_MODEL)
    }

    /// Tokens, tags, lemmas, parse, sentences and entities of `text`.
    pub fn parse(&self, text: &str) -> ParsedDoc {
        self.run(text, true)
    }

    /// The same without named entities (the NER is about half the cost).
    pub fn parse_without_entities(&self, text: &str) -> ParsedDoc {
        self.run(text, false)
    }

    fn run(&self, text: &str, with_entities: bool) -> ParsedDoc {
        let tokens = self.tokenizer.tokenize(text);
        let analysis = self.model.analyse(text, &tokens, with_entities);
        let mut strings = Strings::default();
        let mut out: Vec<TokenAnalysis> = Vec::with_capacity(tokens.len());
        self.lexical
            .annotate_each(text, &tokens, &analysis.tags, &analysis.deps, |i, lex| {
                let Some(token) = tokens.get(i) else {
                    return;
                };
                out.push(TokenAnalysis {
                    start: token.start,
                    end: token.end,
                    space_after: token.space_after,
                    tag: lex.tag,
                    pos: lex.pos,
                    morph: strings.intern(lex.morph),
                    lemma: strings.intern(lex.lemma),
                    head: analysis.heads.get(i).copied().unwrap_or(i),
                    dep: lex
                        .dep
                        .or_else(|| analysis.deps.get(i).copied())
                        .unwrap_or(crate::Dep::Dep),
                });
            });
        ParsedDoc {
            sentences: sentence_ranges(&analysis.sent_starts),
            tokens: out,
            entities: analysis.entities,
            strings,
        }
    }
}

/// Token ranges of the sentences: each starts where `starts` is true (and
/// at token 0), ends where the next starts.
fn sentence_ranges(starts: &[bool]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut begin = 0;
    for (i, &starts_here) in starts.iter().enumerate().skip(1) {
        if starts_here {
            out.push(begin..i);
            begin = i;
        }
    }
    if !starts.is_empty() {
        out.push(begin..starts.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_cover_every_token() {
        assert_eq!(
            sentence_ranges(&[true, false, true, false, false]),
            vec![0..2, 2..5]
        );
        assert_eq!(sentence_ranges(&[false, false]), vec![0..2]);
        assert!(sentence_ranges(&[]).is_empty());
    }

    /// The attribute ruler and the lemmatizer give the same in windows of
    /// a few tokens as over the whole text: matches across a window's edge
    /// are found from its context.
    #[test]
    fn lexical_windows_annotate_as_the_whole_text() {
        let pipeline = Pipeline::embedded().expect("embedded model");
        let text = "I didn't say he'd go. Don't you dare! It's 5 o'clock, isn't it? \
            We're gonna leave; they've been there. She'll 've done it, y'all.";
        let tokens = pipeline.tokenizer.tokenize(text);
        let analysis = pipeline.model.analyse(text, &tokens, false);
        let run = |window: usize| {
            let mut out = Vec::new();
            pipeline.lexical.annotate_windows(
                window,
                text,
                &tokens,
                &analysis.tags,
                &analysis.deps,
                |i, lex| out.push(format!("{i} {lex:?}")),
            );
            out
        };
        let whole = run(usize::MAX);
        assert_eq!(whole.len(), tokens.len());
        for window in [1, 2, 3, 7] {
            assert_eq!(run(window), whole, "windows of {window}");
        }
    }

    /// A document too long for the precomputed lower layer is parsed from
    /// rows computed as the parse reaches them, and dropped behind it: the
    /// tags and the parse are those of the whole document's rows.
    #[test]
    fn streamed_rows_parse_as_the_whole_rows() {
        let pipeline = Pipeline::embedded().expect("embedded model");
        let sentences = [
            "Police arrested 30 protesters in the capital on Monday, officials said.",
            "The talks between the two governments, which began in March, collapsed.",
            "\n\nIf the ceasefire holds, aid convoys will reach the city by Friday.",
            "John Smith of the United Nations met officials in Nairobi, Kenya.",
        ];
        let mut text = String::new();
        let mut k = 0;
        while text.len() < 110_000 {
            text.push_str(sentences[k % sentences.len()]);
            text.push(' ');
            k += 1;
        }
        let tokens = pipeline.tokenizer.tokenize(&text);
        let model = &pipeline.model;
        assert!(
            model.parser_streams(tokens.len()),
            "{} tokens",
            tokens.len()
        );
        let features = model.features(&text, &tokens);
        let is_space: Vec<bool> = features.iter().map(|f| f.is_space == 1).collect();
        let streamed = model.tag_and_parse_streamed(&features, &is_space);
        let whole = model.tag_and_parse_whole(&features, &is_space);
        assert_eq!(streamed.0.len(), tokens.len());
        assert!(streamed == whole, "streamed and whole parses differ");
        // The NER of a long document, streamed the same way: the same
        // entities as from the whole document's rows.
        let sent_starts = &streamed.1.sent_starts;
        let entities = model.entities(&features, &is_space, sent_starts, true);
        assert!(!entities.is_empty(), "no entities in the test text");
        assert!(
            entities == model.entities(&features, &is_space, sent_starts, false),
            "streamed and whole entities differ"
        );
    }
}
