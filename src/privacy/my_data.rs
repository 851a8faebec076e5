//! "Mina uppgifter": everything stored about the signed-in user, as one JSON document.
//!
//! [`MyData`] has one field per kind of data. A domain that stores personal data adds a
//! field (a serialisable struct or list) and fills it in [`collect`]; the GraphQL `myData`
//! query returns whatever this struct serialises to, so nothing else needs to change.
//! Secrets (password hash, token and session hashes) are never included.

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
    /// The phone-book entry linked to the account.
    pub person: Option<PersonData>,
    /// Audit rows about the account and about the phone-book entry.
    pub audit_log: Vec<AuditEntry>,
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
    Ok(MyData {
        exported_at: chrono::Utc::now().to_rfc3339(),
        user,
        sessions,
        api_tokens,
        person,
        audit_log,
    })
}
