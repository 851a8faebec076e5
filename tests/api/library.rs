//! Handläggarstöd through the API: projects, documents (drafts, versions, recycle bin),
//! attachments (multipart upload, type checks, content-addressed storage, text extraction)
//! and downloads at /files/{id}; plus `samsyn import documents` run as a real command.

use std::time::Duration;

use serde_json::{json, Value};
use sqlx::Row;

use samsyn::library::testfiles::{make_test_docx, make_test_odt, make_test_pdf};

use crate::both_backends;
use crate::helpers::*;

both_backends!(
    drafts_are_invisible_to_members_until_published,
    members_only_network_documents_and_files_are_invisible_to_non_members,
    html_disguised_as_pdf_is_refused,
    path_traversal_file_names_are_harmless,
    same_file_uploaded_twice_is_stored_once,
    swedish_text_is_extracted_intact_from_pdf_docx_and_odt,
    failed_extraction_is_recorded_and_the_upload_succeeds,
    editing_a_published_document_keeps_earlier_versions,
    archived_documents_leave_lists_and_come_back_on_restore,
    download_has_safe_headers_etag_and_ranges,
    new_attachment_version_keeps_the_old_one,
    deleted_attachment_goes_to_the_recycle_bin,
    documents_filter_by_kind_tag_and_review_date,
    project_editing_is_for_admins_and_network_moderators,
    post_attachments_follow_the_posts_rights,
    new_user_flow_from_project_to_import,
    import_reports_what_failed_and_why,
    multi_chunk_upload_round_trips_byte_exact_with_ranges_across_chunks,
    unreferenced_blobs_go_after_the_grace_period_and_referenced_ones_stay,
    migration_0007_moves_whole_file_content_into_chunks,
);

pub(crate) const DOC: &str =
    "id title summary status version kind kindLabel tags reviewBy reviewOverdue \
    viewerCanEdit viewerCanPublish network { slug } project { slug name } author { displayName } \
    attachments { id fileName contentType size sha256 url version isCurrent textStatus textError }";

// ---------------------------------------------------------------------------------------
// Helpers

/// A network made directly in the database (the forum branch owns the networks API).
async fn make_network(app: &TestApp, slug: &str, members_only: bool) -> (i64, String) {
    let now = chrono::Utc::now().timestamp_millis();
    let row = sqlx::query(
        "INSERT INTO networks (slug, name, description, members_only, created_at, updated_at) \
         VALUES ($1, $2, '', $3, $4, $4) RETURNING id",
    )
    .bind(slug)
    .bind(format!("Nätverket {slug}"))
    .bind(i64::from(members_only))
    .bind(now)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let id: i64 = row.get(0);
    (id, gid("Network", id))
}

async fn add_member(app: &TestApp, network: i64, user_gid: &str, role: &str) {
    let user = samsyn::graphql::ids::decode(&async_graphql::ID(user_gid.into()), "User").unwrap();
    sqlx::query(
        "INSERT INTO network_members (network_id, user_id, role, joined_at) VALUES ($1, $2, $3, 0)",
    )
    .bind(network)
    .bind(user)
    .bind(role)
    .execute(&app.state.db.pool)
    .await
    .unwrap();
}

fn gid(kind: &str, id: i64) -> String {
    samsyn::graphql::ids::encode(kind, id).0
}

fn num(global: &str) -> i64 {
    samsyn::graphql::ids::decode_any(&async_graphql::ID(global.into()))
        .unwrap()
        .1
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .get::<i64, _>(0)
}

pub(crate) async fn create_project(
    app: &TestApp,
    client: &reqwest::Client,
    slug: &str,
    networks: &[&str],
) -> Value {
    let body = app
        .gql_with(
            client,
            "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id slug name status networks { slug } } } }",
            json!({ "i": {
                "name": format!("Projekt {slug}"),
                "slug": slug,
                "description": "Tillsyn av små avlopp i länet.",
                "goal": "Enhetlig bedömning.",
                "periodFrom": "2025-01-01",
                "periodTo": "2026-04-30",
                "responsibleText": "Utvecklingsledaren",
                "networkIds": networks,
            } }),
        )
        .await;
    assert_ok(&body);
    body["data"]["createProject"]["project"].clone()
}

pub(crate) async fn create_doc(app: &TestApp, client: &reqwest::Client, input: Value) -> Value {
    let body = app
        .gql_with(
            client,
            &format!("mutation($i: CreateDocumentInput!) {{ createDocument(input: $i) {{ document {{ {DOC} }} }} }}"),
            json!({ "i": input }),
        )
        .await;
    assert_ok(&body);
    body["data"]["createDocument"]["document"].clone()
}

async fn doc_mutation(app: &TestApp, client: &reqwest::Client, name: &str, id: &str) -> Value {
    let input = if name == "updateDocument" {
        "UpdateDocumentInput"
    } else {
        "DocumentIdInput"
    };
    app.gql_with(
        client,
        &format!("mutation($i: {input}!) {{ {name}(input: $i) {{ document {{ {DOC} }} }} }}"),
        json!({ "i": { "id": id } }),
    )
    .await
}

async fn get_doc(app: &TestApp, client: &reqwest::Client, id: &str) -> Value {
    let body = app
        .gql_with(
            client,
            &format!("query($id: ID!) {{ document(id: $id) {{ {DOC} }} }}"),
            json!({ "id": id }),
        )
        .await;
    assert_ok(&body);
    body["data"]["document"].clone()
}

