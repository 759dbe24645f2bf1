//! Time expressions: find them in a sentence and resolve them against the
//! publication date (the *anchor*).
//!
//! The tagger works on tokens (runs of letters/digits; every other non-space
//! character is its own token), so "Jan." is `Jan` `.`, "Monday's" is
//! `Monday` `'` `s` and "2,000" is `2` `,` `000`. Every rule is tried at each
//! token from left to right; the first rule that matches wins and scanning
//! resumes after it, so expressions never overlap.
//!
//! # Spans
//! A span covers the expression proper: modifiers that change its meaning
//! ("last", "next", "this", "early", "late on", "mid-", "earlier this") are
//! inside it, prepositions that do not ("on", "in", "since") and possessive
//! "'s" are outside. Durations include their "for" ("for two weeks") because
//! that is what makes them durations.
//!
//! # Resolution rules
//! * Explicit dates ("Jan. 2", "13 January 2022", "2022-01-13", "Jan. 13-14")
//!   give `Day` windows. Without a year, the date is the latest such date on
//!   or before the anchor plus one day of slack (a story filed late in the
//!   day in UTC may carry the next local date). Only when a future cue
//!   ("will", "'ll", "scheduled", "is due", "expected", "set to", "was set
//!   for", ...) stands shortly before it in the same clause does a date up
//!   to 90 days after the anchor keep the future reading. Invalid dates
//!   ("Feb. 30", "Feb. 29" in a non-leap year) are dropped.
//! * A weekday next to a date without a year ("Sunday, Jan. 16") picks the
//!   nearest year in which the two agree.
//! * Slashed dates count only when the day/month order is beyond doubt
//!   ("25/12/2021", "2021/12/25"; not "12/01/2022").
//! * Weekdays ("Saturday", "on Monday", "Monday night", "late on Monday")
//!   are the latest such day on or before the anchor (the anchor itself when
//!   the weekday matches); with a future cue, the next on or after. "last
//!   Monday" is strictly before the anchor, "next Monday" strictly after.
//! * "yesterday", "today", "tonight", "tomorrow", "last night", "this
//!   morning", "the day before yesterday" are days relative to the anchor.
//! * Month names must be capitalised. A month with neither day nor year
//!   needs a cue: a preceding "in", "since", "by", "until", "during", "from",
//!   "through", "before", "after", "of", or a modifier ("last", "early",
//!   "mid-"); "May" never takes a possessive and only takes "of" after
//!   "end"/"start"/"beginning"/"middle", so the modal and the surname stay
//!   out. Year inference for months works like dates (past-biased).
//! * Parts: early = days 1–10, mid = 11–20, late = 16–end of a month;
//!   early = Mon–Wed, mid = Tue–Thu, late = Thu–Sun of a week; early =
//!   Jan–Apr, mid = May–Aug, late = Sep–Dec of a year. A part before a day
//!   ("late Jan. 4", "early Tuesday", "in the early hours of Saturday") keeps
//!   the day and sets [`Part`].
//! * "last/this/next week" are Monday–Sunday weeks; "earlier this week" runs
//!   from Monday to the day before the anchor, "later this week" from the day
//!   after to Sunday (likewise for month and year). "the weekend" is the
//!   current weekend on Saturday/Sunday, otherwise the one before.
//! * "the past week", "the last two weeks", "the past 24 hours" end on the
//!   anchor and reach back that long ("the past few days": five units); "in
//!   recent days/weeks/months/years" reach back 7, 28, 90 days or 3 years;
//!   "the coming days/weeks/months" reach forward 7, 28 or 90 days.
//!   "the last week of December" is not one of these (it names December).
//! * "N days ago" and "N weeks ago" are that day (7N days back); "N months
//!   ago" that calendar month; "N years ago" that calendar year.
//!   Counts may be digits, "a"/"an" or number words one to twenty; "a few"/
//!   "several days ago" is the window two to five units back.
//! * Bare years 1900–2099 need a cue ("in 2018", "the 2018 poisoning",
//!   "since 2014", "2018's", "from 1999 to 2008", "the end of 2019"; "of"
//!   only after a time word) and are rejected before counted nouns and clock
//!   words ("2000 people", "by 1900 GMT", "between 2000 and 3000 people");
//!   "4,000" is never a year.
//! * Seasons ("last summer", "summer 2020") are northern-hemisphere
//!   quarters (winter = December to February, named by its December year).
//! * Durations: "for [more than|nearly|about|...] N days/weeks/months/years/
//!   hours" and "N-day"-style adjectives, in days (month = 30, year = 365,
//!   hours rounded up to whole days).
//! * Times of day ("2 a.m.") are not expressions of their own.
//!
//! # Layout
//! `mod.rs` holds the types and the rule order ([`find_time_expressions`],
//! `Cx::at`); `tokens.rs` the tagger's tokens; `lexicon.rs` the month,
//! weekday and cue words and the one-token readers; `numbers.rs` English
//! number words (also read by the alert signals); `calendar.rs` date
//! arithmetic; `anchor.rs` year inference and weekdays against the anchor;
//! `absolute.rs` dates as written; `relative.rs` expressions relative to the
//! anchor; `offsets.rs` days counted from a day the sentence names;
//! `durations.rs` durations; `story.rs` days counted from the story's last
//! day; `carry.rs` the date carried to undated events (paragraphs and event
//! chains); `tests.rs` the table and property tests.
//!
//! * "two days after the March 5 vote", "the day before the Jan. 9
//!   election" count from the day named after them (`offsets.rs`); "died
//!   Feb. 26, one day after he was charged" dates the clause after the
//!   count that far before the day.
//! * "the following day", "the previous day", "two days later", "a week
//!   later" count from the last day the text has set, not the anchor;
//!   "a month later" is the calendar month after that day's; "The move
//!   came two days after troops shelled ..." dates the shelling two days
//!   before that day (`story.rs`, applied by the coder with the date carry).
//!
//! # Not handled
//! Counts from a story time that is no single day ("in March ... a week
//! later"), in hours or years ("hours later": the text's last day is often
//! not the day of the act told just before; "two years later" from the
//! story day), or vague
//! ("days later"),
//! "the day after" a named event whose day the sentence does not give,
//! "overnight", vague durations ("for days"),
//! decades ("the 1990s"), holidays other than those of a fixed day
//! ("Christmas", "Good Friday"; `fixed_holiday` reads "Christmas Eve") and
//! ambiguous slashed dates. Month-first dates take a following count as the
//! day ("in March 12 people died" reads as March 12).

