//! The Relay `Node` interface and `node(id)`: every lookup goes through the owning domain's
//! permission check, so a node id never reveals what its list would hide.

use async_graphql::{Context, Interface, Object, Result, ID};

use crate::graphql::{
    accounts::UserObj,
    forum::types::{NetworkObj, PostObj, ThreadObj},
    ids, parts,
};

#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    User(UserObj),
    Network(NetworkObj),
    Thread(ThreadObj),
    Post(PostObj),
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
            "Network" => crate::forum::networks::get(&state.db, access, n)
                .await?
                .map(|x| Node::Network(NetworkObj(x))),
            "Thread" => crate::forum::threads::get(&state.db, access, n)
                .await?
                .map(|x| Node::Thread(ThreadObj(x))),
            "Post" => crate::forum::posts::get(&state.db, access, n)
                .await?
                .map(|x| Node::Post(PostObj(x))),
            _ => None,
        })
    }
}
