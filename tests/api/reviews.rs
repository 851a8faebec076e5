//! Fresh content ("Att granska"): who sees what is due for review, the reminders 14 days
//! before and on the day (once each, however often the task runs), and marking a document
//! reviewed (who, when, the next date), on both backends.

use chrono::{Days, Months};
use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::*;

both_backends!(
    documents_due_for_review_remind_their_people_once_and_marking_reviewed_moves_the_date
);

#[track_caller]
fn data(body: &Value) -> &Value {
    assert!(body["errors"].is_null(), "unexpected errors: {body}");
    &body["data"]
}

const DUE: &str = "{ documentsDueForReview(withinDays: 30) { edges { node { id title reviewBy viewerCanMarkReviewed } } } }";
const REMINDERS: &str = "{ reviewReminders { stage reviewBy document { id title } } }";

async fn due_titles(app: &TestApp, c: &reqwest::Client) -> Vec<String> {
    let r = app.gql_with(c, DUE, json!({})).await;
    data(&r)["documentsDueForReview"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["title"].as_str().unwrap().to_string())
        .collect()
}

async fn reminders(app: &TestApp, c: &reqwest::Client) -> Vec<Value> {
    let r = app.gql_with(c, REMINDERS, json!({})).await;
    data(&r)["reviewReminders"].as_array().unwrap().clone()
}

async fn mark(app: &TestApp, c: &reqwest::Client, id: &str, next: Value) -> Value {
    app.gql_with(
        c,
        "mutation($i: MarkDocumentReviewedInput!) { markDocumentReviewed(input: $i) { document { reviewBy reviewedAt reviewedBy { displayName } } } }",
        json!({ "i": { "id": id, "nextReviewBy": next } }),
    )
    .await
}

async fn documents_due_for_review_remind_their_people_once_and_marking_reviewed_moves_the_date(
    app: TestApp,
) {
    let admin = app.admin().await;
    let (resp_id, responsible) = app
        .user("rebecka.ansvarig@jonkoping.se", "MEMBER", None)
        .await;
    let (_, author) = app.user("anders.forfattare@eksjo.se", "MEMBER", None).await;
    let (_, other) = app.user("olga.annan@habo.se", "MEMBER", None).await;
    let r = app
        .gql_with(
            &admin,
            "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }",
            json!({ "i": { "name": "Små avlopp 2027", "responsibleUserId": resp_id } }),
        )
        .await;
    let project = data(&r)["createProject"]["project"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let today = samsyn::dates::today();
    let in_ten = today.checked_add_days(Days::new(10)).unwrap();
    let r = app
        .gql_with(
            &author,
            "mutation($i: CreateDocumentInput!) { createDocument(input: $i) { document { id } } }",
            json!({ "i": { "title": "Checklista markbädd", "kind": "CHECKLISTA", "projectId": project,
                           "reviewBy": in_ten.to_string(), "body": "- [ ] Slamavskiljare" } }),
        )
        .await;
    let doc = data(&r)["createDocument"]["document"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    // A far-off one is not due.
    let r = app
        .gql_with(
            &author,
            "mutation($i: CreateDocumentInput!) { createDocument(input: $i) { document { id } } }",
            json!({ "i": { "title": "Mall beslut", "kind": "MALL", "projectId": project,
                           "reviewBy": today.checked_add_months(Months::new(6)).unwrap().to_string() } }),
        )
        .await;
    data(&r);

    // The draft is the author's (and the admin's); published, the project's responsible too.
    assert_eq!(due_titles(&app, &author).await, ["Checklista markbädd"]);
    assert!(due_titles(&app, &responsible).await.is_empty());
    let r = app
        .gql_with(
            &admin,
            "mutation($i: DocumentIdInput!) { publishDocument(input: $i) { document { status } } }",
            json!({ "i": { "id": doc } }),
        )
        .await;
    data(&r);
    assert_eq!(
        due_titles(&app, &responsible).await,
        ["Checklista markbädd"]
    );
    assert_eq!(due_titles(&app, &admin).await, ["Checklista markbädd"]);
    assert!(due_titles(&app, &other).await.is_empty());

    // Reminders: 14 days before (here: 10), once, to the author and the responsible.
    let db = &app.state.db;
    let run = |day| samsyn::library::reviews::run_once(db, day, false);
    assert_eq!(run(today).await.unwrap(), 2);
    assert_eq!(run(today).await.unwrap(), 0);
    let mine = reminders(&app, &author).await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0]["stage"], "SOON");
    assert_eq!(mine[0]["reviewBy"], in_ten.to_string());
    assert_eq!(mine[0]["document"]["title"], "Checklista markbädd");
    assert_eq!(reminders(&app, &responsible).await.len(), 1);
    assert!(reminders(&app, &other).await.is_empty());
    assert!(reminders(&app, &admin).await.is_empty());
    // And on the day (or after, had the server been down), once more.
    assert_eq!(run(in_ten).await.unwrap(), 2);
    assert_eq!(
        run(in_ten.checked_add_days(Days::new(3)).unwrap())
            .await
            .unwrap(),
        0
    );
    let mine = reminders(&app, &author).await;
    assert_eq!(mine.len(), 2);
    assert_eq!(mine[0]["stage"], "DUE");

    // Who may mark it reviewed, and what is checked.
    let r = app
        .gql_with(
            &other,
            "query($id: ID!) { document(id: $id) { viewerCanMarkReviewed } }",
            json!({ "id": doc }),
        )
        .await;
    assert_eq!(data(&r)["document"]["viewerCanMarkReviewed"], false);
    assert_code(&mark(&app, &other, &doc, json!(null)).await, "FORBIDDEN");
    let r = mark(&app, &author, &doc, json!(today.to_string())).await;
    assert_code(&r, "BAD_INPUT");
    assert_eq!(r["errors"][0]["extensions"]["field"], "nextReviewBy");
    assert_code(
        &mark(&app, &author, "RG9jdW1lbnQ6OTk5OTk", json!(null)).await,
        "NOT_FOUND",
    );
    assert_code(
        &mark(&app, &new_client(), &doc, json!(null)).await,
        "UNAUTHENTICATED",
    );

    // Marked by the author: 12 months on, who and when kept, reminders retired.
    let r = mark(&app, &author, &doc, json!(null)).await;
    let d = &data(&r)["markDocumentReviewed"]["document"];
    assert_eq!(
        d["reviewBy"],
        today
            .checked_add_months(Months::new(12))
            .unwrap()
            .to_string()
    );
    assert_eq!(d["reviewedBy"]["displayName"], "anders.forfattare");
    assert!(d["reviewedAt"].is_string());
    assert!(due_titles(&app, &author).await.is_empty());
    assert!(reminders(&app, &author).await.is_empty());
    assert!(reminders(&app, &responsible).await.is_empty());
    // The project's responsible may too, with a date of their choice.
    let next = today.checked_add_months(Months::new(3)).unwrap();
    let r = mark(&app, &responsible, &doc, json!(next.to_string())).await;
    let d = &data(&r)["markDocumentReviewed"]["document"];
    assert_eq!(d["reviewBy"], next.to_string());
    assert_eq!(d["reviewedBy"]["displayName"], "rebecka.ansvarig");

    // An archived document is not reviewed: it waits in the recycle bin.
    let r = app
        .gql_with(
            &admin,
            "mutation($i: DocumentIdInput!) { archiveDocument(input: $i) { document { status } } }",
            json!({ "i": { "id": doc } }),
        )
        .await;
    data(&r);
    assert_code(&mark(&app, &admin, &doc, json!(null)).await, "CONFLICT");
}

