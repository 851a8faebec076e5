//! Drafts (utkast): a reply being written in a thread, or a new question in a network,
//! kept on the server per user so it survives a closed tab and follows the user to another
//! device. A draft is its writer's alone: read only through the caller's own `Access`,
//! never a node, never in the change log (so never searchable); the reply or question that
//! is finally posted deletes it in the same transaction.

use sqlx::Row;

use crate::{
    accounts::Access,
    db::{now_ms, Db, WriteTx},
    error::{AppError, AppResult},
    forum::{networks, text::MAX_POST_CHARS, threads},
};

/// Where a draft belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftPlace {
    /// A reply in this thread.
    Thread(i64),
    /// A new question in this network.
    Network(i64),
}

impl DraftPlace {
    fn column(self) -> (&'static str, i64) {
        match self {
            DraftPlace::Thread(id) => ("thread_id", id),
            DraftPlace::Network(id) => ("network_id", id),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Draft {
    pub title: String,
    pub body: String,
    pub updated_at: i64,
}

/// Checks that the caller may write there: a thread they may reply in, a network they read.
async fn require_place(db: &Db, access: &Access, place: DraftPlace) -> AppResult<()> {
    match place {
        DraftPlace::Thread(id) => {
            threads::require(db, access, id).await?;
        }
        DraftPlace::Network(id) => {
            networks::require(db, access, id).await?;
        }
    }
    Ok(())
}

/// My draft there, if any (reached only through a thread or network the caller may read).
pub async fn mine(db: &Db, access: &Access, place: DraftPlace) -> AppResult<Option<Draft>> {
    let me = access.user()?.user_id;
    let (column, id) = place.column();
    // `column` is one of two fixed names, never input.
    let row = sqlx::query(&format!(
        "SELECT title, body, updated_at FROM drafts WHERE user_id = $1 AND {column} = $2"
    ))
    .bind(me)
    .bind(id)
    .fetch_optional(db.counted())
    .await?;
    row.map(|r| {
        Ok(Draft {
            title: r.try_get(0)?,
            body: r.try_get(1)?,
            updated_at: r.try_get(2)?,
        })
    })
    .transpose()
}

/// Saves my draft there (replacing the earlier one); a blank title and body delete it.
/// Returns the draft as stored, or None when it was deleted.
pub async fn save(
    db: &Db,
    access: &Access,
    place: DraftPlace,
    title: &str,
    body: &str,
) -> AppResult<Option<Draft>> {
    let me = access.user()?.user_id;
    if !access.can_write() {
        return Err(AppError::forbidden());
    }
    require_place(db, access, place).await?;
    let title = title.trim();
    if title.chars().count() > 200 || title.contains('\0') {
        return Err(AppError::bad_input(
            "title",
            "Rubriken får ha högst 200 tecken.",
        ));
    }
    if matches!(place, DraftPlace::Thread(_)) && !title.is_empty() {
        return Err(AppError::bad_input("title", "Ett svar har ingen rubrik."));
    }
    if body.chars().count() > MAX_POST_CHARS || body.contains('\0') {
        return Err(AppError::bad_input(
            "body",
            format!("Utkastet får ha högst {MAX_POST_CHARS} tecken."),
        ));
    }
    let mut tx = db.begin_write().await?;
    delete_in(&mut tx, me, place).await?;
    if title.is_empty() && body.trim().is_empty() {
        tx.commit().await?;
        return Ok(None);
    }
    let now = now_ms();
    let (thread_id, network_id) = match place {
        DraftPlace::Thread(t) => (Some(t), None),
        DraftPlace::Network(n) => (None, Some(n)),
    };
    sqlx::query(
        "INSERT INTO drafts (user_id, thread_id, network_id, title, body, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(me)
    .bind(thread_id)
    .bind(network_id)
    .bind(title)
    .bind(body)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    tx.commit().await?;
    Ok(Some(Draft {
        title: title.to_string(),
        body: body.to_string(),
        updated_at: now,
    }))
}

/// Deletes my draft there inside the caller's transaction (posting it, discarding it).
pub(crate) async fn delete_in(tx: &mut WriteTx, user_id: i64, place: DraftPlace) -> AppResult<()> {
    let (column, id) = place.column();
    sqlx::query(&format!(
        "DELETE FROM drafts WHERE user_id = $1 AND {column} = $2"
    ))
    .bind(user_id)
    .bind(id)
    .execute(&mut ***tx)
    .await?;
    Ok(())
}
