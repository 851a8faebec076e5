//! The e-mail digest, against a tiny SMTP sink started inside the test: unread
//! notifications go out no more often than each user chose, and never when they chose never.

use serde_json::json;

use samsyn::config::Secret;

use super::*;

async fn digest_mails_unread_notifications_no_more_often_than_chosen(app: TestApp, sink: SmtpSink) {
    let admin = app.admin().await;
    let net = network(&app, &admin, "halsa", "Hälsoskydd", false).await;
    let (_, hourly) = app.user("hilda.timme@eksjo.se", "MEMBER", None).await;
    let (_, never) = app.user("nils.aldrig@eksjo.se", "MEMBER", None).await;
    let (_, writer) = member(&app, "sven.svarar@eksjo.se").await;
    let set = |who, f: &str| {
        mutate(
            &app,
            who,
            "updateNotificationSettings",
            "UpdateNotificationSettingsInput",
            json!({ "digest": f }),
            "{ settings { digest } }",
        )
    };
    let r = app
        .gql_with(&hourly, "{ notificationSettings { digest } }", json!({}))
        .await;
    assert_eq!(
        data(&r)["notificationSettings"]["digest"],
        "DAILY",
        "the default"
    );
    assert_eq!(
        data(&set(&hourly, "HOURLY").await)["updateNotificationSettings"]["settings"]["digest"],
        "HOURLY"
    );
    data(&set(&never, "NEVER").await);

    let (t1, _) = thread(&app, &hourly, &net, "QUESTION", "Radon i förskola").await;
    let (t2, _) = thread(&app, &never, &net, "QUESTION", "Fukt i skolmatsal").await;
    reply(
        &app,
        &writer,
        &t1,
        "Mät under eldningssäsongen, minst två månader.",
    )
    .await;
    reply(&app, &writer, &t2, "Begär fuktutredning.").await;

    // The background task mails the hourly user once; the never user gets nothing.
    assert!(sink.wait_for(1, 15).await, "no digest arrived");
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let mails = sink.all();
    assert_eq!(mails.len(), 1, "{mails:?}");
    let m = &mails[0];
    assert!(m.to[0].contains("hilda.timme@eksjo.se"), "{:?}", m.to);
    assert!(
        m.text().contains("Subject: Samsyn: 1 ny avisering"),
        "{}",
        m.text()
    );
    assert!(
        m.text()
            .contains("sven.svarar svarade i ”Radon i förskola” (Hälsoskydd)"),
        "{}",
        m.text()
    );
    assert!(
        m.text().contains("Mät under eldningssäsongen"),
        "{}",
        m.text()
    );
    // The link opens the thread in the web app (its address carries the thread's id).
    assert!(
        m.text().contains(&format!("/forum/trad/{t1}")),
        "{}",
        m.text()
    );
    assert!(m.text().contains("högst en gång i timmen"), "{}", m.text());

    // A new reply within the hour waits for the next digest.
    reply(&app, &writer, &t1, "Och kontrollera ventilationen.").await;
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(sink.count(), 1, "a second digest within the hour");

    // An hour later (run directly with that clock) it goes out, with only what is new.
    let later = samsyn::db::now_ms() + 3_600_001;
    let sent = samsyn::forum::digest::run_once(&app.state, later)
        .await
        .unwrap();
    assert_eq!(sent, 1);
    let mails = sink.all();
    assert_eq!(mails.len(), 2);
    assert!(mails[1].text().contains("Och kontrollera ventilationen."));
    assert!(!mails[1].text().contains("Mät under eldningssäsongen"));

    // Notifications read in the app are not mailed.
    reply(&app, &writer, &t1, "Sista tillägget.").await;
    let r = mutate(
        &app,
        &hourly,
        "markNotificationsRead",
        "MarkNotificationsReadInput",
        json!({}),
        "{ unreadCount }",
    )
    .await;
    data(&r);
    let sent = samsyn::forum::digest::run_once(&app.state, later + 2 * 3_600_000)
        .await
        .unwrap();
    assert_eq!(sent, 0);
    assert!(sink.all().iter().all(|m| !m.to[0].contains("nils.aldrig")));
}

async fn with_sink(backend: Backend) {
    let sink = SmtpSink::start().await;
    let url = format!("smtp://{}", sink.addr);
    let Some(app) = spawn_with(backend, "digest", |c| {
        c.smtp_url = Some(Secret(url));
        c.digest_interval_secs = 1;
    })
    .await
    else {
        return;
    };
    digest_mails_unread_notifications_no_more_often_than_chosen(app, sink).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn digest_mails_unread_notifications_no_more_often_than_chosen_sqlite() {
    with_sink(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn digest_mails_unread_notifications_no_more_often_than_chosen_postgres() {
    with_sink(Backend::Postgres).await;
}
