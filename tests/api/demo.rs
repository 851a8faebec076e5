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
