//! Mentions: dictionary phrases (countries, organisations, people, agents,
//! titles), unknown capitalised names and pronouns, found over the tokens of
//! one sentence. Nothing is resolved here; `actors` groups and resolves.

use crate::lexicon::actors::{ActorDictionary, DescriptionKind};
/// Parsed with the other tables under `lexicon/`; used here.
pub use crate::lexicon::word_list::WordList;
use crate::tokens::Token;
use crate::vocab::Sector;

/// Which pronoun a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    /// he, she, him, his, her
    Person,
    /// it, its, they, them, their
    Group,
    /// we, us, our: inside a quotation, the party of its speaker.
    Speaker,
}

/// What a mention is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MentionKind {
    /// Dictionary entries (indices into `ActorDictionary`).
    Entries(Vec<usize>),
    /// A capitalised name the dictionaries do not know.
    Name,
    Pronoun(Pronoun),
    /// "the country", "the alliance": the last actor of that kind named.
    Description(DescriptionKind),
}

/// A mention over tokens `first..end` of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub first: usize,
    pub end: usize,
    pub kind: MentionKind,
}

/// Lower-cased words of a token slice, for dictionary lookups.
pub fn lower_words(tokens: &[Token]) -> Vec<&str> {
    tokens.iter().map(|t| t.lower.as_str()).collect()
}

/// Words a spelled-out name may hold that its acronym skips ("Union of
/// South American Nations", "Trans-Pacific Partnership").
const ACRONYM_SKIPPED: &[&str] = &["of", "and", "for", "the", "on", "in", "&"];

/// "the Trans-Pacific Partnership (TPP)": mention `m` is a one-word
/// acronym in parentheses that spells out the name just before it, a name
/// no dictionary mention covers and that shares no word with the names of
/// the acronym's entries. The acronym then stands for that name, not for a
/// dictionary namesake (the Taiwan People's Party); returns it,
/// lower-cased. ("The International Labor Office (ILO)" is the dictionary's
/// ILO written another way.) `text` gives the acronym's letters as written.
pub fn acronym_of_other_name(
    text: &str,
    tokens: &[Token],
    mentions: &[Mention],
    m: &Mention,
    dict: &ActorDictionary,
) -> Option<String> {
    let (acronym, start, open) = spelled_name(text, tokens, m)?;
    let in_dictionary =
        |o: &Mention| matches!(o.kind, MentionKind::Entries(_)) && o.first < open && o.end > start;
    if mentions.iter().any(in_dictionary) {
        return None;
    }
    let words = run_words(tokens, start, open);
    let MentionKind::Entries(entries) = &m.kind else {
        return None;
    };
    let same_body = entries.iter().any(|&e| dict.variant_shares_word(e, &words));
    (!same_body).then_some(acronym)
}

/// "the Caspian Pipeline Consortium (CPC)": mention `m` is a one-word
/// acronym in parentheses that spells out a dictionary name ending right
/// before the parenthesis, and none of the acronym's own entries is that
/// name's body (by entry or code: not the Communist Party of China). The
/// acronym then stands for that name throughout the document: returns the
/// acronym, lower-cased, and the name's entries. ("The International Labor
/// Office (ILO)" names the ILO's own entry: no renaming.)
pub fn acronym_of_dictionary_name(
    text: &str,
    tokens: &[Token],
    mentions: &[Mention],
    m: &Mention,
    dict: &ActorDictionary,
) -> Option<(String, Vec<usize>)> {
    let (acronym, start, open) = spelled_name(text, tokens, m)?;
    let MentionKind::Entries(own) = &m.kind else {
        return None;
    };
    let named = mentions.iter().find_map(|o| match &o.kind {
        MentionKind::Entries(es) if o.end == open && o.first <= start => Some(es),
        _ => None,
    })?;
    let code = |e: usize| dict.entry(e).code.clone();
    let same_body = own
        .iter()
        .any(|&e| named.contains(&e) || named.iter().any(|&n| code(n) == code(e)));
    (!same_body).then(|| (acronym, named.clone()))
}

