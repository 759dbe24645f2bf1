//! Versions across document ids and near-duplicate links, in the store.
//!
//! What makes two documents versions of one article, or near-duplicates,
//! is decided by `sitrep-stories` (the store depends on it and computes
//! every key itself, so `ingest`, `watch` and `POST /api/documents` all get
//! the same rules):
//!
//! * **version key** — source and headline without update markers
//!   ([`sitrep_stories::version_key`]), kept in `documents.version_key`
//!   (indexed). An "(UPDATE)" stored under another id finds its article by
//!   this key.
//! * **body bands** — the MinHash LSH band keys (42 bands × 3 rows) of the
//!   body's word 5-shingles, one row per band in `document_bands`, keyed
//!   `(band, hash, doc_id)`. Documents sharing at least
//!   [`MIN_SHARED_BANDS`] (band, hash) pairs are candidates; the exact Jaccard similarity of the bodies, recomputed from
//!   the candidate's stored text, decides. Same source and ≥
//!   [`sitrep_stories::VERSION_JACCARD`] (0.5): a version. Another source
//!   and ≥ [`DUPLICATE_JACCARD`] (0.6): a near-duplicate, recorded in
//!   `document_links` with kind `duplicate`.
//!
//! Bodies with fewer than [`MIN_SHINGLES`] shingles take no part in the
//! text comparison: a one-sentence text shares most of its few shingles
//! with any other text on the same subject.

use std::sync::OnceLock;

use sitrep_coder::Document;
use sitrep_stories::dedup::{DuplicateIndex, MinHashParams};
use sitrep_stories::text::jaccard;
use sitrep_stories::versions::{body_shingles, body_shingles_of, source_key, VersionKey};

use crate::db::{Cell, Dialect, Exec, Val};
use crate::model::DocumentLink;
use crate::StoreError;

/// Minimal exact Jaccard similarity (body word 5-shingles) of two
/// documents of different sources linked as near-duplicates.
pub const DUPLICATE_JACCARD: f64 = 0.6;

/// Bodies with fewer shingles are not compared by text.
pub const MIN_SHINGLES: usize = 20;

/// Bands a stored document must share with the incoming one to be a
/// candidate. With 42 bands of 3 rows, a pair at Jaccard s shares
/// Binomial(42, s³) bands: two or more happen with probability 0.9995 at
/// s = 0.6 and 0.974 at s = 0.5, but only 0.045 at s = 0.2 (against 0.29
/// for one band), so unrelated texts on one subject are rarely fetched.
pub const MIN_SHARED_BANDS: usize = 2;

/// Most documents read from one band's bucket: a bucket shared by very
/// many documents (boilerplate) says little about any of them.
pub const MAX_BUCKET: usize = 256;

/// Most candidate documents (those sharing the most bands first) whose
/// text is compared for one ingested document: bounds the work when many
/// stored texts share boilerplate.
pub const MAX_CANDIDATES: usize = 32;

/// The MinHash parameters of the stored bands. Changing them needs a
/// migration that recomputes `document_bands`.
fn hasher() -> Option<&'static DuplicateIndex> {
    static HASHER: OnceLock<Option<DuplicateIndex>> = OnceLock::new();
    HASHER
        .get_or_init(|| DuplicateIndex::new(MinHashParams::default()).ok())
        .as_ref()
}

/// What the version and duplicate lookups need from an incoming document.
#[derive(Debug, Clone)]
pub struct Signature {
    /// `source\u{1f}headline`, `None` without a headline.
    pub version_key: Option<String>,
    pub source: String,
    /// Sorted body shingle hashes.
    pub shingles: Vec<u64>,
    /// LSH band keys (empty when the body is too short to compare).
    pub bands: Vec<u64>,
}

impl Signature {
    pub fn of(doc: &Document) -> Signature {
        let VersionKey { source, headline } = sitrep_stories::version_key(doc);
        let shingles = body_shingles(doc);
        let bands = match hasher() {
            Some(h) if shingles.len() >= MIN_SHINGLES => h.band_keys(&shingles),
            _ => Vec::new(),
        };
        Signature {
            version_key: (!headline.is_empty()).then(|| format!("{source}\u{1f}{headline}")),
            source,
            shingles,
            bands,
        }
    }
}

/// A stored document whose body is similar to the incoming one.
#[derive(Debug, Clone, PartialEq)]
pub struct Similar {
    pub doc_id: String,
    /// The stored document's source, normalised like the version key's.
    pub source: String,
    /// Exact Jaccard similarity of the bodies' word 5-shingles.
    pub similarity: f64,
}

/// The band hash as stored: the 64 bits reinterpreted as a signed integer.
fn band_hash(h: u64) -> i64 {
    i64::from_ne_bytes(h.to_ne_bytes())
}

