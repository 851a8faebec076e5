//! Search end to end: Swedish analysis through the API, permissions in hits, counts and
//! facets, operators, read-your-writes, and an index that catches up after a crash.

use serde_json::{json, Value};

use crate::both_backends;
use crate::forum::{member, network, thread, try_thread};
use crate::helpers::*;

both_backends!(
    search_requires_login_and_never_fails_to_parse,
    swedish_analysis_finds_inflections_compounds_missing_diacritics_and_typos,
    non_member_never_sees_members_only_thread_in_hits_counts_or_facets,
    search_operators_filter_and_exclude,
    index_catches_up_after_a_crash_and_equals_the_database,
    hits_load_their_threads_together_and_facets_only_when_asked,
);

const SEARCH: &str = "query($q: String!) { search(query: $q, first: 10) { totalCount fuzzy didYouMean hits { type titleHtml snippet node { ... on Thread { title } } } facets { types { value count } networks { value count } } } }";

async fn search(app: &TestApp, client: &reqwest::Client, q: &str) -> Value {
    let body = app.gql_with(client, SEARCH, json!({ "q": q })).await;
    assert_ok(&body);
    body["data"]["search"].clone()
}

fn titles(res: &Value) -> Vec<String> {
    res["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["node"]["title"].as_str().unwrap_or_default().to_string())
        .collect()
}

async fn ask(app: &TestApp, client: &reqwest::Client, net: &str, title: &str, body: &str) {
    let r = try_thread(app, client, net, "QUESTION", title, body).await;
    assert_ok(&r);
}

async fn search_requires_login_and_never_fails_to_parse(app: TestApp) {
    let anon = app.gql(SEARCH, json!({ "q": "avlopp" })).await;
    assert_code(&anon, "UNAUTHENTICATED");
    let admin = app.admin().await;
    for q in [
        "",
        "\"obalanserat",
        "-",
        "tag:",
        "nätverk:\"",
        "((( AND OR NOT ^~*",
        "typ:okänd löst:kanske",
        &"å".repeat(5000),
        "\u{0}\u{1f}<script>",
    ] {
        let res = search(&app, &admin, q).await;
        assert!(res["totalCount"].is_i64(), "{q}: {res}");
    }
    let too_many = app
        .gql_with(
            &admin,
            "{ search(query: \"x\", first: 101) { totalCount } }",
            json!({}),
        )
        .await;
    assert_code(&too_many, "BAD_INPUT");
}

async fn swedish_analysis_finds_inflections_compounds_missing_diacritics_and_typos(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "sma-avlopp-test", "Små avlopp", false).await;
    ask(
        &app,
        &admin,
        &net,
        "Ny brunn inom vattenskyddsområdet",
        "Fastigheten ligger inom vattenskyddsområdet för Vättern. Vilka krav gäller?",
    )
    .await;
    ask(
        &app,
        &admin,
        &net,
        "Hur stor anläggning för fem hushåll?",
        "Vi planerar en gemensam anläggning med markbädd.",
    )
    .await;
    ask(
        &app,
        &admin,
        &net,
        "Vilken skyddsnivå gäller vid sjön?",
        "Hög skyddsnivå för hälsoskydd eller normal?",
    )
    .await;
    ask(
        &app,
        &admin,
        &net,
        "Nya föreskrifter om säkerhetsdatablad",
        "Kemikalieinspektionen har ändrat sina föreskrifter om märkning.",
    )
    .await;
    ask(
        &app,
        &admin,
        &net,
        "Gödsel på vintern",
        "Spridning på frusen mark är inte tillåten.",
    )
    .await;

    // A member of another municipality searches right away (read-your-writes for the asker
    // is covered by the same wait).
    let (_, inspector) = member(&app, "inspektor@eksjo.se").await;
    let cases = [
        ("vattenskydd", "Ny brunn inom vattenskyddsområdet"),
        ("anläggningen", "Hur stor anläggning för fem hushåll?"),
        ("skyddsniva", "Vilken skyddsnivå gäller vid sjön?"),
        (
            "kemikalieinspektonen",
            "Nya föreskrifter om säkerhetsdatablad",
        ),
    ];
    for (q, expected) in cases {
        let res = search(&app, &inspector, q).await;
        let found = titles(&res);
        assert_eq!(
            found.first().map(String::as_str),
            Some(expected),
            "{q}: {res}"
        );
    }
    // Snippets are escaped HTML with <mark>.
    let res = search(&app, &inspector, "markbädd").await;
    assert!(
        res["hits"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("<mark>"),
        "{res}"
    );
    // The typo was answered by typo tolerance, and says so.
    let res = search(&app, &inspector, "kemikalieinspektonen").await;
    assert_eq!(res["fuzzy"], true, "{res}");
    // Unrelated words find nothing.
    let res = search(&app, &inspector, "legionella").await;
    assert_eq!(res["totalCount"], 0, "{res}");
}

async fn non_member_never_sees_members_only_thread_in_hits_counts_or_facets(app: TestApp) {
    let admin = app.admin().await;
    let open = network(&app, &admin, "oppet-natverk", "Öppet", false).await;
    let closed = network(&app, &admin, "styrgrupp-test", "Styrgrupp", true).await;
    ask(
        &app,
        &admin,
        &closed,
        "Hemlig fråga om slamavskiljare",
        "Budget för slamavskiljare.",
    )
    .await;
    ask(
        &app,
        &admin,
        &open,
        "Öppen fråga om slamavskiljare",
        "Tömning av slamavskiljare.",
    )
    .await;
    let (_, outsider) = member(&app, "utanfor@nassjo.se").await;

    let res = search(&app, &outsider, "slamavskiljare").await;
    assert_eq!(res["totalCount"], 1, "{res}");
    assert_eq!(titles(&res), vec!["Öppen fråga om slamavskiljare"]);
    let text = res.to_string();
    assert!(
        !text.contains("styrgrupp-test"),
        "facet leaks the closed network: {text}"
    );
    assert!(!text.contains("Hemlig"), "{text}");
    let types = &res["facets"]["types"];
    assert_eq!(types[0]["count"], 1, "{res}");
    // The operator cannot pry it open either.
    let res = search(&app, &outsider, "nätverk:styrgrupp-test slamavskiljare").await;
    assert_eq!(res["totalCount"], 0, "{res}");

    let res = search(&app, &admin, "slamavskiljare").await;
    assert_eq!(res["totalCount"], 2, "{res}");
}

async fn search_operators_filter_and_exclude(app: TestApp) {
    let admin = app.admin().await;
    let a = network(&app, &admin, "avfall-test", "Avfall", false).await;
    let b = network(&app, &admin, "halsa-test", "Hälsoskydd", false).await;
    ask(
        &app,
        &admin,
        &a,
        "Illegal dumpning av byggavfall",
        "Dumpning i skogen vid vägen.",
    )
    .await;
    ask(
        &app,
        &admin,
        &b,
        "Buller från värmepump",
        "Dumpning nämns inte här men buller.",
    )
    .await;
    let (t, _) = thread(
        &app,
        &admin,
        &a,
        "DISCUSSION",
        "Dumpning av trädgårdsavfall",
    )
    .await;
    assert!(!t.is_empty());

    let res = search(&app, &admin, "dumpning").await;
    assert_eq!(res["totalCount"], 3, "{res}");
    let res = search(&app, &admin, "dumpning nätverk:avfall-test").await;
    assert_eq!(res["totalCount"], 2, "{res}");
    let res = search(&app, &admin, "dumpning -buller").await;
    assert_eq!(res["totalCount"], 2, "{res}");
    let res = search(&app, &admin, "\"dumpning av byggavfall\"").await;
    assert_eq!(
        titles(&res),
        vec!["Illegal dumpning av byggavfall"],
        "{res}"
    );
    let res = search(&app, &admin, "dumpning typ:person").await;
    assert_eq!(res["totalCount"], 0, "{res}");
}

async fn index_catches_up_after_a_crash_and_equals_the_database(app: TestApp) {
    use samsyn::accounts::{Access, AuthVia, Role};
    use samsyn::search::{
        execute::{SearchFilter, SearchPage},
        SearchService,
    };

    let admin = app.admin().await;
    let net = network(&app, &admin, "krasch-test", "Krasch", false).await;
    for i in 0..4 {
        ask(
            &app,
            &admin,
            &net,
            &format!("Fosforfälla nummer {i}"),
            "Fosforfälla och filter.",
        )
        .await;
    }
    // A second index, as a node that crashed: built once, then the database moves on while
    // it is down (its uncommitted work is simply gone; only the payload seq counts).
    let dir = tempfile::tempdir().unwrap();
    let db = app.state.db.clone();
    let crashed = SearchService::open(dir.path()).await.unwrap();
    crashed.rebuild(&db, |_, _| {}).await.unwrap();
    let seq_before = crashed.indexed_seq();
    for i in 4..7 {
        ask(
            &app,
            &admin,
            &net,
            &format!("Fosforfälla nummer {i}"),
            "Fosforfälla och filter.",
        )
        .await;
    }
    assert!(db.committed_seq() > seq_before);
    // Restart: it follows the change log from its payload seq and catches up.
    tokio::spawn(crashed.clone().follow(db.clone()));
    assert!(
        crashed
            .wait_for(db.committed_seq(), std::time::Duration::from_secs(10))
            .await,
        "did not catch up"
    );
    let live = app.search.clone();
    live.wait_for(db.committed_seq(), std::time::Duration::from_secs(10))
        .await;
    assert_eq!(crashed.num_docs(), live.num_docs());
    let access = Access::for_user(
        &db,
        1,
        "Admin".into(),
        Role::Admin,
        None,
        AuthVia::Session { session_id: 0 },
    )
    .await
    .unwrap();
    let q = SearchService::parse("fosforfälla");
    let a = crashed
        .search(
            &access,
            q.clone(),
            SearchFilter::default(),
            SearchPage::first(50),
        )
        .await
        .unwrap();
    let b = live
        .search(&access, q, SearchFilter::default(), SearchPage::first(50))
        .await
        .unwrap();
    assert_eq!(a.total, 7);
    assert_eq!(a.total, b.total);
    // A full rebuild gives the same index again.
    crashed.rebuild(&db, |_, _| {}).await.unwrap();
    assert_eq!(crashed.num_docs(), live.num_docs());
}

/// A page of thread hits with their nodes costs one thread statement, not one per hit; a
/// search that asks for no facets still counts hits, and one that does gets them.
async fn hits_load_their_threads_together_and_facets_only_when_asked(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "blabar", "Blåbär", false).await;
    for i in 0..8 {
        ask(
            &app,
            &admin,
            &net,
            &format!("Blåbärssoppa nummer {i}"),
            "Om blåbärssoppan i skolköket.",
        )
        .await;
    }
    let search = app.search.clone();
    assert!(
        search
            .wait_for(
                app.state.db.committed_seq(),
                std::time::Duration::from_secs(10)
            )
            .await
    );
    const PAGE: &str = "query($q: String!) { search(query: $q, first: 8) { totalCount hits { node { ... on Thread { title network { slug } } } } } }";
    let cost = || async {
        let before = app.state.db.counted_statements();
        let r = app
            .gql_with(&admin, PAGE, json!({ "q": "blåbärssoppa" }))
            .await;
        let after = app.state.db.counted_statements();
        assert_ok(&r);
        let hits = r["data"]["search"]["hits"].as_array().unwrap().clone();
        assert_eq!(hits.len(), 8, "{r}");
        assert!(hits.iter().all(|h| h["node"]["title"].is_string()), "{r}");
        after - before
    };
    cost().await;
    let statements = cost().await;
    assert!(
        (1..=3).contains(&statements),
        "8 thread hits cost {statements} statements"
    );

    let without = app
        .gql_with(
            &admin,
            "query { search(query: \"blåbärssoppa\", first: 1) { totalCount hasNextPage } }",
            json!({}),
        )
        .await;
    assert_ok(&without);
    assert_eq!(without["data"]["search"]["totalCount"], 8, "{without}");
    assert_eq!(without["data"]["search"]["hasNextPage"], true, "{without}");
    let with = app
        .gql_with(
            &admin,
            "query { search(query: \"blåbärssoppa\", first: 1) { facets { networks { value count } } } }",
            json!({}),
        )
        .await;
    assert_ok(&with);
    assert_eq!(
        with["data"]["search"]["facets"]["networks"],
        json!([{ "value": "blabar", "count": 8 }]),
        "{with}"
    );
}
