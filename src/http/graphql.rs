//! GraphQL over HTTP (POST, and GET for queries only) per the GraphQL-over-HTTP spec, with
//! the request limits: body size, nesting (before any parser), batch size, upload size, CSRF
//! rules, execution timeout; and GraphiQL for a browser's GET, served from the binary.

use async_graphql::{http::MultipartOptions, BatchRequest, BatchResponse, ServerError};
use futures::{StreamExt, TryStreamExt};
use poem::{
    handler,
    http::{HeaderValue, StatusCode},
    web::Data,
    Body, Request, Response,
};

use crate::{
    error::{AppError, ErrorCode},
    graphql::{
        guard::{self, ViaGet},
        limits, AppSchema,
    },
    http::{
        auth,
        error::{json_error, json_error_with},
        response_cache::{self, Hit, ResponseCache},
        web::WebAssets,
    },
    state::AppState,
};

/// Most operations one HTTP request may carry (batching).
pub const MAX_BATCH: usize = 10;
/// Most files one multipart request may carry.
pub const MAX_FILES: usize = 5;
/// The header a multipart (upload) request must carry to prove it is not a cross-site form.
pub const CSRF_HEADERS: &[&str] = &[
    "x-samsyn-csrf",
    "apollo-require-preflight",
    "graphql-preflight",
];

fn wants_graphql_response(req: &Request) -> bool {
    req.headers()
        .get("accept")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/graphql-response+json"))
}

/// Most bytes read and thrown away from a refused body, so that an ordinary client sees the
/// answer instead of a reset connection. Nothing of it is kept in memory.
const DRAIN_CAP: u64 = 16 * 1024 * 1024;

async fn drain<S>(mut stream: S, mut seen: u64)
where
    S: futures::Stream<Item = Result<bytes::Bytes, std::io::Error>> + Unpin,
{
    while seen < DRAIN_CAP {
        match stream.next().await {
            Some(Ok(chunk)) => seen += chunk.len() as u64,
            _ => break,
        }
    }
}

async fn read_limited(body: Body, limit: u64) -> Result<Vec<u8>, AppError> {
    let mut stream = Box::pin(body.into_bytes_stream());
    let mut buf = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| AppError::bad("Kunde inte läsa anropet."))?;
        if (buf.len() + chunk.len()) as u64 > limit {
            let seen = (buf.len() + chunk.len()) as u64;
            drop(buf);
            drain(stream, seen).await;
            return Err(AppError::TooLarge(format!(
                "Anropet är för stort (högst {} kB).",
                limit / 1024
            )));
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf)
}

