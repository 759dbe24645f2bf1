//! sitrep-ingest: turns inputs (article text files, JSONL, HTML pages,
//! folders of them, or standard input) into `sitrep_coder::Document`s.
//!
//! [`read_inputs`] returns a lazy iterator: folders are walked in sorted
//! order as they are reached and JSONL is streamed line by line, so a large
//! input never sits in memory at once. Every failure is an [`IngestError`]
//! naming the input (and line); the iterator then goes on with the rest.
//!
//! Work per document is bounded: a document whose text is over
//! [`ReadOptions::max_document_bytes`] ([`DEFAULT_MAX_DOCUMENT_BYTES`] by
//! default) is refused with [`IngestError::TooLarge`], and reading stops
//! at a bounded multiple of the limit, so a huge file or JSONL line never
//! sits in memory. Inputs that are not regular files (FIFOs, sockets,
//! devices) are refused with [`IngestError::NotRegular`] instead of being
//! read (a FIFO with no writer blocks forever); standard input (`-`) is
//! read as a stream.

mod decode;
mod error;
mod html;

use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use serde_json::Value;
use sitrep_coder::published::find_published;
use sitrep_coder::{Document, DocumentParts, Published};

pub use decode::{decode, html_declared_charset, looks_binary};
pub use error::{IngestError, InputName, SpecialFile};
pub use html::{extract as extract_html, HtmlText};

/// Read buffer size; also how much is peeked to sniff a stream.
const BUF_LEN: usize = 64 * 1024;

/// What an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Article layout: headline, date line, dateline, body.
    Article,
    /// One JSON document per line.
    Jsonl,
    Html,
}

impl InputKind {
    /// The kind a file name's extension announces, if any.
    pub fn from_path(path: &Path) -> Option<InputKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(InputKind::Article),
            "jsonl" | "ndjson" => Some(InputKind::Jsonl),
            "html" | "htm" => Some(InputKind::Html),
            _ => None,
        }
    }

    /// Guesses from content: `{` opens JSONL, `<` opens HTML, else article.
    pub fn sniff(head: &[u8]) -> InputKind {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        match head.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => InputKind::Jsonl,
            Some(b'<') => InputKind::Html,
            _ => InputKind::Article,
        }
    }
}

/// Default largest document text, bytes (UTF-8, after decoding and HTML
/// extraction). Ordinary news articles are under 100 KB.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

/// How raw input may exceed the text limit before reading stops: HTML
/// markup and JSON escapes make the raw bytes larger than the text.
const RAW_BYTES_PER_TEXT_BYTE: usize = 4;

/// Limits of reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Largest document text, bytes; larger documents are refused.
    pub max_document_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
        }
    }
}

impl ReadOptions {
    /// Most raw bytes read for one document before it is refused.
    fn raw_cap(&self) -> usize {
        self.max_document_bytes
            .saturating_mul(RAW_BYTES_PER_TEXT_BYTE)
            .saturating_add(BUF_LEN)
    }

    /// Refuses a document whose text is over the limit.
    pub fn check(
        &self,
        doc: Document,
        input: &InputName,
        line: Option<usize>,
    ) -> Result<Document, IngestError> {
        if doc.text.len() > self.max_document_bytes {
            return Err(IngestError::TooLarge {
                input: input.clone(),
                line,
                bytes: doc.text.len(),
                limit: self.max_document_bytes,
            });
        }
        Ok(doc)
    }
}

/// Documents from files, folders and `-` (standard input), in order, with
/// the default [`ReadOptions`].
pub fn read_inputs(paths: &[PathBuf]) -> Inputs {
    read_inputs_with(paths, ReadOptions::default())
}

/// Documents from files, folders and `-` (standard input), in order.
pub fn read_inputs_with(paths: &[PathBuf], options: ReadOptions) -> Inputs {
    Inputs {
        options,
        queue: paths
            .iter()
            .map(|p| Pending {
                path: p.clone(),
                from_folder: false,
            })
            .collect(),
        current: None,
        seen_dirs: HashSet::new(),
    }
}

/// Documents from bytes already in memory (an upload, a test): `kind`
/// `None` sniffs the content. `id` is the doc_id (JSONL lines carry their own).
pub fn read_bytes(
    name: &str,
    id: &str,
    bytes: Vec<u8>,
    kind: Option<InputKind>,
) -> Vec<Result<Document, IngestError>> {
    read_bytes_with(name, id, bytes, kind, ReadOptions::default())
}

