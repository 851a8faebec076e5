//! The in-memory caches (`samsyn::http::response_cache` for forum reads,
//! `samsyn::accounts::auth_cache` for sessions and tokens) never show a change late: an
//! edit, a hide, a membership removal, a logout and a token revocation are seen by the very
//! next request of every viewer they concern, on both backends, and across two nodes on
//! PostgreSQL as soon as the other node's NOTIFY arrives. Each check first proves that the
//! answer it is about to invalidate was served from the cache (`x-samsyn-cache: hit`), so
//! none of them could pass with the cache switched off or bypassed.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::both_backends;
use crate::forum::{data, member, mutate, network, reply, thread};
use crate::helpers::*;

const PAGE: &str = "query($t: ID!) { thread(id: $t) { id title viewerCanReply unreadCount
    posts(first: 100) { edges { node { id bodyHtml viewerCanEdit author { displayName } } } } } }";

/// POSTs `query` with a raw Cookie header; returns (body, served from the cache).
async fn ask(app: &TestApp, cookie: &str, query: &str, variables: Value) -> (Value, bool) {
    let resp = reqwest::Client::new()
        .post(app.url("/graphql"))
        .header("cookie", cookie)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .expect("request");
    let hit = resp
        .headers()
        .get("x-samsyn-cache")
        .is_some_and(|v| v == "hit");
    (resp.json().await.expect("json body"), hit)
}

