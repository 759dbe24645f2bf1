//! Values the store returns: pages of events, event and document views,
//! stats rows and table counts. All are `Serialize` so the HTTP API can
//! return them as they are.

use serde::Serialize;
use sitrep_coder::record::{EventRecord, PlaceRecord};

/// What `ingest_document` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IngestOutcome {
    /// A document id not seen before.
    Added,
    /// Same content as the stored current version: nothing written.
    Unchanged,
    /// Different content for a known id: stored as the next version; its
    /// events and places replaced the previous version's.
    NewVersion,
}

/// One page of events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventPage {
    /// Events in the `sitrep code` format.
    pub events: Vec<EventRecord>,
    /// Events matching the filter, over all pages.
    pub total: u64,
    /// Cursor for the next page, if there is one.
    pub next: Option<String>,
}

/// A span to highlight in a document, in code points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Highlight {
    /// `sentence`, `source`, `target`, `trigger`, `date` or `location`.
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
}

/// One event with the text around it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventDetail {
    pub event: EventRecord,
    pub document: DocumentSummary,
    /// Text of the document around the sentence.
    pub excerpt: String,
    /// Code-point offset of `excerpt` in the document text.
    pub excerpt_start: usize,
    /// Spans to highlight, in document code points (subtract `excerpt_start`
    /// for offsets into `excerpt`).
    pub highlights: Vec<Highlight>,
}

/// A document's metadata, without its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentSummary {
    pub id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub version: i64,
}

/// One stored version of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionInfo {
    pub version: i64,
    pub title: Option<String>,
    pub published: Option<String>,
    pub content_hash: String,
    pub ingested_at: String,
    pub event_count: i64,
    /// Length of the version's text in code points.
    pub text_chars: i64,
}

/// A document with its history and current events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentView {
    #[serde(flatten)]
    pub summary: DocumentSummary,
    pub text: String,
    pub content_hash: String,
    pub ingested_at: String,
    /// All versions, oldest first (the last is the current one).
    pub versions: Vec<VersionInfo>,
    pub events: Vec<EventRecord>,
    pub places: Vec<PlaceRecord>,
}

/// Count of events for one day, category and country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatRow {
    /// Event date (`YYYY-MM-DD`), empty when the event has none.
    pub day: String,
    pub category: String,
    /// Location code, else source code, else target code, else empty.
    pub country: String,
    pub count: u64,
}

/// What [`crate::Store::generation`] returns: equal values mean no
/// document, version or event was stored in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Generation {
    /// Stored document versions (every ingest that changes anything adds one).
    pub versions: u64,
    /// Largest event row id (0 when there are no events).
    pub last_event_row: i64,
}

/// Row counts of the store's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    pub documents: u64,
    pub versions: u64,
    pub events: u64,
    pub actors: u64,
    pub places: u64,
}
