//! Changing the phone book: creating, editing, verifying and removing people, with the
//! rules of who may do what:
//! - admins edit everyone;
//! - managers edit the people of their own organisation only (FORBIDDEN otherwise, also
//!   for moving someone into or out of it);
//! - a person linked to a user account may change their own phone numbers, nothing else.
//!
//! Every change writes an audit row (before and after) and a change-log row in the same
//! transaction.
//!
//! Long because every phone-book write shares one audit and change-log path; the rights
//! (`can_edit`, `can_edit_phones`) sit beside the writes they guard.

use serde_json::{json, Value};
use sqlx::Row;

use crate::{
    accounts::{Access, Role},
    db::{
        change_log::{self, EntityKind},
        now_ms, Db,
    },
    directory::{
        audit::{self, AuditEntity},
        organisations::{self, OrgRef},
        people::{self, Area, Person, PersonRole},
        phone::PhoneNumber,
        text::{fold, optional_text},
        units::{self, can_manage},
        Patch,
    },
    email::Email,
    error::{conflict_on_unique, AppError, AppResult},
};

/// Changes to a person; `None`/`Keep` leaves a field as it is. On creation `name` and
/// `organisation` are required.
#[derive(Debug, Default, Clone)]
pub struct PersonChanges {
    pub name: Option<String>,
    pub title: Option<String>,
    pub organisation: Option<OrgRef>,
    pub unit_id: Patch<i64>,
    pub direct_phone: Patch<String>,
    pub mobile_phone: Patch<String>,
    pub email: Patch<String>,
    /// Tag names, slugs or synonyms.
    pub areas: Option<Vec<String>>,
    pub roles: Option<Vec<PersonRole>>,
    pub user_id: Patch<i64>,
}

impl PersonChanges {
    /// True when nothing but the phone numbers is touched.
    pub fn only_phones(&self) -> bool {
        self.name.is_none()
            && self.title.is_none()
            && self.organisation.is_none()
            && self.unit_id.is_keep()
            && self.email.is_keep()
            && self.areas.is_none()
            && self.roles.is_none()
            && self.user_id.is_keep()
    }
}

/// The complete, validated content of an entry: what gets written and compared.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonState {
    pub name: String,
    pub title: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    /// (id, name)
    pub unit: Option<(i64, String)>,
    pub direct_phone: Option<PhoneNumber>,
    pub mobile_phone: Option<PhoneNumber>,
    pub email: Option<String>,
    /// Sorted by id.
    pub areas: Vec<Area>,
    /// Sorted.
    pub roles: Vec<PersonRole>,
    pub user_id: Option<i64>,
}

impl PersonState {
    pub fn of(p: &Person) -> PersonState {
        let mut areas = p.areas.clone();
        areas.sort_by_key(|a| a.id);
        PersonState {
            name: p.name.clone(),
            title: p.title.clone(),
            organisation_id: p.organisation.id,
            organisation_name: p.organisation.name.clone(),
            unit: p.unit.as_ref().map(|u| (u.id, u.name.clone())),
            direct_phone: p.direct_phone.clone(),
            mobile_phone: p.mobile_phone.clone(),
            email: p.email.clone(),
            areas,
            roles: p.roles.clone(),
            user_id: p.user_id,
        }
    }

    /// The JSON kept in the audit trail (phones in E.164).
    pub fn snapshot(&self) -> Value {
        json!({
            "name": self.name,
            "title": self.title,
            "organisation": self.organisation_name,
            "organisationId": self.organisation_id,
            "unit": self.unit.as_ref().map(|u| &u.1),
            "directPhone": self.direct_phone.as_ref().map(PhoneNumber::e164),
            "mobilePhone": self.mobile_phone.as_ref().map(PhoneNumber::e164),
            "email": self.email,
            "areas": self.areas.iter().map(|a| &a.name).collect::<Vec<_>>(),
            "roles": self.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            "userId": self.user_id,
        })
    }

