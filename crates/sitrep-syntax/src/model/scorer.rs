//! The scoring network of spaCy's transition-based parser and NER
//! (`TransitionBasedParser.v2`): the tok2vec vectors are projected, a
//! "precomputable" lower layer maps each (token, feature slot) to hidden
//! pieces, a state sums the rows of its context tokens (a padding row for
//! absent ones), adds the bias, takes the maxout, and an upper affine layer
//! gives one score per action.

use std::cell::RefCell;
use std::collections::VecDeque;

use super::linalg::{
    accumulate_scaled, add_assign, matmul, max_of_pieces, pieces_first, sum_rows, transpose,
    Linear, LANES,
};
use super::weights;
use crate::container::Reader;
use crate::SyntaxError;

/// Up to this many tokens the lower layer is computed for every token in
/// one matrix product (4 KB per token for the parser); longer documents
/// compute each state's rows on demand, to bound memory.
const PRECOMPUTE_MAX_TOKENS: usize = 16_384;

#[derive(Debug, Clone)]
pub struct StateScorer {
    /// Action names in class order ("S", "L-nsubj", "B-ORG", ...).
    pub action_names: Vec<String>,
    projection: Linear,
    n_features: usize,
    pieces: usize,
    hidden: usize,
    /// The lower weights, `projection width × (n_features · hidden · pieces)`
    /// row-major (transposed from the file, for the matrix products).
    lower_transposed: Vec<f32>,
    /// `hidden · pieces`. This, the lower weights and the padding are laid
    /// out piece first in each feature slot ([`pieces_first`]).
    lower_bias: Vec<f32>,
    /// `n_features × hidden · pieces`: the row of an absent context token.
    padding: Vec<f32>,
    upper: Linear,
    /// The upper weights transposed (`hidden × actions`, the actions
    /// padded to [`padded_actions`] with zeros), so a state's scores are a
    /// sum of scaled rows (vectorizes; a dot product per action would not,
    /// as float sums are not reordered).
    upper_by_hidden: Vec<f32>,
    /// The upper bias, padded the same way.
    upper_bias: Vec<f32>,
}

impl StateScorer {
    /// Layout: `u32` action count, the action names (strings); projection
    /// W `(nI, width)`, b `(nI)`; lower W `(nF, nO, nP, nI)`, b `(nO, nP)`,
    /// pad `(1, nF, nO, nP)`; upper W `(actions, nO)`, b `(actions)`.
    pub fn read(r: &mut Reader<'_>, width: usize) -> Result<StateScorer, SyntaxError> {
        let n = r.u32()? as usize;
        let mut action_names = Vec::with_capacity(n.min(1024));
        for _ in 0..n {
            action_names.push(r.string()?.to_string());
        }
        let projection = weights::linear(r, "projection", Some(width))?;
        let (dims, lower) =
            weights::array_shaped(r, "lower W", &[None, None, None, Some(projection.n_out)])?;
        let (n_features, hidden, pieces) = (dims[0], dims[1], dims[2]);
        let (_, lower_bias) = weights::array_shaped(r, "lower b", &[Some(hidden), Some(pieces)])?;
        let (_, padding) = weights::array_shaped(
            r,
            "lower pad",
            &[Some(1), Some(n_features), Some(hidden), Some(pieces)],
        )?;
        let upper = weights::linear(r, "upper", Some(hidden))?;
        if upper.n_out != action_names.len() || pieces == 0 || n_features == 0 {
            return Err(r.error("upper layer size differs from the actions"));
        }
        // Rows padded with zeros to whole blocks of sums, so that no
        // action is scored outside them.
        let actions = padded_actions(upper.n_out);
        let mut upper_by_hidden = vec![0.0; hidden * actions];
        for (a, row) in upper.weights.chunks_exact(hidden).enumerate() {
            for (j, &w) in row.iter().enumerate() {
                upper_by_hidden[j * actions + a] = w;
            }
        }
        let mut upper_bias = upper.bias.clone();
        upper_bias.resize(actions, 0.0);
        // Each feature slot's outputs piece first, for the elementwise max.
        let slot_of = |values: &[f32], rest: usize| -> Vec<f32> {
            values
                .chunks_exact(hidden * pieces * rest)
                .flat_map(|slot| pieces_first(slot, hidden, pieces, rest))
                .collect()
        };
        let lower = slot_of(&lower, projection.n_out);
        let lower_bias = slot_of(&lower_bias, 1);
        let padding = slot_of(&padding, 1);
        let lower_transposed = transpose(&lower, n_features * hidden * pieces, projection.n_out);
        Ok(StateScorer {
            lower_transposed,
            upper_by_hidden,
            upper_bias,
            action_names,
            projection,
            n_features,
            pieces,
            hidden,
            lower_bias,
            padding,
            upper,
        })
    }

    pub fn n_features(&self) -> usize {
        self.n_features
    }

    fn row_width(&self) -> usize {
        self.hidden * self.pieces
    }

