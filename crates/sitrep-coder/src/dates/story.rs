//! Days counted from the story's own time rather than the publication:
//! "the following day", "the next day", "the previous day", "the day
//! before", "two days later", "a day earlier", "a week later" (seven days
//! on), "a month later" (the next calendar month, as a month: the count is
//! approximate), and "came two days after" (what the clause after the count
//! tells is that far before the day). They are read against the
//! last day the text has set (the date carry), never the anchor: "At the
//! summit on March 5 ... The following day, ..." is March 6 whenever the
//! story was filed.

use super::calendar::{add_days, day_value, month_part, shift_month, year_part};
use super::lexicon::Unit;
use super::tokens::tokenize;
use super::{Cx, Hit, TimeExpression};
use crate::document::Span;
use chrono::{Datelike, NaiveDate};

/// Finds the story-relative day expressions inside `within` and resolves
/// them against `story_day`, the last day the text set before this sentence.
pub fn find_story_relative(text: &str, within: Span, story_day: NaiveDate) -> Vec<TimeExpression> {
    let Some(slice) = text.get(within.start..within.end) else {
        return Vec::new();
    };
    let lower = slice.to_ascii_lowercase();
    if !["day", "week", "month"].iter().any(|u| lower.contains(u)) {
        return Vec::new();
    }
    let cx = Cx {
        t: tokenize(slice, within.start),
        anchor: story_day,
    };
    cx.scan(|cx, i| {
        cx.adjacent_day(i)
            .or_else(|| cx.count_later(i))
            .or_else(|| cx.came_count_after(i))
    })
}

/// Finds "the following year", "the next year", "the previous year" and
/// "a year later" / "two years earlier" inside `within` and resolves them
/// against `base_year`, a calendar year the sentence named before them
/// ("lost the 2016 vote and was arrested the following year" is 2017):
/// counted from the publication instead, "the next year" is still to come.
pub fn find_years_after(text: &str, within: Span, base_year: i32) -> Vec<TimeExpression> {
    let Some(slice) = text.get(within.start..within.end) else {
        return Vec::new();
    };
    let Some(anchor) = NaiveDate::from_ymd_opt(base_year, 1, 1) else {
        return Vec::new();
    };
    if !slice.to_ascii_lowercase().contains("year") {
        return Vec::new();
    }
    let cx = Cx {
        t: tokenize(slice, within.start),
        anchor,
    };
    cx.scan(|cx, i| cx.adjacent_year(i).or_else(|| cx.years_later(i)))
}

/// The spans of "that year", "later that year", "earlier that year" and
/// "that same year" inside `within`: "that" points back to a year the
/// reader was just given ("since January 2025, when ... The two leaders met
/// later that year" is 2025), never the publication's, so the coder's
/// `with_that_year` reads them against the last time named before them.
pub fn that_year_phrases(text: &str, within: Span) -> Vec<Span> {
    that_unit_phrases(text, within, "year")
}

/// The spans of "that month", "later that month", "earlier that month" and
/// "that same month" inside `within`: "that" points back to a month the
/// reader was just given ("in November 2023 ... which approved a loan that
/// month" is November 2023), never the publication's; the coder's
/// `with_that_month` reads them against the last time named before them.
pub fn that_month_phrases(text: &str, within: Span) -> Vec<Span> {
    that_unit_phrases(text, within, "month")
}

/// The spans of "that UNIT", "later that UNIT", "earlier that UNIT" and
/// "that same UNIT" inside `within`, for `unit` "year" or "month".
fn that_unit_phrases(text: &str, within: Span, unit: &str) -> Vec<Span> {
    let Some(slice) = text.get(within.start..within.end) else {
        return Vec::new();
    };
    if !slice.to_ascii_lowercase().contains(unit) {
        return Vec::new();
    }
    let t = tokenize(slice, within.start);
    let is = |i: usize, w: &str| t.get(i).is_some_and(|k| k.s.eq_ignore_ascii_case(w));
    let mut found = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let first = i;
        let that = if is(i, "later") || is(i, "earlier") {
            i + 1
        } else {
            i
        };
        let year = if is(that + 1, "same") {
            that + 2
        } else {
            that + 1
        };
        if is(that, "that") && is(year, unit) {
            found.push(Span::new(t[first].start, t[year].end));
            i = year + 1;
        } else {
            i += 1;
        }
    }
    found
}

/// Where a sentence at `within` opens with "at the time" or "at that
/// time" ("A similar dispute ended in 2022. At the time, officers
/// resigned"): the span of the phrase, which takes up the last time the
/// sentence before named. "At the time of the attack" names its own
/// occasion and is not read, nor a longer word ("At the timeline").
pub fn time_of_previous_sentence(text: &str, within: Span) -> Option<Span> {
    let slice = text.get(within.start..within.end)?;
    let t = tokenize(slice, within.start);
    let is = |i: usize, w: &str| t.get(i).is_some_and(|k| k.s.eq_ignore_ascii_case(w));
    let opens = is(0, "at") && (is(1, "the") || is(1, "that")) && is(2, "time");
    if !opens || is(3, "of") {
        return None;
    }
    Some(Span::new(t[0].start, t[2].end))
}