async fn list_ids(app: &TestApp, client: &reqwest::Client, filter: Value) -> Vec<String> {
    let body = app
        .gql_with(
            client,
            "query($f: DocumentFilterInput) { documents(filter: $f, first: 100) { edges { node { id } } } }",
            json!({ "f": filter }),
        )
        .await;
    assert_ok(&body);
    body["data"]["documents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_string())
        .collect()
}

async fn node(app: &TestApp, client: &reqwest::Client, id: &str) -> Value {
    let body = app
        .gql_with(
            client,
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_ok(&body);
    body["data"]["node"].clone()
}

/// Uploads per the GraphQL multipart request spec, with the CSRF header.
pub(crate) async fn upload_with(
    app: &TestApp,
    client: &reqwest::Client,
    owner: &str,
    name: &str,
    mime: &str,
    bytes: Vec<u8>,
    replaces: Option<&str>,
) -> (u16, Value) {
    let operations = json!({
        "query": "mutation($i: UploadAttachmentInput!) { uploadAttachment(input: $i) { attachment { id fileName contentType size sha256 url version isCurrent textStatus textError } } }",
        "variables": { "i": { "ownerId": owner, "file": null, "replaces": replaces } },
    });
    let form = reqwest::multipart::Form::new()
        .text("operations", operations.to_string())
        .text("map", r#"{"0": ["variables.i.file"]}"#)
        .part(
            "0",
            reqwest::multipart::Part::bytes(bytes)
                .file_name(name.to_string())
                .mime_str(mime)
                .unwrap(),
        );
    let resp = client
        .post(app.url("/graphql"))
        .header("x-samsyn-csrf", "1")
        .multipart(form)
        .send()
        .await
        .expect("upload request");
    let status = resp.status().as_u16();
    (status, resp.json().await.expect("json body"))
}

async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    owner: &str,
    name: &str,
    mime: &str,
    bytes: Vec<u8>,
) -> Value {
    let (_, body) = upload_with(app, client, owner, name, mime, bytes, None).await;
    body
}

async fn upload_ok(
    app: &TestApp,
    client: &reqwest::Client,
    owner: &str,
    name: &str,
    mime: &str,
    bytes: Vec<u8>,
) -> Value {
    let body = upload(app, client, owner, name, mime, bytes).await;
    assert_ok(&body);
    body["data"]["uploadAttachment"]["attachment"].clone()
}

/// Waits until the attachment's text is no longer PENDING; returns the attachment.
async fn wait_for_text(app: &TestApp, client: &reqwest::Client, id: &str) -> Value {
    for _ in 0..200 {
        let body = app
            .gql_with(
                client,
                "query($id: ID!) { node(id: $id) { ... on Attachment { id textStatus textError } } }",
                json!({ "id": id }),
            )
            .await;
        assert_ok(&body);
        let att = body["data"]["node"].clone();
        if att["textStatus"] != "PENDING" {
            return att;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("text of {id} still pending");
}

async fn extracted_text(app: &TestApp, attachment: &str) -> String {
    samsyn::library::search_docs::attachment_search_doc(&app.state.db, num(attachment))
        .await
        .unwrap()
        .expect("attachment has a search entry")
        .body
}

pub(crate) async fn download(
    client: &reqwest::Client,
    app: &TestApp,
    url: &str,
) -> reqwest::Response {
    client.get(app.url(url)).send().await.unwrap()
}

const SWEDISH: &[&str] = &[
    "Tillsyn av små avlopp – åtgärder för fosforfällor",
    "Ägaren ska öka slamavskiljarens tömning; Öster om sjön räcker det.",
];

// ---------------------------------------------------------------------------------------
// Scenarios

async fn drafts_are_invisible_to_members_until_published(app: TestApp) {
    let admin = app.admin().await;
    let (net, net_gid) = make_network(&app, "sma-avlopp", false).await;
    let (author_id, author) = app.user("author@test.se", "MEMBER", Some("eksjo")).await;
    let (_, reader) = app.user("reader@test.se", "MEMBER", Some("habo")).await;
    let (mod_id, moderator) = app.user("mod@test.se", "MEMBER", Some("tranas")).await;
    add_member(&app, net, &mod_id, "moderator").await;
    add_member(&app, net, &author_id, "member").await;
    let project = create_project(&app, &admin, "sma-avlopp-2026", &[&net_gid]).await;

    let draft = create_doc(
        &app,
        &author,
        json!({ "title": "Checklista markbädd", "kind": "CHECKLISTA", "projectId": project["id"], "networkId": net_gid, "body": "- [ ] Provtagning" }),
    )
    .await;
    assert_eq!(draft["status"], "DRAFT");
    let id = draft["id"].as_str().unwrap();

    // The author, the network's moderator and admins see the draft; another member does not.
    for (who, client) in [
        ("author", &author),
        ("moderator", &moderator),
        ("admin", &admin),
    ] {
        assert!(
            list_ids(&app, client, json!({}))
                .await
                .contains(&id.to_string()),
            "{who}"
        );
        assert!(!get_doc(&app, client, id).await.is_null(), "{who}");
    }
    assert!(!list_ids(&app, &reader, json!({}))
        .await
        .contains(&id.to_string()));
    assert!(!list_ids(&app, &reader, json!({ "status": "DRAFT" }))
        .await
        .contains(&id.to_string()));
    assert!(get_doc(&app, &reader, id).await.is_null());
    assert!(node(&app, &reader, id).await.is_null());
    let proj = app
        .gql_with(
            &reader,
            "{ project(slug: \"sma-avlopp-2026\") { documents { edges { node { id } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(proj["data"]["project"]["documents"]["edges"], json!([]));
    // The draft's search entry is for its editors only.
    let entry = samsyn::library::search_docs::search_doc(&app.state.db, num(id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        entry.acl,
        vec![
            format!("user:{}", num(&author_id)),
            "role:admin".into(),
            format!("mod:{net}")
        ]
    );

    // A member cannot publish, even their own draft; the network's moderator can.
    let refused = doc_mutation(&app, &author, "publishDocument", id).await;
    assert_code(&refused, "FORBIDDEN");
    let published = doc_mutation(&app, &moderator, "publishDocument", id).await;
    assert_ok(&published);
    assert_eq!(
        published["data"]["publishDocument"]["document"]["status"],
        "PUBLISHED"
    );
    assert!(list_ids(&app, &reader, json!({}))
        .await
        .contains(&id.to_string()));
    assert!(!node(&app, &reader, id).await.is_null());
    let entry = samsyn::library::search_docs::search_doc(&app.state.db, num(id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(entry.acl, vec!["all".to_string()]);
    assert_eq!(entry.key, format!("document:{}", num(id)));
    assert!(
        entry.extra_text.contains("Projekt sma-avlopp-2026")
            && entry.extra_text.contains("checklista")
    );

    // Publishing in a project without a network is for admins only.
    let own = create_doc(
        &app,
        &moderator,
        json!({ "title": "Mall för föreläggande", "kind": "MALL", "projectId": project["id"] }),
    )
    .await;
    let refused = doc_mutation(
        &app,
        &moderator,
        "publishDocument",
        own["id"].as_str().unwrap(),
    )
    .await;
    assert_code(&refused, "FORBIDDEN");
    let ok = doc_mutation(&app, &admin, "publishDocument", own["id"].as_str().unwrap()).await;
    assert_ok(&ok);
}

async fn members_only_network_documents_and_files_are_invisible_to_non_members(app: TestApp) {
    let admin = app.admin().await;
    samsyn::tags::upsert(&app.state.db, "Avfall", &[])
        .await
        .unwrap();
    let (net, net_gid) = make_network(&app, "styrgrupp", true).await;
    let (member_id, member) = app.user("member@test.se", "MEMBER", Some("eksjo")).await;
    add_member(&app, net, &member_id, "member").await;
    let (_, outsider) = app.user("outsider@test.se", "MEMBER", Some("habo")).await;
    let project = create_project(&app, &admin, "styrning", &[&net_gid]).await;
    let doc = create_doc(
        &app,
        &admin,
        json!({ "title": "Protokoll styrgruppen", "kind": "PROTOKOLL", "projectId": project["id"], "networkId": net_gid, "publish": true, "tags": ["Avfall"] }),
    )
    .await;
    let id = doc["id"].as_str().unwrap();
    let att = upload_ok(
        &app,
        &admin,
        id,
        "protokoll.pdf",
        "application/pdf",
        make_test_pdf(SWEDISH),
    )
    .await;
    let att_id = att["id"].as_str().unwrap();
    let url = att["url"].as_str().unwrap();

    // The member sees it everywhere.
    assert!(list_ids(&app, &member, json!({}))
        .await
        .contains(&id.to_string()));
    assert!(!node(&app, &member, id).await.is_null());
    assert!(!node(&app, &member, att_id).await.is_null());
    assert_eq!(
        get_doc(&app, &member, id).await["attachments"][0]["id"],
        att_id
    );
    let resp = download(&member, &app, url).await;
    assert_eq!(resp.status(), 200);

    // The outsider sees it nowhere, and the network is not named to them.
    for filter in [
        json!({}),
        json!({ "network": "styrgrupp" }),
        json!({ "tag": "avfall" }),
        json!({ "project": "styrning" }),
    ] {
        assert!(
            !list_ids(&app, &outsider, filter.clone())
                .await
                .contains(&id.to_string()),
            "{filter}"
        );
    }
    assert!(get_doc(&app, &outsider, id).await.is_null());
    assert!(node(&app, &outsider, id).await.is_null());
    assert!(node(&app, &outsider, att_id).await.is_null());
    let proj = app
        .gql_with(&outsider, "{ project(slug: \"styrning\") { networks { slug } documents { edges { node { id } } } } }", json!({}))
        .await;
    assert_ok(&proj);
    assert_eq!(proj["data"]["project"]["networks"], json!([]));
    assert_eq!(proj["data"]["project"]["documents"]["edges"], json!([]));
    // The download is the same 404 as for a file that does not exist.
    let hidden = download(&outsider, &app, url).await;
    assert_eq!(hidden.status(), 404);
    let hidden_body = hidden.text().await.unwrap();
    let missing = download(&outsider, &app, "/files/999999").await;
    assert_eq!(missing.status(), 404);
    assert_eq!(hidden_body, missing.text().await.unwrap());
    // Signed out: also 404.
    assert_eq!(download(&new_client(), &app, url).await.status(), 404);
    // The outsider cannot attach files to it either (it does not exist for them).
    let body = upload(&app, &outsider, id, "x.txt", "text/plain", b"hej".to_vec()).await;
    assert_code(&body, "NOT_FOUND");
    // Search entries are for members and admins.
    let entry = samsyn::library::search_docs::attachment_search_doc(&app.state.db, num(att_id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(entry.acl, vec![format!("net:{net}"), "role:admin".into()]);
    assert_eq!(entry.kind, "attachment");
    assert_eq!(entry.title, "protokoll.pdf – Protokoll styrgruppen");
}

async fn html_disguised_as_pdf_is_refused(app: TestApp) {
    let admin = app.admin().await;
    let project = create_project(&app, &admin, "p", &[]).await;
    let doc = create_doc(
        &app,
        &admin,
        json!({ "title": "Vägledning", "kind": "VAGLEDNING", "projectId": project["id"] }),
    )
    .await;
    let id = doc["id"].as_str().unwrap();
    let html = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>".to_vec();
    let body = upload(
        &app,
        &admin,
        id,
        "rapport.pdf",
        "application/pdf",
        html.clone(),
    )
    .await;
    assert_code(&body, "BAD_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "file");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("HTML"),
        "{body}"
    );
    // Declared as HTML, or with a PDF header but an HTML name: refused too.
    let body = upload(
        &app,
        &admin,
        id,
        "sida.html",
        "text/html",
        make_test_pdf(&["x"]),
    )
    .await;
    assert_code(&body, "BAD_INPUT");
    // A DOCX sent as a PDF is refused (the name promises something else).
    let body = upload(
        &app,
        &admin,
        id,
        "plan.pdf",
        "application/pdf",
        make_test_docx(&["x"]),
    )
    .await;
    assert_code(&body, "BAD_INPUT");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("PDF"),
        "{body}"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM blobs").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM attachments").await, 0);
}

async fn path_traversal_file_names_are_harmless(app: TestApp) {
    let admin = app.admin().await;
    let project = create_project(&app, &admin, "p", &[]).await;
    let doc = create_doc(
        &app,
        &admin,
        json!({ "title": "Mall", "kind": "MALL", "projectId": project["id"] }),
    )
    .await;
    let id = doc["id"].as_str().unwrap();
    let cases = [
        ("../../../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\Windows\\System32\\evil.txt", "evil.txt"),
        ("/tmp/../../ok ..txt", "ok .txt"),
        ("..", "fil"),
        ("CON.txt", "fil.txt"),
        ("rapport\u{202e}txt.exe.txt", "rapporttxt.exe.txt"),
    ];
    for (i, (raw, expected)) in cases.iter().enumerate() {
        let text = format!("Rad {i}: små avlopp").into_bytes();
        let att = upload_ok(&app, &admin, id, raw, "text/plain", text.clone()).await;
        assert_eq!(att["fileName"], *expected, "{raw}");
        let resp = download(&admin, &app, att["url"].as_str().unwrap()).await;
        assert_eq!(resp.status(), 200);
        let cd = resp.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(cd.starts_with("attachment;"), "{cd}");
        assert!(
            !cd.contains('/') && !cd.contains('\\') && !cd.contains(".."),
            "{cd}"
        );
        assert_eq!(resp.bytes().await.unwrap().to_vec(), text);
    }
    // Nothing was written outside the database: no such file appeared near the data folder.
    let data_dir = &app.state.config.data_dir;
    for dir in [data_dir.clone(), data_dir.parent().unwrap().to_path_buf()] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                !["passwd.txt", "evil.txt", "ok .txt"].contains(&name.as_str()),
                "{name} in {}",
                dir.display()
            );
        }
    }
}

async fn same_file_uploaded_twice_is_stored_once(app: TestApp) {
    let admin = app.admin().await;
    let project = create_project(&app, &admin, "p", &[]).await;
    let a = create_doc(
        &app,
        &admin,
        json!({ "title": "A", "kind": "MALL", "projectId": project["id"] }),
    )
    .await;
    let b = create_doc(
        &app,
        &admin,
        json!({ "title": "B", "kind": "MALL", "projectId": project["id"] }),
    )
    .await;
    let pdf = make_test_pdf(SWEDISH);
    let first = upload_ok(
        &app,
        &admin,
        a["id"].as_str().unwrap(),
        "plan.pdf",
        "application/pdf",
        pdf.clone(),
    )
    .await;
    let second = upload_ok(
        &app,
        &admin,
        b["id"].as_str().unwrap(),
        "samma plan.pdf",
        "application/octet-stream",
        pdf.clone(),
    )
    .await;
    assert_ne!(first["id"], second["id"]);
    assert_eq!(first["sha256"], second["sha256"]);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM blobs").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM attachments").await, 2);
    let stored = count(&app, "SELECT CAST(SUM(size) AS BIGINT) FROM blobs").await;
    assert_eq!(stored, pdf.len() as i64);
    // Both read back whole.
    for att in [&first, &second] {
        let bytes = download(&admin, &app, att["url"].as_str().unwrap())
            .await
            .bytes()
            .await
            .unwrap();
        assert_eq!(bytes.to_vec(), pdf);
    }
    let text = wait_for_text(&app, &admin, second["id"].as_str().unwrap()).await;
    assert_eq!(text["textStatus"], "DONE");
}

async fn swedish_text_is_extracted_intact_from_pdf_docx_and_odt(app: TestApp) {
    let admin = app.admin().await;
    let project = create_project(&app, &admin, "p", &[]).await;
    let doc = create_doc(&app, &admin, json!({ "title": "Vägledning små avlopp", "kind": "VAGLEDNING", "projectId": project["id"], "publish": true })).await;
    let id = doc["id"].as_str().unwrap();
    let files = [
        ("vägledning.pdf", "application/pdf", make_test_pdf(SWEDISH)),
        (
            "vägledning.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            make_test_docx(SWEDISH),
        ),
        (
            "vägledning.odt",
            "application/vnd.oasis.opendocument.text",
            make_test_odt(SWEDISH),
        ),
        (
            "anteckning.md",
            "text/markdown",
            "# Åtgärder\n\nÖversyn av fosforfällor.".as_bytes().to_vec(),
        ),
    ];
    for (name, mime, bytes) in files {
        let att = upload_ok(&app, &admin, id, name, mime, bytes).await;
        assert_eq!(att["contentType"], mime);
        assert_eq!(att["fileName"], name);
        let att_id = att["id"].as_str().unwrap();
        let done = wait_for_text(&app, &admin, att_id).await;
        assert_eq!(done["textStatus"], "DONE", "{name}: {done}");
        let text = extracted_text(&app, att_id).await;
        if name.ends_with(".md") {
            assert!(
                text.contains("Åtgärder") && text.contains("Översyn av fosforfällor"),
                "{name}: {text}"
            );
        } else {
            for line in SWEDISH {
                assert!(text.contains(line), "{name}: {line:?} not in {text:?}");
            }
        }
    }
    // Each finished extraction is announced to the search indexer.
    let changes = count(
        &app,
        "SELECT COUNT(*) FROM change_log WHERE kind = 'attachment'",
    )
    .await;
    assert!(changes >= 8, "{changes}");
}

async fn failed_extraction_is_recorded_and_the_upload_succeeds(app: TestApp) {
    let admin = app.admin().await;
    let project = create_project(&app, &admin, "p", &[]).await;
    let doc = create_doc(
        &app,
        &admin,
        json!({ "title": "Trasig", "kind": "MALL", "projectId": project["id"] }),
    )
    .await;
    let broken = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage without xref".to_vec();
    let att = upload_ok(
        &app,
        &admin,
        doc["id"].as_str().unwrap(),
        "trasig.pdf",
        "application/pdf",
        broken.clone(),
    )
    .await;
    let done = wait_for_text(&app, &admin, att["id"].as_str().unwrap()).await;
    assert_eq!(done["textStatus"], "FAILED");
    let reason = done["textError"].as_str().unwrap();
    assert!(reason.contains("kunde inte läsas"), "{reason}");
    let resp = download(&admin, &app, att["url"].as_str().unwrap()).await;
    assert_eq!(resp.bytes().await.unwrap().to_vec(), broken);
    // An image has no text to read.
    let png =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
    let img = upload_ok(
        &app,
        &admin,
        doc["id"].as_str().unwrap(),
        "karta.png",
        "image/png",
        png,
    )
    .await;
    assert_eq!(img["textStatus"], "NONE");
}

async fn editing_a_published_document_keeps_earlier_versions(app: TestApp) {
    let admin = app.admin().await;
    let project = create_project(&app, &admin, "p", &[]).await;
    let doc = create_doc(&app, &admin, json!({ "title": "Vägledning v1", "summary": "Första", "body": "Text **ett**", "kind": "VAGLEDNING", "projectId": project["id"], "publish": true })).await;
    let id = doc["id"].as_str().unwrap();
    assert_eq!(doc["version"], 1);
    let edit = |title: &'static str, body: &'static str| {
        let app = &app;
        let admin = &admin;
        async move {
            let r = app
                .gql_with(
                    admin,
                    "mutation($i: UpdateDocumentInput!) { updateDocument(input: $i) { document { version title } } }",
                    json!({ "i": { "id": id, "title": title, "body": body } }),
                )
                .await;
            assert_ok(&r);
            r["data"]["updateDocument"]["document"].clone()
        }
    };
    assert_eq!(edit("Vägledning v2", "Text två").await["version"], 2);
    assert_eq!(edit("Vägledning v3", "Text tre").await["version"], 3);
    let (_, reader) = app.user("reader@test.se", "MEMBER", None).await;
    let body = app
        .gql_with(
            &reader,
            "query($id: ID!) { document(id: $id) { title version bodyHtml versions { version title body bodyHtml replacedBy { displayName } replacedAt } } }",
            json!({ "id": id }),
        )
        .await;
    assert_ok(&body);
    let d = &body["data"]["document"];
    assert_eq!(d["title"], "Vägledning v3");
    assert_eq!(d["version"], 3);
    let versions = d["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["version"], 2);
    assert_eq!(versions[0]["title"], "Vägledning v2");
    assert_eq!(versions[1]["version"], 1);
    assert_eq!(versions[1]["body"], "Text **ett**");
    assert_eq!(
        versions[1]["bodyHtml"],
        "<p>Text <strong>ett</strong></p>\n"
    );
    assert_eq!(versions[1]["replacedBy"]["displayName"], "Administratör");
    // A draft's edits are not versions.
    let draft = create_doc(
        &app,
        &admin,
        json!({ "title": "Utkast", "kind": "MALL", "projectId": project["id"] }),
    )
    .await;
    let r = app
        .gql_with(&admin, "mutation($i: UpdateDocumentInput!) { updateDocument(input: $i) { document { version versions { version } } } }",
            json!({ "i": { "id": draft["id"], "title": "Utkast 2" } }))
        .await;
    assert_eq!(
        r["data"]["updateDocument"]["document"],
        json!({ "version": 1, "versions": [] })
    );
    // A member cannot edit the published document.
    let r = app
        .gql_with(
            &reader,
            "mutation($i: UpdateDocumentInput!) { updateDocument(input: $i) { document { id } } }",
            json!({ "i": { "id": id, "title": "Kapad" } }),
        )
        .await;
    assert_code(&r, "FORBIDDEN");
    // Invalid input is refused field by field.
    let r = app
        .gql_with(
            &admin,
            "mutation($i: UpdateDocumentInput!) { updateDocument(input: $i) { document { id } } }",
            json!({ "i": { "id": id, "title": "  " } }),
        )
        .await;
    assert_code(&r, "BAD_INPUT");
    assert_eq!(r["errors"][0]["extensions"]["field"], "title");
    // Every change was logged for search, in order.
    let logged = count(
        &app,
        &format!(
            "SELECT COUNT(*) FROM change_log WHERE kind = 'document' AND entity_id = {}",
            num(id)
        ),
    )
    .await;
    assert_eq!(logged, 3);
}

async fn archived_documents_leave_lists_and_come_back_on_restore(app: TestApp) {
    let admin = app.admin().await;
    let (_, reader) = app.user("reader@test.se", "MEMBER", None).await;
    let project = create_project(&app, &admin, "p", &[]).await;
    let doc = create_doc(&app, &admin, json!({ "title": "Rapport", "kind": "PROJEKTRAPPORT", "projectId": project["id"], "publish": true })).await;
    let id = doc["id"].as_str().unwrap();
    let att = upload_ok(
        &app,
        &admin,
        id,
        "rapport.txt",
        "text/plain",
        "Slutrapport för länet".as_bytes().to_vec(),
    )
    .await;
    let url = att["url"].as_str().unwrap();

    let r = doc_mutation(&app, &reader, "archiveDocument", id).await;
    assert_code(&r, "FORBIDDEN");
    let r = doc_mutation(&app, &admin, "archiveDocument", id).await;
    assert_ok(&r);
    assert_eq!(
        r["data"]["archiveDocument"]["document"]["status"],
        "ARCHIVED"
    );
    assert!(!list_ids(&app, &admin, json!({}))
        .await
        .contains(&id.to_string()));
    assert!(list_ids(&app, &admin, json!({ "status": "ARCHIVED" }))
        .await
        .contains(&id.to_string()));
    assert!(!list_ids(&app, &reader, json!({ "status": "ARCHIVED" }))
        .await
        .contains(&id.to_string()));
    assert!(get_doc(&app, &reader, id).await.is_null());
    assert_eq!(download(&reader, &app, url).await.status(), 404);
    assert!(
        samsyn::library::search_docs::search_doc(&app.state.db, num(id))
            .await
            .unwrap()
            .is_none()
    );
    assert!(samsyn::library::search_docs::attachment_search_doc(
        &app.state.db,
        num(att["id"].as_str().unwrap())
    )
    .await
    .unwrap()
    .is_none());
    let r = app
        .gql_with(
            &admin,
            "mutation($i: UpdateDocumentInput!) { updateDocument(input: $i) { document { id } } }",
            json!({ "i": { "id": id, "title": "Ny" } }),
        )
        .await;
    assert_code(&r, "BAD_INPUT");

    let r = doc_mutation(&app, &admin, "restoreDocument", id).await;
    assert_ok(&r);
    assert_eq!(
        r["data"]["restoreDocument"]["document"]["status"],
        "PUBLISHED"
    );
    assert!(list_ids(&app, &reader, json!({}))
        .await
        .contains(&id.to_string()));
    assert_eq!(download(&reader, &app, url).await.status(), 200);
    assert!(
        samsyn::library::search_docs::search_doc(&app.state.db, num(id))
            .await
            .unwrap()
            .is_some()
    );
    // Archive and restore each told search about the document and its attachment.
    let logged = count(
        &app,
        &format!(
            "SELECT COUNT(*) FROM change_log WHERE kind = 'attachment' AND entity_id = {}",
            num(att["id"].as_str().unwrap())
        ),
    )
    .await;
    assert!(logged >= 3, "{logged}");
}

async fn download_has_safe_headers_etag_and_ranges(app: TestApp) {
    let admin = app.admin().await;
    let project = create_project(&app, &admin, "p", &[]).await;
    let doc = create_doc(&app, &admin, json!({ "title": "Checklista", "kind": "CHECKLISTA", "projectId": project["id"], "publish": true })).await;
    let id = doc["id"].as_str().unwrap();
    let pdf = make_test_pdf(SWEDISH);
    let docx = make_test_docx(SWEDISH);
    let p = upload_ok(
        &app,
        &admin,
        id,
        "Checklista – åtgärder.pdf",
        "application/pdf",
        pdf.clone(),
    )
    .await;
    let d = upload_ok(
        &app,
        &admin,
        id,
        "Mall för föreläggande.docx",
        "application/octet-stream",
        docx.clone(),
    )
    .await;
    let (_, reader) = app.user("reader@test.se", "MEMBER", None).await;

    let resp = download(&reader, &app, p["url"].as_str().unwrap()).await;
    assert_eq!(resp.status(), 200);
    let h = resp.headers().clone();
    assert_eq!(h["content-type"], "application/pdf");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["content-security-policy"], "default-src 'none'; sandbox");
    assert_eq!(h["accept-ranges"], "bytes");
    let etag = h["etag"].to_str().unwrap().to_string();
    assert_eq!(etag, format!("\"{}\"", p["sha256"].as_str().unwrap()));
    let cd = h["content-disposition"].to_str().unwrap();
    assert!(cd.starts_with("inline;"), "{cd}");
    assert!(
        cd.contains("filename*=UTF-8''Checklista%20%E2%80%93%20%C3%A5tg%C3%A4rder.pdf"),
        "{cd}"
    );
    assert_eq!(resp.bytes().await.unwrap().to_vec(), pdf);

    let resp = download(&reader, &app, d["url"].as_str().unwrap()).await;
    let h = resp.headers().clone();
    assert_eq!(
        h["content-type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    assert!(h["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment;"));
    assert_eq!(resp.bytes().await.unwrap().to_vec(), docx);

    // If-None-Match → 304 without a body.
    let url = app.url(p["url"].as_str().unwrap());
    let resp = reader
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 304);
    assert_eq!(resp.headers()["etag"].to_str().unwrap(), etag);
    assert!(resp.bytes().await.unwrap().is_empty());
    let resp = reader
        .get(&url)
        .header("if-none-match", "\"other\"")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);

    // Range: one range → 206; past the end → 416.
    let size = pdf.len();
    let resp = reader
        .get(&url)
        .header("range", "bytes=0-9")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 206);
    assert_eq!(
        resp.headers()["content-range"].to_str().unwrap(),
        format!("bytes 0-9/{size}")
    );
    assert_eq!(resp.bytes().await.unwrap().to_vec(), pdf[..10].to_vec());
    let resp = reader
        .get(&url)
        .header("range", "bytes=-7")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 206);
    assert_eq!(
        resp.bytes().await.unwrap().to_vec(),
        pdf[size - 7..].to_vec()
    );
    let resp = reader
        .get(&url)
        .header("range", format!("bytes={}-", size - 100))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 206);
    assert_eq!(
        resp.headers()["content-range"].to_str().unwrap(),
        format!("bytes {}-{}/{size}", size - 100, size - 1)
    );
    assert_eq!(
        resp.bytes().await.unwrap().to_vec(),
        pdf[size - 100..].to_vec()
    );
    let resp = reader
        .get(&url)
        .header("range", format!("bytes={size}-"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 416);
    assert_eq!(
        resp.headers()["content-range"].to_str().unwrap(),
        format!("bytes */{size}")
    );
    // A stale If-Range gets the whole file.
    let resp = reader
        .get(&url)
        .header("range", "bytes=0-9")
        .header("if-range", "\"old\"")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);

    // An API token downloads too; a bad one is refused.
    let t = app
        .gql_with(
            &reader,
            "mutation { createApiToken(input: {name: \"intranät\", scope: READ}) { token } }",
            json!({}),
        )
        .await;
    let token = t["data"]["createApiToken"]["token"].as_str().unwrap();
    let resp = reqwest::Client::new()
        .get(&url)
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let resp = reqwest::Client::new()
        .get(&url)
        .bearer_auth("ssn_fel")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    assert_eq!(download(&reader, &app, "/files/abc").await.status(), 404);
}

