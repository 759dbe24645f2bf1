//! spaCy's attribute ruler: Matcher patterns over single tokens or short
//! fixed sequences; every rule's matches are found on the analysis as the
//! model left it, then applied in rule order (a later rule overrides an
//! earlier one on the same attribute).

use super::unicode::python_isspace;
use crate::container::Reader;
use crate::{Dep, Pos, SyntaxError, Tag};

/// What a pattern sees of one token.
#[derive(Debug, Clone)]
pub(super) struct TokenView<'t> {
    pub text: &'t str,
    /// Python's `str.lower()` of the text (spaCy's LOWER).
    lower: String,
    is_space: bool,
    pub tag: Option<Tag>,
    pub dep: Option<Dep>,
}

impl<'t> TokenView<'t> {
    pub fn new(text: &'t str, tag: Option<Tag>, dep: Option<Dep>) -> TokenView<'t> {
        // spaCy's IS_SPACE is Python's `str.isspace()`: false for "".
        let is_space = !text.is_empty() && text.chars().all(python_isspace);
        TokenView {
            text,
            lower: text.to_lowercase(),
            is_space,
            tag,
            dep,
        }
    }

    /// The attribute's value as the Matcher compares it (a missing tag or
    /// label is "", as spaCy's empty string id).
    fn value(&self, attr: MatchAttr) -> &str {
        match attr {
            MatchAttr::Tag => self.tag.map_or("", Tag::as_str),
            MatchAttr::Lower => &self.lower,
            MatchAttr::Orth => self.text,
            MatchAttr::Dep => self.dep.map_or("", Dep::as_str),
            MatchAttr::IsSpace => {
                if self.is_space {
                    "true"
                } else {
                    "false"
                }
            }
        }
    }
}

/// The token attributes a pattern can test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MatchAttr {
    Tag,
    Lower,
    Orth,
    Dep,
    IsSpace,
}

impl MatchAttr {
    fn parse(name: &str) -> Option<MatchAttr> {
        match name {
            "TAG" => Some(MatchAttr::Tag),
            "LOWER" => Some(MatchAttr::Lower),
            "ORTH" | "TEXT" => Some(MatchAttr::Orth),
            "DEP" => Some(MatchAttr::Dep),
            "IS_SPACE" => Some(MatchAttr::IsSpace),
            _ => None,
        }
    }
}

/// One test on one attribute.
#[derive(Debug, Clone)]
enum Test {
    Equals(Box<str>),
    In(Vec<Box<str>>),
    NotIn(Vec<Box<str>>),
    /// Python `re.search` semantics (unanchored unless the pattern anchors).
    Regex(regex::Regex),
}

impl Test {
    fn holds(&self, value: &str) -> bool {
        match self {
            Test::Equals(v) => **v == *value,
            Test::In(vs) => vs.iter().any(|v| **v == *value),
            Test::NotIn(vs) => !vs.iter().any(|v| **v == *value),
            Test::Regex(re) => re.is_match(value),
        }
    }
}

#[derive(Debug, Clone)]
struct Constraint {
    attr: MatchAttr,
    test: Test,
}

impl Constraint {
    /// Rough cost of checking the constraint, for ordering.
    fn cost(&self) -> u8 {
        match (&self.test, self.attr) {
            (Test::Equals(_), MatchAttr::Tag | MatchAttr::Dep | MatchAttr::IsSpace) => 0,
            (Test::Equals(_), MatchAttr::Lower | MatchAttr::Orth) => 1,
            (Test::In(_) | Test::NotIn(_), _) => 2,
            (Test::Regex(_), _) => 3,
        }
    }
}

/// All constraints on one token of a pattern.
type TokenPattern = Vec<Constraint>;

/// What a rule sets on its target token (strings borrowed from the rule).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Assigned<'r> {
    pub pos: Option<Pos>,
    pub morph: Option<&'r str>,
    pub lemma: Option<&'r str>,
    pub tag: Option<Tag>,
    pub dep: Option<Dep>,
}

impl<'r> Assigned<'r> {
    /// Takes every attribute `rule` sets, overriding earlier values.
    fn take(&mut self, rule: &'r RuleSets) {
        self.pos = rule.pos.or(self.pos);
        self.morph = rule.morph.as_deref().or(self.morph);
        self.lemma = rule.lemma.as_deref().or(self.lemma);
        self.tag = rule.tag.or(self.tag);
        self.dep = rule.dep.or(self.dep);
    }
}

/// The attributes one rule sets.
#[derive(Debug, Clone, Default)]
struct RuleSets {
    pos: Option<Pos>,
    morph: Option<Box<str>>,
    lemma: Option<Box<str>>,
    tag: Option<Tag>,
    dep: Option<Dep>,
}

