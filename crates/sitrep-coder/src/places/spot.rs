//! Toponym spotting: capitalised token runs looked up in the name index,
//! with the context rules that say a run is a person or a common word.

use std::collections::HashSet;

use super::gazetteer::{Entry, Gazetteer};
use super::names::key_of;
use super::{PlaceContext, PlaceKind, SMALL_TOWN_POPULATION};
use crate::document::Span;
use crate::lexicon::word_list::PlaceWords;

impl Gazetteer {
    /// Pass 0: candidate toponym runs with their index entries.
    pub(super) fn spot(&self, text: &str, tokens: &[Token], ctx: &PlaceContext) -> Vec<Spotted> {
        let mut out: Vec<Spotted> = Vec::new();
        // Names read as a person's somewhere in the document ("Mr. Moore",
        // "Mike Moore"): then "Moore" alone is the person too.
        let mut persons: HashSet<u64> = HashSet::new();
        // Of those, the names read after a title ("Coach Moore"): a person
        // even where the text seems to set the name as a place.
        let mut titled: HashSet<u64> = HashSet::new();
        // Words the text uses in lower case: a sentence-initial capitalised
        // one is then a common word ("Reading the report..."). Built once:
        // per-document work stays linear in the text's length.
        let lower_words: HashSet<&str> = tokens
            .iter()
            .map(|t| t.of(text))
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .collect();
        let people = PersonNames::of(text, tokens, &ctx.persons);
        let mut i = 0;
        while i < tokens.len() {
            match self.match_at(text, tokens, i) {
                Some(mut s) => {
                    i = s.next_token;
                    s.silent = names_street(self.place_words(), text, tokens, &s);
                    s.region_said = says_state(text, tokens, &s)
                        || (says_province(text, tokens, &s) && !self.may_be_country(&s))
                        || (border_follows(text, tokens, &s) && !self.may_be_country(&s));
                    // "Anderson County Sheriff Greg Taylor": the NER takes the
                    // office's place into the person's name.
                    let verdict = if inside_person(&ctx.persons, s.span)
                        && !office_follows(self.place_words(), text, tokens, &s)
                        && !ends_in_division_word(text, &s)
                    {
                        self.person_verdict(&s)
                    } else if names_firm(self.place_words(), text, tokens, &ctx.organisations, &s)
                        || inside_party(text, tokens, &ctx.parties, &s)
                        || people.names_alone(self, text, tokens, &s, ctx)
                    {
                        Verdict::Drop
                    } else {
                        self.verdict(text, tokens, &s, &lower_words)
                    };
                    match verdict {
                        Verdict::Keep => out.push(s),
                        Verdict::Silent => {
                            s.silent = true;
                            out.push(s);
                        }
                        Verdict::Drop => {}
                        Verdict::Person => {
                            persons.insert(s.key);
                        }
                        Verdict::Titled => {
                            titled.insert(s.key);
                        }
                        Verdict::County(end) => {
                            s.span.end = end;
                            s.county = true;
                            i += 1;
                            out.push(s);
                        }
                    }
                }
                None => i += 1,
            }
        }
        // A name the text sets as a place somewhere ("in Maryville",
        // "Greer, South Carolina") is not silenced elsewhere by a person's
        // name that holds it ("Greer Station" read as a person).
        let placed = self.placed_names(text, tokens, &out);
        persons.retain(|k| !placed.contains(k));
        out.retain(|s| !persons.contains(&s.key) && !titled.contains(&s.key));
        self.read_county_lists(text, tokens, &mut out);
        mark_listed_regions(text, &mut out);
        // "Town, Region": mark the containers.
        for k in 1..out.len() {
            let (a, b) = (&out[k - 1], &out[k]);
            let between = text.get(a.span.end..b.span.start).unwrap_or("");
            if between.trim() == "," {
                out[k - 1].container = Some(k);
            }
        }
        // Abbreviations such as "Va." stand only after a comma: after a
        // place's name, or after any name the gazetteer lacks ("Thackerville,
        // Okla.", a village too small for it).
        let keep: Vec<bool> = (0..out.len())
            .map(|k| {
                let after_comma = k > 0 && out[k - 1].container == Some(k);
                after_comma
                    || out[k].entries.iter().any(|e| !e.after_comma)
                    || after_name_and_comma(text, tokens, &out[k])
                    || abbreviation_as_modifier(text, &out[k], &ctx.subjects)
            })
            .collect();
        let mut kept = Vec::new();
        let mut new_pos = vec![usize::MAX; out.len()];
        for (k, s) in out.into_iter().enumerate() {
            if keep[k] {
                new_pos[k] = kept.len();
                kept.push(s);
            }
        }
        for s in &mut kept {
            s.container = s
                .container
                .and_then(|c| new_pos.get(c).copied())
                .filter(|&c| c != usize::MAX);
        }
        kept
    }

