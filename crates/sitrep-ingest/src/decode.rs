//! Bytes to text: UTF-8 (BOM stripped), UTF-16 with a BOM, a charset
//! declared in HTML, else Windows-1252 (the web's superset of Latin-1).
//! Also the binary-file check.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How many leading bytes are checked for NUL to call a file binary.
pub const SNIFF_LEN: usize = 8 * 1024;

/// True when the start of the input holds a NUL byte and no UTF-16 BOM
/// (UTF-16 text is full of NULs, but announces itself with a BOM).
pub fn looks_binary(head: &[u8]) -> bool {
    let head = &head[..head.len().min(SNIFF_LEN)];
    if matches!(Encoding::for_bom(head), Some((enc, _)) if enc != UTF_8) {
        return false;
    }
    head.contains(&0)
}

/// Decodes `bytes`: a BOM wins, then valid UTF-8, then `declared` (an HTML
/// `<meta charset>`), then Windows-1252, which maps every byte.
pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> String {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes.get(bom_len..).unwrap_or(&[]));
        return text.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let enc = declared.unwrap_or(WINDOWS_1252);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    text.into_owned()
}

/// The charset an HTML page declares in its first few KB
/// (`<meta charset="windows-1251">` or `content="text/html; charset=koi8-r"`).
pub fn html_declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len() && matches!(lower[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len() && (lower[i].is_ascii_alphanumeric() || b"-_.:".contains(&lower[i])) {
            i += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[start..i]) {
            // A page that says UTF-16 but is read as bytes is really ASCII-
            // compatible (HTML spec rule); UTF-8 is then the right reading.
            return Some(
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    UTF_8
                } else {
                    enc
                },
            );
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_fallbacks() {
        assert_eq!(decode(b"\xEF\xBB\xBFhello", None), "hello");
        assert_eq!(decode(b"\xFF\xFEh\0i\0", None), "hi");
        assert_eq!(decode(b"\xFE\xFF\0h\0i", None), "hi");
        assert_eq!(decode("café".as_bytes(), None), "café");
        assert_eq!(decode(b"caf\xE9 \x93q\x94", None), "café “q”");
        let win1251 = encoding_rs::WINDOWS_1251;
        assert_eq!(decode(b"\xCC\xEE\xF1\xEA\xE2\xE0", Some(win1251)), "Москва");
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"abc\0def"));
        assert!(!looks_binary(b"\xFF\xFEh\0i\0"));
        assert!(!looks_binary(b"plain text"));
    }

    #[test]
    fn declared_charsets() {
        let c = |s: &str| html_declared_charset(s.as_bytes()).map(|e| e.name());
        assert_eq!(c(r#"<meta charset="windows-1251">"#), Some("windows-1251"));
        assert_eq!(c("<META CHARSET=KOI8-R>"), Some("KOI8-R"));
        assert_eq!(
            c(r#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">"#),
            Some("windows-1252")
        );
        assert_eq!(c(r#"<meta charset="utf-16">"#), Some("UTF-8"));
        assert_eq!(c("<p>no charset</p>"), None);
        assert_eq!(c("charset"), None);
    }
}
