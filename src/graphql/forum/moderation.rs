//! GraphQL for reports (anmälningar): `reportPost`, `resolveReport` and the `Report`
//! object. Every report shown goes through `forum::reports`, which shows it only to the
//! network's moderators and admins; the reporter gets the post back, never the report.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject, ID};
use chrono::{DateTime, Utc};

use crate::{
    forum::reports::{self, Report, ReportAction, Resolution},
    graphql::{
        accounts::{ts, UserObj},
        forum::types::{user, visible_thread, PostObj, ThreadObj},
        ids,
        loaders::{self, PostLoader},
        parts,
    },
};

pub struct ReportObj(pub Report);

/// A member's report of a post to the network's moderators (only they and admins see it).
#[Object(name = "Report")]
impl ReportObj {
    pub async fn id(&self) -> ID {
        ids::encode("Report", self.0.id)
    }
    /// The reported post (hidden ones included: moderators see them).
    async fn post(&self, ctx: &Context<'_>) -> Result<Option<PostObj>> {
        let (_, access) = parts(ctx);
        Ok(loaders::get::<PostLoader>(ctx)
            .load_one(self.0.post_id)
            .await?
            .filter(|p| p.visible_to(access))
            .map(PostObj))
    }
    async fn thread(&self, ctx: &Context<'_>) -> Result<Option<ThreadObj>> {
        visible_thread(ctx, self.0.thread_id).await
    }
    /// Why the member reported it.
    async fn reason(&self) -> &str {
        &self.0.reason
    }
    async fn reporter(&self, ctx: &Context<'_>) -> Result<Option<UserObj>> {
        user(ctx, self.0.reporter_id).await
    }
    async fn created_at(&self) -> DateTime<Utc> {
        ts(self.0.created_at)
    }
    /// Null while the report is open.
    async fn resolution(&self) -> Option<Resolution> {
        self.0.resolution
    }
    async fn resolved_at(&self) -> Option<DateTime<Utc>> {
        self.0.resolved_at.map(ts)
    }
    async fn resolved_by(&self, ctx: &Context<'_>) -> Result<Option<UserObj>> {
        user(ctx, self.0.resolved_by).await
    }
    /// The moderator's note on how it was handled.
    async fn resolution_note(&self) -> Option<&str> {
        self.0.resolution_note.as_deref()
    }
}

#[derive(InputObject)]
pub struct ReportPostInput {
    pub post_id: ID,
    /// Why (3–1000 characters); the moderators read it.
    pub reason: String,
}

#[derive(SimpleObject)]
pub struct ReportPostPayload {
    /// The reported post (the report itself is for the moderators).
    pub post: PostObj,
}

#[derive(InputObject)]
pub struct ResolveReportInput {
    pub report_id: ID,
    pub action: ReportAction,
    /// How it was handled (at most 1000 characters); with HIDE_POST also the reason the
    /// post's author is shown.
    pub note: Option<String>,
}

#[derive(SimpleObject)]
pub struct ResolveReportPayload {
    pub report: ReportObj,
}

#[derive(Default)]
pub struct ModerationMutation;

#[Object]
impl ModerationMutation {
    /// Reports a post I can read to the network's moderators, with a reason. They are
    /// notified; a second open report of the same post by me answers CONFLICT.
    async fn report_post(
        &self,
        ctx: &Context<'_>,
        input: ReportPostInput,
    ) -> Result<ReportPostPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.post_id, "Post")?;
        let post = reports::report(state, access, id, &input.reason).await?;
        Ok(ReportPostPayload {
            post: PostObj(post),
        })
    }

    /// Resolves a report (the network's moderators): hide the post or dismiss, with a
    /// note. Every open report of the same post is resolved with it.
    async fn resolve_report(
        &self,
        ctx: &Context<'_>,
        input: ResolveReportInput,
    ) -> Result<ResolveReportPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.report_id, "Report")?;
        let report =
            reports::resolve(state, access, id, input.action, input.note.as_deref()).await?;
        Ok(ResolveReportPayload {
            report: ReportObj(report),
        })
    }
}
