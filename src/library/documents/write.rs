//! Changing documents: create, edit (keeping the published text as an earlier version),
//! publish, archive and restore, and mark reviewed (granskad). Each write records the change
//! in the same transaction.

use chrono::NaiveDate;
use sqlx::Row;

use super::{can_publish, can_write, get, record_change, Document};
use crate::{
    accounts::Access,
    dates,
    db::{now_ms, Db, WriteTx},
    error::{AppError, AppResult},
    library::{
        kinds::{DocumentKind, DocumentStatus},
        projects, related,
    },
};

/// Longest title, summary and body, in characters.
pub const MAX_TITLE: usize = 200;
pub const MAX_SUMMARY: usize = 2_000;
pub const MAX_BODY: usize = 200_000;
/// Most tags on one document.
pub const MAX_TAGS: usize = 20;

/// A new document.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub kind: DocumentKind,
    pub project_id: Option<i64>,
    pub network_id: Option<i64>,
    /// Tag names, slugs or synonyms.
    pub tags: Vec<String>,
    pub review_by: Option<NaiveDate>,
    /// Publish at once (needs the publish right); otherwise a draft.
    pub publish: bool,
}

/// Changes to a document; `None` keeps a field, `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default)]
pub struct DocumentChanges {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub body: Option<String>,
    pub kind: Option<DocumentKind>,
    pub project_id: Option<Option<i64>>,
    pub network_id: Option<Option<i64>>,
    pub tags: Option<Vec<String>>,
    pub review_by: Option<Option<NaiveDate>>,
}

fn parse_title(raw: &str) -> AppResult<String> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(AppError::bad_input("title", "Titeln får inte vara tom."));
    }
    if t.chars().count() > MAX_TITLE {
        return Err(AppError::bad_input(
            "title",
            format!("Titeln får ha högst {MAX_TITLE} tecken."),
        ));
    }
    Ok(t.to_string())
}

fn parse_long(field: &str, raw: &str, max: usize) -> AppResult<String> {
    let t = raw.trim();
    if t.chars().count() > max {
        return Err(AppError::bad_input(field, format!("Högst {max} tecken.")));
    }
    Ok(t.to_string())
}

