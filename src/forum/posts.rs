//! Posts (inlägg): replying, quoting, editing with a revision history, hiding and restoring
//! (moderators: the recycle bin) and withdrawing (authors). Markdown is rendered and
//! sanitised once when written; a newer renderer re-renders on read.
//!
//! A post is readable when its thread is, unless it is hidden: then only the network's
//! moderators see it. Attachments on posts belong to the library
//! (`crate::library::attachments`, owner kind "post"), not here.

use std::collections::HashSet;

use sqlx::{any::AnyRow, Row};

use crate::{
    accounts::Access,
    db::{change_log, change_log::EntityKind, now_ms, sql::Sql, Db, WriteTx},
    error::{AppError, AppResult},
    events::ThreadEventKind,
    forum::{
        drafts, markdown,
        notifications::{self, NotificationKind},
        reading,
        text::{parse_moderator_note, PostBody},
        threads::{self, Thread},
        HiddenReason,
    },
    state::AppState,
};

/// Version of the Markdown renderer and allow-list. Bump it when either changes: posts
/// stored with an older version are rendered again when read.
pub const RENDER_VERSION: i64 = 2;

#[derive(Debug, Clone)]
pub struct Post {
    pub id: i64,
    pub thread_id: i64,
    pub network_id: i64,
    pub network_members_only: bool,
    /// The thread is in the recycle bin (its opening post is hidden).
    pub thread_hidden: bool,
    pub author_id: Option<i64>,
    pub body: String,
    pub body_html: String,
    pub quote_of: Option<i64>,
    pub hidden_at: Option<i64>,
    pub hidden_by: Option<i64>,
    pub hidden_reason: Option<HiddenReason>,
    /// Why a moderator hid it, when they said.
    pub hidden_note: Option<String>,
    pub edited_at: Option<i64>,
    pub edited_by: Option<i64>,
    pub created_at: i64,
    /// The thread's opening post.
    pub is_first: bool,
    /// The thread's accepted answer.
    pub is_accepted: bool,
}

fn select() -> &'static str {
    "SELECT p.id, p.thread_id, p.author_id, p.body, p.body_html, p.render_version, p.quote_of,
            p.hidden_at, p.hidden_by, p.hidden_reason, p.hidden_note, p.edited_at, p.edited_by, p.created_at,
            t.network_id, t.first_post_id, t.accepted_post_id, t.hidden AS thread_hidden,
            n.members_only
     FROM posts p JOIN threads t ON t.id = p.thread_id JOIN networks n ON n.id = t.network_id"
}

impl Post {
    fn from_row(r: &AnyRow) -> AppResult<Post> {
        let id: i64 = r.try_get("id")?;
        let body: String = r.try_get("body")?;
        let version: i64 = r.try_get("render_version")?;
        let body_html = if version == RENDER_VERSION {
            r.try_get("body_html")?
        } else {
            markdown::render(&body)
        };
        Ok(Post {
            id,
            thread_id: r.try_get("thread_id")?,
            network_id: r.try_get("network_id")?,
            network_members_only: r.try_get::<i64, _>("members_only")? != 0,
            thread_hidden: r.try_get::<i64, _>("thread_hidden")? != 0,
            author_id: r.try_get("author_id")?,
            body,
            body_html,
            quote_of: r.try_get("quote_of")?,
            hidden_at: r.try_get("hidden_at")?,
            hidden_by: r.try_get("hidden_by")?,
            hidden_reason: r
                .try_get::<Option<String>, _>("hidden_reason")?
                .map(|s| HiddenReason::parse(&s)),
            hidden_note: r.try_get("hidden_note")?,
            edited_at: r.try_get("edited_at")?,
            edited_by: r.try_get("edited_by")?,
            created_at: r.try_get("created_at")?,
            is_first: r.try_get::<Option<i64>, _>("first_post_id")? == Some(id),
            is_accepted: r.try_get::<Option<i64>, _>("accepted_post_id")? == Some(id),
        })
    }

