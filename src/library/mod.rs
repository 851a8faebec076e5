//! Handläggarstöd: projects, documents, attachments and their searchable text.

pub mod extract;
pub mod filename;
pub mod sniff;
pub mod testfiles;
