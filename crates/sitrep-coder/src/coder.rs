//! The coder: runs the stages over one document and builds the output
//! records. This is the only module that knows the order of the stages.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate};

use crate::actors::names::merge_given_names;
use crate::actors::qualified::{
    place_groups_named_by_descent, qualify_by_place, recode_homonym_countries, NamedIn,
};
use crate::actors::setting::setting_countries;
use crate::actors::{
    joined_by_and, one_country_sides, resolve_actors, sentence_countries, two_named_parties,
    ActorMemory, ActorPhrase,
};
use crate::dates::{
    absolute_expressions, find_story_relative, find_time_expressions, find_years_after,
    that_month_phrases, that_year_phrases, time_of_previous_sentence, DateCarry, DatePrecision,
    TimeExpression, TimeValue,
};
use crate::document::{Document, Span};
use crate::events::{find_events, phrase_at, ActorSlot, EventMatch, Stance};
use crate::lexicon::actors::{ActorDictionary, EntryKind};
use crate::lexicon::categories::{Agentless, LandsOn, NoTarget, Parties};
use crate::lexicon::patterns::{EventPatterns, Pattern, TargetSlot, TriggerKind};
use crate::lexicon::word_list::CoderWords;
use crate::lexicon::Lexicon;
use crate::mentions::{
    acronym_of_dictionary_name, acronym_of_other_name, find_mentions, hyphen_origin, Mention,
    MentionKind,
};
use crate::places::{Gazetteer, PlaceContext, PlaceKind, PlaceMention};
use crate::record::{ActorRecord, CharIndex, EventRecord, LocationRecord, PlaceRecord, TextSpan};
use crate::sentences::split_sentences_with;
use crate::syntax::{DocSyntax, SentenceSyntax};
use crate::tokens::{tokenize, Token};
use crate::vocab::{ActorHow, Category, Sector};

/// What coding one document gives.
#[derive(Debug, Default)]
pub struct CodedDocument {
    pub events: Vec<EventRecord>,
    pub places: Vec<PlaceRecord>,
}

struct SentenceWork {
    span: Span,
    tokens: Vec<Token>,
    mentions: Vec<Mention>,
}

/// A resolved actor before serialisation.
#[derive(Debug, Clone)]
struct Actor {
    code: String,
    sector: Option<Sector>,
    span: Span,
    how: ActorHow,
}

/// What makes two events of a document the same: type, source, target,
/// date, and the date's text (or the sentence, for undated events).
type EventKey = (
    Category,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<usize>,
);

/// Prepositions that put an event in a place.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "over",
    "around",
    "within",
    "throughout",
];

/// Codes one document.
pub fn code_document(lex: &Lexicon, doc: &Document) -> CodedDocument {
    code_with_trace(lex, doc, None)
}

/// How one sentence of a document was read (`sitrep explain`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplainedSentence {
    /// The sentence's bytes in `Document::text`: the caller lines other
    /// analyses of the same text (the parse) up with it.
    pub span: Span,
    /// `S:` and the sentence with its actor phrases in brackets
    /// (code/sector), then one `=>` line per event coded from it with the
    /// rule that fired and how each actor was found; newline-terminated.
    pub trace: String,
}

/// A readable trace of how a document was read, one entry per sentence in
/// text order. For auditing dictionaries and patterns (`sitrep explain`).
pub fn explain_document(lex: &Lexicon, doc: &Document) -> Vec<ExplainedSentence> {
    let mut trace = Vec::new();
    code_with_trace(lex, doc, Some(&mut trace));
    trace
}

/// What the whole document gives each of its sentences.
struct DocumentContext<'a> {
    lex: &'a Lexicon,
    doc: &'a Document,
    text: &'a str,
    chars: CharIndex,
    /// Resolved place mentions, in text order.
    places: Vec<PlaceMention>,
    /// The document's countries, heaviest first.
    countries: Vec<String>,
    /// The country of the place the dateline names.
    dateline_country: Option<String>,
    /// The countries the text names as such (`countries_named`).
    named_countries: HashSet<String>,
    /// The day relative dates are read against.
    anchor: Option<NaiveDate>,
    syntax: DocSyntax,
}

/// What reading the sentences in order carries from one to the next.
struct DocumentState {
    memory: ActorMemory,
    carry: DateCarry,
    /// Actor codes in order of last mention: the discourse's other party.
    recent: Vec<RecentParty>,
    /// The number of the sentence being coded (0 for the first of the body).
    sentence: usize,
    /// The parties of the events coded so far whose target the text
    /// named, in order: who has been dealing with whom.
    partners: Vec<Partnership>,
    /// The country of the named court whose act was coded last, whatever
    /// its target: whose ruling a later "rejected the ruling" rejects.
    last_court: Option<String>,
    /// The last time expression of the previous sentence, whatever its
    /// precision: what "at the time" takes up.
    previous_time: Option<TimeExpression>,
    /// One event per (type, source, target, date as written): the headline
    /// and lede restating an event, or a joint act named twice, give one
    /// row. A hash set: a long document has thousands of keys, and a linear
    /// scan made coding quadratic in its size. Only membership is asked, so
    /// the output order stays the order of `out.events`.
    seen: HashSet<EventKey>,
    /// Where the previous sentence's events start in `out.events`: a
    /// restating pattern's event repeats one of these or this sentence's.
    previous_sentence_events: usize,
    /// The event ids given so far: the store keys events by id, so two
    /// events of one trigger (one per subject of an act that is not joint)
    /// must not share one.
    ids: HashSet<String>,
    out: CodedDocument,
}

/// The countries the headline, the dateline and the body name.
struct DocumentCountries {
    /// Country → weight: the headline counts double.
    weights: Vec<(String, usize)>,
    headline: Vec<String>,
    dateline: Vec<String>,
    /// Countries whose people the headline or the body names
    /// (`named_peoples`), in text order.
    peoples: Vec<String>,
}

fn code_with_trace(
    lex: &Lexicon,
    doc: &Document,
    mut trace: Option<&mut Vec<ExplainedSentence>>,
) -> CodedDocument {
    let text = doc.text.as_str();
    let body = Span::new(doc.body_start.min(text.len()), text.len());
    let mut sentences = read_sentences(lex, text, body);
    drop_acronyms_of_other_names(lex, text, &mut sentences);
    let named = document_countries(lex, doc, &sentences);
    // The dependency parse and named entities of the whole text; the
    // entities tell the places which capitalised words are people's names.
    let parsed = lex.syntax.parse(text);
    let people = PlaceContext {
        local_country: american_local_news(&lex.words, text).then(|| "USA".to_string()),
        organisations: org_names(lex, text, &[Sector::Bus, Sector::Med]),
        parties: org_names(lex, text, &[Sector::Pty]),
        peoples: named.peoples.clone(),
        ..person_evidence(&parsed)
    };
    let (mut weights, places) = resolve_places(lex, text, named.weights, &people);
    drop_seats_placed_abroad(lex, text, &mut sentences, &places, &mut weights);
    let dc = DocumentContext {
        lex,
        doc,
        text,
        chars: CharIndex::new(text),
        dateline_country: dateline_country(lex, doc, &places),
        named_countries: countries_named(lex, &sentences),
        places,
        countries: weights.iter().map(|(c, _)| c.clone()).collect(),
        anchor: doc
            .published
            .map(|p| p.date)
            .or_else(|| latest_absolute_date(text, body)),
        // The dependency parse of the whole text, read sentence by sentence
        // through the coder's own tokens.
        syntax: DocSyntax::new(parsed),
    };
    let mut st = DocumentState {
        memory: ActorMemory::default(),
        carry: DateCarry::default(),
        recent: seed_recent(named.dateline, named.headline),
        sentence: 0,
        partners: Vec::new(),
        last_court: None,
        previous_time: None,
        seen: HashSet::new(),
        previous_sentence_events: 0,
        ids: HashSet::new(),
        out: CodedDocument::default(),
    };
    st.memory.document_country = weights.first().map(|(c, _)| c.clone());
    st.memory.dateline_country = story_set_at_dateline(lex, &sentences, &dc);
    for pm in &dc.places {
        st.out
            .places
            .push(lex.gazetteer.place_record(&doc.id, text, &dc.chars, pm));
    }
    for s in &sentences {
        let first_event = st.out.events.len();
        let phrases = code_sentence(&dc, &mut st, s);
        st.previous_sentence_events = first_event;
        if let Some(t) = trace.as_deref_mut() {
            t.push(ExplainedSentence {
                span: s.span,
                trace: sentence_trace(text, s, &phrases, &st.out.events[first_event..]),
            });
        }
    }
    drop_visits_met(lex, &mut st.out.events);
    if let Some(published) = doc.published.map(|p| p.date) {
        drop_acts_after_publication(published, &mut st.out.events);
    }
    st.out
}

/// An act dated after the day the article was published is still to come
/// ("whose leaders meet in Tonga next month", "were expected to appear
/// before a judge on Friday"): GUIDELINES codes only what happened or is
/// happening, so it is not an event whatever tense the parse saw. A date
/// whose text states its year ("in late 2002") is the text's own word on
/// when it happened: the publication date, not the act, is then the one in
/// doubt (a feed's placeholder or a wrong byline), and the act stays.
fn drop_acts_after_publication(published: NaiveDate, events: &mut Vec<EventRecord>) {
    let day = published.format("%Y-%m-%d").to_string();
    events.retain(|e| e.date.as_deref().is_none_or(|d| d <= day.as_str()) || states_its_year(e));
}

/// The event's date was read from words that write a year ("2002",
/// "March 5, 2024").
fn states_its_year(e: &EventRecord) -> bool {
    e.date_text.as_ref().is_some_and(|t| {
        t.text
            .split(|c: char| !c.is_ascii_digit())
            .any(|run| run.len() == 4)
    })
}

/// A visit and a meeting of the same two parties on the same day are one
/// happening ("the chancellor visited Slovakia and met the Slovak prime
/// minister"): the visit (CAMEO 042) is dropped when another consultation
/// covers its pair and day, so the document reports the talks once. An
/// arrival (a pattern with `arrival`) is only the start of a visit: it is
/// dropped when the document reports another consultation between the same
/// two parties from that day on ("arrived in Kyiv … Zelensky received him on
/// Wednesday"). An act of another type during the visit (a signing, a
/// promise, a request) is not the visit: GUIDELINES codes the visit as
/// CONSULT beside it ("arrived in Luanda … signed three agreements").
fn drop_visits_met(lex: &Lexicon, events: &mut Vec<EventRecord>) {
    fn pair(e: &EventRecord) -> Option<(String, String)> {
        let s = actor_code(&e.source)?;
        let t = actor_code(&e.target)?;
        let (a, b) = if s <= t { (s, t) } else { (t, s) };
        (a != b).then(|| (a.to_string(), b.to_string()))
    }
    let is_visit = |e: &EventRecord| e.category == Category::Consult && e.cameo == "042";
    // The arrival patterns' ids, once per document (the lexicon holds
    // thousands of patterns; a document only a few events).
    let arrival_rules: Vec<&str> = lex
        .patterns
        .patterns()
        .iter()
        .filter(|p| p.arrival)
        .map(|p| p.id.as_str())
        .collect();
    let is_arrival = |e: &EventRecord| arrival_rules.contains(&e.rule.as_str());
    let met = |i: usize, e: &EventRecord| {
        let Some(k) = pair(e) else {
            return false;
        };
        let arrival = is_arrival(e);
        events.iter().enumerate().any(|(j, o)| {
            j != i
                && pair(o).as_ref() == Some(&k)
                && if arrival {
                    !is_arrival(o)
                        && o.category == Category::Consult
                        && (o.date.is_none() || o.date >= e.date)
                } else {
                    o.category == Category::Consult
                        && !is_visit(o)
                        && o.date.is_some()
                        && o.date == e.date
                }
        })
    };
    let drop: Vec<bool> = events
        .iter()
        .enumerate()
        .map(|(i, e)| is_visit(e) && met(i, e))
        .collect();
    let mut k = 0;
    events.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// The body's sentences with their tokens and actor mentions.
fn read_sentences(lex: &Lexicon, text: &str, body: Span) -> Vec<SentenceWork> {
    split_sentences_with(text, body, &lex.abbreviations)
        .into_iter()
        .map(|span| {
            let tokens = tokenize(text, span);
            let mut mentions = find_mentions(&tokens, &lex.actors, &lex.stopwords);
            merge_given_names(text, &tokens, &mut mentions, &lex.actors);
            SentenceWork {
                span,
                tokens,
                mentions,
            }
        })
        .collect()
}

/// The document's countries, by weight: the headline counts double, the
/// dateline and every mention of the body once.
fn document_countries(
    lex: &Lexicon,
    doc: &Document,
    sentences: &[SentenceWork],
) -> DocumentCountries {
    let text = doc.text.as_str();
    let mut weights: Vec<(String, usize)> = Vec::new();
    let mut count = |codes: Vec<String>, w: usize| {
        for c in codes {
            match weights.iter_mut().find(|(k, _)| *k == c) {
                Some((_, n)) => *n += w,
                None => weights.push((c, w)),
            }
        }
    };
    let headline = doc.title.clone().unwrap_or_default();
    let htoks = tokenize(&headline, Span::new(0, headline.len()));
    let hmentions = find_mentions(&htoks, &lex.actors, &lex.stopwords);
    let headline_countries = sentence_countries(&hmentions, &lex.actors, true);
    count(headline_weighed(&htoks, &hmentions, &lex.actors), 2);
    let dateline_countries = doc
        .dateline
        .map(|d| {
            let toks = tokenize(text, d);
            sentence_countries(
                &find_mentions(&toks, &lex.actors, &lex.stopwords),
                &lex.actors,
                true,
            )
        })
        .unwrap_or_default();
    count(dateline_countries.clone(), 1);
    count(date_line_place_countries(lex, doc), 1);
    for s in sentences {
        for m in s.mentions.iter().filter(|m| !hyphen_origin(&s.tokens, m)) {
            count(
                sentence_countries(std::slice::from_ref(m), &lex.actors, true),
                1,
            );
        }
    }
    heaviest_first(&mut weights);
    let body_mentions = sentences.iter().flat_map(|s| &s.mentions);
    DocumentCountries {
        weights,
        headline: headline_countries,
        dateline: dateline_countries,
        peoples: named_peoples(hmentions.iter().chain(body_mentions), &lex.actors),
    }
}

/// The countries of the place written on the publication date line
/// ("Trinidad and Tobago 14 December 2026 21:05 (UTC -04:00)"): the desk
/// files the story under the country it is about, so that place weighs for
/// the story's country as the dateline does, even when the dateline names
/// a city alone or the body names a neighbour's people more often.
fn date_line_place_countries(lex: &Lexicon, doc: &Document) -> Vec<String> {
    doc.date_line_place()
        .map(|d| {
            let toks = tokenize(&doc.text, d);
            sentence_countries(
                &find_mentions(&toks, &lex.actors, &lex.stopwords),
                &lex.actors,
                true,
            )
        })
        .unwrap_or_default()
}

/// The headline's countries that weigh for the story's country: a lone
/// name joined to a participle ("Chinese-brokered truce", "Iranian-backed
/// militia") says who brokered or backs a thing, not where the story is set,
/// so it weighs nothing here as it weighs nothing in the body
/// (`mentions::hyphen_origin`); it still seeds the discourse's parties.
fn headline_weighed(tokens: &[Token], mentions: &[Mention], dict: &ActorDictionary) -> Vec<String> {
    let weighed: Vec<Mention> = mentions
        .iter()
        .filter(|m| !hyphen_origin(tokens, m))
        .cloned()
        .collect();
    sentence_countries(&weighed, dict, true)
}

/// Drops the actor mentions of a capital that the places read as a
/// namesake in another country ("London, Ont.", "London, Ky."), and the
/// weight each gave its country: the city is not the British government,
/// and the story is not set in Britain.
fn drop_seats_placed_abroad(
    lex: &Lexicon,
    text: &str,
    sentences: &mut [SentenceWork],
    places: &[PlaceMention],
    weights: &mut Vec<(String, usize)>,
) {
    let mut order: Vec<&PlaceMention> = places.iter().collect();
    order.sort_by_key(|pm| (pm.span.start, pm.span.end));
    let qualified = qualified_in_own_country(text, &order, &lex.gazetteer);
    for s in sentences.iter_mut() {
        let tokens = &s.tokens;
        s.mentions.retain(|m| {
            let Some(code) = seat_code(m, &lex.actors) else {
                return true;
            };
            let (Some(first), Some(last)) =
                (tokens.get(m.first), tokens.get(m.end.wrapping_sub(1)))
            else {
                return true;
            };
            // The place mentions that hold the seat's words: those starting
            // at or before it, back to the first that ends before it
            // (place mentions do not overlap), so each seat costs a search.
            let upto = order.partition_point(|pm| pm.span.start <= first.span.start);
            let abroad = (0..upto)
                .rev()
                .take_while(|&i| order[i].span.end > first.span.start)
                .any(|i| {
                    order[i].span.end >= last.span.end
                        && lex.gazetteer.place(order[i].place).country != code
                        && qualified[i]
                });
            if abroad {
                if let Some((_, n)) = weights.iter_mut().find(|(c, _)| *c == code) {
                    *n = n.saturating_sub(1);
                }
            }
            !abroad
        });
    }
    weights.retain(|(_, n)| *n > 0);
    heaviest_first(weights);
}

/// For each place mention (in text order), whether the next one follows
/// after a comma and lies in the same country ("London, Ont.", "London,
/// Ky.", or a list's next town, "San Juan, Choropampa"): only a written
/// neighbour in its country outweighs a capital as an actor; a reading
/// abroad chosen from context alone may be the resolver's mistake
/// ("Washington and Moscow signed" in a story full of Idaho towns).
fn qualified_in_own_country(
    text: &str,
    order: &[&PlaceMention],
    gazetteer: &Gazetteer,
) -> Vec<bool> {
    order
        .iter()
        .map(|pm| {
            let country = gazetteer.place(pm.place).country;
            let next = order.partition_point(|q| q.span.start <= pm.span.end);
            order[next..]
                .iter()
                .take_while(|q| {
                    order
                        .get(next)
                        .is_some_and(|n| n.span.start == q.span.start)
                })
                .any(|q| {
                    text.get(pm.span.end..q.span.start)
                        .is_some_and(|gap| gap.trim() == ",")
                        && gazetteer.place(q.place).country == country
                })
        })
        .collect()
}

/// The country of a mention that names a seat of government ("London",
/// "Moscow"), if it is one.
fn seat_code(m: &Mention, dict: &ActorDictionary) -> Option<String> {
    let MentionKind::Entries(entries) = &m.kind else {
        return None;
    };
    let e = dict.entry(*entries.first()?);
    if e.kind == EntryKind::Seat {
        e.code.clone()
    } else {
        None
    }
}

/// The countries whose people the text names by a demonym ("Somali
/// elders", "Georgians"), distinct, in text order: for the places, a
/// people named is as good a sign of where the story is as a place named
/// there (`PlaceContext::peoples`), though the gazetteer holds no demonyms.
fn named_peoples<'m>(
    mentions: impl Iterator<Item = &'m Mention>,
    dict: &ActorDictionary,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in mentions {
        let MentionKind::Entries(entries) = &m.kind else {
            continue;
        };
        let Some(e) = entries.first().map(|&e| dict.entry(e)) else {
            continue;
        };
        if !matches!(e.kind, EntryKind::CountryAdj | EntryKind::People) {
            continue;
        }
        if let Some(c) = &e.code {
            if !out.contains(c) {
                out.push(c.clone());
            }
        }
    }
    out
}

/// The document's places, resolved against its countries; towns and
/// regions then weigh in too (a local story names its towns, not its
/// country: "Columbus, Ohio", "police in Atlanta"), so that a stray name
/// ("Georgia", "Chad") does not outweigh them. Returns the final weights
/// and the places.
fn resolve_places(
    lex: &Lexicon,
    text: &str,
    mut weights: Vec<(String, usize)>,
    people: &PlaceContext,
) -> (Vec<(String, usize)>, Vec<PlaceMention>) {
    let context = |weights: &[(String, usize)]| PlaceContext {
        countries: weights.iter().map(|(c, _)| c.clone()).collect(),
        ..people.clone()
    };
    let mut places = lex.gazetteer.find_places(text, &context(&weights));
    if add_place_weights(&mut weights, &places, lex) {
        places = lex.gazetteer.find_places(text, &context(&weights));
    }
    (weights, places)
}

/// A story that writes its sums in dollars, no pound or euro sum (a British
/// or Irish council writes those), with American spelling
/// (none of `data/lexicon/commonwealth_spellings.txt`, which a Canadian or
/// Australian council writes with its dollars), and speaks of a form of
/// American local government (`data/lexicon/american_local_words.txt`: "the
/// City Council approved a $765,000 package") is American local news: its
/// bare town names are read with the United States as the story's local
/// country (`PlaceContext::local_country`).
fn american_local_news(words: &CoderWords, text: &str) -> bool {
    let dollars = text
        .match_indices('$')
        .any(|(i, _)| text[i + 1..].starts_with(|c: char| c.is_ascii_digit()));
    let other_currency = text.contains('£') || text.contains('€');
    let commonwealth = words.commonwealth_spellings.any_in(text);
    dollars && !other_currency && !commonwealth && words.american_local.any_in(text)
}

/// The country of the first place inside the dateline.
fn dateline_country(lex: &Lexicon, doc: &Document, places: &[PlaceMention]) -> Option<String> {
    doc.dateline.and_then(|d| {
        places
            .iter()
            .find(|p| d.contains(p.span))
            .map(|p| lex.gazetteer.place(p.place).country.to_string())
    })
}

/// The dateline's country when the story is set there: the body names that
/// country by name, adjective or people ("handed over to the Seychelles
/// police"). A dateline the body names only by its capital ("a summit in
/// Brussels") or not at all is the writer's bureau, or a local station's
/// town for a story abroad, and places no court or police force.
fn story_set_at_dateline(
    lex: &Lexicon,
    sentences: &[SentenceWork],
    dc: &DocumentContext<'_>,
) -> Option<String> {
    let d = dc.dateline_country.as_ref()?;
    countries_named_as(lex, sentences, false)
        .contains(d)
        .then(|| d.clone())
}

/// Orders country weights heaviest first. The sort is stable: countries of
/// equal weight stay in order of first mention (headline, dateline, body),
/// so a tie goes to the country the story names first, not to the one
/// first in the alphabet.
fn heaviest_first(weights: &mut [(String, usize)]) {
    weights.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
}

/// The discourse's parties before the body: the dateline's countries, then
/// the headline's.
fn seed_recent(dateline: Vec<String>, headline: Vec<String>) -> Vec<RecentParty> {
    let mut recent: Vec<RecentParty> = Vec::new();
    for code in dateline.into_iter().chain(headline) {
        if !recent.iter().any(|r| r.code == code) {
            recent.push(RecentParty {
                code,
                sentence: None,
            });
        }
    }
    recent
}

/// A party of the discourse and the sentence that named it last (`None`:
/// the headline or the dateline, which frame the whole story).
#[derive(Debug, Clone)]
struct RecentParty {
    code: String,
    sentence: Option<usize>,
}

