//! The CAMEO code table (`data/events/cameo.tsv`): PLOVER type and
//! Goldstein intensity per code, looked up by longest prefix.

use std::collections::HashMap;

use super::{tsv_lines, LexiconError};
use crate::vocab::Category;

/// One CAMEO code.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoCode {
    /// PLOVER type, or None for codes with no PLOVER type (CAMEO 01).
    pub plover: Option<Category>,
    pub goldstein: f32,
    pub name: String,
}

/// CAMEO codes by code.
#[derive(Debug, Default)]
pub struct CameoTable(HashMap<String, CameoCode>);

impl CameoTable {
    /// Parses `CODE PLOVER GOLDSTEIN NAME` lines.
    pub fn parse(src: &str, file: &str) -> Result<Self, LexiconError> {
        let mut map = HashMap::new();
        for (line, f) in tsv_lines(src) {
            if f.len() != 4 {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("expected 4 columns, found {}", f.len()),
                ));
            }
            if !(2..=4).contains(&f[0].len()) || !f[0].chars().all(|c| c.is_ascii_digit()) {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("bad CAMEO code `{}`", f[0]),
                ));
            }
            let plover = if f[1] == "-" {
                None
            } else {
                Some(f[1].parse::<Category>().map_err(|_| {
                    LexiconError::new(file, line, format!("unknown PLOVER type `{}`", f[1]))
                })?)
            };
            let goldstein: f32 = f[2]
                .parse()
                .ok()
                .filter(|g: &f32| (-10.0..=10.0).contains(g))
                .ok_or_else(|| {
                    LexiconError::new(file, line, format!("bad Goldstein score `{}`", f[2]))
                })?;
            if map
                .insert(
                    f[0].to_string(),
                    CameoCode {
                        plover,
                        goldstein,
                        name: f[3].to_string(),
                    },
                )
                .is_some()
            {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("duplicate code `{}`", f[0]),
                ));
            }
        }
        Ok(CameoTable(map))
    }

    /// The entry for `code` or its nearest listed parent ("0874" → "087" → "08").
    pub fn lookup(&self, code: &str) -> Option<&CameoCode> {
        (2..=code.len())
            .rev()
            .find_map(|n| code.get(..n).and_then(|c| self.0.get(c)))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prefix() {
        let t = CameoTable::parse(
            "08\tCONCEDE\t5.0\tyield\n087\tRETREAT\t9.0\tde-escalate\n",
            "c",
        )
        .unwrap();
        assert_eq!(
            t.lookup("0874").map(|c| c.plover),
            Some(Some(Category::Retreat))
        );
        assert_eq!(
            t.lookup("081").map(|c| c.plover),
            Some(Some(Category::Concede))
        );
        assert!(t.lookup("19").is_none());
        let e = CameoTable::parse("08\tCONCEDE\t55\tyield\n", "c").unwrap_err();
        assert!(e.reason.contains("Goldstein"));
    }
}
