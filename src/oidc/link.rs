//! Who a verified identity is in Samsyn. A known `iss` + `sub` is that user, whatever the
//! e-mail says now. A first sign-in links to the user with the same e-mail (one the provider
//! speaks for, and has not called unverified), or else creates a member of the provider's
//! organisation just in time; either way the phone-book entry with that e-mail is linked to
//! the user. A deactivated or erased user never gets in this way.

use sqlx::Row;

use crate::{
    accounts::{
        users::{self, User},
        Role,
    },
    db::{now_ms, Db},
    email::Email,
    error::AppError,
    oidc::{client::Identity, fault::Fault, providers::Provider},
};

/// The user this identity signs in as (linking or creating on the first sign-in).
pub async fn user_for(db: &Db, provider: &Provider, id: &Identity) -> Result<User, Fault> {
    if let Some(user) = linked(db, id).await? {
        return usable(user);
    }
    let email = trusted_email(provider, id)?;
    // Two first sign-ins at once may both try to create the user: the second finds it.
    for _ in 0..2 {
        if let Some(user) = by_email(db, &email).await? {
            let user = usable(user)?;
            if has_other_subject(db, &id.issuer, user.id).await? {
                return Err(Fault::LinkedElsewhere);
            }
            link(db, id, user.id, &email).await?;
            return Ok(user);
        }
        let created = users::create(
            db,
            users::NewUser {
                email: email.clone(),
                display_name: display_name(id, &email),
                organisation_id: Some(provider.organisation_id),
                role: Role::Member,
                password: None,
            },
        )
        .await;
        match created {
            Ok(user) => {
                tracing::info!(user_id = user.id, provider = %provider.slug, "created a user at first sign-in");
                link(db, id, user.id, &email).await?;
                return Ok(user);
            }
            Err(AppError::Conflict(_)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(Fault::Internal("user neither found nor created".into()))
}

fn usable(user: User) -> Result<User, Fault> {
    if user.active && !user.erased {
        Ok(user)
    } else {
        Err(Fault::Deactivated)
    }
}

/// The e-mail address Samsyn may match on: `email`, else an address-shaped
/// `preferred_username` (Entra ID without the optional `email` claim); in one of the
/// provider's domains; and not one the provider itself says is unverified.
pub fn trusted_email(provider: &Provider, id: &Identity) -> Result<String, Fault> {
    if id.email_verified == Some(false) {
        return Err(Fault::NoVerifiedEmail);
    }
    let raw = id
        .email
        .as_deref()
        .or(id.preferred_username.as_deref().filter(|u| u.contains('@')))
        .ok_or(Fault::NoVerifiedEmail)?;
    let email = Email::parse(raw)
        .map_err(|_| Fault::NoVerifiedEmail)?
        .as_str()
        .to_lowercase();
    if !provider.covers(&email) {
        let domain = email.rsplit_once('@').map(|(_, d)| d).unwrap_or("");
        return Err(Fault::ForeignDomain(domain.to_string()));
    }
    Ok(email)
}

fn display_name(id: &Identity, email: &str) -> String {
    id.name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().take(100).collect())
        .unwrap_or_else(|| email.split('@').next().unwrap_or(email).to_string())
}

async fn linked(db: &Db, id: &Identity) -> Result<Option<User>, Fault> {
    let row = sqlx::query("SELECT user_id FROM oidc_identities WHERE issuer = $1 AND subject = $2")
        .bind(&id.issuer)
        .bind(&id.subject)
        .fetch_optional(&db.pool)
        .await
        .map_err(AppError::from)?;
    let Some(row) = row else { return Ok(None) };
    let user_id: i64 = row.try_get(0).map_err(AppError::from)?;
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE oidc_identities SET last_login_at = $1 WHERE issuer = $2 AND subject = $3")
        .bind(now_ms())
        .bind(&id.issuer)
        .bind(&id.subject)
        .execute(&mut **tx)
        .await
        .map_err(AppError::from)?;
    tx.commit().await?;
    Ok(users::get(db, user_id).await?)
}

async fn by_email(db: &Db, email: &str) -> Result<Option<User>, Fault> {
    let row = sqlx::query("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(&db.pool)
        .await
        .map_err(AppError::from)?;
    match row {
        Some(r) => Ok(users::get(db, r.try_get(0).map_err(AppError::from)?).await?),
        None => Ok(None),
    }
}

/// Does the user already sign in as another subject of this issuer? Then an e-mail that
/// moved to a new account at the provider must not take the old one over.
async fn has_other_subject(db: &Db, issuer: &str, user_id: i64) -> Result<bool, Fault> {
    let row = sqlx::query("SELECT 1 FROM oidc_identities WHERE issuer = $1 AND user_id = $2")
        .bind(issuer)
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await
        .map_err(AppError::from)?;
    Ok(row.is_some())
}

async fn link(db: &Db, id: &Identity, user_id: i64, email: &str) -> Result<(), Fault> {
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO oidc_identities (issuer, subject, user_id, created_at, last_login_at)
         VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(&id.issuer)
    .bind(&id.subject)
    .bind(user_id)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(AppError::from)?;
    crate::directory::link::person_to_user(db, &mut tx, user_id, email).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oidc::providers::SecretSource;

    fn eksjo() -> Provider {
        Provider {
            id: 1,
            slug: "eksjo".into(),
            organisation_id: 1,
            organisation_name: "Eksjö kommun".into(),
            issuer: "https://idp".into(),
            client_id: "c".into(),
            secret: SecretSource::None,
            email_domains: vec!["eksjo.se".into()],
            enabled: true,
            local_passwords: true,
            from_file: false,
            created_at: 0,
            updated_at: 0,
        }
    }

    fn id(email: Option<&str>, verified: Option<bool>, upn: Option<&str>) -> Identity {
        Identity {
            issuer: "https://idp".into(),
            subject: "s".into(),
            email: email.map(str::to_string),
            email_verified: verified,
            name: None,
            preferred_username: upn.map(str::to_string),
        }
    }

    #[test]
    fn only_addresses_the_provider_speaks_for_are_trusted() {
        let p = eksjo();
        assert_eq!(
            trusted_email(&p, &id(Some("Anna.Lind@Eksjo.se"), Some(true), None)).unwrap(),
            "anna.lind@eksjo.se"
        );
        // Entra ID sends no email_verified; the domain is what the tenant vouches for.
        assert!(trusted_email(&p, &id(Some("anna@eksjo.se"), None, None)).is_ok());
        assert_eq!(
            trusted_email(&p, &id(None, None, Some("anna@eksjo.se"))).unwrap(),
            "anna@eksjo.se"
        );
        assert_eq!(
            trusted_email(&p, &id(Some("anna@eksjo.se"), Some(false), None)),
            Err(Fault::NoVerifiedEmail)
        );
        assert_eq!(
            trusted_email(&p, &id(Some("m@example.org"), Some(true), None)),
            Err(Fault::ForeignDomain("example.org".into()))
        );
        assert_eq!(
            trusted_email(&p, &id(None, None, Some("anna"))),
            Err(Fault::NoVerifiedEmail)
        );
    }
}
