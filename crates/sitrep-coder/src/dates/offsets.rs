//! Days counted from a day the same sentence names. "Two days after the
//! March 5 vote" is March 7, whatever the publication date: the count and
//! the date become one expression. And a count set after a day ("He was
//! due to die Feb. 26, one day after he was charged") dates the clause it
//! introduces that far from the day: the charge is Feb. 25.
//!
//! Only whole days and weeks are counted ("the day after", "a day after",
//! "two weeks before"); between the count's "after"/"before" and the date
//! only words may stand (no comma, no full stop), so the date belongs to
//! the phrase the count governs.

use super::calendar::{add_days, day_value, window, ymd};
use super::lexicon::Unit;
use super::{Cx, DatePrecision, TimeExpression, TimeValue};
use crate::document::Span;
use chrono::Datelike;
use chrono::NaiveDate;

/// Most words between "after" and the date it governs ("two days after
/// the opposition's disputed March 5 vote").
const MAX_WORDS_TO_DATE: usize = 7;

/// Words that may stand before a day that opens a sentence.
const OPENERS: [&str; 8] = ["on", "in", "by", "late", "early", "the", "at", "and"];

/// Words that bound a span of time rather than date the act: a day right
/// after one of them ("until after the May 24 vote", "since March 3") is
/// no day the sentence's main clause happened on.
const BOUNDING: [&str; 7] = [
    "until", "till", "after", "before", "since", "from", "through",
];

/// Which way a count goes from what it is counted from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    After,
    Before,
}

/// "two days after", "the day before": the count in days, its direction,
/// and the token index one past it.
struct Offset {
    days: i64,
    dir: Direction,
    end: usize,
}

