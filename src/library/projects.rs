//! Projects (tillsynsprojekt and utvecklingsområden): their facts, linked networks and who may
//! change them. Every signed-in user may read every project; which networks a caller sees
//! linked is filtered by [`Project::visible_networks`]. Documents live in `documents`.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sqlx::{any::AnyRow, Row};

use crate::{
    accounts::Access,
    dates,
    db::{now_ms, sql::Sql, Db, WriteTx},
    error::{conflict_on_unique, AppError, AppResult},
    library::{
        kinds::ProjectStatus,
        related::{self, NetworkRef},
    },
    tags::slugify,
};

#[derive(Debug, Clone)]
pub struct Project {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub goal: String,
    /// Samverkande parter.
    pub parties: String,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub status: ProjectStatus,
    pub responsible_user_id: Option<i64>,
    pub responsible_text: Option<String>,
    pub networks: Vec<NetworkRef>,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str =
    "id, slug, name, description, goal, parties, period_from, period_to, status, \
responsible_user_id, responsible_text, created_at, updated_at";

impl Project {
    fn from_row(r: &AnyRow) -> AppResult<Project> {
        Ok(Project {
            id: r.try_get("id")?,
            slug: r.try_get("slug")?,
            name: r.try_get("name")?,
            description: r.try_get("description")?,
            goal: r.try_get("goal")?,
            parties: r.try_get("parties")?,
            period_from: dates::opt_from_db(r.try_get("period_from")?)?,
            period_to: dates::opt_from_db(r.try_get("period_to")?)?,
            status: ProjectStatus::parse(&r.try_get::<String, _>("status")?)?,
            responsible_user_id: r.try_get("responsible_user_id")?,
            responsible_text: r.try_get("responsible_text")?,
            networks: Vec::new(),
            created_at: r.try_get("created_at")?,
            updated_at: r.try_get("updated_at")?,
        })
    }

