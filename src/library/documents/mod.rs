//! Documents (handläggarstöd): the document row, who may read, edit and publish it, and the
//! change-log rule that keeps search in step. Reading lives in `read`, changing in `write`.
//!
//! The rules, in one place:
//! - a document in a members-only network is invisible to non-members (admins see all);
//! - drafts and archived documents are visible to their editors only: the author, admins and
//!   the moderators of the document's network;
//! - admins publish anything, network moderators their network's documents; changing a
//!   published document (or archiving, restoring it) needs that same publish right.

mod read;
mod write;

/// Length limits of titles, summaries, bodies and tag lists.
pub mod write_limits {
    pub use super::write::{MAX_BODY, MAX_SUMMARY, MAX_TAGS, MAX_TITLE};
}

pub(crate) use read::fetch;
pub use read::{
    due_for_review, get, list, load_views, versions, DocumentFilter, DocumentView, Version,
};
pub use write::{
    archive, create, mark_reviewed, publish, restore, update, DocumentChanges, NewDocument,
};

use chrono::NaiveDate;
use sqlx::{any::AnyRow, Row};

use crate::{
    accounts::Access,
    dates,
    db::{change_log, change_log::EntityKind, sql::Sql, WriteTx},
    error::AppResult,
    library::{
        kinds::{DocumentKind, DocumentStatus},
        related::NetworkRef,
    },
};

/// A document as stored, with its network and tag names.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: i64,
    pub title: String,
    pub summary: String,
    /// Markdown.
    pub body: String,
    pub kind: DocumentKind,
    pub status: DocumentStatus,
    /// For an archived document: the status a restore goes back to.
    pub archived_from: Option<DocumentStatus>,
    pub review_by: Option<NaiveDate>,
    pub author_id: Option<i64>,
    pub version: i64,
    pub project_id: Option<i64>,
    pub network: Option<NetworkRef>,
    pub tags: Vec<String>,
    pub published_at: Option<i64>,
    pub archived_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// When someone last marked it reviewed (granskad), and who.
    pub reviewed_at: Option<i64>,
    pub reviewed_by: Option<i64>,
}

/// Columns of `documents d LEFT JOIN networks n`, in the order [`Document::from_row`] reads.
pub(crate) const COLUMNS: &str = "d.id, d.title, d.summary, d.body, d.kind, d.status, \
d.archived_from, d.review_by, d.author_id, d.version, d.project_id, d.published_at, \
d.archived_at, d.created_at, d.updated_at, n.id, n.slug, n.name, n.members_only, \
d.reviewed_at, d.reviewed_by";

pub(crate) const FROM: &str = " FROM documents d LEFT JOIN networks n ON n.id = d.network_id";

impl Document {
    pub(crate) fn from_row(r: &AnyRow) -> AppResult<Document> {
        let kind: String = r.try_get(4)?;
        let network_id: Option<i64> = r.try_get(15)?;
        Ok(Document {
            id: r.try_get(0)?,
            title: r.try_get(1)?,
            summary: r.try_get(2)?,
            body: r.try_get(3)?,
            kind: DocumentKind::parse(&kind).ok_or_else(|| {
                crate::error::AppError::internal(format!("document kind {kind:?}"))
            })?,
            status: DocumentStatus::parse(&r.try_get::<String, _>(5)?)?,
            archived_from: r
                .try_get::<Option<String>, _>(6)?
                .as_deref()
                .map(DocumentStatus::parse)
                .transpose()?,
            review_by: dates::opt_from_db(r.try_get(7)?)?,
            author_id: r.try_get(8)?,
            version: r.try_get(9)?,
            project_id: r.try_get(10)?,
            published_at: r.try_get(11)?,
            archived_at: r.try_get(12)?,
            created_at: r.try_get(13)?,
            updated_at: r.try_get(14)?,
            network: match network_id {
                Some(_) => Some(NetworkRef::from_row_at(r, 15)?),
                None => None,
            },
            tags: Vec::new(),
            reviewed_at: r.try_get(19)?,
            reviewed_by: r.try_get(20)?,
        })
    }

    pub fn network_id(&self) -> Option<i64> {
        self.network.as_ref().map(|n| n.id)
    }

    /// Is the review-by date past?
    pub fn review_overdue(&self, today: NaiveDate) -> bool {
        self.status != DocumentStatus::Archived && self.review_by.is_some_and(|d| d < today)
    }

    /// The status that decides who may change the document (an archived one: what it was).
    fn effective_status(&self) -> DocumentStatus {
        match self.status {
            DocumentStatus::Archived => self.archived_from.unwrap_or(DocumentStatus::Draft),
            s => s,
        }
    }
}

/// May the caller edit this document while it is a draft (and see it as one)?
pub fn can_edit(access: &Access, doc: &Document) -> bool {
    let Some(p) = &access.principal else {
        return false;
    };
    access.is_admin()
        || doc.author_id == Some(p.user_id)
        || doc.network_id().is_some_and(|n| access.can_moderate(n))
}

/// May the caller mark it reviewed: a writing caller who may edit it as a draft, or the
/// responsible user of its project.
pub fn can_mark_reviewed(access: &Access, doc: &Document, responsible: Option<i64>) -> bool {
    let Some(p) = &access.principal else {
        return false;
    };
    access.can_write() && (can_edit(access, doc) || responsible == Some(p.user_id))
}

/// May the caller publish this document (or change it once published)?
pub fn can_publish(access: &Access, doc: &Document) -> bool {
    access.is_admin() || doc.network_id().is_some_and(|n| access.can_moderate(n))
}

/// May the caller change the document (and its attachments) in its current state?
pub fn can_write(access: &Access, doc: &Document) -> bool {
    access.can_write()
        && match doc.effective_status() {
            DocumentStatus::Published => can_publish(access, doc),
            _ => can_edit(access, doc),
        }
}

/// Appends ` AND <the caller may read d>` for `documents d` (see the module rules). The
/// network memberships come from the caller's `Access`, as every other check does.
pub(crate) fn push_readable(sql: &mut Sql, access: &Access) -> AppResult<()> {
    let me = access.user()?;
    if access.is_admin() {
        return Ok(());
    }
    let member_of: Vec<i64> = me.networks.keys().copied().collect();
    let moderates: Vec<i64> = me
        .networks
        .iter()
        .filter(|(_, r)| **r == crate::accounts::NetworkRole::Moderator)
        .map(|(id, _)| *id)
        .collect();
    sql.push(" AND (d.network_id IS NULL OR n.members_only = 0 OR d.network_id IN (")
        .ints(&member_of)
        .push("))");
    sql.push(" AND (d.status = 'published' OR d.author_id = ")
        .int(me.user_id)
        .push(" OR d.network_id IN (")
        .ints(&moderates)
        .push("))");
    Ok(())
}

/// Records that a document changed, and with it each of its attachments (their search
/// entries carry the document's title and read rights).
pub async fn record_change(tx: &mut WriteTx, document_id: i64) -> AppResult<()> {
    change_log::record(tx, EntityKind::Document, document_id).await?;
    let rows =
        sqlx::query("SELECT id FROM attachments WHERE owner_kind = 'document' AND owner_id = $1")
            .bind(document_id)
            .fetch_all(&mut ***tx)
            .await?;
    for r in rows {
        change_log::record(tx, EntityKind::Attachment, r.try_get(0)?).await?;
    }
    Ok(())
}
