//! Hard cases from `test_data/tokenizer.tsv` (spaCy's own tokens) and
//! robustness checks. They need the model file: run
//! `scripts/syntax/convert_model.py --allow-missing` first.

use super::*;

const MODEL_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/model/en_core_web_sm.srsyn");
const TABLE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/test_data/tokenizer.tsv");

fn tokenizer() -> Tokenizer {
    let bytes = std::fs::read(MODEL_PATH).unwrap_or_else(|err| {
        panic!("{MODEL_PATH}: {err} (run scripts/syntax/convert_model.py --allow-missing)")
    });
    let model = ModelFile::parse(&bytes).expect("model file parses");
    Tokenizer::from_model(&model).expect("tokenizer loads")
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('s') => out.push(' '),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Tokens tile the text: in order, on character boundaries, separated by
/// nothing or (when `space_after`) by exactly one space.
fn assert_tiles(text: &str, tokens: &[Token]) {
    let mut at = 0;
    for (i, t) in tokens.iter().enumerate() {
        assert_eq!(t.start, at, "token {i} starts at {} not {at}", t.start);
        assert!(t.end > t.start, "empty token {i}");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        at = t.end;
        if t.space_after {
            assert_eq!(
                text.get(at..at + 1),
                Some(" "),
                "space_after without a space, token {i}"
            );
            at += 1;
        }
    }
    assert_eq!(at, text.len(), "tokens do not cover the text");
}

#[test]
fn hard_cases_match_spacy() {
    let tok = tokenizer();
    let table = std::fs::read_to_string(TABLE_PATH).expect("table file");
    let mut failures = Vec::new();
    let mut cases = 0;
    for (n, line) in table.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (text, expected) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{TABLE_PATH}:{}: no tab between text and tokens", n + 1));
        let text = unescape(text);
        let expected: Vec<String> = expected.split(" | ").map(unescape).collect();
        let tokens = tok.tokenize(&text);
        assert_tiles(&text, &tokens);
        let got: Vec<String> = tokens
            .iter()
            .map(|t| text[t.start..t.end].to_string())
            .collect();
        cases += 1;
        if got != expected {
            failures.push(format!(
                "{TABLE_PATH}:{}: {text:?}\n  spaCy {expected:?}\n  ours  {got:?}",
                n + 1
            ));
        }
    }
    assert!(cases > 50, "only {cases} cases read");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn norms_and_spaces_of_special_cases() {
    let tok = tokenizer();
    let text = "I don't  know.";
    let tokens = tok.tokenize(text);
    let view: Vec<(&str, bool, Option<&str>)> = tokens
        .iter()
        .map(|t| (&text[t.start..t.end], t.space_after, t.norm.as_deref()))
        .collect();
    assert_eq!(
        view,
        [
            ("I", true, None),
            ("do", false, Some("do")),
            ("n't", true, Some("not")),
            (" ", false, None),
            ("know", false, None),
            (".", false, None)
        ]
    );
}

#[test]
fn python_whitespace_is_used() {
    // U+001C..U+001F are whitespace to Python, not to Rust.
    assert!(is_python_space('\u{1c}') && !'\u{1c}'.is_whitespace());
    for c in [
        '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{85}', '\u{a0}', '\u{2009}', '\u{3000}',
    ] {
        assert!(is_python_space(c), "{c:?}");
    }
    for c in ['a', '\u{200b}', '\u{feff}', '\u{180e}', '\0'] {
        assert!(!is_python_space(c), "{c:?}");
    }
    let tok = tokenizer();
    let text = "a\u{1c}b";
    let got: Vec<&str> = tok
        .tokenize(text)
        .iter()
        .map(|t| &text[t.start..t.end])
        .collect();
    assert_eq!(got, ["a", "\u{1c}", "b"]);
}

#[test]
fn odd_inputs_do_not_panic_and_tokens_tile_the_text() {
    let tok = tokenizer();
    let mut texts: Vec<String> = [
        "",
        " ",
        "  ",
        "\n",
        "\u{0}\u{1}\u{7f} \u{1b}[31mred",
        "emoji 👍🏽👨‍👩‍👧 😀!",
        "mixed Кирилица العربية 中文字符 हिन्दी ελληνικά",
        "a\u{301}b\u{308}.",
        "\u{feff}BOM",
        "(((((( ))))) ...... --- :-) 'n' e-mail",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut x = 0x2545_F491_u32;
    let alphabet: Vec<char> = "aZ09 .,;:!?'\"()-–—/\\@#$%&*+=<>[]{}\n\t\u{a0}é😀ß中"
        .chars()
        .collect();
    for _ in 0..300 {
        let mut s = String::new();
        for _ in 0..40 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            s.push(alphabet[x as usize % alphabet.len()]);
        }
        texts.push(s);
    }
    for text in &texts {
        let tokens = tok.tokenize(text);
        assert_tiles(text, &tokens);
    }
}

#[test]
fn megabyte_runs_without_spaces() {
    let tok = tokenizer();
    let units = [
        "a",
        ")",
        ".",
        "a-",
        "1.",
        "a.",
        "'",
        "😀",
        "(a",
        "http://x.com/",
        "1+",
        "A.",
    ];
    for unit in units {
        let text = unit.repeat((1 << 20) / unit.len());
        let tokens = tok.tokenize(&text);
        assert_tiles(&text, &tokens);
    }
}

#[test]
fn a_truncated_section_is_an_error() {
    let bytes = std::fs::read(MODEL_PATH).expect("model file");
    let model = ModelFile::parse(&bytes).expect("model file parses");
    let section = model.section("tokenizer.affixes").expect("affixes");
    for cut in [0, 1, section.len() / 2, section.len() - 1] {
        let mut r = Reader::new("tokenizer.affixes", &section[..cut]);
        assert!(AffixPatterns::read(&mut r, Placement::Prefix)
            .and_then(|_| AffixPatterns::read(&mut r, Placement::Suffix))
            .and_then(|_| AffixPatterns::read(&mut r, Placement::Infix))
            .is_err());
    }
}

#[test]
fn the_tokenizer_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Tokenizer>();
}