#[derive(Debug, Clone)]
struct Rule {
    /// Index of the token in a matched span that receives `set`.
    target: usize,
    patterns: Vec<Vec<TokenPattern>>,
    set: RuleSets,
}

/// The rules, in precedence order, and an index of their patterns by the
/// tag their (single) token requires: most rules test the tag, so a token
/// is checked only against the rules for its tag and those without one.
#[derive(Debug, Clone)]
pub(super) struct AttributeRuler {
    rules: Vec<Rule>,
    /// (rule, pattern) of one-token patterns requiring a tag, by tag.
    single_by_tag: Vec<Vec<(u32, u32)>>,
    /// (rule, pattern) of one-token patterns with no tag equality.
    single_any_tag: Vec<(u32, u32)>,
    /// (rule, pattern) of longer patterns, scanned over every start.
    multi: Vec<(u32, u32)>,
}

impl AttributeRuler {
    pub fn read(section: &str, data: &[u8]) -> Result<AttributeRuler, SyntaxError> {
        let mut r = Reader::new(section, data);
        let count = r.u32()?;
        let mut rules = Vec::new();
        for number in 0..count {
            let rule = read_rule(&mut r).map_err(|e| in_rule(section, number, e))?;
            rules.push(rule);
        }
        if !r.is_empty() {
            return Err(r.error("trailing bytes after the last rule"));
        }
        Ok(AttributeRuler::index(rules))
    }

    fn index(rules: Vec<Rule>) -> AttributeRuler {
        let mut single_by_tag = vec![Vec::new(); Tag::ALL.len()];
        let mut single_any_tag = Vec::new();
        let mut multi = Vec::new();
        for (r, rule) in rules.iter().enumerate() {
            for (p, pattern) in rule.patterns.iter().enumerate() {
                let key = (r as u32, p as u32);
                match pattern.as_slice() {
                    [only] => match required_tag(only) {
                        RequiredTag::One(tag) => single_by_tag[tag as usize].push(key),
                        // A tag the model never gives: the pattern never matches.
                        RequiredTag::Unknown => {}
                        RequiredTag::Any => single_any_tag.push(key),
                    },
                    _ => multi.push(key),
                }
            }
        }
        AttributeRuler {
            rules,
            single_by_tag,
            single_any_tag,
            multi,
        }
    }

    fn pattern(&self, (rule, pattern): (u32, u32)) -> (&Rule, &[TokenPattern]) {
        let rule = &self.rules[rule as usize];
        (rule, &rule.patterns[pattern as usize])
    }

    /// The tokens the longest pattern spans.
    pub fn longest_pattern(&self) -> usize {
        self.rules
            .iter()
            .flat_map(|r| &r.patterns)
            .map(Vec::len)
            .max()
            .unwrap_or(0)
    }

    /// What the rules set on tokens `targets` of `tokens` (one entry per
    /// target, in order). Matches are looked for over all of `tokens`: a
    /// caller annotating part of a text gives the part with
    /// [`Self::longest_pattern`] tokens of context either side.
    pub fn apply_to(
        &self,
        tokens: &[TokenView<'_>],
        targets: std::ops::Range<usize>,
    ) -> Vec<Assigned<'_>> {
        // (target token, rule) of every match, found on `tokens` as the
        // model left them; applied in rule order per token, as spaCy sorts
        // its matches by rule (a rule only touches its target token).
        let targets = targets.start.min(tokens.len())..targets.end.min(tokens.len());
        let mut matches: Vec<(usize, u32)> = Vec::with_capacity(targets.len() * 2);
        for i in targets.clone() {
            let token = &tokens[i];
            let tagged = token
                .tag
                .map_or(&[][..], |t| &self.single_by_tag[t as usize][..]);
            for &key in tagged.iter().chain(&self.single_any_tag) {
                let (_, pattern) = self.pattern(key);
                if pattern
                    .iter()
                    .all(|constraints| token_matches(constraints, token))
                {
                    matches.push((i, key.0));
                }
            }
        }
        for &key in &self.multi {
            let (rule, pattern) = self.pattern(key);
            for start in match_starts(pattern, tokens) {
                let target = start + rule.target;
                if targets.contains(&target) {
                    matches.push((target, key.0));
                }
            }
        }
        matches.sort_unstable();
        let mut out = vec![Assigned::default(); targets.len()];
        for (target, rule) in matches {
            if let Some(slot) = out.get_mut(target - targets.start) {
                slot.take(&self.rules[rule as usize].set);
            }
        }
        out
    }
}

/// What a one-token pattern requires of the tag.
enum RequiredTag {
    One(Tag),
    /// A tag outside the model's tag set.
    Unknown,
    Any,
}

