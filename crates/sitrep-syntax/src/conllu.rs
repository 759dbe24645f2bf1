//! A parse printed as CoNLL-U (<https://universaldependencies.org/format.html>).
//!
//! Per document: `# newdoc id = DOC_ID` before its first sentence; per
//! sentence `# sent_id = DOC_ID-N` (N from 1), `# text = ...` (the
//! sentence's text on one line), one line per token with the ten columns,
//! and a blank line.
//!
//! - ID 1.. within the sentence; FORM and LEMMA the token's text and lemma;
//!   UPOS spaCy's POS (with its extra `SPACE`); XPOS the Penn tag; FEATS the
//!   morphology; HEAD the head's ID in the sentence, 0 for the root (a
//!   head outside the sentence, which spaCy's parses never have, is also
//!   written 0); DEPREL spaCy's label (`ROOT` for the root); DEPS `_`.
//! - MISC: `NER=B-LABEL` / `NER=I-LABEL` inside a named entity, `SpaceAfter=No`
//!   where no space follows the token, and `TokenRange=START:END` in Unicode
//!   code points of the document text (end exclusive), in that order.
//!
//! Whitespace: CoNLL-U lines cannot hold a tab or a line break, and English
//! treebanks have no spaces in FORM. spaCy keeps runs of whitespace other
//! than a single space as tokens (`\n\n` between paragraphs, `_SP`/`SPACE`);
//! they are printed as tokens, so that IDs and heads stay those of the parse,
//! with each whitespace or control character in FORM and LEMMA escaped:
//! `\s` space, `\t` tab, `\n` line feed, `\r` carriage return, `\uXXXX`
//! (hex, 4 to 6 digits) any other; backslashes are not escaped, so
//! TokenRange is the exact way back to the text. An empty field is `_`.
//! In `# text` and the ids every run of whitespace or control characters
//! becomes one space (`_` in ids), and the sentence's text is trimmed.
//! A document without tokens prints nothing.

use crate::{ParsedDoc, TokenAnalysis};
use std::fmt::Write as _;

/// Appends the CoNLL-U of one parsed document to `out`. `text` is the text
/// the document was parsed from (token offsets are bytes into it).
pub fn write_document(out: &mut String, doc_id: &str, text: &str, doc: &ParsedDoc) {
    if doc.tokens.is_empty() {
        return;
    }
    let doc_id = one_line(doc_id, "_");
    let _ = writeln!(out, "# newdoc id = {doc_id}");
    let mut code_points = CodePoints::new(text);
    let ner = ner_tags(doc);
    for (n, sentence) in doc.sentences.iter().enumerate() {
        let Some(tokens) = doc.tokens.get(sentence.clone()) else {
            continue;
        };
        if tokens.is_empty() {
            continue;
        }
        let _ = writeln!(out, "# sent_id = {doc_id}-{}", n + 1);
        let _ = writeln!(out, "# text = {}", sentence_text(text, tokens));
        for (i, token) in tokens.iter().enumerate() {
            let index = sentence.start + i;
            let head = head_id(index, token.head, sentence);
            let misc = misc(
                ner.get(index).and_then(|t| t.as_deref()),
                token.space_after,
                code_points.at(token.start),
                code_points.at(token.end),
            );
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{head}\t{}\t_\t{misc}",
                i + 1,
                field(text.get(token.start..token.end).unwrap_or("")),
                field(doc.strings.get(token.lemma)),
                token.pos.as_str(),
                token.tag.as_str(),
                field(doc.strings.get(token.morph)),
                token.dep.as_str(),
            );
        }
        out.push('\n');
    }
}

/// The columns of [`SpanLines`], in order.
pub const SPAN_COLUMNS: &str = "ID FORM LEMMA UPOS XPOS HEAD DEPREL NER";

/// Compact CoNLL-U-like lines for stretches of a parsed text, to show the
/// parse beside another reading of the same text (`sitrep explain` puts
/// them under each of the coder's sentences, whose boundaries need not be
/// spaCy's). Columns [`SPAN_COLUMNS`], padded to line up within a stretch:
/// ID 1.. within the stretch; FORM and LEMMA escaped as in
/// [`write_document`]; HEAD the head's ID in the stretch, 0 for a root, or
/// `^` and the head's FORM when the head lies outside the stretch; NER
/// `B-LABEL` / `I-LABEL`, `_` outside entities.
pub struct SpanLines<'a> {
    text: &'a str,
    doc: &'a ParsedDoc,
    ner: Vec<Option<String>>,
}

