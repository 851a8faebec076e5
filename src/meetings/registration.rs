//! Registration (anmälan): register and cancel before the deadline, a waiting list when the
//! meeting is full with promotion in the same transaction as the cancellation that frees a
//! place, and the participant list (with CSV export) for whoever runs the meeting.

use sqlx::Row;

use crate::{
    accounts::Access,
    db::{now_ms, Db, WriteTx},
    error::{AppError, AppResult},
    mail::Mailer,
    meetings::{
        meeting::{self, Meeting, RegistrationStatus},
        notify::{self, MeetingChange},
        time,
    },
};

/// Locks the meeting row for the rest of the transaction, so that two registrations for the
/// same meeting are counted one after the other (PostgreSQL takes a row lock; SQLite writes
/// are serialised anyway). NOT_FOUND when it does not exist.
pub(crate) async fn lock_meeting(tx: &mut WriteTx, meeting_id: i64) -> AppResult<()> {
    let done = sqlx::query(
        "UPDATE meetings SET registration_version = registration_version + 1 WHERE id = $1",
    )
    .bind(meeting_id)
    .execute(&mut ***tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::not_found("Träffen"));
    }
    Ok(())
}

fn closed_error(m: &Meeting) -> AppError {
    if m.cancelled {
        AppError::bad("Träffen är inställd.")
    } else {
        AppError::bad("Sista anmälningsdag har passerat. Kontakta arrangören.")
    }
}

/// Registers the caller; a full meeting puts them on the waiting list. Registering again
/// changes nothing and answers where they stand.
pub async fn register(
    db: &Db,
    access: &Access,
    meeting_id: i64,
) -> AppResult<(RegistrationStatus, Meeting)> {
    let me = access.user()?.user_id;
    let m = meeting::require(db, access, meeting_id).await?;
    if let Some((status, _)) = m.mine {
        return Ok((status, m));
    }
    if !m.registration_open(now_ms()) {
        return Err(closed_error(&m));
    }
    let mut tx = db.begin_write().await?;
    lock_meeting(&mut tx, meeting_id).await?;
    let current = meeting::get_in_tx(&mut tx, meeting_id)
        .await?
        .ok_or_else(|| AppError::not_found("Träffen"))?;
    if !current.registration_open(now_ms()) {
        return Err(closed_error(&current));
    }
    let status = if current.is_full() || current.waiting_count > 0 {
        RegistrationStatus::Waiting
    } else {
        RegistrationStatus::Registered
    };
    sqlx::query(
        "INSERT INTO meeting_registrations (meeting_id, user_id, status, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (meeting_id, user_id) DO NOTHING",
    )
    .bind(meeting_id)
    .bind(me)
    .bind(status.as_str())
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    tx.commit().await?;
    let m = meeting::require(db, access, meeting_id).await?;
    let status = m.mine.map(|(s, _)| s).unwrap_or(status);
    Ok((status, m))
}

/// Cancels the caller's registration (or place in the waiting list). A freed place goes to
/// the first on the waiting list in the same transaction, and they are told.
pub async fn cancel(
    db: &Db,
    mailer: &Mailer,
    access: &Access,
    meeting_id: i64,
) -> AppResult<Meeting> {
    let me = access.user()?.user_id;
    let m = meeting::require(db, access, meeting_id).await?;
    if m.mine.is_none() {
        return Err(AppError::bad("Du är inte anmäld till träffen."));
    }
    if !m.registration_open(now_ms()) {
        return Err(closed_error(&m));
    }
    let mut tx = db.begin_write().await?;
    lock_meeting(&mut tx, meeting_id).await?;
    sqlx::query("DELETE FROM meeting_registrations WHERE meeting_id = $1 AND user_id = $2")
        .bind(meeting_id)
        .bind(me)
        .execute(&mut **tx)
        .await?;
    let promoted = promote_waiting(&mut tx, meeting_id).await?;
    for user_id in &promoted {
        notify::meeting_changed(
            &mut tx,
            mailer,
            meeting_id,
            MeetingChange::Promoted { user_id: *user_id },
        )
        .await?;
    }
    tx.commit().await?;
    if !promoted.is_empty() {
        mailer.wake();
    }
    meeting::require(db, access, meeting_id).await
}

