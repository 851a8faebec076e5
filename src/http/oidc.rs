//! The two routes of signing in through an identity provider, and its error page:
//! GET /auth/oidc/{slug}?till=/path sends the browser to the provider; GET
//! /auth/oidc/callback takes it back, opens the session and goes on to the page it came
//! from. A refusal is a Swedish page saying what to do, a log line with the reason, and no
//! session. The query of these URLs (code, state) is never logged.

use poem::{
    handler,
    http::{header, StatusCode},
    web::{Data, Path, Query},
    Request, Response,
};

use crate::{
    accounts::sessions,
    http::auth,
    oidc::{
        flow::{self, Callback, BINDING_COOKIE, BINDING_PATH},
        providers::Provider,
        Fault,
    },
    state::AppState,
};

#[derive(Debug, serde::Deserialize)]
pub struct StartQuery {
    till: Option<String>,
}

fn binding_cookie(req: &Request) -> Option<String> {
    let header = req.headers().get("cookie")?.to_str().ok()?;
    header.split(';').find_map(|part| {
        let (name, value) = part.trim().split_once('=')?;
        (name == BINDING_COOKIE && !value.is_empty()).then(|| value.to_string())
    })
}

fn binding_set_cookie(value: &str, secure: bool, max_age_secs: i64) -> String {
    format!(
        "{BINDING_COOKIE}={value}; Path={BINDING_PATH}; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// GET /auth/oidc/{slug}: starts a sign-in and redirects to the provider.
#[handler]
pub async fn start(
    req: &Request,
    Path(slug): Path<String>,
    Query(q): Query<StartQuery>,
    Data(state): Data<&AppState>,
) -> Response {
    let meta = auth::request_meta(state, req);
    let binding = binding_cookie(req);
    let till = q.till.as_deref().unwrap_or("/");
    match flow::start(&state.oidc_ctx(), &slug, till, binding.as_deref()).await {
        Ok((provider, started)) => {
            tracing::info!(provider = %provider.slug, "sign-in started at the identity provider");
            Response::builder()
                .status(StatusCode::SEE_OTHER)
                .header(header::LOCATION, started.location)
                .header(
                    header::SET_COOKIE,
                    binding_set_cookie(&started.binding, meta.secure, flow::MAX_AGE_MS / 1000),
                )
                .header(header::CACHE_CONTROL, "no-store")
                .finish()
        }
        Err((provider, fault)) => refused(&slug, provider.as_ref(), &fault),
    }
}

/// GET /auth/oidc/callback: the provider's answer.
#[handler]
pub async fn callback(req: &Request, Data(state): Data<&AppState>) -> Response {
    let meta = auth::request_meta(state, req);
    let cb: Callback = parse_callback(req.uri().query().unwrap_or_default());
    let binding = binding_cookie(req);
    match flow::finish(&state.oidc_ctx(), &cb, binding.as_deref()).await {
        Ok(done) => {
            tracing::info!(
                user_id = done.user.id,
                "signed in through the identity provider"
            );
            Response::builder()
                .status(StatusCode::SEE_OTHER)
                .header(header::LOCATION, done.return_to)
                .header(
                    header::SET_COOKIE,
                    sessions::cookie(
                        &done.session_token,
                        meta.secure,
                        state.config.session_max().as_secs(),
                    ),
                )
                .header(header::SET_COOKIE, binding_set_cookie("", meta.secure, 0))
                .header(header::CACHE_CONTROL, "no-store")
                .header("referrer-policy", "no-referrer")
                .finish()
        }
        Err((provider, fault)) => {
            let slug = provider
                .as_ref()
                .map_or("-", |p| p.slug.as_str())
                .to_string();
            let mut resp = refused(&slug, provider.as_ref(), &fault);
            if let Ok(v) = binding_set_cookie("", meta.secure, 0).parse() {
                resp.headers_mut().append(header::SET_COOKIE, v);
            }
            resp
        }
    }
}

/// Parses the callback's query; repeated or broken parameters count as missing.
fn parse_callback(query: &str) -> Callback {
    let mut cb = Callback::default();
    let mut seen = std::collections::HashSet::new();
    for (k, v) in form_pairs(query) {
        if !seen.insert(k.clone()) {
            // A parameter given twice is someone's doing, not the provider's.
            return Callback::default();
        }
        match k.as_str() {
            "state" => cb.state = Some(v),
            "code" => cb.code = Some(v),
            "iss" => cb.iss = Some(v),
            "error" => cb.error = Some(v),
            _ => {}
        }
    }
    cb
}

fn form_pairs(query: &str) -> Vec<(String, String)> {
    openidconnect::url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn refused(slug: &str, provider: Option<&Provider>, fault: &Fault) -> Response {
    tracing::warn!(provider = %slug, reason = %fault.reason(), "sign-in through identity provider refused");
    let org = provider.map(|p| p.organisation_name.as_str());
    let (title, text) = fault.page(org);
    error_page(
        StatusCode::from_u16(fault.status()).unwrap_or(StatusCode::BAD_REQUEST),
        &title,
        &text,
    )
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A page of the site's look without its script: heading, what happened and what to do,
/// and the way back to the login page.
pub fn error_page(status: StatusCode, title: &str, text: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{t} – Samsyn</title>\n<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n\
         <link rel=\"stylesheet\" href=\"/css/app.css\">\n</head>\n<body>\n\
         <header class=\"site-header\"><div class=\"container site-header__top\"><a class=\"brand\" href=\"/\">\
         <span class=\"brand__name\">Samsyn</span> <span class=\"brand__tag\">Miljösamverkan Jönköpings län</span></a></div></header>\n\
         <main id=\"main\"><div class=\"container\"><div class=\"narrow\">\n<h1>{t}</h1>\n<p class=\"lead\" data-fault>{p}</p>\n\
         <p><a class=\"button\" href=\"/logga-in\">Till inloggningssidan</a></p>\n</div></div></main>\n</body>\n</html>\n",
        t = esc(title),
        p = esc(text),
    );
    Response::builder()
        .status(status)
        .content_type("text/html; charset=utf-8")
        .header(header::CACHE_CONTROL, "no-store")
        .header("referrer-policy", "no-referrer")
        .body(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parameter_given_twice_voids_the_callback() {
        let cb = parse_callback("state=a&code=b&iss=http%3A%2F%2Fx");
        assert_eq!(cb.state.as_deref(), Some("a"));
        assert_eq!(cb.iss.as_deref(), Some("http://x"));
        let cb = parse_callback("state=a&code=b&code=c");
        assert!(cb.state.is_none() && cb.code.is_none());
    }

    #[test]
    fn the_error_page_escapes_its_text() {
        let html = esc("<script>\"x\" & y</script>");
        assert_eq!(html, "&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;");
    }
}
