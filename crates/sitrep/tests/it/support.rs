//! Helpers: running the binary with a time limit so that a hang fails the
//! test instead of stalling CI. Scratch folders come from the test kit.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub use sitrep_testkit::Scratch;

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
    /// Highest resident memory seen while polling (Linux), in KB.
    pub peak_rss_kb: Option<u64>,
}

impl Run {
    /// Output lines parsed as JSON (every line must be JSON).
    pub fn events(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
            .collect()
    }

    /// Doc ids of the output records, deduplicated, in order of appearance.
    pub fn doc_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for ev in self.events() {
            if let Some(id) = ev["doc_id"].as_str() {
                if !ids.iter().any(|i| i == id) {
                    ids.push(id.to_string());
                }
            }
        }
        ids
    }

    /// No panic, and stderr mentions each of `needles`.
    pub fn assert_clean(&self) {
        assert!(
            !self.stderr.contains("panicked"),
            "the binary panicked:\n{}",
            self.stderr
        );
        assert!(
            self.code == 0 || self.code == 1 || self.code == 2,
            "unexpected exit code {} (killed by a signal?)\n{}",
            self.code,
            self.stderr
        );
    }
}

/// Runs the binary with `args`, killing it after `limit`.
pub fn sitrep(args: &[&dyn AsRef<std::ffi::OsStr>], limit: Duration) -> Run {
    sitrep_with(Path::new(env!("CARGO_BIN_EXE_sitrep")), args, limit)
}

/// Resident memory of a running process in KB, from /proc (Linux only).
fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `bin` with `args`, killing it after `limit`.
pub fn sitrep_with(bin: &Path, args: &[&dyn AsRef<std::ffi::OsStr>], limit: Duration) -> Run {
    let started = Instant::now();
    let mut child = Command::new(bin)
        .args(args.iter().map(|a| a.as_ref()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sitrep");
    // Drain the pipes on threads so a large output cannot block the child.
    let mut out = child.stdout.take().expect("stdout pipe");
    let mut err = child.stderr.take().expect("stderr pipe");
    let out_thread = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err_thread = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let mut peak_rss_kb: Option<u64> = None;
    let status = loop {
        if let Some(kb) = rss_kb(child.id()) {
            peak_rss_kb = Some(peak_rss_kb.map_or(kb, |p| p.max(kb)));
        }
        if let Some(status) = child.try_wait().expect("wait for sitrep") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "sitrep {args:?} still running after {limit:?}: a hang",
                args = args.iter().map(|a| a.as_ref()).collect::<Vec<_>>()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stdout = String::from_utf8_lossy(&out_thread.join().expect("stdout")).into_owned();
    let stderr = String::from_utf8_lossy(&err_thread.join().expect("stderr")).into_owned();
    Run {
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
        elapsed: started.elapsed(),
        peak_rss_kb,
    }
}

/// `sitrep code PATH...` with the default time limit.
pub fn code(paths: &[&Path]) -> Run {
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"code"];
    for p in paths {
        args.push(p);
    }
    sitrep(&args, LIMIT)
}

/// Generous even for a debug build on a busy machine; the inputs are small.
pub const LIMIT: Duration = Duration::from_secs(60);

/// A short article that codes to at least one event (Mali accuses Burkina Faso).
pub const GOOD_ARTICLE: &str = "Mali accuses Burkina Faso over border raid\n\
\n\
Mali 14 May 2024 10:00 (UTC +00:00)\n\
\n\
BAMAKO, Mali\n\
\n\
Mali's government on Tuesday accused Burkina Faso of sending troops across \
the border near the town of Koro. The foreign minister said the army would \
protect the border.\n";

/// The body sentence of [`GOOD_ARTICLE`], for building variants of it.
pub const GOOD_SENTENCE: &str =
    "Mali's government on Tuesday accused Burkina Faso of sending troops across the border.";

/// Copies the folder `from` (recursively) to `to`: a `--data` folder to
/// change one file of.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read data folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy data file");
        }
    }
}

/// A running `sitrep serve` on a free loopback port; killed on drop, so a
/// failing assertion leaves no server behind.
pub struct Served {
    child: std::process::Child,
    /// `127.0.0.1:PORT`, as it printed.
    pub addr: String,
    /// What it printed before its address.
    pub before: Vec<String>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `sitrep GLOBAL… serve --addr 127.0.0.1:0 ARGS…` with `env` set
/// (and the tokens of the test's own environment unset); returns once it
/// has printed its address.
pub fn serve(
    global: &[&dyn AsRef<std::ffi::OsStr>],
    args: &[&dyn AsRef<std::ffi::OsStr>],
    env: &[(&str, &str)],
) -> Served {
    use std::io::{BufRead, BufReader};
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    cmd.args(global.iter().map(|a| a.as_ref()))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(args.iter().map(|a| a.as_ref()))
        .env_remove("SITREP_TOKEN")
        .env_remove("SITREP_READ_TOKEN");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sitrep serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut served = Served {
        child,
        addr: String::new(),
        before: Vec::new(),
    };
    let mut lines = BufReader::new(stderr).lines();
    // "sitrep: serving sqlite:… on http://127.0.0.1:PORT/"
    for line in lines.by_ref().take(40) {
        let line = line.unwrap_or_default();
        if let Some(url) = line.split("http://").nth(1) {
            served.addr = url.trim_end_matches('/').to_owned();
            // Keep reading its log, so that the server never writes to a
            // closed pipe.
            std::thread::spawn(move || lines.for_each(drop));
            return served;
        }
        served.before.push(line);
    }
    panic!("no address printed: {:?}", served.before);
}
