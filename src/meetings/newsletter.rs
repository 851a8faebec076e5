//! The newsletter (nyhetsbrev): admins write an issue in Markdown, preview it, and send it to
//! everyone or to chosen networks. Sending publishes it in the archive every signed-in user
//! reads and queues one e-mail per subscriber in the delivery log; the background sender in
//! `delivery` sends and retries them. Users choose whether they get it by e-mail, and every
//! e-mail carries its own secret unsubscribe link that works without signing in.

use sqlx::{any::AnyRow, Row};

use crate::{
    accounts::{secrets::hash_secret, Access},
    db::{
        change_log::{self, EntityKind},
        now_ms,
        sql::Sql,
        Db,
    },
    error::{AppError, AppResult},
    forum::markdown,
    mail::Mailer,
    meetings::{plain_text::plain_text, text_field},
};

const MAX_TITLE: usize = 200;
const MAX_BODY: usize = 100_000;

/// draft | sent
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum NewsletterStatus {
    Draft,
    Sent,
}

/// One issue.
#[derive(Debug, Clone)]
pub struct Newsletter {
    pub id: i64,
    pub title: String,
    /// Markdown.
    pub body: String,
    pub status: NewsletterStatus,
    /// Chosen networks; empty = everyone.
    pub network_ids: Vec<i64>,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub sent_at: Option<i64>,
}

const COLUMNS: &str = "id, title, body, status, created_by, created_at, updated_at, sent_at";

fn from_row(r: &AnyRow) -> AppResult<Newsletter> {
    Ok(Newsletter {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        body: r.try_get("body")?,
        status: if r.try_get::<String, _>("status")? == "sent" {
            NewsletterStatus::Sent
        } else {
            NewsletterStatus::Draft
        },
        network_ids: Vec::new(),
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        sent_at: r.try_get("sent_at")?,
    })
}

fn parse_title(raw: &str) -> AppResult<String> {
    let t = text_field("title", raw, MAX_TITLE, "Rubriken")?;
    if t.is_empty() {
        return Err(AppError::bad_input("title", "Ge nyhetsbrevet en rubrik."));
    }
    Ok(t)
}

fn parse_body(raw: &str) -> AppResult<String> {
    let b = text_field("body", raw, MAX_BODY, "Texten")?;
    if b.is_empty() {
        return Err(AppError::bad_input("body", "Nyhetsbrevet har ingen text."));
    }
    Ok(b)
}

// ---------------------------------------------------------------------------------------
// Rendering

/// An issue rendered as it is sent: subject, HTML and plain text.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub subject: String,
    pub html: String,
    pub text: String,
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The address of the unsubscribe page for `token`.
pub fn unsubscribe_url(public_url: &str, token: &str) -> String {
    format!(
        "{}/nyhetsbrev/avsluta/{token}",
        public_url.trim_end_matches('/')
    )
}

/// Renders an issue for e-mail. `unsubscribe` is the recipient's own link.
pub fn render(title: &str, body: &str, public_url: &str, unsubscribe: &str) -> Rendered {
    let site = public_url.trim_end_matches('/');
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head><meta charset=\"utf-8\"><title>{t}</title></head>\n\
         <body style=\"font-family: Arial, Helvetica, sans-serif; line-height: 1.5; color: #1b1b1b; max-width: 40em; margin: 0 auto; padding: 1em;\">\n\
         <p style=\"color: #555; font-size: 0.9em;\">Nyhetsbrev från Miljösamverkan Jönköpings län</p>\n\
         <h1 style=\"font-size: 1.5em;\">{t}</h1>\n{body}\n\
         <hr style=\"border: none; border-top: 1px solid #ccc; margin-top: 2em;\">\n\
         <p style=\"color: #555; font-size: 0.85em;\">Du får nyhetsbrevet eftersom du har ett konto i Samsyn. \
         Tidigare nummer finns i Samsyn: <a href=\"{site}\">{site_text}</a>.<br>\
         <a href=\"{unsub}\">Avsluta prenumerationen på nyhetsbrevet</a></p>\n</body>\n</html>\n",
        t = escape_html(title),
        body = markdown::render(body),
        site = escape_html(site),
        site_text = escape_html(site),
        unsub = escape_html(unsubscribe),
    );
    let text = format!(
        "{title}\n{underline}\n\n{body}\n\n-- \nNyhetsbrev från Miljösamverkan Jönköpings län. \
         Tidigare nummer finns i Samsyn: {site}\n\
         Avsluta prenumerationen: {unsubscribe}\n",
        underline = "=".repeat(title.chars().count()),
        body = plain_text(body),
    );
    Rendered {
        subject: title.to_string(),
        html,
        text,
    }
}

