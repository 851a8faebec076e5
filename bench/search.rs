//! Search benchmark (issue 6, point 7): prints figures, it is not a timed test.
//!
//! `CARGO_TARGET_DIR=/work/target-release cargo bench --bench search`
//!
//! Generates a Swedish corpus (20k threads × 10 posts, 5k documents) straight into a fresh
//! SQLite data folder, then measures indexing, reindexing, index size, RSS, in-process
//! search latency, GraphQL-over-HTTP latency and throughput on loopback, SQLite FTS5 on
//! the same texts and queries, and how soon a new post becomes searchable. The HTTP load
//! runs in a child process (this binary again, see `client_main`).
//!
//! `SAMSYN_BENCH_SECONDS` (default 10): length of each HTTP run. `SAMSYN_BENCH_RATE`
//! (default `500,1000`): open-loop rates. `SAMSYN_BENCH_DATA`: a folder to keep and reuse
//! the corpus and index in. `SAMSYN_BENCH_PROFILE=N`: only N in-process searches.

#[path = "corpus.rs"]
mod corpus;
#[path = "http.rs"]
#[allow(dead_code)] // this bench runs its server in process: no child to wait for
mod http;
#[path = "measure.rs"]
mod measure;

use std::{
    path::Path,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use reqwest::cookie::Jar;
use samsyn::{
    accounts::{users, Access, AuthVia, Role},
    app::{self, App},
    config::{Config, Secret},
    search::{
        execute::{SearchFilter, SearchPage},
        SearchService,
    },
};
use serde_json::{json, Value};
use sqlx::Row;

use corpus::{DOCUMENTS, POSTS_PER_THREAD, THREADS};
use http::{gql, BoxError};
use measure::{pct, rss_mb};
const IN_PROCESS_SEARCHES: usize = 2_000;
const FRESHNESS_POSTS: usize = 50;
const ADMIN_EMAIL: &str = "admin@bench.samsyn.se";
const MEMBER_EMAIL: &str = "medlem@bench.samsyn.se";
const PASSWORD: &str = "bench-lösenord-123";
const SEARCH_GQL: &str =
    "query($q: String!) { search(query: $q, first: 10) { totalCount hits { type titleHtml snippet } } }";

fn main() -> Result<(), BoxError> {
    // The load generator runs as a child process of this same binary (see `client_main`),
    // so its work is not scheduled on the server's runtime and cannot hide in its latency.
    if let Ok(spec) = std::env::var(CLIENT_ENV) {
        return tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?
            .block_on(client_main(&spec));
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run())
}

/// Set in the child process: `<base url> <mode> <n> <seconds>`, where mode is `closed`
/// (n clients in a loop) or `open` (n searches per second on schedule).
const CLIENT_ENV: &str = "SAMSYN_BENCH_CLIENT";
/// Connections of the open-loop load (browsers keep theirs open too).
const OPEN_LOOP_CONNECTIONS: u64 = 32;

/// The child process: logs in as the member, runs one load, prints one JSON line.
async fn client_main(spec: &str) -> Result<(), BoxError> {
    let parts: Vec<&str> = spec.split_whitespace().collect();
    let [base, mode, n, seconds] = parts[..] else {
        return Err(format!("bad {CLIENT_ENV}: {spec}").into());
    };
    let n: u64 = n.parse()?;
    let duration = Duration::from_secs(seconds.parse()?);
    let jar = Arc::new(Jar::default());
    let client = login_into(base, MEMBER_EMAIL, &jar).await?;
    gql(&client, base, SEARCH_GQL, json!({ "q": "avlopp" })).await?;
    let (lat, errors, rate) = match mode {
        "closed" => {
            let (lat, errors, elapsed) = load(base, &jar, n as usize, duration).await;
            let rate = lat.len() as f64 / elapsed.as_secs_f64();
            (lat, errors, rate)
        }
        _ => open_loop(base, &jar, n, duration).await,
    };
    let micros: Vec<u64> = lat.iter().map(|d| d.as_micros() as u64).collect();
    println!(
        "{}",
        json!({ "micros": micros, "errors": errors, "rate": rate, "cpu": cpu_secs() })
    );
    Ok(())
}

/// One load run as the child process saw it, and the CPU both processes spent on it.
struct LoadRun {
    latencies: Vec<Duration>,
    errors: u64,
    rate: f64,
    /// CPU time per search in the server (this process), µs.
    server_cpu_us: f64,
    /// CPU time per search in the load generator, µs.
    client_cpu_us: f64,
}

impl LoadRun {
    fn cpu(&self) -> String {
        format!(
            "CPU per search: server {:.0} µs, load generator {:.0} µs",
            self.server_cpu_us, self.client_cpu_us
        )
    }
}

/// Runs one load in a child process.
async fn child_load(base: &str, mode: &str, n: u64, seconds: u64) -> Result<LoadRun, BoxError> {
    let cpu_before = cpu_secs();
    let out = tokio::process::Command::new(std::env::current_exe()?)
        .env(CLIENT_ENV, format!("{base} {mode} {n} {seconds}"))
        .stderr(std::process::Stdio::inherit())
        .output()
        .await?;
    if !out.status.success() {
        return Err(format!("load client failed: {}", out.status).into());
    }
    let v: Value = serde_json::from_slice(&out.stdout)?;
    let server_cpu = cpu_secs() - cpu_before;
    let latencies: Vec<Duration> = v["micros"]
        .as_array()
        .ok_or("no latencies")?
        .iter()
        .filter_map(Value::as_u64)
        .map(Duration::from_micros)
        .collect();
    let n = latencies.len().max(1) as f64;
    Ok(LoadRun {
        server_cpu_us: server_cpu * 1e6 / n,
        client_cpu_us: v["cpu"].as_f64().unwrap_or(0.0) * 1e6 / n,
        errors: v["errors"].as_u64().unwrap_or(0),
        rate: v["rate"].as_f64().unwrap_or(0.0),
        latencies,
    })
}

fn err(e: samsyn::error::AppError) -> BoxError {
    format!("{e:?}").into()
}

fn fmt_d(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.0} µs")
    } else {
        format!("{:.2} ms", us / 1000.0)
    }
}

