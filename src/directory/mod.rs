//! Telefonboken: organisations, units, people and who handles what.
//!
//! Owns the phone book's rules (validation, who may edit what, the audit trail, CSV and
//! vCard formats, import). Knows nothing of HTTP or GraphQL; every write records the
//! change log in the same transaction so search follows.

pub mod audit;
pub mod edit;
pub mod export;
pub mod import;
pub mod link;
pub mod organisations;
pub mod people;
pub mod phone;
pub mod search_docs;
pub mod text;
pub mod units;
pub mod vcard;

/// A change to an optional field: leave it, clear it, or set it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Patch<T> {
    #[default]
    Keep,
    Clear,
    Set(T),
}

impl<T> Patch<T> {
    /// The field's value after the change.
    pub fn apply_to(self, current: Option<T>) -> Option<T> {
        match self {
            Patch::Keep => current,
            Patch::Clear => None,
            Patch::Set(v) => Some(v),
        }
    }

    pub fn is_keep(&self) -> bool {
        matches!(self, Patch::Keep)
    }
}
