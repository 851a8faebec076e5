//! A small builder for SQL whose shape depends on the caller (filters, permission rules):
//! the text gets `$n` placeholders in order and the values are bound, never formatted in.
//! sqlx's own `QueryBuilder` writes `?` for `Any`, which PostgreSQL does not understand.

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

/// SQL text with its bound values.
#[derive(Debug, Default, Clone)]
pub struct Sql {
    text: String,
    args: Vec<Arg>,
}

impl Sql {
    pub fn new(text: &str) -> Sql {
        Sql {
            text: text.to_string(),
            args: Vec::new(),
        }
    }

    /// Appends SQL text (never user data).
    pub fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder and binds `value` to it.
    pub fn bind(&mut self, value: impl Into<Arg>) -> &mut Sql {
        self.args.push(value.into());
        self.text.push_str(&format!("${}", self.args.len()));
        self
    }

    /// Appends `$a, $b, …` binding every id; an empty list becomes `NULL`, which matches nothing
    /// in `IN (…)`.
    pub fn bind_list(&mut self, ids: &[i64]) -> &mut Sql {
        if ids.is_empty() {
            self.text.push_str("NULL");
        }
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(*id);
        }
        self
    }

    pub fn text(&self) -> &str {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order() {
        let mut s = Sql::new("SELECT 1 WHERE a = ");
        s.bind(1)
            .push(" AND b IN (")
            .bind_list(&[2, 3])
            .push(") AND c = ");
        s.bind("x");
        assert_eq!(
            s.text(),
            "SELECT 1 WHERE a = $1 AND b IN ($2, $3) AND c = $4"
        );
        assert_eq!(s.args.len(), 4);
    }

    #[test]
    fn an_empty_list_matches_nothing() {
        let mut s = Sql::new("x IN (");
        s.bind_list(&[]).push(")");
        assert_eq!(s.text(), "x IN (NULL)");
    }
}
