//! Event patterns (`data/events/patterns.tsv`), the irregular-verb table and
//! the occurrence verbs, compiled into a trigger index keyed by inflected
//! word form. Formats: `data/events/FORMAT.md`.

use std::collections::{HashMap, HashSet};

use super::actors::plural;
use super::{tsv_lines, LexiconError};
use crate::tokens::phrase_tokens;
use crate::vocab::{Category, Sector};

/// Whether a trigger is a verb or an event noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerKind {
    Verb,
    Noun,
}

/// The grammatical form a trigger word was matched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Base,
    ThirdPerson,
    /// Simple past only ("withdrew").
    Past,
    /// Past participle only ("withdrawn").
    Participle,
    /// Regular "-ed": past or participle.
    PastOrParticiple,
    Gerund,
    Noun,
}

impl Form {
    pub fn can_be_participle(self) -> bool {
        matches!(self, Form::Participle | Form::PastOrParticiple)
    }
}

/// Where a pattern finds its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetSlot {
    /// The first actor after the trigger (and its object words).
    Object,
    /// The actor after this preposition.
    Prep(String),
    /// A party named as the other side of a border in the trigger's clause
    /// ("closed the Belarusian border": `frontier`).
    Frontier,
}

/// An object phrase that a pattern requires near its trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectWord {
    Phrase(Vec<String>),
    /// Any capitalised word (`[place]`).
    ProperName,
}

/// One event pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub id: String,
    pub category: Category,
    pub cameo: String,
    pub kind: TriggerKind,
    /// Required object phrases (any of them); empty when none is required.
    pub objects: Vec<ObjectWord>,
    pub targets: Vec<TargetSlot>,
    pub mode: Option<String>,
    pub context: Vec<String>,
    /// The source is the trigger's object ("brought thousands onto the streets").
    pub source_is_object: bool,
    /// The subject is acted on and the target slot's party acts ("drew
    /// condemnation from Togo"), as a generated `[:CODE]` entry reads.
    pub subject_target: bool,
    /// In the passive, the source follows this preposition ("summoned to the ministry").
    pub passive_source_prep: Option<String>,
    /// The source phrase must contain this text (lower case).
    pub source_word: Option<String>,
    /// Default source sector: civilians (protest nouns).
    pub civilian_source: bool,
    /// How many tokens after the trigger the object may start.
    pub window: usize,
    /// The trigger must be written in lower case (not "March").
    pub lower_only: bool,
    /// Only coded in the passive voice.
    pub passive_only: bool,
    /// With no agent named, the act is the document country's own (courts,
    /// prosecutors, police): "he has been charged with murder".
    pub domestic: bool,
    /// Coded only when the text names the target ("released the mayor").
    pub needs_target: bool,
    /// Coded only when the source is an actor the text names, not a
    /// default (`named-source`): "Kenya's call for a ceasefire" is a
    /// request, "responded to a call for a break-in" is not.
    pub named_source: bool,
    /// Coded only when the target is named with a code other than the
    /// source's: "the minister arrived in Malaysia" is a visit, a minister
    /// arriving in his own country is not.
    pub other_side: bool,
    /// Coded only when the trigger's content clause states a hostile act
    /// (`hostile-clause`): "claimed that Uganda had shelled the village" is
    /// an allegation, "claimed that Uganda had withdrawn" is not.
    pub hostile_clause: bool,
    /// Coded only when the source phrase has one of these sectors (empty:
    /// any): a government or IGO arriving somewhere is a visit, refugees
    /// arriving are not.
    pub source_sectors: Vec<Sector>,
    /// The event is an arrival (`arrival`): the start of a visit, coded
    /// only when the document reports nothing else between the same two
    /// parties from that day on ("arrived in Luanda … signed agreements
    /// with the Angolan president" is the signing).
    pub arrival: bool,
    /// The trigger is a modal of obligation ("must"): the clause it governs,
    /// stated by another party, is a demand on its subject whatever its verb
    /// ("Kenya said Uganda must pay its debts"), coded by
    /// `events::code_obligation`.
    pub obliges: bool,
    /// People sent away whose country the text does not state are of the
    /// country they are sent to ("deported two Chechen men to Russia").
    pub destination_target: bool,
    /// Coded only when the parse gives the verb no direct object or clause:
    /// with one it is another sense ("protesters demonstrated outside
    /// parliament" against "chefs demonstrated new recipes").
    pub intransitive: bool,
    /// Coded only when the parse gives the verb something it acts on (a
    /// direct object, or its subject in the passive): "police dispersed
    /// the crowd", not "the migrants began to disperse".
    pub transitive: bool,
    /// What the verb acts on must be a party: "met the demands",
    /// "mobilised resources", "banned hunting" are other senses.
    pub party_object: bool,
    /// Coded only as a verb, never as a noun derived from it, a verbal noun
    /// or a nominal gerund ("protesters occupied the ministry" is a protest;
    /// "the occupation" is mostly background in news).
    pub verb_only: bool,
    /// Coded only when the verb's subject in the parse is a weapon or an
    /// attack (`data/lexicon/weapon_nouns.txt`): "a missile hit the
    /// airport" is an attack, "the storm hit the coast" is not.
    pub weapon_doer: bool,
    /// Coded only when the parse aims the act at nothing: no "at", "on",
    /// "against", "toward(s)" or "into" phrase on the verb or its object
    /// other than a time or the sea ("launched a missile" is a launch,
    /// "fired missiles at a tanker" an attack even with the tanker unnamed).
    pub aimless: bool,
    /// The act has a target only when the text names one: no target is
    /// supplied from a place or the other party ("North Korea launched a
    /// missile, South Korea's military said" aims at no one).
    pub untargeted: bool,
    /// The act answers another party's act ("the officers returned fire"):
    /// with no target named it is aimed at the doer of the latest force told
    /// against the answerer's side (`coder::attacker_answered`), even from
    /// police or civilians, who otherwise act at home.
    pub answers: bool,
    /// The act restates a coordinated act of its type, never a distinct
    /// one: a time limit to leave given with an expulsion ("expelled two
    /// diplomats and gave them 48 hours to leave" is one expulsion).
    pub restates: bool,
    /// Coded only when the object words are the predicate of the trigger's
    /// content clause, a copula: "said the seizure was an act of piracy",
    /// not "said it would not tolerate illegal fishing".
    pub copular_clause: bool,
    /// Coded only when the act is done at another's request: an "at the
    /// request of", "at X's invitation" phrase on the verb ("sent troops to
    /// Chad at the request of its government": forces sent on request are
    /// aid, not a show of force).
    pub on_request: bool,
    /// Coded only when the act is done to help a party named as the object
    /// of a purpose clause, "to help X", "to assist X" ("sent two ships to
    /// help Vanuatu": forces sent so are aid, not a show of force).
    pub to_help: bool,
    /// Coded only with an actor as the verb's own object in the parse, which
    /// is the target ("thanked Oman", "shelled Israeli positions"; in the
    /// passive the subject, with a "by" agent): a generated bare verb
    /// (OBJECT `[actor]`), which in any other use is mostly another sense
    /// ("hit the market", "fired the coach").
    pub actor_object: bool,
    /// `joint=ID`: done together by two subjects of different countries
    /// ("French and Egyptian warships launched war games"), the act is the
    /// joint one of pattern ID, between them: its index, resolved when the
    /// file is loaded.
    pub joint: Option<usize>,
    /// `file:line` of the pattern (for a generated entry, also its dictionary line).
    pub origin: String,
    /// Where a generated entry finds its actors in a dependency parse; `None`
    /// for hand patterns, which are tried first and override generated ones.
    pub generated: Option<super::generated::DependencySlots>,
}

