//! Several nodes on one PostgreSQL (`samsyn::cluster`): a session from one node works on
//! another, a post made on one is searchable and reaches live subscribers on another, files
//! download from any node, and a node started later with an empty data folder builds its
//! own index. PostgreSQL only: SQLite is one node by design.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::forum::{data, network, reply, thread};
use crate::helpers::*;

const SEARCH: &str = "query($q: String!) { search(query: $q, first: 10) { totalCount hits { type node { ... on Thread { id title } } } } }";

/// The search result on `app` for `q`, signed in with the session `cookie`.
async fn search(app: &TestApp, cookie: &str, q: &str) -> Value {
    let body = gql_cookie(app, cookie, SEARCH, json!({ "q": q })).await;
    data(&body)["search"].clone()
}

async fn gql_cookie(app: &TestApp, cookie: &str, query: &str, variables: Value) -> Value {
    reqwest::Client::new()
        .post(app.url("/graphql"))
        .header("cookie", cookie)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json body")
}

/// Searches `q` on `app` until it has a hit; returns how long that took (None: not in `limit`).
async fn time_until_found(
    app: &TestApp,
    cookie: &str,
    q: &str,
    limit: Duration,
) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if search(app, cookie, q).await["totalCount"].as_i64() > Some(0) {
            return Some(started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_on_one_postgres_share_sessions_search_live_events_and_files() {
    let Some(a) = spawn_app(Backend::Postgres, "nodes_on_one_postgres").await else {
        return;
    };
    let b = spawn_node(&a).await;

    // Signed in on A, the same cookie works on B (sessions live in the database).
    let cookie = session_cookie(&a, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let me = gql_cookie(&b, &cookie, "{ me { email } }", json!({})).await;
    assert_eq!(data(&me)["me"]["email"], ADMIN_EMAIL);

    let admin_a = a.admin().await;
    let net = network(&a, &admin_a, "klustret", "Klustret", false).await;
    let (thread_id, _) = thread(&a, &admin_a, &net, "QUESTION", "Slamavskiljare i kluster").await;

    // A live subscriber on B.
    let origin = format!("http://{}", b.addr);
    let WsOpen::Ready(mut ws) =
        WsClient::open(&b, &[("cookie", &cookie), ("origin", &origin)], json!({})).await
    else {
        panic!("subscription connection to node B refused");
    };
    ws.subscribe(
        "1",
        "subscription($t: ID!) { threadEvents(threadId: $t) { kind threadId post { id body } } }",
        json!({ "t": thread_id }),
    )
    .await;
    // B's LISTEN connection comes up in the background: probe with throwaway replies on A
    // until one reaches the subscriber on B, so the checks below never race its start.
    let mut bridged = false;
    for i in 0..20 {
        reply(
            &a,
            &admin_a,
            &thread_id,
            &format!("Provsvar {i} för att se att noderna hör varandra."),
        )
        .await;
        if ws.next(1).await.is_some() {
            bridged = true;
            break;
        }
    }
    assert!(bridged, "node B never received an event from node A");

    // A post on A is found by search on B. The first one also pays for B's first index
    // commit and first searcher after its start-up build (over a second on a loaded
    // machine), so it is bounded loosely; the ones after it are held to a second below.
    let post_id = reply(
        &a,
        &admin_a,
        &thread_id,
        "Vi kräver tömning av slamavskiljaren varje år; ordet klusterprovet123 är unikt.",
    )
    .await;
    let took = time_until_found(&b, &cookie, "klusterprovet123", Duration::from_secs(10))
        .await
        .expect("node B never found the post made on node A");
    eprintln!("first post on node A searchable on node B after {took:?}");

    // The subscriber on B saw the post made on A (late probe events may come first).
    let ev = loop {
        let ev = ws.next(5).await.expect("no live event on node B");
        assert_eq!(ev["type"], "next", "{ev}");
        if ev["payload"]["data"]["threadEvents"]["post"]["id"] == post_id.as_str() {
            break ev;
        }
    };
    let e = &ev["payload"]["data"]["threadEvents"];
    assert_eq!(e["kind"], "POST_CREATED", "{ev}");

    // Each post on A is searchable on B within a second. NOTIFY wakes B's indexer at once,
    // so none waits for B's next poll of the change log (typically ~10 ms here).
    let mut times = Vec::new();
    for i in 0..5 {
        let word = format!("nodprov{i}x");
        reply(&a, &admin_a, &thread_id, &format!("Uppföljning {word}.")).await;
        let took = time_until_found(&b, &cookie, &word, Duration::from_secs(10))
            .await
            .expect("node B never found a post made on node A");
        assert!(took < Duration::from_secs(1), "{word} took {took:?}");
        times.push(took);
        let ev = ws.next(5).await.expect("no live event on node B");
        assert_eq!(
            ev["payload"]["data"]["threadEvents"]["kind"],
            "POST_CREATED"
        );
    }
    eprintln!("posts on A searchable on B after {times:?}");

    // A file uploaded on A downloads from B (blobs live in the database).
    let file_url = upload_document_file(&a, &admin_a, &net).await;
    let resp = reqwest::Client::new()
        .get(b.url(&file_url))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.text().await.unwrap(),
        "Checklista för tillsyn av slamavskiljare.\n"
    );

    // A third node, started later with an empty data folder, builds its index by itself.
    let c = spawn_node(&a).await;
    let took = time_until_found(&c, &cookie, "klusterprovet123", Duration::from_secs(30))
        .await
        .expect("a new node never indexed the earlier post");
    eprintln!("new node C searchable after {took:?}");
    let hits = search(&c, &cookie, "slamavskiljare").await;
    assert!(hits["totalCount"].as_i64().unwrap() >= 1, "{hits}");
    // And it follows new changes like the others.
    reply(
        &b,
        &b.admin().await,
        &thread_id,
        "Tillägg från nod B: efterkontroll123.",
    )
    .await;
    time_until_found(&c, &cookie, "efterkontroll123", Duration::from_secs(5))
        .await
        .expect("node C did not follow a change made on node B");
    time_until_found(&a, &cookie, "efterkontroll123", Duration::from_secs(5))
        .await
        .expect("node A did not follow a change made on node B");
}

/// Creates a project and a published document on `app` with a text attachment; returns the
/// attachment's download path.
async fn upload_document_file(app: &TestApp, admin: &reqwest::Client, network: &str) -> String {
    let p = app
        .gql_with(
            admin,
            "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }",
            json!({ "i": { "name": "Slamprojektet", "slug": "slamprojektet",
                "description": "Tillsyn av slamavskiljare.", "networkIds": [network] } }),
        )
        .await;
    let project = data(&p)["createProject"]["project"]["id"].clone();
    let d = app
        .gql_with(
            admin,
            "mutation($i: CreateDocumentInput!) { createDocument(input: $i) { document { id } } }",
            json!({ "i": { "title": "Checklista slam", "kind": "CHECKLISTA", "projectId": project } }),
        )
        .await;
    let doc = data(&d)["createDocument"]["document"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let operations = json!({
        "query": "mutation($i: UploadAttachmentInput!) { uploadAttachment(input: $i) { attachment { url } } }",
        "variables": { "i": { "ownerId": doc, "file": null } },
    });
    let form = reqwest::multipart::Form::new()
        .text("operations", operations.to_string())
        .text("map", r#"{"0": ["variables.i.file"]}"#)
        .part(
            "0",
            reqwest::multipart::Part::bytes(
                b"Checklista f\xc3\xb6r tillsyn av slamavskiljare.\n".to_vec(),
            )
            .file_name("checklista.txt")
            .mime_str("text/plain")
            .unwrap(),
        );
    let body: Value = admin
        .post(app.url("/graphql"))
        .header("x-samsyn-csrf", "1")
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    data(&body)["uploadAttachment"]["attachment"]["url"]
        .as_str()
        .unwrap()
        .to_string()
}
