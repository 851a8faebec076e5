//! The one integration test binary: each module is a feature; every scenario runs on
//! SQLite and on PostgreSQL (see `helpers::spawn_app`).

mod helpers;

mod accounts;
mod browser;
mod demo;
mod directory;
mod http_limits;
mod ops;
mod meetings;
mod newsletter;
mod library;
mod schema;
mod search;
mod smtp_sink;
