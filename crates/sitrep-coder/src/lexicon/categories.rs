//! The category policy (`data/events/categories.tsv`): for each PLOVER type,
//! whom an event defaults to when the text names no target or no agent,
//! where it takes place when no place is named, and how a stated intention
//! or an act against the actor's own people is recoded. Format:
//! `data/events/FORMAT.md`. The file lists every [`Category`] once, so it is
//! also the list of PLOVER types the scripts read.

use super::{tsv_lines, LexiconError};
use crate::vocab::Category;

/// Whom an event with no target named is aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoTarget {
    /// The source's own country: protests, repression, concessions.
    Domestic,
    /// The other party the text has been talking about: statements,
    /// sanctions, visits.
    OtherParty,
}

/// Who acted in a passive with no agent ("was declared persona non grata").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agentless {
    /// The sentence's or the document's country.
    Country,
    /// The other party the text was talking about; with no target named
    /// either, the sentence says too little to code.
    OtherParty,
}

/// Whose country an event takes place in when no place is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LandsOn {
    /// Where the action lands: force, deployments, aid, withdrawals.
    Target,
    /// Where the actor is: statements, decisions, domestic acts.
    Source,
}

/// What two named parties of one act are to each other ("Egypt and Qatar
/// met", "Egypt and Qatar condemned the attack").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parties {
    /// A joint act: each is the other's party (talks, agreements,
    /// cooperation, fighting), so the second is the target.
    Joint,
    /// Each acts on its own: two events, one per subject.
    Each,
}

/// What the "of" object of an event noun is once an agent or possessor is
/// the source ("X's rejection of Y", "X's withdrawal of troops").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NounObject {
    /// The party acted on: the target.
    Target,
    /// What moves (troops withdrawn or deployed, aid sent): not a target.
    Moved,
    /// With no agent or possessor, the doer, when a "to"/"with" phrase
    /// names whom it is done with ("the visit of the Chinese premier to
    /// Egypt"); else the target, as `Target`.
    Doer,
}

/// A category and CAMEO code an event is recoded to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recode {
    pub category: Category,
    pub cameo: String,
}

/// How the coder treats one PLOVER type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryPolicy {
    pub category: Category,
    pub no_target: NoTarget,
    pub agentless: Agentless,
    pub location: LandsOn,
    /// A stated future action ("will withdraw"); `None`: not coded.
    pub intent: Option<Recode>,
    /// The act aimed at the actor's own country (a ban on its own people).
    pub against_own: Option<Recode>,
    pub parties: Parties,
    pub noun_object: NounObject,
}

impl CategoryPolicy {
    /// The policy of a category the file does not list (only before the
    /// file is loaded: loading refuses a file that misses one).
    fn unlisted(category: Category) -> Self {
        CategoryPolicy {
            category,
            no_target: NoTarget::OtherParty,
            agentless: Agentless::OtherParty,
            location: LandsOn::Source,
            intent: None,
            against_own: None,
            parties: Parties::Each,
            noun_object: NounObject::Target,
        }
    }
}

/// One policy per PLOVER type, in [`Category::ALL`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryTable(Vec<CategoryPolicy>);

impl Default for CategoryTable {
    fn default() -> Self {
        CategoryTable(
            Category::ALL
                .iter()
                .map(|c| CategoryPolicy::unlisted(*c))
                .collect(),
        )
    }
}

fn recode(file: &str, line: usize, column: &str, s: &str) -> Result<Option<Recode>, LexiconError> {
    if s == "-" {
        return Ok(None);
    }
    let bad = |why: String| LexiconError::new(file, line, format!("{column} `{s}`: {why}"));
    let (category, cameo) = s
        .split_once(':')
        .ok_or_else(|| bad("want CATEGORY:CAMEO or -".into()))?;
    let category = category
        .parse::<Category>()
        .map_err(|e| bad(e.to_string()))?;
    if !(2..=4).contains(&cameo.len()) || !cameo.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad("the CAMEO code has 2 to 4 digits".into()));
    }
    Ok(Some(Recode {
        category,
        cameo: cameo.to_string(),
    }))
}

/// Reads one of a column's words, or says which words it takes.
fn word<T: Copy>(
    file: &str,
    line: usize,
    column: &str,
    s: &str,
    words: &[(&str, T)],
) -> Result<T, LexiconError> {
    words
        .iter()
        .find(|(w, _)| *w == s)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let want: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
            LexiconError::new(
                file,
                line,
                format!("{column} `{s}`: want {}", want.join(" or ")),
            )
        })
}

