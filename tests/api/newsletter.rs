//! The newsletter (nyhetsbrev): archive, preview and permissions without SMTP; with the
//! local SMTP sink, the e-mail's two parts, the unsubscribe link that works without signing
//! in, and the delivery log after an SMTP failure and the retry that succeeds.

use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::*;
use crate::meetings::{get_text, gid, join, member, network, path_of};
use crate::smtp_sink::SmtpSink;
use crate::with_smtp;

both_backends!(newsletter_without_smtp_goes_to_the_archive_only);

with_smtp!(
    newsletter_to_the_avfall_network_arrives_with_both_parts_and_a_working_unsubscribe_link: 0,
    delivery_log_records_an_smtp_failure_and_the_retry_that_succeeds: 1,
);

async fn newsletter_without_smtp_goes_to_the_archive_only(app: TestApp) {
    let admin = app.admin().await;
    let (_, anna) = member(&app, "anna@eksjo.se", "eksjo").await;
    let create = "mutation($i: NewsletterTextInput!) { createNewsletter(input: $i) { newsletter { id status } } }";
    let refused = app
        .gql_with(&anna, create, json!({ "i": { "title": "x", "body": "y" } }))
        .await;
    assert_code(&refused, "FORBIDDEN");
    let empty = app
        .gql_with(
            &admin,
            create,
            json!({ "i": { "title": " ", "body": "y" } }),
        )
        .await;
    assert_eq!(empty["errors"][0]["extensions"]["field"], "title");
    let draft = app
        .gql_with(
            &admin,
            create,
            json!({ "i": { "title": "Hösten", "body": "# Hej\n\nText." } }),
        )
        .await;
    let id = draft["data"]["createNewsletter"]["newsletter"]["id"].clone();
    let hidden = app
        .gql_with(
            &anna,
            "query($id: ID!) { newsletter(id: $id) { id } latestNewsletter { id } }",
            json!({ "id": id }),
        )
        .await;
    assert!(hidden["data"]["newsletter"].is_null() && hidden["data"]["latestNewsletter"].is_null());
    let preview = app
        .gql_with(
            &admin,
            "query($i: NewsletterTextInput!) { previewNewsletter(input: $i) { subject html text } }",
            json!({ "i": { "title": "Hösten", "body": "# Hej\n\nText med [länk](https://example.se)." } }),
        )
        .await;
    assert_ok(&preview);
    assert!(preview["data"]["previewNewsletter"]["html"]
        .as_str()
        .unwrap()
        .contains("<h1>Hej</h1>"));
    assert!(preview["data"]["previewNewsletter"]["text"]
        .as_str()
        .unwrap()
        .contains("Text med länk (https://example.se)."));
    let sent = app
        .gql_with(
            &admin,
            "mutation($i: SendNewsletterInput!) { sendNewsletter(input: $i) { queued emailConfigured newsletter { status everyone sentAt deliveryStats { queued sent failed } } } }",
            json!({ "i": { "id": id } }),
        )
        .await;
    assert_ok(&sent);
    let payload = &sent["data"]["sendNewsletter"];
    assert_eq!(payload["queued"], 0);
    assert_eq!(payload["emailConfigured"], false);
    assert_eq!(payload["newsletter"]["status"], "SENT");
    assert_eq!(payload["newsletter"]["everyone"], true);
    let again = app
        .gql_with(
            &admin,
            "mutation($i: SendNewsletterInput!) { sendNewsletter(input: $i) { queued } }",
            json!({ "i": { "id": id } }),
        )
        .await;
    assert_code(&again, "CONFLICT");
    let archive = app
        .gql_with(&anna, "{ newsletters { edges { node { title html deliveryStats { sent } } } } latestNewsletter { title } }", json!({}))
        .await;
    assert_ok(&archive);
    assert_eq!(
        archive["data"]["newsletters"]["edges"][0]["node"]["title"],
        "Hösten"
    );
    assert!(archive["data"]["newsletters"]["edges"][0]["node"]["deliveryStats"].is_null());
    assert_eq!(archive["data"]["latestNewsletter"]["title"], "Hösten");
}

