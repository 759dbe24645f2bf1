//! Dates as written: "Jan. 13", "13 January 2022", "2022-01-13",
//! "25/12/2021", bare months and years with their cues, decades ("the
//! 1970s"), "on the 5th".

use super::calendar::{
    add_days, day_value, season_bounds, shift_month, window, year_part, ymd, Core,
};
use super::lexicon::{
    Rel, AFTER_ORDINAL, COUNT_BEFORE, LEVEL_VERBS, MONTH_CUES, NOT_YEAR_AFTER, OF_YEAR, YEAR_CUES,
};
use super::tokens::{is_apostrophe, is_dash};
use super::{Cx, DatePrecision, Hit, Part};
use chrono::Datelike;

impl Cx<'_> {
    /// Month first: "Jan. 13", "January 13, 2022", "Jan 13-14", "November
    /// 2020", or a bare month (third value `true`; the caller checks cues).
    pub(super) fn month_first(&self, i: usize) -> Option<(Core, usize, bool)> {
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
    pub(super) fn day_first(&self, i: usize) -> Option<(Core, usize)> {
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
    pub(super) fn date_at(&self, i: usize) -> Option<(Core, usize)> {
        if let Some((core, end, bare)) = self.month_first(i) {
            if !bare {
                return Some((core, end));
            }
        }
        self.day_first(i)
    }

    /// Whether a bare month name at `i` has a cue that makes it a month.
    pub(super) fn bare_month_ok(&self, i: usize, m: u32) -> bool {
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

    /// A holiday on a fixed day of the year, named with capitals: "on
    /// Christmas Eve", "New Year's Day". With no year it is read like a
    /// date with no year (the last one on or before the anchor unless a
    /// future cue says otherwise). Bare "Christmas" (a season as much as a
    /// day) and holidays whose day moves (Easter, Eid) are not read.
    pub(super) fn fixed_holiday(&self, i: usize) -> Option<Hit> {
        let word = |k: usize, w: &str| self.tok(k) == w;
        let (m, d, end) = if word(i, "Christmas") && word(i + 1, "Eve") {
            (12, 24, i + 2)
        } else if word(i, "Christmas") && word(i + 1, "Day") {
            (12, 25, i + 2)
        } else if word(i, "Boxing") && word(i + 1, "Day") {
            (12, 26, i + 2)
        } else if word(i, "New")
            && word(i + 1, "Year")
            && is_apostrophe(self.tok(i + 2))
            && self.is(i + 3, "s")
            && (word(i + 4, "Eve") || word(i + 4, "Day"))
        {
            if word(i + 4, "Eve") {
                (12, 31, i + 5)
            } else {
                (1, 1, i + 5)
            }
        } else {
            return None;
        };
        let core = Core::Date {
            y: None,
            m,
            d,
            d2: None,
        };
        Some(Hit {
            end,
            value: self.resolve(core, None, self.future_cue(i))?,
            part: None,
        })
    }

    pub(super) fn explicit_date(&self, i: usize, part: Option<Part>) -> Option<Hit> {
        let (core, end) = self.date_at(i)?;
        Some(Hit {
            end,
            value: self.resolve(core, part, self.future_cue(i) || self.urged_ahead(i))?,
            part,
        })
    }

    /// "2022-01-13".
    pub(super) fn iso(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn slashed(&self, i: usize) -> Option<Hit> {
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

    /// "in May", "since November", "November's election".
    pub(super) fn bare_month(&self, i: usize) -> Option<Hit> {
        let (core, end, bare) = self.month_first(i)?;
        let Core::Month { m, .. } = core else {
            return None;
        };
        if !bare {
            return None;
        }
        if let Some((y, end)) = self.relative_year_after_month(end).filter(|_| m != 5) {
            return Some(Hit {
                end,
                value: self.resolve(Core::Month { y: Some(y), m }, None, false)?,
                part: None,
            });
        }
        if let Some(y) = self.year_of_joined_month(end, m) {
            return Some(Hit {
                end,
                value: self.resolve(Core::Month { y: Some(y), m }, None, false)?,
                part: None,
            });
        }
        if !self.bare_month_ok(i, m) {
            return None;
        }
        if let Some(y) = self.year_of_earlier_month(i, m) {
            return Some(Hit {
                end,
                value: self.resolve(Core::Month { y: Some(y), m }, None, false)?,
                part: None,
            });
        }
        Some(Hit {
            end,
            value: self.resolve(core, None, self.future_cue(i))?,
            part: None,
        })
    }

    /// "The protests began in September last year ... before security
    /// forces put them down in November": a bare month told after a month
    /// whose year the same sentence gives ("September last year",
    /// "September 2025") continues that story, so it takes that year when
    /// it falls in the same year after it. Only the nearest earlier month
    /// counts; a bare one, or a later month of the year ("in November 2025
    /// ... in March"), gives nothing.
    fn year_of_earlier_month(&self, i: usize, m: u32) -> Option<i32> {
        let k = (0..i).rev().find(|&k| self.month_at(k).is_some())?;
        let (core, end, bare) = self.month_first(k)?;
        let (y, m0) = match core {
            Core::Month { y: Some(y), m: m0 } if !bare => (y, m0),
            Core::Date {
                y: Some(y), m: m0, ..
            } => (y, m0),
            Core::Month { y: None, m: m0 } if bare && m0 != 5 => {
                (self.relative_year_after_month(end)?.0, m0)
            }
            _ => return None,
        };
        (m0 <= m).then_some(y)
    }

    /// "in April and May 2025", "from October to December 2024": a bare
    /// month joined by "and", "or", "to", "through" or a dash to a month
    /// the text gives a year shares that year (the year before when it
    /// comes later in the calendar, "December and January 2025"). Read
    /// alone it would take its default year, the publication's.
    fn year_of_joined_month(&self, j: usize, m: u32) -> Option<i32> {
        let joined =
            ["and", "or", "to", "through"].iter().any(|w| self.is(j, w)) || is_dash(self.tok(j));
        if !joined {
            return None;
        }
        let (core, _, bare) = self.month_first(j + 1)?;
        let (y, m2) = match core {
            Core::Month { y: Some(y), m: m2 } if !bare => (y, m2),
            Core::Date {
                y: Some(y), m: m2, ..
            } => (y, m2),
            _ => return None,
        };
        Some(if m <= m2 { y } else { y - 1 })
    }

    /// "this year", "last year", "next year" (or "of this year") right after
    /// a bare month names that month's year: "in March this year" is March
    /// of the publication year, "in June last year" June of the year before.
    /// Read apart, the month takes its default year and the year phrase
    /// the whole year, which then dates the act to January 1. A month name
    /// so followed is a month whatever its cue, except "May" (a modal:
    /// "they may this year ...").
    fn relative_year_after_month(&self, j: usize) -> Option<(i32, usize)> {
        let k = if self.is(j, "of") { j + 1 } else { j };
        let rel = self.rel_at(k)?;
        if !self.is(k + 1, "year") {
            return None;
        }
        let delta = match rel {
            Rel::Last => -1,
            Rel::This => 0,
            Rel::Next => 1,
        };
        Some((self.anchor.year() + delta, k + 2))
    }

    /// "summer 2020", "the summer of 2020".
    pub(super) fn season_year(&self, i: usize) -> Option<Hit> {
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

    /// "in the 1970s": the ten years of the decade.
    pub(super) fn decade(&self, i: usize) -> Option<Hit> {
        let y = self.tok(i).strip_suffix('s').and_then(|d| {
            let y: i32 = d.parse().ok()?;
            (d.len() == 4 && (1900..=2090).contains(&y) && y % 10 == 0).then_some(y)
        })?;
        if !self.prev_is_any(i, &["the"]) {
            return None;
        }
        Some(Hit {
            end: i + 1,
            value: window(ymd(y, 1, 1)?, ymd(y + 9, 12, 31)?, DatePrecision::Year),
            part: None,
        })
    }

    /// "World War Two", "the Second World War": the war's years, so that
    /// background set in it ("arrested during World War Two") is not dated
    /// by the publication.
    pub(super) fn world_war(&self, i: usize) -> Option<Hit> {
        let (n, end) = if self.is(i, "world") && self.is(i + 1, "war") {
            (war_number(self.tok(i + 2))?, i + 3)
        } else if self.is(i + 1, "world") && self.is(i + 2, "war") {
            (war_ordinal(self.tok(i))?, i + 3)
        } else {
            return None;
        };
        let (start, stop) = match n {
            1 => (ymd(1914, 7, 28)?, ymd(1918, 11, 11)?),
            _ => (ymd(1939, 9, 1)?, ymd(1945, 9, 2)?),
        };
        Some(Hit {
            end,
            value: window(start, stop, DatePrecision::Year),
            part: None,
        })
    }

    /// "in 2018", "the 2018 poisoning", "2018's", "between 2014 and 2016".
    pub(super) fn bare_year(&self, i: usize) -> Option<Hit> {
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
            || (is_apostrophe(self.tok(i + 1)) && self.is(i + 2, "s"))
            // "echoes of 2007, when the government accused ...": the clause
            // after it happened in that year.
            || (self.tok(i + 1) == ","
                && self.is(i + 2, "when")
                && !self.counted_before(i));
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

    /// The number at `i` reads as a count or a level from the words before
    /// it ("about 2000", "rose to 2000", "stood at 1500").
    fn counted_before(&self, i: usize) -> bool {
        self.prev_is_any(i, &COUNT_BEFORE)
            || (i >= 2 && self.is_any(i - 1, &["to", "at"]) && self.is_any(i - 2, &LEVEL_VERBS))
    }

    /// "on the 5th": that day of the anchor's month, or of the month before
    /// when it is still to come.
    pub(super) fn the_ordinal(&self, i: usize) -> Option<Hit> {
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
}

/// The number after "World War": "One", "I", "1", "Two", "II", "2".
fn war_number(w: &str) -> Option<u8> {
    match w.to_ascii_lowercase().as_str() {
        "one" | "i" | "1" => Some(1),
        "two" | "ii" | "2" => Some(2),
        _ => None,
    }
}

/// The ordinal before "World War": "First", "Second".
fn war_ordinal(w: &str) -> Option<u8> {
    match w.to_ascii_lowercase().as_str() {
        "first" => Some(1),
        "second" => Some(2),
        _ => None,
    }
}
