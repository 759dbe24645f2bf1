//! The store's operations written once over [`Exec`]: ingest of one
//! document (inside a transaction the caller opened), event queries,
//! stats, event and document views.

use sha2::{Digest, Sha256};
use sitrep_coder::record::{EventRecord, PlaceRecord};
use sitrep_coder::{Document, Published};

use crate::db::{Cell, Dialect, Exec, Row, Val};
use crate::filter::{Cursor, EventFilter, EventQuery, MAX_LIMIT};
use crate::model::*;
use crate::sql::{order_by, Builder};
use crate::{links, StoreError};

/// Characters of context on each side of a sentence in event excerpts.
const EXCERPT_CONTEXT: usize = 300;

/// The stored form of a document's publication time (`Published::stored`).
fn published_string(doc: &Document) -> Option<String> {
    doc.published.as_ref().map(Published::stored)
}

/// The stored sort key of a document's publication time (`Published::sort_key`).
fn published_key(doc: &Document) -> Option<String> {
    doc.published.as_ref().map(|p| p.sort_key().to_string())
}

/// Reads a stored publication time (written by [`Published::stored`]).
fn parse_stored(s: &str) -> Option<Published> {
    Published::parse(s).ok()
}

/// When the stored document `id` was published, if it says.
fn stored_published(x: &mut dyn Exec, id: &str) -> Result<Option<Published>, StoreError> {
    let p = x.dialect().placeholder(1);
    let rows = x.query(
        &format!("SELECT published FROM documents WHERE id = {p}"),
        &[id.into()],
    )?;
    Ok(rows
        .into_iter()
        .next()
        .and_then(|r| r.into_iter().next())
        .and_then(Cell::into_text)
        .and_then(|t| parse_stored(&t)))
}