#[handler]
pub async fn graphql_post(
    req: &Request,
    body: Body,
    Data(state): Data<&AppState>,
    Data(schema): Data<&AppSchema>,
    Data(cache): Data<&ResponseCache>,
) -> Response {
    // Kept as sent: the multipart boundary is case-sensitive (browsers send mixed case).
    let content_type = req
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let media_type = content_type.to_ascii_lowercase();
    let is_json = media_type.starts_with("application/json")
        || media_type.starts_with("application/graphql-response+json");
    let is_multipart = media_type.starts_with("multipart/form-data");
    let has_csrf_header = CSRF_HEADERS.iter().any(|h| req.headers().contains_key(*h));
    if !(is_json || is_multipart && has_csrf_header) {
        let err = AppError::bad(
            "GraphQL-anrop måste skickas som application/json (uppladdningar som multipart/form-data med huvudet x-samsyn-csrf).",
        );
        return json_error_with(StatusCode::UNSUPPORTED_MEDIA_TYPE, &err);
    }
    let declared_len = req
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let max_total = if is_multipart {
        state.config.max_upload_bytes + 64 * 1024
    } else {
        state.config.max_body_bytes
    };
    if declared_len.is_some_and(|n| n > max_total) {
        drain(Box::pin(body.into_bytes_stream()), 0).await;
        let err = AppError::TooLarge(format!(
            "Anropet är för stort (högst {} MiB).",
            max_total / (1024 * 1024)
        ));
        return json_error_with(StatusCode::PAYLOAD_TOO_LARGE, &err);
    }
    let (access, _) = match auth::authenticate(state, req).await {
        Ok(a) => a,
        Err(e) => return json_error(&e),
    };
    let mut slot = None;
    let batch = if is_multipart {
        let reader = body
            .into_bytes_stream()
            .map_err(std::io::Error::other)
            .into_async_read();
        let opts = MultipartOptions::default()
            .max_file_size(state.config.max_upload_bytes as usize)
            .max_num_files(MAX_FILES);
        match async_graphql::http::receive_batch_body(Some(&content_type), reader, opts).await {
            Ok(b) => b,
            Err(async_graphql::ParseRequestError::PayloadTooLarge) => {
                let err = AppError::TooLarge(format!(
                    "Filen är för stor (högst {} MiB).",
                    state.config.max_upload_bytes / (1024 * 1024)
                ));
                return json_error_with(StatusCode::PAYLOAD_TOO_LARGE, &err);
            }
            Err(e) => {
                let err = AppError::bad(format!("Ogiltig uppladdning: {e}"));
                return json_error_with(StatusCode::BAD_REQUEST, &err);
            }
        }
    } else {
        let bytes = match read_limited(body, state.config.max_body_bytes).await {
            Ok(b) => b,
            Err(e) => return json_error(&e),
        };
        // Read before anything is computed: a write from here on makes the answer stale.
        if let Some(generation) = cache.enabled().then(|| state.db.writes.current()).flatten() {
            let key = ResponseCache::key(&access, wants_graphql_response(req), &bytes);
            if let Some(hit) = cache.get(&key, generation) {
                return cached(hit);
            }
            slot = Some((key, generation));
        }
        // Before serde, which recurses once per level: a batch adds two levels.
        if let Err(e) = limits::check_json(&bytes, 2) {
            return json_error_with(StatusCode::BAD_REQUEST, &e);
        }
        match serde_json::from_slice::<BatchRequest>(&bytes) {
            Ok(b) => b,
            Err(_) => return json_error_with(StatusCode::BAD_REQUEST, &why_not_graphql(&bytes)),
        }
    };
    let cacheable = match &batch {
        BatchRequest::Single(r) => response_cache::cacheable(&r.query, r.operation_name.as_deref()),
        BatchRequest::Batch(_) => false,
    };
    let slot = match slot.filter(|_| cacheable) {
        // Computed by an identical request meanwhile, or ours to compute (see `lookup`).
        Some((key, generation)) => match cache.lookup(&key, generation).await {
            Ok(hit) => return cached(hit),
            Err(flight) => Some(Slot {
                cache,
                key,
                generation,
                _flight: flight,
            }),
        },
        None => None,
    };
    execute(state, schema, req, access, batch, false, slot).await
}

/// Where an answer may be kept ([`ResponseCache`]), decided before it is computed.
struct Slot<'a> {
    cache: &'a ResponseCache,
    key: Vec<u8>,
    generation: u64,
    /// Held until the answer is stored (or the request ends): identical requests wait.
    _flight: Option<response_cache::Flight>,
}

fn cached(hit: Hit) -> Response {
    Response::builder()
        .content_type(hit.content_type)
        .header("cache-control", "no-store")
        .header("x-samsyn-cache", "hit")
        .body(hit.body)
}

#[handler]
pub async fn graphql_get(
    req: &Request,
    Data(state): Data<&AppState>,
    Data(schema): Data<&AppSchema>,
) -> Response {
    let query = req.uri().query().unwrap_or_default();
    let has_query = query
        .split('&')
        .any(|pair| pair == "query" || pair.starts_with("query="));
    if !has_query {
        let wants_html = req
            .headers()
            .get("accept")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
        if wants_html {
            return graphiql();
        }
        return json_error_with(StatusCode::BAD_REQUEST, &missing_query());
    }
    let request = match async_graphql::http::parse_query_string(query) {
        Ok(r) => r,
        Err(_) => {
            let err = AppError::bad("Ogiltig GraphQL-fråga i adressen.");
            return json_error_with(StatusCode::BAD_REQUEST, &err);
        }
    };
    let (access, _) = match auth::authenticate(state, req).await {
        Ok(a) => a,
        Err(e) => return json_error(&e),
    };
    execute(
        state,
        schema,
        req,
        access,
        BatchRequest::Single(request),
        true,
        None,
    )
    .await
}