    /// The linked networks the caller may know of.
    pub fn visible_networks(&self, access: &Access) -> Vec<NetworkRef> {
        self.networks
            .iter()
            .filter(|n| n.readable_by(access))
            .cloned()
            .collect()
    }
}

/// The status a project has on `today` given its period (planned before, finished after).
pub fn status_on(
    today: NaiveDate,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> ProjectStatus {
    match (from, to) {
        (Some(f), _) if today < f => ProjectStatus::Planned,
        (_, Some(t)) if today > t => ProjectStatus::Finished,
        (Some(_), _) | (_, Some(_)) => ProjectStatus::Ongoing,
        (None, None) => ProjectStatus::Planned,
    }
}

/// A new project.
#[derive(Debug, Clone, Default)]
pub struct NewProject {
    pub name: String,
    /// Made from the name when absent.
    pub slug: Option<String>,
    pub description: String,
    pub goal: String,
    pub parties: String,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    /// Computed from the period and today when absent.
    pub status: Option<ProjectStatus>,
    pub responsible_user_id: Option<i64>,
    pub responsible_text: Option<String>,
    pub network_ids: Vec<i64>,
}

/// Changes to a project; `None` keeps a field, `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default)]
pub struct ProjectChanges {
    pub name: Option<String>,
    pub slug: Option<String>,
    pub description: Option<String>,
    pub goal: Option<String>,
    pub parties: Option<String>,
    pub period_from: Option<Option<NaiveDate>>,
    pub period_to: Option<Option<NaiveDate>>,
    pub status: Option<ProjectStatus>,
    pub responsible_user_id: Option<Option<i64>>,
    pub responsible_text: Option<Option<String>>,
    pub network_ids: Option<Vec<i64>>,
}

fn text(field: &str, value: &str, max: usize, required: bool) -> AppResult<String> {
    let v = value.trim();
    if required && v.is_empty() {
        return Err(AppError::bad_input(field, "Fältet får inte vara tomt."));
    }
    if v.chars().count() > max {
        return Err(AppError::bad_input(field, format!("Högst {max} tecken.")));
    }
    Ok(v.to_string())
}

/// A project's address part: a–z, 0–9 and hyphens, 1–80 characters.
pub fn parse_slug(raw: &str) -> AppResult<String> {
    let slug = raw.trim();
    let ok = !slug.is_empty()
        && slug.len() <= 80
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if ok {
        Ok(slug.to_string())
    } else {
        Err(AppError::bad_input(
            "slug",
            "Adressen (slug) får bara innehålla a–z, 0–9 och bindestreck, högst 80 tecken.",
        ))
    }
}

fn responsible_text(raw: Option<String>) -> AppResult<Option<String>> {
    Ok(match raw {
        Some(t) => {
            let t = text("responsibleText", &t, 200, false)?;
            (!t.is_empty()).then_some(t)
        }
        None => None,
    })
}

/// Networks the caller links or unlinks must exist and be moderated by the caller (admins
/// may link any network).
async fn check_network_change(
    db: &Db,
    access: &Access,
    changed: impl Iterator<Item = i64>,
) -> AppResult<()> {
    for id in changed {
        let net = related::network(db, id).await?;
        match net {
            Some(n) if n.readable_by(access) => {
                if !access.can_moderate(n.id) {
                    return Err(AppError::Forbidden(format!(
                        "Bara nätverkets moderatorer kan koppla projekt till {}.",
                        n.name
                    )));
                }
            }
            _ => return Err(AppError::bad_input("networkIds", "Nätverket finns inte.")),
        }
    }
    Ok(())
}

async fn check_user(db: &Db, id: Option<i64>) -> AppResult<()> {
    if let Some(id) = id {
        if crate::accounts::users::get(db, id).await?.is_none() {
            return Err(AppError::bad_input(
                "responsibleUserId",
                "Användaren finns inte.",
            ));
        }
    }
    Ok(())
}

const SLUG_TAKEN: &str = "Det finns redan ett projekt med den adressen (slug).";

/// Creates a project. Admins may; so may a network moderator who links it to networks they
/// moderate.
pub async fn create(db: &Db, access: &Access, input: NewProject) -> AppResult<Project> {
    let me = access.user()?;
    let name = text("name", &input.name, 200, true)?;
    let slug = parse_slug(&match &input.slug {
        Some(s) => s.clone(),
        None => slugify(&name),
    })?;
    let description = text("description", &input.description, 10_000, false)?;
    let goal = text("goal", &input.goal, 5_000, false)?;
    let parties = text("parties", &input.parties, 1_000, false)?;
    dates::check_period(input.period_from, input.period_to)?;
    let responsible_text = responsible_text(input.responsible_text)?;
    let mut network_ids = input.network_ids.clone();
    network_ids.sort_unstable();
    network_ids.dedup();
    if !access.is_admin() && network_ids.is_empty() {
        return Err(AppError::forbidden());
    }
    check_network_change(db, access, network_ids.iter().copied()).await?;
    check_user(db, input.responsible_user_id).await?;
    let status = input
        .status
        .unwrap_or_else(|| status_on(dates::today(), input.period_from, input.period_to));
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "INSERT INTO projects (slug, name, description, goal, parties, period_from, period_to, status, \
         responsible_user_id, responsible_text, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
    )
    .bind(&slug)
    .bind(&name)
    .bind(&description)
    .bind(&goal)
    .bind(&parties)
    .bind(input.period_from.map(dates::to_db))
    .bind(input.period_to.map(dates::to_db))
    .bind(status.as_str())
    .bind(input.responsible_user_id)
    .bind(responsible_text)
    .bind(me.user_id)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| conflict_on_unique(e, SLUG_TAKEN))?;
    let id: i64 = row.try_get(0)?;
    set_networks(&mut tx, id, &network_ids).await?;
    tx.commit().await?;
    get(db, id)
        .await?
        .ok_or_else(|| AppError::internal("created project vanished"))
}

