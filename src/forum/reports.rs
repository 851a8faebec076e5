//! Reports (anmälningar): a member who can read a post reports it to the network's
//! moderators with a reason; the moderators and admins are notified; a moderator resolves
//! it by hiding the post or dismissing the report, with a note, and who and when is kept.
//!
//! A report is seen only by its network's moderators and admins: in lists, `node` and
//! notifications alike (the reporter learns only that the report was taken). Nothing here
//! records a change for search, so no report, reason or note is ever searchable. Resolving
//! decides for the post: every open report of it is resolved the same way.

use sqlx::{any::AnyRow, Row};

use crate::{
    accounts::Access,
    db::{now_ms, sql::Sql, Db},
    error::{AppError, AppResult},
    forum::{
        notifications::{self, NotificationKind},
        posts::{self, Post},
        text::{parse_moderator_note, ReportReason},
        threads, HiddenReason,
    },
    state::AppState,
};

/// How a report was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum Resolution {
    /// The post was hidden.
    Hidden,
    /// The report was dismissed: the post stays.
    Dismissed,
}

impl Resolution {
    fn parse(s: &str) -> Resolution {
        if s == "hidden" {
            Resolution::Hidden
        } else {
            Resolution::Dismissed
        }
    }
}

/// What a moderator does with a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ReportAction {
    /// Hide the post (it moves to the recycle bin; the note is the reason).
    HidePost,
    /// Leave the post as it is.
    Dismiss,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub id: i64,
    pub post_id: i64,
    pub thread_id: i64,
    pub network_id: i64,
    pub reporter_id: Option<i64>,
    pub reason: String,
    pub created_at: i64,
    pub resolved_at: Option<i64>,
    pub resolved_by: Option<i64>,
    pub resolution: Option<Resolution>,
    pub resolution_note: Option<String>,
}

const SELECT: &str = "SELECT r.id, r.post_id, p.thread_id, t.network_id, r.reporter_id, r.reason,
        r.created_at, r.resolved_at, r.resolved_by, r.resolution, r.resolution_note
     FROM post_reports r JOIN posts p ON p.id = r.post_id JOIN threads t ON t.id = p.thread_id";

impl Report {
    fn from_row(r: &AnyRow) -> AppResult<Report> {
        Ok(Report {
            id: r.try_get("id")?,
            post_id: r.try_get("post_id")?,
            thread_id: r.try_get("thread_id")?,
            network_id: r.try_get("network_id")?,
            reporter_id: r.try_get("reporter_id")?,
            reason: r.try_get("reason")?,
            created_at: r.try_get("created_at")?,
            resolved_at: r.try_get("resolved_at")?,
            resolved_by: r.try_get("resolved_by")?,
            resolution: r
                .try_get::<Option<String>, _>("resolution")?
                .map(|s| Resolution::parse(&s)),
            resolution_note: r.try_get("resolution_note")?,
        })
    }

    /// Only the network's moderators and admins see a report.
    pub fn visible_to(&self, access: &Access) -> bool {
        access.can_moderate(self.network_id)
    }
}

/// May the caller report this post: signed in, it is visible and not hidden, and not theirs.
pub fn reportable_by(post: &Post, access: &Access) -> bool {
    let Some(p) = &access.principal else {
        return false;
    };
    post.visible_to(access) && post.hidden_at.is_none() && post.author_id != Some(p.user_id)
}

/// A report the caller may see; None otherwise.
pub async fn get(db: &Db, access: &Access, id: i64) -> AppResult<Option<Report>> {
    access.user()?;
    let row = sqlx::query(&format!("{SELECT} WHERE r.id = $1"))
        .bind(id)
        .fetch_optional(db.counted())
        .await?;
    Ok(row
        .as_ref()
        .map(Report::from_row)
        .transpose()?
        .filter(|r| r.visible_to(access)))
}