    /// "Butler, Clark and Preble counties": each name of a list that ends
    /// in "counties" or "parishes" is that county, not a town of the name.
    /// A name the gazetteer holds as "X County" (or "X Parish") replaces
    /// whatever was spotted there, with the county's key, so that it is
    /// one name with "X County" elsewhere in the text; a name it lacks is
    /// left as it was.
    fn read_county_lists(&self, text: &str, tokens: &[Token], out: &mut Vec<Spotted>) {
        let mut found: Vec<Spotted> = Vec::new();
        for (k, t) in tokens.iter().enumerate() {
            let noun = match lower(t.of(text)).as_str() {
                "counties" => "County",
                "parishes" => "Parish",
                _ => continue,
            };
            let names = list_before(text, tokens, k);
            if names.len() < 2 {
                continue;
            }
            for (first, last) in names {
                let Some(s) = self.county_named(text, tokens, first, last, noun) else {
                    continue;
                };
                // A longer name spotted over it stays ("New Jersey" is not
                // Jersey County).
                let inside_longer = out.iter().any(|o| {
                    o.span.start < s.span.end
                        && s.span.start < o.span.end
                        && (o.span.start < s.span.start || s.span.end < o.span.end)
                });
                if !inside_longer {
                    found.push(s);
                }
            }
        }
        if found.is_empty() {
            return;
        }
        out.retain(|s| {
            !found
                .iter()
                .any(|f| f.span.start < s.span.end && s.span.start < f.span.end)
        });
        out.extend(found);
        out.sort_by_key(|s| s.span.start);
    }

    /// The county named by tokens `first..=last` and `noun` ("Otter Tail"
    /// and "County"), or by the last token alone when the first starts a
    /// sentence ("Small Hitchcock and Hayes counties").
    fn county_named(
        &self,
        text: &str,
        tokens: &[Token],
        first: usize,
        last: usize,
        noun: &str,
    ) -> Option<Spotted> {
        // The last word alone only when the first starts a sentence.
        let alone = (first != last && tokens[first].sentence_start).then_some(last);
        for from in std::iter::once(first).chain(alone) {
            let span = Span::new(tokens[from].start, tokens[last].end);
            let full = format!("{} {noun}", span.of(text));
            let Some(entries) = self.lookup(&full) else {
                continue;
            };
            let entries: Vec<Entry> = entries
                .into_iter()
                .filter(|e| self.place(e.place as usize).kind == PlaceKind::District)
                .collect();
            if entries.is_empty() {
                continue;
            }
            return Some(Spotted {
                span,
                key: key_of(&full)?,
                entries,
                first_token: from,
                next_token: last + 1,
                container: None,
                county: false,
                silent: false,
                region_said: false,
            });
        }
        None
    }

    /// Keys of the names that some mention sets as a place: after a
    /// preposition that puts things in a place ("in Maryville"), or before
    /// a comma and a region or country ("Greer, South Carolina").
    fn placed_names(&self, text: &str, tokens: &[Token], spotted: &[Spotted]) -> HashSet<u64> {
        let mut placed = HashSet::new();
        for (k, s) in spotted.iter().enumerate() {
            let after_placing = s.first_token > 0 && {
                let prev = lower(tokens[s.first_token - 1].of(text));
                PLACING.contains(&prev.as_str())
            };
            let qualified = spotted.get(k + 1).is_some_and(|b| {
                text.get(s.span.end..b.span.start)
                    .is_some_and(|g| g.trim() == ",")
                    && b.entries.iter().any(|e| {
                        matches!(
                            self.place(e.place as usize).kind,
                            PlaceKind::Region | PlaceKind::Country
                        )
                    })
            });
            if after_placing || qualified {
                placed.insert(s.key);
            }
        }
        placed
    }

    /// The longest index match starting at token `i`.
    fn match_at(&self, text: &str, tokens: &[Token], i: usize) -> Option<Spotted> {
        let first = &tokens[i];
        if !first.cap {
            return None;
        }
        let mut ends = vec![i];
        for j in i + 1..tokens.len().min(i + 6) {
            let gap = text.get(tokens[j - 1].end..tokens[j].start).unwrap_or("");
            // "St. Louis", "Ft. Worth": a short abbreviation's dot may sit inside a name.
            let abbrev_dot = gap == ". " && tokens[j - 1].end - tokens[j - 1].start <= 3;
            let hyphen = gap == "-" || gap == "‐";
            if gap != " " && !abbrev_dot && !hyphen {
                break;
            }
            let t = &tokens[j];
            if t.cap {
                ends.push(j);
            } else if !CONNECTORS.contains(&lower(t.of(text)).as_str()) {
                break;
            }
        }
        for &j in ends.iter().rev() {
            if j == i && opens_article_name(text, tokens, i) {
                continue;
            }
            let start = first.start;
            let end = tokens[j].end;
            let mut tries: Vec<usize> = Vec::with_capacity(3);
            if tokens[j].dot_after {
                tries.push(end + 1);
            }
            tries.push(end);
            let word = tokens[j].of(text);
            if let Some(stem) = strip_possessive(word) {
                tries.push(tokens[j].start + stem.len());
            }
            if let Some(head) = before_hyphen(word) {
                tries.push(tokens[j].start + head.len());
            }
            for e in tries {
                let Some(surface) = text.get(start..e) else {
                    continue;
                };
                if let Some(entries) = self.lookup(surface) {
                    return Some(Spotted {
                        span: Span::new(start, e),
                        key: key_of(surface)?,
                        entries,
                        first_token: i,
                        next_token: j + 1,
                        container: None,
                        county: false,
                        silent: false,
                        region_said: false,
                    });
                }
            }
        }
        // "Russian-backed", "U.S.-led", "Paris-Henry County": the part before a hyphen.
        let word = first.of(text);
        if let Some(pos) = word.find('-') {
            let rest = word.get(pos + 1..).unwrap_or("");
            if rest.chars().next().is_some_and(char::is_alphabetic) {
                let surface = word.get(..pos).unwrap_or("");
                if let Some(entries) = self.lookup(surface) {
                    return Some(Spotted {
                        span: Span::new(first.start, first.start + pos),
                        key: key_of(surface)?,
                        entries,
                        first_token: i,
                        next_token: i + 1,
                        container: None,
                        county: false,
                        silent: false,
                        region_said: false,
                    });
                }
            }
        }
        None
    }

