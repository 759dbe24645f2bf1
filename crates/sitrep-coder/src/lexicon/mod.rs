//! Parsers for the data files under `data/`: every dictionary, pattern table
//! and gazetteer is text with a documented format (`data/*/FORMAT.md`), read
//! once at start-up. A bad line is refused with its file, line and reason.
//!
//! [`DATA_FILES`] is the one registry of data files: path, built-in text
//! and parser. [`DataSources`] (built in, or read from `--data DIR` by the
//! binary) and [`Lexicon::load`] are driven by it.

pub mod abbreviations;
pub mod actors;
pub mod cameo;
pub mod categories;
mod error;
pub mod gazetteer;
pub mod generated;
pub mod matching;
pub mod patterns;
pub mod word_list;

pub use error::LexiconError;

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

/// The tables while they are being loaded: each registry entry's parser
/// fills its part, in registry order.
#[derive(Debug, Default)]
pub struct Tables {
    actors: actors::ActorDictionary,
    patterns: patterns::EventPatterns,
    stopwords: word_list::WordList,
    not_places: word_list::WordList,
    cameo: cameo::CameoTable,
    categories: categories::CategoryTable,
    gazetteer: crate::places::Gazetteer,
    abbreviations: abbreviations::Abbreviations,
    words: word_list::CoderWords,
    place_words: word_list::PlaceWords,
}

impl Tables {
    /// Moves in the tables a file loaded apart filled ([`DataEntry::apart`]).
    fn take_apart(&mut self, part: Tables) {
        if !part.gazetteer.is_empty() {
            self.gazetteer = part.gazetteer;
        }
    }
}

