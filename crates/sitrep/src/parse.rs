//! `sitrep parse`: the syntax model's analysis as CoNLL-U; and the parse
//! shown by `sitrep explain`.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use sitrep_syntax::pipeline::Pipeline;
use sitrep_syntax::{ParsedDoc, Pos};

use crate::inputs;

/// The embedded syntax model, loaded and validated.
pub fn load_pipeline() -> Result<Pipeline> {
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

/// The parse of each sentence as an indented dependency tree, for
/// `sitrep explain`: `P:` and the sentence, then one line per token under
/// its head: text, POS, label, lemma when it differs, entity label.
/// Whitespace tokens are left out (their dependents are still shown).
pub fn explain_parse(text: &str, doc: &ParsedDoc) -> String {
    let mut out = String::new();
    let entity_of = entity_labels(doc);
    for sentence in &doc.sentences {
        let Some(tokens) = doc.tokens.get(sentence.clone()) else {
            continue;
        };
        let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
            continue;
        };
        let line = one_line(text.get(first.start..last.end).unwrap_or(""));
        if line.is_empty() {
            continue;
        }
        let _ = writeln!(out, "P: {line}");
        let children = children_in(doc, sentence);
        let mut shown = vec![false; sentence.len()];
        // Roots first (a root is its own head, or its head is outside the
        // sentence), then anything a cycle left unreached, flat.
        let roots: Vec<usize> = sentence
            .clone()
            .filter(|&i| {
                let head = doc.tokens[i].head;
                head == i || !sentence.contains(&head)
            })
            .collect();
        for root in roots.into_iter().chain(sentence.clone()) {
            write_subtree(
                &mut out, text, doc, &entity_of, &children, sentence, root, &mut shown,
            );
        }
    }
    out
}

/// Dependents of each token of the sentence (indices relative to its start),
/// in text order.
fn children_in(doc: &ParsedDoc, sentence: &std::ops::Range<usize>) -> Vec<Vec<usize>> {
    let mut children = vec![Vec::new(); sentence.len()];
    for i in sentence.clone() {
        let head = doc.tokens[i].head;
        if head != i && sentence.contains(&head) {
            children[head - sentence.start].push(i);
        }
    }
    children
}

/// Deepest indentation shown: deeper dependents stay at this level, so a
/// pathological parse cannot make lines grow without bound.
const MAX_INDENT: usize = 24;

/// Writes `root` and its dependents, depth first in text order (an explicit
/// stack: a long chain of dependents cannot overflow the call stack).
#[allow(clippy::too_many_arguments)]
fn write_subtree(
    out: &mut String,
    text: &str,
    doc: &ParsedDoc,
    entity_of: &[Option<&'static str>],
    children: &[Vec<usize>],
    sentence: &std::ops::Range<usize>,
    root: usize,
    shown: &mut [bool],
) {
    let mut stack = vec![(root, 0usize)];
    while let Some((index, depth)) = stack.pop() {
        let local = index - sentence.start;
        if shown[local] {
            continue;
        }
        shown[local] = true;
        let token = &doc.tokens[index];
        let mut depth_below = depth;
        if token.pos != Pos::Space {
            let form = text.get(token.start..token.end).unwrap_or("");
            let _ = write!(
                out,
                "   {:indent$}{form}  {} {}",
                "",
                token.pos.as_str(),
                token.dep.as_str(),
                indent = depth.min(MAX_INDENT) * 2
            );
            if token.lemma != form {
                let _ = write!(out, " lemma={}", token.lemma);
            }
            if let Some(label) = entity_of.get(index).copied().flatten() {
                let _ = write!(out, " [{label}]");
            }
            out.push('\n');
            depth_below += 1;
        }
        for &child in children[local].iter().rev() {
            stack.push((child, depth_below));
        }
    }
}

/// The entity label of each token, if inside an entity.
fn entity_labels(doc: &ParsedDoc) -> Vec<Option<&'static str>> {
    let mut labels = vec![None; doc.tokens.len()];
    for e in &doc.entities {
        for label in labels.iter_mut().take(e.end).skip(e.start) {
            *label = Some(e.label.as_str());
        }
    }
    labels
}

/// Every run of whitespace or control characters as one space, trimmed.
fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
