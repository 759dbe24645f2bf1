//! The parse as the event stage reads it: a document's dependency tree
//! (`sitrep_syntax::ParsedDoc`) seen through the coder's own tokens of one
//! sentence. The coder keeps its tokens, mentions and actor phrases; the
//! tree answers the questions that word order cannot: who is the subject of
//! a verb, is it negated, is it inside an "if"/"unless" clause, who is the
//! passive agent.
//!
//! Tokens are matched by byte offsets into the document text: a coder token
//! maps to the parse token whose span contains its first byte.

use sitrep_syntax::{Dep, ParsedDoc, Pos, Tag};

use crate::lexicon::word_list::CoderWords;
use crate::tokens::Token;

/// A parsed document with its children lists, built once per document.
#[derive(Debug, Default)]
pub struct DocSyntax {
    pub parsed: ParsedDoc,
    /// Token `p`'s children are `children[child_start[p]..child_start[p + 1]]`,
    /// in text order: two flat arrays, not a list per token (a long
    /// document's lists were a large part of its memory).
    child_start: Vec<usize>,
    children: Vec<usize>,
}

/// "called on Venezuela to respect the order and voiced solidarity with
/// Guyana": the parse hangs a finite verb ("voiced", past or present
/// tense) as a conjunct of the infinitive or gerund before it ("respect"),
/// which a finite verb cannot be; it is the conjunct of the nearest finite
/// verb above that one ("called"), and its "and" goes with it. Without
/// this the second act reads as part of the first one's content. The climb
/// passes clausal complements too: in "said Cyprus would not allow smugglers
/// to operate and urged Beirut to act" the "urged" is the speaker's, not
/// part of what would not be allowed.
fn mend_finite_conjunct_of_nonfinite(parsed: &mut ParsedDoc) {
    let tokens = &mut parsed.tokens;
    let finite = |t: &sitrep_syntax::TokenAnalysis| {
        t.pos == Pos::Verb && matches!(t.tag, Tag::Vbd | Tag::Vbz | Tag::Vbp)
    };
    for v in 1..tokens.len() {
        let verb = &tokens[v];
        let h = verb.head;
        if !finite(verb)
            || verb.dep != Dep::Conj
            || h >= v
            || !matches!(tokens[h].tag, Tag::Vb | Tag::Vbg)
        {
            continue;
        }
        // The infinitive's or gerund's own "and" before the verb.
        let cc = (h + 1..v).find(|&c| tokens[c].head == h && tokens[c].dep == Dep::Cc);
        // Up from the non-finite verb to the first finite one, over clause arcs only.
        let mut a = h;
        let mut found = None;
        for _ in 0..5 {
            let t = &tokens[a];
            if !matches!(
                t.dep,
                Dep::Xcomp
                    | Dep::Ccomp
                    | Dep::Pcomp
                    | Dep::Advcl
                    | Dep::Prep
                    | Dep::Pobj
                    | Dep::Dobj
            ) || t.head == a
                || t.head >= tokens.len()
            {
                break;
            }
            a = t.head;
            if finite(&tokens[a]) {
                found = Some(a);
                break;
            }
        }
        let (Some(a), Some(c)) = (found, cc) else {
            continue;
        };
        tokens[v].head = a;
        tokens[c].head = a;
    }
}

/// "Indian police arrested 12 protesters and Pakistani officials condemned
/// the crackdown": the parse often reads the second clause's subject as a
/// conjunct of the first verb's object ("protesters and officials"), and
/// the second verb as the first one's conjunct, so the second verb inherits
/// the first subject. A finite verb conjoined to another, with no subject of
/// its own, right after a noun conjoined to that verb's object, is a second
/// clause whose subject is that noun: the noun and its "and" are re-hung
/// there. Objects of a preposition count ("fired on protesters and
/// soldiers returned fire").
fn mend_clause_coordination(parsed: &mut ParsedDoc) {
    let tokens = &mut parsed.tokens;
    // Which tokens have a subject, in one pass: asking per verb would scan
    // the whole document for each, quadratic in a long text.
    let mut has_subject = vec![false; tokens.len()];
    for t in tokens.iter() {
        if matches!(t.dep, Dep::Nsubj | Dep::Nsubjpass) {
            if let Some(h) = has_subject.get_mut(t.head) {
                *h = true;
            }
        }
    }
    for v in 1..tokens.len() {
        let verb = &tokens[v];
        let (h, n) = (verb.head, v - 1);
        if verb.pos != Pos::Verb
            || verb.dep != Dep::Conj
            || h >= v
            || !matches!(verb.tag, Tag::Vbd | Tag::Vbz | Tag::Vbp)
        {
            continue;
        }
        let noun = &tokens[n];
        if has_subject[v]
            || !matches!(noun.pos, Pos::Noun | Pos::Propn)
            || noun.dep != Dep::Conj
            || noun.head >= n
        {
            continue;
        }
        let object = noun.head;
        let of_verb = match tokens[object].dep {
            Dep::Dobj => tokens[object].head == h,
            Dep::Pobj => {
                let prep = tokens[object].head;
                tokens[prep].dep == Dep::Prep && tokens[prep].head == h
            }
            _ => false,
        };
        let cc = (object + 1..n).find(|&c| tokens[c].head == object && tokens[c].dep == Dep::Cc);
        if !of_verb || cc.is_none() {
            continue;
        }
        tokens[n].head = v;
        tokens[n].dep = Dep::Nsubj;
        has_subject[v] = true;
        if let Some(c) = cc {
            tokens[c].head = h;
        }
    }
}

impl DocSyntax {
    pub fn new(mut parsed: ParsedDoc) -> DocSyntax {
        mend_clause_coordination(&mut parsed);
        mend_finite_conjunct_of_nonfinite(&mut parsed);
        let n = parsed.tokens.len();
        let has_head = |i: usize, head: usize| head != i && head < n;
        let mut child_start = vec![0usize; n + 1];
        for (i, t) in parsed.tokens.iter().enumerate() {
            if has_head(i, t.head) {
                child_start[t.head + 1] += 1;
            }
        }
        for p in 0..n {
            child_start[p + 1] += child_start[p];
        }
        let mut filled = child_start.clone();
        let mut children = vec![0usize; child_start[n]];
        for (i, t) in parsed.tokens.iter().enumerate() {
            if has_head(i, t.head) {
                children[filled[t.head]] = i;
                filled[t.head] += 1;
            }
        }
        DocSyntax {
            parsed,
            child_start,
            children,
        }
    }

    /// A hyphened coder word that the parse splits into a lower-case
    /// modifier and a clause's verb ("test-fired", "air-dropped"), starting
    /// at parse token `first` and ending at byte `end`: the verb, which heads
    /// the word, so that the word is read as the verb it is. A participle
    /// that modifies a noun ("government-backed militias") stays its first
    /// part.
    fn hyphened_verb_head(&self, first: usize, end: usize) -> Option<usize> {
        let tokens = &self.parsed.tokens;
        let last = first + tokens[first..].iter().take_while(|p| p.start < end).count() - 1;
        let (head, modifier) = (&tokens[last], &tokens[first]);
        let text_starts_lower = self
            .parsed
            .strings
            .get(modifier.lemma)
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        (last > first
            && head.pos == Pos::Verb
            && matches!(
                head.dep,
                Dep::Root | Dep::Conj | Dep::Ccomp | Dep::Xcomp | Dep::Advcl | Dep::Relcl
            )
            && !(first..last).contains(&head.head)
            && text_starts_lower
            && matches!(modifier.pos, Pos::Noun | Pos::Adv | Pos::Adj))
        .then_some(last)
    }

    /// The view of one sentence given as the coder's tokens, reading the
    /// lexicon's content `words`.
    pub fn sentence<'a>(&'a self, tokens: &[Token], words: &'a CoderWords) -> SentenceSyntax<'a> {
        // A binary search over the parse tokens themselves: collecting their
        // starts for every sentence made coding quadratic in a document's size.
        let parse_tokens = &self.parsed.tokens;
        let to_parse = tokens
            .iter()
            .map(|t| {
                // The last parse token starting at or before the coder token.
                let k = parse_tokens.partition_point(|p| p.start <= t.span.start);
                k.checked_sub(1)
                    .filter(|&k| self.parsed.tokens[k].end > t.span.start)
                    .map(|k| self.hyphened_verb_head(k, t.span.end).unwrap_or(k))
            })
            .collect();
        SentenceSyntax {
            doc: self,
            to_parse,
            coder_starts: tokens.iter().map(|t| t.span.start).collect(),
            coder_ends: tokens.iter().map(|t| t.span.end).collect(),
            words,
        }
    }
}

/// Prepositions that aim an act at something (`SentenceSyntax::aimed`).
const AIM_PREPOSITIONS: &[&str] = &[
    "at", "on", "onto", "against", "toward", "towards", "into", "upon",
];

/// Where a weapon goes without hitting anyone (`SentenceSyntax::aimed`).
const OPEN_SPACE: &[&str] = &[
    "sea", "ocean", "water", "waters", "air", "sky", "space", "orbit",
];

/// Clauses climbed from a verb to the relative clause it is reported in.
const MAX_CLAUSE_CHAIN: usize = 3;

/// Arcs from an object word up to its verb: "tons of aid" is three.
const MAX_OBJECT_CHAIN: usize = 5;

/// How many tokens one subtree walk visits at most: the bound keeps a
/// malformed parse from making a walk run away.
const SUBTREE_LIMIT: usize = 512;

/// One sentence of a [`DocSyntax`], indexed by the coder's token numbers.
#[derive(Debug)]
pub struct SentenceSyntax<'a> {
    doc: &'a DocSyntax,
    /// Coder token → parse token.
    to_parse: Vec<Option<usize>>,
    coder_starts: Vec<usize>,
    coder_ends: Vec<usize>,
    /// The lexicon's content words: the noun classes some readings turn
    /// on (statements, proposals, claims, documents).
    words: &'a CoderWords,
}

/// Words that make a clause a condition: its action is not coded as done.
const CONDITION_MARKS: &[&str] = &["if", "unless", "whether"];

/// Modals of obligation: a clause with one, stated by another party, is a
/// demand on its subject ("Russia said Sudan must return the helicopter").
const DEONTIC_MODALS: &[&str] = &["must"];

/// Verbs that state the clause they govern: its content is said by their
/// subject ("Russia said that ...", "announced that ...").
const STATING_VERBS: &[&str] = &[
    "say",
    "tell",
    "state",
    "declare",
    "announce",
    "add",
    "insist",
    "warn",
    "stress",
    "reiterate",
    "repeat",
    "confirm",
    "inform",
    "write",
    "argue",
    "assert",
    "maintain",
    "remind",
    "conclude",
    "claim",
    "allege",
    "promise",
    "pledge",
    "vow",
    "threaten",
];

/// Verbs whose clausal complement is a course of action the subject takes
/// on itself, not a demand on another party.
const JOINT_RESOLVE_VERBS: &[&str] = &["agree", "decide", "accept", "resolve"];

/// Nouns naming a settlement or an area by its "of" name ("the city of
/// Kunming", "the border town of Teknaf"): `settlement_noun_of`.
pub(crate) const SETTLEMENT_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "port",
    "capital",
    "province",
    "region",
    "district",
    "island",
    "state",
    "county",
    "municipality",
];

/// Verbs that take a matter to a body that hears it ("take the dispute to
/// the UN", "refer the case to the court"): `referral_forum`.
const REFERRAL_VERBS: &[&str] = &["take", "bring", "refer", "submit", "escalate"];

/// Verbs that report a statement set after it ("..., Russia said").
const REPORTING_VERBS: &[&str] = &["say", "tell", "add", "state", "declare", "insist", "warn"];

/// Prepositions of place the parse can misread as a modifier of the noun
/// they govern ("outside parliament": `SentenceSyntax::transitive`).
const LOCATIVE_PREPOSITIONS: &[&str] = &["outside", "inside", "near", "opposite", "beside"];

/// Verbs of naming or saying whose closing participle clause ("...,
/// calling them baseless", "..., adding that ...") is the act of whoever
/// reports a content clause, not of the clause's own subject.
const SPEAKER_PARTICIPLES: &[&str] = &[
    "call",
    "describe",
    "label",
    "brand",
    "term",
    "dub",
    "characterise",
    "characterize",
    "say",
    "add",
    "insist",
    "accuse",
];

/// Words of denying: their content clause did not happen by the speaker's
/// account ("denied that ...", "dismissed reports that ...").
const DENIAL_WORDS: &[&str] = &["deny", "denial", "dismiss", "refute", "reject", "dispute"];

/// Verbs of attempting, by lemma: "tried to", "attempted to".
const ATTEMPT_VERBS: &[&str] = &["try", "attempt"];

/// Words of demanding whose clausal complement in the mandative mood is the
/// act demanded, not an act done ("demanded that Israel ease ...").
/// Modals whose clause states what must be done, not what is or will be:
/// after "insist" they make the clause a demand.
const OBLIGATION_MODALS: &[&str] = &["must", "should", "shall", "ought"];

const DEMAND_GOVERNORS: &[&str] = &[
    "demand",
    "insist",
    "urge",
    "ask",
    "request",
    "require",
    "propose",
    "recommend",
];

