//! Generic agents qualified by a place: "police in Lagos", "authorities in
//! the northern city of Kano", "soldiers from Kidal" take the country of the
//! place the resolver found, ahead of the sentence's or document's default
//! country or an earlier agent with the same head word.

use super::ActorPhrase;
use crate::lexicon::actors::{ActorDictionary, EntryKind};
use crate::lexicon::word_list::WordList;
use crate::mentions::{Mention, MentionKind};
use crate::places::{Gazetteer, PlaceKind, PlaceMention};
use crate::tokens::Token;
use crate::vocab::ActorHow;

/// Prepositions that tie an agent to where it is from or acts ("police in
/// Lagos", "soldiers from Kidal", "customs officers at the port of
/// Mombasa").
fn is_place_preposition(word: &str) -> bool {
    matches!(word, "in" | "from" | "at")
}

/// Words allowed between the preposition and the place: a determiner and a
/// descriptive head ("in the northern city of Kano", "in southern Kaduna"),
/// or an unnamed spot placed by a town ("killed 14 people in a village near
/// Abeche": the victims are of the town's country, not the attacker's).
fn is_filler(t: &Token) -> bool {
    t.is_word
        && !t.capitalised
        && matches!(
            t.lower.as_str(),
            "the"
                | "a"
                | "an"
                | "near"
                | "outside"
                | "northern"
                | "southern"
                | "eastern"
                | "western"
                | "central"
                | "north"
                | "south"
                | "east"
                | "west"
                | "city"
                | "town"
                | "village"
                | "province"
                | "state"
                | "region"
                | "district"
                | "capital"
                | "port"
                | "airport"
                | "base"
                | "camp"
                | "crossing"
                | "of"
        )
}

/// Whether a phrase may take its code from a following place: a generic
/// agent (it has a sector) whose code came only from a default or an earlier
/// same-head agent.
fn open_to_place(ph: &ActorPhrase) -> bool {
    !ph.pronoun
        && !ph.modifier_only
        && ph.sector.is_some()
        && (ph.code.is_none() || ph.how.is_default() || ph.how == ActorHow::CorefHead)
}

/// The country of the place right after `end` ("in [the northern city of] X").
fn place_after(
    tokens: &[Token],
    end: usize,
    places: &[&PlaceMention],
    gazetteer: &Gazetteer,
) -> Option<String> {
    let end = end + usize::from(tokens.get(end).is_some_and(is_holding));
    let end = end + usize::from(tokens.get(end).is_some_and(is_posting_participle));
    let prep = tokens.get(end)?;
    if !is_place_preposition(&prep.lower) {
        return None;
    }
    place_following(tokens, end, places, gazetteer)
}

/// A noun of the places a force holds, right after an agent used as its
/// modifier ("militant positions in northern Iraq", "rebel camps in
/// Cameroon"): the place after it is where that force is, so it gives the
/// agent its country as "militants in northern Iraq" would.
fn is_holding(t: &Token) -> bool {
    matches!(
        t.lower.as_str(),
        "positions" | "bases" | "camps" | "hideouts" | "strongholds" | "posts" | "outposts"
    )
}

/// A participle saying where an agent is posted, between it and the place
/// ("coast guards based in Limassol", "troops stationed in Cabinda"): the
/// place qualifies the agent as it does in "coast guards in Limassol".
fn is_posting_participle(t: &Token) -> bool {
    matches!(
        t.lower.as_str(),
        "based" | "stationed" | "posted" | "garrisoned"
    )
}

/// The country of the place right after the preposition at `prep`, past
/// fillers ("on [the southern city of] X").
fn place_following(
    tokens: &[Token],
    end: usize,
    places: &[&PlaceMention],
    gazetteer: &Gazetteer,
) -> Option<String> {
    let mut k = end + 1;
    while k < tokens.len() && k <= end + 5 && is_filler(&tokens[k]) {
        k += 1;
    }
    let start = tokens.get(k)?.span.start;
    let pm = places.iter().find(|p| p.span.start == start)?;
    let country = gazetteer.place(pm.place).country;
    (!country.is_empty()).then(|| country.to_string())
}

/// Phrases that are a bare country name read from the dictionary, by their
/// first token: (first, code).
fn named_countries(phrases: &[ActorPhrase]) -> Vec<(usize, String)> {
    phrases
        .iter()
        .filter(|p| !p.pronoun && !p.modifier_only && p.sector.is_none())
        .filter(|p| matches!(p.how, ActorHow::Dict(_)))
        .filter_map(|p| Some((p.first, p.code.clone()?)))
        .collect()
}

