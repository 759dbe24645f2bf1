//! Query filters, sort orders and cursors, and their parsing from
//! `key=value` pairs (URL query strings, CLI flags). Parsing is strict: a
//! value that cannot be understood is a [`FilterError`], which the HTTP API
//! turns into a 400.

use chrono::NaiveDate;

/// Largest page a query returns, whatever `limit` asks for.
pub const MAX_LIMIT: usize = 1000;
/// Page size when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 50;

/// A parameter that could not be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid parameter `{param}`: {reason}")]
pub struct FilterError {
    pub param: String,
    pub reason: String,
}

fn bad(param: &str, reason: impl Into<String>) -> FilterError {
    FilterError {
        param: param.to_owned(),
        reason: reason.into(),
    }
}

/// A lat/lon box: `min_lon,min_lat,max_lon,max_lat` (GeoJSON order).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bbox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

impl Bbox {
    pub fn parse(s: &str) -> Result<Bbox, FilterError> {
        let parts: Vec<&str> = s.split(',').map(str::trim).collect();
        if parts.len() != 4 {
            return Err(bad("bbox", "expected min_lon,min_lat,max_lon,max_lat"));
        }
        let mut v = [0f64; 4];
        for (slot, p) in v.iter_mut().zip(&parts) {
            *slot = p
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| bad("bbox", format!("`{p}` is not a number")))?;
        }
        let b = Bbox {
            min_lon: v[0],
            min_lat: v[1],
            max_lon: v[2],
            max_lat: v[3],
        };
        if !(-90.0..=90.0).contains(&b.min_lat) || !(-90.0..=90.0).contains(&b.max_lat) {
            return Err(bad("bbox", "latitudes must be within -90..90"));
        }
        if !(-180.0..=180.0).contains(&b.min_lon) || !(-180.0..=180.0).contains(&b.max_lon) {
            return Err(bad("bbox", "longitudes must be within -180..180"));
        }
        if b.min_lat > b.max_lat || b.min_lon > b.max_lon {
            return Err(bad("bbox", "min must not exceed max"));
        }
        Ok(b)
    }
}

/// Which events to return. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    /// PLOVER categories (any of them), upper case.
    pub categories: Vec<String>,
    /// Country or IGO code matched against source, target or location code.
    pub country: Option<String>,
    /// Case-insensitive substring of the source or target actor's text or code.
    pub actor: Option<String>,
    /// First event date (inclusive).
    pub from: Option<NaiveDate>,
    /// Last event date (inclusive).
    pub to: Option<NaiveDate>,
    pub bbox: Option<Bbox>,
    /// Words that must all occur in the sentence (full-text search).
    pub q: Option<String>,
    /// Only the events of this document.
    pub doc_id: Option<String>,
}

/// Sort order of event lists. Ties are broken by `event_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest event date first (default).
    #[default]
    DateDesc,
    DateAsc,
    /// Most cooperative first.
    IntensityDesc,
    /// Most hostile first.
    IntensityAsc,
}

impl Sort {
    pub fn parse(s: &str) -> Result<Sort, FilterError> {
        match s {
            "-date" | "date_desc" => Ok(Sort::DateDesc),
            "date" | "date_asc" => Ok(Sort::DateAsc),
            "-intensity" | "intensity_desc" => Ok(Sort::IntensityDesc),
            "intensity" | "intensity_asc" => Ok(Sort::IntensityAsc),
            _ => Err(bad("sort", "expected date, -date, intensity or -intensity")),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::DateDesc => "-date",
            Sort::DateAsc => "date",
            Sort::IntensityDesc => "-intensity",
            Sort::IntensityAsc => "intensity",
        }
    }
    pub(crate) fn is_date(self) -> bool {
        matches!(self, Sort::DateDesc | Sort::DateAsc)
    }
    pub(crate) fn is_desc(self) -> bool {
        matches!(self, Sort::DateDesc | Sort::IntensityDesc)
    }
}

/// Position after the last event of a page (keyset pagination).
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    pub sort: Sort,
    /// The sort key of the last event (`date_key` or intensity as text).
    pub key: String,
    pub event_id: String,
}

impl Cursor {
    /// Opaque, URL-safe form: hex of `sort \x1f key \x1f event_id`.
    pub fn encode(&self) -> String {
        let raw = format!(
            "{}\u{1f}{}\u{1f}{}",
            self.sort.as_str(),
            self.key,
            self.event_id
        );
        raw.bytes().map(|b| format!("{b:02x}")).collect()
    }

