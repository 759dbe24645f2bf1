//! The attribute ruler and lemmatizer against spaCy: fed spaCy's own tokens,
//! tags and labels from `tests/data/reference.jsonl`, POS, morphology and
//! lemmas must agree on ≥ 99.5% of tokens; and a table of hard cases
//! (`tests/data/lexical_cases.tsv`, expected values written by spaCy).
//!
//! Needs the model file (`scripts/syntax/convert_model.py`).
//! `SITREP_SYNTAX_REFERENCE=FILE` measures the agreement on another file.

use sitrep_syntax::container::ModelFile;
use sitrep_syntax::lexical::Lexical;
use sitrep_syntax::{Dep, Tag, Token};
use std::path::PathBuf;

fn data_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)
}

fn load_lexical() -> Lexical {
    let path = data_path("model/en_core_web_sm.srsyn");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; write it with `/opt/spacy-venv/bin/python scripts/syntax/convert_model.py`",
            path.display()
        )
    });
    let model = ModelFile::parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Lexical::from_model(&model).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Byte offset of each code point index in `text` (and of its end).
fn byte_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect()
}

struct RefDoc {
    id: String,
    text: String,
    tokens: Vec<Token>,
    tags: Vec<Tag>,
    deps: Vec<Dep>,
    pos: Vec<String>,
    morph: Vec<String>,
    lemma: Vec<String>,
}

fn strings(doc: &serde_json::Value, key: &str) -> Vec<String> {
    doc[key]
        .as_array()
        .unwrap_or_else(|| panic!("reference: no column {key}"))
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("reference: {key} not a string"))
                .to_string()
        })
        .collect()
}

fn numbers(doc: &serde_json::Value, key: &str) -> Vec<usize> {
    doc[key]
        .as_array()
        .unwrap_or_else(|| panic!("reference: no column {key}"))
        .iter()
        .map(|v| {
            v.as_u64()
                .unwrap_or_else(|| panic!("reference: {key} not a number")) as usize
        })
        .collect()
}

/// The committed reference file, or the file in `SITREP_SYNTAX_REFERENCE`
/// (same format, from `scripts/syntax/spacy_reference.py`'s `analyse`): a
/// way to measure agreement on texts that may not be committed.
fn read_reference() -> Vec<RefDoc> {
    let path = std::env::var_os("SITREP_SYNTAX_REFERENCE")
        .map_or_else(|| data_path("tests/data/reference.jsonl"), PathBuf::from);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .map(|(n, line)| {
            let doc: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("reference line {}: {e}", n + 1));
            let text = doc["text"].as_str().expect("reference: text").to_string();
            let offsets = byte_offsets(&text);
            let (starts, ends) = (numbers(&doc, "start"), numbers(&doc, "end"));
            let ws = doc["ws"].as_array().expect("reference: ws");
            let tokens = starts
                .iter()
                .zip(&ends)
                .zip(ws)
                .map(|((&s, &e), w)| Token {
                    start: offsets[s],
                    end: offsets[e],
                    space_after: w.as_bool().unwrap_or(false),
                    norm: None,
                })
                .collect();
            let tags = strings(&doc, "tag")
                .iter()
                .map(|t| Tag::parse(t).expect("known tag"))
                .collect();
            let deps = strings(&doc, "dep")
                .iter()
                .map(|d| Dep::parse(d).expect("known label"))
                .collect();
            RefDoc {
                id: doc["id"].as_str().expect("reference: id").to_string(),
                text,
                tokens,
                tags,
                deps,
                pos: strings(&doc, "pos"),
                morph: strings(&doc, "morph"),
                lemma: strings(&doc, "lemma"),
            }
        })
        .collect()
}

