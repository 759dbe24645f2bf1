//! spaCy's prefix, suffix and infix patterns and its URL matcher, evaluated
//! with Python `re`'s semantics on top of the `regex` crate.
//!
//! The converter splits each Python pattern into its top-level alternatives
//! and keeps each alternative's look-behind (a fixed number of characters)
//! and look-ahead apart from its core; this module checks them around the
//! core's match. Consecutive alternatives without look-arounds are joined
//! into one regex, whose leftmost-first semantics are Python's.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

use crate::container::Reader;
use crate::SyntaxError;

/// The URL regex repeats large classes up to 63 times: its compiled form is
/// bigger than `regex`'s default limit.
const REGEX_SIZE_LIMIT: usize = 64 << 20;

/// How far into a URL candidate the split between its scheme/user part and
/// its (IP) host is looked for; see [`UrlMatcher::guarded_match`].
const URL_HEAD_SCAN_BYTES: usize = 512;

fn compile(reader: &Reader<'_>, pattern: &str) -> Result<Regex, SyntaxError> {
    RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|err| reader.error(format!("pattern does not compile: {err}")))
}

/// Where a pattern applies: anchored at the start, at the end, or anywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placement {
    Prefix,
    Suffix,
    Infix,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LookaheadKind {
    Positive,
    Negative,
}

/// One alternative with look-arounds.
#[derive(Debug, Clone)]
struct GuardedAlternative {
    /// Characters the look-behind inspects, and `\A(?:..)\z` over them.
    lookbehind: Option<(usize, Regex)>,
    /// The core's own alternatives, each `\A(?:..)`, tried in Python's order.
    cores: Vec<Regex>,
    /// `\A(?:..)` and whether it must or must not match after the core.
    lookahead: Option<(LookaheadKind, Regex)>,
    /// Finds candidate positions: the core unanchored (infix), or
    /// look-behind + core anchored at the end (suffix).
    finder: Regex,
}

#[derive(Debug, Clone)]
enum Group {
    /// Alternatives without look-arounds, joined.
    Plain(Regex),
    Guarded(GuardedAlternative),
}

/// The raw alternative as the model file stores it.
struct RawAlternative<'a> {
    lookbehind_chars: usize,
    lookbehind: &'a str,
    cores: Vec<&'a str>,
    lookahead: Option<(LookaheadKind, &'a str)>,
}

impl RawAlternative<'_> {
    fn is_plain(&self) -> bool {
        self.lookbehind_chars == 0 && self.lookahead.is_none()
    }
}

fn read_alternative<'a>(r: &mut Reader<'a>) -> Result<RawAlternative<'a>, SyntaxError> {
    let lookbehind_chars = usize::from(r.u8()?);
    let lookbehind = r.string()?;
    let n = r.u32()? as usize;
    let mut cores = Vec::with_capacity(n.min(64));
    for _ in 0..n {
        cores.push(r.string()?);
    }
    if cores.is_empty() {
        return Err(r.error("an alternative without a core"));
    }
    let kind = r.u8()?;
    let lookahead_pattern = r.string()?;
    let lookahead = match kind {
        0 => None,
        1 => Some((LookaheadKind::Positive, lookahead_pattern)),
        2 => Some((LookaheadKind::Negative, lookahead_pattern)),
        other => return Err(r.error(format!("unknown look-ahead kind {other}"))),
    };
    if (lookbehind_chars == 0) != lookbehind.is_empty() {
        return Err(r.error("look-behind width and pattern disagree"));
    }
    Ok(RawAlternative {
        lookbehind_chars,
        lookbehind,
        cores,
        lookahead,
    })
}

/// The patterns of one kind (prefix, suffix or infix), in Python's order.
#[derive(Debug, Clone)]
pub(crate) struct AffixPatterns {
    placement: Placement,
    groups: Vec<Group>,
    /// Every core joined, look-arounds left out: when it does not match,
    /// no alternative can, and one search replaces one per group (suffix
    /// and infix only: prefixes are tried in order anyway).
    any_core: Option<Regex>,
}

