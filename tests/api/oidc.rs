//! Signing in through an organisation's identity provider, against a real one: the npm
//! package `oidc-provider` (tests/oidc/provider.mjs) on loopback, walked over HTTP like a
//! browser would (cookies, redirects one at a time). Switched on by SAMSYN_TEST_OIDC=1
//! (Node.js and `npm ci` in tests/oidc); the admin API's validation runs always.

use std::{path::PathBuf, process::Stdio, time::Duration};

use serde_json::{json, Value};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, ChildStdin, Command},
};

use crate::helpers::*;
pub use crate::oidc_walk::*;

pub fn oidc_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/oidc")
}

/// True when the provider tests should run; prints why not (or panics when skips are refused).
pub fn oidc_enabled(test: &str) -> bool {
    if std::env::var("SAMSYN_TEST_OIDC").is_ok_and(|v| !v.trim().is_empty() && v != "0") {
        return true;
    }
    if std::env::var("SAMSYN_TEST_REQUIRE_ALL").as_deref() == Ok("1") {
        panic!("{test}: SAMSYN_TEST_OIDC is unset but SAMSYN_TEST_REQUIRE_ALL=1");
    }
    eprintln!("skipped {test}: SAMSYN_TEST_OIDC is unset (needs Node.js and tests/oidc)");
    false
}

async fn install_provider() {
    let dir = oidc_dir();
    if dir.join("node_modules/oidc-provider").is_dir() {
        return;
    }
    let out = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir)
        .output()
        .await
        .expect("run `npm ci` in tests/oidc (is Node.js installed?)");
    assert!(
        out.status.success(),
        "`npm ci` in tests/oidc failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

pub const CLIENT_ID: &str = "samsyn-eksjo";
pub const CLIENT_SECRET: &str = "eksjo-hemlighet-for-test";

/// A running oidc-provider; stopped when dropped (its stdin closes, and it is killed).
pub struct Provider {
    pub issuer: String,
    _child: Child,
    _stdin: ChildStdin,
}

impl Provider {
    pub async fn start(app: &TestApp, clock_skew_secs: i64) -> Provider {
        install_provider().await;
        let mut child = Command::new("node")
            .arg(oidc_dir().join("provider.mjs"))
            .current_dir(oidc_dir())
            .env("REDIRECT_URI", app.url("/auth/oidc/callback"))
            .env("POST_LOGOUT_URI", app.url("/utloggad"))
            .env("CLIENT_ID", CLIENT_ID)
            .env("CLIENT_SECRET", CLIENT_SECRET)
            .env("CLOCK_SKEW_SECONDS", clock_skew_secs.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start node tests/oidc/provider.mjs");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let first = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
            .await
            .expect("oidc-provider did not start within 20 s")
            .expect("read oidc-provider output")
            .expect("oidc-provider exited before listening");
        let issuer = first
            .strip_prefix("listening ")
            .unwrap_or_else(|| panic!("unexpected oidc-provider output: {first}"))
            .to_string();
        let stdin = child.stdin.take().unwrap();
        Provider {
            issuer,
            _child: child,
            _stdin: stdin,
        }
    }

    /// Changes the provider while it runs: rotate | foreign | slow?ms=… | normal.
    pub async fn set(&self, what: &str) {
        let resp = reqwest::Client::new()
            .post(format!("{}/__test/{what}", self.issuer))
            .send()
            .await
            .expect("control the test provider");
        assert_eq!(resp.status(), 204, "provider control {what}");
    }
}

/// The app (on its public URL) and the provider, or None when the test is skipped.
pub async fn start(
    backend: Backend,
    test: &str,
    adjust: impl FnOnce(&mut samsyn::config::Config),
) -> Option<(TestApp, Provider)> {
    if !oidc_enabled(test) {
        return None;
    }
    let app = spawn_at_public_url(backend, test, adjust).await?;
    let provider = Provider::start(&app, 0).await;
    Some((app, provider))
}

pub async fn org_id(app: &TestApp, admin: &reqwest::Client, slug: &str) -> Value {
    let orgs = app
        .gql_with(admin, "{ organisations { id slug } }", json!({}))
        .await;
    orgs["data"]["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["slug"] == slug)
        .map(|o| o["id"].clone())
        .unwrap_or_else(|| panic!("no organisation {slug}"))
}

pub const CREATE: &str = "mutation($i: CreateOidcProviderInput!) { createOidcProvider(input: $i) {
    provider { id organisationName issuer clientSecretSource emailDomains redirectUri } } }";

/// Sets up Eksjö kommun's provider as an admin does, with the client secret stored.
pub async fn configure_eksjo(app: &TestApp, issuer: &str) -> Value {
    let admin = app.admin().await;
    let org = org_id(app, &admin, "eksjo").await;
    let body = app
        .gql_with(
            &admin,
            CREATE,
            json!({ "i": { "organisationId": org, "issuer": issuer, "clientId": CLIENT_ID,
                           "clientSecret": CLIENT_SECRET, "emailDomains": ["eksjo.se"] } }),
        )
        .await;
    assert_ok(&body);
    body["data"]["createOidcProvider"]["provider"].clone()
}

/// Generates `<name>::sqlite` and `<name>::postgres` for a scenario that takes the app
/// and a running provider.
macro_rules! with_provider {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    if let Some((app, p)) = super::start(
                        $crate::helpers::Backend::Sqlite, stringify!($name), |_| {}).await {
                        super::$name(app, p).await;
                    }
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some((app, p)) = super::start(
                        $crate::helpers::Backend::Postgres, stringify!($name), |_| {}).await {
                        super::$name(app, p).await;
                    }
                }
            }
        )*
    };
}

