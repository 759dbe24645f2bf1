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

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::lexicon::actors::{ActorDictionary, DescriptionKind, EntryKind};
use crate::lexicon::patterns::EventPatterns;
use crate::mentions::{Mention, MentionKind, Pronoun, WATER_WORDS};
use crate::syntax::SETTLEMENT_NOUNS;
use crate::tokens::Token;
use crate::vocab::{ActorHow, Sector};

/// A resolved actor phrase over tokens `first..end` of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorPhrase {
    pub first: usize,
    pub end: usize,
    pub code: Option<String>,
    pub sector: Option<Sector>,
    /// How the code was found (`dict:data/actors/countries.tsv:12`, `coref:name`, `default:document`).
    pub how: ActorHow,
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
    names: HashMap<String, (String, Option<Sector>)>,
    last_person: Option<(String, Option<Sector>)>,
    /// Persons of this and the previous sentence, for pronouns (`coref`).
    salience: coref::Salience,
    last_group: Option<(String, Option<Sector>)>,
    /// The last group named as a subject: "Chile recalled its ambassador
    /// to Israel. It also ..." continues Chile, not the last group named.
    last_subject_group: Option<SubjectGroup>,
    /// Head word → most recent code seen with it.
    heads: HashMap<String, (String, Option<Sector>)>,
    /// A word of a named court's name ("court" of the International
    /// Criminal Court) → that court, for a later bare "the court"
    /// (`body_named_by_its_word`); a word is in `heads` or here, the later
    /// mention deciding.
    body_words: HashMap<String, (String, Option<Sector>)>,
    /// Codes read from the text (not defaulted): how often each was named,
    /// and when last (a running count of phrases). The two most named are the
    /// parties "both sides" takes up.
    party_mentions: HashMap<String, (usize, usize)>,
    phrases_seen: usize,
    /// The distinct codes the previous sentence read from the text, in
    /// order, for a sentence-initial "they" that takes up two parties.
    previous_parties: Vec<(String, Option<Sector>)>,
    /// The previous sentence's parties read from the text, with the number
    /// each phrase shows, for an object pronoun (`object_pronoun_party`).
    previous_numbered: Vec<NumberedParty>,
    /// The document's main country.
    pub document_country: Option<String>,
    /// The country of the dateline's place ("VICTORIA, Seychelles"), where
    /// the story's unnamed courts and police sit (`domestic_institution`).
    pub dateline_country: Option<String>,
    /// The actors of each kind named by the dictionary ("Nicaragua",
    /// "NATO", "Hamas"), latest last, each code once, for "the country",
    /// "the alliance", "the group".
    named: HashMap<DescriptionKind, Vec<(String, Option<Sector>)>>,
}

impl ActorMemory {
    /// The two parties the last sentence read from the text, when it
    /// named exactly two ("Guatemala claims about half of Belize's
    /// territory"): the pair a following "the two countries" takes up.
    pub fn previous_pair(&self) -> Option<(String, String)> {
        match self.previous_parties.as_slice() {
            [(a, _), (b, _)] => Some((a.clone(), b.clone())),
            _ => None,
        }
    }

    /// "Armed raiders from South Sudan killed ... The raiders attacked":
    /// a group that only the place qualifying it gives a country
    /// (`qualify_by_place`, after the phrases were read and remembered) is
    /// what its head word means from then on, so a later "the raiders"
    /// takes that country, not the document's. A sentence's setting alone
    /// ("ministers ... in Almaty") says too little of a head to carry it.
    pub fn remember_placed_heads(&mut self, tokens: &[Token], phrases: &[ActorPhrase]) {
        for ph in phrases.iter().filter(|ph| {
            ph.how == ActorHow::PlaceQualifier
                // "People", "children", "residents" recur with other
                // countries; a civilian head says too little to carry one.
                && ph.sector != Some(Sector::Cvl)
                && !ph.pronoun
                && !ph.modifier_only
        }) {
            let (Some(code), Some(head)) =
                (&ph.code, ph.end.checked_sub(1).and_then(|k| tokens.get(k)))
            else {
                continue;
            };
            // A capitalised head is a name, unless it opens the sentence.
            if head.is_word && (!head.capitalised || ph.end == 1) {
                self.heads
                    .insert(head.lower.clone(), (code.clone(), ph.sector));
            }
        }
    }
}

/// A group remembered from a subject position, with its number.
#[derive(Debug, Clone)]
struct SubjectGroup {
    code: String,
    sector: Option<Sector>,
    plural: bool,
    /// A state's name alone ("Algeria"), which news calls "it", not "they"
    /// (`singular_name`).
    state_name: bool,
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
                // Subordinators open a clause, not a noun phrase: "trained
                // Fijian police officers since the two governments signed".
                | "since"
                | "until"
                | "because"
                | "unless"
                | "although"
                | "though"
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
                // "would shell Eritrean border towns unless Asmara withdrew":
                // a conjunction opening a clause of condition or concession
                // ends the phrase too (the subordinators above also).
                | "if"
                | "whether"
                | "despite"
        )
        && !patterns.is_verb_form(&t.lower)
}

/// Token `k` may stand between a modifier and its head: a gap word, or a
/// lower-case word the parse reads as a noun compounded with the next
/// word though it is also a verb form ("a Belgian appeals court", "the
/// Kenyan protest leaders"), not a function word.
fn gap_word_or_compound(
    tokens: &[Token],
    k: usize,
    patterns: &EventPatterns,
    compound_nouns: &[bool],
) -> bool {
    let t = &tokens[k];
    is_gap_word(t, patterns)
        || (compound_nouns.get(k) == Some(&true)
            && t.is_word
            && !t.capitalised
            && t.lower.chars().all(|c| c.is_ascii_lowercase()))
}

/// Whether the words after an "of" open with a gerund ("accused Moscow of
/// violating Romanian airspace", "suspected Kenya of harbouring rebels"):
/// that "of" brings in what the party did, a clause, not an owner of the
/// phrase, so the country inside it is no part of the actor.
fn opens_with_gerund(words: &[Token]) -> bool {
    words
        .first()
        .is_some_and(|t| t.is_word && !t.capitalised && crate::mentions::is_gerund_word(&t.lower))
}

/// The country a mention names by its own words: a country, its adjective
/// or its people ("Kenya", "Kenyan", "Kenyans"), not an agent or a title.
fn country_named<'d>(dictionary: &'d ActorDictionary, m: &Mention) -> Option<&'d str> {
    let MentionKind::Entries(entries) = &m.kind else {
        return None;
    };
    entries.iter().find_map(|&i| {
        let e = dictionary.entry(i);
        match e.kind {
            EntryKind::Country | EntryKind::CountryAdj | EntryKind::People => e.code.as_deref(),
            _ => None,
        }
    })
}

/// "The arrest by Kenyan police of two Ugandan activists": a group whose
/// own adjective names one country does not take an "of" complement naming
/// another; that is the act's other party, not the group's owner ("the
/// defence ministers of the CSTO" names no country before "of").
fn of_another_country(dictionary: &ActorDictionary, group: &[Item<'_>], m: &Mention) -> bool {
    let Some(other) = country_named(dictionary, m) else {
        return false;
    };
    // A people with a country ("the Albanians of southern Serbia") is of it.
    let adjective = |it: &&Item<'_>| match &it.mention.kind {
        MentionKind::Entries(entries) => entries
            .iter()
            .any(|&i| dictionary.entry(i).kind == EntryKind::CountryAdj),
        _ => false,
    };
    group
        .iter()
        .filter(adjective)
        .filter_map(|it| country_named(dictionary, it.mention))
        .any(|own| own != other)
}

/// Groups mentions into phrases (mention index ranges). `finite_verbs`
/// marks the tokens the parse reads as finite verbs (empty without a
/// parse): a gap with one is a clause, not a noun phrase ("Palestinians
/// reject proposed Israeli changes"). `compound_nouns` marks the tokens it
/// reads as nouns compounded with the next one: such a word bridges a gap
/// even when it is also a verb form ("a Belgian appeals court",
/// `gap_word_or_compound`).
fn group<'m>(
    tokens: &[Token],
    mentions: &'m [Mention],
    dictionary: &ActorDictionary,
    patterns: &EventPatterns,
    finite_verbs: &[bool],
    compound_nouns: &[bool],
) -> Vec<Vec<Item<'m>>> {
    let mut groups: Vec<Vec<Item<'m>>> = Vec::new();
    let mut dict = |m: &Mention| matches!(m.kind, MentionKind::Entries(_));
    for m in mentions {
        let joined = groups.last_mut().and_then(|g| {
            let last = g.last()?.mention;
            if matches!(last.kind, MentionKind::Pronoun(_))
                && !matches!(
                    tokens[last.first].lower.as_str(),
                    "its" | "their" | "his" | "her" | "our"
                )
            {
                return None;
            }
            if matches!(m.kind, MentionKind::Pronoun(_)) {
                return None;
            }
            // "officials of the country": a description completes a head
            // only as its of- or in-complement.
            let description = matches!(m.kind, MentionKind::Description(_));
            let between: Vec<&str> = tokens[last.end..m.first]
                .iter()
                .map(|t| t.lower.as_str())
                .collect();
            let has_head = g.iter().any(|it| it.mention.kind != MentionKind::Name);
            let possessive =
                |marker: &str| is_possessive_marker(marker, &tokens[last.end - 1].lower);
            let link: Option<&'static str> = match between.as_slice() {
                [] => Some(""),
                [p] if possessive(p) => Some("'s"),
                // "the European Union's foreign policy spokesperson": the
                // owner before a head with lower-case modifiers between.
                [p, rest @ ..]
                    if possessive(p)
                        && possessive_owner_of_head(tokens, last, m, rest.len(), patterns)
                        && dict(m)
                        && !(last.end..m.first).any(|k| finite_verbs.get(k) == Some(&true)) =>
                {
                    Some("'s")
                }
                // "Defense Minister of Belarus", "the divisions of the united
                // peacekeeping contingent of CSTO".
                ["of", rest @ ..]
                    if has_head
                        && (dict(m) || description)
                        && !of_another_country(dictionary, g, m)
                        && rest.len() <= 3
                        && !opens_with_gerund(&tokens[m.first - rest.len()..m.first])
                        && tokens[m.first - rest.len()..m.first].iter().all(|t| {
                            matches!(t.lower.as_str(), "the" | "its" | "their")
                                || is_gap_word(t, patterns)
                        }) =>
                {
                    Some("of")
                }
                // "a spokesman for the Secretary-General": speaks for them
                // ("for NATO", "for the European Union").
                ["for"] | ["for", "the"]
                    if has_head
                        && dict(m)
                        && SPEAKS_FOR.contains(&tokens[last.end - 1].lower.as_str()) =>
                {
                    Some("of")
                }
                // "people in Israel".
                ["in"]
                    if has_head && (dict(m) || description) && last.kind != MentionKind::Name =>
                {
                    Some("in")
                }
                _ if description => None,
                gap if gap.len() <= 3
                    && dict(m)
                    && last.kind != MentionKind::Name
                    && (last.end..m.first)
                        .all(|k| gap_word_or_compound(tokens, k, patterns, compound_nouns))
                    && !(last.end..m.first).any(|k| finite_verbs.get(k) == Some(&true)) =>
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

/// "..., Turkey and China, whose foreign ministry urged ...": a head right
/// after a "whose" that follows a comma and an actor belongs to that actor
/// (the nearest, the last of a list), not to a namesake head named before.
/// Of exactly two coordinated owners ("Turkmenistan and Uzbekistan, whose
/// leaders met"), the head is both: it takes the first, and the second is
/// returned as a partner phrase over the same words (as `pair_partner`
/// does), so the act is the two owners' joint one.
fn code_from_whose_antecedent(
    tokens: &[Token],
    head_first: usize,
    out: &[ActorPhrase],
    phrase: &mut ActorPhrase,
) -> Option<ActorPhrase> {
    let whose_at = |k: usize| tokens.get(k).is_some_and(|t| t.lower == "whose");
    let comma_at = |k: usize| tokens.get(k).is_some_and(|t| t.lower == ",");
    let (Some(w), Some(c)) = (head_first.checked_sub(1), head_first.checked_sub(2)) else {
        return None;
    };
    if !(whose_at(w) && comma_at(c)) {
        return None;
    }
    let owner = out.last().filter(|a| a.end == c && a.code.is_some())?;
    let how = ActorHow::CorefPronoun("whose".to_string());
    match coordinated_before(tokens, out, owner) {
        Some(first) if first.code != owner.code => {
            phrase.code = first.code.clone();
            phrase.how = how.clone();
            Some(ActorPhrase {
                code: owner.code.clone(),
                sector: phrase.sector,
                how,
                ..phrase.clone()
            })
        }
        _ => {
            phrase.code = owner.code.clone();
            phrase.how = how;
            None
        }
    }
}

/// "Kenya and Uganda": the phrase joined to `second` by "and" right before
/// it, when it is the first of exactly two (no comma list before it).
fn coordinated_before<'a>(
    tokens: &[Token],
    out: &'a [ActorPhrase],
    second: &ActorPhrase,
) -> Option<&'a ActorPhrase> {
    let and_at = second.first.checked_sub(1)?;
    if tokens.get(and_at).map(|t| t.lower.as_str()) != Some("and") {
        return None;
    }
    let n = out.len();
    let first = out
        .get(n.checked_sub(2)?)
        .filter(|a| a.end == and_at && a.code.is_some() && !a.modifier_only)?;
    let in_a_list = first
        .first
        .checked_sub(1)
        .and_then(|k| tokens.get(k))
        .is_some_and(|t| t.lower == ",");
    (!in_a_list).then_some(first)
}

/// The possessive marker between an owner and its head: "'s", or the bare
/// apostrophe of an owner ending in s ("Seychelles' president", "the
/// Philippines' navy"), which the tokenizer leaves as a word of its own.
fn is_possessive_marker(marker: &str, owner_last: &str) -> bool {
    marker == "'s" || (marker == "'" && owner_last.ends_with('s'))
}

/// A possessive name ("the European Union's") owns a dictionary head one or
/// two lower-case describing words later ("foreign policy spokesperson"):
/// the speaker is the owner's, not the country the article is about.
fn possessive_owner_of_head(
    tokens: &[Token],
    owner: &Mention,
    head: &Mention,
    between: usize,
    patterns: &EventPatterns,
) -> bool {
    (1..=2).contains(&between)
        && matches!(owner.kind, MentionKind::Entries(_))
        // "New Mexico's two U.S. senators": a head with a name of its own
        // is not the owner's.
        && !tokens[head.first..head.end].iter().any(|t| t.capitalised)
        && tokens[owner.end + 1..head.first]
            .iter()
            .all(|t| is_gap_word(t, patterns))
}

/// What the steps of actor resolution read about one sentence.
struct ActorContext<'a> {
    tokens: &'a [Token],
    dict: &'a ActorDictionary,
    /// The one country the sentence names, if it names exactly one.
    sentence_country: Option<&'a str>,
    /// The day roles of known people are checked against.
    date: Option<NaiveDate>,
    /// Per token: the parse reads it as a finite verb.
    finite_verbs: &'a [bool],
}

