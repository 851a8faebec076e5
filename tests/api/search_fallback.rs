//! Search that never comes back empty-handed, through the API on both backends: the ranked
//! fallback on some of the words (search and similarQuestions), hints for queries with
//! nothing to search for, and references to law in any spelling with their page.

use serde_json::{json, Value};

use crate::both_backends;
use crate::forum::{network, reply, try_thread};
use crate::helpers::*;

both_backends!(
    too_few_hits_on_every_word_show_hits_on_some_with_the_missing_words,
    a_query_with_nothing_to_search_for_answers_nothing_with_a_swedish_hint,
    every_spelling_of_a_reference_to_law_finds_the_same_answers,
    similar_questions_fall_back_to_some_of_the_words,
);

const SEARCH: &str = "query($q: String!) { search(query: $q, first: 10) { totalCount fuzzy didYouMean partial droppedWords hint { code message } hits { titleHtml snippet missingWords node { ... on Thread { title } ... on Document { title } } } } }";

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

/// Asks a question; returns its thread id.
async fn ask(
    app: &TestApp,
    client: &reqwest::Client,
    net: &str,
    title: &str,
    body: &str,
) -> String {
    let r = try_thread(app, client, net, "QUESTION", title, body).await;
    assert_ok(&r);
    r["data"]["createThread"]["thread"]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn too_few_hits_on_every_word_show_hits_on_some_with_the_missing_words(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "avlopp-fallback", "Små avlopp", false).await;
    ask(
        &app,
        &admin,
        &net,
        "Krav på avloppsanläggningen vid nybyggnad",
        "Vilken skyddsnivå gäller för avloppsanläggningen?",
    )
    .await;
    ask(
        &app,
        &admin,
        &net,
        "Tömning av slamavskiljare",
        "Hur ofta ska slamavskiljaren tömmas?",
    )
    .await;
    let res = search(&app, &admin, "avloppsanläggning husförsäljning").await;
    assert_eq!(res["partial"], true, "{res}");
    assert_eq!(res["droppedWords"], json!(["husförsäljning"]), "{res}");
    assert_eq!(
        titles(&res),
        vec!["Krav på avloppsanläggningen vid nybyggnad"],
        "{res}"
    );
    assert_eq!(res["hits"][0]["missingWords"], json!(["husförsäljning"]));
    // Every word found: no fallback.
    let res = search(&app, &admin, "avloppsanläggning skyddsnivå").await;
    assert_eq!(res["partial"], false, "{res}");
    assert_eq!(res["droppedWords"], json!([]), "{res}");
    assert_eq!(res["hits"][0]["missingWords"], json!([]), "{res}");
    // A typo in a long compound beside a word found nowhere: found, with "menade du".
    let res = search(&app, &admin, "avloppsanlägning husförsäljning").await;
    assert_eq!(
        titles(&res).first().map(String::as_str),
        Some("Krav på avloppsanläggningen vid nybyggnad"),
        "{res}"
    );
    assert_eq!(res["fuzzy"], true, "{res}");
    let suggestion = res["didYouMean"].as_str().unwrap_or_default();
    assert!(suggestion.starts_with("avloppsanläggning"), "{res}");
}

async fn a_query_with_nothing_to_search_for_answers_nothing_with_a_swedish_hint(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "hint-test", "Hälsoskydd", false).await;
    ask(
        &app,
        &admin,
        &net,
        "Buller från värmepump",
        "Lågfrekvent buller.",
    )
    .await;
    let long = "ö".repeat(300);
    for (q, code) in [
        ("-", "NO_WORDS"),
        ("tag:", "NO_WORDS"),
        ("((", "NO_WORDS"),
        (long.as_str(), "WORD_TOO_LONG"),
        ("", "EMPTY_QUERY"),
        ("och att", "ONLY_STOP_WORDS"),
        ("buller typ:okänd", "UNKNOWN_TYPE"),
        ("lag:hallonsylt", "UNKNOWN_LAW"),
    ] {
        let res = search(&app, &admin, q).await;
        assert_eq!(res["totalCount"], 0, "{q}: {res}");
        assert_eq!(res["hint"]["code"], code, "{q}: {res}");
        let message = res["hint"]["message"].as_str().unwrap();
        assert!(message.chars().any(|c| "åäö".contains(c)), "{q}: {message}");
    }
    // A filter with no words still lists what it selects.
    let res = search(&app, &admin, "typ:tråd").await;
    assert_eq!(res["totalCount"], 1, "{res}");
    assert!(res["hint"].is_null(), "{res}");
}

