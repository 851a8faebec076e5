//! GraphQL for the phone book: people, units, organisations, who handles what, the
//! verification list, the audit trail and CSV import. Resolvers parse, call
//! `crate::directory`, and map; a page of people loads with a bounded number of queries
//! (people, their areas and roles, and the users they link to).

mod import;
mod mutation;

use std::{collections::HashMap, sync::Arc};

use async_graphql::{
    connection::{Connection, Edge},
    Context, InputObject, Json, Object, Result, SimpleObject, ID,
};
use chrono::{DateTime, Utc};

use crate::{
    accounts::users::{self, User},
    db::Db,
    directory::{
        audit::{self, AuditEntity, AuditEntry, AuditFilter},
        edit,
        organisations::{self, OrgRef},
        people::{self, FilterArgs, Order, Person, PersonRole},
        phone::PhoneNumber,
        units::{self, Unit, UnitKind},
    },
    error::{AppError, AppResult},
    graphql::{
        accounts::{ts, OrganisationObj, UserObj},
        ids, page_size, parts,
    },
};

pub use import::ImportReportObj;
pub use mutation::DirectoryMutation;

/// An organisation named by global id, or by slug or name ("eksjo", "Eksjö kommun").
pub fn org_ref(id: &ID) -> OrgRef {
    match ids::decode(id, "Organisation") {
        Ok(n) => OrgRef::Id(n),
        Err(_) => OrgRef::Text(id.to_string()),
    }
}

/// Decodes a global id of `kind`, blaming `field` when it is not one.
pub fn decode_field(id: &ID, kind: &str, field: &str) -> AppResult<i64> {
    ids::decode(id, kind).map_err(|_| AppError::bad_input(field, "Ogiltigt id."))
}

