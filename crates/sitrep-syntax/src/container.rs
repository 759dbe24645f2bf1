//! The model file: named sections of bytes, written by
//! `scripts/syntax/convert_model.py` (`scripts/syntax/container.py`).
//!
//! Layout (all integers little endian):
//! `b"SRSYNTX1"`, `u32` section count, then per section: `u16` name length,
//! the UTF-8 name, `u64` data length, the data. Each section's own layout is
//! documented by the module that reads it; [`Reader`] is the cursor they use.

use crate::SyntaxError;

const MAGIC: &[u8; 8] = b"SRSYNTX1";

/// The sections of a model file, borrowed from its bytes.
#[derive(Debug, Clone)]
pub struct ModelFile<'a> {
    sections: Vec<(&'a str, &'a [u8])>,
}

impl<'a> ModelFile<'a> {
    /// Splits `bytes` into sections; refuses a wrong magic, a truncated
    /// section or a repeated name.
    pub fn parse(bytes: &'a [u8]) -> Result<ModelFile<'a>, SyntaxError> {
        let mut r = Reader::new("header", bytes);
        if r.bytes(8)? != MAGIC {
            return Err(SyntaxError::Format(
                "not a sitrep syntax model (bad magic)".into(),
            ));
        }
        let count = r.u32()? as usize;
        let mut sections: Vec<(&'a str, &'a [u8])> = Vec::with_capacity(count.min(1024));
        for _ in 0..count {
            let name_len = r.u16()? as usize;
            let name = r.str(name_len)?;
            let len = usize::try_from(r.u64()?)
                .map_err(|_| SyntaxError::Format(format!("section {name}: length overflows")))?;
            let data = r.bytes(len)?;
            if sections.iter().any(|(n, _)| *n == name) {
                return Err(SyntaxError::Format(format!("section {name} appears twice")));
            }
            sections.push((name, data));
        }
        if !r.is_empty() {
            return Err(SyntaxError::Format(
                "trailing bytes after the last section".into(),
            ));
        }
        Ok(ModelFile { sections })
    }

    /// The bytes of section `name`.
    pub fn section(&self, name: &str) -> Result<&'a [u8], SyntaxError> {
        self.sections
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, d)| *d)
            .ok_or_else(|| SyntaxError::Format(format!("missing section {name}")))
    }

    /// Section names in file order.
    pub fn names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.sections.iter().map(|(n, _)| *n)
    }
}

/// A little-endian cursor over one section; every read checks bounds and
/// names the section in its error.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    section: &'a str,
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(section: &'a str, data: &'a [u8]) -> Reader<'a> {
        Reader {
            section,
            data,
            pos: 0,
        }
    }

    /// An error naming this section.
    pub fn error(&self, reason: impl Into<String>) -> SyntaxError {
        SyntaxError::Section {
            section: self.section.to_string(),
            reason: reason.into(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.pos == self.data.len()
    }

    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], SyntaxError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        match end {
            Some(end) => {
                let out = &self.data[self.pos..end];
                self.pos = end;
                Ok(out)
            }
            None => Err(self.error(format!(
                "truncated: wanted {n} bytes at offset {}",
                self.pos
            ))),
        }
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], SyntaxError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.bytes(N)?);
        Ok(out)
    }

    pub fn u8(&mut self) -> Result<u8, SyntaxError> {
        Ok(self.array::<1>()?[0])
    }
    pub fn u16(&mut self) -> Result<u16, SyntaxError> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    pub fn u32(&mut self) -> Result<u32, SyntaxError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub fn u64(&mut self) -> Result<u64, SyntaxError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub fn f32(&mut self) -> Result<f32, SyntaxError> {
        Ok(f32::from_le_bytes(self.array()?))
    }

    /// `n` bytes as UTF-8.
    pub fn str(&mut self, n: usize) -> Result<&'a str, SyntaxError> {
        let bytes = self.bytes(n)?;
        std::str::from_utf8(bytes).map_err(|_| self.error("a string is not UTF-8"))
    }

    /// A `u32` length, then that many UTF-8 bytes.
    pub fn string(&mut self) -> Result<&'a str, SyntaxError> {
        let n = self.u32()? as usize;
        self.str(n)
    }

    /// `n` little-endian `f32` values.
    pub fn f32s(&mut self, n: usize) -> Result<Vec<f32>, SyntaxError> {
        let bytes = self.bytes(
            n.checked_mul(4)
                .ok_or_else(|| self.error("array too large"))?,
        )?;
        Ok(bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    /// The bytes of `n` little-endian `f32` values, borrowed, not decoded.
    pub fn f32_bytes(&mut self, n: usize) -> Result<&'a [u8], SyntaxError> {
        self.bytes(
            n.checked_mul(4)
                .ok_or_else(|| self.error("array too large"))?,
        )
    }

    /// `n` little-endian `u64` values.
    pub fn u64s(&mut self, n: usize) -> Result<Vec<u64>, SyntaxError> {
        let bytes = self.bytes(
            n.checked_mul(8)
                .ok_or_else(|| self.error("array too large"))?,
        )?;
        Ok(bytes
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(sections: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend((sections.len() as u32).to_le_bytes());
        for (name, data) in sections {
            out.extend((name.len() as u16).to_le_bytes());
            out.extend(name.as_bytes());
            out.extend((data.len() as u64).to_le_bytes());
            out.extend(*data);
        }
        out
    }

    #[test]
    fn sections_are_found_by_name() {
        let bytes = file(&[("a", b"xy"), ("b", b"")]);
        let f = ModelFile::parse(&bytes).expect("valid file");
        assert_eq!(f.section("a").expect("a"), b"xy");
        assert_eq!(f.section("b").expect("b"), b"");
        assert!(f.section("c").is_err());
        assert_eq!(f.names().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn bad_files_are_refused_not_panicked_on() {
        let good = file(&[("a", b"xyz")]);
        for cut in 0..good.len() {
            assert!(ModelFile::parse(&good[..cut]).is_err(), "cut at {cut}");
        }
        assert!(ModelFile::parse(&file(&[("a", b""), ("a", b"")])).is_err());
        let mut trailing = good.clone();
        trailing.push(0);
        assert!(ModelFile::parse(&trailing).is_err());
    }
}
