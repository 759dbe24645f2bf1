//! Events: triggers (verbs and event nouns) matched against the patterns,
//! checked for modality (negated, future, hypothetical and infinitive
//! actions are not coded as the action), then given a source and a target
//! from the actor phrases of the same clause.

use crate::actors::ActorPhrase;
use crate::lexicon::categories::{CategoryTable, NounObject, Parties};
use crate::lexicon::matching;
use crate::lexicon::patterns::{EventPatterns, Form, ObjectWord, Pattern, TargetSlot, TriggerKind};
use crate::syntax::{NounArguments, SentenceSyntax};
use crate::tokens::Token;
use crate::vocab::{ActorHow, Category, Sector};
use sitrep_syntax::Dep;

/// Where an event's actor came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActorSlot {
    /// An actor phrase of the sentence (index into its phrases).
    Phrase(usize),
    /// No phrase: a default the caller fills (document country, civilians).
    Default { civilian: bool },
    /// No phrase: whoever set off a weapon named as the doer ("a roadside
    /// bomb killed ..."), an unknown actor of the place the caller finds
    /// (a place named in the trigger's clause; with none, no event).
    Unattributed,
    /// The target defaults to the source's country (a domestic event).
    SameAsSource,
    /// A passive with no agent: whoever the text was last talking about
    /// other than the target, else the default.
    OtherParty,
}

/// An event found in one sentence, before dates and places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventMatch {
    pub pattern: usize,
    /// Trigger tokens `first..end` (particles included).
    pub trigger: (usize, usize),
    pub source: ActorSlot,
    pub target: ActorSlot,
    pub passive: bool,
    /// A stated future commitment or threat: recoded by the caller.
    /// Said as happening, as intended, or as refused.
    pub stance: Stance,
    /// A distinct act coordinated with another of the sentence ("fired tear
    /// gas and arrested 30"): its trigger token, so that the two are not
    /// merged as restatements of one happening.
    pub distinct_act: Option<usize>,
    /// A second subject of the same act, coded as its own event.
    pub co_source: Option<usize>,
    /// A reciprocal act ("accused each other", "each side blamed the
    /// other"): the caller codes it both ways between its two parties.
    pub reciprocal: bool,
}

/// Words that end the clause an actor is searched in.
fn is_barrier(t: &Token) -> bool {
    matches!(
        t.lower.as_str(),
        ";" | "but"
            | "while"
            | "whereas"
            | "although"
            | "though"
            | "because"
            | "when"
            | "after"
            | "before"
            | "since"
            | "unless"
            | "if"
            | "until"
            | "where"
            | "whereby"
    )
}

const ADVERBS: &[&str] = &[
    "also",
    "reportedly",
    "then",
    "later",
    "still",
    "already",
    "formally",
    "officially",
    "strongly",
    "unanimously",
    "swiftly",
    "immediately",
    "quickly",
    "finally",
    "jointly",
    "again",
    "allegedly",
    "eventually",
    "yet",
    "subsequently",
    "just",
    "now",
    "further",
    "first",
    "publicly",
    "repeatedly",
    "apparently",
    "recently",
    "previously",
    "effectively",
    "briefly",
    "partially",
    "fully",
    "temporarily",
    "forcibly",
    "sharply",
    "openly",
    "once",
    "twice",
    "reluctantly",
    "hastily",
];
/// Determiners and possessives that may open a noun phrase.
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "our",
];
/// Words that make the next verb form a noun ("a telephone call on ...").
const NOUN_MODIFIERS: &[&str] = &[
    "telephone",
    "phone",
    "video",
    "conference",
    "street",
    "mass",
    "wake-up",
];
const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "getting",
];
const AUX: &[&str] = &["has", "have", "had", "did", "does", "do", "having"];
const NEGATION: &[&str] = &["not", "n't", "never", "no", "neither", "nor", "without"];
const MODALS: &[&str] = &[
    "will", "would", "shall", "could", "might", "may", "should", "must", "can", "'ll",
];
/// Verbs after which an infinitive action did happen ("were forced to resign").
const IMPLICATIVE: &[&str] = &[
    "began",
    "begun",
    "begin",
    "begins",
    "beginning",
    "started",
    "start",
    "starts",
    "starting",
    "continued",
    "continue",
    "continues",
    "continuing",
    "forced",
    "moved",
    "managed",
    "proceeded",
    "resorted",
    "went",
    "rushed",
    "helped",
    "help",
    "compelled",
    "forcing",
    "obliged",
    // An order by one with the authority to act sets the act in motion
    // ("ordered the prisoners to be freed", "ordered troops to withdraw").
    "ordered",
];
/// Say-verbs whose "would"/"will" complement is a stated intent.
const COMMITMENT_CUES: &[&str] = &[
    "said",
    "says",
    "promised",
    "pledged",
    "vowed",
    "announced",
    "confirmed",
    "declared",
    "stated",
    "insisted",
    "added",
    "told",
    "agreed",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Modality {
    Asserted,
    Negated,
    Modal,
    /// "would not", "will not": a negated modal.
    NegatedModal,
    Infinitive,
    /// An infinitive under an intent governor ("offered to mediate").
    IntendedInfinitive,
    /// An infinitive under a verb of agreeing ("agreed to impose sanctions").
    AgreedInfinitive,
    /// A negated infinitive under an intent governor ("vowed not to
    /// negotiate"): a stated refusal when the act is cooperative.
    RefusedInfinitive,
    Hypothetical,
    /// "agreements previously signed": an earlier act the text mentions
    /// in passing and does not date; coding it on the day of the article
    /// would date it wrongly (GUIDELINES: background in passing).
    Background,
}

fn clause_start(tokens: &[Token], i: usize) -> usize {
    (0..i)
        .rev()
        .find(|&k| is_barrier(&tokens[k]))
        .map_or(0, |k| k + 1)
}

fn clause_end(tokens: &[Token], i: usize) -> usize {
    (i..tokens.len())
        .find(|&k| is_barrier(&tokens[k]))
        .unwrap_or(tokens.len())
}

/// A clause whose subject is a negative quantifier says the act did not
/// happen: "no-one was injured", "nobody was arrested", "no civilians were
/// killed", "none of the protesters were detained". A relative clause set
/// off by commas is the subject's description, not its quantifier:
/// "Eritrea, which has no ties with Djibouti, released ..." happened.
fn negative_subject(before_trigger: &[Token]) -> bool {
    let in_relative = comma_relative_clause_words(before_trigger);
    before_trigger
        .iter()
        .enumerate()
        .filter(|&(k, _)| !in_relative.get(k).copied().unwrap_or(false))
        .any(|(k, t)| match t.lower.as_str() {
            "nobody" | "no-one" | "noone" | "none" => true,
            "no" => before_trigger.get(k + 1).is_some_and(|next| {
                next.is_word
                    && !matches!(
                        next.lower.as_str(),
                        "longer" | "later" | "sooner" | "doubt" | "matter" | "less" | "more"
                    )
            }),
            _ => false,
        })
}

/// Marks the words of each relative clause opened by a comma and a relative
/// pronoun (", which has no ties with Djibouti,") up to its closing comma;
/// a clause still open at the end is not closed, so it is not marked.
fn comma_relative_clause_words(tokens: &[Token]) -> Vec<bool> {
    let mut marked = vec![false; tokens.len()];
    let mut k = 0;
    while k + 1 < tokens.len() {
        let opens = tokens[k].lower == ","
            && matches!(
                tokens[k + 1].lower.as_str(),
                "which" | "who" | "whose" | "whom" | "where"
            );
        if let Some(close) = opens
            .then(|| (k + 1..tokens.len()).find(|&j| tokens[j].lower == ","))
            .flatten()
        {
            marked[k + 1..close].iter_mut().for_each(|m| *m = true);
            k = close;
        } else {
            k += 1;
        }
    }
    marked
}

/// The tree's word on an action the word-order rules read as asserted: a
/// `neg` dependent negates it, a conditional clause makes it hypothetical,
/// a second conjunct takes the first one's modal or negation. An
/// infinitive under an order is carried out, as with an implicative verb.
fn tree_modality(sx: &SentenceSyntax<'_>, trigger: usize, read: Modality) -> Modality {
    if read == Modality::Infinitive && sx.complement_of_order(trigger) {
        // "ordered the jailed students to be released": the word order
        // took "jailed" for the governor; the tree knows it is the order.
        Modality::Asserted
    } else if read != Modality::Asserted {
        read
    } else if sx.conditional(trigger) || sx.future_time_clause(trigger) {
        Modality::Hypothetical
    } else if sx.negated(trigger) || sx.subject_negated(trigger) || sx.denied_content(trigger) {
        Modality::Negated
    } else {
        // A second conjunct under the first's modal or negation.
        match sx.conjunct_modality(trigger) {
            (true, _) => Modality::Negated,
            (_, true) => Modality::Modal,
            // A modal auxiliary the word order put far away.
            _ if sx.modal_aux(trigger) => Modality::Modal,
            _ => read,
        }
    }
}

/// The actor phrase that holds parse token `p` (a subject's or agent's head).
pub(crate) fn phrase_at(
    sx: &SentenceSyntax<'_>,
    phrases: &[ActorPhrase],
    p: usize,
) -> Option<usize> {
    let k = sx.coder_token(p)?;
    phrases
        .iter()
        .position(|ph| ph.first <= k && k < ph.end && !ph.modifier_only)
        .or_else(|| {
            // The head word may lie outside the phrase ("Israeli strikes",
            // "its forces" when only the modifier is an actor): take the
            // phrase of a modifier of the head, not one inside a
            // prepositional phrase ("fighting near the Tajik exclave").
            sx.modifiers(p).find_map(|m| {
                let k = sx.coder_token(m)?;
                phrases.iter().position(|ph| ph.first <= k && k < ph.end)
            })
        })
}

/// The verb's subject in the tree, when it is an actor phrase (not a
/// relative pronoun, whose antecedent the word-order rules find).
fn tree_subject(sx: &SentenceSyntax<'_>, phrases: &[ActorPhrase], trigger: usize) -> Option<usize> {
    let s = sx.subject(trigger)?;
    if sx.subject_is_relative(s) {
        // "the general who met ...": the noun the clause modifies.
        return phrase_at(sx, phrases, sx.relative_antecedent(trigger)?);
    }
    phrase_at(sx, phrases, s)
}

/// Nouns that name an accusation itself.
const ACCUSATION_NOUNS: &[&str] = &["allegation", "allegations", "accusation", "accusations"];

/// Verbs of criticism that, aimed at an accusation, rebut it.
const REBUTTING_VERBS: &[&str] = &[
    "condemn",
    "denounce",
    "reject",
    "accuse",
    "criticise",
    "criticize",
];

/// "France condemned as unacceptable allegations by Rwanda that ...",
/// "France accused Rwanda of making unacceptable accusations by alleging
/// Paris ...": criticism whose object, a few words on, is an accusation
/// is the rebuttal of a charge (GUIDELINES: denials of accusations are
/// optional), and an allegation gerund right after the accusation noun
/// ("accusations by alleging ...") only restates the rebutted charge,
/// whose doer is not the subject. Neither is coded.
fn rebuts_an_accusation(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    if r.p.category != Category::Accuse || r.p.kind != TriggerKind::Verb || r.nominal() {
        return false;
    }
    let is_accusation = |w: &&str| ACCUSATION_NOUNS.contains(w);
    let lemma = ctx
        .syntax
        .and_then(|sx| sx.lemma(r.first))
        .unwrap_or(ctx.lower[r.first])
        .to_lowercase();
    // Words only: quotation marks ("as `` unacceptable '' allegations")
    // neither count nor end the window.
    let words = |range: std::ops::Range<usize>| {
        ctx.tokens
            .get(range)
            .unwrap_or(&[])
            .iter()
            .filter(|t| t.is_word)
            .map(|t| t.lower.as_str())
            .collect::<Vec<_>>()
    };
    let after = words(r.end..ctx.tokens.len());
    let before = words(0..r.first);
    (REBUTTING_VERBS.contains(&lemma.as_str()) && after.iter().take(6).any(is_accusation))
        || (ctx.lower[r.first].ends_with("ing") && before.iter().rev().take(2).any(is_accusation))
}

/// "A report released in the Rwandan capital alleged that France ...": a
/// document as the subject, which no actor phrase holds, speaks for the
/// place its participle says it was issued in (a coded phrase there, a
/// country adjective included).
fn issuing_place(
    sx: &SentenceSyntax<'_>,
    phrases: &[ActorPhrase],
    trigger: usize,
) -> Option<usize> {
    let place = sx.place_of_document_subject(trigger)?;
    let k = sx.coder_token(place)?;
    phrases
        .iter()
        .position(|ph| ph.first <= k && k < ph.end && ph.code.is_some())
        .or_else(|| phrase_at(sx, phrases, place))
        .or_else(|| {
            let (first, end) = sx.subtree_range(place)?;
            phrases
                .iter()
                .position(|ph| ph.first >= first && ph.end <= end && ph.code.is_some())
        })
        .filter(|&p| phrases.get(p).is_some_and(|ph| ph.code.is_some()))
}

/// The passive agent in the tree ("arrested by police").
fn tree_agent(sx: &SentenceSyntax<'_>, phrases: &[ActorPhrase], trigger: usize) -> Option<usize> {
    phrase_at(sx, phrases, sx.agent(trigger)?)
}

/// "The accord was reached at talks chaired by the AU envoy": a "by"
/// phrase after a passive trigger that the parse makes the agent of
/// another participle, on a noun or in a participle clause ("chaired"), is
/// that participle's doer, not the trigger's; the word-order fallback
/// (`by_agent`) must not take it.
fn agent_of_a_later_participle(
    ctx: &SentenceContext<'_>,
    trigger: usize,
    ph: &ActorPhrase,
) -> bool {
    ctx.syntax
        .is_some_and(|sx| (ph.first..ph.end).any(|k| sx.agent_of_other_participle(trigger, k)))
}

/// A hosting (CAMEO 043) or a mediation (045) said in the passive with a
/// named actor as its "by" agent: "the Georgian prime minister was
/// received by the Azerbaijani president" is the host receiving its guest,
/// "a ceasefire brokered by Qatar" and "talks mediated by the bloc" are
/// the mediator's, as the active would be.
fn hosted_by_named_actor(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    (r.p.cameo == "043" || (r.p.cameo == "045" && mediates_talks_or_accord(ctx, r)))
        && ctx
            .syntax
            .is_some_and(|sx| tree_agent(sx, ctx.phrases, r.first).is_some())
}

/// A passive mediation is the mediator's only when what it brokered is
/// talks or an accord (`meeting_words.txt`, `accord_nouns.txt`): "a
/// ceasefire brokered by Qatar", "two days of talks mediated by the bloc";
/// "measures brokered by the OAS" name no meeting of two sides.
fn mediates_talks_or_accord(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    ctx.syntax.is_some_and(|sx| {
        sx.passive_themes(r.first)
            .iter()
            .any(|l| ctx.patterns.is_accord_noun(l) || sx.is_meeting_word(l))
    })
}

/// A verb's gerund read as a noun that a hand noun pattern lists itself
/// ("Fighting between Armenia and Azerbaijan broke out"): the noun
/// pattern's reading is the one that knows the noun's parties ("between"
/// both), so the verb's reading steps aside for it. A verbal noun with its
/// doer named ("the shelling of a market by Ukrainian artillery") keeps
/// the verb's reading, which reads that doer.
fn gerund_left_to_noun_pattern(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    r.p.kind == TriggerKind::Verb
        && r.form == Form::Gerund
        && r.end == r.first + 1
        && !r.verbal_noun
        && (r.nominal_gerund || gerund_subject(ctx, r.first))
        && noun_event_happened(ctx, r)
        && ctx.patterns.triggers(ctx.lower[r.first]).iter().any(|tf| {
            let q = ctx.patterns.pattern(tf.pattern);
            tf.rest.is_empty() && q.kind == TriggerKind::Noun && q.generated.is_none()
        })
}

/// The parse makes the gerund at `i` the subject of another verb
/// ("Fighting … broke out").
fn gerund_subject(ctx: &SentenceContext<'_>, i: usize) -> bool {
    ctx.syntax.is_some_and(|sx| {
        sx.parse_token(i)
            .is_some_and(|t| matches!(sx.arc(t).1, Dep::Nsubj | Dep::Nsubjpass))
    })
}

/// "May" used as a name: "Theresa May has received", "May blamed
/// Russia". The modal is capitalised only at the start of a sentence and
/// takes a base form, so "May" after a capitalised word (and not before
/// another one, as in a title-case headline "Putin May Visit Japan") or
/// before a finite verb ("has", "was", a past tense in -ed) is a name.
fn modal_is_name(tokens: &[Token], k: usize) -> bool {
    let t = &tokens[k];
    if !t.capitalised || t.lower != "may" {
        return false;
    }
    let next = tokens.get(k + 1);
    let after_name = k > 0
        && tokens[k - 1].capitalised
        && tokens[k - 1].is_word
        && next.is_none_or(|n| !n.capitalised);
    let before_finite = next.is_some_and(|n| {
        matches!(
            n.lower.as_str(),
            "has" | "had" | "is" | "was" | "are" | "were" | "does" | "did" | "says" | "said"
        ) || (n.lower.len() > 3 && n.lower.ends_with("ed"))
    });
    after_name || before_finite
}

/// Where the trigger's own clause starts when a fronted "unless" clause is
/// closed by a comma before it and the trigger is under "will"/"would"/
/// "shall": "Unless Caracas frees them, Washington will impose sanctions" is
/// an ultimatum whose act is read on its own (a conditional intention, coded
/// as a threat). A fronted "if" clause keeps the whole sentence hypothetical:
/// sentences opening with "if" mostly muse ("If she had accepted, ...").
fn after_fronted_condition(tokens: &[Token], start: usize, first: usize) -> usize {
    let opened = start > 0
        && (tokens[start - 1].lower == "unless"
            || tokens[start - 1].lower == "if" && warned_condition(tokens, first));
    let Some(comma) = tokens[start..first].iter().position(|t| t.lower == ",") else {
        return start;
    };
    let main = start + comma + 1;
    let modal = tokens[main..first]
        .iter()
        .any(|t| matches!(t.lower.as_str(), "will" | "would" | "shall" | "wo"));
    if opened && modal {
        main
    } else {
        start
    }
}

/// Verbs that, closing a sentence, tell its words as a warning.
const WARNING_VERBS: &[&str] = &["warned", "warns", "warning", "threatened", "threatens"];

/// "If Ethiopia builds a base there, Somalia will expel its ambassador, the
/// minister warned": a fronted "if" clause closed by a comma before the
/// trigger, in a sentence its speaker is said to warn with, is an
/// ultimatum like a fronted "unless" (what the speaker's side will do is a
/// threat when hostile: `coder::event_code`). Without the warning, a
/// fronted "if" keeps its sentence hypothetical.
pub(crate) fn warned_condition(tokens: &[Token], first: usize) -> bool {
    let Some(open) = tokens[..first].iter().position(|t| t.lower == "if") else {
        return false;
    };
    // The warning comes after the trigger: the warning verb itself stays
    // under its sentence's condition.
    tokens[open..first].iter().any(|t| t.lower == ",")
        && tokens.get(first + 1..).is_some_and(|rest| {
            rest.iter()
                .any(|t| WARNING_VERBS.contains(&t.lower.as_str()))
        })
}

/// Adverbs that, right before a verb, say its act fell just short of
/// happening: "Sudan almost expelled the ambassador", "were nearly killed".
const NEAR_MISS: &[&str] = &["almost", "nearly"];

/// Phrases other than "if" and "unless" that open a condition, as word
/// sequences: "provided that Iran releases the sailors", "as long as the
/// truce holds", "in the event of an attack".
const CONDITION_PHRASES: &[&[&str]] = &[
    &["provided", "that"],
    &["providing", "that"],
    &["as", "long", "as"],
    &["so", "long", "as"],
    &["on", "condition", "that"],
    &["in", "case"],
    &["in", "the", "event"],
];

/// The trigger follows one of `CONDITION_PHRASES` with no comma between:
/// its act is the condition, not a thing done ("provided that Iran releases
/// the sailors, ..."). A comma closes the condition: the main clause after
/// it is read on its own.
fn condition_phrase(before: &[Token]) -> bool {
    let open = (0..before.len()).rev().find(|&k| {
        CONDITION_PHRASES.iter().any(|phrase| {
            phrase.len() <= before.len() - k
                && phrase.iter().zip(&before[k..]).all(|(w, t)| t.lower == *w)
        })
    });
    open.is_some_and(|k| before[k..].iter().all(|t| t.lower != ","))
}

/// Subject pronouns that can follow an inverted conditional auxiliary
/// ("had they asked", "should it fail").
const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "it", "they", "we", "i", "you"];

/// The trigger's clause is a condition stated by inverting its auxiliary
/// instead of opening it with "if": "had Juba asked for them", "were Chad to
/// close its border", "should the talks fail". The auxiliary opens the clause
/// (at its start or after a comma) or follows a counterfactual main clause
/// ("would have sent troops ... had Juba asked"); a short subject phrase
/// (a name, a determiner phrase or a pronoun) sits between it and the verb
/// ("to" and the verb after "were").
fn inverted_condition(tokens: &[Token], start: usize, first: usize) -> bool {
    let counterfactual = |upto: usize| {
        tokens[start..upto].windows(2).any(|w| {
            matches!(w[0].lower.as_str(), "would" | "could" | "might") && w[1].lower == "have"
        })
    };
    (start..first).any(|h| {
        let aux = tokens[h].lower.as_str();
        if !matches!(aux, "had" | "were" | "should") {
            return false;
        }
        let opens = h == 0 || tokens[h - 1].lower == ",";
        if !(opens || aux == "had" && counterfactual(h)) {
            return false;
        }
        let verb_at = if aux == "were" {
            match first.checked_sub(1) {
                Some(to) if tokens[to].lower == "to" => to,
                _ => return false,
            }
        } else {
            first
        };
        let subject = &tokens[h + 1..verb_at.max(h + 1)];
        let Some(lead) = subject.first() else {
            return false;
        };
        subject.len() <= 5
            && subject
                .iter()
                .all(|t| t.is_word && !MODALS.contains(&t.lower.as_str()))
            && (lead.capitalised
                || DETERMINERS.contains(&lead.lower.as_str())
                || SUBJECT_PRONOUNS.contains(&lead.lower.as_str()))
    })
}

/// A gerund clause opened by one of `GERUND_CLAUSE_PREPOSITIONS` ("...,
/// despite Estonia expelling a Russian diplomat") is read from that
/// preposition on: the main clause's negation ("had no plans to close its
/// embassy") is not the gerund's.
fn gerund_clause_start(tokens: &[Token], start: usize, first: usize, form: Form) -> usize {
    if form != Form::Gerund {
        return start;
    }
    tokens[start..first]
        .iter()
        .rposition(|t| GERUND_CLAUSE_PREPOSITIONS.contains(&t.lower.as_str()))
        .map_or(start, |k| start + k + 1)
}

/// Passive reporting verbs that raise a perfect infinitive's subject
/// ("gunmen were reported to have kidnapped 12 farmers").
const RAISING_REPORTS: &[&str] = &[
    "reported",
    "said",
    "believed",
    "thought",
    "alleged",
    "understood",
    "known",
];

/// "to" at `k` opens a perfect infinitive under a passive reporting verb
/// ("were reported to have kidnapped", "is said to have fired"): the act is
/// stated as reported fact, like "reportedly kidnapped" (not an ongoing
/// "said to have been investigating").
fn reported_perfect(tokens: &[Token], k: usize) -> bool {
    k >= 2
        && tokens.get(k + 1).is_some_and(|t| t.lower == "have")
        && RAISING_REPORTS.contains(&tokens[k - 1].lower.as_str())
        && BE.contains(&tokens[k - 2].lower.as_str())
}

/// Reads the auxiliaries before a trigger: voice and modality.
fn modality(tokens: &[Token], first: usize, form: Form) -> (Modality, bool) {
    let start = after_fronted_condition(tokens, clause_start(tokens, first), first);
    let start = gerund_clause_start(tokens, start, first, form);
    if tokens[start..first]
        .iter()
        .any(|t| matches!(t.lower.as_str(), "if" | "unless" | "whether"))
        // The clause opened by the barrier "if"/"unless" itself.
        || (start > 0
            && matches!(tokens[start - 1].lower.as_str(), "if" | "unless"))
    {
        return (Modality::Hypothetical, false);
    }
    if inverted_condition(tokens, start, first) || condition_phrase(&tokens[start..first]) {
        return (Modality::Hypothetical, false);
    }
    if first > 0 && NEAR_MISS.contains(&tokens[first - 1].lower.as_str()) {
        return (Modality::Negated, false);
    }
    if negative_subject(&tokens[start..first]) {
        return (Modality::Negated, false);
    }
    let mut passive = false;
    let mut k = first;
    let mut steps = 0;
    while k > start && steps < 5 {
        k -= 1;
        steps += 1;
        let w = tokens[k].lower.as_str();
        if ADVERBS.contains(&w) || w == "," && steps == 1 {
            continue;
        }
        if BE.contains(&w) {
            if form.can_be_participle() && steps <= 3 {
                passive = true;
            }
            continue;
        }
        if AUX.contains(&w) {
            continue;
        }
        if NEGATION.contains(&w) {
            let modal_before = tokens[start..k]
                .iter()
                .rev()
                .take(2)
                .any(|t| matches!(t.lower.as_str(), "will" | "would" | "wo" | "shall"));
            return if modal_before {
                (Modality::NegatedModal, passive)
            } else {
                (Modality::Negated, passive)
            };
        }
        if MODALS.contains(&w) && !modal_is_name(tokens, k) {
            return (Modality::Modal, passive);
        }
        if w == "to" {
            // "to" + action: did it happen? Look at the governing verb.
            // The governor is the nearest verb-like word before "to"
            // ("forced X, the president's brother, to resign").
            let gov_start = k.saturating_sub(12).max(start);
            let governor = tokens[gov_start..k].iter().rev().find(|t| {
                IMPLICATIVE.contains(&t.lower.as_str())
                    || t.lower.ends_with("ed")
                    || COMMITMENT_CUES.contains(&t.lower.as_str())
                    || matches!(
                        t.lower.as_str(),
                        "plans"
                            | "plan"
                            | "wants"
                            | "want"
                            | "seeks"
                            | "hopes"
                            | "aims"
                            | "intends"
                            | "threatens"
                            | "vows"
                            | "agrees"
                            | "refuses"
                            | "tries"
                            | "used"
                            | "order"
                            | "able"
                    )
            });
            let implicative = governor.is_some_and(|t| IMPLICATIVE.contains(&t.lower.as_str()))
                || (form != Form::Gerund && reported_perfect(tokens, k))
                || prompted_party(tokens, gov_start, k)
                || protest_by_withholding(tokens, gov_start, k, first)
                || purpose_of_contact(tokens, gov_start, k, first)
                || decided_extension(tokens, gov_start, k, first);
            // One of `words` among the four words before the "to".
            let governed_by = |words: &[&str]| {
                tokens[gov_start..k]
                    .iter()
                    .rev()
                    .take(4)
                    .any(|t| words.contains(&t.lower.as_str()))
            };
            let intended = governed_by(INTENT_GOVERNORS);
            let agreed = governed_by(AGREEMENT_GOVERNORS);
            let negated = tokens[gov_start..k]
                .iter()
                .any(|t| NEGATION.contains(&t.lower.as_str()) || t.lower == "failed");
            if let Some(m) = unhesitating_modality(tokens, gov_start, k) {
                return (m, passive);
            }
            // "vowed not to negotiate": the pledge is to abstain.
            let abstains = k > start && matches!(tokens[k - 1].lower.as_str(), "not" | "never");
            return if implicative && !negated {
                (Modality::Asserted, passive)
            } else if intended && abstains {
                (Modality::RefusedInfinitive, passive)
            } else if intended && !negated {
                (Modality::IntendedInfinitive, passive)
            } else if agreed && !negated && !abstains {
                (Modality::AgreedInfinitive, passive)
            } else {
                (Modality::Infinitive, passive)
            };
        }
        break;
    }
    if form == Form::Gerund && passive {
        passive = false;
    }
    (Modality::Asserted, passive)
}

