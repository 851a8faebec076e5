//! Threads (trådar) in a network: the model, reading and listing them, retitling,
//! retagging and (moderators) changing their kind. Starting one is in `new_thread`. A thread is readable when its network is, unless its opening post is
//! hidden: then only the network's moderators see it (the recycle bin). Accepted answers
//! and the FAQ are in `answers`, pin/lock/move in `moderation`.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::{any::AnyRow, Row};

use crate::{
    accounts::Access,
    dates,
    db::{change_log, change_log::EntityKind, now_ms, sql::Sql, Db, WriteTx},
    error::{AppError, AppResult},
    events::ThreadEventKind,
    forum::{
        networks::{self, Network},
        text::{ThreadTitle, MAX_TAGS},
        ThreadKind, ThreadStatus,
    },
    state::AppState,
    tags::{self, Tag},
};

#[derive(Debug, Clone)]
pub struct Thread {
    pub id: i64,
    pub network: Network,
    pub kind: ThreadKind,
    pub title: String,
    pub author_id: Option<i64>,
    pub pinned: bool,
    pub locked: bool,
    pub hidden: bool,
    pub first_post_id: Option<i64>,
    pub accepted_post_id: Option<i64>,
    pub accepted_at: Option<i64>,
    pub accepted_by: Option<i64>,
    pub faq_summary: Option<String>,
    pub faq_at: Option<i64>,
    pub faq_by: Option<i64>,
    /// The day a moderator is to look at the FAQ entry again (set while it is in the FAQ).
    pub faq_review_by: Option<NaiveDate>,
    pub faq_reviewed_at: Option<i64>,
    pub faq_reviewed_by: Option<i64>,
    pub reply_count: i64,
    pub last_post_id: i64,
    pub last_activity_at: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Thread columns (alias `t`) plus its network's (alias `n`); join `networks n`.
pub const COLUMNS: &str = "t.id, t.kind, t.title, t.author_id, t.pinned, t.locked, t.hidden, \
    t.first_post_id, t.accepted_post_id, t.accepted_at, t.accepted_by, t.faq_summary, t.faq_at, \
    t.faq_by, t.faq_review_by, t.faq_reviewed_at, t.faq_reviewed_by, t.reply_count, \
    t.last_post_id, t.last_activity_at, t.created_at, t.updated_at";

/// The SET list that takes a thread out of the FAQ: its summary, who and when, and its
/// review dates (removing it, or a question becoming another kind).
pub(crate) const NOT_IN_FAQ: &str = "faq_summary = NULL, faq_at = NULL, faq_by = NULL, \
    faq_review_by = NULL, faq_reviewed_at = NULL, faq_reviewed_by = NULL";

fn select() -> String {
    format!(
        "SELECT {COLUMNS}, {} FROM threads t JOIN networks n ON n.id = t.network_id",
        networks::COLUMNS
    )
}

impl Thread {
    pub fn from_row(r: &AnyRow) -> AppResult<Thread> {
        Ok(Thread {
            id: r.try_get("id")?,
            network: Network::from_row(r)?,
            kind: ThreadKind::parse(&r.try_get::<String, _>("kind")?)?,
            title: r.try_get("title")?,
            author_id: r.try_get("author_id")?,
            pinned: r.try_get::<i64, _>("pinned")? != 0,
            locked: r.try_get::<i64, _>("locked")? != 0,
            hidden: r.try_get::<i64, _>("hidden")? != 0,
            first_post_id: r.try_get("first_post_id")?,
            accepted_post_id: r.try_get("accepted_post_id")?,
            accepted_at: r.try_get("accepted_at")?,
            accepted_by: r.try_get("accepted_by")?,
            faq_summary: r.try_get("faq_summary")?,
            faq_at: r.try_get("faq_at")?,
            faq_by: r.try_get("faq_by")?,
            faq_review_by: dates::opt_from_db(r.try_get("faq_review_by")?)?,
            faq_reviewed_at: r.try_get("faq_reviewed_at")?,
            faq_reviewed_by: r.try_get("faq_reviewed_by")?,
            reply_count: r.try_get("reply_count")?,
            last_post_id: r.try_get("last_post_id")?,
            last_activity_at: r.try_get("last_activity_at")?,
            created_at: r.try_get("created_at")?,
            updated_at: r.try_get("updated_at")?,
        })
    }

