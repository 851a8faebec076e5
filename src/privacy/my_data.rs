//! "Mina uppgifter": everything stored about the signed-in user, as one JSON document.
//!
//! [`MyData`] has one field per kind of data. A domain that stores personal data adds a
//! field (a serialisable struct or list) and fills it in [`collect`]; the GraphQL `myData`
//! query returns whatever this struct serialises to, so nothing else needs to change.
//! Secrets (password hash, token and session hashes) are never included.
//!
//! Long because it is one flat list of every table's personal data, as Article 15 asks;
//! each section is short and independent.

use serde::Serialize;
use sqlx::Row;

use crate::{
    db::Db,
    directory::{
        audit::{self, AuditEntity, AuditEntry},
        people,
    },
    error::{AppError, AppResult},
};

/// Everything stored about one user.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MyData {
    /// When this export was made (UTC, RFC 3339).
    pub exported_at: String,
    pub user: UserData,
    pub sessions: Vec<SessionData>,
    pub api_tokens: Vec<ApiTokenData>,
    /// Accounts at identity providers I sign in with (the provider's subject id).
    pub sign_in_links: Vec<SignInLinkData>,
    /// The phone-book entry linked to the account.
    pub person: Option<PersonData>,
    /// Audit rows about the account and about the phone-book entry.
    pub audit_log: Vec<AuditEntry>,
    /// Networks I belong to, with my role in each.
    pub network_memberships: Vec<MembershipData>,
    /// Threads I started.
    pub threads: Vec<ThreadData>,
    /// Posts I wrote (opening posts and replies, hidden and withdrawn ones included), as
    /// written (Markdown), with the earlier versions I wrote.
    pub posts: Vec<PostData>,
    pub followed_threads: Vec<FollowData>,
    pub followed_networks: Vec<FollowData>,
    pub notifications: Vec<NotificationData>,
    /// Posts I reported to a network's moderators, with my reason.
    pub reports: Vec<ReportData>,
    /// Replies and questions I have started writing and not posted.
    pub drafts: Vec<DraftData>,
    /// How often I get the e-mail digest of notifications.
    pub digest: String,
    /// Whether I get the newsletter by e-mail.
    pub newsletter_email: bool,
    pub meeting_registrations: Vec<RegistrationData>,
    /// What I was told about meetings (changed, cancelled, got a place).
    pub meeting_notices: Vec<MeetingNoticeData>,
    /// Calendar feed addresses I made (the address itself is a secret and not stored).
    pub calendar_feeds: Vec<CalendarFeedData>,
    /// Handläggarstöd documents I wrote.
    pub documents: Vec<DocumentData>,
    /// Files I uploaded (to documents or posts).
    pub attachments: Vec<AttachmentData>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInLinkData {
    pub issuer: String,
    pub subject: String,
    pub linked_at: String,
    pub last_sign_in_at: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MembershipData {
    pub network: String,
    pub network_name: String,
    pub role: String,
    pub joined_at: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ThreadData {
    pub id: i64,
    pub network: String,
    pub kind: String,
    pub title: String,
    pub created_at: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PostData {
    pub id: i64,
    pub thread_id: i64,
    pub thread_title: String,
    pub body: String,
    pub created_at: String,
    pub edited_at: Option<String>,
    /// `moderator` (hidden by a moderator) or `withdrawn` (by me); absent when visible.
    pub hidden: Option<String>,
    pub earlier_versions: Vec<RevisionData>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RevisionData {
    pub body: String,
    pub written_at: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowData {
    pub id: i64,
    pub name: String,
    pub since: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationData {
    pub id: i64,
    pub kind: String,
    pub thread_id: i64,
    pub post_id: Option<i64>,
    pub created_at: String,
    pub read_at: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DraftData {
    pub thread_id: Option<i64>,
    pub network_id: Option<i64>,
    pub title: String,
    pub body: String,
    pub updated_at: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportData {
    pub post_id: i64,
    pub reason: String,
    pub created_at: String,
    /// Whether a moderator has handled it.
    pub resolved: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationData {
    pub meeting_id: i64,
    pub meeting: String,
    pub starts_at: String,
    /// `registered` or `waiting`.
    pub status: String,
    pub registered_at: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeetingNoticeData {
    pub meeting_id: i64,
    pub kind: String,
    pub message: String,
    pub created_at: String,
    pub email_status: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarFeedData {
    pub id: i64,
    pub network: Option<String>,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentData {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub status: String,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentData {
    pub id: i64,
    pub file_name: String,
    pub size: i64,
    /// `document` or `post`, and its id.
    pub owner_kind: String,
    pub owner_id: i64,
    pub uploaded_at: String,
    pub deleted_at: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserData {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub organisation: Option<String>,
    pub role: String,
    pub active: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionData {
    pub id: i64,
    pub created_at: String,
    pub last_seen_at: String,
    pub expires_at: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiTokenData {
    pub id: i64,
    pub name: String,
    pub scope: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonData {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub unit: Option<String>,
    pub direct_phone: Option<String>,
    pub mobile_phone: Option<String>,
    pub email: Option<String>,
    pub areas: Vec<String>,
    pub roles: Vec<String>,
    pub last_verified_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

fn iso(ms: i64) -> String {
    use chrono::TimeZone;
    chrono::Utc
        .timestamp_millis_opt(ms)
        .single()
        .unwrap_or_default()
        .to_rfc3339()
}

/// Collects everything stored about `user_id`.
pub async fn collect(db: &Db, user_id: i64) -> AppResult<MyData> {
    let u = sqlx::query(
        "SELECT u.id, u.email, u.display_name, o.name, u.role, u.active, u.created_at, u.updated_at
         FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1",
    )
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::Unauthenticated)?;
    let user = UserData {
        id: u.try_get(0)?,
        email: u.try_get(1)?,
        display_name: u.try_get(2)?,
        organisation: u.try_get(3)?,
        role: u.try_get(4)?,
        active: u.try_get::<i64, _>(5)? != 0,
        created_at: iso(u.try_get(6)?),
        updated_at: iso(u.try_get(7)?),
    };
    let sessions = sqlx::query(
        "SELECT id, created_at, last_seen_at, expires_at FROM sessions WHERE user_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(SessionData {
            id: r.try_get(0)?,
            created_at: iso(r.try_get(1)?),
            last_seen_at: iso(r.try_get(2)?),
            expires_at: iso(r.try_get(3)?),
        })
    })
    .collect::<AppResult<Vec<_>>>()?;
    let api_tokens = sqlx::query(
        "SELECT id, name, scope, created_at, expires_at, last_used_at, revoked_at
         FROM api_tokens WHERE user_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(ApiTokenData {
            id: r.try_get(0)?,
            name: r.try_get(1)?,
            scope: r.try_get(2)?,
            created_at: iso(r.try_get(3)?),
            expires_at: r.try_get::<Option<i64>, _>(4)?.map(iso),
            last_used_at: r.try_get::<Option<i64>, _>(5)?.map(iso),
            revoked_at: r.try_get::<Option<i64>, _>(6)?.map(iso),
        })
    })
    .collect::<AppResult<Vec<_>>>()?;
    let sign_in_links = sqlx::query(
        "SELECT issuer, subject, created_at, last_login_at FROM oidc_identities
         WHERE user_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(SignInLinkData {
            issuer: r.try_get(0)?,
            subject: r.try_get(1)?,
            linked_at: iso(r.try_get(2)?),
            last_sign_in_at: iso(r.try_get(3)?),
        })
    })
    .collect::<AppResult<Vec<_>>>()?;
    let person = people::for_user(db, user_id).await?;
    let mut audit_log = audit::about(db, AuditEntity::User, user_id).await?;
    if let Some(p) = &person {
        audit_log.extend(audit::about(db, AuditEntity::Person, p.id).await?);
        audit_log.sort_by_key(|e| e.id);
    }
    let person = person.map(|p| PersonData {
        id: p.id,
        name: p.name.clone(),
        title: p.title.clone(),
        organisation: p.organisation.name.clone(),
        unit: p.unit.as_ref().map(|u| u.name.clone()),
        direct_phone: p.direct_phone.as_ref().map(|n| n.e164()),
        mobile_phone: p.mobile_phone.as_ref().map(|n| n.e164()),
        email: p.email.clone(),
        areas: p.area_names(),
        roles: p.roles.iter().map(|r| r.as_str().to_string()).collect(),
        last_verified_at: p.verified_at.map(iso),
        created_at: iso(p.created_at),
        updated_at: iso(p.updated_at),
    });
    let content = content(db, user_id).await?;
    Ok(MyData {
        exported_at: chrono::Utc::now().to_rfc3339(),
        user,
        sessions,
        api_tokens,
        sign_in_links,
        person,
        audit_log,
        network_memberships: content.memberships,
        threads: content.threads,
        posts: content.posts,
        followed_threads: content.followed_threads,
        followed_networks: content.followed_networks,
        notifications: content.notifications,
        reports: content.reports,
        drafts: content.drafts,
        digest: content.digest,
        newsletter_email: content.newsletter_email,
        meeting_registrations: content.registrations,
        meeting_notices: content.notices,
        calendar_feeds: content.calendar_feeds,
        documents: content.documents,
        attachments: content.attachments,
    })
}

/// What the user did and chose in the forum, meetings and handläggarstöd.
struct Content {
    memberships: Vec<MembershipData>,
    threads: Vec<ThreadData>,
    posts: Vec<PostData>,
    followed_threads: Vec<FollowData>,
    followed_networks: Vec<FollowData>,
    notifications: Vec<NotificationData>,
    reports: Vec<ReportData>,
    drafts: Vec<DraftData>,
    digest: String,
    newsletter_email: bool,
    registrations: Vec<RegistrationData>,
    notices: Vec<MeetingNoticeData>,
    calendar_feeds: Vec<CalendarFeedData>,
    documents: Vec<DocumentData>,
    attachments: Vec<AttachmentData>,
}

/// Runs `sql` with `user_id` as `$1` and maps every row.
async fn rows<T>(
    db: &Db,
    sql: &str,
    user_id: i64,
    map: impl Fn(&sqlx::any::AnyRow) -> AppResult<T>,
) -> AppResult<Vec<T>> {
    sqlx::query(sql)
        .bind(user_id)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(map)
        .collect()
}

async fn content(db: &Db, user_id: i64) -> AppResult<Content> {
    let memberships = rows(
        db,
        "SELECT n.slug, n.name, m.role, m.joined_at FROM network_members m
         JOIN networks n ON n.id = m.network_id WHERE m.user_id = $1 ORDER BY n.name",
        user_id,
        |r| {
            Ok(MembershipData {
                network: r.try_get(0)?,
                network_name: r.try_get(1)?,
                role: r.try_get(2)?,
                joined_at: iso(r.try_get(3)?),
            })
        },
    )
    .await?;
    let threads = rows(
        db,
        "SELECT t.id, n.slug, t.kind, t.title, t.created_at FROM threads t
         JOIN networks n ON n.id = t.network_id WHERE t.author_id = $1 ORDER BY t.id",
        user_id,
        |r| {
            Ok(ThreadData {
                id: r.try_get(0)?,
                network: r.try_get(1)?,
                kind: r.try_get(2)?,
                title: r.try_get(3)?,
                created_at: iso(r.try_get(4)?),
            })
        },
    )
    .await?;
    let mut revisions: std::collections::HashMap<i64, Vec<RevisionData>> = Default::default();
    for (post_id, revision) in rows(
        db,
        "SELECT post_id, body, written_at FROM post_revisions WHERE written_by = $1 ORDER BY id",
        user_id,
        |r| {
            Ok((
                r.try_get::<i64, _>(0)?,
                RevisionData {
                    body: r.try_get(1)?,
                    written_at: iso(r.try_get(2)?),
                },
            ))
        },
    )
    .await?
    {
        revisions.entry(post_id).or_default().push(revision);
    }
    let posts = rows(
        db,
        "SELECT p.id, p.thread_id, t.title, p.body, p.created_at, p.edited_at, p.hidden_reason
         FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.author_id = $1 ORDER BY p.id",
        user_id,
        |r| {
            Ok(PostData {
                id: r.try_get(0)?,
                thread_id: r.try_get(1)?,
                thread_title: r.try_get(2)?,
                body: r.try_get(3)?,
                created_at: iso(r.try_get(4)?),
                edited_at: r.try_get::<Option<i64>, _>(5)?.map(iso),
                hidden: r.try_get(6)?,
                earlier_versions: Vec::new(),
            })
        },
    )
    .await?
    .into_iter()
    .map(|mut p| {
        p.earlier_versions = revisions.remove(&p.id).unwrap_or_default();
        p
    })
    .collect();
    let followed_threads = rows(
        db,
        "SELECT t.id, t.title, f.created_at FROM thread_follows f
         JOIN threads t ON t.id = f.thread_id WHERE f.user_id = $1 ORDER BY f.created_at",
        user_id,
        follow,
    )
    .await?;
    let followed_networks = rows(
        db,
        "SELECT n.id, n.name, f.created_at FROM network_follows f
         JOIN networks n ON n.id = f.network_id WHERE f.user_id = $1 ORDER BY f.created_at",
        user_id,
        follow,
    )
    .await?;
    let notifications = rows(
        db,
        "SELECT id, kind, thread_id, post_id, created_at, read_at FROM notifications
         WHERE user_id = $1 ORDER BY id",
        user_id,
        |r| {
            Ok(NotificationData {
                id: r.try_get(0)?,
                kind: r.try_get(1)?,
                thread_id: r.try_get(2)?,
                post_id: r.try_get(3)?,
                created_at: iso(r.try_get(4)?),
                read_at: r.try_get::<Option<i64>, _>(5)?.map(iso),
            })
        },
    )
    .await?;
    let drafts = rows(
        db,
        "SELECT thread_id, network_id, title, body, updated_at FROM drafts
         WHERE user_id = $1 ORDER BY id",
        user_id,
        |r| {
            Ok(DraftData {
                thread_id: r.try_get(0)?,
                network_id: r.try_get(1)?,
                title: r.try_get(2)?,
                body: r.try_get(3)?,
                updated_at: iso(r.try_get(4)?),
            })
        },
    )
    .await?;
    let reports = rows(
        db,
        "SELECT post_id, reason, created_at, resolved_at FROM post_reports
         WHERE reporter_id = $1 ORDER BY id",
        user_id,
        |r| {
            Ok(ReportData {
                post_id: r.try_get(0)?,
                reason: r.try_get(1)?,
                created_at: iso(r.try_get(2)?),
                resolved: r.try_get::<Option<i64>, _>(3)?.is_some(),
            })
        },
    )
    .await?;
    let digest = rows(
        db,
        "SELECT digest FROM notification_settings WHERE user_id = $1",
        user_id,
        |r| Ok(r.try_get::<String, _>(0)?),
    )
    .await?
    .pop()
    .unwrap_or_else(|| "daily".to_string());
    let newsletter_email = rows(
        db,
        "SELECT email_enabled FROM newsletter_subscriptions WHERE user_id = $1",
        user_id,
        |r| Ok(r.try_get::<i64, _>(0)? != 0),
    )
    .await?
    .pop()
    .unwrap_or(true);
    let registrations = rows(
        db,
        "SELECT m.id, m.title, m.starts_at, r.status, r.created_at FROM meeting_registrations r
         JOIN meetings m ON m.id = r.meeting_id WHERE r.user_id = $1 ORDER BY m.starts_at",
        user_id,
        |r| {
            Ok(RegistrationData {
                meeting_id: r.try_get(0)?,
                meeting: r.try_get(1)?,
                starts_at: iso(r.try_get(2)?),
                status: r.try_get(3)?,
                registered_at: iso(r.try_get(4)?),
            })
        },
    )
    .await?;
    let notices = rows(
        db,
        "SELECT meeting_id, kind, message, created_at, email_status FROM meeting_notices
         WHERE user_id = $1 ORDER BY id",
        user_id,
        |r| {
            Ok(MeetingNoticeData {
                meeting_id: r.try_get(0)?,
                kind: r.try_get(1)?,
                message: r.try_get(2)?,
                created_at: iso(r.try_get(3)?),
                email_status: r.try_get(4)?,
            })
        },
    )
    .await?;
    let calendar_feeds = rows(
        db,
        "SELECT c.id, n.slug, c.created_at, c.last_used_at, c.revoked_at FROM calendar_tokens c
         LEFT JOIN networks n ON n.id = c.network_id WHERE c.user_id = $1 ORDER BY c.id",
        user_id,
        |r| {
            Ok(CalendarFeedData {
                id: r.try_get(0)?,
                network: r.try_get(1)?,
                created_at: iso(r.try_get(2)?),
                last_used_at: r.try_get::<Option<i64>, _>(3)?.map(iso),
                revoked_at: r.try_get::<Option<i64>, _>(4)?.map(iso),
            })
        },
    )
    .await?;
    let documents = rows(
        db,
        "SELECT id, title, kind, status, version, created_at, updated_at FROM documents
         WHERE author_id = $1 ORDER BY id",
        user_id,
        |r| {
            Ok(DocumentData {
                id: r.try_get(0)?,
                title: r.try_get(1)?,
                kind: r.try_get(2)?,
                status: r.try_get(3)?,
                version: r.try_get(4)?,
                created_at: iso(r.try_get(5)?),
                updated_at: iso(r.try_get(6)?),
            })
        },
    )
    .await?;
    let attachments = rows(
        db,
        "SELECT id, file_name, size, owner_kind, owner_id, created_at, deleted_at FROM attachments
         WHERE uploaded_by = $1 ORDER BY id",
        user_id,
        |r| {
            Ok(AttachmentData {
                id: r.try_get(0)?,
                file_name: r.try_get(1)?,
                size: r.try_get(2)?,
                owner_kind: r.try_get(3)?,
                owner_id: r.try_get(4)?,
                uploaded_at: iso(r.try_get(5)?),
                deleted_at: r.try_get::<Option<i64>, _>(6)?.map(iso),
            })
        },
    )
    .await?;
    Ok(Content {
        memberships,
        threads,
        posts,
        followed_threads,
        followed_networks,
        notifications,
        reports,
        drafts,
        digest,
        newsletter_email,
        registrations,
        notices,
        calendar_feeds,
        documents,
        attachments,
    })
}

fn follow(r: &sqlx::any::AnyRow) -> AppResult<FollowData> {
    Ok(FollowData {
        id: r.try_get(0)?,
        name: r.try_get(1)?,
        since: iso(r.try_get(2)?),
    })
}
