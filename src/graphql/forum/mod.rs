//! GraphQL for the forum: queries, mutations (Relay-style `input` and payload) and the
//! `threadEvents` subscription. Resolvers parse ids, call `crate::forum` with the caller's
//! `Access` and wrap the result.

mod drafts;
mod inputs;
mod moderation;
mod mutation;
mod prime;
pub mod types;

use async_graphql::{
    connection::Connection, Context, Object, Result, SimpleObject, Subscription, ID,
};
use futures::{Stream, StreamExt};

pub use drafts::{DraftObj, DraftsMutation};
pub use moderation::{ModerationMutation, ReportObj};
pub use mutation::ForumMutation;
use prime::{prime_networks, prime_notifications, prime_threads};
use types::{
    after_key, connection, page_cost, NetworkObj, NotificationObj, PostRevisionObj, ThreadEventObj,
    ThreadObj,
};

use crate::{
    forum::{digest, networks, notifications, posts, threads, threads::Thread},
    graphql::{ids, library_types::Page, page_size, parts},
};

#[derive(SimpleObject)]
#[graphql(name = "NotificationSettings")]
pub struct NotificationSettingsObj {
    /// How often unread notifications may come by e-mail (when the site sends e-mail).
    pub digest: digest::DigestFrequency,
}

#[derive(Default)]
pub struct ForumQuery;

#[Object]
impl ForumQuery {
    /// The networks I may read, by name (members-only ones only when I am a member).
    async fn networks(&self, ctx: &Context<'_>) -> Result<Vec<NetworkObj>> {
        let (state, access) = parts(ctx);
        let list = networks::list(&state.db, access).await?;
        prime_networks(ctx, &list).await?;
        Ok(list.into_iter().map(NetworkObj).collect())
    }

    /// A network by its slug; null when it does not exist or I may not read it.
    async fn network(&self, ctx: &Context<'_>, slug: String) -> Result<Option<NetworkObj>> {
        let (state, access) = parts(ctx);
        Ok(networks::by_slug(&state.db, access, &slug)
            .await?
            .map(NetworkObj))
    }

    /// A thread; null when it does not exist or I may not read it.
    async fn thread(&self, ctx: &Context<'_>, id: ID) -> Result<Option<ThreadObj>> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&id, "Thread")?;
        Ok(threads::get(&state.db, access, id).await?.map(ThreadObj))
    }

    /// The version history of a post: earlier versions, oldest first.
    async fn post_revisions(&self, ctx: &Context<'_>, post_id: ID) -> Result<Vec<PostRevisionObj>> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&post_id, "Post")?;
        Ok(posts::revisions(&state.db, access, id)
            .await?
            .into_iter()
            .map(PostRevisionObj)
            .collect())
    }

    /// What a post would look like (förhandsgranska): `body` rendered to the same sanitised
    /// HTML as `Post.bodyHtml`, with the quoted post above it as `createPost` would put it.
    /// Nothing is saved.
    async fn preview_post(
        &self,
        ctx: &Context<'_>,
        body: String,
        quote_post_id: Option<ID>,
    ) -> Result<String> {
        let (state, access) = parts(ctx);
        let quote = quote_post_id
            .map(|id| ids::decode(&id, "Post"))
            .transpose()?;
        Ok(posts::preview(&state.db, access, &body, quote).await?)
    }

    /// "Nytt sedan sist": threads with activity in my networks and threads I follow, newest
    /// first; by default only those with posts I have not read.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn new_since_last_visit(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        #[graphql(default = true)] unread_only: bool,
    ) -> Result<Connection<String, ThreadObj>> {
        let (state, access) = parts(ctx);
        let n = page_size(first)?;
        let key = after_key(&after)?;
        let (items, more) =
            threads::new_since_last_visit(&state.db, access, unread_only, n, key.as_deref())
                .await?;
        prime_threads(ctx, &items).await?;
        Ok(connection(
            items,
            more,
            key.is_some(),
            Thread::activity_cursor,
            ThreadObj,
        ))
    }

    /// FAQ entries I am to look at again: in the networks I moderate (admins: all), review-by
    /// date passed or within `withinDays` (default 30), soonest first. Empty for members
    /// who moderate nothing.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn faq_due_for_review(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 30)] within_days: i32,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, ThreadObj>> {
        let (state, access) = parts(ctx);
        let within = crate::graphql::within_days(within_days)?;
        let page = Page::parse(first, after)?;
        let items =
            threads::faq_due_for_review(&state.db, access, within, page.offset, page.fetch_limit())
                .await?;
        prime_threads(ctx, &items).await?;
        Ok(page.connection(items.into_iter().map(ThreadObj).collect()))
    }

    /// My notifications (aviseringar), newest first.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn notifications(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        #[graphql(default)] unread_only: bool,
    ) -> Result<Connection<String, NotificationObj>> {
        let (state, access) = parts(ctx);
        let n = page_size(first)?;
        let key = after_key(&after)?;
        let (items, more) =
            notifications::list(&state.db, access, unread_only, n, key.as_deref()).await?;
        prime_notifications(ctx, &items).await?;
        Ok(connection(
            items,
            more,
            key.is_some(),
            |n| n.id.to_string(),
            NotificationObj,
        ))
    }

    /// How many of my notifications are unread.
    async fn unread_notification_count(&self, ctx: &Context<'_>) -> Result<i64> {
        let (state, access) = parts(ctx);
        Ok(notifications::unread_count(&state.db, access).await?)
    }

    /// My notification settings.
    async fn notification_settings(&self, ctx: &Context<'_>) -> Result<NotificationSettingsObj> {
        let (state, access) = parts(ctx);
        Ok(NotificationSettingsObj {
            digest: digest::frequency(&state.db, access).await?,
        })
    }
}

#[derive(Default)]
pub struct ForumSubscription;

#[Subscription]
impl ForumSubscription {
    /// Live events of a thread I may read: new, edited, hidden and restored posts, the
    /// accepted answer and thread changes. Authenticates with the session cookie of the
    /// WebSocket upgrade or an `Authorization: Bearer …` in `connection_init`.
    async fn thread_events(
        &self,
        ctx: &Context<'_>,
        thread_id: ID,
    ) -> Result<impl Stream<Item = ThreadEventObj>> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&thread_id, "Thread")?;
        threads::require(&state.db, access, id).await?;
        let principal = access.user()?.clone();
        let db = state.db.clone();
        // Rights can change while a subscription is open (removed from the network,
        // deactivated): every event is checked again with fresh memberships.
        Ok(state.events.thread_stream(id).filter_map(move |event| {
            let db = db.clone();
            let p = principal.clone();
            async move {
                let user = crate::accounts::users::get(&db, p.user_id).await.ok()??;
                if !user.active || user.erased {
                    return None;
                }
                let fresh = crate::accounts::Access::for_user(
                    &db,
                    user.id,
                    user.display_name,
                    user.role,
                    user.organisation_id,
                    p.via,
                )
                .await
                .ok()?;
                threads::require(&db, &fresh, id).await.ok()?;
                Some(ThreadEventObj(event))
            }
        }))
    }
}
