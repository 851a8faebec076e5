//! The one boundary between content and search: [`SearchDoc`], plain data that each domain's
//! `search_docs.rs` builds from its current rows and the indexer (`crate::search`) takes.
//!
//! Owns: the shape of an index document. Must not: import `search` or any domain, so that
//! domains can build documents without knowing the index, and the index can read them
//! without knowing the domains' rules.

use serde::{Deserialize, Serialize};

/// One searchable thing, as the indexer builds it from current database rows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchDoc {
    /// Unique key, "thread:42", "document:7", "attachment:3", "person:5", "meeting:9".
    pub key: String,
    /// thread | document | attachment | person | meeting.
    pub kind: String,
    /// The entity's database id.
    pub entity_id: i64,
    /// Title (thread title, document title, file name, person's name).
    pub title: String,
    /// Body text (posts, document text, extracted file text, title and unit for people).
    pub body: String,
    /// The accepted answer of a solved question; weighs more than other replies.
    pub accepted: Option<String>,
    /// Who may read: `all`, `net:<id>`, `user:<id>`, `role:admin`.
    pub acl: Vec<String>,
    /// Network slug.
    pub network: Option<String>,
    /// Project slug.
    pub project: Option<String>,
    /// Tag names (tillsynsområden).
    pub tags: Vec<String>,
    /// Organisation name.
    pub organisation: Option<String>,
    /// Whether a question is solved (None for other kinds).
    pub solved: Option<bool>,
    /// Last change, UTC milliseconds.
    pub updated_at_ms: i64,
    /// More searchable text that is not shown: project name, kind label, organisation.
    pub extra_text: String,
}
