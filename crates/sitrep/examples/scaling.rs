//! Coding time and memory of one large document of ordinary news sentences
//! (256 KiB, 1 MiB, 4 MiB by default; sizes in KiB as arguments):
//! `cargo run --release -p sitrep --example scaling [-- 256 1024 4096]`.
//! Prints one JSON line per size: CPU seconds of the coding thread, wall
//! seconds, events, and the process's peak RSS so far.

use std::time::Instant;

use sitrep_coder::{code_document, Document, Lexicon};
use sitrep_testkit::text::news_text;

fn proc_field(path: &str, key: &str) -> Option<f64> {
    let s = std::fs::read_to_string(path).ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(s.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lex = Lexicon::embedded()?;
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![256, 1024, 4096];
    }
    for kib in sizes {
        let doc = Document::from_parts(sitrep_coder::DocumentParts {
            id: "big".to_string(),
            text: news_text(kib * 1024),
            title: Some("Long report".into()),
            published: sitrep_coder::Published::parse("2024-05-14").ok(),
            ..sitrep_coder::DocumentParts::default()
        });
        let cpu0 = thread_cpu_seconds().unwrap_or(f64::NAN);
        let t0 = Instant::now();
        let coded = code_document(&lex, &doc);
        let wall = t0.elapsed().as_secs_f64();
        let cpu = thread_cpu_seconds().unwrap_or(f64::NAN) - cpu0;
        println!(
            "{{\"kib\": {kib}, \"cpu_seconds\": {cpu:.3}, \"wall_seconds\": {wall:.3}, \"events\": {}, \"peak_rss_mb\": {:.0}}}",
            coded.events.len(),
            proc_field("/proc/self/status", "VmHWM:").unwrap_or(f64::NAN) / 1024.0
        );
    }
    Ok(())
}
