//! Membership of networks: joining an open network, leaving one, moderators adding,
//! changing and removing members, and the networks a new user starts in (chosen by the admin
//! who creates or invites them, or the ones marked join-by-default). A new member follows the
//! network; one who leaves stops following it, in the same transaction.

use sqlx::Row;

use crate::{
    accounts::{Access, NetworkRole},
    db::{now_ms, Db},
    error::{AppError, AppResult},
    forum::{
        follows,
        networks::{get_unchecked, require},
    },
};

/// At most this many networks are chosen for one new user.
const MAX_START_NETWORKS: usize = 100;

/// The networks an admin's new user will join: `chosen` when given (each must exist; checked
/// before the user is made, so a bad id creates nothing), else the ones marked
/// join-by-default.
pub async fn start_networks(
    db: &Db,
    access: &Access,
    chosen: Option<Vec<i64>>,
) -> AppResult<Vec<i64>> {
    access.require_admin()?;
    let Some(mut ids) = chosen else {
        let rows = sqlx::query("SELECT id FROM networks WHERE join_by_default = 1 ORDER BY id")
            .fetch_all(&db.pool)
            .await?;
        return rows
            .iter()
            .map(|r| r.try_get(0).map_err(AppError::from))
            .collect();
    };
    if ids.len() > MAX_START_NETWORKS {
        return Err(AppError::bad_input(
            "networkIds",
            format!("Välj högst {MAX_START_NETWORKS} nätverk."),
        ));
    }
    ids.sort_unstable();
    ids.dedup();
    for &id in &ids {
        if get_unchecked(db, id).await?.is_none() {
            return Err(AppError::bad_input("networkIds", "Nätverket finns inte."));
        }
    }
    Ok(ids)
}

/// Makes a new user a member (and follower) of `network_ids`; a network removed meanwhile
/// (between an invitation and its acceptance) is skipped.
pub async fn enrol(db: &Db, user_id: i64, network_ids: &[i64]) -> AppResult<()> {
    for &id in network_ids {
        if get_unchecked(db, id).await?.is_some() {
            put_member(db, id, user_id, None).await?;
        }
    }
    Ok(())
}

/// Joins an open network as a member (and follows it). Members-only networks are joined
/// only by being added by a moderator; admins may join any.
pub async fn join(db: &Db, access: &Access, id: i64) -> AppResult<NetworkRole> {
    let me = access.user()?.user_id;
    // A members-only network is readable only by its members and admins, so everyone
    // else gets NOT_FOUND here, as if it did not exist.
    require(db, access, id).await?;
    put_member(db, id, me, None).await
}

/// Leaves a network (and stops following it).
pub async fn leave(db: &Db, access: &Access, id: i64) -> AppResult<()> {
    let me = access.user()?.user_id;
    let mut tx = db.begin_write().await?;
    let gone = sqlx::query("DELETE FROM network_members WHERE network_id = $1 AND user_id = $2")
        .bind(id)
        .bind(me)
        .execute(&mut **tx)
        .await?;
    if gone.rows_affected() == 0 {
        return Err(AppError::not_found("Medlemskapet"));
    }
    follows::unfollow_network_in(&mut tx, me, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds, changes or (role None) removes a member (the network's moderators and admins).
pub async fn set_member(
    db: &Db,
    access: &Access,
    network_id: i64,
    user_id: i64,
    role: Option<NetworkRole>,
) -> AppResult<Option<NetworkRole>> {
    require(db, access, network_id).await?;
    if !access.can_moderate(network_id) {
        return Err(AppError::forbidden());
    }
    let user = crate::accounts::users::get(db, user_id).await?;
    if !user.is_some_and(|u| u.active && !u.erased) {
        return Err(AppError::bad_input("userId", "Användaren finns inte."));
    }
    match role {
        Some(role) => put_member(db, network_id, user_id, Some(role))
            .await
            .map(Some),
        None => {
            let mut tx = db.begin_write().await?;
            sqlx::query("DELETE FROM network_members WHERE network_id = $1 AND user_id = $2")
                .bind(network_id)
                .bind(user_id)
                .execute(&mut **tx)
                .await?;
            follows::unfollow_network_in(&mut tx, user_id, network_id).await?;
            tx.commit().await?;
            Ok(None)
        }
    }
}

/// Inserts or updates a membership; a new member follows the network. With `role` None an
/// existing membership keeps its role. Returns the resulting role.
pub(crate) async fn put_member(
    db: &Db,
    network_id: i64,
    user_id: i64,
    role: Option<NetworkRole>,
) -> AppResult<NetworkRole> {
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let existing =
        sqlx::query("SELECT role FROM network_members WHERE network_id = $1 AND user_id = $2")
            .bind(network_id)
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
    let result = match (existing, role) {
        (Some(r), None) => NetworkRole::parse(&r.try_get::<String, _>(0)?),
        (Some(_), Some(role)) => {
            sqlx::query(
                "UPDATE network_members SET role = $1 WHERE network_id = $2 AND user_id = $3",
            )
            .bind(role.as_str())
            .bind(network_id)
            .bind(user_id)
            .execute(&mut **tx)
            .await?;
            role
        }
        (None, role) => {
            let role = role.unwrap_or(NetworkRole::Member);
            sqlx::query(
                "INSERT INTO network_members (network_id, user_id, role, joined_at)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(network_id)
            .bind(user_id)
            .bind(role.as_str())
            .bind(now)
            .execute(&mut **tx)
            .await?;
            follows::follow_network_in(&mut tx, user_id, network_id).await?;
            role
        }
    };
    tx.commit().await?;
    Ok(result)
}
