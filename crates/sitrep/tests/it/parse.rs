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

#[test]
fn explain_shows_the_parse_of_each_sentence() {
    let s = Scratch::new("explain-parse");
    let good = s.file("good.txt", GOOD_ARTICLE);
    let run = sitrep(&[&"explain", &good], LIMIT);
    run.assert_clean();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("-- parse\n"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("P: Mali accuses Burkina Faso over border raid Mali 14 May"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\n   accuses  VERB ROOT lemma=accuse\n"),
        "{}",
        run.stdout
    );
}
