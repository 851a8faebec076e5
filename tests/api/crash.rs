//! Crash safety of the real binary on SQLite: `samsyn serve` takes posts and documents with
//! attachments from several clients at once and is killed with SIGKILL at random moments,
//! again and again. After every kill the database must be intact (`integrity_check`,
//! `foreign_key_check`), hold every write the server acknowledged, and hold nothing
//! half-written (see [`orphans`]); after every restart the search index must find what was
//! acknowledged; at the end the index that lived through all the crashes must equal one
//! rebuilt from the database.
//!
//! Runs in every `cargo test` (SQLite only, no PostgreSQL needed). `SAMSYN_CRASH_SEED`
//! repeats a run; `SAMSYN_CRASH_ROUNDS` changes the number of kills (default 20).

use std::{
    process::Stdio,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use rand::{rngs::StdRng, Rng, SeedableRng};
use serde_json::{json, Value};
use sqlx::{Connection, Row};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
};

use samsyn::graphql::ids;

use crate::helpers::{ADMIN_EMAIL, ADMIN_PASSWORD};

/// One acknowledged write and the word that must find it.
#[derive(Debug, Clone)]
enum Acked {
    Thread {
        thread: i64,
        post: i64,
        token: String,
    },
    Document {
        document: i64,
        token: String,
    },
    Attachment {
        attachment: i64,
        document: i64,
        token: String,
    },
}

impl Acked {
    /// The unique word and the search hit type that must find it.
    fn search(&self) -> (&str, &'static str) {
        match self {
            Acked::Thread { token, .. } => (token, "thread"),
            Acked::Document { token, .. } => (token, "document"),
            Acked::Attachment { token, .. } => (token, "attachment"),
        }
    }
}

struct Server {
    child: Child,
    base: String,
}

/// Starts the binary on `dir` and waits until it listens.
async fn start(dir: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_samsyn"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("SAMSYN_DATA_DIR", dir)
        .env_remove("SAMSYN_DATABASE_URL")
        .env("SAMSYN_ADMIN_EMAIL", ADMIN_EMAIL)
        .env("SAMSYN_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("SAMSYN_DEMO", "false")
        .env(
            "SAMSYN_LOG",
            if std::env::var_os("TEST_LOG").is_some() {
                "info"
            } else {
                "error"
            },
        )
        .stdout(Stdio::piped())
        .stderr(if std::env::var_os("TEST_LOG").is_some() {
            Stdio::inherit()
        } else {
            Stdio::null()
        })
        .kill_on_drop(true)
        .spawn()
        .expect("start samsyn serve");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = tokio::time::timeout(Duration::from_secs(60), async {
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(rest) = line.split("http://").nth(1) {
                return format!("http://{}", rest.trim());
            }
        }
        panic!("samsyn serve ended before listening");
    })
    .await
    .expect("samsyn serve did not start within 60 s");
    // Keep reading stdout so the server never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Server { child, base }
}

async fn gql(client: &reqwest::Client, base: &str, query: &str, variables: Value) -> Option<Value> {
    let resp = client
        .post(format!("{base}/graphql"))
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .ok()?;
    let body: Value = resp.json().await.ok()?;
    body["errors"].is_null().then_some(body)
}

fn raw(id: &Value, kind: &str) -> i64 {
    ids::decode(&async_graphql::ID(id.as_str().unwrap().to_string()), kind).unwrap()
}

