//! Providers from a settings file (`SAMSYN_OIDC_PROVIDERS_FILE`), for installations that
//! keep configuration with the server rather than in the UI. Read at every start; each
//! entry creates or replaces the provider of its organisation, which the UI then shows but
//! does not let anyone change. The file names no secret: only the environment variable
//! that holds it.
//!
//! ```json
//! { "providers": [ {
//!     "organisation": "eksjo",
//!     "issuer": "https://login.microsoftonline.com/<katalog-id>/v2.0",
//!     "clientId": "<program-id>",
//!     "clientSecretEnv": "SAMSYN_OIDC_EKSJO_SECRET",
//!     "emailDomains": ["eksjo.se"],
//!     "enabled": true,
//!     "localPasswords": true
//! } ] }
//! ```

use std::path::Path;

use serde::Deserialize;
use sqlx::Row;

use crate::{
    config::Config,
    db::Db,
    error::{AppError, AppResult},
    oidc::providers::{self, ProviderChanges},
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    providers: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Entry {
    /// The organisation's slug (e.g. "eksjo").
    organisation: String,
    issuer: String,
    client_id: String,
    #[serde(default)]
    client_secret_env: Option<String>,
    email_domains: Vec<String>,
    #[serde(default = "yes")]
    enabled: bool,
    #[serde(default = "yes")]
    local_passwords: bool,
}

fn yes() -> bool {
    true
}

/// Applies the settings file, when one is configured. A broken file stops the start with
/// a message naming the entry, rather than leaving sign-in half set up.
pub async fn apply(db: &Db, cfg: &Config) -> AppResult<usize> {
    let Some(path) = &cfg.oidc_providers_file else {
        return Ok(0);
    };
    let entries = read(path)?;
    let n = entries.len();
    for (i, e) in entries.into_iter().enumerate() {
        let at = |m: String| {
            AppError::internal(format!(
                "{}: provider {} ({}): {m}",
                path.display(),
                i + 1,
                e.organisation
            ))
        };
        let org = sqlx::query("SELECT id FROM organisations WHERE slug = $1")
            .bind(&e.organisation)
            .fetch_optional(&db.pool)
            .await?
            .ok_or_else(|| at("no organisation has this slug".into()))?;
        let org_id: i64 = org.try_get(0)?;
        let changes = ProviderChanges {
            issuer: Some(e.issuer.clone()),
            client_id: Some(e.client_id.clone()),
            client_secret: None,
            client_secret_env: e.client_secret_env.clone(),
            clear_secret: e.client_secret_env.is_none(),
            email_domains: Some(e.email_domains.clone()),
            enabled: Some(e.enabled),
            local_passwords: Some(e.local_passwords),
        };
        providers::write(db, cfg, org_id, changes, "file")
            .await
            .map_err(|err| at(err.log_message()))?;
    }
    tracing::info!(providers = n, file = %path.display(), "sign-in providers from the settings file");
    Ok(n)
}

fn read(path: &Path) -> AppResult<Vec<Entry>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| AppError::internal(format!("{}: {e}", path.display())))?;
    let file: File = serde_json::from_str(&text)
        .map_err(|e| AppError::internal(format!("{}: {e}", path.display())))?;
    Ok(file.providers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_file_reads_and_refuses_unknown_fields() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("oidc.json");
        std::fs::write(
            &path,
            r#"{"providers":[{"organisation":"eksjo","issuer":"https://login.microsoftonline.com/t/v2.0",
                "clientId":"c","clientSecretEnv":"SAMSYN_OIDC_EKSJO","emailDomains":["eksjo.se"]}]}"#,
        )
        .unwrap();
        let e = read(&path).unwrap();
        assert_eq!(e.len(), 1);
        assert!(e[0].enabled && e[0].local_passwords);
        std::fs::write(
            &path,
            r#"{"providers":[{"organisation":"eksjo","issuer":"x","clientId":"c",
                "clientSecret":"in clear","emailDomains":["eksjo.se"]}]}"#,
        )
        .unwrap();
        assert!(read(&path).is_err(), "a secret in clear is refused");
    }
}
