//! spaCy's Tok2Vec: MultiHashEmbed (hashed tables over token attributes,
//! concatenated, Maxout, LayerNorm) then MaxoutWindowEncoder (residual
//! layers over a window of one token each side: Maxout, LayerNorm).
//!
//! thinc runs the encoder over the document with 4 zero rows on each side
//! (`with_array(pad=4)`); the rows change through the layers and reach the
//! edge tokens, so they are reproduced here. The encoder is local (one
//! token per layer each side), so long documents are encoded in chunks with
//! that much context: memory stays bounded and results are unchanged.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use super::features::{thinc_hash, Attribute, TokenFeatures};
use super::linalg::{
    add_assign, matmul_transposed, max_of_pieces, sum_rows, LayerNorm, MatrixView, Maxout,
};
use super::weights;
use crate::container::Reader;
use crate::SyntaxError;

/// Zero rows thinc puts on each side of a document before the encoder.
const ENCODER_PAD: usize = 4;
/// Tokens encoded at once (plus context).
pub const CHUNK_TOKENS: usize = 1024;

/// The number of chunks of [`CHUNK_TOKENS`] a document of `n` tokens has.
pub fn chunk_count(n: usize) -> usize {
    n.div_ceil(CHUNK_TOKENS)
}

/// Table rows multiplied by the maxout together, when one of them is
/// first needed.
const BLOCK_ROWS: usize = 64;

/// One hashed table, multiplied by its block of the embedding maxout: the
/// maxout is affine in the concatenated table sums, so each table row can
/// carry its share of the product (`pieces · width` values) and embedding a
/// token is a sum of rows instead of a matrix product.
///
/// The product is made a block of [`BLOCK_ROWS`] rows at a time, when a
/// token first hashes to one of them, not at load: the two tables' products
/// (29 MB, a third of a billion multiply-adds) were most of the start-up.
/// Each value is the same whichever rows are multiplied with it (the
/// product's kernel sums each row's terms in one order; a test compares
/// every row with the whole table's product), so the output is unchanged.
#[derive(Debug, Clone)]
struct HashTable<'m> {
    attribute: Attribute,
    seed: u32,
    rows: usize,
    /// Values per row of the table, and of its product (`width · pieces`).
    width: usize,
    cols: usize,
    /// `rows × width` `f32` values (little endian), borrowed from the model
    /// bytes: decoded a block at a time when the block is multiplied, so
    /// that start-up neither copies the tables (10 MB) nor touches them.
    vectors: &'m [u8],
    /// `(width · pieces) × width`: the maxout weights of this table's columns.
    weights: Vec<f32>,
    /// Per block of rows, `BLOCK_ROWS × (width · pieces)` (fewer rows in
    /// the last): row `r` of the table times `weights`, made on first use.
    premultiplied: Vec<OnceLock<Vec<f32>>>,
}

impl HashTable<'_> {
    /// Row `r` times the maxout weights (`width · pieces` values).
    fn row(&self, r: usize) -> &[f32] {
        let cols = self.cols;
        let b = r / BLOCK_ROWS;
        let block = self
            .premultiplied
            .get(b)
            .map_or(&[][..], |cell| cell.get_or_init(|| self.premultiply(b)));
        let at = (r % BLOCK_ROWS) * cols;
        block.get(at..at + cols).unwrap_or(&[])
    }

    /// Block `b`'s rows times the maxout weights.
    fn premultiply(&self, b: usize) -> Vec<f32> {
        let (width, cols) = (self.width, self.cols);
        let first = b * BLOCK_ROWS;
        let rows = BLOCK_ROWS.min(self.rows.saturating_sub(first));
        let vectors: Vec<f32> = self
            .vectors
            .get(first * width * 4..(first + rows) * width * 4)
            .unwrap_or(&[])
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let mut out = vec![0.0; rows * cols];
        matmul_transposed(&vectors, rows, width, &self.weights, cols, &mut out);
        out
    }
}

