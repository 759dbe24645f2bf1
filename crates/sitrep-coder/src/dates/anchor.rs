//! Resolution against the anchor (the publication date): year inference
//! for dates and months written without one, weekdays, the future cue.

use super::calendar::{add_days, month_part, window, ymd, Core};
use super::lexicon::Rel;
use super::{Cx, DatePrecision, Part, TimeValue};
use chrono::{Datelike, NaiveDate, Weekday};

impl Cx<'_> {
    pub(super) fn monday_of(&self, d: NaiveDate) -> Option<NaiveDate> {
        add_days(d, -i64::from(d.weekday().num_days_from_monday()))
    }

    /// Month/day without a year: past-biased (see module docs).
    pub(super) fn infer_md(&self, m: u32, d: u32, future: bool) -> Option<NaiveDate> {
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
    pub(super) fn infer_month(&self, m: u32, future: bool) -> Option<i32> {
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

    pub(super) fn weekday_date(
        &self,
        wd: Weekday,
        rel: Option<Rel>,
        future: bool,
    ) -> Option<NaiveDate> {
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

    pub(super) fn resolve(
        &self,
        core: Core,
        part: Option<Part>,
        future: bool,
    ) -> Option<TimeValue> {
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
}
