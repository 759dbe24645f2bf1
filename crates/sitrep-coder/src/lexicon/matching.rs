//! How a generated lexicon entry's object is read on the dependency tree.
//!
//! A dictionary object ("aid" in `provide aid`) found near the verb is the
//! verb's own when the tree makes it so: its head noun is the verb's direct
//! object, passive subject, complement, or the object of a preposition the
//! verb governs ("appeared in court"); coordination and prepositional chains
//! are followed ("aid and medicine", "the withdrawal of troops"), but not
//! a phrase on another noun that only says which one it is ("the road to
//! the embassy"). A word
//! that only modifies another noun ("military" in "military intelligence")
//! or belongs to another verb ("announced it would prohibit aid") is not.
//! Hand patterns keep their surface reading; without a parse both agree.

use super::patterns::Pattern;
use crate::actors::ActorPhrase;
use crate::events::find_object;
use crate::syntax::SentenceSyntax;
use crate::tokens::Token;
use sitrep_syntax::Dep;

/// Relations by which an object word hangs from its verb.
const ARGUMENT_DEPS: &[Dep] = &[
    Dep::Dobj,
    Dep::Nsubjpass,
    Dep::Attr,
    Dep::Oprd,
    Dep::Acomp,
    Dep::Dative,
    Dep::Prep,
    Dep::Advmod,
    Dep::Npadvmod,
    Dep::Xcomp,
    Dep::Ccomp,
    Dep::Prt,
];

/// Relations followed upwards from the object word towards its verb.
const CHAIN_DEPS: &[Dep] = &[Dep::Pobj, Dep::Conj, Dep::Prep, Dep::Appos, Dep::Pcomp];

/// How many arcs an object word may be from its verb ("in favour of talks").
const MAX_CHAIN: usize = 4;

/// Is coder token `word` (the last word of an object phrase) an argument of
/// the predicate of trigger token `trigger` in the tree? True when either is
/// not in the parse: the surface reading then stands.
pub fn object_in_tree(
    sx: &SentenceSyntax<'_>,
    tokens: &[Token],
    trigger: usize,
    word: usize,
) -> bool {
    let (Some(verb), Some(mut x)) = (sx.predicate(trigger), sx.parse_token(word)) else {
        return true;
    };
    // "the curfew imposed on the city": the verb modifies its object.
    let (verb_head, verb_dep) = sx.arc(verb);
    if verb_head == x && matches!(verb_dep, Dep::Acl | Dep::Relcl) {
        return true;
    }
    for _ in 0..MAX_CHAIN {
        let (head, dep) = sx.arc(x);
        if head == x {
            return false;
        }
        if head == verb {
            return ARGUMENT_DEPS.contains(&dep);
        }
        // "failed to reach agreement": the object of the verb's open complement.
        if dep == Dep::Dobj && sx.arc(head) == (verb, Dep::Xcomp) {
            return true;
        }
        // "extradited suspected militant Haroon Aswad": a title before a name.
        let title = dep == Dep::Compound
            && sx
                .coder_token(head)
                .and_then(|k| tokens.get(k))
                .is_some_and(|t| t.capitalised);
        if (!CHAIN_DEPS.contains(&dep) && !title) || sx.names_which_noun(x) {
            return false;
        }
        x = head;
    }
    false
}

/// Prepositions a hand pattern may name as its object.
fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "to" | "with" | "from" | "on" | "for" | "against" | "in" | "into" | "at" | "by" | "of"
    )
}

/// Preposition `word` hangs from the trigger's verb, directly or as the
/// infinitive marker of the verb's clausal complement ("committed the two
/// countries to negotiate").
fn preposition_of_verb(sx: &SentenceSyntax<'_>, trigger: usize, word: usize) -> bool {
    let (Some(verb), Some(x)) = (sx.predicate(trigger), sx.parse_token(word)) else {
        return true;
    };
    let (head, dep) = sx.arc(x);
    (head == verb && matches!(dep, Dep::Prep | Dep::Dative))
        || (dep == Dep::Aux && head != x && sx.arc(head).0 == verb)
}

/// The first object phrase of `p` in `tokens[from..to]` that the trigger's
/// tree accepts (generated entries); the first on the surface otherwise.
pub fn object_of(
    p: &Pattern,
    tokens: &[Token],
    syntax: Option<&SentenceSyntax<'_>>,
    trigger: usize,
    from: usize,
    to: usize,
) -> Option<(usize, usize)> {
    let Some(sx) = syntax.filter(|_| p.generated.is_some()) else {
        let found = find_object(p, tokens, from, to);
        // A hand pattern whose object is a bare preposition ("commit" +
        // "to"): the preposition must be the verb's own ("committed itself
        // to talks", "committed the two countries to negotiate"), not one
        // further on ("an offence he committed for belonging to a party").
        return match (found, syntax) {
            (Some((os, oe)), Some(sx))
                if oe == os + 1
                    && is_preposition(&tokens[os].lower)
                    && !preposition_of_verb(sx, trigger, os) =>
            {
                None
            }
            _ => found,
        };
    };
    let mut start = from;
    while let Some((os, oe)) = find_object(p, tokens, start, to) {
        if object_in_tree(sx, tokens, trigger, oe - 1) {
            return Some((os, oe));
        }
        start = os + 1;
    }
    None
}

/// Is the actor phrase starting at the object the target? For a generated
/// entry it must cover the whole object phrase ("military" in "offered
/// military support to Chad" only modifies it) and name a side other than
/// the source's ("sent troops to Mali": its own troops are what it sends);
/// otherwise the target is sought after the object.
pub fn actor_is_object(
    p: &Pattern,
    phrase: &ActorPhrase,
    object_end: usize,
    source: Option<&ActorPhrase>,
) -> bool {
    p.generated.is_none()
        || (phrase.end >= object_end
            && phrase.code.is_some()
            && phrase.code != source.and_then(|s| s.code.clone()))
}