    /// Open or answered, for questions; None for discussions and announcements.
    pub fn status(&self) -> Option<ThreadStatus> {
        (self.kind == ThreadKind::Question).then_some(if self.accepted_post_id.is_some() {
            ThreadStatus::Answered
        } else {
            ThreadStatus::Open
        })
    }

    pub fn visible_to(&self, access: &Access) -> bool {
        self.network.readable_by(access) && (!self.hidden || access.can_moderate(self.network.id))
    }

    /// May the caller reply: signed in, and the thread not locked unless they moderate it.
    pub fn accepts_reply_from(&self, access: &Access) -> bool {
        access.principal.is_some() && (!self.locked || access.can_moderate(self.network.id))
    }

    /// May the caller mark the solution: a question, and they asked it or moderate it.
    pub fn solution_markable_by(&self, access: &Access) -> bool {
        let me = access.signed_in_user_id();
        self.kind == ThreadKind::Question
            && (me.is_some() && me == self.author_id || access.can_moderate(self.network.id))
    }

    /// Keyset cursor of the network list order (pinned first, then last activity).
    pub fn list_cursor(&self) -> String {
        format!(
            "{}:{}:{}",
            self.pinned as i64, self.last_activity_at, self.id
        )
    }

    /// Keyset cursor of activity order ("nytt sedan sist").
    pub fn activity_cursor(&self) -> String {
        format!("{}:{}", self.last_activity_at, self.id)
    }

    /// Keyset cursor of the FAQ order.
    pub fn faq_cursor(&self) -> String {
        format!("{}:{}", self.faq_at.unwrap_or(0), self.id)
    }
}

fn parse_cursor<const N: usize>(after: &str) -> AppResult<[i64; N]> {
    let parts: Vec<i64> = after
        .split(':')
        .map(|p| p.parse::<i64>())
        .collect::<Result<_, _>>()
        .map_err(|_| AppError::bad_input("after", "Ogiltig markör."))?;
    parts
        .try_into()
        .map_err(|_| AppError::bad_input("after", "Ogiltig markör."))
}

/// A thread with no permission check (the forum's own writes, the indexer, loaders).
pub async fn get_unchecked(db: &Db, id: i64) -> AppResult<Option<Thread>> {
    let row = sqlx::query(&format!("{} WHERE t.id = $1", select()))
        .bind(id)
        .fetch_optional(db.counted())
        .await?;
    row.as_ref().map(Thread::from_row).transpose()
}

/// A thread the caller may read; None when it does not exist or may not be read.
pub async fn get(db: &Db, access: &Access, id: i64) -> AppResult<Option<Thread>> {
    access.user()?;
    Ok(get_unchecked(db, id)
        .await?
        .filter(|t| t.visible_to(access)))
}

/// A readable thread or NOT_FOUND.
pub async fn require(db: &Db, access: &Access, id: i64) -> AppResult<Thread> {
    get(db, access, id)
        .await?
        .ok_or_else(|| AppError::not_found("Tråden"))
}

/// Threads by id with no permission check, in one statement (for a data loader).
pub async fn by_ids(db: &Db, ids: &[i64]) -> AppResult<Vec<Thread>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Sql::new(&select());
    q.push(" WHERE t.id IN (").ints(ids).push(")");
    let rows = q.query().fetch_all(db.counted()).await?;
    rows.iter().map(Thread::from_row).collect()
}

/// Filters of a network's thread list.
#[derive(Debug, Clone, Default)]
pub struct ThreadFilter {
    pub kind: Option<ThreadKind>,
    /// A tag by id, name, slug or synonym.
    pub tag: Option<TagRef>,
    /// OPEN or ANSWERED; matches questions only.
    pub status: Option<ThreadStatus>,
    /// Only threads started more than this many days ago (1–3650).
    pub older_than_days: Option<i64>,
}

/// A tag named by the client: its id, or a name, slug or synonym.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagRef {
    Id(i64),
    Name(String),
}

