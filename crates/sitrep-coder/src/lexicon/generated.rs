//! The broad verb lexicon generated from PETRARCH-2 and TABARI
//! (`data/events/generated/verbs.tsv`, written by
//! `scripts/build_event_lexicon.py`; format in `data/events/FORMAT.md`).
//!
//! Each entry becomes an event [`Pattern`] tried after the hand patterns.
//! It keeps the dependency slots of its actors so that a matcher over a
//! parse can read them, and names its dictionary line in `origin`.

use super::patterns::{EventPatterns, ObjectWord, Pattern, TargetSlot, TriggerKind};
use super::{tsv_lines, LexiconError};
use crate::tokens::phrase_tokens;
use crate::vocab::Category;

/// Where an actor of a generated entry is found in a dependency parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The verb's subject (`nsubj`; the `by` agent in the passive).
    Subject,
    /// The verb's direct object (`obj`).
    Object,
    /// The object of the entry's preposition (`obl` with that `case`).
    Prep,
}

impl Slot {
    fn parse(s: &str) -> Option<Slot> {
        match s {
            "subj" => Some(Slot::Subject),
            "obj" => Some(Slot::Object),
            "prep" => Some(Slot::Prep),
            _ => None,
        }
    }
}

/// Which voice an entry codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    Active,
    /// Only the passive (the dictionary writes a form of "be" before the verb).
    PassiveOnly,
}

/// The dependency reading of a generated entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DependencySlots {
    pub source: Slot,
    pub target: Slot,
    /// The preposition that marks the `Prep` slot.
    pub prep: Option<String>,
    pub voice: Voice,
    /// The dictionary file and line the entry was generated from.
    pub dictionary_line: String,
}

const COLUMNS: usize = 12;

/// OBJECT of a bare verb coded only with an actor as its object.
const ACTOR_OBJECT: &str = "[actor]";

/// One `|`-separated object list: `-` (or `[actor]`) for none.
fn object_words(s: &str) -> Vec<ObjectWord> {
    if s == "-" || s == ACTOR_OBJECT {
        return Vec::new();
    }
    s.split('|')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(|o| ObjectWord::Phrase(phrase_tokens(o)))
        .collect()
}

/// Is `code` a CAMEO code of 2 to 4 digits?
fn is_cameo_code(code: &str) -> bool {
    (2..=4).contains(&code.len()) && code.chars().all(|c| c.is_ascii_digit())
}

/// Is `verb` a lower-case lemma, optionally with particles ("pull out")?
fn is_verb_phrase(verb: &str) -> bool {
    !verb.is_empty()
        && verb
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == ' ' || c == '-' || c == '\'')
}

/// The slots of one line, checked against each other.
fn dependency_slots(f: &[&str], file: &str, line: usize) -> Result<DependencySlots, LexiconError> {
    let bad = |reason: String| LexiconError::new(file, line, reason);
    let source = Slot::parse(f[6]).ok_or_else(|| bad(format!("bad SOURCE slot `{}`", f[6])))?;
    let target = Slot::parse(f[7]).ok_or_else(|| bad(format!("bad TARGET slot `{}`", f[7])))?;
    let voice = match f[8] {
        "active" => Voice::Active,
        "passive" => Voice::PassiveOnly,
        v => return Err(bad(format!("bad VOICE `{v}` (active or passive)"))),
    };
    let prep = (f[5] != "-").then(|| f[5].to_string());
    let needs_prep = source == Slot::Prep || target == Slot::Prep;
    if needs_prep != prep.is_some() {
        return Err(bad(
            "PREP must be given exactly when a slot is `prep`".to_string()
        ));
    }
    if source == target {
        return Err(bad(format!("SOURCE and TARGET are both `{}`", f[6])));
    }
    // The subject is acted on only in a reversed entry, whose source is the
    // party of its preposition ("received assurances from Y").
    if target == Slot::Subject && source != Slot::Prep {
        return Err(bad(
            "TARGET `subj` needs SOURCE `prep` (a reversed entry)".to_string()
        ));
    }
    if f[11]
        .rsplit_once(':')
        .is_none_or(|(_, n)| n.parse::<usize>().is_err())
    {
        return Err(bad(format!("ORIGIN `{}` is not FILE:LINE", f[11])));
    }
    Ok(DependencySlots {
        source,
        target,
        prep,
        voice,
        dictionary_line: f[11].to_string(),
    })
}

