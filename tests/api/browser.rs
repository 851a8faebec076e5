//! The web UI in real Chromium: starts the server and runs tests/browser/run.mjs (Node,
//! playwright-core driving Debian's /usr/bin/chromium, axe-core on every page). Switched on
//! by SAMSYN_TEST_BROWSER=1; screenshots go to target/screenshots/.

use std::{path::PathBuf, process::Stdio, time::Duration};

use tokio::process::Command;

use crate::helpers::*;

/// The whole browser run may take this long before it counts as hung.
const RUN_TIMEOUT: Duration = Duration::from_secs(300);

fn browser_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Where the screenshots go: `SAMSYN_SCREENSHOT_DIR`, else `target/screenshots` in the
/// checkout (gitignored with the rest of target/).
fn screenshot_dir() -> PathBuf {
    match std::env::var("SAMSYN_SCREENSHOT_DIR") {
        Ok(dir) if !dir.trim().is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots"),
    }
}

/// True when the browser tests should run; prints why not (or panics when skips are refused).
fn browser_enabled() -> bool {
    if std::env::var("SAMSYN_TEST_BROWSER").is_ok_and(|v| !v.trim().is_empty() && v != "0") {
        return true;
    }
    if std::env::var("SAMSYN_TEST_REQUIRE_ALL").as_deref() == Ok("1") {
        panic!("browser tests: SAMSYN_TEST_BROWSER is unset but SAMSYN_TEST_REQUIRE_ALL=1");
    }
    eprintln!("skipped browser tests: SAMSYN_TEST_BROWSER is unset");
    false
}

/// `npm ci` once, when tests/browser/node_modules is missing.
async fn install_node_modules() {
    let dir = browser_dir();
    if dir.join("node_modules/playwright-core").is_dir()
        && dir.join("node_modules/axe-core").is_dir()
        && dir.join("node_modules/graphql-http").is_dir()
    {
        return;
    }
    let out = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir)
        .output()
        .await
        .expect("run `npm ci` in tests/browser (is Node.js installed?)");
    assert!(
        out.status.success(),
        "`npm ci` in tests/browser failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn web_ui_flows_work_in_chromium_with_no_accessibility_violations() {
    if !browser_enabled() {
        return;
    }
    let chromium = std::env::var("SAMSYN_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        std::path::Path::new(&chromium).exists(),
        "browser tests need Debian's Chromium at {chromium} (apt-get install chromium)"
    );
    install_node_modules().await;
    let app = spawn_app(Backend::Sqlite, "browser")
        .await
        .expect("SQLite always runs");
    let shots = screenshot_dir();
    let run = Command::new("node")
        .arg(browser_dir().join("run.mjs"))
        .current_dir(browser_dir())
        .env("BASE_URL", &app.base)
        .env("ADMIN_EMAIL", ADMIN_EMAIL)
        .env("ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("SCREENSHOT_DIR", &shots)
        .env("CHROMIUM_PATH", &chromium)
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(RUN_TIMEOUT, run)
        .await
        .expect("the browser tests did not finish within 5 minutes")
        .expect("run node tests/browser/run.mjs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "browser tests failed ({}):\n{stdout}\n{stderr}",
        out.status
    );
    // Shown with `cargo test browser -- --nocapture`: the steps, the timing, the screenshots.
    println!("{stdout}");
    let _ = std::fs::write(shots.join("report.txt"), stdout.as_bytes());
}

/// Runs one Node script of tests/browser against a fresh server (with the admin's
/// credentials) and returns its output; it fails past `limit`.
async fn run_node_script(script: &str, app: &TestApp, limit: Duration) -> String {
    let chromium = std::env::var("SAMSYN_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let shots = screenshot_dir();
    let _ = std::fs::create_dir_all(&shots);
    let run = Command::new("node")
        .arg(browser_dir().join(script))
        .current_dir(browser_dir())
        .env("BASE_URL", &app.base)
        .env("ADMIN_EMAIL", ADMIN_EMAIL)
        .env("ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("SCREENSHOT_DIR", &shots)
        .env("CHROMIUM_PATH", &chromium)
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(limit, run)
        .await
        .unwrap_or_else(|_| panic!("{script} did not finish within {limit:?}"))
        .unwrap_or_else(|e| panic!("run node {script}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{script} failed ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{stdout}");
    stdout
}

/// The GraphQL-over-HTTP spec's own audit (graphql-http from npm): no error, no warning.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphql_over_http_audit_passes_without_warnings() {
    if !browser_enabled() {
        return;
    }
    install_node_modules().await;
    let app = spawn_app(Backend::Sqlite, "graphql_audit")
        .await
        .expect("SQLite always runs");
    let out = run_node_script("graphql-audit.mjs", &app, Duration::from_secs(120)).await;
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
}

/// GraphiQL from the binary runs a query in Chromium under its CSP, with no other origin.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphiql_runs_in_chromium_from_our_own_origin() {
    if !browser_enabled() {
        return;
    }
    install_node_modules().await;
    let app = spawn_app(Backend::Sqlite, "graphiql")
        .await
        .expect("SQLite always runs");
    let out = run_node_script("graphiql.mjs", &app, Duration::from_secs(120)).await;
    assert!(out.contains("GraphiQL ran a query"), "{out}");
}

/// What the people who run the collaboration do in the web UI (#16): moderators, organisers,
/// managers and admins, through tests/browser/coordinators.mjs. Every phone-book entry is
/// due for checking at once (verify_months 0), so the manager has a list to work through.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn coordinators_moderate_plan_meetings_and_keep_the_phone_book_in_chromium() {
    if !browser_enabled() {
        return;
    }
    install_node_modules().await;
    // At its real address: the meeting page links the participants' CSV by public_url.
    let app = spawn_at_public_url(Backend::Sqlite, "coordinators", |config| {
        config.verify_months = 0;
    })
    .await
    .expect("SQLite always runs");
    run_node_script("coordinators.mjs", &app, RUN_TIMEOUT).await;
}