    /// May the caller see this post (and its text)?
    pub fn visible_to(&self, access: &Access) -> bool {
        access.can_read_network(self.network_id, self.network_members_only)
            && ((!self.thread_hidden && self.hidden_at.is_none())
                || access.can_moderate(self.network_id))
    }

    /// May the caller hide and restore it: the network's moderators (and admins).
    pub fn hideable_by(&self, access: &Access) -> bool {
        access.can_moderate(self.network_id)
    }

    /// May the caller edit it: its author or a moderator, and the author only while visible.
    pub fn editable_by(&self, access: &Access) -> bool {
        let Some(p) = &access.principal else {
            return false;
        };
        access.can_moderate(self.network_id)
            || (self.author_id == Some(p.user_id) && self.hidden_at.is_none())
    }
}

/// A post with no permission check (the forum's own writes, loaders).
pub async fn get_unchecked(db: &Db, id: i64) -> AppResult<Option<Post>> {
    let row = sqlx::query(&format!("{} WHERE p.id = $1", select()))
        .bind(id)
        .fetch_optional(db.counted())
        .await?;
    row.as_ref().map(Post::from_row).transpose()
}

/// A post the caller may read; None otherwise.
pub async fn get(db: &Db, access: &Access, id: i64) -> AppResult<Option<Post>> {
    access.user()?;
    Ok(get_unchecked(db, id)
        .await?
        .filter(|p| p.visible_to(access)))
}

async fn require(db: &Db, access: &Access, id: i64) -> AppResult<Post> {
    get(db, access, id)
        .await?
        .ok_or_else(|| AppError::not_found("Inlägget"))
}

/// Posts by id with no permission check, in one statement (for a data loader; the caller
/// filters with [`Post::visible_to`]).
pub async fn by_ids(db: &Db, ids: &[i64]) -> AppResult<Vec<Post>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Sql::new(select());
    q.push(" WHERE p.id IN (").ints(ids).push(")");
    let rows = q.query().fetch_all(db.counted()).await?;
    rows.iter().map(Post::from_row).collect()
}

/// A page of a readable thread's posts, oldest first, the opening post included. Hidden
/// posts are left out except for moderators.
pub async fn list(
    db: &Db,
    access: &Access,
    thread: &Thread,
    first: i64,
    after: Option<&str>,
) -> AppResult<(Vec<Post>, bool)> {
    if !thread.visible_to(access) {
        return Err(AppError::not_found("Tråden"));
    }
    let mut q = Sql::new(select());
    q.push(" WHERE p.thread_id = ").int(thread.id);
    if !access.can_moderate(thread.network.id) {
        q.push(" AND p.hidden_at IS NULL");
    }
    if let Some(after) = after {
        let id: i64 = after
            .parse()
            .map_err(|_| AppError::bad_input("after", "Ogiltig markör."))?;
        q.push(" AND p.id > ").int(id);
    }
    q.push(" ORDER BY p.id LIMIT ").int(first + 1);
    let rows = q.query().fetch_all(db.counted()).await?;
    let mut out: Vec<Post> = rows.iter().map(Post::from_row).collect::<AppResult<_>>()?;
    let has_next = out.len() as i64 > first;
    out.truncate(first as usize);
    Ok((out, has_next))
}