/// SHA-256 (hex) over the stored fields of a document: title, source, url,
/// publication time and text. Any change to one of them is a new version.
pub fn content_hash(doc: &Document) -> String {
    let mut h = Sha256::new();
    for part in [
        doc.title.as_deref(),
        doc.source.as_deref(),
        doc.url.as_deref(),
        published_string(doc).as_deref(),
        Some(doc.text.as_str()),
    ] {
        match part {
            Some(s) => {
                h.update([1u8]);
                h.update((s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            None => h.update([0u8]),
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn ph(d: Dialect, from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| d.placeholder(i))
        .collect::<Vec<_>>()
        .join(", ")
}

fn to_i64(v: usize) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn cell_usize(c: &Cell) -> usize {
    c.int().and_then(|v| usize::try_from(v).ok()).unwrap_or(0)
}

/// Deletes the current events, actors and places of a document.
fn delete_doc_rows(x: &mut dyn Exec, doc_id: &str) -> Result<(), StoreError> {
    let d = x.dialect();
    let p = d.placeholder(1);
    let id = [Val::from(doc_id)];
    if d == Dialect::Sqlite {
        x.exec(
            &format!(
                "DELETE FROM events_fts WHERE rowid IN (SELECT id FROM events WHERE doc_id = {p})"
            ),
            &id,
        )?;
    }
    x.exec(&format!("DELETE FROM actors WHERE doc_id = {p}"), &id)?;
    x.exec(
        &format!("DELETE FROM event_countries WHERE doc_id = {p}"),
        &id,
    )?;
    x.exec(&format!("DELETE FROM events WHERE doc_id = {p}"), &id)?;
    x.exec(&format!("DELETE FROM places WHERE doc_id = {p}"), &id)?;
    Ok(())
}

/// Inserts `rows` (each `ncols` values) with multi-row `INSERT`s of at most
/// 200 rows: `{head} VALUES (…), (…) {tail}`. Returns the rows the
/// statements return (for `RETURNING`).
fn insert_rows(
    x: &mut dyn Exec,
    head: &str,
    ncols: usize,
    rows: Vec<Vec<Val>>,
    tail: &str,
) -> Result<Vec<Row>, StoreError> {
    let d = x.dialect();
    let mut out = Vec::new();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Val>> = rows.by_ref().take(200).collect();
        let tuples: Vec<String> = (0..chunk.len())
            .map(|r| format!("({})", ph(d, 1 + r * ncols, ncols)))
            .collect();
        let params: Vec<Val> = chunk.into_iter().flatten().collect();
        let sql = format!("{head} VALUES {} {tail}", tuples.join(", "));
        out.extend(x.query(&sql, &params)?);
    }
    Ok(out)
}

fn event_row(ev: &EventRecord, doc_id: &str, version: i64) -> Result<Vec<Val>, StoreError> {
    let record = serde_json::to_string(ev)?;
    let loc = ev.location.as_ref();
    let country = loc
        .map(|l| l.code.clone())
        .or_else(|| ev.source.as_ref().map(|a| a.code.clone()))
        .or_else(|| ev.target.as_ref().map(|a| a.code.clone()))
        .unwrap_or_default();
    Ok(vec![
        ev.event_id.as_str().into(),
        doc_id.into(),
        version.into(),
        ev.category.as_str().into(),
        ev.mode.clone().into(),
        ev.cameo.as_str().into(),
        f64::from(ev.intensity).into(),
        ev.rule.as_str().into(),
        ev.source.as_ref().map(|a| a.code.as_str()).into(),
        ev.source.as_ref().map(|a| a.text.as_str()).into(),
        ev.target.as_ref().map(|a| a.code.as_str()).into(),
        ev.target.as_ref().map(|a| a.text.as_str()).into(),
        ev.date.clone().into(),
        ev.date_end.clone().into(),
        ev.date.clone().unwrap_or_default().into(),
        ev.date_precision.as_str().into(),
        loc.map(|l| l.code.as_str()).into(),
        loc.and_then(|l| l.place.clone()).into(),
        loc.and_then(|l| l.lat).into(),
        loc.and_then(|l| l.lon).into(),
        country.into(),
        ev.sentence.as_str().into(),
        to_i64(ev.span[0]).into(),
        to_i64(ev.span[1]).into(),
        record.into(),
    ])
}

/// Inserts the events of one document version with their full-text rows
/// (SQLite), country keys and actors, a few statements per document.
fn insert_events(
    x: &mut dyn Exec,
    doc_id: &str,
    events: &[EventRecord],
    version: i64,
) -> Result<(), StoreError> {
    if events.is_empty() {
        return Ok(());
    }
    let d = x.dialect();
    let rows = events
        .iter()
        .map(|ev| event_row(ev, doc_id, version))
        .collect::<Result<Vec<_>, _>>()?;
    let returned = insert_rows(
        x,
        "INSERT INTO events (event_id, doc_id, doc_version, category, mode, cameo, intensity, rule, \
         source_code, source_text, target_code, target_text, date, date_end, date_key, \
         date_precision, location_code, place, lat, lon, country, sentence, span_start, span_end, \
         record)",
        25,
        rows,
        "ON CONFLICT (event_id) DO NOTHING RETURNING id, event_id",
    )?;
    // Events whose id was stored already (by another document) are skipped.
    let ids: std::collections::HashMap<String, i64> = returned
        .into_iter()
        .filter_map(|r| {
            let mut it = r.into_iter();
            let id = it.next()?.int()?;
            Some((it.next()?.into_text()?, id))
        })
        .collect();
    let mut fts = Vec::new();
    let mut countries = Vec::new();
    let mut actors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for ev in events {
        let Some(&id) = ids.get(&ev.event_id) else {
            continue;
        };
        if !seen.insert(ev.event_id.as_str()) {
            continue; // the same event id twice in one document
        }
        if d == Dialect::Sqlite {
            fts.push(vec![id.into(), ev.sentence.as_str().into()]);
        }
        let mut codes: Vec<&str> = [
            ev.source.as_ref().map(|a| a.code.as_str()),
            ev.target.as_ref().map(|a| a.code.as_str()),
            ev.location.as_ref().map(|l| l.code.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        codes.sort_unstable();
        codes.dedup();
        let date_key = ev.date.clone().unwrap_or_default();
        for code in codes {
            countries.push(vec![
                code.into(),
                date_key.as_str().into(),
                ev.event_id.as_str().into(),
                id.into(),
                doc_id.into(),
            ]);
        }
        for (role, a) in [("source", &ev.source), ("target", &ev.target)] {
            if let Some(a) = a {
                actors.push(vec![
                    id.into(),
                    ev.event_id.as_str().into(),
                    doc_id.into(),
                    role.into(),
                    a.code.as_str().into(),
                    a.sector.map(|s| s.as_str()).into(),
                    a.text.as_str().into(),
                    to_i64(a.span[0]).into(),
                    to_i64(a.span[1]).into(),
                ]);
            }
        }
    }
    insert_rows(x, "INSERT INTO events_fts (rowid, sentence)", 2, fts, "")?;
    insert_rows(
        x,
        "INSERT INTO event_countries (code, date_key, event_id, id, doc_id)",
        5,
        countries,
        "ON CONFLICT (code, date_key, event_id) DO NOTHING",
    )?;
    insert_rows(
        x,
        "INSERT INTO actors (event_row, event_id, doc_id, role, code, sector, text, span_start, span_end)",
        9,
        actors,
        "ON CONFLICT (event_row, role) DO NOTHING",
    )?;
    Ok(())
}

fn insert_places(x: &mut dyn Exec, doc_id: &str, places: &[PlaceRecord]) -> Result<(), StoreError> {
    let rows = places
        .iter()
        .map(|p| {
            vec![
                doc_id.into(),
                to_i64(p.start).into(),
                to_i64(p.end).into(),
                p.text.as_str().into(),
                p.lat.into(),
                p.lon.into(),
                i64::from(p.geonameid).into(),
                // The table keeps "" for "no country" (continents, large regions).
                p.country.as_deref().unwrap_or("").into(),
                p.feature.as_str().into(),
            ]
        })
        .collect();
    insert_rows(
        x,
        "INSERT INTO places (doc_id, start, \"end\", text, lat, lon, geonameid, country, feature)",
        9,
        rows,
        "ON CONFLICT (doc_id, start, \"end\") DO NOTHING",
    )?;
    Ok(())
}

/// The stored document an incoming one is a version of, and why.
struct Target {
    id: String,
    /// `None` when it is the document's own id.
    why: Option<String>,
    similarity: f64,
}

/// Finds the stored article `doc` is a version of: the same id, an id it
/// arrived with before, the same version key, or (same source) a body with
/// Jaccard ≥ `VERSION_JACCARD`. Also returns the similar bodies it found
/// (reused for the duplicate links).
fn find_target(
    x: &mut dyn Exec,
    doc: &Document,
    sig: &links::Signature,
) -> Result<(Option<Target>, Option<Vec<links::Similar>>), StoreError> {
    let d = x.dialect();
    let p1 = d.placeholder(1);
    let own = x.query(
        &format!("SELECT id FROM documents WHERE id = {p1}"),
        &[doc.id.as_str().into()],
    )?;
    if !own.is_empty() {
        let t = Target {
            id: doc.id.clone(),
            why: None,
            similarity: 1.0,
        };
        return Ok((Some(t), None));
    }
    let alias = x.query(
        &format!(
            "SELECT doc_id FROM document_versions WHERE arrived_as = {p1} ORDER BY version LIMIT 1"
        ),
        &[doc.id.as_str().into()],
    )?;
    if let Some(id) = alias
        .into_iter()
        .next()
        .and_then(|r| r.into_iter().next())
        .and_then(Cell::into_text)
    {
        let why = format!("{} arrived before as a version of {id}", doc.id);
        let t = Target {
            id,
            why: Some(why),
            similarity: 1.0,
        };
        return Ok((Some(t), None));
    }
    if let Some(key) = &sig.version_key {
        // A recurring headline ("Daily briefing") names a new article each
        // day: only a stored document published within the version window
        // is this one's earlier version.
        let rows = x.query(
            &format!(
                "SELECT id, published FROM documents WHERE version_key = {p1} ORDER BY id LIMIT 64"
            ),
            &[key.as_str().into()],
        )?;
        let found = rows.into_iter().find_map(|r| {
            let mut it = r.into_iter();
            let id = it.next().and_then(Cell::into_text)?;
            let published = it
                .next()
                .and_then(Cell::into_text)
                .and_then(|t| parse_stored(&t));
            sitrep_stories::within_version_window(published.as_ref(), doc.published.as_ref())
                .then_some(id)
        });
        if let Some(id) = found {
            let headline = key.split('\u{1f}').nth(1).unwrap_or("");
            let why = format!(
                "{} has the source and headline of {id} once update markers are removed \
                 (\"{headline}\")",
                doc.id
            );
            let t = Target {
                id,
                why: Some(why),
                similarity: 1.0,
            };
            return Ok((Some(t), None));
        }
    }
    let similar = links::similar_documents(
        x,
        sig,
        None,
        sitrep_stories::VERSION_JACCARD.min(links::DUPLICATE_JACCARD),
    )?;
    let mut version_of = None;
    for s in &similar {
        if s.source == sig.source
            && s.similarity >= sitrep_stories::VERSION_JACCARD
            && sitrep_stories::within_version_window(
                stored_published(x, &s.doc_id)?.as_ref(),
                doc.published.as_ref(),
            )
        {
            version_of = Some(s);
            break;
        }
    }
    let target = version_of.map(|s| Target {
        id: s.doc_id.clone(),
        why: Some(format!(
            "{} shares {:.0}% of its body's word 5-shingles with {}, same source \
                 (threshold {:.0}%)",
            doc.id,
            s.similarity * 100.0,
            s.doc_id,
            sitrep_stories::VERSION_JACCARD * 100.0
        )),
        similarity: s.similarity,
    });
    Ok((target, Some(similar)))
}

/// Stores one document with its events and places. The caller wraps this in
/// one transaction; on PostgreSQL the `ON CONFLICT DO NOTHING` insert, the
/// `FOR UPDATE` read and an advisory lock on the version key serialise
/// concurrent ingesters of one article.
///
/// A document that is a version of a stored article (see [`crate::links`])
/// is stored under that article's id: as its new current version when it
/// is not older than the current one, else in the history only.
pub fn ingest(
    x: &mut dyn Exec,
    doc: &Document,
    events: &[EventRecord],
    places: &[PlaceRecord],
) -> Result<IngestReport, StoreError> {
    let d = x.dialect();
    let hash = content_hash(doc);
    let published = published_string(doc);
    let key = published_key(doc);
    let at = now();
    let sig = links::Signature::of(doc);
    if let Some(key) = &sig.version_key {
        links::lock_version_key(x, key)?;
    }
    let (mut target, mut similar) = find_target(x, doc, &sig)?;
    let meta = |id: &str| -> Vec<Val> {
        vec![
            id.into(),
            doc.title.clone().into(),
            doc.source.clone().into(),
            doc.url.clone().into(),
            published.clone().into(),
            doc.text.as_str().into(),
            hash.as_str().into(),
            at.as_str().into(),
            sig.version_key.clone().into(),
            to_i64(doc.body_start).into(),
            i64::from(doc.is_update).into(),
            key.clone().into(),
        ]
    };
    if target.is_none() {
        let inserted = x.query(
            &format!(
                "INSERT INTO documents (id, title, source, url, published, text, content_hash, \
                 ingested_at, version_key, body_start, is_update, published_key, version) \
                 VALUES ({}, 1) ON CONFLICT (id) DO NOTHING RETURNING id",
                ph(d, 1, 12)
            ),
            &meta(&doc.id),
        )?;
        if inserted.is_empty() {
            // Another ingester stored this id since the lookup.
            target = Some(Target {
                id: doc.id.clone(),
                why: None,
                similarity: 1.0,
            });
        }
    }
    let mut old_bands = Vec::new();
    let (outcome, doc_id, version, why) = match &target {
        None => (IngestOutcome::Added, doc.id.clone(), 1, None),
        Some(t) => {
            let lock = if d == Dialect::Postgres {
                " FOR UPDATE"
            } else {
                ""
            };
            let rows = x.query(
                &format!(
                    "SELECT published_key, is_update, text, body_start FROM documents WHERE id = {}{lock}",
                    d.placeholder(1)
                ),
                &[t.id.as_str().into()],
            )?;
            let row = rows
                .first()
                .ok_or_else(|| StoreError::Corrupt(format!("document {} vanished", t.id)))?;
            let cur_key = row.first().and_then(Cell::text);
            let cur_update = row.get(1).and_then(Cell::int).unwrap_or(0) != 0;
            let cur_text = row.get(2).and_then(Cell::text).unwrap_or("");
            let cur_body = row
                .get(3)
                .and_then(Cell::int)
                .and_then(|v| usize::try_from(v).ok())
                .unwrap_or(0);
            let known = x.query(
                &format!(
                    "SELECT COUNT(*), (SELECT MAX(version) FROM document_versions WHERE doc_id = {p1}) \
                     FROM document_versions WHERE doc_id = {p1} AND content_hash = {p2}",
                    p1 = d.placeholder(1),
                    p2 = d.placeholder(2)
                ),
                &[t.id.as_str().into(), hash.as_str().into()],
            )?;
            let known_row = known.first();
            if known_row
                .and_then(|r| r.first())
                .and_then(Cell::int)
                .unwrap_or(0)
                > 0
            {
                return Ok(IngestReport {
                    outcome: IngestOutcome::Unchanged,
                    doc_id: t.id.clone(),
                    why: t.why.clone(),
                    duplicates: 0,
                });
            }
            let version = known_row
                .and_then(|r| r.get(1))
                .and_then(Cell::int)
                .unwrap_or(0)
                + 1;
            // Without both publication times the order cannot be told and
            // the later arrival wins, as for any changed document.
            // Keys are compared as text: their form sorts in time order.
            let older = key.is_some()
                && cur_key.is_some()
                && sitrep_stories::version_order(key.as_deref(), doc.is_update)
                    < sitrep_stories::version_order(cur_key, cur_update);
            if older {
                (
                    IngestOutcome::OlderVersion,
                    t.id.clone(),
                    version,
                    t.why.clone(),
                )
            } else {
                old_bands = links::stored_bands(cur_text, cur_body);
                let mut params = meta(&t.id);
                params.push(version.into());
                x.exec(
                    &format!(
                        "UPDATE documents SET title = {}, source = {}, url = {}, published = {}, \
                         text = {}, content_hash = {}, ingested_at = {}, version_key = {}, \
                         body_start = {}, is_update = {}, published_key = {}, version = {} \
                         WHERE id = {}",
                        d.placeholder(2),
                        d.placeholder(3),
                        d.placeholder(4),
                        d.placeholder(5),
                        d.placeholder(6),
                        d.placeholder(7),
                        d.placeholder(8),
                        d.placeholder(9),
                        d.placeholder(10),
                        d.placeholder(11),
                        d.placeholder(12),
                        d.placeholder(13),
                        d.placeholder(1),
                    ),
                    &params,
                )?;
                delete_doc_rows(x, &t.id)?;
                (
                    IngestOutcome::NewVersion,
                    t.id.clone(),
                    version,
                    t.why.clone(),
                )
            }
        }
    };
    let mut vparams = meta(&doc_id);
    vparams.truncate(8);
    vparams.push(version.into());
    vparams.push(to_i64(events.len()).into());
    vparams.push(doc.id.as_str().into());
    vparams.push(why.clone().into());
    x.exec(
        &format!(
            "INSERT INTO document_versions (doc_id, title, source, url, published, text, content_hash, \
             ingested_at, version, event_count, arrived_as, why) VALUES ({}) \
             ON CONFLICT (doc_id, version) DO NOTHING",
            ph(d, 1, 12)
        ),
        &vparams,
    )?;
    if let (Some(t), Some(reason)) = (&target, &why) {
        links::store_link(x, &t.id, &doc.id, "version", t.similarity, reason, &at)?;
    }
    if outcome == IngestOutcome::OlderVersion {
        return Ok(IngestReport {
            outcome,
            doc_id,
            why,
            duplicates: 0,
        });
    }
    if events.iter().all(|e| e.doc_id == doc_id) {
        insert_events(x, &doc_id, events, version)?;
    } else {
        let fixed: Vec<EventRecord> = events
            .iter()
            .map(|e| {
                let mut e = e.clone();
                e.doc_id.clone_from(&doc_id);
                e
            })
            .collect();
        insert_events(x, &doc_id, &fixed, version)?;
    }
    insert_places(x, &doc_id, places)?;
    let similar = match similar.take() {
        Some(s) => s,
        None => links::similar_documents(x, &sig, Some(&doc_id), links::DUPLICATE_JACCARD)?,
    };
    if outcome == IngestOutcome::NewVersion {
        // The links were found for the previous body; the new one is
        // compared afresh (Jaccard is symmetric, so links from either side
        // are rebuilt by `link_duplicates`).
        let p = d.placeholder(1);
        x.exec(
            &format!(
                "DELETE FROM document_links WHERE kind = 'duplicate' AND (doc_id = {p} OR other_id = {p})"
            ),
            &[doc_id.as_str().into()],
        )?;
    }
    let duplicates = links::link_duplicates(x, &doc_id, &sig, &similar, &at)?;
    links::store_bands(x, &doc_id, &old_bands, &sig)?;
    Ok(IngestReport {
        outcome,
        doc_id,
        why,
        duplicates,
    })
}

fn parse_events(rows: &[Row]) -> Result<Vec<EventRecord>, StoreError> {
    rows.iter()
        .map(|r| {
            let json = r.first().and_then(Cell::text).unwrap_or("");
            Ok(serde_json::from_str(json)?)
        })
        .collect()
}

/// Number of events matching `f`.
pub fn count(x: &mut dyn Exec, f: &EventFilter) -> Result<u64, StoreError> {
    let mut b = Builder::new(x.dialect());
    b.filter(f);
    let rows = x.query(
        &format!("SELECT COUNT(*) FROM {}{}", b.from(false), b.where_clause()),
        &b.params,
    )?;
    Ok(rows
        .first()
        .and_then(|r| r.first())
        .and_then(Cell::int)
        .unwrap_or(0)
        .max(0) as u64)
}

/// One page of events and the total.
pub fn events(x: &mut dyn Exec, q: &EventQuery) -> Result<EventPage, StoreError> {
    events_page(x, q, true)
}

/// One page of events; the total (a `COUNT(*)` over every match, the
/// dominant cost when paging through a large store) only with `with_total`,
/// else 0.
pub fn events_page(
    x: &mut dyn Exec,
    q: &EventQuery,
    with_total: bool,
) -> Result<EventPage, StoreError> {
    let limit = q.page.limit.clamp(1, MAX_LIMIT);
    let sort = q.page.sort;
    let mut b = Builder::new(x.dialect());
    b.filter(&q.filter);
    if let Some(c) = &q.page.cursor {
        b.after(c);
    }
    let lim = b.bind(to_i64(limit + 1));
    let off = b.bind(to_i64(q.page.offset));
    // Ids first (from indexes where possible), then the 51 records: rows
    // are large and only the page's rows should be read.
    let k = b.key_alias();
    let inner_from = if sort.is_date() {
        b.from(false)
    } else {
        b.from(true)
    };
    let sql = format!(
        "SELECT e.record, e.date_key, e.intensity, e.event_id FROM events e WHERE e.id IN \
         (SELECT {k}.id FROM {inner_from}{}{} LIMIT {lim} OFFSET {off}){}",
        b.where_clause(),
        order_by(sort, k),
        order_by(sort, "e"),
    );
    let mut rows = x.query(&sql, &b.params)?;
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|r| {
            let key = if sort.is_date() {
                r.get(1).and_then(Cell::text).unwrap_or("").to_owned()
            } else {
                r.get(2).and_then(Cell::real).unwrap_or(0.0).to_string()
            };
            Cursor {
                sort,
                key,
                event_id: r.get(3).and_then(Cell::text).unwrap_or("").to_owned(),
            }
            .encode()
        })
    } else {
        None
    };
    let total = if with_total { count(x, &q.filter)? } else { 0 };
    Ok(EventPage {
        events: parse_events(&rows)?,
        total,
        next,
    })
}

/// Counts by day × category × country for the events matching `f`.
pub fn stats(x: &mut dyn Exec, f: &EventFilter) -> Result<Vec<StatRow>, StoreError> {
    let mut b = Builder::new(x.dialect());
    b.filter(f);
    let rows = x.query(
        &format!(
            "SELECT e.date_key, e.category, e.country, COUNT(*) FROM {}{} \
             GROUP BY e.date_key, e.category, e.country ORDER BY e.date_key, e.category, e.country",
            b.from(true),
            b.where_clause()
        ),
        &b.params,
    )?;
    rows.into_iter()
        .map(|r| {
            let mut it = r.into_iter();
            let day = it.next().and_then(Cell::into_text).unwrap_or_default();
            // Stored from an `EventRecord`, so always a PLOVER type.
            let category = it.next().and_then(Cell::into_text).unwrap_or_default();
            let category = category
                .parse()
                .map_err(|e| StoreError::Corrupt(format!("stored category: {e}")))?;
            Ok(StatRow {
                day,
                category,
                country: it.next().and_then(Cell::into_text).unwrap_or_default(),
                count: it.next().and_then(|c| c.int()).unwrap_or(0).max(0) as u64,
            })
        })
        .collect()
}

fn summary(x: &mut dyn Exec, id: &str) -> Result<Option<(DocumentSummary, Row)>, StoreError> {
    let d = x.dialect();
    let rows = x.query(
        &format!(
            "SELECT id, title, source, url, published, version, text, content_hash, ingested_at \
             FROM documents WHERE id = {}",
            d.placeholder(1)
        ),
        &[id.into()],
    )?;
    let Some(mut r) = rows.into_iter().next() else {
        return Ok(None);
    };
    let rest = r.split_off(6.min(r.len()));
    let mut it = r.into_iter();
    let s = DocumentSummary {
        id: it.next().and_then(Cell::into_text).unwrap_or_default(),
        title: it.next().and_then(Cell::into_text),
        source: it.next().and_then(Cell::into_text),
        url: it.next().and_then(Cell::into_text),
        published: it.next().and_then(Cell::into_text),
        version: it.next().and_then(|c| c.int()).unwrap_or(0),
    };
    Ok(Some((s, rest)))
}

fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// One event with its document excerpt and highlight spans.
pub fn event(x: &mut dyn Exec, event_id: &str) -> Result<Option<EventDetail>, StoreError> {
    let d = x.dialect();
    let rows = x.query(
        &format!(
            "SELECT record FROM events WHERE event_id = {}",
            d.placeholder(1)
        ),
        &[event_id.into()],
    )?;
    let Some(event) = parse_events(&rows)?.into_iter().next() else {
        return Ok(None);
    };
    let Some((document, rest)) = summary(x, &event.doc_id)? else {
        return Err(StoreError::Corrupt(format!(
            "event {event_id} has no document {}",
            event.doc_id
        )));
    };
    let text = rest.first().and_then(Cell::text).unwrap_or("");
    let n = text.chars().count();
    let start = event.span[0].saturating_sub(EXCERPT_CONTEXT).min(n);
    let end = (event.span[1] + EXCERPT_CONTEXT).min(n).max(start);
    let mut highlights = vec![Highlight {
        kind: "sentence",
        start: event.span[0],
        end: event.span[1],
    }];
    let mut add = |kind: &'static str, span: Option<[usize; 2]>| {
        if let Some([s, e]) = span {
            highlights.push(Highlight {
                kind,
                start: s,
                end: e,
            });
        }
    };
    add("source", event.source.as_ref().map(|a| a.span));
    add("target", event.target.as_ref().map(|a| a.span));
    add("trigger", Some(event.trigger.span));
    add("date", event.date_text.as_ref().map(|t| t.span));
    add("location", event.location.as_ref().and_then(|l| l.span));
    Ok(Some(EventDetail {
        excerpt: char_slice(text, start, end),
        excerpt_start: start,
        highlights,
        document,
        event,
    }))
}

/// A document with its versions, current events and places.
/// An id that arrived as a version of another document leads to that
/// document.
pub fn document(x: &mut dyn Exec, id: &str) -> Result<Option<DocumentView>, StoreError> {
    let d = x.dialect();
    let (summary, rest) = match summary(x, id)? {
        Some(found) => found,
        None => {
            let alias = x.query(
                &format!(
                    "SELECT doc_id FROM document_versions WHERE arrived_as = {} ORDER BY version LIMIT 1",
                    d.placeholder(1)
                ),
                &[id.into()],
            )?;
            let Some(target) = alias
                .into_iter()
                .next()
                .and_then(|r| r.into_iter().next())
                .and_then(Cell::into_text)
            else {
                return Ok(None);
            };
            match summary(x, &target)? {
                Some(found) => found,
                None => return Ok(None),
            }
        }
    };
    let id = summary.id.clone();
    let id = id.as_str();
    let mut rest = rest.into_iter();
    let text = rest.next().and_then(Cell::into_text).unwrap_or_default();
    let content_hash = rest.next().and_then(Cell::into_text).unwrap_or_default();
    let ingested_at = rest.next().and_then(Cell::into_text).unwrap_or_default();
    let p = d.placeholder(1);
    let versions = x
        .query(
            &format!(
                "SELECT version, title, published, content_hash, ingested_at, event_count, text, \
                 arrived_as, why FROM document_versions WHERE doc_id = {p} ORDER BY version"
            ),
            &[id.into()],
        )?
        .into_iter()
        .map(|r| {
            let mut it = r.into_iter();
            VersionInfo {
                version: it.next().and_then(|c| c.int()).unwrap_or(0),
                title: it.next().and_then(Cell::into_text),
                published: it.next().and_then(Cell::into_text),
                content_hash: it.next().and_then(Cell::into_text).unwrap_or_default(),
                ingested_at: it.next().and_then(Cell::into_text).unwrap_or_default(),
                event_count: it.next().and_then(|c| c.int()).unwrap_or(0),
                text_chars: to_i64(
                    it.next()
                        .and_then(Cell::into_text)
                        .map_or(0, |t| t.chars().count()),
                ),
                arrived_as: it
                    .next()
                    .and_then(Cell::into_text)
                    .unwrap_or_else(|| id.to_owned()),
                current: false,
                why: it.next().and_then(Cell::into_text),
            }
        })
        .map(|mut v: VersionInfo| {
            v.current = v.version == summary.version;
            v
        })
        .collect();
    let duplicates = links::duplicates(x, id)?;
    let rows = x.query(
        &format!("SELECT record FROM events WHERE doc_id = {p} ORDER BY span_start, event_id"),
        &[id.into()],
    )?;
    let events = parse_events(&rows)?;
    let places = x
        .query(
            &format!(
                "SELECT start, \"end\", text, lat, lon, geonameid, country, feature FROM places \
                 WHERE doc_id = {p} ORDER BY start"
            ),
            &[id.into()],
        )?
        .into_iter()
        .map(|r| PlaceRecord {
            doc_id: id.to_owned(),
            start: r.first().map_or(0, cell_usize),
            end: r.get(1).map_or(0, cell_usize),
            text: r.get(2).and_then(Cell::text).unwrap_or("").to_owned(),
            lat: r.get(3).and_then(Cell::real).unwrap_or(0.0),
            lon: r.get(4).and_then(Cell::real).unwrap_or(0.0),
            geonameid: r
                .get(5)
                .and_then(Cell::int)
                .and_then(|v| u32::try_from(v).ok())
                .unwrap_or(0),
            country: r
                .get(6)
                .and_then(Cell::text)
                .filter(|c| !c.is_empty())
                .map(str::to_owned),
            admin1: None,
            admin1_name: None,
            feature: r.get(7).and_then(Cell::text).unwrap_or("").to_owned(),
        })
        .collect();
    Ok(Some(DocumentView {
        summary,
        text,
        content_hash,
        ingested_at,
        versions,
        duplicates,
        events,
        places,
    }))
}

/// The store's generation: changes whenever a document or a version is
/// stored (each adds a `document_versions` row; events change only then),
/// and with the newest event row. Two index lookups and a count over the
/// versions' primary key, far cheaper than counting events.
pub fn generation(x: &mut dyn Exec) -> Result<Generation, StoreError> {
    let rows = x.query(
        "SELECT (SELECT COUNT(*) FROM document_versions), (SELECT MAX(id) FROM events)",
        &[],
    )?;
    let r = rows.into_iter().next().unwrap_or_default();
    Ok(Generation {
        versions: r.first().and_then(Cell::int).unwrap_or(0).max(0) as u64,
        last_event_row: r.get(1).and_then(Cell::int).unwrap_or(0),
    })
}

/// Row counts of all tables.
pub fn counts(x: &mut dyn Exec) -> Result<Counts, StoreError> {
    let rows = x.query(
        "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM document_versions), \
         (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM actors), (SELECT COUNT(*) FROM places)",
        &[],
    )?;
    let r = rows.into_iter().next().unwrap_or_default();
    let n = |i: usize| r.get(i).and_then(Cell::int).unwrap_or(0).max(0) as u64;
    Ok(Counts {
        documents: n(0),
        versions: n(1),
        events: n(2),
        actors: n(3),
        places: n(4),
    })
}

/// Ids looked up per query by [`publication_days_of`].
const PUBLICATION_IDS: usize = 500;

/// The publication day of the stored documents `ids` that give one (see
/// [`publication_days`]), a chunk of ids per query.
pub fn publication_days_of(
    x: &mut dyn Exec,
    ids: &[&str],
) -> Result<std::collections::HashMap<String, chrono::NaiveDate>, StoreError> {
    let mut out = std::collections::HashMap::new();
    for chunk in ids.chunks(PUBLICATION_IDS) {
        let d = x.dialect();
        let phs: Vec<String> = (1..=chunk.len()).map(|n| d.placeholder(n)).collect();
        let params: Vec<Val> = chunk.iter().map(|&id| id.into()).collect();
        let rows = x.query(
            &format!(
                "SELECT id, published FROM documents WHERE id IN ({})",
                phs.join(", ")
            ),
            &params,
        )?;
        for r in rows {
            let mut it = r.into_iter();
            let id = it.next().and_then(Cell::into_text);
            let day = it
                .next()
                .and_then(Cell::into_text)
                .and_then(|t| parse_stored(&t))
                .map(|p| p.date);
            if let (Some(id), Some(day)) = (id, day) {
                out.insert(id, day);
            }
        }
    }
    Ok(out)
}

/// Documents read per query by [`publication_days`].
const PUBLICATION_PAGE: i64 = 10_000;

/// The publication day of every stored document that gives one (its current
/// version's date, local to the article), by document id; a page of ids at
/// a time so no query returns the whole table at once.
pub fn publication_days(
    x: &mut dyn Exec,
) -> Result<std::collections::HashMap<String, chrono::NaiveDate>, StoreError> {
    let mut out = std::collections::HashMap::new();
    let mut after = String::new();
    loop {
        let p = x.dialect().placeholder(1);
        let rows = x.query(
            &format!(
                "SELECT id, published FROM documents WHERE id > {p} \
                 ORDER BY id LIMIT {PUBLICATION_PAGE}"
            ),
            &[after.as_str().into()],
        )?;
        let n = rows.len();
        for r in rows {
            let mut it = r.into_iter();
            let Some(id) = it.next().and_then(Cell::into_text) else {
                continue;
            };
            let day = it
                .next()
                .and_then(Cell::into_text)
                .and_then(|t| parse_stored(&t))
                .map(|p| p.date);
            if let Some(d) = day {
                out.insert(id.clone(), d);
            }
            after = id;
        }
        if n < PUBLICATION_PAGE as usize {
            return Ok(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_strings_read_back() {
        for text in [
            "2024-03-05",
            "2024-03-05T07:30:00",
            "2024-03-05T07:30:00+05:30",
            "2024-03-05T23:00:00-03:00",
        ] {
            let p = parse_stored(text);
            let doc = Document {
                published: p,
                ..Document::default()
            };
            assert_eq!(published_string(&doc).as_deref(), Some(text), "{text}");
        }
        assert_eq!(parse_stored("not a date"), None);
        assert_eq!(parse_stored("2024-02-30"), None);
    }
}
