//! The layers of the network as row-major `f32` matrices: affine maps
//! (one matrix product per batch of tokens), maxout and layer
//! normalisation, computed the way thinc computes them.

use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayView2, ArrayViewMut2, ShapeBuilder};

/// `out[n×m] = x[n×k] · w[m×k]ᵀ` (overwrites `out`). The product runs in
/// `matrixmultiply` (through `ndarray`), which picks AVX/FMA kernels at run
/// time; the plain loop is only a fallback for shapes that cannot occur.
pub fn matmul_transposed(x: &[f32], n: usize, k: usize, w: &[f32], m: usize, out: &mut [f32]) {
    let views = (
        ArrayView2::from_shape((n, k), x),
        ArrayView2::from_shape((m, k), w),
        ArrayViewMut2::from_shape((n, m), out),
    );
    match views {
        (Ok(a), Ok(b), Ok(mut c)) => general_mat_mul(1.0, &a, &b.t(), 0.0, &mut c),
        (_, _, Err(_)) => {}
        (_, _, Ok(mut c)) => {
            for i in 0..n {
                for j in 0..m {
                    let row = x.get(i * k..(i + 1) * k).unwrap_or(&[]);
                    let col = w.get(j * k..(j + 1) * k).unwrap_or(&[]);
                    c[(i, j)] = dot(row, col);
                }
            }
        }
    }
}

/// `out[n×m] = x[n×k] · wt[k×m]` (overwrites `out`), both row-major: the
/// weights stored transposed, so that `matrixmultiply` packs them from
/// contiguous rows.
pub fn matmul(x: &[f32], n: usize, k: usize, wt: &[f32], m: usize, out: &mut [f32]) {
    let views = (
        ArrayView2::from_shape((n, k), x),
        ArrayView2::from_shape((k, m), wt),
        ArrayViewMut2::from_shape((n, m), out),
    );
    if let (Ok(a), Ok(b), Ok(mut c)) = views {
        general_mat_mul(1.0, &a, &b, 0.0, &mut c);
    }
}

/// `n` rows of a matrix in a slice, `stride` values apart: rows may
/// overlap (a window over a sequence of vectors is the sequence itself,
/// read with a stride of one vector).
#[derive(Debug, Clone, Copy)]
pub struct MatrixView<'a> {
    pub values: &'a [f32],
    pub n: usize,
    pub stride: usize,
}

