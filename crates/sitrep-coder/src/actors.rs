//! Actors: mentions grouped into noun phrases and resolved to an actor code
//! (ISO alpha-3 or IGO acronym) and a PLOVER sector, with a memory of the
//! document so that later references ("Zas", "he", "the ministers") resolve.
//!
//! A phrase's code comes from, in order: an of-complement ("Defense Minister
//! of Belarus"), a modifier ("Russian", "Kazakhstan's", "CSTO"), a known
//! person, an in-complement ("people in Israel"), then the document memory,
//! then the sentence's or the document's country.

pub mod coref;
pub mod names;
pub mod qualified;
pub mod setting;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::lexicon::actors::{ActorDictionary, EntryKind};
use crate::lexicon::patterns::EventPatterns;
use crate::mentions::{Mention, MentionKind, Pronoun};
use crate::tokens::Token;

/// A resolved actor phrase over tokens `first..end` of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorPhrase {
    pub first: usize,
    pub end: usize,
    pub code: Option<String>,
    pub sector: Option<&'static str>,
    /// How the code was found (`dict:data/actors/countries.tsv:12`, `coref:name`, `default:document`).
    pub how: String,
    /// The phrase names a person (title + name, known person, pronoun he/she).
    pub person: bool,
    /// The phrase is only an adjective ("Russian"), a modifier of what follows.
    pub modifier_only: bool,
    /// The phrase is a pronoun.
    pub pronoun: bool,
}

/// What the coder remembers of a document while reading it.
#[derive(Debug, Default)]
pub struct ActorMemory {
    /// Lower-cased surname or full name → (code, sector).
    names: HashMap<String, (String, Option<&'static str>)>,
    last_person: Option<(String, Option<&'static str>)>,
    /// Persons of this and the previous sentence, for pronouns (`coref`).
    salience: coref::Salience,
    last_group: Option<(String, Option<&'static str>)>,
    /// Head word → most recent code seen with it.
    heads: HashMap<String, (String, Option<&'static str>)>,
    /// The document's main country.
    pub document_country: Option<String>,
}

/// One element of a phrase while it is being grouped.
struct Item<'m> {
    mention: &'m Mention,
    /// Connector before this item: "", "'s", "of", "in".
    link: &'static str,
}

const DETERMINERS: &[&str] = &["the", "a", "an"];

fn is_gap_word(t: &Token, patterns: &EventPatterns) -> bool {
    t.is_word
        && !t.capitalised
        && !t.lower.chars().any(|c| c.is_ascii_digit())
        && !matches!(
            t.lower.as_str(),
            "and"
                | "or"
                | "but"
                | "of"
                | "in"
                | "on"
                | "at"
                | "to"
                | "for"
                | "from"
                | "with"
                | "by"
                | "that"
                | "which"
                | "who"
                | "was"
                | "were"
                | "is"
                | "are"
                | "be"
                | "been"
                | "has"
                | "have"
                | "had"
                | "said"
                | "says"
                | "told"
                | "will"
                | "would"
                | "could"
                | "not"
                | "also"
                | "as"
                | "after"
                | "before"
                | "while"
                | "when"
                | "than"
                | "its"
                | "their"
                | "his"
                | "her"
                | "into"
                | "onto"
                | "over"
                | "under"
                | "through"
                | "across"
                | "about"
                | "between"
                | "during"
                | "against"
                | "via"
                | "towards"
                | "toward"
                | "near"
                | "outside"
                | "inside"
                | "around"
                | "within"
                | "without"
                | "like"
                | "way"
                | "up"
                | "down"
                | "out"
                | "off"
                | "back"
                | "then"
                | "there"
                | "here"
        )
        && !patterns.is_verb_form(&t.lower)
}

/// Groups mentions into phrases (mention index ranges).
fn group<'m>(
    tokens: &[Token],
    mentions: &'m [Mention],
    patterns: &EventPatterns,
) -> Vec<Vec<Item<'m>>> {
    let mut groups: Vec<Vec<Item<'m>>> = Vec::new();
    let mut dict = |m: &Mention| matches!(m.kind, MentionKind::Entries(_));
    for m in mentions {
        let joined = groups.last_mut().and_then(|g| {
            let last = g.last()?.mention;
            if matches!(last.kind, MentionKind::Pronoun(_))
                && !matches!(
                    tokens[last.first].lower.as_str(),
                    "its" | "their" | "his" | "her"
                )
            {
                return None;
            }
            if matches!(m.kind, MentionKind::Pronoun(_)) {
                return None;
            }
            let between: Vec<&str> = tokens[last.end..m.first]
                .iter()
                .map(|t| t.lower.as_str())
                .collect();
            let has_head = g.iter().any(|it| it.mention.kind != MentionKind::Name);
            let link: Option<&'static str> = match between.as_slice() {
                [] => Some(""),
                ["'s"] => Some("'s"),
                // "Defense Minister of Belarus", "the divisions of the united
                // peacekeeping contingent of CSTO".
                ["of", rest @ ..]
                    if has_head
                        && dict(m)
                        && rest.len() <= 3
                        && tokens[m.first - rest.len()..m.first].iter().all(|t| {
                            matches!(t.lower.as_str(), "the" | "its" | "their")
                                || is_gap_word(t, patterns)
                        }) =>
                {
                    Some("of")
                }
                // "a spokesman for the Secretary-General": speaks for them.
                ["for"]
                    if has_head
                        && dict(m)
                        && SPEAKS_FOR.contains(&tokens[last.end - 1].lower.as_str()) =>
                {
                    Some("of")
                }
                // "people in Israel".
                ["in"] if has_head && dict(m) && last.kind != MentionKind::Name => Some("in"),
                gap if gap.len() <= 3
                    && dict(m)
                    && last.kind != MentionKind::Name
                    && tokens[last.end..m.first]
                        .iter()
                        .all(|t| is_gap_word(t, patterns)) =>
                {
                    Some("")
                }
                _ => None,
            };
            link.map(|l| (g, l))
        });
        match joined {
            Some((g, link)) => g.push(Item { mention: m, link }),
            None => groups.push(vec![Item {
                mention: m,
                link: "",
            }]),
        }
    }
    let _ = &mut dict;
    groups
}

