//! Scratch folders: unique per process and per call, so tests running in
//! parallel (and earlier runs that were killed) never share one.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT: AtomicU64 = AtomicU64::new(0);

/// A fresh folder under the system temp dir, removed when dropped.
#[derive(Debug)]
pub struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    /// `sitrep-NAME-PID-N` under the temp dir, emptied if it exists.
    pub fn new(name: &str) -> Scratch {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("sitrep-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|e| panic!("create scratch folder {}: {e}", dir.display()));
        Scratch { dir }
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// A path inside the folder (nothing is created).
    pub fn join(&self, name: impl AsRef<Path>) -> PathBuf {
        self.dir.join(name)
    }

    /// Writes `bytes` to `name` (parent folders created) and returns its path.
    pub fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .unwrap_or_else(|e| panic!("create {}: {e}", parent.display()));
        }
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        path
    }

    /// A SQLite store file in the folder, as a `Store::open` address.
    pub fn db(&self) -> String {
        self.dir.join("t.db").to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::Scratch;

    #[test]
    fn folders_are_distinct_and_removed() {
        let a = Scratch::new("kit");
        let b = Scratch::new("kit");
        assert_ne!(a.path(), b.path());
        let f = a.file("sub/x.txt", "x");
        assert_eq!(std::fs::read_to_string(&f).expect("read"), "x");
        let kept = a.path().to_path_buf();
        drop(a);
        assert!(!kept.exists());
    }
}
