//! The output contract (GUIDELINES.md, "What a system must output"), checked
//! on every event of a coded document. `violations` returns one line per
//! broken rule so that a failing test shows all of them at once.

use std::collections::HashSet;

use chrono::NaiveDate;
use sitrep_coder::record::{CharSpan, EventRecord};
use sitrep_coder::{code_document, Document, Lexicon};

/// The text of `span` (code points, end exclusive), or why it is not valid.
fn span_text(chars: &[char], span: CharSpan) -> Result<String, String> {
    let [start, end] = span;
    if start > end {
        return Err(format!("span {span:?} is reversed"));
    }
    if end > chars.len() {
        return Err(format!(
            "span {span:?} ends after the document ({} chars)",
            chars.len()
        ));
    }
    Ok(chars[start..end].iter().collect())
}

/// The byte offset of code point `n`, which must exist in `text`.
fn byte_of(text: &str, n: usize) -> Option<usize> {
    text.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .nth(n)
}

fn check_text(
    out: &mut Vec<String>,
    doc: &Document,
    chars: &[char],
    what: &str,
    span: CharSpan,
    text: &str,
) {
    match span_text(chars, span) {
        Err(e) => out.push(format!("{what}: {e}")),
        Ok(t) if t != text => out.push(format!(
            "{what}: text {text:?} but the document has {t:?} at {span:?}"
        )),
        Ok(_) => {}
    }
    // Code points converted back to bytes land on char boundaries.
    for n in span {
        match byte_of(&doc.text, n) {
            Some(b) if doc.text.is_char_boundary(b) => {}
            _ => out.push(format!("{what}: offset {n} is not a char boundary")),
        }
    }
}

fn parse_date(out: &mut Vec<String>, what: &str, d: &str) -> Option<NaiveDate> {
    let parsed = NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    if parsed.is_none() {
        out.push(format!("{what}: {d:?} is not an ISO date"));
    }
    parsed
}

/// Every rule the contract sets for one event.
pub fn event_violations(
    lex: &Lexicon,
    doc: &Document,
    ev: &EventRecord,
    rules: &HashSet<&str>,
) -> Vec<String> {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut out = Vec::new();
    if ev.doc_id != doc.id {
        out.push(format!("doc_id {:?} is not {:?}", ev.doc_id, doc.id));
    }
    check_text(&mut out, doc, &chars, "sentence", ev.span, &ev.sentence);
    let inside = |s: CharSpan| ev.span[0] <= s[0] && s[1] <= ev.span[1];
    check_text(
        &mut out,
        doc,
        &chars,
        "trigger",
        ev.trigger.span,
        &ev.trigger.text,
    );
    if !inside(ev.trigger.span) {
        out.push(format!(
            "trigger {:?} lies outside the sentence",
            ev.trigger.span
        ));
    }
    for (what, actor) in [("source", &ev.source), ("target", &ev.target)] {
        if let Some(a) = actor {
            check_text(&mut out, doc, &chars, what, a.span, &a.text);
            if a.code.is_empty() {
                out.push(format!("{what}: empty code"));
            }
        }
    }
    if let Some(d) = &ev.date_text {
        check_text(&mut out, doc, &chars, "date_text", d.span, &d.text);
    }
    if let Some(loc) = &ev.location {
        match (&loc.span, &loc.text) {
            (Some(span), Some(text)) => check_text(&mut out, doc, &chars, "location", *span, text),
            (None, None) => {}
            _ => out.push("location: span and text must come together".to_string()),
        }
        if loc.code.len() != 3 || !loc.code.chars().all(|c| c.is_ascii_uppercase()) {
            out.push(format!("location: code {:?} is not ISO alpha-3", loc.code));
        }
    }
    // "+intent", "+refusal", "+demanded": the stance the pattern was coded in.
    let base = ev.rule.split('+').next().unwrap_or(&ev.rule);
    if !rules.contains(base) {
        out.push(format!("rule {:?} is not in patterns.tsv", ev.rule));
    }
    if !(2..=4).contains(&ev.cameo.len()) || !ev.cameo.chars().all(|c| c.is_ascii_digit()) {
        out.push(format!("cameo {:?} is not 2-4 digits", ev.cameo));
    }
    if !(-10.0..=10.0).contains(&ev.intensity) {
        out.push(format!("intensity {} outside -10..10", ev.intensity));
    }
    let from = ev
        .date
        .as_deref()
        .and_then(|d| parse_date(&mut out, "date", d));
    if let Some(end) = ev.date_end.as_deref() {
        let to = parse_date(&mut out, "date_end", end);
        match (from, to) {
            (Some(f), Some(t)) if t < f => out.push(format!("date_end {t} before date {f}")),
            (None, _) => out.push("date_end without date".to_string()),
            _ => {}
        }
    }
    // The precision says where the date came from.
    let from_text = ["day", "week", "month", "year"].contains(&ev.date_precision.as_str());
    match ev.date_precision.as_str() {
        _ if from_text && ev.date_text.is_none() => out.push(format!(
            "date_precision {:?} without date_text",
            ev.date_precision
        )),
        "carried" | "publication" | "unknown" if ev.date_text.is_some() => out.push(format!(
            "date_precision {:?} with a date_text",
            ev.date_precision
        )),
        "unknown" if ev.date.is_some() => {
            out.push("date_precision unknown with a date".to_string())
        }
        "day" | "week" | "month" | "year" | "carried" | "publication" | "unknown" => {}
        other => out.push(format!("date_precision {other:?} is not a known value")),
    }
    if ev.date.is_none() && ev.date_precision != "unknown" {
        out.push(format!(
            "no date but date_precision {:?}",
            ev.date_precision
        ));
    }
    let _ = lex;
    out
}