/// The name an acronym mention spells: `m` is one all-capital word of 2 to
/// 8 letters in parentheses whose initials a capitalised run just before
/// the parenthesis (or that run's tail) spells. Returns the acronym,
/// lower-cased, and where the spelled name begins and the parenthesis opens.
fn spelled_name(text: &str, tokens: &[Token], m: &Mention) -> Option<(String, usize, usize)> {
    let (first, end) = (m.first, m.end);
    let written = tokens
        .get(first)
        .and_then(|t| text.get(t.span.start..t.span.end))?;
    let acronym_like = end == first + 1
        && (2..=8).contains(&written.len())
        && written.chars().all(|c| c.is_ascii_uppercase());
    let open = first.checked_sub(1)?;
    if !acronym_like || tokens[open].lower != "(" || tokens.get(end)?.lower != ")" {
        return None;
    }
    // The name: capitalised words (and the small words inside it) back
    // from the parenthesis.
    let mut start = open;
    while start > 0 {
        let t = &tokens[start - 1];
        let inner = ACRONYM_SKIPPED.contains(&t.lower.as_str()) && start < open;
        if !(t.is_word && (t.capitalised || t.capitalised_tail || inner)) {
            break;
        }
        start -= 1;
    }
    while start < open && ACRONYM_SKIPPED.contains(&tokens[start].lower.as_str()) {
        start += 1;
    }
    let acronym = written.to_lowercase();
    let start = spelled_start(tokens, start, open, &acronym)?;
    Some((acronym, start, open))
}

/// The lower-cased words of `tokens[start..open]` that an acronym spells,
/// without the small words inside a name, hyphenated words split.
fn run_words(tokens: &[Token], start: usize, open: usize) -> Vec<&str> {
    tokens[start..open]
        .iter()
        .filter(|t| !ACRONYM_SKIPPED.contains(&t.lower.as_str()))
        .flat_map(|t| t.lower.split('-'))
        .collect()
}

/// Where the name an acronym spells begins in the capitalised run
/// `tokens[start..open]`: the whole run or, failing that, its longest tail
/// opening on a capitalised word, since a sentence's first word or a head
/// before "of" joins the run without being part of the name ("Fighters of
/// the Coalition of Patriots for Change (CPC)", "Leaders of the Southern
/// African Development Community (SADC)").
fn spelled_start(tokens: &[Token], start: usize, open: usize, acronym: &str) -> Option<usize> {
    // Each spelled word gives at least one initial, so a tail with more
    // words than the acronym has letters cannot spell it: searching only
    // the shorter tails keeps a long capitalised run (a headline, a list
    // of names) from costing a pass per word.
    let longest_tail = tail_of_words(tokens, start, open, acronym.chars().count());
    (longest_tail..open)
        .filter(|&k| !ACRONYM_SKIPPED.contains(&tokens[k].lower.as_str()))
        .find(|&k| {
            let initials: String = run_words(tokens, k, open)
                .iter()
                .filter_map(|w| w.chars().next())
                .collect();
            initials == acronym
        })
}

/// Where the tail of `tokens[start..open]` holding `words` spelled words
/// (the small words skipped) begins; `start` when the run is shorter.
fn tail_of_words(tokens: &[Token], start: usize, open: usize, words: usize) -> usize {
    let mut seen = 0;
    let mut k = open;
    while k > start {
        if !ACRONYM_SKIPPED.contains(&tokens[k - 1].lower.as_str()) {
            if seen == words {
                break;
            }
            seen += 1;
        }
        k -= 1;
    }
    k
}

/// Capitalised words naming a body of water after which "of" and a
/// country or city complete the water's name ("the Gulf of Oman").
pub(crate) const WATER_WORDS: &[&str] =
    &["ocean", "gulf", "sea", "bay", "strait", "straits", "bight"];

