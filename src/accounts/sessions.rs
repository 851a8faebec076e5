//! Server-side sessions behind the cookie, and the login flow (held to `throttle`'s limit).
//!
//! The cookie carries a random token; the database keeps only its hash. A new token is made
//! at every login; sessions expire when idle and at an absolute limit; logout deletes the row.

use std::collections::HashMap;

use sqlx::{Any, Row, Transaction};

use crate::{
    accounts::{
        access::{Access, AuthVia, NetworkRole, Role},
        auth_cache::{AuthCache, Cached},
        password,
        secrets::{hash_secret, new_secret},
        throttle::Throttle,
        users::{self, User},
    },
    config::Config,
    db::{now_ms, Db},
    error::{AppError, AppResult},
};

pub const COOKIE_NAME: &str = "samsyn_session";
const TOUCH_EVERY_MS: i64 = 60 * 1000;

/// Deletes a user's sessions, except `keep` when given.
pub async fn end_all_for_user(
    tx: &mut Transaction<'static, Any>,
    user_id: i64,
    keep: Option<i64>,
) -> AppResult<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(-1))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Checks credentials and opens a session. Returns the user and the cookie token.
///
/// Unknown e-mail and wrong password give the same error after the same work. Failures are
/// counted per account and per client address in the database, so the limit holds for the
/// whole site however many nodes serve it.
pub async fn login(
    db: &Db,
    cfg: &Config,
    email: &str,
    password_raw: &str,
    client: &str,
) -> AppResult<(User, String)> {
    let email = email.trim().to_lowercase();
    let throttle = Throttle::new(&email, client);
    throttle.check(db, cfg).await?;
    let row = sqlx::query(&format!(
        "SELECT {}, password_hash FROM users WHERE email = $1 AND active = 1 AND erased_at IS NULL",
        users::USER_COLUMNS
    ))
    .bind(&email)
    .fetch_optional(&db.pool)
    .await?;
    let (user, stored) = match &row {
        Some(r) => (
            Some(User::from_row(r)?),
            r.try_get::<Option<String>, _>("password_hash")?,
        ),
        None => (None, None),
    };
    let ok = password::verify(password_raw.to_string(), stored).await?;
    let mut tx = db.begin_write().await?;
    let Some(user) = user.filter(|_| ok) else {
        throttle.failed(&mut tx).await?;
        tx.commit().await?;
        return Err(AppError::BadInput {
            field: None,
            message: "Fel e-postadress eller lösenord.".into(),
        });
    };
    throttle.passed(&mut tx).await?;
    if user.role != Role::Admin && !local_passwords_allowed(&mut tx, user.organisation_id).await? {
        tx.commit().await?;
        return Err(AppError::Forbidden(
            "Din organisation loggar in med sin egen inloggning. Välj \"Logga in med\" och din organisation."
                .into(),
        ));
    }
    let (_, token) = open(&mut tx, cfg, user.id).await?;
    tx.commit().await?;
    Ok((user, token))
}

/// Opens a session for a user whose identity the caller has proven (password or identity
/// provider). Returns the session id and the cookie token.
pub async fn open(
    tx: &mut Transaction<'static, Any>,
    cfg: &Config,
    user_id: i64,
) -> AppResult<(i64, String)> {
    let now = now_ms();
    let token = new_secret("");
    let expires = now + cfg.session_max().as_millis() as i64;
    let row = sqlx::query(
        "INSERT INTO sessions (user_id, token_hash, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4) RETURNING id",
    )
    .bind(user_id)
    .bind(hash_secret(&token))
    .bind(now)
    .bind(expires)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok((row.try_get(0)?, token))
}

/// False when the organisation signs in only through its identity provider (an admin's
/// choice per organisation, kept on the provider by `crate::oidc`). Only while that
/// provider is switched on, so turning a provider off never locks its members out.
async fn local_passwords_allowed(
    tx: &mut Transaction<'static, Any>,
    organisation_id: Option<i64>,
) -> AppResult<bool> {
    let Some(org) = organisation_id else {
        return Ok(true);
    };
    let row = sqlx::query(
        "SELECT 1 FROM oidc_providers WHERE organisation_id = $1 AND enabled = 1 AND local_passwords = 0",
    )
    .bind(org)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.is_none())
}