/// Resolves the actor phrases of one sentence.
#[allow(clippy::too_many_arguments)]
pub fn resolve_actors(
    tokens: &[Token],
    mentions: &[Mention],
    dict: &ActorDictionary,
    patterns: &EventPatterns,
    memory: &mut ActorMemory,
    sentence_country: Option<&str>,
    date: Option<NaiveDate>,
) -> Vec<ActorPhrase> {
    let mut out: Vec<ActorPhrase> = Vec::new();
    let mut pending_names: Vec<(usize, usize, usize)> = Vec::new();
    memory.salience.enter_sentence();
    for g in group(tokens, mentions, patterns) {
        let (Some(first_item), Some(last_item)) = (g.first(), g.last()) else {
            continue;
        };
        let mut first = first_item.mention.first;
        if first > 0 && DETERMINERS.contains(&tokens[first - 1].lower.as_str()) {
            first -= 1;
        }
        let end = last_item.mention.end;
        let mut of_code = None;
        let mut mod_code = None;
        let mut in_code = None;
        let mut person: Option<(String, Option<&'static str>, String)> = None;
        let mut head_sector: Option<&'static str> = None;
        let mut head_is_title = false;
        let mut head_word: Option<String> = None;
        let mut org_sector: Option<&'static str> = None;
        let mut names: Vec<&Mention> = Vec::new();
        let mut pronoun = None;
        let mut only_adj = true;
        let mut seen_head = false;
        for it in &g {
            match &it.mention.kind {
                MentionKind::Name => {
                    names.push(it.mention);
                    only_adj = false;
                }
                MentionKind::Pronoun(p) => {
                    pronoun = Some((*p, it.mention));
                    only_adj = false;
                }
                MentionKind::Entries(entries) => {
                    // Prefer a person whose role covers the date, then any entry.
                    let pick = entries
                        .iter()
                        .map(|&e| (e, dict.entry(e)))
                        .find(|(_, e)| {
                            e.kind != EntryKind::Person
                                || date.is_none_or(|d| {
                                    e.from.is_none_or(|f| f <= d) && e.to.is_none_or(|t| d <= t)
                                })
                        })
                        .or_else(|| entries.first().map(|&e| (e, dict.entry(e))));
                    let Some((_, e)) = pick else { continue };
                    let how = format!("dict:{}", e.origin);
                    if e.kind != EntryKind::CountryAdj {
                        only_adj = false;
                    }
                    match e.kind {
                        EntryKind::Agent | EntryKind::Title => {
                            head_sector = e.sector;
                            head_is_title = e.kind == EntryKind::Title;
                            head_word = tokens.get(it.mention.end - 1).map(|t| t.lower.clone());
                            seen_head = true;
                        }
                        EntryKind::Person => {
                            if let Some(c) = &e.code {
                                person = Some((c.clone(), e.sector, how.clone()));
                            }
                        }
                        EntryKind::Organisation => {
                            org_sector = e.sector;
                        }
                        // "Moscow said" (GOV), "Kazakhs" (CVL).
                        EntryKind::Seat | EntryKind::People => {
                            org_sector = org_sector.or(e.sector);
                        }
                        _ => {}
                    }
                    // "the two former Soviet republics": a past state names no actor.
                    let former = it.mention.first > 0
                        && matches!(
                            tokens[it.mention.first - 1].lower.as_str(),
                            "former" | "ex" | "erstwhile"
                        );
                    if let (Some(c), true) = (&e.code, e.kind != EntryKind::Person && !former) {
                        let slot = match it.link {
                            "of" => &mut of_code,
                            "in" => &mut in_code,
                            _ if seen_head && e.kind != EntryKind::Organisation => &mut in_code,
                            _ => &mut mod_code,
                        };
                        if slot.is_none() {
                            *slot = Some((c.clone(), how));
                        }
                        if e.kind == EntryKind::Organisation && org_sector == Some("IGO") {
                            org_sector = Some("IGO");
                        }
                    }
                }
            }
        }
        let surname_key = |m: &Mention| tokens.get(m.end - 1).map(|t| t.lower.clone());
        let mut phrase = ActorPhrase {
            first,
            end,
            code: None,
            // Officials of an international organisation act for it.
            sector: if org_sector == Some("IGO") && (head_is_title || head_sector.is_none()) {
                org_sector
            } else {
                head_sector.or(org_sector)
            },
            how: String::new(),
            person: person.is_some() || (!names.is_empty() && head_sector.is_some()),
            modifier_only: only_adj,
            pronoun: pronoun.is_some(),
        };
        if let Some((c, how)) = of_code.or(mod_code) {
            phrase.code = Some(c);
            phrase.how = how;
        } else if let Some((c, s, how)) = person.clone() {
            phrase.code = Some(c);
            phrase.sector = phrase.sector.or(s);
            phrase.how = how;
        } else if let Some((c, how)) = in_code {
            phrase.code = Some(c);
            phrase.how = how;
        } else if let Some((p, m)) = pronoun {
            let found = match p {
                // "Biden said Netanyahu had told him ..., and that he had
                // commended ...": the speaker is the most salient person of
                // a reported clause, ahead of the last person named.
                Pronoun::Person => speaker_before(&out, tokens, m.first).or_else(|| {
                    coref::person_antecedent(
                        &out,
                        tokens,
                        m.first,
                        &memory.salience,
                        memory.last_person.as_ref(),
                    )
                }),
                // "its", "they": the nearest earlier actor that is not the
                // object of a preposition ("China imposed sanctions on X and
                // its forces ...").
                // The nearest earlier actor in subject position ("Hamas said
                // that it would", "China imposed sanctions on X as its forces").
                Pronoun::Group => out
                    .iter()
                    .rev()
                    .find(|a| {
                        !a.person
                            && !a.pronoun
                            && a.code.is_some()
                            && (a.first == 0
                                || matches!(
                                    tokens[a.first - 1].lower.as_str(),
                                    "," | ";" | ":" | "\"" | "“"
                                )
                                || matches!(
                                    tokens[a.first - 1].lower.as_str(),
                                    "and"
                                        | "but"
                                        | "or"
                                        | "that"
                                        | "while"
                                        | "as"
                                        | "when"
                                        | "after"
                                        | "before"
                                        | "because"
                                        | "since"
                                        | "then"
                                        | "the"
                                ))
                            && !(a.first > 0
                                && matches!(
                                    tokens[a.first - 1].lower.as_str(),
                                    "in" | "of"
                                        | "from"
                                        | "at"
                                        | "with"
                                        | "to"
                                        | "for"
                                        | "on"
                                        | "by"
                                        | "against"
                                        | "into"
                                ))
                    })
                    .and_then(|a| a.code.clone().map(|c| (c, a.sector)))
                    .or_else(|| memory.last_group.clone()),
            };
            if let Some((c, s)) = found {
                phrase.code = Some(c);
                phrase.sector = phrase.sector.or(s);
                phrase.how = format!("coref:{}", tokens[m.first].lower);
                phrase.person = p == Pronoun::Person;
            }
        } else if let Some(n) = names.last().and_then(|m| surname_key(m)) {
            let full: String = names
                .iter()
                .flat_map(|m| tokens[m.first..m.end].iter().map(|t| t.lower.as_str()))
                .collect::<Vec<_>>()
                .join(" ");
            if let Some((c, s)) = memory
                .names
                .get(&full)
                .or_else(|| memory.names.get(&n))
                .cloned()
            {
                phrase.code = Some(c);
                phrase.sector = phrase.sector.or(s);
                phrase.how = "coref:name".into();
                phrase.person = true;
            }
        }
        if phrase.code.is_none() {
            if let Some((c, s)) = head_word
                .as_ref()
                .and_then(|h| memory.heads.get(h))
                .cloned()
            {
                phrase.code = Some(c);
                phrase.sector = phrase.sector.or(s);
                phrase.how = "coref:head".into();
            } else if head_sector.is_some() || !names.is_empty() {
                // A generic agent or an unknown titled person: the country the
                // sentence or the document is about.
                // A titled person without a country is most often of the
                // country the article is about; a generic group, of the
                // country its sentence names.
                let (c, how) = match (sentence_country, &memory.document_country) {
                    (_, Some(d)) if !names.is_empty() => (Some(d.clone()), "default:document"),
                    (Some(c), _) => (Some(c.to_string()), "default:sentence"),
                    (None, Some(c)) => (Some(c.clone()), "default:document"),
                    _ => (None, ""),
                };
                if names.is_empty() || head_sector.is_some() {
                    phrase.code = c;
                    phrase.how = how.into();
                }
            }
        }
        // "its two Central Asian allies": a possessive alone only modifies.
        if g.len() == 1
            && pronoun.is_some()
            && matches!(
                tokens[first_item.mention.first].lower.as_str(),
                "its" | "their" | "his" | "her"
            )
            && tokens.get(end).is_some_and(|t| t.is_word)
        {
            phrase.modifier_only = true;
        }
        if phrase.code.is_none() {
            // "Zbigniew Rau, the chairman-in-office of the OSCE": a name takes
            // the code of the titled phrase in apposition after it.
            if !names.is_empty() && head_sector.is_none() {
                pending_names.push((out.len(), first, end));
            }
            continue;
        }
        // Remember names and heads for later sentences.
        if let Some(code) = &phrase.code {
            if !names.is_empty() && !phrase.how.starts_with("coref") {
                for m in &names {
                    if let Some(k) = surname_key(m) {
                        memory.names.insert(k, (code.clone(), phrase.sector));
                    }
                    let full: String = tokens[m.first..m.end]
                        .iter()
                        .map(|t| t.lower.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    memory.names.insert(full, (code.clone(), phrase.sector));
                }
            }
            if phrase.person {
                memory.last_person = Some((code.clone(), phrase.sector));
                if !phrase.pronoun {
                    memory.salience.note_person((code.clone(), phrase.sector));
                }
            } else if !phrase.modifier_only && !phrase.pronoun {
                memory.last_group = Some((code.clone(), phrase.sector));
            }
            if let Some(h) = head_word {
                if !phrase.how.starts_with("default") {
                    memory.heads.insert(h, (code.clone(), phrase.sector));
                }
            }
        }
        out.push(phrase);
    }
    for (pos, first, end) in pending_names.into_iter().rev() {
        let next = out.get(pos).filter(|n| n.person || n.sector.is_some());
        let Some(n) = next else { continue };
        let between: Vec<&str> = tokens[end..n.first]
            .iter()
            .map(|t| t.lower.as_str())
            .collect();
        if matches!(between.as_slice(), [","] | [",", "the"] | [",", "a"]) {
            let code = n.code.clone();
            let sector = n.sector;
            if let Some(c) = &code {
                if let Some(last) = tokens.get(end - 1) {
                    memory.names.insert(last.lower.clone(), (c.clone(), sector));
                }
            }
            out.insert(
                pos,
                ActorPhrase {
                    first,
                    end,
                    code,
                    sector,
                    how: "apposition".into(),
                    person: true,
                    modifier_only: false,
                    pronoun: false,
                },
            );
        }
    }
    out
}

/// The country codes a sentence's own mentions name (countries, adjectives,
/// peoples, seats), in order, without repeats.
/// With `all_kinds` false only names and seats count, not adjectives
/// ("a Russian citizen" does not make a sentence about Russia).
/// Heads that act for the actor named after "for".
const SPEAKS_FOR: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokesmen",
    "spokeswomen",
    "lawyer",
    "lawyers",
    "attorney",
];

/// Verbs of saying whose subject a later "he"/"she" of the same sentence
/// refers to.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "stated",
    "announced",
    "insisted",
    "argued",
    "wrote",
];

/// The person who is the subject of a verb of saying before token `at`:
/// a person phrase followed, within two tokens, by such a verb.
fn speaker_before(
    phrases: &[ActorPhrase],
    tokens: &[Token],
    at: usize,
) -> Option<(String, Option<&'static str>)> {
    phrases
        .iter()
        .filter(|a| a.person && !a.pronoun && a.end < at)
        .find(|a| {
            tokens[a.end..at.min(a.end + 3)]
                .iter()
                .any(|t| SPEECH_VERBS.contains(&t.lower.as_str()))
        })
        .and_then(|a| a.code.clone().map(|c| (c, a.sector)))
}

pub fn sentence_countries(
    mentions: &[Mention],
    dict: &ActorDictionary,
    all_kinds: bool,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in mentions {
        if let MentionKind::Entries(entries) = &m.kind {
            for &e in entries.iter().take(1) {
                let e = dict.entry(e);
                if matches!(e.kind, EntryKind::Country | EntryKind::Seat)
                    || (all_kinds && matches!(e.kind, EntryKind::CountryAdj | EntryKind::People))
                {
                    if let Some(c) = &e.code {
                        if !out.contains(c) {
                            out.push(c.clone());
                        }
                    }
                }
            }
        }
    }
    out
}
