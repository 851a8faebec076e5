//! Organisations: the 13 municipalities of Jönköpings län, Länsstyrelsen and Kommunal
//! utveckling (loaded at start), and any others admins add.

use sqlx::{any::AnyRow, Row};

use crate::{
    db::{now_ms, Db},
    error::AppResult,
};

#[derive(Debug, Clone)]
pub struct Organisation {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub switchboard: Option<String>,
    pub visiting_address: Option<String>,
    pub postal_address: Option<String>,
    pub website: Option<String>,
}

pub const COLUMNS: &str =
    "id, slug, name, kind, switchboard, visiting_address, postal_address, website";

impl Organisation {
    pub fn from_row(r: &AnyRow) -> AppResult<Organisation> {
        Ok(Organisation {
            id: r.try_get("id")?,
            slug: r.try_get("slug")?,
            name: r.try_get("name")?,
            kind: r.try_get("kind")?,
            switchboard: r.try_get("switchboard")?,
            visiting_address: r.try_get("visiting_address")?,
            postal_address: r.try_get("postal_address")?,
            website: r.try_get("website")?,
        })
    }
}

/// (slug, name, kind, switchboard, website) of the organisations every installation has.
pub const DEFAULT_ORGANISATIONS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "aneby",
        "Aneby kommun",
        "kommun",
        "0380-461 00",
        "https://www.aneby.se",
    ),
    (
        "eksjo",
        "Eksjö kommun",
        "kommun",
        "0381-360 00",
        "https://www.eksjo.se",
    ),
    (
        "gislaved",
        "Gislaveds kommun",
        "kommun",
        "0371-810 00",
        "https://www.gislaved.se",
    ),
    (
        "gnosjo",
        "Gnosjö kommun",
        "kommun",
        "0370-33 10 00",
        "https://www.gnosjo.se",
    ),
    (
        "habo",
        "Habo kommun",
        "kommun",
        "036-44 28 000",
        "https://www.habokommun.se",
    ),
    (
        "jonkoping",
        "Jönköpings kommun",
        "kommun",
        "036-10 50 00",
        "https://www.jonkoping.se",
    ),
    (
        "mullsjo",
        "Mullsjö kommun",
        "kommun",
        "0392-140 00",
        "https://www.mullsjo.se",
    ),
    (
        "nassjo",
        "Nässjö kommun",
        "kommun",
        "0380-51 80 00",
        "https://www.nassjo.se",
    ),
    (
        "savsjo",
        "Sävsjö kommun",
        "kommun",
        "0382-152 00",
        "https://www.savsjo.se",
    ),
    (
        "tranas",
        "Tranås kommun",
        "kommun",
        "0140-681 00",
        "https://www.tranas.se",
    ),
    (
        "vaggeryd",
        "Vaggeryds kommun",
        "kommun",
        "0370-67 80 00",
        "https://www.vaggeryd.se",
    ),
    (
        "vetlanda",
        "Vetlanda kommun",
        "kommun",
        "0383-970 00",
        "https://www.vetlanda.se",
    ),
    (
        "varnamo",
        "Värnamo kommun",
        "kommun",
        "0370-37 70 00",
        "https://www.varnamo.se",
    ),
    (
        "lansstyrelsen",
        "Länsstyrelsen i Jönköpings län",
        "lansstyrelse",
        "010-223 60 00",
        "https://www.lansstyrelsen.se/jonkoping",
    ),
    (
        "kommunal-utveckling",
        "Kommunal utveckling",
        "region",
        "010-241 40 00",
        "https://www.kommunalutveckling.nu",
    ),
];

/// Inserts the default organisations that are missing; idempotent.
pub async fn ensure_defaults(db: &Db) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    for (slug, name, kind, switchboard, website) in DEFAULT_ORGANISATIONS {
        sqlx::query(
            "INSERT INTO organisations (slug, name, kind, switchboard, website, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (slug) DO NOTHING",
        )
        .bind(*slug)
        .bind(*name)
        .bind(*kind)
        .bind(*switchboard)
        .bind(*website)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
    }
    tx.commit().await
}

pub async fn list(db: &Db) -> AppResult<Vec<Organisation>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM organisations ORDER BY kind = 'kommun' DESC, name"
    ))
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(Organisation::from_row).collect()
}

pub async fn get(db: &Db, id: i64) -> AppResult<Option<Organisation>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM organisations WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(Organisation::from_row).transpose()
}

/// Organisations by id in one counted statement (for data loaders).
pub async fn by_ids(db: &Db, ids: &[i64]) -> AppResult<Vec<Organisation>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM organisations WHERE id IN ({})",
        crate::db::placeholders(1, ids.len())
    );
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    let rows = q.fetch_all(db.counted()).await?;
    rows.iter().map(Organisation::from_row).collect()
}

pub async fn by_slug(db: &Db, slug: &str) -> AppResult<Option<Organisation>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM organisations WHERE slug = $1"
    ))
    .bind(slug)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(Organisation::from_row).transpose()
}
