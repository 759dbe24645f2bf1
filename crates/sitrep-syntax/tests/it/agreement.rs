//! Agreement of the Rust model with spaCy on the reference analyses
//! (`tests/data/reference.jsonl`: 565 documents, 3,354 sentences).
//!
//! The model runs on spaCy's own tokens, so this measures the model alone:
//! tags, heads and labels per token, sentence starts (F1 over the starts
//! after each document's first token) and entities (F1 over exact spans
//! with their label).

use std::collections::HashSet;
use std::path::PathBuf;

use serde_json::Value;
use sitrep_syntax::container::ModelFile;
use sitrep_syntax::model::Model;
use sitrep_syntax::{Pipeline, Token};

const TAG_FLOOR: f64 = 0.995;
const HEAD_FLOOR: f64 = 0.99;
const LABEL_FLOOR: f64 = 0.99;
const SENTENCE_FLOOR: f64 = 0.99;
const ENTITY_FLOOR: f64 = 0.99;

fn crate_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

struct RefDoc {
    text: String,
    tokens: Vec<Token>,
    norms: Vec<String>,
    tags: Vec<String>,
    heads: Vec<usize>,
    deps: Vec<String>,
    sent_starts: Vec<bool>,
    entities: HashSet<(usize, usize, String)>,
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v[key].as_array().map_or_else(Vec::new, |a| {
        a.iter()
            .map(|x| x.as_str().unwrap_or_default().to_string())
            .collect()
    })
}

fn numbers(v: &Value, key: &str) -> Vec<usize> {
    v[key].as_array().map_or_else(Vec::new, |a| {
        a.iter()
            .map(|x| x.as_u64().unwrap_or_default() as usize)
            .collect()
    })
}

fn bools(v: &Value, key: &str) -> Vec<bool> {
    v[key].as_array().map_or_else(Vec::new, |a| {
        a.iter().map(|x| x.as_bool().unwrap_or_default()).collect()
    })
}

fn reference_docs() -> Vec<RefDoc> {
    let path = crate_path("tests/data/reference.jsonl");
    let data = std::fs::read_to_string(&path).expect("reference file");
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: Value = serde_json::from_str(line).expect("reference line is JSON");
            let text = v["text"].as_str().expect("text").to_string();
            // Code point offsets → byte offsets.
            let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            byte_of.push(text.len());
            let (starts, ends, ws) = (numbers(&v, "start"), numbers(&v, "end"), bools(&v, "ws"));
            let tokens = starts
                .iter()
                .zip(&ends)
                .zip(&ws)
                .map(|((&s, &e), &w)| Token {
                    start: byte_of[s],
                    end: byte_of[e],
                    space_after: w,
                    norm: None,
                })
                .collect();
            let (iob, types) = (strings(&v, "ent_iob"), strings(&v, "ent_type"));
            let mut entities = HashSet::new();
            let mut open: Option<usize> = None;
            for i in 0..=iob.len() {
                let tag = iob.get(i).map_or("O", String::as_str);
                if tag != "I" {
                    if let Some(s) = open.take() {
                        entities.insert((s, i, types[s].clone()));
                    }
                }
                if tag == "B" {
                    open = Some(i);
                }
            }
            RefDoc {
                text,
                tokens,
                norms: strings(&v, "norm"),
                tags: strings(&v, "tag"),
                heads: numbers(&v, "head"),
                deps: strings(&v, "dep"),
                sent_starts: bools(&v, "sent_start"),
                entities,
            }
        })
        .collect()
}

fn f1(tp: usize, predicted: usize, gold: usize) -> f64 {
    if predicted + gold == 0 {
        1.0
    } else {
        2.0 * tp as f64 / (predicted + gold) as f64
    }
}