/// A code and how it was found.
type Coded = (String, ActorHow);

/// What one group of mentions says about the phrase it forms.
struct GroupReading<'m> {
    /// "Defense Minister of Belarus".
    of_code: Option<Coded>,
    /// "Russian", "Kazakhstan's", "CSTO" before the head.
    mod_code: Option<Coded>,
    /// "people in Israel", or a country after the head.
    in_code: Option<Coded>,
    /// A known person: code, sector, how.
    person: Option<(String, Option<Sector>, ActorHow)>,
    /// The last word of the known person's name ("may" of "Theresa May").
    person_surname: Option<String>,
    /// The first word of the known person's name, where the family name is
    /// written first ("wang" of "Wang Yi": `family_name_first`).
    person_family_name: Option<String>,
    head_sector: Option<Sector>,
    head_is_title: bool,
    head_word: Option<String>,
    org_sector: Option<Sector>,
    names: Vec<&'m Mention>,
    pronoun: Option<(Pronoun, &'m Mention)>,
    /// Only country adjectives: the phrase only modifies.
    only_adj: bool,
    /// "the country", "the alliance": a definite description.
    description: Option<DescriptionKind>,
    /// The actors of a kind the group names by the dictionary, in order.
    named: Vec<(DescriptionKind, String, Option<Sector>)>,
    /// The capitalised words of a named court, with its code and sector
    /// (`body_name_words`).
    body_words: Vec<(String, String, Option<Sector>)>,
}

/// "The Indian Ocean", "the South China Sea": a demonym or country word
/// in a water body's name (the phrase at `first..end` with a capitalised
/// water noun, `mentions::WATER_WORDS`, as its last word or just after
/// it) names the water, not a party. "The Sea of Japan" is no mention at
/// all (`mentions::names_water`).
fn names_water_body(tokens: &[Token], first: usize, end: usize) -> bool {
    let water = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| t.capitalised && WATER_WORDS.contains(&t.lower.as_str()))
    };
    (end > first && water(end - 1)) || water(end)
}

/// The verbs with which an outlet or its staff tell the story: "a Reuters
/// witness said", "AFP reported", "an AP count found".
const OUTLET_TELLING_VERBS: &[&str] = &[
    "said",
    "says",
    "saw",
    "reported",
    "reports",
    "counted",
    "witnessed",
    "found",
    "confirmed",
];

/// Whether the group (a news outlet the dictionary names, its mention at
/// `first..end`) only tells the story: the agency of a dateline, "(Reuters)";
/// an outlet or its staff reporting (`data/lexicon/outlet_staff_words.txt`,
/// `OUTLET_TELLING_VERBS`), "a Reuters witness said", "AFP
/// reported"; or the one told, "told Reuters". It is no party of the story:
/// not an actor phrase, so no pronoun takes it up ("It would set up a
/// court" is not the agency) and no unaimed act is aimed at its country.
/// An outlet acted on ("police detained a Reuters reporter") stays a party.
fn outlet_telling_the_story(
    tokens: &[Token],
    dict: &ActorDictionary,
    r: &GroupReading,
    first: usize,
    end: usize,
) -> bool {
    if r.org_sector != Some(Sector::Med) || r.person.is_some() || r.pronoun.is_some() {
        return false;
    }
    let word = |k: usize| tokens.get(k).map(|t| t.lower.as_str());
    let before = |k: usize| k.checked_sub(1).and_then(word);
    let parenthesised = before(first) == Some("(") && word(end) == Some(")");
    let after_staff = if word(end).is_some_and(|w| dict.is_outlet_staff_word(w)) {
        end + 1
    } else {
        end
    };
    let telling = word(after_staff).is_some_and(|w| OUTLET_TELLING_VERBS.contains(&w));
    let told_before = if before(first) == Some("the") {
        first.checked_sub(1).and_then(before)
    } else {
        before(first)
    };
    let told = matches!(told_before, Some("told" | "tells" | "telling"));
    parenthesised || telling || told
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
    finite_verbs: &[bool],
    compound_nouns: &[bool],
) -> Vec<ActorPhrase> {
    let ctx = ActorContext {
        tokens,
        dict,
        sentence_country,
        date,
        finite_verbs,
    };
    let mut out: Vec<ActorPhrase> = Vec::new();
    let mut pending_names: Vec<(usize, usize, usize)> = Vec::new();
    let mut pending_speakers: Vec<ActorPhrase> = Vec::new();
    let mut speakers_own: Vec<usize> = Vec::new();
    memory.salience.enter_sentence();
    for g in group(
        tokens,
        mentions,
        dict,
        patterns,
        finite_verbs,
        compound_nouns,
    ) {
        let (Some(first_item), Some(last_item)) = (g.first(), g.last()) else {
            continue;
        };
        let mut first = first_item.mention.first;
        if first > 0 && DETERMINERS.contains(&tokens[first - 1].lower.as_str()) {
            first -= 1;
        }
        let end = last_item.mention.end;
        if names_water_body(tokens, first_item.mention.first, end) {
            continue;
        }
        if seat_naming_a_place_of(&ctx, &g, end) || adjective_of_a_named_settlement(&ctx, &g, end) {
            continue;
        }
        let r = read_group(&ctx, &g);
        if outlet_telling_the_story(tokens, dict, &r, first_item.mention.first, end) {
            continue;
        }
        let mut phrase = initial_phrase(&r, first, end);
        if demonym_as_person(tokens, &r, first_item.mention.first, end) {
            phrase.person = true;
        }
        code_from_group(&ctx, &r, &out, memory, &mut phrase);
        if phrase.code.is_none() && names_a_pair(tokens, first_item.mention.first, &r) {
            // "both sides agreed", "both sides have since agreed".
            let subject_of_its_verb = (end..(end + 3).min(tokens.len()))
                .any(|k| ctx.finite_verbs.get(k).copied().unwrap_or(false));
            code_from_pair(tokens, memory, &out, &mut phrase, subject_of_its_verb);
        }
        let mut whose_partner = None;
        if phrase.code.is_none() {
            whose_partner =
                code_from_whose_antecedent(tokens, first_item.mention.first, &out, &mut phrase);
        }
        if phrase.code.is_none() {
            code_from_memory_or_default(&ctx, &r, memory, &mut phrase);
        }
        // "its two Central Asian allies": a possessive alone only modifies.
        // "her" before a preposition ("accusing her of spreading") is the
        // object pronoun.
        let pronoun_word = tokens[first_item.mention.first].lower.as_str();
        if g.len() == 1
            && r.pronoun.is_some()
            && matches!(pronoun_word, "its" | "their" | "his" | "her" | "our")
            && tokens
                .get(end)
                .is_some_and(|t| t.is_word && (pronoun_word != "her" || is_gap_word(t, patterns)))
        {
            phrase.modifier_only = true;
        }
        if joint_activity_kind(tokens, first_item.mention.first, end)
            && (phrase.how.is_coref() || phrase.how.is_default())
        {
            continue;
        }
        if lone_possessive_description(tokens, &g, &r, end) {
            continue;
        }
        if phrase.code.is_none() && r.head_sector.is_none() {
            // A describing word: no verb, preposition or conjunction.
            let describes =
                |k: usize| is_gap_word(&tokens[k], patterns) && finite_verbs.get(k) != Some(&true);
            demonym_before_name(&out, &r, describes, &mut phrase);
        }
        if matches!(r.pronoun, Some((Pronoun::Speaker, _))) {
            if phrase.code.is_none() {
                pending_speakers.push(phrase);
                continue;
            }
            // "Our forces": a code only guessed for the head word gives way
            // to the speaker's.
            if phrase.how.is_default() || phrase.how == ActorHow::CorefHead {
                speakers_own.push(out.len());
            }
        }
        if phrase.code.is_none() {
            // "Zbigniew Rau, the chairman-in-office of the OSCE": a name takes
            // the code of the titled phrase in apposition after it.
            if !r.names.is_empty() && r.head_sector.is_none() {
                pending_names.push((out.len(), first, end));
            }
            continue;
        }
        titled_apposition(tokens, &out, &mut phrase);
        let state_name = singular_name(&ctx, &phrase);
        let where_only = seat_as_place(&ctx, &g, first_item.mention.first);
        remember(tokens, memory, r, &phrase, state_name, where_only);
        let partner = pair_partner(tokens, memory, &phrase).or(whose_partner);
        out.push(phrase);
        out.extend(partner);
    }
    for k in speakers_own {
        let speaker = quoted_speaker(tokens, &out, out[k].first, out[k].end);
        if let Some((code, sector)) = speaker {
            let a = &mut out[k];
            a.code = Some(code);
            a.sector = sector.or(a.sector);
            a.how = ActorHow::CorefPronoun(tokens[a.first].lower.clone());
        }
    }
    attach_appositions(tokens, memory, &mut out, pending_names);
    acts_in_body_role(tokens, memory, &mut out);
    members_of_named_group(tokens, &mut out);
    attach_quoted_speakers(tokens, &mut out, pending_speakers);
    memory.previous_parties = parties_read(&out);
    memory.previous_numbered = numbered_parties(&ctx, &out);
    out
}

/// The grammatical number a phrase shows by its head noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Number {
    Singular,
    Plural,
    /// A name ("Kenya", "the Philippines"): not read for number.
    Unknown,
}

/// Plural nouns not ending in "-s", "-men" compounds among them ("gunmen",
/// "militiamen", "fishermen"): "gunmen attacked one of its convoys" is not
/// the gunmen's convoy.
fn irregular_plural(word: &str) -> bool {
    matches!(
        word,
        "police" | "people" | "men" | "women" | "children" | "personnel" | "militia"
    ) || (word.ends_with("men") && !matches!(word, "specimen" | "abdomen" | "regimen" | "omen"))
}

/// Words that end the noun run after a modifier: conjunctions,
/// prepositions, relative words and auxiliaries.
const NOUN_RUN_ENDS: &[&str] = &[
    "and", "or", "of", "in", "on", "at", "to", "for", "from", "with", "by", "that", "who", "which",
    "had", "has", "have", "were", "was", "are", "is", "'s",
];

/// The head noun of a phrase: its last word, or, for a modifier alone
/// ("Chinese" in "Chinese coast guard ships had ..."), the last common noun
/// of the run it modifies, up to a finite verb or a function word.
fn head_noun<'t>(ctx: &ActorContext<'t>, a: &ActorPhrase) -> Option<&'t Token> {
    let tokens = ctx.tokens;
    if !a.modifier_only {
        return tokens.get(a.end.checked_sub(1)?);
    }
    let mut head = None;
    for (k, t) in tokens.iter().enumerate().skip(a.end).take(3) {
        let function_word = NOUN_RUN_ENDS.contains(&t.lower.as_str());
        if !t.is_word || t.capitalised || function_word || ctx.finite_verbs.get(k) == Some(&true) {
            break;
        }
        head = Some(t);
    }
    head
}

