//! The one mail outbox: a round claims what is due with a lease, composes each message,
//! hands it to the `Mailer`, records the outcome, and on failure retries with exponential
//! backoff (`SAMSYN_MAIL_RETRY_SECONDS`, doubling) until `SAMSYN_MAIL_MAX_ATTEMPTS` or a
//! permanent refusal (5xx), when it gives up.
//!
//! Each queue (newsletter deliveries, meeting notices, the forum digest) implements
//! [`Outbox`]: which rows are due, how to claim one, how to build its message and what to
//! write afterwards. The claim is committed before sending, so several nodes sharing one
//! PostgreSQL never send the same message twice, and a node that dies mid-send leaves it
//! to be retried once the lease runs out. [`DeliveryLog`] is the claim and record SQL of a
//! table with one row per message. This module knows no domain and no table of its own.

use std::future::Future;

use sqlx::Row;

use crate::{
    db::{now_ms, Db, WriteTx},
    error::AppResult,
    mail::{Mailer, OutgoingMail, SendError},
};

/// How long a claimed row is left alone before another sender may try it.
pub const LEASE_MS: i64 = 10 * 60 * 1000;
/// Longest wait between two attempts.
const MAX_BACKOFF_MS: i64 = 6 * 3600 * 1000;
/// Longest error text kept in a log.
const MAX_ERROR_CHARS: usize = 500;
/// Rows a [`DeliveryLog`] hands out per round.
const BATCH: i64 = 50;

/// A queue of e-mail. Its methods are called in order for each item: `claim` (in a
/// transaction committed before sending), `compose`, then `record` (in another).
pub trait Outbox: Sync {
    /// One due message (or group of messages) and what its claim learnt.
    type Item: Send + Sync;
    /// The queue's name in logs.
    const NAME: &'static str;

    /// What is due at `now`.
    fn due(&self, now: i64) -> impl Future<Output = AppResult<Vec<Self::Item>>> + Send;

    /// Takes `item` for this sender until `lease_until`; false when another sender was first.
    fn claim(
        &self,
        tx: &mut WriteTx,
        item: &mut Self::Item,
        now: i64,
        lease_until: i64,
    ) -> impl Future<Output = AppResult<bool>> + Send;

    /// The message of a claimed item.
    fn compose(&self, item: &Self::Item) -> impl Future<Output = AppResult<Letter>> + Send;

    /// Writes down how it went.
    fn record(
        &self,
        tx: &mut WriteTx,
        item: &Self::Item,
        outcome: &Outcome,
    ) -> impl Future<Output = AppResult<()>> + Send;

    /// The item's id in logs.
    fn key(&self, item: &Self::Item) -> i64;
}

/// What `compose` decided.
pub struct Letter {
    /// Attempts already made: the backoff grows with them.
    pub attempts: i64,
    /// The message, or why it will never be sent (the recipient left, unsubscribed, …):
    /// then it is given up without an attempt.
    pub mail: Result<OutgoingMail, String>,
}

/// How an item ended this round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Sent {
        at: i64,
    },
    Failed {
        at: i64,
        /// Attempts made so far, this one included when one was made.
        attempts: i64,
        /// Why, shortened for the log.
        error: String,
        /// When to try again; None: given up.
        retry_at: Option<i64>,
    },
}

/// What a round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    /// Messages handed to the SMTP server.
    pub attempted: usize,
    /// Of those, accepted.
    pub sent: usize,
}

/// Works through what `outbox` has due at `now` (UTC ms; tests pass a later clock, and the
/// round's later times advance from it). A failing item is logged and the round goes on.
pub async fn run_round<O: Outbox>(
    db: &Db,
    mailer: &Mailer,
    outbox: &O,
    now: i64,
) -> AppResult<Round> {
    let skew = now - now_ms();
    let clock = move || now_ms() + skew;
    let mut round = Round::default();
    for mut item in outbox.due(now).await? {
        let key = outbox.key(&item);
        if let Err(e) = one(db, mailer, outbox, &mut item, &clock, &mut round).await {
            tracing::warn!(outbox = O::NAME, key, error = %e.log_message(), "e-mail not sent");
        }
    }
    Ok(round)
}