    /// Whether a word names a place that is more than a small town (a word
    /// before a name that names only small towns is rather a first name or a
    /// street: "Bob Jones", "Orchard Street").
    fn names_notable_place(&self, word: &str) -> bool {
        self.lookup(word).is_some_and(|entries| {
            entries.iter().any(|e| {
                let p = &self.place(e.place as usize);
                p.kind != PlaceKind::City || p.population >= SMALL_TOWN_POPULATION
            })
        })
    }

    /// Whether one of the run's readings is a country ("Mexico", "Georgia").
    fn may_be_country(&self, s: &Spotted) -> bool {
        s.entries
            .iter()
            .any(|e| self.place(e.place as usize).kind == PlaceKind::Country)
    }

    /// A name inside a person's name: the person's throughout the document
    /// when it names only towns ("Scott Moore ... Moore said"), else just
    /// here ("Jordan Smith" leaves Jordan a country).
    fn person_verdict(&self, s: &Spotted) -> Verdict {
        let towns = s.entries.iter().all(|e| {
            let p = &self.place(e.place as usize);
            p.kind == PlaceKind::City && p.population < 100_000
        });
        if towns {
            Verdict::Person
        } else {
            Verdict::Drop
        }
    }

    /// Index entries whose case rules the surface form satisfies.
    pub(super) fn lookup(&self, surface: &str) -> Option<Vec<Entry>> {
        let entries = self.entries_of(key_of(surface)?);
        if entries.len() == 0 {
            return None;
        }
        let letters: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
        let all_caps = !letters.is_empty() && letters.iter().all(|c| c.is_uppercase());
        let ok: Vec<Entry> = entries
            .filter(|e| {
                if e.caps {
                    all_caps
                } else {
                    // Short all-capital words are acronyms, not shouted names.
                    !(all_caps && letters.len() <= 3)
                }
            })
            .collect();
        (!ok.is_empty()).then_some(ok)
    }

    /// Context rules that say a run is not a place here.
    fn verdict(
        &self,
        text: &str,
        tokens: &[Token],
        s: &Spotted,
        lower_words: &HashSet<&str>,
    ) -> Verdict {
        let i = s.first_token;
        let single = s.next_token == i + 1;
        let surface = s.span.of(text);
        let lowered = lower(surface);
        if single && mixed_case_acronym(surface) {
            return Verdict::Drop;
        }
        if self.is_common_word(&lowered, single) {
            return Verdict::Drop;
        }
        if i > 0 && after_number_era(text, tokens, s) && !self.may_be_country(s) {
            return Verdict::Drop;
        }
        if single && acronym_in_running_text(text, tokens, s) {
            return Verdict::Drop;
        }
        // "US$5 million": a currency, not the country.
        if text
            .get(s.span.end..)
            .is_some_and(|rest| rest.starts_with('$'))
        {
            return Verdict::Drop;
        }
        if let Some(next) = tokens.get(s.next_token) {
            let gap = text.get(s.span.end..next.start).unwrap_or("");
            let whole_token = s.span.end == tokens[s.next_token - 1].end;
            let next_word = lower(next.of(text));
            // "Laurel County": a county the gazetteer does not hold, not the town.
            if gap == " " && whole_token && ADMIN2_NOUNS.contains(&next_word.as_str()) {
                return Verdict::County(next.end);
            }
        }
        let only_cities = s
            .entries
            .iter()
            .all(|e| self.place(e.place as usize).kind == PlaceKind::City);
        if i > 0 {
            let prev = &tokens[i - 1];
            let gap = text.get(prev.end..tokens[i].start).unwrap_or("");
            let prev_word = lower(prev.of(text));
            let words = self.place_words();
            let titled = (gap == " " && words.titles.contains(&prev_word))
                || (gap == ". " && words.dotted_titles.contains(&prev_word));
            if titled {
                return if single && only_cities {
                    Verdict::Titled
                } else {
                    Verdict::Drop
                };
            }
            // Inside a longer proper name ("George Washington", "Michael Jordan").
            if gap == " "
                && prev.cap
                && !prev.sentence_start
                && !FUNCTION_WORDS.contains(&prev_word.as_str())
                && !prev.all_caps
                && strip_possessive(prev.of(text)).is_none()
                && only_cities
                && !self.names_notable_place(prev.of(text))
            {
                // Only small towns' names are taken for a person's throughout
                // ("Mike Moore"); "Metro Atlanta" must not silence "Atlanta".
                let small = s
                    .entries
                    .iter()
                    .all(|e| self.place(e.place as usize).population < 100_000);
                return if single && small {
                    Verdict::Person
                } else {
                    Verdict::Drop
                };
            }
        }
        // A town's name that the text also uses as a lower-case word is a
        // common word capitalised at a sentence's start or in a name
        // ("Market analyst", "Rodeo Gainesville" beside "the rodeo").
        // Resolved with the others, as before this rule, so that what it
        // leaves out does not move the rest.
        if single && only_cities && lowered != surface && lower_words.contains(lowered.as_str()) {
            return if tokens[i].sentence_start {
                Verdict::Drop
            } else {
                Verdict::Silent
            };
        }
        Verdict::Keep
    }
}

