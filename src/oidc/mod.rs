//! Sign-in with an organisation's own identity provider over OpenID Connect (Microsoft
//! Entra ID for most municipalities; any certified provider works).
//!
//! Sits above the domains, like `privacy`: it uses `accounts` (users, sessions) and
//! `directory` (linking the phone-book entry) through their public functions, and no
//! domain imports it. It knows nothing of poem or async-graphql: `http::oidc` wires the
//! two routes and the error page, `graphql::oidc` the admin API and the login buttons.

pub mod client;
pub mod fault;
pub mod flow;
pub mod link;
pub mod providers;
pub mod settings_file;

pub use client::Providers;
pub use fault::Fault;