/// Resolves tag references against the curated list; unknown ones are BAD_INPUT.
pub async fn resolve_tags(db: &Db, refs: &[TagRef]) -> AppResult<Vec<Tag>> {
    if refs.is_empty() {
        return Ok(Vec::new());
    }
    let all = tags::list(db).await?;
    let mut out: Vec<Tag> = Vec::new();
    for r in refs {
        let found = match r {
            TagRef::Id(id) => all.iter().find(|t| t.id == *id),
            TagRef::Name(name) => {
                let needle = name.trim().to_lowercase();
                let slug = tags::slugify(name);
                all.iter().find(|t| {
                    t.name.to_lowercase() == needle
                        || t.slug == slug
                        || t.synonyms.iter().any(|s| s.to_lowercase() == needle)
                })
            }
        };
        let Some(tag) = found else {
            let shown = match r {
                TagRef::Id(id) => id.to_string(),
                TagRef::Name(n) => n.trim().chars().take(60).collect(),
            };
            return Err(AppError::bad_input(
                "tags",
                format!("Taggen ”{shown}” finns inte."),
            ));
        };
        if !out.iter().any(|t| t.id == tag.id) {
            out.push(tag.clone());
        }
    }
    if out.len() > MAX_TAGS {
        return Err(AppError::bad_input(
            "tags",
            format!("Högst {MAX_TAGS} taggar per tråd."),
        ));
    }
    Ok(out)
}

/// A page of a readable network's threads: pinned first, then by last activity.
pub async fn list(
    db: &Db,
    access: &Access,
    network: &Network,
    filter: &ThreadFilter,
    first: i64,
    after: Option<&str>,
) -> AppResult<(Vec<Thread>, bool)> {
    if !network.readable_by(access) {
        return Err(AppError::not_found("Nätverket"));
    }
    let tag_id = match &filter.tag {
        Some(r) => Some(resolve_tags(db, std::slice::from_ref(r)).await?[0].id),
        None => None,
    };
    let mut q = Sql::new(&select());
    q.push(" WHERE t.network_id = ").int(network.id);
    if !access.can_moderate(network.id) {
        q.push(" AND t.hidden = 0");
    }
    if let Some(kind) = filter.kind {
        q.push(" AND t.kind = ").text(kind.as_str());
    }
    if let Some(tag_id) = tag_id {
        q.push(
            " AND EXISTS (SELECT 1 FROM thread_tags tt WHERE tt.thread_id = t.id AND tt.tag_id = ",
        )
        .int(tag_id)
        .push(")");
    }
    match filter.status {
        Some(ThreadStatus::Open) => {
            q.push(" AND t.kind = 'question' AND t.accepted_post_id IS NULL");
        }
        Some(ThreadStatus::Answered) => {
            q.push(" AND t.kind = 'question' AND t.accepted_post_id IS NOT NULL");
        }
        None => {}
    }
    if let Some(days) = filter.older_than_days {
        if !(1..=3650).contains(&days) {
            return Err(AppError::bad_input(
                "olderThanDays",
                "Ange antal dagar mellan 1 och 3650.",
            ));
        }
        q.push(" AND t.created_at < ")
            .int(now_ms() - days * 86_400_000);
    }
    if let Some(after) = after {
        let [p, at, id] = parse_cursor::<3>(after)?;
        q.push(" AND (t.pinned < ")
            .int(p)
            .push(" OR (t.pinned = ")
            .int(p)
            .push(" AND (t.last_activity_at < ")
            .int(at)
            .push(" OR (t.last_activity_at = ")
            .int(at)
            .push(" AND t.id < ")
            .int(id)
            .push("))))");
    }
    q.push(" ORDER BY t.pinned DESC, t.last_activity_at DESC, t.id DESC LIMIT ")
        .int(first + 1);
    page(db, &q, first).await
}

async fn page(db: &Db, q: &Sql, first: i64) -> AppResult<(Vec<Thread>, bool)> {
    let rows = q.query().fetch_all(db.counted()).await?;
    let mut out: Vec<Thread> = rows
        .iter()
        .map(Thread::from_row)
        .collect::<AppResult<_>>()?;
    let has_next = out.len() as i64 > first;
    out.truncate(first as usize);
    Ok((out, has_next))
}

/// A page of a readable network's FAQ (vanliga frågor), newest promotion first.
pub async fn faq(
    db: &Db,
    access: &Access,
    network: &Network,
    first: i64,
    after: Option<&str>,
) -> AppResult<(Vec<Thread>, bool)> {
    if !network.readable_by(access) {
        return Err(AppError::not_found("Nätverket"));
    }
    let mut q = Sql::new(&select());
    q.push(" WHERE t.network_id = ")
        .int(network.id)
        .push(" AND t.faq_at IS NOT NULL AND t.hidden = 0");
    if let Some(after) = after {
        let [at, id] = parse_cursor::<2>(after)?;
        q.push(" AND (t.faq_at < ")
            .int(at)
            .push(" OR (t.faq_at = ")
            .int(at)
            .push(" AND t.id < ")
            .int(id)
            .push("))");
    }
    q.push(" ORDER BY t.faq_at DESC, t.id DESC LIMIT ")
        .int(first + 1);
    page(db, &q, first).await
}

