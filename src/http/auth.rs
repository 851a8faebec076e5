//! Who is calling: the session cookie or an `Authorization: Bearer` API token, turned into
//! the request's `Access`, plus the client address and TLS flag.

use poem::Request;

use crate::{
    accounts::{sessions, tokens, Access},
    error::{AppError, AppResult},
    http::security::RequestId,
    state::{AppState, RequestMeta},
};

/// The session token from the cookie header, if any.
pub fn session_token(req: &Request) -> Option<String> {
    let header = req.headers().get("cookie")?.to_str().ok()?;
    header.split(';').find_map(|part| {
        let (name, value) = part.trim().split_once('=')?;
        (name == sessions::COOKIE_NAME && !value.is_empty()).then(|| value.to_string())
    })
}

/// The bearer token from the Authorization header, if any.
pub fn bearer_token(req: &Request) -> Option<String> {
    let header = req.headers().get("authorization")?.to_str().ok()?;
    let (scheme, token) = header.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

pub fn request_meta(state: &AppState, req: &Request) -> RequestMeta {
    let forwarded = state
        .config
        .trust_proxy
        .then(|| {
            req.headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .map(|v| v.trim().to_string())
        })
        .flatten();
    let client = forwarded.unwrap_or_else(|| {
        req.remote_addr()
            .as_socket_addr()
            .map(|a| a.ip().to_string())
            .unwrap_or_else(|| "unknown".into())
    });
    let proto_https = state.config.trust_proxy
        && req
            .headers()
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"));
    RequestMeta {
        client,
        secure: proto_https
            || req.uri().scheme_str() == Some("https")
            || state.config.public_url.starts_with("https://"),
        request_id: req
            .data::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default(),
    }
}

/// Authenticates the request. A bearer token that is unknown, revoked or expired is an
/// error (UNAUTHENTICATED); a stale cookie just means "not signed in".
pub async fn authenticate(state: &AppState, req: &Request) -> AppResult<(Access, bool)> {
    if let Some(token) = bearer_token(req) {
        return match tokens::resolve(&state.db, &state.auth, &token).await? {
            Some(access) => Ok((access, false)),
            None => Err(AppError::Unauthenticated),
        };
    }
    match session_token(req) {
        Some(token) => Ok((
            sessions::resolve(&state.db, &state.config, &state.auth, &token).await?,
            true,
        )),
        None => Ok((Access::anonymous(), false)),
    }
}