impl<'a> SpanLines<'a> {
    /// `text` is the text `doc` was parsed from.
    pub fn new(text: &'a str, doc: &'a ParsedDoc) -> SpanLines<'a> {
        SpanLines {
            text,
            doc,
            ner: ner_tags(doc),
        }
    }

    /// Appends one line per token that starts inside the byte range
    /// `bytes` of the text, each after `prefix`. Nothing when no token
    /// starts there.
    pub fn write(&self, out: &mut String, bytes: std::ops::Range<usize>, prefix: &str) {
        let tokens = &self.doc.tokens;
        let first = tokens.partition_point(|t| t.start < bytes.start);
        let end = tokens.partition_point(|t| t.start < bytes.end).max(first);
        let rows: Vec<[String; 8]> = (first..end).map(|i| self.row(i, first..end)).collect();
        let mut widths = [0usize; 8];
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count().min(MAX_CELL_WIDTH));
            }
        }
        for row in &rows {
            out.push_str(prefix);
            for (c, (cell, &w)) in row.iter().zip(&widths).enumerate() {
                match c {
                    0 => {
                        let _ = write!(out, "{cell:>w$}  ");
                    }
                    7 => out.push_str(cell),
                    _ => {
                        let _ = write!(out, "{cell:<w$}  ");
                    }
                }
            }
            out.push('\n');
        }
    }

    /// The cells of token `index`, shown within the stretch `shown`.
    fn row(&self, index: usize, shown: std::ops::Range<usize>) -> [String; 8] {
        let token = &self.doc.tokens[index];
        let form = |t: &TokenAnalysis| field(self.text.get(t.start..t.end).unwrap_or(""));
        let head = if token.head == index {
            "0".to_string()
        } else if shown.contains(&token.head) {
            (token.head - shown.start + 1).to_string()
        } else {
            match self.doc.tokens.get(token.head) {
                Some(h) => format!("^{}", form(h)),
                None => "^?".to_string(),
            }
        };
        [
            (index - shown.start + 1).to_string(),
            form(token),
            field(self.doc.strings.get(token.lemma)),
            token.pos.as_str().to_string(),
            token.tag.as_str().to_string(),
            head,
            token.dep.as_str().to_string(),
            self.ner
                .get(index)
                .and_then(Clone::clone)
                .unwrap_or_else(|| "_".to_string()),
        ]
    }
}

/// Widest cell padding counts: a long token (a URL) does not push every
/// other line of its stretch to the right.
const MAX_CELL_WIDTH: usize = 24;

/// HEAD column of token `index`: the head's 1-based ID in the sentence, 0
/// for a root (its own head) or a head outside the sentence.
fn head_id(index: usize, head: usize, sentence: &std::ops::Range<usize>) -> usize {
    if head != index && sentence.contains(&head) {
        head - sentence.start + 1
    } else {
        0
    }
}

/// `B-LABEL` / `I-LABEL` per token index, None outside entities.
fn ner_tags(doc: &ParsedDoc) -> Vec<Option<String>> {
    let mut tags = vec![None; doc.tokens.len()];
    for entity in &doc.entities {
        for i in entity.start..entity.end.min(tags.len()) {
            let prefix = if i == entity.start { "B" } else { "I" };
            tags[i] = Some(format!("{prefix}-{}", entity.label.as_str()));
        }
    }
    tags
}

fn misc(ner: Option<&str>, space_after: bool, start: usize, end: usize) -> String {
    let mut parts = Vec::with_capacity(3);
    if let Some(tag) = ner {
        parts.push(format!("NER={tag}"));
    }
    if !space_after {
        parts.push("SpaceAfter=No".to_string());
    }
    parts.push(format!("TokenRange={start}:{end}"));
    parts.join("|")
}

