//! Documents: the text being coded, its publication time, and the layout facts
//! (headline, date line, dateline, "(UPDATE)" marker) read from it.
//!
//! Every offset in sitrep is a byte offset into `Document::text` until the
//! output boundary (`record`), which converts to Unicode code points.

use std::sync::LazyLock;

use regex::Regex;

use crate::published::month_number;
pub use crate::published::{find_published, Published};

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text this span covers; empty when the span does not fit `text`.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// The fields of a document that arrives apart from its layout, for
/// [`Document::from_parts`]. The publication time is already parsed: by
/// [`Published::parse`] for fields, [`find_published`] for page text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentParts {
    pub id: String,
    pub text: String,
    pub title: Option<String>,
    pub published: Option<Published>,
    pub source: Option<String>,
    pub url: Option<String>,
}

/// How a document's text is laid out, for [`Document::build`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// An article file: headline, date line, update markers, dateline, body.
    Article,
    /// Fields given apart (title, publication time); the text may repeat
    /// the title and open with a dateline.
    Fields,
}

/// One document ready for coding.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// `doc_id` of the output: file stem or JSONL `id`.
    pub id: String,
    /// The text all offsets refer to.
    pub text: String,
    /// Headline: inside `text` for article files (`headline` is then set),
    /// or given apart from the text (JSONL `title`).
    pub title: Option<String>,
    pub headline: Option<Span>,
    pub published: Option<Published>,
    /// The dateline place text ("BAKU, Azerbaijan"), inside `text`.
    pub dateline: Option<Span>,
    /// Where the coded body starts: after headline, date line and dateline.
    pub body_start: usize,
    /// The headline or a marker line says this is an updated version.
    pub is_update: bool,
    pub source: Option<String>,
    pub url: Option<String>,
}

/// A line of the layout with its byte range in the document.
#[derive(Debug, Clone, Copy)]
struct Line<'t> {
    text: &'t str,
    start: usize,
}

impl Line<'_> {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// The lines of `text` from byte `from`, trimmed at the right (offsets kept).
fn lines_from(text: &str, from: usize) -> impl Iterator<Item = Line<'_>> {
    let rest = text.get(from..).unwrap_or("");
    let mut pos = from;
    rest.split('\n').map(move |raw| {
        let start = pos;
        pos += raw.len() + 1;
        let trimmed = raw.trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        Line {
            text: trimmed.trim_start(),
            start: start + lead,
        }
    })
}

/// A short line that says the article was updated ("Details added ...",
/// "UPDATED", "(Updated 10:15 GMT)").
fn is_update_marker(line: &str) -> bool {
    if line.len() > 120 {
        return false;
    }
    let lower = line.trim_start_matches('(').to_ascii_lowercase();
    lower.starts_with("details added")
        || lower.starts_with("first version posted")
        || line.starts_with("UPDATE")
        || line.starts_with("(UPDATE")
        || ((lower.starts_with("updated:")
            || lower.starts_with("updated at")
            || lower.starts_with("updated on")
            || lower.starts_with("last updated"))
            && line.len() <= 80)
}

/// A byline ("By Jane Doe", "By Jane Doe and John Roe | Reuters"): a short
/// line opening with "By" followed by capitalised names.
fn is_byline(line: &str) -> bool {
    let Some(rest) = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
    else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 10
        && !line.ends_with(['.', '!', '?'])
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                || matches!(*w, "and" | "in" | "for" | "de" | "van" | "von" | "al")
        })
}

/// Whether a headline carries an update tag ("(UPDATE)", "UPDATE 2-", "UPDATED").
fn headline_says_update(headline: &str) -> bool {
    headline.contains("(UPDATE") || headline.contains("UPDATED") || headline.starts_with("UPDATE")
}

/// Equal up to case, white space and punctuation ("Talks fail" / "Talks fail.").
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    !wa.is_empty() && wa == wb
}

/// A date line: a short line holding a full date (with year).
fn date_line(line: &str) -> Option<Published> {
    // A prose sentence mentioning a date is not a date line.
    if line.len() > 160
        || line.split_whitespace().count() > 12
        || line.ends_with(['.', '!', '?', '"', '”'])
    {
        return None;
    }
    find_published(line).map(|(p, _)| p)
}