with_provider!(
    inspector_signs_in_with_eksjo_and_lands_as_member_with_phone_book_entry_linked,
    tampered_replayed_and_cancelled_callbacks_are_refused_without_a_session,
    foreign_signed_tokens_are_refused_and_key_rotation_is_followed,
    deactivated_foreign_and_unverified_people_are_refused,
    an_organisation_can_require_its_provider_instead_of_passwords,
);

async fn inspector_signs_in_with_eksjo_and_lands_as_member_with_phone_book_entry_linked(
    app: TestApp,
    provider: Provider,
) {
    let admin = app.admin().await;
    // Anna is in the phone book already, without an account.
    let person = app
        .gql_with(
            &admin,
            "mutation($i: UpsertPersonInput!) { upsertPerson(input: $i) { person { id } } }",
            json!({ "i": { "name": "Anna Lind", "organisationId": "eksjo", "email": "anna.lind@eksjo.se",
                           "title": "miljöinspektör" } }),
        )
        .await;
    assert_ok(&person);
    let person_id = person["data"]["upsertPerson"]["person"]["id"].clone();
    let configured = configure_eksjo(&app, &provider.issuer).await;
    assert_eq!(configured["clientSecretSource"], "STORED");
    assert_eq!(configured["redirectUri"], app.url("/auth/oidc/callback"));

    // The login page's button, as anyone sees it.
    let buttons = app
        .gql("{ loginProviders { label startUrl } }", json!({}))
        .await;
    assert_eq!(
        buttons["data"]["loginProviders"],
        json!([{ "label": "Logga in med Eksjö kommun", "startUrl": "/auth/oidc/eksjo" }])
    );

    let b = browser();
    let authorize = begin(&app, &b, "/auth/oidc/eksjo?till=/forum").await;
    assert!(
        authorize.starts_with(&format!("{}/auth?", provider.issuer)),
        "{authorize}"
    );
    assert_eq!(
        param(&authorize, "response_type"),
        "code",
        "no implicit flow"
    );
    assert_eq!(param(&authorize, "code_challenge_method"), "S256");
    assert_eq!(param(&authorize, "code_challenge").len(), 43);
    assert!(!param(&authorize, "state").is_empty() && !param(&authorize, "nonce").is_empty());
    assert_eq!(param(&authorize, "client_id"), CLIENT_ID);
    assert!(param(&authorize, "scope").contains("openid"));
    let callback = at_provider(&provider, &b, &authorize, "anna", false).await;
    assert!(
        callback.starts_with(&app.url("/auth/oidc/callback?")),
        "{callback}"
    );
    let (status, to, session) = visit(&b, &callback).await;
    assert_eq!((status, to.as_str(), session), (303, "/forum", true));

    let anna = me(&app, &b).await;
    assert_eq!(anna["displayName"], "Anna Lind");
    assert_eq!(anna["email"], "anna.lind@eksjo.se");
    assert_eq!(anna["role"], "MEMBER");
    assert_eq!(anna["organisation"]["name"], "Eksjö kommun");
    let linked = app
        .gql_with(
            &admin,
            "query($id: ID!) { node(id: $id) { ... on Person { user { id } } } }",
            json!({ "id": person_id }),
        )
        .await;
    assert_eq!(
        linked["data"]["node"]["user"]["id"], anna["id"],
        "phone-book entry linked"
    );

    // Her export of her data names the link, not any token.
    let mine = app.gql_with(&b, "{ myData }", json!({})).await;
    assert_ok(&mine);
    let links = &mine["data"]["myData"]["signInLinks"];
    assert_eq!(links[0]["issuer"], provider.issuer.as_str(), "{links}");
    assert_eq!(links[0]["subject"], "anna", "the provider's account id");

    // The second sign-in, in another browser, is the same account.
    let users_before = app.gql_with(&admin, "{ users { id } }", json!({})).await;
    let again = sign_in(&app, &provider, "anna").await;
    assert_eq!(me(&app, &again).await["id"], anna["id"]);
    let users_after = app.gql_with(&admin, "{ users { id } }", json!({})).await;
    assert_eq!(
        users_before["data"]["users"].as_array().unwrap().len(),
        users_after["data"]["users"].as_array().unwrap().len()
    );

    // Signing out: Samsyn's session ends, and the provider's own sign-out is offered,
    // by client id (no token in the URL).
    let via = app
        .gql_with(
            &again,
            "{ mySignIn { provider { organisationName } endSessionUrl } }",
            json!({}),
        )
        .await;
    assert_ok(&via);
    let end = via["data"]["mySignIn"]["endSessionUrl"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        end.starts_with(&format!("{}/session/end?", provider.issuer)),
        "{end}"
    );
    assert_eq!(param(&end, "client_id"), CLIENT_ID);
    assert_eq!(
        param(&end, "post_logout_redirect_uri"),
        app.url("/utloggad")
    );
    assert!(!end.contains("id_token"), "{end}");
    let out = app.gql_with(&again, "mutation { logout }", json!({})).await;
    assert_ok(&out);
    assert!(me(&app, &again).await.is_null());
    // A password sign-in has no provider to sign out of.
    let none = app
        .gql_with(&admin, "{ mySignIn { endSessionUrl } }", json!({}))
        .await;
    assert!(none["data"]["mySignIn"].is_null(), "{none}");
    // The provider's end-session page takes the registered client and return address.
    let resp = browser().get(&end).send().await.unwrap();
    assert_eq!(
        resp.status(),
        200,
        "the provider knows the end-session request"
    );
}

