//! The change log: the outbox the search indexer follows.
//!
//! Every transaction that changes searchable content calls [`record`] inside that same
//! transaction, so the index can never miss an acknowledged write. Nothing else feeds the
//! index.

use sqlx::Row;

use crate::{db::WriteTx, error::AppResult};

/// What kind of entity changed; the indexer re-reads that entity by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    Thread,
    Document,
    Attachment,
    Person,
    Meeting,
    Newsletter,
    /// A network's visibility or membership changed: its threads' read rights changed.
    Network,
    /// A user changed (display name, erasure): their authored content is re-indexed.
    User,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Thread => "thread",
            EntityKind::Document => "document",
            EntityKind::Attachment => "attachment",
            EntityKind::Person => "person",
            EntityKind::Meeting => "meeting",
            EntityKind::Newsletter => "newsletter",
            EntityKind::Network => "network",
            EntityKind::User => "user",
        }
    }

    pub fn parse(s: &str) -> Option<EntityKind> {
        Some(match s {
            "thread" => EntityKind::Thread,
            "document" => EntityKind::Document,
            "attachment" => EntityKind::Attachment,
            "person" => EntityKind::Person,
            "meeting" => EntityKind::Meeting,
            "newsletter" => EntityKind::Newsletter,
            "network" => EntityKind::Network,
            "user" => EntityKind::User,
            _ => return None,
        })
    }
}

/// Records that `kind`/`entity_id` changed, as part of the caller's transaction. The row is
/// written when the transaction commits (see [`WriteTx::commit`]), so that on PostgreSQL the
/// seq is drawn under a lock held until commit: seqs then become visible in order, and a
/// hole below a visible seq is a transaction that rolled back, never one still running.
pub async fn record(tx: &mut WriteTx, kind: EntityKind, entity_id: i64) -> AppResult<()> {
    if !tx.pending.contains(&(kind, entity_id)) {
        tx.pending.push((kind, entity_id));
    }
    Ok(())
}

/// Writes the recorded changes inside `tx` (called by [`WriteTx::commit`]); returns the
/// highest seq.
pub(crate) async fn write_pending(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    pending: &[(EntityKind, i64)],
) -> AppResult<Option<i64>> {
    let now = crate::db::now_ms();
    let mut max = None;
    for (kind, entity_id) in pending {
        let row = sqlx::query(
            "INSERT INTO change_log (kind, entity_id, created_at) VALUES ($1, $2, $3) RETURNING seq",
        )
        .bind(kind.as_str())
        .bind(*entity_id)
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
        let seq: i64 = row.try_get(0)?;
        max = Some(max.map_or(seq, |m: i64| m.max(seq)));
    }
    Ok(max)
}

/// One entry of the change log.
#[derive(Debug, Clone)]
pub struct Change {
    pub seq: i64,
    pub kind: Option<EntityKind>,
    pub entity_id: i64,
    pub created_at: i64,
}

/// Reads up to `limit` changes after `after_seq`, in seq order.
pub async fn read_after(
    pool: &sqlx::AnyPool,
    after_seq: i64,
    limit: i64,
) -> AppResult<Vec<Change>> {
    let rows = sqlx::query(
        "SELECT seq, kind, entity_id, created_at FROM change_log WHERE seq > $1 ORDER BY seq LIMIT $2",
    )
    .bind(after_seq)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Change {
                seq: r.try_get(0)?,
                kind: EntityKind::parse(&r.try_get::<String, _>(1)?),
                entity_id: r.try_get(2)?,
                created_at: r.try_get(3)?,
            })
        })
        .collect()
}

/// The newest seq in the log (0 when empty).
pub async fn max_seq(pool: &sqlx::AnyPool) -> AppResult<i64> {
    let row = sqlx::query("SELECT CAST(COALESCE(MAX(seq), 0) AS BIGINT) FROM change_log")
        .fetch_one(pool)
        .await?;
    Ok(row.try_get(0)?)
}
