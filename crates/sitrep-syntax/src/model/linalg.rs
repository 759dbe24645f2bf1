//! The layers of the network as row-major `f32` matrices: affine maps
//! (one matrix product per batch of tokens), maxout and layer
//! normalisation, computed the way thinc computes them.

use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayView2, ArrayViewMut2};

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
        out.clear();
        out.resize(n * self.n_out, 0.0);
        matmul(x, n, self.n_in, &self.transposed, self.n_out, out);
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
    /// the pieces.
    pub fn forward(&self, x: &[f32], n: usize, scratch: &mut Vec<f32>, out: &mut Vec<f32>) {
        self.affine.forward(x, n, scratch);
        out.clear();
        out.extend(scratch.chunks_exact(self.pieces.max(1)).map(max_of));
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
        for row in x.chunks_exact_mut(width) {
            let mean = row.iter().sum::<f32>() / width as f32;
            let var = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / width as f32;
            let scale = 1.0 / (var + 1e-8).sqrt();
            for ((v, g), b) in row.iter_mut().zip(&self.gain).zip(&self.bias) {
                *v = (*v - mean) * scale * g + b;
            }
        }
    }
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