async fn tampered_replayed_and_cancelled_callbacks_are_refused_without_a_session(
    app: TestApp,
    provider: Provider,
) {
    configure_eksjo(&app, &provider.issuer).await;
    let refused = |page: &(u16, String, bool), status: u16, words: &str| {
        assert_eq!((page.0, page.2), (status, false), "{}", page.1);
        assert!(page.1.contains(words), "expected «{words}» in {}", page.1);
        assert!(page.1.contains("href=\"/logga-in\""), "the way back");
    };

    // A tampered state.
    let b = browser();
    let cb = to_callback(&app, &provider, &b, "anna").await;
    let tampered = with_param(&cb, "state", &format!("{}x", param(&cb, "state")));
    refused(&visit(&b, &tampered).await, 400, "kunde inte slutföras");
    assert!(me(&app, &b).await.is_null());

    // The genuine callback opened in another browser (a stolen link), one that has started
    // a sign-in of its own: refused, and used up.
    let b = browser();
    let cb = to_callback(&app, &provider, &b, "anna").await;
    let thief = browser();
    begin(&app, &thief, "/auth/oidc/eksjo").await;
    refused(
        &visit(&thief, &cb).await,
        400,
        "påbörjats i den här webbläsaren",
    );
    refused(&visit(&b, &cb).await, 400, "kunde inte slutföras");
    assert!(me(&app, &b).await.is_null() && me(&app, &thief).await.is_null());
    // And one without any sign-in cookie.
    let cb = to_callback(&app, &provider, &b, "anna").await;
    refused(&visit(&browser(), &cb).await, 400, "kunde inte slutföras");

    // A callback works once: the same URL again is refused, the session stays the first's.
    let b = browser();
    let cb = to_callback(&app, &provider, &b, "anna").await;
    let used_code = param(&cb, "code");
    assert_eq!(visit(&b, &cb).await.0, 303);
    let b2 = browser();
    refused(&visit(&b2, &cb).await, 400, "kunde inte slutföras");

    // A replayed code under a fresh state: the provider refuses to redeem it twice.
    let b3 = browser();
    let cb3 = to_callback(&app, &provider, &b3, "anna").await;
    let replay = with_param(&cb3, "code", &used_code);
    refused(&visit(&b3, &replay).await, 400, "godtog inte inloggningen");
    assert!(me(&app, &b3).await.is_null());

    // Another issuer named in the response (a mix-up).
    let b4 = browser();
    let cb4 = to_callback(&app, &provider, &b4, "anna").await;
    let mixed = with_param(&cb4, "iss", "https://login.example.org");
    refused(&visit(&b4, &mixed).await, 502, "felaktigt inställd");

    // Cancelled at the provider.
    let b5 = browser();
    let authorize = begin(&app, &b5, "/auth/oidc/eksjo").await;
    let cancelled = at_provider(&provider, &b5, &authorize, "anna", true).await;
    assert_eq!(param(&cancelled, "error"), "access_denied");
    refused(&visit(&b5, &cancelled).await, 400, "avbröt eller nekade");

    // No state at all, and an unknown provider.
    refused(
        &visit(&browser(), &app.url("/auth/oidc/callback?code=x")).await,
        400,
        "kunde inte slutföras",
    );
    refused(
        &visit(&browser(), &app.url("/auth/oidc/nassjo")).await,
        404,
        "finns inte",
    );
}

