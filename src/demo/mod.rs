//! Demo content from the verksamhetsplan, loaded into a new database.

pub mod content;