/// Heads of a phrase of time ("over the past week", "on Friday"),
/// lower-cased lemmas; month names are the dates stage's (`MONTHS`).
const TIME_HEADS: &[&str] = &[
    "day",
    "week",
    "month",
    "year",
    "decade",
    "weekend",
    "night",
    "morning",
    "afternoon",
    "evening",
    "hour",
    "yesterday",
    "today",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Prepositions of time whose object is an event that took place ("during
/// the rally", "after the march").
const TIME_PREPOSITIONS: &[&str] = &[
    "during",
    "after",
    "following",
    "throughout",
    "amid",
    "since",
];

/// Verbs that report or order an act named by their passive subject: "the
/// release of 50 prisoners was announced by the junta" — the "by" agent
/// is the one who released ("the attack was claimed by X").
/// Verbs of saying whose content is an allegation the speaker makes
/// (`SentenceSyntax::in_allegation`); both are stating verbs, so
/// `complement_governor` reaches them.
const ALLEGING_VERBS: &[&str] = &["claim", "allege"];

const REPORTING_PASSIVES: &[&str] = &["announce", "confirm", "declare", "order", "claim", "decree"];

/// Verbs that only say an event noun was done, whose passive "by" agent is
/// the noun's doer: "a request for talks was made by Armenia", "an appeal
/// was issued by Malawi" (`SentenceSyntax::reporting_agent`).
const LIGHT_PASSIVES: &[&str] = &["make", "issue", "submit", "lodge", "extend", "file"];

/// Verbs of saying that a refusal can govern without refusing an act.
const SAYING_VERBS: &[&str] = &[
    "comment",
    "say",
    "discuss",
    "elaborate",
    "confirm",
    "disclose",
    "specify",
    "identify",
    "name",
    "speak",
    "reveal",
    "detail",
];

/// Verbs that name their object something with a predicate after it
/// ("declared the envoy persona non grata", "named him prime minister").
const SMALL_CLAUSE_VERBS: &[&str] = &[
    "declare", "name", "deem", "consider", "brand", "label", "appoint", "elect", "proclaim",
];

/// Verbs of judging a party for what it did: the gerund of their "for"
/// phrase is the act of the party judged, their object ("condemned the army
/// for bombing a camp", "praised Ghana for sending aid"), not of the judge.
const JUDGING_VERBS: &[&str] = &[
    "condemn",
    "praise",
    "thank",
    "commend",
    "criticise",
    "criticize",
    "denounce",
    "blame",
    "congratulate",
    "hail",
    "applaud",
    "rebuke",
    "censure",
    "punish",
    "fault",
];

/// Prepositions whose object a reaction verb acts on as on a direct object
/// ("protested over the arrest", "campaigned against the ban").
const REACTION_PREPOSITIONS: &[&str] = &["against", "over"];

/// Prepositions whose object can be what caused a passive outcome
/// ("killed in floods", "destroyed by the storm").
const CAUSE_PREPOSITIONS: &[&str] = &["in", "by", "during", "after"];

/// An event noun's arguments in the tree (parse tokens).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct NounArguments {
    /// "Venezuela's rejection".
    pub possessor: Option<usize>,
    /// "the arrest ... by police".
    pub agent: Option<usize>,
    /// "talks between Serbia and Kosovo": every party, in order.
    pub parties: Vec<usize>,
    /// "the arrest of the leader", "attacks against civilians".
    pub object: Option<usize>,
    /// "the visit ... to Egypt", "talks ... with Sudan": whom it is done
    /// with or aimed at.
    pub partner: Option<usize>,
    /// "the Turkish boycott of Israeli goods": a nationality adjective on
    /// the noun (see `doer_modifier`).
    pub modifier: Option<usize>,
}

/// "The mobilisation of Armenian reservists on Friday alarmed Baku": a
/// noun whose "of" object is who acts or what is moved (`of_doer`: a
/// deployment, a withdrawal, a visit), with no agent or possessor, names
/// its doer by that object even without a partner; as a clause's subject
/// it reports the act.
fn moved_forces_act(args: &NounArguments, of_doer: bool) -> bool {
    of_doer && args.agent.is_none() && args.possessor.is_none() && args.object.is_some()
}

impl NounArguments {
    /// The "of" object is the doer ("the visit of the premier to Egypt"):
    /// no agent or possessor says who acts, and a partner is named.
    pub fn object_is_doer(&self) -> bool {
        self.agent.is_none()
            && self.possessor.is_none()
            && self.object.is_some()
            && self.partner.is_some()
    }

    /// A nationality adjective names the doer as a possessor does when the
    /// noun's object slot is filled ("the Indian boycott of Maldivian
    /// resorts", "the Malian expulsion of two diplomats": the one acted on
    /// is the "of" object, so the adjective is who acts), and no agent or
    /// possessor names another doer. Alone, an adjective may name the one
    /// acted on ("Russian prisoners' release", "the Kurdish repression").
    pub fn doer_modifier(&self) -> Option<usize> {
        self.modifier
            .filter(|_| self.agent.is_none() && self.possessor.is_none() && self.object.is_some())
    }
}

impl SentenceSyntax<'_> {
    fn tok(&self, p: usize) -> &sitrep_syntax::TokenAnalysis {
        &self.doc.parsed.tokens[p]
    }

    /// Parse token `p`'s lemma.
    fn lemma_of(&self, p: usize) -> &str {
        self.doc.parsed.lemma(p)
    }

    fn children(&self, p: usize) -> impl Iterator<Item = usize> + '_ {
        let range = self.doc.child_start.get(p).copied().unwrap_or(0)
            ..self.doc.child_start.get(p + 1).copied().unwrap_or(0);
        self.doc.children.get(range).unwrap_or(&[]).iter().copied()
    }

    fn child_with(&self, p: usize, deps: &[Dep]) -> Option<usize> {
        self.children(p).find(|&c| deps.contains(&self.tok(c).dep))
    }

    /// The coder token (of this sentence) that parse token `p` starts in.
    pub fn coder_token(&self, p: usize) -> Option<usize> {
        let start = self.tok(p).start;
        let k = self.coder_starts.partition_point(|&s| s <= start);
        k.checked_sub(1).filter(|&k| self.coder_ends[k] > start)
    }

    /// The parse token of coder token `k`.
    pub fn parse_token(&self, k: usize) -> Option<usize> {
        self.to_parse.get(k).copied().flatten()
    }

    /// The verb's lemma, as the parse reads it.
    pub fn lemma(&self, k: usize) -> Option<&str> {
        self.parse_token(k).map(|p| self.lemma_of(p))
    }

    /// Coder token `k` is a verb reporting a statement ("said", "told"):
    /// the words after it are what was said.
    pub fn reporting_verb(&self, k: usize) -> bool {
        self.lemma(k)
            .is_some_and(|l| REPORTING_VERBS.contains(&l.to_lowercase().as_str()))
    }

    /// Parse token `p`'s head and relation to it (the root is its own head).
    pub fn arc(&self, p: usize) -> (usize, Dep) {
        let t = self.tok(p);
        (t.head, t.dep)
    }

    /// The predicate whose consequence a trigger is: the verb a present
    /// participle clause hangs from ("shelled the town, killing 12": the
    /// killing is what the shelling did). A parse token.
    pub fn participle_consequence_of(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        let t = self.tok(p);
        (t.dep == Dep::Advcl && t.tag == Tag::Vbg && t.head != p).then_some(t.head)
    }

    /// The gerund at coder token `k` is the second of two coordinated
    /// participle clauses ("condemned the raid, calling it illegal and
    /// accusing Kigali of provocation"): it shares the first one's clause,
    /// and through it the main verb's subject. The first participle's
    /// coder token.
    pub fn coordinated_participle_clause(&self, k: usize) -> Option<usize> {
        let p = self.parse_token(k)?;
        let t = self.tok(p);
        if t.tag != Tag::Vbg || t.dep != Dep::Conj || t.head == p {
            return None;
        }
        let h = self.tok(t.head);
        // The first clause is set off by a comma ("the report, calling it
        // biased"), not a verb's own gerund object ("enjoys singing").
        let set_off = t.head > 0 && self.tok(t.head - 1).dep == Dep::Punct;
        if h.tag == Tag::Vbg && h.dep == Dep::Advcl && h.head != t.head && set_off {
            self.coder_token(t.head)
        } else {
            None
        }
    }

    /// The lemma of the verb that the verb at coder token `k` is coordinated
    /// with, when `k` is a later conjunct sharing its subject ("summoned the
    /// envoy and demanded an explanation": "summon" for "demanded"). `None`
    /// when `k` has a subject of its own or is no conjunct.
    pub fn conjoined_verb_lemma(&self, k: usize) -> Option<&str> {
        let p = self.predicate(k)?;
        let t = self.tok(p);
        if t.dep != Dep::Conj || t.head == p {
            return None;
        }
        if self.child_with(p, &[Dep::Nsubj, Dep::Nsubjpass]).is_some() {
            return None;
        }
        Some(self.lemma_of(t.head))
    }

    /// The predicate a trigger word belongs to: the word itself, or its head
    /// when it is a particle or the second word of a phrasal trigger.
    pub fn predicate(&self, k: usize) -> Option<usize> {
        let p = self.parse_token(k)?;
        Some(match self.tok(p).dep {
            Dep::Prt | Dep::Compound => self.tok(p).head,
            _ => p,
        })
    }

    /// The verb at coder token `k`, or its direct object, has a phrase that
    /// aims the act: "at", "on", "onto", "against", "toward(s)", "into" or
    /// "upon" with an object that is neither a time ("on Tuesday") nor
    /// open water or sky ("into the sea"): "fired missiles at a tanker".
    pub fn aimed(&self, k: usize) -> bool {
        let Some(v) = self.predicate(k) else {
            return false;
        };
        let object = self.child_with(v, &[Dep::Dobj]);
        let aims = |c: usize| {
            let prep = self.lemma_of(c).to_lowercase();
            self.tok(c).dep == Dep::Prep
                && AIM_PREPOSITIONS.contains(&prep.as_str())
                && self.child_with(c, &[Dep::Pobj]).is_some_and(|o| {
                    let lemma = self.lemma_of(o).to_lowercase();
                    !self.is_time_word(o)
                        && self.tok(o).tag != Tag::Cd
                        && !OPEN_SPACE.contains(&lemma.as_str())
                })
        };
        self.children(v).any(aims) || object.is_some_and(|o| self.children(o).any(aims))
    }

    /// The verb at coder token `k` is done at someone's request: it has an
    /// "at" phrase whose object is a request, invitation or behest ("at the
    /// request of the Chadian government", "at Haiti's invitation").
    /// An event noun counts the phrase on the verb it is the subject of:
    /// "the deployment began at the request of Haiti".
    pub fn done_on_request(&self, k: usize) -> bool {
        let Some(v) = self.predicate(k) else {
            return false;
        };
        let holders = [Some(v), self.verb_of_subject_noun(v)];
        holders
            .into_iter()
            .flatten()
            .flat_map(|h| self.children(h))
            .any(|c| {
                self.tok(c).dep == Dep::Prep
                    && self.lemma_of(c).eq_ignore_ascii_case("at")
                    && self.child_with(c, &[Dep::Pobj]).is_some_and(|o| {
                        matches!(
                            self.lemma_of(o).to_lowercase().as_str(),
                            "request" | "invitation" | "behest" | "urging"
                        )
                    })
            })
    }

    /// The parse reads coder token `k` as an adjective or an adverb with no
    /// infinitive of its own ("ready to help" keeps the intent the
    /// dictionaries code). Asked of a verb trigger in its base form ("is
    /// doing fine", "fine people", "close to the airport", chanting "free
    /// Syria"): the word is that adjective, not the verb.
    pub fn adjective_or_adverb(&self, k: usize) -> bool {
        self.parse_token(k).is_some_and(|p| {
            matches!(self.tok(p).pos, Pos::Adj | Pos::Adv)
                && self.child_with(p, &[Dep::Xcomp]).is_none()
        })
    }

    /// The verb whose subject the noun at parse token `p` is ("the
    /// deployment began"), if `p` is a noun.
    fn verb_of_subject_noun(&self, p: usize) -> Option<usize> {
        let t = self.tok(p);
        (t.pos == Pos::Noun
            && matches!(t.dep, Dep::Nsubj | Dep::Nsubjpass)
            && t.head != p
            && self.tok(t.head).pos == Pos::Verb)
            .then_some(t.head)
    }

    /// The verb at coder token `k` is done to help another party: a purpose
    /// clause "to help X" or "to assist X" with a party as its object
    /// ("sent two ships to help Vanuatu"): forces sent so are aid, not a
    /// show of force; "sent troops to help restore order" helps no one named.
    pub fn done_to_help(&self, k: usize) -> bool {
        let Some(v) = self.predicate(k) else {
            return false;
        };
        self.children(v).any(|c| {
            matches!(self.tok(c).dep, Dep::Advcl | Dep::Xcomp)
                && matches!(self.lemma_of(c).to_lowercase().as_str(), "help" | "assist")
                && self
                    .child_with(c, &[Dep::Aux])
                    .is_some_and(|a| self.tok(a).tag == Tag::To)
                && self.child_with(c, &[Dep::Dobj]).is_some()
        })
    }

    /// The parse token `p` is a singular or plural common noun ("guard",
    /// "army"), not a name.
    pub fn common_noun(&self, p: usize) -> bool {
        matches!(self.tok(p).tag, Tag::Nn | Tag::Nns)
    }

    /// The lower-cased preposition whose object the noun at coder token
    /// `k` is ("at" in "at the request of Haiti"), if any.
    pub fn governing_preposition(&self, k: usize) -> Option<String> {
        let p = self.parse_token(k)?;
        let t = self.tok(p);
        (t.dep == Dep::Pobj && t.head != p && self.tok(t.head).dep == Dep::Prep)
            .then(|| self.lemma_of(t.head).to_lowercase())
    }

    /// The word heads a prepositional phrase with its own object: "on" in
    /// "called his counterpart on Sunday", not "out" in "pulled its troops
    /// out of the town". A gerund object counts: the parse hangs "protesting
    /// students" from "at" as a clause ("fired rubber bullets at protesting
    /// students" has "at" with an object, as "at students" has).
    pub fn has_prepositional_object(&self, k: usize) -> bool {
        self.parse_token(k)
            .is_some_and(|p| self.child_with(p, &[Dep::Pobj, Dep::Pcomp]).is_some())
    }

    /// The verb is negated in the tree ("did not sign", "never arrested").
    pub fn negated(&self, k: usize) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        self.child_with(p, &[Dep::Neg]).is_some() || self.negated_through_time_adverb(p)
    }

    /// "has not so far expelled", "had not yet signed": the parse hangs the
    /// "not" on the time adverb before the verb rather than on the verb, but
    /// it is the verb that is denied. Only adverbs of time or manner that a
    /// "not" before them cannot turn into a contrast: "not only expelled ...
    /// but also" still asserts the act, and "not far from the border",
    /// after the verb, places it.
    fn negated_through_time_adverb(&self, p: usize) -> bool {
        const DENIED_ADVERBS: &[&str] = &[
            "far",
            "yet",
            "ever",
            "always",
            "previously",
            "formally",
            "officially",
            "publicly",
        ];
        self.children(p).any(|a| {
            a < p
                && self.tok(a).dep == Dep::Advmod
                && DENIED_ADVERBS.contains(&self.lemma_of(a).to_lowercase().as_str())
                && self.child_with(a, &[Dep::Neg]).is_some()
        })
    }

    /// The verb sits in a conditional clause ("if Serbia attacks Kosovo",
    /// "unless its demands are met"), itself or through the clauses above it
    /// up to the sentence's root.
    pub fn conditional(&self, k: usize) -> bool {
        self.predicate(k)
            .is_some_and(|p| self.clause_conditional(p))
    }

    /// The verb heads a clause of time that is still to come: "until" or
    /// "before" with a present tense ("until their demands are met",
    /// "before they demobilize"), or a clause of time under a clause that
    /// is itself to come (`time_clause_of_future`). Its action has not
    /// happened.
    pub fn future_time_clause(&self, k: usize) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        let t = self.tok(p);
        let present = |q: usize| matches!(self.tok(q).tag, Tag::Vbp | Tag::Vbz);
        let until_or_before = t.dep == Dep::Advcl
            && self.children(p).any(|c| {
                self.tok(c).dep == Dep::Mark
                    && matches!(self.lemma_of(c).to_lowercase().as_str(), "until" | "before")
            })
            && (present(p)
                || self
                    .children(p)
                    .any(|c| matches!(self.tok(c).dep, Dep::Aux | Dep::Auxpass) && present(c)));
        until_or_before || self.time_clause_of_future(p)
    }

    /// "Ali will raise the matter when he travels to Washington", "the duty
    /// would stay in place until Nairobi lifted its curbs": a clause of time
    /// ("when", "until", "once", "before", "as soon as"; not "after", whose
    /// past tense is often a real event: "will appeal after the court
    /// ruled") under a
    /// verb with "will", "would" or "shall" is to come with it, whatever its
    /// own tense (reported speech moves "lifts" back to "lifted"). Parse
    /// token `p` is the clause's verb.
    fn time_clause_of_future(&self, p: usize) -> bool {
        let t = self.tok(p);
        if t.dep != Dep::Advcl || t.head == p {
            return false;
        }
        let time_mark = self.children(p).any(|c| {
            matches!(self.tok(c).dep, Dep::Mark | Dep::Advmod)
                && c < p
                && matches!(
                    self.lemma_of(c).to_lowercase().as_str(),
                    "when" | "until" | "till" | "once" | "before" | "soon"
                )
        });
        let aux_of_head = |word: &[&str]| {
            self.children(t.head).any(|c| {
                self.tok(c).dep == Dep::Aux
                    && word.contains(&self.lemma_of(c).to_lowercase().as_str())
            })
        };
        // "when the last policeman was shot dead, a tribute would have
        // triggered a riot": a counterfactual's time is a real one.
        time_mark && aux_of_head(&["will", "would", "shall", "'ll"]) && !aux_of_head(&["have"])
    }

    /// Parse token `p`'s clause, or one above it, is a conditional clause.
    fn clause_conditional(&self, mut p: usize) -> bool {
        for _ in 0..8 {
            let t = self.tok(p);
            if matches!(t.dep, Dep::Advcl | Dep::Ccomp | Dep::Conj)
                && self.children(p).any(|c| {
                    self.tok(c).dep == Dep::Mark
                        && CONDITION_MARKS.contains(&self.lemma_of(c).to_lowercase().as_str())
                })
            {
                return true;
            }
            if t.head == p || t.dep == Dep::Root {
                return false;
            }
            // A condition governs its own clause only: stop at a clause whose
            // head is a verb of saying or the root.
            p = t.head;
        }
        false
    }

    /// The verb's subject (active or passive), inherited through
    /// coordination and open complements when the verb has none of its own
    /// ("police fired tear gas and arrested 30": "arrested" has "police").
    pub fn subject(&self, k: usize) -> Option<usize> {
        let mut p = self.predicate(k)?;
        for _ in 0..4 {
            if let Some(s) = self.child_with(p, &[Dep::Nsubj, Dep::Nsubjpass, Dep::Csubj]) {
                return Some(s);
            }
            let t = self.tok(p);
            // Object control: "forced the minister to resign" — the
            // complement's subject is the governing verb's object.
            if t.dep == Dep::Xcomp && t.head != p {
                if let Some(o) = self.child_with(t.head, &[Dep::Dobj]) {
                    return Some(o);
                }
            }
            if let Some(o) = self.party_judged_for_gerund(p) {
                return Some(o);
            }
            if let Some(v) = self.issuer_of_document(p) {
                p = v;
                continue;
            }
            if let Some(v) = self.verb_of_small_clause_conjunct(p) {
                p = v;
                continue;
            }
            if let Some(v) = self.reporter_of_content_clause(p) {
                p = v;
                continue;
            }
            if !(matches!(t.dep, Dep::Conj | Dep::Xcomp) || self.subjectless_participle(p))
                || t.head == p
            {
                return None;
            }
            p = t.head;
        }
        None
    }

    /// Trigger `k` is the gerund of a judging verb's "for" phrase ("condemned
    /// the army for bombing a camp"): the act of the party judged.
    pub fn act_judged(&self, k: usize) -> bool {
        self.predicate(k)
            .is_some_and(|p| self.party_judged_for_gerund(p).is_some())
    }

    /// "condemned the army on Sunday for bombing a camp": the gerund of a
    /// judging verb's "for" phrase (`JUDGING_VERBS`) is done by the party
    /// judged, the verb's direct object, not by its subject.
    fn party_judged_for_gerund(&self, p: usize) -> Option<usize> {
        let t = self.tok(p);
        if t.tag != Tag::Vbg || t.dep != Dep::Pcomp || t.head == p {
            return None;
        }
        if !self.lemma_of(t.head).eq_ignore_ascii_case("for") {
            return None;
        }
        let (verb, dep) = self.arc(t.head);
        (dep == Dep::Prep
            && verb != t.head
            && self.tok(verb).pos == Pos::Verb
            && JUDGING_VERBS.contains(&self.lemma_of(verb).to_lowercase().as_str()))
        .then(|| self.child_with(verb, &[Dep::Dobj]))
        .flatten()
    }

    /// "declared two diplomats persona non grata and gave them 72 hours to
    /// leave": the parse may read the object and its predicate as a clause
    /// ("diplomats" its subject) and hang the next verb on that predicate.
    /// The conjunct is the declaring verb's, whose subject does it. The
    /// verb of naming that governs the small clause.
    fn verb_of_small_clause_conjunct(&self, p: usize) -> Option<usize> {
        let t = self.tok(p);
        if t.dep != Dep::Conj || t.head == p {
            return None;
        }
        let clause = self.tok(t.head);
        let governor = clause.head;
        let small_clause = clause.dep == Dep::Ccomp
            && governor != t.head
            && SMALL_CLAUSE_VERBS.contains(&self.lemma_of(governor).to_lowercase().as_str())
            && !self
                .children(t.head)
                .any(|c| matches!(self.tok(c).dep, Dep::Mark | Dep::Aux | Dep::Auxpass));
        small_clause.then_some(governor)
    }

    /// "mocked reports that gunmen had crossed the border, calling them
    /// baseless": the parse hangs a closing participle of naming or saying
    /// (set off by a comma) on the nearest verb, inside a content clause of
    /// a claim noun or a verb of saying; naming or restating the content is
    /// the reporter's act. The verb whose subject reports it: the one that
    /// takes the claim noun, or the verb of saying.
    fn reporter_of_content_clause(&self, p: usize) -> Option<usize> {
        let t = self.tok(p);
        let speech = SPEAKER_PARTICIPLES.contains(&self.lemma_of(p).to_lowercase().as_str());
        let set_off = p > 0 && self.tok(p - 1).dep == Dep::Punct;
        if !(speech && set_off && self.subjectless_participle(p)) || t.head == p {
            return None;
        }
        let mut c = t.head;
        for _ in 0..4 {
            let ct = self.tok(c);
            if ct.head == c {
                return None;
            }
            match ct.dep {
                Dep::Xcomp | Dep::Conj => c = ct.head,
                // A verb of saying after the content ("arrested 22 fishermen,
                // accusing them of poaching, a spokesman said") only
                // attributes it: the content's own subject names and accuses.
                Dep::Ccomp if self.reporting_verb_at(ct.head) && ct.head < c => {
                    return Some(ct.head)
                }
                // The parse reads some content clauses as relative ones
                // ("claims that hackers helped": "that" its marker).
                Dep::Acl | Dep::Relcl if self.that_clause(c) && self.claim_noun(ct.head) => {
                    return self.verb_taking_noun(ct.head);
                }
                _ => return None,
            }
        }
        None
    }

    /// Parse token `p` is a verb of saying (`REPORTING_VERBS`).
    fn reporting_verb_at(&self, p: usize) -> bool {
        REPORTING_VERBS.contains(&self.lemma_of(p).to_lowercase().as_str())
    }

    /// Parse token `p` heads a clause opened by "that".
    fn that_clause(&self, p: usize) -> bool {
        self.children(p)
            .any(|c| self.tok(c).dep == Dep::Mark && self.lemma_of(c).eq_ignore_ascii_case("that"))
    }

    /// Parse token `p` is a noun of saying ("reports", "claims":
    /// `claim_nouns.txt`).
    fn claim_noun(&self, p: usize) -> bool {
        self.words
            .claim_nouns
            .contains(&self.lemma_of(p).to_lowercase())
    }

    /// The verb that takes noun `n` as its object or as the object of one
    /// of its prepositions ("dismissed reports", "poured scorn on claims").
    fn verb_taking_noun(&self, n: usize) -> Option<usize> {
        let mut x = n;
        for _ in 0..3 {
            let (head, dep) = self.arc(x);
            if head == x || !matches!(dep, Dep::Dobj | Dep::Pobj | Dep::Prep) {
                return None;
            }
            if self.tok(head).pos == Pos::Verb {
                return Some(head);
            }
            x = head;
        }
        None
    }

    /// "wrote a letter to parliament calling for an inquiry", "issued a
    /// statement urging calm": a participle on a document that a verb's
    /// object names says what the document's author does. The verb that
    /// takes the document, whose subject is the doer.
    pub fn issuer_of_document(&self, p: usize) -> Option<usize> {
        let t = self.tok(p);
        if t.tag != Tag::Vbg || t.head == p {
            return None;
        }
        let is_document = |q: usize| {
            self.words
                .document_nouns
                .contains(&self.lemma_of(q).to_lowercase())
        };
        match t.dep {
            // "a letter calling for": the participle hangs from the noun.
            Dep::Acl => {
                let document = self.tok(t.head);
                (document.dep == Dep::Dobj && document.head != t.head && is_document(t.head))
                    .then_some(document.head)
            }
            // "wrote a letter on Tuesday calling for": from the verb.
            Dep::Advcl => self
                .child_with(t.head, &[Dep::Dobj])
                .is_some_and(is_document)
                .then_some(t.head),
            _ => None,
        }
    }

    /// An adverbial clause headed by an active participle, with no subject
    /// of its own, whose doer is the governing clause's subject: "forces
    /// shelled two villages, killing four civilians".
    fn subjectless_participle(&self, p: usize) -> bool {
        let t = self.tok(p);
        t.dep == Dep::Advcl
            && t.tag == Tag::Vbg
            && !self
                .children(p)
                .any(|c| matches!(self.tok(c).dep, Dep::Mark | Dep::Aux | Dep::Auxpass))
    }

    /// The antecedent of a relative clause's pronoun subject: the noun the
    /// clause modifies ("the general who met ...": "general").
    /// The noun an object relative clause modifies: the trigger's clause
    /// is a relative clause with a subject of its own (not a relative
    /// pronoun) and no direct object but the relative pronoun ("the
    /// Togolese soldiers it detained", "the town rebels shelled", "a
    /// Greek-owned ship that Iranian forces seized"), so the noun is what
    /// the verb acts on.
    pub fn object_relative_head(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        let t = self.tok(p);
        let subject = self.child_with(p, &[Dep::Nsubj])?;
        (t.dep == Dep::Relcl
            && t.head != p
            && !self.subject_is_relative(subject)
            && self
                .child_with(p, &[Dep::Dobj])
                .is_none_or(|o| self.subject_is_relative(o)))
        .then_some(t.head)
    }

    /// The phrase at coder tokens `first..end` holds the subject of a verb
    /// coordinated with the trigger's ("the EU promised 120 million euros
    /// and Britain pledged $60 million"): that party does its own act and
    /// is not the one the trigger's act is aimed at. False when not parsed.
    pub fn subject_of_conjunct(&self, trigger: usize, first: usize, end: usize) -> bool {
        let Some(v) = self.predicate(trigger) else {
            return false;
        };
        (first..end).filter_map(|k| self.parse_token(k)).any(|p| {
            let t = self.tok(p);
            matches!(t.dep, Dep::Nsubj | Dep::Nsubjpass)
                && t.head != p
                && t.head != v
                && self.tok(t.head).dep == Dep::Conj
                && self.tok(t.head).head == v
        })
    }

    /// The holder of what a demand asks to be freed: the doer of a relative
    /// or participle clause on the "of" noun of "release" (or "freeing",
    /// "return") that is the trigger's object or "for" object ("demanded the
    /// release of a tanker that Iranian forces seized": forces; "called for
    /// the release of the hostages held by the militia": militia). None
    /// when not parsed or no such clause names a doer.
    pub fn holder_of_released(&self, trigger: usize) -> Option<usize> {
        let v = self.predicate(trigger)?;
        let freed = |n: usize| {
            matches!(
                self.lemma_of(n).to_lowercase().as_str(),
                "release" | "freeing" | "return"
            )
        };
        let release = self
            .children(v)
            .find_map(|c| match self.tok(c).dep {
                Dep::Dobj => Some(c),
                Dep::Prep if self.lemma_of(c).eq_ignore_ascii_case("for") => {
                    self.child_with(c, &[Dep::Pobj])
                }
                _ => None,
            })
            .filter(|&n| freed(n))?;
        let of = self.children(release).find(|&c| {
            self.tok(c).dep == Dep::Prep && self.lemma_of(c).eq_ignore_ascii_case("of")
        })?;
        let held = self.child_with(of, &[Dep::Pobj])?;
        let by_agent = |c: usize| {
            let by = self.child_with(c, &[Dep::Agent])?;
            self.child_with(by, &[Dep::Pobj])
        };
        self.children(held).find_map(|c| match self.tok(c).dep {
            Dep::Relcl => self
                .child_with(c, &[Dep::Nsubj])
                .filter(|&s| !self.subject_is_relative(s))
                .or_else(|| by_agent(c)),
            Dep::Acl => by_agent(c),
            _ => None,
        })
    }

    pub fn relative_antecedent(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        let t = self.tok(p);
        (t.dep == Dep::Relcl && t.head != p).then_some(t.head)
    }

    /// What a second conjunct inherits from the first ("should promote ...
    /// and meet", "did not attack or loot"): (negated, modal). A modal
    /// carries over any conjunction but "but"; a negation only over "or"
    /// and "nor".
    pub fn conjunct_modality(&self, k: usize) -> (bool, bool) {
        let Some(p) = self.predicate(k) else {
            return (false, false);
        };
        let t = self.tok(p);
        if t.dep != Dep::Conj || t.head == p {
            return (false, false);
        }
        // "the US said it would hold drills, and the Caribbean Community
        // urged calm": a conjunct with its own subject and tense is a
        // clause of its own, whatever the parse hung it on.
        if matches!(t.tag, Tag::Vbd | Tag::Vbz)
            && self.child_with(p, &[Dep::Nsubj, Dep::Nsubjpass]).is_some()
        {
            return (false, false);
        }
        let h = t.head;
        let cc = self
            .child_with(h, &[Dep::Cc])
            .map(|c| self.lemma_of(c).to_lowercase())
            .unwrap_or_default();
        let modal = cc != "but"
            && !self.past_conjunct_of_bare_modal(p, h)
            && self
                .children(h)
                .any(|c| self.tok(c).tag == Tag::Md && self.tok(c).dep == Dep::Aux);
        let negated =
            matches!(cc.as_str(), "or" | "nor") && self.child_with(h, &[Dep::Neg]).is_some();
        (negated, modal)
    }

    /// "said Bangladesh could not take in more refugees, and rejected the
    /// appeal": a modal takes a bare verb, so a conjunct in the past tense
    /// cannot share it; it is a verb of the subject's own, said as done.
    /// Only when the modal is the first conjunct's one auxiliary: after "be"
    /// or "have" ("could be detained and questioned") a participle the
    /// tagger calls a past tense still shares them.
    fn past_conjunct_of_bare_modal(&self, conjunct: usize, head: usize) -> bool {
        self.tok(conjunct).tag == Tag::Vbd
            && self
                .children(head)
                .filter(|&c| matches!(self.tok(c).dep, Dep::Aux | Dep::Auxpass))
                .all(|c| self.tok(c).tag == Tag::Md)
    }

    /// Coder token `k` is a form of "have" the parse reads as an auxiliary
    /// ("have not held talks"): the participle it serves is the verb.
    pub fn auxiliary_have(&self, k: usize) -> bool {
        self.parse_token(k).is_some_and(|p| {
            self.tok(p).dep == Dep::Aux && self.lemma_of(p).eq_ignore_ascii_case("have")
        })
    }

    /// Coder token `k` is the infinitive marker "to" of a verb ("to run
    /// them"), not the preposition ("to Panama").
    pub fn infinitive_marker(&self, k: usize) -> bool {
        self.parse_token(k)
            .is_some_and(|p| self.tok(p).tag == Tag::To && self.tok(p).dep == Dep::Aux)
    }

    /// The verb has a modal auxiliary of its own in the tree ("can all of
    /// a sudden be charged"), however far the word order puts it.
    pub fn modal_aux(&self, k: usize) -> bool {
        self.predicate(k).is_some_and(|p| {
            self.children(p)
                .any(|c| self.tok(c).tag == Tag::Md && self.tok(c).dep == Dep::Aux)
        })
    }

    /// The verb heads a clause opened by a question word ("why he would
    /// shoot", "how they could attack"): an indirect question, also as the
    /// second of two ("how he knew them or why he would shoot").
    pub fn indirect_question(&self, k: usize) -> bool {
        self.predicate(k).is_some_and(|p| {
            matches!(
                self.tok(p).dep,
                Dep::Ccomp | Dep::Advcl | Dep::Xcomp | Dep::Conj
            ) && self.children(p).any(|c| {
                matches!(self.tok(c).tag, Tag::Wrb | Tag::Wp | Tag::Wdt)
                    && self.tok(c).start < self.tok(p).start
            })
        })
    }

    /// "asked why the women stayed quiet", "asked about the cost",
    /// "'Why now?' he asked": a verb of asking whose complement is a
    /// question (a question word, "if" or "whether" opening it, or a
    /// question mark inside it or hanging from the verb before it), with
    /// no argument at all ("..., he asked."), or whose topic follows
    /// "about" asks for an answer, not for an act (GUIDELINES: a request
    /// asks a party to do something).
    pub fn asks_a_question(&self, k: usize) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        if !matches!(
            self.lemma_of(p).to_lowercase().as_str(),
            "ask" | "inquire" | "enquire"
        ) {
            return false;
        }
        // "'Can you get the smoke out?' she asked": the quoted question's
        // mark hangs from the verb of asking; "... he asked." alone asks
        // no one for anything.
        let start = self.tok(p).start;
        let question_before = self
            .children(p)
            .any(|c| self.lemma_of(c) == "?" && self.tok(c).start < start);
        let bare = !self.children(p).any(|c| match self.tok(c).dep {
            Dep::Dobj
            | Dep::Dative
            | Dep::Ccomp
            | Dep::Xcomp
            | Dep::Nsubjpass
            | Dep::Auxpass
            | Dep::Advcl
            | Dep::Parataxis
            | Dep::Conj => true,
            Dep::Prep => self.lemma_of(c).eq_ignore_ascii_case("for"),
            _ => false,
        });
        if question_before || bare {
            return true;
        }
        self.children(p).any(|c| match self.tok(c).dep {
            Dep::Prep => self.lemma_of(c).eq_ignore_ascii_case("about"),
            Dep::Ccomp | Dep::Parataxis | Dep::Advcl => {
                let opened_as_question = self.children(c).any(|g| {
                    let t = self.tok(g);
                    t.start < self.tok(c).start
                        && (matches!(t.tag, Tag::Wrb | Tag::Wp | Tag::Wdt)
                            || (t.dep == Dep::Mark
                                && matches!(
                                    self.lemma_of(g).to_lowercase().as_str(),
                                    "if" | "whether"
                                )))
                });
                opened_as_question || self.subtree_has(c, |q| self.lemma_of(q) == "?")
            }
            _ => false,
        })
    }

    /// The parse tokens of the subtree headed by `p`, depth first, at most
    /// `SUBTREE_LIMIT` of them, so that a malformed tree cannot make a walk
    /// run away.
    fn subtree(&self, p: usize) -> impl Iterator<Item = usize> + '_ {
        let mut stack = vec![p];
        std::iter::from_fn(move || {
            let q = stack.pop()?;
            stack.extend(self.children(q));
            Some(q)
        })
        .take(SUBTREE_LIMIT)
    }

    /// Some token of the parse subtree headed by `p` passes `test`.
    fn subtree_has(&self, p: usize, test: impl Fn(usize) -> bool) -> bool {
        self.subtree(p).any(test)
    }

    /// The verb governing this one's open complement ("vowed to strike":
    /// "strike" → "vowed"), as a parse token.
    pub fn complement_head(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        let t = self.tok(p);
        (t.dep == Dep::Xcomp && t.head != p).then_some(t.head)
    }

    /// The coder tokens of the trigger's open complement ("threatened to
    /// cut off power to Armenia": "to cut off power to Armenia").
    pub fn open_complement_range(&self, k: usize) -> Option<(usize, usize)> {
        let complement = self.child_with(self.predicate(k)?, &[Dep::Xcomp])?;
        self.subtree_range(complement)
    }

    /// The coder tokens of the trigger's content clause when its subject is
    /// a personal pronoun or a word of the speaker's own side (`own_side`,
    /// asked with the subject's coder token) and the trigger has no object
    /// of its own ("warned that it would impose sanctions on Sweden",
    /// "Japanese officials warned that Japan would ...", not "warned Kenya
    /// that it would ..."): the speaker's own act, whose party acted on is
    /// the one the saying is aimed at.
    pub fn own_content_clause_range(
        &self,
        k: usize,
        own_side: impl Fn(usize) -> bool,
    ) -> Option<(usize, usize)> {
        let clause = self.objectless_content_clause(k)?;
        let subject = self.child_with(clause, &[Dep::Nsubj])?;
        if self.tok(subject).tag != Tag::Prp && !self.coder_token(subject).is_some_and(own_side) {
            return None;
        }
        self.subtree_range(clause)
    }

    /// The subject of the trigger's content clause when the trigger takes no
    /// direct object ("warned that Turkey would ...": Turkey), as a coder
    /// token.
    pub fn content_clause_subject(&self, k: usize) -> Option<usize> {
        let clause = self.objectless_content_clause(k)?;
        self.coder_token(self.child_with(clause, &[Dep::Nsubj])?)
    }

    /// The parse node of the trigger's content clause, when the trigger has
    /// one and no direct object: with an object ("warned Kenya that ...")
    /// the saying is aimed at the object, and the clause's subject says
    /// nothing of the speaker.
    fn objectless_content_clause(&self, k: usize) -> Option<usize> {
        let verb = self.predicate(k)?;
        if self.child_with(verb, &[Dep::Dobj]).is_some() {
            return None;
        }
        self.content_clause(k)
    }

    /// The parse node of the trigger's content clause ("said that ...").
    fn content_clause(&self, k: usize) -> Option<usize> {
        self.child_with(self.predicate(k)?, &[Dep::Ccomp])
    }

    /// The predicate of the trigger's content clause when that clause is a
    /// copula with a subject, no negation and no modal ("said the seizure
    /// was an act of piracy": "an act of piracy"; "would be a provocation"
    /// says what it would be), as a coder range.
    pub fn copular_content_predicate(&self, k: usize) -> Option<(usize, usize)> {
        let clause = self.content_clause(k)?;
        if !self.lemma_of(clause).eq_ignore_ascii_case("be")
            || self.child_with(clause, &[Dep::Nsubj]).is_none()
            || self.child_with(clause, &[Dep::Neg]).is_some()
            || self
                .children(clause)
                .any(|c| self.tok(c).dep == Dep::Aux && self.tok(c).tag == Tag::Md)
        {
            return None;
        }
        self.subtree_range(self.child_with(clause, &[Dep::Attr, Dep::Acomp])?)
    }

    /// The coder tokens of the trigger's content clause ("agreed that the
    /// plan was sound": "that the plan was sound"), whoever its subject.
    pub fn content_clause_range(&self, k: usize) -> Option<(usize, usize)> {
        self.subtree_range(self.content_clause(k)?)
    }

    /// The verb of the trigger's open complement, as a coder token
    /// ("declined to criticise Russia": "criticise"); also an infinitive
    /// the parse hangs as an adverbial clause when words come between
    /// ("declined on Tuesday to criticise").
    pub fn open_complement_verb(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        let complement = self.child_with(p, &[Dep::Xcomp]).or_else(|| {
            self.children(p).find(|&c| {
                self.tok(c).dep == Dep::Advcl
                    && self.tok(c).tag == Tag::Vb
                    && self.children(c).any(|a| {
                        self.tok(a).dep == Dep::Aux && self.lemma_of(a).eq_ignore_ascii_case("to")
                    })
            })
        })?;
        self.coder_token(complement)
    }

    /// The trigger is an attempt's complement ("tried to disperse", "attempted
    /// to break up") done "with" or "using" a means of force (`means`, asked
    /// with a lemma and with a modifier and a lemma: "tear gas", "rubber
    /// bullet"), on the verb or on its object: force was used, so the act
    /// happened whether or not it succeeded.
    pub fn attempt_with_means(&self, k: usize, means: impl Fn(&str) -> bool) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        let t = self.tok(p);
        if t.dep != Dep::Xcomp
            || t.head == p
            || !ATTEMPT_VERBS.contains(&self.lemma_of(t.head).to_lowercase().as_str())
        {
            return false;
        }
        let named_means = |o: usize| {
            let lemma = self.lemma_of(o).to_lowercase();
            let modified = o
                .checked_sub(1)
                .filter(|&m| {
                    self.tok(m).head == o && matches!(self.tok(m).dep, Dep::Amod | Dep::Compound)
                })
                .map(|m| format!("{} {lemma}", self.lemma_of(m).to_lowercase()));
            means(&lemma) || modified.is_some_and(|phrase| means(&phrase))
        };
        let with_means = |h: usize| {
            self.children(h).any(|c| {
                let lemma = self.lemma_of(c).to_lowercase();
                let opens = (self.tok(c).dep == Dep::Prep && lemma == "with")
                    || (lemma == "use" && self.tok(c).tag == Tag::Vbg);
                opens
                    && self
                        .child_with(c, &[Dep::Pobj, Dep::Dobj])
                        .is_some_and(named_means)
            })
        };
        with_means(p) || self.child_with(p, &[Dep::Dobj]).is_some_and(with_means)
    }

    /// The parse reads the verb as a finite active verb with a subject and
    /// a direct object of its own ("troops returned fire"): a noun before it
    /// is not its object, as it may be before a participle ("the villages
    /// returned to Ukraine") or in the passive.
    pub fn finite_with_own_object(&self, k: usize) -> bool {
        self.parse_token(k).is_some_and(|p| {
            matches!(self.tok(p).tag, Tag::Vbd | Tag::Vbz | Tag::Vbp)
                && self.child_with(p, &[Dep::Nsubj]).is_some()
                && self.child_with(p, &[Dep::Dobj]).is_some()
        })
    }

    /// The parse reads the word as a finite verb whose subject stands
    /// before the word right before it ("Egyptian troops in the desert
    /// arrested 12 smugglers"): that word and its article end the
    /// subject's modifier, not a noun phrase the verb form would end.
    pub fn finite_with_earlier_subject(&self, k: usize) -> bool {
        let (Some(p), Some(prev)) = (
            self.parse_token(k),
            k.checked_sub(1).and_then(|j| self.parse_token(j)),
        ) else {
            return false;
        };
        let t = self.tok(p);
        t.pos == Pos::Verb
            && matches!(t.tag, Tag::Vbd | Tag::Vbz | Tag::Vbp)
            && self.child_with(p, &[Dep::Nsubj]).is_some_and(|s| s < prev)
    }

    /// The word is tagged as the past of another verb, whose lemma the
    /// parse gives: "she wound up on a plane" is "wind", not "wound".
    /// Only asked of a trigger matched as its own base form, which a past
    /// tag contradicts.
    pub fn past_of_other_verb(&self, k: usize, word: &str) -> bool {
        self.parse_token(k).is_some_and(|p| {
            let t = self.tok(p);
            matches!(t.tag, Tag::Vbd | Tag::Vbn)
                && t.pos == Pos::Verb
                && !self.lemma_of(p).eq_ignore_ascii_case(word)
        })
    }

    /// Coder token `k` lies in a clause on a noun below the trigger's verb
    /// (a noun's infinitive or participle clause, or a relative clause, on
    /// the way up to it): in "refused to allow protests against the decision to allow
    /// imports from the US", the US is in a clause of "decision", no party
    /// to the refused act. An open complement ("refused to allow") is the
    /// trigger's own act. False when either is not parsed or `k` does not
    /// hang from the trigger.
    pub fn in_nested_clause(&self, trigger: usize, k: usize) -> bool {
        let (Some(verb), Some(mut p)) = (self.predicate(trigger), self.parse_token(k)) else {
            return false;
        };
        let mut nested = false;
        for _ in 0..64 {
            let t = self.tok(p);
            if p == verb {
                return nested;
            }
            if t.head == p {
                return false;
            }
            nested |= matches!(t.dep, Dep::Acl | Dep::Relcl);
            p = t.head;
        }
        false
    }

    /// Coder token `k` is the agent of a participle on a noun, one that is
    /// not the trigger's own verb ("under a deal reached after talks hosted
    /// by Qatar", "a truce brokered by Egypt"), or of a participle clause on
    /// the verb ("the accord was reached in Juba, chaired by IGAD's envoy"):
    /// the host or broker of another act, not a party to the trigger's;
    /// or of a later conjunct of the trigger's verb ("freed and flown home
    /// by the Red Cross").
    /// False when either is not parsed.
    pub fn agent_of_other_participle(&self, trigger: usize, k: usize) -> bool {
        let (Some(verb), Some(p)) = (self.predicate(trigger), self.parse_token(k)) else {
            return false;
        };
        let by = self.tok(p).head;
        if self.tok(p).dep != Dep::Pobj || self.tok(by).dep != Dep::Agent {
            return false;
        }
        let participle = self.tok(by).head;
        // "were freed on Monday and flown to Gambella by the ICRC": a
        // conjoined participle after the trigger's verb, with words of the
        // first verb's own between them, has its own agent; "were beaten
        // and detained by soldiers" share theirs.
        let later_conjunct = self.tok(participle).dep == Dep::Conj
            && self.tok(participle).head == verb
            && participle > verb + 3;
        participle != verb
            && (matches!(self.tok(participle).dep, Dep::Acl | Dep::Advcl) || later_conjunct)
    }

    /// The clause head a trigger's modal or mood is read at: the predicate,
    /// or the verb or adjective its open complement hangs from ("must be
    /// ready to mediate": "mediate" → "ready" → "be"), at most three steps.
    fn clause_heads(&self, k: usize) -> Vec<usize> {
        let Some(mut p) = self.predicate(k) else {
            return Vec::new();
        };
        let mut heads = vec![p];
        for _ in 0..3 {
            let t = self.tok(p);
            if !matches!(t.dep, Dep::Xcomp | Dep::Acomp) || t.head == p {
                break;
            }
            p = t.head;
            heads.push(p);
        }
        heads
    }

    /// The clause says what its subject is obliged to do: a deontic modal
    /// ("must") on the verb or on the verb its open complement
    /// hangs from ("Iraq must cooperate", "the US must be ready to mediate").
    pub fn deontic_modal(&self, k: usize) -> bool {
        self.clause_heads(k).into_iter().any(|p| {
            self.children(p).any(|c| {
                self.tok(c).tag == Tag::Md
                    && self.tok(c).dep == Dep::Aux
                    && DEONTIC_MODALS.contains(&self.lemma_of(c).to_lowercase().as_str())
            })
        })
    }

    /// The clause is the content of a demand, in the mandative mood: a
    /// clausal complement of a word of demanding whose verb is a bare base
    /// form with no modal or tense of its own ("demanded that Israel ease
    /// the restrictions", "its demand that the partners refuse").
    pub fn mandative(&self, k: usize) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        let t = self.tok(p);
        let Some(governor) = self.complement_governor(k).filter(|_| t.dep != Dep::Xcomp) else {
            return false;
        };
        let finite_aux = self.children(p).any(|c| {
            matches!(self.tok(c).dep, Dep::Aux | Dep::Auxpass)
                && matches!(self.tok(c).tag, Tag::Md | Tag::Vbd | Tag::Vbz)
        });
        self.governs_demand(governor)
            && matches!(t.tag, Tag::Vb | Tag::Vbp | Tag::Vbn)
            && !finite_aux
            && self.child_with(p, &[Dep::Nsubj, Dep::Nsubjpass]).is_some()
    }

    /// A word of demanding, or a verb that restates one as its object
    /// ("reiterated its demand that Israel ease ...": the parse hangs the
    /// clause on the verb).
    fn governs_demand(&self, g: usize) -> bool {
        let demanding =
            |w: usize| DEMAND_GOVERNORS.contains(&self.lemma_of(w).to_lowercase().as_str());
        demanding(g) || self.child_with(g, &[Dep::Dobj]).is_some_and(demanding)
    }

    /// A verb that both states and demands ("insist") whose clausal
    /// complement has a tense of its own ("insisted unrest reflected old
    /// tensions", "insisted she had not lied") or a modal of prediction ("insisted the ministry would publish the
    /// figures") states a claim; "insisted that Israel withdraw" and
    /// "insisted talks must resume" are demands.
    pub fn states_claim(&self, k: usize) -> bool {
        let Some(p) = self.parse_token(k) else {
            return false;
        };
        let lemma = self.lemma_of(p).to_lowercase();
        if !(STATING_VERBS.contains(&lemma.as_str()) && DEMAND_GOVERNORS.contains(&lemma.as_str()))
        {
            return false;
        }
        let Some(c) = self.child_with(p, &[Dep::Ccomp]) else {
            return false;
        };
        self.indicative_clause(c)
    }

    /// The clause headed by `c` is in the indicative: a past or third-person
    /// present verb, or one of its auxiliaries ("had", "has", "was"), or a
    /// modal of prediction ("would", "will", "could"). A plain present
    /// form is left out: it may be the mandative mood ("insisted that the
    /// troops withdraw"), and "insist they have a right to see her" claims
    /// an entitlement as a demand does. A modal of obligation ("must",
    /// "should") makes the clause a demand's content.
    fn indicative_clause(&self, c: usize) -> bool {
        let tensed = |q: usize| matches!(self.tok(q).tag, Tag::Vbd | Tag::Vbz);
        let mut modal = false;
        for a in self.children(c) {
            let t = self.tok(a);
            if t.tag == Tag::Md {
                if OBLIGATION_MODALS.contains(&self.lemma_of(a).to_lowercase().as_str()) {
                    return false;
                }
                modal = true;
            }
        }
        modal
            || tensed(c)
            || self
                .children(c)
                .any(|a| matches!(self.tok(a).dep, Dep::Aux | Dep::Auxpass) && tensed(a))
    }

    /// The trigger is a past participle the parse read as the main verb of
    /// its sentence: "The civilians imprisoned for ... were released by
    /// Putin" hangs "were released" on "imprisoned" as a conjunct, with no
    /// "and" between them and no subject of its own. A passive conjunct
    /// with neither a conjunction nor a subject can only be the real main
    /// verb, and the trigger a reduced relative clause on its subject.
    pub fn reduced_relative_read_as_main(&self, k: usize) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        let t = self.tok(p);
        if t.tag != Tag::Vbd || self.child_with(p, &[Dep::Dobj, Dep::Cc]).is_some() {
            return false;
        }
        self.children(p).any(|c| {
            self.tok(c).dep == Dep::Conj
                && self.child_with(c, &[Dep::Auxpass]).is_some()
                && self.child_with(c, &[Dep::Nsubj, Dep::Nsubjpass]).is_none()
        })
    }

    /// The clause the trigger is in is the content of a verb of alleging
    /// ("claimed that ISIL had attacked Iraq"): the
    /// text reports the allegation, not the act.
    pub fn in_allegation(&self, k: usize) -> bool {
        self.complement_governor(k).is_some_and(|g| {
            self.tok(g).pos == Pos::Verb
                && ALLEGING_VERBS.contains(&self.lemma_of(g).to_lowercase().as_str())
        })
    }

    /// Who states the clause a trigger is in: the subject of the verb its
    /// clause is the complement of ("Russia said Sudan must return ...",
    /// through a noun: "issued a reminder that Iraq must cooperate", "its
    /// demand that Israel ease ..."), or of a verb of saying set beside it
    /// ("Sudan must return it, Russia said"). A parse token.
    pub fn speaker(&self, k: usize) -> Option<usize> {
        let top = *self.clause_heads(k).last()?;
        let t = self.tok(top);
        if let Some(governor) = self.complement_governor(k) {
            // A clause agreed on or decided is the parties' own course of
            // action ("agreed that their countries should cooperate").
            if JOINT_RESOLVE_VERBS.contains(&self.lemma_of(governor).to_lowercase().as_str()) {
                return None;
            }
            // Up from the governing word to the first verb with a subject.
            let mut g = governor;
            for _ in 0..3 {
                if let Some(s) = self.child_with(g, &[Dep::Nsubj]) {
                    return Some(s);
                }
                let up = self.tok(g);
                if up.head == g {
                    return None;
                }
                g = up.head;
            }
            return None;
        }
        // "X must go, Y said": the saying verb hangs from the clause.
        self.children(top)
            .filter(|&c| {
                self.tok(c).dep == Dep::Parataxis
                    || (self.tok(c).dep == Dep::Ccomp
                        && REPORTING_VERBS.contains(&self.lemma_of(c).to_lowercase().as_str()))
            })
            .filter(|&c| self.tok(c).start > t.start)
            .find_map(|c| self.child_with(c, &[Dep::Nsubj]))
            .or_else(|| self.speaker_read_as_apposition(top))
    }

    /// "X will send aid to Y, the World Food Programme (WFP) said": the parse
    /// may hang the saying verb from the clause as a conjunct with no
    /// subject and read its speaker as an apposition of the clause's last
    /// noun. The speaker is then the last apposition before the saying verb
    /// that is not itself the apposition of an apposition (the acronym).
    fn speaker_read_as_apposition(&self, top: usize) -> Option<usize> {
        let say = self.children(top).find(|&c| {
            c > top
                && self.tok(c).dep == Dep::Conj
                && REPORTING_VERBS.contains(&self.lemma_of(c).to_lowercase().as_str())
                && self.child_with(c, &[Dep::Nsubj, Dep::Nsubjpass]).is_none()
        })?;
        (top + 1..say).rev().find(|&a| {
            let t = self.tok(a);
            t.dep == Dep::Appos && self.tok(t.head).dep != Dep::Appos
        })
    }

    /// The word whose content the trigger's clause is: the verb it is the
    /// clausal complement of ("said that ...", "demanded that ..."), or a
    /// noun of saying or demanding ("a reminder that ...", "its demand
    /// that ..."); not a noun the clause only describes ("the immigrants
    /// they must expel"). A parse token.
    pub fn complement_governor(&self, k: usize) -> Option<usize> {
        let top = *self.clause_heads(k).last()?;
        let t = self.tok(top);
        if t.head == top {
            return None;
        }
        let governor = self.lemma_of(t.head).to_lowercase();
        match t.dep {
            Dep::Ccomp
                if STATING_VERBS.contains(&governor.as_str())
                    || DEMAND_GOVERNORS.contains(&governor.as_str())
                    || JOINT_RESOLVE_VERBS.contains(&governor.as_str()) =>
            {
                Some(t.head)
            }
            Dep::Acl
                if DEMAND_GOVERNORS.contains(&governor.as_str())
                    || self.words.statement_nouns.contains(&governor) =>
            {
                Some(t.head)
            }
            _ => None,
        }
    }

    /// The verb whose clausal complement the trigger's clause is, whatever
    /// that verb is ("threatened that ..."): a coder token.
    pub fn content_clause_verb(&self, k: usize) -> Option<usize> {
        let top = *self.clause_heads(k).last()?;
        let t = self.tok(top);
        (t.dep == Dep::Ccomp && t.head != top)
            .then(|| self.coder_token(t.head))
            .flatten()
    }

    /// The verb's subject is one singular noun with no conjunct and no
    /// coordinated modifiers ("Israel's cabinet met"), not a group of
    /// parties ("the US, Russia and Switzerland met", "Israeli and
    /// Palestinian negotiators met") nor a plural ("the ministers met").
    pub fn single_party_subject(&self, k: usize) -> bool {
        let Some(s) = self.subject(k) else {
            return false;
        };
        matches!(self.tok(s).tag, Tag::Nn | Tag::Nnp)
            && self.child_with(s, &[Dep::Conj]).is_none()
            && self.coordinated_subject_modifiers(k).is_none()
    }

    /// The verb's subject names two or more parties by coordination: a
    /// conjunct ("Russia and Belarus will hold drills") or coordinated
    /// modifiers ("Russian and Chinese navies").
    pub fn coordinated_subject(&self, k: usize) -> bool {
        self.subject(k)
            .is_some_and(|s| self.child_with(s, &[Dep::Conj]).is_some())
            || self.coordinated_subject_modifiers(k).is_some()
    }

    /// The verb's direct object, or the object of its "with", is kin or
    /// private company ("visiting her father", "met with his wife"), or its
    /// subject is a private person ("the man and the woman met online"):
    /// `private_party` says so of a lower-cased lemma.
    pub fn meets_private_party(&self, k: usize, private_party: impl Fn(&str) -> bool) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        let private = |o: usize| private_party(&self.lemma_of(o).to_lowercase());
        if self.subject(k).is_some_and(|s| {
            private(s)
                || self
                    .children(s)
                    .any(|c| self.tok(c).dep == Dep::Conj && private(c))
        }) {
            return true;
        }
        self.children(p).any(|c| match self.tok(c).dep {
            Dep::Dobj => private(c),
            Dep::Prep if self.lemma_of(c).eq_ignore_ascii_case("with") => {
                self.child_with(c, &[Dep::Pobj]).is_some_and(private)
            }
            _ => false,
        })
    }

    /// The verb's direct object, or that of the verb it governs as an open
    /// complement ("refused to sign a law"), or the noun hung by "of" on
    /// either ("a second reading of the bill"), is a noun `matter` accepts.
    pub fn acts_on_matter(&self, k: usize, matter: impl Fn(&str) -> bool) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        let is_matter = |o: usize| {
            matter(&self.lemma_of(o).to_lowercase())
                || self.children(o).any(|c| {
                    self.tok(c).dep == Dep::Prep
                        && self.lemma_of(c).eq_ignore_ascii_case("of")
                        && self
                            .child_with(c, &[Dep::Pobj])
                            .is_some_and(|n| matter(&self.lemma_of(n).to_lowercase()))
                })
        };
        let objects = |v: usize| {
            self.children(v)
                .filter(move |&c| self.tok(c).dep == Dep::Dobj)
                .collect::<Vec<_>>()
        };
        let mut verbs = vec![p];
        verbs.extend(self.children(p).filter(|&c| self.tok(c).dep == Dep::Xcomp));
        verbs
            .into_iter()
            .any(|v| objects(v).into_iter().any(is_matter))
    }

    /// The verb's direct or indirect object is kin or private company, or
    /// a noun that one of them modifies ("offered the family assistance",
    /// read as a compound "family assistance"; "sent his wife flowers"):
    /// the act is aimed at private persons, not at a party of the story.
    pub fn aims_at_private_party(&self, k: usize, private_party: impl Fn(&str) -> bool) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        let private = |o: usize| private_party(&self.lemma_of(o).to_lowercase());
        self.children(p).any(|c| {
            matches!(self.tok(c).dep, Dep::Dobj | Dep::Dative)
                && (private(c)
                    || self
                        .children(c)
                        .any(|m| self.tok(m).dep == Dep::Compound && private(m)))
        })
    }

    /// The verb takes a direct object or a clausal complement ("demonstrated
    /// new recipes", "demonstrated that it works"), or is a passive, whose
    /// subject is the object it took ("the case was withdrawn").
    pub fn transitive(&self, k: usize) -> bool {
        self.predicate(k).is_some_and(|p| {
            self.children(p).any(|c| match self.tok(c).dep {
                Dep::Dobj => !self.locative_read_as_object(c),
                Dep::Ccomp | Dep::Nsubjpass | Dep::Auxpass => true,
                _ => false,
            })
        })
    }

    /// The verb at coder token `k` has nothing it acts on or sets out: no
    /// direct object, clausal or open complement, or passive subject
    /// ("exports declined by 12 percent"; not "declined the invitation",
    /// "declined to attend").
    pub fn has_no_complement(&self, k: usize) -> bool {
        self.predicate(k).is_some_and(|p| {
            !self.children(p).any(|c| {
                matches!(
                    self.tok(c).dep,
                    Dep::Dobj | Dep::Xcomp | Dep::Ccomp | Dep::Nsubjpass | Dep::Auxpass
                )
            })
        })
    }

    /// "gathered outside parliament": the parse may read a bare noun after
    /// a place preposition as the verb's direct object, the preposition
    /// its modifier ("outside" an adjective). Such a noun is where the act
    /// took place, not what it acts on.
    fn locative_read_as_object(&self, o: usize) -> bool {
        self.children(o).any(|m| {
            m < o
                && matches!(
                    self.tok(m).dep,
                    Dep::Amod | Dep::Advmod | Dep::Prep | Dep::Det
                )
                && LOCATIVE_PREPOSITIONS.contains(&self.lemma_of(m).to_lowercase().as_str())
        })
    }

    /// What the verb acts on, as the parse reads it: its own direct object,
    /// or in the passive its own subject ("candidates were banned"), a
    /// relative pronoun read as the noun the clause modifies ("candidates
    /// who were banned"). Inherited subjects do not count.
    pub fn acted_on(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        if let Some(o) = self.child_with(p, &[Dep::Dobj]) {
            return Some(o);
        }
        let s = self.child_with(p, &[Dep::Nsubjpass])?;
        if self.subject_is_relative(s) {
            return self.relative_antecedent(k);
        }
        Some(s)
    }

    /// What an event noun acts on through "on" ("a ban on single-use
    /// plastics", "the ban on two journalists"): the noun trigger's "on"
    /// phrase object, read like a verb's direct object by `party-object`.
    pub fn noun_acted_on(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        if self.tok(p).pos != Pos::Noun {
            return None;
        }
        let prep = self.children(p).find(|&c| {
            self.tok(c).dep == Dep::Prep && self.lemma_of(c).eq_ignore_ascii_case("on")
        })?;
        self.child_with(prep, &[Dep::Pobj])
    }

    /// The verb's direct object is a definite common noun with no possessor
    /// and no "of" or "by" phrase ("condemned the crackdown", "described
    /// the drills as an escalation"): a happening named by reference, not
    /// with its parties. The noun's coder token.
    pub fn definite_object_noun(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        let o = self.child_with(p, &[Dep::Dobj])?;
        if self.tok(o).pos != Pos::Noun {
            return None;
        }
        let definite = self.children(o).any(|c| {
            self.tok(c).dep == Dep::Det
                && matches!(
                    self.lemma_of(c).to_lowercase().as_str(),
                    "the" | "this" | "that" | "these" | "those"
                )
        });
        let parties_named = self.children(o).any(|c| {
            self.tok(c).dep == Dep::Poss
                || (self.tok(c).dep == Dep::Prep
                    && matches!(self.lemma_of(c).to_lowercase().as_str(), "of" | "by"))
        });
        (definite && !parties_named)
            .then(|| self.coder_token(o))
            .flatten()
    }

    /// The noun the trigger's verb at coder token `k` takes as its direct
    /// object or the object of "against" or "over", as a coder token
    /// ("condemned the killing of two teenagers by soldiers", "protested
    /// against the seizure of a boat by ...": the event noun). None when not
    /// parsed or not a noun.
    pub fn object_noun(&self, k: usize) -> Option<usize> {
        let v = self.predicate(k)?;
        let o = self
            .child_with(v, &[Dep::Dobj])
            .or_else(|| self.prep_object(v, REACTION_PREPOSITIONS))?;
        (self.tok(o).pos == Pos::Noun)
            .then(|| self.coder_token(o))
            .flatten()
    }

    /// What the verb acts on (`acted_on`), seen through a quantity
    /// ("thousands of birds were killed", "killed hundreds of ducks"): the
    /// noun counted, as a lower-case lemma, when it is a common noun.
    pub fn acted_on_noun(&self, k: usize) -> Option<String> {
        let mut o = self
            .acted_on(k)
            .or_else(|| self.shared_object(self.predicate(k)?))?;
        let counted = |q: usize| {
            let t = self.tok(q);
            t.pos == Pos::Num
                || matches!(
                    self.lemma_of(q).to_lowercase().as_str(),
                    "thousand" | "hundred" | "million" | "dozen" | "number" | "score"
                )
        };
        if counted(o) {
            if let Some(of) = self.children(o).find(|&c| {
                self.tok(c).dep == Dep::Prep && self.lemma_of(c).eq_ignore_ascii_case("of")
            }) {
                o = self.child_with(of, &[Dep::Pobj])?;
            }
        }
        self.is_common_noun(o)
            .then(|| self.lemma_of(o).to_lowercase())
    }

    /// The direct object a verb with none of its own shares with the
    /// later verbs coordinated with it ("slaughtering, burning and burying
    /// 6,500 hogs": "burning" acts on the hogs): the first object down its
    /// chain of conjuncts.
    fn shared_object(&self, p: usize) -> Option<usize> {
        let mut verb = p;
        for _ in 0..8 {
            verb = self
                .children(verb)
                .find(|&c| self.tok(c).dep == Dep::Conj && self.tok(c).pos == Pos::Verb)?;
            if let Some(o) = self.child_with(verb, &[Dep::Dobj]) {
                return Some(o);
            }
        }
        None
    }

    /// A personal pronoun, which stands for a party named elsewhere.
    pub fn is_pronoun(&self, p: usize) -> bool {
        self.tok(p).pos == Pos::Pron
    }

    /// The verb's direct object (parse token).
    pub fn direct_object(&self, k: usize) -> Option<usize> {
        self.child_with(self.predicate(k)?, &[Dep::Dobj])
    }

    /// The verb's direct object when it is a noun, as a coder token
    /// ("protested the US arms sale": "sale").
    pub fn direct_object_noun(&self, k: usize) -> Option<usize> {
        let o = self.direct_object(k)?;
        (self.tok(o).pos == Pos::Noun)
            .then(|| self.coder_token(o))
            .flatten()
    }

    /// The verb's direct object, else its object predicate (parse token):
    /// the parse may read a named object as the predicate ("called
    /// Zelensky a liar", with "Zelensky" an `oprd`), but a day so read is
    /// a time ("called Thursday on Arabs to unite").
    pub fn object_or_predicate(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        self.child_with(p, &[Dep::Dobj])
            .or_else(|| self.object_predicate(k))
    }

    /// The object predicate of the verb at coder token `k`, as a parse
    /// index, when it is no date or time ("which it called the deadliest":
    /// "deadliest"), whatever its direct object is: a relative pronoun
    /// object stands before the verb, its predicate after it.
    pub fn object_predicate(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        self.children(p).find(|&c| {
            self.tok(c).dep == Dep::Oprd
                && !self.doc.parsed.entities.iter().any(|e| {
                    matches!(
                        e.label,
                        sitrep_syntax::EntityLabel::Date | sitrep_syntax::EntityLabel::Time
                    ) && e.start <= c
                        && c < e.end
                })
        })
    }

    /// Coder token `word` is the thing the verb at `k` says something of,
    /// not what it acts on: the direct object of a verb with an object
    /// predicate ("called the strike a political attack"), or the subject
    /// of an adjective clause under it ("declared the strike illegal").
    pub fn object_described(&self, k: usize, word: usize) -> bool {
        let (Some(v), Some(w)) = (self.predicate(k), self.parse_token(word)) else {
            return false;
        };
        let (head, dep) = self.arc(w);
        let named = head == v && dep == Dep::Dobj && self.names_its_object(k);
        let small_clause = dep == Dep::Nsubj && head != w && {
            let (h2, d2) = self.arc(head);
            h2 == v && matches!(d2, Dep::Ccomp | Dep::Xcomp) && self.tok(head).pos == Pos::Adj
        };
        named || small_clause
    }

    /// The verb says what its object is, with an object predicate ("called
    /// Ukraine a brother nation", "considered Russia a threat"): the object
    /// is named, not acted on.
    pub fn names_its_object(&self, k: usize) -> bool {
        self.predicate(k)
            .is_some_and(|p| self.child_with(p, &[Dep::Oprd]).is_some())
    }

    /// Coder token `word` heads the direct object of trigger `k`'s verb, or
    /// the noun of an "of" phrase under it ("provided 25,000 tons of food
    /// aid", "freed hundreds of prisoners"), or a conjunct of either. Nothing
    /// that hangs from another verb or a preposition of the verb's own counts.
    pub fn object_of_verb(&self, k: usize, word: usize) -> bool {
        let (Some(verb), Some(mut x)) = (self.predicate(k), self.parse_token(word)) else {
            return false;
        };
        for _ in 0..MAX_OBJECT_CHAIN {
            let (head, dep) = self.arc(x);
            if head == x {
                return false;
            }
            if head == verb {
                return matches!(dep, Dep::Dobj | Dep::Dative | Dep::Nsubjpass);
            }
            let of_phrase = dep == Dep::Prep && self.lemma_of(x) == "of";
            if !(matches!(dep, Dep::Pobj | Dep::Conj) || of_phrase || self.second_object(x)) {
                return false;
            }
            x = head;
        }
        false
    }

    /// Parse token `x` is a preposition other than "of" on a noun ("the
    /// road to the embassy"): its phrase says which one the noun is, so a
    /// generated entry's object word inside it is not the verb's object
    /// ("closed the road to the embassy" closes the road). Only "of" and
    /// "by" make their noun a party of the object's own ("the withdrawal of
    /// troops", "patrols by police").
    pub fn names_which_noun(&self, x: usize) -> bool {
        let (head, dep) = self.arc(x);
        dep == Dep::Prep
            && head != x
            && matches!(self.tok(head).pos, Pos::Noun | Pos::Propn)
            && !matches!(self.lemma_of(x).to_lowercase().as_str(), "of" | "by")
    }

    /// "handed Peru's ambassador in Lima a note of protest": the parse may
    /// hang a ditransitive verb's second object on the first as an
    /// apposition. An appositive not set off by punctuation and opening
    /// with "a"/"an" is no apposition ("the ambassador, a career
    /// diplomat," is): it is the verb's second object.
    fn second_object(&self, x: usize) -> bool {
        if self.tok(x).dep != Dep::Appos {
            return false;
        }
        self.subtree(x).min().is_some_and(|first| {
            first > 0
                && self.tok(first - 1).dep != Dep::Punct
                && matches!(self.lemma_of(first).to_lowercase().as_str(), "a" | "an")
        })
    }

    /// Trigger `k` is a passive with no agent and a counted subject in a
    /// relative clause of place or circumstance ("the town where 28 people
    /// were killed in riots", "air raids in which it said 20 were killed"),
    /// directly or under a saying verb there: a toll that describes its
    /// antecedent, naming no one who acted.
    pub fn agentless_background_passive(&self, k: usize) -> bool {
        let Some(mut p) = self.predicate(k) else {
            return false;
        };
        if self.agent(k).is_some() || !self.counted_subject(p) {
            return false;
        }
        for _ in 0..MAX_CLAUSE_CHAIN {
            let (head, dep) = self.arc(p);
            if dep == Dep::Relcl {
                return self.relative_of_place(p);
            }
            if head == p || dep != Dep::Ccomp {
                return false;
            }
            p = head;
        }
        false
    }

    /// Verb `p`'s passive subject is a count ("28 people", "20"): a toll,
    /// not a party the text names.
    fn counted_subject(&self, p: usize) -> bool {
        self.child_with(p, &[Dep::Nsubjpass]).is_some_and(|s| {
            self.lemma_of(s).starts_with(|c: char| c.is_ascii_digit())
                || self.child_with(s, &[Dep::Nummod]).is_some()
        })
    }

    /// Relative clause `p` opens with "where" or a preposition before
    /// "which" ("in which", "during which"). A "when" clause dates its
    /// antecedent's events ("in 2007, when he was accused of ..."): it stays.
    fn relative_of_place(&self, p: usize) -> bool {
        self.children(p).any(|c| match self.tok(c).dep {
            Dep::Advmod => self.lemma_of(c) == "where",
            Dep::Prep => self
                .children(c)
                .any(|w| self.tok(w).dep == Dep::Pobj && self.lemma_of(w) == "which"),
            _ => false,
        })
    }

    /// Trigger `k` is the infinitive of an order that is not negated
    /// ("ordered the prisoners to be released", "ordered troops to pull
    /// back").
    pub fn complement_of_order(&self, k: usize) -> bool {
        self.order_over(k).is_some()
    }

    /// The unnegated "order" verb (parse token) whose infinitive or clause
    /// holds coder token `k` ("ordered Japan to withdraw": `withdraw`).
    pub fn order_over(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        let (head, dep) = self.arc(p);
        (head != p
            && matches!(dep, Dep::Xcomp | Dep::Ccomp)
            && self.lemma_of(head) == "order"
            && self.child_with(head, &[Dep::Neg]).is_none())
        .then_some(head)
    }

    /// The subject and the direct object (parse tokens) of the order over
    /// coder token `k`: who gave it and who was told to act.
    pub fn order_parties(&self, k: usize) -> Option<(usize, usize)> {
        let order = self.order_over(k)?;
        Some((
            self.child_with(order, &[Dep::Nsubj])?,
            self.child_with(order, &[Dep::Dobj])?,
        ))
    }

    /// Coder token `time` (a time expression's word) dates a verb under
    /// "will", "would" or "shall" ("would be sworn in on March 21"): the
    /// time of a planned act, not of anything that happened.
    pub fn time_of_planned_act(&self, time: usize) -> bool {
        let Some(v) = self.parse_token(time).and_then(|p| self.verb_above(p)) else {
            return false;
        };
        self.children(v).any(|c| {
            self.tok(c).dep == Dep::Aux && matches!(self.lemma_of(c), "will" | "would" | "shall")
        })
    }

    /// Coder token `time` dates a verb in the past perfect ("He had met
    /// the commanders last week"): an act told as earlier than the story's
    /// own, background to it, not the day of the acts that follow.
    pub fn time_of_past_perfect_act(&self, time: usize) -> bool {
        let Some(v) = self.parse_token(time).and_then(|p| self.verb_above(p)) else {
            return false;
        };
        self.tok(v).tag == Tag::Vbn
            && self.children(v).any(|c| {
                matches!(self.tok(c).dep, Dep::Aux)
                    && self.tok(c).tag == Tag::Vbd
                    && self.lemma_of(c).eq_ignore_ascii_case("have")
            })
    }

    /// Coder token `time` dates a past-perfect verb that a "when" clause in
    /// the simple past explains ("Relations had soured in September, when
    /// the border guard detained 11 boats"): the clause tells an act of
    /// that time, so the story is told from it and its date is no mere
    /// background for the acts that follow ("Tehran summoned the envoy").
    /// The clause may hang on the verb, the time word or its noun.
    pub fn past_perfect_told_by_when(&self, time: usize) -> bool {
        let Some(p) = self.parse_token(time) else {
            return false;
        };
        let Some(v) = self.verb_above(p) else {
            return false;
        };
        let heads: Vec<usize> = [v, p].into_iter().chain(self.children(p)).collect();
        heads.iter().flat_map(|&h| self.children(h)).any(|c| {
            matches!(self.tok(c).dep, Dep::Advcl | Dep::Relcl)
                && self.tok(c).tag == Tag::Vbd
                && self
                    .children(c)
                    .any(|w| w < c && self.lemma_of(w).eq_ignore_ascii_case("when"))
        })
    }

    /// Trigger `k` is the content of a proposal or request noun: its
    /// infinitive ("rejected a US offer to host a summit") or the gerund of
    /// its "for"/"of" phrase ("an appeal for deploying troops").
    pub fn content_of_proposal(&self, k: usize) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        let (head, dep) = self.arc(p);
        let noun = match dep {
            Dep::Acl => head,
            Dep::Pcomp if matches!(self.lemma_of(head), "for" | "of") => self.arc(head).0,
            _ => return false,
        };
        noun != p
            && self.is_common_noun(noun)
            && self
                .words
                .proposal_nouns
                .contains(&self.lemma_of(noun).to_lowercase())
    }

    /// Noun trigger `k` is what a proposal or prospect noun is for or about
    /// ("plans for a visit by the minister", "a bid for talks",
    /// "speculation about a meeting", "talk of a summit"): the act is put
    /// forward or expected, not done, as with the infinitive of
    /// `content_of_proposal`.
    pub fn noun_content_of_proposal(&self, k: usize) -> bool {
        let Some(p) = self.parse_token(k) else {
            return false;
        };
        let (prep, dep) = self.arc(p);
        if dep != Dep::Pobj
            || prep == p
            || !matches!(
                self.lemma_of(prep).to_lowercase().as_str(),
                "for" | "of" | "about" | "over"
            )
        {
            return false;
        }
        let (noun, dep) = self.arc(prep);
        dep == Dep::Prep
            && noun != prep
            && self.is_common_noun(noun)
            && self
                .words
                .proposal_nouns
                .contains(&self.lemma_of(noun).to_lowercase())
    }

    /// For each of the sentence's `n` coder tokens, whether the parse reads
    /// it as a finite verb ("Syrians fear Turkish troops"): no noun phrase
    /// runs across one.
    pub fn finite_verbs(&self, n: usize) -> Vec<bool> {
        (0..n)
            .map(|k| {
                self.parse_token(k).is_some_and(|p| {
                    let t = self.tok(p);
                    t.pos == Pos::Verb
                        && matches!(t.tag, Tag::Vbp | Tag::Vbz | Tag::Vbd)
                        && !matches!(t.dep, Dep::Amod | Dep::Compound)
                })
            })
            .collect()
    }

    /// Per coder token of a sentence of `n`: the parse reads it as a common
    /// noun compounded with the noun right after it ("a Belgian appeals
    /// court", "the Kenyan protest leaders"): a word inside a noun phrase,
    /// even where it is also a verb form.
    pub fn compound_nouns(&self, n: usize) -> Vec<bool> {
        (0..n)
            .map(|k| {
                self.parse_token(k).is_some_and(|p| {
                    let t = self.tok(p);
                    t.pos == Pos::Noun && t.dep == Dep::Compound && t.head == p + 1
                })
            })
            .collect()
    }

    /// The first verb (a coder token) of a coordination whose second verb
    /// is trigger `k`, when that first verb is a "to" infinitive ("urged
    /// them to unite and mobilize"): the second shares its "to".
    pub fn infinitive_conjunct_head(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        let (head, dep) = self.arc(p);
        if dep != Dep::Conj || head == p || self.child_with(p, &[Dep::Aux]).is_some() {
            return None;
        }
        self.children(head)
            .any(|c| self.tok(c).tag == Tag::To && self.tok(c).dep == Dep::Aux)
            .then(|| self.coder_token(head))
            .flatten()
    }

    /// Coder token `time` dates an event noun that is the object of
    /// "after", "following" or "before" ("advised against travel after the
    /// museum shooting last week", "after last week's attack"): the time of
    /// that other event, not of the clause's act. A time that is itself the
    /// preposition's object ("after Monday") is not, nor one on the
    /// trigger's own noun; "since the August accord" dates the start of an
    /// ongoing act (GUIDELINES), so "since" is not among them.
    pub fn time_of_prior_event(&self, trigger: usize, time: usize) -> bool {
        let Some(mut x) = self.parse_token(time) else {
            return false;
        };
        // "since his arrest last month", coded from "arrest": its own time.
        let trigger = self.parse_token(trigger);
        for step in 0..MAX_CLAUSE_CHAIN {
            let (head, dep) = self.arc(x);
            if head == x || self.tok(head).pos == Pos::Verb {
                return false;
            }
            if step > 0
                && dep == Dep::Pobj
                && matches!(
                    self.lemma_of(head).to_lowercase().as_str(),
                    "after" | "following" | "before"
                )
            {
                return self.tok(x).pos == Pos::Noun && Some(x) != trigger;
            }
            if self.tok(head).pos != Pos::Noun {
                return false;
            }
            x = head;
        }
        false
    }

    /// Coder token `time`, a time expression's last word, is a possessive
    /// on a noun that is not the trigger ("broke up a protest against his
    /// exclusion from January's presidential election"): it says when that
    /// noun's occasion falls, not when the trigger's act took place. On the
    /// trigger's own noun or its subject ("Sunday's attack killed ...") it
    /// is the event's date. False when either is not parsed.
    pub fn time_possessive_on_other_noun(&self, trigger: usize, time: usize) -> bool {
        let (Some(t), Some(p)) = (self.parse_token(time), self.predicate(trigger)) else {
            return false;
        };
        let tok = self.tok(t);
        let noun = self.tok(tok.head);
        // "Monday's shelling of Donetsk killed five people": the cause the
        // trigger's subject names happened when the act did.
        let subject_of_trigger = matches!(noun.dep, Dep::Nsubj | Dep::Nsubjpass) && noun.head == p;
        // "were killed in Sunday's attacks", "detained during Saturday's
        // protest": the occasion of the act, a phrase on the trigger's verb.
        let occasion = noun.dep == Dep::Pobj
            && matches!(
                self.lemma_of(noun.head).to_lowercase().as_str(),
                "in" | "during" | "at"
            )
            && self.tok(noun.head).head == p;
        tok.dep == Dep::Poss
            && tok.head != p
            && self.parse_token(trigger) != Some(tok.head)
            && noun.pos == Pos::Noun
            && !subject_of_trigger
            && !occasion
    }

    /// Whether the noun at `head` names a party: a proper noun ("Venezuela,
    /// which broke off relations in 2019, accused ..."), or a common noun with
    /// a proper-noun possessor ("Venezuela's foreign ministry, which broke off
    /// relations in 2019, accused ..."), an agency of that named party. A bare
    /// common noun ("the war, which broke out in 1975") can be the event itself.
    fn names_a_party(&self, head: usize) -> bool {
        let proper = |p: usize| matches!(self.tok(p).tag, Tag::Nnp | Tag::Nnps);
        proper(head)
            || self
                .children(head)
                .any(|c| self.tok(c).dep == Dep::Poss && proper(c))
    }

    /// Coder token `time` lies in a relative clause set off by commas
    /// before the trigger, one that does not hold the trigger ("the
    /// release of Yaish, who had been arrested 15 months ago, came as
    /// Israel announced ..."): it dates the clause's own act, told as
    /// background of its noun, not the trigger's. False when either is not
    /// parsed.
    pub fn time_in_other_relative_clause(
        &self,
        trigger: usize,
        time: usize,
        past_year: bool,
    ) -> bool {
        let Some(trigger_verb) = self.predicate(trigger).and_then(|p| self.verb_above(p)) else {
            return false;
        };
        let Some(time_verb) = self.parse_token(time).and_then(|p| self.verb_above(p)) else {
            return false;
        };
        let clause = self.tok(time_verb);
        let first = self.subtree(time_verb).min().unwrap_or(time_verb);
        let set_off = first
            .checked_sub(1)
            .is_some_and(|c| self.tok(c).tag == Tag::Comma);
        // "who had been arrested": the past perfect puts the clause's act
        // before the story's own ("who held a video conference on Monday,
        // expressed solidarity" shares its day).
        let past_perfect = self.children(time_verb).any(|c| {
            self.tok(c).dep == Dep::Aux
                && self.tok(c).tag == Tag::Vbd
                && self.lemma_of(c).eq_ignore_ascii_case("have")
        });
        // "The United States, which designated the group in 2010, said":
        // a bare past year marks the clause's act on a named party as
        // background as well ("the war, which broke out in 1975, killed"
        // is dated by it: its noun is the event).
        let on_name = clause.head < self.doc.parsed.tokens.len() && self.names_a_party(clause.head);
        // "demanded that the Senate reject the bill, which the lower house
        // approved last week, and warned": a clause on a noun that is not
        // the trigger's doer tells that noun's own past, not the act's.
        let on_other_noun = clause.head < self.doc.parsed.tokens.len()
            && !self.subject_of_verb_or_its_conjunct_head(clause.head, trigger_verb)
            && !self.opened_by_where_or_when(time_verb);
        time_verb != trigger_verb
            && clause.dep == Dep::Relcl
            && set_off
            && (past_perfect
                || (past_year && on_name)
                || on_other_noun
                || self.schedule_or_future_clause(time_verb))
            && !self.is_above(time_verb, trigger_verb)
    }

    /// Clause verb `v` is in the simple present ("whose leaders meet in
    /// Tonga next month") or under "will"/"shall" ("which will host talks
    /// next week"): it tells a schedule or an act to come, so its time does
    /// not date a past act of the clause's noun ("..., urged restraint").
    /// A present perfect ("which has met since May") is not one.
    fn schedule_or_future_clause(&self, v: usize) -> bool {
        let aux = |lemmas: &[&str]| {
            self.children(v).any(|c| {
                matches!(self.tok(c).dep, Dep::Aux | Dep::Auxpass)
                    && lemmas.contains(&self.lemma_of(c).to_lowercase().as_str())
            })
        };
        (matches!(self.tok(v).tag, Tag::Vbp | Tag::Vbz) && !aux(&["have", "be", "do"]))
            || aux(&["will", "shall"])
    }

    /// Parse token `noun` is the subject of `verb` or of the verb `verb`
    /// is a conjunct of ("They demanded ... and warned": "They" is the
    /// doer of both).
    fn subject_of_verb_or_its_conjunct_head(&self, noun: usize, verb: usize) -> bool {
        let t = self.tok(noun);
        if !matches!(t.dep, Dep::Nsubj | Dep::Nsubjpass) {
            return false;
        }
        let mut v = verb;
        loop {
            if t.head == v {
                return true;
            }
            let vt = self.tok(v);
            if vt.dep != Dep::Conj || vt.head == v || vt.head >= self.doc.parsed.tokens.len() {
                return false;
            }
            v = vt.head;
        }
    }

    /// The relative clause headed by `clause_verb` opens with "where" or
    /// "when" ("In Goma, where crowds gathered on Sunday, police fired"):
    /// its time is the setting of what follows, so it is shared.
    fn opened_by_where_or_when(&self, clause_verb: usize) -> bool {
        self.children(clause_verb).any(|c| {
            self.tok(c).dep == Dep::Advmod
                && matches!(self.lemma_of(c).to_lowercase().as_str(), "where" | "when")
        })
    }

    /// Coder token `time` lies after the trigger in a relative clause set
    /// off by a comma that does not hold the trigger ("turned down the bid
    /// to delay the vote, which is set for May 2"; "urged the release of
    /// the crew, some of whom have been held since 2023"): it dates the act
    /// the clause tells about its noun, not the trigger's. A clause with no
    /// comma ("detained people who gathered on Sunday") may share the
    /// trigger's day, and one on the trigger's own noun ("the war, which
    /// began in 2003") dates it, so both are left alone. False when either
    /// is not parsed. A past month or week (`past_span`) in such a clause
    /// with no comma is its own act's all the same ("rejected the accusation,
    /// adding that the mission had kept to the memorandum it signed in
    /// September"): the trigger's own day is not a month gone by.
    pub fn time_in_later_relative_clause(
        &self,
        trigger: usize,
        time: usize,
        past_span: bool,
    ) -> bool {
        let Some(trigger_p) = self.predicate(trigger) else {
            return false;
        };
        let Some(clause) = self.relative_clause_over(time) else {
            return false;
        };
        let first = self.subtree(clause).min().unwrap_or(clause);
        let set_off = first
            .checked_sub(1)
            .is_some_and(|c| self.tok(c).tag == Tag::Comma);
        // "the war, which began in March 2003": a clause on the trigger's
        // own noun dates the trigger.
        let on_trigger_noun = self.tok(clause).head == trigger_p;
        (set_off || past_span)
            && first > trigger_p
            && !on_trigger_noun
            && !self.is_above(clause, trigger_p)
    }

    /// Coder token `k` is a past participle hanging from the noun it acts
    /// on, with no subject or object of its own ("there were ten soldiers
    /// killed in the town", "ten soldiers killed in the town were buried"):
    /// a reduced passive, whose noun is what the act befell, not its doer.
    /// The noun must hang from a verb of the sentence: a parse with no verb
    /// above it ("Doctors from two aid groups donated ...", read with a
    /// noun as root) misreads a finite verb as the participle. Returns the
    /// noun, as a parse token.
    pub fn participle_on_its_patient(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        let t = self.tok(p);
        (t.dep == Dep::Acl
            && t.tag == Tag::Vbn
            && t.head != p
            && self.tok(t.head).pos == Pos::Noun
            && self.verb_above(t.head).is_some()
            && self
                .child_with(p, &[Dep::Nsubj, Dep::Nsubjpass, Dep::Dobj])
                .is_none())
        .then_some(t.head)
    }

    /// Coder token `k` heads a clause that only describes a noun, with no
    /// agent: a past participle on it ("a Hamas member jailed over a year
    /// ago") or a passive relative clause whose subject is the relative
    /// pronoun ("Yaish, who had been arrested 15 months ago").
    pub fn agentless_noun_description(&self, k: usize) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        let t = self.tok(p);
        if t.head == p || self.agent(k).is_some() {
            return false;
        }
        match t.dep {
            // The parse may tag the participle as a past ("journalist
            // jailed two years ago": VBD under acl).
            Dep::Acl => {
                matches!(t.tag, Tag::Vbn | Tag::Vbd)
                    && self.child_with(p, &[Dep::Nsubj, Dep::Dobj]).is_none()
            }
            Dep::Relcl => self
                .child_with(p, &[Dep::Nsubjpass])
                .is_some_and(|s| self.subject_is_relative(s)),
            _ => false,
        }
    }

    /// The trigger's subject is a published document with a participle
    /// that places it ("a report released in the Rwandan capital alleged
    /// ...", "a statement issued from Moscow condemned ..."): the object of
    /// its "in" or "from", as a parse token. The document speaks for the
    /// place it was issued in.
    pub fn place_of_document_subject(&self, k: usize) -> Option<usize> {
        let s = self.subject(k)?;
        if !self
            .words
            .issued_documents
            .contains(&self.lemma_of(s).to_lowercase())
        {
            return None;
        }
        let participles: Vec<usize> = self
            .children(s)
            .filter(|&c| self.tok(c).dep == Dep::Acl && self.tok(c).tag == Tag::Vbn)
            .collect();
        participles.into_iter().find_map(|v| {
            self.children(v)
                .filter(|&c| {
                    self.tok(c).dep == Dep::Prep
                        && matches!(self.lemma_of(c).to_lowercase().as_str(), "in" | "from")
                })
                .find_map(|c| self.child_with(c, &[Dep::Pobj]))
        })
    }

    /// Whether parse token `p` is a common noun.
    pub fn is_common_noun(&self, p: usize) -> bool {
        self.tok(p).pos == Pos::Noun
    }

    /// The trigger is a past participle that modifies a noun with no agent,
    /// subject or time of its own ("prisoners jailed in Israel"): it says
    /// what state the noun's referent is in, not who did what when.
    /// "activists arrested over the past week" and "people police arrested
    /// on Thursday" report an act.
    pub fn untimed_participle_modifier(&self, k: usize) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        let t = self.tok(p);
        t.dep == Dep::Acl
            && t.tag == Tag::Vbn
            && self.agent(k).is_none()
            && self.child_with(p, &[Dep::Nsubj]).is_none()
            && !self.has_time_modifier(p)
    }

    /// The trigger is a participle on the subject of another verb that only
    /// says where that subject is posted ("soldiers deployed in the
    /// enclave arrested three smugglers", "troops stationed in X"): an "in"
    /// place, no destination ("to", "near"), no agent and no time of its own.
    /// The subject's act is the event; its posting is description. The
    /// parse may tag the participle as a past (VBD under acl).
    pub fn posted_in_participle(&self, k: usize) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        let t = self.tok(p);
        let on_subject = t.dep == Dep::Acl && t.head != p && self.tok(t.head).dep == Dep::Nsubj;
        if !(on_subject || self.garden_path_participle(p))
            || !matches!(t.tag, Tag::Vbn | Tag::Vbd)
            || self.agent(k).is_some()
            || self.has_time_modifier(p)
            || self.child_with(p, &[Dep::Dobj]).is_some()
            || (on_subject && self.child_with(p, &[Dep::Nsubj]).is_some())
        {
            return false;
        }
        let preps: Vec<String> = self
            .children(p)
            .filter(|&c| self.tok(c).dep == Dep::Prep)
            .map(|c| self.lemma_of(c).to_lowercase())
            .collect();
        preps.iter().any(|l| l == "in") && preps.iter().all(|l| l == "in")
    }

    /// Verb `p` is a reduced relative the parse took for the main verb:
    /// "Soldiers deployed in the enclave arrested three smugglers" parsed
    /// with "deployed" the root and "arrested" an adverbial clause under it.
    /// The later past verb has an object, no subject, marker ("after",
    /// "as") or comma of its own, and follows `p` directly in its clause.
    fn garden_path_participle(&self, p: usize) -> bool {
        if self.child_with(p, &[Dep::Nsubj]).is_none() {
            return false;
        }
        self.children(p).any(|v| {
            let tv = self.tok(v);
            v > p
                && tv.dep == Dep::Advcl
                && tv.tag == Tag::Vbd
                && self.child_with(v, &[Dep::Dobj]).is_some()
                && self
                    .child_with(v, &[Dep::Nsubj, Dep::Nsubjpass, Dep::Mark])
                    .is_none()
                && !(p + 1..v).any(|q| matches!(self.lemma_of(q), "," | ";" | ":"))
        })
    }

    /// Verb `v` has an auxiliary other than a tense or passive "have" or
    /// "be" ("will", "could", "to"): "the arrest has been condemned" states
    /// the arrest as much as "the arrest was condemned" does, while a modal
    /// ("the arrest would spark protests") may speak of an arrest to come.
    fn has_modal_aux(&self, v: usize) -> bool {
        self.children(v).any(|c| {
            self.tok(c).dep == Dep::Aux
                && !matches!(self.lemma_of(c).to_lowercase().as_str(), "have" | "be")
        })
    }

    /// Parse token `c` is a unit of time or a day or month name: a
    /// possessive such as "Saturday's clashes" or "last week's arrest"
    /// dates the event noun, it does not name whose act it was.
    fn is_time_word(&self, c: usize) -> bool {
        let lemma = self.lemma_of(c).to_lowercase();
        TIME_HEADS.contains(&lemma.as_str()) || crate::dates::MONTHS.contains(&lemma.as_str())
    }

    /// Parse token `p` has a modifier of time: a bare noun phrase ("Thursday
    /// night"), "ago", or a preposition whose object is a unit of time or a
    /// day or month name ("over the past week", "in March").
    fn has_time_modifier(&self, p: usize) -> bool {
        let time_word = |c: usize| {
            let lemma = self.lemma_of(c).to_lowercase();
            TIME_HEADS.contains(&lemma.as_str()) || crate::dates::MONTHS.contains(&lemma.as_str())
        };
        self.children(p).any(|c| match self.tok(c).dep {
            Dep::Npadvmod => true,
            Dep::Advmod => self.lemma_of(c).eq_ignore_ascii_case("ago") || time_word(c),
            Dep::Prep => self
                .child_with(c, &[Dep::Pobj])
                .is_some_and(|o| time_word(o) || self.tok(o).tag == Tag::Cd),
            _ => false,
        })
    }

    /// The passive agent ("arrested by police": police).
    pub fn agent(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        let by = self.child_with(p, &[Dep::Agent])?;
        self.child_with(by, &[Dep::Pobj])
    }

    /// The subject is a pronoun that introduces a relative clause ("who",
    /// "which", "that"): the actor is the clause's antecedent, which the
    /// coder's own rules find.
    pub fn subject_is_relative(&self, s: usize) -> bool {
        let t = self.tok(s);
        matches!(
            self.lemma_of(s).to_lowercase().as_str(),
            "who" | "which" | "that" | "whom"
        ) && matches!(t.pos, Pos::Pron | Pos::Det | Pos::Sconj)
    }

    /// The modifiers of a noun that say whose it is: adjectives, compounds
    /// and possessives ("Israeli strikes", "Kremlin forces", "Russia's army").
    pub fn modifiers(&self, p: usize) -> impl Iterator<Item = usize> + '_ {
        self.children(p).filter(|&c| {
            matches!(
                self.tok(c).dep,
                Dep::Amod | Dep::Compound | Dep::Poss | Dep::Nmod
            )
        })
    }

    /// The party a verb's act is aimed at when the text names it inside
    /// the object or an adjunct rather than as the object: the object
    /// noun's "from" or "against" complement ("rejected an offer from
    /// Kabul"; not "on", mostly a topic: "a bill on migrants"), an "against"
    /// phrase on the verb or on an adjunct's noun ("mobilised reservists
    /// for a war against Iraq"), or "in defiance of X". Parse token.
    pub fn opposed_party(&self, k: usize) -> Option<usize> {
        let verb = self.predicate(k)?;
        let object = self.child_with(verb, &[Dep::Dobj]);
        object
            .and_then(|o| self.prep_object(o, &["from", "against"]))
            .or_else(|| self.prep_object(verb, &["against"]))
            .or_else(|| {
                self.children(verb)
                    .filter(|&c| self.tok(c).dep == Dep::Prep)
                    .filter_map(|c| self.child_with(c, &[Dep::Pobj]))
                    .find_map(|n| {
                        // "in defiance of": the noun itself says opposition.
                        let preps: &[&str] = if self.lemma_of(n).eq_ignore_ascii_case("defiance") {
                            &["of", "against"]
                        } else {
                            &["against"]
                        };
                        self.prep_object(n, preps)
                    })
            })
    }

    /// The object of the first of `preps` that hangs on parse token `p`.
    fn prep_object(&self, p: usize, preps: &[&str]) -> Option<usize> {
        self.children(p).find_map(|c| {
            let lemma = self.lemma_of(c).to_lowercase();
            if self.tok(c).dep == Dep::Prep && preps.contains(&lemma.as_str()) {
                self.child_with(c, &[Dep::Pobj])
            } else {
                None
            }
        })
    }

    /// The arguments of an event noun that say who did what to whom:
    /// "Venezuela's rejection", "the arrest of X by Y", "talks between A
    /// and B".
    pub fn noun_arguments(&self, k: usize) -> NounArguments {
        let mut args = NounArguments::default();
        let Some(p) = self.parse_token(k) else {
            return args;
        };
        for c in self.children(p) {
            let t = self.tok(c);
            match t.dep {
                Dep::Poss if !self.is_time_word(c) => args.possessor = Some(c),
                Dep::Amod if c < p && self.nationality_adjective(c) => {
                    args.modifier = args.modifier.or(Some(c));
                }
                Dep::Prep => {
                    let Some(object) = self.child_with(c, &[Dep::Pobj]) else {
                        continue;
                    };
                    match self.lemma_of(c).to_lowercase().as_str() {
                        "by" => args.agent = Some(object),
                        "between" | "among" => args.parties.extend(self.parties_of(object)),
                        "to" | "with" | "from" => args.partner = args.partner.or(Some(object)),
                        "of" | "against" | "on" => {
                            args.object = args.object.or(Some(object));
                            // "the arrest of the leader by police": the parse
                            // hangs the agent on the object; "the signing of
                            // a pact between A and B", the parties.
                            args.agent = args.agent.or_else(|| self.by_object(object));
                            if args.parties.is_empty() {
                                if let Some(between) = self.between_object(object) {
                                    args.parties = self.parties_of(between);
                                }
                            }
                            // "the trip of the emir to Washington": the
                            // partner, hung on the object too.
                            args.partner = args.partner.or_else(|| self.partner_object(object));
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        args.agent = args.agent.or_else(|| self.reporting_agent(p));
        if args.object.is_some() {
            args.agent = args.agent.or_else(|| self.agent_on_active_verb(p));
        }
        args.partner = args.partner.or_else(|| self.light_passive_partner(p));
        args
    }

    /// The coder tokens `first..=object` of the phrase after "over",
    /// "against" or "about" on the trigger's verb at coder token `k` or on
    /// its direct object ("filed a complaint with the UN over Israeli
    /// strikes": "Israeli strikes"): what a complaint is about.
    pub fn grievance_phrase(&self, k: usize) -> Option<(usize, usize)> {
        const ABOUT: &[&str] = &["over", "against", "about"];
        let v = self.predicate(k)?;
        let prep = |p: usize| {
            self.children(p).find(|&c| {
                self.tok(c).dep == Dep::Prep
                    && ABOUT.contains(&self.lemma_of(c).to_lowercase().as_str())
            })
        };
        let object = self.child_with(v, &[Dep::Dobj]);
        // The parse may hang it on the body addressed: "a protest with the
        // UN against ...".
        let addressee = |p: usize| {
            self.children(p).find_map(|c| {
                (self.tok(c).dep == Dep::Prep
                    && matches!(self.lemma_of(c).to_lowercase().as_str(), "with" | "to"))
                .then(|| self.child_with(c, &[Dep::Pobj]))
                .flatten()
            })
        };
        let at = prep(v)
            .or_else(|| prep(object?))
            .or_else(|| prep(addressee(v)?))
            .or_else(|| prep(addressee(object?)?))?;
        let object = self.child_with(at, &[Dep::Pobj])?;
        Some((self.coder_token(at)? + 1, self.coder_token(object)?))
    }

    /// The verb that takes parse token `noun` as its direct object or as the
    /// object of "against" or "over" ("condemned the arrest", "protested
    /// over the arrest").
    fn verb_acting_on_noun(&self, noun: usize) -> Option<usize> {
        let t = self.tok(noun);
        let verb = match t.dep {
            Dep::Dobj => t.head,
            Dep::Pobj
                if self.tok(t.head).dep == Dep::Prep
                    && REACTION_PREPOSITIONS
                        .contains(&self.lemma_of(t.head).to_lowercase().as_str()) =>
            {
                self.tok(t.head).head
            }
            _ => return None,
        };
        (verb != noun && self.tok(verb).pos == Pos::Verb).then_some(verb)
    }

    /// "Kenya condemned the abduction of its citizens by militants": the
    /// parse may hang the event noun's "by" agent on the active verb whose
    /// direct object (or object of "against"/"over") the noun is; an active verb takes no agent, so a "by"
    /// phrase with a noun object after the noun is the noun's. (A "by" with
    /// a gerund, "ended the siege by withdrawing", tells a means and has
    /// no noun object.)
    fn agent_on_active_verb(&self, noun: usize) -> Option<usize> {
        let verb = self.verb_acting_on_noun(noun)?;
        if self
            .children(verb)
            .any(|c| matches!(self.tok(c).dep, Dep::Auxpass | Dep::Nsubjpass))
        {
            return None;
        }
        self.children(verb)
            .filter(|&c| {
                c > noun
                    && self.tok(c).dep == Dep::Prep
                    && self.lemma_of(c).eq_ignore_ascii_case("by")
            })
            .find_map(|c| self.child_with(c, &[Dep::Pobj]))
            .filter(|&o| matches!(self.tok(o).pos, Pos::Noun | Pos::Propn))
    }

    /// Parse token `c` is an adjective the parse's entities read as a
    /// nationality ("Turkish", "Malian": NORP), not an adjective of kind or
    /// time ("military", "recent").
    fn nationality_adjective(&self, c: usize) -> bool {
        self.tok(c).pos == Pos::Adj
            && self
                .doc
                .parsed
                .entities
                .iter()
                .any(|e| e.label == sitrep_syntax::EntityLabel::Norp && e.start <= c && c < e.end)
    }

    /// The "by" agent of a reporting verb whose passive subject is the
    /// event noun `p` ("the abolition of the death penalty was announced
    /// by Kazakhstan": Kazakhstan abolished it), or of a verb that only says
    /// the noun was done (`LIGHT_PASSIVES`: "a request for talks was made
    /// by Armenia"). Without "by" the reporter is not named and no one is
    /// the doer.
    fn reporting_agent(&self, p: usize) -> Option<usize> {
        let t = self.tok(p);
        if t.dep != Dep::Nsubjpass || t.head == p {
            return None;
        }
        let verb = t.head;
        let lemma = self.lemma_of(verb).to_lowercase();
        if !REPORTING_PASSIVES.contains(&lemma.as_str())
            && !LIGHT_PASSIVES.contains(&lemma.as_str())
        {
            return None;
        }
        let by = self.child_with(verb, &[Dep::Agent])?;
        self.child_with(by, &[Dep::Pobj])
    }

    /// The "to" or "with" party of a verb that only says the event noun `p`,
    /// its passive subject, was done ("a request for talks was made by
    /// Armenia to Azerbaijan", "a protest was lodged with China"): the
    /// party the noun's act is aimed at, hung on the verb.
    fn light_passive_partner(&self, p: usize) -> Option<usize> {
        let t = self.tok(p);
        if t.dep != Dep::Nsubjpass || t.head == p {
            return None;
        }
        let verb = t.head;
        if !LIGHT_PASSIVES.contains(&self.lemma_of(verb).to_lowercase().as_str()) {
            return None;
        }
        self.prep_object(verb, &["to", "with"])
    }

    /// Coder tokens `first..end` are a proper name placed by "in" or "at"
    /// straight on the trigger's predicate ("met in Hanoi", "signed the
    /// accord in Doha"): where the act happened, not a party to it. A name
    /// under the object ("shelled villages in Ukraine") is not such an
    /// adjunct.
    pub fn place_adjunct(&self, trigger: usize, first: usize, end: usize) -> bool {
        let Some(pred) = self.predicate(trigger) else {
            return false;
        };
        (first..end).all(|k| {
            self.parse_token(k)
                .is_some_and(|p| self.tok(p).pos == Pos::Propn)
        }) && (first..end).any(|k| {
            self.parse_token(k).is_some_and(|p| {
                let p = self.settlement_noun_of(p).unwrap_or(p);
                let t = self.tok(p);
                let prep = t.head;
                t.dep == Dep::Pobj
                    && prep != p
                    && matches!(self.lemma_of(prep).to_lowercase().as_str(), "in" | "at")
                    && self.tok(prep).head == pred
            })
        })
    }

    /// Coder tokens `first..end` are where a meeting or a signing took place:
    /// a place adjunct of the predicate (`place_adjunct`), or a settlement
    /// named by "of" that the parse hangs by "in" or "at" on its direct
    /// object ("signed a ceasefire in the Chinese city of Kunming"): the
    /// venue of talks and accords, whichever word the phrase attaches to.
    pub fn venue_adjunct(&self, trigger: usize, first: usize, end: usize) -> bool {
        if self.place_adjunct(trigger, first, end) {
            return true;
        }
        let Some(pred) = self.predicate(trigger) else {
            return false;
        };
        (first..end).any(|k| {
            self.parse_token(k).is_some_and(|p| {
                // Only through a settlement noun: a bare name on the object
                // ("began talks in Khartoum") is still read as before.
                let Some(p) = self.settlement_noun_of(p) else {
                    return false;
                };
                let t = self.tok(p);
                let prep = t.head;
                let object = self.tok(prep).head;
                t.dep == Dep::Pobj
                    && prep != p
                    && matches!(self.lemma_of(prep).to_lowercase().as_str(), "in" | "at")
                    && object != prep
                    && self.tok(object).dep == Dep::Dobj
                    && self.tok(object).head == pred
            })
        })
    }

    /// "in the Chinese city of Kunming": the parse token of the settlement
    /// noun ("city") whose "of" object parse token `p` is; the place phrase
    /// hangs on the verb through it.
    fn settlement_noun_of(&self, p: usize) -> Option<usize> {
        let t = self.tok(p);
        let of = t.head;
        if t.dep != Dep::Pobj || of == p || self.lemma_of(of).to_lowercase() != "of" {
            return None;
        }
        let noun = self.tok(of).head;
        (noun != of && SETTLEMENT_NOUNS.contains(&self.lemma_of(noun).to_lowercase().as_str()))
            .then_some(noun)
    }

    /// Coder tokens `first..end` name whose gathering a meeting word is, the
    /// word being where the act took place: "called for debt relief at the
    /// African Union summit", "spoke at the NATO meeting in Vilnius". The
    /// organisation hosts the occasion; it is not what the act is aimed at.
    pub fn names_gathering_venue(&self, first: usize, end: usize) -> bool {
        (first..end).any(|k| {
            let Some((p, prep)) = self.noun_under_preposition(k) else {
                return false;
            };
            (first..end).all(|j| self.parse_token(j) != Some(p))
                && matches!(prep.as_str(), "at" | "in" | "during")
                && self.is_meeting_word(&self.lemma_of(p).to_lowercase())
        })
    }

    /// The noun coder token `k` belongs to (its parse token, up through
    /// compounds, adjectives and possessors) when that noun is a
    /// preposition's object, with the preposition's lower-case lemma.
    fn noun_under_preposition(&self, k: usize) -> Option<(usize, String)> {
        let p = self.parse_token(k)?;
        let p = self.up_through(p, &[Dep::Compound, Dep::Amod, Dep::Poss], 3);
        let t = self.tok(p);
        (t.dep == Dep::Pobj && t.head != p).then(|| (p, self.lemma_of(t.head).to_lowercase()))
    }

    /// Coder tokens `first..end` name the body a matter is taken to, not a
    /// party acted on: the object of "to" or "before" on a verb of referral
    /// ("would take the matter to the United Nations Security Council",
    /// "referred the dispute to the International Court of Justice"). The
    /// forum hears the case; the party the case is against is elsewhere.
    pub fn referral_forum(&self, first: usize, end: usize) -> bool {
        (first..end).any(|k| {
            let Some((p, prep_lemma)) = self.noun_under_preposition(k) else {
                return false;
            };
            if !matches!(prep_lemma.as_str(), "to" | "before") {
                return false;
            }
            let prep = self.tok(p).head;
            // The parse hangs "to" from the verb or from its object ("take
            // [the dispute to the UN]").
            let mut verb = self.tok(prep).head;
            if self.tok(verb).dep == Dep::Dobj {
                verb = self.tok(verb).head;
            }
            verb != prep && REFERRAL_VERBS.contains(&self.lemma_of(verb).to_lowercase().as_str())
        })
    }

    /// Coder token `k` names where a meeting is held ("met in Addis Ababa",
    /// "a summit in Brussels"): the object of "in"/"at" on a word of
    /// meeting (`data/lexicon/meeting_words.txt`). A meeting brings people from elsewhere,
    /// so its venue does not tell whose unplaced actors ("the soldiers")
    /// the sentence speaks of.
    pub fn meeting_venue(&self, k: usize) -> bool {
        let Some(mut p) = self.parse_token(k) else {
            return false;
        };
        while self.tok(p).dep == Dep::Compound && self.tok(p).head != p {
            p = self.tok(p).head;
        }
        let prep = self.tok(p).head;
        let host = self.tok(prep).head;
        self.tok(p).dep == Dep::Pobj
            && prep != p
            && host != prep
            && matches!(self.lemma_of(prep).to_lowercase().as_str(), "in" | "at")
            && self.is_meeting_word(&self.lemma_of(host).to_lowercase())
    }

    /// Coder token `k` lies inside the phrase of a statement or a document,
    /// below the noun and within its own participles ("in a statement
    /// issued by its secretary in Gaborone"): a place there is where the
    /// text came out, not where the act it reports happens. A clause of its
    /// own (a finite or infinitive verb) ends the search. False when not
    /// parsed.
    pub fn in_statement_phrase(&self, k: usize) -> bool {
        let Some(mut p) = self.parse_token(k) else {
            return false;
        };
        for _ in 0..64 {
            let t = self.tok(p);
            if t.head == p || (t.pos == Pos::Verb && t.dep != Dep::Acl) {
                return false;
            }
            p = t.head;
            if self.tok(p).pos == Pos::Noun && self.statement_or_document(p) {
                return true;
            }
        }
        false
    }

    /// Parse token `p` is a noun of a statement or of an issued text, by
    /// lemma (`statement_nouns.txt`, `document_nouns.txt`).
    fn statement_or_document(&self, p: usize) -> bool {
        let lemma = self.lemma_of(p).to_lowercase();
        self.words.statement_nouns.contains(&lemma) || self.words.document_nouns.contains(&lemma)
    }

    /// The verb whose direct object holds coder token `k` ("discussed the
    /// war in Ukraine": "Ukraine" under "discussed"), as a coder token: the
    /// nearest verb above `k` reached through its `dobj` arc. None when `k`
    /// is not inside a direct object or is not parsed.
    pub fn verb_of_object_holding(&self, k: usize) -> Option<usize> {
        let mut p = self.parse_token(k)?;
        for _ in 0..64 {
            let t = self.tok(p);
            if t.head == p {
                return None;
            }
            if t.dep == Dep::Dobj && self.tok(t.head).pos == Pos::Verb {
                return self.coder_token(t.head);
            }
            // A clause of its own, or a verb coordinated with another, has
            // objects of its own.
            if matches!(
                t.dep,
                Dep::Ccomp | Dep::Xcomp | Dep::Advcl | Dep::Relcl | Dep::Nsubj
            ) || (t.dep == Dep::Conj && t.pos == Pos::Verb)
            {
                return None;
            }
            p = t.head;
        }
        None
    }

    /// Whether coder token `k`'s predicate is in the past perfect ("had
    /// asked"): an act told as earlier than the story's own.
    pub fn past_perfect(&self, k: usize) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        self.tok(p).tag == Tag::Vbn
            && self.children(p).any(|c| {
                self.tok(c).dep == Dep::Aux
                    && self.tok(c).tag == Tag::Vbd
                    && self.lemma_of(c).eq_ignore_ascii_case("have")
            })
    }

    /// The trigger's verb is in the present progressive ("are praising"):
    /// the act goes on at the time of writing.
    pub fn present_progressive(&self, k: usize) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        self.tok(p).tag == Tag::Vbg
            && self.children(p).any(|c| {
                self.tok(c).dep == Dep::Aux
                    && matches!(self.tok(c).tag, Tag::Vbp | Tag::Vbz)
                    && self.lemma_of(c).eq_ignore_ascii_case("be")
            })
    }

    /// Parse token `p`, or the word reached from it going up at most `steps`
    /// arcs while each arc is one of `deps` (a modifier to its noun, a
    /// conjunct to the first one).
    fn up_through(&self, mut p: usize, deps: &[Dep], steps: usize) -> usize {
        for _ in 0..steps {
            let t = self.tok(p);
            if t.head == p || !deps.contains(&t.dep) {
                break;
            }
            p = t.head;
        }
        p
    }

    /// Coder tokens `first..end` name a line on the map, not a party: the
    /// object of a preposition on a frontier noun, or a conjunct of it
    /// ("near the border with Georgia and Azerbaijan").
    pub fn frontier_object(&self, first: usize, end: usize) -> bool {
        (first..end).any(|k| {
            let Some(p) = self.parse_token(k) else {
                return false;
            };
            // Up the coordination to the first conjunct.
            let p = self.up_through(p, &[Dep::Conj], 8);
            let t = self.tok(p);
            let prep = t.head;
            t.dep == Dep::Pobj
                && prep != p
                && is_frontier_noun(&self.lemma_of(self.tok(prep).head).to_lowercase())
        })
    }

    /// Coder tokens `first..end` modify a frontier noun placed by a
    /// preposition ("captured a base near the Thai border"): where the act
    /// happened, not a party to it.
    pub fn frontier_modifier(&self, first: usize, end: usize) -> bool {
        (first..end).any(|k| {
            self.parse_token(k).is_some_and(|p| {
                let t = self.tok(p);
                let h = t.head;
                h != p
                    && matches!(t.dep, Dep::Amod | Dep::Compound | Dep::Poss)
                    && is_frontier_noun(&self.lemma_of(h).to_lowercase())
                    && self.tok(h).dep == Dep::Pobj
            })
        })
    }

    /// Coder tokens `first..end` modify a frontier noun ("the Belarusian
    /// border", "Kenya's border"), wherever the noun stands: the side of
    /// the border they name.
    pub fn frontier_side(&self, first: usize, end: usize) -> bool {
        (first..end).any(|k| {
            self.parse_token(k).is_some_and(|p| {
                let t = self.tok(p);
                t.head != p
                    && matches!(t.dep, Dep::Amod | Dep::Compound | Dep::Poss)
                    && is_frontier_noun(&self.lemma_of(t.head).to_lowercase())
            })
        })
    }

    /// The parties named by the object of "between": the object and its
    /// conjuncts ("between Serbia and Kosovo"), or, when the object is one
    /// noun, its coordinated modifiers ("between Armenian and Azerbaijani
    /// diplomats").
    fn parties_of(&self, object: usize) -> Vec<usize> {
        let conjuncts = |p: usize| {
            std::iter::once(p).chain(self.children(p).filter(|&q| self.tok(q).dep == Dep::Conj))
        };
        let mut parties: Vec<usize> = conjuncts(object).collect();
        if parties.len() == 1 {
            if let Some(m) = self.children(object).find(|&m| {
                party_modifier(self.tok(m).dep) && self.child_with(m, &[Dep::Conj]).is_some()
            }) {
                parties = conjuncts(m).collect();
            }
        }
        parties
    }

    /// The object of a "to", "with" or "from" phrase under `p`.
    fn partner_object(&self, p: usize) -> Option<usize> {
        self.children(p)
            .filter(|&c| {
                self.tok(c).dep == Dep::Prep
                    && matches!(
                        self.lemma_of(c).to_lowercase().as_str(),
                        "to" | "with" | "from"
                    )
            })
            .find_map(|c| self.child_with(c, &[Dep::Pobj]))
    }

    /// The verb an adverbial clause headed by the trigger's verb hangs on
    /// ("30 people were killed when airstrikes hit a school": "killed" for
    /// "hit"), as a parse token.
    pub fn adverbial_clause_of(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        let t = self.tok(p);
        (t.dep == Dep::Advcl && t.head != p).then_some(t.head)
    }

    /// "The diplomats were declared persona non grata and given 72 hours to
    /// leave": a past participle the parse makes the conjunct of a passive
    /// verb, with no subject or auxiliary of its own, shares the first
    /// verb's "were" and is passive too; its subject is the one acted on.
    pub fn conjunct_of_passive(&self, k: usize) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        let t = self.tok(p);
        t.dep == Dep::Conj
            && t.tag == Tag::Vbn
            && t.head != p
            && self.child_with(t.head, &[Dep::Auxpass]).is_some()
            && self
                .child_with(p, &[Dep::Nsubj, Dep::Nsubjpass, Dep::Aux, Dep::Auxpass])
                .is_none()
    }

    /// The subject of the passive verb of coder token `k` ("the expulsion
    /// of two diplomats by Mali was condemned by Paris": "expulsion"), as
    /// a coder token.
    pub fn passive_subject(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        self.child_with(p, &[Dep::Nsubjpass])
            .and_then(|s| self.coder_token(s))
    }

    /// The lemmas of what the passive verb of coder token `k` is done to,
    /// lower-cased: its passive subject ("the truce was brokered by Qatar")
    /// or the noun its reduced relative participle qualifies ("a truce
    /// brokered by Qatar"), and that noun's "of" object ("two days of talks
    /// mediated by the bloc").
    pub fn passive_themes(&self, k: usize) -> Vec<String> {
        let Some(p) = self.predicate(k) else {
            return Vec::new();
        };
        let (head, dep) = self.arc(p);
        let theme = self.child_with(p, &[Dep::Nsubjpass]).or_else(|| {
            (dep == Dep::Acl && head != p && self.tok(p).tag == Tag::Vbn).then_some(head)
        });
        let Some(theme) = theme else {
            return Vec::new();
        };
        let of_object = self
            .children(theme)
            .find(|&c| self.tok(c).dep == Dep::Prep && self.lemma_of(c).eq_ignore_ascii_case("of"))
            .and_then(|of| self.child_with(of, &[Dep::Pobj]));
        std::iter::once(theme)
            .chain(of_object)
            .map(|t| self.lemma_of(t).to_lowercase())
            .collect()
    }

    /// `lemma` is a verb or noun of meeting (`data/lexicon/meeting_words.txt`).
    pub fn is_meeting_word(&self, lemma: &str) -> bool {
        self.words.meeting_words.contains(lemma)
    }

    /// The parties named "between" on the subject of the passive verb of
    /// coder token `k` ("the accord between Sudan and Chad was signed"):
    /// parse tokens, empty when the subject names none or the verb is not
    /// passive.
    pub fn passive_subject_parties(&self, k: usize) -> Vec<usize> {
        let Some(p) = self.predicate(k) else {
            return Vec::new();
        };
        self.child_with(p, &[Dep::Nsubjpass])
            .and_then(|s| self.between_object(s))
            .map(|o| self.parties_of(o))
            .unwrap_or_default()
    }

    /// The object of a "between" phrase under `p`.
    fn between_object(&self, p: usize) -> Option<usize> {
        self.children(p)
            .filter(|&c| {
                self.tok(c).dep == Dep::Prep && self.lemma_of(c).eq_ignore_ascii_case("between")
            })
            .find_map(|c| self.child_with(c, &[Dep::Pobj]))
    }

    /// A verb trigger the parse reads as a noun that names its own doer:
    /// a "by" agent ("the release of two hostages by rebels"), a possessor
    /// with an "of" object ("Thailand's deportation of 40 workers"; a bare
    /// possessor may be the one acted on: "his release"), or, when
    /// `parties_act`, two parties ("the signing of a pact between A and
    /// B"). A noun under a common-noun compound names a kind of thing, not
    /// an act ("emergency room visits by residents", "a press release").
    pub fn verbal_noun_with_doer(&self, k: usize, parties_act: bool, of_doer: bool) -> bool {
        let Some(p) = self.parse_token(k) else {
            return false;
        };
        if self.tok(p).pos != Pos::Noun
            || self
                .children(p)
                .any(|c| self.tok(c).dep == Dep::Compound && self.tok(c).pos == Pos::Noun)
        {
            return false;
        }
        let args = self.noun_arguments(k);
        args.agent.is_some()
            || (args.possessor.is_some() && args.object.is_some())
            || args.doer_modifier().is_some()
            || (parties_act && args.parties.len() >= 2)
            || (of_doer
                && args.partner.is_some()
                && (args.possessor.is_some() || args.object_is_doer()))
    }

    /// The object of a "by" phrase under `p`.
    fn by_object(&self, p: usize) -> Option<usize> {
        self.children(p)
            .filter(|&c| {
                self.tok(c).dep == Dep::Prep && self.lemma_of(c).eq_ignore_ascii_case("by")
            })
            .find_map(|c| self.child_with(c, &[Dep::Pobj]))
    }

    /// Verb `v` puts its subject on a schedule ("A meeting of ASEAN ministers
    /// is planned for May", "talks were postponed", "a visit is expected"):
    /// the subject noun's event is to come, not presupposed as having happened.
    fn schedule_predicate(&self, v: usize) -> bool {
        const SCHEDULES: [&str; 8] = [
            "plan",
            "schedule",
            "reschedule",
            "expect",
            "slate",
            "postpone",
            "propose",
            "envisage",
        ];
        SCHEDULES.contains(&self.lemma_of(v).to_lowercase().as_str())
    }

    /// An event noun the sentence presupposes happened: the subject of a
    /// clause with a named party ("Venezuela's rejection of the ruling
    /// angered Guyana", "the arrest of X by police drew criticism"), or the
    /// object of a preposition of time ("detained during the rally",
    /// "after the march"), or the root of a sentence the parse found no
    /// verb for, with its doer named.
    pub fn noun_presupposed(&self, k: usize, of_doer: bool) -> bool {
        let Some(p) = self.parse_token(k) else {
            return false;
        };
        let t = self.tok(p);
        if matches!(t.pos, Pos::Verb | Pos::Aux) {
            return false;
        }
        match t.dep {
            Dep::Nsubj | Dep::Nsubjpass => {
                let args = self.noun_arguments(k);
                let verb = t.head;
                (args.possessor.is_some()
                    || args.agent.is_some()
                    || args.doer_modifier().is_some()
                    || args.parties.len() >= 2
                    || (of_doer && args.object_is_doer())
                    || moved_forces_act(&args, of_doer))
                    && verb != p
                    && self.child_with(verb, &[Dep::Neg]).is_none()
                    && !self.has_modal_aux(verb)
                    && !self.clause_conditional(verb)
                    && !self.schedule_predicate(verb)
            }
            // The parse found no verb to hang the noun from ("The arrest of
            // two journalists by Turkish police on Monday angered Tehran",
            // read with "angered" as a modifier): with its doer named, by
            // "by" or a possessor, the noun still reports the event.
            Dep::Root => {
                let args = self.noun_arguments(k);
                args.agent.is_some()
                    || args.possessor.is_some()
                    || args.doer_modifier().is_some()
                    || moved_forces_act(&args, of_doer)
            }
            Dep::Pobj => {
                let prep = self.tok(t.head);
                // A specific event, placed where it happened ("during the
                // rally in Accra"), not an anaphor ("after the attack"). A
                // state that runs "since" a party's event ("since his arrest
                // last month") states the event itself; a placed event
                // "since" is the yardstick of a later one ("the first attack
                // since the war in the enclave ended"), background.
                let prep_word = self.lemma_of(t.head).to_lowercase();
                if prep.head != t.head && self.held_between_named_parties(k, &prep_word, prep.head)
                {
                    return true;
                }
                prep.head != t.head
                    && TIME_PREPOSITIONS.contains(&prep_word.as_str())
                    && self.children(p).any(|c| match self.tok(c).dep {
                        Dep::Prep => {
                            prep_word != "since"
                                && matches!(self.lemma_of(c).to_lowercase().as_str(), "in" | "at")
                        }
                        Dep::Poss => prep_word == "since",
                        _ => false,
                    })
            }
            _ => false,
        }
    }

    /// "was arranged during talks between Armenian and Azerbaijani
    /// officials", "agreed at a meeting between the two ministers": an event
    /// noun under a preposition of time or "at" whose parties are named
    /// ("between" two or more) is that one meeting, which the asserted act
    /// it frames says took place. Not "since" (a yardstick: "the first
    /// talks since ..."), nor under a negated, modal or conditional verb.
    fn held_between_named_parties(&self, k: usize, prep_word: &str, verb: usize) -> bool {
        (prep_word == "at" || (prep_word != "since" && TIME_PREPOSITIONS.contains(&prep_word)))
            && self.noun_arguments(k).parties.len() >= 2
            && self.child_with(verb, &[Dep::Neg]).is_none()
            && !self.has_modal_aux(verb)
            && !self.clause_conditional(verb)
    }

    /// An event noun with its doer named ("the release of 50 prisoners by
    /// Eritrea", "Chad's expulsion of two diplomats") that is the direct
    /// object (or the object of "against"/"over") of a verb reacting to it (`reacts`: the verb's coder token
    /// is a praise or criticism trigger, "welcomed", "condemned"),
    /// asserted: one praises or condemns what was done, so the noun's event
    /// happened. "demanded the release of" asks for it, and is not read.
    pub fn noun_reacted_to(&self, k: usize, reacts: impl Fn(usize) -> bool) -> bool {
        let Some(p) = self.parse_token(k) else {
            return false;
        };
        if matches!(self.tok(p).pos, Pos::Verb | Pos::Aux) {
            return false;
        }
        let Some(verb) = self.verb_acting_on_noun(p) else {
            return false;
        };
        let args = self.noun_arguments(k);
        (args.agent.is_some() || args.possessor.is_some() || args.doer_modifier().is_some())
            && verb != p
            && self.coder_token(verb).is_some_and(&reacts)
            && self.child_with(verb, &[Dep::Neg]).is_none()
            && !self.has_modal_aux(verb)
            && !self.clause_conditional(verb)
    }

    /// "A Kenyan opposition march was broken up by police", "police
    /// dispersed a Malian students' rally": a gathering noun that a
    /// dispersal verb acts on (its direct object, or its subject in the
    /// passive) took place, and on a gathering a nationality adjective
    /// names who gathered (a march has no "of" object to be the one acted
    /// on, unlike "the Kurdish repression"). Who gathered may also be a
    /// "by" phrase the parse hangs on the active dispersal verb ("broke up
    /// a sit-in by hundreds of residents", `doer_hung_on_dispersal`).
    /// `disperses` says whether a coder token is such a verb; not negated,
    /// modal or conditional.
    pub fn gathering_dispersed(&self, k: usize, disperses: impl Fn(usize) -> bool) -> bool {
        let Some(p) = self.parse_token(k).map(|p| self.hyphenated_whole(p)) else {
            return false;
        };
        let t = self.tok(p);
        if matches!(t.pos, Pos::Verb | Pos::Aux) {
            return false;
        }
        let verb = match t.dep {
            Dep::Nsubjpass => t.head,
            _ => match self.verb_acting_on_noun(p) {
                Some(v) => v,
                None => return false,
            },
        };
        let args = self.noun_arguments(k);
        (args.agent.is_some()
            || args.possessor.is_some()
            || args.modifier.is_some()
            || self.doer_hung_on_dispersal(p))
            && verb != p
            && self.tok(verb).pos == Pos::Verb
            && self.coder_token(verb).is_some_and(&disperses)
            && self.child_with(verb, &[Dep::Neg]).is_none()
            && !self.dispersal_unasserted(verb)
            && !self.clause_conditional(verb)
    }

    /// The dispersal verb at parse token `verb` is not told as done or
    /// tried: under a modal ("will break up any rally"), or an infinitive
    /// under a verb that is itself modal or negated. An infinitive under an
    /// asserted verb ("used tear gas to break up a sit-in", "tried to
    /// disperse the march") still aims at a gathering that took place.
    fn dispersal_unasserted(&self, verb: usize) -> bool {
        let aux_lemmas: Vec<String> = self
            .children(verb)
            .filter(|&c| self.tok(c).dep == Dep::Aux)
            .map(|c| self.lemma_of(c).to_lowercase())
            .collect();
        if !aux_lemmas.iter().any(|l| l == "to") {
            return self.has_modal_aux(verb);
        }
        if aux_lemmas
            .iter()
            .any(|l| !matches!(l.as_str(), "to" | "have" | "be"))
        {
            return true;
        }
        let t = self.tok(verb);
        if !matches!(t.dep, Dep::Xcomp | Dep::Advcl) || t.head == verb {
            return true;
        }
        self.has_modal_aux(t.head) || self.child_with(t.head, &[Dep::Neg]).is_some()
    }

    /// "a sit-in": the parse splits a hyphenated word into pieces, the
    /// first a compound of the last ("sit" "-" "in"), where the coder reads
    /// one word at the first piece; the word's place in the sentence is its
    /// last piece's, parse token `p` itself for any other token.
    fn hyphenated_whole(&self, p: usize) -> usize {
        let t = self.tok(p);
        let hyphen_between = t.head == p + 2 && self.lemma_of(p + 1) == "-";
        if t.dep == Dep::Compound && hyphen_between {
            t.head
        } else {
            p
        }
    }

    /// "Police broke up a sit-in by hundreds of residents": the parse hangs
    /// the gathering's "by" phrase on the active verb acting on the
    /// gathering noun at parse token `noun`; an active verb takes no agent,
    /// so the phrase names who gathered (`agent_on_active_verb`, which
    /// `noun_arguments` reads only for nouns with an "of" object).
    fn doer_hung_on_dispersal(&self, noun: usize) -> bool {
        self.agent_on_active_verb(noun).is_some()
    }

    /// Coder token `k` is a present participle modifying a noun after it
    /// ("striking teachers", "rioting youths").
    pub fn participle_modifier(&self, k: usize) -> bool {
        let Some(p) = self.parse_token(k) else {
            return false;
        };
        let t = self.tok(p);
        t.tag == Tag::Vbg && matches!(t.dep, Dep::Amod | Dep::Compound) && t.head > p
    }

    /// The asserted verb of which the event noun at coder token `k` is the
    /// subject ("the arrest of a journalist drew condemnation from the EU":
    /// "drew"), as a coder token; not negated, modal or conditional.
    pub fn asserted_verb_of_subject_noun(&self, k: usize) -> Option<usize> {
        let p = self.parse_token(k)?;
        let t = self.tok(p);
        if t.dep != Dep::Nsubj || !matches!(t.pos, Pos::Noun) || t.head == p {
            return None;
        }
        let verb = t.head;
        (self.child_with(verb, &[Dep::Neg]).is_none()
            && !self.has_modal_aux(verb)
            && !self.clause_conditional(verb))
        .then(|| self.coder_token(verb))
        .flatten()
    }

    /// An event noun that is the scene of an act the sentence reports as
    /// done: the object of "in" or "at" on an asserted past-tense verb, with
    /// a party of its own ("in a meeting with Erdogan, Trump asked ...", "at
    /// talks between A and B, they agreed ..."). The act took place in it,
    /// so it took place too. A proper-name modifier alone ("at the NATO
    /// summit") names no other party, so it is not enough.
    pub fn noun_scene_of_past_act(&self, k: usize) -> bool {
        self.scene_verb(k).is_some()
    }

    /// The subject (parse token) of the act whose scene the event noun is
    /// (`noun_scene_of_past_act`): "in a meeting with Erdogan, Trump asked
    /// ...": Trump is the one who met.
    pub fn scene_subject(&self, k: usize) -> Option<usize> {
        self.child_with(self.scene_verb(k)?, &[Dep::Nsubj])
    }

    /// The asserted past-tense verb whose "in"/"at" phrase is the event noun
    /// with a party of its own (see `noun_scene_of_past_act`).
    fn scene_verb(&self, k: usize) -> Option<usize> {
        let p = self.parse_token(k)?;
        let t = self.tok(p);
        if t.dep != Dep::Pobj || !matches!(t.pos, Pos::Noun) {
            return None;
        }
        let prep = t.head;
        let verb = self.tok(prep).head;
        if prep == p
            || verb == prep
            || !matches!(self.lemma_of(prep).to_lowercase().as_str(), "in" | "at")
            || self.tok(verb).tag != Tag::Vbd
            || self
                .children(verb)
                .any(|c| self.tok(c).dep == Dep::Neg || self.tok(c).tag == Tag::Md)
            || self.clause_conditional(verb)
        {
            return None;
        }
        let args = self.noun_arguments(k);
        let has_party = args.possessor.is_some()
            || !args.parties.is_empty()
            || self.children(p).any(|c| {
                self.tok(c).dep == Dep::Prep
                    && self.lemma_of(c).eq_ignore_ascii_case("with")
                    && self.child_with(c, &[Dep::Pobj]).is_some()
            });
        has_party.then_some(verb)
    }

    /// The light verb whose direct object the event noun at coder token
    /// `k` is ("launched a raid", "renewed negotiations"), as a coder
    /// token: the verb carries the act out, so the noun happened as the
    /// verb says. `light` says so of a lower-cased verb lemma.
    /// An event noun that modifies the object as a compound counts as the
    /// object ("launched a mediation effort", "a bombing campaign").
    pub fn light_verb_of(&self, k: usize, light: impl Fn(&str) -> bool) -> Option<usize> {
        let p = self.light_object(k)?;
        let t = self.tok(p);
        let verb = t.head;
        (t.dep == Dep::Dobj
            && verb != p
            && self.tok(verb).pos == Pos::Verb
            && light(&self.lemma_of(verb).to_lowercase()))
        .then(|| self.coder_token(verb))
        .flatten()
    }

    /// The noun that stands as a light verb's object for the event noun at
    /// coder token `k`: the noun itself, or the head it modifies as a
    /// compound ("mediation" in "a mediation effort": "effort").
    fn light_object(&self, k: usize) -> Option<usize> {
        let p = self.parse_token(k)?;
        let t = self.tok(p);
        Some(
            if t.dep == Dep::Compound && t.head != p && self.tok(t.head).pos == Pos::Noun {
                t.head
            } else {
                p
            },
        )
    }

    /// The coder token whose arguments a light verb's event noun at `k`
    /// takes: the head its compound modifies ("a mediation effort between A
    /// and B"), else the noun itself.
    pub fn light_object_token(&self, k: usize) -> usize {
        self.light_object(k)
            .and_then(|p| self.coder_token(p))
            .unwrap_or(k)
    }

    /// The event noun (parse token) that is a verb trigger's subject, if the
    /// subject is a noun ("Israeli strikes killed 12", "talks resumed").
    pub fn noun_subject(&self, k: usize) -> Option<usize> {
        let s = self.subject(k)?;
        matches!(self.tok(s).pos, Pos::Noun | Pos::Propn).then_some(s)
    }

    /// The subject is negated by its determiner or a correlative
    /// conjunction: "neither side has agreed", "no group claimed",
    /// "neither Serbia nor Kosovo has agreed".
    pub fn subject_negated(&self, k: usize) -> bool {
        let Some(s) = self.subject(k) else {
            return false;
        };
        self.children(s).any(|c| {
            matches!(self.tok(c).dep, Dep::Det | Dep::Preconj)
                && matches!(self.lemma_of(c).to_lowercase().as_str(), "neither" | "no")
        })
    }

    /// The verb's clause is the content of a denial ("Thailand denied that
    /// its troops had shelled ...", "dismissed claims that it attacked"):
    /// the speaker says it did not happen, so it is not asserted.
    pub fn denied_content(&self, k: usize) -> bool {
        let denial = |p: usize| {
            DENIAL_WORDS.contains(&self.lemma_of(p).to_lowercase().as_str())
                || self.negated_confirmation(p)
        };
        let heads = self.clause_heads(k);
        // "denied attacking ...": the open complement's governor.
        if heads.iter().skip(1).any(|&h| denial(h)) {
            return true;
        }
        let Some(top) = heads.last().copied() else {
            return false;
        };
        let t = self.tok(top);
        if t.head == top {
            return false;
        }
        match t.dep {
            // "denied that ...", "denied its troops shelled ...".
            Dep::Ccomp => {
                (denial(t.head) && !restated_as_claim(self, top))
                    || self.claim_noun_read_as_verb_of_denial(t.head)
            }
            // "rejected claims that ...", "a denial that ...": the noun's
            // content clause, the noun the object of a denial or one itself.
            Dep::Acl => {
                let noun = t.head;
                let n = self.tok(noun);
                denial(noun)
                    || (self
                        .words
                        .claim_nouns
                        .contains(&self.lemma_of(noun).to_lowercase())
                        && n.head != noun
                        && n.dep == Dep::Dobj
                        && denial(n.head))
            }
            _ => false,
        }
    }

    /// Parse token `p` is a claim noun the parse took for a verb, hanging
    /// from a denial ("rejected on Thursday claims that its navy had fired":
    /// a date between the denial and "claims" makes it a present-tense verb
    /// with the clause as its complement); the clause is still the content
    /// of the denied claim.
    fn claim_noun_read_as_verb_of_denial(&self, p: usize) -> bool {
        let t = self.tok(p);
        t.head != p
            && matches!(t.dep, Dep::Dep | Dep::Dobj)
            && self
                .words
                .claim_nouns
                .contains(&self.lemma_of(p).to_lowercase())
            && DENIAL_WORDS.contains(&self.lemma_of(t.head).to_lowercase().as_str())
    }

    /// Parse token `p` is a verb of confirming or saying that is negated,
    /// by "not" or by its subject ("did not confirm reports that soldiers
    /// had clashed", "neither army confirmed that ..."): like a denial, it
    /// leaves its content unasserted.
    fn negated_confirmation(&self, p: usize) -> bool {
        const CONFIRMING: &[&str] = &["confirm", "say", "verify", "acknowledge", "corroborate"];
        if !CONFIRMING.contains(&self.lemma_of(p).to_lowercase().as_str()) {
            return false;
        }
        let negated_subject = self.child_with(p, &[Dep::Nsubj]).is_some_and(|s| {
            self.children(s).any(|c| {
                matches!(self.tok(c).dep, Dep::Det | Dep::Preconj)
                    && matches!(self.lemma_of(c).to_lowercase().as_str(), "neither" | "no")
            })
        });
        self.child_with(p, &[Dep::Neg]).is_some() || negated_subject
    }

    /// Two coordinated modifiers of the subject ("Indian and Chinese
    /// troops"): the first conjunct and the second, as parse tokens.
    pub fn coordinated_subject_modifiers(&self, k: usize) -> Option<(usize, usize)> {
        let s = self.subject(k)?;
        self.children(s)
            .filter(|&m| party_modifier(self.tok(m).dep))
            .find_map(|m| {
                let c = self.child_with(m, &[Dep::Conj])?;
                Some((m, c))
            })
            .or_else(|| self.bare_subject_and_conjunct_modifier(s))
    }

    /// The same pair where the parse makes the first modifier the subject
    /// itself and the noun its conjunct ("Kyrgyz and Tajik guards clashed":
    /// "Kyrgyz" subject, "guards" its conjunct): the bare subject, with
    /// nothing of its own but the coordination, and the conjunct's
    /// modifier before it.
    fn bare_subject_and_conjunct_modifier(&self, s: usize) -> Option<(usize, usize)> {
        if !self
            .children(s)
            .all(|x| matches!(self.tok(x).dep, Dep::Cc | Dep::Conj | Dep::Punct))
        {
            return None;
        }
        let c = self.child_with(s, &[Dep::Conj])?;
        let m = self
            .children(c)
            .find(|&m| m < c && matches!(self.tok(m).dep, Dep::Amod | Dep::Compound))?;
        Some((s, m))
    }

    /// The predicate this trigger's predicate is coordinated with ("fired
    /// tear gas and arrested 30": "arrested" → "fired").
    pub fn conjoined_predicate(&self, k: usize) -> Option<usize> {
        let p = self.predicate(k)?;
        let t = self.tok(p);
        (t.dep == Dep::Conj && t.head != p).then_some(t.head)
    }

    /// The word is a verb's direct object, or a conjunct of one ("arrested
    /// 12 protesters and journalists"): acted on, not a subject's conjunct.
    pub fn verb_object(&self, k: usize) -> bool {
        self.direct_object_through(k, Dep::Conj).is_some()
    }

    /// The direct object that coder token `k` is, or reaches through up to
    /// three arcs of kind `through` (conjuncts of an object, compound
    /// words of its name), as a parse token. `None` when not parsed.
    fn direct_object_through(&self, k: usize, through: Dep) -> Option<usize> {
        let mut p = self.parse_token(k)?;
        for _ in 0..4 {
            let t = self.tok(p);
            if t.dep == Dep::Dobj {
                return Some(p);
            }
            if t.dep != through || t.head == p {
                return None;
            }
            p = t.head;
        }
        None
    }

    /// The parse reads the word as a noun ("a $625 fine", "Sentencing is
    /// scheduled"), not as the verb a pattern expects.
    pub fn parsed_as_noun(&self, k: usize) -> bool {
        self.parse_token(k)
            .is_some_and(|p| matches!(self.tok(p).pos, Pos::Noun | Pos::Propn))
    }

    /// Coder token `k`, a verb form by spelling ("calls", "demands"), is
    /// the trigger `verb`'s direct object in the parse, a plural noun:
    /// "rejected calls by the French president".
    pub fn plural_noun_object_of(&self, verb: usize, k: usize) -> bool {
        let (Some(v), Some(p)) = (self.predicate(verb), self.parse_token(k)) else {
            return false;
        };
        let t = self.tok(p);
        t.tag == Tag::Nns && t.dep == Dep::Dobj && t.head == v
    }

    /// "pushed back three boats carrying 90 refugees", "shot down a plane
    /// transporting soldiers": a participle of carrying on the verb's
    /// direct object names who is aboard, and they are the ones the act
    /// lands on; the participle is no verb of its own between the act and
    /// them.
    pub fn carrier_participle_of_object(&self, verb: usize, k: usize) -> bool {
        let (Some(v), Some(p)) = (self.predicate(verb), self.parse_token(k)) else {
            return false;
        };
        let t = self.tok(p);
        t.dep == Dep::Acl
            && t.tag == Tag::Vbg
            && matches!(
                self.lemma_of(p).to_lowercase().as_str(),
                "carry" | "transport" | "ferry"
            )
            && t.head != p
            && self.tok(t.head).dep == Dep::Dobj
            && self.tok(t.head).head == v
    }

    /// The parse reads a participle as a preposition with its own object
    /// ("deaths in hospitals, excluding deaths in villages"): a word
    /// marking what a statement leaves out or takes in, not an act.
    pub fn parsed_as_preposition(&self, k: usize) -> bool {
        self.parse_token(k).is_some_and(|p| {
            let t = self.tok(p);
            t.dep == Dep::Prep
                && matches!(t.tag, Tag::Vbg | Tag::Vbn)
                && self.child_with(p, &[Dep::Pobj]).is_some()
        })
    }

    /// The parse reads the word as a particle of the verb before it ("down"
    /// in "threatened to shoot down planes"): it is part of that phrasal
    /// verb, whose own trigger and modality decide, not a verb of its own.
    pub fn parsed_as_particle(&self, k: usize) -> bool {
        self.parse_token(k)
            .is_some_and(|p| self.tok(p).dep == Dep::Prt && self.tok(p).head < p)
    }

    /// The word says the state something is kept in ("will keep its
    /// crossings closed", "the border remained shut", "will stay closed
    /// until Friday"): a participle or adjective complementing a form of
    /// keep, remain or stay before it tells that an earlier act still
    /// holds, not a new one. A clause with a subject or a conjunction of
    /// its own ("remained in the capital after troops seized the airport")
    /// tells another act.
    pub fn kept_in_state(&self, k: usize) -> bool {
        self.parse_token(k).is_some_and(|p| {
            let t = self.tok(p);
            t.head < p
                && self
                    .child_with(p, &[Dep::Nsubj, Dep::Nsubjpass, Dep::Mark])
                    .is_none()
                && matches!(t.tag, Tag::Vbn | Tag::Vbd | Tag::Jj)
                && matches!(
                    t.dep,
                    Dep::Ccomp | Dep::Xcomp | Dep::Advcl | Dep::Oprd | Dep::Acomp
                )
                && matches!(
                    self.lemma_of(t.head).to_lowercase().as_str(),
                    "keep" | "remain" | "stay"
                )
        })
    }

    /// A present participle the parse hangs on a noun as what its referent
    /// is doing ("arrested 40 people protesting against ..."): its clause
    /// has no subject of its own.
    pub fn participle_of_noun_doing(&self, k: usize) -> bool {
        self.predicate(k).is_some_and(|p| {
            let t = self.tok(p);
            t.dep == Dep::Acl
                && t.tag == Tag::Vbg
                && t.head != p
                && matches!(self.tok(t.head).pos, Pos::Noun | Pos::Propn)
                && self.child_with(p, &[Dep::Nsubj]).is_none()
        })
    }

    /// The verb is a finite past tense whose active subject's head lies in
    /// coder tokens `from..to` ("Chinese warships massed near Taiwan"):
    /// the words before it are its doer, not a patient of a reduced passive.
    pub fn active_past_subject_in(&self, k: usize, from: usize, to: usize) -> bool {
        self.parse_token(k).is_some_and(|p| {
            self.tok(p).tag == Tag::Vbd
                && self
                    .child_with(p, &[Dep::Nsubj])
                    .and_then(|s| self.coder_token(s))
                    .is_some_and(|s| from <= s && s < to)
        })
    }

    /// A past participle the parse makes an adjective before its noun ("12
    /// jailed priests", "the detained journalists"): it describes the
    /// noun's state, an earlier act the text neither dates nor attributes.
    pub fn attributive_participle(&self, k: usize) -> bool {
        self.attributive_participle_head(k).is_some()
    }

    /// The noun (coder token) an attributive past participle describes
    /// (see [`Self::attributive_participle`]).
    pub fn attributive_participle_head(&self, k: usize) -> Option<usize> {
        let p = self.parse_token(k)?;
        let t = self.tok(p);
        (t.dep == Dep::Amod && t.tag == Tag::Vbn && t.head > p)
            .then(|| self.coder_token(t.head))
            .flatten()
    }

    /// Trigger `k` (coder token) heads a clause on noun `noun` (coder
    /// token): "The 1995 Mekong Agreement, signed by the four countries".
    pub fn clause_on_noun(&self, k: usize, noun: usize) -> bool {
        let (Some(p), Some(n)) = (self.parse_token(k), self.parse_token(noun)) else {
            return false;
        };
        let (head, dep) = self.arc(p);
        head == n && matches!(dep, Dep::Acl | Dep::Relcl)
    }

    /// The verb governs a verb of saying: "declined to comment", "refused
    /// to say", "declined to be identified" — a reporting formula, not a
    /// refusal of anything the event record could name.
    pub fn governs_saying(&self, k: usize) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        self.children(p).any(|c| {
            self.tok(c).dep == Dep::Xcomp
                && SAYING_VERBS.contains(&self.lemma_of(c).to_lowercase().as_str())
        })
    }

    /// The verb's doer is a thing that cannot act (`non_agent`: the lexicon's
    /// `data/lexicon/non_agent_nouns.txt`, asked with a noun's lemma): its
    /// subject, the subject of the clause a participle hangs from ("An
    /// earthquake struck ..., killing 40"), or, in the passive, the cause
    /// after "by"/"in" ("were killed in floods").
    pub fn non_agent_doer(&self, k: usize, non_agent_noun: impl Fn(&str) -> bool) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        // A named hazard is a proper noun after its kind ("destroyed by
        // Cyclone Freddy", "Hurricane Ian killed 150"): the kind decides.
        let non_agent = |q: usize| match self.tok(q).pos {
            Pos::Noun => {
                non_agent_noun(&self.lemma_of(q).to_lowercase())
                    || self.bare_fire(q)
                    || self.hazard_compound(q, &non_agent_noun)
            }
            Pos::Propn => self.hazard_compound(q, &non_agent_noun),
            _ => false,
        };
        let t = self.tok(p);
        // A participle with a "by" agent is passive too ("victims killed
        // by the crash").
        let passive = self
            .child_with(p, &[Dep::Nsubjpass, Dep::Auxpass, Dep::Agent])
            .is_some();
        if !passive {
            // A second conjunct shares the first's subject ("HIV infection
            // is spreading and has killed 25 million", "an earthquake which
            // hit the region and has killed 15,000").
            let clause = match t.dep {
                Dep::Conj if t.head != p && self.child_with(p, &[Dep::Nsubj]).is_none() => t.head,
                _ => p,
            };
            let c = self.tok(clause);
            let subject = self
                .child_with(clause, &[Dep::Nsubj, Dep::Nsubjpass])
                .filter(|_| clause != p)
                .or_else(|| self.child_with(clause, &[Dep::Nsubj]))
                .or_else(|| {
                    (c.dep == Dep::Advcl && c.head != clause && c.tag == Tag::Vbg)
                        .then(|| self.child_with(c.head, &[Dep::Nsubj]))
                        .flatten()
                });
            // "the storm that killed 12": the relative clause's antecedent,
            // or the noun it completes ("the collapse of a bridge that
            // killed 43", when the parse hangs the clause on "bridge").
            if c.dep == Dep::Relcl && subject.is_some_and(|s| self.subject_is_relative(s)) {
                return non_agent(c.head) || self.of_object_head(c.head).is_some_and(non_agent);
            }
            return subject.is_some_and(non_agent);
        }
        // A named agent decides the doer; otherwise a cause preposition.
        if let Some(by) = self.child_with(p, &[Dep::Agent]) {
            return self.child_with(by, &[Dep::Pobj]).is_some_and(non_agent);
        }
        self.children(p).any(|c| {
            self.tok(c).dep == Dep::Prep
                && CAUSE_PREPOSITIONS.contains(&self.lemma_of(c).to_lowercase().as_str())
                && self.child_with(c, &[Dep::Pobj]).is_some_and(non_agent)
        })
    }

    /// Parse token `q` is a noun compounded with a thing that cannot act
    /// ("a lightning strike killed two herders", "a flood surge swept away
    /// the bridge"): the hazard is the doer, whatever the head noun is ("strike"
    /// alone is an attack). "rocket fire" keeps its doer: a rocket is fired.
    /// Also asked of an event noun itself: a lightning strike is no attack.
    pub fn hazard_compound(&self, q: usize, non_agent_noun: impl Fn(&str) -> bool) -> bool {
        self.children(q).filter(|&c| c < q).any(|c| {
            self.tok(c).dep == Dep::Compound && non_agent_noun(&self.lemma_of(c).to_lowercase())
        })
    }

    /// Parse token `q` has a thing that cannot act before it as a compound
    /// or an adjective ("pandemic alert", "storm alert", "flood warning"):
    /// the noun is about that hazard.
    pub fn hazard_modifier(&self, q: usize, non_agent_noun: impl Fn(&str) -> bool) -> bool {
        self.children(q).filter(|&c| c < q).any(|c| {
            matches!(self.tok(c).dep, Dep::Compound | Dep::Amod)
                && non_agent_noun(&self.lemma_of(c).to_lowercase())
        })
    }

    /// Parse token `q` is "fire" with nothing before it but a determiner ("a
    /// fire destroyed the roof, injuring two firefighters"): a blaze, which
    /// cannot act. Fire with a modifier is someone's shooting ("rocket
    /// fire", "Israeli fire", "heavy fire"), which is why "fire" is not in
    /// `data/lexicon/non_agent_nouns.txt`.
    fn bare_fire(&self, q: usize) -> bool {
        self.lemma_of(q).eq_ignore_ascii_case("fire")
            && self
                .children(q)
                .filter(|&c| c < q)
                .all(|c| self.tok(c).dep == Dep::Det)
    }

    /// The noun whose "of" object token `q` is ("the collapse" of "the
    /// collapse of a bridge").
    fn of_object_head(&self, q: usize) -> Option<usize> {
        let prep = self.tok(q).head;
        let t = self.tok(q);
        let p = self.tok(prep);
        (t.dep == Dep::Pobj
            && prep != q
            && p.dep == Dep::Prep
            && self.lemma_of(prep).eq_ignore_ascii_case("of")
            && p.head != prep
            && self.tok(p.head).pos == Pos::Noun)
            .then_some(p.head)
    }

    /// The active verb's doer is a weapon or an attack (`weapon`: the
    /// lexicon's `data/lexicon/weapon_nouns.txt`, asked with a noun's
    /// lemma): its subject, inherited through coordination and a
    /// participle ("a car bomb exploded ..., killing 12"), or the noun a
    /// relative clause's pronoun stands for ("the missile that hit ...").
    pub fn weapon_doer(&self, k: usize, weapon: impl Fn(&str) -> bool) -> bool {
        let (Some(p), Some(s)) = (self.predicate(k), self.subject(k)) else {
            return false;
        };
        if self.tok(s).dep != Dep::Nsubj {
            return false;
        }
        let t = self.tok(p);
        let s = if t.dep == Dep::Relcl && t.head != p && self.subject_is_relative(s) {
            t.head
        } else {
            s
        };
        let lemma = self.lemma_of(s).to_lowercase();
        match self.tok(s).pos {
            Pos::Noun => weapon(&lemma),
            // A plural opening the sentence is often tagged a name with its
            // lemma as written ("Rockets slammed into a market").
            Pos::Propn => lemma.strip_suffix('s').is_some_and(&weapon),
            _ => false,
        }
    }

    /// A sports score among the verb's dependents ("beat Argentina 2-0"):
    /// a result, not a political event. The tokenizer splits a score into
    /// number, dash, number with no space between. The parse may hang the
    /// score's first number on the beaten side's name instead
    /// (`score_numbers`).
    pub fn has_score(&self, k: usize) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        let tokens = &self.doc.parsed.tokens;
        let small_number = |q: usize| {
            let lemma = self.lemma_of(q);
            (1..=3).contains(&lemma.len()) && lemma.bytes().all(|c| c.is_ascii_digit())
        };
        let score_at = |q: usize| {
            q + 2 < tokens.len()
                && small_number(q)
                && matches!(self.lemma_of(q + 1), "-" | "\u{2013}")
                && small_number(q + 2)
                && tokens[q].end == tokens[q + 1].start
                && tokens[q + 1].end == tokens[q + 2].start
        };
        // Either number of the score may be the one the parse hangs there.
        let in_score = |q: usize| score_at(q) || q.checked_sub(2).is_some_and(score_at);
        self.score_numbers(p).any(in_score)
    }

    /// The words that may be a score's numbers for verb `p`: its own
    /// dependents, and those of a name it governs ("Argentina beat Brazil
    /// 2-0", parsed with "2" a number of Brazil). Not a common noun's:
    /// "killed 10-15 civilians" is a count.
    fn score_numbers(&self, p: usize) -> impl Iterator<Item = usize> + '_ {
        self.children(p).flat_map(move |c| {
            let of_name = (self.tok(c).pos == Pos::Propn).then(|| self.children(c));
            std::iter::once(c).chain(of_name.into_iter().flatten())
        })
    }

    /// Parse token `p` is a noun of those who compete in sport ("Kazakh
    /// wrestlers beat their Uzbek rivals in the final"): like a name, such a
    /// subject, or such an object, makes a contest verb with a contest noun
    /// a result. Police, fans or troops are no competitors ("police beat
    /// fans at the match").
    fn is_competitor(&self, p: usize) -> bool {
        const COMPETITORS: &[&str] = &[
            "athlete",
            "player",
            "team",
            "squad",
            "wrestler",
            "boxer",
            "runner",
            "swimmer",
            "cyclist",
            "skier",
            "fencer",
            "judoka",
            "sprinter",
            "footballer",
            "cricketer",
            "champion",
            "rival",
            "opponent",
        ];
        self.tok(p).pos == Pos::Noun
            && COMPETITORS.contains(&self.lemma_of(p).to_lowercase().as_str())
    }

    /// A sporting result ("Nigeria beat Ghana in the final", "Spain
    /// crushed Italy in the Euro qualifier", "defeated Spain on
    /// penalties"): the verb's subject is a name (a country or club, not a
    /// group of people: "police clashed with fans at the match" is a clash)
    /// and the verb, or its object, hangs a contest noun (`sports`: the
    /// lexicon's `data/lexicon/sports_nouns.txt`) by "in", "on", "at" or
    /// "by". Not a political event (GUIDELINES).
    pub fn sports_result(&self, k: usize, sports: impl Fn(&str) -> bool) -> bool {
        let Some(p) = self.predicate(k) else {
            return false;
        };
        if self.participle_of_contest(p, &sports) || self.team_of_a_sport(p, &sports) {
            return true;
        }
        let named_subject = self
            .child_with(p, &[Dep::Nsubj])
            .is_some_and(|s| self.tok(s).pos == Pos::Propn || self.is_competitor(s));
        let competitor_object = self
            .child_with(p, &[Dep::Dobj])
            .is_some_and(|o| self.is_competitor(o));
        if !named_subject && !competitor_object {
            return false;
        }
        let contest_adjunct = |head: usize| {
            self.children(head).any(|c| {
                self.tok(c).dep == Dep::Prep
                    && matches!(
                        self.lemma_of(c).to_lowercase().as_str(),
                        "in" | "on" | "at" | "by"
                    )
                    && self.child_with(c, &[Dep::Pobj]).is_some_and(|o| {
                        // "in the final": the parse may tag a contest an adjective.
                        matches!(self.tok(o).pos, Pos::Noun | Pos::Propn | Pos::Adj)
                            && sports(&self.lemma_of(o).to_lowercase())
                    })
            })
        };
        contest_adjunct(p)
            || self
                .child_with(p, &[Dep::Dobj])
                .is_some_and(contest_adjunct)
    }

    /// The verb's subject is a competitor named by its sport ("a Samoan
    /// rugby team beat Fiji", "the cricket squad crushed Kenya"): a sport
    /// (`sports`, the lexicon's sports nouns) as a compound on a competitor
    /// noun tells a match without a contest adjunct.
    fn team_of_a_sport(&self, p: usize, sports: &impl Fn(&str) -> bool) -> bool {
        self.child_with(p, &[Dep::Nsubj]).is_some_and(|s| {
            self.is_competitor(s)
                && self.children(s).any(|c| {
                    matches!(self.tok(c).dep, Dep::Compound | Dep::Amod)
                        && sports(&self.lemma_of(c).to_lowercase())
                })
        })
    }

    /// A present participle clause with no subject of its own hung on a
    /// verb whose direct object is a contest ("dominated the Tokyo
    /// Marathon on Sunday, beating Ethiopian rivals", "won the final,
    /// beating Ghana"): the participle tells how the contest went, whoever
    /// the subject is (runners are no name, unlike the teams
    /// `sports_result` otherwise asks for).
    fn participle_of_contest(&self, p: usize, sports: &impl Fn(&str) -> bool) -> bool {
        let t = self.tok(p);
        t.dep == Dep::Advcl
            && t.tag == Tag::Vbg
            && t.head != p
            && self.child_with(p, &[Dep::Nsubj]).is_none()
            && self
                .child_with(t.head, &[Dep::Dobj])
                .is_some_and(|o| sports(&self.lemma_of(o).to_lowercase()))
    }

    /// The finite clause parse token `p` belongs to: the head of the
    /// nearest adverbial, complement, relative or paratactic clause above
    /// it, or of a conjunct with a subject of its own, else the root. An
    /// open complement ("vowed to strike") stays in its governor's clause.
    fn clause_of(&self, mut p: usize) -> usize {
        for _ in 0..64 {
            let t = self.tok(p);
            let own_clause = match t.dep {
                // Not `acl`: a noun's infinitive ("an agreement to share the
                // costs") belongs to the noun's clause, like an open complement.
                Dep::Advcl | Dep::Ccomp | Dep::Relcl | Dep::Parataxis | Dep::Csubj => true,
                Dep::Conj => self.child_with(p, &[Dep::Nsubj, Dep::Nsubjpass]).is_some(),
                _ => false,
            };
            if own_clause || t.dep == Dep::Root || t.head == p {
                return p;
            }
            p = t.head;
        }
        p
    }

    /// Whether coder token `time` hangs from the same verb as coder token
    /// `trigger` ("arrived ... late on Tuesday and held talks ... on
    /// Wednesday": Wednesday is the date of the talks, however near Tuesday
    /// is). False when either is not parsed or hangs from no verb.
    pub fn same_verb(&self, trigger: usize, time: usize) -> bool {
        let trigger_verb = self.predicate(trigger).and_then(|p| self.verb_above(p));
        let time_verb = self.parse_token(time).and_then(|p| self.verb_above(p));
        trigger_verb.is_some() && trigger_verb == time_verb
    }

    /// The trigger's clause is a relative or adverbial clause on a word of
    /// the time expression spanning coder tokens `first..=last` ("2020,
    /// when protesters stormed ..."). False when not parsed.
    pub fn clause_hangs_on(&self, trigger: usize, first: usize, last: usize) -> bool {
        let (Some(v), Some(first), Some(last)) = (
            self.predicate(trigger).and_then(|p| self.verb_above(p)),
            self.parse_token(first),
            self.parse_token(last),
        ) else {
            return false;
        };
        let t = self.tok(v);
        matches!(t.dep, Dep::Relcl | Dep::Advcl) && t.head != v && (first..=last).contains(&t.head)
    }

    /// Whether coder token `k` hangs from a verb, and another verb than the
    /// one above the trigger ("signed a truce under which both sides agreed
    /// to halt fighting for 60 days": "for 60 days" is the halt's). A verb
    /// of lasting ("began an exercise that will last for 10 days", "was
    /// launched and will continue for 10 days") tells how long the act
    /// goes on, so it is not another act. False when either is not parsed
    /// or hangs from no verb.
    pub fn hangs_from_other_verb(&self, trigger: usize, k: usize) -> bool {
        let trigger_verb = self.predicate(trigger).and_then(|p| self.verb_above(p));
        let own_verb = self.parse_token(k).and_then(|p| self.verb_above(p));
        let lasting = own_verb.is_some_and(|v| {
            matches!(
                self.lemma_of(v).to_lowercase().as_str(),
                "last" | "continue" | "run" | "remain" | "go"
            )
        });
        trigger_verb.is_some() && own_verb.is_some() && trigger_verb != own_verb && !lasting
    }

    /// Whether coder token `time` hangs from the verb that the trigger's verb
    /// is coordinated with when the trigger's verb has no subject of its own
    /// ("on Wednesday suspended Niger ... and threatened sanctions unless the
    /// officers who seized power last week ..."): conjuncts sharing a subject
    /// share its date; a date deeper in the conjunct's own clauses (a
    /// relative or conditional clause) dates another act. False when either
    /// is not parsed.
    pub fn time_on_coordinated_verb(&self, trigger: usize, time: usize) -> bool {
        let Some(mut v) = self.predicate(trigger).and_then(|p| self.verb_above(p)) else {
            return false;
        };
        let Some(time_verb) = self.parse_token(time).and_then(|p| self.verb_above(p)) else {
            return false;
        };
        for _ in 0..8 {
            let t = self.tok(v);
            if t.dep != Dep::Conj
                || t.head == v
                || self.child_with(v, &[Dep::Nsubj, Dep::Nsubjpass]).is_some()
            {
                return false;
            }
            v = t.head;
            if v == time_verb {
                return self.time_directly_on(time, v);
            }
        }
        false
    }

    /// Coder token `time` (the start of a time phrase) hangs from verb `v`
    /// through at most one preposition and one noun of the phrase itself
    /// ("on Wednesday", "last week"), not through another noun ("since the
    /// defeat in a war last August" dates the war).
    fn time_directly_on(&self, time: usize, v: usize) -> bool {
        let Some(mut p) = self.parse_token(time) else {
            return false;
        };
        let (mut nouns, mut preps) = (0, 0);
        for _ in 0..8 {
            if p == v {
                return true;
            }
            let t = self.tok(p);
            match t.dep {
                Dep::Pobj | Dep::Npadvmod => nouns += 1,
                Dep::Prep => preps += 1,
                Dep::Amod | Dep::Det | Dep::Nummod | Dep::Compound | Dep::Advmod => {}
                _ => return false,
            }
            if nouns > 1 || preps > 1 || t.head == p {
                return false;
            }
            p = t.head;
        }
        false
    }

    /// Coder token `time` dates the verb whose "after" clause holds the
    /// trigger ("put its army on alert on Thursday after Venezuela deployed
    /// troops"): the trigger's act came before that day, so the day bounds
    /// it when the clause has no date of its own.
    pub fn time_after_clause_bound(&self, trigger: usize, time: usize) -> bool {
        let Some(p) = self.predicate(trigger) else {
            return false;
        };
        let (head, dep) = self.arc(p);
        let opened_by_after = self.children(p).any(|c| {
            self.tok(c).dep == Dep::Mark && self.lemma_of(c).eq_ignore_ascii_case("after")
        });
        head != p
            && dep == Dep::Advcl
            && opened_by_after
            && self.parse_token(time).and_then(|t| self.verb_above(t)) == Some(head)
    }

    /// Whether coder token `time` hangs from a participle that only
    /// describes an object ("released the mayor, jailed over a year ago",
    /// "warrants for men sought in a slaying three years ago") and not from
    /// the trigger's own verb or one above it: that date is the object's
    /// background, not the event's. A participle on a subject or a conjunct
    /// ("ten were killed and dozens injured on Tuesday") shares the event's
    /// time, and so may a full relative clause, and a present participle
    /// ("arrested 40 people protesting ... on Monday": what they were doing
    /// when the act took place). False when either is not parsed.
    pub fn time_on_noun_modifier(&self, trigger: usize, time: usize) -> bool {
        self.time_on_modifier_of(trigger, time, &[Dep::Dobj, Dep::Pobj, Dep::Appos])
    }

    /// As [`Self::time_on_noun_modifier`], for a participle on a direct
    /// object only ("ordered the activists arrested over the past week to
    /// be freed"): before the trigger, a participle in a prepositional
    /// phrase ("in a letter handed over on Monday, Iraq said ...") tells
    /// the occasion of the act.
    pub fn time_on_object_modifier(&self, trigger: usize, time: usize) -> bool {
        self.time_on_modifier_of(trigger, time, &[Dep::Dobj])
    }

    fn time_on_modifier_of(&self, trigger: usize, time: usize, noun_deps: &[Dep]) -> bool {
        let Some(trigger_verb) = self.predicate(trigger).and_then(|p| self.verb_above(p)) else {
            return false;
        };
        let Some(time_verb) = self.parse_token(time).and_then(|p| self.verb_above(p)) else {
            return false;
        };
        let participle = self.tok(time_verb);
        time_verb != trigger_verb
            && participle.dep == Dep::Acl
            && participle.tag != Tag::Vbg
            && noun_deps.contains(&self.tok(participle.head).dep)
            && !self.is_above(time_verb, trigger_verb)
            && !self.stative_participle(time_verb)
            && !self.statement_of_the_act(participle.head)
    }

    /// Parse token `noun` is a statement or document the act was made in
    /// ("condemned the plot ..., in a statement issued on Wednesday"): the
    /// day it was issued is the day of the act it carries, unlike the date
    /// of a statement the act is about ("rejected the statement issued on
    /// Monday").
    fn statement_of_the_act(&self, noun: usize) -> bool {
        let t = self.tok(noun);
        t.dep == Dep::Pobj
            && self.lemma_of(t.head).eq_ignore_ascii_case("in")
            && self.statement_or_document(noun)
    }

    /// Parse token `p` is a participle of holding or running something
    /// ("neighbourhoods held by the rebels", "a port controlled by the
    /// army"), or of leading or heading it ("a delegation led by the deputy
    /// prime minister", "a team headed by a judge"): it tells a state or a
    /// role, which has no day, so a day the parse hangs on it ("shelled
    /// neighbourhoods held by the rebels on Saturday", "met a delegation led
    /// by X in Baghdad on Thursday") is the main verb's.
    fn stative_participle(&self, p: usize) -> bool {
        const STATIVE: &[&str] = &[
            "hold",
            "control",
            "run",
            "own",
            "operate",
            "administer",
            "lead",
            "head",
            "chair",
        ];
        STATIVE.contains(&self.lemma_of(p).to_lowercase().as_str())
    }

    /// Parse token `upper` is `p` or one of its heads.
    fn is_above(&self, upper: usize, mut p: usize) -> bool {
        for _ in 0..64 {
            if p == upper {
                return true;
            }
            let head = self.tok(p).head;
            if head == p {
                return false;
            }
            p = head;
        }
        false
    }

    /// Coder token `k` is the simple-present verb of a relative clause set
    /// off by a comma, with no auxiliary and no time of its own ("Kenya,
    /// which leads the mission, ..."): it tells a standing role of the noun,
    /// not an act the text reports.
    pub fn standing_role_relative(&self, k: usize) -> bool {
        let Some(p) = self.parse_token(k) else {
            return false;
        };
        let t = self.tok(p);
        t.dep == Dep::Relcl
            && matches!(t.tag, Tag::Vbz | Tag::Vbp)
            && self.in_relative_clause(k)
            && !self.children(p).any(|c| self.tok(c).dep == Dep::Aux)
            && !self.has_time_modifier(p)
    }

    /// The common noun (a parse token) that a simple-present relative clause
    /// modifies, when coder token `k` is that clause's verb with no
    /// auxiliary, no time of its own and no subject but the relative
    /// pronoun ("an act that threatens lives": "act").
    pub fn simple_present_relative_noun(&self, k: usize) -> Option<usize> {
        let p = self.parse_token(k)?;
        let t = self.tok(p);
        (t.dep == Dep::Relcl
            && t.head != p
            && matches!(t.tag, Tag::Vbz | Tag::Vbp)
            && self.common_noun(t.head)
            // The thing itself acts: "the time that we ask for" is ours.
            && self
                .child_with(p, &[Dep::Nsubj])
                .is_none_or(|s| self.subject_is_relative(s))
            && !self.children(p).any(|c| self.tok(c).dep == Dep::Aux)
            && !self.has_time_modifier(p))
        .then_some(t.head)
    }

    /// Coder token `k` lies inside any relative clause, set off by commas or
    /// not ("the officers who seized power last week"). False when not
    /// parsed.
    pub fn under_relative_clause(&self, k: usize) -> bool {
        self.relative_clause_over(k).is_some()
    }

    /// The head (parse token) of the nearest relative clause holding coder
    /// token `k`.
    /// The lower-cased lemma of the noun whose relative clause the trigger's
    /// own verb heads, the clause opened by a preposition and "which"
    /// ("a truce under which both sides agreed": "truce"). `None` when not
    /// parsed or not in such a clause: a clause whose verb acts on the noun
    /// itself ("the treaty whose text they agreed", "an agreement the
    /// ministers signed") tells that noun's own making.
    pub fn prepositional_relative_noun(&self, k: usize) -> Option<String> {
        let p = self.predicate(k)?;
        let t = self.tok(p);
        let opened_by_preposition = self.children(p).any(|c| {
            self.tok(c).dep == Dep::Prep
                && self.children(c).any(|w| {
                    self.tok(w).dep == Dep::Pobj
                        && matches!(self.lemma_of(w).to_lowercase().as_str(), "which" | "whom")
                })
        });
        (t.dep == Dep::Relcl
            && t.head != p
            && opened_by_preposition
            && matches!(self.tok(t.head).pos, Pos::Noun))
        .then(|| self.lemma_of(t.head).to_lowercase())
    }

    fn relative_clause_over(&self, k: usize) -> Option<usize> {
        let mut p = self.parse_token(k)?;
        for _ in 0..64 {
            let t = self.tok(p);
            if t.dep == Dep::Relcl {
                return Some(p);
            }
            if t.head == p {
                return None;
            }
            p = t.head;
        }
        None
    }

    /// The name starting at coder token `k` is what a gerund acts on, its
    /// direct object ("closed the checkpoints, accusing Minsk of ...",
    /// "after accusing the United States", through its compound words): a
    /// party acted on in a clause that tells the doer's act, not where the
    /// sentence's act takes place. A finite verb's object is left to the
    /// setting ("Officials warned Egypt that ...": with Egypt gone, a
    /// country in the statement would become the officials').
    pub fn gerund_object_name(&self, k: usize) -> bool {
        self.direct_object_through(k, Dep::Compound)
            .is_some_and(|o| self.tok(self.tok(o).head).tag == Tag::Vbg)
    }

    /// Coder token `k` lies in a relative clause opened by "which" or
    /// "that" ("the filling, which began on Monday"): a clause about a
    /// thing, not a person's act ("the minister, who on Monday demanded").
    /// False when not parsed.
    pub fn in_relative_clause_on_thing(&self, k: usize) -> bool {
        self.relative_clause_over(k).is_some_and(|p| {
            self.subtree(p).min().is_some_and(|first| {
                matches!(
                    self.lemma_of(first).to_lowercase().as_str(),
                    "which" | "that"
                )
            })
        })
    }

    /// Coder token `k` lies in a past-participle clause on a noun, set off
    /// by a comma, a relative clause with its pronoun left out ("the
    /// motion, lodged on Monday, was ruled out of order"): like a "which"
    /// clause, it tells a thing's past, not the sentence's own act. Not
    /// one run on with no comma ("one of three people police arrested
    /// Thursday night"), which often tells the news itself. False when
    /// not parsed.
    pub fn in_participle_clause_on_noun(&self, k: usize) -> bool {
        let Some(mut p) = self.parse_token(k) else {
            return false;
        };
        for _ in 0..64 {
            let t = self.tok(p);
            if t.dep == Dep::Relcl || t.head == p {
                return false;
            }
            if t.dep == Dep::Acl && t.tag == Tag::Vbn {
                let first = self.subtree(p).min().unwrap_or(p);
                let set_off = first
                    .checked_sub(1)
                    .is_some_and(|c| self.tok(c).tag == Tag::Comma);
                return set_off && self.tok(t.head).pos == Pos::Noun;
            }
            p = t.head;
        }
        false
    }

    /// Coder token `k` lies inside a relative clause set off by a comma
    /// ("the leader, who is wanted by the United States, was ..."): a
    /// clause that tells something about a noun, not the scene of the
    /// sentence's own act. False when not parsed.
    pub fn in_relative_clause(&self, k: usize) -> bool {
        self.relative_clause_over(k).is_some_and(|p| {
            let first = self.subtree(p).min().unwrap_or(p);
            first
                .checked_sub(1)
                .is_some_and(|c| self.tok(c).tag == Tag::Comma)
        })
    }

    /// The nearest verb at or above parse token `p` in the tree.
    fn verb_above(&self, mut p: usize) -> Option<usize> {
        for _ in 0..64 {
            let t = self.tok(p);
            if t.pos == Pos::Verb {
                return Some(p);
            }
            if t.head == p {
                return None;
            }
            p = t.head;
        }
        None
    }

    /// Coder token `k` belongs to a verb coordinated after the trigger's
    /// own ("condemned the attack but did not blame Russia": Russia is
    /// what "blame" acts on, not "condemned"). False when either is not
    /// parsed.
    pub fn in_later_conjunct(&self, trigger: usize, k: usize) -> bool {
        let (Some(verb), Some(p)) = (self.predicate(trigger), self.parse_token(k)) else {
            return false;
        };
        let Some(other) = self.verb_above(p) else {
            return false;
        };
        let t = self.tok(other);
        other != verb && t.dep == Dep::Conj && t.head == verb
    }

    /// Coder tokens `a` and `b` are in the same finite clause ("Azerbaijan
    /// mobilised reservists as fighting with Armenia continued": Armenia is
    /// not in the clause of "mobilised"). True when either is not parsed.
    pub fn same_clause(&self, a: usize, b: usize) -> bool {
        match (self.parse_token(a), self.parse_token(b)) {
            (Some(pa), Some(pb)) => self.clause_of(pa) == self.clause_of(pb),
            _ => true,
        }
    }

    /// Every coder token of the parse subtree headed by `p` that lies in
    /// this sentence, as a coder range `first..end`.
    pub fn subtree_range(&self, p: usize) -> Option<(usize, usize)> {
        let (lo, hi) = self
            .subtree(p)
            .filter_map(|q| self.coder_token(q))
            .fold((usize::MAX, 0usize), |(lo, hi), k| {
                (lo.min(k), hi.max(k + 1))
            });
        (lo < hi).then_some((lo, hi))
    }
}

