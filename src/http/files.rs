//! `GET /files/{id}`: downloads an attachment with the same permission check as its owner.
//! Missing and unreadable are the same 404. The answer is built so the file can never run
//! as part of our site: nosniff, a sandboxing CSP, `attachment` unless PDF or image.
//! Supports `If-None-Match` (the ETag is the sha256) and single `Range` requests. The body
//! is streamed chunk by chunk from the database (see `library::blobs`), never held whole.

use futures::{StreamExt, TryStreamExt};
use poem::{
    handler,
    http::{header, HeaderValue, StatusCode},
    web::{Data, Path},
    Body, Request, Response,
};

use crate::{
    error::AppError,
    http::{auth, error::text_error},
    library::{attachments, blobs, filename},
    state::AppState,
};

/// The Content-Security-Policy of every download: nothing loads, scripts never run.
pub const FILE_CSP: &str = "default-src 'none'; sandbox";

/// What a `Range` header asks of a file of `size` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeRequest {
    /// No usable single range: send the whole file.
    Full,
    /// Bytes `start..=end`.
    Part { start: u64, end: u64 },
    /// No byte of the range is in the file: 416.
    Unsatisfiable,
}

/// Reads a `Range` header (RFC 9110 §14). Several ranges or a malformed header are answered
/// with the whole file, as the RFC allows.
pub fn parse_range(header: &str, size: u64) -> RangeRequest {
    let Some(spec) = header.trim().strip_prefix("bytes=") else {
        return RangeRequest::Full;
    };
    if spec.contains(',') {
        return RangeRequest::Full;
    }
    let Some((a, b)) = spec.trim().split_once('-') else {
        return RangeRequest::Full;
    };
    let (a, b) = (a.trim(), b.trim());
    if a.is_empty() {
        // Suffix: the last `b` bytes.
        return match b.parse::<u64>() {
            Ok(0) => RangeRequest::Unsatisfiable,
            Ok(_) if size == 0 => RangeRequest::Unsatisfiable,
            Ok(n) => RangeRequest::Part {
                start: size.saturating_sub(n),
                end: size - 1,
            },
            Err(_) => RangeRequest::Full,
        };
    }
    let Ok(start) = a.parse::<u64>() else {
        return RangeRequest::Full;
    };
    let end = if b.is_empty() {
        None
    } else {
        match b.parse::<u64>() {
            Ok(e) if e >= start => Some(e),
            _ => return RangeRequest::Full,
        }
    };
    if start >= size {
        return RangeRequest::Unsatisfiable;
    }
    RangeRequest::Part {
        start,
        end: end.map_or(size - 1, |e| e.min(size - 1)),
    }
}

/// Whether an `If-None-Match` value matches `etag` (weak comparison, `*` matches).
fn none_match(header: &str, etag: &str) -> bool {
    header
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag)
}

fn not_found() -> Response {
    text_error(&AppError::not_found("Filen"))
}

/// Bytes `start..start + len` of a blob as a streamed body. The first piece is read before
/// answering, so a blob that cannot be read at all is still a clean 500; an error later
/// (after the status went out) can only cut the body short, and is logged.
async fn blob_body(state: &AppState, sha256: &str, start: u64, len: u64) -> Result<Body, AppError> {
    let mut pieces = Box::pin(blobs::stream_range(
        state.db.clone(),
        sha256.to_string(),
        start,
        len,
    ));
    let first = match pieces.next().await {
        Some(piece) => piece?,
        None => return Ok(Body::empty()),
    };
    let rest = pieces.map_err(|e| {
        tracing::error!(error = %e.log_message(), "download cut short");
        std::io::Error::other("blob read failed")
    });
    Ok(Body::from_bytes_stream(
        futures::stream::once(async move { Ok(first) }).chain(rest),
    ))
}