/// Stored documents (other than `exclude`) whose body has an exact Jaccard
/// similarity of at least `min` with the signature's, most similar first
/// (ties by id).
pub fn similar_documents(
    x: &mut dyn Exec,
    sig: &Signature,
    exclude: Option<&str>,
    min: f64,
) -> Result<Vec<Similar>, StoreError> {
    if sig.bands.is_empty() {
        return Ok(Vec::new());
    }
    let d = x.dialect();
    // One indexed lookup per band (a prepared statement), counted here: an
    // OR of 42 (band, hash) terms makes SQLite build and sort temporary
    // tables, which cost more than the lookups.
    let sql = format!(
        "SELECT doc_id FROM document_bands WHERE band = {} AND hash = {} LIMIT {MAX_BUCKET}",
        d.placeholder(1),
        d.placeholder(2)
    );
    let mut shared: std::collections::HashMap<String, usize> = Default::default();
    let mut count = |rows: Vec<Vec<Cell>>| {
        for r in rows {
            if let Some(id) = r.into_iter().next().and_then(Cell::into_text) {
                *shared.entry(id).or_default() += 1;
            }
        }
    };
    if d == Dialect::Postgres {
        // One round trip instead of one per band (42 over a network cost
        // more than the lookups); LATERAL keeps the per-band cap.
        let mut params = Vec::with_capacity(sig.bands.len() * 2);
        let values: Vec<String> = sig
            .bands
            .iter()
            .enumerate()
            .map(|(band, h)| {
                params.push(Val::Int(i64::try_from(band).unwrap_or(i64::MAX)));
                params.push(Val::Int(band_hash(*h)));
                format!(
                    "({}::int, {}::bigint)",
                    d.placeholder(2 * band + 1),
                    d.placeholder(2 * band + 2)
                )
            })
            .collect();
        count(x.query(
            &format!(
                "SELECT b.doc_id FROM (VALUES {}) AS q(band, hash) CROSS JOIN LATERAL \
                 (SELECT doc_id FROM document_bands d WHERE d.band = q.band AND d.hash = q.hash \
                 LIMIT {MAX_BUCKET}) b",
                values.join(", ")
            ),
            &params,
        )?);
    } else {
        for (band, h) in sig.bands.iter().enumerate() {
            count(x.query(
                &sql,
                &[
                    Val::Int(i64::try_from(band).unwrap_or(i64::MAX)),
                    Val::Int(band_hash(*h)),
                ],
            )?);
        }
    }
    let mut candidates: Vec<(String, usize)> = shared
        .into_iter()
        .filter(|(_, n)| *n >= MIN_SHARED_BANDS)
        .collect();
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    candidates.truncate(MAX_CANDIDATES);
    let rows: Vec<Vec<Cell>> = candidates
        .into_iter()
        .map(|(id, _)| vec![Cell::Text(id)])
        .collect();
    let mut out = Vec::new();
    for r in rows {
        let Some(id) = r.into_iter().next().and_then(Cell::into_text) else {
            continue;
        };
        if Some(id.as_str()) == exclude {
            continue;
        }
        let found = x.query(
            &format!(
                "SELECT source, text, body_start FROM documents WHERE id = {}",
                d.placeholder(1)
            ),
            &[id.as_str().into()],
        )?;
        let Some(row) = found.into_iter().next() else {
            continue;
        };
        let mut it = row.into_iter();
        let source = source_key(it.next().and_then(Cell::into_text).as_deref());
        let text = it.next().and_then(Cell::into_text).unwrap_or_default();
        let body_start = it
            .next()
            .and_then(|c| c.int())
            .and_then(|v| usize::try_from(v).ok())
            .unwrap_or(0);
        let similarity = jaccard(&sig.shingles, &body_shingles_of(&text, body_start));
        if similarity >= min {
            out.push(Similar {
                doc_id: id,
                source,
                similarity,
            });
        }
    }
    out.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then_with(|| a.doc_id.cmp(&b.doc_id))
    });
    Ok(out)
}

/// The band keys of a stored text whose body starts at `body_start` (as
/// [`Signature::of`] computed them when it was stored).
pub fn stored_bands(text: &str, body_start: usize) -> Vec<u64> {
    let shingles = body_shingles_of(text, body_start);
    match hasher() {
        Some(h) if shingles.len() >= MIN_SHINGLES => h.band_keys(&shingles),
        _ => Vec::new(),
    }
}