/// An acronym the text spells out as a name of its own ("the
/// Trans-Pacific Partnership (TPP)", `mentions::acronym_of_other_name`)
/// names no dictionary namesake anywhere in the document: its mentions go.
/// An acronym the text spells out as a dictionary name of another body
/// ("the Caspian Pipeline Consortium (CPC)",
/// `mentions::acronym_of_dictionary_name`) stands for that name in the
/// whole document: its mentions take the name's entries.
fn drop_acronyms_of_other_names(lex: &Lexicon, text: &str, sentences: &mut [SentenceWork]) {
    let defined: HashSet<String> = sentences
        .iter()
        .flat_map(|s| {
            s.mentions
                .iter()
                .filter_map(|m| acronym_of_other_name(text, &s.tokens, &s.mentions, m, &lex.actors))
        })
        .collect();
    let renamed: HashMap<String, Vec<usize>> = sentences
        .iter()
        .flat_map(|s| {
            s.mentions.iter().filter_map(|m| {
                acronym_of_dictionary_name(text, &s.tokens, &s.mentions, m, &lex.actors)
            })
        })
        .collect();
    if defined.is_empty() && renamed.is_empty() {
        return;
    }
    for s in sentences.iter_mut() {
        let tokens = &s.tokens;
        s.mentions.retain(|m| {
            m.end != m.first + 1
                || tokens
                    .get(m.first)
                    .is_none_or(|t| !defined.contains(&t.lower))
        });
        for m in s.mentions.iter_mut() {
            let entries = (m.end == m.first + 1)
                .then(|| tokens.get(m.first).and_then(|t| renamed.get(&t.lower)))
                .flatten();
            if let (Some(es), MentionKind::Entries(_)) = (entries, &m.kind) {
                m.kind = MentionKind::Entries(es.clone());
            }
        }
    }
}

/// The countries the text names as such: by name, adjective, people or
/// seat, not through an organisation or a person of the dictionary.
fn countries_named(lex: &Lexicon, sentences: &[SentenceWork]) -> HashSet<String> {
    countries_named_as(lex, sentences, true)
}

/// The countries the text names as such; with `seats` false, only by
/// name, adjective or people ("Seychelles", "the Seychellois"), not by a
/// capital, which may be only the writer's bureau.
fn countries_named_as(lex: &Lexicon, sentences: &[SentenceWork], seats: bool) -> HashSet<String> {
    let mut out = HashSet::new();
    for m in sentences.iter().flat_map(|s| &s.mentions) {
        let MentionKind::Entries(es) = &m.kind else {
            continue;
        };
        for &e in es {
            let entry = lex.actors.entry(e);
            let as_such = match entry.kind {
                EntryKind::Country | EntryKind::CountryAdj | EntryKind::People => true,
                EntryKind::Seat => seats,
                _ => false,
            };
            if let (true, Some(c)) = (as_such, &entry.code) {
                out.insert(c.clone());
            }
        }
    }
    out
}

/// "Ruth Chanda of the United Democratic Alliance" in a story datelined
/// in Zambia: a party the dictionary places in a country the text never
/// names is a namesake in the story's own country (party names recur from
/// one country to the next), so it takes `home`, the document's country
/// when the dateline confirms it. A legislature named by one bare word
/// ("Congress", "the Congress") is likewise the story's own: Argentina,
/// Brazil, Mexico, Peru or the Philippines have one as the United States does.
fn parties_of_the_story(
    tokens: &[Token],
    phrases: &mut [ActorPhrase],
    named: &HashSet<String>,
    home: Option<&str>,
    is_country: impl Fn(&str) -> bool,
) {
    let Some(home) = home else {
        return;
    };
    for ph in phrases.iter_mut().filter(|ph| {
        (ph.sector == Some(Sector::Pty)
            || (ph.sector == Some(Sector::Leg) && bare_one_word_name(tokens, ph)))
            && matches!(ph.how, ActorHow::Dict(_))
            && ph
                .code
                .as_deref()
                .is_some_and(|c| c != home && is_country(c) && !named.contains(c))
    }) {
        ph.code = Some(home.to_string());
        ph.how = ActorHow::DefaultDocument;
    }
}

/// The phrase is one word, with at most "the" before it ("Congress", "the
/// Congress"): a name that says nothing of whose it is.
fn bare_one_word_name(tokens: &[Token], ph: &ActorPhrase) -> bool {
    tokens
        .get(ph.first..ph.end)
        .unwrap_or_default()
        .iter()
        .filter(|t| t.lower != "the")
        .count()
        == 1
}

/// The places of one sentence. Places come in text order: the sentence's
/// are one slice of them (a binary search, not a scan of every place per
/// sentence).
fn sentence_places(places: &[PlaceMention], span: Span) -> Vec<&PlaceMention> {
    let first = places.partition_point(|p| p.span.start < span.start);
    let last = first + places[first..].partition_point(|p| p.span.start < span.end);
    places[first..last]
        .iter()
        .filter(|p| span.contains(p.span))
        .collect()
}

/// Codes one sentence into `st.out`: resolves its actors, finds its events
/// and builds their records, then updates the date carry and the discourse.
/// Returns the sentence's actor phrases (for the trace).
fn code_sentence(
    dc: &DocumentContext<'_>,
    st: &mut DocumentState,
    s: &SentenceWork,
) -> Vec<ActorPhrase> {
    let (lex, text) = (dc.lex, dc.text);
    let sentence_syntax = dc.syntax.sentence(&s.tokens, &lex.words);
    let own = setting_countries(&s.tokens, &s.mentions, &lex.actors, &lex.patterns, |k| {
        sentence_syntax.in_relative_clause(k)
            || sentence_syntax.in_relative_clause_on_thing(k)
            || sentence_syntax.meeting_venue(k)
            || sentence_syntax.in_statement_phrase(k)
            || sentence_syntax.gerund_object_name(k)
            || topic_of_talks(&s.tokens, &sentence_syntax, &lex.patterns, k)
    });
    let sentence_country = if own.len() == 1 {
        own.first().map(String::as_str)
    } else {
        None
    };
    let previous_pair = st.memory.previous_pair();
    let mut phrases = resolve_actors(
        &s.tokens,
        &s.mentions,
        &lex.actors,
        &lex.patterns,
        &mut st.memory,
        sentence_country,
        dc.anchor,
        &sentence_syntax.finite_verbs(s.tokens.len()),
        &sentence_syntax.compound_nouns(s.tokens.len()),
    );
    // Without any anchor, dates written with their year are still read.
    let times = match dc.anchor {
        Some(a) => find_time_expressions(text, s.span, a),
        None => absolute_expressions(text, s.span),
    };
    let times = with_story_days(times, text, s.span, st.carry.candidate(), dc.anchor);
    let times = with_years_after_named_year(times, text, s.span);
    let times = with_time_of_previous_sentence(times, text, s.span, st.previous_time);
    let times = with_that_year(times, text, s.span, st.previous_time);
    let times = with_that_month(times, text, s.span, st.previous_time);
    let times = with_year_of_previous_month(times, text, st.previous_time);
    st.previous_time = times.iter().max_by_key(|t| t.span.start).copied();
    st.carry.enter(text, s.span);
    let places = sentence_places(&dc.places, s.span);
    qualify_by_place(
        &s.tokens,
        &mut phrases,
        &places,
        &lex.gazetteer,
        &lex.words.strike_nouns,
    );
    place_groups_named_by_descent(&s.tokens, &mut phrases, &places, &lex.gazetteer);
    st.memory.remember_placed_heads(&s.tokens, &phrases);
    let named = NamedIn {
        tokens: &s.tokens,
        mentions: &s.mentions,
        dict: &lex.actors,
    };
    let recoded = recode_homonym_countries(&named, &mut phrases, &places, &lex.gazetteer);
    parties_of_the_story(
        &s.tokens,
        &mut phrases,
        &dc.named_countries,
        dc.dateline_country
            .as_deref()
            .filter(|d| st.memory.document_country.as_deref() == Some(*d)),
        |c| lex.actors.country_name(c).is_some(),
    );
    let default_code = sentence_country
        .map(|c| match &recoded {
            Some((old, new)) if old == c => new.clone(),
            _ => c.to_string(),
        })
        .or_else(|| st.memory.document_country.clone());
    let first_event = st.out.events.len();
    let mut coded_acts: Vec<CodedAct> = Vec::new();
    let mut coded_triggers: Vec<CodedTrigger> = Vec::new();
    for m in find_events(
        &s.tokens,
        &phrases,
        &lex.patterns,
        &lex.categories,
        Some(&sentence_syntax),
    ) {
        // Built per event: each event coded joins the partners the next one
        // reads ("suspended imports from Taiwan and halted exports to the
        // island").
        let rc = RecordContext {
            lex,
            doc: dc.doc,
            text,
            chars: &dc.chars,
            s,
            phrases: &phrases,
            times: &times,
            places: &places,
            syntax: Some(&sentence_syntax),
            default_code: default_code.as_deref(),
            dateline_country: dc.dateline_country.as_deref(),
            recent: &st.recent,
            sentence: st.sentence,
            partners: &st.partners,
            last_court: st.last_court.as_deref(),
            doc_countries: &dc.countries,
            pair: previous_pair.as_ref(),
        };
        let Some(rec) = dated_record(&rc, &st.carry, &m) else {
            continue;
        };
        let rec = victims_of_main_act(&sentence_syntax, &m, rec, &coded_acts);
        let rec = doer_of_named_act(dc, s, &sentence_syntax, &m, rec, &st.out.events);
        let rec =
            agent_of_the_crackdown_told(&m, rec, &st.out.events[st.previous_sentence_events..]);
        let rec = captor_of_the_released(&m, rec, &st.out.events);
        let rec = attacker_answered(lex, &m, rec, &st.out.events);
        let rec = doer_of_reacted_subject(
            dc,
            s,
            &sentence_syntax,
            &m,
            rec,
            &st.out.events[first_event..],
        );
        if let Some(predicate) = sentence_syntax.predicate(m.trigger.0) {
            coded_acts.push(CodedAct {
                predicate,
                category: rec.category,
                source: actor_code(&rec.source).map(str::to_string),
                target: rec.target.clone(),
            });
        }
        let mirror = code_both_ways(lex, &m, &rec);
        let reaction_object = hand_reaction(lex.patterns.pattern(m.pattern), rec.category)
            .then(|| sentence_syntax.object_noun(m.trigger.0))
            .flatten();
        let restates = lex.patterns.pattern(m.pattern).restates;
        for rec in std::iter::once(rec).chain(mirror) {
            if restates && repeats_recent_event(&st.out.events[st.previous_sentence_events..], &rec)
            {
                continue;
            }
            if st.seen.insert(event_key(s, &m, &rec)) {
                remember_partners(&mut st.partners, &rec, st.sentence, m.trigger.0);
                if let Some(court) = named_court(&rec) {
                    st.last_court = Some(court.to_string());
                }
                // Only an event kept: a restatement dropped here has no index.
                coded_triggers.push(CodedTrigger {
                    event: st.out.events.len(),
                    trigger: m.trigger.0,
                    reaction_object,
                });
                let rec = with_unique_id(rec, &mut st.ids);
                st.out.events.push(rec);
            }
        }
    }
    aim_reactions_at_doers(&coded_triggers, &mut st.out.events);
    aim_criticism_at_the_urged(&sentence_syntax, &coded_triggers, &mut st.out.events);
    // The last date the text has set carries to undated events after it
    // (`DateCarry`: within the paragraph, and along the event chain of
    // this sentence's actors beyond it). The date of a planned act ("would
    // be sworn in on March 21") sets nothing that happened; a year after a
    // day ("told reporters Sunday ... since 2001") leaves the day to carry.
    let carriable = |t: &&TimeExpression| {
        matches!(t.value, TimeValue::Window { .. })
            && !DateCarry::is_background(t)
            && !is_deadline(text, t)
            && !counted_back_from_a_day(text, &times, t)
            && !starts_ongoing_state(text, t)
            && !planned_time(s, &sentence_syntax, t)
            && !past_perfect_background(s, &sentence_syntax, t, dc.anchor)
    };
    if let Some(t) = times
        .iter()
        .rev()
        .filter(carriable)
        .find(|t| !relative_clause_time(s, &sentence_syntax, t))
        .or_else(|| {
            times
                .iter()
                .rev()
                .filter(carriable)
                .find(|t| !relative_clause_background(s, &sentence_syntax, t, dc.anchor))
                .filter(|t| !relative_clause_looks_back(s, &sentence_syntax, t, &st.carry))
        })
    {
        st.carry.set(
            *t,
            sentence_codes(&phrases, &st.out.events[first_event..]),
            dc.anchor,
        );
    } else if let Some(t) = times.iter().find(|t| {
        DateCarry::is_background(t)
            && !is_deadline(text, t)
            && !planned_time(s, &sentence_syntax, t)
            && dc
                .anchor
                .is_none_or(|a| matches!(t.value, TimeValue::Window { start, .. } if start <= a))
    }) {
        st.carry.set_background(*t);
    }
    for ph in phrases
        .iter()
        .filter(|ph| names_a_party(&sentence_syntax, ph))
    {
        if let Some(c) = &ph.code {
            st.recent.retain(|r| &r.code != c);
            st.recent.push(RecentParty {
                code: c.clone(),
                sentence: Some(st.sentence),
            });
        }
    }
    st.sentence += 1;
    phrases
}

/// Whether phrase `ph` names someone the story deals with, who may be the
/// unnamed other party of a later act: not a country's adjective on a
/// thing ("the Iraqi border") or a neighbour on the map ("the border with
/// Azerbaijan"). A currency ("US$10,000") is no mention at all
/// (`mentions::find_mentions`).
/// Nor a place a statement was issued in ("in a statement issued in
/// Gaborone").
fn names_a_party(sx: &SentenceSyntax<'_>, ph: &ActorPhrase) -> bool {
    !ph.modifier_only && !sx.frontier_object(ph.first, ph.end) && !sx.in_statement_phrase(ph.first)
}

/// Whether time expression `t` lies in a relative clause ("the officers
/// who seized power last week"), or in a past-participle clause on a noun,
/// one with its pronoun left out ("the motion, lodged on Monday"): it dates
/// a noun's background, so the date carry prefers the sentence's other
/// dates to it.
fn relative_clause_time(s: &SentenceWork, sx: &SentenceSyntax<'_>, t: &TimeExpression) -> bool {
    time_token(s, t)
        .is_some_and(|k| sx.under_relative_clause(k) || sx.in_participle_clause_on_noun(k))
}

/// Whether time expression `t` is a past month or week in a relative clause
/// ("the memorandum it signed with the agency in September"): the
/// background of a noun, which, like a year, sets no day for the next
/// sentence's undated acts. A day in such a clause ("people who had
/// gathered on Monday") still carries when the sentence has no other.
fn relative_clause_background(
    s: &SentenceWork,
    sx: &SentenceSyntax<'_>,
    t: &TimeExpression,
    anchor: Option<NaiveDate>,
) -> bool {
    past_week_or_month(t, anchor) && relative_clause_time(s, sx, t)
}

/// Whether time expression `t` is a day in a "which" or "that" relative
/// clause earlier than the date already carried ("said the filling, which began on Monday,
/// would continue", in a story of Thursday's walkout), or in a past-participle
/// clause on a noun ("the motion, lodged on Monday, was out of order"): the
/// clause looks back at a noun's start, and the story's own day still holds
/// for the next sentences' undated acts.
fn relative_clause_looks_back(
    s: &SentenceWork,
    sx: &SentenceSyntax<'_>,
    t: &TimeExpression,
    carry: &DateCarry,
) -> bool {
    let TimeValue::Window { start, .. } = t.value else {
        return false;
    };
    let carried_start = match carry.candidate().map(|c| c.value) {
        Some(TimeValue::Window { start, .. }) => start,
        _ => return false,
    };
    start < carried_start
        && time_token(s, t).is_some_and(|k| {
            sx.in_relative_clause_on_thing(k) || sx.in_participle_clause_on_noun(k)
        })
}

/// Time expression `t` is a week or a month, or part of one, that ended
/// before `anchor`: a span that, told as background, sets no day.
fn past_week_or_month(t: &TimeExpression, anchor: Option<NaiveDate>) -> bool {
    let TimeValue::Window { end, precision, .. } = t.value else {
        return false;
    };
    matches!(precision, DatePrecision::Week | DatePrecision::Month)
        && anchor.is_some_and(|a| end < a)
}

/// Whether time expression `t` is a past week or month dating a verb in
/// the past perfect ("He had met RSF commanders in Nyala last week"): an
/// earlier act the story looks back on, which, like a year, sets no day
/// for the next sentences' undated acts. Unless a "when" clause tells an
/// act of that time (`SentenceSyntax::past_perfect_told_by_when`).
fn past_perfect_background(
    s: &SentenceWork,
    sx: &SentenceSyntax<'_>,
    t: &TimeExpression,
    anchor: Option<NaiveDate>,
) -> bool {
    past_week_or_month(t, anchor)
        && time_token(s, t)
            .is_some_and(|k| sx.time_of_past_perfect_act(k) && !sx.past_perfect_told_by_when(k))
}

/// Time expression `t` dates a verb under "will" or "would" in sentence `s`.
fn planned_time(s: &SentenceWork, sx: &SentenceSyntax<'_>, t: &TimeExpression) -> bool {
    time_token(s, t).is_some_and(|k| sx.time_of_planned_act(k))
}

/// The token of sentence `s` where time expression `t` begins.
fn time_token(s: &SentenceWork, t: &TimeExpression) -> Option<usize> {
    s.tokens
        .partition_point(|tok| tok.span.start <= t.span.start)
        .checked_sub(1)
}

/// The sentence's time expressions with "the following day", "two days
/// later" and the like read against the story's last day (the carried date,
/// when it is one day; before the text has set any day, the publication
/// day, the time the story is told from: "the ambassador was expelled the
/// day before"): they replace whatever the anchor gave the same words, and
/// the list stays in text order.
fn with_story_days(
    times: Vec<TimeExpression>,
    text: &str,
    span: Span,
    carried: Option<&TimeExpression>,
    published: Option<NaiveDate>,
) -> Vec<TimeExpression> {
    let (story_day, from_publication) = match carried {
        Some(c) => (c.single_day(), false),
        None => (published, true),
    };
    let Some(story_day) = story_day else {
        return times;
    };
    // A day the sentence itself names before a count is the count's base:
    // "said on Wednesday that its troops had pulled out two days earlier" is
    // the Monday, whatever day the text set before.
    let own_days: Vec<(usize, NaiveDate)> = times
        .iter()
        .filter_map(|t| Some((t.span.end, t.single_day()?)))
        .collect();
    let mut story = Vec::new();
    for t in find_story_relative(text, span, story_day) {
        let base = own_days
            .iter()
            .filter(|(end, _)| *end <= t.span.start)
            .map(|(_, d)| *d)
            .next_back();
        match base.and_then(|b| find_story_relative(text, t.span, b).into_iter().next()) {
            Some(r) => story.push(r),
            // Counted from the publication, only a day before it is news
            // told: "the next day" or "a month later" from it is still to come.
            None if from_publication && t.single_day().is_none_or(|d| d >= story_day) => {}
            None => story.push(t),
        }
    }
    // "came two days after the March 5 vote": a count the sentence already
    // reads from a day it names is that day's, not the story day's.
    story.retain(|r| {
        !times
            .iter()
            .any(|t| t.span.start <= r.span.start && t.span.end > r.span.end)
    });
    with_readings_over(times, story)
}

/// `times` with `readings` in place of the expressions they overlap, in
/// text order: a second reading of the same words replaces the anchor's.
fn with_readings_over(
    mut times: Vec<TimeExpression>,
    readings: Vec<TimeExpression>,
) -> Vec<TimeExpression> {
    if readings.is_empty() {
        return times;
    }
    times.retain(|t| !readings.iter().any(|r| r.span.overlaps(t.span)));
    times.extend(readings);
    times.sort_by_key(|t| t.span.start);
    times
}

/// The sentence's time expressions with "the following year", "a year
/// later" and the like read against the last whole calendar year the
/// sentence named before them ("the 2016 vote ..., and its loser was
/// arrested the following year" is 2017, not 2016 nor a year after the
/// publication): they replace whatever the anchor gave the same words.
fn with_years_after_named_year(
    times: Vec<TimeExpression>,
    text: &str,
    span: Span,
) -> Vec<TimeExpression> {
    let named_years: Vec<(usize, i32)> = times
        .iter()
        .filter_map(|t| Some((t.span.end, whole_calendar_year(t)?)))
        .collect();
    let mut counted = Vec::new();
    for (i, &(end, year)) in named_years.iter().enumerate() {
        // Only the words after this year and up to the next named one.
        let upto = named_years.get(i + 1).map_or(span.end, |(e, _)| *e);
        counted.extend(find_years_after(text, Span::new(end, upto), year));
    }
    with_readings_over(times, counted)
}

/// "A similar dispute ended in 2022. At the time, officers resigned en
/// masse": a sentence opening with "at the time"
/// (`dates::time_of_previous_sentence`) takes up the last time the
/// sentence before named, whatever its precision (a year too, which the
/// date carry leaves as background).
fn with_time_of_previous_sentence(
    mut times: Vec<TimeExpression>,
    text: &str,
    span: Span,
    previous: Option<TimeExpression>,
) -> Vec<TimeExpression> {
    let (Some(previous), Some(here)) = (previous, time_of_previous_sentence(text, span)) else {
        return times;
    };
    if times
        .iter()
        .any(|t| t.span.start < here.end && here.start < t.span.end)
    {
        return times;
    }
    times.push(TimeExpression {
        span: here,
        ..previous
    });
    times.sort_by_key(|t| t.span.start);
    times
}

/// "The two countries fought in June 2008 ... Eritrean forces attacked on
/// June 10": a day written without its year, in the sentence right after
/// one whose last time is a day or month of that same month with its year
/// written out, is that day of that year, not of the year the anchor gave.
fn with_year_of_previous_month(
    mut times: Vec<TimeExpression>,
    text: &str,
    previous: Option<TimeExpression>,
) -> Vec<TimeExpression> {
    let Some((p_start, p_end, p_precision)) = previous.and_then(|p| p.value.window()) else {
        return times;
    };
    let written = |sp: Span| {
        text.get(sp.start..sp.end)
            .is_some_and(|w| w.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4))
    };
    let month_of_year = matches!(p_precision, DatePrecision::Day | DatePrecision::Month)
        && p_start.year() == p_end.year()
        && p_start.month() == p_end.month()
        && previous.is_some_and(|p| written(p.span));
    if !month_of_year {
        return times;
    }
    let same_paragraph = |sp: Span| {
        previous.is_some_and(|p| {
            text.get(p.span.end..sp.start)
                .is_some_and(|between| !between.contains("\n\n"))
        })
    };
    for t in &mut times {
        if !writes_month_name(text, t.span) || !same_paragraph(t.span) {
            continue;
        }
        let Some((start, end, DatePrecision::Day)) = t.value.window() else {
            continue;
        };
        if start != end || start.month() != p_start.month() || start.year() == p_start.year() {
            continue;
        }
        if written(t.span) {
            continue;
        }
        if let Some(day) = NaiveDate::from_ymd_opt(p_start.year(), start.month(), start.day()) {
            t.value = TimeValue::Window {
                start: day,
                end: day,
                precision: DatePrecision::Day,
            };
        }
    }
    times
}