impl<'a> MatrixView<'a> {
    /// `n` contiguous rows of `width`.
    pub fn rows(values: &'a [f32], n: usize, width: usize) -> MatrixView<'a> {
        MatrixView {
            values,
            n,
            stride: width,
        }
    }
}

/// `out[n×m] = x[n×k] · wt[k×m]` for rows of `x` read through a view (the
/// same products as [`matmul`]: packing copies the values, whatever the
/// stride).
pub fn matmul_view(x: MatrixView<'_>, k: usize, wt: &[f32], m: usize, out: &mut [f32]) {
    let views = (
        ArrayView2::from_shape((x.n, k).strides((x.stride, 1)), x.values),
        ArrayView2::from_shape((k, m), wt),
        ArrayViewMut2::from_shape((x.n, m), out),
    );
    if let (Ok(a), Ok(b), Ok(mut c)) = views {
        general_mat_mul(1.0, &a, &b, 0.0, &mut c);
    }
}

/// `(rows × cols)` row-major → `(cols × rows)` row-major.
pub fn transpose(a: &[f32], rows: usize, cols: usize) -> Vec<f32> {
    let mut out = vec![0.0; rows * cols];
    for (r, row) in a.chunks_exact(cols).enumerate().take(rows) {
        for (c, &v) in row.iter().enumerate() {
            out[c * rows + r] = v;
        }
    }
    out
}

pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// `y += x`, elementwise.
pub fn add_assign(y: &mut [f32], x: &[f32]) {
    for (a, b) in y.iter_mut().zip(x) {
        *a += b;
    }
}

/// Values summed at once by [`sum_rows`] and [`accumulate_scaled`]: four
/// SSE registers of sums.
pub const LANES: usize = 16;

/// `out = first + rows[0] + rows[1] + ...`, elementwise, added in that
/// order (the same values as `add_assign` row by row). A block of
/// [`LANES`] sums stays in registers while every row is read, instead of
/// `out` being loaded and stored once a row; the rows are read as as many
/// sequential streams, which the prefetcher follows.
pub fn sum_rows(first: &[f32], rows: &[&[f32]], out: &mut [f32]) {
    let len = out.len().min(first.len());
    let blocks = len / LANES * LANES;
    for start in (0..blocks).step_by(LANES) {
        let mut acc = [0.0f32; LANES];
        acc.copy_from_slice(&first[start..start + LANES]);
        for row in rows {
            if let Some(block) = row.get(start..start + LANES) {
                for (a, v) in acc.iter_mut().zip(block) {
                    *a += v;
                }
            }
        }
        out[start..start + LANES].copy_from_slice(&acc);
    }
    for i in blocks..len {
        let mut acc = first[i];
        for row in rows {
            if let Some(v) = row.get(i) {
                acc += v;
            }
        }
        out[i] = acc;
    }
}

/// `out = first + Σ_j scale[j] · matrix[j]` with `matrix` of `scale.len()`
/// rows of `out.len()`, each product added in row order (the same values
/// as adding `scale[j] · row j` row by row): a block of [`LANES`] sums
/// stays in registers over every row. Only the whole blocks whose index
/// `wanted` accepts are computed (block `b` holds outputs
/// `b·LANES..(b+1)·LANES`), the others are left as they were; the blocks
/// are independent, so a value is the same whichever others are computed.
pub fn accumulate_scaled(
    first: &[f32],
    scale: &[f32],
    matrix: &[f32],
    out: &mut [f32],
    wanted: impl Fn(usize) -> bool,
) {
    let width = out.len().min(first.len());
    let blocks = width / LANES * LANES;
    for start in (0..blocks).step_by(LANES) {
        if !wanted(start / LANES) {
            continue;
        }
        let mut acc = [0.0f32; LANES];
        acc.copy_from_slice(&first[start..start + LANES]);
        for (j, &s) in scale.iter().enumerate() {
            let at = j * width + start;
            if let Some(block) = matrix.get(at..at + LANES) {
                for (a, w) in acc.iter_mut().zip(block) {
                    *a += s * w;
                }
            }
        }
        out[start..start + LANES].copy_from_slice(&acc);
    }
    for i in blocks..width {
        let mut acc = first[i];
        for (j, &s) in scale.iter().enumerate() {
            if let Some(w) = matrix.get(j * width + i) {
                acc += s * w;
            }
        }
        out[i] = acc;
    }
}

/// Rows laid out `(n_out, pieces, rest)` → `(pieces, n_out, rest)`: each
/// piece's outputs side by side, so that a maxout is an elementwise max of
/// `pieces` slices ([`max_of_pieces`]), which vectorizes. Only the order
/// of the outputs changes, never a value.
pub fn pieces_first(values: &[f32], n_out: usize, pieces: usize, rest: usize) -> Vec<f32> {
    let mut out = vec![0.0; values.len()];
    for o in 0..n_out {
        for p in 0..pieces {
            let from = (o * pieces + p) * rest;
            let to = (p * n_out + o) * rest;
            if let (Some(src), Some(dst)) =
                (values.get(from..from + rest), out.get_mut(to..to + rest))
            {
                dst.copy_from_slice(src);
            }
        }
    }
    out
}

/// The maxout of one row laid out piece first ([`pieces_first`]):
/// `out[o]` = the largest of `row[p · n_out + o]` over the pieces, the
/// first of equals (the same as [`max_of`] over the output's pieces).
pub fn max_of_pieces(row: &[f32], out: &mut [f32]) {
    out.fill(f32::NEG_INFINITY);
    for piece in row.chunks_exact(out.len().max(1)) {
        for (best, &v) in out.iter_mut().zip(piece) {
            // A select, not a conditional store: it vectorizes.
            *best = if v > *best { v } else { *best };
        }
    }
}

/// An affine layer `y = W x + b` with `W` of `n_out` rows of `n_in`.
#[derive(Debug, Clone)]
pub struct Linear {
    pub n_out: usize,
    pub n_in: usize,
    pub weights: Vec<f32>,
    pub bias: Vec<f32>,
    /// `weights` transposed (`n_in × n_out`), for the matrix products.
    transposed: Vec<f32>,
}

impl Linear {
    pub fn new(n_out: usize, n_in: usize, weights: Vec<f32>, bias: Vec<f32>) -> Linear {
        let transposed = transpose(&weights, n_out, n_in);
        Linear {
            n_out,
            n_in,
            weights,
            bias,
            transposed,
        }
    }

    /// The layer over `n` rows of `x` (each `n_in` wide) into `out` (`n × n_out`).
    pub fn forward(&self, x: &[f32], n: usize, out: &mut Vec<f32>) {
        self.forward_view(MatrixView::rows(x, n, self.n_in), out);
    }

    /// The same over a matrix view of `n_in` columns.
    pub fn forward_view(&self, x: MatrixView<'_>, out: &mut Vec<f32>) {
        let n = x.n;
        // The product overwrites `out` (beta 0): a buffer of the right size
        // from the previous layer is reused without zeroing it again.
        if out.len() != n * self.n_out {
            out.clear();
            out.resize(n * self.n_out, 0.0);
        }
        matmul_view(x, self.n_in, &self.transposed, self.n_out, out);
        for row in out.chunks_exact_mut(self.n_out) {
            add_assign(row, &self.bias);
        }
    }
}

/// thinc's Maxout: `pieces` affine maps per output, the largest wins.
/// Weights are `(n_out, pieces, n_in)`, bias `(n_out, pieces)`.
#[derive(Debug, Clone)]
pub struct Maxout {
    pub affine: Linear,
    pub pieces: usize,
}

impl Maxout {
    pub fn n_out(&self) -> usize {
        self.affine.n_out / self.pieces.max(1)
    }

