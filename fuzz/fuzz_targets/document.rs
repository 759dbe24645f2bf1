//! Document reading: the article layout (`Document::from_article`) and the
//! JSONL fields (`Document::from_parts`). Every span the document records
//! must lie inside its text, on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_coder::{Document, Span};

#[path = "common.rs"]
mod common;
use common::check_span;

fn check(doc: &Document) {
    let text = doc.text.as_str();
    if let Some(h) = doc.headline {
        check_span(text, h, "headline");
    }
    if let Some(d) = doc.dateline {
        check_span(text, d, "dateline");
    }
    check_span(text, Span::new(doc.body_start, text.len()), "body");
    if let Some(p) = doc.date_line_place() {
        check_span(text, p, "date line place");
    }
}

fuzz_target!(|data: &[u8]| {
    let (mode, rest) = match data.split_first() {
        Some((m, r)) => (*m, r),
        None => (0, data),
    };
    let input = String::from_utf8_lossy(rest).into_owned();
    if mode & 1 == 0 {
        check(&Document::from_article("fuzz", input));
    } else {
        // text \x1f title \x1f published
        let mut parts = input.split('\u{1f}');
        let text = parts.next().unwrap_or_default().to_string();
        let title = parts.next().map(str::to_string);
        let published = parts.next();
        check(&Document::from_parts(sitrep_coder::DocumentParts {
            id: "fuzz".to_string(),
            text,
            title,
            published: published.and_then(|p| sitrep_coder::Published::parse(p).ok()),
            ..sitrep_coder::DocumentParts::default()
        }));
        if let Some(p) = published {
            let _ = sitrep_coder::published::find_published(p);
        }
    }
});