/// The number of a phrase by its head noun (`head_noun`).
fn phrase_number(ctx: &ActorContext<'_>, a: &ActorPhrase) -> Number {
    match head_noun(ctx, a) {
        Some(t) if !t.capitalised && t.is_word => {
            let w = t.lower.as_str();
            if irregular_plural(w) || (w.ends_with('s') && !w.ends_with("ss")) {
                Number::Plural
            } else {
                Number::Singular
            }
        }
        _ => Number::Unknown,
    }
}

/// A party read from the text with the number its phrase shows.
#[derive(Debug, Clone)]
struct NumberedParty {
    code: String,
    sector: Option<Sector>,
    number: Number,
}

/// The sentence's phrases read from the text (no default, no pronoun), in
/// order, with their number, for an object pronoun of the next sentence.
fn numbered_parties(ctx: &ActorContext<'_>, out: &[ActorPhrase]) -> Vec<NumberedParty> {
    out.iter()
        .filter_map(|ph| numbered_party(ctx, ph))
        .collect()
}

/// A phrase read from the text (no default, no pronoun) with a code, as a
/// party with the number it shows.
fn numbered_party(ctx: &ActorContext<'_>, ph: &ActorPhrase) -> Option<NumberedParty> {
    if ph.pronoun || ph.how.is_default() {
        return None;
    }
    ph.code.clone().map(|code| NumberedParty {
        code,
        sector: ph.sector,
        number: phrase_number(ctx, ph),
    })
}

/// "Thai police arrested three Cambodian loggers. They charged them ...",
/// "... detained four Palestinian journalists and later released them": an
/// object pronoun ("them", "him") is not the subject of its own clause
/// (that would be "themselves", "himself"). It takes up the last party of
/// its number read from the text, before it in its sentence or in the
/// sentence before, whose code is not that subject's; names, whose number
/// is not read, are passed over, and "him" needs a common noun ("a Swedish
/// journalist"), a named person being the person chain's (`coref`).
fn object_pronoun_party(
    ctx: &ActorContext<'_>,
    out: &[ActorPhrase],
    at: usize,
    memory: &ActorMemory,
) -> Option<(String, Option<Sector>)> {
    let tokens = ctx.tokens;
    let wanted = match tokens.get(at)?.lower.as_str() {
        "them" => Number::Plural,
        "him" => Number::Singular,
        _ => return None,
    };
    let subject = out
        .iter()
        .rev()
        .find(|a| a.end <= at && in_subject_position(tokens, a))
        .and_then(|a| a.code.clone());
    last_numbered_party(ctx, out, at, memory, |p| {
        p.number == wanted && Some(&p.code) != subject.as_ref()
    })
}

/// The last party read from the text that `accept` takes, before `at` in
/// its sentence or in the sentence before, as a code and sector.
fn last_numbered_party(
    ctx: &ActorContext<'_>,
    out: &[ActorPhrase],
    at: usize,
    memory: &ActorMemory,
    accept: impl Fn(&NumberedParty) -> bool,
) -> Option<(String, Option<Sector>)> {
    let here = out
        .iter()
        .rev()
        .filter(|a| a.end <= at)
        .filter_map(|a| numbered_party(ctx, a))
        .collect::<Vec<_>>();
    here.iter()
        .chain(memory.previous_numbered.iter().rev())
        .find(|p| accept(p))
        .map(|p| (p.code.clone(), p.sector))
}

/// "Two Chinese ships rammed a Philippine vessel. Manila said they also
/// fired water cannon": a "they" or "their" that no subject in its
/// sentence takes up (`group_antecedent` passes over a state's name) is
/// the last party read as plural, before it in its sentence or in the
/// sentence before, rather than whichever group was named last.
fn plural_party(
    ctx: &ActorContext<'_>,
    out: &[ActorPhrase],
    at: usize,
    memory: &ActorMemory,
) -> Option<(String, Option<Sector>)> {
    if !matches!(ctx.tokens.get(at)?.lower.as_str(), "they" | "their") {
        return None;
    }
    last_numbered_party(ctx, out, at, memory, |p| p.number == Number::Plural)
}

/// The distinct codes of a sentence's phrases read from the text (no
/// default, no pronoun), in order.
fn parties_read(out: &[ActorPhrase]) -> Vec<(String, Option<Sector>)> {
    let mut parties: Vec<(String, Option<Sector>)> = Vec::new();
    // "his Chinese counterpart" opens with a pronoun but names its own
    // party (a dictionary code, not one taken up by coreference): it is the
    // second party of "X met his Chinese counterpart".
    let names_a_party = |ph: &&ActorPhrase| !ph.pronoun || !ph.how.is_coref();
    for ph in out
        .iter()
        .filter(|ph| names_a_party(ph) && !ph.how.is_default())
    {
        if let Some(c) = &ph.code {
            if !parties.iter().any(|(k, _)| k == c) {
                parties.push((c.clone(), ph.sector));
            }
        }
    }
    parties
}

/// An agent noun between "joint" and the noun it qualifies ("joint coast
/// guard patrols", "joint police training") names the kind of the joint
/// activity, not a party to it or a target of it: the parties are the ones
/// who agree to or hold it. Unless a name or demonym codes it ("joint
/// Kenyan police patrols"), it is no actor phrase.
fn joint_activity_kind(tokens: &[Token], first: usize, end: usize) -> bool {
    first > 0 && tokens[first - 1].lower == "joint" && tokens.get(end).is_some_and(|t| t.is_word)
}