/// A negated "hesitate" right before the "to" at `to` denies the holding
/// back, not the act: "would not hesitate to strike", "will never hesitate
/// to defend" pledge the act (a modal before it), and "did not hesitate to
/// fire" tells it was done. Without a negation ("hesitated to respond") the
/// act stays unasserted.
fn unhesitating_modality(tokens: &[Token], gov_start: usize, to: usize) -> Option<Modality> {
    let verb = to.checked_sub(1).filter(|&v| v >= gov_start)?;
    if !matches!(
        tokens[verb].lower.as_str(),
        "hesitate" | "hesitated" | "hesitates"
    ) {
        return None;
    }
    let before = &tokens[verb.saturating_sub(3).max(gov_start)..verb];
    if !before
        .iter()
        .any(|t| matches!(t.lower.as_str(), "not" | "n't" | "never"))
    {
        return None;
    }
    let pledged = before
        .iter()
        .any(|t| matches!(t.lower.as_str(), "will" | "would" | "wo" | "shall" | "'ll"));
    Some(if pledged {
        Modality::IntendedInfinitive
    } else {
        Modality::Asserted
    })
}

/// Verbs that keep a measure in force longer ("extend the curfew").
const EXTENSION_VERBS: &[&str] = &["extend", "prolong", "renew"];

/// Governors of a body's decision ("voted to", "decided to").
const DECISION_GOVERNORS: &[&str] = &["voted", "vote", "votes", "decided", "decide", "decides"];

/// "The assembly voted to extend the state of emergency": a decision to
/// extend a measure (`EXTENSION_VERBS` right after the "to" at `to`, a
/// `DECISION_GOVERNORS` word among the four words before it) keeps a
/// measure in force, so the measure is coded as carried on, not as a
/// hostile measure decided but not yet in force (GUIDELINES). A negation
/// or a future cue ("will vote to extend") before it keeps it unasserted.
fn decided_extension(tokens: &[Token], gov_start: usize, to: usize, first: usize) -> bool {
    let before = &tokens[gov_start..to];
    first == to + 1
        && EXTENSION_VERBS.contains(&tokens[first].lower.as_str())
        && before
            .iter()
            .rev()
            .take(4)
            .any(|t| DECISION_GOVERNORS.contains(&t.lower.as_str()))
        && !before.iter().any(|t| {
            NEGATION.contains(&t.lower.as_str())
                || MODALS.contains(&t.lower.as_str())
                || is_barrier(t)
        })
}

/// Verbs of closing, staying away or withholding ("kept their shops shut",
/// "stayed away from classes", "boycotted the vote"): done "to protest"
/// something, the withholding is itself the protest.
const WITHHOLDING_VERBS: &[&str] = &[
    "kept",
    "shut",
    "shuttered",
    "closed",
    "stayed",
    "boycotted",
    "downed",
    "suspended",
    "halted",
];

/// Forms of "prompt" whose infinitive tells what the prompted party did.
const PROMPT_VERBS: &[&str] = &["prompted", "prompting", "prompts"];
/// Object pronouns: after "prompt" they name a person whose own motive the
/// text explains ("prompted him to seek support"), not a party's act.
const PERSONAL_OBJECTS: &[&str] = &["him", "her", "me", "us", "you"];

/// "a shooting that prompted Caracas to recall its ambassador": what an
/// event prompted a named party to do was done (news uses "prompt" for
/// the consequence, not a wish), so the infinitive before `to` is
/// asserted when a form of "prompt" is among the five words before it
/// (from `gov_start`) and its object is no personal pronoun.
fn prompted_party(tokens: &[Token], gov_start: usize, to: usize) -> bool {
    let from = to.saturating_sub(5).max(gov_start);
    (from..to).rev().any(|g| {
        PROMPT_VERBS.contains(&tokens[g].lower.as_str())
            && tokens
                .get(g + 1)
                .is_some_and(|t| !PERSONAL_OBJECTS.contains(&t.lower.as_str()))
    })
}

/// "Traders kept their shops shut to protest the tax": a purpose
/// infinitive "to protest" after a verb of withholding (`WITHHOLDING_VERBS`,
/// among the words from `gov_start` to the "to" at `to`) tells an act
/// that took place, the withholding done as a protest; the infinitive is
/// not merely intended. A negation before it keeps it unasserted.
fn protest_by_withholding(tokens: &[Token], gov_start: usize, to: usize, first: usize) -> bool {
    tokens[first].lower == "protest"
        && first == to + 1
        && tokens[gov_start..to]
            .iter()
            .any(|t| WITHHOLDING_VERBS.contains(&t.lower.as_str()))
        && !tokens[gov_start..to]
            .iter()
            .any(|t| NEGATION.contains(&t.lower.as_str()) || is_barrier(t))
}

/// Past forms of verbs of contact: a call, a letter or a meeting made for a
/// stated purpose ("summoned ... to protest" is the summons' own pattern).
const CONTACT_VERBS: &[&str] = &["telephoned", "phoned", "rang", "wrote", "met", "visited"];

/// Speech acts a contact is made to perform ("to demand", "to protest").
const CONTACT_PURPOSES: &[&str] = &[
    "demand", "protest", "urge", "complain", "press", "request", "condemn", "express",
];

/// "telephoned his Greek counterpart on Monday to demand that the crossing
/// be reopened": a purpose infinitive of a speech act (`CONTACT_PURPOSES`,
/// right after the "to" at `to`) after a past verb of contact
/// (`CONTACT_VERBS`, among the words from `gov_start`) was performed in
/// that contact, not merely intended. A negation or a clause barrier before
/// it keeps it unasserted.
fn purpose_of_contact(tokens: &[Token], gov_start: usize, to: usize, first: usize) -> bool {
    first == to + 1
        && CONTACT_PURPOSES.contains(&tokens[first].lower.as_str())
        && tokens[gov_start..to]
            .iter()
            .any(|t| CONTACT_VERBS.contains(&t.lower.as_str()))
        && !tokens[gov_start..to]
            .iter()
            .any(|t| NEGATION.contains(&t.lower.as_str()) || is_barrier(t))
}

/// Finds an object phrase of `p` in `tokens[from..to]`; returns its end.
pub(crate) fn find_object(
    p: &Pattern,
    tokens: &[Token],
    from: usize,
    to: usize,
) -> Option<(usize, usize)> {
    for i in from..to.min(tokens.len()) {
        for o in &p.objects {
            match o {
                ObjectWord::ProperName => {
                    if tokens[i].capitalised && tokens[i].is_word {
                        return Some((i, i + 1));
                    }
                }
                ObjectWord::Phrase(words) => {
                    let n = words.len();
                    if i + n > tokens.len() {
                        continue;
                    }
                    let ok = words.iter().enumerate().all(|(k, w)| {
                        let t = tokens[i + k].lower.as_str();
                        t == w
                            || (k + 1 == n
                                && crate::lexicon::actors::plural(w).as_deref() == Some(t))
                    });
                    if ok {
                        return Some((i, i + n));
                    }
                    if let Some(end) = p
                        .generated
                        .is_some()
                        .then(|| object_after_modifiers(words, tokens, i))
                        .flatten()
                    {
                        return Some((i, end));
                    }
                }
            }
        }
    }
    None
}

/// Prepositions that open a dictionary object ("against criticism", "into
/// allegation").
const OBJECT_PREPOSITIONS: &[&str] = &[
    "against", "into", "over", "for", "on", "with", "at", "in", "to", "from", "about",
];

/// A numeral ("two", "12"): it counts the object rather than describing it,
/// so the dictionary's bare noun does not stretch over it ("searching for
/// two men" is not the entry "search for men").
fn is_count(t: &Token) -> bool {
    t.lower.starts_with(|c: char| c.is_ascii_digit())
        || crate::dates::number_word(&t.lower).is_some()
}

/// PETRARCH-2/TABARI objects that open with a preposition list the bare
/// noun ("defend against criticism"); the text puts a determiner or an
/// adjective between them ("defended Iraq against Western criticism",
/// "looked into the allegation"). Up to two such words may follow the
/// preposition; the end of the object when the rest then matches.
fn object_after_modifiers(words: &[String], tokens: &[Token], i: usize) -> Option<usize> {
    let (prep, rest) = words.split_first()?;
    if rest.is_empty()
        || !OBJECT_PREPOSITIONS.contains(&prep.as_str())
        || tokens.get(i)?.lower != *prep
    {
        return None;
    }
    for gap in 1..=2 {
        let start = i + 1 + gap;
        let end = start + rest.len();
        if end > tokens.len()
            || !tokens[i + 1..start].iter().all(|t| {
                t.is_word && !OBJECT_PREPOSITIONS.contains(&t.lower.as_str()) && !is_count(t)
            })
        {
            return None;
        }
        let n = rest.len();
        let ok = rest.iter().enumerate().all(|(k, w)| {
            let t = tokens[start + k].lower.as_str();
            t == w || (k + 1 == n && crate::lexicon::actors::plural(w).as_deref() == Some(t))
        });
        if ok {
            return Some(end);
        }
    }
    None
}

/// The phrase starting right after preposition `prep` in `tokens[from..to]`.
fn after_prep(
    tokens: &[Token],
    phrases: &[ActorPhrase],
    prep: &str,
    from: usize,
    to: usize,
) -> Option<usize> {
    let words: Vec<&str> = prep.split(' ').collect();
    for i in from..to {
        let ok = words
            .iter()
            .enumerate()
            .all(|(k, w)| tokens.get(i + k).is_some_and(|t| t.lower == *w));
        if !ok {
            continue;
        }
        let after = i + words.len();
        if let Some(p) = phrases.iter().position(|ph| {
            ph.first >= after && ph.first <= after + 2 && !ph.modifier_only && ph.end <= to
        }) {
            return Some(p);
        }
        // An adjective-only phrase can still name the target ("on Tajik
        // villages"), also after a determiner with a count or an ordinal
        // ("at a second Philippine vessel").
        if let Some(p) = phrases.iter().position(|ph| {
            ph.first >= after
                && ph.end <= to
                && (ph.first <= after + 1
                    || (ph.first <= after + 3
                        && tokens[after..ph.first].iter().all(is_noun_premodifier)))
        }) {
            return Some(p);
        }
        if let Some(p) = goods_origin(tokens, phrases, after, to) {
            return Some(p);
        }
    }
    None
}

/// "a tariff on maize imported from Tanzania": goods after the
/// preposition whose origin a participle of trade names; the country they
/// come from is the one the measure is aimed at. At most three words of
/// goods before the participle.
fn goods_origin(
    tokens: &[Token],
    phrases: &[ActorPhrase],
    after: usize,
    to: usize,
) -> Option<usize> {
    const TRADE_PARTICIPLES: &[&str] = &["imported", "shipped", "coming", "exported", "sourced"];
    let participle = (after + 1..(after + 5).min(to)).find(|&k| {
        TRADE_PARTICIPLES.contains(&tokens[k].lower.as_str())
            && tokens.get(k + 1).is_some_and(|t| t.lower == "from")
    })?;
    let from = participle + 2;
    phrases
        .iter()
        .position(|ph| ph.first >= from && ph.first <= from + 1 && ph.end <= to)
}

/// Ordinal and sequence words before a noun ("a second vessel", "another
/// convoy").
const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "another", "other", "further", "more", "last",
];

/// A word that may stand between a preposition and the adjective naming
/// its object's owner: a determiner, a count or an ordinal.
fn is_noun_premodifier(t: &Token) -> bool {
    let w = t.lower.as_str();
    DETERMINERS.contains(&w) || ORDINALS.contains(&w) || is_count(t)
}

/// Say-verbs and complementisers after which a new clause, with its own
/// subject, starts ("X said Y had Z", "told reporters that ...").
const SUBJECT_BOUNDARIES: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "announced",
    "announces",
    "stated",
    "reported",
    "claimed",
    "claims",
    "insisted",
    "confirmed",
    "warned",
    "believes",
    "believed",
    "that",
    "“",
    "\"",
    ":",
];

fn is_quantity(t: &Token) -> bool {
    t.lower.chars().all(|c| c.is_ascii_digit() || c == ',')
        || matches!(
            t.lower.as_str(),
            "hundreds"
                | "thousands"
                | "dozens"
                | "tens"
                | "millions"
                | "scores"
                | "some"
                | "many"
                | "most"
                | "all"
                | "several"
                | "both"
                | "each"
                | "none"
                | "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "group"
                | "members"
                | "hundred"
                | "thousand"
                | "dozen"
                | "part"
                | "majority"
        )
}

fn is_governed(tokens: &[Token], ph: &ActorPhrase) -> bool {
    let f = ph.first;
    // "Hundreds of UN troops": a quantity, not a preposition.
    if f > 1 && tokens[f - 1].lower == "of" && is_quantity(&tokens[f - 2]) {
        return false;
    }
    f > 0
        && matches!(
            tokens[f - 1].lower.as_str(),
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
                | "near"
                | "between"
                | "towards"
                | "toward"
                | "over"
                | "across"
                | "through"
                | "under"
                | "about"
                | "including"
                | "visit"
                | "than"
                | "like"
        )
}

/// The subject of a verb at token `before`: the first actor not governed by a
/// preposition after the last clause or speech boundary; else the nearest
/// actor before it. Coordinated verbs ("imposed sanctions ... and called off")
/// thus share their subject, and reported clauses get their own.
fn subject_before(
    tokens: &[Token],
    phrases: &[ActorPhrase],
    start: usize,
    before: usize,
) -> Option<usize> {
    let region = (start..before)
        .rev()
        .find(|&k| SUBJECT_BOUNDARIES.contains(&tokens[k].lower.as_str()))
        .map_or(start, |k| k + 1);
    let usable = |p: usize| !phrases[p].modifier_only && !is_governed(tokens, &phrases[p]);
    // A subject right before its verb ("Britain has charged") wins.
    let mut k = before;
    while k > start && {
        let w = tokens[k - 1].lower.as_str();
        ADVERBS.contains(&w)
            || AUX.contains(&w)
            || BE.contains(&w)
            || (MODALS.contains(&w) && !modal_is_name(tokens, k - 1))
    } {
        k -= 1;
    }
    if let Some(p) =
        (0..phrases.len()).find(|&p| phrases[p].end == k && phrases[p].first >= start && usable(p))
    {
        return Some(p);
    }
    let in_region = (0..phrases.len())
        .find(|&p| phrases[p].first >= region && phrases[p].end <= before && usable(p));
    in_region
        .or_else(|| {
            (0..phrases.len())
                .rev()
                .find(|&p| phrases[p].first >= start && phrases[p].end <= before && usable(p))
        })
        .or_else(|| {
            // "A team from the IMF held talks": a group named by its members.
            (0..phrases.len()).rev().find(|&p| {
                let f = phrases[p].first;
                f >= start
                    && phrases[p].end <= before
                    && !phrases[p].modifier_only
                    && (!is_governed(tokens, &phrases[p])
                        || matches!(tokens[f - 1].lower.as_str(), "from" | "of"))
            })
        })
}

/// "Protasevich, who was arrested": the actor a relative pronoun before the
/// verb group at `verb` stands for.
fn relative_antecedent(tokens: &[Token], phrases: &[ActorPhrase], verb: usize) -> Option<usize> {
    let mut k = verb;
    while k > 0 && {
        let w = tokens[k - 1].lower.as_str();
        ADVERBS.contains(&w) || AUX.contains(&w) || BE.contains(&w)
    } {
        k -= 1;
    }
    if k == 0
        || !matches!(
            tokens[k - 1].lower.as_str(),
            "who" | "which" | "that" | "whom"
        )
    {
        return None;
    }
    let mut end = k - 1;
    if end > 0 && tokens[end - 1].lower == "," {
        end -= 1;
    }
    phrases.iter().position(|ph| ph.end == end)
}

/// "reach those who have been excluded", "anyone who is arrested": the
/// relative pronoun before the verb group at `verb` stands for an
/// indefinite pronoun, so the passive's patient is those unnamed people,
/// not an actor named earlier in the sentence ("The agency says ...").
fn indefinite_relative_antecedent(tokens: &[Token], verb: usize) -> bool {
    let mut k = verb;
    while k > 0 && {
        let w = tokens[k - 1].lower.as_str();
        ADVERBS.contains(&w) || AUX.contains(&w) || BE.contains(&w)
    } {
        k -= 1;
    }
    k >= 2
        && matches!(tokens[k - 1].lower.as_str(), "who" | "that")
        && matches!(
            tokens[k - 2].lower.as_str(),
            "those" | "anyone" | "anybody" | "everyone" | "everybody" | "others"
        )
}

/// The nearest actor before `before` (the subject of a passive: "the prime
/// minister's home was set on fire"), not one that `aside` says is in a
/// clause describing a noun ("the smuggler, who is wanted by Brazil, was
/// detained": Brazil is no patient of the detention).
fn nearest_before(
    tokens: &[Token],
    phrases: &[ActorPhrase],
    start: usize,
    before: usize,
    aside: impl Fn(usize) -> bool,
) -> Option<usize> {
    let before_trigger = |p: usize| {
        phrases[p].first >= start && phrases[p].end <= before && !aside(phrases[p].first)
    };
    (0..phrases.len())
        .rev()
        .find(|&p| {
            before_trigger(p) && !phrases[p].modifier_only && !is_governed(tokens, &phrases[p])
        })
        .or_else(|| (0..phrases.len()).rev().find(|&p| before_trigger(p)))
}

/// How the text presents an event's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    /// It happened or is happening.
    Asserted,
    /// A stated future action or offer ("said it would respect the truce",
    /// "offered to mediate"): coded as intent (AGREE or THREATEN).
    Intent,
    /// A stated refusal of a cooperative action ("would not give in"):
    /// coded as REJECT.
    Refusal,
    /// An act one party says another must do ("Russia said Sudan must
    /// return the helicopter", "demanded that Israel ease the closure"):
    /// coded as REQUEST from the party that says it to the one obliged.
    Demanded,
}

/// Governors whose infinitive is an intention or offer ("offered to mediate").
const INTENT_GOVERNORS: &[&str] = &[
    "offered",
    "offer",
    "offers",
    "willing",
    "ready",
    "prepared",
    "pledged",
    "pledge",
    "pledges",
    "promised",
    "promise",
    "promises",
    "vowed",
    "vow",
    "vows",
    "committed",
    "undertook",
    "sworn",
    "swore",
    "swear",
    "swears",
    // A decision to act is its intent (GUIDELINES: AGREE, or THREATEN for
    // a hostile measure decided but not yet in force).
    "decided",
    "decide",
    "decides",
    // A vote to act is a body's decision, not the act ("lawmakers voted to
    // expel the troops").
    "voted",
    "vote",
    "votes",
];

/// Verbs of agreeing: an infinitive under one ("agreed to impose
/// sanctions") is a measure decided, coded as its intent when it is a hand
/// pattern's sanction, coercion or force (GUIDELINES: THREATEN for a
/// hostile measure decided but not yet in force); any other stays the
/// agreement's own AGREE.
const AGREEMENT_GOVERNORS: &[&str] = &["agreed", "agree", "agrees"];

/// What every step of event finding reads about one sentence: its tokens
/// (and their lower-cased words), its actor phrases, the patterns and the
/// parse view.
pub struct SentenceContext<'a> {
    pub tokens: &'a [Token],
    pub lower: Vec<&'a str>,
    pub phrases: &'a [ActorPhrase],
    pub patterns: &'a EventPatterns,
    /// The category policy (`data/events/categories.tsv`).
    pub categories: &'a CategoryTable,
    pub syntax: Option<&'a SentenceSyntax<'a>>,
}

impl<'a> SentenceContext<'a> {
    pub fn new(
        tokens: &'a [Token],
        phrases: &'a [ActorPhrase],
        patterns: &'a EventPatterns,
        categories: &'a CategoryTable,
        syntax: Option<&'a SentenceSyntax<'a>>,
    ) -> SentenceContext<'a> {
        SentenceContext {
            tokens,
            lower: tokens.iter().map(|t| t.lower.as_str()).collect(),
            phrases,
            patterns,
            categories,
            syntax,
        }
    }

    /// A joint act: two named subjects are each other's party.
    fn joint(&self, category: Category) -> bool {
        self.categories.get(category).parties == Parties::Joint
    }

    /// A cooperative type: its stated future is a commitment (an AGREE
    /// intent in the policy), and its refusal a rejection.
    fn cooperative(&self, category: Category) -> bool {
        self.categories
            .get(category)
            .intent
            .as_ref()
            .is_some_and(|r| r.category == Category::Agree)
    }

    /// The lower-cased word at `k`, or "" outside the sentence.
    fn word(&self, k: Option<usize>) -> &'a str {
        k.and_then(|k| self.lower.get(k).copied()).unwrap_or("")
    }
}

/// One reading of a trigger: a pattern matched at tokens `first..end`.
struct Reading<'a> {
    p: &'a Pattern,
    first: usize,
    end: usize,
    form: Form,
    /// The clause the trigger is in (tokens `clause.0..clause.1`).
    clause: (usize, usize),
    /// A gerund naming an event ("the process of withdrawing troops").
    nominal_gerund: bool,
    /// A verb trigger used as a noun that names its own doer ("the release
    /// of two hostages by rebels", "Thailand's deportation of 40 workers"):
    /// coded like an event noun, from its tree arguments.
    verbal_noun: bool,
    /// The light verb whose direct object the trigger is, as a coder token
    /// ("launched an invasion of Somalia"): the event is the noun's, its
    /// source the verb's subject, its modality the verb's.
    light_verb: Option<usize>,
}

impl Reading<'_> {
    /// Coded like an event noun: an event noun or a nominal gerund.
    fn nominal(&self) -> bool {
        self.p.kind == TriggerKind::Noun
            || self.nominal_gerund
            || self.verbal_noun
            || self.light_verb.is_some()
    }
}

/// Codes the events of one sentence.
pub fn find_events(
    tokens: &[Token],
    phrases: &[ActorPhrase],
    patterns: &EventPatterns,
    categories: &CategoryTable,
    syntax: Option<&SentenceSyntax<'_>>,
) -> Vec<EventMatch> {
    let ctx = SentenceContext::new(tokens, phrases, patterns, categories, syntax);
    let mut out = Vec::new();
    // Tokens used as an object of a matched pattern: not triggers themselves.
    let mut consumed = vec![false; tokens.len()];
    for i in 0..tokens.len() {
        if consumed[i] || !tokens[i].is_word || perfect_auxiliary(&ctx, i) {
            continue;
        }
        // The first reading that codes an event wins.
        let found = trigger_readings(&ctx, i)
            .into_iter()
            .find_map(|(pi, end, form)| code_reading(&ctx, pi, i, end, form));
        let Some((event, object_span)) = found else {
            continue;
        };
        if let Some((s, e)) = object_span {
            let reaction = presupposes_its_object(ctx.patterns.pattern(event.pattern));
            for (k, c) in consumed.iter_mut().enumerate().take(e).skip(s) {
                *c |= !(reaction && reacted_event_noun(&ctx, k));
            }
        }
        for c in consumed.iter_mut().take(event.trigger.1).skip(i + 1) {
            *c = true;
        }
        let event = joint_act(&ctx, event, object_span);
        let second = event.co_source.map(|k| EventMatch {
            source: ActorSlot::Phrase(k),
            co_source: None,
            ..event.clone()
        });
        let other_target = coordinated_target(&ctx, &event).map(|k| EventMatch {
            target: ActorSlot::Phrase(k),
            co_source: None,
            ..event.clone()
        });
        let listed: Vec<EventMatch> = listed_co_sources(&ctx, &event)
            .into_iter()
            .map(|k| EventMatch {
                source: ActorSlot::Phrase(k),
                co_source: None,
                ..event.clone()
            })
            .collect();
        out.push(event);
        out.extend(second);
        out.extend(other_target);
        out.extend(listed);
    }
    if let Some(sx) = syntax {
        fold_noun_subjects(&mut out, patterns, sx);
        drop_effects_of_coded_acts(&mut out, patterns, sx);
        fold_light_verbs(&mut out, patterns, sx);
        fold_commitments(&mut out, patterns, sx);
        fold_demands(&mut out, patterns, sx);
        fold_document_issuers(&mut out, sx);
        fold_obligations(&mut out, patterns);
        fold_victims_into_cause(&mut out, ctx.phrases, patterns, sx);
        participles_take_parties(&mut out, ctx.phrases, patterns, sx);
        mark_distinct_acts(&mut out, patterns, sx);
    }
    out
}

/// "Israel and Lebanon have not held direct talks": the auxiliary of a
/// perfect is no trigger of its own ("have talks"); read as one, it takes
/// the participle's object while the negation belongs to the participle.
/// The participle ("held talks") is the verb read instead.
fn perfect_auxiliary(ctx: &SentenceContext<'_>, i: usize) -> bool {
    ctx.syntax.is_some_and(|sx| sx.auxiliary_have(i))
}

/// All trigger forms starting at token `i`, with where their particles end,
/// in the order they are tried: hand patterns before generated ones; then
/// longest trigger first; then patterns with an object constraint; then
/// file order. One reading per pattern and extent; a form that can be a
/// participle wins ("was set on fire": "set" is also a base form). A "re-"
/// verb with no pattern of its own reads as its base verb
/// (`repeated_act_readings`).
fn trigger_readings(ctx: &SentenceContext<'_>, i: usize) -> Vec<(usize, usize, Form)> {
    let (tokens, lower, patterns) = (ctx.tokens, &ctx.lower, ctx.patterns);
    let mut matches: Vec<(usize, usize, Form)> = Vec::new();
    for tf in patterns.triggers(lower[i]) {
        let p = patterns.pattern(tf.pattern);
        if tokens[i].capitalised && (i > 0 || p.lower_only) {
            continue;
        }
        if tf.rest.is_empty() {
            matches.push((tf.pattern, i + 1, tf.form));
            continue;
        }
        // Particles right after the word, or after a short object ("pulled its troops out",
        // "ordered Venezuela's ambassador to leave"); an infinitive's object may be
        // longer, a possessor of two words before a compound of three ("ordered a Spanish
        // consular official to leave", "ordered the European Union's election observation
        // mission to leave").
        let longest_gap = if tf.rest.first().is_some_and(|w| w == "to") {
            7
        } else {
            3
        };
        for gap in 0..=longest_gap {
            let s = i + 1 + gap;
            let ok = tf
                .rest
                .iter()
                .enumerate()
                .all(|(k, w)| lower.get(s + k).is_some_and(|t| t == w))
                && tokens[i + 1..s]
                    .iter()
                    .all(|t| t.is_word || is_possessive(&t.lower))
                && (gap == 0 || !particle_takes_other_object(ctx, i, s + tf.rest.len() - 1));
            if ok {
                matches.push((tf.pattern, s + tf.rest.len(), tf.form));
                break;
            }
        }
    }
    if matches.is_empty() {
        matches.extend(repeated_act_readings(ctx, i));
    }
    if matches.is_empty() {
        matches.extend(derived_readings(ctx, i));
    }
    ordered_readings(patterns, i, matches)
}

/// Readings in the order they are tried (see `trigger_readings`).
fn ordered_readings(
    patterns: &EventPatterns,
    i: usize,
    mut matches: Vec<(usize, usize, Form)>,
) -> Vec<(usize, usize, Form)> {
    matches.sort_by_key(|&(p, end, f)| (p, end, !f.can_be_participle()));
    matches.dedup_by_key(|&mut (p, end, _)| (p, end));
    matches.sort_by_key(|&(p, end, _)| {
        (
            patterns.pattern(p).generated.is_some(),
            std::cmp::Reverse(
                if end > i + 1 && patterns.pattern(p).kind == TriggerKind::Verb {
                    1
                } else {
                    0
                },
            ),
            patterns.pattern(p).objects.is_empty(),
            p,
        )
    });
    matches
}

/// A particle found after the verb's direct object is a preposition with an
/// object of its own, so the words are no phrasal verb: "called his
/// counterpart on Sunday" is no "call on" ("called Thursday on the UN" and
/// "pulled its troops out of" still are). An object the parse reads as an
/// object predicate counts too ("called Zelensky a liar on Tuesday"), also
/// after a relative pronoun object before the verb ("the attack, which it
/// called the deadliest on the state police").
fn particle_takes_other_object(ctx: &SentenceContext<'_>, verb: usize, last: usize) -> bool {
    ctx.syntax.is_some_and(|sx| {
        let between = |o: Option<usize>| {
            o.and_then(|o| sx.coder_token(o))
                .is_some_and(|o| verb < o && o < last)
        };
        (between(sx.object_or_predicate(verb)) || between(sx.object_predicate(verb)))
            && sx.has_prepositional_object(last)
    })
}

