//! Outgoing e-mail through the configured SMTP server (`SAMSYN_SMTP_URL`, sender
//! `SAMSYN_MAIL_FROM`), with lettre.
//!
//! Owns composing a message (plain text, optionally with an HTML alternative and extra
//! headers) and handing it to the server once; `outbox` owns claiming, retrying and giving
//! up, for every table that queues mail. A mailer also carries the retry settings and a
//! wake-up signal so code that queued mail can nudge the background sender.
//!
//! Mail knows no domain: newsletters, meeting notices and the forum digest call it.

pub mod outbox;

use std::{sync::Arc, time::Duration};

use lettre::{
    message::{
        header::{HeaderName, HeaderValue},
        Mailbox, MultiPart, SinglePart,
    },
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use tokio::sync::Notify;

use crate::config::Config;

/// How long one SMTP conversation may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// One e-mail to one recipient.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    pub to_name: String,
    pub to_email: String,
    pub subject: String,
    pub text: String,
    /// When set, the message is multipart/alternative with `text` first.
    pub html: Option<String>,
    /// Extra headers, e.g. ("List-Unsubscribe", "<https://…>").
    pub headers: Vec<(&'static str, String)>,
}

/// Why a message did not go out; `permanent` failures are not worth retrying.
#[derive(Debug, Clone)]
pub struct SendError {
    pub message: String,
    pub permanent: bool,
}

impl SendError {
    fn permanent(message: impl Into<String>) -> SendError {
        SendError {
            message: message.into(),
            permanent: true,
        }
    }
}

/// The SMTP settings and the background sender's wake-up signal.
#[derive(Clone)]
pub struct Mailer {
    inner: Arc<Inner>,
}

struct Inner {
    smtp_url: Option<String>,
    from: String,
    /// Wait before the first retry (`SAMSYN_MAIL_RETRY_SECONDS`); each further one doubles.
    retry_base_ms: i64,
    /// Attempts before a message is given up (`SAMSYN_MAIL_MAX_ATTEMPTS`).
    max_attempts: i64,
    wake: Notify,
}

impl Mailer {
    pub fn from_config(config: &Config) -> Mailer {
        Mailer {
            inner: Arc::new(Inner {
                smtp_url: config
                    .smtp_url
                    .as_ref()
                    .map(|s| s.0.trim().to_string())
                    .filter(|s| !s.is_empty()),
                from: config.mail_from.clone(),
                retry_base_ms: (config.mail_retry_seconds as i64).max(0) * 1000,
                max_attempts: config.mail_max_attempts,
                wake: Notify::new(),
            }),
        }
    }

    /// True when an SMTP server is configured.
    pub fn is_configured(&self) -> bool {
        self.inner.smtp_url.is_some()
    }

    /// When to try again after `attempts` failed attempts ending in `err`, or None to give up.
    pub fn retry_at(&self, now: i64, attempts: i64, err: &SendError) -> Option<i64> {
        outbox::next_attempt(
            now,
            attempts,
            self.inner.max_attempts,
            self.inner.retry_base_ms,
            err,
        )
    }

    /// Tells the background sender that mail is waiting.
    pub fn wake(&self) {
        self.inner.wake.notify_one();
    }

    /// Resolves at the next `wake`.
    pub async fn woken(&self) {
        self.inner.wake.notified().await
    }

    /// Composes `mail` and hands it to the SMTP server.
    pub async fn send(&self, mail: &OutgoingMail) -> Result<(), SendError> {
        let Some(url) = &self.inner.smtp_url else {
            return Err(SendError::permanent("SAMSYN_SMTP_URL är inte satt"));
        };
        let message = compose(&self.inner.from, mail)?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| SendError::permanent(format!("SAMSYN_SMTP_URL: {e}")))?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        match transport.send(message).await {
            Ok(_) => Ok(()),
            Err(e) => Err(SendError {
                message: e.to_string(),
                permanent: e.is_permanent(),
            }),
        }
    }
}

/// Builds the MIME message.
pub fn compose(from: &str, mail: &OutgoingMail) -> Result<Message, SendError> {
    let from: Mailbox = from
        .parse()
        .map_err(|e| SendError::permanent(format!("SAMSYN_MAIL_FROM: {e}")))?;
    let to = Mailbox::new(
        Some(mail.to_name.clone()).filter(|n| !n.trim().is_empty()),
        mail.to_email
            .parse()
            .map_err(|e| SendError::permanent(format!("mottagarens adress: {e}")))?,
    );
    // A Message-ID in the sender's domain: mail without one looks like spam to many filters.
    let message_id = format!(
        "<{}@{}>",
        hex::encode(rand::random::<[u8; 16]>()),
        from.email.domain()
    );
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject.clone())
        .message_id(Some(message_id));
    for (name, value) in &mail.headers {
        builder = builder.raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str(name),
            value.clone(),
        ));
    }
    let built = match &mail.html {
        Some(html) => builder.multipart(MultiPart::alternative_plain_html(
            mail.text.clone(),
            html.clone(),
        )),
        None => builder.singlepart(SinglePart::plain(mail.text.clone())),
    };
    built.map_err(|e| SendError::permanent(format!("e-postmeddelandet: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_mail_is_multipart_alternative_with_extra_headers() {
        let mail = OutgoingMail {
            to_name: "Anna Svensson".into(),
            to_email: "anna.svensson@eksjo.se".into(),
            subject: "Nyhetsbrev hösten 2026".into(),
            text: "Hej!".into(),
            html: Some("<p>Hej!</p>".into()),
            headers: vec![("List-Unsubscribe", "<https://x.se/a>".into())],
        };
        let raw = String::from_utf8(
            compose("Samsyn <noreply@samsyn.local>", &mail)
                .unwrap()
                .formatted(),
        )
        .unwrap();
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(raw.contains("List-Unsubscribe: <https://x.se/a>"), "{raw}");
        assert!(raw.contains("text/plain") && raw.contains("text/html"));
        assert!(
            raw.contains("Message-ID: <") && raw.contains("@samsyn.local>"),
            "{raw}"
        );
    }

    #[test]
    fn a_bad_recipient_is_a_permanent_error() {
        let mail = OutgoingMail {
            to_name: String::new(),
            to_email: "inte en adress".into(),
            subject: "x".into(),
            text: "x".into(),
            html: None,
            headers: vec![],
        };
        assert!(
            compose("noreply@samsyn.local", &mail)
                .unwrap_err()
                .permanent
        );
    }
}
