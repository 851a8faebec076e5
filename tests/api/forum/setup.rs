//! Setting the forum up: admins create and edit networks and tags, moderators manage
//! members, users join and leave; and the demo forum a new installation starts with.

use serde_json::json;

use super::*;

both_backends!(
    admins_run_networks_moderators_manage_members_users_join_and_leave,
    admins_manage_tags_with_synonyms,
);

async fn admins_run_networks_moderators_manage_members_users_join_and_leave(app: TestApp) {
    let admin = app.admin().await;
    let (mod_id, moderator) = member(&app, "mikael.mod@gislaved.se").await;
    let (u_id, u) = member(&app, "ulla.vanlig@gislaved.se").await;

    // Only admins create and edit networks; input is validated.
    let input = json!({ "name": "Lantbrukstillsyn", "description": "För lantbruksinspektörer." });
    let r = mutate(
        &app,
        &u,
        "createNetwork",
        "CreateNetworkInput",
        input.clone(),
        "{ network { id } }",
    )
    .await;
    assert_code(&r, "FORBIDDEN");
    let r = mutate(
        &app,
        &admin,
        "createNetwork",
        "CreateNetworkInput",
        input.clone(),
        "{ network { id slug membersOnly } }",
    )
    .await;
    let n = &data(&r)["createNetwork"]["network"];
    assert_eq!(n["slug"], "lantbrukstillsyn");
    assert_eq!(n["membersOnly"], false);
    let net = n["id"].as_str().unwrap().to_string();
    let r = mutate(
        &app,
        &admin,
        "createNetwork",
        "CreateNetworkInput",
        input,
        "{ network { id } }",
    )
    .await;
    assert_code(&r, "CONFLICT");
    let r = mutate(
        &app,
        &admin,
        "createNetwork",
        "CreateNetworkInput",
        json!({ "name": "X" }),
        "{ network { id } }",
    )
    .await;
    assert_code(&r, "BAD_INPUT");
    assert_eq!(r["errors"][0]["extensions"]["field"], "name");
    let r = mutate(
        &app,
        &admin,
        "createNetwork",
        "CreateNetworkInput",
        json!({ "name": "Bra namn", "slug": "Ogiltig slug!" }),
        "{ network { id } }",
    )
    .await;
    assert_eq!(r["errors"][0]["extensions"]["field"], "slug");
    let upd = json!({ "id": net, "name": "Lantbruk", "description": "Nytt syfte." });
    let r = mutate(
        &app,
        &u,
        "updateNetwork",
        "UpdateNetworkInput",
        upd.clone(),
        "{ network { name } }",
    )
    .await;
    assert_code(&r, "FORBIDDEN");
    let r = mutate(
        &app,
        &admin,
        "updateNetwork",
        "UpdateNetworkInput",
        upd,
        "{ network { name description } }",
    )
    .await;
    assert_eq!(data(&r)["updateNetwork"]["network"]["name"], "Lantbruk");

    // Moderators manage members; members do not.
    make_moderator(&app, &admin, &net, &mod_id).await;
    let set = |who, user: &str, role: Value| {
        mutate(
            &app,
            who,
            "setNetworkMember",
            "SetNetworkMemberInput",
            json!({ "networkId": net, "userId": user, "role": role }),
            "{ role user { displayName } network { memberCount } }",
        )
    };
    let r = set(&moderator, &u_id, json!("MEMBER")).await;
    assert_eq!(data(&r)["setNetworkMember"]["role"], "MEMBER");
    assert_eq!(
        data(&r)["setNetworkMember"]["user"]["displayName"],
        "ulla.vanlig"
    );
    assert_eq!(data(&r)["setNetworkMember"]["network"]["memberCount"], 2);
    assert_code(&set(&u, &mod_id, json!(null)).await, "FORBIDDEN");
    let r = set(&moderator, &u_id, json!(null)).await;
    assert!(data(&r)["setNetworkMember"]["role"].is_null());
    assert_eq!(data(&r)["setNetworkMember"]["network"]["memberCount"], 1);
    let r = set(&moderator, "VXNlcjo5OTk5OTk", json!("MEMBER")).await;
    assert_code(&r, "BAD_INPUT");

    // Members list, by name, with roles.
    let r = app
        .gql_with(&u, "{ network(slug: \"lantbrukstillsyn\") { myRole members { edges { node { role user { displayName } } } } } }", json!({}))
        .await;
    assert!(data(&r)["network"]["myRole"].is_null());
    assert_eq!(
        data(&r)["network"]["members"]["edges"][0]["node"]["role"],
        "MODERATOR"
    );

    // Users join open networks and leave any; leaving twice is NOT_FOUND.
    let join = mutate(
        &app,
        &u,
        "joinNetwork",
        "NetworkInput",
        json!({ "networkId": net }),
        "{ role network { myRole } }",
    )
    .await;
    assert_eq!(data(&join)["joinNetwork"]["network"]["myRole"], "MEMBER");
    let leave = || {
        mutate(
            &app,
            &u,
            "leaveNetwork",
            "NetworkInput",
            json!({ "networkId": net }),
            "{ networkId }",
        )
    };
    data(&leave().await);
    assert_code(&leave().await, "NOT_FOUND");

    // Turning it members-only hides it from non-members at once.
    let r = mutate(
        &app,
        &admin,
        "updateNetwork",
        "UpdateNetworkInput",
        json!({ "id": net, "membersOnly": true }),
        "{ network { membersOnly } }",
    )
    .await;
    assert_eq!(data(&r)["updateNetwork"]["network"]["membersOnly"], true);
    let r = app
        .gql_with(
            &u,
            "{ network(slug: \"lantbrukstillsyn\") { id } }",
            json!({}),
        )
        .await;
    assert!(data(&r)["network"].is_null());
    let r = mutate(
        &app,
        &u,
        "joinNetwork",
        "NetworkInput",
        json!({ "networkId": net }),
        "{ role }",
    )
    .await;
    assert_code(&r, "NOT_FOUND");
    let r = app
        .gql_with(
            &moderator,
            "{ network(slug: \"lantbrukstillsyn\") { id myRole } }",
            json!({}),
        )
        .await;
    assert_eq!(data(&r)["network"]["myRole"], "MODERATOR");
}