    /// The names of the fields that differ (as the API names them).
    pub fn changed_fields(&self, other: &PersonState) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.name != other.name {
            out.push("name");
        }
        if self.title != other.title {
            out.push("title");
        }
        if self.organisation_id != other.organisation_id {
            out.push("organisation");
        }
        if self.unit.as_ref().map(|u| &u.1) != other.unit.as_ref().map(|u| &u.1) {
            out.push("unit");
        }
        if self.direct_phone != other.direct_phone {
            out.push("directPhone");
        }
        if self.mobile_phone != other.mobile_phone {
            out.push("mobilePhone");
        }
        if self.email != other.email {
            out.push("email");
        }
        if self.areas != other.areas {
            out.push("areas");
        }
        if self.roles != other.roles {
            out.push("roles");
        }
        if self.user_id != other.user_id {
            out.push("userId");
        }
        out
    }

    /// The folded text free-text search matches: name, title, unit and areas.
    pub fn search_text(&self) -> String {
        let mut parts = vec![self.name.as_str(), self.title.as_str()];
        if let Some((_, u)) = &self.unit {
            parts.push(u);
        }
        for a in &self.areas {
            parts.push(&a.name);
        }
        fold(&parts.join(" "))
    }
}

pub fn parse_name(field: &str, raw: &str) -> AppResult<String> {
    optional_text(field, Some(raw), 100)?
        .ok_or_else(|| AppError::bad_input(field, "Ange personens namn."))
}

pub fn parse_title(field: &str, raw: &str) -> AppResult<String> {
    Ok(optional_text(field, Some(raw), 150)?.unwrap_or_default())
}

/// A phone number as typed; empty means none.
pub fn parse_phone(field: &str, raw: &str) -> AppResult<Option<PhoneNumber>> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    PhoneNumber::parse(raw)
        .map(Some)
        .map_err(|e| AppError::bad_input(field, e.to_string()))
}

/// An e-mail address as typed; empty means none.
pub fn parse_email(field: &str, raw: &str) -> AppResult<Option<String>> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    Email::parse(raw)
        .map(|e| Some(e.as_str().to_string()))
        .map_err(|e| AppError::bad_input(field, e.to_string()))
}

/// Tags by every name people may use for them (folded name, slug, folded synonyms).
pub struct AreaIndex {
    by_key: std::collections::HashMap<String, Area>,
}

impl AreaIndex {
    pub fn new(tags: &[crate::tags::Tag]) -> AreaIndex {
        let mut by_key = std::collections::HashMap::new();
        // Synonyms first, so a tag's own name or slug wins over another tag's synonym.
        for t in tags {
            let area = Area {
                id: t.id,
                name: t.name.clone(),
            };
            for s in &t.synonyms {
                by_key.insert(fold(s), area.clone());
            }
        }
        for t in tags {
            let area = Area {
                id: t.id,
                name: t.name.clone(),
            };
            by_key.insert(t.slug.clone(), area.clone());
            by_key.insert(fold(&t.name), area);
        }
        AreaIndex { by_key }
    }

    /// Names, slugs or synonyms to areas (deduplicated, sorted by id); BAD_INPUT on `field`
    /// for an unknown one.
    pub fn resolve(&self, field: &str, names: &[String]) -> AppResult<Vec<Area>> {
        let mut out: Vec<Area> = Vec::new();
        for raw in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            let area = self
                .by_key
                .get(&fold(raw))
                .or_else(|| self.by_key.get(&crate::tags::slugify(raw)))
                .ok_or_else(|| {
                    AppError::bad_input(field, format!("Okänt tillsynsområde: ”{raw}”."))
                })?;
            if !out.iter().any(|a| a.id == area.id) {
                out.push(area.clone());
            }
        }
        out.sort_by_key(|a| a.id);
        Ok(out)
    }
}

/// Tag names, slugs or synonyms to areas (deduplicated, sorted by id).
pub fn resolve_areas(
    tags: &[crate::tags::Tag],
    field: &str,
    names: &[String],
) -> AppResult<Vec<Area>> {
    AreaIndex::new(tags).resolve(field, names)
}

