//! One limit on guessing passwords, for every place that checks one: a failed login and a
//! wrong current password (`changePassword`) count alike, per account and per client address.
//!
//! Failures live in the database (`login_failures`), so the limit holds for the whole site
//! however many nodes serve it. Owns the keys, the window and the pruning; must not: verify a
//! password (see `password`) or open a session (see `sessions`).

use sqlx::{Any, Row, Transaction};

use crate::{
    config::Config,
    db::{now_ms, Db},
    error::{AppError, AppResult},
};

/// How far back failures count (15 minutes).
pub const WINDOW_MS: i64 = 15 * 60 * 1000;

/// Failures older than this are deleted when a new one is written (a day).
const KEEP_MS: i64 = 24 * 3600 * 1000;

/// The two counters one password check is held to.
#[derive(Debug, Clone)]
pub struct Throttle {
    account_key: String,
    client_key: String,
}

impl Throttle {
    /// The counters for the account with this e-mail address (as typed: it is normalised
    /// here), asked from `client` (the caller's address).
    pub fn new(email: &str, client: &str) -> Throttle {
        Throttle {
            account_key: format!("acct:{}", email.trim().to_lowercase()),
            client_key: format!("addr:{client}"),
        }
    }

    /// `RATE_LIMITED` when either counter is full; checked before the password is.
    pub async fn check(&self, db: &Db, cfg: &Config) -> AppResult<()> {
        let since = now_ms() - WINDOW_MS;
        if failures_since(db, &self.account_key, since).await? >= cfg.login_limit_account
            || failures_since(db, &self.client_key, since).await? >= cfg.login_limit_address
        {
            return Err(AppError::RateLimited);
        }
        Ok(())
    }

    /// Counts one wrong password against both counters and prunes old failures.
    pub async fn failed(&self, tx: &mut Transaction<'static, Any>) -> AppResult<()> {
        let now = now_ms();
        for key in [&self.account_key, &self.client_key] {
            sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
                .bind(key)
                .bind(now)
                .execute(&mut **tx)
                .await?;
        }
        sqlx::query("DELETE FROM login_failures WHERE at < $1")
            .bind(now - KEEP_MS)
            .execute(&mut **tx)
            .await?;
        crate::metrics::login_failed();
        Ok(())
    }

    /// A right password clears the account's counter (the address keeps its own).
    pub async fn passed(&self, tx: &mut Transaction<'static, Any>) -> AppResult<()> {
        sqlx::query("DELETE FROM login_failures WHERE key = $1")
            .bind(&self.account_key)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}

async fn failures_since(db: &Db, key: &str, since: i64) -> AppResult<i64> {
    let row = sqlx::query("SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at > $2")
        .bind(key)
        .bind(since)
        .fetch_one(&db.pool)
        .await?;
    Ok(row.try_get(0)?)
}