/// "the bloc's airspace", "the country's economy": a definite description
/// that only owns a thing names no actor in the sentence (it would be read
/// as the party acted on); "the country's president" is one phrase with
/// the title, not alone.
fn lone_possessive_description(
    tokens: &[Token],
    g: &[Item<'_>],
    r: &GroupReading<'_>,
    end: usize,
) -> bool {
    g.len() == 1 && r.description.is_some() && tokens.get(end).is_some_and(|t| t.lower == "'s")
}

/// Quotation marks, as the tokenizer keeps them.
fn is_quote_mark(t: &Token) -> bool {
    matches!(t.lower.as_str(), "\"" | "\u{201c}" | "\u{201d}")
}

/// "We have expelled the Dutch ambassador," the Eritrean minister said: a
/// first-person plural inside a quotation is the party of the speaker
/// named right after the closing quotation mark (within three tokens:
/// ", the minister said", ", said the minister"). Outside a quotation, or
/// with no speaker named, it is not resolved.
fn quoted_speaker(
    tokens: &[Token],
    out: &[ActorPhrase],
    first: usize,
    end: usize,
) -> Option<(String, Option<Sector>)> {
    let marks_before = tokens[..first].iter().filter(|t| is_quote_mark(t)).count();
    if marks_before % 2 == 0 {
        return None;
    }
    let close = (end..tokens.len()).find(|&k| is_quote_mark(&tokens[k]))?;
    out.iter()
        .find(|a| a.first > close && a.first <= close + 3 && !a.pronoun)
        .and_then(|a| a.code.clone().map(|c| (c, a.sector)))
}

/// The uncoded first-person pronouns of a sentence ("We have expelled"),
/// coded as their quotation's speaker and put among the phrases; with no
/// speaker found they are dropped.
fn attach_quoted_speakers(tokens: &[Token], out: &mut Vec<ActorPhrase>, pending: Vec<ActorPhrase>) {
    for mut phrase in pending {
        let Some((code, sector)) = quoted_speaker(tokens, out, phrase.first, phrase.end) else {
            continue;
        };
        phrase.code = Some(code);
        phrase.sector = phrase.sector.or(sector);
        phrase.how = ActorHow::CorefPronoun(tokens[phrase.first].lower.clone());
        // In text order, as every phrase list is.
        let at = out
            .iter()
            .position(|a| a.first > phrase.first)
            .unwrap_or(out.len());
        out.insert(at, phrase);
    }
}

/// Most lower-case words between a country adjective and the name it
/// describes ("American pastor John Walsh", "the Kenyan human rights
/// lawyer Jane Doe").
const DEMONYM_NAME_GAP: usize = 3;

/// A name with no code of its own, right after a country adjective and a
/// few lower-case words that say what the person is ("American pastor
/// John Walsh", "British journalist Jane Doe"): the person is of that
/// country, and is remembered as such for the document, so that "Walsh"
/// later is American too. The adjective's dictionary line is how.
fn demonym_before_name(
    out: &[ActorPhrase],
    r: &GroupReading<'_>,
    describes: impl Fn(usize) -> bool,
    phrase: &mut ActorPhrase,
) {
    if r.names.is_empty() || r.pronoun.is_some() {
        return;
    }
    let Some(adj) = out.last().filter(|a| a.modifier_only && a.code.is_some()) else {
        return;
    };
    let gap = adj.end..phrase.first;
    if gap.is_empty() || gap.len() > DEMONYM_NAME_GAP || !gap.clone().all(describes) {
        return;
    }
    phrase.code = adj.code.clone();
    phrase.how = adj.how.clone();
    phrase.person = true;
}

/// Reads a group's mentions: its codes by position (of-complement,
/// modifier, in-complement), a known person, the head's sector and word,
/// names and pronoun.
fn read_group<'m>(ctx: &ActorContext<'_>, g: &[Item<'m>]) -> GroupReading<'m> {
    let (tokens, dict, date) = (ctx.tokens, ctx.dict, ctx.date);
    let mut r = GroupReading {
        of_code: None,
        mod_code: None,
        in_code: None,
        person: None,
        person_surname: None,
        person_family_name: None,
        head_sector: None,
        head_is_title: false,
        head_word: None,
        org_sector: None,
        names: Vec::new(),
        pronoun: None,
        only_adj: true,
        description: None,
        named: Vec::new(),
        body_words: Vec::new(),
    };
    let mut seen_head = false;
    // A nationality after "former", kept aside until the head is known.
    let mut former_nationality: Option<(String, ActorHow)> = None;
    // The word after that nationality: what the former one was.
    let mut former_noun: Option<&str> = None;
    for it in g {
        match &it.mention.kind {
            MentionKind::Name => {
                r.names.push(it.mention);
                r.only_adj = false;
            }
            MentionKind::Pronoun(p) => {
                r.pronoun = Some((*p, it.mention));
                r.only_adj = false;
            }
            MentionKind::Description(kind) => {
                r.description = Some(*kind);
                r.only_adj = false;
            }
            MentionKind::Entries(entries) => {
                let entries = seat_or_body(dict, entries, tokens, it.mention.first);
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
                if let (Some(kind), Some(c)) = (DescriptionKind::of_entry(e), &e.code) {
                    r.named.push((kind, c.clone(), e.sector));
                }
                let how = ActorHow::Dict(e.origin.clone());
                if e.kind != EntryKind::CountryAdj {
                    r.only_adj = false;
                }
                match e.kind {
                    EntryKind::Agent | EntryKind::Title => {
                        r.head_sector = e.sector;
                        r.head_is_title = e.kind == EntryKind::Title;
                        r.head_word = tokens.get(it.mention.end - 1).map(|t| t.lower.clone());
                        seen_head = true;
                    }
                    EntryKind::Person => {
                        if let Some(c) = &e.code {
                            r.person = Some((c.clone(), e.sector, how.clone()));
                            r.person_surname = dictionary_surname(tokens, it.mention);
                            r.person_family_name = family_name_first(tokens, it.mention, c);
                        }
                    }
                    EntryKind::Organisation => {
                        r.org_sector = e.sector;
                        r.body_words.extend(body_name_words(
                            dict,
                            tokens,
                            it.mention,
                            e.code.as_ref(),
                            e.sector,
                        ));
                    }
                    // "Moscow said" (GOV), "Kazakhs" (CVL).
                    EntryKind::Seat | EntryKind::People => {
                        r.org_sector = r.org_sector.or(e.sector);
                    }
                    _ => {}
                }
                // "the two former Soviet republics": a past state names no actor.
                let former = it.mention.first > 0
                    && matches!(
                        tokens[it.mention.first - 1].lower.as_str(),
                        "former" | "ex" | "erstwhile"
                    );
                if former && e.kind == EntryKind::CountryAdj && !matches!(it.link, "of" | "in") {
                    if let Some(c) = &e.code {
                        former_nationality.get_or_insert((c.clone(), how.clone()));
                        former_noun = former_noun.or_else(|| {
                            tokens
                                .get(it.mention.end)
                                .filter(|t| t.is_word && !t.capitalised)
                                .map(|t| t.lower.as_str())
                        });
                    }
                }
                if let (Some(c), true) = (&e.code, e.kind != EntryKind::Person && !former) {
                    let slot = match it.link {
                        "of" => &mut r.of_code,
                        "in" => &mut r.in_code,
                        _ if seen_head && e.kind != EntryKind::Organisation => &mut r.in_code,
                        _ => &mut r.mod_code,
                    };
                    if slot.is_none() {
                        *slot = Some((c.clone(), how));
                    }
                    if e.kind == EntryKind::Organisation && r.org_sector == Some(Sector::Igo) {
                        r.org_sector = Some(Sector::Igo);
                    }
                }
            }
        }
    }
    former_holder_nationality(&mut r, former_nationality, former_noun);
    r
}

/// Nouns of a polity: "the former Soviet republics" were states that are
/// no more, not people of a state that still is.
const POLITY_NOUNS: &[&str] = &[
    "republic",
    "state",
    "colony",
    "country",
    "nation",
    "territory",
    "empire",
    "bloc",
    "satellite",
    "protectorate",
    "dominion",
    "province",
    "region",
];

/// "the former Bolivian president", "the former Indian banker": a past
/// office or trade of someone of a state that still is keeps the person's
/// nationality, unlike "the two former Soviet republics", a past state
/// that names no actor. The head tells the two apart: a title, or any
/// lower-case noun that is no polity noun (`POLITY_NOUNS`: "a former
/// Ugandan soldier", not "former Soviet republics"), the nationality its
/// own modifier (not "the presidents of the two former Soviet republics").
fn former_holder_nationality(
    r: &mut GroupReading<'_>,
    nationality: Option<(String, ActorHow)>,
    next_noun: Option<&str>,
) {
    let person_noun = || {
        r.names.is_empty()
            && r.pronoun.is_none()
            && next_noun.is_some_and(|w| {
                let singular = w
                    .strip_suffix("ies")
                    .map(|stem| format!("{stem}y"))
                    .or_else(|| w.strip_suffix('s').map(str::to_string))
                    .unwrap_or_else(|| w.to_string());
                !POLITY_NOUNS.contains(&singular.as_str()) && !POLITY_NOUNS.contains(&w)
            })
    };
    if (r.head_is_title || person_noun()) && r.mod_code.is_none() {
        r.mod_code = nationality;
    }
}

/// The phrase before its code: sector (officials of an international
/// organisation act for it), person, modifier and pronoun flags.
fn initial_phrase(r: &GroupReading<'_>, first: usize, end: usize) -> ActorPhrase {
    ActorPhrase {
        first,
        end,
        code: None,
        sector: if r.org_sector == Some(Sector::Igo) && (r.head_is_title || r.head_sector.is_none())
        {
            r.org_sector
        } else {
            r.head_sector.or(r.org_sector)
        },
        how: ActorHow::Unstated,
        person: r.person.is_some()
            || (!r.names.is_empty() && r.head_sector.is_some())
            || (r.head_is_title && r.head_word.as_deref().is_some_and(singular_noun)),
        modifier_only: r.only_adj,
        pronoun: r.pronoun.is_some(),
    }
}

/// "Cuba released a jailed American. It had arrested him ...": a lone
/// country adjective after "a" or "an" (over at most two lower-case words,
/// "a jailed American") with no noun after it is a noun for one person of
/// that country, whom "he" or "him" can take up later.
fn demonym_as_person(tokens: &[Token], r: &GroupReading<'_>, first: usize, end: usize) -> bool {
    let no_noun_after = tokens
        .get(end)
        .is_none_or(|t| !t.is_word || AFTER_A_LONE_DEMONYM.contains(&t.lower.as_str()));
    let indefinite = (1..=3).any(|back| {
        first.checked_sub(back).is_some_and(|k| {
            matches!(tokens[k].lower.as_str(), "a" | "an")
                && tokens[k + 1..first]
                    .iter()
                    .all(|t| t.is_word && !t.capitalised)
        })
    });
    r.only_adj && r.names.is_empty() && r.pronoun.is_none() && no_noun_after && indefinite
}

/// Words that may follow a lone country adjective used as a noun ("a jailed
/// American on Monday", "an American who ..."): none of them is the noun
/// the adjective would otherwise describe.
const AFTER_A_LONE_DEMONYM: &[&str] = &[
    "on", "in", "at", "to", "from", "for", "who", "was", "had", "after", "and", "with", "last",
    "earlier",
];

/// A title's head word read as one person ("the prime minister": "he" can
/// take it up later), not a group ("the ministers").
fn singular_noun(word: &str) -> bool {
    !word.ends_with('s') || word.ends_with("ss")
}

/// The code the group itself gives, in order: an of-complement or a
/// modifier, a known person, an in-complement; else a pronoun's antecedent
/// or a name seen earlier in the document.
fn code_from_group(
    ctx: &ActorContext<'_>,
    r: &GroupReading<'_>,
    out: &[ActorPhrase],
    memory: &ActorMemory,
    phrase: &mut ActorPhrase,
) {
    let tokens = ctx.tokens;
    if let Some((c, how)) = r.of_code.clone().or(r.mod_code.clone()) {
        phrase.code = Some(c);
        phrase.how = how;
    } else if let Some((c, s, how)) = r.person.clone() {
        phrase.code = Some(c);
        phrase.sector = phrase.sector.or(s);
        phrase.how = how;
    } else if let Some((c, how)) = r.in_code.clone() {
        phrase.code = Some(c);
        phrase.how = how;
    } else if let Some((c, s)) = r
        .description
        .and_then(|k| description_antecedent(tokens, out, memory, k, phrase.first))
    {
        // "the country", "the alliance": the last actor of its kind.
        phrase.code = Some(c);
        phrase.sector = phrase.sector.or(s);
        phrase.how = ActorHow::CorefDescription;
    } else if let Some((p, m)) = r.pronoun {
        let found = match p {
            // "Biden said Netanyahu had told him ..., and that he had
            // commended ...": the speaker is the most salient person of
            // a reported clause, ahead of the last person named.
            Pronoun::Person => owner_of_inserted_report(out, tokens, m.first)
                .or_else(|| speaker_before(out, tokens, m.first))
                .or_else(|| {
                    coref::person_antecedent(
                        out,
                        tokens,
                        m.first,
                        &memory.salience,
                        memory.last_person.as_ref(),
                    )
                })
                .or_else(|| object_pronoun_party(ctx, out, m.first, memory)),
            Pronoun::Group => object_pronoun_party(ctx, out, m.first, memory)
                .or_else(|| reproached_object(tokens, out, m.first))
                .or_else(|| group_antecedent(ctx, out, m.first))
                .or_else(|| continued_subject(ctx, out, m.first, memory))
                .or_else(|| previous_pair(tokens, m.first, memory))
                .or_else(|| plural_party(ctx, out, m.first, memory))
                .or_else(|| memory.last_group.clone()),
            // The speaker is named after the quotation: read once the
            // sentence's phrases are resolved (`attach_quoted_speakers`).
            Pronoun::Speaker => None,
        };
        if let Some((c, s)) = found {
            phrase.code = Some(c);
            phrase.sector = phrase.sector.or(s);
            phrase.how = ActorHow::CorefPronoun(tokens[m.first].lower.clone());
            phrase.person = p == Pronoun::Person;
        }
    } else if let Some(n) = r.names.last().and_then(|m| surname_key(tokens, m)) {
        let full = full_name(tokens, &r.names);
        if let Some((c, s)) = memory
            .names
            .get(&full)
            .or_else(|| memory.names.get(&n))
            .cloned()
        {
            phrase.code = Some(c);
            phrase.sector = phrase.sector.or(s);
            phrase.how = ActorHow::CorefName;
            phrase.person = true;
        }
    }
}

/// How many actors of each kind the memory keeps for descriptions.
const NAMED_KEPT: usize = 8;

/// The actor a definite description at `at` takes up: the latest of its
/// kind named, but not the subject of its own clause, which a full noun
/// phrase does not corefer with ("Washington also blacklisted officials of
/// the country": not the United States). A subject before a verb of
/// saying or a "that" is another clause's ("Hamas said the group would").
fn description_antecedent(
    tokens: &[Token],
    out: &[ActorPhrase],
    memory: &ActorMemory,
    kind: DescriptionKind,
    at: usize,
) -> Option<(String, Option<Sector>)> {
    if let Some(c) = description_continues_subject(memory, kind, at) {
        return Some(c);
    }
    let own_subjects: Vec<&String> = out
        .iter()
        .filter(|a| !a.modifier_only && a.end <= at && in_subject_position(tokens, a))
        .filter(|a| {
            !tokens[a.end..at]
                .iter()
                .any(|t| t.lower == "that" || SPEECH_VERBS.contains(&t.lower.as_str()))
        })
        .filter_map(|a| a.code.as_ref())
        .collect();
    memory
        .named
        .get(&kind)?
        .iter()
        .rev()
        .find(|(c, _)| !own_subjects.contains(&c))
        .cloned()
}

/// "Morocco welcomed the Israeli foreign minister. The kingdom signed ...":
/// a description opening its sentence continues the previous sentence's
/// subject, as a sentence-initial "It" does (`continued_subject`), when
/// that subject is one actor of the description's kind; the last of the
/// kind named may be a mere modifier of the object ("Israeli").
fn description_continues_subject(
    memory: &ActorMemory,
    kind: DescriptionKind,
    at: usize,
) -> Option<(String, Option<Sector>)> {
    if at != 0 {
        return None;
    }
    let g = memory.last_subject_group.as_ref().filter(|g| !g.plural)?;
    memory
        .named
        .get(&kind)?
        .iter()
        .find(|(c, _)| *c == g.code)
        .map(|(c, s)| (c.clone(), g.sector.or(*s)))
}

/// A sentence-initial "It"/"They" with no antecedent in its sentence
/// continues the last subject group of the text before, when it agrees in
/// number ("Chile recalled its ambassador to Israel. It also ..."). A
/// state's name alone is "it": "Algeria expelled two French diplomats.
/// They were given 48 hours" is about the diplomats (`plural_party`).
fn continued_subject(
    ctx: &ActorContext<'_>,
    out: &[ActorPhrase],
    at: usize,
    memory: &ActorMemory,
) -> Option<(String, Option<Sector>)> {
    let tokens = ctx.tokens;
    if !opens_main_clause(ctx, out, at) {
        return None;
    }
    let singular = matches!(tokens[at].lower.as_str(), "it" | "its" | "itself");
    memory
        .last_subject_group
        .as_ref()
        .filter(|g| if singular { !g.plural } else { !g.state_name })
        .map(|g| (g.code.clone(), g.sector))
}

/// Longest fronted adverbial ("On Thursday", "Later that day,") before a
/// sentence's subject that still lets the subject continue the text before.
const MAX_FRONTED_WORDS: usize = 6;

/// Token `at` is where its sentence's main clause begins: the first word,
/// or after a short fronted adverbial with no actor and no finite verb
/// ("On Thursday it eased sanctions": "it" stands where "It" would).
fn opens_main_clause(ctx: &ActorContext<'_>, out: &[ActorPhrase], at: usize) -> bool {
    at == 0
        || (at <= MAX_FRONTED_WORDS
            && out.iter().all(|a| a.first > at)
            && !(0..at).any(|k| ctx.finite_verbs.get(k) == Some(&true))
            && !ctx.tokens[..at]
                .iter()
                .any(|t| matches!(t.lower.as_str(), "\"" | "“" | "'" | "‘")))
}

/// "Kenya's president met Uganda's president. They agreed ...": a
/// sentence-initial "they" with no antecedent in its sentence, after a
/// sentence that named exactly two parties (persons included), is the
/// pair: the first of them, the event taking the other as its party.
fn previous_pair(
    tokens: &[Token],
    at: usize,
    memory: &ActorMemory,
) -> Option<(String, Option<Sector>)> {
    if at != 0 || tokens[at].lower != "they" || memory.previous_parties.len() != 2 {
        return None;
    }
    if one_plural_party(memory) {
        return None;
    }
    memory.previous_parties.first().cloned()
}

/// Stems of verbs that react to what their object did: the reason clause
/// after them ("after it detained ...") is about that object.
const REACTION_STEMS: &[&str] = &[
    "condemn",
    "critici",
    "denounc",
    "rebuk",
    "blam",
    "sanction",
    "punish",
    "summon",
    "thank",
    "prais",
    "congratulat",
    "commend",
    "censur",
];

/// "Italy condemned Libya after it detained 40 fishermen": a singular "it"
/// opening a reason clause ("after", "because", "since", "for") right
/// after a reaction verb's object names that object, the party reacted
/// to, not the subject that reacts.
fn reproached_object(
    tokens: &[Token],
    out: &[ActorPhrase],
    at: usize,
) -> Option<(String, Option<Sector>)> {
    if tokens[at].lower != "it" || at < 3 {
        return None;
    }
    if !matches!(
        tokens[at - 1].lower.as_str(),
        "after" | "because" | "since" | "for"
    ) {
        return None;
    }
    // A time adjunct may stand between ("condemned Libya on Tuesday after").
    let mut end = at - 1;
    while end > 0 && is_time_adjunct_word(&tokens[end - 1].lower) {
        end -= 1;
    }
    let object = out
        .iter()
        .rev()
        .find(|a| a.end == end && !a.pronoun && !a.person && a.code.is_some())?;
    let verb = tokens.get(object.first.checked_sub(1)?)?;
    REACTION_STEMS
        .iter()
        .any(|s| verb.lower.starts_with(s))
        .then(|| object.code.clone().map(|c| (c, object.sector)))
        .flatten()
}

/// Words of a short time adjunct ("on Tuesday", "last week", "yesterday").
fn is_time_adjunct_word(word: &str) -> bool {
    matches!(
        word,
        "on" | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "yesterday"
            | "today"
            | "last"
            | "week"
            | "month"
            | "earlier"
    )
}

/// A phrase ending in a plural common noun ("Somali troops", "gunmen",
/// "police"): no antecedent of a singular "it"/"its" ("gunmen attacked one
/// of its convoys" is not the gunmen's convoy). Names ("the Philippines")
/// are not read for number.
fn plural_head(tokens: &[Token], a: &ActorPhrase) -> bool {
    let last = &tokens[a.end - 1];
    !last.capitalised
        && ((last.lower.ends_with('s') && !last.lower.ends_with("ss"))
            || irregular_plural(&last.lower))
}

/// A phrase that is a state's name or seat standing alone, not plural in
/// form ("Manila", "Kenya", "the United States"; dictionary entries of kind
/// country or seat): news calls it "it", not "they" ("Manila said they
/// also fired water cannon" is about the ships). Plural names ("the
/// Philippines"), organisations and groups ("USAID", "the Taliban") and
/// names with a common-noun head ("Kenyan troops") may be "they".
fn singular_name(ctx: &ActorContext<'_>, a: &ActorPhrase) -> bool {
    let tokens = ctx.tokens;
    let first = if tokens[a.first].lower == "the" {
        a.first + 1
    } else {
        a.first
    };
    if a.pronoun || a.modifier_only || first >= a.end {
        return false;
    }
    let lower: Vec<&str> = tokens[first..a.end]
        .iter()
        .map(|t| t.lower.as_str())
        .collect();
    let capitalised: Vec<bool> = tokens[first..a.end].iter().map(|t| t.capitalised).collect();
    let state = ctx
        .dict
        .longest_match(&lower, &capitalised, 0)
        .is_some_and(|m| {
            m.len == lower.len()
                && m.entries.iter().all(|&e| {
                    matches!(ctx.dict.entry(e).kind, EntryKind::Country | EntryKind::Seat)
                })
        });
    state && lower.last().is_some_and(|w| !w.ends_with('s'))
}

/// The group's one mention, when it is a dictionary name whose every
/// reading is of a kind `wanted` accepts (a seat alone, a country adjective
/// alone): the shared opening of the checks that a name only says where.
fn lone_name_all_of<'g, 'a>(
    ctx: &ActorContext<'_>,
    g: &'g [Item<'a>],
    wanted: impl Fn(EntryKind) -> bool,
) -> Option<&'g Item<'a>> {
    let [item] = g else {
        return None;
    };
    let MentionKind::Entries(entries) = &item.mention.kind else {
        return None;
    };
    let all = !entries.is_empty() && entries.iter().all(|&e| wanted(ctx.dict.entry(e).kind));
    all.then_some(item)
}

/// "a truce the two sides signed in Addis Ababa. It said ...": a seat of
/// government alone after a preposition of where something is ("in", "at",
/// "near"; not "to", where a visitor goes and then acts on) says where
/// something happened; the pronoun "it" or "the country" of a later
/// sentence does not take it up as the group last named.
fn seat_as_place(ctx: &ActorContext<'_>, g: &[Item<'_>], first: usize) -> bool {
    first > 0
        && matches!(
            ctx.tokens[first - 1].lower.as_str(),
            "in" | "at" | "near" | "outside" | "inside"
        )
        && lone_name_all_of(ctx, g, |k| k == EntryKind::Seat).is_some()
}