async fn new_attachment_version_keeps_the_old_one(app: TestApp) {
    let admin = app.admin().await;
    let project = create_project(&app, &admin, "p", &[]).await;
    let doc = create_doc(
        &app,
        &admin,
        json!({ "title": "Mall", "kind": "MALL", "projectId": project["id"], "publish": true }),
    )
    .await;
    let id = doc["id"].as_str().unwrap();
    let v1 = upload_ok(
        &app,
        &admin,
        id,
        "mall.txt",
        "text/plain",
        b"version ett".to_vec(),
    )
    .await;
    let (status, body) = upload_with(
        &app,
        &admin,
        id,
        "mall.txt",
        "text/plain",
        b"version tva".to_vec(),
        v1["id"].as_str(),
    )
    .await;
    assert_eq!(status, 200);
    assert_ok(&body);
    let v2 = &body["data"]["uploadAttachment"]["attachment"];
    assert_eq!(v2["version"], 2);
    let d = get_doc(&app, &admin, id).await;
    let current = d["attachments"].as_array().unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0]["id"], v2["id"]);
    let versions = app
        .gql_with(&admin, "query($id: ID!) { node(id: $id) { ... on Attachment { versions { version isCurrent url } } } }", json!({ "id": v2["id"] }))
        .await;
    let versions = versions["data"]["node"]["versions"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1]["isCurrent"], false);
    let old = download(&admin, &app, versions[1]["url"].as_str().unwrap()).await;
    assert_eq!(old.bytes().await.unwrap().as_ref(), b"version ett");
    // Only the newest version is searchable.
    assert!(samsyn::library::search_docs::attachment_search_doc(
        &app.state.db,
        num(v1["id"].as_str().unwrap())
    )
    .await
    .unwrap()
    .is_none());
    // Replacing an old version, or another document's file, is refused.
    let (_, body) = upload_with(
        &app,
        &admin,
        id,
        "mall.txt",
        "text/plain",
        b"tre".to_vec(),
        v1["id"].as_str(),
    )
    .await;
    assert_code(&body, "BAD_INPUT");
}

