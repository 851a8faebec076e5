//! The shared application state every request handler, resolver and domain function reaches:
//! the database, the settings, the mailer and the live event bus. It sits below the domains,
//! so it holds nothing of theirs; the search index, which reads the domains, is handed to the
//! HTTP and GraphQL layers beside it (`crate::app::App::search`).

use std::sync::Arc;

use crate::{config::Config, db::Db};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Outgoing e-mail (SMTP settings) and the background sender's wake-up signal.
    pub mailer: crate::mail::Mailer,
    /// Live forum events for subscriptions (in-process; on PostgreSQL `crate::cluster`
    /// carries them between nodes).
    pub events: crate::events::EventBus,
    /// Identity providers' discovery documents and keys, and the client that fetches them.
    pub oidc: crate::oidc::Providers,
    /// Signed-in callers between requests (checked against the write generation).
    pub auth: crate::accounts::AuthCache,
}

/// Facts about the HTTP request that resolvers need (client address, TLS).
#[derive(Debug, Clone)]
pub struct RequestMeta {
    pub client: String,
    pub secure: bool,
    pub request_id: String,
}

impl AppState {
    /// What an OpenID Connect sign-in needs of the running server.
    pub fn oidc_ctx(&self) -> crate::oidc::flow::Ctx<'_> {
        crate::oidc::flow::Ctx {
            db: &self.db,
            config: &self.config,
            providers: &self.oidc,
        }
    }
}
