//! Security headers on every response, and the per-request tracing span with a request id.

use std::time::Instant;

use poem::{http::HeaderValue, Endpoint, IntoResponse, Middleware, Request, Response, Result};
use rand::RngCore;
use tracing::Instrument;

/// The default Content-Security-Policy of the app and API.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub struct SecurityHeaders;

impl<E: Endpoint> Middleware<E> for SecurityHeaders {
    type Output = SecurityHeadersEndpoint<E>;
    fn transform(&self, ep: E) -> Self::Output {
        SecurityHeadersEndpoint(ep)
    }
}

pub struct SecurityHeadersEndpoint<E>(E);

impl<E: Endpoint> Endpoint for SecurityHeadersEndpoint<E> {
    type Output = Response;
    async fn call(&self, req: Request) -> Result<Self::Output> {
        let mut resp = match self.0.call(req).await {
            Ok(r) => r.into_response(),
            Err(e) => e.into_response(),
        };
        let h = resp.headers_mut();
        let defaults = [
            ("content-security-policy", CSP),
            ("x-content-type-options", "nosniff"),
            ("x-frame-options", "DENY"),
            ("referrer-policy", "same-origin"),
            ("cross-origin-opener-policy", "same-origin"),
            (
                "permissions-policy",
                "camera=(), microphone=(), geolocation=(), payment=()",
            ),
        ];
        for (name, value) in defaults {
            if !h.contains_key(name) {
                h.insert(name, HeaderValue::from_static(value));
            }
        }
        Ok(resp)
    }
}

/// Wraps each request in a span carrying a request id (also sent back as `x-request-id`).
pub async fn request_span<E: Endpoint>(next: E, req: Request) -> Result<Response> {
    let mut id = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut id);
    let request_id = hex::encode(id);
    let span = tracing::info_span!(
        "request",
        request_id = %request_id,
        method = %req.method(),
        path = %req.uri().path()
    );
    let started = Instant::now();
    let mut req = req;
    req.set_data(RequestId(request_id.clone()));
    let resp = async move {
        let resp = match next.call(req).await {
            Ok(r) => r.into_response(),
            Err(e) => e.into_response(),
        };
        let elapsed = started.elapsed();
        tracing::info!(
            status = resp.status().as_u16(),
            ms = elapsed.as_millis() as u64,
            "done"
        );
        crate::metrics::http_request(resp.status().as_u16(), elapsed.as_secs_f64());
        resp
    }
    .instrument(span)
    .await;
    let mut resp = resp;
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        resp.headers_mut().insert("x-request-id", v);
    }
    Ok(resp)
}

/// The request id of the current request.
#[derive(Clone)]
pub struct RequestId(pub String);