impl Cx<'_> {
    /// `found` (the sentence's expressions, in text order) with counts from
    /// the days it names read against those days.
    pub(super) fn with_offsets(&self, found: Vec<TimeExpression>) -> Vec<TimeExpression> {
        let mut out: Vec<TimeExpression> = Vec::with_capacity(found.len());
        for (n, te) in found.iter().enumerate() {
            let prev_end = out.last().map_or(0, |p: &TimeExpression| p.span.end);
            out.push(self.counted_to(te, prev_end).unwrap_or(*te));
            let next_start = found.get(n + 1).map_or(usize::MAX, |x| x.span.start);
            if let Some(after) = self
                .counted_from(te, next_start)
                .or_else(|| self.years_counted_from(te, next_start))
            {
                out.push(after);
            }
        }
        self.with_counts_from_main_day(out)
    }

    /// "The government on Tuesday banned rallies, citing threats to order,
    /// a day after police arrested five reporters": a count set off by a
    /// comma that no day follows and no day stands right before is counted
    /// back from the day the sentence's clause before it names (the last
    /// single day before the count, passing over days that only bound a
    /// span: "until after the June 3 vote"). Without this the clause after
    /// the count took the main clause's day.
    fn with_counts_from_main_day(&self, mut out: Vec<TimeExpression>) -> Vec<TimeExpression> {
        let mut added = Vec::new();
        for j in 1..self.t.len() {
            if !matches!(self.tok(j - 1), "," | "-" | "–" | "—") {
                continue;
            }
            let Some(off) = self.offset_at(j) else {
                continue;
            };
            let (Some(first), Some(last)) = (self.t.get(j), self.t.get(off.end - 1)) else {
                continue;
            };
            if out
                .iter()
                .any(|te| te.span.end > first.start && te.span.start < last.end)
            {
                continue;
            }
            let Some(day) = self.main_day_before(&out, j - 1) else {
                continue;
            };
            let days = match off.dir {
                Direction::After => -off.days,
                Direction::Before => off.days,
            };
            let Some(counted) = add_days(day, days) else {
                continue;
            };
            added.push(TimeExpression {
                span: Span::new(first.start, last.end),
                value: day_value(counted),
                part: None,
            });
        }
        out.extend(added);
        out.sort_by_key(|te| te.span.start);
        out
    }

    /// The last single day in `found` ending before the comma at token
    /// `comma` that dates an act: not a day bounding a span, and not one
    /// standing right before the comma (`counted_from` reads those, and
    /// leaves a sentence-opening "On March 5, two days after ..." alone).
    fn main_day_before(&self, found: &[TimeExpression], comma: usize) -> Option<NaiveDate> {
        let comma_start = self.t.get(comma)?.start;
        found
            .iter()
            .rev()
            .filter(|te| te.span.end <= comma_start)
            .find(|te| {
                let k = self.t.iter().position(|t| t.start == te.span.start);
                k.is_some_and(|k| !(k.saturating_sub(2)..k).any(|x| self.is_any(x, &BOUNDING)))
            })
            .filter(|te| {
                let e = self.t.iter().position(|t| t.start >= te.span.end);
                e.is_some_and(|e| e < comma)
            })
            .and_then(TimeExpression::single_day)
    }

    /// "two days after the March 5 vote": `te` with the count before it.
    /// The count must start after `free_from` (the end of the previous
    /// expression).
    fn counted_to(&self, te: &TimeExpression, free_from: usize) -> Option<TimeExpression> {
        let day = te.single_day()?;
        let k = self.t.iter().position(|t| t.start == te.span.start)?;
        let first = k.saturating_sub(MAX_WORDS_TO_DATE + 3);
        for j in (first..k).rev() {
            let between = |m: usize| (m..k).all(|x| self.is_word(x));
            let Some(off) = self.offset_at(j).filter(|o| o.end <= k) else {
                continue;
            };
            let start = self.t.get(j)?.start;
            if start < free_from || k - off.end > MAX_WORDS_TO_DATE || !between(off.end) {
                return None;
            }
            let days = match off.dir {
                Direction::After => off.days,
                Direction::Before => -off.days,
            };
            return Some(TimeExpression {
                span: Span::new(start, te.span.end),
                value: day_value(add_days(day, days)?),
                part: None,
            });
        }
        None
    }

    /// The token right after `te` when it is a comma or dash that sets off
    /// a count ("Feb. 26, one day after", "in 2017, a year after"), and `te`
    /// comes after a verb phrase. "On March 5, two days after the vote, the
    /// army ...": a time that opens the sentence dates its main clause,
    /// which may come after the count; only one set after a verb phrase is
    /// counted from.
    fn set_off_after_verb_phrase(&self, te: &TimeExpression) -> Option<usize> {
        let k = self.t.iter().position(|t| t.start == te.span.start)?;
        if !(0..k).any(|x| self.is_word(x) && !self.is_any(x, &OPENERS)) {
            return None;
        }
        let e = self.t.iter().position(|t| t.start >= te.span.end)?;
        matches!(self.tok(e), "," | "-" | "–" | "—").then_some(e)
    }

    /// "Feb. 26, one day after": the count after `te`, which dates what
    /// follows it; it must end before `free_to` (the next expression).
    fn counted_from(&self, te: &TimeExpression, free_to: usize) -> Option<TimeExpression> {
        let day = te.single_day()?;
        let e = self.set_off_after_verb_phrase(te)?;
        let off = self.offset_at(e + 1)?;
        let last = self.t.get(off.end - 1)?;
        if last.end > free_to {
            return None;
        }
        // The day is that far after (or before) what the clause tells.
        let days = match off.dir {
            Direction::After => -off.days,
            Direction::Before => off.days,
        };
        Some(TimeExpression {
            span: Span::new(self.t.get(e + 1)?.start, last.end),
            value: day_value(add_days(day, days)?),
            part: None,
        })
    }

    /// "The conflict began in 2017, a year after security forces broke up
    /// protests": a count of years set off after a year dates the clause it
    /// introduces that many years from it (2016), as `counted_from` does
    /// for days; it must end before `free_to` (the next expression).
    fn years_counted_from(&self, te: &TimeExpression, free_to: usize) -> Option<TimeExpression> {
        let TimeValue::Window {
            start,
            precision: DatePrecision::Year,
            ..
        } = te.value
        else {
            return None;
        };
        let e = self.set_off_after_verb_phrase(te)?;
        let (i, n) = (e + 1, self.qty_at(e + 1)?);
        if self.unit_at(i + 1)? != Unit::Year {
            return None;
        }
        let years = i32::try_from(n).ok()?;
        let year = if self.is(i + 2, "after") {
            start.year().checked_sub(years)?
        } else if self.is(i + 2, "before") {
            start.year().checked_add(years)?
        } else {
            return None;
        };
        let last = self.t.get(i + 2)?;
        if last.end > free_to {
            return None;
        }
        Some(TimeExpression {
            span: Span::new(self.t.get(i)?.start, last.end),
            value: window(ymd(year, 1, 1)?, ymd(year, 12, 31)?, DatePrecision::Year),
            part: None,
        })
    }

    /// A count of days or weeks with its "after"/"before" at `i`.
    fn offset_at(&self, i: usize) -> Option<Offset> {
        let (n, unit) = if self.is(i, "the") {
            (1, self.unit_at(i + 1)?)
        } else {
            (self.qty_at(i)?, self.unit_at(i + 1)?)
        };
        // "the day after" counts one; "the days after" counts nothing.
        if self.is(i, "the") && !self.is_any(i + 1, &["day", "week"]) {
            return None;
        }
        let per = match unit {
            Unit::Day => 1,
            Unit::Week => 7,
            Unit::Hour | Unit::Month | Unit::Year => return None,
        };
        let dir = if self.is(i + 2, "after") {
            Direction::After
        } else if self.is(i + 2, "before") {
            Direction::Before
        } else {
            return None;
        };
        Some(Offset {
            days: i64::from(n) * per,
            dir,
            end: i + 3,
        })
    }

    /// Token `i` is a word or a possessive's apostrophe: nothing that ends
    /// the phrase.
    fn is_word(&self, i: usize) -> bool {
        let s = self.tok(i);
        s.chars().next().is_some_and(char::is_alphanumeric) || s == "'" || s == "’" || s == "-"
    }
}
