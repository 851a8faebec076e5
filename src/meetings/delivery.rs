//! The background sender: works through the two e-mail queues (newsletter deliveries and
//! meeting notices), composes each message when it is due and hands it to SMTP.
//!
//! A failed attempt is logged on its row (attempts, last error) and retried with exponential
//! backoff up to `SAMSYN_MAIL_MAX_ATTEMPTS`; a permanent refusal (5xx) is not retried. Rows
//! are claimed with a lease before sending, so several nodes sharing one PostgreSQL never
//! send the same message twice, and a node that dies mid-send leaves it to be retried.

use std::time::Duration;

use sqlx::Row;

use crate::{
    accounts::secrets::{hash_secret, new_secret},
    db::now_ms,
    error::AppResult,
    mail::{OutgoingMail, SendError},
    meetings::{meeting, newsletter, notify, time},
    state::AppState,
};

/// How often the queues are looked at when nobody wakes the sender.
const POLL: Duration = Duration::from_secs(2);
/// Rows claimed per round.
const BATCH: i64 = 50;
/// How long a claimed row is left alone before another sender may try it.
const LEASE_MS: i64 = 10 * 60 * 1000;
/// Longest wait between two attempts.
const MAX_BACKOFF_MS: i64 = 6 * 3600 * 1000;
/// Longest error text kept in the log.
const MAX_ERROR_CHARS: usize = 500;

/// Runs until the task is dropped. Does nothing without an SMTP server.
pub async fn run(state: AppState) {
    if !state.mailer.is_configured() {
        return;
    }
    loop {
        let worked = match send_due(&state).await {
            Ok(n) => n,
            Err(e) => {
                tracing::error!(error = %e.log_message(), "mail sender");
                0
            }
        };
        if worked == 0 {
            tokio::select! {
                _ = state.mailer.woken() => {}
                _ = tokio::time::sleep(POLL) => {}
            }
        }
    }
}

/// Sends what is due now; returns how many messages were attempted.
pub async fn send_due(state: &AppState) -> AppResult<usize> {
    Ok(send_newsletters(state).await? + send_notices(state).await?)
}

/// When to try again after `attempts` failures, or None to give up.
pub fn next_attempt(
    now: i64,
    attempts: i64,
    max_attempts: i64,
    base_ms: i64,
    err: &SendError,
) -> Option<i64> {
    if err.permanent || attempts >= max_attempts {
        return None;
    }
    let factor = 1i64 << (attempts - 1).clamp(0, 20);
    Some(now + base_ms.saturating_mul(factor).min(MAX_BACKOFF_MS))
}

fn short(s: &str) -> String {
    s.chars().take(MAX_ERROR_CHARS).collect()
}

fn retry_base_ms(state: &AppState) -> i64 {
    (state.config.mail_retry_seconds as i64).max(0) * 1000
}

