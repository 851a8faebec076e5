//! People in the phone book: the row shape, loading pages without N+1, filtering (by
//! organisation, unit, area, role and free text) and the Swedish sort order, and
//! "vem handlägger X i Y".
//!
//! Reading is open to everyone signed in; the GraphQL and HTTP layers check that. Writes
//! live in `edit`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sqlx::{any::AnyRow, Row};

use crate::{
    db::{sql::placeholders, Db},
    directory::{
        organisations::{self, OrgRef, Organisation},
        phone::PhoneNumber,
        text::{self, swedish_cmp},
        units::{Unit, UnitKind},
    },
    error::{AppError, AppResult},
};

/// A person's role in the collaboration.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, async_graphql::Enum, Serialize,
)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "lowercase")]
pub enum PersonRole {
    /// The organisation's kontaktperson towards Miljösamverkan.
    Kontaktperson,
    /// Member of the styrgrupp.
    Styrgrupp,
    /// Member of the beredningsgrupp.
    Beredningsgrupp,
    /// Samordnare (coordinator) of a network.
    Samordnare,
}

impl PersonRole {
    pub const ALL: [PersonRole; 4] = [
        PersonRole::Kontaktperson,
        PersonRole::Styrgrupp,
        PersonRole::Beredningsgrupp,
        PersonRole::Samordnare,
    ];

    /// The stored value, which is also the Swedish word.
    pub fn as_str(self) -> &'static str {
        match self {
            PersonRole::Kontaktperson => "kontaktperson",
            PersonRole::Styrgrupp => "styrgrupp",
            PersonRole::Beredningsgrupp => "beredningsgrupp",
            PersonRole::Samordnare => "samordnare",
        }
    }

    /// Reads a role as people write it ("Styrgruppen", "nätverkssamordnare").
    pub fn parse(s: &str) -> Option<PersonRole> {
        let f = text::fold(s);
        Some(match f.as_str() {
            "kontaktperson" | "kontaktpersoner" | "contact" => PersonRole::Kontaktperson,
            "styrgrupp" | "styrgruppen" | "steering group" => PersonRole::Styrgrupp,
            "beredningsgrupp" | "beredningsgruppen" => PersonRole::Beredningsgrupp,
            "samordnare" | "natverkssamordnare" | "network coordinator" | "coordinator" => {
                PersonRole::Samordnare
            }
            _ => return None,
        })
    }
}

/// An area of responsibility (a tillsynsområde tag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: i64,
    pub organisation: Organisation,
    pub unit: Option<Unit>,
    pub name: String,
    pub title: String,
    pub direct_phone: Option<PhoneNumber>,
    pub mobile_phone: Option<PhoneNumber>,
    pub email: Option<String>,
    /// Sorted by name.
    pub areas: Vec<Area>,
    /// In the enum's order.
    pub roles: Vec<PersonRole>,
    pub user_id: Option<i64>,
    pub verified_at: Option<i64>,
    pub verified_by: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Person {
    pub fn area_names(&self) -> Vec<String> {
        self.areas.iter().map(|a| a.name.clone()).collect()
    }
}

/// Largest IN list per query.
const CHUNK: usize = 500;

fn stored_phone(raw: Option<String>) -> Option<PhoneNumber> {
    raw.and_then(|r| PhoneNumber::parse(&r).ok())
}

/// Loads people by id, in the order given (missing ids are skipped). Four queries per 500.
pub async fn load_many(db: &Db, ids: &[i64]) -> AppResult<Vec<Person>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let orgs: HashMap<i64, Organisation> = organisations::list(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut by_id: HashMap<i64, Person> = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let ph = placeholders(1, chunk.len());
        let sql = format!(
            "SELECT p.id, p.organisation_id, p.unit_id, p.name, p.title, p.direct_phone, p.mobile_phone,
                    p.email, p.user_id, p.verified_at, p.verified_by, p.created_at, p.updated_at,
                    u.name AS unit_name, u.kind AS unit_kind
             FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE p.id IN ({ph})"
        );
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        for r in q.fetch_all(&db.pool).await? {
            let p = person_from_row(&r, &orgs)?;
            by_id.insert(p.id, p);
        }
        let sql = format!(
            "SELECT pa.person_id, t.id, t.name FROM person_areas pa JOIN tags t ON t.id = pa.tag_id
             WHERE pa.person_id IN ({ph})"
        );
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        for r in q.fetch_all(&db.pool).await? {
            let pid: i64 = r.try_get(0)?;
            if let Some(p) = by_id.get_mut(&pid) {
                p.areas.push(Area {
                    id: r.try_get(1)?,
                    name: r.try_get(2)?,
                });
            }
        }
        let sql = format!("SELECT person_id, role FROM person_roles WHERE person_id IN ({ph})");
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        for r in q.fetch_all(&db.pool).await? {
            let pid: i64 = r.try_get(0)?;
            if let (Some(p), Some(role)) = (
                by_id.get_mut(&pid),
                PersonRole::parse(&r.try_get::<String, _>(1)?),
            ) {
                p.roles.push(role);
            }
        }
    }
    Ok(ids
        .iter()
        .filter_map(|id| by_id.remove(id))
        .map(|mut p| {
            p.areas.sort_by(|a, b| swedish_cmp(&a.name, &b.name));
            p.roles.sort();
            p
        })
        .collect())
}

