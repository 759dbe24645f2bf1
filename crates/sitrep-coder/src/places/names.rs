//! Name normalisation and the hashed index keys of names.

/// The index key of a name or a surface form: lower case, Latin diacritics
/// folded, curly apostrophes straightened, hyphens as spaces, "st."/"ft."/"mt."
/// spelt out.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'\'')
        && !s.is_empty()
    {
        // One plain word, the common case.
        out.push_str(s);
        out.make_ascii_lowercase();
        return spell_out(out);
    }
    for c in s.chars() {
        for l in c.to_lowercase() {
            match l {
                '-' | '‐' | '–' | '—' | '\t' | '\n' | '\u{a0}' | ' ' => {
                    if !out.is_empty() && !out.ends_with(' ') {
                        out.push(' ');
                    }
                }
                '’' | '‘' | '`' | 'ʼ' => out.push('\''),
                'ß' => out.push_str("ss"),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'þ' => out.push_str("th"),
                _ => out.push(fold_char(l)),
            }
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    spell_out(out)
}

/// "st." → "saint" and the like, word by word.
fn spell_out(out: String) -> String {
    if !out.split(' ').any(|w| spelt_out(w).is_some()) {
        return out;
    }
    let words: Vec<&str> = out.split(' ').map(|w| spelt_out(w).unwrap_or(w)).collect();
    words.join(" ")
}

/// The index key of a name: a 64-bit hash of its normalised form. Storing
/// hashes instead of strings keeps start-up fast; with ~10^5 keys a
/// collision is vanishingly unlikely (about 10^-9).
pub(super) fn key_of(s: &str) -> Option<u64> {
    let mut h = KeyHash::new();
    if s.is_ascii() {
        // Same result as hashing `normalise(s)`, without allocating: most
        // names are plain ASCII.
        let mut any = false;
        for word in s.split([' ', '-', '\t', '\n']).filter(|w| !w.is_empty()) {
            if any {
                h.push(b' ');
            }
            any = true;
            let lowered = word.as_bytes().iter().map(|b| match b {
                b'`' => b'\'',
                _ => b.to_ascii_lowercase(),
            });
            match spelt_out(word) {
                Some(full) => full.bytes().for_each(|b| h.push(b)),
                None => lowered.for_each(|b| h.push(b)),
            }
        }
        return any.then(|| h.finish());
    }
    let n = normalise(s);
    if n.is_empty() {
        return None;
    }
    n.bytes().for_each(|b| h.push(b));
    Some(h.finish())
}

/// FNV-1a with a SplitMix64 finaliser to spread the bits.
pub(super) struct KeyHash(u64);

impl KeyHash {
    pub(super) fn new() -> Self {
        KeyHash(0xcbf2_9ce4_8422_2325)
    }
    pub(super) fn push(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    pub(super) fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 30;
        h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h ^= h >> 27;
        h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^ (h >> 31)
    }
}

/// The spelt-out form of an abbreviated name word ("St." → "saint").
fn spelt_out(word: &str) -> Option<&'static str> {
    let w = word.as_bytes();
    let is = |abbr: &str| w.eq_ignore_ascii_case(abbr.as_bytes());
    if is("st.") || is("st") {
        Some("saint")
    } else if is("ste.") || is("ste") {
        Some("sainte")
    } else if is("ft.") {
        Some("fort")
    } else if is("mt.") {
        Some("mount")
    } else {
        None
    }
}

/// Folds a lower-case Latin letter with a diacritic to its base letter.
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    const TABLE: &[(&str, char)] = &[
        ("àáâãäåāăąǎ", 'a'),
        ("çćĉċč", 'c'),
        ("ďđð", 'd'),
        ("èéêëēĕėęě", 'e'),
        ("ĝğġģ", 'g'),
        ("ĥħ", 'h'),
        ("ìíîïĩīĭįıǐ", 'i'),
        ("ĵ", 'j'),
        ("ķ", 'k'),
        ("ĺļľŀł", 'l'),
        ("ñńņňŉ", 'n'),
        ("òóôõöøōŏőǒ", 'o'),
        ("ŕŗř", 'r'),
        ("śŝşšș", 's'),
        ("ţťŧț", 't'),
        ("ùúûüũūŭůűųǔ", 'u'),
        ("ŵ", 'w'),
        ("ýÿŷ", 'y'),
        ("źżž", 'z'),
    ];
    TABLE
        .iter()
        .find(|(set, _)| set.contains(c))
        .map_or(c, |&(_, base)| base)
}