/// Whether run `s` is the first part of a street's name: a word for a
/// street follows ("Cooper Street", "Dublin St.", "Cowley Road"). A county's
/// road ("Boone County Road 4") and a numbered road ("Oxford Road 5": a
/// county road by its county's name) are left alone: they name the county.
/// So is an avenue: some gold standards count "Atlantic Avenue" as a
/// place, and its first word overlaps it. The words for a street are
/// `data/lexicon/street_nouns.txt`.
fn names_street(words: &PlaceWords, text: &str, tokens: &[Token], s: &Spotted) -> bool {
    let Some(next) = tokens.get(s.next_token) else {
        return false;
    };
    let gap = text.get(s.span.end..next.start).unwrap_or("");
    let whole_token = s.span.end == tokens[s.next_token - 1].end;
    let county = s
        .span
        .of(text)
        .rsplit(' ')
        .next()
        .is_some_and(|last| ADMIN2_NOUNS.contains(&lower(last).as_str()));
    if gap != " " || !whole_token || county {
        return false;
    }
    (words.street_nouns.contains(&lower(next.of(text))) && !numbered(text, tokens, s.next_token))
        || street_address(words, text, tokens, s)
}

/// Whether run `s` is part of a street address: a house number before it
/// ("1200 Oak Ave.", "20E Elm Ave.") and, within the next two words, any
/// word for a street, an avenue's too ("904 Bristol Walk Trail"). Without
/// the number an avenue is left alone (see `names_street`). An avenue's
/// words, which some gold standards count in a place's name ("Atlantic
/// Avenue"), are `data/lexicon/avenue_nouns.txt`.
fn street_address(words: &PlaceWords, text: &str, tokens: &[Token], s: &Spotted) -> bool {
    let Some(prev) = s.first_token.checked_sub(1).and_then(|k| tokens.get(k)) else {
        return false;
    };
    let number = prev.of(text);
    let house_number = number.len() <= 6
        && number.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && number.bytes().filter(|b| !b.is_ascii_digit()).count() <= 1
        && text.get(prev.end..tokens[s.first_token].start) == Some(" ");
    house_number
        && tokens
            .iter()
            .skip(s.next_token)
            .take(3)
            .take_while(|t| t.cap)
            .any(|t| {
                let w = lower(t.of(text));
                words.street_nouns.contains(&w) || words.avenue_nouns.contains(&w)
            })
}

/// Whether a single all-capital word is an acronym of running text, not a
/// place's name set in capitals: the gazetteer writes the name in mixed
/// case ("Swat", "Nice"), the word before it is not in capitals (not a
/// capitalised headline or dateline, "BRISTOL POLICE") and a lower-case
/// word follows ("a SWAT team", "the NICE guidance").
fn acronym_in_running_text(text: &str, tokens: &[Token], s: &Spotted) -> bool {
    let i = s.first_token;
    let word = &tokens[i];
    let (Some(prev), Some(next)) = (
        i.checked_sub(1).and_then(|k| tokens.get(k)),
        tokens.get(s.next_token),
    ) else {
        return false;
    };
    let letters = word.of(text).chars().filter(|c| c.is_alphabetic()).count();
    word.all_caps
        && letters >= 2
        && !word.dot_after
        && !s.entries.iter().any(|e| e.caps)
        && !prev.all_caps
        && text.get(word.end..next.start) == Some(" ")
        && next.of(text).chars().next().is_some_and(char::is_lowercase)
}

/// Whether an abbreviation that otherwise names a place only after a
/// comma ("Ky.", "W. Va.") is used alone as a modifier: a lower-case word
/// follows and the parse does not make the abbreviation a clause's
/// subject ("a Ky. jail", "Fla. economist"; not "Va. told us"), a party's
/// letter and a hyphen come before it ("D-Pa.", "R-W. Va."), or it stands
/// in parentheses after a name ("Walker County (Ga.)").
fn abbreviation_as_modifier(text: &str, s: &Spotted, subjects: &[Span]) -> bool {
    let surface = s.span.of(text);
    if !surface.ends_with('.') {
        return false;
    }
    let before = text.get(..s.span.start).unwrap_or("");
    let after = text.get(s.span.end..).unwrap_or("");
    let subject = subjects
        .binary_search_by_key(&s.span.start, |p| p.start)
        .is_ok();
    let lower_follows = !subject
        && after
            .strip_prefix(' ')
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_lowercase);
    let party = ["D-", "R-", "I-"].iter().any(|p| {
        before.ends_with(p)
            && before
                .get(..before.len() - 2)
                .is_none_or(|b| b.is_empty() || b.ends_with([' ', '(', ',']))
    });
    let bracketed = before.ends_with('(') && after.starts_with(')');
    lower_follows || party || bracketed
}

/// Whether a number follows the token at `k` ("Road 5", "Road 122").
fn numbered(text: &str, tokens: &[Token], k: usize) -> bool {
    let (Some(t), Some(after)) = (tokens.get(k), tokens.get(k + 1)) else {
        return false;
    };
    text.get(t.end..after.start) == Some(" ") && after.of(text).bytes().all(|b| b.is_ascii_digit())
}

