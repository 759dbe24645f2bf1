//! Near-duplicate articles: MinHash signatures over word shingles, LSH
//! banding for candidate pairs, exact Jaccard to confirm.
//!
//! * A text becomes the set of hashes of its word `shingle`-grams (5 by
//!   default: a one-word edit changes at most 5 shingles).
//! * Its signature keeps, for each of `num_hashes` hash functions
//!   `h_i(x) = mix64(x ^ seed_i)` (seeds from a fixed SplitMix64 stream),
//!   the minimum over the set. Two signatures agree at position `i` with
//!   probability equal to the sets' Jaccard similarity `s`.
//! * The signature is cut into `bands` bands of `rows = num_hashes / bands`
//!   values; two texts become candidates when any band is identical, which
//!   happens with probability `1 − (1 − s^rows)^bands`. With the default
//!   42 × 3 that is 0.99996 at s = 0.6, 0.996 at s = 0.5 and 0.29 at s = 0.2.
//! * Candidates are kept when their exact Jaccard similarity (on the stored
//!   shingle sets) reaches `threshold`, so LSH only ever loses recall (in
//!   the tail computed above), never precision.

use std::collections::HashMap;

use crate::error::StoriesError;
use crate::prng::SplitMix64;
use crate::text::{jaccard, mix64, shingles, words};

/// Parameters of the near-duplicate index.
#[derive(Debug, Clone, PartialEq)]
pub struct MinHashParams {
    /// Words per shingle.
    pub shingle: usize,
    /// Length of the MinHash signature; a multiple of `bands`.
    pub num_hashes: usize,
    /// LSH bands.
    pub bands: usize,
    /// Minimal exact Jaccard similarity of a reported pair.
    pub threshold: f64,
    /// Seed of the hash-function stream.
    pub seed: u64,
}

impl Default for MinHashParams {
    fn default() -> Self {
        MinHashParams {
            shingle: 5,
            num_hashes: 126,
            bands: 42,
            threshold: 0.6,
            seed: 0x5173_5e9f_0d1c_0a11,
        }
    }
}

impl MinHashParams {
    pub fn validate(&self) -> Result<(), StoriesError> {
        let bad = |name, why: &str| {
            Err(StoriesError::InvalidParam {
                name,
                why: why.to_string(),
            })
        };
        if self.shingle == 0 {
            return bad("shingle", "must be at least 1");
        }
        if self.bands == 0
            || self.num_hashes == 0
            || self.num_hashes.checked_rem(self.bands) != Some(0)
        {
            return bad("num_hashes", "must be a positive multiple of `bands`");
        }
        if !(0.0..=1.0).contains(&self.threshold) || self.threshold.is_nan() {
            return bad("threshold", "must lie in [0, 1]");
        }
        Ok(())
    }
}

/// An index of texts that reports, for each new text, the earlier texts
/// that are near-duplicates of it.
#[derive(Debug, Clone)]
pub struct DuplicateIndex {
    params: MinHashParams,
    seeds: Vec<u64>,
    ids: Vec<String>,
    sets: Vec<Vec<u64>>,
    /// Hash of (band, the band's rows) → the latest slot with that key.
    /// A 64-bit collision only adds a candidate, which the exact check
    /// then rejects.
    buckets: HashMap<u64, u32>,
    /// Slot `entry * bands + band` → the previous slot with the same key
    /// (`u32::MAX` ends the chain): bucket lists without a `Vec` each.
    next: Vec<u32>,
}

impl DuplicateIndex {
    pub fn new(params: MinHashParams) -> Result<Self, StoriesError> {
        params.validate()?;
        let mut rng = SplitMix64::new(params.seed);
        let seeds = (0..params.num_hashes).map(|_| rng.next_u64()).collect();
        Ok(DuplicateIndex {
            params,
            seeds,
            ids: Vec::new(),
            sets: Vec::new(),
            buckets: HashMap::new(),
            next: Vec::new(),
        })
    }

    pub fn params(&self) -> &MinHashParams {
        &self.params
    }

