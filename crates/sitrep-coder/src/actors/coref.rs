//! Person pronouns resolved by salience in the clause chain rather than to
//! "the last person mentioned": a subject pronoun ("he", "she") opening a
//! sentence continues the previous sentence's subject (its first person),
//! and an object pronoun ("him", object "her") never names the subject of
//! its own clause.

use super::ActorPhrase;
use crate::tokens::Token;
use crate::vocab::Sector;

/// A remembered person: actor code and sector.
pub type PersonRef = (String, Option<Sector>);

/// The persons of the current and of the previous sentence, in the order
/// they were named.
#[derive(Debug, Default)]
pub struct Salience {
    current: Vec<PersonRef>,
    previous: Vec<PersonRef>,
}

impl Salience {
    /// A new sentence starts: its persons become the previous ones, unless
    /// it named none (a sentence without persons keeps the chain going).
    pub fn enter_sentence(&mut self) {
        if !self.current.is_empty() {
            self.previous = std::mem::take(&mut self.current);
        }
    }

    /// A person phrase of the current sentence was resolved.
    pub fn note_person(&mut self, person: PersonRef) {
        self.current.push(person);
    }
}

/// Words after which "her" is an object, not a possessive ("accused her of",
/// "told her.", "met her on Monday").
fn her_is_object(next: Option<&Token>) -> bool {
    next.is_none_or(|t| {
        !t.is_word
            || matches!(
                t.lower.as_str(),
                "of" | "on"
                    | "in"
                    | "to"
                    | "for"
                    | "as"
                    | "at"
                    | "with"
                    | "and"
                    | "after"
                    | "before"
                    | "that"
                    | "over"
                    | "from"
                    | "by"
                    | "during"
                    | "when"
                    | "while"
            )
    })
}

/// Whether the pronoun at token `at` is an object form.
pub fn is_object_pronoun(tokens: &[Token], at: usize) -> bool {
    match tokens.get(at).map(|t| t.lower.as_str()) {
        Some("him") => true,
        Some("her") => her_is_object(tokens.get(at + 1)),
        _ => false,
    }
}

/// The antecedent of a person pronoun at token `at`, given the phrases of
/// its sentence resolved so far, the salience chain and the last person of
/// the document (the fallback when the chain is empty).
pub fn person_antecedent(
    phrases: &[ActorPhrase],
    tokens: &[Token],
    at: usize,
    chain: &Salience,
    last_person: Option<&PersonRef>,
) -> Option<PersonRef> {
    let local: Vec<PersonRef> = phrases
        .iter()
        .filter(|a| a.person && !a.pronoun && a.end <= at)
        .filter_map(|a| a.code.clone().map(|c| (c, a.sector)))
        .collect();
    if is_object_pronoun(tokens, at) {
        // "X met Y and thanked him": an earlier non-subject person of the
        // sentence; else the previous sentence's persons, the one whose code
        // differs from this clause's subject first ("Ruto met Museveni.
        // Odinga accused him": not Odinga). The subject may itself be a
        // pronoun already resolved ("He promised him ...", "He met the
        // Cypriot president and praised him": the president).
        let subject_phrase = phrases.iter().find(|a| a.person && a.end <= at);
        let named_other = phrases
            .iter()
            .filter(|a| a.person && !a.pronoun && a.end <= at)
            .filter(|a| subject_phrase.is_none_or(|s| s.first != a.first))
            .rev()
            .find_map(|a| a.code.clone().map(|c| (c, a.sector)));
        if let Some(p) = named_other {
            return Some(p);
        }
        let subject = subject_phrase.and_then(|a| a.code.as_deref());
        return chain
            .previous
            .iter()
            .find(|p| Some(p.0.as_str()) != subject)
            .or(chain.previous.first())
            .or(last_person)
            .cloned();
    }
    // Within a sentence the nearest person ("Biden condemned what he
    // called"); opening a sentence, the previous sentence's subject.
    local
        .last()
        .or(chain.previous.first())
        .or(last_person)
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;
    use crate::Span;

    fn person(code: &str, first: usize, end: usize) -> ActorPhrase {
        ActorPhrase {
            first,
            end,
            code: Some(code.into()),
            sector: Some(Sector::Gov),
            how: crate::vocab::ActorHow::Dict("x".into()),
            person: true,
            modifier_only: false,
            pronoun: false,
        }
    }

    #[test]
    fn object_pronoun_skips_its_clause_subject() {
        let text = "Odinga accused him of fraud.";
        let toks = tokenize(text, Span::new(0, text.len()));
        let mut chain = Salience::default();
        chain.note_person(("KEN".into(), Some(Sector::Gov)));
        chain.note_person(("UGA".into(), Some(Sector::Gov)));
        chain.enter_sentence();
        let local = [person("TZA", 0, 1)];
        let got = person_antecedent(&local, &toks, 2, &chain, None);
        assert_eq!(got.map(|p| p.0), Some("KEN".to_string()));
    }

    #[test]
    fn object_pronoun_skips_a_pronoun_subject() {
        let text = "He promised him aid.";
        let toks = tokenize(text, Span::new(0, text.len()));
        let mut chain = Salience::default();
        chain.note_person(("POL".into(), Some(Sector::Gov)));
        chain.note_person(("UKR".into(), Some(Sector::Gov)));
        chain.enter_sentence();
        let he = ActorPhrase {
            pronoun: true,
            ..person("POL", 0, 1)
        };
        let got = person_antecedent(&[he], &toks, 2, &chain, None);
        assert_eq!(got.map(|p| p.0), Some("UKR".to_string()));
    }

    #[test]
    fn object_pronoun_takes_a_named_object_after_a_pronoun_subject() {
        let text = "He met the Cypriot president and praised him.";
        let toks = tokenize(text, Span::new(0, text.len()));
        let mut chain = Salience::default();
        chain.note_person(("GRC".into(), Some(Sector::Gov)));
        chain.enter_sentence();
        let he = ActorPhrase {
            pronoun: true,
            ..person("GRC", 0, 1)
        };
        let president = person("CYP", 2, 5);
        let got = person_antecedent(&[he, president], &toks, 7, &chain, None);
        assert_eq!(got.map(|p| p.0), Some("CYP".to_string()));
    }

    #[test]
    fn subject_pronoun_continues_previous_subject() {
        let text = "He said so.";
        let toks = tokenize(text, Span::new(0, text.len()));
        let mut chain = Salience::default();
        chain.note_person(("KEN".into(), Some(Sector::Gov)));
        chain.note_person(("UGA".into(), Some(Sector::Gov)));
        chain.enter_sentence();
        let last = ("UGA".to_string(), Some(Sector::Gov));
        let got = person_antecedent(&[], &toks, 0, &chain, Some(&last));
        assert_eq!(got.map(|p| p.0), Some("KEN".to_string()));
    }

    #[test]
    fn possessive_her_is_not_an_object() {
        let text = "She met her counterpart. They thanked her.";
        let toks = tokenize(text, Span::new(0, text.len()));
        let at = |w: usize| {
            toks.iter()
                .enumerate()
                .filter(|(_, t)| t.lower == "her")
                .nth(w)
                .map(|(i, _)| i)
                .unwrap_or(0)
        };
        assert!(!is_object_pronoun(&toks, at(0)));
        assert!(is_object_pronoun(&toks, at(1)));
    }
}
