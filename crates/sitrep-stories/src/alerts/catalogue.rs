//! The signals catalogue (`data/alerts/signals.tsv`, format in
//! `data/alerts/FORMAT.md`): which events matter on their own. Parsed from a
//! `&str` (sans-IO); the binary embeds or reads the file.

use sitrep_coder::record::EventRecord;
use sitrep_coder::{Category, Sector};

use crate::error::StoriesError;

use super::numbers::count_near;

/// The signals built into the binary (the repo's `data/alerts/signals.tsv`).
pub const EMBEDDED_SIGNALS: &str = include_str!("../../../../data/alerts/signals.tsv");
/// The name errors in the built-in catalogue are reported under.
pub const EMBEDDED_SIGNALS_NAME: &str = "data/alerts/signals.tsv";

/// How the actors of an event must relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Any,
    /// The source acts within its own country.
    Domestic,
    /// The source is not of the country the signal concerns.
    Foreign,
    /// Source and target are of different countries.
    CrossBorder,
}

/// Which country a signal concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryOf {
    /// The location, else the target, else the source.
    Location,
    Source,
    Target,
}

/// One rule (line) of the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalRule {
    pub signal: String,
    pub categories: Vec<Category>,
    /// CAMEO prefixes; empty = any.
    pub cameo: Vec<String>,
    /// Empty = no condition.
    pub source_sectors: Vec<Sector>,
    pub target_sectors: Vec<Sector>,
    pub relation: Relation,
    pub country: CountryOf,
    pub min_count: Option<u64>,
    pub count_words: Vec<String>,
    /// Lower-case words or phrases, one of which the sentence must contain.
    pub text_words: Vec<String>,
    pub reason: String,
    /// Line in the file, for explanations.
    pub line: usize,
}

/// A match of an event against a rule.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalMatch<'c> {
    pub rule: &'c SignalRule,
    /// The country concerned.
    pub country: String,
    /// The count read from the text, for rules with MIN_COUNT.
    pub count: Option<u64>,
    /// For a foreign relation, the foreign actor: the first troops of each
    /// foreign country are news, not only the first foreign troops.
    pub foreign: Option<String>,
}

/// All rules, in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SignalCatalogue {
    pub rules: Vec<SignalRule>,
}