/// [`read_bytes`] with limits.
pub fn read_bytes_with(
    name: &str,
    id: &str,
    bytes: Vec<u8>,
    kind: Option<InputKind>,
    options: ReadOptions,
) -> Vec<Result<Document, IngestError>> {
    let input = InputName(PathBuf::from(name));
    let reader: Box<dyn BufRead> = Box::new(Cursor::new(bytes));
    match open_stream(input, id, reader, kind, options) {
        Ok(Opened::Done(doc)) => vec![Ok(doc)],
        Ok(Opened::Lines(lines)) => lines.collect(),
        Err(e) => vec![Err(e)],
    }
}

#[derive(Debug)]
struct Pending {
    path: PathBuf,
    /// Found by walking a folder: unknown extensions and hidden files are skipped.
    from_folder: bool,
}

/// The iterator returned by [`read_inputs`].
pub struct Inputs {
    options: ReadOptions,
    queue: VecDeque<Pending>,
    current: Option<JsonlLines>,
    /// Canonical folders already walked, so symlink loops end.
    seen_dirs: HashSet<PathBuf>,
}

impl Iterator for Inputs {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(lines) = &mut self.current {
                match lines.next() {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            let pending = self.queue.pop_front()?;
            match self.open(pending) {
                Ok(Some(Opened::Done(doc))) => return Some(Ok(doc)),
                Ok(Some(Opened::Lines(lines))) => self.current = Some(lines),
                Ok(None) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// An opened input: one document, or a JSONL stream.
enum Opened {
    Done(Document),
    Lines(JsonlLines),
}

impl Inputs {
    /// Opens one queued path; folders are expanded into the queue (`None`).
    fn open(&mut self, pending: Pending) -> Result<Option<Opened>, IngestError> {
        let path = pending.path;
        let input = InputName::new(&path);
        if input.is_stdin() && !pending.from_folder {
            let reader: Box<dyn BufRead> =
                Box::new(BufReader::with_capacity(BUF_LEN, std::io::stdin()));
            return open_stream(input, "stdin", reader, None, self.options).map(Some);
        }
        let io = |source| IngestError::Io {
            input: InputName::new(&path),
            source,
        };
        let meta = std::fs::metadata(&path).map_err(io)?;
        if meta.is_dir() {
            self.expand_folder(&path).map_err(io)?;
            return Ok(None);
        }
        if let Some(kind) = special_file(&meta.file_type()) {
            return Err(IngestError::NotRegular { input, kind });
        }
        let kind = InputKind::from_path(&path);
        if pending.from_folder && kind.is_none() {
            return Ok(None);
        }
        if pending.from_folder && kind == Some(InputKind::Jsonl) && !holds_documents(&path) {
            return Ok(None);
        }
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = File::open(&path).map_err(io)?;
        let reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(BUF_LEN, file));
        open_stream(input, &id, reader, kind, self.options).map(Some)
    }

    /// Puts a folder's entries at the front of the queue, sorted by name,
    /// without hidden entries.
    fn expand_folder(&mut self, dir: &Path) -> std::io::Result<()> {
        let canonical = std::fs::canonicalize(dir)?;
        if !self.seen_dirs.insert(canonical) {
            return Ok(());
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| !n.starts_with('.'))
            })
            .collect();
        entries.sort();
        for path in entries.into_iter().rev() {
            self.queue.push_front(Pending {
                path,
                from_folder: true,
            });
        }
        Ok(())
    }
}

/// The kind of a file that is neither a folder nor a regular file.
fn special_file(t: &std::fs::FileType) -> Option<SpecialFile> {
    if t.is_file() || t.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some(SpecialFile::Fifo);
        }
        if t.is_socket() {
            return Some(SpecialFile::Socket);
        }
        if t.is_char_device() {
            return Some(SpecialFile::CharDevice);
        }
        if t.is_block_device() {
            return Some(SpecialFile::BlockDevice);
        }
    }
    Some(SpecialFile::Other)
}

/// Whether a JSONL file found in a folder holds documents: its first record
/// is an object with a `text` field. Gold annotations and sitrep's own
/// event output, which may sit next to the articles, do not, and are
/// skipped. Unreadable or malformed files count as documents so that their
/// errors are reported.
fn holds_documents(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return true;
    };
    let mut reader = BufReader::with_capacity(BUF_LEN, file);
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return true,
            Ok(_) => {}
        }
        let bytes = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&line);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        return match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(obj)) => obj.contains_key("text"),
            _ => true,
        };
    }
}

