//! The identity providers an admin has set up: at most one per organisation, each with its
//! issuer, client id, where its client secret is (sealed in the database or named in an
//! environment variable), the e-mail domains it speaks for, and whether the organisation's
//! members may still use a Samsyn password. Validation lives here; every change is admins'.

use sqlx::{any::AnyRow, Row};

use crate::{
    accounts::{sealed::SecretBox, Access},
    config::Config,
    db::{now_ms, Db},
    error::{conflict_on_unique, AppError, AppResult},
};

/// Where a provider's client secret comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretSource {
    /// A public client (PKCE only); Entra ID web apps need a secret.
    None,
    /// Sealed with the server's key (`accounts::sealed`).
    Sealed(String),
    /// The name of an environment variable of the server (`SAMSYN_OIDC_…`).
    Env(String),
}

/// A provider as stored.
#[derive(Debug, Clone)]
pub struct Provider {
    pub id: i64,
    /// The organisation's slug: the provider's name in URLs and the settings file.
    pub slug: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub issuer: String,
    pub client_id: String,
    pub secret: SecretSource,
    pub email_domains: Vec<String>,
    pub enabled: bool,
    pub local_passwords: bool,
    /// Made by the settings file (which overwrites it at every start), not in the UI.
    pub from_file: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "p.id, p.slug, p.organisation_id, o.name AS organisation_name, p.issuer, \
     p.client_id, p.client_secret_sealed, p.client_secret_env, p.email_domains, p.enabled, \
     p.local_passwords, p.source, p.created_at, p.updated_at";

impl Provider {
    fn from_row(r: &AnyRow) -> AppResult<Provider> {
        let sealed: Option<String> = r.try_get("client_secret_sealed")?;
        let env: Option<String> = r.try_get("client_secret_env")?;
        Ok(Provider {
            id: r.try_get("id")?,
            slug: r.try_get("slug")?,
            organisation_id: r.try_get("organisation_id")?,
            organisation_name: r.try_get("organisation_name")?,
            issuer: r.try_get("issuer")?,
            client_id: r.try_get("client_id")?,
            secret: match (sealed, env) {
                (Some(s), _) => SecretSource::Sealed(s),
                (None, Some(e)) => SecretSource::Env(e),
                (None, None) => SecretSource::None,
            },
            email_domains: r
                .try_get::<String, _>("email_domains")?
                .split(',')
                .filter(|d| !d.is_empty())
                .map(str::to_string)
                .collect(),
            enabled: r.try_get::<i64, _>("enabled")? != 0,
            local_passwords: r.try_get::<i64, _>("local_passwords")? != 0,
            from_file: r.try_get::<String, _>("source")? == "file",
            created_at: r.try_get("created_at")?,
            updated_at: r.try_get("updated_at")?,
        })
    }

    /// "Logga in med Eksjö kommun".
    pub fn button_label(&self) -> String {
        format!("Logga in med {}", self.organisation_name)
    }

    /// Does this provider speak for the address's domain?
    pub fn covers(&self, email: &str) -> bool {
        email
            .rsplit_once('@')
            .is_some_and(|(_, d)| self.email_domains.iter().any(|x| x == d))
    }

    /// The client secret in clear, for the token request only.
    pub fn client_secret(&self, cfg: &Config) -> AppResult<Option<String>> {
        match &self.secret {
            SecretSource::None => Ok(None),
            SecretSource::Sealed(s) => Ok(Some(
                SecretBox::from_config(cfg)?.open(s, &seal_context(&self.slug))?,
            )),
            SecretSource::Env(name) => match std::env::var(name) {
                Ok(v) if !v.is_empty() => Ok(Some(v)),
                _ => Err(AppError::internal(format!(
                    "the client secret's environment variable {name} is unset"
                ))),
            },
        }
    }
}

fn seal_context(slug: &str) -> String {
    format!("oidc-client-secret:{slug}")
}

/// An issuer URL: https, or http on this machine's loopback only (tests, a local provider).
/// Kept exactly as given apart from surrounding space: discovery compares it to the
/// provider's own `issuer` character for character.
pub fn parse_issuer(raw: &str) -> AppResult<String> {
    let bad = |m: &str| AppError::bad_input("issuer", m);
    let text = raw.trim();
    let url = openidconnect::url::Url::parse(text)
        .map_err(|_| bad("Utfärdaren måste vara en fullständig adress, t.ex. https://login.microsoftonline.com/<katalog-id>/v2.0."))?;
    let loopback = matches!(
        url.host_str(),
        Some("127.0.0.1") | Some("localhost") | Some("[::1]")
    );
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        _ => return Err(bad("Utfärdaren måste använda https.")),
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(bad(
            "Utfärdarens adress får inte ha frågedel, fragment eller inloggningsuppgifter.",
        ));
    }
    if text.len() > 300 {
        return Err(bad("Utfärdarens adress får ha högst 300 tecken."));
    }
    Ok(text.to_string())
}