/// "BAKU", "NEW YORK", "SAN JOSÉ", "PORT-AU-PRINCE", "ST. LOUIS": the
/// all-capitals first segment of a dateline.
fn is_caps_place(seg: &str) -> bool {
    let seg = seg.trim();
    let mut letters = 0;
    for c in seg.chars() {
        if c.is_alphabetic() {
            if c.is_lowercase() {
                return false;
            }
            letters += 1;
        } else if !matches!(c, ' ' | '-' | '.' | '\'' | '’') {
            return false;
        }
    }
    letters >= 2 && seg.split_whitespace().count() <= 4
}

/// "Azerbaijan", "Czech Republic", "Bosnia and Herzegovina": a later segment.
fn is_place_segment(seg: &str) -> bool {
    let words: Vec<&str> = seg.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    words.iter().all(|w| {
        let first = w.chars().next();
        first.is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'' | '’'))
            || matches!(*w, "and" | "of" | "the" | "de" | "al" | "el")
    }) && words[0].chars().next().is_some_and(char::is_uppercase)
}

/// "Jan. 13", "April 20", "Jan 5", "13 January": the date segment of a dateline.
fn is_dateline_date(seg: &str) -> bool {
    let words: Vec<&str> = seg.split_whitespace().collect();
    let is_day = |w: &str| {
        let w = w.trim_end_matches(['.', ',']);
        !w.is_empty() && w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit())
    };
    match words.as_slice() {
        [m, d] => month_number(m).is_some() && is_day(d) || is_day(m) && month_number(d).is_some(),
        [m, d, y] => {
            month_number(m).is_some()
                && is_day(d)
                && y.trim_end_matches('.').bytes().all(|b| b.is_ascii_digit())
        }
        // "Jan.13" written without a space.
        [md] => md
            .split_once('.')
            .is_some_and(|(m, d)| month_number(m).is_some() && is_day(d)),
        _ => false,
    }
}

/// Reads a dateline place prefix ("BAKU, Azerbaijan, Jan. 13"): returns the
/// length of the place part, or None when `s` is not a dateline.
fn dateline_place_len(s: &str) -> Option<usize> {
    let mut segments = s.split(',');
    let first = segments.next()?;
    if !is_caps_place(first) {
        return None;
    }
    let mut place_end = first.trim_end().len();
    let mut offset = first.len() + 1;
    let mut date_seen = false;
    for seg in segments {
        let t = seg.trim().trim_end_matches('.');
        if t.is_empty() {
            return None;
        }
        if date_seen {
            // Only a year may follow the date ("Jan. 13, 2022").
            if !(t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit())) {
                return None;
            }
        } else if is_dateline_date(t) {
            date_seen = true;
        } else if is_place_segment(t) {
            place_end = offset + seg.trim_end().len();
        } else {
            return None;
        }
        offset += seg.len() + 1;
    }
    Some(place_end)
}

/// A line that is only a dateline: "BAKU, Azerbaijan, Jan. 13" or
/// "PRAGUE, Czech Republic, April 20.". Returns the place length.
fn dateline_only(line: &str) -> Option<usize> {
    if line.len() > 100 {
        return None;
    }
    let body = line.trim_end_matches('.').trim_end();
    let n = dateline_place_len(body)?;
    // A lone all-caps word is a dateline only with a place or date after it.
    (body.contains(',') || n < body.len()).then_some(n)
}

/// Separators that end an inline dateline.
const DATELINE_DASHES: &[&str] = &[" — ", " – ", " -- ", " - ", "—", "–"];

