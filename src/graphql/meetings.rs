//! GraphQL for meetings (träffar): the calendar, registration and waiting list, participant
//! lists, links to minutes, calendar feed addresses and the caller's meeting notices.
//!
//! Long because it is the whole meetings API surface (types, queries, mutations); the rules
//! it calls live in `crate::meetings`.

use async_graphql::{
    connection::{Connection, Edge},
    Context, InputObject, MaybeUndefined, Object, Result, SimpleObject, ID,
};
use chrono::{DateTime, Utc};

use crate::{
    error::AppError,
    forum::markdown,
    graphql::{
        accounts::{ts, UserObj},
        ids, page_size, parts,
    },
    meetings::{
        feeds,
        fields::{MeetingInput, MeetingPatch, Patch},
        meeting::{self, Meeting, MeetingFilter, RegistrationStatus},
        notify, planning,
        registration::{self, Participant},
        time,
    },
};

/// The global id of a network ("Network:<id>").
pub fn network_gid(id: i64) -> ID {
    ids::encode("Network", id)
}

fn decode_network(id: &Option<ID>) -> Result<Option<i64>> {
    Ok(match id {
        Some(id) => Some(ids::decode(id, "Network")?),
        None => None,
    })
}

fn meeting_id(id: &ID) -> Result<i64> {
    Ok(ids::decode(id, "Meeting")?)
}

fn small(n: i64) -> i32 {
    n.clamp(0, i32::MAX as i64) as i32
}

/// A meeting. Times are stored in UTC (`startsAt`) and entered and shown in Swedish local
/// time (`startsAtLocal`, Europe/Stockholm).
pub struct MeetingObj(pub Box<Meeting>);

