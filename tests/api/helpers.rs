//! Test helpers: the real server on port 0 with a fresh data folder (SQLite) or a fresh
//! PostgreSQL database, and a small GraphQL client.

#![allow(dead_code)]

use std::{net::SocketAddr, sync::atomic::AtomicU64, sync::atomic::Ordering, sync::Arc};

use serde_json::{json, Value};
use tokio::sync::oneshot;

use samsyn::{
    app::{self, App},
    config::{Config, Secret},
    search::SearchService,
    state::AppState,
};

pub const ADMIN_EMAIL: &str = "admin@test.samsyn.se";
pub const ADMIN_PASSWORD: &str = "test-admin-lösenord-1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub base: String,
    pub state: AppState,
    pub search: Arc<SearchService>,
    pub backend: Backend,
    /// A client with its own cookie jar (not signed in).
    pub client: reqwest::Client,
    shutdown: Option<oneshot::Sender<()>>,
    _dir: tempfile::TempDir,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// The PostgreSQL admin URL for tests, or None (printing why) when the tests must skip.
pub fn postgres_url(test: &str) -> Option<String> {
    match std::env::var("SAMSYN_TEST_DATABASE_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            if std::env::var("SAMSYN_TEST_REQUIRE_ALL").as_deref() == Ok("1") {
                panic!("{test}: SAMSYN_TEST_DATABASE_URL is unset but SAMSYN_TEST_REQUIRE_ALL=1");
            }
            eprintln!("skipped {test} on PostgreSQL: SAMSYN_TEST_DATABASE_URL is unset");
            None
        }
    }
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Creates a fresh PostgreSQL database for one app and returns its URL. Databases left by
/// test runs older than an hour are dropped on the way.
async fn fresh_postgres_database(admin_url: &str) -> String {
    use sqlx::{postgres::PgPoolOptions, Row};
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .connect(admin_url)
        .await
        .expect("connect to the test PostgreSQL");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let stale = sqlx::query("SELECT datname FROM pg_database WHERE datname LIKE 'samsyn_t_%'")
        .fetch_all(&pool)
        .await
        .unwrap_or_default();
    for row in stale {
        let name: String = row.get(0);
        let ts: u64 = name
            .split('_')
            .nth(2)
            .and_then(|t| t.parse().ok())
            .unwrap_or(now);
        if now.saturating_sub(ts) > 3600 {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .execute(&pool)
                .await;
        }
    }
    let name = format!(
        "samsyn_t_{now}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    sqlx::query(&format!("CREATE DATABASE \"{name}\""))
        .execute(&pool)
        .await
        .expect("create test database");
    pool.close().await;
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("database URL with a database name");
    format!("{base}/{name}")
}

pub fn test_config(dir: &std::path::Path, database_url: Option<String>) -> Config {
    Config {
        data_dir: dir.to_path_buf(),
        database_url,
        db_max_connections: 5,
        admin_email: ADMIN_EMAIL.into(),
        admin_password: Some(Secret(ADMIN_PASSWORD.into())),
        demo: false,
        // The tests run in their own binary; the server's extraction worker is the real one.
        extract_worker: Some(env!("CARGO_BIN_EXE_samsyn").into()),
        ..Config::default()
    }
}

/// Starts the real server on port 0. Returns None when the backend must be skipped.
pub async fn spawn_app(backend: Backend, test: &str) -> Option<TestApp> {
    spawn_with(backend, test, |_| {}).await
}

pub async fn spawn_with(
    backend: Backend,
    test: &str,
    adjust: impl FnOnce(&mut Config),
) -> Option<TestApp> {
    samsyn::telemetry::init_for_tests();
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(fresh_postgres_database(&postgres_url(test)?).await),
    };
    let mut config = test_config(dir.path(), database_url);
    adjust(&mut config);
    Some(start(config, backend, dir).await)
}

/// Starts another node of `of`'s installation: the same PostgreSQL database, its own empty
/// data folder (so its own search index, which it builds itself), its own port.
pub async fn spawn_node(of: &TestApp) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = test_config(dir.path(), of.state.config.database_url.clone());
    start(config, of.backend, dir).await
}