/// "300 B.C.": dotted capitals right after a number are an era, not a
/// province's abbreviation.
fn after_number_era(text: &str, tokens: &[Token], s: &Spotted) -> bool {
    let surface = s.span.of(text);
    let dotted_caps =
        surface.contains('.') && surface.chars().all(|c| c == '.' || c.is_ascii_uppercase());
    let prev = &tokens[s.first_token.saturating_sub(1)];
    dotted_caps
        && s.first_token > 0
        && text.get(prev.end..tokens[s.first_token].start) == Some(" ")
        && prev
            .of(text)
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',')
}

/// The words of the people's names of two words or more that the NER
/// found, by index key ("Georgia Smith").
struct PersonNames {
    /// Words after the first: surnames ("smith"). (A first word may be a
    /// town the NER took into a name, "Alexandria Commonwealth's".)
    later: HashSet<u64>,
    /// First words: given names ("georgia").
    given: HashSet<u64>,
    /// Surnames written after a middle initial ("Tyrise M. Bell": "bell"),
    /// whatever the NER made of the name.
    initialled: HashSet<u64>,
}

impl PersonNames {
    fn of(text: &str, tokens: &[Token], persons: &[Span]) -> PersonNames {
        let mut names = PersonNames {
            later: HashSet::new(),
            given: HashSet::new(),
            initialled: initialled_surnames(text, tokens),
        };
        for p in persons {
            let words = p.of(text).split_whitespace();
            for (k, word) in words.enumerate() {
                let word = strip_possessive(word).unwrap_or(word);
                let Some(key) = key_of(word) else { continue };
                if k == 0 {
                    names.given.insert(key);
                } else {
                    names.later.insert(key);
                }
            }
        }
        names
    }

    /// Whether one-word run `s` names a person of the document here: the
    /// NER reads it alone as a person and it is a later word of a longer
    /// name ("Tom Manchester ... Manchester said"), not after a locative
    /// preposition ("in Manchester"); or it is a given name used as a
    /// subject or possessor ("Georgia Smith ... Georgia's coach"), where
    /// the NER may well read a country; or it is a surname used as a
    /// subject or possessor ("Ann Fairfield ... Fairfield's lawyer") and
    /// names no country (a headline the NER read as a name, "Rethinking
    /// Egypt", must not silence the country).
    fn names_alone(
        &self,
        gazetteer: &Gazetteer,
        text: &str,
        tokens: &[Token],
        s: &Spotted,
        ctx: &PlaceContext,
    ) -> bool {
        if s.next_token != s.first_token + 1 {
            return false;
        }
        // The spans come in text order: a binary search keeps a long
        // document's spotting linear-logarithmic.
        let here = |spans: &[Span]| {
            spans
                .binary_search_by_key(&s.span.start, |p| p.start)
                .is_ok_and(|k| spans[k] == s.span)
        };
        let after_locative = s.first_token > 0 && {
            let prev = tokens[s.first_token - 1].of(text);
            LOCATIVES.contains(&lower(prev).as_str())
        };
        let surname = self.later.contains(&s.key);
        let initialled = self.initialled.contains(&s.key) && !names_country(gazetteer, s);
        (surname && here(&ctx.person_words) && !after_locative)
            || (initialled && !after_locative)
            || (self.given.contains(&s.key) && here(&ctx.subjects))
            || (surname && here(&ctx.subjects) && !names_country(gazetteer, s))
    }
}

/// The keys of the surnames written after a given name and a middle
/// initial ("Tyrise M. Bell"): such a name is a person's, and so is its
/// surname alone in the rest of the document ("Bell ran").
fn initialled_surnames(text: &str, tokens: &[Token]) -> HashSet<u64> {
    let gap = |a: &Token, b: &Token| text.get(a.end..b.start).unwrap_or("");
    tokens
        .windows(3)
        .filter(|w| {
            let initial = w[1].of(text);
            w[0].cap
                && !w[0].all_caps
                && gap(&w[0], &w[1]) == " "
                && initial.len() == 1
                && w[1].all_caps
                && gap(&w[1], &w[2]) == ". "
                && w[2].cap
                && !w[2].all_caps
        })
        .filter_map(|w| key_of(w[2].of(text)))
        .collect()
}

/// Whether a run can name a country or a continent.
fn names_country(gazetteer: &Gazetteer, s: &Spotted) -> bool {
    s.entries.iter().any(|e| {
        matches!(
            gazetteer.place(e.place as usize).kind,
            PlaceKind::Country | PlaceKind::Continent
        )
    })
}

/// Prepositions that put a name in a place ("in Manchester", "to Lincoln").
const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "to",
    "into",
    "of",
    "outside",
    "across",
    "around",
    "toward",
    "towards",
    "through",
    "throughout",
];

/// Whether a run is the whole name of a business or a media outlet the
/// actor dictionary found ("Xinhua reported", "the Toyota recall"), not a
/// place of that name: no preposition that sets something in a place comes
/// before it ("a plant in Toyota"). "from" and "to" are not such
/// prepositions here: "a report from Xinhua", "told Xinhua". A place inside
/// a longer name stays a place ("The Washington Post", "ABC Australia"), and
/// so does one followed by the word for its kind of place ("Fars Province",
/// "Toyota City": `data/lexicon/place_kind_nouns.txt`).
fn names_firm(
    words: &PlaceWords,
    text: &str,
    tokens: &[Token],
    firms: &[Span],
    s: &Spotted,
) -> bool {
    let whole = firms.binary_search(&s.span).is_ok();
    let placed = s.first_token > 0 && {
        let prev = lower(tokens[s.first_token - 1].of(text));
        PLACING.contains(&prev.as_str())
    };
    let kind_named = tokens
        .get(s.next_token)
        .is_some_and(|t| words.place_kind_nouns.contains(&lower(t.of(text))));
    whole && !placed && !kind_named
}

