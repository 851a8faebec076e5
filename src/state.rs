//! The shared application state every request handler and resolver reaches.

use std::sync::Arc;

use crate::{
    config::Config,
    db::Db,
    error::{AppError, AppResult},
    search::SearchService,
};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// The search index; only the serving process opens it (CLI tools leave it alone and
    /// the server's indexer picks up their changes from the change log).
    pub search: Option<Arc<SearchService>>,
    /// Outgoing e-mail (SMTP settings) and the background sender's wake-up signal.
    pub mailer: crate::mail::Mailer,
    /// Live forum events for subscriptions (in-process; on PostgreSQL `crate::cluster`
    /// carries them between nodes).
    pub events: crate::forum::events::EventBus,
    /// Identity providers' discovery documents and keys, and the client that fetches them.
    pub oidc: crate::oidc::Providers,
}

impl AppState {
    pub fn search(&self) -> AppResult<&Arc<SearchService>> {
        self.search
            .as_ref()
            .ok_or_else(|| AppError::internal("search index is not open in this process"))
    }
}

/// Facts about the HTTP request that resolvers need (client address, TLS).
#[derive(Debug, Clone)]
pub struct RequestMeta {
    pub client: String,
    pub secure: bool,
    pub request_id: String,
}