    /// Projects `n` rows of tok2vec vectors (`n × width`) and appends them
    /// to `projected`: a document is projected chunk by chunk as its
    /// vectors are encoded, so they never all sit in memory at once.
    pub fn project(&self, vectors: &[f32], n: usize, projected: &mut Vec<f32>) {
        let mut rows = Vec::new();
        self.projection.forward(vectors, n, &mut rows);
        projected.extend_from_slice(&rows);
    }

    /// Readies a document from all its projected rows ([`Self::project`])
    /// and, for documents of moderate length, precomputes the lower layer.
    pub fn prepare(&self, projected: Vec<f32>) -> PreparedDoc<'_> {
        let n = projected.len() / self.projection.n_out.max(1);
        let cache = (n <= PRECOMPUTE_MAX_TOKENS).then(|| {
            let cols = self.n_features * self.row_width();
            // The product overwrites every value: a buffer of an earlier
            // document is reused as it is, neither zeroed nor faulted in
            // again.
            let mut cache = CACHE_BUFFER.with(RefCell::take);
            cache.resize(n * cols, 0.0);
            matmul(
                &projected,
                n,
                self.projection.n_out,
                &self.lower_transposed,
                cols,
                &mut cache,
            );
            cache
        });
        PreparedDoc {
            scorer: self,
            rows: Rows::All(projected),
            cache,
            sum: Vec::new(),
            hidden: Vec::new(),
        }
    }

    /// Whether a document of `n` tokens is better scored from rows
    /// computed as the parse reaches them ([`Self::prepare_streamed`]):
    /// those whose lower layer is not precomputed anyway. The scores are
    /// the same either way.
    pub fn streams(&self, n: usize) -> bool {
        n > PRECOMPUTE_MAX_TOKENS
    }

    /// Readies a long document whose projected rows are computed a chunk
    /// of `chunk_tokens` tokens at a time by `produce` (chunk index → its
    /// rows, appended) when a state first needs one, and dropped once no
    /// state can need them ([`PreparedDoc::release_before`]): the whole
    /// document's rows (256 bytes a token) are never held at once.
    pub fn prepare_streamed<'a>(
        &'a self,
        tokens: usize,
        chunk_tokens: usize,
        produce: impl FnMut(usize, &mut Vec<f32>) + 'a,
    ) -> PreparedDoc<'a> {
        PreparedDoc {
            scorer: self,
            rows: Rows::Streamed(StreamedRows {
                tokens,
                chunk_tokens: chunk_tokens.max(1),
                n_in: self.projection.n_out,
                produce: Box::new(produce),
                held: VecDeque::new(),
            }),
            cache: None,
            sum: Vec::new(),
            hidden: Vec::new(),
        }
    }
}

/// Computes the projected rows of one chunk (by index), appending them.
type ProduceRows<'a> = Box<dyn FnMut(usize, &mut Vec<f32>) + 'a>;

/// Where a prepared document's projected rows come from.
enum Rows<'a> {
    /// Every token's row (`tokens × n_in`).
    All(Vec<f32>),
    Streamed(StreamedRows<'a>),
}

/// Rows computed chunk by chunk on demand; the chunks held are in
/// ascending order, usually the one or two the current sentence spans.
struct StreamedRows<'a> {
    tokens: usize,
    chunk_tokens: usize,
    n_in: usize,
    produce: ProduceRows<'a>,
    held: VecDeque<(usize, Vec<f32>)>,
}

impl StreamedRows<'_> {
    fn row(&mut self, token: usize) -> &[f32] {
        let chunk = token / self.chunk_tokens;
        let at = match self.held.iter().position(|(c, _)| *c >= chunk) {
            Some(i) if self.held[i].0 == chunk => i,
            found => {
                // Only a chunk released too early would be computed twice;
                // the values are the same.
                let mut rows = Vec::with_capacity(self.chunk_tokens * self.n_in);
                (self.produce)(chunk, &mut rows);
                let i = found.unwrap_or(self.held.len());
                self.held.insert(i, (chunk, rows));
                i
            }
        };
        let offset = (token % self.chunk_tokens) * self.n_in;
        self.held[at]
            .1
            .get(offset..offset + self.n_in)
            .unwrap_or(&[])
    }
}

thread_local! {
    /// The lower layer's buffer of the last document this thread scored
    /// ([`StateScorer::prepare`] takes it, [`PreparedDoc`] gives it back).
    static CACHE_BUFFER: RefCell<Vec<f32>> = const { RefCell::new(Vec::new()) };
}

/// The largest buffer kept for the next document (16 MB: documents of up
/// to 4,096 tokens for the parser); a longer document's is freed.
const KEPT_CACHE_VALUES: usize = 1 << 22;

impl Drop for PreparedDoc<'_> {
    fn drop(&mut self) {
        if let Some(cache) = self
            .cache
            .take()
            .filter(|c| c.capacity() <= KEPT_CACHE_VALUES)
        {
            CACHE_BUFFER.with(|kept| {
                let mut kept = kept.borrow_mut();
                if cache.capacity() > kept.capacity() {
                    *kept = cache;
                }
            });
        }
    }
}

