//! Attachments on documents and forum posts: the one read/write check on an owner, upload
//! (type checked against the bytes, name cleaned, content stored once per sha256, a new
//! version keeping the old one), listing, recycle bin, and reading the stored bytes back.
//!
//! Must not: serve HTTP (see `crate::http::files`), extract text itself (see `extraction`)
//! or know how content is laid out in the database (see `blobs`).

use std::collections::HashMap;

use sqlx::{any::AnyRow, Row};
use tokio::task::JoinHandle;

use crate::{
    accounts::Access,
    db::{change_log, change_log::EntityKind, now_ms, sql::Sql, Db, WriteTx},
    error::{AppError, AppResult},
    library::{
        blobs, documents, extraction,
        filename::sanitize_file_name,
        kinds::TextStatus,
        sniff::{self, FileKind},
    },
};

/// What an attachment belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    Document(i64),
    Post(i64),
}

impl Owner {
    pub fn kind(self) -> &'static str {
        match self {
            Owner::Document(_) => "document",
            Owner::Post(_) => "post",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Owner::Document(id) | Owner::Post(id) => id,
        }
    }

    fn from_db(kind: &str, id: i64) -> AppResult<Owner> {
        match kind {
            "document" => Ok(Owner::Document(id)),
            "post" => Ok(Owner::Post(id)),
            _ => Err(AppError::internal(format!(
                "attachment owner kind {kind:?}"
            ))),
        }
    }
}

/// What the caller wants to do with an owner's attachments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Right {
    /// List and download.
    Read,
    /// Upload, replace, delete and restore.
    Write,
}

/// The one check of the caller's right on an attachment owner. An owner the caller may not
/// read is NOT_FOUND (its existence is not revealed); one they may read but not change is
/// FORBIDDEN.
pub async fn check_owner(db: &Db, access: &Access, owner: Owner, right: Right) -> AppResult<()> {
    access.user()?;
    match owner {
        Owner::Document(id) => {
            let doc = documents::get(db, access, id)
                .await?
                .ok_or_else(|| AppError::not_found("Dokumentet"))?;
            if right == Right::Write && !documents::can_write(access, &doc) {
                return Err(AppError::forbidden());
            }
            Ok(())
        }
        // A post's files follow the post: readable with the post, changed by whoever may
        // edit it (its author or the network's moderators).
        Owner::Post(id) => {
            let post = crate::forum::posts::get(db, access, id)
                .await?
                .ok_or_else(|| AppError::not_found("Inlägget"))?;
            if right == Right::Write && !post.editable_by(access) {
                return Err(AppError::forbidden());
            }
            Ok(())
        }
    }
}

/// An attachment row with the state of its extracted text.
#[derive(Debug, Clone)]
pub struct Attachment {
    pub id: i64,
    pub owner: Owner,
    /// The id of the first version; every version of one file shares it.
    pub series_id: i64,
    pub version: i64,
    /// False for a version that a newer one replaced.
    pub is_current: bool,
    /// Cleaned, safe to show and to send in Content-Disposition; never a path.
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: Option<i64>,
    pub created_at: i64,
    /// Set while in the recycle bin.
    pub deleted_at: Option<i64>,
    pub text_status: TextStatus,
    /// Why the text could not be read (Swedish).
    pub text_error: Option<String>,
}

const COLUMNS: &str = "a.id, a.owner_kind, a.owner_id, a.series_id, a.version, a.is_current, \
a.file_name, a.content_type, a.size, a.sha256, a.uploaded_by, a.created_at, a.deleted_at, \
b.text_status, b.text_error";
const FROM: &str = " FROM attachments a JOIN blobs b ON b.sha256 = a.sha256";

impl Attachment {
    fn from_row(r: &AnyRow) -> AppResult<Attachment> {
        let id: i64 = r.try_get(0)?;
        Ok(Attachment {
            id,
            owner: Owner::from_db(&r.try_get::<String, _>(1)?, r.try_get(2)?)?,
            series_id: r.try_get::<Option<i64>, _>(3)?.unwrap_or(id),
            version: r.try_get(4)?,
            is_current: r.try_get::<i64, _>(5)? != 0,
            file_name: r.try_get(6)?,
            content_type: r.try_get(7)?,
            size: r.try_get(8)?,
            sha256: r.try_get(9)?,
            uploaded_by: r.try_get(10)?,
            created_at: r.try_get(11)?,
            deleted_at: r.try_get(12)?,
            text_status: TextStatus::parse(&r.try_get::<String, _>(13)?)?,
            text_error: r.try_get(14)?,
        })
    }

    /// The accepted kind this attachment was stored as.
    pub fn file_kind(&self) -> Option<FileKind> {
        FileKind::ALL
            .into_iter()
            .find(|k| k.mime() == self.content_type)
    }

