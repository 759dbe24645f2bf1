//! Coding work grows about linearly with a document's size (issue 14,
//! D1): the CPU time of coding 1 MiB of ordinary news sentences against
//! 256 KiB. CPU time of this thread, not wall time, so other processes on
//! the machine do not move it much. Measured in a debug build: 9.1× with
//! the linear scans of seen event keys and of the text before each date,
//! 6.5× without them; what remains above 4× is the scan of every place
//! per sentence (`places.iter().filter(..)` in `code_with_trace`, the
//! places engineer's change). The bound is generous until that lands,
//! then 6.
//! Timing figures: `cargo run --release -p sitrep --example scaling`.

use sitrep_coder::{code_document, Document, Lexicon};
use sitrep_testkit::text::news_text;

/// CPU time of the calling thread, seconds (Linux; None elsewhere).
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn cpu_to_code(lex: &Lexicon, bytes: usize) -> Option<f64> {
    let doc = Document::from_parts(sitrep_coder::DocumentParts {
        id: "big".into(),
        text: news_text(bytes),
        title: Some("Long report".into()),
        published: sitrep_coder::Published::parse("2024-05-14").ok(),
        ..sitrep_coder::DocumentParts::default()
    });
    let start = thread_cpu_seconds()?;
    let coded = code_document(lex, &doc);
    assert!(!coded.events.is_empty());
    Some(thread_cpu_seconds()? - start)
}

/// Largest CPU ratio of 1 MiB to 256 KiB allowed (linear: 4).
const MAX_RATIO: f64 = 7.5;

#[test]
fn coding_time_grows_linearly_with_document_size() {
    let lex = Lexicon::embedded().expect("built-in data");
    let Some(small) = cpu_to_code(&lex, 256 * 1024) else {
        eprintln!("skipped: no per-thread CPU time on this system");
        return;
    };
    let large = cpu_to_code(&lex, 1024 * 1024).unwrap_or(f64::NAN);
    let ratio = large / small;
    eprintln!("coding CPU: 256 KiB {small:.3} s, 1 MiB {large:.3} s, ratio {ratio:.2}");
    assert!(
        ratio <= MAX_RATIO,
        "1 MiB took {ratio:.2}× the CPU of 256 KiB"
    );
}