impl CategoryTable {
    /// Parses `CATEGORY NO_TARGET AGENTLESS LOCATION INTENT AGAINST_OWN PARTIES NOUN_OBJECT`
    /// lines; every PLOVER type must appear exactly once.
    pub fn parse(src: &str, file: &str) -> Result<Self, LexiconError> {
        let mut found: Vec<Option<CategoryPolicy>> = vec![None; Category::ALL.len()];
        for (line, f) in tsv_lines(src) {
            if f.len() != 8 {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("expected 8 tab-separated columns, found {}", f.len()),
                ));
            }
            let category = f[0].parse::<Category>().map_err(|_| {
                LexiconError::new(file, line, format!("unknown category `{}`", f[0]))
            })?;
            let policy = CategoryPolicy {
                category,
                no_target: word(
                    file,
                    line,
                    "NO_TARGET",
                    f[1],
                    &[
                        ("domestic", NoTarget::Domestic),
                        ("other-party", NoTarget::OtherParty),
                    ],
                )?,
                agentless: word(
                    file,
                    line,
                    "AGENTLESS",
                    f[2],
                    &[
                        ("country", Agentless::Country),
                        ("other-party", Agentless::OtherParty),
                    ],
                )?,
                location: word(
                    file,
                    line,
                    "LOCATION",
                    f[3],
                    &[("target", LandsOn::Target), ("source", LandsOn::Source)],
                )?,
                intent: recode(file, line, "INTENT", f[4])?,
                against_own: recode(file, line, "AGAINST_OWN", f[5])?,
                parties: word(
                    file,
                    line,
                    "PARTIES",
                    f[6],
                    &[("joint", Parties::Joint), ("each", Parties::Each)],
                )?,
                noun_object: word(
                    file,
                    line,
                    "NOUN_OBJECT",
                    f[7],
                    &[
                        ("target", NounObject::Target),
                        ("moved", NounObject::Moved),
                        ("doer", NounObject::Doer),
                    ],
                )?,
            };
            let slot = &mut found[category.index()];
            if slot.is_some() {
                return Err(LexiconError::new(
                    file,
                    line,
                    format!("category `{category}` listed twice"),
                ));
            }
            *slot = Some(policy);
        }
        let mut table = Vec::with_capacity(found.len());
        for (policy, category) in found.into_iter().zip(Category::ALL) {
            table.push(policy.ok_or_else(|| {
                LexiconError::new(file, 0, format!("category `{category}` is missing"))
            })?);
        }
        Ok(CategoryTable(table))
    }

    /// The policy of `category`.
    pub fn get(&self, category: Category) -> &CategoryPolicy {
        &self.0[category.index()]
    }

    /// Every policy, in [`Category::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = &CategoryPolicy> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_table() -> String {
        Category::ALL
            .iter()
            .map(|c| format!("{c}\tother-party\tother-party\tsource\t-\t-\teach\ttarget\n"))
            .collect()
    }

    #[test]
    fn reads_a_full_table() {
        let src = full_table().replace(
            "SANCTION\tother-party\tother-party\tsource\t-\t-\teach\ttarget",
            "SANCTION\tdomestic\tcountry\ttarget\tTHREATEN:1312\tCOERCE:172\tjoint\tmoved",
        );
        let t = CategoryTable::parse(&format!("# header\n{src}"), "c.tsv").expect("valid");
        let s = t.get(Category::Sanction);
        assert_eq!(s.no_target, NoTarget::Domestic);
        assert_eq!(s.agentless, Agentless::Country);
        assert_eq!(s.location, LandsOn::Target);
        assert_eq!(
            s.intent,
            Some(Recode {
                category: Category::Threaten,
                cameo: "1312".into()
            })
        );
        assert_eq!(
            s.against_own.as_ref().map(|r| r.category),
            Some(Category::Coerce)
        );
        assert_eq!(s.parties, Parties::Joint);
        assert_eq!(s.noun_object, NounObject::Moved);
        assert_eq!(t.get(Category::Agree).intent, None);
        assert_eq!(t.get(Category::Agree).parties, Parties::Each);
        assert_eq!(t.iter().count(), 16);
    }

    #[test]
    fn bad_lines_name_file_line_and_reason() {
        let full = full_table();
        let cases = [
            (
                full.replacen("AGREE", "FIGHT", 1),
                "c.tsv:1: unknown category `FIGHT`",
            ),
            (
                full.replacen("\tsource", "", 1),
                "c.tsv:1: expected 8 tab-separated",
            ),
            (
                full.replacen("other-party", "abroad", 1),
                "c.tsv:1: NO_TARGET `abroad`: want domestic or other-party",
            ),
            (
                full.replacen("\tother-party\tsource", "\tnobody\tsource", 1),
                "c.tsv:1: AGENTLESS",
            ),
            (
                full.replacen("source", "place", 1),
                "c.tsv:1: LOCATION `place`",
            ),
            (
                full.replacen("\t-\t-", "\tAGREE\t-", 1),
                "c.tsv:1: INTENT `AGREE`: want CATEGORY:CAMEO",
            ),
            (
                full.replacen("\t-\t-", "\tHUG:030\t-", 1),
                "is not a PLOVER event type",
            ),
            (
                full.replacen("\t-\t-", "\t-\tCOERCE:17x", 1),
                "c.tsv:1: AGAINST_OWN `COERCE:17x`",
            ),
            (
                format!("{full}AGREE\tother-party\tother-party\tsource\t-\t-\teach\ttarget\n"),
                "c.tsv:17: category `AGREE` listed twice",
            ),
            (
                full.replacen("\teach", "\tboth", 1),
                "c.tsv:1: PARTIES `both`: want joint or each",
            ),
            (
                full.replacen("\ttarget\n", "\tthing\n", 1),
                "c.tsv:1: NOUN_OBJECT `thing`: want target or moved",
            ),
            (
                full.replacen("ASSAULT\t", "# ASSAULT\t", 1),
                "c.tsv:0: category `ASSAULT` is missing",
            ),
        ];
        for (src, want) in cases {
            let e = CategoryTable::parse(&src, "c.tsv").expect_err(want);
            assert!(e.to_string().contains(want), "{e} does not say {want}");
        }
    }
}