/// A dictionary name at `i` ends the name of a body of water ("the Gulf of
/// Oman", "the Gulf of Aden", "the Sea of Japan", "the Gulf of Guinea"):
/// a place, not that country or city acting or acted on ("seized a tanker
/// in the Gulf of Oman" is aimed at no one named).
fn names_water(lower: &[&str], caps: &[bool], i: usize) -> bool {
    i >= 2 && lower[i - 1] == "of" && caps[i - 2] && WATER_WORDS.contains(&lower[i - 2])
}

/// A country's name written against a dollar sign ("US$42 million",
/// "HK$5", "A$300") names a currency: no party to the story and no place.
/// With a space between ("gave Kenya $10 million") the name is the party.
/// So does a country's name or people's word right before the name of a
/// currency (`data/lexicon/currency_words.txt`, through
/// `ActorDictionary::is_currency_word`: "paid in U.S. dollars", "the
/// Zimbabwean dollar"; not "pounds", which is also a verb: "Israel pounds
/// Gaza").
fn names_a_currency(tokens: &[Token], end: usize, dict: &ActorDictionary) -> bool {
    let (Some(last), Some(next)) = (
        end.checked_sub(1).and_then(|k| tokens.get(k)),
        tokens.get(end),
    ) else {
        return false;
    };
    (next.lower == "$" && next.span.start == last.span.end) || dict.is_currency_word(&next.lower)
}

/// A place's name before the word for an instrument of law ("the Vienna
/// Convention", "the Paris Agreement", "the Minsk agreements", "the Oslo
/// Accords") is the document's name, taken from where it was signed: no
/// party to the story. Singular words count only capitalised ("a Moscow
/// agreement" may be Moscow's).
pub(crate) fn names_a_treaty(tokens: &[Token], end: usize) -> bool {
    tokens.get(end).is_some_and(|t| {
        TREATY_WORDS.contains(&t.lower.as_str())
            && (t.capitalised
                || matches!(t.lower.as_str(), "agreements" | "accords" | "conventions"))
    })
}

/// Words for instruments of law named after a place (`names_a_treaty`).
const TREATY_WORDS: &[&str] = &[
    "convention",
    "conventions",
    "agreement",
    "agreements",
    "accord",
    "accords",
    "protocol",
    "protocols",
    "treaty",
    "charter",
    "declaration",
];

/// A name of several words that ends a longer capitalised name joined by
/// "and" or "for" ("the Peace and Security Council" of the African Union,
/// "the Council for National Renewal") is a part of that unknown name, not
/// the organisation or party it names alone; after an actor ("Hamas and
/// Islamic Jihad") it is a name of its own.
fn inside_longer_name(
    lower: &[&str],
    caps: &[bool],
    i: usize,
    len: usize,
    found: &[Mention],
) -> bool {
    len >= 2
        && i >= 2
        && matches!(lower[i - 1], "and" | "for")
        && caps[i - 2]
        && !found
            .iter()
            .any(|m| m.end > i - 2 && matches!(m.kind, MentionKind::Entries(_)))
}

/// "The Independent Authority Against Corruption", "the Guardian Council":
/// a news outlet's title opened by "the" and followed at once by another
/// capitalised word opens a longer proper name, not the outlet. The words
/// after "the" are then read as a name of their own.
fn outlet_opens_longer_name(
    dict: &ActorDictionary,
    entries: &[usize],
    lower: &[&str],
    caps: &[bool],
    (first, end): (usize, usize),
) -> bool {
    lower[first] == "the"
        && end > first + 1
        && caps.get(end).copied().unwrap_or(false)
        && lower
            .get(end)
            .is_some_and(|w| w.chars().all(char::is_alphabetic))
        && !entries.is_empty()
        && entries
            .iter()
            .all(|&e| dict.entry(e).sector == Some(Sector::Med))
}

