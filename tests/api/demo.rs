//! A new database with SAMSYN_DEMO on gets the demo content from the verksamhetsplan.

use serde_json::json;

use crate::helpers::*;

async fn demo_content_is_loaded(app: TestApp) {
    let admin = app.admin().await;
    let users = app
        .gql_with(&admin, "{ users { email role } }", json!({}))
        .await;
    assert_ok(&users);
    let list = users["data"]["users"].as_array().unwrap();
    assert!(list.len() > 40, "demo users: {}", list.len());
    assert!(list.iter().any(|u| u["role"] == "MANAGER"));
    let orgs = app
        .gql_with(&admin, "{ organisations { slug } }", json!({}))
        .await;
    assert_eq!(orgs["data"]["organisations"].as_array().unwrap().len(), 15);
    // Vanliga frågor are not empty, and one comes up for review within 30 days.
    let faq = app
        .gql_with(
            &admin,
            "{ network(slug: \"sma-avlopp\") { faq { edges { node { title faq { summary reviewBy promotedBy { displayName } } } } } }
               faqDueForReview(withinDays: 30) { edges { node { title } } } }",
            json!({}),
        )
        .await;
    assert_ok(&faq);
    let entries = faq["data"]["network"]["faq"]["edges"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{faq}");
    assert_eq!(
        entries[0]["node"]["faq"]["promotedBy"]["displayName"],
        "Lena Mårtensson"
    );
    assert!(entries[0]["node"]["faq"]["reviewBy"].is_string());
    let due = faq["data"]["faqDueForReview"]["edges"].as_array().unwrap();
    assert_eq!(due.len(), 1, "{faq}");
    assert!(due[0]["node"]["title"]
        .as_str()
        .unwrap()
        .starts_with("Fosforkrav"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_content_is_loaded_sqlite() {
    let app = spawn_with(Backend::Sqlite, "demo", |c| c.demo = true)
        .await
        .unwrap();
    demo_content_is_loaded(app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_content_is_loaded_postgres() {
    if let Some(app) = spawn_with(Backend::Postgres, "demo", |c| c.demo = true).await {
        demo_content_is_loaded(app).await;
    }
}