pub fn parse_client_id(raw: &str) -> AppResult<String> {
    let id = raw.trim();
    if id.is_empty() || id.len() > 200 || id.chars().any(char::is_control) {
        return Err(AppError::bad_input(
            "clientId",
            "Klient-id (program-id) måste anges, med högst 200 tecken.",
        ));
    }
    Ok(id.to_string())
}

/// A client secret typed by an admin (sealed before it is stored).
pub fn parse_client_secret(raw: &str) -> AppResult<String> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 500 || s.chars().any(char::is_control) {
        return Err(AppError::bad_input(
            "clientSecret",
            "Klienthemligheten måste ha 1–500 tecken.",
        ));
    }
    Ok(s.to_string())
}

/// The name of the environment variable that holds a client secret. It must start with
/// `SAMSYN_OIDC_`, so no admin can send the server's other settings (the database URL, the
/// SMTP password) to a provider of their choosing.
pub fn parse_env_name(raw: &str) -> AppResult<String> {
    let name = raw.trim();
    let ok = name.len() > "SAMSYN_OIDC_".len()
        && name.len() <= 100
        && name.starts_with("SAMSYN_OIDC_")
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if !ok {
        return Err(AppError::bad_input(
            "clientSecretEnv",
            "Miljövariabelns namn måste börja med SAMSYN_OIDC_ och bara ha A–Z, 0–9 och _.",
        ));
    }
    Ok(name.to_string())
}

/// E-mail domains, e.g. "eksjo.se": lower-cased, without duplicates, at least one.
pub fn parse_domains(raw: &[String]) -> AppResult<Vec<String>> {
    let bad = |m: String| AppError::bad_input("emailDomains", m);
    let mut out: Vec<String> = Vec::new();
    for d in raw {
        let d = d.trim().trim_start_matches('@').to_lowercase();
        if d.is_empty() {
            continue;
        }
        let labels_ok = d.split('.').count() >= 2
            && d.split('.').all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if !labels_ok || d.len() > 253 {
            return Err(bad(format!(
                "\"{d}\" är ingen e-postdomän (t.ex. eksjo.se)."
            )));
        }
        if !out.contains(&d) {
            out.push(d);
        }
    }
    if out.is_empty() {
        return Err(bad(
            "Ange minst en e-postdomän som leverantören ansvarar för (t.ex. eksjo.se).".into(),
        ));
    }
    if out.len() > 20 {
        return Err(bad("Högst 20 e-postdomäner.".into()));
    }
    Ok(out)
}

/// Every provider, by organisation name.
pub async fn list(db: &Db) -> AppResult<Vec<Provider>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM oidc_providers p JOIN organisations o ON o.id = p.organisation_id
         ORDER BY o.name"
    ))
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(Provider::from_row).collect()
}

/// The providers the login page offers.
pub async fn list_enabled(db: &Db) -> AppResult<Vec<Provider>> {
    Ok(list(db).await?.into_iter().filter(|p| p.enabled).collect())
}

pub async fn get(db: &Db, id: i64) -> AppResult<Option<Provider>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM oidc_providers p JOIN organisations o ON o.id = p.organisation_id
         WHERE p.id = $1"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(Provider::from_row).transpose()
}

pub async fn by_slug(db: &Db, slug: &str) -> AppResult<Option<Provider>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM oidc_providers p JOIN organisations o ON o.id = p.organisation_id
         WHERE p.slug = $1"
    ))
    .bind(slug)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(Provider::from_row).transpose()
}

/// What an admin sets; `None` leaves a field as it is (on update).
#[derive(Default)]
pub struct ProviderChanges {
    pub issuer: Option<String>,
    pub client_id: Option<String>,
    /// A new secret to seal.
    pub client_secret: Option<String>,
    /// Or the name of the variable that holds it.
    pub client_secret_env: Option<String>,
    /// Forget the secret (a public client).
    pub clear_secret: bool,
    pub email_domains: Option<Vec<String>>,
    pub enabled: Option<bool>,
    pub local_passwords: Option<bool>,
}

