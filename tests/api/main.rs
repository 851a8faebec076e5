//! The one integration test binary: each module is a feature; every scenario runs on
//! SQLite and on PostgreSQL (see `helpers::spawn_app`).

mod helpers;

mod accounts;
mod browser;
mod caches;
mod cluster;
mod crash;
mod demo;
mod directory;
mod forum;
mod hostile;
mod hostile_files;
mod http_limits;
mod library;
mod meetings;
mod newsletter;
mod oidc;
mod oidc_browser;
mod oidc_faults;
mod oidc_walk;
mod ops;
mod reviews;
mod schema;
mod search;
mod search_fallback;
mod smtp_sink;