#[handler]
pub async fn download(
    req: &Request,
    Path(id): Path<String>,
    Data(state): Data<&AppState>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return not_found();
    };
    let access = match auth::authenticate(state, req).await {
        Ok((a, _)) => a,
        Err(e) => return text_error(&e),
    };
    let att = match attachments::get_readable(&state.db, &access, id).await {
        Ok(Some(a)) => a,
        Ok(None) => return not_found(),
        Err(e) => return text_error(&e),
    };
    let etag = format!("\"{}\"", att.sha256);
    let disposition = if att.inline() {
        filename::content_disposition_inline(&att.file_name)
    } else {
        filename::content_disposition(&att.file_name)
    };
    let base = |status: StatusCode| {
        Response::builder()
            .status(status)
            .header(header::ETAG, etag.as_str())
            .header(header::CACHE_CONTROL, "private, no-cache")
            .header(header::ACCEPT_RANGES, "bytes")
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
            .header(header::CONTENT_SECURITY_POLICY, FILE_CSP)
            .header("cross-origin-resource-policy", "same-origin")
    };
    let headers = req.headers();
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| none_match(v, &etag))
    {
        return base(StatusCode::NOT_MODIFIED).finish();
    }
    let size = att.size.max(0) as u64;
    let if_range_ok = headers
        .get(header::IF_RANGE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.trim() == etag);
    let range = match headers.get(header::RANGE).and_then(|v| v.to_str().ok()) {
        Some(r) if if_range_ok => parse_range(r, size),
        _ => RangeRequest::Full,
    };
    let content_type = HeaderValue::from_str(&att.content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let disposition =
        HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment"));
    match range {
        RangeRequest::Unsatisfiable => base(StatusCode::RANGE_NOT_SATISFIABLE)
            .header(header::CONTENT_RANGE, format!("bytes */{size}"))
            .finish(),
        RangeRequest::Part { start, end } => {
            let len = end - start + 1;
            match blob_body(state, &att.sha256, start, len).await {
                Ok(body) => base(StatusCode::PARTIAL_CONTENT)
                    .header(header::CONTENT_TYPE, content_type)
                    .header(header::CONTENT_DISPOSITION, disposition)
                    .header(header::CONTENT_RANGE, format!("bytes {start}-{end}/{size}"))
                    .header(header::CONTENT_LENGTH, len)
                    .body(body),
                Err(e) => text_error(&e),
            }
        }
        RangeRequest::Full => match blob_body(state, &att.sha256, 0, size).await {
            Ok(body) => base(StatusCode::OK)
                .header(header::CONTENT_TYPE, content_type)
                .header(header::CONTENT_DISPOSITION, disposition)
                .header(header::CONTENT_LENGTH, size)
                .body(body),
            Err(e) => text_error(&e),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_read_per_rfc_9110() {
        use RangeRequest::*;
        assert_eq!(parse_range("bytes=0-99", 1000), Part { start: 0, end: 99 });
        assert_eq!(
            parse_range("bytes=900-", 1000),
            Part {
                start: 900,
                end: 999
            }
        );
        assert_eq!(
            parse_range("bytes=-100", 1000),
            Part {
                start: 900,
                end: 999
            }
        );
        assert_eq!(
            parse_range("bytes=-5000", 1000),
            Part { start: 0, end: 999 }
        );
        assert_eq!(
            parse_range("bytes=990-5000", 1000),
            Part {
                start: 990,
                end: 999
            }
        );
        assert_eq!(parse_range("bytes=1000-", 1000), Unsatisfiable);
        assert_eq!(parse_range("bytes=5000-6000", 1000), Unsatisfiable);
        assert_eq!(parse_range("bytes=-0", 1000), Unsatisfiable);
        assert_eq!(parse_range("bytes=5-1", 1000), Full);
        assert_eq!(parse_range("bytes=0-1,5-6", 1000), Full);
        assert_eq!(parse_range("items=0-1", 1000), Full);
        assert_eq!(parse_range("bytes=x-", 1000), Full);
    }

    #[test]
    fn if_none_match_compares_weakly() {
        let etag = "\"abc\"";
        assert!(none_match("\"abc\"", etag));
        assert!(none_match("W/\"abc\"", etag));
        assert!(none_match("\"x\", \"abc\"", etag));
        assert!(none_match("*", etag));
        assert!(!none_match("\"abd\"", etag));
    }
}
