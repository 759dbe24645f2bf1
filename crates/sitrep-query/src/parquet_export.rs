//! Parquet export (cargo feature `parquet`): the CSV columns with typed
//! Arrow columns (`intensity` float32, `lat`/`lon` float64, `geonameid`
//! uint32, `span_start`/`span_end` int64, everything else UTF-8), ZSTD
//! compressed, one row group per 64k events. The file is assembled in
//! memory a row group at a time and each finished part is copied to the
//! caller's writer, so memory stays bounded by one row group.

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{
    Float32Builder, Float64Builder, Int64Builder, StringBuilder, UInt32Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use sitrep_coder::record::EventRecord;
use sitrep_store::{EventFilter, Sort, Store};

use crate::export::{ExportError, CSV_COLUMNS};

const ROW_GROUP: usize = 65_536;

fn column_type(name: &str) -> DataType {
    match name {
        "intensity" => DataType::Float32,
        "lat" | "lon" => DataType::Float64,
        "geonameid" => DataType::UInt32,
        "span_start" | "span_end" => DataType::Int64,
        _ => DataType::Utf8,
    }
}

/// The Arrow schema of the export.
pub fn schema() -> Arc<Schema> {
    let fields: Vec<Field> = CSV_COLUMNS
        .iter()
        .map(|c| {
            let nullable = !matches!(
                *c,
                "event_id" | "doc_id" | "category" | "intensity" | "span_start" | "span_end"
            );
            Field::new(*c, column_type(c), nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

fn batch(schema: &Arc<Schema>, events: &[EventRecord]) -> Result<RecordBatch, ExportError> {
    let mut cols: Vec<ArrayRef> = Vec::with_capacity(CSV_COLUMNS.len());
    let rows: Vec<Vec<String>> = events.iter().map(crate::export::csv_row).collect();
    for (i, name) in CSV_COLUMNS.iter().enumerate() {
        let cells = rows
            .iter()
            .map(|r| r.get(i).map(String::as_str).unwrap_or(""));
        let array: ArrayRef = match column_type(name) {
            DataType::Float32 => {
                let mut b = Float32Builder::new();
                cells.for_each(|c| b.append_option(c.parse().ok()));
                Arc::new(b.finish())
            }
            DataType::Float64 => {
                let mut b = Float64Builder::new();
                cells.for_each(|c| b.append_option(c.parse().ok()));
                Arc::new(b.finish())
            }
            DataType::UInt32 => {
                let mut b = UInt32Builder::new();
                cells.for_each(|c| b.append_option(c.parse().ok()));
                Arc::new(b.finish())
            }
            DataType::Int64 => {
                let mut b = Int64Builder::new();
                cells.for_each(|c| b.append_option(c.parse().ok()));
                Arc::new(b.finish())
            }
            _ => {
                let mut b = StringBuilder::new();
                let required = !schema.field(i).is_nullable();
                cells.for_each(|c| {
                    if c.is_empty() && !required {
                        b.append_null()
                    } else {
                        b.append_value(c)
                    }
                });
                Arc::new(b.finish())
            }
        };
        cols.push(array);
    }
    RecordBatch::try_new(Arc::clone(schema), cols).map_err(|e| ExportError::Parquet(e.to_string()))
}

/// Writes the matching events as one Parquet file; returns the count.
pub fn export_parquet(
    store: &Store,
    filter: &EventFilter,
    sort: Sort,
    w: &mut dyn Write,
) -> Result<u64, ExportError> {
    let schema = schema();
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_max_row_group_row_count(Some(ROW_GROUP))
        .build();
    let pq = |e: parquet::errors::ParquetError| ExportError::Parquet(e.to_string());
    let mut writer =
        ArrowWriter::try_new(Vec::new(), Arc::clone(&schema), Some(props)).map_err(pq)?;
    let mut pending = Vec::with_capacity(ROW_GROUP);
    let mut n = 0u64;
    let mut flush = |writer: &mut ArrowWriter<Vec<u8>>,
                     pending: &mut Vec<EventRecord>|
     -> Result<(), ExportError> {
        if pending.is_empty() {
            return Ok(());
        }
        writer.write(&batch(&schema, pending)?).map_err(pq)?;
        writer.flush().map_err(pq)?;
        pending.clear();
        let bytes = std::mem::take(writer.inner_mut());
        w.write_all(&bytes)?;
        Ok(())
    };
    store.for_each_event(filter, sort, |e| -> Result<(), ExportError> {
        pending.push(e.clone());
        n += 1;
        if pending.len() >= ROW_GROUP {
            flush(&mut writer, &mut pending)?;
        }
        Ok(())
    })?;
    flush(&mut writer, &mut pending)?;
    let rest = writer.into_inner().map_err(pq)?;
    w.write_all(&rest)?;
    w.flush()?;
    Ok(n)
}
