//! `sitrep parse`: the syntax model's analysis as CoNLL-U; and `sitrep
//! explain`'s layout, each coder sentence's trace with its parse below.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use sitrep_coder::ExplainedSentence;
use sitrep_syntax::conllu::{SpanLines, SPAN_COLUMNS};
use sitrep_syntax::pipeline::Pipeline;
use sitrep_syntax::ParsedDoc;

use crate::inputs;

/// The embedded syntax model, loaded and validated.
pub fn load_pipeline() -> Result<Pipeline<'static>> {
    Pipeline::embedded().context("loading the embedded syntax model")
}

/// Parses every input document and prints CoNLL-U; a bad input is reported
/// with its name and skipped. Exit 1 only when nothing could be parsed.
pub fn parse_command(paths: &[PathBuf]) -> Result<ExitCode> {
    let pipeline = load_pipeline()?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let progress = inputs::Progress::new(paths);
    let (mut parsed, mut failed) = (0usize, 0usize);
    let mut conllu = String::new();
    for doc in inputs::read(paths) {
        let doc = match doc {
            Ok(d) => d,
            Err(e) => {
                eprintln!("sitrep: skipped: {e}");
                failed += 1;
                continue;
            }
        };
        let analysis = pipeline.parse(&doc.text);
        conllu.clear();
        sitrep_syntax::conllu::write_document(&mut conllu, &doc.id, &doc.text, &analysis);
        out.write_all(conllu.as_bytes()).context("writing output")?;
        parsed += 1;
        progress.tick(&doc.id);
    }
    out.flush().context("writing output")?;
    progress.finish();
    if failed > 0 {
        eprintln!("sitrep: {parsed} documents parsed, {failed} skipped");
    }
    Ok(if parsed == 0 && failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `sitrep explain` for one document: `== DOC_ID`, a legend of the parse
/// columns, then per coder sentence its trace (`S:` line, `=>` events)
/// followed by the parse of the tokens that start inside it, one compact
/// CoNLL-U-like line each (`SpanLines`). The coder's sentences are its own,
/// so a spaCy sentence may be cut in two: a head in the other part is
/// shown as `^FORM`.
pub fn explain(
    doc_id: &str,
    text: &str,
    sentences: &[ExplainedSentence],
    doc: &ParsedDoc,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "== {doc_id}\n   (parse columns: {SPAN_COLUMNS}; HEAD 0 = root, ^FORM = head in another sentence)"
    );
    let lines = SpanLines::new(text, doc);
    for sentence in sentences {
        out.push_str(&sentence.trace);
        lines.write(
            &mut out,
            sentence.span.start..sentence.span.end,
            PARSE_PREFIX,
        );
    }
    out.push('\n');
    out
}

/// Starts each parse line under a sentence, apart from its `=>` events.
const PARSE_PREFIX: &str = "   | ";
