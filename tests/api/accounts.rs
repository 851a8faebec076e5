//! Accounts: login, sessions, rate limits, API tokens, invitations, users.

use serde_json::json;

use crate::both_backends;
use crate::helpers::*;

const ME: &str = "{ me { id displayName email role organisation { slug } } }";

both_backends!(
    login_sets_cookie_and_me_works,
    wrong_password_and_unknown_email_give_the_same_error,
    repeated_wrong_passwords_are_rate_limited,
    logout_ends_the_session_on_the_server,
    api_token_authenticates_and_revocation_takes_effect_at_once,
    read_token_cannot_run_mutations,
    change_password_ends_other_sessions,
    wrong_current_passwords_count_against_the_login_limit,
    invitation_link_creates_an_account_once,
    admin_deactivates_user_and_their_sessions_end,
    members_cannot_administer_users,
    bad_input_names_the_field,
);

async fn login_sets_cookie_and_me_works(app: TestApp) {
    let anon = app.gql(ME, json!({})).await;
    assert_ok(&anon);
    assert!(anon["data"]["me"].is_null());

    let resp = reqwest::Client::new()
        .post(app.url("/graphql"))
        .json(&json!({
            "query": "mutation($i: LoginInput!) { login(input: $i) { user { email role } } }",
            "variables": { "i": { "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD } }
        }))
        .send()
        .await
        .unwrap();
    let cookie = resp
        .headers()
        .get("set-cookie")
        .expect("session cookie")
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("samsyn_session="));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "plain http must not set Secure");

    let admin = app.admin().await;
    let me = app.gql_with(&admin, ME, json!({})).await;
    assert_ok(&me);
    assert_eq!(me["data"]["me"]["email"], ADMIN_EMAIL);
    assert_eq!(me["data"]["me"]["role"], "ADMIN");
    assert_eq!(
        me["data"]["me"]["organisation"]["slug"],
        "kommunal-utveckling"
    );
}

async fn wrong_password_and_unknown_email_give_the_same_error(app: TestApp) {
    let q = "mutation($i: LoginInput!) { login(input: $i) { user { id } } }";
    let wrong = app
        .gql(
            q,
            json!({ "i": { "email": ADMIN_EMAIL, "password": "fel-lösenord-123" } }),
        )
        .await;
    let unknown = app
        .gql(
            q,
            json!({ "i": { "email": "ingen@exempel.se", "password": "fel-lösenord-123" } }),
        )
        .await;
    assert_eq!(
        wrong["errors"][0]["message"],
        unknown["errors"][0]["message"]
    );
    assert_eq!(code(&wrong), code(&unknown));
    assert_eq!(code(&wrong), "BAD_INPUT");
}