/// What an issue will look like (admins), with a placeholder unsubscribe link.
pub fn preview(access: &Access, public_url: &str, title: &str, body: &str) -> AppResult<Rendered> {
    access.require_admin()?;
    let title = parse_title(title)?;
    let body = parse_body(body)?;
    Ok(render(
        &title,
        &body,
        public_url,
        &unsubscribe_url(public_url, "…"),
    ))
}

// ---------------------------------------------------------------------------------------
// Reading

async fn with_networks(db: &Db, mut list: Vec<Newsletter>) -> AppResult<Vec<Newsletter>> {
    if list.is_empty() {
        return Ok(list);
    }
    let mut sql = Sql::new("");
    let ids = sql.args(&list.iter().map(|n| n.id).collect::<Vec<_>>());
    sql.push(&format!(
        "SELECT newsletter_id, network_id FROM newsletter_networks WHERE newsletter_id IN ({ids})
         ORDER BY network_id"
    ));
    for r in sql.query().fetch_all(&db.pool).await? {
        let id: i64 = r.try_get(0)?;
        if let Some(n) = list.iter_mut().find(|n| n.id == id) {
            n.network_ids.push(r.try_get(1)?);
        }
    }
    Ok(list)
}

/// One issue: sent ones for every signed-in user, drafts for admins. None otherwise.
pub async fn get(db: &Db, access: &Access, id: i64) -> AppResult<Option<Newsletter>> {
    access.user()?;
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM newsletters WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    let Some(n) = row.as_ref().map(from_row).transpose()? else {
        return Ok(None);
    };
    if n.status == NewsletterStatus::Draft && !access.is_admin() {
        return Ok(None);
    }
    Ok(with_networks(db, vec![n]).await?.pop())
}

pub async fn require(db: &Db, access: &Access, id: i64) -> AppResult<Newsletter> {
    get(db, access, id)
        .await?
        .ok_or_else(|| AppError::not_found("Nyhetsbrevet"))
}

/// The archive, newest first: sent issues, and for admins (when asked) drafts too.
/// `after` is the (sort key, id) of the last issue of the previous page.
pub async fn list(
    db: &Db,
    access: &Access,
    include_drafts: bool,
    first: i64,
    after: Option<(i64, i64)>,
) -> AppResult<(Vec<Newsletter>, bool)> {
    access.user()?;
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS}, COALESCE(sent_at, updated_at) AS sort_key FROM newsletters WHERE 1 = 1"
    ));
    if !(include_drafts && access.is_admin()) {
        sql.push(" AND status = 'sent'");
    }
    if let Some((key, id)) = after {
        let k = sql.arg(key);
        let i = sql.arg(id);
        sql.push(&format!(
            " AND (COALESCE(sent_at, updated_at) < {k} OR (COALESCE(sent_at, updated_at) = {k} AND id < {i}))"
        ));
    }
    let limit = sql.arg(first + 1);
    sql.push(&format!(
        " ORDER BY COALESCE(sent_at, updated_at) DESC, id DESC LIMIT {limit}"
    ));
    let rows = sql.query().fetch_all(&db.pool).await?;
    let mut page = rows.iter().map(from_row).collect::<AppResult<Vec<_>>>()?;
    let has_next = page.len() as i64 > first;
    page.truncate(first as usize);
    Ok((with_networks(db, page).await?, has_next))
}

/// The newest sent issue ("nytt sedan sist").
pub async fn latest(db: &Db, access: &Access) -> AppResult<Option<Newsletter>> {
    Ok(list(db, access, false, 1, None).await?.0.pop())
}

// ---------------------------------------------------------------------------------------
// Writing

/// Writes a new draft (admins).
pub async fn create(db: &Db, access: &Access, title: &str, body: &str) -> AppResult<Newsletter> {
    let me = access.require_admin()?;
    let title = parse_title(title)?;
    let body = parse_body(body)?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "INSERT INTO newsletters (title, body, status, audience, created_by, created_at, updated_at)
         VALUES ($1, $2, 'draft', 'all', $3, $4, $4) RETURNING id",
    )
    .bind(&title)
    .bind(&body)
    .bind(me.user_id)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    let id: i64 = row.try_get(0)?;
    tx.commit().await?;
    require(db, access, id).await
}

