//! GraphQL over HTTP for the benchmarks: posting an operation and logging in, shared by
//! `search.rs` and `load.rs`.

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