/// A time expression that writes its month's name ("June 10", "Nov. 18"),
/// not a weekday or a count read into that month (`with_year_of_previous_month`).
fn writes_month_name(text: &str, span: Span) -> bool {
    text.get(span.start..span.end).is_some_and(|w| {
        w.split(|c: char| !c.is_alphabetic())
            .any(|word| crate::dates::is_month_word(&word.to_lowercase()))
    })
}

/// "Relations have been tense since January 2025, when ... The two leaders
/// met later that year": "that year" (`dates::that_year_phrases`) is the
/// whole calendar year of the last time named before it, in the sentence
/// or else the last of the sentence before, never the publication's year;
/// with no such time (or one spanning several years) it is left unread.
fn with_that_year(
    times: Vec<TimeExpression>,
    text: &str,
    span: Span,
    previous: Option<TimeExpression>,
) -> Vec<TimeExpression> {
    let mut read = Vec::new();
    for here in that_year_phrases(text, span) {
        let month = month_of_that_year(&times, text, here);
        let before = last_time_before(&times, here, month.map(|m| m.span), previous);
        let Some((start, end, _)) = before.and_then(|t| t.value.window()) else {
            continue;
        };
        if start.year() != end.year() {
            continue;
        }
        if let Some(m) = month {
            if let Some(whole) = month_in_year(m, start.year(), here) {
                read.push(whole);
            }
            continue;
        }
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(start.year(), 1, 1),
            NaiveDate::from_ymd_opt(start.year(), 12, 31),
        ) else {
            continue;
        };
        read.push(TimeExpression {
            span: here,
            value: TimeValue::Window {
                start: first,
                end: last,
                precision: DatePrecision::Year,
            },
            part: None,
        });
    }
    with_readings_over(times, read)
}

/// The time "that year" or "that month" at `here` points back to: the last
/// time named before it in the sentence (other than the one at `skip`), or
/// else `previous`, the last of the sentence before.
fn last_time_before(
    times: &[TimeExpression],
    here: Span,
    skip: Option<Span>,
    previous: Option<TimeExpression>,
) -> Option<TimeExpression> {
    times
        .iter()
        .filter(|t| t.span.end <= here.start && skip != Some(t.span))
        .max_by_key(|t| t.span.start)
        .copied()
        .or(previous)
}

/// A month or a day of a month named just before "of" and a "that year"
/// phrase at `here` ("closed the last crossing in December of that year",
/// "agreed to halt fire on May 10 of that year"): the month's own reading,
/// which gave it the publication's year, is not the year "that year" points
/// back to, and the month or day takes that year instead (`month_in_year`).
fn month_of_that_year(times: &[TimeExpression], text: &str, here: Span) -> Option<TimeExpression> {
    times
        .iter()
        .find(|t| {
            t.span.end <= here.start
                && text
                    .get(t.span.end..here.start)
                    .is_some_and(|gap| gap.trim().eq_ignore_ascii_case("of"))
                && t.value.window().is_some_and(|(start, end, precision)| {
                    let one_month = precision == DatePrecision::Month
                        && start.month() == end.month()
                        && start.year() == end.year();
                    one_month || (precision == DatePrecision::Day && start == end)
                })
        })
        .copied()
}

/// The whole month of `month` in `year` (or, for a day, that day in
/// `year`), spanning the month's words through the "that year" phrase at
/// `here`.
fn month_in_year(month: TimeExpression, year: i32, here: Span) -> Option<TimeExpression> {
    let (start, _, precision) = month.value.window()?;
    if precision == DatePrecision::Day {
        let day = NaiveDate::from_ymd_opt(year, start.month(), start.day())?;
        return Some(TimeExpression {
            value: TimeValue::Window {
                start: day,
                end: day,
                precision: DatePrecision::Day,
            },
            part: month.part,
            span: Span::new(month.span.start, here.end),
        });
    }
    let first = NaiveDate::from_ymd_opt(year, start.month(), 1)?;
    let next = if start.month() == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, start.month() + 1, 1)?
    };
    Some(TimeExpression {
        value: TimeValue::Window {
            start: first,
            end: next.pred_opt()?,
            precision: DatePrecision::Month,
        },
        part: None,
        span: Span::new(month.span.start, here.end),
    })
}

/// "devalued the currency in November 2023 under a deal with the IMF,
/// which approved a loan that month": "that month"
/// (`dates::that_month_phrases`) is the whole calendar month of the last
/// time named before it, in the sentence or else the last of the sentence
/// before, never the publication's month; with no such time (or one
/// spanning several months) it is left unread.
fn with_that_month(
    times: Vec<TimeExpression>,
    text: &str,
    span: Span,
    previous: Option<TimeExpression>,
) -> Vec<TimeExpression> {
    let mut read = Vec::new();
    for here in that_month_phrases(text, span) {
        let before = last_time_before(&times, here, None, previous);
        let Some((start, end, _)) = before.and_then(|t| t.value.window()) else {
            continue;
        };
        if (start.year(), start.month()) != (end.year(), end.month()) {
            continue;
        }
        let Some(first) = start.with_day(1) else {
            continue;
        };
        let Some(last) = first
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
        else {
            continue;
        };
        read.push(TimeExpression {
            span: here,
            value: TimeValue::Window {
                start: first,
                end: last,
                precision: DatePrecision::Month,
            },
            part: None,
        });
    }
    with_readings_over(times, read)
}

/// Words before "then" that make it no pointer to the last time told
/// ("since then", "until then", "by then").
const THEN_PREPOSITIONS: &[&str] = &["since", "until", "till", "by", "from", "before", "back"];

/// "The government then agreed to cut diesel prices": an anaphoric "then"
/// right before the trigger at token `trigger` (or before its auxiliary or
/// an "also") points back to the time of the sentence before, not to the
/// publication (`DateCarry::then_background`, the first year or season that
/// sentence names, used only when the trigger's own sentence names no
/// time); "since then", "until then" do not.
fn then_refers_back(tokens: &[Token], trigger: usize) -> bool {
    let mut k = trigger;
    for _ in 0..3 {
        let Some(prev) = k.checked_sub(1) else {
            return false;
        };
        k = prev;
        match tokens[k].lower.as_str() {
            "then" => {
                return k
                    .checked_sub(1)
                    .is_none_or(|p| !THEN_PREPOSITIONS.contains(&tokens[p].lower.as_str()));
            }
            "also" | "had" | "has" | "have" | "was" | "were" => {}
            _ => return false,
        }
    }
    false
}

/// The calendar year a time expression names whole ("in 2016"), if any.
fn whole_calendar_year(t: &TimeExpression) -> Option<i32> {
    let (start, end, precision) = t.value.window()?;
    (precision == DatePrecision::Year
        && t.part.is_none()
        && start.year() == end.year()
        && (start.month(), start.day(), end.month(), end.day()) == (1, 1, 12, 31))
        .then_some(start.year())
}

/// The record of one event, with the carried date when it holds: a date
/// carried across a paragraph holds only along its event chain.
fn dated_record(rc: &RecordContext<'_>, carry: &DateCarry, m: &EventMatch) -> Option<EventRecord> {
    if let Some(background) = carry
        .then_background()
        .filter(|_| rc.times.is_empty() && then_refers_back(&rc.s.tokens, m.trigger.0))
    {
        if let Some(rec) = build_record(rc, m, Some(background)) {
            if rec.date_precision == "carried" {
                return Some(rec);
            }
        }
    }
    let rec = build_record(rc, m, carry.candidate())?;
    if rec.date_precision == "carried"
        && (!carried_along_chain(carry, &rec) || stale_for_statement(rc, carry, m, &rec))
    {
        return build_record(rc, m, None);
    }
    Some(rec)
}

/// An act coded in the sentence: its trigger's predicate (a parse token),
/// its category and its parties, for the participle clauses after it.
struct CodedAct {
    predicate: usize,
    category: Category,
    source: Option<String>,
    target: Option<ActorRecord>,
}

/// "Russian rockets slammed into a market in Kharkiv, killing 12 people":
/// a participle clause told as the consequence of an act (or a verb
/// coordinated after it: "shelled Kharkiv and killed 12 people"), by the
/// same doer and of the same category, whose victims are unnamed (a target
/// only defaulted, as "people" is to the sentence's first country, the
/// attacker's own) is that act's happening, and its victims are the act's
/// target. `participles_take_parties` does this for a target the text
/// names; this does it for one found only when coding (the place hit). The
/// restatement key then merges a participle with its act; a coordinated
/// verb of another meaning stays a distinct act (`mark_distinct_acts`).
fn victims_of_main_act(
    sx: &SentenceSyntax<'_>,
    m: &EventMatch,
    mut rec: EventRecord,
    acts: &[CodedAct],
) -> EventRecord {
    let Some(head) = sx
        .participle_consequence_of(m.trigger.0)
        .or_else(|| sx.conjoined_predicate(m.trigger.0))
    else {
        return rec;
    };
    if rec.target.as_ref().is_some_and(|t| !t.how.is_default()) {
        return rec;
    }
    let main_target = acts
        .iter()
        .find(|a| {
            a.predicate == head
                && a.category == rec.category
                && a.source.as_deref() == actor_code(&rec.source)
        })
        .and_then(|a| a.target.as_ref())
        .filter(|t| !t.how.is_default());
    // Victims already of the main act's side keep their own record.
    let same_side = main_target.is_some_and(|t| actor_code(&rec.target) == Some(t.code.as_str()));
    if let Some(t) = main_target.filter(|_| !same_side) {
        rec.target = Some(match rec.target.take() {
            Some(own) => ActorRecord {
                code: t.code.clone(),
                how: t.how.clone(),
                ..own
            },
            None => t.clone(),
        });
    }
    rec
}

/// An event pushed while coding one sentence: its index in the document's
/// events, its trigger token, and for a hand reaction (praise or
/// criticism) the noun the reaction's verb takes as its direct object.
struct CodedTrigger {
    event: usize,
    trigger: usize,
    reaction_object: Option<usize>,
}

/// "Ankara condemned the killing of two Turkish sailors by pirates",
/// "Moscow welcomed Kyiv's release of the prisoners": praise or criticism
/// of an act the same sentence names as a noun, with its doer (a "by"
/// agent, a possessor, "from" a country), is aimed at that doer, not at
/// the act's victims, whom the object's words name first. Only a doer the
/// text names (not a default), and not the critic itself.
fn aim_reactions_at_doers(coded: &[CodedTrigger], events: &mut [EventRecord]) {
    for reaction in coded {
        let Some(object) = reaction.reaction_object else {
            continue;
        };
        let critic = events
            .get(reaction.event)
            .and_then(|e| actor_code(&e.source))
            .map(str::to_string);
        let doer = coded
            .iter()
            .filter(|act| act.trigger == object && act.event != reaction.event)
            .filter_map(|act| events.get(act.event)?.source.clone())
            .find(|src| !src.how.is_default() && Some(&src.code) != critic.as_ref());
        // A reaction already aimed at the doer's state keeps its own record.
        if let (Some(doer), Some(e)) = (doer, events.get_mut(reaction.event)) {
            if actor_code(&e.target) != Some(doer.code.as_str()) {
                e.target = Some(doer);
            }
        }
    }
}

/// "The EU condemned what it called a flagrant breach of international law
/// and urged Tehran to free the ship": criticism the text aims at no one,
/// with a demand by the same party coordinated after it on a party the
/// text names, is aimed at that party: the writer names the culprit once,
/// in the demand. An organisation asked to act ("asked the ICAO to
/// investigate") is a third party called in, not the culprit.
fn aim_criticism_at_the_urged(
    sx: &SentenceSyntax<'_>,
    coded: &[CodedTrigger],
    events: &mut [EventRecord],
) {
    for criticism in coded {
        let Some(e) = events.get(criticism.event) else {
            continue;
        };
        if e.category != Category::Accuse || e.target.as_ref().is_some_and(|t| !t.how.is_default())
        {
            continue;
        }
        let critic = actor_code(&e.source).map(str::to_string);
        let urged = coded
            .iter()
            .filter(|d| d.event != criticism.event)
            .filter(|d| sx.in_later_conjunct(criticism.trigger, d.trigger))
            .filter_map(|d| events.get(d.event))
            .filter(|d| {
                d.category == Category::Request && actor_code(&d.source) == critic.as_deref()
            })
            .find_map(|d| {
                d.target.clone().filter(|t| {
                    !t.how.is_default()
                        && t.sector != Some(Sector::Igo)
                        && Some(&t.code) != critic.as_ref()
                })
            });
        if let (Some(target), Some(e)) = (urged, events.get_mut(criticism.event)) {
            e.target = Some(target);
        }
    }
}

/// "Indian police arrested 12 protesters. Pakistan condemned the
/// crackdown", "Blinken described the drills as an escalation": praise or
/// criticism whose object is a definite event noun (a noun trigger of some
/// patterns' types, `SentenceSyntax::definite_object_noun`) refers back to
/// an act the text has told, and is aimed at whoever did it. With no target
/// the text names (none, or only a default), the latest event so far of
/// the document of one of those types, by another party than the critic,
/// gives the target (`coref:event`, the noun's words and span).
fn doer_of_named_act(
    dc: &DocumentContext<'_>,
    s: &SentenceWork,
    sx: &SentenceSyntax<'_>,
    m: &EventMatch,
    mut rec: EventRecord,
    told: &[EventRecord],
) -> EventRecord {
    if !hand_reaction(dc.lex.patterns.pattern(m.pattern), rec.category)
        || rec.target.as_ref().is_some_and(|t| !t.how.is_default())
    {
        return rec;
    }
    let Some(noun) = sx.definite_object_noun(m.trigger.0) else {
        return rec;
    };
    let Some(token) = s.tokens.get(noun) else {
        return rec;
    };
    let lemma = sx
        .lemma(noun)
        .map_or_else(|| token.lower.clone(), str::to_lowercase);
    let named = types_named_by_noun(dc, &token.lower, &lemma);
    let critic = actor_code(&rec.source).map(str::to_string);
    let by_other = |src: &&ActorRecord| Some(&src.code) != critic.as_ref();
    let doer = told
        .iter()
        .rev()
        .filter(|e| told_by_verb_of(dc, &lemma, &token.lower, e))
        .filter_map(|e| e.source.as_ref())
        .find(by_other)
        .or_else(|| {
            told.iter()
                .rev()
                .filter(|e| named.contains(&e.category))
                .filter_map(|e| e.source.as_ref())
                .find(by_other)
        });
    if let Some(src) = doer {
        rec.target = Some(doer_named_by(dc, src, token));
    }
    rec
}

/// The event types a reaction's object noun (written `written`, lemma
/// `lemma`) refers back to: those of its own noun triggers, or, for a noun
/// with none that names its act by another word (`act_nouns.tsv`:
/// "criticism" → "criticise") or is spelt as its verb ("condemned the
/// launch" after "fired a missile"), those of that verb's hand patterns
/// ("rejected the criticism" after "called the detention a step
/// backwards" answers that accusation).
fn types_named_by_noun(dc: &DocumentContext<'_>, written: &str, lemma: &str) -> Vec<Category> {
    let types_of = |word: &str, keep: &dyn Fn(&Pattern) -> bool| -> Vec<Category> {
        dc.lex
            .patterns
            .triggers(word)
            .iter()
            .map(|t| dc.lex.patterns.pattern(t.pattern))
            .filter(|p| keep(p))
            .map(|p| p.category)
            .collect()
    };
    let noun_trigger = |p: &Pattern| p.kind == TriggerKind::Noun;
    let hand_verb = |p: &Pattern| p.kind == TriggerKind::Verb && p.generated.is_none();
    let own = types_of(written, &noun_trigger);
    if !own.is_empty() {
        return own;
    }
    // A noun spelt as its verb ("launch", "ban") names that verb's act.
    let verb = dc.lex.patterns.act_verb_of(lemma).unwrap_or(lemma);
    types_of(verb, &hand_verb)
}

/// "Kenya banned opposition rallies. ... Norway criticised the ban": the
/// reaction's object noun (lemma `noun`, written `written`) names the act
/// event `e` told by a verb, the noun's own verb ("ban" of "banned") or
/// the verb it nominalises (`data/lexicon/act_nouns.tsv`: "seizure" of
/// "seized"). That act is picked before any later one of the noun's types
/// (a noun such as "ban" has no type of its own to look for). An event
/// told by the noun itself ("the drills began") is left to the types, as
/// before: the latest act of the noun's type is the one referred to.
/// The verb may be spelt with "-ize" where the table writes "-ise"
/// ("criticized" of "criticism").
fn told_by_verb_of(dc: &DocumentContext<'_>, noun: &str, written: &str, e: &EventRecord) -> bool {
    e.trigger
        .text
        .split_whitespace()
        .next()
        .map(str::to_lowercase)
        .is_some_and(|w| {
            w != noun
                && w != written
                && (dc.lex.patterns.names_act_of(noun, &w)
                    || ise_spelling(&w).is_some_and(|v| dc.lex.patterns.names_act_of(noun, &v)))
        })
}

/// The "-ise" spelling of a verb form written with "-ize" ("criticized" →
/// "criticised"); `None` for other words. A verb whose stem ends so
/// ("seized") gives a form no table holds, which matches nothing.
fn ise_spelling(word: &str) -> Option<String> {
    ["ize", "izes", "ized", "izing"].iter().find_map(|end| {
        word.strip_suffix(end)
            .map(|stem| format!("{stem}is{}", &end[2..]))
    })
}

/// A hand verb pattern of praise, criticism or rejection coded as such: a
/// reaction to what its object or passive subject names ("rejected the
/// criticism" answers the critic).
fn hand_reaction(p: &Pattern, category: Category) -> bool {
    p.generated.is_none()
        && p.kind == TriggerKind::Verb
        && matches!(
            category,
            Category::Accuse | Category::Support | Category::Reject
        )
}

/// The doer of an event told before, as the target named by the event
/// noun `token` that refers to it (`coref:event`).
fn doer_named_by(dc: &DocumentContext<'_>, doer: &ActorRecord, token: &Token) -> ActorRecord {
    ActorRecord {
        code: doer.code.clone(),
        sector: doer.sector,
        text: token.span.of(dc.text).to_string(),
        span: dc.chars.span(token.span),
        how: ActorHow::CorefEvent,
    }
}

/// "Tanzanian police fired tear gas to clear the road. Two drivers were
/// arrested": an agentless passive arrest or detention, whose doer only
/// defaulted to the sentence's or story's country, was made by the security
/// forces whose crackdown the text has just told (this sentence or the one
/// before: police or troops named as the doer of coercion or force). In a
/// story of one country the two are the same.
fn agent_of_the_crackdown_told(
    m: &EventMatch,
    mut rec: EventRecord,
    told: &[EventRecord],
) -> EventRecord {
    if !m.passive
        || !matches!(m.source, ActorSlot::OtherParty)
        || rec.category != Category::Coerce
        || !rec.source.as_ref().is_some_and(|a| a.how.is_default())
    {
        return rec;
    }
    let security_doer = told
        .iter()
        .rev()
        .filter(|e| matches!(e.category, Category::Coerce | Category::Assault))
        .filter_map(|e| e.source.as_ref())
        .find(|a| !a.how.is_default() && matches!(a.sector, Some(Sector::Cop | Sector::Mil)));
    if let (Some(doer), Some(source)) = (security_doer, rec.source.as_mut()) {
        if doer.code != source.code {
            source.code = doer.code.clone();
            source.sector = doer.sector;
            source.how = ActorHow::CorefEvent;
        }
    }
    rec
}

/// "Mauritanian coast guards detained 12 Senegalese fishermen. ... The
/// fishermen were freed on Thursday": an agentless passive release of
/// people (CAMEO 0841) whose doer only defaulted was made by whoever the
/// text has told holding them: the doer the text names of the latest
/// coercion or force (an arrest, a detention, an abduction) against the
/// released people's side, by another party than that side.
fn captor_of_the_released(
    m: &EventMatch,
    mut rec: EventRecord,
    told: &[EventRecord],
) -> EventRecord {
    if !m.passive
        || rec.category != Category::Retreat
        || rec.cameo != "0841"
        || !rec.source.as_ref().is_some_and(|a| a.how.is_default())
    {
        return rec;
    }
    let Some(released) = actor_code(&rec.target).map(str::to_string) else {
        return rec;
    };
    let captor = told
        .iter()
        .rev()
        .filter(|e| matches!(e.category, Category::Coerce | Category::Assault))
        .filter(|e| actor_code(&e.target) == Some(released.as_str()))
        .filter_map(|e| e.source.as_ref())
        .find(|a| !a.how.is_default() && a.code != released);
    if let (Some(captor), Some(source)) = (captor, rec.source.as_mut()) {
        source.code = captor.code.clone();
        source.sector = captor.sector;
        source.how = ActorHow::CorefEvent;
    }
    rec
}

/// "Libyan troops fired on an Egyptian police boat. The officers returned
/// fire": an act that answers another's (a pattern marked `answers`) whose
/// target only defaulted is aimed at the doer the text names of the latest
/// force against the answerer's side, by another party. With no such force
/// told the default stands: police returning a gang's fire act at home, not
/// at whichever foreign name the story mentioned last.
fn attacker_answered(
    lex: &Lexicon,
    m: &EventMatch,
    mut rec: EventRecord,
    told: &[EventRecord],
) -> EventRecord {
    if !lex.patterns.pattern(m.pattern).answers
        || !rec.target.as_ref().is_none_or(|a| a.how.is_default())
    {
        return rec;
    }
    let Some(answerer) = actor_code(&rec.source).map(str::to_string) else {
        return rec;
    };
    let attacker = told
        .iter()
        .rev()
        .filter(|e| e.category == Category::Assault)
        .filter(|e| actor_code(&e.target) == Some(answerer.as_str()))
        .filter_map(|e| e.source.as_ref())
        .find(|a| !a.how.is_default() && a.code != answerer);
    if let Some(attacker) = attacker {
        rec.target = Some(ActorRecord {
            how: ActorHow::CorefEvent,
            ..attacker.clone()
        });
    }
    rec
}

/// "The expulsion of two French diplomats by Mali was condemned by
/// Paris": praise or criticism in the passive whose subject is an event
/// noun coded in the same sentence is aimed at that event's doer, whatever
/// party the words after the trigger name.
fn doer_of_reacted_subject(
    dc: &DocumentContext<'_>,
    s: &SentenceWork,
    sx: &SentenceSyntax<'_>,
    m: &EventMatch,
    mut rec: EventRecord,
    sentence_events: &[EventRecord],
) -> EventRecord {
    if !hand_reaction(dc.lex.patterns.pattern(m.pattern), rec.category) || !m.passive {
        return rec;
    }
    let Some(token) = sx
        .passive_subject(m.trigger.0)
        .and_then(|k| s.tokens.get(k))
    else {
        return rec;
    };
    let noun = dc.chars.span(token.span);
    let critic = actor_code(&rec.source).map(str::to_string);
    let doer = sentence_events
        .iter()
        .filter(|e| e.trigger.span == noun)
        .filter_map(|e| e.source.as_ref())
        .find(|src| Some(&src.code) != critic.as_ref());
    if let Some(src) = doer {
        rec.target = Some(doer_named_by(dc, src, token));
    }
    rec
}