fn sorted_roles(roles: &[PersonRole]) -> Vec<PersonRole> {
    let mut r = roles.to_vec();
    r.sort();
    r.dedup();
    r
}

/// Applies `ch` on `base` (None when creating) and validates everything.
async fn apply_changes(
    db: &Db,
    access: &Access,
    base: Option<&PersonState>,
    ch: PersonChanges,
) -> AppResult<PersonState> {
    let name = match (&ch.name, base) {
        (Some(n), _) => parse_name("name", n)?,
        (None, Some(b)) => b.name.clone(),
        (None, None) => return Err(AppError::bad_input("name", "Ange personens namn.")),
    };
    let title = match (&ch.title, base) {
        (Some(t), _) => parse_title("title", t)?,
        (None, Some(b)) => b.title.clone(),
        (None, None) => String::new(),
    };
    let (organisation_id, organisation_name) = match (&ch.organisation, base) {
        (Some(r), _) => {
            let o = organisations::resolve(db, r, "organisationId").await?;
            (o.id, o.name)
        }
        (None, Some(b)) => (b.organisation_id, b.organisation_name.clone()),
        (None, None) => {
            return Err(AppError::bad_input(
                "organisationId",
                "Ange vilken organisation personen tillhör.",
            ))
        }
    };
    let unit = match ch.unit_id {
        Patch::Keep => base
            .and_then(|b| b.unit.clone())
            .filter(|_| base.is_some_and(|b| b.organisation_id == organisation_id)),
        Patch::Clear => None,
        Patch::Set(id) => {
            let u = units::get(db, id)
                .await?
                .filter(|u| u.organisation_id == organisation_id)
                .ok_or_else(|| {
                    AppError::bad_input("unitId", "Enheten finns inte i personens organisation.")
                })?;
            Some((u.id, u.name))
        }
    };
    let phone = |field: &str, p: Patch<String>, cur: Option<PhoneNumber>| match p {
        Patch::Keep => Ok(cur),
        Patch::Clear => Ok(None),
        Patch::Set(raw) => parse_phone(field, &raw),
    };
    let direct_phone = phone(
        "directPhone",
        ch.direct_phone,
        base.and_then(|b| b.direct_phone.clone()),
    )?;
    let mobile_phone = phone(
        "mobilePhone",
        ch.mobile_phone,
        base.and_then(|b| b.mobile_phone.clone()),
    )?;
    let email = match ch.email {
        Patch::Keep => base.and_then(|b| b.email.clone()),
        Patch::Clear => None,
        Patch::Set(raw) => parse_email("email", &raw)?,
    };
    let areas = match &ch.areas {
        Some(names) => resolve_areas(&crate::tags::list(db).await?, "areas", names)?,
        None => base.map(|b| b.areas.clone()).unwrap_or_default(),
    };
    let roles = match &ch.roles {
        Some(r) => sorted_roles(r),
        None => base.map(|b| b.roles.clone()).unwrap_or_default(),
    };
    let user_id = match ch.user_id {
        Patch::Keep => base.and_then(|b| b.user_id),
        Patch::Clear => None,
        Patch::Set(uid) => {
            let user = crate::accounts::users::get(db, uid)
                .await?
                .filter(|u| !u.erased)
                .ok_or_else(|| AppError::bad_input("userId", "Användaren finns inte."))?;
            if !access.is_admin() && user.organisation_id != Some(organisation_id) {
                return Err(AppError::bad_input(
                    "userId",
                    "Du kan bara koppla användare i personens organisation.",
                ));
            }
            Some(uid)
        }
    };
    Ok(PersonState {
        name,
        title,
        organisation_id,
        organisation_name,
        unit,
        direct_phone,
        mobile_phone,
        email,
        areas,
        roles,
        user_id,
    })
}