/// An inline dateline at the start of `line`: "KYIV, Ukraine (AP) — Text",
/// "MOSCOW, Jan 5 (Reuters) - Text", "WASHINGTON — Text". Returns the place
/// length and the offset where the text after the dateline starts.
fn inline_dateline(line: &str) -> Option<(usize, usize)> {
    let head = line.get(..line.len().min(160)).unwrap_or_else(|| {
        // Cut on a char boundary when 160 falls inside a char.
        let mut i = 160.min(line.len());
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        &line[..i]
    });
    // The earliest separator: an agency in brackets, or a dash.
    let mut best: Option<(usize, usize)> = None; // (prefix end, text start)
    if let Some(open) = head.find(" (") {
        if let Some(close_rel) = head[open..].find(')') {
            let inner = &head[open + 2..open + close_rel];
            let agency = !inner.is_empty()
                && inner.len() <= 30
                && inner.chars().next().is_some_and(char::is_uppercase)
                && inner.split_whitespace().count() <= 3;
            if agency {
                let mut after = open + close_rel + 1;
                let rest = &line[after..];
                let trimmed = rest.trim_start();
                let mut skip = rest.len() - trimmed.len();
                for d in ["—", "–", "--", "-", ":"] {
                    if let Some(t) = trimmed.strip_prefix(d) {
                        skip += d.len() + (t.len() - t.trim_start().len());
                        break;
                    }
                }
                after += skip;
                best = Some((open, after));
            }
        }
    }
    for d in DATELINE_DASHES {
        if let Some(pos) = head.find(d) {
            if best.is_none_or(|(b, _)| pos < b) {
                let rest = &line[pos + d.len()..];
                best = Some((pos, pos + d.len() + (rest.len() - rest.trim_start().len())));
            }
        }
    }
    let by_separator = best.and_then(|(prefix_end, text_start)| {
        let prefix = line[..prefix_end].trim_end().trim_end_matches(',');
        let place = dateline_place_len(prefix)?;
        (text_start < line.len()).then_some((place, text_start))
    });
    by_separator.or_else(|| dateline_ending_in_date(head, line.len()))
}

/// A dateline's date closed by "." or ":" before the text; built once (a
/// constant pattern: `ok()` keeps a test-caught typo from becoming a panic).
static DATELINE_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:([A-Za-z]{3,9})\.?\s*(\d{1,2})|(\d{1,2})\s+([A-Za-z]{3,9})\.?)(?:,?\s+\d{4})?\s*[.:]\s+",
    )
    .ok()
});

/// "BAKU, Azerbaijan, Jan. 13. The ministers ...": places, then a date
/// closed by a period or colon. Returns the place length and text start.
fn dateline_ending_in_date(head: &str, line_len: usize) -> Option<(usize, usize)> {
    let re = DATELINE_DATE.as_ref()?;
    for (comma, _) in head.match_indices(',') {
        let prefix = &head[..comma];
        let Some(place) = dateline_place_len(prefix) else {
            // Places only grow to the right: once the prefix is not a
            // dateline, a longer one is not either.
            return None;
        };
        let rest = &head[comma + 1..];
        if let Some(c) = re.captures(rest) {
            let month = c.get(1).or_else(|| c.get(4)).map(|m| m.as_str());
            let text_start = comma + 1 + c.get(0).map_or(0, |m| m.end());
            if month.and_then(month_number).is_some() && text_start < line_len {
                return Some((place, text_start));
            }
        }
    }
    None
}

/// What the start of a body says about its dateline.
struct DatelineFound {
    place: Span,
    body_start: usize,
}

/// Looks for a dateline at the first non-blank line from `from`: on a line
/// of its own or inline before a dash or agency tag.
fn find_dateline(text: &str, from: usize) -> Option<DatelineFound> {
    let line = lines_from(text, from).find(|l| !l.text.is_empty())?;
    if let Some(n) = dateline_only(line.text) {
        let next = lines_from(text, line.end())
            .find(|l| !l.text.is_empty())
            .map_or(text.len(), |l| l.start);
        return Some(DatelineFound {
            place: Span::new(line.start, line.start + n),
            body_start: next,
        });
    }
    let (n, body) = inline_dateline(line.text)?;
    Some(DatelineFound {
        place: Span::new(line.start, line.start + n),
        body_start: line.start + body,
    })
}

impl Document {
    /// Reads an article laid out as headline; place + publication date line;
    /// optional update marker lines; dateline; body. Any part may be
    /// missing; an unrecognised layout gives no headline and `body_start` 0.
    pub fn from_article(id: &str, text: String) -> Document {
        let parts = DocumentParts {
            id: id.to_string(),
            text,
            ..DocumentParts::default()
        };
        Document::build(parts, Layout::Article)
    }

    /// The one constructor for a document that arrives as separate fields
    /// (a JSONL line, a feed item, an HTML page, `POST /api/documents`):
    /// the update marker is read from the title, a first line repeating the
    /// title becomes the headline, and an inline dateline at the start of
    /// the text is recognised and skipped by `body_start`.
    pub fn from_parts(parts: DocumentParts) -> Document {
        Document::build(parts, Layout::Fields)
    }

