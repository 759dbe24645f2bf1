//! Data-driven hard place cases from `test_data/places.tsv` (format in its
//! header): each text is coded as a whole document, as `sitrep places`
//! does, and the named toponym must resolve to the expected kind, country
//! and first-order division (or not be a place). All failing rows are
//! reported at once; rows marked `!` (known failures) do not fail.

use sitrep_coder::record::PlaceRecord;
use sitrep_coder::{code_document, Document};
use sitrep_testkit::cases::{known_mark, rows, Row, Tally};

struct Case<'a> {
    line: usize,
    known_failure: bool,
    text: &'a str,
    surface: &'a str,
    expect: &'a str,
}

fn parse(src: &str) -> Vec<Case<'_>> {
    let mut out = Vec::new();
    for Row { line, cols } in rows("places.tsv", src, 4..=4) {
        let (known_failure, text) = known_mark(cols[0]);
        out.push(Case {
            line,
            known_failure,
            text,
            surface: cols[1],
            expect: cols[2],
        });
    }
    out
}

/// The record as written in the table: `none` or FEATURE:COUNTRY[:ADMIN1].
fn shown(rec: Option<&PlaceRecord>, with_admin1: bool) -> String {
    let Some(r) = rec else {
        return "none".to_string();
    };
    let mut s = format!("{}:{}", r.feature, r.country.as_deref().unwrap_or("-"));
    if with_admin1 {
        s.push(':');
        s.push_str(r.admin1.as_deref().unwrap_or(""));
    }
    s
}

#[test]
fn hard_place_cases() {
    let src = std::fs::read_to_string(crate::test_data("places.tsv")).expect("places.tsv reads");
    let cases = parse(&src);
    assert!(cases.len() >= 20, "too few cases");
    let mut tally = Tally::new("places.tsv");
    for c in &cases {
        let known = c.known_failure.then_some("");
        let doc = Document::from_article(&format!("case{}", c.line), c.text.to_string());
        let coded = code_document(crate::lexicon(), &doc);
        let Some(start) = doc.text.find(c.surface) else {
            let why = format!("`{}` not in the text", c.surface);
            tally.record(c.line, Some(why), None);
            continue;
        };
        let start = doc.text[..start].chars().count();
        let rec = coded.places.iter().find(|p| p.start == start);
        // A country given as "" would be a contract breach whatever the row says.
        if rec.is_some_and(|r| r.country.as_deref() == Some("")) {
            tally.record(c.line, Some("empty country code".into()), None);
            continue;
        }
        let with_admin1 = c.expect.split(':').count() == 3;
        let got = shown(rec, with_admin1);
        let failure = (got != c.expect)
            .then(|| format!("`{}` expected {}, got {}", c.surface, c.expect, got));
        tally.record(c.line, failure, known);
    }
    tally.finish();
}