fn person_from_row(r: &AnyRow, orgs: &HashMap<i64, Organisation>) -> AppResult<Person> {
    let org_id: i64 = r.try_get("organisation_id")?;
    let organisation = orgs
        .get(&org_id)
        .cloned()
        .ok_or_else(|| AppError::internal(format!("person without organisation {org_id}")))?;
    let unit_id: Option<i64> = r.try_get("unit_id")?;
    let unit_name: Option<String> = r.try_get("unit_name")?;
    let unit_kind: Option<String> = r.try_get("unit_kind")?;
    let unit = match (unit_id, unit_name) {
        (Some(id), Some(name)) => Some(Unit {
            id,
            organisation_id: org_id,
            name,
            kind: UnitKind::parse(unit_kind.as_deref().unwrap_or("enhet")),
        }),
        _ => None,
    };
    Ok(Person {
        id: r.try_get("id")?,
        organisation,
        unit,
        name: r.try_get("name")?,
        title: r.try_get("title")?,
        direct_phone: stored_phone(r.try_get("direct_phone")?),
        mobile_phone: stored_phone(r.try_get("mobile_phone")?),
        email: r.try_get("email")?,
        areas: Vec::new(),
        roles: Vec::new(),
        user_id: r.try_get("user_id")?,
        verified_at: r.try_get("verified_at")?,
        verified_by: r.try_get("verified_by")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

pub async fn get(db: &Db, id: i64) -> AppResult<Option<Person>> {
    Ok(load_many(db, &[id]).await?.pop())
}

/// The person entry linked to a user account, if any.
pub async fn for_user(db: &Db, user_id: i64) -> AppResult<Option<Person>> {
    let row = sqlx::query("SELECT id FROM people WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await?;
    match row {
        Some(r) => get(db, r.try_get(0)?).await,
        None => Ok(None),
    }
}

/// A filter as callers write it: organisation and area by id or name, free text.
#[derive(Debug, Default, Clone)]
pub struct FilterArgs {
    pub organisation: Option<OrgRef>,
    pub unit_id: Option<i64>,
    /// Tag name, slug or synonym ("Små avlopp", "enskilda avlopp").
    pub area: Option<String>,
    pub role: Option<PersonRole>,
    pub text: Option<String>,
}

/// A resolved filter.
#[derive(Debug, Default, Clone)]
pub struct PersonFilter {
    pub organisation_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub area_id: Option<i64>,
    pub role: Option<PersonRole>,
    /// Folded words that must all occur in name, title, unit or areas.
    pub words: Vec<String>,
    /// When the whole free text names an area ("radon", "enskilda avlopp"), people with
    /// that area match too.
    pub text_area_id: Option<i64>,
    /// Only entries last verified before this time (or never).
    pub verified_before: Option<i64>,
}

/// Most words of free text that are matched.
const MAX_WORDS: usize = 8;

/// Resolves names to ids; BAD_INPUT naming `organisation` or `area` when they are unknown.
pub async fn resolve_filter(db: &Db, args: &FilterArgs) -> AppResult<PersonFilter> {
    let organisation_id = match &args.organisation {
        Some(r) => Some(organisations::resolve(db, r, "organisation").await?.id),
        None => None,
    };
    let area_id = match args.area.as_deref().map(str::trim) {
        Some(a) if !a.is_empty() => Some(
            crate::tags::resolve(db, a)
                .await?
                .ok_or_else(|| AppError::bad_input("area", "Tillsynsområdet finns inte."))?
                .id,
        ),
        _ => None,
    };
    let (words, text_area_id) = match args.text.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => (
            text::words(t, MAX_WORDS),
            crate::tags::resolve(db, t).await?.map(|t| t.id),
        ),
        _ => (Vec::new(), None),
    };
    Ok(PersonFilter {
        organisation_id,
        unit_id: args.unit_id,
        area_id,
        role: args.role,
        words,
        text_area_id,
        verified_before: None,
    })
}

/// What sorting needs of a matching person.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Candidate {
    #[serde(rename = "i")]
    pub id: i64,
    #[serde(rename = "o")]
    pub organisation: String,
    #[serde(rename = "n")]
    pub name: String,
    #[serde(rename = "v")]
    pub verified_at: Option<i64>,
}

/// The order of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Organisation, then name, in Swedish alphabetical order.
    OrganisationThenName,
    /// Longest unverified first (never verified before all), then by name.
    OldestVerificationFirst,
}

/// What a list sorts by, computed once per person.
type SortKey = (i64, Vec<u32>, String, Vec<u32>, String, i64);

impl Order {
    /// The sort key: Swedish order of organisation and name, exact text and id as ties.
    pub fn key(self, c: &Candidate) -> SortKey {
        let first = match self {
            Order::OrganisationThenName => 0,
            Order::OldestVerificationFirst => c.verified_at.unwrap_or(i64::MIN),
        };
        (
            first,
            text::swedish_key(&c.organisation),
            c.organisation.clone(),
            text::swedish_key(&c.name),
            c.name.clone(),
            c.id,
        )
    }

    pub fn cmp(self, a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
        self.key(a).cmp(&self.key(b))
    }
}

/// Every person matching `f`, sorted. One query; sorting happens here because SQLite and
/// PostgreSQL collate å, ä and ö differently.
pub async fn candidates(db: &Db, f: &PersonFilter, order: Order) -> AppResult<Vec<Candidate>> {
    let mut sql = String::from(
        "SELECT p.id, o.name, p.name, p.verified_at FROM people p
         JOIN organisations o ON o.id = p.organisation_id WHERE 1 = 1",
    );
    let mut n = 0usize;
    let mut next = || {
        n += 1;
        n
    };
    if f.organisation_id.is_some() {
        sql.push_str(&format!(" AND p.organisation_id = ${}", next()));
    }
    if f.unit_id.is_some() {
        sql.push_str(&format!(" AND p.unit_id = ${}", next()));
    }
    if f.area_id.is_some() {
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM person_areas pa WHERE pa.person_id = p.id AND pa.tag_id = ${})",
            next()
        ));
    }
    if f.role.is_some() {
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM person_roles pr WHERE pr.person_id = p.id AND pr.role = ${})",
            next()
        ));
    }
    if !f.words.is_empty() {
        let words: Vec<String> = f
            .words
            .iter()
            .map(|_| format!("p.search_text LIKE ${} ESCAPE '\\'", next()))
            .collect();
        let mut cond = format!("({})", words.join(" AND "));
        if f.text_area_id.is_some() {
            cond = format!(
                "({cond} OR EXISTS (SELECT 1 FROM person_areas ta WHERE ta.person_id = p.id AND ta.tag_id = ${}))",
                next()
            );
        }
        sql.push_str(&format!(" AND {cond}"));
    }
    if f.verified_before.is_some() {
        sql.push_str(&format!(
            " AND (p.verified_at IS NULL OR p.verified_at < ${})",
            next()
        ));
    }
    let mut q = sqlx::query(&sql);
    if let Some(v) = f.organisation_id {
        q = q.bind(v);
    }
    if let Some(v) = f.unit_id {
        q = q.bind(v);
    }
    if let Some(v) = f.area_id {
        q = q.bind(v);
    }
    if let Some(v) = f.role {
        q = q.bind(v.as_str());
    }
    if !f.words.is_empty() {
        for w in &f.words {
            q = q.bind(text::like_contains(w));
        }
        if let Some(t) = f.text_area_id {
            q = q.bind(t);
        }
    }
    if let Some(v) = f.verified_before {
        q = q.bind(v);
    }
    let mut out = q
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(Candidate {
                id: r.try_get(0)?,
                organisation: r.try_get(1)?,
                name: r.try_get(2)?,
                verified_at: r.try_get(3)?,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    out.sort_by_cached_key(|c| order.key(c));
    Ok(out)
}

/// One page of a sorted list.
pub struct Page {
    pub people: Vec<Person>,
    /// Opaque position of each person, for `after`.
    pub cursors: Vec<String>,
    pub total: usize,
    pub has_next: bool,
    pub has_previous: bool,
}

/// Cuts a page of `first` after the `after` cursor (as `Page::cursors` gave it) and loads it.
pub async fn page(
    db: &Db,
    all: Vec<Candidate>,
    order: Order,
    after: Option<&str>,
    first: usize,
) -> AppResult<Page> {
    let total = all.len();
    let start = match after {
        None => 0,
        Some(c) => {
            let cursor: Candidate = serde_json::from_str(c)
                .map_err(|_| AppError::bad_input("after", "Ogiltig markör."))?;
            let key = order.key(&cursor);
            all.partition_point(|x| order.key(x) <= key)
        }
    };
    let slice = &all[start.min(total)..(start + first).min(total)];
    let ids: Vec<i64> = slice.iter().map(|c| c.id).collect();
    let people = load_many(db, &ids).await?;
    let cursors = slice
        .iter()
        .filter(|c| people.iter().any(|p| p.id == c.id))
        .map(|c| serde_json::to_string(c).unwrap_or_default())
        .collect();
    Ok(Page {
        people,
        cursors,
        total,
        has_next: start + first < total,
        has_previous: start > 0,
    })
}

/// "Vem handlägger X i Y": the people of the organisation responsible for the area, and,
/// as someone to ask when nobody is, the organisation's kontaktpersoner.
pub struct WhoHandles {
    pub area: crate::tags::Tag,
    pub organisation: Organisation,
    pub responsible: Vec<Person>,
    pub contacts: Vec<Person>,
}

pub async fn who_handles(db: &Db, area: &str, organisation: &OrgRef) -> AppResult<WhoHandles> {
    let organisation = organisations::resolve(db, organisation, "organisation").await?;
    let area = crate::tags::resolve(db, area)
        .await?
        .ok_or_else(|| AppError::bad_input("area", "Tillsynsområdet finns inte."))?;
    let responsible = candidates(
        db,
        &PersonFilter {
            organisation_id: Some(organisation.id),
            area_id: Some(area.id),
            ..Default::default()
        },
        Order::OrganisationThenName,
    )
    .await?;
    let contacts: Vec<Candidate> = candidates(
        db,
        &PersonFilter {
            organisation_id: Some(organisation.id),
            role: Some(PersonRole::Kontaktperson),
            ..Default::default()
        },
        Order::OrganisationThenName,
    )
    .await?
    .into_iter()
    .filter(|c| !responsible.iter().any(|r| r.id == c.id))
    .collect();
    let ids = |v: &[Candidate]| v.iter().map(|c| c.id).collect::<Vec<_>>();
    Ok(WhoHandles {
        responsible: load_many(db, &ids(&responsible)).await?,
        contacts: load_many(db, &ids(&contacts)).await?,
        area,
        organisation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i64, org: &str, name: &str, v: Option<i64>) -> Candidate {
        Candidate {
            id,
            organisation: org.into(),
            name: name.into(),
            verified_at: v,
        }
    }

    #[test]
    fn roles_are_read_as_people_write_them() {
        assert_eq!(
            PersonRole::parse("Styrgruppen"),
            Some(PersonRole::Styrgrupp)
        );
        assert_eq!(
            PersonRole::parse("nätverkssamordnare"),
            Some(PersonRole::Samordnare)
        );
        assert_eq!(
            PersonRole::parse(" KONTAKTPERSON "),
            Some(PersonRole::Kontaktperson)
        );
        assert_eq!(PersonRole::parse("ordförande"), None);
    }

    #[test]
    fn lists_sort_by_organisation_then_name_in_swedish_order() {
        let mut v = [
            c(1, "Värnamo kommun", "Erik", None),
            c(2, "Vetlanda kommun", "Öberg", None),
            c(3, "Vetlanda kommun", "Adam", None),
            c(4, "Aneby kommun", "Zack", None),
        ];
        v.sort_by(|a, b| Order::OrganisationThenName.cmp(a, b));
        assert_eq!(v.iter().map(|c| c.id).collect::<Vec<_>>(), vec![4, 3, 2, 1]);
        v.sort_by(|a, b| Order::OldestVerificationFirst.cmp(a, b));
        assert_eq!(v[0].id, 4);
        let mut w = [
            c(1, "A", "a", Some(5)),
            c(2, "A", "b", None),
            c(3, "A", "c", Some(1)),
        ];
        w.sort_by(|a, b| Order::OldestVerificationFirst.cmp(a, b));
        assert_eq!(w.iter().map(|c| c.id).collect::<Vec<_>>(), vec![2, 3, 1]);
    }
}
