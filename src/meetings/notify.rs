//! Telling participants that a meeting changed: the one seam every meeting change goes
//! through.
//!
//! [`meeting_changed`] runs inside the transaction that made the change. It works out who is
//! told (everyone registered or on the waiting list; only the promoted person when someone
//! got a place) and records a row per person in `meeting_notices`. When SMTP is configured
//! the row is also queued for e-mail, which the background sender in `delivery` composes and
//! sends after commit. In-app notifications of the forum are meant to be fed from here too.

use sqlx::Row;

use crate::{
    db::{now_ms, WriteTx},
    error::{AppError, AppResult},
    mail::Mailer,
    meetings::{meeting, time},
};

/// What happened to a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeetingChange {
    /// Name, time, place or link changed; one Swedish line per change.
    Updated { changes: Vec<String> },
    /// The meeting is cancelled.
    Cancelled,
    /// `user_id` moved from the waiting list to a place.
    Promoted { user_id: i64 },
}

impl MeetingChange {
    pub fn kind(&self) -> &'static str {
        match self {
            MeetingChange::Updated { .. } => "updated",
            MeetingChange::Cancelled => "cancelled",
            MeetingChange::Promoted { .. } => "promoted",
        }
    }
}

/// The subject line of a notice's e-mail.
pub fn subject(kind: &str, title: &str) -> String {
    match kind {
        "cancelled" => format!("Inställd träff: {title}"),
        "promoted" => format!("Du har fått en plats: {title}"),
        _ => format!("Ändrad träff: {title}"),
    }
}

/// Who is told about `change`: active users registered or waiting, or the promoted one.
pub async fn recipients(
    tx: &mut WriteTx,
    meeting_id: i64,
    change: &MeetingChange,
) -> AppResult<Vec<i64>> {
    let rows = match change {
        MeetingChange::Promoted { user_id } => {
            sqlx::query(
                "SELECT u.id FROM meeting_registrations r JOIN users u ON u.id = r.user_id
                 WHERE r.meeting_id = $1 AND r.user_id = $2
                   AND u.active = 1 AND u.erased_at IS NULL",
            )
            .bind(meeting_id)
            .bind(*user_id)
            .fetch_all(&mut ***tx)
            .await?
        }
        _ => {
            sqlx::query(
                "SELECT u.id FROM meeting_registrations r JOIN users u ON u.id = r.user_id
                 WHERE r.meeting_id = $1 AND u.active = 1 AND u.erased_at IS NULL
                 ORDER BY r.id",
            )
            .bind(meeting_id)
            .fetch_all(&mut ***tx)
            .await?
        }
    };
    rows.iter()
        .map(|r| r.try_get::<i64, _>(0).map_err(Into::into))
        .collect()
}

/// Records that meeting `meeting_id` changed, inside the transaction that changed it:
/// computes the recipients and writes a notice for each (queued for e-mail when SMTP is
/// configured; call `mailer.wake()` after commit). Returns the recipients' user ids.
pub async fn meeting_changed(
    tx: &mut WriteTx,
    mailer: &Mailer,
    meeting_id: i64,
    change: MeetingChange,
) -> AppResult<Vec<i64>> {
    let m = meeting::get_in_tx(tx, meeting_id)
        .await?
        .ok_or_else(|| AppError::not_found("Träffen"))?;
    let when = time::human_span(m.starts_at, m.ends_at);
    let message = match &change {
        MeetingChange::Updated { changes } => {
            format!("Träffen ”{}” har ändrats. {}", m.title, changes.join(" "))
        }
        MeetingChange::Cancelled => {
            format!("Träffen ”{}” {when} är inställd.", m.title)
        }
        MeetingChange::Promoted { .. } => format!(
            "Du har fått en plats på ”{}” {when}. Du stod på väntelistan och är nu anmäld.",
            m.title
        ),
    };
    let users = recipients(tx, meeting_id, &change).await?;
    let now = now_ms();
    let (email_status, next_attempt) = if mailer.is_configured() {
        ("queued", Some(now))
    } else {
        ("none", None)
    };
    for user_id in &users {
        sqlx::query(
            "INSERT INTO meeting_notices (meeting_id, user_id, kind, message, created_at,
                email_status, email_attempts, email_next_attempt_at)
             VALUES ($1, $2, $3, $4, $5, $6, 0, $7)",
        )
        .bind(meeting_id)
        .bind(*user_id)
        .bind(change.kind())
        .bind(&message)
        .bind(now)
        .bind(email_status)
        .bind(next_attempt)
        .execute(&mut ***tx)
        .await?;
    }
    Ok(users)
}

/// A notice as its recipient sees it.
#[derive(Debug, Clone)]
pub struct Notice {
    pub id: i64,
    pub meeting_id: i64,
    pub kind: String,
    pub message: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
    pub email_status: String,
}

/// The caller's latest notices (at most `limit`), newest first.
pub async fn mine(
    db: &crate::db::Db,
    access: &crate::accounts::Access,
    limit: i64,
) -> AppResult<Vec<Notice>> {
    let me = access.user()?.user_id;
    let rows = sqlx::query(
        "SELECT id, meeting_id, kind, message, created_at, read_at, email_status
         FROM meeting_notices WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(me)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Notice {
                id: r.try_get(0)?,
                meeting_id: r.try_get(1)?,
                kind: r.try_get(2)?,
                message: r.try_get(3)?,
                created_at: r.try_get(4)?,
                read_at: r.try_get(5)?,
                email_status: r.try_get(6)?,
            })
        })
        .collect()
}
