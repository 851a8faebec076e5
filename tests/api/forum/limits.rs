//! Pagination limits and cursors, and the bounded cost of a thread page: the same few SQL
//! statements whether the thread has 10 posts or 60.

use serde_json::json;

use super::*;

both_backends!(
    pages_are_bounded_and_cursors_walk_every_item_once,
    a_thread_page_costs_the_same_few_queries_for_10_and_60_posts,
);

async fn pages_are_bounded_and_cursors_walk_every_item_once(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "juridik", "Juridik och metodik", false).await;
    let (_, u) = member(&app, "petra.paging@aneby.se").await;
    let mut made = Vec::new();
    for i in 0..23 {
        let (t, _) = thread(
            &app,
            &u,
            &net,
            "QUESTION",
            &format!("Föreläggande med vite nr {i}"),
        )
        .await;
        made.push(t);
    }
    let (big, _) = thread(
        &app,
        &u,
        &net,
        "DISCUSSION",
        "Lång diskussion om tillsynsavgifter",
    )
    .await;
    for i in 0..12 {
        reply(&app, &u, &big, &format!("Inlägg {i}")).await;
    }

    // Too large, zero and negative pages, and broken cursors, are BAD_INPUT.
    let q =
        "query($f: Int, $a: String) { network(slug: \"juridik\") { threads(first: $f, after: $a) {
        pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } } }";
    for bad in [101, 0, -1, 1000] {
        let r = app.gql_with(&u, q, json!({ "f": bad })).await;
        assert_code(&r, "BAD_INPUT");
        assert_eq!(r["errors"][0]["extensions"]["field"], "first");
    }
    for cursor in ["!!!", "bm90LWEtY3Vyc29y"] {
        let r = app.gql_with(&u, q, json!({ "f": 5, "a": cursor })).await;
        assert_code(&r, "BAD_INPUT");
    }
    for other in [
        "{ newSinceLastVisit(first: 101) { edges { cursor } } }",
        "{ notifications(first: 101) { edges { cursor } } }",
        "{ network(slug: \"juridik\") { members(first: 101) { edges { cursor } } } }",
        "{ network(slug: \"juridik\") { faq(first: 101) { edges { cursor } } } }",
    ] {
        assert_code(&app.gql_with(&u, other, json!({})).await, "BAD_INPUT");
    }
    let r = app
        .gql_with(
            &u,
            "query($t: ID!) { thread(id: $t) { posts(first: 101) { edges { cursor } } } }",
            json!({ "t": big }),
        )
        .await;
    assert_code(&r, "BAD_INPUT");

    // Walking 10 at a time visits all 24 threads once, newest activity first.
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    loop {
        let r = app.gql_with(&u, q, json!({ "f": 10, "a": after })).await;
        let conn = &data(&r)["network"]["threads"];
        for e in conn["edges"].as_array().unwrap() {
            seen.push(e["node"]["id"].as_str().unwrap().to_string());
        }
        pages += 1;
        assert_eq!(conn["pageInfo"]["hasPreviousPage"], after.is_some());
        if conn["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = Some(conn["pageInfo"]["endCursor"].as_str().unwrap().to_string());
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 24);
    assert_eq!(seen[0], big);
    let mut uniq = seen.clone();
    uniq.sort();
    uniq.dedup();
    assert_eq!(uniq.len(), 24);

    // Posts page the same way, oldest first, the opening post included.
    let pq = "query($t: ID!, $a: String) { thread(id: $t) { posts(first: 5, after: $a) {
        pageInfo { hasNextPage endCursor } edges { node { body } } } } }";
    let mut bodies = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let r = app.gql_with(&u, pq, json!({ "t": big, "a": after })).await;
        let conn = &data(&r)["thread"]["posts"];
        for e in conn["edges"].as_array().unwrap() {
            bodies.push(e["node"]["body"].as_str().unwrap().to_string());
        }
        if conn["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = Some(conn["pageInfo"]["endCursor"].as_str().unwrap().to_string());
    }
    assert_eq!(bodies.len(), 13);
    assert_eq!(bodies[1], "Inlägg 0");
    assert_eq!(bodies[12], "Inlägg 11");

    // Asking for too much at once is refused before anything runs (complexity).
    let r = app
        .gql_with(&u, "{ network(slug: \"juridik\") { threads(first: 100) { edges { node { posts(first: 100) { edges { node { id bodyHtml } } } } } } } }", json!({}))
        .await;
    assert!(
        r["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("för kostsam"),
        "{r}"
    );
}

