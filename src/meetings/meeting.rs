//! Meetings: the row, who may see and change them, and reading them (one, a page, the
//! upcoming ones). Writing (create, update, cancel, link minutes) is in `planning`, field
//! validation in `fields`.
//!
//! A meeting belongs to a network or to the whole collaboration (no network). Network
//! moderators and admins create and edit a network's meetings; only admins those of the whole
//! collaboration. Members-only networks' meetings are visible to their members and admins only.

use std::collections::HashMap;

use sqlx::{any::AnyRow, Row};

use crate::{
    accounts::{users::User, Access, Role},
    db::{now_ms, sql::Sql, Db, WriteTx},
    error::{AppError, AppResult},
};

/// Where a participant stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum RegistrationStatus {
    /// Anmäld: has a place.
    Registered,
    /// På väntelistan.
    Waiting,
}

impl RegistrationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationStatus::Registered => "registered",
            RegistrationStatus::Waiting => "waiting",
        }
    }
    pub fn parse(s: &str) -> RegistrationStatus {
        if s == "waiting" {
            RegistrationStatus::Waiting
        } else {
            RegistrationStatus::Registered
        }
    }
    /// The Swedish word, for lists and exports.
    pub fn label(self) -> &'static str {
        match self {
            RegistrationStatus::Registered => "Anmäld",
            RegistrationStatus::Waiting => "Väntelista",
        }
    }
}

/// A meeting as the API shows it, with the caller's own registration.
#[derive(Debug, Clone)]
pub struct Meeting {
    pub id: i64,
    pub network_id: Option<i64>,
    pub network_slug: Option<String>,
    pub network_name: Option<String>,
    pub members_only: bool,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: Option<String>,
    pub online_link: Option<String>,
    pub organiser: Option<User>,
    pub registration_deadline: Option<i64>,
    pub max_participants: Option<i64>,
    pub cancelled: bool,
    pub sequence: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub registered_count: i64,
    pub waiting_count: i64,
    /// The caller's registration and, on the waiting list, their place in it (1 = next).
    pub mine: Option<(RegistrationStatus, Option<i64>)>,
    /// Linked handläggarstöd documents (minutes, presentations).
    pub document_ids: Vec<i64>,
}

impl Meeting {
    /// Registration is open until the deadline, or until the meeting starts when it has none.
    pub fn registration_open(&self, now: i64) -> bool {
        !self.cancelled && now <= self.registration_deadline.unwrap_or(self.starts_at)
    }

    pub fn is_full(&self) -> bool {
        self.max_participants
            .is_some_and(|max| self.registered_count >= max)
    }

    pub fn organiser_id(&self) -> Option<i64> {
        self.organiser.as_ref().map(|u| u.id)
    }
}

const SELECT: &str = "SELECT m.id, m.network_id, n.slug AS network_slug, n.name AS network_name,
        n.members_only, m.title, m.description, m.starts_at, m.ends_at, m.place, m.online_link,
        m.registration_deadline, m.max_participants, m.cancelled, m.sequence, m.created_at,
        m.updated_at,
        ou.id AS o_id, ou.email AS o_email, ou.display_name AS o_name,
        ou.organisation_id AS o_org, ou.role AS o_role, ou.active AS o_active,
        ou.created_at AS o_created, ou.erased_at AS o_erased,
        (SELECT COUNT(*) FROM meeting_registrations r
          WHERE r.meeting_id = m.id AND r.status = 'registered') AS registered_count,
        (SELECT COUNT(*) FROM meeting_registrations r
          WHERE r.meeting_id = m.id AND r.status = 'waiting') AS waiting_count
    FROM meetings m
    LEFT JOIN networks n ON n.id = m.network_id
    LEFT JOIN users ou ON ou.id = m.organiser_id";

fn from_row(r: &AnyRow) -> AppResult<Meeting> {
    let organiser = match r.try_get::<Option<i64>, _>("o_id")? {
        Some(id) => Some(User {
            id,
            email: r.try_get("o_email")?,
            display_name: r.try_get("o_name")?,
            organisation_id: r.try_get("o_org")?,
            role: Role::parse(&r.try_get::<String, _>("o_role")?)?,
            active: r.try_get::<i64, _>("o_active")? != 0,
            created_at: r.try_get("o_created")?,
            erased: r.try_get::<Option<i64>, _>("o_erased")?.is_some(),
        }),
        None => None,
    };
    Ok(Meeting {
        id: r.try_get("id")?,
        network_id: r.try_get("network_id")?,
        network_slug: r.try_get("network_slug")?,
        network_name: r.try_get("network_name")?,
        members_only: r.try_get::<Option<i64>, _>("members_only")?.unwrap_or(0) != 0,
        title: r.try_get("title")?,
        description: r.try_get("description")?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        place: r.try_get("place")?,
        online_link: r.try_get("online_link")?,
        organiser,
        registration_deadline: r.try_get("registration_deadline")?,
        max_participants: r.try_get("max_participants")?,
        cancelled: r.try_get::<i64, _>("cancelled")? != 0,
        sequence: r.try_get("sequence")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        registered_count: r.try_get("registered_count")?,
        waiting_count: r.try_get("waiting_count")?,
        mine: None,
        document_ids: Vec::new(),
    })
}