/// "raided the Vienna offices of a Russian broadcaster", "the Nairobi
/// headquarters of a Chinese firm": a seat of government alone, right
/// before a common noun that an "of" phrase owns, only says where the thing
/// is; it is no government acting or acted on (the "of" party is).
fn seat_naming_a_place_of(ctx: &ActorContext<'_>, g: &[Item<'_>], end: usize) -> bool {
    let seat_only = lone_name_all_of(ctx, g, |k| k == EntryKind::Seat).is_some();
    let noun = ctx
        .tokens
        .get(end)
        .is_some_and(|t| t.is_word && !t.capitalised && ctx.finite_verbs.get(end) != Some(&true));
    let of_follows = ctx.tokens.get(end + 1).is_some_and(|t| t.lower == "of");
    seat_only && noun && of_follows
}

/// "in the Chinese city of Kunming", "at the Ukrainian border city of
/// Uzhhorod": a country adjective alone on a settlement noun that an "of"
/// name follows, where the act took place, only says in which country the
/// place lies; it is no party acting or acted on.
fn adjective_of_a_named_settlement(ctx: &ActorContext<'_>, g: &[Item<'_>], end: usize) -> bool {
    // "Chinese" is also the people's name.
    let Some(item) = lone_name_all_of(ctx, g, |k| {
        matches!(k, EntryKind::CountryAdj | EntryKind::People)
    }) else {
        return false;
    };
    let word = |k: usize| ctx.tokens.get(k).map(|t| t.lower.as_str());
    // One descriptive word may come between ("border city", "port town").
    let noun_at = if word(end).is_some_and(|w| SETTLEMENT_NOUNS.contains(&w)) {
        end
    } else {
        end + 1
    };
    // Only where the place is the scene ("in the Chinese city of"): "the
    // Ukrainian port of Odesa was shelled" hits Ukraine.
    let scene = item.mention.first >= 2
        && word(item.mention.first - 1) == Some("the")
        && matches!(word(item.mention.first - 2), Some("in" | "at"));
    scene
        && word(noun_at).is_some_and(|w| SETTLEMENT_NOUNS.contains(&w))
        && word(noun_at + 1) == Some("of")
        && ctx.tokens.get(noun_at + 2).is_some_and(|t| t.capitalised)
}

/// "its", "they": the nearest earlier actor in subject position, not the
/// object of a preposition ("Hamas said that it would", "China imposed
/// sanctions on X as its forces"), that agrees in number with a singular
/// pronoun at `at` ("Kenya said Somali troops had attacked its posts").
fn group_antecedent(
    ctx: &ActorContext<'_>,
    out: &[ActorPhrase],
    at: usize,
) -> Option<(String, Option<Sector>)> {
    let tokens = ctx.tokens;
    let singular = matches!(tokens[at].lower.as_str(), "it" | "its" | "itself");
    // A modifier alone is as plural as the noun it modifies ("Chinese
    // ships had rammed its boat": not China's).
    let agrees = |a: &ActorPhrase| {
        if singular {
            !(plural_head(tokens, a)
                || (a.modifier_only && phrase_number(ctx, a) == Number::Plural))
        } else {
            !singular_name(ctx, a)
        }
    };
    out.iter()
        .rev()
        .find(|a| {
            !a.person
                && !a.pronoun
                && a.code.is_some()
                && agrees(a)
                && (in_subject_position(tokens, a) || before_its_finite_verb(ctx, a))
        })
        .and_then(|a| a.code.clone().map(|c| (c, a.sector)))
}

/// "In 2023 Washington imposed visa restrictions on officials it accused
/// ...", "in March Riga expelled an employee it accused of spying": a
/// phrase right before a word the parse reads as a finite verb is that
/// verb's subject even when a time adverbial, not a clause boundary, comes
/// before it (which the word test of `in_subject_position` cannot see).
/// Not the object of a preposition: "the U.N. mission in Iraq offered its
/// condolences" is the mission's act, and its "its" is the mission's.
fn before_its_finite_verb(ctx: &ActorContext<'_>, a: &ActorPhrase) -> bool {
    let after_preposition = a.first > 0
        && PLACE_OR_SUBJECT_BLOCKING_WORDS.contains(&ctx.tokens[a.first - 1].lower.as_str());
    !after_preposition && ctx.finite_verbs.get(a.end) == Some(&true)
}

/// Prepositions whose object is no subject of the verb after it: those of
/// `SUBJECT_BLOCKING_WORDS` and those of place.
const PLACE_OR_SUBJECT_BLOCKING_WORDS: &[&str] = &[
    "of", "in", "for", "to", "by", "with", "on", "at", "from", "near", "outside", "inside", "into",
    "across", "over", "under", "between", "against",
];

/// A phrase that opens its sentence or clause (after a clause boundary or a
/// conjunction, so never the object of a preposition): where a subject
/// stands.
fn in_subject_position(tokens: &[Token], a: &ActorPhrase) -> bool {
    a.first == 0
        || opened_by_article_and_modifier(tokens, a.first)
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
                | "where"
                | "after"
                | "before"
                | "because"
                | "since"
                | "then"
                | "the"
        )
}

/// "The ruling Georgian Dream party rejected ...": a phrase after an
/// article and one lower-case modifier that open the sentence still stands
/// where a subject stands (the modifier is outside the actor phrase).
/// Not after a preposition ("The head of Kenya's army").
fn opened_by_article_and_modifier(tokens: &[Token], first: usize) -> bool {
    if first < 2 {
        return false;
    }
    let (article, modifier) = (&tokens[first - 2], &tokens[first - 1]);
    matches!(article.lower.as_str(), "the" | "a" | "an")
        && (first == 2 || matches!(tokens[first - 3].lower.as_str(), "." | "\"" | "“"))
        && modifier.is_word
        && !modifier.capitalised
        && !SUBJECT_BLOCKING_WORDS.contains(&modifier.lower.as_str())
}

/// Words between an article and an actor that make the actor no subject.
const SUBJECT_BLOCKING_WORDS: &[&str] =
    &["of", "in", "for", "to", "by", "with", "on", "at", "from"];

/// A name that is both a state's seat and an organisation's ("Brussels":
/// Belgium's capital, the EU's institutions): the organisation acts ("Brussels
/// was preparing sanctions"), the seat is where things happen after a
/// preposition of place ("arrested two men in Brussels"). The mention's
/// entries, the reading that holds first; any other name's as they are.
fn seat_or_body<'a>(
    dict: &ActorDictionary,
    entries: &'a [usize],
    tokens: &[Token],
    first: usize,
) -> Cow<'a, [usize]> {
    let kind_of = |e: &usize| dict.entry(*e).kind;
    let both = entries.iter().any(|e| kind_of(e) == EntryKind::Seat)
        && entries
            .iter()
            .any(|e| kind_of(e) == EntryKind::Organisation);
    if !both {
        // Nearly every name: no copy on this hot path.
        return Cow::Borrowed(entries);
    }
    let place = first > 0 && PLACE_PREPOSITIONS.contains(&tokens[first - 1].lower.as_str());
    let wanted = if place {
        EntryKind::Seat
    } else {
        EntryKind::Organisation
    };
    let mut out = entries.to_vec();
    out.sort_by_key(|e| kind_of(e) != wanted);
    Cow::Owned(out)
}

/// Prepositions of place: a name right after one is where something is or
/// goes, not who acts.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "near", "outside", "inside", "into", "to", "around", "across", "via", "through",
];

/// "Both sides", "the two governments", "both countries", "each side": a
/// generic group counted as two (or one of two), which takes up the two
/// parties the story is about, not the sentence's own country ("the United
/// States called on both governments to ...").
fn names_a_pair(tokens: &[Token], head_first: usize, r: &GroupReading<'_>) -> bool {
    let word = |k: usize| tokens.get(k).map(|t| t.lower.as_str());
    r.head_sector.is_some()
        && r.names.is_empty()
        && r.pronoun.is_none()
        && (
            // The dictionary's own "both sides", "the two sides".
            matches!(word(head_first), Some("both" | "each"))
                || (word(head_first) == Some("the") && word(head_first + 1) == Some("two"))
                || (head_first > 0 && matches!(word(head_first - 1), Some("both" | "each")))
                || (head_first > 1
                    && word(head_first - 1) == Some("two")
                    && word(head_first - 2) == Some("the"))
        )
}

