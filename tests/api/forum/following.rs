//! Following a tillsynsområde across networks, the e-mail digest's choices, and the networks a
//! new user starts in (chosen by the admin, the ones marked join-by-default, or carried by an
//! invitation), on both backends.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde_json::json;

use super::*;

const NOTIFICATIONS: &str =
    "{ notifications(first: 50) { nodes { kind note thread { title } actor { displayName } } } }";

async fn notifications(app: &TestApp, who: &reqwest::Client) -> Vec<Value> {
    let r = app.gql_with(who, NOTIFICATIONS, json!({})).await;
    data(&r)["notifications"]["nodes"]
        .as_array()
        .unwrap()
        .clone()
}

async fn tagged_thread(
    app: &TestApp,
    who: &reqwest::Client,
    network: &str,
    title: &str,
    tags: &[&str],
) -> Value {
    app.gql_with(
        who,
        CREATE_THREAD,
        json!({ "i": { "networkId": network, "kind": "QUESTION", "title": title,
                       "body": "Hur har ni gjort? Tacksam för svar.", "tags": tags } }),
    )
    .await
}

async fn follow(app: &TestApp, who: &reqwest::Client, id: &str, on: bool) -> Value {
    mutate(
        app,
        who,
        if on { "follow" } else { "unfollow" },
        "FollowInput",
        json!({ "id": id }),
        "{ id following }",
    )
    .await
}

both_backends!(
    following_a_tag_tells_of_new_threads_in_every_network_the_follower_can_read,
    the_digest_offers_immediate_daily_weekly_and_never,
    a_new_user_starts_in_the_chosen_or_default_networks,
);

async fn following_a_tag_tells_of_new_threads_in_every_network_the_follower_can_read(app: TestApp) {
    let admin = app.admin().await;
    let open_a = network(&app, &admin, "halsoskydd", "Hälsoskydd", false).await;
    let open_b = network(&app, &admin, "miljo", "Miljöhandläggarträffar", false).await;
    let closed = network(&app, &admin, "styrgrupp", "Styrgruppen", true).await;
    let radon = tag(&app, &admin, "Radon", &["radonmätning"]).await;
    let buller = tag(&app, &admin, "Buller", &[]).await;
    let (_, follower) = member(&app, "frida.foljare@eksjo.se").await;
    let (writer_id, writer) = member(&app, "sven.skrivare@habo.se").await;
    let r = mutate(
        &app,
        &admin,
        "setNetworkMember",
        "SetNetworkMemberInput",
        json!({ "networkId": closed, "userId": writer_id, "role": "MEMBER" }),
        "{ role }",
    )
    .await;
    data(&r);

    // Follow Radon and Buller; the tag list says so.
    data(&follow(&app, &follower, &radon, true).await);
    let again = follow(&app, &follower, &radon, true).await;
    assert_eq!(data(&again)["follow"]["following"], true, "idempotent");
    data(&follow(&app, &follower, &buller, true).await);
    let r = app
        .gql_with(&follower, "{ tags { id name following } }", json!({}))
        .await;
    let tags = data(&r)["tags"].as_array().unwrap().clone();
    assert!(tags
        .iter()
        .all(|t| t["following"] == (t["id"] == radon.as_str() || t["id"] == buller.as_str())));

    // A new thread tagged Radon (by a synonym) in an open network the follower never joined.
    data(
        &tagged_thread(
            &app,
            &writer,
            &open_a,
            "Radon i flerbostadshus",
            &["radonmätning"],
        )
        .await,
    );
    // One tagged with both followed tags: told once.
    data(
        &tagged_thread(
            &app,
            &writer,
            &open_b,
            "Buller och radon i skola",
            &["Radon", "Buller"],
        )
        .await,
    );
    // One in a members-only network the follower is not in: not told.
    data(
        &tagged_thread(
            &app,
            &writer,
            &closed,
            "Radon i styrgruppens lokaler",
            &["Radon"],
        )
        .await,
    );
    // One without a followed tag: not told.
    data(&tagged_thread(&app, &writer, &open_a, "Legionella i duschar", &[]).await);

    let got = notifications(&app, &follower).await;
    let mut titles: Vec<&str> = got
        .iter()
        .map(|n| n["thread"]["title"].as_str().unwrap())
        .collect();
    titles.sort_unstable();
    assert_eq!(
        titles,
        ["Buller och radon i skola", "Radon i flerbostadshus"],
        "{got:?}"
    );
    for n in &got {
        assert_eq!(n["kind"], "FOLLOWED_TAG", "{n}");
        assert_eq!(n["actor"]["displayName"], "sven.skrivare");
    }
    let radon_one = got
        .iter()
        .find(|n| n["thread"]["title"] == "Radon i flerbostadshus")
        .unwrap();
    assert_eq!(radon_one["note"], "Radon");
    // The author is not told of their own thread.
    assert!(notifications(&app, &writer)
        .await
        .iter()
        .all(|n| n["kind"] != "FOLLOWED_TAG"));

    // After unfollowing, new threads with the tag stay quiet.
    assert_eq!(
        data(&follow(&app, &follower, &radon, false).await)["unfollow"]["following"],
        false
    );
    data(&tagged_thread(&app, &writer, &open_a, "Radon i villa", &["Radon"]).await);
    assert_eq!(notifications(&app, &follower).await.len(), 2);

    // Bad input: a garbled id, an id of another kind, a tag that does not exist.
    assert_eq!(
        code(&follow(&app, &follower, "skräp", true).await),
        "BAD_INPUT"
    );
    let user_id = URL_SAFE_NO_PAD.encode("User:1");
    assert_eq!(
        code(&follow(&app, &follower, &user_id, true).await),
        "BAD_INPUT"
    );
    let missing = URL_SAFE_NO_PAD.encode("Tag:999999");
    let r = follow(&app, &follower, &missing, true).await;
    assert_eq!(code(&r), "NOT_FOUND", "{r}");
    // Signed out: no following.
    let anon = reqwest::Client::new();
    assert_eq!(
        code(&follow(&app, &anon, &buller, true).await),
        "UNAUTHENTICATED"
    );
}