/// The second direction of a reciprocal act ("Armenia and Azerbaijan
/// accused each other", "each side blamed the other"): each party did it to
/// the other, so the record is also coded from target to source, with the
/// same type, trigger, date and place. A joint type is already one event of
/// both parties (`categories.tsv`, PARTIES), and a reciprocal act within
/// one party ("the ministers blamed each other") has no second direction.
fn code_both_ways(lex: &Lexicon, m: &EventMatch, rec: &EventRecord) -> Option<EventRecord> {
    if !m.reciprocal || lex.categories.get(rec.category).parties == Parties::Joint {
        return None;
    }
    let (source, target) = (rec.source.as_ref()?, rec.target.as_ref()?);
    (source.code != target.code).then(|| EventRecord {
        source: Some(target.clone()),
        target: Some(source.clone()),
        ..rec.clone()
    })
}

/// What makes an event a restatement of another of the document.
fn event_key(s: &SentenceWork, m: &EventMatch, rec: &EventRecord) -> EventKey {
    (
        rec.category,
        rec.source
            .as_ref()
            .map(|a| a.code.clone())
            .unwrap_or_default(),
        rec.target
            .as_ref()
            .map(|a| a.code.clone())
            .unwrap_or_default(),
        rec.date.clone(),
        // Undated events are merged only within their sentence.
        rec.date_text
            .as_ref()
            .map(|t| t.text.clone())
            .or_else(|| Some(format!("@{}", s.span.start))),
        // Coordinated distinct acts are not restatements.
        m.distinct_act.map(|t| s.tokens[t].span.start),
    )
}

/// A restating pattern's event (`restates`: "she said its attacks were
/// war crimes" after "criticised Russia") with no date of its own repeats
/// an event of its type between the same parties in this sentence or the
/// one before: that event is the one row.
fn repeats_recent_event(recent: &[EventRecord], rec: &EventRecord) -> bool {
    rec.date_text.is_none()
        && recent.iter().any(|e| {
            e.category == rec.category
                && actor_code(&e.source) == actor_code(&rec.source)
                && actor_code(&e.target) == actor_code(&rec.target)
        })
}

fn actor_code(actor: &Option<ActorRecord>) -> Option<&str> {
    actor.as_ref().map(|a| a.code.as_str())
}

/// Whether the carried date holds for record `rec` (GUIDELINES: a date is
/// carried only within its paragraph or its event chain). Across a
/// paragraph the chain runs through the parties the text names (or refers
/// back to); an actor only defaulted continues the chain only from the
/// sentence right before ("protested on Saturday. ¶ Police fired tear gas
/// at the protesters"). In a story of one country every defaulted actor
/// has that country's code, which ties no act to a day set further back:
/// "38 people were arrested" a paragraph after "the court ruled on
/// Tuesday" and an undated sentence. A doer the text names off the chain
/// opens its own story across a paragraph, whoever its act is aimed at
/// (`named_doer_off_chain`).
fn carried_along_chain(carry: &DateCarry, rec: &EventRecord) -> bool {
    !named_doer_off_chain(carry, rec)
        && (carry.holds_for(named_code(&rec.source), named_code(&rec.target))
            || (carry.from_previous_sentence()
                && carry.holds_for(actor_code(&rec.source), actor_code(&rec.target))))
}

/// "rejected a government offer on Nov. 20. ¶ The Inter-American
/// Commission condemned ... and urged the government to investigate": a
/// doer the text names who is not among the actors of the sentence that
/// set the date opens a paragraph about someone else: the date does not
/// carry to that act, whether its target is only defaulted to the story's
/// country or one of that sentence's parties ("The European Commission
/// urged Bratislava" after a paragraph on Monday's arrests in Slovakia).
fn named_doer_off_chain(carry: &DateCarry, rec: &EventRecord) -> bool {
    named_code(&rec.source).is_some_and(|c| !carry.holds_for(Some(c), None))
}

/// The code of an actor the text names (or refers back to), not one only
/// defaulted.
fn named_code(actor: &Option<ActorRecord>) -> Option<&str> {
    actor
        .as_ref()
        .filter(|a| !a.how.is_default())
        .map(|a| a.code.as_str())
}

/// The actor codes of a sentence: its phrases' and its events' actors.
fn sentence_codes(phrases: &[ActorPhrase], events: &[EventRecord]) -> Vec<String> {
    let mut codes: Vec<String> = phrases.iter().filter_map(|p| p.code.clone()).collect();
    for e in events {
        codes.extend(actor_code(&e.source).map(str::to_string));
        codes.extend(actor_code(&e.target).map(str::to_string));
    }
    codes
}

/// Without a publication date, the latest day the text names with its year
/// ("April 5th, 2018") stands in for it: absolute dates then resolve as
/// written, and relative ones against the time the story is set in.
fn latest_absolute_date(text: &str, body: Span) -> Option<NaiveDate> {
    absolute_expressions(text, body)
        .into_iter()
        .filter_map(|t| match t.value {
            TimeValue::Window {
                end,
                precision: DatePrecision::Day,
                ..
            } => Some(end),
            _ => None,
        })
        .max()
}

/// What the parse says about people's names, for the places
/// (`PlaceContext` without its countries): the NER's people's names of two
/// words or more ("Scott Moore": a place name inside one is part of the
/// name), its one-word people's names ("Manchester said"), and the words
/// the parse makes a clause's subject or a possessor ("Georgia began",
/// "Georgia's father").
fn person_evidence(parsed: &sitrep_syntax::ParsedDoc) -> PlaceContext {
    use sitrep_syntax::{Dep, EntityLabel};
    let span_of = |start: usize, end: usize| {
        let first = parsed.tokens.get(start)?;
        let last = parsed.tokens.get(end.checked_sub(1)?)?;
        Some(Span::new(first.start, last.end))
    };
    let people = || {
        parsed
            .entities
            .iter()
            .filter(|e| e.label == EntityLabel::Person && e.end > e.start)
    };
    PlaceContext {
        countries: Vec::new(),
        persons: people()
            .filter(|e| e.end > e.start + 1)
            .filter_map(|e| span_of(e.start, e.end))
            .collect(),
        person_words: people()
            .filter(|e| e.end == e.start + 1)
            .filter_map(|e| span_of(e.start, e.end))
            .collect(),
        subjects: parsed
            .tokens
            .iter()
            .filter(|t| matches!(t.dep, Dep::Nsubj | Dep::Nsubjpass | Dep::Poss))
            .map(|t| Span::new(t.start, t.end))
            .collect(),
        organisations: Vec::new(),
        parties: Vec::new(),
        peoples: Vec::new(),
        local_country: None,
    }
}

/// Byte spans, in text order, of the names of organisations of the given
/// sectors the actor dictionary knows, anywhere in the text (headline
/// included): a news agency or a firm named like a town ("Xinhua",
/// "Toyota") is the agency or the firm there, not the town
/// (`PlaceContext::organisations`); a party's name holds no place ("United
/// Russia", `PlaceContext::parties`).
fn org_names(lex: &Lexicon, text: &str, sectors: &[Sector]) -> Vec<Span> {
    let tokens = tokenize(text, Span::new(0, text.len()));
    let firm = |i: &usize| {
        let e = lex.actors.entry(*i);
        e.kind == EntryKind::Organisation && e.sector.is_some_and(|s| sectors.contains(&s))
    };
    find_mentions(&tokens, &lex.actors, &lex.stopwords)
        .into_iter()
        .filter(|m| matches!(&m.kind, MentionKind::Entries(es) if es.iter().any(firm)))
        .filter_map(|m| {
            let first = tokens.get(m.first)?;
            let last = tokens.get(m.end.checked_sub(1)?)?;
            Some(Span::new(first.span.start, last.span.end))
        })
        .collect()
}

/// Adds one unit of weight per resolved town or region to its country and
/// re-sorts; true when the leading country changed (places are then
/// resolved again against the new order).
fn add_place_weights(
    weights: &mut Vec<(String, usize)>,
    places: &[PlaceMention],
    lex: &Lexicon,
) -> bool {
    let before = weights.first().map(|(c, _)| c.clone());
    for pm in places {
        let p = lex.gazetteer.place(pm.place);
        // Towns big enough to be named without their country; a village
        // that shares a name with a word of the story must not move it.
        let weighty = match p.kind {
            PlaceKind::Region => true,
            PlaceKind::City => p.population >= 15_000,
            _ => false,
        };
        if !weighty || p.country.is_empty() {
            continue;
        }
        match weights.iter_mut().find(|(k, _)| *k == p.country) {
            Some((_, n)) => *n += 1,
            None => weights.push((p.country.to_string(), 1)),
        }
    }
    heaviest_first(weights);
    weights.first().map(|(c, _)| c.clone()) != before
}

fn sentence_trace(
    text: &str,
    s: &SentenceWork,
    phrases: &[ActorPhrase],
    events: &[EventRecord],
) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let mut line = String::new();
    let mut pos = s.span.start;
    for ph in phrases {
        let sp = phrase_span(s, ph);
        line.push_str(text.get(pos..sp.start).unwrap_or(""));
        let _ = write!(
            line,
            "[{}|{}/{}{}]",
            sp.of(text),
            ph.code.as_deref().unwrap_or("?"),
            ph.sector.map_or("-", Sector::as_str),
            if ph.modifier_only { "/mod" } else { "" }
        );
        pos = sp.end;
    }
    line.push_str(text.get(pos..s.span.end).unwrap_or(""));
    let _ = writeln!(out, "S: {line}");
    for ev in events {
        let _ = writeln!(
            out,
            "   => {} {} -> {} {} [{}] trigger={:?} (source {}; target {})",
            ev.category,
            ev.source.as_ref().map_or("-", |a| a.code.as_str()),
            ev.target.as_ref().map_or("-", |a| a.code.as_str()),
            ev.date.as_deref().unwrap_or("-"),
            ev.rule,
            ev.trigger.text,
            ev.source
                .as_ref()
                .map_or(String::new(), |a| a.how.to_string()),
            ev.target
                .as_ref()
                .map_or(String::new(), |a| a.how.to_string()),
        );
    }
    out
}

/// "arrested them on Thursday, a day after the government postponed the
/// vote": a count set off after a day (`dates::offsets`, "counted_from")
/// dates the clause it opens, an earlier or later act told in passing, not
/// the sentence's news; the next sentence's undated acts go on from the day
/// before the comma, so the count is no date to carry.
fn counted_back_from_a_day(text: &str, times: &[TimeExpression], t: &TimeExpression) -> bool {
    let own = text.get(t.span.start..t.span.end).unwrap_or("");
    let counts = own.ends_with(" after") || own.ends_with(" before");
    counts
        && times.iter().any(|d| {
            d.span.end <= t.span.start
                && d.single_day().is_some()
                && text
                    .get(d.span.end..t.span.start)
                    .is_some_and(|gap| matches!(gap.trim(), "," | "-" | "–" | "—"))
        })
}

/// Bytes before a time expression searched for a deadline word (the
/// longest, " by the end of", is 14).
const DEADLINE_WINDOW: usize = 64;

/// "by the end of Monday", "until Friday": a deadline, not when something happened.
fn is_deadline(text: &str, t: &TimeExpression) -> bool {
    // Only the last few words matter: lower-casing the whole text before
    // every time expression made coding quadratic in a document's size.
    let before = text.get(..t.span.start).unwrap_or("").trim_end();
    let mut from = before.len().saturating_sub(DEADLINE_WINDOW);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let before = before[from..].to_lowercase();
    [
        "by",
        "until",
        "till",
        "by the end of",
        "until the end of",
        "till the end of",
        "before",
        "deadline of",
        "due on",
    ]
    .iter()
    .any(|w| before.ends_with(&format!(" {w}")))
}

/// "since early August": the start of a state still under way dates that
/// state only; the next act the story reports is not from that day.
fn starts_ongoing_state(text: &str, t: &TimeExpression) -> bool {
    let before = text.get(..t.span.start).unwrap_or("").trim_end();
    before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("since"))
}

fn kind_name(k: PlaceKind) -> &'static str {
    k.as_str()
}

fn phrase_span(s: &SentenceWork, p: &ActorPhrase) -> Span {
    Span::new(s.tokens[p.first].span.start, s.tokens[p.end - 1].span.end)
}

fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.iter().chain(std::iter::once(&0xff)) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The record with an id no earlier event of the document has: the first
/// keeps the id of its trigger; a second event of the same trigger (another
/// subject, "Nigeria and Ghana failed to reach agreement") gets one hashed
/// from that id and its own actors.
fn with_unique_id(mut rec: EventRecord, ids: &mut HashSet<String>) -> EventRecord {
    let code = |a: &Option<ActorRecord>| a.as_ref().map_or(String::new(), |a| a.code.clone());
    let (source, target) = (code(&rec.source), code(&rec.target));
    let mut salt: u32 = 0;
    while ids.contains(&rec.event_id) {
        let id = fnv1a(&[
            rec.event_id.as_bytes(),
            source.as_bytes(),
            target.as_bytes(),
            &salt.to_le_bytes(),
        ]);
        rec.event_id = format!("{id:016x}");
        salt += 1;
    }
    ids.insert(rec.event_id.clone());
    rec
}

/// What building the records of one sentence's events reads.
struct RecordContext<'a> {
    lex: &'a Lexicon,
    doc: &'a Document,
    text: &'a str,
    chars: &'a CharIndex,
    s: &'a SentenceWork,
    phrases: &'a [ActorPhrase],
    times: &'a [TimeExpression],
    /// The sentence's places.
    places: &'a [&'a PlaceMention],
    /// The sentence's parse, when there is one.
    syntax: Option<&'a SentenceSyntax<'a>>,
    /// The sentence's own country, else the document's.
    default_code: Option<&'a str>,
    dateline_country: Option<&'a str>,
    /// Actor codes in order of last mention.
    recent: &'a [RecentParty],
    /// The number of the sentence being coded.
    sentence: usize,
    /// Who has dealt with whom in the events so far (`DocumentState`).
    partners: &'a [Partnership],
    /// `DocumentState::last_court`.
    last_court: Option<&'a str>,
    /// The document's countries, heaviest first.
    doc_countries: &'a [String],
    /// The previous sentence's two parties (`ActorMemory::previous_pair`).
    pair: Option<&'a (String, String)>,
}

impl RecordContext<'_> {
    /// The coder token starting a span.
    fn token_at(&self, span: Span) -> Option<usize> {
        // Tokens are in text order and do not overlap: a binary search, as
        // this is asked per place and event of a sentence of any length.
        let k = self
            .s
            .tokens
            .partition_point(|t| t.span.start <= span.start)
            .checked_sub(1)?;
        (span.start < self.s.tokens[k].span.end).then_some(k)
    }

    /// A place at `span` is in the finite clause of the trigger: a place in
    /// another clause ("as fighting with Armenia continued") is not where
    /// the trigger's act happened. (It may still be whom the act is aimed
    /// at: "demanded that the United States ...", so targets do not ask.)
    fn in_trigger_clause(&self, trig: Span, span: Span) -> bool {
        match (self.syntax, self.token_at(trig), self.token_at(span)) {
            (Some(sx), Some(a), Some(b)) => sx.same_clause(a, b),
            _ => true,
        }
    }

    /// A place at `span` belongs to a verb coordinated after the trigger
    /// ("condemned the attack but did not blame Russia"): that verb's
    /// party, not the trigger's.
    fn in_later_conjunct(&self, trig: Span, span: Span) -> bool {
        match (self.syntax, self.token_at(trig), self.token_at(span)) {
            (Some(sx), Some(a), Some(b)) => sx.in_later_conjunct(a, b),
            _ => false,
        }
    }

    /// A place at `span` is where the trigger's act happens, hung on its
    /// verb or its object by "in" or "at" ("met in Hanoi", "signed a truce
    /// in the city of Kunming"): the venue, no party.
    fn venue_of(&self, trig: Span, span: Span) -> bool {
        let end = span.end.saturating_sub(1).max(span.start);
        match (
            self.syntax,
            self.token_at(trig),
            self.token_at(span),
            self.token_at(Span::new(end, span.end)),
        ) {
            (Some(sx), Some(a), Some(first), Some(last)) => sx.venue_adjunct(a, first, last + 1),
            _ => false,
        }
    }

    /// A place at `span` is the agent of a participle on a noun ("talks
    /// hosted by Oman"): the host of another act, no party to the trigger's.
    fn agent_of_other_participle(&self, trig: Span, span: Span) -> bool {
        match (self.syntax, self.token_at(trig), self.token_at(span)) {
            (Some(sx), Some(a), Some(b)) => sx.agent_of_other_participle(a, b),
            _ => false,
        }
    }

    /// A place at `span` lies in a clause nested below the trigger ("the
    /// decision to allow imports from the United States" after "refused"):
    /// it tells what the clause is about, not whom the act is aimed at.
    fn in_nested_clause(&self, trig: Span, span: Span) -> bool {
        match (self.syntax, self.token_at(trig), self.token_at(span)) {
            (Some(sx), Some(a), Some(b)) => sx.in_nested_clause(a, b),
            _ => false,
        }
    }

    /// Phrase `i` is a counterpart ("his Chinese counterpart", "their
    /// counterparts").
    fn names_counterpart(&self, i: usize) -> bool {
        self.phrases.get(i).is_some_and(|ph| {
            self.s.tokens[ph.first..ph.end]
                .iter()
                .any(|t| matches!(t.lower.as_str(), "counterpart" | "counterparts"))
        })
    }

    fn is_country(&self, c: &str) -> bool {
        self.lex.actors.country_name(c).is_some()
    }

    /// The actor of phrase `i`, when it has a code.
    fn phrase_actor(&self, i: usize) -> Option<Actor> {
        let ph = self.phrases.get(i)?;
        Some(Actor {
            code: ph.code.clone()?,
            sector: ph.sector,
            span: phrase_span(self.s, ph),
            how: ph.how.clone(),
        })
    }

    /// Whoever set off a weapon the text names as the doer: an unknown
    /// actor of the place, the country of the place named after a locative
    /// in the trigger's clause nearest the trigger ("a car bomb near Mosul
    /// killed two Turkish engineers": Iraq, not the victims' country). No
    /// sector. With no such place, none: the sentence's country may be only
    /// the victims' ("killed one U.S. soldier"), and no event is coded.
    fn unattributed_actor(&self, trig: Span) -> Option<Actor> {
        let distance = |span: Span| span.start.abs_diff(trig.start);
        let place = self
            .places
            .iter()
            .filter(|pm| is_locative(self.s, pm.span) && self.in_trigger_clause(trig, pm.span))
            .map(|pm| (pm, self.lex.gazetteer.place(pm.place).country))
            .filter(|(_, country)| !country.is_empty())
            .min_by_key(|(pm, _)| distance(pm.span));
        place.map(|(_, country)| Actor {
            code: country.to_string(),
            sector: None,
            span: trig,
            how: ActorHow::DefaultCountry,
        })
    }

    /// The sentence's or document's country, at the trigger.
    fn default_actor(&self, civilian: bool, trig: Span) -> Option<Actor> {
        Some(Actor {
            code: self.default_code?.to_string(),
            sector: civilian.then_some(Sector::Cvl),
            span: trig,
            how: ActorHow::DefaultCountry,
        })
    }
}

/// An event's date as the record gives it.
struct Dated {
    date: Option<NaiveDate>,
    date_end: Option<NaiveDate>,
    precision: &'static str,
    text: Option<TextSpan>,
}

fn build_record(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    carried_date: Option<&TimeExpression>,
) -> Option<EventRecord> {
    let (lex, doc, text, chars, s) = (rc.lex, rc.doc, rc.text, rc.chars, rc.s);
    let p = lex.patterns.pattern(m.pattern);
    let (category, cameo) = event_code(lex, s, p, m)?;
    let trig = Span::new(
        s.tokens[m.trigger.0].span.start,
        s.tokens[m.trigger.1 - 1].span.end,
    );
    let explicit_target = match &m.target {
        ActorSlot::Phrase(i) => rc.phrase_actor(*i),
        _ => None,
    };
    let source = resolve_source(rc, p, m, category, trig, explicit_target.as_ref())?;
    let source = source_other_than_target(rc, m, category, source, explicit_target.as_ref());
    let source = pronoun_of_the_other_side(rc, category, source, explicit_target.as_ref());
    if traffic_mishap(&lex.words, s, category, &source) {
        return None;
    }
    let source = attacker_of_the_place(rc, category, m, trig, source, explicit_target.as_ref());
    if consults_unknown_party(category, &source) {
        return None;
    }
    let target = match explicit_target {
        Some(t) if !drill_target_only_own_default(category, &t, &source) => Some(t),
        Some(t) => implicit_target(rc, p, m, trig, &source)
            .filter(|it| matches!(it.how, ActorHow::Place))
            .or(Some(t)),
        None if p.untargeted => None,
        None => implicit_target(rc, p, m, trig, &source),
    };
    let target = reported_victims(rc, category, trig, &source, target);
    let target = author_of_court_act(rc, m, target);
    let target = open_plural_of_states(rc, m, target);
    let target = maker_of_rejected_request(rc, m, category, &source, target);
    let target = doer_of_criticised_act(rc, m, category, &source, target);
    let target = ultimatum_addressee(rc, m, category, &source, target);
    let target = accused_before_a_body(rc, m, category, &source, target);
    let target = held_at_home(rc, category, &source, target);
    let target = own_state_of_society(rc, category, &source, target);
    let target = host_of_recalled_envoy(rc, category, &source, target);
    let source = summoner_of_foreign_envoy(rc, m, &source, target.as_ref());
    let (source, target) = summoner_conjunct_sides(rc, m, source, target);
    let target = addressee_abroad(rc, category, &source, target);
    let (source, target) = freed_pronoun_side(rc, m, category, source, target);
    let (source, target) = doer_of_the_scene(rc, m, category, source, target);
    let (source, target) = counterpart_sides(rc, m, source, target)?;
    let target = other_of_the_pair(rc, &source, target);
    let target = sides_of_one_country(rc, m, &source, target);
    if talks_with_the_press(category, &source, target.as_ref())
        || hosts_civilians(&cameo, target.as_ref())
    {
        return None;
    }
    let dated = choose_date(rc, m, trig, carried_date)?;
    if long_past_detention_of_a_noun(rc, category, trig, &dated) {
        return None;
    }
    let location = locate(rc, category, trig, &source, target.as_ref());
    let (category, cameo) = own_people_recode(rc, m, category, cameo, &source, target.as_ref());
    let was = category;
    let (category, cameo) = labour_strike_recode(rc, p, m, category, cameo, &source);
    let target = labour_strike_target(rc, was, category, &source, target);
    let (category, cameo) = crowd_violence_recode(rc, m, category, cameo, &source, target.as_ref());
    let actor_record = |a: &Actor| ActorRecord {
        code: a.code.clone(),
        sector: a.sector,
        text: a.span.of(text).to_string(),
        span: chars.span(a.span),
        how: a.how.clone(),
    };
    let id = fnv1a(&[
        doc.id.as_bytes(),
        &s.span.start.to_le_bytes(),
        &trig.start.to_le_bytes(),
        p.id.as_bytes(),
    ]);
    let intensity = lex.cameo.lookup(&cameo).map_or(0.0, |c| c.goldstein);
    let fmt = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    Some(EventRecord {
        event_id: format!("{id:016x}"),
        doc_id: doc.id.clone(),
        category,
        mode: p.mode.clone(),
        context: p.context.clone(),
        cameo,
        intensity,
        rule: if m.stance == Stance::Intent {
            format!("{}+intent", p.id)
        } else if m.stance == Stance::Refusal {
            format!("{}+refusal", p.id)
        } else if m.stance == Stance::Demanded {
            format!("{}+demanded", p.id)
        } else {
            p.id.clone()
        },
        source: Some(actor_record(&source)),
        target: target.as_ref().map(actor_record),
        date: dated.date.map(fmt),
        date_end: dated.date_end.map(fmt),
        date_precision: dated.precision.to_string(),
        date_text: dated.text,
        location,
        trigger: TextSpan {
            text: trig.of(text).to_string(),
            span: chars.span(trig),
        },
        sentence: s.span.of(text).to_string(),
        span: chars.span(s.span),
    })
}