fn required_tag(constraints: &[Constraint]) -> RequiredTag {
    for c in constraints {
        if let (MatchAttr::Tag, Test::Equals(value)) = (c.attr, &c.test) {
            return match Tag::parse(value) {
                Some(tag) => RequiredTag::One(tag),
                // "" matches an untagged token: leave it to the general list.
                None if value.is_empty() => RequiredTag::Any,
                None => RequiredTag::Unknown,
            };
        }
    }
    RequiredTag::Any
}

/// Start indices where `pattern` matches the tokens (every position,
/// overlapping matches included, as spaCy's Matcher reports them).
fn match_starts<'p>(
    pattern: &'p [TokenPattern],
    tokens: &'p [TokenView<'_>],
) -> impl Iterator<Item = usize> + 'p {
    let last_start = (tokens.len() + 1).saturating_sub(pattern.len());
    (0..last_start).filter(move |&start| {
        !pattern.is_empty()
            && pattern
                .iter()
                .zip(&tokens[start..])
                .all(|(constraints, token)| token_matches(constraints, token))
    })
}

fn token_matches(constraints: &[Constraint], token: &TokenView<'_>) -> bool {
    constraints
        .iter()
        .all(|c| c.test.holds(token.value(c.attr)))
}

fn in_rule(section: &str, number: u32, err: SyntaxError) -> SyntaxError {
    let reason = match err {
        SyntaxError::Section { reason, .. } => reason,
        SyntaxError::Format(reason) => reason,
    };
    SyntaxError::Section {
        section: section.to_string(),
        reason: format!("rule {number}: {reason}"),
    }
}

fn read_rule(r: &mut Reader<'_>) -> Result<Rule, SyntaxError> {
    let target = usize::from(r.u8()?);
    let pattern_count = r.u32()?;
    let mut patterns = Vec::new();
    for _ in 0..pattern_count {
        let len = r.u32()?;
        let mut pattern = Vec::new();
        for _ in 0..len {
            pattern.push(read_token_pattern(r)?);
        }
        if target >= pattern.len() {
            return Err(r.error(format!(
                "target {target} outside a pattern of {} tokens",
                pattern.len()
            )));
        }
        patterns.push(pattern);
    }
    let set = read_assignments(r)?;
    Ok(Rule {
        target,
        patterns,
        set,
    })
}

fn read_token_pattern(r: &mut Reader<'_>) -> Result<TokenPattern, SyntaxError> {
    let count = r.u32()?;
    let mut out = Vec::new();
    for _ in 0..count {
        let name = r.string()?;
        let attr = MatchAttr::parse(name)
            .ok_or_else(|| r.error(format!("unknown pattern attribute {name:?}")))?;
        let predicate = r.string()?;
        let n = r.u32()?;
        let mut values = Vec::new();
        for _ in 0..n {
            values.push(Box::<str>::from(r.string()?));
        }
        let test = read_test(r, predicate, values)?;
        out.push(Constraint { attr, test });
    }
    // Cheapest tests first: all must hold, so the order changes only speed.
    out.sort_by_key(Constraint::cost);
    Ok(out)
}

fn read_test(
    r: &Reader<'_>,
    predicate: &str,
    mut values: Vec<Box<str>>,
) -> Result<Test, SyntaxError> {
    match (predicate, values.len()) {
        ("==", 1) => Ok(Test::Equals(values.remove(0))),
        ("IN", _) => Ok(Test::In(values)),
        ("NOT_IN", _) => Ok(Test::NotIn(values)),
        ("REGEX", 1) => regex::Regex::new(&values[0])
            .map(Test::Regex)
            .map_err(|e| r.error(format!("bad regular expression {:?}: {e}", values[0]))),
        _ => Err(r.error(format!(
            "unknown predicate {predicate:?} with {} values",
            values.len()
        ))),
    }
}

fn read_assignments(r: &mut Reader<'_>) -> Result<RuleSets, SyntaxError> {
    let count = r.u32()?;
    let mut set = RuleSets::default();
    for _ in 0..count {
        let name = r.string()?;
        let value = r.string()?;
        match name {
            "POS" => {
                set.pos = Some(
                    Pos::parse(value).ok_or_else(|| r.error(format!("unknown POS {value:?}")))?,
                )
            }
            "MORPH" => set.morph = Some(value.into()),
            "LEMMA" => set.lemma = Some(value.into()),
            "TAG" => {
                set.tag = Some(
                    Tag::parse(value).ok_or_else(|| r.error(format!("unknown tag {value:?}")))?,
                )
            }
            "DEP" => {
                set.dep = Some(
                    Dep::parse(value).ok_or_else(|| r.error(format!("unknown label {value:?}")))?,
                )
            }
            _ => return Err(r.error(format!("unknown attribute to set {name:?}"))),
        }
    }
    Ok(set)
}
