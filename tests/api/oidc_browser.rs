//! Signing in with Eksjö kommun's provider in real Chromium (tests/browser/oidc.mjs): the
//! admin's setup page, the login button, the provider's login, the start page, sign-out with
//! the provider's own, and a tampered callback, each Samsyn page checked with axe-core.
//! Needs SAMSYN_TEST_BROWSER=1 and SAMSYN_TEST_OIDC=1; runs on both backends.

use std::{path::PathBuf, process::Stdio, time::Duration};

use tokio::process::Command;

use crate::{
    helpers::*,
    oidc::{oidc_enabled, Provider, CLIENT_ID, CLIENT_SECRET},
};

fn browser_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

fn enabled(test: &str) -> bool {
    if !std::env::var("SAMSYN_TEST_BROWSER").is_ok_and(|v| !v.trim().is_empty() && v != "0") {
        if std::env::var("SAMSYN_TEST_REQUIRE_ALL").as_deref() == Ok("1") {
            panic!("{test}: SAMSYN_TEST_BROWSER is unset but SAMSYN_TEST_REQUIRE_ALL=1");
        }
        eprintln!("skipped {test}: SAMSYN_TEST_BROWSER is unset");
        return false;
    }
    oidc_enabled(test)
}

async fn run(backend: Backend) {
    let test = "oidc_sign_in_works_in_chromium";
    if !enabled(test) {
        return;
    }
    let chromium = std::env::var("SAMSYN_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        std::path::Path::new(&chromium).exists(),
        "browser tests need Debian's Chromium at {chromium}"
    );
    assert!(
        browser_dir().join("node_modules/playwright-core").is_dir(),
        "run `npm ci` in tests/browser"
    );
    let Some(app) = spawn_at_public_url(backend, test, |_| {}).await else {
        return;
    };
    let provider = Provider::start(&app, 0).await;
    let shots = std::env::var("SAMSYN_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots"));
    let out = Command::new("node")
        .arg(browser_dir().join("oidc.mjs"))
        .current_dir(browser_dir())
        .env("BASE_URL", &app.base)
        .env("ADMIN_EMAIL", ADMIN_EMAIL)
        .env("ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("ISSUER", &provider.issuer)
        .env("CLIENT_ID", CLIENT_ID)
        .env("CLIENT_SECRET", CLIENT_SECRET)
        .env("SCREENSHOT_DIR", &shots)
        .env("CHROMIUM_PATH", &chromium)
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(Duration::from_secs(180), out)
        .await
        .expect("oidc.mjs did not finish within 3 minutes")
        .expect("run node tests/browser/oidc.mjs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "oidc.mjs failed ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{stdout}");
}

mod oidc_sign_in_works_in_chromium {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::run(crate::helpers::Backend::Sqlite).await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::run(crate::helpers::Backend::Postgres).await;
    }
}
