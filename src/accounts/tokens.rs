//! API tokens for other tools: shown once, stored hashed, scoped READ or WRITE, revocable.

use sqlx::{any::AnyRow, Row};

use crate::{
    accounts::{
        access::{Access, AuthVia, Role, TokenScope},
        auth_cache::{AuthCache, Cached},
        secrets::{hash_secret, new_secret},
    },
    db::{now_ms, Db},
    error::{AppError, AppResult},
};

pub const TOKEN_PREFIX: &str = "ssn_";

#[derive(Debug, Clone)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub scope: TokenScope,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

const COLUMNS: &str = "id, name, scope, created_at, expires_at, last_used_at, revoked_at";

fn from_row(r: &AnyRow) -> AppResult<ApiToken> {
    Ok(ApiToken {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        scope: TokenScope::parse(&r.try_get::<String, _>("scope")?),
        created_at: r.try_get("created_at")?,
        expires_at: r.try_get("expires_at")?,
        last_used_at: r.try_get("last_used_at")?,
        revoked_at: r.try_get("revoked_at")?,
    })
}

/// Creates a token for the caller and returns it with its secret (shown this once).
pub async fn create(
    db: &Db,
    access: &Access,
    name: &str,
    scope: TokenScope,
    expires_at: Option<i64>,
) -> AppResult<(ApiToken, String)> {
    let me = access.user()?;
    if !matches!(me.via, AuthVia::Session { .. }) {
        return Err(AppError::Forbidden(
            "API-nycklar skapas i en inloggad session, inte med en annan API-nyckel.".into(),
        ));
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::bad_input(
            "name",
            "Ge nyckeln ett namn på 1–100 tecken.",
        ));
    }
    let now = now_ms();
    if matches!(expires_at, Some(t) if t <= now) {
        return Err(AppError::bad_input(
            "expiresAt",
            "Utgångstiden måste ligga i framtiden.",
        ));
    }
    let secret = new_secret(TOKEN_PREFIX);
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(&format!(
        "INSERT INTO api_tokens (user_id, name, token_hash, scope, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {COLUMNS}"
    ))
    .bind(me.user_id)
    .bind(name)
    .bind(hash_secret(&secret))
    .bind(scope.as_str())
    .bind(now)
    .bind(expires_at)
    .fetch_one(&mut **tx)
    .await?;
    tx.commit().await?;
    Ok((from_row(&row)?, secret))
}

pub async fn list_mine(db: &Db, access: &Access) -> AppResult<Vec<ApiToken>> {
    let me = access.user()?;
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC"
    ))
    .bind(me.user_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Revokes one of the caller's tokens (admins may revoke anyone's). Takes effect at once.
pub async fn revoke(db: &Db, access: &Access, id: i64) -> AppResult<ApiToken> {
    let me = access.user()?;
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(&format!(
        "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1)
         WHERE id = $2 AND (user_id = $3 OR $4 = 1) RETURNING {COLUMNS}"
    ))
    .bind(now_ms())
    .bind(id)
    .bind(me.user_id)
    .bind(access.is_admin() as i64)
    .fetch_optional(&mut **tx)
    .await?;
    tx.commit().await?;
    row.as_ref()
        .map(from_row)
        .transpose()?
        .ok_or_else(|| AppError::not_found("API-nyckeln"))
}

/// Resolves an API token to its owner's access; None when it is unknown, revoked or expired.
/// From `cache` while no write has been committed since it was read (see [`AuthCache`]).
pub async fn resolve(db: &Db, cache: &AuthCache, secret: &str) -> AppResult<Option<Access>> {
    let hash = hash_secret(secret);
    let now = now_ms();
    let generation = db.writes.current();
    if let Some(hit) = generation.and_then(|g| cache.get(&hash, g)) {
        if hit.expires_at.is_none_or(|e| e > now) {
            if let Some(AuthVia::Token { token_id, .. }) =
                hit.access.principal.as_ref().map(|p| &p.via)
            {
                if hit.last_seen_at.is_none_or(|t| now - t > 60_000) {
                    touch(db, *token_id, now).await?;
                    cache.touched(&hash, now);
                }
            }
            return Ok(Some(hit.access));
        }
        return Ok(None);
    }
    let row = sqlx::query(
        "SELECT t.id, t.scope, t.expires_at, t.last_used_at, u.id, u.display_name, u.role, u.organisation_id
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active = 1 AND u.erased_at IS NULL",
    )
    .bind(&hash)
    .fetch_optional(&db.pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let token_id: i64 = r.try_get(0)?;
    let expires_at: Option<i64> = r.try_get(2)?;
    if matches!(expires_at, Some(t) if t <= now) {
        return Ok(None);
    }
    let mut last_used: Option<i64> = r.try_get(3)?;
    if last_used.is_none_or(|t| now - t > 60_000) {
        touch(db, token_id, now).await?;
        last_used = Some(now);
    }
    let access = Access::for_user(
        db,
        r.try_get(4)?,
        r.try_get(5)?,
        Role::parse(&r.try_get::<String, _>(6)?)?,
        r.try_get(7)?,
        AuthVia::Token {
            token_id,
            scope: TokenScope::parse(&r.try_get::<String, _>(1)?),
        },
    )
    .await?;
    if let Some(generation) = generation {
        cache.put(
            hash,
            Cached {
                access: access.clone(),
                generation,
                expires_at,
                last_seen_at: last_used,
            },
        );
    }
    Ok(Some(access))
}

/// Records a token's use at most once a minute; the token list shows it, but no cached
/// answer does, so the write does not move the write generation.
async fn touch(db: &Db, token_id: i64, now: i64) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    tx.unseen();
    sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
        .bind(now)
        .bind(token_id)
        .execute(&mut **tx)
        .await?;
    tx.commit().await
}
