//! Time expressions: find them in a sentence and resolve them against the
//! publication date. (Interface fixed; implementation in progress.)

use crate::document::Span;
use chrono::NaiveDate;

/// How finely a resolved date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DatePrecision {
    /// A day, possibly with a part of day ("late Jan. 4", "Monday night").
    Day,
    /// A span of days inside one week or so ("last week", "earlier this week").
    Week,
    /// Part of a month or a whole month ("late June", "in November 2020").
    Month,
    /// A season, a year or part of one.
    Year,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Week => "week",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }
}

/// What a time expression says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeValue {
    /// A point or window in time: inclusive first and last day.
    Window {
        start: NaiveDate,
        end: NaiveDate,
        precision: DatePrecision,
    },
    /// A duration ("for 10 days", "for two weeks"), in days.
    Duration { days: u32 },
}

/// One time expression found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeExpression {
    /// Byte span of the expression in the text passed in.
    pub span: Span,
    pub value: TimeValue,
}

/// Finds every time expression inside `within` (byte range of `text`) and
/// resolves it against `anchor`, the publication date. Weekdays and month
/// names without a year are resolved to the past ("on Saturday" is the last
/// Saturday on or before the anchor), unless the expression itself says
/// otherwise ("next Monday"). Never panics, whatever the text.
pub fn find_time_expressions(text: &str, within: Span, anchor: NaiveDate) -> Vec<TimeExpression> {
    let _ = (text, within, anchor);
    Vec::new()
}
