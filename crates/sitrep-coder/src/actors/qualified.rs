//! Generic agents qualified by a place: "police in Lagos", "authorities in
//! the northern city of Kano", "soldiers from Kidal" take the country of the
//! place the resolver found, ahead of the sentence's or document's default
//! country or an earlier agent with the same head word.

use super::ActorPhrase;
use crate::places::{Gazetteer, PlaceMention};
use crate::tokens::Token;
use crate::vocab::ActorHow;

/// Prepositions that tie an agent to where it is from or acts.
fn is_place_preposition(word: &str) -> bool {
    matches!(word, "in" | "from")
}

/// Words allowed between the preposition and the place: a determiner and a
/// descriptive head ("in the northern city of Kano", "in southern Kaduna").
fn is_filler(t: &Token) -> bool {
    t.is_word
        && !t.capitalised
        && matches!(
            t.lower.as_str(),
            "the"
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
    let prep = tokens.get(end)?;
    if !is_place_preposition(&prep.lower) {
        return None;
    }
    let mut k = end + 1;
    while k < tokens.len() && k <= end + 5 && is_filler(&tokens[k]) {
        k += 1;
    }
    let start = tokens.get(k)?.span.start;
    let pm = places.iter().find(|p| p.span.start == start)?;
    let country = &gazetteer.place(pm.place).country;
    (!country.is_empty()).then(|| country.clone())
}

/// Gives place-qualified agents of one sentence the country of their place.
pub fn qualify_by_place(
    tokens: &[Token],
    phrases: &mut [ActorPhrase],
    places: &[&PlaceMention],
    gazetteer: &Gazetteer,
) {
    let mut located: Option<String> = None;
    for ph in phrases.iter_mut().filter(|p| open_to_place(p)) {
        if let Some(c) = place_after(tokens, ph.end, places, gazetteer) {
            located.get_or_insert_with(|| c.clone());
            ph.code = Some(c);
            ph.how = ActorHow::PlaceQualifier;
        }
    }
    // "Police in Lagos arrested twelve protesters": the sentence is set in
    // that place, so its other defaulted actors are of that country too.
    let Some(c) = located else { return };
    for ph in phrases
        .iter_mut()
        .filter(|p| !p.pronoun && !p.modifier_only && p.how.is_default())
    {
        ph.code = Some(c.clone());
        ph.how = ActorHow::PlaceSentence;
    }
}
