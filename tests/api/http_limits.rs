//! The HTTP and GraphQL limits: depth, complexity, batch, body size, CSRF, GET, headers.

use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::*;

both_backends!(
    too_deep_query_is_refused,
    too_complex_mutation_is_refused_before_any_resolver_runs,
    cookie_post_that_is_not_json_is_refused,
    mutation_over_get_is_refused,
    oversized_body_is_too_large,
    batch_is_capped,
    security_headers_on_every_response,
    concurrent_writers_all_succeed,
    health_and_readiness,
    graphql_response_media_type,
);

async fn too_deep_query_is_refused(app: TestApp) {
    let admin = app.admin().await;
    let mut q = String::from("__schema { types { name ");
    for _ in 0..14 {
        q.push_str("fields { type { ");
    }
    q.push_str("name");
    for _ in 0..14 {
        q.push_str(" } }");
    }
    q.push_str(" } }");
    let body = app.gql_with(&admin, &format!("{{ {q} }}"), json!({})).await;
    assert_code(&body, "BAD_INPUT");
    assert!(
        body.get("data").is_none(),
        "a refused document has no data entry: {body}"
    );
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("för många nivåer"), "{body}");
}

async fn too_complex_mutation_is_refused_before_any_resolver_runs(app: TestApp) {
    let admin = app.admin().await;
    let mut q = String::from("mutation {");
    for i in 0..2600 {
        q.push_str(&format!(
            " t{i}: createApiToken(input: {{ name: \"n{i}\", scope: READ }}) {{ token }}"
        ));
    }
    q.push('}');
    let body = app.gql_with(&admin, &q, json!({})).await;
    assert_code(&body, "BAD_INPUT");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("kostsam") || message.contains("för många fält"),
        "{body}"
    );
    let tokens = app
        .gql_with(&admin, "{ apiTokens { id } }", json!({}))
        .await;
    assert_eq!(
        tokens["data"]["apiTokens"].as_array().unwrap().len(),
        0,
        "a resolver ran"
    );
}

async fn cookie_post_that_is_not_json_is_refused(app: TestApp) {
    let admin = app.admin().await;
    let payload = r#"{"query":"mutation { createApiToken(input: {name: \"csrf\", scope: WRITE}) { token } }"}"#;
    for ct in ["text/plain", "application/x-www-form-urlencoded"] {
        let resp = admin
            .post(app.url("/graphql"))
            .header("content-type", ct)
            .body(payload)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 415, "{ct}");
        let body: Value = resp.json().await.unwrap();
        assert_code(&body, "BAD_INPUT");
    }
    // multipart without the custom header
    let form = reqwest::multipart::Form::new()
        .text("operations", payload.to_string())
        .text("map", "{}");
    let resp = admin
        .post(app.url("/graphql"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 415);
    let tokens = app
        .gql_with(&admin, "{ apiTokens { id } }", json!({}))
        .await;
    assert_eq!(tokens["data"]["apiTokens"].as_array().unwrap().len(), 0);
}

async fn mutation_over_get_is_refused(app: TestApp) {
    let admin = app.admin().await;
    let resp = admin
        .get(app.url("/graphql"))
        .query(&[("query", "mutation { logout }")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 405, "a mutation over GET is 405");
    assert_eq!(resp.headers()["allow"], "POST");
    let body: Value = resp.json().await.unwrap();
    assert_code(&body, "BAD_INPUT");
    let me = app.gql_with(&admin, "{ me { email } }", json!({})).await;
    assert_eq!(me["data"]["me"]["email"], ADMIN_EMAIL, "GET logout ran");
    // Queries over GET work.
    let resp = admin
        .get(app.url("/graphql"))
        .query(&[("query", "{ me { email } }")])
        .send()
        .await
        .unwrap();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["data"]["me"]["email"], ADMIN_EMAIL);
    // Without a query, a browser's GET gets GraphiQL, any other GET a Swedish 400.
    let page = admin
        .get(app.url("/graphql"))
        .header("accept", "text/html,application/xhtml+xml")
        .send()
        .await
        .unwrap();
    assert!(page.text().await.unwrap().contains("GraphiQL"));
    let resp = admin.get(app.url("/graphql")).send().await.unwrap();
    assert_eq!(resp.status(), 400);
    let body: Value = resp.json().await.unwrap();
    assert!(body["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("saknar fältet query"));
}

async fn oversized_body_is_too_large(app: TestApp) {
    let big = "x".repeat(2 * 1024 * 1024);
    let resp = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": "{ me { id } }", "variables": { "pad": big } }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 413);
    let body: Value = resp.json().await.unwrap();
    assert_code(&body, "TOO_LARGE");
}

async fn batch_is_capped(app: TestApp) {
    let ops: Vec<Value> = (0..11)
        .map(|_| json!({ "query": "{ me { id } }" }))
        .collect();
    let resp = app
        .client
        .post(app.url("/graphql"))
        .json(&ops)
        .send()
        .await
        .unwrap();
    let body: Value = resp.json().await.unwrap();
    assert_code(&body, "BAD_INPUT");
    let ops: Vec<Value> = (0..3)
        .map(|_| json!({ "query": "{ me { id } }" }))
        .collect();
    let resp = app
        .client
        .post(app.url("/graphql"))
        .json(&ops)
        .send()
        .await
        .unwrap();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body.as_array().unwrap().len(), 3);
}

async fn security_headers_on_every_response(app: TestApp) {
    for path in ["/", "/graphql", "/healthz", "/nat/sma-avlopp"] {
        let resp = app.client.get(app.url(path)).send().await.unwrap();
        let h = resp.headers();
        assert!(h.contains_key("content-security-policy"), "{path}");
        assert!(h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'"));
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
        assert!(h.contains_key("x-request-id"), "{path}");
    }
}

async fn concurrent_writers_all_succeed(app: TestApp) {
    let admin = app.admin().await;
    let mut tasks = Vec::new();
    for i in 0..20 {
        let client = admin.clone();
        let url = app.url("/graphql");
        tasks.push(tokio::spawn(async move {
            let body: Value = client
                .post(url)
                .json(&json!({
                    "query": "mutation($n: String!) { createApiToken(input: { name: $n, scope: READ }) { token } }",
                    "variables": { "n": format!("samtidig {i}") }
                }))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            body
        }));
    }
    for t in tasks {
        let body = t.await.unwrap();
        assert_ok(&body);
    }
    let tokens = app
        .gql_with(&admin, "{ apiTokens { id } }", json!({}))
        .await;
    assert_eq!(tokens["data"]["apiTokens"].as_array().unwrap().len(), 20);
}

async fn health_and_readiness(app: TestApp) {
    let h = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(h.status(), 200);
    let r = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
}

async fn graphql_response_media_type(app: TestApp) {
    let resp = app
        .client
        .post(app.url("/graphql"))
        .header("accept", "application/graphql-response+json")
        .json(&json!({ "query": "{ me { id } " }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/graphql-response+json"));
    let resp = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": "{ me { id } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
}
