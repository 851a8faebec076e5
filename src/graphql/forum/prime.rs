//! Priming the request's loaders for a whole page before its items resolve: one statement
//! per kind of related row, and only for fields the query actually selects.

use async_graphql::{Context, Result};

use crate::{
    forum::{
        follows::Target,
        networks::{Member, Network},
        notifications::Notification,
        posts::Post,
        threads::Thread,
    },
    graphql::{
        loaders::{
            self, FollowLoader, MemberCountLoader, NetworkRoleLoader, PostAttachmentsLoader,
            PostLoader, ThreadTagsLoader, UnreadPostsLoader, UnreadThreadsLoader, UserLoader,
        },
        parts,
    },
};

fn me(ctx: &Context<'_>) -> Option<i64> {
    parts(ctx).1.signed_in_user_id()
}

/// Is `field` selected on the items of the connection being resolved?
fn item_wants(ctx: &Context<'_>, field: &str) -> bool {
    let look = ctx.look_ahead();
    look.field("edges").field("node").field(field).exists()
        || look.field("nodes").field(field).exists()
}

/// Loads what a page of threads will ask for, one statement per kind, before the threads
/// resolve: authors, tags, my unread counts and follows, opening and accepted posts.
pub async fn prime_threads(ctx: &Context<'_>, items: &[Thread]) -> Result<()> {
    let me = me(ctx);
    if item_wants(ctx, "author") {
        loaders::prime::<UserLoader, _>(ctx, items.iter().filter_map(|t| t.author_id)).await?;
    }
    if item_wants(ctx, "tags") {
        loaders::prime::<ThreadTagsLoader, _>(ctx, items.iter().map(|t| t.id)).await?;
    }
    if let Some(me) = me {
        if item_wants(ctx, "unreadCount") {
            loaders::prime::<UnreadPostsLoader, _>(ctx, items.iter().map(|t| (me, t.id))).await?;
        }
        if item_wants(ctx, "following") {
            loaders::prime::<FollowLoader, _>(
                ctx,
                items.iter().map(|t| (me, Target::Thread(t.id))),
            )
            .await?;
        }
    }
    let mut post_ids = Vec::new();
    if item_wants(ctx, "firstPost") {
        post_ids.extend(items.iter().filter_map(|t| t.first_post_id));
    }
    if item_wants(ctx, "acceptedAnswer") {
        post_ids.extend(items.iter().filter_map(|t| t.accepted_post_id));
    }
    loaders::prime::<PostLoader, _>(ctx, post_ids).await
}

/// Loads what a page of posts will ask for: the posts themselves (quotes usually point into
/// the page), the posts they quote, and their authors and editors with organisations.
pub async fn prime_posts(ctx: &Context<'_>, items: &[Post]) -> Result<()> {
    if item_wants(ctx, "quotedPost") {
        loaders::feed::<PostLoader, _>(ctx, items.iter().map(|p| (p.id, p.clone()))).await;
        let in_page: std::collections::HashSet<i64> = items.iter().map(|p| p.id).collect();
        loaders::prime::<PostLoader, _>(
            ctx,
            items
                .iter()
                .filter_map(|p| p.quote_of)
                .filter(|q| !in_page.contains(q)),
        )
        .await?;
    }
    if item_wants(ctx, "attachments") {
        loaders::prime::<PostAttachmentsLoader, _>(ctx, items.iter().map(|p| p.id)).await?;
    }
    let mut users: Vec<i64> = Vec::new();
    if item_wants(ctx, "author") {
        users.extend(items.iter().filter_map(|p| p.author_id));
    }
    if item_wants(ctx, "editedBy") {
        users.extend(items.iter().filter_map(|p| p.edited_by));
    }
    loaders::prime::<UserLoader, _>(ctx, users).await
}

/// Loads what a list of networks will ask for: my roles, unread counts and follows, and
/// member counts.
pub async fn prime_networks(ctx: &Context<'_>, items: &[Network]) -> Result<()> {
    let look = ctx.look_ahead();
    let ids = || items.iter().map(|n| n.id);
    if look.field("memberCount").exists() {
        loaders::prime::<MemberCountLoader, _>(ctx, ids()).await?;
    }
    if let Some(me) = me(ctx) {
        if look.field("myRole").exists() {
            loaders::prime::<NetworkRoleLoader, _>(ctx, ids().map(|n| (me, n))).await?;
        }
        if look.field("unreadCount").exists() {
            loaders::prime::<UnreadThreadsLoader, _>(ctx, ids().map(|n| (me, n))).await?;
        }
        if look.field("following").exists() {
            loaders::prime::<FollowLoader, _>(ctx, ids().map(|n| (me, Target::Network(n)))).await?;
        }
    }
    Ok(())
}

/// Loads the users of a page of network members.
pub async fn prime_members(ctx: &Context<'_>, items: &[Member]) -> Result<()> {
    if item_wants(ctx, "user") {
        loaders::prime::<UserLoader, _>(ctx, items.iter().map(|m| m.user_id)).await?;
    }
    Ok(())
}

/// Loads the actors and posts of a page of notifications.
pub async fn prime_notifications(ctx: &Context<'_>, items: &[Notification]) -> Result<()> {
    if item_wants(ctx, "actor") {
        loaders::prime::<UserLoader, _>(ctx, items.iter().filter_map(|n| n.actor_id)).await?;
    }
    if item_wants(ctx, "post") {
        loaders::prime::<PostLoader, _>(ctx, items.iter().filter_map(|n| n.post_id)).await?;
    }
    Ok(())
}
