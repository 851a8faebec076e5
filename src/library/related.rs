//! The rows handläggarstöd shows beside its own, loaded a page at a time (one query per kind,
//! never one per item): networks (owned by the forum) and users (owned by accounts).

use std::collections::HashMap;

use sqlx::{any::AnyRow, Row};

use crate::{
    accounts::{users::User, users::USER_COLUMNS, Access},
    db::{sql::Sql, Db},
    error::AppResult,
};

/// What a project or document needs to know about a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub members_only: bool,
}

impl NetworkRef {
    /// Reads `n.id, n.slug, n.name, n.members_only` starting at column `at`.
    pub fn from_row_at(r: &AnyRow, at: usize) -> AppResult<NetworkRef> {
        Ok(NetworkRef {
            id: r.try_get(at)?,
            slug: r.try_get(at + 1)?,
            name: r.try_get(at + 2)?,
            members_only: r.try_get::<i64, _>(at + 3)? != 0,
        })
    }

    /// May the caller see that this network exists?
    pub fn readable_by(&self, access: &Access) -> bool {
        access.can_read_network(self.id, self.members_only)
    }
}

/// A network by id.
pub async fn network(db: &Db, id: i64) -> AppResult<Option<NetworkRef>> {
    let row = sqlx::query("SELECT id, slug, name, members_only FROM networks WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|r| NetworkRef::from_row_at(&r, 0)).transpose()
}

/// A network by slug.
pub async fn network_by_slug(db: &Db, slug: &str) -> AppResult<Option<NetworkRef>> {
    let row = sqlx::query("SELECT id, slug, name, members_only FROM networks WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|r| NetworkRef::from_row_at(&r, 0)).transpose()
}

/// Users by id, in one query.
pub async fn users(db: &Db, ids: &[i64]) -> AppResult<HashMap<i64, User>> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut sql = Sql::new(&format!("SELECT {USER_COLUMNS} FROM users WHERE id IN ("));
    sql.ints(&ids).push(")");
    let rows = sql.query().fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| User::from_row(r).map(|u| (u.id, u)))
        .collect()
}
