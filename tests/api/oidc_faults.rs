//! Identity providers that fail: expired tokens (a provider whose clock is behind), an
//! issuer that is not the one configured, a provider that is down or too slow; and the
//! admin API's rules and the settings file, which need no provider at all.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::{
    both_backends,
    helpers::*,
    oidc::{self, browser, configure_eksjo, org_id, to_callback, visit, Provider, CREATE},
};

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::helpers::Backend::Sqlite).await;
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name($crate::helpers::Backend::Postgres).await;
                }
            }
        )*
    };
}

on_both!(
    expired_id_tokens_are_refused,
    wrong_issuer_unreachable_and_slow_providers_are_refused,
);

async fn expired_id_tokens_are_refused(backend: Backend) {
    let test = "expired_id_tokens_are_refused";
    if !oidc::oidc_enabled(test) {
        return;
    }
    let Some(app) = spawn_at_public_url(backend, test, |_| {}).await else {
        return;
    };
    // Ten minutes behind: its five-minute ID tokens have expired when they arrive.
    let provider = Provider::start(&app, 600).await;
    configure_eksjo(&app, &provider.issuer).await;
    let b = browser();
    let cb = to_callback(&app, &provider, &b, "anna").await;
    let (status, page, session) = visit(&b, &cb).await;
    assert_eq!((status, session), (400, false), "{page}");
    assert!(page.contains("kunde inte godkännas"), "{page}");
}

async fn wrong_issuer_unreachable_and_slow_providers_are_refused(backend: Backend) {
    let test = "wrong_issuer_unreachable_and_slow_providers_are_refused";
    if !oidc::oidc_enabled(test) {
        return;
    }
    let Some(app) = spawn_at_public_url(backend, test, |c| c.oidc_timeout_secs = 2).await else {
        return;
    };
    let provider = Provider::start(&app, 0).await;
    let admin = app.admin().await;
    let add = |org: serde_json::Value, issuer: String| {
        json!({ "i": { "organisationId": org, "issuer": issuer, "clientId": oidc::CLIENT_ID,
                       "clientSecretEnv": "SAMSYN_OIDC_TEST_UNUSED", "emailDomains": ["example.se"] } })
    };
    // The same server under another name: its discovery document names another issuer.
    let nassjo = org_id(&app, &admin, "nassjo").await;
    let other_name = provider.issuer.replace("127.0.0.1", "localhost");
    assert_ok(&app.gql_with(&admin, CREATE, add(nassjo, other_name)).await);
    let (status, page, _) = visit(&browser(), &app.url("/auth/oidc/nassjo")).await;
    assert_eq!(status, 502, "{page}");
    assert!(page.contains("felaktigt inställd"), "{page}");

    // Nobody listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let down = format!("http://127.0.0.1:{}", closed.local_addr().unwrap().port());
    drop(closed);
    let tranas = org_id(&app, &admin, "tranas").await;
    assert_ok(&app.gql_with(&admin, CREATE, add(tranas, down)).await);
    let (status, page, _) = visit(&browser(), &app.url("/auth/oidc/tranas")).await;
    assert_eq!(status, 502, "{page}");
    assert!(page.contains("kunde inte nå"), "{page}");

    // A provider that accepts the connection and never answers.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent_url = format!("http://127.0.0.1:{}", silent.local_addr().unwrap().port());
    let held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((sock, _)) = silent.accept().await {
            open.push(sock);
        }
    });
    let aneby = org_id(&app, &admin, "aneby").await;
    assert_ok(&app.gql_with(&admin, CREATE, add(aneby, silent_url)).await);
    let started = Instant::now();
    let (status, page, _) = visit(&browser(), &app.url("/auth/oidc/aneby")).await;
    assert_eq!(status, 504, "{page}");
    assert!(page.contains("tog för lång tid"), "{page}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "bounded by the 2 s timeout"
    );
    held.abort();

    // Discovery answers, the token endpoint is slow.
    configure_eksjo(&app, &provider.issuer).await;
    provider.set("slow?ms=5000").await;
    let b = browser();
    let cb = to_callback(&app, &provider, &b, "anna").await;
    let (status, page, session) = visit(&b, &cb).await;
    assert_eq!((status, session), (504, false), "{page}");
    assert!(me_is_nobody(&app, &b).await);
}

async fn me_is_nobody(app: &TestApp, b: &reqwest::Client) -> bool {
    oidc::me(app, b).await.is_null()
}

both_backends!(provider_settings_are_validated_and_admins_only);

