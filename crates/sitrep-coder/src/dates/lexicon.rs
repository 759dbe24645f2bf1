//! The words of time: month and weekday names, number words, the cue
//! lists that decide whether a word is a date, and the readers of one token.

use super::numbers::number_word;
use super::tokens::{capitalised, is_dash};
use super::{Cx, Part};
use chrono::Weekday;

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

pub(super) const MONTH_ABBR: [(&str, u32); 12] = [
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

pub(super) const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Whether a lower-cased word is a month's or a weekday's full name.
pub(crate) fn is_calendar_name(lower: &str) -> bool {
    MONTHS.contains(&lower) || WEEKDAYS.iter().any(|(name, _)| *name == lower)
}

/// Whether a lower-cased word is a month's full name or its abbreviation
/// ("june", "nov", "sept").
pub(crate) fn is_month_word(lower: &str) -> bool {
    MONTHS.contains(&lower) || MONTH_ABBR.iter().any(|(abbr, _)| *abbr == lower)
}

/// Words after which a bare month name is a month.
pub(super) const MONTH_CUES: [&str; 12] = [
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
pub(super) const YEAR_CUES: [&str; 15] = [
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

/// Words that make a following four-digit number a count or a level, not a
/// year, even before ", when" ("the toll rose to 2000, when ...", "a crowd
/// of about 1500, when ...").
pub(super) const COUNT_BEFORE: [&str; 19] = [
    "about",
    "some",
    "nearly",
    "around",
    "over",
    "than",
    "almost",
    "approximately",
    "roughly",
    "least",
    "reached",
    "hit",
    "exceeded",
    "topped",
    "passed",
    "surpassed",
    "totalled",
    "totaled",
    "numbered",
];

/// Verbs of a changing level: "to" or "at" after them is followed by a
/// count ("rose to 2000", "stood at 1500"), not by a year as in "dates back
/// to 2007".
pub(super) const LEVEL_VERBS: [&str; 18] = [
    "rose",
    "risen",
    "climbed",
    "jumped",
    "increased",
    "grew",
    "grown",
    "fell",
    "fallen",
    "dropped",
    "declined",
    "soared",
    "swelled",
    "stood",
    "stands",
    "up",
    "down",
    "put",
];

/// Time words before "of" + year ("the end of 2019").
pub(super) const OF_YEAR: [&str; 16] = [
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
pub(super) const NOT_YEAR_AFTER: [&str; 40] = [
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
pub(super) const FUTURE_CUES: [&str; 13] = [
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
pub(super) const AFTER_ORDINAL: [&str; 24] = [
    "to", "at", "in", "and", "or", "but", "when", "as", "after", "before", "with", "for", "by",
    "from", "near", "while", "amid", "during", "the", "a", "an", "it", "of", "that",
];

/// Clause boundaries: a future cue beyond one does not count.
/// Verbs of urging whose infinitive ("urged them to march on Dec. 20")
/// names an act still to come.
pub(super) const URGING_VERBS: [&str; 12] = [
    "urge", "urged", "urges", "urging", "call", "called", "calls", "calling", "appealed",
    "appeals", "invited", "invites",
];

pub(super) const CLAUSE_BREAKS: [&str; 8] = [",", ";", ":", "said", "says", "told", "—", "("];

/// Qualifiers that make a weekday a name ("Good Friday", "Super Tuesday").
pub(super) const WEEKDAY_NAME_PREFIX: [&str; 10] = [
    "good", "black", "bloody", "super", "ash", "easter", "palm", "holy", "cyber", "maundy",
];

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Rel {
    Last,
    This,
    Next,
}

#[derive(Clone, Copy)]
pub(super) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Cx<'_> {
    /// Day of month: "5", "05", "5th", "22nd".
    pub(super) fn day_at(&self, i: usize) -> Option<u32> {
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

    pub(super) fn is_ordinal(&self, i: usize) -> bool {
        self.day_at(i).is_some() && self.digits(i, 2).is_none()
    }

    pub(super) fn year_at(&self, i: usize) -> Option<i32> {
        if self.tok(i).len() != 4 {
            return None;
        }
        let y = self.digits(i, 4)?;
        (1900..=2099).contains(&y).then_some(y as i32)
    }

    /// Capitalised month name; `true` when written in full.
    pub(super) fn month_at(&self, i: usize) -> Option<(u32, bool)> {
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

    pub(super) fn weekday_at(&self, i: usize) -> Option<Weekday> {
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
    pub(super) fn qty_at(&self, i: usize) -> Option<u32> {
        if let Some(n) = self.digits(i, 6) {
            return Some(n);
        }
        if self.is_any(i, &["a", "an"]) {
            return Some(1);
        }
        // Number words one to twenty: larger counts of time are written in digits.
        number_word(self.tok(i))
            .filter(|n| (1..=20).contains(n))
            .and_then(|n| u32::try_from(n).ok())
    }

    pub(super) fn unit_at(&self, i: usize) -> Option<Unit> {
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

    /// "fortnight(s)" at `i`, read as two weeks ("a fortnight ago"): the
    /// number of weeks in one, kept apart from [`Unit`] since it is no
    /// calendar unit of its own.
    pub(super) fn fortnights_at(&self, i: usize) -> Option<u32> {
        let s = self.tok(i);
        (s.eq_ignore_ascii_case("fortnight") || s.eq_ignore_ascii_case("fortnights")).then_some(2)
    }

    pub(super) fn rel_at(&self, i: usize) -> Option<Rel> {
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
    pub(super) fn part_word_at(&self, i: usize) -> Option<(Part, usize)> {
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

    pub(super) fn day_part_at(&self, i: usize) -> Option<Part> {
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

    pub(super) fn season_at(&self, i: usize) -> Option<Season> {
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
    /// "urged supporters to join another march on Dec. 20": a date written
    /// with its day in what one is urged or called on to do lies ahead (a
    /// weekday there stays the past one: "called on Sudan to stop fighting
    /// on Tuesday" is mostly the call's day).
    pub(super) fn urged_ahead(&self, i: usize) -> bool {
        let mut infinitive = false;
        for k in (i.saturating_sub(10)..i).rev() {
            if self.is_any(k, &CLAUSE_BREAKS) {
                return false;
            }
            infinitive |= self.is(k, "to");
            if infinitive && self.is_any(k, &URGING_VERBS) {
                return true;
            }
        }
        false
    }

    /// A deadline given to someone lies ahead: a weekday after "until" that
    /// follows a form of "have" or "given" within a few tokens before `i`,
    /// in the same clause ("six diplomats had until midnight on Sunday to
    /// leave"), is the coming one, not the past one the story day would take.
    pub(super) fn deadline_ahead(&self, i: usize) -> bool {
        for k in (i.saturating_sub(6)..i).rev() {
            if self.is_any(k, &CLAUSE_BREAKS) {
                return false;
            }
            if self.is(k, "until") && k > 0 && self.is_any(k - 1, &["had", "have", "has", "given"])
            {
                return true;
            }
        }
        false
    }

    pub(super) fn future_cue(&self, i: usize) -> bool {
        for k in (i.saturating_sub(10)..i).rev() {
            if self.is_any(k, &CLAUSE_BREAKS) {
                return false;
            }
            if self.is_any(k, &FUTURE_CUES)
                || (self.is(k, "set") && self.is(k + 1, "to"))
                // "had been set for Dec. 19", not "set fire to" or "set up".
                || (self.is(k, "set")
                    && self.is(k + 1, "for")
                    && k > 0
                    && self.is_any(k - 1, &["is", "are", "was", "were", "been", "be", "s"]))
                // "is due to meet", not the causal "due to fog".
                || (self.is(k, "due") && k > 0 && self.is_any(k - 1, &["is", "are", "was", "were", "s"]))
            {
                return true;
            }
        }
        false
    }
}