/// FAQ entries a moderator is to look at again ("Att granska"): in the networks the caller
/// moderates (admins: all), in the FAQ, review-by date past or within `within_days`,
/// soonest first. Members who moderate nothing get an empty list.
pub async fn faq_due_for_review(
    db: &Db,
    access: &Access,
    within_days: u32,
    offset: i64,
    limit: i64,
) -> AppResult<Vec<Thread>> {
    access.user()?;
    let until = dates::today()
        .checked_add_days(chrono::Days::new(within_days.into()))
        .ok_or_else(|| AppError::bad_input("withinDays", "För många dagar."))?;
    let mut q = Sql::new(&select());
    q.push(" WHERE t.faq_at IS NOT NULL AND t.hidden = 0 AND t.faq_review_by IS NOT NULL")
        .push(" AND t.faq_review_by <= ")
        .text(&dates::to_db(until));
    if !access.is_admin() {
        q.push(" AND t.network_id IN (")
            .ints(&access.moderated_network_ids())
            .push(")");
    }
    q.push(" ORDER BY t.faq_review_by, t.id LIMIT ")
        .int(limit)
        .push(" OFFSET ")
        .int(offset);
    let rows = q.query().fetch_all(db.counted()).await?;
    rows.iter().map(Thread::from_row).collect()
}

/// "Nytt sedan sist": threads in my networks (member of or following) and threads I follow,
/// newest activity first; with `unread_only`, only those with posts I have not read.
pub async fn new_since_last_visit(
    db: &Db,
    access: &Access,
    unread_only: bool,
    first: i64,
    after: Option<&str>,
) -> AppResult<(Vec<Thread>, bool)> {
    let me = access.user()?.user_id;
    let mut q = Sql::new(&select());
    // $1 is the caller, referred to again below.
    q.push(" LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.user_id = ")
        .int(me)
        .push(
            " LEFT JOIN network_reads nr ON nr.network_id = t.network_id AND nr.user_id = $1
             WHERE t.hidden = 0
             AND (EXISTS (SELECT 1 FROM network_members m WHERE m.network_id = t.network_id AND m.user_id = $1)
               OR EXISTS (SELECT 1 FROM network_follows f WHERE f.network_id = t.network_id AND f.user_id = $1)
               OR EXISTS (SELECT 1 FROM thread_follows tf WHERE tf.thread_id = t.id AND tf.user_id = $1))",
        );
    if !access.is_admin() {
        q.push(
            " AND (n.members_only = 0 OR EXISTS (SELECT 1 FROM network_members m2
               WHERE m2.network_id = t.network_id AND m2.user_id = $1))",
        );
    }
    if unread_only {
        q.push(
            " AND t.last_post_id > COALESCE(r.last_read_post_id, 0)
              AND t.last_post_id > COALESCE(nr.read_through_post_id, 0)",
        );
    }
    if let Some(after) = after {
        let [at, id] = parse_cursor::<2>(after)?;
        q.push(" AND (t.last_activity_at < ")
            .int(at)
            .push(" OR (t.last_activity_at = ")
            .int(at)
            .push(" AND t.id < ")
            .int(id)
            .push("))");
    }
    q.push(" ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ")
        .int(first + 1);
    page(db, &q, first).await
}