async fn admins_manage_tags_with_synonyms(app: TestApp) {
    let admin = app.admin().await;
    let (_, u) = member(&app, "tore.taggare@habo.se").await;
    let input = json!({ "name": "Avfall", "synonyms": ["farligt avfall", "nedskräpning"] });
    let r = mutate(
        &app,
        &u,
        "createTag",
        "CreateTagInput",
        input.clone(),
        "{ tag { id } }",
    )
    .await;
    assert_code(&r, "FORBIDDEN");
    let r = mutate(
        &app,
        &admin,
        "createTag",
        "CreateTagInput",
        input.clone(),
        "{ tag { id slug name synonyms } }",
    )
    .await;
    let t = &data(&r)["createTag"]["tag"];
    assert_eq!(t["slug"], "avfall");
    assert_eq!(t["synonyms"], json!(["farligt avfall", "nedskräpning"]));
    let id = t["id"].as_str().unwrap().to_string();
    assert_code(
        &mutate(
            &app,
            &admin,
            "createTag",
            "CreateTagInput",
            input,
            "{ tag { id } }",
        )
        .await,
        "CONFLICT",
    );
    let r = mutate(
        &app,
        &admin,
        "createTag",
        "CreateTagInput",
        json!({ "name": "" }),
        "{ tag { id } }",
    )
    .await;
    assert_eq!(r["errors"][0]["extensions"]["field"], "name");

    let upd =
        json!({ "id": id, "name": "Avfall och nedskräpning", "synonyms": ["illegal dumpning"] });
    let r = mutate(
        &app,
        &u,
        "updateTag",
        "UpdateTagInput",
        upd.clone(),
        "{ tag { id } }",
    )
    .await;
    assert_code(&r, "FORBIDDEN");
    let r = mutate(
        &app,
        &admin,
        "updateTag",
        "UpdateTagInput",
        upd,
        "{ tag { slug name synonyms } }",
    )
    .await;
    let t = &data(&r)["updateTag"]["tag"];
    assert_eq!(t["name"], "Avfall och nedskräpning");
    assert_eq!(t["slug"], "avfall", "the slug stays so links keep working");
    assert_eq!(t["synonyms"], json!(["illegal dumpning"]));

    // Everyone signed in lists them; a thread can be tagged by the new synonym.
    let r = app
        .gql_with(&u, "{ tags { name synonyms } }", json!({}))
        .await;
    assert_eq!(data(&r)["tags"][0]["name"], "Avfall och nedskräpning");
    let net = network(&app, &admin, "avfallsnatverk", "Avfall", false).await;
    let r = app
        .gql_with(&u, CREATE_THREAD, json!({ "i": { "networkId": net, "kind": "QUESTION", "title": "Dumpning i skogen", "body": "Vem ansvarar?", "tags": ["illegal dumpning"] } }))
        .await;
    assert_eq!(
        data(&r)["createThread"]["thread"]["tags"][0]["name"],
        "Avfall och nedskräpning"
    );
}

