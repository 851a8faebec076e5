//! The small closed vocabularies of handläggarstöd: project status, document kind and status,
//! and the state of an attachment's text. Stored as lower-case ASCII words, shown in Swedish.

use crate::error::{AppError, AppResult};

/// Where a project stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ProjectStatus {
    Planned,
    Ongoing,
    Finished,
}

impl ProjectStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::Planned => "planned",
            ProjectStatus::Ongoing => "ongoing",
            ProjectStatus::Finished => "finished",
        }
    }

    pub fn parse(s: &str) -> AppResult<ProjectStatus> {
        match s {
            "planned" => Ok(ProjectStatus::Planned),
            "ongoing" => Ok(ProjectStatus::Ongoing),
            "finished" => Ok(ProjectStatus::Finished),
            _ => Err(AppError::internal(format!("project status {s:?}"))),
        }
    }

    /// Swedish, for the UI and search.
    pub fn label(self) -> &'static str {
        match self {
            ProjectStatus::Planned => "planerat",
            ProjectStatus::Ongoing => "pågående",
            ProjectStatus::Finished => "avslutat",
        }
    }
}

/// Kind of handläggarstöd.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum DocumentKind {
    Checklista,
    Projektplan,
    Projektrapport,
    Vagledning,
    Mall,
    Informationsmaterial,
    Protokoll,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 7] = [
        DocumentKind::Checklista,
        DocumentKind::Projektplan,
        DocumentKind::Projektrapport,
        DocumentKind::Vagledning,
        DocumentKind::Mall,
        DocumentKind::Informationsmaterial,
        DocumentKind::Protokoll,
    ];

    /// The stored word (ASCII).
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Checklista => "checklista",
            DocumentKind::Projektplan => "projektplan",
            DocumentKind::Projektrapport => "projektrapport",
            DocumentKind::Vagledning => "vagledning",
            DocumentKind::Mall => "mall",
            DocumentKind::Informationsmaterial => "informationsmaterial",
            DocumentKind::Protokoll => "protokoll",
        }
    }

    /// The Swedish word as users write it: "checklista", "vägledning", …
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Vagledning => "vägledning",
            other => other.as_str(),
        }
    }

    /// Reads a stored word or a label, any case ("Vägledning" and "vagledning" alike).
    pub fn parse(s: &str) -> Option<DocumentKind> {
        let s = s.trim().to_lowercase();
        DocumentKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s || k.label() == s)
    }

    /// The kind a file name suggests ("Checklista värme.docx" → checklista), if any.
    pub fn guess_from_name(name: &str) -> Option<DocumentKind> {
        let name = name.to_lowercase();
        let words: &[(&str, DocumentKind)] = &[
            ("checklista", DocumentKind::Checklista),
            ("projektplan", DocumentKind::Projektplan),
            ("rapport", DocumentKind::Projektrapport),
            ("vägledning", DocumentKind::Vagledning),
            ("vagledning", DocumentKind::Vagledning),
            ("mall", DocumentKind::Mall),
            ("protokoll", DocumentKind::Protokoll),
            ("minnesanteckning", DocumentKind::Protokoll),
            ("information", DocumentKind::Informationsmaterial),
        ];
        words
            .iter()
            .find(|(w, _)| name.contains(w))
            .map(|(_, k)| *k)
    }
}

/// Where a document is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum DocumentStatus {
    Draft,
    Published,
    Archived,
}

impl DocumentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentStatus::Draft => "draft",
            DocumentStatus::Published => "published",
            DocumentStatus::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> AppResult<DocumentStatus> {
        match s {
            "draft" => Ok(DocumentStatus::Draft),
            "published" => Ok(DocumentStatus::Published),
            "archived" => Ok(DocumentStatus::Archived),
            _ => Err(AppError::internal(format!("document status {s:?}"))),
        }
    }

    /// Swedish: utkast, publicerad, arkiverad.
    pub fn label(self) -> &'static str {
        match self {
            DocumentStatus::Draft => "utkast",
            DocumentStatus::Published => "publicerad",
            DocumentStatus::Archived => "arkiverad",
        }
    }
}

/// Whether an attachment's text has been read for search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum TextStatus {
    /// Queued or being read.
    Pending,
    /// Read and stored.
    Done,
    /// Could not be read; the reason is kept. The file itself is fine to download.
    Failed,
    /// The kind has no text (images, ZIP).
    None,
}

impl TextStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TextStatus::Pending => "pending",
            TextStatus::Done => "done",
            TextStatus::Failed => "failed",
            TextStatus::None => "none",
        }
    }

    pub fn parse(s: &str) -> AppResult<TextStatus> {
        match s {
            "pending" => Ok(TextStatus::Pending),
            "done" => Ok(TextStatus::Done),
            "failed" => Ok(TextStatus::Failed),
            "none" => Ok(TextStatus::None),
            _ => Err(AppError::internal(format!("text status {s:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_word_and_label() {
        for k in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse(k.as_str()), Some(k));
            assert_eq!(DocumentKind::parse(k.label()), Some(k));
        }
        assert_eq!(
            DocumentKind::parse(" Vägledning "),
            Some(DocumentKind::Vagledning)
        );
        assert_eq!(DocumentKind::parse("rapport"), None);
    }

    #[test]
    fn file_names_suggest_kinds() {
        assert_eq!(
            DocumentKind::guess_from_name("Checklista värme inomhus.docx"),
            Some(DocumentKind::Checklista)
        );
        assert_eq!(
            DocumentKind::guess_from_name("Slutrapport dagvatten 2025.pdf"),
            Some(DocumentKind::Projektrapport)
        );
        assert_eq!(DocumentKind::guess_from_name("bild.png"), None);
    }
}