    /// The one construction path: the given fields, then what the text's
    /// layout says (read by `layout`'s rules).
    fn build(parts: DocumentParts, layout: Layout) -> Document {
        let DocumentParts {
            id,
            text,
            title,
            published,
            source,
            url,
        } = parts;
        let mut doc = Document {
            id,
            published,
            is_update: title.as_deref().is_some_and(headline_says_update),
            title,
            source,
            url,
            ..Document::default()
        };
        if layout == Layout::Article {
            let from = if text.starts_with('\u{feff}') { 3 } else { 0 };
            doc.read_layout(&text, from);
            doc.text = text;
            return doc;
        }
        // Text extracted from a page often repeats the title as its first
        // line: that line is then the headline, and the body follows it.
        let mut from = 0;
        if let (Some(title), Some(first)) = (
            doc.title.as_deref(),
            lines_from(&text, 0).find(|l| !l.text.is_empty()),
        ) {
            if same_words(first.text, title) {
                doc.headline = Some(Span::new(first.start, first.end()));
                from = lines_from(&text, first.end())
                    .find(|l| !l.text.is_empty())
                    .map_or(text.len(), |l| l.start);
                doc.body_start = from;
            }
        }
        if let Some(found) = find_dateline(&text, from) {
            doc.dateline = Some(found.place);
            doc.body_start = found.body_start;
        }
        doc.text = text;
        doc
    }

    /// The place written before the date on the date line
    /// ("Kazakhstan" in "Kazakhstan 13 January 2022 17:39 (UTC +04:00)"),
    /// when the article layout has one.
    pub fn date_line_place(&self) -> Option<Span> {
        let from = self.headline?.end;
        let until = self
            .dateline
            .map_or(self.body_start, |d| d.start.min(self.body_start));
        lines_from(&self.text, from)
            .take_while(|l| l.start < until)
            .filter(|l| !l.text.is_empty())
            .find_map(|l| {
                date_line(l.text)?;
                let (_, date) = find_published(l.text)?;
                let place = l.text.get(..date.start)?.trim_end();
                let place = place.trim_end_matches([',', '-', '—', '|']).trim_end();
                (!place.is_empty() && place.len() <= 60)
                    .then(|| Span::new(l.start, l.start + place.len()))
            })
    }

