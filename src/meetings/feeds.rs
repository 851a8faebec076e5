//! Calendar feeds: secret, revocable addresses that Outlook and phones subscribe to, and the
//! single-meeting download.
//!
//! A feed address carries a random token; only its SHA-256 is stored. The feed is read as
//! its owner would read the meetings, at every request: someone who leaves a members-only
//! network stops seeing its meetings in their feed, and a deactivated user's feeds stop.

use sqlx::Row;

use crate::{
    accounts::{
        secrets::{hash_secret, new_secret},
        Access, AuthVia, Role, Unattended,
    },
    db::{now_ms, Db},
    error::{AppError, AppResult},
    meetings::{
        ics::{self, CalEvent, Calendar},
        meeting::{self, Meeting, MeetingFilter},
        plain_text::plain_text,
        time,
    },
};

/// Oldest meetings a feed still carries.
const FEED_PAST_MS: i64 = 180 * 24 * 3600 * 1000;
/// Most meetings in one feed.
const FEED_LIMIT: i64 = 500;
/// How often `last_used_at` is written (feeds are polled often).
const LAST_USED_RESOLUTION_MS: i64 = 3600 * 1000;

/// An active feed address (its secret is never shown again).
#[derive(Debug, Clone)]
pub struct FeedToken {
    pub id: i64,
    pub network_id: Option<i64>,
    pub network_slug: Option<String>,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// The address of a feed.
pub fn feed_url(public_url: &str, network_slug: Option<&str>, token: &str) -> String {
    let base = public_url.trim_end_matches('/');
    match network_slug {
        Some(slug) => format!("{base}/calendar/network/{slug}/{token}.ics"),
        None => format!("{base}/calendar/user/{token}.ics"),
    }
}

/// The network's slug when the caller may read it; NOT_FOUND otherwise.
async fn readable_network_slug(db: &Db, access: &Access, network_id: i64) -> AppResult<String> {
    let row = sqlx::query("SELECT slug, members_only FROM networks WHERE id = $1")
        .bind(network_id)
        .fetch_optional(&db.pool)
        .await?;
    match row {
        Some(r) if access.can_read_network(network_id, r.try_get::<i64, _>(1)? != 0) => {
            Ok(r.try_get(0)?)
        }
        _ => Err(AppError::not_found("Nätverket")),
    }
}

/// Creates a feed address for the caller: their own calendar (`network_id` None) or one
/// network's. With `reset`, every earlier address of that calendar stops working first.
/// Returns the address; it is shown only now.
pub async fn create_token(
    db: &Db,
    access: &Access,
    public_url: &str,
    network_id: Option<i64>,
    reset: bool,
) -> AppResult<String> {
    let me = access.user()?.user_id;
    let slug = match network_id {
        Some(n) => Some(readable_network_slug(db, access, n).await?),
        None => None,
    };
    let token = new_secret("cal_");
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    if reset {
        sqlx::query(
            "UPDATE calendar_tokens SET revoked_at = $1
             WHERE user_id = $2 AND revoked_at IS NULL
               AND COALESCE(network_id, 0) = $3",
        )
        .bind(now)
        .bind(me)
        .bind(network_id.unwrap_or(0))
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO calendar_tokens (user_id, network_id, token_hash, created_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(me)
    .bind(network_id)
    .bind(hash_secret(&token))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    tx.commit().await?;
    Ok(feed_url(public_url, slug.as_deref(), &token))
}

/// The caller's active feed addresses.
pub async fn list_tokens(db: &Db, access: &Access) -> AppResult<Vec<FeedToken>> {
    let me = access.user()?.user_id;
    let rows = sqlx::query(
        "SELECT t.id, t.network_id, n.slug, t.created_at, t.last_used_at
         FROM calendar_tokens t LEFT JOIN networks n ON n.id = t.network_id
         WHERE t.user_id = $1 AND t.revoked_at IS NULL ORDER BY t.created_at, t.id",
    )
    .bind(me)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(FeedToken {
                id: r.try_get(0)?,
                network_id: r.try_get(1)?,
                network_slug: r.try_get(2)?,
                created_at: r.try_get(3)?,
                last_used_at: r.try_get(4)?,
            })
        })
        .collect()
}

/// The owner of an active feed token and the network it is for.
async fn resolve(db: &Db, token: &str) -> AppResult<Option<(Access, Option<i64>)>> {
    let row = sqlx::query(
        "SELECT t.id, t.network_id, t.last_used_at, u.id, u.display_name, u.role, u.organisation_id
         FROM calendar_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active = 1 AND u.erased_at IS NULL",
    )
    .bind(hash_secret(token))
    .fetch_optional(&db.pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let token_id: i64 = r.try_get(0)?;
    let now = now_ms();
    if r.try_get::<Option<i64>, _>(2)?
        .is_none_or(|t| now - t > LAST_USED_RESOLUTION_MS)
    {
        let mut tx = db.begin_write().await?;
        sqlx::query("UPDATE calendar_tokens SET last_used_at = $1 WHERE id = $2")
            .bind(now)
            .bind(token_id)
            .execute(&mut **tx)
            .await?;
        tx.commit().await?;
    }
    // A feed reads as its owner, with read-only rights.
    let access = Access::for_user(
        db,
        r.try_get(3)?,
        r.try_get(4)?,
        Role::parse(&r.try_get::<String, _>(5)?)?,
        r.try_get(6)?,
        AuthVia::Unattended(Unattended::Feed),
    )
    .await?;
    Ok(Some((access, r.try_get(1)?)))
}

/// The host part of the public address, for event UIDs.
fn uid_host(public_url: &str) -> String {
    let rest = public_url.split("://").nth(1).unwrap_or(public_url);
    let host = rest.split(['/', ':']).next().unwrap_or("");
    if host.is_empty() {
        "samsyn".into()
    } else {
        host.to_string()
    }
}

/// One meeting as a calendar event.
pub fn event(m: &Meeting, public_url: &str) -> CalEvent {
    let mut description = plain_text(&m.description);
    if let Some(link) = &m.online_link {
        description.push_str(&format!("\n\nDigitalt möte: {link}"));
    }
    if let Some(deadline) = m.registration_deadline {
        description.push_str(&format!(
            "\n\nSista anmälningsdag: {}.",
            time::human(deadline)
        ));
    }
    description.push_str(&format!(
        "\n\nAnmälan och mer information i Samsyn: {}",
        public_url.trim_end_matches('/')
    ));
    CalEvent {
        uid: format!("meeting-{}@{}", m.id, uid_host(public_url)),
        sequence: m.sequence,
        created_ms: m.created_at,
        last_modified_ms: m.updated_at,
        starts_ms: m.starts_at,
        ends_ms: m.ends_at,
        summary: if m.cancelled {
            format!("INSTÄLLD: {}", m.title)
        } else {
            m.title.clone()
        },
        description: description.trim().to_string(),
        location: m.place.clone().or_else(|| m.online_link.clone()),
        url: m.online_link.clone(),
        organiser: m
            .organiser
            .as_ref()
            .filter(|u| !u.erased)
            .map(|u| (u.display_name.clone(), u.email.clone())),
        cancelled: m.cancelled,
    }
}

fn calendar(name: String, meetings: &[Meeting], public_url: &str) -> String {
    ics::render(
        &Calendar {
            name,
            events: meetings.iter().map(|m| event(m, public_url)).collect(),
        },
        now_ms(),
    )
}

/// A user's feed: meetings of the whole collaboration, of their networks, and those they
/// registered for. None when the token is unknown or revoked.
pub async fn user_feed(db: &Db, public_url: &str, token: &str) -> AppResult<Option<String>> {
    let Some((access, network)) = resolve(db, token).await? else {
        return Ok(None);
    };
    if network.is_some() {
        return Ok(None);
    }
    let filter = MeetingFilter {
        from: Some(now_ms() - FEED_PAST_MS),
        include_cancelled: true,
        my_calendar: true,
        ..MeetingFilter::default()
    };
    let (meetings, _) = meeting::list(db, &access, &filter, FEED_LIMIT, None).await?;
    Ok(Some(calendar(
        "Samsyn – mina träffar".into(),
        &meetings,
        public_url,
    )))
}

/// A network's feed. None when the token is unknown, revoked, for another calendar, or its
/// owner may no longer read the network.
pub async fn network_feed(
    db: &Db,
    public_url: &str,
    slug: &str,
    token: &str,
) -> AppResult<Option<String>> {
    let Some((access, Some(network_id))) = resolve(db, token).await? else {
        return Ok(None);
    };
    let row = sqlx::query("SELECT slug, name, members_only FROM networks WHERE id = $1")
        .bind(network_id)
        .fetch_optional(&db.pool)
        .await?;
    let Some(r) = row else { return Ok(None) };
    let (net_slug, name): (String, String) = (r.try_get(0)?, r.try_get(1)?);
    if net_slug != slug || !access.can_read_network(network_id, r.try_get::<i64, _>(2)? != 0) {
        return Ok(None);
    }
    let filter = MeetingFilter {
        network_id: Some(network_id),
        from: Some(now_ms() - FEED_PAST_MS),
        include_cancelled: true,
        ..MeetingFilter::default()
    };
    let (meetings, _) = meeting::list(db, &access, &filter, FEED_LIMIT, None).await?;
    Ok(Some(calendar(
        format!("Samsyn – {name}"),
        &meetings,
        public_url,
    )))
}

/// One meeting as an .ics file, for a signed-in caller who may read it.
pub async fn single(
    db: &Db,
    access: &Access,
    public_url: &str,
    meeting_id: i64,
) -> AppResult<(String, String)> {
    let m = meeting::require(db, access, meeting_id).await?;
    let name = format!(
        "{}.ics",
        crate::tags::slugify(&m.title)
            .chars()
            .take(60)
            .collect::<String>()
    );
    Ok((
        name,
        calendar(
            format!("Samsyn – {}", m.title),
            std::slice::from_ref(&m),
            public_url,
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_host_is_the_public_host() {
        assert_eq!(uid_host("https://samsyn.rjl.se/"), "samsyn.rjl.se");
        assert_eq!(uid_host("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(
            feed_url("https://x.se/", Some("avfall"), "cal_a"),
            "https://x.se/calendar/network/avfall/cal_a.ics"
        );
    }
}