#[test]
fn pos_morphology_and_lemmas_agree_with_spacy() {
    let lexical = load_lexical();
    let docs = read_reference();
    let (mut total, mut pos_ok, mut morph_ok, mut lemma_ok) = (0usize, 0usize, 0usize, 0usize);
    let mut shown = 0;
    for doc in &docs {
        let out = lexical.annotate(&doc.text, &doc.tokens, &doc.tags, &doc.deps);
        assert_eq!(
            out.len(),
            doc.tokens.len(),
            "{}: one analysis per token",
            doc.id
        );
        for (i, got) in out.iter().enumerate() {
            total += 1;
            let same = [
                got.pos.as_str() == doc.pos[i],
                got.morph == doc.morph[i],
                got.lemma == doc.lemma[i],
            ];
            pos_ok += usize::from(same[0]);
            morph_ok += usize::from(same[1]);
            lemma_ok += usize::from(same[2]);
            if same.contains(&false) && shown < 25 {
                shown += 1;
                let t = &doc.tokens[i];
                println!(
                    "{} token {i} {:?} {}: got {} {:?} {:?}, spaCy {} {:?} {:?}",
                    doc.id,
                    &doc.text[t.start..t.end],
                    doc.tags[i],
                    got.pos,
                    got.morph,
                    got.lemma,
                    doc.pos[i],
                    doc.morph[i],
                    doc.lemma[i]
                );
            }
        }
    }
    let pct = |n: usize| 100.0 * n as f64 / total as f64;
    println!(
        "lexical agreement over {} documents, {total} tokens: POS {:.3}%, morphology {:.3}%, lemma {:.3}%",
        docs.len(),
        pct(pos_ok),
        pct(morph_ok),
        pct(lemma_ok)
    );
    assert!(total > 10_000, "reference file too small: {total} tokens");
    assert!(pct(pos_ok) >= 99.5, "POS agreement {:.3}%", pct(pos_ok));
    assert!(
        pct(morph_ok) >= 99.5,
        "morphology agreement {:.3}%",
        pct(morph_ok)
    );
    assert!(
        pct(lemma_ok) >= 99.5,
        "lemma agreement {:.3}%",
        pct(lemma_ok)
    );
}

/// One token line of the hard-case table.
struct CaseToken {
    text: String,
    tag: Tag,
    dep: Dep,
    expected: [String; 5],
}

fn unescape(field: &str) -> String {
    field
        .replace("\\n", "\n")
        .replace("\\t", "\t")
        .replace("\\s", " ")
}

fn read_cases() -> Vec<(String, Vec<CaseToken>)> {
    let path = data_path("tests/data/lexical_cases.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut cases: Vec<(String, Vec<CaseToken>)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let at = || format!("{} line {}", path.display(), n + 1);
        if line.starts_with("##") {
            continue;
        }
        if let Some(name) = line.strip_prefix("# ") {
            cases.push((name.to_string(), Vec::new()));
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 8, "{}: 8 columns", at());
        let field = |i: usize| {
            if cols[i] == "_" {
                String::new()
            } else {
                unescape(cols[i])
            }
        };
        let token = CaseToken {
            text: unescape(cols[0]),
            tag: Tag::parse(cols[1]).unwrap_or_else(|| panic!("{}: unknown tag", at())),
            dep: Dep::parse(cols[2]).unwrap_or_else(|| panic!("{}: unknown label", at())),
            expected: [field(3), field(4), field(5), field(6), field(7)],
        };
        cases
            .last_mut()
            .unwrap_or_else(|| panic!("{}: token before a case name", at()))
            .1
            .push(token);
    }
    cases
}

