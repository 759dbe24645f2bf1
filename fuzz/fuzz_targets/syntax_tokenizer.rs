//! spaCy's tokenizer in Rust: never panics, and its tokens tile the text
//! (in order, on char boundaries, non-empty, separated by nothing or by the
//! one space their `space_after` claims). Needs the model file
//! (`scripts/syntax/convert_model.py`) at build time.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sitrep_syntax::container::ModelFile;
use sitrep_syntax::tokenizer::Tokenizer;

static MODEL: &[u8] = include_bytes!("../../crates/sitrep-syntax/model/en_core_web_sm.srsyn");

fn tokenizer() -> &'static Tokenizer {
    static TOKENIZER: OnceLock<Tokenizer> = OnceLock::new();
    TOKENIZER.get_or_init(|| {
        let model = ModelFile::parse(MODEL).expect("model file parses");
        Tokenizer::from_model(&model).expect("tokenizer loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let tokens = tokenizer().tokenize(text);
    let mut at = 0;
    for t in &tokens {
        assert_eq!(t.start, at, "gap or overlap before {t:?}");
        assert!(t.end > t.start && t.end <= text.len(), "bad token {t:?}");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        at = t.end;
        if t.space_after {
            assert_eq!(
                text.get(at..at + 1),
                Some(" "),
                "space_after without a space: {t:?}"
            );
            at += 1;
        }
    }
    assert_eq!(at, text.len(), "tokens do not cover the text");
});
