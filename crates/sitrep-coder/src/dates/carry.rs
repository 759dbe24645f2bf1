//! Carrying a date to the undated events after it. News tells a story in
//! order, so the last date the text has set usually holds for the next
//! events; within a paragraph it always carries, and across a paragraph
//! break only along one event chain: to an event that shares an actor with
//! the sentence that set the date (a paragraph about someone else is
//! another story, dated by the publication). A date after the publication
//! (a plan, a deadline, "next week") is not carried: an undated action the
//! news reports has happened or is under way. Nor is a year or season ("in
//! 2007"): it dates background, not the next act the story reports, and a
//! day set before it in the same sentence still carries. A month ("in
//! August") carries within its paragraph only: told in a paragraph of its
//! own, it dates that paragraph's background, not the next paragraph's
//! acts along the same chain. And
//! it holds only for a few sentences (`CARRY_SENTENCES`): much wire copy
//! has no paragraph breaks at all.

use super::{DatePrecision, TimeExpression, TimeValue};
use crate::document::Span;
use chrono::NaiveDate;

/// The date being carried and where it came from.
#[derive(Debug, Default)]
pub struct DateCarry {
    date: Option<TimeExpression>,
    /// Actor codes of the sentence that set the date.
    codes: Vec<String>,
    /// A paragraph break lies between that sentence and the current one.
    crossed: bool,
    /// End of the previous sentence.
    prev_end: Option<usize>,
    /// Sentences entered since the one that set the date.
    since: usize,
    /// The date is a month or part of one (`names_a_month`).
    month: bool,
    /// A year or season the last sentence with a date set instead of a day
    /// (`set_background`), and sentences entered since.
    background: Option<TimeExpression>,
    background_since: usize,
}

/// How many sentences on a date still carries. Wire copy often comes as
/// one paragraph; past a few sentences without a date the story has moved
/// on to quotes and comment, and the next act is dated by the publication.
const CARRY_SENTENCES: usize = 5;

/// Sentences in one paragraph are parted by spaces; a line break between
/// two sentences starts a paragraph.
fn paragraph_break(gap: &str) -> bool {
    gap.contains('\n')
}

/// A month or part of one ("in August", "late June"): it carries within its
/// paragraph, not along a chain into the next.
fn names_a_month(date: &TimeExpression) -> bool {
    matches!(
        date.value,
        TimeValue::Window {
            precision: DatePrecision::Month,
            ..
        }
    )
}

/// A season, a year or part of one ("in 2007", "last summer") sets the
/// background of a story, not the day of the next act it reports.
fn names_a_year(date: &TimeExpression) -> bool {
    matches!(
        date.value,
        TimeValue::Window {
            precision: DatePrecision::Year,
            ..
        }
    )
}

impl DateCarry {
    /// Moves to the next sentence (sentences come in text order).
    pub fn enter(&mut self, text: &str, sentence: Span) {
        if let Some(end) = self.prev_end {
            if paragraph_break(text.get(end..sentence.start).unwrap_or("")) {
                self.crossed = true;
            }
        }
        self.prev_end = Some(sentence.end);
        self.since += 1;
        self.background_since += 1;
    }

    /// The current sentence dates its acts by a year or season only (`date`,
    /// background that never carries as such): kept for a "then" in the
    /// next sentence, which points back to it (`then_background`).
    pub fn set_background(&mut self, date: TimeExpression) {
        self.background = Some(date);
        self.background_since = 0;
    }

    /// The year or season the sentence just before this one set, for an
    /// act told with an anaphoric "then" ("Farmers blocked motorways in
    /// early 2024. The government then agreed to cut diesel prices").
    pub fn then_background(&self) -> Option<&TimeExpression> {
        self.background
            .as_ref()
            .filter(|_| self.background_since <= 1)
    }

    /// The date that would carry to an undated event of this sentence.
    pub fn candidate(&self) -> Option<&TimeExpression> {
        self.date.as_ref()
    }

    /// Whether the candidate holds for an event with these actor codes.
    pub fn holds_for(&self, source: Option<&str>, target: Option<&str>) -> bool {
        if self.since > CARRY_SENTENCES {
            return false;
        }
        !self.crossed
            || !self.month
                && [source, target]
                    .into_iter()
                    .flatten()
                    .any(|c| self.codes.iter().any(|k| k == c))
    }

    /// A paragraph break lies between the sentence that set the date and
    /// this one.
    pub fn crossed_paragraph(&self) -> bool {
        self.crossed
    }

    /// The sentence that set the date is the one just before this one.
    pub fn from_previous_sentence(&self) -> bool {
        self.since <= 1
    }

    /// Whether `date` is background that never carries: a year or a
    /// season. The coder looks for the sentence's date to carry past such
    /// an expression, so that "told reporters Sunday he had not seen him
    /// since 2001" carries Sunday.
    pub fn is_background(date: &TimeExpression) -> bool {
        names_a_year(date)
    }

