//! Planning meetings: creating, changing and cancelling them (registrants are told of a
//! changed time or place and of a cancellation, and the waiting list moves up when places are
//! added), and linking minutes and presentations from handläggarstöd.

use sqlx::Row;

use crate::{
    accounts::Access,
    db::{
        change_log::{self, EntityKind},
        now_ms, Db, WriteTx,
    },
    error::{AppError, AppResult},
    mail::Mailer,
    meetings::{
        fields::{describe_changes, MeetingFields, MeetingInput, MeetingPatch},
        meeting::{
            can_create_in, can_edit, can_manage_participants, network_visibility, require, Meeting,
        },
        notify::{self, MeetingChange},
        registration,
    },
};

/// The organiser must be an active user who can read the meeting.
async fn check_organiser(
    db: &Db,
    organiser_id: i64,
    network_id: Option<i64>,
    members_only: bool,
) -> AppResult<()> {
    let bad = |m: &str| AppError::bad_input("organiserId", m);
    let row = sqlx::query(
        "SELECT u.role, (SELECT COUNT(*) FROM network_members nm
                          WHERE nm.user_id = u.id AND nm.network_id = $2)
         FROM users u WHERE u.id = $1 AND u.active = 1 AND u.erased_at IS NULL",
    )
    .bind(organiser_id)
    .bind(network_id.unwrap_or(0))
    .fetch_optional(&db.pool)
    .await?;
    let Some(r) = row else {
        return Err(bad("Arrangören finns inte eller är inaktiverad."));
    };
    let is_admin = r.try_get::<String, _>(0)? == "admin";
    let is_member = r.try_get::<i64, _>(1)? > 0;
    if members_only && !is_admin && !is_member {
        return Err(bad("Arrangören måste vara medlem i nätverket."));
    }
    Ok(())
}

/// Creates a meeting in `network_id` (None: the whole collaboration). The organiser is the
/// caller unless another is named.
pub async fn create(
    db: &Db,
    access: &Access,
    network_id: Option<i64>,
    input: &MeetingInput,
) -> AppResult<Meeting> {
    let me = access.user()?;
    let members_only = match network_id {
        Some(n) => network_visibility(db, access, n).await?,
        None => false,
    };
    if !can_create_in(access, network_id) {
        return Err(AppError::forbidden());
    }
    let mut fields = MeetingFields::parse(input)?;
    let organiser = fields.organiser_id.unwrap_or(me.user_id);
    check_organiser(db, organiser, network_id, members_only).await?;
    fields.organiser_id = Some(organiser);
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let id = insert(&mut tx, network_id, &fields, Some(me.user_id), now).await?;
    change_log::record(&mut tx, EntityKind::Meeting, id).await?;
    tx.commit().await?;
    require(db, access, id).await
}

/// Edits a meeting. Participants are notified when its name, time, place or link changed;
/// more places move people up from the waiting list.
pub async fn update(
    db: &Db,
    mailer: &Mailer,
    access: &Access,
    id: i64,
    patch: &MeetingPatch,
) -> AppResult<Meeting> {
    let current = require(db, access, id).await?;
    if !can_edit(access, &current) {
        return Err(AppError::forbidden());
    }
    if current.cancelled {
        return Err(AppError::bad("En inställd träff kan inte ändras."));
    }
    let old = MeetingFields::of(&current);
    let new = MeetingFields::patched(&current, patch)?;
    if new.organiser_id != old.organiser_id {
        if let Some(o) = new.organiser_id {
            check_organiser(db, o, current.network_id, current.members_only).await?;
        }
    }
    if new == old {
        return Ok(current);
    }
    let changes = describe_changes(&old, &new);
    let mut tx = db.begin_write().await?;
    registration::lock_meeting(&mut tx, id).await?;
    let updated = sqlx::query(
        "UPDATE meetings SET title = $1, description = $2, starts_at = $3, ends_at = $4,
            place = $5, online_link = $6, organiser_id = $7, registration_deadline = $8,
            max_participants = $9, sequence = sequence + 1, updated_at = $10
         WHERE id = $11 AND cancelled = 0",
    )
    .bind(&new.title)
    .bind(&new.description)
    .bind(new.starts_at)
    .bind(new.ends_at)
    .bind(&new.place)
    .bind(&new.online_link)
    .bind(new.organiser_id)
    .bind(new.registration_deadline)
    .bind(new.max_participants)
    .bind(now_ms())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::bad("En inställd träff kan inte ändras."));
    }
    if !changes.is_empty() {
        notify::meeting_changed(&mut tx, mailer, id, MeetingChange::Updated { changes }).await?;
    }
    let promoted = registration::promote_waiting(&mut tx, id).await?;
    for user_id in promoted {
        notify::meeting_changed(&mut tx, mailer, id, MeetingChange::Promoted { user_id }).await?;
    }
    change_log::record(&mut tx, EntityKind::Meeting, id).await?;
    tx.commit().await?;
    mailer.wake();
    require(db, access, id).await
}

