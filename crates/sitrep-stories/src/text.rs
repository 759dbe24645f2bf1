//! Text helpers shared by versions and near-duplicates: word lists,
//! hashed word shingles, exact Jaccard similarity, a stable 64-bit hash.

/// FNV-1a over bytes, then a SplitMix64 finaliser: stable across platforms
/// and Rust versions (unlike `std`'s `DefaultHasher`), so ids and MinHash
/// signatures never change between runs.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix64(h)
}

/// The SplitMix64 finaliser: a bijective avalanche mix of 64 bits.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A short stable hex id with a prefix: `prefix-` and 16 hex digits.
pub fn stable_id(prefix: &str, parts: &[&str]) -> String {
    let mut joined = Vec::new();
    for p in parts {
        joined.extend_from_slice(p.as_bytes());
        joined.push(0x1f);
    }
    format!("{prefix}-{:016x}", stable_hash(&joined))
}

/// Lower-cased alphanumeric words of `text` (punctuation and case ignored).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Sorted, de-duplicated hashes of the word `k`-shingles of `words`. A text
/// shorter than `k` words gives one shingle of all its words; an empty text
/// gives none.
pub fn shingles(words: &[String], k: usize) -> Vec<u64> {
    let k = k.max(1);
    let mut out = Vec::with_capacity(words.len());
    let mut buf = Vec::new();
    let mut push = |window: &[String], out: &mut Vec<u64>| {
        buf.clear();
        for w in window {
            buf.extend_from_slice(w.as_bytes());
            buf.push(b' ');
        }
        out.push(stable_hash(&buf));
    };
    if words.is_empty() {
        return out;
    }
    if words.len() < k {
        push(words, &mut out);
    } else {
        for window in words.windows(k) {
            push(window, &mut out);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Exact Jaccard similarity |A∩B| / |A∪B| of two sorted, de-duplicated sets;
/// 0 when both are empty.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    inter as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_and_jaccard() {
        let a = shingles(&words("The army withdrew from the city on Monday."), 3);
        let b = shingles(&words("the ARMY withdrew from the city on Monday"), 3);
        assert_eq!(jaccard(&a, &b), 1.0);
        let c = shingles(&words("Talks resumed in Geneva after a long pause."), 3);
        assert_eq!(jaccard(&a, &c), 0.0);
        assert_eq!(shingles(&words("two words"), 5).len(), 1);
        assert!(shingles(&[], 5).is_empty());
        assert_eq!(jaccard(&[], &[]), 0.0);
    }

    #[test]
    fn ids_are_stable() {
        assert_eq!(stable_id("a", &["x", "y"]), stable_id("a", &["x", "y"]));
        assert_ne!(stable_id("a", &["xy"]), stable_id("a", &["x", "y"]));
        assert_eq!(stable_hash(b""), mix64(0xcbf2_9ce4_8422_2325));
    }
}
