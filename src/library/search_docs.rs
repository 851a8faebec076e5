//! What search shows of handläggarstöd: one entry per document and one per current
//! attachment, built from the current rows (the indexer calls these for each change-log
//! entry). `None` means "remove it from the index": missing, archived, deleted or replaced.

use sqlx::Row;

use crate::{
    db::{sql::Sql, Db},
    error::AppResult,
    forum::markdown,
    library::{
        attachments::Owner,
        documents::{self, Document},
        kinds::DocumentStatus,
        projects,
    },
    search_doc::SearchDoc,
};

async fn document_row(db: &Db, id: i64) -> AppResult<Option<Document>> {
    let mut sql = Sql::new(&format!(
        "SELECT {}{} WHERE d.id = ",
        documents::COLUMNS,
        documents::FROM
    ));
    sql.int(id);
    Ok(documents::fetch(db, &sql).await?.pop())
}

/// Who may find a document: see `documents` for the rules these strings mirror.
pub fn document_acl(doc: &Document) -> Option<Vec<String>> {
    match doc.status {
        DocumentStatus::Archived => None,
        DocumentStatus::Published => Some(match &doc.network {
            Some(n) if n.members_only => vec![format!("net:{}", n.id), "role:admin".into()],
            _ => vec!["all".into()],
        }),
        DocumentStatus::Draft => {
            let mut acl = vec!["role:admin".to_string()];
            if let Some(author) = doc.author_id {
                acl.insert(0, format!("user:{author}"));
            }
            if let Some(n) = &doc.network {
                acl.push(format!("mod:{}", n.id));
            }
            Some(acl)
        }
    }
}

/// The parts a document and its attachments share.
async fn base(db: &Db, doc: &Document, acl: Vec<String>) -> AppResult<SearchDoc> {
    let project = match doc.project_id {
        Some(id) => projects::get(db, id).await?,
        None => None,
    };
    let mut extra = Vec::new();
    if let Some(p) = &project {
        extra.push(p.name.clone());
    }
    extra.push(doc.kind.label().to_string());
    Ok(SearchDoc {
        acl,
        network: doc.network.as_ref().map(|n| n.slug.clone()),
        project: project.map(|p| p.slug),
        tags: doc.tags.clone(),
        updated_at_ms: doc.updated_at,
        extra_text: extra.join(" "),
        ..SearchDoc::default()
    })
}

/// The search entry of document `id`.
pub async fn search_doc(db: &Db, id: i64) -> AppResult<Option<SearchDoc>> {
    let Some(doc) = document_row(db, id).await? else {
        return Ok(None);
    };
    let Some(acl) = document_acl(&doc) else {
        return Ok(None);
    };
    let mut entry = base(db, &doc, acl).await?;
    entry.key = format!("document:{id}");
    entry.kind = "document".into();
    entry.entity_id = id;
    entry.title = doc.title.clone();
    entry.body = format!(
        "{}\n\n{}",
        doc.summary,
        markdown::excerpt(&doc.body, documents::write_limits::MAX_BODY)
    );
    Ok(Some(entry))
}

/// The search entry of attachment `id`: its file name and document title, its extracted
/// text, readable by whoever may read its document. Only the current version is searchable.
pub async fn attachment_search_doc(db: &Db, id: i64) -> AppResult<Option<SearchDoc>> {
    let row = sqlx::query(
        "SELECT a.owner_kind, a.owner_id, a.file_name, a.is_current, a.deleted_at, a.created_at, \
         b.text_content FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let owner_kind: String = row.try_get(0)?;
    let owner_id: i64 = row.try_get(1)?;
    let file_name: String = row.try_get(2)?;
    let is_current = row.try_get::<i64, _>(3)? != 0;
    let deleted = row.try_get::<Option<i64>, _>(4)?.is_some();
    let created_at: i64 = row.try_get(5)?;
    let text: Option<String> = row.try_get(6)?;
    if !is_current || deleted {
        return Ok(None);
    }
    let owner = match owner_kind.as_str() {
        "document" => Owner::Document(owner_id),
        // A post's file is found with its thread and readable by whoever reads the thread.
        "post" => {
            let Some(post) = crate::forum::posts::get_unchecked(db, owner_id).await? else {
                return Ok(None);
            };
            if post.hidden_at.is_some() {
                return Ok(None);
            }
            let Some(mut entry) = crate::forum::search_docs::search_doc(db, post.thread_id).await?
            else {
                return Ok(None);
            };
            entry.title = format!("{file_name} – {}", entry.title);
            entry.key = format!("attachment:{id}");
            entry.kind = "attachment".into();
            entry.entity_id = id;
            entry.body = text.unwrap_or_default();
            entry.accepted = None;
            entry.solved = None;
            entry.updated_at_ms = entry.updated_at_ms.max(created_at);
            return Ok(Some(entry));
        }
        _ => return Ok(None),
    };
    let Some(doc) = document_row(db, owner.id()).await? else {
        return Ok(None);
    };
    let Some(acl) = document_acl(&doc) else {
        return Ok(None);
    };
    let mut entry = base(db, &doc, acl).await?;
    entry.key = format!("attachment:{id}");
    entry.kind = "attachment".into();
    entry.entity_id = id;
    entry.title = format!("{file_name} – {}", doc.title);
    entry.body = text.unwrap_or_default();
    entry.updated_at_ms = entry.updated_at_ms.max(created_at);
    Ok(Some(entry))
}
