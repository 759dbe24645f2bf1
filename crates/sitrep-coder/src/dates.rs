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
//!   ("will", "'ll", "scheduled", "is due", "expected", "set to", ...) stands
//!   shortly before it in the same clause does a date up to 90 days after
//!   the anchor keep the future reading. Invalid dates ("Feb. 30", "Feb. 29"
//!   in a non-leap year) are dropped.
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
//! * "N days ago" is a day; "N weeks ago" a week centred on that day; "N
//!   months ago" that calendar month; "N years ago" that calendar year.
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
//! # Not handled
//! Expressions that need the event's own time ("the previous day", "a day
//! later", "weeks later"), "overnight", vague durations ("for days"),
//! decades ("the 1990s"), holidays ("Christmas", "Good Friday") and
//! ambiguous slashed dates. Month-first dates take a following count as the
//! day ("in March 12 people died" reads as March 12).

use crate::document::Span;
use aho_corasick::AhoCorasick;
use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};
use std::sync::LazyLock;

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
    let mut out = Vec::new();
    let mut i = 0;
    while i < cx.t.len() {
        if let Some(hit) = cx.at(i) {
            if let (Some(first), Some(last)) = (cx.t.get(i), cx.t.get(hit.end.wrapping_sub(1))) {
                if hit.end > i {
                    out.push(TimeExpression {
                        span: Span::new(first.start, last.end),
                        value: hit.value,
                        part: hit.part,
                    });
                    i = hit.end;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
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

#[derive(Clone, Copy)]
struct Tok<'a> {
    s: &'a str,
    start: usize,
    end: usize,
}

/// Splits into runs of alphanumerics and single punctuation characters;
/// offsets are shifted by `base` so they point into the caller's text.
fn tokenize(s: &str, base: usize) -> Vec<Tok<'_>> {
    fn push<'a>(out: &mut Vec<Tok<'a>>, s: &'a str, base: usize, a: usize, b: usize) {
        if let Some(t) = s.get(a..b) {
            out.push(Tok {
                s: t,
                start: base + a,
                end: base + b,
            });
        }
    }
    let mut out = Vec::with_capacity(s.len() / 4 + 1);
    let mut run: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            if run.is_none() {
                run = Some(i);
            }
            continue;
        }
        if let Some(a) = run.take() {
            push(&mut out, s, base, a, i);
        }
        if !c.is_whitespace() {
            push(&mut out, s, base, i, i + c.len_utf8());
        }
    }
    if let Some(a) = run {
        push(&mut out, s, base, a, s.len());
    }
    out
}

