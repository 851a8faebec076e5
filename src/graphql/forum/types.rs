//! The forum's GraphQL objects: Network, Thread, Post and what hangs off them. Fields that
//! need more rows go through the data loaders (one statement per kind per page) and every
//! related object is checked against the caller's `Access` before it is shown.
//!
//! Long because the three objects share their loaders and access checks; splitting them
//! would spread one permission story over three files.

use async_graphql::{
    connection::{Connection, Edge},
    ComplexObject, Context, InputObject, Object, OutputType, Result, SimpleObject, ID,
};
use chrono::{DateTime, NaiveDate, Utc};

use crate::{
    accounts::NetworkRole,
    error::AppResult,
    events::ForumEvent,
    forum::{
        drafts::{self, DraftPlace},
        follows::Target,
        markdown,
        networks::{self, Member, Network},
        notifications::{Notification, NotificationKind},
        posts::{self, Post, Revision},
        reports::{self, Report},
        threads::{self, TagRef, Thread, ThreadFilter},
        HiddenReason, ThreadKind, ThreadStatus,
    },
    graphql::{
        accounts::{ts, UserObj},
        forum::{
            prime::{prime_members, prime_posts, prime_threads},
            DraftObj, ReportObj,
        },
        ids,
        library_types::AttachmentObj,
        loaders::{
            self, MemberCountLoader, NetworkRoleLoader, PostAttachmentsLoader, PostLoader,
            ThreadLoader, ThreadTagsLoader, UnreadPostsLoader, UnreadThreadsLoader, UserLoader,
        },
        page_size, parts,
        tags::TagObj,
    },
};

pub use crate::graphql::page_cost;

/// Decodes an opaque `after` cursor into the domain's keyset text.
pub fn after_key(after: &Option<String>) -> AppResult<Option<String>> {
    after.as_deref().map(ids::parse_cursor).transpose()
}

/// A Relay connection from a page of domain items.
pub fn connection<T, O: OutputType>(
    items: Vec<T>,
    has_next: bool,
    has_previous: bool,
    cursor: impl Fn(&T) -> String,
    wrap: impl Fn(T) -> O,
) -> Connection<String, O> {
    let mut c = Connection::new(has_previous, has_next);
    c.edges.extend(items.into_iter().map(|t| {
        let cur = ids::cursor(&cursor(&t));
        Edge::new(cur, wrap(t))
    }));
    c
}

