//! End-to-end reading of the fixtures in `test_data/` through `read_inputs`.

use std::path::PathBuf;

use sitrep_coder::Document;
use sitrep_ingest::{read_inputs, IngestError};
use sitrep_testkit::Scratch;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("test_data")
        .join(name)
}

fn read(name: &str) -> Vec<Result<Document, IngestError>> {
    read_inputs(&[fixture(name)]).collect()
}

fn one(name: &str) -> Document {
    let mut all = read(name);
    assert_eq!(all.len(), 1, "{name}: {all:?}");
    match all.pop() {
        Some(Ok(doc)) => doc,
        other => panic!("{name}: {other:?}"),
    }
}

fn body(doc: &Document) -> &str {
    doc.text.get(doc.body_start..).unwrap_or("")
}

#[test]
fn article_file() {
    let doc = one("article.txt");
    assert_eq!(doc.id, "article");
    assert_eq!(
        doc.title.as_deref(),
        Some("Border guards exchange fire as talks stall (UPDATE)")
    );
    assert!(doc.is_update);
    let p = doc.published.expect("published");
    assert_eq!(p.date.to_string(), "2023-03-03");
    assert_eq!(p.utc_offset_minutes, Some(180));
    assert_eq!(
        doc.dateline.map(|s| s.of(&doc.text)),
        Some("SYLVANIA CITY, Sylvania")
    );
    assert!(body(&doc).starts_with("Border guards from Freedonia"));
    let sentences = sitrep_coder::sentences::split_sentences(
        &doc.text,
        sitrep_coder::Span::new(doc.body_start, doc.text.len()),
    );
    let texts: Vec<&str> = sentences.iter().map(|s| s.of(&doc.text)).collect();
    assert_eq!(texts.len(), 3, "{texts:#?}");
    assert!(texts[1].ends_with("U.S. embassy compound."), "{texts:#?}");
}

#[test]
fn jsonl_with_bad_lines() {
    let all = read("docs.jsonl");
    assert_eq!(all.len(), 5, "{all:?}");
    let first = all[0].as_ref().expect("line 1");
    assert_eq!(first.id, "j-1");
    assert_eq!(first.title.as_deref(), Some("Ceasefire agreed"));
    assert_eq!(first.source.as_deref(), Some("wire"));
    assert_eq!(first.url.as_deref(), Some("https://example.org/1"));
    assert_eq!(
        first.published.and_then(|p| p.utc_offset_minutes),
        Some(120)
    );
    assert_eq!(
        first.dateline.map(|s| s.of(&first.text)),
        Some("RIVERTON, Freedonia")
    );
    assert!(body(first).starts_with("The two sides agreed"));

    let bad = all[1]
        .as_ref()
        .expect_err("line 3 is truncated")
        .to_string();
    assert!(bad.contains("docs.jsonl:3: invalid JSON"), "{bad}");
    assert!(
        bad.contains("line 1 column"),
        "position within the line: {bad}"
    );
    assert_eq!(all[2].as_ref().map(|d| d.id.as_str()).ok(), Some("j-3"));
    let no_id = all[3].as_ref().expect_err("line 5 has no id").to_string();
    assert!(
        no_id.contains("docs.jsonl:5: missing required field \"id\""),
        "{no_id}"
    );
    assert_eq!(all[4].as_ref().map(|d| d.id.as_str()).ok(), Some("4"));
}

#[test]
fn html_page() {
    let doc = one("page.html");
    assert_eq!(doc.id, "page");
    assert_eq!(doc.title.as_deref(), Some("Troops pull back from border"));
    assert_eq!(
        doc.published.map(|p| p.date.to_string()).as_deref(),
        Some("2023-03-08")
    );
    assert!(
        doc.text
            .contains("began pulling back from the disputed border"),
        "{}",
        doc.text
    );
    assert!(doc.text.contains("“This is a first step,”"), "{}", doc.text);
    assert!(doc.text.contains("\n\n"), "paragraphs kept: {}", doc.text);
    for junk in [
        "Buy now",
        "trackPageView",
        "Home",
        "Sport",
        "recipes",
        "rights reserved",
        "display",
    ] {
        assert!(!doc.text.contains(junk), "{junk} leaked: {}", doc.text);
    }
    assert_eq!(
        doc.dateline.map(|s| s.of(&doc.text)),
        Some("MILLBROOK, Freedonia")
    );
    assert!(
        body(&doc).starts_with("Freedonian troops began"),
        "{}",
        body(&doc)
    );
}

#[test]
fn windows_1251_html() {
    let doc = one("cyrillic-1251.html");
    assert_eq!(doc.title.as_deref(), Some("Москва и Киев"));
    assert!(doc.text.contains("Министр иностранных дел"), "{}", doc.text);
    assert!(
        doc.text.contains("Наблюдатели прибудут в понедельник."),
        "{}",
        doc.text
    );
}

