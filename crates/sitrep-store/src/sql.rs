//! Builds the `WHERE` clause of event queries from an [`EventFilter`]. Every
//! user value becomes a bound parameter; only fixed SQL text is formatted in.

use crate::db::{Dialect, Val};
use crate::filter::{Cursor, EventFilter, Sort};

/// The words of a full-text query: runs of letters and digits, lower case,
/// at most 32 of them.
pub fn words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(32)
        .map(str::to_lowercase)
        .collect()
}

/// Escapes `%`, `_` and `\` for a `LIKE ... ESCAPE '\'` pattern.
fn like_pattern(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('%');
    for c in s.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// SQL text under construction with its bound values.
#[derive(Debug)]
pub struct Builder {
    pub dialect: Dialect,
    pub conds: Vec<String>,
    pub params: Vec<Val>,
    /// A country filter is present: rows come from `event_countries c`.
    by_country: bool,
    /// Some condition reads a column of `events e` (beyond the keys).
    uses_events: bool,
}

impl Builder {
    pub fn new(dialect: Dialect) -> Self {
        Builder {
            dialect,
            conds: Vec::new(),
            params: Vec::new(),
            by_country: false,
            uses_events: false,
        }
    }

    /// Alias of the table whose `id`, `date_key` and `event_id` drive the
    /// query: `c` (event_countries) under a country filter, else `e`.
    pub fn key_alias(&self) -> &'static str {
        if self.by_country {
            "c"
        } else {
            "e"
        }
    }

    /// The FROM clause; `events e` is joined to `event_countries c` when a
    /// condition or the select list (`need_events`) reads it.
    pub fn from(&self, need_events: bool) -> &'static str {
        match (self.by_country, need_events || self.uses_events) {
            (false, _) => "events e",
            (true, false) => "event_countries c",
            (true, true) => "event_countries c JOIN events e ON e.id = c.id",
        }
    }

    /// Binds a value; returns its placeholder.
    pub fn bind(&mut self, v: impl Into<Val>) -> String {
        self.params.push(v.into());
        self.dialect.placeholder(self.params.len())
    }

    /// Adds the conditions of `f` (events table aliased `e`).
    pub fn filter(&mut self, f: &EventFilter) {
        self.by_country = f.country.is_some();
        self.uses_events = !f.categories.is_empty()
            || f.actor.is_some()
            || f.bbox.is_some()
            || f.q.is_some()
            || f.doc_id.is_some();
        let k = self.key_alias();
        if !f.categories.is_empty() {
            let phs: Vec<String> = f.categories.iter().map(|c| self.bind(c.as_str())).collect();
            self.conds
                .push(format!("e.category IN ({})", phs.join(", ")));
        }
        if let Some(c) = &f.country {
            let p = self.bind(c.as_str());
            self.conds.push(format!("c.code = {p}"));
        }
        if let Some(a) = &f.actor {
            let p = self.bind(like_pattern(a));
            self.conds.push(format!(
                "(LOWER(e.source_text) LIKE {p} ESCAPE '\\' OR LOWER(e.source_code) LIKE {p} ESCAPE '\\' \
                 OR LOWER(e.target_text) LIKE {p} ESCAPE '\\' OR LOWER(e.target_code) LIKE {p} ESCAPE '\\')"
            ));
        }
        if let Some(d) = f.from {
            let p = self.bind(d.format("%Y-%m-%d").to_string());
            self.conds.push(format!("{k}.date_key >= {p}"));
        }
        if let Some(d) = f.to {
            let p = self.bind(d.format("%Y-%m-%d").to_string());
            self.conds
                .push(format!("{k}.date_key <= {p} AND {k}.date_key <> ''"));
        }
        if let Some(b) = f.bbox {
            let a = self.bind(b.min_lat);
            let z = self.bind(b.max_lat);
            let l = self.bind(b.min_lon);
            let r = self.bind(b.max_lon);
            self.conds.push(format!(
                "(e.lat BETWEEN {a} AND {z} AND e.lon BETWEEN {l} AND {r})"
            ));
        }
        if let Some(q) = &f.q {
            let ws = words(q);
            match self.dialect {
                Dialect::Sqlite => {
                    let fts: Vec<String> = ws.iter().map(|w| format!("\"{w}\"")).collect();
                    let p = self.bind(fts.join(" "));
                    self.conds.push(format!(
                        "e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH {p})"
                    ));
                }
                Dialect::Postgres => {
                    let p = self.bind(ws.join(" "));
                    self.conds
                        .push(format!("e.tsv @@ plainto_tsquery('english', {p})"));
                }
            }
        }
        if let Some(d) = &f.doc_id {
            let p = self.bind(d.as_str());
            self.conds.push(format!("e.doc_id = {p}"));
        }
    }

    /// Adds the keyset condition "after `c`" for its sort order.
    pub fn after(&mut self, c: &Cursor) {
        let k = self.key_alias();
        if !c.sort.is_date() {
            self.uses_events = true;
        }
        let col = sort_column(c.sort, k);
        let key: Val = if c.sort.is_date() {
            Val::Text(c.key.clone())
        } else {
            Val::Real(c.key.parse().unwrap_or(0.0))
        };
        let v = self.bind(key);
        let id = self.bind(c.event_id.as_str());
        let op = if c.sort.is_desc() { "<" } else { ">" };
        self.conds.push(format!(
            "({col} {op} {v} OR ({col} = {v} AND {k}.event_id {op} {id}))"
        ));
    }

    pub fn where_clause(&self) -> String {
        if self.conds.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.conds.join(" AND "))
        }
    }
}

/// The sort column; `k` is the alias holding `date_key`/`event_id`.
pub fn sort_column(s: Sort, k: &str) -> String {
    if s.is_date() {
        format!("{k}.date_key")
    } else {
        "e.intensity".to_owned()
    }
}

pub fn order_by(s: Sort, k: &str) -> String {
    let dir = if s.is_desc() { "DESC" } else { "ASC" };
    format!(" ORDER BY {} {dir}, {k}.event_id {dir}", sort_column(s, k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_escapes_wildcards() {
        assert_eq!(like_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }

    #[test]
    fn words_drop_syntax() {
        assert_eq!(
            words("'; DROP TABLE events; --"),
            ["drop", "table", "events"]
        );
        assert!(words("\"*()").is_empty());
    }
}