fn loader<'a, T: Send + Sync + 'static>(ctx: &Context<'a>) -> &'a loaders::Cached<T> {
    loaders::get::<T>(ctx)
}

/// A user by id through the loader (null for none).
pub async fn user(ctx: &Context<'_>, id: Option<i64>) -> Result<Option<UserObj>> {
    Ok(match id {
        Some(id) => loader::<UserLoader>(ctx).load_one(id).await?.map(UserObj),
        None => None,
    })
}

/// A post by id through the loader, if the caller may see it.
async fn visible_post(ctx: &Context<'_>, id: Option<i64>) -> Result<Option<PostObj>> {
    let (_, access) = parts(ctx);
    Ok(match id {
        Some(id) => loader::<PostLoader>(ctx)
            .load_one(id)
            .await?
            .filter(|p| p.visible_to(access))
            .map(PostObj),
        None => None,
    })
}

/// A thread by id through the loader, if the caller may see it.
pub async fn visible_thread(ctx: &Context<'_>, id: i64) -> Result<Option<ThreadObj>> {
    let (_, access) = parts(ctx);
    Ok(loader::<ThreadLoader>(ctx)
        .load_one(id)
        .await?
        .filter(|t| t.visible_to(access))
        .map(ThreadObj))
}

/// Filters of a network's thread list.
#[derive(InputObject, Default)]
pub struct ThreadFilterInput {
    pub kind: Option<ThreadKind>,
    /// A tag by id, name, slug or synonym ("enskilda avlopp" finds Små avlopp).
    pub tag: Option<String>,
    /// OPEN or ANSWERED; matches questions only.
    pub status: Option<ThreadStatus>,
    /// Only threads started more than this many days ago (1–3650), e.g. questions still
    /// open after 7 days.
    pub older_than_days: Option<i32>,
}

/// A tag given by the client: a Tag id, or a name, slug or synonym.
pub fn tag_ref(s: &str) -> TagRef {
    match ids::decode(&ID(s.to_string()), "Tag") {
        Ok(id) => TagRef::Id(id),
        Err(_) => TagRef::Name(s.to_string()),
    }
}

pub struct NetworkObj(pub Network);

/// A network (nätverk): an open one every signed-in user reads, or a members-only group.
#[Object(name = "Network")]
impl NetworkObj {
    pub async fn id(&self) -> ID {
        ids::encode("Network", self.0.id)
    }
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The network's purpose (syfte).
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// Only members (and admins) see a members-only network at all.
    async fn members_only(&self) -> bool {
        self.0.members_only
    }
    /// Offered, ticked, when an admin creates or invites a user.
    async fn join_by_default(&self) -> bool {
        self.0.join_by_default
    }
    async fn created_at(&self) -> DateTime<Utc> {
        ts(self.0.created_at)
    }
    /// My role here, or null when I am not a member.
    async fn my_role(&self, ctx: &Context<'_>) -> Result<Option<NetworkRole>> {
        let (_, access) = parts(ctx);
        let Some(me) = access.signed_in_user_id() else {
            return Ok(None);
        };
        loader::<NetworkRoleLoader>(ctx)
            .load_one((me, self.0.id))
            .await
    }
    async fn member_count(&self, ctx: &Context<'_>) -> Result<i64> {
        Ok(loader::<MemberCountLoader>(ctx)
            .load_one(self.0.id)
            .await?
            .unwrap_or(0))
    }
    /// Threads with posts I have not read (oläst).
    async fn unread_count(&self, ctx: &Context<'_>) -> Result<i64> {
        let (_, access) = parts(ctx);
        let Some(me) = access.signed_in_user_id() else {
            return Ok(0);
        };
        Ok(loader::<UnreadThreadsLoader>(ctx)
            .load_one((me, self.0.id))
            .await?
            .unwrap_or(0))
    }
    /// Do I follow (bevaka) it: told about its announcements.
    async fn following(&self, ctx: &Context<'_>) -> Result<bool> {
        loaders::follows(ctx, Target::Network(self.0.id)).await
    }
    /// May I moderate it (members, pin, lock, move, hide, announcements)?
    async fn viewer_can_moderate(&self, ctx: &Context<'_>) -> bool {
        parts(ctx).1.can_moderate(self.0.id)
    }
    /// Threads, pinned first, then by latest activity.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn threads(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        filter: Option<ThreadFilterInput>,
    ) -> Result<Connection<String, ThreadObj>> {
        let (state, access) = parts(ctx);
        let n = page_size(first)?;
        let f = filter.unwrap_or_default();
        let filter = ThreadFilter {
            kind: f.kind,
            tag: f.tag.as_deref().map(tag_ref),
            status: f.status,
            older_than_days: f.older_than_days.map(i64::from),
        };
        let key = after_key(&after)?;
        let (items, more) =
            threads::list(&state.db, access, &self.0, &filter, n, key.as_deref()).await?;
        prime_threads(ctx, &items).await?;
        Ok(connection(
            items,
            more,
            key.is_some(),
            Thread::list_cursor,
            ThreadObj,
        ))
    }
    /// Vanliga frågor: answered questions a moderator promoted, newest first.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn faq(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, ThreadObj>> {
        let (state, access) = parts(ctx);
        let n = page_size(first)?;
        let key = after_key(&after)?;
        let (items, more) = threads::faq(&state.db, access, &self.0, n, key.as_deref()).await?;
        prime_threads(ctx, &items).await?;
        Ok(connection(
            items,
            more,
            key.is_some(),
            Thread::faq_cursor,
            ThreadObj,
        ))
    }
    /// Members and moderators, by name.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn members(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, NetworkMemberObj>> {
        let (state, access) = parts(ctx);
        let n = page_size(first)?;
        let key = after_key(&after)?;
        let (items, more) =
            networks::members(&state.db, access, &self.0, n, key.as_deref()).await?;
        prime_members(ctx, &items).await?;
        Ok(connection(
            items,
            more,
            key.is_some(),
            Member::cursor,
            NetworkMemberObj,
        ))
    }
    /// The recycle bin (papperskorgen): hidden posts, latest first (moderators only).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn hidden_posts(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, PostObj>> {
        let (state, access) = parts(ctx);
        let n = page_size(first)?;
        let key = after_key(&after)?;
        let (items, more) =
            posts::hidden_in_network(&state.db, access, self.0.id, n, key.as_deref()).await?;
        prime_posts(ctx, &items).await?;
        Ok(connection(
            items,
            more,
            key.is_some(),
            |p: &Post| format!("{}:{}", p.hidden_at.unwrap_or(0), p.id),
            PostObj,
        ))
    }

    /// Reports (anmälningar) of posts here, newest first: the open ones, or with
    /// `open: false` the resolved ones (moderators and admins only).
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn reports(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        #[graphql(default = true)] open: bool,
    ) -> Result<Connection<String, ReportObj>> {
        let (state, access) = parts(ctx);
        let n = page_size(first)?;
        let key = after_key(&after)?;
        let (items, more) =
            reports::in_network(&state.db, access, self.0.id, open, n, key.as_deref()).await?;
        loaders::prime::<PostLoader, _>(ctx, items.iter().map(|r| r.post_id)).await?;
        Ok(connection(
            items,
            more,
            key.is_some(),
            |r: &Report| r.id.to_string(),
            ReportObj,
        ))
    }
    /// My draft of a new question here (only mine; null when there is none).
    async fn my_draft(&self, ctx: &Context<'_>) -> Result<Option<DraftObj>> {
        let (state, access) = parts(ctx);
        Ok(
            drafts::mine(&state.db, access, DraftPlace::Network(self.0.id))
                .await?
                .map(DraftObj),
        )
    }
    /// How many reports wait for a moderator; null unless I moderate the network.
    async fn open_report_count(&self, ctx: &Context<'_>) -> Result<Option<i64>> {
        let (state, access) = parts(ctx);
        Ok(reports::open_count(&state.db, access, self.0.id).await?)
    }
}

