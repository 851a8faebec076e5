//! GraphQL for drafts (utkast): `saveDraft` and the `Draft` object behind `Thread.myDraft`
//! and `Network.myDraft`. A draft has no id and is no node: it is reached only as the
//! caller's own, through the place it belongs to.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject, ID};
use chrono::{DateTime, Utc};

use crate::{
    error::AppError,
    forum::drafts::{self, Draft, DraftPlace},
    graphql::{accounts::ts, ids, parts},
};

pub struct DraftObj(pub Draft);

/// My unsent reply or question, as last saved.
#[Object(name = "Draft")]
impl DraftObj {
    /// The question's title (empty for a reply).
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Markdown as written.
    async fn body(&self) -> &str {
        &self.0.body
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        ts(self.0.updated_at)
    }
}

/// The place of a draft: exactly one of `threadId` (a reply) and `networkId` (a question).
pub fn place(thread_id: &Option<ID>, network_id: &Option<ID>) -> Result<DraftPlace> {
    match (thread_id, network_id) {
        (Some(t), None) => Ok(DraftPlace::Thread(ids::decode(t, "Thread")?)),
        (None, Some(n)) => Ok(DraftPlace::Network(ids::decode(n, "Network")?)),
        _ => Err(AppError::bad_input(
            "threadId",
            "Ange antingen tråden (ett svar) eller nätverket (en ny fråga).",
        )
        .into()),
    }
}

#[derive(InputObject)]
pub struct SaveDraftInput {
    /// A reply in this thread…
    pub thread_id: Option<ID>,
    /// …or a new question in this network.
    pub network_id: Option<ID>,
    /// The question's title (leave empty for a reply).
    #[graphql(default)]
    pub title: String,
    /// Markdown. A blank title and body delete the draft.
    pub body: String,
}

#[derive(SimpleObject)]
pub struct SaveDraftPayload {
    /// The draft as stored; null when it was deleted.
    pub draft: Option<DraftObj>,
}

#[derive(Default)]
pub struct DraftsMutation;

#[Object]
impl DraftsMutation {
    /// Saves my draft of a reply or a new question (replacing the earlier one), so it comes
    /// back on any device. Only I see it; posting deletes it.
    async fn save_draft(
        &self,
        ctx: &Context<'_>,
        input: SaveDraftInput,
    ) -> Result<SaveDraftPayload> {
        let (state, access) = parts(ctx);
        let place = place(&input.thread_id, &input.network_id)?;
        let draft = drafts::save(&state.db, access, place, &input.title, &input.body).await?;
        Ok(SaveDraftPayload {
            draft: draft.map(DraftObj),
        })
    }
}