    /// The current sentence set `date`; `codes` are its actors' codes. A
    /// date that starts after `anchor` leaves the carried one as it was.
    pub fn set(&mut self, date: TimeExpression, codes: Vec<String>, anchor: Option<NaiveDate>) {
        if let (TimeValue::Window { start, .. }, Some(anchor)) = (date.value, anchor) {
            if start > anchor {
                return;
            }
        }
        if names_a_year(&date) {
            return;
        }
        self.month = names_a_month(&date);
        self.background = None;
        self.date = Some(date);
        self.codes = codes;
        self.crossed = false;
        self.since = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, d).unwrap_or_default()
    }

    fn date_on(d: NaiveDate) -> TimeExpression {
        TimeExpression {
            span: Span::new(0, 7),
            value: TimeValue::Window {
                start: d,
                end: d,
                precision: DatePrecision::Day,
            },
            part: None,
        }
    }

    #[test]
    fn carries_within_a_paragraph_and_along_a_chain() {
        let text = "A did x on Tuesday. B did y.\nA did z. C did w.";
        let mut carry = DateCarry::default();
        carry.enter(text, Span::new(0, 19));
        carry.set(date_on(day(12)), vec!["AAA".into()], Some(day(15)));
        carry.enter(text, Span::new(20, 28));
        assert!(carry.holds_for(Some("BBB"), None), "same paragraph");
        carry.enter(text, Span::new(29, 37));
        assert!(carry.holds_for(Some("AAA"), None), "same chain");
        assert!(carry.holds_for(Some("CCC"), Some("AAA")), "target in chain");
        carry.enter(text, Span::new(38, 46));
        assert!(!carry.holds_for(Some("CCC"), None), "another story");
        assert!(carry.candidate().is_some());
    }

    #[test]
    fn a_month_stays_in_its_paragraph() {
        let text = "A did x in August. B did y.\nA did z.";
        let mut carry = DateCarry::default();
        carry.enter(text, Span::new(0, 18));
        let mut august = date_on(NaiveDate::from_ymd_opt(2024, 8, 1).unwrap_or_default());
        if let TimeValue::Window { precision, end, .. } = &mut august.value {
            *precision = DatePrecision::Month;
            *end = NaiveDate::from_ymd_opt(2024, 8, 31).unwrap_or_default();
        }
        carry.set(
            august,
            vec!["AAA".into()],
            Some(day(15).with_month(11).unwrap_or_default()),
        );
        carry.enter(text, Span::new(19, 27));
        assert!(carry.holds_for(Some("BBB"), None), "same paragraph");
        carry.enter(text, Span::new(28, 36));
        assert!(
            !carry.holds_for(Some("AAA"), None),
            "next paragraph, same chain"
        );
    }

    #[test]
    fn stops_after_a_few_sentences() {
        let text = "A did x on Tuesday. b. c. d. e. f. A did z.";
        let mut carry = DateCarry::default();
        carry.enter(text, Span::new(0, 19));
        carry.set(date_on(day(12)), vec!["AAA".into()], Some(day(15)));
        for k in 0..CARRY_SENTENCES {
            carry.enter(text, Span::new(20 + 3 * k, 22 + 3 * k));
            assert!(carry.holds_for(Some("AAA"), None), "sentence {k}");
        }
        carry.enter(text, Span::new(35, 43));
        assert!(!carry.holds_for(Some("AAA"), None), "too far");
    }

    #[test]
    fn a_year_is_not_carried() {
        let mut carry = DateCarry::default();
        carry.set(date_on(day(12)), vec![], Some(day(15)));
        let year = TimeExpression {
            value: TimeValue::Window {
                start: NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default(),
                end: NaiveDate::from_ymd_opt(2019, 12, 31).unwrap_or_default(),
                precision: DatePrecision::Year,
            },
            ..date_on(day(1))
        };
        carry.set(year, vec![], Some(day(15)));
        assert_eq!(carry.candidate(), Some(&date_on(day(12))));
    }

    #[test]
    fn a_year_is_background() {
        let year = TimeExpression {
            value: TimeValue::Window {
                start: NaiveDate::from_ymd_opt(2001, 1, 1).unwrap_or_default(),
                end: NaiveDate::from_ymd_opt(2001, 12, 31).unwrap_or_default(),
                precision: DatePrecision::Year,
            },
            ..date_on(day(1))
        };
        assert!(DateCarry::is_background(&year));
        assert!(!DateCarry::is_background(&date_on(day(12))));
    }

    #[test]
    fn a_future_date_is_not_carried() {
        let mut carry = DateCarry::default();
        carry.set(date_on(day(12)), vec![], Some(day(15)));
        carry.set(date_on(day(20)), vec![], Some(day(15)));
        assert_eq!(carry.candidate(), Some(&date_on(day(12))));
    }
}