async fn the_digest_offers_immediate_daily_weekly_and_never(app: TestApp) {
    let (_, who) = member(&app, "dora.digest@eksjo.se").await;
    for f in ["IMMEDIATE", "WEEKLY", "NEVER", "HOURLY", "DAILY"] {
        let r = mutate(
            &app,
            &who,
            "updateNotificationSettings",
            "UpdateNotificationSettingsInput",
            json!({ "digest": f }),
            "{ settings { digest } }",
        )
        .await;
        assert_eq!(
            data(&r)["updateNotificationSettings"]["settings"]["digest"],
            f
        );
        let r = app
            .gql_with(&who, "{ notificationSettings { digest } }", json!({}))
            .await;
        assert_eq!(data(&r)["notificationSettings"]["digest"], f);
    }
    let r = mutate(
        &app,
        &who,
        "updateNotificationSettings",
        "UpdateNotificationSettingsInput",
        json!({ "digest": "MONTHLY" }),
        "{ settings { digest } }",
    )
    .await;
    assert!(!r["errors"].is_null(), "{r}");
}

async fn member_of(app: &TestApp, who: &reqwest::Client) -> Vec<String> {
    let r = app
        .gql_with(who, "{ networks { slug myRole following } }", json!({}))
        .await;
    let mut slugs: Vec<String> = data(&r)["networks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| !n["myRole"].is_null())
        .inspect(|n| assert_eq!(n["following"], true, "a member follows: {n}"))
        .map(|n| n["slug"].as_str().unwrap().to_string())
        .collect();
    slugs.sort();
    slugs
}

async fn a_new_user_starts_in_the_chosen_or_default_networks(app: TestApp) {
    let admin = app.admin().await;
    let general = network(&app, &admin, "allmant", "Miljöhandläggarträffar", false).await;
    let avlopp = network(&app, &admin, "sma-avlopp", "Små avlopp", false).await;
    let closed = network(&app, &admin, "styrgrupp", "Styrgruppen", true).await;

    // Mark the general network as the default for new users; only admins may.
    let (_, plain) = member(&app, "maja.medlem@eksjo.se").await;
    assert!(member_of(&app, &plain).await.is_empty(), "no default yet");
    let mark = |who, on: bool| {
        mutate(
            &app,
            who,
            "updateNetwork",
            "UpdateNetworkInput",
            json!({ "id": general, "joinByDefault": on }),
            "{ network { joinByDefault } }",
        )
    };
    assert_eq!(code(&mark(&plain, true).await), "FORBIDDEN");
    assert_eq!(
        data(&mark(&admin, true).await)["updateNetwork"]["network"]["joinByDefault"],
        true
    );

    // Without networkIds: the defaults.
    let (_, defaulted) = member(&app, "dan.default@eksjo.se").await;
    assert_eq!(member_of(&app, &defaulted).await, ["allmant"]);

    // With networkIds: exactly those (a members-only one too), none of the defaults.
    let create = |email: &str, nets: Value| {
        app.gql_with(
            &admin,
            "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
            json!({ "i": { "email": email, "displayName": "Ny Person", "role": "MEMBER",
                           "password": PASSWORD, "networkIds": nets } }),
        )
    };
    data(&create("val.vald@eksjo.se", json!([avlopp, closed, avlopp])).await);
    let chosen = app.login("val.vald@eksjo.se", PASSWORD).await;
    assert_eq!(member_of(&app, &chosen).await, ["sma-avlopp", "styrgrupp"]);
    // An empty list: no network.
    data(&create("ingen.alls@eksjo.se", json!([])).await);
    let none = app.login("ingen.alls@eksjo.se", PASSWORD).await;
    assert!(member_of(&app, &none).await.is_empty());

    // A network that does not exist, or a garbled id: BAD_INPUT, and no user is made.
    let missing = URL_SAFE_NO_PAD.encode("Network:999999");
    let r = create("fel.natverk@eksjo.se", json!([avlopp, missing])).await;
    assert_eq!(code(&r), "BAD_INPUT", "{r}");
    assert_eq!(r["errors"][0]["extensions"]["field"], "networkIds", "{r}");
    let r = create("fel.natverk@eksjo.se", json!(["skräp"])).await;
    assert_eq!(code(&r), "BAD_INPUT", "{r}");
    let users = app.gql_with(&admin, "{ users { email } }", json!({})).await;
    assert!(
        !users.to_string().contains("fel.natverk@eksjo.se"),
        "{users}"
    );

    // An invitation carries its networks to the acceptance; the defaults without a list.
    let invite = |email: &str, nets: Option<Value>| {
        let mut input = json!({ "email": email, "displayName": "Inbjuden", "role": "MEMBER" });
        if let Some(n) = nets {
            input["networkIds"] = n;
        }
        mutate(
            &app,
            &admin,
            "inviteUser",
            "InviteUserInput",
            input,
            "{ token url }",
        )
    };
    let app = &app;
    let accept = |token: String| async move {
        let client = new_client();
        let r = mutate(
            app,
            &client,
            "acceptInvitation",
            "AcceptInvitationInput",
            json!({ "token": token, "password": PASSWORD }),
            "{ user { email } }",
        )
        .await;
        data(&r);
        client
    };
    let r = invite("inbjuden.avlopp@eksjo.se", Some(json!([avlopp]))).await;
    let token = data(&r)["inviteUser"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let invited = accept(token).await;
    assert_eq!(member_of(app, &invited).await, ["sma-avlopp"]);
    let r = invite("inbjuden.standard@eksjo.se", None).await;
    let token = data(&r)["inviteUser"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let invited = accept(token).await;
    assert_eq!(member_of(app, &invited).await, ["allmant"]);
    let r = invite("inbjuden.fel@eksjo.se", Some(json!([missing]))).await;
    assert_eq!(code(&r), "BAD_INPUT", "{r}");
    // Only admins invite or create.
    let r = mutate(
        app,
        &plain,
        "inviteUser",
        "InviteUserInput",
        json!({ "email": "x@eksjo.se", "displayName": "X", "role": "MEMBER", "networkIds": [avlopp] }),
        "{ token }",
    )
    .await;
    assert_eq!(code(&r), "FORBIDDEN");
}

/// 0012 rebuilds notifications and notification_settings on SQLite (to widen their CHECKs):
/// every row keeps its id and values, the indexes are back, the new kinds and digest choices
/// are accepted, unknown ones refused, and the foreign keys still cascade.
#[tokio::test]
async fn the_sqlite_following_migration_keeps_notifications_and_settings() {
    use sqlx::{Connection, Row};
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("m.db").display());
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut conn)
        .await
        .unwrap();
    let all = sqlx::migrate!("migrations/sqlite");
    let up_to_11 = sqlx::migrate::Migrator {
        migrations: std::borrow::Cow::Owned(
            all.migrations
                .iter()
                .filter(|m| m.version <= 11)
                .cloned()
                .collect(),
        ),
        ..sqlx::migrate!("migrations/sqlite")
    };
    up_to_11.run(&mut conn).await.unwrap();
    for sql in [
        "INSERT INTO users (id, email, display_name, role, created_at, updated_at) VALUES (7, 'a@b.se', 'A', 'member', 1, 1)",
        "INSERT INTO users (id, email, display_name, role, created_at, updated_at) VALUES (8, 'c@d.se', 'C', 'member', 1, 1)",
        "INSERT INTO networks (id, slug, name, created_at, updated_at) VALUES (3, 'avfall', 'Avfall', 1, 1)",
        "INSERT INTO threads (id, network_id, kind, title, last_activity_at, created_at, updated_at) VALUES (5, 3, 'question', 'Fråga', 1, 1, 1)",
        "INSERT INTO posts (id, thread_id, author_id, body, body_html, render_version, created_at) VALUES (11, 5, 7, 'x', 'x', 2, 1)",
        "INSERT INTO notifications (id, user_id, kind, thread_id, post_id, actor_id, created_at, read_at, emailed_at, note) VALUES (41, 7, 'post_hidden', 5, 11, 8, 100, 200, 300, 'Varför')",
        "INSERT INTO notifications (id, user_id, kind, thread_id, created_at) VALUES (42, 7, 'report', 5, 101)",
        "INSERT INTO notification_settings (user_id, digest, last_digest_at, updated_at) VALUES (7, 'hourly', 555, 9)",
        "INSERT INTO notification_settings (user_id, digest, updated_at) VALUES (8, 'never', 10)",
    ] {
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    }
    all.run(&mut conn).await.unwrap();

    let rows = sqlx::query(
        "SELECT id, user_id, kind, thread_id, post_id, actor_id, created_at, read_at, emailed_at, note
         FROM notifications ORDER BY id",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert_eq!(rows.len(), 2);
    let r = &rows[0];
    assert_eq!(r.get::<i64, _>(0), 41);
    assert_eq!(r.get::<String, _>(2), "post_hidden");
    assert_eq!(r.get::<Option<i64>, _>(5), Some(8));
    assert_eq!(r.get::<Option<i64>, _>(7), Some(200));
    assert_eq!(r.get::<Option<i64>, _>(8), Some(300));
    assert_eq!(r.get::<Option<String>, _>(9).as_deref(), Some("Varför"));
    assert_eq!(rows[1].get::<String, _>(2), "report");
    let settings = sqlx::query(
        "SELECT user_id, digest, last_digest_at, updated_at FROM notification_settings ORDER BY user_id",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert_eq!(settings.len(), 2);
    assert_eq!(settings[0].get::<String, _>(1), "hourly");
    assert_eq!(settings[0].get::<Option<i64>, _>(2), Some(555));
    assert_eq!(settings[1].get::<String, _>(1), "never");

    let indexes: Vec<String> = sqlx::query(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notifications' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect();
    assert_eq!(indexes, ["notifications_mail", "notifications_user"]);

    for ok in [
        "INSERT INTO notifications (user_id, kind, thread_id, created_at, note) VALUES (8, 'followed_tag', 5, 1, 'Radon')",
        "UPDATE notification_settings SET digest = 'immediate' WHERE user_id = 7",
        "UPDATE notification_settings SET digest = 'weekly' WHERE user_id = 8",
    ] {
        sqlx::query(ok).execute(&mut conn).await.unwrap();
    }
    for bad in [
        "INSERT INTO notifications (user_id, kind, thread_id, created_at) VALUES (7, 'nonsense', 5, 1)",
        "UPDATE notification_settings SET digest = 'monthly' WHERE user_id = 7",
    ] {
        assert!(sqlx::query(bad).execute(&mut conn).await.is_err(), "{bad}");
    }
    // The foreign keys hold: removing the user removes their settings and notifications.
    sqlx::query("DELETE FROM users WHERE id = 7")
        .execute(&mut conn)
        .await
        .unwrap();
    let left: (i64, i64) = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM notifications WHERE user_id = 7),
                (SELECT COUNT(*) FROM notification_settings WHERE user_id = 7)",
    )
    .fetch_one(&mut conn)
    .await
    .map(|r| (r.get(0), r.get(1)))
    .unwrap();
    assert_eq!(left, (0, 0));
    let fk = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert!(fk.is_empty());
}
