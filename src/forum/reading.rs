//! Read state (läst/oläst): per user and thread the newest post seen, plus a per-network
//! "all read up to here" marker. A thread is unread while it has a visible post newer than
//! both. Counts only ever cover threads the caller may read: callers pass networks and
//! threads that already passed `Access`.

use std::collections::HashMap;

use sqlx::Row;

use crate::{
    accounts::Access,
    db::{now_ms, sql::Sql, Db, WriteTx},
    error::AppResult,
    forum::{networks, threads},
};

/// Raises a user's read marker in a thread to `post_id` (never lowers it).
pub(crate) async fn mark_read_in(
    tx: &mut WriteTx,
    user_id: i64,
    thread_id: i64,
    post_id: i64,
    at: i64,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO thread_reads (user_id, thread_id, last_read_post_id, read_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, thread_id) DO UPDATE SET
           last_read_post_id = CASE WHEN excluded.last_read_post_id > thread_reads.last_read_post_id
                               THEN excluded.last_read_post_id ELSE thread_reads.last_read_post_id END,
           read_at = excluded.read_at",
    )
    .bind(user_id)
    .bind(thread_id)
    .bind(post_id)
    .bind(at)
    .execute(&mut ***tx)
    .await?;
    Ok(())
}

/// Marks a readable thread read up to its newest post.
pub async fn mark_thread_read(db: &Db, access: &Access, thread_id: i64) -> AppResult<()> {
    let me = access.user()?.user_id;
    let thread = threads::require(db, access, thread_id).await?;
    let mut tx = db.begin_write().await?;
    mark_read_in(&mut tx, me, thread.id, thread.last_post_id, now_ms()).await?;
    tx.commit().await
}

/// Marks everything in a readable network read.
pub async fn mark_network_read(db: &Db, access: &Access, network_id: i64) -> AppResult<()> {
    let me = access.user()?.user_id;
    let net = networks::require(db, access, network_id).await?;
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "SELECT CAST(COALESCE(MAX(last_post_id), 0) AS BIGINT) FROM threads WHERE network_id = $1",
    )
    .bind(net.id)
    .fetch_one(&mut **tx)
    .await?;
    let newest: i64 = row.try_get(0)?;
    sqlx::query(
        "INSERT INTO network_reads (user_id, network_id, read_through_post_id, read_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, network_id) DO UPDATE SET
           read_through_post_id = excluded.read_through_post_id, read_at = excluded.read_at",
    )
    .bind(me)
    .bind(net.id)
    .bind(newest)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    tx.commit().await
}

/// Unread threads per network for one user, in one statement (for a data loader). Threads
/// in the recycle bin are not counted.
pub async fn unread_threads(
    db: &Db,
    user_id: i64,
    network_ids: &[i64],
) -> AppResult<HashMap<i64, i64>> {
    if network_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut q = Sql::new(
        "SELECT t.network_id, COUNT(*) FROM threads t
         LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.user_id = ",
    );
    q.int(user_id).push(
        " LEFT JOIN network_reads nr ON nr.network_id = t.network_id AND nr.user_id = $1
          WHERE t.hidden = 0
          AND t.last_post_id > COALESCE(r.last_read_post_id, 0)
          AND t.last_post_id > COALESCE(nr.read_through_post_id, 0)
          AND t.network_id IN (",
    );
    q.ints(network_ids).push(") GROUP BY t.network_id");
    let mut out = HashMap::new();
    for r in q.query().fetch_all(db.counted()).await? {
        out.insert(r.try_get(0)?, r.try_get(1)?);
    }
    Ok(out)
}

/// Unread visible posts per thread for one user, in one statement (for a data loader).
pub async fn unread_posts(
    db: &Db,
    user_id: i64,
    thread_ids: &[i64],
) -> AppResult<HashMap<i64, i64>> {
    if thread_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut q = Sql::new(
        "SELECT p.thread_id, COUNT(*) FROM posts p JOIN threads t ON t.id = p.thread_id
         LEFT JOIN thread_reads r ON r.thread_id = p.thread_id AND r.user_id = ",
    );
    q.int(user_id).push(
        " LEFT JOIN network_reads nr ON nr.network_id = t.network_id AND nr.user_id = $1
          WHERE p.hidden_at IS NULL
          AND p.id > COALESCE(r.last_read_post_id, 0)
          AND p.id > COALESCE(nr.read_through_post_id, 0)
          AND p.thread_id IN (",
    );
    q.ints(thread_ids).push(") GROUP BY p.thread_id");
    let mut out = HashMap::new();
    for r in q.query().fetch_all(db.counted()).await? {
        out.insert(r.try_get(0)?, r.try_get(1)?);
    }
    Ok(out)
}
