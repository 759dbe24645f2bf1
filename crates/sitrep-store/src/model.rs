//! Values the store returns: pages of events, event and document views,
//! stats rows and table counts. All are `Serialize` so the HTTP API can
//! return them as they are.

use serde::Serialize;
use sitrep_coder::record::{EventRecord, PlaceRecord};
use sitrep_coder::Category;

/// What `ingest_document` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IngestOutcome {
    /// A document id not seen before.
    Added,
    /// Same content as the stored current version: nothing written.
    Unchanged,
    /// Different content for a known document — the same id, or an
    /// update of it under another id (same source and headline apart from
    /// update markers, or mostly the same body): stored as the next
    /// version; its events and places replaced the previous version's.
    NewVersion,
    /// An earlier version of a stored document arriving after a newer one
    /// (published before the current version): kept in the history; the
    /// current version and its events stay.
    OlderVersion,
}

/// What `ingest` did and where the document went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IngestReport {
    pub outcome: IngestOutcome,
    /// The id of the stored document: the document's own id, or the id of
    /// the article it is a version of.
    pub doc_id: String,
    /// Why it was taken for a version of `doc_id` when that is another id.
    pub why: Option<String>,
    /// Near-duplicate links written for it.
    pub duplicates: usize,
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
    /// The id the version arrived with (another file name for an update).
    pub arrived_as: String,
    /// Whether this is the current version (whose events are stored).
    pub current: bool,
    /// Why it was taken for a version of this document, when it arrived
    /// under another id.
    pub why: Option<String>,
}

/// A link from a document to another one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentLink {
    /// The other document's id.
    pub id: String,
    /// `duplicate`.
    pub kind: &'static str,
    /// Exact Jaccard similarity of the bodies' word 5-shingles.
    pub similarity: f64,
    pub reason: String,
    pub title: Option<String>,
    pub source: Option<String>,
}

/// A document with its history and current events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentView {
    #[serde(flatten)]
    pub summary: DocumentSummary,
    pub text: String,
    pub content_hash: String,
    pub ingested_at: String,
    /// All versions in the order they were stored (`current` marks the
    /// one whose events are stored: an older version arriving late is kept
    /// but does not replace it).
    pub versions: Vec<VersionInfo>,
    /// Near-duplicates (e.g. wire copies in other outlets), most similar
    /// first.
    pub duplicates: Vec<DocumentLink>,
    pub events: Vec<EventRecord>,
    pub places: Vec<PlaceRecord>,
}

/// Count of events for one day, category and country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatRow {
    /// Event date (`YYYY-MM-DD`), empty when the event has none.
    pub day: String,
    pub category: Category,
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