    /// Browsers may show PDFs and images in place; everything else is downloaded.
    pub fn inline(&self) -> bool {
        self.file_kind()
            .is_some_and(|k| k == FileKind::Pdf || k.is_image())
    }

    /// Where the file is downloaded.
    pub fn url(&self) -> String {
        format!("/files/{}", self.id)
    }
}

async fn load(db: &Db, sql: &Sql) -> AppResult<Vec<Attachment>> {
    sql.query()
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(Attachment::from_row)
        .collect()
}

async fn by_id(db: &Db, id: i64) -> AppResult<Option<Attachment>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS}{FROM} WHERE a.id = "));
    sql.int(id);
    Ok(load(db, &sql).await?.pop())
}

/// An attachment the caller may read (a deleted one only for those who may change its
/// owner), else None. Lists, `node(id)` and downloads all come through here.
pub async fn get_readable(db: &Db, access: &Access, id: i64) -> AppResult<Option<Attachment>> {
    let Some(att) = by_id(db, id).await? else {
        return Ok(None);
    };
    let right = if att.deleted_at.is_some() {
        Right::Write
    } else {
        Right::Read
    };
    match check_owner(db, access, att.owner, right).await {
        Ok(()) => Ok(Some(att)),
        Err(AppError::NotFound(_) | AppError::Forbidden(_) | AppError::Unauthenticated) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The current, not deleted attachments of documents, keyed by document id (one query).
/// The caller has already checked that it may read the documents.
pub async fn current_for_documents(
    db: &Db,
    document_ids: &[i64],
) -> AppResult<HashMap<i64, Vec<Attachment>>> {
    current_for(db, "document", document_ids).await
}

/// The current, not deleted attachments of forum posts, keyed by post id (one query).
/// The caller has already checked that it may read the posts.
pub async fn current_for_posts(
    db: &Db,
    post_ids: &[i64],
) -> AppResult<HashMap<i64, Vec<Attachment>>> {
    current_for(db, "post", post_ids).await
}

async fn current_for(
    db: &Db,
    owner_kind: &str,
    owner_ids: &[i64],
) -> AppResult<HashMap<i64, Vec<Attachment>>> {
    let mut out: HashMap<i64, Vec<Attachment>> = HashMap::new();
    if owner_ids.is_empty() {
        return Ok(out);
    }
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS}{FROM} WHERE a.is_current = 1 AND a.deleted_at IS NULL AND a.owner_kind = "
    ));
    sql.text(owner_kind)
        .push(" AND a.owner_id IN (")
        .ints(owner_ids)
        .push(") ORDER BY a.file_name, a.id");
    for a in load(db, &sql).await? {
        out.entry(a.owner.id()).or_default().push(a);
    }
    Ok(out)
}

/// The owner's attachments in the recycle bin, for those who may change the owner.
pub async fn deleted_for(db: &Db, access: &Access, owner: Owner) -> AppResult<Vec<Attachment>> {
    if check_owner(db, access, owner, Right::Write).await.is_err() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS}{FROM} WHERE a.is_current = 1 AND a.deleted_at IS NOT NULL AND a.owner_kind = "
    ));
    sql.text(owner.kind())
        .push(" AND a.owner_id = ")
        .int(owner.id())
        .push(" ORDER BY a.deleted_at DESC, a.id");
    load(db, &sql).await
}

/// Every version of the file `att` is one of, newest first.
pub async fn versions(db: &Db, att: &Attachment) -> AppResult<Vec<Attachment>> {
    let mut sql = Sql::new(&format!("SELECT {COLUMNS}{FROM} WHERE a.id = "));
    sql.int(att.series_id)
        .push(" OR a.series_id = ")
        .int(att.series_id)
        .push(" ORDER BY a.version DESC, a.id DESC");
    load(db, &sql).await
}

pub use blobs::FileContent;

/// A file as it arrived.
#[derive(Debug)]
pub struct NewFile {
    /// As the client sent it; cleaned before it is stored or checked.
    pub file_name: String,
    /// The declared content type, if any.
    pub content_type: Option<String>,
    pub content: FileContent,
}

/// A stored upload, and the text extraction it started (already running; awaiting it is
/// optional).
pub struct Uploaded {
    pub attachment: Attachment,
    pub extraction: Option<JoinHandle<()>>,
}

/// What checking a file found: its kind, size and sha256, and the content to store.
pub struct Checked {
    pub file_name: String,
    pub kind: FileKind,
    pub size: u64,
    pub sha256: String,
    pub content: FileContent,
}

