//! Person pronouns resolved by salience in the clause chain rather than to
//! "the last person mentioned": a subject pronoun ("he", "she") opening a
//! sentence continues the previous sentence's subject (its first person),
//! and an object pronoun ("him", object "her") never names the subject of
//! its own clause. Where the text shows a person's gender (an honorific,
//! a gendered title, a resolved pronoun), a pronoun of the other gender
//! passes over that person.

use super::ActorPhrase;
use crate::tokens::Token;
use crate::vocab::Sector;

/// A remembered person: actor code and sector.
pub type PersonRef = (String, Option<Sector>);

/// A person's grammatical gender, where the text shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// Words that show a person's gender: honorifics and gendered titles
/// before or in the phrase ("Mrs Clinton", "Queen Elizabeth", "the
/// spokeswoman"), and the pronouns themselves (a resolved "she" stays
/// female along the chain). Given names are not read (no data).
fn gender_word(word: &str) -> Option<Gender> {
    match word {
        "he" | "him" | "his" | "himself" | "mr" | "mr." | "sir" | "king" | "prince" | "duke"
        | "emperor" | "pope" | "spokesman" | "chairman" | "businessman" | "congressman"
        | "sheikh" | "cardinal" | "archbishop" | "imam" => Some(Gender::Male),
        "she" | "her" | "hers" | "herself" | "mrs" | "mrs." | "ms" | "ms." | "miss" | "madam"
        | "dame" | "lady" | "queen" | "princess" | "duchess" | "empress" | "spokeswoman"
        | "chairwoman" | "businesswoman" | "congresswoman" | "actress" => Some(Gender::Female),
        _ => None,
    }
}

/// Honorifics, which may stand just outside a person phrase ("Mrs
/// [Clinton]", "[Foreign Minister] Mrs Amina Juma").
fn is_honorific(word: &str) -> bool {
    matches!(
        word,
        "mr" | "mr." | "mrs" | "mrs." | "ms" | "ms." | "miss" | "madam" | "sir" | "dame" | "lady"
    )
}

/// The gender a phrase over tokens `first..end` shows: its first gendered
/// word's, else that of an honorific just before or after it. A possessive
/// in a longer phrase is its owner's ("her French counterpart" is of no
/// known gender).
pub fn phrase_gender(tokens: &[Token], first: usize, end: usize) -> Option<Gender> {
    let alone = end == first + 1;
    let inside = tokens
        .get(first..end.min(tokens.len()))?
        .iter()
        .filter(|t| alone || !matches!(t.lower.as_str(), "his" | "her" | "hers"))
        .find_map(|t| gender_word(&t.lower));
    let beside = || {
        [first.checked_sub(1), Some(end)]
            .into_iter()
            .flatten()
            .filter_map(|k| tokens.get(k))
            .find(|t| is_honorific(&t.lower))
            .and_then(|t| gender_word(&t.lower))
    };
    inside.or_else(beside)
}

/// A pronoun and a person agree in gender unless both show one and they
/// differ.
fn agrees(pronoun: Option<Gender>, person: Option<Gender>) -> bool {
    pronoun.is_none() || person.is_none() || pronoun == person
}

/// Whether the pronoun at token `at` may take up the person phrase over
/// `first..end` by gender.
pub fn gender_agrees(tokens: &[Token], at: usize, first: usize, end: usize) -> bool {
    let pronoun = tokens.get(at).and_then(|t| gender_word(&t.lower));
    agrees(pronoun, phrase_gender(tokens, first, end))
}

/// The candidates a pronoun of `gender` may take up, in order: those that
/// do not show the other gender. A person of unknown gender stays a
/// candidate, ahead of a later one that shows the pronoun's ("The mayor,
/// Veronica Cawley, ... Ms Izevbekhai ... she": the mayor's name in
/// apposition is not read, and she is the subject).
fn by_gender<T>(gender: Option<Gender>, candidates: &[(T, Option<Gender>)]) -> Vec<&T> {
    candidates
        .iter()
        .filter(|(_, g)| agrees(gender, *g))
        .map(|(c, _)| c)
        .collect()
}

/// The persons of the current and of the previous sentence, in the order
/// they were named, with the gender each showed.
#[derive(Debug, Default)]
pub struct Salience {
    current: Vec<(PersonRef, Option<Gender>)>,
    previous: Vec<(PersonRef, Option<Gender>)>,
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
    pub fn note_person(&mut self, person: PersonRef, gender: Option<Gender>) {
        self.current.push((person, gender));
    }

