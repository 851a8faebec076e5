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
