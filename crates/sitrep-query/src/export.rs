//! Exports of filtered events as CSV, JSON lines or GeoJSON, written to any
//! `io::Write` a page at a time (memory stays bounded however many events
//! match). Used by `GET /api/export` and by `sitrep export`.
//!
//! ## CSV columns
//! UTF-8, comma-separated, one header row, RFC 4180 quoting, `\n` line
//! ends, empty cell for a missing value; readable by `pandas.read_csv(path)`
//! and R's `read.csv(path)` without options. `scripts/export-readers.sh`
//! (in CI) checks both — pandas 3.1 and R 4.2 — against the JSON-lines
//! export of the same store: 28 columns in this order, numeric
//! `intensity`, `lat`, `lon`, `span_*`, and every sentence (commas, quotes,
//! line breaks, non-ASCII) byte-identical.
//!
//! | column | meaning |
//! |---|---|
//! | `event_id` | stable event id |
//! | `doc_id` | document id |
//! | `date`, `date_end` | ISO dates (`date_end` only for spans) |
//! | `date_precision` | `day`, `week`, `month`, `year` or `publication` |
//! | `category` | PLOVER event type |
//! | `mode` | PLOVER mode |
//! | `context` | PLOVER contexts joined with `;` |
//! | `cameo` | CAMEO code as written (`020`); pandas and R infer a number and drop the leading zero unless told `dtype={"cameo": str}` / `colClasses` |
//! | `intensity` | −10 … +10 |
//! | `source_code`, `source_sector`, `source_text` | source actor |
//! | `target_code`, `target_sector`, `target_text` | target actor |
//! | `location_code`, `place`, `lat`, `lon`, `geonameid`, `location_feature` | where |
//! | `trigger` | trigger text |
//! | `date_text` | time expression |
//! | `sentence` | the sentence |
//! | `span_start`, `span_end` | sentence span, code points in the document |
//! | `rule` | pattern id |
//!
//! Parquet (cargo feature `parquet`): the same columns, typed; see
//! `parquet_export`.
//!
//! JSON lines: one `sitrep code` event record per line. GeoJSON: a
//! `FeatureCollection` with one `Point` feature per event (`geometry` is
//! `null` when the event has no coordinates) whose `properties` are the
//! event record.

use std::io::Write;

use sitrep_coder::record::EventRecord;
use sitrep_store::{Cursor, EventFilter, EventQuery, Page, Sort, Store, StoreError};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Jsonl,
    Geojson,
    /// Only with the cargo feature `parquet`.
    #[cfg(feature = "parquet")]
    Parquet,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Option<ExportFormat> {
        match s {
            "csv" => Some(ExportFormat::Csv),
            "jsonl" | "ndjson" => Some(ExportFormat::Jsonl),
            "geojson" => Some(ExportFormat::Geojson),
            #[cfg(feature = "parquet")]
            "parquet" => Some(ExportFormat::Parquet),
            _ => None,
        }
    }
    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Jsonl => "application/x-ndjson",
            ExportFormat::Geojson => "application/geo+json",
            #[cfg(feature = "parquet")]
            ExportFormat::Parquet => "application/vnd.apache.parquet",
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Geojson => "geojson",
            #[cfg(feature = "parquet")]
            ExportFormat::Parquet => "parquet",
        }
    }
}

/// Errors of an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("write: {0}")]
    Io(#[from] std::io::Error),
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("parquet: {0}")]
    Parquet(String),
}

/// The CSV header, in column order.
pub const CSV_COLUMNS: &[&str] = &[
    "event_id",
    "doc_id",
    "date",
    "date_end",
    "date_precision",
    "category",
    "mode",
    "context",
    "cameo",
    "intensity",
    "source_code",
    "source_sector",
    "source_text",
    "target_code",
    "target_sector",
    "target_text",
    "location_code",
    "place",
    "lat",
    "lon",
    "geonameid",
    "location_feature",
    "trigger",
    "date_text",
    "sentence",
    "span_start",
    "span_end",
    "rule",
];

pub(crate) fn csv_row(e: &EventRecord) -> Vec<String> {
    let opt = |s: Option<&str>| s.unwrap_or("").to_owned();
    let num = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let loc = e.location.as_ref();
    vec![
        e.event_id.clone(),
        e.doc_id.clone(),
        opt(e.date.as_deref()),
        opt(e.date_end.as_deref()),
        e.date_precision.clone(),
        e.category.to_string(),
        opt(e.mode.as_deref()),
        e.context.join(";"),
        e.cameo.clone(),
        e.intensity.to_string(),
        opt(e.source.as_ref().map(|a| a.code.as_str())),
        opt(e.source.as_ref().and_then(|a| a.sector.map(|s| s.as_str()))),
        opt(e.source.as_ref().map(|a| a.text.as_str())),
        opt(e.target.as_ref().map(|a| a.code.as_str())),
        opt(e.target.as_ref().and_then(|a| a.sector.map(|s| s.as_str()))),
        opt(e.target.as_ref().map(|a| a.text.as_str())),
        opt(loc.map(|l| l.code.as_str())),
        opt(loc.and_then(|l| l.place.as_deref())),
        num(loc.and_then(|l| l.lat)),
        num(loc.and_then(|l| l.lon)),
        loc.and_then(|l| l.geonameid)
            .map(|g| g.to_string())
            .unwrap_or_default(),
        opt(loc.map(|l| l.feature.as_str())),
        e.trigger.text.clone(),
        opt(e.date_text.as_ref().map(|t| t.text.as_str())),
        e.sentence.clone(),
        e.span[0].to_string(),
        e.span[1].to_string(),
        e.rule.clone(),
    ]
}