impl AffixPatterns {
    /// Reads one pattern block: u32 alternative count, then per alternative
    /// u8 look-behind chars, string look-behind, u32 core count + strings,
    /// u8 look-ahead kind, string look-ahead.
    pub(crate) fn read(
        r: &mut Reader<'_>,
        placement: Placement,
    ) -> Result<AffixPatterns, SyntaxError> {
        let n = r.u32()? as usize;
        let mut raw = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            raw.push(read_alternative(r)?);
        }
        let mut groups = Vec::new();
        let mut plain: Vec<&str> = Vec::new();
        for alt in &raw {
            if alt.is_plain() {
                plain.extend(alt.cores.iter().copied());
                continue;
            }
            if !plain.is_empty() {
                groups.push(Group::Plain(compile(
                    r,
                    &anchor(placement, &plain.join("|")),
                )?));
                plain.clear();
            }
            groups.push(Group::Guarded(guarded(r, placement, alt)?));
        }
        if !plain.is_empty() {
            groups.push(Group::Plain(compile(
                r,
                &anchor(placement, &plain.join("|")),
            )?));
        }
        let all_cores: Vec<&str> = raw
            .iter()
            .flat_map(|alt| alt.cores.iter().copied())
            .collect();
        let any_core = match placement {
            Placement::Prefix => None,
            _ => Some(compile(r, &anchor(placement, &all_cores.join("|")))?),
        };
        Ok(AffixPatterns {
            placement,
            groups,
            any_core,
        })
    }

    /// Byte length of the prefix spaCy splits off `s` (0: none): the first
    /// alternative, in order, that matches at the start.
    pub(crate) fn prefix_len(&self, s: &str) -> usize {
        debug_assert_eq!(self.placement, Placement::Prefix);
        for group in &self.groups {
            let found = match group {
                Group::Plain(re) => re.find(s).map(|m| m.end()),
                // A look-behind never holds at the start of the string.
                Group::Guarded(g) if g.lookbehind.is_some() => None,
                Group::Guarded(g) => g.core_end_at(s, 0),
            };
            if let Some(end) = found {
                return end;
            }
        }
        0
    }

    /// Byte length of the suffix spaCy splits off `s` (0: none): the match
    /// that reaches the end from the leftmost start, over all alternatives.
    pub(crate) fn suffix_len(&self, s: &str) -> usize {
        debug_assert_eq!(self.placement, Placement::Suffix);
        if self.any_core.as_ref().is_some_and(|any| !any.is_match(s)) {
            return 0;
        }
        let mut best = s.len();
        for group in &self.groups {
            let start = match group {
                Group::Plain(re) => re.find(s).map(|m| m.start()),
                Group::Guarded(g) => g.suffix_start(s),
            };
            if let Some(start) = start {
                best = best.min(start);
            }
        }
        s.len() - best
    }

    /// Python's `finditer`: non-overlapping matches left to right; at each
    /// position the first alternative in order wins. Each group keeps its
    /// next match, so the text is scanned once per group.
    pub(crate) fn infixes(&self, s: &str, out: &mut Vec<(usize, usize)>) {
        debug_assert_eq!(self.placement, Placement::Infix);
        out.clear();
        if self.any_core.as_ref().is_some_and(|any| !any.is_match(s)) {
            return;
        }
        // Per group: not searched yet, or its next match (None: no more).
        let mut next: Vec<Option<Option<(usize, usize)>>> = vec![None; self.groups.len()];
        let mut pos = 0;
        while pos < s.len() {
            let mut best: Option<(usize, usize)> = None;
            for (group, cached) in self.groups.iter().zip(next.iter_mut()) {
                let stale = match cached {
                    None => true,
                    Some(Some((start, _))) => *start < pos,
                    Some(None) => false,
                };
                if stale {
                    let found = match group {
                        Group::Plain(re) => re.find_at(s, pos).map(|m| (m.start(), m.end())),
                        Group::Guarded(g) => g.infix_at_or_after(s, pos),
                    };
                    *cached = Some(found);
                }
                if let Some(Some(m)) = cached {
                    if best.is_none_or(|b| m.0 < b.0) {
                        best = Some(*m);
                    }
                }
            }
            match best {
                Some((start, end)) => {
                    out.push((start, end));
                    // The converter refuses empty-matching alternatives;
                    // step over one character should one appear anyway.
                    pos = if end > start {
                        end
                    } else {
                        start + s[start..].chars().next().map_or(1, char::len_utf8)
                    };
                }
                None => break,
            }
        }
    }
}

