//! Organisations: the 13 municipalities of Jönköpings län, Länsstyrelsen and Kommunal
//! utveckling (loaded at start), and any others admins add, edit or remove.
//!
//! Switchboard numbers are stored in E.164 like people's numbers; addresses and web sites are
//! checked for shape only.
//!
//! Long because an organisation's fields, validation and writes are one unit; it holds no
//! other domain's rules.

use serde_json::json;
use sqlx::{any::AnyRow, Row};

use crate::{
    accounts::{users::User, Access},
    db::{
        change_log::{self, EntityKind},
        now_ms, Db,
    },
    directory::{
        audit::{self, AuditEntity},
        phone::PhoneNumber,
        text::{fold, optional_text},
        Patch,
    },
    error::{conflict_on_unique, AppError, AppResult},
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
        .bind(normalise_phone(switchboard))
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
        crate::db::sql::placeholders(1, ids.len())
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

/// E.164 for a number that parses; the text as it is otherwise (only for built-in data).
fn normalise_phone(raw: &str) -> String {
    PhoneNumber::parse(raw).map_or_else(|_| raw.to_string(), |p| p.e164())
}

/// The kinds of organisation.
pub const KINDS: &[&str] = &["kommun", "lansstyrelse", "region", "other"];

/// Changes to an organisation; on creation `name` is required.
#[derive(Debug, Default, Clone)]
pub struct OrganisationChanges {
    pub name: Option<String>,
    pub slug: Option<String>,
    pub kind: Option<String>,
    pub switchboard: Patch<String>,
    pub visiting_address: Patch<String>,
    pub postal_address: Patch<String>,
    pub website: Patch<String>,
}

fn parse_name(raw: &str) -> AppResult<String> {
    optional_text("name", Some(raw), 120)?
        .ok_or_else(|| AppError::bad_input("name", "Ange organisationens namn."))
}

fn parse_kind(raw: &str) -> AppResult<String> {
    let k = raw.trim().to_lowercase();
    if KINDS.contains(&k.as_str()) {
        Ok(k)
    } else {
        Err(AppError::bad_input(
            "kind",
            "Typen måste vara kommun, lansstyrelse, region eller other.",
        ))
    }
}

fn parse_slug(raw: &str) -> AppResult<String> {
    let slug = crate::tags::slugify(raw);
    if slug.is_empty() || slug.len() > 60 {
        return Err(AppError::bad_input(
            "slug",
            "Kortnamnet måste ha 1–60 bokstäver, siffror eller bindestreck.",
        ));
    }
    Ok(slug)
}

fn parse_switchboard(p: Patch<String>, current: Option<String>) -> AppResult<Option<String>> {
    Ok(match p.apply_to(current) {
        Some(raw) if !raw.trim().is_empty() => Some(
            PhoneNumber::parse(&raw)
                .map_err(|e| AppError::bad_input("switchboard", e.to_string()))?
                .e164(),
        ),
        _ => None,
    })
}

fn parse_website(p: Patch<String>, current: Option<String>) -> AppResult<Option<String>> {
    let Some(raw) = p.apply_to(current) else {
        return Ok(None);
    };
    let w = raw.trim();
    if w.is_empty() {
        return Ok(None);
    }
    let lower = w.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let ok = w.len() <= 300
        && !w.chars().any(|c| c.is_whitespace() || c.is_control())
        && rest.is_some_and(|r| r.split('/').next().is_some_and(|h| h.contains('.')));
    if !ok {
        return Err(AppError::bad_input(
            "website",
            "Webbplatsen ska vara en adress som börjar med https://, till exempel https://www.eksjo.se.",
        ));
    }
    Ok(Some(w.to_string()))
}

fn parse_address(
    field: &str,
    p: Patch<String>,
    current: Option<String>,
) -> AppResult<Option<String>> {
    let v = p.apply_to(current);
    optional_text(field, v.as_deref(), 200)
}

fn snapshot(o: &Organisation) -> serde_json::Value {
    json!({
        "name": o.name,
        "slug": o.slug,
        "kind": o.kind,
        "switchboard": o.switchboard,
        "visitingAddress": o.visiting_address,
        "postalAddress": o.postal_address,
        "website": o.website,
    })
}

/// Adds an organisation (admins).
pub async fn create(db: &Db, access: &Access, c: OrganisationChanges) -> AppResult<Organisation> {
    let me = access.require_admin()?;
    let name = parse_name(c.name.as_deref().unwrap_or(""))?;
    let slug = parse_slug(c.slug.as_deref().unwrap_or(&name))?;
    let kind = parse_kind(c.kind.as_deref().unwrap_or("other"))?;
    let switchboard = parse_switchboard(c.switchboard, None)?;
    let visiting = parse_address("visitingAddress", c.visiting_address, None)?;
    let postal = parse_address("postalAddress", c.postal_address, None)?;
    let website = parse_website(c.website, None)?;
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(&format!(
        "INSERT INTO organisations (slug, name, kind, switchboard, visiting_address, postal_address, website, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {COLUMNS}"
    ))
    .bind(&slug)
    .bind(&name)
    .bind(&kind)
    .bind(switchboard)
    .bind(visiting)
    .bind(postal)
    .bind(website)
    .bind(now_ms())
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| conflict_on_unique(e, "Det finns redan en organisation med det namnet eller kortnamnet."))?;
    let org = Organisation::from_row(&row)?;
    audit::record(
        &mut tx,
        audit::NewEntry {
            actor_id: Some(me.user_id),
            action: "create",
            entity: AuditEntity::Organisation,
            entity_id: Some(org.id),
            organisation_id: Some(org.id),
            before: None,
            after: Some(snapshot(&org)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(org)
}

/// Edits an organisation (admins). A new name re-renders its people in search.
pub async fn update(
    db: &Db,
    access: &Access,
    id: i64,
    c: OrganisationChanges,
) -> AppResult<Organisation> {
    let me = access.require_admin()?;
    let current = get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found("Organisationen"))?;
    let name = match &c.name {
        Some(n) => parse_name(n)?,
        None => current.name.clone(),
    };
    let slug = match &c.slug {
        Some(s) => parse_slug(s)?,
        None => current.slug.clone(),
    };
    let kind = match &c.kind {
        Some(k) => parse_kind(k)?,
        None => current.kind.clone(),
    };
    let switchboard = parse_switchboard(c.switchboard, current.switchboard.clone())?;
    let visiting = parse_address(
        "visitingAddress",
        c.visiting_address,
        current.visiting_address.clone(),
    )?;
    let postal = parse_address(
        "postalAddress",
        c.postal_address,
        current.postal_address.clone(),
    )?;
    let website = parse_website(c.website, current.website.clone())?;
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(&format!(
        "UPDATE organisations SET slug = $1, name = $2, kind = $3, switchboard = $4,
            visiting_address = $5, postal_address = $6, website = $7
         WHERE id = $8 RETURNING {COLUMNS}"
    ))
    .bind(&slug)
    .bind(&name)
    .bind(&kind)
    .bind(switchboard)
    .bind(visiting)
    .bind(postal)
    .bind(website)
    .bind(id)
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| {
        conflict_on_unique(
            e,
            "Det finns redan en organisation med det namnet eller kortnamnet.",
        )
    })?;
    let org = Organisation::from_row(&row)?;
    if org.name != current.name {
        let people = sqlx::query("SELECT id FROM people WHERE organisation_id = $1")
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
        for p in people {
            change_log::record(&mut tx, EntityKind::Person, p.try_get(0)?).await?;
        }
    }
    audit::record(
        &mut tx,
        audit::NewEntry {
            actor_id: Some(me.user_id),
            action: "update",
            entity: AuditEntity::Organisation,
            entity_id: Some(id),
            organisation_id: Some(id),
            before: Some(snapshot(&current)),
            after: Some(snapshot(&org)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(org)
}

/// Removes an organisation (admins) that no person or user belongs to; its units go with it.
pub async fn delete(db: &Db, access: &Access, id: i64) -> AppResult<()> {
    let me = access.require_admin()?;
    let current = get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found("Organisationen"))?;
    let mut tx = db.begin_write().await?;
    let used = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM people WHERE organisation_id = $1)
              + (SELECT COUNT(*) FROM users WHERE organisation_id = $1)",
    )
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    if used.try_get::<i64, _>(0)? > 0 {
        return Err(AppError::Conflict(
            "Organisationen har personer eller användare och kan inte tas bort.".into(),
        ));
    }
    audit::record(
        &mut tx,
        audit::NewEntry {
            actor_id: Some(me.user_id),
            action: "delete",
            entity: AuditEntity::Organisation,
            entity_id: Some(id),
            organisation_id: None,
            before: Some(snapshot(&current)),
            after: None,
        },
    )
    .await?;
    sqlx::query("DELETE FROM organisations WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    tx.commit().await
}

/// How an organisation is named in input: by id, or by slug or name as people write it.
#[derive(Debug, Clone)]
pub enum OrgRef {
    Id(i64),
    Text(String),
}

/// Finds an organisation in `orgs` by slug or name as people write it: "eksjo", "Eksjö",
/// "Eksjö kommun", "Gislaved" for "Gislaveds kommun", "Länsstyrelsen".
pub fn find<'a>(orgs: &'a [Organisation], text: &str) -> Option<&'a Organisation> {
    let t = fold(text);
    if t.is_empty() {
        return None;
    }
    let slug = crate::tags::slugify(text);
    if let Some(o) = orgs.iter().find(|o| fold(&o.name) == t || o.slug == slug) {
        return Some(o);
    }
    let short = |o: &Organisation| {
        let n = fold(&o.name);
        let base = n.strip_suffix(" kommun").unwrap_or(&n).to_string();
        let without_s = base.strip_suffix('s').map(str::to_string);
        (base, without_s)
    };
    if let Some(o) = orgs.iter().find(|o| {
        let (base, without_s) = short(o);
        base == t || without_s.as_deref() == Some(t.as_str())
    }) {
        return Some(o);
    }
    let prefixed: Vec<&Organisation> = orgs
        .iter()
        .filter(|o| {
            fold(&o.name).starts_with(&format!("{t} "))
                || fold(&o.name).starts_with(&format!("{t},"))
        })
        .collect();
    (prefixed.len() == 1).then(|| prefixed[0])
}