/// Replaces the bands of `doc_id`: deletes `old` (the previous version's
/// keys, by primary key) and inserts the signature's.
pub fn store_bands(
    x: &mut dyn Exec,
    doc_id: &str,
    old: &[u64],
    sig: &Signature,
) -> Result<(), StoreError> {
    let d = x.dialect();
    for (band, h) in old.iter().enumerate() {
        x.exec(
            &format!(
                "DELETE FROM document_bands WHERE band = {} AND hash = {} AND doc_id = {}",
                d.placeholder(1),
                d.placeholder(2),
                d.placeholder(3)
            ),
            &[
                Val::Int(i64::try_from(band).unwrap_or(i64::MAX)),
                Val::Int(band_hash(*h)),
                doc_id.into(),
            ],
        )?;
    }
    if sig.bands.is_empty() {
        return Ok(());
    }
    let tuples: Vec<String> = (0..sig.bands.len())
        .map(|i| {
            format!(
                "({}, {}, {})",
                d.placeholder(3 * i + 1),
                d.placeholder(3 * i + 2),
                d.placeholder(3 * i + 3)
            )
        })
        .collect();
    let mut params = Vec::with_capacity(sig.bands.len() * 3);
    for (band, h) in sig.bands.iter().enumerate() {
        params.push(Val::Int(i64::try_from(band).unwrap_or(i64::MAX)));
        params.push(Val::Int(band_hash(*h)));
        params.push(Val::from(doc_id));
    }
    x.exec(
        &format!(
            "INSERT INTO document_bands (band, hash, doc_id) VALUES {} ON CONFLICT DO NOTHING",
            tuples.join(", ")
        ),
        &params,
    )?;
    Ok(())
}

/// Records a link from `doc_id` to `other_id` (replacing an earlier one of
/// the same kind).
pub fn store_link(
    x: &mut dyn Exec,
    doc_id: &str,
    other_id: &str,
    kind: &str,
    similarity: f64,
    reason: &str,
    at: &str,
) -> Result<(), StoreError> {
    let d = x.dialect();
    let p = |i| d.placeholder(i);
    x.exec(
        &format!(
            "INSERT INTO document_links (doc_id, other_id, kind, similarity, reason, created_at) \
             VALUES ({}, {}, {}, {}, {}, {}) ON CONFLICT (doc_id, other_id, kind) DO UPDATE SET \
             similarity = excluded.similarity, reason = excluded.reason, created_at = excluded.created_at",
            p(1),
            p(2),
            p(3),
            p(4),
            p(5),
            p(6)
        ),
        &[
            doc_id.into(),
            other_id.into(),
            kind.into(),
            similarity.into(),
            reason.into(),
            at.into(),
        ],
    )?;
    Ok(())
}

/// Links `doc_id` to every stored document of another source whose body
/// is a near-duplicate of its own (`similar` as found by
/// [`similar_documents`] with at least [`DUPLICATE_JACCARD`]). Returns how
/// many links were written.
pub fn link_duplicates(
    x: &mut dyn Exec,
    doc_id: &str,
    sig: &Signature,
    similar: &[Similar],
    at: &str,
) -> Result<usize, StoreError> {
    let mut n = 0;
    for s in similar {
        if s.doc_id == doc_id || s.source == sig.source || s.similarity < DUPLICATE_JACCARD {
            continue;
        }
        let reason = format!(
            "{doc_id} shares {:.0}% of its body's word 5-shingles with {} (another source; \
             threshold {:.0}%)",
            s.similarity * 100.0,
            s.doc_id,
            DUPLICATE_JACCARD * 100.0
        );
        store_link(x, doc_id, &s.doc_id, "duplicate", s.similarity, &reason, at)?;
        n += 1;
    }
    Ok(n)
}

