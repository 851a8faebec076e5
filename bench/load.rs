//! Load test (issue 9): prints figures, it is not a timed test.
//!
//! ```sh
//! CARGO_TARGET_DIR=/work/target-release cargo bench --bench load
//! LOAD_SECS=30 LOAD_RATE=60 CARGO_TARGET_DIR=/work/target-release cargo bench --bench load
//! ```
//!
//! Starts the real `samsyn serve` binary (the release build `cargo bench` makes) on a SQLite
//! data folder holding the benchmark corpus (bench/corpus.rs: 20k threads × 10 posts, 5k
//! documents), creates users, and then sends requests **open-loop**: arrivals follow a
//! Poisson process at `LOAD_RATE` requests per second whatever the server's speed, and each
//! latency is measured from the moment the request was due, so a slow server shows as
//! latency instead of as fewer requests. The mix is what inspectors do: 80% reading (a
//! thread page or a search), 15% notifications, 5% writing (a reply) and signing in.
//!
//! Prints p50/p95/p99/max per operation, errors, and the server's RSS (VmRSS of its
//! /proc/<pid>/status every 10 s).
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `LOAD_RATE` | 60 | requests per second (3× the expected peak of 20) |
//! | `LOAD_SECS` | 300 | duration of the measured run |
//! | `LOAD_USERS` | 40 | signed-in users sending the requests |
//! | `LOAD_DATA_DIR` | a temporary folder | keep the corpus between runs (built when empty) |
//! | `LOAD_URL`, `LOAD_PID` | — | target a running server instead (its admin: `LOAD_ADMIN_EMAIL`, `LOAD_ADMIN_PASSWORD`); `LOAD_PID` for its RSS |

#[path = "corpus.rs"]
mod corpus;
#[path = "http.rs"]
mod http;
#[path = "measure.rs"]
mod measure;

use std::{
    collections::BTreeMap,
    path::Path,
    process::Stdio,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use rand::{rngs::StdRng, Rng, SeedableRng};
use serde_json::{json, Value};

use http::{gql, BoxError, LOGIN};
use measure::{pct, rss_mb};

const ADMIN_EMAIL: &str = "admin@load.samsyn.se";
const PASSWORD: &str = "last-lösenord-123";

const THREAD_PAGE: &str = "query($id: ID!) { thread(id: $id) { id title status replyCount \
    posts(first: 20) { edges { node { id bodyHtml createdAt author { displayName } } } } } }";
const SEARCH: &str = "query($q: String!) { search(query: $q, first: 10) { totalCount \
    hits { type titleHtml snippet } facets { types { value count } } } }";
const NOTIFICATIONS: &str =
    "{ unreadNotificationCount notifications(first: 10) { edges { node { kind read \
    thread { id title } actor { displayName } } } } }";
const CREATE_POST: &str =
    "mutation($i: CreatePostInput!) { createPost(input: $i) { post { id } } }";

/// The operations and their share of requests (per mille).
const MIX: &[(Op, u32)] = &[
    (Op::ThreadPage, 400),
    (Op::Search, 400),
    (Op::Notifications, 150),
    (Op::Post, 40),
    (Op::Login, 10),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Op {
    ThreadPage,
    Search,
    Notifications,
    Post,
    Login,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::ThreadPage => "thread page",
            Op::Search => "search",
            Op::Notifications => "notifications",
            Op::Post => "createPost",
            Op::Login => "login",
        }
    }

    fn pick(rng: &mut StdRng) -> Op {
        let mut n = rng.gen_range(0..1000);
        for (op, share) in MIX {
            if n < *share {
                return *op;
            }
            n -= share;
        }
        Op::ThreadPage
    }
}

fn env<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> Result<(), BoxError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run())
}

#[derive(Default)]
struct Stats {
    latencies: BTreeMap<Op, Vec<Duration>>,
    errors: BTreeMap<Op, u64>,
    first_error: BTreeMap<Op, String>,
}