/// A stated intention set on a condition with "unless", after the trigger
/// ("will withdraw unless ...") or fronted before it ("Unless Caracas frees
/// them, Washington will impose sanctions"): an ultimatum, so a threat.
fn conditional_on_unless(s: &SentenceWork, m: &EventMatch) -> bool {
    let after = &s.tokens[m.trigger.1..];
    let fronted = &s.tokens[..m.trigger.0];
    after.iter().any(|t| t.lower == "unless")
        || fronted
            .iter()
            .position(|t| t.lower == "unless")
            .is_some_and(|k| fronted[k..].iter().any(|t| t.lower == ","))
}

/// Categories of a measure that, promised on a condition, threatens the
/// other side (sanctions, coercion, force, a show of force).
fn forceful_measure(c: Category) -> bool {
    matches!(
        c,
        Category::Sanction | Category::Coerce | Category::Assault | Category::Mobilize
    )
}

/// "Lebanon filed a complaint with the UN Security Council over Israeli
/// strikes": a complaint lodged with an international body about what a
/// state did accuses that state; the body only hears it. The state is the
/// one the "over"/"against"/"about" phrase names, of another side than the
/// complainant.
fn accused_before_a_body(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    category: Category,
    source: &Actor,
    target: Option<Actor>,
) -> Option<Actor> {
    let before_a_body = target
        .as_ref()
        .is_some_and(|t| !t.how.is_default() && !rc.is_country(&t.code));
    if category != Category::Accuse || !before_a_body {
        return target;
    }
    let Some((first, last)) = rc.syntax.and_then(|sx| sx.grievance_phrase(m.trigger.0)) else {
        return target;
    };
    actor_within(rc, first, last + 1, |a| {
        a.code != source.code && !a.how.is_default() && rc.is_country(&a.code)
    })
    .or(target)
}

/// The actor of the first phrase lying within tokens `first..end` of the
/// sentence that `accept` takes.
fn actor_within(
    rc: &RecordContext<'_>,
    first: usize,
    end: usize,
    accept: impl Fn(&Actor) -> bool,
) -> Option<Actor> {
    rc.phrases
        .iter()
        .enumerate()
        .filter(|(_, ph)| first <= ph.first && ph.end <= end)
        .find_map(|(i, _)| rc.phrase_actor(i).filter(&accept))
}

/// A threat set on a fronted "unless" clause (or a warned "if" one) is aimed at the party that
/// clause names when the main clause names none of another side: "Unless
/// Caracas frees them, Washington will reimpose oil sanctions" threatens
/// Venezuela.
fn ultimatum_addressee(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    category: Category,
    source: &Actor,
    target: Option<Actor>,
) -> Option<Actor> {
    let other_side = |a: &Actor| a.code != source.code;
    if category != Category::Threaten
        || target
            .as_ref()
            .is_some_and(|t| other_side(t) && !t.how.is_default())
    {
        return target;
    }
    let tokens = &rc.s.tokens[..m.trigger.0];
    let warned = crate::events::warned_condition(&rc.s.tokens, m.trigger.0);
    let Some(open) = tokens
        .iter()
        .position(|t| t.lower == "unless" || warned && t.lower == "if")
    else {
        return target;
    };
    let Some(close) = tokens[open..]
        .iter()
        .position(|t| t.lower == ",")
        .map(|k| open + k)
    else {
        return target;
    };
    actor_within(rc, open + 1, close, other_side).or(target)
}

/// The event's PLOVER category and CAMEO code by its stance: a stated
/// intent is recoded (a conditional one, "will withdraw its force unless
/// ...", is a threat), a refusal is a rejection.
fn event_code(
    lex: &Lexicon,
    s: &SentenceWork,
    p: &Pattern,
    m: &EventMatch,
) -> Option<(Category, String)> {
    Some(match m.stance {
        Stance::Asserted => (p.category, p.cameo.clone()),
        Stance::Intent if conditional_on_unless(s, m) => (Category::Threaten, "130".to_string()),
        // "If X builds a base, we will expel its envoy, the minister warned":
        // a warned hostile act is a threat; a warned help or appeal is none.
        Stance::Intent if crate::events::warned_condition(&s.tokens, m.trigger.0) => {
            if !forceful_measure(p.category) {
                return None;
            }
            (Category::Threaten, "130".to_string())
        }
        Stance::Intent => {
            let r = lex.categories.get(p.category).intent.as_ref()?;
            (r.category, r.cameo.clone())
        }
        Stance::Refusal => (Category::Reject, "120".to_string()),
        Stance::Demanded => (Category::Request, "100".to_string()),
    })
}

/// A meeting, visit or negotiation is between parties the text names: one
/// whose doer has only a defaulted code and is no state's organ ("the
/// meeting begins at 6:30", "tourists visiting from Lagos", "police visited
/// the restaurant", "the CEOs met") is a local gathering, a private trip or
/// an inquiry, not a consultation it attributes. Ministers, legislators,
/// courts, armed forces and IGOs of a defaulted side still consult ("the
/// foreign ministers of the three countries met").
fn consults_unknown_party(category: Category, source: &Actor) -> bool {
    category == Category::Consult
        && source.how.is_default()
        && !matches!(
            source.sector,
            Some(Sector::Gov | Sector::Mil | Sector::Leg | Sector::Jud | Sector::Igo)
        )
}

/// A vehicle crash or collision is no attack unless the text says it was
/// deliberate (GUIDELINES: ASSAULT is violence one actor does to another).
/// Force whose doer the text does not name (a defaulted source: "a man was
/// struck by a car", "driver injured in crash") in a sentence that tells
/// of an accident (a crash, collision or accident word:
/// `data/lexicon/crash_words.txt`) or names a vehicle as the agent ("hit by
/// an SUV") is not coded. A named doer ("police shot the driver after the
/// crash") and words of intent (`data/lexicon/deliberate_words.txt`:
/// "rammed", "deliberately") keep the attack; so does a car bomb.
fn traffic_mishap(
    vocab: &CoderWords,
    s: &SentenceWork,
    category: Category,
    source: &Actor,
) -> bool {
    if category != Category::Assault || !source.how.is_default() {
        return false;
    }
    let words: Vec<&str> = s.tokens.iter().map(|t| t.lower.as_str()).collect();
    if words.iter().any(|w| vocab.deliberate.contains(w)) {
        return false;
    }
    words.iter().any(|w| vocab.crash.contains(w)) || struck_by_vehicle(vocab, &words)
}

/// "by" followed within four words by a vehicle
/// (`data/lexicon/vehicle_nouns.txt`) that is not a weapon's name
/// (`data/lexicon/vehicle_weapons.txt`): "struck by an eastbound car", not
/// "killed by a car bomb".
fn struck_by_vehicle(vocab: &CoderWords, words: &[&str]) -> bool {
    words.iter().enumerate().any(|(k, w)| {
        *w == "by"
            && (k + 1..(k + 5).min(words.len())).any(|j| {
                vocab.vehicles.contains(words[j])
                    && !words
                        .get(j + 1)
                        .is_some_and(|n| vocab.vehicle_weapons.contains(n))
            })
    })
}

/// Talking with journalists ("speaking in interviews with Russian media",
/// "met reporters") is an interview or a briefing, not a consultation
/// between parties (GUIDELINES: CONSULT is meetings, talks and visits of
/// actors; what is said there is coded by its content).
fn talks_with_the_press(category: Category, source: &Actor, target: Option<&Actor>) -> bool {
    category == Category::Consult
        && std::iter::once(source)
            .chain(target)
            .any(|a| a.sector == Some(Sector::Med))
}

/// Hosting or receiving civilians or refugees ("Kenya hosts 400,000 Somali
/// refugees", "thanked its government for hosting Somali refugees") gives
/// them a home, not a visit: a hosting (CAMEO 043) is a consultation of
/// officials, delegations and leaders only.
fn hosts_civilians(cameo: &str, target: Option<&Actor>) -> bool {
    cameo == "043" && target.is_some_and(|t| matches!(t.sector, Some(Sector::Cvl | Sector::Ref)))
}

/// The source actor. A passive without agent: the party the text was
/// talking about other than the target ("20 of his staff were declared
/// persona non grata"); with neither agent nor target ("a strong protest
/// was delivered") it says too little to code.
fn resolve_source(
    rc: &RecordContext<'_>,
    p: &Pattern,
    m: &EventMatch,
    category: Category,
    trig: Span,
    explicit_target: Option<&Actor>,
) -> Option<Actor> {
    // A passive without agent names its source only for some types
    // (`data/events/categories.tsv`, AGENTLESS).
    let agentless_other = rc.lex.categories.get(category).agentless == Agentless::OtherParty;
    match &m.source {
        ActorSlot::Phrase(i) => rc.phrase_actor(*i),
        ActorSlot::Default { civilian } => rc.default_actor(*civilian, trig),
        ActorSlot::Unattributed => rc.unattributed_actor(trig),
        ActorSlot::OtherParty if p.domestic => rc.default_actor(false, trig),
        ActorSlot::OtherParty if explicit_target.is_none() && agentless_other => None,
        ActorSlot::OtherParty if agentless_other => explicit_target
            .and_then(|t| last_other_party(rc, &t.code, Lookback::Story, |_| true))
            .map(|c| Actor {
                code: c.clone(),
                sector: None,
                span: trig,
                how: ActorHow::DefaultOtherParty,
            })
            .or_else(|| rc.default_actor(false, trig)),
        ActorSlot::OtherParty => rc.default_actor(false, trig),
        ActorSlot::SameAsSource => None,
    }
}

/// A counterpart is the other side's ("the minister met his Chinese
/// counterpart", "urging the counterpart to sign"): the doer and a
/// counterpart it deals with are never one party. When the two share a
/// code and one of them only has it by default, that one is the last other
/// country named instead; with none, a target is unknown and a source
/// leaves no event (nothing in the text says whose minister met).
fn counterpart_sides(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    source: Actor,
    target: Option<Actor>,
) -> Option<(Actor, Option<Actor>)> {
    let names_counterpart = |slot: &ActorSlot| match slot {
        ActorSlot::Phrase(i) => rc.names_counterpart(*i),
        _ => false,
    };
    let Some(t) = target.as_ref() else {
        return Some((source, target));
    };
    if t.code != source.code || !(names_counterpart(&m.source) || names_counterpart(&m.target)) {
        return Some((source, target));
    }
    // Another country the sentence reads before the trigger ("rejected an
    // Indian proposal, urging the counterpart to ..."), else the last named.
    let other_party = |code: &str, span: Span| {
        let in_sentence = rc
            .phrases
            .iter()
            .rev()
            .filter(|ph| ph.first < m.trigger.0 && !ph.how.is_default())
            .filter_map(|ph| ph.code.as_ref())
            .find(|c| is_other_party(rc, c, code));
        in_sentence
            .or_else(|| last_mentioned_party(rc, code))
            .map(|c| Actor {
                code: c.clone(),
                sector: None,
                span,
                how: ActorHow::DefaultOtherParty,
            })
    };
    if t.how.is_default() {
        let target = other_party(&source.code, t.span);
        Some((source, target))
    } else if source.how.is_default() {
        let source = other_party(&t.code, source.span)?;
        Some((source, target))
    } else {
        Some((source, target))
    }
}

/// "The army said rebels attacked its positions despite a truce that the
/// two sides signed in Nairobi": a doer "the two sides" read as one of a
/// pair whose earlier parties in the sentence are all of one country
/// (`actors::one_country_sides`, a government and its rebels), with no
/// place of another before it (`no_other_country_before`), acts within
/// that country, so a target only defaulted to another party (the story's
/// other party, or what `other_of_the_pair` took as the pair's other) is
/// the doer's own country.
fn sides_of_one_country(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    source: &Actor,
    target: Option<Actor>,
) -> Option<Actor> {
    let ActorSlot::Phrase(i) = m.source else {
        return target;
    };
    match target {
        Some(t)
            if source.how == ActorHow::CorefPair
                && t.how == ActorHow::DefaultOtherParty
                && rc
                    .phrases
                    .get(..i)
                    .filter(|earlier| no_other_country_before(earlier, &source.code))
                    .and_then(|earlier| one_country_sides(&rc.s.tokens, earlier))
                    .is_some_and(|(code, _)| code == source.code) =>
        {
            Some(Actor {
                code: source.code.clone(),
                sector: None,
                how: ActorHow::DefaultDomestic,
                ..t
            })
        }
        other => other,
    }
}

/// No phrase before the doer, a place included ("named an ambassador to
/// Madrid"), reads a code other than `code` (pronouns and pair readings
/// aside): the sentence so far speaks of one country only.
fn no_other_country_before(earlier: &[ActorPhrase], code: &str) -> bool {
    earlier
        .iter()
        .filter(|ph| !ph.pronoun && ph.how != ActorHow::CorefPair)
        .all(|ph| ph.code.as_deref().is_none_or(|c| c == code))
}

/// "The heads of the two countries' security committees had agreed on a
/// ceasefire": a doer read as one of the story's pair (`coref:pair`) deals
/// with the other one, so a target that only defaulted to the doer's own
/// code is the pair's other party, the last other country named.
fn other_of_the_pair(
    rc: &RecordContext<'_>,
    source: &Actor,
    target: Option<Actor>,
) -> Option<Actor> {
    if source.how == ActorHow::CorefPair && target.as_ref().is_none_or(|t| t.how.is_default()) {
        if let Some(partner) = coordinated_partner(rc, &source.code) {
            return Some(partner);
        }
        if let Some(partner) = named_pair_partner(rc, &source.code) {
            return Some(partner);
        }
        if let Some(t) = target
            .as_ref()
            .and_then(|t| pair_partner(rc, &source.code, t))
        {
            return Some(t);
        }
    }
    match target {
        Some(t)
            if source.how == ActorHow::CorefPair && t.how.is_default() && t.code == source.code =>
        {
            match last_mentioned_party(rc, &source.code) {
                Some(c) => Some(Actor {
                    code: c.clone(),
                    how: ActorHow::DefaultOtherParty,
                    ..t
                }),
                None => Some(t),
            }
        }
        other => other,
    }
}

/// "Guatemala claims half of Belize. The two countries signed a special
/// agreement in 2008": a doer read as one of the story's pair, after a
/// sentence naming just those two, deals with the other of them, not with
/// the last other country named (a mediator or a neighbour who spoke in
/// the sentence before); `target` is the defaulted target it replaces.
fn pair_partner(rc: &RecordContext<'_>, code: &str, target: &Actor) -> Option<Actor> {
    let (a, b) = rc.pair?;
    let other = if a == code {
        b
    } else if b == code {
        a
    } else {
        return None;
    };
    Some(Actor {
        code: other.clone(),
        how: ActorHow::DefaultOtherParty,
        ..target.clone()
    })
}

/// "Armenia and Azerbaijan signed a deal, under which both sides agreed":
/// the pair read from two parties coordinated in the sentence
/// (`actors::coordinated_pair_before`) has the second of them as the
/// doer's partner, when it is of another code than the doer (`code`).
fn coordinated_partner(rc: &RecordContext<'_>, code: &str) -> Option<Actor> {
    let i = rc.phrases.windows(2).rposition(|w| {
        w[0].code.as_deref() == Some(code)
            && w[1].code.as_deref().is_some_and(|c| c != code)
            && !w[1].pronoun
            && !w[1].modifier_only
            && joined_by_and(&rc.s.tokens, &w[0], &w[1])
    })?;
    rc.phrase_actor(i + 1)
}

/// "Takaichi spoke by telephone with Lee, and the two leaders agreed":
/// the pair read from the sentence's two named parties
/// (`actors::two_named_parties`) has the other of them as the doer's
/// partner.
fn named_pair_partner(rc: &RecordContext<'_>, code: &str) -> Option<Actor> {
    let (a, b) = two_named_parties(&rc.s.tokens, rc.phrases)?;
    let other = if a.code.as_deref() == Some(code) {
        b
    } else if b.code.as_deref() == Some(code) {
        a
    } else {
        return None;
    };
    let i = rc.phrases.iter().position(|ph| std::ptr::eq(ph, other))?;
    rc.phrase_actor(i)
}

/// An attack told in the passive with no agent ("a mortar bomb was fired
/// at Israel from the Gaza Strip", "ten Russian soldiers were killed in
/// Ukraine"), or a launch or deployment so told with or without a victim
/// ("the missile was launched from near Pyongyang"), whose source is only
/// a default: the country of a place the
/// trigger's clause names after the trigger, as where the fire came from
/// ("from") or where the act happened (a locative), is the attacker's,
/// when it is not the victims' own country. An unknown actor of that
/// place struck, not the victims' side or the sentence's country.
fn attacker_of_the_place(
    rc: &RecordContext<'_>,
    category: Category,
    m: &EventMatch,
    trig: Span,
    source: Actor,
    target: Option<&Actor>,
) -> Actor {
    // A launch or deployment needs no victim: "the missile was launched
    // from near Pyongyang" came from there all the same.
    let target_code = match (category, target) {
        (Category::Assault, Some(t)) => Some(t.code.as_str()),
        (Category::Mobilize, t) => t.map(|t| t.code.as_str()),
        _ => return source,
    };
    if !m.passive || !source.how.is_default() {
        return source;
    }
    // One of the two words before the place is "from" or a locative. A
    // "from X to Y" is a route ("hijacked on its way from Brazil to
    // China"), where the victims came from, not where the fire came from.
    let tokens = &rc.s.tokens;
    let placed = |k: usize, end: usize| {
        let route = tokens.get(end).is_some_and(|t| t.lower == "to");
        tokens[k.saturating_sub(2)..k].iter().any(|t| {
            (t.lower == "from" && !route)
                || (LOCATIVE.contains(&t.lower.as_str()) && t.lower != "at")
        })
    };
    let from_place = rc.phrases.iter().find_map(|ph| {
        let span = phrase_span(rc.s, ph);
        let code = ph.code.as_ref()?;
        (span.start >= trig.end
            && !ph.pronoun
            && !ph.modifier_only
            && placed(ph.first, ph.end)
            && Some(code.as_str()) != target_code
            && rc.is_country(code)
            && rc.in_trigger_clause(trig, span))
        .then(|| Actor {
            code: code.clone(),
            sector: None,
            span,
            how: ActorHow::Place,
        })
    });
    // A place the gazetteer knows but no actor phrase holds ("killed in
    // Aleppo").
    let from_gazetteer = || {
        rc.places.iter().find_map(|pm| {
            let k = rc.token_at(pm.span)?;
            let end = tokens.partition_point(|t| t.span.start < pm.span.end);
            let country = rc.lex.gazetteer.place(pm.place).country;
            (pm.span.start >= trig.end
                && placed(k, end)
                && !country.is_empty()
                && Some(country) != target_code
                && rc.in_trigger_clause(trig, pm.span))
            .then(|| Actor {
                code: country.to_string(),
                sector: None,
                span: pm.span,
                how: ActorHow::Place,
            })
        })
    };
    from_place.or_else(from_gazetteer).unwrap_or(source)
}

/// A place named in the name of a treaty ("a violation of the Vienna
/// Convention") is where the text was signed, not a party the act is aimed
/// at (`mentions::names_a_treaty`).
fn names_a_treaty(rc: &RecordContext<'_>, span: Span) -> bool {
    let end = rc.s.tokens.partition_point(|t| t.span.start < span.end);
    crate::mentions::names_a_treaty(&rc.s.tokens, end)
}

/// "Indian border guards detained two Bangladeshi farmers. A farmer was
/// shot dead during the raid.": an act of force told in the passive with
/// no agent, whose doer and victims the text gives only by default, is one
/// more act of the force that acted just before it, in its own sentence or
/// the one before (an arrest, a raid, an attack with a named target), done
/// by the same doer to the same side. Without it the default gave the
/// victims' country as doer. The victim must not be of that doer's own
/// kind ("Soldiers arrested protesters. A soldier was killed": the
/// soldiers' side was struck, not striking), and the earlier act must
/// have named both its doer and its target.
fn doer_of_the_scene(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    category: Category,
    source: Actor,
    target: Option<Actor>,
) -> (Actor, Option<Actor>) {
    let force = |c: Category| matches!(c, Category::Assault | Category::Coerce);
    // Victims no actor phrase holds ("a fisherman"): a named person, a
    // pronoun or a party with a code of its own is no part of the scene.
    let victims_unnamed = !matches!(m.target, ActorSlot::Phrase(_))
        && target.as_ref().is_none_or(|t| t.how.is_default())
        && common_noun_patient(rc, m);
    if !force(category)
        || !m.passive
        || !matches!(m.source, ActorSlot::OtherParty | ActorSlot::Default { .. })
        || !source.how.is_default()
        || !victims_unnamed
    {
        return (source, target);
    }
    let victim_sector = target.as_ref().and_then(|t| t.sector);
    let scene = rc.partners.iter().rev().find(|p| {
        force(p.category)
            && p.source_named
            && p.sentence + 1 >= rc.sentence
            && p.sentence <= rc.sentence
            && (victim_sector.is_none() || victim_sector != p.source_sector)
    });
    let Some(scene) = scene else {
        return (source, target);
    };
    let doer = Actor {
        code: scene.source.clone(),
        sector: None,
        how: ActorHow::DefaultOtherParty,
        ..source
    };
    let span = target.as_ref().map_or(doer.span, |t| t.span);
    let victims = Actor {
        code: scene.target.clone(),
        sector: victim_sector,
        span,
        how: ActorHow::DefaultOtherParty,
    };
    (doer, Some(victims))
}

/// The passive's subject is a common noun ("a fisherman", "two
/// farmers"), not a name ("Choi was sentenced") nor a pronoun.
fn common_noun_patient(rc: &RecordContext<'_>, m: &EventMatch) -> bool {
    let Some(k) = rc.syntax.and_then(|sx| sx.passive_subject(m.trigger.0)) else {
        return false;
    };
    rc.s.tokens.get(k).is_some_and(|t| {
        t.span
            .of(rc.text)
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
            && !PERSONAL_PRONOUNS.contains(&t.lower.as_str())
    })
}

/// Pronouns that stand for a party named elsewhere.
const PERSONAL_PRONOUNS: &[&str] = &["he", "she", "it", "they", "him", "her", "them", "we", "us"];

/// How long before publication a detention told only to describe
/// someone lies to count as the person's past, not as news: half a year.
const BACKGROUND_DETENTION_DAYS: i64 = 180;

