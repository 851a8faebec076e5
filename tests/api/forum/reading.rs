//! Read state and unread counts, "nytt sedan sist", following and notifications.

use serde_json::json;

use super::*;

both_backends!(
    unread_counts_follow_what_i_have_read,
    following_decides_who_is_notified_of_replies_mentions_and_announcements,
);

const COUNTS: &str = "query($t: ID!) {
    networks { slug unreadCount }
    thread(id: $t) { unreadCount }
    newSinceLastVisit { edges { node { id } } } }";

fn net_unread(v: &Value, slug: &str) -> i64 {
    data(v)["networks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["slug"] == slug)
        .unwrap()["unreadCount"]
        .as_i64()
        .unwrap()
}

fn new_ids(v: &Value) -> Vec<String> {
    data(v)["newSinceLastVisit"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_string())
        .collect()
}

async fn unread_counts_follow_what_i_have_read(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "miljofarlig", "Miljöfarlig verksamhet", false).await;
    let (_, writer) = member(&app, "wilma.writer@vetlanda.se").await;
    let (_, reader) = member(&app, "rune.reader@vetlanda.se").await;
    let r = mutate(
        &app,
        &reader,
        "joinNetwork",
        "NetworkInput",
        json!({ "networkId": net }),
        "{ role }",
    )
    .await;
    data(&r);
    let (t1, _) = thread(
        &app,
        &writer,
        &net,
        "QUESTION",
        "Egenkontroll på fordonstvätt",
    )
    .await;
    let (t2, _) = thread(
        &app,
        &writer,
        &net,
        "DISCUSSION",
        "Oljeavskiljare i verkstäder",
    )
    .await;
    reply(&app, &writer, &t1, "Ett tillägg om slamtömning.").await;

    // Two unread threads in the network; three unread posts in t1.
    let c = app.gql_with(&reader, COUNTS, json!({ "t": t1 })).await;
    assert_eq!(net_unread(&c, "miljofarlig"), 2);
    assert_eq!(data(&c)["thread"]["unreadCount"], 2);
    assert_eq!(new_ids(&c), [t1.as_str(), t2.as_str()]);
    // The writer has read what they wrote.
    let c = app.gql_with(&writer, COUNTS, json!({ "t": t1 })).await;
    assert_eq!(data(&c)["thread"]["unreadCount"], 0);

    // Reading t1 clears it.
    let r = mutate(
        &app,
        &reader,
        "markThreadRead",
        "ThreadInput",
        json!({ "threadId": t1 }),
        "{ thread { unreadCount } }",
    )
    .await;
    assert_eq!(data(&r)["markThreadRead"]["thread"]["unreadCount"], 0);
    let c = app.gql_with(&reader, COUNTS, json!({ "t": t1 })).await;
    assert_eq!(net_unread(&c, "miljofarlig"), 1);
    assert_eq!(new_ids(&c), [t2.as_str()]);

    // A new reply makes it unread again, by one post.
    reply(&app, &writer, &t1, "Och en fråga till.").await;
    let c = app.gql_with(&reader, COUNTS, json!({ "t": t1 })).await;
    assert_eq!(net_unread(&c, "miljofarlig"), 2);
    assert_eq!(data(&c)["thread"]["unreadCount"], 1);
    assert_eq!(new_ids(&c), [t1.as_str(), t2.as_str()]);

    // My own reply counts as read.
    reply(&app, &reader, &t1, "Jag läste allt och svarar.").await;
    let c = app.gql_with(&reader, COUNTS, json!({ "t": t1 })).await;
    assert_eq!(data(&c)["thread"]["unreadCount"], 0);

    // Marking the whole network read clears everything; later posts are unread again.
    let r = mutate(
        &app,
        &reader,
        "markNetworkRead",
        "NetworkInput",
        json!({ "networkId": net }),
        "{ network { unreadCount } }",
    )
    .await;
    assert_eq!(data(&r)["markNetworkRead"]["network"]["unreadCount"], 0);
    let c = app.gql_with(&reader, COUNTS, json!({ "t": t1 })).await;
    assert!(new_ids(&c).is_empty());
    reply(&app, &writer, &t2, "Ny aktivitet.").await;
    let c = app.gql_with(&reader, COUNTS, json!({ "t": t1 })).await;
    assert_eq!(net_unread(&c, "miljofarlig"), 1);
    assert_eq!(new_ids(&c), [t2.as_str()]);

    // "Nytt sedan sist" covers only my networks: leaving empties it; all activity still lists.
    let r = mutate(
        &app,
        &reader,
        "leaveNetwork",
        "NetworkInput",
        json!({ "networkId": net }),
        "{ networkId }",
    )
    .await;
    data(&r);
    let c = app.gql_with(&reader, COUNTS, json!({ "t": t1 })).await;
    assert!(new_ids(&c).is_empty());
    // …except threads I follow myself.
    let r = mutate(
        &app,
        &reader,
        "follow",
        "FollowInput",
        json!({ "id": t2 }),
        "{ following }",
    )
    .await;
    data(&r);
    let c = app.gql_with(&reader, COUNTS, json!({ "t": t1 })).await;
    assert_eq!(new_ids(&c), [t2.as_str()]);
}