/// The base verb a "re-" verb repeats, when the word has no pattern of its
/// own: "re-elected" (elected), "reimposed" (imposed), "reopening"
/// (opening). Written with a hyphen, any base; written solid, only a base
/// of four letters or more that starts with a vowel, where "re" can only be
/// the prefix: "represent", "research", "reside" and "react" are words of
/// their own, not a second "present", "search", "side" or "act".
fn repeated_base(word: &str) -> Option<&str> {
    if let Some(base) = word.strip_prefix("re-") {
        return base.chars().all(|c| c.is_alphabetic()).then_some(base);
    }
    let base = word.strip_prefix("re")?;
    let starts_with_vowel = base.chars().next().is_some_and(|c| "aeiou".contains(c));
    (starts_with_vowel && base.len() >= 4 && base.chars().all(|c| c.is_ascii_lowercase()))
        .then_some(base)
}

/// Readings of a "re-" verb that is no known lemma through its base verb's
/// patterns ("reoccupied the town" as "occupied the town"): a repeated act
/// is the act. A "re-" verb with patterns of its own, under either
/// spelling ("reimpose", "re-impose"), is read only through them: the
/// dictionary knows it, and its base's senses need not carry over. Verb
/// forms only, one word, with the form the base has ("reoccupied": past).
fn repeated_act_readings(ctx: &SentenceContext<'_>, i: usize) -> Vec<(usize, usize, Form)> {
    let patterns = ctx.patterns;
    let word = ctx.lower[i];
    let Some(base) = repeated_base(word) else {
        return Vec::new();
    };
    if !patterns.triggers(&word.replacen("re-", "re", 1)).is_empty() {
        return Vec::new();
    }
    patterns
        .triggers(base)
        .iter()
        .filter(|tf| {
            tf.rest.is_empty()
                && tf.form != Form::Noun
                && patterns.pattern(tf.pattern).kind == TriggerKind::Verb
        })
        .map(|tf| (tf.pattern, i + 1, tf.form))
        .collect()
}

/// The verbs a noun may be derived from by a regular suffix: "deportation"
/// (deport), "evacuation" (evacuate), "deployment" (deploy), "refusal"
/// (refuse), "recognition" (recognise), "abolition" (abolish), plural or
/// not.
fn derivation_stems(word: &str) -> Vec<String> {
    let singular = word.strip_suffix('s').unwrap_or(word);
    let mut stems = Vec::new();
    // "recognition" (recognise, recognize), "abolition" (abolish),
    // "imposition" (impose).
    if let Some(s) = singular.strip_suffix("ition") {
        for ending in ["ise", "ize", "ish", "e"] {
            stems.push(format!("{s}{ending}"));
        }
    }
    if let Some(s) = singular.strip_suffix("ation") {
        stems.push(s.to_string());
    }
    if let Some(s) = singular.strip_suffix("ion") {
        stems.push(format!("{s}e"));
    }
    // "invasion" (invade), "suspension" (suspend).
    if let Some(s) = singular.strip_suffix("sion") {
        stems.push(format!("{s}de"));
        stems.push(format!("{s}d"));
    }
    if let Some(s) = singular.strip_suffix("ment") {
        stems.push(s.to_string());
    }
    if let Some(s) = singular.strip_suffix("al") {
        stems.push(s.to_string());
        stems.push(format!("{s}e"));
    }
    stems.retain(|s| s.len() >= 3);
    stems
}

/// Readings of a noun derived from a hand pattern's one-word verb trigger
/// ("Thailand's deportation of 40 workers"): the verb's base form, read
/// only where the parse makes the word a noun naming its own doer.
fn derived_readings(ctx: &SentenceContext<'_>, i: usize) -> Vec<(usize, usize, Form)> {
    let patterns = ctx.patterns;
    derivation_stems(ctx.lower[i])
        .iter()
        .flat_map(|stem| patterns.triggers(stem))
        .filter(|tf| {
            let p = patterns.pattern(tf.pattern);
            tf.rest.is_empty()
                && tf.form == Form::Base
                && p.kind == TriggerKind::Verb
                && p.generated.is_none()
        })
        .map(|tf| (tf.pattern, i + 1, Form::Base))
        .collect()
}

/// The word at `i` is no trigger form itself, only derived from one.
fn derived_noun(ctx: &SentenceContext<'_>, i: usize) -> bool {
    ctx.patterns.triggers(ctx.lower[i]).is_empty() && repeated_act_readings(ctx, i).is_empty()
}

/// Codes one reading of a trigger, or `None` when a step rules it out.
/// Returns the event and the span of the pattern's object.
fn code_reading(
    ctx: &SentenceContext<'_>,
    pattern: usize,
    first: usize,
    end: usize,
    form: Form,
) -> Option<(EventMatch, Option<(usize, usize)>)> {
    let p = ctx.patterns.pattern(pattern);
    if inside_actor_phrase(ctx, first) {
        return None;
    }
    if p.obliges {
        return code_obligation(ctx, pattern, first, end).map(|e| (e, None));
    }
    let mut r = Reading {
        p,
        first,
        end,
        form,
        clause: (clause_start(ctx.tokens, first), clause_end(ctx.tokens, end)),
        nominal_gerund: false,
        verbal_noun: false,
        light_verb: None,
    };
    if past_of_other_verb(ctx, &r) {
        return None;
    }
    r.light_verb = light_verb(ctx, &r);
    // A noun derived from the trigger ("deportation" of "deport") is read
    // only as a verbal noun, and only with a doer named as such: between
    // two parties it names as often a result ("an agreement between A and
    // B may end the dispute").
    let derived = derived_noun(ctx, first);
    r.verbal_noun = p.kind == TriggerKind::Verb
        && (r.light_verb.is_some()
            || ctx
                .syntax
                .is_some_and(|sx| sx.verbal_noun_with_doer(first, !derived, of_doer(ctx, p))));
    if !r.verbal_noun && derived {
        return None;
    }
    if !r.verbal_noun && verb_form_is_noun(ctx, &r) {
        return None;
    }
    r.nominal_gerund = !r.verbal_noun && nominal_gerund(ctx, &r);
    if p.kind == TriggerKind::Verb
        && !r.nominal()
        && ctx.syntax.is_some_and(|sx| {
            sx.parsed_as_noun(first)
                || sx.parsed_as_preposition(first)
                || sx.parsed_as_particle(first)
                || sx.kept_in_state(first)
                || sx.attributive_participle(first)
        })
    {
        return None;
    }
    if gerund_without_clause(ctx, &r) {
        return None;
    }
    if gerund_left_to_noun_pattern(ctx, &r) {
        return None;
    }
    if p.intransitive && ctx.syntax.is_some_and(|sx| sx.transitive(first)) {
        return None;
    }
    if p.transitive && !r.nominal() && ctx.syntax.is_some_and(|sx| sx.acted_on(first).is_none()) {
        return None;
    }
    if p.party_object && acts_on_no_party(ctx, first) {
        return None;
    }
    if restates_its_accord(ctx, &r) {
        return None;
    }
    if acts_on_animals(ctx, p, first) || investigates_no_wrong(ctx, &r) {
        return None;
    }
    // A `verb-only` pattern: its noun uses name background ("the
    // occupation"), not the act.
    if p.verb_only && r.nominal() {
        return None;
    }
    // A `weapon-doer` verb is an attack only with a weapon as its subject
    // ("missiles hit the airport", not "the storm hit the coast").
    if p.weapon_doer && !weapon_subject(ctx, &r) {
        return None;
    }
    if p.aimless && ctx.syntax.is_some_and(|sx| sx.aimed(first)) {
        return None;
    }
    if p.on_request && !ctx.syntax.is_some_and(|sx| sx.done_on_request(first)) {
        return None;
    }
    if p.to_help && !ctx.syntax.is_some_and(|sx| sx.done_to_help(first)) {
        return None;
    }
    if pledges_abstention(ctx, &r)
        || warns_of_no_act(ctx, &r)
        || agrees_with_a_view(ctx, &r)
        || declines_hostile_act(ctx, &r)
        || claims_no_hostile_act(ctx, &r)
        || background_participle_read_as_main(ctx, &r)
        || declined_as_decrease(ctx, &r)
    {
        return None;
    }
    if content_of_threat(ctx, &r) {
        return None;
    }
    let (modality, mut passive) = voice_and_modality(ctx, &r);
    if p.passive_only && !passive {
        return None;
    }
    if sports_result(ctx, &r) || asks_who_did_it(ctx.tokens, r.first) {
        return None;
    }
    if ctx.syntax.is_some_and(|sx| {
        sx.has_score(first)
            || sx.governs_saying(first)
            || sx.asks_a_question(first)
            || sx.non_agent_doer(first, |lemma| ctx.patterns.is_non_agent(lemma))
            || (p.kind == TriggerKind::Noun
                && sx.hazard_compound(first, |lemma| ctx.patterns.is_non_agent(lemma)))
            || (p.kind == TriggerKind::Verb
                && r.form == Form::Base
                && sx.adjective_or_adverb(first))
    }) {
        return None;
    }
    // "insisted unrest reflected old tensions": a claim, not a demand.
    if p.category == Category::Request
        && p.kind == TriggerKind::Verb
        && ctx.syntax.is_some_and(|sx| sx.states_claim(first))
    {
        return None;
    }
    // "asked why he would resign", "when Kenya would send": a modal in an
    // indirect question states no intent ("why police arrested him" still
    // presupposes the arrest).
    if p.kind == TriggerKind::Verb
        && matches!(modality, Modality::Modal | Modality::NegatedModal)
        && ctx.syntax.is_some_and(|sx| sx.indirect_question(first))
    {
        return None;
    }
    let demander = demanding_party(ctx, &r, modality);
    if demander.is_none() && demanded_of_no_one_named(ctx, &r, modality) {
        return None;
    }
    let stance = match demander {
        Some(_) => Stance::Demanded,
        None => stance_of(ctx, &r, modality)?,
    };
    // "rejected a US offer to host a summit": the act is only proposed.
    if stance != Stance::Demanded
        && p.kind == TriggerKind::Verb
        && ctx.syntax.is_some_and(|sx| sx.content_of_proposal(first))
    {
        return None;
    }
    if fights_no_party(ctx, &r) || harms_only_itself(ctx, &r) {
        return None;
    }
    let object_span = match_object(ctx, &r, &mut passive)?;
    if yields_to_complement(ctx, &r, object_span)
        || not_copular_predicate(ctx, &r, object_span)
        || object_word_described(ctx, &r, object_span)
        || alert_for_a_hazard(ctx, &r, object_span)
    {
        return None;
    }
    // "Serbia, where 24 people were killed in riots last March": background
    // that describes a place or time, with no one named as acting.
    if passive
        && p.kind == TriggerKind::Verb
        && counts_a_toll(p)
        && ctx
            .syntax
            .is_some_and(|sx| sx.agentless_background_passive(first))
    {
        return None;
    }
    // "prisoners jailed in Israel": a detention named only to say what
    // state someone is in, with no one named as holding them and no time,
    // is background, not an act the text reports.
    if matches!(p.category, Category::Coerce | Category::Accuse)
        && p.kind == TriggerKind::Verb
        && ctx
            .syntax
            .is_some_and(|sx| sx.untimed_participle_modifier(first))
    {
        return None;
    }
    // "soldiers deployed in the enclave arrested ...": where the actor is
    // posted, not a deployment the text reports.
    if p.category == Category::Mobilize
        && p.kind == TriggerKind::Verb
        && ctx.syntax.is_some_and(|sx| sx.posted_in_participle(first))
    {
        return None;
    }
    if discharged_from_care(ctx, &r) {
        return None;
    }
    if rebuts_an_accusation(ctx, &r) {
        return None;
    }
    // "was visiting her father", "met with the pastor's wife": a private
    // visit, not talks between actors.
    if p.category == Category::Consult
        && p.kind == TriggerKind::Verb
        && ctx.syntax.is_some_and(|sx| {
            sx.meets_private_party(first, |lemma| ctx.patterns.is_private_party(lemma))
        })
    {
        return None;
    }
    // "were met by gunmen", "calls have been met with anger": a meeting is
    // not said in the passive, a hosting only with a named host.
    if passive
        && p.category == Category::Consult
        && p.kind == TriggerKind::Verb
        && !hosted_by_named_actor(ctx, &r)
    {
        return None;
    }
    if r.nominal() && (!noun_event_happened(ctx, &r) || request_as_circumstance(ctx, &r)) {
        return None;
    }
    let after = object_span.map_or(end, |(_, e)| e.max(end));
    // An event noun's own arguments in the tree ("X's rejection of Y",
    // "the arrest of X by Y", "talks between A and B").
    let noun_args = (p.kind == TriggerKind::Noun || r.verbal_noun)
        .then_some(ctx.syntax)
        .flatten()
        .map(|sx| (sx.noun_arguments(noun_argument_token(sx, &r)), sx));
    let source = find_source(ctx, &r, passive, noun_args.as_ref());
    let (source, co_target) = coordinated_source(ctx, &r, passive, source);
    let (source, co_target, parties_subject) = match (source, co_target) {
        (None, None) if passive && ctx.joint(p.category) => {
            let (s, t) = passive_subject_parties(ctx, &r);
            (s, t, t.is_some())
        }
        (s, t) => (s, t, false),
    };
    // "Malian troops were deployed to Koro": in the passive, a subject
    // that is the pattern's object (the troops) is moved by its own
    // side; the target comes from the pattern's prepositions.
    let (source, theme_subject) = match source {
        None if passive && !acts_on_others_theme(p.category) => {
            match theme_as_source(ctx, &r, object_span) {
                Some(k) => (Some(ActorSlot::Phrase(k)), true),
                None => (None, false),
            }
        }
        other => (other, false),
    };
    let source = source.or_else(|| unattributed_attack(ctx, &r, passive));
    let source = default_source(&r, passive, source)?;
    let source = reported_actor_as_speaker(ctx, &r, source);
    if !source_word_ok(ctx, p, &source) || !source_sector_ok(ctx, p, &source) {
        return None;
    }
    let noun_object = ctx.categories.get(p.category).noun_object;
    let mut target = noun_args
        .as_ref()
        .and_then(|(args, sx)| match r.light_verb {
            Some(_) => light_noun_target(sx, ctx.phrases, args, noun_object, &source),
            None => noun_target(sx, ctx.phrases, args, noun_object),
        })
        .filter(|&k| !source_owns_object(ctx, k, &source));
    if target.is_none() && passive && !theme_subject && !parties_subject {
        target = passive_leading_prep_target(ctx, &r, &source);
    }
    if target.is_none() && passive && !theme_subject && !parties_subject {
        target = relative_antecedent(ctx.tokens, ctx.phrases, first)
            .or_else(|| {
                if indefinite_relative_antecedent(ctx.tokens, first) {
                    return None;
                }
                nearest_before(ctx.tokens, ctx.phrases, r.clause.0, first, |k| {
                    ctx.syntax
                        .is_some_and(|sx| sx.in_relative_clause(k) && !sx.in_relative_clause(first))
                })
            })
            .filter(|&k| !speaker_of_the_clause(ctx, &r, k));
    }
    // "Belgian troops were withdrawn from Mali by the government": a
    // passive subject holding the pattern's object words is what is moved,
    // not the party acted on; a party after the pattern's target word is.
    if passive
        && noun_object == NounObject::Moved
        && moved_subject(ctx, target, object_span, &source)
    {
        if let Some(k) = pattern_target(ctx, &r, object_span, after, &source) {
            target = Some(k);
        }
    }
    if target.is_none() && passive && theme_subject {
        target = theme_prep_target(ctx, &r, object_span);
    }
    if target.is_none() && !passive {
        target = object_relative_target(ctx, &r, &source);
    }
    if target.is_none() {
        target = complement_act_target(ctx, &r, &source)
            .or_else(|| {
                threatened_act_target(ctx, &r, &source, |sx| {
                    (!r.nominal())
                        .then(|| {
                            sx.own_content_clause_range(r.first, |k| {
                                names_source_side(ctx, &source, k)
                            })
                        })
                        .flatten()
                })
            })
            .or_else(|| pattern_target(ctx, &r, object_span, after, &source))
            .or_else(|| {
                threatened_act_target(ctx, &r, &source, |sx| sx.open_complement_range(r.first))
            });
    }
    let (source, target) = announced_own_act(ctx, &r, passive, source, target);
    let (source, mut target) = coercion_reported_by_police(ctx, &r, passive, source, target);
    if p.destination_target {
        target = destination_target(ctx, &r, target);
    }
    if p.actor_object {
        target = Some(match noun_actor_target(ctx, &r, target, &source) {
            Some(k) => k,
            None => actor_object_target(ctx, &r, passive, &source)?,
        });
    }
    if !r.nominal() && p.kind == TriggerKind::Verb {
        target = opposed_party_target(ctx, &r, target, &source).or(target);
        target = speakers_possession_target(ctx, &r, target, &source).or(target);
        target = holder_of_released_target(ctx, &r, &source).or(target);
    }
    // "Armenia and Azerbaijan accused each other": the other subject is
    // the target, whatever phrase the object slot found. A single subject
    // of an exchange keeps its partner ("exchanged prisoners with Ukraine").
    let reciprocal = !passive && reciprocal_object(ctx, &r, &source);
    if reciprocal && (co_target.is_some() || !exchanged_act(ctx, &r)) {
        target = co_target;
    }
    // "was condemned by Japan and Australia": a passive's second agent is
    // not the one acted on.
    if passive && co_target.is_some() && target == co_target {
        target = None;
    }
    // A joint subject is the other party only in joint acts.
    if ctx.joint(p.category) {
        target = joint_partner_over_default(ctx.phrases, target, co_target).or(co_target);
    }
    // A demand: the obliged subject is the target, the party demanding
    // the source.
    let (source, target) = match (demander, &source) {
        (Some(d), ActorSlot::Phrase(obliged)) if d != *obliged => {
            (ActorSlot::Phrase(d), Some(*obliged))
        }
        (Some(_), _) => return None,
        (None, _) => (source, target),
    };
    if p.needs_target && target.is_none() {
        return None;
    }
    if p.named_source && !source_named(ctx, &source) {
        return None;
    }
    if alleged_by_another(ctx, &r, &source) {
        return None;
    }
    if p.other_side && !target_of_other_side(ctx, &source, target) {
        return None;
    }
    // "fired cruise missiles, Ukraine's air force said": an aimless launch
    // that the sentence still aims at another side is an attack on it.
    if p.aimless && target_of_other_side(ctx, &source, target) {
        return None;
    }
    let (source, target, co_target) = if p.subject_is_target() {
        let (source, target) = subject_as_target(passive, source, target)?;
        (source, target, None)
    } else {
        (source, target, co_target)
    };
    if meets_no_one(ctx, &r, &source, target, co_target) {
        return None;
    }
    let target = passive_agent_not_target(passive && p.generated.is_none(), &source, target);
    let target = target.map_or(ActorSlot::SameAsSource, ActorSlot::Phrase);
    if let (ActorSlot::Phrase(a), ActorSlot::Phrase(b)) = (&source, &target) {
        if a == b {
            return None;
        }
    }
    let event = EventMatch {
        pattern,
        trigger: (first, end),
        source,
        target,
        passive,
        stance,
        distinct_act: None,
        co_source: None,
        reciprocal,
    };
    // "Egypt and Qatar condemned the attack": in an act that is not joint,
    // each subject acts; so do both in a joint act with a third party
    // ("Egyptian and Qatari mediators met Hamas officials").
    let co_source = co_target.filter(|&k| {
        demander.is_none()
            && (!ctx.joint(p.category) || joint_with_third_party(ctx.phrases, &event, k))
            && event.target != ActorSlot::Phrase(k)
    });
    Some((EventMatch { co_source, ..event }, object_span))
}

/// "The proposal was rejected by Hungary", "the attack was condemned by
/// Germany": with no actor before the trigger, the pattern's target slot
/// (the first actor after the trigger) finds the passive's "by" agent,
/// which is the source. An agent does not act on itself, so the act keeps
/// no target (the type's NO_TARGET policy decides) rather than being lost.
/// Hand patterns only: a generated entry's common verbs ("announced by",
/// "appointed by", "filed by") name procedure far more often than acts.
fn passive_agent_not_target(
    passive: bool,
    source: &ActorSlot,
    target: Option<usize>,
) -> Option<usize> {
    match source {
        ActorSlot::Phrase(s) if passive && target == Some(*s) => None,
        _ => target,
    }
}

/// A `party-object` verb whose object (or passive subject) the parse
/// gives, and which no actor phrase holds, acts on a thing, not a party:
/// "met the deadline", "mobilised all resources", "banned hunting". A
/// pronoun stands for a party; with no object the verb may still be
/// about parties ("the two leaders met on Tuesday").
fn acts_on_no_party(ctx: &SentenceContext<'_>, first: usize) -> bool {
    let Some(sx) = ctx.syntax else {
        return false;
    };
    // An event noun acts on its "on" phrase: "Thailand's ban on plastics"
    // bans a thing, "the ban on two Dutch reporters" parties.
    sx.acted_on(first)
        .or_else(|| sx.noun_acted_on(first))
        .is_some_and(|o| !sx.is_pronoun(o) && phrase_at(sx, ctx.phrases, o).is_none())
}

/// Force or coercion whose object is animals ("thousands of birds were
/// killed", "slaughtered 400,000 pigs") is disease control, farming or
/// hunting, not an act on a party (`data/lexicon/animal_nouns.txt`).
fn acts_on_animals(ctx: &SentenceContext<'_>, p: &Pattern, first: usize) -> bool {
    matches!(p.category, Category::Assault | Category::Coerce)
        && ctx
            .syntax
            .and_then(|sx| sx.acted_on_noun(first))
            .is_some_and(|noun| ctx.patterns.is_animal(&noun))
}

/// An investigation (CAMEO 09) accuses someone only of something: an
/// inquiry into an accident, a death or an incident ("police are
/// investigating the crash"), or a verb with neither object nor clause
/// ("police are investigating"), names no one suspected and no wrong. The
/// happenings an inquiry may look into without blaming anyone are
/// `data/lexicon/unblamed_happenings.txt`.
fn investigates_no_wrong(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    if r.p.category != Category::Accuse || !r.p.cameo.starts_with("09") {
        return false;
    }
    let Some(sx) = ctx.syntax else {
        return false;
    };
    match sx.acted_on_noun(r.first) {
        Some(noun) => ctx.patterns.is_unblamed_happening(&noun),
        None => {
            r.p.kind == TriggerKind::Verb
                && !r.nominal()
                && r.light_verb.is_none()
                && !sx.transitive(r.first)
        }
    }
}

/// Words that may come between a reciprocal verb and its object
/// ("clashed with each other", "fired on one another").
const RECIPROCAL_PREPOSITIONS: &[&str] = &["with", "against", "on", "at", "to", "of", "for"];

/// The trigger's object is reciprocal: a verb of exchange
/// (`exchanged_act`), "each other" or "one another" right after the
/// trigger or its preposition, or as the possessor of its object
/// ("expelled each other's diplomats"); or "the other" after a
/// distributive subject ("each side accused the other", "each country
/// expelled 20 of the other's diplomats"). Such an act runs both ways
/// between the two parties, never towards whatever phrase comes later in
/// the clause.
fn reciprocal_object(ctx: &SentenceContext<'_>, r: &Reading<'_>, source: &ActorSlot) -> bool {
    let distributive = source_phrase(source, ctx.phrases).is_some_and(|ph| {
        ctx.word(Some(ph.first)) == "each" || ctx.word(ph.first.checked_sub(1)) == "each"
    });
    let reciprocal_at = |k: usize| match (ctx.word(Some(k)), ctx.word(Some(k + 1))) {
        ("each", "other") | ("one", "another") => true,
        ("the", "other") => distributive,
        _ => false,
    };
    let mut k = r.end;
    if RECIPROCAL_PREPOSITIONS.contains(&ctx.word(Some(k))) {
        k += 1;
    }
    exchanged_act(ctx, r)
        || reciprocal_at(k)
        || (r.end..r.clause.1).any(|k| reciprocal_at(k) && is_possessive(ctx.word(Some(k + 2))))
}

/// Verbs whose act is given and received by both of their subjects
/// ("India and Pakistan traded accusations", "exchanged prisoners").
const EXCHANGE_VERBS: &[&str] = &["exchange", "trade", "swap"];

/// A verb trigger of exchange: each party does the act named by its
/// object to the other, as with "each other".
fn exchanged_act(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    r.p.kind == TriggerKind::Verb
        && !r.nominal()
        && ctx
            .syntax
            .and_then(|sx| sx.lemma(r.first))
            .is_some_and(|lemma| EXCHANGE_VERBS.contains(&lemma.to_lowercase().as_str()))
}

/// Two phrases of one country code whose sectors are both known and differ
/// ("rebels", REB, and the army that "its" stands for, MIL): two sides of
/// one country's conflict, not one party.
fn other_sector_of_country(a: &ActorPhrase, b: &ActorPhrase) -> bool {
    a.code == b.code && matches!((a.sector, b.sector), (Some(x), Some(y)) if x != y)
}

/// A possessive ending token ("'s", "’s").
fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'" | "’")
}

/// The sides of a reversed generated entry ("Georgian protesters received
/// assurances from the government"): the phrase found in its preposition's
/// slot acts on the subject. Not read in the passive, whose subject is
/// already the one acted on by another reading.
fn subject_as_target(
    passive: bool,
    subject: ActorSlot,
    prep_phrase: Option<usize>,
) -> Option<(ActorSlot, Option<usize>)> {
    if passive {
        return None;
    }
    let source = ActorSlot::Phrase(prep_phrase?);
    let target = match subject {
        ActorSlot::Phrase(k) => Some(k),
        _ => None,
    };
    Some((source, target))
}

/// A second target coordinated with the event's own ("expelled diplomats
/// from Russia and Iran"): in an act that is not joint, each conjunct is a
/// target of its own event. A joint act is one event of all its parties,
/// except calls by telephone, each of which joins two ("telephoned
/// Mnangagwa and his Mozambican counterpart": two calls), and acts whose
/// preposition the text repeats for the second party, telling them apart
/// ("held talks with Paraguay's president and with Uruguay's"). The tree must
/// make the second phrase a conjunct of the first, or its preposition a
/// conjunct of the first's ("spoke with Rahmon and with Mirziyoyev"); it
/// must name another actor than the source.
fn coordinated_target(ctx: &SentenceContext<'_>, event: &EventMatch) -> Option<usize> {
    let sx = ctx.syntax?;
    let ActorSlot::Phrase(t) = event.target else {
        return None;
    };
    let first = &ctx.phrases[t];
    let source_code = source_phrase(&event.source, ctx.phrases).and_then(|ph| ph.code.as_ref());
    let k = next_past_possessive(ctx.phrases, t + 1);
    let second = ctx.phrases.get(k)?;
    let between: Vec<&str> = ctx.lower[first.end..second.first]
        .iter()
        .copied()
        .filter(|w| !matches!(*w, "his" | "her" | "its" | "their"))
        .collect();
    let repeated_prep = first.first > 0
        && matches!(between.as_slice(), ["and", p] if *p == ctx.lower[first.first - 1]);
    let joined = matches!(between.as_slice(), ["and"] | [",", "and"]) || repeated_prep;
    if ctx.joint(ctx.patterns.pattern(event.pattern).category)
        && !repeated_prep
        && !call_by_telephone(ctx, event, t)
    {
        return None;
    }
    let head_in = |p: usize, ph: &ActorPhrase| {
        sx.coder_token(p)
            .is_some_and(|h| ph.first <= h && h < ph.end)
    };
    let conjunct = (second.first..second.end).any(|c| {
        sx.parse_token(c).is_some_and(|p| {
            let (head, dep) = sx.arc(p);
            (dep == Dep::Conj && head_in(head, first))
                || (repeated_prep && dep == Dep::Pobj && {
                    let (prep_head, prep_dep) = sx.arc(head);
                    prep_dep == Dep::Conj && sx.coder_token(prep_head) == Some(first.first - 1)
                })
        })
    });
    // A first target of the source's own code ("the group that seized
    // parts of Iraq and Syria" read as Iraqi) says the source was guessed
    // from the place: no second event on that reading.
    (joined
        && conjunct
        && first.code.as_ref() != source_code
        && second.code.is_some()
        && second.code != first.code
        && second.code.as_ref() != source_code
        && first.modifier_only == second.modifier_only)
        .then_some(k)
}

/// Phrase `k`, or the phrase after it when `k` is only a possessive
/// pronoun right before that phrase ("his | Mozambican counterpart").
fn next_past_possessive(phrases: &[ActorPhrase], k: usize) -> usize {
    match (phrases.get(k), phrases.get(k + 1)) {
        (Some(a), Some(b)) if a.pronoun && a.modifier_only && a.end == b.first => k + 1,
        _ => k,
    }
}

