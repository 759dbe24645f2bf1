//! spaCy's arc-eager dependency parser (`arc_eager.pyx`, `_state.pxd`),
//! greedy: at each state the best valid action. Actions: SHIFT, REDUCE
//! (which puts a head-less word back on the buffer), LEFT-label,
//! RIGHT-label and BREAK (the next word starts a sentence).

use super::nonproj;
use super::scorer::{best_valid, PreparedDoc, StateScorer};
use crate::container::Reader;
use crate::{Dep, SyntaxError};

/// A dependency label as the parser predicts it: lifted (non-projective)
/// arcs also name the label of the real head ("dobj||xcomp").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArcLabel {
    pub dep: Dep,
    pub lifted_from: Option<Dep>,
}

impl ArcLabel {
    const ROOT: ArcLabel = ArcLabel {
        dep: Dep::Root,
        lifted_from: None,
    };

    fn parse(text: &str) -> Option<ArcLabel> {
        match text.split_once("||") {
            Some((dep, head)) => Some(ArcLabel {
                dep: Dep::parse(dep)?,
                lifted_from: Some(Dep::parse(head)?),
            }),
            None => Some(ArcLabel {
                dep: Dep::parse(text)?,
                lifted_from: None,
            }),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Shift,
    Reduce,
    Left(ArcLabel),
    Right(ArcLabel),
    Break,
}

fn parse_action(name: &str) -> Option<Move> {
    match name {
        "S" => Some(Move::Shift),
        "D" => Some(Move::Reduce),
        _ => {
            let (kind, label) = name.split_once('-')?;
            match kind {
                "L" => Some(Move::Left(ArcLabel::parse(label)?)),
                "R" => Some(Move::Right(ArcLabel::parse(label)?)),
                "B" => Some(Move::Break),
                _ => None,
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Parser {
    scorer: StateScorer,
    moves: Vec<Move>,
}

/// What the parser gives: heads (a root is its own head), labels and
/// sentence starts, after de-projectivization.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parse {
    pub heads: Vec<usize>,
    pub deps: Vec<Dep>,
    pub sent_starts: Vec<bool>,
}

impl Parser {
    /// Layout: see [`StateScorer::read`]; the action names are spaCy's
    /// ("S", "D", "L-label", "R-label", "B-ROOT"), 8 context tokens.
    pub fn read(r: &mut Reader<'_>, width: usize) -> Result<Parser, SyntaxError> {
        let scorer = StateScorer::read(r, width)?;
        let moves = scorer
            .action_names
            .iter()
            .map(|name| parse_action(name).ok_or_else(|| r.error(format!("unknown action {name}"))))
            .collect::<Result<Vec<_>, _>>()?;
        if scorer.n_features() != CONTEXT_TOKENS {
            return Err(r.error(format!(
                "parser with {} context tokens",
                scorer.n_features()
            )));
        }
        Ok(Parser { scorer, moves })
    }

    /// The scoring network, which projects and readies a document.
    pub fn scorer(&self) -> &StateScorer {
        &self.scorer
    }

    /// Parses a document readied by its scorer ([`StateScorer::prepare`]).
    pub fn parse(&self, mut doc: PreparedDoc<'_>, is_space: &[bool]) -> Parse {
        let n = doc.tokens();
        let mut state = State::new(n);
        let mut ids = [0i32; CONTEXT_TOKENS];
        let mut scores = Vec::with_capacity(self.moves.len());
        let mut valid = vec![false; self.moves.len()];
        // Each word is shifted at most twice and reduced once per shift; the
        // cap only guards against a model that would loop.
        let max_steps = 8 * n + 16;
        for step in 0..max_steps {
            if state.is_final() {
                break;
            }
            if step % RELEASE_EVERY == 0 {
                if let Some(first) = state.first_live() {
                    doc.release_before(first);
                }
            }
            state.context(&mut ids);
            let allowed = state.allowed();
            for (v, &m) in valid.iter_mut().zip(&self.moves) {
                *v = allowed.allows(m);
            }
            doc.scores(&ids, &valid, &mut scores);
            let Some(best) = best_valid(&scores, &valid) else {
                break;
            };
            state.apply(self.moves[best]);
        }
        let mut heads: Vec<usize> = (0..n).collect();
        let mut labels = vec![ArcLabel::ROOT; n];
        for i in 0..n {
            if let (Some(h), Some(label)) = (state.head(i), state.labels[i]) {
                heads[i] = h;
                labels[i] = label;
            }
        }
        nonproj::deprojectivize(&mut heads, &mut labels, is_space);
        let sent_starts = nonproj::edges(&heads).sent_starts;
        Parse {
            heads,
            deps: labels.iter().map(|l| l.dep).collect(),
            sent_starts,
        }
    }
}

const CONTEXT_TOKENS: usize = 8;

/// The end of a children list.
const NO_ARC: u32 = u32::MAX;

/// Steps between two looks for the rows no state can use any more (a look
/// costs about the stack's length).
const RELEASE_EVERY: usize = 512;

/// A look for the first live token gives up past this many tokens: a
/// pathological stack keeps its rows rather than being scanned at length.
const LIVE_SCAN_LIMIT: usize = 1 << 16;

/// The kinds of move valid in a state ([`State::allowed`]).
struct Allowed {
    shift: bool,
    reduce: bool,
    /// LEFT and RIGHT, whatever the label.
    arc: bool,
    brk: bool,
}

impl Allowed {
    fn allows(&self, m: Move) -> bool {
        match m {
            Move::Shift => self.shift,
            Move::Reduce => self.reduce,
            Move::Left(_) | Move::Right(_) => self.arc,
            Move::Break => self.brk,
        }
    }
}

/// The parse state (spaCy's `StateC` for the parser). Token indices are
/// `i32` with -1 for "none", as the features need.
struct State {
    n: usize,
    heads: Vec<i32>,
    labels: Vec<Option<ArcLabel>>,
    stack: Vec<i32>,
    /// Words put back on the buffer by REDUCE, the last one first.
    rebuffer: Vec<i32>,
    /// Next unread word.
    next: usize,
    /// Children per head in the order the arcs were made (spaCy keeps an
    /// arc whose child was reattached unless it was the last one: kept too),
    /// as lists linked through `arcs`, newest first: two indices a token
    /// instead of two vectors.
    left_children: Vec<u32>,
    right_children: Vec<u32>,
    /// `(child, the list's previous entry)`; entries unlinked stay unused.
    arcs: Vec<(i32, u32)>,
    unshiftable: Vec<bool>,
    sent_start: Vec<bool>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            heads: vec![-1; n],
            labels: vec![None; n],
            stack: Vec::new(),
            rebuffer: Vec::new(),
            next: 0,
            left_children: vec![NO_ARC; n],
            right_children: vec![NO_ARC; n],
            arcs: Vec::new(),
            unshiftable: vec![false; n],
            sent_start: vec![false; n],
        }
    }

    fn head(&self, i: usize) -> Option<usize> {
        usize::try_from(self.heads[i]).ok()
    }

    fn s(&self, i: usize) -> i32 {
        self.stack
            .len()
            .checked_sub(i + 1)
            .map_or(-1, |k| self.stack[k])
    }

    fn b(&self, i: usize) -> i32 {
        if i < self.rebuffer.len() {
            return self.rebuffer[self.rebuffer.len() - 1 - i];
        }
        let b = self.next + (i - self.rebuffer.len());
        if b < self.n {
            b as i32
        } else {
            -1
        }
    }

    fn buffer_length(&self) -> usize {
        (self.n - self.next) + self.rebuffer.len()
    }

    fn is_final(&self) -> bool {
        self.stack.is_empty() && self.buffer_length() == 0
    }

    fn is_sent_start(&self, word: i32) -> bool {
        usize::try_from(word)
            .ok()
            .and_then(|w| self.sent_start.get(w).copied())
            .unwrap_or(false)
    }

    fn is_unshiftable(&self, word: i32) -> bool {
        usize::try_from(word)
            .ok()
            .and_then(|w| self.unshiftable.get(w).copied())
            .unwrap_or(false)
    }

    /// The children of the list whose newest entry is `last`, newest first.
    fn children(&self, last: u32) -> impl Iterator<Item = i32> + '_ {
        std::iter::successors(self.arcs.get(last as usize), |&&(_, previous)| {
            self.arcs.get(previous as usize)
        })
        .map(|&(child, _)| child)
    }

    /// The newest child of the list whose newest entry is `last`, -1 if none.
    fn newest(&self, last: u32) -> i32 {
        self.arcs.get(last as usize).map_or(-1, |&(child, _)| child)
    }

    /// Most recent left (right) child of `head`, -1 if none.
    fn last_left(&self, head: i32) -> i32 {
        usize::try_from(head)
            .ok()
            .map_or(-1, |h| self.newest(self.left_children[h]))
    }

    fn last_right(&self, head: i32) -> i32 {
        usize::try_from(head)
            .ok()
            .map_or(-1, |h| self.newest(self.right_children[h]))
    }

    /// The first token any later state can refer to, if it was found
    /// within [`LIVE_SCAN_LIMIT`] tokens. A state's context tokens are on
    /// the stack, on the buffer (put back by REDUCE, or the next unread
    /// word and after) or children of those; a word off both never returns
    /// and new arcs join only the stack's top and the buffer's front, so
    /// the set only loses older words.
    fn first_live(&self) -> Option<usize> {
        let mut first = self.next;
        let mut scanned = 0usize;
        let unread_head = (self.next < self.n).then_some(self.next as i32);
        for &word in self.stack.iter().chain(&self.rebuffer).chain(&unread_head) {
            let Ok(w) = usize::try_from(word) else {
                continue;
            };
            let children = self
                .children(self.left_children[w])
                .chain(self.children(self.right_children[w]));
            for c in std::iter::once(word).chain(children) {
                scanned += 1;
                if scanned > LIVE_SCAN_LIMIT {
                    return None;
                }
                first = first.min(usize::try_from(c).unwrap_or(first));
            }
        }
        Some(first)
    }

    /// spaCy's 8 context tokens: B0, B1, S0, S1, S2, L(B0), L(S0), R(S0).
    fn context(&self, ids: &mut [i32; CONTEXT_TOKENS]) {
        let (b0, s0) = (self.b(0), self.s(0));
        *ids = [
            b0,
            self.b(1),
            s0,
            self.s(1),
            self.s(2),
            self.last_left(b0),
            self.last_left(s0),
            self.last_right(s0),
        ];
    }

    /// Which kinds of move are valid in this state (a move's validity does
    /// not depend on its label): worked out once per state, not per action.
    fn allowed(&self) -> Allowed {
        let (b0, b1) = (self.b(0), self.b(1));
        Allowed {
            shift: self.stack.is_empty()
                || (self.buffer_length() >= 2
                    && !self.is_sent_start(b0)
                    && !self.is_unshiftable(b0)),
            reduce: !self.stack.is_empty(),
            arc: !self.stack.is_empty() && self.buffer_length() > 0 && !self.is_sent_start(b0),
            brk: self.buffer_length() >= 2 && b1 == b0 + 1 && !self.is_sent_start(b1),
        }
    }

    fn apply(&mut self, m: Move) {
        match m {
            Move::Shift => self.push(),
            Move::Reduce => {
                let s0 = self.s(0);
                if s0 >= 0 && (self.heads[s0 as usize] >= 0 || self.stack.len() == 1) {
                    self.stack.pop();
                } else if s0 >= 0 {
                    self.unshiftable[s0 as usize] = true;
                    self.rebuffer.push(s0);
                    self.stack.pop();
                }
            }
            Move::Left(label) => {
                let (b0, s0) = (self.b(0), self.s(0));
                self.add_arc(b0, s0, label);
                if b0 >= 0 {
                    self.unshiftable[b0 as usize] = false;
                }
                self.stack.pop();
            }
            Move::Right(label) => {
                let (s0, b0) = (self.s(0), self.b(0));
                self.add_arc(s0, b0, label);
                self.push();
            }
            Move::Break => {
                let b1 = self.b(1);
                if b1 >= 0 {
                    self.sent_start[b1 as usize] = true;
                }
            }
        }
    }

    fn push(&mut self) {
        let word = match self.rebuffer.pop() {
            Some(w) => w,
            None => {
                let w = self.next as i32;
                self.next += 1;
                w
            }
        };
        self.stack.push(word);
    }

    fn add_arc(&mut self, head: i32, child: i32, label: ArcLabel) {
        let (Ok(h), Ok(c)) = (usize::try_from(head), usize::try_from(child)) else {
            return;
        };
        if let Some(old) = self.head(c) {
            self.del_arc(old, c);
        }
        let list = if h > c {
            &mut self.left_children[h]
        } else {
            &mut self.right_children[h]
        };
        // Past u32::MAX arcs (no text a process can hold has that many
        // tokens) the arc is not listed.
        if let Ok(entry) = u32::try_from(self.arcs.len()) {
            self.arcs.push((child, *list));
            *list = entry;
        }
        self.heads[c] = head;
        self.labels[c] = Some(label);
    }

    /// spaCy removes the arc only when it is the head's last one (its
    /// other branch edits a copy): reproduced, as the features see it.
    fn del_arc(&mut self, head: usize, child: usize) {
        let list = if head > child {
            &mut self.left_children[head]
        } else {
            &mut self.right_children[head]
        };
        if let Some(&(newest, previous)) = self.arcs.get(*list as usize) {
            if newest == child as i32 {
                *list = previous;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_parse() {
        assert_eq!(parse_action("S"), Some(Move::Shift));
        assert_eq!(
            parse_action("L-dobj||xcomp"),
            Some(Move::Left(ArcLabel {
                dep: Dep::Dobj,
                lifted_from: Some(Dep::Xcomp)
            }))
        );
        assert_eq!(parse_action("B-ROOT"), Some(Move::Break));
        assert_eq!(parse_action("X-foo"), None);
    }
}
