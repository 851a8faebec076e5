//! Handläggarstöd figures for the closing note: upload and download throughput of a 20 MiB
//! PDF through the real server over loopback, and the time to extract the text of a 50-page
//! PDF. Prints figures; asserts nothing about speed.
//!
//! Run: `cargo bench --bench library` (SQLite in a temporary folder). With
//! `SAMSYN_TEST_DATABASE_URL=postgres://…/postgres` it also runs against a fresh PostgreSQL
//! database (created and dropped here).

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use samsyn::{
    app::{self, App},
    config::{Config, Secret},
    library::{
        extract::extract_text,
        sniff::FileKind,
        testfiles::{make_test_pdf, PDF_LINES_PER_PAGE},
    },
};

const ADMIN_EMAIL: &str = "bench@samsyn.local";
const ADMIN_PASSWORD: &str = "bench-lösenord-123";
const MIB: f64 = 1024.0 * 1024.0;
const RUNS: usize = 5;

/// Lines of realistic Swedish inspection text, each short enough to fill one PDF line.
const LINES: &[&str] = &[
    "Vid tillsynsbesöket kontrollerades slamavskiljaren och infiltrationsbädden.",
    "Verksamhetsutövaren ska senast den 30 juni redovisa egenkontrollen av avloppet.",
    "Inomhustemperaturen på avdelningen uppmättes till 28 °C; rutin för värmebölja saknas.",
    "Dagvatten från hårdgjorda ytor leds via oljeavskiljare till recipienten norr om området.",
    "Förorenade massor får inte användas för anläggningsändamål utan anmälan.",
    "Återförsäljaren saknade säkerhetsdatablad på svenska för tre av produkterna.",
];

/// A text PDF of exactly `pages` pages; `salt` makes its content (and sha256) unique.
fn pdf_of_pages(pages: usize, salt: &str) -> Vec<u8> {
    let mut lines: Vec<String> = Vec::with_capacity(pages * PDF_LINES_PER_PAGE);
    lines.push(format!("Rapport {salt}"));
    for i in 1..pages * PDF_LINES_PER_PAGE {
        lines.push(format!("{i:>5}. {}", LINES[i % LINES.len()]));
    }
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    make_test_pdf(&refs)
}

/// Pages in a PDF made by `make_test_pdf`.
fn page_count(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page /Parent";
    pdf.windows(needle.len()).filter(|w| *w == needle).count()
}

