//! Streamed uploads (issue 14, part 7): ten concurrent 50 MiB uploads, then ten concurrent
//! downloads of them, against the real `samsyn serve` binary; prints the server's RSS before,
//! at its peak and after, and fails when the growth reaches 100 MiB.
//!
//! ```sh
//! cargo bench --bench upload
//! UPLOAD_MIB=50 UPLOAD_COUNT=10 cargo bench --bench upload
//! UPLOAD_DATABASE_URL=postgres://postgres@127.0.0.1:5432/samsyn_bench cargo bench --bench upload
//! ```
//!
//! The client holds no file either: each upload's bytes (a PNG signature and noise, so no
//! text extraction runs and no two files share a blob) are generated as they are written to
//! the socket, over plain HTTP/1.1 with a Content-Length, and each download is hashed as it
//! is read and compared with the sha256 the upload reported. RSS is VmRSS of the server's
//! /proc/<pid>/status, sampled every 20 ms.
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `UPLOAD_MIB` | 50 | size of each file |
//! | `UPLOAD_COUNT` | 10 | uploads (and then downloads) at once |
//! | `UPLOAD_LIMIT_MIB` | 100 | largest RSS growth that passes |
//! | `UPLOAD_DATABASE_URL` | — | PostgreSQL instead of SQLite in the temporary data folder |

#[path = "http.rs"]
#[allow(dead_code)]
mod http;
#[path = "measure.rs"]
#[allow(dead_code)]
mod measure;

use std::{
    process::Stdio,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tokio::{
    io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader},
    net::TcpStream,
};

use http::BoxError;
use measure::rss_mb;

const ADMIN_EMAIL: &str = "admin@upload.samsyn.se";
const PASSWORD: &str = "uppladdning-lösenord-123";
const BOUNDARY: &str = "samsyn-bench-boundary-7f3a";
const MIB: u64 = 1024 * 1024;

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

/// Deterministic noise after a PNG signature: file `seed`, generated piece by piece.
struct Noise {
    state: u64,
    left: u64,
    started: bool,
}

impl Noise {
    fn new(seed: u64, len: u64) -> Noise {
        Noise {
            state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
            left: len,
            started: false,
        }
    }

    /// The next piece (at most 64 KiB), empty at the end.
    fn next_piece(&mut self, buf: &mut Vec<u8>) {
        buf.clear();
        if !self.started {
            buf.extend_from_slice(b"\x89PNG\r\n\x1a\n");
            self.started = true;
        }
        while (buf.len() as u64) < self.left.min(64 * 1024) {
            self.state ^= self.state << 13;
            self.state ^= self.state >> 7;
            self.state ^= self.state << 17;
            buf.extend_from_slice(&self.state.to_le_bytes());
        }
        buf.truncate(self.left.min(64 * 1024) as usize);
        self.left -= buf.len() as u64;
    }
}

struct Server {
    base: String,
    addr: String,
    pid: u32,
    _child: tokio::process::Child,
    _dir: tempfile::TempDir,
}

async fn start_server() -> Result<Server, BoxError> {
    let dir = tempfile::tempdir()?;
    let spool = dir.path().join("tmp");
    std::fs::create_dir_all(&spool)?;
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_samsyn"));
    cmd.args(["serve", "--bind", "127.0.0.1:0"])
        .env("SAMSYN_DATA_DIR", dir.path())
        .env("SAMSYN_DEMO", "false")
        .env("SAMSYN_ADMIN_EMAIL", ADMIN_EMAIL)
        .env("SAMSYN_ADMIN_PASSWORD", PASSWORD)
        .env("SAMSYN_REQUEST_TIMEOUT_SECS", "600")
        .env("SAMSYN_LOG", "warn")
        // The multipart spool: on disk, in the data folder (not a RAM-backed /tmp).
        .env("TMPDIR", &spool)
        .stdout(Stdio::piped())
        .kill_on_drop(true);
    match std::env::var("UPLOAD_DATABASE_URL") {
        Ok(url) if !url.is_empty() => cmd.env("SAMSYN_DATABASE_URL", url),
        _ => cmd.env_remove("SAMSYN_DATABASE_URL"),
    };
    let mut child = cmd.spawn()?;
    let pid = child.id().ok_or("no pid")?;
    let base = http::wait_until_serving(&mut child, Duration::from_millis(200)).await?;
    Ok(Server {
        addr: base.trim_start_matches("http://").to_string(),
        base,
        pid,
        _child: child,
        _dir: dir,
    })
}

/// Signs in without a cookie jar; returns the `Cookie` header for later requests.
async fn session_cookie(base: &str) -> Result<String, BoxError> {
    let resp = reqwest::Client::new()
        .post(format!("{base}/graphql"))
        .json(&json!({ "query": http::LOGIN,
            "variables": { "i": { "email": ADMIN_EMAIL, "password": PASSWORD } } }))
        .send()
        .await?;
    let cookie = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_string))
        .collect::<Vec<_>>()
        .join("; ");
    if cookie.is_empty() {
        return Err("login set no cookie".into());
    }
    Ok(cookie)
}

