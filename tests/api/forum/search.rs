//! What search will show: every write that changes a thread's search document records a
//! change-log row in its transaction, and `search_doc` builds the document per the contract.

use serde_json::json;
use sqlx::Row;

use samsyn::graphql::ids;

use super::*;

both_backends!(
    every_search_visible_write_records_a_change,
    search_doc_follows_the_contract,
);

/// Change-log rows of `kind` for `entity` so far.
async fn changes(app: &TestApp, kind: &str, entity: i64) -> i64 {
    let row = sqlx::query("SELECT COUNT(*) FROM change_log WHERE kind = $1 AND entity_id = $2")
        .bind(kind)
        .bind(entity)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    row.try_get(0).unwrap()
}

fn raw(id: &str, kind: &str) -> i64 {
    ids::decode(&async_graphql::ID(id.to_string()), kind).unwrap()
}

async fn every_search_visible_write_records_a_change(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "forurenat", "Förorenade områden", false).await;
    let other = network(&app, &admin, "mifo", "MIFO", false).await;
    tag(&app, &admin, "Förorenade områden", &["MIFO"]).await;
    let (mod_id, moderator) = member(&app, "molly.mod@vaggeryd.se").await;
    make_moderator(&app, &admin, &net, &mod_id).await;
    let (_, u) = member(&app, "ulrik.user@vaggeryd.se").await;
    let (t, _) = thread(
        &app,
        &u,
        &net,
        "QUESTION",
        "Ansvarsutredning för gammal bensinstation",
    )
    .await;
    let tid = raw(&t, "Thread");
    let mut n = changes(&app, "thread", tid).await;
    assert!(n >= 1, "creating a thread records it");

    let mut expect_more = |label: &str, now: i64| {
        assert!(now > n, "{label} did not record a change");
        n = now;
    };
    let p = reply(&app, &moderator, &t, "Börja med MIFO fas 1.").await;
    expect_more("a reply", changes(&app, "thread", tid).await);
    data(
        &mutate(
            &app,
            &moderator,
            "editPost",
            "EditPostInput",
            json!({ "postId": p, "body": "Börja med MIFO fas 1 och arkivsök." }),
            "{ post { id } }",
        )
        .await,
    );
    expect_more("an edit", changes(&app, "thread", tid).await);
    data(
        &mutate(
            &app,
            &u,
            "acceptAnswer",
            "AcceptAnswerInput",
            json!({ "threadId": t, "postId": p }),
            "{ thread { id } }",
        )
        .await,
    );
    expect_more("accepting", changes(&app, "thread", tid).await);
    data(&mutate(&app, &u, "updateThread", "UpdateThreadInput", json!({ "threadId": t, "title": "Ansvarsutredning, nedlagd bensinstation", "tags": ["MIFO"] }), "{ thread { id } }").await);
    expect_more(
        "retitling and retagging",
        changes(&app, "thread", tid).await,
    );
    data(
        &mutate(
            &app,
            &moderator,
            "hidePost",
            "HidePostInput",
            json!({ "postId": p }),
            "{ post { id } }",
        )
        .await,
    );
    expect_more("hiding", changes(&app, "thread", tid).await);
    data(
        &mutate(
            &app,
            &moderator,
            "restorePost",
            "PostInput",
            json!({ "postId": p }),
            "{ post { id } }",
        )
        .await,
    );
    expect_more("restoring", changes(&app, "thread", tid).await);
    data(
        &mutate(
            &app,
            &moderator,
            "moveThread",
            "MoveThreadInput",
            json!({ "threadId": t, "networkId": other }),
            "{ thread { id } }",
        )
        .await,
    );
    expect_more("moving", changes(&app, "thread", tid).await);
    let tag_list = app
        .gql_with(&admin, "{ tags { id name } }", json!({}))
        .await;
    let tag_id = data(&tag_list)["tags"][0]["id"].clone();
    data(
        &mutate(
            &app,
            &admin,
            "updateTag",
            "UpdateTagInput",
            json!({ "id": tag_id, "synonyms": ["MIFO", "förorenad mark"] }),
            "{ tag { synonyms } }",
        )
        .await,
    );
    expect_more(
        "changing the thread's tag",
        changes(&app, "thread", tid).await,
    );

    // Pinning shows nothing new in search and records nothing.
    let before = changes(&app, "thread", tid).await;
    let other_id = raw(&other, "Network");
    let r = mutate(
        &app,
        &admin,
        "pinThread",
        "PinThreadInput",
        json!({ "threadId": t }),
        "{ thread { pinned } }",
    )
    .await;
    data(&r);
    assert_eq!(changes(&app, "thread", tid).await, before);

    // A network's visibility change records the network.
    let nb = changes(&app, "network", other_id).await;
    data(
        &mutate(
            &app,
            &admin,
            "updateNetwork",
            "UpdateNetworkInput",
            json!({ "id": other, "membersOnly": true }),
            "{ network { membersOnly } }",
        )
        .await,
    );
    assert!(changes(&app, "network", other_id).await > nb);
    let nb = changes(&app, "network", other_id).await;
    data(
        &mutate(
            &app,
            &admin,
            "updateNetwork",
            "UpdateNetworkInput",
            json!({ "id": other, "description": "Ny text" }),
            "{ network { id } }",
        )
        .await,
    );
    assert_eq!(
        changes(&app, "network", other_id).await,
        nb,
        "only visibility re-indexes"
    );
}