async fn notification_kinds(app: &TestApp, c: &reqwest::Client) -> Vec<String> {
    let r = app
        .gql_with(
            c,
            "{ notifications(unreadOnly: true) { edges { node { kind } } } }",
            json!({}),
        )
        .await;
    data(&r)["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["kind"].as_str().unwrap().to_string())
        .collect()
}

async fn read_all(app: &TestApp, c: &reqwest::Client) {
    let r = mutate(
        app,
        c,
        "markNotificationsRead",
        "MarkNotificationsReadInput",
        json!({}),
        "{ unreadCount }",
    )
    .await;
    assert_eq!(data(&r)["markNotificationsRead"]["unreadCount"], 0);
}

async fn following_decides_who_is_notified_of_replies_mentions_and_announcements(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "dagvatten", "Dagvatten", false).await;
    let (mod_id, moderator) = member(&app, "mats.mod@nassjo.se").await;
    make_moderator(&app, &admin, &net, &mod_id).await;
    let (_, asker) = member(&app, "asta.asker@nassjo.se").await;
    let (_, fan) = member(&app, "frans.fan@nassjo.se").await;
    let (_, bystander) = member(&app, "bea.bredvid@nassjo.se").await;
    let r = mutate(
        &app,
        &fan,
        "joinNetwork",
        "NetworkInput",
        json!({ "networkId": net }),
        "{ role }",
    )
    .await;
    data(&r);

    // Own threads are followed: the asker hears of replies, others do not.
    let (t, _) = thread(
        &app,
        &asker,
        &net,
        "QUESTION",
        "Oljeavskiljare vid parkering",
    )
    .await;
    let q = app
        .gql_with(
            &asker,
            "query($t: ID!) { thread(id: $t) { following } }",
            json!({ "t": t }),
        )
        .await;
    assert_eq!(data(&q)["thread"]["following"], true);
    reply(
        &app,
        &moderator,
        &t,
        "Krav på klass 1-avskiljare vid fler än 50 platser.",
    )
    .await;
    assert_eq!(notification_kinds(&app, &asker).await, ["REPLY"]);
    assert!(notification_kinds(&app, &bystander).await.is_empty());

    // A mention reaches the mentioned, once, even when they follow too.
    reply(
        &app,
        &moderator,
        &t,
        "@bea.bredvid och @asta.asker, se kommunens dagvattenpolicy. E-post: x@bea.bredvid.se",
    )
    .await;
    assert_eq!(notification_kinds(&app, &bystander).await, ["MENTION"]);
    assert_eq!(notification_kinds(&app, &asker).await, ["MENTION", "REPLY"]);
    read_all(&app, &asker).await;
    read_all(&app, &bystander).await;

    // Unfollowing stops reply notifications; following starts them.
    let r = mutate(
        &app,
        &asker,
        "unfollow",
        "FollowInput",
        json!({ "id": t }),
        "{ following }",
    )
    .await;
    assert_eq!(data(&r)["unfollow"]["following"], false);
    let r = mutate(
        &app,
        &bystander,
        "follow",
        "FollowInput",
        json!({ "id": t }),
        "{ following }",
    )
    .await;
    assert_eq!(data(&r)["follow"]["following"], true);
    reply(&app, &moderator, &t, "Ett tillägg.").await;
    assert!(notification_kinds(&app, &asker).await.is_empty());
    assert_eq!(notification_kinds(&app, &bystander).await, ["REPLY"]);

    // Announcements reach the network's followers (members follow on joining).
    let r = try_thread(
        &app,
        &moderator,
        &net,
        "ANNOUNCEMENT",
        "Nätverksträff 12 maj",
        "Välkomna till Nässjö.",
    )
    .await;
    data(&r);
    assert_eq!(notification_kinds(&app, &fan).await, ["ANNOUNCEMENT"]);
    assert!(notification_kinds(&app, &asker).await.is_empty());
    let q = app
        .gql_with(
            &fan,
            "{ network(slug: \"dagvatten\") { following } }",
            json!({}),
        )
        .await;
    assert_eq!(data(&q)["network"]["following"], true);

    // Marking some notifications read by id.
    let r = app
        .gql_with(
            &fan,
            "{ notifications { edges { node { id } } } }",
            json!({}),
        )
        .await;
    let id = data(&r)["notifications"]["edges"][0]["node"]["id"].clone();
    let r = mutate(
        &app,
        &fan,
        "markNotificationsRead",
        "MarkNotificationsReadInput",
        json!({ "ids": [id] }),
        "{ unreadCount }",
    )
    .await;
    assert_eq!(data(&r)["markNotificationsRead"]["unreadCount"], 0);
    // Another user's notification ids do nothing to mine.
    let r = mutate(
        &app,
        &bystander,
        "markNotificationsRead",
        "MarkNotificationsReadInput",
        json!({ "ids": [id] }),
        "{ unreadCount }",
    )
    .await;
    assert_eq!(data(&r)["markNotificationsRead"]["unreadCount"], 1);

    // Only threads and networks can be followed.
    let r = app.gql_with(&fan, "{ me { id } }", json!({})).await;
    let me = data(&r)["me"]["id"].clone();
    let r = mutate(
        &app,
        &fan,
        "follow",
        "FollowInput",
        json!({ "id": me }),
        "{ following }",
    )
    .await;
    assert_code(&r, "BAD_INPUT");
}
