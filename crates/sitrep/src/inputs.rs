//! Inputs for the commands: documents read by `sitrep-ingest`, and a
//! progress bar on stderr when it is a terminal.

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::NaiveDate;
use sitrep_coder::{Document, Published};

/// Reads every input path into documents, errors included, in order.
pub fn read(paths: &[PathBuf]) -> impl Iterator<Item = Result<Document, String>> + '_ {
    paths.iter().flat_map(|p| {
        let r = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
        let id = p
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let v: Vec<Result<Document, String>> = match r {
            Err(e) => vec![Err(e)],
            Ok(text) => {
                if p.extension().is_some_and(|e| e == "jsonl") {
                    text.lines()
                        .filter(|l| !l.trim().is_empty())
                        .map(|l| {
                            let v: serde_json::Value =
                                serde_json::from_str(l).map_err(|e| e.to_string())?;
                            let text = v["text"].as_str().unwrap_or("").to_string();
                            let published = v["published"]
                                .as_str()
                                .and_then(|s| {
                                    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
                                })
                                .map(|date| Published {
                                    date,
                                    time: None,
                                    utc_offset_minutes: None,
                                });
                            Ok(Document {
                                id: v["id"].as_str().unwrap_or("").to_string(),
                                text,
                                published,
                                ..Document::default()
                            })
                        })
                        .collect()
                } else {
                    let mut lines = text.lines();
                    let title = lines.next().map(str::to_string);
                    let published = text.lines().nth(2).and_then(|l| {
                        let w: Vec<&str> = l.split_whitespace().collect();
                        (0..w.len().saturating_sub(2)).find_map(|i| {
                            NaiveDate::parse_from_str(&w[i..i + 3].join(" "), "%d %B %Y").ok()
                        })
                    });
                    let body_start = text.match_indices('\n').nth(2).map_or(0, |(i, _)| i + 1);
                    vec![Ok(Document {
                        id,
                        title,
                        published: published.map(|date| Published {
                            date,
                            time: None,
                            utc_offset_minutes: None,
                        }),
                        body_start,
                        text,
                        ..Document::default()
                    })]
                }
            }
        };
        v
    })
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
