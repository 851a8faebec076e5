//! Handläggarstöd: projects, documents, attachments and their searchable text.

pub mod attachments;
pub mod blobs;
pub mod documents;
pub mod extract;
pub mod extraction;
pub mod filename;
pub mod import;
pub mod kinds;
pub mod projects;
pub mod related;
pub mod reviews;
pub mod search_docs;
pub mod sniff;
pub mod testfiles;
