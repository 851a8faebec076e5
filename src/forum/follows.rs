//! Following (bevaka) networks, threads and tillsynsområden. Followers of a thread are told
//! about replies and accepted answers; followers of a network about its announcements;
//! followers of a tillsynsområde about new threads with that tag in every network they can
//! read. Authors follow their own threads and members follow their networks automatically;
//! both can unfollow.

use std::collections::HashSet;

use crate::{
    accounts::Access,
    db::{now_ms, sql::Sql, Db, WriteTx},
    error::{AppError, AppResult},
    forum::{networks, threads},
};

/// What a user follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Network(i64),
    Thread(i64),
    /// A tillsynsområde (tag), across networks.
    Tag(i64),
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
        Target::Tag(id) => {
            if crate::tags::by_ids(db, &[id]).await?.is_empty() {
                return Err(AppError::not_found("Tillsynsområdet"));
            }
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
        (Target::Tag(id), true) => {
            sqlx::query(
                "INSERT INTO tag_follows (user_id, tag_id, created_at) VALUES ($1, $2, $3)
                 ON CONFLICT (user_id, tag_id) DO NOTHING",
            )
            .bind(me)
            .bind(id)
            .bind(now_ms())
            .execute(&mut **tx)
            .await?;
        }
        (Target::Tag(id), false) => {
            sqlx::query("DELETE FROM tag_follows WHERE user_id = $1 AND tag_id = $2")
                .bind(me)
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
    }
    tx.commit().await
}

/// The followers of a tillsynsområde (whether they may read a thread is the notifier's check).
pub(crate) async fn tag_followers(tx: &mut WriteTx, tag_id: i64) -> AppResult<Vec<i64>> {
    let rows = sqlx::query("SELECT user_id FROM tag_follows WHERE tag_id = $1")
        .bind(tag_id)
        .fetch_all(&mut ***tx)
        .await?;
    rows.iter().map(|r| Ok(sqlx::Row::try_get(r, 0)?)).collect()
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

/// Which of `targets` one user follows, in at most three statements (for a data loader).
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
    let tags: Vec<i64> = targets
        .iter()
        .filter_map(|t| match t {
            Target::Tag(id) => Some(*id),
            _ => None,
        })
        .collect();
    if !tags.is_empty() {
        let mut q = Sql::new("SELECT tag_id FROM tag_follows WHERE user_id = ");
        q.int(user_id)
            .push(" AND tag_id IN (")
            .ints(&tags)
            .push(")");
        for r in q.query().fetch_all(db.counted()).await? {
            out.insert(Target::Tag(sqlx::Row::try_get(&r, 0)?));
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
