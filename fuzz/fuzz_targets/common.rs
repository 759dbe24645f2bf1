//! Invariants shared by the targets: a broken one is a crash.
#![allow(dead_code)]

use sitrep_coder::Span;

/// The span lies inside `text` and both ends are char boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
}

/// `inner` lies inside `outer`.
pub fn check_within(outer: Span, inner: Span, what: &str) {
    assert!(outer.contains(inner), "{what}: {inner:?} outside {outer:?}");
}

/// The first char boundary at or after `i` (clamped to the text).
pub fn boundary_at(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}
