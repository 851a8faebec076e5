//! Telefonboken: import (Excel CSV, dry run), editing rights, finding people, exports
//! (CSV round trip, vCard read back by an independent parser), audit trail, verification,
//! GDPR erasure and myData.

use serde_json::{json, Value};
use sqlx::Row;

use crate::both_backends;
use crate::helpers::*;

both_backends!(
    manager_in_eksjo_imports_excel_csv_edits_and_exports_vcard,
    csv_export_round_trips_through_import_as_unchanged,
    bad_person_input_names_the_field,
    people_are_found_sorted_and_without_regard_to_case_or_diacritics,
    who_handles_lists_the_responsible_people_first,
    linked_user_updates_own_phones_but_nothing_else,
    people_due_for_verification_and_verify_person,
    audit_log_shows_admins_everything_and_managers_their_own_organisation,
    erasing_a_user_leaves_no_personal_data,
    my_data_holds_everything_stored_about_me,
    my_data_holds_what_i_wrote_joined_and_chose,
    organisations_and_units_are_managed_by_admins_and_managers,
    exports_require_sign_in,
);

const PERSON_FIELDS: &str = "id name title organisation { slug name } unit { name kind }
    directPhone { e164 display } mobilePhone { e164 display } email areas roles
    user { id } lastVerifiedAt lastVerifiedBy { id } verificationDue canEdit";

const UPSERT: &str = "mutation($i: UpsertPersonInput!) { upsertPerson(input: $i) { person {
    id name title organisation { slug } unit { name } directPhone { e164 display }
    mobilePhone { e164 display } email areas roles user { id } } } }";

const IMPORT_FIELDS: &str = "dryRun applied encoding delimiter created updated unchanged invalid
    rows { line action name organisation field reason changes newUnit personId }";

/// The tillsynsområden the tests use (a new test database has none).
async fn seed_tags(app: &TestApp) {
    for (name, syn) in [
        ("Små avlopp", vec!["enskilda avlopp", "enskilt avlopp"]),
        ("Hälsoskydd", vec!["hälsoskyddstillsyn"]),
        ("Legionella och bassängbad", vec!["legionella"]),
        ("Inomhusmiljö och ventilation", vec!["radon", "ventilation"]),
        ("Skolor, förskolor och vård", vec!["förskola"]),
        ("Avfall", vec!["farligt avfall"]),
    ] {
        let syn: Vec<String> = syn.into_iter().map(str::to_string).collect();
        samsyn::tags::upsert(&app.state.db, name, &syn)
            .await
            .unwrap();
    }
}

async fn upsert(app: &TestApp, client: &reqwest::Client, input: Value) -> Value {
    app.gql_with(client, UPSERT, json!({ "i": input })).await
}

