//! Publication times: one type, two parsers, one stored form, one sort key.
//!
//! * [`Published::parse`] is the strict parser for fields that carry a time
//!   and nothing else (JSONL `published`, `POST /api/documents`): a date
//!   `YYYY-MM-DD`, an RFC 3339 date-time, or an ISO date-time without offset
//!   (the stored form of a time read from article text). Anything else is an
//!   error, so a bad value is reported instead of silently dropped.
//! * [`find_published`] is the loose parser for dates written in article
//!   text ("Freedonia 13 January 2022 17:39 (UTC +04:00)", "Jan. 13, 2022").
//! * [`Published::stored`] is the one text form (`YYYY-MM-DD[THH:MM:SS[±HH:MM]]`)
//!   that the store writes; [`Published::parse`] reads it back.
//! * [`Published::sort_key`] orders publication times by their UTC instant.

use std::fmt;
use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Timelike};
use regex::Regex;

use crate::document::Span;

/// When a document was published, as far as the input says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    /// Offset from UTC in minutes, when the input gives one.
    pub utc_offset_minutes: Option<i32>,
}

/// A publication time the strict parser refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("publication time {value:?} is not YYYY-MM-DD or an RFC 3339 date-time ({reason})")]
pub struct PublishedError {
    /// The refused value (cut to 64 characters).
    pub value: String,
    pub reason: &'static str,
}

impl PublishedError {
    fn new(value: &str, reason: &'static str) -> Self {
        PublishedError {
            value: value.chars().take(64).collect(),
            reason,
        }
    }
}

/// Years the stored form can write with four digits (and so sort as text).
const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// Orders publication times by their instant in UTC. A date without a time
/// sorts before every time of that date; a time without an offset is taken
/// as UTC. Its [`fmt::Display`] form (`YYYY-MM-DD[THH:MM:SS]`, UTC) sorts as
/// text in the same order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PublishedKey {
    date: NaiveDate,
    time: Option<NaiveTime>,
}

impl fmt::Display for PublishedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date.format("%Y-%m-%d"))?;
        if let Some(t) = self.time {
            write!(f, "{}", t.format("T%H:%M:%S"))?;
        }
        Ok(())
    }
}

impl Published {
    /// A date without a time of day.
    pub fn date_only(date: NaiveDate) -> Published {
        Published {
            date,
            time: None,
            utc_offset_minutes: None,
        }
    }

    /// A date-time with its offset (feed-rs's `DateTime<Utc>`, chrono's
    /// `DateTime<FixedOffset>`); sub-second digits are dropped like the
    /// stored form drops them.
    pub fn from_datetime<Tz: TimeZone>(dt: &DateTime<Tz>) -> Published {
        let local = dt.naive_local();
        Published {
            date: local.date(),
            time: local.time().with_nanosecond(0),
            utc_offset_minutes: Some(dt.offset().fix().local_minus_utc() / 60),
        }
    }

    /// The strict parser: `YYYY-MM-DD`, an RFC 3339 date-time (`T` or a
    /// space between date and time, `Z` or `±HH:MM`), or `YYYY-MM-DDTHH:MM[:SS]`
    /// without an offset. Surrounding white space is ignored.
    pub fn parse(value: &str) -> Result<Published, PublishedError> {
        let s = value.trim();
        if s.is_empty() {
            return Err(PublishedError::new(value, "empty"));
        }
        let parsed = if let Ok(date) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Published::date_only(date)
        } else if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
            Published::from_datetime(&dt)
        } else if let Some(local) = parse_local_datetime(s) {
            Published {
                date: local.date(),
                time: local.time().with_nanosecond(0),
                utc_offset_minutes: None,
            }
        } else {
            return Err(PublishedError::new(value, "unreadable"));
        };
        if !YEARS.contains(&chrono::Datelike::year(&parsed.date)) {
            return Err(PublishedError::new(value, "year outside 1..9999"));
        }
        Ok(parsed)
    }

    /// The stored text form: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` or
    /// `YYYY-MM-DDTHH:MM:SS±HH:MM` (an offset only with a time).
    pub fn stored(&self) -> String {
        self.to_string()
    }

    /// The instant in UTC, when the time of day is known (no offset: UTC).
    pub fn utc_datetime(&self) -> Option<NaiveDateTime> {
        let t = self.time?;
        let off = chrono::Duration::minutes(i64::from(self.utc_offset_minutes.unwrap_or(0)));
        self.date.and_time(t).checked_sub_signed(off)
    }

    /// The key publication times are ordered by (UTC offsets honoured).
    pub fn sort_key(&self) -> PublishedKey {
        match self.utc_datetime() {
            Some(utc) => PublishedKey {
                date: utc.date(),
                time: Some(utc.time()),
            },
            None => PublishedKey {
                date: self.date,
                time: None,
            },
        }
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date.format("%Y-%m-%d"))?;
        let Some(t) = self.time else {
            return Ok(());
        };
        write!(f, "{}", t.format("T%H:%M:%S"))?;
        if let Some(off) = self.utc_offset_minutes {
            let sign = if off < 0 { '-' } else { '+' };
            let a = off.unsigned_abs();
            write!(f, "{sign}{:02}:{:02}", a / 60, a % 60)?;
        }
        Ok(())
    }
}