crate::with_smtp!(review_reminders_are_emailed_once_and_not_once_the_document_is_reviewed: 0);

/// With an SMTP server, each reminder also goes out as one e-mail with a link to the
/// document; a reminder whose document was reviewed before the e-mail left is not sent.
async fn review_reminders_are_emailed_once_and_not_once_the_document_is_reviewed(
    app: TestApp,
    sink: crate::smtp_sink::SmtpSink,
) {
    let admin = app.admin().await;
    let (_, author) = app.user("greta.granskare@eksjo.se", "MEMBER", None).await;
    let r = app
        .gql_with(
            &admin,
            "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }",
            json!({ "i": { "name": "Lantbrukstillsyn 2027" } }),
        )
        .await;
    let project = data(&r)["createProject"]["project"]["id"].clone();
    let today = samsyn::dates::today();
    let create = |title: &str, days: u64| {
        app.gql_with(
            &author,
            "mutation($i: CreateDocumentInput!) { createDocument(input: $i) { document { id } } }",
            json!({ "i": { "title": title, "kind": "CHECKLISTA", "projectId": project,
                           "reviewBy": today.checked_add_days(Days::new(days)).unwrap().to_string(),
                           "body": "- [ ] Punkt" } }),
        )
    };
    let r = create("Checklista lantbruk", 5).await;
    let doc = data(&r)["createDocument"]["document"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let db = &app.state.db;
    assert_eq!(
        samsyn::library::reviews::run_once(db, today, true)
            .await
            .unwrap(),
        1
    );
    samsyn::library::reviews::send_due(&app.state)
        .await
        .unwrap();
    let mails = sink.wait_for(1).await;
    let m = &mails[0];
    assert!(m.to[0].contains("greta.granskare@eksjo.se"), "{:?}", m.to);
    let parsed = m.parsed();
    use mailparse::MailHeaderMap;
    let subject = parsed.headers.get_first_value("Subject").unwrap();
    assert!(subject.contains("Checklista lantbruk"), "{subject}");
    let text = parsed.get_body().unwrap();
    assert!(text.contains("Checklista lantbruk"), "{text}");
    assert!(text.contains("ska granskas senast"), "{text}");
    assert!(
        text.contains(&format!("/handlaggarstod/dokument/{doc}")),
        "{text}"
    );
    // Sent once, however often the queue is looked at.
    samsyn::library::reviews::send_due(&app.state)
        .await
        .unwrap();
    assert_eq!(sink.messages().len(), 1);

    // Reviewed before its e-mail went out: the e-mail is given up.
    let r = create("Checklista avfall", 3).await;
    let doc2 = data(&r)["createDocument"]["document"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        samsyn::library::reviews::run_once(db, today, true)
            .await
            .unwrap(),
        1
    );
    data(&mark(&app, &author, &doc2, json!(null)).await);
    samsyn::library::reviews::send_due(&app.state)
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(sink.messages().len(), 1, "{:?}", sink.messages());
}