/// The near-duplicates of a document, in both directions of the stored
/// links, most similar first.
pub fn duplicates(x: &mut dyn Exec, id: &str) -> Result<Vec<DocumentLink>, StoreError> {
    let d = x.dialect();
    let p = d.placeholder(1);
    let rows = x.query(
        &format!(
            "SELECT l.other_id, l.similarity, l.reason, o.title, o.source FROM document_links l \
             LEFT JOIN documents o ON o.id = l.other_id WHERE l.doc_id = {p} AND l.kind = 'duplicate' \
             UNION ALL \
             SELECT l.doc_id, l.similarity, l.reason, o.title, o.source FROM document_links l \
             LEFT JOIN documents o ON o.id = l.doc_id WHERE l.other_id = {p} AND l.kind = 'duplicate'"
        ),
        &[id.into()],
    )?;
    let mut out: Vec<DocumentLink> = rows
        .into_iter()
        .map(|r| {
            let mut it = r.into_iter();
            DocumentLink {
                id: it.next().and_then(Cell::into_text).unwrap_or_default(),
                kind: "duplicate",
                similarity: it.next().and_then(|c| c.real()).unwrap_or(0.0),
                reason: it.next().and_then(Cell::into_text).unwrap_or_default(),
                title: it.next().and_then(Cell::into_text),
                source: it.next().and_then(Cell::into_text),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then_with(|| a.id.cmp(&b.id))
    });
    out.dedup_by(|a, b| a.id == b.id);
    Ok(out)
}

/// The migration that added version keys and bands: documents stored
/// before it get theirs computed when it is applied.
pub const BACKFILL_MIGRATION: i64 = 6;

/// Gives every document without a version key and without bands its key
/// and bands, a page of ids at a time. Documents stored before migration 6
/// have no recorded body start: their whole text counts as the body, which
/// lowers their similarity to a later version a little (the headline and
/// date line become shingles too). Near-duplicate links between them are
/// not searched (that would be one lookup per old document); new documents
/// find them as candidates. Returns how many documents were updated.
pub fn backfill(x: &mut dyn Exec) -> Result<usize, StoreError> {
    let d = x.dialect();
    let mut after = String::new();
    let mut updated = 0;
    loop {
        let rows = x.query(
            &format!(
                "SELECT id, title, source, text, body_start FROM documents \
                 WHERE id > {} AND version_key IS NULL ORDER BY id LIMIT 500",
                d.placeholder(1)
            ),
            &[after.as_str().into()],
        )?;
        if rows.is_empty() {
            return Ok(updated);
        }
        for r in rows {
            let mut it = r.into_iter();
            let id = it.next().and_then(Cell::into_text).unwrap_or_default();
            let doc = Document {
                id: id.clone(),
                title: it.next().and_then(Cell::into_text),
                source: it.next().and_then(Cell::into_text),
                text: it.next().and_then(Cell::into_text).unwrap_or_default(),
                body_start: it
                    .next()
                    .and_then(|c| c.int())
                    .and_then(|v| usize::try_from(v).ok())
                    .unwrap_or(0),
                ..Document::default()
            };
            let sig = Signature::of(&doc);
            let has_bands = x.query(
                &format!(
                    "SELECT 1 FROM document_bands WHERE band = 0 AND hash = {} AND doc_id = {}",
                    d.placeholder(1),
                    d.placeholder(2)
                ),
                &[
                    Val::Int(sig.bands.first().map_or(0, |h| band_hash(*h))),
                    id.as_str().into(),
                ],
            )?;
            if sig.version_key.is_some() {
                x.exec(
                    &format!(
                        "UPDATE documents SET version_key = {} WHERE id = {}",
                        d.placeholder(1),
                        d.placeholder(2)
                    ),
                    &[sig.version_key.clone().into(), id.as_str().into()],
                )?;
            }
            if has_bands.is_empty() {
                store_bands(x, &id, &[], &sig)?;
            }
            updated += 1;
            after = id;
        }
    }
}

/// Serialises ingesters of one version key across PostgreSQL processes, so
/// that an article and its update arriving at the same time become one
/// document. Nothing to do on SQLite (one writer).
pub fn lock_version_key(x: &mut dyn Exec, key: &str) -> Result<(), StoreError> {
    if x.dialect() == Dialect::Postgres {
        x.exec(
            "SELECT pg_advisory_xact_lock(7352, hashtext($1))",
            &[key.into()],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: Option<&str>, source: Option<&str>, text: &str) -> Document {
        Document {
            id: "d".into(),
            text: text.into(),
            title: title.map(str::to_owned),
            source: source.map(str::to_owned),
            ..Document::default()
        }
    }

    #[test]
    fn keys_and_bands_of_a_document() {
        let long = "word ".repeat(5) + &(0..40).map(|i| format!("w{i} ")).collect::<String>();
        let s = Signature::of(&doc(
            Some("Troops leave (UPDATE 2)"),
            Some(" Trend "),
            &long,
        ));
        assert_eq!(s.version_key.as_deref(), Some("trend\u{1f}troops leave"));
        assert_eq!(s.source, "trend");
        assert_eq!(s.bands.len(), MinHashParams::default().bands);
        assert_eq!(
            s.bands,
            stored_bands(&long, 0),
            "same keys from the stored text"
        );
        // No headline: no key. A short body: no bands (not compared by text).
        let short = Signature::of(&doc(None, None, "Troops left the city on Monday."));
        assert_eq!(short.version_key, None);
        assert!(short.bands.is_empty());
        assert!(stored_bands("Troops left the city on Monday.", 0).is_empty());
    }

    #[test]
    fn band_hashes_keep_all_64_bits() {
        for h in [0u64, 1, u64::MAX, 1 << 63] {
            assert_eq!(u64::from_ne_bytes(band_hash(h).to_ne_bytes()), h);
        }
    }
}