/// Borrows the model bytes it was read from (`'m`): the embedding tables
/// are read in place.
#[derive(Debug, Clone)]
pub struct Tok2Vec<'m> {
    width: usize,
    tables: Vec<HashTable<'m>>,
    /// Maxout pieces of the embedding layer, and its bias `(width, pieces)`.
    embed_pieces: usize,
    embed_bias: Vec<f32>,
    embed_norm: LayerNorm,
    layers: Vec<(Maxout, LayerNorm)>,
    /// Tells this encoder's embeddings from another's in the thread's
    /// [`EMBEDDED`] cache (a clone has the same weights, so the same id).
    id: usize,
}

/// Ids given to the encoders read, for [`Tok2Vec::id`].
static NEXT_ENCODER_ID: AtomicUsize = AtomicUsize::new(0);

/// Tokens whose embedding a thread keeps per encoder (96 values, 384
/// bytes each in `en_core_web_sm`: 6 MB); the cache is emptied when full.
const EMBEDDED_TOKENS: usize = 1 << 14;

/// Embeddings already made, per encoder: one token's embedding (before
/// the layer norm) depends on its attributes alone, and a few thousand
/// common tokens make most of any text, so most tokens are a look-up
/// instead of a sum of rows spread over megabytes of tables.
#[derive(Default)]
struct EmbeddedTokens {
    index: HashMap<TokenFeatures, usize>,
    /// `index.len() × width` values, in the order the tokens were added.
    values: Vec<f32>,
}

thread_local! {
    /// Per encoder id, the embeddings this thread has made.
    static EMBEDDED: RefCell<HashMap<usize, EmbeddedTokens>> = RefCell::new(HashMap::new());
}