/// The pair's code: of the two parties named most often so far (the more
/// recent first on a tie), the first that is none of the sentence's earlier
/// actors (either one of the two matches the pair). Needs two parties named
/// so far.
fn code_from_pair(
    tokens: &[Token],
    memory: &ActorMemory,
    earlier: &[ActorPhrase],
    phrase: &mut ActorPhrase,
    subject_of_its_verb: bool,
) {
    let opens_relative =
        phrase.first > 0 && matches!(tokens[phrase.first - 1].lower.as_str(), "that" | "which");
    if let Some(own) =
        one_country_sides(tokens, earlier).filter(|_| subject_of_its_verb || opens_relative)
    {
        phrase.code = Some(own.0);
        phrase.how = ActorHow::CorefPair;
        phrase.sector = own.1.or(phrase.sector);
        return;
    }
    let pair_before =
        coordinated_pair_before(tokens, earlier).or_else(|| two_parties_before(tokens, earlier));
    if let Some(first) = pair_before.filter(|_| subject_of_its_verb) {
        phrase.code.clone_from(&first.code);
        phrase.how = ActorHow::CorefPair;
        phrase.sector = first.sector.or(phrase.sector);
        return;
    }
    let mut parties: Vec<(&String, &(usize, usize))> = memory.party_mentions.iter().collect();
    if parties.len() < 2 {
        return;
    }
    parties.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    subject_pair_first(memory, earlier, &mut parties);
    let taken = |c: &String| {
        earlier
            .iter()
            .any(|ph| ph.code.as_ref() == Some(c) && !place_or_aside(tokens, ph))
    };
    let free = parties.iter().take(2).find(|(c, _)| !taken(c)).copied();
    if let Some((c, _)) = free.or_else(|| pair_addressed_by_third(earlier, &parties)) {
        phrase.code = Some((*c).clone());
        phrase.how = ActorHow::CorefPair;
        phrase.sector = pair_sector(memory, c, phrase.sector);
    }
}

/// "Qatar's minister spoke with Bourita and with Attaf, and urged both
/// countries to show restraint": when both of the story's two parties are
/// already named in the sentence, but only after a subject that is neither
/// of them, they were named as the ones spoken to, not as the actor; the
/// pair is still those two (the first), not whatever the sentence's
/// speaker is. A sentence led by one of the two keeps no pair.
fn pair_addressed_by_third<'a>(
    earlier: &[ActorPhrase],
    parties: &[(&'a String, &'a (usize, usize))],
) -> Option<(&'a String, &'a (usize, usize))> {
    let lead = earlier
        .iter()
        .find(|ph| ph.code.is_some() && !ph.modifier_only)?
        .code
        .as_ref()?;
    let two: Vec<_> = parties.iter().take(2).collect();
    let named = |c: &String| earlier.iter().any(|ph| ph.code.as_ref() == Some(c));
    if two.len() < 2 || two.iter().any(|(c, _)| *c == lead || !named(c)) {
        return None;
    }
    two.first().map(|p| **p)
}

/// "Soldiers clashed with rebels, and the two sides exchanged fire", "a
/// truce that the two sides signed": when the pair is the subject of its
/// own verb (or of a relative clause) and every actor the sentence names
/// before it is of one country (at least two phrases, neither a pronoun nor
/// a mere adjective, nor a place or an aside), the two sides are that
/// country's own forces, an internal fight, not a foreign party the story
/// also names. `None` otherwise.
pub(crate) fn one_country_sides(
    tokens: &[Token],
    earlier: &[ActorPhrase],
) -> Option<(String, Option<Sector>)> {
    let named: Vec<&ActorPhrase> = earlier
        .iter()
        .filter(|a| {
            a.code.is_some()
                && !a.pronoun
                && !a.modifier_only
                && a.how != ActorHow::CorefPair
                && !place_or_aside(tokens, a)
        })
        .collect();
    let first = named.first()?;
    if named.len() < 2 || named.iter().any(|a| a.code != first.code) {
        return None;
    }
    first.code.clone().map(|c| (c, first.sector))
}

/// "The UN mission in Chad urged both sides", "Turkey, which trains Libyan
/// forces, urged both sides": a name after a preposition of place is where
/// someone is, and a name inside a comma aside opened by "which", "who" or
/// "whose" only describes; neither acts in the sentence, so neither keeps
/// its country out of the pair "both sides" takes up.
fn place_or_aside(tokens: &[Token], phrase: &ActorPhrase) -> bool {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    if phrase.first > 0 && PLACE_PREPOSITIONS.contains(&word(phrase.first - 1)) {
        return true;
    }
    let digits = |k: usize| word(k).chars().next().is_some_and(|c| c.is_ascii_digit());
    for k in (1..phrase.first).rev() {
        match word(k) {
            // "17,000": a thousands comma closes nothing.
            "," if digits(k - 1) && digits(k + 1) => {}
            "," | ";" => return false,
            "which" | "who" | "whose" if word(k - 1) == "," => return true,
            _ => {}
        }
    }
    false
}

/// "The government and the M23 signed a truce under which both sides
/// agreed ...": two parties coordinated earlier in the sentence ("A and B",
/// each named, neither a pronoun nor a mere adjective) are the pair a later
/// "both sides" takes up as the subject of its own verb, whatever the
/// story's most named parties are; the first of them leads. The last such
/// coordination before the pair counts. A pair the coordinated parties act
/// on ("Italy and France called on both governments") is another pair.
fn coordinated_pair_before<'a>(
    tokens: &[Token],
    earlier: &'a [ActorPhrase],
) -> Option<&'a ActorPhrase> {
    let named = |a: &ActorPhrase| a.code.is_some() && !a.pronoun && !a.modifier_only;
    earlier
        .windows(2)
        .rev()
        .find(|w| named(&w[0]) && named(&w[1]) && joined_by_and(tokens, &w[0], &w[1]))
        .map(|w| &w[0])
}

/// "Takaichi spoke by telephone with Lee, and the two leaders agreed
/// ...": when the sentence has named exactly two parties before the pair
/// (each named, neither a pronoun nor a mere adjective), one acting and one
/// met or called, the pair takes up those two; the first named leads.
fn two_parties_before<'a>(tokens: &[Token], earlier: &'a [ActorPhrase]) -> Option<&'a ActorPhrase> {
    two_named_parties(tokens, earlier).map(|(first, _)| first)
}

/// The first phrase of each of exactly two codes named in `phrases` (each
/// named in the text, neither a pronoun, a mere adjective, a default nor
/// the pair itself, nor a place or an aside, `place_or_aside`: "who
/// visited Beijing last week, met Lee"), in text order; `None` for fewer
/// or more codes.
pub(crate) fn two_named_parties<'a>(
    tokens: &[Token],
    phrases: &'a [ActorPhrase],
) -> Option<(&'a ActorPhrase, &'a ActorPhrase)> {
    let mut named = phrases.iter().filter(|a| {
        a.code.is_some()
            && !a.pronoun
            && !a.modifier_only
            && !a.how.is_default()
            && a.how != ActorHow::CorefPair
            && !place_or_aside(tokens, a)
    });
    let first = named.next()?;
    let mut second: Option<&ActorPhrase> = None;
    for a in named {
        if a.code == first.code || second.is_some_and(|b| b.code == a.code) {
            continue;
        }
        if second.is_some() {
            return None;
        }
        second = Some(a);
    }
    second.map(|b| (first, b))
}

/// Phrase `b` follows phrase `a` with only "and" between them ("Armenia
/// and Azerbaijan"): two coordinated parties.
pub(crate) fn joined_by_and(tokens: &[Token], a: &ActorPhrase, b: &ActorPhrase) -> bool {
    a.end + 1 == b.first && tokens.get(a.end).is_some_and(|t| t.lower == "and")
}

/// "Mali's president received Ghana's. The two leaders signed ...": a pair
/// that opens its sentence (no actor before it) is told in the order the
/// previous sentence named the two, its doer first; so when the previous
/// sentence's two parties are the two most named, the first of them leads.
fn subject_pair_first(
    memory: &ActorMemory,
    earlier: &[ActorPhrase],
    parties: &mut [(&String, &(usize, usize))],
) {
    let [(first, _), (second, _)] = memory.previous_parties.as_slice() else {
        return;
    };
    if !earlier.is_empty() || parties.len() < 2 {
        return;
    }
    let top: Vec<&String> = parties.iter().take(2).map(|(c, _)| *c).collect();
    if top.contains(&first) && top.contains(&second) && top[0] != first {
        parties.swap(0, 1);
    }
}

/// "The two men signed": a pair named by a plain person noun ("men",
/// "women") right after a sentence naming the two parties is those
/// parties, not civilians; it takes the party's own sector there, so the
/// act is aimed at the other party and not kept at home. Else ("the two
/// men" of a story about two detained reporters) the head's sector stays.
fn pair_sector(memory: &ActorMemory, code: &str, head: Option<Sector>) -> Option<Sector> {
    if head != Some(Sector::Cvl) {
        return head;
    }
    match memory.previous_parties.iter().find(|(c, _)| c == code) {
        Some((_, sector)) => *sector,
        None => head,
    }
}

/// With no code from the group: the code last seen with its head word;
/// else, for a generic agent or an unknown titled person, the country the
/// sentence or the document is about. A titled person without a country
/// is most often of the country the article is about; a generic group, of
/// the country its sentence names.
fn code_from_memory_or_default(
    ctx: &ActorContext<'_>,
    r: &GroupReading<'_>,
    memory: &ActorMemory,
    phrase: &mut ActorPhrase,
) {
    if let Some((c, s)) = r
        .head_word
        .as_ref()
        .filter(|_| !introduces_a_new_holder(ctx.tokens, phrase, r))
        .filter(|_| !introduces_a_named_holder(ctx.tokens, phrase, r))
        .filter(|_| !introduces_a_group_by_its_members(ctx.tokens, phrase))
        .and_then(|h| memory.heads.get(h))
        .or_else(|| body_named_by_its_word(ctx.tokens, phrase, r, memory))
        .cloned()
        .or_else(|| office_of_a_new_holder(ctx.tokens, phrase, r, memory))
    {
        phrase.code = Some(c);
        phrase.sector = phrase.sector.or(s);
        phrase.how = ActorHow::CorefHead;
    } else if r.head_sector.is_some()
        || !r.names.is_empty()
        || r.description == Some(DescriptionKind::Country)
    {
        let home = memory.dateline_country.as_ref().filter(|_| {
            (domestic_institution(r) || unplaced_official(ctx.tokens, phrase, r))
                && ctx.sentence_country.is_none()
        });
        let named_holder = introduces_a_named_holder(ctx.tokens, phrase, r);
        let (c, how) = match (ctx.sentence_country, &memory.document_country) {
            _ if home.is_some() => (home.cloned(), ActorHow::DefaultDocument),
            (_, Some(d)) if !r.names.is_empty() || named_holder => {
                (Some(d.clone()), ActorHow::DefaultDocument)
            }
            (Some(c), _) => (Some(c.to_string()), ActorHow::DefaultSentence),
            (None, Some(c)) => (Some(c.clone()), ActorHow::DefaultDocument),
            _ => (None, ActorHow::Unstated),
        };
        if r.names.is_empty() || r.head_sector.is_some() {
            phrase.code = c;
            phrase.how = how;
            // "the country" with no country named before: its government,
            // as the agent "country" reads.
            if r.description.is_some() {
                phrase.sector = phrase.sector.or(Some(Sector::Gov));
            }
        }
    }
}

/// "a warrant from the International Criminal Court ... withdrew from the
/// court": a court named by the dictionary (an organisation of the JUD
/// sector) is later called by the common noun of its name, which the agent
/// dictionary reads as a domestic institution ("court", "tribunal"). Only
/// a bare definite mention ("the court") takes it up; "the Supreme Court"
/// or "a Manila court" names another, and a possessive's head ("the
/// court's judges") is read as before (a `known:` row). Other
/// bodies' name words are not read: "the union" after the European Union
/// is as often a labour union, "the refugees" after UNHCR are refugees.
fn body_named_by_its_word<'m>(
    tokens: &[Token],
    phrase: &ActorPhrase,
    r: &GroupReading<'_>,
    memory: &'m ActorMemory,
) -> Option<&'m (String, Option<Sector>)> {
    let bare_definite = tokens.get(phrase.first).is_some_and(|t| t.lower == "the")
        && phrase.end == phrase.first + 2
        && r.names.is_empty()
        && r.mod_code.is_none()
        && r.of_code.is_none()
        && r.in_code.is_none();
    r.head_word
        .as_ref()
        .filter(|_| bare_definite && !r.head_is_title)
        .and_then(|h| memory.body_words.get(h))
}

/// The capitalised words of a court the dictionary names (an organisation
/// of the JUD sector: "International Criminal Court") that are themselves
/// a generic agent's word ("court"), lower-cased, with its code and sector,
/// for `body_named_by_its_word`: only such a word can head the later bare
/// phrase.
fn body_name_words(
    dict: &ActorDictionary,
    tokens: &[Token],
    mention: &Mention,
    code: Option<&String>,
    sector: Option<Sector>,
) -> Vec<(String, String, Option<Sector>)> {
    let (Some(code), Some(Sector::Jud)) = (code, sector) else {
        return Vec::new();
    };
    tokens
        .get(mention.first..mention.end)
        .unwrap_or_default()
        .iter()
        .filter(|t| t.is_word && t.capitalised && is_agent_word(dict, &t.lower))
        .map(|t| (t.lower.clone(), code.clone(), sector))
        .collect()
}

