//! In-app notifications (aviseringar): a reply in a thread I follow, an accepted answer
//! (mine, or in a thread I follow), a mention of me, a new announcement in a network I
//! follow, a new thread tagged with a tillsynsområde I follow (in any network I can read),
//! a report of a post in a network I moderate, and my post hidden by a moderator (with the
//! reason). Created inside the write's transaction, only for users who may read
//! the network; listed only while they still may (a member who leaves a members-only
//! network stops seeing its notifications, and they leave every count). A report's
//! notification is listed only while its recipient still moderates the network.

use std::collections::HashMap;

use sqlx::Row;

use crate::{
    accounts::Access,
    db::{now_ms, sql::Sql, Db, WriteTx},
    error::{AppError, AppResult},
    forum::{
        markdown,
        networks::Network,
        threads::{self, Thread},
    },
};

/// Why I was notified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum NotificationKind {
    /// Someone replied in a thread I follow.
    Reply,
    /// A reply was marked as the solution: mine, or in a thread I follow.
    Accepted,
    /// Someone mentioned me with @handle.
    Mention,
    /// A new announcement in a network I follow.
    Announcement,
    /// A member reported a post in a network I moderate (`note` is the reason).
    Report,
    /// A moderator hid my post (`note` is the reason, when given).
    PostHidden,
    /// A new thread tagged with a tillsynsområde I follow (`note` is its name).
    FollowedTag,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::Reply => "reply",
            NotificationKind::Accepted => "accepted",
            NotificationKind::Mention => "mention",
            NotificationKind::Announcement => "announcement",
            NotificationKind::Report => "report",
            NotificationKind::PostHidden => "post_hidden",
            NotificationKind::FollowedTag => "followed_tag",
        }
    }

    pub fn parse(s: &str) -> NotificationKind {
        match s {
            "accepted" => NotificationKind::Accepted,
            "mention" => NotificationKind::Mention,
            "announcement" => NotificationKind::Announcement,
            "report" => NotificationKind::Report,
            "post_hidden" => NotificationKind::PostHidden,
            "followed_tag" => NotificationKind::FollowedTag,
            _ => NotificationKind::Reply,
        }
    }

    /// When one event gives a user several reasons, the most personal one wins.
    fn precedence(self) -> u8 {
        match self {
            NotificationKind::Reply => 0,
            NotificationKind::FollowedTag => 1,
            NotificationKind::Announcement => 2,
            NotificationKind::Mention => 3,
            NotificationKind::Accepted => 4,
            NotificationKind::Report => 5,
            NotificationKind::PostHidden => 6,
        }
    }
}

/// Most mentions one post can notify.
const MAX_MENTIONS: usize = 20;
/// Rows per multi-row insert.
const INSERT_CHUNK: usize = 100;

pub(crate) async fn thread_followers(tx: &mut WriteTx, thread_id: i64) -> AppResult<Vec<i64>> {
    let rows = sqlx::query("SELECT user_id FROM thread_follows WHERE thread_id = $1")
        .bind(thread_id)
        .fetch_all(&mut ***tx)
        .await?;
    rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
}

pub(crate) async fn network_followers(tx: &mut WriteTx, network_id: i64) -> AppResult<Vec<i64>> {
    let rows = sqlx::query("SELECT user_id FROM network_follows WHERE network_id = $1")
        .bind(network_id)
        .fetch_all(&mut ***tx)
        .await?;
    rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
}

/// The users a post's @handles name (the local part of their e-mail address).
pub(crate) async fn mentioned(
    tx: &mut WriteTx,
    body: &str,
) -> AppResult<Vec<(i64, NotificationKind)>> {
    resolve_mentions(tx, &markdown::mentions(body)).await
}

