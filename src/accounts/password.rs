//! Password hashing: argon2id with the OWASP parameters (m=19456 KiB, t=2, p=1), always on a
//! blocking thread. Unknown accounts are verified against a dummy hash so that timing tells
//! nothing about which e-mail addresses exist.

use std::sync::OnceLock;

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};

use crate::error::{AppError, AppResult};

fn hasher() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("valid argon2 params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A password as a user chose it, checked against the policy.
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(raw: &str) -> AppResult<NewPassword> {
        let n = raw.chars().count();
        if n < 10 {
            return Err(AppError::bad_input(
                "password",
                "Lösenordet måste ha minst 10 tecken.",
            ));
        }
        if n > 200 {
            return Err(AppError::bad_input(
                "password",
                "Lösenordet får ha högst 200 tecken.",
            ));
        }
        Ok(NewPassword(raw.to_string()))
    }
}

/// Hashes a password off the async threads.
pub async fn hash(password: NewPassword) -> AppResult<String> {
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || {
        let _enter = span.enter();
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(password.0.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(AppError::internal)
    })
    .await?
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(b"samsyn-dummy-password", &salt)
            .expect("hash dummy")
            .to_string()
    })
}

/// Warms the dummy hash so the first unknown-user login is not faster than the rest.
pub fn warm_up() {
    let _ = dummy_hash();
}

/// Verifies `password` against `stored` (or against a dummy when there is no account).
/// Returns true only for a real match.
pub async fn verify(password: String, stored: Option<String>) -> AppResult<bool> {
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || {
        let _enter = span.enter();
        let real = stored.is_some();
        let phc = stored.unwrap_or_else(|| dummy_hash().to_string());
        let parsed = PasswordHash::new(&phc).map_err(AppError::internal)?;
        let ok = hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(ok && real)
    })
    .await?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hash_and_verify_round_trip() {
        let h = hash(NewPassword::parse("korrekt häst batteri").unwrap())
            .await
            .unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("korrekt häst batteri".into(), Some(h.clone()))
            .await
            .unwrap());
        assert!(!verify("fel lösenord!!".into(), Some(h)).await.unwrap());
        assert!(!verify("samsyn-dummy-password".into(), None).await.unwrap());
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(NewPassword::parse("kort").is_err());
        assert!(NewPassword::parse("tillräckligt långt").is_ok());
    }
}