/// Like `spawn_with`, but on a port chosen first, so that `public_url` is the server's real
/// address (for identity providers, which send the browser back to it).
pub async fn spawn_at_public_url(
    backend: Backend,
    test: &str,
    adjust: impl FnOnce(&mut Config),
) -> Option<TestApp> {
    samsyn::telemetry::init_for_tests();
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(fresh_postgres_database(&postgres_url(test)?).await),
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let mut config = test_config(dir.path(), database_url);
    config.public_url = format!("http://127.0.0.1:{port}");
    adjust(&mut config);
    let bind = format!("127.0.0.1:{port}").parse().unwrap();
    Some(start_on(config, backend, dir, bind).await)
}

async fn start(config: Config, backend: Backend, dir: tempfile::TempDir) -> TestApp {
    start_on(config, backend, dir, "127.0.0.1:0".parse().unwrap()).await
}

async fn start_on(
    config: Config,
    backend: Backend,
    dir: tempfile::TempDir,
    bind: SocketAddr,
) -> TestApp {
    let (state, _) = app::prepare(config).await.expect("prepare app");
    let search = app::start_search(&state).await.expect("open search index");
    let app = App::build(state.clone(), Some(search.clone()), bind)
        .await
        .expect("bind");
    let addr = app.addr;
    let (tx, rx) = oneshot::channel::<()>();
    tokio::spawn(app.run_until(async {
        let _ = rx.await;
    }));
    TestApp {
        addr,
        base: format!("http://{addr}"),
        state,
        search,
        backend,
        client: new_client(),
        shutdown: Some(tx),
        _dir: dir,
    }
}

pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client")
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// POSTs a GraphQL operation with `client` and returns the JSON body.
    pub async fn gql_with(&self, client: &reqwest::Client, query: &str, variables: Value) -> Value {
        let resp = client
            .post(self.url("/graphql"))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request");
        resp.json().await.expect("json body")
    }

    /// POSTs as the app's default client.
    pub async fn gql(&self, query: &str, variables: Value) -> Value {
        self.gql_with(&self.client, query, variables).await
    }

    /// POSTs with a bearer token.
    pub async fn gql_bearer(&self, token: &str, query: &str, variables: Value) -> Value {
        reqwest::Client::new()
            .post(self.url("/graphql"))
            .bearer_auth(token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request")
            .json()
            .await
            .expect("json body")
    }

    /// A new client signed in as `email`.
    pub async fn login(&self, email: &str, password: &str) -> reqwest::Client {
        let client = new_client();
        let body = self
            .gql_with(
                &client,
                "mutation($i: LoginInput!) { login(input: $i) { user { id } } }",
                json!({ "i": { "email": email, "password": password } }),
            )
            .await;
        assert!(body["errors"].is_null(), "login failed: {body}");
        client
    }

    pub async fn admin(&self) -> reqwest::Client {
        self.login(ADMIN_EMAIL, ADMIN_PASSWORD).await
    }

    /// Creates a user through the API as admin and returns (user id, signed-in client).
    pub async fn user(
        &self,
        email: &str,
        role: &str,
        org_slug: Option<&str>,
    ) -> (String, reqwest::Client) {
        let admin = self.admin().await;
        let org_id = match org_slug {
            Some(slug) => {
                let orgs = self
                    .gql_with(&admin, "{ organisations { id slug } }", json!({}))
                    .await;
                orgs["data"]["organisations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|o| o["slug"] == slug)
                    .map(|o| o["id"].clone())
            }
            None => None,
        };
        let password = "ett-bra-lösenord-123";
        let body = self
            .gql_with(
                &admin,
                "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
                json!({ "i": { "email": email, "displayName": email.split('@').next().unwrap(), "role": role, "organisationId": org_id, "password": password } }),
            )
            .await;
        assert!(body["errors"].is_null(), "createUser failed: {body}");
        let id = body["data"]["createUser"]["id"]
            .as_str()
            .unwrap()
            .to_string();
        (id, self.login(email, password).await)
    }
}

/// The `extensions.code` of the first error, or "" when there is none.
pub fn code(body: &Value) -> String {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[track_caller]
pub fn assert_ok(body: &Value) {
    assert!(body["errors"].is_null(), "unexpected errors: {body}");
}

#[track_caller]
pub fn assert_code(body: &Value, expected: &str) {
    assert_eq!(code(body), expected, "expected {expected}, got: {body}");
}

/// Generates the tests `<name>::sqlite` and `<name>::postgres` from one scenario
/// `async fn <name>(app: TestApp)`. A module per scenario names the two tests without
/// gluing identifiers together (which needed the unmaintained `paste`); the module lives in
/// the type namespace, so it can share the function's name. `cargo test <name>` still runs
/// both.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    if let Some(app) = $crate::helpers::spawn_app(
                        $crate::helpers::Backend::Sqlite, stringify!($name)).await {
                        super::$name(app).await;
                    }
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(app) = $crate::helpers::spawn_app(
                        $crate::helpers::Backend::Postgres, stringify!($name)).await {
                        super::$name(app).await;
                    }
                }
            }
        )*
    };
}

