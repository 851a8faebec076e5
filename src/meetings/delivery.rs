//! The meetings domain's two e-mail queues, newsletter deliveries and meeting notices, and
//! the background task that works through them. This module says which rows are due and
//! what each e-mail says; claiming with a lease, sending, retrying with backoff and giving
//! up are `mail::outbox`'s.

use std::time::Duration;

use sqlx::Row;

use crate::{
    accounts::secrets::{hash_secret, new_secret},
    db::{now_ms, WriteTx},
    error::AppResult,
    mail::{
        outbox::{run_round, DeliveryLog, Due, Letter, Outbox, Outcome},
        OutgoingMail,
    },
    meetings::{meeting, newsletter, notify, time},
    state::AppState,
};

/// How often the queues are looked at when nobody wakes the sender.
const POLL: Duration = Duration::from_secs(2);

/// Runs until the task is dropped. Does nothing without an SMTP server.
pub async fn run(state: AppState) {
    if !state.mailer.is_configured() {
        return;
    }
    loop {
        let worked = match send_due(&state).await {
            Ok(n) => n,
            Err(e) => {
                tracing::error!(error = %e.log_message(), "mail sender");
                0
            }
        };
        if worked == 0 {
            tokio::select! {
                _ = state.mailer.woken() => {}
                _ = tokio::time::sleep(POLL) => {}
            }
        }
    }
}

/// Sends what is due now; returns how many messages were attempted.
pub async fn send_due(state: &AppState) -> AppResult<usize> {
    let newsletters = run_round(&state.db, &state.mailer, &Newsletters(state), now_ms()).await?;
    let notices = run_round(&state.db, &state.mailer, &Notices(state), now_ms()).await?;
    Ok(newsletters.attempted + notices.attempted)
}

/// `newsletter_deliveries`: one row per issue and recipient.
const NEWSLETTER_LOG: DeliveryLog = DeliveryLog {
    table: "newsletter_deliveries",
    prefix: "",
    touches_updated_at: true,
};

/// `meeting_notices`: the e-mail columns of a participant's notice.
const NOTICE_LOG: DeliveryLog = DeliveryLog {
    table: "meeting_notices",
    prefix: "email_",
    touches_updated_at: false,
};

struct Newsletters<'a>(&'a AppState);

/// A due delivery and, once claimed, the secret of its unsubscribe link.
struct NewsletterItem {
    due: Due,
    token: String,
}

impl Outbox for Newsletters<'_> {
    type Item = NewsletterItem;
    const NAME: &'static str = "newsletter";

    async fn due(&self, now: i64) -> AppResult<Vec<NewsletterItem>> {
        let due = NEWSLETTER_LOG.due(&self.0.db, now).await?;
        Ok(due
            .into_iter()
            .map(|due| NewsletterItem {
                due,
                token: String::new(),
            })
            .collect())
    }

    async fn claim(
        &self,
        tx: &mut WriteTx,
        item: &mut NewsletterItem,
        _now: i64,
        lease_until: i64,
    ) -> AppResult<bool> {
        if !NEWSLETTER_LOG.claim(tx, &item.due, lease_until).await? {
            return Ok(false);
        }
        // Each e-mail gets its own unsubscribe secret; only its hash is kept.
        item.token = new_secret("");
        sqlx::query("UPDATE newsletter_deliveries SET unsubscribe_hash = $1 WHERE id = $2")
            .bind(hash_secret(&item.token))
            .bind(item.due.id)
            .execute(&mut ***tx)
            .await?;
        Ok(true)
    }

    async fn compose(&self, item: &NewsletterItem) -> AppResult<Letter> {
        let state = self.0;
        let detail = sqlx::query(
            "SELECT d.attempts, d.recipient, u.display_name, n.title, n.body,
                COALESCE(s.email_enabled, 1), u.active, u.erased_at
             FROM newsletter_deliveries d
             JOIN newsletters n ON n.id = d.newsletter_id
             LEFT JOIN users u ON u.id = d.user_id
             LEFT JOIN newsletter_subscriptions s ON s.user_id = d.user_id
             WHERE d.id = $1",
        )
        .bind(item.due.id)
        .fetch_one(&state.db.pool)
        .await?;
        let attempts: i64 = detail.try_get(0)?;
        let recipient: String = detail.try_get(1)?;
        let name: Option<String> = detail.try_get(2)?;
        let wants = detail.try_get::<i64, _>(5)? != 0
            && detail.try_get::<Option<i64>, _>(6)? == Some(1)
            && detail.try_get::<Option<i64>, _>(7)?.is_none();
        if !wants {
            return Ok(Letter {
                attempts,
                mail: Err("Mottagaren vill inte längre ha nyhetsbrevet med e-post.".into()),
            });
        }
        let unsubscribe = newsletter::unsubscribe_url(&state.config.public_url, &item.token);
        let rendered = newsletter::render(
            &detail.try_get::<String, _>(3)?,
            &detail.try_get::<String, _>(4)?,
            &state.config.public_url,
            &unsubscribe,
        );
        Ok(Letter {
            attempts,
            mail: Ok(OutgoingMail {
                to_name: name.unwrap_or_default(),
                to_email: recipient,
                subject: rendered.subject,
                text: rendered.text,
                html: Some(rendered.html),
                headers: vec![
                    ("List-Unsubscribe", format!("<{unsubscribe}>")),
                    ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into()),
                    ("Auto-Submitted", "auto-generated".into()),
                ],
            }),
        })
    }

    async fn record(
        &self,
        tx: &mut WriteTx,
        item: &NewsletterItem,
        outcome: &Outcome,
    ) -> AppResult<()> {
        NEWSLETTER_LOG.record(tx, item.due.id, outcome).await
    }

    fn key(&self, item: &NewsletterItem) -> i64 {
        item.due.id
    }
}