/// Users by id, in one query.
pub async fn users_by_id(db: &Db, ids: &[i64]) -> AppResult<HashMap<i64, User>> {
    let mut ids: Vec<i64> = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(users::by_ids(db, &ids)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

/// Wraps loaded people with the users they refer to (linked account, verifier).
pub async fn person_objs(db: &Db, people: Vec<Person>) -> AppResult<Vec<PersonObj>> {
    let ids: Vec<i64> = people
        .iter()
        .flat_map(|p| [p.user_id, p.verified_by])
        .flatten()
        .collect();
    let users = Arc::new(users_by_id(db, &ids).await?);
    Ok(people
        .into_iter()
        .map(|p| PersonObj {
            p: Arc::new(p),
            users: users.clone(),
        })
        .collect())
}

/// A telephone number: stored in E.164, shown the Swedish way.
#[derive(SimpleObject, Clone)]
#[graphql(name = "PhoneNumber")]
pub struct PhoneObj {
    /// "+4636105231"
    pub e164: String,
    /// "036-10 52 31"
    pub display: String,
    /// "tel:+4636105231"
    pub uri: String,
}

impl From<&PhoneNumber> for PhoneObj {
    fn from(n: &PhoneNumber) -> Self {
        PhoneObj {
            e164: n.e164(),
            display: n.display(),
            uri: format!("tel:{}", n.e164()),
        }
    }
}

#[derive(Clone)]
pub struct UnitObj(pub Unit);

#[Object(name = "Unit")]
impl UnitObj {
    pub async fn id(&self) -> ID {
        ids::encode("Unit", self.0.id)
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// förvaltning, enhet or avdelning.
    async fn kind(&self) -> UnitKind {
        self.0.kind
    }
    async fn organisation(&self, ctx: &Context<'_>) -> Result<Option<OrganisationObj>> {
        let (state, _) = parts(ctx);
        Ok(organisations::get(&state.db, self.0.organisation_id)
            .await?
            .map(OrganisationObj))
    }
}

/// A person in the phone book.
#[derive(Clone)]
pub struct PersonObj {
    pub p: Arc<Person>,
    users: Arc<HashMap<i64, User>>,
}

#[Object(name = "Person")]
impl PersonObj {
    pub async fn id(&self) -> ID {
        ids::encode("Person", self.p.id)
    }
    async fn name(&self) -> &str {
        &self.p.name
    }
    /// Befattning.
    async fn title(&self) -> &str {
        &self.p.title
    }
    async fn organisation(&self) -> OrganisationObj {
        OrganisationObj(self.p.organisation.clone())
    }
    /// Förvaltning, enhet or avdelning.
    async fn unit(&self) -> Option<UnitObj> {
        self.p.unit.clone().map(UnitObj)
    }
    async fn direct_phone(&self) -> Option<PhoneObj> {
        self.p.direct_phone.as_ref().map(Into::into)
    }
    async fn mobile_phone(&self) -> Option<PhoneObj> {
        self.p.mobile_phone.as_ref().map(Into::into)
    }
    async fn email(&self) -> Option<&str> {
        self.p.email.as_deref()
    }
    /// Ansvarsområden: tillsynsområden (tag names), alphabetical.
    async fn areas(&self) -> Vec<String> {
        self.p.area_names()
    }
    /// Roles in the collaboration.
    async fn roles(&self) -> Vec<PersonRole> {
        self.p.roles.clone()
    }
    /// The user account linked to this entry.
    async fn user(&self) -> Option<UserObj> {
        self.p
            .user_id
            .and_then(|id| self.users.get(&id))
            .cloned()
            .map(UserObj)
    }
    /// Senast kontrollerad.
    async fn last_verified_at(&self) -> Option<DateTime<Utc>> {
        self.p.verified_at.map(ts)
    }
    async fn last_verified_by(&self) -> Option<UserObj> {
        self.p
            .verified_by
            .and_then(|id| self.users.get(&id))
            .cloned()
            .map(UserObj)
    }
    /// True when not verified for SAMSYN_VERIFY_MONTHS months.
    async fn verification_due(&self, ctx: &Context<'_>) -> bool {
        let (state, _) = parts(ctx);
        let cutoff = edit::verification_cutoff(state.config.verify_months);
        self.p.verified_at.is_none_or(|t| t < cutoff)
    }
    /// May the caller edit the whole entry (admins, the organisation's managers)?
    async fn can_edit(&self, ctx: &Context<'_>) -> bool {
        edit::can_edit(parts(ctx).1, &self.p)
    }
    /// May the caller change the phone numbers (also the person linked to the entry)?
    async fn can_edit_phones(&self, ctx: &Context<'_>) -> bool {
        edit::can_edit_phones(parts(ctx).1, &self.p)
    }
    async fn created_at(&self) -> DateTime<Utc> {
        ts(self.p.created_at)
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        ts(self.p.updated_at)
    }
}

/// Extra fields of a people connection.
#[derive(SimpleObject)]
pub struct PersonListInfo {
    /// How many people match the filter in all.
    pub total_count: i32,
}

pub type PersonConnection = Connection<String, PersonObj, PersonListInfo>;

async fn person_connection(
    db: &Db,
    all: Vec<people::Candidate>,
    order: Order,
    first: Option<i32>,
    after: Option<String>,
) -> Result<PersonConnection> {
    let first = page_size(first)? as usize;
    let after = match after {
        Some(c) => Some(ids::parse_cursor(&c)?),
        None => None,
    };
    let page = people::page(db, all, order, after.as_deref(), first).await?;
    let mut conn = Connection::with_additional_fields(
        page.has_previous,
        page.has_next,
        PersonListInfo {
            total_count: page.total as i32,
        },
    );
    let objs = person_objs(db, page.people).await?;
    for (obj, cursor) in objs.into_iter().zip(page.cursors) {
        conn.edges.push(Edge::new(ids::cursor(&cursor), obj));
    }
    Ok(conn)
}

/// Which people to list.
#[derive(InputObject, Default)]
pub struct PersonFilterInput {
    /// Organisation id, slug or name.
    pub organisation: Option<ID>,
    pub unit: Option<ID>,
    /// Tillsynsområde: name, slug or synonym ("Små avlopp", "enskilda avlopp").
    pub area: Option<String>,
    pub role: Option<PersonRole>,
    /// Free text over name, title, unit and areas; case and diacritics do not matter.
    pub text: Option<String>,
}

impl PersonFilterInput {
    pub fn to_args(&self) -> AppResult<FilterArgs> {
        Ok(FilterArgs {
            organisation: self.organisation.as_ref().map(org_ref),
            unit_id: match &self.unit {
                Some(u) => Some(decode_field(u, "Unit", "unit")?),
                None => None,
            },
            area: self.area.clone(),
            role: self.role,
            text: self.text.clone(),
        })
    }
}

/// "Vem handlägger X i Y".
pub struct WhoHandlesObj(people::WhoHandles, Vec<PersonObj>, Vec<PersonObj>);

#[Object(name = "WhoHandles")]
impl WhoHandlesObj {
    /// The tillsynsområde asked about (its canonical name).
    async fn area(&self) -> &str {
        &self.0.area.name
    }
    async fn organisation(&self) -> OrganisationObj {
        OrganisationObj(self.0.organisation.clone())
    }
    /// The people of the organisation responsible for the area, by name.
    async fn responsible(&self) -> &[PersonObj] {
        &self.1
    }
    /// The organisation's kontaktpersoner, to ask when nobody (else) is responsible.
    async fn contacts(&self) -> &[PersonObj] {
        &self.2
    }
    /// Responsible people first, then the contacts: whom to call, in order.
    async fn people(&self) -> Vec<PersonObj> {
        self.1.iter().chain(self.2.iter()).cloned().collect()
    }
}

/// One row of the audit trail.
pub struct AuditEntryObj {
    e: AuditEntry,
    users: Arc<HashMap<i64, User>>,
    orgs: Arc<HashMap<i64, organisations::Organisation>>,
}

#[Object(name = "AuditEntry")]
impl AuditEntryObj {
    async fn id(&self) -> ID {
        ids::encode("AuditEntry", self.e.id)
    }
    /// create | update | delete | verify | import | erase
    async fn action(&self) -> &str {
        &self.e.action
    }
    async fn entity(&self) -> Option<AuditEntity> {
        AuditEntity::parse(&self.e.entity)
    }
    /// The global id of the entity changed.
    async fn entity_id(&self) -> Option<ID> {
        let kind = match AuditEntity::parse(&self.e.entity)? {
            AuditEntity::Person => "Person",
            AuditEntity::Organisation => "Organisation",
            AuditEntity::Unit => "Unit",
            AuditEntity::User => "User",
        };
        self.e.entity_id.map(|id| ids::encode(kind, id))
    }
    /// Who made the change (null for the command line).
    async fn actor(&self) -> Option<UserObj> {
        self.e
            .actor_id
            .and_then(|id| self.users.get(&id))
            .cloned()
            .map(UserObj)
    }
    async fn organisation(&self) -> Option<OrganisationObj> {
        self.e
            .organisation_id
            .and_then(|id| self.orgs.get(&id))
            .cloned()
            .map(OrganisationObj)
    }
    /// The entity before the change (null when it was created).
    async fn before(&self) -> Option<Json<serde_json::Value>> {
        self.e.before.clone().map(Json)
    }
    /// The entity after the change (null when it was removed).
    async fn after(&self) -> Option<Json<serde_json::Value>> {
        self.e.after.clone().map(Json)
    }
    async fn at(&self) -> DateTime<Utc> {
        ts(self.e.at)
    }
}

/// Which audit rows to list.
#[derive(InputObject, Default)]
pub struct AuditLogFilter {
    /// Organisation id, slug or name. Managers always see their own organisation only.
    pub organisation: Option<ID>,
    pub entity: Option<AuditEntity>,
    /// Rows about one person.
    pub person: Option<ID>,
    /// Rows of changes one user made (a `User` id).
    pub actor: Option<ID>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

#[derive(Default)]
pub struct DirectoryQuery;

#[Object]
impl DirectoryQuery {
    /// The phone book, sorted by organisation then name (Swedish order). Everyone signed in.
    #[graphql(complexity = "crate::graphql::page_cost(first, child_complexity)")]
    async fn people(
        &self,
        ctx: &Context<'_>,
        filter: Option<PersonFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<PersonConnection> {
        let (state, access) = parts(ctx);
        access.user()?;
        let args = filter.unwrap_or_default().to_args()?;
        let f = people::resolve_filter(&state.db, &args).await?;
        let all = people::candidates(&state.db, &f, Order::OrganisationThenName).await?;
        person_connection(&state.db, all, Order::OrganisationThenName, first, after).await
    }

    /// One person, or null.
    async fn person(&self, ctx: &Context<'_>, id: ID) -> Result<Option<PersonObj>> {
        let (state, access) = parts(ctx);
        access.user()?;
        let id = ids::decode(&id, "Person")?;
        let found = people::get(&state.db, id).await?;
        Ok(person_objs(&state.db, found.into_iter().collect())
            .await?
            .pop())
    }

    /// "Vem handlägger X i Y": the organisation's people responsible for the area first,
    /// then its kontaktpersoner. `area` is a tag name, slug or synonym; `organisation` an
    /// id, slug or name.
    async fn who_handles(
        &self,
        ctx: &Context<'_>,
        area: String,
        organisation: ID,
    ) -> Result<WhoHandlesObj> {
        let (state, access) = parts(ctx);
        access.user()?;
        let w = people::who_handles(&state.db, &area, &org_ref(&organisation)).await?;
        let responsible = person_objs(&state.db, w.responsible.clone()).await?;
        let contacts = person_objs(&state.db, w.contacts.clone()).await?;
        Ok(WhoHandlesObj(w, responsible, contacts))
    }

    /// Entries not verified for SAMSYN_VERIFY_MONTHS months (never verified first): the
    /// manager's own organisation, or all for admins.
    #[graphql(complexity = "crate::graphql::page_cost(first, child_complexity)")]
    async fn people_due_for_verification(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<PersonConnection> {
        let (state, access) = parts(ctx);
        let f = edit::due_filter(access, state.config.verify_months)?;
        let all = people::candidates(&state.db, &f, Order::OldestVerificationFirst).await?;
        person_connection(&state.db, all, Order::OldestVerificationFirst, first, after).await
    }

    /// The units of an organisation (id, slug or name).
    async fn units(&self, ctx: &Context<'_>, organisation: ID) -> Result<Vec<UnitObj>> {
        let (state, access) = parts(ctx);
        access.user()?;
        let org =
            organisations::resolve(&state.db, &org_ref(&organisation), "organisation").await?;
        Ok(units::list(&state.db, Some(org.id))
            .await?
            .into_iter()
            .map(UnitObj)
            .collect())
    }

    /// One organisation by id, slug or name, or null.
    async fn organisation(&self, ctx: &Context<'_>, id: ID) -> Result<Option<OrganisationObj>> {
        let (state, access) = parts(ctx);
        access.user()?;
        Ok(
            match organisations::resolve(&state.db, &org_ref(&id), "id").await {
                Ok(o) => Some(OrganisationObj(o)),
                Err(AppError::BadInput { .. }) => None,
                Err(e) => return Err(e.into()),
            },
        )
    }

    /// The audit trail of the phone book, newest first: all rows for admins, the
    /// organisation's rows for its managers.
    #[graphql(complexity = "crate::graphql::page_cost(first, child_complexity)")]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        filter: Option<AuditLogFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, AuditEntryObj>> {
        let (state, access) = parts(ctx);
        access.user()?;
        let filter = filter.unwrap_or_default();
        let organisation_id = match &filter.organisation {
            Some(o) => Some(
                organisations::resolve(&state.db, &org_ref(o), "organisation")
                    .await?
                    .id,
            ),
            None => None,
        };
        let (entity, entity_id) = match &filter.person {
            Some(p) => (
                Some(AuditEntity::Person),
                Some(decode_field(p, "Person", "person")?),
            ),
            None => (filter.entity, None),
        };
        let before_id = match after {
            Some(c) => Some(
                ids::parse_cursor(&c)?
                    .parse::<i64>()
                    .map_err(|_| AppError::bad_input("after", "Ogiltig markör."))?,
            ),
            None => None,
        };
        let limit = page_size(first)?;
        let (entries, more) = audit::list(
            &state.db,
            access,
            AuditFilter {
                organisation_id,
                entity,
                entity_id,
                actor_id: match &filter.actor {
                    Some(a) => Some(decode_field(a, "User", "actor")?),
                    None => None,
                },
                from_ms: filter.from.map(|d| d.timestamp_millis()),
                to_ms: filter.to.map(|d| d.timestamp_millis()),
            },
            before_id,
            limit,
        )
        .await?;
        let actor_ids: Vec<i64> = entries.iter().filter_map(|e| e.actor_id).collect();
        let users = Arc::new(users_by_id(&state.db, &actor_ids).await?);
        let orgs = Arc::new(
            organisations::list(&state.db)
                .await?
                .into_iter()
                .map(|o| (o.id, o))
                .collect::<HashMap<_, _>>(),
        );
        let mut conn = Connection::new(before_id.is_some(), more);
        for e in entries {
            let cursor = ids::cursor(&e.id.to_string());
            conn.edges.push(Edge::new(
                cursor,
                AuditEntryObj {
                    e,
                    users: users.clone(),
                    orgs: orgs.clone(),
                },
            ));
        }
        Ok(conn)
    }
}