async fn gql(base: &str, cookie: &str, query: &str, variables: Value) -> Result<Value, BoxError> {
    let body: Value = reqwest::Client::new()
        .post(format!("{base}/graphql"))
        .header("cookie", cookie)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await?
        .json()
        .await?;
    if !body["errors"].is_null() {
        return Err(format!("{query}: {body}").into());
    }
    Ok(body)
}

/// Reads an HTTP/1.1 response to the end (the request said `Connection: close`) and returns
/// the status and the body, de-chunked. For the small JSON answers to uploads.
async fn read_response(stream: &mut TcpStream) -> Result<(u16, Vec<u8>), BoxError> {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of headers")?;
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("no status")?;
    let mut body = raw[split + 4..].to_vec();
    if head.contains("transfer-encoding: chunked") {
        let mut out = Vec::new();
        let mut rest = body.as_slice();
        loop {
            let line_end = rest
                .windows(2)
                .position(|w| w == b"\r\n")
                .ok_or("bad chunk")?;
            let len = usize::from_str_radix(
                String::from_utf8_lossy(&rest[..line_end])
                    .split(';')
                    .next()
                    .unwrap_or("0")
                    .trim(),
                16,
            )?;
            if len == 0 {
                break;
            }
            out.extend_from_slice(&rest[line_end + 2..line_end + 2 + len]);
            rest = &rest[line_end + 4 + len..];
        }
        body = out;
    }
    Ok((status, body))
}

