//! Reading documents: one page of a filtered list, one document, its earlier versions, what
//! is due for review, and the related rows a page shows (bounded queries per page).

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use sqlx::Row;

use super::{push_readable, Document, COLUMNS, FROM};
use crate::{
    accounts::{users::User, Access},
    dates,
    db::{sql::Sql, Db},
    error::{AppError, AppResult},
    library::{
        attachments::{self, Attachment},
        kinds::{DocumentKind, DocumentStatus},
        projects::{self, Project},
        related,
    },
};

/// What `documents(filter)` narrows by. Unknown project, network or tag names give an empty
/// list, not an error.
#[derive(Debug, Clone, Default)]
pub struct DocumentFilter {
    pub kind: Option<DocumentKind>,
    /// Project slug.
    pub project: Option<String>,
    /// Network slug.
    pub network: Option<String>,
    /// Tag name, slug or synonym.
    pub tag: Option<String>,
    /// Without it: drafts (the caller's) and published, not archived.
    pub status: Option<DocumentStatus>,
    pub review_overdue: Option<bool>,
    /// Words the title contains (case-insensitive; for pickers).
    pub title: Option<String>,
}

async fn attach_tags(db: &Db, docs: &mut [Document]) -> AppResult<()> {
    if docs.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = docs.iter().map(|d| d.id).collect();
    let mut sql = Sql::new(
        "SELECT dt.document_id, t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id \
         WHERE dt.document_id IN (",
    );
    sql.ints(&ids).push(") ORDER BY t.name");
    let mut by_doc: HashMap<i64, Vec<String>> = HashMap::new();
    for r in sql.query().fetch_all(&db.pool).await? {
        by_doc.entry(r.try_get(0)?).or_default().push(r.try_get(1)?);
    }
    for d in docs {
        d.tags = by_doc.remove(&d.id).unwrap_or_default();
    }
    Ok(())
}

pub(crate) async fn fetch(db: &Db, sql: &Sql) -> AppResult<Vec<Document>> {
    let rows = sql.query().fetch_all(&db.pool).await?;
    let mut docs = rows
        .iter()
        .map(Document::from_row)
        .collect::<AppResult<Vec<_>>>()?;
    attach_tags(db, &mut docs).await?;
    Ok(docs)
}

/// One page of the documents the caller may read, newest change first.
pub async fn list(
    db: &Db,
    access: &Access,
    filter: &DocumentFilter,
    offset: i64,
    limit: i64,
) -> AppResult<Vec<Document>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS}{FROM} WHERE 1 = 1"));
    push_readable(&mut sql, access)?;
    match filter.status {
        Some(s) => {
            sql.push(" AND d.status = ").text(s.as_str());
        }
        None => {
            sql.push(" AND d.status <> 'archived'");
        }
    }
    if let Some(k) = filter.kind {
        sql.push(" AND d.kind = ").text(k.as_str());
    }
    if let Some(slug) = &filter.project {
        match projects::by_slug(db, slug).await? {
            Some(p) => sql.push(" AND d.project_id = ").int(p.id),
            None => return Ok(Vec::new()),
        };
    }
    if let Some(slug) = &filter.network {
        sql.push(" AND n.slug = ").text(slug.trim());
    }
    if let Some(tag) = &filter.tag {
        match crate::tags::resolve(db, tag).await? {
            Some(t) => sql
                .push(" AND d.id IN (SELECT document_id FROM document_tags WHERE tag_id = ")
                .int(t.id)
                .push(")"),
            None => return Ok(Vec::new()),
        };
    }
    if let Some(title) = filter.title.as_deref().map(str::trim) {
        if title.chars().count() > 200 {
            return Err(AppError::bad_input(
                "title",
                "Sök på högst 200 tecken av rubriken.",
            ));
        }
        for word in title.split_whitespace() {
            let pattern = crate::directory::text::like_contains(&word.to_lowercase());
            sql.push(" AND LOWER(d.title) LIKE ")
                .text(&pattern)
                .push(" ESCAPE '\\'");
        }
    }
    let today = dates::to_db(dates::today());
    match filter.review_overdue {
        Some(true) => {
            sql.push(" AND d.status <> 'archived' AND d.review_by IS NOT NULL AND d.review_by < ")
                .text(&today);
        }
        Some(false) => {
            sql.push(" AND (d.review_by IS NULL OR d.review_by >= ")
                .text(&today)
                .push(")");
        }
        None => {}
    }
    sql.push(" ORDER BY d.updated_at DESC, d.id DESC LIMIT ")
        .int(limit)
        .push(" OFFSET ")
        .int(offset);
    fetch(db, &sql).await
}