/// "released the mayor, a Hamas member jailed over a year ago", "the
/// release of Yaish, who had been arrested 15 months ago": a detention in
/// a clause that only describes a noun, with no agent, dated long before
/// publication, says what the person has been through, not an act the
/// story reports (GUIDELINES: a background mention is coded when it has a
/// clear source). A recent one ("activists detained on Tuesday") stays.
fn long_past_detention_of_a_noun(
    rc: &RecordContext<'_>,
    category: Category,
    trig: Span,
    dated: &Dated,
) -> bool {
    let (Some(date), Some(published)) = (dated.date, rc.doc.published.as_ref()) else {
        return false;
    };
    category == Category::Coerce
        && (published.date - date).num_days() > BACKGROUND_DETENTION_DAYS
        && match (rc.syntax, rc.token_at(trig)) {
            (Some(sx), Some(k)) => sx.agentless_noun_description(k),
            _ => false,
        }
}

/// A show of force whose only target is a default of its own side (an
/// adjective, "held military exercises", read as an actor): the place it
/// is held in names whom it is aimed at, if that is another country
/// ("Russia held military exercises in Alaska": the United States).
fn drill_target_only_own_default(category: Category, target: &Actor, source: &Actor) -> bool {
    category == Category::Mobilize && target.how.is_default() && target.code == source.code
}

/// Prepositions that place what follows them ("near Damascus").
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "near", "at", "outside", "around", "across", "over", "into", "inside",
];

/// The phrase is only the place's name, right after a preposition of
/// place: a location, not the government it may stand for.
fn placed_by_preposition(s: &SentenceWork, ph: &ActorPhrase, place: Span) -> bool {
    phrase_span(s, ph) == place
        && ph
            .first
            .checked_sub(1)
            .is_some_and(|k| PLACE_PREPOSITIONS.contains(&s.tokens[k].lower.as_str()))
}

/// "Ukraine said Russian forces shelled the village": in a clause a
/// country's actor states, force or repression whose victims are unnamed
/// (no target, or one only defaulted to the attacker's own country) lands
/// on the speaker's side, not on the attacker's. The attacker must be
/// named as such (not a default).
fn reported_victims(
    rc: &RecordContext<'_>,
    category: Category,
    trig: Span,
    source: &Actor,
    target: Option<Actor>,
) -> Option<Actor> {
    let unnamed = target
        .as_ref()
        .is_none_or(|t| t.how.is_default() && t.code == source.code);
    // An attacker whose own code is only a default says nothing of sides.
    if !matches!(category, Category::Assault | Category::Coerce)
        || !unnamed
        || source.how.is_default()
    {
        return target;
    }
    let speaker = rc.syntax.and_then(|sx| {
        let k = rc.token_at(trig)?;
        let ph = &rc.phrases[phrase_at(sx, rc.phrases, sx.speaker(k)?)?];
        ph.code
            .clone()
            .filter(|c| !ph.pronoun && c != &source.code && rc.is_country(c))
    });
    match speaker {
        Some(code) => Some(Actor {
            code,
            sector: target.as_ref().and_then(|t| t.sector),
            span: target.as_ref().map_or(trig, |t| t.span),
            how: ActorHow::DefaultOtherParty,
        }),
        None => target,
    }
}

/// "The interior minister rejected the ruling", "Lima criticised the
/// verdict": a ruling or verdict (`data/lexicon/court_acts.txt`) is a
/// court's act, so a reaction to it whose target is only a default is
/// aimed at the side of the last court the document coded an act of
/// (`coref:event`, the noun's span). With no such court, a target
/// defaulted to the story's other party becomes none (the author is not
/// known), while one defaulted to the source's own country stays.
fn author_of_court_act(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    target: Option<Actor>,
) -> Option<Actor> {
    if target.as_ref().is_none_or(|t| !t.how.is_default()) {
        return target;
    }
    let Some((token, lemma)) = definite_object_lemma(rc, m) else {
        return target;
    };
    if !rc.lex.patterns.is_court_act(&lemma) {
        return target;
    }
    match rc.last_court {
        Some(court) => Some(Actor {
            code: court.to_string(),
            sector: Some(Sector::Jud),
            span: token.span,
            how: ActorHow::CorefEvent,
        }),
        None if target
            .as_ref()
            .is_some_and(|t| t.how == ActorHow::DefaultOtherParty) =>
        {
            None
        }
        None => target,
    }
}

/// "It urged neighbouring countries to follow its example", "asked other
/// nations for help": a direct object that is a plural of states left open
/// by the word before it names no state (GUIDELINES: a target only if the
/// text names one), so a target that is only a default is none.
fn open_plural_of_states(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    target: Option<Actor>,
) -> Option<Actor> {
    if target.as_ref().is_none_or(|t| !t.how.is_default()) {
        return target;
    }
    let Some(noun) = rc.syntax.and_then(|sx| sx.direct_object_noun(m.trigger.0)) else {
        return target;
    };
    let tokens = &rc.s.tokens;
    let states = tokens
        .get(noun)
        .is_some_and(|t| matches!(t.lower.as_str(), "countries" | "nations"));
    let left_open = noun
        .checked_sub(1)
        .and_then(|k| tokens.get(k))
        .is_some_and(|t| {
            matches!(
                t.lower.as_str(),
                "other" | "neighbouring" | "neighboring" | "many" | "several" | "some" | "various"
            )
        });
    if states && left_open {
        None
    } else {
        target
    }
}

/// The trigger's definite direct object noun ("rejected the appeal",
/// "defied the ruling"): its token and lower-case lemma.
fn definite_object_lemma<'a>(
    rc: &RecordContext<'a>,
    m: &EventMatch,
) -> Option<(&'a Token, String)> {
    let sx = rc.syntax?;
    let noun = sx.definite_object_noun(m.trigger.0)?;
    let token = rc.s.tokens.get(noun)?;
    let lemma = sx
        .lemma(noun)
        .map_or_else(|| token.lower.clone(), str::to_lowercase);
    Some((token, lemma))
}

/// "The U.N. refugee agency urged Dhaka to let people reach safety. ...
/// Bangladesh rejected the appeal": a rejection of "the appeal" (call,
/// request, demand, plea) whose target is only a default is aimed at the
/// one who made the request the document last coded of the rejecter, in
/// this sentence or the two before, not at the story's other party.
fn maker_of_rejected_request(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    category: Category,
    source: &Actor,
    target: Option<Actor>,
) -> Option<Actor> {
    const REQUEST_NOUNS: &[&str] = &["appeal", "call", "request", "demand", "plea"];
    if category != Category::Reject || target.as_ref().is_some_and(|t| !t.how.is_default()) {
        return target;
    }
    let Some((token, lemma)) = definite_object_lemma(rc, m) else {
        return target;
    };
    if !REQUEST_NOUNS.contains(&lemma.as_str()) {
        return target;
    }
    let maker = rc.partners.iter().rev().find(|p| {
        p.category == Category::Request
            && p.target == source.code
            && p.source != source.code
            && p.sentence + 2 >= rc.sentence
    });
    maker.map_or(target, |maker| Some(maker.doer_at(token.span)))
}

/// "Sudan expelled the UN's top aid official. The EU called the expulsion
/// of the UN official unacceptable": criticism whose object is a hostile
/// act noun ("expulsion", "arrest", a SANCTION, COERCE or ASSAULT noun
/// pattern) with its victim in an "of" phrase is aimed at the act's doer,
/// not its victim: the party the document last coded doing such an act to
/// that victim, in this sentence or the three before. With no such act
/// coded, the victim stays.
fn doer_of_criticised_act(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    category: Category,
    source: &Actor,
    target: Option<Actor>,
) -> Option<Actor> {
    let Some(victim) = target.as_ref().filter(|t| !t.how.is_default()) else {
        return target;
    };
    if category != Category::Accuse {
        return target;
    }
    let Some(act) = victim_of_hostile_act_noun(rc, m, victim.span) else {
        return target;
    };
    let doer = rc.partners.iter().rev().find(|p| {
        act.contains(&p.category)
            && p.target == victim.code
            && p.source != source.code
            && p.source != victim.code
            && p.sentence + 3 >= rc.sentence
    });
    let span = victim.span;
    doer.map_or(target, |d| Some(d.doer_at(span)))
}

/// The categories of the hostile act noun that the trigger acts on, when
/// the actor at `victim` lies in that noun's "of" phrase ("condemned the
/// arrest of the opposition leader"), within four words of it and with
/// no "by" phrase naming the doer.
fn victim_of_hostile_act_noun(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    victim: Span,
) -> Option<Vec<Category>> {
    let sx = rc.syntax?;
    let noun = sx.acted_on(m.trigger.0).and_then(|p| sx.coder_token(p))?;
    let tokens = &rc.s.tokens;
    let v = rc.token_at(victim)?;
    if tokens.get(noun + 1).map(|t| t.lower.as_str()) != Some("of")
        || v <= noun + 1
        || v > noun + 5
        || tokens[noun..v].iter().any(|t| t.lower == "by")
    {
        return None;
    }
    let patterns = &rc.lex.patterns;
    let categories: Vec<Category> = patterns
        .triggers(&tokens[noun].lower)
        .iter()
        .map(|tf| patterns.pattern(tf.pattern))
        .filter(|p| p.kind == TriggerKind::Noun)
        .map(|p| p.category)
        .filter(|c| matches!(c, Category::Sanction | Category::Coerce | Category::Assault))
        .collect();
    (!categories.is_empty()).then_some(categories)
}

/// "Venezuelan authorities arrested 14 people" in a story from Guyana, "the
/// US condemned the arrest of the opposition leader by Tunisian police":
/// people whom a state's officials, police or courts detain, and whose
/// country only the document's or the sentence's default gives, are held where those
/// authorities rule, the source's own country, unless the sentence places
/// the act in the default's country ("arrested 14 people in Georgetown").
fn held_at_home(
    rc: &RecordContext<'_>,
    category: Category,
    source: &Actor,
    target: Option<Actor>,
) -> Option<Actor> {
    match target {
        Some(t)
            if category == Category::Coerce
                && !source.how.is_default()
                && matches!(source.sector, Some(Sector::Cop | Sector::Gov | Sector::Jud)) =>
        {
            Some(default_target_at_home(rc, source, t))
        }
        other => other,
    }
}

/// A target only the document's or the sentence's default codes, of
/// another country than the source's, is the source's own side, unless a
/// place of the sentence sets the act in the default's country
/// (`held_at_home`, `own_state_of_society`).
fn default_target_at_home(rc: &RecordContext<'_>, source: &Actor, t: Actor) -> Actor {
    let placed_there = rc
        .places
        .iter()
        .any(|pm| rc.lex.gazetteer.place(pm.place).country == t.code && sets_the_scene(rc, pm));
    if matches!(t.how, ActorHow::DefaultDocument | ActorHow::DefaultSentence)
        && t.code != source.code
        && rc.is_country(&source.code)
        && !placed_there
    {
        Actor {
            code: source.code.clone(),
            how: ActorHow::DefaultDomestic,
            ..t
        }
    } else {
        t
    }
}

/// "Opposition supporters rallied outside the government building,
/// demanding the release of the detained officials": a protest or a demand
/// by the country's own society (civilians, opposition, workers, students,
/// farmers) whose target only the document's or the sentence's default
/// codes is aimed at its own state, not at the country the story is mostly
/// about, unless the sentence places the act in that country.
fn own_state_of_society(
    rc: &RecordContext<'_>,
    category: Category,
    source: &Actor,
    target: Option<Actor>,
) -> Option<Actor> {
    match target {
        Some(t)
            if matches!(category, Category::Protest | Category::Request)
                && matches!(
                    source.sector,
                    Some(Sector::Cvl | Sector::Opp | Sector::Lab | Sector::Edu | Sector::Agr)
                ) =>
        {
            Some(default_target_at_home(rc, source, t))
        }
        other => other,
    }
}

/// "Italy called on the authorities to free the jailed reporters", in a
/// story about Tunisia: a target with no country of its own ("the
/// authorities", "the government") that only the sentence's country codes,
/// and that is then the named doer's own state, is the story's main
/// country: a state's appeal, charge or sanction is aimed at another's
/// authorities, and its own name is what gave the sentence its country.
/// When the story is about the doer's own country the default stays.
fn addressee_abroad(
    rc: &RecordContext<'_>,
    category: Category,
    source: &Actor,
    target: Option<Actor>,
) -> Option<Actor> {
    let main = rc.doc_countries.first();
    match (target, main) {
        (Some(t), Some(main))
            if t.how == ActorHow::DefaultSentence
                && t.code == source.code
                && !source.how.is_default()
                && rc.is_country(&source.code)
                && *main != source.code
                && rc.lex.categories.get(category).no_target == NoTarget::OtherParty
                && !acts_at_home_by_sector(source) =>
        {
            Some(Actor {
                code: main.clone(),
                how: ActorHow::DefaultDocument,
                ..t
            })
        }
        (t, _) => t,
    }
}

/// "Uruguay recalled its ambassador in Caracas", "Uruguay's ambassador in
/// Caracas was recalled": a sanction whose target is only a default, in a
/// sentence that names an envoy posted in a place of another country
/// ("ENVOY in PLACE", `data/lexicon/envoy_nouns.txt`), is aimed at the
/// country the envoy is posted to, not at the source's own.
fn host_of_recalled_envoy(
    rc: &RecordContext<'_>,
    category: Category,
    source: &Actor,
    target: Option<Actor>,
) -> Option<Actor> {
    if category != Category::Sanction || target.as_ref().is_some_and(|t| !t.how.is_default()) {
        return target;
    }
    let posted = rc.places.iter().find_map(|pm| {
        let k = rc.token_at(pm.span)?;
        let envoy = k >= 2
            && rc.s.tokens[k - 1].lower == "in"
            && ends_with_envoy_office(rc, k.saturating_sub(3), k - 1);
        let country = rc.lex.gazetteer.place(pm.place).country;
        (envoy && !country.is_empty() && country != source.code).then(|| Actor {
            code: country.to_string(),
            sector: None,
            span: pm.span,
            how: ActorHow::Place,
        })
    });
    posted.or(target)
}

/// The story's own state standing in for a summoner that was only read back
/// (a description or a pronoun) to another country: the document's heaviest
/// country, when it is a country and not the code read. Both summoner steps
/// below ask this; each has its own test for the summons.
fn story_state_for_read_back(rc: &RecordContext<'_>, source: &Actor) -> Option<Actor> {
    let read_back = source.how.is_coref() || source.how.is_default();
    let home = rc.doc_countries.first()?;
    (read_back && *home != source.code && rc.is_country(home)).then(|| Actor {
        code: home.clone(),
        how: ActorHow::DefaultDocument,
        ..source.clone()
    })
}

/// "Tehran responded in kind. The foreign ministry summoned the ambassadors
/// of Germany, France and the Netherlands": a ministry told only by a
/// description or a pronoun (read back to the last country named) that
/// summons the envoys of that very country is no summoner of its own
/// envoys; it is the story's own state (`story_state_for_read_back`).
fn summoner_of_foreign_envoy(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    source: &Actor,
    target: Option<&Actor>,
) -> Actor {
    let summons =
        rc.s.tokens
            .get(m.trigger.0)
            .is_some_and(|t| t.lower.starts_with("summon"));
    let own_envoy = target.is_some_and(|t| t.code == source.code);
    (summons && own_envoy)
        .then(|| story_state_for_read_back(rc, source))
        .flatten()
        .unwrap_or_else(|| source.clone())
}

/// "The foreign ministry summoned Russia's charge d'affaires and demanded an
/// explanation": a verb coordinated with "summon" and sharing its subject
/// (`SentenceSyntax::conjoined_verb_lemma`) has the summoner as its doer
/// and the envoy's state as its party. When the ministry was read back to
/// the envoy's own country, the doer is the story's own state
/// (`story_state_for_read_back`) and the envoy's country, the code first
/// read for the doer, is the target unless the sentence named another one.
fn summoner_conjunct_sides(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    source: Actor,
    target: Option<Actor>,
) -> (Actor, Option<Actor>) {
    let after_summons = rc
        .syntax
        .and_then(|sx| sx.conjoined_verb_lemma(m.trigger.0))
        .is_some_and(|l| l.eq_ignore_ascii_case("summon"));
    let Some(summoner) = after_summons
        .then(|| story_state_for_read_back(rc, &source))
        .flatten()
    else {
        return (source, target);
    };
    let target_open = target
        .as_ref()
        .is_none_or(|t| t.how.is_default() || t.code == summoner.code || t.code == source.code);
    if !target_open {
        return (source, target);
    }
    (summoner, Some(source))
}

/// Place mention `pm` tells where something happens, not who acts: a place
/// after a preposition ("in Georgetown"), or one that is not an actor the
/// sentence names ("The United States condemned ..." names a party).
fn sets_the_scene(rc: &RecordContext<'_>, pm: &PlaceMention) -> bool {
    let Some(k) = rc.token_at(pm.span) else {
        return true;
    };
    let after_preposition = rc.s.tokens[..k]
        .iter()
        .rev()
        .find(|t| !crate::events::DETERMINERS.contains(&t.lower.as_str()))
        .is_some_and(|t| SCENE_PREPOSITIONS.contains(&t.lower.as_str()));
    after_preposition
        || !rc
            .phrases
            .iter()
            .any(|ph| ph.first <= k && k < ph.end && ph.code.is_some() && !ph.how.is_default())
}

/// Prepositions that set a place as the scene of an act.
const SCENE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "around",
    "within",
    "throughout",
    "from",
];

/// "Condolences came from Ghana, Togo and Benin": a country listed with
/// the source is one more sender of the same act (`events::actor_list`),
/// not the place or party it is aimed at.
fn listed_with_source(rc: &RecordContext<'_>, m: &EventMatch, span: Span) -> bool {
    let ActorSlot::Phrase(s) = m.source else {
        return false;
    };
    let Some(k) = rc
        .phrases
        .iter()
        .position(|ph| !ph.modifier_only && phrase_span(rc.s, ph).overlaps(span))
        .filter(|&k| k != s)
    else {
        return false;
    };
    // Asked per place of the sentence: the words are gathered only when a
    // place lies in another actor phrase than the source.
    let lower: Vec<&str> = rc.s.tokens.iter().map(|t| t.lower.as_str()).collect();
    crate::events::in_one_actor_list(&lower, rc.phrases, s, k)
}

/// "Uganda condemned the Sudanese army for bombing a refugee camp": the
/// act a party is judged for (`SentenceSyntax::act_judged`) is not aimed at
/// the judge, the sentence's other party; with no target named it has none
/// but the doer's own side.
fn judged_act(rc: &RecordContext<'_>, m: &EventMatch) -> bool {
    rc.syntax.is_some_and(|sx| sx.act_judged(m.trigger.0))
}

/// "The dockers' union threatened a national strike": a
/// source of the country's own society or police (civilians, opposition,
/// police, workers, students, farmers) that names no one it acts on acts
/// on its own state, not on a foreign party the story named before
/// (GUIDELINES: a society's protest or demand is aimed at its own
/// government), as `own_state_of_society` holds for a defaulted target.
fn acts_at_home_by_sector(source: &Actor) -> bool {
    matches!(
        source.sector,
        Some(Sector::Cvl | Sector::Opp | Sector::Cop | Sector::Lab | Sector::Edu | Sector::Agr)
    )
}

/// The target when the text names none: a place after the trigger in
/// another country ("an air strike was reported in Gaza"); else the other
/// party for acts aimed at someone; else the source's own country.
fn implicit_target(
    rc: &RecordContext<'_>,
    p: &Pattern,
    m: &EventMatch,
    trig: Span,
    source: &Actor,
) -> Option<Actor> {
    let lex = rc.lex;
    // A town inside an actor phrase ("midnight Moscow time", a seat of
    // government) is no place of the event; a country still is, and so is
    // a seat named alone after a preposition of place ("struck targets
    // near Damascus").
    let placed_after = rc
        .places
        .iter()
        .filter(|pm| {
            lex.gazetteer.place(pm.place).kind == PlaceKind::Country
                || !rc.phrases.iter().any(|ph| {
                    !ph.modifier_only
                        && phrase_span(rc.s, ph).overlaps(pm.span)
                        && !placed_by_preposition(rc.s, ph, pm.span)
                })
        })
        .find(|pm| {
            pm.span.start >= trig.end
                && !rc.token_at(pm.span).is_some_and(|k| {
                    rc.syntax
                        .is_some_and(|sx| topic_of_talks(&rc.s.tokens, sx, &lex.patterns, k))
                })
                && !rc.in_nested_clause(trig, pm.span)
                && !rc.agent_of_other_participle(trig, pm.span)
                && !rc.in_later_conjunct(trig, pm.span)
                && !listed_with_source(rc, m, pm.span)
                && !names_a_treaty(rc, pm.span)
                && !before_currency_name(rc, pm.span)
        });
    // "ECOWAS leaders met in Abuja": talks have a venue, not a party there
    // (a visit or a hosting, CAMEO 042/043, is aimed at the place: "arrived
    // in Taipei"); so has a signing ("the accord was signed in Doha").
    let venue = placed_after
        .filter(|pm| (is_talks(p) || p.category == Category::Agree) && rc.venue_of(trig, pm.span));
    let placed_after = placed_after.filter(|_| venue.is_none());
    // An organisation's people meeting at a venue ("the bloc's ministers,
    // meeting in Jakarta") meet among themselves (GUIDELINES: a meeting
    // inside one organisation): the story's other party is not their
    // partner.
    let inside_organisation = is_talks(p) && venue.is_some() && !rc.is_country(&source.code);
    // "Azerbaijan said its forces had captured Shusha": a place at home
    // where a named doer uses force is no other party's; the act stays in
    // the source's country rather than going to whoever was named last.
    // A doer the text does not name keeps the document's other party
    // ("fighting broke out in Nakuru").
    let unnamed = matches!(
        m.source,
        ActorSlot::Default { .. } | ActorSlot::Unattributed
    );
    let at_home = placed_after.is_some_and(|pm| {
        !unnamed
            && matches!(p.category, Category::Assault | Category::Coerce)
            && lex.gazetteer.place(pm.place).country == source.code
    });
    let place_target = placed_after.and_then(|pm| {
        let pl = lex.gazetteer.place(pm.place);
        // A sea or a continent is no party ("a ship in the Red Sea").
        (!pl.country.is_empty() && pl.country != source.code).then(|| Actor {
            code: pl.country.to_string(),
            sector: None,
            span: pm.span,
            how: ActorHow::Place,
        })
    });
    // Statements, sanctions and visits are aimed at someone: the other
    // party the text has been talking about. Protests, repression and
    // concessions default to the source's own country.
    let domestic = rc.lex.categories.get(p.category).no_target == NoTarget::Domestic
        || inside_organisation
        || at_home
        || acts_at_home_by_sector(source)
        || aimed_at_private_persons(rc, trig)
        || own_domestic_matter(rc, trig, source)
        || judged_act(rc, m);
    // With no actor named at all ("the fighting broke out"), the other
    // party is the document's next main country, not the last one named.
    let other = (!domestic)
        .then(|| {
            if unnamed {
                rc.doc_countries
                    .iter()
                    .find(|c| is_other_party(rc, c, &source.code))
                    .filter(|c| talked_of_lately(rc, c))
            } else if source.how.is_default() {
                last_mentioned_party(rc, &source.code)
            } else {
                last_partner(rc, &source.code, m.trigger.0)
                    .or_else(|| last_mentioned_party(rc, &source.code))
            }
        })
        .flatten()
        .map(|c| Actor {
            code: c.clone(),
            sector: None,
            span: source.span,
            how: ActorHow::DefaultOtherParty,
        });
    place_target.or(other).or_else(|| {
        let code = if rc.is_country(&source.code) {
            source.code.clone()
        } else if p.category == Category::Consult {
            // An organisation's meeting with no partner named ("ECOWAS
            // leaders met in Abuja") is with no one: the host country is
            // the venue, not a party.
            return None;
        } else {
            rc.default_code?.to_string()
        };
        Some(Actor {
            code,
            sector: None,
            span: source.span,
            how: ActorHow::DefaultDomestic,
        })
    })
}

