//! The e-mail digest: when `SAMSYN_SMTP_URL` is set, a background task mails each user
//! their unread, not yet mailed notifications, no more often than they chose (direkt: at
//! the next round, every `SAMSYN_DIGEST_INTERVAL_SECS`; hourly; daily, the default;
//! weekly; or never). It is one queue of `mail::outbox`: a user's digest
//! is claimed with a conditional update of `last_digest_at` before sending, so several
//! nodes never mail the same digest twice, and a failed one is given back for the next run.

use std::{collections::HashMap, time::Duration};

use sqlx::Row;

use crate::{
    accounts::{users, users::User, Access, Unattended},
    db::{now_ms, sql::Sql, Db, WriteTx},
    error::AppResult,
    forum::{markdown, notifications::NotificationKind, posts, threads::Thread},
    mail::{
        outbox::{run_round, Letter, Outbox, Outcome},
        OutgoingMail,
    },
    state::AppState,
};

/// How often a user wants the digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum DigestFrequency {
    Never,
    /// Direkt: at the digest task's next round.
    Immediate,
    Hourly,
    Daily,
    Weekly,
}

impl DigestFrequency {
    pub fn as_str(self) -> &'static str {
        match self {
            DigestFrequency::Never => "never",
            DigestFrequency::Immediate => "immediate",
            DigestFrequency::Hourly => "hourly",
            DigestFrequency::Daily => "daily",
            DigestFrequency::Weekly => "weekly",
        }
    }

    pub fn parse(s: &str) -> DigestFrequency {
        match s {
            "never" => DigestFrequency::Never,
            "immediate" => DigestFrequency::Immediate,
            "hourly" => DigestFrequency::Hourly,
            "weekly" => DigestFrequency::Weekly,
            _ => DigestFrequency::Daily,
        }
    }

    /// The shortest time between two digests, in milliseconds (None: never).
    pub fn interval_ms(self) -> Option<i64> {
        match self {
            DigestFrequency::Never => None,
            DigestFrequency::Immediate => Some(0),
            DigestFrequency::Hourly => Some(3_600_000),
            DigestFrequency::Daily => Some(86_400_000),
            DigestFrequency::Weekly => Some(7 * 86_400_000),
        }
    }

    fn phrase(self) -> &'static str {
        match self {
            DigestFrequency::Immediate => "så snart något har hänt",
            DigestFrequency::Hourly => "högst en gång i timmen",
            DigestFrequency::Weekly => "högst en gång i veckan",
            _ => "högst en gång om dygnet",
        }
    }
}

/// My digest frequency.
pub async fn frequency(db: &Db, access: &Access) -> AppResult<DigestFrequency> {
    let me = access.user()?.user_id;
    let row = sqlx::query("SELECT digest FROM notification_settings WHERE user_id = $1")
        .bind(me)
        .fetch_optional(&db.pool)
        .await?;
    Ok(match row {
        Some(r) => DigestFrequency::parse(&r.try_get::<String, _>(0)?),
        None => DigestFrequency::Daily,
    })
}

/// Sets my digest frequency.
pub async fn set_frequency(db: &Db, access: &Access, f: DigestFrequency) -> AppResult<()> {
    let me = access.user()?.user_id;
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO notification_settings (user_id, digest, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET digest = excluded.digest, updated_at = excluded.updated_at",
    )
    .bind(me)
    .bind(f.as_str())
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    tx.commit().await
}

/// Starts the digest task when SMTP is configured; abort the handle to stop it.
pub fn spawn(state: AppState) -> Option<tokio::task::JoinHandle<()>> {
    state.config.smtp_url.as_ref()?;
    let every = Duration::from_secs(state.config.digest_interval_secs.max(1));
    Some(tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        tick.tick().await;
        loop {
            tick.tick().await;
            match run_once(&state, now_ms()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(sent = n, "notification digests sent"),
                Err(e) => tracing::warn!(error = %e.log_message(), "notification digest failed"),
            }
        }
    }))
}

/// Most notifications listed in one digest.
const MAX_ITEMS: i64 = 50;

/// Mails every user whose digest is due at `now` (UTC ms). Returns the number of mails sent.
pub async fn run_once(state: &AppState, now: i64) -> AppResult<usize> {
    if !state.mailer.is_configured() {
        return Ok(0);
    }
    Ok(run_round(&state.db, &state.mailer, &Digests(state), now)
        .await?
        .sent)
}

/// The digest queue: a user is due when they have something unread and unmailed that they
/// may still read, and their interval has passed.
struct Digests<'a>(&'a AppState);

/// One user's due digest.
struct DueDigest {
    user: User,
    freq: DigestFrequency,
    /// `last_digest_at` when it was found due: the claim succeeds only while it is unchanged.
    last: Option<i64>,
    items: Vec<Item>,
}

