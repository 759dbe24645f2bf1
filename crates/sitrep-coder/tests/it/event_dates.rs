//! Data-driven cases of an event's date from `test_data/event_dates.tsv`
//! (format in its header): each text is coded as a whole document, and the
//! first event of the given category and source must carry the expected
//! `date`, `date_end` and `date_precision`. All failing rows are reported at
//! once.

use sitrep_coder::record::EventRecord;
use sitrep_coder::{code_document, Document};

/// One row of the table.
struct Case<'a> {
    line: usize,
    published: Option<&'a str>,
    text: String,
    category: &'a str,
    source: &'a str,
    date: Option<&'a str>,
    date_end: Option<&'a str>,
    precision: &'a str,
}

/// `-` is an absent value.
fn optional(col: &str) -> Option<&str> {
    (col != "-").then_some(col)
}

fn parse(src: &str) -> Vec<Case<'_>> {
    let mut out = Vec::new();
    for (i, raw) in src.lines().enumerate() {
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = raw.split('\t').collect();
        let [_name, published, text, event, date, date_end, precision] = cols[..] else {
            panic!("event_dates.tsv:{}: 7 columns expected", i + 1);
        };
        let (category, source) = event
            .split_once(' ')
            .unwrap_or_else(|| panic!("event_dates.tsv:{}: EVENT is CATEGORY SOURCE", i + 1));
        out.push(Case {
            line: i + 1,
            published: optional(published),
            // Paragraph breaks are written `\n` to keep a row on one line.
            text: text.replace("\\n", "\n"),
            category,
            source,
            date: optional(date),
            date_end: optional(date_end),
            precision,
        });
    }
    out
}

fn source_code(e: &EventRecord) -> &str {
    e.source.as_ref().map_or("", |a| a.code.as_str())
}

/// `None` when the case passes, else what went wrong.
fn run(case: &Case<'_>) -> Option<String> {
    let doc = Document::from_parts(sitrep_coder::DocumentParts {
        id: format!("date-case-{}", case.line),
        text: case.text.clone(),
        published: case
            .published
            .and_then(|p| sitrep_coder::Published::parse(p).ok()),
        ..sitrep_coder::DocumentParts::default()
    });
    let coded = code_document(crate::lexicon(), &doc);
    let Some(e) = coded
        .events
        .iter()
        .find(|e| e.category == case.category && source_code(e) == case.source)
    else {
        let found: Vec<String> = coded
            .events
            .iter()
            .map(|e| format!("{} {}", e.category, source_code(e)))
            .collect();
        return Some(format!(
            "no {} {} event (found: {})",
            case.category,
            case.source,
            found.join(", ")
        ));
    };
    let got = (
        e.date.as_deref(),
        e.date_end.as_deref(),
        e.date_precision.as_str(),
    );
    let want = (case.date, case.date_end, case.precision);
    (got != want).then(|| format!("expected {want:?}, got {got:?}"))
}

#[test]
fn event_date_cases() {
    let path = crate::test_data("event_dates.tsv");
    let src = std::fs::read_to_string(&path).expect("event_dates.tsv");
    let cases = parse(&src);
    assert!(cases.len() >= 10, "only {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| run(c).map(|why| format!("event_dates.tsv:{}: {why}", c.line)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
