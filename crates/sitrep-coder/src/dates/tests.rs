//! The tagger's tests: the table in `test_data/dates.tsv` and properties.

use super::calendar::{day_value, window};
use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

fn find(text: &str, anchor: &str) -> Vec<TimeExpression> {
    find_time_expressions(text, Span::new(0, text.len()), d(anchor))
}

fn parse_value(v: &str) -> Option<TimeValue> {
    let (kind, rest) = v.split_once(':')?;
    if kind == "duration" {
        return Some(TimeValue::Duration {
            days: rest.parse().ok()?,
        });
    }
    let precision = match kind {
        "day" => DatePrecision::Day,
        "week" => DatePrecision::Week,
        "month" => DatePrecision::Month,
        "year" => DatePrecision::Year,
        _ => return None,
    };
    let (a, b) = rest.split_once("..").unwrap_or((rest, rest));
    Some(TimeValue::Window {
        start: NaiveDate::parse_from_str(a, "%Y-%m-%d").ok()?,
        end: NaiveDate::parse_from_str(b, "%Y-%m-%d").ok()?,
        precision,
    })
}

fn parse_part(p: &str) -> Option<Part> {
    [
        Part::Early,
        Part::Mid,
        Part::Late,
        Part::Morning,
        Part::Afternoon,
        Part::Evening,
        Part::Night,
    ]
    .into_iter()
    .find(|x| x.as_str() == p)
}

