//! Reading attachments' text for search, in the background: at most [`MAX_CONCURRENT`]
//! extractions at a time, each in a sandboxed child process, the result (text, or the
//! Swedish reason it failed) stored on the blob and announced in the change log for every
//! attachment that shares it. An upload never fails because its text could not be read.
//!
//! The sandbox: the child is this same binary (`samsyn extract-worker`, see
//! `crate::library::extract::worker`), started with an empty environment, the file on its
//! stdin and the answer on its stdout. It limits its own address space and CPU time before it
//! reads; the server adds a wall-clock limit and kills it past that (or when the server stops).
//! A parser that overflows its stack, loops or exhausts memory ends only the child: the blob's
//! text becomes FAILED with a Swedish reason, and the file stays downloadable.

use std::{path::PathBuf, process::Stdio, sync::OnceLock, time::Duration};

use sqlx::Row;
use tokio::{
    io::AsyncReadExt,
    process::{ChildStdin, Command},
    sync::Semaphore,
    task::JoinHandle,
};
use tracing::Instrument;

use crate::{
    config::Config,
    db::{change_log, change_log::EntityKind, now_ms, Db},
    error::{AppError, AppResult},
    library::{
        attachments,
        extract::{worker::Answer, ExtractError, MAX_TEXT_BYTES},
        kinds::TextStatus,
        sniff::FileKind,
    },
};

/// Extractions running at once; the rest wait their turn. Two keeps a small server's other
/// work (search, requests) responsive while large PDFs are read.
pub const MAX_CONCURRENT: usize = 2;

static PERMITS: Semaphore = Semaphore::const_new(MAX_CONCURRENT);

/// Most bytes of the worker's answer read (the text, JSON-escaped, and a little more).
const MAX_ANSWER_BYTES: u64 = 6 * MAX_TEXT_BYTES as u64 + 64 * 1024;

/// Most bytes of the worker's stderr kept for the log.
const MAX_STDERR_BYTES: u64 = 16 * 1024;

/// How the worker process is started and limited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sandbox {
    /// The program, run as `PROGRAM extract-worker …`.
    pub program: PathBuf,
    pub memory_mib: u64,
    pub cpu_secs: u64,
    pub timeout: Duration,
    /// Largest file handed to the worker.
    pub max_input_bytes: u64,
}

impl Sandbox {
    /// The sandbox the configuration asks for; the worker is this binary unless it names one.
    pub fn from_config(config: &Config) -> Sandbox {
        Sandbox {
            program: config
                .extract_worker
                .clone()
                .or_else(|| std::env::current_exe().ok())
                .unwrap_or_else(|| PathBuf::from("samsyn")),
            memory_mib: config.extract_memory_mib,
            cpu_secs: config.extract_cpu_secs,
            timeout: Duration::from_secs(config.extract_timeout_secs),
            max_input_bytes: config.max_upload_bytes,
        }
    }
}

static SANDBOX: OnceLock<Sandbox> = OnceLock::new();

/// Sets how workers are started, once per process (the server's start does it; later calls,
/// such as a second server in the same test binary, keep the first setting).
pub fn configure(config: &Config) {
    let _ = SANDBOX.set(Sandbox::from_config(config));
}

fn sandbox() -> &'static Sandbox {
    SANDBOX.get_or_init(|| Sandbox::from_config(&Config::default()))
}

/// Reads the text of blob `sha256` in the background.
pub fn spawn(db: Db, sha256: String, kind: FileKind) -> JoinHandle<()> {
    let span = tracing::info_span!("extract_text", sha256 = %sha256);
    tokio::spawn(
        async move {
            if let Err(e) = run(&db, &sha256, kind).await {
                tracing::error!(error = %e.log_message(), "text extraction could not be stored");
            }
        }
        .instrument(span),
    )
}

