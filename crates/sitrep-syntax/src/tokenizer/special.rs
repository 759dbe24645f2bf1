//! spaCy's tokenizer exceptions ("special cases"): a whole chunk that is
//! split into fixed pieces, each with an optional NORM.

use std::collections::HashMap;

use crate::container::Reader;
use crate::SyntaxError;

/// One piece of a special case.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    /// Byte length of the piece's ORTH (the pieces concatenate to the chunk).
    pub(crate) len: usize,
    pub(crate) norm: Option<Box<str>>,
}

/// All special cases, by chunk.
#[derive(Debug, Clone, Default)]
pub(crate) struct SpecialCases {
    by_chunk: HashMap<Box<str>, Vec<Piece>>,
    /// Longest chunk in bytes: longer strings are not looked up (keeps the
    /// affix loop linear on very long tokens).
    max_len: usize,
}

impl SpecialCases {
    /// u32 count, then per chunk: string chunk, u8 piece count, per piece
    /// string ORTH, u8 has NORM, string NORM.
    pub(crate) fn read(r: &mut Reader<'_>) -> Result<SpecialCases, SyntaxError> {
        let n = r.u32()? as usize;
        let mut by_chunk = HashMap::with_capacity(n.min(1 << 16));
        let mut max_len = 0;
        for _ in 0..n {
            let chunk = r.string()?;
            let count = r.u8()?;
            let mut pieces = Vec::with_capacity(usize::from(count));
            let mut orth = String::with_capacity(chunk.len());
            for _ in 0..count {
                let piece = r.string()?;
                let has_norm = r.u8()? != 0;
                let norm = r.string()?;
                orth.push_str(piece);
                pieces.push(Piece {
                    len: piece.len(),
                    norm: has_norm.then(|| norm.into()),
                });
            }
            if orth != chunk || pieces.iter().any(|p| p.len == 0) {
                return Err(r.error(format!(
                    "special case {chunk:?}: pieces do not spell the chunk"
                )));
            }
            if by_chunk.insert(Box::from(chunk), pieces).is_some() {
                return Err(r.error(format!("special case {chunk:?} appears twice")));
            }
            max_len = max_len.max(chunk.len());
        }
        Ok(SpecialCases { by_chunk, max_len })
    }

    pub(crate) fn get(&self, chunk: &str) -> Option<&[Piece]> {
        if chunk.len() > self.max_len {
            return None;
        }
        self.by_chunk.get(chunk).map(Vec::as_slice)
    }

    pub(crate) fn chunks(&self) -> impl Iterator<Item = &str> {
        self.by_chunk.keys().map(|k| &**k)
    }
}