/// Moves people from the waiting list to free places, first come first served. Call with
/// the meeting locked. Returns who got a place.
pub(crate) async fn promote_waiting(tx: &mut WriteTx, meeting_id: i64) -> AppResult<Vec<i64>> {
    let row = sqlx::query(
        "SELECT m.max_participants, m.cancelled,
            (SELECT COUNT(*) FROM meeting_registrations r
              WHERE r.meeting_id = m.id AND r.status = 'registered')
         FROM meetings m WHERE m.id = $1",
    )
    .bind(meeting_id)
    .fetch_one(&mut ***tx)
    .await?;
    let max: Option<i64> = row.try_get(0)?;
    let cancelled = row.try_get::<i64, _>(1)? != 0;
    let registered: i64 = row.try_get(2)?;
    if cancelled {
        return Ok(Vec::new());
    }
    let free = match max {
        Some(max) => (max - registered).max(0),
        None => i64::MAX,
    };
    if free == 0 {
        return Ok(Vec::new());
    }
    let waiting = sqlx::query(
        "SELECT id, user_id FROM meeting_registrations
         WHERE meeting_id = $1 AND status = 'waiting' ORDER BY id LIMIT $2",
    )
    .bind(meeting_id)
    .bind(free.min(MAX_PROMOTIONS))
    .fetch_all(&mut ***tx)
    .await?;
    let now = now_ms();
    let mut promoted = Vec::with_capacity(waiting.len());
    for r in waiting {
        let id: i64 = r.try_get(0)?;
        sqlx::query(
            "UPDATE meeting_registrations SET status = 'registered', promoted_at = $1 WHERE id = $2",
        )
        .bind(now)
        .bind(id)
        .execute(&mut ***tx)
        .await?;
        promoted.push(r.try_get(1)?);
    }
    Ok(promoted)
}

/// Most people moved up in one go (a meeting cannot have more than this many places).
const MAX_PROMOTIONS: i64 = 10_000;

/// A participant as the organiser sees them.
#[derive(Debug, Clone)]
pub struct Participant {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub organisation: Option<String>,
    pub status: RegistrationStatus,
    /// Place in the waiting list (1 = next), None for the registered.
    pub position: Option<i64>,
    pub registered_at: i64,
}

/// Everyone registered, then the waiting list in order. For whoever runs the meeting.
pub async fn participants(
    db: &Db,
    access: &Access,
    meeting_id: i64,
) -> AppResult<(Meeting, Vec<Participant>)> {
    let m = meeting::require(db, access, meeting_id).await?;
    if !meeting::can_manage_participants(access, &m) {
        return Err(AppError::forbidden());
    }
    let rows = sqlx::query(
        "SELECT u.id, u.display_name, u.email, o.name, r.status, r.created_at, u.erased_at
         FROM meeting_registrations r
         JOIN users u ON u.id = r.user_id
         LEFT JOIN organisations o ON o.id = u.organisation_id
         WHERE r.meeting_id = $1
         ORDER BY CASE WHEN r.status = 'registered' THEN 0 ELSE 1 END, r.id",
    )
    .bind(meeting_id)
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    let mut waiting = 0;
    for r in rows {
        let status = RegistrationStatus::parse(&r.try_get::<String, _>(4)?);
        let erased = r.try_get::<Option<i64>, _>(6)?.is_some();
        let position = (status == RegistrationStatus::Waiting).then(|| {
            waiting += 1;
            waiting
        });
        out.push(Participant {
            user_id: r.try_get(0)?,
            display_name: if erased {
                "Tidigare användare".into()
            } else {
                r.try_get(1)?
            },
            email: if erased { String::new() } else { r.try_get(2)? },
            organisation: r.try_get(3)?,
            status,
            position,
            registered_at: r.try_get(5)?,
        });
    }
    Ok((m, out))
}

/// A cell as text a spreadsheet will not run as a formula.
fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The participant list as CSV for Excel: UTF-8 with a byte-order mark, semicolons (the
/// Swedish list separator). Returns (file name, bytes).
pub async fn participants_csv(
    db: &Db,
    access: &Access,
    meeting_id: i64,
) -> AppResult<(String, Vec<u8>)> {
    let (m, people) = participants(db, access, meeting_id).await?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let write = |w: &mut csv::Writer<Vec<u8>>, rec: &[String]| {
        w.write_record(rec)
            .map_err(|e| AppError::internal(format!("csv: {e}")))
    };
    write(
        &mut w,
        &[
            "Namn",
            "E-post",
            "Organisation",
            "Status",
            "Plats i kön",
            "Anmäld",
        ]
        .map(String::from),
    )?;
    for p in &people {
        write(
            &mut w,
            &[
                cell(&p.display_name),
                cell(&p.email),
                cell(p.organisation.as_deref().unwrap_or("")),
                p.status.label().to_string(),
                p.position.map(|n| n.to_string()).unwrap_or_default(),
                time::local(p.registered_at)
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
            ],
        )?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::internal(format!("csv: {e}")))?;
    let date = time::local(m.starts_at).format("%Y-%m-%d");
    Ok((
        format!(
            "deltagare-{}-{date}.csv",
            crate::tags::slugify(&m.title)
                .chars()
                .take(60)
                .collect::<String>()
        ),
        bytes,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("Eksjö kommun"), "Eksjö kommun");
    }
}