/// Cancels a meeting: it stays in calendars as cancelled and everyone registered or waiting
/// is told.
pub async fn cancel(db: &Db, mailer: &Mailer, access: &Access, id: i64) -> AppResult<Meeting> {
    let current = require(db, access, id).await?;
    if !can_edit(access, &current) {
        return Err(AppError::forbidden());
    }
    if current.cancelled {
        return Ok(current);
    }
    let mut tx = db.begin_write().await?;
    registration::lock_meeting(&mut tx, id).await?;
    let done = sqlx::query(
        "UPDATE meetings SET cancelled = 1, sequence = sequence + 1, updated_at = $1
         WHERE id = $2 AND cancelled = 0",
    )
    .bind(now_ms())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() > 0 {
        notify::meeting_changed(&mut tx, mailer, id, MeetingChange::Cancelled).await?;
        change_log::record(&mut tx, EntityKind::Meeting, id).await?;
    }
    tx.commit().await?;
    mailer.wake();
    require(db, access, id).await
}

/// Links a handläggarstöd document (minutes, a presentation) to the meeting.
pub async fn link_document(
    db: &Db,
    access: &Access,
    meeting_id: i64,
    document_id: i64,
) -> AppResult<Meeting> {
    let m = require(db, access, meeting_id).await?;
    if !can_manage_participants(access, &m) {
        return Err(AppError::forbidden());
    }
    if document_id <= 0 {
        return Err(AppError::bad_input("documentId", "Ogiltigt dokument."));
    }
    // Only a document the organiser may read can be linked (it must exist, too).
    if crate::library::documents::get(db, access, document_id)
        .await?
        .is_none()
    {
        return Err(AppError::not_found("Dokumentet"));
    }
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO meeting_documents (meeting_id, document_id, linked_by, linked_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (meeting_id, document_id) DO NOTHING",
    )
    .bind(meeting_id)
    .bind(document_id)
    .bind(access.user_id()?)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    tx.commit().await?;
    require(db, access, meeting_id).await
}

/// Removes a document link.
pub async fn unlink_document(
    db: &Db,
    access: &Access,
    meeting_id: i64,
    document_id: i64,
) -> AppResult<Meeting> {
    let m = require(db, access, meeting_id).await?;
    if !can_manage_participants(access, &m) {
        return Err(AppError::forbidden());
    }
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM meeting_documents WHERE meeting_id = $1 AND document_id = $2")
        .bind(meeting_id)
        .bind(document_id)
        .execute(&mut **tx)
        .await?;
    tx.commit().await?;
    require(db, access, meeting_id).await
}

/// Writes a new meeting row and returns its id. The caller has decided who may, and records
/// the change-log row in the same transaction. The demo loader uses it too.
pub async fn insert(
    tx: &mut WriteTx,
    network_id: Option<i64>,
    fields: &MeetingFields,
    created_by: Option<i64>,
    now: i64,
) -> AppResult<i64> {
    let row = sqlx::query(
        "INSERT INTO meetings (network_id, title, description, starts_at, ends_at, place,
            online_link, organiser_id, registration_deadline, max_participants, cancelled,
            sequence, registration_version, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, 0, 0, $11, $12, $12) RETURNING id",
    )
    .bind(network_id)
    .bind(&fields.title)
    .bind(&fields.description)
    .bind(fields.starts_at)
    .bind(fields.ends_at)
    .bind(&fields.place)
    .bind(&fields.online_link)
    .bind(fields.organiser_id)
    .bind(fields.registration_deadline)
    .bind(fields.max_participants)
    .bind(created_by)
    .bind(now)
    .fetch_one(&mut ***tx)
    .await?;
    Ok(row.try_get(0)?)
}
