//! The one integration test binary: each module is a feature; every scenario runs on
//! SQLite and on PostgreSQL (see `helpers::spawn_app`).

mod helpers;

mod accounts;
mod demo;
mod forum;
mod http_limits;
mod schema;
