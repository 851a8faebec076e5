//! Reporting a post (anmäl) and the moderators' handling of reports: who may report,
//! who sees reports (lists, `node`, notifications, never search), resolving by hiding or
//! dismissing; hiding telling the author why; the "Att moderera" list of questions left
//! open for a week; and the SQLite migration that rebuilt notifications for the new kinds.

use serde_json::json;

use super::*;

both_backends!(
    members_report_posts_and_only_the_networks_moderators_see_and_resolve_them,
    reporting_refuses_bad_input_own_posts_twice_and_unreadable_posts,
    open_questions_older_than_a_week_are_listed_for_the_moderators,
    hiding_tells_the_author_why_and_nobody_else,
);

/// A network with a moderator, an author, a reporter, and a moderator of another network.
struct Cast {
    net: String,
    admin: reqwest::Client,
    moderator_id: String,
    moderator: reqwest::Client,
    author: reqwest::Client,
    reporter: reqwest::Client,
    elsewhere: reqwest::Client,
}

async fn cast(app: &TestApp) -> Cast {
    let admin = app.admin().await;
    let net = network(app, &admin, "avfall", "Avfall", false).await;
    let other_net = network(app, &admin, "buller", "Buller", false).await;
    let (moderator_id, moderator) = member(app, "mona.moderator@nassjo.se").await;
    make_moderator(app, &admin, &net, &moderator_id).await;
    let (_, author) = member(app, "axel.author@nassjo.se").await;
    let (_, reporter) = member(app, "rut.reporter@tranas.se").await;
    let (else_id, elsewhere) = member(app, "bo.buller@habo.se").await;
    make_moderator(app, &admin, &other_net, &else_id).await;
    Cast {
        net,
        admin,
        moderator_id,
        moderator,
        author,
        reporter,
        elsewhere,
    }
}

async fn report(app: &TestApp, c: &reqwest::Client, post: &str, reason: &str) -> Value {
    mutate(
        app,
        c,
        "reportPost",
        "ReportPostInput",
        json!({ "postId": post, "reason": reason }),
        "{ post { id hidden } }",
    )
    .await
}

async fn resolve(
    app: &TestApp,
    c: &reqwest::Client,
    report: &str,
    action: &str,
    note: Value,
) -> Value {
    mutate(
        app,
        c,
        "resolveReport",
        "ResolveReportInput",
        json!({ "reportId": report, "action": action, "note": note }),
        "{ report { id resolution resolutionNote resolvedAt resolvedBy { displayName } post { id hidden } } }",
    )
    .await
}

const REPORTS: &str = "{ network(slug: \"avfall\") { openReportCount reports { edges { node { id reason createdAt resolution reporter { displayName } post { id excerpt } thread { title } } } } } }";