impl std::str::FromStr for Published {
    type Err = PublishedError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Published::parse(s)
    }
}

/// `YYYY-MM-DDTHH:MM[:SS[.fff]]` (or a space for `T`) without an offset.
fn parse_local_datetime(s: &str) -> Option<NaiveDateTime> {
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

/// Months by name: full English names, three-letter abbreviations and "Sept".
pub(crate) fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w == "sept" {
        return Some(9);
    }
    crate::dates::MONTHS
        .iter()
        .position(|m| w == *m || (w.len() == 3 && m.starts_with(w.as_str())))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Compiled patterns for publication dates; built once.
struct DatePatterns {
    iso: Regex,
    dmy: Regex,
    mdy: Regex,
    time: Regex,
    offset: Regex,
}

static DATE_PATTERNS: LazyLock<Option<DatePatterns>> = LazyLock::new(|| {
    // The patterns are constants; `ok()` keeps a (test-caught) typo from
    // turning into a panic at run time.
    Some(DatePatterns {
        iso: Regex::new(
            r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?",
        )
        .ok()?,
        dmy: Regex::new(r"\b(\d{1,2})\s+([A-Za-z]{3,9}\.?),?\s+(\d{4})\b").ok()?,
        mdy: Regex::new(r"\b([A-Za-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b").ok()?,
        time: Regex::new(r"(?i)\b(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\b\.?)?").ok()?,
        offset: Regex::new(r"\b(?:UTC|GMT)\b(?:\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?)?").ok()?,
    })
});

/// Parses "+04:00", "-0530", "+05", "Z" into minutes east of UTC.
fn parse_offset(sign: &str, hours: &str, minutes: Option<&str>) -> Option<i32> {
    let h: i32 = hours.parse().ok()?;
    let m: i32 = minutes.map_or(Ok(0), str::parse).ok()?;
    if h > 14 || m > 59 {
        return None;
    }
    let total = h * 60 + m;
    Some(if sign == "+" { total } else { -total })
}

/// The loose parser: a publication date (with year) written in a short
/// piece of article text, with the time of day and UTC offset when they are
/// given. Returns the date and the byte range of the date expression.
pub fn find_published(s: &str) -> Option<(Published, Span)> {
    let p = DATE_PATTERNS.as_ref()?;
    let mut best: Option<(Published, Span)> = None;
    let mut consider = |found: Option<(Published, Span)>| {
        if let Some(f) = found {
            if best.as_ref().is_none_or(|b| f.1.start < b.1.start) {
                best = Some(f);
            }
        }
    };
    // ISO 8601 / RFC 3339, possibly with time and offset.
    consider(p.iso.captures_iter(s).find_map(|c| {
        let m = c.get(0)?;
        let date =
            NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
        let time = match (c.get(4), c.get(5)) {
            (Some(h), Some(mi)) => NaiveTime::from_hms_opt(
                h.as_str().parse().ok()?,
                mi.as_str().parse().ok()?,
                c.get(6).map_or(Some(0), |x| x.as_str().parse().ok())?,
            ),
            _ => None,
        };
        let utc_offset_minutes = c.get(7).and_then(|o| {
            let o = o.as_str();
            if o == "Z" {
                return Some(0);
            }
            let digits: String = o[1..].chars().filter(char::is_ascii_digit).collect();
            let (h, mi) = digits.split_at(2.min(digits.len()));
            parse_offset(&o[..1], h, (!mi.is_empty()).then_some(mi))
        });
        Some((
            Published {
                date,
                time,
                utc_offset_minutes,
            },
            Span::new(m.start(), m.end()),
        ))
    }));
    // "13 January 2022" and "January 13, 2022" / "Jan. 13, 2022".
    for (re, day_i, mon_i) in [(&p.dmy, 1, 2), (&p.mdy, 2, 1)] {
        consider(re.captures_iter(s).find_map(|c| {
            let m = c.get(0)?;
            let month = month_number(&c[mon_i])?;
            let date = NaiveDate::from_ymd_opt(c[3].parse().ok()?, month, c[day_i].parse().ok()?)?;
            Some((
                Published {
                    date,
                    time: None,
                    utc_offset_minutes: None,
                },
                Span::new(m.start(), m.end()),
            ))
        }));
    }
    let (mut published, span) = best?;
    // A clock time and UTC offset elsewhere in the text complete the date.
    if published.time.is_none() {
        published.time = p.time.captures_iter(s).find_map(|c| {
            let m = c.get(0)?;
            if m.start() < span.end && span.start < m.end() {
                return None;
            }
            let mut h: u32 = c[1].parse().ok()?;
            let mi: u32 = c[2].parse().ok()?;
            let sec: u32 = c.get(3).map_or(Some(0), |x| x.as_str().parse().ok())?;
            // 12-hour clock: "5:39 PM" is 17:39, "12:10 a.m." is 00:10.
            if let Some(ap) = c.get(4).map(|x| x.as_str().to_ascii_lowercase()) {
                if h == 0 || h > 12 {
                    return None;
                }
                if ap == "p" && h < 12 {
                    h += 12;
                } else if ap == "a" && h == 12 {
                    h = 0;
                }
            }
            NaiveTime::from_hms_opt(h, mi, sec)
        });
    }
    if published.utc_offset_minutes.is_none() {
        published.utc_offset_minutes = p.offset.captures(s).and_then(|c| match c.get(1) {
            None => Some(0),
            Some(sign) => {
                let sign = if sign.as_str() == "+" { "+" } else { "-" };
                parse_offset(sign, &c[2], c.get(3).map(|x| x.as_str()))
            }
        });
    }
    Some((published, span))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row of `test_data/published.tsv`.
    struct Case<'a> {
        line: usize,
        input: &'a str,
        strict: &'a str,
        key: &'a str,
        loose: &'a str,
    }

    fn cases() -> Vec<Case<'static>> {
        include_str!("../test_data/published.tsv")
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#') && !l.is_empty())
            .filter_map(|(i, l)| {
                let cols: Vec<&str> = l.split('\t').collect();
                match cols.as_slice() {
                    [input, strict, key, loose] => Some(Case {
                        line: i + 1,
                        input,
                        strict,
                        key,
                        loose,
                    }),
                    _ => None,
                }
            })
            .collect()
    }

    #[test]
    fn table_of_values() {
        let cases = cases();
        assert!(cases.len() >= 20, "table not read: {} rows", cases.len());
        for c in cases {
            let at = format!("published.tsv:{} {:?}", c.line, c.input);
            match Published::parse(c.input) {
                Ok(p) => {
                    assert_eq!(p.stored(), c.strict, "{at}");
                    assert_eq!(p.sort_key().to_string(), c.key, "{at}");
                    // The stored form reads back to the same value.
                    assert_eq!(Published::parse(&p.stored()), Ok(p), "{at}");
                }
                Err(e) => {
                    assert_eq!(c.strict, "error", "{at}: {e}");
                    assert!(e.to_string().contains("publication time"), "{at}");
                }
            }
            let loose = find_published(c.input).map(|(p, _)| p.stored());
            assert_eq!(loose.as_deref().unwrap_or("none"), c.loose, "{at}");
        }
    }

    #[test]
    fn sort_key_honours_the_offset() {
        let parse = |s: &str| Published::parse(s).map(|p| p.sort_key()).ok();
        // 10:00 in Almaty (+06:00) is before 07:00 in Prague (+02:00).
        assert!(parse("2022-09-17T10:00:00+06:00") < parse("2022-09-17T07:00:00+02:00"));
        // A date alone sorts before the times of that date.
        assert!(parse("2022-09-17") < parse("2022-09-17T00:00:00Z"));
        assert!(parse("2022-09-16T23:59:59Z") < parse("2022-09-17"));
        // The key's text form sorts like the key.
        let mut keys: Vec<_> = [
            "2022-09-17T01:00:00+02:00",
            "2022-09-17",
            "2022-09-16T23:30:00Z",
        ]
        .iter()
        .filter_map(|s| parse(s))
        .collect();
        let mut texts: Vec<String> = keys.iter().map(ToString::to_string).collect();
        keys.sort();
        texts.sort();
        assert_eq!(
            keys.iter().map(ToString::to_string).collect::<Vec<_>>(),
            texts
        );
    }

    #[test]
    fn from_a_feed_time() {
        let utc = chrono::Utc
            .with_ymd_and_hms(2022, 9, 17, 4, 30, 0)
            .single()
            .map(|t| Published::from_datetime(&t));
        assert_eq!(
            utc.map(|p| p.stored()).as_deref(),
            Some("2022-09-17T04:30:00+00:00")
        );
    }

    #[test]
    fn error_names_the_value() {
        let e = Published::parse("next Tuesday")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some(
                "publication time \"next Tuesday\" is not YYYY-MM-DD or an RFC 3339 \
                 date-time (unreadable)"
            )
        );
    }
}
