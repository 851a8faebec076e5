//! Full-text search: Swedish analysis, the search box syntax, and the tantivy index that
//! answers searches. The index is derived from the database and can always be rebuilt.

pub mod analysis;
pub mod compound;
pub mod execute;
mod grants;
pub mod highlight;
pub mod index;
pub mod plan;
pub mod query;
pub mod synonyms;

pub mod service;
pub mod sources;

pub use service::SearchService;

#[cfg(test)]
mod tests;
