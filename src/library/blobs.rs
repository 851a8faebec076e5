//! File content in the database: each distinct content once (keyed by its sha256) as rows of
//! `blob_chunks` of [`CHUNK_BYTES`], written inside the caller's write transaction and read
//! back one chunk at a time, so that no upload, download or extraction holds a whole file in
//! memory; and the collector that removes blobs no attachment references any more.
//!
//! Rule: a blob's row and all its chunks are written in the transaction that writes the first
//! attachment row pointing at it, so a crash never leaves a half-written blob referenced.
//! Must not: decide who may read a blob (see `attachments`) or what a file is (see `sniff`).

use std::{
    io::{self, Read, Seek},
    time::Duration,
};

use bytes::Bytes;
use futures::Stream;
use sha2::{Digest, Sha256};
use sqlx::Row;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncSeekExt};

use crate::{
    db::{now_ms, Db, WriteTx},
    error::{AppError, AppResult},
    state::AppState,
};

/// Bytes per stored chunk; every chunk of a blob but the last is full. Fixed by migration
/// 0007 (which split the older, whole-file content at this size).
pub const CHUNK_BYTES: u64 = 1024 * 1024;

/// How often the collector looks for unreferenced blobs.
pub const COLLECT_EVERY: Duration = Duration::from_secs(3600);

/// Where a file's bytes are while they are checked and stored.
#[derive(Debug)]
pub enum FileContent {
    /// Small files made or read by the server itself (demo content, imports of a few files).
    Bytes(Vec<u8>),
    /// An upload spooled to a (usually unnamed) temporary file.
    File(std::fs::File),
}

impl FileContent {
    /// The file's size in bytes.
    pub fn len(&self) -> io::Result<u64> {
        match self {
            FileContent::Bytes(b) => Ok(b.len() as u64),
            FileContent::File(f) => Ok(f.metadata()?.len()),
        }
    }

    /// Whether the file has no bytes at all.
    pub fn is_empty(&self) -> io::Result<bool> {
        Ok(self.len()? == 0)
    }

    /// Runs `judge` on a reader over the content from its first byte. Blocking.
    pub fn with_reader<T>(
        &mut self,
        judge: impl FnOnce(&mut dyn ReadSeek) -> io::Result<T>,
    ) -> io::Result<T> {
        match self {
            FileContent::Bytes(b) => judge(&mut io::Cursor::new(b.as_slice())),
            FileContent::File(f) => {
                f.rewind()?;
                judge(f)
            }
        }
    }

    /// The sha256 (lower-case hex) of the whole content, in one streaming pass. Blocking.
    pub fn sha256(&mut self) -> io::Result<String> {
        self.with_reader(|r| {
            let mut hasher = Sha256::new();
            let mut buf = vec![0u8; 256 * 1024];
            loop {
                match r.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => hasher.update(&buf[..n]),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
            Ok(hex::encode(hasher.finalize()))
        })
    }

    /// An async reader over the content from its first byte.
    async fn reader(&mut self) -> io::Result<Box<dyn AsyncRead + Unpin + Send + '_>> {
        Ok(match self {
            FileContent::Bytes(b) => Box::new(b.as_slice()),
            FileContent::File(f) => {
                // tokio's file does its reads on the blocking pool; the clone shares the
                // descriptor, so it is rewound here and not used after.
                let mut file = tokio::fs::File::from_std(f.try_clone()?);
                file.rewind().await?;
                Box::new(file)
            }
        })
    }
}

/// A reader that can also seek: what judging a file needs.
pub trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

/// Writes the chunks of a new blob (whose row the caller has just inserted) from `content`,
/// inside the caller's transaction. Refuses content that is not `size` bytes long, so a
/// stored blob always agrees with its size.
pub(crate) async fn write_chunks(
    tx: &mut WriteTx,
    sha256: &str,
    size: u64,
    content: &mut FileContent,
) -> AppResult<()> {
    let fail = |e: io::Error| AppError::internal(format!("read upload {sha256}: {e}"));
    let mut reader = content.reader().await.map_err(fail)?;
    let mut buf = vec![0u8; CHUNK_BYTES as usize];
    let mut written = 0u64;
    for seq in 0i64.. {
        let mut filled = 0;
        while filled < buf.len() {
            match reader.read(&mut buf[filled..]).await.map_err(fail)? {
                0 => break,
                n => filled += n,
            }
        }
        if filled == 0 {
            break;
        }
        sqlx::query("INSERT INTO blob_chunks (sha256, seq, data) VALUES ($1, $2, $3)")
            .bind(sha256)
            .bind(seq)
            .bind(&buf[..filled])
            .execute(&mut ***tx)
            .await?;
        written += filled as u64;
        if filled < buf.len() {
            break;
        }
    }
    if written != size {
        return Err(AppError::internal(format!(
            "blob {sha256}: {written} bytes read, {size} checked"
        )));
    }
    Ok(())
}