/// English month names, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTH_ABBR: [(&str, u32); 12] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];
const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];
const NUMBER_WORDS: [&str; 20] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];
/// Words after which a bare month name is a month.
const MONTH_CUES: [&str; 12] = [
    "in",
    "since",
    "by",
    "until",
    "till",
    "during",
    "from",
    "through",
    "throughout",
    "before",
    "after",
    "of",
];
/// Words after which a bare four-digit number is a year.
const YEAR_CUES: [&str; 15] = [
    "in",
    "since",
    "of",
    "the",
    "by",
    "until",
    "till",
    "before",
    "after",
    "during",
    "from",
    "through",
    "throughout",
    "between",
    "year",
];
/// Time words before "of" + year ("the end of 2019").
const OF_YEAR: [&str; 16] = [
    "end",
    "start",
    "beginning",
    "middle",
    "half",
    "quarter",
    "rest",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "course",
    "months",
    "part",
    "elections",
];
/// Words that make a preceding four-digit number a count or a clock time.
const NOT_YEAR_AFTER: [&str; 40] = [
    "people",
    "persons",
    "protesters",
    "demonstrators",
    "troops",
    "soldiers",
    "fighters",
    "militants",
    "civilians",
    "residents",
    "refugees",
    "migrants",
    "police",
    "policemen",
    "officers",
    "rockets",
    "missiles",
    "shells",
    "drones",
    "homes",
    "houses",
    "buildings",
    "dollars",
    "euros",
    "tons",
    "tonnes",
    "km",
    "kilometers",
    "kilometres",
    "miles",
    "votes",
    "cases",
    "deaths",
    "members",
    "gmt",
    "utc",
    "hours",
    "hrs",
    "local",
    "percent",
];
/// Words that, shortly before an expression, mark it as future.
const FUTURE_CUES: [&str; 13] = [
    "will",
    "shall",
    "ll",
    "scheduled",
    "planned",
    "plans",
    "expected",
    "expects",
    "upcoming",
    "postponed",
    "rescheduled",
    "tomorrow",
    "slated",
];
/// Words that may follow "on the 5th" when it is a date.
const AFTER_ORDINAL: [&str; 24] = [
    "to", "at", "in", "and", "or", "but", "when", "as", "after", "before", "with", "for", "by",
    "from", "near", "while", "amid", "during", "the", "a", "an", "it", "of", "that",
];
/// Clause boundaries: a future cue beyond one does not count.
const CLAUSE_BREAKS: [&str; 8] = [",", ";", ":", "said", "says", "told", "—", "("];
/// Qualifiers that make a weekday a name ("Good Friday", "Super Tuesday").
const WEEKDAY_NAME_PREFIX: [&str; 10] = [
    "good", "black", "bloody", "super", "ash", "easter", "palm", "holy", "cyber", "maundy",
];
/// Hedges allowed between "for" and a count ("for more than two weeks").
const DURATION_HEDGES: [&[&str]; 16] = [
    &["more", "than"],
    &["less", "than"],
    &["at", "least"],
    &["up", "to"],
    &["the", "past"],
    &["the", "last"],
    &["the", "next"],
    &["a", "further"],
    &["nearly"],
    &["almost"],
    &["about"],
    &["around"],
    &["over"],
    &["some"],
    &["roughly"],
    &["another"],
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Rel {
    Last,
    This,
    Next,
}

#[derive(Clone, Copy)]
enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

/// A date as written, before year inference.
#[derive(Clone, Copy)]
enum Core {
    Date {
        y: Option<i32>,
        m: u32,
        d: u32,
        d2: Option<u32>,
    },
    Month {
        y: Option<i32>,
        m: u32,
    },
}

struct Hit {
    /// Token index one past the expression.
    end: usize,
    value: TimeValue,
    part: Option<Part>,
}

fn window(start: NaiveDate, end: NaiveDate, precision: DatePrecision) -> TimeValue {
    TimeValue::Window {
        start,
        end,
        precision,
    }
}

fn day_value(d: NaiveDate) -> TimeValue {
    window(d, d, DatePrecision::Day)
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(TimeDelta::try_days(n)?)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Year and month `delta` months away from (y, m).
fn shift_month(y: i32, m: u32, delta: i64) -> Option<(i32, u32)> {
    let idx = i64::from(y) * 12 + i64::from(m) - 1 + delta;
    let y = i32::try_from(idx.div_euclid(12)).ok()?;
    let m = u32::try_from(idx.rem_euclid(12)).ok()? + 1;
    Some((y, m))
}

fn month_bounds(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = ymd(y, m, 1)?;
    let (ny, nm) = shift_month(y, m, 1)?;
    Some((first, ymd(ny, nm, 1)?.pred_opt()?))
}

fn month_part(y: i32, m: u32, part: Option<Part>) -> Option<TimeValue> {
    let (first, last) = month_bounds(y, m)?;
    let (s, e) = match part {
        Some(Part::Early) => (first, ymd(y, m, 10)?),
        Some(Part::Mid) => (ymd(y, m, 11)?, ymd(y, m, 20)?),
        Some(Part::Late) => (ymd(y, m, 16)?, last),
        _ => (first, last),
    };
    Some(window(s, e, DatePrecision::Month))
}

fn year_part(y: i32, part: Option<Part>) -> Option<TimeValue> {
    let (s, e) = match part {
        Some(Part::Early) => (ymd(y, 1, 1)?, ymd(y, 4, 30)?),
        Some(Part::Mid) => (ymd(y, 5, 1)?, ymd(y, 8, 31)?),
        Some(Part::Late) => (ymd(y, 9, 1)?, ymd(y, 12, 31)?),
        _ => (ymd(y, 1, 1)?, ymd(y, 12, 31)?),
    };
    Some(window(s, e, DatePrecision::Year))
}

/// Part of the Monday–Sunday week starting at `monday`.
fn week_part(monday: NaiveDate, part: Option<Part>) -> Option<TimeValue> {
    let (a, b) = match part {
        Some(Part::Early) => (0, 2),
        Some(Part::Mid) => (1, 3),
        Some(Part::Late) => (3, 6),
        _ => (0, 6),
    };
    Some(window(
        add_days(monday, a)?,
        add_days(monday, b)?,
        DatePrecision::Week,
    ))
}

fn season_bounds(season: Season, y: i32) -> Option<(NaiveDate, NaiveDate)> {
    let (m, span) = match season {
        Season::Spring => (3, 2),
        Season::Summer => (6, 2),
        Season::Autumn => (9, 2),
        Season::Winter => (12, 2),
    };
    let (ey, em) = shift_month(y, m, span)?;
    Some((ymd(y, m, 1)?, month_bounds(ey, em)?.1))
}

/// Precision that fits a window reaching back from the anchor.
fn precision_for_days(days: i64) -> DatePrecision {
    match days {
        ..=1 => DatePrecision::Day,
        2..=10 => DatePrecision::Week,
        11..=62 => DatePrecision::Month,
        _ => DatePrecision::Year,
    }
}

fn unit_days(unit: Unit, n: u32) -> Option<u32> {
    match unit {
        Unit::Hour => Some(n.div_ceil(24)),
        Unit::Day => Some(n),
        Unit::Week => n.checked_mul(7),
        Unit::Month => n.checked_mul(30),
        Unit::Year => n.checked_mul(365),
    }
}

/// First letter upper case, the rest all lower or all upper ("May", "MAY").
fn capitalised(s: &str) -> bool {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => {
            let rest = cs.as_str();
            rest.chars().all(|c| !c.is_uppercase()) || rest.chars().all(|c| !c.is_lowercase())
        }
        _ => false,
    }
}

fn is_apostrophe(s: &str) -> bool {
    s == "'" || s == "’"
}

fn is_dash(s: &str) -> bool {
    s == "-" || s == "–" || s == "—"
}

struct Cx<'a> {
    t: Vec<Tok<'a>>,
    anchor: NaiveDate,
}

