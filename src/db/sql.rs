//! The one builder for SQL whose shape depends on the caller (optional filters, permission
//! rules, `IN (…)` lists), and `placeholders` for hand-written queries with a list.
//!
//! Only fixed fragments and `$n` placeholder numbers are ever formatted into the text; every
//! value is bound. sqlx's own `QueryBuilder` writes `?` for `Any`, which PostgreSQL does not
//! understand, hence this. It knows no table and no domain.

use sqlx::{any::AnyArguments, query::Query, Any};

/// A value to bind.
#[derive(Debug, Clone)]
pub enum Arg {
    Int(i64),
    Text(String),
}

impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(v)
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_string())
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}

/// SQL text with its bound values. Either append placeholders in order (`int`, `text`,
/// `ints`), or take a placeholder first (`arg`, `args`) and write it into a fragment, which
/// lets one value appear twice.
#[derive(Debug, Default, Clone)]
pub struct Sql {
    text: String,
    args: Vec<Arg>,
}

impl Sql {
    pub fn new(fragment: &str) -> Sql {
        Sql {
            text: fragment.to_string(),
            args: Vec::new(),
        }
    }

    /// Appends a fixed SQL fragment (never user data).
    pub fn push(&mut self, fragment: &str) -> &mut Sql {
        self.text.push_str(fragment);
        self
    }

    /// Binds `value` and returns its placeholder ("$3") to write into a later fragment.
    pub fn arg(&mut self, value: impl Into<Arg>) -> String {
        self.args.push(value.into());
        format!("${}", self.args.len())
    }

    /// Binds every id and returns "$4, $5, $6"; an empty list is `NULL`, which matches
    /// nothing in `IN (…)`.
    pub fn args(&mut self, ids: &[i64]) -> String {
        if ids.is_empty() {
            return "NULL".into();
        }
        ids.iter()
            .map(|id| self.arg(*id))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Appends a placeholder for an integer.
    pub fn int(&mut self, v: i64) -> &mut Sql {
        let p = self.arg(v);
        self.push(&p)
    }

    /// Appends a placeholder for a text value.
    pub fn text(&mut self, v: &str) -> &mut Sql {
        let p = self.arg(v);
        self.push(&p)
    }

    /// Appends `$a, $b, …` for a list of integers (`NULL` when empty, see [`Sql::args`]).
    pub fn ints(&mut self, ids: &[i64]) -> &mut Sql {
        let p = self.args(ids);
        self.push(&p)
    }

    /// The SQL text so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The query with every value bound, ready to run.
    pub fn query(&self) -> Query<'_, Any, AnyArguments<'_>> {
        let mut q = sqlx::query(&self.text);
        for a in &self.args {
            q = match a {
                Arg::Int(v) => q.bind(*v),
                Arg::Text(v) => q.bind(v.as_str()),
            };
        }
        q
    }
}

/// `$start, $start+1, …` for `n` bound parameters, e.g. an `IN (…)` list of a hand-written
/// query. Only numbers are formatted into the SQL; the values themselves are always bound.
pub fn placeholders(start: usize, n: usize) -> String {
    (start..start + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_follow_the_bound_values() {
        let mut s = Sql::new("SELECT 1 FROM t WHERE a = ");
        s.int(1)
            .push(" AND b IN (")
            .ints(&[2, 3])
            .push(") AND c = ")
            .text("x");
        assert_eq!(
            s.as_str(),
            "SELECT 1 FROM t WHERE a = $1 AND b IN ($2, $3) AND c = $4"
        );
        assert_eq!(s.args.len(), 4);
    }

    #[test]
    fn a_taken_placeholder_can_be_written_twice() {
        let mut s = Sql::new("");
        let uid = s.arg(7);
        let list = s.args(&[1, 2]);
        let slug = s.arg("avlopp");
        s.push(&format!(
            "SELECT 1 WHERE a = {uid} OR b = {uid} AND c IN ({list}) AND d = {slug}"
        ));
        assert_eq!(
            s.as_str(),
            "SELECT 1 WHERE a = $1 OR b = $1 AND c IN ($2, $3) AND d = $4"
        );
        assert_eq!(s.args.len(), 4);
    }

    #[test]
    fn an_empty_list_matches_nothing() {
        let mut s = Sql::new("x IN (");
        s.ints(&[]).push(")");
        assert_eq!(s.as_str(), "x IN (NULL)");
        assert_eq!(Sql::default().args(&[]), "NULL");
    }

    #[test]
    fn placeholders_number_from_start() {
        assert_eq!(placeholders(2, 3), "$2, $3, $4");
        assert_eq!(placeholders(1, 0), "");
    }

    #[test]
    fn placeholders_continue_numbering() {
        // After two bound values, a list of three starts at $3.
        assert_eq!(placeholders(3, 3), "$3, $4, $5");
    }
}