fn feature(e: &EventRecord) -> serde_json::Value {
    let point = e
        .location
        .as_ref()
        .and_then(|l| Some(serde_json::json!({"type": "Point", "coordinates": [l.lon?, l.lat?]})));
    serde_json::json!({
        "type": "Feature",
        "id": e.event_id,
        "geometry": point,
        "properties": e,
    })
}

/// Encodes events into the bytes of one format, a page at a time: the
/// server sends each page's bytes as one chunk without holding a thread
/// while the client reads, and [`export`] writes them to a file.
#[derive(Debug)]
pub struct Encoder {
    format: ExportFormat,
    written: u64,
}

impl Encoder {
    /// An encoder for `format` (not Parquet, which is written whole).
    pub fn new(format: ExportFormat) -> Encoder {
        Encoder { format, written: 0 }
    }

    /// How many events were encoded.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// What comes before the first event (the CSV header, the GeoJSON
    /// collection's opening).
    pub fn begin(&mut self) -> Result<Vec<u8>, ExportError> {
        match self.format {
            ExportFormat::Csv => {
                let mut out = csv_writer();
                out.write_record(CSV_COLUMNS)?;
                csv_bytes(out)
            }
            ExportFormat::Geojson => {
                Ok(b"{\"type\":\"FeatureCollection\",\"features\":[\n".to_vec())
            }
            _ => Ok(Vec::new()),
        }
    }

    /// The bytes of a page of events.
    pub fn page(&mut self, events: &[EventRecord]) -> Result<Vec<u8>, ExportError> {
        let mut buf = Vec::new();
        match self.format {
            ExportFormat::Csv => {
                let mut out = csv_writer();
                for e in events {
                    out.write_record(csv_row(e))?;
                }
                buf = csv_bytes(out)?;
            }
            ExportFormat::Jsonl => {
                for e in events {
                    serde_json::to_writer(&mut buf, e)?;
                    buf.push(b'\n');
                }
            }
            ExportFormat::Geojson => {
                for (i, e) in events.iter().enumerate() {
                    if self.written > 0 || i > 0 {
                        buf.extend_from_slice(b",\n");
                    }
                    serde_json::to_writer(&mut buf, &feature(e))?;
                }
            }
            #[cfg(feature = "parquet")]
            ExportFormat::Parquet => {
                return Err(ExportError::Parquet(
                    "parquet is written whole, not a page at a time".into(),
                ))
            }
        }
        self.written += events.len() as u64;
        Ok(buf)
    }

    /// What comes after the last event.
    pub fn end(&mut self) -> Result<Vec<u8>, ExportError> {
        Ok(match self.format {
            ExportFormat::Geojson => b"\n]}\n".to_vec(),
            _ => Vec::new(),
        })
    }
}

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

fn csv_bytes(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, ExportError> {
    w.into_inner()
        .map_err(|e| ExportError::Io(std::io::Error::other(e.to_string())))
}

/// The query of the first export page: every event matching `filter`, in
/// `sort` order, pages of [`sitrep_store::MAX_LIMIT`].
pub fn first_page(filter: &EventFilter, sort: Sort) -> EventQuery {
    EventQuery {
        filter: filter.clone(),
        page: Page {
            sort,
            limit: sitrep_store::MAX_LIMIT,
            cursor: None,
            offset: 0,
        },
    }
}

/// Writes every event matching `filter` (in `sort` order) to `w`; returns
/// how many were written.
pub fn export(
    store: &Store,
    format: ExportFormat,
    filter: &EventFilter,
    sort: Sort,
    w: &mut dyn Write,
) -> Result<u64, ExportError> {
    #[cfg(feature = "parquet")]
    if format == ExportFormat::Parquet {
        return crate::parquet_export::export_parquet(store, filter, sort, w);
    }
    let mut enc = Encoder::new(format);
    w.write_all(&enc.begin()?)?;
    let mut q = first_page(filter, sort);
    loop {
        let page = store.events_page_without_total(&q)?;
        w.write_all(&enc.page(&page.events)?)?;
        match page.next {
            Some(n) => q.page.cursor = Some(Cursor::decode(&n).map_err(StoreError::from)?),
            None => break,
        }
    }
    w.write_all(&enc.end()?)?;
    w.flush()?;
    Ok(enc.written())
}