async fn set_networks(tx: &mut WriteTx, project_id: i64, ids: &[i64]) -> AppResult<()> {
    sqlx::query("DELETE FROM project_networks WHERE project_id = $1")
        .bind(project_id)
        .execute(&mut ***tx)
        .await?;
    for id in ids {
        sqlx::query("INSERT INTO project_networks (project_id, network_id) VALUES ($1, $2)")
            .bind(project_id)
            .bind(*id)
            .execute(&mut ***tx)
            .await?;
    }
    Ok(())
}

/// Whether the caller may edit a project: admins, and moderators of a linked network.
pub fn can_edit(access: &Access, project: &Project) -> bool {
    access.is_admin() || project.networks.iter().any(|n| access.can_moderate(n.id))
}

/// Changes a project. Its documents are re-indexed (their search entries carry its name).
pub async fn update(
    db: &Db,
    access: &Access,
    id: i64,
    changes: ProjectChanges,
) -> AppResult<Project> {
    access.user()?;
    let old = get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found("Projektet"))?;
    if !can_edit(access, &old) {
        return Err(AppError::forbidden());
    }
    let name = match &changes.name {
        Some(n) => text("name", n, 200, true)?,
        None => old.name.clone(),
    };
    let slug = match &changes.slug {
        Some(s) => parse_slug(s)?,
        None => old.slug.clone(),
    };
    let description = match &changes.description {
        Some(v) => text("description", v, 10_000, false)?,
        None => old.description.clone(),
    };
    let goal = match &changes.goal {
        Some(v) => text("goal", v, 5_000, false)?,
        None => old.goal.clone(),
    };
    let parties = match &changes.parties {
        Some(v) => text("parties", v, 1_000, false)?,
        None => old.parties.clone(),
    };
    let period_from = changes.period_from.unwrap_or(old.period_from);
    let period_to = changes.period_to.unwrap_or(old.period_to);
    dates::check_period(period_from, period_to)?;
    let responsible_user_id = changes
        .responsible_user_id
        .unwrap_or(old.responsible_user_id);
    if changes.responsible_user_id.is_some() {
        check_user(db, responsible_user_id).await?;
    }
    let responsible_text = match changes.responsible_text {
        Some(t) => responsible_text(t)?,
        None => old.responsible_text.clone(),
    };
    let status = changes.status.unwrap_or(old.status);
    let old_ids: HashSet<i64> = old.networks.iter().map(|n| n.id).collect();
    let new_ids: Option<Vec<i64>> = changes.network_ids.map(|mut v| {
        v.sort_unstable();
        v.dedup();
        v
    });
    if let Some(new) = &new_ids {
        let new_set: HashSet<i64> = new.iter().copied().collect();
        let changed: Vec<i64> = old_ids.symmetric_difference(&new_set).copied().collect();
        check_network_change(db, access, changed.into_iter()).await?;
    }
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE projects SET slug = $1, name = $2, description = $3, goal = $4, parties = $5, \
         period_from = $6, period_to = $7, status = $8, responsible_user_id = $9, \
         responsible_text = $10, updated_at = $11 WHERE id = $12",
    )
    .bind(&slug)
    .bind(&name)
    .bind(&description)
    .bind(&goal)
    .bind(&parties)
    .bind(period_from.map(dates::to_db))
    .bind(period_to.map(dates::to_db))
    .bind(status.as_str())
    .bind(responsible_user_id)
    .bind(responsible_text)
    .bind(now_ms())
    .bind(id)
    .execute(&mut **tx)
    .await
    .map_err(|e| conflict_on_unique(e, SLUG_TAKEN))?;
    if let Some(ids) = &new_ids {
        set_networks(&mut tx, id, ids).await?;
    }
    if name != old.name || slug != old.slug {
        let docs = sqlx::query("SELECT id FROM documents WHERE project_id = $1")
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
        for d in docs {
            crate::library::documents::record_change(&mut tx, d.try_get(0)?).await?;
        }
    }
    tx.commit().await?;
    get(db, id)
        .await?
        .ok_or_else(|| AppError::internal("updated project vanished"))
}