#[test]
fn hard_cases_match_spacy() {
    let lexical = load_lexical();
    let cases = read_cases();
    assert!(
        cases.len() >= 20,
        "hard-case table has {} cases",
        cases.len()
    );
    let mut failures = Vec::new();
    for (name, case) in &cases {
        let mut text = String::new();
        let mut tokens = Vec::new();
        for (i, t) in case.iter().enumerate() {
            let is_space = t.text.chars().all(char::is_whitespace);
            let next_is_space = case
                .get(i + 1)
                .is_some_and(|n| n.text.chars().all(char::is_whitespace));
            let space_after = !is_space && !next_is_space && i + 1 < case.len();
            tokens.push(Token {
                start: text.len(),
                end: text.len() + t.text.len(),
                space_after,
                norm: None,
            });
            text.push_str(&t.text);
            if space_after {
                text.push(' ');
            }
        }
        let tags: Vec<Tag> = case.iter().map(|t| t.tag).collect();
        let deps: Vec<Dep> = case.iter().map(|t| t.dep).collect();
        for (t, got) in case
            .iter()
            .zip(lexical.annotate(&text, &tokens, &tags, &deps))
        {
            let got_cols = [
                got.pos.as_str().to_string(),
                got.morph.clone(),
                got.lemma.clone(),
                got.tag.as_str().to_string(),
                got.dep.map_or("", Dep::as_str).to_string(),
            ];
            if got_cols != t.expected {
                failures.push(format!(
                    "{name}: {:?}: got {got_cols:?}, spaCy {:?}",
                    t.text, t.expected
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn untagged_unparsed_and_odd_input_does_not_panic() {
    let lexical = load_lexical();
    let text = "a\u{1f}b ñ";
    let tokens = vec![
        Token {
            start: 0,
            end: 1,
            space_after: false,
            norm: None,
        },
        Token {
            start: 1,
            end: 2,
            space_after: false,
            norm: None,
        },
        // Offsets inside a character and beyond the text: a caller's mistake, tolerated.
        Token {
            start: 5,
            end: 6,
            space_after: false,
            norm: None,
        },
        Token {
            start: 4,
            end: 99,
            space_after: false,
            norm: None,
        },
    ];
    let out = lexical.annotate(text, &tokens, &[Tag::Dt], &[]);
    assert_eq!(out.len(), 4);
    assert_eq!(
        out[1].pos.as_str(),
        "SPACE",
        "U+001F is whitespace to Python"
    );
    assert_eq!(out[0].dep, None);
    assert!(lexical.annotate("", &[], &[], &[]).is_empty());
}

/// A container (container.rs layout) of the given sections.
fn container(sections: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = b"SRSYNTX1".to_vec();
    out.extend((sections.len() as u32).to_le_bytes());
    for (name, data) in sections {
        out.extend((name.len() as u16).to_le_bytes());
        out.extend(name.as_bytes());
        out.extend((data.len() as u64).to_le_bytes());
        out.extend(*data);
    }
    out
}

#[test]
fn truncated_or_corrupt_sections_are_refused_with_their_name() {
    let bytes = std::fs::read(data_path("model/en_core_web_sm.srsyn")).expect("model file");
    let model = ModelFile::parse(&bytes).expect("model file parses");
    let names = [
        "lexical.attribute_ruler",
        "lexical.lemmatizer",
        "lexical.isalpha",
    ];
    let sections: Vec<(&str, &[u8])> = names
        .iter()
        .map(|n| (*n, model.section(n).expect("lexical section")))
        .collect();
    for (k, (name, data)) in sections.iter().enumerate() {
        let step = (data.len() / 97).max(1);
        for cut in (0..data.len()).step_by(step).chain(0..64.min(data.len())) {
            let mut damaged = sections.clone();
            damaged[k] = (name, &data[..cut]);
            let file = container(&damaged);
            let model = ModelFile::parse(&file).expect("container");
            let err = Lexical::from_model(&model).expect_err("a truncated section is refused");
            assert!(err.to_string().contains(name), "{name} cut at {cut}: {err}");
        }
        // Flipped bytes: an error or a model, never a panic.
        for at in (0..data.len()).step_by(step) {
            let mut flipped = data.to_vec();
            flipped[at] ^= 0x5a;
            let mut damaged = sections.clone();
            damaged[k] = (name, &flipped);
            let file = container(&damaged);
            let _ = Lexical::from_model(&ModelFile::parse(&file).expect("container"));
        }
    }
}