/// GraphiQL, from the binary (web/graphiql), under a CSP that names no other origin.
fn graphiql() -> Response {
    match WebAssets::get("graphiql/index.html") {
        Some(page) => Response::builder()
            .content_type("text/html; charset=utf-8")
            .header("content-security-policy", GRAPHIQL_CSP)
            .header("cache-control", "no-cache")
            .body(page.data.into_owned()),
        None => Response::builder().status(StatusCode::NOT_FOUND).finish(),
    }
}

/// GraphiQL's page: its scripts and styles are our own files; CodeMirror sets element
/// styles from script, which `style-src 'self'` allows (only inline markup styles are
/// refused); its fonts are data: URLs inside its stylesheet.
const GRAPHIQL_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; \
base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

fn missing_query() -> AppError {
    AppError::bad("Anropet saknar fältet query (GraphQL-dokumentet som ska köras).")
}

/// Why a JSON body is not a GraphQL request, in words a developer can act on.
fn why_not_graphql(bytes: &[u8]) -> AppError {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return AppError::bad("Anropet är inte giltig JSON.");
    };
    let entries = match &value {
        serde_json::Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    for entry in entries {
        let Some(obj) = entry.as_object() else {
            return AppError::bad("Anropet ska vara ett JSON-objekt med fältet query.");
        };
        match obj.get("query") {
            None => return missing_query(),
            Some(q) if !q.is_string() => {
                return AppError::bad_input("query", "Fältet query ska vara en sträng.")
            }
            _ => {}
        }
        if obj
            .get("variables")
            .is_some_and(|v| !v.is_object() && !v.is_null())
        {
            return AppError::bad_input("variables", "Fältet variables ska vara ett JSON-objekt.");
        }
        if obj
            .get("operationName")
            .is_some_and(|v| !v.is_string() && !v.is_null())
        {
            return AppError::bad_input(
                "operationName",
                "Fältet operationName ska vara en sträng.",
            );
        }
    }
    AppError::bad("Anropet är inte en giltig GraphQL-begäran.")
}

async fn execute(
    state: &AppState,
    schema: &AppSchema,
    req: &Request,
    access: crate::accounts::Access,
    batch: BatchRequest,
    via_get: bool,
    slot: Option<Slot<'_>>,
) -> Response {
    if let BatchRequest::Batch(list) = &batch {
        if list.len() > MAX_BATCH || list.is_empty() {
            let err = AppError::bad(format!("Högst {MAX_BATCH} operationer per anrop."));
            return json_error_with(StatusCode::BAD_REQUEST, &err);
        }
    }
    let entries: Vec<&async_graphql::Request> = match &batch {
        BatchRequest::Single(r) => vec![r],
        BatchRequest::Batch(rs) => rs.iter().collect(),
    };
    for r in entries {
        // async-graphql reads a missing `query` as the empty document.
        if r.query.trim().is_empty() {
            return json_error_with(StatusCode::BAD_REQUEST, &missing_query());
        }
        if let Err(e) =
            limits::check_document(&r.query).and_then(|()| limits::check_variables(&r.variables))
        {
            return json_error_with(StatusCode::BAD_REQUEST, &e);
        }
    }
    let meta = auth::request_meta(state, req);
    let prepare = |mut r: async_graphql::Request| {
        r = r.data(access.clone()).data(meta.clone());
        if via_get {
            r = r.data(ViaGet);
        }
        r
    };
    let batch = match batch {
        BatchRequest::Single(r) => BatchRequest::Single(prepare(r)),
        BatchRequest::Batch(rs) => BatchRequest::Batch(rs.into_iter().map(prepare).collect()),
    };
    let resp =
        match tokio::time::timeout(state.config.request_timeout(), schema.execute_batch(batch))
            .await
        {
            Ok(r) => r,
            Err(_) => {
                let mut e = ServerError::new("Anropet tog för lång tid och avbröts.", None);
                let mut ext = async_graphql::ErrorExtensionValues::default();
                ext.set("code", ErrorCode::Internal.as_str());
                e.extensions = Some(ext);
                BatchResponse::Single(async_graphql::Response::from_errors(vec![e]))
            }
        };
    if via_get && is_mutation_via_get(&resp) {
        return Response::builder()
            .status(StatusCode::METHOD_NOT_ALLOWED)
            .header("allow", "POST")
            .content_type("application/json; charset=utf-8")
            .body(body_of(&resp));
    }
    respond(req, resp, slot)
}