/// Writes `state` as a new person (`id` None, stamped verified now by `verifier`) or over
/// person `id`, with its areas, roles, search text and a change-log row. Returns the id.
pub async fn write_state(
    tx: &mut crate::db::WriteTx,
    id: Option<i64>,
    state: &PersonState,
    verifier: Option<i64>,
) -> AppResult<i64> {
    let now = now_ms();
    let conflict = "Det finns redan en person med den e-postadressen eller det användarkontot.";
    let id = match id {
        None => {
            let row = sqlx::query(
                "INSERT INTO people (organisation_id, unit_id, name, title, direct_phone, mobile_phone, email,
                     user_id, search_text, verified_at, verified_by, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10, $10) RETURNING id",
            )
            .bind(state.organisation_id)
            .bind(state.unit.as_ref().map(|u| u.0))
            .bind(&state.name)
            .bind(&state.title)
            .bind(state.direct_phone.as_ref().map(PhoneNumber::e164))
            .bind(state.mobile_phone.as_ref().map(PhoneNumber::e164))
            .bind(&state.email)
            .bind(state.user_id)
            .bind(state.search_text())
            .bind(now)
            .bind(verifier)
            .fetch_one(&mut ***tx)
            .await
            .map_err(|e| conflict_on_unique(e, conflict))?;
            row.try_get::<i64, _>(0)?
        }
        Some(id) => {
            sqlx::query(
                "UPDATE people SET organisation_id = $1, unit_id = $2, name = $3, title = $4,
                     direct_phone = $5, mobile_phone = $6, email = $7, user_id = $8, search_text = $9,
                     updated_at = $10
                 WHERE id = $11",
            )
            .bind(state.organisation_id)
            .bind(state.unit.as_ref().map(|u| u.0))
            .bind(&state.name)
            .bind(&state.title)
            .bind(state.direct_phone.as_ref().map(PhoneNumber::e164))
            .bind(state.mobile_phone.as_ref().map(PhoneNumber::e164))
            .bind(&state.email)
            .bind(state.user_id)
            .bind(state.search_text())
            .bind(now)
            .bind(id)
            .execute(&mut ***tx)
            .await
            .map_err(|e| conflict_on_unique(e, conflict))?;
            sqlx::query("DELETE FROM person_areas WHERE person_id = $1")
                .bind(id)
                .execute(&mut ***tx)
                .await?;
            sqlx::query("DELETE FROM person_roles WHERE person_id = $1")
                .bind(id)
                .execute(&mut ***tx)
                .await?;
            id
        }
    };
    for a in &state.areas {
        sqlx::query("INSERT INTO person_areas (person_id, tag_id) VALUES ($1, $2)")
            .bind(id)
            .bind(a.id)
            .execute(&mut ***tx)
            .await?;
    }
    for r in &state.roles {
        sqlx::query("INSERT INTO person_roles (person_id, role) VALUES ($1, $2)")
            .bind(id)
            .bind(r.as_str())
            .execute(&mut ***tx)
            .await?;
    }
    change_log::record(tx, EntityKind::Person, id).await?;
    Ok(id)
}

/// Audit rows for a change of a person: one for the organisation after, and one for the
/// organisation before when the person moved, so both managers see it.
pub async fn audit_person(
    tx: &mut crate::db::WriteTx,
    actor_id: Option<i64>,
    action: &'static str,
    id: i64,
    before: Option<&PersonState>,
    after: Option<&PersonState>,
) -> AppResult<()> {
    let mut orgs: Vec<i64> = after.map(|a| a.organisation_id).into_iter().collect();
    if let Some(b) = before {
        if !orgs.contains(&b.organisation_id) {
            orgs.push(b.organisation_id);
        }
    }
    for org in orgs {
        audit::record(
            tx,
            audit::NewEntry {
                actor_id,
                action,
                entity: AuditEntity::Person,
                entity_id: Some(id),
                organisation_id: Some(org),
                before: before.map(PersonState::snapshot),
                after: after.map(PersonState::snapshot),
            },
        )
        .await?;
    }
    Ok(())
}

fn is_manager_or_admin(access: &Access) -> bool {
    matches!(&access.principal, Some(p) if matches!(p.role, Role::Admin | Role::Manager))
}