/// A country name that is an actor phrase but no gazetteer place (an
/// ambiguous name such as "Congo"), right after an agent's place preposition
/// and fillers ("rebels in eastern Congo"): it places the agent all the same.
fn country_name_after(tokens: &[Token], end: usize, named: &[(usize, String)]) -> Option<String> {
    let end = end + usize::from(tokens.get(end).is_some_and(is_posting_participle));
    if !is_place_preposition(&tokens.get(end)?.lower) {
        return None;
    }
    // The name's phrase may open with a filler ("in the Congo").
    let named_at = |k: usize| named.iter().find(|(first, _)| *first == k);
    let mut k = end + 1;
    while named_at(k).is_none() && k < tokens.len() && k <= end + 5 && is_filler(&tokens[k]) {
        k += 1;
    }
    named_at(k).map(|(_, c)| c.clone())
}

/// The country of the place a strike noun (`data/lexicon/strike_nouns.txt`)
/// aims at ("a Russian missile strike on Odesa killed five civilians", "the
/// shelling of Kharkiv killed five"): the strike hit that place, so the
/// sentence's unnamed victims are of its country, not of the striker's or
/// the document's. Only a place may follow "of": "a strike of dock
/// workers" names no one struck.
fn struck_place(
    tokens: &[Token],
    places: &[&PlaceMention],
    gazetteer: &Gazetteer,
    strike_nouns: &WordList,
) -> Option<String> {
    (1..tokens.len())
        .filter(|&k| {
            matches!(tokens[k].lower.as_str(), "on" | "of")
                && strike_nouns.contains(&tokens[k - 1].lower)
        })
        .find_map(|k| place_following(tokens, k, places, gazetteer))
}

/// The country of a town the sentence opens on, set off by a comma ("In
/// Kailahun town, several hundred people marched"): the sentence is set
/// there, so its defaulted agents are of that country, not of the
/// document's. A place that is itself an actor (a capital read as its
/// government, "In Conakry, a spokesman said") is left to the actor
/// reading: a capital also hosts foreign envoys and summits.
fn opening_place(
    tokens: &[Token],
    phrases: &[ActorPhrase],
    places: &[&PlaceMention],
    gazetteer: &Gazetteer,
) -> Option<String> {
    if tokens.first().is_none_or(|t| t.lower != "in") {
        return None;
    }
    let mut k = 1;
    while k < tokens.len() && k <= 5 && is_filler(&tokens[k]) {
        k += 1;
    }
    let start = tokens.get(k)?.span.start;
    let pm = places.iter().find(|p| p.span.start == start)?;
    if phrases.iter().any(|ph| ph.first <= k && k < ph.end) {
        return None;
    }
    let mut after = tokens
        .iter()
        .skip(k)
        .skip_while(|t| t.span.start < pm.span.end);
    let comma = after
        .find(|t| !is_filler(t))
        .is_some_and(|t| t.lower == ",");
    let country = gazetteer.place(pm.place).country;
    (comma && !country.is_empty()).then(|| country.to_string())
}

/// The country of a demonym that qualifies the place a sentence opens on,
/// set off by a comma ("In the Colombian port town of Necocli, where
/// thousands wait, dozens of residents blocked the road"): the sentence is
/// set in that country whether or not the gazetteer knows the town, so its
/// defaulted agents are of that country, not of the document's. Only a
/// bare demonym (a modifier with no sector) before a place noun and "of"
/// counts; "In the Chinese-run camp" names no place.
fn opening_demonym_place(tokens: &[Token], phrases: &[ActorPhrase]) -> Option<String> {
    if tokens.first().is_none_or(|t| t.lower != "in") {
        return None;
    }
    let demonym = phrases
        .iter()
        .find(|p| p.first <= 2 && p.modifier_only && !p.pronoun && p.sector.is_none())?;
    if tokens.get(1..demonym.first)?.iter().any(|t| !is_filler(t)) {
        return None;
    }
    let mut k = demonym.end;
    let place_noun = |t: &Token| t.lower != "of" && is_filler(t);
    while k < tokens.len() && k <= demonym.end + 3 && place_noun(&tokens[k]) {
        k += 1;
    }
    if k == demonym.end || tokens.get(k).is_none_or(|t| t.lower != "of") {
        return None;
    }
    k += 1;
    let name_start = k;
    while tokens.get(k).is_some_and(|t| t.capitalised) {
        k += 1;
    }
    let comma = tokens.get(k).is_some_and(|t| t.lower == ",");
    (k > name_start && comma)
        .then(|| demonym.code.clone())
        .flatten()
}

