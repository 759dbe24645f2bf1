//! The tagger's tokens: runs of letters/digits, every other non-space
//! character on its own, and the context's accessors over them.

use super::Cx;

/// One token and its byte span in the caller's text.
#[derive(Clone, Copy)]
pub(super) struct Tok<'a> {
    pub(super) s: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Splits into runs of alphanumerics and single punctuation characters;
/// offsets are shifted by `base` so they point into the caller's text.
pub(super) fn tokenize(s: &str, base: usize) -> Vec<Tok<'_>> {
    fn push<'a>(out: &mut Vec<Tok<'a>>, s: &'a str, base: usize, a: usize, b: usize) {
        if let Some(t) = s.get(a..b) {
            out.push(Tok {
                s: t,
                start: base + a,
                end: base + b,
            });
        }
    }
    let mut out = Vec::with_capacity(s.len() / 4 + 1);
    let mut run: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            if run.is_none() {
                run = Some(i);
            }
            continue;
        }
        if let Some(a) = run.take() {
            push(&mut out, s, base, a, i);
        }
        if !c.is_whitespace() {
            push(&mut out, s, base, i, i + c.len_utf8());
        }
    }
    if let Some(a) = run {
        push(&mut out, s, base, a, s.len());
    }
    out
}

/// First letter upper case, the rest all lower or all upper ("May", "MAY").
pub(super) fn capitalised(s: &str) -> bool {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => {
            let rest = cs.as_str();
            rest.chars().all(|c| !c.is_uppercase()) || rest.chars().all(|c| !c.is_lowercase())
        }
        _ => false,
    }
}

pub(super) fn is_apostrophe(s: &str) -> bool {
    s == "'" || s == "’"
}

pub(super) fn is_dash(s: &str) -> bool {
    s == "-" || s == "–" || s == "—"
}

impl Cx<'_> {
    pub(super) fn tok(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.s)
    }

    pub(super) fn is(&self, i: usize, w: &str) -> bool {
        self.tok(i).eq_ignore_ascii_case(w)
    }

    pub(super) fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        let t = self.tok(i);
        !t.is_empty() && ws.iter().any(|w| t.eq_ignore_ascii_case(w))
    }

    /// Token before `i`, or "" at the start.
    pub(super) fn prev(&self, i: usize) -> &str {
        match i.checked_sub(1) {
            Some(p) => self.tok(p),
            None => "",
        }
    }

    pub(super) fn prev_is_any(&self, i: usize, ws: &[&str]) -> bool {
        i > 0 && self.is_any(i - 1, ws)
    }

    /// Tokens `i` and `i + 1` touch (no space between).
    pub(super) fn adjacent(&self, i: usize) -> bool {
        match (self.t.get(i), self.t.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    pub(super) fn digits(&self, i: usize, max_len: usize) -> Option<u32> {
        let s = self.tok(i);
        if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    }
}
