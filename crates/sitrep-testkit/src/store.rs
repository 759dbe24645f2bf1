//! Storing the synthetic corpus the way the binary does: in batches, one
//! transaction each, every document's outcome checked.

use std::sync::Arc;

use sitrep_store::{IngestItem, Store, StoreError};

use crate::corpus::Item;
use crate::Scratch;

/// The items as one `Store::ingest_batch` argument.
pub fn batch(items: &[Item]) -> Vec<IngestItem<'_>> {
    items
        .iter()
        .map(|it| IngestItem {
            doc: &it.doc,
            events: &it.events,
            places: &it.places,
        })
        .collect()
}

/// Stores `items` in batches of `size` (at least 1); the first error,
/// of a batch or of one document, ends it.
pub fn ingest_in_batches(store: &Store, items: &[Item], size: usize) -> Result<(), StoreError> {
    for chunk in items.chunks(size.max(1)) {
        for outcome in store.ingest_batch(&batch(chunk))? {
            outcome?;
        }
    }
    Ok(())
}

/// Stores `items` one document per transaction, in order, panicking on
/// any error: the seed of a test store.
pub fn seed(store: &Store, items: &[Item]) {
    for it in items {
        if let Err(e) = store.ingest_document(&it.doc, &it.events, &it.places) {
            panic!("seeding the test store with {}: {e}", it.doc.id);
        }
    }
}

/// A SQLite store in `dir` seeded with `items` (see [`seed`]).
pub fn seeded_store(dir: &Scratch, items: &[Item]) -> Arc<Store> {
    let store = Store::open(&dir.db()).expect("open the test store");
    seed(&store, items);
    Arc::new(store)
}