/// Reads one data file into the tables; a bad line is the error.
pub type Parser = fn(&mut Tables, DataFile<'_>) -> Result<(), LexiconError>;

/// Fills the tables from what the build made of a data file.
pub type Loader = fn(&mut Tables) -> Result<(), LexiconError>;

/// What the binary holds of a data file.
#[derive(Clone, Copy)]
pub enum Builtin {
    /// The repo's file at build time, parsed at start-up like a `--data`
    /// file.
    Text(&'static str),
    /// A table the build wrote from the repo's file, validated by the same
    /// parser (`build.rs`), and read in place at start-up; the text itself
    /// is not in the binary.
    Prebuilt(Loader),
}

impl Builtin {
    /// The built-in text, for a file built in as text.
    pub fn text(self) -> Option<&'static str> {
        match self {
            Builtin::Text(text) => Some(text),
            Builtin::Prebuilt(_) => None,
        }
    }
}

/// One data file: where it lives under `data/`, what the binary holds of
/// it, and its parser.
pub struct DataEntry {
    /// Path under `data/` (also under a `--data DIR`).
    pub path: &'static str,
    /// The repo path (`data/…`) that names the built-in file in errors.
    pub name: &'static str,
    /// The repo's file at build time: its text, or a prebuilt table.
    pub embedded: Builtin,
    /// Reads the file's text (a `--data` file, or the built-in text).
    pub parse: Parser,
    /// Parsed on a thread of its own, beside the other files: its parser
    /// fills a table that no other file's parser reads (the gazetteer, the
    /// largest file). [`Tables::take_apart`] moves that table in.
    pub apart: bool,
}

impl std::fmt::Debug for DataEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DataEntry")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// A registry line: path under `data/` and parser; the file's text is
/// built in, unless a loader of what `build.rs` made of it is given.
macro_rules! data_file {
    ($path:literal, $parse:expr) => {
        data_file!($path, $parse, apart: false)
    };
    ($path:literal, $parse:expr, apart: $apart:literal) => {
        DataEntry {
            path: $path,
            name: concat!("data/", $path),
            embedded: Builtin::Text(include_str!(concat!("../../../../data/", $path))),
            parse: $parse,
            apart: $apart,
        }
    };
    ($path:literal, $parse:expr, prebuilt: $load:expr, apart: $apart:literal) => {
        DataEntry {
            path: $path,
            name: concat!("data/", $path),
            embedded: Builtin::Prebuilt($load),
            parse: $parse,
            apart: $apart,
        }
    };
}

/// Every data file the coder reads, in load order (irregular verbs before
/// the patterns that inflect with them). Adding a data file is one line here
/// and its parser; loading, embedding and `--data DIR` follow from it.
pub static DATA_FILES: &[DataEntry] = &[
    data_file!("actors/countries.tsv", |t, f| {
        t.actors.load_countries(f.text, f.name)
    }),
    data_file!("actors/organisations.tsv", |t, f| {
        t.actors.load_organisations(f.text, f.name)
    }),
    data_file!("actors/people.tsv", |t, f| t
        .actors
        .load_people(f.text, f.name)),
    // Generated from PETRARCH-2's Phoenix dictionaries; loaded after the
    // hand-made files, whose entries win where both name a phrase.
    data_file!("actors/phoenix_organisations.tsv", |t, f| {
        t.actors.load_organisations(f.text, f.name)
    }),
    data_file!("actors/phoenix_people.tsv", |t, f| t
        .actors
        .load_people(f.text, f.name)),
    data_file!("actors/agents.tsv", |t, f| t
        .actors
        .load_agents(f.text, f.name)),
    data_file!("actors/descriptions.tsv", |t, f| {
        t.actors.load_descriptions(f.text, f.name)
    }),
    data_file!("lexicon/description_modifiers.txt", |t, f| {
        t.actors.load_description_modifiers(f.text, f.name)
    }),
    data_file!("lexicon/currency_words.txt", |t, f| {
        t.actors.load_currency_words(f.text, f.name)
    }),
    data_file!("lexicon/outlet_staff_words.txt", |t, f| {
        t.actors.load_outlet_staff_words(f.text, f.name)
    }),
    data_file!("lexicon/name_stopwords.txt", |t, f| {
        t.stopwords = word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/not_places.txt", |t, f| {
        t.not_places = word_list::WordList::parse(f.text, f.name, word_list::LineShape::Phrase)?;
        Ok(())
    }),
    data_file!("lexicon/american_local_words.txt", |t, f| {
        t.words.american_local = word_list::CasedPhrases::parse(f.text, f.name)?;
        Ok(())
    }),
    data_file!("lexicon/commonwealth_spellings.txt", |t, f| {
        t.words.commonwealth_spellings = word_list::CasedPhrases::parse(f.text, f.name)?;
        Ok(())
    }),
    data_file!("lexicon/crash_words.txt", |t, f| {
        t.words.crash = word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/vehicle_nouns.txt", |t, f| {
        t.words.vehicles = word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/vehicle_weapons.txt", |t, f| {
        t.words.vehicle_weapons =
            word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/deliberate_words.txt", |t, f| {
        t.words.deliberate =
            word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/strike_nouns.txt", |t, f| {
        t.words.strike_nouns =
            word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/meeting_words.txt", |t, f| {
        t.words.meeting_words =
            word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/envoy_nouns.txt", |t, f| {
        t.words.envoy_nouns =
            word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/statement_nouns.txt", |t, f| {
        t.words.statement_nouns =
            word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/proposal_nouns.txt", |t, f| {
        t.words.proposal_nouns =
            word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/claim_nouns.txt", |t, f| {
        t.words.claim_nouns =
            word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/issued_documents.txt", |t, f| {
        t.words.issued_documents =
            word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/document_nouns.txt", |t, f| {
        t.words.document_nouns =
            word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/street_nouns.txt", |t, f| {
        t.place_words.street_nouns =
            word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/avenue_nouns.txt", |t, f| {
        t.place_words.avenue_nouns =
            word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/place_kind_nouns.txt", |t, f| {
        t.place_words.place_kind_nouns =
            word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/offices.txt", |t, f| {
        t.place_words.offices =
            word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/titles.txt", |t, f| {
        t.place_words.titles =
            word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/dotted_titles.txt", |t, f| {
        t.place_words.dotted_titles =
            word_list::WordList::parse(f.text, f.name, word_list::LineShape::Word)?;
        Ok(())
    }),
    data_file!("lexicon/abbreviations.txt", |t, f| {
        t.abbreviations = abbreviations::Abbreviations::parse(f.name, f.text)?;
        Ok(())
    }),
    data_file!("lexicon/irregular_verbs.tsv", |t, f| {
        t.patterns.load_irregular(f.text, f.name)
    }),
    data_file!("lexicon/occurrence_verbs.txt", |t, f| {
        t.patterns.load_occurrence(f.text, f.name)
    }),
    data_file!("lexicon/non_agent_nouns.txt", |t, f| {
        t.patterns.load_non_agent(f.text, f.name)
    }),
    data_file!("lexicon/private_parties.txt", |t, f| {
        t.patterns.load_private_parties(f.text, f.name)
    }),
    data_file!("lexicon/domestic_matters.txt", |t, f| {
        t.patterns.load_domestic_matters(f.text, f.name)
    }),
    data_file!("lexicon/care_words.txt", |t, f| {
        t.patterns.load_care_words(f.text, f.name)
    }),
    data_file!("lexicon/animal_nouns.txt", |t, f| {
        t.patterns.load_animals(f.text, f.name)
    }),
    data_file!("lexicon/light_verbs.txt", |t, f| {
        t.patterns.load_light_verbs(f.text, f.name)
    }),
    data_file!("lexicon/weapon_nouns.txt", |t, f| {
        t.patterns.load_weapons(f.text, f.name)
    }),
    data_file!("lexicon/sports_nouns.txt", |t, f| {
        t.patterns.load_sports(f.text, f.name)
    }),
    data_file!("lexicon/force_means.txt", |t, f| {
        t.patterns.load_force_means(f.text, f.name)
    }),
    data_file!("lexicon/unblamed_happenings.txt", |t, f| {
        t.patterns.load_unblamed_happenings(f.text, f.name)
    }),
    data_file!("lexicon/warned_measures.txt", |t, f| {
        t.patterns.load_warned_measures(f.text, f.name)
    }),
    data_file!("lexicon/failure_nouns.txt", |t, f| {
        t.patterns.load_failure_nouns(f.text, f.name)
    }),
    data_file!("lexicon/accord_nouns.txt", |t, f| {
        t.patterns.load_accord_nouns(f.text, f.name)
    }),
    data_file!("lexicon/court_acts.txt", |t, f| {
        t.patterns.load_court_acts(f.text, f.name)
    }),
    data_file!("lexicon/act_nouns.tsv", |t, f| {
        t.patterns.load_act_nouns(f.text, f.name)
    }),
    data_file!("events/patterns.tsv", |t, f| {
        t.patterns.load_patterns(f.text, f.name)
    }),
    data_file!("events/generated/verbs.tsv", |t, f| {
        t.patterns.load_generated(f.text, f.name).map(|_| ())
    }),
    data_file!("events/cameo.tsv", |t, f| {
        t.cameo = cameo::CameoTable::parse(f.text, f.name)?;
        Ok(())
    }),
    data_file!("events/categories.tsv", |t, f| {
        t.categories = categories::CategoryTable::parse(f.text, f.name)?;
        Ok(())
    }),
    // Built in as the image `build.rs` writes (12 MB of text is not parsed
    // at start-up); a `--data` file is parsed into the same image.
    data_file!(
        "gazetteer/places.tsv",
        |t, f| {
            t.gazetteer = crate::places::Gazetteer::parse(f.text, f.name)?;
            Ok(())
        },
        prebuilt: |t| {
            t.gazetteer = crate::places::Gazetteer::built_in()?;
            Ok(())
        },
        apart: true
    ),
];

/// Where one data file comes from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// What the binary holds of it ([`DataEntry::embedded`]).
    Builtin,
    /// A file's text, parsed at start-up.
    File(DataFile<'a>),
}

impl Source<'_> {
    /// Reads the file into the tables with `entry`'s parser, or its
    /// built-in table.
    pub fn load(self, entry: &DataEntry, t: &mut Tables) -> Result<(), LexiconError> {
        match (self, entry.embedded) {
            (Source::File(file), _) => (entry.parse)(t, file),
            (Source::Builtin, Builtin::Text(text)) => (entry.parse)(
                t,
                DataFile {
                    name: entry.name,
                    text,
                },
            ),
            (Source::Builtin, Builtin::Prebuilt(load)) => load(t),
        }
    }
}