fn list(field: &str) -> Vec<String> {
    if field == "-" || field == "*" {
        return Vec::new();
    }
    field
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn is_signal_name(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

impl SignalCatalogue {
    /// The built-in catalogue; checked by a unit test, so never empty in a
    /// released binary.
    pub fn embedded() -> SignalCatalogue {
        SignalCatalogue::parse(EMBEDDED_SIGNALS_NAME, EMBEDDED_SIGNALS).unwrap_or_default()
    }

    /// The distinct signal names, in file order (`coup`, `curfew`, …).
    pub fn signals(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in &self.rules {
            if !out.contains(&r.signal.as_str()) {
                out.push(r.signal.as_str());
            }
        }
        out
    }

    /// Parses the catalogue; the first bad line is an error naming `file`,
    /// the line and the reason.
    pub fn parse(file: &str, text: &str) -> Result<SignalCatalogue, StoriesError> {
        let mut rules = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let bad = |why: String| StoriesError::Data {
                file: file.to_string(),
                line,
                why,
            };
            let l = raw.trim_end_matches('\r');
            if l.trim().is_empty() || l.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() != 11 {
                return Err(bad(format!(
                    "expected 11 TAB-separated fields, found {}",
                    f.len()
                )));
            }
            let signal = f[0].trim();
            if !is_signal_name(signal) {
                return Err(bad(format!(
                    "signal `{signal}` must be lower-case words joined by `-`"
                )));
            }
            // The PLOVER types and sectors a rule may name are the coder's own.
            let categories = list(f[1])
                .iter()
                .map(|c| c.parse::<Category>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| bad(e.to_string()))?;
            if categories.is_empty() {
                return Err(bad("CATEGORY must name at least one PLOVER type".into()));
            }
            let cameo = list(f[2]);
            if let Some(c) = cameo
                .iter()
                .find(|c| c.len() > 4 || !c.chars().all(|d| d.is_ascii_digit()))
            {
                return Err(bad(format!(
                    "`{c}` is not a CAMEO code prefix (1-4 digits)"
                )));
            }
            let sectors = |field: &str| {
                list(field)
                    .iter()
                    .map(|s| {
                        s.parse::<Sector>()
                            .map_err(|_| bad(format!("`{s}` is not an actor sector")))
                    })
                    .collect::<Result<Vec<_>, _>>()
            };
            let source_sectors = sectors(f[3])?;
            let target_sectors = sectors(f[4])?;
            let relation = match f[5].trim() {
                "any" | "-" | "*" => Relation::Any,
                "domestic" => Relation::Domestic,
                "foreign" => Relation::Foreign,
                "cross-border" => Relation::CrossBorder,
                other => {
                    return Err(bad(format!(
                        "RELATION `{other}` is not any, domestic, foreign or cross-border"
                    )))
                }
            };
            let country = match f[6].trim() {
                "location" => CountryOf::Location,
                "source" => CountryOf::Source,
                "target" => CountryOf::Target,
                other => {
                    return Err(bad(format!(
                        "COUNTRY `{other}` is not location, source or target"
                    )))
                }
            };
            let min_count =
                match f[7].trim() {
                    "-" | "*" => None,
                    n => Some(n.parse::<u64>().ok().filter(|&n| n > 0).ok_or_else(|| {
                        bad(format!("MIN_COUNT `{n}` is not a positive integer"))
                    })?),
                };
            let count_words: Vec<String> = list(f[8]).iter().map(|w| w.to_lowercase()).collect();
            if min_count.is_some() == count_words.is_empty() {
                return Err(bad(
                    "MIN_COUNT and COUNT_WORDS go together: give both or neither".into(),
                ));
            }
            let text_words: Vec<String> = list(f[9]).iter().map(|w| w.to_lowercase()).collect();
            let reason = f[10].trim().to_string();
            if reason.is_empty() {
                return Err(bad("REASON is empty".into()));
            }
            if let Some(p) = unknown_placeholder(&reason) {
                return Err(bad(format!(
                    "REASON has an unknown placeholder `{{{p}}}` (use {{country}} or {{number}})"
                )));
            }
            if reason.contains("{number}") && min_count.is_none() {
                return Err(bad("REASON uses {number} without MIN_COUNT".into()));
            }
            rules.push(SignalRule {
                signal: signal.to_string(),
                categories,
                cameo,
                source_sectors,
                target_sectors,
                relation,
                country,
                min_count,
                count_words,
                text_words,
                reason,
                line,
            });
        }
        Ok(SignalCatalogue { rules })
    }

    /// Whether a rule reads the event's sentence (counts or words): such
    /// events must keep their sentence when records are slimmed.
    pub fn reads_text(&self, e: &EventRecord) -> bool {
        self.rules.iter().any(|r| {
            (r.min_count.is_some() || !r.text_words.is_empty()) && r.matches_codes(e).is_some()
        })
    }

    /// Every rule the event matches, with its country; one match per signal
    /// and country.
    pub fn matches<'c>(&'c self, e: &EventRecord) -> Vec<SignalMatch<'c>> {
        let mut out: Vec<SignalMatch> = Vec::new();
        for r in &self.rules {
            let Some(country) = r.matches_codes(e) else {
                continue;
            };
            let mut count = None;
            if let Some(min) = r.min_count {
                match count_near(&e.sentence, &r.count_words) {
                    Some(n) if n >= min => count = Some(n),
                    _ => continue,
                }
            }
            if !r.text_words.is_empty() && !contains_any_word(&e.sentence, &r.text_words) {
                continue;
            }
            let foreign = (r.relation == Relation::Foreign)
                .then(|| e.source.as_ref().map(|a| a.code.clone()))
                .flatten();
            if out
                .iter()
                .any(|m| m.rule.signal == r.signal && m.country == country && m.foreign == foreign)
            {
                continue;
            }
            out.push(SignalMatch {
                rule: r,
                country: country.to_string(),
                count,
                foreign,
            });
        }
        out
    }
}

