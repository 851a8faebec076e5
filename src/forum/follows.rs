//! Following (bevaka) networks and threads. Followers of a thread are told about replies and
//! accepted answers; followers of a network about its announcements. Authors follow their own
//! threads and members follow their networks automatically; both can unfollow.

use std::collections::HashSet;

use crate::{
    accounts::Access,
    db::{now_ms, sql::Sql, Db, WriteTx},
    error::AppResult,
    forum::{networks, threads},
};

/// What a user follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Network(i64),
    Thread(i64),
}

/// Follows or unfollows something the caller may read (NOT_FOUND otherwise).
pub async fn set(db: &Db, access: &Access, target: Target, follow: bool) -> AppResult<()> {
    let me = access.user()?.user_id;
    match target {
        Target::Network(id) => {
            networks::require(db, access, id).await?;
        }
        Target::Thread(id) => {
            threads::require(db, access, id).await?;
        }
    }
    let mut tx = db.begin_write().await?;
    match (target, follow) {
        (Target::Network(id), true) => follow_network_in(&mut tx, me, id).await?,
        (Target::Network(id), false) => unfollow_network_in(&mut tx, me, id).await?,
        (Target::Thread(id), true) => follow_thread_in(&mut tx, me, id).await?,
        (Target::Thread(id), false) => {
            sqlx::query("DELETE FROM thread_follows WHERE user_id = $1 AND thread_id = $2")
                .bind(me)
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
    }
    tx.commit().await
}

pub(crate) async fn follow_network_in(tx: &mut WriteTx, user_id: i64, id: i64) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO network_follows (user_id, network_id, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, network_id) DO NOTHING",
    )
    .bind(user_id)
    .bind(id)
    .bind(now_ms())
    .execute(&mut ***tx)
    .await?;
    Ok(())
}

pub(crate) async fn unfollow_network_in(tx: &mut WriteTx, user_id: i64, id: i64) -> AppResult<()> {
    sqlx::query("DELETE FROM network_follows WHERE user_id = $1 AND network_id = $2")
        .bind(user_id)
        .bind(id)
        .execute(&mut ***tx)
        .await?;
    Ok(())
}

pub(crate) async fn follow_thread_in(tx: &mut WriteTx, user_id: i64, id: i64) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO thread_follows (user_id, thread_id, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, thread_id) DO NOTHING",
    )
    .bind(user_id)
    .bind(id)
    .bind(now_ms())
    .execute(&mut ***tx)
    .await?;
    Ok(())
}

/// Which of `targets` one user follows, in at most two statements (for a data loader).
pub async fn followed(db: &Db, user_id: i64, targets: &[Target]) -> AppResult<HashSet<Target>> {
    let mut out = HashSet::new();
    let nets: Vec<i64> = targets
        .iter()
        .filter_map(|t| match t {
            Target::Network(id) => Some(*id),
            _ => None,
        })
        .collect();
    let thrs: Vec<i64> = targets
        .iter()
        .filter_map(|t| match t {
            Target::Thread(id) => Some(*id),
            _ => None,
        })
        .collect();
    if !nets.is_empty() {
        let mut q = Sql::new("SELECT network_id FROM network_follows WHERE user_id = ");
        q.int(user_id)
            .push(" AND network_id IN (")
            .ints(&nets)
            .push(")");
        for r in q.query().fetch_all(db.counted()).await? {
            out.insert(Target::Network(sqlx::Row::try_get(&r, 0)?));
        }
    }
    if !thrs.is_empty() {
        let mut q = Sql::new("SELECT thread_id FROM thread_follows WHERE user_id = ");
        q.int(user_id)
            .push(" AND thread_id IN (")
            .ints(&thrs)
            .push(")");
        for r in q.query().fetch_all(db.counted()).await? {
            out.insert(Target::Thread(sqlx::Row::try_get(&r, 0)?));
        }
    }
    Ok(out)
}