/// Resolves @handles to active users, at most [`MAX_MENTIONS`] of them.
pub(crate) async fn resolve_mentions(
    tx: &mut WriteTx,
    handles: &[String],
) -> AppResult<Vec<(i64, NotificationKind)>> {
    let handles: Vec<&String> = handles.iter().take(MAX_MENTIONS).collect();
    if handles.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Sql::new("SELECT id FROM users WHERE active = 1 AND erased_at IS NULL AND (");
    for (i, h) in handles.iter().enumerate() {
        if i > 0 {
            q.push(" OR ");
        }
        // `_` and `%` are LIKE wildcards; a handle may contain `_`.
        let pattern = format!(
            "{}@%",
            h.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        q.push("LOWER(email) LIKE ")
            .text(&pattern)
            .push(" ESCAPE '\\'");
    }
    q.push(")");
    let rows = q.query().fetch_all(&mut ***tx).await?;
    rows.iter()
        .map(|r| Ok((r.try_get(0)?, NotificationKind::Mention)))
        .collect()
}

/// Creates one notification per recipient (the most personal reason wins), leaving out
/// the actor, inactive users and anyone who may not read the network.
pub(crate) async fn fan_out(
    tx: &mut WriteTx,
    network: &Network,
    thread_id: i64,
    post_id: Option<i64>,
    actor_id: i64,
    recipients: Vec<(i64, NotificationKind)>,
) -> AppResult<usize> {
    fan_out_with_note(
        tx,
        (network.id, network.members_only),
        thread_id,
        post_id,
        actor_id,
        recipients,
        None,
    )
    .await
}

/// [`fan_out`] with a text every notification carries (a report's reason, why a post was
/// hidden). `network` is its id and whether it is members-only.
pub(crate) async fn fan_out_with_note(
    tx: &mut WriteTx,
    network: (i64, bool),
    thread_id: i64,
    post_id: Option<i64>,
    actor_id: i64,
    recipients: Vec<(i64, NotificationKind)>,
    note: Option<&str>,
) -> AppResult<usize> {
    let mut best: HashMap<i64, NotificationKind> = HashMap::new();
    for (user, kind) in recipients {
        if user == actor_id {
            continue;
        }
        let e = best.entry(user).or_insert(kind);
        if kind.precedence() > e.precedence() {
            *e = kind;
        }
    }
    if best.is_empty() {
        return Ok(0);
    }
    let ids: Vec<i64> = best.keys().copied().collect();
    let mut q = Sql::new(
        "SELECT u.id FROM users u WHERE u.active = 1 AND u.erased_at IS NULL AND u.id IN (",
    );
    q.ints(&ids).push(")");
    let (network_id, members_only) = network;
    if members_only {
        q.push(
            " AND (u.role = 'admin' OR EXISTS (SELECT 1 FROM network_members m
               WHERE m.user_id = u.id AND m.network_id = ",
        )
        .int(network_id)
        .push("))");
    }
    let rows = q.query().fetch_all(&mut ***tx).await?;
    let mut allowed: Vec<i64> = rows
        .iter()
        .map(|r| r.try_get::<i64, _>(0))
        .collect::<Result<_, _>>()?;
    allowed.sort_unstable();
    let now = now_ms();
    for chunk in allowed.chunks(INSERT_CHUNK) {
        let mut ins = Sql::new(
            "INSERT INTO notifications (user_id, kind, thread_id, post_id, actor_id, created_at, note) VALUES ",
        );
        for (i, user) in chunk.iter().enumerate() {
            if i > 0 {
                ins.push(", ");
            }
            ins.push("(")
                .int(*user)
                .push(", ")
                .text(best[user].as_str())
                .push(", ");
            ins.int(thread_id).push(", ");
            match post_id {
                Some(p) => ins.int(p),
                None => ins.push("NULL"),
            };
            ins.push(", ").int(actor_id).push(", ").int(now).push(", ");
            match note {
                Some(n) => ins.text(n),
                None => ins.push("NULL"),
            };
            ins.push(")");
        }
        ins.query().execute(&mut ***tx).await?;
    }
    Ok(allowed.len())
}

/// One notification with the thread it is about.
#[derive(Debug, Clone)]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    pub thread: Thread,
    pub post_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub created_at: i64,
    pub read_at: Option<i64>,
    /// A report's reason, or why a post was hidden.
    pub note: Option<String>,
}

