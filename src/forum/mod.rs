//! Forum: networks, threads, posts, accepted answers, FAQ, read state, follows and
//! notifications (in-app and the e-mail digest), and the live event bus.
//!
//! Every function here takes the caller's `Access` and decides with it; nothing in this
//! module knows about poem or async-graphql beyond enums deriving `async_graphql::Enum`.
//! Writes that change what search shows about a thread record `EntityKind::Thread` in the
//! change log inside their transaction; a network's visibility change records
//! `EntityKind::Network`.

pub mod answers;
pub mod digest;
pub mod drafts;
pub mod follows;
pub mod markdown;
pub mod membership;
pub mod moderation;
pub mod networks;
pub mod new_thread;
pub mod notifications;
pub mod posts;
pub mod reading;
pub mod reports;
pub mod search_docs;
pub mod text;
pub mod threads;

use crate::error::{AppError, AppResult};

/// Kind of thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ThreadKind {
    /// Fråga: one reply may be marked as the solution.
    Question,
    /// Diskussion.
    Discussion,
    /// Anslag on the network's notice board (moderators and admins only).
    Announcement,
}

impl ThreadKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ThreadKind::Question => "question",
            ThreadKind::Discussion => "discussion",
            ThreadKind::Announcement => "announcement",
        }
    }

    pub fn parse(s: &str) -> AppResult<ThreadKind> {
        match s {
            "question" => Ok(ThreadKind::Question),
            "discussion" => Ok(ThreadKind::Discussion),
            "announcement" => Ok(ThreadKind::Announcement),
            other => Err(AppError::internal(format!("unknown thread kind {other}"))),
        }
    }

    /// The Swedish word, for e-mails and search.
    pub fn label(self) -> &'static str {
        match self {
            ThreadKind::Question => "fråga",
            ThreadKind::Discussion => "diskussion",
            ThreadKind::Announcement => "anslag",
        }
    }
}

/// Whether a question has an accepted answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum ThreadStatus {
    /// Obesvarad: no reply is marked as the solution.
    Open,
    /// Besvarad: a reply is marked as the solution.
    Answered,
}

/// Why a post is hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(rename_items = "SCREAMING_SNAKE_CASE")]
pub enum HiddenReason {
    /// Dold av en moderator.
    Moderator,
    /// Tillbakadragen av författaren.
    Withdrawn,
}

impl HiddenReason {
    pub fn as_str(self) -> &'static str {
        match self {
            HiddenReason::Moderator => "moderator",
            HiddenReason::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> HiddenReason {
        if s == "withdrawn" {
            HiddenReason::Withdrawn
        } else {
            HiddenReason::Moderator
        }
    }
}
