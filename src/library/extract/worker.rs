//! The far side of the extraction sandbox: `samsyn extract-worker`, a child process of the
//! server that reads one file on stdin and answers its text on stdout.
//!
//! Owns: the limits the worker puts on itself before it touches the file (address space, CPU
//! seconds, no core dump), reading stdin up to a cap, running [`extract_text`] on a thread
//! with a large stack, and the answer's wire format ([`Answer`]). A parser that overflows
//! its stack, loops or runs out of memory ends this process only; the server
//! (`crate::library::extraction`) sees the exit and records the file's text as failed.
//! Must not: open the database, the network or any file.

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

use crate::library::{
    extract::{extract_text, ExtractError},
    sniff::FileKind,
};

/// Stack of the thread that parses (recursive parsers get room; the address-space limit
/// still holds).
const PARSER_STACK_BYTES: usize = 64 * 1024 * 1024;

/// What the worker may use; the server passes them on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerLimits {
    /// Address space of the whole process, in MiB.
    pub memory_mib: u64,
    /// CPU seconds before the kernel stops the process (SIGXCPU, then SIGKILL).
    pub cpu_secs: u64,
    /// Most bytes read from stdin.
    pub max_input_bytes: u64,
}

/// The worker's one line on stdout.
#[derive(Debug, Serialize, Deserialize)]
pub struct Answer {
    pub result: Result<String, ExtractError>,
    /// Peak resident memory of the worker (VmHWM), in KiB, when the kernel reports it.
    pub peak_kib: Option<u64>,
}

/// Runs the worker: limits, read, extract, answer. The exit code is 0 whenever an answer was
/// written, whatever it says.
pub fn run(kind: &str, limits: WorkerLimits) -> std::process::ExitCode {
    if let Err(e) = restrict(limits) {
        eprintln!("extract-worker: could not set limits: {e}");
        return std::process::ExitCode::FAILURE;
    }
    let Some(kind) = FileKind::from_extension(kind) else {
        eprintln!("extract-worker: unknown kind {kind:?}");
        return std::process::ExitCode::FAILURE;
    };
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin()
        .lock()
        .take(limits.max_input_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
    {
        eprintln!("extract-worker: reading stdin: {e}");
        return std::process::ExitCode::FAILURE;
    }
    let result = if bytes.len() as u64 > limits.max_input_bytes {
        Err(ExtractError::TooLarge {
            limit_mib: limits.max_input_bytes.div_ceil(1024 * 1024),
        })
    } else {
        let parser = std::thread::Builder::new()
            .name("extract".into())
            .stack_size(PARSER_STACK_BYTES)
            .spawn(move || extract_text(kind, &bytes));
        match parser.map(|handle| handle.join()) {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err(ExtractError::Unreadable {
                detail: "parser thread panicked".into(),
            }),
            Err(e) => {
                eprintln!("extract-worker: no parser thread: {e}");
                return std::process::ExitCode::FAILURE;
            }
        }
    };
    let answer = Answer {
        result,
        peak_kib: peak_kib(None),
    };
    let mut out = std::io::stdout().lock();
    match serde_json::to_writer(&mut out, &answer)
        .and_then(|()| out.flush().map_err(serde_json::Error::io))
    {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("extract-worker: writing the answer: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn restrict(limits: WorkerLimits) -> std::io::Result<()> {
    use rlimit::Resource;
    let memory = limits.memory_mib.saturating_mul(1024 * 1024);
    Resource::AS.set(memory, memory)?;
    // The soft limit sends SIGXCPU (which ends the process); the hard one a second later
    // is SIGKILL for a process that ignores it.
    Resource::CPU.set(limits.cpu_secs, limits.cpu_secs.saturating_add(1))?;
    Resource::CORE.set(0, 0)?;
    Ok(())
}

/// VmHWM of process `pid` (this process when None): the most it has had resident, in KiB.
/// None where /proc does not tell (another OS, or the process has ended).
pub fn peak_kib(pid: Option<u32>) -> Option<u64> {
    let path = match pid {
        Some(pid) => format!("/proc/{pid}/status"),
        None => "/proc/self/status".to_string(),
    };
    let status = std::fs::read_to_string(path).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}