/// Sniffs a stream, refuses empty and binary input, and reads it as `kind`
/// (or what its content looks like).
fn open_stream(
    input: InputName,
    id: &str,
    mut reader: Box<dyn BufRead>,
    kind: Option<InputKind>,
    options: ReadOptions,
) -> Result<Opened, IngestError> {
    let io = |input: &InputName, source| IngestError::Io {
        input: input.clone(),
        source,
    };
    let head = reader.fill_buf().map_err(|e| io(&input, e))?;
    if head.is_empty() {
        return Err(IngestError::Empty { input });
    }
    if looks_binary(head) {
        return Err(IngestError::Binary { input });
    }
    let utf16 =
        matches!(encoding_rs::Encoding::for_bom(head), Some((enc, _)) if enc != encoding_rs::UTF_8);
    let kind = kind.unwrap_or_else(|| {
        if utf16 {
            InputKind::Article // decided again below, after decoding
        } else {
            InputKind::sniff(head)
        }
    });
    if kind == InputKind::Jsonl && !utf16 {
        return Ok(Opened::Lines(JsonlLines::new(input, reader, options)));
    }
    let cap = options.raw_cap();
    let mut bytes = Vec::new();
    // Reads one byte past the cap to know whether there is more.
    (&mut reader)
        .take(u64::try_from(cap).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io(&input, e))?;
    if bytes.len() > cap {
        return Err(IngestError::TooLarge {
            input,
            line: None,
            bytes: 0,
            limit: options.max_document_bytes,
        });
    }
    let declared = (kind == InputKind::Html)
        .then(|| html_declared_charset(&bytes))
        .flatten();
    let text = decode(&bytes, declared);
    drop(bytes);
    if text.trim().is_empty() {
        return Err(IngestError::Empty { input });
    }
    // UTF-16 input was sniffed only now that it is text.
    let kind = if utf16 && InputKind::from_path(&input.0).is_none() {
        InputKind::sniff(text.as_bytes())
    } else {
        kind
    };
    match kind {
        InputKind::Article => {
            let doc = Document::from_article(id, text);
            options.check(doc, &input, None).map(Opened::Done)
        }
        InputKind::Html => {
            let page = html::extract(&text);
            if page.text.trim().is_empty() {
                return Err(IngestError::NoHtmlText { input });
            }
            // A page's date comes from its metadata or text: read loosely.
            let published = page
                .published
                .as_deref()
                .and_then(find_published)
                .map(|(p, _)| p);
            let doc = Document::from_parts(DocumentParts {
                id: id.to_string(),
                text: page.text,
                title: page.title,
                published,
                source: None,
                url: page.url,
            });
            options.check(doc, &input, None).map(Opened::Done)
        }
        InputKind::Jsonl => {
            let reader: Box<dyn BufRead> = Box::new(Cursor::new(text.into_bytes()));
            Ok(Opened::Lines(JsonlLines::new(input, reader, options)))
        }
    }
}

/// A JSONL stream: one document (or one error) per non-blank line.
struct JsonlLines {
    input: InputName,
    reader: Box<dyn BufRead>,
    line_no: usize,
    buf: Vec<u8>,
    done: bool,
    options: ReadOptions,
}

impl JsonlLines {
    fn new(input: InputName, reader: Box<dyn BufRead>, options: ReadOptions) -> Self {
        JsonlLines {
            input,
            reader,
            options,
            line_no: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn line_error(&self, reason: impl Into<String>) -> IngestError {
        IngestError::JsonLine {
            input: self.input.clone(),
            line: self.line_no,
            reason: reason.into(),
        }
    }
}

impl Iterator for JsonlLines {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            match read_line_capped(&mut *self.reader, &mut self.buf, self.options.raw_cap()) {
                Ok(LineRead::End) => self.done = true,
                Ok(LineRead::TooLong) => {
                    self.line_no += 1;
                    return Some(Err(IngestError::TooLarge {
                        input: self.input.clone(),
                        line: Some(self.line_no),
                        bytes: 0,
                        limit: self.options.max_document_bytes,
                    }));
                }
                Ok(LineRead::Line) => {
                    self.line_no += 1;
                    let mut line: &[u8] = &self.buf;
                    if self.line_no == 1 {
                        line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
                    }
                    // Without its line end, serde's positions read "line 1 column N".
                    while let [rest @ .., b'\n' | b'\r'] = line {
                        line = rest;
                    }
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    // JSON is UTF-8; a stray legacy-encoded line is still read.
                    let text = decode(line, None);
                    let line_no = self.line_no;
                    return Some(
                        parse_json_doc(&text)
                            .map_err(|r| self.line_error(r))
                            .and_then(|d| self.options.check(d, &self.input, Some(line_no))),
                    );
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(IngestError::Io {
                        input: self.input.clone(),
                        source: e,
                    }));
                }
            }
        }
        None
    }
}

/// What [`read_line_capped`] found.
#[derive(Debug, PartialEq, Eq)]
enum LineRead {
    /// A line (with its `\n`, if any) is in the buffer.
    Line,
    /// The line was longer than the cap; it was skipped to its end.
    TooLong,
    /// End of input.
    End,
}

