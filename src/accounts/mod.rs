//! Accounts: users, passwords, sessions, API tokens, invitations, sealed secrets and the
//! permission gate.

pub mod access;
pub mod auth_cache;
pub mod invitations;
pub mod password;
pub mod sealed;
pub mod secrets;
pub mod sessions;
pub mod throttle;
pub mod tokens;
pub mod users;

pub use access::{Access, AuthVia, NetworkRole, Principal, Role, TokenScope, Unattended};
pub use auth_cache::AuthCache;
