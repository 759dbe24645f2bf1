//! spaCy's English rule lemmatizer (`spacy/pipeline/lemmatizer.py`,
//! `rule_lemmatize`, with `spacy/lang/en/lemmatizer.py`'s `is_base_form`).
//! spaCy caches results by (text, POS, morphology); the function is pure, so
//! computing afresh gives the same lemma.

use super::unicode::AlphaRanges;
use crate::container::Reader;
use crate::{Pos, SyntaxError};
use std::collections::HashMap;

/// Words in one buffer, sorted by bytes: membership by binary search.
#[derive(Debug, Clone, Default)]
struct SortedWords {
    text: String,
    ends: Vec<usize>,
}

impl SortedWords {
    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    fn contains(&self, word: &str) -> bool {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.get(mid).cmp(word) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// The lemmatizer's data for one POS.
#[derive(Debug, Clone, Default)]
struct PosTable {
    /// (old suffix, new suffix), in the order they are tried.
    rules: Vec<(Box<str>, Box<str>)>,
    /// Known lemmas.
    index: SortedWords,
    /// Irregular forms → their lemmas, first preferred.
    exceptions: HashMap<Box<str>, Vec<Box<str>>>,
}

impl PosTable {
    /// spaCy treats a POS whose three tables are all empty as absent.
    fn has_data(&self) -> bool {
        !self.rules.is_empty() || !self.index.is_empty() || !self.exceptions.is_empty()
    }
}

#[derive(Debug, Clone)]
pub(super) struct Lemmatizer {
    tables: HashMap<Pos, PosTable>,
    alpha: AlphaRanges,
}

impl Lemmatizer {
    pub fn read(section: &str, data: &[u8], alpha: AlphaRanges) -> Result<Lemmatizer, SyntaxError> {
        let mut r = Reader::new(section, data);
        let mode = r.string()?;
        if mode != "rule" {
            return Err(r.error(format!(
                "lemmatizer mode {mode:?}, only \"rule\" is implemented"
            )));
        }
        let count = r.u32()?;
        let mut tables = HashMap::new();
        for _ in 0..count {
            let name = r.string()?;
            let pos = Pos::parse(&name.to_ascii_uppercase())
                .ok_or_else(|| r.error(format!("table for unknown POS {name:?}")))?;
            let table = read_table(&mut r).map_err(|e| in_table(section, name, e))?;
            if tables.insert(pos, table).is_some() {
                return Err(r.error(format!("two tables for POS {name:?}")));
            }
        }
        if !r.is_empty() {
            return Err(r.error("trailing bytes after the last table"));
        }
        Ok(Lemmatizer { tables, alpha })
    }

    /// The lemma of a token the attribute ruler gave none. `pos` is None
    /// when no rule set one.
    pub fn lemmatize(&self, text: &str, pos: Option<Pos>, morph: &str) -> String {
        let pos = match pos {
            None | Some(Pos::Space) => return text.to_lowercase(),
            Some(pos) => pos,
        };
        if is_base_form(pos, morph) {
            return text.to_lowercase();
        }
        let table = match self.tables.get(&pos) {
            Some(table) if table.has_data() => table,
            _ if pos == Pos::Propn => return text.to_string(),
            _ => return text.to_lowercase(),
        };
        self.lemmatize_with(table, text)
            .into_iter()
            .next()
            .unwrap_or_else(|| text.to_string())
    }

    /// spaCy's candidate list: exceptions first, then rule results found
    /// in the index (most recent rule first), then other rule results that
    /// are not purely alphabetic; failing all, the alphabetic rule results
    /// not in the index; failing those, the text itself.
    fn lemmatize_with(&self, table: &PosTable, text: &str) -> Vec<String> {
        let lower = text.to_lowercase();
        let mut forms: Vec<String> = Vec::new();
        let mut oov_forms: Vec<String> = Vec::new();
        for (old, new) in &table.rules {
            let Some(stem) = lower.strip_suffix(&**old) else {
                continue;
            };
            let form = format!("{stem}{new}");
            if form.is_empty() {
                continue;
            }
            if table.index.contains(&form) {
                forms.insert(0, form);
            } else if !self.alpha.is_alpha(&form) {
                forms.push(form);
            } else {
                oov_forms.push(form);
            }
        }
        dedup_keep_first(&mut forms);
        if let Some(lemmas) = table.exceptions.get(lower.as_str()) {
            for lemma in lemmas {
                if !forms.iter().any(|f| **f == **lemma) {
                    forms.insert(0, lemma.to_string());
                }
            }
        }
        if forms.is_empty() {
            forms = oov_forms;
        }
        if forms.is_empty() {
            forms.push(text.to_string());
        }
        forms
    }
}

/// English `is_base_form`: forms that are their own lemma (lower-cased).
fn is_base_form(pos: Pos, morph: &str) -> bool {
    let verb_form = feature(morph, "VerbForm");
    let degree = feature(morph, "Degree");
    match pos {
        Pos::Noun if feature(morph, "Number") == Some("Sing") => return true,
        Pos::Verb if verb_form == Some("Inf") => return true,
        Pos::Verb
            if verb_form == Some("Fin")
                && feature(morph, "Tense") == Some("Pres")
                && feature(morph, "Number").is_none() =>
        {
            return true
        }
        Pos::Adj if degree == Some("Pos") => return true,
        _ => {}
    }
    // Python compares with the string "None" here, not with a missing value.
    verb_form == Some("Inf") || verb_form == Some("None") || degree == Some("Pos")
}

/// The value of feature `name` in a morphology string ("A=x|B=y").
fn feature<'m>(morph: &'m str, name: &str) -> Option<&'m str> {
    morph.split('|').find_map(|pair| {
        pair.split_once('=')
            .filter(|(k, _)| *k == name)
            .map(|(_, v)| v)
    })
}