/// Counts of agreement with spaCy, summed over documents.
#[derive(Default)]
struct Agreement {
    documents: usize,
    tokens: usize,
    /// Tokens of documents whose tokenization differs from spaCy's (not
    /// compared further).
    tokens_misaligned: usize,
    tags: usize,
    heads: usize,
    labels: usize,
    sent: (usize, usize, usize),
    ents: (usize, usize, usize),
}

/// What one document's analysis says, in the reference's terms.
struct Analysis {
    tags: Vec<String>,
    heads: Vec<usize>,
    deps: Vec<String>,
    sent_starts: Vec<bool>,
    entities: HashSet<(usize, usize, String)>,
}

impl Agreement {
    fn add(&mut self, doc: &RefDoc, got: &Analysis) {
        self.documents += 1;
        self.tokens += doc.tokens.len();
        for i in 0..doc.tokens.len() {
            self.tags += usize::from(got.tags[i] == doc.tags[i]);
            self.heads += usize::from(got.heads[i] == doc.heads[i]);
            self.labels += usize::from(got.deps[i] == doc.deps[i]);
            if i > 0 {
                self.sent.0 += usize::from(got.sent_starts[i] && doc.sent_starts[i]);
                self.sent.1 += usize::from(got.sent_starts[i]);
                self.sent.2 += usize::from(doc.sent_starts[i]);
            }
        }
        self.ents.0 += got.entities.intersection(&doc.entities).count();
        self.ents.1 += got.entities.len();
        self.ents.2 += doc.entities.len();
    }

    /// Prints the figures and checks the floors.
    fn report_and_check(&self, what: &str) {
        let total = self.tokens + self.tokens_misaligned;
        let share = |n: usize| n as f64 / total.max(1) as f64;
        let (tag, head, label) = (share(self.tags), share(self.heads), share(self.labels));
        let sentence = f1(self.sent.0, self.sent.1, self.sent.2);
        let entity = f1(self.ents.0, self.ents.1, self.ents.2);
        println!("{what}: {} documents, {total} tokens", self.documents);
        println!(
            "  tokens in identically tokenized documents {:.4}%",
            100.0 * share(self.tokens)
        );
        println!("  tags   {:.4}%", 100.0 * tag);
        println!("  heads  {:.4}%", 100.0 * head);
        println!("  labels {:.4}%", 100.0 * label);
        println!(
            "  sentence starts F1 {:.4}% ({} predicted, {} in spaCy)",
            100.0 * sentence,
            self.sent.1,
            self.sent.2
        );
        println!(
            "  entities (exact span and label) F1 {:.4}% ({} predicted, {} in spaCy)",
            100.0 * entity,
            self.ents.1,
            self.ents.2
        );
        assert!(tag >= TAG_FLOOR, "tags {tag}");
        assert!(head >= HEAD_FLOOR, "heads {head}");
        assert!(label >= LABEL_FLOOR, "labels {label}");
        assert!(sentence >= SENTENCE_FLOOR, "sentence starts {sentence}");
        assert!(entity >= ENTITY_FLOOR, "entities {entity}");
    }
}

/// The model file, or `None` (test skipped, said so) when it has not been
/// generated in this checkout.
fn model_bytes() -> Option<Vec<u8>> {
    let path = crate_path("model/en_core_web_sm.srsyn");
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(_) => {
            eprintln!(
                "SKIPPED: {} missing; run scripts/syntax/convert_model.py",
                path.display()
            );
            None
        }
    }
}