fn anchor(placement: Placement, alternation: &str) -> String {
    match placement {
        Placement::Prefix => format!(r"\A(?:{alternation})"),
        Placement::Suffix => format!(r"(?:{alternation})\z"),
        Placement::Infix => format!("(?:{alternation})"),
    }
}

fn guarded(
    r: &Reader<'_>,
    placement: Placement,
    alt: &RawAlternative<'_>,
) -> Result<GuardedAlternative, SyntaxError> {
    let lookbehind = match alt.lookbehind_chars {
        0 => None,
        n => Some((n, compile(r, &format!(r"\A(?:{})\z", alt.lookbehind))?)),
    };
    let cores = alt
        .cores
        .iter()
        .map(|c| compile(r, &format!(r"\A(?:{c})")))
        .collect::<Result<Vec<_>, _>>()?;
    let lookahead = match alt.lookahead {
        None => None,
        Some((kind, pattern)) => Some((kind, compile(r, &format!(r"\A(?:{pattern})"))?)),
    };
    let joined = alt.cores.join("|");
    let finder = match placement {
        Placement::Suffix => compile(r, &format!(r"(?:{})(?:{joined})\z", alt.lookbehind))?,
        _ => compile(r, &format!("(?:{joined})"))?,
    };
    Ok(GuardedAlternative {
        lookbehind,
        cores,
        lookahead,
        finder,
    })
}

impl GuardedAlternative {
    /// End of the first core alternative matching at `at` whose look-ahead
    /// holds (the look-behind is checked by the caller).
    fn core_end_at(&self, s: &str, at: usize) -> Option<usize> {
        let rest = s.get(at..)?;
        self.cores.iter().find_map(|core| {
            let end = at + core.find(rest)?.end();
            self.lookahead_holds(s.get(end..)?).then_some(end)
        })
    }

    fn lookahead_holds(&self, after: &str) -> bool {
        match &self.lookahead {
            None => true,
            Some((LookaheadKind::Positive, re)) => re.is_match(after),
            Some((LookaheadKind::Negative, re)) => !re.is_match(after),
        }
    }

    fn lookbehind_holds(&self, s: &str, at: usize) -> bool {
        let Some((chars, re)) = &self.lookbehind else {
            return true;
        };
        let before = s.get(..at).unwrap_or("");
        match before.char_indices().rev().nth(chars - 1) {
            Some((from, _)) => re.is_match(&before[from..]),
            None => false,
        }
    }

    /// Leftmost start of a match reaching the end of `s`.
    fn suffix_start(&self, s: &str) -> Option<usize> {
        if !self.lookahead_holds("") {
            return None;
        }
        let m = self.finder.find(s)?;
        // The finder's match begins with the look-behind's characters.
        let skip = self.lookbehind.as_ref().map_or(0, |(n, _)| *n);
        let tail = &s[m.start()..];
        Some(m.start() + tail.char_indices().nth(skip).map_or(tail.len(), |(i, _)| i))
    }

