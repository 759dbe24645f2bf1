//! Ordinary news text of any size, for the coder's scaling test and
//! example: the bodies of the README's example articles, repeated.

use std::path::Path;

/// The example articles whose bodies are repeated.
const ARTICLES: [&str; 2] = ["sahel-border-clash.txt", "moldova-gas-protest.txt"];

/// At least `bytes` of ordinary news sentences (whole paragraphs); panics
/// when the example articles cannot be read.
pub fn news_text(bytes: usize) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles");
    let mut body = String::new();
    for name in ARTICLES {
        let path = root.join(name);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("example article {}: {e}", path.display()));
        // Skip the headline, date and dateline lines: body paragraphs only.
        for para in text.split("\n\n").skip(3) {
            body.push_str(para.trim());
            body.push_str("\n\n");
        }
    }
    assert!(!body.trim().is_empty(), "the example articles have bodies");
    let mut out = String::with_capacity(bytes + body.len());
    while out.len() < bytes {
        out.push_str(&body);
    }
    out
}
