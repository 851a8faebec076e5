//! Linking a phone-book entry to the user account with the same e-mail address, when the
//! account is first signed in to through an identity provider. Only an entry without a
//! user is linked, and only when the user has none yet; the change is audited and goes
//! into the change log like any other edit of a person.

use sqlx::Row;

use crate::{
    db::{
        change_log::{self, EntityKind},
        now_ms, Db, WriteTx,
    },
    directory::{
        edit::{audit_person, PersonState},
        people,
    },
    error::AppResult,
};

/// Links the entry whose e-mail is `email` to `user_id` inside `tx`; returns its id, or
/// None when there is no such free entry or the user already has one.
pub async fn person_to_user(
    db: &Db,
    tx: &mut WriteTx,
    user_id: i64,
    email: &str,
) -> AppResult<Option<i64>> {
    let email = email.trim().to_lowercase();
    let row = sqlx::query(
        "SELECT id FROM people WHERE lower(email) = $1 AND user_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM people WHERE user_id = $2)",
    )
    .bind(&email)
    .bind(user_id)
    .fetch_optional(&mut ***tx)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let id: i64 = row.try_get(0)?;
    let Some(person) = people::get(db, id).await? else {
        return Ok(None);
    };
    let before = PersonState::of(&person);
    let mut after = before.clone();
    after.user_id = Some(user_id);
    sqlx::query("UPDATE people SET user_id = $1, updated_at = $2 WHERE id = $3")
        .bind(user_id)
        .bind(now_ms())
        .bind(id)
        .execute(&mut ***tx)
        .await?;
    change_log::record(tx, EntityKind::Person, id).await?;
    audit_person(tx, Some(user_id), "link", id, Some(&before), Some(&after)).await?;
    Ok(Some(id))
}
