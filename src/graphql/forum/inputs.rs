//! Inputs and payloads of the forum's mutations (Relay style: one `input`, one payload).

use async_graphql::{Context, InputObject, Result, SimpleObject, ID};
use chrono::NaiveDate;

use crate::{
    accounts::NetworkRole,
    forum::{digest::DigestFrequency, ThreadKind},
    graphql::{
        accounts::UserObj,
        forum::{
            types::{user, NetworkObj, PostObj, ThreadObj},
            NotificationSettingsObj,
        },
    },
};

#[derive(InputObject)]
pub struct CreateNetworkInput {
    pub name: String,
    /// Address-safe short name; derived from the name when left out.
    pub slug: Option<String>,
    #[graphql(default)]
    pub description: String,
    #[graphql(default)]
    pub members_only: bool,
}

#[derive(InputObject)]
pub struct UpdateNetworkInput {
    pub id: ID,
    pub name: Option<String>,
    pub description: Option<String>,
    pub members_only: Option<bool>,
    /// Whether a new user is offered this network, ticked (admins' create and invite).
    pub join_by_default: Option<bool>,
}

#[derive(InputObject)]
pub struct NetworkInput {
    pub network_id: ID,
}

#[derive(InputObject)]
pub struct SetNetworkMemberInput {
    pub network_id: ID,
    pub user_id: ID,
    /// The new role; null removes the member.
    pub role: Option<NetworkRole>,
}

#[derive(SimpleObject)]
pub struct NetworkPayload {
    pub network: NetworkObj,
}

#[derive(SimpleObject)]
pub struct MembershipPayload {
    pub network: NetworkObj,
    /// The member's role now; null when removed.
    pub role: Option<NetworkRole>,
}

#[derive(SimpleObject)]
pub struct LeaveNetworkPayload {
    pub network_id: ID,
}

#[derive(InputObject)]
pub struct CreateThreadInput {
    pub network_id: ID,
    pub kind: ThreadKind,
    pub title: String,
    /// The opening post, Markdown.
    pub body: String,
    /// Tillsynsområden: Tag ids, or names, slugs or synonyms.
    #[graphql(default)]
    pub tags: Vec<String>,
}

#[derive(SimpleObject)]
pub struct CreateThreadPayload {
    pub thread: ThreadObj,
    pub post: PostObj,
}

#[derive(InputObject)]
pub struct UpdateThreadInput {
    pub thread_id: ID,
    pub title: Option<String>,
    /// Replaces all tags when given.
    pub tags: Option<Vec<String>>,
    /// A new kind (moderators only). Leaving QUESTION clears the accepted answer and the
    /// FAQ entry.
    pub kind: Option<ThreadKind>,
}

#[derive(SimpleObject)]
pub struct ThreadPayload {
    pub thread: ThreadObj,
}

#[derive(InputObject)]
pub struct ThreadInput {
    pub thread_id: ID,
}

#[derive(InputObject)]
pub struct LockThreadInput {
    pub thread_id: ID,
    #[graphql(default = true)]
    pub locked: bool,
}

#[derive(InputObject)]
pub struct PinThreadInput {
    pub thread_id: ID,
    #[graphql(default = true)]
    pub pinned: bool,
}

#[derive(InputObject)]
pub struct MoveThreadInput {
    pub thread_id: ID,
    pub network_id: ID,
}

#[derive(InputObject)]
pub struct AcceptAnswerInput {
    pub thread_id: ID,
    /// The reply that solved the question; null clears the mark.
    pub post_id: Option<ID>,
}

#[derive(InputObject)]
pub struct PromoteToFaqInput {
    pub thread_id: ID,
    /// A short summary of the answer (10–1000 characters).
    pub summary: String,
    /// The day a moderator is to look at the entry again (after today). Left out, an entry
    /// already in the FAQ keeps its date and a new one gets 12 months from today.
    pub review_by: Option<NaiveDate>,
}

#[derive(InputObject)]
pub struct MarkFaqReviewedInput {
    pub thread_id: ID,
    /// The next review-by date (after today); 12 months from today when left out.
    pub next_review_by: Option<NaiveDate>,
}

#[derive(InputObject)]
pub struct CreatePostInput {
    pub thread_id: ID,
    /// Markdown. @handle (the local part of a colleague's e-mail) notifies them.
    pub body: String,
    /// A post in the same thread to quote above the reply.
    pub quote_post_id: Option<ID>,
}

#[derive(InputObject)]
pub struct EditPostInput {
    pub post_id: ID,
    pub body: String,
}

#[derive(InputObject)]
pub struct PostInput {
    pub post_id: ID,
}

#[derive(InputObject)]
pub struct HidePostInput {
    pub post_id: ID,
    /// Why (at most 1000 characters): the author is told in a POST_HIDDEN notification.
    pub reason: Option<String>,
}

#[derive(SimpleObject)]
pub struct PostPayload {
    pub post: PostObj,
}

#[derive(InputObject)]
pub struct FollowInput {
    /// A Network or Thread id.
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct FollowPayload {
    pub id: ID,
    pub following: bool,
}

#[derive(InputObject)]
pub struct MarkNotificationsReadInput {
    /// These notifications; when left out, all of mine.
    pub ids: Option<Vec<ID>>,
}

#[derive(SimpleObject)]
pub struct MarkNotificationsReadPayload {
    pub unread_count: i64,
}

#[derive(InputObject)]
pub struct UpdateNotificationSettingsInput {
    pub digest: DigestFrequency,
}

#[derive(SimpleObject)]
pub struct NotificationSettingsPayload {
    pub settings: NotificationSettingsObj,
}

#[derive(SimpleObject)]
#[graphql(complex)]
pub struct SetNetworkMemberPayload {
    pub network: NetworkObj,
    pub role: Option<NetworkRole>,
    #[graphql(skip)]
    pub user_id: i64,
}

#[async_graphql::ComplexObject]
impl SetNetworkMemberPayload {
    async fn user(&self, ctx: &Context<'_>) -> Result<Option<UserObj>> {
        user(ctx, Some(self.user_id)).await
    }
}
