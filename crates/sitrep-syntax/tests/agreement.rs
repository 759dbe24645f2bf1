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
use sitrep_syntax::Token;

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

#[test]
fn model_agrees_with_spacy_on_reference_tokens() {
    let model_path = crate_path("model/en_core_web_sm.srsyn");
    let Ok(bytes) = std::fs::read(&model_path) else {
        eprintln!(
            "SKIPPED: {} missing; run scripts/syntax/convert_model.py",
            model_path.display()
        );
        return;
    };
    let file = ModelFile::parse(&bytes).expect("model file");
    let model = Model::from_model(&file).expect("model sections");
    let docs = reference_docs();

    let (mut tokens, mut tags, mut heads, mut labels, mut norm_overrides) = (0, 0, 0, 0, 0);
    let (mut sent_tp, mut sent_pred, mut sent_gold) = (0, 0, 0);
    let (mut ent_tp, mut ent_pred, mut ent_gold) = (0, 0, 0);
    for doc in &docs {
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
        tokens += input.len();
        for i in 0..input.len() {
            tags += usize::from(got.tags[i].as_str() == doc.tags[i]);
            heads += usize::from(got.heads[i] == doc.heads[i]);
            labels += usize::from(got.deps[i].as_str() == doc.deps[i]);
            if i > 0 {
                sent_pred += usize::from(got.sent_starts[i]);
                sent_gold += usize::from(doc.sent_starts[i]);
                sent_tp += usize::from(got.sent_starts[i] && doc.sent_starts[i]);
            }
        }
        let predicted: HashSet<(usize, usize, String)> = got
            .entities
            .iter()
            .map(|e| (e.start, e.end, e.label.as_str().to_string()))
            .collect();
        ent_pred += predicted.len();
        ent_gold += doc.entities.len();
        ent_tp += predicted.intersection(&doc.entities).count();
    }
    let share = |n: usize| n as f64 / tokens.max(1) as f64;
    let (tag, head, label) = (share(tags), share(heads), share(labels));
    let sentence = f1(sent_tp, sent_pred, sent_gold);
    let entity = f1(ent_tp, ent_pred, ent_gold);
    println!(
        "reference: {} documents, {tokens} tokens ({norm_overrides} NORM overrides)",
        docs.len()
    );
    println!("tags   {:.4}%", 100.0 * tag);
    println!("heads  {:.4}%", 100.0 * head);
    println!("labels {:.4}%", 100.0 * label);
    println!(
        "sentence starts F1 {:.4}% ({sent_pred} predicted, {sent_gold} in spaCy)",
        100.0 * sentence
    );
    println!(
        "entities F1 {:.4}% ({ent_pred} predicted, {ent_gold} in spaCy)",
        100.0 * entity
    );
    assert!(tag >= TAG_FLOOR, "tags {tag}");
    assert!(head >= HEAD_FLOOR, "heads {head}");
    assert!(label >= LABEL_FLOOR, "labels {label}");
    assert!(sentence >= SENTENCE_FLOOR, "sentence starts {sentence}");
    assert!(entity >= ENTITY_FLOOR, "entities {entity}");
}
