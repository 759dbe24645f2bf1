//! Documents: the text being coded, its publication time, and the layout facts
//! (headline, date line, dateline, "(UPDATE)" marker) read from it.
//!
//! Every offset in sitrep is a byte offset into `Document::text` until the
//! output boundary (`record`), which converts to Unicode code points.

use chrono::{NaiveDate, NaiveTime};

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

/// When a document was published, as far as the input says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    /// Offset from UTC in minutes, when the input gives one.
    pub utc_offset_minutes: Option<i32>,
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