/// A text PDF of at least `bytes` bytes; `salt` makes its content (and sha256) unique.
fn pdf_of_size(bytes: usize, salt: &str) -> Vec<u8> {
    let one_page = pdf_of_pages(1, salt).len();
    let mut pages = bytes / one_page + 1;
    loop {
        let pdf = pdf_of_pages(pages, salt);
        if pdf.len() >= bytes {
            return pdf;
        }
        pages += pages / 20 + 1;
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn stats(label: &str, secs: Vec<f64>, bytes: usize) {
    let mib = bytes as f64 / MIB;
    let best = secs.iter().cloned().fold(f64::MAX, f64::min);
    let med = median(secs);
    println!(
        "  {label:<28} median {:>7.1} ms  ({:>6.1} MiB/s)   best {:>7.1} ms ({:>6.1} MiB/s)",
        med * 1000.0,
        mib / med,
        best * 1000.0,
        mib / best
    );
}

struct Bench {
    base: String,
    client: reqwest::Client,
}

impl Bench {
    async fn gql(&self, query: &str, variables: Value) -> Value {
        let body: Value = self
            .client
            .post(format!("{}/graphql", self.base))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(body["errors"].is_null(), "{body}");
        body["data"].clone()
    }

    async fn upload(&self, owner: &str, name: &str, bytes: Vec<u8>) -> Value {
        let operations = json!({
            "query": "mutation($i: UploadAttachmentInput!) { uploadAttachment(input: $i) { attachment { id url size textStatus } } }",
            "variables": { "i": { "ownerId": owner, "file": null } },
        });
        let form = reqwest::multipart::Form::new()
            .text("operations", operations.to_string())
            .text("map", r#"{"0": ["variables.i.file"]}"#)
            .part(
                "0",
                reqwest::multipart::Part::bytes(bytes)
                    .file_name(name.to_string())
                    .mime_str("application/pdf")
                    .unwrap(),
            );
        let body: Value = self
            .client
            .post(format!("{}/graphql", self.base))
            .header("x-samsyn-csrf", "1")
            .multipart(form)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(body["errors"].is_null(), "{body}");
        body["data"]["uploadAttachment"]["attachment"].clone()
    }

    /// Waits until the attachment's text is read; returns the time waited.
    async fn wait_for_text(&self, id: &str) -> (Duration, String) {
        let started = Instant::now();
        loop {
            let d = self
                .gql(
                    "query($id: ID!) { node(id: $id) { ... on Attachment { textStatus } } }",
                    json!({ "id": id }),
                )
                .await;
            let status = d["node"]["textStatus"].as_str().unwrap().to_string();
            if status != "PENDING" || started.elapsed() > Duration::from_secs(600) {
                return (started.elapsed(), status);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

async fn run_backend(label: &str, data_dir: &std::path::Path, database_url: Option<String>) {
    println!("\n== {label} ==");
    let config = Config {
        data_dir: data_dir.to_path_buf(),
        database_url,
        admin_email: ADMIN_EMAIL.into(),
        admin_password: Some(Secret(ADMIN_PASSWORD.into())),
        demo: false,
        request_timeout_secs: 120,
        extract_worker: Some(env!("CARGO_BIN_EXE_samsyn").into()),
        ..Config::default()
    };
    let (state, _) = app::prepare(config).await.expect("prepare");
    let app = App::build(state, None, "127.0.0.1:0".parse().unwrap())
        .await
        .expect("bind");
    let base = format!("http://{}", app.addr);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    let bench = Bench {
        base,
        client: reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap(),
    };
    bench
        .gql(
            "mutation($i: LoginInput!) { login(input: $i) { user { id } } }",
            json!({ "i": { "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD } }),
        )
        .await;
    let project = bench
        .gql(
            "mutation { createProject(input: {name: \"Mätning\", slug: \"matning\"}) { project { id } } }",
            json!({}),
        )
        .await;
    let doc = bench
        .gql(
            "mutation($i: CreateDocumentInput!) { createDocument(input: $i) { document { id } } }",
            json!({ "i": { "title": "Stor rapport", "kind": "PROJEKTRAPPORT", "projectId": project["createProject"]["project"]["id"], "publish": true } }),
        )
        .await;
    let owner = doc["createDocument"]["document"]["id"]
        .as_str()
        .unwrap()
        .to_string();

    let target = 20 * 1024 * 1024;
    let mut upload_secs = Vec::new();
    let mut extract_secs = Vec::new();
    let mut last = Value::Null;
    let mut size = 0;
    for run in 0..RUNS {
        // A different PDF each run, so every upload stores a new blob.
        let pdf = pdf_of_size(target, &format!("körning {run}"));
        size = pdf.len();
        let pages = page_count(&pdf);
        let started = Instant::now();
        let att = bench
            .upload(&owner, &format!("rapport-{run}.pdf"), pdf)
            .await;
        upload_secs.push(started.elapsed().as_secs_f64());
        // Let the background extraction finish before the next measurement.
        let (waited, status) = bench.wait_for_text(att["id"].as_str().unwrap()).await;
        extract_secs.push(waited.as_secs_f64());
        if run == 0 {
            println!(
                "  20 MiB PDF: {size} bytes, {pages} pages; background text extraction: {status}"
            );
        }
        last = att;
    }
    stats("upload 20 MiB PDF", upload_secs, size);
    let url = format!("{}{}", bench.base, last["url"].as_str().unwrap());
    let mut download_secs = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let bytes = bench
            .client
            .get(&url)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        download_secs.push(started.elapsed().as_secs_f64());
        assert_eq!(bytes.len(), size);
    }
    stats("download 20 MiB PDF", download_secs, size);
    let mut range_secs = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let bytes = bench
            .client
            .get(&url)
            .header("range", "bytes=10485760-11534335")
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        range_secs.push(started.elapsed().as_secs_f64());
        assert_eq!(bytes.len(), 1024 * 1024);
    }
    stats("download 1 MiB range", range_secs, 1024 * 1024);
    println!(
        "  background extraction of the 20 MiB PDF (upload → DONE): median {:.1} s",
        median(extract_secs)
    );
    let _ = stop.send(());
    let _ = server.await;
}

fn extraction_of_fifty_pages() {
    println!("\n== text extraction (in process, one thread) ==");
    let pdf = pdf_of_pages(50, "utdrag");
    assert_eq!(page_count(&pdf), 50);
    let text = extract_text(FileKind::Pdf, &pdf).expect("extract");
    assert!(text.contains("säkerhetsdatablad") && text.contains("Rapport utdrag"));
    let mut secs = Vec::new();
    for _ in 0..10 {
        let started = Instant::now();
        let text = extract_text(FileKind::Pdf, &pdf).expect("extract");
        secs.push(started.elapsed().as_secs_f64());
        std::hint::black_box(text);
    }
    let best = secs.iter().cloned().fold(f64::MAX, f64::min);
    println!(
        "  50-page PDF ({} KiB, {} characters of text): median {:.1} ms, best {:.1} ms (10 runs)",
        pdf.len() / 1024,
        text.chars().count(),
        median(secs) * 1000.0,
        best * 1000.0
    );
}

async fn fresh_postgres(admin_url: &str) -> (String, String) {
    use sqlx::postgres::PgPoolOptions;
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .connect(admin_url)
        .await
        .expect("connect to PostgreSQL");
    let name = format!("samsyn_bench_{}", std::process::id());
    sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\""))
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE \"{name}\""))
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    (format!("{base}/{name}"), name)
}

async fn drop_postgres(admin_url: &str, name: &str) {
    use sqlx::postgres::PgPoolOptions;
    if let Ok(pool) = PgPoolOptions::new()
        .max_connections(1)
        .connect(admin_url)
        .await
    {
        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .execute(&pool)
            .await;
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    println!(
        "samsyn library bench: {} runs each, {} CPUs",
        RUNS,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    extraction_of_fifty_pages();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        run_backend("SQLite (loopback HTTP)", dir.path(), None).await;
        if let Ok(url) = std::env::var("SAMSYN_TEST_DATABASE_URL") {
            let (db_url, name) = fresh_postgres(&url).await;
            let dir = tempfile::tempdir().unwrap();
            run_backend("PostgreSQL (loopback HTTP)", dir.path(), Some(db_url)).await;
            drop_postgres(&url, &name).await;
        }
    });
}