// ---------------------------------------------------------------------------------------
// Permissions

/// May the caller see the meeting at all?
pub fn can_read(access: &Access, m: &Meeting) -> bool {
    match m.network_id {
        None => access.principal.is_some(),
        Some(n) => access.can_read_network(n, m.members_only),
    }
}

/// May the caller change or cancel it? Network moderators and admins; the whole
/// collaboration's meetings: admins.
pub fn can_edit(access: &Access, m: &Meeting) -> bool {
    can_create_in(access, m.network_id)
}

pub(super) fn can_create_in(access: &Access, network_id: Option<i64>) -> bool {
    match network_id {
        None => access.is_admin(),
        Some(n) => access.can_moderate(n),
    }
}

/// May the caller see and export the participants? Whoever may edit, and the organiser.
pub fn can_manage_participants(access: &Access, m: &Meeting) -> bool {
    can_edit(access, m)
        || matches!((&access.principal, m.organiser_id()), (Some(p), Some(o)) if p.user_id == o)
}

/// SQL condition: the caller may read meeting `m` (joined with network `n`).
fn visible_condition(sql: &mut Sql, access: &Access) -> AppResult<String> {
    let me = access.user()?;
    if access.is_admin() {
        return Ok("1 = 1".into());
    }
    let uid = sql.arg(me.user_id);
    Ok(format!(
        "(m.network_id IS NULL OR n.members_only = 0 OR EXISTS (
            SELECT 1 FROM network_members vm WHERE vm.network_id = m.network_id AND vm.user_id = {uid}))"
    ))
}

// ---------------------------------------------------------------------------------------
// Reading