impl Pattern {
    /// A generated entry whose subject is acted on and whose source is the
    /// party of its preposition ("X received assurances from Y": Y gives
    /// X assurances; PETRARCH-2's `[:CODE]`), or a hand pattern with
    /// `subject-target` ("the ruling drew condemnation from Togo").
    pub fn subject_is_target(&self) -> bool {
        self.subject_target
            || self.generated.as_ref().is_some_and(|g| {
                g.target == super::generated::Slot::Subject
                    && g.source == super::generated::Slot::Prep
            })
    }
}

/// One way a pattern's trigger can appear in text.
#[derive(Debug, Clone)]
pub struct TriggerForm {
    /// Lower-case tokens after the first one (particles: "out", "into custody").
    pub rest: Vec<String>,
    pub pattern: usize,
    pub form: Form,
}

/// Patterns, trigger index and occurrence verbs.
#[derive(Debug, Default)]
pub struct EventPatterns {
    patterns: Vec<Pattern>,
    by_first: HashMap<String, Vec<TriggerForm>>,
    occurrence: HashMap<String, Vec<Vec<String>>>,
    irregular: HashMap<String, (Vec<String>, Vec<String>)>,
    /// Nouns for things that cannot act (`data/lexicon/non_agent_nouns.txt`).
    non_agent: HashSet<String>,
    /// Kin and private company (`data/lexicon/private_parties.txt`).
    private_parties: super::word_list::WordList,
    /// Words of medical care (`data/lexicon/care_words.txt`).
    care_words: super::word_list::WordList,
    /// A state's own domestic business (`data/lexicon/domestic_matters.txt`).
    domestic_matters: super::word_list::WordList,
    /// Animals (`data/lexicon/animal_nouns.txt`).
    animals: super::word_list::WordList,
    /// Light verbs (`data/lexicon/light_verbs.txt`).
    light_verbs: super::word_list::WordList,
    /// Weapons and attacks named as a doer (`data/lexicon/weapon_nouns.txt`).
    weapons: super::word_list::WordList,
    /// Sporting contests and results (`data/lexicon/sports_nouns.txt`).
    sports: super::word_list::WordList,
    /// Means of force used on people (`data/lexicon/force_means.txt`).
    force_means: super::word_list::WordList,
    /// Happenings an inquiry may look into without blaming anyone
    /// (`data/lexicon/unblamed_happenings.txt`).
    unblamed_happenings: super::word_list::WordList,
    /// Measures a warning "of" may name (`data/lexicon/warned_measures.txt`).
    warned_measures: super::word_list::WordList,
    /// Nouns saying the thing in their "of" phrase failed or was called off
    /// (`data/lexicon/failure_nouns.txt`).
    failure_nouns: super::word_list::WordList,
    /// Nouns of an agreement reached, by lemma
    /// (`data/lexicon/accord_nouns.txt`).
    accord_nouns: super::word_list::WordList,
    /// What a court decides (`data/lexicon/court_acts.txt`).
    court_acts: super::word_list::WordList,
    /// Nouns naming an act by another word than its verb, noun → verb
    /// lemma (`data/lexicon/act_nouns.tsv`: "seizure" → "seize").
    act_nouns: HashMap<String, String>,
    /// Verb triggers of hand patterns ("withdraw", "pull out"): a generated
    /// bare verb with the same trigger is not loaded.
    pub(super) hand_verbs: HashSet<String>,
}

