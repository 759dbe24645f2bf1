//! Inputs for the commands: documents read by `sitrep-ingest`, and a
//! progress bar on stderr when it is a terminal.

use std::io::IsTerminal;
use std::path::PathBuf;

use sitrep_coder::Document;

/// The reading limits of this run (`--max-document-bytes`), set once.
static OPTIONS: std::sync::OnceLock<sitrep_ingest::ReadOptions> = std::sync::OnceLock::new();

/// Sets the largest document text read by [`read`].
pub fn set_max_document_bytes(bytes: usize) {
    let _ = OPTIONS.set(sitrep_ingest::ReadOptions {
        max_document_bytes: bytes,
    });
}

/// Reads every input path into documents, errors included, in order.
/// Documents over the size limit and inputs that are not regular files
/// (FIFOs, devices, sockets) come back as errors; the rest are read.
pub fn read(paths: &[PathBuf]) -> impl Iterator<Item = Result<Document, String>> + '_ {
    let options = OPTIONS.get().copied().unwrap_or_default();
    sitrep_ingest::read_inputs_with(paths, options).map(|r| r.map_err(|e| e.to_string()))
}

/// A progress bar for long runs on a terminal; silent otherwise.
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    pub fn new(_paths: &[PathBuf]) -> Self {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} documents {per_sec} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        Progress(Some(bar))
    }

    pub fn tick(&self, id: &str) {
        if let Some(b) = &self.0 {
            b.inc(1);
            b.set_message(id.to_string());
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}