/// A FORM, LEMMA or FEATS value: whitespace and control characters escaped,
/// `_` when empty.
fn field(value: &str) -> String {
    if value.is_empty() {
        return "_".to_string();
    }
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            ' ' => out.push_str("\\s"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_whitespace() || c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// `value` on one line: every run of whitespace or control characters
/// becomes `separator`, ends trimmed.
fn one_line(value: &str, separator: &str) -> String {
    value
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(separator)
}

/// The text the sentence's tokens cover, on one line.
fn sentence_text(text: &str, tokens: &[TokenAnalysis]) -> String {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return String::new();
    };
    one_line(text.get(first.start..last.end).unwrap_or(""), " ")
}

/// Byte offsets to code point offsets, fast for offsets that only grow.
struct CodePoints<'t> {
    text: &'t str,
    byte: usize,
    code_point: usize,
}

impl<'t> CodePoints<'t> {
    fn new(text: &'t str) -> CodePoints<'t> {
        CodePoints {
            text,
            byte: 0,
            code_point: 0,
        }
    }

    /// The code point offset of byte offset `byte` (an offset inside a
    /// character or past the end counts from the character boundary below).
    fn at(&mut self, byte: usize) -> usize {
        let mut boundary = byte.min(self.text.len());
        while !self.text.is_char_boundary(boundary) {
            boundary -= 1;
        }
        if boundary < self.byte {
            self.byte = 0;
            self.code_point = 0;
        }
        self.code_point += self.text[self.byte..boundary].chars().count();
        self.byte = boundary;
        self.code_point
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dep, Entity, EntityLabel, Pos, Strings, Sym, Tag};

    #[test]
    fn fields_escape_whitespace_and_controls() {
        assert_eq!(field("\n\n"), "\\n\\n");
        assert_eq!(field(" \t\r"), "\\s\\t\\r");
        assert_eq!(field("\u{a0}\u{2028}\u{0}"), "\\u00A0\\u2028\\u0000");
        assert_eq!(field("a\\b"), "a\\b");
        assert_eq!(field(""), "_");
        assert_eq!(one_line(" a\n\nb\tc ", " "), "a b c");
        assert_eq!(one_line("doc 1\n", "_"), "doc_1");
    }

    #[test]
    fn code_points_count_characters_and_tolerate_bad_offsets() {
        let mut cp = CodePoints::new("aé€😀b");
        assert_eq!(cp.at(0), 0);
        assert_eq!(cp.at(1), 1);
        assert_eq!(cp.at(3), 2);
        assert_eq!(cp.at(6), 3);
        assert_eq!(cp.at(10), 4);
        assert_eq!(cp.at(11), 5);
        assert_eq!(cp.at(99), 5);
        assert_eq!(cp.at(2), 1, "inside é: the boundary below");
        assert_eq!(cp.at(7), 3, "backwards works too");
    }

    fn token(start: usize, end: usize, space_after: bool, head: usize, dep: Dep) -> TokenAnalysis {
        TokenAnalysis {
            start,
            end,
            space_after,
            tag: Tag::Nnp,
            pos: Pos::Propn,
            morph: Sym::default(),
            lemma: Sym::default(),
            head,
            dep,
        }
    }

    #[test]
    fn a_small_document_prints_as_specified() {
        let text = "Kabul fell.\n\nIt";
        let mut tokens = vec![
            token(0, 5, true, 1, Dep::Nsubj),
            token(6, 10, false, 1, Dep::Root),
            token(10, 11, false, 1, Dep::Punct),
            token(11, 13, false, 2, Dep::Dep),
            token(13, 15, false, 4, Dep::Root),
        ];
        let mut strings = Strings::default();
        for t in &mut tokens {
            t.morph = strings.intern("Number=Sing");
            t.lemma = strings.intern("x");
        }
        tokens[3].pos = Pos::Space;
        tokens[3].tag = Tag::Space;
        tokens[3].lemma = strings.intern("\n\n");
        tokens[3].morph = Sym::default();
        let doc = ParsedDoc {
            tokens,
            sentences: vec![0..4, 4..5],
            entities: vec![Entity {
                start: 0,
                end: 1,
                label: EntityLabel::Gpe,
            }],
            strings,
        };
        let mut out = String::new();
        write_document(&mut out, "d 1", text, &doc);
        let expected = "# newdoc id = d_1\n\
            # sent_id = d_1-1\n\
            # text = Kabul fell.\n\
            1\tKabul\tx\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\tNER=B-GPE|TokenRange=0:5\n\
            2\tfell\tx\tPROPN\tNNP\tNumber=Sing\t0\tROOT\t_\tSpaceAfter=No|TokenRange=6:10\n\
            3\t.\tx\tPROPN\tNNP\tNumber=Sing\t2\tpunct\t_\tSpaceAfter=No|TokenRange=10:11\n\
            4\t\\n\\n\t\\n\\n\tSPACE\t_SP\t_\t3\tdep\t_\tSpaceAfter=No|TokenRange=11:13\n\
            \n\
            # sent_id = d_1-2\n\
            # text = It\n\
            1\tIt\tx\tPROPN\tNNP\tNumber=Sing\t0\tROOT\t_\tSpaceAfter=No|TokenRange=13:15\n\
            \n";
        assert_eq!(out, expected);
        let mut empty = String::new();
        write_document(&mut empty, "e", "", &ParsedDoc::default());
        assert_eq!(empty, "");
    }
}

#[cfg(test)]
mod span_lines {
    use super::*;
    use crate::{Dep, Entity, EntityLabel, Pos, Strings, Sym, Tag};