/// Resolves a reference; BAD_INPUT on `field` when nothing matches.
pub async fn resolve(db: &Db, r: &OrgRef, field: &str) -> AppResult<Organisation> {
    let found = match r {
        OrgRef::Id(id) => get(db, *id).await?,
        OrgRef::Text(t) => find(&list(db).await?, t).cloned(),
    };
    found.ok_or_else(|| AppError::bad_input(field, "Organisationen finns inte."))
}

/// Users (accounts) by id with their organisations, in one counted statement (for data loaders);
/// unknown ids are left out.
pub async fn users_with_organisations(
    db: &Db,
    ids: &[i64],
) -> AppResult<Vec<(User, Option<Organisation>)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT u.id, u.email, u.display_name, u.organisation_id, u.role, u.active, u.created_at,
                u.erased_at, o.id AS o_id, o.slug AS o_slug, o.name AS o_name, o.kind AS o_kind,
                o.switchboard AS o_switchboard, o.visiting_address AS o_visiting_address,
                o.postal_address AS o_postal_address, o.website AS o_website
         FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id
         WHERE u.id IN ({})",
        crate::db::sql::placeholders(1, ids.len())
    );
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    let rows = q.fetch_all(db.counted()).await?;
    rows.iter()
        .map(|r| {
            let org = match r.try_get::<Option<i64>, _>("o_id")? {
                Some(id) => Some(Organisation {
                    id,
                    slug: r.try_get("o_slug")?,
                    name: r.try_get("o_name")?,
                    kind: r.try_get("o_kind")?,
                    switchboard: r.try_get("o_switchboard")?,
                    visiting_address: r.try_get("o_visiting_address")?,
                    postal_address: r.try_get("o_postal_address")?,
                    website: r.try_get("o_website")?,
                }),
                None => None,
            };
            Ok((User::from_row(r)?, org))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: i64, slug: &str, name: &str) -> Organisation {
        Organisation {
            id,
            slug: slug.into(),
            name: name.into(),
            kind: "kommun".into(),
            switchboard: None,
            visiting_address: None,
            postal_address: None,
            website: None,
        }
    }

    #[test]
    fn organisations_are_found_the_way_people_write_them() {
        let orgs = vec![
            org(1, "eksjo", "Eksjö kommun"),
            org(2, "gislaved", "Gislaveds kommun"),
            org(3, "lansstyrelsen", "Länsstyrelsen i Jönköpings län"),
            org(4, "jonkoping", "Jönköpings kommun"),
            org(5, "kommunal-utveckling", "Kommunal utveckling"),
        ];
        let id = |t: &str| find(&orgs, t).map(|o| o.id);
        assert_eq!(id("Eksjö kommun"), Some(1));
        assert_eq!(id("eksjo"), Some(1));
        assert_eq!(id("EKSJÖ"), Some(1));
        assert_eq!(id("Gislaved"), Some(2));
        assert_eq!(id("Gislaveds"), Some(2));
        assert_eq!(id("Länsstyrelsen"), Some(3));
        assert_eq!(id("Jönköping"), Some(4));
        assert_eq!(id("Kommunal utveckling"), Some(5));
        assert_eq!(id("Stockholm"), None);
        assert_eq!(id(""), None);
    }

    #[test]
    fn websites_need_a_scheme_and_a_host() {
        let w = |s: &str| parse_website(Patch::Set(s.into()), None);
        assert!(w("https://www.eksjo.se").is_ok());
        assert_eq!(w("www.eksjo.se").unwrap_err().field(), Some("website"));
        assert!(w("javascript:alert(1)").is_err());
        assert_eq!(w("  ").unwrap(), None);
    }
}