use crate::document::Span;
use aho_corasick::AhoCorasick;
use chrono::NaiveDate;
use std::sync::LazyLock;

mod absolute;
mod anchor;
mod calendar;
mod carry;
mod durations;
mod lexicon;
mod numbers;
mod offsets;
mod relative;
mod story;
#[cfg(test)]
mod tests;
mod tokens;

pub use carry::DateCarry;
pub(crate) use lexicon::{is_calendar_name, is_month_word, MONTHS};
pub use numbers::number_word;
pub use story::{
    find_story_relative, find_years_after, that_month_phrases, that_year_phrases,
    time_of_previous_sentence,
};
use tokens::{tokenize, Tok};

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

/// A part of a day, week, month or year named with the expression
/// ("late on Monday", "Monday night", "early June").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Early,
    Mid,
    Late,
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Early => "early",
            Part::Mid => "mid",
            Part::Late => "late",
            Part::Morning => "morning",
            Part::Afternoon => "afternoon",
            Part::Evening => "evening",
            Part::Night => "night",
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

impl TimeValue {
    /// The first day, last day and precision of a window; `None` for a
    /// duration.
    pub fn window(&self) -> Option<(NaiveDate, NaiveDate, DatePrecision)> {
        match *self {
            TimeValue::Window {
                start,
                end,
                precision,
            } => Some((start, end, precision)),
            TimeValue::Duration { .. } => None,
        }
    }
}

/// One time expression found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeExpression {
    /// Byte span of the expression in the text passed in.
    pub span: Span,
    pub value: TimeValue,
    /// Part of day/week/month/year the expression names, if any. For month
    /// and year parts the window already covers only that part.
    pub part: Option<Part>,
}

impl TimeExpression {
    /// The day the expression names, when it names exactly one.
    pub fn single_day(&self) -> Option<NaiveDate> {
        match self.value {
            TimeValue::Window {
                start,
                end,
                precision: DatePrecision::Day,
            } if start == end => Some(start),
            _ => None,
        }
    }
}

