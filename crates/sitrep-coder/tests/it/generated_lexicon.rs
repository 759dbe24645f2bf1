//! Data-driven cases for the generated verb lexicon
//! (`test_data/generated_lexicon.tsv`, format in its header): each sentence is
//! coded as a one-sentence document with the built-in data, and the row's rule
//! must fire with the expected type, code and actors, or, for a `-` rule, no
//! generated entry may fire. All failing rows are reported at once; rows
//! marked `!` are known failures, reported but not failed.

use sitrep_coder::record::{ActorRecord, EventRecord};
use sitrep_coder::{code_document, Document};

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
    for (i, raw) in src.lines().enumerate() {
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = raw.split('\t').collect();
        assert_eq!(
            cols.len(),
            7,
            "generated_lexicon.tsv:{}: 7 columns expected",
            i + 1
        );
        let (known_failure, sentence) = match cols[1].strip_prefix('!') {
            Some(s) => (true, s),
            None => (false, cols[1]),
        };
        out.push(Case {
            line: i + 1,
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
    let mut failures = Vec::new();
    for case in &cases {
        let doc = Document::from_parts(sitrep_coder::DocumentParts {
            id: format!("case-{}", case.line),
            text: case.sentence.to_string(),
            published: sitrep_coder::Published::parse("2021-05-01").ok(),
            ..sitrep_coder::DocumentParts::default()
        });
        let events = code_document(crate::lexicon(), &doc).events;
        if let Some(why) = check(case, &events) {
            let mark = if case.known_failure { "known" } else { "FAIL" };
            let msg = format!("{mark} line {} ({}): {why}", case.line, case.family);
            eprintln!("{msg}");
            if !case.known_failure {
                failures.push(msg);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
