//! The one way an HTTP handler answers with an `AppError`: the status from the error table in
//! `crate::error`, the public Swedish message, and on API paths the GraphQL response shape
//! with `extensions.code`. Internal details are logged here and never sent.
//!
//! Handlers choose the shape, never the wording: API paths (GraphQL, the WebSocket upgrade,
//! the phone-book exports) answer JSON; downloads and calendar files, which a browser or a
//! calendar app shows as they are, answer plain text.

use poem::{
    http::{header, HeaderValue, StatusCode},
    Response,
};

use crate::error::AppError;

/// The HTTP status of `err`, from the one table in `crate::error`.
pub fn status_of(err: &AppError) -> StatusCode {
    StatusCode::from_u16(err.code().http_status()).unwrap_or(StatusCode::BAD_REQUEST)
}

/// `err` in the GraphQL response shape, with its status from the error table.
pub fn json_error(err: &AppError) -> Response {
    json_error_with(status_of(err), err)
}

/// `err` in the GraphQL response shape, with a status the GraphQL-over-HTTP rules choose
/// (415 for a wrong content type, 413 for a body over the limit, …).
pub fn json_error_with(status: StatusCode, err: &AppError) -> Response {
    let body = serde_json::json!({
        "errors": [{
            "message": err.public_message(),
            "extensions": { "code": err.code().as_str() }
        }]
    });
    finish(
        status,
        err,
        Response::builder()
            .status(status)
            .content_type("application/json; charset=utf-8")
            .body(body.to_string()),
    )
}

/// `err` as plain text that is never cached, with its status from the error table.
pub fn text_error(err: &AppError) -> Response {
    let status = status_of(err);
    finish(
        status,
        err,
        Response::builder()
            .status(status)
            .content_type("text/plain; charset=utf-8")
            .header(header::CACHE_CONTROL, "no-store")
            .body(err.public_message()),
    )
}

/// What every error answer shares: the internal detail goes to the log (with the request's
/// span), and a 401 names the scheme that would get in (RFC 9110 §11.6.1).
fn finish(status: StatusCode, err: &AppError, mut resp: Response) -> Response {
    if let AppError::Internal(detail) = err {
        tracing::error!(error = %detail, "internal error");
    }
    if status == StatusCode::UNAUTHORIZED {
        resp.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body(resp: Response) -> String {
        resp.into_body().into_string().await.unwrap()
    }

    #[tokio::test]
    async fn api_errors_have_the_graphql_shape_and_the_tables_status() {
        let resp = json_error(&AppError::not_found("Träffen"));
        assert_eq!(resp.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            resp.headers().get(header::CONTENT_TYPE).unwrap(),
            "application/json; charset=utf-8"
        );
        let v: serde_json::Value = serde_json::from_str(&body(resp).await).unwrap();
        assert_eq!(v["errors"][0]["extensions"]["code"], "NOT_FOUND");
        assert_eq!(
            v["errors"][0]["message"],
            "Träffen finns inte eller så saknar du behörighet."
        );
    }

    #[tokio::test]
    async fn internal_details_never_reach_the_client() {
        let resp = text_error(&AppError::internal("database: disk I/O error"));
        assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            resp.headers().get(header::CACHE_CONTROL).unwrap(),
            "no-store"
        );
        assert_eq!(body(resp).await, crate::error::INTERNAL_MESSAGE);
    }

    #[test]
    fn a_chosen_status_wins_and_401_names_the_scheme() {
        let resp = json_error_with(StatusCode::UNSUPPORTED_MEDIA_TYPE, &AppError::bad("x"));
        assert_eq!(resp.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let resp = json_error(&AppError::Unauthenticated);
        assert_eq!(
            resp.headers().get(header::WWW_AUTHENTICATE).unwrap(),
            "Bearer"
        );
    }
}
