//! Run-time configuration: one struct, clap flags with `SAMSYN_*` environment variables,
//! defaults that run on a laptop with no configuration at all.

use std::{fmt, net::SocketAddr, path::PathBuf, time::Duration};

/// A value that must never be printed (passwords, SMTP credentials).
#[derive(Clone, Default)]
pub struct Secret(pub String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(s.to_string()))
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    /// Data folder: the SQLite database and the search index live here.
    #[arg(long, env = "SAMSYN_DATA_DIR", default_value = "./samsyn-data")]
    pub data_dir: PathBuf,

    /// Database URL: `postgres://…` for PostgreSQL; empty = SQLite file in the data folder.
    #[arg(long, env = "SAMSYN_DATABASE_URL")]
    pub database_url: Option<String>,

    /// Largest number of pooled database connections.
    #[arg(long, env = "SAMSYN_DB_MAX_CONNECTIONS", default_value_t = 16)]
    pub db_max_connections: u32,

    /// E-mail of the first administrator, created when the database has no users.
    #[arg(long, env = "SAMSYN_ADMIN_EMAIL", default_value = "admin@samsyn.local")]
    pub admin_email: String,

    /// Password of the first administrator; generated and printed once when unset.
    #[arg(long, env = "SAMSYN_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<Secret>,

    /// Load the demo content from the verksamhetsplan when the database is new.
    #[arg(long, env = "SAMSYN_DEMO", default_value_t = true, action = clap::ArgAction::Set)]
    pub demo: bool,

    /// Password of the demo accounts (the made-up phone book's people); without it they
    /// cannot log in.
    #[arg(long, env = "SAMSYN_DEMO_PASSWORD", hide_env_values = true)]
    pub demo_password: Option<Secret>,

    /// The address users reach the site at (links in invitations, e-mails and feeds);
    /// `serve` makes it `http://` + its `--bind` address when it is left empty.
    #[arg(long, env = "SAMSYN_PUBLIC_URL", default_value = "")]
    pub public_url: String,

    /// Session idle timeout in minutes.
    #[arg(long, env = "SAMSYN_SESSION_IDLE_MINUTES", default_value_t = 60 * 24 * 7)]
    pub session_idle_minutes: u64,

    /// Absolute session lifetime in hours.
    #[arg(long, env = "SAMSYN_SESSION_MAX_HOURS", default_value_t = 24 * 30)]
    pub session_max_hours: u64,

    /// Largest attachment in bytes.
    #[arg(long, env = "SAMSYN_MAX_UPLOAD_BYTES", default_value_t = 50 * 1024 * 1024)]
    pub max_upload_bytes: u64,

    /// The program that reads attachments' text, run as a sandboxed child process with the
    /// arguments `extract-worker …`; by default this very `samsyn` binary.
    #[arg(long, env = "SAMSYN_EXTRACT_WORKER")]
    pub extract_worker: Option<PathBuf>,

    /// Address space one text extraction may use, in MiB (the child process is stopped past it).
    #[arg(long, env = "SAMSYN_EXTRACT_MEMORY_MIB", default_value_t = 1024)]
    pub extract_memory_mib: u64,

    /// CPU seconds one text extraction may use.
    #[arg(long, env = "SAMSYN_EXTRACT_CPU_SECS", default_value_t = 60)]
    pub extract_cpu_secs: u64,

    /// Wall-clock seconds one text extraction may take, waiting included.
    #[arg(long, env = "SAMSYN_EXTRACT_TIMEOUT_SECS", default_value_t = 120)]
    pub extract_timeout_secs: u64,

    /// Largest non-upload request body in bytes.
    #[arg(long, env = "SAMSYN_MAX_BODY_BYTES", default_value_t = 1024 * 1024)]
    pub max_body_bytes: u64,

    /// Memory of the search index writer in MiB (at least 15); what it buffers is flushed to
    /// disk past it.
    #[arg(long, env = "SAMSYN_INDEX_WRITER_MIB", default_value_t = 32)]
    pub index_writer_mib: usize,

    /// SQLite page cache per pooled connection, in KiB (SQLite's own default is 2000).
    #[arg(long, env = "SAMSYN_DB_CACHE_KIB", default_value_t = 1024)]
    pub db_cache_kib: u32,

    /// Signed-in callers (sessions and API tokens) kept in memory between requests; 0
    /// switches the cache off. Any committed write empties it.
    #[arg(long, env = "SAMSYN_AUTH_CACHE_ENTRIES", default_value_t = 10_000)]
    pub auth_cache_entries: usize,

    /// Memory for answers to forum reads (thread pages, thread lists) kept between requests
    /// of the same caller, in MiB; 0 switches the cache off. Any committed write empties it.
    #[arg(long, env = "SAMSYN_RESPONSE_CACHE_MIB", default_value_t = 32)]
    pub response_cache_mib: usize,

    /// Per-request execution timeout in seconds.
    #[arg(long, env = "SAMSYN_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,

    /// Hours a stored file (blob) that no attachment references any more is kept before it
    /// is removed (the collector runs hourly, so it goes within about two hours after that).
    #[arg(long, env = "SAMSYN_BLOB_GRACE_HOURS", default_value_t = 24)]
    pub blob_grace_hours: u64,

    /// Trust the X-Forwarded-For header for the client address (behind a load balancer).
    #[arg(long, env = "SAMSYN_TRUST_PROXY", default_value_t = false, action = clap::ArgAction::Set)]
    pub trust_proxy: bool,

    /// Failed logins per account within 15 minutes before RATE_LIMITED.
    #[arg(long, env = "SAMSYN_LOGIN_LIMIT_ACCOUNT", default_value_t = 5)]
    pub login_limit_account: i64,

    /// Failed logins per client address within 15 minutes before RATE_LIMITED.
    #[arg(long, env = "SAMSYN_LOGIN_LIMIT_ADDRESS", default_value_t = 30)]
    pub login_limit_address: i64,

    /// SMTP server for e-mail, e.g. `smtp://127.0.0.1:2525` or `smtps://user:pass@host`.
    #[arg(long, env = "SAMSYN_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<Secret>,

    /// Sender address of e-mails.
    #[arg(
        long,
        env = "SAMSYN_MAIL_FROM",
        default_value = "Samsyn <noreply@samsyn.local>"
    )]
    pub mail_from: String,

    /// Seconds before the first retry of a failed e-mail; each further retry waits twice as long.
    #[arg(long, env = "SAMSYN_MAIL_RETRY_SECONDS", default_value_t = 60)]
    pub mail_retry_seconds: u64,

    /// Attempts per e-mail before it is given up as failed.
    #[arg(long, env = "SAMSYN_MAIL_MAX_ATTEMPTS", default_value_t = 5)]
    pub mail_max_attempts: i64,
    /// Seconds between runs of the e-mail digest of notifications (only with SMTP).
    #[arg(long, env = "SAMSYN_DIGEST_INTERVAL_SECS", default_value_t = 60)]
    pub digest_interval_secs: u64,

    /// Months before a phone-book entry is due for verification.
    #[arg(long, env = "SAMSYN_VERIFY_MONTHS", default_value_t = 12)]
    pub verify_months: i64,

    /// Readiness fails while the search index lags the database by more than this many changes.
    #[arg(long, env = "SAMSYN_READY_MAX_LAG", default_value_t = 1000)]
    pub ready_max_lag: i64,

    /// Key that seals secrets kept in the database (identity providers' client secrets):
    /// 32 random bytes in base64 (`openssl rand -base64 32`). Unset: `secret.key` in the
    /// data folder, made on first use. Nodes sharing one database must share this key.
    #[arg(long, env = "SAMSYN_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<Secret>,

    /// Settings file (JSON) of OpenID Connect sign-in providers, read at every start; its
    /// providers replace those of the same `slug` made in the UI. See the README.
    #[arg(long, env = "SAMSYN_OIDC_PROVIDERS_FILE")]
    pub oidc_providers_file: Option<PathBuf>,

    /// Seconds Samsyn waits for an identity provider (discovery, keys, token exchange).
    #[arg(long, env = "SAMSYN_OIDC_TIMEOUT_SECS", default_value_t = 10)]
    pub oidc_timeout_secs: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: PathBuf::from("./samsyn-data"),
            database_url: None,
            db_max_connections: 16,
            admin_email: "admin@samsyn.local".into(),
            admin_password: None,
            demo: true,
            demo_password: None,
            public_url: "http://127.0.0.1:8080".into(),
            session_idle_minutes: 60 * 24 * 7,
            session_max_hours: 24 * 30,
            max_upload_bytes: 50 * 1024 * 1024,
            max_body_bytes: 1024 * 1024,
            index_writer_mib: 32,
            db_cache_kib: 1024,
            auth_cache_entries: 10_000,
            response_cache_mib: 32,
            extract_worker: None,
            extract_memory_mib: 1024,
            extract_cpu_secs: 60,
            extract_timeout_secs: 120,
            request_timeout_secs: 30,
            blob_grace_hours: 24,
            trust_proxy: false,
            login_limit_account: 5,
            login_limit_address: 30,
            smtp_url: None,
            mail_from: "Samsyn <noreply@samsyn.local>".into(),
            mail_retry_seconds: 60,
            mail_max_attempts: 5,
            digest_interval_secs: 60,
            verify_months: 12,
            ready_max_lag: 1000,
            secret_key: None,
            oidc_providers_file: None,
            oidc_timeout_secs: 10,
        }
    }
}

