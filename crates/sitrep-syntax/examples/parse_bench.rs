//! Speed of the syntax pipeline on one thread.
//!
//! usage: cargo run --release -p sitrep-syntax --example parse_bench [DOCS.jsonl ...]
//! (default: /tmp/prepared/geoparse-*/docs.jsonl; one JSON object per line
//! with a "text" field; the texts are read at run time, never committed).
//!
//! Prints the start-up time (reading and validating the embedded model),
//! then sentences/s and tokens/s without and with NER, by wall clock and
//! by this thread's CPU time (the machine may be shared). spaCy's own
//! figures on the same texts: `scripts/syntax/spacy_speed.py`.

use std::path::PathBuf;
use std::time::Instant;

use sitrep_syntax::Pipeline;

fn main() {
    let paths: Vec<PathBuf> = {
        let args: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
        if args.is_empty() {
            default_paths()
        } else {
            args
        }
    };
    let texts = read_texts(&paths);
    if texts.is_empty() {
        eprintln!("bench: no texts (give DOCS.jsonl paths)");
        std::process::exit(2);
    }
    let bytes: usize = texts.iter().map(String::len).sum();

    let (wall, cpu) = (Instant::now(), thread_cpu_seconds());
    let pipeline = match Pipeline::embedded() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("bench: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "start-up: {:.1} ms wall, {:.1} ms CPU",
        wall.elapsed().as_secs_f64() * 1e3,
        (thread_cpu_seconds() - cpu) * 1e3
    );
    println!(
        "{} documents, {:.1} MB of text",
        texts.len(),
        bytes as f64 / 1e6
    );

    for with_entities in [false, true] {
        let (wall, cpu) = (Instant::now(), thread_cpu_seconds());
        let (mut sentences, mut tokens) = (0usize, 0usize);
        for text in &texts {
            let doc = if with_entities {
                pipeline.parse(text)
            } else {
                pipeline.parse_without_entities(text)
            };
            sentences += doc.sentences.len();
            tokens += doc.tokens.len();
        }
        let wall = wall.elapsed().as_secs_f64();
        let cpu = thread_cpu_seconds() - cpu;
        println!(
            "{}: {sentences} sentences, {tokens} tokens; wall {wall:.2} s = {:.0} sentences/s, {:.0} tokens/s; CPU {cpu:.2} s = {:.0} sentences/s, {:.0} tokens/s",
            if with_entities { "with NER   " } else { "without NER" },
            sentences as f64 / wall,
            tokens as f64 / wall,
            sentences as f64 / cpu,
            tokens as f64 / cpu,
        );
    }
}

fn default_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir("/tmp/prepared")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("geoparse-"))
        })
        .map(|p| p.join("docs.jsonl"))
        .filter(|p| p.exists())
        .collect();
    paths.sort();
    paths
}

fn read_texts(paths: &[PathBuf]) -> Vec<String> {
    let mut texts = Vec::new();
    for path in paths {
        let Ok(data) = std::fs::read_to_string(path) else {
            eprintln!("bench: cannot read {}", path.display());
            continue;
        };
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(text) = v["text"].as_str() {
                    texts.push(text.to_string());
                }
            }
        }
    }
    texts
}

/// CPU time of this thread (Linux `/proc/thread-self/schedstat`), 0 elsewhere.
fn thread_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|x| x.parse::<f64>().ok())
        })
        .map_or(0.0, |ns| ns / 1e9)
}
