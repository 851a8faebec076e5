//! Samsyn: forum, handläggarstöd, telefonbok and Swedish search for Miljösamverkan
//! Jönköpings län. The binary (`main.rs`) is a thin CLI over this library.

/// One allocator for every binary that links the library (server, tests, benchmarks), so
/// what the benchmarks measure is what runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod accounts;
pub mod app;
pub mod cli;
pub mod cluster;
pub mod config;
pub mod dates;
pub mod db;
pub mod demo;
pub mod directory;
pub mod email;
pub mod error;
pub mod events;
pub mod forum;
pub mod graphql;
pub mod http;
pub mod lawref;
pub mod library;
pub mod mail;
pub mod meetings;
pub mod metrics;
pub mod oidc;
pub mod privacy;
#[cfg(test)]
mod props;
pub mod search;
pub mod search_doc;
pub mod state;
pub mod tags;
pub mod telemetry;