async fn resolve_tags(db: &crate::db::Db, names: &[String]) -> AppResult<Vec<i64>> {
    if names.len() > MAX_TAGS {
        return Err(AppError::bad_input(
            "tags",
            format!("Högst {MAX_TAGS} tillsynsområden."),
        ));
    }
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        match crate::tags::resolve(db, name).await? {
            Some(t) => ids.push(t.id),
            None => {
                return Err(AppError::bad_input(
                    "tags",
                    format!("Tillsynsområdet \"{}\" finns inte.", name.trim()),
                ))
            }
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

async fn check_project(db: &Db, id: Option<i64>) -> AppResult<()> {
    if let Some(id) = id {
        if projects::get(db, id).await?.is_none() {
            return Err(AppError::bad_input("projectId", "Projektet finns inte."));
        }
    }
    Ok(())
}

async fn resolve_network(
    db: &Db,
    access: &Access,
    id: Option<i64>,
) -> AppResult<Option<related::NetworkRef>> {
    match id {
        None => Ok(None),
        Some(id) => match related::network(db, id).await? {
            Some(n) if n.readable_by(access) => Ok(Some(n)),
            _ => Err(AppError::bad_input("networkId", "Nätverket finns inte.")),
        },
    }
}

fn require_place(project_id: Option<i64>, network_id: Option<i64>) -> AppResult<()> {
    if project_id.is_none() && network_id.is_none() {
        return Err(AppError::bad_input(
            "projectId",
            "Ange ett projekt, ett nätverk eller båda.",
        ));
    }
    Ok(())
}

async fn set_tags(tx: &mut WriteTx, document_id: i64, tag_ids: &[i64]) -> AppResult<()> {
    sqlx::query("DELETE FROM document_tags WHERE document_id = $1")
        .bind(document_id)
        .execute(&mut ***tx)
        .await?;
    for t in tag_ids {
        sqlx::query("INSERT INTO document_tags (document_id, tag_id) VALUES ($1, $2)")
            .bind(document_id)
            .bind(*t)
            .execute(&mut ***tx)
            .await?;
    }
    Ok(())
}

async fn reread(db: &Db, access: &Access, id: i64) -> AppResult<Document> {
    get(db, access, id)
        .await?
        .ok_or_else(|| AppError::not_found("Dokumentet"))
}

/// Creates a document as a draft, or published when asked and allowed.
pub async fn create(db: &Db, access: &Access, input: NewDocument) -> AppResult<Document> {
    let me = access.user()?;
    if !access.can_write() {
        return Err(AppError::forbidden());
    }
    let title = parse_title(&input.title)?;
    let summary = parse_long("summary", &input.summary, MAX_SUMMARY)?;
    let body = parse_long("body", &input.body, MAX_BODY)?;
    require_place(input.project_id, input.network_id)?;
    check_project(db, input.project_id).await?;
    let network = resolve_network(db, access, input.network_id).await?;
    let tag_ids = resolve_tags(db, &input.tags).await?;
    let now = now_ms();
    let status = if input.publish {
        let probe = Document {
            id: 0,
            title: title.clone(),
            summary: String::new(),
            body: String::new(),
            kind: input.kind,
            status: DocumentStatus::Draft,
            archived_from: None,
            review_by: None,
            author_id: Some(me.user_id),
            version: 1,
            project_id: input.project_id,
            network,
            tags: Vec::new(),
            published_at: None,
            archived_at: None,
            created_at: now,
            updated_at: now,
            reviewed_at: None,
            reviewed_by: None,
        };
        if !can_publish(access, &probe) {
            return Err(AppError::Forbidden(
                "Bara administratörer och nätverkets moderatorer kan publicera. Spara som utkast."
                    .into(),
            ));
        }
        DocumentStatus::Published
    } else {
        DocumentStatus::Draft
    };
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "INSERT INTO documents (title, summary, body, kind, project_id, network_id, status, review_by, \
         author_id, version, published_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $11) RETURNING id",
    )
    .bind(&title)
    .bind(&summary)
    .bind(&body)
    .bind(input.kind.as_str())
    .bind(input.project_id)
    .bind(input.network_id)
    .bind(status.as_str())
    .bind(input.review_by.map(dates::to_db))
    .bind(me.user_id)
    .bind((status == DocumentStatus::Published).then_some(now))
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    let id: i64 = row.try_get(0)?;
    set_tags(&mut tx, id, &tag_ids).await?;
    record_change(&mut tx, id).await?;
    tx.commit().await?;
    reread(db, access, id).await
}

/// Edits a document. Editing a published document needs the publish right and keeps the text
/// it replaces as an earlier version.
pub async fn update(
    db: &Db,
    access: &Access,
    id: i64,
    changes: DocumentChanges,
) -> AppResult<Document> {
    let me = access.user()?;
    let old = reread(db, access, id).await?;
    if old.status == DocumentStatus::Archived {
        return Err(AppError::bad_input(
            "id",
            "Dokumentet är arkiverat. Återställ det innan du redigerar det.",
        ));
    }
    if !can_write(access, &old) {
        return Err(AppError::forbidden());
    }
    let title = match &changes.title {
        Some(t) => parse_title(t)?,
        None => old.title.clone(),
    };
    let summary = match &changes.summary {
        Some(s) => parse_long("summary", s, MAX_SUMMARY)?,
        None => old.summary.clone(),
    };
    let body = match &changes.body {
        Some(b) => parse_long("body", b, MAX_BODY)?,
        None => old.body.clone(),
    };
    let kind = changes.kind.unwrap_or(old.kind);
    let review_by = changes.review_by.unwrap_or(old.review_by);
    let project_id = changes.project_id.unwrap_or(old.project_id);
    let network_id = changes.network_id.unwrap_or(old.network_id());
    require_place(project_id, network_id)?;
    if changes.project_id.is_some() {
        check_project(db, project_id).await?;
    }
    let mut after = old.clone();
    if changes.network_id.is_some() {
        after.network = resolve_network(db, access, network_id).await?;
        if !can_write(access, &after) {
            return Err(AppError::Forbidden(
                "Du kan inte flytta dokumentet till ett nätverk där du inte får ändra det.".into(),
            ));
        }
    }
    let tag_ids = match &changes.tags {
        Some(t) => Some(resolve_tags(db, t).await?),
        None => None,
    };
    let content_changed = title != old.title
        || summary != old.summary
        || body != old.body
        || kind != old.kind
        || review_by != old.review_by;
    let keep_version = old.status == DocumentStatus::Published && content_changed;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    if keep_version {
        sqlx::query(
            "INSERT INTO document_versions (document_id, version, title, summary, body, kind, review_by, \
             edited_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(old.version)
        .bind(&old.title)
        .bind(&old.summary)
        .bind(&old.body)
        .bind(old.kind.as_str())
        .bind(old.review_by.map(dates::to_db))
        .bind(me.user_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query(
        "UPDATE documents SET title = $1, summary = $2, body = $3, kind = $4, review_by = $5, \
         project_id = $6, network_id = $7, version = $8, updated_at = $9 WHERE id = $10",
    )
    .bind(&title)
    .bind(&summary)
    .bind(&body)
    .bind(kind.as_str())
    .bind(review_by.map(dates::to_db))
    .bind(project_id)
    .bind(network_id)
    .bind(old.version + i64::from(keep_version))
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    if let Some(t) = &tag_ids {
        set_tags(&mut tx, id, t).await?;
    }
    record_change(&mut tx, id).await?;
    tx.commit().await?;
    reread(db, access, id).await
}

async fn set_status(
    db: &Db,
    id: i64,
    sql: &str,
    status: DocumentStatus,
    from: Option<DocumentStatus>,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    sqlx::query(sql)
        .bind(status.as_str())
        .bind(from.map(|s| s.as_str()))
        .bind(now_ms())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    record_change(&mut tx, id).await?;
    tx.commit().await
}

/// Publishes a draft (admins, or moderators of its network). Publishing again changes nothing.
pub async fn publish(db: &Db, access: &Access, id: i64) -> AppResult<Document> {
    let doc = reread(db, access, id).await?;
    match doc.status {
        DocumentStatus::Published => return Ok(doc),
        DocumentStatus::Archived => {
            return Err(AppError::bad_input(
                "id",
                "Dokumentet är arkiverat. Återställ det först.",
            ))
        }
        DocumentStatus::Draft => {}
    }
    if !access.can_write() || !can_publish(access, &doc) {
        return Err(AppError::Forbidden(
            "Bara administratörer och nätverkets moderatorer kan publicera dokumentet.".into(),
        ));
    }
    set_status(
        db,
        id,
        "UPDATE documents SET status = $1, archived_from = $2, \
         published_at = COALESCE(published_at, $3), updated_at = $3 WHERE id = $4",
        DocumentStatus::Published,
        None,
    )
    .await?;
    reread(db, access, id).await
}

/// Moves a document to the recycle bin; only its editors see it there.
pub async fn archive(db: &Db, access: &Access, id: i64) -> AppResult<Document> {
    let doc = reread(db, access, id).await?;
    if doc.status == DocumentStatus::Archived {
        return Ok(doc);
    }
    if !can_write(access, &doc) {
        return Err(AppError::forbidden());
    }
    set_status(
        db,
        id,
        "UPDATE documents SET status = $1, archived_from = $2, archived_at = $3, updated_at = $3 \
         WHERE id = $4",
        DocumentStatus::Archived,
        Some(doc.status),
    )
    .await?;
    reread(db, access, id).await
}

/// Takes a document out of the recycle bin, back to the status it had.
pub async fn restore(db: &Db, access: &Access, id: i64) -> AppResult<Document> {
    let doc = reread(db, access, id).await?;
    if doc.status != DocumentStatus::Archived {
        return Ok(doc);
    }
    if !can_write(access, &doc) {
        return Err(AppError::forbidden());
    }
    let back = doc.archived_from.unwrap_or(DocumentStatus::Draft);
    set_status(
        db,
        id,
        "UPDATE documents SET status = $1, archived_from = $2, archived_at = NULL, updated_at = $3 \
         WHERE id = $4",
        back,
        None,
    )
    .await?;
    reread(db, access, id).await
}

/// Marks a document reviewed (granskad): records who and when and sets the next review-by
/// date, `next` or else 12 months from today. Its author, editors (moderators of its
/// network, admins) and its project's responsible may; an archived document answers
/// CONFLICT, a next date that is not after today BAD_INPUT.
pub async fn mark_reviewed(
    db: &Db,
    access: &Access,
    id: i64,
    next: Option<NaiveDate>,
) -> AppResult<Document> {
    let me = access.user()?.user_id;
    let doc = reread(db, access, id).await?;
    let responsible = match doc.project_id {
        Some(p) => projects::get(db, p)
            .await?
            .and_then(|p| p.responsible_user_id),
        None => None,
    };
    if !super::can_mark_reviewed(access, &doc, responsible) {
        return Err(AppError::Forbidden(
            "Bara dokumentets författare, redaktörer och projektets ansvariga kan markera det som granskat."
                .into(),
        ));
    }
    if doc.status == DocumentStatus::Archived {
        return Err(AppError::Conflict(
            "Dokumentet ligger i papperskorgen. Återställ det först.".into(),
        ));
    }
    let next = dates::next_review(next, dates::today(), "nextReviewBy")?;
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE documents SET review_by = $1, reviewed_at = $2, reviewed_by = $3, updated_at = $2
         WHERE id = $4",
    )
    .bind(dates::to_db(next))
    .bind(now_ms())
    .bind(me)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    record_change(&mut tx, id).await?;
    tx.commit().await?;
    reread(db, access, id).await
}
