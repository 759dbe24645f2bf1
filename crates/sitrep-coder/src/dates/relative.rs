//! Expressions relative to the anchor: "two days ago", "last week",
//! "earlier this month", "the past 24 hours", "yesterday", weekdays.

use super::calendar::{
    add_days, day_value, month_bounds, month_part, precision_for_days, season_bounds, shift_month,
    unit_days, week_part, window, year_part, ymd, Core,
};
use super::lexicon::{Rel, Season, Unit, WEEKDAY_NAME_PREFIX};
use super::tokens::capitalised;
use super::{Cx, DatePrecision, Hit, Part, TimeValue};
use chrono::Datelike;

impl Cx<'_> {
    /// "two days ago", "a year ago".
    pub(super) fn ago(&self, i: usize) -> Option<Hit> {
        if let Some(h) = self.vague_ago(i) {
            return Some(h);
        }
        let n = self.qty_at(i)?;
        let (unit, n) = match self.unit_at(i + 1) {
            Some(u) => (u, n),
            None => (Unit::Week, self.fortnights_at(i + 1)?.checked_mul(n)?),
        };
        if !self.is(i + 2, "ago") {
            return None;
        }
        let n64 = i64::from(n);
        let value = match unit {
            Unit::Hour => day_value(add_days(self.anchor, -(n64 / 24))?),
            Unit::Day => day_value(add_days(self.anchor, -n64)?),
            // "a week ago" names that day in news usage ("a week ago today"); a
            // centred week would put the record's start date three days early.
            Unit::Week => day_value(add_days(self.anchor, -7 * n64)?),
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
    pub(super) fn vague_qty(&self, i: usize) -> Option<usize> {
        if self.is(i, "a") && self.is(i + 1, "few") {
            Some(i + 2)
        } else if self.is_any(i, &["few", "several"]) {
            Some(i + 1)
        } else {
            None
        }
    }

    /// "a few days ago", "several weeks ago": two to five units back.
    pub(super) fn vague_ago(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn parted(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn earlier_later(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn relative(&self, i: usize, part: Option<Part>) -> Option<Hit> {
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
    pub(super) fn past_span(&self, i: usize) -> Option<Hit> {
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
    pub(super) fn deictic(&self, i: usize, part: Option<Part>) -> Option<Hit> {
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
    pub(super) fn weekday(&self, i: usize, part: Option<Part>, rel: Option<Rel>) -> Option<Hit> {
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
        if let Some((weeks, n)) = self.week_after_weekday(end) {
            let monday = add_days(self.monday_of(self.anchor)?, 7 * weeks)?;
            let date = add_days(monday, i64::from(wd.num_days_from_monday()))?;
            return Some(Hit {
                end: end + n,
                value: day_value(date),
                part: p,
            });
        }
        let date = self.weekday_date(wd, rel, self.future_cue(i) || self.deadline_ahead(i))?;
        Some(Hit {
            end,
            value: day_value(date),
            part: p,
        })
    }

    /// "(of) last/this/next week" right after a weekday ("on Wednesday last
    /// week"): the week that holds the day, as weeks from the anchor's week,
    /// and the tokens read. A possessive ("Monday last week's vote") is left
    /// alone: the week there belongs to the noun, not to the day.
    fn week_after_weekday(&self, j: usize) -> Option<(i64, usize)> {
        let of = usize::from(self.is(j, "of"));
        let weeks = match self.rel_at(j + of)? {
            Rel::Last => -1,
            Rel::This => 0,
            Rel::Next => 1,
        };
        let k = j + of + 1;
        let possessive = self.tok(k + 1).starts_with(['\'', '\u{2019}']);
        (self.is(k, "week") && !possessive).then_some((weeks, of + 2))
    }

    /// "the weekend": the current one on Saturday/Sunday, else the last.
    pub(super) fn the_weekend(&self, i: usize) -> Option<Hit> {
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

    /// "the day before yesterday", "the day after tomorrow".
    pub(super) fn day_beyond(&self, i: usize) -> Option<Hit> {
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
}
