//! Reading attachments' text for search, in the background: at most [`MAX_CONCURRENT`]
//! extractions at a time, each on a blocking thread, the result (text, or the Swedish reason
//! it failed) stored on the blob and announced in the change log for every attachment that
//! shares it. An upload never fails because its text could not be read.

use sqlx::Row;
use tokio::{sync::Semaphore, task::JoinHandle};
use tracing::Instrument;

use crate::{
    db::{change_log, change_log::EntityKind, now_ms, Db},
    error::{AppError, AppResult},
    library::{
        extract::{extract_text, ExtractError},
        kinds::TextStatus,
        sniff::FileKind,
    },
};

/// Extractions running at once; the rest wait their turn. Two keeps a small server's other
/// work (search, requests) responsive while large PDFs are read.
pub const MAX_CONCURRENT: usize = 2;

static PERMITS: Semaphore = Semaphore::const_new(MAX_CONCURRENT);

/// Reads the text of blob `sha256` in the background. `bytes` saves re-reading the content
/// when the caller still holds it.
pub fn spawn(db: Db, sha256: String, kind: FileKind) -> JoinHandle<()> {
    let span = tracing::info_span!("extract_text", sha256 = %sha256);
    tokio::spawn(
        async move {
            if let Err(e) = run(&db, &sha256, kind).await {
                tracing::error!(error = %e.log_message(), "text extraction could not be stored");
            }
        }
        .instrument(span),
    )
}

async fn run(db: &Db, sha256: &str, kind: FileKind) -> AppResult<()> {
    let _permit = PERMITS
        .acquire()
        .await
        .map_err(|e| AppError::internal(format!("extraction semaphore: {e}")))?;
    let bytes = crate::library::attachments::content(db, sha256).await?;
    let started = std::time::Instant::now();
    let span = tracing::Span::current();
    let outcome = tokio::task::spawn_blocking(move || {
        let _enter = span.enter();
        extract_text(kind, &bytes)
    })
    .await;
    let (status, text, reason) = match outcome {
        Ok(Ok(text)) => (TextStatus::Done, Some(text), None),
        Ok(Err(e)) => {
            if let ExtractError::Unreadable { detail } = &e {
                tracing::info!(%sha256, %detail, "text could not be read");
            }
            (TextStatus::Failed, None, Some(e.to_string()))
        }
        Err(e) => {
            tracing::error!(%sha256, error = %e, "text extraction task failed");
            (
                TextStatus::Failed,
                None,
                Some("Texten i filen kunde inte läsas, så filen går inte att söka i".to_string()),
            )
        }
    };
    tracing::info!(
        %sha256,
        status = status.as_str(),
        ms = started.elapsed().as_millis() as u64,
        "text extraction finished"
    );
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE blobs SET text_status = $1, text_content = $2, text_error = $3, text_updated_at = $4 \
         WHERE sha256 = $5 AND text_status = 'pending'",
    )
    .bind(status.as_str())
    .bind(text)
    .bind(reason)
    .bind(now_ms())
    .bind(sha256)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() > 0 {
        let rows = sqlx::query("SELECT id FROM attachments WHERE sha256 = $1")
            .bind(sha256)
            .fetch_all(&mut **tx)
            .await?;
        for r in rows {
            change_log::record(&mut tx, EntityKind::Attachment, r.try_get(0)?).await?;
        }
    }
    tx.commit().await
}

/// Restarts extractions a stopped server left pending. Returns how many were started.
pub async fn resume_pending(db: &Db) -> AppResult<usize> {
    let rows = sqlx::query("SELECT sha256, kind FROM blobs WHERE text_status = 'pending'")
        .fetch_all(&db.pool)
        .await?;
    let mut started = 0;
    for r in rows {
        let sha: String = r.try_get(0)?;
        let word: String = r.try_get(1)?;
        match FileKind::from_extension(&word) {
            Some(kind) => {
                spawn(db.clone(), sha, kind);
                started += 1;
            }
            None => tracing::error!(%sha, kind = %word, "pending blob of unknown kind"),
        }
    }
    Ok(started)
}
