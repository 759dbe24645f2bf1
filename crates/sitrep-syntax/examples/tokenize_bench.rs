//! Tokenizer speed: tokens per second over the texts of
//! `tests/data/reference.jsonl` (one core), the model load time, and the time
//! of a few 1 MB runs without spaces (worst cases for the affix loops).
//!
//! usage: cargo run --release -p sitrep-syntax --example tokenize_bench [ROUNDS]

use std::time::Instant;

use sitrep_syntax::container::ModelFile;
use sitrep_syntax::tokenizer::Tokenizer;

const MODEL_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/model/en_core_web_sm.srsyn");
const REFERENCE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/reference.jsonl");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let bytes = std::fs::read(MODEL_PATH).map_err(|e| format!("{MODEL_PATH}: {e}"))?;
    let started = Instant::now();
    let model = ModelFile::parse(&bytes)?;
    let tokenizer = Tokenizer::from_model(&model)?;
    println!("load: {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
    let reference = std::fs::read_to_string(REFERENCE_PATH)?;
    let texts: Vec<String> = reference
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|d| d["text"].as_str().map(str::to_string))
        .collect();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    let started = Instant::now();
    let mut tokens = 0usize;
    for _ in 0..rounds {
        for text in &texts {
            tokens += tokenizer.tokenize(text).len();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} texts ({} chars) x {rounds}: {tokens} tokens in {secs:.3} s = {:.0} tokens/s, {:.1} MB/s",
        texts.len(),
        chars,
        tokens as f64 / secs,
        (chars * rounds) as f64 / secs / 1e6
    );
    for unit in ["a", ")", ".", "a-", "1.", "(a", "http://x.com/", "A."] {
        let text = unit.repeat((1 << 20) / unit.len());
        let started = Instant::now();
        let n = tokenizer.tokenize(&text).len();
        println!(
            "1 MB of {unit:?}: {n} tokens in {:.1} ms",
            started.elapsed().as_secs_f64() * 1e3
        );
    }
    Ok(())
}
