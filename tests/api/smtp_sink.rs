//! A tiny SMTP server for tests: listens on 127.0.0.1:0, speaks enough SMTP for lettre
//! (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and records every message. In failing
//! mode it answers `451` to the first N deliveries, as a greylisting server would.

#![allow(dead_code)]

use std::{
    net::SocketAddr,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
};

/// One message as the sink received it.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent after DATA (headers and body), dots unstuffed.
    pub data: Vec<u8>,
}

impl ReceivedMail {
    /// Parses the message with an independent MIME parser.
    pub fn parsed(&self) -> mailparse::ParsedMail<'_> {
        mailparse::parse_mail(&self.data).expect("a parseable message")
    }
}

pub struct SmtpSink {
    pub addr: SocketAddr,
    messages: Arc<Mutex<Vec<ReceivedMail>>>,
    fail_remaining: Arc<AtomicUsize>,
    refused: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl SmtpSink {
    /// A sink that accepts everything.
    pub async fn start() -> SmtpSink {
        SmtpSink::start_failing(0).await
    }

    /// A sink that answers 451 to the first `n` recipients it is given.
    pub async fn start_failing(n: usize) -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind sink");
        let addr = listener.local_addr().unwrap();
        let messages = Arc::new(Mutex::new(Vec::new()));
        let fail_remaining = Arc::new(AtomicUsize::new(n));
        let refused = Arc::new(AtomicUsize::new(0));
        let (m, f, r) = (messages.clone(), fail_remaining.clone(), refused.clone());
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (m, f, r) = (m.clone(), f.clone(), r.clone());
                tokio::spawn(async move {
                    let _ = session(stream, m, f, r).await;
                });
            }
        });
        SmtpSink {
            addr,
            messages,
            fail_remaining,
            refused,
            task,
        }
    }

    /// The URL for SAMSYN_SMTP_URL.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    pub fn messages(&self) -> Vec<ReceivedMail> {
        self.messages.lock().unwrap().clone()
    }

    /// How many deliveries were refused with 451.
    pub fn refused(&self) -> usize {
        self.refused.load(Ordering::SeqCst)
    }

    /// Waits (at most 20 s) until at least `n` messages arrived; panics otherwise.
    pub async fn wait_for(&self, n: usize) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.messages();
            if got.len() >= n {
                return got;
            }
            if tokio::time::Instant::now() > deadline {
                panic!("expected {n} messages at the SMTP sink, got {}", got.len());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

async fn session(
    stream: TcpStream,
    messages: Arc<Mutex<Vec<ReceivedMail>>>,
    fail_remaining: Arc<AtomicUsize>,
    refused: Arc<AtomicUsize>,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink.test ESMTP ready\r\n").await?;
    let mut from = String::new();
    let mut to: Vec<String> = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let cmd = line.trim_end().to_string();
        let upper = cmd.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            b"250 sink.test\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            from = cmd[10..].trim().to_string();
            to.clear();
            b"250 2.1.0 OK\r\n"
        } else if upper.starts_with("RCPT TO:") {
            let refuse = fail_remaining
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
            if refuse {
                refused.fetch_add(1, Ordering::SeqCst);
                b"451 4.7.1 Greylisted, please try again later\r\n"
            } else {
                to.push(cmd[8..].trim().to_string());
                b"250 2.1.5 OK\r\n"
            }
        } else if upper == "DATA" {
            if to.is_empty() {
                b"554 5.5.1 No valid recipients\r\n"
            } else {
                write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let mut data = Vec::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    let unstuffed = line.strip_prefix('.').unwrap_or(&line);
                    data.extend_from_slice(unstuffed.as_bytes());
                }
                messages.lock().unwrap().push(ReceivedMail {
                    from: from.clone(),
                    to: std::mem::take(&mut to),
                    data,
                });
                b"250 2.0.0 OK queued\r\n"
            }
        } else if upper == "RSET" {
            to.clear();
            b"250 2.0.0 OK\r\n"
        } else if upper == "NOOP" {
            b"250 2.0.0 OK\r\n"
        } else if upper == "QUIT" {
            write.write_all(b"221 2.0.0 Bye\r\n").await?;
            return Ok(());
        } else {
            b"502 5.5.2 Command not implemented\r\n"
        };
        write.write_all(reply).await?;
    }
}

/// Starts the app with SAMSYN_SMTP_URL pointing at `sink` (None: backend skipped).
pub async fn app_with_sink(
    backend: crate::helpers::Backend,
    name: &str,
    sink: &SmtpSink,
) -> Option<crate::helpers::TestApp> {
    let url = sink.url();
    crate::helpers::spawn_with(backend, name, move |c| {
        c.smtp_url = Some(samsyn::config::Secret(url));
        c.mail_retry_seconds = 1;
    })
    .await
}

/// Like `both_backends!`, with an SMTP sink that fails the first `$fail` deliveries: the
/// tests `<name>::sqlite` and `<name>::postgres` (a module per scenario, see there why).
#[macro_export]
macro_rules! with_smtp {
    ($($name:ident: $fail:expr),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let sink = $crate::smtp_sink::SmtpSink::start_failing($fail).await;
                    if let Some(app) = $crate::smtp_sink::app_with_sink($crate::helpers::Backend::Sqlite, stringify!($name), &sink).await {
                        super::$name(app, sink).await;
                    }
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    let sink = $crate::smtp_sink::SmtpSink::start_failing($fail).await;
                    if let Some(app) = $crate::smtp_sink::app_with_sink($crate::helpers::Backend::Postgres, stringify!($name), &sink).await {
                        super::$name(app, sink).await;
                    }
                }
            }
        )*
    };
}