/// Reports a post the caller may read to its network's moderators. One open report per
/// member and post (CONFLICT for a second); one's own and hidden posts cannot be reported.
pub async fn report(
    state: &AppState,
    access: &Access,
    post_id: i64,
    reason: &str,
) -> AppResult<Post> {
    let me = access.user()?.user_id;
    let db = &state.db;
    let post = posts::get(db, access, post_id)
        .await?
        .ok_or_else(|| AppError::not_found("Inlägget"))?;
    if post.author_id == Some(me) {
        return Err(AppError::bad_input(
            "postId",
            "Du kan inte anmäla ditt eget inlägg.",
        ));
    }
    if post.hidden_at.is_some() {
        return Err(AppError::Conflict("Inlägget är redan dolt.".into()));
    }
    let reason = ReportReason::parse(reason)?;
    let thread = threads::get_unchecked(db, post.thread_id)
        .await?
        .ok_or_else(|| AppError::not_found("Tråden"))?;
    let mut tx = db.begin_write().await?;
    let open = sqlx::query(
        "SELECT 1 FROM post_reports WHERE post_id = $1 AND reporter_id = $2 AND resolved_at IS NULL",
    )
    .bind(post.id)
    .bind(me)
    .fetch_optional(&mut **tx)
    .await?;
    if open.is_some() {
        return Err(AppError::Conflict(
            "Du har redan anmält inlägget. En moderator tittar på det.".into(),
        ));
    }
    sqlx::query(
        "INSERT INTO post_reports (post_id, reporter_id, reason, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(post.id)
    .bind(me)
    .bind(reason.as_str())
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    let rows = sqlx::query(
        "SELECT user_id FROM network_members WHERE network_id = $1 AND role = 'moderator'
         UNION SELECT id FROM users WHERE role = 'admin'",
    )
    .bind(thread.network.id)
    .fetch_all(&mut **tx)
    .await?;
    let recipients = rows
        .iter()
        .map(|r| Ok((r.try_get::<i64, _>(0)?, NotificationKind::Report)))
        .collect::<AppResult<Vec<_>>>()?;
    notifications::fan_out_with_note(
        &mut tx,
        (thread.network.id, thread.network.members_only),
        thread.id,
        Some(post.id),
        me,
        recipients,
        Some(reason.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(post)
}

/// Resolves a report (its network's moderators): hides the post or dismisses, with an
/// optional note. Every open report of the same post is resolved with it. A report already
/// resolved answers CONFLICT; one the caller may not see, NOT_FOUND.
pub async fn resolve(
    state: &AppState,
    access: &Access,
    id: i64,
    action: ReportAction,
    note: Option<&str>,
) -> AppResult<Report> {
    let me = access.user()?.user_id;
    let db = &state.db;
    let report = get(db, access, id)
        .await?
        .ok_or_else(|| AppError::not_found("Anmälan"))?;
    if report.resolved_at.is_some() {
        return Err(AppError::Conflict("Anmälan är redan hanterad.".into()));
    }
    let note = parse_moderator_note(note, "note")?;
    let post = posts::get_unchecked(db, report.post_id)
        .await?
        .ok_or_else(|| AppError::not_found("Inlägget"))?;
    let hide = action == ReportAction::HidePost && post.hidden_at.is_none();
    let mut tx = db.begin_write().await?;
    if hide {
        posts::apply_hidden(
            &mut tx,
            me,
            &post,
            Some(HiddenReason::Moderator),
            note.as_deref(),
        )
        .await?;
    }
    let resolution = match action {
        ReportAction::HidePost => "hidden",
        ReportAction::Dismiss => "dismissed",
    };
    sqlx::query(
        "UPDATE post_reports SET resolved_at = $1, resolved_by = $2, resolution = $3,
                resolution_note = $4
         WHERE post_id = $5 AND resolved_at IS NULL",
    )
    .bind(now_ms())
    .bind(me)
    .bind(resolution)
    .bind(note.as_deref())
    .bind(post.id)
    .execute(&mut **tx)
    .await?;
    tx.commit().await?;
    if hide {
        posts::publish_hidden(state, &post, true);
    }
    get(db, access, id)
        .await?
        .ok_or_else(|| AppError::not_found("Anmälan"))
}

/// A page of a network's reports, newest first: the open ones, or (`open` false) the
/// resolved ones. Moderators of the network and admins only.
pub async fn in_network(
    db: &Db,
    access: &Access,
    network_id: i64,
    open: bool,
    first: i64,
    after: Option<&str>,
) -> AppResult<(Vec<Report>, bool)> {
    if !access.can_moderate(network_id) {
        return Err(AppError::Forbidden(
            "Anmälningar visas bara för nätverkets moderatorer.".into(),
        ));
    }
    let mut q = Sql::new(SELECT);
    q.push(" WHERE t.network_id = ").int(network_id);
    q.push(if open {
        " AND r.resolved_at IS NULL"
    } else {
        " AND r.resolved_at IS NOT NULL"
    });
    if let Some(after) = after {
        let id: i64 = after
            .parse()
            .map_err(|_| AppError::bad_input("after", "Ogiltig markör."))?;
        q.push(" AND r.id < ").int(id);
    }
    q.push(" ORDER BY r.id DESC LIMIT ").int(first + 1);
    let rows = q.query().fetch_all(db.counted()).await?;
    let mut out: Vec<Report> = rows
        .iter()
        .map(Report::from_row)
        .collect::<AppResult<_>>()?;
    let has_next = out.len() as i64 > first;
    out.truncate(first as usize);
    Ok((out, has_next))
}

/// How many open reports a network has (its moderators and admins; None for others).
pub async fn open_count(db: &Db, access: &Access, network_id: i64) -> AppResult<Option<i64>> {
    if !access.can_moderate(network_id) {
        return Ok(None);
    }
    let row = sqlx::query(
        "SELECT COUNT(*) FROM post_reports r JOIN posts p ON p.id = r.post_id
         JOIN threads t ON t.id = p.thread_id
         WHERE t.network_id = $1 AND r.resolved_at IS NULL",
    )
    .bind(network_id)
    .fetch_one(db.counted())
    .await?;
    Ok(Some(row.try_get(0)?))
}