/// The command that starts a worker for a file of `kind` under `sandbox`'s limits, its
/// stdin, stdout and stderr piped. The environment is emptied but for one allocator
/// setting: mimalloc reserves 1 GiB of address space up front by default, which would use up
/// the worker's whole address-space limit before it reads a byte.
pub fn worker_command(sandbox: &Sandbox, kind: FileKind) -> std::process::Command {
    let mut command = std::process::Command::new(&sandbox.program);
    command
        .arg("extract-worker")
        .arg("--kind")
        .arg(attachments::kind_word(kind))
        .arg("--memory-mib")
        .arg(sandbox.memory_mib.to_string())
        .arg("--cpu-secs")
        .arg(sandbox.cpu_secs.to_string())
        .arg("--max-input-bytes")
        .arg(sandbox.max_input_bytes.to_string())
        .env_clear()
        .env("MIMALLOC_ARENA_RESERVE", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// How one run of the worker ended, before it is stored.
#[derive(Debug)]
pub struct Outcome {
    pub result: Result<String, ExtractError>,
    /// The worker's peak resident memory in KiB, when it answered.
    pub peak_kib: Option<u64>,
}

/// Runs a worker for a file of `kind` under `sandbox`'s limits; `feed` writes the file to
/// the worker's stdin. Errors are the server's own (the program cannot be started, `feed`
/// fails other than by the worker closing its stdin); whatever the file does to the worker
/// is an [`Outcome`].
pub async fn extract_sandboxed<F, Fut>(
    sandbox: &Sandbox,
    kind: FileKind,
    feed: F,
) -> AppResult<Outcome>
where
    F: FnOnce(ChildStdin) -> Fut,
    Fut: std::future::Future<Output = AppResult<()>>,
{
    let mut child = Command::from(worker_command(sandbox, kind))
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| {
            AppError::internal(format!(
                "start extraction worker {}: {e}",
                sandbox.program.display()
            ))
        })?;
    let (Some(stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        return Err(AppError::internal("extraction worker without pipes"));
    };
    // A worker that stops reading early (a limit hit, a crash) closes the pipe; `feed` stops
    // there without an error (see `attachments::write_content`), the worker's exit tells why.
    let feed = feed(stdin);
    let read_answer = async move {
        let mut answer = Vec::new();
        let mut stdout = stdout.take(MAX_ANSWER_BYTES);
        let read = stdout.read_to_end(&mut answer).await;
        read.map(|_| answer)
    };
    let read_errors = async move {
        let mut text = Vec::new();
        let _ = stderr.take(MAX_STDERR_BYTES).read_to_end(&mut text).await;
        String::from_utf8_lossy(&text).into_owned()
    };
    let work = async {
        let (fed, answer, errors) = tokio::join!(feed, read_answer, read_errors);
        let status = child.wait().await;
        (fed, answer, errors, status)
    };
    let Ok((fed, answer, errors, status)) = tokio::time::timeout(sandbox.timeout, work).await
    else {
        // Dropping `work` dropped nothing of the child; kill it now (kill_on_drop is the
        // backstop if this fails).
        let _ = child.start_kill();
        let _ = child.wait().await;
        tracing::info!(
            secs = sandbox.timeout.as_secs(),
            "extraction worker timed out"
        );
        return Ok(Outcome {
            result: Err(ExtractError::TimedOut),
            peak_kib: None,
        });
    };
    fed?;
    let status = status.map_err(|e| AppError::internal(format!("wait for worker: {e}")))?;
    if status.success() {
        if let Ok(answer) = answer {
            if let Ok(answer) = serde_json::from_slice::<Answer>(&answer) {
                return Ok(Outcome {
                    result: answer.result,
                    peak_kib: answer.peak_kib,
                });
            }
        }
    }
    Ok(Outcome {
        result: Err(failure(&status, &errors)),
        peak_kib: None,
    })
}

/// What a worker that gave no answer ran into, judged from how it ended.
fn failure(status: &std::process::ExitStatus, errors: &str) -> ExtractError {
    use std::os::unix::process::ExitStatusExt;
    const SIGKILL: i32 = 9;
    const SIGXCPU: i32 = 24;
    let detail = format!(
        "worker ended with {status}: {}",
        errors.trim().chars().take(500).collect::<String>()
    );
    tracing::info!(%detail, "extraction worker gave no answer");
    if errors.contains("memory allocation of") || errors.contains("out of memory") {
        ExtractError::OutOfMemory
    } else if matches!(status.signal(), Some(SIGXCPU) | Some(SIGKILL)) {
        ExtractError::TimedOut
    } else {
        ExtractError::Unreadable { detail }
    }
}

async fn run(db: &Db, sha256: &str, kind: FileKind) -> AppResult<()> {
    let _permit = PERMITS
        .acquire()
        .await
        .map_err(|e| AppError::internal(format!("extraction semaphore: {e}")))?;
    let started = std::time::Instant::now();
    let Outcome { result, peak_kib } = extract_sandboxed(sandbox(), kind, |mut stdin| async move {
        attachments::write_content(db, sha256, &mut stdin)
            .await
            .map(drop)
    })
    .await?;
    let (status, text, reason) = match result {
        Ok(text) => (TextStatus::Done, Some(text), None),
        Err(e) => {
            if let ExtractError::Unreadable { detail } = &e {
                tracing::info!(%sha256, %detail, "text could not be read");
            }
            (TextStatus::Failed, None, Some(e.to_string()))
        }
    };
    tracing::info!(
        %sha256,
        status = status.as_str(),
        ms = started.elapsed().as_millis() as u64,
        peak_kib,
        "text extraction finished"
    );
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE blobs SET text_status = $1, text_content = $2, text_error = $3, text_updated_at = $4 \
         WHERE sha256 = $5 AND text_status = 'pending'",
    )
    .bind(status.as_str())
    .bind(text)
    .bind(reason)
    .bind(now_ms())
    .bind(sha256)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() > 0 {
        let rows = sqlx::query("SELECT id FROM attachments WHERE sha256 = $1")
            .bind(sha256)
            .fetch_all(&mut **tx)
            .await?;
        for r in rows {
            change_log::record(&mut tx, EntityKind::Attachment, r.try_get(0)?).await?;
        }
    }
    tx.commit().await
}

/// Restarts extractions a stopped server left pending. Returns how many were started.
pub async fn resume_pending(db: &Db) -> AppResult<usize> {
    let rows = sqlx::query("SELECT sha256, kind FROM blobs WHERE text_status = 'pending'")
        .fetch_all(&db.pool)
        .await?;
    let mut started = 0;
    for r in rows {
        let sha: String = r.try_get(0)?;
        let word: String = r.try_get(1)?;
        match FileKind::from_extension(&word) {
            Some(kind) => {
                spawn(db.clone(), sha, kind);
                started += 1;
            }
            None => tracing::error!(%sha, kind = %word, "pending blob of unknown kind"),
        }
    }
    Ok(started)
}
