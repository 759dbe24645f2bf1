//! Data-driven event cases from `test_data/events.tsv` (format in its
//! header): each text is coded as a whole document through `code_document`,
//! and the events coded must be exactly the expected ones (category, source,
//! target, first day). All failing rows are reported at once; rows whose
//! status is `known: REASON` are reported but do not fail, and a known
//! failure that passes is reported so that its mark can be dropped. The
//! capability figure per phenomenon (the `family` column's first part) is
//! printed, and `SITREP_CASES_JSON=FILE` writes it for the evaluation report.

use sitrep_coder::record::EventRecord;
use sitrep_coder::{code_document, Document};
use sitrep_testkit::cases::{assert_unique_names, rows, Row, Tally};

/// One expected event: category, source, target (`None`: no one named, so
/// null or the source's own code, as `score.py --targets own` accepts), first
/// day (`None`: not checked).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expected {
    category: String,
    source: String,
    target: Option<String>,
    date: Option<String>,
}

struct Case<'a> {
    line: usize,
    family: &'a str,
    known: Option<&'a str>,
    published: Option<&'a str>,
    /// The text with `\n` read as a line break (a paragraph break between
    /// sentences).
    text: String,
    expected: Vec<Expected>,
}

fn parse_expected(line: usize, col: &str) -> Vec<Expected> {
    if col == "none" {
        return Vec::new();
    }
    col.split(';')
        .map(|e| {
            let parts: Vec<&str> = e.split_whitespace().collect();
            assert!(
                parts.len() == 4,
                "events.tsv:{line}: an expected event is CATEGORY SOURCE TARGET DATE, got {e:?}"
            );
            Expected {
                category: parts[0].to_string(),
                source: parts[1].to_string(),
                target: (parts[2] != "-").then(|| parts[2].to_string()),
                date: (parts[3] != "*").then(|| parts[3].to_string()),
            }
        })
        .collect()
}

fn parse(src: &str) -> Vec<Case<'_>> {
    let mut out = Vec::new();
    let table = rows("events.tsv", src, 5..=5);
    assert_unique_names("events.tsv", &table);
    for Row { line, cols } in table {
        let known = match cols[1] {
            "ok" => None,
            s => Some(s.strip_prefix("known:").map(str::trim).unwrap_or_else(|| {
                panic!("events.tsv:{}: status is `ok` or `known: REASON`", line)
            })),
        };
        out.push(Case {
            line,
            family: cols[0],
            known,
            published: (cols[2] != "-").then_some(cols[2]),
            text: cols[3].replace("\\n", "\n"),
            expected: parse_expected(line, cols[4]),
        });
    }
    out
}

fn as_expected(e: &EventRecord) -> Expected {
    Expected {
        category: e.category.to_string(),
        source: e
            .source
            .as_ref()
            .map(|a| a.code.clone())
            .unwrap_or_default(),
        target: e.target.as_ref().map(|a| a.code.clone()),
        date: e.date.clone(),
    }
}

fn show(e: &Expected) -> String {
    format!(
        "{} {} {} {}",
        e.category,
        e.source,
        e.target.as_deref().unwrap_or("-"),
        e.date.as_deref().unwrap_or("*")
    )
}

/// `None` when the case passes, else what went wrong.
fn run(case: &Case<'_>) -> Option<String> {
    let doc = Document::from_parts(sitrep_coder::DocumentParts {
        id: format!("case-{}", case.line),
        text: case.text.clone(),
        published: case
            .published
            .and_then(|p| sitrep_coder::Published::parse(p).ok()),
        ..sitrep_coder::DocumentParts::default()
    });
    let coded = code_document(crate::lexicon(), &doc);
    // The store keys events by id: two events of a document never share one.
    let mut ids: Vec<&str> = coded.events.iter().map(|e| e.event_id.as_str()).collect();
    ids.sort_unstable();
    if ids.windows(2).any(|w| w[0] == w[1]) {
        return Some(format!("two events share an id: {ids:?}"));
    }
    let mut got: Vec<Expected> = coded.events.iter().map(as_expected).collect();
    let mut missing = Vec::new();
    for want in &case.expected {
        let hit = got.iter().position(|g| {
            g.category == want.category
                && g.source == want.source
                && (g.target == want.target
                    || want.target.is_none() && g.target.as_deref() == Some(g.source.as_str()))
                && (want.date.is_none() || g.date == want.date)
        });
        match hit {
            Some(k) => {
                got.remove(k);
            }
            None => missing.push(show(want)),
        }
    }
    if missing.is_empty() && got.is_empty() {
        return None;
    }
    let rules: Vec<&str> = coded.events.iter().map(|e| e.rule.as_str()).collect();
    Some(format!(
        "missing [{}], extra [{}] (rules fired: {})",
        missing.join("; "),
        got.iter().map(show).collect::<Vec<_>>().join("; "),
        rules.join(", ")
    ))
}

