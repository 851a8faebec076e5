//! HTTP wiring: routes, middleware (request id, security headers, panics), health checks.
//! Handlers are thin: they authenticate the caller and hand over to GraphQL or a domain.

pub mod auth;
pub mod directory;
pub mod error;
pub mod files;
pub mod graphql;
pub mod meetings;
pub mod oidc;
pub mod response_cache;
pub mod security;
pub mod web;
pub mod ws;

use poem::{
    get, handler, http::StatusCode, middleware::CatchPanic, web::Data, EndpointExt, IntoResponse,
    Response, Route,
};

use std::sync::Arc;

use crate::{graphql::AppSchema, search::SearchService, state::AppState};

pub fn routes(
    state: AppState,
    search: Option<Arc<SearchService>>,
    schema: AppSchema,
) -> impl poem::Endpoint {
    Route::new()
        .at(
            "/graphql",
            get(graphql::graphql_get).post(graphql::graphql_post),
        )
        .at("/directory/export.csv", get(directory::export_csv))
        .at("/directory/export.vcf", get(directory::export_vcf))
        .at(
            "/directory/people/:id/kontaktkort.vcf",
            get(directory::person_vcf),
        )
        .at("/meetings/:id", get(meetings::meeting_ics))
        .at(
            "/meetings/:id/participants.csv",
            get(meetings::participants_csv),
        )
        .at("/calendar/user/:file", get(meetings::user_feed))
        .at("/calendar/network/:slug/:file", get(meetings::network_feed))
        .at(
            "/nyhetsbrev/avsluta/:token",
            get(meetings::unsubscribe).post(meetings::unsubscribe),
        )
        .at("/files/:id", get(files::download))
        .at(crate::oidc::flow::CALLBACK_PATH, get(oidc::callback))
        .at("/auth/oidc/:slug", get(oidc::start))
        .at("/graphql/ws", get(ws::graphql_ws))
        .at("/healthz", get(healthz))
        .at("/readyz", get(readyz))
        .at("/metrics", get(metrics))
        .nest("/", web::ui())
        .data(response_cache::ResponseCache::new(
            state.config.response_cache_mib * 1024 * 1024,
        ))
        .data(state)
        .data(search)
        .data(schema)
        .with(security::SecurityHeaders)
        .with(CatchPanic::new().with_handler(|_| {
            error::json_error(&crate::error::AppError::internal("panic in a handler"))
        }))
        .around(security::request_span)
}

#[handler]
fn healthz() -> &'static str {
    "ok"
}

#[handler]
async fn readyz(
    Data(state): Data<&AppState>,
    Data(search): Data<&Option<Arc<SearchService>>>,
) -> Response {
    let unavailable = |why: &str| {
        Response::builder()
            .status(StatusCode::SERVICE_UNAVAILABLE)
            .body(why.to_string())
    };
    if !state.db.ping().await {
        return unavailable("database unreachable");
    }
    if let Some(search) = search {
        let max = crate::db::change_log::max_seq(&state.db.pool)
            .await
            .unwrap_or(0);
        let lag = max - search.indexed_seq();
        if search.is_rebuilding() && lag > state.config.ready_max_lag {
            return unavailable(&format!("search index rebuilding ({lag} changes behind)"));
        }
    }
    "ready".into_response()
}

#[handler]
fn metrics(
    Data(state): Data<&AppState>,
    Data(cache): Data<&response_cache::ResponseCache>,
) -> Response {
    crate::metrics::db_pool(state.db.pool.size(), state.db.pool.num_idle());
    let (hits, misses, bytes) = cache.stats();
    crate::metrics::response_cache(hits, misses, bytes);
    Response::builder()
        .content_type("text/plain; version=0.0.4")
        .body(crate::metrics::render())
}
