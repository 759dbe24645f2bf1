//! The actor dictionary: countries (names, adjectives, peoples, seats of
//! government), organisations, known people with dated roles, and the
//! generic agents and titles that carry a sector. Formats: `data/actors/FORMAT.md`.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{tsv_lines, LexiconError};
use crate::tokens::{phrase_capitals, phrase_tokens};
use crate::vocab::Sector;

/// What a dictionary phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A country's name ("Kazakhstan").
    Country,
    /// A country adjective ("Kazakh").
    CountryAdj,
    /// A country's people ("Kazakhs").
    People,
    /// A capital or seat used for the government ("Moscow", "the Kremlin").
    Seat,
    /// A named organisation ("CSTO", "Hamas").
    Organisation,
    /// A known person.
    Person,
    /// A generic group or body ("police", "the government").
    Agent,
    /// An office held by a person ("defence minister").
    Title,
}

/// One dictionary entry; several phrases may point at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    pub kind: EntryKind,
    /// Actor code (ISO alpha-3 or IGO acronym); None for agents and titles.
    pub code: Option<String>,
    pub sector: Option<Sector>,
    /// Role dates for people.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// `file:line` of the entry, reported as the actor's provenance.
    pub origin: String,
}

/// A phrase of the dictionary, as tokens.
#[derive(Debug, Clone)]
struct Phrase {
    tokens: Vec<String>,
    /// Whether each token must be capitalised in text (it is in the data).
    capitalised: Vec<bool>,
    entries: Vec<usize>,
}

/// Phrase index keyed by first token.
#[derive(Debug, Default)]
pub struct ActorDictionary {
    entries: Vec<ActorEntry>,
    by_first: HashMap<String, Vec<Phrase>>,
    /// Lower-cased country code → index of its `name` entry.
    country_names: HashMap<String, String>,
    /// Lower-case noun → the kind of actor "the NOUN" takes up
    /// (`descriptions.tsv`).
    descriptions: HashMap<String, DescriptionKind>,
    /// Words that may stand between "the" and a description's noun
    /// (`description_modifiers.txt`: "the regional bloc").
    description_modifiers: super::word_list::WordList,
    /// Names of currencies, as tokens (`currency_words.txt`: "dollars").
    currency_words: super::word_list::WordList,
    /// A news outlet's staff who tell what they saw, as tokens
    /// (`outlet_staff_words.txt`: "reporter", "witness").
    outlet_staff_words: super::word_list::WordList,
}

/// The kind of named actor a definite description takes up: "the
/// country", "the kingdom" (a country), "the alliance", "the bloc" (an
/// intergovernmental organisation), "the group" (another organisation:
/// an armed group, a party, an NGO).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DescriptionKind {
    Country,
    Igo,
    Group,
}

impl DescriptionKind {
    /// The kind an entry of the dictionary names, if any: a country by
    /// its name, adjective, people or seat; an organisation by its sector.
    pub fn of_entry(e: &ActorEntry) -> Option<DescriptionKind> {
        match e.kind {
            EntryKind::Country | EntryKind::CountryAdj | EntryKind::People | EntryKind::Seat => {
                Some(DescriptionKind::Country)
            }
            EntryKind::Organisation if e.sector == Some(Sector::Igo) => Some(DescriptionKind::Igo),
            EntryKind::Organisation => Some(DescriptionKind::Group),
            _ => None,
        }
    }
}

/// A phrase match: token count and entries.
#[derive(Debug, Clone, Copy)]
pub struct PhraseMatch<'a> {
    pub len: usize,
    pub entries: &'a [usize],
}

fn sector(file: &str, line: usize, s: &str) -> Result<Sector, LexiconError> {
    s.parse()
        .map_err(|_| LexiconError::new(file, line, format!("unknown sector `{s}`")))
}

fn code(file: &str, line: usize, s: &str) -> Result<String, LexiconError> {
    let ok = (2..=12).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if ok {
        Ok(s.to_string())
    } else {
        Err(LexiconError::new(
            file,
            line,
            format!("bad actor code `{s}` (want ISO alpha-3 or an upper-case acronym)"),
        ))
    }
}