pub struct NetworkMemberObj(pub Member);

#[Object(name = "NetworkMember")]
impl NetworkMemberObj {
    async fn user(&self, ctx: &Context<'_>) -> Result<Option<UserObj>> {
        user(ctx, Some(self.0.user_id)).await
    }
    async fn role(&self) -> NetworkRole {
        self.0.role
    }
    async fn joined_at(&self) -> DateTime<Utc> {
        ts(self.0.joined_at)
    }
}

/// A question promoted to the network's FAQ.
#[derive(SimpleObject)]
#[graphql(complex, name = "Faq")]
pub struct FaqObj {
    pub summary: String,
    pub promoted_at: DateTime<Utc>,
    #[graphql(skip)]
    pub promoted_by: Option<i64>,
    /// The day a moderator is to look at the entry again (granskas senast).
    pub review_by: Option<NaiveDate>,
    /// When a moderator last marked it reviewed (null until the first time).
    pub reviewed_at: Option<DateTime<Utc>>,
    #[graphql(skip)]
    pub reviewed_by: Option<i64>,
}

#[ComplexObject]
impl FaqObj {
    async fn promoted_by(&self, ctx: &Context<'_>) -> Result<Option<UserObj>> {
        user(ctx, self.promoted_by).await
    }
    /// Who last marked it reviewed.
    async fn reviewed_by(&self, ctx: &Context<'_>) -> Result<Option<UserObj>> {
        user(ctx, self.reviewed_by).await
    }
    /// True when the review-by date has passed (in Swedish time).
    async fn review_overdue(&self) -> bool {
        self.review_by.is_some_and(|d| d < crate::dates::today())
    }
}

pub struct ThreadObj(pub Thread);