    /// The first match starting at or after `pos`, look-arounds checked.
    fn infix_at_or_after(&self, s: &str, mut pos: usize) -> Option<(usize, usize)> {
        while pos <= s.len() {
            let start = self.finder.find_at(s, pos)?.start();
            if self.lookbehind_holds(s, start) {
                if let Some(end) = self.core_end_at(s, start) {
                    return Some((start, end));
                }
            }
            pos = start + s[start..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }
}

/// A regex in two forms: `relaxed` (large counted repeats unbounded, cheap
/// to build) and the exact one, built on first need.
#[derive(Debug, Clone)]
struct TwoForms {
    relaxed: Regex,
    exact_pattern: String,
    exact: OnceLock<Regex>,
}

impl TwoForms {
    fn new(
        r: &Reader<'_>,
        exact_pattern: String,
        relaxed_pattern: &str,
    ) -> Result<TwoForms, SyntaxError> {
        Ok(TwoForms {
            relaxed: compile(r, relaxed_pattern)?,
            exact_pattern,
            exact: OnceLock::new(),
        })
    }

    fn is_match(&self, s: &str, bounds_reachable: bool) -> bool {
        if !bounds_reachable {
            return self.relaxed.is_match(s);
        }
        let exact = self.exact.get_or_init(|| {
            // The relaxed form of the same pattern compiled, so this only
            // fails on a size limit: then the relaxed form stands in.
            RegexBuilder::new(&self.exact_pattern)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_SIZE_LIMIT)
                .build()
                .unwrap_or_else(|_| self.relaxed.clone())
        });
        exact.is_match(s)
    }
}

/// One alternative of the URL host part: the negative look-aheads that
/// guard it (Python excludes private IP ranges this way) and its body.
#[derive(Debug, Clone)]
struct UrlAlternative {
    /// `\A head body tail \z` without the exclusions.
    whole: TwoForms,
    /// `\A(?:excluded|...)` (the host part must not start like this) and
    /// `\A body tail \z`.
    guard: Option<(Regex, TwoForms)>,
}

/// spaCy's `url_match`: a full match of the URL pattern.
#[derive(Debug, Clone)]
pub(crate) struct UrlMatcher {
    /// `\A head \z`.
    head: Regex,
    alternatives: Vec<UrlAlternative>,
    /// Runs of characters other than '.' up to this long cannot reach the
    /// bounds the relaxed forms drop (see `tokenizer_data.py`).
    run_limit: usize,
}

impl UrlMatcher {
    /// u32 present (0/1); string head; u32 alternative count, per
    /// alternative u32 exclusion count + strings, string body, string
    /// relaxed body; string tail; u32 run limit.
    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Option<UrlMatcher>, SyntaxError> {
        if r.u32()? == 0 {
            return Ok(None);
        }
        let head = r.string()?;
        let n = r.u32()? as usize;
        let mut raw = Vec::with_capacity(n.min(64));
        for _ in 0..n {
            let m = r.u32()? as usize;
            let mut excluded = Vec::with_capacity(m.min(64));
            for _ in 0..m {
                excluded.push(r.string()?);
            }
            raw.push((excluded, r.string()?, r.string()?));
        }
        let tail = r.string()?;
        let run_limit = r.u32()? as usize;
        let mut alternatives = Vec::with_capacity(raw.len());
        for (excluded, body, relaxed) in raw {
            let whole = |b: &str| format!(r"\A(?:{head})(?:{b})(?:{tail})\z");
            let rest = |b: &str| format!(r"\A(?:{b})(?:{tail})\z");
            let guard = match excluded.is_empty() {
                true => None,
                false => Some((
                    compile(r, &format!(r"\A(?:{})", excluded.join("|")))?,
                    TwoForms::new(r, rest(body), &rest(relaxed))?,
                )),
            };
            alternatives.push(UrlAlternative {
                whole: TwoForms::new(r, whole(body), &whole(relaxed))?,
                guard,
            });
        }
        let head = compile(r, &format!(r"\A(?:{head})\z"))?;
        Ok(Some(UrlMatcher {
            head,
            alternatives,
            run_limit,
        }))
    }

    pub(crate) fn matches(&self, s: &str) -> bool {
        let bounds_reachable = s
            .split('.')
            .any(|run| run.len() > self.run_limit && run.chars().count() > self.run_limit);
        self.alternatives.iter().any(|alt| {
            alt.whole.is_match(s, bounds_reachable)
                && match &alt.guard {
                    None => true,
                    Some((excluded, rest)) => {
                        self.guarded_match(excluded, rest, s, bounds_reachable)
                    }
                }
        })
    }

    /// Python backtracks over where the head ends and checks the exclusion
    /// there; try each split whose head matches. Splits are looked for in
    /// the first [`URL_HEAD_SCAN_BYTES`] bytes only, which bounds the work
    /// on long strings (a scheme and user part are short).
    fn guarded_match(
        &self,
        excluded: &Regex,
        rest: &TwoForms,
        s: &str,
        bounds_reachable: bool,
    ) -> bool {
        s.char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(s.len()))
            .take_while(|&k| k <= URL_HEAD_SCAN_BYTES)
            .any(|k| {
                let (head, tail) = s.split_at(k);
                self.head.is_match(head)
                    && !excluded.is_match(tail)
                    && rest.is_match(tail, bounds_reachable)
            })
    }
}
