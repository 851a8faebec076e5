//! Hostile files against the extraction sandbox: the corpus of
//! `samsyn::library::testfiles::hostile` uploaded to the real server (each ends as FAILED text
//! with a Swedish reason, or is refused; the file stays downloadable and the server answers
//! throughout), and the same files run through the worker alone, timed and with its peak
//! memory, printed as a table.

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::{io::AsyncWriteExt, process::ChildStdin};

use samsyn::error::{AppError, AppResult};
use samsyn::library::{
    extract::{worker::peak_kib, ExtractError},
    extraction::{extract_sandboxed, worker_command, Sandbox},
    sniff::FileKind,
    testfiles::hostile::{corpus, Expect, HostileFile},
};

use crate::both_backends;
use crate::helpers::*;
use crate::library::{create_doc, create_project, download, upload_with};

both_backends!(hostile_files_end_as_failed_text_and_stay_downloadable);

/// Longest a hostile file may keep its text PENDING: the worker's default wall-clock limit
/// (120 s) and a margin; in practice each ends within seconds.
const DEADLINE: Duration = Duration::from_secs(150);

async fn corpus_off_thread() -> Vec<HostileFile> {
    tokio::task::spawn_blocking(corpus).await.unwrap()
}

async fn hostile_files_end_as_failed_text_and_stay_downloadable(app: TestApp) {
    let admin = app.admin().await;
    let project = create_project(&app, &admin, "fientligt", &[]).await;
    let doc = create_doc(
        &app,
        &admin,
        json!({ "title": "Fientliga filer", "kind": "MALL", "projectId": project["id"] }),
    )
    .await;
    let owner = doc["id"].as_str().unwrap();
    for file in corpus_off_thread().await {
        let started = Instant::now();
        let (status, body) = upload_with(
            &app,
            &admin,
            owner,
            file.name,
            file.content_type,
            file.bytes.clone(),
            None,
        )
        .await;
        if file.expect == Expect::Refused {
            assert_eq!(status, 200, "{}: {body}", file.name);
            assert_code(&body, "BAD_INPUT");
            println!(
                "{:<24} refused at upload: {}",
                file.name, body["errors"][0]["message"]
            );
            continue;
        }
        assert_ok(&body);
        let att = body["data"]["uploadAttachment"]["attachment"].clone();
        let id = att["id"].as_str().unwrap().to_string();
        let done = loop {
            // The server keeps answering while the worker struggles.
            let alive = app.gql("{ __typename }", json!({})).await;
            assert_eq!(alive["data"]["__typename"], "Query", "{}", file.name);
            let body = app
                .gql_with(
                    &admin,
                    "query($id: ID!) { node(id: $id) { ... on Attachment { textStatus textError } } }",
                    json!({ "id": id }),
                )
                .await;
            assert_ok(&body);
            if body["data"]["node"]["textStatus"] != "PENDING" {
                break body["data"]["node"].clone();
            }
            assert!(started.elapsed() < DEADLINE, "{} still PENDING", file.name);
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        assert_eq!(done["textStatus"], "FAILED", "{}: {done}", file.name);
        let reason = done["textError"].as_str().unwrap_or_default();
        assert!(
            reason.contains("går inte att söka i"),
            "{}: {reason}",
            file.name
        );
        let resp = download(&admin, &app, att["url"].as_str().unwrap()).await;
        assert_eq!(resp.status(), 200, "{}", file.name);
        let back = resp.bytes().await.unwrap();
        assert!(
            back.as_ref() == file.bytes.as_slice(),
            "{} downloads intact",
            file.name
        );
        println!(
            "{:<24} {:>6} ms  {}",
            file.name,
            started.elapsed().as_millis(),
            reason
        );
    }
}

/// The worker alone, file by file, with the server's default limits: wall time, peak
/// resident memory (VmHWM, sampled while it runs, so it is known even when a limit ends the
/// worker) and how it ended. Prints the table the closing note quotes.
#[test]
fn hostile_files_measured_in_the_worker() {
    let limits = samsyn::config::Config {
        extract_worker: Some(env!("CARGO_BIN_EXE_samsyn").into()),
        ..samsyn::config::Config::default()
    };
    let sandbox = Sandbox::from_config(&limits);
    println!(
        "{:<24} {:>9} {:>9} {:>9}  outcome  (limits: {} MiB address space, {} s CPU)",
        "file", "size", "time", "peak", limits.extract_memory_mib, limits.extract_cpu_secs
    );
    for file in corpus()
        .into_iter()
        .filter(|f| f.expect == Expect::TextFailed)
    {
        let kind = FileKind::from_extension(file.name.rsplit('.').next().unwrap()).unwrap();
        let started = Instant::now();
        let mut child = worker_command(&sandbox, kind)
            .spawn()
            .expect("start the worker");
        let pid = child.id();
        let bytes = file.bytes.clone();
        let mut stdin = child.stdin.take().unwrap();
        let feeder = std::thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        });
        let mut peak = 0u64;
        let status = loop {
            if let Some(kib) = peak_kib(Some(pid)) {
                peak = peak.max(kib);
            }
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            assert!(started.elapsed() < DEADLINE, "{} never ended", file.name);
            std::thread::sleep(Duration::from_millis(5));
        };
        feeder.join().unwrap();
        let elapsed = started.elapsed();
        let output = child.wait_with_output().unwrap();
        let answer: Option<Value> = serde_json::from_slice(&output.stdout).ok();
        if let Some(kib) = answer.as_ref().and_then(|a| a["peak_kib"].as_u64()) {
            peak = peak.max(kib);
        }
        let outcome = match &answer {
            Some(a) if a["result"]["Err"].is_object() => {
                format!("error {}", a["result"]["Err"]["kind"])
            }
            Some(_) => "text".to_string(),
            None => format!("ended without an answer ({status})"),
        };
        println!(
            "{:<24} {:>7.1}MB {:>7}ms {:>7.0}MiB  {outcome}",
            file.name,
            file.bytes.len() as f64 / 1e6,
            elapsed.as_millis(),
            peak as f64 / 1024.0
        );
        assert!(
            peak <= limits.extract_memory_mib * 1024,
            "{}: {peak} KiB",
            file.name
        );
        assert!(
            answer.is_some() || status.signal().is_some(),
            "{}: a worker answers unless a limit stopped it ({status}): {}",
            file.name,
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            answer.is_none() || outcome.starts_with("error"),
            "{} must not yield text: {outcome}",
            file.name
        );
    }
}

