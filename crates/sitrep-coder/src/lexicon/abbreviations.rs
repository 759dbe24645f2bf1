//! The abbreviation list (`data/lexicon/abbreviations.txt`): words after
//! which a period does not (or not always) end a sentence.

use std::collections::HashSet;

use super::LexiconError;

/// Abbreviations by class, keys without their final period ("U.S", "Gen").
#[derive(Debug, Default)]
pub struct Abbreviations {
    /// Never end a sentence (titles, "e.g.").
    pub(crate) prefix: HashSet<String>,
    /// May end a sentence when a clear sentence starter follows.
    pub(crate) ambiguous: HashSet<String>,
}

impl Abbreviations {
    /// Parses the abbreviation file format documented in the file itself.
    pub fn parse(file: &str, src: &str) -> Result<Self, LexiconError> {
        let mut abbr = Abbreviations::default();
        for (i, raw) in src.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split_whitespace();
            let word = fields.next().unwrap_or("");
            let class = fields.next();
            if fields.next().is_some() {
                return Err(LexiconError::new(file, i + 1, "more than two fields"));
            }
            let Some(key) = word.strip_suffix('.') else {
                return Err(LexiconError::new(
                    file,
                    i + 1,
                    format!("abbreviation {word:?} must end with a period"),
                ));
            };
            if key.is_empty() {
                return Err(LexiconError::new(file, i + 1, "empty abbreviation"));
            }
            match class {
                None => abbr.ambiguous.insert(key.to_string()),
                Some("prefix") => abbr.prefix.insert(key.to_string()),
                Some(other) => {
                    return Err(LexiconError::new(
                        file,
                        i + 1,
                        format!("unknown class {other:?} (expected \"prefix\" or nothing)"),
                    ))
                }
            };
        }
        Ok(abbr)
    }
}

impl Abbreviations {
    /// The built-in list (the registry's file).
    pub fn embedded() -> Result<Self, LexiconError> {
        super::DATA_FILES
            .iter()
            .find(|e| e.path == "lexicon/abbreviations.txt")
            .and_then(|e| Some((e.name, e.embedded.text()?)))
            .map_or(Ok(Abbreviations::default()), |(name, text)| {
                Abbreviations::parse(name, text)
            })
    }
}