/// Checks a file off the async threads: size, name, declared type against the content
/// (its head, ZIP directory or a streaming text scan), and its sha256 in one streaming pass.
/// The refusal is BAD_INPUT (or TOO_LARGE) with a Swedish reason.
pub async fn check_file(file: NewFile, max_bytes: u64) -> AppResult<Checked> {
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || {
        let _enter = span.enter();
        let NewFile {
            file_name,
            content_type,
            mut content,
        } = file;
        let unreadable = |e: std::io::Error| AppError::internal(format!("read upload: {e}"));
        let size = content.len().map_err(unreadable)?;
        if size > max_bytes {
            return Err(AppError::TooLarge(format!(
                "Filen är för stor (högst {} MiB).",
                max_bytes / (1024 * 1024)
            )));
        }
        let file_name = sanitize_file_name(&file_name);
        let declared = content_type.unwrap_or_default();
        let kind = content
            .with_reader(|mut r| sniff::check_declared_reader(&declared, &file_name, &mut r))
            .map_err(unreadable)?
            .map_err(|e| AppError::bad_input("file", format!("{e}.")))?;
        let sha256 = content.sha256().map_err(unreadable)?;
        Ok(Checked {
            file_name,
            kind,
            size,
            sha256,
            content,
        })
    })
    .await?
}

/// The stored word for a kind: its usual extension.
pub(crate) fn kind_word(kind: FileKind) -> &'static str {
    kind.extensions()[0]
}