async fn one<O: Outbox>(
    db: &Db,
    mailer: &Mailer,
    outbox: &O,
    item: &mut O::Item,
    clock: &(impl Fn() -> i64 + Sync),
    round: &mut Round,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let at = clock();
    let claimed = outbox.claim(&mut tx, item, at, at + LEASE_MS).await?;
    tx.commit().await?;
    if !claimed {
        return Ok(());
    }
    let letter = outbox.compose(item).await?;
    let (attempts, result) = match &letter.mail {
        Ok(mail) => {
            round.attempted += 1;
            (letter.attempts + 1, mailer.send(mail).await)
        }
        Err(reason) => (letter.attempts, Err(SendError::permanent(reason.as_str()))),
    };
    let at = clock();
    let outcome = match result {
        Ok(()) => {
            round.sent += 1;
            Outcome::Sent { at }
        }
        Err(e) => {
            // A refusal is permanent, so it is never retried.
            let retry_at = mailer.retry_at(at, attempts, &e);
            tracing::warn!(outbox = O::NAME, key = outbox.key(item), attempts, error = %e.message, "e-mail failed");
            Outcome::Failed {
                at,
                attempts,
                error: e.message.chars().take(MAX_ERROR_CHARS).collect(),
                retry_at,
            }
        }
    };
    let mut tx = db.begin_write().await?;
    outbox.record(&mut tx, item, &outcome).await?;
    tx.commit().await
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

/// A table with one row per message: `id` and the columns `{prefix}status` ('sent' or
/// 'failed'), `{prefix}attempts`, `{prefix}last_error`, `{prefix}sent_at` and
/// `{prefix}next_attempt_at` (when it is due; NULL once sent or given up, and the lease
/// while claimed), and `updated_at` when `touches_updated_at`. Names are fixed strings,
/// never data.
pub struct DeliveryLog {
    pub table: &'static str,
    pub prefix: &'static str,
    pub touches_updated_at: bool,
}

/// A due row of a [`DeliveryLog`].
#[derive(Debug, Clone)]
pub struct Due {
    pub id: i64,
    /// The `next_attempt_at` it was due at: the claim succeeds only while it is unchanged.
    was_due: i64,
}

impl DeliveryLog {
    /// The rows due at `now`, oldest first, one batch.
    pub async fn due(&self, db: &Db, now: i64) -> AppResult<Vec<Due>> {
        let (table, p) = (self.table, self.prefix);
        let rows = sqlx::query(&format!(
            "SELECT id, {p}next_attempt_at FROM {table}
             WHERE {p}next_attempt_at IS NOT NULL AND {p}next_attempt_at <= $1
             ORDER BY {p}next_attempt_at, id LIMIT $2"
        ))
        .bind(now)
        .bind(BATCH)
        .fetch_all(&db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Due {
                    id: r.try_get(0)?,
                    was_due: r.try_get(1)?,
                })
            })
            .collect()
    }

    /// Moves the row's due time to `lease_until` if no one else has.
    pub async fn claim(&self, tx: &mut WriteTx, due: &Due, lease_until: i64) -> AppResult<bool> {
        let (table, p) = (self.table, self.prefix);
        let claimed = sqlx::query(&format!(
            "UPDATE {table} SET {p}next_attempt_at = $1 WHERE id = $2 AND {p}next_attempt_at = $3"
        ))
        .bind(lease_until)
        .bind(due.id)
        .bind(due.was_due)
        .execute(&mut ***tx)
        .await?
        .rows_affected();
        Ok(claimed == 1)
    }

    /// Writes the outcome on row `id`.
    pub async fn record(&self, tx: &mut WriteTx, id: i64, outcome: &Outcome) -> AppResult<()> {
        let (table, p) = (self.table, self.prefix);
        match outcome {
            Outcome::Sent { at } => {
                let touch = if self.touches_updated_at {
                    ", updated_at = $1"
                } else {
                    ""
                };
                sqlx::query(&format!(
                    "UPDATE {table} SET {p}status = 'sent', {p}attempts = {p}attempts + 1,
                        {p}sent_at = $1{touch}, {p}next_attempt_at = NULL WHERE id = $2"
                ))
                .bind(*at)
                .bind(id)
                .execute(&mut ***tx)
                .await?;
            }
            Outcome::Failed {
                at,
                attempts,
                error,
                retry_at,
            } => {
                let touch = if self.touches_updated_at {
                    ", updated_at = $5"
                } else {
                    ""
                };
                let sql = format!(
                    "UPDATE {table} SET {p}status = 'failed', {p}attempts = $1,
                        {p}last_error = $2, {p}next_attempt_at = $3{touch} WHERE id = $4"
                );
                let mut q = sqlx::query(&sql)
                    .bind(*attempts)
                    .bind(error.as_str())
                    .bind(*retry_at)
                    .bind(id);
                if self.touches_updated_at {
                    q = q.bind(*at);
                }
                q.execute(&mut ***tx).await?;
            }
        }
        Ok(())
    }
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