#[test]
fn model_agrees_with_spacy_on_reference_tokens() {
    let Some(bytes) = model_bytes() else { return };
    let file = ModelFile::parse(&bytes).expect("model file");
    let model = Model::from_model(&file).expect("model sections");
    let mut agreement = Agreement::default();
    let mut norm_overrides = 0;
    for doc in &reference_docs() {
        // spaCy's NORM where it differs from the lexeme table (tokenizer
        // exceptions): the tokenizer gives those.
        let input: Vec<Token> = doc
            .tokens
            .iter()
            .zip(&doc.norms)
            .map(|(t, norm)| {
                let word = &doc.text[t.start..t.end];
                let mut t = t.clone();
                if model.lexeme_norm(word) != *norm {
                    norm_overrides += 1;
                    t.norm = Some(norm.as_str().into());
                }
                t
            })
            .collect();
        let got = model.analyse(&doc.text, &input, true);
        let analysis = Analysis {
            tags: got.tags.iter().map(|t| t.as_str().to_string()).collect(),
            heads: got.heads,
            deps: got.deps.iter().map(|d| d.as_str().to_string()).collect(),
            sent_starts: got.sent_starts,
            entities: got
                .entities
                .iter()
                .map(|e| (e.start, e.end, e.label.as_str().to_string()))
                .collect(),
        };
        agreement.add(doc, &analysis);
    }
    println!("({norm_overrides} tokens given spaCy's tokenizer-exception NORM)");
    agreement.report_and_check("model on spaCy's tokens");
}

#[test]
fn pipeline_agrees_with_spacy_from_raw_text() {
    let Some(bytes) = model_bytes() else { return };
    let pipeline = Pipeline::from_bytes(&bytes).expect("pipeline");
    let mut agreement = Agreement::default();
    for doc in &reference_docs() {
        let got = pipeline.parse(&doc.text);
        let same_tokens = got.tokens.len() == doc.tokens.len()
            && got
                .tokens
                .iter()
                .zip(&doc.tokens)
                .all(|(a, b)| a.start == b.start && a.end == b.end);
        if !same_tokens {
            agreement.documents += 1;
            agreement.tokens_misaligned += doc.tokens.len();
            continue;
        }
        let mut sent_starts = vec![false; got.tokens.len()];
        for sentence in &got.sentences {
            if let Some(start) = sent_starts.get_mut(sentence.start) {
                *start = true;
            }
        }
        let analysis = Analysis {
            tags: got
                .tokens
                .iter()
                .map(|t| t.tag.as_str().to_string())
                .collect(),
            heads: got.tokens.iter().map(|t| t.head).collect(),
            deps: got
                .tokens
                .iter()
                .map(|t| t.dep.as_str().to_string())
                .collect(),
            sent_starts,
            entities: got
                .entities
                .iter()
                .map(|e| (e.start, e.end, e.label.as_str().to_string()))
                .collect(),
        };
        agreement.add(doc, &analysis);
    }
    agreement.report_and_check("pipeline from raw text");
}

/// Hostile inputs: no panic, and every analysis is well formed (heads and
/// entities in range, sentences covering the tokens in order). The long
/// sentence is past the length where the parser stops precomputing its
/// lower layer.
#[test]
fn pipeline_survives_hostile_text() {
    let Some(bytes) = model_bytes() else { return };
    let pipeline = Pipeline::from_bytes(&bytes).expect("pipeline");
    let long_sentence = "word ".repeat(20_000);
    let long_token = "a".repeat(60_000);
    let texts: Vec<&str> = vec![
        "",
        " ",
        "\n\n\t \u{a0}",
        "\u{0}\u{1}\u{1f}\u{7f} control \u{202e}characters\u{200b}",
        "🙂🙂 👍🏽 emoji 🇫🇷!",
        "Москва 北京 القاهرة Paris and São Paulo.",
        &long_token,
        &long_sentence,
    ];
    for text in texts {
        for doc in [pipeline.parse(text), pipeline.parse_without_entities(text)] {
            let n = doc.tokens.len();
            assert!(doc
                .tokens
                .iter()
                .all(|t| t.head < n && t.start <= t.end && t.end <= text.len()));
            assert!(doc.entities.iter().all(|e| e.start < e.end && e.end <= n));
            let mut next = 0;
            for sentence in &doc.sentences {
                assert_eq!(sentence.start, next);
                assert!(sentence.end > sentence.start);
                next = sentence.end;
            }
            assert_eq!(next, n);
        }
    }
}
