//! Drafts (utkast): a reply or a new question saved on the server while it is written,
//! back on any device, private to its writer, never searchable, gone once posted.

use serde_json::json;

use super::*;

both_backends!(drafts_are_private_survive_a_new_session_and_go_when_posted);

async fn save(app: &TestApp, c: &reqwest::Client, input: Value) -> Value {
    mutate(
        app,
        c,
        "saveDraft",
        "SaveDraftInput",
        input,
        "{ draft { title body updatedAt } }",
    )
    .await
}

async fn thread_draft(app: &TestApp, c: &reqwest::Client, t: &str) -> Value {
    let r = app
        .gql_with(
            c,
            "query($t: ID!) { thread(id: $t) { myDraft { body updatedAt } } }",
            json!({ "t": t }),
        )
        .await;
    data(&r)["thread"]["myDraft"].clone()
}

async fn drafts_are_private_survive_a_new_session_and_go_when_posted(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "vatten", "Vatten", false).await;
    let closed = network(&app, &admin, "styrgrupp", "Styrgruppen", true).await;
    let (_, writer) = member(&app, "wilma.skribent@gnosjo.se").await;
    let (_, other) = member(&app, "otto.annan@gnosjo.se").await;
    let (t, _) = thread(&app, &other, &net, "QUESTION", "Brunn nära gödselplatta").await;

    // A reply draft, saved twice: the second replaces the first.
    let r = save(
        &app,
        &writer,
        json!({ "threadId": t, "body": "Första tanken" }),
    )
    .await;
    assert_eq!(data(&r)["saveDraft"]["draft"]["body"], "Första tanken");
    let body = "Vi kräver 50 meter skyddsavstånd qxzutkast.";
    data(&save(&app, &writer, json!({ "threadId": t, "body": body })).await);
    // It comes back in another session (another device).
    let again = app.login("wilma.skribent@gnosjo.se", PASSWORD).await;
    assert_eq!(thread_draft(&app, &again, &t).await["body"], body);
    // Nobody else sees it, admins included, and search never finds it.
    assert!(thread_draft(&app, &other, &t).await.is_null());
    assert!(thread_draft(&app, &admin, &t).await.is_null());
    for who in [&writer, &admin] {
        let r = app
            .gql_with(
                who,
                "{ search(query: \"qxzutkast\") { totalCount } }",
                json!({}),
            )
            .await;
        assert_eq!(data(&r)["search"]["totalCount"], 0);
    }
    // A draft is no node: it has no id and does not implement Node.
    let r = app
        .gql_with(
            &writer,
            "{ __type(name: \"Draft\") { interfaces { name } fields { name } } }",
            json!({}),
        )
        .await;
    let ty = &data(&r)["__type"];
    assert!(ty["interfaces"].as_array().unwrap().is_empty());
    assert!(!ty["fields"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["name"] == "id"));

    // Bad input, with the field named.
    let r = save(&app, &writer, json!({ "body": "var?" })).await;
    assert_code(&r, "BAD_INPUT");
    assert_eq!(r["errors"][0]["extensions"]["field"], "threadId");
    let r = save(
        &app,
        &writer,
        json!({ "threadId": t, "networkId": net, "body": "båda" }),
    )
    .await;
    assert_eq!(r["errors"][0]["extensions"]["field"], "threadId");
    let r = save(
        &app,
        &writer,
        json!({ "threadId": t, "title": "Rubrik", "body": "svar" }),
    )
    .await;
    assert_eq!(r["errors"][0]["extensions"]["field"], "title");
    let r = save(
        &app,
        &writer,
        json!({ "threadId": t, "body": "x".repeat(50_001) }),
    )
    .await;
    assert_code(&r, "BAD_INPUT");
    assert_eq!(r["errors"][0]["extensions"]["field"], "body");
    assert_code(
        &save(
            &app,
            &writer,
            json!({ "networkId": closed, "body": "hemligt" }),
        )
        .await,
        "NOT_FOUND",
    );
    assert_code(
        &save(
            &app,
            &crate::helpers::new_client(),
            json!({ "threadId": t, "body": "anonym" }),
        )
        .await,
        "UNAUTHENTICATED",
    );

    // Posting the reply deletes the draft.
    reply(&app, &writer, &t, body).await;
    assert!(thread_draft(&app, &writer, &t).await.is_null());

    // A question draft in a network: title and body, deleted by asking the question.
    let r = save(
        &app,
        &writer,
        json!({ "networkId": net, "title": "Radon i enskild brunn", "body": "Hur ofta …" }),
    )
    .await;
    assert_eq!(
        data(&r)["saveDraft"]["draft"]["title"],
        "Radon i enskild brunn"
    );
    let q = "{ network(slug: \"vatten\") { myDraft { title body } } }";
    let r = app.gql_with(&again, q, json!({})).await;
    assert_eq!(data(&r)["network"]["myDraft"]["body"], "Hur ofta …");
    let r = app.gql_with(&other, q, json!({})).await;
    assert!(data(&r)["network"]["myDraft"].is_null());
    thread(&app, &writer, &net, "QUESTION", "Radon i enskild brunn").await;
    let r = app.gql_with(&writer, q, json!({})).await;
    assert!(data(&r)["network"]["myDraft"].is_null());

    // Emptying a draft deletes it.
    data(&save(&app, &writer, json!({ "threadId": t, "body": "nytt" })).await);
    let r = save(&app, &writer, json!({ "threadId": t, "body": "   " })).await;
    assert!(data(&r)["saveDraft"]["draft"].is_null());
    assert!(thread_draft(&app, &writer, &t).await.is_null());
}