/// Whether a run lies inside a longer name of a political party the actor
/// dictionary found ("United Russia", "Alternative for Germany"), and no
/// "of" comes before it ("Communist Party of Vietnam" names its country).
fn inside_party(text: &str, tokens: &[Token], parties: &[Span], s: &Spotted) -> bool {
    let inside = parties
        .iter()
        .any(|p| p.start <= s.span.start && s.span.end <= p.end && *p != s.span);
    let after_of = s.first_token > 0 && lower(tokens[s.first_token - 1].of(text)) == "of";
    inside && !after_of
}

/// Prepositions that set a firm's namesake town as a place ("a plant in
/// Toyota", "near Toyota").
const PLACING: &[&str] = &[
    "in",
    "near",
    "outside",
    "around",
    "across",
    "throughout",
    "into",
];

/// Whether a run comes right after a capitalised word and a comma
/// ("Friedensburg, Pa."): the "Town, State" of US news, whether or not the
/// gazetteer holds the town.
fn after_name_and_comma(text: &str, tokens: &[Token], s: &Spotted) -> bool {
    let Some(prev) = s.first_token.checked_sub(1).and_then(|i| tokens.get(i)) else {
        return false;
    };
    prev.cap && text.get(prev.end..s.span.start) == Some(", ")
}

/// Whether the word after a run makes it a state: lower-case "state"
/// ("Washington state"), the AP abbreviation of a state governor's title
/// ("New York Gov. Andrew Cuomo") or the title itself (`is_governor_word`).
/// "State" capitalised starts another name ("Columbia State", "San Diego
/// State").
fn says_state(text: &str, tokens: &[Token], s: &Spotted) -> bool {
    let Some(next) = word_after(text, tokens, s) else {
        return false;
    };
    let word = next.of(text);
    word == "state" || (word == "Gov" && next.dot_after) || is_governor_word(word)
}

/// Whether the words around a run make it a first-order region by its
/// kind's word: "Hebei province", "Fars Province", "Sverdlovsk oblast"
/// after it, or "the province of" / "the state of" before it ("the
/// western state of Maharashtra", "the state of Washington"). Only the
/// lower-case "state of" counts: "State of Kuwait" is a country's formal
/// name. The caller asks this only of names without a country reading:
/// "Panamá Province" does not make "Panama" a province throughout.
fn says_province(text: &str, tokens: &[Token], s: &Spotted) -> bool {
    let after = word_after(text, tokens, s)
        .is_some_and(|next| PROVINCE_WORDS.contains(&lower(next.of(text)).as_str()));
    let before = s.first_token >= 2 && {
        let (kind, of) = (&tokens[s.first_token - 2], &tokens[s.first_token - 1]);
        let kind_word = kind.of(text);
        of.of(text) == "of"
            && text.get(kind.end..of.start) == Some(" ")
            && text.get(of.end..s.span.start) == Some(" ")
            && (kind_word == "state" || PROVINCE_WORDS.contains(&lower(kind_word).as_str()))
    };
    after || before
}

/// Words for a first-order region written beside its name ("Hebei
/// province", "the province of Ontario"); "state" is read by `says_state`
/// after a name and by `says_province` before one.
const PROVINCE_WORDS: &[&str] = &["province", "oblast", "governorate", "prefecture"];

/// The token right after a run that ends a whole token, when a single
/// space separates them.
fn word_after<'t>(text: &str, tokens: &'t [Token], s: &Spotted) -> Option<&'t Token> {
    let next = tokens.get(s.next_token)?;
    let whole_token = s
        .next_token
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .is_some_and(|last| last.end == s.span.end);
    (whole_token && text.get(s.span.end..next.start) == Some(" ")).then_some(next)
}

/// A governor heads a state or province, not a town ("New York Governor
/// Kathy Hochul", "the Ohio governor").
fn is_governor_word(word: &str) -> bool {
    matches!(word, "Governor" | "governor")
}

/// Whether "border" follows the run ("near the Vermont border"): a town
/// has no border that news names, a state has. A country has one too, so
/// the caller asks this only of names without a country reading.
fn border_follows(text: &str, tokens: &[Token], s: &Spotted) -> bool {
    word_after(text, tokens, s).is_some_and(|next| next.of(text) == "border")
}