/// Ends the session whose cookie token this is.
pub async fn logout(db: &Db, access: &Access) -> AppResult<()> {
    if let Some(p) = &access.principal {
        if let AuthVia::Session { session_id } = p.via {
            let mut tx = db.begin_write().await?;
            sqlx::query("DELETE FROM sessions WHERE id = $1")
                .bind(session_id)
                .execute(&mut **tx)
                .await?;
            tx.commit().await?;
        }
    }
    Ok(())
}

/// Resolves a cookie token to the caller's access, or anonymous when it is unknown or expired.
///
/// From `cache` while no write has been committed since it was read (see [`AuthCache`]);
/// the idle and absolute limits are checked either way, and the session is touched at most
/// once a minute, as a write that no cache needs to forget.
pub async fn resolve(db: &Db, cfg: &Config, cache: &AuthCache, token: &str) -> AppResult<Access> {
    let hash = hash_secret(token);
    let now = now_ms();
    let idle = cfg.session_idle().as_millis() as i64;
    // Read before the database, so a write that lands meanwhile makes this entry stale.
    let generation = db.writes.current();
    if let Some(hit) = generation.and_then(|g| cache.get(&hash, g)) {
        let last_seen = hit.last_seen_at.unwrap_or(now);
        let live = hit.expires_at.is_none_or(|e| e >= now) && last_seen + idle >= now;
        if live {
            let via = hit.access.principal.as_ref().map(|p| &p.via);
            if let Some(&AuthVia::Session { session_id }) = via {
                if now - last_seen > TOUCH_EVERY_MS {
                    touch(db, session_id, now).await?;
                    cache.touched(&hash, now);
                }
            }
            return Ok(hit.access);
        }
    }
    // One statement: the session, its user and the user's memberships (one row per
    // membership, or one row with NULLs for none).
    let rows = sqlx::query(
        "SELECT s.id, s.last_seen_at, s.expires_at, u.id, u.display_name, u.role, u.organisation_id,
                m.network_id, m.role
         FROM sessions s JOIN users u ON u.id = s.user_id
         LEFT JOIN network_members m ON m.user_id = u.id
         WHERE s.token_hash = $1 AND u.active = 1 AND u.erased_at IS NULL",
    )
    .bind(&hash)
    .fetch_all(&db.pool)
    .await?;
    let Some(r) = rows.first() else {
        return Ok(Access::anonymous());
    };
    let session_id: i64 = r.try_get(0)?;
    let mut last_seen: i64 = r.try_get(1)?;
    let expires: i64 = r.try_get(2)?;
    if expires < now || last_seen + idle < now {
        let mut tx = db.begin_write().await?;
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(session_id)
            .execute(&mut **tx)
            .await?;
        tx.commit().await?;
        return Ok(Access::anonymous());
    }
    if now - last_seen > TOUCH_EVERY_MS {
        touch(db, session_id, now).await?;
        last_seen = now;
    }
    let mut networks = HashMap::with_capacity(rows.len());
    for row in &rows {
        if let Some(network) = row.try_get::<Option<i64>, _>(7)? {
            let role: String = row.try_get(8)?;
            networks.insert(network, NetworkRole::parse(&role));
        }
    }
    let access = Access::with_networks(
        r.try_get(3)?,
        r.try_get(4)?,
        Role::parse(&r.try_get::<String, _>(5)?)?,
        r.try_get(6)?,
        AuthVia::Session { session_id },
        networks,
    );
    if let Some(generation) = generation {
        cache.put(
            hash,
            Cached {
                access: access.clone(),
                generation,
                expires_at: Some(expires),
                last_seen_at: Some(last_seen),
            },
        );
    }
    Ok(access)
}

/// Records that a session was used. No cached answer holds `last_seen_at` (only the idle
/// limit and `myData`, which is never cached, read it), so the write does not move the write
/// generation.
async fn touch(db: &Db, session_id: i64, now: i64) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    tx.unseen();
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
        .bind(now)
        .bind(session_id)
        .execute(&mut **tx)
        .await?;
    tx.commit().await
}

/// The Set-Cookie value for a session token (HttpOnly, SameSite=Lax, Secure over TLS).
pub fn cookie(token: &str, secure: bool, max_age_secs: u64) -> String {
    format!(
        "{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The Set-Cookie value that removes the session cookie.
pub fn clear_cookie(secure: bool) -> String {
    cookie("", secure, 0)
}
