//! Country names that are given names: "Chad Miller", "Georgia Brown",
//! "Jordan Smith". A country name directly followed by a capitalised name the
//! dictionaries do not know is the first half of a person's name, not the
//! country, unless a preposition puts it in place position ("troops in Chad
//! Tuesday" has no unknown name after it anyway). Merged before actors are
//! resolved and before the document's countries are weighed, so a person's
//! name gives neither an actor code nor a default country.

use crate::lexicon::actors::{ActorDictionary, EntryKind};
use crate::mentions::{Mention, MentionKind};
use crate::tokens::Token;

/// Words before a country name that make it a place, whatever follows.
fn is_place_preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "of" | "to" | "from" | "into" | "across" | "near" | "at" | "and" | "with"
    )
}

/// "Chad", not "US" or "U.K.".
fn is_title_case(text: &str, t: &Token) -> bool {
    let mut chars = text.get(t.span.start..t.span.end).unwrap_or("").chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
}

fn names_a_country(m: &Mention, dict: &ActorDictionary) -> bool {
    match &m.kind {
        MentionKind::Entries(entries) => entries
            .first()
            .is_some_and(|&e| dict.entry(e).kind == EntryKind::Country),
        _ => false,
    }
}

/// Merges "Country Name" pairs into one unknown name.
pub fn merge_given_names(
    text: &str,
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
    dict: &ActorDictionary,
) {
    let mut i = 0;
    while i + 1 < mentions.len() {
        let (a, b) = (&mentions[i], &mentions[i + 1]);
        // "Chad Miller": a title-case country word and a one-word surname
        // that ends the name; not "US Predator attacks" (an abbreviation) nor
        // "Kenya Anti-Corruption Commission" (a body of the country).
        let single_word = a.end == a.first + 1 && is_title_case(text, &tokens[a.first]);
        let surname = b.end == b.first + 1 && tokens.get(b.end).is_none_or(|t| !t.capitalised);
        let adjacent = a.end == b.first;
        let placed = a.first > 0 && is_place_preposition(&tokens[a.first - 1].lower);
        if single_word
            && adjacent
            && !placed
            && surname
            && b.kind == MentionKind::Name
            && names_a_country(a, dict)
        {
            let end = b.end;
            mentions[i] = Mention {
                first: a.first,
                end,
                kind: MentionKind::Name,
            };
            mentions.remove(i + 1);
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::{find_mentions, WordList};
    use crate::tokens::tokenize;
    use crate::Span;

    fn mentions_of(text: &str) -> (Vec<Token>, Vec<Mention>, ActorDictionary) {
        let mut d = ActorDictionary::default();
        d.load_countries("TCD\tname\tChad\nGEO\tname\tGeorgia\n", "c")
            .unwrap_or_default();
        let toks = tokenize(text, Span::new(0, text.len()));
        let mut ms = find_mentions(&toks, &d, &WordList::default());
        merge_given_names(text, &toks, &mut ms, &d);
        (toks, ms, d)
    }

    #[test]
    fn given_name_is_not_a_country() {
        let (_, ms, _) = mentions_of("Officer Chad Miller said so.");
        assert!(ms.iter().all(|m| m.kind == MentionKind::Name));
    }

    #[test]
    fn abbreviations_and_bodies_stay_countries() {
        let (_, ms, d) = mentions_of("Chad Anti-Corruption Commission staff met.");
        assert!(ms.iter().any(|m| names_a_country(m, &d)));
    }

    #[test]
    fn country_after_preposition_stays() {
        let (_, ms, d) = mentions_of("Troops in Chad Monday said so.");
        assert!(ms.iter().any(|m| names_a_country(m, &d)));
    }
}