#[test]
fn latin1_text() {
    let doc = one("latin1.txt");
    assert_eq!(doc.title.as_deref(), Some("Café owners protest in Zürich"));
    assert!(doc.text.contains("Owners of cafés marched through Zürich"));
    assert_eq!(
        doc.dateline.map(|s| s.of(&doc.text)),
        Some("ZURICH, Switzerland")
    );
}

#[test]
fn empty_and_binary_files_are_refused() {
    let empty = read("empty.txt");
    let msg = empty[0].as_ref().expect_err("empty").to_string();
    assert!(msg.ends_with("empty.txt: the input is empty"), "{msg}");
    let binary = read("binary.dat");
    let msg = binary[0].as_ref().expect_err("binary").to_string();
    assert!(
        msg.contains("binary.dat: looks like a binary file"),
        "{msg}"
    );
}

#[test]
fn missing_file_names_the_path() {
    let all = read("no-such-file.txt");
    let msg = all[0].as_ref().expect_err("missing").to_string();
    assert!(msg.contains("no-such-file.txt: cannot read"), "{msg}");
}

#[test]
fn folder_walk_is_sorted_and_skips_hidden_unknown_and_non_documents() {
    let ids: Vec<String> = read("folder")
        .into_iter()
        .map(|r| r.map(|d| d.id).unwrap_or_else(|e| format!("error: {e}")))
        .collect();
    assert_eq!(ids, ["a-first", "b-second", "c-1", "c-2"]);
}

#[test]
fn errors_do_not_stop_the_rest() {
    let paths = [
        fixture("empty.txt"),
        fixture("article.txt"),
        fixture("binary.dat"),
    ];
    let results: Vec<_> = read_inputs(&paths).collect();
    assert_eq!(results.len(), 3);
    assert!(results[0].is_err() && results[1].is_ok() && results[2].is_err());
}

#[test]
fn jsonl_without_text_is_an_error_when_named() {
    let all: Vec<_> = read_inputs(&[fixture("folder/gold.jsonl")]).collect();
    let msg = all[0].as_ref().expect_err("no text").to_string();
    assert!(
        msg.contains("gold.jsonl:1: missing required field \"id\""),
        "{msg}"
    );
}

#[cfg(unix)]
#[test]
fn fifo_is_refused_and_the_batch_goes_on() {
    let scratch = Scratch::new("ingest-fifo");
    let dir = scratch.path().to_path_buf();
    let fifo = dir.join("a.txt");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    std::fs::write(dir.join("b.txt"), "Headline\n\nRebels attacked a town.").expect("write");
    // Named directly and found in a folder: both refused, neither blocks.
    let all: Vec<_> = sitrep_ingest::read_inputs(&[fifo.clone(), dir.clone()]).collect();
    assert_eq!(all.len(), 3, "{all:?}");
    for r in &all[..2] {
        let e = r.as_ref().expect_err("fifo refused");
        assert!(matches!(e, IngestError::NotRegular { .. }), "{e}");
        assert!(e.to_string().contains("named pipe (FIFO)"), "{e}");
    }
    assert_eq!(all[2].as_ref().map(|d| d.id.as_str()).ok(), Some("b"));
}

#[test]
fn documents_over_the_limit_are_refused_and_the_batch_goes_on() {
    let scratch = Scratch::new("ingest-limit");
    let dir = scratch.path().to_path_buf();
    let options = sitrep_ingest::ReadOptions {
        max_document_bytes: 1000,
    };
    let big = "Rebels attacked a town. ".repeat(100);
    std::fs::write(dir.join("a-big.txt"), format!("Headline\n\n{big}")).expect("write");
    std::fs::write(
        dir.join("b-small.txt"),
        "Headline\n\nRebels attacked a town.",
    )
    .expect("w");
    let huge_line = format!("{{\"id\":\"h\",\"text\":\"{}\"}}", "x".repeat(10_000));
    std::fs::write(
        dir.join("c.jsonl"),
        format!(
            "{{\"id\":\"o\",\"text\":\"{big}\"}}\n{huge_line}\n{{\"id\":\"ok\",\"text\":\"Fine.\"}}\n"
        ),
    )
    .expect("write");
    let all: Vec<_> =
        sitrep_ingest::read_inputs_with(std::slice::from_ref(&dir), options).collect();
    let summary: Vec<String> = all
        .iter()
        .map(|r| match r {
            Ok(d) => format!("ok {}", d.id),
            Err(e) => e.to_string(),
        })
        .collect();
    assert_eq!(summary.len(), 5, "{summary:#?}");
    assert!(
        summary[0].contains("a-big.txt: the document is larger than the limit of 1000 bytes"),
        "{summary:#?}"
    );
    assert_eq!(summary[1], "ok b-small");
    assert!(
        summary[2].contains("c.jsonl:1: the document is larger"),
        "{summary:#?}"
    );
    assert!(
        summary[3].contains("c.jsonl:2: the document is larger"),
        "{summary:#?}"
    );
    assert_eq!(summary[4], "ok ok");
}
