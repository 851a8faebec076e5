//! User accounts: creation (shell, admin, invitation), editing, deactivation.

use sqlx::{any::AnyRow, Row};

use crate::{
    accounts::{
        access::{Access, AuthVia, Role, Unattended},
        password::{self, NewPassword},
        sessions,
        throttle::Throttle,
    },
    config::Config,
    db::{now_ms, Db},
    email::Email,
    error::{conflict_on_unique, AppError, AppResult},
};

/// A user row as the API shows it.
#[derive(Debug, Clone)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub organisation_id: Option<i64>,
    pub role: Role,
    pub active: bool,
    pub created_at: i64,
    pub erased: bool,
}

pub const USER_COLUMNS: &str =
    "id, email, display_name, organisation_id, role, active, created_at, erased_at";

impl User {
    pub fn from_row(r: &AnyRow) -> AppResult<User> {
        Ok(User {
            id: r.try_get("id")?,
            email: r.try_get("email")?,
            display_name: r.try_get("display_name")?,
            organisation_id: r.try_get("organisation_id")?,
            role: Role::parse(&r.try_get::<String, _>("role")?)?,
            active: r.try_get::<i64, _>("active")? != 0,
            created_at: r.try_get("created_at")?,
            erased: r.try_get::<Option<i64>, _>("erased_at")?.is_some(),
        })
    }
}

pub fn parse_display_name(raw: &str) -> AppResult<String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(AppError::bad_input(
            "displayName",
            "Namnet får inte vara tomt.",
        ));
    }
    if name.chars().count() > 100 {
        return Err(AppError::bad_input(
            "displayName",
            "Namnet får ha högst 100 tecken.",
        ));
    }
    Ok(name.to_string())
}

pub fn parse_email(raw: &str) -> AppResult<String> {
    Email::parse(raw)
        .map(|e| e.as_str().to_string())
        .map_err(|e| AppError::bad_input("email", e.to_string()))
}

/// Input for creating a user.
pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub organisation_id: Option<i64>,
    pub role: Role,
    pub password: Option<String>,
}

pub async fn get(db: &Db, id: i64) -> AppResult<Option<User>> {
    let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(User::from_row).transpose()
}

/// The user's rights for work done without their session (a feed, the digest, the shell);
/// see [`Unattended`] for what each may do.
pub async fn unattended_access(db: &Db, user: &User, why: Unattended) -> AppResult<Access> {
    Access::for_user(
        db,
        user.id,
        user.display_name.clone(),
        user.role,
        user.organisation_id,
        AuthVia::Unattended(why),
    )
    .await
}

/// Users by id in one counted statement; unknown ids are left out.
pub async fn by_ids(db: &Db, ids: &[i64]) -> AppResult<Vec<User>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {USER_COLUMNS} FROM users WHERE id IN ({})",
        crate::db::sql::placeholders(1, ids.len())
    );
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    let rows = q.fetch_all(db.counted()).await?;
    rows.iter().map(User::from_row).collect()
}

pub async fn list(db: &Db) -> AppResult<Vec<User>> {
    let rows = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE erased_at IS NULL ORDER BY display_name"
    ))
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(User::from_row).collect()
}

pub async fn count(db: &Db) -> AppResult<i64> {
    let row = sqlx::query("SELECT COUNT(*) FROM users")
        .fetch_one(&db.pool)
        .await?;
    Ok(row.try_get(0)?)
}

async fn check_organisation(db: &Db, organisation_id: Option<i64>) -> AppResult<()> {
    if let Some(org) = organisation_id {
        let found = sqlx::query("SELECT id FROM organisations WHERE id = $1")
            .bind(org)
            .fetch_optional(&db.pool)
            .await?;
        if found.is_none() {
            return Err(AppError::bad_input(
                "organisationId",
                "Organisationen finns inte.",
            ));
        }
    }
    Ok(())
}

/// Creates a user (validated). Without a password the account cannot log in until an
/// invitation is accepted.
pub async fn create(db: &Db, input: NewUser) -> AppResult<User> {
    let email = parse_email(&input.email)?;
    let display_name = parse_display_name(&input.display_name)?;
    check_organisation(db, input.organisation_id).await?;
    let hash = match input.password {
        Some(p) => Some(password::hash(NewPassword::parse(&p)?).await?),
        None => None,
    };
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(&format!(
        "INSERT INTO users (email, display_name, organisation_id, role, active, password_hash, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 1, $5, $6, $6) RETURNING {USER_COLUMNS}"
    ))
    .bind(&email)
    .bind(&display_name)
    .bind(input.organisation_id)
    .bind(input.role.as_str())
    .bind(hash)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| conflict_on_unique(e, "Det finns redan en användare med den e-postadressen."))?;
    let user = User::from_row(&row)?;
    crate::db::change_log::record(&mut tx, crate::db::change_log::EntityKind::User, user.id)
        .await?;
    tx.commit().await?;
    Ok(user)
}