impl<'m> Tok2Vec<'m> {
    /// Layout: `u32` table count; per table the attribute name (string),
    /// `u32` seed, array E `(rows, width)`; `u32` layer count; per layer
    /// (the embedding's first, then the encoder's) maxout W `(width,
    /// pieces, n_in)`, b `(width, pieces)`, LayerNorm G `(width)`, b `(width)`.
    pub fn read(r: &mut Reader<'m>) -> Result<Tok2Vec<'m>, SyntaxError> {
        let n_tables = r.u32()? as usize;
        if n_tables == 0 || n_tables > 16 {
            return Err(r.error(format!("{n_tables} embedding tables")));
        }
        let mut raw_tables = Vec::with_capacity(n_tables);
        let mut width = None;
        for _ in 0..n_tables {
            let name = r.string()?;
            let attribute = Attribute::parse(name)
                .ok_or_else(|| r.error(format!("unknown attribute {name}")))?;
            let seed = r.u32()?;
            let (dims, vectors) = weights::array_bytes(r)?;
            if dims.len() != 2 || width.is_some_and(|w| w != dims[1]) {
                return Err(r.error(format!(
                    "embedding table: shape {dims:?}, expected [None, {width:?}]"
                )));
            }
            if dims[0] == 0 {
                return Err(r.error("empty embedding table"));
            }
            width = Some(dims[1]);
            raw_tables.push((attribute, seed, dims[0], vectors));
        }
        let width = width.unwrap_or(0);
        let n_layers = r.u32()? as usize;
        if !(2..=16).contains(&n_layers) {
            return Err(r.error(format!("{n_layers} tok2vec layers")));
        }
        let embed = weights::maxout(r, "embedding maxout", Some(width * n_tables))?;
        let embed_norm = weights::layer_norm(r, "embedding layernorm", embed.n_out())?;
        if embed.n_out() != width {
            return Err(r.error("embedding maxout width differs from the tables"));
        }
        let tables = premultiply(raw_tables, &embed, width);
        let mut layers = Vec::with_capacity(n_layers - 1);
        for _ in 1..n_layers {
            let maxout = weights::maxout(r, "encoder maxout", Some(3 * width))?;
            if maxout.n_out() != width {
                return Err(r.error("encoder maxout width differs"));
            }
            let norm = weights::layer_norm(r, "encoder layernorm", width)?;
            layers.push((maxout, norm));
        }
        Ok(Tok2Vec {
            width,
            tables,
            embed_pieces: embed.pieces,
            embed_bias: embed.affine.bias,
            embed_norm,
            layers,
            id: NEXT_ENCODER_ID.fetch_add(1, Ordering::Relaxed),
        })
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// One vector per token (`n × width`, row-major).
    pub fn forward(&self, features: &[TokenFeatures]) -> Vec<f32> {
        let mut out = Vec::with_capacity(features.len() * self.width);
        self.forward_chunks(features, |vectors, _| out.extend_from_slice(vectors));
        out
    }

    /// The same vectors, handed to `each` a chunk of tokens at a time in
    /// text order (`rows × width`, then `rows`), so that a caller can use
    /// and drop them without holding the whole document's.
    pub fn forward_chunks(&self, features: &[TokenFeatures], mut each: impl FnMut(&[f32], usize)) {
        for k in 0..chunk_count(features.len()) {
            let (vectors, rows) = self.forward_chunk(features, k);
            each(&vectors, rows);
        }
    }

    /// The vectors of chunk `k` alone (tokens `k · CHUNK_TOKENS` onwards,
    /// [`CHUNK_TOKENS`] of them or the rest), and their number: a caller
    /// that needs the chunks out of order or more than once (the parser of
    /// a long document) computes them when it needs them. Past the last
    /// chunk: no rows.
    pub fn forward_chunk(&self, features: &[TokenFeatures], k: usize) -> (Vec<f32>, usize) {
        let n = features.len();
        let w = self.width;
        let total = n + 2 * ENCODER_PAD;
        let context = self.layers.len();
        let start = ENCODER_PAD + k.saturating_mul(CHUNK_TOKENS).min(n);
        let end = (start + CHUNK_TOKENS).min(ENCODER_PAD + n);
        if start >= end {
            return (Vec::new(), 0);
        }
        let lo = start.saturating_sub(context);
        let hi = (end + context).min(total);
        let mut encoded = self.encode_positions(features, lo, hi);
        encoded.truncate((end - lo) * w);
        encoded.drain(..(start - lo) * w);
        (encoded, end - start)
    }

    /// The encoder's output at padded positions `lo..hi` (position `p` is
    /// token `p - ENCODER_PAD`; the others are thinc's zero rows).
    fn encode_positions(&self, features: &[TokenFeatures], lo: usize, hi: usize) -> Vec<f32> {
        let w = self.width;
        let m = hi - lo;
        let first_token = lo.max(ENCODER_PAD) - ENCODER_PAD;
        let last_token = (hi.min(ENCODER_PAD + features.len())).saturating_sub(ENCODER_PAD);
        let tokens = features.get(first_token..last_token).unwrap_or(&[]);
        // One zero row each side beyond the positions: the window of
        // position `i` (`[previous, itself, next]`, thinc's `seq2col` with
        // zeros beyond the ends) is then the `3 · w` values from row `i`,
        // read in place with a stride of one row.
        let mut x = vec![0.0; (m + 2) * w];
        let embedded = self.embed(tokens);
        let offset = (first_token + ENCODER_PAD - lo + 1) * w;
        x[offset..offset + embedded.len()].copy_from_slice(&embedded);

        let mut scratch = Vec::new();
        let mut y = Vec::new();
        for (maxout, norm) in &self.layers {
            let window = MatrixView {
                values: &x,
                n: m,
                stride: w,
            };
            maxout.forward_view(window, &mut scratch, &mut y);
            norm.forward_in_place(&mut y);
            add_assign(&mut x[w..(m + 1) * w], &y);
        }
        x.truncate((m + 1) * w);
        x.drain(..w);
        x
    }

    /// MultiHashEmbed: per table, the four rows the attribute's id hashes
    /// to (premultiplied by the maxout), summed with the bias; then the
    /// maxout's largest piece (kept for the token's next occurrence,
    /// [`EmbeddedTokens`]) and LayerNorm.
    fn embed(&self, tokens: &[TokenFeatures]) -> Vec<f32> {
        let w = self.width;
        let mut out = vec![0.0; tokens.len() * w];
        EMBEDDED.with(|cache| {
            let mut cache = cache.borrow_mut();
            let known = cache.entry(self.id).or_default();
            let mut pieces = vec![0.0; w * self.embed_pieces];
            let mut rows: Vec<&[f32]> = Vec::with_capacity(4 * self.tables.len());
            for (token, maxed) in tokens.iter().zip(out.chunks_exact_mut(w.max(1))) {
                if let Some(&at) = known.index.get(token) {
                    maxed.copy_from_slice(&known.values[at * w..(at + 1) * w]);
                    continue;
                }
                rows.clear();
                for table in &self.tables {
                    for key in thinc_hash(token.get(table.attribute), table.seed) {
                        rows.push(table.row(key as usize % table.rows));
                    }
                }
                sum_rows(&self.embed_bias, &rows, &mut pieces);
                max_of_pieces(&pieces, maxed);
                if known.index.len() >= EMBEDDED_TOKENS {
                    known.index.clear();
                    known.values.clear();
                }
                known.index.insert(*token, known.index.len());
                known.values.extend_from_slice(maxed);
            }
        });
        self.embed_norm.forward_in_place(&mut out);
        out
    }
}

/// Each table with its columns of the embedding maxout weights
/// (`(width · pieces) × (tables · width)`); the products are made on first
/// use ([`HashTable`]).
fn premultiply<'m>(
    raw: Vec<(Attribute, u32, usize, &'m [u8])>,
    embed: &Maxout,
    width: usize,
) -> Vec<HashTable<'m>> {
    let n_in = embed.affine.n_in;
    let cols = embed.affine.n_out;
    raw.into_iter()
        .enumerate()
        .map(|(t, (attribute, seed, rows, vectors))| {
            let weights: Vec<f32> = embed
                .affine
                .weights
                .chunks_exact(n_in)
                .flat_map(|row| row[t * width..(t + 1) * width].iter().copied())
                .collect();
            HashTable {
                attribute,
                seed,
                rows,
                width,
                cols,
                vectors,
                weights,
                premultiplied: (0..rows.div_ceil(BLOCK_ROWS))
                    .map(|_| OnceLock::new())
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::ModelFile;

    /// A row made with its block is bit for bit the row of the whole
    /// table's product (what the model computed at load before), whatever
    /// block is made first.
    #[test]
    fn blocks_multiply_as_the_whole_table() {
        let file = ModelFile::parse(crate::pipeline::EMBEDDED_MODEL).expect("embedded model");
        for section in ["model.tok2vec", "model.ner.tok2vec"] {
            let mut r = Reader::new(section, file.section(section).expect("section"));
            let t2v = Tok2Vec::read(&mut r).expect("tok2vec");
            for table in &t2v.tables {
                let (rows, cols) = (table.rows, table.cols);
                let vectors: Vec<f32> = table
                    .vectors
                    .chunks_exact(4)
                    .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect();
                let mut whole = vec![0.0; rows * cols];
                matmul_transposed(
                    &vectors,
                    rows,
                    table.width,
                    &table.weights,
                    cols,
                    &mut whole,
                );
                for r in (0..rows).rev() {
                    let same = table
                        .row(r)
                        .iter()
                        .map(|v| v.to_bits())
                        .eq(whole[r * cols..(r + 1) * cols].iter().map(|v| v.to_bits()));
                    assert!(same, "{section}, {:?}, row {r}", table.attribute);
                }
            }
        }
    }
}
