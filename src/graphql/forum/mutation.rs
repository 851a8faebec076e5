//! Forum mutations: each takes one `input` and returns a payload object.

use async_graphql::{Context, Object, Result, ID};

use crate::{
    forum::{
        answers, digest,
        follows::{self, Target},
        membership, moderation,
        networks::{self, NetworkUpdate, NewNetwork},
        new_thread::{self, NewThread},
        notifications, posts, reading,
        threads::{self, ThreadUpdate},
    },
    graphql::{
        forum::{
            inputs::*,
            types::{tag_ref, NetworkObj, PostObj, ThreadObj},
            NotificationSettingsObj,
        },
        ids, parts,
    },
};

fn network_id(id: &ID) -> Result<i64> {
    Ok(ids::decode(id, "Network")?)
}
fn thread_id(id: &ID) -> Result<i64> {
    Ok(ids::decode(id, "Thread")?)
}
fn post_id(id: &ID) -> Result<i64> {
    Ok(ids::decode(id, "Post")?)
}

fn follow_target(id: &ID) -> Result<Target> {
    let (kind, n) = ids::decode_any(id)?;
    match kind.as_str() {
        "Network" => Ok(Target::Network(n)),
        "Thread" => Ok(Target::Thread(n)),
        "Tag" => Ok(Target::Tag(n)),
        _ => Err(crate::error::AppError::bad_input(
            "id",
            "Du kan bara bevaka nätverk, trådar och tillsynsområden.",
        )
        .into()),
    }
}

#[derive(Default)]
pub struct ForumMutation;

#[Object]
impl ForumMutation {
    /// Creates a network (admins).
    async fn create_network(
        &self,
        ctx: &Context<'_>,
        input: CreateNetworkInput,
    ) -> Result<NetworkPayload> {
        let (state, access) = parts(ctx);
        let network = networks::create(
            &state.db,
            access,
            NewNetwork {
                slug: input.slug,
                name: input.name,
                description: input.description,
                members_only: input.members_only,
            },
        )
        .await?;
        Ok(NetworkPayload {
            network: NetworkObj(network),
        })
    }

    /// Edits a network (admins).
    async fn update_network(
        &self,
        ctx: &Context<'_>,
        input: UpdateNetworkInput,
    ) -> Result<NetworkPayload> {
        let (state, access) = parts(ctx);
        let network = networks::update(
            &state.db,
            access,
            network_id(&input.id)?,
            NetworkUpdate {
                name: input.name,
                description: input.description,
                members_only: input.members_only,
                join_by_default: input.join_by_default,
            },
        )
        .await?;
        Ok(NetworkPayload {
            network: NetworkObj(network),
        })
    }

    /// Joins an open network (and follows it).
    async fn join_network(
        &self,
        ctx: &Context<'_>,
        input: NetworkInput,
    ) -> Result<MembershipPayload> {
        let (state, access) = parts(ctx);
        let id = network_id(&input.network_id)?;
        let role = membership::join(&state.db, access, id).await?;
        let network = networks::require(&state.db, access, id).await?;
        Ok(MembershipPayload {
            network: NetworkObj(network),
            role: Some(role),
        })
    }

    /// Leaves a network (and stops following it).
    async fn leave_network(
        &self,
        ctx: &Context<'_>,
        input: NetworkInput,
    ) -> Result<LeaveNetworkPayload> {
        let (state, access) = parts(ctx);
        membership::leave(&state.db, access, network_id(&input.network_id)?).await?;
        Ok(LeaveNetworkPayload {
            network_id: input.network_id,
        })
    }

    /// Adds a member, changes a role or (role null) removes a member: the network's
    /// moderators and admins.
    async fn set_network_member(
        &self,
        ctx: &Context<'_>,
        input: SetNetworkMemberInput,
    ) -> Result<SetNetworkMemberPayload> {
        let (state, access) = parts(ctx);
        let net = network_id(&input.network_id)?;
        let user_id = ids::decode(&input.user_id, "User")?;
        let role = membership::set_member(&state.db, access, net, user_id, input.role).await?;
        let network = networks::require(&state.db, access, net).await?;
        Ok(SetNetworkMemberPayload {
            network: NetworkObj(network),
            role,
            user_id,
        })
    }

    /// Asks a question, starts a discussion or (moderators) puts up an announcement.
    async fn create_thread(
        &self,
        ctx: &Context<'_>,
        input: CreateThreadInput,
    ) -> Result<CreateThreadPayload> {
        let (state, access) = parts(ctx);
        let (thread, post_id) = new_thread::create(
            state,
            access,
            NewThread {
                network_id: network_id(&input.network_id)?,
                kind: input.kind,
                title: input.title,
                body: input.body,
                tags: input.tags.iter().map(|t| tag_ref(t)).collect(),
            },
        )
        .await?;
        let post = posts::get_unchecked(&state.db, post_id)
            .await?
            .ok_or_else(|| crate::error::AppError::internal("new post vanished"))?;
        Ok(CreateThreadPayload {
            thread: ThreadObj(thread),
            post: PostObj(post),
        })
    }