/// Creates a person as `client` and returns the id.
async fn create_person(app: &TestApp, client: &reqwest::Client, input: Value) -> String {
    let body = upsert(app, client, input).await;
    assert_ok(&body);
    body["data"]["upsertPerson"]["person"]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn import_text(app: &TestApp, client: &reqwest::Client, csv: &str, dry_run: bool) -> Value {
    let q = format!(
        "mutation($i: ImportPeopleInput!) {{ importPeople(input: $i) {{ {IMPORT_FIELDS} }} }}"
    );
    app.gql_with(
        client,
        &q,
        json!({ "i": { "csv": csv, "dryRun": dry_run } }),
    )
    .await
}

/// Uploads `bytes` as a file with the GraphQL multipart request spec.
async fn import_file(
    app: &TestApp,
    client: &reqwest::Client,
    bytes: Vec<u8>,
    dry_run: bool,
) -> Value {
    let q = format!(
        "mutation($f: Upload!, $d: Boolean!) {{ importPeople(input: {{file: $f, dryRun: $d}}) {{ {IMPORT_FIELDS} }} }}"
    );
    let operations = json!({ "query": q, "variables": { "f": null, "d": dry_run } });
    let form = reqwest::multipart::Form::new()
        .text("operations", operations.to_string())
        .text("map", json!({ "0": ["variables.f"] }).to_string())
        .part(
            "0",
            reqwest::multipart::Part::bytes(bytes)
                .file_name("telefonlista.csv")
                .mime_str("text/csv")
                .unwrap(),
        );
    client
        .post(app.url("/graphql"))
        .header("x-samsyn-csrf", "1")
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .try_get::<i64, _>(0)
        .unwrap()
}

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn names(conn: &Value) -> Vec<String> {
    conn["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["name"].as_str().unwrap().to_string())
        .collect()
}

async fn manager_in_eksjo_imports_excel_csv_edits_and_exports_vcard(app: TestApp) {
    seed_tags(&app).await;
    let admin = app.admin().await;
    let (_, chef) = app.user("chef@eksjo.se", "MANAGER", Some("eksjo")).await;
    let nassjo_person = create_person(
        &app,
        &admin,
        json!({ "name": "Malin Axelsson", "organisationId": "nassjo", "title": "miljö- och hälsoskyddsinspektör" }),
    )
    .await;

    // The list as Excel saves it on a Swedish Windows: semicolons, CRLF, Windows-1252.
    let csv = |henrik_email: &str| {
        format!(
            "Namn;Befattning;Organisation;Enhet;Telefon;Mobil;E-post;Ansvarsområden;Roller\r\n\
             Elin Åberg;livsmedels- och hälsoskyddsinspektör;Eksjö kommun;Miljökontoret;0381-361 45;;elin.aberg@eksjo.se;\"Hälsoskydd; Legionella och bassängbad\";\r\n\
             Henrik Nyberg;miljöinspektör;Eksjö kommun;Miljökontoret;0381-361 32;070-174 06 08;{henrik_email};Små avlopp;\r\n\
             Sofia Ek;miljöinspektör;Eksjö;Miljökontoret;0381 36124;+46 70 174 06 07;sofia.ek@eksjo.se;Avfall;Kontaktperson\r\n"
        )
    };
    let bytes = windows_1252(&csv("henrik.nyberg@eksjo"));
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the file must not be UTF-8"
    );

    let dry = import_file(&app, &chef, bytes.clone(), true).await;
    assert_ok(&dry);
    let r = &dry["data"]["importPeople"];
    assert_eq!(r["encoding"], "Windows-1252");
    assert_eq!(r["delimiter"], ";");
    assert_eq!(
        (r["created"].as_i64(), r["invalid"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(r["applied"], false);
    let bad = r["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["action"] == "INVALID")
        .unwrap();
    assert_eq!(bad["line"], 3);
    assert_eq!(bad["name"], "Henrik Nyberg");
    assert_eq!(bad["field"], "email");
    assert!(bad["reason"].as_str().unwrap().contains("Domänen"), "{bad}");
    assert_eq!(
        r["rows"][0]["name"], "Elin Åberg",
        "decoded from Windows-1252"
    );
    assert_eq!(r["rows"][0]["newUnit"], "Miljökontoret");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM people").await,
        1,
        "dry run wrote nothing"
    );

    // Importing without fixing writes nothing either.
    let refused = import_file(&app, &chef, bytes, false).await;
    assert_ok(&refused);
    assert_eq!(refused["data"]["importPeople"]["applied"], false);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM people").await, 1);

    // Fix the row and import.
    let fixed = import_file(
        &app,
        &chef,
        windows_1252(&csv("henrik.nyberg@eksjo.se")),
        false,
    )
    .await;
    assert_ok(&fixed);
    let r = &fixed["data"]["importPeople"];
    assert_eq!(r["applied"], true);
    assert_eq!(
        (r["created"].as_i64(), r["invalid"].as_i64()),
        (Some(3), Some(0))
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM units").await,
        1,
        "one unit created once"
    );

    let list = app
        .gql_with(
            &chef,
            &format!("{{ people(filter: {{organisation: \"eksjo\"}}) {{ totalCount edges {{ node {{ {PERSON_FIELDS} }} }} }} }}"),
            json!({}),
        )
        .await;
    assert_ok(&list);
    let conn = &list["data"]["people"];
    assert_eq!(names(conn), vec!["Elin Åberg", "Henrik Nyberg", "Sofia Ek"]);
    let sofia = &conn["edges"][2]["node"];
    assert_eq!(sofia["directPhone"]["e164"], "+4638136124");
    assert_eq!(sofia["directPhone"]["display"], "0381-361 24");
    assert_eq!(sofia["mobilePhone"]["display"], "070-174 06 07");
    assert_eq!(sofia["organisation"]["slug"], "eksjo");
    assert_eq!(sofia["unit"]["kind"], "ENHET");
    assert_eq!(sofia["roles"], json!(["KONTAKTPERSON"]));
    assert_eq!(sofia["canEdit"], true);
    assert_eq!(
        conn["edges"][0]["node"]["areas"],
        json!(["Hälsoskydd", "Legionella och bassängbad"])
    );

    // Edit a person of Eksjö.
    let henrik = conn["edges"][1]["node"]["id"].as_str().unwrap().to_string();
    let edited = upsert(
        &app,
        &chef,
        json!({ "id": henrik, "title": "miljö- och hälsoskyddsinspektör", "mobilePhone": null }),
    )
    .await;
    assert_ok(&edited);
    let p = &edited["data"]["upsertPerson"]["person"];
    assert_eq!(p["title"], "miljö- och hälsoskyddsinspektör");
    assert!(p["mobilePhone"].is_null());
    assert_eq!(p["email"], "henrik.nyberg@eksjo.se", "fields left out stay");

    // Nässjö is not the manager's.
    let refused = upsert(&app, &chef, json!({ "id": nassjo_person, "title": "chef" })).await;
    assert_code(&refused, "FORBIDDEN");
    let refused = upsert(
        &app,
        &chef,
        json!({ "name": "Ny Person", "organisationId": "nassjo" }),
    )
    .await;
    assert_code(&refused, "FORBIDDEN");
    let moved = upsert(
        &app,
        &chef,
        json!({ "id": henrik, "organisationId": "nassjo" }),
    )
    .await;
    assert_code(&moved, "FORBIDDEN");
    let other_org = import_text(
        &app,
        &chef,
        "Namn;Organisation\nPer-Erik Lund;Nässjö kommun\nMalin Axelsson;Eksjö kommun\n",
        true,
    )
    .await;
    assert_ok(&other_org);
    let rows = &other_org["data"]["importPeople"]["rows"];
    assert_eq!(rows[0]["action"], "INVALID");
    assert_eq!(rows[0]["field"], "organisation");
    let title = sqlx::query("SELECT title FROM people WHERE name = 'Malin Axelsson'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .try_get::<String, _>(0)
        .unwrap();
    assert_eq!(
        title, "miljö- och hälsoskyddsinspektör",
        "Nässjö's entry is untouched"
    );

    // Export Eksjö's part as vCard and read it back with an independent parser.
    let resp = chef
        .get(app.url("/directory/export.vcf?organisation=eksjo"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/vcard"));
    let text = resp.text().await.unwrap();
    assert!(
        text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'),
        "CRLF only"
    );
    let cards = vcard4::parse(&text).expect("a valid vCard 4.0 file");
    assert_eq!(cards.len(), 3);
    let elin = &cards[0];
    assert_eq!(elin.formatted_name[0].value, "Elin Åberg");
    assert_eq!(elin.org[0].value, vec!["Eksjö kommun", "Miljökontoret"]);
    assert_eq!(elin.title[0].value, "livsmedels- och hälsoskyddsinspektör");
    assert_eq!(elin.email[0].value, "elin.aberg@eksjo.se");
    assert_eq!(
        elin.categories[0].value,
        vec!["Hälsoskydd", "Legionella och bassängbad"]
    );
    let sofia = &cards[2];
    let tels: Vec<String> = sofia
        .tel
        .iter()
        .map(|t| match t {
            vcard4::property::TextOrUriProperty::Uri(u) => u.value.to_string(),
            vcard4::property::TextOrUriProperty::Text(t) => t.value.clone(),
        })
        .collect();
    assert_eq!(tels, vec!["tel:+4638136124", "tel:+46701740607"]);
    let types = |i: usize| match &sofia.tel[i] {
        vcard4::property::TextOrUriProperty::Uri(u) => {
            format!("{:?}", u.parameters.as_ref().unwrap().types)
        }
        other => panic!("TEL as text: {other:?}"),
    };
    assert!(types(0).contains("Work"), "{}", types(0));
    assert!(types(1).contains("Cell"), "{}", types(1));

    // vCard 3.0 for older address books.
    let v3 = chef
        .get(app.url("/directory/export.vcf?organisation=eksjo&version=3.0"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(v3.contains("VERSION:3.0\r\n") && v3.contains("TEL;TYPE=CELL:+46701740607\r\n"));

    // An admin sees the audit trail of it all.
    let log = app
        .gql_with(
            &admin,
            "{ auditLog(first: 50) { edges { node { action entity organisation { slug } actor { id } before after } } } }",
            json!({}),
        )
        .await;
    assert_ok(&log);
    let entries = log["data"]["auditLog"]["edges"].as_array().unwrap();
    let imports = entries
        .iter()
        .filter(|e| e["node"]["action"] == "import" && e["node"]["entity"] == "PERSON")
        .count();
    assert_eq!(imports, 3);
    let update = entries
        .iter()
        .find(|e| e["node"]["action"] == "update")
        .expect("the edit is audited");
    assert_eq!(update["node"]["before"]["mobilePhone"], "+46701740608");
    assert!(update["node"]["after"]["mobilePhone"].is_null());
    assert_eq!(update["node"]["organisation"]["slug"], "eksjo");
}

async fn csv_export_round_trips_through_import_as_unchanged(app: TestApp) {
    seed_tags(&app).await;
    let admin = app.admin().await;
    let unit = app
        .gql_with(
            &admin,
            "mutation { createUnit(input: {organisationId: \"jonkoping\", name: \"Miljöförvaltningen\", kind: FORVALTNING}) { unit { id } } }",
            json!({}),
        )
        .await;
    assert_ok(&unit);
    let unit_id = unit["data"]["createUnit"]["unit"]["id"].clone();
    create_person(
        &app,
        &admin,
        json!({ "name": "Anna Svensson", "title": "miljö- och hälsoskyddsinspektör", "organisationId": "jonkoping",
                "unitId": unit_id, "directPhone": "036-10 52 31", "mobilePhone": "070-174 06 21",
                "email": "Anna.Svensson@jonkoping.se", "areas": ["Hälsoskydd", "Skolor, förskolor och vård"],
                "roles": ["KONTAKTPERSON", "SAMORDNARE"] }),
    )
    .await;
    create_person(
        &app,
        &admin,
        json!({ "name": "=Formel Test", "organisationId": "habo", "title": "-inspektör" }),
    )
    .await;
    create_person(&app, &admin, json!({ "name": "Amra Hadžić", "organisationId": "gislaved", "directPhone": "0371-812 35" })).await;

    let resp = admin
        .get(app.url("/directory/export.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("telefonbok.csv"));
    let bytes = resp.bytes().await.unwrap().to_vec();
    assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF], "UTF-8 BOM for Excel");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "Namn;Befattning;Organisation;Enhet;Telefon;Mobil;E-post;Ansvarsområden;Roller;Senast kontrollerad"
    );
    assert!(
        lines[1].starts_with("Amra Hadžić;;Gislaveds kommun;;+4637181235;"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("'=Formel Test;'-inspektör;Habo kommun"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("Anna Svensson;miljö- och hälsoskyddsinspektör;Jönköpings kommun;Miljöförvaltningen;+4636105231;+46701740621;anna.svensson@jonkoping.se;\"Hälsoskydd; Skolor, förskolor och vård\";\"kontaktperson; samordnare\";"),
        "{}",
        lines[3]
    );

    // Export → import (dry run) reports every row unchanged.
    let back = import_file(&app, &admin, bytes.clone(), true).await;
    assert_ok(&back);
    let r = &back["data"]["importPeople"];
    assert_eq!(r["encoding"], "UTF-8");
    assert_eq!(
        (
            r["unchanged"].as_i64(),
            r["created"].as_i64(),
            r["updated"].as_i64(),
            r["invalid"].as_i64()
        ),
        (Some(3), Some(0), Some(0), Some(0)),
        "{r}"
    );
    // And an edited cell is exactly one update of that field.
    let edited = String::from_utf8(bytes[3..].to_vec())
        .unwrap()
        .replace("+4637181235", "0371-812 99");
    let changed = import_text(&app, &admin, &edited, false).await;
    assert_ok(&changed);
    let r = &changed["data"]["importPeople"];
    assert_eq!(r["updated"], 1);
    let row = r["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["action"] == "UPDATE")
        .unwrap();
    assert_eq!(row["changes"], json!(["directPhone"]));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM people WHERE direct_phone = '+4637181299'"
        )
        .await,
        1
    );
    // A comma-separated file works too.
    let comma = import_text(
        &app,
        &admin,
        "Namn,Organisation,E-post\nNy Person,Vetlanda,ny.person@vetlanda.se\n",
        true,
    )
    .await;
    assert_ok(&comma);
    assert_eq!(comma["data"]["importPeople"]["delimiter"], ",");
    assert_eq!(comma["data"]["importPeople"]["created"], 1);
}

async fn bad_person_input_names_the_field(app: TestApp) {
    seed_tags(&app).await;
    let admin = app.admin().await;
    let cases = [
        (json!({ "organisationId": "eksjo" }), "name"),
        (json!({ "name": "  ", "organisationId": "eksjo" }), "name"),
        (json!({ "name": "Anna Ek" }), "organisationId"),
        (
            json!({ "name": "Anna Ek", "organisationId": "stockholm" }),
            "organisationId",
        ),
        (
            json!({ "name": "Anna Ek", "organisationId": "eksjo", "email": "anna.ek@" }),
            "email",
        ),
        (
            json!({ "name": "Anna Ek", "organisationId": "eksjo", "directPhone": "0381-36" }),
            "directPhone",
        ),
        (
            json!({ "name": "Anna Ek", "organisationId": "eksjo", "mobilePhone": "ring växeln" }),
            "mobilePhone",
        ),
        (
            json!({ "name": "Anna Ek", "organisationId": "eksjo", "areas": ["Kärnfysik"] }),
            "areas",
        ),
    ];
    for (input, field) in cases {
        let body = upsert(&app, &admin, input.clone()).await;
        assert_code(&body, "BAD_INPUT");
        assert_eq!(
            body["errors"][0]["extensions"]["field"], field,
            "{input}: {body}"
        );
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM people").await, 0);
    let dup = json!({ "name": "Anna Ek", "organisationId": "eksjo", "email": "anna.ek@eksjo.se" });
    create_person(&app, &admin, dup.clone()).await;
    assert_code(&upsert(&app, &admin, dup).await, "CONFLICT");
    // A member may not create entries.
    let (_, member) = app.user("anna@eksjo.se", "MEMBER", Some("eksjo")).await;
    let body = upsert(
        &app,
        &member,
        json!({ "name": "X Y", "organisationId": "eksjo" }),
    )
    .await;
    assert_code(&body, "FORBIDDEN");
}

async fn people_are_found_sorted_and_without_regard_to_case_or_diacritics(app: TestApp) {
    seed_tags(&app).await;
    let admin = app.admin().await;
    for (name, org, title, areas, roles) in [
        (
            "Eva Fredriksson",
            "vetlanda",
            "miljöchef",
            vec![],
            vec!["STYRGRUPP"],
        ),
        (
            "Erik Johansson",
            "varnamo",
            "miljö- och hälsoskyddsinspektör",
            vec!["Små avlopp"],
            vec!["KONTAKTPERSON"],
        ),
        (
            "Amra Hadžić",
            "gislaved",
            "miljö- och hälsoskyddsinspektör",
            vec!["Avfall"],
            vec![],
        ),
        (
            "Öjvind Ask",
            "vetlanda",
            "miljöinspektör",
            vec!["Inomhusmiljö och ventilation"],
            vec![],
        ),
        (
            "Ada Berg",
            "vetlanda",
            "hälsoskyddsinspektör",
            vec!["Hälsoskydd"],
            vec![],
        ),
    ] {
        create_person(
            &app,
            &admin,
            json!({ "name": name, "organisationId": org, "title": title, "areas": areas, "roles": roles }),
        )
        .await;
    }
    let q = "query($f: PersonFilterInput, $first: Int, $after: String) { people(filter: $f, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } } }";
    let list = |f: Value| {
        let admin = admin.clone();
        let app = &app;
        async move {
            let body = app.gql_with(&admin, q, json!({ "f": f })).await;
            assert_ok(&body);
            names(&body["data"]["people"])
        }
    };
    // Organisation, then name, in Swedish order: Gislaved, Vetlanda, Värnamo; Ö last.
    assert_eq!(
        list(json!({})).await,
        vec![
            "Amra Hadžić",
            "Ada Berg",
            "Eva Fredriksson",
            "Öjvind Ask",
            "Erik Johansson"
        ]
    );
    assert_eq!(list(json!({ "text": "HADZIC" })).await, vec!["Amra Hadžić"]);
    assert_eq!(list(json!({ "text": "ojvind" })).await, vec!["Öjvind Ask"]);
    assert_eq!(
        list(json!({ "text": "hälsoskyddsinspektör" })).await,
        vec!["Amra Hadžić", "Ada Berg", "Erik Johansson"]
    );
    assert_eq!(
        list(json!({ "text": "inspektör vetlanda" })).await,
        Vec::<String>::new(),
        "organisation is a filter, not text"
    );
    assert_eq!(
        list(json!({ "text": "ventilation" })).await,
        vec!["Öjvind Ask"],
        "areas are searched"
    );
    assert_eq!(
        list(json!({ "text": "radon" })).await,
        vec!["Öjvind Ask"],
        "an area's synonym finds its people"
    );
    assert_eq!(
        list(json!({ "area": "enskilda avlopp" })).await,
        vec!["Erik Johansson"]
    );
    assert_eq!(
        list(json!({ "role": "STYRGRUPP" })).await,
        vec!["Eva Fredriksson"]
    );
    assert_eq!(
        list(json!({ "organisation": "Vetlanda" })).await,
        vec!["Ada Berg", "Eva Fredriksson", "Öjvind Ask"]
    );
    assert_eq!(list(json!({ "text": "100%_" })).await, Vec::<String>::new());
    let unknown = app
        .gql_with(&admin, q, json!({ "f": { "area": "Kärnfysik" } }))
        .await;
    assert_code(&unknown, "BAD_INPUT");
    assert_eq!(unknown["errors"][0]["extensions"]["field"], "area");

    // Paging: two at a time, no gaps or repeats.
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let body = app
            .gql_with(&admin, q, json!({ "first": 2, "after": after }))
            .await;
        assert_ok(&body);
        let conn = &body["data"]["people"];
        assert_eq!(conn["totalCount"], 5);
        seen.extend(names(conn));
        if conn["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = conn["pageInfo"]["endCursor"].as_str().map(str::to_string);
    }
    assert_eq!(seen.len(), 5);
    assert_eq!(seen, list(json!({})).await);

    // Anonymous callers see nothing.
    assert_code(&app.gql(q, json!({})).await, "UNAUTHENTICATED");
}

async fn who_handles_lists_the_responsible_people_first(app: TestApp) {
    seed_tags(&app).await;
    let admin = app.admin().await;
    create_person(&app, &admin, json!({ "name": "Sofia Ek", "organisationId": "eksjo", "roles": ["KONTAKTPERSON"], "areas": ["Avfall"] })).await;
    create_person(
        &app,
        &admin,
        json!({ "name": "Henrik Nyberg", "organisationId": "eksjo", "areas": ["Små avlopp"] }),
    )
    .await;
    create_person(
        &app,
        &admin,
        json!({ "name": "Bo Andersson", "organisationId": "eksjo", "areas": ["Små avlopp"] }),
    )
    .await;
    create_person(
        &app,
        &admin,
        json!({ "name": "Per-Erik Lund", "organisationId": "nassjo", "areas": ["Små avlopp"] }),
    )
    .await;
    let q = "query($a: String!, $o: ID!) { whoHandles(area: $a, organisation: $o) {
        area organisation { slug } responsible { name } contacts { name } people { name } } }";
    let body = app
        .gql_with(&admin, q, json!({ "a": "enskilt avlopp", "o": "Eksjö" }))
        .await;
    assert_ok(&body);
    let w = &body["data"]["whoHandles"];
    assert_eq!(w["area"], "Små avlopp");
    assert_eq!(w["organisation"]["slug"], "eksjo");
    assert_eq!(
        w["responsible"],
        json!([{ "name": "Bo Andersson" }, { "name": "Henrik Nyberg" }])
    );
    assert_eq!(w["contacts"], json!([{ "name": "Sofia Ek" }]));
    assert_eq!(
        w["people"],
        json!([{ "name": "Bo Andersson" }, { "name": "Henrik Nyberg" }, { "name": "Sofia Ek" }])
    );
    let none = app
        .gql_with(&admin, q, json!({ "a": "Hälsoskydd", "o": "eksjo" }))
        .await;
    assert_ok(&none);
    assert_eq!(none["data"]["whoHandles"]["responsible"], json!([]));
    assert_eq!(
        none["data"]["whoHandles"]["people"],
        json!([{ "name": "Sofia Ek" }])
    );
}

async fn linked_user_updates_own_phones_but_nothing_else(app: TestApp) {
    let admin = app.admin().await;
    let (user_id, member) = app
        .user("jonas.lindahl@aneby.se", "MEMBER", Some("aneby"))
        .await;
    let mine = create_person(
        &app,
        &admin,
        json!({ "name": "Jonas Lindahl", "organisationId": "aneby", "directPhone": "0380-462 14", "userId": user_id }),
    )
    .await;
    let colleague = create_person(
        &app,
        &admin,
        json!({ "name": "Maja Fransson", "organisationId": "aneby" }),
    )
    .await;

    let me = app
        .gql_with(
            &member,
            &format!("{{ person(id: \"{mine}\") {{ user {{ id }} canEdit }} }}"),
            json!({}),
        )
        .await;
    assert_eq!(me["data"]["person"]["user"]["id"], user_id.as_str());
    assert_eq!(me["data"]["person"]["canEdit"], false);

    let ok = upsert(
        &app,
        &member,
        json!({ "id": mine, "directPhone": "+46 380 46215", "mobilePhone": "070-174 06 05" }),
    )
    .await;
    assert_ok(&ok);
    let p = &ok["data"]["upsertPerson"]["person"];
    assert_eq!(p["directPhone"]["display"], "0380-462 15");
    assert_eq!(p["mobilePhone"]["e164"], "+46701740605");

    for input in [
        json!({ "id": mine, "title": "miljöchef" }),
        json!({ "id": mine, "directPhone": "0380-462 16", "email": "jonas@aneby.se" }),
        json!({ "id": mine, "userId": null }),
        json!({ "id": colleague, "directPhone": "0380-462 17" }),
    ] {
        assert_code(&upsert(&app, &member, input).await, "FORBIDDEN");
    }
    assert_code(
        &app.gql_with(
            &member,
            "mutation($i: PersonIdInput!) { verifyPerson(input: $i) { person { id } } }",
            json!({ "i": { "id": mine } }),
        )
        .await,
        "FORBIDDEN",
    );
    assert_code(
        &app.gql_with(
            &member,
            "mutation($i: PersonIdInput!) { deletePerson(input: $i) { deletedPersonId } }",
            json!({ "i": { "id": colleague } }),
        )
        .await,
        "FORBIDDEN",
    );
    // The change is audited with the member as actor; members may not read the trail.
    assert_code(
        &app.gql_with(&member, "{ auditLog { edges { cursor } } }", json!({}))
            .await,
        "FORBIDDEN",
    );
    let n = count(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE entity_kind = 'person' AND action = 'update'",
    )
    .await;
    assert_eq!(n, 1);
}

async fn people_due_for_verification_and_verify_person(app: TestApp) {
    let admin = app.admin().await;
    let (manager_id, chef) = app.user("chef@tranas.se", "MANAGER", Some("tranas")).await;
    let (_, member) = app.user("jenny@tranas.se", "MEMBER", Some("tranas")).await;
    let old = create_person(
        &app,
        &admin,
        json!({ "name": "Jenny Söderström", "organisationId": "tranas" }),
    )
    .await;
    let fresh = create_person(
        &app,
        &admin,
        json!({ "name": "Mattias Berg", "organisationId": "tranas" }),
    )
    .await;
    let never = create_person(
        &app,
        &admin,
        json!({ "name": "Louise Hermansson", "organisationId": "tranas" }),
    )
    .await;
    let elsewhere = create_person(
        &app,
        &admin,
        json!({ "name": "Karin Holmqvist", "organisationId": "aneby" }),
    )
    .await;
    let thirteen_months_ago = chrono::Utc::now().timestamp_millis() - 13 * 31 * 24 * 3600 * 1000;
    sqlx::query(
        "UPDATE people SET verified_at = $1 WHERE name IN ('Jenny Söderström', 'Karin Holmqvist')",
    )
    .bind(thirteen_months_ago)
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE people SET verified_at = NULL, verified_by = NULL WHERE name = 'Louise Hermansson'",
    )
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let q = "{ peopleDueForVerification { totalCount edges { node { id name verificationDue lastVerifiedAt } } } }";
    let body = app.gql_with(&chef, q, json!({})).await;
    assert_ok(&body);
    assert_eq!(
        names(&body["data"]["peopleDueForVerification"]),
        vec!["Louise Hermansson", "Jenny Söderström"],
        "never verified first, only the manager's organisation"
    );
    assert_eq!(
        body["data"]["peopleDueForVerification"]["edges"][0]["node"]["verificationDue"],
        true
    );
    let all = app.gql_with(&admin, q, json!({})).await;
    assert_eq!(all["data"]["peopleDueForVerification"]["totalCount"], 3);
    assert_code(&app.gql_with(&member, q, json!({})).await, "FORBIDDEN");

    let verify = "mutation($i: PersonIdInput!) { verifyPerson(input: $i) { person { verificationDue lastVerifiedAt lastVerifiedBy { id } } } }";
    let v = app
        .gql_with(&chef, verify, json!({ "i": { "id": old } }))
        .await;
    assert_ok(&v);
    let p = &v["data"]["verifyPerson"]["person"];
    assert_eq!(p["verificationDue"], false);
    assert_eq!(p["lastVerifiedBy"]["id"], manager_id.as_str());
    assert_code(
        &app.gql_with(&chef, verify, json!({ "i": { "id": elsewhere } }))
            .await,
        "FORBIDDEN",
    );
    let body = app.gql_with(&chef, q, json!({})).await;
    assert_eq!(
        names(&body["data"]["peopleDueForVerification"]),
        vec!["Louise Hermansson"]
    );
    let _ = (fresh, never);

    // The interval is configurable (SAMSYN_VERIFY_MONTHS): with 0 months everyone is due.
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'verify'"
        )
        .await,
        1
    );
}

async fn audit_log_shows_admins_everything_and_managers_their_own_organisation(app: TestApp) {
    let admin = app.admin().await;
    let (chef_id, chef) = app.user("chef@habo.se", "MANAGER", Some("habo")).await;
    let (_, other_chef) = app
        .user("chef@mullsjo.se", "MANAGER", Some("mullsjo"))
        .await;
    let habo = create_person(
        &app,
        &admin,
        json!({ "name": "Fredrik Blom", "organisationId": "habo" }),
    )
    .await;
    create_person(
        &app,
        &admin,
        json!({ "name": "Ida Wallin", "organisationId": "mullsjo" }),
    )
    .await;
    assert_ok(
        &upsert(
            &app,
            &chef,
            json!({ "id": habo, "title": "miljö- och hälsoskyddsinspektör" }),
        )
        .await,
    );
    // An admin moving a person writes a row for both organisations.
    assert_ok(
        &upsert(
            &app,
            &admin,
            json!({ "id": habo, "organisationId": "mullsjo" }),
        )
        .await,
    );

    let q = "query($f: AuditLogFilter) { auditLog(filter: $f, first: 100) { edges { node { action entity entityId organisation { slug } actor { id } } } } }";
    let rows = |body: &Value| {
        body["data"]["auditLog"]["edges"]
            .as_array()
            .unwrap()
            .clone()
    };
    let all = app.gql_with(&admin, q, json!({})).await;
    assert_ok(&all);
    let all = rows(&all);
    assert_eq!(all.len(), 5, "{all:?}");
    assert_eq!(all[0]["node"]["action"], "update", "newest first");

    let mine = app.gql_with(&chef, q, json!({})).await;
    assert_ok(&mine);
    let mine = rows(&mine);
    assert!(!mine.is_empty());
    assert!(
        mine.iter()
            .all(|r| r["node"]["organisation"]["slug"] == "habo"),
        "{mine:?}"
    );
    assert_eq!(mine.len(), 3, "create, edit and the move away");
    let theirs = app
        .gql_with(&chef, q, json!({ "f": { "organisation": "mullsjo" } }))
        .await;
    assert_code(&theirs, "FORBIDDEN");
    let other = rows(&app.gql_with(&other_chef, q, json!({})).await);
    assert_eq!(other.len(), 2, "Ida's creation and the move in");
    let by_person = app
        .gql_with(&admin, q, json!({ "f": { "person": habo } }))
        .await;
    assert_eq!(rows(&by_person).len(), 4);
    // Who made the changes: the manager's one edit, among the admin's.
    let by_chef = rows(
        &app.gql_with(&admin, q, json!({ "f": { "actor": chef_id } }))
            .await,
    );
    assert_eq!(by_chef.len(), 1, "{by_chef:?}");
    assert_eq!(by_chef[0]["node"]["actor"]["id"], chef_id.as_str());
    assert_eq!(by_chef[0]["node"]["action"], "update");
    let by_chef_person = rows(
        &app.gql_with(
            &admin,
            q,
            json!({ "f": { "actor": chef_id, "person": habo } }),
        )
        .await,
    );
    assert_eq!(by_chef_person.len(), 1);
    assert_code(
        &app.gql_with(&admin, q, json!({ "f": { "actor": "skräp" } }))
            .await,
        "BAD_INPUT",
    );
    // A manager filtering on an actor still sees only their own organisation.
    let own = rows(
        &app.gql_with(&other_chef, q, json!({ "f": { "actor": chef_id } }))
            .await,
    );
    assert!(own.is_empty(), "{own:?}");
}

const PERSON_SEARCH: &str =
    "{ search(query: \"Hedlund typ:person\") { totalCount hits { type titleHtml } } }";

async fn erasing_a_user_leaves_no_personal_data(app: TestApp) {
    let admin = app.admin().await;
    let email = "viktor.hedlund@savsjo.se";
    let (user_id, member) = app.user(email, "MEMBER", Some("savsjo")).await;
    let person = create_person(
        &app,
        &admin,
        json!({ "name": "Viktor Hedlund", "organisationId": "savsjo", "title": "miljö- och hälsoskyddsinspektör",
                "directPhone": "0382-153 21", "mobilePhone": "070-174 06 29", "email": email, "userId": user_id }),
    )
    .await;
    assert_ok(
        &upsert(
            &app,
            &member,
            json!({ "id": person, "mobilePhone": "070-174 06 30" }),
        )
        .await,
    );
    let token = app
        .gql_with(
            &member,
            "mutation { createApiToken(input: {name: \"Viktors skript\", scope: READ}) { token } }",
            json!({}),
        )
        .await;
    assert_ok(&token);
    let token = token["data"]["createApiToken"]["token"]
        .as_str()
        .unwrap()
        .to_string();

    // Before: the phone book entry is in the search index.
    let found = app.gql_with(&admin, PERSON_SEARCH, json!({})).await;
    assert_eq!(found["data"]["search"]["totalCount"], 1, "{found}");

    let erase =
        "mutation($i: EraseUserInput!) { eraseUser(input: $i) { erasedUserId removedPersonId } }";
    assert_code(
        &app.gql_with(&member, erase, json!({ "i": { "id": user_id } }))
            .await,
        "FORBIDDEN",
    );
    let me = app.gql_with(&admin, "{ me { id } }", json!({})).await;
    let admin_id = me["data"]["me"]["id"].as_str().unwrap();
    assert_code(
        &app.gql_with(&admin, erase, json!({ "i": { "id": admin_id } }))
            .await,
        "BAD_INPUT",
    );

    // A calendar feed of her own, a newsletter choice and a queued newsletter mail.
    assert_ok(
        &app.gql_with(&member, "mutation { calendarFeedUrl { url } }", json!({}))
            .await,
    );
    let letter = app
        .gql_with(
            &admin,
            "mutation { createNewsletter(input: {title: \"Nyhetsbrev\", body: \"Hej\"}) { newsletter { id } } }",
            json!({}),
        )
        .await;
    assert_ok(&letter);
    {
        let db = &app.state.db.pool;
        let uid: i64 = sqlx::query("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(db)
            .await
            .unwrap()
            .get(0);
        let nid: i64 = sqlx::query("SELECT MAX(id) FROM newsletters")
            .fetch_one(db)
            .await
            .unwrap()
            .get(0);
        sqlx::query("INSERT INTO newsletter_subscriptions (user_id, email_enabled, updated_at) VALUES ($1, 1, 0)")
            .bind(uid)
            .execute(db)
            .await
            .unwrap();
        sqlx::query("INSERT INTO newsletter_deliveries (newsletter_id, user_id, recipient, status, unsubscribe_hash, created_at, updated_at, next_attempt_at) VALUES ($1, $2, $3, 'queued', 'abc', 0, 0, 0)")
            .bind(nid)
            .bind(uid)
            .bind(email)
            .execute(db)
            .await
            .unwrap();
        for table in ["calendar_tokens", "newsletter_subscriptions"] {
            let n: i64 = sqlx::query(&format!("SELECT COUNT(*) FROM {table} WHERE user_id = $1"))
                .bind(uid)
                .fetch_one(db)
                .await
                .unwrap()
                .get(0);
            assert_eq!(n, 1, "{table} before erasure");
        }
    }

    let seq_before = count(
        &app,
        "SELECT CAST(COALESCE(MAX(seq), 0) AS BIGINT) FROM change_log",
    )
    .await;
    let body = app
        .gql_with(&admin, erase, json!({ "i": { "id": user_id } }))
        .await;
    assert_ok(&body);
    assert_eq!(
        body["data"]["eraseUser"]["removedPersonId"],
        person.as_str()
    );

    let db = &app.state.db.pool;
    let (_, uid) = {
        use base64::Engine;
        let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&user_id)
            .unwrap();
        let s = String::from_utf8(raw).unwrap();
        let (k, n) = s.split_once(':').unwrap();
        (k.to_string(), n.parse::<i64>().unwrap())
    };
    let pid = {
        use base64::Engine;
        let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&person)
            .unwrap();
        String::from_utf8(raw)
            .unwrap()
            .split_once(':')
            .unwrap()
            .1
            .parse::<i64>()
            .unwrap()
    };
    // No personal data left in people, users, sessions, api_tokens or the audit trail.
    for needle in [
        "Viktor",
        "Hedlund",
        "viktor.hedlund",
        "+46382153",
        "+46701740629",
        "+46701740630",
    ] {
        let like = format!("%{needle}%");
        for (table, sql) in [
            ("people", "SELECT COUNT(*) FROM people WHERE name LIKE $1 OR email LIKE $1 OR direct_phone LIKE $1 OR mobile_phone LIKE $1 OR search_text LIKE LOWER($1)"),
            ("users", "SELECT COUNT(*) FROM users WHERE display_name LIKE $1 OR email LIKE $1"),
            ("audit_log", "SELECT COUNT(*) FROM audit_log WHERE before_json LIKE $1 OR after_json LIKE $1"),
            ("invitations", "SELECT COUNT(*) FROM invitations WHERE email LIKE $1 OR display_name LIKE $1"),
            ("newsletter_deliveries", "SELECT COUNT(*) FROM newsletter_deliveries WHERE recipient LIKE $1"),
        ] {
            let n: i64 = sqlx::query(sql).bind(&like).fetch_one(db).await.unwrap().get(0);
            assert_eq!(n, 0, "{needle} left in {table}");
        }
    }
    let row = sqlx::query(
        "SELECT display_name, email, password_hash, erased_at, active FROM users WHERE id = $1",
    )
    .bind(uid)
    .fetch_one(db)
    .await
    .unwrap();
    assert_eq!(row.get::<String, _>(0), "Tidigare användare");
    assert_eq!(
        row.get::<String, _>(1),
        format!("raderad-{uid}@samsyn.invalid")
    );
    assert!(row.get::<Option<String>, _>(2).is_none());
    assert!(row.get::<Option<i64>, _>(3).is_some());
    assert_eq!(row.get::<i64, _>(4), 0);
    let delivery = sqlx::query(
        "SELECT recipient, status, unsubscribe_hash FROM newsletter_deliveries WHERE user_id = $1",
    )
    .bind(uid)
    .fetch_one(db)
    .await
    .unwrap();
    assert_eq!(
        delivery.get::<String, _>(0),
        format!("raderad-{uid}@samsyn.invalid")
    );
    assert_eq!(
        delivery.get::<String, _>(1),
        "failed",
        "the queued mail is never sent"
    );
    assert!(delivery.get::<Option<String>, _>(2).is_none());
    for table in [
        "sessions",
        "api_tokens",
        "calendar_tokens",
        "meeting_notices",
        "newsletter_subscriptions",
    ] {
        let n: i64 = sqlx::query(&format!("SELECT COUNT(*) FROM {table} WHERE user_id = $1"))
            .bind(uid)
            .fetch_one(db)
            .await
            .unwrap()
            .get(0);
        assert_eq!(n, 0, "{table}");
    }
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM people WHERE id = {pid}")
        )
        .await,
        0
    );
    // Search is told: the person and the user changed after the erasure began.
    let person_changes: i64 = sqlx::query(
        "SELECT COUNT(*) FROM change_log WHERE kind = 'person' AND entity_id = $1 AND seq > $2",
    )
    .bind(pid)
    .bind(seq_before)
    .fetch_one(db)
    .await
    .unwrap()
    .get(0);
    let user_changes: i64 = sqlx::query(
        "SELECT COUNT(*) FROM change_log WHERE kind = 'user' AND entity_id = $1 AND seq > $2",
    )
    .bind(uid)
    .bind(seq_before)
    .fetch_one(db)
    .await
    .unwrap()
    .get(0);
    assert_eq!((person_changes, user_changes), (1, 1));
    assert!(
        samsyn::directory::search_docs::search_doc(&app.state.db, pid)
            .await
            .unwrap()
            .is_none()
    );
    // After: the index no longer holds the person (hits, counts and snippets).
    let found = app.gql_with(&admin, PERSON_SEARCH, json!({})).await;
    assert_eq!(found["data"]["search"]["totalCount"], 0, "{found}");
    assert!(!found.to_string().contains("Hedlund"), "{found}");
    // The erasure itself is audited without personal data.
    let erased = count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'erase' AND before_json IS NULL AND after_json IS NULL").await;
    assert_eq!(erased, 2);

    // Sessions and tokens no longer work; the account shows as a former user.
    let me = app.gql_with(&member, "{ me { id } }", json!({})).await;
    assert!(me["data"]["me"].is_null());
    assert_code(
        &app.gql_bearer(&token, "{ me { id } }", json!({})).await,
        "UNAUTHENTICATED",
    );
    let node = app
        .gql_with(
            &admin,
            "query($id: ID!) { users { id } node(id: $id) { id } }",
            json!({ "id": user_id }),
        )
        .await;
    assert!(node["data"]["node"].is_null());
    assert_code(
        &app.gql_with(&admin, erase, json!({ "i": { "id": user_id } }))
            .await,
        "NOT_FOUND",
    );
}

async fn my_data_holds_everything_stored_about_me(app: TestApp) {
    seed_tags(&app).await;
    let admin = app.admin().await;
    let email = "rebecka.jansson@savsjo.se";
    let (user_id, member) = app.user(email, "MEMBER", Some("savsjo")).await;
    create_person(
        &app,
        &admin,
        json!({ "name": "Rebecka Jansson", "organisationId": "savsjo", "mobilePhone": "070-174 06 31",
                "areas": ["Hälsoskydd"], "userId": user_id }),
    )
    .await;
    let t = app
        .gql_with(
            &member,
            "mutation { createApiToken(input: {name: \"Intranät\", scope: READ}) { token } }",
            json!({}),
        )
        .await;
    let secret = t["data"]["createApiToken"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let body = app.gql_with(&member, "{ myData }", json!({})).await;
    assert_ok(&body);
    let d = &body["data"]["myData"];
    assert_eq!(d["user"]["email"], email);
    assert_eq!(d["user"]["organisation"], "Sävsjö kommun");
    assert!(!d["sessions"].as_array().unwrap().is_empty());
    assert_eq!(d["apiTokens"][0]["name"], "Intranät");
    assert_eq!(d["person"]["name"], "Rebecka Jansson");
    assert_eq!(d["person"]["mobilePhone"], "+46701740631");
    assert_eq!(d["person"]["areas"], json!(["Hälsoskydd"]));
    assert_eq!(d["auditLog"][0]["action"], "create");
    let text = d.to_string();
    assert!(
        !text.contains(&secret) && !text.contains("hash") && !text.contains("argon2"),
        "{text}"
    );
    assert_code(&app.gql("{ myData }", json!({})).await, "UNAUTHENTICATED");
}

async fn my_data_holds_what_i_wrote_joined_and_chose(app: TestApp) {
    use crate::forum::{data, make_moderator, network, reply, thread};
    let admin = app.admin().await;
    let (user_id, me) = app
        .user("asa.lind@tranas.se", "MEMBER", Some("tranas"))
        .await;
    let (_, other) = app.user("bo.ek@aneby.se", "MEMBER", Some("aneby")).await;
    let net = network(&app, &admin, "sma-avlopp", "Små avlopp", false).await;
    make_moderator(&app, &admin, &net, &user_id).await;
    let (mine, _) = thread(
        &app,
        &me,
        &net,
        "QUESTION",
        "Slamavskiljare utan efterpolering",
    )
    .await;
    let (theirs, _) = thread(&app, &other, &net, "DISCUSSION", "Infiltration i lerjord").await;
    let post = reply(&app, &me, &theirs, "Vi kräver provgrop före beslut.").await;
    let edit = app
        .gql_with(
            &me,
            "mutation($i: EditPostInput!) { editPost(input: $i) { post { id } } }",
            json!({ "i": { "postId": post, "body": "Vi kräver provgrop och siktanalys före beslut." } }),
        )
        .await;
    data(&edit);
    for id in [&theirs, &net] {
        let f = app
            .gql_with(
                &me,
                "mutation($i: FollowInput!) { follow(input: $i) { following } }",
                json!({ "i": { "id": id } }),
            )
            .await;
        data(&f);
    }
    reply(&app, &other, &mine, "Vilken kommun gäller det?").await;
    let off = app
        .gql_with(
            &me,
            "mutation { setNewsletterSubscription(input: { email: false }) { email } }",
            json!({}),
        )
        .await;
    data(&off);
    let meeting = crate::meetings::create_meeting(
        &app,
        &admin,
        crate::meetings::meeting_input("Avloppsdagen", 20),
    )
    .await;
    let reg = app
        .gql_with(
            &me,
            "mutation($i: MeetingRegistrationInput!) { registerForMeeting(input: $i) { status } }",
            json!({ "i": { "meetingId": meeting["id"] } }),
        )
        .await;
    data(&reg);

    let body = app.gql_with(&me, "{ myData }", json!({})).await;
    let d = &data(&body)["myData"];
    assert_eq!(d["networkMemberships"][0]["network"], "sma-avlopp");
    assert_eq!(d["networkMemberships"][0]["role"], "moderator");
    assert_eq!(d["threads"].as_array().unwrap().len(), 1, "{d}");
    assert_eq!(
        d["threads"][0]["title"],
        "Slamavskiljare utan efterpolering"
    );
    let posts = d["posts"].as_array().unwrap();
    assert_eq!(posts.len(), 2, "opening post and reply: {d}");
    let answer = posts
        .iter()
        .find(|p| p["threadTitle"] == "Infiltration i lerjord")
        .unwrap();
    assert_eq!(
        answer["body"],
        "Vi kräver provgrop och siktanalys före beslut."
    );
    assert_eq!(
        answer["earlierVersions"][0]["body"],
        "Vi kräver provgrop före beslut."
    );
    assert!(d["followedThreads"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["name"] == "Infiltration i lerjord"));
    assert_eq!(d["followedNetworks"][0]["name"], "Små avlopp");
    assert!(
        d["notifications"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "reply"),
        "the reply to my question: {d}"
    );
    assert_eq!(d["newsletterEmail"], false);
    assert_eq!(d["digest"], "daily");
    assert_eq!(d["meetingRegistrations"][0]["meeting"], "Avloppsdagen");
    assert_eq!(d["meetingRegistrations"][0]["status"], "registered");
    // Nothing of the other user's own content.
    assert!(!d.to_string().contains("Vilken kommun gäller det?"));
}

async fn organisations_and_units_are_managed_by_admins_and_managers(app: TestApp) {
    let admin = app.admin().await;
    let (_, chef) = app
        .user("chef@vaggeryd.se", "MANAGER", Some("vaggeryd"))
        .await;
    let create = "mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { organisation { id slug name kind switchboard switchboardE164 website } } }";
    let body = app
        .gql_with(&admin, create, json!({ "i": { "name": "Miljöförbundet Höglandet", "kind": "other", "switchboard": "0380-51 80 00", "website": "https://www.example.se" } }))
        .await;
    assert_ok(&body);
    let org = &body["data"]["createOrganisation"]["organisation"];
    assert_eq!(org["slug"], "miljoforbundet-hoglandet");
    assert_eq!(org["switchboard"], "0380-51 80 00");
    assert_eq!(org["switchboardE164"], "+46380518000");
    let org_id = org["id"].as_str().unwrap().to_string();
    let bad = app
        .gql_with(
            &admin,
            create,
            json!({ "i": { "name": "X", "website": "www.x.se" } }),
        )
        .await;
    assert_eq!(bad["errors"][0]["extensions"]["field"], "website");
    assert_code(
        &app.gql_with(&chef, create, json!({ "i": { "name": "Y" } }))
            .await,
        "FORBIDDEN",
    );
    let upd = app
        .gql_with(&admin, "mutation($i: UpdateOrganisationInput!) { updateOrganisation(input: $i) { organisation { visitingAddress postalAddress } } }",
            json!({ "i": { "id": org_id, "visitingAddress": "Storgatan 1, Nässjö", "postalAddress": "Box 1, 571 80 Nässjö" } }))
        .await;
    assert_ok(&upd);
    assert_eq!(
        upd["data"]["updateOrganisation"]["organisation"]["postalAddress"],
        "Box 1, 571 80 Nässjö"
    );

    let unit = "mutation($i: CreateUnitInput!) { createUnit(input: $i) { unit { id name kind organisation { slug } } } }";
    let u = app.gql_with(&chef, unit, json!({ "i": { "organisationId": "vaggeryd", "name": "Samhällsbyggnadsförvaltningen", "kind": "FORVALTNING" } })).await;
    assert_ok(&u);
    let unit_id = u["data"]["createUnit"]["unit"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_code(
        &app.gql_with(
            &chef,
            unit,
            json!({ "i": { "organisationId": "nassjo", "name": "X" } }),
        )
        .await,
        "FORBIDDEN",
    );
    assert_code(&app.gql_with(&chef, unit, json!({ "i": { "organisationId": "vaggeryd", "name": "Samhällsbyggnadsförvaltningen" } })).await, "CONFLICT");
    let person = create_person(
        &app,
        &chef,
        json!({ "name": "Cecilia Persson", "organisationId": "vaggeryd", "unitId": unit_id }),
    )
    .await;
    let units = app
        .gql_with(
            &chef,
            "{ organisation(id: \"vaggeryd\") { units { name kind } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        units["data"]["organisation"]["units"],
        json!([{ "name": "Samhällsbyggnadsförvaltningen", "kind": "FORVALTNING" }])
    );

    // Renaming the unit: the person is found by the new name and search is told.
    let seq: i64 = count(
        &app,
        "SELECT CAST(COALESCE(MAX(seq), 0) AS BIGINT) FROM change_log",
    )
    .await;
    let ren = app
        .gql_with(
            &chef,
            "mutation($i: UpdateUnitInput!) { updateUnit(input: $i) { unit { name } } }",
            json!({ "i": { "id": unit_id, "name": "Miljöenheten" } }),
        )
        .await;
    assert_ok(&ren);
    let found = app
        .gql_with(
            &chef,
            "{ people(filter: {text: \"miljoenheten\"}) { edges { node { id unit { name } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        found["data"]["people"]["edges"][0]["node"]["id"],
        person.as_str()
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM change_log WHERE kind = 'person' AND seq > {seq}")
        )
        .await,
        1
    );
    let doc = samsyn::directory::search_docs::search_doc(&app.state.db, {
        use base64::Engine;
        let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&person)
            .unwrap();
        String::from_utf8(raw)
            .unwrap()
            .split_once(':')
            .unwrap()
            .1
            .parse::<i64>()
            .unwrap()
    })
    .await
    .unwrap()
    .unwrap();
    assert_eq!(doc.key, format!("person:{}", doc.entity_id));
    assert_eq!(doc.kind, "person");
    assert_eq!(doc.title, "Cecilia Persson");
    assert!(doc.body.contains("Miljöenheten") && doc.body.contains("Vaggeryds kommun"));
    assert_eq!(doc.organisation.as_deref(), Some("Vaggeryds kommun"));
    assert_eq!(doc.acl, vec!["all"]);

    // An organisation with people cannot be removed; an empty one can.
    let del = "mutation($i: OrganisationIdInput!) { deleteOrganisation(input: $i) { deletedOrganisationId } }";
    let vaggeryd = app
        .gql_with(
            &admin,
            "{ organisation(id: \"vaggeryd\") { id } }",
            json!({}),
        )
        .await;
    let vaggeryd = vaggeryd["data"]["organisation"]["id"].clone();
    assert_code(
        &app.gql_with(&admin, del, json!({ "i": { "id": vaggeryd } }))
            .await,
        "CONFLICT",
    );
    assert_ok(
        &app.gql_with(&admin, del, json!({ "i": { "id": org_id } }))
            .await,
    );
    let node = app
        .gql_with(
            &admin,
            "query($id: ID!) { node(id: $id) { ... on Person { name } } }",
            json!({ "id": person }),
        )
        .await;
    assert_eq!(node["data"]["node"]["name"], "Cecilia Persson");
}

async fn exports_require_sign_in(app: TestApp) {
    let admin = app.admin().await;
    create_person(&app, &admin, json!({ "name": "Tobias Engström", "organisationId": "vetlanda", "directPhone": "0383-973 39" })).await;
    for path in ["/directory/export.csv", "/directory/export.vcf"] {
        let anon = reqwest::get(app.url(path)).await.unwrap();
        assert_eq!(anon.status(), 401, "{path}");
        let body: Value = anon.json().await.unwrap();
        assert_code(&body, "UNAUTHENTICATED");
        let bad = reqwest::Client::new()
            .get(app.url(path))
            .bearer_auth("ssn_nope")
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), 401);
    }
    let t = app
        .gql_with(
            &admin,
            "mutation { createApiToken(input: {name: \"Intranätet\", scope: READ}) { token } }",
            json!({}),
        )
        .await;
    let token = t["data"]["createApiToken"]["token"].as_str().unwrap();
    let resp = reqwest::Client::new()
        .get(app.url("/directory/export.vcf?text=engstrom"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let cards = vcard4::parse(resp.text().await.unwrap()).unwrap();
    assert_eq!(cards.len(), 1);

    // One person's card, named after them; signed-in only; unknown ids are 404.
    let people = app
        .gql_with(
            &admin,
            "{ people(first: 5) { nodes { id name } } }",
            json!({}),
        )
        .await;
    let tobias = people["data"]["people"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Tobias Engström")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/directory/people/{tobias}/kontaktkort.vcf");
    let one = admin.get(app.url(&path)).send().await.unwrap();
    assert_eq!(one.status(), 200);
    assert_eq!(
        one.headers()["content-disposition"],
        "attachment; filename=\"tobias-engstrom.vcf\""
    );
    let cards = vcard4::parse(one.text().await.unwrap()).unwrap();
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0].formatted_name[0].value, "Tobias Engström");
    let v3 = admin
        .get(app.url(&format!("{path}?version=3.0")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(v3.contains("VERSION:3.0\r\n"), "{v3}");
    assert_eq!(reqwest::get(app.url(&path)).await.unwrap().status(), 401);
    for missing in ["UGVyc29uOjk5OTk5", "skräp"] {
        let r = admin
            .get(app.url(&format!("/directory/people/{missing}/kontaktkort.vcf")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{missing}");
    }
    let empty = admin
        .get(app.url("/directory/export.csv?area=Kärnfysik"))
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status(), 400);
    let filtered = admin
        .get(app.url("/directory/export.csv?organisation=aneby"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        filtered
            .text()
            .await
            .unwrap()
            .trim_start_matches('\u{feff}')
            .lines()
            .count(),
        1,
        "header only"
    );
}

/// The demo phone book: every demo person, linked to their account, some overdue.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_phone_book_is_loaded_sqlite() {
    let app = spawn_with(Backend::Sqlite, "demo_phone_book", |c| c.demo = true)
        .await
        .unwrap();
    let expected = samsyn::demo::content::people().len() as i64;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM people").await, expected);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM people WHERE user_id IS NOT NULL"
        )
        .await,
        expected
    );
    let admin = app.admin().await;
    let due = app
        .gql_with(
            &admin,
            "{ peopleDueForVerification { totalCount } }",
            json!({}),
        )
        .await;
    assert_ok(&due);
    let n = due["data"]["peopleDueForVerification"]["totalCount"]
        .as_i64()
        .unwrap();
    assert!(n > 0 && n < expected / 3, "a few overdue: {n}");
    let w = app
        .gql_with(&admin, "{ whoHandles(area: \"enskilda avlopp\", organisation: \"Eksjö\") { responsible { name } } }", json!({}))
        .await;
    assert_eq!(
        w["data"]["whoHandles"]["responsible"],
        json!([{ "name": "Henrik Nyberg" }])
    );
}

/// `samsyn import people FILE.csv [--dry-run]` on the command line.
#[test]
fn import_command_checks_then_imports() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lista.csv");
    std::fs::write(
        &file,
        windows_1252("Namn;Organisation;Telefon\r\nÅsa Öberg;Tranås kommun;0140-682 17\r\nFel Nummer;Tranås;0140-68\r\n"),
    )
    .unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_samsyn"))
            .env("SAMSYN_DATA_DIR", dir.path().join("data"))
            .env("SAMSYN_DEMO", "false")
            .env("SAMSYN_ADMIN_PASSWORD", "ett-långt-lösenord-123")
            .env_remove("SAMSYN_DATABASE_URL")
            .args(["import", "people"])
            .args(args)
            .output()
            .unwrap()
    };
    let dry = run(&[file.to_str().unwrap(), "--dry-run"]);
    let out = String::from_utf8_lossy(&dry.stdout);
    assert!(dry.status.success(), "{out}");
    assert!(
        out.contains("Windows-1252") && out.contains("rad    3: ogiltig"),
        "{out}"
    );
    assert!(
        out.contains("1 nya, 0 ändrade, 0 oförändrade, 1 ogiltiga") && out.contains("Provkörning"),
        "{out}"
    );
    let refused = run(&[file.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("inget importerades"));
    let ok = run(&[file.to_str().unwrap(), "--skip-invalid"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("Importen är klar"));
    let again = run(&[file.to_str().unwrap(), "--dry-run"]);
    assert!(String::from_utf8_lossy(&again.stdout)
        .contains("0 nya, 0 ändrade, 1 oförändrade, 1 ogiltiga"));
}