    pub fn decode(s: &str) -> Result<Cursor, FilterError> {
        let err = || bad("cursor", "not a cursor returned by this API");
        if !s.len().is_multiple_of(2) || s.len() > 2048 {
            return Err(err());
        }
        let bytes = (0..s.len())
            .step_by(2)
            .map(|i| s.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
            .collect::<Option<Vec<u8>>>()
            .ok_or_else(err)?;
        let raw = String::from_utf8(bytes).map_err(|_| err())?;
        let mut parts = raw.split('\u{1f}');
        let (Some(sort), Some(key), Some(event_id), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(err());
        };
        let sort = Sort::parse(sort).map_err(|_| err())?;
        if !valid_cursor_key(sort, key) {
            return Err(err());
        }
        Ok(Cursor {
            sort,
            key: key.to_owned(),
            event_id: event_id.to_owned(),
        })
    }
}

/// Whether `key` can be the sort key of a stored event: a finite
/// intensity in −10..=10, or an empty or `YYYY[-MM[-DD]]` date key with a
/// year of 1 or later (no sign, no NaN or infinity).
fn valid_cursor_key(sort: Sort, key: &str) -> bool {
    if !sort.is_date() {
        return key
            .parse::<f64>()
            .is_ok_and(|x| x.is_finite() && (-10.0..=10.0).contains(&x));
    }
    if key.is_empty() {
        return true;
    }
    let parts: Vec<&str> = key.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4) && *y != "0000",
        [y, m] => digits(y, 4) && *y != "0000" && digits(m, 2),
        [y, m, d] => digits(y, 4) && *y != "0000" && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}

/// Which page of events to return.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub sort: Sort,
    /// Page size, capped at [`MAX_LIMIT`].
    pub limit: usize,
    /// Continue after this cursor (takes the cursor's sort order).
    pub cursor: Option<Cursor>,
    /// Skip this many events (after the cursor, if any).
    pub offset: usize,
}

impl Page {
    pub fn first(limit: usize) -> Page {
        Page {
            limit,
            ..Page::default()
        }
    }
}

/// A whole event query: filter and page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventQuery {
    pub filter: EventFilter,
    pub page: Page,
}

/// The parameter names [`EventQuery::from_pairs`] understands.
pub const QUERY_PARAMS: &[&str] = &[
    "category", "country", "actor", "from", "to", "bbox", "q", "doc_id", "sort", "limit", "cursor",
    "offset",
];

fn parse_date(param: &str, v: &str) -> Result<NaiveDate, FilterError> {
    use chrono::Datelike;
    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
        .ok()
        // A sign or a year 0 parses, but no news event is dated there.
        .filter(|d| (1..=9999).contains(&d.year()) && !v.trim().starts_with(['-', '+']))
        .ok_or_else(|| bad(param, format!("`{v}` is not a date (YYYY-MM-DD)")))
}