/// The stored size of a blob.
pub async fn size(db: &Db, sha256: &str) -> AppResult<u64> {
    let row = sqlx::query("SELECT size FROM blobs WHERE sha256 = $1")
        .bind(sha256)
        .fetch_one(&db.pool)
        .await?;
    Ok(row.try_get::<i64, _>(0)?.max(0) as u64)
}

/// `len` bytes of chunk `seq` from byte `from` of it, cut in the database.
async fn piece(db: &Db, sha256: &str, seq: u64, from: u64, len: u64) -> AppResult<Vec<u8>> {
    let row = sqlx::query(
        "SELECT SUBSTR(data, CAST($1 AS INTEGER), CAST($2 AS INTEGER)) FROM blob_chunks \
         WHERE sha256 = $3 AND seq = $4",
    )
    .bind(from as i64 + 1)
    .bind(len as i64)
    .bind(sha256)
    .bind(seq as i64)
    .fetch_optional(&db.pool)
    .await?
    .ok_or_else(|| AppError::internal(format!("blob {sha256} lacks chunk {seq}")))?;
    let bytes: Vec<u8> = row.try_get(0)?;
    if bytes.len() as u64 != len {
        return Err(AppError::internal(format!(
            "blob {sha256} chunk {seq}: {} bytes where {len} were expected",
            bytes.len()
        )));
    }
    Ok(bytes)
}

/// Bytes `start..start + len` of a blob, as pieces of at most one chunk, each read from the
/// database only when the one before it has been taken (so a slow client holds one chunk).
pub fn stream_range(
    db: Db,
    sha256: String,
    start: u64,
    len: u64,
) -> impl Stream<Item = AppResult<Bytes>> + Send + 'static {
    async_stream::try_stream! {
        let end = start + len;
        let mut at = start;
        while at < end {
            let (seq, from) = (at / CHUNK_BYTES, at % CHUNK_BYTES);
            let take = (CHUNK_BYTES - from).min(end - at);
            let bytes = piece(&db, &sha256, seq, from, take).await?;
            at += take;
            yield Bytes::from(bytes);
        }
    }
}

/// What one run of the collector did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Collected {
    /// Blobs found unreferenced for the first time (they go a grace period later).
    pub marked: u64,
    /// Blobs removed with their chunks.
    pub removed: u64,
}

const UNREFERENCED: &str = "NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = blobs.sha256)";

/// One run of the collector at `now` (UTC ms), in one write transaction: removes the blobs
/// it marked at least `grace` ago and that are still unreferenced (their chunks go by the
/// foreign key's cascade), forgets the mark of blobs referenced again, and marks blobs
/// found unreferenced now. Attachments in the recycle bin still reference their blob.
pub async fn collect(db: &Db, now: i64, grace: Duration) -> AppResult<Collected> {
    let cutoff = now.saturating_sub(i64::try_from(grace.as_millis()).unwrap_or(i64::MAX));
    let mut tx = db.begin_write().await?;
    let removed = sqlx::query(&format!(
        "DELETE FROM blobs WHERE unreferenced_at <= $1 AND {UNREFERENCED}"
    ))
    .bind(cutoff)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    sqlx::query(&format!(
        "UPDATE blobs SET unreferenced_at = NULL WHERE unreferenced_at IS NOT NULL AND NOT {UNREFERENCED}"
    ))
    .execute(&mut **tx)
    .await?;
    let marked = sqlx::query(&format!(
        "UPDATE blobs SET unreferenced_at = $1 WHERE unreferenced_at IS NULL AND {UNREFERENCED}"
    ))
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(Collected { marked, removed })
}

/// Runs the collector every [`COLLECT_EVERY`] (the first run a minute after start) for as
/// long as the server runs.
pub fn spawn_collector(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let grace = state.config.blob_grace();
        tokio::time::sleep(Duration::from_secs(60)).await;
        let mut every = tokio::time::interval(COLLECT_EVERY);
        loop {
            every.tick().await;
            match collect(&state.db, now_ms(), grace).await {
                Ok(c) if c.marked + c.removed > 0 => {
                    tracing::info!(marked = c.marked, removed = c.removed, "blob collector")
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e.log_message(), "blob collector failed"),
            }
        }
    })
}