/// The FROM and WHERE shared by listing, counting and the e-mail digest: my notifications
/// about threads and posts I may still read. A report's notification shows only while I
/// moderate its network (a hidden post included); my hidden post's notification shows
/// while I may read the network, though the post itself is hidden.
pub(crate) fn visible(q: &mut Sql, access: &Access, user_id: i64) {
    q.push(
        " FROM notifications nt JOIN threads t ON t.id = nt.thread_id
          JOIN networks n ON n.id = t.network_id
          LEFT JOIN posts p ON p.id = nt.post_id
          WHERE nt.user_id = ",
    )
    .int(user_id)
    .push(
        " AND (nt.kind IN ('report', 'post_hidden')
               OR (t.hidden = 0 AND (p.id IS NULL OR p.hidden_at IS NULL)))",
    );
    if !access.is_admin() {
        q.push(
            " AND (n.members_only = 0 OR EXISTS (SELECT 1 FROM network_members m
               WHERE m.network_id = t.network_id AND m.user_id = ",
        )
        .int(user_id)
        .push(
            ")) AND (nt.kind <> 'report' OR EXISTS (SELECT 1 FROM network_members m
               WHERE m.network_id = t.network_id AND m.role = 'moderator' AND m.user_id = ",
        )
        .int(user_id)
        .push("))");
    }
}

/// A page of my notifications, newest first.
pub async fn list(
    db: &Db,
    access: &Access,
    unread_only: bool,
    first: i64,
    after: Option<&str>,
) -> AppResult<(Vec<Notification>, bool)> {
    let me = access.user()?.user_id;
    let mut q = Sql::new(&format!(
        "SELECT nt.id AS nt_id, nt.kind AS nt_kind, nt.post_id AS nt_post_id,
                nt.actor_id AS nt_actor_id, nt.created_at AS nt_created_at,
                nt.read_at AS nt_read_at, nt.note AS nt_note, {}, {}",
        threads::COLUMNS,
        crate::forum::networks::COLUMNS
    ));
    visible(&mut q, access, me);
    if unread_only {
        q.push(" AND nt.read_at IS NULL");
    }
    if let Some(after) = after {
        let id: i64 = after
            .parse()
            .map_err(|_| AppError::bad_input("after", "Ogiltig markör."))?;
        q.push(" AND nt.id < ").int(id);
    }
    q.push(" ORDER BY nt.id DESC LIMIT ").int(first + 1);
    let rows = q.query().fetch_all(db.counted()).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        out.push(Notification {
            id: r.try_get("nt_id")?,
            kind: NotificationKind::parse(&r.try_get::<String, _>("nt_kind")?),
            thread: Thread::from_row(r)?,
            post_id: r.try_get("nt_post_id")?,
            actor_id: r.try_get("nt_actor_id")?,
            created_at: r.try_get("nt_created_at")?,
            read_at: r.try_get("nt_read_at")?,
            note: r.try_get("nt_note")?,
        });
    }
    let has_next = out.len() as i64 > first;
    out.truncate(first as usize);
    Ok((out, has_next))
}

/// How many of my notifications are unread (only those I may still read).
pub async fn unread_count(db: &Db, access: &Access) -> AppResult<i64> {
    let me = access.user()?.user_id;
    let mut q = Sql::new("SELECT COUNT(*)");
    visible(&mut q, access, me);
    q.push(" AND nt.read_at IS NULL");
    let row = q.query().fetch_one(db.counted()).await?;
    Ok(row.try_get(0)?)
}

/// Marks some (by id) or all of my notifications read; returns how many stay unread.
pub async fn mark_read(db: &Db, access: &Access, ids: Option<&[i64]>) -> AppResult<i64> {
    let me = access.user()?.user_id;
    if ids.is_some_and(|ids| ids.len() > 500) {
        return Err(AppError::bad_input(
            "ids",
            "Högst 500 aviseringar åt gången.",
        ));
    }
    let mut q = Sql::new("UPDATE notifications SET read_at = ");
    q.int(now_ms())
        .push(" WHERE user_id = ")
        .int(me)
        .push(" AND read_at IS NULL");
    if let Some(ids) = ids {
        if ids.is_empty() {
            return unread_count(db, access).await;
        }
        q.push(" AND id IN (").ints(ids).push(")");
    }
    let mut tx = db.begin_write().await?;
    q.query().execute(&mut **tx).await?;
    tx.commit().await?;
    unread_count(db, access).await
}