async fn deleted_attachment_goes_to_the_recycle_bin(app: TestApp) {
    let admin = app.admin().await;
    let (_, reader) = app.user("reader@test.se", "MEMBER", None).await;
    let project = create_project(&app, &admin, "p", &[]).await;
    let doc = create_doc(
        &app,
        &admin,
        json!({ "title": "Mall", "kind": "MALL", "projectId": project["id"], "publish": true }),
    )
    .await;
    let id = doc["id"].as_str().unwrap();
    let att = upload_ok(&app, &admin, id, "mall.txt", "text/plain", b"hej".to_vec()).await;
    let att_id = att["id"].as_str().unwrap();
    let m = "mutation($i: AttachmentIdInput!) { deleteAttachment(input: $i) { attachment { id deletedAt } } }";
    let r = app
        .gql_with(&reader, m, json!({ "i": { "id": att_id } }))
        .await;
    assert_code(&r, "FORBIDDEN");
    let r = app
        .gql_with(&admin, m, json!({ "i": { "id": att_id } }))
        .await;
    assert_ok(&r);
    assert!(!r["data"]["deleteAttachment"]["attachment"]["deletedAt"].is_null());
    assert_eq!(get_doc(&app, &admin, id).await["attachments"], json!([]));
    let bin = app
        .gql_with(
            &admin,
            "query($id: ID!) { document(id: $id) { deletedAttachments { id } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        bin["data"]["document"]["deletedAttachments"][0]["id"],
        att_id
    );
    let bin = app
        .gql_with(
            &reader,
            "query($id: ID!) { document(id: $id) { deletedAttachments { id } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(bin["data"]["document"]["deletedAttachments"], json!([]));
    assert_eq!(
        download(&reader, &app, att["url"].as_str().unwrap())
            .await
            .status(),
        404
    );
    assert_eq!(
        download(&admin, &app, att["url"].as_str().unwrap())
            .await
            .status(),
        200
    );
    let r = app
        .gql_with(&admin, "mutation($i: AttachmentIdInput!) { restoreAttachment(input: $i) { attachment { deletedAt } } }", json!({ "i": { "id": att_id } }))
        .await;
    assert_ok(&r);
    assert_eq!(
        download(&reader, &app, att["url"].as_str().unwrap())
            .await
            .status(),
        200
    );
}

async fn documents_filter_by_kind_tag_and_review_date(app: TestApp) {
    let admin = app.admin().await;
    samsyn::tags::upsert(&app.state.db, "Små avlopp", &["enskilda avlopp".into()])
        .await
        .unwrap();
    samsyn::tags::upsert(&app.state.db, "Dagvatten", &[])
        .await
        .unwrap();
    let (net, net_gid) = make_network(&app, "sma-avlopp", false).await;
    let (mod_id, moderator) = app.user("mod@test.se", "MEMBER", None).await;
    add_member(&app, net, &mod_id, "moderator").await;
    let p1 = create_project(&app, &admin, "avlopp", &[&net_gid]).await;
    let p2 = create_project(&app, &admin, "dagvatten", &[]).await;
    let overdue = create_doc(&app, &admin, json!({ "title": "Gammal checklista", "kind": "CHECKLISTA", "projectId": p1["id"], "networkId": net_gid, "tags": ["enskilda avlopp"], "reviewBy": "2020-01-01", "publish": true })).await;
    let fresh = create_doc(&app, &admin, json!({ "title": "Ny vägledning", "kind": "VAGLEDNING", "projectId": p2["id"], "tags": ["Dagvatten"], "reviewBy": "2999-01-01", "publish": true })).await;
    let none = create_doc(&app, &admin, json!({ "title": "Protokoll", "kind": "PROTOKOLL", "projectId": p2["id"], "publish": true })).await;
    assert_eq!(overdue["tags"], json!(["Små avlopp"]));
    assert_eq!(overdue["reviewOverdue"], true);
    assert_eq!(fresh["reviewOverdue"], false);
    let ids = |v: &[&Value]| {
        v.iter()
            .map(|d| d["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(
        list_ids(&app, &admin, json!({ "kind": "CHECKLISTA" })).await,
        ids(&[&overdue])
    );
    assert_eq!(
        list_ids(&app, &admin, json!({ "tag": "sma-avlopp" })).await,
        ids(&[&overdue])
    );
    assert_eq!(
        list_ids(&app, &admin, json!({ "tag": "okänt" })).await,
        Vec::<String>::new()
    );
    assert_eq!(
        list_ids(&app, &admin, json!({ "network": "sma-avlopp" })).await,
        ids(&[&overdue])
    );
    assert_eq!(
        sorted(list_ids(&app, &admin, json!({ "project": "dagvatten" })).await),
        sorted(ids(&[&fresh, &none]))
    );
    assert_eq!(
        list_ids(&app, &admin, json!({ "reviewOverdue": true })).await,
        ids(&[&overdue])
    );
    assert_eq!(
        sorted(list_ids(&app, &admin, json!({ "reviewOverdue": false })).await),
        sorted(ids(&[&fresh, &none]))
    );
    assert_eq!(
        list_ids(
            &app,
            &admin,
            json!({ "status": "PUBLISHED", "kind": "PROTOKOLL" })
        )
        .await,
        ids(&[&none])
    );
    // Title words (a picker's search box): each word, anywhere, any case; wildcards are text.
    assert_eq!(
        list_ids(&app, &admin, json!({ "title": "CHECK gammal" })).await,
        ids(&[&overdue])
    );
    assert_eq!(
        list_ids(&app, &admin, json!({ "title": "vägled" })).await,
        ids(&[&fresh])
    );
    assert!(list_ids(&app, &admin, json!({ "title": "%" }))
        .await
        .is_empty());
    assert!(
        list_ids(&app, &admin, json!({ "title": "checklista protokoll" }))
            .await
            .is_empty()
    );
    let long = app
        .gql_with(
            &admin,
            "query($f: DocumentFilterInput) { documents(filter: $f) { edges { node { id } } } }",
            json!({ "f": { "title": "a".repeat(201) } }),
        )
        .await;
    assert_code(&long, "BAD_INPUT");

    // Due for review: the moderator sees their network's overdue document; admins all due.
    let due = |client: reqwest::Client| {
        let app = &app;
        async move {
            let r = app
                .gql_with(
                    &client,
                    "{ documentsDueForReview(withinDays: 30) { edges { node { id reviewBy } } } }",
                    json!({}),
                )
                .await;
            assert_ok(&r);
            r["data"]["documentsDueForReview"]["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"]["id"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(due(moderator.clone()).await, ids(&[&overdue]));
    assert_eq!(due(admin.clone()).await, ids(&[&overdue]));
    let (_, reader) = app.user("reader@test.se", "MEMBER", None).await;
    assert!(due(reader).await.is_empty());

    // Pagination: first/after walk the list without repeats.
    let r = app.gql_with(&admin, "{ documents(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }", json!({})).await;
    assert_eq!(r["data"]["documents"]["edges"].as_array().unwrap().len(), 2);
    assert_eq!(r["data"]["documents"]["pageInfo"]["hasNextPage"], true);
    let after = r["data"]["documents"]["pageInfo"]["endCursor"].clone();
    let r2 = app.gql_with(&admin, "query($a: String) { documents(first: 2, after: $a) { edges { node { id } } pageInfo { hasNextPage } } }", json!({ "a": after })).await;
    assert_eq!(
        r2["data"]["documents"]["edges"].as_array().unwrap().len(),
        1
    );
    assert_eq!(r2["data"]["documents"]["pageInfo"]["hasNextPage"], false);
    let r = app
        .gql_with(
            &admin,
            "{ documents(first: 101) { edges { cursor } } }",
            json!({}),
        )
        .await;
    assert_code(&r, "BAD_INPUT");
    // Unknown tags on a new document are refused.
    let r = app
        .gql_with(&admin, "mutation($i: CreateDocumentInput!) { createDocument(input: $i) { document { id } } }",
            json!({ "i": { "title": "X", "kind": "MALL", "projectId": p2["id"], "tags": ["Rymdskrot"] } }))
        .await;
    assert_code(&r, "BAD_INPUT");
    assert_eq!(r["errors"][0]["extensions"]["field"], "tags");
    let r = app
        .gql_with(
            &admin,
            "mutation($i: CreateDocumentInput!) { createDocument(input: $i) { document { id } } }",
            json!({ "i": { "title": "X", "kind": "MALL" } }),
        )
        .await;
    assert_code(&r, "BAD_INPUT");
}

async fn project_editing_is_for_admins_and_network_moderators(app: TestApp) {
    let admin = app.admin().await;
    let (net, net_gid) = make_network(&app, "halsoskydd", false).await;
    let (_, other_gid) = make_network(&app, "avfall", false).await;
    let (mod_id, moderator) = app.user("mod@test.se", "MEMBER", None).await;
    add_member(&app, net, &mod_id, "moderator").await;
    let (member_id, member) = app.user("member@test.se", "MEMBER", None).await;
    let project = create_project(&app, &admin, "varmare-klimat", &[&net_gid]).await;
    // 2025-01-01–2026-04-30: the status follows today's date.
    let today = chrono::Utc::now().date_naive().to_string();
    let expected = if today.as_str() > "2026-04-30" {
        "FINISHED"
    } else {
        "ONGOING"
    };
    assert_eq!(project["status"], expected);
    assert_eq!(project["networks"], json!([{ "slug": "halsoskydd" }]));
    let m = "mutation($i: UpdateProjectInput!) { updateProject(input: $i) { project { name goal status responsible responsibleUser { displayName } networks { slug } } } }";
    let r = app
        .gql_with(
            &member,
            m,
            json!({ "i": { "id": project["id"], "goal": "Nytt mål" } }),
        )
        .await;
    assert_code(&r, "FORBIDDEN");
    let r = app.gql_with(&moderator, m, json!({ "i": { "id": project["id"], "goal": "Nytt mål", "status": "ONGOING", "responsibleUserId": member_id } })).await;
    assert_ok(&r);
    let p = &r["data"]["updateProject"]["project"];
    assert_eq!(p["goal"], "Nytt mål");
    assert_eq!(p["status"], "ONGOING");
    assert_eq!(p["responsible"], "member");
    assert_eq!(p["responsibleUser"]["displayName"], "member");
    // A moderator cannot link a network they do not moderate.
    let r = app
        .gql_with(
            &moderator,
            m,
            json!({ "i": { "id": project["id"], "networkIds": [net_gid, other_gid] } }),
        )
        .await;
    assert_code(&r, "FORBIDDEN");
    let r = app.gql_with(&admin, m, json!({ "i": { "id": project["id"], "networkIds": [net_gid, other_gid], "responsibleUserId": null, "responsibleText": "Kommunal utveckling" } })).await;
    assert_ok(&r);
    assert_eq!(
        r["data"]["updateProject"]["project"]["responsible"],
        "Kommunal utveckling"
    );
    assert_eq!(
        r["data"]["updateProject"]["project"]["networks"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Members cannot create projects; slugs are unique and checked.
    let c = "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { slug } } }";
    let r = app
        .gql_with(&member, c, json!({ "i": { "name": "Eget" } }))
        .await;
    assert_code(&r, "FORBIDDEN");
    let r = app
        .gql_with(
            &admin,
            c,
            json!({ "i": { "name": "Annat", "slug": "varmare-klimat" } }),
        )
        .await;
    assert_code(&r, "CONFLICT");
    let r = app
        .gql_with(
            &admin,
            c,
            json!({ "i": { "name": "Annat", "slug": "Fel Slug" } }),
        )
        .await;
    assert_code(&r, "BAD_INPUT");
    let r = app.gql_with(&admin, c, json!({ "i": { "name": "Period", "periodFrom": "2026-01-01", "periodTo": "2025-01-01" } })).await;
    assert_code(&r, "BAD_INPUT");
    let r = app
        .gql_with(
            &admin,
            c,
            json!({ "i": { "name": "Små avlopp – nästa steg" } }),
        )
        .await;
    assert_ok(&r);
    assert_eq!(
        r["data"]["createProject"]["project"]["slug"],
        "sma-avlopp-nasta-steg"
    );
    let list = app
        .gql_with(
            &member,
            "{ projects { edges { node { slug } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        list["data"]["projects"]["edges"].as_array().unwrap().len(),
        2
    );
    let by_node = node(&app, &member, project["id"].as_str().unwrap()).await;
    assert_eq!(by_node["id"], project["id"]);
    // Signed out: nothing.
    let r = app
        .gql("{ projects { edges { node { slug } } } }", json!({}))
        .await;
    assert_code(&r, "UNAUTHENTICATED");
}

async fn post_attachments_follow_the_posts_rights(app: TestApp) {
    let admin = app.admin().await;
    let closed = crate::forum::network(&app, &admin, "post-filer", "Filer", true).await;
    let (_, post) =
        crate::forum::thread(&app, &admin, &closed, "DISCUSSION", "Bild på brunnen").await;
    let body = upload(
        &app,
        &admin,
        &post,
        "bild.png",
        "image/png",
        b"\x89PNG\r\n\x1a\n0000".to_vec(),
    )
    .await;
    assert_ok(&body);
    let url = body["data"]["uploadAttachment"]["attachment"]["url"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(download(&admin, &app, &url).await.status(), 200);
    // Someone outside the members-only network neither sees nor adds files.
    let (_, outsider) = app.user("utomstaende@habo.se", "MEMBER", None).await;
    assert_eq!(download(&outsider, &app, &url).await.status(), 404);
    let body = upload(
        &app,
        &outsider,
        &post,
        "a.txt",
        "text/plain",
        b"hej".to_vec(),
    )
    .await;
    assert_code(&body, "NOT_FOUND");
    let body = upload(
        &app,
        &admin,
        &gid("User", 1),
        "a.txt",
        "text/plain",
        b"a".to_vec(),
    )
    .await;
    assert_code(&body, "BAD_INPUT");
}

/// Runs `samsyn import documents` against the app's database.
async fn run_import(app: &TestApp, dir: &std::path::Path, project: &str) -> std::process::Output {
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_samsyn"));
    cmd.env("SAMSYN_DATA_DIR", &app.state.config.data_dir)
        .env("SAMSYN_DEMO", "false")
        .env("SAMSYN_ADMIN_EMAIL", ADMIN_EMAIL)
        .env("SAMSYN_LOG", "warn")
        .env_remove("SAMSYN_DATABASE_URL")
        .args(["import", "documents"])
        .arg(dir)
        .args(["--project", project]);
    if let Some(url) = &app.state.config.database_url {
        cmd.env("SAMSYN_DATABASE_URL", url);
    }
    cmd.output().await.expect("run samsyn import")
}

async fn new_user_flow_from_project_to_import(app: TestApp) {
    // An admin (utvecklingsledaren) creates a project and a checklist with a DOCX and a PDF.
    let admin = app.admin().await;
    let (_, inspector) = app.user("inspektor@test.se", "MEMBER", Some("eksjo")).await;
    let project = create_project(&app, &admin, "sma-avlopp", &[]).await;
    let doc = create_doc(
        &app,
        &admin,
        json!({ "title": "Checklista små avlopp", "summary": "Kontrollpunkter vid tillsyn.", "body": "## Kontroll\n- [ ] Slamavskiljare", "kind": "CHECKLISTA", "projectId": project["id"], "reviewBy": "2027-06-30" }),
    )
    .await;
    let id = doc["id"].as_str().unwrap();
    assert_eq!(doc["status"], "DRAFT");
    let docx = make_test_docx(SWEDISH);
    let pdf = make_test_pdf(SWEDISH);
    let a = upload_ok(
        &app,
        &admin,
        id,
        "Checklista små avlopp.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        docx.clone(),
    )
    .await;
    let b = upload_ok(
        &app,
        &admin,
        id,
        "Checklista små avlopp.pdf",
        "application/pdf",
        pdf.clone(),
    )
    .await;
    // The inspector cannot see the draft or its files yet.
    assert!(get_doc(&app, &inspector, id).await.is_null());
    assert_eq!(
        download(&inspector, &app, a["url"].as_str().unwrap())
            .await
            .status(),
        404
    );
    // Published: the inspector finds it in the project and downloads both files.
    let r = doc_mutation(&app, &admin, "publishDocument", id).await;
    assert_ok(&r);
    let body = app
        .gql_with(&inspector, "{ project(slug: \"sma-avlopp\") { name documents { edges { node { title kindLabel statusLabel attachments { fileName url } } } } } }", json!({}))
        .await;
    assert_ok(&body);
    let node = &body["data"]["project"]["documents"]["edges"][0]["node"];
    assert_eq!(node["title"], "Checklista små avlopp");
    assert_eq!(node["kindLabel"], "checklista");
    assert_eq!(node["statusLabel"], "publicerad");
    let files = node["attachments"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    for (att, bytes) in [(&a, &docx), (&b, &pdf)] {
        let resp = download(&inspector, &app, att["url"].as_str().unwrap()).await;
        assert_eq!(resp.status(), 200);
        assert_eq!(&resp.bytes().await.unwrap().to_vec(), bytes);
    }
    // Archive and restore.
    assert_ok(&doc_mutation(&app, &admin, "archiveDocument", id).await);
    assert!(get_doc(&app, &inspector, id).await.is_null());
    assert_ok(&doc_mutation(&app, &admin, "restoreDocument", id).await);
    assert_eq!(get_doc(&app, &inspector, id).await["status"], "PUBLISHED");

    // Import a folder of five files from the old platform.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Checklista_värme inomhus.docx"),
        make_test_docx(SWEDISH),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("Projektplan 2025.pdf"),
        make_test_pdf(SWEDISH),
    )
    .unwrap();
    std::fs::write(dir.path().join("Slutrapport.odt"), make_test_odt(SWEDISH)).unwrap();
    std::fs::write(
        dir.path().join("Minnesanteckningar.txt"),
        "Träff i Nässjö: åtgärder för små avlopp.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("Information till fastighetsägare.md"),
        "# Information\n\nÖversyn av avloppet.",
    )
    .unwrap();
    let out = run_import(&app, dir.path(), "sma-avlopp").await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "stdout: {stdout}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Importerade 5 av 5 filer"), "{stdout}");
    let body = app
        .gql_with(&inspector, "{ documents(filter: {project: \"sma-avlopp\"}, first: 20) { edges { node { title kind status attachments { fileName textStatus } } } } }", json!({}))
        .await;
    assert_ok(&body);
    let docs = body["data"]["documents"]["edges"].as_array().unwrap();
    assert_eq!(docs.len(), 6);
    let find = |title: &str| {
        docs.iter()
            .map(|e| &e["node"])
            .find(|n| n["title"] == title)
            .unwrap_or_else(|| panic!("{title} not imported: {body}"))
            .clone()
    };
    let checklist = find("Checklista värme inomhus");
    assert_eq!(checklist["kind"], "CHECKLISTA");
    assert_eq!(checklist["status"], "PUBLISHED");
    assert_eq!(
        checklist["attachments"][0]["fileName"],
        "Checklista_värme inomhus.docx"
    );
    assert_eq!(checklist["attachments"][0]["textStatus"], "DONE");
    assert_eq!(find("Projektplan 2025")["kind"], "PROJEKTPLAN");
    assert_eq!(find("Slutrapport")["kind"], "PROJEKTRAPPORT");
    assert_eq!(find("Minnesanteckningar")["kind"], "PROTOKOLL");
    assert_eq!(
        find("Information till fastighetsägare")["kind"],
        "INFORMATIONSMATERIAL"
    );
}

async fn import_reports_what_failed_and_why(app: TestApp) {
    let admin = app.admin().await;
    create_project(&app, &admin, "arkiv", &[]).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bra.pdf"), make_test_pdf(SWEDISH)).unwrap();
    std::fs::write(
        dir.path().join("falsk.pdf"),
        "<html><body>inte en pdf</body></html>",
    )
    .unwrap();
    std::fs::write(dir.path().join("program.exe"), b"MZ\x90\0").unwrap();
    std::fs::write(dir.path().join("trasig.pdf"), b"%PDF-1.4\nskr\xe4p").unwrap();
    let out = run_import(&app, dir.path(), "arkiv").await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stdout}");
    assert!(stdout.contains("Importerade 2 av 4 filer"), "{stdout}");
    assert!(
        stdout.contains("✗ falsk.pdf: HTML-filer tas inte emot"),
        "{stdout}"
    );
    assert!(
        stdout.contains("✗ program.exe: Program tas inte emot"),
        "{stdout}"
    );
    assert!(
        stdout.contains("! trasig.pdf: importerad, men texten i filen kunde inte läsas"),
        "{stdout}"
    );
    assert!(
        stderr.contains("2 av 4 filer kunde inte importeras"),
        "{stderr}"
    );
    let titles = app
        .gql_with(
            &admin,
            "{ documents(filter: {project: \"arkiv\"}) { edges { node { title } } } }",
            json!({}),
        )
        .await;
    let mut titles: Vec<String> = titles["data"]["documents"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["title"].as_str().unwrap().to_string())
        .collect();
    titles.sort();
    assert_eq!(titles, ["bra", "trasig"]);
    // A project that does not exist stops the import before any file.
    let out = run_import(&app, dir.path(), "finns-inte").await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("finns-inte"));
}

// ---------------------------------------------------------------------------------------
// Size cap: a small configured cap, on both backends.

async fn oversize_upload_is_too_large(app: TestApp) {
    let admin = app.admin().await;
    let project = create_project(&app, &admin, "p", &[]).await;
    let doc = create_doc(
        &app,
        &admin,
        json!({ "title": "Stor", "kind": "MALL", "projectId": project["id"] }),
    )
    .await;
    let id = doc["id"].as_str().unwrap();
    // Within the cap: fine.
    let ok = upload(
        &app,
        &admin,
        id,
        "liten.txt",
        "text/plain",
        vec![b'a'; 90_000],
    )
    .await;
    assert_ok(&ok);
    // Over the cap but within the request allowance: refused while reading the multipart body.
    let (status, body) = upload_with(
        &app,
        &admin,
        id,
        "stor.txt",
        "text/plain",
        vec![b'a'; 120_000],
        None,
    )
    .await;
    assert_eq!(status, 413, "{body}");
    assert_code(&body, "TOO_LARGE");
    // Far over: refused from Content-Length before the body is read.
    let (status, body) = upload_with(
        &app,
        &admin,
        id,
        "jatte.txt",
        "text/plain",
        vec![b'a'; 1_000_000],
        None,
    )
    .await;
    assert_eq!(status, 413, "{body}");
    assert_code(&body, "TOO_LARGE");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM blobs").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM attachments").await, 1);
}

fn small_cap(c: &mut samsyn::config::Config) {
    c.max_upload_bytes = 100_000;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversize_upload_is_too_large_sqlite() {
    let app = spawn_with(Backend::Sqlite, "oversize_upload_is_too_large", small_cap)
        .await
        .unwrap();
    oversize_upload_is_too_large(app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversize_upload_is_too_large_postgres() {
    if let Some(app) =
        spawn_with(Backend::Postgres, "oversize_upload_is_too_large", small_cap).await
    {
        oversize_upload_is_too_large(app).await;
    }
}

// ---------------------------------------------------------------------------------------
// Demo content

async fn demo_has_the_plans_projects_with_files(app: TestApp) {
    let admin = app.admin().await;
    let body = app
        .gql_with(&admin, "{ projects(first: 20) { edges { node { slug name periodFrom periodTo status documents(first: 20) { edges { node { status attachments { url textStatus } } } } } } } }", json!({}))
        .await;
    assert_ok(&body);
    let projects = body["data"]["projects"]["edges"].as_array().unwrap();
    assert_eq!(projects.len(), 9);
    assert_eq!(
        projects[0]["node"]["name"],
        "Hälsoskyddstillsyn i ett varmare klimat"
    );
    assert_eq!(projects[0]["node"]["periodFrom"], "2025-01-01");
    let mut files = Vec::new();
    for p in projects {
        for d in p["node"]["documents"]["edges"].as_array().unwrap() {
            assert_eq!(d["node"]["status"], "PUBLISHED");
            for a in d["node"]["attachments"].as_array().unwrap() {
                assert_eq!(a["textStatus"], "DONE");
                files.push(a["url"].as_str().unwrap().to_string());
            }
        }
    }
    assert_eq!(files.len(), 2);
    for url in files {
        assert_eq!(download(&admin, &app, &url).await.status(), 200);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_has_the_plans_projects_with_files_sqlite() {
    let app = spawn_with(Backend::Sqlite, "demo_library", |c| c.demo = true)
        .await
        .unwrap();
    demo_has_the_plans_projects_with_files(app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_has_the_plans_projects_with_files_postgres() {
    if let Some(app) = spawn_with(Backend::Postgres, "demo_library", |c| c.demo = true).await {
        demo_has_the_plans_projects_with_files(app).await;
    }
}

// ---------------------------------------------------------------------------------------
// Chunked storage and the blob collector

const MIB: usize = 1024 * 1024;

/// A PNG signature followed by `len - 8` bytes of `seed`-dependent noise: an accepted file
/// without extractable text, of any size.
fn png_of(len: usize, seed: u64) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    while bytes.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bytes.extend_from_slice(&x.to_le_bytes());
    }
    bytes.truncate(len);
    bytes
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

async fn chunk_count(app: &TestApp, sha: &str) -> i64 {
    sqlx::query("SELECT COUNT(*) FROM blob_chunks WHERE sha256 = $1")
        .bind(sha)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .get::<i64, _>(0)
}

async fn blob_exists(app: &TestApp, sha: &str) -> bool {
    sqlx::query("SELECT COUNT(*) FROM blobs WHERE sha256 = $1")
        .bind(sha)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .get::<i64, _>(0)
        == 1
}

async fn multi_chunk_upload_round_trips_byte_exact_with_ranges_across_chunks(app: TestApp) {
    let admin = app.admin().await;
    let project = create_project(&app, &admin, "p", &[]).await;
    let doc = create_doc(
        &app,
        &admin,
        json!({ "title": "Ritning", "kind": "MALL", "projectId": project["id"], "publish": true }),
    )
    .await;
    let size = 3 * MIB + MIB / 2;
    let png = png_of(size, 7);
    let att = upload_ok(
        &app,
        &admin,
        doc["id"].as_str().unwrap(),
        "ritning.png",
        "image/png",
        png.clone(),
    )
    .await;
    assert_eq!(att["size"], size as i64);
    assert_eq!(att["sha256"], sha256_hex(&png));
    let sha = att["sha256"].as_str().unwrap();
    assert_eq!(
        chunk_count(&app, sha).await,
        4,
        "3.5 MiB is four 1 MiB chunks"
    );
    let url = app.url(att["url"].as_str().unwrap());

    let resp = admin.get(&url).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-length"], size.to_string().as_str());
    let body = resp.bytes().await.unwrap();
    assert!(
        body.as_ref() == png.as_slice(),
        "the whole file comes back byte-exact"
    );

    // Ranges that start, end and cross chunk borders, and one spanning three chunks.
    let ranges = [
        (MIB - 10, MIB + 9),
        (MIB, 2 * MIB - 1),
        (MIB - 1, MIB),
        (500_000, 3 * MIB + 7),
        (3 * MIB, size - 1),
        (0, 0),
    ];
    for (start, end) in ranges {
        let resp = admin
            .get(&url)
            .header("range", format!("bytes={start}-{end}"))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 206, "{start}-{end}");
        assert_eq!(
            resp.headers()["content-range"].to_str().unwrap(),
            format!("bytes {start}-{end}/{size}")
        );
        assert_eq!(
            resp.headers()["content-length"],
            (end - start + 1).to_string().as_str()
        );
        let part = resp.bytes().await.unwrap();
        assert!(part.as_ref() == &png[start..=end], "bytes {start}-{end}");
    }
    let resp = admin
        .get(&url)
        .header("range", "bytes=-5")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 206);
    assert_eq!(resp.bytes().await.unwrap().as_ref(), &png[size - 5..]);
    // If-Range with the ETag gives the part; with another validator the whole file.
    let etag = format!("\"{sha}\"");
    let resp = admin
        .get(&url)
        .header("range", format!("bytes={}-", 2 * MIB - 3))
        .header("if-range", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 206);
    assert_eq!(resp.bytes().await.unwrap().as_ref(), &png[2 * MIB - 3..]);
    let resp = admin
        .get(&url)
        .header("range", "bytes=0-9")
        .header("if-range", "\"something-else\"")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.bytes().await.unwrap().len(), size);
    let resp = admin
        .get(&url)
        .header("range", format!("bytes={size}-"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 416);

    // Text over several chunks is checked by a streaming scan and its text still read.
    let line = "Slamavskiljaren töms årligen; fosforfällan byts vart tredje år.\n";
    let text = line.repeat(2 * MIB / line.len() + 100).into_bytes();
    let t = upload_ok(
        &app,
        &admin,
        doc["id"].as_str().unwrap(),
        "protokoll.txt",
        "text/plain",
        text.clone(),
    )
    .await;
    assert_eq!(chunk_count(&app, t["sha256"].as_str().unwrap()).await, 3);
    let back = download(&admin, &app, t["url"].as_str().unwrap())
        .await
        .bytes()
        .await
        .unwrap();
    assert!(back.as_ref() == text.as_slice());
    let t = wait_for_text(&app, &admin, t["id"].as_str().unwrap()).await;
    assert_eq!(t["textStatus"], "DONE", "{t}");
    // A NUL far past the first chunk makes it binary, and nothing is stored.
    let mut binary = text.clone();
    binary[MIB + 12345] = 0;
    let body = upload(
        &app,
        &admin,
        doc["id"].as_str().unwrap(),
        "fel.txt",
        "text/plain",
        binary,
    )
    .await;
    assert_code(&body, "BAD_INPUT");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM blobs").await, 2);
}

async fn unreferenced_blobs_go_after_the_grace_period_and_referenced_ones_stay(app: TestApp) {
    use samsyn::library::blobs::{collect, Collected};
    let db = &app.state.db;
    let grace = Duration::from_secs(24 * 3600);
    let hour: i64 = 3600 * 1000;
    let admin = app.admin().await;
    let project = create_project(&app, &admin, "p", &[]).await;
    let doc = create_doc(
        &app,
        &admin,
        json!({ "title": "Bilder", "kind": "MALL", "projectId": project["id"], "publish": true }),
    )
    .await;
    let owner = doc["id"].as_str().unwrap();
    let mut ids = Vec::new();
    for (i, name) in [
        "kvar.png",
        "papperskorg.png",
        "gammal.png",
        "ung.png",
        "tillbaka.png",
    ]
    .iter()
    .enumerate()
    {
        let a = upload_ok(
            &app,
            &admin,
            owner,
            name,
            "image/png",
            png_of(MIB + 10 + i, i as u64),
        )
        .await;
        ids.push((
            num(a["id"].as_str().unwrap()),
            a["sha256"].as_str().unwrap().to_string(),
        ));
    }
    // One in the recycle bin (still referenced); three whose rows are gone (as after a purge).
    let r = app.gql_with(&admin,
        "mutation($i: AttachmentIdInput!) { deleteAttachment(input: $i) { attachment { id } } }",
        json!({ "i": { "id": gid("Attachment", ids[1].0) } })).await;
    assert_ok(&r);
    for (id, _) in &ids[2..] {
        sqlx::query("DELETE FROM attachments WHERE id = $1")
            .bind(id)
            .execute(&db.pool)
            .await
            .unwrap();
    }
    let now = samsyn::db::now_ms();
    assert_eq!(
        collect(db, now, grace).await.unwrap(),
        Collected {
            marked: 3,
            removed: 0
        }
    );
    // Nothing goes before the grace period is over, however often the collector runs.
    assert_eq!(
        collect(db, now + 23 * hour, grace).await.unwrap(),
        Collected {
            marked: 0,
            removed: 0
        }
    );
    // The "old" one has been unreferenced for longer than the grace period.
    sqlx::query("UPDATE blobs SET unreferenced_at = $1 WHERE sha256 = $2")
        .bind(now - 25 * hour)
        .bind(&ids[2].1)
        .execute(&db.pool)
        .await
        .unwrap();
    // The same content uploaded again references its blob once more.
    let again = upload_ok(
        &app,
        &admin,
        owner,
        "tillbaka igen.png",
        "image/png",
        png_of(MIB + 14, 4),
    )
    .await;
    assert_eq!(again["sha256"], ids[4].1.as_str());
    assert_eq!(
        collect(db, now + hour, grace).await.unwrap(),
        Collected {
            marked: 0,
            removed: 1
        }
    );
    assert!(
        blob_exists(&app, &ids[0].1).await,
        "a referenced blob stays"
    );
    assert!(
        blob_exists(&app, &ids[1].1).await,
        "a blob in the recycle bin stays"
    );
    assert!(
        !blob_exists(&app, &ids[2].1).await,
        "an old unreferenced blob goes"
    );
    assert_eq!(
        chunk_count(&app, &ids[2].1).await,
        0,
        "and its chunks with it"
    );
    assert!(
        blob_exists(&app, &ids[3].1).await,
        "a young unreferenced blob stays"
    );
    assert_eq!(chunk_count(&app, &ids[3].1).await, 2);
    assert!(
        blob_exists(&app, &ids[4].1).await,
        "a blob referenced again stays"
    );
    let back = download(&admin, &app, again["url"].as_str().unwrap())
        .await
        .bytes()
        .await
        .unwrap();
    assert!(back.as_ref() == png_of(MIB + 14, 4).as_slice());
    // The young one goes once its own grace period is over; the re-referenced one never.
    assert_eq!(
        collect(db, now + 25 * hour, grace).await.unwrap(),
        Collected {
            marked: 0,
            removed: 1
        }
    );
    assert!(!blob_exists(&app, &ids[3].1).await);
    assert!(blob_exists(&app, &ids[4].1).await);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM blob_chunks c WHERE NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = c.sha256)").await, 0);
}

async fn migration_0007_moves_whole_file_content_into_chunks(app: TestApp) {
    let db = &app.state.db;
    // Rewind the fresh database to before 0007: blobs with their content in one column.
    let blob_type = match app.backend {
        Backend::Sqlite => "BLOB",
        Backend::Postgres => "BYTEA",
    };
    for sql in [
        "DROP TABLE blob_chunks".to_string(),
        "ALTER TABLE blobs DROP COLUMN unreferenced_at".to_string(),
        format!("ALTER TABLE blobs ADD COLUMN content {blob_type}"),
        "DELETE FROM _sqlx_migrations WHERE version = 7".to_string(),
    ] {
        sqlx::query(&sql).execute(&db.pool).await.unwrap();
    }
    let files: Vec<(Vec<u8>, i64)> = [10, MIB, MIB + 1, 2 * MIB + MIB / 2]
        .into_iter()
        .enumerate()
        .map(|(i, len)| (png_of(len, 100 + i as u64), len.div_ceil(MIB) as i64))
        .collect();
    for (bytes, _) in &files {
        sqlx::query(
            "INSERT INTO blobs (sha256, size, content, kind, text_status, created_at) \
             VALUES ($1, $2, $3, 'png', 'none', 0)",
        )
        .bind(sha256_hex(bytes))
        .bind(bytes.len() as i64)
        .bind(bytes.clone())
        .execute(&db.pool)
        .await
        .unwrap();
    }
    db.migrate().await.expect("0007 runs on the old layout");
    for (bytes, chunks) in &files {
        let sha = sha256_hex(bytes);
        assert_eq!(
            chunk_count(&app, &sha).await,
            *chunks,
            "{} bytes",
            bytes.len()
        );
        let back = samsyn::library::attachments::content(db, &sha)
            .await
            .unwrap();
        assert!(back == *bytes, "{} bytes come back whole", bytes.len());
    }
    assert!(sqlx::query("SELECT content FROM blobs")
        .fetch_all(&db.pool)
        .await
        .is_err());
}