/// Stores a checked file for `owner` inside the caller's transaction: the blob once per
/// content (its chunks streamed from the checked content), the attachment row (a new
/// version of `replaces` when given) and the change log. Returns the new attachment id and
/// whether the blob's text still needs reading.
pub(crate) async fn store(
    tx: &mut WriteTx,
    uploaded_by: i64,
    owner: Owner,
    replaces: Option<&Attachment>,
    file: &mut Checked,
) -> AppResult<(i64, bool)> {
    let now = now_ms();
    // An update, not a select: on PostgreSQL it locks the row, so the blob collector cannot
    // remove it under this transaction, and it clears a mark the collector may have set.
    let exists = sqlx::query(
        "UPDATE blobs SET unreferenced_at = NULL WHERE sha256 = $1 RETURNING text_status",
    )
    .bind(&file.sha256)
    .fetch_optional(&mut ***tx)
    .await?;
    let status = match exists {
        Some(r) => TextStatus::parse(&r.try_get::<String, _>(0)?)?,
        None => {
            let status = if file.kind.has_extractable_text() {
                TextStatus::Pending
            } else {
                TextStatus::None
            };
            let inserted = sqlx::query(
                "INSERT INTO blobs (sha256, size, kind, text_status, created_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING",
            )
            .bind(&file.sha256)
            .bind(file.size as i64)
            .bind(kind_word(file.kind))
            .bind(status.as_str())
            .bind(now)
            .execute(&mut ***tx)
            .await?
            .rows_affected();
            if inserted == 1 {
                blobs::write_chunks(tx, &file.sha256, file.size, &mut file.content).await?;
                status
            } else {
                // Another node's upload of the same content committed first (PostgreSQL).
                let row = sqlx::query("SELECT text_status FROM blobs WHERE sha256 = $1")
                    .bind(&file.sha256)
                    .fetch_one(&mut ***tx)
                    .await?;
                TextStatus::parse(&row.try_get::<String, _>(0)?)?
            }
        }
    };
    let (series_id, version) = match replaces {
        Some(old) => {
            let row = sqlx::query(
                "SELECT CAST(COALESCE(MAX(version), 0) AS BIGINT) FROM attachments WHERE series_id = $1 OR id = $1",
            )
            .bind(old.series_id)
            .fetch_one(&mut ***tx)
            .await?;
            sqlx::query("UPDATE attachments SET is_current = 0 WHERE series_id = $1 OR id = $1")
                .bind(old.series_id)
                .execute(&mut ***tx)
                .await?;
            change_log::record(tx, EntityKind::Attachment, old.id).await?;
            (Some(old.series_id), row.try_get::<i64, _>(0)? + 1)
        }
        None => (None, 1),
    };
    let row = sqlx::query(
        "INSERT INTO attachments (owner_kind, owner_id, series_id, version, is_current, file_name, \
         content_type, size, sha256, uploaded_by, created_at) \
         VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(owner.kind())
    .bind(owner.id())
    .bind(series_id)
    .bind(version)
    .bind(&file.file_name)
    .bind(file.kind.mime())
    .bind(file.size as i64)
    .bind(&file.sha256)
    .bind(uploaded_by)
    .bind(now)
    .fetch_one(&mut ***tx)
    .await?;
    let id: i64 = row.try_get(0)?;
    if series_id.is_none() {
        sqlx::query("UPDATE attachments SET series_id = $1 WHERE id = $1")
            .bind(id)
            .execute(&mut ***tx)
            .await?;
    }
    change_log::record(tx, EntityKind::Attachment, id).await?;
    Ok((id, status == TextStatus::Pending))
}

/// Uploads a file to `owner`, or as a new version of the attachment `replaces` (the old
/// version stays readable). The text is read in the background.
pub async fn upload(
    db: &Db,
    access: &Access,
    max_bytes: u64,
    owner: Owner,
    replaces: Option<i64>,
    file: NewFile,
) -> AppResult<Uploaded> {
    let me = access.user()?.user_id;
    check_owner(db, access, owner, Right::Write).await?;
    let old = match replaces {
        Some(id) => match get_readable(db, access, id).await? {
            Some(a) if a.owner == owner && a.is_current && a.deleted_at.is_none() => Some(a),
            _ => {
                return Err(AppError::bad_input(
                    "replaces",
                    "Bilagan som ska ersättas finns inte bland ägarens bilagor.",
                ))
            }
        },
        None => None,
    };
    let mut checked = check_file(file, max_bytes).await?;
    let mut tx = db.begin_write().await?;
    let (id, needs_text) = store(&mut tx, me, owner, old.as_ref(), &mut checked).await?;
    tx.commit().await?;
    let extraction =
        needs_text.then(|| extraction::spawn(db.clone(), checked.sha256.clone(), checked.kind));
    let attachment = by_id(db, id)
        .await?
        .ok_or_else(|| AppError::internal("stored attachment vanished"))?;
    Ok(Uploaded {
        attachment,
        extraction,
    })
}

async fn set_deleted(db: &Db, access: &Access, id: i64, deleted: bool) -> AppResult<Attachment> {
    let me = access.user()?.user_id;
    let att = get_readable(db, access, id)
        .await?
        .ok_or_else(|| AppError::not_found("Bilagan"))?;
    check_owner(db, access, att.owner, Right::Write).await?;
    let mut tx = db.begin_write().await?;
    let rows = sqlx::query("SELECT id FROM attachments WHERE series_id = $1 OR id = $1")
        .bind(att.series_id)
        .fetch_all(&mut **tx)
        .await?;
    let (at, by) = if deleted {
        (Some(now_ms()), Some(me))
    } else {
        (None, None)
    };
    sqlx::query(
        "UPDATE attachments SET deleted_at = $1, deleted_by = $2 WHERE series_id = $3 OR id = $3",
    )
    .bind(at)
    .bind(by)
    .bind(att.series_id)
    .execute(&mut **tx)
    .await?;
    for r in rows {
        change_log::record(&mut tx, EntityKind::Attachment, r.try_get(0)?).await?;
    }
    tx.commit().await?;
    by_id(db, id)
        .await?
        .ok_or_else(|| AppError::internal("attachment vanished"))
}

/// Moves an attachment (all its versions) to the recycle bin.
pub async fn delete(db: &Db, access: &Access, id: i64) -> AppResult<Attachment> {
    set_deleted(db, access, id, true).await
}

/// Takes an attachment (all its versions) out of the recycle bin.
pub async fn restore(db: &Db, access: &Access, id: i64) -> AppResult<Attachment> {
    set_deleted(db, access, id, false).await
}

/// The whole stored content of a blob, in memory: for small files only (the text extractor
/// streams with [`write_content`] instead).
pub async fn content(db: &Db, sha256: &str) -> AppResult<Vec<u8>> {
    use futures::TryStreamExt;
    let size = blobs::size(db, sha256).await?;
    let mut out = Vec::with_capacity(size as usize);
    let mut pieces = std::pin::pin!(blobs::stream_range(db.clone(), sha256.to_string(), 0, size));
    while let Some(piece) = pieces.try_next().await? {
        out.extend_from_slice(&piece);
    }
    Ok(out)
}

/// Writes the whole stored content of a blob to `out`, one chunk at a time; returns how
/// many bytes it wrote, fewer when the reader closed its end early (a broken pipe is not an
/// error here).
pub async fn write_content<W>(db: &Db, sha256: &str, out: &mut W) -> AppResult<u64>
where
    W: tokio::io::AsyncWrite + Unpin + Send,
{
    use futures::TryStreamExt;
    use tokio::io::AsyncWriteExt;
    let size = blobs::size(db, sha256).await?;
    let mut pieces = std::pin::pin!(blobs::stream_range(db.clone(), sha256.to_string(), 0, size));
    let mut written = 0u64;
    while let Some(piece) = pieces.try_next().await? {
        match out.write_all(&piece).await {
            Ok(()) => written += piece.len() as u64,
            // The reader stopped reading (a child process that ended early): what it took
            // stands, and what it does next is its own to tell.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(written),
            Err(e) => return Err(AppError::internal(format!("write blob {sha256}: {e}"))),
        }
    }
    Ok(written)
}