async fn foreign_signed_tokens_are_refused_and_key_rotation_is_followed(
    app: TestApp,
    provider: Provider,
) {
    configure_eksjo(&app, &provider.issuer).await;
    // Samsyn learns the provider's keys with the first sign-in.
    let first = sign_in(&app, &provider, "anna").await;
    assert!(!me(&app, &first).await.is_null());

    // Signed with a key the provider does not publish.
    provider.set("foreign").await;
    let b = browser();
    let cb = to_callback(&app, &provider, &b, "anna").await;
    let (status, page, session) = visit(&b, &cb).await;
    assert_eq!((status, session), (400, false), "{page}");
    assert!(page.contains("kunde inte godkännas"), "{page}");
    assert!(me(&app, &b).await.is_null());

    // The provider rotates to a new key: Samsyn fetches the key set again and goes on.
    provider.set("rotate").await;
    let b = sign_in(&app, &provider, "anna").await;
    assert_eq!(me(&app, &b).await["email"], "anna.lind@eksjo.se");
}

async fn deactivated_foreign_and_unverified_people_are_refused(app: TestApp, provider: Provider) {
    configure_eksjo(&app, &provider.issuer).await;
    // Cecilia had a Samsyn account before the provider came: her first sign-in finds it.
    let (cecilia, _) = app
        .user("cecilia.berg@eksjo.se", "MANAGER", Some("eksjo"))
        .await;
    let b = sign_in(&app, &provider, "cecilia").await;
    let mine = me(&app, &b).await;
    assert_eq!(mine["id"], json!(cecilia));
    assert_eq!(
        mine["role"], "MANAGER",
        "an existing account keeps its role"
    );

    // David signs in, is deactivated, and cannot come back through the provider.
    let d = sign_in(&app, &provider, "david").await;
    let david = me(&app, &d).await["id"].clone();
    let admin = app.admin().await;
    let off = app
        .gql_with(
            &admin,
            "mutation($i: UpdateUserInput!) { updateUser(input: $i) { active } }",
            json!({ "i": { "id": david, "active": false } }),
        )
        .await;
    assert_ok(&off);
    assert!(
        me(&app, &d).await.is_null(),
        "deactivation ended the session"
    );
    let b = browser();
    let cb = to_callback(&app, &provider, &b, "david").await;
    let (status, page, session) = visit(&b, &cb).await;
    assert_eq!((status, session), (403, false));
    assert!(page.contains("inaktiverat"), "{page}");

    // An address outside eksjo.se, and one the provider has not verified.
    let b = browser();
    let cb = to_callback(&app, &provider, &b, "mallory").await;
    let (status, page, session) = visit(&b, &cb).await;
    assert_eq!((status, session), (403, false));
    assert!(page.contains("@example.org"), "{page}");
    let b = browser();
    let cb = to_callback(&app, &provider, &b, "unverified").await;
    let (status, page, session) = visit(&b, &cb).await;
    assert_eq!((status, session), (400, false));
    assert!(page.contains("bekräftad e-postadress"), "{page}");
    let users = app.gql_with(&admin, "{ users { email } }", json!({})).await;
    let emails = users.to_string();
    assert!(
        !emails.contains("mallory") && !emails.contains("ny.person"),
        "no account made: {emails}"
    );
}