/// The ids of all patterns of the lexicon.
pub fn rule_ids(lex: &Lexicon) -> HashSet<&str> {
    lex.patterns
        .patterns()
        .iter()
        .map(|p| p.id.as_str())
        .collect()
}

/// Every contract violation of a document's events, including duplicate
/// event ids and non-deterministic output.
pub fn violations(lex: &Lexicon, doc: &Document, events: &[EventRecord]) -> Vec<String> {
    let rules = rule_ids(lex);
    let mut out = Vec::new();
    let mut ids = HashSet::new();
    for (i, ev) in events.iter().enumerate() {
        for v in event_violations(lex, doc, ev, &rules) {
            out.push(format!("{} event {i} ({}): {v}", doc.id, ev.category));
        }
        if !ids.insert(ev.event_id.as_str()) {
            out.push(format!(
                "{} event {i}: duplicate event_id {}",
                doc.id, ev.event_id
            ));
        }
    }
    let first = serde_json::to_string(events).expect("events serialise");
    let again = serde_json::to_string(&code_document(lex, doc).events).expect("events serialise");
    if first != again {
        out.push(format!("{}: coding twice gives different output", doc.id));
    }
    out
}

/// Violations the coder is known to produce today (substrings of the
/// messages above); `assert_compliant` reports them on stderr instead of
/// failing, `assert_strictly_compliant` fails on them too.
pub const KNOWN_GAPS: &[(&str, &str)] = &[];

/// Panics with every violation listed, except the known gaps.
pub fn assert_compliant(lex: &Lexicon, doc: &Document, events: &[EventRecord]) {
    let (known, v): (Vec<String>, Vec<String>) = violations(lex, doc, events)
        .into_iter()
        .partition(|l| KNOWN_GAPS.iter().any(|(k, _)| l.contains(k)));
    if !known.is_empty() {
        eprintln!("known contract gaps:\n{}", known.join("\n"));
    }
    assert!(v.is_empty(), "contract violations:\n{}", v.join("\n"));
}

/// Panics with every violation listed, known gaps included.
pub fn assert_strictly_compliant(lex: &Lexicon, doc: &Document, events: &[EventRecord]) {
    let v = violations(lex, doc, events);
    assert!(v.is_empty(), "contract violations:\n{}", v.join("\n"));
}

#[test]
fn multibyte_text_keeps_code_point_offsets() {
    // Curly quotes and accented names before and inside the event sentence.
    let text = "Côte d’Ivoire expels French envoy\n\nCôte d'Ivoire 2 May 2023 10:00 (UTC +00:00)\n\nABIDJAN, Côte d’Ivoire, May 2\n\n“We have no choice,” said Kandia Camara. Côte d’Ivoire’s government expelled the French ambassador on Tuesday.\n";
    let lex = crate::lexicon();
    let doc = Document::from_article("multibyte", text.to_string());
    let coded = code_document(lex, &doc);
    assert_compliant(lex, &doc, &coded.events);
}

#[test]
fn empty_and_layoutless_documents_are_compliant() {
    let lex = crate::lexicon();
    for (id, text) in [
        ("empty", ""),
        ("blank", "\n\n\n"),
        (
            "plain",
            "Police arrested ten protesters in Minsk on Sunday.",
        ),
    ] {
        let doc = Document::from_article(id, text.to_string());
        let coded = code_document(lex, &doc);
        assert_compliant(lex, &doc, &coded.events);
    }
}

#[test]
fn jsonl_documents_are_compliant() {
    // A JSONL line: title apart from the text, with and without a date.
    let lex = crate::lexicon();
    let text = "KYIV, Ukraine, May 3 (Reuters) - Russian forces shelled Kharkiv on Tuesday, \
                and Ukraine’s President Volodymyr Zelensky condemned the attack. \
                The European Union on Wednesday urged Moscow to withdraw its troops.";
    for published in [Some("2022-05-04T10:00:00+03:00"), Some("2022-05-04"), None] {
        let doc = Document::from_parts(sitrep_coder::DocumentParts {
            id: "jsonl".to_string(),
            text: text.to_string(),
            title: Some("Russia shells Kharkiv".to_string()),
            published: published.and_then(|p| sitrep_coder::Published::parse(p).ok()),
            ..sitrep_coder::DocumentParts::default()
        });
        let coded = code_document(lex, &doc);
        assert!(!coded.events.is_empty(), "no events coded ({published:?})");
        assert_compliant(lex, &doc, &coded.events);
    }
}

#[test]
fn rejects_a_broken_record() {
    // The asserter itself must catch broken spans and unknown rules.
    let lex = crate::lexicon();
    let doc = Document::from_article("broken", "Russia condemned Ukraine on Monday.".to_string());
    let coded = code_document(lex, &doc);
    let mut ev = coded
        .events
        .first()
        .cloned()
        .expect("\"Russia condemned Ukraine\" gives an event");
    ev.span = [0, 10_000];
    ev.rule = "no.such-rule".to_string();
    ev.cameo = "12345".to_string();
    let v = violations(lex, &doc, &[ev.clone(), ev]);
    for needle in ["sentence", "rule", "cameo", "duplicate event_id"] {
        assert!(
            v.iter().any(|l| l.contains(needle)),
            "{needle} not caught: {v:#?}"
        );
    }
}
