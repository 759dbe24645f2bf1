//! Dictionary parsing: `Lexicon::load` with fuzzed `countries.tsv` and
//! `patterns.tsv` text (split at the first NUL byte), the other tables built
//! in, and a tiny gazetteer so that a run stays fast. A bad line must be an
//! error naming the file and a line that exists, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_coder::lexicon::{DataFile, DataSources};
use sitrep_coder::Lexicon;

const GAZETTEER: &str = "6255146\tcontinent\tAfrica\t7.1881\t21.09375\t\t\t1031833000\tAfrican\n\
2453866\tcountry\tMali\t17.0\t-4.0\tMLI\t\t19077690\tMalian\n\
2460596\tcapital\tBamako\t12.65\t-8.0\tMLI\t08\t1297281\t\n";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (countries, patterns) = text.split_once('\0').unwrap_or((&text, ""));
    let src = DataSources::from_fn(|entry| {
        let file = |name, text| DataFile { name, text };
        Ok::<_, ()>(match entry.path {
            "actors/countries.tsv" => file("countries.tsv", countries),
            "actors/organisations.tsv" => file("organisations.tsv", ""),
            "actors/people.tsv" => file("people.tsv", ""),
            "events/patterns.tsv" => file("patterns.tsv", patterns),
            "gazetteer/places.tsv" => file("places.tsv", GAZETTEER),
            _ => file(entry.name, entry.embedded.text().unwrap_or("")),
        })
    });
    let Ok(src) = src else { return };
    match Lexicon::load(&src) {
        Ok(lex) => {
            // A loaded lexicon must code text without trouble.
            let doc = sitrep_coder::Document::from_parts(sitrep_coder::DocumentParts {
                id: "fuzz".to_string(),
                text: countries.chars().take(2000).collect(),
                published: sitrep_coder::Published::parse("2024-05-14").ok(),
                ..sitrep_coder::DocumentParts::default()
            });
            let _ = sitrep_coder::code_document(&lex, &doc);
        }
        Err(e) => {
            let msg = e.to_string();
            let (file, rest) = msg.split_once(':').unwrap_or(("", ""));
            assert!(
                file == "countries.tsv" || file == "patterns.tsv",
                "error names a fuzzed file: {msg}"
            );
            let line: usize = rest
                .split(':')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("error without a line number: {msg}"));
            let src_text = if file == "countries.tsv" {
                countries
            } else {
                patterns
            };
            assert!(
                line >= 1 && line <= src_text.split('\n').count(),
                "error names line {line} of a {}-line file: {msg}",
                src_text.split('\n').count()
            );
        }
    }
});
