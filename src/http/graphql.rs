//! GraphQL over HTTP (POST, and GET for queries only) per the GraphQL-over-HTTP spec, with
//! the request limits: body size, batch size, upload size, CSRF rules, execution timeout.

use async_graphql::{
    http::{GraphiQLSource, MultipartOptions},
    BatchRequest, BatchResponse, ServerError,
};
use futures::{StreamExt, TryStreamExt};
use poem::{
    handler,
    http::{HeaderValue, StatusCode},
    web::Data,
    Body, Request, Response,
};

use crate::{
    error::{AppError, ErrorCode},
    graphql::{guard::ViaGet, AppSchema},
    http::auth,
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

/// An error answered before GraphQL execution, in the GraphQL response shape.
pub fn error_response(status: StatusCode, err: &AppError) -> Response {
    let body = serde_json::json!({
        "errors": [{
            "message": err.public_message(),
            "extensions": { "code": err.code().as_str() }
        }]
    });
    Response::builder()
        .status(status)
        .content_type("application/json; charset=utf-8")
        .body(body.to_string())
}

fn status_of(err: &AppError) -> StatusCode {
    StatusCode::from_u16(err.code().http_status()).unwrap_or(StatusCode::BAD_REQUEST)
}

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
        return error_response(StatusCode::UNSUPPORTED_MEDIA_TYPE, &err);
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
        return error_response(StatusCode::PAYLOAD_TOO_LARGE, &err);
    }
    let (access, _) = match auth::authenticate(state, req).await {
        Ok(a) => a,
        Err(e) => return error_response(status_of(&e), &e),
    };
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
                return error_response(StatusCode::PAYLOAD_TOO_LARGE, &err);
            }
            Err(e) => {
                let err = AppError::bad(format!("Ogiltig uppladdning: {e}"));
                return error_response(StatusCode::BAD_REQUEST, &err);
            }
        }
    } else {
        let bytes = match read_limited(body, state.config.max_body_bytes).await {
            Ok(b) => b,
            Err(e) => return error_response(status_of(&e), &e),
        };
        match serde_json::from_slice::<BatchRequest>(&bytes) {
            Ok(b) => b,
            Err(_) => {
                let err = AppError::bad("Anropet är inte giltig GraphQL-JSON.");
                return error_response(StatusCode::BAD_REQUEST, &err);
            }
        }
    };
    execute(state, schema, req, access, batch, false).await
}

#[handler]
pub async fn graphql_get(
    req: &Request,
    Data(state): Data<&AppState>,
    Data(schema): Data<&AppSchema>,
) -> Response {
    let query = req.uri().query().unwrap_or_default();
    if !query.contains("query=") {
        let html = GraphiQLSource::build()
            .endpoint("/graphql")
            .subscription_endpoint("/graphql/ws")
            .title("Samsyn GraphiQL")
            .finish();
        return Response::builder()
            .content_type("text/html; charset=utf-8")
            .header(
                "content-security-policy",
                "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' https://unpkg.com; \
                 style-src 'self' 'unsafe-inline' https://unpkg.com; img-src 'self' data: https:; \
                 font-src 'self' https://unpkg.com data:; connect-src 'self' ws: wss:; frame-ancestors 'none'",
            )
            .body(html);
    }
    let request = match async_graphql::http::parse_query_string(query) {
        Ok(r) => r,
        Err(_) => {
            let err = AppError::bad("Ogiltig GraphQL-fråga i adressen.");
            return error_response(StatusCode::BAD_REQUEST, &err);
        }
    };
    let (access, _) = match auth::authenticate(state, req).await {
        Ok(a) => a,
        Err(e) => return error_response(status_of(&e), &e),
    };
    execute(
        state,
        schema,
        req,
        access,
        BatchRequest::Single(request),
        true,
    )
    .await
}

async fn execute(
    state: &AppState,
    schema: &AppSchema,
    req: &Request,
    access: crate::accounts::Access,
    batch: BatchRequest,
    via_get: bool,
) -> Response {
    if let BatchRequest::Batch(list) = &batch {
        if list.len() > MAX_BATCH || list.is_empty() {
            let err = AppError::bad(format!("Högst {MAX_BATCH} operationer per anrop."));
            return error_response(StatusCode::BAD_REQUEST, &err);
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
    respond(req, resp)
}

fn respond(req: &Request, resp: BatchResponse) -> Response {
    let graphql_response = wants_graphql_response(req);
    // Per GraphQL-over-HTTP: with application/graphql-response+json, a request that never
    // reached execution (no data) answers 400.
    let status = match &resp {
        BatchResponse::Single(r)
            if graphql_response && r.data == async_graphql::Value::Null && r.is_err() =>
        {
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
    let body = serde_json::to_string(&resp).unwrap_or_else(|_| "{}".into());
    let mut out = Response::builder()
        .status(status)
        .content_type(if graphql_response {
            "application/graphql-response+json; charset=utf-8"
        } else {
            "application/json; charset=utf-8"
        })
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