/// The validated row to write.
struct Validated {
    issuer: String,
    client_id: String,
    sealed: Option<String>,
    env: Option<String>,
    domains: String,
    enabled: bool,
    local_passwords: bool,
}

fn resolve(
    cfg: &Config,
    slug: &str,
    base: Option<&Provider>,
    ch: ProviderChanges,
) -> AppResult<Validated> {
    let issuer = match (ch.issuer, base) {
        (Some(i), _) => parse_issuer(&i)?,
        (None, Some(b)) => b.issuer.clone(),
        (None, None) => return Err(AppError::bad_input("issuer", "Ange utfärdaren.")),
    };
    let client_id = match (ch.client_id, base) {
        (Some(c), _) => parse_client_id(&c)?,
        (None, Some(b)) => b.client_id.clone(),
        (None, None) => return Err(AppError::bad_input("clientId", "Ange klient-id.")),
    };
    let new_secret = ch
        .client_secret
        .filter(|s| !s.trim().is_empty())
        .map(|s| parse_client_secret(&s))
        .transpose()?;
    let new_env = ch
        .client_secret_env
        .filter(|s| !s.trim().is_empty())
        .map(|s| parse_env_name(&s))
        .transpose()?;
    let (sealed, env) = match (new_secret, new_env) {
        (Some(_), Some(_)) => {
            return Err(AppError::bad_input(
                "clientSecretEnv",
                "Ange antingen klienthemligheten eller miljövariabeln, inte båda.",
            ))
        }
        (Some(s), None) => (
            Some(SecretBox::from_config(cfg)?.seal(&s, &seal_context(slug))?),
            None,
        ),
        (None, Some(e)) => (None, Some(e)),
        (None, None) if ch.clear_secret => (None, None),
        (None, None) => match base.map(|b| &b.secret) {
            Some(SecretSource::Sealed(s)) => (Some(s.clone()), None),
            Some(SecretSource::Env(e)) => (None, Some(e.clone())),
            _ => (None, None),
        },
    };
    let domains = match (ch.email_domains, base) {
        (Some(d), _) => parse_domains(&d)?,
        (None, Some(b)) => b.email_domains.clone(),
        (None, None) => parse_domains(&[])?,
    };
    Ok(Validated {
        issuer,
        client_id,
        sealed,
        env,
        domains: domains.join(","),
        enabled: ch.enabled.or(base.map(|b| b.enabled)).unwrap_or(true),
        local_passwords: ch
            .local_passwords
            .or(base.map(|b| b.local_passwords))
            .unwrap_or(true),
    })
}

/// Sets up the provider of an organisation (admins).
pub async fn create(
    db: &Db,
    cfg: &Config,
    access: &Access,
    organisation_id: i64,
    ch: ProviderChanges,
) -> AppResult<Provider> {
    access.require_admin()?;
    write(db, cfg, organisation_id, ch, "api").await
}

/// Creates or replaces (by organisation) a provider; `source` is "api" or "file".
pub(crate) async fn write(
    db: &Db,
    cfg: &Config,
    organisation_id: i64,
    ch: ProviderChanges,
    source: &str,
) -> AppResult<Provider> {
    let org = sqlx::query("SELECT slug FROM organisations WHERE id = $1")
        .bind(organisation_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| AppError::bad_input("organisationId", "Organisationen finns inte."))?;
    let slug: String = org.try_get(0)?;
    let existing = by_slug(db, &slug).await?;
    if source == "api" && existing.is_some() {
        return Err(AppError::Conflict(
            "Organisationen har redan en inloggningsleverantör. Ändra den i stället.".into(),
        ));
    }
    let r = resolve(cfg, &slug, existing.as_ref(), ch)?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO oidc_providers (slug, organisation_id, issuer, client_id, client_secret_sealed,
             client_secret_env, email_domains, enabled, local_passwords, source, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
         ON CONFLICT (slug) DO UPDATE SET issuer = $3, client_id = $4, client_secret_sealed = $5,
             client_secret_env = $6, email_domains = $7, enabled = $8, local_passwords = $9,
             source = $10, updated_at = $11",
    )
    .bind(&slug)
    .bind(organisation_id)
    .bind(&r.issuer)
    .bind(&r.client_id)
    .bind(&r.sealed)
    .bind(&r.env)
    .bind(&r.domains)
    .bind(r.enabled as i64)
    .bind(r.local_passwords as i64)
    .bind(source)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(|e| conflict_on_unique(e, "Organisationen har redan en inloggningsleverantör."))?;
    tx.commit().await?;
    by_slug(db, &slug)
        .await?
        .ok_or_else(|| AppError::internal("provider vanished after writing"))
}