async fn search_doc_follows_the_contract(app: TestApp) {
    use samsyn::forum::search_docs::search_doc;
    let admin = app.admin().await;
    let open = network(&app, &admin, "sma-avlopp", "Små avlopp", false).await;
    let closed = network(&app, &admin, "styrgrupp", "Styrgrupp", true).await;
    tag(&app, &admin, "Små avlopp", &["markbädd"]).await;
    let (mod_id, moderator) = member(&app, "moa.mod@eksjo.se").await;
    make_moderator(&app, &admin, &open, &mod_id).await;
    make_moderator(&app, &admin, &closed, &mod_id).await;
    let (_, u) = member(&app, "urban.user@eksjo.se").await;

    let r = app
        .gql_with(&u, CREATE_THREAD, json!({ "i": { "networkId": open, "kind": "QUESTION",
            "title": "Markbädd nära sjö", "body": "Krävs **hög skyddsnivå**?", "tags": ["markbädd"] } }))
        .await;
    let t = data(&r)["createThread"]["thread"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let answer = reply(&app, &moderator, &t, "Ja, om recipienten är *övergödd*.").await;
    let spam = reply(&app, &u, &t, "Hemligt spam som ska döljas").await;
    data(
        &mutate(
            &app,
            &u,
            "acceptAnswer",
            "AcceptAnswerInput",
            json!({ "threadId": t, "postId": answer }),
            "{ thread { id } }",
        )
        .await,
    );
    data(
        &mutate(
            &app,
            &moderator,
            "hidePost",
            "HidePostInput",
            json!({ "postId": spam }),
            "{ post { id } }",
        )
        .await,
    );

    let tid = raw(&t, "Thread");
    let doc = search_doc(&app.state.db, tid)
        .await
        .unwrap()
        .expect("a document");
    assert_eq!(doc.key, format!("thread:{tid}"));
    assert_eq!(doc.kind, "thread");
    assert_eq!(doc.entity_id, tid);
    assert_eq!(doc.title, "Markbädd nära sjö");
    assert!(
        doc.body.contains("Krävs hög skyddsnivå?"),
        "plain text: {}",
        doc.body
    );
    assert!(doc.body.contains("Ja, om recipienten är övergödd."));
    assert!(
        !doc.body.contains("Hemligt spam"),
        "hidden replies are left out"
    );
    assert!(!doc.body.contains("**"));
    assert_eq!(
        doc.accepted.as_deref(),
        Some("Ja, om recipienten är övergödd.")
    );
    assert_eq!(doc.acl, ["all"]);
    assert_eq!(doc.network.as_deref(), Some("sma-avlopp"));
    assert_eq!(doc.tags, ["Små avlopp"]);
    assert_eq!(doc.solved, Some(true));
    assert!(doc.updated_at_ms > 0);

    // Members-only: the network's grant and admins.
    let (c, first) = thread(
        &app,
        &moderator,
        &closed,
        "DISCUSSION",
        "Verksamhetsplan 2027",
    )
    .await;
    let cid = raw(&c, "Thread");
    let cdoc = search_doc(&app.state.db, cid).await.unwrap().unwrap();
    assert_eq!(
        cdoc.acl,
        [
            format!("net:{}", raw(&closed, "Network")),
            "role:admin".to_string()
        ]
    );
    assert_eq!(cdoc.solved, None);
    assert!(cdoc.accepted.is_none());

    // A thread in the recycle bin, and one that never existed, are not searchable.
    data(
        &mutate(
            &app,
            &moderator,
            "hidePost",
            "HidePostInput",
            json!({ "postId": first }),
            "{ post { id } }",
        )
        .await,
    );
    assert!(search_doc(&app.state.db, cid).await.unwrap().is_none());
    assert!(search_doc(&app.state.db, 999_999).await.unwrap().is_none());
}
