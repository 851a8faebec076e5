//! Review reminders ("Att granska"): a document whose review-by date comes within 14 days
//! reminds its author and its project's responsible once ("soon"), and once more on the
//! day or after ("due"); a document with neither reminds the admins. The background task
//! runs hourly on every node; the unique key of `review_reminders` (document, user, date,
//! stage) makes a second run, a restart or another node add nothing. Marking the document
//! reviewed moves its date, which retires its reminders: a reminder is listed only while
//! its date is still the document's and its reader may still see the document.
//!
//! With an SMTP server each reminder is also e-mailed, through `mail::outbox` (claimed with
//! a lease, retried with backoff); a reminder retired before its e-mail went out is given
//! up unsent.

use std::time::Duration;

use chrono::{Days, NaiveDate};
use sqlx::Row;

use crate::{
    accounts::Access,
    dates,
    db::{now_ms, sql::Sql, Db, WriteTx},
    error::{AppError, AppResult},
    library::documents,
    mail::{
        outbox::{run_round, DeliveryLog, Due, Letter, Outbox, Outcome},
        OutgoingMail,
    },
    state::AppState,
};

/// Days before the review-by date that the first reminder goes out.
pub const SOON_DAYS: u64 = 14;

/// Which reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ReminderStage {
    /// The review-by date is at most 14 days away.
    Soon,
    /// The review-by date is today or has passed.
    Due,
}

impl ReminderStage {
    fn as_str(self) -> &'static str {
        match self {
            ReminderStage::Soon => "soon",
            ReminderStage::Due => "due",
        }
    }
    fn parse(s: &str) -> ReminderStage {
        if s == "due" {
            ReminderStage::Due
        } else {
            ReminderStage::Soon
        }
    }
}

/// How often the reminders' e-mail queue is looked at.
const MAIL_POLL: Duration = Duration::from_secs(60);

/// Runs [`run_once`] every hour, and with an SMTP server [`send_due`] every minute, until
/// the server stops.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut mail_tick = tokio::time::interval(MAIL_POLL);
        mail_tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mail = state.mailer.is_configured();
        loop {
            tokio::select! {
                _ = tick.tick() => {
                    match run_once(&state.db, dates::today(), mail).await {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(reminders = n, "review reminders created"),
                        Err(e) => tracing::warn!(error = %e.log_message(), "review reminders failed"),
                    }
                }
                _ = mail_tick.tick(), if mail => {
                    if let Err(e) = send_due(&state).await {
                        tracing::warn!(error = %e.log_message(), "review reminder e-mail failed");
                    }
                }
            }
        }
    })
}

/// Creates the reminders due on `today`, each with its e-mail queued when `queue_mail`;
/// returns how many were new.
pub async fn run_once(db: &Db, today: NaiveDate, queue_mail: bool) -> AppResult<u64> {
    let soon_until = today
        .checked_add_days(Days::new(SOON_DAYS))
        .ok_or_else(|| AppError::internal("date overflow"))?;
    let (today, soon_until) = (dates::to_db(today), dates::to_db(soon_until));
    let mut created = 0;
    for (stage, sql) in [
        (ReminderStage::Due, "d.review_by <= $1"),
        (
            ReminderStage::Soon,
            "d.review_by > $1 AND d.review_by <= $2",
        ),
    ] {
        // The recipients of every document in the window: its author and its project's
        // responsible, or the admins when it has neither (active users only).
        let select = format!(
            "SELECT d.id, u.id, d.review_by FROM documents d
             LEFT JOIN projects p ON p.id = d.project_id
             JOIN users u ON u.active = 1 AND u.erased_at IS NULL AND (
                  u.id = d.author_id OR u.id = p.responsible_user_id
                  OR (u.role = 'admin' AND d.author_id IS NULL AND p.responsible_user_id IS NULL))
             WHERE d.status <> 'archived' AND d.review_by IS NOT NULL AND {sql}"
        );
        let mut query = sqlx::query(&select).bind(&today);
        if stage == ReminderStage::Soon {
            query = query.bind(&soon_until);
        }
        let rows = query.fetch_all(&db.pool).await?;
        if rows.is_empty() {
            continue;
        }
        let now = now_ms();
        let mut tx = db.begin_write().await?;
        for r in &rows {
            let done = sqlx::query(
                "INSERT INTO review_reminders (document_id, user_id, review_by, stage, created_at,
                     email_status, email_next_attempt_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (document_id, user_id, review_by, stage) DO NOTHING",
            )
            .bind(r.try_get::<i64, _>(0)?)
            .bind(r.try_get::<i64, _>(1)?)
            .bind(r.try_get::<String, _>(2)?)
            .bind(stage.as_str())
            .bind(now)
            .bind(if queue_mail { "queued" } else { "none" })
            .bind(queue_mail.then_some(now))
            .execute(&mut **tx)
            .await?;
            created += done.rows_affected();
        }
        tx.commit().await?;
    }
    Ok(created)
}

/// One reminder of mine.
#[derive(Debug, Clone)]
pub struct Reminder {
    pub id: i64,
    pub document_id: i64,
    pub review_by: NaiveDate,
    pub stage: ReminderStage,
    pub created_at: i64,
}