async fn every_spelling_of_a_reference_to_law_finds_the_same_answers(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "juridik-test", "Juridik", false).await;
    let t = ask(
        &app,
        &admin,
        &net,
        "Föreläggande om åtgärder",
        "Kan vi förelägga fastighetsägaren?",
    )
    .await;
    reply(
        &app,
        &admin,
        &t,
        "Ja, enligt 26 kap. 9 § miljöbalken får tillsynsmyndigheten meddela förelägganden.",
    )
    .await;
    ask(
        &app,
        &admin,
        &net,
        "Vite i beslutet",
        "Vi skrev MB 26:9 och 26:14 MB i beslutet.",
    )
    .await;
    ask(
        &app,
        &admin,
        &net,
        "Tillsynsavgift",
        "Avgiften tas ut enligt MB 27:1.",
    )
    .await;
    let want = vec![
        "Föreläggande om åtgärder".to_string(),
        "Vite i beslutet".to_string(),
    ];
    for q in [
        "MB 26:9",
        "26:9 MB",
        "26 kap. 9 § miljöbalken",
        "lag:\"MB 26:9\"",
        "lag:\"26 kap. 9 § MB\"",
    ] {
        let res = search(&app, &admin, q).await;
        let mut found = titles(&res);
        found.sort();
        assert_eq!(found, want, "{q}: {res}");
    }
    let res = search(&app, &admin, "lag:MB").await;
    assert_eq!(res["totalCount"], 3, "{res}");
    // The reference's page: its key, name, official text and the search that lists it.
    let page = app
        .gql_with(
            &admin,
            "query($r: String!) { lawReference(reference: $r) { key label officialUrl searchQuery broader { key } } }",
            json!({ "r": "26 kap. 9 § miljöbalken" }),
        )
        .await;
    assert_ok(&page);
    let r = &page["data"]["lawReference"];
    assert_eq!(r["key"], "MB 26:9", "{page}");
    assert_eq!(r["label"], "26 kap. 9 § miljöbalken (1998:808)");
    assert_eq!(
        r["officialUrl"],
        "https://rkrattsbaser.gov.se/sfst?bet=1998:808"
    );
    assert_eq!(r["searchQuery"], "lag:\"MB 26:9\"");
    assert_eq!(
        r["broader"],
        json!([{ "key": "MB 26 kap." }, { "key": "MB" }])
    );
    let none = app
        .gql_with(
            &admin,
            "{ lawReference(reference: \"hallonsylt\") { key } }",
            json!({}),
        )
        .await;
    assert_ok(&none);
    assert!(none["data"]["lawReference"].is_null(), "{none}");
    // The answer's HTML links the reference to its page.
    let posts = app
        .gql_with(
            &admin,
            "query($id: ID!) { thread(id: $id) { posts(first: 10) { nodes { bodyHtml } } } }",
            json!({ "id": t }),
        )
        .await;
    assert_ok(&posts);
    let html = posts.to_string();
    assert!(html.contains("/lag/MB%2026%3A9"), "{html}");
}

async fn similar_questions_fall_back_to_some_of_the_words(app: TestApp) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "fosfor-test", "Små avlopp", false).await;
    ask(
        &app,
        &admin,
        &net,
        "Uppföljning av fosforfällor",
        "Hur följer ni upp att fosforfällan faktiskt byts?",
    )
    .await;
    ask(
        &app,
        &admin,
        &net,
        "Ny avloppsanläggning nära sjö",
        "Ansökan om tillstånd för en avloppsanläggning.",
    )
    .await;
    const SIMILAR: &str = "query($t: String!) { similarQuestions(title: $t) { missingWords node { ... on Thread { title } } } }";
    for (title, want) in [
        (
            "Hur ofta ska fosforfällan bytas?",
            "Uppföljning av fosforfällor",
        ),
        (
            "Avloppsanläggning vid husförsäljning",
            "Ny avloppsanläggning nära sjö",
        ),
    ] {
        let r = app.gql_with(&admin, SIMILAR, json!({ "t": title })).await;
        assert_ok(&r);
        let hits = r["data"]["similarQuestions"].as_array().unwrap();
        assert_eq!(
            hits.first().map(|h| h["node"]["title"].clone()),
            Some(json!(want)),
            "{title}: {r}"
        );
        assert!(
            !hits[0]["missingWords"].as_array().unwrap().is_empty(),
            "{title}: {r}"
        );
    }
}