/// `word` alone is a generic agent or a title in the dictionary ("court",
/// "police"), not only part of a longer name.
fn is_agent_word(dict: &ActorDictionary, word: &str) -> bool {
    dict.longest_match(&[word], &[true], 0).is_some_and(|m| {
        m.len == 1
            && m.entries
                .iter()
                .any(|&i| matches!(dict.entry(i).kind, EntryKind::Agent | EntryKind::Title))
    })
}

/// "..., a spokesman said" after an earlier "Its spokesman said": the
/// indefinite article brings in a holder of the title not met before, so
/// the earlier holder's country is not taken up; the sentence or the
/// document places the new one.
fn introduces_a_new_holder(tokens: &[Token], phrase: &ActorPhrase, r: &GroupReading<'_>) -> bool {
    r.head_is_title
        && r.names.is_empty()
        && tokens
            .get(phrase.first)
            .is_some_and(|t| matches!(t.lower.as_str(), "a" | "an"))
}

/// "Prime Minister Aleksandar Ristovski accused Bulgaria" after "Bulgaria's
/// foreign minister": a title followed by a personal name the dictionary
/// does not know, opening the sentence, brings in that named person, not
/// the last holder of a title with the same head word; with no country of
/// its own, the person is of the country the article is about: a country
/// the sentence names only after its subject is most often the one acted
/// on. Further into a sentence ("as young Crown Prince Mohammed
/// concludes") the sentence's country still places the title.
fn introduces_a_named_holder(tokens: &[Token], phrase: &ActorPhrase, r: &GroupReading<'_>) -> bool {
    let last = phrase.end.checked_sub(1).and_then(|k| tokens.get(k));
    phrase.first == 0
        && r.head_is_title
        && r.person.is_none()
        && r.mod_code.is_none()
        && r.of_code.is_none()
        && r.in_code.is_none()
        && last.is_some_and(|t| {
            t.is_word && t.capitalised && r.head_word.as_deref() != Some(t.lower.as_str())
        })
}

/// "Thailand's foreign ministry summoned the envoy. A ministry spokesman
/// said ...": a new holder of a title ("a spokesman") named with the word
/// of the body he speaks for ("ministry", "army", "police") speaks for the
/// body last named with that word, not for the country the story is filed
/// from.
fn office_of_a_new_holder(
    tokens: &[Token],
    phrase: &ActorPhrase,
    r: &GroupReading<'_>,
    memory: &ActorMemory,
) -> Option<(String, Option<Sector>)> {
    if !introduces_a_new_holder(tokens, phrase, r) || phrase.end < phrase.first + 2 {
        return None;
    }
    tokens
        .get(phrase.first + 1..phrase.end - 1)?
        .iter()
        .rev()
        .find_map(|t| memory.heads.get(&t.lower))
        .cloned()
}

/// "met a delegation of Catholic bishops" after "the European Union's
/// delegation": an indefinite group word followed by "of" and its members
/// brings in a group not met before, so the head word does not take up the
/// earlier group's country; the sentence or the document places it.
fn introduces_a_group_by_its_members(tokens: &[Token], phrase: &ActorPhrase) -> bool {
    let indefinite = tokens
        .get(phrase.first)
        .is_some_and(|t| matches!(t.lower.as_str(), "a" | "an"));
    let of_follows = tokens.get(phrase.end).is_some_and(|t| t.lower == "of");
    indefinite && of_follows
}

/// A court, judge, prosecutor or police force with no country of its own
/// ("the Supreme Court", "a judge", "the police"): a domestic institution
/// sits in the country where the story happens, the dateline's, not in the
/// country the story names most (pirates of one country tried in another's
/// court). The caller applies it only when the sentence names no single
/// country of its own, which would place the institution there instead.
/// The opposition ("supporters of the opposition Victory bloc") and a
/// parliament named by its bare word ("rallied outside parliament") are
/// too: with no country in their sentence they are those of the country
/// the story is filed from, not of the foreign power the story names most.
/// (A bare "the government" is not: in a sentence naming two states it is
/// most often the one the sentence is about, whichever the dateline's.)
fn domestic_institution(r: &GroupReading<'_>) -> bool {
    matches!(
        r.head_sector.or(r.org_sector),
        Some(Sector::Jud | Sector::Cop | Sector::Opp | Sector::Leg)
    )
}

/// An official called by a government title alone ("Foreign Minister
/// George Gerapetritis", "the interior minister"): wire copy leaves the
/// country off the officials of the country it is filed from and writes it
/// for everyone else's ("Iranian Foreign Minister ..."), so in a story set
/// at its dateline the bare title is the dateline country's. A title
/// with an "of" phrase names its office another way ("a minister of the
/// Evangelical Presbyterian Church"); the phrase may end before that "of",
/// so the word after it counts too.
fn unplaced_official(tokens: &[Token], phrase: &ActorPhrase, r: &GroupReading<'_>) -> bool {
    let with_next_word = phrase.first..(phrase.end + 1).min(tokens.len());
    r.head_is_title
        && r.head_sector == Some(Sector::Gov)
        && !tokens
            .get(with_next_word)
            .unwrap_or_default()
            .iter()
            .any(|t| t.lower == "of")
}

/// Nouns for a body that rules a country, which a force word may qualify.
const RULING_BODY_NOUNS: &[&str] = &["government", "rulers", "regime", "junta", "council"];

/// "Myanmar's military government ... blamed the military": a ruling body
/// named by the force that holds it ("military government", "army
/// rulers") is later called by that force word alone, so the force word
/// takes up the body's country as its own head would. The word is
/// returned when it stands right before the phrase's ruling-body head.
fn ruling_force_word(
    tokens: &[Token],
    phrase: &ActorPhrase,
    head: Option<&str>,
) -> Option<&'static str> {
    let head = head.filter(|h| RULING_BODY_NOUNS.contains(h))?;
    let at = phrase.end.checked_sub(1)?;
    if tokens.get(at).is_none_or(|t| t.lower != head) {
        return None;
    }
    let before = tokens.get(at.checked_sub(1)?)?;
    ["military", "army"]
        .into_iter()
        .find(|w| *w == before.lower)
        .filter(|_| at > phrase.first)
}

/// An unnamed title qualified by a country ("the Russian president", "the
/// Iranian foreign minister") sets its holder apart from the one the story
/// calls by the bare title: writers add the country because "the
/// president" alone means someone else. Such a mention does not become
/// what a later bare "the president" takes up, unless no one held the
/// title before. Only the definite form counts: "Slovenia's ambassador
/// to Russia, Primož Šeliga" or "Russian President Vladimir Putin"
/// introduces a holder rather than sets one apart.
fn distinguishes_a_holder(tokens: &[Token], phrase: &ActorPhrase, r: &GroupReading<'_>) -> bool {
    let definite = tokens.get(phrase.first).is_some_and(|t| t.lower == "the");
    definite && r.head_is_title && r.mod_code.is_some() && r.names.is_empty() && r.person.is_none()
}

/// Remembers a coded phrase's names, person or group, and head word for
/// later sentences.
fn remember(
    tokens: &[Token],
    memory: &mut ActorMemory,
    r: GroupReading<'_>,
    phrase: &ActorPhrase,
    state_name: bool,
    where_only: bool,
) {
    for (kind, c, sector) in &r.named {
        if where_only {
            break;
        }
        let seen = memory.named.entry(*kind).or_default();
        seen.retain(|(k, _)| k != c);
        seen.push((c.clone(), *sector));
        if seen.len() > NAMED_KEPT {
            seen.remove(0);
        }
    }
    for (word, code, sector) in r.body_words.iter().filter(|_| !where_only) {
        memory.heads.remove(word);
        memory
            .body_words
            .insert(word.clone(), (code.clone(), *sector));
    }
    let Some(code) = &phrase.code else {
        return;
    };
    if !r.names.is_empty() && !phrase.how.is_coref() {
        for m in &r.names {
            if let Some(k) = surname_key(tokens, m) {
                memory.names.insert(k, (code.clone(), phrase.sector));
            }
            if let Some(k) = family_name_first(tokens, m, code) {
                memory
                    .names
                    .entry(k)
                    .or_insert((code.clone(), phrase.sector));
            }
            let full = full_name(tokens, std::slice::from_ref(m));
            memory.names.insert(full, (code.clone(), phrase.sector));
        }
    }
    // A dictionary person is later named by surname alone ("Theresa May
    // ... May has received"), which the dictionary does not list where it
    // is ambiguous; the document has now introduced it.
    if let (Some(_), false) = (&r.person, phrase.how.is_coref()) {
        for k in r.person_surname.iter().chain(&r.person_family_name) {
            memory
                .names
                .entry(k.clone())
                .or_insert((code.clone(), phrase.sector));
        }
    }
    if phrase.person {
        memory.last_person = Some((code.clone(), phrase.sector));
        if carries_salience(phrase) {
            let gender = coref::phrase_gender(tokens, phrase.first, phrase.end);
            memory
                .salience
                .note_person((code.clone(), phrase.sector), gender);
        }
    }
    // An unnamed official ("a State Department spokesman") is a person for
    // "he" and speaks for an institution that "it" can take up.
    let unnamed_official = phrase.person && r.names.is_empty() && r.person.is_none();
    if (!phrase.person || unnamed_official)
        && !phrase.modifier_only
        && !phrase.pronoun
        && !where_only
    {
        memory.last_group = Some((code.clone(), phrase.sector));
        // "Vietnamese and Philippine chiefs met. They ...": a pronoun takes
        // up a coordinated subject whole, which no one code stands for.
        if second_conjunct(tokens, phrase) {
            memory.last_subject_group = None;
        } else if in_subject_position(tokens, phrase) {
            memory.last_subject_group = Some(SubjectGroup {
                code: code.clone(),
                sector: phrase.sector,
                plural: plural_head(tokens, phrase),
                state_name,
            });
        }
    }
    let distinguishes = distinguishes_a_holder(tokens, phrase, &r);
    if let Some(force) = ruling_force_word(tokens, phrase, r.head_word.as_deref()) {
        if !phrase.how.is_default() {
            memory
                .heads
                .insert(force.to_string(), (code.clone(), phrase.sector));
        }
    }
    if let Some(h) = r.head_word {
        let keeps_holder = distinguishes && memory.heads.contains_key(&h);
        if !phrase.how.is_default() && !keeps_holder {
            memory.body_words.remove(&h);
            memory.heads.insert(h, (code.clone(), phrase.sector));
        }
    }
    if !phrase.how.is_default() && phrase.how != ActorHow::CorefPair {
        memory.phrases_seen += 1;
        let seen = memory.phrases_seen;
        let entry = memory.party_mentions.entry(code.clone()).or_insert((0, 0));
        *entry = (entry.0 + 1, seen);
    }
}

/// Whether a person phrase continues the salience chain (`coref`): a
/// person named ("his Chinese counterpart", whose code is its own, is
/// one), and a person pronoun that stands alone ("She told donors ...
/// She also cited": the chain goes on through the pronoun, so the second
/// "she" is the first one's antecedent, not a person named in between).
/// A possessive taken up from the chain ("his") adds no one.
fn carries_salience(phrase: &ActorPhrase) -> bool {
    !phrase.pronoun || !phrase.how.is_coref() || !phrase.modifier_only
}

/// "Thousands of Armenians rallied against the handover of villages to
/// Azerbaijan. They demanded ...": a crowd named first (a plural of people,
/// civilians) is what "they" takes up alone (`previous_pair` gives it),
/// not a pair with the other party named.
fn crowd_first(memory: &ActorMemory) -> bool {
    memory
        .previous_parties
        .first()
        .is_some_and(|(_, sector)| *sector == Some(Sector::Cvl))
}

/// "Algeria expelled two French diplomats. They were given ...": of the
/// previous sentence's two parties one is plural and the other is not
/// (a singular noun or a name), and "they" is the plural one
/// (`plural_party`), not the pair.
fn one_plural_party(memory: &ActorMemory) -> bool {
    let numbers: Vec<Number> = memory.previous_numbered.iter().map(|p| p.number).collect();
    matches!(
        numbers.as_slice(),
        [Number::Plural, other] | [other, Number::Plural] if *other != Number::Plural
    )
}

