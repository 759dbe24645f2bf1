//! The ingest error: every message names the input (file, and line for
//! JSONL) and says what was wrong, so a user can fix the input.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where a problem was found: a file path or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputName(pub PathBuf);

impl InputName {
    pub fn new(path: &Path) -> Self {
        InputName(path.to_path_buf())
    }
    pub fn is_stdin(&self) -> bool {
        self.0.as_os_str() == "-"
    }
}

impl fmt::Display for InputName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_stdin() {
            f.write_str("<stdin>")
        } else {
            write!(f, "{}", self.0.display())
        }
    }
}

/// Why an input (or one line of it) could not be read into a document.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{input}: cannot read: {source}")]
    Io {
        input: InputName,
        #[source]
        source: std::io::Error,
    },
    #[error("{input}: the input is empty")]
    Empty { input: InputName },
    #[error("{input}: looks like a binary file (NUL bytes in the first 8 KB); refused")]
    Binary { input: InputName },
    #[error("{input}:{line}: {reason}")]
    JsonLine {
        input: InputName,
        line: usize,
        reason: String,
    },
    #[error("{input}: no text could be extracted from the HTML")]
    NoHtmlText { input: InputName },
    #[error("{input}{at}: the document is larger than the limit of {limit} bytes{seen}; refused (raise --max-document-bytes to code it)", at = line.map(|l| format!(":{l}")).unwrap_or_default(), seen = if *bytes > 0 { format!(" ({bytes} bytes)") } else { String::new() })]
    TooLarge {
        input: InputName,
        /// The JSONL line, for a line-delimited input.
        line: Option<usize>,
        /// Size seen when it was refused (0 when reading stopped early).
        bytes: usize,
        limit: usize,
    },
    #[error("{input}: is a {kind}, not a regular file; refused (reading it could block forever)")]
    NotRegular { input: InputName, kind: SpecialFile },
}

/// Kinds of non-regular files refused as inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialFile {
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}

impl fmt::Display for SpecialFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SpecialFile::Fifo => "named pipe (FIFO)",
            SpecialFile::Socket => "socket",
            SpecialFile::CharDevice => "character device",
            SpecialFile::BlockDevice => "block device",
            SpecialFile::Other => "special file",
        })
    }
}

impl IngestError {
    /// The input the error is about.
    pub fn input(&self) -> &InputName {
        match self {
            IngestError::Io { input, .. }
            | IngestError::Empty { input }
            | IngestError::Binary { input }
            | IngestError::JsonLine { input, .. }
            | IngestError::NoHtmlText { input }
            | IngestError::TooLarge { input, .. }
            | IngestError::NotRegular { input, .. } => input,
        }
    }
}
