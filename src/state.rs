//! The shared application state every request handler and resolver reaches.

use std::sync::Arc;

use crate::{config::Config, db::Db};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Live forum events for subscriptions (in-process; a NOTIFY bridge can feed it).
    pub events: crate::forum::events::EventBus,
}

/// Facts about the HTTP request that resolvers need (client address, TLS).
#[derive(Debug, Clone)]
pub struct RequestMeta {
    pub client: String,
    pub secure: bool,
    pub request_id: String,
}
