//! The Relay `Node` interface and `node(id)`: every lookup goes through the owning domain's
//! permission check, so a node id never reveals what its list would hide.

use async_graphql::{Context, Interface, Object, Result, ID};

use crate::library::{attachments, documents, projects};

use crate::graphql::{
    accounts::{OrganisationObj, UserObj},
    directory::{person_objs, PersonObj, UnitObj},
    forum::{
        types::{NetworkObj, PostObj, ThreadObj},
        ReportObj,
    },
    ids,
    library_types::{AttachmentObj, DocumentObj, ProjectObj},
    loaders::{self, ThreadLoader},
    meetings::MeetingObj,
    newsletters::NewsletterObj,
    parts,
};

#[allow(clippy::large_enum_variant)]
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    User(UserObj),
    Person(PersonObj),
    Organisation(OrganisationObj),
    Unit(UnitObj),
    Meeting(MeetingObj),
    Newsletter(NewsletterObj),
    Project(ProjectObj),
    Document(DocumentObj),
    Attachment(AttachmentObj),
    Network(NetworkObj),
    Thread(ThreadObj),
    Post(PostObj),
    Report(ReportObj),
}

/// The GraphQL type name of a search kind key ("thread" → "Thread").
pub fn type_name(kind: &str) -> &'static str {
    match kind {
        "thread" => "Thread",
        "document" => "Document",
        "attachment" => "Attachment",
        "person" => "Person",
        "meeting" => "Meeting",
        "newsletter" => "Newsletter",
        _ => "Unknown",
    }
}

/// Loads a node by type name and id through its domain's permission check; None when it
/// does not exist or the caller may not read it.
pub async fn load(ctx: &Context<'_>, type_name: &str, id: i64) -> Result<Option<Node>> {
    let (state, access) = parts(ctx);
    access.user()?;
    Ok(match type_name {
        "User" => crate::accounts::users::get(&state.db, id)
            .await?
            .filter(|u| !u.erased)
            .map(|u| Node::User(UserObj(u))),
        // The phone book is open to everyone signed in.
        "Person" => {
            let found = crate::directory::people::get(&state.db, id).await?;
            person_objs(&state.db, found.into_iter().collect())
                .await?
                .pop()
                .map(Node::Person)
        }
        "Organisation" => crate::directory::organisations::get(&state.db, id)
            .await?
            .map(|o| Node::Organisation(OrganisationObj(o))),
        "Unit" => crate::directory::units::get(&state.db, id)
            .await?
            .map(|u| Node::Unit(UnitObj(u))),
        "Meeting" => crate::meetings::meeting::get(&state.db, access, id)
            .await?
            .map(|m| Node::Meeting(MeetingObj(m.into()))),
        "Newsletter" => crate::meetings::newsletter::get(&state.db, access, id)
            .await?
            .map(|n| Node::Newsletter(NewsletterObj(n))),
        "Project" => match projects::get(&state.db, id).await? {
            Some(p) => ProjectObj::wrap(&state.db, vec![p])
                .await?
                .pop()
                .map(Node::Project),
            None => None,
        },
        "Document" => match documents::get(&state.db, access, id).await? {
            Some(d) => documents::load_views(&state.db, vec![d])
                .await?
                .pop()
                .map(|v| Node::Document(DocumentObj(v))),
            None => None,
        },
        "Attachment" => attachments::get_readable(&state.db, access, id)
            .await?
            .map(|a| Node::Attachment(AttachmentObj(a))),
        "Network" => crate::forum::networks::get(&state.db, access, id)
            .await?
            .map(|x| Node::Network(NetworkObj(x))),
        // Through the request's thread loader: a page of search hits primes it in one
        // statement; the same read check as `threads::get`.
        "Thread" => loaders::get::<ThreadLoader>(ctx)
            .load_one(id)
            .await?
            .filter(|t| t.visible_to(access))
            .map(|x| Node::Thread(ThreadObj(x))),
        "Post" => crate::forum::posts::get(&state.db, access, id)
            .await?
            .map(|x| Node::Post(PostObj(x))),
        // Only the network's moderators and admins see a report.
        "Report" => crate::forum::reports::get(&state.db, access, id)
            .await?
            .map(|x| Node::Report(ReportObj(x))),
        _ => None,
    })
}

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Any object by its global id; null when it does not exist or may not be read.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Node>> {
        let (kind, n) = ids::decode_any(&id)?;
        load(ctx, &kind, n).await
    }
}