/// A document ready for scoring states.
pub struct PreparedDoc<'s> {
    scorer: &'s StateScorer,
    rows: Rows<'s>,
    cache: Option<Vec<f32>>,
    sum: Vec<f32>,
    hidden: Vec<f32>,
}

impl PreparedDoc<'_> {
    /// The number of tokens of the document.
    pub fn tokens(&self) -> usize {
        match &self.rows {
            Rows::All(projected) => projected.len() / self.scorer.projection.n_out.max(1),
            Rows::Streamed(streamed) => streamed.tokens,
        }
    }

    /// No state will refer to a token before `token` again: streamed rows
    /// wholly before it are dropped.
    pub fn release_before(&mut self, token: usize) {
        if let Rows::Streamed(streamed) = &mut self.rows {
            while streamed
                .held
                .front()
                .is_some_and(|(c, _)| (c + 1) * streamed.chunk_tokens <= token)
            {
                streamed.held.pop_front();
            }
        }
    }

    /// Scores of the valid actions (`valid[action]`) for a state whose
    /// context tokens are `ids` (one per feature slot, negative = absent),
    /// written into `scores`. The upper layer skips the blocks of
    /// [`SCORE_BLOCK`] actions with none valid (inside an entity the NER
    /// allows 2 of ~73): their scores are left unset, and a valid action's
    /// score is the same as in a full pass.
    pub fn scores(&mut self, ids: &[i32], valid: &[bool], scores: &mut Vec<f32>) {
        let s = self.scorer;
        let width = s.row_width();
        self.sum.resize(width, 0.0);
        match &self.cache {
            Some(cache) if s.n_features <= MAX_FEATURES => {
                // Every slot's row is precomputed: summed in registers.
                let mut rows: [&[f32]; MAX_FEATURES] = [&[]; MAX_FEATURES];
                for (f, (&id, row)) in ids.iter().zip(&mut rows).enumerate() {
                    let at = match usize::try_from(id) {
                        Ok(token) => Some(token * s.n_features * width + f * width),
                        Err(_) => None,
                    };
                    *row = match at {
                        Some(start) => &cache[start..start + width],
                        None => &s.padding[f * width..(f + 1) * width],
                    };
                }
                let n = ids.len().min(s.n_features);
                sum_rows(&s.lower_bias, &rows[..n], &mut self.sum);
            }
            _ => self.sum_slots(ids),
        }
        self.hidden.resize(s.hidden, 0.0);
        max_of_pieces(&self.sum, &mut self.hidden);
        scores.resize(s.upper_bias.len(), 0.0);
        let any_valid = |block: usize| {
            valid
                .get(block * SCORE_BLOCK..)
                .is_some_and(|rest| rest.iter().take(SCORE_BLOCK).any(|&v| v))
        };
        accumulate_scaled(
            &s.upper_bias,
            &self.hidden,
            &s.upper_by_hidden,
            scores,
            any_valid,
        );
        scores.truncate(s.upper.n_out);
    }

    /// The lower layer's sum for a state, slot by slot, computing the rows
    /// that are not precomputed.
    fn sum_slots(&mut self, ids: &[i32]) {
        let s = self.scorer;
        let width = s.row_width();
        let n_in = s.projection.n_out;
        let PreparedDoc {
            rows, cache, sum, ..
        } = self;
        sum.clear();
        sum.extend_from_slice(&s.lower_bias);
        for (f, &id) in ids.iter().enumerate().take(s.n_features) {
            let slot = f * width..(f + 1) * width;
            if id < 0 {
                add_assign(sum, &s.padding[slot]);
                continue;
            }
            let token = id as usize;
            if let Some(cache) = cache {
                let start = token * s.n_features * width + f * width;
                add_assign(sum, &cache[start..start + width]);
                continue;
            }
            let x = match rows {
                Rows::All(projected) => &projected[token * n_in..(token + 1) * n_in],
                Rows::Streamed(streamed) => streamed.row(token),
            };
            // This slot's columns of the transposed weights, scaled by each
            // input value (vectorizes, unlike dot products).
            let cols = s.n_features * width;
            for (i, &xi) in x.iter().enumerate() {
                let row = &s.lower_transposed[i * cols + slot.start..i * cols + slot.end];
                for (acc, &w) in sum.iter_mut().zip(row) {
                    *acc += xi * w;
                }
            }
        }
    }
}

/// `actions` rounded up to whole blocks of [`SCORE_BLOCK`].
fn padded_actions(actions: usize) -> usize {
    actions.div_ceil(SCORE_BLOCK) * SCORE_BLOCK
}

/// The scores summed at once by [`accumulate_scaled`].
const SCORE_BLOCK: usize = LANES;

/// The most feature slots whose rows [`PreparedDoc::scores`] sums at once
/// (the parser has 8, the NER 3).
const MAX_FEATURES: usize = 16;

/// The best valid action (`valid[action]`; the first of equals), if any
/// is valid.
pub fn best_valid(scores: &[f32], valid: &[bool]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, (&score, &ok)) in scores.iter().zip(valid).enumerate() {
        if ok && best.is_none_or(|b| score > scores[b]) {
            best = Some(i);
        }
    }
    best
}