/// Edits a draft (admins). A sent issue is part of the archive and stays as it was sent.
pub async fn update(
    db: &Db,
    access: &Access,
    id: i64,
    title: Option<&str>,
    body: Option<&str>,
) -> AppResult<Newsletter> {
    access.require_admin()?;
    let current = require(db, access, id).await?;
    if current.status == NewsletterStatus::Sent {
        return Err(AppError::Conflict(
            "Nyhetsbrevet är redan skickat och kan inte ändras.".into(),
        ));
    }
    let title = match title {
        Some(t) => parse_title(t)?,
        None => current.title,
    };
    let body = match body {
        Some(b) => parse_body(b)?,
        None => current.body,
    };
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE newsletters SET title = $1, body = $2, updated_at = $3
         WHERE id = $4 AND status = 'draft'",
    )
    .bind(&title)
    .bind(&body)
    .bind(now_ms())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    tx.commit().await?;
    require(db, access, id).await
}

/// The outcome of sending.
#[derive(Debug, Clone)]
pub struct Sent {
    pub newsletter: Newsletter,
    /// E-mails queued (0 when no SMTP server is configured).
    pub queued: i64,
}

/// Sends an issue (admins): publishes it in the archive and queues an e-mail for every
/// active user who wants it by e-mail, among everyone or the members of `network_ids`.
pub async fn send(
    db: &Db,
    mailer: &Mailer,
    access: &Access,
    id: i64,
    network_ids: &[i64],
) -> AppResult<Sent> {
    let me = access.require_admin()?;
    let mut networks = network_ids.to_vec();
    networks.sort_unstable();
    networks.dedup();
    if !networks.is_empty() {
        let mut sql = Sql::new("");
        let list = sql.args(&networks);
        sql.push(&format!(
            "SELECT COUNT(*) FROM networks WHERE id IN ({list})"
        ));
        let found: i64 = sql.query().fetch_one(&db.pool).await?.try_get(0)?;
        if found != networks.len() as i64 {
            return Err(AppError::bad_input("networkIds", "Nätverket finns inte."));
        }
    }
    require(db, access, id).await?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE newsletters SET status = 'sent', audience = $1, sent_by = $2, sent_at = $3,
            updated_at = $3
         WHERE id = $4 AND status = 'draft'",
    )
    .bind(if networks.is_empty() {
        "all"
    } else {
        "networks"
    })
    .bind(me.user_id)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::Conflict("Nyhetsbrevet är redan skickat.".into()));
    }
    for n in &networks {
        sqlx::query("INSERT INTO newsletter_networks (newsletter_id, network_id) VALUES ($1, $2)")
            .bind(id)
            .bind(*n)
            .execute(&mut **tx)
            .await?;
    }
    let queued = if mailer.is_configured() {
        sqlx::query(
            "INSERT INTO newsletter_deliveries (newsletter_id, user_id, recipient, status,
                attempts, created_at, updated_at, next_attempt_at)
             SELECT $1, u.id, u.email, 'queued', 0, $2, $2, $2 FROM users u
             WHERE u.active = 1 AND u.erased_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM newsletter_subscriptions s
                               WHERE s.user_id = u.id AND s.email_enabled = 0)
               AND ($3 = 0 OR EXISTS (
                    SELECT 1 FROM network_members nm
                    JOIN newsletter_networks nn ON nn.network_id = nm.network_id
                    WHERE nn.newsletter_id = $1 AND nm.user_id = u.id))",
        )
        .bind(id)
        .bind(now)
        .bind(networks.len() as i64)
        .execute(&mut **tx)
        .await?
        .rows_affected() as i64
    } else {
        0
    };
    change_log::record(&mut tx, EntityKind::Newsletter, id).await?;
    tx.commit().await?;
    mailer.wake();
    Ok(Sent {
        newsletter: require(db, access, id).await?,
        queued,
    })
}

// ---------------------------------------------------------------------------------------
// Subscription

/// Whether the user gets the newsletter by e-mail (yes unless they said no).
pub async fn subscribed(db: &Db, user_id: i64) -> AppResult<bool> {
    let row = sqlx::query("SELECT email_enabled FROM newsletter_subscriptions WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(match row {
        Some(r) => r.try_get::<i64, _>(0)? != 0,
        None => true,
    })
}

async fn set_subscribed(db: &Db, user_id: i64, enabled: bool) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO newsletter_subscriptions (user_id, email_enabled, updated_at)
         VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET email_enabled = excluded.email_enabled,
             updated_at = excluded.updated_at",
    )
    .bind(user_id)
    .bind(enabled as i64)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    tx.commit().await
}

/// The caller chooses whether they get the newsletter by e-mail.
pub async fn set_subscription(db: &Db, access: &Access, enabled: bool) -> AppResult<bool> {
    let me = access.user()?.user_id;
    set_subscribed(db, me, enabled).await?;
    Ok(enabled)
}