    /// How many texts were inserted.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The MinHash signature of a shingle set (all `u64::MAX` when empty).
    pub fn signature(&self, set: &[u64]) -> Vec<u64> {
        self.seeds
            .iter()
            .map(|&s| set.iter().map(|&x| mix64(x ^ s)).min().unwrap_or(u64::MAX))
            .collect()
    }

    /// The LSH band keys of a shingle set: one 64-bit hash per band over
    /// (band number, the band's signature rows). Two sets are candidates
    /// when they share the key of some band. The store keeps these keys in
    /// a table to find candidates without an index in memory.
    pub fn band_keys(&self, set: &[u64]) -> Vec<u64> {
        let sig = self.signature(set);
        let rows = self.params.num_hashes / self.params.bands;
        sig.chunks(rows)
            .enumerate()
            .map(|(band, chunk)| {
                let mut h = mix64(0x243f_6a88_85a3_08d3 ^ band as u64);
                for &v in chunk {
                    h = mix64(h ^ v);
                }
                h
            })
            .collect()
    }

    /// Adds `text` under `doc_id` and returns the earlier entries whose
    /// exact shingle Jaccard similarity with it is at least the threshold,
    /// most similar first (ties by id). Entries with the same id are not
    /// reported. An empty text is stored but matches nothing.
    pub fn insert(&mut self, doc_id: &str, text: &str) -> Vec<(String, f64)> {
        let set = shingles(&words(text), self.params.shingle);
        let mut found: Vec<(String, f64)> = Vec::new();
        if !set.is_empty() {
            let bands = self.params.bands;
            let keys = self.band_keys(&set);
            let mut seen: Vec<u32> = Vec::new();
            for h in &keys {
                let mut slot = self.buckets.get(h).copied().unwrap_or(u32::MAX);
                while slot != u32::MAX {
                    seen.push(slot / u32::try_from(bands).unwrap_or(u32::MAX));
                    slot = self.next.get(slot as usize).copied().unwrap_or(u32::MAX);
                }
            }
            seen.sort_unstable();
            seen.dedup();
            for other in seen {
                let o = other as usize;
                let (Some(oid), Some(oset)) = (self.ids.get(o), self.sets.get(o)) else {
                    continue;
                };
                if oid == doc_id {
                    continue;
                }
                let sim = jaccard(&set, oset);
                if sim >= self.params.threshold {
                    found.push((oid.clone(), sim));
                }
            }
            // Slots of this entry, in band order (`next` grows by `bands`
            // per stored entry; an empty text stores no slots and no chain
            // ever points to it).
            self.next.resize(self.ids.len() * bands, u32::MAX);
            for key in keys {
                let slot = u32::try_from(self.next.len()).unwrap_or(u32::MAX);
                let prev = self.buckets.insert(key, slot).unwrap_or(u32::MAX);
                self.next.push(prev);
            }
        }
        self.ids.push(doc_id.to_string());
        self.sets.push(set);
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_validated() {
        let bad = MinHashParams {
            bands: 5,
            ..MinHashParams::default()
        };
        assert!(DuplicateIndex::new(bad).is_err());
        let bad = MinHashParams {
            threshold: 1.5,
            ..MinHashParams::default()
        };
        assert!(bad.validate().is_err());
        assert!(DuplicateIndex::new(MinHashParams::default()).is_ok());
    }

    #[test]
    fn signature_agreement_estimates_jaccard() {
        let idx = DuplicateIndex::new(MinHashParams {
            num_hashes: 600,
            bands: 600,
            ..MinHashParams::default()
        })
        .expect("params");
        let a: Vec<u64> = (0..400).collect();
        let b: Vec<u64> = (100..500).collect(); // Jaccard 300/500 = 0.6
        let (sa, sb) = (idx.signature(&a), idx.signature(&b));
        let agree = sa.iter().zip(&sb).filter(|(x, y)| x == y).count() as f64 / 600.0;
        assert!((agree - 0.6).abs() < 0.07, "{agree}");
    }
}
