//! A small reader of people counts in a sentence ("570 detained", "killing
//! at least 31", "hundreds were arrested", "twelve people died"). Records
//! carry no counts, so the mass-arrest and mass-killing signals read the
//! event's sentence: a number counts when a cue word (`arrest`, `kill`…)
//! stands within [`CUE_DISTANCE`] words of it, on either side.

use sitrep_coder::dates::number_word;

/// Words between a number and its cue word, at most.
pub const CUE_DISTANCE: usize = 3;

/// Words that start another clause: a number and a cue on either side of
/// one are not read together ("thousands marched and police detained four").
const CLAUSE_BREAKS: &[&str] = &[
    ";", "and", "but", "while", "as", "after", "before", "when", "then", "whereas", "although",
];

/// The largest count next to one of `cues` (lower-case word beginnings).
pub fn count_near(sentence: &str, cues: &[String]) -> Option<u64> {
    // A semicolon or a dash between clauses is kept as a clause break.
    let spaced = sentence
        .replace(';', " ; ")
        .replace(" - ", " ; ")
        .replace('—', " ; ");
    let words: Vec<String> = spaced
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '"' | '“' | '”'))
        .map(|w| {
            if w == ";" {
                return w.to_string();
            }
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let cue_at: Vec<usize> = words
        .iter()
        .enumerate()
        .filter(|(_, w)| cues.iter().any(|c| w.starts_with(c.as_str())))
        .map(|(i, _)| i)
        .collect();
    if cue_at.is_empty() {
        return None;
    }
    let mut best: Option<u64> = None;
    let mut i = 0;
    while i < words.len() {
        let Some((n, len)) = number_at(&words, i) else {
            i += 1;
            continue;
        };
        let (start, end) = (i, i + len - 1);
        let near = cue_at.iter().any(|&c| {
            let between = if c > end {
                end + 1..c
            } else if c < start {
                c + 1..start
            } else {
                return false;
            };
            between.len() <= CUE_DISTANCE
                && !words[between]
                    .iter()
                    .any(|w| CLAUSE_BREAKS.contains(&w.as_str()))
        });
        if near {
            best = Some(best.map_or(n, |b| b.max(n)));
        }
        i += len;
    }
    best
}

fn digits(w: &str) -> Option<u64> {
    if !w.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // "1,200" and "1.200" as thousands; "3.5" is not a people count.
    let clean: String = w.chars().filter(|c| *c != ',').collect();
    if clean.chars().all(|c| c.is_ascii_digit()) {
        let n: u64 = clean.parse().ok()?;
        // A bare four-digit number in this range is a year, not a count.
        let year_like = clean.len() == w.len() && (1900..=2100).contains(&n);
        return (!year_like).then_some(n);
    }
    let parts: Vec<&str> = clean.split('.').collect();
    if parts.len() > 1
        && parts[1..].iter().all(|p| p.len() == 3)
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
    {
        return parts.concat().parse().ok();
    }
    None
}

fn scale(w: &str) -> Option<u64> {
    match w {
        "hundred" => Some(100),
        "thousand" => Some(1_000),
        "million" => Some(1_000_000),
        _ => None,
    }
}

/// Vague plurals: a conservative reading (the least the word can mean).
fn vague(w: &str) -> Option<u64> {
    match w {
        "dozens" => Some(24),
        "scores" => Some(40),
        "hundreds" => Some(200),
        "thousands" => Some(2_000),
        "tens" => Some(20_000),
        _ => None,
    }
}

/// The number starting at word `i` and how many words it takes.
fn number_at(words: &[String], i: usize) -> Option<(u64, usize)> {
    let w = words.get(i)?.as_str();
    if let Some(v) = vague(w) {
        // "tens of thousands"
        if w == "tens" {
            return (words.get(i + 2).map(String::as_str) == Some("thousands"))
                .then_some((20_000, 3));
        }
        return Some((v, 1));
    }
    let base = digits(w).or_else(|| number_word(w)).or(match w {
        "a" | "an" => words.get(i + 1).and_then(|n| scale(n)).map(|_| 1),
        _ => None,
    })?;
    let mut n = base;
    let mut len = 1;
    while let Some(s) = words.get(i + len).and_then(|x| scale(x)) {
        n = n.saturating_mul(s);
        len += 1;
    }
    Some((n, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(c: &[&str]) -> Vec<String> {
        c.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn counts_next_to_cue_words() {
        let arrest = cues(&["arrest", "detain"]);
        let kill = cues(&["kill", "dead", "die"]);
        for (sentence, c, want) in [
            (
                "Police said 570 were detained overnight.",
                &arrest,
                Some(570),
            ),
            (
                "Police arrested 1,200 people in the capital.",
                &arrest,
                Some(1200),
            ),
            ("Hundreds of protesters were arrested.", &arrest, Some(200)),
            ("Troops killed at least 31 demonstrators.", &kill, Some(31)),
            ("Twelve people died in the clashes.", &kill, Some(12)),
            ("A thousand people were detained.", &arrest, Some(1000)),
            (
                "Tens of thousands marched; police detained four.",
                &arrest,
                Some(4),
            ),
            ("The 2019 law was used to arrest him.", &arrest, None),
            ("Police arrested a man on Monday.", &arrest, None),
            ("About 3,000 marched and nobody was hurt.", &kill, None),
        ] {
            assert_eq!(count_near(sentence, c), want, "{sentence}");
        }
    }
}