async fn notifications_of(app: &TestApp, c: &reqwest::Client) -> Vec<Value> {
    let r = app
        .gql_with(
            c,
            "{ notifications(first: 50) { edges { node { kind note post { id } actor { displayName } } } } }",
            json!({}),
        )
        .await;
    data(&r)["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

fn reports_of(kind: &str, list: &[Value]) -> usize {
    list.iter().filter(|n| n["kind"] == kind).count()
}

async fn members_report_posts_and_only_the_networks_moderators_see_and_resolve_them(app: TestApp) {
    let c = cast(&app).await;
    let (t, first) = thread(
        &app,
        &c.author,
        &c.net,
        "QUESTION",
        "Nedskräpning vid återvinningsstationen",
    )
    .await;
    let bad = reply(
        &app,
        &c.author,
        &t,
        "Ring fastighetsägaren Kalle Karlsson på 070-123 45 67, han heter egentligen qzwvinlagg.",
    )
    .await;

    // The reporter sees that the post can be reported; the author not (own post).
    let can = |who| {
        app.gql_with(
            who,
            "query($t: ID!) { thread(id: $t) { posts { edges { node { id viewerCanReport } } } } }",
            json!({ "t": t }),
        )
    };
    let r = can(&c.reporter).await;
    let edges = data(&r)["thread"]["posts"]["edges"]
        .as_array()
        .unwrap()
        .clone();
    assert!(edges.iter().all(|e| e["node"]["viewerCanReport"] == true));
    let r = can(&c.author).await;
    assert!(data(&r)["thread"]["posts"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["node"]["viewerCanReport"] == false));

    // A member reports it; the payload is the post, not the report.
    let r = report(
        &app,
        &c.reporter,
        &bad,
        "Personuppgifter om en enskild person qzwvanmalan",
    )
    .await;
    assert_eq!(data(&r)["reportPost"]["post"]["id"], bad.as_str());

    // The network's moderator and the admin are notified with the reason; nobody else.
    let n = notifications_of(&app, &c.moderator).await;
    assert_eq!(reports_of("REPORT", &n), 1, "{n:?}");
    let rep = n.iter().find(|n| n["kind"] == "REPORT").unwrap();
    assert_eq!(
        rep["note"],
        "Personuppgifter om en enskild person qzwvanmalan"
    );
    assert_eq!(rep["post"]["id"], bad.as_str());
    assert_eq!(rep["actor"]["displayName"], "rut.reporter");
    assert_eq!(
        reports_of("REPORT", &notifications_of(&app, &c.admin).await),
        1
    );
    for who in [&c.author, &c.reporter, &c.elsewhere] {
        assert_eq!(reports_of("REPORT", &notifications_of(&app, who).await), 0);
    }

    // The moderator lists it; everyone else is refused the list and gets no count.
    let r = app.gql_with(&c.moderator, REPORTS, json!({})).await;
    let net = &data(&r)["network"];
    assert_eq!(net["openReportCount"], 1);
    let node = &net["reports"]["edges"][0]["node"];
    assert_eq!(
        node["reason"],
        "Personuppgifter om en enskild person qzwvanmalan"
    );
    assert_eq!(node["reporter"]["displayName"], "rut.reporter");
    assert_eq!(node["post"]["id"], bad.as_str());
    assert_eq!(
        node["thread"]["title"],
        "Nedskräpning vid återvinningsstationen"
    );
    assert!(node["resolution"].is_null());
    let report_id = node["id"].as_str().unwrap().to_string();
    data(&app.gql_with(&c.admin, REPORTS, json!({})).await);
    for who in [&c.author, &c.reporter, &c.elsewhere] {
        let r = app.gql_with(who, REPORTS, json!({})).await;
        assert_code(&r, "FORBIDDEN");
        let r = app
            .gql_with(
                who,
                "{ network(slug: \"avfall\") { openReportCount } }",
                json!({}),
            )
            .await;
        assert!(data(&r)["network"]["openReportCount"].is_null());
    }

    // node(id) answers the moderators and admins only.
    let node_q = "query($id: ID!) { node(id: $id) { id ... on Report { reason } } }";
    let r = app
        .gql_with(&c.moderator, node_q, json!({ "id": report_id }))
        .await;
    assert_eq!(
        data(&r)["node"]["reason"],
        "Personuppgifter om en enskild person qzwvanmalan"
    );
    let r = app
        .gql_with(&c.admin, node_q, json!({ "id": report_id }))
        .await;
    assert_eq!(data(&r)["node"]["id"], report_id.as_str());
    for who in [&c.author, &c.reporter, &c.elsewhere] {
        let r = app.gql_with(who, node_q, json!({ "id": report_id })).await;
        assert!(data(&r)["node"].is_null(), "{r}");
    }

    // Search never finds a report's reason, for anyone; the post's own text it finds.
    let search = "query($q: String!) { search(query: $q, first: 10) { totalCount } }";
    for who in [&c.moderator, &c.admin, &c.reporter] {
        let r = app
            .gql_with(who, search, json!({ "q": "qzwvanmalan" }))
            .await;
        assert_eq!(data(&r)["search"]["totalCount"], 0, "{r}");
        let r = app
            .gql_with(who, search, json!({ "q": "qzwvinlagg" }))
            .await;
        assert_eq!(data(&r)["search"]["totalCount"], 1, "{r}");
    }

    // Only the network's moderators resolve, and the note is checked.
    for who in [&c.author, &c.reporter, &c.elsewhere] {
        let r = resolve(&app, who, &report_id, "HIDE_POST", json!(null)).await;
        assert_code(&r, "NOT_FOUND");
    }
    let r = resolve(
        &app,
        &c.moderator,
        &report_id,
        "HIDE_POST",
        json!("x".repeat(1001)),
    )
    .await;
    assert_code(&r, "BAD_INPUT");
    assert_eq!(r["errors"][0]["extensions"]["field"], "note");
    let r = resolve(
        &app,
        &c.moderator,
        "UmVwb3J0Ojk5OTk5",
        "DISMISS",
        json!(null),
    )
    .await;
    assert_code(&r, "NOT_FOUND");

    // Hiding through the report records who, when and how, and hides the post.
    let r = resolve(
        &app,
        &c.moderator,
        &report_id,
        "HIDE_POST",
        json!("Personuppgifter hör inte hemma i forumet."),
    )
    .await;
    let rep = &data(&r)["resolveReport"]["report"];
    assert_eq!(rep["resolution"], "HIDDEN");
    assert_eq!(
        rep["resolutionNote"],
        "Personuppgifter hör inte hemma i forumet."
    );
    assert_eq!(rep["resolvedBy"]["displayName"], "mona.moderator");
    assert!(rep["resolvedAt"].is_string());
    assert_eq!(rep["post"]["hidden"], true);
    let r = resolve(&app, &c.moderator, &report_id, "DISMISS", json!(null)).await;
    assert_code(&r, "CONFLICT");
    let r = app
        .gql_with(
            &c.moderator,
            "{ network(slug: \"avfall\") { openReportCount reports(open: false) { edges { node { id resolution } } } hiddenPosts { edges { node { id } } } } }",
            json!({}),
        )
        .await;
    let net = &data(&r)["network"];
    assert_eq!(net["openReportCount"], 0);
    assert_eq!(net["reports"]["edges"][0]["node"]["id"], report_id.as_str());
    assert_eq!(net["hiddenPosts"]["edges"][0]["node"]["id"], bad.as_str());
    // The hidden post is not reportable any more.
    assert_code(
        &report(&app, &c.reporter, &bad, "Fortfarande olämpligt").await,
        "NOT_FOUND",
    );

    // A second report, dismissed: the post stays; two reporters' open reports go together.
    data(&report(&app, &c.reporter, &first, "Fel nätverk för frågan").await);
    let (_, second) = member(&app, "sven.second@vetlanda.se").await;
    data(&report(&app, &second, &first, "Hör till Masshantering").await);
    let r = app.gql_with(&c.moderator, REPORTS, json!({})).await;
    assert_eq!(data(&r)["network"]["openReportCount"], 2);
    let dismiss = data(&r)["network"]["reports"]["edges"][0]["node"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = resolve(
        &app,
        &c.admin,
        &dismiss,
        "DISMISS",
        json!("Frågan passar här."),
    )
    .await;
    let rep = &data(&r)["resolveReport"]["report"];
    assert_eq!(rep["resolution"], "DISMISSED");
    assert_eq!(rep["post"]["hidden"], false);
    let r = app.gql_with(&c.moderator, REPORTS, json!({})).await;
    assert_eq!(data(&r)["network"]["openReportCount"], 0);

    // A moderator who steps down no longer sees the report notifications.
    assert!(reports_of("REPORT", &notifications_of(&app, &c.moderator).await) >= 1);
    let r = mutate(
        &app,
        &c.admin,
        "setNetworkMember",
        "SetNetworkMemberInput",
        json!({ "networkId": c.net, "userId": c.moderator_id, "role": "MEMBER" }),
        "{ role }",
    )
    .await;
    data(&r);
    let moderator = app.login("mona.moderator@nassjo.se", PASSWORD).await;
    assert_eq!(
        reports_of("REPORT", &notifications_of(&app, &moderator).await),
        0
    );
    let r = app
        .gql_with(&moderator, "{ unreadNotificationCount }", json!({}))
        .await;
    assert_eq!(data(&r)["unreadNotificationCount"], 0);
}

async fn reporting_refuses_bad_input_own_posts_twice_and_unreadable_posts(app: TestApp) {
    let c = cast(&app).await;
    let (t, _) = thread(
        &app,
        &c.author,
        &c.net,
        "DISCUSSION",
        "Farligt avfall i ladan",
    )
    .await;
    let post = reply(
        &app,
        &c.author,
        &t,
        "Vi förelade om bortforsling inom 30 dagar.",
    )
    .await;

    let r = report(&app, &c.reporter, &post, " x ").await;
    assert_code(&r, "BAD_INPUT");
    assert_eq!(r["errors"][0]["extensions"]["field"], "reason");
    let r = report(&app, &c.reporter, &post, &"å".repeat(1001)).await;
    assert_eq!(r["errors"][0]["extensions"]["field"], "reason");
    let r = report(&app, &c.author, &post, "Jag ångrar mig").await;
    assert_code(&r, "BAD_INPUT");
    assert_eq!(r["errors"][0]["extensions"]["field"], "postId");
    let r = report(&app, &c.reporter, "UG9zdDo5OTk5OTk", "Finns inte").await;
    assert_code(&r, "NOT_FOUND");
    let anon = crate::helpers::new_client();
    assert_code(
        &report(&app, &anon, &post, "Utan inloggning").await,
        "UNAUTHENTICATED",
    );

    data(&report(&app, &c.reporter, &post, "Uppmanar till fel handläggning").await);
    let r = report(&app, &c.reporter, &post, "En gång till").await;
    assert_code(&r, "CONFLICT");

    // A members-only network's posts cannot be reported by outsiders: they do not exist.
    let closed = network(&app, &c.admin, "styrgrupp", "Styrgruppen", true).await;
    let (ins_id, insider) = member(&app, "ida.insider@eksjo.se").await;
    let r = mutate(
        &app,
        &c.admin,
        "setNetworkMember",
        "SetNetworkMemberInput",
        json!({ "networkId": closed, "userId": ins_id, "role": "MEMBER" }),
        "{ role }",
    )
    .await;
    data(&r);
    let insider = {
        drop(insider);
        app.login("ida.insider@eksjo.se", PASSWORD).await
    };
    let (t2, p2) = thread(&app, &insider, &closed, "DISCUSSION", "Budget för nästa år").await;
    let _ = t2;
    assert_code(
        &report(&app, &c.reporter, &p2, "Vill inte se detta").await,
        "NOT_FOUND",
    );
    // Its moderators are the admins: the insider's report reaches the admin only.
    let (_, insider2) = {
        let (id, _) = member(&app, "olof.insider@eksjo.se").await;
        let r = mutate(
            &app,
            &c.admin,
            "setNetworkMember",
            "SetNetworkMemberInput",
            json!({ "networkId": closed, "userId": id, "role": "MEMBER" }),
            "{ role }",
        )
        .await;
        data(&r);
        (id, app.login("olof.insider@eksjo.se", PASSWORD).await)
    };
    data(&report(&app, &insider2, &p2, "Fel siffror i budgeten").await);
    let n = notifications_of(&app, &c.admin).await;
    assert!(n
        .iter()
        .any(|n| n["kind"] == "REPORT" && n["note"] == "Fel siffror i budgeten"));
    assert_eq!(
        reports_of("REPORT", &notifications_of(&app, &c.moderator).await),
        1
    );
}

async fn open_questions_older_than_a_week_are_listed_for_the_moderators(app: TestApp) {
    let c = cast(&app).await;
    let (old, _) = thread(
        &app,
        &c.author,
        &c.net,
        "QUESTION",
        "Gammal obesvarad fråga",
    )
    .await;
    let (fresh, _) = thread(&app, &c.author, &c.net, "QUESTION", "Ny obesvarad fråga").await;
    let (old_disc, _) = thread(&app, &c.author, &c.net, "DISCUSSION", "Gammal diskussion").await;
    // Ten days ago.
    let ten_days_ago = chrono::Utc::now().timestamp_millis() - 10 * 86_400_000;
    for id in [&old, &old_disc] {
        let (_, n) = samsyn_decode(id);
        sqlx::query("UPDATE threads SET created_at = $1 WHERE id = $2")
            .bind(ten_days_ago)
            .bind(n)
            .execute(&app.state.db.pool)
            .await
            .unwrap();
    }
    let q = "query($d: Int) { network(slug: \"avfall\") { threads(filter: { kind: QUESTION, status: OPEN, olderThanDays: $d }) { edges { node { id } } } } }";
    let r = app.gql_with(&c.moderator, q, json!({ "d": 7 })).await;
    let ids: Vec<String> = data(&r)["network"]["threads"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec![old.clone()]);
    assert!(!ids.contains(&fresh));
    let r = app.gql_with(&c.moderator, q, json!({ "d": 0 })).await;
    assert_code(&r, "BAD_INPUT");
    assert_eq!(r["errors"][0]["extensions"]["field"], "olderThanDays");
}

/// The numeric id inside a global id (URL-safe base64 of "Thread:12").
fn samsyn_decode(id: &str) -> (String, i64) {
    use base64::Engine;
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(id)
        .expect("base64 id");
    let text = String::from_utf8(raw).unwrap();
    let (kind, n) = text.split_once(':').unwrap();
    (kind.to_string(), n.parse().unwrap())
}

async fn hide(app: &TestApp, c: &reqwest::Client, post: &str, reason: Value) -> Value {
    mutate(
        app,
        c,
        "hidePost",
        "HidePostInput",
        json!({ "postId": post, "reason": reason }),
        "{ post { id hidden hiddenNote } }",
    )
    .await
}

async fn hiding_tells_the_author_why_and_nobody_else(app: TestApp) {
    let c = cast(&app).await;
    let (t, _) = thread(&app, &c.author, &c.net, "DISCUSSION", "Sortering på bygget").await;
    let first = reply(&app, &c.author, &t, "Köp containrar hos min kusin!").await;
    let second = reply(&app, &c.author, &t, "Och hos hans granne.").await;
    let own = reply(
        &app,
        &c.reporter,
        &t,
        "Vi kräver sortering i sex fraktioner.",
    )
    .await;

    // The reason is checked; only moderators hide.
    let r = hide(&app, &c.moderator, &first, json!("x".repeat(1001))).await;
    assert_code(&r, "BAD_INPUT");
    assert_eq!(r["errors"][0]["extensions"]["field"], "reason");
    assert_code(
        &hide(&app, &c.reporter, &first, json!("Reklam")).await,
        "FORBIDDEN",
    );
    assert_code(
        &hide(&app, &c.elsewhere, &first, json!("Reklam")).await,
        "FORBIDDEN",
    );

    // Hidden with a reason: moderators see it on the post, the author in a notification.
    let r = hide(
        &app,
        &c.moderator,
        &first,
        json!("  Forumet är inte till för reklam. "),
    )
    .await;
    let p = &data(&r)["hidePost"]["post"];
    assert_eq!(p["hidden"], true);
    assert_eq!(p["hiddenNote"], "Forumet är inte till för reklam.");
    let n = notifications_of(&app, &c.author).await;
    let told: Vec<&Value> = n.iter().filter(|n| n["kind"] == "POST_HIDDEN").collect();
    assert_eq!(told.len(), 1, "{n:?}");
    assert_eq!(told[0]["note"], "Forumet är inte till för reklam.");
    assert_eq!(told[0]["actor"]["displayName"], "mona.moderator");
    // The post itself stays hidden from its author.
    assert!(told[0]["post"].is_null());
    for who in [&c.reporter, &c.elsewhere, &c.moderator, &c.admin] {
        assert_eq!(
            reports_of("POST_HIDDEN", &notifications_of(&app, who).await),
            0
        );
    }
    let r = app
        .gql_with(&c.author, "{ unreadNotificationCount }", json!({}))
        .await;
    assert!(data(&r)["unreadNotificationCount"].as_i64().unwrap() >= 1);

    // Hidden without a reason: still told, with no note; restoring clears the note.
    data(&hide(&app, &c.admin, &second, json!(null)).await);
    let n = notifications_of(&app, &c.author).await;
    let told: Vec<&Value> = n.iter().filter(|n| n["kind"] == "POST_HIDDEN").collect();
    assert_eq!(told.len(), 2);
    assert!(told[0]["note"].is_null());
    let r = mutate(
        &app,
        &c.moderator,
        "restorePost",
        "PostInput",
        json!({ "postId": first }),
        "{ post { hidden hiddenNote } }",
    )
    .await;
    assert!(data(&r)["restorePost"]["post"]["hiddenNote"].is_null());

    // Withdrawing one's own post tells nobody.
    let r = mutate(
        &app,
        &c.reporter,
        "withdrawPost",
        "PostInput",
        json!({ "postId": own }),
        "{ post { hidden } }",
    )
    .await;
    data(&r);
    assert_eq!(
        reports_of("POST_HIDDEN", &notifications_of(&app, &c.reporter).await),
        0
    );

    // Hiding through a report gives the author the moderator's note as the reason.
    data(&report(&app, &c.reporter, &first, "Reklam igen").await);
    let r = app.gql_with(&c.moderator, REPORTS, json!({})).await;
    let id = data(&r)["network"]["reports"]["edges"][0]["node"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    data(
        &resolve(
            &app,
            &c.moderator,
            &id,
            "HIDE_POST",
            json!("Andra gången: reklam."),
        )
        .await,
    );
    let n = notifications_of(&app, &c.author).await;
    assert_eq!(n[0]["kind"], "POST_HIDDEN");
    assert_eq!(n[0]["note"], "Andra gången: reklam.");
    // Other members see neither the hidden post nor a hint of why.
    let r = app
        .gql_with(
            &c.reporter,
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": first }),
        )
        .await;
    assert!(data(&r)["node"].is_null());
}

/// Migration 0009 rebuilds `notifications` on SQLite (a CHECK cannot be changed in place):
/// rows written under 0008 keep their ids and values, the indexes are there again, foreign
/// keys still hold, and the new kinds are accepted while unknown ones are still refused.
#[tokio::test]
async fn the_sqlite_notifications_rebuild_keeps_rows_ids_and_indexes() {
    use sqlx::{Connection, Row};
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("m.db").display());
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut conn)
        .await
        .unwrap();
    let all = sqlx::migrate!("migrations/sqlite");
    let up_to_8 = sqlx::migrate::Migrator {
        migrations: std::borrow::Cow::Owned(
            all.migrations
                .iter()
                .filter(|m| m.version <= 8)
                .cloned()
                .collect(),
        ),
        ..sqlx::migrate!("migrations/sqlite")
    };
    up_to_8.run(&mut conn).await.unwrap();
    for sql in [
        "INSERT INTO users (id, email, display_name, role, created_at, updated_at) VALUES (7, 'a@b.se', 'A', 'member', 1, 1)",
        "INSERT INTO networks (id, slug, name, created_at, updated_at) VALUES (3, 'avfall', 'Avfall', 1, 1)",
        "INSERT INTO threads (id, network_id, kind, title, last_activity_at, created_at, updated_at) VALUES (5, 3, 'question', 'Fråga', 1, 1, 1)",
        "INSERT INTO posts (id, thread_id, author_id, body, body_html, render_version, created_at) VALUES (11, 5, 7, 'x', 'x', 2, 1)",
        "INSERT INTO notifications (id, user_id, kind, thread_id, post_id, actor_id, created_at, read_at, emailed_at) VALUES (41, 7, 'reply', 5, 11, 7, 100, 200, 300)",
        "INSERT INTO notifications (id, user_id, kind, thread_id, created_at) VALUES (42, 7, 'announcement', 5, 101)",
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
    assert_eq!(r.get::<String, _>(2), "reply");
    assert_eq!(r.get::<Option<i64>, _>(4), Some(11));
    assert_eq!(r.get::<Option<i64>, _>(7), Some(200));
    assert_eq!(r.get::<Option<i64>, _>(8), Some(300));
    assert_eq!(r.get::<Option<String>, _>(9), None);
    assert_eq!(rows[1].get::<i64, _>(0), 42);
    assert_eq!(rows[1].get::<String, _>(2), "announcement");

    let indexes: Vec<String> = sqlx::query(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notifications' ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect();
    assert_eq!(indexes, ["notifications_mail", "notifications_user"]);

    sqlx::query("INSERT INTO notifications (user_id, kind, thread_id, created_at, note) VALUES (7, 'post_hidden', 5, 1, 'Varför')")
        .execute(&mut conn)
        .await
        .unwrap();
    assert!(sqlx::query("INSERT INTO notifications (user_id, kind, thread_id, created_at) VALUES (7, 'nonsense', 5, 1)")
        .execute(&mut conn)
        .await
        .is_err());
    // Foreign keys hold on the new table: deleting the thread removes its notifications.
    sqlx::query("DELETE FROM threads WHERE id = 5")
        .execute(&mut conn)
        .await
        .unwrap();
    let left: i64 = sqlx::query("SELECT COUNT(*) FROM notifications")
        .fetch_one(&mut conn)
        .await
        .unwrap()
        .get(0);
    assert_eq!(left, 0);
    let fk = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert!(fk.is_empty());
}
