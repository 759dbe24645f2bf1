//! Sentence splitting that survives news prose: abbreviations ("Jan.",
//! "Gen.", "U.S.", "Lt."), initials, numbers, quotes and brackets.
//! (Interface fixed; implementation in progress.)

use crate::document::Span;

/// Splits `text[within]` into sentences, returned as byte spans of `text`
/// with surrounding white space trimmed off. Paragraph breaks (blank lines)
/// always end a sentence. Never panics, whatever the text.
pub fn split_sentences(text: &str, within: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let body = within.of(text);
    let trimmed = body.trim();
    if !trimmed.is_empty() {
        let start = within.start + (body.len() - body.trim_start().len());
        out.push(Span::new(start, start + trimmed.len()));
    }
    out
}
