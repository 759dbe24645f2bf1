//! Data-driven actor cases from `test_data/actors.tsv` (format in its
//! header): each sentence is read as a one-sentence document through the
//! public stages `tokens::tokenize`, `mentions::find_mentions` and
//! `actors::resolve_actors`, and the phrase named in the row must resolve
//! to the expected code and sector. All failing rows are reported at once;
//! rows marked `!` (known failures) are reported but do not fail.

use chrono::NaiveDate;
use sitrep_coder::actors::{resolve_actors, sentence_countries, ActorMemory, ActorPhrase};
use sitrep_coder::mentions::find_mentions;
use sitrep_coder::tokens::{tokenize, Token};
use sitrep_coder::Span;
use sitrep_testkit::cases::{known_mark, rows, Row, Tally};

struct Case<'a> {
    line: usize,
    known_failure: bool,
    sentence: &'a str,
    phrase: &'a str,
    code: &'a str,
    sector: &'a str,
    country: Option<&'a str>,
}

fn parse(src: &str) -> Vec<Case<'_>> {
    let mut out = Vec::new();
    for Row { line, cols } in rows("actors.tsv", src, 4..=5) {
        let (known_failure, sentence) = known_mark(cols[0]);
        assert!(
            sentence.contains(cols[1]),
            "actors.tsv:{}: phrase {:?} is not in the sentence",
            line,
            cols[1]
        );
        out.push(Case {
            line,
            known_failure,
            sentence,
            phrase: cols[1],
            code: cols[2],
            sector: cols[3],
            country: cols.get(4).copied().filter(|c| !c.is_empty() && *c != "-"),
        });
    }
    out
}

fn phrase_span(tokens: &[Token], p: &ActorPhrase) -> Span {
    Span::new(tokens[p.first].span.start, tokens[p.end - 1].span.end)
}

/// The phrases of a sentence as `[text|code/sector]`, for failure messages.
fn show(text: &str, tokens: &[Token], phrases: &[ActorPhrase]) -> String {
    phrases
        .iter()
        .map(|p| {
            format!(
                "[{}|{}/{}]",
                phrase_span(tokens, p).of(text),
                p.code.as_deref().unwrap_or("?"),
                p.sector.map_or("-", |s| s.as_str())
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `None` when the case passes, else what went wrong.
fn run(case: &Case<'_>) -> Option<String> {
    let lex = crate::lexicon();
    let text = case.sentence;
    let tokens = tokenize(text, Span::new(0, text.len()));
    let mentions = find_mentions(&tokens, &lex.actors, &lex.stopwords);
    // As the coder does: a sentence naming exactly one country is about it.
    let own = sentence_countries(&mentions, &lex.actors, false);
    let sentence_country = (own.len() == 1).then(|| own[0].as_str());
    let mut memory = ActorMemory::default();
    memory.document_country = case.country.map(str::to_string);
    let date = NaiveDate::from_ymd_opt(2023, 6, 1);
    let phrases = resolve_actors(
        &tokens,
        &mentions,
        &lex.actors,
        &lex.patterns,
        &mut memory,
        sentence_country,
        date,
        &[],
        &[],
    );
    let start = text.find(case.phrase).expect("phrase in sentence");
    let want = Span::new(start, start + case.phrase.len());
    let found = phrases
        .iter()
        .find(|p| phrase_span(&tokens, p) == want)
        .or_else(|| {
            phrases
                .iter()
                .find(|p| phrase_span(&tokens, p).contains(want))
        })
        .or_else(|| {
            phrases
                .iter()
                .find(|p| want.contains(phrase_span(&tokens, p)) && !p.modifier_only)
        });
    let all = show(text, &tokens, &phrases);
    let Some(p) = found else {
        return Some(format!("no phrase for {:?}; phrases: {all}", case.phrase));
    };
    let code = p.code.as_deref().unwrap_or("?");
    let sector = p.sector.map_or("-", |s| s.as_str());
    let code_ok = case.code == "*" || code == case.code;
    let sector_ok = case.sector == "*" || sector == case.sector;
    (!(code_ok && sector_ok)).then(|| {
        format!(
            "{:?}: expected {}/{}, got {code}/{sector} ({}); phrases: {all}",
            case.phrase, case.code, case.sector, p.how
        )
    })
}

#[test]
fn actor_cases() {
    let path = crate::test_data("actors.tsv");
    let src = std::fs::read_to_string(&path).expect("actors.tsv");
    let cases = parse(&src);
    assert!(
        cases.len() >= 40,
        "at least 40 cases, found {}",
        cases.len()
    );
    let mut tally = Tally::new("actors.tsv");
    for case in &cases {
        tally.record(case.line, run(case), case.known_failure.then_some(""));
    }
    tally.finish();
}