/// The page a reader loads: thread, tags, author with organisation, and every post with its
/// author and organisation, quoted post and flags.
const THREAD_PAGE: &str = "query($t: ID!) { thread(id: $t) {
    id title kind status pinned locked replyCount unreadCount following viewerCanReply
    network { slug name } author { displayName organisation { name } } tags { name }
    acceptedAnswer { id }
    posts(first: 100) { pageInfo { hasNextPage } edges { cursor node {
        id bodyHtml createdAt editedAt isAccepted isFirst viewerCanEdit
        author { id displayName organisation { name } } quotedPost { id } } } } } }";

/// Most statements a thread page may cost, whatever its length.
const MAX_PAGE_QUERIES: u64 = 8;

async fn page_cost(app: &TestApp, reader: &reqwest::Client, thread: &str, posts: usize) -> u64 {
    // Each measurement must be computed, not answered from the response cache (which keys
    // on the exact body): an extra, undeclared variable makes every body new.
    static NONCE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let nonce = NONCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let before = app.state.db.counted_statements();
    let r = app
        .gql_with(reader, THREAD_PAGE, json!({ "t": thread, "nonce": nonce }))
        .await;
    let after = app.state.db.counted_statements();
    let d = data(&r);
    assert_eq!(
        d["thread"]["posts"]["edges"].as_array().unwrap().len(),
        posts
    );
    assert!(d["thread"]["posts"]["edges"][3]["node"]["author"]["organisation"]["name"].is_string());
    after - before
}

async fn a_thread_page_costs_the_same_few_queries_for_10_and_60_posts(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "masshantering", "Masshantering", false).await;
    tag(&app, &admin, "Masshantering", &["schaktmassor"]).await;
    let mut writers = Vec::new();
    for (i, org) in ["eksjo", "habo", "tranas", "vaggeryd"].iter().enumerate() {
        let (_, c) = app
            .user(&format!("skribent{i}@{org}.se"), "MEMBER", Some(org))
            .await;
        writers.push(c);
    }
    let (_, reader) = app
        .user("lasaren@jonkoping.se", "MEMBER", Some("jonkoping"))
        .await;

    let mut costs = Vec::new();
    for total in [10usize, 60] {
        let r = app
            .gql_with(
                &writers[0],
                CREATE_THREAD,
                json!({ "i": { "networkId": net, "kind": "QUESTION",
                "title": format!("Schaktmassor till anläggningsändamål ({total})"),
                "body": "Hur bedömer ni **ringa risk**?", "tags": ["schaktmassor"] } }),
            )
            .await;
        let t = data(&r)["createThread"]["thread"]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let mut last = String::new();
        for i in 1..total {
            let w = &writers[i % writers.len()];
            let body =
                format!("Svar {i}: vi kräver provtagning enligt *Naturvårdsverkets* handbok.");
            let r = if i % 7 == 0 && !last.is_empty() {
                app.gql_with(
                    w,
                    CREATE_POST,
                    json!({ "i": { "threadId": t, "body": body, "quotePostId": last } }),
                )
                .await
            } else {
                try_reply(&app, w, &t, &body).await
            };
            last = data(&r)["createPost"]["post"]["id"]
                .as_str()
                .unwrap()
                .to_string();
        }
        let r = mutate(
            &app,
            &writers[0],
            "acceptAnswer",
            "AcceptAnswerInput",
            json!({ "threadId": t, "postId": last }),
            "{ thread { status } }",
        )
        .await;
        data(&r);
        // The indexer reads through the same counted pool: let it finish first, so only the
        // page's own statements are counted.
        let search = app.search.clone();
        assert!(
            search
                .wait_for(
                    app.state.db.committed_seq(),
                    std::time::Duration::from_secs(10)
                )
                .await
        );
        // Warm up (loaders, pool), then measure.
        page_cost(&app, &reader, &t, total).await;
        costs.push(page_cost(&app, &reader, &t, total).await);
    }
    eprintln!(
        "thread page statements: 10 posts → {}, 60 posts → {}",
        costs[0], costs[1]
    );
    for c in &costs {
        assert!(*c <= MAX_PAGE_QUERIES, "{costs:?} statements");
    }
    assert!(costs[1] >= 4, "the counter must see the page's statements");
}
