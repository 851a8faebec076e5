//! Starting a thread: its row, opening post and tags, the author following it and having
//! read it, the mentions, (for announcements) the network's followers and the followers of
//! its tillsynsområden notified, and the change recorded, all in one transaction.

use std::collections::HashSet;

use sqlx::Row;

use crate::{
    accounts::Access,
    db::{change_log, change_log::EntityKind, now_ms, WriteTx},
    error::{AppError, AppResult},
    forum::drafts,
    forum::{
        follows, networks,
        notifications::{self, NotificationKind},
        posts, reading,
        text::{PostBody, ThreadTitle},
        threads::{get_unchecked, resolve_tags, TagRef, Thread},
        ThreadKind,
    },
    state::AppState,
};

/// What a new thread says.
pub struct NewThread {
    pub network_id: i64,
    pub kind: ThreadKind,
    pub title: String,
    pub body: String,
    pub tags: Vec<TagRef>,
}

/// Starts a thread with its opening post. Anyone who may read the network may ask or
/// discuss; only its moderators and admins post announcements. The author follows it.
pub async fn create(
    state: &AppState,
    access: &Access,
    input: NewThread,
) -> AppResult<(Thread, i64)> {
    let me = access.user()?.user_id;
    let db = &state.db;
    let network = networks::require(db, access, input.network_id).await?;
    if input.kind == ThreadKind::Announcement && !access.can_moderate(network.id) {
        return Err(AppError::Forbidden(
            "Bara nätverkets moderatorer kan sätta upp anslag.".into(),
        ));
    }
    let title = ThreadTitle::parse(&input.title)?;
    let body = PostBody::parse(&input.body)?;
    let tags = resolve_tags(db, &input.tags).await?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let (thread_id, post_id) = insert(
        &mut tx,
        &Insert {
            network_id: network.id,
            kind: input.kind,
            title: title.as_str(),
            author_id: me,
            body: body.as_str(),
            tag_ids: &tags.iter().map(|t| t.id).collect::<Vec<_>>(),
            at: now,
        },
    )
    .await?;
    let mut recipients = notifications::mentioned(&mut tx, body.as_str()).await?;
    if input.kind == ThreadKind::Announcement {
        recipients.extend(
            notifications::network_followers(&mut tx, network.id)
                .await?
                .into_iter()
                .map(|u| (u, NotificationKind::Announcement)),
        );
    }
    // Whoever is told for a more personal reason (or by an earlier tag) is told once.
    let mut told: HashSet<i64> = recipients.iter().map(|(u, _)| *u).collect();
    told.insert(me);
    notifications::fan_out(&mut tx, &network, thread_id, Some(post_id), me, recipients).await?;
    for tag in &tags {
        let fresh: Vec<(i64, NotificationKind)> = follows::tag_followers(&mut tx, tag.id)
            .await?
            .into_iter()
            .filter(|u| told.insert(*u))
            .map(|u| (u, NotificationKind::FollowedTag))
            .collect();
        notifications::fan_out_with_note(
            &mut tx,
            (network.id, network.members_only),
            thread_id,
            Some(post_id),
            me,
            fresh,
            Some(&tag.name),
        )
        .await?;
    }
    drafts::delete_in(&mut tx, me, drafts::DraftPlace::Network(network.id)).await?;
    tx.commit().await?;
    let thread = get_unchecked(db, thread_id)
        .await?
        .ok_or_else(|| AppError::internal("created thread vanished"))?;
    Ok((thread, post_id))
}

/// A validated thread to insert (the API path and the demo loader).
pub(crate) struct Insert<'a> {
    pub network_id: i64,
    pub kind: ThreadKind,
    pub title: &'a str,
    pub author_id: i64,
    pub body: &'a str,
    pub tag_ids: &'a [i64],
    pub at: i64,
}

/// Inserts a thread, its opening post and tags, makes the author follow it and records the
/// change. Returns (thread id, opening post id).
pub(crate) async fn insert(tx: &mut WriteTx, t: &Insert<'_>) -> AppResult<(i64, i64)> {
    let row = sqlx::query(
        "INSERT INTO threads (network_id, kind, title, author_id, last_activity_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5, $5) RETURNING id",
    )
    .bind(t.network_id)
    .bind(t.kind.as_str())
    .bind(t.title)
    .bind(t.author_id)
    .bind(t.at)
    .fetch_one(&mut ***tx)
    .await?;
    let thread_id: i64 = row.try_get(0)?;
    let post_id = posts::insert_row(tx, thread_id, t.author_id, t.body, None, t.at).await?;
    sqlx::query("UPDATE threads SET first_post_id = $1, last_post_id = $1 WHERE id = $2")
        .bind(post_id)
        .bind(thread_id)
        .execute(&mut ***tx)
        .await?;
    for tag_id in t.tag_ids {
        sqlx::query("INSERT INTO thread_tags (thread_id, tag_id) VALUES ($1, $2)")
            .bind(thread_id)
            .bind(*tag_id)
            .execute(&mut ***tx)
            .await?;
    }
    follows::follow_thread_in(tx, t.author_id, thread_id).await?;
    reading::mark_read_in(tx, t.author_id, thread_id, post_id, t.at).await?;
    change_log::record(tx, EntityKind::Thread, thread_id).await?;
    Ok((thread_id, post_id))
}