    /// Fills headline, published, markers, dateline and body start.
    fn read_layout(&mut self, text: &str, from: usize) {
        let mut lines = lines_from(text, from).filter(|l| !l.text.is_empty());
        let Some(first) = lines.next() else {
            return;
        };
        let following: Vec<Line> = lines.take(6).collect();
        let date_follows = following
            .iter()
            .take(2)
            .any(|l| date_line(l.text).is_some());
        // Text opening with a dateline has no headline (unless a date line
        // follows: then an all-caps first word was a headline's).
        if !date_follows {
            if let Some(found) = find_dateline(text, first.start) {
                self.dateline = Some(found.place);
                self.body_start = found.body_start;
                return;
            }
        }
        let Some(second) = following.first() else {
            return;
        };
        let blank_line_after = text
            .get(first.end()..second.start)
            .is_some_and(|gap| gap.matches('\n').count() >= 2);
        let looks_like_headline = first.text.len() <= 300
            && !first.text.ends_with(['.', '!', '?', '"', '”', ':', ','])
            && (date_follows
                || dateline_only(second.text).is_some()
                || inline_dateline(second.text).is_some()
                || blank_line_after);
        if !looks_like_headline {
            return;
        }
        self.headline = Some(Span::new(first.start, first.end()));
        self.title = Some(first.text.to_string());
        self.is_update |= headline_says_update(first.text);
        self.body_start = second.start;
        for line in &following {
            if self.published.is_none() && self.dateline.is_none() {
                if let Some(p) = date_line(line.text) {
                    self.published = Some(p);
                    self.body_start = line.end();
                    continue;
                }
            }
            if is_update_marker(line.text) {
                self.is_update = true;
                self.body_start = line.end();
                continue;
            }
            if self.dateline.is_none() && is_byline(line.text) {
                self.body_start = line.end();
                continue;
            }
            if let Some(found) = find_dateline(text, line.start) {
                self.dateline = Some(found.place);
                self.body_start = found.body_start;
            } else {
                self.body_start = line.start;
            }
            return;
        }
        // Only layout lines were seen: the body starts after them.
        self.body_start = lines_from(text, self.body_start)
            .find(|l| !l.text.is_empty())
            .map_or(text.len(), |l| l.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime};

    /// A document from fields, its publication time read strictly.
    fn parts(
        id: &str,
        text: String,
        title: Option<String>,
        published: Option<&str>,
        source: Option<String>,
        url: Option<String>,
    ) -> Document {
        Document::from_parts(DocumentParts {
            id: id.to_string(),
            text,
            title,
            published: published.and_then(|p| Published::parse(p).ok()),
            source,
            url,
        })
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn span_text(doc: &Document, span: Option<Span>) -> &str {
        span.map_or("", |s| s.of(&doc.text))
    }

    fn body(doc: &Document) -> &str {
        doc.text.get(doc.body_start..).unwrap_or("")
    }

    #[test]
    fn full_layout_with_update_marker() {
        let text = "Ministers agree to pull troops out of Freedonia (UPDATE)\n\n\
                    Freedonia 13 January 2022 17:39 (UTC +04:00)\n\n\
                    Details added (first version posted on 17:09)\n\n\
                    BAKU, Azerbaijan, Jan. 13\n\n\n\
                    The ministers signed a statement on Thursday.\n";
        let doc = Document::from_article("a1", text.to_string());
        assert_eq!(
            doc.title.as_deref(),
            Some("Ministers agree to pull troops out of Freedonia (UPDATE)")
        );
        assert_eq!(
            span_text(&doc, doc.headline),
            doc.title.as_deref().unwrap_or("?")
        );
        assert!(doc.is_update);
        let p = doc.published.expect("published");
        assert_eq!(p.date, date(2022, 1, 13));
        assert_eq!(p.time, NaiveTime::from_hms_opt(17, 39, 0));
        assert_eq!(p.utc_offset_minutes, Some(240));
        assert_eq!(span_text(&doc, doc.dateline), "BAKU, Azerbaijan");
        assert!(body(&doc).starts_with("The ministers signed"));
    }

    #[test]
    fn dateline_with_trailing_period() {
        let text =
            "Envoys expelled as row deepens\n\nRuritania 20 April 2021 09:20 (UTC +02:00)\n\n\
                    PRAGUE, Czech Republic, April 20.\n\nTwenty diplomats left.";
        let doc = Document::from_article("a2", text.to_string());
        assert!(!doc.is_update);
        assert_eq!(doc.published.map(|p| p.date), Some(date(2021, 4, 20)));
        assert_eq!(span_text(&doc, doc.dateline), "PRAGUE, Czech Republic");
        assert_eq!(body(&doc), "Twenty diplomats left.");
    }

    #[test]
    fn inline_ap_dateline_without_date_line() {
        let text = "Shelling resumes near the border\n\n\
                    KYIV, Ukraine (AP) — Shelling resumed on Monday. Two people died.";
        let doc = Document::from_article("a3", text.to_string());
        assert_eq!(
            doc.title.as_deref(),
            Some("Shelling resumes near the border")
        );
        assert!(doc.published.is_none());
        assert_eq!(span_text(&doc, doc.dateline), "KYIV, Ukraine");
        assert!(body(&doc).starts_with("Shelling resumed on Monday."));
    }

    #[test]
    fn inline_reuters_dateline_with_date() {
        let text = "MOSCOW, Jan 5 (Reuters) - Russia said on Wednesday it would hold talks.";
        let doc = Document::from_article("a4", text.to_string());
        assert!(doc.headline.is_none());
        assert_eq!(span_text(&doc, doc.dateline), "MOSCOW");
        assert!(body(&doc).starts_with("Russia said"));
    }

    #[test]
    fn american_date_line_with_12_hour_clock() {
        let text = "Talks collapse\nJanuary 13, 2022 5:39 PM\nWASHINGTON — The talks collapsed.";
        let doc = Document::from_article("a5", text.to_string());
        let p = doc.published.expect("published");
        assert_eq!(p.date, date(2022, 1, 13));
        assert_eq!(p.time, NaiveTime::from_hms_opt(17, 39, 0));
        assert_eq!(p.utc_offset_minutes, None);
        assert_eq!(span_text(&doc, doc.dateline), "WASHINGTON");
        assert_eq!(body(&doc), "The talks collapsed.");
    }

    #[test]
    fn iso_and_abbreviated_date_lines() {
        for (line, want) in [
            ("Published 2022-01-13", date(2022, 1, 13)),
            ("Jan. 13, 2022", date(2022, 1, 13)),
            ("Sept. 4, 2021 10:00 GMT", date(2021, 9, 4)),
        ] {
            let text = format!("Headline here\n{line}\n\nBody text follows here.");
            let doc = Document::from_article("d", text);
            assert_eq!(doc.published.map(|p| p.date), Some(want), "{line}");
            assert_eq!(body(&doc), "Body text follows here.", "{line}");
        }
        let (p, _) = find_published("Sept. 4, 2021 10:00 GMT").expect("date");
        assert_eq!(p.utc_offset_minutes, Some(0));
    }

    #[test]
    fn unrecognised_layout() {
        let text = "The army withdrew on Monday. Talks resumed.\nMore text here.";
        let doc = Document::from_article("u", text.to_string());
        assert!(doc.headline.is_none() && doc.title.is_none());
        assert_eq!(doc.body_start, 0);
        for odd in [
            "",
            "\n\n",
            "\u{feff}",
            "—",
            "A",
            "X (",
            "ÉÉ, Éé — ",
            "A\n\u{feff}\n—",
        ] {
            let d = Document::from_article("odd", odd.to_string());
            assert!(d.body_start <= d.text.len());
            assert!(d.text.is_char_boundary(d.body_start));
        }
    }

    #[test]
    fn headline_with_blank_line_but_no_date() {
        let text = "Rebels seize airport\n\nRebels seized the airport on Sunday.";
        let doc = Document::from_article("h", text.to_string());
        assert_eq!(doc.title.as_deref(), Some("Rebels seize airport"));
        assert_eq!(body(&doc), "Rebels seized the airport on Sunday.");
    }

    #[test]
    fn updated_headline_and_crlf() {
        let text = "UPDATED: Rebels seize airport\r\n\r\n14 July 2022\r\n\r\nRebels seized it.\r\n";
        let doc = Document::from_article("c", text.to_string());
        assert!(doc.is_update);
        assert_eq!(doc.published.map(|p| p.date), Some(date(2022, 7, 14)));
        assert!(body(&doc).starts_with("Rebels seized it."));
    }

    #[test]
    fn parts_with_rfc3339_and_inline_dateline() {
        let doc = parts(
            "j1",
            "BISHKEK, Kyrgyzstan (AP) — Fighting stopped. Both sides agreed.".to_string(),
            Some("Truce holds".to_string()),
            Some("2022-09-17T10:30:00+06:00"),
            Some("wire".to_string()),
            None,
        );
        let p = doc.published.expect("published");
        assert_eq!(p.date, date(2022, 9, 17));
        assert_eq!(p.time, NaiveTime::from_hms_opt(10, 30, 0));
        assert_eq!(p.utc_offset_minutes, Some(360));
        assert_eq!(span_text(&doc, doc.dateline), "BISHKEK, Kyrgyzstan");
        assert!(body(&doc).starts_with("Fighting stopped."));
        assert!(doc.headline.is_none());
        assert_eq!(doc.title.as_deref(), Some("Truce holds"));
    }

    #[test]
    fn parts_with_plain_date_and_no_dateline() {
        let doc = parts(
            "j2",
            "Fighting stopped on Friday.".to_string(),
            None,
            Some("2022-09-17"),
            None,
            None,
        );
        assert_eq!(
            doc.published.map(|p| (p.date, p.time)),
            Some((date(2022, 9, 17), None))
        );
        assert!(doc.dateline.is_none());
        assert_eq!(doc.body_start, 0);
        let z = parts(
            "z",
            "x".into(),
            None,
            Some("2022-09-17T10:30:00Z"),
            None,
            None,
        );
        assert_eq!(z.published.and_then(|p| p.utc_offset_minutes), Some(0));
        assert!(Published::parse("not a date").is_err());
    }

    /// Pseudo-random layouts: never a panic, `body_start` always a char
    /// boundary inside the text, spans inside the text.
    #[test]
    fn random_layouts_do_not_panic() {
        const PIECES: &[&str] = &[
            "\n",
            "\n\n",
            "BAKU",
            ", ",
            "Azerbaijan",
            "Jan. 13",
            " — ",
            " - ",
            "(AP)",
            " (",
            ")",
            "13 January 2022",
            " 17:39",
            " (UTC +04:00)",
            "Details added",
            "UPDATE",
            "é",
            "Ö",
            "—",
            "2022-01-13T10:00:00+05:30",
            "The army left.",
            ".",
            "🙂",
            "\u{feff}",
            ":",
            "5:39 PM",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..2_000 {
            let n = next() % 30;
            let text: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let doc = Document::from_article("r", text.clone());
            assert!(doc.text.is_char_boundary(doc.body_start) && doc.body_start <= doc.text.len());
            for span in [doc.headline, doc.dateline].into_iter().flatten() {
                assert!(doc.text.get(span.start..span.end).is_some(), "{text:?}");
            }
            let fields = Document::from_parts(DocumentParts {
                id: "r".into(),
                text: text.clone(),
                published: find_published(&text).map(|(p, _)| p),
                ..DocumentParts::default()
            });
            assert!(fields.text.is_char_boundary(fields.body_start));
        }
    }

    #[test]
    fn parts_whose_text_repeats_the_title() {
        let doc = parts(
            "p",
            "Troops pull back\n\nMILLBROOK, Freedonia (Reuters) - Troops pulled back.".to_string(),
            Some("Troops pull back".to_string()),
            None,
            None,
            None,
        );
        assert_eq!(span_text(&doc, doc.headline), "Troops pull back");
        assert_eq!(span_text(&doc, doc.dateline), "MILLBROOK, Freedonia");
        assert_eq!(body(&doc), "Troops pulled back.");
    }

    #[test]
    fn place_on_the_date_line() {
        let text = "Headline\n\nFreedonia 13 January 2022 17:39 (UTC +04:00)\n\nBAKU, Azerbaijan, Jan. 13\n\nBody.";
        let doc = Document::from_article("d", text.to_string());
        assert_eq!(span_text(&doc, doc.date_line_place()), "Freedonia");
        let plain = Document::from_article("d", "Headline\n\n2022-01-13\n\nBody.".to_string());
        assert_eq!(plain.date_line_place(), None);
        assert_eq!(Document::default().date_line_place(), None);
    }

    #[test]
    fn inline_dateline_closed_by_a_period() {
        let doc = parts(
            "t",
            "BAKU, Azerbaijan, Jan. 13. The ministers met.".to_string(),
            None,
            None,
            None,
            None,
        );
        assert_eq!(span_text(&doc, doc.dateline), "BAKU, Azerbaijan");
        assert_eq!(body(&doc), "The ministers met.");
        assert_eq!(
            inline_dateline("ANKARA, Turkey, 5 March: Talks began."),
            Some((14, 25))
        );
        assert_eq!(inline_dateline("PARIS, France, Monday. Talks began."), None);
        assert_eq!(
            inline_dateline("Talks, he said, Jan. 5. Not a dateline."),
            None
        );
    }

    #[test]
    fn byline_and_dated_first_sentence() {
        let text = "Rebels seize airport\n\nBy Jane Doe and John Roe\n\n\
                    Rebels seized the airport on 3 March 2023.\n";
        let doc = Document::from_article("b", text.to_string());
        assert_eq!(doc.title.as_deref(), Some("Rebels seize airport"));
        assert!(doc.published.is_none(), "a sentence is not a date line");
        assert_eq!(body(&doc), "Rebels seized the airport on 3 March 2023.\n");
        assert!(is_byline("By Jane Doe | Reuters"));
        assert!(!is_byline("By Monday the talks had failed."));
        assert!(!is_byline("By then, troops had left"));
    }

    #[test]
    fn not_datelines() {
        assert!(inline_dateline("The army - which left - said so.").is_none());
        assert!(dateline_only("The talks resumed, officials said.").is_none());
        assert!(dateline_only("NATO").is_none());
        assert_eq!(dateline_only("NEW YORK, Jan. 5"), Some(8));
    }
}