/// The surface-matcher reading of a generated entry.
fn entry_pattern(
    f: &[&str],
    slots: DependencySlots,
    origin: String,
    category: Category,
) -> Pattern {
    // An entry whose target the dictionary marks by a preposition
    // (`* CAMPAIGN (AGAINST +)`) matches only with that phrase, as in the
    // dictionary: "launched a campaign" alone is no accusation, and "fly to"
    // says nothing without where.
    // A reversed entry (`prep` source, `subj` target: "received assurances
    // from Y") reads PREP's phrase in the target slot; the event stage
    // swaps the two sides (`Pattern::subject_is_target`), and codes it only
    // when that phrase is there, as PETRARCH-2 reads the source of its
    // passive clause from BY or FROM.
    let needs_target = slots.target == Slot::Prep || slots.source == Slot::Prep;
    let prep_slots = || {
        slots
            .prep
            .iter()
            .map(|p| TargetSlot::Prep(p.clone()))
            .collect()
    };
    let targets = match (slots.source, slots.target) {
        (Slot::Prep, _) | (_, Slot::Prep) => prep_slots(),
        (_, Slot::Object) => vec![TargetSlot::Object],
        (_, Slot::Subject) => Vec::new(),
    };
    Pattern {
        id: f[0].to_string(),
        category,
        cameo: f[2].to_string(),
        kind: TriggerKind::Verb,
        objects: object_words(f[4]),
        targets,
        mode: (f[9] != "-").then(|| f[9].to_string()),
        context: if f[10] == "-" {
            Vec::new()
        } else {
            f[10].split(',').map(|c| c.trim().to_string()).collect()
        },
        source_is_object: slots.source == Slot::Object,
        subject_target: false,
        passive_source_prep: None,
        source_word: None,
        civilian_source: false,
        window: 6,
        lower_only: false,
        passive_only: slots.voice == Voice::PassiveOnly,
        domestic: false,
        // An entry marked only by its preposition ("fly to") says nothing
        // without the target: coded only when the text names it there.
        needs_target,
        named_source: false,
        other_side: false,
        hostile_clause: false,
        source_sectors: Vec::new(),
        arrival: false,
        obliges: false,
        destination_target: false,
        intransitive: false,
        transitive: false,
        party_object: false,
        verb_only: false,
        weapon_doer: false,
        aimless: false,
        untargeted: false,
        answers: false,
        restates: false,
        copular_clause: false,
        on_request: false,
        to_help: false,
        joint: None,
        actor_object: f[4] == ACTOR_OBJECT,
        origin,
        generated: Some(slots),
    }
}