#[test]
fn event_cases() {
    let path = crate::test_data("events.tsv");
    let src = std::fs::read_to_string(&path).expect("events.tsv");
    let cases = parse(&src);
    assert!(
        cases.len() >= 60,
        "at least 60 cases, found {}",
        cases.len()
    );
    let mut tally = Tally::new("events.tsv");
    // Phenomenon → (cases, passing).
    let mut capability: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for case in &cases {
        let result = run(case);
        let phenomenon = case.family.split('.').next().unwrap_or(case.family);
        let entry = capability.entry(phenomenon).or_default();
        entry.0 += 1;
        entry.1 += usize::from(result.is_none());
        tally.record(case.line, result, case.known);
    }
    let total: usize = capability.values().map(|v| v.0).sum();
    let passing: usize = capability.values().map(|v| v.1).sum();
    eprintln!("event cases: {passing} of {total} pass");
    for (name, (n, ok)) in &capability {
        eprintln!("  {name:<14} {ok:>3} / {n:<3}");
    }
    if let Ok(out) = std::env::var("SITREP_CASES_JSON") {
        let table: serde_json::Map<String, serde_json::Value> = capability
            .iter()
            .map(|(k, (n, ok))| (k.to_string(), serde_json::json!({"cases": n, "pass": ok})))
            .collect();
        std::fs::write(&out, serde_json::Value::Object(table).to_string())
            .expect("write cases json");
    }
    tally.finish();
}

/// The source code of the first event of `category` that sitrep codes in
/// the article `text`: the tests of whole-document context that a case row
/// cannot carry (headline, date line).
fn first_source_of(doc_id: &str, text: String, category: sitrep_coder::Category) -> Option<String> {
    let doc = Document::from_article(doc_id, text);
    let coded = code_document(crate::lexicon(), &doc);
    coded
        .events
        .iter()
        .find(|e| e.category == category)
        .and_then(|e| e.source.as_ref().map(|s| s.code.clone()))
}

/// The headline's country (`coder::headline_weighed`), which a case row
/// cannot carry: a hyphenated origin in the headline ("Chinese-brokered
/// truce") does not make the story Chinese, so the army of the body's first
/// sentence is the dateline's; a plain demonym in the headline still weighs.
#[test]
fn headline_hyphen_origin_weighs_nothing() {
    let body = "\n\nMyanmar 10 December 2026 18:05 (UTC +06:30)\n\nYANGON, Myanmar, Dec. 10.\n\n\
                The army bombed a market on Wednesday.\n\n\
                Chinese envoys said on Thursday that China had called for calm and that Beijing was concerned.\n";
    let assault = |headline: &str| {
        first_source_of(
            "headline",
            format!("{headline}{body}"),
            sitrep_coder::Category::Assault,
        )
    };
    assert_eq!(
        assault("Myanmar strikes shatter Chinese-brokered truce").as_deref(),
        Some("MMR")
    );
    assert_eq!(
        assault("Myanmar strikes shatter Chinese truce").as_deref(),
        Some("CHN")
    );
}

/// The place of the publication date line (`coder::date_line_place_countries`),
/// which a case row cannot carry: with a dateline naming a town abroad and a
/// body naming two countries once each, the police of the first sentence
/// belong to the country the date line files the story under.
#[test]
fn date_line_place_weighs_for_story_country() {
    let arrest = |place: &str| -> Option<String> {
        let text = format!(
            "Two men held after border shooting\n\n{place} 9 December 2026 18:05 (UTC -05:00)\n\n\
             GENEVA, Dec. 9.\n\n\
             Police arrested two men on Tuesday.\n\n\
             The Ecuadorean foreign ministry protested to Peru on Wednesday.\n"
        );
        first_source_of("date-line-place", text, sitrep_coder::Category::Coerce)
    };
    assert_eq!(arrest("Peru").as_deref(), Some("PER"));
    assert_eq!(arrest("Ecuador").as_deref(), Some("ECU"));
}