/// The clause `top`, before the verb it is parsed as the complement of, is
/// taken up again by a claim noun, that verb's subject or object ("Kenya accused
/// Somalia of violating its airspace, a charge Mogadishu denied"): the
/// writer states the clause; only the claim is denied.
fn restated_as_claim(sx: &SentenceSyntax<'_>, top: usize) -> bool {
    let verb = sx.tok(top).head;
    top < verb
        && sx.children(verb).any(|c| {
            matches!(sx.tok(c).dep, Dep::Nsubj | Dep::Dobj)
                && c > top
                && sx
                    .words
                    .claim_nouns
                    .contains(&sx.lemma_of(c).to_lowercase())
        })
}

/// A dependency by which a nationality word modifies a noun as its party:
/// an adjective or a compound ("Armenian and Azerbaijani diplomats"), or a
/// name the parse tags a nominal modifier ("the Thai and Malaysian foreign
/// ministers", "Thai" read as a proper noun).
fn party_modifier(dep: Dep) -> bool {
    matches!(dep, Dep::Amod | Dep::Compound | Dep::Nmod)
}

/// Nouns of a frontier: what is named after them by "with" or "between" is
/// a neighbour on the map ("the border with Finland").
fn is_frontier_noun(lemma: &str) -> bool {
    matches!(lemma, "border" | "frontier" | "boundary")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;
    use crate::tokens::tokenize;
    use sitrep_syntax::TokenAnalysis;

    /// A parse written by hand: (word, head index, dep, pos).
    fn parsed(text: &str, rows: &[(&str, usize, Dep, Pos)]) -> ParsedDoc {
        let mut at = 0;
        let mut strings = sitrep_syntax::Strings::default();
        let tokens = rows
            .iter()
            .map(|&(w, head, dep, pos)| {
                let start = text[at..].find(w).map(|s| s + at).expect("word in text");
                at = start + w.len();
                TokenAnalysis {
                    start,
                    end: at,
                    space_after: true,
                    tag: Tag::Nn,
                    pos,
                    morph: sitrep_syntax::Sym::default(),
                    lemma: strings.intern(&w.to_lowercase()),
                    head,
                    dep,
                }
            })
            .collect::<Vec<_>>();
        let n = tokens.len();
        ParsedDoc {
            tokens,
            sentences: std::iter::once(0..n).collect(),
            entities: Vec::new(),
            strings,
        }
    }

    fn coder_index(tokens: &[Token], word: &str) -> usize {
        tokens
            .iter()
            .position(|t| t.lower == word)
            .expect("coder token")
    }

    #[test]
    fn subject_negation_and_inherited_subject() {
        let text = "Police did not arrest them and fired tear gas.";
        let doc = DocSyntax::new(parsed(
            text,
            &[
                ("Police", 3, Dep::Nsubj, Pos::Noun),
                ("did", 3, Dep::Aux, Pos::Aux),
                ("not", 3, Dep::Neg, Pos::Part),
                ("arrest", 3, Dep::Root, Pos::Verb),
                ("them", 3, Dep::Dobj, Pos::Pron),
                ("and", 3, Dep::Cc, Pos::Cconj),
                ("fired", 3, Dep::Conj, Pos::Verb),
                ("tear", 8, Dep::Compound, Pos::Noun),
                ("gas", 6, Dep::Dobj, Pos::Noun),
                (".", 3, Dep::Punct, Pos::Punct),
            ],
        ));
        let tokens = tokenize(text, Span::new(0, text.len()));
        let words = CoderWords::default();
        let s = doc.sentence(&tokens, &words);
        let arrest = coder_index(&tokens, "arrest");
        let fired = coder_index(&tokens, "fired");
        assert!(s.negated(arrest));
        assert!(!s.negated(fired));
        assert_eq!(s.subject(fired).and_then(|p| s.coder_token(p)), Some(0));
        assert_eq!(
            s.subtree_range(8),
            Some((
                coder_index(&tokens, "tear"),
                coder_index(&tokens, "gas") + 1
            ))
        );
    }

    #[test]
    fn clause_boundaries() {
        // An adverbial clause is a clause of its own; an open complement
        // ("vowed to strike") stays in its governor's clause.
        let text =
            "Chad mobilised troops as fighting with Sudan continued and vowed to strike Libya.";
        let doc = DocSyntax::new(parsed(
            text,
            &[
                ("Chad", 1, Dep::Nsubj, Pos::Propn),
                ("mobilised", 1, Dep::Root, Pos::Verb),
                ("troops", 1, Dep::Dobj, Pos::Noun),
                ("as", 7, Dep::Mark, Pos::Sconj),
                ("fighting", 7, Dep::Nsubj, Pos::Noun),
                ("with", 4, Dep::Prep, Pos::Adp),
                ("Sudan", 5, Dep::Pobj, Pos::Propn),
                ("continued", 1, Dep::Advcl, Pos::Verb),
                ("and", 1, Dep::Cc, Pos::Cconj),
                ("vowed", 1, Dep::Conj, Pos::Verb),
                ("to", 11, Dep::Aux, Pos::Part),
                ("strike", 9, Dep::Xcomp, Pos::Verb),
                ("Libya", 11, Dep::Dobj, Pos::Propn),
                (".", 1, Dep::Punct, Pos::Punct),
            ],
        ));
        let tokens = tokenize(text, Span::new(0, text.len()));
        let words = CoderWords::default();
        let s = doc.sentence(&tokens, &words);
        let at = |w: &str| coder_index(&tokens, &w.to_lowercase());
        assert!(!s.same_clause(at("mobilised"), at("Sudan")));
        assert!(s.same_clause(at("fighting"), at("Sudan")));
        assert!(s.same_clause(at("mobilised"), at("troops")));
        // A conjunct without a subject of its own shares the clause.
        assert!(s.same_clause(at("mobilised"), at("Libya")));
        assert!(s.same_clause(at("strike"), at("Libya")));
    }

    #[test]
    fn conditional_clause_and_passive_agent() {
        let text = "If Serbia attacks, Kosovo was shelled by Serbia.";
        let doc = DocSyntax::new(parsed(
            text,
            &[
                ("If", 2, Dep::Mark, Pos::Sconj),
                ("Serbia", 2, Dep::Nsubj, Pos::Propn),
                ("attacks", 6, Dep::Advcl, Pos::Verb),
                (",", 6, Dep::Punct, Pos::Punct),
                ("Kosovo", 6, Dep::Nsubjpass, Pos::Propn),
                ("was", 6, Dep::Auxpass, Pos::Aux),
                ("shelled", 6, Dep::Root, Pos::Verb),
                ("by", 6, Dep::Agent, Pos::Adp),
                ("Serbia", 7, Dep::Pobj, Pos::Propn),
                (".", 6, Dep::Punct, Pos::Punct),
            ],
        ));
        let tokens = tokenize(text, Span::new(0, text.len()));
        let words = CoderWords::default();
        let s = doc.sentence(&tokens, &words);
        assert!(s.conditional(coder_index(&tokens, "attacks")));
        let shelled = coder_index(&tokens, "shelled");
        assert!(!s.conditional(shelled));
        assert_eq!(s.agent(shelled).and_then(|p| s.coder_token(p)), Some(8));
        assert_eq!(s.subject(shelled).and_then(|p| s.coder_token(p)), Some(4));
    }
}
