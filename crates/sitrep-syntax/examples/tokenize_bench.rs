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
    // Load five times and keep the fastest: the machine is shared.
    let mut fastest = f64::INFINITY;
    let mut loaded = None;
    for _ in 0..5 {
        let started = Instant::now();
        let model = ModelFile::parse(&bytes)?;
        loaded = Some(Tokenizer::from_model(&model)?);
        fastest = fastest.min(started.elapsed().as_secs_f64());
    }
    let tokenizer = loaded.ok_or("no load")?;
    println!("load: {:.1} ms (fastest of 5)", fastest * 1e3);
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
    let mb = 1 << 20;
    let units = [
        "a",
        ")",
        ".",
        "a-",
        "1.",
        "(a",
        "http://x.com/",
        "A.",
        "1.1.1.1/@",
        "'",
        "-",
    ];
    let mut long: Vec<(String, String)> = units
        .iter()
        .map(|u| (format!("{u:?} repeated"), u.repeat(mb / u.len())))
        .collect();
    long.push(("\"(\" x N + \"a\"".into(), "(".repeat(mb) + "a"));
    long.push((
        "\"a\" + \"'s\" x N".into(),
        "a".to_string() + &"'s".repeat(mb / 2),
    ));
    long.push((
        "\"5\" + \"km\" x N".into(),
        "5".to_string() + &"km".repeat(mb / 2),
    ));
    for (label, text) in &long {
        let started = Instant::now();
        let n = tokenizer.tokenize(text).len();
        println!(
            "1 MB, {label}: {n} tokens in {:.1} ms",
            started.elapsed().as_secs_f64() * 1e3
        );
    }
    Ok(())
}
