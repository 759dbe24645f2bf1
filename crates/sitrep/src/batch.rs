//! Coding documents on several threads: documents are independent, so
//! each thread takes the next uncoded one and the results come back in
//! input order (output does not depend on the thread count). Two shapes:
//! [`code_all`] for documents already in memory, [`code_stream`] for inputs
//! read as they are coded (a document is handed on as soon as it and every
//! one before it are coded: a slow stdin is not held back).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Mutex, OnceLock};

use sitrep_coder::{code_document, CodedDocument, Document, Lexicon};

use crate::inputs;

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

/// One input of [`code_stream`], in input order.
pub enum Streamed {
    Coded(Box<(Document, CodedDocument)>),
    /// An input or document that could not be read, and why.
    Unreadable(String),
}

/// Documents read ahead of the coding threads, per thread: bounds memory
/// when coding is slower than reading.
const READ_AHEAD: usize = 4;

/// Reads `paths` on one thread, codes the documents on `--jobs` threads and
/// hands every input to `each` in input order, on the calling thread. When
/// `each` fails, reading and coding stop and its error is returned.
pub fn code_stream(
    lex: &Lexicon,
    paths: &[PathBuf],
    mut each: impl FnMut(Streamed) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let threads = jobs();
    let (work_tx, work_rx) = sync_channel::<(usize, Document)>(threads * READ_AHEAD);
    let (done_tx, done_rx) = sync_channel::<(usize, Streamed)>(threads * READ_AHEAD);
    let work_rx = Mutex::new(work_rx);
    std::thread::scope(|scope| {
        let reader_done = done_tx.clone();
        scope.spawn(move || {
            for (seq, doc) in inputs::read(paths).enumerate() {
                // A failed send means the consumer stopped: stop reading.
                let sent = match doc {
                    Ok(d) => work_tx.send((seq, d)).is_ok(),
                    Err(e) => reader_done.send((seq, Streamed::Unreadable(e))).is_ok(),
                };
                if !sent {
                    break;
                }
            }
        });
        for _ in 0..threads {
            let done = done_tx.clone();
            let work = &work_rx;
            scope.spawn(move || {
                while let Some((seq, doc)) = next_work(work) {
                    let coded = code_document(lex, &doc);
                    if done
                        .send((seq, Streamed::Coded(Box::new((doc, coded)))))
                        .is_err()
                    {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        in_order(done_rx, &mut each)
    })
}

/// The next document for a coding thread; `None` when reading has ended.
fn next_work(work: &Mutex<Receiver<(usize, Document)>>) -> Option<(usize, Document)> {
    // A thread that panicked while holding the lock leaves it poisoned;
    // the rest still drain the queue.
    let guard = work.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    guard.recv().ok()
}

/// Hands the numbered items of `done` to `each` in number order. Returning
/// early (an error) drops `done`, which stops the threads that feed it.
fn in_order<T>(
    done: Receiver<(usize, T)>,
    each: &mut impl FnMut(T) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut waiting: BTreeMap<usize, T> = BTreeMap::new();
    let mut next = 0usize;
    for (seq, item) in done {
        waiting.insert(seq, item);
        while let Some(item) = waiting.remove(&next) {
            each(item)?;
            next += 1;
        }
    }
    Ok(())
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
