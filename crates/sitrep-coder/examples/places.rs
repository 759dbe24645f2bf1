//! Evaluation harness: resolves the places of every document of a JSONL file.
//!
//! usage: places GAZETTEER.tsv DOCS.jsonl > predictions.jsonl
//!
//! Each input line is `{"id", "text", ...}`; each output line is one
//! `PlaceRecord` with code-point offsets into `text`.

use std::time::Instant;

use sitrep_coder::places::{Gazetteer, PlaceContext};
use sitrep_coder::record::CharIndex;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, gaz_path, docs_path] = args.as_slice() else {
        return Err("usage: places GAZETTEER.tsv DOCS.jsonl".into());
    };
    let src = std::fs::read_to_string(gaz_path)?;
    let t = Instant::now();
    let gaz = Gazetteer::parse(&src, gaz_path)?;
    eprintln!(
        "gazetteer: {} places parsed in {:?}",
        gaz.len(),
        t.elapsed()
    );
    let docs = std::fs::read_to_string(docs_path)?;
    let t = Instant::now();
    let mut out = String::new();
    for (n, line) in docs.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let doc: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{docs_path}:{}: {e}", n + 1))?;
        let id = doc["id"]
            .as_str()
            .map_or_else(|| doc["id"].to_string(), str::to_string);
        let text = doc["text"].as_str().unwrap_or("");
        let index = CharIndex::new(text);
        for m in gaz.find_places(text, &PlaceContext::default()) {
            let rec = gaz.place_record(&id, text, &index, &m);
            out.push_str(&serde_json::to_string(&rec)?);
            out.push('\n');
        }
    }
    eprintln!("resolved in {:?}", t.elapsed());
    print!("{out}");
    Ok(())
}
