//! Hostile requests: documents and variables nested 100,000 deep over every transport, too
//! many fields, list fields priced by their page, and the GraphQL-over-HTTP conventions for
//! refused documents. After each attack the server must still answer.

use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::*;

both_backends!(
    deep_documents_are_refused_on_every_http_path_and_the_server_stays_up,
    deep_documents_over_websocket_are_refused_and_the_server_stays_up,
    too_many_fields_or_aliases_are_refused,
    fragment_fan_out_and_cycles_are_refused_at_once,
    every_list_field_is_priced_by_its_page,
    refused_documents_answer_in_swedish_without_data,
);

const DEEP: usize = 100_000;

fn nested(open: &str, close: &str, n: usize) -> String {
    format!("{}1{}", open.repeat(n), close.repeat(n))
}

/// Documents that overflowed the parser's stack before the nesting check: a list literal, an
/// input object, a directive argument, selection sets, parentheses.
fn deep_documents(n: usize) -> Vec<String> {
    vec![
        format!("{{ node(id: {}) {{ id }} }}", nested("[", "]", n)),
        format!("{{ __typename @skip(if: {}) }}", nested("[", "]", n)),
        format!("{{ node(id: {}) {{ id }} }}", nested("{a: ", "}", n)),
        format!("{{ {}", "me { ".repeat(n)) + &"}".repeat(n),
        format!("{{ me{} }}", "(".repeat(n)),
    ]
}

