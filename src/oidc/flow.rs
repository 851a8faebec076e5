//! One sign-in through an identity provider, from the button to the session.
//!
//! `start` remembers the sign-in (hashes only, ten minutes) and gives the provider's URL;
//! the browser gets a binding cookie. The PKCE verifier and the nonce are derived from that
//! cookie and the `state`, so they never reach the database or a URL. `finish` takes the
//! callback: the `state` row is deleted as it is read (a callback works once), the cookie
//! must be the one that started, the provider's error or another issuer ends it, then the
//! code is exchanged, the ID token verified, the user found or made, and a session opened.

use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::{
    accounts::{
        secrets::{hash_secret, new_secret},
        sessions,
        users::User,
    },
    config::Config,
    db::{now_ms, Db},
    error::AppError,
    oidc::{client, fault::Fault, link, providers},
};

/// What a sign-in needs of the running server: the database, the settings and the
/// providers' cached discovery documents. `http::oidc` and `graphql::oidc` build it from
/// `AppState`, so this module needs no state of its own and `state` stays a leaf.
pub struct Ctx<'a> {
    pub db: &'a Db,
    pub config: &'a Config,
    pub providers: &'a client::Providers,
}

/// The cookie that ties a sign-in to the browser that started it.
pub const BINDING_COOKIE: &str = "samsyn_oidc";
/// Where the cookie is sent: only to the sign-in routes.
pub const BINDING_PATH: &str = "/auth/oidc";
/// How long a started sign-in may take.
pub const MAX_AGE_MS: i64 = 10 * 60 * 1000;

/// The path of the callback, the one redirect URI to register at every provider.
pub const CALLBACK_PATH: &str = "/auth/oidc/callback";
/// Where the provider's end-session sends the user back.
pub const LOGGED_OUT_PATH: &str = "/utloggad";

pub fn redirect_uri(public_url: &str) -> String {
    format!("{}{CALLBACK_PATH}", public_url.trim_end_matches('/'))
}

pub fn post_logout_uri(public_url: &str) -> String {
    format!("{}{LOGGED_OUT_PATH}", public_url.trim_end_matches('/'))
}

/// A started sign-in: where to send the browser, and the binding cookie's value.
pub struct Started {
    pub location: String,
    pub binding: String,
}

/// A finished sign-in: the user, the session's cookie token and where to go.
pub struct Finished {
    pub user: User,
    pub session_token: String,
    pub return_to: String,
}

/// What the provider sent back to the callback.
#[derive(Debug, Default)]
pub struct Callback {
    pub state: Option<String>,
    pub code: Option<String>,
    pub iss: Option<String>,
    pub error: Option<String>,
}

fn derive(what: &str, binding: &str, state: &str) -> String {
    use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
    let mut h = Sha256::new();
    h.update(b"samsyn-oidc\0");
    h.update(what.as_bytes());
    h.update(b"\0");
    h.update(binding.as_bytes());
    h.update(b"\0");
    h.update(state.as_bytes());
    // 43 characters of the URL-safe alphabet: a valid PKCE verifier (RFC 7636: 43–128).
    URL_SAFE_NO_PAD.encode(h.finalize())
}