/// Creates a person (`id` None) or changes one. See the module docs for who may do what.
pub async fn upsert(
    db: &Db,
    access: &Access,
    id: Option<i64>,
    changes: PersonChanges,
) -> AppResult<Person> {
    let me = access.user()?.user_id;
    let Some(id) = id else {
        if !is_manager_or_admin(access) {
            return Err(AppError::forbidden());
        }
        let state = apply_changes(db, access, None, changes).await?;
        if !can_manage(access, state.organisation_id) {
            return Err(AppError::forbidden());
        }
        let mut tx = db.begin_write().await?;
        let id = write_state(&mut tx, None, &state, Some(me)).await?;
        audit_person(&mut tx, Some(me), "create", id, None, Some(&state)).await?;
        tx.commit().await?;
        return people::get(db, id)
            .await?
            .ok_or_else(|| AppError::not_found("Personen"));
    };
    let current = people::get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found("Personen"))?;
    let allowed =
        can_edit(access, &current) || (can_edit_phones(access, &current) && changes.only_phones());
    if !allowed {
        return Err(AppError::forbidden());
    }
    let before = PersonState::of(&current);
    let after = apply_changes(db, access, Some(&before), changes).await?;
    if after.organisation_id != before.organisation_id && !can_manage(access, after.organisation_id)
    {
        return Err(AppError::forbidden());
    }
    if after == before {
        return Ok(current);
    }
    let mut tx = db.begin_write().await?;
    write_state(&mut tx, Some(id), &after, None).await?;
    audit_person(&mut tx, Some(me), "update", id, Some(&before), Some(&after)).await?;
    tx.commit().await?;
    people::get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found("Personen"))
}

/// May the caller edit the whole entry: admins and the organisation's managers.
pub fn can_edit(access: &Access, person: &Person) -> bool {
    can_manage(access, person.organisation.id)
}

/// May the caller change the entry's phone numbers: whoever may edit it, and the person
/// whose account the entry is linked to.
pub fn can_edit_phones(access: &Access, person: &Person) -> bool {
    can_edit(access, person)
        || access
            .principal
            .as_ref()
            .is_some_and(|p| person.user_id == Some(p.user_id))
}

/// Removes a person (admins and the organisation's managers).
pub async fn delete(db: &Db, access: &Access, id: i64) -> AppResult<()> {
    let me = access.user()?.user_id;
    let current = people::get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found("Personen"))?;
    if !can_manage(access, current.organisation.id) {
        return Err(AppError::forbidden());
    }
    let before = PersonState::of(&current);
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM people WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    change_log::record(&mut tx, EntityKind::Person, id).await?;
    audit_person(&mut tx, Some(me), "delete", id, Some(&before), None).await?;
    tx.commit().await
}

/// Stamps a person as checked now by the caller (admins and the organisation's managers).
pub async fn verify(db: &Db, access: &Access, id: i64) -> AppResult<Person> {
    let me = access.user()?.user_id;
    let current = people::get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found("Personen"))?;
    if !can_manage(access, current.organisation.id) {
        return Err(AppError::forbidden());
    }
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE people SET verified_at = $1, verified_by = $2 WHERE id = $3")
        .bind(now)
        .bind(me)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    change_log::record(&mut tx, EntityKind::Person, id).await?;
    audit::record(
        &mut tx,
        audit::NewEntry {
            actor_id: Some(me),
            action: "verify",
            entity: AuditEntity::Person,
            entity_id: Some(id),
            organisation_id: Some(current.organisation.id),
            before: Some(
                json!({ "verifiedAt": current.verified_at, "verifiedBy": current.verified_by }),
            ),
            after: Some(json!({ "verifiedAt": now, "verifiedBy": me })),
        },
    )
    .await?;
    tx.commit().await?;
    people::get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found("Personen"))
}

/// The cut-off for `peopleDueForVerification`: `months` before now.
pub fn verification_cutoff(months: i64) -> i64 {
    let now = chrono::Utc::now();
    now.checked_sub_months(chrono::Months::new(months.clamp(0, 1200) as u32))
        .unwrap_or(now)
        .timestamp_millis()
}