/// Finds the mentions of one sentence, left to right, not overlapping.
pub fn find_mentions(tokens: &[Token], dict: &ActorDictionary, stop: &WordList) -> Vec<Mention> {
    let lower = lower_words(tokens);
    let caps: Vec<bool> = tokens.iter().map(|t| t.capitalised).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(kind) = definite_description(dict, &lower, i) {
            out.push(Mention {
                first: i,
                end: i + 1,
                kind: MentionKind::Description(kind),
            });
            i += 1;
            continue;
        }
        if let Some(m) = dict
            .longest_match(&lower, &caps, i)
            .filter(|m| !is_first_name(dict, m.entries, (&lower, &caps), tokens, i + m.len, stop))
        {
            if outlet_opens_longer_name(dict, m.entries, &lower, &caps, (i, i + m.len)) {
                i += 1;
                continue;
            }
            if names_water(&lower, &caps, i)
                || inside_longer_name(&lower, &caps, i, m.len, &out)
                || names_a_currency(tokens, i + m.len, dict)
                || names_a_treaty(tokens, i + m.len)
            {
                i += m.len;
                continue;
            }
            out.push(Mention {
                first: i,
                end: i + m.len,
                kind: MentionKind::Entries(m.entries.to_vec()),
            });
            i += m.len;
            continue;
        }
        // "Russian-backed", "EU-based", "Moscow-brokered": a dictionary name
        // joined to a participle modifies what follows.
        if let Some(entries) = hyphen_modifier(dict, &tokens[i]) {
            out.push(Mention {
                first: i,
                end: i + 1,
                kind: MentionKind::Entries(entries),
            });
            i += 1;
            continue;
        }
        let pronoun = match lower[i] {
            "it" if expletive_it(&lower, i) => None,
            "he" | "she" | "him" | "his" | "her" => Some(Pronoun::Person),
            "it" | "its" | "they" | "them" | "their" => Some(Pronoun::Group),
            "we" | "us" | "our" => Some(Pronoun::Speaker),
            _ => None,
        };
        if let Some(p) = pronoun {
            out.push(Mention {
                first: i,
                end: i + 1,
                kind: MentionKind::Pronoun(p),
            });
            i += 1;
            continue;
        }
        // "Jan Hamáček", "May Smith": a month that is a first name.
        let first_name_month = matches!(lower[i], "jan" | "may" | "june" | "april" | "august")
            && tokens[i].capitalised
            && tokens.get(i + 1).is_some_and(|t| is_name_word(t, stop));
        if is_name_word(&tokens[i], stop) || first_name_month || month_as_surname(tokens, i) {
            let mut j = i + 1;
            while j < tokens.len() {
                let name_word = is_name_word(&tokens[j], stop)
                    && dict.longest_match(&lower, &caps, j).is_none();
                if name_word || month_ends_name(tokens, j) {
                    j += 1;
                } else if is_name_particle(&tokens[j])
                    && tokens.get(j + 1).is_some_and(|t| is_name_word(t, stop))
                {
                    j += 2;
                } else {
                    break;
                }
            }
            // A lone capitalised word opening a sentence may be an ordinary
            // word ("Rockets were..."); `actors` keeps it only if it is a name
            // the document has already introduced.
            out.push(Mention {
                first: i,
                end: j,
                kind: MentionKind::Name,
            });
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

/// "It was not clear who carried out the ambush", "it is unclear whether
/// ...", "it was not immediately known how many ...": an "it" before a
/// copula and an adjective of knowing or likelihood stands for the clause
/// that follows, not for a party.
fn expletive_it(lower: &[&str], i: usize) -> bool {
    let copula = |w: &str| {
        matches!(
            w,
            "is" | "was" | "remains" | "remained" | "seems" | "seemed" | "appears" | "appeared"
        )
    };
    if !lower.get(i + 1).is_some_and(|w| copula(w)) {
        return false;
    }
    let mut k = i + 2;
    while lower.get(k).is_some_and(|w| {
        matches!(
            *w,
            "not" | "still" | "also" | "yet" | "immediately" | "entirely" | "far" | "now"
        )
    }) {
        k += 1;
    }
    lower.get(k).is_some_and(|w| {
        matches!(
            *w,
            "clear"
                | "unclear"
                | "known"
                | "unknown"
                | "certain"
                | "uncertain"
                | "likely"
                | "unlikely"
                | "possible"
                | "impossible"
        )
    })
}

/// A modifier that may stand between "the" and a description's noun
/// without making it another body: a word of
/// `data/lexicon/description_modifiers.txt` ("the regional bloc", "the
/// military alliance"), or a member count ("the 27-member bloc").
fn description_modifier(dict: &ActorDictionary, w: &str) -> bool {
    dict.is_description_modifier(w)
        || w.split_once('-').is_some_and(|(n, k)| {
            !n.is_empty()
                && n.chars().all(|c| c.is_ascii_digit())
                && matches!(k, "member" | "nation" | "country" | "state")
        })
}

/// Token `i` follows "the", directly or over at most two description
/// modifiers ("the regional bloc").
fn after_definite_article(dict: &ActorDictionary, lower: &[&str], i: usize) -> bool {
    let mut j = i;
    for _ in 0..3 {
        let Some(prev) = j.checked_sub(1) else {
            return false;
        };
        if lower[prev] == "the" {
            return true;
        }
        if !description_modifier(dict, lower[prev]) {
            return false;
        }
        j = prev;
    }
    false
}

/// A lower-case "-ing" word long enough not to be a noun such as "king" or
/// "thing": read as a gerund after "of" ("of violating", "of harbouring").
pub(crate) fn is_gerund_word(lower: &str) -> bool {
    lower.len() > 5 && lower.ends_with("ing")
}

/// "the country", "the kingdom", "the group" (`descriptions.tsv`): a
/// noun after "the" (or "the" and `description_modifier` words: "the
/// regional bloc") that takes up an actor named before. Not before "of"
/// ("the group of seven") nor before another actor noun, which it only
/// modifies ("the group leader").
fn definite_description(
    dict: &ActorDictionary,
    lower: &[&str],
    i: usize,
) -> Option<DescriptionKind> {
    if !after_definite_article(dict, lower, i) {
        return None;
    }
    let kind = dict.description(lower[i])?;
    let next = lower.get(i + 1).copied();
    // "accused the kingdom of persecuting clerics": an "of" opening a
    // gerund says what the party did, it does not name a part of it.
    let of_owner = next == Some("of") && !lower.get(i + 2).is_some_and(|w| is_gerund_word(w));
    let modifies = of_owner
        || (next.is_some()
            && dict
                .longest_match(lower, &vec![false; lower.len()], i + 1)
                .is_some());
    (!modifies).then_some(kind)
}

/// Participles that make "X-…" a modifier naming X.
const HYPHEN_PARTICIPLES: &[&str] = &[
    "led",
    "backed",
    "based",
    "allied",
    "aligned",
    "controlled",
    "run",
    "owned",
    "funded",
    "supported",
    "brokered",
    "sponsored",
    "installed",
    "occupied",
    "held",
    "born",
    "made",
    "built",
    "trained",
    "armed",
    "friendly",
    "linked",
    "flagged",
    "registered",
];

/// The token joins a name to a participle from `HYPHEN_PARTICIPLES`
/// ("EU-based", "Russian-backed"): a modifier of what follows.
pub(crate) fn names_by_hyphen_participle(t: &Token) -> bool {
    t.capitalised
        && t.lower
            .rsplit_once('-')
            .is_some_and(|(_, tail)| HYPHEN_PARTICIPLES.contains(&tail))
}

/// The mention is a lone name joined to a participle ("a UK-based
/// monitoring group", "Iranian-backed militias", "a Qatar-brokered truce"):
/// it says where a group or a thing comes from or who backs it, not where
/// the sentence happens nor what country the story is about.
pub(crate) fn hyphen_origin(tokens: &[Token], m: &Mention) -> bool {
    m.end == m.first + 1 && tokens.get(m.first).is_some_and(names_by_hyphen_participle)
}

/// The dictionary entries of the name part of "Russian-backed" or
/// "EU-based", when the rest is a participle from `HYPHEN_PARTICIPLES`.
fn hyphen_modifier(dict: &ActorDictionary, t: &Token) -> Option<Vec<usize>> {
    if !names_by_hyphen_participle(t) {
        return None;
    }
    let (head, _) = t.lower.rsplit_once('-')?;
    let words: Vec<&str> = head.split(' ').collect();
    let caps = vec![true; words.len()];
    let m = dict.longest_match(&words, &caps, 0)?;
    (m.len == words.len()).then(|| m.entries.to_vec())
}

/// A capital used as a first name ("Sofia Sapega"): a seat of government
/// followed by an unknown capitalised word.
fn is_first_name(
    dict: &ActorDictionary,
    entries: &[usize],
    (lower, caps): (&[&str], &[bool]),
    tokens: &[Token],
    next: usize,
    stop: &WordList,
) -> bool {
    use crate::lexicon::actors::EntryKind;
    entries
        .iter()
        .all(|&e| dict.entry(e).kind == EntryKind::Seat)
        && tokens.get(next).is_some_and(|t| is_name_word(t, stop))
        && dict.longest_match(lower, caps, next).is_none()
}

/// "Theresa May", "Iris June": a month's name right after a name word is
/// the surname, unless a day number follows ("Friday May 5" is a date).
fn month_ends_name(tokens: &[Token], j: usize) -> bool {
    let t = &tokens[j];
    t.capitalised
        && matches!(t.lower.as_str(), "may" | "june" | "april" | "august")
        && !tokens
            .get(j + 1)
            .is_some_and(|n| n.lower.starts_with(|c: char| c.is_ascii_digit()))
}

/// "May has received backing": a month's name right before a finite verb
/// is a surname used alone (a month is no subject of "has", "said" or a
/// past tense). It is only a candidate: `actors` keeps it where the
/// document has named that person.
fn month_as_surname(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    t.capitalised
        && matches!(t.lower.as_str(), "may" | "june" | "april" | "august")
        && tokens.get(i + 1).is_some_and(|n| {
            matches!(
                n.lower.as_str(),
                "has" | "had" | "says" | "said" | "told" | "was" | "is"
            ) || (n.lower.len() > 3 && n.lower.ends_with("ed"))
        })
}

fn is_name_word(t: &Token, stop: &WordList) -> bool {
    // "al-Sisi", "bin-Salman": a lower-case particle joined to a capitalised name.
    let particle_name = ["al-", "el-", "ad-", "as-", "ash-", "bin-", "ibn-", "abu-"]
        .iter()
        .any(|p| t.lower.starts_with(p))
        && t.capitalised_tail;
    t.is_word
        && (t.capitalised || particle_name)
        && !t.lower.chars().next().is_some_and(|c| c.is_ascii_digit())
        && !stop.contains(&t.lower)
}

fn is_name_particle(t: &Token) -> bool {
    matches!(
        t.lower.as_str(),
        "bin" | "al" | "de" | "van" | "von" | "da" | "del" | "la" | "le" | "ibn"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;
    use crate::Span;

    #[test]
    fn acronym_spelled_out_as_another_name() {
        let mut d = ActorDictionary::default();
        d.load_organisations("TWN\tPTY\tTPP|Taiwan People's Party\n", "o")
            .unwrap();
        let stop = WordList::default();
        let acronym = |s: &str| {
            let toks = tokenize(s, Span::new(0, s.len()));
            let ms = find_mentions(&toks, &d, &stop);
            ms.iter()
                .find_map(|m| acronym_of_other_name(s, &toks, &ms, m, &d))
        };
        assert_eq!(
            acronym("Canada left the Trans-Pacific Partnership (TPP) on Monday.").as_deref(),
            Some("tpp")
        );
        // The dictionary's own name spelled out, or letters that do not fit.
        assert_eq!(
            acronym("Ko leads the Taiwan People's Party (TPP) now."),
            None
        );
        assert_eq!(
            acronym("Canada left the Pacific Trade Pact (TPP) on Monday."),
            None
        );
        assert_eq!(acronym("The TPP met on Monday."), None);
        // The dictionary's body under another wording.
        assert_eq!(
            acronym("Ko leads the Taiwan Popular Party (TPP) now."),
            None
        );
        // A long capitalised run before the name: only its tail is read.
        assert_eq!(
            acronym("Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Trans-Pacific Partnership (TPP) met.")
                .as_deref(),
            Some("tpp")
        );
    }

    #[test]
    fn tail_of_words_skips_small_words() {
        let s = "Fighters of the Coalition for Peace and Change (";
        let toks = tokenize(s, Span::new(0, s.len()));
        let open = toks.len() - 1;
        // "Coalition ... Peace ... Change": three spelled words back, the
        // small words before them included, "Fighters" not.
        let k = tail_of_words(&toks, 0, open, 3);
        assert_eq!(toks[k].lower, "of");
        assert_eq!(tail_of_words(&toks, 0, open, 20), 0);
    }

    #[test]
    fn dictionary_names_and_pronouns() {
        let mut d = ActorDictionary::default();
        d.load_countries("RUS\tadj\tRussian\n", "c").unwrap();
        d.load_agents("title\tMIL\tdefense minister\n", "a")
            .unwrap();
        let stop = WordList::parse(
            "the\nmonday\n",
            "s",
            crate::lexicon::word_list::LineShape::Word,
        )
        .unwrap();
        let s = "The Russian Defense Minister Sergei Shoigu said on Monday he met Abdel Fattah al-Sisi.";
        let toks = tokenize(s, Span::new(0, s.len()));
        let m = find_mentions(&toks, &d, &stop);
        let texts: Vec<(String, bool)> = m
            .iter()
            .map(|m| {
                let sp = Span::new(toks[m.first].span.start, toks[m.end - 1].span.end);
                (sp.of(s).to_string(), matches!(m.kind, MentionKind::Name))
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                ("Russian".to_string(), false),
                ("Defense Minister".to_string(), false),
                ("Sergei Shoigu".to_string(), true),
                ("he".to_string(), false),
                ("Abdel Fattah al-Sisi".to_string(), true),
            ]
        );
    }

    #[test]
    fn places_naming_treaties_are_no_mentions() {
        let mut d = ActorDictionary::default();
        d.load_countries(
            "AUT\tseat\tVienna\nBLR\tseat\tMinsk\nRUS\tseat\tMoscow\n",
            "c",
        )
        .unwrap();
        let stop =
            WordList::parse("the\n", "s", crate::lexicon::word_list::LineShape::Word).unwrap();
        let cases = [
            ("a breach of the Vienna Convention", 0),
            ("they broke the Minsk agreements", 0),
            ("an envoy in Minsk agreed", 1),
            ("a Moscow agreement", 1),
        ];
        for (s, expected) in cases {
            let toks = tokenize(s, Span::new(0, s.len()));
            let found = find_mentions(&toks, &d, &stop)
                .iter()
                .filter(|m| matches!(m.kind, MentionKind::Entries(_)))
                .count();
            assert_eq!(found, expected, "{s}");
        }
    }

    #[test]
    fn months_as_surnames() {
        let words = |s: &str| tokenize(s, Span::new(0, s.len()));
        let t = words("Theresa May spoke . May has won . Friday May 5 . May was hot . May 5");
        assert!(month_ends_name(&t, 1));
        assert!(month_as_surname(&t, 4));
        assert!(!month_ends_name(&t, 9));
        assert!(month_as_surname(&t, 12));
        assert!(!month_as_surname(&t, 16));
    }
}
