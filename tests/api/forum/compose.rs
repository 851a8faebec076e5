//! Writing a post as the web UI does: "Förhandsgranska" renders through the server (the
//! same sanitised HTML, the quote above it as `createPost` puts it, nothing saved), and a
//! post lists its attachments to those who may read it.

use serde_json::json;

use super::*;

both_backends!(
    preview_renders_like_the_saved_post_and_saves_nothing,
    a_post_lists_its_attachments_to_its_readers_only,
);

const PREVIEW: &str = "query($b: String!, $q: ID) { previewPost(body: $b, quotePostId: $q) }";

async fn preview_renders_like_the_saved_post_and_saves_nothing(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "dagvatten", "Dagvatten", false).await;
    let (_, asker) = member(&app, "petra.preview@habo.se").await;
    let (t, first) = thread(
        &app,
        &asker,
        &net,
        "QUESTION",
        "Oljeavskiljare vid tvätthall",
    )
    .await;
    let md = "Vi kräver **klass 1**.\n\n<script>alert(1)</script>";

    // Without a quote: exactly what the saved post will show, minus the script.
    let r = app.gql_with(&admin, PREVIEW, json!({ "b": md })).await;
    let html = data(&r)["previewPost"].as_str().unwrap().to_string();
    assert!(html.contains("<strong>klass 1</strong>"), "{html}");
    assert!(!html.to_lowercase().contains("<script"), "{html}");

    // With a quote: the quoted author and text above the reply, as createPost stores it.
    let r = app
        .gql_with(&admin, PREVIEW, json!({ "b": md, "q": first }))
        .await;
    let quoted = data(&r)["previewPost"].as_str().unwrap().to_string();
    assert!(quoted.contains("<blockquote>"), "{quoted}");
    assert!(quoted.contains("skrev:"), "{quoted}");
    assert!(quoted.contains("Tacksam för erfarenheter"), "{quoted}");
    let saved = app
        .gql_with(
            &admin,
            CREATE_POST,
            json!({ "i": { "threadId": t, "body": md, "quotePostId": first } }),
        )
        .await;
    assert_eq!(
        data(&saved)["createPost"]["post"]["bodyHtml"]
            .as_str()
            .unwrap(),
        quoted,
        "the preview is the saved post"
    );

    // Nothing was saved by previewing: the thread has the question and the one reply.
    let r = app
        .gql_with(
            &admin,
            "query($id: ID!) { thread(id: $id) { replyCount } }",
            json!({ "id": t }),
        )
        .await;
    assert_eq!(data(&r)["thread"]["replyCount"], 1);

    // An empty text is the same BAD_INPUT as when saving; signed out gets nothing.
    let r = app.gql_with(&admin, PREVIEW, json!({ "b": "  \n" })).await;
    assert_code(&r, "BAD_INPUT");
    let r = app.gql(PREVIEW, json!({ "b": md })).await;
    assert_code(&r, "UNAUTHENTICATED");

    // A post the caller may not read cannot be quoted into a preview.
    let closed = network(&app, &admin, "stangt", "Stängt", true).await;
    let (_, secret) = thread(&app, &admin, &closed, "DISCUSSION", "Internt om taxan").await;
    let r = app
        .gql_with(&asker, PREVIEW, json!({ "b": "Hej", "q": secret }))
        .await;
    assert_code(&r, "BAD_INPUT");
}

/// Uploads one file to `owner` with the GraphQL multipart request the web UI sends.
async fn upload(app: &TestApp, client: &reqwest::Client, owner: &str, name: &str) -> Value {
    let operations = json!({
        "query": "mutation($i: UploadAttachmentInput!) { uploadAttachment(input: $i) { attachment { id } } }",
        "variables": { "i": { "ownerId": owner, "file": null } },
    });
    let form = reqwest::multipart::Form::new()
        .text("operations", operations.to_string())
        .text("map", r#"{"0": ["variables.i.file"]}"#)
        .part(
            "0",
            reqwest::multipart::Part::bytes(b"Provtagning av dagvatten.\n".to_vec())
                .file_name(name.to_string())
                .mime_str("text/plain")
                .unwrap(),
        );
    client
        .post(app.url("/graphql"))
        .header("x-samsyn-csrf", "1")
        .multipart(form)
        .send()
        .await
        .expect("upload request")
        .json()
        .await
        .expect("upload answer")
}

async fn a_post_lists_its_attachments_to_its_readers_only(app: TestApp) {
    let admin = app.admin().await;
    let closed = network(&app, &admin, "filer", "Filer", true).await;
    let (t, first) = thread(&app, &admin, &closed, "DISCUSSION", "Provtagningsplan").await;
    let reply_id = reply(&app, &admin, &t, "Här är planen.").await;
    for name in ["plan.txt", "bilaga.txt"] {
        let r = upload(&app, &admin, &reply_id, name).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    let q = "query($id: ID!) { thread(id: $id) { posts { nodes { id attachments { fileName url } } } } }";
    let r = app.gql_with(&admin, q, json!({ "id": t })).await;
    let posts = data(&r)["thread"]["posts"]["nodes"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[0]["id"], first.as_str());
    assert_eq!(
        posts[0]["attachments"],
        json!([]),
        "the question has no files"
    );
    let files = posts[1]["attachments"].as_array().unwrap();
    let names: Vec<&str> = files
        .iter()
        .map(|f| f["fileName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["bilaga.txt", "plan.txt"], "by name");
    assert!(files[0]["url"].as_str().unwrap().contains("/files/"));

    // Someone outside the members-only network reads neither the post nor its files.
    let (_, outsider) = member(&app, "olof.utanfor@habo.se").await;
    let r = app.gql_with(&outsider, q, json!({ "id": t })).await;
    assert!(data(&r)["thread"].is_null());
}