/// One meeting without any permission check (internal use).
pub(crate) async fn get_unchecked(db: &Db, id: i64) -> AppResult<Option<Meeting>> {
    let row = sqlx::query(&format!("{SELECT} WHERE m.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// The same, inside a write transaction.
pub(crate) async fn get_in_tx(tx: &mut WriteTx, id: i64) -> AppResult<Option<Meeting>> {
    let row = sqlx::query(&format!("{SELECT} WHERE m.id = $1"))
        .bind(id)
        .fetch_optional(&mut ***tx)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// One meeting the caller may read, with their registration; None otherwise.
pub async fn get(db: &Db, access: &Access, id: i64) -> AppResult<Option<Meeting>> {
    access.user()?;
    let Some(m) = get_unchecked(db, id).await? else {
        return Ok(None);
    };
    if !can_read(access, &m) {
        return Ok(None);
    }
    let mut list = vec![m];
    enrich(db, access, &mut list).await?;
    Ok(list.pop())
}

/// One meeting the caller may read, or NOT_FOUND.
pub async fn require(db: &Db, access: &Access, id: i64) -> AppResult<Meeting> {
    get(db, access, id)
        .await?
        .ok_or_else(|| AppError::not_found("Träffen"))
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct MeetingFilter {
    pub network_id: Option<i64>,
    pub network_slug: Option<String>,
    /// Only meetings of the whole collaboration.
    pub collaboration_only: bool,
    /// Meetings that end at or after this moment (UTC ms).
    pub from: Option<i64>,
    /// Meetings that start before this moment (UTC ms).
    pub to: Option<i64>,
    pub include_cancelled: bool,
    /// Only meetings the caller is registered for or waiting for.
    pub mine_only: bool,
    /// The caller's own calendar: the whole collaboration's meetings, those of networks
    /// they belong to, and those they registered for.
    pub my_calendar: bool,
}

/// A page of meetings the caller may read, by start time; returns (page, has_next).
/// `after` is the (starts_at, id) of the last meeting of the previous page.
pub async fn list(
    db: &Db,
    access: &Access,
    filter: &MeetingFilter,
    first: i64,
    after: Option<(i64, i64)>,
) -> AppResult<(Vec<Meeting>, bool)> {
    let me = access.user()?;
    let mut sql = Sql::new(SELECT);
    let visible = visible_condition(&mut sql, access)?;
    sql.push(&format!(" WHERE {visible}"));
    if let Some(n) = filter.network_id {
        let p = sql.arg(n);
        sql.push(&format!(" AND m.network_id = {p}"));
    }
    if let Some(slug) = &filter.network_slug {
        let p = sql.arg(slug.as_str());
        sql.push(&format!(" AND n.slug = {p}"));
    }
    if filter.collaboration_only {
        sql.push(" AND m.network_id IS NULL");
    }
    if let Some(from) = filter.from {
        let p = sql.arg(from);
        sql.push(&format!(" AND m.ends_at >= {p}"));
    }
    if let Some(to) = filter.to {
        let p = sql.arg(to);
        sql.push(&format!(" AND m.starts_at < {p}"));
    }
    if !filter.include_cancelled {
        sql.push(" AND m.cancelled = 0");
    }
    if filter.mine_only {
        let p = sql.arg(me.user_id);
        sql.push(&format!(
            " AND EXISTS (SELECT 1 FROM meeting_registrations mr WHERE mr.meeting_id = m.id AND mr.user_id = {p})"
        ));
    }
    if filter.my_calendar {
        let p = sql.arg(me.user_id);
        sql.push(&format!(
            " AND (m.network_id IS NULL
                OR EXISTS (SELECT 1 FROM network_members cm WHERE cm.network_id = m.network_id AND cm.user_id = {p})
                OR EXISTS (SELECT 1 FROM meeting_registrations cr WHERE cr.meeting_id = m.id AND cr.user_id = {p}))"
        ));
    }
    if let Some((starts, id)) = after {
        let s = sql.arg(starts);
        let i = sql.arg(id);
        sql.push(&format!(
            " AND (m.starts_at > {s} OR (m.starts_at = {s} AND m.id > {i}))"
        ));
    }
    let limit = sql.arg(first + 1);
    sql.push(&format!(" ORDER BY m.starts_at, m.id LIMIT {limit}"));
    let rows = sql.query().fetch_all(&db.pool).await?;
    let mut page = rows.iter().map(from_row).collect::<AppResult<Vec<_>>>()?;
    let has_next = page.len() as i64 > first;
    page.truncate(first as usize);
    enrich(db, access, &mut page).await?;
    Ok((page, has_next))
}

/// The next meetings the caller may read that are not cancelled ("nytt sedan sist").
pub async fn upcoming(db: &Db, access: &Access, first: i64) -> AppResult<Vec<Meeting>> {
    let filter = MeetingFilter {
        from: Some(now_ms()),
        include_cancelled: false,
        ..MeetingFilter::default()
    };
    Ok(list(db, access, &filter, first, None).await?.0)
}

/// Adds the caller's registrations and the linked documents to a page: two queries.
async fn enrich(db: &Db, access: &Access, page: &mut [Meeting]) -> AppResult<()> {
    if page.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = page.iter().map(|m| m.id).collect();
    let me = access.user()?.user_id;

    let mut sql = Sql::new("");
    let uid = sql.arg(me);
    let list = sql.args(&ids);
    sql.push(&format!(
        "SELECT r.meeting_id, r.status,
            (SELECT COUNT(*) FROM meeting_registrations w
              WHERE w.meeting_id = r.meeting_id AND w.status = 'waiting' AND w.id <= r.id)
         FROM meeting_registrations r WHERE r.user_id = {uid} AND r.meeting_id IN ({list})"
    ));
    let mut mine: HashMap<i64, (RegistrationStatus, Option<i64>)> = HashMap::new();
    for r in sql.query().fetch_all(&db.pool).await? {
        let status = RegistrationStatus::parse(&r.try_get::<String, _>(1)?);
        let position: i64 = r.try_get(2)?;
        mine.insert(
            r.try_get(0)?,
            (
                status,
                (status == RegistrationStatus::Waiting).then_some(position),
            ),
        );
    }

    let mut sql = Sql::new("");
    let list = sql.args(&ids);
    sql.push(&format!(
        "SELECT meeting_id, document_id FROM meeting_documents WHERE meeting_id IN ({list})
         ORDER BY linked_at, document_id"
    ));
    let mut docs: HashMap<i64, Vec<i64>> = HashMap::new();
    for r in sql.query().fetch_all(&db.pool).await? {
        docs.entry(r.try_get(0)?).or_default().push(r.try_get(1)?);
    }
    for m in page.iter_mut() {
        m.mine = mine.remove(&m.id);
        m.document_ids = docs.remove(&m.id).unwrap_or_default();
    }
    Ok(())
}

/// The network's members-only flag, or NOT_FOUND when it does not exist or the caller may
/// not read it.
pub(super) async fn network_visibility(
    db: &Db,
    access: &Access,
    network_id: i64,
) -> AppResult<bool> {
    let row = sqlx::query("SELECT members_only FROM networks WHERE id = $1")
        .bind(network_id)
        .fetch_optional(&db.pool)
        .await?;
    let Some(r) = row else {
        return Err(AppError::not_found("Nätverket"));
    };
    let members_only = r.try_get::<i64, _>(0)? != 0;
    if !access.can_read_network(network_id, members_only) {
        return Err(AppError::not_found("Nätverket"));
    }
    Ok(members_only)
}