fn date(file: &str, line: usize, s: &str) -> Result<Option<NaiveDate>, LexiconError> {
    if s == "-" {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            LexiconError::new(file, line, format!("bad date `{s}` (want YYYY-MM-DD or -)"))
        })
}

fn fields(file: &str, line: usize, f: &[&str], n: usize) -> Result<(), LexiconError> {
    if f.len() != n {
        return Err(LexiconError::new(
            file,
            line,
            format!("expected {n} tab-separated columns, found {}", f.len()),
        ));
    }
    if f.iter().any(|x| x.is_empty()) {
        return Err(LexiconError::new(file, line, "empty column"));
    }
    Ok(())
}

/// English plural of a lower-case noun phrase (last word inflected).
pub fn plural(phrase: &str) -> Option<String> {
    let (head, last) = match phrase.rfind(' ') {
        Some(i) => (&phrase[..=i], &phrase[i + 1..]),
        None => ("", phrase),
    };
    if last.ends_with('.') || last.ends_with("'s") {
        return None;
    }
    let p = if let Some(stem) = last.strip_suffix("man") {
        format!("{stem}men")
    } else if last.ends_with("ss")
        || last.ends_with('x')
        || last.ends_with("ch")
        || last.ends_with("sh")
    {
        format!("{last}es")
    } else if last.ends_with('s') {
        return None;
    } else if let Some(stem) = last
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ies")
    } else {
        format!("{last}s")
    };
    Some(format!("{head}{p}"))
}

impl ActorDictionary {
    pub fn entry(&self, i: usize) -> &ActorEntry {
        &self.entries[i]
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The main name of a country code, if the dictionary has it.
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.country_names.get(code).map(String::as_str)
    }

    /// Whether any written variant of entry `idx` holds one of `words`
    /// (lower-case): "International Labor Office" shares a word with the
    /// entry of "International Labour Organization". Scans the phrases, so
    /// it is for rare questions only.
    pub fn variant_shares_word(&self, idx: usize, words: &[&str]) -> bool {
        self.by_first.values().flatten().any(|p| {
            p.entries.contains(&idx) && p.tokens.iter().any(|t| words.contains(&t.as_str()))
        })
    }

    fn add(&mut self, entry: ActorEntry, variants: &str, derive_plural: bool) {
        let idx = self.entries.len();
        self.entries.push(entry);
        for v in variants.split('|').map(str::trim).filter(|v| !v.is_empty()) {
            self.add_phrase(v, idx);
            if derive_plural {
                if let Some(p) = plural(v) {
                    self.add_phrase(&p, idx);
                }
            }
        }
    }

    fn add_phrase(&mut self, variant: &str, idx: usize) {
        let tokens = phrase_tokens(variant);
        let Some(first) = tokens.first().cloned() else {
            return;
        };
        let capitalised = phrase_capitals(variant);
        let list = self.by_first.entry(first).or_default();
        if let Some(p) = list.iter_mut().find(|p| p.tokens == tokens) {
            if !p.entries.contains(&idx) {
                p.entries.push(idx);
            }
            return;
        }
        list.push(Phrase {
            tokens,
            capitalised,
            entries: vec![idx],
        });
        // Longest phrases first so the first match is the longest.
        list.sort_by_key(|p| std::cmp::Reverse(p.tokens.len()));
    }

    /// Parses `countries.tsv` (`CODE FIELD VARIANTS`).
    pub fn load_countries(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        for (line, f) in tsv_lines(src) {
            fields(file, line, &f, 3)?;
            let code = code(file, line, f[0])?;
            let kind = match f[1] {
                "name" => EntryKind::Country,
                "adj" => EntryKind::CountryAdj,
                "people" => EntryKind::People,
                "seat" => EntryKind::Seat,
                other => {
                    return Err(LexiconError::new(
                        file,
                        line,
                        format!("unknown field `{other}` (want name, adj, people or seat)"),
                    ))
                }
            };
            if kind == EntryKind::Country {
                if let Some(first) = f[2].split('|').next() {
                    self.country_names
                        .entry(code.clone())
                        .or_insert_with(|| first.trim().to_string());
                }
            }
            let sector = match kind {
                EntryKind::Seat => Some(Sector::Gov),
                EntryKind::People => Some(Sector::Cvl),
                _ => None,
            };
            self.add(
                ActorEntry {
                    kind,
                    code: Some(code),
                    sector,
                    from: None,
                    to: None,
                    origin: format!("{file}:{line}"),
                },
                f[2],
                false,
            );
        }
        Ok(())
    }