/// The recycle bin of a network: its hidden posts, most recently hidden first (moderators).
pub async fn hidden_in_network(
    db: &Db,
    access: &Access,
    network_id: i64,
    first: i64,
    after: Option<&str>,
) -> AppResult<(Vec<Post>, bool)> {
    if !access.can_moderate(network_id) {
        return Err(AppError::Forbidden(
            "Papperskorgen visas bara för nätverkets moderatorer.".into(),
        ));
    }
    let mut q = Sql::new(select());
    q.push(" WHERE t.network_id = ")
        .int(network_id)
        .push(" AND p.hidden_at IS NOT NULL");
    if let Some(after) = after {
        let (at, id) = after
            .split_once(':')
            .and_then(|(a, i)| Some((a.parse::<i64>().ok()?, i.parse::<i64>().ok()?)))
            .ok_or_else(|| AppError::bad_input("after", "Ogiltig markör."))?;
        q.push(" AND (p.hidden_at < ")
            .int(at)
            .push(" OR (p.hidden_at = ")
            .int(at)
            .push(" AND p.id < ")
            .int(id)
            .push("))");
    }
    q.push(" ORDER BY p.hidden_at DESC, p.id DESC LIMIT ")
        .int(first + 1);
    let rows = q.query().fetch_all(db.counted()).await?;
    let mut out: Vec<Post> = rows.iter().map(Post::from_row).collect::<AppResult<_>>()?;
    let has_next = out.len() as i64 > first;
    out.truncate(first as usize);
    Ok((out, has_next))
}

