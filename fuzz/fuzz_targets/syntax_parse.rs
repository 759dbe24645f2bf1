//! The whole syntax pipeline (tokenizer, tagger, parser, NER, attribute
//! ruler, lemmatizer) and its CoNLL-U: any text gives tokens that rebuild
//! the text exactly, heads inside their sentence, sentences that tile the
//! tokens, ordered non-overlapping entities, and well-formed CoNLL-U lines.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_syntax::conllu::write_document;
use sitrep_syntax::pipeline::Pipeline;
use sitrep_syntax::ParsedDoc;
use std::sync::OnceLock;

static PIPELINE: OnceLock<Pipeline<'static>> = OnceLock::new();

fn check(text: &str, doc: &ParsedDoc) {
    // spaCy's tokens plus their trailing single spaces are the text.
    let mut rebuilt = String::with_capacity(text.len());
    for t in &doc.tokens {
        assert!(t.start < t.end && t.end <= text.len(), "token {}..{} outside the text", t.start, t.end);
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end), "token off char boundaries");
        assert_eq!(t.start, rebuilt.len(), "tokens leave a gap or overlap");
        rebuilt.push_str(&text[t.start..t.end]);
        if t.space_after {
            rebuilt.push(' ');
        }
    }
    assert_eq!(rebuilt, text, "tokens do not rebuild the text");

    let mut next = 0;
    for s in &doc.sentences {
        assert!(s.start == next && s.start < s.end, "sentences do not tile the tokens");
        next = s.end;
        for i in s.clone() {
            assert!(s.contains(&doc.tokens[i].head), "token {i}: head outside its sentence");
        }
    }
    assert_eq!(next, doc.tokens.len(), "sentences do not cover every token");

    let mut last_end = 0;
    for e in &doc.entities {
        assert!(e.start >= last_end && e.start < e.end && e.end <= doc.tokens.len(), "bad entity {e:?}");
        last_end = e.end;
    }

    let mut out = String::new();
    write_document(&mut out, "fuzz", text, doc);
    for line in out.lines() {
        assert!(
            line.is_empty() || line.starts_with("# ") || line.split('\t').count() == 10,
            "bad CoNLL-U line {line:?}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let pipeline = PIPELINE.get_or_init(|| Pipeline::embedded().expect("the embedded model loads"));
    let text = String::from_utf8_lossy(data);
    let doc = pipeline.parse(&text);
    check(&text, &doc);
    let plain = pipeline.parse_without_entities(&text);
    check(&text, &plain);
    assert!(plain.entities.is_empty(), "entities without NER");
    assert_eq!(plain.tokens, doc.tokens, "NER changed the parse");
});
