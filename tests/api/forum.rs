//! Forum: networks, threads, posts, accepted answers, read state, notifications and live
//! events, tried through the API as inspectors and moderators would. Shared steps live
//! here; each submodule covers one area. Every scenario runs on both backends.

mod answers;
mod compose;
mod digest;
mod drafts;
mod following;
mod limits;
mod markdown;
mod moderation;
mod reading;
mod reports;
mod search;
mod setup;
mod visibility;

use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::*;

pub const PASSWORD: &str = "ett-bra-lösenord-123";

/// The data of a response that must have succeeded.
#[track_caller]
pub fn data(body: &Value) -> &Value {
    assert!(body["errors"].is_null(), "unexpected errors: {body}");
    &body["data"]
}

/// Creates a network as admin and returns its id.
pub async fn network(
    app: &TestApp,
    admin: &reqwest::Client,
    slug: &str,
    name: &str,
    members_only: bool,
) -> String {
    let body = app
        .gql_with(
            admin,
            "mutation($i: CreateNetworkInput!) { createNetwork(input: $i) { network { id } } }",
            json!({ "i": { "slug": slug, "name": name, "membersOnly": members_only,
                           "description": "Nätverk för test." } }),
        )
        .await;
    data(&body)["createNetwork"]["network"]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Creates a tag as admin and returns its id.
pub async fn tag(app: &TestApp, admin: &reqwest::Client, name: &str, synonyms: &[&str]) -> String {
    let body = app
        .gql_with(
            admin,
            "mutation($i: CreateTagInput!) { createTag(input: $i) { tag { id } } }",
            json!({ "i": { "name": name, "synonyms": synonyms } }),
        )
        .await;
    data(&body)["createTag"]["tag"]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

pub const CREATE_THREAD: &str = "mutation($i: CreateThreadInput!) { createThread(input: $i) {
    thread { id title kind status tags { name } author { displayName } }
    post { id bodyHtml isFirst } } }";

/// Starts a thread; returns the raw response.
pub async fn try_thread(
    app: &TestApp,
    client: &reqwest::Client,
    network: &str,
    kind: &str,
    title: &str,
    body: &str,
) -> Value {
    app.gql_with(
        client,
        CREATE_THREAD,
        json!({ "i": { "networkId": network, "kind": kind, "title": title, "body": body } }),
    )
    .await
}

/// Starts a thread and returns (thread id, opening post id).
pub async fn thread(
    app: &TestApp,
    client: &reqwest::Client,
    network: &str,
    kind: &str,
    title: &str,
) -> (String, String) {
    let body = try_thread(
        app,
        client,
        network,
        kind,
        title,
        "Hur gör ni i era kommuner? Tacksam för erfarenheter.",
    )
    .await;
    let d = &data(&body)["createThread"];
    (
        d["thread"]["id"].as_str().unwrap().to_string(),
        d["post"]["id"].as_str().unwrap().to_string(),
    )
}

pub const CREATE_POST: &str =
    "mutation($i: CreatePostInput!) { createPost(input: $i) { post { id body bodyHtml } } }";

/// Replies; returns the raw response.
pub async fn try_reply(app: &TestApp, client: &reqwest::Client, thread: &str, body: &str) -> Value {
    app.gql_with(
        client,
        CREATE_POST,
        json!({ "i": { "threadId": thread, "body": body } }),
    )
    .await
}