/// Gives place-qualified agents of one sentence the country of their place.
pub fn qualify_by_place(
    tokens: &[Token],
    phrases: &mut [ActorPhrase],
    places: &[&PlaceMention],
    gazetteer: &Gazetteer,
    strike_nouns: &WordList,
) {
    let named = named_countries(phrases);
    let mut located: Option<String> = None;
    for ph in phrases.iter_mut().filter(|p| open_to_place(p)) {
        let found = place_after(tokens, ph.end, places, gazetteer)
            .or_else(|| country_name_after(tokens, ph.end, &named));
        if let Some(c) = found {
            located.get_or_insert_with(|| c.clone());
            ph.code = Some(c);
            ph.how = ActorHow::PlaceQualifier;
        }
    }
    // "Police in Lagos arrested twelve protesters": the sentence is set in
    // that place, so its other defaulted actors are of that country too;
    // so is a sentence whose strike is aimed at a place.
    let Some(c) = located
        .or_else(|| struck_place(tokens, places, gazetteer, strike_nouns))
        .or_else(|| opening_place(tokens, phrases, places, gazetteer))
        .or_else(|| opening_demonym_place(tokens, phrases))
    else {
        return;
    };
    for ph in phrases
        .iter_mut()
        .filter(|p| !p.pronoun && !p.modifier_only && p.how.is_default())
    {
        ph.code = Some(c.clone());
        ph.how = ActorHow::PlaceSentence;
    }
}

/// A people named by descent ("ethnic Albanians", "ethnic Turks"), not the
/// state of that name: the phrase or the word before it is "ethnic".
fn named_by_descent(tokens: &[Token], ph: &ActorPhrase) -> bool {
    let ethnic = |k: usize| tokens.get(k).is_some_and(|t| t.lower == "ethnic");
    !ph.pronoun && ph.code.is_some() && (ethnic(ph.first) || (ph.first > 0 && ethnic(ph.first - 1)))
}

/// "Ethnic Albanians in south Serbia", "ethnic Turks ... Sweden's decision":
/// a people named by descent acts within the country the sentence places
/// it in (GUIDELINES: anyone acting within a state is coded with it), the
/// first place of the sentence in another country than the one it is named
/// after; with no such place it keeps that code.
pub fn place_groups_named_by_descent(
    tokens: &[Token],
    phrases: &mut [ActorPhrase],
    places: &[&PlaceMention],
    gazetteer: &Gazetteer,
) {
    for ph in phrases.iter_mut().filter(|p| named_by_descent(tokens, p)) {
        let elsewhere = places.iter().find_map(|pm| {
            let country = gazetteer.place(pm.place).country;
            (!country.is_empty() && ph.code.as_deref() != Some(country))
                .then(|| country.to_string())
        });
        if let Some(c) = elsewhere {
            ph.code = Some(c);
            ph.how = ActorHow::PlaceQualifier;
        }
    }
}

/// A country's name that the place resolver read, in this document, as a
/// region or town of another country ("violating Georgia's assisted
/// suicide law" in a story from Atlanta: the US state): the actor is of the
/// country the place is in. The resolver weighs the whole document's
/// places, so "Georgia" in a story from Tbilisi stays the country. Returns
/// the recoding (the name's country, the place's country), so that the
/// sentence's default country follows it.
pub fn recode_homonym_countries(
    names: &NamedIn<'_>,
    phrases: &mut [ActorPhrase],
    places: &[&PlaceMention],
    gazetteer: &Gazetteer,
) -> Option<(String, String)> {
    let tokens = names.tokens;
    let mut recoded = None;
    for ph in phrases
        .iter_mut()
        .filter(|p| !p.pronoun && !p.modifier_only && matches!(p.how, ActorHow::Dict(_)))
    {
        let place_of = |(first, end): (usize, usize)| {
            let (start, end) = (tokens[first].span.start, tokens[end - 1].span.end);
            places
                .iter()
                .find(|pm| pm.span.start == start && pm.span.end == end)
                .map(|pm| gazetteer.place(pm.place))
        };
        let Some(place) = [name_tokens(tokens, ph), names.leading_country_name(ph)]
            .into_iter()
            .flatten()
            .filter(|&name| !names.is_seat(name))
            .find_map(place_of)
            .or_else(|| {
                names
                    .place_opened_by_name(ph, places)
                    .map(|pm| gazetteer.place(pm.place))
            })
        else {
            continue;
        };
        let local = matches!(
            place.kind,
            PlaceKind::Region | PlaceKind::District | PlaceKind::City
        );
        if local && !place.country.is_empty() && ph.code.as_deref() != Some(place.country) {
            if let Some(old) = ph.code.replace(place.country.to_string()) {
                recoded.get_or_insert((old, place.country.to_string()));
            }
            ph.how = ActorHow::Place;
        }
    }
    // The sentence's defaulted actors took the name's country.
    if let Some((old, new)) = &recoded {
        for ph in phrases
            .iter_mut()
            .filter(|p| p.how == ActorHow::DefaultSentence && p.code.as_ref() == Some(old))
        {
            ph.code = Some(new.clone());
        }
    }
    recoded
}

