//! Logging: `tracing` set up once, filtered by `SAMSYN_LOG` (or `RUST_LOG`), default `info`.

use tracing_subscriber::{fmt, EnvFilter};

pub fn init() {
    let filter = std::env::var("SAMSYN_LOG")
        .ok()
        .or_else(|| std::env::var("RUST_LOG").ok())
        .unwrap_or_else(|| "info,sqlx=warn,tantivy=warn".into());
    let _ = fmt()
        .with_env_filter(EnvFilter::new(filter))
        .with_target(false)
        .try_init();
}

/// For tests: logs only when `TEST_LOG` is set.
pub fn init_for_tests() {
    if std::env::var("TEST_LOG").is_ok() {
        init();
    }
}
