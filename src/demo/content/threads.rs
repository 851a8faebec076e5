//! Realistic forum threads, 3–5 per open network and 1–2 per members-only network, with
//! replies and accepted answers, on the forum's own thread kinds.
//!
//! The rows themselves are in `threads_tillsyn.rs` (the open tillsyn networks) and
//! `threads_groups.rs` (handläggarträffar and the members-only groups).

// The data tables refer to each other's names (tags, people, networks) freely.
use super::*;

use super::{threads_groups::GROUPS, threads_tillsyn::TILLSYN};
use crate::forum::ThreadKind;

/// A forum thread with its opening post and replies.
#[derive(Debug, Clone)]
pub struct ThreadDef {
    /// Slug of the network in [`networks()`].
    pub network: &'static str,
    pub kind: ThreadKind,
    pub title: &'static str,
    /// Names of tags in [`tags()`].
    pub tags: Vec<&'static str>,
    /// Index into [`people()`] of who started the thread.
    pub author: usize,
    /// The opening post, Markdown.
    pub body: &'static str,
    /// When the thread was started, local time "YYYY-MM-DD HH:MM" (Europe/Stockholm).
    pub started_at: &'static str,
    /// Replies in order: (index into [`people()`], Markdown).
    pub posts: Vec<(usize, &'static str)>,
    /// Index into `posts` of the reply marked as the solution (questions only).
    pub accepted: Option<usize>,
}

/// A thread before authors are resolved to indexes.
pub(super) struct ThreadRow {
    pub(super) network: &'static str,
    pub(super) kind: ThreadKind,
    pub(super) title: &'static str,
    pub(super) tags: &'static [&'static str],
    pub(super) author: &'static str,
    pub(super) started_at: &'static str,
    pub(super) body: &'static str,
    pub(super) posts: &'static [(&'static str, &'static str)],
    pub(super) accepted: Option<usize>,
}

/// Realistic threads: 3–5 per open network, 1–2 per members-only network.
pub fn threads() -> Vec<ThreadDef> {
    TILLSYN
        .iter()
        .chain(GROUPS)
        .map(|row| ThreadDef {
            network: row.network,
            kind: row.kind,
            title: row.title,
            tags: row.tags.to_vec(),
            author: who(row.author),
            body: row.body,
            started_at: row.started_at,
            posts: row
                .posts
                .iter()
                .map(|&(name, body)| (who(name), body))
                .collect(),
            accepted: row.accepted,
        })
        .collect()
}
