//! Tokenizes the `text` field of each JSON line on stdin and prints one JSON
//! line per document: `{"id": .., "tokens": [[start, end, space_after], ..]}`
//! with code point offsets. Used by `scripts/syntax/syntax_agreement.py` to
//! compare with spaCy on texts that cannot be committed.
//!
//! usage: cargo run --release -p sitrep-syntax --example tokenize_jsonl < docs.jsonl

use std::io::{BufRead, Write};

use sitrep_syntax::container::ModelFile;
use sitrep_syntax::tokenizer::Tokenizer;

const MODEL_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/model/en_core_web_sm.srsyn");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let bytes = std::fs::read(MODEL_PATH).map_err(|e| format!("{MODEL_PATH}: {e}"))?;
    let model = ModelFile::parse(&bytes)?;
    let tokenizer = Tokenizer::from_model(&model)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: serde_json::Value = match serde_json::from_str(&line) {
            Ok(doc) => doc,
            Err(err) => {
                eprintln!("stdin:{}: not JSON: {err}", n + 1);
                continue;
            }
        };
        let text = doc["text"].as_str().unwrap_or("");
        let mut cp_of_byte = vec![0usize; text.len() + 1];
        for (cp, (b, c)) in text.char_indices().enumerate() {
            cp_of_byte[b..b + c.len_utf8()].fill(cp);
        }
        cp_of_byte[text.len()] = text.chars().count();
        let tokens: Vec<(usize, usize, bool)> = tokenizer
            .tokenize(text)
            .iter()
            .map(|t| (cp_of_byte[t.start], cp_of_byte[t.end], t.space_after))
            .collect();
        let record = serde_json::json!({ "id": doc["id"], "tokens": tokens });
        writeln!(out, "{record}")?;
    }
    Ok(())
}