/// A thread (tråd): a question, a discussion or an announcement (anslag).
#[Object(name = "Thread")]
impl ThreadObj {
    pub async fn id(&self) -> ID {
        ids::encode("Thread", self.0.id)
    }
    async fn network(&self) -> NetworkObj {
        NetworkObj(self.0.network.clone())
    }
    async fn kind(&self) -> ThreadKind {
        self.0.kind
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// OPEN (obesvarad) or ANSWERED (besvarad) for questions; null otherwise.
    async fn status(&self) -> Option<ThreadStatus> {
        self.0.status()
    }
    /// Fäst: listed first.
    async fn pinned(&self) -> bool {
        self.0.pinned
    }
    /// Låst: replies are refused (except from moderators).
    async fn locked(&self) -> bool {
        self.0.locked
    }
    /// In the recycle bin (its opening post is hidden); only moderators see such threads.
    async fn hidden(&self) -> bool {
        self.0.hidden
    }
    async fn author(&self, ctx: &Context<'_>) -> Result<Option<UserObj>> {
        user(ctx, self.0.author_id).await
    }
    async fn tags(&self, ctx: &Context<'_>) -> Result<Vec<TagObj>> {
        Ok(loader::<ThreadTagsLoader>(ctx)
            .load_one(self.0.id)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(TagObj)
            .collect())
    }
    /// The opening post (the question itself).
    async fn first_post(&self, ctx: &Context<'_>) -> Result<Option<PostObj>> {
        visible_post(ctx, self.0.first_post_id).await
    }
    /// The reply marked as the solution (markerat som lösning).
    async fn accepted_answer(&self, ctx: &Context<'_>) -> Result<Option<PostObj>> {
        visible_post(ctx, self.0.accepted_post_id).await
    }
    async fn accepted_at(&self) -> Option<DateTime<Utc>> {
        self.0.accepted_at.map(ts)
    }
    /// Set when the question is in the network's FAQ (vanliga frågor).
    async fn faq(&self) -> Option<FaqObj> {
        Some(FaqObj {
            summary: self.0.faq_summary.clone()?,
            promoted_at: ts(self.0.faq_at?),
            promoted_by: self.0.faq_by,
            review_by: self.0.faq_review_by,
            reviewed_at: self.0.faq_reviewed_at.map(ts),
            reviewed_by: self.0.faq_reviewed_by,
        })
    }
    /// Visible replies (the opening post not counted).
    async fn reply_count(&self) -> i64 {
        self.0.reply_count
    }
    async fn last_activity_at(&self) -> DateTime<Utc> {
        ts(self.0.last_activity_at)
    }
    async fn created_at(&self) -> DateTime<Utc> {
        ts(self.0.created_at)
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        ts(self.0.updated_at)
    }
    /// Posts, oldest first, the opening post included. Moderators also see hidden ones.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn posts(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, PostObj>> {
        let (state, access) = parts(ctx);
        let n = page_size(first)?;
        let key = after_key(&after)?;
        let (items, more) = posts::list(&state.db, access, &self.0, n, key.as_deref()).await?;
        prime_posts(ctx, &items).await?;
        Ok(connection(
            items,
            more,
            key.is_some(),
            |p: &Post| p.id.to_string(),
            PostObj,
        ))
    }
    /// Posts I have not read.
    async fn unread_count(&self, ctx: &Context<'_>) -> Result<i64> {
        let (_, access) = parts(ctx);
        let Some(me) = access.signed_in_user_id() else {
            return Ok(0);
        };
        Ok(loader::<UnreadPostsLoader>(ctx)
            .load_one((me, self.0.id))
            .await?
            .unwrap_or(0))
    }
    /// Do I follow (bevaka) it: told about replies and the accepted answer.
    async fn following(&self, ctx: &Context<'_>) -> Result<bool> {
        loaders::follows(ctx, Target::Thread(self.0.id)).await
    }
    /// My draft of a reply here (only mine; null when there is none).
    async fn my_draft(&self, ctx: &Context<'_>) -> Result<Option<DraftObj>> {
        let (state, access) = parts(ctx);
        Ok(
            drafts::mine(&state.db, access, DraftPlace::Thread(self.0.id))
                .await?
                .map(DraftObj),
        )
    }
    /// May I reply (not locked, or I moderate it)?
    async fn viewer_can_reply(&self, ctx: &Context<'_>) -> bool {
        self.0.accepts_reply_from(parts(ctx).1)
    }
    /// May I mark the solution (the asker or a moderator, questions only)?
    async fn viewer_can_accept(&self, ctx: &Context<'_>) -> bool {
        self.0.solution_markable_by(parts(ctx).1)
    }
    /// May I pin, lock, move, hide and promote to the FAQ?
    async fn viewer_can_moderate(&self, ctx: &Context<'_>) -> bool {
        parts(ctx).1.can_moderate(self.0.network.id)
    }
}

