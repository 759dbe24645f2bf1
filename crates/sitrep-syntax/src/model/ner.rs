//! spaCy's named-entity recogniser (`ner.pyx`): a transition system over
//! the tokens left to right with BILUO moves (Begin, In, Last, Unit, Out)
//! per label, greedy, on its own tok2vec. Entities do not cross the
//! parser's sentence starts and do not begin on space tokens.

use super::scorer::{best_valid, PreparedDoc, StateScorer};
use crate::container::Reader;
use crate::{Entity, EntityLabel, SyntaxError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Begin(EntityLabel),
    In(EntityLabel),
    Last(EntityLabel),
    Unit(EntityLabel),
    Out,
    /// A move that is never valid without preset entities ("U-" with no
    /// label, which spaCy keeps for blocked spans).
    Never,
}

fn parse_action(name: &str) -> Option<Move> {
    if name == "O" {
        return Some(Move::Out);
    }
    let (kind, label) = name.split_once('-')?;
    if label.is_empty() {
        return Some(Move::Never);
    }
    let label = EntityLabel::parse(label)?;
    match kind {
        "B" => Some(Move::Begin(label)),
        "I" => Some(Move::In(label)),
        "L" => Some(Move::Last(label)),
        "U" => Some(Move::Unit(label)),
        _ => None,
    }
}

const CONTEXT_TOKENS: usize = 3;

#[derive(Debug, Clone)]
pub struct Ner {
    scorer: StateScorer,
    moves: Vec<Move>,
}

impl Ner {
    /// Layout: see [`StateScorer::read`]; action names "B-ORG", ..., "O";
    /// 3 context tokens.
    pub fn read(r: &mut Reader<'_>, width: usize) -> Result<Ner, SyntaxError> {
        let scorer = StateScorer::read(r, width)?;
        let moves = scorer
            .action_names
            .iter()
            .map(|name| parse_action(name).ok_or_else(|| r.error(format!("unknown action {name}"))))
            .collect::<Result<Vec<_>, _>>()?;
        if scorer.n_features() != CONTEXT_TOKENS {
            return Err(r.error(format!("NER with {} context tokens", scorer.n_features())));
        }
        Ok(Ner { scorer, moves })
    }

    /// The scoring network, which projects and readies a document.
    pub fn scorer(&self) -> &StateScorer {
        &self.scorer
    }

    /// Entities of a document readied by the scorer from the NER's own
    /// tok2vec vectors ([`StateScorer::prepare`]).
    pub fn recognise(
        &self,
        mut doc: PreparedDoc<'_>,
        is_space: &[bool],
        sent_starts: &[bool],
    ) -> Vec<Entity> {
        let n = is_space.len().min(doc.tokens());
        let mut state = State {
            n,
            next: 0,
            open: None,
            entities: Vec::new(),
        };
        let mut scores = Vec::with_capacity(self.moves.len());
        let mut valid = vec![false; self.moves.len()];
        let facts = DocFacts {
            is_space,
            sent_starts,
        };
        while state.next < n {
            // The context reaches back to the open entity's start and the
            // token before the buffer: rows before those are not read again
            // (a streamed document drops them; a whole one ignores this).
            let first = state
                .open
                .map_or(state.next, |(start, _)| start)
                .min(state.next.saturating_sub(1));
            doc.release_before(first);
            let allowed = state.allowed(&facts);
            for (v, &m) in valid.iter_mut().zip(&self.moves) {
                *v = allowed.allows(m);
            }
            doc.scores(&state.context(), &valid, &mut scores);
            let Some(best) = best_valid(&scores, &valid) else {
                break;
            };
            state.apply(self.moves[best]);
        }
        state.entities
    }
}

struct DocFacts<'a> {
    is_space: &'a [bool],
    sent_starts: &'a [bool],
}

impl DocFacts<'_> {
    fn is_space(&self, i: usize) -> bool {
        self.is_space.get(i).copied().unwrap_or(false)
    }
    fn starts_sentence(&self, i: usize) -> bool {
        self.sent_starts.get(i).copied().unwrap_or(false)
    }
}

/// The moves valid in a state ([`State::allowed`]).
#[derive(Clone, Copy)]
enum Allowed {
    /// No entity is open: BEGIN (any label) when `begin`, UNIT when
    /// `unit`, and OUT.
    Outside { begin: bool, unit: bool },
    /// An entity of `label` is open: LAST of that label, and IN of it when
    /// there is `room` (two tokens left in the sentence).
    Inside { label: EntityLabel, room: bool },
}

impl Allowed {
    fn allows(&self, m: Move) -> bool {
        match (*self, m) {
            (Allowed::Outside { begin, .. }, Move::Begin(_)) => begin,
            (Allowed::Outside { unit, .. }, Move::Unit(_)) => unit,
            (Allowed::Outside { .. }, Move::Out) => true,
            (Allowed::Inside { label, room }, Move::In(l)) => room && l == label,
            (Allowed::Inside { label, .. }, Move::Last(l)) => l == label,
            _ => false,
        }
    }
}

struct State {
    n: usize,
    /// The buffer's first token.
    next: usize,
    /// Start and label of the entity being built.
    open: Option<(usize, EntityLabel)>,
    entities: Vec<Entity>,
}

impl State {
    /// B0, the first token of the open entity, and the token before B0 when
    /// an entity is open (spaCy's three NER context tokens).
    fn context(&self) -> [i32; CONTEXT_TOKENS] {
        let b0 = if self.next < self.n {
            self.next as i32
        } else {
            -1
        };
        let e0 = self.open.map_or(-1, |(start, _)| start as i32);
        let last = if b0 == -1 || e0 == -1 { -1 } else { b0 - 1 };
        [b0, e0, last]
    }

    fn buffer_length(&self) -> usize {
        self.n - self.next
    }

    /// Which moves are valid in this state, worked out once per state
    /// rather than once per action.
    fn allowed(&self, doc: &DocFacts<'_>) -> Allowed {
        let b0 = self.next;
        let room = self.buffer_length() >= 2 && !doc.starts_sentence(b0 + 1);
        match self.open {
            None => Allowed::Outside {
                begin: room && !doc.is_space(b0),
                unit: !doc.is_space(b0),
            },
            Some((_, label)) => Allowed::Inside { label, room },
        }
    }

    fn apply(&mut self, m: Move) {
        let b0 = self.next;
        match m {
            Move::Begin(label) => self.open = Some((b0, label)),
            Move::Last(label) => {
                if let Some((start, _)) = self.open.take() {
                    self.entities.push(Entity {
                        start,
                        end: b0 + 1,
                        label,
                    });
                }
            }
            Move::Unit(label) => self.entities.push(Entity {
                start: b0,
                end: b0 + 1,
                label,
            }),
            Move::In(_) | Move::Out | Move::Never => {}
        }
        self.next += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_parse() {
        assert_eq!(parse_action("B-ORG"), Some(Move::Begin(EntityLabel::Org)));
        assert_eq!(parse_action("U-"), Some(Move::Never));
        assert_eq!(parse_action("O"), Some(Move::Out));
        assert_eq!(parse_action("Q-ORG"), None);
    }
}
