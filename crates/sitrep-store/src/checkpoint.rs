//! Background WAL checkpoints for the SQLite backend.
//!
//! SQLite's automatic checkpoint runs inside the commit that crosses the
//! threshold, on the writer's thread: the writer then copies every page of
//! the WAL into the database file and waits for two `fsync`s before it can
//! store the next document (in a 1M-event ingest, about 40% of the writer's
//! time). Here the writer only appends to the WAL, and a thread with its own
//! connection copies it back with `PASSIVE` checkpoints — which never block
//! the writer or readers — whenever the WAL has grown past a threshold. A
//! larger interval also writes each index page that many commits touched
//! once instead of once per checkpoint.
//!
//! Crash safety is unchanged: a checkpoint only copies committed frames,
//! and an interrupted one is redone from the WAL on the next open.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

/// WAL size after which the background thread checkpoints.
pub const CHECKPOINT_BYTES: u64 = 128 * 1024 * 1024;

/// How often the thread looks at the WAL's size when nothing wakes it.
const POLL: Duration = Duration::from_millis(250);

/// Owns the checkpoint thread; dropping it stops the thread after a last
/// checkpoint.
pub struct Checkpointer {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Checkpointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checkpointer").finish_non_exhaustive()
    }
}

fn wal_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

fn wal_len(wal: &Path) -> u64 {
    std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0)
}

impl Checkpointer {
    /// Starts the thread for the database at `path`, with its own
    /// connection. `None` when the connection cannot be opened: the
    /// writer's own automatic checkpoint still bounds the WAL then.
    pub fn start(path: &Path) -> Option<Checkpointer> {
        let conn = rusqlite::Connection::open(path).ok()?;
        conn.busy_timeout(Duration::from_secs(10)).ok()?;
        let wal = wal_path(path);
        let (tx, rx) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("sitrep-checkpoint".into())
            .spawn(move || {
                // The WAL only grows between checkpoints; a PASSIVE one
                // copies what no reader still needs and lets the writer
                // restart the WAL from its beginning afterwards.
                let mut last = 0u64;
                let mut behind = false;
                while let Err(RecvTimeoutError::Timeout) = rx.recv_timeout(POLL) {
                    let len = wal_len(&wal);
                    if len >= CHECKPOINT_BYTES && (len != last || behind) {
                        // (busy, frames in the WAL, frames copied): frames
                        // left behind (a reader still needed them, or the
                        // call failed) are retried on the next poll.
                        behind = conn
                            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                                Ok(r.get::<_, i64>(1)? > r.get::<_, i64>(2)?)
                            })
                            .unwrap_or(true);
                        last = wal_len(&wal);
                    }
                }
                let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
            })
            .ok()?;
        Some(Checkpointer {
            stop: Some(tx),
            thread: Some(thread),
        })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wal_path_appends_suffix() {
        assert_eq!(
            wal_path(Path::new("/tmp/x.db")),
            PathBuf::from("/tmp/x.db-wal")
        );
    }

    #[test]
    fn checkpointer_copies_the_wal_back() -> Result<(), Box<dyn std::error::Error>> {
        let dir = sitrep_testkit::Scratch::new("ckpt");
        let db = dir.join("c.db");
        let c = rusqlite::Connection::open(&db)?;
        c.pragma_update(None, "journal_mode", "WAL")?;
        c.pragma_update(None, "wal_autocheckpoint", 0)?;
        c.execute_batch("CREATE TABLE t (x BLOB)")?;
        let cp = Checkpointer::start(&db).ok_or("no checkpointer")?;
        for _ in 0..10 {
            c.execute("INSERT INTO t VALUES (zeroblob(100000))", [])?;
        }
        drop(cp); // the final checkpoint copies everything back
        let (busy, log, done): (i64, i64, i64) =
            c.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        assert_eq!(busy, 0);
        assert_eq!(log, done, "every frame was already checkpointed");
        drop(c);
        Ok(())
    }
}