/// Sends writes until the server stops answering; records what it acknowledged.
async fn writer(
    client: reqwest::Client,
    base: String,
    network: String,
    project: Value,
    mut rng: StdRng,
    acked: Arc<Mutex<Vec<Acked>>>,
    prefix: String,
) {
    for n in 0.. {
        let token = format!("{prefix}n{n}x{}", rng.gen_range(100_000..999_999));
        if rng.gen_bool(0.7) {
            let Some(b) = gql(&client, &base,
                "mutation($i: CreateThreadInput!) { createThread(input: $i) { thread { id } post { id } } }",
                json!({ "i": { "networkId": network, "kind": "DISCUSSION",
                    "title": format!("Kraschprov {token}"),
                    "body": format!("Tillsyn av avlopp, kraschprov {token}.") } }),
            ).await else { return };
            let t = &b["data"]["createThread"];
            acked.lock().unwrap().push(Acked::Thread {
                thread: raw(&t["thread"]["id"], "Thread"),
                post: raw(&t["post"]["id"], "Post"),
                token,
            });
        } else {
            let Some(b) = gql(&client, &base,
                "mutation($i: CreateDocumentInput!) { createDocument(input: $i) { document { id } } }",
                json!({ "i": { "title": format!("Checklista {token}"), "kind": "CHECKLISTA",
                    "projectId": project, "body": "Kraschprov för handläggarstöd." } }),
            ).await else { return };
            let doc_gid = b["data"]["createDocument"]["document"]["id"].clone();
            let document = raw(&doc_gid, "Document");
            acked.lock().unwrap().push(Acked::Document {
                document,
                token: token.clone(),
            });
            let file_token = format!("{token}bilaga");
            // One file in ten spans two chunks (1 MiB each), so a kill can land between them.
            let repeats = if rng.gen_range(0..10) == 0 {
                30_000
            } else {
                rng.gen_range(1..400)
            };
            let text = format!("Bilaga till kraschprovet: {file_token}. ").repeat(repeats);
            let operations = json!({
                "query": "mutation($i: UploadAttachmentInput!) { uploadAttachment(input: $i) { attachment { id } } }",
                "variables": { "i": { "ownerId": doc_gid, "file": null } },
            });
            let form = reqwest::multipart::Form::new()
                .text("operations", operations.to_string())
                .text("map", r#"{"0": ["variables.i.file"]}"#)
                .part(
                    "0",
                    reqwest::multipart::Part::bytes(text.into_bytes())
                        .file_name(format!("{file_token}.txt"))
                        .mime_str("text/plain")
                        .unwrap(),
                );
            let Ok(resp) = client
                .post(format!("{base}/graphql"))
                .header("x-samsyn-csrf", "1")
                .multipart(form)
                .send()
                .await
            else {
                return;
            };
            let Ok(b) = resp.json::<Value>().await else {
                return;
            };
            if !b["errors"].is_null() {
                return;
            }
            acked.lock().unwrap().push(Acked::Attachment {
                attachment: raw(
                    &b["data"]["uploadAttachment"]["attachment"]["id"],
                    "Attachment",
                ),
                document,
                token: file_token,
            });
        }
    }
}

/// Rows that a half-done write would leave behind; each query must return 0.
const ORPHANS: &[(&str, &str)] = &[
    ("posts without their thread", "SELECT COUNT(*) FROM posts p WHERE NOT EXISTS (SELECT 1 FROM threads t WHERE t.id = p.thread_id)"),
    ("threads without their opening post", "SELECT COUNT(*) FROM threads t WHERE t.first_post_id IS NULL OR NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = t.first_post_id AND p.thread_id = t.id)"),
    ("threads whose counters disagree with their posts", "SELECT COUNT(*) FROM threads t WHERE t.reply_count <> (SELECT COUNT(*) FROM posts p WHERE p.thread_id = t.id AND p.hidden_at IS NULL AND p.id <> t.first_post_id)"),
    ("attachments without their blob", "SELECT COUNT(*) FROM attachments a WHERE NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = a.sha256)"),
    ("attachments without their owner", "SELECT COUNT(*) FROM attachments a WHERE (a.owner_kind = 'document' AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = a.owner_id)) OR (a.owner_kind = 'post' AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = a.owner_id))"),
    ("blobs referenced by nothing", "SELECT COUNT(*) FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = b.sha256)"),
    ("blobs whose size disagrees with their chunks", "SELECT COUNT(*) FROM blobs b WHERE b.size <> COALESCE((SELECT SUM(length(c.data)) FROM blob_chunks c WHERE c.sha256 = b.sha256), 0)"),
    ("blobs with a chunk missing or out of place", "SELECT COUNT(*) FROM blobs b WHERE (SELECT COUNT(*) FROM blob_chunks c WHERE c.sha256 = b.sha256) <> (b.size + 1048575) / 1048576 OR EXISTS (SELECT 1 FROM blob_chunks c WHERE c.sha256 = b.sha256 AND (c.seq < 0 OR c.seq * 1048576 >= b.size))"),
    ("chunks without their blob", "SELECT COUNT(*) FROM blob_chunks c WHERE NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = c.sha256)"),
    ("threads never recorded in the change log", "SELECT COUNT(*) FROM threads t WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.kind = 'thread' AND c.entity_id = t.id)"),
    ("documents never recorded in the change log", "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.kind = 'document' AND c.entity_id = d.id)"),
];

/// Checks the database file of a killed server.
async fn check_database(dir: &std::path::Path, acked: &[Acked], round: usize) {
    let url = format!("sqlite://{}", dir.join("samsyn.db").display());
    let mut conn = sqlx::SqliteConnection::connect(&url)
        .await
        .expect("open the database");
    let ok: String = sqlx::query("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .unwrap()
        .get(0);
    assert_eq!(ok, "ok", "round {round}: integrity_check");
    let fk = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert!(
        fk.is_empty(),
        "round {round}: {} foreign key violations",
        fk.len()
    );
    for (what, sql) in ORPHANS {
        let n: i64 = sqlx::query(sql).fetch_one(&mut conn).await.unwrap().get(0);
        assert_eq!(n, 0, "round {round}: {what}");
    }
    for a in acked {
        let (sql, id) = match a {
            Acked::Thread { post, .. } => ("SELECT COUNT(*) FROM posts WHERE id = $1", *post),
            Acked::Document { document, .. } => ("SELECT COUNT(*) FROM documents WHERE id = $1", *document),
            Acked::Attachment { attachment, .. } => (
                "SELECT COUNT(*) FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.id = $1",
                *attachment,
            ),
        };
        let n: i64 = sqlx::query(sql)
            .bind(id)
            .fetch_one(&mut conn)
            .await
            .unwrap()
            .get(0);
        assert_eq!(n, 1, "round {round}: acknowledged {a:?} is missing");
        if let Acked::Thread { thread, post, .. } = a {
            let n: i64 = sqlx::query("SELECT COUNT(*) FROM posts WHERE id = $1 AND thread_id = $2")
                .bind(post)
                .bind(thread)
                .fetch_one(&mut conn)
                .await
                .unwrap()
                .get(0);
            assert_eq!(n, 1, "round {round}: post {post} left its thread {thread}");
        }
        if let Acked::Attachment {
            attachment,
            document,
            ..
        } = a
        {
            let n: i64 = sqlx::query("SELECT COUNT(*) FROM attachments WHERE id = $1 AND owner_kind = 'document' AND owner_id = $2")
                .bind(attachment)
                .bind(document)
                .fetch_one(&mut conn)
                .await
                .unwrap()
                .get(0);
            assert_eq!(
                n, 1,
                "round {round}: attachment {attachment} left its document"
            );
        }
    }
    conn.close().await.unwrap();
}

/// Waits until search on the running server finds every token (bounded).
async fn check_search(client: &reqwest::Client, base: &str, acked: &[Acked], round: usize) {
    let deadline = Instant::now() + Duration::from_secs(30);
    for a in acked {
        let (token, kind) = a.search();
        loop {
            let b = gql(client, base,
                "query($q: String!, $t: String!) { search(query: $q, filter: { types: [$t] }, first: 5) { totalCount fuzzy hits { titleHtml } } }",
                // Quoted: an exact lookup, never retried with typo tolerance (two tokens
                // can be near spellings of each other, and a plain search would then
                // answer with both, marked fuzzy).
                json!({ "q": format!("\"{token}\""), "t": kind }),
            ).await.expect("search answers");
            // Exact hits only: a typo-tolerant hit could be a neighbouring token.
            let s = &b["data"]["search"];
            if s["totalCount"].as_i64() > Some(0) && s["fuzzy"] == false {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "round {round}: search never found {a:?}; last answer {b}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_server_keeps_every_acknowledged_write_and_a_matching_index() {
    let started = Instant::now();
    let seed: u64 = std::env::var("SAMSYN_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(rand::random);
    let rounds: usize = std::env::var("SAMSYN_CRASH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    eprintln!(
        "crash test: seed {seed} (SAMSYN_CRASH_SEED={seed} repeats this run), {rounds} kills"
    );
    let mut rng = StdRng::seed_from_u64(seed);
    let dir = tempfile::tempdir().unwrap();

    // Setup on the first start: a signed-in client (its session outlives every crash), a
    // network and a project to write into.
    let mut server = start(dir.path()).await;
    let client = crate::helpers::new_client();
    gql(
        &client,
        &server.base,
        "mutation($i: LoginInput!) { login(input: $i) { user { id } } }",
        json!({ "i": { "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD } }),
    )
    .await
    .expect("login");
    let b = gql(&client, &server.base,
        "mutation($i: CreateNetworkInput!) { createNetwork(input: $i) { network { id } } }",
        json!({ "i": { "slug": "krasch", "name": "Kraschprov", "description": "Nätverk för kraschprovet." } }),
    ).await.expect("network");
    let network = b["data"]["createNetwork"]["network"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let b = gql(&client, &server.base,
        "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }",
        json!({ "i": { "name": "Kraschprojektet", "slug": "krasch", "description": "Kraschprov." } }),
    ).await.expect("project");
    let project = b["data"]["createProject"]["project"]["id"].clone();

    let acked: Arc<Mutex<Vec<Acked>>> = Arc::default();
    let mut checked_search = 0;
    for round in 0..rounds {
        let before = acked.lock().unwrap().len();
        let writers: Vec<_> = (0..3)
            .map(|w| {
                tokio::spawn(writer(
                    client.clone(),
                    server.base.clone(),
                    network.clone(),
                    project.clone(),
                    StdRng::seed_from_u64(rng.gen()),
                    acked.clone(),
                    format!("r{round}w{w}"),
                ))
            })
            .collect();
        // Kill while requests are in flight.
        tokio::time::sleep(Duration::from_millis(rng.gen_range(150..700))).await;
        server.child.start_kill().expect("SIGKILL");
        server.child.wait().await.unwrap();
        for w in writers {
            w.await.unwrap();
        }
        let all = acked.lock().unwrap().clone();
        eprintln!(
            "round {round}: killed after {} acknowledged writes ({} in all) at {:.1} s",
            all.len() - before,
            all.len(),
            started.elapsed().as_secs_f64()
        );
        check_database(dir.path(), &all, round).await;

        server = start(dir.path()).await;
        // Search finds what this round acknowledged (each write is searched once, after
        // the restart that follows it); the last round also searches a sample of the
        // earlier ones, which later crashes must not have lost.
        let mut to_search = all[checked_search..].to_vec();
        if round + 1 == rounds {
            for _ in 0..40.min(checked_search) {
                to_search.push(all[rng.gen_range(0..checked_search)].clone());
            }
        }
        check_search(&client, &server.base, &to_search, round).await;
        checked_search = all.len();
    }
    let total = acked.lock().unwrap().len();
    assert!(
        total >= rounds,
        "too few writes were acknowledged ({total})"
    );

    // Stop cleanly; the index that lived through every crash equals a fresh rebuild.
    sigterm(server.child.id().unwrap());
    tokio::time::timeout(Duration::from_secs(20), server.child.wait())
        .await
        .expect("graceful stop")
        .unwrap();
    let db = samsyn::db::Db::connect(None, dir.path(), 2).await.unwrap();
    let survivor = samsyn::search::SearchService::open(&dir.path().join("index"))
        .await
        .unwrap();
    assert!(
        !survivor.is_rebuilding(),
        "the index needed a rebuild after the crashes"
    );
    let max = samsyn::db::change_log::max_seq(&db.pool).await.unwrap();
    tokio::spawn(survivor.clone().follow(db.clone()));
    assert!(
        survivor.wait_for(max, Duration::from_secs(20)).await,
        "did not catch up"
    );
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = samsyn::search::SearchService::open(fresh_dir.path())
        .await
        .unwrap();
    fresh.rebuild(&db, |_, _| {}).await.unwrap();
    assert_eq!(
        survivor.num_docs(),
        fresh.num_docs(),
        "index and database disagree"
    );
    eprintln!(
        "crash test: {rounds} kills, {total} acknowledged writes, {} indexed documents, {:.1} s",
        fresh.num_docs(),
        started.elapsed().as_secs_f64()
    );
}

/// Sends SIGTERM (a graceful stop) with the `kill` command, so the tests need no libc.
fn sigterm(pid: u32) {
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill -TERM");
    assert!(status.success());
}