#[track_caller]
fn assert_too_deep(status: u16, body: &str) {
    assert_eq!(status, 400, "{}", &body[..body.len().min(300)]);
    let v: Value = serde_json::from_str(body).expect("JSON answer");
    assert_code(&v, "BAD_INPUT");
    let message = v["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("för djupt nästlad"), "{message}");
}

async fn post_raw(app: &TestApp, client: &reqwest::Client, body: String) -> (u16, String) {
    let resp = client
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("the server answers");
    (resp.status().as_u16(), resp.text().await.unwrap())
}

async fn still_up(app: &TestApp) {
    let body = app.gql("{ __typename }", json!({})).await;
    assert_eq!(body["data"]["__typename"], "Query", "{body}");
}

async fn deep_documents_are_refused_on_every_http_path_and_the_server_stays_up(app: TestApp) {
    let anonymous = new_client();
    let admin = app.admin().await;
    for client in [&anonymous, &admin] {
        for doc in deep_documents(DEEP) {
            let body = serde_json::to_string(&json!({ "query": doc })).unwrap();
            let (status, text) = post_raw(&app, client, body).await;
            assert_too_deep(status, &text);
            // The same document inside a batch.
            let batch =
                serde_json::to_string(&json!([{ "query": "{ __typename }" }, { "query": doc }]))
                    .unwrap();
            let (status, text) = post_raw(&app, client, batch).await;
            assert_too_deep(status, &text);
        }
        // Variables: written as raw JSON, since serde_json's Value would recurse too.
        for deep in [
            nested("[", "]", DEEP),
            nested("{\"a\":", "}", DEEP),
            nested("[", "]", 100),
        ] {
            let body = format!(
                r#"{{"query":"query($v: [Int]) {{ __typename }}","variables":{{"v":{deep}}}}}"#
            );
            let (status, text) = post_raw(&app, client, body).await;
            assert_too_deep(status, &text);
            let batch = format!(
                r#"[{{"query":"query($v: [Int]) {{ __typename }}","variables":{{"v":{deep}}}}}]"#
            );
            let (status, text) = post_raw(&app, client, batch).await;
            assert_too_deep(status, &text);
        }
        // GET: 4,000 deep (the URL stays under the 64 KiB a URI may have); 2,500 aborted
        // the process before the check.
        for doc in deep_documents(4_000) {
            let resp = client
                .get(app.url("/graphql"))
                .query(&[("query", doc.as_str())])
                .send()
                .await
                .expect("the server answers");
            let status = resp.status().as_u16();
            assert_too_deep(status, &resp.text().await.unwrap());
        }
        let resp = client
            .get(app.url("/graphql"))
            .query(&[
                ("query", "query($v: [Int]) { __typename }"),
                ("variables", &format!("{{\"v\":{}}}", nested("[", "]", 100))),
            ])
            .send()
            .await
            .unwrap();
        let status = resp.status().as_u16();
        assert_too_deep(status, &resp.text().await.unwrap());
        still_up(&app).await;
    }
    // A real query within the limit is answered as before.
    let body = app
        .gql_with(
            &admin,
            "query($v: ID!) { me { email } n: node(id: $v) { id } }",
            json!({ "v": "x" }),
        )
        .await;
    assert_eq!(body["data"]["me"]["email"], ADMIN_EMAIL, "{body}");
}

async fn deep_documents_over_websocket_are_refused_and_the_server_stays_up(app: TestApp) {
    let cookie = session_cookie(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let origin = app.base.clone();
    let signed_in: Vec<(&str, &str)> =
        vec![("cookie", cookie.as_str()), ("origin", origin.as_str())];
    for headers in [vec![], signed_in] {
        let WsOpen::Ready(mut ws) = WsClient::open(&app, &headers, json!({})).await else {
            panic!("websocket refused");
        };
        for (i, doc) in deep_documents(DEEP).into_iter().enumerate() {
            let id = format!("d{i}");
            let msg = json!({"id": id, "type": "subscribe", "payload": {"query": doc}});
            ws.send_raw(msg.to_string()).await;
            let answer = ws
                .next(10)
                .await
                .expect("an answer to the deep subscription");
            assert_eq!(answer["id"], id.as_str(), "{answer}");
            let first = ws_error(&answer);
            assert_eq!(first["extensions"]["code"], "BAD_INPUT", "{answer}");
            assert!(first["message"]
                .as_str()
                .unwrap()
                .contains("för djupt nästlad"));
            drain_complete(&mut ws, &answer).await;
        }
        // Variables nested past the limit but within what a JSON parser reads.
        let deep_vars = format!(
            r#"{{"id":"v","type":"subscribe","payload":{{"query":"subscription($v: [ID]) {{ __typename }}","variables":{{"v":{}}}}}}}"#,
            nested("[", "]", 100)
        );
        ws.send_raw(deep_vars).await;
        let answer = ws.next(10).await.expect("an answer to deep variables");
        let first = ws_error(&answer);
        assert!(
            first["message"]
                .as_str()
                .unwrap()
                .contains("för djupt nästlad"),
            "{answer}"
        );
        drain_complete(&mut ws, &answer).await;
        // A frame too deep for any JSON parser: the connection may close, the server stays.
        ws.send_raw(format!(
            r#"{{"id":"x","type":"subscribe","payload":{{"query":"{{ __typename }}","variables":{{"v":{}}}}}}}"#,
            nested("[", "]", DEEP)
        ))
        .await;
        let _ = ws.next(5).await;
        still_up(&app).await;
    }
    // A fresh connection still works.
    let WsOpen::Ready(_) = WsClient::open(&app, &[], json!({})).await else {
        panic!("websocket refused after the attack");
    };
}

/// The first error of a graphql-transport-ws answer: an `error` message, or a `next` whose
/// result has errors (what async-graphql sends for a refused document).
fn ws_error(answer: &Value) -> &Value {
    match answer["type"].as_str() {
        Some("error") => &answer["payload"][0],
        Some("next") => &answer["payload"]["errors"][0],
        _ => panic!("not an error: {answer}"),
    }
}

/// Reads the `complete` that follows a `next`, so the next answer read is the next one's.
async fn drain_complete(ws: &mut WsClient, answer: &Value) {
    if answer["type"] == "next" {
        let v = ws.next(5).await.expect("complete after next");
        assert_eq!(v["type"], "complete", "{v}");
    }
}

async fn too_many_fields_or_aliases_are_refused(app: TestApp) {
    let aliases: String = (0..1000).map(|i| format!("a{i}: __typename ")).collect();
    let body = app.gql(&format!("{{ {aliases} }}"), json!({})).await;
    assert_code(&body, "BAD_INPUT");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("för många fält"),
        "{body}"
    );
    // A short document that spreads one fragment many times counts every spread.
    let frag: String = (0..40).map(|i| format!("f{i}: __typename ")).collect();
    let spreads: String = (0..30)
        .map(|i| format!("s{i}: __schema {{ queryType {{ ...F }} }} "))
        .collect();
    let body = app
        .gql(
            &format!("query {{ {spreads} }} fragment F on __Type {{ {frag} }}"),
            json!({}),
        )
        .await;
    assert_code(&body, "BAD_INPUT");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("för många fält"),
        "{body}"
    );
    // Within the limit it is answered.
    let few: String = (0..100).map(|i| format!("a{i}: __typename ")).collect();
    let body = app.gql(&format!("{{ {few} }}"), json!({})).await;
    assert_eq!(body["data"]["a99"], "Query", "{body}");
}

/// Ten fragments, each spreading the one below ten times: 2.5 kB that expand to 10^10
/// selections. async-graphql's own depth check expanded them (minutes of one worker's CPU,
/// past the request timeout); the guard costs each fragment once.
fn fragment_fan_out(levels: usize) -> String {
    let mut doc = format!("query {{ ...F{} }}", levels - 1);
    for i in 0..levels {
        let items: String = (0..10)
            .map(|j| match i {
                0 => format!("a{j}: __typename "),
                _ => format!("a{j}: __typename ...F{} ", i - 1),
            })
            .collect();
        doc.push_str(&format!(" fragment F{i} on Query {{ {items} }}"));
    }
    doc
}

