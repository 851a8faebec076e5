//! GraphQL over HTTP for the benchmarks: posting an operation, logging in and waiting for a
//! `samsyn serve` child to be ready, shared by `search.rs`, `load.rs` and `upload.rs`.

use serde_json::{json, Value};

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The login mutation (the session cookie lands in the client's cookie store).
pub const LOGIN: &str = "mutation($i: LoginInput!) { login(input: $i) { user { id } } }";

/// Posts one GraphQL operation and returns the response body.
pub async fn gql(
    client: &reqwest::Client,
    base: &str,
    query: &str,
    variables: Value,
) -> Result<Value, BoxError> {
    Ok(client
        .post(format!("{base}/graphql"))
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await?
        .json()
        .await?)
}

/// Logs in with `client`, which must keep cookies; returns it holding the session.
pub async fn login_with(
    client: reqwest::Client,
    base: &str,
    email: &str,
    password: &str,
) -> Result<reqwest::Client, BoxError> {
    let body = gql(
        &client,
        base,
        LOGIN,
        json!({ "i": { "email": email, "password": password } }),
    )
    .await?;
    if !body["errors"].is_null() {
        return Err(format!("login as {email} failed: {body}").into());
    }
    Ok(client)
}

/// Waits until a `samsyn serve` child has printed its address and answers `/readyz` (a new
/// data folder builds its index first); returns the base URL. The rest of its stdout is
/// drained in the background so the child never blocks on a full pipe.
pub async fn wait_until_serving(
    child: &mut tokio::process::Child,
    poll: std::time::Duration,
) -> Result<String, BoxError> {
    use tokio::io::{AsyncBufReadExt, BufReader};
    let mut lines = BufReader::new(child.stdout.take().ok_or("no stdout")?).lines();
    let mut base = None;
    while let Some(line) = lines.next_line().await? {
        if let Some(rest) = line.split("http://").nth(1) {
            base = Some(format!("http://{}", rest.trim()));
            break;
        }
    }
    let base = base.ok_or("samsyn serve ended before listening")?;
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    let client = reqwest::Client::new();
    loop {
        if let Ok(r) = client.get(format!("{base}/readyz")).send().await {
            if r.status().is_success() {
                return Ok(base);
            }
        }
        tokio::time::sleep(poll).await;
    }
}