/// Words naming the telephone as the medium of a call.
const PHONE_WORDS: &[&str] = &[
    "telephone",
    "telephoned",
    "telephones",
    "phone",
    "phoned",
    "phones",
];

/// The event is a call by telephone: a telephone word in the trigger or
/// between it and its target ("telephoned X", "spoke by phone with X").
/// Each party called is a call of its own.
fn call_by_telephone(ctx: &SentenceContext<'_>, event: &EventMatch, target: usize) -> bool {
    let end = ctx.phrases[target].first.max(event.trigger.1);
    ctx.lower
        .get(event.trigger.0..end)
        .is_some_and(|ws| ws.iter().any(|w| PHONE_WORDS.contains(w)))
}

/// "Condolences came from Ghana, Togo and Benin", "Peru, Chile and Bolivia
/// criticised Venezuela": a source opening a list of three or more actors
/// shares its act with each later member, every one an event of its own
/// (a pair "A and B" is read by `coordinated_source`). A joint act is one
/// event of all its parties, so it is left alone; a member that is the
/// act's target, its second subject, or of a code already listed adds
/// nothing.
fn listed_co_sources(ctx: &SentenceContext<'_>, event: &EventMatch) -> Vec<usize> {
    let ActorSlot::Phrase(s) = event.source else {
        return Vec::new();
    };
    if ctx.joint(ctx.patterns.pattern(event.pattern).category) {
        return Vec::new();
    }
    let members = actor_list(&ctx.lower, ctx.phrases, s);
    if members.len() < 3 {
        return Vec::new();
    }
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for &k in &members {
        let Some(code) = ctx.phrases[k].code.as_deref() else {
            return Vec::new();
        };
        if seen.contains(&code) {
            continue;
        }
        seen.push(code);
        if k != s && event.co_source != Some(k) && event.target != ActorSlot::Phrase(k) {
            out.push(k);
        }
    }
    out
}

/// Whether phrases `a` and `b` are members of one list of actors
/// ("Ghana, Togo and Benin", "Chile and Peru"), found from the first
/// member of the run of commas and "and" that holds the earlier of them.
pub(crate) fn in_one_actor_list(
    lower: &[&str],
    phrases: &[ActorPhrase],
    a: usize,
    b: usize,
) -> bool {
    let mut start = a.min(b);
    while start > 0
        && phrases[start - 1].end <= phrases[start].first
        && matches!(
            &lower[phrases[start - 1].end..phrases[start].first],
            [","] | ["and"] | [",", "and"]
        )
    {
        start -= 1;
    }
    let members = actor_list(lower, phrases, start);
    members.contains(&a) && members.contains(&b)
}

/// The actor phrases of a list that opens at phrase `s` and is closed by
/// "and" ("A, B and C", "A, B, and C"), in order; empty when `s` is not
/// the list's first member, when a member is only a modifier ("Kenyan,
/// Ugandan and Tanzanian troops" is one noun's sides), or when no "and"
/// closes it.
fn actor_list(lower: &[&str], phrases: &[ActorPhrase], s: usize) -> Vec<usize> {
    let link = |a: &ActorPhrase, b: &ActorPhrase| -> Option<&[&str]> {
        (a.end <= b.first).then(|| &lower[a.end..b.first])
    };
    if s > 0 && matches!(link(&phrases[s - 1], &phrases[s]), Some([","])) {
        return Vec::new();
    }
    let mut members = vec![s];
    let mut k = s;
    while let Some(next) = phrases.get(k + 1) {
        if phrases[k].modifier_only || next.modifier_only {
            break;
        }
        match link(&phrases[k], next) {
            Some([","]) => members.push(k + 1),
            Some(["and"] | [",", "and"]) => {
                members.push(k + 1);
                return members;
            }
            _ => break,
        }
        k += 1;
    }
    Vec::new()
}

/// A contest verb read as force ("Nigeria beat Ghana in the final",
/// "Egypt clashed with Senegal in a league game"), ASSAULT or COERCE, whose
/// name subject plays a sporting contest (`SentenceSyntax::sports_result`):
/// a match result, not an attack. Other acts at a match ("met at the World
/// Cup final") are not read.
fn sports_result(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    matches!(r.p.category, Category::Assault | Category::Coerce)
        && ctx
            .syntax
            .is_some_and(|sx| sx.sports_result(r.first, |lemma| ctx.patterns.is_sports_noun(lemma)))
}

/// Most words from "who" to an act it asks the doer of ("who carried out
/// the attack": five).
const ASKED_DOER_WORDS: usize = 5;

/// "It was not clear who carried out the ambush", "officials did not say
/// who fired the shells": the act is told as one whose doer is unknown, a
/// repeat of an act reported with its victims, not an act of anyone the
/// coder could name (the expletive "it" names no one either).
fn asks_who_did_it(tokens: &[Token], first: usize) -> bool {
    (first.saturating_sub(ASKED_DOER_WORDS)..first).any(|k| {
        tokens[k].lower == "who"
            && k > 0
            && matches!(
                tokens[k - 1].lower.as_str(),
                "clear" | "unclear" | "known" | "unknown" | "certain" | "say" | "said" | "know"
            )
            && !tokens[k + 1..first]
                .iter()
                .any(|t| is_barrier(t) || t.lower == ",")
    })
}

/// A fight is fought with a party: a reciprocal assault verb ("clash",
/// "battle": a pattern with a "with" target and no object words) whose
/// direct object names no actor is another sense ("battling cancer",
/// "fighting fires", "fight corruption").
fn fights_no_party(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    let Some(sx) = ctx.syntax else {
        return false;
    };
    let reciprocal = r.p.category == Category::Assault
        && r.p.kind == TriggerKind::Verb
        && r.p.objects.is_empty()
        && r.p
            .targets
            .iter()
            .any(|t| matches!(t, TargetSlot::Prep(w) if w == "with"));
    if !reciprocal {
        return false;
    }
    let Some(o) = sx.direct_object(r.first) else {
        return false;
    };
    let Some((lo, hi)) = sx.subtree_range(o) else {
        return false;
    };
    sx.is_common_noun(o) && !ctx.phrases.iter().any(|ph| ph.first < hi && lo < ph.end)
}

/// Reflexive pronouns: an object that is the subject itself.
const REFLEXIVES: &[&str] = &[
    "himself",
    "herself",
    "itself",
    "themselves",
    "themself",
    "oneself",
    "myself",
    "yourself",
    "yourselves",
    "ourselves",
];

/// Force whose direct object is a reflexive pronoun ("the officer killed
/// himself", "shot himself", "blew themselves up") is a suicide or an
/// accident, not an assault on anyone: no event. The tree's direct object
/// decides ("killed 23 people as well as themselves" is still an attack);
/// without a parse, the word right after the verb.
fn harms_only_itself(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    if r.p.category != Category::Assault || r.p.kind != TriggerKind::Verb || r.nominal() {
        return false;
    }
    let object = match ctx.syntax {
        Some(sx) => sx.direct_object(r.first).and_then(|o| sx.coder_token(o)),
        None => Some(r.first + 1),
    };
    object.is_some_and(|o| REFLEXIVES.contains(&ctx.word(Some(o))))
}

/// A trigger inside an actor phrase names the actor, not an event
/// ("peacekeeping forces").
fn inside_actor_phrase(ctx: &SentenceContext<'_>, i: usize) -> bool {
    ctx.phrases
        .iter()
        .any(|ph| ph.first <= i && i < ph.end && !ph.modifier_only)
}

/// A verb form that the words around it make a noun: after a determiner
/// ("the protests", "a strong protest"), before a form of "be" ("Clashes
/// are frequent"), a plural with no subject ("bans on travel"), after a
/// preposition ("in protest") or before a verb ("Israeli strikes killed").
fn verb_form_is_noun(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    let (tokens, phrases, patterns) = (ctx.tokens, ctx.phrases, ctx.patterns);
    let (i, form) = (r.first, r.form);
    if r.p.kind != TriggerKind::Verb || form == Form::Gerund {
        return false;
    }
    let prev = ctx.word(i.checked_sub(1));
    let prev2 = if i > 1 { ctx.lower[i - 2] } else { "" };
    let next = ctx.word(Some(r.end));
    DETERMINERS.contains(&prev)
        || NOUN_MODIFIERS.contains(&prev)
        // "a strong protest", "Clashes are frequent": nouns.
        || (DETERMINERS.contains(&prev2)
            && tokens[i - 1].is_word
            && !phrases.iter().any(|ph| ph.end == i)
            && !AUX.contains(&prev)
            && !BE.contains(&prev)
            && !ADVERBS.contains(&prev)
            // "a bomb killed": a weapon's verb, as `weapon-doer` reads it.
            && !weapon_subject(ctx, r)
            && !ctx.syntax.is_some_and(|sx| sx.finite_with_earlier_subject(i)))
        || BE.contains(&next)
        // "bans on travel", "economic sanctions": a third-person form with
        // no subject before it is a plural noun.
        || (form == Form::ThirdPerson
            && i > 0
            && !tokens[i - 1].capitalised
            && !ADVERBS.contains(&prev)
            && !matches!(prev, "he" | "she" | "it" | "who" | "which" | "that")
            && !phrases.iter().any(|ph| ph.end == i))
        // "impose sanctions": a verb form right after a verb is its object.
        || (form == Form::ThirdPerson
            && patterns.triggers(prev).iter().any(|t| {
                t.form == Form::Base && patterns.pattern(t.pattern).kind == TriggerKind::Verb
            }))
        // "from exile", "in protest": a noun after a preposition.
        || matches!(
            prev,
            "from" | "in" | "into" | "of" | "for" | "with" | "at" | "on" | "over" | "under"
                | "against" | "amid" | "despite"
        )
        // "Israeli strikes killed": a noun before its verb; a base form
        // after a modal is the verb ("will impose sanctions").
        || ((form == Form::ThirdPerson || (form == Form::Base && !MODALS.contains(&prev)))
            && patterns.is_verb_form(next))
        || phrases.iter().any(|ph| ph.modifier_only && ph.end == i)
        || (AUX.contains(&next) && !matches!(form, Form::Base))
}

/// A gerund after "of"/"the" names an event ("the process of withdrawing
/// troops"): coded like an event noun, its object acting.
fn nominal_gerund(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    let prev = ctx.word(r.first.checked_sub(1));
    r.p.kind == TriggerKind::Verb
        && r.form == Form::Gerund
        && (DETERMINERS.contains(&prev) || prev == "of")
}

/// A verbal gerund is coded only where it heads an adverbial clause
/// ("..., killing three", "after detaining him") or follows "be".
fn gerund_without_clause(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    let i = r.first;
    let prev = ctx.word(i.checked_sub(1));
    r.p.kind == TriggerKind::Verb
        && r.form == Form::Gerund
        && !r.nominal()
        && !(i == 0
            || matches!(
                prev,
                "," | "after"
                    | "before"
                    | "while"
                    | "by"
                    | "without"
                    | "since"
                    | "for"
                    | "\u{201c}"
                    | "\""
            )
            || BE.contains(&prev)
            || ADVERBS.contains(&prev)
            || aspectual_gerund(ctx, i)
            || ctx.syntax.is_some_and(|sx| {
                sx.parse_token(i)
                    .is_some_and(|p| sx.issuer_of_document(p).is_some())
            })
            || protest_of_named_crowd(ctx, r)
            || gerund_with_named_subject(ctx, i)
            || second_participle_clause(ctx, r))
}

/// A gerund after "and"/"or" that coordinates with an earlier participle
/// clause ("rejected the report, calling it biased and accusing Kigali of
/// lying") states its own act, unless both participles are attack
/// triggers: "killing seven and wounding three" tells the toll of one
/// attack.
fn second_participle_clause(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    let i = r.first;
    if !matches!(ctx.word(i.checked_sub(1)), "and" | "or") {
        return false;
    }
    let Some(first) = ctx
        .syntax
        .and_then(|sx| sx.coordinated_participle_clause(i))
    else {
        return false;
    };
    let Some(word) = ctx.lower.get(first) else {
        return false;
    };
    r.p.category != Category::Assault
        || !ctx.patterns.triggers(word).iter().any(|t| {
            t.form == Form::Gerund && ctx.patterns.pattern(t.pattern).category == Category::Assault
        })
}

/// Prepositions whose object may be a gerund clause with its own subject,
/// stating an act as done: "despite Estonia expelling a Russian diplomat",
/// "following Ghana closing its border".
const GERUND_CLAUSE_PREPOSITIONS: &[&str] = &["despite", "after", "following", "amid"];

/// The gerund has a named actor as its own subject right before it, and that
/// subject follows one of `GERUND_CLAUSE_PREPOSITIONS`: the clause states
/// the act ("despite Estonia expelling a Russian diplomat on Monday").
fn gerund_with_named_subject(ctx: &SentenceContext<'_>, i: usize) -> bool {
    ctx.phrases.iter().any(|ph| {
        ph.end == i
            && !ph.modifier_only
            && ph.first > 0
            && GERUND_CLAUSE_PREPOSITIONS.contains(&ctx.lower[ph.first - 1])
    })
}

/// Verbs of starting or going on whose gerund complement is the act itself.
const ASPECTUAL: &[&str] = &[
    "began",
    "begun",
    "begin",
    "begins",
    "started",
    "start",
    "starts",
    "continued",
    "continue",
    "continues",
    "resumed",
    "resume",
    "resumes",
    "kept",
];

/// A gerund after an asserted verb of starting or going on happened
/// ("peacekeepers began withdrawing", "continued shelling Rafah"); "did not
/// begin withdrawing" and "will start arresting" are not asserted.
fn aspectual_gerund(ctx: &SentenceContext<'_>, i: usize) -> bool {
    i > 0
        && ASPECTUAL.contains(&ctx.lower[i - 1])
        && modality(ctx.tokens, i - 1, Form::Past).0 == Modality::Asserted
}

/// "Police arrested 40 people protesting against ...": a crowd described
/// as protesting is a protest the sentence reports (GUIDELINES: protests
/// and demonstrations), whatever else befalls it.
fn protest_of_named_crowd(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    r.p.category == Category::Protest
        && ctx
            .syntax
            .is_some_and(|sx| sx.participle_of_noun_doing(r.first))
}

/// A pledge verb whose complement is a negated infinitive ("vowed not to
/// negotiate", "promised on Tuesday never to attack") commits to no act:
/// the pledge is not coded (GUIDELINES: negated actions are no events);
/// the infinitive itself is read as a refusal when it is cooperative.
fn pledges_abstention(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    if r.p.kind != TriggerKind::Verb || !INTENT_GOVERNORS.contains(&ctx.word(Some(r.first))) {
        return false;
    }
    let end = (r.end + 6).min(r.clause.1);
    (r.end..end)
        .find(|&k| ctx.lower[k] == "to")
        .is_some_and(|k| k > r.end && matches!(ctx.lower[k - 1], "not" | "never"))
}

/// A warning whose "that" clause states no future act ("warned that much
/// remained to be done", "warned that travellers could face provocations")
/// threatens no one: a threat says what will be done ("warned that police
/// will no longer tolerate rallies").
fn warns_of_no_act(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    if r.p.kind != TriggerKind::Verb || r.p.category != Category::Threaten {
        return false;
    }
    let near = (r.end + 8).min(ctx.lower.len());
    let Some(that) = (r.end..near).find(|&k| ctx.lower[k] == "that") else {
        return ctx.lower[r.first].starts_with("warn")
            && !warns_of_measure(ctx, r)
            && !fronted_future_clause(ctx, r);
    };
    !states_future_act(&ctx.lower[that + 1..]) && !possible_own_measure(ctx, that + 1)
}

/// "warned that it could close its border to their traders": a speaker
/// (a subject pronoun) saying it could or might take a hostile measure
/// holds the measure over someone, a threat, as "would" does. "could"
/// with any other subject ("that travellers could face provocations",
/// "that the floods could close the road") or with a verb that is no
/// hostile act ("that it could take years") tells a danger, and a
/// denied one ("that it could not ...") nothing.
fn possible_own_measure(ctx: &SentenceContext<'_>, from: usize) -> bool {
    let end = (from + 12).min(ctx.lower.len());
    (from..end).any(|k| {
        matches!(ctx.lower[k], "could" | "might" | "may")
            && k > from
            && SUBJECT_PRONOUNS.contains(&ctx.lower[k - 1])
            && ctx.lower.get(k + 1).is_some_and(|w| !NEGATION.contains(w))
            && hostile_measure_at(ctx, k + 1)
    })
}

/// Word `k` starts a hand verb trigger, its particles included ("take"
/// only as "take into custody"), and every such reading is hostile
/// (`hostile_act_word`, which reads the first word alone).
fn hostile_measure_at(ctx: &SentenceContext<'_>, k: usize) -> bool {
    let word = ctx.lower.get(k).copied().unwrap_or("");
    let whole = |rest: &[String]| {
        rest.iter()
            .enumerate()
            .all(|(n, w)| ctx.lower.get(k + 1 + n).is_some_and(|t| t == w))
    };
    let mut categories = ctx
        .patterns
        .triggers(word)
        .iter()
        .filter(|t| t.form != Form::Noun && whole(&t.rest))
        .map(|t| ctx.patterns.pattern(t.pattern))
        .filter(|p| p.kind == TriggerKind::Verb && p.generated.is_none())
        .filter(|p| {
            p.objects.is_empty() || find_object(p, ctx.tokens, k + 1, ctx.lower.len()).is_some()
        })
        .map(|p| p.category)
        .peekable();
    categories.peek().is_some()
        && categories
            .all(|c| matches!(c, Category::Assault | Category::Coerce | Category::Sanction))
}

/// Words that say an act is to come: a future or conditional auxiliary, or
/// the speaker's own readiness to act ("that it was ready to use all the
/// means at its disposal", "that they stood prepared to retaliate"): a
/// warning that says so announces what the speaker will do. Someone else's
/// readiness ("that hospitals were ready to cope") or a denied one ("that
/// Ethiopia was not ready to negotiate") announces nothing.
fn states_future_act(words: &[&str]) -> bool {
    words.iter().enumerate().any(|(k, w)| {
        matches!(*w, "will" | "would" | "wo" | "shall" | "'ll")
            || (matches!(*w, "ready" | "prepared" | "poised")
                && words.get(k + 1).is_some_and(|next| *next == "to")
                && speaker_ready(&words[k.saturating_sub(4)..k]))
    })
}

/// The words before "ready"/"prepared" name the speaker by a pronoun and
/// do not deny it ("it was", "we are fully", not "it was not").
fn speaker_ready(before: &[&str]) -> bool {
    before.iter().any(|w| SUBJECT_PRONOUNS.contains(w))
        && !before.iter().any(|w| NEGATION.contains(w))
}

/// "Iran would retaliate against any attack, a commander warned": the
/// warning's content comes first, before a comma and the speaker, and states
/// a future hostile act ("the talks would continue, he warned" threatens
/// no one).
fn fronted_future_clause(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    let Some(comma) = (0..r.first).rev().find(|&k| ctx.lower[k] == ",") else {
        return false;
    };
    ctx.lower[..comma]
        .iter()
        .any(|w| matches!(*w, "will" | "would" | "shall" | "'ll"))
        && (0..comma).any(|k| hostile_act_word(ctx, k, comma))
        && !ctx.lower[comma + 1..r.first]
            .iter()
            .any(|w| matches!(*w, "and" | "but" | "which" | "who" | "that" | "if"))
}

/// An act in the "that" clause of a threat ("threatened that ... were
/// killed", a clause the parse hangs on the threat) is what is threatened,
/// not something done: decided by the hand verb patterns of the governing
/// verb, all of them threats.
fn content_of_threat(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    if r.p.category == Category::Threaten || r.p.kind != TriggerKind::Verb {
        return false;
    }
    let Some(v) = ctx.syntax.and_then(|sx| sx.content_clause_verb(r.first)) else {
        return false;
    };
    let mut categories = ctx
        .patterns
        .triggers(ctx.word(Some(v)))
        .iter()
        .map(|t| ctx.patterns.pattern(t.pattern))
        .filter(|p| p.kind == TriggerKind::Verb && p.generated.is_none())
        .map(|p| p.category)
        .peekable();
    categories.peek().is_some() && categories.all(|c| c == Category::Threaten)
}

/// A meeting with no one: a consultation whose only party is one body
/// ("Israel's cabinet met Sunday") or that names no party at all ("at the
/// fourth round of talks") is a meeting inside one organisation or no
/// event; several subjects meeting ("the US, Russia and Switzerland met")
/// stay a consultation.
fn meets_no_one(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    source: &ActorSlot,
    target: Option<usize>,
    co_target: Option<usize>,
) -> bool {
    if r.p.category != Category::Consult || target.is_some() || co_target.is_some() {
        return false;
    }
    match source {
        ActorSlot::Default { .. } => true,
        ActorSlot::Phrase(k) => {
            r.p.kind == TriggerKind::Verb
                && !r.nominal()
                && !other_party_before(ctx, r, *k)
                && ctx
                    .syntax
                    .is_some_and(|sx| sx.single_party_subject(r.first))
        }
        _ => false,
    }
}

/// An actor of another country than the source's is named in the
/// trigger's clause before it: a list of parties the parse may have read
/// as an apposition ("The US, Russia, and Switzerland met").
fn other_party_before(ctx: &SentenceContext<'_>, r: &Reading<'_>, source: usize) -> bool {
    let code = ctx.phrases.get(source).and_then(|ph| ph.code.as_ref());
    ctx.phrases.iter().any(|ph| {
        ph.first >= r.clause.0 && ph.end <= r.first && ph.code.is_some() && ph.code.as_ref() != code
    })
}

/// "French and Egyptian warships launched war games": an act that two
/// subjects of different countries do together, where the pattern names a
/// joint act (`joint=ID`), is that joint act between them, one event.
/// So is the act whose object is called joint, done with a partner of
/// another country ("Nigerian cadets began a joint training exercise with
/// Ghanaian officers").
fn joint_act(
    ctx: &SentenceContext<'_>,
    event: EventMatch,
    object_span: Option<(usize, usize)>,
) -> EventMatch {
    let p = ctx.patterns.pattern(event.pattern);
    let code = |i: usize| ctx.phrases.get(i).and_then(|ph| ph.code.as_ref());
    if let (Some(joint), ActorSlot::Phrase(s), ActorSlot::Phrase(t), Some((os, _))) =
        (p.joint, &event.source, &event.target, object_span)
    {
        if called_joint(ctx, os) && code(*t).is_some() && code(*t) != code(*s) {
            return EventMatch {
                pattern: joint,
                ..event
            };
        }
    }
    let (Some(joint), Some(k), ActorSlot::Phrase(s)) = (p.joint, event.co_source, &event.source)
    else {
        return event;
    };
    if code(k).is_none() || code(k) == code(*s) {
        return event;
    }
    EventMatch {
        pattern: joint,
        target: ActorSlot::Phrase(k),
        co_source: None,
        ..event
    }
}

/// The object starting at coder token `os` is called joint, right before
/// it or before one modifier ("joint drills", "a joint naval exercise").
fn called_joint(ctx: &SentenceContext<'_>, os: usize) -> bool {
    (1..=2).any(|d| os >= d && ctx.lower[os - d] == "joint")
}

/// "Agreed that the plan was sound", "agreed there was a need for more
/// checks": agreeing with a view whose clause states no act to come (will,
/// would, shall, should, must) is an opinion shared, not an agreement to act
/// ("agreed that Russian investigators would fly to Ankara" is one).
fn agrees_with_a_view(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    if r.p.kind != TriggerKind::Verb
        || r.p.category != Category::Agree
        || !ctx.lower[r.first].starts_with("agree")
    {
        return false;
    }
    let Some((start, end)) = ctx.syntax.and_then(|sx| sx.content_clause_range(r.first)) else {
        return false;
    };
    start >= r.end
        && !ctx.lower[start..end].iter().any(|w| {
            matches!(
                *w,
                "will" | "would" | "wo" | "shall" | "'ll" | "should" | "must"
            )
        })
}

/// A warning with no "that" clause threatens only "against" something or
/// "of" a measure ("warned Moscow of serious consequences", "warned Iran
/// against any attack"); a warning of a danger ("warned of a
/// humanitarian crisis"), advice ("warned residents to boil water") or a
/// warning alone ("..., he warned.") threatens no one. The measures a
/// warning "of" may name are `data/lexicon/warned_measures.txt`.
fn warns_of_measure(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    let near = (r.end + 8).min(r.clause.1);
    (r.end..near).any(|k| match ctx.lower[k] {
        "against" => true,
        "of" => ctx.lower[k + 1..(k + 5).min(r.clause.1)]
            .iter()
            .any(|w| ctx.patterns.is_warned_measure(w)),
        _ => false,
    })
}

/// "Kenya, which leads the mission, deployed police": a simple-present
/// relative clause tells what the noun is or does as a rule, background
/// the text does not date, not an act (GUIDELINES: an event is stated as
/// having happened or as happening now).
fn standing_role(ctx: &SentenceContext<'_>, i: usize) -> bool {
    ctx.syntax.is_some_and(|sx| sx.standing_role_relative(i)) || describes_a_thing(ctx, i)
}

/// "called the launch an outrageous act that threatens the lives of our
/// people": a simple-present relative clause on a thing, no party named
/// in or on it, tells what the thing is, not an act a party did
/// (GUIDELINES: an event is something one actor did to another).
fn describes_a_thing(ctx: &SentenceContext<'_>, i: usize) -> bool {
    ctx.syntax.is_some_and(|sx| {
        sx.simple_present_relative_noun(i)
            .is_some_and(|noun| phrase_at(sx, ctx.phrases, noun).is_none())
    })
}

