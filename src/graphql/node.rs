//! The Relay `Node` interface and `node(id)`: every lookup goes through the owning domain's
//! permission check, so a node id never reveals what its list would hide.

use async_graphql::{Context, Interface, Object, Result, ID};

use crate::graphql::{
    accounts::UserObj,
    ids,
    library_types::{AttachmentObj, DocumentObj, ProjectObj},
    parts,
};
use crate::library::{attachments, documents, projects};

// One short-lived value per `node(id)` answer: boxing the large variants would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    User(UserObj),
    Project(ProjectObj),
    Document(DocumentObj),
    Attachment(AttachmentObj),
}

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Any object by its global id; null when it does not exist or may not be read.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Node>> {
        let (state, access) = parts(ctx);
        access.user()?;
        let (kind, n) = ids::decode_any(&id)?;
        Ok(match kind.as_str() {
            "User" => crate::accounts::users::get(&state.db, n)
                .await?
                .filter(|u| !u.erased)
                .map(|u| Node::User(UserObj(u))),
            "Project" => match projects::get(&state.db, n).await? {
                Some(p) => ProjectObj::wrap(&state.db, vec![p])
                    .await?
                    .pop()
                    .map(Node::Project),
                None => None,
            },
            "Document" => match documents::get(&state.db, access, n).await? {
                Some(d) => documents::load_views(&state.db, vec![d])
                    .await?
                    .pop()
                    .map(|v| Node::Document(DocumentObj(v))),
                None => None,
            },
            "Attachment" => attachments::get_readable(&state.db, access, n)
                .await?
                .map(|a| Node::Attachment(AttachmentObj(a))),
            _ => None,
        })
    }
}
