//! English number words, one reader for the whole workspace: the tagger's
//! counts ("two weeks ago") and the alert signals' people counts
//! (`sitrep-stories`) read the same words.

/// "zero" to "nineteen".
const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// "twenty" to "ninety".
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn position_of(words: &[&str], w: &str) -> Option<u64> {
    let k = words.iter().position(|x| w.eq_ignore_ascii_case(x))?;
    u64::try_from(k).ok()
}

/// The value of an English number word from "zero" to "ninety-nine", in any
/// letter case; a compound is one hyphenated word ("twenty-five").
pub fn number_word(w: &str) -> Option<u64> {
    if let Some(n) = position_of(&UNITS, w) {
        return Some(n);
    }
    if let Some(t) = position_of(&TENS, w) {
        return Some(20 + 10 * t);
    }
    let (tens, unit) = w.split_once('-')?;
    let t = position_of(&TENS, tens)?;
    let u = position_of(&UNITS, unit).filter(|u| (1..10).contains(u))?;
    Some(20 + 10 * t + u)
}

#[cfg(test)]
mod tests {
    use super::number_word;

    #[test]
    fn reads_words_zero_to_ninety_nine() {
        for (w, want) in [
            ("zero", Some(0)),
            ("one", Some(1)),
            ("Twelve", Some(12)),
            ("NINETEEN", Some(19)),
            ("twenty", Some(20)),
            ("twenty-five", Some(25)),
            ("ninety-nine", Some(99)),
            ("twenty-zero", None),
            ("twenty-ten", None),
            ("five-twenty", None),
            ("hundred", None),
            ("", None),
            ("-", None),
        ] {
            assert_eq!(number_word(w), want, "{w}");
        }
    }
}