struct Target {
    base: String,
    pid: Option<u32>,
    admin_email: String,
    admin_password: String,
    _child: Option<tokio::process::Child>,
    _tmp: Option<tempfile::TempDir>,
}

async fn run() -> Result<(), BoxError> {
    let rate: f64 = env("LOAD_RATE", 60.0);
    let secs: u64 = env("LOAD_SECS", 300);
    let n_users: usize = env("LOAD_USERS", 40);
    println!("samsyn load test: {rate} req/s open-loop for {secs} s, {n_users} users");
    println!(
        "machine: {} cores; load before start: {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    let target = target().await?;
    let base = target.base.clone();

    // Users, each with a session of their own and a member of every open network (so they
    // may reply, and follow what happens there: their notifications fill up as in real use).
    let t = Instant::now();
    let admin = login(&base, &target.admin_email, &target.admin_password).await?;
    let nets = gql(
        &admin,
        &base,
        "{ networks { id slug membersOnly } }",
        json!({}),
    )
    .await?;
    let open: Vec<Value> = nets["data"]["networks"]
        .as_array()
        .ok_or("no networks")?
        .iter()
        .filter(|n| n["membersOnly"] != true)
        .cloned()
        .collect();
    let mut users = Vec::new();
    for i in 0..n_users {
        let email = format!("inspektor{i}@load.samsyn.se");
        // CONFLICT when a kept data folder already has this user: fine.
        let _ = gql(&admin, &base,
            "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
            json!({ "i": { "email": email, "displayName": format!("Inspektör {i}"), "role": "MEMBER", "password": PASSWORD } }),
        ).await?;
        let client = login(&base, &email, PASSWORD).await?;
        for n in &open {
            let _ = gql(
                &client,
                &base,
                "mutation($i: NetworkInput!) { joinNetwork(input: $i) { role } }",
                json!({ "i": { "networkId": n["id"] } }),
            )
            .await?;
        }
        users.push((email, client));
    }
    // Threads to read and answer: the first 100 of every open network.
    let mut threads = Vec::new();
    for n in &open {
        let r = gql(&admin, &base,
            "query($s: String!) { network(slug: $s) { threads(first: 100) { edges { node { id } } } } }",
            json!({ "s": n["slug"] }),
        ).await?;
        for e in r["data"]["network"]["threads"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
        {
            threads.push(e["node"]["id"].as_str().unwrap_or_default().to_string());
        }
    }
    if threads.is_empty() {
        return Err("the server has no threads in open networks".into());
    }
    println!(
        "setup: {n_users} users signed in, {} threads to read, in {:.1} s",
        threads.len(),
        t.elapsed().as_secs_f64()
    );

    // RSS every 10 s.
    let rss: Arc<Mutex<Vec<(u64, f64)>>> = Arc::default();
    let sampler = {
        let rss = rss.clone();
        let pid = target.pid;
        tokio::spawn(async move {
            let started = Instant::now();
            loop {
                let mb = rss_mb(pid);
                let at = started.elapsed().as_secs();
                println!("  t={at:>4} s  server RSS {mb:.0} MB");
                rss.lock().unwrap().push((at, mb));
                tokio::time::sleep(Duration::from_secs(10)).await;
            }
        })
    };

    // Open loop: Poisson arrivals, each request its own task.
    let stats: Arc<Mutex<Stats>> = Arc::default();
    let users = Arc::new(users);
    let threads = Arc::new(threads);
    let mut rng = StdRng::seed_from_u64(env("LOAD_SEED", 9));
    let started = tokio::time::Instant::now();
    let end = started + Duration::from_secs(secs);
    let mut due = started;
    let mut tasks = Vec::new();
    let mut sent = 0u64;
    loop {
        // Exponential gaps: -ln(U)/rate.
        let gap = -(1.0 - rng.gen::<f64>()).ln() / rate;
        due += Duration::from_secs_f64(gap);
        if due >= end {
            break;
        }
        tokio::time::sleep_until(due).await;
        let op = Op::pick(&mut rng);
        let (email, client) = users[rng.gen_range(0..users.len())].clone();
        let thread = threads[rng.gen_range(0..threads.len())].clone();
        let query = corpus::QUERIES[rng.gen_range(0..corpus::QUERIES.len())];
        let word = rng.gen_range(0..1_000_000u32);
        let base = base.clone();
        let stats = stats.clone();
        let due_at = due;
        sent += 1;
        tasks.push(tokio::spawn(async move {
            let result = match op {
                Op::ThreadPage => gql(&client, &base, THREAD_PAGE, json!({ "id": thread })).await,
                Op::Search => gql(&client, &base, SEARCH, json!({ "q": query })).await,
                Op::Notifications => gql(&client, &base, NOTIFICATIONS, json!({})).await,
                Op::Post => gql(&client, &base, CREATE_POST, json!({ "i": { "threadId": thread,
                    "body": format!("Vi gör likadant i vår kommun (lasttest {word}); slamavskiljaren töms varje år.") } })).await,
                Op::Login => {
                    let fresh = new_client()?;
                    gql(&fresh, &base, LOGIN, json!({ "i": { "email": email, "password": PASSWORD } })).await
                }
            };
            let took = due_at.elapsed();
            let mut s = stats.lock().unwrap();
            match result {
                Ok(v) if v["errors"].is_null() && v["data"].is_object() => {
                    s.latencies.entry(op).or_default().push(took);
                }
                other => {
                    *s.errors.entry(op).or_default() += 1;
                    s.first_error.entry(op).or_insert_with(|| match other {
                        Ok(v) => v["errors"].to_string(),
                        Err(e) => e.to_string(),
                    });
                }
            }
            Ok::<(), BoxError>(())
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = started.elapsed();
    sampler.abort();
    let final_rss = rss_mb(target.pid);

    // Report.
    let s = stats.lock().unwrap();
    println!(
        "\n{sent} requests in {:.1} s = {:.1} req/s (target {rate})",
        elapsed.as_secs_f64(),
        sent as f64 / elapsed.as_secs_f64()
    );
    println!(
        "\n{:<14} {:>7} {:>7} {:>10} {:>10} {:>10} {:>10}",
        "operation", "ok", "errors", "p50", "p95", "p99", "max"
    );
    let mut all = Vec::new();
    for (op, _) in MIX {
        let mut lat = s.latencies.get(op).cloned().unwrap_or_default();
        lat.sort_unstable();
        all.extend_from_slice(&lat);
        println!(
            "{:<14} {:>7} {:>7} {:>10} {:>10} {:>10} {:>10}",
            op.name(),
            lat.len(),
            s.errors.get(op).copied().unwrap_or(0),
            fmt_d(pct(&lat, 0.50)),
            fmt_d(pct(&lat, 0.95)),
            fmt_d(pct(&lat, 0.99)),
            fmt_d(lat.last().copied().unwrap_or_default()),
        );
    }
    all.sort_unstable();
    println!(
        "{:<14} {:>7} {:>7} {:>10} {:>10} {:>10} {:>10}",
        "all",
        all.len(),
        s.errors.values().sum::<u64>(),
        fmt_d(pct(&all, 0.50)),
        fmt_d(pct(&all, 0.95)),
        fmt_d(pct(&all, 0.99)),
        fmt_d(all.last().copied().unwrap_or_default()),
    );
    for (op, e) in &s.first_error {
        println!(
            "first {} error: {}",
            op.name(),
            e.chars().take(300).collect::<String>()
        );
    }
    let series = rss.lock().unwrap();
    let peak = series.iter().map(|(_, mb)| *mb).fold(final_rss, f64::max);
    println!(
        "server RSS: start {:.0} MB, end {final_rss:.0} MB, peak {peak:.0} MB (samples every 10 s above)",
        series.first().map_or(0.0, |(_, mb)| *mb)
    );
    println!(
        "load after run: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    Ok(())
}

/// The server to load: `LOAD_URL`, or the release binary started on the corpus.
async fn target() -> Result<Target, BoxError> {
    if let Ok(base) = std::env::var("LOAD_URL") {
        return Ok(Target {
            base: base.trim_end_matches('/').to_string(),
            pid: std::env::var("LOAD_PID").ok().and_then(|p| p.parse().ok()),
            admin_email: std::env::var("LOAD_ADMIN_EMAIL").unwrap_or_else(|_| ADMIN_EMAIL.into()),
            admin_password: std::env::var("LOAD_ADMIN_PASSWORD")
                .map_err(|_| "LOAD_URL needs LOAD_ADMIN_PASSWORD")?,
            _child: None,
            _tmp: None,
        });
    }
    let (tmp, dir) = match std::env::var("LOAD_DATA_DIR") {
        Ok(d) => (None, std::path::PathBuf::from(d)),
        Err(_) => {
            let t = tempfile::tempdir()?;
            let d = t.path().to_path_buf();
            (Some(t), d)
        }
    };
    if !dir.join("samsyn.db").exists() {
        build_corpus(&dir).await?;
    } else {
        println!(
            "data folder {} already holds a database; using it",
            dir.display()
        );
    }
    let t = Instant::now();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_samsyn"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("SAMSYN_DATA_DIR", &dir)
        .env_remove("SAMSYN_DATABASE_URL")
        .env("SAMSYN_DEMO", "false")
        .env("SAMSYN_LOG", "warn")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let pid = child.id();
    // Ready once the index is built (a new data folder builds it at start).
    let base = http::wait_until_serving(&mut child, Duration::from_millis(500)).await?;
    println!(
        "server pid {} at {base}, ready (index built) in {:.1} s",
        pid.unwrap_or(0),
        t.elapsed().as_secs_f64()
    );
    Ok(Target {
        base,
        pid,
        admin_email: ADMIN_EMAIL.into(),
        admin_password: PASSWORD.into(),
        _child: Some(child),
        _tmp: tmp,
    })
}

/// A new data folder with the first admin and the corpus, written straight into SQLite.
async fn build_corpus(dir: &Path) -> Result<(), BoxError> {
    use samsyn::{
        accounts::{users, Role},
        app,
        config::{Config, Secret},
    };
    let t = Instant::now();
    let config = Config {
        data_dir: dir.to_path_buf(),
        database_url: None,
        admin_email: ADMIN_EMAIL.into(),
        admin_password: Some(Secret(PASSWORD.into())),
        demo: false,
        ..Config::default()
    };
    let (state, _) = app::prepare(config).await.map_err(|e| format!("{e:?}"))?;
    let db = state.db.clone();
    let admin = users::list(&db)
        .await
        .map_err(|e| format!("{e:?}"))?
        .into_iter()
        .find(|u| u.email == ADMIN_EMAIL)
        .ok_or("no admin")?;
    let member = users::create(
        &db,
        users::NewUser {
            email: "medlem@load.samsyn.se".into(),
            display_name: "Mia Medlem".into(),
            organisation_id: None,
            role: Role::Member,
            password: Some(PASSWORD.into()),
        },
    )
    .await
    .map_err(|e| format!("{e:?}"))?
    .id;
    corpus::insert(&db, admin.id, member).await?;
    db.pool.close().await;
    println!(
        "corpus: {} threads × {} posts, {} documents written to {} in {:.1} s",
        corpus::THREADS,
        corpus::POSTS_PER_THREAD,
        corpus::DOCUMENTS,
        dir.display(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

fn new_client() -> Result<reqwest::Client, BoxError> {
    Ok(reqwest::Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(60))
        .build()?)
}

async fn login(base: &str, email: &str, password: &str) -> Result<reqwest::Client, BoxError> {
    http::login_with(new_client()?, base, email, password).await
}

fn fmt_d(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.0} ms")
    }
}