impl EventPatterns {
    /// Parses the generated lexicon; must come after the hand patterns.
    /// A bare generated verb (no object, no preposition) whose trigger a hand
    /// pattern already has is skipped: the hand pattern says how that verb is
    /// coded. Generated entries are tried after every hand pattern of a word.
    pub fn load_generated(&mut self, src: &str, file: &str) -> Result<usize, LexiconError> {
        let mut loaded = 0;
        let mut ids = std::collections::HashSet::new();
        for (line, f) in tsv_lines(src) {
            if f.len() != COLUMNS {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!(
                        "expected {COLUMNS} tab-separated columns, found {}",
                        f.len()
                    ),
                ));
            }
            if !ids.insert(f[0]) {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("duplicate id `{}`", f[0]),
                ));
            }
            let category = f[1].parse::<Category>().map_err(|_| {
                LexiconError::new(file, line, format!("unknown category `{}`", f[1]))
            })?;
            if !is_cameo_code(f[2]) {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("bad CAMEO code `{}`", f[2]),
                ));
            }
            if !is_verb_phrase(f[3]) {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("bad VERB `{}`", f[3]),
                ));
            }
            let slots = dependency_slots(&f, file, line)?;
            if f[4] == ACTOR_OBJECT && (slots.source, slots.target) != (Slot::Subject, Slot::Object)
            {
                return Err(LexiconError::new(
                    file,
                    line,
                    "OBJECT `[actor]` needs SOURCE `subj` and TARGET `obj`".to_string(),
                ));
            }
            let bare = (f[4] == "-" || f[4] == ACTOR_OBJECT) && slots.prep.is_none();
            if bare && self.hand_verbs.contains(f[3]) {
                continue;
            }
            let origin = format!("{file}:{line} ({})", f[11]);
            self.add_pattern(entry_pattern(&f, slots, origin, category), f[3]);
            loaded += 1;
        }
        Ok(loaded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HAND: &str = "consult.meet\tCONSULT\t040\tv:meet\t-\tobj,with\n";

    fn row(cols: &[&str]) -> String {
        cols.join("\t") + "\n"
    }

    #[test]
    fn hand_verbs_override_bare_entries() {
        let mut p = EventPatterns::default();
        p.load_patterns(HAND, "hand").unwrap();
        let src = row(&[
            "petr2.L1.meet",
            "CONSULT",
            "040",
            "meet",
            "-",
            "-",
            "subj",
            "obj",
            "active",
            "-",
            "-",
            "CAMEO.2.0.txt:1",
        ]) + &row(&[
            "petr2.L2.meet",
            "CONCEDE",
            "083",
            "meet",
            "demands",
            "-",
            "subj",
            "obj",
            "active",
            "-",
            "-",
            "CAMEO.2.0.txt:2",
        ]);
        assert_eq!(p.load_generated(&src, "gen").unwrap(), 1);
        let last = p.patterns().last().unwrap();
        assert_eq!(last.id, "petr2.L2.meet");
        assert_eq!(last.origin, "gen:2 (CAMEO.2.0.txt:2)");
        // Generated forms do not change how phrases are read.
        let src = row(&[
            "petr2.L3.shell",
            "ASSAULT",
            "190",
            "shell",
            "-",
            "-",
            "subj",
            "obj",
            "active",
            "-",
            "-",
            "CAMEO.2.0.txt:3",
        ]);
        assert_eq!(p.load_generated(&src, "gen").unwrap(), 1);
        assert!(!p.triggers("shelled").is_empty());
        assert!(!p.is_verb_form("shelled"));
    }

    #[test]
    fn actor_object_entries_need_a_subject_source_and_an_object_target() {
        let mut cols = [
            "petr2.L5.thank",
            "SUPPORT",
            "051",
            "thank",
            "[actor]",
            "-",
            "subj",
            "obj",
            "active",
            "-",
            "-",
            "CAMEO.2.0.txt:5",
        ];
        let mut p = EventPatterns::default();
        assert_eq!(p.load_generated(&row(&cols), "gen").unwrap(), 1);
        let entry = p.patterns().last().unwrap();
        assert!(entry.actor_object);
        assert!(entry.objects.is_empty());
        // A hand pattern of the verb overrides it like any bare entry.
        let mut hand = EventPatterns::default();
        hand.load_patterns("support.thank\tSUPPORT\t051\tv:thank\t-\tobj\n", "hand")
            .unwrap();
        assert_eq!(hand.load_generated(&row(&cols), "gen").unwrap(), 0);
        cols[5] = "to";
        cols[7] = "prep";
        let e = EventPatterns::default()
            .load_generated(&row(&cols), "g.tsv")
            .unwrap_err();
        assert!(e.reason.contains("`[actor]` needs"), "{e}");
    }

    #[test]
    fn reversed_entries_read_the_source_after_their_preposition() {
        let mut p = EventPatterns::default();
        let src = row(&[
            "petr2.L4.receive",
            "AGREE",
            "030",
            "receive",
            "assurance",
            "from",
            "prep",
            "subj",
            "active",
            "-",
            "-",
            "CAMEO.2.0.txt:4",
        ]);
        assert_eq!(p.load_generated(&src, "gen").unwrap(), 1);
        let entry = p.patterns().last().unwrap();
        assert!(entry.subject_is_target());
        assert!(entry.needs_target);
        assert_eq!(entry.targets, vec![TargetSlot::Prep("from".to_string())]);
        // A subject target with any other source has no reading.
        let src = src.replace("from\tprep\tsubj", "-\tobj\tsubj");
        let e = p.load_generated(&src, "g.tsv").unwrap_err();
        assert!(e.reason.contains("needs SOURCE `prep`"), "{e}");
    }

    #[test]
    fn bad_lines_are_refused() {
        let good = [
            "x",
            "ASSAULT",
            "190",
            "attack",
            "-",
            "-",
            "subj",
            "obj",
            "active",
            "-",
            "-",
            "CAMEO.2.0.txt:9",
        ];
        let cases: [(usize, &str, &str); 7] = [
            (1, "FIGHT", "unknown category"),
            (2, "19a", "bad CAMEO"),
            (3, "Attack", "bad VERB"),
            (6, "actor", "bad SOURCE"),
            (7, "prep", "PREP must be given"),
            (8, "both", "bad VOICE"),
            (11, "CAMEO.2.0.txt", "not FILE:LINE"),
        ];
        for (col, value, want) in cases {
            let mut cols = good;
            cols[col] = value;
            let mut p = EventPatterns::default();
            let e = p.load_generated(&row(&cols), "g.tsv").unwrap_err();
            assert!(e.to_string().starts_with("g.tsv:1: "), "{e}");
            assert!(e.reason.contains(want), "{e}");
        }
        let mut p = EventPatterns::default();
        let e = p.load_generated("a\tb\n", "g.tsv").unwrap_err();
        assert!(e.reason.contains("expected 12"), "{e}");
    }
}
