//! Accepted answers: the asker or a moderator marks one reply, can change or clear it; a
//! question is open or answered, and lists filter on it.

use serde_json::json;

use super::*;

both_backends!(
    the_asker_accepts_and_changes_the_accepted_answer,
    thread_lists_filter_by_kind_tag_and_status,
);

async fn accept(app: &TestApp, who: &reqwest::Client, t: &str, p: Option<&str>) -> Value {
    mutate(
        app,
        who,
        "acceptAnswer",
        "AcceptAnswerInput",
        json!({ "threadId": t, "postId": p }),
        "{ thread { status acceptedAnswer { id } acceptedAt } }",
    )
    .await
}

async fn the_asker_accepts_and_changes_the_accepted_answer(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "buller", "Buller", false).await;
    let (_, asker) = member(&app, "asa.fragar@savsjo.se").await;
    let (_, a) = member(&app, "anders.svar@savsjo.se").await;
    let (_, b) = member(&app, "berit.svar@savsjo.se").await;
    let (mod_id, moderator) = member(&app, "mona.mod@savsjo.se").await;
    make_moderator(&app, &admin, &net, &mod_id).await;
    let (t, first) = thread(
        &app,
        &asker,
        &net,
        "QUESTION",
        "Lågfrekvent buller från värmepump",
    )
    .await;
    let pa = reply(
        &app,
        &a,
        &t,
        "Mät inomhus nattetid enligt Folkhälsomyndighetens råd.",
    )
    .await;
    let pb = reply(&app, &b, &t, "Begär en mätning av en ackrediterad konsult.").await;

    // The two replies are unread for the asker until she marks one as the solution: whoever
    // marks it has read the thread.
    let unread = "query($t: ID!) { thread(id: $t) { unreadCount } }";
    let c = app.gql_with(&asker, unread, json!({ "t": t })).await;
    assert_eq!(data(&c)["thread"]["unreadCount"], 2);
    let r = accept(&app, &asker, &t, Some(&pa)).await;
    let c = app.gql_with(&asker, unread, json!({ "t": t })).await;
    assert_eq!(data(&c)["thread"]["unreadCount"], 0, "{c}");
    let th = &data(&r)["acceptAnswer"]["thread"];
    assert_eq!(th["status"], "ANSWERED");
    assert_eq!(th["acceptedAnswer"]["id"], pa.as_str());
    assert!(th["acceptedAt"].is_string());

    // Changing it to another reply moves the mark.
    let r = accept(&app, &asker, &t, Some(&pb)).await;
    assert_eq!(
        data(&r)["acceptAnswer"]["thread"]["acceptedAnswer"]["id"],
        pb.as_str()
    );
    let posts = app
        .gql_with(&a, "query($t: ID!) { thread(id: $t) { posts { edges { node { id isAccepted isFirst } } } } }", json!({ "t": t }))
        .await;
    let flags: Vec<(bool, bool)> = data(&posts)["thread"]["posts"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["node"]["isFirst"].as_bool().unwrap(),
                e["node"]["isAccepted"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(flags, [(true, false), (false, false), (false, true)]);

    // Others may not; a moderator may; the question itself is no answer.
    assert_code(&accept(&app, &a, &t, Some(&pa)).await, "FORBIDDEN");
    let r = accept(&app, &moderator, &t, Some(&pa)).await;
    assert_eq!(
        data(&r)["acceptAnswer"]["thread"]["acceptedAnswer"]["id"],
        pa.as_str()
    );
    let r = accept(&app, &asker, &t, Some(&first)).await;
    assert_code(&r, "BAD_INPUT");
    assert_eq!(r["errors"][0]["extensions"]["field"], "postId");

    // A post from another thread is refused.
    let (t2, _) = thread(&app, &asker, &net, "QUESTION", "Buller från fläktar").await;
    let elsewhere = reply(&app, &a, &t2, "Annan tråd.").await;
    assert_code(
        &accept(&app, &asker, &t, Some(&elsewhere)).await,
        "BAD_INPUT",
    );

    // Discussions have no accepted answer.
    let (d, _) = thread(
        &app,
        &asker,
        &net,
        "DISCUSSION",
        "Erfarenheter av bullertillsyn",
    )
    .await;
    let dp = reply(&app, &a, &d, "Bra ämne.").await;
    assert_code(&accept(&app, &asker, &d, Some(&dp)).await, "BAD_INPUT");

    // Clearing reopens the question.
    let r = accept(&app, &asker, &t, None).await;
    assert_eq!(data(&r)["acceptAnswer"]["thread"]["status"], "OPEN");
    assert!(data(&r)["acceptAnswer"]["thread"]["acceptedAnswer"].is_null());

    // Hiding the accepted answer reopens the question too.
    data(&accept(&app, &asker, &t, Some(&pb)).await);
    let r = mutate(
        &app,
        &moderator,
        "hidePost",
        "HidePostInput",
        json!({ "postId": pb }),
        "{ post { id } }",
    )
    .await;
    data(&r);
    let s = app
        .gql_with(
            &asker,
            "query($t: ID!) { thread(id: $t) { status acceptedAnswer { id } } }",
            json!({ "t": t }),
        )
        .await;
    assert_eq!(data(&s)["thread"]["status"], "OPEN");
}

async fn thread_lists_filter_by_kind_tag_and_status(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "hygien", "Hygienisk verksamhet", false).await;
    let tattoo = tag(
        &app,
        &admin,
        "Hygienisk verksamhet",
        &["tatuering", "piercing"],
    )
    .await;
    tag(&app, &admin, "Legionella och bassängbad", &["legionella"]).await;
    let (mod_id, moderator) = member(&app, "mia.mod@gnosjo.se").await;
    make_moderator(&app, &admin, &net, &mod_id).await;
    let (_, u) = member(&app, "ulla.user@gnosjo.se").await;

    let mk = |kind: &'static str, title: &'static str, tags: Vec<String>| {
        app.gql_with(
            if kind == "ANNOUNCEMENT" {
                &moderator
            } else {
                &u
            },
            CREATE_THREAD,
            json!({ "i": { "networkId": net, "kind": kind, "title": title,
                           "body": "Text i tråden.", "tags": tags } }),
        )
    };
    let q1 = mk("QUESTION", "Hygienkrav vid tatuering", vec![tattoo.clone()]).await;
    let q1 = data(&q1)["createThread"]["thread"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let q2 = mk(
        "QUESTION",
        "Legionella i duschar",
        vec!["legionella".into()],
    )
    .await;
    let q2 = data(&q2)["createThread"]["thread"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let d = mk(
        "DISCUSSION",
        "Piercingstudior och anmälan",
        vec!["piercing".into()],
    )
    .await;
    let d = data(&d)["createThread"]["thread"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let a = mk("ANNOUNCEMENT", "Ny vägledning om tatuering", vec![]).await;
    let a = data(&a)["createThread"]["thread"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let ans = reply(
        &app,
        &moderator,
        &q1,
        "Se Folkhälsomyndighetens vägledning.",
    )
    .await;
    let r = mutate(
        &app,
        &u,
        "acceptAnswer",
        "AcceptAnswerInput",
        json!({ "threadId": q1, "postId": ans }),
        "{ thread { status } }",
    )
    .await;
    data(&r);

    let list = |filter: Value| {
        app.gql_with(
            &u,
            "query($f: ThreadFilterInput) { network(slug: \"hygien\") { threads(filter: $f) { edges { node { id } } } } }",
            json!({ "f": filter }),
        )
    };
    let ids = |v: &Value| -> Vec<String> {
        data(v)["network"]["threads"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["id"].as_str().unwrap().to_string())
            .collect()
    };
    // Most recent activity first: q1 got a reply last.
    assert_eq!(
        ids(&list(json!(null)).await),
        [q1.as_str(), a.as_str(), d.as_str(), q2.as_str()]
    );
    assert_eq!(
        ids(&list(json!({ "kind": "QUESTION" })).await),
        [q1.as_str(), q2.as_str()]
    );
    assert_eq!(
        ids(&list(json!({ "kind": "ANNOUNCEMENT" })).await),
        [a.as_str()]
    );
    assert_eq!(
        ids(&list(json!({ "status": "ANSWERED" })).await),
        [q1.as_str()]
    );
    assert_eq!(ids(&list(json!({ "status": "OPEN" })).await), [q2.as_str()]);
    // By tag name, by synonym, by id.
    assert_eq!(
        ids(&list(json!({ "tag": "Hygienisk verksamhet" })).await),
        [q1.as_str(), d.as_str()]
    );
    assert_eq!(
        ids(&list(json!({ "tag": "tatuering" })).await),
        [q1.as_str(), d.as_str()]
    );
    assert_eq!(
        ids(&list(json!({ "tag": tattoo })).await),
        [q1.as_str(), d.as_str()]
    );
    assert_eq!(
        ids(&list(json!({ "tag": "legionella", "status": "OPEN" })).await),
        [q2.as_str()]
    );
    let r = list(json!({ "tag": "Ingen sådan tagg" })).await;
    assert_code(&r, "BAD_INPUT");

    // Unknown tags on a new thread are refused, with the field named.
    let r = app
        .gql_with(&u, CREATE_THREAD, json!({ "i": { "networkId": net, "kind": "QUESTION", "title": "Okänd tagg", "body": "Text", "tags": ["Rymdskrot"] } }))
        .await;
    assert_code(&r, "BAD_INPUT");
    assert_eq!(r["errors"][0]["extensions"]["field"], "tags");
}