fn summary(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort_unstable();
    (pct(&v, 0.5), pct(&v, 0.99))
}

/// CPU time this process has used (user + system), from /proc (clock ticks of 10 ms).
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: Vec<f64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|v| v.parse().ok())
        .collect();
    ticks.iter().sum::<f64>() / 100.0
}

fn dir_size(p: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(p) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

async fn run() -> Result<(), BoxError> {
    // SAMSYN_BENCH_DATA=<folder>: keep the corpus and index there and reuse them on the next
    // run (skips sections 1 and 2 when the index is current); otherwise a fresh temp folder.
    let tmp = tempfile::tempdir()?;
    let data = std::env::var_os("SAMSYN_BENCH_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&data)?;
    let marker = data.join("bench-corpus.json");
    let reused: Option<Value> = std::fs::read(&marker)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    println!("samsyn search benchmark — data folder {}", data.display());
    println!(
        "machine: {} cores; load before start: {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    let config = Config {
        data_dir: data.clone(),
        database_url: None,
        db_max_connections: 8,
        admin_email: ADMIN_EMAIL.into(),
        admin_password: Some(Secret(PASSWORD.into())),
        demo: false,
        ..Config::default()
    };
    let (state, _) = app::prepare(config).await.map_err(err)?;
    let db = state.db.clone();

    // ---- 1. corpus ----
    let admin = users::list(&db)
        .await
        .map_err(err)?
        .into_iter()
        .find(|u| u.email == ADMIN_EMAIL)
        .ok_or("no admin")?;
    let (member_id, open_thread) = match &reused {
        Some(v) => {
            println!("\n== 1. Corpus == reused from {}", data.display());
            (
                v["member"].as_i64().ok_or("marker")?,
                v["open_thread"].as_i64().ok_or("marker")?,
            )
        }
        None => {
            let member_id = users::create(
                &db,
                users::NewUser {
                    email: MEMBER_EMAIL.into(),
                    display_name: "Mia Medlem".into(),
                    organisation_id: None,
                    role: Role::Member,
                    password: Some(PASSWORD.into()),
                },
            )
            .await
            .map_err(err)?
            .id;
            let started = Instant::now();
            let (networks, open_thread) = corpus::insert(&db, admin.id, member_id).await?;
            let insert_time = started.elapsed();
            println!(
                "\n== 1. Corpus ==\n{THREADS} threads, {} posts, {DOCUMENTS} documents in {} networks \
                 (1 members-only); inserted with change_log rows in {:.2} s",
                THREADS * POSTS_PER_THREAD,
                networks,
                insert_time.as_secs_f64()
            );
            (member_id, open_thread)
        }
    };

    // ---- 2. indexing ----
    let index_dir = data.join("index");
    let service = SearchService::open(&index_dir).await.map_err(err)?;
    service.reload_synonyms(&db).await.map_err(err)?;
    println!("\n== 2. Indexing ==");
    if reused.is_some() && !service.is_rebuilding() {
        println!("index reused ({} entries)", service.num_docs());
    } else {
        let t = Instant::now();
        service.rebuild(&db, |_, _| {}).await.map_err(err)?;
        let first = t.elapsed();
        let docs = service.num_docs();
        let t = Instant::now();
        service.rebuild(&db, |_, _| {}).await.map_err(err)?;
        let second = t.elapsed();
        println!(
            "first build (empty index): {docs} entries in {:.2} s = {:.0} entries/s ({:.0} posts/s)",
            first.as_secs_f64(),
            docs as f64 / first.as_secs_f64(),
            (THREADS * POSTS_PER_THREAD) as f64 / first.as_secs_f64()
        );
        println!("full reindex: {:.2} s", second.as_secs_f64());
        std::fs::write(
            &marker,
            json!({ "member": member_id, "open_thread": open_thread }).to_string(),
        )?;
    }
    println!(
        "index size on disk: {:.1} MB in {} segment(s); process RSS after indexing: {:.0} MB",
        dir_size(&index_dir) as f64 / 1e6,
        service.num_segments(),
        rss_mb(None)
    );

    // ---- 3. in-process latency ----
    let admin_access = Access::for_user(
        &db,
        admin.id,
        admin.display_name.clone(),
        Role::Admin,
        None,
        AuthVia::Session { session_id: 0 },
    )
    .await
    .map_err(err)?;
    let member_access = Access::for_user(
        &db,
        member_id,
        "Mia Medlem".into(),
        Role::Member,
        None,
        AuthVia::Session { session_id: 0 },
    )
    .await
    .map_err(err)?;
    println!("\n== 3. In-process search (SearchService::search, first 10 with snippets) ==");
    // SAMSYN_BENCH_PROFILE=N: only run N in-process searches (for a profiler) and stop.
    if let Some(n) = std::env::var("SAMSYN_BENCH_PROFILE")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
    {
        let t = Instant::now();
        for i in 0..n {
            let q = corpus::QUERIES[i % corpus::QUERIES.len()];
            // As the HTTP mix asks: no facets.
            let page = SearchPage {
                offset: 0,
                limit: 10,
                facets: false,
            };
            let res = service
                .search(
                    &member_access,
                    SearchService::parse(q),
                    SearchFilter::default(),
                    page,
                )
                .await
                .map_err(err)?;
            std::hint::black_box(res);
        }
        println!(
            "profiled {n} searches in {:.2} s",
            t.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    let mut tantivy_per_query: Vec<Vec<Duration>> = vec![Vec::new(); corpus::QUERIES.len()];
    let mut tantivy_hits = vec![0usize; corpus::QUERIES.len()];
    let runs = [
        ("admin, with facets", &admin_access, true),
        ("member, with facets", &member_access, true),
        ("member, no facets", &member_access, false),
    ];
    for (who, access, facets) in runs {
        let mut all = Vec::with_capacity(IN_PROCESS_SEARCHES);
        for i in 0..IN_PROCESS_SEARCHES {
            let qi = i % corpus::QUERIES.len();
            let page = SearchPage {
                offset: 0,
                limit: 10,
                facets,
            };
            let t = Instant::now();
            let res = service
                .search(
                    access,
                    SearchService::parse(corpus::QUERIES[qi]),
                    SearchFilter::default(),
                    page,
                )
                .await
                .map_err(err)?;
            let d = t.elapsed();
            all.push(d);
            // The FTS5 comparison below counts and ranks but makes no facets.
            if !facets {
                tantivy_per_query[qi].push(d);
                tantivy_hits[qi] = res.total;
            }
        }
        let (p50, p99) = summary(all);
        println!(
            "{who:>20}: {IN_PROCESS_SEARCHES} searches, p50 {} p99 {}",
            fmt_d(p50),
            fmt_d(p99)
        );
    }

    // ---- 4. HTTP ----
    tokio::spawn(service.clone().follow(db.clone()));
    let server = App::build(state.clone(), Some(service.clone()), "127.0.0.1:0".parse()?).await?;
    let base = format!("http://{}", server.addr);
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let served = tokio::spawn(server.run_until(async {
        let _ = stop_rx.await;
    }));
    let admin_client = login(&base, ADMIN_EMAIL).await?;
    let member_client = login(&base, MEMBER_EMAIL).await?;
    let seconds: u64 = std::env::var("SAMSYN_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    println!(
        "\n== 4. GraphQL over HTTP on loopback (member, first 10: totalCount, type, titleHtml, \
         snippet; {seconds} s per run; the load generator is a child process on the same 2 cores) =="
    );
    for clients in [4u64, 16, 64] {
        let run = child_load(&base, "closed", clients, seconds).await?;
        let n = run.latencies.len();
        let cpu = run.cpu();
        let (p50, p99) = summary(run.latencies);
        println!(
            "{clients:>3} clients in a loop: {n} searches = {:.0} searches/s, p50 {} p99 {}, errors {}; {cpu}",
            run.rate,
            fmt_d(p50),
            fmt_d(p99),
            run.errors
        );
    }
    let rates: Vec<u64> = std::env::var("SAMSYN_BENCH_RATE")
        .ok()
        .map(|s| s.split(',').filter_map(|r| r.trim().parse().ok()).collect())
        .filter(|v: &Vec<u64>| !v.is_empty())
        .unwrap_or_else(|| vec![500, 1000]);
    for rate in rates {
        let run = child_load(&base, "open", rate, seconds).await?;
        let n = run.latencies.len();
        let cpu = run.cpu();
        let (p50, p99) = summary(run.latencies);
        println!(
            "open loop at {rate}/s: {n} searches, achieved {:.0}/s, p50 {} p99 {} \
             (from scheduled start), errors {}; {cpu}",
            run.rate,
            fmt_d(p50),
            fmt_d(p99),
            run.errors
        );
    }
    println!("process RSS after HTTP load: {:.0} MB", rss_mb(None));

    // ---- 5. FTS5 ----
    println!("\n== 5. SQLite FTS5 on the same texts (unicode61 remove_diacritics 2, bm25, snippet, count) ==");
    let fts = fts5_build(&data).await?;
    let mut fts_all = Vec::new();
    let mut fts_per_query: Vec<Vec<Duration>> = vec![Vec::new(); corpus::QUERIES.len()];
    let mut fts_hits = vec![0i64; corpus::QUERIES.len()];
    for i in 0..IN_PROCESS_SEARCHES {
        let qi = i % corpus::QUERIES.len();
        let m = fts5_match(corpus::QUERIES[qi]);
        let t = Instant::now();
        let rows = sqlx::query(
            "SELECT rowid, snippet(docs, 1, '<mark>', '</mark>', '…', 16) FROM docs \
             WHERE docs MATCH ?1 ORDER BY rank LIMIT 10",
        )
        .bind(&m)
        .fetch_all(&fts)
        .await?;
        let count: i64 = sqlx::query("SELECT COUNT(*) FROM docs WHERE docs MATCH ?1")
            .bind(&m)
            .fetch_one(&fts)
            .await?
            .try_get(0)?;
        let d = t.elapsed();
        std::hint::black_box(rows);
        fts_all.push(d);
        fts_per_query[qi].push(d);
        fts_hits[qi] = count;
    }
    let tantivy_all: Vec<Duration> = tantivy_per_query.iter().flatten().copied().collect();
    let (t50, t99) = summary(tantivy_all);
    let (f50, f99) = summary(fts_all);
    println!(
        "tantivy (member, no facets): p50 {} p99 {}\nFTS5:             p50 {} p99 {}\nratio FTS5/tantivy: p50 {:.2}×, p99 {:.2}×",
        fmt_d(t50),
        fmt_d(t99),
        fmt_d(f50),
        fmt_d(f99),
        f50.as_secs_f64() / t50.as_secs_f64(),
        f99.as_secs_f64() / t99.as_secs_f64()
    );
    println!(
        "\n{:<32} {:>10} {:>10} {:>12} {:>12} {:>7}  FTS5 MATCH",
        "query", "tantivy", "FTS5", "tantivy p50", "FTS5 p50", "ratio"
    );
    let mut log_ratios = Vec::new();
    for (qi, q) in corpus::QUERIES.iter().enumerate() {
        let (tp, _) = summary(tantivy_per_query[qi].clone());
        let (fp, _) = summary(fts_per_query[qi].clone());
        let ratio = fp.as_secs_f64() / tp.as_secs_f64();
        if fts_hits[qi] > 0 && tantivy_hits[qi] > 0 {
            log_ratios.push(ratio.ln());
        }
        println!(
            "{:<32} {:>10} {:>10} {:>12} {:>12} {:>6.2}×  {}",
            q,
            tantivy_hits[qi],
            fts_hits[qi],
            fmt_d(tp),
            fmt_d(fp),
            ratio,
            fts5_match(q)
        );
    }
    if !log_ratios.is_empty() {
        let geo = (log_ratios.iter().sum::<f64>() / log_ratios.len() as f64).exp();
        println!(
            "queries both find hits for: {} of {}; geometric mean FTS5/tantivy p50 ratio {:.2}×",
            log_ratios.len(),
            corpus::QUERIES.len(),
            geo
        );
    }
    fts.close().await;

    // ---- 6. freshness ----
    println!("\n== 6. Freshness: createPost (admin) until another user's search finds it ==");
    let thread_gid = samsyn::graphql::ids::encode("Thread", open_thread).0;
    let mut fresh = Vec::new();
    let mut missed = 0;
    for i in 0..FRESHNESS_POSTS {
        let word = made_up_word(i);
        let body = gql(
            &admin_client,
            &base,
            "mutation($i: CreatePostInput!) { createPost(input: $i) { post { id } } }",
            json!({ "i": { "threadId": thread_gid, "body": format!("Vi provade {word} vid tillsynsbesöket.") } }),
        )
        .await?;
        if !body["errors"].is_null() {
            return Err(format!("createPost failed: {body}").into());
        }
        let t = Instant::now();
        let mut found = false;
        while t.elapsed() < Duration::from_secs(5) {
            let r = gql(&member_client, &base, SEARCH_GQL, json!({ "q": word })).await?;
            if r["data"]["search"]["totalCount"].as_i64().unwrap_or(0) > 0 {
                found = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        if found {
            fresh.push(t.elapsed());
        } else {
            missed += 1;
        }
    }
    let (p50, p99) = summary(fresh);
    println!(
        "{FRESHNESS_POSTS} posts: searchable after p50 {} p99 {} (not found within 5 s: {missed})",
        fmt_d(p50),
        fmt_d(p99)
    );
    println!(
        "\nload after run: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );

    let _ = stop_tx.send(());
    let _ = served.await;
    Ok(())
}

/// A word no generated text contains, from letters only so every analyzer keeps it whole.
fn made_up_word(i: usize) -> String {
    let mut s = String::from("blorf");
    let mut n = i + 26 * 26;
    while n > 0 {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    s.push_str("ingen");
    s
}

/// An FTS5 table in its own SQLite file with the same texts: per thread its title and all
/// posts, per document its title, summary and body.
async fn fts5_build(data: &Path) -> Result<sqlx::SqlitePool, BoxError> {
    use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
    let opts = SqliteConnectOptions::new()
        .filename(data.join("fts5.db"))
        .create_if_missing(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(opts)
        .await?;
    let t = Instant::now();
    // A reused data folder (SAMSYN_BENCH_DATA) still has the last run's table.
    sqlx::query("DROP TABLE IF EXISTS docs")
        .execute(&pool)
        .await?;
    sqlx::query(
        "CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')",
    )
    .execute(&pool)
    .await?;
    let src = data.join("samsyn.db");
    sqlx::query("ATTACH DATABASE ?1 AS src")
        .bind(src.to_string_lossy().into_owned())
        .execute(&pool)
        .await?;
    sqlx::query(
        "INSERT INTO docs (title, body) SELECT t.title, \
         (SELECT group_concat(p.body, char(10)) FROM src.posts p WHERE p.thread_id = t.id) \
         FROM src.threads t ORDER BY t.id",
    )
    .execute(&pool)
    .await?;
    sqlx::query(
        "INSERT INTO docs (title, body) SELECT title, summary || char(10) || body FROM src.documents",
    )
    .execute(&pool)
    .await?;
    sqlx::query("DETACH DATABASE src").execute(&pool).await?;
    let n: i64 = sqlx::query("SELECT COUNT(*) FROM docs")
        .fetch_one(&pool)
        .await?
        .try_get(0)?;
    println!(
        "FTS5 table: {n} rows built in {:.2} s, file {:.1} MB",
        t.elapsed().as_secs_f64(),
        std::fs::metadata(data.join("fts5.db")).map_or(0, |m| m.len()) as f64 / 1e6
    );
    Ok(pool)
}

/// The search box text as a valid FTS5 MATCH: every term quoted, phrases kept, -word → NOT.
fn fts5_match(q: &str) -> String {
    let mut include = Vec::new();
    let mut exclude = Vec::new();
    let mut rest = q.trim();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('"') {
            let (phrase, tail) = after.split_once('"').unwrap_or((after, ""));
            if !phrase.trim().is_empty() {
                include.push(format!("\"{}\"", phrase.trim().replace('"', "")));
            }
            rest = tail.trim_start();
            continue;
        }
        let (word, tail) = rest.split_once(' ').unwrap_or((rest, ""));
        rest = tail.trim_start();
        let (neg, word) = match word.strip_prefix('-') {
            Some(w) => (true, w),
            None => (false, word),
        };
        let word = word.replace('"', "");
        if word.is_empty() {
            continue;
        }
        if neg {
            exclude.push(format!("\"{word}\""));
        } else {
            include.push(format!("\"{word}\""));
        }
    }
    let mut m = include.join(" ");
    for e in exclude {
        m.push_str(" NOT ");
        m.push_str(&e);
    }
    m
}

/// A client that keeps one connection open and sends `jar`'s cookies (the session).
fn connection(jar: &Arc<Jar>) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .pool_max_idle_per_host(1)
        .build()
        .expect("http client")
}

async fn login(base: &str, email: &str) -> Result<reqwest::Client, BoxError> {
    login_into(base, email, &Arc::new(Jar::default())).await
}

/// Logs in, keeping the session cookie in `jar`.
async fn login_into(base: &str, email: &str, jar: &Arc<Jar>) -> Result<reqwest::Client, BoxError> {
    http::login_with(connection(jar), base, email, PASSWORD).await
}

/// `clients` concurrent loops of searches over the query mix for `duration`.
async fn load(
    base: &str,
    jar: &Arc<Jar>,
    clients: usize,
    duration: Duration,
) -> (Vec<Duration>, u64, Duration) {
    let errors = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = Vec::new();
    for c in 0..clients {
        let client = connection(jar);
        let base = base.to_string();
        let errors = errors.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut i = c;
            while Instant::now() < deadline {
                let q = corpus::QUERIES[i % corpus::QUERIES.len()];
                i += 1;
                let t = Instant::now();
                match gql(&client, &base, SEARCH_GQL, json!({ "q": q })).await {
                    Ok(v) if v["errors"].is_null() && v["data"]["search"].is_object() => {
                        lat.push(t.elapsed())
                    }
                    _ => {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            lat
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        if let Ok(l) = t.await {
            all.extend(l);
        }
    }
    let elapsed = started.elapsed();
    (all, errors.load(Ordering::Relaxed), elapsed)
}

/// Open loop, as wrk2 runs one: `OPEN_LOOP_CONNECTIONS` connections share `rate` searches
/// per second, each search due at its scheduled time and measured from it, so a slow answer
/// counts against every search queued behind it (no coordinated omission). Returns
/// latencies, errors and the achieved rate.
async fn open_loop(
    base: &str,
    jar: &Arc<Jar>,
    rate: u64,
    duration: Duration,
) -> (Vec<Duration>, u64, f64) {
    let errors = Arc::new(AtomicU64::new(0));
    let total = rate * duration.as_secs();
    let interval = Duration::from_secs_f64(1.0 / rate as f64);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..OPEN_LOOP_CONNECTIONS {
        let client = connection(jar);
        let base = base.to_string();
        let errors = errors.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            for i in (c..total).step_by(OPEN_LOOP_CONNECTIONS as usize) {
                let due = started + interval * i as u32;
                tokio::time::sleep_until(due.into()).await;
                let q = corpus::QUERIES[i as usize % corpus::QUERIES.len()];
                match gql(&client, &base, SEARCH_GQL, json!({ "q": q })).await {
                    Ok(v) if v["errors"].is_null() && v["data"]["search"].is_object() => {
                        lat.push(due.elapsed())
                    }
                    _ => {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            lat
        }));
    }
    let mut all = Vec::with_capacity(total as usize);
    for t in tasks {
        if let Ok(l) = t.await {
            all.extend(l);
        }
    }
    let achieved = all.len() as f64 / started.elapsed().as_secs_f64();
    (all, errors.load(Ordering::Relaxed), achieved)
}