fn non_empty(v: &str) -> Option<String> {
    let t = v.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl EventQuery {
    /// Parses `key=value` pairs. Unknown keys are ignored when `extra`
    /// lists them, and are errors otherwise; `max_limit` caps `limit`.
    pub fn from_pairs<'a, I>(
        pairs: I,
        extra: &[&str],
        max_limit: usize,
    ) -> Result<Self, FilterError>
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut q = EventQuery::default();
        q.page.limit = DEFAULT_LIMIT.min(max_limit);
        let mut sort = None;
        for (k, v) in pairs {
            match k {
                "category" => {
                    for c in v.split(',').filter_map(non_empty) {
                        if c.len() > 64 {
                            return Err(bad("category", "too long"));
                        }
                        q.filter.categories.push(c.to_uppercase());
                    }
                }
                "country" => {
                    q.filter.country = non_empty(v).map(|c| c.to_uppercase());
                }
                "actor" => q.filter.actor = non_empty(v),
                "from" => {
                    q.filter.from = non_empty(v).map(|d| parse_date("from", &d)).transpose()?
                }
                "to" => q.filter.to = non_empty(v).map(|d| parse_date("to", &d)).transpose()?,
                "bbox" => q.filter.bbox = non_empty(v).map(|b| Bbox::parse(&b)).transpose()?,
                "q" => {
                    if let Some(text) = non_empty(v) {
                        if text.len() > 500 {
                            return Err(bad("q", "longer than 500 bytes"));
                        }
                        if crate::sql::words(&text).is_empty() {
                            return Err(bad("q", "contains no words"));
                        }
                        q.filter.q = Some(text);
                    }
                }
                "doc_id" => q.filter.doc_id = non_empty(v),
                "sort" => sort = Some(Sort::parse(v.trim())?),
                "limit" => {
                    let n: usize = v
                        .trim()
                        .parse()
                        .map_err(|_| bad("limit", format!("`{v}` is not a positive integer")))?;
                    if n == 0 {
                        return Err(bad("limit", "must be at least 1"));
                    }
                    q.page.limit = n.min(max_limit).min(MAX_LIMIT);
                }
                "offset" => {
                    q.page.offset = v.trim().parse().map_err(|_| {
                        bad("offset", format!("`{v}` is not a non-negative integer"))
                    })?;
                }
                "cursor" => q.page.cursor = non_empty(v).map(|c| Cursor::decode(&c)).transpose()?,
                other if extra.contains(&other) => {}
                other => return Err(bad(other, "unknown parameter")),
            }
        }
        if let (Some(f), Some(t)) = (q.filter.from, q.filter.to) {
            if f > t {
                return Err(bad("from", "`from` is after `to`"));
            }
        }
        q.page.sort = match (&q.page.cursor, sort) {
            (Some(c), Some(s)) if c.sort != s => {
                return Err(bad("cursor", "cursor was made for another sort order"))
            }
            (Some(c), _) => c.sort,
            (None, s) => s.unwrap_or_default(),
        };
        Ok(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_params() {
        let q = EventQuery::from_pairs(
            [
                ("category", "protest, assault"),
                ("country", "ukr"),
                ("from", "2024-01-01"),
                ("to", "2024-01-31"),
                ("bbox", "20,40,40,55"),
                ("sort", "intensity"),
                ("limit", "5000"),
            ],
            &[],
            500,
        )
        .expect("valid");
        assert_eq!(q.filter.categories, ["PROTEST", "ASSAULT"]);
        assert_eq!(q.filter.country.as_deref(), Some("UKR"));
        assert_eq!(q.page.limit, 500);
        assert_eq!(q.page.sort, Sort::IntensityAsc);
    }

    #[test]
    fn cursors_with_impossible_keys_are_refused() {
        let enc = |sort: Sort, key: &str| {
            Cursor {
                sort,
                key: key.to_owned(),
                event_id: "e1".to_owned(),
            }
            .encode()
        };
        for (sort, key) in [
            (Sort::IntensityDesc, "NaN"),
            (Sort::IntensityDesc, "inf"),
            (Sort::IntensityAsc, "-inf"),
            (Sort::IntensityAsc, "11"),
            (Sort::DateDesc, "-0001-01-01"),
            (Sort::DateDesc, "0000-01-01"),
            (Sort::DateAsc, "2024-1-1"),
        ] {
            assert!(Cursor::decode(&enc(sort, key)).is_err(), "{key}");
        }
        for (sort, key) in [
            (Sort::IntensityDesc, "-7.5"),
            (Sort::DateDesc, "2024-05-14"),
            (Sort::DateAsc, ""),
        ] {
            assert!(Cursor::decode(&enc(sort, key)).is_ok(), "{key}");
        }
    }

    #[test]
    fn rejects_bad_values() {
        for (k, v) in [
            ("from", "not-a-date"),
            ("to", "2024-13-01"),
            ("bbox", "1,2,3"),
            ("bbox", "0,0,NaN,1"),
            ("from", "-0001-01-01"),
            ("to", "0000-01-01"),
            ("limit", "-1"),
            ("limit", "0"),
            ("offset", "x"),
            ("sort", "random"),
            ("cursor", "zz"),
            ("q", "!!!"),
            ("nope", "1"),
        ] {
            assert!(
                EventQuery::from_pairs([(k, v)], &[], 100).is_err(),
                "{k}={v}"
            );
        }
    }

    #[test]
    fn cursor_round_trip() {
        let c = Cursor {
            sort: Sort::DateDesc,
            key: "2024-01-05".into(),
            event_id: "ev'; DROP".into(),
        };
        assert_eq!(Cursor::decode(&c.encode()).expect("decodes"), c);
    }
}
