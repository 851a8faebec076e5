//! Questions and their answers: marking the reply that solved a question (and changing
//! it), and promoting answered questions to the network's FAQ (vanliga frågor), where each
//! entry has a review-by date that a moderator moves on by marking it reviewed.

use chrono::NaiveDate;

use crate::{
    accounts::Access,
    dates,
    db::now_ms,
    error::{AppError, AppResult},
    events::ThreadEventKind,
    forum::{
        moderation::require_moderator,
        notifications::{self, NotificationKind},
        posts, reading,
        text::FaqSummary,
        threads::{finish, require, touch, Thread, NOT_IN_FAQ},
        ThreadKind, ThreadStatus,
    },
    state::AppState,
};

/// Marks a reply as the accepted answer, or (None) clears it: the asker or a moderator,
/// questions only. Changing it to another reply is allowed at any time.
pub async fn accept(
    state: &AppState,
    access: &Access,
    id: i64,
    post_id: Option<i64>,
) -> AppResult<Thread> {
    let me = access.user()?.user_id;
    let db = &state.db;
    let thread = require(db, access, id).await?;
    if thread.kind != ThreadKind::Question {
        return Err(AppError::bad_input(
            "threadId",
            "Bara frågor kan ha ett svar markerat som lösning.",
        ));
    }
    if !thread.solution_markable_by(access) {
        return Err(AppError::Forbidden(
            "Bara den som frågade eller en moderator kan markera lösningen.".into(),
        ));
    }
    let answer = match post_id {
        Some(pid) => {
            let post = posts::get_unchecked(db, pid)
                .await?
                .filter(|p| p.thread_id == thread.id && p.hidden_at.is_none())
                .ok_or_else(|| AppError::bad_input("postId", "Svaret finns inte i tråden."))?;
            if post.is_first {
                return Err(AppError::bad_input(
                    "postId",
                    "Frågan själv kan inte vara lösningen.",
                ));
            }
            Some(post)
        }
        None => None,
    };
    if thread.accepted_post_id == post_id {
        return Ok(thread);
    }
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE threads SET accepted_post_id = $1, accepted_at = $2, accepted_by = $3 WHERE id = $4",
    )
    .bind(post_id)
    .bind(post_id.map(|_| now))
    .bind(post_id.map(|_| me))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    touch(&mut tx, id).await?;
    // Whoever marks the solution has read the thread: it is not unread for them afterwards.
    reading::mark_read_in(&mut tx, me, id, thread.last_post_id, now).await?;
    if let Some(answer) = &answer {
        let mut recipients: Vec<(i64, NotificationKind)> =
            notifications::thread_followers(&mut tx, id)
                .await?
                .into_iter()
                .map(|u| (u, NotificationKind::Accepted))
                .collect();
        if let Some(author) = answer.author_id {
            recipients.push((author, NotificationKind::Accepted));
        }
        notifications::fan_out(
            &mut tx,
            &thread.network,
            id,
            Some(answer.id),
            me,
            recipients,
        )
        .await?;
    }
    tx.commit().await?;
    finish(state, &thread, ThreadEventKind::AnswerAccepted, post_id).await
}

/// Promotes an answered question to the network's FAQ with a short summary (moderators),
/// or updates the summary of one already there. The entry is to be reviewed by `review_by`
/// (after today); left out, an entry keeps its date and a new one gets 12 months.
pub async fn promote_to_faq(
    state: &AppState,
    access: &Access,
    id: i64,
    summary: &str,
    review_by: Option<NaiveDate>,
) -> AppResult<Thread> {
    let me = access.user()?.user_id;
    let thread = require(&state.db, access, id).await?;
    require_moderator(access, &thread)?;
    if thread.status() != Some(ThreadStatus::Answered) {
        return Err(AppError::Conflict(
            "Bara besvarade frågor kan bli vanliga frågor.".into(),
        ));
    }
    let summary = FaqSummary::parse(summary)?;
    let review_by = match (review_by, thread.faq_review_by) {
        (None, Some(kept)) if thread.faq_at.is_some() => kept,
        (given, _) => dates::next_review(given, dates::today(), "reviewBy")?,
    };
    let mut tx = state.db.begin_write().await?;
    sqlx::query(
        "UPDATE threads SET faq_summary = $1, faq_at = COALESCE(faq_at, $2), faq_by = $3,
                faq_review_by = $4
         WHERE id = $5",
    )
    .bind(summary.as_str())
    .bind(now_ms())
    .bind(me)
    .bind(dates::to_db(review_by))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    touch(&mut tx, id).await?;
    tx.commit().await?;
    finish(state, &thread, ThreadEventKind::ThreadUpdated, None).await
}

/// Marks an FAQ entry reviewed (moderators): records who and when and sets the next
/// review-by date, `next` (after today) or 12 months from today. A thread not in the FAQ
/// answers CONFLICT.
pub async fn mark_faq_reviewed(
    state: &AppState,
    access: &Access,
    id: i64,
    next: Option<NaiveDate>,
) -> AppResult<Thread> {
    let me = access.user()?.user_id;
    let thread = require(&state.db, access, id).await?;
    require_moderator(access, &thread)?;
    if thread.faq_at.is_none() {
        return Err(AppError::Conflict(
            "Tråden finns inte bland vanliga frågor.".into(),
        ));
    }
    let next = dates::next_review(next, dates::today(), "nextReviewBy")?;
    let mut tx = state.db.begin_write().await?;
    sqlx::query(
        "UPDATE threads SET faq_review_by = $1, faq_reviewed_at = $2, faq_reviewed_by = $3
         WHERE id = $4",
    )
    .bind(dates::to_db(next))
    .bind(now_ms())
    .bind(me)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    touch(&mut tx, id).await?;
    tx.commit().await?;
    finish(state, &thread, ThreadEventKind::ThreadUpdated, None).await
}

/// Takes a thread out of the FAQ (moderators).
pub async fn remove_from_faq(state: &AppState, access: &Access, id: i64) -> AppResult<Thread> {
    let thread = require(&state.db, access, id).await?;
    require_moderator(access, &thread)?;
    let mut tx = state.db.begin_write().await?;
    sqlx::query(&format!("UPDATE threads SET {NOT_IN_FAQ} WHERE id = $1"))
        .bind(id)
        .execute(&mut **tx)
        .await?;
    touch(&mut tx, id).await?;
    tx.commit().await?;
    finish(state, &thread, ThreadEventKind::ThreadUpdated, None).await
}
