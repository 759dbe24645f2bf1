//! Coding a batch of documents on several threads: documents are
//! independent, so each thread takes the next uncoded one and the results
//! come back in input order (output does not depend on the thread count).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use sitrep_coder::{code_document, CodedDocument, Document, Lexicon};

/// Documents read before a batch is coded by `emit`: enough to keep every
/// thread busy, few enough that output starts early.
pub const CODING_BATCH: usize = 256;

/// The thread count of this run (`--jobs`), set once.
static JOBS: OnceLock<usize> = OnceLock::new();

/// Sets the number of coding threads; `None` is one per core.
pub fn set_jobs(jobs: Option<usize>) {
    let n = jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let _ = JOBS.set(n.max(1));
}

fn jobs() -> usize {
    JOBS.get().copied().unwrap_or(1)
}

/// Codes `docs` on up to `--jobs` threads; one result per document, in
/// the order given.
pub fn code_all(lex: &Lexicon, docs: &[&Document]) -> Vec<CodedDocument> {
    code_on_threads(lex, docs, jobs())
}

fn code_on_threads(lex: &Lexicon, docs: &[&Document], threads: usize) -> Vec<CodedDocument> {
    let threads = threads.min(docs.len());
    if threads <= 1 {
        return docs.iter().map(|d| code_document(lex, d)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut coded: Vec<(usize, CodedDocument)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(doc) = docs.get(i) else { break };
                        mine.push((i, code_document(lex, doc)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| match w.join() {
                Ok(mine) => mine,
                // The coder does not panic on any input we know of; if it
                // does, fail as the single-threaded run would.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    coded.sort_unstable_by_key(|(i, _)| *i);
    coded.into_iter().map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two, three or eight threads give exactly what one thread gives,
    /// in the same order.
    #[test]
    fn threads_do_not_change_results_or_order() {
        let lex = Lexicon::embedded().expect("built-in lexicon");
        let texts = [
            "Russia accused Ukraine of shelling Kharkiv on Monday.",
            "Police in Lagos arrested 40 protesters.",
            "",
            "The foreign minister said the army would protect the border.",
            "Kenya and Uganda signed a trade agreement in Nairobi.",
        ];
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::from_article(&format!("d{i}"), t.to_string()))
            .collect();
        let refs: Vec<&Document> = docs.iter().collect();
        let json = |coded: Vec<CodedDocument>| -> Vec<String> {
            coded
                .iter()
                .map(|c| {
                    let events = serde_json::to_string(&c.events).expect("events");
                    let places = serde_json::to_string(&c.places).expect("places");
                    format!("{events}\n{places}")
                })
                .collect()
        };
        let one = json(code_on_threads(&lex, &refs, 1));
        assert_eq!(one.len(), docs.len());
        assert!(one.iter().any(|c| c.contains("\"category\"")), "{one:?}");
        for threads in [2, 3, 8] {
            assert_eq!(
                json(code_on_threads(&lex, &refs, threads)),
                one,
                "{threads} threads"
            );
        }
    }
}