/// Every data file the coder needs: one per [`DATA_FILES`] entry, in its
/// order.
#[derive(Debug, Clone)]
pub struct DataSources<'a> {
    files: Vec<Source<'a>>,
}

impl<'a> DataSources<'a> {
    /// The files for the registry's entries, read by `file` (the caller's
    /// I/O: a folder, tests' own texts).
    pub fn from_fn<E>(
        mut file: impl FnMut(&DataEntry) -> Result<DataFile<'a>, E>,
    ) -> Result<Self, E> {
        let files = DATA_FILES
            .iter()
            .map(|e| file(e).map(Source::File))
            .collect::<Result<_, _>>()?;
        Ok(DataSources { files })
    }

    /// Each registry entry with its source.
    pub fn files(&self) -> impl Iterator<Item = (&'static DataEntry, Source<'a>)> + '_ {
        DATA_FILES.iter().zip(self.files.iter().copied())
    }
}

impl DataSources<'static> {
    /// The data files built into the binary (the repo's `data/` folder at build time).
    pub fn embedded() -> Self {
        DataSources {
            files: vec![Source::Builtin; DATA_FILES.len()],
        }
    }
}

/// Every table the coder reads, loaded and validated.
#[derive(Debug)]
pub struct Lexicon {
    pub actors: actors::ActorDictionary,
    pub patterns: patterns::EventPatterns,
    pub stopwords: word_list::WordList,
    pub cameo: cameo::CameoTable,
    /// What each PLOVER type defaults to and is recoded to.
    pub categories: categories::CategoryTable,
    pub gazetteer: crate::places::Gazetteer,
    /// Abbreviations the sentence splitter does not end a sentence at.
    pub abbreviations: abbreviations::Abbreviations,
    /// The content words the coder's stages look up (`data/lexicon/`).
    pub words: word_list::CoderWords,
    /// The tokenizer, tagger, parser and NER (`sitrep-syntax`); its model is
    /// built into the binary and is not replaced by `--data`.
    pub syntax: sitrep_syntax::Pipeline<'static>,
}