async fn attach_networks(db: &Db, projects: &mut [Project]) -> AppResult<()> {
    if projects.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = projects.iter().map(|p| p.id).collect();
    let mut sql = Sql::new(
        "SELECT pn.project_id, n.id, n.slug, n.name, n.members_only FROM project_networks pn \
         JOIN networks n ON n.id = pn.network_id WHERE pn.project_id IN (",
    );
    sql.ints(&ids).push(") ORDER BY n.name");
    let rows = sql.query().fetch_all(&db.pool).await?;
    let mut by_project: HashMap<i64, Vec<NetworkRef>> = HashMap::new();
    for r in rows {
        by_project
            .entry(r.try_get(0)?)
            .or_default()
            .push(NetworkRef::from_row_at(&r, 1)?);
    }
    for p in projects {
        p.networks = by_project.remove(&p.id).unwrap_or_default();
    }
    Ok(())
}

async fn load(db: &Db, sql: Sql) -> AppResult<Vec<Project>> {
    let rows = sql.query().fetch_all(&db.pool).await?;
    let mut projects = rows
        .iter()
        .map(Project::from_row)
        .collect::<AppResult<Vec<_>>>()?;
    attach_networks(db, &mut projects).await?;
    Ok(projects)
}

pub async fn get(db: &Db, id: i64) -> AppResult<Option<Project>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} FROM projects WHERE id = "));
    sql.int(id);
    Ok(load(db, sql).await?.pop())
}

pub async fn by_slug(db: &Db, slug: &str) -> AppResult<Option<Project>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} FROM projects WHERE slug = "));
    sql.text(slug.trim());
    Ok(load(db, sql).await?.pop())
}

/// Projects by id, in two queries, keyed by id.
pub async fn by_ids(db: &Db, ids: &[i64]) -> AppResult<HashMap<i64, Project>> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} FROM projects WHERE id IN ("));
    sql.ints(&ids).push(")");
    Ok(load(db, sql)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect())
}

/// One page of projects in creation order (the plan's order for the demo), optionally of
/// one status. Returns up to `limit` items after `offset`.
pub async fn list(
    db: &Db,
    access: &Access,
    status: Option<ProjectStatus>,
    offset: i64,
    limit: i64,
) -> AppResult<Vec<Project>> {
    access.user()?;
    let mut sql = Sql::new(&format!("SELECT {COLUMNS} FROM projects"));
    if let Some(s) = status {
        sql.push(" WHERE status = ").text(s.as_str());
    }
    sql.push(" ORDER BY id LIMIT ")
        .int(limit)
        .push(" OFFSET ")
        .int(offset);
    load(db, sql).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        dates::from_db(s).unwrap()
    }

    #[test]
    fn status_follows_the_period() {
        let today = d("2026-06-01");
        assert_eq!(
            status_on(today, Some(d("2026-09-01")), Some(d("2027-05-31"))),
            ProjectStatus::Planned
        );
        assert_eq!(
            status_on(today, Some(d("2025-01-01")), Some(d("2026-04-30"))),
            ProjectStatus::Finished
        );
        assert_eq!(
            status_on(today, Some(d("2026-01-01")), Some(d("2029-12-31"))),
            ProjectStatus::Ongoing
        );
        assert_eq!(status_on(today, None, None), ProjectStatus::Planned);
    }

    #[test]
    fn slugs_are_checked() {
        assert_eq!(
            parse_slug("dagvattenhantering").unwrap(),
            "dagvattenhantering"
        );
        assert!(parse_slug("Dagvatten").is_err());
        assert!(parse_slug("../x").is_err());
        assert!(parse_slug("").is_err());
        assert!(parse_slug("-a").is_err());
    }
}