    /// Parses `organisations.tsv` (`CODE SECTOR VARIANTS`).
    pub fn load_organisations(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        for (line, f) in tsv_lines(src) {
            fields(file, line, &f, 3)?;
            let entry = ActorEntry {
                kind: EntryKind::Organisation,
                code: Some(code(file, line, f[0])?),
                sector: Some(sector(file, line, f[1])?),
                from: None,
                to: None,
                origin: format!("{file}:{line}"),
            };
            self.add(entry, f[2], false);
        }
        Ok(())
    }

    /// Parses `people.tsv` (`CODE SECTOR FROM TO VARIANTS`).
    pub fn load_people(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        for (line, f) in tsv_lines(src) {
            fields(file, line, &f, 5)?;
            let from = date(file, line, f[2])?;
            let to = date(file, line, f[3])?;
            if let (Some(a), Some(b)) = (from, to) {
                if b < a {
                    return Err(LexiconError::new(file, line, "role ends before it starts"));
                }
            }
            let entry = ActorEntry {
                kind: EntryKind::Person,
                code: Some(code(file, line, f[0])?),
                sector: Some(sector(file, line, f[1])?),
                from,
                to,
                origin: format!("{file}:{line}"),
            };
            self.add(entry, f[4], false);
        }
        Ok(())
    }

