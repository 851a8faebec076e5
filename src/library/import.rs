//! Moving material out of the old platform: every file in a folder becomes a published
//! document in a project, with the file as its attachment. Each file succeeds or fails on its
//! own, with a Swedish reason; the command line (`samsyn import documents`) draws the
//! progress and prints the summary.

use std::path::{Path, PathBuf};

use crate::{
    accounts::Access,
    db::Db,
    error::{AppError, AppResult},
    library::{
        attachments::{self, FileContent, NewFile, Owner},
        documents::{self, NewDocument},
        kinds::{DocumentKind, TextStatus},
        projects::{self, Project},
    },
};

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Every document gets this kind; otherwise guessed from the file name, else
    /// informationsmaterial.
    pub kind: Option<DocumentKind>,
    /// Largest file accepted.
    pub max_bytes: u64,
}

/// One imported file.
#[derive(Debug, Clone)]
pub struct Imported {
    pub document_id: i64,
    pub attachment_id: i64,
    /// The file was imported but its text could not be read (Swedish reason).
    pub text_warning: Option<String>,
}

/// What happened to one file.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    pub file_name: String,
    /// The document, or why the file was not imported (Swedish).
    pub result: Result<Imported, String>,
}

/// The files a folder import takes, in name order: regular files, hidden ones skipped.
pub fn files_in(dir: &Path) -> AppResult<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        AppError::bad_input(
            "dir",
            format!("Mappen {} kan inte läsas: {e}", dir.display()),
        )
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// The project to import into.
pub async fn project(db: &Db, slug: &str) -> AppResult<Project> {
    projects::by_slug(db, slug)
        .await?
        .ok_or_else(|| AppError::bad_input("project", format!("Projektet \"{slug}\" finns inte.")))
}

/// A readable document title from a file name: "Checklista_värme inomhus.docx" →
/// "Checklista värme inomhus".
pub fn title_from_file_name(name: &str) -> String {
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    let title = stem.replace('_', " ");
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        name.to_string()
    } else {
        title
            .chars()
            .take(documents::write_limits::MAX_TITLE)
            .collect()
    }
}

/// Imports one file as a published document of `project`, acting as `access`.
pub async fn import_file(
    db: &Db,
    access: &Access,
    project: &Project,
    path: &Path,
    options: &ImportOptions,
) -> FileOutcome {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let result = import(db, access, project, path, &file_name, options)
        .await
        .map_err(|e| e.public_message());
    FileOutcome { file_name, result }
}

/// The file at `path`, read from disk as it is checked and stored (never whole in memory).
async fn open(path: &Path) -> AppResult<FileContent> {
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|e| AppError::bad(format!("Filen kan inte läsas: {e}")))?;
    Ok(FileContent::File(file.into_std().await))
}

async fn import(
    db: &Db,
    access: &Access,
    project: &Project,
    path: &Path,
    file_name: &str,
    options: &ImportOptions,
) -> AppResult<Imported> {
    let size = tokio::fs::metadata(path)
        .await
        .map_err(|e| AppError::bad(format!("Filen kan inte läsas: {e}")))?
        .len();
    if size > options.max_bytes {
        return Err(AppError::TooLarge(format!(
            "Filen är för stor (högst {} MiB).",
            options.max_bytes / (1024 * 1024)
        )));
    }
    // Check the file before a document exists, so a refused file leaves nothing behind.
    attachments::check_file(
        NewFile {
            file_name: file_name.to_string(),
            content_type: None,
            content: open(path).await?,
        },
        options.max_bytes,
    )
    .await?;
    let kind = options
        .kind
        .or_else(|| DocumentKind::guess_from_name(file_name))
        .unwrap_or(DocumentKind::Informationsmaterial);
    let doc = documents::create(
        db,
        access,
        NewDocument {
            title: title_from_file_name(file_name),
            summary: String::new(),
            body: String::new(),
            kind,
            project_id: Some(project.id),
            network_id: None,
            tags: Vec::new(),
            review_by: None,
            publish: true,
        },
    )
    .await?;
    let uploaded = match attachments::upload(
        db,
        access,
        options.max_bytes,
        Owner::Document(doc.id),
        None,
        NewFile {
            file_name: file_name.to_string(),
            content_type: None,
            content: open(path).await?,
        },
    )
    .await
    {
        Ok(u) => u,
        Err(e) => {
            // Leave no empty document behind: it goes to the recycle bin.
            let _ = documents::archive(db, access, doc.id).await;
            return Err(e);
        }
    };
    if let Some(task) = uploaded.extraction {
        task.await?;
    }
    let attachment = attachments::get_readable(db, access, uploaded.attachment.id)
        .await?
        .ok_or_else(|| AppError::internal("imported attachment vanished"))?;
    Ok(Imported {
        document_id: doc.id,
        attachment_id: attachment.id,
        text_warning: (attachment.text_status == TextStatus::Failed)
            .then(|| attachment.text_error.unwrap_or_default()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_file_names() {
        assert_eq!(
            title_from_file_name("Checklista_värme  inomhus.docx"),
            "Checklista värme inomhus"
        );
        assert_eq!(
            title_from_file_name("Projektplan 2025.pdf"),
            "Projektplan 2025"
        );
        assert_eq!(title_from_file_name(".pdf"), ".pdf");
        assert_eq!(title_from_file_name("README"), "README");
    }

    #[test]
    fn folders_list_visible_files_in_name_order() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("b.txt"), "b").unwrap();
        std::fs::write(dir.join("a.txt"), "a").unwrap();
        std::fs::write(dir.join(".DS_Store"), "x").unwrap();
        std::fs::create_dir(dir.join("undermapp")).unwrap();
        let names: Vec<String> = files_in(dir)
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.txt", "b.txt"]);
    }
}