/// Parses every data file: the files marked `apart` each on a thread of
/// their own, the others in [`DATA_FILES`] order. The error is the first
/// bad line of the in-order files, else of the files apart.
fn load_tables(src: &DataSources<'_>) -> Result<Tables, LexiconError> {
    std::thread::scope(|scope| {
        let apart: Vec<_> = src
            .files()
            .filter(|(entry, _)| entry.apart)
            .map(|(entry, source)| {
                let handle = scope.spawn(move || {
                    let mut part = Tables::default();
                    source.load(entry, &mut part).map(|()| part)
                });
                let name = match source {
                    Source::File(file) => file.name,
                    Source::Builtin => entry.name,
                };
                (name, handle)
            })
            .collect();
        let mut t = Tables::default();
        for (entry, source) in src.files().filter(|(entry, _)| !entry.apart) {
            source.load(entry, &mut t)?;
        }
        for (name, handle) in apart {
            let part = handle
                .join()
                .map_err(|_| LexiconError::new(name, 0, "loading the file panicked"))??;
            t.take_apart(part);
        }
        Ok(t)
    })
}

/// Where the syntax model comes from, for errors.
pub const SYNTAX_MODEL_FILE: &str = "crates/sitrep-syntax/model/en_core_web_sm.srsyn";

impl Lexicon {
    /// Parses and cross-checks all data files; the first bad line is the error.
    pub fn load(src: &DataSources<'_>) -> Result<Lexicon, LexiconError> {
        // The syntax model (about a fifth of the start-up) is read on a
        // second thread while the data files are parsed: start-up is then
        // the longer of the two, not their sum. A data error still comes
        // first, as the files come before the model.
        let (tables, syntax) = std::thread::scope(|scope| {
            let model = scope.spawn(sitrep_syntax::Pipeline::embedded);
            let tables = load_tables(src);
            (tables, model.join())
        });
        let t = tables?;
        let syntax = syntax
            .map_err(|_| LexiconError::new(SYNTAX_MODEL_FILE, 0, "reading the model panicked"))?
            .map_err(|e| LexiconError::new(SYNTAX_MODEL_FILE, 0, e))?;
        Ok(Lexicon {
            actors: t.actors,
            patterns: t.patterns,
            stopwords: t.stopwords,
            cameo: t.cameo,
            categories: t.categories,
            gazetteer: t
                .gazetteer
                .with_common_words(t.not_places)
                .with_place_words(t.place_words),
            abbreviations: t.abbreviations,
            words: t.words,
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
        // The category policy's recodings name CAMEO codes of their category.
        for policy in lex.categories.iter() {
            for r in [&policy.intent, &policy.against_own].into_iter().flatten() {
                assert_eq!(
                    lex.cameo.lookup(&r.cameo).and_then(|c| c.plover),
                    Some(r.category),
                    "categories.tsv, {}: CAMEO {} is not {}",
                    policy.category,
                    r.cameo,
                    r.category
                );
            }
        }
    }

    #[test]
    fn registry_parsers_read_their_files() {
        // The built-in files, in registry order, through each entry's parser.
        let mut t = Tables::default();
        for e in DATA_FILES {
            assert_eq!(Source::Builtin.load(e, &mut t), Ok(()), "{}", e.name);
            assert!(e.name.ends_with(e.path) && e.name.starts_with("data/"));
        }
        assert!(t.cameo.len() > 200 && t.gazetteer.len() > 1000);
        // A replaced file (as with `--data DIR`) is the one read, and a bad
        // line in it names that file and line.
        let abbr = DATA_FILES
            .iter()
            .find(|e| e.path == "lexicon/abbreviations.txt")
            .expect("abbreviations are in the registry");
        let replaced = DataFile {
            name: "mine/abbreviations.txt",
            text: "# only one\nDr.\tprefix\n",
        };
        assert_eq!((abbr.parse)(&mut t, replaced), Ok(()));
        let text = "Gen. Smith left. Dr. Jones stayed.";
        let sentences = crate::sentences::split_sentences_with(
            text,
            crate::Span::new(0, text.len()),
            &t.abbreviations,
        );
        assert_eq!(
            sentences.len(),
            3,
            "\"Gen.\" ends a sentence without its line"
        );
        let bad = DataFile {
            name: "mine/abbreviations.txt",
            text: "Dr.\nGen\n",
        };
        let e = (abbr.parse)(&mut t, bad).err().map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("mine/abbreviations.txt:2: abbreviation \"Gen\" must end with a period")
        );
    }

    #[test]
    fn error_names_file_and_line() {
        let e = LexiconError::new("data/x.tsv", 7, "unknown sector `XYZ`");
        assert_eq!(e.to_string(), "data/x.tsv:7: unknown sector `XYZ`");
    }
}