async fn send_newsletters(state: &AppState) -> AppResult<usize> {
    let db = &state.db;
    let now = now_ms();
    let due = sqlx::query(
        "SELECT id, next_attempt_at FROM newsletter_deliveries
         WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= $1
         ORDER BY next_attempt_at, id LIMIT $2",
    )
    .bind(now)
    .bind(BATCH)
    .fetch_all(&db.pool)
    .await?;
    let mut attempted = 0;
    for row in due {
        let id: i64 = row.try_get(0)?;
        let was_due: i64 = row.try_get(1)?;
        // Each e-mail gets its own unsubscribe secret; only its hash is kept.
        let token = new_secret("");
        let mut tx = db.begin_write().await?;
        let claimed = sqlx::query(
            "UPDATE newsletter_deliveries SET next_attempt_at = $1, unsubscribe_hash = $2
             WHERE id = $3 AND next_attempt_at = $4",
        )
        .bind(now_ms() + LEASE_MS)
        .bind(hash_secret(&token))
        .bind(id)
        .bind(was_due)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        if claimed == 0 {
            continue;
        }
        let detail = sqlx::query(
            "SELECT d.attempts, d.recipient, u.display_name, n.title, n.body,
                COALESCE(s.email_enabled, 1), u.active, u.erased_at
             FROM newsletter_deliveries d
             JOIN newsletters n ON n.id = d.newsletter_id
             LEFT JOIN users u ON u.id = d.user_id
             LEFT JOIN newsletter_subscriptions s ON s.user_id = d.user_id
             WHERE d.id = $1",
        )
        .bind(id)
        .fetch_one(&db.pool)
        .await?;
        let attempts: i64 = detail.try_get(0)?;
        let recipient: String = detail.try_get(1)?;
        let name: Option<String> = detail.try_get(2)?;
        let wants = detail.try_get::<i64, _>(5)? != 0
            && detail.try_get::<Option<i64>, _>(6)? == Some(1)
            && detail.try_get::<Option<i64>, _>(7)?.is_none();
        let result = if wants {
            let unsubscribe = newsletter::unsubscribe_url(&state.config.public_url, &token);
            let rendered = newsletter::render(
                &detail.try_get::<String, _>(3)?,
                &detail.try_get::<String, _>(4)?,
                &state.config.public_url,
                &unsubscribe,
            );
            attempted += 1;
            state
                .mailer
                .send(&OutgoingMail {
                    to_name: name.unwrap_or_default(),
                    to_email: recipient,
                    subject: rendered.subject,
                    text: rendered.text,
                    html: Some(rendered.html),
                    headers: vec![
                        ("List-Unsubscribe", format!("<{unsubscribe}>")),
                        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into()),
                        ("Auto-Submitted", "auto-generated".into()),
                    ],
                })
                .await
        } else {
            Err(SendError {
                message: "Mottagaren vill inte längre ha nyhetsbrevet med e-post.".into(),
                permanent: true,
            })
        };
        let now = now_ms();
        let mut tx = db.begin_write().await?;
        match result {
            Ok(()) => {
                sqlx::query(
                    "UPDATE newsletter_deliveries SET status = 'sent', attempts = attempts + 1,
                        sent_at = $1, updated_at = $1, next_attempt_at = NULL WHERE id = $2",
                )
                .bind(now)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            }
            Err(e) => {
                let tries = attempts + if wants { 1 } else { 0 };
                let next = if wants {
                    next_attempt(
                        now,
                        tries,
                        state.config.mail_max_attempts,
                        retry_base_ms(state),
                        &e,
                    )
                } else {
                    None
                };
                tracing::warn!(delivery = id, attempts = tries, error = %e.message, "newsletter e-mail failed");
                sqlx::query(
                    "UPDATE newsletter_deliveries SET status = 'failed', attempts = $1,
                        last_error = $2, updated_at = $3, next_attempt_at = $4 WHERE id = $5",
                )
                .bind(tries)
                .bind(short(&e.message))
                .bind(now)
                .bind(next)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            }
        }
        tx.commit().await?;
    }
    Ok(attempted)
}