/// A place right before a currency's name ("paid in U.S. dollars") is the
/// currency's country, kept as a place (GeoWebNews annotates it) but no
/// party an act is aimed at (`data/lexicon/currency_words.txt`).
fn before_currency_name(rc: &RecordContext<'_>, span: Span) -> bool {
    rc.s.tokens
        .iter()
        .find(|t| t.span.start >= span.end)
        .is_some_and(|t| rc.lex.actors.is_currency_word(&t.lower))
}

/// Talks, meetings and calls (CONSULT other than a visit or a hosting,
/// CAMEO 042/043): the place they are held in is their venue, not a party.
fn is_talks(p: &Pattern) -> bool {
    p.category == Category::Consult && !matches!(p.cameo.as_str(), "042" | "043")
}

/// Coder token `k` lies in the direct object of a verb of talks whose
/// pattern takes its party from a preposition, not from the object
/// ("discuss ... with", "negotiate ... with"): the object is what was talked
/// about ("the two leaders discussed the war in Ukraine"), so a place in it
/// is the topic, neither a party to the talks nor where the sentence is set.
fn topic_of_talks(
    tokens: &[Token],
    sx: &SentenceSyntax<'_>,
    patterns: &EventPatterns,
    k: usize,
) -> bool {
    let Some(verb) = sx.verb_of_object_holding(k) else {
        return false;
    };
    let Some(word) = tokens.get(verb) else {
        return false;
    };
    // The hand patterns decide; they override the generated ones.
    let mut hand = patterns
        .triggers(&word.lower)
        .iter()
        .map(|f| patterns.pattern(f.pattern))
        .filter(|p| p.generated.is_none())
        .peekable();
    hand.peek().is_some() && hand.all(|p| is_talks(p) && !p.targets.contains(&TargetSlot::Object))
}

/// "Trump offered the family assistance": an act whose object is kin or
/// private company (`data/lexicon/private_parties.txt`) is aimed at them,
/// not at the other party the story was talking about (the Vatican of the
/// Pope named before): its unnamed target is the source's own side.
fn aimed_at_private_persons(rc: &RecordContext<'_>, trig: Span) -> bool {
    let (Some(sx), Some(k)) = (rc.syntax, rc.token_at(trig)) else {
        return false;
    };
    sx.aims_at_private_party(k, |lemma| rc.lex.patterns.is_private_party(lemma))
}

/// "The home minister rejected the ruling", "the president refused to sign
/// a law", "the government agreed to raise the minimum wage": a doer of the
/// story's own country acting on a matter of a state's domestic business
/// (`data/lexicon/domestic_matters.txt`, `SentenceSyntax::acts_on_matter`)
/// acts at home, not on the other party the story named before. A foreign
/// doer ("the IMF welcomed the budget") still aims at the other party.
fn own_domestic_matter(rc: &RecordContext<'_>, trig: Span, source: &Actor) -> bool {
    let (Some(sx), Some(k)) = (rc.syntax, rc.token_at(trig)) else {
        return false;
    };
    rc.doc_countries.first() == Some(&source.code)
        && sx.acts_on_matter(k, |lemma| rc.lex.patterns.is_domestic_matter(lemma))
}

/// Statements aimed at a party: a source the text leaves unnamed is not
/// the party it names as the target (`source_other_than_target`).
fn aimed_statement(category: Category) -> bool {
    matches!(
        category,
        Category::Request
            | Category::Accuse
            | Category::Reject
            | Category::Threaten
            | Category::Support
            | Category::Sanction
    )
}

/// "Officials warned Kenya that ...": an unnamed official source coded
/// only by default (the sentence's or the document's country) that would
/// be the very state named as the target of a statement aimed at it is
/// someone else's: the other state the text talked about before this
/// sentence (`recent`, not the content clause's subject). With none, the
/// default stays. Not for a person or a people as the target ("prosecutors
/// indicted his wife", "protesters urged the president": their own
/// country's), nor for a source of the country's own society (opposition,
/// civilians, police). A passive's agent is read by
/// [`passive_agent_at_home`].
fn source_other_than_target(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    category: Category,
    source: Actor,
    target: Option<&Actor>,
) -> Actor {
    let Some(t) = target.filter(|t| !t.how.is_default() && t.code == source.code) else {
        return source;
    };
    if !aimed_statement(category) || !rc.is_country(&t.code) {
        return source;
    }
    if m.passive {
        return passive_agent_at_home(rc, source, t);
    }
    let state_named = match m.target {
        ActorSlot::Phrase(i) => rc
            .phrases
            .get(i)
            .is_some_and(|ph| names_country_only(rc, ph) || names_an_envoy(rc, ph)),
        _ => false,
    };
    let official = matches!(source.sector, None | Some(Sector::Gov | Sector::Mil));
    if !matches!(m.source, ActorSlot::Phrase(_))
        || !source.how.is_default()
        || !state_named
        || !official
    {
        return source;
    }
    match last_other_party(rc, &t.code, Lookback::Story, |c| rc.is_country(c)) {
        Some(c) => Actor {
            code: c.clone(),
            how: ActorHow::DefaultOtherParty,
            ..source
        },
        None => source,
    }
}

/// "Mozambique's high commissioner was summoned to the foreign ministry", in
/// a story datelined Harare: the agent of a passive statement aimed at a
/// named state's envoy or office (`target`, of the source's own code),
/// when only the sentence's country (the target's own, from
/// "Mozambique's") codes it, is no party of the target's side (a state
/// does not summon or reproach its own envoy) but the story's home, the
/// dateline's country. With no dateline, or one of the target's country,
/// the default stays.
fn passive_agent_at_home(rc: &RecordContext<'_>, source: Actor, target: &Actor) -> Actor {
    let home = rc
        .dateline_country
        .filter(|d| *d != target.code.as_str() && rc.is_country(d));
    match home {
        Some(d) if source.how == ActorHow::DefaultSentence => Actor {
            code: d.to_string(),
            how: ActorHow::DefaultDocument,
            ..source
        },
        _ => source,
    }
}

/// A pronoun patient of an agentless charge or custody act ("They were
/// charged", "He was jailed") right after a detention continues that
/// detention's case: the people held are charged, not their captors.
/// `freed_pronoun_side` then reads it as a release is read, but only after a
/// detention (COERCE) and without its fallback to the last other party.
fn held_in_custody(category: Category) -> bool {
    matches!(category, Category::Accuse | Category::Coerce)
}

/// "The Taliban detained three British aid workers. They were freed": the
/// pronoun patient of a release with no agent stands for the people held,
/// not for whoever its antecedent chain reached (the detainers, the
/// previous subject). When an earlier sentence's act had the pronoun's
/// party as its doer, the party that act was done to is the one freed, and
/// the doer is who frees them in place of a default source; else a
/// pronoun that only repeats the default source's own party is the other
/// party the text talked of lately. Only releases: other passives ("he was
/// killed") often do tell of a party's own people.
fn freed_pronoun_side(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    category: Category,
    source: Actor,
    target: Option<Actor>,
) -> (Actor, Option<Actor>) {
    let Some(t) = target else {
        return (source, None);
    };
    let no_agent = !matches!(m.source, ActorSlot::Phrase(_));
    let custody = held_in_custody(category);
    if !no_agent
        || !(category == Category::Retreat || custody)
        || !source.how.is_default()
        || !matches!(t.how, ActorHow::CorefPronoun(_))
    {
        return (source, Some(t));
    }
    // A charge may also take up the people held by their own pronoun ("He
    // was jailed" after "arrested a Greek sailor"): the captor charges them.
    let held_by = rc.partners.iter().rev().find(|p| {
        p.sentence < rc.sentence
            && p.source != p.target
            && if custody {
                p.category == Category::Coerce && (p.source == t.code || p.target == t.code)
            } else {
                p.source == t.code
            }
    });
    if let Some(p) = held_by {
        let source = if source.code == p.target {
            Actor {
                code: p.source.clone(),
                ..source
            }
        } else {
            source
        };
        let target = Actor {
            code: p.target.clone(),
            sector: None,
            ..t
        };
        return (source, Some(target));
    }
    if custody || t.code != source.code {
        return (source, Some(t));
    }
    let target = match last_other_party(rc, &t.code, Lookback::Lately, |_| true) {
        Some(c) => Actor {
            code: c.clone(),
            sector: None,
            ..t
        },
        None => t,
    };
    (source, Some(target))
}

/// "Japan protested to Russia after its jets violated Japanese airspace":
/// a pronoun doer of a show of force, an attack, a threat or a sanction
/// aimed at a thing of a state the text names (its airspace, waters,
/// border: a target with no sector) is not that state itself; it is the
/// nearest other state named before it in the sentence, else the one the
/// text talked of lately. A state acting on its own people keeps its
/// pronoun ("its police arrested Kenyan smugglers": the target has a
/// sector).
fn pronoun_of_the_other_side(
    rc: &RecordContext<'_>,
    category: Category,
    source: Actor,
    target: Option<&Actor>,
) -> Actor {
    let Some(t) =
        target.filter(|t| !t.how.is_default() && t.code == source.code && t.sector.is_none())
    else {
        return source;
    };
    if !matches!(source.how, ActorHow::CorefPronoun(_))
        || !matches!(
            category,
            Category::Mobilize | Category::Assault | Category::Threaten | Category::Sanction
        )
        || !rc.is_country(&t.code)
    {
        return source;
    }
    let in_sentence = rc
        .phrases
        .iter()
        .filter(|ph| {
            !ph.modifier_only
                && !ph.pronoun
                && !ph.how.is_default()
                && rc.s.tokens[ph.first].span.start < source.span.start
        })
        .filter_map(|ph| ph.code.as_ref())
        .rfind(|c| c.as_str() != t.code && rc.is_country(c));
    // Still the pronoun's reading: only its antecedent changes.
    match in_sentence
        .or_else(|| last_other_party(rc, &t.code, Lookback::Lately, |c| rc.is_country(c)))
    {
        Some(c) => Actor {
            code: c.clone(),
            ..source
        },
        None => source,
    }
}

/// Phrase `ph` names a state's representative abroad by its office
/// ("Kenya's ambassador", "Mozambique's high commissioner"; a person's name
/// after the office would end the phrase): it stands for that state.
fn names_an_envoy(rc: &RecordContext<'_>, ph: &ActorPhrase) -> bool {
    !ph.pronoun && ends_with_envoy_office(rc, ph.first, ph.end)
}

/// Tokens `first..end` end with an envoy's office: the last word in
/// `envoy_nouns.txt`, "commissioner" only after "high" within them (a
/// human-rights or trade commissioner is no envoy).
fn ends_with_envoy_office(rc: &RecordContext<'_>, first: usize, end: usize) -> bool {
    let words = rc.s.tokens.get(first..end).unwrap_or_default();
    let Some((last, rest)) = words.split_last() else {
        return false;
    };
    rc.lex.words.envoy_nouns.contains(&last.lower)
        && (last.lower != "commissioner" || rest.last().is_some_and(|t| t.lower == "high"))
}

/// The phrase is a country's name and nothing more ("Kenya", "the United
/// States"), not an institution or a person of it ("the U.S. Fish and
/// Wildlife Service").
fn names_country_only(rc: &RecordContext<'_>, ph: &ActorPhrase) -> bool {
    !ph.person
        && !ph.pronoun
        && rc.s.mentions.iter().any(|mn| {
            mn.end == ph.end
                && (mn.first == ph.first || mn.first == ph.first + 1)
                && matches!(&mn.kind, MentionKind::Entries(es)
                    if es.first().is_some_and(|&e| rc.lex.actors.entry(e).kind == EntryKind::Country))
        })
}

/// Two parties an event coded so far links, the sentence it is in and
/// its trigger's first token there.
#[derive(Debug, Clone)]
struct Partnership {
    source: String,
    target: String,
    sentence: usize,
    trigger: usize,
    /// The event's category and its doer's sector: `doer_of_the_scene`
    /// reads an agentless act of force as one more act of the same force.
    category: Category,
    source_sector: Option<Sector>,
    /// The text named the doer (not a default).
    source_named: bool,
}

impl Partnership {
    /// The event's doer as the actor a later reference to the event at
    /// `span` takes up (`coref:event`): "rejected the appeal", "condemned
    /// the expulsion of X".
    fn doer_at(&self, span: Span) -> Actor {
        Actor {
            code: self.source.clone(),
            sector: self.source_sector,
            span,
            how: ActorHow::CorefEvent,
        }
    }
}

/// The state the text last named as the other side of an event of
/// `source`: "Baku apologised" after "Azerbaijani forces shot down a
/// Russian helicopter" is aimed at Russia, not at the country named last.
/// An organisation counts only when the source acted on it with a verb
/// this trigger's verb is coordinated after ("accused the bloc of serving
/// foreign interests and warned that any intervention would be met with
/// force"); elsewhere, or as the one who acted on the source, it is a
/// bystander of the story (`is_other_party`).
fn last_partner<'a>(rc: &RecordContext<'a>, source: &str, trigger: usize) -> Option<&'a String> {
    rc.partners.iter().rev().find_map(|p| {
        let other = if p.source == source {
            &p.target
        } else if p.target == source {
            &p.source
        } else {
            return None;
        };
        let acted_on_just_before = p.sentence == rc.sentence
            && p.source == source
            && rc
                .syntax
                .is_some_and(|sx| sx.in_later_conjunct(p.trigger, trigger))
            && other != source;
        (is_other_party(rc, other, source) || acted_on_just_before).then_some(other)
    })
}

/// How many sentences back the body may have named the unnamed other
/// party of an act. Further back, the country came up in another part of
/// the story (a local report that once named a foreign town, a person's
/// birthplace, a war three paragraphs up), and the act, with no one named
/// it is aimed at, stays at home (GUIDELINES: target null then).
const OTHER_PARTY_WINDOW: usize = 3;

/// The state talked about last, other than `source`, when the body named
/// it in this sentence's last `OTHER_PARTY_WINDOW` sentences. The headline
/// and the dateline frame the whole story (often its home country) and
/// name no one a particular act is aimed at: they are not counted.
fn last_mentioned_party<'a>(rc: &RecordContext<'a>, source: &str) -> Option<&'a String> {
    last_other_party(rc, source, Lookback::Lately, |c| rc.is_country(c))
}

/// How far back [`last_other_party`] looks among the parties talked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lookback {
    /// Anywhere earlier in the story: the party a passive or a statement
    /// at a named state answers to is the story's other side, however
    /// long ago it was named.
    Story,
    /// The body's last `OTHER_PARTY_WINDOW` sentences (`named_lately`).
    Lately,
}

/// The party talked about last, other than `other_than`, within `lookback`
/// and accepted by `eligible` (a state only, or any party). The one search
/// behind every "the other side the text was talking about" default.
fn last_other_party<'a>(
    rc: &RecordContext<'a>,
    other_than: &str,
    lookback: Lookback,
    eligible: impl Fn(&str) -> bool,
) -> Option<&'a String> {
    rc.recent
        .iter()
        .rev()
        .filter(|r| lookback == Lookback::Story || named_lately(r, rc.sentence))
        .map(|r| &r.code)
        .find(|c| c.as_str() != other_than && eligible(c))
}

/// Whether the body named country `c` in this sentence's last
/// `OTHER_PARTY_WINDOW` sentences.
fn talked_of_lately(rc: &RecordContext<'_>, c: &str) -> bool {
    rc.recent
        .iter()
        .any(|r| r.code == c && named_lately(r, rc.sentence))
}

/// Whether the body named party `r` at most `OTHER_PARTY_WINDOW`
/// sentences before sentence `now`.
fn named_lately(r: &RecentParty, now: usize) -> bool {
    r.sentence
        .is_some_and(|k| now.saturating_sub(k) <= OTHER_PARTY_WINDOW)
}

/// The country of an event's source when it is a court the text names
/// (`DocumentState::last_court`).
fn named_court(rec: &EventRecord) -> Option<&str> {
    rec.source
        .as_ref()
        .filter(|src| src.sector == Some(Sector::Jud) && !src.how.is_default())
        .map(|src| src.code.as_str())
}

/// Adds the event's (source, target) to the partners when the text named
/// the target (a guessed target is no evidence of who deals with whom).
fn remember_partners(
    partners: &mut Vec<Partnership>,
    rec: &EventRecord,
    sentence: usize,
    trigger: usize,
) {
    if let (Some(src), Some(tgt)) = (&rec.source, &rec.target) {
        if !tgt.how.is_default() {
            partners.push(Partnership {
                source: src.code.clone(),
                target: tgt.code.clone(),
                sentence,
                trigger,
                category: rec.category,
                source_sector: src.sector,
                source_named: !src.how.is_default(),
            });
        }
    }
}

/// Whether code `c`, last talked about, can be the unnamed other party of
/// an act by `source`: another state. An organisation named along the way
/// (the UN reporting a clash, an agency asked to investigate) is a
/// bystander of the story, not the one an unaimed act is directed at.
fn is_other_party(rc: &RecordContext<'_>, c: &str, source: &str) -> bool {
    c != source && rc.is_country(c)
}

/// A time expression inside a participle clause that describes an object
/// ("released the mayor, jailed a year ago", "ordered the activists
/// arrested over the past week to be freed") dates that noun's story, not
/// the event. Before the trigger only a direct object's participle counts:
/// a clause on the subject ("ministers, who met on Monday, expressed ...")
/// or in a prepositional phrase ("in a letter handed over on Monday")
/// usually tells the occasion of the act.
fn dates_a_noun(rc: &RecordContext<'_>, trig: Span, t: &TimeExpression) -> bool {
    let after = t.span.start >= trig.end;
    match (rc.syntax, rc.token_at(trig), rc.token_at(t.span)) {
        (Some(sx), Some(a), Some(b)) if after => sx.time_on_noun_modifier(a, b),
        (Some(sx), Some(a), Some(b)) => sx.time_on_object_modifier(a, b),
        _ => false,
    }
}

/// A time expression on the event noun of "after"/"since" ("after the
/// shooting last week") dates that earlier event, not the act.
fn dates_a_prior_event(rc: &RecordContext<'_>, trig: Span, t: &TimeExpression) -> bool {
    match (rc.syntax, rc.token_at(trig), rc.token_at(t.span)) {
        (Some(sx), Some(a), Some(b)) => sx.time_of_prior_event(a, b),
        _ => false,
    }
}

/// A time expression in the possessive on another noun than the trigger
/// ("detained dozens as they broke up a protest against the exclusion of
/// the candidate from January's election") dates that noun's occasion.
/// A day counted from it ("a day after Monday's summit") is the event's.
fn dates_a_possessed_noun(rc: &RecordContext<'_>, trig: Span, t: &TimeExpression) -> bool {
    let counted = t
        .span
        .of(rc.text)
        .split_whitespace()
        .any(|w| matches!(w, "after" | "before"));
    if counted {
        return false;
    }
    let last = Span::new(t.span.end.saturating_sub(1), t.span.end);
    match (rc.syntax, rc.token_at(trig), rc.token_at(last)) {
        (Some(sx), Some(a), Some(b)) => sx.time_possessive_on_other_noun(a, b),
        _ => false,
    }
}

/// A bare year set before an accord noun (`accord_nouns.txt`) after a
/// determiner or a possessive ("in breach of the 1923 Treaty of Lausanne",
/// "calling for the 1994 peace treaty to be torn up", "its 2016 supply
/// deal") names when that accord was made, not the act, unless the accord
/// noun or a word between is the trigger ("a 2016 agreement with the EU").
/// Up to three words may stand between the year and the noun; the year is
/// the act's when the act is done on the accord (`acts_on_accord`).
fn dates_an_accord(rc: &RecordContext<'_>, trig: Span, t: &TimeExpression) -> bool {
    let words = &rc.s.tokens;
    let Some(k) = words.iter().position(|w| w.span == t.span) else {
        return false;
    };
    let bare_year = words[k].lower.len() == 4 && words[k].lower.chars().all(|c| c.is_ascii_digit());
    let determined = k.checked_sub(1).is_some_and(|j| {
        matches!(
            words[j].lower.as_str(),
            "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "'s" | "this" | "that"
        )
    });
    if !bare_year || !determined {
        return false;
    }
    words
        .iter()
        .enumerate()
        .skip(k + 1)
        .take(4)
        .take_while(|(_, w)| w.is_word)
        .find(|(_, w)| {
            let lemma = w.lower.strip_suffix('s').unwrap_or(&w.lower);
            rc.lex.patterns.is_accord_noun(&w.lower) || rc.lex.patterns.is_accord_noun(lemma)
        })
        .is_some_and(|(n, noun)| {
            let inside = trig.start >= t.span.start && trig.end <= noun.span.end;
            !(inside || acts_on_accord(rc, trig, n))
        })
}

/// The trigger acts on the accord noun (coder token `noun`): its object
/// ("China, which brokered the 2023 deal", "signed a 2014 accord") or a
/// participle on it ("The 1995 Mekong Agreement, signed by the four
/// countries"), so the accord's year is the act's.
fn acts_on_accord(rc: &RecordContext<'_>, trig: Span, noun: usize) -> bool {
    let (Some(sx), Some(a)) = (rc.syntax, rc.token_at(trig)) else {
        return true;
    };
    sx.object_of_verb(a, noun) || sx.clause_on_noun(a, noun)
}

/// A time expression before the trigger in a relative clause set off by
/// commas that does not hold the trigger ("the release of Yaish, who had
/// been arrested 15 months ago, came as Israel announced ...") dates that
/// clause's background act, not the trigger's; so does one in such a
/// clause after the trigger ("rejected the request to halt the swearing-in,
/// which is set for May 2").
fn dates_other_relative_clause(rc: &RecordContext<'_>, trig: Span, t: &TimeExpression) -> bool {
    match (rc.syntax, rc.token_at(trig), rc.token_at(t.span)) {
        (Some(sx), Some(a), Some(b)) if t.span.end <= trig.start => {
            sx.time_in_other_relative_clause(a, b, names_past_span(rc, t))
        }
        (Some(sx), Some(a), Some(b)) => {
            sx.time_in_later_relative_clause(a, b, names_past_span(rc, t))
                || opened_by_relative_pronoun(rc, a, b)
        }
        _ => false,
    }
}

/// "The federation, which has been on strike since Nov. 16, said at least
/// 60 teachers were injured": the start of a state under way ("since ...")
/// in a relative clause dates that state, never another verb's act.
fn dates_other_ongoing_state(rc: &RecordContext<'_>, trig: Span, t: &TimeExpression) -> bool {
    starts_ongoing_state(rc.text, t)
        && match (rc.syntax, rc.token_at(trig), rc.token_at(t.span)) {
            (Some(sx), Some(a), Some(b)) => sx.under_relative_clause(b) && !sx.same_verb(a, b),
            _ => false,
        }
}

