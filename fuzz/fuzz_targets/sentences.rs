//! Sentence splitting and tokenising: spans inside the requested range, on
//! char boundaries, ordered and not overlapping.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_coder::sentences::split_sentences;
use sitrep_coder::tokens::tokenize;
use sitrep_coder::Span;

#[path = "common.rs"]
mod common;
use common::{boundary_at, check_span, check_within};

fuzz_target!(|data: &[u8]| {
    let (start, rest) = match data.split_first() {
        Some((s, r)) => (usize::from(*s), r),
        None => (0, data),
    };
    let text = String::from_utf8_lossy(rest);
    let text = text.as_ref();
    for within in [
        Span::new(0, text.len()),
        Span::new(boundary_at(text, start), text.len()),
    ] {
        let sentences = split_sentences(text, within);
        let mut last_end = within.start;
        for s in &sentences {
            check_span(text, *s, "sentence");
            check_within(within, *s, "sentence");
            assert!(s.start >= last_end, "sentences overlap or go backwards");
            assert!(!s.is_empty(), "empty sentence {s:?}");
            last_end = s.end;
            let mut tok_end = s.start;
            for t in tokenize(text, *s) {
                check_span(text, t.span, "token");
                check_within(*s, t.span, "token");
                assert!(t.span.start >= tok_end, "tokens overlap");
                tok_end = t.span.end;
            }
        }
    }
});
