//! A small builder for SQL whose shape depends on optional filters. Only fixed fragments and
//! `$n` placeholder numbers are ever formatted into the text; every value is bound.

use sqlx::{any::AnyArguments, query::Query, Any};

enum Arg {
    Int(i64),
    Text(String),
}

#[derive(Default)]
pub(crate) struct Sql {
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

    /// Appends a placeholder for an integer.
    pub fn int(&mut self, v: i64) -> &mut Sql {
        self.args.push(Arg::Int(v));
        self.text.push_str(&format!("${}", self.args.len()));
        self
    }

    /// Appends a placeholder for a text value.
    pub fn text(&mut self, v: &str) -> &mut Sql {
        self.args.push(Arg::Text(v.to_string()));
        self.text.push_str(&format!("${}", self.args.len()));
        self
    }

    /// Appends `$a, $b, …` for a list of integers (callers make sure it is not empty).
    pub fn ints(&mut self, vs: &[i64]) -> &mut Sql {
        for (i, v) in vs.iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.int(*v);
        }
        self
    }

    pub fn query(&self) -> Query<'_, Any, AnyArguments<'_>> {
        let mut q = sqlx::query(&self.text);
        for a in &self.args {
            q = match a {
                Arg::Int(v) => q.bind(*v),
                Arg::Text(s) => q.bind(s.as_str()),
            };
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::Sql;

    #[test]
    fn placeholders_follow_the_bound_values() {
        let mut s = Sql::new("SELECT 1 FROM t WHERE a = ");
        s.int(1)
            .push(" AND b IN (")
            .ints(&[2, 3])
            .push(") AND c = ")
            .text("x");
        assert_eq!(
            s.text,
            "SELECT 1 FROM t WHERE a = $1 AND b IN ($2, $3) AND c = $4"
        );
        assert_eq!(s.args.len(), 4);
    }
}