impl Outbox for Digests<'_> {
    type Item = DueDigest;
    const NAME: &'static str = "digest";

    async fn due(&self, now: i64) -> AppResult<Vec<DueDigest>> {
        let db = &self.0.db;
        let rows = sqlx::query(
            "SELECT DISTINCT nt.user_id, s.digest, s.last_digest_at
             FROM notifications nt JOIN users u ON u.id = nt.user_id
             LEFT JOIN notification_settings s ON s.user_id = nt.user_id
             WHERE nt.emailed_at IS NULL AND nt.read_at IS NULL
             AND u.active = 1 AND u.erased_at IS NULL
             AND (s.digest IS NULL OR s.digest <> 'never')",
        )
        .fetch_all(&db.pool)
        .await?;
        let mut due = Vec::new();
        for r in rows {
            let user_id: i64 = r.try_get(0)?;
            let freq =
                DigestFrequency::parse(&r.try_get::<Option<String>, _>(1)?.unwrap_or_default());
            let last: Option<i64> = r.try_get(2)?;
            let Some(interval) = freq.interval_ms() else {
                continue;
            };
            if last.is_some_and(|l| now - l < interval) {
                continue;
            }
            match due_digest(db, user_id, freq, last).await {
                Ok(Some(d)) => due.push(d),
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(user_id, error = %e.log_message(), "digest not sent");
                }
            }
        }
        Ok(due)
    }

    async fn claim(
        &self,
        tx: &mut WriteTx,
        d: &mut DueDigest,
        now: i64,
        _lease_until: i64,
    ) -> AppResult<bool> {
        // The claim lasts until the user's next interval, not a lease: it is the record that
        // this digest went out.
        claim(tx, d.user.id, d.last, now).await
    }

    async fn compose(&self, d: &DueDigest) -> AppResult<Letter> {
        let text = compose(self.0, &d.user.display_name, &d.items, d.freq).await?;
        let subject = match d.items.len() {
            1 => "Samsyn: 1 ny avisering".to_string(),
            n => format!("Samsyn: {n} nya aviseringar"),
        };
        Ok(Letter {
            attempts: 0,
            mail: Ok(OutgoingMail {
                to_name: d.user.display_name.clone(),
                to_email: d.user.email.clone(),
                subject,
                text,
                html: None,
                headers: vec![],
            }),
        })
    }

    async fn record(&self, tx: &mut WriteTx, d: &DueDigest, outcome: &Outcome) -> AppResult<()> {
        match outcome {
            Outcome::Sent { at } => {
                let max_id = d.items.iter().map(|i| i.id).max().unwrap_or(0);
                sqlx::query(
                    "UPDATE notifications SET emailed_at = $1
                     WHERE user_id = $2 AND emailed_at IS NULL AND id <= $3",
                )
                .bind(*at)
                .bind(d.user.id)
                .bind(max_id)
                .execute(&mut ***tx)
                .await?;
            }
            Outcome::Failed { .. } => {
                // Give the claim back so the next run tries again.
                sqlx::query(
                    "UPDATE notification_settings SET last_digest_at = $1 WHERE user_id = $2",
                )
                .bind(d.last)
                .bind(d.user.id)
                .execute(&mut ***tx)
                .await?;
            }
        }
        Ok(())
    }

    fn key(&self, d: &DueDigest) -> i64 {
        d.user.id
    }
}

/// The user's digest if there is anything to say.
async fn due_digest(
    db: &Db,
    user_id: i64,
    freq: DigestFrequency,
    last: Option<i64>,
) -> AppResult<Option<DueDigest>> {
    let Some(user) = users::get(db, user_id).await? else {
        return Ok(None);
    };
    let access = users::unattended_access(db, &user, Unattended::Digest).await?;
    let items = unmailed(db, &access, user_id).await?;
    if items.is_empty() {
        return Ok(None);
    }
    Ok(Some(DueDigest {
        user,
        freq,
        last,
        items,
    }))
}

