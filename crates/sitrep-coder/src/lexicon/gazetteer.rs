//! The gazetteer file (`data/gazetteer/places.tsv`, format in
//! `data/gazetteer/FORMAT.md`): one place per line, validated here; the
//! name index and the binary image over the rows are built by
//! `places::image`.
//!
//! The build script (`build.rs`) compiles this file too: the built-in
//! gazetteer is validated by this parser at build time, a `--data` one at
//! run time. It uses nothing of the crate but `LexiconError` and `PlaceKind`.

use std::collections::HashSet;

use crate::lexicon::LexiconError;
use crate::places::PlaceKind;

/// The most places the image numbers (28 bits: an index entry keeps its
/// four flags beside the place number in 32 bits).
pub const MAX_PLACES: usize = (1 << 28) - 1;

/// One validated line of the gazetteer, borrowing its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaceRow<'a> {
    /// GeoNames id; 0 when the source gives none.
    pub geonameid: u32,
    pub kind: PlaceKind,
    /// The country's capital (`capital` kind, a city).
    pub capital: bool,
    pub name: &'a str,
    pub lat: f64,
    pub lon: f64,
    /// ISO alpha-3, empty for continents.
    pub country: &'a str,
    /// GeoNames first-order division code (may be empty).
    pub admin1: &'a str,
    pub population: u64,
    /// Alternate names, `|`-separated as in the file.
    pub alternates: &'a str,
}

/// Parses and validates every line; `origin` names the file in errors.
pub fn parse_rows<'a>(src: &'a str, origin: &str) -> Result<Vec<PlaceRow<'a>>, LexiconError> {
    // A count over the byte slice (vectorized); the `Bytes` iterator's was
    // a fifth of the whole parse.
    let lines = src.as_bytes().iter().filter(|&&b| b == b'\n').count() + 1;
    let mut rows: Vec<PlaceRow<'a>> = Vec::with_capacity(lines);
    let mut countries: HashSet<&str> = HashSet::new();
    for (line_no, line) in data_lines(src) {
        let err = |reason: String| LexiconError::new(origin, line_no, reason);
        let fields = split_fields(line)
            .map_err(|found| err(format!("expected 9 tab-separated fields, found {found}")))?;
        let geonameid: u32 = fields[0]
            .parse()
            .map_err(|_| err(format!("bad geonameid `{}`", fields[0])))?;
        let (kind, capital) = match fields[1] {
            "continent" => (PlaceKind::Continent, false),
            "country" => (PlaceKind::Country, false),
            "region" => (PlaceKind::Region, false),
            "district" => (PlaceKind::District, false),
            "city" => (PlaceKind::City, false),
            "capital" => (PlaceKind::City, true),
            other => return Err(err(format!("unknown kind `{other}`"))),
        };
        let name = fields[2];
        if name.is_empty() {
            return Err(err("empty name".to_string()));
        }
        if name.len() > usize::from(u16::MAX) {
            return Err(err(format!("name longer than {} bytes", u16::MAX)));
        }
        let lat: f64 = fields[3]
            .parse()
            .ok()
            .filter(|v: &f64| (-90.0..=90.0).contains(v))
            .ok_or_else(|| err(format!("bad latitude `{}`", fields[3])))?;
        let lon: f64 = fields[4]
            .parse()
            .ok()
            .filter(|v: &f64| (-180.0..=180.0).contains(v))
            .ok_or_else(|| err(format!("bad longitude `{}`", fields[4])))?;
        let country = fields[5];
        let valid_country = country.len() == 3 && country.bytes().all(|b| b.is_ascii_uppercase());
        if kind == PlaceKind::Continent {
            if !country.is_empty() {
                return Err(err("a continent has no country code".to_string()));
            }
        } else if !valid_country {
            return Err(err(format!("bad ISO alpha-3 country code `{country}`")));
        }
        let population: u64 = fields[7]
            .parse()
            .map_err(|_| err(format!("bad population `{}`", fields[7])))?;
        let admin1 = fields[6];
        if admin1.len() > usize::from(u8::MAX) {
            return Err(err(format!("admin1 code longer than {} bytes", u8::MAX)));
        }
        if rows.len() >= MAX_PLACES {
            return Err(err(format!("too many places (at most {MAX_PLACES})")));
        }
        if kind == PlaceKind::Country && !countries.insert(country) {
            return Err(err(format!("second entry for country `{country}`")));
        }
        rows.push(PlaceRow {
            geonameid,
            kind,
            capital,
            name,
            lat,
            lon,
            country,
            admin1,
            population,
            alternates: fields[8],
        });
    }
    Ok(rows)
}

/// The data lines of the file with their 1-based numbers: blank lines and
/// `#` comments skipped, a trailing `\r` dropped. (Like `lexicon::tsv_lines`,
/// without a vector per line: the gazetteer has some 200,000 lines.)
fn data_lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    src.lines().enumerate().filter_map(|(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let content = line.trim_start();
        (!content.is_empty() && !content.starts_with('#')).then_some((i + 1, line))
    })
}

/// The nine trimmed fields of a line, or the number of fields found.
/// Tabs are found in the bytes (a tab is never inside a multi-byte
/// character): a `split('\t')` searched the line once per field.
fn split_fields(line: &str) -> Result<[&str; 9], usize> {
    let mut fields = [""; 9];
    let mut n = 0;
    let mut start = 0;
    let ends = line
        .bytes()
        .enumerate()
        .filter_map(|(i, b)| (b == b'\t').then_some(i))
        .chain(std::iter::once(line.len()));
    for end in ends {
        if n < 9 {
            fields[n] = line.get(start..end).unwrap_or("").trim();
        }
        n += 1;
        start = end + 1;
    }
    if n == 9 {
        Ok(fields)
    } else {
        Err(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_fields() {
        let src = "# header\n2950159\tcapital\tBerlin\t52.52\t13.41\tDEU\t16\t3426354\tBerlin-Mitte|Berlino\r\n";
        let rows = parse_rows(src, "g.tsv").expect("valid");
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert!(r.capital && r.kind == PlaceKind::City);
        assert_eq!((r.admin1, r.alternates), ("16", "Berlin-Mitte|Berlino"));
        assert_eq!(r.population, 3_426_354);
    }

    #[test]
    fn fields_split_at_tabs_as_str_split_does() {
        fn reference(line: &str) -> Result<[&str; 9], usize> {
            let parts: Vec<&str> = line.split('\t').map(str::trim).collect();
            <[&str; 9]>::try_from(parts.as_slice()).map_err(|_| parts.len())
        }
        for line in [
            "1\tcity\tS\u{e3}o Paulo\t-23.5\t-46.6\tBRA\t27\t10021295\tSampa|\u{b0}",
            "\t\t\t\t\t\t\t\t",
            " a \tb\t\u{3000}c\u{3000}\td\te\tf\tg\th\ti ",
            "only\tthree\tfields",
            "",
            "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t",
        ] {
            assert_eq!(split_fields(line), reference(line), "{line:?}");
        }
    }

    #[test]
    fn a_country_is_listed_once() {
        let row = "1\tcountry\tA\t1\t2\tUSA\t\t5\t\n";
        let e = parse_rows(&format!("{row}{row}"), "g.tsv").expect_err("twice");
        assert_eq!(e.to_string(), "g.tsv:2: second entry for country `USA`");
    }
}
