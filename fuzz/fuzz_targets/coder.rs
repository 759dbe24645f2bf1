//! The whole coder: `code_document` on fuzzed article text with the
//! built-in lexicon. Every record's spans, converted back from code points,
//! must select the text the record quotes.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use sitrep_coder::{code_document, Document, Lexicon};

static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::embedded().expect("built-in data loads"));

/// The text between code-point offsets `[a, b)`, if they fit.
fn chars(text: &str, span: [usize; 2]) -> Option<String> {
    let [a, b] = span;
    (a <= b && b <= text.chars().count()).then(|| text.chars().skip(a).take(b - a).collect())
}

fuzz_target!(|data: &[u8]| {
    let (mode, rest) = match data.split_first() {
        Some((m, r)) => (*m, r),
        None => (0, data),
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let doc = if mode & 1 == 0 {
        Document::from_article("fuzz", text)
    } else {
        Document::from_parts(sitrep_coder::DocumentParts {
            id: "fuzz".to_string(),
            text,
            published: sitrep_coder::Published::parse("2024-05-14").ok(),
            ..sitrep_coder::DocumentParts::default()
        })
    };
    let coded = code_document(&LEXICON, &doc);
    let t = doc.text.as_str();
    for ev in &coded.events {
        assert_eq!(
            chars(t, ev.span).as_deref(),
            Some(ev.sentence.as_str()),
            "sentence span"
        );
        assert_eq!(
            chars(t, ev.trigger.span).as_deref(),
            Some(ev.trigger.text.as_str()),
            "trigger span"
        );
        for actor in [&ev.source, &ev.target].into_iter().flatten() {
            assert_eq!(
                chars(t, actor.span).as_deref(),
                Some(actor.text.as_str()),
                "actor span"
            );
        }
        if let Some(d) = &ev.date_text {
            assert_eq!(
                chars(t, d.span).as_deref(),
                Some(d.text.as_str()),
                "date span"
            );
        }
        if let Some(loc) = &ev.location {
            if let (Some(span), Some(text)) = (loc.span, &loc.text) {
                assert_eq!(
                    chars(t, span).as_deref(),
                    Some(text.as_str()),
                    "location span"
                );
            }
        }
    }
    for p in &coded.places {
        assert_eq!(
            chars(t, [p.start, p.end]).as_deref(),
            Some(p.text.as_str()),
            "place span"
        );
    }
});