/// Inflected forms of a regular verb lemma.
fn regular_forms(lemma: &str) -> Vec<(String, Form)> {
    let mut out = vec![(lemma.to_string(), Form::Base)];
    let chars: Vec<char> = lemma.chars().collect();
    let n = chars.len();
    let last = chars.last().copied().unwrap_or(' ');
    let vowel = |c: char| "aeiou".contains(c);
    let third = if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
        || lemma.ends_with('o')
    {
        format!("{lemma}es")
    } else if last == 'y' && n > 1 && !vowel(chars[n - 2]) {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    };
    out.push((third, Form::ThirdPerson));
    let (past, ing) = if last == 'e' {
        let stem = &lemma[..lemma.len() - 1];
        let ing = if lemma.ends_with("ee") || lemma.ends_with("ye") || lemma.ends_with("oe") {
            format!("{lemma}ing")
        } else if let Some(stem) = lemma.strip_suffix("ie") {
            format!("{stem}ying")
        } else {
            format!("{stem}ing")
        };
        (format!("{lemma}d"), ing)
    } else if last == 'y' && n > 1 && !vowel(chars[n - 2]) {
        (
            format!("{}ied", &lemma[..lemma.len() - 1]),
            format!("{lemma}ing"),
        )
    } else {
        (format!("{lemma}ed"), format!("{lemma}ing"))
    };
    out.push((past, Form::PastOrParticiple));
    out.push((ing, Form::Gerund));
    // Consonant doubling ("ban" → "banned", "cancel" → "cancelled"); the
    // undoubled form stays too, since stress decides and we do not know it.
    if n >= 3
        && !vowel(last)
        && !"wxyh".contains(last)
        && vowel(chars[n - 2])
        && !vowel(chars[n - 3])
    {
        out.push((format!("{lemma}{last}ed"), Form::PastOrParticiple));
        out.push((format!("{lemma}{last}ing"), Form::Gerund));
    }
    out
}