    /// A person of the current sentence noted as `old` turned out to act
    /// for another actor (a role in apposition): the last such entry
    /// becomes `new`.
    pub fn recode_person(&mut self, old: &PersonRef, new: PersonRef) {
        if let Some(entry) = self.current.iter_mut().rev().find(|(p, _)| p == old) {
            entry.0 = new;
        }
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

/// Where the clause of an object pronoun at token `at` begins: after the
/// last word before it that opens a subordinate clause ("said that ...",
/// "a man who ..."), else the sentence's start. Coordinated verbs ("met X
/// and praised him") share the clause.
fn object_clause_start(tokens: &[Token], at: usize) -> usize {
    tokens[..at.min(tokens.len())]
        .iter()
        .rposition(|t| {
            matches!(
                t.lower.as_str(),
                "that"
                    | "who"
                    | "whom"
                    | "which"
                    | "because"
                    | "after"
                    | "before"
                    | "when"
                    | "while"
                    | "if"
                    | ";"
            )
        })
        .map_or(0, |i| i + 1)
}

/// An actor phrase that opens the clause beginning at `clause` (after a
/// determiner at most) is its subject even when it names no person: "The
/// Colombian leader met Maduro and urged him" keeps "him" for Maduro. A
/// phrase after a preposition ("In Kampala, Ruto thanked him") opens
/// nothing.
fn clause_opening_party<'a>(
    phrases: &'a [ActorPhrase],
    tokens: &[Token],
    clause: usize,
    at: usize,
) -> Option<&'a ActorPhrase> {
    let start = match tokens.get(clause).map(|t| t.lower.as_str()) {
        Some("the" | "a" | "an") => clause + 1,
        _ => clause,
    };
    phrases.iter().find(|a| {
        !a.pronoun && !a.modifier_only && a.end <= at && (a.first == clause || a.first == start)
    })
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
    // "Mr Ruto met Mrs Hassan. She ...": a person whose gender shows
    // otherwise is no antecedent.
    let gender = tokens.get(at).and_then(|t| gender_word(&t.lower));
    let named_before = |a: &&ActorPhrase| a.person && !a.pronoun && a.end <= at;
    let with_gender = |a: &ActorPhrase| {
        let g = phrase_gender(tokens, a.first, a.end);
        a.code.clone().map(|c| ((c, a.sector), g))
    };
    let local: Vec<(PersonRef, Option<Gender>)> = phrases
        .iter()
        .filter(named_before)
        .filter_map(with_gender)
        .collect();
    // An object pronoun passes over its clause's subject: the first person
    // phrase of the clause, named or a pronoun ("He met the Cypriot
    // president and praised him": the president; "She said the Cuban
    // president had praised her": not the Cuban).
    let clause = object_clause_start(tokens, at);
    let subject_phrase = clause_opening_party(phrases, tokens, clause, at).or_else(|| {
        phrases
            .iter()
            .find(|a| a.person && a.first >= clause && a.end <= at)
    });
    let non_subject: Vec<(PersonRef, Option<Gender>)> = phrases
        .iter()
        .filter(named_before)
        .filter(|a| subject_phrase.is_none_or(|s| s.first != a.first))
        .filter_map(with_gender)
        .collect();
    let non_subjects = by_gender(gender, &non_subject);
    let local: Vec<&PersonRef> = by_gender(gender, &local);
    let previous: Vec<&PersonRef> = by_gender(gender, &chain.previous);
    if is_object_pronoun(tokens, at) {
        // "X met Y and thanked him": an earlier non-subject person of the
        // sentence; else the previous sentence's persons, the one whose code
        // differs from this clause's subject first ("Ruto met Museveni.
        // Odinga accused him": not Odinga). The subject may itself be a
        // pronoun already resolved ("He promised him ...").
        if let Some(p) = non_subjects.last() {
            return Some((*p).clone());
        }
        let subject = subject_phrase.and_then(|a| a.code.as_deref());
        return previous
            .iter()
            .find(|p| Some(p.0.as_str()) != subject)
            .or(previous.first())
            .copied()
            .or(last_person)
            .cloned();
    }
    // Within a sentence the nearest person ("Biden condemned what he
    // called"); opening a sentence, the previous sentence's subject.
    local
        .last()
        .copied()
        .or(previous.first().copied())
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
        chain.note_person(("KEN".into(), Some(Sector::Gov)), None);
        chain.note_person(("UGA".into(), Some(Sector::Gov)), None);
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
        chain.note_person(("POL".into(), Some(Sector::Gov)), None);
        chain.note_person(("UKR".into(), Some(Sector::Gov)), None);
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
        chain.note_person(("GRC".into(), Some(Sector::Gov)), None);
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
        chain.note_person(("KEN".into(), Some(Sector::Gov)), None);
        chain.note_person(("UGA".into(), Some(Sector::Gov)), None);
        chain.enter_sentence();
        let last = ("UGA".to_string(), Some(Sector::Gov));
        let got = person_antecedent(&[], &toks, 0, &chain, Some(&last));
        assert_eq!(got.map(|p| p.0), Some("KEN".to_string()));
    }

    #[test]
    fn subject_pronoun_skips_other_gender() {
        let text = "She said so.";
        let toks = tokenize(text, Span::new(0, text.len()));
        let mut chain = Salience::default();
        chain.note_person(("KEN".into(), Some(Sector::Gov)), Some(Gender::Male));
        chain.note_person(("UGA".into(), Some(Sector::Gov)), Some(Gender::Female));
        chain.enter_sentence();
        let got = person_antecedent(&[], &toks, 0, &chain, None);
        assert_eq!(got.map(|p| p.0), Some("UGA".to_string()));
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
