//! The country a sentence is set in, for actors the text does not place
//! ("riot police", "protesters"). A country named only as where something
//! comes from or goes to ("beef imports from the United States", "flights
//! to Japan"), or as the modifier of a thing ("U.S. beef"), is not where the
//! sentence happens.

use super::sentence_countries;
use crate::lexicon::actors::ActorDictionary;
use crate::lexicon::patterns::EventPatterns;
use crate::mentions::{hyphen_origin, Mention, MentionKind};
use crate::tokens::Token;

/// Prepositions whose object is a country elsewhere than the sentence's
/// setting ("with", "against", "by" name a party to the act, which may be
/// set there: "the border with Finland").
fn points_elsewhere(word: &str) -> bool {
    matches!(word, "from" | "to" | "toward" | "towards" | "into" | "over")
}

/// Words after a country name that do not make it a modifier ("Britain on
/// Monday", "Taiwan and", "Russia has").
fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "on" | "in"
            | "at"
            | "of"
            | "for"
            | "to"
            | "and"
            | "or"
            | "but"
            | "with"
            | "by"
            | "from"
            | "as"
            | "that"
            | "which"
            | "who"
            | "whose"
            | "while"
            | "when"
            | "after"
            | "before"
            | "has"
            | "have"
            | "had"
            | "is"
            | "are"
            | "was"
            | "were"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "should"
            | "said"
            | "says"
            | "told"
            | "also"
            | "not"
            | "been"
            | "be"
            | "it"
            | "its"
            | "their"
            | "his"
            | "her"
            | "this"
            | "these"
            | "those"
            | "a"
            | "an"
            | "the"
            | "than"
            | "then"
            | "if"
            | "over"
            | "into"
            | "against"
            | "since"
            | "until"
            | "because"
            | "where"
            | "last"
            | "next"
            | "first"
            | "now"
    )
}

/// The mention only modifies a thing after it ("U.S. beef imports"): a
/// lower-case content word follows that is no verb and no actor.
fn modifies_a_thing(
    tokens: &[Token],
    m: &Mention,
    next: Option<&Mention>,
    patterns: &EventPatterns,
) -> bool {
    let Some(t) = tokens.get(m.end) else {
        return false;
    };
    t.is_word
        && !t.capitalised
        && !is_function_word(&t.lower)
        && !t.lower.ends_with("ed")
        && !t.lower.ends_with("ing")
        && !patterns.is_verb_form(&t.lower)
        && next.is_none_or(|n| n.first != m.end)
}

/// The mention names a state's mission abroad ("the U.S. embassy", "the
/// French consulate"): the mission stands in another state's country, so
/// its state is not where the sentence happens ("Several hundred people
/// protested outside the U.S. embassy" in Mexico City are Mexicans).
/// The mission noun may close the name's own mention or stand right after
/// it as a mention of its own. Only a mission named as a place, after a
/// preposition of place ("outside", "near", "at", "in front of"): a mission
/// that acts ("The U.S. embassy in Colombo called on ...") is a named doer,
/// and its own seat still sets the scene.
fn names_a_mission_abroad(tokens: &[Token], m: &Mention) -> bool {
    let is_mission = |k: usize| {
        tokens.get(k).is_some_and(|t| {
            matches!(
                t.lower.as_str(),
                "embassy" | "embassies" | "consulate" | "consulates"
            )
        })
    };
    let mut k = m.first;
    while k > 0 && tokens[k - 1].lower == "the" {
        k -= 1;
    }
    let placed = k > 0 && marks_a_place(&tokens[k - 1].lower);
    placed && ((m.end > m.first && is_mission(m.end - 1)) || is_mission(m.end))
}

/// Prepositions that name where something happens beside a building
/// ("outside the embassy", "in front of the consulate").
fn marks_a_place(word: &str) -> bool {
    matches!(
        word,
        "outside" | "near" | "at" | "behind" | "opposite" | "beside" | "around" | "of" | "by"
    )
}

/// Whether a mention may set the sentence's country.
fn sets_the_scene(
    tokens: &[Token],
    mentions: &[Mention],
    i: usize,
    patterns: &EventPatterns,
) -> bool {
    let m = &mentions[i];
    if !matches!(m.kind, MentionKind::Entries(_)) {
        return false;
    }
    let mut k = m.first;
    while k > 0 && tokens[k - 1].lower == "the" {
        k -= 1;
    }
    let after_preposition = k > 0 && points_elsewhere(&tokens[k - 1].lower);
    !after_preposition
        && !modifies_a_thing(tokens, m, mentions.get(i + 1), patterns)
        && !hyphen_origin(tokens, m)
        && !names_a_mission_abroad(tokens, m)
}

/// The countries (names and seats) a sentence is set in, in order.
///
/// `aside(k)` says token `k` is in a clause that only describes a noun
/// (a relative clause set off by commas): a country named there ("the
/// leader, who is wanted by the United States, was arrested by police")
/// is not where the sentence's act happens; nor is a meeting's venue
/// ("ministers met in Brussels and urged the soldiers ...").
pub fn setting_countries(
    tokens: &[Token],
    mentions: &[Mention],
    dict: &ActorDictionary,
    patterns: &EventPatterns,
    aside: impl Fn(usize) -> bool,
) -> Vec<String> {
    let kept: Vec<Mention> = (0..mentions.len())
        .filter(|&i| sets_the_scene(tokens, mentions, i, patterns))
        .filter(|&i| !aside(mentions[i].first))
        .map(|i| mentions[i].clone())
        .collect();
    sentence_countries(&kept, dict, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::{find_mentions, WordList};
    use crate::tokens::tokenize;
    use crate::Span;

    fn setting(text: &str) -> Vec<String> {
        let mut d = ActorDictionary::default();
        d.load_countries("USA\tname\tUnited States|U.S.\nMLI\tname\tMali\n", "c")
            .unwrap_or_default();
        let toks = tokenize(text, Span::new(0, text.len()));
        let ms = find_mentions(&toks, &d, &WordList::default());
        setting_countries(&toks, &ms, &d, &EventPatterns::default(), |_| false)
    }

    #[test]
    fn origin_and_modifier_are_not_the_setting() {
        assert!(setting(
            "Riot police clashed with people opposed to beef imports from the United States."
        )
        .is_empty());
        assert!(setting("Protesters burned U.S. beef in the square.").is_empty());
        assert_eq!(setting("Soldiers killed five people in Mali."), ["MLI"]);
        assert_eq!(setting("Mali on Monday expelled the envoy."), ["MLI"]);
        assert!(setting("Crowds gathered outside the U.S. embassy.").is_empty());
        assert!(setting("Soldiers killed five people, a Mali-based group said.").is_empty());
        assert_eq!(
            setting("Mali-based soldiers killed five people in Mali."),
            ["MLI"]
        );
    }
}