async fn provider_settings_are_validated_and_admins_only(app: TestApp) {
    let admin = app.admin().await;
    let eksjo = org_id(&app, &admin, "eksjo").await;
    let input = |issuer: &str, secret_env: Option<&str>, domains: Vec<&str>| {
        json!({ "i": { "organisationId": eksjo, "issuer": issuer, "clientId": "c",
                       "clientSecretEnv": secret_env, "emailDomains": domains } })
    };
    let entra = "https://login.microsoftonline.com/0d1e2f3a-aaaa-bbbb-cccc-123456789abc/v2.0";
    let cases = [
        (
            input("http://login.example.se", None, vec!["eksjo.se"]),
            "issuer",
        ),
        (
            input(entra, Some("SAMSYN_DATABASE_URL"), vec!["eksjo.se"]),
            "clientSecretEnv",
        ),
        (input(entra, None, vec![]), "emailDomains"),
        (input(entra, None, vec!["eksjo"]), "emailDomains"),
    ];
    for (bad, field) in cases {
        let body = app.gql_with(&admin, CREATE, bad).await;
        assert_code(&body, "BAD_INPUT");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{body}");
    }
    let both = json!({ "i": { "organisationId": eksjo, "issuer": entra, "clientId": "c",
        "clientSecret": "s", "clientSecretEnv": "SAMSYN_OIDC_EKSJO", "emailDomains": ["eksjo.se"] } });
    assert_code(&app.gql_with(&admin, CREATE, both).await, "BAD_INPUT");

    let good = input(entra, Some("SAMSYN_OIDC_EKSJO_SECRET"), vec!["Eksjo.se"]);
    let (_, member) = app.user("bo.ek@eksjo.se", "MEMBER", Some("eksjo")).await;
    assert_code(
        &app.gql_with(&member, CREATE, good.clone()).await,
        "FORBIDDEN",
    );
    assert_code(
        &app.gql_with(&member, "{ oidcProviders { id } }", json!({}))
            .await,
        "FORBIDDEN",
    );
    let made = app.gql_with(&admin, CREATE, good.clone()).await;
    assert_ok(&made);
    assert_eq!(
        made["data"]["createOidcProvider"]["provider"]["emailDomains"],
        json!(["eksjo.se"])
    );
    assert_code(&app.gql_with(&admin, CREATE, good).await, "CONFLICT");

    // A stored secret never comes back; the schema has no field for it.
    let id = made["data"]["createOidcProvider"]["provider"]["id"].clone();
    let upd = "mutation($i: UpdateOidcProviderInput!) { updateOidcProvider(input: $i) { provider { clientSecretSource clientSecretEnv } } }";
    let stored = app
        .gql_with(
            &admin,
            upd,
            json!({ "i": { "id": id, "clientSecret": "hemlig-123" } }),
        )
        .await;
    assert_ok(&stored);
    assert_eq!(
        stored["data"]["updateOidcProvider"]["provider"]["clientSecretSource"],
        "STORED"
    );
    let all = app
        .gql_with(
            &admin,
            "{ oidcProviders { id issuer clientId clientSecretSource } }",
            json!({}),
        )
        .await;
    assert!(!all.to_string().contains("hemlig-123"));
    let sealed: String = sqlx::query_scalar("SELECT client_secret_sealed FROM oidc_providers")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert!(
        sealed.starts_with("v1:") && !sealed.contains("hemlig"),
        "sealed at rest"
    );

    // Deleting: admins only; the login page then offers nothing.
    let del = "mutation($i: DeleteOidcProviderInput!) { deleteOidcProvider(input: $i) { deletedProviderId } }";
    assert_code(
        &app.gql_with(&member, del, json!({ "i": { "id": id } }))
            .await,
        "FORBIDDEN",
    );
    assert_ok(
        &app.gql_with(&admin, del, json!({ "i": { "id": id } }))
            .await,
    );
    let buttons = app.gql("{ loginProviders { label } }", json!({})).await;
    assert_eq!(buttons["data"]["loginProviders"], json!([]));
}

on_both!(providers_from_the_settings_file_are_shown_but_not_editable);

async fn providers_from_the_settings_file_are_shown_but_not_editable(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("oidc.json");
    std::fs::write(
        &file,
        r#"{ "providers": [ { "organisation": "vetlanda",
             "issuer": "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0",
             "clientId": "vetlanda-app", "clientSecretEnv": "SAMSYN_OIDC_VETLANDA_SECRET",
             "emailDomains": ["vetlanda.se"], "localPasswords": false } ] }"#,
    )
    .unwrap();
    let path = file.clone();
    let Some(app) = spawn_with(backend, "settings_file", move |c| {
        c.oidc_providers_file = Some(path);
    })
    .await
    else {
        return;
    };
    let admin = app.admin().await;
    let list = app
        .gql_with(
            &admin,
            "{ oidcProviders { id organisationName clientSecretSource clientSecretEnv fromSettingsFile localPasswords } }",
            json!({}),
        )
        .await;
    assert_ok(&list);
    let p = &list["data"]["oidcProviders"][0];
    assert_eq!(p["organisationName"], "Vetlanda kommun");
    assert_eq!(p["clientSecretSource"], "ENVIRONMENT");
    assert_eq!(p["fromSettingsFile"], true);
    assert_eq!(p["localPasswords"], false);
    let upd = app
        .gql_with(
            &admin,
            "mutation($i: UpdateOidcProviderInput!) { updateOidcProvider(input: $i) { provider { id } } }",
            json!({ "i": { "id": p["id"], "enabled": false } }),
        )
        .await;
    assert_code(&upd, "BAD_INPUT");
    let buttons = app.gql("{ loginProviders { label } }", json!({})).await;
    assert_eq!(
        buttons["data"]["loginProviders"][0]["label"],
        "Logga in med Vetlanda kommun"
    );
}
