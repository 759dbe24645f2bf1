//! Date arithmetic: windows, months, weeks, seasons and parts of them.

use super::lexicon::{Season, Unit};
use super::{DatePrecision, Part, TimeValue};
use chrono::{NaiveDate, TimeDelta};

/// A date as written, before year inference.
#[derive(Clone, Copy)]
pub(super) enum Core {
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

pub(super) fn window(start: NaiveDate, end: NaiveDate, precision: DatePrecision) -> TimeValue {
    TimeValue::Window {
        start,
        end,
        precision,
    }
}

pub(super) fn day_value(d: NaiveDate) -> TimeValue {
    window(d, d, DatePrecision::Day)
}

pub(super) fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(TimeDelta::try_days(n)?)
}

pub(super) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Year and month `delta` months away from (y, m).
pub(super) fn shift_month(y: i32, m: u32, delta: i64) -> Option<(i32, u32)> {
    let idx = i64::from(y) * 12 + i64::from(m) - 1 + delta;
    let y = i32::try_from(idx.div_euclid(12)).ok()?;
    let m = u32::try_from(idx.rem_euclid(12)).ok()? + 1;
    Some((y, m))
}

pub(super) fn month_bounds(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = ymd(y, m, 1)?;
    let (ny, nm) = shift_month(y, m, 1)?;
    Some((first, ymd(ny, nm, 1)?.pred_opt()?))
}

pub(super) fn month_part(y: i32, m: u32, part: Option<Part>) -> Option<TimeValue> {
    let (first, last) = month_bounds(y, m)?;
    let (s, e) = match part {
        Some(Part::Early) => (first, ymd(y, m, 10)?),
        Some(Part::Mid) => (ymd(y, m, 11)?, ymd(y, m, 20)?),
        Some(Part::Late) => (ymd(y, m, 16)?, last),
        _ => (first, last),
    };
    Some(window(s, e, DatePrecision::Month))
}

pub(super) fn year_part(y: i32, part: Option<Part>) -> Option<TimeValue> {
    let (s, e) = match part {
        Some(Part::Early) => (ymd(y, 1, 1)?, ymd(y, 4, 30)?),
        Some(Part::Mid) => (ymd(y, 5, 1)?, ymd(y, 8, 31)?),
        Some(Part::Late) => (ymd(y, 9, 1)?, ymd(y, 12, 31)?),
        _ => (ymd(y, 1, 1)?, ymd(y, 12, 31)?),
    };
    Some(window(s, e, DatePrecision::Year))
}

/// Part of the Monday–Sunday week starting at `monday`.
pub(super) fn week_part(monday: NaiveDate, part: Option<Part>) -> Option<TimeValue> {
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

pub(super) fn season_bounds(season: Season, y: i32) -> Option<(NaiveDate, NaiveDate)> {
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
pub(super) fn precision_for_days(days: i64) -> DatePrecision {
    match days {
        ..=1 => DatePrecision::Day,
        2..=10 => DatePrecision::Week,
        11..=62 => DatePrecision::Month,
        _ => DatePrecision::Year,
    }
}

pub(super) fn unit_days(unit: Unit, n: u32) -> Option<u32> {
    match unit {
        Unit::Hour => Some(n.div_ceil(24)),
        Unit::Day => Some(n),
        Unit::Week => n.checked_mul(7),
        Unit::Month => n.checked_mul(30),
        Unit::Year => n.checked_mul(365),
    }
}