/// One document, or None when it does not exist or the caller may not read it.
pub async fn get(db: &Db, access: &Access, id: i64) -> AppResult<Option<Document>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS}{FROM} WHERE d.id = "));
    sql.int(id);
    push_readable(&mut sql, access)?;
    Ok(fetch(db, &sql).await?.pop())
}

/// What an editor must look at again ("Att granska"): documents the caller edits (as
/// author, moderator of its network, or admin) or whose project they are responsible for,
/// whose review-by date is past or within `within_days`, soonest first.
pub async fn due_for_review(
    db: &Db,
    access: &Access,
    within_days: u32,
    offset: i64,
    limit: i64,
) -> AppResult<Vec<Document>> {
    let me = access.user()?;
    let until: NaiveDate = dates::today()
        .checked_add_days(Days::new(within_days.into()))
        .ok_or_else(|| AppError::bad_input("withinDays", "För många dagar."))?;
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS}{FROM} WHERE d.status <> 'archived' AND d.review_by IS NOT NULL AND d.review_by <= "
    ));
    sql.text(&dates::to_db(until));
    push_readable(&mut sql, access)?;
    if !access.is_admin() {
        sql.push(" AND (d.author_id = ")
            .int(me.user_id)
            .push(" OR d.network_id IN (")
            .ints(&access.moderated_network_ids())
            .push(
                ") OR d.project_id IN (SELECT p.id FROM projects p WHERE p.responsible_user_id = ",
            )
            .int(me.user_id)
            .push("))");
    }
    sql.push(" ORDER BY d.review_by, d.id LIMIT ")
        .int(limit)
        .push(" OFFSET ")
        .int(offset);
    fetch(db, &sql).await
}

/// An earlier version of a published document, as it read before an edit.
#[derive(Debug, Clone)]
pub struct Version {
    pub version: i64,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub kind: DocumentKind,
    pub review_by: Option<NaiveDate>,
    pub edited_by: Option<i64>,
    /// When this version was replaced.
    pub created_at: i64,
}

/// The earlier versions of a document the caller may read, newest first.
pub async fn versions(db: &Db, access: &Access, id: i64) -> AppResult<Vec<Version>> {
    if get(db, access, id).await?.is_none() {
        return Err(AppError::not_found("Dokumentet"));
    }
    let rows = sqlx::query(
        "SELECT version, title, summary, body, kind, review_by, edited_by, created_at \
         FROM document_versions WHERE document_id = $1 ORDER BY version DESC",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let kind: String = r.try_get(4)?;
            Ok(Version {
                version: r.try_get(0)?,
                title: r.try_get(1)?,
                summary: r.try_get(2)?,
                body: r.try_get(3)?,
                kind: DocumentKind::parse(&kind)
                    .ok_or_else(|| AppError::internal(format!("document kind {kind:?}")))?,
                review_by: dates::opt_from_db(r.try_get(5)?)?,
                edited_by: r.try_get(6)?,
                created_at: r.try_get(7)?,
            })
        })
        .collect()
}

/// A document with what a page shows beside it.
#[derive(Debug, Clone)]
pub struct DocumentView {
    pub doc: Document,
    pub project: Option<Project>,
    pub author: Option<User>,
    /// Current, not deleted attachments.
    pub attachments: Vec<Attachment>,
}

/// Loads projects, authors and attachments for a page of documents: three queries in all.
pub async fn load_views(db: &Db, docs: Vec<Document>) -> AppResult<Vec<DocumentView>> {
    let project_ids: Vec<i64> = docs.iter().filter_map(|d| d.project_id).collect();
    let author_ids: Vec<i64> = docs.iter().filter_map(|d| d.author_id).collect();
    let doc_ids: Vec<i64> = docs.iter().map(|d| d.id).collect();
    let projects = projects::by_ids(db, &project_ids).await?;
    let users = related::users(db, &author_ids).await?;
    let mut files = attachments::current_for_documents(db, &doc_ids).await?;
    Ok(docs
        .into_iter()
        .map(|doc| DocumentView {
            project: doc.project_id.and_then(|id| projects.get(&id).cloned()),
            author: doc.author_id.and_then(|id| users.get(&id).cloned()),
            attachments: files.remove(&doc.id).unwrap_or_default(),
            doc,
        })
        .collect())
}