/// "called on the Houthis to free detained U.N. staff, dozens of whom have
/// been held since 2024": a comma and then, within three words, "who",
/// "whom", "which" or "whose" between the trigger (coder token `trigger`)
/// and the time (`time`), with no comma after the pronoun, open a
/// relative clause the time is in, whatever the parse made of it. Not
/// when the clause is on the trigger itself ("the war, which began in
/// 2003").
fn opened_by_relative_pronoun(rc: &RecordContext<'_>, trigger: usize, time: usize) -> bool {
    let words = &rc.s.tokens;
    (trigger + 2..time).any(|c| {
        words[c].lower == ","
            && (c + 1..(c + 4).min(time)).any(|w| {
                matches!(words[w].lower.as_str(), "who" | "whom" | "which" | "whose")
                    && !words[w + 1..time].iter().any(|k| k.lower == ",")
            })
    })
}

/// Whether `t` is a whole year that ended before publication ("in 2010"),
/// a past week or month ("last week", "in March"), or a span of more than
/// a month ("in recent years", "since 2024"): an act so dated in a
/// relative clause on the doer ("the UN mission, which sent a patrol last
/// week, condemned ..."; "Iran, whose artillery has shelled Kurdish groups
/// in recent years, urged restraint") is background, never the story's
/// news of the day.
fn names_past_span(rc: &RecordContext<'_>, t: &TimeExpression) -> bool {
    let TimeValue::Window {
        start,
        end,
        precision,
    } = t.value
    else {
        return false;
    };
    let Some(p) = rc.doc.published.as_ref() else {
        return false;
    };
    if (end - start).num_days() > 31 {
        return true;
    }
    match precision {
        DatePrecision::Year => end.year() < p.date.year(),
        DatePrecision::Week | DatePrecision::Month => end < p.date,
        DatePrecision::Day => false,
    }
}

/// A time expression on another verb under "will" or "would" ("said the
/// talks would resume next week, and the AU urged ...") dates that planned
/// act, not the trigger.
fn dates_other_planned_act(rc: &RecordContext<'_>, trig: Span, t: &TimeExpression) -> bool {
    match (rc.syntax, rc.token_at(trig), rc.token_at(t.span)) {
        (Some(sx), Some(a), Some(b)) => sx.time_of_planned_act(b) && !sx.same_verb(a, b),
        _ => false,
    }
}

/// Fewest and most days before publication a carried day may lie for a
/// statement to leave it: nearer is the same news cycle, older a past
/// story the text retells.
const STALE_CARRY_DAYS: std::ops::RangeInclusive<i64> = 3..=61;

/// Whether the carried day is too old to date statement `rec`, which has
/// no time of its own: an accusation, demand, rejection, threat or praise
/// told a paragraph after the story's scene of some days before ("Police
/// broke up the march on Nov. 28. ¶ Opposition leader X accused the party
/// of ..." in a story of Dec. 4) is the reaction as the story is written,
/// dated at publication. Within the scene's own paragraph it is told as
/// part of that scene and keeps its day; one in the past perfect ("which
/// had asked the court to annul the result") stays in that past.
fn stale_for_statement(
    rc: &RecordContext<'_>,
    carry: &DateCarry,
    m: &EventMatch,
    rec: &EventRecord,
) -> bool {
    let Some(TimeValue::Window { start, .. }) = carry.candidate().map(|t| t.value) else {
        return false;
    };
    let Some(p) = rc.doc.published.as_ref() else {
        return false;
    };
    let trig = Span::new(
        rc.s.tokens[m.trigger.0].span.start,
        rc.s.tokens[m.trigger.1 - 1].span.end,
    );
    carry.crossed_paragraph()
        && is_statement(rec.category)
        && STALE_CARRY_DAYS.contains(&(p.date - start).num_days())
        && !past_perfect_trigger(rc, trig)
        && !also_before(&rc.s.tokens, m.trigger.0)
}

/// "The teachers also urged the government to resume talks": an "also"
/// among the two words before the trigger adds the statement to what the
/// text has told, so it keeps the day of that scene.
fn also_before(tokens: &[Token], trigger: usize) -> bool {
    tokens[trigger.saturating_sub(2)..trigger]
        .iter()
        .any(|t| t.lower == "also")
}

/// Categories of what is said rather than done.
fn is_statement(category: Category) -> bool {
    matches!(
        category,
        Category::Accuse
            | Category::Request
            | Category::Reject
            | Category::Threaten
            | Category::Support
    )
}

/// The trigger's verb is in the past perfect ("had asked"). False when
/// not parsed.
fn past_perfect_trigger(rc: &RecordContext<'_>, trig: Span) -> bool {
    match (rc.syntax, rc.token_at(trig)) {
        (Some(sx), Some(a)) => sx.past_perfect(a),
        _ => false,
    }
}

/// For a stated intention (`intent`), a time expression after the trigger
/// that begins after publication ("said he would visit Uganda next
/// month"): when the act is planned, not when the intention was stated.
/// A past day stays, as the parse may hang the saying's date on the act
/// ("vowed to retaliate against Israel on Monday").
fn dates_planned_act(rc: &RecordContext<'_>, intent: bool, trig: Span, t: &TimeExpression) -> bool {
    let TimeValue::Window { start, .. } = t.value else {
        return false;
    };
    intent && t.span.start >= trig.end && rc.doc.published.as_ref().is_some_and(|p| start > p.date)
}

/// "On Tuesday evening, police fired tear gas to break up supporters who
/// had gathered ..., and 12 people were arrested": a time that opens the
/// sentence, set off by a comma, frames every clause of it; a relative
/// clause after it is no boundary for it.
fn frames_sentence(s: &SentenceWork, t: &TimeExpression) -> bool {
    let Some(first) = s.tokens.first() else {
        return false;
    };
    let opens = t.span.start == first.span.start
        || (first.lower == "on"
            && s.tokens
                .get(1)
                .is_some_and(|w| w.span.start == t.span.start));
    opens
        && s.tokens
            .iter()
            .find(|w| w.span.start >= t.span.end)
            .is_some_and(|w| w.lower == ",")
}

/// The event's date: the time expression nearest the trigger; else the
/// carried one; else publication. `None` when the chosen expression is not
/// a window of days.
fn choose_date(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    trig: Span,
    carried_date: Option<&TimeExpression>,
) -> Option<Dated> {
    let (s, text, times) = (rc.s, rc.text, rc.times);
    // A date before the trigger but across a relative or subordinate clause
    // boundary belongs to another verb ("..., who was arrested after ...").
    // The day of the verb an "after" clause hangs from bounds the clause's
    // own act ("on Thursday after Venezuela deployed troops").
    let bounds_after_clause =
        |t: &TimeExpression| match (rc.syntax, rc.token_at(trig), rc.token_at(t.span)) {
            (Some(sx), Some(a), Some(b)) => sx.time_after_clause_bound(a, b),
            _ => false,
        };
    let crosses_clause = |t: &TimeExpression| {
        !bounds_after_clause(t)
            && !frames_sentence(s, t)
            && t.span.end <= trig.start
            && s.tokens.iter().any(|tok| {
                tok.span.start >= t.span.end
                    && tok.span.end <= trig.start
                    && matches!(
                        tok.lower.as_str(),
                        "who" | "which" | "after" | "while" | "because" | ";" | "whom"
                    )
            })
    };
    // A stated intention is dated when it was stated: a date after the
    // trigger is when the action is planned ("would step down on Wednesday").
    let intent = m.stance == Stance::Intent;
    // A threat is dated when made, like an intention: "said it might
    // boycott next year's elections" is not a threat of next year.
    let threat = rc.lex.patterns.pattern(m.pattern).category == Category::Threaten;
    // So is a request: "urged supporters to march again on Dec. 20" asks now
    // for an act of Dec. 20.
    let request = rc.lex.patterns.pattern(m.pattern).category == Category::Request;
    // An agreement may be dated by its accord's year ("signed a 2014
    // accord"); no other act is (`dates_an_accord`).
    let agreement = rc.lex.patterns.pattern(m.pattern).category == Category::Agree;
    let accord_year = |t: &TimeExpression| !agreement && dates_an_accord(rc, trig, t);
    let windows: Vec<&TimeExpression> = times
        .iter()
        .filter(|t| matches!(t.value, TimeValue::Window { .. }))
        .filter(|t| {
            clause_on_time(rc, trig, t)
                || !is_deadline(text, t)
                    && !crosses_clause(t)
                    && !dates_a_noun(rc, trig, t)
                    && !dates_a_prior_event(rc, trig, t)
                    && !dates_a_possessed_noun(rc, trig, t)
                    && !accord_year(t)
                    && !dates_other_relative_clause(rc, trig, t)
                    && !dates_other_ongoing_state(rc, trig, t)
                    && !dates_planned_act(rc, intent || threat || request, trig, t)
                    && !dates_other_planned_act(rc, trig, t)
        })
        .collect();
    // Dates after the trigger read first ("held talks ... on Wednesday");
    // one before it must be much closer to win.
    let distance = |t: &TimeExpression| {
        if intent && t.span.start >= trig.end {
            usize::MAX
        } else if t.span.start >= trig.end {
            t.span.start - trig.end
        } else {
            (trig.start - t.span.end.min(trig.start)) * 3 + 20
        }
    };
    // A date hanging from the trigger's own verb is that verb's date, even
    // when another verb's date stands nearer.
    let on_trigger_verb = |t: &&&TimeExpression| {
        !intent
            && match (rc.syntax, rc.token_at(trig), rc.token_at(t.span)) {
                (Some(sx), Some(a), Some(b)) => sx.same_verb(a, b),
                _ => false,
            }
    };
    // Failing that, a verb sharing its subject with a dated verb shares
    // that date (`SentenceSyntax::time_on_coordinated_verb`).
    let on_coordinated_verb = |t: &&&TimeExpression| {
        !intent
            && match (rc.syntax, rc.token_at(trig), rc.token_at(t.span)) {
                (Some(sx), Some(a), Some(b)) => sx.time_on_coordinated_verb(a, b),
                _ => false,
            }
    };
    let own = windows
        .iter()
        .find(|t| clause_on_time(rc, trig, t))
        .or_else(|| {
            windows
                .iter()
                .filter(on_trigger_verb)
                .min_by_key(|t| distance(t))
        })
        .or_else(|| {
            windows
                .iter()
                .filter(on_coordinated_verb)
                .min_by_key(|t| distance(t))
        });
    // "Evangelical leaders are praising ... during the meeting this week":
    // an act in the present progressive goes on as the story is written;
    // another word's date, or the carried one, is not its date.
    let ongoing = own.is_none() && ongoing_act(rc, trig);
    let chosen = own
        .or_else(|| windows.iter().min_by_key(|t| distance(t)))
        .copied()
        .filter(|_| !ongoing);
    let carried_date = carried_date.filter(|_| !ongoing);
    Some(match (chosen.or(carried_date), rc.doc.published) {
        (Some(t), _) => {
            let (start, end, precision) = t.value.window()?;
            let days = times.iter().find_map(|d| match d.value {
                TimeValue::Duration { days }
                    if d.span.start >= trig.end && days > 0 && !lasts_other_act(rc, trig, d) =>
                {
                    Some(Duration::days(i64::from(days) - 1))
                }
                _ => None,
            });
            // An act in an "after" clause ends by the day that bounds it
            // ("on Wednesday after protesters blocked roads for a week").
            let (start, end) = match days {
                Some(d) if chosen.is_some_and(bounds_after_clause) => (start - d, Some(start)),
                Some(d) => (start, Some(start + d)),
                None => (start, (end != start).then_some(end)),
            };
            let end = end.filter(|&e| e != start);
            let carried = chosen.is_none();
            Dated {
                date: Some(start),
                date_end: end,
                precision: if carried {
                    "carried"
                } else {
                    precision.as_str()
                },
                text: (!carried).then(|| TextSpan {
                    text: t.span.of(text).to_string(),
                    span: rc.chars.span(t.span),
                }),
            }
        }
        (None, Some(pubd)) => Dated {
            date: Some(pubd.date),
            date_end: None,
            precision: "publication",
            text: None,
        },
        (None, None) => Dated {
            date: None,
            date_end: None,
            precision: "unknown",
            text: None,
        },
    })
}

/// "would not allow a repeat of 2020, when protesters stormed government
/// buildings": a clause the parse hangs on the time expression itself
/// tells what happened then, whatever verb the time hangs from.
fn clause_on_time(rc: &RecordContext<'_>, trig: Span, t: &TimeExpression) -> bool {
    let last =
        rc.s.tokens
            .iter()
            .rposition(|k| k.span.end <= t.span.end && k.span.start >= t.span.start);
    match (rc.syntax, rc.token_at(trig), rc.token_at(t.span), last) {
        (Some(sx), Some(a), Some(b), Some(e)) => sx.clause_hangs_on(a, b, e),
        _ => false,
    }
}

/// "signed a truce under which both sides agreed to halt fighting for 60
/// days": a duration the parse hangs from another verb than the trigger's
/// says how long that other act lasts, not the trigger's. False when not
/// parsed.
fn lasts_other_act(rc: &RecordContext<'_>, trig: Span, duration: &TimeExpression) -> bool {
    match (rc.syntax, rc.token_at(trig), rc.token_at(duration.span)) {
        (Some(sx), Some(a), Some(b)) => sx.hangs_from_other_verb(a, b),
        _ => false,
    }
}

/// Location. A place the sentence puts the event in ("in Bangkok", "near
/// the Tajik border") comes first; a country named as an actor is not a
/// location. Failing that: a country from the actors (`country_location`).
fn locate(
    rc: &RecordContext<'_>,
    category: Category,
    trig: Span,
    source: &Actor,
    target: Option<&Actor>,
) -> Option<LocationRecord> {
    let (lex, s, text) = (rc.lex, rc.s, rc.text);
    let locative = |span: Span| is_locative(s, span);
    let in_actor = |span: Span| {
        rc.phrases
            .iter()
            .any(|ph| !ph.modifier_only && phrase_span(s, ph).overlaps(span))
    };
    let nearest = |span: Span| {
        if span.start >= trig.end {
            span.start - trig.end
        } else {
            trig.start - span.end.min(trig.start) + 10
        }
    };
    let place_location = rc
        .places
        .iter()
        .filter(|pm| locative(pm.span) || !in_actor(pm.span))
        .filter(|pm| !pm.span.overlaps(source.span))
        .filter(|pm| rc.in_trigger_clause(trig, pm.span))
        .filter(|pm| !lex.gazetteer.place(pm.place).country.is_empty())
        .min_by_key(|pm| (!locative(pm.span), nearest(pm.span)))
        .map(|pm| {
            let pl = lex.gazetteer.place(pm.place);
            let admin1 = lex.gazetteer.admin1_of(pm.place);
            LocationRecord {
                code: pl.country.to_string(),
                place: Some(pl.name.to_string()),
                lat: Some(pl.lat),
                lon: Some(pl.lon),
                geonameid: Some(pl.geonameid),
                feature: kind_name(pl.kind).into(),
                admin1: admin1.map(|(code, _)| code.to_string()),
                admin1_name: admin1.and_then(|(_, name)| name).map(str::to_string),
                text: Some(pm.span.of(text).to_string()),
                span: Some(rc.chars.span(pm.span)),
                how: "sentence".into(),
            }
        });
    place_location.or_else(|| {
        let (code, how) = country_location(rc, category, source, target)?;
        let pl = lex.gazetteer.country(&code);
        Some(LocationRecord {
            code: code.clone(),
            place: pl
                .map(|p| p.name.to_string())
                .or_else(|| lex.actors.country_name(&code).map(str::to_string)),
            lat: pl.map(|p| p.lat),
            lon: pl.map(|p| p.lon),
            geonameid: pl.map(|p| p.geonameid),
            feature: "country".into(),
            admin1: None,
            admin1_name: None,
            text: None,
            span: None,
            how: how.into(),
        })
    })
}

/// A span after a locative preposition within the four words before it.
fn is_locative(s: &SentenceWork, span: Span) -> bool {
    let Some(k) = s.tokens.iter().position(|t| t.span.start == span.start) else {
        return false;
    };
    s.tokens[k.saturating_sub(4)..k]
        .iter()
        .rev()
        .take_while(|t| t.is_word)
        .any(|t| LOCATIVE.contains(&t.lower.as_str()))
}

/// A location country from the actors: a country adjective after a
/// locative ("near the Tajik exclave"); where the action lands for force
/// and aid (the target's country); where the actor is for statements,
/// decisions and domestic acts (the source's country); else the
/// dateline's; else the target's.
fn country_location(
    rc: &RecordContext<'_>,
    category: Category,
    source: &Actor,
    target: Option<&Actor>,
) -> Option<(String, &'static str)> {
    let adjective_location = rc
        .phrases
        .iter()
        .filter(|ph| ph.modifier_only && !ph.pronoun && is_locative(rc.s, phrase_span(rc.s, ph)))
        .filter_map(|ph| ph.code.clone().filter(|c| rc.is_country(c)))
        .next();
    if let Some(c) = adjective_location {
        return Some((c, "sentence"));
    }
    let lands_on_target = rc.lex.categories.get(category).location == LandsOn::Target;
    let target_country = target.map(|t| t.code.clone()).filter(|c| rc.is_country(c));
    let source_country = Some(source.code.clone()).filter(|c| rc.is_country(c));
    if lands_on_target {
        if let Some(c) = target_country.clone() {
            return Some((c, "target"));
        }
    }
    if let Some(c) = source_country {
        return Some((c, "source"));
    }
    if let Some(d) = rc.dateline_country {
        return Some((d.to_string(), "dateline"));
    }
    target_country.map(|c| (c, "target"))
}

/// The trigger words of a stoppage of work, when said alone.
const STRIKE_NOUNS: [&str; 2] = ["strike", "strikes"];

/// A "strike" done by working people — civilians, workers, teachers,
/// doctors, farmers, businesses ("a strike by oil workers", "teachers began
/// a strike") — is a labour strike (PROTEST, CAMEO 143), not a military
/// strike, which forces, rebels or a state carry out; so is a strike anyone
/// is "on". Only the noun: "a man strikes a police officer" is an assault.
fn labour_strike_recode(
    rc: &RecordContext<'_>,
    p: &Pattern,
    m: &EventMatch,
    category: Category,
    cameo: String,
    source: &Actor,
) -> (Category, String) {
    let noun =
        p.kind == TriggerKind::Noun || rc.syntax.is_some_and(|sx| sx.parsed_as_noun(m.trigger.0));
    let alone = noun
        && m.trigger.1 == m.trigger.0 + 1
        && rc
            .s
            .tokens
            .get(m.trigger.0)
            .is_some_and(|t| STRIKE_NOUNS.contains(&t.lower.as_str()));
    // "nurses are on strike": a strike one is on is a stoppage, whoever is on it.
    let on_it = m.trigger.0 >= 1
        && rc
            .s
            .tokens
            .get(m.trigger.0 - 1)
            .is_some_and(|t| t.lower == "on");
    let working_people = on_it
        || matches!(
            source.sector,
            Some(Sector::Cvl | Sector::Lab | Sector::Edu | Sector::Hlh | Sector::Agr | Sector::Bus)
        );
    if category == Category::Assault && alone && working_people {
        (Category::Protest, "143".to_string())
    } else {
        (category, cameo)
    }
}

/// "The teachers' federation, which has been on strike since Nov. 16": a
/// strike `labour_strike_recode` made a labour protest was first aimed as a
/// military strike, at the story's other party; a stoppage of work is aimed
/// at the strikers' own side, so a target only a default gives is the
/// source's own country.
fn labour_strike_target(
    rc: &RecordContext<'_>,
    was: Category,
    now: Category,
    source: &Actor,
    target: Option<Actor>,
) -> Option<Actor> {
    match target {
        Some(t)
            if was == Category::Assault
                && now == Category::Protest
                && t.how.is_default()
                && t.code != source.code
                && rc.is_country(&source.code) =>
        {
            Some(Actor {
                code: source.code.clone(),
                how: ActorHow::DefaultDomestic,
                ..t
            })
        }
        other => other,
    }
}

/// The nouns that name a crowd in protest.
const CROWD_NOUNS: [&str; 8] = [
    "protester",
    "protesters",
    "protestor",
    "protestors",
    "demonstrator",
    "demonstrators",
    "rioter",
    "rioters",
];

/// The verbs of a fight between two sides ("clashed with", "fought").
const CLASH_VERBS: [&str; 8] = [
    "clash", "clashes", "clashed", "clashing", "fight", "fights", "fought", "fighting",
];

/// An actor is a crowd in protest: a crowd noun is one of its words or
/// the word right after it, the head its phrase leaves out ("a Ukrainian
/// protestor" read as "a Ukrainian").
fn names_crowd(rc: &RecordContext<'_>, actor: &Actor) -> bool {
    let tokens = &rc.s.tokens;
    let first = tokens.partition_point(|t| t.span.end <= actor.span.start);
    let last = tokens.partition_point(|t| t.span.start < actor.span.end);
    tokens[first..(last + 1).min(tokens.len())]
        .iter()
        .any(|t| CROWD_NOUNS.contains(&t.lower.as_str()))
}

/// Force between a protesting crowd and others (GUIDELINES: riots are
/// PROTEST; crowd control is COERCE or ASSAULT): property a crowd in
/// protest destroys is a violent protest ("the building was demolished by
/// protesters": CAMEO 145), and security forces fighting a crowd in
/// protest repress it ("police clashed with rioters": 175).
fn crowd_violence_recode(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    category: Category,
    cameo: String,
    source: &Actor,
    target: Option<&Actor>,
) -> (Category, String) {
    let security = matches!(source.sector, Some(Sector::Mil | Sector::Cop));
    let clash =
        rc.s.tokens
            .get(m.trigger.0)
            .is_some_and(|t| CLASH_VERBS.contains(&t.lower.as_str()));
    if category == Category::Coerce && cameo == "1712" && names_crowd(rc, source) {
        (Category::Protest, "145".to_string())
    } else if category == Category::Assault
        && clash
        && security
        && target.is_some_and(|t| names_crowd(rc, t))
    {
        (Category::Coerce, "175".to_string())
    } else {
        (category, cameo)
    }
}

/// A ban or exclusion aimed at the actor's own people is repression; a
/// halt of negotiations (CAMEO 164) with its own rebels or opposition stays
/// a halt of negotiations ("suspended peace talks with the ELN").
fn own_people_recode(
    rc: &RecordContext<'_>,
    m: &EventMatch,
    category: Category,
    cameo: String,
    source: &Actor,
    target: Option<&Actor>,
) -> (Category, String) {
    let against_own = rc.lex.categories.get(category).against_own.as_ref();
    match (&m.target, target, against_own) {
        (ActorSlot::Phrase(_), Some(t), Some(r))
            if t.code == source.code && rc.is_country(&t.code) && !cameo.starts_with("164") =>
        {
            (r.category, r.cameo.clone())
        }
        _ => (category, cameo),
    }
}

/// The trigger's verb is in the present progressive ("are praising").
fn ongoing_act(rc: &RecordContext<'_>, trig: Span) -> bool {
    match (rc.syntax, rc.token_at(trig)) {
        (Some(sx), Some(a)) => sx.present_progressive(a),
        _ => false,
    }
}
