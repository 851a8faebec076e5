//! Full-text search: Swedish analysis, the search box syntax, and the tantivy index that
//! answers searches. The index is derived from the database and can always be rebuilt.
//!
//! Imports go one way (no module below imports one above it):
//! - `service` → `sources`, `execute`, `index`;
//! - `execute` → `coverage`, `plan`, `index`, `grants`, `highlight`, `results`;
//! - `coverage` → `plan`;
//! - `plan` → `schema`, `results`, `synonyms`, `highlight`, `query`, `analysis`;
//! - `index` → `schema`, `grants`, `analysis`, `compound`;
//! - `schema` and `synonyms` → `analysis` → `compound` → `words`; `highlight` → `words`;
//! - `words`, `query` and `results` import nothing of search (`query` and `highlight` read
//!   references to law with the leaf module `crate::lawref`).

pub mod analysis;
pub mod compound;
mod coverage;
pub mod execute;
mod fuzzy;
mod grants;
pub mod highlight;
pub mod index;
pub mod plan;
pub mod query;
pub mod results;
pub mod schema;
pub mod synonyms;
pub mod words;

pub mod service;
pub mod sources;

pub use service::SearchService;

#[cfg(test)]
mod tests;
