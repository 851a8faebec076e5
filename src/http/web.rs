//! The Swedish web UI, embedded in the binary from `web/`. Unknown paths without a file
//! extension get `index.html`, so every page URL survives a reload.

use poem::{
    handler,
    http::{header, StatusCode},
    Request, Response, Route,
};
use rust_embed::RustEmbed;

/// Everything under `web/`: the UI, and GraphiQL's files under `web/graphiql/`.
#[derive(RustEmbed)]
#[folder = "web/"]
pub struct WebAssets;

pub fn ui() -> Route {
    Route::new().at("/*path", asset).at("/", asset)
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" | "webmanifest" => "application/json",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[handler]
fn asset(req: &Request) -> Response {
    let path = req.uri().path().trim_start_matches('/');
    let (name, file) = match WebAssets::get(path) {
        Some(f) if !path.is_empty() => (path.to_string(), f),
        _ => {
            let last = path.rsplit('/').next().unwrap_or("");
            if last.contains('.') {
                return Response::builder()
                    .status(StatusCode::NOT_FOUND)
                    .body("Sidan finns inte.");
            }
            match WebAssets::get("index.html") {
                Some(f) => ("index.html".to_string(), f),
                None => return Response::builder().status(StatusCode::NOT_FOUND).finish(),
            }
        }
    };
    let etag = format!("\"{}\"", hex::encode(&file.metadata.sha256_hash()[..12]));
    if req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == etag)
    {
        return Response::builder()
            .status(StatusCode::NOT_MODIFIED)
            .header(header::ETAG, etag)
            .finish();
    }
    Response::builder()
        .content_type(content_type(&name))
        .header(header::ETAG, etag)
        .header(header::CACHE_CONTROL, "no-cache")
        .body(file.data.into_owned())
}