/// Checks one table row; the error says what was found instead.
fn check_row(fields: &[&str]) -> Result<(), String> {
    let [anchor, text, span_text, value, rest @ ..] = fields else {
        return Err("needs at least 4 columns".into());
    };
    let anchor = NaiveDate::parse_from_str(anchor, "%Y-%m-%d").map_err(|e| e.to_string())?;
    let found = find_time_expressions(text, Span::new(0, text.len()), anchor);
    let span = if *span_text == "*" {
        Span::new(0, text.len())
    } else {
        let start = text
            .find(span_text)
            .ok_or_else(|| format!("span text {span_text:?} not in text"))?;
        Span::new(start, start + span_text.len())
    };
    let show = || {
        found
            .iter()
            .map(|e| format!("{:?}={:?}/{:?}", e.span.of(text), e.value, e.part))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if *value == "none" {
        return match found
            .iter()
            .find(|e| e.span.overlaps(span) || span.is_empty())
        {
            Some(_) => Err(format!("expected nothing, found [{}]", show())),
            None => Ok(()),
        };
    }
    let want = parse_value(value).ok_or_else(|| format!("bad value {value:?}"))?;
    let want_part = match rest.first().filter(|p| !p.is_empty()) {
        Some(p) => Some(parse_part(p).ok_or_else(|| format!("bad part {p:?}"))?),
        None => None,
    };
    let ok = found
        .iter()
        .any(|e| e.span == span && e.value == want && e.part == want_part);
    if ok {
        Ok(())
    } else {
        Err(format!(
            "expected {span_text:?}={want:?}/{want_part:?}, found [{}]",
            show()
        ))
    }
}

#[test]
fn table_cases() {
    let src = include_str!("../../test_data/dates.tsv");
    let mut failures = Vec::new();
    let mut count = 0;
    for (n, line) in src.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        count += 1;
        let fields: Vec<&str> = line.split('\t').collect();
        if let Err(e) = check_row(&fields) {
            failures.push(format!(
                "dates.tsv:{}: {:?}: {e}",
                n + 1,
                fields.get(1).unwrap_or(&"")
            ));
        }
    }
    assert!(count >= 100, "only {count} table cases");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Rough speed check: `cargo test -p sitrep-coder --release dates::tests::throughput -- --ignored --nocapture`.
#[test]
#[ignore]
fn throughput() {
    let src = include_str!("../../test_data/dates.tsv");
    let texts: Vec<&str> = src
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').nth(1))
        .chain([
            "The minister told reporters that the government had no plans to change course.",
            "Police said dozens of protesters were detained near the parliament building.",
        ])
        .collect();
    let anchor = d("2022-01-13");
    let n = 200_000;
    let t0 = std::time::Instant::now();
    let mut found = 0;
    for k in 0..n {
        let t = texts[k % texts.len()];
        found += find_time_expressions(t, Span::new(0, t.len()), anchor).len();
    }
    let secs = t0.elapsed().as_secs_f64();
    println!("{:.0} sentences/s ({found} expressions)", n as f64 / secs);
}

fn single(text: &str, anchor: &str) -> Option<TimeValue> {
    match find(text, anchor).as_slice() {
        [e] => Some(e.value),
        _ => None,
    }
}

fn day(s: &str) -> Option<TimeValue> {
    Some(day_value(d(s)))
}

#[test]
fn year_inference_across_new_year() {
    // A month/day later than the anchor belongs to the previous year.
    assert_eq!(single("on Dec. 28", "2022-01-13"), day("2021-12-28"));
    assert_eq!(single("on Dec. 28", "2022-12-30"), day("2022-12-28"));
    assert_eq!(single("on Jan. 2", "2022-12-30"), day("2022-01-02"));
    // One day of slack for time zones.
    assert_eq!(single("on Jan. 1", "2021-12-31"), day("2022-01-01"));
    assert_eq!(single("on Jan. 2", "2021-12-31"), day("2021-01-02"));
    // A future cue keeps a near future date.
    assert_eq!(
        single("will vote on Jan. 2", "2022-12-30"),
        day("2023-01-02")
    );
    assert_eq!(single("in December", "2022-01-05"), {
        Some(window(
            d("2021-12-01"),
            d("2021-12-31"),
            DatePrecision::Month,
        ))
    });
    // Leap days only where they exist.
    assert_eq!(single("on Feb. 29", "2020-03-05"), day("2020-02-29"));
    assert_eq!(single("on Feb. 29", "2022-03-05"), None);
}

#[test]
fn weekday_past_bias() {
    // 2022-01-13 is a Thursday.
    for (text, want) in [
        ("on Thursday", "2022-01-13"),
        ("on Wednesday", "2022-01-12"),
        ("on Friday", "2022-01-07"),
        ("on Sunday", "2022-01-09"),
        ("last Thursday", "2022-01-06"),
        ("last Wednesday", "2022-01-12"),
        ("next Thursday", "2022-01-20"),
        ("next Friday", "2022-01-14"),
    ] {
        assert_eq!(single(text, "2022-01-13"), day(want), "{text}");
    }
}

#[test]
fn spans_respect_within() {
    let text = "On Monday police came. On Tuesday they left.";
    let second = text.find("On Tuesday").unwrap_or(0);
    let found = find_time_expressions(text, Span::new(second, text.len()), d("2022-01-13"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].span.of(text), "Tuesday");
    // Out of range or off a char boundary: nothing, no panic.
    assert!(find_time_expressions(text, Span::new(5, 500), d("2022-01-13")).is_empty());
    let emoji = "🚀 Monday";
    assert!(find_time_expressions(emoji, Span::new(1, 10), d("2022-01-13")).is_empty());
}

#[test]
fn no_panic_on_odd_input() {
    let long: String = "word 12 Jan. May 2022 the ".repeat(2_000);
    let odd = [
        "",
        " ",
        "🚀🚀🚀",
        "\"unbalanced 'quotes",
        "Jan.",
        "Jan. 31st, 2099 -",
        "Jan. 99, 20222",
        "Feb. 30",
        "2022-13-45",
        "9999-99-99",
        "for 999999 years",
        "999999 years ago",
        "4294967295 days ago",
        "for 4294967295 hours",
        "last",
        "early",
        "mid-",
        "the",
        "on the",
        "—–-",
        "Monday,",
        "mid-2099",
        "late Dec. 31, 2099",
        "next December 2099",
        "Ｊａｎ． ２",
        "İstanbul Ⅻ ǅ Ĳ",
        "next year",
    ];
    let anchors = [d("2022-01-13"), NaiveDate::MIN, NaiveDate::MAX];
    for a in anchors {
        for t in odd.iter().copied().chain(std::iter::once(long.as_str())) {
            for (s, e) in [(0, t.len()), (1, t.len()), (0, t.len() / 2)] {
                let _ = find_time_expressions(t, Span::new(s, e), a);
            }
        }
    }
    assert!(find(&long, "2022-01-13").len() > 1000);
}

/// Random strings of date-ish tokens: nothing may panic (overflow
/// checks are on in test builds) and spans must be valid slices.
#[test]
fn no_panic_on_random_token_soup() {
    let vocab = [
        "Jan",
        ".",
        "May",
        "may",
        "13",
        "31st",
        "2022",
        "1900",
        "2099",
        "0",
        "-",
        "/",
        ",",
        "'",
        "s",
        "on",
        "the",
        "late",
        "early",
        "mid",
        "last",
        "next",
        "this",
        "week",
        "weekend",
        "month",
        "year",
        "years",
        "days",
        "ago",
        "for",
        "a",
        "few",
        "two",
        "Monday",
        "night",
        "yesterday",
        "in",
        "of",
        "end",
        "summer",
        "past",
        "recent",
        "earlier",
        "later",
        "hours",
        "999999",
        "Feb",
        "29",
        "30",
        "🚀",
        "é",
        "—",
    ];
    let anchors = [
        d("2022-01-13"),
        d("2020-02-29"),
        NaiveDate::MIN,
        NaiveDate::MAX,
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..20_000 {
        let len = (next() % 12) as usize;
        let mut text = String::new();
        for _ in 0..len {
            let w = vocab
                .get((next() % vocab.len() as u64) as usize)
                .unwrap_or(&"");
            text.push_str(w);
            if next() % 3 != 0 {
                text.push(' ');
            }
        }
        let anchor = anchors
            .get(round % anchors.len())
            .copied()
            .unwrap_or_default();
        for e in find_time_expressions(&text, Span::new(0, text.len()), anchor) {
            assert!(text.get(e.span.start..e.span.end).is_some(), "{text:?}");
            assert!(!e.span.is_empty(), "{text:?}");
            if let TimeValue::Window { start, end, .. } = e.value {
                assert!(start <= end, "{text:?}: {:?}", e.value);
            }
        }
    }
}