    /// Retitles or retags a thread (its author or a moderator), or changes its kind
    /// (moderators).
    async fn update_thread(
        &self,
        ctx: &Context<'_>,
        input: UpdateThreadInput,
    ) -> Result<ThreadPayload> {
        let (state, access) = parts(ctx);
        let thread = threads::update(
            state,
            access,
            thread_id(&input.thread_id)?,
            ThreadUpdate {
                title: input.title,
                tags: input.tags.map(|ts| ts.iter().map(|t| tag_ref(t)).collect()),
                kind: input.kind,
            },
        )
        .await?;
        Ok(ThreadPayload {
            thread: ThreadObj(thread),
        })
    }

    /// Replies in a thread. A locked thread answers CONFLICT (its moderators may still reply).
    async fn create_post(&self, ctx: &Context<'_>, input: CreatePostInput) -> Result<PostPayload> {
        let (state, access) = parts(ctx);
        let quote = match &input.quote_post_id {
            Some(id) => Some(post_id(id)?),
            None => None,
        };
        let post = posts::reply(
            state,
            access,
            posts::NewPost {
                thread_id: thread_id(&input.thread_id)?,
                body: input.body,
                quote_post_id: quote,
            },
        )
        .await?;
        Ok(PostPayload {
            post: PostObj(post),
        })
    }

    /// Edits a post (its author, or a moderator); the earlier text is kept as a revision.
    async fn edit_post(&self, ctx: &Context<'_>, input: EditPostInput) -> Result<PostPayload> {
        let (state, access) = parts(ctx);
        let post = posts::edit(state, access, post_id(&input.post_id)?, &input.body).await?;
        Ok(PostPayload {
            post: PostObj(post),
        })
    }

    /// Hides a post into the recycle bin (moderators), with an optional reason. The author
    /// gets a POST_HIDDEN notification with the reason.
    async fn hide_post(&self, ctx: &Context<'_>, input: HidePostInput) -> Result<PostPayload> {
        let (state, access) = parts(ctx);
        let post = posts::hide(
            state,
            access,
            post_id(&input.post_id)?,
            input.reason.as_deref(),
        )
        .await?;
        Ok(PostPayload {
            post: PostObj(post),
        })
    }

    /// Restores a hidden post (moderators).
    async fn restore_post(&self, ctx: &Context<'_>, input: PostInput) -> Result<PostPayload> {
        let (state, access) = parts(ctx);
        let post = posts::restore(state, access, post_id(&input.post_id)?).await?;
        Ok(PostPayload {
            post: PostObj(post),
        })
    }

    /// Withdraws my own post (it is hidden; a moderator can restore it).
    async fn withdraw_post(&self, ctx: &Context<'_>, input: PostInput) -> Result<PostPayload> {
        let (state, access) = parts(ctx);
        let post = posts::withdraw(state, access, post_id(&input.post_id)?).await?;
        Ok(PostPayload {
            post: PostObj(post),
        })
    }

    /// Marks (or with postId null, unmarks) the reply that solved a question: the asker or
    /// a moderator. Calling it again with another reply changes the mark.
    async fn accept_answer(
        &self,
        ctx: &Context<'_>,
        input: AcceptAnswerInput,
    ) -> Result<ThreadPayload> {
        let (state, access) = parts(ctx);
        let post = match &input.post_id {
            Some(id) => Some(post_id(id)?),
            None => None,
        };
        let thread = answers::accept(state, access, thread_id(&input.thread_id)?, post).await?;
        Ok(ThreadPayload {
            thread: ThreadObj(thread),
        })
    }

    /// Locks or unlocks a thread (moderators).
    async fn lock_thread(
        &self,
        ctx: &Context<'_>,
        input: LockThreadInput,
    ) -> Result<ThreadPayload> {
        let (state, access) = parts(ctx);
        let thread =
            moderation::set_locked(state, access, thread_id(&input.thread_id)?, input.locked)
                .await?;
        Ok(ThreadPayload {
            thread: ThreadObj(thread),
        })
    }

    /// Pins or unpins a thread (moderators).
    async fn pin_thread(&self, ctx: &Context<'_>, input: PinThreadInput) -> Result<ThreadPayload> {
        let (state, access) = parts(ctx);
        let thread =
            moderation::set_pinned(state, access, thread_id(&input.thread_id)?, input.pinned)
                .await?;
        Ok(ThreadPayload {
            thread: ThreadObj(thread),
        })
    }