/// Signs in without a cookie jar and returns the `Cookie` header value of the session
/// (for WebSocket upgrades, which reqwest's jar does not reach).
pub async fn session_cookie(app: &TestApp, email: &str, password: &str) -> String {
    let resp = reqwest::Client::new()
        .post(app.url("/graphql"))
        .json(&json!({
            "query": "mutation($i: LoginInput!) { login(input: $i) { user { id } } }",
            "variables": { "i": { "email": email, "password": password } }
        }))
        .send()
        .await
        .expect("login request");
    let set = resp
        .headers()
        .get("set-cookie")
        .expect("session cookie")
        .to_str()
        .unwrap()
        .to_string();
    set.split(';').next().unwrap().to_string()
}

/// A tiny SMTP server on 127.0.0.1:0 that accepts every message and keeps it, for testing
/// e-mail without any outside service. It speaks just enough of RFC 5321 for lettre.
pub struct SmtpSink {
    pub addr: SocketAddr,
    pub mails: std::sync::Arc<std::sync::Mutex<Vec<SunkMail>>>,
}

#[derive(Debug, Clone)]
pub struct SunkMail {
    pub from: String,
    pub to: Vec<String>,
    /// Headers and body as received (dot-unstuffed).
    pub data: String,
}

impl SunkMail {
    /// The message with a quoted-printable body decoded, as a reader would see it.
    pub fn text(&self) -> String {
        if !self
            .data
            .contains("Content-Transfer-Encoding: quoted-printable")
        {
            return self.data.clone();
        }
        let joined = self.data.replace("=\n", "");
        let bytes = joined.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'=' && i + 2 < bytes.len() {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                if let Ok(b) = u8::from_str_radix(hex, 16) {
                    out.push(b);
                    i += 3;
                    continue;
                }
            }
            out.push(bytes[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mails: std::sync::Arc<std::sync::Mutex<Vec<SunkMail>>> = Default::default();
        let store = mails.clone();
        tokio::spawn(async move {
            while let Ok((sock, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let (r, mut w) = sock.into_split();
                    let mut lines = BufReader::new(r).lines();
                    let _ = w.write_all(b"220 sink ESMTP\r\n").await;
                    let (mut from, mut to) = (String::new(), Vec::new());
                    while let Ok(Some(line)) = lines.next_line().await {
                        let upper = line.to_ascii_uppercase();
                        let reply: &[u8] = if upper.starts_with("EHLO") {
                            b"250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
                        } else if upper.starts_with("HELO") {
                            b"250 sink\r\n"
                        } else if upper.starts_with("MAIL FROM:") {
                            from = line[10..].trim().to_string();
                            b"250 OK\r\n"
                        } else if upper.starts_with("RCPT TO:") {
                            to.push(line[8..].trim().to_string());
                            b"250 OK\r\n"
                        } else if upper == "DATA" {
                            let _ = w.write_all(b"354 go ahead\r\n").await;
                            let mut data = String::new();
                            while let Ok(Some(l)) = lines.next_line().await {
                                if l == "." {
                                    break;
                                }
                                data.push_str(l.strip_prefix('.').unwrap_or(&l));
                                data.push('\n');
                            }
                            store.lock().unwrap().push(SunkMail {
                                from: std::mem::take(&mut from),
                                to: std::mem::take(&mut to),
                                data,
                            });
                            b"250 OK queued\r\n"
                        } else if upper == "QUIT" {
                            let _ = w.write_all(b"221 bye\r\n").await;
                            break;
                        } else {
                            b"250 OK\r\n"
                        };
                        if w.write_all(reply).await.is_err() {
                            break;
                        }
                    }
                });
            }
        });
        SmtpSink { addr, mails }
    }

    pub fn count(&self) -> usize {
        self.mails.lock().unwrap().len()
    }

    pub fn all(&self) -> Vec<SunkMail> {
        self.mails.lock().unwrap().clone()
    }

    /// Waits until at least `n` mails arrived (at most `secs` seconds).
    pub async fn wait_for(&self, n: usize, secs: u64) -> bool {
        for _ in 0..secs * 10 {
            if self.count() >= n {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        self.count() >= n
    }
}

/// A graphql-transport-ws client for subscription tests.
pub struct WsClient {
    stream: tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
}

/// What the server said after `connection_init`.
pub enum WsOpen {
    Ready(Box<WsClient>),
    /// Closed or refused, with the close reason or message.
    Refused(String),
}

impl WsClient {
    /// Connects to /graphql/ws with optional extra headers (Cookie, Origin, Authorization)
    /// and sends `connection_init` with `payload`.
    pub async fn open(app: &TestApp, headers: &[(&str, &str)], payload: Value) -> WsOpen {
        use futures::{SinkExt, StreamExt};
        use tokio_tungstenite::tungstenite::{client::IntoClientRequest, Message};
        let url = format!("ws://{}/graphql/ws", app.addr);
        let mut req = url.into_client_request().unwrap();
        req.headers_mut().insert(
            "sec-websocket-protocol",
            "graphql-transport-ws".parse().unwrap(),
        );
        for (k, v) in headers {
            req.headers_mut().insert(
                reqwest::header::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        let (mut stream, _) = match tokio_tungstenite::connect_async(req).await {
            Ok(s) => s,
            Err(e) => return WsOpen::Refused(e.to_string()),
        };
        stream
            .send(Message::Text(
                json!({"type": "connection_init", "payload": payload}).to_string(),
            ))
            .await
            .unwrap();
        let first = tokio::time::timeout(std::time::Duration::from_secs(5), stream.next()).await;
        match first {
            Ok(Some(Ok(Message::Text(t)))) => {
                let v: Value = serde_json::from_str(&t).unwrap();
                if v["type"] == "connection_ack" {
                    WsOpen::Ready(Box::new(WsClient { stream }))
                } else {
                    WsOpen::Refused(t)
                }
            }
            Ok(Some(Ok(Message::Close(frame)))) => {
                WsOpen::Refused(frame.map(|f| f.reason.to_string()).unwrap_or_default())
            }
            other => WsOpen::Refused(format!("{other:?}")),
        }
    }

    /// Starts a subscription with id `id`.
    pub async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        use futures::SinkExt;
        use tokio_tungstenite::tungstenite::Message;
        self.stream
            .send(Message::Text(
                json!({"id": id, "type": "subscribe",
                       "payload": {"query": query, "variables": variables}})
                .to_string(),
            ))
            .await
            .unwrap();
    }

    /// Sends a text frame as it is (for payloads too deep to build as a `serde_json::Value`).
    pub async fn send_raw(&mut self, text: String) {
        use futures::SinkExt;
        use tokio_tungstenite::tungstenite::Message;
        let _ = self.stream.send(Message::Text(text)).await;
    }

    /// The next protocol message (next, error, complete), skipping pings; None on timeout.
    pub async fn next(&mut self, secs: u64) -> Option<Value> {
        use futures::{SinkExt, StreamExt};
        use tokio_tungstenite::tungstenite::Message;
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            let msg = tokio::time::timeout_at(deadline, self.stream.next())
                .await
                .ok()??;
            match msg.ok()? {
                Message::Text(t) => {
                    let v: Value = serde_json::from_str(&t).unwrap();
                    if v["type"] == "ping" {
                        let _ = self
                            .stream
                            .send(Message::Text(json!({"type": "pong"}).to_string()))
                            .await;
                        continue;
                    }
                    return Some(v);
                }
                Message::Close(_) => return None,
                _ => continue,
            }
        }
    }
}