impl Cx<'_> {
    /// "the following year", "the next year", "the previous year", counted
    /// from the anchor's year.
    fn adjacent_year(&self, i: usize) -> Option<Hit> {
        if !self.is(i, "the") || !self.is(i + 2, "year") {
            return None;
        }
        let off = if self.is_any(i + 1, &["following", "next"]) {
            1
        } else if self.is(i + 1, "previous") {
            -1
        } else {
            return None;
        };
        Some(Hit {
            end: i + 3,
            value: year_part(self.anchor.year() + off, None)?,
            part: None,
        })
    }

    /// "a year later", "two years earlier", counted from the anchor's year.
    fn years_later(&self, i: usize) -> Option<Hit> {
        let n = i32::try_from(self.qty_at(i)?).ok()?;
        if !matches!(self.unit_at(i + 1)?, Unit::Year) {
            return None;
        }
        let sign = if self.is(i + 2, "later") {
            1
        } else if self.is(i + 2, "earlier") {
            -1
        } else {
            return None;
        };
        Some(Hit {
            end: i + 3,
            value: year_part(self.anchor.year() + sign * n, None)?,
            part: None,
        })
    }

    /// "the following day", "the next day", "the previous day", and "the
    /// day before" when nothing is named after it ("the day before the
    /// vote" counts from the vote, which is not this story day); "the same
    /// day" is the story day itself, which the sentence refers back to.
    fn adjacent_day(&self, i: usize) -> Option<Hit> {
        if !self.is(i, "the") {
            return None;
        }
        let next = self.is_any(i + 1, &["following", "next"]) && self.is(i + 2, "day");
        let previous = self.is(i + 1, "previous") && self.is(i + 2, "day");
        let day_before =
            self.is(i + 1, "day") && self.is(i + 2, "before") && self.ends_phrase(i + 3);
        let same = self.is(i + 1, "same") && self.is(i + 2, "day");
        let off = if next {
            1
        } else if previous || day_before {
            -1
        } else if same {
            0
        } else {
            return None;
        };
        let end = i + 3;
        Some(Hit {
            end,
            value: day_value(add_days(self.anchor, off)?),
            part: None,
        })
    }

    /// "two days later", "a day earlier", "a week later" (seven days on),
    /// "two months later" (the calendar month that far on, as a month).
    fn count_later(&self, i: usize) -> Option<Hit> {
        let n = i64::from(self.qty_at(i)?);
        let unit = self.unit_at(i + 1)?;
        let sign = if self.is(i + 2, "later") {
            1
        } else if self.is(i + 2, "earlier") {
            -1
        } else {
            return None;
        };
        let value = match unit {
            Unit::Day => day_value(add_days(self.anchor, sign * n)?),
            Unit::Week => day_value(add_days(self.anchor, sign * 7 * n)?),
            Unit::Month => {
                let (y, m) = shift_month(self.anchor.year(), self.anchor.month(), sign * n)?;
                month_part(y, m, None)?
            }
            Unit::Hour | Unit::Year => return None,
        };
        Some(Hit {
            end: i + 3,
            value,
            part: None,
        })
    }

    /// "The move came two days after troops shelled a post": what the
    /// clause after the count tells happened that long before the story
    /// day the sentence's subject is set on (a form of "come" or "follow"
    /// right before the count says the subject followed it). Whole days and
    /// weeks only; "came days after" is too vague to count.
    ///
    /// The span takes in the verb, so that the count read again from a day
    /// the sentence names before it still sees the verb.
    fn came_count_after(&self, i: usize) -> Option<Hit> {
        if !self.is_any(i, &["came", "comes", "come", "followed", "follows"]) {
            return None;
        }
        let n = i64::from(self.qty_at(i + 1)?);
        let days = match self.unit_at(i + 2)? {
            Unit::Day => n,
            Unit::Week => 7 * n,
            Unit::Month | Unit::Hour | Unit::Year => return None,
        };
        if !self.is(i + 3, "after") {
            return None;
        }
        Some(Hit {
            end: i + 4,
            value: day_value(add_days(self.anchor, -days)?),
            part: None,
        })
    }

    /// Nothing that the preceding words could govern follows token `i`: the
    /// sentence or clause ends there.
    fn ends_phrase(&self, i: usize) -> bool {
        self.tok(i)
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::TimeValue;

    fn days(text: &str) -> Vec<(String, NaiveDate)> {
        let story_day = NaiveDate::from_ymd_opt(2024, 3, 12).unwrap_or_default();
        find_story_relative(text, Span::new(0, text.len()), story_day)
            .into_iter()
            .filter_map(|t| match t.value {
                TimeValue::Window { start, .. } => Some((t.span.of(text).to_string(), start)),
                TimeValue::Duration { .. } => None,
            })
            .collect()
    }

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, day).unwrap_or_default()
    }

    fn years(text: &str) -> Vec<(String, i32)> {
        find_years_after(text, Span::new(0, text.len()), 2019)
            .into_iter()
            .filter_map(|t| match t.value {
                TimeValue::Window { start, .. } => {
                    Some((t.span.of(text).to_string(), start.year()))
                }
                TimeValue::Duration { .. } => None,
            })
            .collect()
    }

    #[test]
    fn counts_years_from_a_named_year() {
        assert_eq!(
            years("He was jailed the following year."),
            [("the following year".into(), 2020)]
        );
        assert_eq!(
            years("Two years later, it fell."),
            [("Two years later".into(), 2021)]
        );
        assert_eq!(
            years("They had met the previous year."),
            [("the previous year".into(), 2018)]
        );
        assert!(years("The year ended quietly.").is_empty());
    }

    #[test]
    fn counts_from_the_story_day() {
        assert_eq!(
            days("The next day, they left."),
            [("The next day".into(), d(13))]
        );
        assert_eq!(
            days("They had met the previous day."),
            [("the previous day".into(), d(11))]
        );
        assert_eq!(
            days("Three days later the talks resumed."),
            [("Three days later".into(), d(15))]
        );
        assert_eq!(
            days("He had arrived a day earlier."),
            [("a day earlier".into(), d(11))]
        );
        assert_eq!(
            days("They had talked the day before."),
            [("the day before".into(), d(11))]
        );
        assert_eq!(
            days("The move came two days after troops shelled a post."),
            [("came two days after".into(), d(10))]
        );
        assert_eq!(
            days("The recall follows a week after the raid."),
            [("follows a week after".into(), d(5))]
        );
        assert!(days("The move came days after the raid.").is_empty());
        assert!(days("He left two days after the raid.").is_empty());
    }

    #[test]
    fn counts_weeks_and_months_from_the_story_day() {
        assert_eq!(
            days("A week later the talks resumed."),
            [("A week later".into(), d(19))]
        );
        assert_eq!(
            days("They had met two weeks earlier."),
            [(
                "two weeks earlier".into(),
                NaiveDate::from_ymd_opt(2024, 2, 27).unwrap_or_default()
            )]
        );
        // A month on is the next calendar month, whole: the count is loose.
        let month = |text: &str| {
            find_story_relative(text, Span::new(0, text.len()), d(12))
                .into_iter()
                .map(|t| t.value)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            month("A month later, the embassy closed."),
            [TimeValue::Window {
                start: NaiveDate::from_ymd_opt(2024, 4, 1).unwrap_or_default(),
                end: NaiveDate::from_ymd_opt(2024, 4, 30).unwrap_or_default(),
                precision: crate::dates::DatePrecision::Month,
            }]
        );
        assert!(days("Hours later they left.").is_empty());
        assert!(days("Two years later they left.").is_empty());
    }

    #[test]
    fn leaves_days_named_after_something_else() {
        assert!(days("They met the day before the vote.").is_empty());
        assert!(days("Three days after the vote they met.").is_empty());
        assert!(days("The next week they met.").is_empty());
    }
}