/// Inserts a post row with its rendered HTML (the API path, thread creation and the demo).
pub(crate) async fn insert_row(
    tx: &mut WriteTx,
    thread_id: i64,
    author_id: i64,
    body: &str,
    quote_of: Option<i64>,
    at: i64,
) -> AppResult<i64> {
    let row = sqlx::query(
        "INSERT INTO posts (thread_id, author_id, body, body_html, render_version, quote_of, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(thread_id)
    .bind(author_id)
    .bind(body)
    .bind(markdown::render(body))
    .bind(RENDER_VERSION)
    .bind(quote_of)
    .bind(at)
    .fetch_one(&mut ***tx)
    .await?;
    Ok(row.try_get(0)?)
}

/// Inserts a reply and updates its thread's counters and activity (no checks, no
/// notifications): shared by [`reply`] and the demo loader.
pub(crate) async fn insert_reply(
    tx: &mut WriteTx,
    thread_id: i64,
    author_id: i64,
    body: &str,
    quote_of: Option<i64>,
    at: i64,
) -> AppResult<i64> {
    let post_id = insert_row(tx, thread_id, author_id, body, quote_of, at).await?;
    sqlx::query("UPDATE threads SET last_activity_at = $1, updated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(thread_id)
        .execute(&mut ***tx)
        .await?;
    threads::refresh_counters(tx, thread_id).await?;
    reading::mark_read_in(tx, author_id, thread_id, post_id, at).await?;
    change_log::record(tx, EntityKind::Thread, thread_id).await?;
    Ok(post_id)
}

/// The Markdown of a reply as it will be stored: `body` checked, with the quoted post (one
/// the caller may read, not hidden, in `thread_id` when given) as a blockquote above it.
/// Returns the text and the quoted post's id.
async fn with_quote(
    db: &Db,
    access: &Access,
    body: &str,
    quote_post_id: Option<i64>,
    thread_id: Option<i64>,
) -> AppResult<(String, Option<i64>)> {
    let text = PostBody::parse(body)?.into_string();
    let Some(qid) = quote_post_id else {
        return Ok((text, None));
    };
    let quoted = get(db, access, qid)
        .await?
        .filter(|p| thread_id.is_none_or(|t| p.thread_id == t) && p.hidden_at.is_none())
        .ok_or_else(|| {
            AppError::bad_input("quotePostId", "Inlägget att citera finns inte i tråden.")
        })?;
    let author = match quoted.author_id {
        Some(a) => crate::accounts::users::get(db, a)
            .await?
            .filter(|u| !u.erased)
            .map(|u| u.display_name),
        None => None,
    };
    let quoted_md = markdown::quote(
        author.as_deref().unwrap_or("Tidigare användare"),
        &quoted.body,
    );
    let text = PostBody::parse(&format!("{quoted_md}{text}"))?.into_string();
    Ok((text, Some(quoted.id)))
}

/// What a post would look like (förhandsgranska): the sanitised HTML of `body`, with the
/// quoted post above it as [`reply`] would put it. Nothing is stored.
pub async fn preview(
    db: &Db,
    access: &Access,
    body: &str,
    quote_post_id: Option<i64>,
) -> AppResult<String> {
    access.user()?;
    let (text, _) = with_quote(db, access, body, quote_post_id, None).await?;
    Ok(markdown::render(&text))
}

/// A reply to a thread.
pub struct NewPost {
    pub thread_id: i64,
    pub body: String,
    /// A post in the same thread to quote above the reply.
    pub quote_post_id: Option<i64>,
}

/// Replies in a thread the caller may read. A locked thread refuses replies with CONFLICT,
/// except from its moderators. Followers of the thread and mentioned users are notified.
pub async fn reply(state: &AppState, access: &Access, input: NewPost) -> AppResult<Post> {
    let me = access.user()?;
    let db = &state.db;
    let thread = threads::require(db, access, input.thread_id).await?;
    if !thread.accepts_reply_from(access) {
        return Err(AppError::Conflict(
            "Tråden är låst och tar inte emot fler svar.".into(),
        ));
    }
    let (text, quote_of) = with_quote(
        db,
        access,
        &input.body,
        input.quote_post_id,
        Some(thread.id),
    )
    .await?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let post_id = insert_reply(&mut tx, thread.id, me.user_id, &text, quote_of, now).await?;
    let mut recipients: Vec<(i64, NotificationKind)> =
        notifications::thread_followers(&mut tx, thread.id)
            .await?
            .into_iter()
            .map(|u| (u, NotificationKind::Reply))
            .collect();
    recipients.extend(notifications::mentioned(&mut tx, &text).await?);
    notifications::fan_out(
        &mut tx,
        &thread.network,
        thread.id,
        Some(post_id),
        me.user_id,
        recipients,
    )
    .await?;
    drafts::delete_in(&mut tx, me.user_id, drafts::DraftPlace::Thread(thread.id)).await?;
    tx.commit().await?;
    publish(state, &thread, ThreadEventKind::PostCreated, post_id);
    get_unchecked(db, post_id)
        .await?
        .ok_or_else(|| AppError::internal("created post vanished"))
}

fn publish(state: &AppState, thread: &Thread, kind: ThreadEventKind, post_id: i64) {
    state.events.publish(
        state
            .events
            .event(kind, thread.id, thread.network.id, Some(post_id)),
    );
}

/// Edits a post (its author while it is visible, or a moderator). The replaced text is
/// kept as a revision with who wrote it and when; newly mentioned users are notified.
pub async fn edit(state: &AppState, access: &Access, id: i64, body: &str) -> AppResult<Post> {
    let me = access.user()?.user_id;
    let db = &state.db;
    let post = require(db, access, id).await?;
    if !post.editable_by(access) {
        return Err(AppError::Forbidden(
            "Bara den som skrev inlägget eller en moderator kan redigera det.".into(),
        ));
    }
    let body = PostBody::parse(body)?;
    if body.as_str() == post.body {
        return Ok(post);
    }
    let thread = threads::get_unchecked(db, post.thread_id)
        .await?
        .ok_or_else(|| AppError::not_found("Tråden"))?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO post_revisions (post_id, body, written_by, written_at, replaced_by, replaced_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(post.id)
    .bind(&post.body)
    .bind(post.edited_by.or(post.author_id))
    .bind(post.edited_at.unwrap_or(post.created_at))
    .bind(me)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE posts SET body = $1, body_html = $2, render_version = $3, edited_at = $4, edited_by = $5
         WHERE id = $6",
    )
    .bind(body.as_str())
    .bind(markdown::render(body.as_str()))
    .bind(RENDER_VERSION)
    .bind(now)
    .bind(me)
    .bind(post.id)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE threads SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(post.thread_id)
        .execute(&mut **tx)
        .await?;
    change_log::record(&mut tx, EntityKind::Thread, post.thread_id).await?;
    let before: HashSet<String> = markdown::mentions(&post.body).into_iter().collect();
    let fresh: Vec<String> = markdown::mentions(body.as_str())
        .into_iter()
        .filter(|h| !before.contains(h))
        .collect();
    let recipients = notifications::resolve_mentions(&mut tx, &fresh).await?;
    notifications::fan_out(
        &mut tx,
        &thread.network,
        thread.id,
        Some(post.id),
        me,
        recipients,
    )
    .await?;
    tx.commit().await?;
    publish(state, &thread, ThreadEventKind::PostEdited, post.id);
    get_unchecked(db, post.id)
        .await?
        .ok_or_else(|| AppError::not_found("Inlägget"))
}

/// Hides a post (moderators): it moves to the recycle bin. Hiding the opening post hides
/// the thread; hiding the accepted answer clears it, so the question is open again. The
/// optional `note` says why; open reports of the post are resolved as hidden with it.
pub async fn hide(
    state: &AppState,
    access: &Access,
    id: i64,
    note: Option<&str>,
) -> AppResult<Post> {
    let post = require(&state.db, access, id).await?;
    if !post.hideable_by(access) {
        return Err(AppError::Forbidden(
            "Bara nätverkets moderatorer kan dölja inlägg.".into(),
        ));
    }
    let note = parse_moderator_note(note, "reason")?;
    set_hidden(state, access, post, Some(HiddenReason::Moderator), note).await
}

/// Withdraws one's own post: hidden like a moderator's hiding. The opening post of a
/// thread others have replied to cannot be withdrawn (CONFLICT): ask a moderator.
pub async fn withdraw(state: &AppState, access: &Access, id: i64) -> AppResult<Post> {
    let me = access.user()?.user_id;
    let post = require(&state.db, access, id).await?;
    if post.author_id != Some(me) {
        return Err(AppError::Forbidden(
            "Du kan bara dra tillbaka dina egna inlägg.".into(),
        ));
    }
    if post.is_first {
        let thread = threads::get_unchecked(&state.db, post.thread_id)
            .await?
            .ok_or_else(|| AppError::not_found("Tråden"))?;
        if thread.reply_count > 0 {
            return Err(AppError::Conflict(
                "Tråden har svar och kan inte dras tillbaka. Be en moderator om hjälp.".into(),
            ));
        }
    }
    set_hidden(state, access, post, Some(HiddenReason::Withdrawn), None).await
}

/// Restores a hidden post from the recycle bin (moderators).
pub async fn restore(state: &AppState, access: &Access, id: i64) -> AppResult<Post> {
    let post = require(&state.db, access, id).await?;
    if !post.hideable_by(access) {
        return Err(AppError::Forbidden(
            "Bara nätverkets moderatorer kan återställa inlägg.".into(),
        ));
    }
    set_hidden(state, access, post, None, None).await
}

async fn set_hidden(
    state: &AppState,
    access: &Access,
    post: Post,
    reason: Option<HiddenReason>,
    note: Option<String>,
) -> AppResult<Post> {
    let me = access.user()?.user_id;
    if reason.is_some() == post.hidden_at.is_some() {
        return Ok(post);
    }
    let db = &state.db;
    let mut tx = db.begin_write().await?;
    apply_hidden(&mut tx, me, &post, reason, note.as_deref()).await?;
    tx.commit().await?;
    publish_hidden(state, &post, reason.is_some());
    get_unchecked(db, post.id)
        .await?
        .ok_or_else(|| AppError::not_found("Inlägget"))
}

/// The writes of hiding (`reason` set) or restoring a post, inside the caller's
/// transaction: the post, its thread's flags and counters, the change for search, and (a
/// moderator's hiding) the post's open reports, resolved as hidden by `me` with `note`, and
/// a POST_HIDDEN notification telling the author, with `note` as the reason.
pub(crate) async fn apply_hidden(
    tx: &mut WriteTx,
    me: i64,
    post: &Post,
    reason: Option<HiddenReason>,
    note: Option<&str>,
) -> AppResult<()> {
    let now = now_ms();
    sqlx::query(
        "UPDATE posts SET hidden_at = $1, hidden_by = $2, hidden_reason = $3, hidden_note = $4
         WHERE id = $5",
    )
    .bind(reason.map(|_| now))
    .bind(reason.map(|_| me))
    .bind(reason.map(|r| r.as_str()))
    .bind(note)
    .bind(post.id)
    .execute(&mut ***tx)
    .await?;
    if post.is_first {
        sqlx::query("UPDATE threads SET hidden = $1 WHERE id = $2")
            .bind(reason.is_some() as i64)
            .bind(post.thread_id)
            .execute(&mut ***tx)
            .await?;
    }
    if post.is_accepted && reason.is_some() {
        sqlx::query(
            "UPDATE threads SET accepted_post_id = NULL, accepted_at = NULL, accepted_by = NULL
             WHERE id = $1",
        )
        .bind(post.thread_id)
        .execute(&mut ***tx)
        .await?;
    }
    if reason == Some(HiddenReason::Moderator) {
        sqlx::query(
            "UPDATE post_reports SET resolved_at = $1, resolved_by = $2, resolution = 'hidden',
                    resolution_note = $3
             WHERE post_id = $4 AND resolved_at IS NULL",
        )
        .bind(now)
        .bind(me)
        .bind(note)
        .bind(post.id)
        .execute(&mut ***tx)
        .await?;
        if let Some(author) = post.author_id {
            notifications::fan_out_with_note(
                tx,
                (post.network_id, post.network_members_only),
                post.thread_id,
                Some(post.id),
                me,
                vec![(author, NotificationKind::PostHidden)],
                note,
            )
            .await?;
        }
    }
    sqlx::query("UPDATE threads SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(post.thread_id)
        .execute(&mut ***tx)
        .await?;
    threads::refresh_counters(tx, post.thread_id).await?;
    change_log::record(tx, EntityKind::Thread, post.thread_id).await?;
    Ok(())
}

/// Tells the thread's live subscribers that a post was hidden or restored (after commit).
pub(crate) fn publish_hidden(state: &AppState, post: &Post, hidden: bool) {
    let kind = if hidden {
        ThreadEventKind::PostHidden
    } else {
        ThreadEventKind::PostRestored
    };
    state.events.publish(
        state
            .events
            .event(kind, post.thread_id, post.network_id, Some(post.id)),
    );
}

/// An earlier version of a post.
#[derive(Debug, Clone)]
pub struct Revision {
    pub id: i64,
    pub post_id: i64,
    /// The earlier text (Markdown).
    pub body: String,
    /// Who wrote that text, and when.
    pub written_by: Option<i64>,
    pub written_at: i64,
    /// Who replaced it with a newer text, and when.
    pub replaced_by: Option<i64>,
    pub replaced_at: i64,
}

/// The version history (versionshistorik) of a post the caller may read, oldest first.
pub async fn revisions(db: &Db, access: &Access, post_id: i64) -> AppResult<Vec<Revision>> {
    let post = require(db, access, post_id).await?;
    let rows = sqlx::query(
        "SELECT id, post_id, body, written_by, written_at, replaced_by, replaced_at
         FROM post_revisions WHERE post_id = $1 ORDER BY id",
    )
    .bind(post.id)
    .fetch_all(db.counted())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Revision {
                id: r.try_get(0)?,
                post_id: r.try_get(1)?,
                body: r.try_get(2)?,
                written_by: r.try_get(3)?,
                written_at: r.try_get(4)?,
                replaced_by: r.try_get(5)?,
                replaced_at: r.try_get(6)?,
            })
        })
        .collect()
}
