//! Operations: backup and restore of a live SQLite database, metrics, readiness.

use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::*;

both_backends!(metrics_count_operations_and_login_failures);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_of_a_live_database_restores_into_an_empty_folder() {
    let app = spawn_app(Backend::Sqlite, "backup").await.unwrap();
    let admin = app.admin().await;
    // Writers keep going while the backup is taken.
    let writer = {
        let admin = admin.clone();
        let url = app.url("/graphql");
        tokio::spawn(async move {
            let mut ok = 0;
            for i in 0..40 {
                let body: Value = admin
                    .post(&url)
                    .json(&json!({
                        "query": "mutation($n: String!) { createApiToken(input: { name: $n, scope: READ }) { token } }",
                        "variables": { "n": format!("under backup {i}") }
                    }))
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                assert!(body["errors"].is_null(), "{body}");
                ok += 1;
            }
            ok
        })
    };
    let backup_dir = tempfile::tempdir().unwrap();
    let file = backup_dir.path().join("samsyn-backup.db");
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let bytes = samsyn::db::backup::backup(&app.state.db, &file)
        .await
        .unwrap();
    assert!(bytes > 0);
    assert_eq!(writer.await.unwrap(), 40, "writes failed during backup");
    samsyn::db::backup::integrity_check(&file).await.unwrap();
    // A second backup to the same name is refused rather than overwritten.
    assert!(samsyn::db::backup::backup(&app.state.db, &file)
        .await
        .is_err());

    let restored = tempfile::tempdir().unwrap();
    let data = restored.path().join("data");
    samsyn::db::backup::restore(&file, &data).await.unwrap();
    let data2 = data.clone();
    let app2 = spawn_with(Backend::Sqlite, "restored", move |c| c.data_dir = data2)
        .await
        .unwrap();
    let admin2 = app2.admin().await;
    let tokens = app2
        .gql_with(&admin2, "{ apiTokens { name } }", json!({}))
        .await;
    assert_ok(&tokens);
    let n = tokens["data"]["apiTokens"].as_array().unwrap().len();
    assert!(n <= 40, "more tokens than were written: {n}");
    assert!(data.join("index").exists(), "index was not rebuilt");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_command_copies_a_running_server() {
    let app = spawn_app(Backend::Sqlite, "backup_cli").await.unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("kopia.db");
    let data_dir = app.state.config.data_dir.clone();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_samsyn"))
            .env("SAMSYN_DATA_DIR", &data_dir)
            .env_remove("SAMSYN_DATABASE_URL")
            .arg("backup")
            .arg(&file)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("integritetskontroll ok"), "{stdout}");
}

async fn metrics_count_operations_and_login_failures(app: TestApp) {
    let _ = app
        .gql(
            "mutation Inloggning($i: LoginInput!) { login(input: $i) { user { id } } }",
            json!({ "i": { "email": ADMIN_EMAIL, "password": "fel-lösenord-xx" } }),
        )
        .await;
    let admin = app.admin().await;
    let _ = app
        .gql_with(&admin, "query Jag { me { id } }", json!({}))
        .await;
    let text = app
        .client
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("samsyn_login_failures_total"), "{text}");
    assert!(text.contains("operation=\"Jag\""), "{text}");
    assert!(
        text.contains("samsyn_graphql_request_duration_seconds_bucket"),
        "{text}"
    );
    assert!(text.contains("samsyn_http_requests_total"), "{text}");
}

both_backends!(reset_password_from_the_shell_lets_a_locked_out_admin_back_in);

/// `samsyn user reset-password`: the operator who lost the first admin's password gets a
/// new one printed once; the old password and the old sessions stop working.
async fn reset_password_from_the_shell_lets_a_locked_out_admin_back_in(app: TestApp) {
    let old_session = session_cookie(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let data_dir = app.state.config.data_dir.clone();
    let database_url = app.state.config.database_url.clone();
    let run = move |email: &'static str| {
        let data_dir = data_dir.clone();
        let database_url = database_url.clone();
        tokio::task::spawn_blocking(move || {
            let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_samsyn"));
            cmd.env("SAMSYN_DATA_DIR", &data_dir)
                .env_remove("SAMSYN_NEW_USER_PASSWORD")
                .args(["user", "reset-password", email]);
            match &database_url {
                Some(url) => cmd.env("SAMSYN_DATABASE_URL", url),
                None => cmd.env_remove("SAMSYN_DATABASE_URL"),
            };
            cmd.output().unwrap()
        })
    };
    let out = run(ADMIN_EMAIL).await.unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{}{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    let new_password = stdout
        .lines()
        .find_map(|l| l.split_once("): ").map(|(_, p)| p.trim().to_string()))
        .unwrap_or_else(|| panic!("no password printed: {stdout}"));
    assert!(new_password.len() >= 12, "{stdout}");

    let login = |password: String| {
        let app = &app;
        async move {
            app.gql(
                "mutation($i: LoginInput!) { login(input: $i) { user { id } } }",
                json!({ "i": { "email": ADMIN_EMAIL, "password": password } }),
            )
            .await
        }
    };
    assert_eq!(code(&login(ADMIN_PASSWORD.to_string()).await), "BAD_INPUT");
    assert_ok(&login(new_password).await);
    let me = reqwest::Client::new()
        .post(app.url("/graphql"))
        .header("cookie", &old_session)
        .json(&json!({ "query": "{ me { id } }" }))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert!(me["data"]["me"].is_null(), "old session still open: {me}");

    // An unknown address is refused with a clear message and changes nothing.
    let out = run("ingen.alls@example.se").await.unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Ingen användare"), "{stderr}");
}