async fn send_notices(state: &AppState) -> AppResult<usize> {
    let db = &state.db;
    let now = now_ms();
    let due = sqlx::query(
        "SELECT id, email_next_attempt_at FROM meeting_notices
         WHERE email_next_attempt_at IS NOT NULL AND email_next_attempt_at <= $1
         ORDER BY email_next_attempt_at, id LIMIT $2",
    )
    .bind(now)
    .bind(BATCH)
    .fetch_all(&db.pool)
    .await?;
    let mut attempted = 0;
    for row in due {
        let id: i64 = row.try_get(0)?;
        let was_due: i64 = row.try_get(1)?;
        let mut tx = db.begin_write().await?;
        let claimed = sqlx::query(
            "UPDATE meeting_notices SET email_next_attempt_at = $1
             WHERE id = $2 AND email_next_attempt_at = $3",
        )
        .bind(now_ms() + LEASE_MS)
        .bind(id)
        .bind(was_due)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        if claimed == 0 {
            continue;
        }
        let detail = sqlx::query(
            "SELECT n.email_attempts, n.kind, n.message, n.meeting_id, u.email, u.display_name,
                u.active, u.erased_at
             FROM meeting_notices n JOIN users u ON u.id = n.user_id WHERE n.id = $1",
        )
        .bind(id)
        .fetch_one(&db.pool)
        .await?;
        let attempts: i64 = detail.try_get(0)?;
        let kind: String = detail.try_get(1)?;
        let message: String = detail.try_get(2)?;
        let meeting_id: i64 = detail.try_get(3)?;
        let active =
            detail.try_get::<i64, _>(6)? == 1 && detail.try_get::<Option<i64>, _>(7)?.is_none();
        let result = match meeting::get_unchecked(db, meeting_id).await? {
            Some(m) if active => {
                attempted += 1;
                let mut text = format!("{message}\n\n{}\n", m.title);
                text.push_str(&format!(
                    "Tid: {}\n",
                    time::human_span(m.starts_at, m.ends_at)
                ));
                if let Some(p) = &m.place {
                    text.push_str(&format!("Plats: {p}\n"));
                }
                if let Some(l) = &m.online_link {
                    text.push_str(&format!("Digitalt möte: {l}\n"));
                }
                text.push_str(&format!(
                    "\n-- \nDu får det här meddelandet eftersom du är anmäld till träffen eller står på väntelistan i Samsyn: {}\n",
                    state.config.public_url.trim_end_matches('/')
                ));
                state
                    .mailer
                    .send(&OutgoingMail {
                        to_name: detail.try_get(5)?,
                        to_email: detail.try_get(4)?,
                        subject: notify::subject(&kind, &m.title),
                        text,
                        html: None,
                        headers: vec![("Auto-Submitted", "auto-generated".into())],
                    })
                    .await
            }
            _ => Err(SendError {
                message: "Mottagaren eller träffen finns inte längre.".into(),
                permanent: true,
            }),
        };
        let now = now_ms();
        let mut tx = db.begin_write().await?;
        match result {
            Ok(()) => {
                sqlx::query(
                    "UPDATE meeting_notices SET email_status = 'sent',
                        email_attempts = email_attempts + 1, email_sent_at = $1,
                        email_next_attempt_at = NULL WHERE id = $2",
                )
                .bind(now)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            }
            Err(e) => {
                let tries = attempts + 1;
                let next = next_attempt(
                    now,
                    tries,
                    state.config.mail_max_attempts,
                    retry_base_ms(state),
                    &e,
                );
                tracing::warn!(notice = id, attempts = tries, error = %e.message, "meeting notice e-mail failed");
                sqlx::query(
                    "UPDATE meeting_notices SET email_status = 'failed', email_attempts = $1,
                        email_last_error = $2, email_next_attempt_at = $3 WHERE id = $4",
                )
                .bind(tries)
                .bind(short(&e.message))
                .bind(next)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            }
        }
        tx.commit().await?;
    }
    Ok(attempted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transient() -> SendError {
        SendError {
            message: "451".into(),
            permanent: false,
        }
    }

    #[test]
    fn retries_back_off_exponentially_and_stop() {
        let base = 60_000;
        assert_eq!(next_attempt(0, 1, 5, base, &transient()), Some(60_000));
        assert_eq!(next_attempt(0, 2, 5, base, &transient()), Some(120_000));
        assert_eq!(next_attempt(0, 4, 5, base, &transient()), Some(480_000));
        assert_eq!(next_attempt(0, 5, 5, base, &transient()), None);
        assert_eq!(
            next_attempt(0, 30, 99, base, &transient()),
            Some(MAX_BACKOFF_MS)
        );
        let permanent = SendError {
            message: "550".into(),
            permanent: true,
        };
        assert_eq!(next_attempt(0, 1, 5, base, &permanent), None);
    }
}