/// A sentence's tokens with the dictionary mentions found in them.
pub struct NamedIn<'a> {
    pub tokens: &'a [Token],
    pub mentions: &'a [Mention],
    pub dict: &'a ActorDictionary,
}

impl NamedIn<'_> {
    /// The tokens of a country's name that opens a phrase before its head
    /// ("Lebanon Police", "the Georgia National Guard"), written as a name
    /// (capitalised) and giving the phrase its code. Not an adjective
    /// ("Somali pirates"): the resolver may read one as a region.
    fn leading_country_name(&self, ph: &ActorPhrase) -> Option<(usize, usize)> {
        let first = match self.tokens.get(ph.first) {
            Some(t) if t.lower == "the" => ph.first + 1,
            _ => ph.first,
        };
        let m = self
            .mentions
            .iter()
            .find(|m| m.first == first && m.end < ph.end)?;
        let code = ph.code.as_deref()?;
        let names_the_code = matches!(&m.kind, MentionKind::Entries(es)
        if es.iter().any(|&e| {
            let entry = self.dict.entry(e);
            entry.kind == EntryKind::Country && entry.code.as_deref() == Some(code)
        }));
        (names_the_code && self.tokens[m.first..m.end].iter().all(|t| t.capitalised))
            .then_some((m.first, m.end))
    }

    /// A place the resolver read whose name opens with the country's
    /// name or adjective that gives the phrase its code and goes on over
    /// further words ("the leader of the Spanish Town faction", "schools in
    /// Spanish Town": Jamaica's town, not Spain): the name is the place's,
    /// not the country's.
    fn place_opened_by_name<'p>(
        &self,
        ph: &ActorPhrase,
        places: &[&'p PlaceMention],
    ) -> Option<&'p PlaceMention> {
        let code = ph.code.as_deref()?;
        self.mentions
            .iter()
            .filter(|m| m.first >= ph.first && m.end <= ph.end && m.end > m.first)
            .filter(|m| {
                matches!(&m.kind, MentionKind::Entries(es)
                if es.iter().any(|&e| {
                    let entry = self.dict.entry(e);
                    matches!(entry.kind, EntryKind::Country | EntryKind::CountryAdj)
                        && entry.code.as_deref() == Some(code)
                }))
            })
            .find_map(|m| {
                let (start, end) = (
                    self.tokens[m.first].span.start,
                    self.tokens[m.end - 1].span.end,
                );
                places
                    .iter()
                    .find(|pm| pm.span.start == start && pm.span.end > end)
                    .copied()
            })
    }

    /// Tokens `first..end` are a seat of government ("Moscow",
    /// "Washington"), or also an organisation's ("Brussels" for the EU):
    /// used as an actor, the government or the body, whatever town of the
    /// same name the resolver found elsewhere; a country's name ("Georgia")
    /// may be a region's.
    fn is_seat(&self, (first, end): (usize, usize)) -> bool {
        self.mentions.iter().any(|m| {
            m.first == first
                && m.end == end
                && matches!(&m.kind, MentionKind::Entries(es)
                if !es.is_empty() && es.iter().all(|&e| matches!(
                    self.dict.entry(e).kind,
                    EntryKind::Seat | EntryKind::Organisation
                )))
        })
    }
}

/// The tokens of a phrase that is a bare proper name ("Georgia",
/// "Georgia's", "the Georgia"), without its determiner and possessive
/// marker: `None` for a phrase with any other word.
fn name_tokens(tokens: &[Token], ph: &ActorPhrase) -> Option<(usize, usize)> {
    let mut first = ph.first;
    let mut end = ph.end;
    if tokens.get(first).is_some_and(|t| t.lower == "the") {
        first += 1;
    }
    if end > first
        && tokens
            .get(end - 1)
            .is_some_and(|t| t.lower == "'s" || t.lower == "’s")
    {
        end -= 1;
    }
    (end > first && tokens[first..end].iter().all(|t| t.capitalised)).then_some((first, end))
}