/// "Kenya and Uganda met. They criticised Sudan": a sentence-initial
/// "they" that `previous_pair` read as the previous sentence's two parties
/// stands for both. The second party is returned as a phrase over the
/// same token, so that the event finder codes it as a coordinated subject
/// (an act by each, or one joint act). Only when no subject group of the
/// text before took "they" up (`continued_subject` answers first).
fn pair_partner(tokens: &[Token], memory: &ActorMemory, they: &ActorPhrase) -> Option<ActorPhrase> {
    if they.first != 0
        || one_plural_party(memory)
        || !they.pronoun
        || tokens.get(they.first).map(|t| t.lower.as_str()) != Some("they")
        || they.how != ActorHow::CorefPronoun("they".into())
        || memory.last_subject_group.is_some()
        || crowd_first(memory)
    {
        return None;
    }
    let [(first, _), (second, sector)] = memory.previous_parties.as_slice() else {
        return None;
    };
    (they.code.as_ref() == Some(first)).then(|| ActorPhrase {
        code: Some(second.clone()),
        sector: *sector,
        how: ActorHow::CorefPronoun("they".into()),
        ..they.clone()
    })
}

/// A phrase right after "and"/"or": the second of coordinated phrases.
fn second_conjunct(tokens: &[Token], a: &ActorPhrase) -> bool {
    a.first > 0 && matches!(tokens[a.first - 1].lower.as_str(), "and" | "or")
}

/// The surname of a dictionary person's mention: its last word, when the
/// mention has at least two words (a given name and a surname).
fn dictionary_surname(tokens: &[Token], m: &Mention) -> Option<String> {
    (m.end >= m.first + 2)
        .then(|| tokens.get(m.end - 1).map(|t| t.lower.clone()))
        .flatten()
}

/// A name's last word, lower-cased: the key a later surname finds it by.
fn surname_key(tokens: &[Token], m: &Mention) -> Option<String> {
    tokens.get(m.end - 1).map(|t| t.lower.clone())
}

/// Countries whose people's names the English-language press writes with
/// the family name first ("Wang Yi ... Wang said", "Kim Jong Un ... Kim",
/// "Lai Ching-te ... Lai"). Japanese, Vietnamese and Hungarian names are
/// written, or referred back to, by the last word.
const FAMILY_NAME_FIRST: &[&str] = &["CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "SGP"];

/// The family name of a name of two or three words of an actor coded as one
/// of `FAMILY_NAME_FIRST`: its first word, which a later mention uses alone.
fn family_name_first(tokens: &[Token], m: &Mention, code: &str) -> Option<String> {
    if !FAMILY_NAME_FIRST.contains(&code) || !(2..=3).contains(&(m.end - m.first)) {
        return None;
    }
    tokens
        .get(m.first)
        .filter(|t| t.lower.len() >= 2)
        .map(|t| t.lower.clone())
}

/// The lower-cased words of names, joined by spaces.
fn full_name(tokens: &[Token], names: &[&Mention]) -> String {
    names
        .iter()
        .flat_map(|m| tokens[m.first..m.end].iter().map(|t| t.lower.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Its spokesman, Colonel Amadou Abdramane, said": a titled name whose
/// code is only a default, set off by a comma right after a person or
/// official whose code was read, is that same person and takes the code.
fn titled_apposition(tokens: &[Token], out: &[ActorPhrase], phrase: &mut ActorPhrase) {
    let Some(prev) = out.last() else { return };
    if !phrase.how.is_default()
        || !phrase.person
        || prev.how.is_default()
        || prev.modifier_only
        || prev.code.is_none()
        || !(prev.person || prev.sector.is_some())
        || prev.end + 1 != phrase.first
        || tokens.get(prev.end).map(|t| t.lower.as_str()) != Some(",")
    {
        return;
    }
    phrase.code.clone_from(&prev.code);
    phrase.how = ActorHow::Apposition;
}

/// Role nouns of a person who acts for the body named after "of" ("the
/// head of the African Union mission").
const BODY_ROLE_HEADS: &[&str] = &[
    "head",
    "chief",
    "leader",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "president",
    "envoy",
    "representative",
    "commander",
    "coordinator",
    "secretary-general",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "member",
];

/// "The head of the African Union mission, Nigerian general Musa Bello,
/// said", "German diplomat Volker Perthes, the UN special envoy for
/// Sudan, urged": a person whose nationality the text gives, set off by
/// commas beside a role in an international body, acts in that role: the
/// body's code, not the nationality's.
fn acts_in_body_role(tokens: &[Token], memory: &mut ActorMemory, out: &mut [ActorPhrase]) {
    for k in 0..out.len() {
        let p = &out[k];
        if !p.person || p.pronoun || p.code.is_none() || p.how.is_default() || p.how.is_coref() {
            continue;
        }
        let Some(body) = body_role_beside(tokens, out, k) else {
            continue;
        };
        let (code, sector) = (out[body].code.clone(), out[body].sector);
        if code == out[k].code {
            continue;
        }
        if let (Some(c), Some(old), Some(last)) = (&code, &out[k].code, tokens.get(out[k].end - 1))
        {
            memory.names.insert(last.lower.clone(), (c.clone(), sector));
            memory.last_person = Some((c.clone(), sector));
            memory
                .salience
                .recode_person(&(old.clone(), out[k].sector), (c.clone(), sector));
        }
        let p = &mut out[k];
        p.code = code;
        p.sector = sector;
        p.how = ActorHow::Apposition;
    }
}

/// "Gunmen from RED-Tabara, a Burundian rebel movement, killed ...",
/// "fighters of the Zawa Front": a group whose code is only a default,
/// followed by "from" or "of" and a group or body the text codes (with a
/// sector: an organisation, not a country's bare name), are its members
/// and take its code (not the document's country). People and pronouns are
/// left to their own readings.
fn members_of_named_group(tokens: &[Token], out: &mut [ActorPhrase]) {
    for k in 0..out.len().saturating_sub(1) {
        let (p, next) = (&out[k], &out[k + 1]);
        if !p.how.is_default() || p.person || p.pronoun || p.modifier_only {
            continue;
        }
        let joined = matches!(
            tokens.get(p.end).map(|t| t.lower.as_str()),
            Some("from" | "of")
        ) && next.first == p.end + 1;
        // A country named alone ("raiders from South Sudan") is a place
        // the resolver reads later (`qualify_by_place`), not a group.
        if !joined
            || next.modifier_only
            || next.pronoun
            || next.how.is_default()
            || next.sector.is_none()
        {
            continue;
        }
        let (code, sector) = (next.code.clone(), next.sector);
        if code.is_none() {
            continue;
        }
        let p = &mut out[k];
        p.code = code;
        p.sector = p.sector.or(sector);
        p.how = ActorHow::Apposition;
    }
}

/// The international body whose role the person phrase `k` holds, set off
/// by a comma right after it (", the UN envoy", ", the head of the AU
/// mission") or right before it ("The head of the AU mission, ..."). A
/// phrase index.
fn body_role_beside(tokens: &[Token], out: &[ActorPhrase], k: usize) -> Option<usize> {
    let p = &out[k];
    let is_body = |b: &ActorPhrase| b.sector == Some(Sector::Igo) && b.code.is_some();
    let word = |i: usize| tokens.get(i).map_or("", |t| t.lower.as_str());
    // After: ", the UN special envoy" / ", the head of the AU mission",
    // closed by a comma, not continuing a list ("President Ruto, the UN
    // chief and ...").
    if word(p.end) == "," {
        if let Some(b) = out.get(k + 1) {
            let direct = b.first == p.end + 1 && word(b.first) == "the";
            let closed = (b.end..(b.end + 6).min(tokens.len()))
                .map(word)
                .find(|w| matches!(*w, "," | "and" | "or"))
                == Some(",");
            let role = direct || (!b.person && role_of_before(tokens, p.end + 1, b.first));
            if is_body(b) && closed && role {
                return Some(k + 1);
            }
        }
    }
    // Before: "The head of the AU observer mission, NAME", the name's
    // nationality perhaps a phrase of its own ("Nigerian general NAME").
    let mut start = p.first;
    let mut j = k;
    while j > 0
        && out[j - 1].modifier_only
        && out[j - 1].end <= start
        && out[j - 1].end + 2 >= start
    {
        j -= 1;
        start = out[j].first;
    }
    if start >= 2 && word(start - 1) == "," && j > 0 {
        let b = &out[j - 1];
        let gap = &tokens[b.end..start - 1];
        let nouns_only = gap.len() <= 3 && gap.iter().all(|t| t.is_word && !t.capitalised);
        if is_body(b) && !b.person && nouns_only && role_of_before(tokens, 0, b.first) {
            return Some(j - 1);
        }
    }
    None
}

/// The words from `from` to the body phrase at `body` end "ROLE of" with a
/// role noun (`BODY_ROLE_HEADS`) after "the" and at most two modifiers:
/// "the head of", "the special envoy of".
fn role_of_before(tokens: &[Token], from: usize, body: usize) -> bool {
    if body < 2 || tokens[body - 1].lower != "of" {
        return false;
    }
    let role = body - 2;
    if !BODY_ROLE_HEADS.contains(&tokens[role].lower.as_str()) {
        return false;
    }
    (role.saturating_sub(3).max(from)..role)
        .rev()
        .find(|&i| matches!(tokens[i].lower.as_str(), "the" | "a"))
        .is_some_and(|i| {
            tokens[i + 1..role]
                .iter()
                .all(|t| t.is_word && !t.capitalised)
        })
}

/// "addressed by the leader of the Democratic Party, Siaosi Pohiva.": an
/// uncoded name set off by a comma right after "the ROLE of BODY" (a role
/// noun of `BODY_ROLE_HEADS`), or after a person phrase whose code was
/// read, is that role's holder and takes the phrase's code, as a name
/// before ", the chairman of X" does. The name must close the apposition
/// (a full stop, comma or semicolon after it): ", John Smith said" after
/// a ministry is its own speaker, not the ministry's head. The phrase
/// whose code the name takes.
fn role_before_name<'a>(
    tokens: &[Token],
    out: &'a [ActorPhrase],
    pos: usize,
    first: usize,
    end: usize,
) -> Option<&'a ActorPhrase> {
    let prev = pos.checked_sub(1).and_then(|k| out.get(k))?;
    let closed = tokens
        .get(end)
        .is_none_or(|t| matches!(t.lower.as_str(), "." | "," | ";"));
    let comma_between =
        prev.end + 1 == first && tokens.get(prev.end).is_some_and(|t| t.lower == ",");
    let holder = (prev.person && !prev.how.is_default()) || role_of_before(tokens, 0, prev.first);
    (closed
        && comma_between
        && holder
        && prev.code.is_some()
        && !prev.pronoun
        && !prev.modifier_only)
        .then_some(prev)
}

/// Uncoded names followed by ", the chairman of X" take the titled
/// phrase's code (and are remembered with it).
fn attach_appositions(
    tokens: &[Token],
    memory: &mut ActorMemory,
    out: &mut Vec<ActorPhrase>,
    pending_names: Vec<(usize, usize, usize)>,
) {
    for (pos, first, end) in pending_names.into_iter().rev() {
        let next = out.get(pos).filter(|n| n.person || n.sector.is_some());
        let titled_after = next.filter(|n| {
            let between: Vec<&str> = tokens[end..n.first]
                .iter()
                .map(|t| t.lower.as_str())
                .collect();
            matches!(between.as_slice(), [","] | [",", "the"] | [",", "a"])
        });
        let role = titled_after.or_else(|| role_before_name(tokens, out, pos, first, end));
        if let Some(n) = role {
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
                    how: ActorHow::Apposition,
                    person: true,
                    modifier_only: false,
                    pronoun: false,
                },
            );
        }
    }
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
) -> Option<(String, Option<Sector>)> {
    phrases
        .iter()
        .filter(|a| a.person && !a.pronoun && a.end < at)
        .filter(|a| coref::gender_agrees(tokens, at, a.first, a.end))
        .find(|a| {
            tokens[a.end..at.min(a.end + 3)]
                .iter()
                .any(|t| SPEECH_VERBS.contains(&t.lower.as_str()))
        })
        .and_then(|a| a.code.clone().map(|c| (c, a.sector)))
}

/// "Mahama spoke with Gnassingbe on Monday, his office said, and urged
/// ...": a possessive pronoun opening a report inserted after a comma
/// ("his office said", "her spokesman told reporters") names whose
/// report it is, the person the reported clause is about, its first named
/// person; not the last person named before the comma.
fn owner_of_inserted_report(
    phrases: &[ActorPhrase],
    tokens: &[Token],
    at: usize,
) -> Option<(String, Option<Sector>)> {
    let after_comma = at
        .checked_sub(1)
        .and_then(|k| tokens.get(k))
        .is_some_and(|t| t.lower == ",");
    let possessive = tokens
        .get(at)
        .is_some_and(|t| matches!(t.lower.as_str(), "his" | "her"));
    let reports = tokens
        .get(at + 1..(at + 4).min(tokens.len()))
        .is_some_and(|ts| ts.iter().any(|t| SPEECH_VERBS.contains(&t.lower.as_str())));
    if !(after_comma && possessive && reports) {
        return None;
    }
    phrases
        .iter()
        .find(|a| a.person && !a.pronoun && a.end < at)
        .filter(|a| coref::gender_agrees(tokens, at, a.first, a.end))
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