pub struct PostObj(pub Post);

/// A post (inlägg): the opening post of a thread or a reply. Markdown, shown as sanitised HTML.
#[Object(name = "Post")]
impl PostObj {
    pub async fn id(&self) -> ID {
        ids::encode("Post", self.0.id)
    }
    async fn thread(&self, ctx: &Context<'_>) -> Result<Option<ThreadObj>> {
        visible_thread(ctx, self.0.thread_id).await
    }
    async fn author(&self, ctx: &Context<'_>) -> Result<Option<UserObj>> {
        user(ctx, self.0.author_id).await
    }
    /// The Markdown as written (for editing and quoting).
    async fn body(&self) -> &str {
        &self.0.body
    }
    /// Sanitised HTML: safe to insert into a page as is.
    async fn body_html(&self) -> &str {
        &self.0.body_html
    }
    /// Plain text, at most `maxChars` characters (for lists and notifications).
    async fn excerpt(&self, #[graphql(default = 200)] max_chars: i32) -> String {
        markdown::excerpt(&self.0.body, max_chars.clamp(1, 2000) as usize)
    }
    /// The post this reply quotes, when it quoted one and it is still visible.
    async fn quoted_post(&self, ctx: &Context<'_>) -> Result<Option<PostObj>> {
        visible_post(ctx, self.0.quote_of).await
    }
    /// The opening post of its thread.
    async fn is_first(&self) -> bool {
        self.0.is_first
    }
    /// Marked as the solution (markerat som lösning).
    async fn is_accepted(&self) -> bool {
        self.0.is_accepted
    }
    /// In the recycle bin (only moderators see hidden posts in lists).
    async fn hidden(&self) -> bool {
        self.0.hidden_at.is_some()
    }
    async fn hidden_reason(&self) -> Option<HiddenReason> {
        self.0.hidden_reason
    }
    async fn hidden_at(&self) -> Option<DateTime<Utc>> {
        self.0.hidden_at.map(ts)
    }
    /// Why a moderator hid it, when they said (moderators see this; the author is told in a
    /// POST_HIDDEN notification).
    async fn hidden_note(&self, ctx: &Context<'_>) -> Option<&str> {
        if !parts(ctx).1.can_moderate(self.0.network_id) {
            return None;
        }
        self.0.hidden_note.as_deref()
    }
    /// Who hid it (moderators see this).
    async fn hidden_by(&self, ctx: &Context<'_>) -> Result<Option<UserObj>> {
        if !parts(ctx).1.can_moderate(self.0.network_id) {
            return Ok(None);
        }
        user(ctx, self.0.hidden_by).await
    }
    async fn created_at(&self) -> DateTime<Utc> {
        ts(self.0.created_at)
    }
    /// Set when the post was edited; `postRevisions` has the earlier versions.
    async fn edited_at(&self) -> Option<DateTime<Utc>> {
        self.0.edited_at.map(ts)
    }
    async fn edited_by(&self, ctx: &Context<'_>) -> Result<Option<UserObj>> {
        user(ctx, self.0.edited_by).await
    }
    /// May I edit it (its author while it is visible, or a moderator)?
    async fn viewer_can_edit(&self, ctx: &Context<'_>) -> bool {
        self.0.editable_by(parts(ctx).1)
    }
    /// May I hide and restore it (a moderator)?
    async fn viewer_can_hide(&self, ctx: &Context<'_>) -> bool {
        self.0.hideable_by(parts(ctx).1)
    }
    /// May I report it to the moderators (visible, not hidden, not mine)?
    async fn viewer_can_report(&self, ctx: &Context<'_>) -> bool {
        reports::reportable_by(&self.0, parts(ctx).1)
    }
    /// Its files (bilagor), the newest version of each, by name. Upload more with
    /// `uploadAttachment` and this post's id as `ownerId`.
    async fn attachments(&self, ctx: &Context<'_>) -> Result<Vec<AttachmentObj>> {
        // Whoever holds this post may read it, and a post's files follow the post.
        Ok(loader::<PostAttachmentsLoader>(ctx)
            .load_one(self.0.id)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(AttachmentObj)
            .collect())
    }
}