/// Takes this user's digest for this run: succeeds for one node only.
async fn claim(tx: &mut WriteTx, user_id: i64, last: Option<i64>, now: i64) -> AppResult<bool> {
    sqlx::query(
        "INSERT INTO notification_settings (user_id, digest, updated_at) VALUES ($1, 'daily', $2)
         ON CONFLICT (user_id) DO NOTHING",
    )
    .bind(user_id)
    .bind(now)
    .execute(&mut ***tx)
    .await?;
    let done = sqlx::query(
        "UPDATE notification_settings SET last_digest_at = $1
         WHERE user_id = $2 AND COALESCE(last_digest_at, -1) = $3",
    )
    .bind(now)
    .bind(user_id)
    .bind(last.unwrap_or(-1))
    .execute(&mut ***tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

struct Item {
    id: i64,
    kind: NotificationKind,
    thread: Thread,
    post_id: Option<i64>,
    actor_id: Option<i64>,
    note: Option<String>,
}

/// The user's unread, unmailed notifications that they may still read, newest first.
async fn unmailed(db: &Db, access: &Access, user_id: i64) -> AppResult<Vec<Item>> {
    let mut q = Sql::new(&format!(
        "SELECT nt.id AS nt_id, nt.kind AS nt_kind, nt.post_id AS nt_post_id,
                nt.actor_id AS nt_actor_id, nt.note AS nt_note, {}, {}",
        crate::forum::threads::COLUMNS,
        crate::forum::networks::COLUMNS
    ));
    crate::forum::notifications::visible(&mut q, access, user_id);
    q.push(" AND nt.read_at IS NULL AND nt.emailed_at IS NULL");
    q.push(" ORDER BY nt.id DESC LIMIT ").int(MAX_ITEMS);
    let rows = q.query().fetch_all(&db.pool).await?;
    let mut out = Vec::new();
    for r in &rows {
        let thread = Thread::from_row(r)?;
        if !thread.network.readable_by(access) {
            continue;
        }
        out.push(Item {
            id: r.try_get("nt_id")?,
            kind: NotificationKind::parse(&r.try_get::<String, _>("nt_kind")?),
            thread,
            post_id: r.try_get("nt_post_id")?,
            actor_id: r.try_get("nt_actor_id")?,
            note: r.try_get("nt_note")?,
        });
    }
    Ok(out)
}

/// The plain-text digest in Swedish.
async fn compose(
    state: &AppState,
    name: &str,
    items: &[Item],
    freq: DigestFrequency,
) -> AppResult<String> {
    let db = &state.db;
    let mut actor_ids: Vec<i64> = items.iter().filter_map(|i| i.actor_id).collect();
    actor_ids.sort_unstable();
    actor_ids.dedup();
    let actors: HashMap<i64, String> = users::by_ids(db, &actor_ids)
        .await?
        .into_iter()
        .map(|u| {
            let n = if u.erased {
                "Tidigare användare".to_string()
            } else {
                u.display_name
            };
            (u.id, n)
        })
        .collect();
    let post_ids: Vec<i64> = items.iter().filter_map(|i| i.post_id).collect();
    let excerpts: HashMap<i64, String> = posts::by_ids(db, &post_ids)
        .await?
        .into_iter()
        .map(|p| (p.id, markdown::excerpt(&p.body, 200)))
        .collect();
    let base = state.config.public_url.trim_end_matches('/');
    let mut out =
        format!("Hej {name}!\n\nDet här har hänt i Samsyn sedan förra sammanfattningen:\n");
    for i in items {
        let who = i
            .actor_id
            .and_then(|a| actors.get(&a).cloned())
            .unwrap_or_else(|| "Någon".into());
        let (title, net) = (&i.thread.title, &i.thread.network.name);
        let line = match i.kind {
            NotificationKind::Reply => format!("{who} svarade i ”{title}” ({net})"),
            NotificationKind::Accepted => {
                format!("Ett svar markerades som lösning i ”{title}” ({net})")
            }
            NotificationKind::Mention => format!("{who} nämnde dig i ”{title}” ({net})"),
            NotificationKind::Announcement => format!("Nytt anslag i {net}: ”{title}”"),
            NotificationKind::Report => format!(
                "{who} anmälde ett inlägg i ”{title}” ({net}): {}",
                i.note.as_deref().unwrap_or("")
            ),
            NotificationKind::FollowedTag => format!(
                "Ny tråd om {} i {net}: ”{title}”",
                i.note.as_deref().unwrap_or("ett tillsynsområde du bevakar")
            ),
            NotificationKind::PostHidden => match &i.note {
                Some(why) => format!("En moderator dolde ditt inlägg i ”{title}” ({net}): {why}"),
                None => format!("En moderator dolde ditt inlägg i ”{title}” ({net})"),
            },
        };
        out.push_str(&format!("\n• {line}\n"));
        if let Some(ex) = i.post_id.and_then(|p| excerpts.get(&p)) {
            out.push_str(&format!("  {ex}\n"));
        }
        out.push_str(&format!(
            "  {base}/forum/trad/{}\n",
            crate::db::global_id("Thread", i.thread.id)
        ));
    }
    out.push_str(&format!(
        "\nDu får den här sammanfattningen {} när du har olästa aviseringar. \
         Du kan ändra det under Inställningar → Aviseringar i Samsyn.\n",
        freq.phrase()
    ));
    Ok(out)
}