    /// Moves a thread to another network (a moderator of its network).
    async fn move_thread(
        &self,
        ctx: &Context<'_>,
        input: MoveThreadInput,
    ) -> Result<ThreadPayload> {
        let (state, access) = parts(ctx);
        let thread = moderation::move_to(
            state,
            access,
            thread_id(&input.thread_id)?,
            network_id(&input.network_id)?,
        )
        .await?;
        Ok(ThreadPayload {
            thread: ThreadObj(thread),
        })
    }

    /// Puts an answered question in the network's FAQ with a summary (moderators).
    async fn promote_to_faq(
        &self,
        ctx: &Context<'_>,
        input: PromoteToFaqInput,
    ) -> Result<ThreadPayload> {
        let (state, access) = parts(ctx);
        let thread = answers::promote_to_faq(
            state,
            access,
            thread_id(&input.thread_id)?,
            &input.summary,
            input.review_by,
        )
        .await?;
        Ok(ThreadPayload {
            thread: ThreadObj(thread),
        })
    }

    /// Marks an FAQ entry reviewed and sets its next review-by date (moderators).
    async fn mark_faq_reviewed(
        &self,
        ctx: &Context<'_>,
        input: MarkFaqReviewedInput,
    ) -> Result<ThreadPayload> {
        let (state, access) = parts(ctx);
        let thread = answers::mark_faq_reviewed(
            state,
            access,
            thread_id(&input.thread_id)?,
            input.next_review_by,
        )
        .await?;
        Ok(ThreadPayload {
            thread: ThreadObj(thread),
        })
    }

    /// Takes a thread out of the FAQ (moderators).
    async fn remove_from_faq(
        &self,
        ctx: &Context<'_>,
        input: ThreadInput,
    ) -> Result<ThreadPayload> {
        let (state, access) = parts(ctx);
        let thread = answers::remove_from_faq(state, access, thread_id(&input.thread_id)?).await?;
        Ok(ThreadPayload {
            thread: ThreadObj(thread),
        })
    }

    /// Follows (bevakar) a network, a thread or a tillsynsområde (a tag, across networks).
    async fn follow(&self, ctx: &Context<'_>, input: FollowInput) -> Result<FollowPayload> {
        let (state, access) = parts(ctx);
        follows::set(&state.db, access, follow_target(&input.id)?, true).await?;
        Ok(FollowPayload {
            id: input.id,
            following: true,
        })
    }

    /// Stops following a network, a thread or a tillsynsområde.
    async fn unfollow(&self, ctx: &Context<'_>, input: FollowInput) -> Result<FollowPayload> {
        let (state, access) = parts(ctx);
        follows::set(&state.db, access, follow_target(&input.id)?, false).await?;
        Ok(FollowPayload {
            id: input.id,
            following: false,
        })
    }

    /// Marks a thread read up to its newest post.
    async fn mark_thread_read(
        &self,
        ctx: &Context<'_>,
        input: ThreadInput,
    ) -> Result<ThreadPayload> {
        let (state, access) = parts(ctx);
        let id = thread_id(&input.thread_id)?;
        reading::mark_thread_read(&state.db, access, id).await?;
        let thread = threads::require(&state.db, access, id).await?;
        Ok(ThreadPayload {
            thread: ThreadObj(thread),
        })
    }

    /// Marks everything in a network read.
    async fn mark_network_read(
        &self,
        ctx: &Context<'_>,
        input: NetworkInput,
    ) -> Result<NetworkPayload> {
        let (state, access) = parts(ctx);
        let id = network_id(&input.network_id)?;
        reading::mark_network_read(&state.db, access, id).await?;
        let network = networks::require(&state.db, access, id).await?;
        Ok(NetworkPayload {
            network: NetworkObj(network),
        })
    }

    /// Marks some or all of my notifications read.
    async fn mark_notifications_read(
        &self,
        ctx: &Context<'_>,
        input: MarkNotificationsReadInput,
    ) -> Result<MarkNotificationsReadPayload> {
        let (state, access) = parts(ctx);
        let ids = match &input.ids {
            Some(list) => Some(
                list.iter()
                    .map(|id| ids::decode(id, "Notification"))
                    .collect::<Result<Vec<i64>, _>>()?,
            ),
            None => None,
        };
        let unread_count = notifications::mark_read(&state.db, access, ids.as_deref()).await?;
        Ok(MarkNotificationsReadPayload { unread_count })
    }

    /// Chooses how often notifications may come by e-mail.
    async fn update_notification_settings(
        &self,
        ctx: &Context<'_>,
        input: UpdateNotificationSettingsInput,
    ) -> Result<NotificationSettingsPayload> {
        let (state, access) = parts(ctx);
        digest::set_frequency(&state.db, access, input.digest).await?;
        Ok(NotificationSettingsPayload {
            settings: NotificationSettingsObj {
                digest: input.digest,
            },
        })
    }
}