/// My reminders that still hold (the document still has that date, is not archived and I
/// may read it), newest first, at most `first`.
pub async fn mine(db: &Db, access: &Access, first: i64) -> AppResult<Vec<Reminder>> {
    let me = access.user()?.user_id;
    let mut q = Sql::new(
        "SELECT r.id AS r_id, r.document_id, r.review_by AS r_review_by, r.stage, r.created_at AS r_created_at
         FROM review_reminders r JOIN documents d ON d.id = r.document_id
         LEFT JOIN networks n ON n.id = d.network_id
         WHERE d.review_by = r.review_by AND d.status <> 'archived' AND r.user_id = ",
    );
    q.int(me);
    documents::push_readable(&mut q, access)?;
    q.push(" ORDER BY r.id DESC LIMIT ").int(first);
    let rows = q.query().fetch_all(db.counted()).await?;
    rows.iter()
        .map(|r| {
            Ok(Reminder {
                id: r.try_get("r_id")?,
                document_id: r.try_get("document_id")?,
                review_by: dates::from_db(&r.try_get::<String, _>("r_review_by")?)?,
                stage: ReminderStage::parse(&r.try_get::<String, _>("stage")?),
                created_at: r.try_get("r_created_at")?,
            })
        })
        .collect()
}

/// `review_reminders`: the e-mail columns of a reminder.
const MAIL_LOG: DeliveryLog = DeliveryLog {
    table: "review_reminders",
    prefix: "email_",
    touches_updated_at: false,
};

/// Mails the reminders whose e-mail is due; returns how many were attempted.
pub async fn send_due(state: &AppState) -> AppResult<usize> {
    if !state.mailer.is_configured() {
        return Ok(0);
    }
    Ok(
        run_round(&state.db, &state.mailer, &ReminderMails(state), now_ms())
            .await?
            .attempted,
    )
}

struct ReminderMails<'a>(&'a AppState);

impl Outbox for ReminderMails<'_> {
    type Item = Due;
    const NAME: &'static str = "review reminder";

    async fn due(&self, now: i64) -> AppResult<Vec<Due>> {
        MAIL_LOG.due(&self.0.db, now).await
    }

    async fn claim(
        &self,
        tx: &mut WriteTx,
        item: &mut Due,
        _now: i64,
        lease_until: i64,
    ) -> AppResult<bool> {
        MAIL_LOG.claim(tx, item, lease_until).await
    }

    async fn compose(&self, item: &Due) -> AppResult<Letter> {
        let state = self.0;
        let r = sqlx::query(
            "SELECT r.email_attempts, r.stage, r.review_by, d.id, d.title, u.email,
                u.display_name, (d.review_by = r.review_by AND d.status <> 'archived'
                    AND u.active = 1 AND u.erased_at IS NULL) AS holds
             FROM review_reminders r JOIN documents d ON d.id = r.document_id
             JOIN users u ON u.id = r.user_id WHERE r.id = $1",
        )
        .bind(item.id)
        .fetch_one(&state.db.pool)
        .await?;
        let attempts: i64 = r.try_get(0)?;
        // A boolean expression is 0/1 on SQLite and a bool on PostgreSQL.
        let holds = r
            .try_get::<bool, _>(7)
            .or_else(|_| r.try_get::<i64, _>(7).map(|v| v == 1))?;
        if !holds {
            return Ok(Letter {
                attempts,
                mail: Err(
                    "Dokumentet är redan granskat, arkiverat eller mottagaren finns inte längre."
                        .into(),
                ),
            });
        }
        let stage = ReminderStage::parse(&r.try_get::<String, _>(1)?);
        let review_by = dates::from_db(&r.try_get::<String, _>(2)?)?;
        let (document_id, title): (i64, String) = (r.try_get(3)?, r.try_get(4)?);
        let name: String = r.try_get(6)?;
        let base = state.config.public_url.trim_end_matches('/');
        let document = crate::db::global_id("Document", document_id);
        let day = review_by.format("%Y-%m-%d");
        let (subject, lead) = match stage {
            ReminderStage::Soon => (
                format!("Samsyn: ”{title}” ska granskas senast {day}"),
                format!("”{title}” i handläggarstödet ska granskas senast {day}, om {SOON_DAYS} dagar eller mindre."),
            ),
            ReminderStage::Due => (
                format!("Samsyn: dags att granska ”{title}”"),
                format!("”{title}” i handläggarstödet skulle granskas senast {day}. Granska det nu, så att kollegorna kan lita på det."),
            ),
        };
        let text = format!(
            "Hej {name}!\n\n{lead}\n\nLäs igenom det, ändra det som inte längre stämmer och välj \
             ”Markera som granskad”, så flyttas nästa granskningsdatum fram:\n{base}/handlaggarstod/dokument/{document}\n\n\
             Allt du har att granska: {base}/handlaggarstod/att-granska\n\n-- \n\
             Du får det här meddelandet eftersom du har skrivit dokumentet, är ansvarig för dess projekt \
             eller är administratör i Samsyn.\n"
        );
        Ok(Letter {
            attempts,
            mail: Ok(OutgoingMail {
                to_name: name,
                to_email: r.try_get(5)?,
                subject,
                text,
                html: None,
                headers: vec![("Auto-Submitted", "auto-generated".into())],
            }),
        })
    }

    async fn record(&self, tx: &mut WriteTx, item: &Due, outcome: &Outcome) -> AppResult<()> {
        MAIL_LOG.record(tx, item.id, outcome).await
    }

    fn key(&self, item: &Due) -> i64 {
        item.id
    }
}