/// The filter of people due for verification that the caller may act on: all for admins,
/// their own organisation for managers, FORBIDDEN for others.
pub fn due_filter(access: &Access, months: i64) -> AppResult<people::PersonFilter> {
    let me = access.user()?;
    let organisation_id = match me.role {
        Role::Admin => None,
        Role::Manager => Some(me.organisation_id.ok_or_else(AppError::forbidden)?),
        Role::Member => return Err(AppError::forbidden()),
    };
    Ok(people::PersonFilter {
        organisation_id,
        verified_before: Some(verification_cutoff(months)),
        ..Default::default()
    })
}

/// Recomputes one person's search text from the database (after a unit changed).
pub async fn refresh_search_text(tx: &mut crate::db::WriteTx, id: i64) -> AppResult<()> {
    let row = sqlx::query(
        "SELECT p.name, p.title, u.name FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_one(&mut ***tx)
    .await?;
    let mut parts: Vec<String> = vec![row.try_get(0)?, row.try_get(1)?];
    if let Some(u) = row.try_get::<Option<String>, _>(2)? {
        parts.push(u);
    }
    let areas = sqlx::query(
        "SELECT t.name FROM person_areas pa JOIN tags t ON t.id = pa.tag_id WHERE pa.person_id = $1",
    )
    .bind(id)
    .fetch_all(&mut ***tx)
    .await?;
    for a in areas {
        parts.push(a.try_get(0)?);
    }
    sqlx::query("UPDATE people SET search_text = $1 WHERE id = $2")
        .bind(fold(&parts.join(" ")))
        .bind(id)
        .execute(&mut ***tx)
        .await?;
    Ok(())
}

/// Refreshes the search text of a unit's people and tells search they changed.
pub async fn refresh_search_text_of_unit(
    tx: &mut crate::db::WriteTx,
    unit_id: i64,
) -> AppResult<()> {
    let ids = sqlx::query("SELECT id FROM people WHERE unit_id = $1")
        .bind(unit_id)
        .fetch_all(&mut ***tx)
        .await?;
    for r in ids {
        let id: i64 = r.try_get(0)?;
        refresh_search_text(tx, id).await?;
        change_log::record(tx, EntityKind::Person, id).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(id: i64, name: &str, syn: &[&str]) -> crate::tags::Tag {
        crate::tags::Tag {
            id,
            slug: crate::tags::slugify(name),
            name: name.into(),
            synonyms: syn.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn areas_resolve_by_name_slug_or_synonym() {
        let tags = vec![
            tag(1, "Små avlopp", &["enskilda avlopp"]),
            tag(2, "Skolor, förskolor och vård", &["förskola"]),
        ];
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let got = resolve_areas(
            &tags,
            "areas",
            &names(&[
                "Enskilda avlopp",
                "sma-avlopp",
                "SKOLOR, FÖRSKOLOR OCH VÅRD",
            ]),
        )
        .unwrap();
        assert_eq!(got.iter().map(|a| a.id).collect::<Vec<_>>(), vec![1, 2]);
        let err = resolve_areas(&tags, "areas", &names(&["Radon"])).unwrap_err();
        assert_eq!(err.field(), Some("areas"));
    }

    #[test]
    fn bad_phone_and_email_name_their_field() {
        assert_eq!(
            parse_phone("mobilePhone", "070-12").unwrap_err().field(),
            Some("mobilePhone")
        );
        assert_eq!(
            parse_email("email", "anna@").unwrap_err().field(),
            Some("email")
        );
        assert_eq!(parse_phone("directPhone", " ").unwrap(), None);
        assert_eq!(parse_name("name", "  ").unwrap_err().field(), Some("name"));
    }

    #[test]
    fn only_phone_changes_are_recognised() {
        let mut c = PersonChanges {
            direct_phone: Patch::Set("036-10 50 00".into()),
            mobile_phone: Patch::Clear,
            ..Default::default()
        };
        assert!(c.only_phones());
        c.title = Some("chef".into());
        assert!(!c.only_phones());
    }
}