/// Feeds `bytes` to the worker, closing its stdin after.
fn feed_bytes(bytes: Vec<u8>) -> impl FnOnce(ChildStdin) -> BoxedFeed {
    move |mut stdin| {
        Box::pin(async move {
            match stdin.write_all(&bytes).await {
                // The worker stopped reading (a limit ended it), as the server's feed allows.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(AppError::internal(format!("feed: {e}")))
                }
                _ => Ok(()),
            }
        })
    }
}

type BoxedFeed = std::pin::Pin<Box<dyn std::future::Future<Output = AppResult<()>> + Send>>;

/// Each limit of the sandbox, hit for real: the wall clock (the worker is killed), CPU time
/// (the kernel stops it), address space (allocation fails), and a worker that dies without
/// an answer. Each is an outcome with a Swedish reason, never an error of the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_sandbox_limit_ends_the_worker_not_the_server() {
    let base = Sandbox::from_config(&samsyn::config::Config {
        extract_worker: Some(env!("CARGO_BIN_EXE_samsyn").into()),
        ..samsyn::config::Config::default()
    });
    let many = corpus()
        .into_iter()
        .find(|f| f.name == "miljon-objekt.pdf")
        .unwrap()
        .bytes;
    let cases = [
        (
            "wall clock",
            Sandbox {
                timeout: Duration::from_millis(100),
                ..base.clone()
            },
            ExtractError::TimedOut,
        ),
        (
            "CPU time",
            Sandbox {
                cpu_secs: 1,
                ..base.clone()
            },
            ExtractError::TimedOut,
        ),
        (
            "address space",
            Sandbox {
                memory_mib: 48,
                ..base.clone()
            },
            ExtractError::OutOfMemory,
        ),
    ];
    for (limit, sandbox, expected) in cases {
        let started = Instant::now();
        let outcome = extract_sandboxed(&sandbox, FileKind::Pdf, feed_bytes(many.clone()))
            .await
            .unwrap();
        println!(
            "{limit}: {:?} after {} ms",
            outcome.result,
            started.elapsed().as_millis()
        );
        assert_eq!(outcome.result, Err(expected.clone()), "{limit}");
        assert!(expected.to_string().contains("går inte att söka i"));
    }
    // A worker that ends without answering (here: a program that is not a worker at all).
    let broken = Sandbox {
        program: "/bin/false".into(),
        ..base
    };
    let outcome = extract_sandboxed(&broken, FileKind::Pdf, feed_bytes(many))
        .await
        .unwrap();
    assert!(
        matches!(outcome.result, Err(ExtractError::Unreadable { .. })),
        "{outcome:?}"
    );
}