/// The demo: the plan's networks, members and moderators from the phone book, and a living
/// forum of realistic threads, some answered.
async fn demo_forum_is_loaded(app: TestApp) {
    let admin = app.admin().await;
    let r = app
        .gql_with(&admin, "{ networks { slug membersOnly threads(first: 20) { edges { node { kind status author { displayName } replyCount createdAt lastActivityAt } } } } }", json!({}))
        .await;
    let nets = data(&r)["networks"].as_array().unwrap().clone();
    assert_eq!(nets.len(), 12);
    let sma = nets.iter().find(|n| n["slug"] == "sma-avlopp").unwrap();
    let threads = sma["threads"]["edges"].as_array().unwrap();
    assert!(threads.len() >= 3);
    assert!(threads.iter().any(|t| t["node"]["status"] == "ANSWERED"));
    assert!(threads
        .iter()
        .all(|t| t["node"]["author"]["displayName"].is_string()));
    for t in threads.iter().map(|t| &t["node"]) {
        if t["kind"] == "QUESTION" {
            assert!(t["replyCount"].as_i64().unwrap() >= 1, "{t}");
        }
        if t["replyCount"].as_i64().unwrap() > 0 {
            assert_ne!(
                t["lastActivityAt"], t["createdAt"],
                "replies come later: {t}"
            );
        }
    }
    // Announcements are pinned on the notice board.
    assert_eq!(threads[0]["node"]["kind"], "ANNOUNCEMENT");
    assert!(
        nets.iter()
            .any(|n| n["membersOnly"] == true
                && !n["threads"]["edges"].as_array().unwrap().is_empty())
    );
    let all: Vec<&Value> = nets
        .iter()
        .flat_map(|n| n["threads"]["edges"].as_array().unwrap())
        .collect();
    assert!(all.iter().any(|t| t["node"]["kind"] == "ANNOUNCEMENT"));

    // Moderators and memberships come from the phone book.
    let r = app
        .gql_with(&admin, "{ network(slug: \"styrgrupp\") { memberCount } sma: network(slug: \"sma-avlopp\") { members { edges { node { role } } } } }", json!({}))
        .await;
    assert!(data(&r)["network"]["memberCount"].as_i64().unwrap() >= 5);
    assert!(data(&r)["sma"]["members"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["node"]["role"] == "MODERATOR"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_forum_is_loaded_sqlite() {
    let app = spawn_with(Backend::Sqlite, "demo_forum", |c| c.demo = true)
        .await
        .unwrap();
    demo_forum_is_loaded(app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_forum_is_loaded_postgres() {
    if let Some(app) = spawn_with(Backend::Postgres, "demo_forum", |c| c.demo = true).await {
        demo_forum_is_loaded(app).await;
    }
}