/// Reads one line into `buf`, keeping at most `cap` bytes in memory: a
/// longer line is read through to its end and dropped.
fn read_line_capped(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<LineRead> {
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            if buf.len() + take > cap {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        reader.consume(take);
        if done {
            break;
        }
    }
    Ok(match (any, too_long) {
        (false, _) => LineRead::End,
        (true, true) => LineRead::TooLong,
        (true, false) => LineRead::Line,
    })
}

/// One JSONL line to a document; the error is the reason, without location.
fn parse_json_doc(line: &str) -> Result<Document, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err("expected a JSON object".to_string());
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err("field \"id\" must be a non-empty string or a number".into()),
        None => return Err("missing required field \"id\"".into()),
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err("field \"text\" must be a string".into()),
        None => return Err("missing required field \"text\"".into()),
    };
    let optional = |field: &str| -> Result<Option<String>, String> {
        match obj.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone()).filter(|s| !s.trim().is_empty())),
            Some(_) => Err(format!("field \"{field}\" must be a string")),
        }
    };
    let title = optional("title")?;
    let published = match optional("published")? {
        Some(p) => Some(Published::parse(&p).map_err(|e| format!("field \"published\": {e}"))?),
        None => None,
    };
    let source = optional("source")?;
    let url = optional("url")?;
    Ok(Document::from_parts(DocumentParts {
        id,
        text,
        title,
        published,
        source,
        url,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(InputKind::sniff(b"  \n{\"id\":1}"), InputKind::Jsonl);
        assert_eq!(InputKind::sniff(b"\xEF\xBB\xBF<html>"), InputKind::Html);
        assert_eq!(InputKind::sniff(b"Headline\n\nBody"), InputKind::Article);
        assert_eq!(
            InputKind::from_path(Path::new("a/b.NDJSON")),
            Some(InputKind::Jsonl)
        );
        assert_eq!(InputKind::from_path(Path::new("a/b.csv")), None);
    }

    #[test]
    fn json_lines() {
        let doc = parse_json_doc(
            r#"{"id": "x1", "text": "Hello.", "published": "2022-01-13", "title": null}"#,
        )
        .expect("valid line");
        assert_eq!(doc.id, "x1");
        assert_eq!(
            doc.published.map(|p| p.date.to_string()).as_deref(),
            Some("2022-01-13")
        );
        assert_eq!(
            parse_json_doc(r#"{"id": 7, "text": ""}"#).map(|d| d.id),
            Ok("7".to_string())
        );
        for (line, want) in [
            ("{", "invalid JSON"),
            ("[1]", "expected a JSON object"),
            (r#"{"text": "x"}"#, "missing required field \"id\""),
            (r#"{"id": "a"}"#, "missing required field \"text\""),
            (r#"{"id": "a", "text": 5}"#, "\"text\" must be a string"),
            (
                r#"{"id": "a", "text": "t", "url": 5}"#,
                "\"url\" must be a string",
            ),
        ] {
            let err = parse_json_doc(line).expect_err(line);
            assert!(err.contains(want), "{line}: {err}");
        }
    }

    #[test]
    fn bytes_in_memory() {
        let docs = read_bytes(
            "mem",
            "m",
            b"{\"id\":\"a\",\"text\":\"x\"}\nnot json\n\n{\"id\":\"b\",\"text\":\"y\"}\n".to_vec(),
            None,
        );
        assert_eq!(docs.len(), 3);
        assert!(docs[0].is_ok() && docs[2].is_ok());
        let err = docs[1].as_ref().expect_err("bad line").to_string();
        assert!(err.starts_with("mem:2: invalid JSON"), "{err}");
        let empty = read_bytes("e", "e", Vec::new(), None);
        assert!(matches!(empty[0], Err(IngestError::Empty { .. })));
        let blank = read_bytes("e", "e", b"  \n\n".to_vec(), Some(InputKind::Article));
        assert!(matches!(blank[0], Err(IngestError::Empty { .. })));
        let bin = read_bytes("b", "b", b"\x7fELF\0\0\x01".to_vec(), None);
        assert!(matches!(bin[0], Err(IngestError::Binary { .. })));
    }

    #[test]
    fn utf16_article_and_jsonl() {
        let utf16 = |s: &str| {
            let mut v = vec![0xFF, 0xFE];
            for u in s.encode_utf16() {
                v.extend_from_slice(&u.to_le_bytes());
            }
            v
        };
        let docs = read_bytes("u", "u", utf16("Headline\n\nBody text."), None);
        let doc = docs[0].as_ref().expect("article");
        assert_eq!(doc.text, "Headline\n\nBody text.");
        assert_eq!(doc.title.as_deref(), Some("Headline"));
        let docs = read_bytes("u", "u", utf16("{\"id\":\"a\",\"text\":\"é\"}\n"), None);
        assert_eq!(docs[0].as_ref().map(|d| d.text.as_str()).ok(), Some("é"));
    }
}