    /// Maxout over `n` rows of `x` into `out` (`n × n_out`); `scratch` holds
    /// the pieces. The affine rows are piece first ([`pieces_first`], done
    /// by the weights reader).
    pub fn forward(&self, x: &[f32], n: usize, scratch: &mut Vec<f32>, out: &mut Vec<f32>) {
        self.forward_view(MatrixView::rows(x, n, self.affine.n_in), scratch, out);
    }

    /// The same over a matrix view (rows that may overlap in memory).
    pub fn forward_view(&self, x: MatrixView<'_>, scratch: &mut Vec<f32>, out: &mut Vec<f32>) {
        self.affine.forward_view(x, scratch);
        let n_out = self.n_out();
        out.clear();
        out.resize(x.n * n_out, 0.0);
        for (o, row) in out
            .chunks_exact_mut(n_out.max(1))
            .zip(scratch.chunks_exact(self.affine.n_out.max(1)))
        {
            max_of_pieces(row, o);
        }
    }
}

/// The largest value (the first of equals, like thinc's argmax).
pub fn max_of(values: &[f32]) -> f32 {
    let mut best = f32::NEG_INFINITY;
    for &v in values {
        if v > best {
            best = v;
        }
    }
    best
}

/// Index of the largest value; the first one wins ties. `None` when empty.
pub fn argmax(values: &[f32]) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &v) in values.iter().enumerate() {
        if best.is_none_or(|(_, b)| v > b) {
            best = Some((i, v));
        }
    }
    best.map(|(i, _)| i)
}

/// thinc's LayerNorm: per row, subtract the mean, divide by the standard
/// deviation (variance + 1e-8), then scale and shift.
#[derive(Debug, Clone)]
pub struct LayerNorm {
    pub gain: Vec<f32>,
    pub bias: Vec<f32>,
}

impl LayerNorm {
    pub fn forward_in_place(&self, x: &mut [f32]) {
        let width = self.gain.len();
        if width == 0 {
            return;
        }
        // A row's sums are sequential (the order fixes the rounding), so
        // they are a chain of dependent additions: rows are summed
        // `NORM_ROWS` at a time, whose chains the processor overlaps.
        let mut groups = x.chunks_exact_mut(width * NORM_ROWS);
        for group in &mut groups {
            let mut means = row_sums(group, width, |v, _| v);
            for m in &mut means {
                *m /= width as f32;
            }
            let vars = row_sums(group, width, |v, r| (v - means[r]) * (v - means[r]));
            for (r, row) in group.chunks_exact_mut(width).enumerate() {
                let scale = 1.0 / (vars[r] / width as f32 + 1e-8).sqrt();
                self.scale_row(row, means[r], scale);
            }
        }
        for row in groups.into_remainder().chunks_exact_mut(width) {
            let mean = row.iter().fold(-0.0, |a, v| a + v) / width as f32;
            let var = row.iter().fold(-0.0, |a, v| a + (v - mean) * (v - mean)) / width as f32;
            let scale = 1.0 / (var + 1e-8).sqrt();
            self.scale_row(row, mean, scale);
        }
    }

    fn scale_row(&self, row: &mut [f32], mean: f32, scale: f32) {
        for ((v, g), b) in row.iter_mut().zip(&self.gain).zip(&self.bias) {
            *v = (*v - mean) * scale * g + b;
        }
    }
}

/// Rows a layer norm sums side by side.
const NORM_ROWS: usize = 8;

/// Per row of `group` (`NORM_ROWS` rows of `width`): the sum of
/// `term(value, row)` in column order from -0.0 (what `Iterator::sum`
/// of `f32` does), the rows' sums advanced together.
fn row_sums(group: &[f32], width: usize, term: impl Fn(f32, usize) -> f32) -> [f32; NORM_ROWS] {
    let mut sums = [-0.0f32; NORM_ROWS];
    for i in 0..width {
        for (r, sum) in sums.iter_mut().enumerate() {
            *sum += term(group[r * width + i], r);
        }
    }
    sums
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_with_transposed_weights() {
        // x = [[1,2],[3,4]], w = [[1,0],[0,1],[1,1]] -> x·wᵀ = [[1,2,3],[3,4,7]]
        let mut out = vec![0.0; 6];
        matmul_transposed(
            &[1.0, 2.0, 3.0, 4.0],
            2,
            2,
            &[1.0, 0.0, 0.0, 1.0, 1.0, 1.0],
            3,
            &mut out,
        );
        assert_eq!(out, [1.0, 2.0, 3.0, 3.0, 4.0, 7.0]);
    }

    #[test]
    fn argmax_prefers_the_first_of_equals() {
        assert_eq!(argmax(&[1.0, 3.0, 3.0]), Some(1));
        assert_eq!(argmax(&[]), None);
    }

    #[test]
    fn layer_norm_centres_and_scales() {
        let norm = LayerNorm {
            gain: vec![1.0; 2],
            bias: vec![0.0; 2],
        };
        let mut x = [1.0, 3.0];
        norm.forward_in_place(&mut x);
        assert!((x[0] + 1.0).abs() < 1e-4 && (x[1] - 1.0).abs() < 1e-4);
    }
}