/// Finds every time expression inside `within` (byte range of `text`) and
/// resolves it against `anchor`, the publication date. Weekdays and month
/// names without a year are resolved to the past ("on Saturday" is the last
/// Saturday on or before the anchor), unless the expression itself says
/// otherwise ("next Monday"). Never panics, whatever the text.
pub fn find_time_expressions(text: &str, within: Span, anchor: NaiveDate) -> Vec<TimeExpression> {
    let Some(slice) = text.get(within.start..within.end) else {
        return Vec::new();
    };
    if !might_contain(slice) {
        return Vec::new();
    }
    let cx = Cx {
        t: tokenize(slice, within.start),
        anchor,
    };
    cx.with_offsets(cx.scan(Cx::at))
}

/// The expressions of `within` whose value does not depend on the anchor
/// (dates written with their year): the same under two far-apart anchors.
pub fn absolute_expressions(text: &str, within: Span) -> Vec<TimeExpression> {
    let (Some(early), Some(late)) = (
        NaiveDate::from_ymd_opt(1950, 6, 15),
        NaiveDate::from_ymd_opt(2050, 6, 15),
    ) else {
        return Vec::new();
    };
    let under_late = find_time_expressions(text, within, late);
    find_time_expressions(text, within, early)
        .into_iter()
        .filter(|t| under_late.contains(t))
        .collect()
}

/// Cheap filter: most sentences carry no time expression at all, and every
/// rule needs a digit or one of these fragments.
static KEYWORDS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    let words = [
        "day",
        "week",
        "month",
        "year",
        "night",
        "ago",
        "morning",
        "evening",
        "afternoon",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "hour",
        "weekend",
        "tomorrow",
        "war",
        "christmas",
    ];
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut pats: Vec<String> = Vec::new();
    for w in words {
        pats.push(w.to_string());
        pats.push(w.to_ascii_uppercase());
        let mut c = w.chars();
        if let Some(f) = c.next() {
            pats.push(f.to_ascii_uppercase().to_string() + c.as_str());
        }
    }
    for m in months {
        pats.push(m.to_string());
        pats.push(m.to_ascii_uppercase());
    }
    AhoCorasick::new(pats).ok()
});

fn might_contain(s: &str) -> bool {
    if s.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    match KEYWORDS.as_ref() {
        Some(ac) => ac.is_match(s),
        None => true,
    }
}

struct Hit {
    /// Token index one past the expression.
    end: usize,
    value: TimeValue,
    part: Option<Part>,
}

/// The tagger's context: one sentence's tokens and the anchor; its rules are
/// methods spread over the files of this module, one file per job.
struct Cx<'a> {
    t: Vec<Tok<'a>>,
    anchor: NaiveDate,
}

impl Cx<'_> {
    /// The expressions `find` reads, left to right: after a hit, reading
    /// goes on after its last token.
    fn scan(&self, find: impl Fn(&Self, usize) -> Option<Hit>) -> Vec<TimeExpression> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.t.len() {
            if let Some(hit) = find(self, i).filter(|h| h.end > i) {
                if let (Some(first), Some(last)) = (self.t.get(i), self.t.get(hit.end - 1)) {
                    out.push(TimeExpression {
                        span: Span::new(first.start, last.end),
                        value: hit.value,
                        part: hit.part,
                    });
                    i = hit.end;
                    continue;
                }
            }
            i += 1;
        }
        out
    }

    /// The first rule that matches at token `i`: the order below is the
    /// rules' precedence (digits first, then words).
    fn at(&self, i: usize) -> Option<Hit> {
        let first = self.tok(i);
        let c = first.chars().next()?;
        if c.is_ascii_digit() {
            return self
                .ago(i)
                .or_else(|| self.adjective_duration(i))
                .or_else(|| self.iso(i))
                .or_else(|| self.slashed(i))
                .or_else(|| self.explicit_date(i, None))
                .or_else(|| self.bare_year(i))
                .or_else(|| self.decade(i));
        }
        if !c.is_alphabetic() {
            return None;
        }
        self.duration(i)
            .or_else(|| self.ago(i))
            .or_else(|| self.adjective_duration(i))
            .or_else(|| self.parted(i))
            .or_else(|| self.earlier_later(i))
            .or_else(|| self.relative(i, None))
            .or_else(|| self.past_span(i))
            .or_else(|| self.deictic(i, None))
            .or_else(|| self.weekday(i, None, None))
            .or_else(|| self.explicit_date(i, None))
            .or_else(|| self.fixed_holiday(i))
            .or_else(|| self.bare_month(i))
            .or_else(|| self.season_year(i))
            .or_else(|| self.the_ordinal(i))
            .or_else(|| self.the_weekend(i))
            .or_else(|| self.day_beyond(i))
            .or_else(|| self.world_war(i))
    }
}
