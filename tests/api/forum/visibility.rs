//! A members-only network's threads, posts, counts and notifications are invisible to
//! non-members on every path: lists, node, thread, counts, notifications, subscriptions.

use serde_json::json;

use super::*;

both_backends!(
    members_only_network_is_invisible_to_non_members_on_every_path,
    subscriptions_check_read_permission_at_subscribe_time,
    a_removed_member_loses_the_network_and_its_notifications,
);

async fn members_only_network_is_invisible_to_non_members_on_every_path(app: TestApp) {
    let admin = app.admin().await;
    let closed = network(&app, &admin, "styrgrupp", "Styrgrupp", true).await;
    let open = network(&app, &admin, "avfall", "Avfall", false).await;
    let (insider_id, insider) = member(&app, "ida.inne@jonkoping.se").await;
    let (_, outsider) = member(&app, "otto.ute@jonkoping.se").await;
    let r = mutate(
        &app,
        &admin,
        "setNetworkMember",
        "SetNetworkMemberInput",
        json!({ "networkId": closed, "userId": insider_id, "role": "MEMBER" }),
        "{ role }",
    )
    .await;
    data(&r);
    let (thread, first_post) = thread(&app, &insider, &closed, "DISCUSSION", "Budget 2027").await;
    let post = reply(
        &app,
        &insider,
        &thread,
        "Förslag till budget, se bilagan. @otto.ute vad tycker du?",
    )
    .await;
    thread_in_open_network(&app, &insider, &open).await;

    // The insider sees it all.
    let q = "query($t: ID!, $p: ID!, $n: ID!) {
        networks { slug unreadCount }
        network(slug: \"styrgrupp\") { id threads { edges { node { id } } } }
        thread(id: $t) { id posts { edges { node { id } } } }
        t: node(id: $t) { id } p: node(id: $p) { id } n: node(id: $n) { id }
        newSinceLastVisit(unreadOnly: false) { edges { node { id } } }
    }";
    let vars = json!({ "t": thread, "p": post, "n": closed });
    let seen = app.gql_with(&insider, q, vars.clone()).await;
    let d = data(&seen);
    assert!(d["networks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["slug"] == "styrgrupp"));
    assert_eq!(d["network"]["id"], closed.as_str());
    assert_eq!(d["thread"]["posts"]["edges"].as_array().unwrap().len(), 2);
    assert_eq!(d["t"]["id"], thread.as_str());
    assert_eq!(d["p"]["id"], post.as_str());
    assert_eq!(d["n"]["id"], closed.as_str());
    assert!(d["newSinceLastVisit"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["node"]["id"] == thread.as_str()));

    // The outsider sees nothing of it, not even counts.
    let hidden = app.gql_with(&outsider, q, vars).await;
    let d = data(&hidden);
    let nets = d["networks"].as_array().unwrap();
    assert!(nets.iter().all(|n| n["slug"] != "styrgrupp"), "{nets:?}");
    assert!(nets.iter().any(|n| n["slug"] == "avfall"));
    assert!(d["network"].is_null());
    assert!(d["thread"].is_null());
    assert!(d["t"].is_null() && d["p"].is_null() && d["n"].is_null());
    assert!(d["newSinceLastVisit"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["node"]["id"] != thread.as_str()));

    // The mention in a members-only network notified nobody outside it.
    let n = app
        .gql_with(
            &outsider,
            "{ unreadNotificationCount notifications { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(data(&n)["unreadNotificationCount"], 0);
    assert_eq!(
        data(&n)["notifications"]["edges"].as_array().unwrap().len(),
        0
    );

    // Every write answers as if it did not exist.
    assert_code(
        &try_reply(&app, &outsider, &thread, "Hej").await,
        "NOT_FOUND",
    );
    let r = try_thread(&app, &outsider, &closed, "QUESTION", "Smyger in", "Hej hej").await;
    assert_code(&r, "NOT_FOUND");
    for (name, ty, input) in [
        (
            "joinNetwork",
            "NetworkInput",
            json!({ "networkId": closed }),
        ),
        ("follow", "FollowInput", json!({ "id": thread })),
        ("follow", "FollowInput", json!({ "id": closed })),
        (
            "markThreadRead",
            "ThreadInput",
            json!({ "threadId": thread }),
        ),
        (
            "markNetworkRead",
            "NetworkInput",
            json!({ "networkId": closed }),
        ),
        (
            "editPost",
            "EditPostInput",
            json!({ "postId": post, "body": "Ändrat" }),
        ),
        ("withdrawPost", "PostInput", json!({ "postId": first_post })),
        (
            "acceptAnswer",
            "AcceptAnswerInput",
            json!({ "threadId": thread, "postId": post }),
        ),
    ] {
        let sel = match name {
            "joinNetwork" => "{ role }",
            "follow" => "{ following }",
            "markThreadRead" | "acceptAnswer" => "{ thread { id } }",
            "markNetworkRead" => "{ network { id } }",
            _ => "{ post { id } }",
        };
        let r = mutate(&app, &outsider, name, ty, input, sel).await;
        assert_code(&r, "NOT_FOUND");
    }
    let rev = app
        .gql_with(
            &outsider,
            "query($p: ID!) { postRevisions(postId: $p) { id } }",
            json!({ "p": post }),
        )
        .await;
    assert_code(&rev, "NOT_FOUND");

    // Admins see members-only networks.
    let a = app
        .gql_with(&admin, "{ network(slug: \"styrgrupp\") { id } }", json!({}))
        .await;
    assert_eq!(data(&a)["network"]["id"], closed.as_str());

    // Anonymous callers see nothing at all.
    let anon = app.gql("{ networks { id } }", json!({})).await;
    assert_code(&anon, "UNAUTHENTICATED");
}

async fn thread_in_open_network(app: &TestApp, client: &reqwest::Client, net: &str) {
    thread(app, client, net, "QUESTION", "Farligt avfall på bygg").await;
}

async fn subscriptions_check_read_permission_at_subscribe_time(app: TestApp) {
    let admin = app.admin().await;
    let closed = network(&app, &admin, "beredningsgrupp", "Beredningsgrupp", true).await;
    let (insider_id, insider) = member(&app, "ina.inne@habo.se").await;
    let (_, _outsider) = member(&app, "ulf.ute@habo.se").await;
    let r = mutate(
        &app,
        &admin,
        "setNetworkMember",
        "SetNetworkMemberInput",
        json!({ "networkId": closed, "userId": insider_id, "role": "MEMBER" }),
        "{ role }",
    )
    .await;
    data(&r);
    let (thread, _) = thread(&app, &insider, &closed, "DISCUSSION", "Inför styrgruppen").await;
    let sub = "subscription($t: ID!) { threadEvents(threadId: $t) { kind post { id } } }";

    // A non-member, by session cookie from our own page: refused with NOT_FOUND.
    let cookie = session_cookie(&app, "ulf.ute@habo.se", PASSWORD).await;
    let host = app.addr.to_string();
    let origin = format!("http://{host}");
    let WsOpen::Ready(mut ws) =
        WsClient::open(&app, &[("cookie", &cookie), ("origin", &origin)], json!({})).await
    else {
        panic!("connection refused");
    };
    ws.subscribe("1", sub, json!({ "t": thread })).await;
    let m = ws.next(5).await.expect("an answer");
    assert_eq!(ws_error_code(&m), "NOT_FOUND", "{m}");

    // No credentials at all: UNAUTHENTICATED.
    let WsOpen::Ready(mut ws) = WsClient::open(&app, &[], json!({})).await else {
        panic!("connection refused");
    };
    ws.subscribe("1", sub, json!({ "t": thread })).await;
    let m = ws.next(5).await.expect("an answer");
    assert_eq!(ws_error_code(&m), "UNAUTHENTICATED", "{m}");

    // A member's cookie sent from another site's page is not used (no cross-site hijack).
    let member_cookie = session_cookie(&app, "ina.inne@habo.se", PASSWORD).await;
    let WsOpen::Ready(mut ws) = WsClient::open(
        &app,
        &[
            ("cookie", &member_cookie),
            ("origin", "https://evil.example"),
        ],
        json!({}),
    )
    .await
    else {
        panic!("connection refused");
    };
    ws.subscribe("1", sub, json!({ "t": thread })).await;
    let m = ws.next(5).await.expect("an answer");
    assert_eq!(ws_error_code(&m), "UNAUTHENTICATED", "{m}");

    // An unknown token in connection_init closes the connection.
    let refused = WsClient::open(&app, &[], json!({ "authorization": "Bearer ssn_fel" })).await;
    assert!(matches!(refused, WsOpen::Refused(_)));

    // The member, by cookie from our page, gets events.
    let WsOpen::Ready(mut ws) = WsClient::open(
        &app,
        &[("cookie", &member_cookie), ("origin", &origin)],
        json!({}),
    )
    .await
    else {
        panic!("connection refused");
    };
    ws.subscribe("1", sub, json!({ "t": thread })).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let p = reply(&app, &insider, &thread, "Underlaget är klart.").await;
    let m = ws.next(5).await.expect("event");
    assert_eq!(
        m["payload"]["data"]["threadEvents"]["post"]["id"],
        p.as_str(),
        "{m}"
    );

    // Removed from the network while subscribed: no further events reach them.
    let r = mutate(
        &app,
        &admin,
        "setNetworkMember",
        "SetNetworkMemberInput",
        json!({ "networkId": closed, "userId": insider_id, "role": null }),
        "{ role }",
    )
    .await;
    assert!(r["errors"].is_null(), "{r}");
    let secret = reply(&app, &admin, &thread, "Detta får Ina inte längre se.").await;
    let leaked = ws.next(2).await;
    assert!(
        leaked.is_none(),
        "a removed member still got {leaked:?} (post {secret})"
    );
}

/// The error code of a subscription answer: a protocol `error`, or a `next` with errors.
fn ws_error_code(m: &Value) -> String {
    let errors = if m["type"] == "error" {
        &m["payload"]
    } else {
        assert!(m["payload"]["data"].is_null(), "no data may leak: {m}");
        &m["payload"]["errors"]
    };
    errors[0]["extensions"]["code"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

async fn a_removed_member_loses_the_network_and_its_notifications(app: TestApp) {
    let admin = app.admin().await;
    let closed = network(&app, &admin, "kontaktpersoner", "Kontaktpersoner", true).await;
    let (a_id, a) = member(&app, "asa.kontakt@tranas.se").await;
    let (b_id, b) = member(&app, "bo.kontakt@tranas.se").await;
    for u in [&a_id, &b_id] {
        let r = mutate(
            &app,
            &admin,
            "setNetworkMember",
            "SetNetworkMemberInput",
            json!({ "networkId": closed, "userId": u, "role": "MEMBER" }),
            "{ role }",
        )
        .await;
        data(&r);
    }
    let (t, _) = thread(&app, &a, &closed, "QUESTION", "Vem kommer på träffen?").await;
    reply(&app, &b, &t, "Jag kommer, och @asa.kontakt tar med fika?").await;
    let q = "{ unreadNotificationCount networks { slug unreadCount } }";
    let before = app.gql_with(&a, q, json!({})).await;
    assert_eq!(data(&before)["unreadNotificationCount"], 1);

    // A leaves: the network, its counts and its notifications disappear for A.
    let r = mutate(
        &app,
        &a,
        "leaveNetwork",
        "NetworkInput",
        json!({ "networkId": closed }),
        "{ networkId }",
    )
    .await;
    data(&r);
    let after = app.gql_with(&a, q, json!({})).await;
    assert_eq!(data(&after)["unreadNotificationCount"], 0);
    assert!(data(&after)["networks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["slug"] != "kontaktpersoner"));
    let t2 = app
        .gql_with(
            &a,
            "query($t: ID!) { thread(id: $t) { id } }",
            json!({ "t": t }),
        )
        .await;
    assert!(data(&t2)["thread"].is_null());
}
