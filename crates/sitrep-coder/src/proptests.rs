//! Property tests over generated text: every span any stage returns lies
//! inside the document (and inside the range it was asked about), on char
//! boundaries; sentences come in order without overlap; coding is
//! deterministic; record offsets (code points) select the text they quote.
//!
//! The generated text mixes news vocabulary (actors, event verbs, dates,
//! places, abbreviations) with punctuation, line breaks, multi-byte
//! characters and arbitrary strings, so the stages have something to find.

use std::sync::LazyLock;

use chrono::NaiveDate;
use proptest::prelude::*;

use crate::dates::{find_time_expressions, TimeValue};
use crate::places::PlaceContext;
use crate::sentences::split_sentences;
use crate::tokens::tokenize;
use crate::{code_document, Document, Lexicon, Span};

static LEXICON: LazyLock<Option<Lexicon>> = LazyLock::new(|| Lexicon::embedded().ok());

fn lexicon() -> &'static Lexicon {
    LEXICON.as_ref().expect("built-in data loads")
}

const VOCAB: &[&str] = &[
    "Mali's",
    "government",
    "accused",
    "Burkina",
    "Faso",
    "Russia",
    "withdrew",
    "troops",
    "from",
    "Kazakhstan",
    "the",
    "CSTO",
    "said",
    "on",
    "Tuesday",
    "late",
    "Jan.",
    "4",
    "last",
    "week",
    "police",
    "detained",
    "protesters",
    "in",
    "Almaty",
    "President",
    "Tokayev",
    "U.S.",
    "Gen.",
    "Smith",
    "would",
    "not",
    "attack",
    "Israel",
    "struck",
    "Gaza",
    "killing",
    "5",
    "people",
    "next",
    "Monday",
    "for",
    "10",
    "days",
    "Feb.",
    "30",
    "2024-05-14",
    "Ukraine",
    "’s",
    "n't",
    "Kyiv",
    "Georgia",
    "Alexandria",
    "Paris",
    "talks",
    "ended",
    "signed",
    "agreement",
    "with",
    "Iran",
    "condemned",
    "strikes",
    ".",
    ",",
    ";",
    ":",
    "?",
    "!",
    "\"",
    "“",
    "”",
    "(",
    ")",
    "...",
    "…",
    "—",
    "-",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " ",
    "é",
    "Ü",
    "日本",
    "🙂",
    "\u{feff}",
    "\u{301}",
    "\u{a0}",
];

/// A piece of text: mostly vocabulary, sometimes arbitrary.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(VOCAB).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[A-Za-z]{1,10}",
        1 => "\\PC{0,12}",
    ]
}