/// The trigger's modality and voice: from the auxiliaries before it, then
/// the tree; nouns are asserted and active.
fn voice_and_modality(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> (Modality, bool) {
    let i = r.first;
    if let Some(v) = r.light_verb {
        return (light_verb_modality(ctx, v), false);
    }
    let (modality, mut passive) = if r.nominal() {
        (Modality::Asserted, false)
    } else {
        let (m, passive) = modality(ctx.tokens, i, r.form);
        let m = match ctx.syntax.and_then(|sx| sx.infinitive_conjunct_head(i)) {
            // "called on Arabs to unite and mobilize": the second verb is
            // read as the first one's infinitive is.
            Some(head) if m == Modality::Asserted => modality(ctx.tokens, head, Form::Base).0,
            _ => m,
        };
        let m = ctx.syntax.map_or(m, |sx| tree_modality(sx, i, m));
        let m = if m == Modality::Asserted && ordered_another_side(ctx, i) {
            Modality::Infinitive
        } else {
            m
        };
        let m = if m == Modality::Infinitive && attempted_by_force(ctx, i) {
            Modality::Asserted
        } else {
            m
        };
        if m == Modality::Asserted && (earlier_act(ctx.tokens, i) || standing_role(ctx, i)) {
            (Modality::Background, passive)
        } else {
            (m, passive)
        }
    };
    if !r.nominal() && r.form.can_be_participle() && victims_of_reduced_passive(ctx, r) {
        passive = true;
    }
    if !r.nominal()
        && r.form.can_be_participle()
        && ctx.syntax.is_some_and(|sx| sx.conjunct_of_passive(i))
    {
        passive = true;
    }
    // "victims killed by ...": a participle before its agent.
    if !r.nominal()
        && r.form.can_be_participle()
        && ctx.lower.get(r.end) == Some(&"by")
        && !after_perfect_have(ctx, i)
    {
        passive = true;
    }
    (modality, passive)
}

/// "China ordered Japan to withdraw its ships": an order to a named party
/// of another side than the one giving it is a demand (REQUEST, from the
/// `order` pattern), not an act done; an order to one's own forces or
/// officials ("ordered troops to withdraw") sets the act in motion.
fn ordered_another_side(ctx: &SentenceContext<'_>, i: usize) -> bool {
    let Some(sx) = ctx.syntax else {
        return false;
    };
    let Some((giver, told)) = sx.order_parties(i) else {
        return false;
    };
    let named = |p: usize| {
        phrase_at(sx, ctx.phrases, p)
            .and_then(|k| ctx.phrases.get(k))
            .filter(|ph| !ph.how.is_default())
            .and_then(|ph| ph.code.as_deref())
    };
    matches!((named(giver), named(told)), (Some(a), Some(b)) if a != b)
}

/// "there were ten Russian soldiers killed in Ukraine": force told by a
/// past participle on the noun it befell is a reduced passive, so the
/// noun is its target, not its doer. Only for force on a named party (an
/// actor phrase with a code of its own, not a default): the participle on
/// a thing or an animal ("weapons seized from peacekeepers", "two dogs
/// injured") is read as before.
fn victims_of_reduced_passive(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    if r.p.category != Category::Assault || r.p.kind != TriggerKind::Verb {
        return false;
    }
    let Some(sx) = ctx.syntax else {
        return false;
    };
    sx.participle_on_its_patient(r.first)
        .and_then(|noun| phrase_at(sx, ctx.phrases, noun))
        .and_then(|k| ctx.phrases.get(k))
        .is_some_and(|ph| ph.code.is_some() && !ph.how.is_default() && !ph.pronoun)
}

/// Adverbs that set an act before the story's time.
const EARLIER: &[&str] = &["previously", "formerly"];

/// "have been previously signed", "formerly held": the trigger is marked
/// as an act before the story's time, with only auxiliaries and adverbs
/// between the marker and it.
fn earlier_act(tokens: &[Token], first: usize) -> bool {
    let start = clause_start(tokens, first);
    tokens[start..first]
        .iter()
        .rev()
        .take(4)
        .take_while(|t| {
            let w = t.lower.as_str();
            ADVERBS.contains(&w) || AUX.contains(&w) || BE.contains(&w) || EARLIER.contains(&w)
        })
        .any(|t| EARLIER.contains(&t.lower.as_str()))
}

/// "has spoken by phone": a participle right after a form of "have"
/// (adverbs between) is a perfect tense, active, whatever "by" follows.
fn after_perfect_have(ctx: &SentenceContext<'_>, i: usize) -> bool {
    let mut k = i;
    while k > 0 && ADVERBS.contains(&ctx.lower[k - 1]) {
        k -= 1;
    }
    k > 0 && matches!(ctx.lower[k - 1], "has" | "have" | "had" | "having" | "'ve")
}

/// The party that demands the action of its subject, as an actor phrase:
/// the action is obliged ("must", "should") or in the mandative mood
/// ("demanded that Israel ease ..."), and another named party states it.
/// A plain or negated action, and one in a condition, is no demand.
fn demanding_party(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    modality: Modality,
) -> Option<usize> {
    let sx = ctx.syntax?;
    if r.nominal() {
        return None;
    }
    let obliged = match modality {
        Modality::Modal
        | Modality::IntendedInfinitive
        | Modality::AgreedInfinitive
        | Modality::Infinitive => sx.deontic_modal(r.first),
        Modality::Asserted => sx.mandative(r.first),
        _ => false,
    };
    if !obliged {
        return None;
    }
    phrase_at(sx, ctx.phrases, sx.speaker(r.first)?)
}

/// A demand made through a modal of obligation whatever the act demanded
/// ("Kenya said on Tuesday that Uganda must pay its debts"): REQUEST from
/// the party that states the clause to the clause's subject. Trigger
/// `first` is the modal. Not coded in a condition or an indirect question,
/// with no speaker or no actor as subject, or when the subject is the
/// speaker itself ("Russia said it must protect its citizens"): an
/// obligation one states of oneself demands nothing of anyone. An act a
/// pattern codes itself ("must release the fishermen") is coded there as
/// demanded, and `fold_obligations` drops this reading.
fn code_obligation(
    ctx: &SentenceContext<'_>,
    pattern: usize,
    first: usize,
    end: usize,
) -> Option<EventMatch> {
    let sx = ctx.syntax?;
    let (verb, dep) = sx.arc(sx.parse_token(first)?);
    if dep != Dep::Aux {
        return None;
    }
    let v = sx.coder_token(verb)?;
    if !sx.deontic_modal(v) || sx.conditional(v) || sx.indirect_question(v) {
        return None;
    }
    let demander = phrase_at(sx, ctx.phrases, sx.speaker(v)?)?;
    let obliged = tree_subject(sx, ctx.phrases, v)?;
    let (d, o) = (&ctx.phrases[demander], &ctx.phrases[obliged]);
    if demander == obliged || (o.pronoun && o.code.is_some() && o.code == d.code) {
        return None;
    }
    Some(EventMatch {
        pattern,
        trigger: (first, end),
        source: ActorSlot::Phrase(demander),
        target: ActorSlot::Phrase(obliged),
        passive: false,
        stance: Stance::Asserted,
        distinct_act: None,
        co_source: None,
        reciprocal: false,
    })
}

/// "At least 30 people were killed when Israeli airstrikes hit a school":
/// force in the passive with no doer named, and force by a named doer in
/// an adverbial clause on it ("when", "as", "after"), are one happening:
/// the named doer's act keeps it, and takes the victims as its target when
/// its own is only the doer's side ("Three Kenyan soldiers were wounded as
/// Somali militants attacked their convoy").
fn fold_victims_into_cause(
    out: &mut Vec<EventMatch>,
    phrases: &[ActorPhrase],
    patterns: &EventPatterns,
    sx: &SentenceSyntax<'_>,
) {
    let force = |e: &EventMatch| patterns.pattern(e.pattern).category == Category::Assault;
    let code = |slot: &ActorSlot| match slot {
        ActorSlot::Phrase(k) => phrases.get(*k).and_then(|ph| ph.code.as_ref()),
        _ => None,
    };
    let victims: Vec<(usize, ActorSlot)> = out
        .iter()
        .filter(|e| force(e) && e.passive && !matches!(e.source, ActorSlot::Phrase(_)))
        .filter_map(|e| Some((sx.predicate(e.trigger.0)?, e.target.clone())))
        .collect();
    let mut folded = Vec::new();
    for e in out.iter_mut() {
        if !force(e) || !matches!(e.source, ActorSlot::Phrase(_)) {
            continue;
        }
        let Some(head) = sx.adverbial_clause_of(e.trigger.0) else {
            continue;
        };
        let Some((_, victims)) = victims.iter().find(|(p, _)| *p == head) else {
            continue;
        };
        let own_side = e.target == ActorSlot::SameAsSource
            || (code(&e.target).is_some() && code(&e.target) == code(&e.source));
        if own_side && code(victims).is_some_and(|c| Some(c) != code(&e.source)) {
            e.target = victims.clone();
        }
        folded.push(head);
    }
    out.retain(|e| {
        !(force(e)
            && e.passive
            && !matches!(e.source, ActorSlot::Phrase(_))
            && sx
                .predicate(e.trigger.0)
                .is_some_and(|p| folded.contains(&p)))
    });
}

/// A demand made through a modal and the demanded act a pattern codes
/// ("Kenya said Somalia must release the fishermen") are one happening:
/// the demanded act, with the same demander and obliged party, keeps it.
fn fold_obligations(out: &mut Vec<EventMatch>, patterns: &EventPatterns) {
    let demanded: Vec<(ActorSlot, ActorSlot)> = out
        .iter()
        .filter(|e| e.stance == Stance::Demanded)
        .map(|e| (e.source.clone(), e.target.clone()))
        .collect();
    out.retain(|e| {
        !(patterns.pattern(e.pattern).obliges
            && demanded.contains(&(e.source.clone(), e.target.clone())))
    });
}

/// An action in the mandative mood whose demander is no actor ("rallies
/// that will demand that the president step down"): it is demanded, not
/// done, and there is no one to code the demand to.
fn demanded_of_no_one_named(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    modality: Modality,
) -> bool {
    modality == Modality::Asserted
        && !r.nominal()
        && ctx.syntax.is_some_and(|sx| sx.mandative(r.first))
}

/// A future act two parties do together and whose stated future is a
/// commitment (categories.tsv: PARTIES `joint`, an AGREE INTENT: AGREE,
/// CONSULT, COOPERATE) is a date both keep, reported as a schedule: "A and
/// B will sign an accord next week", "Russia and Belarus will hold joint
/// drills next week, the ministry said". GUIDELINES codes such a plan only
/// once a commitment is stated ("said it would ...", "pledged to ...").
fn scheduled_joint_act(ctx: &SentenceContext<'_>, category: Category) -> bool {
    ctx.joint(category) && ctx.cooperative(category)
}

/// A pattern that becomes such a joint act when two parties do it
/// (`joint=ID`: "Russian and Chinese navies will hold drills" is a joint
/// exercise), with a coordinated subject; one party's announced drills stay
/// a show of force.
fn becomes_scheduled_joint_act(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    r.p.joint
        .is_some_and(|j| scheduled_joint_act(ctx, ctx.patterns.pattern(j).category))
        && ctx.syntax.is_some_and(|sx| sx.coordinated_subject(r.first))
}

/// "Police would have arrested him if he had returned": a modal with a
/// perfect ("would have", "could have") right before the trigger tells what
/// did not happen, not an intent: no stance.
fn counterfactual_perfect(before: &[Token]) -> bool {
    let mut k = before.len();
    while k > 0 && ADVERBS.contains(&before[k - 1].lower.as_str()) {
        k -= 1;
    }
    k >= 2
        && matches!(before[k - 1].lower.as_str(), "have" | "'ve")
        && MODALS.contains(&before[k - 2].lower.as_str())
}

/// How the text presents the action, or `None` when it is not coded at
/// all (negated, hypothetical, a plain infinitive, an unannounced plan).
fn stance_of(ctx: &SentenceContext<'_>, r: &Reading<'_>, modality: Modality) -> Option<Stance> {
    let before = &ctx.tokens[..r.first];
    match modality {
        Modality::Asserted => Some(Stance::Asserted),
        Modality::Modal => {
            // "said it would respect the truce", "will provide aid":
            // a stated intent; force is intent only when announced.
            // The cue may also follow: "X will give Y a grant, the
            // ministry said" is a pledge someone made. A scheduled signing,
            // meeting or joint exercise reported that way ("A and B will sign
            // an accord next week, officials said") is a plan: GUIDELINES codes
            // "will sign next week" only once a commitment is stated.
            let scheduled =
                scheduled_joint_act(ctx, r.p.category) || becomes_scheduled_joint_act(ctx, r);
            let cue = before
                .iter()
                .any(|t| COMMITMENT_CUES.contains(&t.lower.as_str()))
                || (!scheduled && ctx.syntax.is_some_and(|sx| sx.speaker(r.first).is_some()))
                // "If X ..., Y will expel its envoy, the minister warned".
                || warned_condition(ctx.tokens, r.first);
            let m = before
                .iter()
                .rev()
                .find(|t| MODALS.contains(&t.lower.as_str()));
            let will = m.is_some_and(|t| t.lower == "would" || t.lower == "will");
            // "will sign next week" alone is a plan, not a commitment.
            (will && cue && !counterfactual_perfect(before)).then_some(Stance::Intent)
        }
        Modality::IntendedInfinitive => Some(Stance::Intent),
        // Sending forces to a place is no hostile measure by itself ("NATO
        // agreed to deploy troops to Lithuania").
        Modality::AgreedInfinitive => (r.p.generated.is_none()
            && matches!(
                r.p.category,
                Category::Sanction | Category::Coerce | Category::Assault
            ))
        .then_some(Stance::Intent),
        Modality::NegatedModal | Modality::RefusedInfinitive if ctx.cooperative(r.p.category) => {
            Some(Stance::Refusal)
        }
        _ => None,
    }
}

/// The pattern's object constraint: the object's span after the trigger,
/// or before it in the passive or a reduced relative ("the martial law
/// declared on ..."). `Some(None)` when the pattern has no object;
/// `None` when a required object is missing or negated.
#[allow(clippy::option_option)]
fn match_object(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    passive: &mut bool,
) -> Option<Option<(usize, usize)>> {
    let (p, i, (c_start, c_end)) = (r.p, r.first, r.clause);
    if p.objects.is_empty() {
        return Some(None);
    }
    let find = |from, to| matching::object_of(p, ctx.tokens, ctx.syntax, i, from, to);
    // "ordered the ambassador to leave": particles after a short object
    // hold the object between the verb and them.
    let inside = (r.end > i + 1).then(|| find(i + 1, r.end)).flatten();
    let mut object_span = inside
        .or_else(|| find(r.end, (r.end + p.window).min(c_end)))
        .or_else(|| object_beyond_window(ctx, r));
    let active_with_object = ctx.syntax.is_some_and(|sx| sx.finite_with_own_object(i));
    if object_span.is_none() && (*passive || r.form.can_be_participle() && !active_with_object) {
        object_span = find(i.saturating_sub(8).max(c_start), i);
        // "the operation carried out by the security forces": passive;
        // not where the parse makes the object the active past verb's own
        // subject ("Chinese warships massed near Taiwan").
        // Nor where the object heads a relative clause with a subject of
        // its own ("the sanctions it imposed on ..."): that subject acts.
        if object_span.is_some_and(|(os, e)| {
            e + 1 >= i
                && !ctx.syntax.is_some_and(|sx| {
                    sx.active_past_subject_in(i, os, e) || sx.object_relative_head(i).is_some()
                })
        }) {
            *passive = true;
        }
        // "no deal has yet been reached".
        if object_span.is_some_and(|(os, _)| os > 0 && ctx.lower[os - 1] == "no") {
            return None;
        }
    }
    // An object word before a participle on another noun is not its object.
    let object_span = object_span.filter(|&(os, oe)| {
        oe > i || !participle_on_other_noun(ctx, i, (os, oe)) && !object_of_earlier_verb(ctx, i, oe)
    });
    if object_span.is_some_and(|(os, _)| object_of_failure_noun(ctx, r.end, os)) {
        return None;
    }
    object_span.map(Some)
}

/// "signed a truce under which both sides agreed to halt fighting": an
/// agreement told in a relative clause on a noun of an accord
/// (`data/lexicon/accord_nouns.txt`) says what that accord holds; the
/// accord is the event, coded where it is signed or reached.
fn restates_its_accord(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    r.p.category == Category::Agree
        && ctx.syntax.is_some_and(|sx| {
            sx.prepositional_relative_noun(r.first)
                .is_some_and(|noun| ctx.patterns.is_accord_noun(&noun))
        })
}

/// "welcomed the failure of the negotiations": an object word in the "of"
/// phrase of a noun saying it failed or was called off
/// (`data/lexicon/failure_nouns.txt`), between the trigger and it, is not
/// what the act is done to: welcoming a collapse endorses no talks.
fn object_of_failure_noun(ctx: &SentenceContext<'_>, after_trigger: usize, os: usize) -> bool {
    (after_trigger..os).any(|k| {
        ctx.patterns.is_failure_noun(ctx.lower[k]) && ctx.lower.get(k + 1).copied() == Some("of")
    })
}

/// "a note of protest over exercises held this week": a participle the
/// parse hangs on a noun (a reduced relative) has that noun for its
/// object; an object word before it that is not that noun ("protest") is
/// another phrase's, and the participle ("held") is not its act. So too
/// a participle used as an adjective before its noun ("reached a deal to
/// release frozen funds": the funds are frozen, not the deal before it).
fn participle_on_other_noun(ctx: &SentenceContext<'_>, i: usize, (os, oe): (usize, usize)) -> bool {
    let Some(sx) = ctx.syntax else {
        return false;
    };
    let Some(p) = sx.parse_token(i) else {
        return false;
    };
    let (head, dep) = sx.arc(p);
    if !matches!(dep, Dep::Acl | Dep::Amod) || head == p {
        return false;
    }
    let outside = |q: usize| sx.coder_token(q).is_some_and(|h| h < os || h >= oe);
    // "a meeting of the joint commission held in Caracas": the noun an
    // "of" phrase hangs on the object is the object's own.
    let (of, of_dep) = sx.arc(head);
    let of_object = of_dep == Dep::Pobj
        && sx
            .coder_token(of)
            .is_some_and(|k| ctx.lower.get(k).copied() == Some("of"))
        && !outside(sx.arc(of).0);
    outside(head) && !of_object
}

/// "Two journalists covering the march were also held": an object word
/// before a passive trigger that the parse makes the direct object of
/// another verb before the trigger (here a participle on the subject) is
/// that verb's object, not the trigger's: holding journalists is no march
/// held. A trigger in a relative clause on that object keeps it ("widen
/// the sanctions it imposed on ...").
fn object_of_earlier_verb(ctx: &SentenceContext<'_>, i: usize, oe: usize) -> bool {
    let Some(sx) = ctx.syntax else {
        return false;
    };
    let (Some(p), Some(t)) = (sx.parse_token(oe - 1), sx.parse_token(i)) else {
        return false;
    };
    let (head, dep) = sx.arc(p);
    dep == Dep::Dobj
        && head != p
        && sx.arc(t).0 != p
        && sx.coder_token(head).is_some_and(|h| h < oe - 1 && h != i)
}

/// An object farther from the trigger than the pattern's window, in the
/// trigger's clause, that the tree makes the verb's direct object or the
/// noun of an "of" phrase under it ("will provide nearly 25,000 tons of
/// emergency food aid"): quantities and modifiers lengthen a noun phrase
/// without making it another verb's. Hand patterns only: a generated
/// entry's object words are too common for the wider reach. Without a
/// parse the window alone decides.
fn object_beyond_window(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> Option<(usize, usize)> {
    let sx = ctx.syntax.filter(|_| r.p.generated.is_none())?;
    let c_end = r.clause.1;
    let mut start = r.end + r.p.window;
    while start < c_end {
        let (os, oe) = find_object(r.p, ctx.tokens, start, c_end)?;
        if sx.object_of_verb(r.first, oe - 1) {
            return Some((os, oe));
        }
        start = os + 1;
    }
    None
}

/// A base-form trigger the parse tags as the past of another verb: "she
/// wound up on a plane" is "wind up", no wounding. Hand patterns only: the
/// generated lexicon lists some past forms as verbs of their own ("found
/// guilty").
fn past_of_other_verb(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    r.form == Form::Base
        && r.p.kind == TriggerKind::Verb
        && r.p.generated.is_none()
        && ctx
            .syntax
            .is_some_and(|sx| sx.past_of_other_verb(r.first, ctx.lower[r.first]))
}

/// "declined to criticise Russia", "refused to condemn the strikes": the
/// refusal of a hostile gesture rejects nothing (GUIDELINES: a negated act
/// is no event). Decided by the hand verb patterns of the open
/// complement's verb: all of them accusations, threats, attacks or
/// protests. A refused measure ("refused to deport X to Guatemala") may
/// deny a request, and stays a rejection.
fn declines_hostile_act(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    if r.p.category != Category::Reject || r.p.kind != TriggerKind::Verb || r.p.generated.is_some()
    {
        return false;
    }
    let Some(v) = ctx.syntax.and_then(|sx| sx.open_complement_verb(r.first)) else {
        return false;
    };
    let word = ctx.lower.get(v).copied().unwrap_or("");
    let mut categories = ctx
        .patterns
        .triggers(word)
        .iter()
        .filter(|t| t.form == Form::Base)
        .map(|t| ctx.patterns.pattern(t.pattern))
        .filter(|p| p.kind == TriggerKind::Verb && p.generated.is_none())
        // As in `hostile_act_word`: a reading that needs object words the
        // clause lacks is not the word's reading here ("refused to respond
        // to a demand" is no protest note sent back).
        .filter(|p| p.objects.is_empty() || find_object(p, ctx.tokens, v + 1, r.clause.1).is_some())
        .map(|p| p.category)
        .peekable();
    categories.peek().is_some()
        && categories.all(|c| {
            matches!(
                c,
                Category::Accuse | Category::Threaten | Category::Assault | Category::Protest
            )
        })
}

/// "The civilians imprisoned for acting against Moscow were released by
/// Putin": the participle the parse made the main verb
/// (`SentenceSyntax::reduced_relative_read_as_main`) only describes the
/// subject of the real main verb; background with no agent, not coded, as
/// other reduced relatives are.
fn background_participle_read_as_main(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    r.p.kind == TriggerKind::Verb
        && !r.nominal()
        && ctx
            .syntax
            .is_some_and(|sx| sx.reduced_relative_read_as_main(r.first))
}

/// An act that one party claims another did ("the US claimed
/// that ISIL had attacked Iraq") is the claimant's accusation, coded by the
/// alleging verb (`accuse.claim-that`), not an act the
/// text states: the act itself is not coded. A party claiming its own act
/// ("the rebels claimed they had taken the town") states it, and it stays
/// (GUIDELINES: "the RSF said it captured the palace" is required).
fn alleged_by_another(ctx: &SentenceContext<'_>, r: &Reading<'_>, source: &ActorSlot) -> bool {
    let Some(sx) = ctx.syntax else {
        return false;
    };
    if r.p.kind != TriggerKind::Verb || r.nominal() || !sx.in_allegation(r.first) {
        return false;
    }
    let Some(doer) = source_phrase(source, ctx.phrases).and_then(|ph| ph.code.as_ref()) else {
        return false;
    };
    sx.speaker(r.first)
        .and_then(|s| phrase_at(sx, ctx.phrases, s))
        .and_then(|k| ctx.phrases.get(k))
        .and_then(|ph| ph.code.as_ref())
        .is_some_and(|claimant| claimant != doer)
}

/// A `copular-clause` pattern ("said the seizure was an act of piracy"):
/// a party's words are an accusation only when the accusing word is what
/// the clause says the thing is, not a word describing something else
/// ("said it would not tolerate illegal fishing"). With no parse, nothing.
fn not_copular_predicate(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    object_span: Option<(usize, usize)>,
) -> bool {
    if !r.p.copular_clause {
        return false;
    }
    let predicate = ctx
        .syntax
        .and_then(|sx| sx.copular_content_predicate(r.first));
    match (predicate, object_span) {
        (Some((lo, hi)), Some((os, oe))) => !(lo <= os && oe <= hi),
        _ => true,
    }
}

/// A `hostile-clause` pattern ("claimed that ..."): asserting that another
/// party did something is an allegation against it (GUIDELINES: ACCUSE
/// covers "allege") only when what it is said to have done is hostile: an
/// attack, coercion, a threat, a sanction or an accusation ("attacked" is
/// an assault or a verbal attack), told by a word of the
/// trigger's content clause whose hand verb patterns that can read there
/// (their object words, if any, in the clause) are all of these. "Kenya claimed that Uganda had
/// shelled the village" accuses Uganda; "claimed that Uganda had withdrawn"
/// and "claimed responsibility" accuse no one. With no parse, nothing is
/// claimed.
fn claims_no_hostile_act(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    if !r.p.hostile_clause {
        return false;
    }
    let Some((lo, hi)) = ctx.syntax.and_then(|sx| sx.content_clause_range(r.first)) else {
        return true;
    };
    !(lo..hi).any(|k| hostile_act_word(ctx, k, hi))
}

/// Every hand verb reading of word `k` (with its object words, if any,
/// before `hi`) is hostile: an attack, coercion, a threat, a sanction or an
/// accusation. "withdrew" may recall an ambassador (a sanction) but mostly
/// pulls troops back.
fn hostile_act_word(ctx: &SentenceContext<'_>, k: usize, hi: usize) -> bool {
    let word = ctx.lower.get(k).copied().unwrap_or("");
    let mut categories = ctx
        .patterns
        .triggers(word)
        .iter()
        .filter(|t| t.form != Form::Noun)
        .map(|t| ctx.patterns.pattern(t.pattern))
        .filter(|p| p.kind == TriggerKind::Verb && p.generated.is_none())
        // A reading that needs object words the clause lacks is not
        // the word's reading here: "fired on its posts" is no missile
        // launch.
        .filter(|p| p.objects.is_empty() || find_object(p, ctx.tokens, k + 1, hi).is_some())
        .map(|p| p.category)
        .peekable();
    categories.peek().is_some()
        && categories.all(|c| {
            matches!(
                c,
                Category::Assault
                    | Category::Coerce
                    | Category::Threaten
                    | Category::Sanction
                    | Category::Accuse
            )
        })
}

/// A generated entry whose object is an infinitive that is itself a verb
/// trigger ("decide to expel", "force ... to resign") names the control
/// verb, not the act: the complement is coded on its own, with the
/// modality its governor gives it (a decision is an intent, being forced
/// to act is acting). Hand patterns keep their reading.
fn yields_to_complement(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    object_span: Option<(usize, usize)>,
) -> bool {
    let Some((os, oe)) = object_span else {
        return false;
    };
    if r.p.generated.is_none() || os < r.end {
        return false;
    }
    let Some(to) = (os..oe).find(|&k| ctx.lower[k] == "to") else {
        return false;
    };
    let verb = to + 1;
    if verb >= ctx.tokens.len() {
        return false;
    }
    let complement_is_trigger =
        ctx.patterns.triggers(ctx.lower[verb]).iter().any(|t| {
            t.form == Form::Base && ctx.patterns.pattern(t.pattern).kind == TriggerKind::Verb
        });
    // "failed to reach agreement", "refused to sign": a refusal or failure
    // names the event itself; its complement is not coded.
    complement_is_trigger && r.p.category != Category::Reject
}

/// Event nouns are coded only when the clause says they happened: not
/// negated ("No rocket fire ... was reported"), with an occurrence verb as
/// their own predicate or presupposed by the tree, and not in a condition.
fn noun_event_happened(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    let (lower, i, (c_start, c_end)) = (&ctx.lower, r.first, r.clause);
    if r.light_verb.is_some() {
        return !light_object_negated(ctx, r);
    }
    // "police dispersed striking teachers": a noun trigger led by a present
    // participle says the people named are doing it then (on strike), as
    // "teachers who were striking" would.
    if r.p.kind == TriggerKind::Noun
        && r.end > r.first + 1
        && ctx.syntax.is_some_and(|sx| sx.participle_modifier(r.first))
    {
        return !ctx.syntax.is_some_and(|sx| sx.conditional(noun_head(r)));
    }
    if said_to_be_on_stoppage(ctx, r) {
        return !ctx.syntax.is_some_and(|sx| sx.conditional(noun_head(r)));
    }
    let negated_np = (i.saturating_sub(5).max(c_start)..i)
        .rev()
        .take_while(|&k| ctx.tokens[k].is_word)
        .any(|k| {
            matches!(
                lower[k],
                "no" | "any" | "possible" | "further" | "new" | "without"
            )
        });
    if negated_np
        || refers_back_with_such(ctx, i, c_start)
        || fled_from(ctx, i, c_start)
        || named_as_a_right(ctx, i)
    {
        return false;
    }
    // "plans for a visit by the minister": what a proposal noun is for is
    // put forward, not done.
    if ctx
        .syntax
        .is_some_and(|sx| sx.noun_content_of_proposal(noun_head(r)))
    {
        return false;
    }
    // The occurrence verb must be the noun's own predicate: within five
    // words, not counting the words of actor phrases between.
    let mut free = 0;
    let mut happened = false;
    for k in r.end..c_end {
        // "a group that tracks the war said eight people were killed": an
        // occurrence verb in what is said after a reporting verb tells of
        // another happening than the noun's.
        if ctx.syntax.is_some_and(|sx| sx.reporting_verb(k)) {
            break;
        }
        if ctx.patterns.occurrence_at(lower, k).is_some()
            && !(k > 0 && NEGATION.contains(&lower[k - 1]))
        {
            // "a strike could happen", "talks will take place": a modal
            // occurrence says the event may come, not that it came.
            if k > 0 && MODALS.contains(&lower[k - 1]) {
                return false;
            }
            if tells_a_trend(lower, k) {
                return false;
            }
            happened = true;
            break;
        }
        if !ctx.phrases.iter().any(|ph| ph.first <= k && k < ph.end) {
            free += 1;
        }
        if free > 4 {
            break;
        }
    }
    let head = noun_head(r);
    if !happened
        && !ctx.syntax.is_some_and(|sx| {
            sx.noun_presupposed(head, of_doer(ctx, r.p))
                || sx.noun_scene_of_past_act(head)
                || sx.noun_reacted_to(head, |v| presupposing_verb(ctx, v))
                || (r.p.category == Category::Protest
                    && sx.gathering_dispersed(head, |v| dispersing_verb(ctx, v)))
                || drew_reaction(ctx, sx, head)
        })
    {
        return false;
    }
    // "if he gave them a veto": a noun in a condition.
    !ctx.syntax.is_some_and(|sx| sx.conditional(head))
}

/// "refugees fleeing the fighting", "fled the violence", "escaping from the
/// clashes": what people flee is the known background of their flight, named
/// to say why they left, not a new happening the sentence tells.
fn fled_from(ctx: &SentenceContext<'_>, noun: usize, clause_start: usize) -> bool {
    (noun.saturating_sub(4).max(clause_start)..noun)
        .rev()
        .take_while(|&k| ctx.tokens[k].is_word)
        .any(|k| verb_of_flight(ctx, k))
}

/// "Exports declined by 12 percent", "attacks declined sharply": a verb
/// of refusing whose other sense is a fall (`DECREASE_SENSE_VERBS`), with
/// nothing refused — no object, complement or passive subject — tells a
/// decrease, not a rejection ("declined the invitation", "declined to
/// attend" stay).
fn declined_as_decrease(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    r.p.category == Category::Reject
        && r.p.kind == TriggerKind::Verb
        && !r.nominal()
        && ctx.syntax.is_some_and(|sx| {
            sx.lemma(r.first)
                .is_some_and(|l| DECREASE_SENSE_VERBS.contains(&l.to_lowercase().as_str()))
                && sx.has_no_complement(r.first)
        })
}

/// Verbs of refusing that, refusing nothing, mean a fall in number.
const DECREASE_SENSE_VERBS: &[&str] = &["decline"];

/// Coder token `k` is a form of "flee" or "escape": by the parse's lemma,
/// or by the word itself when the sentence has no parse.
fn verb_of_flight(ctx: &SentenceContext<'_>, k: usize) -> bool {
    let lemma = ctx.syntax.and_then(|sx| sx.lemma(k)).map(str::to_lowercase);
    let word = lemma.as_deref().unwrap_or(ctx.lower[k]);
    matches!(word, "flee" | "fled" | "escape")
}

/// "Kidnappings have grown more frequent", "raids became common": an
/// occurrence verb at word `k` whose complement says how often such events
/// come tells a trend over many of them, not one that happened.
fn tells_a_trend(lower: &[&str], k: usize) -> bool {
    lower
        .iter()
        .skip(k + 1)
        .take(3)
        .skip_while(|w| {
            matches!(
                **w,
                "more" | "less" | "increasingly" | "ever" | "much" | "far"
            )
        })
        .take(1)
        .any(|w| FREQUENCY_ADJECTIVES.contains(w))
}

/// Adjectives of how often a kind of event comes (`tells_a_trend`).
const FREQUENCY_ADJECTIVES: &[&str] = &[
    "frequent",
    "common",
    "commonplace",
    "rare",
    "rarer",
    "routine",
    "regular",
    "widespread",
    "scarce",
    "infrequent",
    "commoner",
];

/// "the first such attack since the war", "such raids": an event noun
/// after "such" points back to an act the text has already told of, so it
/// is a repeated mention (optional in GUIDELINES), not a new happening.
fn refers_back_with_such(ctx: &SentenceContext<'_>, noun: usize, clause_start: usize) -> bool {
    (noun.saturating_sub(3).max(clause_start)..noun)
        .rev()
        .take_while(|&k| ctx.tokens[k].is_word)
        .any(|k| ctx.lower[k] == "such")
}

/// "prisoners have been on hunger strike since Nov. 26", "nurses remained
/// on strike": people said to be (or to stay) on a strike or a protest are
/// doing it, as "are striking" would say; no occurrence verb is needed. Not
/// after a negation or a modal ("were not on strike", "will be on strike
/// from Monday"), and only for a protest noun or a bare strike noun ("on
/// alert", "on patrol" are other states).
fn said_to_be_on_stoppage(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    let (lower, i) = (&ctx.lower, r.first);
    let stoppage = r.p.category == Category::Protest || matches!(lower[i], "strike" | "strikes");
    r.p.kind == TriggerKind::Noun
        && stoppage
        && i >= 2
        && lower[i - 1] == "on"
        && ON_STATE_VERBS.contains(&lower[i - 2])
        && !(i >= 3 && NOT_YET_OR_NOT.contains(&lower[i - 3]))
}

/// Verbs that say someone is in a state: "are on strike", "remained on strike".
const ON_STATE_VERBS: [&str; 13] = [
    "is",
    "are",
    "was",
    "were",
    "been",
    "remain",
    "remains",
    "remained",
    "remaining",
    "stay",
    "stays",
    "stayed",
    "staying",
];

/// Words before such a verb that deny the state or put it ahead ("were not
/// on strike", "will be on strike").
const NOT_YET_OR_NOT: [&str; 11] = [
    "not", "never", "n't", "will", "would", "could", "may", "might", "shall", "ll", "to",
];

/// "urged the authorities to respect the right to strike": an act named
/// as a right ("the right to strike", "rights to protest") is what people
/// may do, not something anyone did; the noun after "right(s) to" tells of
/// no happening.
fn named_as_a_right(ctx: &SentenceContext<'_>, noun: usize) -> bool {
    noun >= 2 && ctx.lower[noun - 1] == "to" && matches!(ctx.lower[noun - 2], "right" | "rights")
}

/// "sent peacekeepers at the government's request", "at the invitation of
/// Kenya": a request named as the occasion of another act says on whose
/// word it was done; it is no appeal the sentence reports, and "the
/// government" there is seldom the subject's own.
fn request_as_circumstance(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    r.p.category == Category::Request
        && ctx
            .syntax
            .and_then(|sx| sx.governing_preposition(r.first))
            .is_some_and(|prep| prep == "at")
}

/// Coder token `k`, in the object of a matched praise or criticism, is an
/// event noun with its doer named that the reaction asserts ("welcomed the
/// release of 50 prisoners by Eritrea"): the object word of the welcome is
/// also a release of its own, so it stays free to be coded.
fn reacted_event_noun(ctx: &SentenceContext<'_>, k: usize) -> bool {
    ctx.syntax
        .is_some_and(|sx| sx.noun_reacted_to(k, |v| presupposing_verb(ctx, v)))
}

/// Coder token `k` is a hand verb trigger whose object event must have
/// taken place (`presupposes_its_object`): a reaction ("condemned the
/// arrest of ... by ...") or a dispersal ("broke up a march by teachers").
fn presupposing_verb(ctx: &SentenceContext<'_>, k: usize) -> bool {
    ctx.lower.get(k).is_some_and(|w| {
        ctx.patterns
            .triggers(w)
            .iter()
            .any(|t| presupposes_its_object(ctx.patterns.pattern(t.pattern)))
    })
}

/// Word `k` triggers a hand verb pattern of dispersal (COERCE, CAMEO 175:
/// "dispersed", "broken up"), which acts on a gathering that took place
/// (`SentenceSyntax::gathering_dispersed`).
fn dispersing_verb(ctx: &SentenceContext<'_>, k: usize) -> bool {
    ctx.lower.get(k).is_some_and(|w| {
        ctx.patterns.triggers(w).iter().any(|t| {
            let p = ctx.patterns.pattern(t.pattern);
            p.generated.is_none()
                && p.kind == TriggerKind::Verb
                && p.category == Category::Coerce
                && p.cameo == "175"
        })
    })
}

/// A hand verb pattern that acts on an event which happened: praise or
/// criticism of it (`is_reaction`), or the dispersal of a gathering (CAMEO
/// 175, "police dispersed a rally by farmers": the rally took place, so
/// the protest noun is coded beside the repression).
fn presupposes_its_object(p: &Pattern) -> bool {
    is_reaction(p)
        || (p.generated.is_none()
            && p.kind == TriggerKind::Verb
            && p.category == Category::Coerce
            && p.cameo == "175")
}

/// "The arrest of a journalist drew condemnation from the EU": an event
/// noun that is the subject of an asserted reaction it drew (a hand
/// SUPPORT or ACCUSE pattern whose subject is the one acted on,
/// `subject-target`, with its object words after the verb) happened: one
/// condemns what was done. Its doer may be unnamed, as in the passive.
fn drew_reaction(ctx: &SentenceContext<'_>, sx: &SentenceSyntax<'_>, head: usize) -> bool {
    let Some(v) = sx.asserted_verb_of_subject_noun(head) else {
        return false;
    };
    let Some(w) = ctx.lower.get(v) else {
        return false;
    };
    ctx.patterns.triggers(w).iter().any(|t| {
        let p = ctx.patterns.pattern(t.pattern);
        is_reaction(p)
            && p.subject_target
            && matching::object_of(
                p,
                ctx.tokens,
                ctx.syntax,
                v,
                v + 1,
                (v + 1 + p.window).min(ctx.tokens.len()),
            )
            .is_some()
    })
}

/// A hand verb pattern of praise or criticism (SUPPORT or ACCUSE).
fn is_reaction(p: &Pattern) -> bool {
    p.generated.is_none()
        && p.kind == TriggerKind::Verb
        && matches!(p.category, Category::Support | Category::Accuse)
}

/// The actor phrase that acts, by the trigger's kind: the object for
/// patterns whose object acts, the tree's noun arguments or the words
/// around an event noun, the passive agent, else the subject.
fn find_source(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    passive: bool,
    noun_args: Option<&(NounArguments, &SentenceSyntax<'_>)>,
) -> Option<ActorSlot> {
    let (tokens, phrases, lower) = (ctx.tokens, ctx.phrases, &ctx.lower);
    let (p, i, trig_end, (c_start, c_end)) = (r.p, r.first, r.end, r.clause);
    if p.source_is_object {
        phrases
            .iter()
            .position(|ph| ph.first >= trig_end && ph.end <= c_end)
            .map(ActorSlot::Phrase)
    } else if r.nominal_gerund {
        phrases
            .iter()
            .position(|ph| ph.first >= trig_end && ph.first <= trig_end + 1 && ph.end <= c_end)
            .map(ActorSlot::Phrase)
    } else if let Some(v) = r.light_verb {
        light_verb_source(ctx, v, noun_args).map(ActorSlot::Phrase)
    } else if let Some(k) = r
        .nominal()
        .then_some(ctx.syntax)
        .flatten()
        .and_then(|sx| phrase_at(sx, phrases, sx.scene_subject(i)?))
    {
        // "in a meeting with Erdogan, Trump asked ...": the one who acted in
        // it, before the noun's own arguments (its "with" party is the other).
        Some(ActorSlot::Phrase(k))
    } else if let Some(k) =
        noun_args.and_then(|(args, sx)| noun_source(sx, phrases, args, of_doer(ctx, p)))
    {
        Some(ActorSlot::Phrase(k))
    } else if let Some(k) = noun_prep_source(ctx, r) {
        Some(ActorSlot::Phrase(k))
    } else if p.kind == TriggerKind::Noun {
        // "Israeli air strike", "Russia's withdrawal", "withdrawal of troops".
        phrases
            .iter()
            .position(|ph| ph.end <= i && ph.end + 1 >= i)
            .or_else(|| {
                phrases.iter().position(|ph| {
                    ph.first >= trig_end
                        && ph.first <= trig_end + 2
                        && (ph.first == trig_end || matches!(lower[trig_end], "of" | "by"))
                })
            })
            .map(ActorSlot::Phrase)
    } else if passive {
        p.passive_source_prep
            .as_deref()
            .and_then(|prep| match prep {
                // "was ordered to leave Argentina": the place left acts.
                "obj" => phrases.iter().position(|ph| {
                    ph.first >= trig_end && ph.first <= trig_end + 1 && ph.end <= c_end
                }),
                _ => after_prep(tokens, phrases, prep, trig_end, c_end),
            })
            .or_else(|| ctx.syntax.and_then(|sx| tree_agent(sx, phrases, i)))
            .or_else(|| {
                by_agent(tokens, phrases, trig_end, c_end)
                    .filter(|&k| !agent_of_a_later_participle(ctx, i, &phrases[k]))
            })
            .map(ActorSlot::Phrase)
    } else {
        // A weapon as the tree's subject: an actor named before it
        // ("police said a bomb killed ...") is not who set it off.
        ctx.syntax
            .and_then(|sx| tree_subject(sx, phrases, i))
            .or_else(|| ctx.syntax.and_then(|sx| issuing_place(sx, phrases, i)))
            .or_else(|| {
                (!weapon_subject(ctx, r))
                    .then(|| subject_before(tokens, phrases, c_start, i))
                    .flatten()
            })
            .map(ActorSlot::Phrase)
    }
}

/// An event noun with no agent or possessor whose pattern names the
/// source after a preposition (`psrc=PREP`), as its passive does: "the
/// expulsion of 20 diplomats from Belarus" is Belarus's act, as "20
/// diplomats were expelled from Belarus" is. The preposition must follow
/// the noun closely (its "of" object between), within the clause.
fn noun_prep_source(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> Option<usize> {
    if r.p.kind != TriggerKind::Noun {
        return None;
    }
    let prep = r.p.passive_source_prep.as_deref().filter(|&p| p != "obj")?;
    let to = r.clause.1.min(r.end + 8);
    after_prep(ctx.tokens, ctx.phrases, prep, r.end, to)
}

/// A joint act of a coordinated subject whose target is a third party
/// named in its own right, of neither subject's country: the two subjects
/// act together on it, so both are its sources.
fn joint_with_third_party(phrases: &[ActorPhrase], event: &EventMatch, second: usize) -> bool {
    let code = |slot: &ActorSlot| match slot {
        ActorSlot::Phrase(k) => phrases.get(*k).and_then(|ph| ph.code.as_ref()),
        _ => None,
    };
    let ActorSlot::Phrase(t) = event.target else {
        return false;
    };
    let target = &phrases[t];
    !target.how.is_default()
        && target.code.is_some()
        && target.code.as_ref() != code(&event.source)
        && target.code.as_ref() != phrases.get(second).and_then(|ph| ph.code.as_ref())
}

/// In a joint act the partner named in the subject ("the Turkish and Greek
/// sides agreed to share information on missing people") is the other
/// party before a target phrase whose country is only a default (the
/// unnamed "people", coded from the sentence's country): a named party
/// beats a guessed one. A target named in its own right is kept.
fn joint_partner_over_default(
    phrases: &[ActorPhrase],
    target: Option<usize>,
    co_target: Option<usize>,
) -> Option<usize> {
    match (target, co_target) {
        (Some(t), Some(c)) if phrases.get(t).is_some_and(|ph| ph.how.is_default()) => Some(c),
        (t, _) => t,
    }
}

/// The phrase is the object of an earlier verb ("arrested 12 protesters
/// and Pakistani officials condemned ..."): the end of one clause, not the
/// first of a joint subject.
fn acted_on_before(ctx: &SentenceContext<'_>, ph: &ActorPhrase) -> bool {
    ctx.syntax
        .is_some_and(|sx| ph.end > ph.first && sx.verb_object(ph.end - 1))
}

/// In a type whose object is what is moved (`categories.tsv`: AID,
/// RETREAT, MOBILIZE), the phrase found as a passive's target holds the
/// pattern's object words found before the trigger and is the source's own side ("Belgian
/// troops were withdrawn ... by the Belgian government"): the thing moved.
/// Another side's people are acted on ("Russian diplomats were expelled by
/// Poland").
fn moved_subject(
    ctx: &SentenceContext<'_>,
    target: Option<usize>,
    object_span: Option<(usize, usize)>,
    source: &ActorSlot,
) -> bool {
    match (target.and_then(|k| ctx.phrases.get(k)), object_span) {
        (Some(ph), Some((os, _))) => {
            ph.first <= os
                && os < ph.end
                && ph.code.is_some()
                && source_phrase(source, ctx.phrases).is_some_and(|s| s.code == ph.code)
        }
        _ => false,
    }
}

/// "Kenya and Uganda met. They criticised Sudan": a "they" read as two
/// parties is two phrases over the same words (`actors::pair_partner`),
/// coordinated as "Kenya and Uganda" would be; so is a head a "whose"
/// takes up from two coordinated owners ("Peru and Chile, whose ministers
/// met": `actors::code_from_whose_antecedent`).
fn pronoun_pair(a: &ActorPhrase, b: &ActorPhrase) -> bool {
    a.first == b.first
        && a.end == b.end
        && matches!(a.how, ActorHow::CorefPronoun(_))
        && a.how == b.how
}

/// A joint subject: "Indian and Chinese troops clashed" (coordinated
/// modifiers) or "Japarov and his Tajik counterpart held talks"
/// (coordinated phrases). The first conjunct acts; the second is returned
/// as the other party.
fn coordinated_source(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    passive: bool,
    source: Option<ActorSlot>,
) -> (Option<ActorSlot>, Option<usize>) {
    let (tokens, phrases, lower) = (ctx.tokens, ctx.phrases, &ctx.lower);
    let mut co_target = None;
    let source = match ctx
        .syntax
        .filter(|_| r.p.kind == TriggerKind::Verb && !passive)
        .and_then(|sx| coordinated_sides(sx, phrases, r.first))
    {
        Some((first, second)) => {
            co_target = Some(second);
            Some(ActorSlot::Phrase(first))
        }
        None => source,
    };
    let joined = |a: &ActorPhrase, b: &ActorPhrase| {
        (a.end <= b.first && matches!(&lower[a.end..b.first], ["and"] | [",", "and"])
            || pronoun_pair(a, b))
            && !a.modifier_only
            && !b.modifier_only
            && a.code != b.code
    };
    let source = source.map(|slot| match slot {
        ActorSlot::Phrase(k) if k > 0 && !passive => {
            let prev = &phrases[k - 1];
            if (joined(prev, &phrases[k]) || headline_comma_pair(lower, prev, &phrases[k], r.first))
                && !is_governed(tokens, prev)
                && !acted_on_before(ctx, prev)
            {
                co_target = Some(k);
                ActorSlot::Phrase(k - 1)
            } else if phrases
                .get(k + 1)
                .is_some_and(|next| joined(&phrases[k], next))
            {
                // The tree's subject is the first conjunct.
                co_target = Some(k + 1);
                slot
            } else {
                slot
            }
        }
        ActorSlot::Phrase(0) if !passive => {
            if phrases.get(1).is_some_and(|next| {
                joined(&phrases[0], next) || headline_comma_pair(lower, &phrases[0], next, r.first)
            }) {
                co_target = Some(1);
            }
            slot
        }
        // "The treaty was signed by Armenia and Georgia": coordinated
        // agents of a passive are the joint subject of the active.
        // "by Jordanian and Egyptian planes": two sides' adjectives on one
        // agent noun likewise.
        ActorSlot::Phrase(k) if passive && by_agent_phrase(tokens, &phrases[k]) => {
            if phrases.get(k + 1).is_some_and(|next| {
                joined(&phrases[k], next) || joined_adjectives(lower, &phrases[k], next)
            }) {
                co_target = Some(k + 1);
            }
            slot
        }
        other => other,
    });
    (source, co_target)
}

/// Headline coordination by a bare comma: "Peru, Chile agree to boost
/// border security" (headlines drop "and"). The first party opens the
/// sentence, only a comma parts the two, and the verb follows the second
/// directly; an apposition ("Peru, Chile's neighbour, agreed") has a comma
/// before the verb, so it is not read so.
fn headline_comma_pair(lower: &[&str], a: &ActorPhrase, b: &ActorPhrase, verb: usize) -> bool {
    a.first == 0
        && a.end <= b.first
        && matches!(&lower[a.end..b.first], [","])
        && b.end == verb
        && !a.modifier_only
        && !b.modifier_only
        && a.code.is_some()
        && a.code != b.code
}

/// Two sides' adjectives coordinated on one noun ("Jordanian and Egyptian
/// planes"): both modify it, so both are the noun's sides.
fn joined_adjectives(lower: &[&str], a: &ActorPhrase, b: &ActorPhrase) -> bool {
    a.modifier_only
        && b.modifier_only
        && a.code != b.code
        && a.end <= b.first
        && matches!(&lower[a.end..b.first], ["and"])
}

/// An agentless passive of a joint act whose subject names the two
/// parties "between" whom it is ("the accord between Sudan and Chad was
/// signed"): the parties did it together, as in the active "Sudan and
/// Chad signed the accord". The first acts, the second is the other party.
fn passive_subject_parties(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
) -> (Option<ActorSlot>, Option<usize>) {
    let Some(sx) = ctx.syntax else {
        return (None, None);
    };
    let parties: Vec<usize> = sx
        .passive_subject_parties(r.first)
        .into_iter()
        .filter_map(|p| party_phrase_at(sx, ctx.phrases, p))
        .collect();
    match parties[..] {
        [a, b, ..] if a != b && ctx.phrases[a].code != ctx.phrases[b].code => {
            (Some(ActorSlot::Phrase(a)), Some(b))
        }
        _ => (None, None),
    }
}

/// "Qatar said that 120 detainees had been released by each side": the
/// one who reports a passive act of release, aid or accord (phrase `k`, the
/// subject of the saying verb over the trigger) is not what was acted on.
/// Hostile acts are often reported by their victims ("Taiwan said missiles
/// were launched into its waters"), so there the speaker may be the target.
/// "she announced that all work would be suspended": a passive with no
/// agent in the content clause of "announce", whose nearest party before it
/// is the announcer itself (no party is acted on), is the announcer's own
/// act made public, not one done to the announcer.
fn announced_own_act(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    passive: bool,
    source: ActorSlot,
    target: Option<usize>,
) -> (ActorSlot, Option<usize>) {
    let announcer = || {
        let sx = ctx.syntax?;
        let verb = sx.content_clause_verb(r.first)?;
        if !sx
            .lemma(verb)
            .is_some_and(|l| l.eq_ignore_ascii_case("announce"))
        {
            return None;
        }
        party_phrase_at(sx, ctx.phrases, sx.speaker(r.first)?)
    };
    match (source, target) {
        (ActorSlot::OtherParty, Some(k))
            if passive
                && !r.nominal()
                && r.p.kind == TriggerKind::Verb
                && announcer() == Some(k) =>
        {
            (ActorSlot::Phrase(k), None)
        }
        (source, target) => (source, target),
    }
}

/// A passive coercion with no agent in what police or security services
/// say is their own act: "police said 40 people had been arrested" names
/// the arresters, not the document's default country; a target that is
/// the speaker itself is no target ("police said three nationals had been
/// detained" detains no police).
fn coercion_reported_by_police(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    passive: bool,
    source: ActorSlot,
    target: Option<usize>,
) -> (ActorSlot, Option<usize>) {
    if !passive
        || r.nominal()
        || r.p.kind != TriggerKind::Verb
        || r.p.category != Category::Coerce
        || !matches!(source, ActorSlot::Default { .. } | ActorSlot::OtherParty)
    {
        return (source, target);
    }
    let police = ctx.syntax.and_then(|sx| {
        let k = party_phrase_at(sx, ctx.phrases, sx.speaker(r.first)?)?;
        let ph = ctx.phrases.get(k)?;
        (ph.sector == Some(Sector::Cop) && ph.code.is_some() && !ph.how.is_default()).then_some(k)
    });
    match police {
        Some(k) => (ActorSlot::Phrase(k), target.filter(|&t| t != k)),
        None => (source, target),
    }
}

fn speaker_of_the_clause(ctx: &SentenceContext<'_>, r: &Reading<'_>, k: usize) -> bool {
    let hostile = matches!(
        r.p.category,
        Category::Assault
            | Category::Coerce
            | Category::Mobilize
            | Category::Threaten
            | Category::Sanction
            | Category::Accuse
            | Category::Protest
    );
    let trigger = r.first;
    !hostile
        && ctx.syntax.is_some_and(|sx| {
            sx.speaker(trigger)
                .and_then(|s| party_phrase_at(sx, ctx.phrases, s))
                == Some(k)
        })
}

/// "was released from hospital", "were treated and released": a release
/// in a clause of medical care (`data/lexicon/care_words.txt`) is a
/// discharge, not the freeing of someone held (CAMEO 0841).
fn discharged_from_care(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    if r.p.category != Category::Retreat || !r.p.cameo.starts_with("084") {
        return false;
    }
    let (start, end) = r.clause;
    (start..end).any(|k| {
        let lemma = ctx
            .syntax
            .and_then(|sx| sx.lemma(k))
            .map_or_else(|| ctx.lower[k].to_string(), str::to_lowercase);
        ctx.patterns.is_care_word(&lemma)
    })
}

/// A passive's agent phrase, right after "by" ("was signed by Armenia").
fn by_agent_phrase(tokens: &[Token], ph: &ActorPhrase) -> bool {
    ph.first > 0 && tokens[ph.first - 1].lower == "by"
}

/// "A Greek tanker was seized", "a Maltese ship was hijacked": force and
/// coercion act on another side's people or things, so a passive subject
/// holding the pattern's object is what was acted on, not its own side's
/// doer as a deployed or recalled force is (`theme_as_source`).
fn acts_on_others_theme(category: Category) -> bool {
    matches!(category, Category::Assault | Category::Coerce)
}

/// In the passive, the phrase holding the pattern's object before the
/// trigger ("Malian troops were deployed").
fn theme_as_source(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    object_span: Option<(usize, usize)>,
) -> Option<usize> {
    object_span
        .filter(|(os, _)| *os < r.first)
        .and_then(|(os, oe)| {
            ctx.phrases
                .iter()
                .position(|ph| ph.first <= os && oe <= ph.end && !ph.pronoun)
                // "Chinese warships were deployed": the side's adjective
                // alone is the phrase, right before the object.
                .or_else(|| {
                    ctx.phrases
                        .iter()
                        .position(|ph| ph.modifier_only && !ph.pronoun && ph.end == os)
                })
        })
}

/// "The Algerian ambassador to France was recalled": in the passive, the
/// pattern's target preposition may hang on the subject that holds the
/// pattern's object, before the trigger; the party after it is the target,
/// as it is after the trigger in the active ("recalled its ambassador to
/// France").
fn theme_prep_target(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    object_span: Option<(usize, usize)>,
) -> Option<usize> {
    let (_, oe) = object_span.filter(|(os, _)| *os < r.first)?;
    r.p.targets.iter().find_map(|slot| match slot {
        TargetSlot::Prep(prep) if ctx.lower.get(oe).copied() == Some(prep.as_str()) => {
            after_prep(ctx.tokens, ctx.phrases, prep, oe, r.first)
        }
        _ => None,
    })
}

/// Force done by a weapon or an attack named as the doer ("a roadside bomb
/// killed three soldiers", "a car bomb exploded ..., killing 12"): the
/// weapon is not the actor, and whoever set it off is not named. The source
/// is an unknown actor of the place (the country of a place named in the
/// trigger's clause, no sector), the victims the target. Only for an active ASSAULT verb
/// whose subject is no actor phrase.
fn unattributed_attack(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    passive: bool,
) -> Option<ActorSlot> {
    (!passive && weapon_subject(ctx, r)).then_some(ActorSlot::Unattributed)
}

/// A hand ASSAULT verb whose subject in the tree is a weapon or an attack
/// (`SentenceSyntax::weapon_doer`): "a roadside bomb killed three soldiers".
fn weapon_subject(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    r.p.category == Category::Assault
        && r.p.kind == TriggerKind::Verb
        && r.p.generated.is_none()
        && !r.nominal()
        && ctx
            .syntax
            .is_some_and(|sx| sx.weapon_doer(r.first, |lemma| ctx.patterns.is_weapon(lemma)))
}

/// With no source phrase: an active verb with no actor as its subject
/// ("earthquakes struck", "Thank you") codes nothing, except where crowds
/// may be unnamed (protests, civilian-source patterns); a generated entry
/// codes only an actor the text names (its verbs are too general to guess
/// who acted); otherwise the passive's other party or the default.
fn default_source(r: &Reading<'_>, passive: bool, source: Option<ActorSlot>) -> Option<ActorSlot> {
    let p = r.p;
    if source.is_none()
        && !passive
        && p.kind == TriggerKind::Verb
        && r.form != Form::Gerund
        && !p.civilian_source
        && p.category != Category::Protest
    {
        return None;
    }
    if source.is_none() && p.generated.is_some() {
        return None;
    }
    Some(source.unwrap_or(if passive {
        ActorSlot::OtherParty
    } else {
        ActorSlot::Default {
            civilian: p.civilian_source,
        }
    }))
}

/// A pattern that names its source's word ("police") codes only a source
/// phrase containing it.
fn source_word_ok(ctx: &SentenceContext<'_>, p: &Pattern, source: &ActorSlot) -> bool {
    let Some(word) = &p.source_word else {
        return true;
    };
    match source {
        ActorSlot::Phrase(s) => ctx.tokens[ctx.phrases[*s].first..ctx.phrases[*s].end]
            .iter()
            .any(|t| t.lower.contains(word.as_str())),
        _ => false,
    }
}

/// Whether a counted passive subject of this pattern's act is a toll (the
/// dead and the hurt of "the town where 28 people were killed"), which a
/// relative clause of place only describes. Counted people arrested or
/// detained ("a scandal in which two former ministers were arrested in
/// 2019") are an act of the state's forces all the same (GUIDELINES: "6,700
/// people have been detained" is required).
fn counts_a_toll(p: &Pattern) -> bool {
    p.category == Category::Assault
}

/// Whether the source phrase has one of the pattern's sectors (`srcsector=`):
/// "arrived in Malaysia" is a visit when a government or an IGO arrives,
/// not when refugees or a ship do. A default source has no sector to show.
fn source_sector_ok(ctx: &SentenceContext<'_>, p: &Pattern, source: &ActorSlot) -> bool {
    if p.source_sectors.is_empty() {
        return true;
    }
    source_phrase(source, ctx.phrases)
        .and_then(|ph| ph.sector.or_else(|| state_by_name(ctx.tokens, ph)))
        .is_some_and(|sector| p.source_sectors.contains(&sector))
}

/// A state named by itself ("China", "the United States", "the Republic of
/// Korea"), with no agency or group word, acts as its government: "China
/// blockaded the ports" is the state's act, as CAMEO codes a bare country. A phrase with a common
/// noun ("Chinese ships", "Kenyan traders") says nothing of who acts.
/// The small words of a state's name ("the", "of", and the "and" of
/// "Trinidad and Tobago" or "Bosnia and Herzegovina") are no common noun.
fn state_by_name(tokens: &[Token], ph: &ActorPhrase) -> Option<Sector> {
    let code = ph.code.as_deref()?;
    let country_like = code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase());
    let proper_only = tokens[ph.first..ph.end]
        .iter()
        .filter(|t| t.is_word && !matches!(t.lower.as_str(), "the" | "of" | "and"))
        .all(|t| t.capitalised);
    (country_like
        && proper_only
        && !ph.person
        && !ph.pronoun
        && !ph.modifier_only
        && !ph.how.is_default())
    .then_some(Sector::Gov)
}

/// Whether the source is an actor the text names, with a code, not one
/// the coder supplied by default (`named-source`): a noun such as "call"
/// names a request only when a party makes it ("Kenya's call for a
/// ceasefire"); alone it is as often a phone or police call.
fn source_named(ctx: &SentenceContext<'_>, source: &ActorSlot) -> bool {
    source_phrase(source, ctx.phrases).is_some_and(|ph| ph.code.is_some() && !ph.how.is_default())
}

/// Whether the target is named and of another side than the source
/// (`other-side`): a minister arriving in his own country is going home,
/// not visiting.
fn target_of_other_side(
    ctx: &SentenceContext<'_>,
    source: &ActorSlot,
    target: Option<usize>,
) -> bool {
    let source_code = source_phrase(source, ctx.phrases).and_then(|s| s.code.as_ref());
    target
        .and_then(|k| ctx.phrases.get(k))
        .is_some_and(|ph| source_code.is_some() && named_other_side(ph, source_code))
}

/// "A Kuwaiti businessman was extradited to Jordan by Oman": a pattern
/// whose target slots put a preposition before the object (`to,obj`) aims
/// the act at that preposition's party first ("extradited a Kuwaiti to
/// Jordan" is aimed at Jordan). The passive moves the object before the
/// verb, but the order holds: a named party of another side right after
/// the preposition, within the clause, outranks the passive subject.
fn passive_leading_prep_target(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    source: &ActorSlot,
) -> Option<usize> {
    let TargetSlot::Prep(prep) = r.p.targets.first()? else {
        return None;
    };
    if !r.p.targets.contains(&TargetSlot::Object) || r.nominal() {
        return None;
    }
    let source_code = source_phrase(source, ctx.phrases).and_then(|s| s.code.as_ref());
    let k = after_prep(ctx.tokens, ctx.phrases, prep, r.end, r.clause.1)?;
    (*source != ActorSlot::Phrase(k) && named_other_side(&ctx.phrases[k], source_code)).then_some(k)
}

/// Words after a one-word agency phrase that show it is no adjective on a
/// noun of its own (`object_target`'s descriptor): function words and
/// verbs of saying or being.
const DESCRIBED_NOUN_STOPS: &[&str] = &[
    "and", "or", "of", "in", "on", "to", "from", "with", "at", "for", "by", "'s", "’s", "has",
    "have", "had", "was", "were", "is", "are", "said", "says", "who", "that", "which",
];

/// The target from the pattern's target slots, in order: the object (its
/// own actor, or the first actor after it) or a preposition's phrase.
fn pattern_target(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    object_span: Option<(usize, usize)>,
    after: usize,
    source: &ActorSlot,
) -> Option<usize> {
    r.p.targets.iter().find_map(|slot| match slot {
        TargetSlot::Object => object_target(ctx, r, object_span, after, source),
        TargetSlot::Prep(prep) => object_doer_of_reaction(ctx, r, source).or_else(|| {
            let start = if prep == "to" && r.p.category == Category::Aid {
                past_infinitive_markers(ctx, r.end, r.clause.1)
            } else {
                r.end
            };
            after_prep(ctx.tokens, ctx.phrases, prep, start, r.clause.1)
        }),
        TargetSlot::Frontier => frontier_side_target(ctx, r, source),
    })
}

/// Where a search for an aid's recipient after "to" starts: past every
/// infinitive marker "to" that comes before the first preposition "to"
/// after the trigger ("would give the country another $12 million to run
/// them": "to run" names no recipient, and its object "them" is no target
/// of the gift; the object slot then reads "the country"). A preposition
/// "to" later in the clause is still read, and so is a helping verb's
/// object ("sent 30 border guards to help Lithuanian officers"). Aid only:
/// other acts' purpose verbs act on their target ("scrambled fighters to
/// intercept two Chinese bombers").
fn past_infinitive_markers(ctx: &SentenceContext<'_>, from: usize, to: usize) -> usize {
    let Some(sx) = ctx.syntax else {
        return from;
    };
    let mut start = from;
    while let Some(k) = (start..to).find(|&k| ctx.tokens[k].lower == "to") {
        if !sx.infinitive_marker(k) || helps_its_object(ctx.tokens, k) {
            break;
        }
        start = k + 1;
    }
    start
}

/// Verbs whose object is the one helped: "sent 30 border guards to help
/// Lithuanian officers" aims the sending at the officers.
const HELPING_VERBS: &[&str] = &[
    "help",
    "assist",
    "support",
    "aid",
    "protect",
    "reinforce",
    "bolster",
    "back",
];

/// The infinitive marker "to" at `k` opens a helping verb's clause (`HELPING_VERBS`),
/// whose object is the recipient of the trigger's act.
fn helps_its_object(tokens: &[Token], k: usize) -> bool {
    tokens
        .get(k + 1)
        .is_some_and(|t| HELPING_VERBS.contains(&t.lower.as_str()))
}

/// "closed the Belarusian border", "shut two checkpoints on the Belarusian
/// border": a named party after the trigger, in its clause, that modifies
/// a border noun is the other side of the border the act closes. Not a
/// pronoun ("its border") nor the source's own side.
fn frontier_side_target(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    source: &ActorSlot,
) -> Option<usize> {
    let sx = ctx.syntax?;
    let own = source_phrase(source, ctx.phrases).and_then(|s| s.code.as_deref());
    ctx.phrases.iter().position(|ph| {
        ph.first >= r.end
            && ph.end <= r.clause.1
            && !ph.pronoun
            && ph.code.is_some()
            && ph.code.as_deref() != own
            && sx.frontier_side(ph.first, ph.end)
    })
}

/// "China protested the US arms sale to Taiwan": a reaction verb whose
/// direct object has another side's name or nationality before its noun
/// ("the US arms sale") reacts to that side's act or thing, and is aimed
/// at that side before any party a preposition names ("to Taiwan" is where
/// the arms go). Verbs of praise, criticism and refusal only.
fn object_doer_of_reaction(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    source: &ActorSlot,
) -> Option<usize> {
    if r.nominal()
        || r.p.kind != TriggerKind::Verb
        || !matches!(
            r.p.category,
            Category::Accuse | Category::Support | Category::Reject
        )
    {
        return None;
    }
    let noun = ctx.syntax?.direct_object_noun(r.first)?;
    let source_code = source_phrase(source, ctx.phrases).and_then(|s| s.code.as_ref());
    ctx.phrases.iter().position(|ph| {
        ph.first >= r.end && ph.end <= noun && !ph.pronoun && named_other_side(ph, source_code)
    })
}

/// "demanded the release of a tanker that Iranian forces seized", "called
/// for the release of hostages held by the militia": a demand to free what
/// another party holds is aimed at the holder, not at the owner or the
/// nationality of what is held. REQUEST only.
fn holder_of_released_target(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    source: &ActorSlot,
) -> Option<usize> {
    if r.p.category != Category::Request {
        return None;
    }
    let sx = ctx.syntax?;
    let k = phrase_at(sx, ctx.phrases, sx.holder_of_released(r.first)?)?;
    (*source != ActorSlot::Phrase(k)).then_some(k)
}

/// "Tajik border guards said Afghan gunmen had fired at their post",
/// "Greece said Turkish jets had violated its airspace": force on a thing
/// the doer's own possessive names is not done to the doer (that would be
/// "their own post"); in a clause another party states, the possessive is
/// the speaker's, who reports the act done to it. ASSAULT, COERCE and
/// MOBILIZE only, where a doer acting on itself makes no sense.
fn speakers_possession_target(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    target: Option<usize>,
    source: &ActorSlot,
) -> Option<usize> {
    if !matches!(
        r.p.category,
        Category::Assault | Category::Coerce | Category::Mobilize
    ) {
        return None;
    }
    let source_code = source_phrase(source, ctx.phrases)?.code.as_ref()?;
    let ph = ctx.phrases.get(target?)?;
    let possessive = ph.pronoun
        && ph.modifier_only
        && matches!(ctx.word(Some(ph.first)), "its" | "their")
        && ctx.word(Some(ph.end)) != "own";
    if !possessive || ph.code.as_ref() != Some(source_code) {
        return None;
    }
    let sx = ctx.syntax?;
    let speaker = phrase_at(sx, ctx.phrases, sx.speaker(r.first)?)?;
    ctx.phrases[speaker]
        .code
        .as_ref()
        .is_some_and(|c| c != source_code)
        .then_some(speaker)
}

/// A verb with no target, or only a default one or a place of its source's
/// own side ("mobilized army reservists": the army; "marched through
/// Minsk"), is aimed at the party its
/// object or an adjunct names as opposed (`SentenceSyntax::opposed_party`):
/// "rejected an offer from Kabul", "blocked streets in defiance of Chinese
/// authorities". Only a named actor of another side counts; a named target
/// of the source's own side stays ("killed Kenyan civilians during the
/// war against Somalia").
fn opposed_party_target(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    target: Option<usize>,
    source: &ActorSlot,
) -> Option<usize> {
    let source_code = source_phrase(source, ctx.phrases).and_then(|s| s.code.as_ref());
    let replaceable = |k: usize| {
        ctx.phrases.get(k).is_some_and(|ph| {
            ph.code.is_none()
                || (ph.code.as_ref() == source_code
                    && (ph.how.is_default()
                        || matches!(ph.how, ActorHow::Place | ActorHow::PlaceSentence)))
        })
    };
    if target.is_some_and(|k| !replaceable(k)) {
        return None;
    }
    let sx = ctx.syntax?;
    let party = sx.opposed_party(r.first)?;
    phrase_at(sx, ctx.phrases, party).filter(|&k| {
        ctx.phrases
            .get(k)
            .is_some_and(|ph| named_other_side(ph, source_code))
    })
}

/// "Officials warned that Turkey would impose sanctions on Sweden": an
/// unnamed speaker, coded only by default, whose reported clause names its
/// own acting country is that country speaking, not a party of its own
/// acting on it; the clause's named subject is the source.
fn reported_actor_as_speaker(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    source: ActorSlot,
) -> ActorSlot {
    let defaulted = source_phrase(&source, ctx.phrases).is_some_and(|ph| ph.how.is_default());
    if !defaulted || r.nominal() || r.p.kind != TriggerKind::Verb {
        return source;
    }
    let Some(subject) = ctx.syntax.and_then(|sx| sx.content_clause_subject(r.first)) else {
        return source;
    };
    ctx.phrases
        .iter()
        .position(|ph| {
            ph.first <= subject
                && subject < ph.end
                && !ph.pronoun
                && !ph.person
                && ph.code.is_some()
                && !ph.how.is_default()
        })
        .map_or(source, ActorSlot::Phrase)
}

/// People sent away ("deported two Chechen men to Russia", "the deportation
/// of two Chechen men to Russia") whose country is only a default (the
/// sentence's or the document's) are taken to be of the country they are
/// sent to: the "to" phrase after the trigger names the target instead.
fn destination_target(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    target: Option<usize>,
) -> Option<usize> {
    let defaulted = |k: usize| {
        matches!(
            ctx.phrases[k].how,
            ActorHow::DefaultSentence | ActorHow::DefaultDocument
        )
    };
    match target {
        Some(k) if defaulted(k) => after_prep(ctx.tokens, ctx.phrases, "to", r.end, r.clause.1)
            .filter(|&d| d != k && ctx.phrases[d].code.is_some() && !defaulted(d))
            .or(target),
        other => other,
    }
}

/// The object's own actor comes first ("called the Czech decision
/// provocative", or the object heading an actor phrase: "summoning envoys
/// of the EU"), then the first actor after it within the pattern's window
/// (not across a comma, a verb or a speech boundary), then any actor right
/// after the trigger.
fn object_target(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    object_span: Option<(usize, usize)>,
    after: usize,
    source: &ActorSlot,
) -> Option<usize> {
    let (tokens, phrases, patterns) = (ctx.tokens, ctx.phrases, ctx.patterns);
    let (trig_end, c_end) = (r.end, r.clause.1);
    let personal = |ph: &ActorPhrase| {
        matches!(
            tokens[ph.first].lower.as_str(),
            "he" | "she" | "they" | "we"
        )
    };
    // A possessive pronoun ("its forces") is the source's own side, unless
    // a singular "its" was resolved to another party ("Kenya said Somali
    // troops attacked its border posts": Kenya's posts), or to another
    // sector of the same country ("the army said rebels attacked its
    // positions": the army's, `other_sector_of_country`). "their" and
    // "his"/"her" are most often the doer's own, whatever they resolve to.
    let own_possessive = |ph: &ActorPhrase| {
        ph.pronoun
            && ph.modifier_only
            && (tokens[ph.first].lower != "its"
                || ph.code.is_none()
                || source_phrase(source, phrases)
                    .is_none_or(|s| s.code == ph.code && !other_sector_of_country(s, ph)))
    };
    // "Iran warned that it would retaliate": a pronoun subject of the
    // trigger's content clause is the speaker talking of itself or a party
    // named before, not the one the saying is aimed at.
    // So is a named subject of the speaker's own side ("Turkey warned that
    // Ankara would take every measure").
    let clause_subject_pronoun = |ph: &ActorPhrase| {
        (ph.pronoun
            || (Some(ph) != source_phrase(source, phrases)
                && names_source_side(ctx, source, ph.first)))
            && ctx.syntax.is_some_and(|sx| {
                sx.content_clause_subject(r.first)
                    .is_some_and(|s| ph.first <= s && s < ph.end)
            })
    };
    // "promised 120 million euros and Britain pledged ...": the subject of
    // a coordinated verb does its own act. Not in an exchange of force
    // ("Russian forces shelled two villages and Ukrainian troops returned
    // fire"), where the second subject strikes back at the first.
    let conjunct_subject = |ph: &ActorPhrase| {
        !matches!(
            r.p.category,
            Category::Assault | Category::Coerce | Category::Mobilize | Category::Threaten
        ) && ctx
            .syntax
            .is_some_and(|sx| sx.subject_of_conjunct(r.first, ph.first, ph.end))
    };
    // "met in Hanoi", "near the Thai border": the place of the act is no
    // party to it.
    let placed = |ph: &ActorPhrase| {
        ctx.syntax.is_some_and(|sx| {
            sx.place_adjunct(r.first, ph.first, ph.end)
                || sx.frontier_modifier(ph.first, ph.end)
                || sx.names_gathering_venue(ph.first, ph.end)
                || sx.referral_forum(ph.first, ph.end)
        })
    };
    // "rejected military cooperation with Russia": an agency word used as
    // a bare adjective on the object noun, with no country of its own (its
    // code only the default), describes the thing refused, praised or
    // asked for; it is no party. Force keeps it ("shelled army posts" hits
    // the army), as do deployments and threats.
    let descriptor = |ph: &ActorPhrase| {
        !ph.pronoun
            && ph.how.is_default()
            && ph.end == ph.first + 1
            && !tokens[ph.first].capitalised
            && tokens.get(ph.end).is_some_and(|t| {
                t.is_word && !t.capitalised && !DESCRIBED_NOUN_STOPS.contains(&t.lower.as_str())
            })
            && !matches!(
                r.p.category,
                Category::Assault | Category::Coerce | Category::Mobilize | Category::Threaten
            )
    };
    object_span
        .filter(|(os, _)| *os > r.first)
        .and_then(|(os, oe)| {
            // "said they would boycott contact with X": the subject of a
            // clause before the object is no target.
            phrases.iter().position(|ph| {
                ph.first > r.first
                    && !(ph.pronoun && personal(ph))
                    && (ph.end <= os
                        || (object_in_phrase(ph, os, oe)
                            && !own_possessive(ph)
                            && !descriptor(ph)
                            && !sends_own_member(ctx, r, ph, object_span, source)
                            && matching::actor_is_object(
                                r.p,
                                ph,
                                oe,
                                source_phrase(source, phrases),
                            ))
                        // "ordered the Somali envoy to leave": the object
                        // before the particles is in the phrase.
                        || (oe <= trig_end && ph.first <= os && os < ph.end))
            })
        })
        .or_else(|| {
            phrases.iter().position(|ph| {
                ph.first >= after
                    && ph.first <= after + r.p.window.clamp(4, 16)
                    && ph.end <= c_end
                    && !(after..ph.first).any(|k| {
                        let t = &tokens[k];
                        // "released 12 jailed priests": a participle
                        // describing the phrase's own noun is no verb between.
                        t.lower == ","
                            || (patterns.is_verb_form(&t.lower)
                                && !ctx.syntax.is_some_and(|sx| {
                                    sx.attributive_participle_head(k)
                                        .is_some_and(|h| ph.first <= h && h < ph.end)
                                        || sx.plural_noun_object_of(r.first, k)
                                        || sx.carrier_participle_of_object(r.first, k)
                                }))
                            || SUBJECT_BOUNDARIES.contains(&t.lower.as_str())
                    })
                    && !own_possessive(ph)
                    && !(ph.pronoun && personal(ph))
                    && !clause_subject_pronoun(ph)
                    && Some(ph) != source_phrase(source, phrases)
                    && !placed(ph)
                    && !conjunct_subject(ph)
                    && !descriptor(ph)
            })
        })
        .or_else(|| {
            phrases.iter().position(|ph| {
                ph.first >= trig_end
                    && ph.first <= after + 1
                    && ph.end <= c_end
                    && !own_possessive(ph)
                    && !(ph.pronoun && personal(ph))
                    && !clause_subject_pronoun(ph)
                    && !placed(ph)
                    && !sends_own_member(ctx, r, ph, object_span, source)
                    && !conjunct_subject(ph)
            })
        })
}

/// The actor phrase holds the pattern's object: it starts at it
/// ("envoys of the EU"), or holds it under a modifier that names the side,
/// at its end or before a complement ("expelled two Estonian diplomats",
/// "summoned Malaysia's ambassador in Jakarta"). The object itself is then
/// the one acted on, before any actor further on ("... in response to what
/// it called hostile acts").
fn object_in_phrase(ph: &ActorPhrase, os: usize, oe: usize) -> bool {
    ph.first == os || (ph.first < os && oe <= ph.end)
}

/// The pattern's named object is the source's own member, the thing it
/// acts with, not the party acted on: "the AU sent its special envoy to
/// Addis Ababa" ("send envoy"; "its" is the AU's). Not "backed the
/// president's move".
fn sends_own_member(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    ph: &ActorPhrase,
    object_span: Option<(usize, usize)>,
    source: &ActorSlot,
) -> bool {
    !r.p.objects.is_empty()
        && matches!(ctx.lower[ph.first], "its" | "their" | "his" | "her" | "our")
        && object_span.is_some_and(|(os, oe)| ph.first < oe && os < ph.end)
        && source_phrase(source, ctx.phrases).is_some_and(|s| s.code.is_some() && s.code == ph.code)
}

/// A hand pattern coded only with an actor as its object, read as a
/// verbal noun ("Spain's recognition of Palestine"): the noun's own "of"
/// argument is that object, when it names another side than the source.
fn noun_actor_target(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    noun_target: Option<usize>,
    source: &ActorSlot,
) -> Option<usize> {
    if !r.verbal_noun || r.p.generated.is_some() {
        return None;
    }
    let source_code = source_phrase(source, ctx.phrases).and_then(|s| s.code.as_ref());
    noun_target.filter(|&k| {
        ctx.phrases
            .get(k)
            .is_some_and(|ph| named_other_side(ph, source_code))
    })
}

/// "called the strike a political attack", "declared the walkout illegal":
/// a verb that says what its object is names that thing, it does not do
/// it; the object words ("strike") are only what is described, so "call a
/// strike" is no strike called. An accusation or a rejection is said that
/// way ("called the ruling an attack", "called the charges baseless"), and
/// a pattern whose words are the predicate itself ("declared the envoy
/// persona non grata") is not touched: only object words on the described
/// object count.
fn object_word_described(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    object_span: Option<(usize, usize)>,
) -> bool {
    r.p.kind == TriggerKind::Verb
        && !r.nominal()
        && !matches!(r.p.category, Category::Accuse | Category::Reject)
        && any_object_word(ctx, object_span, |sx, w| sx.object_described(r.first, w))
}

/// Whether `test` holds of a word of the matched object (coder tokens),
/// on the parse; false without a parse or an object.
fn any_object_word(
    ctx: &SentenceContext<'_>,
    object_span: Option<(usize, usize)>,
    test: impl Fn(&SentenceSyntax<'_>, usize) -> bool,
) -> bool {
    let (Some(sx), Some((os, oe))) = (ctx.syntax, object_span) else {
        return false;
    };
    (os..oe).any(|w| test(sx, w))
}

/// "The WHO raised its pandemic alert level", "put the coast on storm
/// alert": an alert or readiness for a hazard (an object word modified by
/// a thing that cannot act, `data/lexicon/non_agent_nouns.txt`) is
/// preparedness for a disease or the weather, not a show of force.
fn alert_for_a_hazard(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    object_span: Option<(usize, usize)>,
) -> bool {
    r.p.category == Category::Mobilize
        && any_object_word(ctx, object_span, |sx, w| {
            sx.parse_token(w)
                .is_some_and(|q| sx.hazard_modifier(q, |lemma| ctx.patterns.is_non_agent(lemma)))
        })
}

/// A party the verb only names as something ("called Ukraine a brother
/// nation", "considered Russia a threat": `SentenceSyntax::names_its_object`)
/// is not acted on: "call" or "consider" with an actor as object is a phone
/// call or a consultation only without such a predicate. Naming a party as
/// something is an event only as an accusation ("branded Kyiv a regime").
fn object_only_named(sx: &SentenceSyntax<'_>, r: &Reading<'_>, passive: bool) -> bool {
    !passive && r.p.category != Category::Accuse && sx.names_its_object(r.first)
}

/// The target of a verb coded only with an actor as its own object
/// (`Pattern::actor_object`): the actor phrase the parse makes the verb's
/// direct object, or the owner of that object ("shelled Israeli positions",
/// "rammed a Philippine boat"); in the passive the subject, when a "by"
/// agent names the source ("boats were rammed by Chinese vessels").
fn actor_object_target(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    passive: bool,
    source: &ActorSlot,
) -> Option<usize> {
    let sx = ctx.syntax?;
    if object_only_named(sx, r, passive) {
        return None;
    }
    let object = if passive {
        sx.agent(r.first)?;
        if !matches!(source, ActorSlot::Phrase(_)) {
            return None;
        }
        sx.subject(r.first)?
    } else {
        sx.direct_object(r.first)?
    };
    // "shelled Israeli positions", "rammed Filipino supply boats": force
    // that lands on a side's things lands on that side, named by an
    // adjective before the object (a possessor or a noun is as often a place
    // or a name: "Rome's hospital"); other acts need the party itself
    // ("found Bolivian flags" is no cooperation with Bolivia). A possessive
    // pronoun resolved to another side is such an owner too ("the coast
    // guard said Chinese ships had rammed its patrol boat").
    let possessive_pronoun = |t: usize| {
        sx.arc(t).1 == Dep::Poss
            && sx
                .coder_token(t)
                .is_some_and(|k| matches!(ctx.word(Some(k)), "its" | "their"))
    };
    let owners: Vec<usize> = sx
        .modifiers(object)
        .filter(|&t| {
            force_on_property(r.p.category)
                && (sx.arc(t).1 == Dep::Amod || possessive_pronoun(t) || agency_compound(sx, t))
        })
        .collect();
    let source_code = source_phrase(source, ctx.phrases).and_then(|s| s.code.as_ref());
    ctx.phrases.iter().position(|ph| {
        let owner = sx
            .parse_token(ph.end.saturating_sub(1))
            .is_some_and(|t| owners.contains(&t));
        let object_word = (ph.first..ph.end).any(|k| sx.parse_token(k) == Some(object));
        named_other_side(ph, source_code) && (owner || object_word)
    })
}

/// A common-noun agency word compounded onto the thing acted on ("a
/// Philippine coast guard vessel", "Israeli army positions") names its
/// owner like an adjective does; a proper noun in that place is as often
/// a place or a name ("a Gaza hospital") and is not read so.
fn agency_compound(sx: &SentenceSyntax<'_>, t: usize) -> bool {
    sx.arc(t).1 == Dep::Compound && sx.common_noun(t)
}

/// A threat is aimed at the first actor of another side named in the act
/// it threatens, the complement `complement` gives: its open complement
/// ("threatened to cut off power to Armenia", "threatened to shell Iraqi
/// towns") or, read before the object, the content clause of its own act
/// ("warned that it would impose sanctions on Sweden").
fn threatened_act_target(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    source: &ActorSlot,
    complement: impl Fn(&SentenceSyntax<'_>) -> Option<(usize, usize)>,
) -> Option<usize> {
    if r.p.category != Category::Threaten {
        return None;
    }
    complement_target(ctx, r, source, complement)
}

/// The coder token `k` lies in an actor phrase of the source's own code
/// ("Japan" after "Japanese officials").
fn names_source_side(ctx: &SentenceContext<'_>, source: &ActorSlot, k: usize) -> bool {
    let Some(code) = source_phrase(source, ctx.phrases).and_then(|s| s.code.as_ref()) else {
        return false;
    };
    ctx.phrases
        .iter()
        .any(|ph| ph.first <= k && k < ph.end && !ph.pronoun && ph.code.as_ref() == Some(code))
}

/// A refusal or an agreement to act is aimed at whom the act refused or
/// agreed would reach: the first actor of another side in its open
/// complement ("refused to extradite the former minister to Peru": Peru;
/// "agreed to withdraw its troops from Moldova": Moldova), before that
/// act's own object, which may be the source's own side.
fn complement_act_target(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    source: &ActorSlot,
) -> Option<usize> {
    // A hand pattern of refusal or agreement ("refuse", "agree"): a
    // generated entry's complement is its own object ("failed to reach
    // agreement on X").
    if !matches!(r.p.category, Category::Reject | Category::Agree)
        || r.p.kind != TriggerKind::Verb
        || r.p.generated.is_some()
    {
        return None;
    }
    complement_target(ctx, r, source, |sx| sx.open_complement_range(r.first))
}

/// The first actor in the trigger's complement (the coder range
/// `complement` gives), outside any clause nested in it, whose code is not
/// the source's. A phrase whose code is only a default is passed over
/// ("agreed to send police officers to Haiti" after a meeting in Port of
/// Spain: the officers' code is the place's guess; Haiti is named).
fn complement_target(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    source: &ActorSlot,
    complement: impl Fn(&SentenceSyntax<'_>) -> Option<(usize, usize)>,
) -> Option<usize> {
    let sx = ctx.syntax?;
    let (lo, hi) = complement(sx)?;
    let source_code = source_phrase(source, ctx.phrases).and_then(|s| s.code.as_ref());
    ctx.phrases.iter().position(|ph| {
        ph.first >= lo
            && ph.end <= hi
            && !ph.pronoun
            && ph.code.is_some()
            && !ph.how.is_default()
            && ph.code.as_ref() != source_code
            && !sx.in_nested_clause(r.first, ph.first)
            && !sx.referral_forum(ph.first, ph.end)
    })
}

/// An active verb in an object relative clause acts on the noun the
/// clause modifies ("the Togolese soldiers it detained"), when the pattern
/// reads its target from the object and that noun is an actor phrase other
/// than the source.
fn object_relative_target(
    ctx: &SentenceContext<'_>,
    r: &Reading<'_>,
    source: &ActorSlot,
) -> Option<usize> {
    if r.p.kind != TriggerKind::Verb
        || r.nominal()
        || !r.p.targets.iter().any(|t| matches!(t, TargetSlot::Object))
    {
        return None;
    }
    if subject_after_whose(ctx, source) {
        return None;
    }
    let sx = ctx.syntax?;
    let k = phrase_at(sx, ctx.phrases, sx.object_relative_head(r.first)?)?;
    (*source != ActorSlot::Phrase(k)).then_some(k)
}

/// "Peru and Chile, whose ministers met ...": the noun a "whose" clause
/// modifies owns the clause's subject; it is not the verb's object.
fn subject_after_whose(ctx: &SentenceContext<'_>, source: &ActorSlot) -> bool {
    source_phrase(source, ctx.phrases).is_some_and(|ph| {
        ph.first
            .checked_sub(1)
            .and_then(|k| ctx.tokens.get(k))
            .is_some_and(|t| t.lower == "whose")
    })
}

/// Acts of force, which land on a side through what it owns.
fn force_on_property(category: Category) -> bool {
    matches!(category, Category::Assault | Category::Coerce)
}

/// An actor the text names (not a default) on a side other
/// than the source's: "aided the mayor", "left Rome's hospital" or "faced
/// opposition" name no party a bare verb acts on.
fn named_other_side(ph: &ActorPhrase, source_code: Option<&String>) -> bool {
    ph.code.is_some()
        && ph.code.as_ref() != source_code
        && !ph.how.is_default()
        && ph.how != ActorHow::PlaceSentence
}

/// The source of an event noun from its tree arguments: the "by" agent,
/// the possessor, a nationality adjective with an "of" object filled
/// (`NounArguments::doer_modifier`), or the first of the parties "between" whom it happens.
fn noun_source(
    sx: &SentenceSyntax<'_>,
    phrases: &[ActorPhrase],
    args: &NounArguments,
    of_doer: bool,
) -> Option<usize> {
    if let Some(k) = args.agent {
        return phrase_at(sx, phrases, k);
    }
    if let Some(k) = args.possessor {
        return possessor_phrase_at(sx, phrases, k);
    }
    // "the Turkish boycott of Israeli goods": the nationality adjective.
    if let Some(k) = args
        .doer_modifier()
        .and_then(|m| party_phrase_at(sx, phrases, m))
    {
        return Some(k);
    }
    if args.parties.len() >= 2 {
        return party_phrase_at(sx, phrases, args.parties[0]);
    }
    // "the visit of the Chinese premier", "the withdrawal of Rwandan
    // troops": the "of" object acts when its side is named, not defaulted.
    if !(of_doer && args.object_is_doer()) {
        return None;
    }
    args.object
        .and_then(|p| phrase_at(sx, phrases, p))
        .filter(|&k| !phrases[k].how.is_default())
}

/// The actor phrase of an event noun's possessor, its doer: as
/// `phrase_at`, or a possessive pronoun, which only modifies the noun but
/// stands for the party it refers to ("saying its attacks on Ukrainian
/// cities were war crimes": the attacks are Russia's, not the speaker's).
fn possessor_phrase_at(
    sx: &SentenceSyntax<'_>,
    phrases: &[ActorPhrase],
    p: usize,
) -> Option<usize> {
    phrase_at(sx, phrases, p).or_else(|| {
        let k = sx.coder_token(p)?;
        phrases
            .iter()
            .position(|ph| ph.pronoun && ph.code.is_some() && ph.first <= k && k < ph.end)
    })
}

/// The actor phrase of a party "between" whom an event noun happens: as
/// `phrase_at`, or an adjective that is itself a party ("between the
/// Serbian and Albanian prime ministers": Serbian).
fn party_phrase_at(sx: &SentenceSyntax<'_>, phrases: &[ActorPhrase], p: usize) -> Option<usize> {
    phrase_at(sx, phrases, p).or_else(|| {
        let k = sx.coder_token(p)?;
        phrases.iter().position(|ph| ph.first <= k && k < ph.end)
    })
}

/// The category's "of" object may be the doer: NOUN_OBJECT `doer` ("the
/// visit of the Chinese premier to Egypt") or `moved`, whose moved forces
/// act for their side ("the withdrawal of Rwandan troops from Congo").
fn of_doer(ctx: &SentenceContext<'_>, p: &Pattern) -> bool {
    matches!(
        ctx.categories.get(p.category).noun_object,
        NounObject::Doer | NounObject::Moved
    )
}

/// The target of an event noun: the second party ("talks between A and
/// B"), or the "of"/"against" object once an agent or possessor is the
/// source ("X's rejection of Y", "the arrest of Y by X"). The object of a
/// withdrawal, a deployment or aid is what moves, not a target (the
/// policy's NOUN_OBJECT).
fn noun_target(
    sx: &SentenceSyntax<'_>,
    phrases: &[ActorPhrase],
    args: &NounArguments,
    noun_object: NounObject,
) -> Option<usize> {
    if args.parties.len() >= 2 {
        return party_phrase_at(sx, phrases, args.parties[1]);
    }
    if noun_object != NounObject::Target {
        // "the premier's visit to Egypt", "the visit of the premier to
        // Egypt", "the visit by the premier to Egypt": the partner; "X's
        // meeting of Y": the object.
        if args.possessor.is_some() || args.agent.is_some() || args.object_is_doer() {
            if let Some(k) = args.partner.and_then(|p| phrase_at(sx, phrases, p)) {
                return Some(k);
            }
        }
        if args.object_is_doer() {
            return None;
        }
    }
    if (args.agent.is_some() || args.possessor.is_some() || args.doer_modifier().is_some())
        && noun_object != NounObject::Moved
    {
        return args
            .object
            .and_then(|p| acted_on_phrase_at(sx, phrases, p))
            .or_else(|| partner_over_object(sx, phrases, args));
    }
    None
}

/// An event noun's object phrase that is only a pronoun of the source's
/// own side ("Peru's recall of its ambassador to Mexico") is the source's
/// own agent, not the party acted on: the pattern's prepositions find the
/// target instead.
fn source_owns_object(ctx: &SentenceContext<'_>, k: usize, source: &ActorSlot) -> bool {
    let Some(ph) = ctx.phrases.get(k) else {
        return false;
    };
    ph.pronoun
        && ph.code.is_some()
        && source_phrase(source, ctx.phrases).is_some_and(|s| s.code == ph.code)
}

/// "A request for talks was made by Armenia to Azerbaijan", "Kenya's appeal
/// for calm to Somalia": when the noun's "of"/"for" object names no party,
/// the party it is made to is the one acted on.
fn partner_over_object(
    sx: &SentenceSyntax<'_>,
    phrases: &[ActorPhrase],
    args: &NounArguments,
) -> Option<usize> {
    args.partner.and_then(|p| phrase_at(sx, phrases, p))
}

/// The actor phrase of what an event noun acts on (its "of" object): as
/// `phrase_at`, but a phrase that only modifies that object is taken only
/// when the text gives it a code ("the arrest of Kenyan journalists"). A
/// generic agent word with a defaulted code names no party there: in "the
/// suspension of military aid to Paraguay" the aid is suspended, and
/// "military" would make the source's own country the target, hiding the
/// "to" party.
fn acted_on_phrase_at(sx: &SentenceSyntax<'_>, phrases: &[ActorPhrase], p: usize) -> Option<usize> {
    let head = sx.coder_token(p);
    phrase_at(sx, phrases, p).filter(|&k| {
        let ph = &phrases[k];
        head.is_some_and(|h| ph.first <= h && h < ph.end) || !ph.how.is_default()
    })
}

/// The two sides named by coordinated modifiers of a verb's subject
/// ("Indian and Chinese troops clashed"), as actor phrases of different codes.
fn coordinated_sides(
    sx: &SentenceSyntax<'_>,
    phrases: &[ActorPhrase],
    trigger: usize,
) -> Option<(usize, usize)> {
    let (first, second) = sx.coordinated_subject_modifiers(trigger)?;
    let at = |p: usize| {
        let k = sx.coder_token(p)?;
        phrases.iter().position(|ph| ph.first <= k && k < ph.end)
    };
    let (a, b) = (at(first)?, at(second)?);
    (a != b && phrases[a].code.is_some() && phrases[a].code != phrases[b].code).then_some((a, b))
}

/// An event noun that is the subject of a verb event of the same type
/// ("Israeli strikes killed 12 civilians", "talks between A and B
/// resumed") names one happening: the verb's event keeps it, with the
/// noun's actors where the verb has none of its own. The subject of a
/// passive is acted on, not acting: "Norway's recognition of Palestine was
/// welcomed by the Palestinian Authority" is a reaction to the act, a
/// second happening.
fn fold_noun_subjects(
    out: &mut Vec<EventMatch>,
    patterns: &EventPatterns,
    sx: &SentenceSyntax<'_>,
) {
    let mut drop = vec![false; out.len()];
    for v in 0..out.len() {
        if out[v].passive {
            continue;
        }
        let Some(subject) = sx.noun_subject(out[v].trigger.0) else {
            continue;
        };
        let category = patterns.pattern(out[v].pattern).category;
        let Some(n) = (0..out.len()).find(|&n| {
            n != v
                && !drop[n]
                && patterns.pattern(out[n].pattern).category == category
                && sx.parse_token(out[n].trigger.0) == Some(subject)
        }) else {
            continue;
        };
        let noun = out[n].clone();
        if matches!(noun.source, ActorSlot::Phrase(_)) {
            out[v].source = noun.source;
        }
        if !matches!(out[v].target, ActorSlot::Phrase(_))
            && matches!(noun.target, ActorSlot::Phrase(_))
        {
            out[v].target = noun.target;
        }
        if out[v].source == out[v].target {
            out[v].target = ActorSlot::SameAsSource;
        }
        drop[n] = true;
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// A generated dictionary verb whose subject is an event noun coded as an
/// act of another type states what that act caused, not a second act of the
/// noun's doer: "Lebanon's detention of two Iraqi journalists strained
/// relations with Baghdad" is the detention, not a SANCTION by Lebanon. Hand
/// patterns keep such subjects (an attack that "killed" is the attack's
/// doer's, and same-type subjects are folded by `fold_noun_subjects`).
fn drop_effects_of_coded_acts(
    out: &mut Vec<EventMatch>,
    patterns: &EventPatterns,
    sx: &SentenceSyntax<'_>,
) {
    let subject_is_other_act = |v: &EventMatch| {
        let pattern = patterns.pattern(v.pattern);
        if v.passive || pattern.generated.is_none() {
            return false;
        }
        let Some(subject) = sx.noun_subject(v.trigger.0) else {
            return false;
        };
        out.iter().any(|n| {
            patterns.pattern(n.pattern).category != pattern.category
                && sx.parse_token(n.trigger.0) == Some(subject)
        })
    };
    let keep: Vec<bool> = out.iter().map(|v| !subject_is_other_act(v)).collect();
    let mut keep = keep.into_iter();
    out.retain(|_| keep.next().unwrap_or(true));
}

/// A commitment verb and the act it commits to ("vowed to strike",
/// "promised to send aid") name one happening: the act, coded as intent
/// (THREATEN for force, AGREE for cooperation), keeps it; the commitment
/// verb's own AGREE is dropped.
fn fold_commitments(out: &mut Vec<EventMatch>, patterns: &EventPatterns, sx: &SentenceSyntax<'_>) {
    fold_governing_verb(
        out,
        patterns,
        Stance::Intent,
        Category::Agree,
        |k| sx.complement_head(k),
        sx,
    );
}

/// A verb of demanding and the act it demands ("Poland demanded that
/// Belarus release the journalist") name one happening: the demanded act,
/// coded as REQUEST with the obliged party as target, keeps it; the
/// demanding verb's own REQUEST is dropped.
fn fold_demands(out: &mut Vec<EventMatch>, patterns: &EventPatterns, sx: &SentenceSyntax<'_>) {
    fold_governing_verb(
        out,
        patterns,
        Stance::Demanded,
        Category::Request,
        |k| sx.complement_governor(k),
        sx,
    );
}

/// "issued a statement condemning the raid", "wrote a letter calling for
/// an inquiry": issuing the document and what it does are one happening;
/// the document's act, which names whom it is aimed at, keeps it and the
/// issuing verb's own event is dropped.
fn fold_document_issuers(out: &mut Vec<EventMatch>, sx: &SentenceSyntax<'_>) {
    let issuers: Vec<usize> = out
        .iter()
        .filter_map(|e| sx.issuer_of_document(sx.predicate(e.trigger.0)?))
        .collect();
    out.retain(|e| {
        !sx.predicate(e.trigger.0)
            .is_some_and(|p| issuers.contains(&p))
    });
}

/// Drops the asserted `category` event of every verb that governs (through
/// `governor`) an act coded with `stance`: the governed act carries the
/// happening.
fn fold_governing_verb(
    out: &mut Vec<EventMatch>,
    patterns: &EventPatterns,
    stance: Stance,
    category: Category,
    governor: impl Fn(usize) -> Option<usize>,
    sx: &SentenceSyntax<'_>,
) {
    let governors: Vec<usize> = out
        .iter()
        .filter(|e| e.stance == stance)
        .filter_map(|e| governor(e.trigger.0))
        .collect();
    out.retain(|e| {
        !(e.stance == Stance::Asserted
            && patterns.pattern(e.pattern).category == category
            && sx
                .predicate(e.trigger.0)
                .is_some_and(|p| governors.contains(&p)))
    });
}

/// An act told as the consequence of another in a participle clause
/// ("militiamen attacked the camp, killing 156 people"; "shelled the
/// town, wounding 12") is done by the same side to the same side: where
/// the participle names no actor of its own (its victims are unnamed
/// "people", its doer only defaulted), it takes the main act's parties.
/// Only between acts of one type (the killing of an attack, not the
/// arrests after a protest).
fn participles_take_parties(
    out: &mut [EventMatch],
    phrases: &[ActorPhrase],
    patterns: &EventPatterns,
    sx: &SentenceSyntax<'_>,
) {
    let named = |slot: &ActorSlot| match slot {
        ActorSlot::Phrase(k) => phrases.get(*k).is_some_and(|ph| !ph.how.is_default()),
        _ => false,
    };
    for v in 0..out.len() {
        let Some(head) = sx.participle_consequence_of(out[v].trigger.0) else {
            continue;
        };
        let category = patterns.pattern(out[v].pattern).category;
        let Some(main) = out.iter().enumerate().find_map(|(n, e)| {
            (n != v
                && patterns.pattern(e.pattern).category == category
                && sx.predicate(e.trigger.0) == Some(head))
            .then(|| e.clone())
        }) else {
            continue;
        };
        if passive_subject_is_participle_doer(&out[v], &main) {
            out[v].source = main.source.clone();
        }
        if !named(&out[v].target) && named(&main.target) {
            out[v].target = main.target.clone();
            if !named(&out[v].source) {
                out[v].source = main.source.clone();
            }
        }
    }
}

/// "Three fishing boats were fired on by the navy, killing one fisherman":
/// a participle clause shares its main verb's subject, and a passive main
/// verb's subject is its patient, so the participle's doer read from that
/// subject is the victim. The passive's agent did the killing too.
fn passive_subject_is_participle_doer(participle: &EventMatch, main: &EventMatch) -> bool {
    main.passive
        && !participle.passive
        && matches!(participle.source, ActorSlot::Phrase(_))
        && participle.source == main.target
        && main.source != main.target
}

/// Coordinated verbs of different meaning are distinct acts ("fired tear
/// gas and arrested 30 protesters"), even of one type: each keeps its row.
/// A pattern that restates its type's act (`restates`: "expelled two
/// diplomats and gave them 48 hours to leave") is never a distinct act.
fn mark_distinct_acts(out: &mut [EventMatch], patterns: &EventPatterns, sx: &SentenceSyntax<'_>) {
    for v in 0..out.len() {
        let Some(head) = sx.conjoined_predicate(out[v].trigger.0) else {
            continue;
        };
        let category = patterns.pattern(out[v].pattern).category;
        let lemma = sx.lemma(out[v].trigger.0);
        // "were killed and injured": outcomes of one act, not two acts.
        if out[v].passive {
            continue;
        }
        // "burned tyres and blocked roads": a crowd's coordinated acts of
        // protest are one protest (GUIDELINES: one protest wave is one event).
        if category == Category::Protest {
            continue;
        }
        let other = out.iter().any(|e| {
            !e.passive
                && sx.predicate(e.trigger.0) == Some(head)
                && patterns.pattern(e.pattern).category == category
                && !patterns.pattern(e.pattern).restates
                && !patterns.pattern(out[v].pattern).restates
                && sx.lemma(e.trigger.0) != lemma
        });
        if other || chained_beside_same_type(out, v, head, patterns, sx) {
            out[v].distinct_act = Some(out[v].trigger.0);
        }
    }
}

/// "Police fired tear gas, and a rights group said officers had shot dead
/// two protesters and arrested 40 people": the arrest is coordinated with
/// an act of another type (the killing), so it is one of that subject's
/// acts, not a restatement of the tear gas in the other clause that shares
/// its type. `v` is a conjunct of predicate `head`; its act is distinct when
/// `head` carries a coded act of another type and a non-passive act of
/// `v`'s type, by another verb, stands in an earlier clause of the sentence
/// (before `head`): "supported X and criticised what he called blackmail"
/// keeps one charge, the later "called" inside the criticism's object.
fn chained_beside_same_type(
    out: &[EventMatch],
    v: usize,
    head: usize,
    patterns: &EventPatterns,
    sx: &SentenceSyntax<'_>,
) -> bool {
    let pattern = patterns.pattern(out[v].pattern);
    if pattern.restates {
        return false;
    }
    let category = pattern.category;
    let own = sx.predicate(out[v].trigger.0);
    let lemma = sx.lemma(out[v].trigger.0);
    let head_other_type = out.iter().any(|e| {
        sx.predicate(e.trigger.0) == Some(head) && patterns.pattern(e.pattern).category != category
    });
    let same_type_elsewhere = out.iter().any(|e| {
        let p = sx.predicate(e.trigger.0);
        !e.passive
            && p.is_some_and(|p| p < head)
            && p != own
            && patterns.pattern(e.pattern).category == category
            && !patterns.pattern(e.pattern).restates
            && sx.lemma(e.trigger.0) != lemma
    });
    head_other_type && same_type_elsewhere
}

/// The agent of a passive: the first actor within a few words after "by"
/// ("killed by rockets and other fire from Gaza").
fn by_agent(tokens: &[Token], phrases: &[ActorPhrase], from: usize, to: usize) -> Option<usize> {
    // "killed in Israeli tank shelling": an adjective right after "in".
    let in_adjective = (from..to)
        .filter(|&k| tokens[k].lower == "in")
        .find_map(|k| {
            phrases
                .iter()
                .position(|ph| ph.modifier_only && !ph.pronoun && ph.first > k && ph.first <= k + 2)
        });
    // "killed ... in fighting with Tajik forces": the other side of the fight.
    let fighting_with = (from..to)
        .filter(|&k| {
            tokens[k].lower == "with"
                && k > 0
                && matches!(
                    tokens[k - 1].lower.as_str(),
                    "fighting"
                        | "clashes"
                        | "clash"
                        | "battle"
                        | "battles"
                        | "gunfight"
                        | "firefight"
                        | "skirmishes"
                        | "skirmish"
                        | "exchange"
                        | "confrontation"
                        | "confrontations"
                )
        })
        .find_map(|k| {
            phrases
                .iter()
                .position(|ph| ph.first > k && ph.first <= k + 2 && !ph.pronoun)
        });
    let Some(by) = (from..to).find(|&k| tokens[k].lower == "by") else {
        return in_adjective.or(fighting_with);
    };
    phrases
        .iter()
        .position(|ph| ph.first > by && ph.first <= by + 8 && ph.end <= to && !ph.modifier_only)
        .or_else(|| {
            phrases
                .iter()
                .position(|ph| ph.first > by && ph.first <= by + 2 && ph.end <= to)
        })
}

fn source_phrase<'a>(source: &ActorSlot, phrases: &'a [ActorPhrase]) -> Option<&'a ActorPhrase> {
    match source {
        ActorSlot::Phrase(i) => phrases.get(*i),
        _ => None,
    }
}

/// The light verb whose direct object the trigger at `r.first` is, if the
/// parse makes the trigger a noun there ("launched an invasion", "renewed
/// negotiations", "imposed a ban"). A generated verb entry is not read as
/// a noun: its object words are the verb's own.
fn light_verb(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> Option<usize> {
    if r.p.generated.is_some() {
        return None;
    }
    let sx = ctx.syntax?;
    // A noun of several words is the object by its last word, the head an
    // adjective or noun before it modifies ("carried out a nuclear test").
    let head = match r.p.kind {
        TriggerKind::Noun => r.end.saturating_sub(1).max(r.first),
        TriggerKind::Verb => r.first,
    };
    sx.light_verb_of(head, |lemma| ctx.patterns.is_light_verb(lemma))
        .filter(|&v| v < r.first)
}

/// The token whose tree arguments an event noun takes: its own, or under a
/// light verb the head noun it modifies ("launched a mediation effort
/// between A and B").
fn noun_argument_token(sx: &SentenceSyntax<'_>, r: &Reading<'_>) -> usize {
    match r.light_verb {
        Some(_) => sx.light_object_token(r.first),
        None => noun_head(r),
    }
}

/// The head word of an event noun trigger: the last of a multi-word noun
/// ("general strike", "air strikes"), whose arguments and clause the parse
/// hangs there, not on its modifier.
fn noun_head(r: &Reading<'_>) -> usize {
    if r.p.kind == TriggerKind::Noun && r.end > r.first + 1 {
        r.end - 1
    } else {
        r.first
    }
}

/// "Police tried to disperse the crowd with tear gas": an attempt made
/// with a means of force (`data/lexicon/force_means.txt`) used that force,
/// so the attempted act is coded as done; a bare attempt ("tried to
/// arrest him") codes nothing.
fn attempted_by_force(ctx: &SentenceContext<'_>, i: usize) -> bool {
    ctx.syntax
        .is_some_and(|sx| sx.attempt_with_means(i, |phrase| ctx.patterns.is_force_means(phrase)))
}

/// The modality of a light verb's event noun is the verb's: "did not
/// launch an offensive" is negated, "plans to launch" an infinitive,
/// "said it would launch" a stated intent.
/// A gerund light verb that heads no clause of its own ("about making
/// arrests in the future"), or one in the content of a proposal, carries
/// out nothing: it is read as a plain infinitive would be.
fn light_verb_modality(ctx: &SentenceContext<'_>, v: usize) -> Modality {
    // "rejected an offer to hold talks": the act is only proposed.
    if light_gerund_without_clause(ctx, v) || ctx.syntax.is_some_and(|sx| sx.content_of_proposal(v))
    {
        return Modality::Infinitive;
    }
    let (m, _) = modality(ctx.tokens, v, Form::Base);
    let m = match ctx.syntax.and_then(|sx| sx.infinitive_conjunct_head(v)) {
        // "aims to tighten sanctions and impose a blockade": the second
        // verb is read as the first one's infinitive is.
        Some(head) if m == Modality::Asserted => modality(ctx.tokens, head, Form::Base).0,
        _ => m,
    };
    ctx.syntax.map_or(m, |sx| tree_modality(sx, v, m))
}

/// A light verb in "-ing" after a word that opens no adverbial clause
/// ("about making arrests", "of holding talks"): named, not done.
fn light_gerund_without_clause(ctx: &SentenceContext<'_>, v: usize) -> bool {
    let prev = ctx.word(v.checked_sub(1));
    ctx.lower[v].ends_with("ing")
        && !(v == 0
            || matches!(
                prev,
                "," | "after" | "before" | "while" | "by" | "since" | "\u{201c}" | "\""
            )
            || BE.contains(&prev)
            || AUX.contains(&prev)
            || ADVERBS.contains(&prev))
}

/// An event noun under a light verb with "no" before it ("made no
/// demand", "staged no protest") did not happen. Modifiers such as "new"
/// or "further" do not negate it here ("launched a new offensive").
fn light_object_negated(ctx: &SentenceContext<'_>, r: &Reading<'_>) -> bool {
    let from = r.light_verb.map_or(r.first, |v| v + 1);
    ctx.lower[from..r.first]
        .iter()
        .any(|w| matches!(*w, "no" | "without"))
}

/// The source of a light verb's event noun: the noun's own agent or
/// possessor ("launched its offensive"), else the verb's subject ("Kenya
/// launched an invasion of Somalia"): not the parties the noun names
/// ("a mediation between A and B" is the mediator's).
fn light_verb_source(
    ctx: &SentenceContext<'_>,
    v: usize,
    noun_args: Option<&(NounArguments, &SentenceSyntax<'_>)>,
) -> Option<usize> {
    let own = noun_args.and_then(|(args, sx)| {
        args.agent
            .or(args.possessor)
            .and_then(|p| phrase_at(sx, ctx.phrases, p))
    });
    own.or_else(|| ctx.syntax.and_then(|sx| tree_subject(sx, ctx.phrases, v)))
        .or_else(|| subject_before(ctx.tokens, ctx.phrases, clause_start(ctx.tokens, v), v))
}

/// The target of a light verb's event noun, from the noun's own
/// arguments: a party "between" whom it happens other than the source
/// ("mediation between A and B"), else its "of"/"against"/"on" object
/// when that is the party acted on ("an invasion of Somalia"). `None`
/// leaves the pattern's prepositions to find it ("talks with X").
fn light_noun_target(
    sx: &SentenceSyntax<'_>,
    phrases: &[ActorPhrase],
    args: &NounArguments,
    noun_object: NounObject,
    source: &ActorSlot,
) -> Option<usize> {
    if args.parties.len() >= 2 {
        return args
            .parties
            .iter()
            .filter_map(|&p| phrase_at(sx, phrases, p))
            .find(|&k| *source != ActorSlot::Phrase(k));
    }
    if noun_object == NounObject::Target {
        return args.object.and_then(|p| phrase_at(sx, phrases, p));
    }
    None
}

/// A light verb and its event noun name one happening ("Russia
/// announced a suspension of the deal"): the noun's event keeps it, and
/// any event the light verb codes on its own is dropped.
fn fold_light_verbs(out: &mut Vec<EventMatch>, patterns: &EventPatterns, sx: &SentenceSyntax<'_>) {
    let verbs: Vec<usize> = out
        .iter()
        .filter_map(|e| sx.light_verb_of(e.trigger.0, |lemma| patterns.is_light_verb(lemma)))
        .collect();
    out.retain(|e| !verbs.contains(&e.trigger.0));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;
    use crate::tokens::tokenize;
    use sitrep_testkit::cases::rows;

    fn form(s: &str) -> Form {
        match s {
            "base" => Form::Base,
            "third" => Form::ThirdPerson,
            "past" => Form::Past,
            "participle" => Form::Participle,
            "past-or-participle" => Form::PastOrParticiple,
            "gerund" => Form::Gerund,
            other => panic!("unknown form {other}"),
        }
    }

    fn modality_name(m: Modality) -> &'static str {
        match m {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Modal => "modal",
            Modality::NegatedModal => "negated-modal",
            Modality::Infinitive => "infinitive",
            Modality::IntendedInfinitive => "intended",
            Modality::AgreedInfinitive => "agreed",
            Modality::RefusedInfinitive => "refused",
            Modality::Hypothetical => "hypothetical",
            Modality::Background => "background",
        }
    }

    /// The word-order modality reader over `test_data/modality.tsv`.
    #[test]
    fn modality_cases() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/test_data/modality.tsv");
        let src = std::fs::read_to_string(path).expect("modality.tsv");
        let mut failures = Vec::new();
        let table = rows("modality.tsv", &src, 5..=5);
        assert!(table.len() >= 20, "at least 20 modality cases");
        for row in table {
            let c = &row.cols;
            let tokens = tokenize(c[0], Span::new(0, c[0].len()));
            let Some(i) = tokens.iter().position(|t| t.lower == c[1]) else {
                panic!("modality.tsv:{}: no trigger {:?}", row.line, c[1]);
            };
            let (m, passive) = modality(&tokens, i, form(c[2]));
            let got = (modality_name(m), if passive { "yes" } else { "no" });
            if got != (c[3], c[4]) {
                failures.push(format!(
                    "modality.tsv:{}: {:?}: expected {} {}, got {} {}",
                    row.line, c[0], c[3], c[4], got.0, got.1
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
