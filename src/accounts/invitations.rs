//! Invitations: an admin invites a person by e-mail; the link carries a one-time token with
//! which the invitee sets a password and gets an account. The invitation also carries the
//! networks the invitee is to join (chosen and checked by the caller; joining is the forum's).

use sqlx::Row;

use crate::{
    accounts::{
        access::{Access, Role},
        password::NewPassword,
        secrets::{hash_secret, new_secret},
        users::{self, parse_display_name, parse_email, User},
    },
    db::{now_ms, Db},
    error::{AppError, AppResult},
};

const VALID_FOR_MS: i64 = 14 * 24 * 3600 * 1000;

pub struct NewInvitation {
    pub email: String,
    pub display_name: String,
    pub organisation_id: Option<i64>,
    pub role: Role,
    /// Networks to join on accepting.
    pub network_ids: Vec<i64>,
}

/// An accepted invitation: the new account and the networks it is to join.
pub struct Accepted {
    pub user: User,
    pub network_ids: Vec<i64>,
}

/// Creates an invitation; returns the one-time token (put into the link, shown once).
pub async fn create(db: &Db, access: &Access, input: NewInvitation) -> AppResult<(i64, String)> {
    let me = access.require_admin()?;
    let email = parse_email(&input.email)?;
    let display_name = parse_display_name(&input.display_name)?;
    let exists = sqlx::query("SELECT id FROM users WHERE email = $1")
        .bind(&email)
        .fetch_optional(&db.pool)
        .await?;
    if exists.is_some() {
        return Err(AppError::Conflict(
            "Det finns redan en användare med den e-postadressen.".into(),
        ));
    }
    let token = new_secret("");
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "INSERT INTO invitations (email, display_name, organisation_id, role, token_hash,
                                  created_by, created_at, expires_at, network_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(&email)
    .bind(&display_name)
    .bind(input.organisation_id)
    .bind(input.role.as_str())
    .bind(hash_secret(&token))
    .bind(me.user_id)
    .bind(now)
    .bind(now + VALID_FOR_MS)
    .bind(
        input
            .network_ids
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(","),
    )
    .fetch_one(&mut **tx)
    .await?;
    tx.commit().await?;
    Ok((row.try_get(0)?, token))
}

/// Accepts an invitation: creates the account with the chosen password. The token works once.
pub async fn accept(db: &Db, token: &str, password_raw: &str) -> AppResult<Accepted> {
    NewPassword::parse(password_raw)?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "UPDATE invitations SET accepted_at = $1
         WHERE token_hash = $2 AND accepted_at IS NULL AND expires_at > $1
         RETURNING email, display_name, organisation_id, role, network_ids",
    )
    .bind(now)
    .bind(hash_secret(token))
    .fetch_optional(&mut **tx)
    .await?;
    let Some(r) = row else {
        return Err(AppError::bad_input(
            "token",
            "Inbjudan är ogiltig, redan använd eller har gått ut.",
        ));
    };
    // Commit the token use first: a second attempt with the same token must fail even if
    // the account creation below is refused.
    tx.commit().await?;
    let network_ids = r
        .try_get::<String, _>(4)?
        .split(',')
        .filter_map(|id| id.parse().ok())
        .collect();
    let user = users::create(
        db,
        users::NewUser {
            email: r.try_get(0)?,
            display_name: r.try_get(1)?,
            organisation_id: r.try_get(2)?,
            role: Role::parse(&r.try_get::<String, _>(3)?)?,
            password: Some(password_raw.to_string()),
        },
    )
    .await?;
    Ok(Accepted { user, network_ids })
}