/// Generated text of up to `max` pieces, joined by single spaces or nothing.
fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec((piece(), any::<bool>()), 0..max).prop_map(|parts| {
        let mut s = String::new();
        for (p, space) in parts {
            s.push_str(&p);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

/// An article laid out as the reader expects, around generated body text.
fn article() -> impl Strategy<Value = String> {
    (text(8), text(120), any::<bool>()).prop_map(|(headline, body, layout)| {
        if layout {
            format!("{headline}\n\nMali 14 May 2024 10:00 (UTC +00:00)\n\nBAMAKO, Mali\n\n{body}")
        } else {
            body
        }
    })
}

fn anchor() -> impl Strategy<Value = NaiveDate> {
    (0i64..60_000).prop_map(|d| {
        NaiveDate::from_ymd_opt(1900, 1, 1)
            .and_then(|b| b.checked_add_signed(chrono::Duration::days(d)))
            .unwrap_or_default()
    })
}

/// Any range of the text, its ends anywhere (also inside a char or past the end).
fn range_of(len: usize) -> impl Strategy<Value = Span> {
    (0..=len + 4, 0..=len + 4).prop_map(|(a, b)| Span::new(a.min(b), a.max(b)))
}

fn assert_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end && span.end <= text.len(),
        "{}: {:?} outside a text of {} bytes",
        what,
        span,
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{}: {:?} not on char boundaries",
        what,
        span
    );
    Ok(())
}

/// `span` clamped to the text, both ends moved back onto char boundaries.
fn floor_range(text: &str, span: Span) -> Span {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let end = floor(span.end);
    Span::new(floor(span.start).min(end), end)
}

/// The text between code-point offsets, if they fit.
fn by_chars(text: &str, [a, b]: [usize; 2]) -> Option<String> {
    (a <= b && b <= text.chars().count()).then(|| text.chars().skip(a).take(b - a).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn sentences_and_tokens_stay_inside(
        (text, within) in text(150).prop_flat_map(|t| { let n = t.len(); (Just(t), range_of(n)) })
    ) {
        let sentences = split_sentences(&text, within);
        // `split_sentences` clamps the range to the text and moves both
        // ends back onto char boundaries (callers pass boundaries anyway).
        let within = floor_range(&text, within);
        let mut last_end = 0;
        for s in &sentences {
            assert_span(&text, *s, "sentence")?;
            prop_assert!(within.contains(*s), "sentence {:?} outside {:?}", s, within);
            prop_assert!(!s.is_empty(), "empty sentence");
            prop_assert!(s.start >= last_end, "sentences overlap or go backwards: {:?}", sentences);
            last_end = s.end;
            let mut tok_end = s.start;
            for t in tokenize(&text, *s) {
                assert_span(&text, t.span, "token")?;
                prop_assert!(s.contains(t.span), "token {:?} outside sentence {:?}", t.span, s);
                prop_assert!(t.span.start >= tok_end, "tokens overlap");
                tok_end = t.span.end;
            }
        }
    }

    #[test]
    fn time_expressions_stay_inside(
        (text, within) in text(80).prop_flat_map(|t| { let n = t.len(); (Just(t), range_of(n)) }),
        anchor in anchor(),
    ) {
        let mut last_end = 0;
        for te in find_time_expressions(&text, within, anchor) {
            assert_span(&text, te.span, "time expression")?;
            prop_assert!(within.contains(te.span), "{:?} outside {:?}", te.span, within);
            prop_assert!(te.span.start >= last_end, "time expressions overlap");
            last_end = te.span.end;
            if let TimeValue::Window { start, end, .. } = te.value {
                prop_assert!(start <= end, "window reversed: {} .. {}", start, end);
            }
        }
    }

    #[test]
    fn places_stay_inside(text in text(80)) {
        let lex = lexicon();
        for m in lex.gazetteer.find_places(&text, &PlaceContext::default()) {
            assert_span(&text, m.span, "place")?;
            prop_assert!(m.place < lex.gazetteer.len());
        }
    }

    #[test]
    fn document_layout_stays_inside(text in article()) {
        let doc = Document::from_article("p", text);
        let t = doc.text.as_str();
        for (what, span) in [("headline", doc.headline), ("dateline", doc.dateline), ("date line place", doc.date_line_place())] {
            if let Some(span) = span {
                assert_span(t, span, what)?;
            }
        }
        assert_span(t, Span::new(doc.body_start, t.len()), "body")?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Every span of every record, turned back from code points, selects
    /// exactly the text the record quotes; coding twice gives the same JSON.
    #[test]
    fn records_quote_their_spans_and_are_deterministic(text in article(), jsonl in any::<bool>()) {
        let lex = lexicon();
        let doc = if jsonl {
            Document::from_parts(crate::DocumentParts {
                id: "p".into(),
                text,
                published: crate::Published::parse("2024-05-14").ok(),
                ..crate::DocumentParts::default()
            })
        } else {
            Document::from_article("p", text)
        };
        let t = doc.text.as_str();
        let first = code_document(lex, &doc);
        for ev in &first.events {
            prop_assert_eq!(by_chars(t, ev.span), Some(ev.sentence.clone()), "sentence span");
            prop_assert_eq!(by_chars(t, ev.trigger.span), Some(ev.trigger.text.clone()), "trigger span");
            for actor in [&ev.source, &ev.target].into_iter().flatten() {
                prop_assert_eq!(by_chars(t, actor.span), Some(actor.text.clone()), "actor span");
            }
            if let Some(d) = &ev.date_text {
                prop_assert_eq!(by_chars(t, d.span), Some(d.text.clone()), "date span");
            }
            if let Some(loc) = &ev.location {
                if let (Some(span), Some(text)) = (loc.span, &loc.text) {
                    prop_assert_eq!(by_chars(t, span), Some(text.clone()), "location span");
                }
            }
        }
        for p in &first.places {
            prop_assert_eq!(by_chars(t, [p.start, p.end]), Some(p.text.clone()), "place span");
        }
        let json = |c: &crate::CodedDocument| -> Result<String, TestCaseError> {
            let mut out = String::new();
            for ev in &c.events {
                out.push_str(&serde_json::to_string(ev).map_err(|e| TestCaseError::fail(e.to_string()))?);
                out.push('\n');
            }
            for p in &c.places {
                out.push_str(&serde_json::to_string(p).map_err(|e| TestCaseError::fail(e.to_string()))?);
                out.push('\n');
            }
            Ok(out)
        };
        let second = code_document(lex, &doc);
        prop_assert_eq!(json(&first)?, json(&second)?, "coding twice differs");
    }
}