/// The names of a list that ends right before token `k` ("Butler, Clark
/// and Preble" before "counties"), as (first token, last token) pairs, last
/// name first. A name is one or two capitalised words; names are joined by
/// a comma, "and" or "or" (", and" too). Empty unless the last two names
/// are joined by "and" or "or".
fn list_before(text: &str, tokens: &[Token], k: usize) -> Vec<(usize, usize)> {
    let gap = |a: usize, b: usize| text.get(tokens[a].end..tokens[b].start).unwrap_or("");
    let is_name_word = |i: usize| {
        let t = &tokens[i];
        t.cap && strip_possessive(t.of(text)).is_none()
    };
    let mut names = Vec::new();
    let mut end = k;
    // The name: one or two capitalised words ending right before `end`.
    while let Some(last) = end.checked_sub(1) {
        if (names.is_empty() && gap(last, end) != " ") || !is_name_word(last) {
            break;
        }
        let mut first = last;
        if first > 0 && gap(first - 1, first) == " " && is_name_word(first - 1) {
            first -= 1;
        }
        names.push((first, last));
        // The joint before it.
        let Some(before) = first.checked_sub(1) else {
            break;
        };
        let word = lower(tokens[before].of(text));
        if (word == "and" || word == "or") && gap(before, first) == " " {
            if before == 0 {
                break;
            }
            let g = gap(before - 1, before);
            if g != " " && g != ", " {
                break;
            }
            end = before;
            // ", and": the comma belongs to the joint.
            continue;
        }
        if names.len() >= 2 && gap(before, first) == ", " {
            end = first;
            continue;
        }
        break;
    }
    // "X and Y": the last joint is a word.
    let joined = names.len() >= 2 && {
        let (first, _) = names[0];
        first > 0 && matches!(lower(tokens[first - 1].of(text)).as_str(), "and" | "or")
    };
    if joined {
        names
    } else {
        Vec::new()
    }
}

/// "states such as California or Washington", "the provinces of Anhui and
/// Hubei": every name of a list after such words is a first-order region
/// (`Spotted::region_said`), not a town or a country of the name.
fn mark_listed_regions(text: &str, spotted: &mut [Spotted]) {
    let mut in_list = false;
    for k in 0..spotted.len() {
        let start = spotted[k].span.start;
        let before = if k > 0 && in_list {
            text.get(spotted[k - 1].span.end..start).unwrap_or("")
        } else {
            ""
        };
        in_list = if in_list && is_list_joint(before) {
            true
        } else {
            let mut from = start.saturating_sub(40);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let head = text.get(from..start).unwrap_or("");
            ends_with_region_cue(head)
        };
        if in_list {
            spotted[k].region_said = true;
        }
    }
}

/// Whether the text before a name ends with words that announce regions:
/// a plural word for them and "such as", "like", "including" or "of".
fn ends_with_region_cue(head: &str) -> bool {
    let words: Vec<String> = head.split_whitespace().rev().take(3).map(lower).collect();
    let [last, prev, ..] = words.as_slice() else {
        return false;
    };
    let noun = |w: &str| REGION_PLURALS.contains(&w);
    match last.as_str() {
        "like" | "including" | "of" => noun(prev),
        "as" => prev == "such" && words.get(2).is_some_and(|w| noun(w)),
        _ => false,
    }
}

/// Plural words for first-order regions.
const REGION_PLURALS: &[&str] = &["states", "provinces", "oblasts", "prefectures"];

/// Whether the text between two names joins them in a list ("X, Y and Z").
fn is_list_joint(between: &str) -> bool {
    matches!(between.trim(), "," | "and" | "or" | ", and" | ", or")
}

/// A short word with a capital after a small letter is an acronym ("MoD",
/// "DoD"), not a place's name written so; longer ones are names ("DeKalb",
/// "McAllen").
fn mixed_case_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().collect();
    letters.len() <= 4
        && letters.first().is_some_and(|c| c.is_uppercase())
        && letters
            .windows(2)
            .any(|w| w[0].is_lowercase() && w[1].is_uppercase())
}

/// Whether an office's title follows the run: "Anderson County Sheriff
/// Greg Taylor", "Alexandria Commonwealth's Attorney Randy Sengel" name the
/// place whose office it is, though the NER takes the whole into the
/// person's name.
fn office_follows(words: &PlaceWords, text: &str, tokens: &[Token], s: &Spotted) -> bool {
    let Some(next) = tokens.get(s.next_token) else {
        return false;
    };
    let whole_token = s.span.end == tokens[s.next_token - 1].end;
    let word = lower(next.of(text));
    let word = strip_possessive(&word).unwrap_or(&word).to_string();
    whole_token
        && next.cap
        && text.get(s.span.end..next.start) == Some(" ")
        && words.offices.contains(&word)
}

/// Whether the run's own last word is a word for a second-order division
/// ("Rapides Parish", "Darke County"): such a name is the county's, never
/// part of a person's name, though the NER takes "Rapides Parish Fire
/// District" for a person.
pub(super) fn ends_in_division_word(text: &str, s: &Spotted) -> bool {
    s.span
        .of(text)
        .rsplit(' ')
        .next()
        .is_some_and(|w| ADMIN2_NOUNS.contains(&lower(w).as_str()))
}

/// Whether a span lies inside a longer person's name the NER found.
fn inside_person(persons: &[Span], span: Span) -> bool {
    persons
        .iter()
        .any(|p| p.start <= span.start && span.end <= p.end && *p != span)
}

/// A spotted toponym run before resolution.
#[derive(Debug, Clone)]
pub(super) struct Spotted {
    pub(super) span: Span,
    pub(super) key: u64,
    pub(super) entries: Vec<Entry>,
    pub(super) first_token: usize,
    pub(super) next_token: usize,
    /// The spotted run that follows after a comma ("Alexandria, Va.").
    pub(super) container: Option<usize>,
    /// "X County": a second-order division, placed at its region.
    pub(super) county: bool,
    /// Resolved with the other names but not reported: a street named
    /// after a place, "Cooper Street" (a street named after a local town
    /// is evidence of where the story is), or a town's name the text also
    /// uses as a common word.
    pub(super) silent: bool,
    /// Followed by a word that makes it a state ("New York state",
    /// "Washington state farm", "New York Gov. Cuomo"): its first-order
    /// region reading wins.
    pub(super) region_said: bool,
}