async fn send_newsletter(
    app: &TestApp,
    admin: &reqwest::Client,
    title: &str,
    networks: Option<Vec<i64>>,
) -> Value {
    let created = app
        .gql_with(
            admin,
            "mutation($i: NewsletterTextInput!) { createNewsletter(input: $i) { newsletter { id } } }",
            json!({ "i": { "title": title, "body": "Hej!\n\n## Avfall\n\nKampanjen *Upptäcka illegal avfallshantering* är i gång.\n\n- Träff i maj\n- Digital avstämning" } }),
        )
        .await;
    assert_ok(&created);
    let id = created["data"]["createNewsletter"]["newsletter"]["id"].clone();
    let sent = app
        .gql_with(
            admin,
            "mutation($i: SendNewsletterInput!) { sendNewsletter(input: $i) { queued emailConfigured newsletter { id networkIds everyone } } }",
            json!({ "i": { "id": id, "networkIds": networks.map(|n| n.iter().map(|x| gid("Network", *x)).collect::<Vec<_>>()) } }),
        )
        .await;
    assert_ok(&sent);
    assert_eq!(sent["data"]["sendNewsletter"]["emailConfigured"], true);
    sent["data"]["sendNewsletter"].clone()
}

async fn delivery_log(app: &TestApp, admin: &reqwest::Client, id: &Value) -> Vec<Value> {
    let body = app
        .gql_with(
            admin,
            "query($id: ID!) { newsletter(id: $id) { deliveries(first: 100) { edges { node { recipient status attempts lastError sentAt nextAttemptAt } } } } }",
            json!({ "id": id }),
        )
        .await;
    assert_ok(&body);
    body["data"]["newsletter"]["deliveries"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

/// Waits (at most 20 s) until every delivery of the issue is sent or given up.
async fn settled_log(app: &TestApp, admin: &reqwest::Client, id: &Value) -> Vec<Value> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let log = delivery_log(app, admin, id).await;
        if log.iter().all(|d| d["nextAttemptAt"].is_null()) {
            return log;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "deliveries never settled: {log:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

pub(crate) fn recipient(mail: &crate::smtp_sink::ReceivedMail) -> String {
    mail.to.join(",")
}

fn part_text(part: &mailparse::ParsedMail<'_>) -> String {
    part.get_body().unwrap()
}

async fn newsletter_to_the_avfall_network_arrives_with_both_parts_and_a_working_unsubscribe_link(
    app: TestApp,
    sink: SmtpSink,
) {
    let admin = app.admin().await;
    let avfall = network(&app, "avfall", false).await;
    let (anna_id, anna) = member(&app, "anna@eksjo.se", "eksjo").await;
    let (bo_id, _) = member(&app, "bo@habo.se", "habo").await;
    let (_, outside) = member(&app, "cilla@tranas.se", "tranas").await;
    join(&app, avfall, &anna_id, "member").await;
    join(&app, avfall, &bo_id, "moderator").await;

    let sent = send_newsletter(
        &app,
        &admin,
        "Nyhetsbrev avfall, våren 2027",
        Some(vec![avfall]),
    )
    .await;
    assert_eq!(sent["queued"], 2);
    assert_eq!(sent["newsletter"]["everyone"], false);
    assert_eq!(
        sent["newsletter"]["networkIds"],
        json!([gid("Network", avfall)])
    );
    let mails = sink.wait_for(2).await;
    let mut to: Vec<String> = mails.iter().map(recipient).collect();
    to.sort();
    assert_eq!(to, vec!["<anna@eksjo.se>", "<bo@habo.se>"]);

    let anna_mail = mails
        .iter()
        .find(|m| recipient(m).contains("anna"))
        .unwrap();
    let parsed = anna_mail.parsed();
    use mailparse::MailHeaderMap;
    assert_eq!(parsed.ctype.mimetype, "multipart/alternative");
    assert_eq!(
        parsed.headers.get_first_value("Subject").unwrap(),
        "Nyhetsbrev avfall, våren 2027"
    );
    let kinds: Vec<&str> = parsed
        .subparts
        .iter()
        .map(|p| p.ctype.mimetype.as_str())
        .collect();
    assert_eq!(kinds, vec!["text/plain", "text/html"]);
    let text = part_text(&parsed.subparts[0]);
    let html = part_text(&parsed.subparts[1]);
    assert!(
        text.contains("Kampanjen Upptäcka illegal avfallshantering är i gång."),
        "{text}"
    );
    assert!(text.contains("- Träff i maj"));
    assert!(
        html.contains("<em>Upptäcka illegal avfallshantering</em>"),
        "{html}"
    );
    let header = parsed.headers.get_first_value("List-Unsubscribe").unwrap();
    let link = header
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_string();
    assert!(link.contains("/nyhetsbrev/avsluta/"), "{link}");
    assert!(text.contains(&link), "the text part carries the link");
    assert!(
        html.contains(&format!("href=\"{link}\"")),
        "the HTML part carries the link"
    );
    assert_eq!(
        parsed
            .headers
            .get_first_value("List-Unsubscribe-Post")
            .as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let bo_mail = mails.iter().find(|m| recipient(m).contains("bo@")).unwrap();
    assert!(
        !String::from_utf8_lossy(&bo_mail.data).contains(&link),
        "links are per recipient"
    );

    // Follow the link without signing in.
    let (status, page) = get_text(&new_client(), app.url(&path_of(&link))).await;
    assert_eq!(status, 200);
    assert!(page.contains("Du får inte längre nyhetsbrevet"), "{page}");
    let pref = app
        .gql_with(&anna, "{ newsletterSubscription }", json!({}))
        .await;
    assert_eq!(pref["data"]["newsletterSubscription"], false);
    let (status, _) = get_text(&new_client(), app.url("/nyhetsbrev/avsluta/fel")).await;
    assert_eq!(status, 404);

    // The log, the archive for someone outside the network, and a second issue without Anna.
    let log = settled_log(&app, &admin, &sent["newsletter"]["id"]).await;
    assert_eq!(log.len(), 2);
    assert!(log
        .iter()
        .all(|d| d["status"] == "SENT" && d["attempts"] == 1));
    let archive = app
        .gql_with(&outside, "{ latestNewsletter { title } }", json!({}))
        .await;
    assert_eq!(
        archive["data"]["latestNewsletter"]["title"],
        "Nyhetsbrev avfall, våren 2027"
    );

    let second = send_newsletter(
        &app,
        &admin,
        "Nyhetsbrev avfall, hösten 2027",
        Some(vec![avfall]),
    )
    .await;
    assert_eq!(second["queued"], 1);
    let mails = sink.wait_for(3).await;
    assert_eq!(recipient(&mails[2]), "<bo@habo.se>");
    settled_log(&app, &admin, &second["newsletter"]["id"]).await;
    assert_eq!(sink.messages().len(), 3);

    // Anna turns it back on in the app.
    let on = app
        .gql_with(
            &anna,
            "mutation { setNewsletterSubscription(input: {email: true}) { email } }",
            json!({}),
        )
        .await;
    assert_eq!(on["data"]["setNewsletterSubscription"]["email"], true);
}

async fn delivery_log_records_an_smtp_failure_and_the_retry_that_succeeds(
    app: TestApp,
    sink: SmtpSink,
) {
    let admin = app.admin().await;
    member(&app, "anna@eksjo.se", "eksjo").await;
    let sent = send_newsletter(&app, &admin, "Till alla", None).await;
    assert_eq!(sent["queued"], 2, "the admin and Anna");
    let log = settled_log(&app, &admin, &sent["newsletter"]["id"]).await;
    assert_eq!(sink.refused(), 1);
    assert_eq!(
        sink.messages().len(),
        2,
        "every recipient got it in the end"
    );
    let retried: Vec<&Value> = log.iter().filter(|d| d["attempts"] == 2).collect();
    assert_eq!(retried.len(), 1, "{log:?}");
    assert_eq!(retried[0]["status"], "SENT");
    assert!(
        retried[0]["lastError"].as_str().unwrap().contains("451"),
        "{log:?}"
    );
    let once: Vec<&Value> = log.iter().filter(|d| d["attempts"] == 1).collect();
    assert_eq!(once.len(), 1);
    assert!(once[0]["lastError"].is_null());
    let stats = app
        .gql_with(
            &admin,
            "query($id: ID!) { newsletter(id: $id) { deliveryStats { queued sent failed } } }",
            json!({ "id": sent["newsletter"]["id"] }),
        )
        .await;
    assert_eq!(
        stats["data"]["newsletter"]["deliveryStats"],
        json!({ "queued": 0, "sent": 2, "failed": 0 })
    );
}
