//! Parsers for the data files under `data/`: every dictionary, pattern table
//! and gazetteer is text with a documented format (`data/*/FORMAT.md`), read
//! once at start-up. A bad line is refused with its file, line and reason.

pub mod actors;
pub mod patterns;

use std::fmt;

/// A data file that could not be loaded, pointing at the offending line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct LexiconError {
    /// The file name as given to the parser (for embedded data, its repo path).
    pub file: String,
    /// 1-based line number; 0 when the problem concerns the whole file.
    pub line: usize,
    pub reason: String,
}

impl LexiconError {
    pub fn new(file: &str, line: usize, reason: impl fmt::Display) -> Self {
        LexiconError {
            file: file.to_string(),
            line,
            reason: reason.to_string(),
        }
    }
}

/// The data lines of a tab-separated file: 1-based line number and fields.
/// Blank lines and lines starting with `#` are skipped; a trailing `\r` is dropped.
pub fn tsv_lines(src: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    src.lines().enumerate().filter_map(|(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            None
        } else {
            Some((i + 1, line.split('\t').map(str::trim).collect()))
        }
    })
}

/// One data file: its name (for errors) and its text.
#[derive(Debug, Clone, Copy)]
pub struct DataFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// The text of every data file the coder needs.
#[derive(Debug, Clone, Copy)]
pub struct DataSources<'a> {
    pub countries: DataFile<'a>,
    pub organisations: DataFile<'a>,
    pub people: DataFile<'a>,
    pub agents: DataFile<'a>,
    pub name_stopwords: DataFile<'a>,
    pub irregular_verbs: DataFile<'a>,
    pub occurrence_verbs: DataFile<'a>,
    pub patterns: DataFile<'a>,
    pub cameo: DataFile<'a>,
    pub gazetteer: DataFile<'a>,
}

macro_rules! embedded {
    ($path:literal) => {
        DataFile {
            name: concat!("data/", $path),
            text: include_str!(concat!("../../../../data/", $path)),
        }
    };
}

impl DataSources<'static> {
    /// The data files built into the binary (the repo's `data/` folder at build time).
    pub fn embedded() -> Self {
        DataSources {
            countries: embedded!("actors/countries.tsv"),
            organisations: embedded!("actors/organisations.tsv"),
            people: embedded!("actors/people.tsv"),
            agents: embedded!("actors/agents.tsv"),
            name_stopwords: embedded!("lexicon/name_stopwords.txt"),
            irregular_verbs: embedded!("lexicon/irregular_verbs.tsv"),
            occurrence_verbs: embedded!("lexicon/occurrence_verbs.txt"),
            patterns: embedded!("events/patterns.tsv"),
            cameo: embedded!("events/cameo.tsv"),
            gazetteer: embedded!("gazetteer/places.tsv"),
        }
    }
}

/// Every table the coder reads, loaded and validated.
#[derive(Debug)]
pub struct Lexicon {
    pub actors: actors::ActorDictionary,
    pub patterns: patterns::EventPatterns,
    pub stopwords: crate::mentions::NameStopwords,
    pub cameo: crate::cameo::CameoTable,
    pub gazetteer: crate::places::Gazetteer,
    /// The tokenizer, tagger, parser and NER (`sitrep-syntax`); its model is
    /// built into the binary and is not replaced by `--data`.
    pub syntax: sitrep_syntax::Pipeline,
}

/// Where the syntax model comes from, for errors.
pub const SYNTAX_MODEL_FILE: &str = "crates/sitrep-syntax/model/en_core_web_sm.srsyn";

impl Lexicon {
    /// Parses and cross-checks all data files; the first bad line is the error.
    pub fn load(src: &DataSources<'_>) -> Result<Lexicon, LexiconError> {
        let mut actors = actors::ActorDictionary::default();
        actors.load_countries(src.countries.text, src.countries.name)?;
        actors.load_organisations(src.organisations.text, src.organisations.name)?;
        actors.load_people(src.people.text, src.people.name)?;
        actors.load_agents(src.agents.text, src.agents.name)?;
        let mut patterns = patterns::EventPatterns::default();
        patterns.load_irregular(src.irregular_verbs.text, src.irregular_verbs.name)?;
        patterns.load_occurrence(src.occurrence_verbs.text, src.occurrence_verbs.name)?;
        patterns.load_patterns(src.patterns.text, src.patterns.name)?;
        let cameo = crate::cameo::CameoTable::parse(src.cameo.text, src.cameo.name)?;
        let gazetteer = crate::places::Gazetteer::parse(src.gazetteer.text, src.gazetteer.name)?;
        let syntax = sitrep_syntax::Pipeline::embedded()
            .map_err(|e| LexiconError::new(SYNTAX_MODEL_FILE, 0, e))?;
        Ok(Lexicon {
            actors,
            patterns,
            stopwords: crate::mentions::NameStopwords::parse(src.name_stopwords.text),
            cameo,
            gazetteer,
            syntax,
        })
    }

    /// The built-in data.
    pub fn embedded() -> Result<Lexicon, LexiconError> {
        Lexicon::load(&DataSources::embedded())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_comments_and_blank_lines() {
        let src = "# header\n\nA\tB\r\n  # indented comment\nC\tD\n";
        let lines: Vec<_> = tsv_lines(src).collect();
        assert_eq!(lines, vec![(3, vec!["A", "B"]), (5, vec!["C", "D"])]);
    }

    #[test]
    fn built_in_data_loads() {
        let lex = Lexicon::embedded().expect("built-in data must load");
        assert!(lex.actors.len() > 1000);
        assert!(lex.patterns.patterns().len() > 100);
        assert!(lex.cameo.len() > 200);
        // Every pattern's CAMEO code is listed and its category agrees with
        // the table (intent recoding aside).
        for p in lex.patterns.patterns() {
            let code = lex.cameo.lookup(&p.cameo);
            assert!(
                code.is_some(),
                "{}: CAMEO {} not in cameo.tsv",
                p.origin,
                p.cameo
            );
            assert_eq!(
                code.and_then(|c| c.plover),
                Some(p.category),
                "{}: CAMEO {} is not {}",
                p.origin,
                p.cameo,
                p.category
            );
        }
    }

    #[test]
    fn error_names_file_and_line() {
        let e = LexiconError::new("data/x.tsv", 7, "unknown sector `XYZ`");
        assert_eq!(e.to_string(), "data/x.tsv:7: unknown sector `XYZ`");
    }
}