/// Changes a provider (admins). Providers from the settings file are changed there.
pub async fn update(
    db: &Db,
    cfg: &Config,
    access: &Access,
    id: i64,
    ch: ProviderChanges,
) -> AppResult<Provider> {
    access.require_admin()?;
    let current = get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found("Inloggningsleverantören"))?;
    if current.from_file {
        return Err(AppError::bad(
            "Leverantören är inställd i inställningsfilen på servern och ändras där.",
        ));
    }
    let r = resolve(cfg, &current.slug, Some(&current), ch)?;
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE oidc_providers SET issuer = $1, client_id = $2, client_secret_sealed = $3,
             client_secret_env = $4, email_domains = $5, enabled = $6, local_passwords = $7,
             updated_at = $8 WHERE id = $9",
    )
    .bind(&r.issuer)
    .bind(&r.client_id)
    .bind(&r.sealed)
    .bind(&r.env)
    .bind(&r.domains)
    .bind(r.enabled as i64)
    .bind(r.local_passwords as i64)
    .bind(now_ms())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    tx.commit().await?;
    get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found("Inloggningsleverantören"))
}

/// Removes a provider (admins). Its users keep their accounts; their links to the
/// provider's subjects stay, so setting the same issuer up again finds them.
pub async fn delete(db: &Db, access: &Access, id: i64) -> AppResult<()> {
    access.require_admin()?;
    let current = get(db, id)
        .await?
        .ok_or_else(|| AppError::not_found("Inloggningsleverantören"))?;
    if current.from_file {
        return Err(AppError::bad(
            "Leverantören är inställd i inställningsfilen på servern och tas bort där.",
        ));
    }
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM oidc_providers WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    tx.commit().await
}

/// How many users have signed in through this issuer.
pub async fn linked_users(db: &Db, issuer: &str) -> AppResult<i64> {
    let row = sqlx::query("SELECT COUNT(DISTINCT user_id) FROM oidc_identities WHERE issuer = $1")
        .bind(issuer)
        .fetch_one(&db.pool)
        .await?;
    Ok(row.try_get(0)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuers_are_https_or_loopback_and_kept_exactly() {
        let entra = "https://login.microsoftonline.com/0d1e2f3a-aaaa-bbbb-cccc-123456789abc/v2.0";
        assert_eq!(parse_issuer(&format!(" {entra} ")).unwrap(), entra);
        assert_eq!(
            parse_issuer("http://127.0.0.1:4000").unwrap(),
            "http://127.0.0.1:4000"
        );
        assert!(parse_issuer("http://login.example.se").is_err());
        assert!(parse_issuer("https://idp.example.se/?tenant=1").is_err());
        assert!(parse_issuer("https://user:pw@idp.example.se").is_err());
        assert!(parse_issuer("eksjo.se").is_err());
        assert!(parse_issuer("javascript:alert(1)").is_err());
    }

    #[test]
    fn domains_are_normalised_and_checked() {
        let d = parse_domains(&["Eksjo.SE".into(), "@eksjo.se".into(), " ".into()]).unwrap();
        assert_eq!(d, vec!["eksjo.se"]);
        assert!(parse_domains(&[]).is_err());
        assert!(parse_domains(&["eksjo".into()]).is_err());
        assert!(parse_domains(&["eks jo.se".into()]).is_err());
        assert!(parse_domains(&["-eksjo.se".into()]).is_err());
    }

    #[test]
    fn secret_variables_must_be_samsyn_oidc_ones() {
        assert_eq!(
            parse_env_name("SAMSYN_OIDC_EKSJO_SECRET").unwrap(),
            "SAMSYN_OIDC_EKSJO_SECRET"
        );
        assert!(parse_env_name("SAMSYN_DATABASE_URL").is_err());
        assert!(parse_env_name("SAMSYN_OIDC_").is_err());
        assert!(parse_env_name("SAMSYN_OIDC_eksjo").is_err());
        assert!(parse_env_name("HOME").is_err());
    }

    #[test]
    fn a_provider_covers_only_its_domains() {
        let p = Provider {
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
        };
        assert!(p.covers("anna.lind@eksjo.se"));
        assert!(!p.covers("anna.lind@sub.eksjo.se"));
        assert!(!p.covers("eksjo.se@example.org"));
        assert_eq!(p.button_label(), "Logga in med Eksjö kommun");
    }
}