/// Reads a pattern's OPTIONS; returns the pattern id of a `joint=` option,
/// resolved once the whole file is read.
fn parse_options(
    p: &mut Pattern,
    s: &str,
    file: &str,
    line: usize,
) -> Result<Option<String>, LexiconError> {
    let mut joint = None;
    for opt in s
        .split(';')
        .map(str::trim)
        .filter(|o| !o.is_empty() && *o != "-")
    {
        let (key, value) = match opt.split_once('=') {
            Some((k, v)) => (k.trim(), Some(v.trim())),
            None => (opt, None),
        };
        match (key, value) {
            ("mode", Some(v)) => p.mode = Some(v.to_string()),
            ("context", Some(v)) => {
                p.context = v.split(',').map(|c| c.trim().to_string()).collect()
            }
            ("src", Some("obj")) => p.source_is_object = true,
            ("subject-target", None) => p.subject_target = true,
            ("psrc", Some(v)) => p.passive_source_prep = Some(v.to_lowercase()),
            ("srcword", Some(v)) => p.source_word = Some(v.to_lowercase()),
            ("window", Some(v)) => {
                p.window = v.parse().map_err(|_| {
                    LexiconError::new(file, line, format!("bad window `{v}` (want a number)"))
                })?
            }
            ("cvl", None) => p.civilian_source = true,
            ("lower", None) => p.lower_only = true,
            ("passive-only", None) => p.passive_only = true,
            ("domestic", None) => p.domestic = true,
            ("needs-target", None) => p.needs_target = true,
            ("named-source", None) => p.named_source = true,
            ("other-side", None) => p.other_side = true,
            ("hostile-clause", None) => p.hostile_clause = true,
            ("arrival", None) => p.arrival = true,
            ("srcsector", Some(v)) => {
                p.source_sectors = v
                    .split(',')
                    .map(|x| x.trim().parse::<Sector>())
                    .collect::<Result<_, _>>()
                    .map_err(|e| {
                        LexiconError::new(file, line, format!("bad srcsector `{v}`: {e}"))
                    })?
            }
            ("obliges", None) => p.obliges = true,
            ("dest", None) => p.destination_target = true,
            ("intransitive", None) => p.intransitive = true,
            ("transitive", None) => p.transitive = true,
            ("party-object", None) => p.party_object = true,
            ("verb-only", None) => p.verb_only = true,
            ("weapon-doer", None) => p.weapon_doer = true,
            ("aimless", None) => p.aimless = true,
            ("untargeted", None) => p.untargeted = true,
            ("answers", None) => p.answers = true,
            ("restates", None) => p.restates = true,
            ("copular-clause", None) => p.copular_clause = true,
            ("on-request", None) => p.on_request = true,
            ("to-help", None) => p.to_help = true,
            ("joint", Some(v)) => joint = Some(v.to_string()),
            _ => {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("unknown option `{opt}`"),
                ));
            }
        }
    }
    Ok(joint)
}

impl EventPatterns {
    pub fn pattern(&self, i: usize) -> &Pattern {
        &self.patterns[i]
    }

    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// Parses the irregular-verb table; must come before `load_patterns`.
    pub fn load_irregular(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        for (line, f) in tsv_lines(src) {
            if f.len() != 3 || f.iter().any(|x| x.is_empty()) {
                return Err(LexiconError::new(
                    file,
                    line,
                    "expected LEMMA, PAST and PARTICIPLE",
                ));
            }
            let split = |s: &str| s.split('|').map(|x| x.trim().to_lowercase()).collect();
            self.irregular
                .insert(f[0].to_lowercase(), (split(f[1]), split(f[2])));
        }
        Ok(())
    }

    /// Parses the occurrence-verb list (one lemma or phrase per line).
    pub fn load_occurrence(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        for (line, f) in tsv_lines(src) {
            if f.len() != 1 {
                return Err(LexiconError::new(file, line, "expected one verb per line"));
            }
            let tokens = phrase_tokens(f[0]);
            let Some((first, rest)) = tokens.split_first() else {
                return Err(LexiconError::new(file, line, "empty verb"));
            };
            for (form, _) in self.verb_forms(first) {
                self.occurrence.entry(form).or_default().push(rest.to_vec());
            }
        }
        Ok(())
    }