impl SignalRule {
    /// The country concerned when the event's codes (category, CAMEO,
    /// sectors, relation) fit the rule; text conditions are not checked.
    fn matches_codes<'e>(&self, e: &'e EventRecord) -> Option<&'e str> {
        if !self.categories.contains(&e.category) {
            return None;
        }
        if !self.cameo.is_empty() && !self.cameo.iter().any(|p| e.cameo.starts_with(p.as_str())) {
            return None;
        }
        let sector_ok = |want: &[Sector], a: Option<&sitrep_coder::record::ActorRecord>| {
            want.is_empty() || a.and_then(|a| a.sector).is_some_and(|s| want.contains(&s))
        };
        if !sector_ok(&self.source_sectors, e.source.as_ref())
            || !sector_ok(&self.target_sectors, e.target.as_ref())
        {
            return None;
        }
        let src = e.source.as_ref().map(|a| a.code.as_str());
        let tgt = e.target.as_ref().map(|a| a.code.as_str());
        let loc = e.location.as_ref().map(|l| l.code.as_str());
        let country = match self.country {
            CountryOf::Location => loc.or(tgt).or(src),
            CountryOf::Source => src,
            CountryOf::Target => tgt,
        }?;
        let related = match self.relation {
            Relation::Any => true,
            Relation::Domestic => match (src, tgt) {
                (Some(s), Some(t)) => s == t,
                (Some(s), None) => loc.is_none_or(|l| l == s),
                _ => false,
            },
            Relation::Foreign => src.is_some_and(|s| s != country),
            Relation::CrossBorder => matches!((src, tgt), (Some(s), Some(t)) if s != t),
        };
        related.then_some(country)
    }

    /// The rule's reason with its placeholders filled.
    pub fn reason_for(&self, country: &str, count: Option<u64>) -> String {
        self.reason.replace("{country}", country).replace(
            "{number}",
            &count.map_or_else(|| "?".to_string(), |n| n.to_string()),
        )
    }
}

fn unknown_placeholder(s: &str) -> Option<String> {
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        let end = after.find('}')?;
        let name = &after[..end];
        if name != "country" && name != "number" {
            return Some(name.to_string());
        }
        rest = &after[end + 1..];
    }
    None
}

/// Whether `text` contains one of `words` (lower-case) as whole words.
fn contains_any_word(text: &str, words: &[String]) -> bool {
    let lower = text.to_lowercase();
    words.iter().any(|w| {
        lower.match_indices(w.as_str()).any(|(i, _)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_catalogue_is_valid() {
        let c = SignalCatalogue::parse(EMBEDDED_SIGNALS_NAME, EMBEDDED_SIGNALS)
            .unwrap_or_else(|e| panic!("{e}"));
        for s in [
            "coup",
            "state-of-emergency",
            "curfew",
            "foreign-troops",
            "mass-arrests",
            "mass-killings",
            "expelled-diplomats",
            "internet-shutdown",
            "sanctions",
        ] {
            assert!(c.rules.iter().any(|r| r.signal == s), "{s} missing");
        }
        let names = c.signals();
        assert_eq!(names.len(), 9, "{names:?}");
        assert_eq!(names.first(), Some(&"coup"));
    }

    #[test]
    fn bad_lines_name_file_line_and_reason() {
        let ok = "coup\tCOERCE\t17\tMIL\tGOV\tdomestic\tsource\t-\t-\t-\tcoup in {country}";
        assert!(SignalCatalogue::parse("s.tsv", ok).is_ok());
        for (line, want) in [
            ("coup\tCOERCE", "11 TAB-separated"),
            (&ok.replace("COERCE", "RIOT"), "not a PLOVER"),
            (&ok.replace("\t17\t", "\t1x\t"), "CAMEO"),
            (&ok.replace("MIL", "ARMY"), "sector"),
            (&ok.replace("domestic", "near"), "RELATION"),
            (&ok.replace("source", "place"), "COUNTRY"),
            (&ok.replace("{country}", "{who}"), "placeholder"),
            (&ok.replace("\t-\t-\t-\t", "\t5\t-\t-\t"), "go together"),
            (&ok.replace("coup\t", "Coup\t"), "lower-case"),
        ] {
            let text = format!("# header\n{line}\n");
            let e = SignalCatalogue::parse("s.tsv", &text)
                .expect_err(line)
                .to_string();
            assert!(e.starts_with("s.tsv:2: "), "{e}");
            assert!(e.contains(want), "{want:?} not in {e}");
        }
    }

    #[test]
    fn whole_words_only() {
        let w = vec!["internet".to_string(), "social media".to_string()];
        assert!(contains_any_word("They cut the Internet.", &w));
        assert!(contains_any_word("blocked social media sites", &w));
        assert!(!contains_any_word("internetworking", &w));
    }
}