/// Uploads file `seed` of `len` bytes to `document`, generating it as it is sent. Returns
/// the attachment's id and url, and the sha256 the client computed.
async fn upload(
    addr: &str,
    cookie: &str,
    document: &str,
    seed: u64,
    len: u64,
) -> Result<(String, String), BoxError> {
    let operations = json!({
        "query": "mutation($i: UploadAttachmentInput!) { uploadAttachment(input: $i) { attachment { id url size sha256 } } }",
        "variables": { "i": { "ownerId": document, "file": null } },
    });
    let before = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{operations}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{{\"0\": [\"variables.i.file\"]}}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"0\"; filename=\"ritning-{seed}.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    );
    let after = format!("\r\n--{BOUNDARY}--\r\n");
    let total = before.len() as u64 + len + after.len() as u64;
    let mut stream = TcpStream::connect(addr).await?;
    stream
        .write_all(
            format!(
                "POST /graphql HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nx-samsyn-csrf: 1\r\n\
                 Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n\
                 Content-Length: {total}\r\nConnection: close\r\n\r\n{before}"
            )
            .as_bytes(),
        )
        .await?;
    let mut noise = Noise::new(seed, len);
    let mut hasher = Sha256::new();
    let mut buf = Vec::with_capacity(64 * 1024 + 8);
    loop {
        noise.next_piece(&mut buf);
        if buf.is_empty() {
            break;
        }
        hasher.update(&buf);
        stream.write_all(&buf).await?;
    }
    stream.write_all(after.as_bytes()).await?;
    let (status, body) = read_response(&mut stream).await?;
    let body: Value = serde_json::from_slice(&body)?;
    let att = &body["data"]["uploadAttachment"]["attachment"];
    let sha = hex::encode(hasher.finalize());
    if status != 200 || att.is_null() {
        return Err(format!("upload {seed}: HTTP {status}: {body}").into());
    }
    if att["sha256"] != sha.as_str() || att["size"] != len {
        return Err(format!("upload {seed}: server stored {att}, client sent {sha}").into());
    }
    Ok((att["url"].as_str().unwrap_or_default().to_string(), sha))
}

/// Downloads `url`, hashing the body as it arrives; returns its length and sha256.
async fn download(addr: &str, cookie: &str, url: &str) -> Result<(u64, String), BoxError> {
    let mut stream = TcpStream::connect(addr).await?;
    stream
        .write_all(
            format!(
                "GET {url} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
            )
            .as_bytes(),
        )
        .await?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    let mut status_line = String::new();
    reader.read_line(&mut status_line).await?;
    if !status_line.contains(" 200 ") {
        return Err(format!("download {url}: {status_line}").into());
    }
    loop {
        line.clear();
        reader.read_line(&mut line).await?;
        if line
            .to_ascii_lowercase()
            .starts_with("transfer-encoding: chunked")
        {
            return Err("download was chunked; expected a Content-Length".into());
        }
        if line == "\r\n" || line.is_empty() {
            break;
        }
    }
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut n = 0u64;
    loop {
        let got = reader.read(&mut buf).await?;
        if got == 0 {
            break;
        }
        hasher.update(&buf[..got]);
        n += got as u64;
    }
    Ok((n, hex::encode(hasher.finalize())))
}

/// Samples the server's RSS until stopped; returns the highest figure (MiB).
fn sample_peak(pid: u32, stop: Arc<AtomicBool>) -> tokio::task::JoinHandle<f64> {
    tokio::spawn(async move {
        let mut peak: f64 = 0.0;
        while !stop.load(Ordering::Relaxed) {
            peak = peak.max(rss_mb(Some(pid)));
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        peak.max(rss_mb(Some(pid)))
    })
}

async fn run() -> Result<(), BoxError> {
    let mib: u64 = env("UPLOAD_MIB", 50);
    let count: u64 = env("UPLOAD_COUNT", 10);
    let limit: f64 = env("UPLOAD_LIMIT_MIB", 100.0);
    let len = mib * MIB;
    let server = start_server().await?;
    let cookie = session_cookie(&server.base).await?;
    let project = gql(
        &server.base,
        &cookie,
        "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }",
        json!({ "i": { "name": "Ritningar", "slug": "ritningar", "description": "Bänkprov.",
            "goal": "Strömmade filer.", "periodFrom": "2025-01-01", "periodTo": "2026-12-31",
            "responsibleText": "Bänken", "networkIds": [] } }),
    )
    .await?;
    let doc = gql(
        &server.base,
        &cookie,
        "mutation($i: CreateDocumentInput!) { createDocument(input: $i) { document { id } } }",
        json!({ "i": { "title": "Ritningar", "kind": "MALL", "publish": true,
            "projectId": project["data"]["createProject"]["project"]["id"] } }),
    )
    .await?;
    let document = doc["data"]["createDocument"]["document"]["id"]
        .as_str()
        .ok_or("no document id")?
        .to_string();
    // One small upload and download first, so pools, connections and first-use buffers are
    // part of the baseline rather than of the growth.
    let (url, _) = upload(&server.addr, &cookie, &document, 0, MIB + 1).await?;
    download(&server.addr, &cookie, &url).await?;
    tokio::time::sleep(Duration::from_millis(500)).await;

    println!(
        "samsyn upload bench: {count} concurrent uploads of {mib} MiB, then {count} concurrent \
         downloads; server pid {} ({})",
        server.pid,
        if std::env::var("UPLOAD_DATABASE_URL").is_ok_and(|u| !u.is_empty()) {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    let before = rss_mb(Some(server.pid));
    println!("server RSS before:          {before:7.1} MiB");

    let stop = Arc::new(AtomicBool::new(false));
    let sampler = sample_peak(server.pid, stop.clone());
    let t = Instant::now();
    let results: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let mut tasks = Vec::new();
    for seed in 1..=count {
        let (addr, cookie, document, results) = (
            server.addr.clone(),
            cookie.clone(),
            document.clone(),
            results.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let r = upload(&addr, &cookie, &document, seed, len).await?;
            results.lock().unwrap().push(r);
            Ok::<(), BoxError>(())
        }));
    }
    for t in tasks {
        t.await??;
    }
    let upload_secs = t.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let upload_peak = sampler.await?;
    let after_uploads = rss_mb(Some(server.pid));
    println!(
        "uploads: {count} × {mib} MiB in {upload_secs:.1} s ({:.0} MiB/s), each sha256 as sent",
        (count * mib) as f64 / upload_secs
    );
    println!("server RSS peak (uploads):  {upload_peak:7.1} MiB");
    println!("server RSS after uploads:   {after_uploads:7.1} MiB");

    let stop = Arc::new(AtomicBool::new(false));
    let sampler = sample_peak(server.pid, stop.clone());
    let t = Instant::now();
    let files = results.lock().unwrap().clone();
    let mut tasks = Vec::new();
    for (url, sha) in files {
        let (addr, cookie) = (server.addr.clone(), cookie.clone());
        tasks.push(tokio::spawn(async move {
            let (n, got) = download(&addr, &cookie, &url).await?;
            if n != len || got != sha {
                return Err::<(), BoxError>(format!("{url}: {n} bytes, sha256 {got}").into());
            }
            Ok(())
        }));
    }
    for t in tasks {
        t.await??;
    }
    let download_secs = t.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let download_peak = sampler.await?;
    println!(
        "downloads: {count} × {mib} MiB in {download_secs:.1} s ({:.0} MiB/s), byte-exact",
        (count * mib) as f64 / download_secs
    );
    println!("server RSS peak (downloads):{download_peak:7.1} MiB");

    let growth = upload_peak.max(download_peak) - before;
    println!(
        "server RSS growth (peak − before): {growth:.1} MiB for {} MiB moved each way; limit {limit} MiB",
        count * mib
    );
    if growth >= limit {
        return Err(format!("RSS grew {growth:.1} MiB, limit {limit} MiB").into());
    }
    Ok(())
}