impl Cx<'_> {
    fn tok(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.s)
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.tok(i).eq_ignore_ascii_case(w)
    }

    fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        let t = self.tok(i);
        !t.is_empty() && ws.iter().any(|w| t.eq_ignore_ascii_case(w))
    }

    /// Token before `i`, or "" at the start.
    fn prev(&self, i: usize) -> &str {
        match i.checked_sub(1) {
            Some(p) => self.tok(p),
            None => "",
        }
    }

    fn prev_is_any(&self, i: usize, ws: &[&str]) -> bool {
        i > 0 && self.is_any(i - 1, ws)
    }

    /// Tokens `i` and `i + 1` touch (no space between).
    fn adjacent(&self, i: usize) -> bool {
        match (self.t.get(i), self.t.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    fn digits(&self, i: usize, max_len: usize) -> Option<u32> {
        let s = self.tok(i);
        if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    }

    /// Day of month: "5", "05", "5th", "22nd".
    fn day_at(&self, i: usize) -> Option<u32> {
        let s = self.tok(i);
        let n = match self.digits(i, 2) {
            Some(n) => n,
            None => {
                let cut = s.find(|c: char| !c.is_ascii_digit())?;
                let (num, suf) = (s.get(..cut)?, s.get(cut..)?);
                if num.is_empty() || num.len() > 2 {
                    return None;
                }
                if !["st", "nd", "rd", "th"]
                    .iter()
                    .any(|x| suf.eq_ignore_ascii_case(x))
                {
                    return None;
                }
                num.parse().ok()?
            }
        };
        (1..=31).contains(&n).then_some(n)
    }

    fn is_ordinal(&self, i: usize) -> bool {
        self.day_at(i).is_some() && self.digits(i, 2).is_none()
    }

    fn year_at(&self, i: usize) -> Option<i32> {
        if self.tok(i).len() != 4 {
            return None;
        }
        let y = self.digits(i, 4)?;
        (1900..=2099).contains(&y).then_some(y as i32)
    }

    /// Capitalised month name; `true` when written in full.
    fn month_at(&self, i: usize) -> Option<(u32, bool)> {
        let s = self.tok(i);
        if !capitalised(s) {
            return None;
        }
        if let Some(k) = MONTHS.iter().position(|m| s.eq_ignore_ascii_case(m)) {
            return Some((k as u32 + 1, true));
        }
        MONTH_ABBR
            .iter()
            .find(|(a, _)| s.eq_ignore_ascii_case(a))
            .map(|&(_, m)| (m, false))
    }

    fn weekday_at(&self, i: usize) -> Option<Weekday> {
        let s = self.tok(i);
        if !capitalised(s) {
            return None;
        }
        WEEKDAYS
            .iter()
            .find(|(w, _)| s.eq_ignore_ascii_case(w))
            .map(|&(_, d)| d)
    }

    /// A count: digits, "a"/"an", or one..twenty.
    fn qty_at(&self, i: usize) -> Option<u32> {
        if let Some(n) = self.digits(i, 6) {
            return Some(n);
        }
        if self.is_any(i, &["a", "an"]) {
            return Some(1);
        }
        let s = self.tok(i);
        NUMBER_WORDS
            .iter()
            .position(|w| s.eq_ignore_ascii_case(w))
            .map(|k| k as u32 + 1)
    }

    fn unit_at(&self, i: usize) -> Option<Unit> {
        let s = self.tok(i);
        let stem = s
            .strip_suffix('s')
            .or_else(|| s.strip_suffix('S'))
            .unwrap_or(s);
        [
            ("hour", Unit::Hour),
            ("day", Unit::Day),
            ("week", Unit::Week),
            ("month", Unit::Month),
            ("year", Unit::Year),
        ]
        .into_iter()
        .find(|(w, _)| stem.eq_ignore_ascii_case(w))
        .map(|(_, u)| u)
    }

    fn rel_at(&self, i: usize) -> Option<Rel> {
        if self.is(i, "last") {
            Some(Rel::Last)
        } else if self.is(i, "this") {
            Some(Rel::This)
        } else if self.is(i, "next") || self.is(i, "coming") {
            Some(Rel::Next)
        } else {
            None
        }
    }

    /// "early", "late", "mid", "mid-": the part and the token after it.
    fn part_word_at(&self, i: usize) -> Option<(Part, usize)> {
        if self.is(i, "early") {
            Some((Part::Early, i + 1))
        } else if self.is(i, "late") {
            Some((Part::Late, i + 1))
        } else if self.is(i, "mid") {
            if is_dash(self.tok(i + 1)) && self.adjacent(i) {
                Some((Part::Mid, i + 2))
            } else {
                Some((Part::Mid, i + 1))
            }
        } else {
            None
        }
    }

    fn day_part_at(&self, i: usize) -> Option<Part> {
        let s = self.tok(i);
        if s.eq_ignore_ascii_case("morning") {
            Some(Part::Morning)
        } else if s.eq_ignore_ascii_case("afternoon") {
            Some(Part::Afternoon)
        } else if s.eq_ignore_ascii_case("evening") {
            Some(Part::Evening)
        } else if s.eq_ignore_ascii_case("night") {
            Some(Part::Night)
        } else {
            None
        }
    }

    fn season_at(&self, i: usize) -> Option<Season> {
        let s = self.tok(i);
        if s.eq_ignore_ascii_case("spring") {
            Some(Season::Spring)
        } else if s.eq_ignore_ascii_case("summer") {
            Some(Season::Summer)
        } else if s.eq_ignore_ascii_case("autumn") || s.eq_ignore_ascii_case("fall") {
            Some(Season::Autumn)
        } else if s.eq_ignore_ascii_case("winter") {
            Some(Season::Winter)
        } else {
            None
        }
    }

    /// A future cue within a few tokens before `i`, in the same clause.
    fn future_cue(&self, i: usize) -> bool {
        for k in (i.saturating_sub(10)..i).rev() {
            if self.is_any(k, &CLAUSE_BREAKS) {
                return false;
            }
            if self.is_any(k, &FUTURE_CUES)
                || (self.is(k, "set") && self.is(k + 1, "to"))
                // "is due to meet", not the causal "due to fog".
                || (self.is(k, "due") && k > 0 && self.is_any(k - 1, &["is", "are", "was", "were", "s"]))
            {
                return true;
            }
        }
        false
    }

    fn monday_of(&self, d: NaiveDate) -> Option<NaiveDate> {
        add_days(d, -i64::from(d.weekday().num_days_from_monday()))
    }

    /// Month/day without a year: past-biased (see module docs).
    fn infer_md(&self, m: u32, d: u32, future: bool) -> Option<NaiveDate> {
        let limit = add_days(self.anchor, 1)?;
        let y = self.anchor.year();
        if future {
            let next = (0..=1)
                .filter_map(|k| ymd(y + k, m, d))
                .find(|c| *c > self.anchor)?;
            if (next - self.anchor).num_days() <= 90 {
                return Some(next);
            }
        }
        // Next year only for the slack day; "Feb. 29" in 2022 is no date.
        (-1..=1)
            .filter_map(|k| ymd(y - k, m, d))
            .find(|c| *c <= limit)
    }

    /// Year of a month named without one: the anchor's month counts as
    /// past; later months go to the year before unless future-cued.
    fn infer_month(&self, m: u32, future: bool) -> Option<i32> {
        let (y, am) = (self.anchor.year(), self.anchor.month());
        if future && m > am {
            let first = ymd(y, m, 1)?;
            if (first - self.anchor).num_days() <= 90 {
                return Some(y);
            }
        }
        if future && m < am {
            let first = ymd(y + 1, m, 1)?;
            if (first - self.anchor).num_days() <= 90 {
                return Some(y + 1);
            }
        }
        Some(if m <= am { y } else { y - 1 })
    }

    fn weekday_date(&self, wd: Weekday, rel: Option<Rel>, future: bool) -> Option<NaiveDate> {
        let a = i64::from(self.anchor.weekday().num_days_from_monday());
        let w = i64::from(wd.num_days_from_monday());
        let back = (a - w).rem_euclid(7);
        let fwd = (w - a).rem_euclid(7);
        match rel {
            Some(Rel::Last) => add_days(self.anchor, -(if back == 0 { 7 } else { back })),
            Some(Rel::Next) => add_days(self.anchor, if fwd == 0 { 7 } else { fwd }),
            _ if future => add_days(self.anchor, fwd),
            _ => add_days(self.anchor, -back),
        }
    }

    fn resolve(&self, core: Core, part: Option<Part>, future: bool) -> Option<TimeValue> {
        match core {
            Core::Date { y, m, d, d2 } => {
                let s = match y {
                    Some(y) => ymd(y, m, d)?,
                    None => self.infer_md(m, d, future)?,
                };
                let e = match d2 {
                    Some(d2) => ymd(s.year(), m, d2)?,
                    None => s,
                };
                Some(window(s, e, DatePrecision::Day))
            }
            Core::Month { y, m } => {
                let y = match y {
                    Some(y) => y,
                    None => self.infer_month(m, future)?,
                };
                month_part(y, m, part)
            }
        }
    }

    /// Month first: "Jan. 13", "January 13, 2022", "Jan 13-14", "November
    /// 2020", or a bare month (third value `true`; the caller checks cues).
    fn month_first(&self, i: usize) -> Option<(Core, usize, bool)> {
        let (m, full) = self.month_at(i)?;
        // A full name's dot ends a sentence; an abbreviation's is its own.
        let j = if !full && self.tok(i + 1) == "." {
            i + 2
        } else {
            i + 1
        };
        if let Some(d) = self.day_at(j) {
            // "May 5,000" is a number, not a date.
            if self.tok(j + 1) == "," && self.digits(j + 2, 3).is_some() && self.adjacent(j + 1) {
                return None;
            }
            let mut k = j + 1;
            let mut d2 = None;
            if is_dash(self.tok(k)) {
                if let Some(e) = self.day_at(k + 1) {
                    if e > d {
                        d2 = Some(e);
                        k += 2;
                    }
                }
            }
            let mut y = None;
            if let Some(yy) = self.year_at(k) {
                y = Some(yy);
                k += 1;
            } else if self.tok(k) == "," && !self.is_any(k + 2, &NOT_YEAR_AFTER) {
                // "On Jan. 13, 2000 people marched" keeps its count.
                if let Some(yy) = self.year_at(k + 1) {
                    y = Some(yy);
                    k += 2;
                }
            }
            return Some((Core::Date { y, m, d, d2 }, k, false));
        }
        if let Some(y) = self.year_at(j) {
            return Some((Core::Month { y: Some(y), m }, j + 1, false));
        }
        // "January of 2022".
        if full && self.is(j, "of") {
            if let Some(y) = self.year_at(j + 1) {
                return Some((Core::Month { y: Some(y), m }, j + 2, false));
            }
        }
        if full {
            return Some((Core::Month { y: None, m }, i + 1, true));
        }
        None
    }

    /// Day first: "13 January", "13th of January 2022", "13-14 Jan".
    fn day_first(&self, i: usize) -> Option<(Core, usize)> {
        let d = self.day_at(i)?;
        // "1,000 March..." or "3.5 May" are not days.
        if i >= 2 && (self.prev(i) == "," || self.prev(i) == ".") && self.digits(i - 2, 9).is_some()
        {
            return None;
        }
        let mut j = i + 1;
        let mut d2 = None;
        if is_dash(self.tok(j)) {
            if let Some(e) = self.day_at(j + 1) {
                if e > d {
                    d2 = Some(e);
                    j += 2;
                }
            }
        }
        if self.is(j, "of") {
            j += 1;
        }
        let (m, full) = self.month_at(j)?;
        let mut k = if !full && self.tok(j + 1) == "." && self.year_at(j + 2).is_some() {
            j + 2
        } else {
            j + 1
        };
        let mut y = None;
        if let Some(yy) = self.year_at(k) {
            y = Some(yy);
            k += 1;
        } else if self.tok(k) == "," {
            if let Some(yy) = self.year_at(k + 1) {
                y = Some(yy);
                k += 2;
            }
        }
        Some((Core::Date { y, m, d, d2 }, k))
    }

    /// An explicit date (not a bare month) at `i`.
    fn date_at(&self, i: usize) -> Option<(Core, usize)> {
        if let Some((core, end, bare)) = self.month_first(i) {
            if !bare {
                return Some((core, end));
            }
        }
        self.day_first(i)
    }

    /// Whether a bare month name at `i` has a cue that makes it a month.
    fn bare_month_ok(&self, i: usize, m: u32) -> bool {
        let may = m == 5;
        let p = self.prev(i);
        if p.eq_ignore_ascii_case("of") {
            return !may
                || (i >= 2
                    && self.is_any(i - 2, &["end", "start", "beginning", "middle", "rest"]));
        }
        if MONTH_CUES.iter().any(|c| p.eq_ignore_ascii_case(c)) {
            return true;
        }
        // "from May to June", "May and June".
        if i >= 2
            && (self.is_any(i - 1, &["to", "and", "or"]) || is_dash(p))
            && self.month_at(i - 2).is_some()
        {
            return true;
        }
        !may && is_apostrophe(self.tok(i + 1)) && self.is(i + 2, "s")
    }

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
                .or_else(|| self.bare_year(i));
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
            .or_else(|| self.bare_month(i))
            .or_else(|| self.season_year(i))
            .or_else(|| self.the_ordinal(i))
            .or_else(|| self.the_weekend(i))
            .or_else(|| self.day_beyond(i))
    }

    /// "for [hedge] N units".
    fn duration(&self, i: usize) -> Option<Hit> {
        if !self.is(i, "for") {
            return None;
        }
        let mut j = i + 1;
        for h in DURATION_HEDGES {
            if h.iter().enumerate().all(|(k, w)| self.is(j + k, w)) {
                j += h.len();
                break;
            }
        }
        let n = self.qty_at(j)?;
        let unit = self.unit_at(j + 1)?;
        Some(Hit {
            end: j + 2,
            value: TimeValue::Duration {
                days: unit_days(unit, n)?,
            },
            part: None,
        })
    }

    /// "three-day", "48-hour" (not "12-year-old").
    fn adjective_duration(&self, i: usize) -> Option<Hit> {
        let n = self.qty_at(i)?;
        if self.is_any(i, &["a", "an"]) || !(self.adjacent(i) && self.adjacent(i + 1)) {
            return None;
        }
        if !is_dash(self.tok(i + 1)) {
            return None;
        }
        let unit = self.unit_at(i + 2)?;
        if self.tok(i + 2).ends_with(['s', 'S']) {
            return None;
        }
        if is_dash(self.tok(i + 3)) && self.is(i + 4, "old") {
            return None;
        }
        Some(Hit {
            end: i + 3,
            value: TimeValue::Duration {
                days: unit_days(unit, n)?,
            },
            part: None,
        })
    }

    /// "two days ago", "a year ago".
    fn ago(&self, i: usize) -> Option<Hit> {
        if let Some(h) = self.vague_ago(i) {
            return Some(h);
        }
        let n = self.qty_at(i)?;
        let unit = self.unit_at(i + 1)?;
        if !self.is(i + 2, "ago") {
            return None;
        }
        let n64 = i64::from(n);
        let value = match unit {
            Unit::Hour => day_value(add_days(self.anchor, -(n64 / 24))?),
            Unit::Day => day_value(add_days(self.anchor, -n64)?),
            Unit::Week => {
                let mid = add_days(self.anchor, -7 * n64)?;
                window(add_days(mid, -3)?, add_days(mid, 3)?, DatePrecision::Week)
            }
            Unit::Month => {
                let (y, m) = shift_month(self.anchor.year(), self.anchor.month(), -n64)?;
                month_part(y, m, None)?
            }
            Unit::Year => year_part(
                self.anchor.year().checked_sub(i32::try_from(n).ok()?)?,
                None,
            )?,
        };
        Some(Hit {
            end: i + 3,
            value,
            part: None,
        })
    }

    /// Token after a vague count ("a few", "several"), if one is at `i`.
    fn vague_qty(&self, i: usize) -> Option<usize> {
        if self.is(i, "a") && self.is(i + 1, "few") {
            Some(i + 2)
        } else if self.is_any(i, &["few", "several"]) {
            Some(i + 1)
        } else {
            None
        }
    }

    /// "a few days ago", "several weeks ago": two to five units back.
    fn vague_ago(&self, i: usize) -> Option<Hit> {
        let u = self.vague_qty(i)?;
        let unit = self.unit_at(u)?;
        if !self.is(u + 1, "ago") || unit == Unit::Hour {
            return None;
        }
        let lo = i64::from(unit_days(unit, 2)?);
        let hi = i64::from(unit_days(unit, 5)?);
        Some(Hit {
            end: u + 2,
            value: window(
                add_days(self.anchor, -hi)?,
                add_days(self.anchor, -lo)?,
                precision_for_days(hi - lo),
            ),
            part: None,
        })
    }

    /// "early/late/mid" + a month, year, week, weekday or date.
    fn parted(&self, i: usize) -> Option<Hit> {
        let (part, j) = self.part_word_at(i)?;
        let p = Some(part);
        if let Some(mut h) = self.relative(j, p) {
            h.part = h.part.or(p);
            return Some(h);
        }
        if let Some(y) = self.year_at(j) {
            return Some(Hit {
                end: j + 1,
                value: year_part(y, p)?,
                part: p,
            });
        }
        if let Some((core, end, _)) = self.month_first(j) {
            let future = self.future_cue(i);
            return Some(Hit {
                end,
                value: self.resolve(core, p, future)?,
                part: p,
            });
        }
        // "late on Monday", "early on Jan. 5", "late yesterday".
        let k = if self.is(j, "on") { j + 1 } else { j };
        self.weekday(k, p, None)
            .or_else(|| self.explicit_date(k, p))
            .or_else(|| self.deictic(k, p))
            .map(|mut h| {
                h.part = p;
                h
            })
    }

    /// "earlier this week", "later this month", "earlier this year".
    fn earlier_later(&self, i: usize) -> Option<Hit> {
        let earlier = if self.is(i, "earlier") {
            true
        } else if self.is(i, "later") {
            false
        } else {
            return None;
        };
        // "earlier this week" or "earlier in the week".
        let u = if self.is(i + 1, "this") {
            i + 2
        } else if self.is(i + 1, "in") && self.is(i + 2, "the") {
            i + 3
        } else {
            return None;
        };
        let unit = self.unit_at(u)?;
        if self.tok(u).ends_with(['s', 'S']) {
            return None;
        }
        let a = self.anchor;
        let (first, last, prec) = match unit {
            Unit::Week => {
                let mon = self.monday_of(a)?;
                (mon, add_days(mon, 6)?, DatePrecision::Week)
            }
            Unit::Month => {
                let (f, l) = month_bounds(a.year(), a.month())?;
                (f, l, DatePrecision::Month)
            }
            Unit::Year => (
                ymd(a.year(), 1, 1)?,
                ymd(a.year(), 12, 31)?,
                DatePrecision::Year,
            ),
            _ => return None,
        };
        let (s, e) = if earlier {
            (first, add_days(a, -1)?.max(first))
        } else {
            (add_days(a, 1)?.min(last), last)
        };
        Some(Hit {
            end: u + 1,
            value: window(s, e, prec),
            part: None,
        })
    }

    /// "last/this/next" + week, weekend, month, year, weekday, month name,
    /// season; "last night", "this morning". `part` narrows the window.
    fn relative(&self, i: usize, part: Option<Part>) -> Option<Hit> {
        let rel = self.rel_at(i)?;
        // "the last week" reaches back from the anchor (see `past_span`).
        if rel == Rel::Last && self.prev_is_any(i, &["the"]) {
            return None;
        }
        let j = i + 1;
        let a = self.anchor;
        let hit = |end: usize, value: TimeValue| {
            Some(Hit {
                end,
                value,
                part: None,
            })
        };
        let delta: i64 = match rel {
            Rel::Last => -1,
            Rel::This => 0,
            Rel::Next => 1,
        };
        let t = self.tok(j);
        if t.eq_ignore_ascii_case("week") {
            let mon = add_days(self.monday_of(a)?, 7 * delta)?;
            return hit(j + 1, week_part(mon, part)?);
        }
        if t.eq_ignore_ascii_case("weekend") && part.is_none() {
            let sat = add_days(self.monday_of(a)?, 7 * delta + 5)?;
            return hit(j + 1, window(sat, add_days(sat, 1)?, DatePrecision::Week));
        }
        if t.eq_ignore_ascii_case("month") {
            let (y, m) = shift_month(a.year(), a.month(), delta)?;
            return hit(j + 1, month_part(y, m, part)?);
        }
        if t.eq_ignore_ascii_case("year") {
            return hit(j + 1, year_part(a.year() + delta as i32, part)?);
        }
        if part.is_some() {
            return None;
        }
        if let Some(wd) = self.weekday_at(j) {
            let future = rel == Rel::This && self.future_cue(i);
            let date = self.weekday_date(wd, Some(rel), future)?;
            let dp = self.day_part_at(j + 1);
            return Some(Hit {
                end: j + 1 + usize::from(dp.is_some()),
                value: day_value(date),
                part: dp,
            });
        }
        if let Some((m, true)) = self.month_at(j) {
            if self.day_at(j + 1).is_some() || self.year_at(j + 1).is_some() {
                return None;
            }
            let y = match rel {
                Rel::Last if m < a.month() => a.year(),
                Rel::Last => a.year() - 1,
                Rel::This => a.year(),
                Rel::Next if m > a.month() => a.year(),
                Rel::Next => a.year() + 1,
            };
            return hit(j + 1, month_part(y, m, None)?);
        }
        if let Some(season) = self.season_at(j) {
            let this_y = match season {
                Season::Winter if a.month() <= 2 => a.year() - 1,
                _ => a.year(),
            };
            let (s, e) = match rel {
                Rel::This => season_bounds(season, this_y)?,
                Rel::Last => (0..3)
                    .filter_map(|k| season_bounds(season, this_y - k))
                    .find(|(_, e)| *e < a)?,
                Rel::Next => (0..3)
                    .filter_map(|k| season_bounds(season, this_y + k))
                    .find(|(s, _)| *s > a)?,
            };
            return hit(j + 1, window(s, e, DatePrecision::Year));
        }
        if rel == Rel::Last && t.eq_ignore_ascii_case("night") {
            return Some(Hit {
                end: j + 1,
                value: day_value(add_days(a, -1)?),
                part: Some(Part::Night),
            });
        }
        if rel == Rel::This {
            if let Some(dp) = self.day_part_at(j) {
                return Some(Hit {
                    end: j + 1,
                    value: day_value(a),
                    part: Some(dp),
                });
            }
        }
        None
    }

    /// "the past week", "the last two weeks", "the past 24 hours": windows
    /// that end on the anchor. The span starts at "past"/"last".
    fn past_span(&self, i: usize) -> Option<Hit> {
        // "the coming days/weeks/months": 7, 28, 90 days from the anchor.
        if self.is(i, "coming")
            && self.prev_is_any(i, &["the"])
            && self.tok(i + 1).ends_with(['s', 'S'])
        {
            let days = match self.unit_at(i + 1)? {
                Unit::Day => 7,
                Unit::Week => 28,
                Unit::Month => 90,
                _ => return None,
            };
            return Some(Hit {
                end: i + 2,
                value: window(
                    self.anchor,
                    add_days(self.anchor, days)?,
                    precision_for_days(days),
                ),
                part: None,
            });
        }
        // "in recent days/weeks/months/years": 7, 28, 90 days, 3 years.
        if self.is(i, "recent") && self.prev_is_any(i, &["in", "of", "over"]) {
            let days = match self.unit_at(i + 1)? {
                Unit::Day => 7,
                Unit::Week => 28,
                Unit::Month => 90,
                Unit::Year => 3 * 365,
                Unit::Hour => 1,
            };
            return Some(Hit {
                end: i + 2,
                value: window(
                    add_days(self.anchor, -days)?,
                    self.anchor,
                    precision_for_days(days),
                ),
                part: None,
            });
        }
        if !(self.is(i, "past") || self.is(i, "last")) || !self.prev_is_any(i, &["the", "this"]) {
            return None;
        }
        // "the past few days" reaches back five units.
        let (n, uidx) = match (self.vague_qty(i + 1), self.qty_at(i + 1)) {
            (Some(u), _) => (5, u),
            (None, Some(n)) if !self.is_any(i + 1, &["a", "an"]) => (n, i + 2),
            _ => (1, i + 1),
        };
        let unit = self.unit_at(uidx)?;
        // "the last week of December" names a part of December.
        if self.is(uidx + 1, "of") {
            return None;
        }
        let days = i64::from(unit_days(unit, n)?.max(1));
        let start = add_days(self.anchor, -days)?;
        Some(Hit {
            end: uidx + 1,
            value: window(start, self.anchor, precision_for_days(days)),
            part: None,
        })
    }

    /// "yesterday", "today", "tonight", "tomorrow", with a part of day.
    fn deictic(&self, i: usize, part: Option<Part>) -> Option<Hit> {
        let t = self.tok(i);
        let (off, mut dp) = if t.eq_ignore_ascii_case("yesterday") {
            (-1, None)
        } else if t.eq_ignore_ascii_case("today") {
            // "USA Today", "Russia Today" are names.
            if t.starts_with('T') && i > 0 && capitalised(self.prev(i)) {
                return None;
            }
            (0, None)
        } else if t.eq_ignore_ascii_case("tonight") {
            (0, Some(Part::Night))
        } else if t.eq_ignore_ascii_case("tomorrow") {
            (1, None)
        } else {
            return None;
        };
        let mut end = i + 1;
        if dp.is_none() {
            if let Some(p) = self.day_part_at(i + 1) {
                dp = Some(p);
                end += 1;
            }
        }
        Some(Hit {
            end,
            value: day_value(add_days(self.anchor, off)?),
            part: part.or(dp),
        })
    }

    /// "Saturday", "Monday night", "Monday, Jan. 10".
    fn weekday(&self, i: usize, part: Option<Part>, rel: Option<Rel>) -> Option<Hit> {
        let wd = self.weekday_at(i)?;
        // Names, not days: "Good Friday", "the Sunday Times".
        if i > 0 && self.is_any(i - 1, &WEEKDAY_NAME_PREFIX) && capitalised(self.prev(i)) {
            return None;
        }
        if self.prev_is_any(i, &["the"])
            && capitalised(self.tok(i + 1))
            && self.month_at(i + 1).is_none()
        {
            return None;
        }
        // A weekday with its date ("Monday, Jan. 10"): the date decides.
        let di = if self.tok(i + 1) == "," { i + 2 } else { i + 1 };
        if let Some((core, end)) = self.date_at(di) {
            // Without a year, the weekday picks it: "Sunday, Jan. 16" is the
            // nearest Jan. 16 that falls on a Sunday.
            if let Core::Date {
                y: None,
                m,
                d,
                d2: None,
            } = core
            {
                let y = self.anchor.year();
                let best = [y, y - 1, y + 1]
                    .into_iter()
                    .filter_map(|y| ymd(y, m, d))
                    .filter(|c| c.weekday() == wd)
                    .min_by_key(|c| (*c - self.anchor).num_days().abs());
                if let Some(date) = best {
                    return Some(Hit {
                        end,
                        value: day_value(date),
                        part,
                    });
                }
            }
            if let Some(value) = self.resolve(core, None, self.future_cue(i)) {
                return Some(Hit { end, value, part });
            }
        }
        let mut end = i + 1;
        // "in the early hours of Saturday".
        let early_hours =
            i >= 3 && self.is(i - 1, "of") && self.is(i - 2, "hours") && self.is(i - 3, "early");
        let mut p = part.or(early_hours.then_some(Part::Early));
        if let Some(dp) = self.day_part_at(i + 1) {
            p = p.or(Some(dp));
            end += 1;
        }
        let date = self.weekday_date(wd, rel, self.future_cue(i))?;
        Some(Hit {
            end,
            value: day_value(date),
            part: p,
        })
    }

    /// "2022-01-13".
    fn iso(&self, i: usize) -> Option<Hit> {
        let y = self.year_at(i)?;
        if !(self.adjacent(i)
            && self.adjacent(i + 1)
            && self.adjacent(i + 2)
            && self.adjacent(i + 3))
        {
            return None;
        }
        if self.tok(i + 1) != "-" || self.tok(i + 3) != "-" {
            return None;
        }
        if self.tok(i + 2).len() != 2 || self.tok(i + 4).len() != 2 {
            return None;
        }
        let m = self.digits(i + 2, 2)?;
        let d = self.digits(i + 4, 2)?;
        if self.adjacent(i + 4) && matches!(self.tok(i + 5), "-" | "/") {
            return None;
        }
        Some(Hit {
            end: i + 5,
            value: day_value(ymd(y, m, d)?),
            part: None,
        })
    }

    /// "25/12/2021", "12/25/2021", "2021/12/25": only when the order of day
    /// and month is beyond doubt; "12/01/2022" is left alone.
    fn slashed(&self, i: usize) -> Option<Hit> {
        if !(1..=4).all(|k| self.adjacent(i + k - 1)) {
            return None;
        }
        if self.tok(i + 1) != "/" || self.tok(i + 3) != "/" {
            return None;
        }
        if self.adjacent(i + 4) && matches!(self.tok(i + 5), "/" | "-") {
            return None;
        }
        let (a, b) = (self.digits(i, 4)?, self.digits(i + 2, 2)?);
        let date = if let Some(y) = self.year_at(i) {
            ymd(y, b, self.digits(i + 4, 2)?)?
        } else {
            let y = self.year_at(i + 4)?;
            match (a > 12, b > 12) {
                (true, false) => ymd(y, b, a)?,
                (false, true) => ymd(y, a, b)?,
                _ => return None,
            }
        };
        Some(Hit {
            end: i + 5,
            value: day_value(date),
            part: None,
        })
    }

    fn explicit_date(&self, i: usize, part: Option<Part>) -> Option<Hit> {
        let (core, end) = self.date_at(i)?;
        Some(Hit {
            end,
            value: self.resolve(core, part, self.future_cue(i))?,
            part,
        })
    }

    /// "in May", "since November", "November's election".
    fn bare_month(&self, i: usize) -> Option<Hit> {
        let (core, end, bare) = self.month_first(i)?;
        let Core::Month { m, .. } = core else {
            return None;
        };
        if !bare || !self.bare_month_ok(i, m) {
            return None;
        }
        Some(Hit {
            end,
            value: self.resolve(core, None, self.future_cue(i))?,
            part: None,
        })
    }

    /// "summer 2020", "the summer of 2020".
    fn season_year(&self, i: usize) -> Option<Hit> {
        let season = self.season_at(i)?;
        let mut j = i + 1;
        if self.is(j, "of") {
            j += 1;
        }
        let y = self.year_at(j)?;
        let (s, e) = season_bounds(season, y)?;
        Some(Hit {
            end: j + 1,
            value: window(s, e, DatePrecision::Year),
            part: None,
        })
    }

    /// "on the 5th": that day of the anchor's month, or of the month before
    /// when it is still to come.
    fn the_ordinal(&self, i: usize) -> Option<Hit> {
        if !self.is(i, "the") || !self.prev_is_any(i, &["on", "since", "by", "until"]) {
            return None;
        }
        if !self.is_ordinal(i + 1) || self.day_first(i + 1).is_some() {
            return None;
        }
        // "on the 10th anniversary" is no date; a date is followed by
        // punctuation or a function word.
        let next = self.tok(i + 2);
        if next.chars().next().is_some_and(char::is_alphanumeric)
            && !self.is_any(i + 2, &AFTER_ORDINAL)
        {
            return None;
        }
        let d = self.day_at(i + 1)?;
        let a = self.anchor;
        let limit = add_days(a, 1)?;
        let date = (0..=2)
            .filter_map(|k| shift_month(a.year(), a.month(), -k))
            .filter_map(|(y, m)| ymd(y, m, d))
            .find(|c| *c <= limit)?;
        Some(Hit {
            end: i + 2,
            value: day_value(date),
            part: None,
        })
    }

    /// "the day before yesterday", "the day after tomorrow".
    fn day_beyond(&self, i: usize) -> Option<Hit> {
        if !(self.is(i, "the") && self.is(i + 1, "day")) {
            return None;
        }
        let off = if self.is(i + 2, "before") && self.is(i + 3, "yesterday") {
            -2
        } else if self.is(i + 2, "after") && self.is(i + 3, "tomorrow") {
            2
        } else {
            return None;
        };
        Some(Hit {
            end: i + 4,
            value: day_value(add_days(self.anchor, off)?),
            part: None,
        })
    }

    /// "the weekend": the current one on Saturday/Sunday, else the last.
    fn the_weekend(&self, i: usize) -> Option<Hit> {
        if !self.is(i, "the") || !self.is(i + 1, "weekend") {
            return None;
        }
        let mon = self.monday_of(self.anchor)?;
        let sat = if self.anchor.weekday().num_days_from_monday() >= 5 {
            add_days(mon, 5)?
        } else {
            add_days(mon, -2)?
        };
        Some(Hit {
            end: i + 2,
            value: window(sat, add_days(sat, 1)?, DatePrecision::Week),
            part: None,
        })
    }

    /// "in 2018", "the 2018 poisoning", "2018's", "between 2014 and 2016".
    fn bare_year(&self, i: usize) -> Option<Hit> {
        let y = self.year_at(i)?;
        // "2018-19" and "2018,000" are not this year.
        if self.adjacent(i)
            && (is_dash(self.tok(i + 1))
                || (self.tok(i + 1) == ","
                    && self.adjacent(i + 1)
                    && self.digits(i + 2, 9).is_some()))
        {
            return None;
        }
        if self.is_any(i + 1, &NOT_YEAR_AFTER) || self.tok(i + 1) == "%" {
            return None;
        }
        // "of" makes a year only after a time word ("the end of 2019", "the
        // summer of 2020"); "a crowd of 2000" is a count.
        let of_ok = i >= 2
            && self.is(i - 1, "of")
            && (self.is_any(i - 2, &OF_YEAR) || self.month_at(i - 2).is_some());
        let cued = (self.prev_is_any(i, &YEAR_CUES) && !self.is(i - 1, "of"))
            || of_ok
            || (i >= 2
                && (self.is_any(i - 1, &["to", "and", "or"]) || is_dash(self.prev(i)))
                && self.year_at(i - 2).is_some())
            || (is_apostrophe(self.tok(i + 1)) && self.is(i + 2, "s"));
        if !cued {
            return None;
        }
        // "between 2000 and 3000 people": both numbers must be years and the
        // second no count.
        if self.prev_is_any(i, &["between"])
            && !(self.is(i + 1, "and")
                && self.year_at(i + 2).is_some()
                && !self.is_any(i + 3, &NOT_YEAR_AFTER))
        {
            return None;
        }
        Some(Hit {
            end: i + 1,
            value: year_part(y, None)?,
            part: None,
        })
    }
}

#[cfg(test)]
mod tests {
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
        let src = include_str!("../test_data/dates.tsv");
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
        let src = include_str!("../test_data/dates.tsv");
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
}
