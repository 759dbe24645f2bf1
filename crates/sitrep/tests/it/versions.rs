//! The seed case of issue 4 end to end: the seed article (an "(UPDATE)")
//! and its first version, ingested together with `sitrep ingest`, are one
//! document with two versions and the events once.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::support::{sitrep, Scratch, LIMIT};

/// The seed article from the shared evaluation folder (`SHARED`, default
/// `../shared` beside the repo), or `None` (and a "skipped" message) when
/// it is not there.
fn seed_article() -> Option<String> {
    let shared = std::env::var_os("SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let path = shared.join("eval/dev/csto-withdrawal.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            eprintln!(
                "seed-case test skipped: cannot read {} ({e})",
                path.display()
            );
            None
        }
    }
}

/// The article as first posted: no "(UPDATE)", the 17:09 time, no
/// "Details added" line.
fn first_version(update: &str) -> String {
    update
        .replacen(" (UPDATE)", "", 1)
        .replacen("17:39", "17:09", 1)
        .lines()
        .filter(|l| !l.starts_with("Details added"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn event_ids(jsonl: &str) -> BTreeSet<String> {
    jsonl
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["event_id"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn an_article_and_its_update_ingested_together_are_one_document() {
    let Some(update) = seed_article() else {
        return;
    };
    let first = first_version(&update);
    assert_ne!(first, update);
    let scratch = Scratch::new("versions");
    let upd = scratch.file("in/csto-withdrawal.txt", &update);
    scratch.file("in/csto-withdrawal-first.txt", &first);
    let coded = sitrep(&[&"code", &upd], LIMIT);
    assert_eq!(coded.code, 0, "{}", coded.stderr);
    let want = event_ids(&coded.stdout);
    assert!(!want.is_empty());

    let db = scratch.join("t.db");
    let dir = scratch.join("in");
    let run = sitrep(&[&"ingest", &"--db", &db, &dir], LIMIT);
    run.assert_clean();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("1 added") && run.stderr.contains("1 older versions kept in history"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("stored as a version"), "{}", run.stderr);

    let exported = sitrep(&[&"export", &"--db", &db, &"--format", &"jsonl"], LIMIT);
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    assert_eq!(
        event_ids(&exported.stdout),
        want,
        "the update's events, once"
    );

    let store = sitrep_store::Store::open(&db.to_string_lossy()).expect("open store");
    let counts = store.counts().expect("counts");
    assert_eq!((counts.documents, counts.versions), (1, 2));
    let view = store
        .document("csto-withdrawal")
        .expect("document")
        .expect("stored");
    assert_eq!(view.versions.len(), 2);
    assert_eq!(view.text, update, "the update is the current version");
    let arrived: Vec<&str> = view
        .versions
        .iter()
        .map(|v| v.arrived_as.as_str())
        .collect();
    assert_eq!(arrived, ["csto-withdrawal", "csto-withdrawal-first"]);
    drop(store);

    // Again: nothing new.
    let again = sitrep(&[&"ingest", &"--db", &db, &dir], LIMIT);
    assert!(again.stderr.contains("2 unchanged"), "{}", again.stderr);

    // The other order, one file at a time: the update becomes version 2.
    let db2 = scratch.join("t2.db");
    let first_path = scratch.join("in/csto-withdrawal-first.txt");
    let r1 = sitrep(&[&"ingest", &"--db", &db2, &first_path], LIMIT);
    assert_eq!(r1.code, 0, "{}", r1.stderr);
    let r2 = sitrep(&[&"ingest", &"--db", &db2, &upd], LIMIT);
    assert!(r2.stderr.contains("1 new versions"), "{}", r2.stderr);
    let exported = sitrep(&[&"export", &"--db", &db2, &"--format", &"jsonl"], LIMIT);
    let mut got: Vec<serde_json::Value> = exported
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(got.len(), want.len());
    assert!(got
        .iter_mut()
        .all(|e| e["doc_id"] == "csto-withdrawal-first"));

    // Stories over the store.
    let stories = sitrep(&[&"stories", &"--db", &db], LIMIT);
    assert_eq!(stories.code, 0, "{}", stories.stderr);
    let merged = stories.events();
    let mentions: u64 = merged.iter().filter_map(|s| s["mentions"].as_u64()).sum();
    assert_eq!(mentions as usize, want.len());
}