/// Changes to a user that an admin may make; `None` leaves a field as it is.
#[derive(Default)]
pub struct UserUpdate {
    pub display_name: Option<String>,
    pub organisation_id: Option<Option<i64>>,
    pub role: Option<Role>,
    pub active: Option<bool>,
}

pub async fn update(db: &Db, access: &Access, id: i64, upd: UserUpdate) -> AppResult<User> {
    let me = access.require_admin()?;
    let current = get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found("Användaren"))?;
    if current.erased {
        return Err(AppError::not_found("Användaren"));
    }
    let display_name = match upd.display_name {
        Some(n) => parse_display_name(&n)?,
        None => current.display_name.clone(),
    };
    let organisation_id = upd.organisation_id.unwrap_or(current.organisation_id);
    check_organisation(db, organisation_id).await?;
    let role = upd.role.unwrap_or(current.role);
    let active = upd.active.unwrap_or(current.active);
    if me.user_id == id && (!active || role != Role::Admin) {
        return Err(AppError::bad(
            "Du kan inte ta bort din egen administratörsroll eller inaktivera dig själv.",
        ));
    }
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(&format!(
        "UPDATE users SET display_name = $1, organisation_id = $2, role = $3, active = $4, updated_at = $5
         WHERE id = $6 RETURNING {USER_COLUMNS}"
    ))
    .bind(&display_name)
    .bind(organisation_id)
    .bind(role.as_str())
    .bind(active as i64)
    .bind(now_ms())
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    if !active {
        sessions::end_all_for_user(&mut tx, id, None).await?;
        sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
        )
        .bind(now_ms())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    }
    crate::db::change_log::record(&mut tx, crate::db::change_log::EntityKind::User, id).await?;
    tx.commit().await?;
    User::from_row(&row)
}

/// Sets a new password after checking the current one; ends every other session.
///
/// A wrong current password counts against the same limit as a failed login (per account
/// and per `client` address), so a stolen session cannot be used to guess the password.
pub async fn change_password(
    db: &Db,
    cfg: &Config,
    access: &Access,
    current_password: &str,
    new_password: &str,
    client: &str,
) -> AppResult<()> {
    let me = access.user()?;
    let session_id = match me.via {
        crate::accounts::access::AuthVia::Session { session_id } => Some(session_id),
        _ => None,
    };
    let new = NewPassword::parse(new_password)?;
    let row = sqlx::query("SELECT email, password_hash FROM users WHERE id = $1")
        .bind(me.user_id)
        .fetch_one(&db.pool)
        .await?;
    let throttle = Throttle::new(&row.try_get::<String, _>(0)?, client);
    throttle.check(db, cfg).await?;
    let stored: Option<String> = row.try_get(1)?;
    if !password::verify(current_password.to_string(), stored).await? {
        let mut tx = db.begin_write().await?;
        throttle.failed(&mut tx).await?;
        tx.commit().await?;
        return Err(AppError::bad_input(
            "currentPassword",
            "Det nuvarande lösenordet stämmer inte.",
        ));
    }
    let hash = password::hash(new).await?;
    let mut tx = db.begin_write().await?;
    throttle.passed(&mut tx).await?;
    sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(hash)
        .bind(now_ms())
        .bind(me.user_id)
        .execute(&mut **tx)
        .await?;
    sessions::end_all_for_user(&mut tx, me.user_id, session_id).await?;
    tx.commit().await
}

/// Sets a user's password from the shell (`samsyn user reset-password`), for an operator
/// whose first admin password is lost: ends all of the user's sessions and clears the
/// account's failed-login counter. Returns the user's display name.
pub async fn reset_password(db: &Db, email: &str, new_password: &str) -> AppResult<String> {
    let new = NewPassword::parse(new_password)?;
    let row = sqlx::query(
        "SELECT id, display_name FROM users WHERE lower(email) = lower($1) AND erased_at IS NULL",
    )
    .bind(email.trim())
    .fetch_optional(&db.pool)
    .await?
    .ok_or_else(|| AppError::NotFound(format!("Ingen användare har e-postadressen {email}.")))?;
    let user_id: i64 = row.try_get(0)?;
    let hash = password::hash(new).await?;
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(hash)
        .bind(now_ms())
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    sessions::end_all_for_user(&mut tx, user_id, None).await?;
    Throttle::new(email, "").passed(&mut tx).await?;
    tx.commit().await?;
    Ok(row.try_get(1)?)
}
