//! Networks (nätverk): the rows, reading and listing them and their members, creating and
//! editing them (admins). A members-only network is invisible to non-members: it is not
//! listed and looking it up answers as if it did not exist. Joining, leaving and managing
//! members (which also follows or unfollows) is in `membership`.

use std::collections::HashMap;

use sqlx::{any::AnyRow, Row};

use crate::{
    accounts::{Access, NetworkRole},
    db::{change_log, change_log::EntityKind, now_ms, sql::Sql, Db},
    error::{conflict_on_unique, AppError, AppResult},
    forum::text::{parse_description, NetworkName, NetworkSlug},
};

#[derive(Debug, Clone)]
pub struct Network {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub members_only: bool,
    /// Offered, ticked, to a new user an admin creates or invites.
    pub join_by_default: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The network columns, aliased `n_…`, for joins (table alias `n`).
pub const COLUMNS: &str = "n.id AS n_id, n.slug AS n_slug, n.name AS n_name, \
    n.description AS n_description, n.members_only AS n_members_only, \
    n.join_by_default AS n_join_by_default, n.created_at AS n_created_at, n.updated_at AS n_updated_at";

impl Network {
    /// Reads the `n_…` columns of [`COLUMNS`].
    pub fn from_row(r: &AnyRow) -> AppResult<Network> {
        Ok(Network {
            id: r.try_get("n_id")?,
            slug: r.try_get("n_slug")?,
            name: r.try_get("n_name")?,
            description: r.try_get("n_description")?,
            members_only: r.try_get::<i64, _>("n_members_only")? != 0,
            join_by_default: r.try_get::<i64, _>("n_join_by_default")? != 0,
            created_at: r.try_get("n_created_at")?,
            updated_at: r.try_get("n_updated_at")?,
        })
    }

    pub fn readable_by(&self, access: &Access) -> bool {
        access.can_read_network(self.id, self.members_only)
    }
}

/// The networks the caller may read, by name.
pub async fn list(db: &Db, access: &Access) -> AppResult<Vec<Network>> {
    access.user()?;
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM networks n ORDER BY n.name, n.id"
    ))
    .fetch_all(db.counted())
    .await?;
    let all: AppResult<Vec<Network>> = rows.iter().map(Network::from_row).collect();
    Ok(all?.into_iter().filter(|n| n.readable_by(access)).collect())
}

/// A network by id with no permission check (for the forum's own writes and the indexer).
pub async fn get_unchecked(db: &Db, id: i64) -> AppResult<Option<Network>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM networks n WHERE n.id = $1"))
        .bind(id)
        .fetch_optional(db.counted())
        .await?;
    row.as_ref().map(Network::from_row).transpose()
}

/// A network the caller may read, by id; None when it does not exist or is members-only.
pub async fn get(db: &Db, access: &Access, id: i64) -> AppResult<Option<Network>> {
    access.user()?;
    Ok(get_unchecked(db, id)
        .await?
        .filter(|n| n.readable_by(access)))
}

/// A network the caller may read, by slug.
pub async fn by_slug(db: &Db, access: &Access, slug: &str) -> AppResult<Option<Network>> {
    access.user()?;
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM networks n WHERE n.slug = $1"
    ))
    .bind(slug.trim())
    .fetch_optional(db.counted())
    .await?;
    Ok(row
        .as_ref()
        .map(Network::from_row)
        .transpose()?
        .filter(|n| n.readable_by(access)))
}

/// A readable network or NOT_FOUND.
pub async fn require(db: &Db, access: &Access, id: i64) -> AppResult<Network> {
    get(db, access, id)
        .await?
        .ok_or_else(|| AppError::not_found("Nätverket"))
}

pub struct NewNetwork {
    /// Derived from the name when absent.
    pub slug: Option<String>,
    pub name: String,
    pub description: String,
    pub members_only: bool,
}

/// Creates a network (admins).
pub async fn create(db: &Db, access: &Access, input: NewNetwork) -> AppResult<Network> {
    access.require_admin()?;
    let name = NetworkName::parse(&input.name)?;
    let slug = match &input.slug {
        Some(s) if !s.trim().is_empty() => NetworkSlug::parse(s)?,
        _ => NetworkSlug::parse(&crate::tags::slugify(name.as_str()))?,
    };
    let description = parse_description(&input.description)?;
    insert(
        db,
        slug.as_str(),
        name.as_str(),
        &description,
        input.members_only,
    )
    .await
}

/// Inserts a validated network (also used by the demo loader).
pub(crate) async fn insert(
    db: &Db,
    slug: &str,
    name: &str,
    description: &str,
    members_only: bool,
) -> AppResult<Network> {
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "INSERT INTO networks (slug, name, description, members_only, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(slug)
    .bind(name)
    .bind(description)
    .bind(members_only as i64)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| conflict_on_unique(e, "Det finns redan ett nätverk med det kortnamnet."))?;
    let id: i64 = row.try_get(0)?;
    change_log::record(&mut tx, EntityKind::Network, id).await?;
    tx.commit().await?;
    Ok(Network {
        id,
        slug: slug.to_string(),
        name: name.to_string(),
        description: description.to_string(),
        members_only,
        join_by_default: false,
        created_at: now,
        updated_at: now,
    })
}