/// The thread page as `cookie` sees it, after making sure the answer now comes from the
/// cache: the first read may compute it, the second must be a hit. (On PostgreSQL nothing
/// is cached until the node's LISTEN connection stands, which comes up in the background
/// after start; hence the few retries.)
async fn cached_page(app: &TestApp, cookie: &str, thread: &str) -> Value {
    let started = Instant::now();
    loop {
        ask(app, cookie, PAGE, json!({ "t": thread })).await;
        let (body, hit) = ask(app, cookie, PAGE, json!({ "t": thread })).await;
        if hit {
            return body;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "an identical read was never served from the cache: {body}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn page(app: &TestApp, cookie: &str, thread: &str) -> Value {
    ask(app, cookie, PAGE, json!({ "t": thread })).await.0
}

fn page_text(body: &Value) -> String {
    data(body)["thread"]["posts"]["edges"].to_string()
}

both_backends!(every_change_is_seen_at_once_through_the_caches);

async fn every_change_is_seen_at_once_through_the_caches(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "cache-natet", "Cachenätet", true).await;
    let (author_id, author) = member(&app, "anna.cache@eksjo.se").await;
    let (reader_id, _) = member(&app, "rolf.cache@habo.se").await;
    member(&app, "utan.cache@vetlanda.se").await;
    for user in [&author_id, &reader_id] {
        let r = mutate(
            &app,
            &admin,
            "setNetworkMember",
            "SetNetworkMemberInput",
            json!({ "networkId": net, "userId": user, "role": "MEMBER" }),
            "{ role }",
        )
        .await;
        data(&r);
    }
    let (thread_id, first_post) =
        thread(&app, &author, &net, "QUESTION", "Slamtömning i cachen").await;
    let answer = reply(
        &app,
        &author,
        &thread_id,
        "Vi tömmer slamavskiljaren varje år, ordet tömningsordet1.",
    )
    .await;
    let reader = session_cookie(&app, "rolf.cache@habo.se", crate::forum::PASSWORD).await;
    let outsider = session_cookie(&app, "utan.cache@vetlanda.se", crate::forum::PASSWORD).await;

    // The reader's cached page is never handed to someone else: the outsider, with the same
    // body byte for byte, gets no thread (members only), and nor does an anonymous caller.
    let before = cached_page(&app, &reader, &thread_id).await;
    assert!(page_text(&before).contains("tömningsordet1"));
    let (theirs, hit) = ask(&app, &outsider, PAGE, json!({ "t": thread_id })).await;
    assert!(
        !hit && data(&theirs)["thread"].is_null(),
        "outsider saw: {theirs}"
    );
    let (anon, _) = ask(&app, "", PAGE, json!({ "t": thread_id })).await;
    assert!(anon["data"]["thread"].is_null(), "anonymous saw: {anon}");

    // An edit.
    cached_page(&app, &reader, &thread_id).await;
    let edited = mutate(
        &app,
        &author,
        "editPost",
        "EditPostInput",
        json!({ "postId": answer, "body": "Vi tömmer den vartannat år numera, ordet ändratordet2." }),
        "{ post { id } }",
    )
    .await;
    data(&edited);
    let after = page(&app, &reader, &thread_id).await;
    assert!(
        page_text(&after).contains("ändratordet2"),
        "edit not seen: {after}"
    );
    assert!(!page_text(&after).contains("tömningsordet1"));

    // A hide by a moderator (the admin).
    cached_page(&app, &reader, &thread_id).await;
    let hidden = mutate(
        &app,
        &admin,
        "hidePost",
        "HidePostInput",
        json!({ "postId": answer }),
        "{ post { id } }",
    )
    .await;
    data(&hidden);
    let after = page(&app, &reader, &thread_id).await;
    assert!(
        !page_text(&after).contains("ändratordet2"),
        "hidden post still shown: {after}"
    );

    // Edit rights follow the role at once: the author's own opening post is editable by the
    // author, and by the reader only once the reader moderates the network.
    let can_edit = |body: &Value| {
        data(body)["thread"]["posts"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["node"]["id"] == first_post.as_str())
            .map(|e| e["node"]["viewerCanEdit"].as_bool().unwrap())
            .unwrap()
    };
    assert!(!can_edit(&cached_page(&app, &reader, &thread_id).await));
    crate::forum::make_moderator(&app, &admin, &net, &reader_id).await;
    assert!(
        can_edit(&page(&app, &reader, &thread_id).await),
        "new moderator cannot edit"
    );

    // A membership removal: the members-only thread is gone for the reader at once.
    cached_page(&app, &reader, &thread_id).await;
    let removed = mutate(
        &app,
        &admin,
        "setNetworkMember",
        "SetNetworkMemberInput",
        json!({ "networkId": net, "userId": reader_id, "role": null }),
        "{ role }",
    )
    .await;
    data(&removed);
    let after = page(&app, &reader, &thread_id).await;
    assert!(
        data(&after)["thread"].is_null(),
        "removed member still reads: {after}"
    );

    // A logout: the same cookie is anonymous on its next request, for the cached page and
    // for the session lookup itself.
    let author_cookie = session_cookie(&app, "anna.cache@eksjo.se", crate::forum::PASSWORD).await;
    cached_page(&app, &author_cookie, &thread_id).await;
    for _ in 0..2 {
        let (me, _) = ask(&app, &author_cookie, "{ me { id } }", json!({})).await;
        assert!(!data(&me)["me"].is_null());
    }
    let (out, _) = ask(&app, &author_cookie, "mutation { logout }", json!({})).await;
    data(&out);
    let after = page(&app, &author_cookie, &thread_id).await;
    assert!(
        after["data"]["thread"].is_null(),
        "logged-out cookie still reads: {after}"
    );
    let (me, _) = ask(&app, &author_cookie, "{ me { id } }", json!({})).await;
    assert!(
        me["data"]["me"].is_null(),
        "logged-out cookie still signed in: {me}"
    );
}

both_backends!(a_revoked_token_or_a_deactivated_user_is_refused_at_once);

async fn a_revoked_token_or_a_deactivated_user_is_refused_at_once(app: TestApp) {
    let admin = app.admin().await;
    let (user_id, user) = member(&app, "token.cache@gislaved.se").await;
    let made = mutate(
        &app,
        &user,
        "createApiToken",
        "CreateApiTokenInput",
        json!({ "name": "Cachetest", "scope": "READ" }),
        "{ apiToken { id } token }",
    )
    .await;
    let token = data(&made)["createApiToken"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let token_id = data(&made)["createApiToken"]["apiToken"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for _ in 0..3 {
        let me = app.gql_bearer(&token, "{ me { id } }", json!({})).await;
        assert_eq!(data(&me)["me"]["id"], user_id.as_str());
    }
    let revoked = app
        .gql_with(
            &user,
            "mutation($id: ID!) { revokeApiToken(id: $id) { id } }",
            json!({ "id": token_id }),
        )
        .await;
    data(&revoked);
    let me = app.gql_bearer(&token, "{ me { id } }", json!({})).await;
    assert!(
        me["data"]["me"].is_null(),
        "revoked token still works: {me}"
    );

    // Deactivation ends every session of the user on the next request.
    let cookie = session_cookie(&app, "token.cache@gislaved.se", crate::forum::PASSWORD).await;
    for _ in 0..3 {
        let (me, _) = ask(&app, &cookie, "{ me { id } }", json!({})).await;
        assert_eq!(data(&me)["me"]["id"], user_id.as_str());
    }
    let off = mutate(
        &app,
        &admin,
        "updateUser",
        "UpdateUserInput",
        json!({ "id": user_id, "active": false }),
        "{ id }",
    )
    .await;
    data(&off);
    let (me, _) = ask(&app, &cookie, "{ me { id } }", json!({})).await;
    assert!(
        me["data"]["me"].is_null(),
        "deactivated user still signed in: {me}"
    );
}

/// Two nodes on one PostgreSQL: node A's cached page and cached session follow writes made
/// on node B as soon as B's NOTIFY reaches A.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn caches_follow_the_other_nodes_writes() {
    let Some(a) = spawn_app(Backend::Postgres, "caches_follow_other_nodes").await else {
        return;
    };
    let b = spawn_node(&a).await;
    let admin_b = b.admin().await;
    let net = network(&b, &admin_b, "kluster-cache", "Klustercache", false).await;
    let (thread_id, _) = thread(&b, &admin_b, &net, "QUESTION", "Kluster och cache").await;
    let post = reply(
        &b,
        &admin_b,
        &thread_id,
        "Första lydelsen, ordet klusterord1.",
    )
    .await;
    let reader = session_cookie(&a, ADMIN_EMAIL, ADMIN_PASSWORD).await;

    cached_page(&a, &reader, &thread_id).await;

    let edited = mutate(
        &b,
        &admin_b,
        "editPost",
        "EditPostInput",
        json!({ "postId": post, "body": "Andra lydelsen, ordet klusterord2." }),
        "{ post { id } }",
    )
    .await;
    data(&edited);
    let seen =
        until(|| async { page_text(&page(&a, &reader, &thread_id).await).contains("klusterord2") })
            .await;
    println!("node A showed node B's edit after {seen:?}");

    // A logout on B ends the session on A.
    cached_page(&a, &reader, &thread_id).await;
    let (out, _) = ask(&b, &reader, "mutation { logout }", json!({})).await;
    data(&out);
    let seen = until(|| async {
        let (me, _) = ask(&a, &reader, "{ me { id } }", json!({})).await;
        me["data"]["me"].is_null()
    })
    .await;
    println!("node A refused the session logged out on node B after {seen:?}");
}

/// How long until `check` holds, asked again every few milliseconds; fails past a second
/// (NOTIFY arrives within milliseconds on loopback).
async fn until<F, Fut>(check: F) -> Duration
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = Instant::now();
    loop {
        if check().await {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "not seen within a second"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}
