//! Units of an organisation (förvaltning, enhet, avdelning), kept apart from the
//! organisation itself. Admins and the organisation's managers add, rename and remove them;
//! renaming re-renders the unit's people in search.

use serde_json::json;
use sqlx::{any::AnyRow, Row};

use crate::{
    accounts::{Access, Role},
    db::{
        change_log::{self, EntityKind},
        now_ms, Db,
    },
    directory::{
        audit::{self, AuditEntity},
        text::{fold, optional_text},
    },
    error::{conflict_on_unique, AppError, AppResult},
};

/// What kind of unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum UnitKind {
    /// förvaltning
    Forvaltning,
    /// enhet
    Enhet,
    /// avdelning
    Avdelning,
}

impl UnitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Forvaltning => "forvaltning",
            UnitKind::Enhet => "enhet",
            UnitKind::Avdelning => "avdelning",
        }
    }

    pub fn parse(s: &str) -> UnitKind {
        match s {
            "forvaltning" => UnitKind::Forvaltning,
            "avdelning" => UnitKind::Avdelning,
            _ => UnitKind::Enhet,
        }
    }

    /// A guess from the name, for imported units: "…förvaltningen" is a förvaltning.
    pub fn guess(name: &str) -> UnitKind {
        let n = fold(name);
        if n.contains("forvaltning") {
            UnitKind::Forvaltning
        } else if n.contains("avdelning") {
            UnitKind::Avdelning
        } else {
            UnitKind::Enhet
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: i64,
    pub organisation_id: i64,
    pub name: String,
    pub kind: UnitKind,
}

pub const COLUMNS: &str = "id, organisation_id, name, kind";

impl Unit {
    pub fn from_row(r: &AnyRow) -> AppResult<Unit> {
        Ok(Unit {
            id: r.try_get("id")?,
            organisation_id: r.try_get("organisation_id")?,
            name: r.try_get("name")?,
            kind: UnitKind::parse(&r.try_get::<String, _>("kind")?),
        })
    }
}

pub fn parse_name(raw: &str) -> AppResult<String> {
    optional_text("name", Some(raw), 150)?
        .ok_or_else(|| AppError::bad_input("name", "Ange enhetens namn."))
}

/// Admins, and managers of the organisation.
pub fn can_manage(access: &Access, organisation_id: i64) -> bool {
    match &access.principal {
        Some(p) => {
            p.role == Role::Admin
                || (p.role == Role::Manager && p.organisation_id == Some(organisation_id))
        }
        None => false,
    }
}

pub async fn get(db: &Db, id: i64) -> AppResult<Option<Unit>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM units WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(Unit::from_row).transpose()
}

/// Units of one organisation, or of all when `None`, by name.
pub async fn list(db: &Db, organisation_id: Option<i64>) -> AppResult<Vec<Unit>> {
    let rows = match organisation_id {
        Some(o) => {
            sqlx::query(&format!(
                "SELECT {COLUMNS} FROM units WHERE organisation_id = $1"
            ))
            .bind(o)
            .fetch_all(&db.pool)
            .await?
        }
        None => {
            sqlx::query(&format!("SELECT {COLUMNS} FROM units"))
                .fetch_all(&db.pool)
                .await?
        }
    };
    let mut units = rows
        .iter()
        .map(Unit::from_row)
        .collect::<AppResult<Vec<_>>>()?;
    units.sort_by(|a, b| crate::directory::text::swedish_cmp(&a.name, &b.name));
    Ok(units)
}

fn snapshot(u: &Unit) -> serde_json::Value {
    json!({ "name": u.name, "kind": u.kind.as_str(), "organisationId": u.organisation_id })
}

/// Adds a unit to an organisation.
pub async fn create(
    db: &Db,
    access: &Access,
    organisation_id: i64,
    name: &str,
    kind: UnitKind,
) -> AppResult<Unit> {
    let me = access.user()?;
    if crate::directory::organisations::get(db, organisation_id)
        .await?
        .is_none()
    {
        return Err(AppError::bad_input(
            "organisationId",
            "Organisationen finns inte.",
        ));
    }
    if !can_manage(access, organisation_id) {
        return Err(AppError::forbidden());
    }
    let name = parse_name(name)?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(&format!(
        "INSERT INTO units (organisation_id, name, kind, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4) RETURNING {COLUMNS}"
    ))
    .bind(organisation_id)
    .bind(&name)
    .bind(kind.as_str())
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| conflict_on_unique(e, "Organisationen har redan en enhet med det namnet."))?;
    let unit = Unit::from_row(&row)?;
    audit::record(
        &mut tx,
        audit::NewEntry {
            actor_id: Some(me.user_id),
            action: "create",
            entity: AuditEntity::Unit,
            entity_id: Some(unit.id),
            organisation_id: Some(organisation_id),
            before: None,
            after: Some(snapshot(&unit)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(unit)
}

/// Renames a unit or changes its kind; its people's search text follows.
pub async fn update(
    db: &Db,
    access: &Access,
    id: i64,
    name: Option<&str>,
    kind: Option<UnitKind>,
) -> AppResult<Unit> {
    let me = access.user()?;
    let current = get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found("Enheten"))?;
    if !can_manage(access, current.organisation_id) {
        return Err(AppError::forbidden());
    }
    let name = match name {
        Some(n) => parse_name(n)?,
        None => current.name.clone(),
    };
    let kind = kind.unwrap_or(current.kind);
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(&format!(
        "UPDATE units SET name = $1, kind = $2, updated_at = $3 WHERE id = $4 RETURNING {COLUMNS}"
    ))
    .bind(&name)
    .bind(kind.as_str())
    .bind(now_ms())
    .bind(id)
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| conflict_on_unique(e, "Organisationen har redan en enhet med det namnet."))?;
    let unit = Unit::from_row(&row)?;
    if unit.name != current.name {
        crate::directory::edit::refresh_search_text_of_unit(&mut tx, id).await?;
    }
    audit::record(
        &mut tx,
        audit::NewEntry {
            actor_id: Some(me.user_id),
            action: "update",
            entity: AuditEntity::Unit,
            entity_id: Some(id),
            organisation_id: Some(unit.organisation_id),
            before: Some(snapshot(&current)),
            after: Some(snapshot(&unit)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(unit)
}

/// Removes a unit; its people stay in the organisation without a unit.
pub async fn delete(db: &Db, access: &Access, id: i64) -> AppResult<()> {
    let me = access.user()?;
    let current = get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found("Enheten"))?;
    if !can_manage(access, current.organisation_id) {
        return Err(AppError::forbidden());
    }
    let mut tx = db.begin_write().await?;
    let people = sqlx::query("SELECT id FROM people WHERE unit_id = $1")
        .bind(id)
        .fetch_all(&mut **tx)
        .await?;
    sqlx::query("UPDATE people SET unit_id = NULL, updated_at = $1 WHERE unit_id = $2")
        .bind(now_ms())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for p in people {
        let pid: i64 = p.try_get(0)?;
        crate::directory::edit::refresh_search_text(&mut tx, pid).await?;
        change_log::record(&mut tx, EntityKind::Person, pid).await?;
    }
    sqlx::query("DELETE FROM units WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    audit::record(
        &mut tx,
        audit::NewEntry {
            actor_id: Some(me.user_id),
            action: "delete",
            entity: AuditEntity::Unit,
            entity_id: Some(id),
            organisation_id: Some(current.organisation_id),
            before: Some(snapshot(&current)),
            after: None,
        },
    )
    .await?;
    tx.commit().await
}