    fn token(start: usize, end: usize, tag: Tag, pos: Pos, head: usize, dep: Dep) -> TokenAnalysis {
        TokenAnalysis {
            start,
            end,
            space_after: true,
            tag,
            pos,
            morph: Sym::default(),
            lemma: Sym::default(),
            head,
            dep,
        }
    }

    /// Two stretches of one spaCy sentence: IDs restart, a head in the
    /// other stretch is named, entities keep B/I, columns line up.
    #[test]
    fn stretches_number_their_tokens_and_name_outside_heads() {
        let text = "Chad said troops left Abeche.";
        let mut tokens = vec![
            token(0, 4, Tag::Nnp, Pos::Propn, 1, Dep::Nsubj),
            token(5, 9, Tag::Vbd, Pos::Verb, 1, Dep::Root),
            token(10, 16, Tag::Nns, Pos::Noun, 3, Dep::Nsubj),
            token(17, 21, Tag::Vbd, Pos::Verb, 1, Dep::Ccomp),
            token(22, 28, Tag::Nnp, Pos::Propn, 3, Dep::Dobj),
            token(28, 29, Tag::Period, Pos::Punct, 1, Dep::Punct),
        ];
        let mut strings = Strings::default();
        for (t, lemma) in tokens
            .iter_mut()
            .zip(["Chad", "say", "troop", "leave", "Abeche", "."])
        {
            t.lemma = strings.intern(lemma);
        }
        let doc = ParsedDoc {
            tokens,
            sentences: std::iter::once(0..6).collect(),
            entities: vec![
                Entity {
                    start: 0,
                    end: 1,
                    label: EntityLabel::Gpe,
                },
                Entity {
                    start: 4,
                    end: 5,
                    label: EntityLabel::Gpe,
                },
            ],
            strings,
        };
        let lines = SpanLines::new(text, &doc);
        let mut out = String::new();
        lines.write(&mut out, 0..9, "| ");
        lines.write(&mut out, 10..29, "| ");
        lines.write(&mut out, 29..29, "| ");
        let expected = "\
| 1  Chad  Chad  PROPN  NNP  2  nsubj  B-GPE
| 2  said  say   VERB   VBD  0  ROOT   _
| 1  troops  troop   NOUN   NNS  2      nsubj  _
| 2  left    leave   VERB   VBD  ^said  ccomp  _
| 3  Abeche  Abeche  PROPN  NNP  2      dobj   B-GPE
| 4  .       .       PUNCT  .    ^said  punct  _
";
        assert_eq!(out, expected);
    }
}

/// The reference file's documents printed and read back by a small
/// CoNLL-U reader: every column must give back what was printed.
#[cfg(test)]
mod round_trip {
    use super::*;
    use crate::{Dep, Entity, EntityLabel, Pos, Tag};