pub struct PostRevisionObj(pub Revision);

/// An earlier version of a post (versionshistorik).
#[Object(name = "PostRevision")]
impl PostRevisionObj {
    async fn id(&self) -> ID {
        ids::encode("PostRevision", self.0.id)
    }
    /// The earlier Markdown.
    async fn body(&self) -> &str {
        &self.0.body
    }
    async fn body_html(&self) -> String {
        markdown::render(&self.0.body)
    }
    /// Who wrote this version, and when.
    async fn written_by(&self, ctx: &Context<'_>) -> Result<Option<UserObj>> {
        user(ctx, self.0.written_by).await
    }
    async fn written_at(&self) -> DateTime<Utc> {
        ts(self.0.written_at)
    }
    /// Who replaced it with a newer version, and when.
    async fn replaced_by(&self, ctx: &Context<'_>) -> Result<Option<UserObj>> {
        user(ctx, self.0.replaced_by).await
    }
    async fn replaced_at(&self) -> DateTime<Utc> {
        ts(self.0.replaced_at)
    }
}

pub struct NotificationObj(pub Notification);

/// An in-app notification (avisering).
#[Object(name = "Notification")]
impl NotificationObj {
    async fn id(&self) -> ID {
        ids::encode("Notification", self.0.id)
    }
    async fn kind(&self) -> NotificationKind {
        self.0.kind
    }
    async fn thread(&self) -> ThreadObj {
        ThreadObj(self.0.thread.clone())
    }
    async fn post(&self, ctx: &Context<'_>) -> Result<Option<PostObj>> {
        visible_post(ctx, self.0.post_id).await
    }
    /// Who replied, accepted, mentioned or announced.
    async fn actor(&self, ctx: &Context<'_>) -> Result<Option<UserObj>> {
        user(ctx, self.0.actor_id).await
    }
    async fn created_at(&self) -> DateTime<Utc> {
        ts(self.0.created_at)
    }
    async fn read(&self) -> bool {
        self.0.read_at.is_some()
    }
    /// REPORT: the reporter's reason. POST_HIDDEN: why the moderator hid my post.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    async fn read_at(&self) -> Option<DateTime<Utc>> {
        self.0.read_at.map(ts)
    }
}

/// A live event in a thread. `post` and `thread` are read again with the subscriber's
/// rights, so a hidden post shows as null to those who may not see it.
pub struct ThreadEventObj(pub ForumEvent);

#[Object(name = "ThreadEvent")]
impl ThreadEventObj {
    async fn kind(&self) -> crate::events::ThreadEventKind {
        self.0.kind
    }
    async fn thread_id(&self) -> ID {
        ids::encode("Thread", self.0.thread_id)
    }
    async fn at(&self) -> DateTime<Utc> {
        ts(self.0.at)
    }
    async fn thread(&self, ctx: &Context<'_>) -> Result<Option<ThreadObj>> {
        let (state, access) = parts(ctx);
        Ok(threads::get(&state.db, access, self.0.thread_id)
            .await?
            .map(ThreadObj))
    }
    async fn post(&self, ctx: &Context<'_>) -> Result<Option<PostObj>> {
        let (state, access) = parts(ctx);
        Ok(match self.0.post_id {
            Some(id) => posts::get(&state.db, access, id).await?.map(PostObj),
            None => None,
        })
    }
}