impl Config {
    pub fn session_idle(&self) -> Duration {
        Duration::from_secs(self.session_idle_minutes * 60)
    }
    pub fn session_max(&self) -> Duration {
        Duration::from_secs(self.session_max_hours * 3600)
    }
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs)
    }
    pub fn oidc_timeout(&self) -> Duration {
        Duration::from_secs(self.oidc_timeout_secs.max(1))
    }
    pub fn blob_grace(&self) -> Duration {
        Duration::from_secs(self.blob_grace_hours * 3600)
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "SAMSYN_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
}

/// The public address a server bound to `bind` has when `SAMSYN_PUBLIC_URL` is not set: the
/// bind address itself, or this machine's host name where it listens on every interface.
pub fn public_url_for(bind: SocketAddr) -> String {
    if bind.ip().is_unspecified() {
        let host = std::fs::read_to_string("/etc/hostname")
            .ok()
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "localhost".into());
        format!("http://{host}:{}", bind.port())
    } else {
        format!("http://{bind}")
    }
}

#[cfg(test)]
mod public_url_tests {
    use super::public_url_for;

    #[test]
    fn the_public_url_follows_the_bind_address() {
        assert_eq!(
            public_url_for("127.0.0.1:18080".parse().unwrap()),
            "http://127.0.0.1:18080"
        );
        assert_eq!(
            public_url_for("[::1]:80".parse().unwrap()),
            "http://[::1]:80"
        );
        let any = public_url_for("0.0.0.0:8080".parse().unwrap());
        assert!(any.starts_with("http://") && any.ends_with(":8080") && !any.contains("0.0.0.0"));
    }
}
