//! Walking a sign-in like a browser does, over HTTP: its own cookie jar, redirects
//! followed one at a time, the provider's login form filled in; and reading the answers.

use serde_json::{json, Value};

use crate::{helpers::*, oidc::Provider};

/// A browser: its own cookie jar, redirects followed one by one.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn location(resp: &reqwest::Response) -> String {
    resp.headers()
        .get("location")
        .unwrap_or_else(|| panic!("no Location in {} from {}", resp.status(), resp.url()))
        .to_str()
        .unwrap()
        .to_string()
}

fn absolute(base: &str, loc: &str) -> String {
    if loc.starts_with("http") {
        loc.to_string()
    } else {
        format!("{base}{loc}")
    }
}

/// Presses "Logga in med Eksjö kommun": returns the provider's authorization URL.
pub async fn begin(app: &TestApp, b: &reqwest::Client, path: &str) -> String {
    let resp = b.get(app.url(path)).send().await.unwrap();
    assert_eq!(resp.status(), 303, "{path} redirects to the provider");
    location(&resp)
}

/// Signs in at the provider as `account` and returns the callback URL it sends back to
/// (not yet visited). With `abort`, the user cancels at the provider's login page instead.
pub async fn at_provider(
    provider: &Provider,
    b: &reqwest::Client,
    authorize: &str,
    account: &str,
    abort: bool,
) -> String {
    let mut url = authorize.to_string();
    for _ in 0..10 {
        if !url.starts_with(&provider.issuer) {
            return url;
        }
        let resp = b.get(&url).send().await.unwrap();
        if resp.status().is_redirection() {
            url = absolute(&provider.issuer, &location(&resp));
            continue;
        }
        let status = resp.status();
        let html = resp.text().await.unwrap();
        assert_eq!(status, 200, "provider page {url}: {html}");
        assert!(
            html.contains("name=\"login\""),
            "the provider's login form: {html}"
        );
        let resp = if abort {
            b.get(format!("{url}/abort")).send().await.unwrap()
        } else {
            b.post(&url)
                .form(&[
                    ("prompt", "login"),
                    ("login", account),
                    ("password", "vad-som-helst"),
                ])
                .send()
                .await
                .unwrap()
        };
        assert!(
            resp.status().is_redirection(),
            "login at the provider: {}",
            resp.status()
        );
        url = absolute(&provider.issuer, &location(&resp));
    }
    panic!("the provider never sent the browser back");
}

/// The whole walk up to the callback URL.
pub async fn to_callback(
    app: &TestApp,
    provider: &Provider,
    b: &reqwest::Client,
    account: &str,
) -> String {
    let authorize = begin(app, b, "/auth/oidc/eksjo").await;
    at_provider(provider, b, &authorize, account, false).await
}

/// Visits the callback: (status, Location or page text, whether a session cookie was set).
pub async fn visit(b: &reqwest::Client, url: &str) -> (u16, String, bool) {
    let resp = b.get(url).send().await.unwrap();
    let status = resp.status().as_u16();
    let session = resp.headers().get_all("set-cookie").iter().any(|v| {
        v.to_str().unwrap_or("").starts_with("samsyn_session=")
            && !v.to_str().unwrap_or("").starts_with("samsyn_session=;")
    });
    let text = if resp.status().is_redirection() {
        location(&resp)
    } else {
        resp.text().await.unwrap()
    };
    (status, text, session)
}

pub async fn me(app: &TestApp, b: &reqwest::Client) -> Value {
    let body = app
        .gql_with(
            b,
            "{ me { id displayName email role active organisation { name } } }",
            json!({}),
        )
        .await;
    assert_ok(&body);
    body["data"]["me"].clone()
}

/// Signs in through the provider as `account` in a new browser, which it returns.
pub async fn sign_in(app: &TestApp, provider: &Provider, account: &str) -> reqwest::Client {
    let b = browser();
    let cb = to_callback(app, provider, &b, account).await;
    let (status, to, session) = visit(&b, &cb).await;
    assert_eq!(
        (status, session),
        (303, true),
        "signed in as {account}: {to}"
    );
    b
}

/// Changes the query parameter `name` of `url` (or adds it).
pub fn with_param(url: &str, name: &str, value: &str) -> String {
    let mut u = reqwest::Url::parse(url).unwrap();
    let pairs: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| k != name)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    u.query_pairs_mut()
        .clear()
        .extend_pairs(pairs)
        .append_pair(name, value);
    u.to_string()
}

pub fn param(url: &str, name: &str) -> String {
    reqwest::Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}
