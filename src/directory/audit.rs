//! The audit trail of the phone book and of account erasure: who changed what, when, and the
//! entity before and after, as JSON. Rows are written inside the same transaction as the
//! change. Admins read every row; a manager reads their own organisation's rows only.

use serde_json::Value;
use sqlx::{any::AnyRow, Any, Row, Transaction};

use crate::{
    accounts::Access,
    accounts::Role,
    db::{now_ms, Db},
    error::{AppError, AppResult},
};

/// What an audit row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum AuditEntity {
    Person,
    Organisation,
    Unit,
    User,
}

impl AuditEntity {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditEntity::Person => "person",
            AuditEntity::Organisation => "organisation",
            AuditEntity::Unit => "unit",
            AuditEntity::User => "user",
        }
    }

    pub fn parse(s: &str) -> Option<AuditEntity> {
        Some(match s {
            "person" => AuditEntity::Person,
            "organisation" => AuditEntity::Organisation,
            "unit" => AuditEntity::Unit,
            "user" => AuditEntity::User,
            _ => return None,
        })
    }
}

/// One change to record.
pub struct NewEntry {
    /// The user who made it; None for the command line and the demo loader.
    pub actor_id: Option<i64>,
    /// create | update | delete | verify | import | erase
    pub action: &'static str,
    pub entity: AuditEntity,
    pub entity_id: Option<i64>,
    /// The organisation whose managers may read the row.
    pub organisation_id: Option<i64>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Writes one audit row inside the caller's transaction.
pub async fn record(tx: &mut Transaction<'static, Any>, e: NewEntry) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (actor_id, action, entity_kind, entity_id, organisation_id, before_json, after_json, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(e.actor_id)
    .bind(e.action)
    .bind(e.entity.as_str())
    .bind(e.entity_id)
    .bind(e.organisation_id)
    .bind(e.before.map(|v| v.to_string()))
    .bind(e.after.map(|v| v.to_string()))
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One row of the audit trail.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub actor_id: Option<i64>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub at: i64,
}

const COLUMNS: &str =
    "id, actor_id, action, entity_kind, entity_id, organisation_id, before_json, after_json, at";

fn parse_json(s: Option<String>) -> Option<Value> {
    s.and_then(|s| serde_json::from_str(&s).ok())
}

impl AuditEntry {
    fn from_row(r: &AnyRow) -> AppResult<AuditEntry> {
        Ok(AuditEntry {
            id: r.try_get("id")?,
            actor_id: r.try_get("actor_id")?,
            action: r.try_get("action")?,
            entity: r.try_get("entity_kind")?,
            entity_id: r.try_get("entity_id")?,
            organisation_id: r.try_get("organisation_id")?,
            before: parse_json(r.try_get("before_json")?),
            after: parse_json(r.try_get("after_json")?),
            at: r.try_get("at")?,
        })
    }
}

/// Which rows to list.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub organisation_id: Option<i64>,
    pub entity: Option<AuditEntity>,
    pub entity_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
}

/// Newest first; `before_id` is the keyset cursor (rows with a smaller id). Returns one
/// page and whether more follow. Managers see only their own organisation's rows: asking
/// for another organisation is FORBIDDEN.
pub async fn list(
    db: &Db,
    access: &Access,
    mut filter: AuditFilter,
    before_id: Option<i64>,
    limit: i64,
) -> AppResult<(Vec<AuditEntry>, bool)> {
    let me = access.user()?;
    match me.role {
        Role::Admin => {}
        Role::Manager => {
            let own = me.organisation_id.ok_or_else(AppError::forbidden)?;
            match filter.organisation_id {
                Some(o) if o != own => return Err(AppError::forbidden()),
                _ => filter.organisation_id = Some(own),
            }
        }
        Role::Member => return Err(AppError::forbidden()),
    }
    let mut sql = format!("SELECT {COLUMNS} FROM audit_log WHERE 1 = 1");
    let mut n = 0;
    let mut next = || {
        n += 1;
        n
    };
    if filter.organisation_id.is_some() {
        sql.push_str(&format!(" AND organisation_id = ${}", next()));
    }
    if filter.entity.is_some() {
        sql.push_str(&format!(" AND entity_kind = ${}", next()));
    }
    if filter.entity_id.is_some() {
        sql.push_str(&format!(" AND entity_id = ${}", next()));
    }
    if filter.actor_id.is_some() {
        sql.push_str(&format!(" AND actor_id = ${}", next()));
    }
    if filter.from_ms.is_some() {
        sql.push_str(&format!(" AND at >= ${}", next()));
    }
    if filter.to_ms.is_some() {
        sql.push_str(&format!(" AND at < ${}", next()));
    }
    if before_id.is_some() {
        sql.push_str(&format!(" AND id < ${}", next()));
    }
    sql.push_str(&format!(" ORDER BY id DESC LIMIT ${}", next()));
    let mut q = sqlx::query(&sql);
    if let Some(v) = filter.organisation_id {
        q = q.bind(v);
    }
    if let Some(v) = filter.entity {
        q = q.bind(v.as_str());
    }
    if let Some(v) = filter.entity_id {
        q = q.bind(v);
    }
    if let Some(v) = filter.actor_id {
        q = q.bind(v);
    }
    if let Some(v) = filter.from_ms {
        q = q.bind(v);
    }
    if let Some(v) = filter.to_ms {
        q = q.bind(v);
    }
    if let Some(v) = before_id {
        q = q.bind(v);
    }
    let rows = q.bind(limit + 1).fetch_all(&db.pool).await?;
    let mut entries = rows
        .iter()
        .map(AuditEntry::from_row)
        .collect::<AppResult<Vec<_>>>()?;
    let more = entries.len() as i64 > limit;
    entries.truncate(limit as usize);
    Ok((entries, more))
}

/// Rows about one entity (for `myData`), oldest first.
pub async fn about(db: &Db, entity: AuditEntity, entity_id: i64) -> AppResult<Vec<AuditEntry>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM audit_log WHERE entity_kind = $1 AND entity_id = $2 ORDER BY id"
    ))
    .bind(entity.as_str())
    .bind(entity_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(AuditEntry::from_row).collect()
}

/// Replaces the before/after snapshots of an entity's rows with a marker, keeping who did
/// what and when (used when a person's entry is erased).
pub async fn redact(
    tx: &mut Transaction<'static, Any>,
    entity: AuditEntity,
    entity_id: i64,
) -> AppResult<()> {
    let marker = serde_json::json!({ "redacted": true }).to_string();
    sqlx::query(
        "UPDATE audit_log SET
            before_json = CASE WHEN before_json IS NULL THEN NULL ELSE $1 END,
            after_json = CASE WHEN after_json IS NULL THEN NULL ELSE $1 END
         WHERE entity_kind = $2 AND entity_id = $3",
    )
    .bind(&marker)
    .bind(entity.as_str())
    .bind(entity_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
