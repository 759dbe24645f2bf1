//! Agreement with spaCy's tokenizer over `tests/data/reference.jsonl`:
//! token boundaries, `space_after` and the NORMs of tokenizer exceptions.
//! Needs the model file (`scripts/syntax/convert_model.py --allow-missing`).

use sitrep_syntax::container::ModelFile;
use sitrep_syntax::tokenizer::Tokenizer;

const MODEL_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/model/en_core_web_sm.srsyn");
const REFERENCE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/reference.jsonl");

/// The floor the brief sets: share of spaCy's tokens reproduced exactly.
const TOKEN_AGREEMENT_FLOOR: f64 = 0.995;

/// One token as spaCy gave it, offsets in code points.
struct SpacyToken {
    start: usize,
    end: usize,
    ws: bool,
    norm: String,
}

fn spacy_tokens(doc: &serde_json::Value) -> Vec<SpacyToken> {
    let column = |name: &str| {
        doc[name]
            .as_array()
            .unwrap_or_else(|| panic!("column {name}"))
            .clone()
    };
    let (starts, ends, ws, norms) = (column("start"), column("end"), column("ws"), column("norm"));
    (0..starts.len())
        .map(|i| SpacyToken {
            start: starts[i].as_u64().expect("start") as usize,
            end: ends[i].as_u64().expect("end") as usize,
            ws: ws[i].as_bool().expect("ws"),
            norm: norms[i].as_str().expect("norm").to_string(),
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    spacy_tokens: usize,
    ours: usize,
    same_span: usize,
    same_ws: usize,
    norms_set: usize,
    norms_equal: usize,
    norm_from_table: usize,
    docs_identical: usize,
    docs: usize,
    examples: Vec<String>,
}

#[test]
fn tokens_agree_with_spacy() {
    let bytes = std::fs::read(MODEL_PATH).unwrap_or_else(|err| {
        panic!("{MODEL_PATH}: {err} (run scripts/syntax/convert_model.py --allow-missing)")
    });
    let model = ModelFile::parse(&bytes).expect("model file parses");
    let tokenizer = Tokenizer::from_model(&model).expect("tokenizer loads");
    let reference = std::fs::read_to_string(REFERENCE_PATH).expect("reference file");
    let mut tally = Tally::default();
    for line in reference.lines().filter(|l| !l.trim().is_empty()) {
        let doc: serde_json::Value = serde_json::from_str(line).expect("reference line is JSON");
        let text = doc["text"].as_str().expect("text");
        let id = doc["id"].as_str().unwrap_or("?");
        let expected = spacy_tokens(&doc);
        // Byte offset -> code point offset.
        let mut cp_of_byte = vec![0usize; text.len() + 1];
        for (cp, (b, c)) in text.char_indices().enumerate() {
            cp_of_byte[b..b + c.len_utf8()].fill(cp);
        }
        cp_of_byte[text.len()] = text.chars().count();
        let ours = tokenizer.tokenize(text);
        let by_span: std::collections::HashMap<(usize, usize), &sitrep_syntax::Token> = ours
            .iter()
            .map(|t| ((cp_of_byte[t.start], cp_of_byte[t.end]), t))
            .collect();
        tally.docs += 1;
        tally.spacy_tokens += expected.len();
        tally.ours += ours.len();
        let mut identical = ours.len() == expected.len();
        for e in &expected {
            let Some(t) = by_span.get(&(e.start, e.end)) else {
                identical = false;
                if tally.examples.len() < 40 {
                    let chars: Vec<char> = text.chars().collect();
                    let from = e.start.saturating_sub(20);
                    let to = (e.end + 20).min(chars.len());
                    let context: String = chars[from..to].iter().collect();
                    let piece: String = chars[e.start..e.end].iter().collect();
                    tally
                        .examples
                        .push(format!("{id}: spaCy token {piece:?} in {context:?}"));
                }
                continue;
            };
            tally.same_span += 1;
            tally.same_ws += usize::from(t.space_after == e.ws);
            let surface: String = text[t.start..t.end].to_lowercase();
            match &t.norm {
                Some(norm) => {
                    tally.norms_set += 1;
                    tally.norms_equal += usize::from(**norm == *e.norm);
                }
                None => tally.norm_from_table += usize::from(e.norm != surface),
            }
            identical &= t.space_after == e.ws;
        }
        tally.docs_identical += usize::from(identical);
    }
    let share = tally.same_span as f64 / tally.spacy_tokens as f64;
    println!(
        "tokenizer agreement: {} of {} spaCy tokens reproduced exactly ({:.4}%), we made {}; \
         space_after equal on {} of those; {} of {} documents identical",
        tally.same_span,
        tally.spacy_tokens,
        100.0 * share,
        tally.ours,
        tally.same_ws,
        tally.docs_identical,
        tally.docs
    );
    println!(
        "norms: {} of {} exception NORMs equal to spaCy's; {} tokens where spaCy's norm differs \
         from the lower-cased text but no exception set one (the lookup table's job)",
        tally.norms_equal, tally.norms_set, tally.norm_from_table
    );
    for example in &tally.examples {
        println!("  {example}");
    }
    assert!(
        share >= TOKEN_AGREEMENT_FLOOR,
        "token agreement {share:.4} below {TOKEN_AGREEMENT_FLOOR}"
    );
    assert_eq!(
        tally.same_ws, tally.same_span,
        "space_after differs from spaCy's"
    );
    assert_eq!(
        tally.norms_equal, tally.norms_set,
        "an exception NORM differs from spaCy's"
    );
}