async fn an_organisation_can_require_its_provider_instead_of_passwords(
    app: TestApp,
    provider: Provider,
) {
    let created = configure_eksjo(&app, &provider.issuer).await;
    let (_, _) = app.user("bo.ek@eksjo.se", "MEMBER", Some("eksjo")).await;
    let admin = app.admin().await;
    let set = |local: bool, enabled: bool| json!({ "i": { "id": created["id"], "localPasswords": local, "enabled": enabled } });
    const UPDATE: &str = "mutation($i: UpdateOidcProviderInput!) { updateOidcProvider(input: $i) { provider { localPasswords enabled } } }";
    assert_ok(&app.gql_with(&admin, UPDATE, set(false, true)).await);
    let login = "mutation($i: LoginInput!) { login(input: $i) { user { id } } }";
    let pw = json!({ "i": { "email": "bo.ek@eksjo.se", "password": "ett-bra-lösenord-123" } });
    let refused = app.gql_with(&new_client(), login, pw.clone()).await;
    assert_code(&refused, "FORBIDDEN");
    assert!(refused.to_string().contains("Logga in med"), "{refused}");
    // The provider still lets Bo in, and admins keep their password.
    let b = sign_in(&app, &provider, "bo").await;
    assert_eq!(me(&app, &b).await["email"], "bo.ek@eksjo.se");
    app.admin().await;
    // With the provider switched off, passwords work again (nobody is locked out).
    assert_ok(&app.gql_with(&admin, UPDATE, set(false, false)).await);
    assert_ok(&app.gql_with(&new_client(), login, pw).await);
    let gone = browser()
        .get(app.url("/auth/oidc/eksjo"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        gone.status(),
        404,
        "a switched-off provider starts no sign-in"
    );
}
