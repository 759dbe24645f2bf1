//! `sitrep parse` (CoNLL-U from the built-in syntax model) and the parse in
//! `sitrep explain`.

use crate::support::{sitrep, Scratch, GOOD_ARTICLE, LIMIT};

/// Every line of CoNLL-U is a comment, a blank line ending a sentence, or a
/// token line of ten tab-separated columns; returns the token lines.
fn token_lines(conllu: &str) -> Vec<Vec<String>> {
    let mut tokens = Vec::new();
    for line in conllu.lines() {
        if line.is_empty() || line.starts_with("# ") {
            continue;
        }
        let cols: Vec<String> = line.split('\t').map(str::to_string).collect();
        assert_eq!(cols.len(), 10, "not a CoNLL-U token line: {line:?}");
        assert!(
            cols.iter().all(|c| !c.is_empty() && !c.contains(' ')),
            "{line:?}"
        );
        tokens.push(cols);
    }
    tokens
}

#[test]
fn parse_prints_conllu_and_goes_on_after_a_bad_input() {
    let s = Scratch::new("parse");
    let good = s.file("good.txt", GOOD_ARTICLE);
    let odd = s.file(
        "odd.txt",
        "Title\n\nA\u{1}b \u{1F600}\u{00A0}\u{0627}\u{0644}\u{0633}\r\n\n\n  x\n",
    );
    let missing = s.join("no-such-file.txt");
    let run = sitrep(&[&"parse", &missing, &good, &odd], LIMIT);
    run.assert_clean();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&missing.display().to_string()),
        "the bad input is named: {}",
        run.stderr
    );
    let out = &run.stdout;
    assert!(
        out.starts_with("# newdoc id = good\n# sent_id = good-1\n# text = "),
        "{out}"
    );
    assert!(out.contains("# newdoc id = odd\n"), "{out}");
    let tokens = token_lines(out);
    assert!(tokens.len() > 40, "{out}");
    // The first token: "Mali" at code points 0..4 of the article.
    assert_eq!(tokens[0][1], "Mali");
    assert!(tokens[0][9].ends_with("TokenRange=0:4"), "{:?}", tokens[0]);
    assert!(
        tokens.iter().any(|t| t[7] == "ROOT" && t[6] == "0"),
        "{out}"
    );
    assert!(
        tokens.iter().any(|t| t[9].contains("NER=B-")),
        "entities are marked: {out}"
    );
    assert!(
        tokens
            .iter()
            .any(|t| t[3] == "SPACE" && t[1].contains("\\n")),
        "{out}"
    );
    assert!(
        tokens.iter().any(|t| t[1] == "A\\u0001b"),
        "control characters escaped: {out}"
    );
    // The same input gives the same bytes.
    let again = sitrep(&[&"parse", &good, &odd], LIMIT);
    assert_eq!(&again.stdout, out);
}

#[test]
fn parse_of_only_bad_inputs_fails() {
    let s = Scratch::new("parse-bad");
    let missing = s.join("no-such-file.txt");
    let run = sitrep(&[&"parse", &missing], LIMIT);
    run.assert_clean();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains(&missing.display().to_string()),
        "{}",
        run.stderr
    );
}

/// Each coder sentence's trace is followed by the parse of its own tokens
/// (before the next `S:` line), one compact line per token.
#[test]
fn explain_shows_the_parse_under_each_sentence() {
    let s = Scratch::new("explain-parse");
    let good = s.file("good.txt", GOOD_ARTICLE);
    let run = sitrep(&[&"explain", &good], LIMIT);
    run.assert_clean();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(
        out.contains("(parse columns: ID FORM LEMMA UPOS XPOS HEAD DEPREL NER;"),
        "{out}"
    );
    let blocks: Vec<&str> = out.split("\nS: ").skip(1).collect();
    assert_eq!(blocks.len(), 2, "two body sentences: {out}");
    let parse = |block: &str| -> Vec<Vec<String>> {
        block
            .lines()
            .filter_map(|l| l.strip_prefix("   | "))
            .map(|l| l.split_whitespace().map(str::to_string).collect())
            .collect()
    };
    let first = parse(blocks[0]);
    assert!(
        blocks[0].contains("\n   => "),
        "events before the parse: {}",
        blocks[0]
    );
    assert!(
        blocks[0].find("\n   => ") < blocks[0].find("\n   | "),
        "{}",
        blocks[0]
    );
    // Mali 's government on Tuesday accused Burkina Faso of sending troops
    // across the border near the town of Koro .
    assert_eq!(first.len(), 20, "{first:?}");
    let row = |rows: &[Vec<String>], form: &str| -> Vec<String> {
        rows.iter()
            .find(|r| r.get(1).map(String::as_str) == Some(form))
            .unwrap_or_else(|| panic!("no {form}: {rows:?}"))
            .clone()
    };
    // spaCy reads the headline, date line and body as one sentence here,
    // so the body's verb hangs from the headline's: a head outside the
    // coder's sentence is named.
    assert_eq!(
        row(&first, "accused"),
        ["6", "accused", "accuse", "VERB", "VBD", "^accuses", "ccomp", "_"]
    );
    assert_eq!(row(&first, "Tuesday")[7], "B-DATE");
    assert_eq!(row(&first, "Koro")[6], "pobj");
    for r in &first {
        assert_eq!(r.len(), 8, "{r:?}");
    }
    let second = parse(blocks[1]);
    assert_eq!(row(&second, "The")[0], "1", "IDs restart per sentence");
    assert_eq!(
        row(&second, "said"),
        ["4", "said", "say", "VERB", "VBD", "0", "ROOT", "_"]
    );
    assert_eq!(row(&second, "protect")[5], "4");
}
