//! GraphQL for fresh content ("Att granska"): `markDocumentReviewed` and my review
//! reminders. The list itself is `documentsDueForReview` in `library`; every rule is in
//! `crate::library` (who may mark, which reminders still hold).

use async_graphql::{Context, InputObject, Object, Result, ID};
use chrono::{DateTime, NaiveDate, Utc};

use crate::{
    graphql::{
        accounts::ts,
        ids,
        library::{document_obj, DocumentPayload},
        library_types::DocumentObj,
        parts,
    },
    library::{
        documents,
        reviews::{self, Reminder, ReminderStage},
    },
};

pub struct ReviewReminderObj(Reminder);

/// A reminder that a document I look after is due for review (14 days before, and on the day).
#[Object(name = "ReviewReminder")]
impl ReviewReminderObj {
    async fn id(&self) -> ID {
        ids::encode("ReviewReminder", self.0.id)
    }
    async fn stage(&self) -> ReminderStage {
        self.0.stage
    }
    /// The review-by date it reminds of.
    async fn review_by(&self) -> NaiveDate {
        self.0.review_by
    }
    async fn created_at(&self) -> DateTime<Utc> {
        ts(self.0.created_at)
    }
    async fn document(&self, ctx: &Context<'_>) -> Result<Option<DocumentObj>> {
        let (state, access) = parts(ctx);
        Ok(
            match documents::get(&state.db, access, self.0.document_id).await? {
                Some(d) => Some(document_obj(ctx, d).await?),
                None => None,
            },
        )
    }
}

#[derive(Default)]
pub struct ReviewsQuery;

#[Object]
impl ReviewsQuery {
    /// My review reminders that still hold (the document still has that date), newest first.
    async fn review_reminders(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: i32,
    ) -> Result<Vec<ReviewReminderObj>> {
        let (state, access) = parts(ctx);
        let n = crate::graphql::page_size(Some(first))?;
        Ok(reviews::mine(&state.db, access, n)
            .await?
            .into_iter()
            .map(ReviewReminderObj)
            .collect())
    }
}

#[derive(InputObject)]
pub struct MarkDocumentReviewedInput {
    pub id: ID,
    /// The next review-by date (after today); 12 months from today when left out.
    pub next_review_by: Option<NaiveDate>,
}

#[derive(Default)]
pub struct ReviewsMutation;

#[Object]
impl ReviewsMutation {
    /// Marks a document reviewed (granskad): who and when are kept, and the review-by date
    /// moves to `nextReviewBy` (default 12 months ahead). Its author, editors and its
    /// project's responsible may.
    async fn mark_document_reviewed(
        &self,
        ctx: &Context<'_>,
        input: MarkDocumentReviewedInput,
    ) -> Result<DocumentPayload> {
        let (state, access) = parts(ctx);
        let id = ids::decode(&input.id, "Document")?;
        let doc = documents::mark_reviewed(&state.db, access, id, input.next_review_by).await?;
        Ok(DocumentPayload {
            document: document_obj(ctx, doc).await?,
        })
    }
}