async fn fragment_fan_out_and_cycles_are_refused_at_once(app: TestApp) {
    let started = std::time::Instant::now();
    let body = app.gql(&fragment_fan_out(10), json!({})).await;
    assert_code(&body, "BAD_INPUT");
    assert!(body.get("data").is_none_or(Value::is_null), "{body}");
    let fan_out = started.elapsed();
    // A cycle that doubles at every turn: refused as a cycle, not walked to the depth limit.
    let body = app
        .gql(
            "query { ...A } fragment A on Query { __typename ...A ...A }",
            json!({}),
        )
        .await;
    assert_code(&body, "BAD_INPUT");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("slinga"),
        "{body}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "fan-out {fan_out:?}, both {:?}",
        started.elapsed()
    );
    // Three levels are 1,221 selections, over the limit; two (121) are answered.
    let body = app.gql(&fragment_fan_out(2), json!({})).await;
    assert_eq!(body["data"]["a9"], "Query", "{body}");
    still_up(&app).await;
}

async fn every_list_field_is_priced_by_its_page(app: TestApp) {
    let admin = app.admin().await;
    // 60 fields per item: at first: 100 that is 6,000, over the complexity limit of 5,000;
    // at first: 1 it is far under.
    let ids: String = (0..60).map(|i| format!("i{i}: id ")).collect();
    let hit: String = (0..60).map(|i| format!("i{i}: type ")).collect();
    let fields = [
        format!("documents(first: $n) {{ edges {{ node {{ {ids} }} }} }}"),
        format!("people(first: $n) {{ edges {{ node {{ {ids} }} }} }}"),
        format!("peopleDueForVerification(first: $n) {{ edges {{ node {{ {ids} }} }} }}"),
        format!("auditLog(first: $n) {{ edges {{ node {{ {ids} }} }} }}"),
        format!("meetingNotices(first: $n) {{ {ids} }}"),
        format!("projects(first: $n) {{ edges {{ node {{ {ids} }} }} }}"),
        format!(
            "project(slug: \"x\") {{ documents(first: $n) {{ edges {{ node {{ {ids} }} }} }} }}"
        ),
        format!("documentsDueForReview(first: $n) {{ edges {{ node {{ {ids} }} }} }}"),
        format!("search(query: \"avlopp\", first: $n) {{ hits {{ {hit} }} }}"),
        format!("similarQuestions(title: \"avlopp\", first: $n) {{ {hit} }}"),
    ];
    for field in fields {
        let query = |n: &str| format!("{{ {} }}", field.replace("$n", n));
        let big = app.gql_with(&admin, &query("100"), json!({})).await;
        assert_code(&big, "BAD_INPUT");
        assert!(
            big["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("för kostsam"),
            "{field}: {big}"
        );
        let small = app.gql_with(&admin, &query("1"), json!({})).await;
        assert!(
            !small.to_string().contains("för kostsam"),
            "{field} at first: 1 was refused: {small}"
        );
    }
}

async fn refused_documents_answer_in_swedish_without_data(app: TestApp) {
    let cases = [
        ("{ me { id } ", "syntaxfel på rad 1"),
        (
            "{ mee { id } }",
            "Fältet \"mee\" finns inte på typen \"Query\".",
        ),
        ("{ thread { id } }", "kräver argumentet \"id\""),
        (
            "query($x: ID!) { me { id } }",
            "Variabeln \"$x\" används inte.",
        ),
    ];
    for (query, expected) in cases {
        let resp = app
            .client
            .post(app.url("/graphql"))
            .header("accept", "application/graphql-response+json")
            .json(&json!({ "query": query }))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 400, "{query}");
        let body: Value = resp.json().await.unwrap();
        assert!(
            body.get("data").is_none(),
            "{query}: a request error has no data entry: {body}"
        );
        let e = &body["errors"][0];
        assert!(
            e["message"].as_str().unwrap().contains(expected),
            "{query}: {body}"
        );
        assert!(
            e["locations"][0]["line"].as_u64().is_some(),
            "{query}: locations kept: {body}"
        );
        assert_eq!(e["extensions"]["code"], "BAD_INPUT");
    }
    // A body without a query says so.
    for body in [
        json!({ "variables": {} }),
        json!([{ "query": "{ __typename }" }, { "operationName": "x" }]),
    ] {
        let (status, text) = post_raw(&app, &app.client, body.to_string()).await;
        assert_eq!(status, 400);
        assert!(text.contains("saknar fältet query"), "{text}");
    }
    // GraphiQL is our own page: no third-party origin, no eval, no plugins, no <base>.
    let page = app
        .client
        .get(app.url("/graphql"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    for needed in ["object-src 'none'", "base-uri 'none'", "script-src 'self'"] {
        assert!(csp.contains(needed), "{csp}");
    }
    for refused in ["unsafe-eval", "unpkg", "https:", "http:"] {
        assert!(!csp.contains(refused), "{csp}");
    }
    let html = page.text().await.unwrap();
    for script in [
        "/graphiql/graphiql.min.js",
        "/graphiql/react.production.min.js",
        "/graphiql/start.js",
    ] {
        assert!(html.contains(script), "{html}");
        let asset = app.client.get(app.url(script)).send().await.unwrap();
        assert_eq!(asset.status(), 200, "{script}");
        assert!(asset.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript"));
    }
}