/// What the context rules make of a spotted run.
enum Verdict {
    Keep,
    Drop,
    /// A person's name: drop every run with this name in the document,
    /// except where the text sets the name as a place (`placed_names`).
    Person,
    /// A person's name after a title ("Coach Moore"): drop every run with
    /// this name in the document.
    Titled,
    /// Followed by "County" (ending at this byte): keep as a county.
    County(usize),
    /// Resolved with the other names but not reported.
    Silent,
}

/// A word of the text.
#[derive(Debug, Clone)]
pub(super) struct Token {
    start: usize,
    end: usize,
    /// Starts with an upper-case letter (or a digit-free capital form).
    cap: bool,
    all_caps: bool,
    /// A '.' follows right after the word.
    dot_after: bool,
    sentence_start: bool,
}

impl Token {
    fn of<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '.' | '-' | '‐')
}

/// Words: runs of letters and digits, with apostrophes, dots and hyphens inside
/// ("O'Fallon", "U.S", "Winston-Salem").
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut k = 0;
    let mut sentence_start = true;
    while k < chars.len() {
        let (pos, c) = chars[k];
        if !c.is_alphanumeric() {
            if matches!(c, '.' | '!' | '?' | '\n' | ':' | ';') {
                sentence_start = true;
            }
            k += 1;
            continue;
        }
        let start = pos;
        let mut m = k + 1;
        while m < chars.len() {
            let ch = chars[m].1;
            if ch.is_alphanumeric() {
                m += 1;
            } else if is_joiner(ch)
                && chars.get(m + 1).is_some_and(|n| n.1.is_alphanumeric())
                // "Egyptian-US", "Winston-Salem": capitalised parts are words of their own.
                && !(matches!(ch, '-' | '‐') && chars.get(m + 1).is_some_and(|n| n.1.is_uppercase()))
            {
                m += 2;
            } else {
                break;
            }
        }
        let end = chars.get(m).map_or(text.len(), |x| x.0);
        let word = text.get(start..end).unwrap_or("");
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        let cap = c.is_uppercase();
        let all_caps = !letters.is_empty() && letters.iter().all(|c| c.is_uppercase());
        let dot_after = chars.get(m).is_some_and(|x| x.1 == '.');
        tokens.push(Token {
            start,
            end,
            cap,
            all_caps,
            dot_after,
            sentence_start,
        });
        // A dot after an abbreviation-like word ("St.", "Mr.", "U.S.") does not end a sentence here
        // for the purpose of the following word's capitalisation test being informative.
        sentence_start = false;
        k = m;
    }
    tokens
}

/// The Arabic article written before a hyphen and a capitalised word
/// ("Al-Ahram", "El-Fasher", "Al-Shabaab"): it opens the name that follows,
/// and alone it is no place (a Norwegian district is spelt "Al" once
/// folded). The whole hyphenated name is still looked up first.
const ARABIC_ARTICLES: &[&str] = &["al", "el"];

/// Token `i` is an Arabic article joined by a hyphen to the capitalised
/// word after it.
fn opens_article_name(text: &str, tokens: &[Token], i: usize) -> bool {
    let Some(next) = tokens.get(i + 1) else {
        return false;
    };
    let gap = text.get(tokens[i].end..next.start).unwrap_or("");
    matches!(gap, "-" | "‐")
        && next.cap
        && ARABIC_ARTICLES.contains(&lower(tokens[i].of(text)).as_str())
}

/// The part of a word before a hyphen and a lower-case modifier ("York"
/// of "York-based", "Kabul" of "Kabul-led"): in "New York-based firm" the
/// run's last word ends at the hyphen, so the name is the run up to it.
fn before_hyphen(word: &str) -> Option<&str> {
    let pos = word.find(['-', '‐'])?;
    let (head, rest) = word.split_at(pos);
    let modifier = rest.chars().nth(1).is_some_and(char::is_lowercase);
    (modifier && !head.is_empty()).then_some(head)
}

fn strip_possessive(word: &str) -> Option<&str> {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix("s'"))
        .filter(|s| !s.is_empty())
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Lower-case words allowed inside a multi-word name ("Bosnia and Herzegovina").
const CONNECTORS: &[&str] = &[
    "of", "the", "and", "de", "del", "da", "do", "dos", "das", "la", "le", "les", "el", "al",
    "upon", "on", "en", "du", "di", "am", "an", "im", "sur", "y", "i",
];

/// Capitalised function words: not a first name before a place ("In Paris").
const FUNCTION_WORDS: &[&str] = &[
    "in", "at", "of", "from", "to", "the", "and", "for", "on", "by", "with", "near", "into", "a",
    "an", "but", "or", "as", "after", "before", "since", "over", "across", "outside", "inside",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "greater", "downtown", "via", "between", "around", "about", "toward", "towards", "while",
    "when", "where", "that", "this", "than", "both", "said", "says", "visit", "visited", "left",
];

/// Words after a name that make it a second-order division (not in the gazetteer).
const ADMIN2_NOUNS: &[&str] = &["county", "parish", "township"];