#[Object(name = "Meeting")]
impl MeetingObj {
    pub async fn id(&self) -> ID {
        ids::encode("Meeting", self.0.id)
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// The description as Markdown, as written.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// The description rendered to safe HTML.
    async fn description_html(&self) -> String {
        markdown::render(&self.0.description)
    }
    /// The network it belongs to; null for a meeting of the whole collaboration.
    async fn network_id(&self) -> Option<ID> {
        self.0.network_id.map(network_gid)
    }
    async fn network_slug(&self) -> Option<&str> {
        self.0.network_slug.as_deref()
    }
    async fn network_name(&self) -> Option<&str> {
        self.0.network_name.as_deref()
    }
    async fn starts_at(&self) -> DateTime<Utc> {
        ts(self.0.starts_at)
    }
    async fn ends_at(&self) -> DateTime<Utc> {
        ts(self.0.ends_at)
    }
    /// Start in Swedish local time, "2026-04-23T08:30".
    async fn starts_at_local(&self) -> String {
        time::local_string(self.0.starts_at)
    }
    /// End in Swedish local time.
    async fn ends_at_local(&self) -> String {
        time::local_string(self.0.ends_at)
    }
    /// "Europe/Stockholm": the zone of the local times.
    async fn time_zone(&self) -> &str {
        time::TZ_NAME
    }
    async fn place(&self) -> Option<&str> {
        self.0.place.as_deref()
    }
    /// Link to the digital meeting.
    async fn online_link(&self) -> Option<&str> {
        self.0.online_link.as_deref()
    }
    async fn organiser(&self) -> Option<UserObj> {
        self.0.organiser.clone().map(UserObj)
    }
    /// Last moment to register or cancel; without one, registration is open until the start.
    async fn registration_deadline(&self) -> Option<DateTime<Utc>> {
        self.0.registration_deadline.map(ts)
    }
    async fn registration_deadline_local(&self) -> Option<String> {
        self.0.registration_deadline.map(time::local_string)
    }
    async fn max_participants(&self) -> Option<i32> {
        self.0.max_participants.map(small)
    }
    async fn cancelled(&self) -> bool {
        self.0.cancelled
    }
    /// Grows with every change (the calendar SEQUENCE).
    async fn sequence(&self) -> i32 {
        small(self.0.sequence)
    }
    async fn registration_open(&self) -> bool {
        self.0.registration_open(crate::db::now_ms())
    }
    async fn registered_count(&self) -> i32 {
        small(self.0.registered_count)
    }
    async fn waiting_count(&self) -> i32 {
        small(self.0.waiting_count)
    }
    /// Free places; null when the number is unlimited.
    async fn places_left(&self) -> Option<i32> {
        self.0
            .max_participants
            .map(|max| small(max - self.0.registered_count))
    }
    /// The caller's registration, or null.
    async fn my_registration(&self) -> Option<RegistrationStatus> {
        self.0.mine.map(|(s, _)| s)
    }
    /// The caller's place in the waiting list (1 = next in line).
    async fn my_waiting_position(&self) -> Option<i32> {
        self.0.mine.and_then(|(_, p)| p).map(small)
    }
    /// May the caller change or cancel the meeting?
    async fn can_edit(&self, ctx: &Context<'_>) -> bool {
        meeting::can_edit(parts(ctx).1, &self.0)
    }
    /// May the caller see and export the participants?
    async fn can_see_participants(&self, ctx: &Context<'_>) -> bool {
        meeting::can_manage_participants(parts(ctx).1, &self.0)
    }
    /// Registered participants, then the waiting list; null unless the caller may see them.
    async fn participants(&self, ctx: &Context<'_>) -> Result<Option<Vec<ParticipantObj>>> {
        let (state, access) = parts(ctx);
        if !meeting::can_manage_participants(access, &self.0) {
            return Ok(None);
        }
        let (_, people) = registration::participants(&state.db, access, self.0.id).await?;
        Ok(Some(people.into_iter().map(ParticipantObj::from).collect()))
    }
    /// Linked handläggarstöd documents (minutes, presentations), as Document ids.
    async fn document_ids(&self) -> Vec<ID> {
        self.0
            .document_ids
            .iter()
            .map(|d| ids::encode("Document", *d))
            .collect()
    }
    /// Linked handläggarstöd documents (minutes, presentations) the caller may read.
    async fn documents(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Vec<crate::graphql::library_types::DocumentObj>> {
        let (state, access) = parts(ctx);
        let mut docs = Vec::new();
        for id in &self.0.document_ids {
            if let Some(d) = crate::library::documents::get(&state.db, access, *id).await? {
                docs.push(d);
            }
        }
        Ok(crate::library::documents::load_views(&state.db, docs)
            .await?
            .into_iter()
            .map(crate::graphql::library_types::DocumentObj)
            .collect())
    }
    /// Download address of this meeting as an .ics file (signed in).
    async fn ics_url(&self, ctx: &Context<'_>) -> String {
        let (state, _) = parts(ctx);
        format!(
            "{}/meetings/{}.ics",
            state.config.public_url.trim_end_matches('/'),
            ids::encode("Meeting", self.0.id).0
        )
    }
    /// Download address of the participant list (CSV), for those who may see it.
    async fn participants_csv_url(&self, ctx: &Context<'_>) -> Option<String> {
        let (state, access) = parts(ctx);
        meeting::can_manage_participants(access, &self.0).then(|| {
            format!(
                "{}/meetings/{}/participants.csv",
                state.config.public_url.trim_end_matches('/'),
                ids::encode("Meeting", self.0.id).0
            )
        })
    }
    async fn created_at(&self) -> DateTime<Utc> {
        ts(self.0.created_at)
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        ts(self.0.updated_at)
    }
}

/// A participant as the organiser sees them.
#[derive(SimpleObject)]
#[graphql(name = "MeetingParticipant")]
pub struct ParticipantObj {
    pub user_id: ID,
    pub display_name: String,
    pub email: String,
    pub organisation: Option<String>,
    pub status: RegistrationStatus,
    /// Place in the waiting list (1 = next).
    pub waiting_position: Option<i32>,
    pub registered_at: DateTime<Utc>,
}

impl From<Participant> for ParticipantObj {
    fn from(p: Participant) -> Self {
        ParticipantObj {
            user_id: ids::encode("User", p.user_id),
            display_name: p.display_name,
            email: p.email,
            organisation: p.organisation,
            status: p.status,
            waiting_position: p.position.map(small),
            registered_at: ts(p.registered_at),
        }
    }
}

/// An active calendar feed address (its secret is shown only when created).
#[derive(SimpleObject)]
#[graphql(name = "CalendarFeed")]
pub struct CalendarFeedObj {
    pub id: ID,
    /// The network of a network feed; null for the caller's own calendar.
    pub network_id: Option<ID>,
    pub network_slug: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// Something the caller was told about a meeting.
#[derive(SimpleObject)]
#[graphql(name = "MeetingNotice")]
pub struct MeetingNoticeObj {
    pub id: ID,
    pub meeting_id: ID,
    /// updated | cancelled | promoted
    pub kind: String,
    pub message: String,
    pub created_at: DateTime<Utc>,
    /// none | queued | sent | failed
    pub email_status: String,
}

#[derive(InputObject, Default)]
pub struct MeetingFilterInput {
    /// Only this network's meetings.
    pub network_id: Option<ID>,
    /// Only this network's meetings, by slug.
    pub network_slug: Option<String>,
    /// Only meetings of the whole collaboration.
    pub collaboration_only: Option<bool>,
    /// Meetings still going on or later than this moment.
    pub from: Option<DateTime<Utc>>,
    /// Meetings starting before this moment.
    pub to: Option<DateTime<Utc>>,
    /// Shorthand for `from: now`.
    pub upcoming: Option<bool>,
    /// Include cancelled meetings (default true).
    pub include_cancelled: Option<bool>,
    /// Only meetings I am registered for or waiting for.
    pub mine: Option<bool>,
}

fn parse_after(after: Option<String>) -> Result<Option<(i64, i64)>> {
    let Some(c) = after else { return Ok(None) };
    let raw = ids::parse_cursor(&c)?;
    let bad = || AppError::bad_input("after", "Ogiltig markör.");
    let (a, b) = raw.split_once(':').ok_or_else(bad)?;
    Ok(Some((
        a.parse().map_err(|_| bad())?,
        b.parse().map_err(|_| bad())?,
    )))
}

#[derive(Default)]
pub struct MeetingsQuery;

#[Object]
impl MeetingsQuery {
    /// The calendar: meetings the caller may see, by start time.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn meetings(
        &self,
        ctx: &Context<'_>,
        filter: Option<MeetingFilterInput>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, MeetingObj>> {
        let (state, access) = parts(ctx);
        let first = page_size(first)?;
        let f = filter.unwrap_or_default();
        let from = if f.upcoming == Some(true) {
            Some(crate::db::now_ms())
        } else {
            f.from.map(|d| d.timestamp_millis())
        };
        let domain_filter = MeetingFilter {
            network_id: decode_network(&f.network_id)?,
            network_slug: f.network_slug,
            collaboration_only: f.collaboration_only.unwrap_or(false),
            from,
            to: f.to.map(|d| d.timestamp_millis()),
            include_cancelled: f.include_cancelled.unwrap_or(true),
            mine_only: f.mine.unwrap_or(false),
            my_calendar: false,
        };
        let after = parse_after(after)?;
        let (page, has_next) =
            meeting::list(&state.db, access, &domain_filter, first, after).await?;
        let mut conn = Connection::new(after.is_some(), has_next);
        conn.edges.extend(page.into_iter().map(|m| {
            let cursor = ids::cursor(&format!("{}:{}", m.starts_at, m.id));
            Edge::new(cursor, MeetingObj(m.into()))
        }));
        Ok(conn)
    }

    /// One meeting; null when it does not exist or may not be seen.
    async fn meeting(&self, ctx: &Context<'_>, id: ID) -> Result<Option<MeetingObj>> {
        let (state, access) = parts(ctx);
        Ok(meeting::get(&state.db, access, meeting_id(&id)?)
            .await?
            .map(|m| MeetingObj(m.into())))
    }

    /// The next meetings that are not cancelled, for "nytt sedan sist" (default 5).
    #[graphql(complexity = "first.unwrap_or(5).clamp(1, 100) as usize * child_complexity")]
    async fn upcoming_meetings(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
    ) -> Result<Vec<MeetingObj>> {
        let (state, access) = parts(ctx);
        let first = page_size(Some(first.unwrap_or(5)))?;
        Ok(meeting::upcoming(&state.db, access, first)
            .await?
            .into_iter()
            .map(|m| MeetingObj(m.into()))
            .collect())
    }

    /// My active calendar feed addresses (without their secrets).
    async fn calendar_feeds(&self, ctx: &Context<'_>) -> Result<Vec<CalendarFeedObj>> {
        let (state, access) = parts(ctx);
        Ok(feeds::list_tokens(&state.db, access)
            .await?
            .into_iter()
            .map(|t| CalendarFeedObj {
                id: ids::encode("CalendarFeed", t.id),
                network_id: t.network_id.map(network_gid),
                network_slug: t.network_slug,
                created_at: ts(t.created_at),
                last_used_at: t.last_used_at.map(ts),
            })
            .collect())
    }

    /// What I have been told about meetings (changed, cancelled, got a place), newest first.
    #[graphql(complexity = "crate::graphql::page_cost(first, child_complexity)")]
    async fn meeting_notices(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
    ) -> Result<Vec<MeetingNoticeObj>> {
        let (state, access) = parts(ctx);
        let first = page_size(first)?;
        Ok(notify::mine(&state.db, access, first)
            .await?
            .into_iter()
            .map(|n| MeetingNoticeObj {
                id: ids::encode("MeetingNotice", n.id),
                meeting_id: ids::encode("Meeting", n.meeting_id),
                kind: n.kind,
                message: n.message,
                created_at: ts(n.created_at),
                email_status: n.email_status,
            })
            .collect())
    }
}

#[derive(InputObject)]
pub struct CreateMeetingInput {
    /// The network; leave out for a meeting of the whole collaboration (admins).
    pub network_id: Option<ID>,
    pub title: String,
    /// Markdown.
    pub description: Option<String>,
    /// Swedish local time, "2026-04-23T08:30".
    pub starts_at: String,
    /// Swedish local time.
    pub ends_at: String,
    pub place: Option<String>,
    pub online_link: Option<String>,
    /// Defaults to the caller.
    pub organiser_id: Option<ID>,
    /// Swedish local time; without it registration is open until the start.
    pub registration_deadline: Option<String>,
    /// Without it the number of places is unlimited.
    pub max_participants: Option<i32>,
}

#[derive(InputObject)]
pub struct UpdateMeetingInput {
    pub id: ID,
    pub title: Option<String>,
    pub description: Option<String>,
    /// Swedish local time.
    pub starts_at: Option<String>,
    /// Swedish local time.
    pub ends_at: Option<String>,
    /// null clears it.
    pub place: MaybeUndefined<String>,
    /// null clears it.
    pub online_link: MaybeUndefined<String>,
    pub organiser_id: Option<ID>,
    /// Swedish local time; null clears it.
    pub registration_deadline: MaybeUndefined<String>,
    /// null makes the places unlimited.
    pub max_participants: MaybeUndefined<i32>,
}

#[derive(InputObject)]
pub struct MeetingIdInput {
    pub id: ID,
}

#[derive(InputObject)]
pub struct MeetingRegistrationInput {
    pub meeting_id: ID,
}

#[derive(InputObject)]
pub struct LinkMeetingDocumentInput {
    pub meeting_id: ID,
    /// A handläggarstöd document, e.g. the minutes (protokoll).
    pub document_id: ID,
}

#[derive(InputObject)]
pub struct CalendarFeedInput {
    /// A network's calendar; leave out for my own calendar.
    pub network_id: Option<ID>,
}

#[derive(SimpleObject)]
pub struct MeetingPayload {
    pub meeting: MeetingObj,
}

#[derive(SimpleObject)]
pub struct RegistrationPayload {
    pub meeting: MeetingObj,
    /// REGISTERED, or WAITING when the meeting is full.
    pub status: RegistrationStatus,
    /// Place in the waiting list (1 = next).
    pub waiting_position: Option<i32>,
}

#[derive(SimpleObject)]
pub struct CalendarFeedPayload {
    /// The address to subscribe to in Outlook or a phone; shown only now.
    pub url: String,
}

fn patch<T: Clone>(v: &MaybeUndefined<T>) -> Patch<T> {
    match v {
        MaybeUndefined::Undefined => Patch::Keep,
        MaybeUndefined::Null => Patch::Clear,
        MaybeUndefined::Value(x) => Patch::Set(x.clone()),
    }
}

fn user_id(id: &Option<ID>) -> Result<Option<i64>> {
    Ok(match id {
        Some(id) => Some(ids::decode(id, "User")?),
        None => None,
    })
}

#[derive(Default)]
pub struct MeetingsMutation;

#[Object]
impl MeetingsMutation {
    /// Creates a meeting (the network's moderators and admins; the whole collaboration's:
    /// admins).
    async fn create_meeting(
        &self,
        ctx: &Context<'_>,
        input: CreateMeetingInput,
    ) -> Result<MeetingPayload> {
        let (state, access) = parts(ctx);
        let network = decode_network(&input.network_id)?;
        let m = planning::create(
            &state.db,
            access,
            network,
            &MeetingInput {
                title: input.title,
                description: input.description.unwrap_or_default(),
                starts_at: input.starts_at,
                ends_at: input.ends_at,
                place: input.place,
                online_link: input.online_link,
                organiser_id: user_id(&input.organiser_id)?,
                registration_deadline: input.registration_deadline,
                max_participants: input.max_participants.map(i64::from),
            },
        )
        .await?;
        Ok(MeetingPayload {
            meeting: MeetingObj(m.into()),
        })
    }

    /// Changes a meeting; those registered or waiting are told when its name, time, place or
    /// link changed.
    async fn update_meeting(
        &self,
        ctx: &Context<'_>,
        input: UpdateMeetingInput,
    ) -> Result<MeetingPayload> {
        let (state, access) = parts(ctx);
        let id = meeting_id(&input.id)?;
        let p = MeetingPatch {
            title: input.title,
            description: input.description,
            starts_at: input.starts_at,
            ends_at: input.ends_at,
            place: patch(&input.place),
            online_link: patch(&input.online_link),
            organiser_id: user_id(&input.organiser_id)?,
            registration_deadline: patch(&input.registration_deadline),
            max_participants: match patch(&input.max_participants) {
                Patch::Keep => Patch::Keep,
                Patch::Clear => Patch::Clear,
                Patch::Set(n) => Patch::Set(i64::from(n)),
            },
        };
        let m = planning::update(&state.db, &state.mailer, access, id, &p).await?;
        Ok(MeetingPayload {
            meeting: MeetingObj(m.into()),
        })
    }

    /// Cancels a meeting; those registered or waiting are told.
    async fn cancel_meeting(
        &self,
        ctx: &Context<'_>,
        input: MeetingIdInput,
    ) -> Result<MeetingPayload> {
        let (state, access) = parts(ctx);
        let m = planning::cancel(&state.db, &state.mailer, access, meeting_id(&input.id)?).await?;
        Ok(MeetingPayload {
            meeting: MeetingObj(m.into()),
        })
    }

    /// Registers me for a meeting, or puts me on its waiting list when it is full.
    async fn register_for_meeting(
        &self,
        ctx: &Context<'_>,
        input: MeetingRegistrationInput,
    ) -> Result<RegistrationPayload> {
        let (state, access) = parts(ctx);
        let (status, m) =
            registration::register(&state.db, access, meeting_id(&input.meeting_id)?).await?;
        Ok(RegistrationPayload {
            status,
            waiting_position: m.mine.and_then(|(_, p)| p).map(small),
            meeting: MeetingObj(m.into()),
        })
    }

    /// Cancels my registration (before the deadline); the first on the waiting list gets
    /// the place.
    async fn cancel_registration(
        &self,
        ctx: &Context<'_>,
        input: MeetingRegistrationInput,
    ) -> Result<MeetingPayload> {
        let (state, access) = parts(ctx);
        let m = registration::cancel(
            &state.db,
            &state.mailer,
            access,
            meeting_id(&input.meeting_id)?,
        )
        .await?;
        Ok(MeetingPayload {
            meeting: MeetingObj(m.into()),
        })
    }

    /// Links minutes or a presentation (a handläggarstöd document) to the meeting.
    async fn link_meeting_document(
        &self,
        ctx: &Context<'_>,
        input: LinkMeetingDocumentInput,
    ) -> Result<MeetingPayload> {
        let (state, access) = parts(ctx);
        let m = planning::link_document(
            &state.db,
            access,
            meeting_id(&input.meeting_id)?,
            ids::decode(&input.document_id, "Document")?,
        )
        .await?;
        Ok(MeetingPayload {
            meeting: MeetingObj(m.into()),
        })
    }

    /// Removes a document link.
    async fn unlink_meeting_document(
        &self,
        ctx: &Context<'_>,
        input: LinkMeetingDocumentInput,
    ) -> Result<MeetingPayload> {
        let (state, access) = parts(ctx);
        let m = planning::unlink_document(
            &state.db,
            access,
            meeting_id(&input.meeting_id)?,
            ids::decode(&input.document_id, "Document")?,
        )
        .await?;
        Ok(MeetingPayload {
            meeting: MeetingObj(m.into()),
        })
    }

    /// A new secret address for subscribing to my calendar, or a network's, in Outlook or a
    /// phone. Earlier addresses keep working; the address is shown only now.
    async fn calendar_feed_url(
        &self,
        ctx: &Context<'_>,
        input: Option<CalendarFeedInput>,
    ) -> Result<CalendarFeedPayload> {
        let (state, access) = parts(ctx);
        let network = decode_network(&input.and_then(|i| i.network_id))?;
        let url = feeds::create_token(&state.db, access, &state.config.public_url, network, false)
            .await?;
        Ok(CalendarFeedPayload { url })
    }

    /// Stops every earlier address of that calendar and returns a new one.
    async fn reset_calendar_token(
        &self,
        ctx: &Context<'_>,
        input: Option<CalendarFeedInput>,
    ) -> Result<CalendarFeedPayload> {
        let (state, access) = parts(ctx);
        let network = decode_network(&input.and_then(|i| i.network_id))?;
        let url =
            feeds::create_token(&state.db, access, &state.config.public_url, network, true).await?;
        Ok(CalendarFeedPayload { url })
    }
}
