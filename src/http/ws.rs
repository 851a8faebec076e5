//! GraphQL subscriptions over WebSocket (graphql-transport-ws, and the older graphql-ws) at
//! `/graphql/ws`. The caller is the session cookie of the upgrade request (only when the
//! page is our own origin, so another site cannot ride a user's cookie), a bearer token on
//! the upgrade request, or a bearer token in `connection_init`'s payload
//! (`{"authorization": "Bearer ssn_…"}`), which wins when given.

use async_graphql::http::ALL_WEBSOCKET_PROTOCOLS;
use async_graphql_poem::{GraphQLProtocol, GraphQLWebSocket};
use poem::{
    handler,
    web::{websocket::WebSocket, Data},
    IntoResponse, Request, Response,
};

use crate::{
    accounts::{tokens, Access},
    error::AppError,
    graphql::AppSchema,
    http::{auth, error::json_error},
    state::AppState,
};

/// True when the upgrade comes from a page of this site (or from a non-browser client,
/// which sends no Origin).
fn same_origin(state: &AppState, req: &Request) -> bool {
    let Some(origin) = req.headers().get("origin").and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let origin = origin.trim_end_matches('/');
    if origin.eq_ignore_ascii_case(state.config.public_url.trim_end_matches('/')) {
        return true;
    }
    let host = req
        .headers()
        .get("host")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let origin_host = origin.split_once("://").map_or(origin, |(_, h)| h);
    !host.is_empty() && origin_host.eq_ignore_ascii_case(host)
}

async fn upgrade_access(state: &AppState, req: &Request) -> Result<Access, AppError> {
    if auth::bearer_token(req).is_some() || same_origin(state, req) {
        return auth::authenticate(state, req).await.map(|(a, _)| a);
    }
    Ok(Access::anonymous())
}

/// The token in a `connection_init` payload, if any.
fn init_token(payload: &serde_json::Value) -> Option<String> {
    let obj = payload.as_object()?;
    let raw = obj
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("authorization") || k.as_str() == "token")
        .and_then(|(_, v)| v.as_str())?;
    let raw = raw.trim();
    let token = match raw.split_once(' ') {
        Some((scheme, t)) if scheme.eq_ignore_ascii_case("bearer") => t.trim(),
        _ => raw,
    };
    (!token.is_empty()).then(|| token.to_string())
}

fn unauthenticated() -> async_graphql::Error {
    async_graphql::Error::from(AppError::Unauthenticated)
}

#[handler]
pub async fn graphql_ws(
    req: &Request,
    protocol: GraphQLProtocol,
    websocket: WebSocket,
    Data(state): Data<&AppState>,
    Data(schema): Data<&AppSchema>,
) -> Response {
    let access = match upgrade_access(state, req).await {
        Ok(a) => a,
        Err(e) => return json_error(&e),
    };
    let meta = auth::request_meta(state, req);
    let schema = schema.clone();
    let state = state.clone();
    websocket
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |stream| {
            let mut data = async_graphql::Data::default();
            data.insert(access);
            data.insert(meta);
            GraphQLWebSocket::new(stream, schema, protocol)
                .with_data(data)
                .on_connection_init(move |payload| async move {
                    let mut data = async_graphql::Data::default();
                    if let Some(token) = init_token(&payload) {
                        match tokens::resolve(&state.db, &state.auth, &token).await {
                            Ok(Some(access)) => data.insert(access),
                            Ok(None) => return Err(unauthenticated()),
                            Err(e) => return Err(e.into()),
                        }
                    }
                    Ok(data)
                })
                .serve()
        })
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::init_token;
    use serde_json::json;

    #[test]
    fn connection_init_tokens_are_read_in_the_usual_shapes() {
        assert_eq!(
            init_token(&json!({"authorization": "Bearer ssn_x"})).as_deref(),
            Some("ssn_x")
        );
        assert_eq!(
            init_token(&json!({"Authorization": "bearer ssn_y"})).as_deref(),
            Some("ssn_y")
        );
        assert_eq!(
            init_token(&json!({"token": "ssn_z"})).as_deref(),
            Some("ssn_z")
        );
        assert_eq!(init_token(&json!({})), None);
        assert_eq!(init_token(&json!(null)), None);
        assert_eq!(init_token(&json!({"authorization": "  "})), None);
    }
}