    /// Parses `agents.tsv` (`KIND SECTOR VARIANTS`).
    /// Reads `descriptions.tsv`: `KIND<TAB>NOUNS`, KIND `country`, `igo`
    /// or `group`, NOUNS `|`-separated lower-case single words, each noun
    /// listed once.
    pub fn load_descriptions(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        for (line, f) in tsv_lines(src) {
            fields(file, line, &f, 2)?;
            let kind = match f[0] {
                "country" => DescriptionKind::Country,
                "igo" => DescriptionKind::Igo,
                "group" => DescriptionKind::Group,
                other => {
                    return Err(LexiconError::new(
                        file,
                        line,
                        format!("unknown kind `{other}` (want country, igo or group)"),
                    ))
                }
            };
            for noun in f[1].split('|') {
                if noun.is_empty() || !noun.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                    return Err(LexiconError::new(
                        file,
                        line,
                        format!("`{noun}` is not one lower-case word"),
                    ));
                }
                if self.descriptions.insert(noun.to_string(), kind).is_some() {
                    return Err(LexiconError::new(
                        file,
                        line,
                        format!("`{noun}` is listed twice"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The kind of actor "the `noun`" takes up, if it is a description.
    pub fn description(&self, noun: &str) -> Option<DescriptionKind> {
        self.descriptions.get(noun).copied()
    }

    /// Parses the words that may stand between "the" and a description's
    /// noun (one lower-case word per line).
    pub fn load_description_modifiers(
        &mut self,
        src: &str,
        file: &str,
    ) -> Result<(), LexiconError> {
        self.description_modifiers =
            super::word_list::WordList::parse(src, file, super::word_list::LineShape::Word)?;
        Ok(())
    }

    /// Is the lower-cased `word` a modifier that keeps "the … NOUN" a
    /// description ("regional" in "the regional bloc")?
    pub fn is_description_modifier(&self, word: &str) -> bool {
        self.description_modifiers.contains(word)
    }

    /// Parses the names of currencies (one lower-case word per line, every
    /// form as written).
    pub fn load_currency_words(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        self.currency_words =
            super::word_list::WordList::parse(src, file, super::word_list::LineShape::Word)?;
        Ok(())
    }

    /// Is the lower-cased token `word` the name of a currency ("dollars"
    /// in "paid in U.S. dollars")?
    pub fn is_currency_word(&self, word: &str) -> bool {
        self.currency_words.contains(word)
    }

    /// Parses the words for a news outlet's staff (one lower-case word per
    /// line, every form as written).
    pub fn load_outlet_staff_words(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        self.outlet_staff_words =
            super::word_list::WordList::parse(src, file, super::word_list::LineShape::Word)?;
        Ok(())
    }

    /// Is the lower-cased token `word` a word for an outlet's staff
    /// ("reporter" in "a Reuters reporter said")?
    pub fn is_outlet_staff_word(&self, word: &str) -> bool {
        self.outlet_staff_words.contains(word)
    }

    pub fn load_agents(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        for (line, f) in tsv_lines(src) {
            fields(file, line, &f, 3)?;
            let kind = match f[0] {
                "agent" => EntryKind::Agent,
                "title" => EntryKind::Title,
                other => {
                    return Err(LexiconError::new(
                        file,
                        line,
                        format!("unknown kind `{other}` (want agent or title)"),
                    ))
                }
            };
            if f[2].chars().any(|c| c.is_uppercase()) {
                return Err(LexiconError::new(
                    file,
                    line,
                    "agent and title variants are lower-case",
                ));
            }
            let entry = ActorEntry {
                kind,
                code: None,
                sector: Some(sector(file, line, f[1])?),
                from: None,
                to: None,
                origin: format!("{file}:{line}"),
            };
            self.add(entry, f[2], true);
        }
        Ok(())
    }

    /// The longest phrase starting at token `i` of `tokens`.
    pub fn longest_match<'a>(
        &'a self,
        lower: &[&str],
        capitalised: &[bool],
        i: usize,
    ) -> Option<PhraseMatch<'a>> {
        let first = lower.get(i)?;
        let list = self.by_first.get(*first)?;
        'phrases: for p in list {
            let n = p.tokens.len();
            if i + n > lower.len() {
                continue;
            }
            for k in 0..n {
                if lower[i + k] != p.tokens[k] {
                    continue 'phrases;
                }
                if p.capitalised[k] && !capitalised[i + k] {
                    continue 'phrases;
                }
            }
            return Some(PhraseMatch {
                len: n,
                entries: &p.entries,
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(
            plural("defence minister").as_deref(),
            Some("defence ministers")
        );
        assert_eq!(plural("policeman").as_deref(), Some("policemen"));
        assert_eq!(plural("authority").as_deref(), Some("authorities"));
        assert_eq!(plural("embassy").as_deref(), Some("embassies"));
        assert_eq!(plural("forces"), None);
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let mut d = ActorDictionary::default();
        let e = d
            .load_countries("KAZ\tname\tKazakhstan\nkaz\tname\tX\n", "c.tsv")
            .unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("c.tsv", 2));
        let e = d.load_agents("agent\tXXX\tpolice\n", "a.tsv").unwrap_err();
        assert!(e.to_string().contains("a.tsv:1: unknown sector"));
        let e = d
            .load_people("RUS\tGOV\t2012-05-07\t2008-01-01\tPutin\n", "p.tsv")
            .unwrap_err();
        assert!(e.reason.contains("ends before"));
        let e = d.load_organisations("UN\tIGO\n", "o.tsv").unwrap_err();
        assert!(e.reason.contains("3 tab-separated"));
    }

    #[test]
    fn longest_match_respects_case() {
        let mut d = ActorDictionary::default();
        d.load_countries("TUR\tname\tTurkey\n", "c").unwrap();
        d.load_agents("title\tMIL\tdefence minister|minister\n", "a")
            .unwrap();
        let m = d
            .longest_match(&["defence", "ministers"], &[false, false], 0)
            .unwrap();
        assert_eq!(m.len, 2);
        assert!(d.longest_match(&["turkey"], &[false], 0).is_none());
        assert!(d.longest_match(&["turkey"], &[true], 0).is_some());
    }
}