async fn repeated_wrong_passwords_are_rate_limited(app: TestApp) {
    let q = "mutation($i: LoginInput!) { login(input: $i) { user { id } } }";
    let bad = json!({ "i": { "email": ADMIN_EMAIL, "password": "fel-lösenord-123" } });
    for _ in 0..5 {
        let body = app.gql(q, bad.clone()).await;
        assert_code(&body, "BAD_INPUT");
    }
    let limited = app.gql(q, bad).await;
    assert_code(&limited, "RATE_LIMITED");
    // Even the right password is refused while the account is limited.
    let right = app
        .gql(
            q,
            json!({ "i": { "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD } }),
        )
        .await;
    assert_code(&right, "RATE_LIMITED");
}

async fn logout_ends_the_session_on_the_server(app: TestApp) {
    let resp = reqwest::Client::new()
        .post(app.url("/graphql"))
        .json(&json!({
            "query": "mutation($i: LoginInput!) { login(input: $i) { user { id } } }",
            "variables": { "i": { "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD } }
        }))
        .send()
        .await
        .unwrap();
    let cookie = resp.headers()["set-cookie"].to_str().unwrap().to_string();
    let pair = cookie.split(';').next().unwrap().to_string();
    let with_cookie = |q: &'static str| {
        reqwest::Client::new()
            .post(app.url("/graphql"))
            .header("cookie", pair.clone())
            .json(&json!({ "query": q }))
            .send()
    };
    let me: serde_json::Value = with_cookie(ME).await.unwrap().json().await.unwrap();
    assert_eq!(me["data"]["me"]["email"], ADMIN_EMAIL);
    let out: serde_json::Value = with_cookie("mutation { logout }")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_ok(&out);
    // The old cookie, replayed, is refused.
    let me: serde_json::Value = with_cookie(ME).await.unwrap().json().await.unwrap();
    assert!(me["data"]["me"].is_null(), "old cookie still works: {me}");
    let users: serde_json::Value = with_cookie("{ users { id } }")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_code(&users, "UNAUTHENTICATED");
}

const CREATE_TOKEN: &str = "mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token apiToken { id name scope } } }";

async fn api_token_authenticates_and_revocation_takes_effect_at_once(app: TestApp) {
    let admin = app.admin().await;
    let created = app
        .gql_with(
            &admin,
            CREATE_TOKEN,
            json!({ "i": { "name": "Intranät", "scope": "WRITE" } }),
        )
        .await;
    assert_ok(&created);
    let token = created["data"]["createApiToken"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let id = created["data"]["createApiToken"]["apiToken"]["id"].clone();
    assert!(token.starts_with("ssn_"));

    let me = app.gql_bearer(&token, ME, json!({})).await;
    assert_eq!(me["data"]["me"]["email"], ADMIN_EMAIL);

    let list = app
        .gql_with(&admin, "{ apiTokens { id name scope } }", json!({}))
        .await;
    assert_eq!(list["data"]["apiTokens"][0]["name"], "Intranät");
    assert!(list.to_string().find(&token).is_none(), "secret listed");

    let revoked = app
        .gql_with(
            &admin,
            "mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }",
            json!({ "id": id }),
        )
        .await;
    assert_ok(&revoked);
    let me = app.gql_bearer(&token, ME, json!({})).await;
    assert_code(&me, "UNAUTHENTICATED");
    let bogus = app.gql_bearer("ssn_bogus", ME, json!({})).await;
    assert_code(&bogus, "UNAUTHENTICATED");
}

async fn read_token_cannot_run_mutations(app: TestApp) {
    let admin = app.admin().await;
    let created = app
        .gql_with(
            &admin,
            CREATE_TOKEN,
            json!({ "i": { "name": "Läsare", "scope": "READ" } }),
        )
        .await;
    let token = created["data"]["createApiToken"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let me = app.gql_bearer(&token, ME, json!({})).await;
    assert_ok(&me);
    let mutation = app
        .gql_bearer(&token, "mutation { logout }", json!({}))
        .await;
    assert_code(&mutation, "FORBIDDEN");
    let invite = app
        .gql_bearer(
            &token,
            "mutation { inviteUser(input: { email: \"x@y.se\", displayName: \"X\", role: MEMBER }) { url } }",
            json!({}),
        )
        .await;
    assert_code(&invite, "FORBIDDEN");
    // Nothing was written.
    let users = app.gql_with(&admin, "{ users { email } }", json!({})).await;
    assert_eq!(users["data"]["users"].as_array().unwrap().len(), 1);
}

async fn change_password_ends_other_sessions(app: TestApp) {
    let (_, first) = app.user("anna@eksjo.se", "MEMBER", Some("eksjo")).await;
    let second = app.login("anna@eksjo.se", "ett-bra-lösenord-123").await;
    let changed = app
        .gql_with(
            &first,
            "mutation($i: ChangePasswordInput!) { changePassword(input: $i) }",
            json!({ "i": { "currentPassword": "ett-bra-lösenord-123", "newPassword": "ett-nytt-lösenord-456" } }),
        )
        .await;
    assert_ok(&changed);
    let me_first = app.gql_with(&first, ME, json!({})).await;
    assert_eq!(me_first["data"]["me"]["email"], "anna@eksjo.se");
    let me_second = app.gql_with(&second, ME, json!({})).await;
    assert!(me_second["data"]["me"].is_null(), "other session survived");
    app.login("anna@eksjo.se", "ett-nytt-lösenord-456").await;

    let short = app
        .gql_with(
            &first,
            "mutation($i: ChangePasswordInput!) { changePassword(input: $i) }",
            json!({ "i": { "currentPassword": "ett-nytt-lösenord-456", "newPassword": "kort" } }),
        )
        .await;
    assert_code(&short, "BAD_INPUT");
}

async fn wrong_current_passwords_count_against_the_login_limit(app: TestApp) {
    let (_, session) = app.user("anna@eksjo.se", "MEMBER", Some("eksjo")).await;
    let change = "mutation($i: ChangePasswordInput!) { changePassword(input: $i) }";
    let guess = |n: usize| json!({ "i": { "currentPassword": format!("gissning-{n}-abcdef"), "newPassword": "ett-nytt-lösenord-456" } });
    // Two failed logins and three wrong current passwords: one counter of five.
    let login = "mutation($i: LoginInput!) { login(input: $i) { user { id } } }";
    for _ in 0..2 {
        let body = app
            .gql(
                login,
                json!({ "i": { "email": "anna@eksjo.se", "password": "fel-lösenord-123" } }),
            )
            .await;
        assert_code(&body, "BAD_INPUT");
    }
    for n in 0..3 {
        let body = app.gql_with(&session, change, guess(n)).await;
        assert_code(&body, "BAD_INPUT");
    }
    let limited = app.gql_with(&session, change, guess(99)).await;
    assert_code(&limited, "RATE_LIMITED");
    // Not even the right current password gets through now, nor a login.
    let right = app
        .gql_with(
            &session,
            change,
            json!({ "i": { "currentPassword": "ett-bra-lösenord-123", "newPassword": "ett-nytt-lösenord-456" } }),
        )
        .await;
    assert_code(&right, "RATE_LIMITED");
    let login_right = app
        .gql(
            login,
            json!({ "i": { "email": "anna@eksjo.se", "password": "ett-bra-lösenord-123" } }),
        )
        .await;
    assert_code(&login_right, "RATE_LIMITED");
}

async fn invitation_link_creates_an_account_once(app: TestApp) {
    let admin = app.admin().await;
    let inv = app
        .gql_with(
            &admin,
            "mutation($i: InviteUserInput!) { inviteUser(input: $i) { url token } }",
            json!({ "i": { "email": "Bertil@Nassjo.se", "displayName": "Bertil Berg", "role": "MANAGER" } }),
        )
        .await;
    assert_ok(&inv);
    let token = inv["data"]["inviteUser"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(inv["data"]["inviteUser"]["url"]
        .as_str()
        .unwrap()
        .ends_with(&token));

    let invitee = new_client();
    let accepted = app
        .gql_with(
            &invitee,
            "mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { user { email role } } }",
            json!({ "i": { "token": token, "password": "bertils-lösenord-1" } }),
        )
        .await;
    assert_ok(&accepted);
    assert_eq!(
        accepted["data"]["acceptInvitation"]["user"]["role"],
        "MANAGER"
    );
    let me = app.gql_with(&invitee, ME, json!({})).await;
    assert_eq!(me["data"]["me"]["email"], "bertil@nassjo.se");
    assert_eq!(me["data"]["me"]["role"], "MANAGER");

    let again = app
        .gql(
            "mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { user { email } } }",
            json!({ "i": { "token": token, "password": "ett-annat-lösenord" } }),
        )
        .await;
    assert_code(&again, "BAD_INPUT");
}

async fn admin_deactivates_user_and_their_sessions_end(app: TestApp) {
    let (id, member) = app
        .user("cecilia@tranas.se", "MEMBER", Some("tranas"))
        .await;
    let admin = app.admin().await;
    let upd = app
        .gql_with(
            &admin,
            "mutation($i: UpdateUserInput!) { updateUser(input: $i) { active displayName } }",
            json!({ "i": { "id": id, "active": false, "displayName": "Cecilia T" } }),
        )
        .await;
    assert_ok(&upd);
    assert_eq!(upd["data"]["updateUser"]["active"], false);
    let me = app.gql_with(&member, ME, json!({})).await;
    assert!(me["data"]["me"].is_null());
    let login = app
        .gql(
            "mutation($i: LoginInput!) { login(input: $i) { user { id } } }",
            json!({ "i": { "email": "cecilia@tranas.se", "password": "ett-bra-lösenord-123" } }),
        )
        .await;
    assert_code(&login, "BAD_INPUT");
}

async fn members_cannot_administer_users(app: TestApp) {
    let (_, member) = app.user("david@vetlanda.se", "MEMBER", None).await;
    let users = app.gql_with(&member, "{ users { id } }", json!({})).await;
    assert_code(&users, "FORBIDDEN");
    let create = app
        .gql_with(
            &member,
            "mutation { createUser(input: { email: \"e@f.se\", displayName: \"E\", role: ADMIN }) { id } }",
            json!({}),
        )
        .await;
    assert_code(&create, "FORBIDDEN");
    let anon = app.gql("{ users { id } }", json!({})).await;
    assert_code(&anon, "UNAUTHENTICATED");
}

async fn bad_input_names_the_field(app: TestApp) {
    let admin = app.admin().await;
    let bad = app
        .gql_with(
            &admin,
            "mutation { createUser(input: { email: \"inte-en-adress\", displayName: \"E\", role: MEMBER }) { id } }",
            json!({}),
        )
        .await;
    assert_code(&bad, "BAD_INPUT");
    assert_eq!(bad["errors"][0]["extensions"]["field"], "email");
    let dup = app
        .gql_with(
            &admin,
            "mutation($e: String!) { createUser(input: { email: $e, displayName: \"E\", role: MEMBER }) { id } }",
            json!({ "e": ADMIN_EMAIL }),
        )
        .await;
    assert_code(&dup, "CONFLICT");
}
