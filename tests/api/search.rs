//! Search: the box never fails to parse, needs a signed-in caller, and only shows what the
//! caller may read. (Domain scenarios live with each domain's tests.)

use serde_json::json;

use crate::both_backends;
use crate::helpers::*;

both_backends!(search_requires_login_and_never_fails_to_parse);

const SEARCH: &str = "query($q: String!) { search(query: $q, first: 10) { totalCount hits { type titleHtml snippet } facets { types { value count } } } }";

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
        let body = app.gql_with(&admin, SEARCH, json!({ "q": q })).await;
        assert_ok(&body);
        assert!(body["data"]["search"]["totalCount"].is_i64(), "{q}: {body}");
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
