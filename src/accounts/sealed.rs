//! Secrets the server must read back (an identity provider's client secret), sealed with
//! XChaCha20-Poly1305 before they reach the database. Unlike `secrets`, which keeps only
//! hashes, these must be opened again, so a key outside the database is needed: the
//! `SAMSYN_SECRET_KEY` setting, or else `secret.key` in the data folder (made on first use,
//! readable by the server's user only). Several nodes must share `SAMSYN_SECRET_KEY`.
//!
//! Each sealed value is bound to what it belongs to (`context`), so a sealed secret copied
//! into another row does not open there.

use std::path::Path;

use base64::{engine::general_purpose::STANDARD, Engine};
use chacha20poly1305::{
    aead::{Aead, KeyInit, Payload},
    XChaCha20Poly1305, XNonce,
};
use rand::RngCore;

use crate::{
    config::Config,
    error::{AppError, AppResult},
};

const PREFIX: &str = "v1:";
const KEY_FILE: &str = "secret.key";

/// The key that seals and opens stored secrets.
pub struct SecretBox {
    cipher: XChaCha20Poly1305,
}

impl SecretBox {
    /// The key from the configuration, or from (a new) `secret.key` in the data folder.
    pub fn from_config(cfg: &Config) -> AppResult<SecretBox> {
        let key = match &cfg.secret_key {
            Some(k) if !k.0.trim().is_empty() => decode_key(k.0.trim()).ok_or_else(|| {
                AppError::internal("SAMSYN_SECRET_KEY must be 32 bytes in base64")
            })?,
            _ => key_from_file(&cfg.data_dir)?,
        };
        Ok(SecretBox::new(&key))
    }

    pub fn new(key: &[u8; 32]) -> SecretBox {
        SecretBox {
            cipher: XChaCha20Poly1305::new(key.into()),
        }
    }

    /// Seals `plain` for `context` (e.g. "oidc-client-secret:eksjo").
    pub fn seal(&self, plain: &str, context: &str) -> AppResult<String> {
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| AppError::internal("sealing a secret failed"))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(format!("{PREFIX}{}", STANDARD.encode(out)))
    }

    /// Opens a value sealed for `context`; an error when the key or the context differ.
    pub fn open(&self, sealed: &str, context: &str) -> AppResult<String> {
        let bad = || {
            AppError::internal(
                "a stored secret does not open with this server's key (was SAMSYN_SECRET_KEY changed?)",
            )
        };
        let raw = sealed
            .strip_prefix(PREFIX)
            .and_then(|b| STANDARD.decode(b).ok())
            .filter(|r| r.len() > 24)
            .ok_or_else(bad)?;
        let (nonce, body) = raw.split_at(24);
        let plain = self
            .cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: body,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| bad())?;
        String::from_utf8(plain).map_err(|_| bad())
    }
}

fn decode_key(text: &str) -> Option<[u8; 32]> {
    STANDARD.decode(text).ok()?.try_into().ok()
}

fn key_from_file(data_dir: &Path) -> AppResult<[u8; 32]> {
    let path = data_dir.join(KEY_FILE);
    if let Ok(text) = std::fs::read_to_string(&path) {
        return decode_key(text.trim())
            .ok_or_else(|| AppError::internal(format!("{} is not a key", path.display())));
    }
    let mut key = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut key);
    std::fs::create_dir_all(data_dir).map_err(AppError::internal)?;
    write_private(&path, &STANDARD.encode(key)).map_err(AppError::internal)?;
    // Another process may have written its key first: the file on disk is the one in force.
    let text = std::fs::read_to_string(&path).map_err(AppError::internal)?;
    decode_key(text.trim())
        .ok_or_else(|| AppError::internal(format!("{} is not a key", path.display())))
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(mut f) => f.write_all(text.as_bytes()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_secret_opens_only_with_its_key_and_context() {
        let a = SecretBox::new(&[7u8; 32]);
        let b = SecretBox::new(&[8u8; 32]);
        let sealed = a.seal("hemligt-värde", "oidc:eksjo").unwrap();
        assert!(!sealed.contains("hemligt"));
        assert_eq!(a.open(&sealed, "oidc:eksjo").unwrap(), "hemligt-värde");
        assert!(a.open(&sealed, "oidc:nassjo").is_err());
        assert!(b.open(&sealed, "oidc:eksjo").is_err());
        assert!(a.open("v1:AAAA", "oidc:eksjo").is_err());
        // A fresh nonce every time: the same secret never seals to the same text.
        assert_ne!(sealed, a.seal("hemligt-värde", "oidc:eksjo").unwrap());
    }

    #[test]
    fn key_file_is_made_once_and_then_reused() {
        let dir = tempfile::tempdir().unwrap();
        let k1 = key_from_file(dir.path()).unwrap();
        let k2 = key_from_file(dir.path()).unwrap();
        assert_eq!(k1, k2);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "the key file is private");
        }
    }
}
