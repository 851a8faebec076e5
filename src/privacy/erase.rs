//! Erasing a user (GDPR), by an admin: the linked phone-book entry is removed and the
//! account pseudonymised ("Tidigare användare", a placeholder e-mail, no password, inactive,
//! `erased_at` set). Sessions, API tokens, pending invitations and login-failure counters go;
//! authored content stays and shows its author as "Tidigare användare". Audit rows about the
//! removed entry lose their before/after snapshots. One transaction; change-log rows make
//! search drop the person and re-render the user's content.

use sqlx::Row;

use crate::{
    accounts::Access,
    db::{
        change_log::{self, EntityKind},
        now_ms, Db,
    },
    directory::audit::{self, AuditEntity},
    error::{AppError, AppResult},
};

/// The display name every erased user gets.
pub const FORMER_USER: &str = "Tidigare användare";

/// The placeholder e-mail of an erased user: unique, and nobody's address.
pub fn placeholder_email(user_id: i64) -> String {
    format!("raderad-{user_id}@samsyn.invalid")
}

/// What an erasure removed.
#[derive(Debug, Clone)]
pub struct Erased {
    pub user_id: i64,
    pub person_id: Option<i64>,
}

pub async fn erase_user(db: &Db, access: &Access, user_id: i64) -> AppResult<Erased> {
    let me = access.require_admin()?;
    if me.user_id == user_id {
        return Err(AppError::bad_input(
            "id",
            "Du kan inte radera ditt eget konto; be en annan administratör.",
        ));
    }
    let mut tx = db.begin_write().await?;
    let row = sqlx::query("SELECT email, organisation_id, erased_at FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| AppError::not_found("Användaren"))?;
    if row.try_get::<Option<i64>, _>(2)?.is_some() {
        return Err(AppError::not_found("Användaren"));
    }
    let email: String = row.try_get(0)?;
    let organisation_id: Option<i64> = row.try_get(1)?;
    let now = now_ms();

    let person = sqlx::query("SELECT id, organisation_id FROM people WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(&mut **tx)
        .await?;
    let mut person_id = None;
    if let Some(p) = person {
        let pid: i64 = p.try_get(0)?;
        let porg: i64 = p.try_get(1)?;
        sqlx::query("DELETE FROM people WHERE id = $1")
            .bind(pid)
            .execute(&mut **tx)
            .await?;
        audit::redact(&mut tx, AuditEntity::Person, pid).await?;
        audit::record(
            &mut tx,
            audit::NewEntry {
                actor_id: Some(me.user_id),
                action: "erase",
                entity: AuditEntity::Person,
                entity_id: Some(pid),
                organisation_id: Some(porg),
                before: None,
                after: None,
            },
        )
        .await?;
        change_log::record(&mut tx, EntityKind::Person, pid).await?;
        person_id = Some(pid);
    }

    sqlx::query(
        "UPDATE users SET display_name = $1, email = $2, password_hash = NULL, active = 0,
             erased_at = $3, updated_at = $3 WHERE id = $4",
    )
    .bind(FORMER_USER)
    .bind(placeholder_email(user_id))
    .bind(now)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    for sql in [
        "DELETE FROM sessions WHERE user_id = $1",
        "DELETE FROM api_tokens WHERE user_id = $1",
        // The provider's subject id is personal data too; a person erased and back later
        // is a new user.
        "DELETE FROM oidc_identities WHERE user_id = $1",
        "DELETE FROM calendar_tokens WHERE user_id = $1",
        "DELETE FROM meeting_notices WHERE user_id = $1",
        "DELETE FROM newsletter_subscriptions WHERE user_id = $1",
    ] {
        sqlx::query(sql).bind(user_id).execute(&mut **tx).await?;
    }
    // The delivery log keeps that an issue went out, not to whom; a queued mail to the
    // erased address is never sent.
    sqlx::query(
        "UPDATE newsletter_deliveries SET recipient = $1, last_error = NULL,
             unsubscribe_hash = NULL, next_attempt_at = NULL,
             status = CASE WHEN status = 'queued' THEN 'failed' ELSE status END,
             updated_at = $2
         WHERE user_id = $3",
    )
    .bind(placeholder_email(user_id))
    .bind(now)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM invitations WHERE email = $1")
        .bind(&email)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM login_failures WHERE key = $1")
        .bind(format!("acct:{email}"))
        .execute(&mut **tx)
        .await?;
    audit::redact(&mut tx, AuditEntity::User, user_id).await?;
    audit::record(
        &mut tx,
        audit::NewEntry {
            actor_id: Some(me.user_id),
            action: "erase",
            entity: AuditEntity::User,
            entity_id: Some(user_id),
            organisation_id,
            before: None,
            after: None,
        },
    )
    .await?;
    change_log::record(&mut tx, EntityKind::User, user_id).await?;
    tx.commit().await?;
    Ok(Erased { user_id, person_id })
}
