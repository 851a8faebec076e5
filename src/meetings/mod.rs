//! Meetings (träffar) and the newsletter (nyhetsbrev): the collaboration's calendar with
//! registration and waiting list, calendar feeds, notices to participants, and newsletter
//! issues sent by e-mail with a delivery log.
//!
//! Domain code only: no poem or async-graphql types (apart from enums deriving
//! `async_graphql::Enum`). Every read goes through `Access`; a meeting in a members-only
//! network does not exist for anyone else.

pub mod delivery;
pub mod feeds;
pub mod fields;
pub mod ics;
pub mod meeting;
pub mod newsletter;
pub mod notify;
pub mod plain_text;
pub mod planning;
pub mod registration;
pub mod search_docs;
pub mod time;

pub use meeting::Meeting;
pub use newsletter::Newsletter;

use sqlx::{any::AnyArguments, query::Query, Any};

/// A value bound to a dynamically assembled query.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    Int(i64),
    Text(String),
}

/// SQL assembled from fixed fragments, with every value bound as a parameter.
#[derive(Debug, Default)]
pub(crate) struct Sql {
    pub text: String,
    args: Vec<Arg>,
}

impl Sql {
    pub fn new(text: &str) -> Sql {
        Sql {
            text: text.to_string(),
            args: Vec::new(),
        }
    }

    /// Binds `a` and returns its placeholder ("$3").
    pub fn arg(&mut self, a: Arg) -> String {
        self.args.push(a);
        format!("${}", self.args.len())
    }

    pub fn int(&mut self, v: i64) -> String {
        self.arg(Arg::Int(v))
    }

    /// Placeholders for a list of ids: "$4, $5, $6".
    pub fn ints(&mut self, values: &[i64]) -> String {
        values
            .iter()
            .map(|v| self.int(*v))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn push(&mut self, fragment: &str) {
        self.text.push_str(fragment);
    }

    pub fn query(&self) -> Query<'_, Any, AnyArguments<'_>> {
        let mut q = sqlx::query(&self.text);
        for a in &self.args {
            q = match a {
                Arg::Int(v) => q.bind(*v),
                Arg::Text(v) => q.bind(v.clone()),
            };
        }
        q
    }
}

/// Trims `raw` and checks that it has at most `max` characters (`what` names it in Swedish).
pub(crate) fn text_field(
    field: &str,
    raw: &str,
    max: usize,
    what: &str,
) -> crate::error::AppResult<String> {
    let t = raw.trim();
    if t.chars().count() > max {
        return Err(crate::error::AppError::bad_input(
            field,
            format!("{what} får ha högst {max} tecken."),
        ));
    }
    Ok(t.to_string())
}
