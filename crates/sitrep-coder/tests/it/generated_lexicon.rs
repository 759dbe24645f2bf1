//! Data-driven cases for the generated verb lexicon
//! (`test_data/generated_lexicon.tsv`, format in its header): each sentence is
//! coded as a one-sentence document with the built-in data, and the row's rule
//! must fire with the expected type, code and actors, or, for a `-` rule, no
//! generated entry may fire. All failing rows are reported at once; rows
//! marked `!` are known failures, reported but not failed.

use sitrep_coder::record::{ActorRecord, EventRecord};
use sitrep_coder::{code_document, Document};
use sitrep_testkit::cases::{known_mark, rows, Row, Tally};

struct Case<'a> {
    line: usize,
    known_failure: bool,
    family: &'a str,
    sentence: &'a str,
    rule: &'a str,
    expected: [&'a str; 4],
}

fn parse(src: &str) -> Vec<Case<'_>> {
    let mut out = Vec::new();
    for Row { line, cols } in rows("generated_lexicon.tsv", src, 7..=7) {
        let (known_failure, sentence) = known_mark(cols[1]);
        out.push(Case {
            line,
            known_failure,
            family: cols[0],
            sentence,
            rule: cols[2],
            expected: [cols[3], cols[4], cols[5], cols[6]],
        });
    }
    out
}

fn is_generated(rule: &str) -> bool {
    rule.starts_with("petr2.") || rule.starts_with("tabari.")
}

fn code(e: Option<&ActorRecord>) -> &str {
    e.map_or("-", |a| a.code.as_str())
}

/// Why a case fails, or `None` when it passes.
fn check(case: &Case<'_>, events: &[EventRecord]) -> Option<String> {
    let seen = || {
        events
            .iter()
            .map(|e| format!("{} {} {}", e.rule, e.category, e.cameo))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if case.rule == "-" {
        return events
            .iter()
            .any(|e| is_generated(&e.rule))
            .then(|| format!("a generated entry fired: {}", seen()));
    }
    let Some(e) = events.iter().find(|e| e.rule == case.rule) else {
        return Some(format!(
            "rule {} did not fire (events: {})",
            case.rule,
            seen()
        ));
    };
    let got = [
        e.category.as_str(),
        e.cameo.as_str(),
        code(e.source.as_ref()),
        code(e.target.as_ref()),
    ];
    (got != case.expected).then(|| format!("expected {:?}, got {:?}", case.expected, got))
}

#[test]
fn generated_lexicon_cases() {
    let path = crate::test_data("generated_lexicon.tsv");
    let src = std::fs::read_to_string(&path).expect("test_data/generated_lexicon.tsv");
    let cases = parse(&src);
    assert!(!cases.is_empty());
    let mut tally = Tally::new("generated_lexicon.tsv");
    for case in &cases {
        let doc = Document::from_parts(sitrep_coder::DocumentParts {
            id: format!("case-{}", case.line),
            text: case.sentence.to_string(),
            published: sitrep_coder::Published::parse("2021-05-01").ok(),
            ..sitrep_coder::DocumentParts::default()
        });
        let events = code_document(crate::lexicon(), &doc).events;
        let failure = check(case, &events).map(|why| format!("({}) {why}", case.family));
        tally.record(case.line, failure, case.known_failure.then_some(""));
    }
    tally.finish();
}