/// Follows an unsubscribe link: turns the newsletter e-mail off for its recipient. Returns
/// false when the link is unknown.
pub async fn unsubscribe(db: &Db, token: &str) -> AppResult<bool> {
    if token.is_empty() || token.len() > 200 {
        return Ok(false);
    }
    let row = sqlx::query(
        "SELECT user_id FROM newsletter_deliveries WHERE unsubscribe_hash = $1 AND user_id IS NOT NULL",
    )
    .bind(hash_secret(token))
    .fetch_optional(&db.pool)
    .await?;
    let Some(r) = row else { return Ok(false) };
    set_subscribed(db, r.try_get(0)?, false).await?;
    Ok(true)
}

// ---------------------------------------------------------------------------------------
// Delivery log

/// queued | sent | failed
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(
    name = "NewsletterDeliveryStatus",
    rename_items = "SCREAMING_SNAKE_CASE"
)]
pub enum DeliveryStatus {
    Queued,
    Sent,
    Failed,
}

impl DeliveryStatus {
    pub fn parse(s: &str) -> DeliveryStatus {
        match s {
            "sent" => DeliveryStatus::Sent,
            "failed" => DeliveryStatus::Failed,
            _ => DeliveryStatus::Queued,
        }
    }
}

/// One line of the delivery log.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: i64,
    pub user_id: Option<i64>,
    pub recipient: String,
    pub status: DeliveryStatus,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub sent_at: Option<i64>,
    /// When the next attempt is due; None when sent or given up.
    pub next_attempt_at: Option<i64>,
}

/// Counts per status.
#[derive(Debug, Clone, Default)]
pub struct DeliveryStats {
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
}

/// The delivery log of an issue (admins), one page ordered by id.
pub async fn deliveries(
    db: &Db,
    access: &Access,
    newsletter_id: i64,
    first: i64,
    after: Option<i64>,
) -> AppResult<(Vec<Delivery>, bool)> {
    access.require_admin()?;
    let rows = sqlx::query(
        "SELECT id, user_id, recipient, status, attempts, last_error, created_at, updated_at,
            sent_at, next_attempt_at
         FROM newsletter_deliveries WHERE newsletter_id = $1 AND id > $2 ORDER BY id LIMIT $3",
    )
    .bind(newsletter_id)
    .bind(after.unwrap_or(0))
    .bind(first + 1)
    .fetch_all(&db.pool)
    .await?;
    let mut page = rows
        .iter()
        .map(|r| {
            Ok(Delivery {
                id: r.try_get(0)?,
                user_id: r.try_get(1)?,
                recipient: r.try_get(2)?,
                status: DeliveryStatus::parse(&r.try_get::<String, _>(3)?),
                attempts: r.try_get(4)?,
                last_error: r.try_get(5)?,
                created_at: r.try_get(6)?,
                updated_at: r.try_get(7)?,
                sent_at: r.try_get(8)?,
                next_attempt_at: r.try_get(9)?,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    let has_next = page.len() as i64 > first;
    page.truncate(first as usize);
    Ok((page, has_next))
}

/// How many deliveries of an issue are queued, sent and failed (admins).
pub async fn delivery_stats(
    db: &Db,
    access: &Access,
    newsletter_id: i64,
) -> AppResult<DeliveryStats> {
    access.require_admin()?;
    let rows = sqlx::query(
        "SELECT status, COUNT(*) FROM newsletter_deliveries WHERE newsletter_id = $1 GROUP BY status",
    )
    .bind(newsletter_id)
    .fetch_all(&db.pool)
    .await?;
    let mut stats = DeliveryStats::default();
    for r in rows {
        let n: i64 = r.try_get(1)?;
        match DeliveryStatus::parse(&r.try_get::<String, _>(0)?) {
            DeliveryStatus::Queued => stats.queued = n,
            DeliveryStatus::Sent => stats.sent = n,
            DeliveryStatus::Failed => stats.failed = n,
        }
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_email_has_the_text_the_html_and_the_unsubscribe_link_in_both() {
        let r = render(
            "Nyhetsbrev <hösten> 2026",
            "Hej!\n\n- Träff om **avfall**\n\n<script>alert(1)</script>",
            "https://samsyn.example.se/",
            "https://samsyn.example.se/nyhetsbrev/avsluta/abc",
        );
        assert!(r
            .html
            .contains("<h1 style=\"font-size: 1.5em;\">Nyhetsbrev &lt;hösten&gt; 2026</h1>"));
        assert!(r.html.contains("<strong>avfall</strong>"));
        assert!(!r.html.contains("<script>"));
        assert!(r
            .html
            .contains("href=\"https://samsyn.example.se/nyhetsbrev/avsluta/abc\""));
        assert!(r.text.contains("- Träff om avfall"));
        assert!(r
            .text
            .contains("Avsluta prenumerationen: https://samsyn.example.se/nyhetsbrev/avsluta/abc"));
    }
}