/// Replies and returns the new post's id.
pub async fn reply(app: &TestApp, client: &reqwest::Client, thread: &str, body: &str) -> String {
    let r = try_reply(app, client, thread, body).await;
    data(&r)["createPost"]["post"]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Runs a `{ input: … }` mutation and returns the raw response.
pub async fn mutate(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    input_type: &str,
    input: Value,
    selection: &str,
) -> Value {
    let q = format!("mutation($i: {input_type}!) {{ {name}(input: $i) {selection} }}");
    app.gql_with(client, &q, json!({ "i": input })).await
}

/// Creates a member (role MEMBER) and returns (user id, signed-in client).
pub async fn member(app: &TestApp, email: &str) -> (String, reqwest::Client) {
    app.user(email, "MEMBER", None).await
}

/// Makes `user` a moderator of `network` (as admin).
pub async fn make_moderator(app: &TestApp, admin: &reqwest::Client, network: &str, user: &str) {
    let r = mutate(
        app,
        admin,
        "setNetworkMember",
        "SetNetworkMemberInput",
        json!({ "networkId": network, "userId": user, "role": "MODERATOR" }),
        "{ role }",
    )
    .await;
    assert_eq!(data(&r)["setNetworkMember"]["role"], "MODERATOR");
}

both_backends!(new_user_joins_asks_gets_an_answer_accepts_it_and_everyone_is_told);

/// The "done when": join Små avlopp, ask a tagged question, a colleague answers,
/// the asker accepts it, the thread shows answered, the asker was notified, a subscriber
/// got the live event.
async fn new_user_joins_asks_gets_an_answer_accepts_it_and_everyone_is_told(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "sma-avlopp", "Små avlopp", false).await;
    tag(&app, &admin, "Små avlopp", &["enskilda avlopp", "markbädd"]).await;
    let (_, asker) = member(&app, "anna.frageson@eksjo.se").await;
    let (_, colleague) = member(&app, "olle.svarsson@varnamo.se").await;
    let (_, watcher) = member(&app, "vera.vaktare@habo.se").await;

    // Join Små avlopp.
    let joined = mutate(
        &app,
        &asker,
        "joinNetwork",
        "NetworkInput",
        json!({ "networkId": net }),
        "{ role network { slug myRole following memberCount } }",
    )
    .await;
    let j = &data(&joined)["joinNetwork"];
    assert_eq!(j["role"], "MEMBER");
    assert_eq!(j["network"]["myRole"], "MEMBER");
    assert_eq!(j["network"]["following"], true);
    assert_eq!(j["network"]["memberCount"], 1);

    // Ask a question tagged by a synonym of the tag.
    let asked = app
        .gql_with(
            &asker,
            CREATE_THREAD,
            json!({ "i": { "networkId": net, "kind": "QUESTION",
                "title": "Hur ofta ska fosforfällan efter en markbädd bytas?",
                "body": "Vi har fått in en ansökan om **markbädd** med fosforfälla. Hur ofta kräver ni byte av filtermaterialet?",
                "tags": ["enskilda avlopp"] } }),
        )
        .await;
    let t = &data(&asked)["createThread"]["thread"];
    assert_eq!(t["status"], "OPEN");
    assert_eq!(t["tags"][0]["name"], "Små avlopp");
    let thread_id = t["id"].as_str().unwrap().to_string();
    assert!(data(&asked)["createThread"]["post"]["bodyHtml"]
        .as_str()
        .unwrap()
        .contains("<strong>markbädd</strong>"));

    // A colleague subscribes to live events over WebSocket with an API token.
    let tok = app
        .gql_with(
            &watcher,
            "mutation { createApiToken(input: {name: \"Bevakning\", scope: READ}) { token } }",
            json!({}),
        )
        .await;
    let token = data(&tok)["createApiToken"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let WsOpen::Ready(mut ws) = WsClient::open(
        &app,
        &[],
        json!({ "authorization": format!("Bearer {token}") }),
    )
    .await
    else {
        panic!("subscription connection refused");
    };
    ws.subscribe(
        "1",
        "subscription($t: ID!) { threadEvents(threadId: $t) { kind threadId post { id body author { displayName } } } }",
        json!({ "t": thread_id }),
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    // The colleague answers.
    let answer = reply(
        &app,
        &colleague,
        &thread_id,
        "Vi skriver i beslutet att filtermaterialet ska bytas enligt tillverkarens anvisning, oftast vartannat år, och ber om kvitto vid tillsyn.",
    )
    .await;

    // The subscriber got the live event, with the post.
    let ev = ws.next(5).await.expect("live event");
    assert_eq!(ev["type"], "next", "{ev}");
    let e = &ev["payload"]["data"]["threadEvents"];
    assert_eq!(e["kind"], "POST_CREATED");
    assert_eq!(e["threadId"], thread_id.as_str());
    assert_eq!(e["post"]["id"], answer.as_str());
    assert_eq!(e["post"]["author"]["displayName"], "olle.svarsson");

    // The asker accepts it; the thread shows answered.
    let acc = mutate(
        &app,
        &asker,
        "acceptAnswer",
        "AcceptAnswerInput",
        json!({ "threadId": thread_id, "postId": answer }),
        "{ thread { status acceptedAnswer { id isAccepted } } }",
    )
    .await;
    let th = &data(&acc)["acceptAnswer"]["thread"];
    assert_eq!(th["status"], "ANSWERED");
    assert_eq!(th["acceptedAnswer"]["id"], answer.as_str());
    assert_eq!(th["acceptedAnswer"]["isAccepted"], true);
    let listed = app
        .gql_with(
            &colleague,
            "{ network(slug: \"sma-avlopp\") { threads(filter: {status: ANSWERED, tag: \"Små avlopp\"}) { edges { node { id status } } } } }",
            json!({}),
        )
        .await;
    let edges = &data(&listed)["network"]["threads"]["edges"];
    assert_eq!(edges.as_array().unwrap().len(), 1);
    assert_eq!(edges[0]["node"]["id"], thread_id.as_str());

    // The subscriber also saw the accepted answer.
    let ev = ws.next(5).await.expect("accept event");
    assert_eq!(
        ev["payload"]["data"]["threadEvents"]["kind"],
        "ANSWER_ACCEPTED"
    );

    // The asker was notified of the reply; the colleague of the accepted answer.
    let n = app
        .gql_with(
            &asker,
            "{ unreadNotificationCount notifications(first: 10) { edges { node { kind read thread { id } post { id } actor { displayName } } } } }",
            json!({}),
        )
        .await;
    let d = data(&n);
    assert_eq!(d["unreadNotificationCount"], 1);
    let first = &d["notifications"]["edges"][0]["node"];
    assert_eq!(first["kind"], "REPLY");
    assert_eq!(first["thread"]["id"], thread_id.as_str());
    assert_eq!(first["post"]["id"], answer.as_str());
    assert_eq!(first["actor"]["displayName"], "olle.svarsson");
    let n = app
        .gql_with(
            &colleague,
            "{ notifications(first: 10) { edges { node { kind } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        data(&n)["notifications"]["edges"][0]["node"]["kind"],
        "ACCEPTED"
    );

    // Reading them clears the count.
    let r = mutate(
        &app,
        &asker,
        "markNotificationsRead",
        "MarkNotificationsReadInput",
        json!({}),
        "{ unreadCount }",
    )
    .await;
    assert_eq!(data(&r)["markNotificationsRead"]["unreadCount"], 0);
}
