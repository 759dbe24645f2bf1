//! A tiny deterministic PRNG (SplitMix64) and a Poisson sampler, for the
//! synthetic series of the detector tests and the scale example. Not for
//! anything that needs unpredictability.

/// SplitMix64 (Steele, Lea & Flood 2014): a 64-bit counter passed through
/// an avalanche mix. Same seed, same stream, on every platform.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        crate::text::mix64(self.state)
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (0 when `n` is 0); the modulo bias is below 2⁻³².
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// A Poisson(`lambda`) draw: Knuth's product of uniforms, applied to
    /// pieces of at most 30 so that `exp(-lambda)` never underflows.
    pub fn poisson(&mut self, lambda: f64) -> u64 {
        let mut left = lambda.max(0.0);
        let mut total = 0;
        while left > 0.0 {
            let piece = left.min(30.0);
            left -= piece;
            let limit = (-piece).exp();
            let mut p = self.next_f64();
            while p > limit {
                total += 1;
                p *= self.next_f64();
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_poisson_mean() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        assert_eq!(a.next_u64(), b.next_u64());
        for lambda in [0.5, 3.0, 45.0] {
            let n = 20_000;
            let sum: u64 = (0..n).map(|_| a.poisson(lambda)).sum();
            let mean = sum as f64 / f64::from(n);
            assert!(
                (mean - lambda).abs() < 0.05 * lambda + 0.02,
                "{lambda}: {mean}"
            );
        }
    }
}