fn well_formed(binding: &str) -> bool {
    binding.len() == 43
        && binding
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Starts a sign-in with the provider `slug`. `binding` is the browser's cookie, when it
/// has one (two tabs share it); `return_to` is a local path.
pub async fn start(
    ctx: &Ctx<'_>,
    slug: &str,
    return_to: &str,
    binding: Option<&str>,
) -> Result<(providers::Provider, Started), (Option<providers::Provider>, Fault)> {
    let provider = match providers::by_slug(ctx.db, slug).await {
        Ok(Some(p)) if p.enabled => p,
        Ok(_) => return Err((None, Fault::UnknownProvider)),
        Err(e) => return Err((None, e.into())),
    };
    let fail = |p: &providers::Provider, f: Fault| (Some(p.clone()), f);
    let discovered = ctx
        .providers
        .discover(&provider.issuer)
        .await
        .map_err(|f| fail(&provider, f))?;
    let binding = binding
        .filter(|b| well_formed(b))
        .map(str::to_string)
        .unwrap_or_else(|| new_secret(""));
    let state_token = new_secret("");
    let now = now_ms();
    let write = async {
        let mut tx = ctx.db.begin_write().await?;
        sqlx::query("DELETE FROM oidc_logins WHERE expires_at < $1")
            .bind(now)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "INSERT INTO oidc_logins (state_hash, browser_hash, provider_id, return_to, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(hash_secret(&state_token))
        .bind(hash_secret(&binding))
        .bind(provider.id)
        .bind(safe_return(return_to))
        .bind(now)
        .bind(now + MAX_AGE_MS)
        .execute(&mut **tx)
        .await?;
        tx.commit().await
    };
    write
        .await
        .map_err(|e: AppError| fail(&provider, e.into()))?;
    let location = client::authorize_url(
        &discovered,
        &provider.client_id,
        &redirect_uri(&ctx.config.public_url),
        &state_token,
        &derive("nonce", &binding, &state_token),
        &derive("pkce", &binding, &state_token),
    )
    .map_err(|f| fail(&provider, f))?;
    Ok((provider, Started { location, binding }))
}

/// A local path to return to after signing in: "/" unless it is one of ours.
pub fn safe_return(path: &str) -> String {
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && path.len() <= 500
        && !path.chars().any(|c| c.is_control() || c == '\\');
    if ok {
        path.to_string()
    } else {
        "/".to_string()
    }
}

/// Finishes a sign-in from the provider's callback.
pub async fn finish(
    ctx: &Ctx<'_>,
    cb: &Callback,
    binding: Option<&str>,
) -> Result<Finished, (Option<providers::Provider>, Fault)> {
    let state_token = cb
        .state
        .as_deref()
        .filter(|s| !s.is_empty())
        .ok_or((None, Fault::UnknownState))?;
    // Read and delete in one statement: a second callback with the same state finds nothing.
    let consume = async {
        let mut tx = ctx.db.begin_write().await?;
        let row = sqlx::query(
            "DELETE FROM oidc_logins WHERE state_hash = $1
             RETURNING browser_hash, provider_id, return_to, expires_at",
        )
        .bind(hash_secret(state_token))
        .fetch_optional(&mut **tx)
        .await?;
        tx.commit().await?;
        Ok::<_, AppError>(row)
    };
    let row = consume
        .await
        .map_err(|e| (None, e.into()))?
        .ok_or((None, Fault::UnknownState))?;
    let get = |r: &sqlx::any::AnyRow| -> Result<(String, i64, String, i64), sqlx::Error> {
        Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?))
    };
    let (browser_hash, provider_id, return_to, expires_at) =
        get(&row).map_err(|e| (None, AppError::from(e).into()))?;
    let provider = match providers::get(ctx.db, provider_id).await {
        Ok(Some(p)) if p.enabled => p,
        Ok(_) => return Err((None, Fault::UnknownProvider)),
        Err(e) => return Err((None, e.into())),
    };
    let fail = |f: Fault| (Some(provider.clone()), f);
    if expires_at < now_ms() {
        return Err(fail(Fault::Expired));
    }
    let binding = binding
        .filter(|b| well_formed(b) && hash_secret(b) == browser_hash)
        .ok_or_else(|| fail(Fault::OtherBrowser))?;
    if let Some(error) = &cb.error {
        return Err(fail(Fault::Refused(error.chars().take(64).collect())));
    }
    // RFC 9207: a provider that names itself must be the one this sign-in went to.
    if let Some(iss) = &cb.iss {
        if iss != &provider.issuer {
            return Err(fail(Fault::WrongIssuer(format!(
                "authorization response from {iss}"
            ))));
        }
    }
    let code = cb
        .code
        .as_deref()
        .filter(|c| !c.is_empty())
        .ok_or_else(|| fail(Fault::UnknownState))?;
    let discovered = ctx
        .providers
        .discover(&provider.issuer)
        .await
        .map_err(fail)?;
    let secret = provider
        .client_secret(ctx.config)
        .map_err(|e| fail(e.into()))?;
    let identity = ctx
        .providers
        .finish(
            &discovered,
            &provider.client_id,
            secret,
            &redirect_uri(&ctx.config.public_url),
            code,
            &derive("pkce", binding, state_token),
            &derive("nonce", binding, state_token),
        )
        .await
        .map_err(fail)?;
    let user = link::user_for(ctx.db, &provider, &identity)
        .await
        .map_err(fail)?;
    let open = async {
        let mut tx = ctx.db.begin_write().await?;
        let (session_id, token) = sessions::open(&mut tx, ctx.config, user.id).await?;
        sqlx::query("INSERT INTO oidc_sessions (session_id, provider_id) VALUES ($1, $2)")
            .bind(session_id)
            .bind(provider.id)
            .execute(&mut **tx)
            .await?;
        tx.commit().await?;
        Ok::<_, AppError>(token)
    };
    let session_token = open.await.map_err(|e| fail(e.into()))?;
    Ok(Finished {
        user,
        session_token,
        return_to,
    })
}

/// The provider a session was opened through, if any, and its end-session URL.
pub async fn end_session(
    ctx: &Ctx<'_>,
    session_id: i64,
) -> Result<Option<(providers::Provider, Option<String>)>, AppError> {
    let row = sqlx::query("SELECT provider_id FROM oidc_sessions WHERE session_id = $1")
        .bind(session_id)
        .fetch_optional(&ctx.db.pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let Some(provider) = providers::get(ctx.db, row.try_get(0)?).await? else {
        return Ok(None);
    };
    // Without the provider's answer the user is still signed out of Samsyn; only the link
    // to the provider's own sign-out is missing.
    let url = match ctx.providers.discover(&provider.issuer).await {
        Ok(d) => client::end_session_url(
            &d,
            &provider.client_id,
            &post_logout_uri(&ctx.config.public_url),
        ),
        Err(f) => {
            tracing::warn!(provider = %provider.slug, reason = %f.reason(), "no end-session URL");
            None
        }
    };
    Ok(Some((provider, url)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_verifier_is_a_valid_pkce_verifier_and_differs_per_purpose() {
        let b = new_secret("");
        assert!(well_formed(&b));
        let v = derive("pkce", &b, "s");
        assert_eq!(v.len(), 43);
        assert_ne!(v, derive("nonce", &b, "s"));
        assert_ne!(v, derive("pkce", &b, "t"));
        assert_eq!(v, derive("pkce", &b, "s"));
    }

    #[test]
    fn only_local_paths_are_returned_to() {
        assert_eq!(safe_return("/forum/trad/1?x=1"), "/forum/trad/1?x=1");
        assert_eq!(safe_return("//evil.example"), "/");
        assert_eq!(safe_return("/\\evil.example"), "/");
        assert_eq!(safe_return("https://evil.example"), "/");
        assert_eq!(safe_return(""), "/");
    }
}
