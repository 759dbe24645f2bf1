//! Reading weight arrays from the model sections. Every array is written
//! by `scripts/syntax/weights_data.py` as `u32` rank, `u32` per dimension,
//! then the values (`f32`, little endian, C order).

use super::linalg::{pieces_first, LayerNorm, Linear, Maxout};
use crate::container::Reader;
use crate::SyntaxError;

/// An array's header: its dimensions and how many values follow.
fn header(r: &mut Reader<'_>) -> Result<(Vec<usize>, usize), SyntaxError> {
    let rank = r.u32()? as usize;
    if rank > 4 {
        return Err(r.error(format!("array of rank {rank}")));
    }
    let mut dims = Vec::with_capacity(rank);
    for _ in 0..rank {
        dims.push(r.u32()? as usize);
    }
    let len = dims
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d))
        .ok_or_else(|| r.error("array too large"))?;
    Ok((dims, len))
}

/// An array of any shape: its dimensions and values.
pub fn array(r: &mut Reader<'_>) -> Result<(Vec<usize>, Vec<f32>), SyntaxError> {
    let (dims, len) = header(r)?;
    Ok((dims, r.f32s(len)?))
}

/// An array's dimensions and its values' bytes, borrowed from the model,
/// not decoded (`f32` little endian, C order).
pub fn array_bytes<'a>(r: &mut Reader<'a>) -> Result<(Vec<usize>, &'a [u8]), SyntaxError> {
    let (dims, len) = header(r)?;
    Ok((dims, r.f32_bytes(len)?))
}

/// An array whose shape must be `expected` (`None` = any size there).
pub fn array_shaped(
    r: &mut Reader<'_>,
    what: &str,
    expected: &[Option<usize>],
) -> Result<(Vec<usize>, Vec<f32>), SyntaxError> {
    let (dims, values) = array(r)?;
    let fits = dims.len() == expected.len()
        && dims
            .iter()
            .zip(expected)
            .all(|(d, e)| e.is_none_or(|e| e == *d));
    if !fits {
        return Err(r.error(format!("{what}: shape {dims:?}, expected {expected:?}")));
    }
    Ok((dims, values))
}

/// An affine layer: W `(n_out, n_in)`, b `(n_out)`.
pub fn linear(r: &mut Reader<'_>, what: &str, n_in: Option<usize>) -> Result<Linear, SyntaxError> {
    let (dims, weights) = array_shaped(r, what, &[None, n_in])?;
    let (n_out, n_in) = (dims[0], dims[1]);
    let (_, bias) = array_shaped(r, what, &[Some(n_out)])?;
    Ok(Linear::new(n_out, n_in, weights, bias))
}

/// Maxout: W `(n_out, pieces, n_in)`, b `(n_out, pieces)`, kept piece first
/// (`(pieces, n_out, n_in)`, [`pieces_first`]).
pub fn maxout(r: &mut Reader<'_>, what: &str, n_in: Option<usize>) -> Result<Maxout, SyntaxError> {
    let (dims, weights) = array_shaped(r, what, &[None, None, n_in])?;
    let (n_out, pieces, n_in) = (dims[0], dims[1], dims[2]);
    let (_, bias) = array_shaped(r, what, &[Some(n_out), Some(pieces)])?;
    if pieces == 0 {
        return Err(r.error(format!("{what}: maxout without pieces")));
    }
    // Piece first, for the elementwise max (`Maxout::forward`).
    let weights = pieces_first(&weights, n_out, pieces, n_in);
    let bias = pieces_first(&bias, n_out, pieces, 1);
    Ok(Maxout {
        affine: Linear::new(n_out * pieces, n_in, weights, bias),
        pieces,
    })
}

/// LayerNorm: G `(width)`, b `(width)`.
pub fn layer_norm(r: &mut Reader<'_>, what: &str, width: usize) -> Result<LayerNorm, SyntaxError> {
    let (_, gain) = array_shaped(r, what, &[Some(width)])?;
    let (_, bias) = array_shaped(r, what, &[Some(width)])?;
    Ok(LayerNorm { gain, bias })
}
