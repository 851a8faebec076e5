//! The moderators' tools on threads: pin (fäst), lock (lås) and move (flytta). Hiding and
//! restoring posts is in `posts`; the FAQ in `answers`.

use crate::{
    accounts::Access,
    db::now_ms,
    error::{AppError, AppResult},
    events::ThreadEventKind,
    forum::{
        networks,
        threads::{finish, require, touch, Thread},
    },
    state::AppState,
};

pub(crate) fn require_moderator(access: &Access, thread: &Thread) -> AppResult<()> {
    if access.can_moderate(thread.network.id) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Bara nätverkets moderatorer kan göra detta.".into(),
        ))
    }
}

/// Pins (fäster) or unpins a thread (moderators).
pub async fn set_pinned(
    state: &AppState,
    access: &Access,
    id: i64,
    pinned: bool,
) -> AppResult<Thread> {
    let thread = require(&state.db, access, id).await?;
    require_moderator(access, &thread)?;
    set_flag(state, &thread, "pinned", pinned).await
}

/// Locks (låser) or unlocks a thread (moderators). A locked thread refuses new replies
/// from everyone but its moderators.
pub async fn set_locked(
    state: &AppState,
    access: &Access,
    id: i64,
    locked: bool,
) -> AppResult<Thread> {
    let thread = require(&state.db, access, id).await?;
    require_moderator(access, &thread)?;
    set_flag(state, &thread, "locked", locked).await
}

async fn set_flag(state: &AppState, thread: &Thread, column: &str, on: bool) -> AppResult<Thread> {
    // `column` is one of two fixed names chosen above, never input.
    let sql = match column {
        "pinned" => "UPDATE threads SET pinned = $1, updated_at = $2 WHERE id = $3",
        _ => "UPDATE threads SET locked = $1, updated_at = $2 WHERE id = $3",
    };
    let mut tx = state.db.begin_write().await?;
    sqlx::query(sql)
        .bind(on as i64)
        .bind(now_ms())
        .bind(thread.id)
        .execute(&mut **tx)
        .await?;
    tx.commit().await?;
    finish(state, thread, ThreadEventKind::ThreadUpdated, None).await
}

/// Moves (flyttar) a thread to another network: a moderator of its network, into a
/// network they may read. Who may read the thread follows the new network.
pub async fn move_to(
    state: &AppState,
    access: &Access,
    id: i64,
    network_id: i64,
) -> AppResult<Thread> {
    let db = &state.db;
    let thread = require(db, access, id).await?;
    require_moderator(access, &thread)?;
    let target = networks::get(db, access, network_id)
        .await?
        .ok_or_else(|| AppError::bad_input("networkId", "Nätverket finns inte."))?;
    if target.id == thread.network.id {
        return Ok(thread);
    }
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE threads SET network_id = $1 WHERE id = $2")
        .bind(target.id)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    touch(&mut tx, id).await?;
    tx.commit().await?;
    finish(state, &thread, ThreadEventKind::ThreadUpdated, None).await
}