    /// Parses the list of nouns for things that cannot act: one lower-case
    /// lemma per line, letters and inner hyphens only, each once.
    pub fn load_non_agent(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        for (line, f) in tsv_lines(src) {
            let [word] = f.as_slice() else {
                return Err(LexiconError::new(file, line, "expected one noun per line"));
            };
            let well_formed = !word.is_empty()
                && !word.starts_with('-')
                && !word.ends_with('-')
                && word.chars().all(|c| c.is_lowercase() || c == '-');
            if !well_formed {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("`{word}` is not a lower-case noun lemma"),
                ));
            }
            if !self.non_agent.insert((*word).to_string()) {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("`{word}` is listed twice"),
                ));
            }
        }
        Ok(())
    }

    /// Parses the nouns of kin and private company (one lemma per line).
    pub fn load_private_parties(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        self.private_parties =
            super::word_list::WordList::parse(src, file, super::word_list::LineShape::Word)?;
        Ok(())
    }

    /// Parses the nouns of a state's own domestic business (one lemma per line).
    pub fn load_domestic_matters(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        self.domestic_matters =
            super::word_list::WordList::parse(src, file, super::word_list::LineShape::Word)?;
        Ok(())
    }

    /// Parses the words of medical care (one lemma per line).
    pub fn load_care_words(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        self.care_words =
            super::word_list::WordList::parse(src, file, super::word_list::LineShape::Word)?;
        Ok(())
    }

    /// Parses the animal nouns (one lemma per line).
    pub fn load_animals(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        self.animals =
            super::word_list::WordList::parse(src, file, super::word_list::LineShape::Word)?;
        Ok(())
    }

    /// Is the lower-cased `lemma` an animal ("bird", "cattle")?
    pub fn is_animal(&self, lemma: &str) -> bool {
        self.animals.contains(lemma)
    }

    /// Parses the light verbs (one lemma per line).
    pub fn load_light_verbs(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        self.light_verbs =
            super::word_list::WordList::parse(src, file, super::word_list::LineShape::Word)?;
        Ok(())
    }

    /// Parses the weapon and attack nouns (one lemma per line).
    pub fn load_weapons(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        self.weapons =
            super::word_list::WordList::parse(src, file, super::word_list::LineShape::Word)?;
        Ok(())
    }

    /// Parses the sporting contest nouns (one lemma per line).
    pub fn load_sports(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        self.sports =
            super::word_list::WordList::parse(src, file, super::word_list::LineShape::Word)?;
        Ok(())
    }

    /// Parses the means of force (one lemma, or modifier and lemma, per line).
    pub fn load_force_means(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        self.force_means =
            super::word_list::WordList::parse(src, file, super::word_list::LineShape::Phrase)?;
        Ok(())
    }

    /// Parses the happenings an inquiry may look into without blaming
    /// anyone (one lemma per line).
    pub fn load_unblamed_happenings(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        self.unblamed_happenings =
            super::word_list::WordList::parse(src, file, super::word_list::LineShape::Word)?;
        Ok(())
    }

    /// Parses what a court decides (one noun lemma per line).
    pub fn load_court_acts(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        self.court_acts =
            super::word_list::WordList::parse(src, file, super::word_list::LineShape::Word)?;
        Ok(())
    }

    /// Parses the measures a warning may name (one word per line, as
    /// written).
    pub fn load_warned_measures(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        self.warned_measures =
            super::word_list::WordList::parse(src, file, super::word_list::LineShape::Word)?;
        Ok(())
    }

    /// Parses the nouns saying what their "of" phrase names failed (one
    /// word per line, as written).
    pub fn load_failure_nouns(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        self.failure_nouns =
            super::word_list::WordList::parse(src, file, super::word_list::LineShape::Word)?;
        Ok(())
    }

    /// Parses the nouns of an agreement reached (one lemma per line).
    pub fn load_accord_nouns(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        self.accord_nouns =
            super::word_list::WordList::parse(src, file, super::word_list::LineShape::Word)?;
        Ok(())
    }

    /// Parses the nouns that name an act by another word than its verb:
    /// `NOUN<TAB>VERB`, lower-case lemmas, each noun once.
    pub fn load_act_nouns(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        let lemma = |w: &str| {
            !w.is_empty()
                && !w.starts_with('-')
                && !w.ends_with('-')
                && w.chars().all(|c| c.is_lowercase() || c == '-')
        };
        for (line, f) in tsv_lines(src) {
            let [noun, verb] = f.as_slice() else {
                return Err(LexiconError::new(file, line, "expected NOUN and VERB"));
            };
            if !lemma(noun) || !lemma(verb) {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("`{noun}`/`{verb}` are not lower-case lemmas"),
                ));
            }
            if self
                .act_nouns
                .insert((*noun).to_string(), (*verb).to_string())
                .is_some()
            {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("`{noun}` is listed twice"),
                ));
            }
        }
        Ok(())
    }

    /// The verb a noun names the act of by another word (`act_nouns.tsv`:
    /// "criticism" → "criticise"), if listed.
    pub fn act_verb_of(&self, noun: &str) -> Option<&str> {
        self.act_nouns.get(noun).map(String::as_str)
    }

    /// Whether the lower-cased noun lemma `noun` names the act of the
    /// verb form `word` ("ban" of "banned", "seizure" of "seized",
    /// "strikes"' lemma "strike" of "struck"): the noun is the verb's own
    /// lemma or its listed nominalisation (`act_nouns.tsv`).
    pub fn names_act_of(&self, noun: &str, word: &str) -> bool {
        let verb = self.act_nouns.get(noun).map_or(noun, String::as_str);
        self.verb_forms(verb).iter().any(|(form, _)| form == word)
    }

    /// Is the lower-cased noun lemma a happening an inquiry may look into
    /// without blaming anyone ("crash", "death", "outbreak")?
    pub fn is_unblamed_happening(&self, lemma: &str) -> bool {
        self.unblamed_happenings.contains(lemma)
    }

    /// Is the lower-cased noun lemma what a court decides ("ruling",
    /// "verdict")?
    pub fn is_court_act(&self, lemma: &str) -> bool {
        self.court_acts.contains(lemma)
    }

    /// Is the lower-case word a measure a warning "of" may name
    /// ("consequences", "sanctions")?
    pub fn is_warned_measure(&self, word: &str) -> bool {
        self.warned_measures.contains(word)
    }

    /// Is the lower-case word a noun saying the thing in its "of" phrase
    /// failed or was called off ("failure", "collapse")?
    pub fn is_failure_noun(&self, word: &str) -> bool {
        self.failure_nouns.contains(word)
    }

    /// Is the lower-cased lemma a noun of an agreement reached ("truce",
    /// "deal")?
    pub fn is_accord_noun(&self, lemma: &str) -> bool {
        self.accord_nouns.contains(lemma)
    }

    /// Is the lower-cased `phrase` (a lemma, or a modifier and a lemma) a
    /// means of force used on people ("tear gas", "rubber bullet")?
    pub fn is_force_means(&self, phrase: &str) -> bool {
        self.force_means.contains(phrase)
    }

    /// Is the lower-cased `lemma` a sporting contest or its result ("final",
    /// "qualifier", "penalty")?
    pub fn is_sports_noun(&self, lemma: &str) -> bool {
        self.sports.contains(lemma)
    }

    /// Is the lower-cased `lemma` a weapon or an attack ("bomb", "airstrike")?
    pub fn is_weapon(&self, lemma: &str) -> bool {
        self.weapons.contains(lemma)
    }

    /// Is the lower-cased `lemma` a light verb, one whose object event noun
    /// names the act ("launch" in "launched an invasion")?
    pub fn is_light_verb(&self, lemma: &str) -> bool {
        self.light_verbs.contains(lemma)
    }

    /// Is the lower-cased `lemma` kin or private company ("father", "wife")?
    pub fn is_private_party(&self, lemma: &str) -> bool {
        self.private_parties.contains(lemma)
    }

    /// Is `lemma` a state's own domestic business ("ruling", "law", "wage")?
    pub fn is_domestic_matter(&self, lemma: &str) -> bool {
        self.domestic_matters.contains(lemma)
    }

    /// Is `lemma` a thing that cannot act ("earthquake", "cancer")?
    /// A word of medical care ("hospital", "treat"): a release beside it
    /// is a discharge, not the freeing of someone held.
    pub fn is_care_word(&self, lemma: &str) -> bool {
        self.care_words.contains(lemma)
    }

    pub fn is_non_agent(&self, lemma: &str) -> bool {
        self.non_agent.contains(lemma)
    }

    pub(super) fn verb_forms(&self, lemma: &str) -> Vec<(String, Form)> {
        let mut forms = regular_forms(lemma);
        if let Some((past, part)) = self.irregular.get(lemma) {
            forms.retain(|(_, f)| !matches!(f, Form::PastOrParticiple));
            for p in past {
                let form = if part.contains(p) {
                    Form::PastOrParticiple
                } else {
                    Form::Past
                };
                forms.push((p.clone(), form));
            }
            for p in part.iter().filter(|p| !past.contains(p)) {
                forms.push((p.clone(), Form::Participle));
            }
            if lemma == "be" {
                forms.retain(|(f, _)| f != "bes" && f != "bing");
                forms.push(("is".into(), Form::ThirdPerson));
                forms.push(("are".into(), Form::Base));
                forms.push(("being".into(), Form::Gerund));
            }
        }
        forms
    }

    /// Parses `patterns.tsv`.
    pub fn load_patterns(&mut self, src: &str, file: &str) -> Result<(), LexiconError> {
        let mut joint_ids = Vec::new();
        for (line, f) in tsv_lines(src) {
            if !(6..=7).contains(&f.len()) {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("expected 6 or 7 tab-separated columns, found {}", f.len()),
                ));
            }
            if self.patterns.iter().any(|p| p.id == f[0]) {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("duplicate pattern id `{}`", f[0]),
                ));
            }
            let category = f[1].parse::<Category>().map_err(|_| {
                LexiconError::new(file, line, format!("unknown category `{}`", f[1]))
            })?;
            if f[2].len() < 2 || f[2].len() > 4 || !f[2].chars().all(|c| c.is_ascii_digit()) {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("bad CAMEO code `{}`", f[2]),
                ));
            }
            let (kind, words) = match f[3].split_once(':') {
                Some(("v", w)) => (TriggerKind::Verb, w),
                Some(("n", w)) => (TriggerKind::Noun, w),
                _ => {
                    return Err(LexiconError::new(
                        file,
                        line,
                        format!("trigger `{}` must start with v: or n:", f[3]),
                    ))
                }
            };
            // `[actor]`: no object words; the verb's own object in the
            // parse must be a named actor of another side, its target.
            let actor_object = f[4] == "[actor]";
            let objects = if f[4] == "-" || actor_object {
                Vec::new()
            } else {
                f[4].split('|')
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .map(|o| {
                        if o == "[place]" {
                            ObjectWord::ProperName
                        } else {
                            ObjectWord::Phrase(phrase_tokens(o))
                        }
                    })
                    .collect()
            };
            let mut targets = Vec::new();
            if f[5] != "-" {
                for slot in f[5].split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    if slot.chars().any(|c| !c.is_ascii_lowercase()) {
                        return Err(LexiconError::new(
                            file,
                            line,
                            format!("bad target slot `{slot}`"),
                        ));
                    }
                    targets.push(match slot {
                        "obj" => TargetSlot::Object,
                        "frontier" => TargetSlot::Frontier,
                        _ => TargetSlot::Prep(slot.to_string()),
                    });
                }
            }
            let mut pattern = Pattern {
                id: f[0].to_string(),
                category,
                cameo: f[2].to_string(),
                kind,
                objects,
                targets,
                mode: None,
                context: Vec::new(),
                source_is_object: false,
                subject_target: false,
                passive_source_prep: None,
                source_word: None,
                civilian_source: false,
                window: 6,
                lower_only: false,
                passive_only: false,
                domestic: false,
                needs_target: false,
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
                actor_object,
                joint: None,
                origin: format!("{file}:{line}"),
                generated: None,
            };
            if let Some(opts) = f.get(6) {
                if let Some(id) = parse_options(&mut pattern, opts, file, line)? {
                    joint_ids.push((self.patterns.len(), id, line));
                }
            }
            // A `weapon-doer` pattern codes one use of its verb only, so the
            // generated entries of the verb stay for the others ("gunners
            // hit Chadian border posts").
            if kind == TriggerKind::Verb && !pattern.weapon_doer {
                for w in words.split('|').map(str::trim).filter(|w| !w.is_empty()) {
                    self.hand_verbs.insert(phrase_tokens(w).join(" "));
                }
            }
            self.add_pattern(pattern, words);
        }
        self.resolve_joint_ids(joint_ids, file)
    }

    /// Points each `joint=ID` option at its pattern, which must be a joint
    /// act of the same file that has no `joint=` of its own.
    fn resolve_joint_ids(
        &mut self,
        joint_ids: Vec<(usize, String, usize)>,
        file: &str,
    ) -> Result<(), LexiconError> {
        for (at, id, line) in joint_ids {
            let Some(to) = self.patterns.iter().position(|p| p.id == id) else {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("joint=`{id}` names no pattern"),
                ));
            };
            if self.patterns[to].joint.is_some() {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("joint=`{id}` names a pattern with a joint= of its own"),
                ));
            }
            if let Some(p) = self.patterns.get_mut(at) {
                p.joint = Some(to);
            }
        }
        Ok(())
    }

    /// Adds a pattern and indexes every inflected form of its `|`-separated triggers.
    pub(super) fn add_pattern(&mut self, pattern: Pattern, words: &str) {
        let kind = pattern.kind;
        let idx = self.patterns.len();
        self.patterns.push(pattern);
        for w in words.split('|').map(str::trim).filter(|w| !w.is_empty()) {
            let tokens = phrase_tokens(w);
            let Some((first, rest)) = tokens.split_first() else {
                continue;
            };
            let forms = match kind {
                TriggerKind::Verb => self.verb_forms(first),
                TriggerKind::Noun => {
                    let mut v = vec![(first.clone(), Form::Noun)];
                    if rest.is_empty() {
                        if let Some(p) = plural(first) {
                            v.push((p, Form::Noun));
                        }
                    }
                    v
                }
            };
            // A multi-word noun inflects its last word: "air strike(s)".
            if kind == TriggerKind::Noun && !rest.is_empty() {
                let mut rest_pl = rest.to_vec();
                if let Some(last) = rest_pl.last_mut() {
                    if let Some(p) = plural(last) {
                        *last = p;
                        self.by_first
                            .entry(first.clone())
                            .or_default()
                            .push(TriggerForm {
                                rest: rest_pl,
                                pattern: idx,
                                form: Form::Noun,
                            });
                    }
                }
            }
            for (form_text, form) in forms {
                self.by_first
                    .entry(form_text)
                    .or_default()
                    .push(TriggerForm {
                        rest: rest.to_vec(),
                        pattern: idx,
                        form,
                    });
            }
        }
    }

    /// Trigger forms whose first word is `word` (lower case).
    pub fn triggers(&self, word: &str) -> &[TriggerForm] {
        self.by_first.get(word).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Is `lower[i..]` an occurrence verb? Returns its token length.
    pub fn occurrence_at(&self, lower: &[&str], i: usize) -> Option<usize> {
        let rests = self.occurrence.get(*lower.get(i)?)?;
        rests
            .iter()
            .filter(|rest| {
                rest.iter()
                    .enumerate()
                    .all(|(k, w)| lower.get(i + 1 + k).is_some_and(|t| t == w))
            })
            .map(|rest| rest.len() + 1)
            .max()
    }

    /// Is `word` any inflected form of a hand trigger or occurrence verb? Used
    /// to stop noun phrases at verbs. Generated entries are left out so that
    /// importing them adds events without changing how phrases are read.
    pub fn is_verb_form(&self, word: &str) -> bool {
        self.by_first.get(word).is_some_and(|v| {
            v.iter().any(|t| {
                t.form != Form::Noun
                    && t.form != Form::Base
                    && self.patterns[t.pattern].generated.is_none()
            })
        }) || self.occurrence.contains_key(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(lemma: &str) -> Vec<String> {
        regular_forms(lemma).into_iter().map(|(f, _)| f).collect()
    }

    #[test]
    fn regular_inflection() {
        assert_eq!(forms("sign"), ["sign", "signs", "signed", "signing"]);
        assert_eq!(
            forms("declare"),
            ["declare", "declares", "declared", "declaring"]
        );
        assert_eq!(forms("deny"), ["deny", "denies", "denied", "denying"]);
        assert!(forms("ban").contains(&"banned".to_string()));
        assert!(forms("cancel").contains(&"cancelled".to_string()));
        assert!(forms("cancel").contains(&"canceled".to_string()));
        assert!(forms("veto").contains(&"vetoes".to_string()));
    }

    #[test]
    fn non_agent_nouns_load_and_refuse_bad_lines() {
        let mut p = EventPatterns::default();
        p.load_non_agent("# hazards\nflood\nmud-slide\n", "n.txt")
            .expect("valid");
        assert!(p.is_non_agent("flood") && p.is_non_agent("mud-slide"));
        assert!(!p.is_non_agent("police"));
        for (src, reason) in [
            ("flood\nflood\n", "n.txt:2: `flood` is listed twice"),
            ("Flood\n", "n.txt:1: `Flood` is not a lower-case noun lemma"),
            (
                "forest fire\n",
                "n.txt:1: `forest fire` is not a lower-case noun lemma",
            ),
            ("flood\tstorm\n", "n.txt:1: expected one noun per line"),
        ] {
            let e = EventPatterns::default()
                .load_non_agent(src, "n.txt")
                .expect_err(src);
            assert_eq!(e.to_string(), reason, "{src:?}");
        }
    }

    #[test]
    fn irregular_and_particles() {
        let mut p = EventPatterns::default();
        p.load_irregular("withdraw\twithdrew\twithdrawn\n", "irr")
            .unwrap();
        p.load_patterns("r.w\tRETREAT\t0874\tv:withdraw|pull out\t-\tfrom\n", "pat")
            .unwrap();
        assert_eq!(p.triggers("withdrew")[0].form, Form::Past);
        assert_eq!(p.triggers("withdrawn")[0].form, Form::Participle);
        assert_eq!(p.triggers("pulled")[0].rest, vec!["out".to_string()]);
        assert!(p.triggers("withdrawed").is_empty());
    }

    #[test]
    fn bad_lines_are_refused() {
        let mut p = EventPatterns::default();
        let cases = [
            ("x\tFIGHT\t190\tv:attack\t-\tobj\n", "unknown category"),
            ("x\tASSAULT\t19a\tv:attack\t-\tobj\n", "bad CAMEO"),
            (
                "x\tASSAULT\t190\tattack\t-\tobj\n",
                "must start with v: or n:",
            ),
            (
                "x\tASSAULT\t190\tv:attack\t-\tobj\tfoo=bar\n",
                "unknown option",
            ),
            ("x\tASSAULT\t190\tv:attack\n", "expected 6 or 7"),
        ];
        for (src, want) in cases {
            let e = p.load_patterns(src, "p.tsv").unwrap_err();
            assert!(e.to_string().starts_with("p.tsv:1: "), "{e}");
            assert!(e.reason.contains(want), "{e}");
        }
    }
}
