//! HTTP wiring: routes, middleware (request id, security headers, panics), health checks.
//! Handlers are thin: they authenticate the caller and hand over to GraphQL or a domain.

pub mod auth;
pub mod graphql;
pub mod security;
pub mod web;
pub mod ws;

use poem::{
    get, handler, http::StatusCode, middleware::CatchPanic, web::Data, EndpointExt, IntoResponse,
    Response, Route,
};

use crate::{graphql::AppSchema, state::AppState};

pub fn routes(state: AppState, schema: AppSchema) -> impl poem::Endpoint {
    Route::new()
        .at(
            "/graphql",
            get(graphql::graphql_get).post(graphql::graphql_post),
        )
        .at("/graphql/ws", get(ws::graphql_ws))
        .at("/healthz", get(healthz))
        .at("/readyz", get(readyz))
        .at("/metrics", get(metrics))
        .nest("/", web::ui())
        .data(state)
        .data(schema)
        .with(security::SecurityHeaders)
        .with(CatchPanic::new().with_handler(|_| {
            Response::builder()
                .status(StatusCode::INTERNAL_SERVER_ERROR)
                .content_type("application/json")
                .body(
                    r#"{"errors":[{"message":"Något gick fel. Försök igen.","extensions":{"code":"INTERNAL"}}]}"#,
                )
        }))
        .around(security::request_span)
}

#[handler]
fn healthz() -> &'static str {
    "ok"
}

#[handler]
async fn readyz(Data(state): Data<&AppState>) -> Response {
    if state.db.ping().await {
        "ready".into_response()
    } else {
        Response::builder()
            .status(StatusCode::SERVICE_UNAVAILABLE)
            .body("database unreachable")
    }
}

#[handler]
fn metrics(Data(state): Data<&AppState>) -> Response {
    crate::metrics::db_pool(state.db.pool.size(), state.db.pool.num_idle());
    Response::builder()
        .content_type("text/plain; version=0.0.4")
        .body(crate::metrics::render())
}