fn is_mutation_via_get(resp: &BatchResponse) -> bool {
    matches!(resp, BatchResponse::Single(r)
        if r.errors.iter().any(|e| e.message == guard::MUTATION_VIA_GET))
}

/// A response that never reached execution (syntax, validation, limits): per
/// GraphQL-over-HTTP it has errors and no `data` entry at all.
fn is_request_error(r: &async_graphql::Response) -> bool {
    r.data == async_graphql::Value::Null
        && !r.errors.is_empty()
        && r.errors.iter().all(|e| e.path.is_empty())
}

fn one_body(r: &async_graphql::Response) -> String {
    #[derive(serde::Serialize)]
    struct RequestError<'a> {
        errors: &'a [ServerError],
    }
    let out = if is_request_error(r) {
        serde_json::to_string(&RequestError { errors: &r.errors })
    } else {
        serde_json::to_string(r)
    };
    out.unwrap_or_else(|_| "{}".into())
}

fn body_of(resp: &BatchResponse) -> String {
    match resp {
        BatchResponse::Single(r) => one_body(r),
        BatchResponse::Batch(rs) => {
            let parts: Vec<String> = rs.iter().map(one_body).collect();
            format!("[{}]", parts.join(","))
        }
    }
}

fn respond(req: &Request, resp: BatchResponse, slot: Option<Slot<'_>>) -> Response {
    let graphql_response = wants_graphql_response(req);
    // Per GraphQL-over-HTTP: with application/graphql-response+json, a request that never
    // reached execution (no data) answers 400.
    let status = match &resp {
        BatchResponse::Single(r) if graphql_response && is_request_error(r) => {
            StatusCode::BAD_REQUEST
        }
        _ => StatusCode::OK,
    };
    let headers: Vec<(String, String)> = match &resp {
        BatchResponse::Single(r) => r
            .http_headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
            .collect(),
        BatchResponse::Batch(rs) => rs
            .iter()
            .flat_map(|r| {
                r.http_headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
            })
            .collect(),
    };
    let body = bytes::Bytes::from(body_of(&resp));
    let content_type = if graphql_response {
        "application/graphql-response+json; charset=utf-8"
    } else {
        "application/json; charset=utf-8"
    };
    // Only a clean answer is kept: no error (a timeout, a refusal) and no header to repeat.
    if let (Some(slot), BatchResponse::Single(r)) = (slot, &resp) {
        if status == StatusCode::OK && r.errors.is_empty() && headers.is_empty() {
            let hit = Hit {
                body: body.clone(),
                content_type,
            };
            slot.cache.put(slot.key, slot.generation, hit);
        }
    }
    let mut out = Response::builder()
        .status(status)
        .content_type(content_type)
        .header("cache-control", "no-store")
        .body(body);
    for (k, v) in headers {
        if let (Ok(name), Ok(value)) = (
            poem::http::HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(&v),
        ) {
            out.headers_mut().append(name, value);
        }
    }
    out
}