/// Tags of threads, in one statement (for a data loader).
pub async fn tags_of(db: &Db, thread_ids: &[i64]) -> AppResult<HashMap<i64, Vec<Tag>>> {
    let mut out: HashMap<i64, Vec<Tag>> = HashMap::new();
    if thread_ids.is_empty() {
        return Ok(out);
    }
    let mut q = Sql::new(
        "SELECT tt.thread_id AS thread_id, g.id, g.slug, g.name, g.synonyms
         FROM thread_tags tt JOIN tags g ON g.id = tt.tag_id WHERE tt.thread_id IN (",
    );
    q.ints(thread_ids).push(") ORDER BY g.name");
    for r in q.query().fetch_all(db.counted()).await? {
        let thread_id: i64 = r.try_get("thread_id")?;
        out.entry(thread_id).or_default().push(Tag::from_row(&r)?);
    }
    Ok(out)
}

/// Changes to a thread's title, tags and kind.
#[derive(Default)]
pub struct ThreadUpdate {
    pub title: Option<String>,
    pub tags: Option<Vec<TagRef>>,
    /// Moderators only.
    pub kind: Option<ThreadKind>,
}

/// Retitles or retags a thread (its author or a moderator), or changes its kind (its
/// moderators: a question that becomes a discussion or an announcement loses its accepted
/// answer and its place in the FAQ, which only answered questions have).
pub async fn update(
    state: &AppState,
    access: &Access,
    id: i64,
    upd: ThreadUpdate,
) -> AppResult<Thread> {
    let me = access.user()?.user_id;
    let db = &state.db;
    let thread = require(db, access, id).await?;
    if thread.author_id != Some(me) && !access.can_moderate(thread.network.id) {
        return Err(AppError::forbidden());
    }
    let kind = upd.kind.filter(|k| *k != thread.kind);
    if kind.is_some() && !access.can_moderate(thread.network.id) {
        return Err(AppError::Forbidden(
            "Bara nätverkets moderatorer kan byta typ på en tråd.".into(),
        ));
    }
    let title = upd.title.as_deref().map(ThreadTitle::parse).transpose()?;
    let tags = match &upd.tags {
        Some(refs) => Some(resolve_tags(db, refs).await?),
        None => None,
    };
    let mut tx = db.begin_write().await?;
    if let Some(title) = &title {
        sqlx::query("UPDATE threads SET title = $1 WHERE id = $2")
            .bind(title.as_str())
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    if let Some(kind) = kind {
        sqlx::query("UPDATE threads SET kind = $1 WHERE id = $2")
            .bind(kind.as_str())
            .bind(id)
            .execute(&mut **tx)
            .await?;
        if thread.kind == ThreadKind::Question {
            sqlx::query(&format!(
                "UPDATE threads SET accepted_post_id = NULL, accepted_at = NULL, accepted_by = NULL,
                        {NOT_IN_FAQ}
                 WHERE id = $1"
            ))
            .bind(id)
            .execute(&mut **tx)
            .await?;
        }
    }
    if let Some(tags) = &tags {
        sqlx::query("DELETE FROM thread_tags WHERE thread_id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
        for tag in tags {
            sqlx::query("INSERT INTO thread_tags (thread_id, tag_id) VALUES ($1, $2)")
                .bind(id)
                .bind(tag.id)
                .execute(&mut **tx)
                .await?;
        }
    }
    touch(&mut tx, id).await?;
    tx.commit().await?;
    finish(state, &thread, ThreadEventKind::ThreadUpdated, None).await
}

/// Sets updated_at and records the change for search, inside the caller's transaction.
pub(crate) async fn touch(tx: &mut WriteTx, id: i64) -> AppResult<()> {
    sqlx::query("UPDATE threads SET updated_at = $1 WHERE id = $2")
        .bind(now_ms())
        .bind(id)
        .execute(&mut ***tx)
        .await?;
    change_log::record(tx, EntityKind::Thread, id).await?;
    Ok(())
}

/// Publishes the event of a committed write and returns the thread as it is now.
pub(crate) async fn finish(
    state: &AppState,
    before: &Thread,
    kind: ThreadEventKind,
    post_id: Option<i64>,
) -> AppResult<Thread> {
    let thread = get_unchecked(&state.db, before.id)
        .await?
        .ok_or_else(|| AppError::not_found("Tråden"))?;
    state.events.publish(
        state
            .events
            .event(kind, thread.id, thread.network.id, post_id),
    );
    Ok(thread)
}

/// Recomputes a thread's reply count and newest visible post after posts changed.
pub(crate) async fn refresh_counters(tx: &mut WriteTx, id: i64) -> AppResult<()> {
    sqlx::query(
        "UPDATE threads SET
           reply_count = (SELECT COUNT(*) FROM posts p WHERE p.thread_id = $1
                          AND p.hidden_at IS NULL AND p.id <> COALESCE(threads.first_post_id, 0)),
           last_post_id = COALESCE((SELECT MAX(p.id) FROM posts p WHERE p.thread_id = $1
                          AND p.hidden_at IS NULL), 0)
         WHERE id = $1",
    )
    .bind(id)
    .execute(&mut ***tx)
    .await?;
    Ok(())
}