#[derive(Default)]
pub struct NetworkUpdate {
    pub name: Option<String>,
    pub description: Option<String>,
    pub members_only: Option<bool>,
    pub join_by_default: Option<bool>,
}

/// Edits a network (admins). Changing who may read it re-indexes its threads.
pub async fn update(db: &Db, access: &Access, id: i64, upd: NetworkUpdate) -> AppResult<Network> {
    access.require_admin()?;
    let mut net = get_unchecked(db, id)
        .await?
        .ok_or_else(|| AppError::not_found("Nätverket"))?;
    if let Some(n) = &upd.name {
        net.name = NetworkName::parse(n)?.as_str().to_string();
    }
    if let Some(d) = &upd.description {
        net.description = parse_description(d)?;
    }
    let visibility_changed = upd.members_only.is_some_and(|m| m != net.members_only);
    if let Some(m) = upd.members_only {
        net.members_only = m;
    }
    if let Some(d) = upd.join_by_default {
        net.join_by_default = d;
    }
    net.updated_at = now_ms();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE networks SET name = $1, description = $2, members_only = $3,
         join_by_default = $4, updated_at = $5 WHERE id = $6",
    )
    .bind(&net.name)
    .bind(&net.description)
    .bind(net.members_only as i64)
    .bind(net.join_by_default as i64)
    .bind(net.updated_at)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    if visibility_changed {
        change_log::record(&mut tx, EntityKind::Network, id).await?;
    }
    tx.commit().await?;
    Ok(net)
}

/// One member of a network.
#[derive(Debug, Clone)]
pub struct Member {
    pub user_id: i64,
    pub display_name: String,
    pub role: NetworkRole,
    pub joined_at: i64,
}

impl Member {
    /// Keyset cursor: members are ordered by name, then id.
    pub fn cursor(&self) -> String {
        format!("{}|{}", self.user_id, self.display_name)
    }
}

/// A page of a readable network's members, by name.
pub async fn members(
    db: &Db,
    access: &Access,
    network: &Network,
    first: i64,
    after: Option<&str>,
) -> AppResult<(Vec<Member>, bool)> {
    if !network.readable_by(access) {
        return Err(AppError::not_found("Nätverket"));
    }
    let mut q = Sql::new(
        "SELECT m.user_id, u.display_name, m.role, m.joined_at FROM network_members m
         JOIN users u ON u.id = m.user_id WHERE u.erased_at IS NULL AND m.network_id = ",
    );
    q.int(network.id);
    if let Some(after) = after {
        let (id, name) = after
            .split_once('|')
            .and_then(|(id, name)| Some((id.parse::<i64>().ok()?, name)))
            .ok_or_else(|| AppError::bad_input("after", "Ogiltig markör."))?;
        q.push(" AND (u.display_name > ")
            .text(name)
            .push(" OR (u.display_name = ")
            .text(name)
            .push(" AND u.id > ")
            .int(id)
            .push("))");
    }
    q.push(" ORDER BY u.display_name, u.id LIMIT ")
        .int(first + 1);
    let rows = q.query().fetch_all(db.counted()).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        out.push(Member {
            user_id: r.try_get(0)?,
            display_name: r.try_get(1)?,
            role: NetworkRole::parse(&r.try_get::<String, _>(2)?),
            joined_at: r.try_get(3)?,
        });
    }
    let has_next = out.len() as i64 > first;
    out.truncate(first as usize);
    Ok((out, has_next))
}

/// Member counts of networks, in one statement (for a data loader).
pub async fn member_counts(db: &Db, ids: &[i64]) -> AppResult<HashMap<i64, i64>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut q = Sql::new("SELECT network_id, COUNT(*) FROM network_members WHERE network_id IN (");
    q.ints(ids).push(") GROUP BY network_id");
    let rows = q.query().fetch_all(db.counted()).await?;
    let mut out = HashMap::new();
    for r in rows {
        out.insert(r.try_get(0)?, r.try_get(1)?);
    }
    Ok(out)
}

/// One user's roles in the given networks, in one statement (for a data loader).
pub async fn roles_of(
    db: &Db,
    user_id: i64,
    network_ids: &[i64],
) -> AppResult<HashMap<i64, NetworkRole>> {
    if network_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut q = Sql::new("SELECT network_id, role FROM network_members WHERE user_id = ");
    q.int(user_id)
        .push(" AND network_id IN (")
        .ints(network_ids)
        .push(")");
    let rows = q.query().fetch_all(db.counted()).await?;
    let mut out = HashMap::new();
    for r in rows {
        out.insert(
            r.try_get(0)?,
            NetworkRole::parse(&r.try_get::<String, _>(1)?),
        );
    }
    Ok(out)
}