    fn column<'v>(doc: &'v serde_json::Value, key: &str) -> &'v Vec<serde_json::Value> {
        doc[key]
            .as_array()
            .unwrap_or_else(|| panic!("reference: no column {key}"))
    }

    fn str_at<'v>(doc: &'v serde_json::Value, key: &str, i: usize) -> &'v str {
        column(doc, key)[i]
            .as_str()
            .unwrap_or_else(|| panic!("reference: {key}[{i}]"))
    }

    fn num_at(doc: &serde_json::Value, key: &str, i: usize) -> usize {
        column(doc, key)[i]
            .as_u64()
            .unwrap_or_else(|| panic!("reference: {key}[{i}]")) as usize
    }

    /// A ParsedDoc from spaCy's analysis of one reference document.
    fn parsed(doc: &serde_json::Value) -> (String, String, ParsedDoc) {
        let text = doc["text"].as_str().expect("text").to_string();
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let n = column(doc, "start").len();
        let mut parsed = ParsedDoc::default();
        for i in 0..n {
            parsed.tokens.push(TokenAnalysis {
                start: bytes[num_at(doc, "start", i)],
                end: bytes[num_at(doc, "end", i)],
                space_after: column(doc, "ws")[i].as_bool().expect("ws"),
                tag: Tag::parse(str_at(doc, "tag", i)).expect("tag"),
                pos: Pos::parse(str_at(doc, "pos", i)).expect("pos"),
                morph: parsed.strings.intern(str_at(doc, "morph", i)),
                lemma: parsed.strings.intern(str_at(doc, "lemma", i)),
                head: num_at(doc, "head", i),
                dep: Dep::parse(str_at(doc, "dep", i)).expect("dep"),
            });
            if i > 0 && column(doc, "sent_start")[i].as_bool() == Some(true) {
                let start = parsed
                    .sentences
                    .last()
                    .map_or(0, |s: &std::ops::Range<usize>| s.end);
                parsed.sentences.push(start..i);
            }
            match str_at(doc, "ent_iob", i) {
                "B" => parsed.entities.push(Entity {
                    start: i,
                    end: i + 1,
                    label: EntityLabel::parse(str_at(doc, "ent_type", i)).expect("label"),
                }),
                "I" => parsed.entities.last_mut().expect("I after B").end = i + 1,
                _ => {}
            }
        }
        let start = parsed.sentences.last().map_or(0, |s| s.end);
        parsed.sentences.push(start..n);
        (doc["id"].as_str().expect("id").to_string(), text, parsed)
    }

    fn unescape(field: &str) -> String {
        if field == "_" {
            return String::new();
        }
        let mut out = String::new();
        let mut chars = field.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.peek().copied() {
                Some('s') => out.push(' '),
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('u') => {
                    chars.next();
                    let hex: String =
                        std::iter::from_fn(|| chars.next_if(char::is_ascii_hexdigit)).collect();
                    out.push(
                        char::from_u32(u32::from_str_radix(&hex, 16).expect("hex")).expect("char"),
                    );
                    continue;
                }
                _ => {
                    out.push('\\');
                    continue;
                }
            }
            chars.next();
        }
        out
    }

    /// One token line, read back.
    struct Line {
        id: usize,
        form: String,
        lemma: String,
        upos: String,
        xpos: String,
        feats: String,
        head: usize,
        deprel: String,
        misc: Vec<(String, String)>,
    }

    struct Sentence {
        comments: Vec<String>,
        lines: Vec<Line>,
    }

    /// A CoNLL-U reader: sentences of comment lines then token lines, each
    /// ended by a blank line; ten tab-separated columns.
    fn read(conllu: &str) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut current = Sentence {
            comments: Vec::new(),
            lines: Vec::new(),
        };
        for (n, line) in conllu.split('\n').enumerate() {
            if line.is_empty() {
                if !current.lines.is_empty() {
                    out.push(std::mem::replace(
                        &mut current,
                        Sentence {
                            comments: Vec::new(),
                            lines: Vec::new(),
                        },
                    ));
                }
                continue;
            }
            if let Some(comment) = line.strip_prefix("# ") {
                assert!(
                    current.lines.is_empty(),
                    "line {}: comment inside a sentence",
                    n + 1
                );
                current.comments.push(comment.to_string());
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 10, "line {}: {line:?}", n + 1);
            assert!(
                cols.iter().all(|c| !c.is_empty() && !c.contains(' ')),
                "line {}: {line:?}",
                n + 1
            );
            assert_eq!(cols[8], "_");
            let misc = cols[9]
                .split('|')
                .map(|kv| {
                    let (k, v) = kv.split_once('=').expect("key=value");
                    (k.to_string(), v.to_string())
                })
                .collect();
            current.lines.push(Line {
                id: cols[0].parse().expect("ID"),
                form: unescape(cols[1]),
                lemma: unescape(cols[2]),
                upos: cols[3].to_string(),
                xpos: cols[4].to_string(),
                feats: unescape(cols[5]),
                head: cols[6].parse().expect("HEAD"),
                deprel: cols[7].to_string(),
                misc,
            });
        }
        assert!(
            current.lines.is_empty(),
            "last sentence not ended by a blank line"
        );
        out
    }

    fn misc_value<'l>(line: &'l Line, key: &str) -> Option<&'l str> {
        line.misc
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn reference_documents_survive_a_round_trip() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/reference.jsonl");
        let reference = std::fs::read_to_string(path).expect("reference file");
        let (mut documents, mut sentences, mut tokens, mut space_tokens) = (0, 0, 0, 0);
        for line in reference.lines() {
            let json: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            let (id, text, doc) = parsed(&json);
            let mut out = String::new();
            write_document(&mut out, &id, &text, &doc);
            let read_back = read(&out);
            assert_eq!(read_back.len(), doc.sentences.len(), "{id}: sentences");
            assert_eq!(read_back[0].comments[0], format!("newdoc id = {id}"));
            let code_points: Vec<usize> = text
                .char_indices()
                .map(|(b, _)| b)
                .chain([text.len()])
                .collect();
            for (k, (sentence, range)) in read_back.iter().zip(&doc.sentences).enumerate() {
                let tail = if k == 0 {
                    &sentence.comments[1..]
                } else {
                    &sentence.comments[..]
                };
                assert_eq!(tail[0], format!("sent_id = {id}-{}", k + 1));
                let first = &doc.tokens[range.start];
                let last = &doc.tokens[range.end - 1];
                assert_eq!(
                    tail[1],
                    format!("text = {}", one_line(&text[first.start..last.end], " "))
                );
                assert_eq!(sentence.lines.len(), range.len(), "{id} sentence {k}");
                for (line, index) in sentence.lines.iter().zip(range.clone()) {
                    let t = &doc.tokens[index];
                    assert_eq!(line.id, index - range.start + 1);
                    assert_eq!(line.form, text[t.start..t.end], "{id} token {index}");
                    assert_eq!(line.lemma, doc.lemma(index));
                    assert_eq!(
                        (line.upos.as_str(), line.xpos.as_str()),
                        (t.pos.as_str(), t.tag.as_str())
                    );
                    assert_eq!(line.feats, doc.morph(index));
                    let head = if line.head == 0 {
                        index
                    } else {
                        range.start + line.head - 1
                    };
                    assert_eq!(head, t.head, "{id} token {index}: head");
                    assert_eq!(line.deprel, t.dep.as_str());
                    let token_range = misc_value(line, "TokenRange").expect("TokenRange");
                    let (s, e) = token_range.split_once(':').expect("START:END");
                    let (s, e): (usize, usize) =
                        (s.parse().expect("start"), e.parse().expect("end"));
                    assert_eq!(
                        (code_points[s], code_points[e]),
                        (t.start, t.end),
                        "{id} token {index}"
                    );
                    assert_eq!(misc_value(line, "SpaceAfter") == Some("No"), !t.space_after);
                    let iob = str_at(&json, "ent_iob", index);
                    let expected_ner =
                        (iob != "O").then(|| format!("{iob}-{}", str_at(&json, "ent_type", index)));
                    assert_eq!(
                        misc_value(line, "NER"),
                        expected_ner.as_deref(),
                        "{id} token {index}"
                    );
                    space_tokens += usize::from(t.pos == Pos::Space);
                    tokens += 1;
                }
                sentences += 1;
            }
            documents += 1;
        }
        println!("CoNLL-U round trip: {documents} documents, {sentences} sentences, {tokens} tokens ({space_tokens} whitespace)");
        assert!(sentences > 3_000 && space_tokens > 0);
    }
}