struct Notices<'a>(&'a AppState);

impl Outbox for Notices<'_> {
    type Item = Due;
    const NAME: &'static str = "meeting notice";

    async fn due(&self, now: i64) -> AppResult<Vec<Due>> {
        NOTICE_LOG.due(&self.0.db, now).await
    }

    async fn claim(
        &self,
        tx: &mut WriteTx,
        item: &mut Due,
        _now: i64,
        lease_until: i64,
    ) -> AppResult<bool> {
        NOTICE_LOG.claim(tx, item, lease_until).await
    }

    async fn compose(&self, item: &Due) -> AppResult<Letter> {
        let state = self.0;
        let db = &state.db;
        let detail = sqlx::query(
            "SELECT n.email_attempts, n.kind, n.message, n.meeting_id, u.email, u.display_name,
                u.active, u.erased_at
             FROM meeting_notices n JOIN users u ON u.id = n.user_id WHERE n.id = $1",
        )
        .bind(item.id)
        .fetch_one(&db.pool)
        .await?;
        let attempts: i64 = detail.try_get(0)?;
        let kind: String = detail.try_get(1)?;
        let message: String = detail.try_get(2)?;
        let meeting_id: i64 = detail.try_get(3)?;
        let active =
            detail.try_get::<i64, _>(6)? == 1 && detail.try_get::<Option<i64>, _>(7)?.is_none();
        let m = match meeting::get_unchecked(db, meeting_id).await? {
            Some(m) if active => m,
            _ => {
                return Ok(Letter {
                    attempts,
                    mail: Err("Mottagaren eller träffen finns inte längre.".into()),
                })
            }
        };
        let mut text = format!("{message}\n\n{}\n", m.title);
        text.push_str(&format!(
            "Tid: {}\n",
            time::human_span(m.starts_at, m.ends_at)
        ));
        if let Some(p) = &m.place {
            text.push_str(&format!("Plats: {p}\n"));
        }
        if let Some(l) = &m.online_link {
            text.push_str(&format!("Digitalt möte: {l}\n"));
        }
        text.push_str(&format!(
            "\n-- \nDu får det här meddelandet eftersom du är anmäld till träffen eller står på väntelistan i Samsyn: {}\n",
            state.config.public_url.trim_end_matches('/')
        ));
        Ok(Letter {
            attempts,
            mail: Ok(OutgoingMail {
                to_name: detail.try_get(5)?,
                to_email: detail.try_get(4)?,
                subject: notify::subject(&kind, &m.title),
                text,
                html: None,
                headers: vec![("Auto-Submitted", "auto-generated".into())],
            }),
        })
    }

    async fn record(&self, tx: &mut WriteTx, item: &Due, outcome: &Outcome) -> AppResult<()> {
        NOTICE_LOG.record(tx, item.id, outcome).await
    }

    fn key(&self, item: &Due) -> i64 {
        item.id
    }
}