#[cfg(test)]
mod time_of_previous_tests {
    use super::*;

    #[test]
    fn reads_at_the_time_only_as_an_opening_of_its_own() {
        // (sentence, phrase read)
        let cases = [
            ("At the time, officers resigned.", Some("At the time")),
            (
                "  At that time police fired tear gas.",
                Some("At that time"),
            ),
            ("at the time, the talks stalled.", Some("at the time")),
            ("At the time of the attack, he was abroad.", None),
            ("At the timeline's end, nothing changed.", None),
            ("Officers resigned at the time.", None),
            ("At this time, no one was hurt.", None),
        ];
        for (sentence, want) in cases {
            let text = format!("Earlier. {sentence}");
            let within = Span::new(9, text.len());
            let got =
                time_of_previous_sentence(&text, within).and_then(|sp| text.get(sp.start..sp.end));
            assert_eq!(got, want, "{sentence}");
        }
    }
}

#[cfg(test)]
mod that_year_tests {
    use super::*;

    #[test]
    fn reads_that_year_with_its_modifier() {
        // (sentence, phrases read)
        let cases: [(&str, &[&str]); 5] = [
            ("They met later that year.", &["later that year"]),
            ("That same year, talks broke down.", &["That same year"]),
            ("In that year the army moved.", &["that year"]),
            ("He said that years of talks failed.", &[]),
            ("They met this year.", &[]),
        ];
        for (sentence, want) in cases {
            let within = Span::new(0, sentence.len());
            let got: Vec<&str> = that_year_phrases(sentence, within)
                .into_iter()
                .filter_map(|sp| sentence.get(sp.start..sp.end))
                .collect();
            assert_eq!(got, want, "{sentence}");
        }
    }
}