/// Removes later repeats, keeping the first occurrence (Python's
/// `list(dict.fromkeys(forms))`).
fn dedup_keep_first(forms: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    forms.retain(|f| seen.insert(f.clone()));
}

fn in_table(section: &str, pos: &str, err: SyntaxError) -> SyntaxError {
    let reason = match err {
        SyntaxError::Section { reason, .. } => reason,
        SyntaxError::Format(reason) => reason,
    };
    SyntaxError::Section {
        section: section.to_string(),
        reason: format!("table {pos}: {reason}"),
    }
}

fn read_table(r: &mut Reader<'_>) -> Result<PosTable, SyntaxError> {
    let rule_count = r.u32()?;
    let mut rules = Vec::new();
    for _ in 0..rule_count {
        rules.push((Box::from(r.string()?), Box::from(r.string()?)));
    }
    let index_count = r.u32()?;
    let mut index = SortedWords::default();
    let mut previous: Option<&str> = None;
    for i in 0..index_count {
        let word = r.string()?;
        if previous.is_some_and(|p| p >= word) {
            return Err(r.error(format!(
                "index word {i} ({word:?}) is not after the one before"
            )));
        }
        previous = Some(word);
        index.text.push_str(word);
        index.ends.push(index.text.len());
    }
    let exception_count = r.u32()?;
    let mut exceptions = HashMap::new();
    for i in 0..exception_count {
        let form = r.string()?;
        let n = r.u32()?;
        let mut lemmas = Vec::new();
        for _ in 0..n {
            lemmas.push(Box::from(r.string()?));
        }
        if exceptions.insert(Box::from(form), lemmas).is_some() {
            return Err(r.error(format!("exception {i} ({form:?}) appears twice")));
        }
    }
    Ok(PosTable {
        rules,
        index,
        exceptions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_found_by_name() {
        let morph = "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin";
        assert_eq!(feature(morph, "Person"), Some("3"));
        assert_eq!(feature(morph, "VerbForm"), Some("Fin"));
        assert_eq!(feature(morph, "Degree"), None);
        assert_eq!(feature("", "Degree"), None);
    }

    #[test]
    fn base_forms_follow_english_rules() {
        assert!(is_base_form(Pos::Noun, "Number=Sing"));
        assert!(!is_base_form(Pos::Noun, "Number=Plur"));
        assert!(is_base_form(Pos::Verb, "Tense=Pres|VerbForm=Fin"));
        assert!(!is_base_form(
            Pos::Verb,
            "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
        ));
        assert!(is_base_form(Pos::Adv, "Degree=Pos"));
        assert!(is_base_form(Pos::Aux, "VerbForm=Inf"));
        assert!(!is_base_form(Pos::Propn, "Number=Sing"));
    }

    #[test]
    fn sorted_words_are_found() {
        let mut words = SortedWords::default();
        for w in ["apple", "dog", "été"] {
            words.text.push_str(w);
            words.ends.push(words.text.len());
        }
        assert!(words.contains("dog") && words.contains("été") && words.contains("apple"));
        assert!(!words.contains("cat") && !words.contains("") && !words.contains("zebra"));
    }
}
