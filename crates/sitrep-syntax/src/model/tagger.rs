//! The tagger: one affine layer over the tok2vec vectors, argmax (the
//! softmax does not change the argmax).

use super::linalg::{argmax, Linear};
use super::weights;
use crate::container::Reader;
use crate::{SyntaxError, Tag};

#[derive(Debug, Clone)]
pub struct Tagger {
    labels: Vec<Tag>,
    output: Linear,
}

impl Tagger {
    /// Layout: `u32` label count, the labels (strings) in class order, then
    /// W `(labels, width)` and b `(labels)`.
    pub fn read(r: &mut Reader<'_>, width: usize) -> Result<Tagger, SyntaxError> {
        let n = r.u32()? as usize;
        let mut labels = Vec::with_capacity(n.min(256));
        for _ in 0..n {
            let name = r.string()?;
            labels.push(Tag::parse(name).ok_or_else(|| r.error(format!("unknown tag {name}")))?);
        }
        let output = weights::linear(r, "tagger", Some(width))?;
        if output.n_out != labels.len() || labels.is_empty() {
            return Err(r.error("tagger output size differs from its labels"));
        }
        Ok(Tagger { labels, output })
    }

    /// One tag per token of `vectors` (`n × width`).
    pub fn tag(&self, vectors: &[f32], n: usize) -> Vec<Tag> {
        let mut scores = Vec::new();
        self.output.forward(vectors, n, &mut scores);
        scores
            .chunks_exact(self.output.n_out)
            .map(|row| self.labels[argmax(row).unwrap_or(0)])
            .collect()
    }
}
